//! The bureau's calendar (holidays and 調休 days) and each year's 公示 of the 優秀 candidates,
//! its days as columns beside the body (text, candidates, objections) as JSON.

use super::{Db, Result};
use crate::domain::workdays::{Calendar, DayKind, Publicity};
use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, params};

impl Db<'_> {
    /// The calendar's days from `from` to `to` (inclusive).
    pub fn calendar(&self, from: NaiveDate, to: NaiveDate) -> Result<Calendar> {
        let mut stmt = self.conn.prepare_cached("SELECT day, kind, name FROM calendar_day WHERE day BETWEEN ?1 AND ?2 ORDER BY day")?;
        let rows = stmt.query_map(params![from.to_string(), to.to_string()], |r| {
            let day: String = r.get(0)?;
            let day = day.parse::<NaiveDate>().map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, Type::Text, e.into()))?;
            Ok((day, (super::code(r, 1, DayKind::from_code)?, r.get::<_, String>(2)?)))
        })?;
        Ok(Calendar { days: rows.collect::<rusqlite::Result<_>>()? })
    }

    /// Replaces the calendar's days of `year` with `calendar`'s.
    pub fn set_calendar(&self, year: i32, calendar: &Calendar) -> Result<()> {
        self.conn.execute("DELETE FROM calendar_day WHERE substr(day, 1, 4) = ?1", [format!("{year:04}")])?;
        let mut stmt = self.conn.prepare_cached("INSERT INTO calendar_day (day, kind, name) VALUES (?1, ?2, ?3)")?;
        for (day, (kind, name)) in &calendar.days {
            stmt.execute(params![day.to_string(), kind.code(), name])?;
        }
        Ok(())
    }

    /// A year's 公示 with its uuid.
    pub fn publicity(&self, year: i32) -> Result<Option<(String, Publicity)>> {
        let mut stmt = self.conn.prepare_cached("SELECT uuid, body FROM publicity WHERE year = ?1")?;
        Ok(stmt
            .query_row([year], |r| {
                let body: String = r.get(1)?;
                let p = serde_json::from_str(&body).map_err(|e| rusqlite::Error::FromSqlConversionFailure(1, Type::Text, e.into()))?;
                Ok((r.get(0)?, p))
            })
            .optional()?)
    }

    /// Writes a year's 公示 whole (its days must be set).
    pub fn save_publicity(&self, year: i32, uuid: &str, publicity: &Publicity) -> Result<()> {
        let (Some(start), Some(end)) = (publicity.start, publicity.end) else {
            return Err(super::StoreError::Constraint("a notice needs its start and end".into()));
        };
        let body = serde_json::to_string(publicity).unwrap_or_default();
        self.conn.execute(
            "INSERT INTO publicity (year, uuid, start_day, end_day, body) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (year) DO UPDATE SET start_day = excluded.start_day, end_day = excluded.end_day, body = excluded.body",
            params![year, uuid, start.to_string(), end.to_string(), body],
        )?;
        Ok(())
    }

    pub fn delete_publicity(&self, year: i32) -> Result<()> {
        self.conn.execute("DELETE FROM publicity WHERE year = ?1", [year])?;
        Ok(())
    }
}
