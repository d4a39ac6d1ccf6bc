//! Schema migrations: `sql/NNN_*.sql`, append-only, applied in one transaction that also
//! fills what the new tables need and stamps `user_version` and `application_id`, so a failed
//! or interrupted upgrade leaves the file as it was.

use super::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id` of every nengli database ("NLNG").
pub const APPLICATION_ID: i32 = 0x4E4C_4E47;

const MIGRATIONS: &[&str] = &[
    include_str!("sql/001_init.sql"),
    include_str!("sql/002_standards.sql"),
    include_str!("sql/003_programme.sql"),
    include_str!("sql/004_audit_chain.sql"),
    include_str!("sql/005_selfcheck.sql"),
    include_str!("sql/006_training.sql"),
    include_str!("sql/007_exams.sql"),
    include_str!("sql/008_yearend.sql"),
    include_str!("sql/009_unit_review.sql"),
    include_str!("sql/010_cadre_record.sql"),
    include_str!("sql/011_cadre_form.sql"),
    include_str!("sql/012_routine.sql"),
    include_str!("sql/013_standing.sql"),
    include_str!("sql/014_ballots_publicity.sql"),
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database to [`LATEST_VERSION`], running `fill` with the versions applied inside
/// the same transaction (data the new schema needs); returns the versions applied.
pub fn migrate(conn: &mut Connection, fill: impl FnOnce(&Connection, &[i64]) -> Result<()>) -> Result<Vec<i64>> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > LATEST_VERSION {
        return Err(StoreError::TooNew { found: current, supported: LATEST_VERSION });
    }
    if current == LATEST_VERSION {
        return Ok(Vec::new());
    }
    // A migration may rebuild a table (SQLite's way to change a CHECK): foreign keys are off
    // while it runs, as SQLite's documentation prescribes, and checked whole before the commit.
    let foreign_keys: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = (|| {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut applied = Vec::new();
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            tx.execute_batch(sql)?;
            applied.push(index as i64 + 1);
        }
        fill(&tx, &applied)?;
        let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
        if broken > 0 {
            return Err(StoreError::Constraint(format!("{broken} rows refer to missing records after the upgrade")));
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", LATEST_VERSION)?;
        tx.commit()?;
        Ok(applied)
    })();
    conn.pragma_update(None, "foreign_keys", foreign_keys)?;
    result
}
