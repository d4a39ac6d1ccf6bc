//! One writer per database: a window (or a writing command) holds an exclusive lock on
//! `<database>.lock` (beside the real file, links resolved) while it has the file open, so a second copy of the app is told the
//! database is open elsewhere instead of both writing. The operating system drops the lock
//! when the process ends, even after a crash.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The held lock; dropping it releases the database.
#[derive(Debug)]
pub struct DbLock {
    _file: File,
    pub path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("the database is open in another window or on another computer")]
    Busy,
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

/// The lock file of a database: beside the file it really is, so a link to it or a path
/// through `..` finds the same lock.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = crate::files::real_path(db).into_os_string();
    name.push(".lock");
    PathBuf::from(name)
}

/// Takes the database's lock, or says it is held elsewhere.
pub fn acquire(db: &Path) -> Result<DbLock, LockError> {
    let path = lock_path(db);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(DbLock { _file: file, path }),
        Err(TryLockError::WouldBlock) => Err(LockError::Busy),
        Err(TryLockError::Error(e)) => Err(LockError::Io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bureau.sqlite");
        let first = acquire(&db).unwrap();
        assert!(matches!(acquire(&db), Err(LockError::Busy)));
        drop(first);
        assert!(acquire(&db).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_the_database_finds_the_same_lock() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("bureau.sqlite");
        std::fs::write(&db, b"").unwrap();
        let link = dir.path().join("elsewhere.sqlite");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        let first = acquire(&db).unwrap();
        assert!(matches!(acquire(&link), Err(LockError::Busy)));
        drop(first);
        let through_link = acquire(&link).unwrap();
        assert!(matches!(acquire(&db), Err(LockError::Busy)));
        assert_eq!(through_link.path, lock_path(&db));
    }
}
