//! The programme catalogue as stored in a database: the 八種能力, the tiers and the phases.
//! A new database gets a copy of the shipped catalogue; from then on it is the bureau's own.

use super::{Db, Result, code, new_uuid};
use crate::domain::Names;
use crate::domain::catalogue::{Capability, Catalogue, Phase, PhaseTask, RankTier, TierInfo};
use crate::domain::dates::{format_date, parse_date};
use rusqlite::params;

fn names(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<Names> {
    Ok(Names { tc: row.get(first)?, sc: row.get(first + 1)?, en: row.get(first + 2)? })
}

fn date(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<chrono::NaiveDate> {
    let text: String = row.get(index)?;
    parse_date(&text)
        .ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, format!("bad date {text:?}").into()))
}

impl Db<'_> {
    pub fn insert_catalogue(&self, catalogue: &Catalogue) -> Result<()> {
        for c in &catalogue.capabilities {
            self.conn.execute(
                "INSERT INTO capability (uuid, position, code, name_tc, name_sc, name_en, slogan_tc, slogan_sc, slogan_en)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![new_uuid(), c.position, c.code, c.name.tc, c.name.sc, c.name.en, c.slogan.tc, c.slogan.sc, c.slogan.en],
            )?;
        }
        for t in &catalogue.tiers {
            self.conn.execute(
                "INSERT INTO rank_tier (uuid, code, name_tc, name_sc, name_en, expectation_tc, expectation_sc, expectation_en)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![new_uuid(), t.tier.code(), t.name.tc, t.name.sc, t.name.en, t.expectation.tc, t.expectation.sc, t.expectation.en],
            )?;
        }
        for p in &catalogue.phases {
            self.conn.execute(
                "INSERT INTO phase (uuid, position, name_tc, name_sc, name_en, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![new_uuid(), p.position, p.name.tc, p.name.sc, p.name.en, format_date(p.start), format_date(p.end)],
            )?;
            let phase_id = self.conn.last_insert_rowid();
            for (i, task) in p.tasks.iter().enumerate() {
                self.conn.execute(
                    "INSERT INTO phase_task (uuid, phase_id, position, title_tc, title_sc, title_en, measure) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![new_uuid(), phase_id, i as i64 + 1, task.title.tc, task.title.sc, task.title.en, task.measure],
                )?;
            }
        }
        self.set_meta("programme_name_tc", &catalogue.programme.tc)?;
        self.set_meta("programme_name_sc", &catalogue.programme.sc)?;
        self.set_meta("programme_name_en", &catalogue.programme.en)?;
        Ok(())
    }

    /// The catalogue as this database holds it.
    pub fn catalogue(&self) -> Result<Catalogue> {
        let capabilities = self
            .conn
            .prepare_cached(
                "SELECT position, code, name_tc, name_sc, name_en, slogan_tc, slogan_sc, slogan_en FROM capability ORDER BY position",
            )?
            .query_map([], |r| Ok(Capability { position: r.get(0)?, code: r.get(1)?, name: names(r, 2)?, slogan: names(r, 5)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let tiers = self
            .conn
            .prepare_cached(
                "SELECT code, name_tc, name_sc, name_en, expectation_tc, expectation_sc, expectation_en FROM rank_tier ORDER BY id",
            )?
            .query_map([], |r| Ok(TierInfo { tier: code(r, 0, RankTier::from_code)?, name: names(r, 1)?, expectation: names(r, 4)? }))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut phases = self
            .conn
            .prepare_cached("SELECT id, position, name_tc, name_sc, name_en, start_date, end_date FROM phase ORDER BY position")?
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    Phase { position: r.get(1)?, name: names(r, 2)?, start: date(r, 5)?, end: date(r, 6)?, tasks: Vec::new() },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut task_stmt = self
            .conn
            .prepare_cached("SELECT title_tc, title_sc, title_en, measure FROM phase_task WHERE phase_id = ?1 ORDER BY position")?;
        for (id, phase) in &mut phases {
            phase.tasks = task_stmt
                .query_map([*id], |r| Ok(PhaseTask { title: names(r, 0)?, measure: r.get(3)? }))?
                .collect::<rusqlite::Result<_>>()?;
        }
        let programme = Names {
            tc: self.meta("programme_name_tc")?.unwrap_or_default(),
            sc: self.meta("programme_name_sc")?.unwrap_or_default(),
            en: self.meta("programme_name_en")?.unwrap_or_default(),
        };
        Ok(Catalogue { programme, capabilities, tiers, phases: phases.into_iter().map(|(_, p)| p).collect() })
    }
}
