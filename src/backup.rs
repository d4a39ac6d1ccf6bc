//! The database's backups: taken into `backups/` beside the file and kept in tiers (days,
//! weeks, months), listed newest first for the restore dialog, and restored as a transaction over
//! files: the copy is made and checked beside the database, the current file is kept aside, and one
//! rename puts the copy in place, so on any failure the database is where it was.

use crate::domain::backups::{Retention, file_name, taken_at, to_keep};
use crate::paths::backup_folder;
use crate::store::{Store, StoreError, verify_file, with_suffix};
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};

/// One backup file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupInfo {
    pub path: PathBuf,
    pub taken_at: NaiveDateTime,
    pub bytes: u64,
    /// Taken before a schema upgrade (kept apart from the tiers).
    pub before_upgrade: bool,
}

/// When a backup file was taken: regular and pre-upgrade names both carry the moment.
fn moment(name: &str) -> Option<(NaiveDateTime, bool)> {
    if let Some(at) = taken_at(name) {
        return Some((at, false));
    }
    let rest = name.strip_prefix("pre-upgrade-v")?;
    let stamp = rest.split_once('-')?.1.strip_suffix(".sqlite")?;
    NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok().map(|at| (at, true))
}

/// The backups of the database at `db`, newest first.
pub fn list(db: &Path) -> std::io::Result<Vec<BackupInfo>> {
    let folder = backup_folder(db);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some((taken_at, before_upgrade)) = moment(&name) {
            out.push(BackupInfo { path: entry.path(), taken_at, bytes: entry.metadata()?.len(), before_upgrade });
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(out)
}

/// Takes a verified backup of the open database at `now`, then removes the regular backups the
/// retention tiers no longer keep. Returns the new backup's path.
pub fn take(store: &Store, now: NaiveDateTime, retention: Retention) -> Result<PathBuf, StoreError> {
    let db = store.path().ok_or(StoreError::NotFound)?;
    let dest = backup_folder(db).join(file_name(now));
    store.backup_to(&dest)?;
    let regular: Vec<BackupInfo> = list(db)?.into_iter().filter(|b| !b.before_upgrade).collect();
    let keep = to_keep(&regular.iter().map(|b| b.taken_at).collect::<Vec<_>>(), retention);
    for (i, backup) in regular.iter().enumerate() {
        if !keep.contains(&i) {
            std::fs::remove_file(&backup.path)?;
        }
    }
    log::info!("backup {}", dest.display());
    Ok(dest)
}

/// The newest backup of the database at `db` that passes `integrity_check`.
pub fn newest_good(db: &Path) -> Option<BackupInfo> {
    list(db).ok()?.into_iter().find(|b| verify_file(&b.path).is_ok())
}

/// Moves a damaged database (with its -wal and -shm) aside as `*.damaged-<time>`, unchanged,
/// so nothing writes to it and it stays for whoever wants to rescue it.
pub fn set_aside(db: &Path, label: &str, now: NaiveDateTime) -> std::io::Result<PathBuf> {
    let aside = PathBuf::from(format!("{}.{label}-{}", db.display(), now.format("%Y%m%d-%H%M%S")));
    std::fs::rename(db, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        if side.exists() {
            std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", aside.display())))?;
        }
    }
    Ok(aside)
}

/// Whether `a` and `b` name the same file (through links or `..`); a missing file is no file.
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
}

/// Refuses `out` as a place to write a file the user asked for when it is the database at `db`
/// or one of its companions (lock, WAL, shared memory, journal), and, unless `copy` (a backup
/// may replace an earlier backup), any SQLite file: a PDF or an export written there would
/// replace a bureau's data.
pub fn refuse_database_target(out: &Path, db: &Path, copy: bool) -> Result<(), StoreError> {
    let real = crate::files::real_path(db);
    let companion = ["", "-wal", "-shm", "-journal", ".lock"]
        .iter()
        .any(|suffix| same_file(out, &with_suffix(db, suffix)) || same_file(out, &with_suffix(&real, suffix)));
    let mut head = [0u8; 16];
    let sqlite = !copy
        && std::fs::File::open(out).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head)).is_ok()
        && &head == b"SQLite format 3\0";
    if companion || sqlite { Err(StoreError::IsTheDatabase(out.to_owned())) } else { Ok(()) }
}

/// Puts `backup` in place of the database at `db` (which must be closed), as a transaction over
/// files: the backup is verified, copied beside the database as `<db>.restoring`, synced and
/// verified again there; the current file is copied aside as `*.before-restore-<time>` (with its
/// -wal and -shm); then one rename puts the copy in place. Until that rename the database is
/// untouched, and on any failure before it the copies are removed. Returns where the current file
/// was kept (empty when there was none).
pub fn restore(db: &Path, backup: &Path, now: NaiveDateTime) -> Result<PathBuf, StoreError> {
    verify_file(backup)?;
    if same_file(db, backup) {
        return Err(StoreError::IsTheDatabase(backup.to_owned()));
    }
    let incoming = with_suffix(db, ".restoring");
    let _ = std::fs::remove_file(&incoming);
    let staged = (|| {
        std::fs::copy(backup, &incoming)?;
        std::fs::OpenOptions::new().write(true).open(&incoming)?.sync_all()?;
        verify_file(&incoming)
    })();
    if let Err(e) = staged {
        let _ = std::fs::remove_file(&incoming);
        return Err(e);
    }
    let aside = if db.exists() {
        PathBuf::from(format!("{}.before-restore-{}", db.display(), now.format("%Y%m%d-%H%M%S")))
    } else {
        PathBuf::new()
    };
    let sides = ["", "-wal", "-shm"];
    let kept = (|| -> std::io::Result<()> {
        if aside.as_os_str().is_empty() {
            return Ok(());
        }
        for suffix in sides {
            let from = with_suffix(db, suffix);
            if from.exists() {
                let to = with_suffix(&aside, suffix);
                std::fs::copy(&from, &to)?;
                std::fs::OpenOptions::new().write(true).open(&to)?.sync_all()?;
            }
        }
        Ok(())
    })();
    if let Err(e) = kept {
        let _ = std::fs::remove_file(&incoming);
        for suffix in sides {
            let _ = std::fs::remove_file(with_suffix(&aside, suffix));
        }
        return Err(e.into());
    }
    // The old write-ahead log must not meet the restored file (it is kept aside above).
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(db, suffix));
    }
    if let Err(e) = std::fs::rename(&incoming, db) {
        let _ = std::fs::remove_file(&incoming);
        return Err(e.into());
    }
    // The restored file has another history: this computer's record of its chain starts again.
    if let Err(e) = crate::store::restart_head_record(db) {
        log::warn!("could not record the restored audit chain's head of {}: {e}", db.display());
    }
    log::info!("restored {} from {}; the previous file is {}", db.display(), backup.display(), aside.display());
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pre_upgrade_names_are_recognised() {
        let (at, before) = moment("pre-upgrade-v2-20130301-090000.sqlite").unwrap();
        assert!(before);
        assert_eq!(at.format("%Y-%m-%d %H").to_string(), "2013-03-01 09");
        assert_eq!(moment("nengli-20130301-090000.sqlite").map(|m| m.1), Some(false));
        assert_eq!(moment("notes.txt"), None);
    }
}
