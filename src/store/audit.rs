//! The audit trail: one row per user action, written inside the action's own transaction.

use super::{Db, Result};
use rusqlite::params;

/// One audit entry as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Db<'_> {
    /// Records an action; `before` and `after` are JSON snapshots of the record.
    pub fn audit(
        &self,
        actor: &str,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO audit (actor, action, entity, entity_id, before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
            .execute(params![actor, action, entity, entity_id, before, after])?;
        Ok(())
    }

    /// The latest `limit` audit rows, newest first.
    pub fn audit_rows(&self, limit: usize) -> Result<Vec<AuditRow>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT at, actor, action, entity, entity_id, before, after FROM audit ORDER BY id DESC LIMIT ?1")?;
        let rows = stmt.query_map([limit as i64], |r| {
            Ok(AuditRow {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
