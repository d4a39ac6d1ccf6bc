//! Units of the organisation tree: rows, inserts, updates and what a unit still holds.

use super::{Db, Result, StoreError, code};
use crate::domain::UnitId;
use crate::domain::catalogue::UnitKind;
use crate::domain::org::Unit;
use rusqlite::{OptionalExtension, Row, params};

const COLUMNS: &str = "id, uuid, parent_id, name, kind, position, retired";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Unit> {
    Ok(Unit {
        id: UnitId(row.get(0)?),
        uuid: row.get(1)?,
        parent: row.get::<_, Option<i64>>(2)?.map(UnitId),
        name: row.get(3)?,
        kind: code(row, 4, UnitKind::from_code)?,
        position: row.get(5)?,
        retired: row.get(6)?,
    })
}

/// What a unit still holds: sub-units, posts and officials (all, and those still active).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnitUsage {
    pub children: usize,
    pub active_children: usize,
    pub posts: usize,
    pub active_posts: usize,
    pub officials: usize,
    pub active_officials: usize,
    /// Records that name the unit: milestones, reviewers' units, rounds' units, unit plan items
    /// and 檢查驗收 — history a deletion would lose (retiring keeps it).
    pub records: usize,
}

impl Db<'_> {
    /// Every unit's other names (局領導 for 局領導班子), by unit.
    pub fn unit_aliases(&self) -> Result<Vec<(UnitId, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT unit_id, alias FROM unit_alias ORDER BY unit_id, alias")?;
        let rows = stmt.query_map([], |r| Ok((UnitId(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces a unit's other names.
    pub fn set_unit_aliases(&self, id: UnitId, aliases: &[String]) -> Result<()> {
        self.conn.prepare_cached("DELETE FROM unit_alias WHERE unit_id = ?1")?.execute([id.0])?;
        let mut insert = self.conn.prepare_cached("INSERT OR IGNORE INTO unit_alias (unit_id, alias) VALUES (?1, ?2)")?;
        for alias in aliases {
            insert.execute(params![id.0, alias])?;
        }
        Ok(())
    }

    pub fn units(&self) -> Result<Vec<Unit>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM unit ORDER BY position, id"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn unit(&self, id: UnitId) -> Result<Option<Unit>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM unit WHERE id = ?1"))?;
        Ok(stmt.query_row([id.0], from_row).optional()?)
    }

    /// Inserts a unit, with the given id when restoring one (undo of a delete).
    pub fn insert_unit(
        &self,
        id: Option<UnitId>,
        uuid: &str,
        parent: Option<UnitId>,
        name: &str,
        kind: UnitKind,
        position: i64,
    ) -> Result<UnitId> {
        let mut stmt =
            self.conn.prepare_cached("INSERT INTO unit (id, uuid, parent_id, name, kind, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
        stmt.execute(params![id.map(|i| i.0), uuid, parent.map(|p| p.0), name, kind.code(), position])?;
        Ok(UnitId(self.conn.last_insert_rowid()))
    }

    /// Writes every editable column of `unit`.
    pub fn update_unit(&self, unit: &Unit) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached("UPDATE unit SET parent_id = ?2, name = ?3, kind = ?4, position = ?5, retired = ?6 WHERE id = ?1")?
            .execute(params![unit.id.0, unit.parent.map(|p| p.0), unit.name, unit.kind.code(), unit.position, unit.retired])?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub fn delete_unit(&self, id: UnitId) -> Result<()> {
        let changed = self.conn.prepare_cached("DELETE FROM unit WHERE id = ?1")?.execute([id.0])?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// The next free sibling position under `parent`.
    pub fn next_unit_position(&self, parent: Option<UnitId>) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(position), 0) + 1 FROM unit WHERE parent_id IS ?1", [parent.map(|p| p.0)], |r| r.get(0))?)
    }

    pub fn unit_usage(&self, id: UnitId) -> Result<UnitUsage> {
        let count = |sql: &str| -> Result<usize> { Ok(self.conn.query_row(sql, [id.0], |r| r.get::<_, i64>(0))? as usize) };
        Ok(UnitUsage {
            children: count("SELECT count(*) FROM unit WHERE parent_id = ?1")?,
            active_children: count("SELECT count(*) FROM unit WHERE parent_id = ?1 AND retired = 0")?,
            posts: count("SELECT count(*) FROM post WHERE unit_id = ?1")?,
            active_posts: count("SELECT count(*) FROM post WHERE unit_id = ?1 AND retired = 0")?,
            officials: count("SELECT count(*) FROM official WHERE unit_id = ?1")?,
            active_officials: count("SELECT count(*) FROM official WHERE unit_id = ?1 AND status = 'active'")?,
            records: count(
                "SELECT (SELECT count(*) FROM milestone WHERE unit_id = ?1) + (SELECT count(*) FROM user_unit WHERE unit_id = ?1)
                      + (SELECT count(*) FROM selfcheck_round_unit WHERE unit_id = ?1) + (SELECT count(*) FROM plan_item WHERE unit_id = ?1)
                      + (SELECT count(*) FROM yearend_unit_review WHERE unit_id = ?1)
                      + (SELECT count(*) FROM excellent_allocation WHERE unit_id = ?1)",
            )?,
        })
    }
}
