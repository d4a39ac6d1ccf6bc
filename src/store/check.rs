//! `check`: everything that can be found wrong with a database file, listed rather than stopped
//! at — damage inside the file, references to missing records, text that is not UTF-8, a bureau
//! whose setting-up never finished, and an audit trail altered or unguarded — read through a
//! connection that cannot write.

use super::{Db, Result, Store};
use rusqlite::types::ValueRef;

/// The `meta` key that says whether a bureau was set up whole: `started` in the transaction that
/// creates the bureau when more follows (`demo`, `gen`), `complete` written last.
pub const SETUP_KEY: &str = "setup";
pub const SETUP_STARTED: &str = "started";
pub const SETUP_COMPLETE: &str = "complete";

/// The triggers that keep the audit trail append-only, as migration 004 created them.
const AUDIT_MIGRATION: &str = include_str!("sql/004_audit_chain.sql");
const AUDIT_TRIGGERS: [&str; 2] = ["audit_entries_stay", "audit_entries_remain"];

/// One thing `check` found wrong with a database file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CheckProblem {
    /// A line of SQLite's `integrity_check` (damage inside the file).
    Integrity(String),
    /// The record `record` of `table` refers to a missing record of `parent` (`record` is the
    /// row number, or the key's columns and values for a table keyed otherwise).
    ForeignKey { table: String, record: String, parent: String },
    /// Audit entries changed or removed behind the application's back, from entry `first`.
    AuditChain { first: i64, count: usize },
    /// A trigger that keeps the audit trail append-only is missing or was replaced.
    AuditTrigger(String),
    /// A text in `table`'s `column` of record `record` is not valid UTF-8 (changed bytes).
    BadText { table: String, column: String, record: String },
    /// The bureau's setting up (`init`, `demo`, `gen`) did not finish: parts are missing.
    Incomplete,
    /// A part of the check could not run at all; what SQLite said.
    Unreadable(String),
    /// The chain's entry `id`, recorded as its head by this computer (`against` empty) or the
    /// newest backup (`against`: its file name), is there with another hash, or gone while
    /// later entries are there: the chain was rewritten since.
    ChainRewritten { id: i64, against: String },
    /// The chain ends at `last`, before the entry `id` recorded as its head: cut short since.
    ChainTruncated { id: i64, last: i64, against: String },
    /// A write-ahead log lies beside the file that nengli did not leave when it last closed it
    /// (opening refuses it; the rest of the check reads it without writing it into the file).
    UnknownWal,
    /// Not a problem: this computer had no record of the chain's head for this file (a first
    /// check here, or another computer); it holds one now.
    HeadUnrecorded,
}

impl CheckProblem {
    /// Said, but no reason to fail the check.
    pub fn is_note(&self) -> bool {
        matches!(self, CheckProblem::HeadUnrecorded)
    }
}

/// Checks the database at `path` without writing to it (a read-only connection, no upgrade, no
/// journal change): an empty list means all is well. A file that is not ours is refused.
pub fn check_file(path: &std::path::Path) -> Result<Vec<CheckProblem>> {
    // An unknown write-ahead log is named first; the rest is checked as opening would make the
    // file (a read-only connection reads the log without ever writing it into the file).
    let unknown = super::wal_verdict(path) == super::WalVerdict::Unknown;
    let mut problems = if unknown { vec![CheckProblem::UnknownWal] } else { Vec::new() };
    problems.extend(Store::open_read_only(path)?.check()?);
    Ok(problems)
}

impl Store {
    /// The full `integrity_check`, `foreign_key_check`, every text's encoding, the setting-up
    /// marker and the audit chain with its triggers. Each part that fails to run is reported and
    /// the others still run, so one problem never hides the next.
    pub fn check(&self) -> Result<Vec<CheckProblem>> {
        let db = self.read();
        let mut problems = Vec::new();
        let mut part = |found: Result<Vec<CheckProblem>>| match found {
            Ok(found) => problems.extend(found),
            Err(e) => problems.push(CheckProblem::Unreadable(e.to_string())),
        };
        part(db.integrity());
        part(db.foreign_keys());
        part(db.texts());
        part(db.setup_state());
        let version: i64 = self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version >= 4 {
            part(db.audit_triggers());
            part(db.audit_chain(false).map(|broken| match broken.first() {
                Some(&first) => vec![CheckProblem::AuditChain { first, count: broken.len() }],
                None => Vec::new(),
            }));
            if let Some(path) = self.path.as_deref() {
                part(db.head_problems(path));
                // A chain that holds (and its guards) is this computer's record from now on.
                let unsound = |p: &CheckProblem| {
                    matches!(
                        p,
                        CheckProblem::AuditChain { .. }
                            | CheckProblem::AuditTrigger(_)
                            | CheckProblem::ChainRewritten { .. }
                            | CheckProblem::ChainTruncated { .. }
                            | CheckProblem::Integrity(_)
                            | CheckProblem::UnknownWal
                            | CheckProblem::Unreadable(_)
                    )
                };
                if !problems.iter().any(unsound)
                    && let Ok(Some(head)) = db.audit_head()
                    && let Err(e) = super::audit::write_head_record(path, &head, None)
                {
                    log::warn!("could not record the audit chain's head of {}: {e}", path.display());
                }
            }
        }
        Ok(problems)
    }
}

