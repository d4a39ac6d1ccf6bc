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
    if let Err(e) = write_session(db, &Session { open: true, pid: std::process::id(), wal: None }) {
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
    if let Err(e) = write_session(db, &Session { open: false, pid: std::process::id(), wal }) {
        log::warn!("could not record {} as closed: {e}", db.display());
    }
}
