//! The one place that speaks SQLite. Opening a file checks it is ours and not from a newer
//! version before anything is written; every change runs in one IMMEDIATE transaction through
//! [`Store::write`]; reads go through the same [`Db`] handle. One module per aggregate.

mod accounts;
mod audit;
mod ballots;
mod cadre;
mod catalogue;
mod check;
mod meta;
mod migrate;
mod officials;
mod package;
mod posts;
mod programme;
mod publicity;
mod routine;
mod selfcheck;
mod standards;
mod standing;
mod training;
mod units;
pub mod wal;
mod yearend;

pub use crate::domain::audit::AuditRow;
pub use crate::domain::training_views::FileLine;
pub use accounts::Credentials;
pub use audit::{BALLOT_ACTOR, read_head_record, restart_head_record, write_head_record};
pub use ballots::TallyRow;
pub use check::{CheckProblem, SETUP_COMPLETE, SETUP_KEY, SETUP_STARTED, check_file};
pub use meta::{BureauInfo, DEMO_TODAY_KEY};
pub use migrate::{APPLICATION_ID, LATEST_VERSION};
pub use package::{PACKAGE_APPLICATION_ID, read_package, write_package};
pub use selfcheck::CheckLevels;
pub use units::UnitUsage;
pub use wal::{Session, WalMark, WalVerdict, discard_wal, read_session, wal_verdict};
pub use yearend::HistoryRow;

use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why the store could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no database at {0}")]
    Missing(PathBuf),
    #[error("the file is not a nengli database (it belongs to another program)")]
    Foreign,
    #[error("the file is not an SQLite database, or it is damaged")]
    NotADatabase,
    #[error("the file was made by a newer version of nengli (schema {found}, this version knows {supported})")]
    TooNew { found: i64, supported: i64 },
    #[error("the database is busy in another program")]
    Busy,
    /// The file is ours but SQLite's quick check finds it damaged; nothing was written to it.
    #[error("the database file is damaged: {0}")]
    Damaged(String),
    #[error("the database refused the change: {0}")]
    Constraint(String),
    /// Bringing the file from schema `from` to this version's failed; it was left as it was.
    #[error("the database could not be upgraded from schema {from}; it was left as it was: {detail}")]
    UpgradeFailed { from: i64, detail: String },
    /// A text read back is not valid UTF-8: bytes inside the file were changed (`check` names
    /// the table and record).
    #[error("the database holds damaged text")]
    BadText,
    #[error("record not found")]
    NotFound,
    /// A write-ahead log beside the database that nengli did not leave when it last closed the
    /// file: not applied, the database untouched.
    #[error("a write-ahead log beside {0} was not left by nengli; it was not applied")]
    UnknownWal(PathBuf),
    /// A file was to be written over the open database or one of its companions (a restore from
    /// the database itself, a PDF or export aimed at it); nothing was written.
    #[error("that is the database itself (or its lock, journal or another nengli database): {0}")]
    IsTheDatabase(PathBuf),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("{0}")]
    NotAFile(#[from] crate::files::NotAFile),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        match &error {
            rusqlite::Error::SqliteFailure(e, msg) => match e.code {
                ErrorCode::ConstraintViolation => StoreError::Constraint(msg.clone().unwrap_or_else(|| e.to_string())),
                ErrorCode::NotADatabase => StoreError::NotADatabase,
                ErrorCode::DatabaseCorrupt => StoreError::Damaged(msg.clone().unwrap_or_else(|| e.to_string())),
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => StoreError::Busy,
                _ => StoreError::Sqlite(error),
            },
            rusqlite::Error::QueryReturnedNoRows => StoreError::NotFound,
            rusqlite::Error::Utf8Error(..) => StoreError::BadText,
            _ => StoreError::Sqlite(error),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Whether opening may create a new database file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file (and its folder) when it does not exist.
    Create,
    /// Refuse a path where no file exists.
    Existing,
}

/// What the first 100 bytes of a file say about it, read without SQLite so nothing is written.
#[derive(Debug, PartialEq, Eq)]
enum Probe {
    /// No file, or an empty one, or an SQLite file with no schema at all.
    Fresh,
    /// One of ours at this schema version.
    Ours { version: i64 },
}

