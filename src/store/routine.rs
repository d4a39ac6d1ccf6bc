//! 平時 periods and records, the units whose period is closed, 專項考核 events with their
//! participants, and the bureau's 好 quota settings and rule sets (kept as JSON in meta).

use super::{Db, Result, code};
use crate::domain::dates::{format_date, parse_date};
use crate::domain::routine::{
    Cadence, Period, PeriodRow, QuotaSettings, Rating, RoutineRecord, RuleBook, SpecialEvent, SpecialResult, Stage,
};
use crate::domain::{OfficialId, UnitId};
use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Row, params};

fn date(row: &Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(index)?;
    parse_date(&text).ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, format!("bad date {text:?}").into()))
}

fn period_from_row(row: &Row<'_>) -> rusqlite::Result<PeriodRow> {
    Ok(PeriodRow {
        id: row.get(0)?,
        period: Period { year: row.get(1)?, cadence: code(row, 2, Cadence::from_code)?, number: row.get(3)? },
        deadline: date(row, 4)?,
    })
}

fn record_from_row(row: &Row<'_>) -> rusqlite::Result<RoutineRecord> {
    let body: String = row.get(5)?;
    Ok(RoutineRecord {
        id: row.get(0)?,
        uuid: row.get(1)?,
        period: row.get(2)?,
        official: OfficialId(row.get(3)?),
        stage: code(row, 4, Stage::from_code)?,
        data: serde_json::from_str(&body).map_err(|e| rusqlite::Error::FromSqlConversionFailure(5, Type::Text, e.into()))?,
    })
}

const PERIOD_COLUMNS: &str = "id, year, cadence, number, deadline";
const RECORD_COLUMNS: &str = "id, uuid, period_id, official_id, stage, body";

/// The meta keys of the bureau's 平時 settings.
const QUOTA_KEY: &str = "routine_quota";
const RULES_KEY: &str = "routine_rules";