/// The newest regular backup beside `db` taken after `since` (local time), if any.
fn newest_backup(db: &std::path::Path, since: Option<chrono::NaiveDateTime>) -> Option<std::path::PathBuf> {
    let entries = std::fs::read_dir(crate::paths::backup_folder(db)).ok()?;
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((crate::domain::backups::taken_at(&e.file_name().to_string_lossy())?, e.path())))
        .filter(|(at, _)| since.is_none_or(|since| *at >= since))
        .max_by_key(|(at, _)| *at)
        .map(|(_, path)| path)
}

/// The chain's head inside the backup at `path`, read without writing to it.
fn backup_head(path: &std::path::Path) -> Option<crate::domain::audit::ChainHead> {
    let flags =
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX | rusqlite::OpenFlags::SQLITE_OPEN_URI;
    let conn = rusqlite::Connection::open_with_flags(super::immutable_uri(path), flags).ok()?;
    let application_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).ok()?;
    if application_id != super::APPLICATION_ID {
        return None;
    }
    Db { conn: &conn }.audit_head().ok()?
}

impl Db<'_> {
    fn integrity(&self) -> Result<Vec<CheckProblem>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(lines.into_iter().filter(|l| l != "ok").map(CheckProblem::Integrity).collect())
    }

    /// Every dangling reference, named by its record: tables without row numbers by their key.
    fn foreign_keys(&self) -> Result<Vec<CheckProblem>> {
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let found = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(3)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut problems = Vec::new();
        let mut keyed_done = Vec::new();
        for (table, row, parent, fk) in found {
            match row {
                Some(row) => problems.push(CheckProblem::ForeignKey { table, record: row.to_string(), parent }),
                None if keyed_done.contains(&(table.clone(), fk)) => {}
                None => {
                    for record in self.dangling_keys(&table, fk)? {
                        problems.push(CheckProblem::ForeignKey { table: table.clone(), record, parent: parent.clone() });
                    }
                    keyed_done.push((table, fk));
                }
            }
        }
        Ok(problems)
    }

    /// The keys of `table`'s records whose foreign key number `fk` finds no parent (for tables
    /// `WITHOUT ROWID`, whose records `foreign_key_check` cannot number).
    fn dangling_keys(&self, table: &str, fk: i64) -> Result<Vec<String>> {
        let mut stmt =
            self.conn.prepare("SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) WHERE id = ?2 ORDER BY seq")?;
        let pairs = stmt
            .query_map(rusqlite::params![table, fk], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let Some(parent) = pairs.first().map(|p| p.0.clone()) else { return Ok(Vec::new()) };
        let parent_key = self.key_columns(&parent)?;
        let joins: Vec<String> = pairs
            .iter()
            .enumerate()
            .map(|(i, (_, from, to))| {
                let to = to.clone().or_else(|| parent_key.get(i).cloned()).unwrap_or_else(|| "rowid".into());
                format!("p.{} = c.{}", quote(&to), quote(from))
            })
            .collect();
        let present: Vec<String> = pairs.iter().map(|(_, from, _)| format!("c.{} IS NOT NULL", quote(from))).collect();
        let key = self.key_columns(table)?;
        let sql = format!(
            "SELECT {} FROM {} AS c WHERE {} AND NOT EXISTS (SELECT 1 FROM {} AS p WHERE {})",
            key.iter().map(|k| format!("c.{}", quote(k))).collect::<Vec<_>>().join(", "),
            quote(table),
            present.join(" AND "),
            quote(&parent),
            joins.join(" AND ")
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut records = Vec::new();
        while let Some(r) = rows.next()? {
            records.push(describe_key(&key, r)?);
        }
        Ok(records)
    }

    /// The primary key's columns of `table`, in key order.
    fn key_columns(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
        Ok(stmt.query_map([table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Every text value of every table that is not valid UTF-8, named by table, column and record.
    fn texts(&self) -> Result<Vec<CheckProblem>> {
        let mut stmt =
            self.conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")?;
        let tables: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut problems = Vec::new();
        for table in tables {
            let mut stmt = self.conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
            let columns: Vec<String> = stmt.query_map([&table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            // A table with row numbers names its records by them, another by its key.
            let rowid = self.conn.prepare(&format!("SELECT rowid FROM {} LIMIT 0", quote(&table))).is_ok();
            let key = if rowid { vec!["rowid".to_owned()] } else { self.key_columns(&table)? };
            let sql = format!(
                "SELECT {}, {} FROM {}",
                key.iter().map(|k| quote(k)).collect::<Vec<_>>().join(", "),
                columns.iter().map(|c| quote(c)).collect::<Vec<_>>().join(", "),
                quote(&table)
            );
            let mut stmt = self.conn.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                for (i, column) in columns.iter().enumerate() {
                    if let ValueRef::Text(bytes) = r.get_ref(key.len() + i)?
                        && std::str::from_utf8(bytes).is_err()
                    {
                        let record = if rowid { r.get::<_, i64>(0)?.to_string() } else { describe_key(&key, r)? };
                        problems.push(CheckProblem::BadText { table: table.clone(), column: column.clone(), record });
                    }
                }
            }
        }
        Ok(problems)
    }

    fn setup_state(&self) -> Result<Vec<CheckProblem>> {
        Ok(match self.meta(SETUP_KEY)?.as_deref() {
            Some(SETUP_STARTED) => vec![CheckProblem::Incomplete],
            _ => Vec::new(),
        })
    }

    /// The chain against its head as recorded outside the file: by this computer (a missing
    /// record is said, not failed) and by the newest backup taken since the record was started.
    fn head_problems(&self, path: &std::path::Path) -> Result<Vec<CheckProblem>> {
        use crate::domain::audit::HeadVerdict;
        let mut problems = Vec::new();
        let record = super::audit::read_head_record(path);
        let verdict = |head: &crate::domain::audit::ChainHead, against: String| -> Result<Option<CheckProblem>> {
            Ok(match self.judge_head(head)? {
                HeadVerdict::Holds => None,
                HeadVerdict::Rewritten => Some(CheckProblem::ChainRewritten { id: head.id, against }),
                HeadVerdict::Truncated { last } => Some(CheckProblem::ChainTruncated { id: head.id, last, against }),
            })
        };
        match &record {
            None => problems.push(CheckProblem::HeadUnrecorded),
            Some(record) => problems.extend(verdict(&record.head, String::new())?),
        }
        let since = record
            .as_ref()
            .and_then(|r| r.since.as_deref())
            .and_then(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok());
        if let Some(backup) = newest_backup(path, since)
            && let Some(head) = backup_head(&backup)
        {
            let name = backup.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            problems.extend(verdict(&head, name)?);
        }
        Ok(problems)
    }

    /// The audit trail's triggers, each present and as the schema made it.
    fn audit_triggers(&self) -> Result<Vec<CheckProblem>> {
        let mut problems = Vec::new();
        for name in AUDIT_TRIGGERS {
            let stored: Option<String> = rusqlite::OptionalExtension::optional(self.conn.query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1 AND tbl_name = 'audit'",
                [name],
                |r| r.get(0),
            ))?;
            let expected = trigger_sql(name);
            if stored.as_deref().map(normalise) != expected.map(normalise) || expected.is_none() {
                problems.push(CheckProblem::AuditTrigger(name.to_owned()));
            }
        }
        Ok(problems)
    }
}

/// The `CREATE TRIGGER name … END` statement of the audit migration.
fn trigger_sql(name: &str) -> Option<&'static str> {
    let start = AUDIT_MIGRATION.find(&format!("CREATE TRIGGER {name} "))?;
    let length = AUDIT_MIGRATION[start..].find("END;")?;
    Some(&AUDIT_MIGRATION[start..start + length + 3])
}

fn normalise(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `name = value` for each key column of the row (the key's values come first in `row`).
fn describe_key(key: &[String], row: &rusqlite::Row<'_>) -> Result<String> {
    let mut parts = Vec::new();
    for (i, column) in key.iter().enumerate() {
        let value = match row.get_ref(i)? {
            ValueRef::Null => "NULL".to_owned(),
            ValueRef::Integer(n) => n.to_string(),
            ValueRef::Real(x) => x.to_string(),
            ValueRef::Text(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            ValueRef::Blob(bytes) => format!("{} bytes", bytes.len()),
        };
        parts.push(format!("{column} = {value}"));
    }
    Ok(format!("({})", parts.join(", ")))
}

/// An identifier as SQL quotes it.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
