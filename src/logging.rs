//! A small file logger for support: one file a day in the data folder's `logs/`, each capped
//! in size, the oldest removed after two weeks. Records opens, migrations and errors.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Largest size of one day's log file.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;
/// How many daily files are kept.
pub const KEEP_DAYS: usize = 14;

struct FileLogger {
    dir: PathBuf,
    state: Mutex<Option<(String, File)>>,
}

impl FileLogger {
    fn write_line(&self, line: &str) {
        let day = chrono::Local::now().format("%Y-%m-%d").to_string();
        let Ok(mut state) = self.state.lock() else { return };
        if state.as_ref().is_none_or(|(d, _)| *d != day) {
            let path = self.dir.join(format!("nengli-{day}.log"));
            *state = OpenOptions::new().create(true).append(true).open(path).ok().map(|f| (day, f));
        }
        if let Some((_, file)) = state.as_mut()
            && file.metadata().map(|m| m.len()).unwrap_or(0) < MAX_FILE_BYTES
        {
            let _ = writeln!(file, "{line}");
        }
    }
}

impl log::Log for FileLogger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Info && metadata.target().starts_with("nengli")
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.enabled(record.metadata()) {
            let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
            self.write_line(&format!("{now} {:5} {}", record.level(), record.args()));
        }
    }

    fn flush(&self) {}
}

/// Removes all but the newest `KEEP_DAYS` log files in `dir`.
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut logs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("nengli-") && n.ends_with(".log")))
        .collect();
    logs.sort();
    let excess = logs.len().saturating_sub(KEEP_DAYS);
    for old in &logs[..excess] {
        let _ = std::fs::remove_file(old);
    }
}

/// Starts logging into `dir`; does nothing if the folder cannot be made.
pub fn init(dir: &Path) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    prune(dir);
    let logger = FileLogger { dir: dir.to_owned(), state: Mutex::new(None) };
    if log::set_boxed_logger(Box::new(logger)).is_ok() {
        log::set_max_level(log::LevelFilter::Info);
    }
}
