//! Files the user asked for: written so that a crash or a full disk never leaves half of one
//! (a temporary file beside the target, synced, then renamed over it), and opened in the
//! system's viewer.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Replaces `path` whole or not at all: `write` fills a temporary file beside it, which is then
/// synced and renamed over `path`; on any failure the temporary file is removed.
pub fn replace_atomically<E: From<std::io::Error>>(path: &Path, write: impl FnOnce(&Path) -> Result<(), E>) -> Result<(), E> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let _ = std::fs::remove_file(&partial);
    let result = (|| {
        write(&partial)?;
        // Opened for writing: Windows flushes a file only through a handle that may write it.
        std::fs::OpenOptions::new().write(true).open(&partial)?.sync_all()?;
        std::fs::rename(&partial, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
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
}