fn probe(path: &Path) -> Result<Probe> {
    crate::files::require_regular(path)?;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Probe::Fresh),
        Err(e) => return Err(e.into()),
    };
    let mut header = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut header)?;
    if header.is_empty() {
        return Ok(Probe::Fresh);
    }
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(StoreError::NotADatabase);
    }
    let be32 = |at: usize| i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    let (schema_cookie, user_version, application_id) = (be32(40), be32(60), be32(68));
    match application_id {
        APPLICATION_ID => {
            let version = i64::from(user_version);
            if version > LATEST_VERSION {
                Err(StoreError::TooNew { found: version, supported: LATEST_VERSION })
            } else {
                Ok(Probe::Ours { version })
            }
        }
        0 if schema_cookie == 0 && user_version == 0 => Ok(Probe::Fresh),
        _ => Err(StoreError::Foreign),
    }
}

/// Refuses, without writing a byte, a file that holds no database of ours yet (missing, empty,
/// or an SQLite file with no schema): commands that only read or check a bureau must not set one
/// up by opening it.
pub fn require_existing(path: &Path) -> Result<()> {
    match probe(path)? {
        Probe::Fresh if !path.exists() => Err(StoreError::Missing(path.to_owned())),
        Probe::Fresh => Err(StoreError::NotADatabase),
        Probe::Ours { .. } => Ok(()),
    }
}

/// An open nengli database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Schema versions applied while opening (empty when the file was current).
    migrated: Vec<i64>,
    network_share: bool,
    /// The chain's head is recorded outside the file after each write: only while the file's
    /// chain still holds the head recorded before it was opened (a chain found rewritten keeps
    /// its record, so `check` goes on reporting it).
    head: HeadKeeping,
    /// This store records the file open and closed on this computer (see `wal.rs`).
    session: bool,
}

impl Drop for Store {
    /// Empties the write-ahead log into the file, then records it closed with any log it leaves.
    fn drop(&mut self) {
        if let Some(path) = self.path.as_deref().filter(|_| self.session) {
            let _ = self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
            wal::mark_closed(path);
        }
    }
}

/// Whether and how a store records its audit chain's head in the user's data folder.
#[derive(Debug, Default)]
struct HeadKeeping {
    record: bool,
    /// A new file: the record is started afresh at its first head.
    fresh: std::cell::Cell<bool>,
    /// The head recorded last, so an unchanged head is not written again.
    last: std::cell::RefCell<Option<crate::domain::audit::ChainHead>>,
}

