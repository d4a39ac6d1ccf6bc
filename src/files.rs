//! Files the user asked for: written so that a crash or a full disk never leaves half of one
//! (a temporary file beside the target, synced, then renamed over it), and opened in the
//! system's viewer. Inputs the user names are read only when they are regular files.
//!
//! Each writer's temporary file carries its process number (`out.pdf.4711-1.partial`), so two
//! writers to one target (two backups at once) never remove each other's: both finish, the
//! later rename wins, and the target is always one whole file. A writer removes its own
//! temporary file on every way out (an error, a stop, a panic); one left by a killed process
//! is swept the next time the same target is written and, beside a database, when it opens.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A path the user named as input that is not a regular file (a folder, a pipe, a device):
/// reading a pipe would wait for a writer forever, a device may never end.
#[derive(Debug, thiserror::Error)]
#[error("{} is not a regular file", .0.display())]
pub struct NotAFile(pub PathBuf);

/// Refuses, without opening it, a path that exists and is not a regular file (links are
/// followed). A missing path passes: opening it reports that.
pub fn require_regular(path: &Path) -> Result<(), NotAFile> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(NotAFile(path.to_owned())),
        _ => Ok(()),
    }
}

/// The file `path` really is: links and `..` resolved. A path that does not exist yet is its
/// folder's real path with its name.
pub fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let folder = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match (std::fs::canonicalize(folder), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => path.to_owned(),
    }
}

static WRITES: AtomicU64 = AtomicU64::new(0);

/// A temporary file beside its target, removed when dropped unless it was renamed in place.
struct Partial {
    path: PathBuf,
    done: bool,
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// How a temporary file of `target` is named: `<target>.<process>-<n>.partial`.
fn partial_name(target: &Path) -> PathBuf {
    let mut name = target.as_os_str().to_owned();
    name.push(format!(".{}-{}.partial", std::process::id(), WRITES.fetch_add(1, Ordering::Relaxed)));
    PathBuf::from(name)
}

/// Whether the process that named a temporary file `…<pid>-<n>.partial` may still be writing
/// it: on Linux, whether it runs; elsewhere, whether the file changed within the hour.
fn writer_alive(pid: u32, modified: Option<std::time::SystemTime>) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    modified.and_then(|m| m.elapsed().ok()).is_none_or(|age| age < std::time::Duration::from_secs(3600))
}

/// Removes the temporary files left in `folder` by writers that were killed (of `target` only,
/// when given). Returns how many were removed.
pub fn sweep_partials(folder: &Path, target: Option<&Path>) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else { return 0 };
    let prefix = target.and_then(Path::file_name).map(|n| format!("{}.", n.to_string_lossy()));
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".partial") else { continue };
        if prefix.as_deref().is_some_and(|p| !name.starts_with(p)) {
            continue;
        }
        let Some(pid) = stem.rsplit('.').next().and_then(|tail| tail.split_once('-')).and_then(|(pid, _)| pid.parse::<u32>().ok()) else {
            continue;
        };
        let modified = entry.metadata().and_then(|m| m.modified()).ok();
        if entry.file_type().is_ok_and(|t| t.is_file()) && !writer_alive(pid, modified) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Replaces `path` whole or not at all: `write` fills a temporary file beside it, which is then
/// synced and renamed over `path`; on any failure (or a panic) the temporary file is removed.
pub fn replace_atomically<E: From<std::io::Error>>(path: &Path, write: impl FnOnce(&Path) -> Result<(), E>) -> Result<(), E> {
    if let Some(folder) = path.parent() {
        sweep_partials(if folder.as_os_str().is_empty() { Path::new(".") } else { folder }, Some(path));
    }
    let mut partial = Partial { path: partial_name(path), done: false };
    write(&partial.path)?;
    // Opened for writing: Windows flushes a file only through a handle that may write it.
    std::fs::OpenOptions::new().write(true).open(&partial.path)?.sync_all()?;
    std::fs::rename(&partial.path, path)?;
    partial.done = true;
    Ok(())
}

pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_atomically(path, |partial| std::fs::File::create(partial)?.write_all(bytes))
}

/// `name` as a file name every system accepts: letters (any script), digits, `-` and `_` kept,
/// anything else (`/`, `.`, spaces, `:`…) made `_`.
pub fn safe_file_name(name: &str) -> String {
    let safe: String = name.trim().chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if safe.is_empty() { "_".to_owned() } else { safe }
}

/// Opens `path` in the program the system associates with it (a PDF viewer).
pub fn open_with_system(path: &Path) -> std::io::Result<()> {
    let mut command = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    command.arg(path).spawn().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_target_is_replaced_whole_and_no_partial_file_remains() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(write_atomically(&dir.path().join("missing/out.csv"), b"x").is_err());
    }

    #[test]
    fn a_failed_or_panicking_write_leaves_no_partial_and_a_dead_writers_is_swept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        let failed: Result<(), std::io::Error> = replace_atomically(&path, |partial| {
            std::fs::write(partial, b"half")?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        let panicked = std::panic::catch_unwind(|| {
            let _ = replace_atomically::<std::io::Error>(&path, |partial| {
                std::fs::write(partial, b"half").unwrap();
                panic!("a bug while writing")
            });
        });
        assert!(panicked.is_err());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no temporary file stays behind");
        // One left by a process that no longer runs (on Linux: no such process number).
        let stale = dir.path().join("out.pdf.4294967294-0.partial");
        std::fs::write(&stale, b"half").unwrap();
        let unrelated = dir.path().join("notes.partial.txt");
        std::fs::write(&unrelated, b"mine").unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(sweep_partials(dir.path(), None), 1);
            assert!(!stale.exists() && unrelated.exists());
        }
    }

    #[test]
    fn only_regular_files_are_inputs_and_links_resolve_to_one_real_path() {
        let dir = tempfile::tempdir().unwrap();
        assert!(require_regular(dir.path()).is_err(), "a folder");
        assert!(require_regular(&dir.path().join("absent")).is_ok(), "missing is for the open to say");
        let file = dir.path().join("a.sqlite");
        std::fs::write(&file, b"x").unwrap();
        assert!(require_regular(&file).is_ok());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.sqlite");
            std::os::unix::fs::symlink(&file, &link).unwrap();
            assert_eq!(real_path(&link), real_path(&file));
            assert_eq!(real_path(&dir.path().join("new.sqlite")), real_path(dir.path()).join("new.sqlite"));
            assert!(require_regular(Path::new("/dev/null")).is_err(), "a device");
        }
    }
}
