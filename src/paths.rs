//! Where the application keeps things on this computer: the default database, the demo
//! database, the log folder, the UI settings and the audit chains' recorded heads, all in the
//! per-user data folder; and whether a chosen file lies on a network share.

use std::path::{Path, PathBuf};

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("cn", "nengli", "nengli")
}

/// The environment variable that names another data folder (a portable install, a test run).
pub const DATA_DIR_VAR: &str = "NENGLI_DATA_DIR";

/// The per-user data folder (e.g. `%APPDATA%\nengli\nengli\data` or `~/.local/share/nengli`),
/// or the folder [`DATA_DIR_VAR`] names.
pub fn data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_VAR).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    project_dirs().map(|d| d.data_dir().to_owned()).unwrap_or_else(|| PathBuf::from("."))
}

/// The database opened when nothing else is chosen.
pub fn default_db() -> PathBuf {
    data_dir().join("nengli.sqlite")
}

/// The demo bureau's own file, kept apart from the bureau's real data.
pub fn demo_db() -> PathBuf {
    data_dir().join("nengli-demo.sqlite")
}

/// The folder of the daily log files.
pub fn log_dir() -> PathBuf {
    data_dir().join("logs")
}

/// Where the audit chain's head of the database at `db` is recorded on this computer: a file in
/// `audit-heads/` of the data folder named by a hash of the database's real path (links and
/// `..` resolved), so each database file has its own record.
pub fn chain_head_record(db: &Path) -> PathBuf {
    data_dir().join("audit-heads").join(format!("{}.json", record_name(db)))
}

/// Where this computer records whether nengli has the database at `db` open, and the header of
/// the write-ahead log it left when it last closed the file (`sessions/` of the data folder).
pub fn session_record(db: &Path) -> PathBuf {
    data_dir().join("sessions").join(format!("{}.json", record_name(db)))
}

/// A database's records' name: a hash of its real path (links and `..` resolved).
fn record_name(db: &Path) -> String {
    use sha2::{Digest, Sha256};
    let real = crate::files::real_path(db);
    let digest = Sha256::digest(real.to_string_lossy().as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

/// The folder of a database's backups: `backups/` beside the file.
pub fn backup_folder(db: &std::path::Path) -> PathBuf {
    db.parent().map(|p| p.join("backups")).unwrap_or_else(|| PathBuf::from("backups"))
}

/// Whether `path` lies on a network share (a UNC path, or on Linux an NFS, SMB/CIFS or other
/// network filesystem). SQLite's WAL mode needs shared memory that a network filesystem does
/// not provide, so such a database is opened with a rollback journal instead.
pub fn on_network_share(path: &Path) -> bool {
    is_unc(path) || network_filesystem(path)
}

/// `\\server\share\…` or `//server/share/…`.
pub fn is_unc(path: &Path) -> bool {
    let text = path.to_string_lossy();
    (text.starts_with(r"\\") || text.starts_with("//")) && !text.starts_with(r"\\?\") && !text.starts_with(r"\\.\") && text.len() > 2
}

#[cfg(target_os = "linux")]
fn network_filesystem(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    // The file may not exist yet: ask about the nearest folder that does.
    let Some(existing) = path.ancestors().find(|p| !p.as_os_str().is_empty() && p.exists()) else { return false };
    let Ok(c_path) = std::ffi::CString::new(existing.as_os_str().as_bytes()) else { return false };
    let mut stat: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c_path` is a valid NUL-terminated string and `stat` a writable statfs.
    if unsafe { libc::statfs(c_path.as_ptr(), &mut stat) } != 0 {
        return false;
    }
    is_network_magic(stat.f_type as u64)
}

#[cfg(not(target_os = "linux"))]
fn network_filesystem(_path: &Path) -> bool {
    false
}

/// Linux `statfs` magic numbers of network filesystems.
pub fn is_network_magic(magic: u64) -> bool {
    const NFS: u64 = 0x6969;
    const SMB: u64 = 0x517B;
    const CIFS: u64 = 0xFF53_4D42;
    const SMB2: u64 = 0xFE53_4D42;
    const CODA: u64 = 0x7375_7245;
    const AFS: u64 = 0x5346_414F;
    const NCP: u64 = 0x564C;
    const CEPH: u64 = 0x00C3_6400;
    const NINEP: u64 = 0x0102_1997;
    [NFS, SMB, CIFS, SMB2, CODA, AFS, NCP, CEPH, NINEP].contains(&magic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unc_paths_are_network_shares_and_device_paths_are_not() {
        assert!(is_unc(Path::new(r"\\fileserver\personnel\bureau.sqlite")));
        assert!(is_unc(Path::new("//fileserver/personnel/bureau.sqlite")));
        assert!(!is_unc(Path::new(r"\\?\C:\data\bureau.sqlite")));
        assert!(!is_unc(Path::new(r"C:\data\bureau.sqlite")));
        assert!(!is_unc(Path::new("/home/clerk/bureau.sqlite")));
    }

    #[test]
    fn network_filesystems_are_known_by_their_magic() {
        assert!(is_network_magic(0x6969) && is_network_magic(0xFF53_4D42) && is_network_magic(0xFE53_4D42));
        assert!(!is_network_magic(0xEF53), "ext4");
        assert!(!is_network_magic(0x0102_1994), "tmpfs");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_local_temporary_folder_is_not_a_share() {
        let dir = std::env::temp_dir();
        assert!(!on_network_share(&dir.join("not-yet-created").join("bureau.sqlite")));
    }
}
