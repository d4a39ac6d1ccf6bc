//! The 干部任免審批表 part of officials' records: 簡歷 lines, family members and the form's other
//! boxes, read and replaced whole.

use super::{Db, Result};
use crate::domain::OfficialId;
use crate::domain::cadre::{CadreRecord, FamilyMember};
use rusqlite::{OptionalExtension, params};

impl Db<'_> {
    /// An official's 任免審批表 record (empty when none is kept).
    pub fn cadre(&self, id: OfficialId) -> Result<CadreRecord> {
        let body: Option<String> = self
            .conn
            .prepare_cached("SELECT body FROM official_cadre WHERE official_id = ?1")?
            .query_row([id.0], |r| r.get(0))
            .optional()?;
        let mut record: CadreRecord = match body {
            Some(body) => {
                serde_json::from_str(&body).map_err(|e| super::StoreError::Constraint(format!("official_cadre row {}: {e}", id.0)))?
            }
            None => CadreRecord::default(),
        };
        let mut stmt = self.conn.prepare_cached("SELECT line FROM official_resume WHERE official_id = ?1 ORDER BY seq")?;
        record.resume = stmt.query_map([id.0], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT relation, name, birth, political, work FROM official_family WHERE official_id = ?1 ORDER BY seq")?;
        record.family = stmt
            .query_map([id.0], |r| {
                Ok(FamilyMember { relation: r.get(0)?, name: r.get(1)?, birth: r.get(2)?, political: r.get(3)?, work: r.get(4)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(record)
    }

    /// Replaces an official's 任免審批表 record (an empty one removes it).
    pub fn set_cadre(&self, id: OfficialId, record: &CadreRecord) -> Result<()> {
        for table in ["official_cadre", "official_resume", "official_family"] {
            self.conn.prepare_cached(&format!("DELETE FROM {table} WHERE official_id = ?1"))?.execute([id.0])?;
        }
        if record.is_empty() {
            return Ok(());
        }
        let mut stmt = self.conn.prepare_cached("INSERT INTO official_resume (official_id, seq, line) VALUES (?1, ?2, ?3)")?;
        for (seq, line) in record.resume.iter().enumerate() {
            stmt.execute(params![id.0, seq as i64, line])?;
        }
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO official_family (official_id, seq, relation, name, birth, political, work) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (seq, m) in record.family.iter().enumerate() {
            stmt.execute(params![id.0, seq as i64, m.relation, m.name, m.birth, m.political, m.work])?;
        }
        let body = CadreRecord { resume: Vec::new(), family: Vec::new(), ..record.clone() };
        let body = serde_json::to_string(&body).map_err(|e| super::StoreError::Constraint(e.to_string()))?;
        self.conn.prepare_cached("INSERT INTO official_cadre (official_id, body) VALUES (?1, ?2)")?.execute(params![id.0, body])?;
        Ok(())
    }
}
