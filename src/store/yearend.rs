//! Year-end records: one per official and programme year, the body as JSON beside the stage
//! and grade columns that rosters and the 優秀 quota read; and each unit's 檢查驗收 per year.

use super::{Db, Result, code};
use crate::domain::yearend::{Grade, Stage, UnitReview, YearEnd};
use crate::domain::{OfficialId, UnitId};
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Row, params};

/// The JSON body in column `index`.
fn body<T: serde::de::DeserializeOwned>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    let body: String = row.get(index)?;
    serde_json::from_str(&body).map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, e.into()))
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<YearEnd> {
    Ok(YearEnd {
        id: row.get(0)?,
        uuid: row.get(1)?,
        official: OfficialId(row.get(2)?),
        year: row.get(3)?,
        stage: code(row, 4, Stage::from_code)?,
        data: body(row, 5)?,
        version: row.get(6)?,
    })
}

/// A record's official, year, stage and grade.
pub type HistoryRow = (OfficialId, i32, Stage, Option<Grade>);

/// An official's year-end grade and the supervisor's proposed one.
pub type GradeRow = (OfficialId, Option<Grade>, Option<Grade>);

const COLUMNS: &str = "id, uuid, official_id, year, stage, body, version";

impl Db<'_> {
    pub fn yearend(&self, official: OfficialId, year: i32) -> Result<Option<YearEnd>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM yearend_record WHERE official_id = ?1 AND year = ?2"))?;
        Ok(stmt.query_row(params![official.0, year], from_row).optional()?)
    }

    /// Every year-end record of an official, by year.
    pub fn yearends_of(&self, official: OfficialId) -> Result<Vec<YearEnd>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM yearend_record WHERE official_id = ?1 ORDER BY year"))?;
        Ok(stmt.query_map([official.0], from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether the year has any year-end record; read from the (official, year) index, no body.
    pub fn has_yearends(&self, year: i32) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM yearend_record WHERE year = ?1)")?;
        Ok(stmt.query_row([year], |r| r.get(0))?)
    }

    /// Every year-end record of a year.
    pub fn yearends(&self, year: i32) -> Result<Vec<YearEnd>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM yearend_record WHERE year = ?1 ORDER BY official_id"))?;
        Ok(stmt.query_map([year], from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Each record's grade and the supervisor's proposal in a year, read without parsing the
    /// bodies (the proposal is stored by its serde name).
    pub fn yearend_grades(&self, year: i32) -> Result<Vec<GradeRow>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT official_id, grade, json_extract(body, '$.proposed') FROM yearend_record WHERE year = ?1")?;
        let rows = stmt.query_map([year], |r| {
            let grade: Option<String> = r.get(1)?;
            let proposed: Option<String> = r.get(2)?;
            Ok((
                OfficialId(r.get(0)?),
                grade.as_deref().and_then(Grade::from_code),
                proposed.and_then(|p| serde_json::from_value(serde_json::Value::String(p)).ok()),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every record's official, year, stage and grade up to `year`, read without the bodies.
    pub fn grade_history(&self, year: i32) -> Result<Vec<HistoryRow>> {
        let mut stmt = self.conn.prepare_cached("SELECT official_id, year, stage, grade FROM yearend_record WHERE year <= ?1")?;
        let rows = stmt.query_map([year], |r| {
            let grade: Option<String> = r.get(3)?;
            Ok((OfficialId(r.get(0)?), r.get(1)?, code(r, 2, Stage::from_code)?, grade.as_deref().and_then(Grade::from_code)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
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

    /// A unit's 檢查驗收 of `year`, with its uuid.
    pub fn unit_review(&self, unit: UnitId, year: i32) -> Result<Option<(String, UnitReview)>> {
        let mut stmt = self.conn.prepare_cached("SELECT uuid, body FROM yearend_unit_review WHERE unit_id = ?1 AND year = ?2")?;
        Ok(stmt.query_row(params![unit.0, year], |r| Ok((r.get(0)?, body(r, 1)?))).optional()?)
    }

    /// Every unit's 檢查驗收 of `year`.
    pub fn unit_reviews(&self, year: i32) -> Result<Vec<(UnitId, UnitReview)>> {
        let mut stmt = self.conn.prepare_cached("SELECT unit_id, body FROM yearend_unit_review WHERE year = ?1 ORDER BY unit_id")?;
        let rows = stmt.query_map([year], |r| Ok((UnitId(r.get(0)?), body(r, 1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a unit's review whole (insert or replace by unit and year); returns its row id.
    pub fn save_unit_review(&self, unit: UnitId, year: i32, uuid: &str, review: &UnitReview) -> Result<i64> {
        let body = serde_json::to_string(review).unwrap_or_default();
        self.conn.execute(
            "INSERT INTO yearend_unit_review (uuid, unit_id, year, body) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (unit_id, year) DO UPDATE SET body = excluded.body",
            params![uuid, unit.0, year, body],
        )?;
        Ok(self
            .conn
            .query_row("SELECT id FROM yearend_unit_review WHERE unit_id = ?1 AND year = ?2", params![unit.0, year], |r| r.get(0))?)
    }

    pub fn delete_unit_review(&self, unit: UnitId, year: i32) -> Result<()> {
        self.conn.execute("DELETE FROM yearend_unit_review WHERE unit_id = ?1 AND year = ?2", params![unit.0, year])?;
        Ok(())
    }
}
