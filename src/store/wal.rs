//! A write-ahead log (`-wal`) is applied only when nengli wrote it: this computer records, in its
//! data folder, when nengli opens a database and when it closes it (with the header of any log
//! it left), so a log found beside a file that was closed cleanly and that nengli did not leave
//! is reported before SQLite can apply it. A log left by a crash (the record still says open) is
//! recovered as SQLite always does.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The identity of a write-ahead log: its checkpoint sequence and salts (bytes 12–23 of its
/// header), which SQLite changes whenever it starts the log afresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalMark {
    pub checkpoint: u32,
    pub salt1: u32,
    pub salt2: u32,
}

/// Whether nengli has a database open, as this computer last recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub open: bool,
    /// The process that recorded it.
    pub pid: u32,
    /// The log left beside the file when it was closed (none: no log, or an empty one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wal: Option<WalMark>,
    /// The file as nengli left it at a clean close: what a later open compares before it trusts
    /// the file without reading it whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    /// The day the file last passed SQLite's `quick_check` at an open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<chrono::NaiveDate>,
}

/// A file's size and modification time, in nanoseconds since the epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub modified: i128,
}

/// The database file's stamp now, if it can be read.
pub fn stamp(db: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(db).ok()?;
    let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?.as_nanos();
    Some(Stamp { size: meta.len(), modified: i128::try_from(modified).ok()? })
}

/// Whether the file may be opened without `quick_check`: nengli closed it cleanly, it has not
/// changed since (size and modification time as recorded then), no log waits beside it, and it
/// passed a check today. Anything else — no record, a crash, a change by another program, the
/// first open of the day — is checked.
pub fn trusted(db: &Path, today: chrono::NaiveDate) -> bool {
    let Some(session) = read_session(db) else { return false };
    !session.open
        && session.wal.is_none()
        && session.checked == Some(today)
        && session.stamp.is_some()
        && session.stamp == stamp(db)
        && wal_mark(&super::with_suffix(db, "-wal")).is_none()
}

/// Records that the file passed `quick_check` today.
pub fn record_checked(db: &Path, today: chrono::NaiveDate) {
    let session = read_session(db).unwrap_or(Session { open: false, pid: std::process::id(), wal: None, stamp: None, checked: None });
    if let Err(e) = write_session(db, &Session { checked: Some(today), ..session }) {
        log::warn!("could not record {} as checked: {e}", db.display());
    }
}

/// What the log beside a database is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WalVerdict {
    /// No log holding any change (none, empty, or a header without frames).
    Absent,
    /// Left by nengli: the file was open when last recorded (a crash), or the log is the one
    /// recorded at close; or this computer has no record at all (it cannot tell).
    Ours,
    /// A log with changes beside a file nengli closed without it: not applied.
    Unknown,
}

/// The header of the log at `wal`, if it holds at least one frame.
fn wal_mark(wal: &Path) -> Option<WalMark> {
    use std::io::Read;
    let file = std::fs::File::open(wal).ok()?;
    let length = file.metadata().ok()?.len();
    let mut header = [0u8; 32];
    file.take(32).read_exact(&mut header).ok()?;
    let be32 = |at: usize| u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    let page = be32(8) as u64;
    // A frame is 24 bytes of header and a page; a log without one changes nothing.
    if length < 32 + 24 + page.max(512) {
        return None;
    }
    Some(WalMark { checkpoint: be32(12), salt1: be32(16), salt2: be32(20) })
}

pub fn read_session(db: &Path) -> Option<Session> {
    serde_json::from_str(&std::fs::read_to_string(crate::paths::session_record(db)).ok()?).ok()
}

fn write_session(db: &Path, session: &Session) -> std::io::Result<()> {
    let path = crate::paths::session_record(db);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_string(session).map_err(std::io::Error::other)?;
    crate::files::write_atomically(&path, text.as_bytes())
}

/// Judges the log beside the database at `db` against this computer's record.
pub fn wal_verdict(db: &Path) -> WalVerdict {
    let Some(mark) = wal_mark(&super::with_suffix(db, "-wal")) else { return WalVerdict::Absent };
    match read_session(db) {
        None => WalVerdict::Ours,
        Some(session) if session.open || session.wal == Some(mark) => WalVerdict::Ours,
        Some(_) => WalVerdict::Unknown,
    }
}

/// Moves an unknown log (and its shared-memory file) aside as `<db>-wal.unknown-<time>`, so the
/// database opens as nengli left it; the log stays for whoever wants to look at it.
pub fn discard_wal(db: &Path, now: chrono::NaiveDateTime) -> super::Result<PathBuf> {
    let wal = super::with_suffix(db, "-wal");
    let aside = super::with_suffix(&wal, &format!(".unknown-{}", now.format("%Y%m%d-%H%M%S")));
    std::fs::rename(&wal, &aside)?;
    let shm = super::with_suffix(db, "-shm");
    if shm.exists() {
        std::fs::rename(&shm, super::with_suffix(&aside, "-shm"))?;
    }
    log::warn!("{}: an unknown write-ahead log was kept aside as {}", db.display(), aside.display());
    Ok(aside)
}

/// How many stores of this process have each database open: the file is recorded closed only
/// when the last of them closes.
static OPEN: Mutex<Option<HashMap<PathBuf, usize>>> = Mutex::new(None);

fn count(db: &Path, change: impl FnOnce(&mut usize)) -> usize {
    let Ok(mut open) = OPEN.lock() else { return 1 };
    let map = open.get_or_insert_with(HashMap::new);
    let n = map.entry(crate::files::real_path(db)).or_insert(0);
    change(n);
    let value = *n;
    if value == 0 {
        map.remove(&crate::files::real_path(db));
    }
    value
}

/// Records the database at `db` open by this process (at open, and again at a write if a
/// reader elsewhere recorded it closed meanwhile).
pub fn mark_open(db: &Path, first: bool) {
    if first {
        count(db, |n| *n += 1);
    }
    if read_session(db).is_some_and(|s| s.open) && !first {
        return;
    }
    let checked = read_session(db).and_then(|s| s.checked);
    if let Err(e) = write_session(db, &Session { open: true, pid: std::process::id(), wal: None, stamp: None, checked }) {
        log::warn!("could not record {} as open: {e}", db.display());
    }
}

/// Records the database at `db` closed by this store, with the log it leaves (if any), once
/// the last store of this process lets go of it.
pub fn mark_closed(db: &Path) {
    if count(db, |n| *n = n.saturating_sub(1)) > 0 {
        return;
    }
    let wal = wal_mark(&super::with_suffix(db, "-wal"));
    let checked = read_session(db).and_then(|s| s.checked);
    if let Err(e) = write_session(db, &Session { open: false, pid: std::process::id(), wal, stamp: stamp(db), checked }) {
        log::warn!("could not record {} as closed: {e}", db.display());
    }
}
