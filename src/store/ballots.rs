//! 民主測評 tallies and ballot codes: paper tallies replaced per person, class and year; a cast
//! ballot removes its code and adds to the counts, so nothing stored tells who voted how.

use super::{Db, Result};
use crate::domain::ballots::Tally;
use crate::domain::{OfficialId, UnitId};
use rusqlite::{OptionalExtension, params};

/// A waiting ballot code: its year, voter class and the unit whose people it assesses.
pub type BallotCode = (i32, String, Option<UnitId>);

/// One person's tally from one class: the person, the class and the counts.
pub type TallyRow = (OfficialId, String, Tally);

impl Db<'_> {
    /// A year's paper tally for a person and a class.
    pub fn paper_tally(&self, year: i32, official: OfficialId, class: &str) -> Result<Option<Tally>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT excellent, competent, basic, incompetent FROM ballot_tally
             WHERE year = ?1 AND official_id = ?2 AND class = ?3 AND source = 'paper'",
        )?;
        Ok(stmt.query_row(params![year, official.0, class], |r| Ok(Tally([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))).optional()?)
    }

    /// Sets (or with `None` removes) a year's paper tally for a person and a class.
    pub fn set_paper_tally(&self, year: i32, official: OfficialId, class: &str, tally: Option<&Tally>) -> Result<()> {
        match tally {
            Some(t) => self.conn.execute(
                "INSERT INTO ballot_tally (year, official_id, class, source, excellent, competent, basic, incompetent)
                 VALUES (?1, ?2, ?3, 'paper', ?4, ?5, ?6, ?7)
                 ON CONFLICT (year, official_id, class, source) DO UPDATE SET excellent = excluded.excellent,
                   competent = excluded.competent, basic = excluded.basic, incompetent = excluded.incompetent",
                params![year, official.0, class, t.0[0], t.0[1], t.0[2], t.0[3]],
            )?,
            None => self.conn.execute(
                "DELETE FROM ballot_tally WHERE year = ?1 AND official_id = ?2 AND class = ?3 AND source = 'paper'",
                params![year, official.0, class],
            )?,
        };
        Ok(())
    }

    /// Adds one cast ballot's mark for a person to the class's counts.
    pub fn add_cast_mark(&self, year: i32, official: OfficialId, class: &str, mark: usize) -> Result<()> {
        let mut counts = [0u32; 4];
        counts[mark.min(3)] = 1;
        self.conn.execute(
            "INSERT INTO ballot_tally (year, official_id, class, source, excellent, competent, basic, incompetent)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (year, official_id, class, source) DO UPDATE SET excellent = excellent + excluded.excellent,
               competent = competent + excluded.competent, basic = basic + excluded.basic,
               incompetent = incompetent + excluded.incompetent",
            params![year, official.0, class, "cast", counts[0], counts[1], counts[2], counts[3]],
        )?;
        Ok(())
    }

    /// Every tally of a year, paper and cast added together, by person and class.
    pub fn tallies(&self, year: i32) -> Result<Vec<TallyRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT official_id, class, sum(excellent), sum(competent), sum(basic), sum(incompetent) FROM ballot_tally
             WHERE year = ?1 GROUP BY official_id, class ORDER BY official_id, class",
        )?;
        let rows =
            stmt.query_map([year], |r| Ok((OfficialId(r.get(0)?), r.get(1)?, Tally([r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Stores the hashes of newly issued codes for a class and the unit assessed (`None`: the bureau).
    pub fn add_ballot_codes(&self, year: i32, class: &str, unit: Option<UnitId>, hashes: &[String]) -> Result<()> {
        let mut stmt = self.conn.prepare_cached("INSERT INTO ballot_code (code_hash, year, class, unit_id) VALUES (?1, ?2, ?3, ?4)")?;
        for hash in hashes {
            stmt.execute(params![hash, year, class, unit.map(|u| u.0)])?;
        }
        Ok(())
    }

    /// A waiting code's year, class and unit assessed, or `None` when no such code is waiting.
    pub fn ballot_code(&self, hash: &str) -> Result<Option<BallotCode>> {
        Ok(self
            .conn
            .query_row("SELECT year, class, unit_id FROM ballot_code WHERE code_hash = ?1", [hash], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<i64>>(2)?.map(UnitId)))
            })
            .optional()?)
    }

    /// Takes a code out of use: what [`Db::ballot_code`] says of it, and the code is gone.
    pub fn take_ballot_code(&self, hash: &str) -> Result<Option<BallotCode>> {
        let found = self.ballot_code(hash)?;
        if found.is_some() {
            self.conn.execute("DELETE FROM ballot_code WHERE code_hash = ?1", [hash])?;
        }
        Ok(found)
    }

    /// How many codes of a year are still unused, by class.
    pub fn unused_ballot_codes(&self, year: i32) -> Result<Vec<(String, u32)>> {
        let mut stmt = self.conn.prepare_cached("SELECT class, count(*) FROM ballot_code WHERE year = ?1 GROUP BY class ORDER BY class")?;
        Ok(stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?)
    }
}
