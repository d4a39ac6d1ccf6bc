//! Where the application keeps things on this computer: the default database, the demo
//! database, the log folder and the UI settings, all in the per-user data folder.

use std::path::PathBuf;

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("cn", "nengli", "nengli")
}

/// The per-user data folder (e.g. `%APPDATA%\nengli\nengli\data` or `~/.local/share/nengli`).
pub fn data_dir() -> PathBuf {
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

/// The folder of a database's backups: `backups/` beside the file.
pub fn backup_folder(db: &std::path::Path) -> PathBuf {
    db.parent().map(|p| p.join("backups")).unwrap_or_else(|| PathBuf::from("backups"))
}