impl Db<'_> {
    /// Every period, oldest first.
    pub fn routine_periods(&self) -> Result<Vec<PeriodRow>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {PERIOD_COLUMNS} FROM routine_period ORDER BY year, cadence DESC, number"))?;
        Ok(stmt.query_map([], period_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    pub fn routine_period(&self, period: &Period) -> Result<Option<PeriodRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {PERIOD_COLUMNS} FROM routine_period WHERE year = ?1 AND cadence = ?2 AND number = ?3"))?;
        Ok(stmt.query_row(params![period.year, period.cadence.code(), period.number], period_from_row).optional()?)
    }

    pub fn routine_period_by_id(&self, id: i64) -> Result<Option<PeriodRow>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {PERIOD_COLUMNS} FROM routine_period WHERE id = ?1"))?;
        Ok(stmt.query_row([id], period_from_row).optional()?)
    }

    /// Adds a period or moves its deadline; returns its id.
    pub fn save_routine_period(&self, period: &Period, deadline: NaiveDate) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO routine_period (uuid, year, cadence, number, deadline) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (year, cadence, number) DO UPDATE SET deadline = excluded.deadline",
            params![super::new_uuid(), period.year, period.cadence.code(), period.number, format_date(deadline)],
        )?;
        Ok(self.conn.query_row(
            "SELECT id FROM routine_period WHERE year = ?1 AND cadence = ?2 AND number = ?3",
            params![period.year, period.cadence.code(), period.number],
            |r| r.get(0),
        )?)
    }

    /// Removes a period that holds no record.
    pub fn delete_routine_period(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM routine_closed WHERE period_id = ?1", [id])?;
        self.conn.execute("DELETE FROM routine_period WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn routine_record(&self, period: i64, official: OfficialId) -> Result<Option<RoutineRecord>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {RECORD_COLUMNS} FROM routine_record WHERE period_id = ?1 AND official_id = ?2"))?;
        Ok(stmt.query_row(params![period, official.0], record_from_row).optional()?)
    }

    /// Every record of a period.
    pub fn routine_records(&self, period: i64) -> Result<Vec<RoutineRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {RECORD_COLUMNS} FROM routine_record WHERE period_id = ?1"))?;
        Ok(stmt.query_map([period], record_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Every result of a year's periods as (official, period id, result), without the bodies:
    /// what the quota, the summaries and the suggestions read.
    pub fn routine_results(&self, year: i32) -> Result<Vec<(OfficialId, i64, Option<Rating>)>> {
        self.results_where("", params![year])
    }

    /// One official's results of a year, as [`Db::routine_results`] gives them.
    pub fn routine_results_of(&self, official: OfficialId, year: i32) -> Result<Vec<(OfficialId, i64, Option<Rating>)>> {
        self.results_where(" AND r.official_id = ?2", params![year, official.0])
    }

    fn results_where(&self, and: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Vec<(OfficialId, i64, Option<Rating>)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT r.official_id, r.period_id, r.result FROM routine_record r JOIN routine_period p ON p.id = r.period_id
             WHERE p.year = ?1{and}"
        ))?;
        let rows = stmt.query_map(params, |r| {
            let result: Option<String> = r.get(2)?;
            Ok((OfficialId(r.get(0)?), r.get(1)?, result.as_deref().and_then(Rating::from_code)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each record's stage and result in a period, without the bodies.
    pub fn routine_stages(&self, period: i64) -> Result<Vec<(OfficialId, Stage, Option<Rating>)>> {
        let mut stmt = self.conn.prepare_cached("SELECT official_id, stage, result FROM routine_record WHERE period_id = ?1")?;
        let rows = stmt.query_map([period], |r| {
            let result: Option<String> = r.get(2)?;
            Ok((OfficialId(r.get(0)?), code(r, 1, Stage::from_code)?, result.as_deref().and_then(Rating::from_code)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each record's stage and result in a period for the officials of these units.
    pub fn routine_stages_in(&self, period: i64, units: &[UnitId]) -> Result<Vec<(OfficialId, Stage, Option<Rating>)>> {
        let ids = serde_json::to_string(&units.iter().map(|u| u.0).collect::<Vec<_>>()).unwrap_or_default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.official_id, r.stage, r.result FROM official o JOIN routine_record r ON r.official_id = o.id AND r.period_id = ?1
             WHERE o.unit_id IN (SELECT value FROM json_each(?2))",
        )?;
        let rows = stmt.query_map(params![period, ids], |r| {
            let result: Option<String> = r.get(2)?;
            Ok((OfficialId(r.get(0)?), code(r, 1, Stage::from_code)?, result.as_deref().and_then(Rating::from_code)))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every record of an official in a year, by period.
    pub fn routine_records_of(&self, official: OfficialId, year: i32) -> Result<Vec<RoutineRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.id, r.uuid, r.period_id, r.official_id, r.stage, r.body FROM routine_record r
             JOIN routine_period p ON p.id = r.period_id WHERE r.official_id = ?1 AND p.year = ?2 ORDER BY p.number",
        )?;
        Ok(stmt.query_map(params![official.0, year], record_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes a record whole (insert or replace by period and official); returns its id.
    pub fn save_routine_record(&self, record: &RoutineRecord) -> Result<i64> {
        let body = serde_json::to_string(&record.data).unwrap_or_default();
        let result = match record.stage {
            Stage::Rated | Stage::Acknowledged => record.data.result.map(Rating::code),
            Stage::Draft | Stage::Submitted => None,
        };
        // Prepared once per connection: an import writes thousands of records in a row.
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO routine_record (uuid, period_id, official_id, stage, result, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (period_id, official_id) DO UPDATE SET stage = excluded.stage, result = excluded.result, body = excluded.body
             RETURNING id",
        )?;
        Ok(stmt.query_row(params![record.uuid, record.period, record.official.0, record.stage.code(), result, body], |r| r.get(0))?)
    }

    pub fn delete_routine_record(&self, period: i64, official: OfficialId) -> Result<()> {
        self.conn.execute("DELETE FROM routine_record WHERE period_id = ?1 AND official_id = ?2", params![period, official.0])?;
        Ok(())
    }

    /// The units whose period is closed, with who closed it and when.
    pub fn routine_closed(&self, period: i64) -> Result<Vec<(UnitId, String, NaiveDate)>> {
        let mut stmt = self.conn.prepare_cached("SELECT unit_id, closed_by, closed_on FROM routine_closed WHERE period_id = ?1")?;
        let rows = stmt.query_map([period], |r| Ok((UnitId(r.get(0)?), r.get(1)?, date(r, 2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Closes (`Some`) or reopens (`None`) a unit's period.
    pub fn set_routine_closed(&self, period: i64, unit: UnitId, closed: Option<(&str, NaiveDate)>) -> Result<()> {
        match closed {
            Some((by, on)) => self.conn.execute(
                "INSERT OR REPLACE INTO routine_closed (period_id, unit_id, closed_by, closed_on) VALUES (?1, ?2, ?3, ?4)",
                params![period, unit.0, by, format_date(on)],
            )?,
            None => self.conn.execute("DELETE FROM routine_closed WHERE period_id = ?1 AND unit_id = ?2", params![period, unit.0])?,
        };
        Ok(())
    }

    /// Every 專項考核 event with its participants, by day.
    pub fn special_events(&self) -> Result<Vec<SpecialEvent>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, uuid, date, task, evidence FROM special_event ORDER BY date, id")?;
        let mut events: Vec<SpecialEvent> = stmt
            .query_map([], |r| {
                Ok(SpecialEvent {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    date: date(r, 2)?,
                    task: r.get(3)?,
                    evidence: r.get(4)?,
                    results: vec![],
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt =
            self.conn.prepare_cached("SELECT event_id, official_id, result, note FROM special_result ORDER BY event_id, official_id")?;
        let results = stmt.query_map([], |r| {
            let result: Option<String> = r.get(2)?;
            Ok((
                r.get::<_, i64>(0)?,
                SpecialResult { official: OfficialId(r.get(1)?), result: result.as_deref().and_then(Rating::from_code), note: r.get(3)? },
            ))
        })?;
        for row in results {
            let (event, result) = row?;
            if let Some(e) = events.iter_mut().find(|e| e.id == event) {
                e.results.push(result);
            }
        }
        Ok(events)
    }

    /// Writes an event whole with its participants (a new one when `event.id` is 0); returns its id.
    pub fn save_special_event(&self, event: &SpecialEvent) -> Result<i64> {
        let id = if event.id == 0 {
            self.conn.execute(
                "INSERT INTO special_event (uuid, date, task, evidence) VALUES (?1, ?2, ?3, ?4)",
                params![event.uuid, format_date(event.date), event.task, event.evidence],
            )?;
            self.conn.last_insert_rowid()
        } else {
            self.conn.execute(
                "INSERT INTO special_event (id, uuid, date, task, evidence) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET date = excluded.date, task = excluded.task, evidence = excluded.evidence",
                params![event.id, event.uuid, format_date(event.date), event.task, event.evidence],
            )?;
            event.id
        };
        self.conn.execute("DELETE FROM special_result WHERE event_id = ?1", [id])?;
        for r in &event.results {
            self.conn.execute(
                "INSERT INTO special_result (event_id, official_id, result, note) VALUES (?1, ?2, ?3, ?4)",
                params![id, r.official.0, r.result.map(Rating::code), r.note],
            )?;
        }
        Ok(id)
    }

    pub fn delete_special_event(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM special_event WHERE id = ?1", [id])?;
        Ok(())
    }

    /// The bureau's 好 quota settings (the defaults until set).
    pub fn routine_quota(&self) -> Result<QuotaSettings> {
        Ok(self.meta(QUOTA_KEY)?.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default())
    }

    pub fn set_routine_quota(&self, settings: &QuotaSettings) -> Result<()> {
        self.set_meta(QUOTA_KEY, &serde_json::to_string(settings).unwrap_or_default())
    }

    /// The bureau's rule sets (the shipped ones until edited).
    pub fn routine_rules(&self) -> Result<RuleBook> {
        Ok(self.meta(RULES_KEY)?.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default())
    }

    pub fn set_routine_rules(&self, book: &RuleBook) -> Result<()> {
        self.set_meta(RULES_KEY, &serde_json::to_string(book).unwrap_or_default())
    }
}
