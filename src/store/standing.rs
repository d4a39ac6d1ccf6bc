//! Officials' standing (處分 and 組織處理, 立案審查, leave, probation, secondment) replaced whole per
//! official, the bureau's working days per year, the eligibility rules and 優秀 quota settings
//! (JSON in meta), and the 名額分配表 per year and pool.

use super::{Db, Result, code};
use crate::domain::dates::{format_date, parse_date};
use crate::domain::eligibility::Rules;
use crate::domain::standing::{Investigation, Leave, LeaveKind, Outcome, Sanction, SanctionKind, Secondment, Standing};
use crate::domain::yearend::QuotaRules;
use crate::domain::{OfficialId, UnitId};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

const RULES_KEY: &str = "eligibility_rules";
const QUOTA_KEY: &str = "excellent_quota";
/// The share set before the quota's rules were kept (Settings ▸ Share of 優秀).
const OLD_PERCENT_KEY: &str = "excellent_percent";

fn day(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(index)?;
    match text {
        None => Ok(None),
        Some(text) => parse_date(&text).map(Some).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, format!("bad date {text:?}").into())
        }),
    }
}

fn required_day(row: &Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    day(row, index)?.ok_or(rusqlite::Error::InvalidColumnType(index, "date".into(), rusqlite::types::Type::Null))
}