impl Store {
    /// Opens (or creates) the database at `path`, refusing foreign and newer files untouched.
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        Store::open_on(path, mode, crate::paths::on_network_share(path))
    }

    /// [`Store::open`] told whether the file lies on a network share; tests use it to open a
    /// local file in the network-share safe mode.
    #[doc(hidden)]
    pub fn open_on(path: &Path, mode: OpenMode, network_share: bool) -> Result<Store> {
        if mode == OpenMode::Existing && !path.exists() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        // Before anything reads the file through SQLite, which would apply the log.
        if wal::wal_verdict(path) == wal::WalVerdict::Unknown {
            return Err(StoreError::UnknownWal(path.to_owned()));
        }
        let fresh = match probe(path)? {
            Probe::Ours { .. } => {
                // The whole file is read only when it may have changed since nengli last closed
                // it cleanly, or at the first open of the day; damage is found before any write.
                let today = chrono::Local::now().date_naive();
                if !wal::trusted(path, today) {
                    quick_check(path)?;
                    wal::record_checked(path, today);
                }
                false
            }
            Probe::Fresh => true,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
            // Half-written copies and backups of writers that were killed are of no use to anyone.
            crate::files::sweep_partials(dir, None);
            crate::files::sweep_partials(&crate::paths::backup_folder(path), None);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        let mut store = Store::prepare(conn, Some(path.to_owned()), true, network_share)?;
        store.head = store.head_keeping(path, fresh);
        if !network_share {
            wal::mark_open(path, true);
            store.session = true;
        }
        Ok(store)
    }

    /// Whether this file's chain may be recorded from now on: a new file starts afresh; an
    /// existing one only while it holds the head recorded before (none recorded: it does).
    fn head_keeping(&self, path: &Path, fresh: bool) -> HeadKeeping {
        let holds = fresh
            || match audit::read_head_record(path) {
                None => true,
                Some(record) => match self.read().judge_head(&record.head) {
                    Ok(crate::domain::audit::HeadVerdict::Holds) => true,
                    Ok(verdict) => {
                        log::warn!("{}: the audit chain does not hold its recorded head ({verdict:?})", path.display());
                        false
                    }
                    Err(_) => false,
                },
            };
        HeadKeeping { record: holds, fresh: std::cell::Cell::new(fresh), last: std::cell::RefCell::new(None) }
    }

    /// Records the chain's head in the user's data folder when it changed (see [`HeadKeeping`]).
    /// A failure is logged: the record is a second witness, never a reason to lose work.
    fn record_head(&self) {
        let Some(path) = self.path.as_deref().filter(|_| self.head.record) else { return };
        let Ok(Some(head)) = self.read().audit_head() else { return };
        if self.head.last.borrow().as_ref() == Some(&head) {
            return;
        }
        let since = self.head.fresh.replace(false).then(|| chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string());
        match audit::write_head_record(path, &head, since) {
            Ok(()) => *self.head.last.borrow_mut() = Some(head),
            Err(e) => log::warn!("could not record the audit chain's head of {}: {e}", path.display()),
        }
    }

    /// Opens the database at `path` for reading only: nothing is written to it, not even an
    /// upgrade or a journal change (for `check`). A file that is not ours, or newer, is refused.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::Missing(path.to_owned()));
        }
        // The header may still be only in the write-ahead log of a file open elsewhere, so a
        // fresh-looking file is asked again through SQLite, which reads the log too.
        probe(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // Without a write-ahead log beside it, nobody has the file open: it is read as immutable,
        // so SQLite leaves no -wal or -shm file behind either.
        let conn = if with_suffix(path, "-wal").exists() {
            Connection::open_with_flags(path, flags)?
        } else {
            Connection::open_with_flags(immutable_uri(path), flags | OpenFlags::SQLITE_OPEN_URI)?
        };
        conn.busy_timeout(Duration::from_secs(5))?;
        let application_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if application_id != APPLICATION_ID {
            return Err(if application_id == 0 && objects == 0 { StoreError::NotADatabase } else { StoreError::Foreign });
        }
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew { found: version, supported: LATEST_VERSION });
        }
        conn.pragma_update(None, "query_only", true)?;
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
            migrated: Vec::new(),
            network_share: false,
            head: HeadKeeping::default(),
            session: false,
        })
    }

    /// A private in-memory database, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        Store::prepare(Connection::open_in_memory()?, None, false, false)
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>, on_disk: bool, network_share: bool) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // Check again through SQLite itself before the first write (a WAL file may hold a newer header).
        let application_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let objects: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if application_id != APPLICATION_ID && (application_id != 0 || objects > 0 || version != 0) {
            return Err(StoreError::Foreign);
        }
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew { found: version, supported: LATEST_VERSION });
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        if on_disk {
            // WAL needs shared memory, which a network filesystem does not give: there the
            // rollback journal keeps the file safe (one writer at a time, as the lock file ensures).
            let wanted = if network_share { "DELETE" } else { "WAL" };
            let mode: String = conn.pragma_update_and_check(None, "journal_mode", wanted, |r| r.get(0))?;
            if network_share {
                log::warn!(
                    "{}: on a network share, opened with journal_mode={mode}",
                    path.as_deref().map(Path::display).map(|d| d.to_string()).unwrap_or_default()
                );
            }
            log::debug!("journal_mode={mode}");
        }
        conn.pragma_update(None, "synchronous", "FULL")?;
        if let Some(path) = path.as_deref().filter(|_| on_disk && version > 0 && version < LATEST_VERSION) {
            // Kept until a later upgrade succeeds: the file exactly as it was before this one.
            let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
            let dest = crate::paths::backup_folder(path).join(format!("pre-upgrade-v{version}-{stamp}.sqlite"));
            write_copy(&conn, &dest)?;
            log::info!("backup before upgrading {} from schema {version}: {}", path.display(), dest.display());
        }
        let migrated = migrate::migrate(&mut conn, |conn, applied| {
            let db = Db { conn };
            if applied.contains(&4) {
                // Entries written before the chain existed are linked in their order.
                db.audit_chain(true)?;
            }
            if applied.contains(&2) {
                // A bureau set up before the scale existed gets the shipped one.
                db.insert_scale(&crate::domain::standards::ScaleFile::shipped())?;
            }
            if applied.contains(&6) && db.bureau()?.is_some() {
                // A bureau set up before the training register gets the shipped types and quotas.
                db.insert_training_defaults(&crate::domain::training::TrainingFile::shipped())?;
            }
            if applied.contains(&3) {
                // A bureau set up before programmes existed gets this year's from its catalogue.
                if let Some(bureau) = db.bureau()? {
                    db.create_programme(bureau.year, &db.catalogue()?)?;
                }
            }
            Ok(())
        })
        .map_err(|e| match e {
            StoreError::TooNew { .. } | StoreError::Busy | StoreError::Io(_) => e,
            other => StoreError::UpgradeFailed { from: version, detail: other.to_string() },
        })?;
        if !migrated.is_empty() {
            log::info!(
                "migrated {} to schema {:?}",
                path.as_deref().map(Path::display).map(|d| d.to_string()).unwrap_or_default(),
                migrated
            );
        }
        Ok(Store { conn, path, migrated, network_share, head: HeadKeeping::default(), session: false })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether the file lies on a network share (opened with a rollback journal, not WAL).
    pub fn on_network_share(&self) -> bool {
        self.network_share
    }

    /// The journal mode SQLite reports for the open file (`wal`, `delete`, `memory`).
    pub fn journal_mode(&self) -> Result<String> {
        Ok(self.conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?)
    }

    /// Schema versions applied while opening.
    pub fn migrated(&self) -> &[i64] {
        &self.migrated
    }

    /// The read handle.
    pub fn read(&self) -> Db<'_> {
        Db { conn: &self.conn }
    }

    /// Runs `change` in one IMMEDIATE transaction: committed when it returns `Ok`, rolled back
    /// (leaving nothing, audit rows included) when it returns `Err`.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        change: impl FnOnce(&Db<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let value = change(&Db { conn: &tx })?;
        tx.commit().map_err(StoreError::from)?;
        self.record_head();
        if let Some(path) = self.path.as_deref().filter(|_| self.session) {
            wal::mark_open(path, false);
        }
        Ok(value)
    }

    /// Writes a consistent copy of the database to `dest` while it stays in use: the copy goes
    /// to a temporary file, is checked (ours, `integrity_check`), synced, then renamed in place.
    /// The copy holds the chain up to its head; this computer's record is brought up to it too.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        write_copy(&self.conn, dest)?;
        self.record_head();
        Ok(())
    }

    /// Runs raw SQL; only for tests that prove the schema's own checks.
    #[doc(hidden)]
    pub fn execute_raw(&self, sql: &str) -> Result<usize> {
        Ok(self.conn.execute(sql, [])?)
    }
}

