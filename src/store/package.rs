//! Self-check package files: small SQLite files with their own application id ("NLPK"),
//! written whole to a temporary file and renamed, read through a read-only connection after
//! the header and `integrity_check` say they are whole packages. Also the bureau's package key.

use super::{Db, Result, StoreError};
use crate::domain::package::{FORMAT, Package, PackageMeta, PackageProblem};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::io::Read;
use std::path::Path;

/// `PRAGMA application_id` of a package ("NLPK").
pub const PACKAGE_APPLICATION_ID: i32 = 0x4E4C_504B;

const SCHEMA: &str = "
CREATE TABLE package (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    meta      TEXT NOT NULL,
    seal      TEXT NOT NULL,
    form      TEXT NOT NULL,
    ready     INTEGER NOT NULL CHECK (ready IN (0, 1)),
    fill_seal TEXT NOT NULL,
    routine   TEXT NOT NULL,
    checksum  TEXT NOT NULL
) STRICT;";

/// The table of a format-2 package (no 平時 summary), still read and taken in.
const SCHEMA_V2: &str = "
CREATE TABLE package (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    meta      TEXT NOT NULL,
    seal      TEXT NOT NULL,
    form      TEXT NOT NULL,
    ready     INTEGER NOT NULL CHECK (ready IN (0, 1)),
    fill_seal TEXT NOT NULL,
    checksum  TEXT NOT NULL
) STRICT;";

/// The table of a format-1 package (no fill seal), still read so it can be named as such.
const SCHEMA_V1: &str = "
CREATE TABLE package (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    meta     TEXT NOT NULL,
    seal     TEXT NOT NULL,
    form     TEXT NOT NULL,
    ready    INTEGER NOT NULL CHECK (ready IN (0, 1)),
    checksum TEXT NOT NULL
) STRICT;";

/// The largest package file read: a form of the longest texts takes well under 1 MB.
const MAX_PACKAGE_BYTES: u64 = 8 * 1024 * 1024;

/// How long reading one package may take before it is given up as hostile.
const PACKAGE_READ_LIMIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Bounds what a connection to a package file may do: expressions and queries of modest depth,
/// and any statement stopped once reading the file has taken [`PACKAGE_READ_LIMIT`].
fn bound(conn: &mut Connection) -> rusqlite::Result<()> {
    use rusqlite::limits::Limit;
    conn.set_limit(Limit::SQLITE_LIMIT_EXPR_DEPTH, 100)?;
    conn.set_limit(Limit::SQLITE_LIMIT_COMPOUND_SELECT, 10)?;
    conn.set_limit(Limit::SQLITE_LIMIT_SQL_LENGTH, 100_000)?;
    conn.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_PACKAGE_BYTES as i32)?;
    conn.set_limit(Limit::SQLITE_LIMIT_TRIGGER_DEPTH, 1)?;
    let started = std::time::Instant::now();
    conn.progress_handler(10_000, Some(move || started.elapsed() > PACKAGE_READ_LIMIT))?;
    Ok(())
}

/// Why a package file could not be written.
fn io(e: std::io::Error) -> StoreError {
    StoreError::Io(e)
}

/// Writes `package` to `path` as a whole new file (temporary file, sync, rename).
pub fn write_package(path: &Path, package: &Package) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    crate::files::replace_atomically(path, |partial| {
        let _ = std::fs::remove_file(partial);
        let conn = Connection::open(partial)?;
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        conn.execute_batch(SCHEMA)?;
        let meta = crate::domain::package::meta_text(&package.meta);
        let form = crate::domain::package::form_text(&package.form);
        conn.execute(
            "INSERT INTO package (id, meta, seal, form, ready, fill_seal, routine, checksum) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![meta, package.seal, form, package.ready, package.fill_seal, package.routine, package.checksum()],
        )?;
        conn.pragma_update(None, "application_id", PACKAGE_APPLICATION_ID)?;
        conn.pragma_update(None, "user_version", FORMAT)?;
        conn.close().map_err(|(_, e)| StoreError::from(e))?;
        Ok(())
    })
}