impl Db<'_> {
    /// An official's standing (empty when nothing is recorded).
    pub fn standing(&self, id: OfficialId) -> Result<Standing> {
        Ok(self.standings_where(Some(id))?.remove(&id).unwrap_or_default())
    }

    /// Every official with anything recorded, with their standing.
    pub fn standings(&self) -> Result<std::collections::HashMap<OfficialId, Standing>> {
        self.standings_where(None)
    }

    /// The standings of one official, or of everyone: one query per table.
    fn standings_where(&self, only: Option<OfficialId>) -> Result<std::collections::HashMap<OfficialId, Standing>> {
        let mut out: std::collections::HashMap<OfficialId, Standing> = std::collections::HashMap::new();
        let filter = "WHERE ?1 IS NULL OR official_id = ?1";
        let only = only.map(|o| o.0);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT official_id, kind, doc_no, effective, ends FROM official_sanction {filter} ORDER BY official_id, seq"
        ))?;
        let rows = stmt.query_map([only], |r| {
            Ok((
                r.get(0)?,
                Sanction {
                    kind: code(r, 1, SanctionKind::from_code)?,
                    doc_no: r.get(2)?,
                    effective: required_day(r, 3)?,
                    ends: day(r, 4)?,
                },
            ))
        })?;
        for row in rows {
            let (id, s): (i64, Sanction) = row?;
            out.entry(OfficialId(id)).or_default().sanctions.push(s);
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT official_id, opened, closed, outcome FROM official_investigation {filter} ORDER BY official_id, seq"
        ))?;
        let rows = stmt.query_map([only], |r| {
            let outcome: Option<String> = r.get(3)?;
            Ok((
                r.get(0)?,
                Investigation {
                    opened: required_day(r, 1)?,
                    closed: day(r, 2)?,
                    outcome: match outcome {
                        Some(_) => Some(code(r, 3, Outcome::from_code)?),
                        None => None,
                    },
                },
            ))
        })?;
        for row in rows {
            let (id, c): (i64, Investigation) = row?;
            out.entry(OfficialId(id)).or_default().investigations.push(c);
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT official_id, year, kind, days FROM official_leave {filter} ORDER BY official_id, year, kind"
        ))?;
        let rows = stmt
            .query_map([only], |r| Ok((r.get(0)?, Leave { year: r.get(1)?, kind: code(r, 2, LeaveKind::from_code)?, days: r.get(3)? })))?;
        for row in rows {
            let (id, l): (i64, Leave) = row?;
            out.entry(OfficialId(id)).or_default().leave.push(l);
        }
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT official_id, year, months FROM official_secondment {filter} ORDER BY official_id, year"))?;
        let rows = stmt.query_map([only], |r| Ok((r.get(0)?, Secondment { year: r.get(1)?, months: r.get(2)? })))?;
        for row in rows {
            let (id, s): (i64, Secondment) = row?;
            out.entry(OfficialId(id)).or_default().secondments.push(s);
        }
        let mut stmt = self.conn.prepare_cached(&format!("SELECT official_id, ends FROM official_probation {filter}"))?;
        let rows = stmt.query_map([only], |r| Ok((r.get::<_, i64>(0)?, required_day(r, 1)?)))?;
        for row in rows {
            let (id, ends) = row?;
            out.entry(OfficialId(id)).or_default().probation_ends = Some(ends);
        }
        Ok(out)
    }

    /// Replaces an official's standing whole.
    pub fn set_standing(&self, id: OfficialId, standing: &Standing) -> Result<()> {
        for table in ["official_sanction", "official_investigation", "official_leave", "official_secondment", "official_probation"] {
            self.conn.prepare_cached(&format!("DELETE FROM {table} WHERE official_id = ?1"))?.execute([id.0])?;
        }
        let mut stmt = self.conn.prepare_cached(
            "INSERT INTO official_sanction (official_id, seq, kind, doc_no, effective, ends) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (seq, s) in standing.sanctions.iter().enumerate() {
            stmt.execute(params![id.0, seq as i64, s.kind.code(), s.doc_no, format_date(s.effective), s.ends.map(format_date)])?;
        }
        let mut stmt = self
            .conn
            .prepare_cached("INSERT INTO official_investigation (official_id, seq, opened, closed, outcome) VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for (seq, c) in standing.investigations.iter().enumerate() {
            stmt.execute(params![id.0, seq as i64, format_date(c.opened), c.closed.map(format_date), c.outcome.map(Outcome::code)])?;
        }
        let mut stmt = self.conn.prepare_cached("INSERT INTO official_leave (official_id, year, kind, days) VALUES (?1, ?2, ?3, ?4)")?;
        for l in &standing.leave {
            stmt.execute(params![id.0, l.year, l.kind.code(), l.days])?;
        }
        let mut stmt = self.conn.prepare_cached("INSERT INTO official_secondment (official_id, year, months) VALUES (?1, ?2, ?3)")?;
        for s in &standing.secondments {
            stmt.execute(params![id.0, s.year, s.months])?;
        }
        if let Some(ends) = standing.probation_ends {
            self.conn
                .prepare_cached("INSERT INTO official_probation (official_id, ends) VALUES (?1, ?2)")?
                .execute(params![id.0, format_date(ends)])?;
        }
        Ok(())
    }

    /// The working days the bureau entered for `year`.
    pub fn working_days(&self, year: i32) -> Result<Option<u32>> {
        Ok(self.conn.prepare_cached("SELECT days FROM working_days WHERE year = ?1")?.query_row([year], |r| r.get(0)).optional()?)
    }

    /// Sets (or with `None` removes) a year's working days.
    pub fn set_working_days(&self, year: i32, days: Option<u32>) -> Result<()> {
        match days {
            Some(days) => self
                .conn
                .prepare_cached(
                    "INSERT INTO working_days (year, days) VALUES (?1, ?2) ON CONFLICT (year) DO UPDATE SET days = excluded.days",
                )?
                .execute(params![year, days])?,
            None => self.conn.prepare_cached("DELETE FROM working_days WHERE year = ?1")?.execute([year])?,
        };
        Ok(())
    }

    /// The bureau's eligibility rules (the shipped 2020 ones until edited).
    pub fn eligibility_rules(&self) -> Result<Rules> {
        Ok(self.meta(RULES_KEY)?.and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default())
    }

    pub fn set_eligibility_rules(&self, rules: &Rules) -> Result<()> {
        self.set_meta(RULES_KEY, &serde_json::to_string(rules).unwrap_or_default())
    }

    /// How the bureau counts the 優秀 quota (the defaults, at the share set before, until set).
    pub fn excellent_rules(&self) -> Result<QuotaRules> {
        if let Some(rules) = self.meta(QUOTA_KEY)?.and_then(|text| serde_json::from_str(&text).ok()) {
            return Ok(rules);
        }
        let percent = self.meta(OLD_PERCENT_KEY)?.and_then(|p| p.parse().ok()).filter(|p| (1..=100).contains(p));
        Ok(QuotaRules { percent: percent.unwrap_or(crate::domain::yearend::SHARE), ..QuotaRules::default() })
    }

    pub fn set_excellent_rules(&self, rules: &QuotaRules) -> Result<()> {
        self.set_meta(QUOTA_KEY, &serde_json::to_string(rules).unwrap_or_default())
    }

    /// A pool's 名額分配表 for a year: each unit's places, by unit.
    pub fn allocation(&self, year: i32, pool: &str) -> Result<Vec<(UnitId, u32)>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT unit_id, places FROM excellent_allocation WHERE year = ?1 AND pool = ?2 ORDER BY unit_id")?;
        Ok(stmt.query_map(params![year, pool], |r| Ok((UnitId(r.get(0)?), r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces a pool's 名額分配表 for a year.
    pub fn set_allocation(&self, year: i32, pool: &str, places: &[(UnitId, u32)]) -> Result<()> {
        self.conn.prepare_cached("DELETE FROM excellent_allocation WHERE year = ?1 AND pool = ?2")?.execute(params![year, pool])?;
        let mut stmt =
            self.conn.prepare_cached("INSERT INTO excellent_allocation (year, pool, unit_id, places) VALUES (?1, ?2, ?3, ?4)")?;
        for (unit, n) in places {
            stmt.execute(params![year, pool, unit.0, n])?;
        }
        Ok(())
    }
}
