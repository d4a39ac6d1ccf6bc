//! Year-end records: one per official and programme year, the body as JSON beside the stage
//! and grade columns that rosters and the 優秀 quota read.

use super::{Db, Result, code};
use crate::domain::OfficialId;
use crate::domain::yearend::{Grade, Stage, YearEnd};
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Row, params};

fn from_row(row: &Row<'_>) -> rusqlite::Result<YearEnd> {
    let body: String = row.get(5)?;
    Ok(YearEnd {
        id: row.get(0)?,
        uuid: row.get(1)?,
        official: OfficialId(row.get(2)?),
        year: row.get(3)?,
        stage: code(row, 4, Stage::from_code)?,
        data: serde_json::from_str(&body).map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, Type::Text, e.into()))?,
        version: row.get(6)?,
    })
}

const COLUMNS: &str = "id, uuid, official_id, year, stage, body, version";

impl Db<'_> {
    pub fn yearend(&self, official: OfficialId, year: i32) -> Result<Option<YearEnd>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM yearend_record WHERE official_id = ?1 AND year = ?2"))?;
        Ok(stmt.query_row(params![official.0, year], from_row).optional()?)
    }

    /// Every year-end record of a year.
    pub fn yearends(&self, year: i32) -> Result<Vec<YearEnd>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM yearend_record WHERE year = ?1 ORDER BY official_id"))?;
        Ok(stmt.query_map([year], from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a record whole (insert or replace by official and year), bumping its version.
    pub fn save_yearend(&self, record: &YearEnd) -> Result<i64> {
        let body = serde_json::to_string(&record.data).unwrap_or_default();
        self.conn.execute(
            "INSERT INTO yearend_record (uuid, official_id, year, stage, grade, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (official_id, year) DO UPDATE SET stage = excluded.stage, grade = excluded.grade, body = excluded.body, version = version + 1",
            params![record.uuid, record.official.0, record.year, record.stage.code(), record.data.grade.map(Grade::code), body],
        )?;
        Ok(self.conn.query_row(
            "SELECT id FROM yearend_record WHERE official_id = ?1 AND year = ?2",
            params![record.official.0, record.year],
            |r| r.get(0),
        )?)
    }

    pub fn delete_yearend(&self, official: OfficialId, year: i32) -> Result<()> {
        self.conn.execute("DELETE FROM yearend_record WHERE official_id = ?1 AND year = ?2", params![official.0, year])?;
        Ok(())
    }
}