fn write_copy(conn: &Connection, dest: &Path) -> Result<()> {
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    crate::files::replace_atomically(dest, |partial| {
        conn.execute("VACUUM INTO ?1", [partial.to_string_lossy()])?;
        verify_file(partial)
    })
}

/// SQLite's `quick_check` through a read-only connection, before anything writes to the file.
fn quick_check(path: &Path) -> Result<()> {
    let verdict = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .and_then(|conn| conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)));
    match verdict {
        Ok(verdict) if verdict == "ok" => Ok(()),
        Ok(verdict) => Err(StoreError::Damaged(verdict)),
        Err(e) => match StoreError::from(e) {
            StoreError::NotADatabase => Err(StoreError::Damaged("not a database".into())),
            StoreError::Sqlite(e) => Err(StoreError::Damaged(e.to_string())),
            other => Err(other),
        },
    }
}

/// Checks that `path` is a whole nengli database this version can open: ours, not newer,
/// and passing `integrity_check`. Nothing is written to it.
pub fn verify_file(path: &Path) -> Result<()> {
    match probe(path)? {
        Probe::Fresh => return Err(StoreError::NotADatabase),
        Probe::Ours { .. } => {}
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict == "ok" { Ok(()) } else { Err(StoreError::NotADatabase) }
}

/// `path` with `suffix` added to its name (`nengli.sqlite` → `nengli.sqlite-wal`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The `file:` URI that opens `path` as an immutable database (no locks, no journal files).
pub(crate) fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    if text.as_bytes().get(1) == Some(&b':') {
        uri.push('/');
    }
    for c in text.chars() {
        match c {
            '%' => uri.push_str("%25"),
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            c => uri.push(c),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Reads and writes on one connection or transaction.
pub struct Db<'c> {
    conn: &'c Connection,
}

/// Reads a text column holding a vocabulary code, failing loudly on an unknown one.
fn code<T>(row: &rusqlite::Row<'_>, index: usize, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, format!("unknown code {text:?}").into())
    })
}

/// A fresh stable id for a new record (kept in exchange packages and roll-ups).
pub fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_reads_the_header_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite");
        assert_eq!(probe(&path).unwrap(), Probe::Fresh);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(probe(&path).unwrap(), Probe::Fresh);
        std::fs::write(&path, b"hello, this is a text file").unwrap();
        assert!(matches!(probe(&path), Err(StoreError::NotADatabase)));
        // A file of ours as its header says it (made without a store, which would record the file
        // in the user's data folder).
        let ours = path.with_extension("db");
        let conn = rusqlite::Connection::open(&ours).unwrap();
        conn.execute_batch(&format!(
            "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {LATEST_VERSION}; CREATE TABLE t (x);"
        ))
        .unwrap();
        drop(conn);
        assert_eq!(probe(&ours).unwrap(), Probe::Ours { version: LATEST_VERSION });
    }
}
