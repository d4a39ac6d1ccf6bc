//! Facts about the bureau kept in the `meta` table: its name, the programme year, and the day a
//! demo bureau is viewed as of.

use super::{Db, Result};
use rusqlite::{OptionalExtension, params};

/// The `meta` key of a demo bureau's fixed "today" (see [`Db::demo_today`]).
pub const DEMO_TODAY_KEY: &str = "demo_today";

/// The bureau a database belongs to.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct BureauInfo {
    pub name: String,
    pub year: i32,
}

impl Db<'_> {
    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// The day a demo bureau is shown as of (its programme seen from a day inside it), or `None`
    /// for a real bureau, whose today is the calendar's.
    pub fn demo_today(&self) -> Result<Option<chrono::NaiveDate>> {
        Ok(self.meta(DEMO_TODAY_KEY)?.and_then(|day| crate::domain::dates::parse_date(&day)))
    }

    /// The bureau's name and year, or `None` for a database not yet set up.
    pub fn bureau(&self) -> Result<Option<BureauInfo>> {
        let (Some(name), Some(year)) = (self.meta("bureau_name")?, self.meta("programme_year")?) else {
            return Ok(None);
        };
        Ok(year.parse().ok().map(|year| BureauInfo { name, year }))
    }
}