/// Reads a package file, refusing anything that is not a whole package whose content matches
/// its checksum. Nothing is written to the file.
pub fn read_package(path: &Path) -> std::result::Result<Package, PackageProblem> {
    crate::files::require_regular(path).map_err(|_| PackageProblem::NotAFile)?;
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PackageProblem::Missing,
        _ => PackageProblem::NotAPackage,
    })?;
    if file.metadata().map_err(|_| PackageProblem::NotAPackage)?.len() > MAX_PACKAGE_BYTES {
        return Err(PackageProblem::NotAPackage);
    }
    let mut header = Vec::with_capacity(100);
    file.take(100).read_to_end(&mut header).map_err(|_| PackageProblem::NotAPackage)?;
    if header.len() < 100 || !header.starts_with(b"SQLite format 3\0") {
        return Err(PackageProblem::NotAPackage);
    }
    let be32 = |at: usize| i32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]]);
    if be32(68) != PACKAGE_APPLICATION_ID {
        return Err(PackageProblem::NotAPackage);
    }
    let format = be32(60);
    if format > FORMAT as i32 {
        return Err(PackageProblem::TooNew);
    }
    let schema = if format < crate::domain::package::CODED_FORMAT as i32 {
        SCHEMA_V1
    } else if format < crate::domain::package::ROUTINE_FORMAT as i32 {
        SCHEMA_V2
    } else {
        SCHEMA
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|_| PackageProblem::NotAPackage)?;
    bound(&mut conn).map_err(|_| PackageProblem::NotAPackage)?;
    // Nothing but the one table a package holds: a view (however it recurses), a trigger or
    // another table is refused before any query could run it.
    let objects: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT type, name, sql FROM sqlite_schema")
        .and_then(|mut stmt| stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect())
        .map_err(|_| PackageProblem::NotAPackage)?;
    let expected = schema.trim().trim_end_matches(';');
    if objects.len() != 1 || objects[0].0 != "table" || objects[0].1 != "package" || objects[0].2.as_deref() != Some(expected) {
        return Err(PackageProblem::NotAPackage);
    }
    let whole: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).map_err(|_| PackageProblem::NotAPackage)?;
    if whole != "ok" {
        return Err(PackageProblem::NotAPackage);
    }
    let fill_seal_column = if schema == SCHEMA_V1 { "''" } else { "fill_seal" };
    let routine_column = if schema == SCHEMA { "routine" } else { "''" };
    let sql = format!("SELECT meta, seal, form, ready, {fill_seal_column}, {routine_column}, checksum FROM package WHERE id = 1");
    let row = conn
        .query_row(&sql, [], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .map_err(|_| PackageProblem::NotAPackage)?;
    let (meta_text, seal, form_text, ready, fill_seal, routine, checksum) = row;
    if crate::domain::package::checksum(&meta_text, &seal, &form_text, ready, &fill_seal, &routine) != checksum {
        return Err(PackageProblem::Checksum);
    }
    let meta: PackageMeta = serde_json::from_str(&meta_text).map_err(|_| PackageProblem::NotAPackage)?;
    if meta.format > FORMAT {
        return Err(PackageProblem::TooNew);
    }
    let form = serde_json::from_str(&form_text).map_err(|_| PackageProblem::NotAPackage)?;
    let package = Package { meta, seal, form, ready, fill_seal, routine };
    // The stored texts must be the canonical ones, so the seal covers exactly what was read.
    if crate::domain::package::meta_text(&package.meta) != meta_text {
        return Err(PackageProblem::Checksum);
    }
    Ok(package)
}

impl Db<'_> {
    /// The bureau's key for sealing packages, made at its first use (its presence tells that
    /// the bureau has issued packages).
    pub fn package_key(&self) -> Result<Vec<u8>> {
        self.secret_key("package_key")
    }

    /// The bureau's key for hashing ballot codes, made at its first use.
    pub fn ballot_key(&self) -> Result<Vec<u8>> {
        self.secret_key("ballot_key")
    }

    /// A random key kept in the settings under `name`, made at its first use.
    fn secret_key(&self, name: &str) -> Result<Vec<u8>> {
        if let Some(hex) = self.meta(name)? {
            return Ok((0..hex.len() / 2).filter_map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()).collect());
        }
        let bytes: Vec<u8> = [uuid::Uuid::new_v4(), uuid::Uuid::new_v4()].iter().flat_map(|u| u.as_bytes().to_vec()).collect();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        self.set_meta(name, &hex)?;
        Ok(bytes)
    }

    /// Keeps the key of the code issued with a package (by the package's salt), so what is
    /// handed back can be checked without the code itself being kept anywhere.
    pub fn set_package_code_key(&self, salt: &str, key: &crate::domain::package::CodeKey) -> Result<()> {
        self.set_meta(&format!("package_code.{salt}"), &key.to_hex())
    }

    /// The key of the code issued with the package of `salt`, if this bureau issued one.
    pub fn package_code_key(&self, salt: &str) -> Result<Option<crate::domain::package::CodeKey>> {
        Ok(self.meta(&format!("package_code.{salt}"))?.and_then(|hex| crate::domain::package::CodeKey::from_hex(&hex)))
    }

    /// The bureau's own id: its root unit's uuid.
    pub fn bureau_uuid(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT uuid FROM unit WHERE parent_id IS NULL", [], |r| r.get(0)).optional()?)
    }

    pub fn official_by_uuid(&self, uuid: &str) -> Result<Option<crate::domain::OfficialId>> {
        Ok(self
            .conn
            .query_row("SELECT id FROM official WHERE uuid = ?1", [uuid], |r| Ok(crate::domain::OfficialId(r.get(0)?)))
            .optional()?)
    }

    pub fn round_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self.conn.query_row("SELECT id FROM selfcheck_round WHERE uuid = ?1", [uuid], |r| r.get(0)).optional()?)
    }
}
