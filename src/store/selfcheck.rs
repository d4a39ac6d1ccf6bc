//! Self-check rounds, self-checks with their reviews, peer checks, opinions, tests with their
//! scores, and improvement-plan items. Levels are stored one row per capability so a round's
//! heatmap is one indexed scan.

use super::{Db, Result, code};
use crate::domain::dates::{format_date, parse_date};
use crate::domain::plans::{PlanItem, PlanItemData, PlanOwner, PlanStatus};
use crate::domain::selfcheck::{
    CheckStatus, Levels, Opinion, PeerCheck, Review, Round, RoundData, SelfCheck, SelfCheckData, Test, TestKind,
};
use crate::domain::{OfficialId, UnitId};
use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Row, params};

fn date(row: &Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(index)?;
    parse_date(&text).ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, format!("bad date {text:?}").into()))
}

fn levels_json(row: &Row<'_>, index: usize) -> rusqlite::Result<Levels> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, e.into()))
}

/// One participant's levels in a round, as the heatmap reads them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckLevels {
    pub official: OfficialId,
    pub status: CheckStatus,
    pub own: Levels,
    pub supervisor: Levels,
}

const CHECK_COLUMNS: &str =
    "id, uuid, round_id, official_id, status, shortfalls, reflection, review_comment, reviewed_by, return_reason, version";

const PLAN_COLUMNS: &str = "id, uuid, year, official_id, unit_id, capability, action, support, due, training, status, review";

fn plan_from_row(row: &Row<'_>) -> rusqlite::Result<PlanItem> {
    let owner = match (row.get::<_, Option<i64>>(3)?, row.get::<_, Option<i64>>(4)?) {
        (Some(official), _) => PlanOwner::Official(OfficialId(official)),
        (None, Some(unit)) => PlanOwner::Unit(UnitId(unit)),
        (None, None) => return Err(rusqlite::Error::FromSqlConversionFailure(3, Type::Null, "a plan item without owner".into())),
    };
    let due: Option<String> = row.get(8)?;
    Ok(PlanItem {
        id: row.get(0)?,
        uuid: row.get(1)?,
        data: PlanItemData {
            owner,
            year: row.get(2)?,
            capability: row.get(5)?,
            action: row.get(6)?,
            support: row.get(7)?,
            due: due.as_deref().and_then(parse_date),
            training: row.get(9)?,
            status: code(row, 10, PlanStatus::from_code)?,
            review: row.get(11)?,
        },
    })
}

impl Db<'_> {
    pub fn rounds(&self) -> Result<Vec<Round>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, uuid, name, year, deadline, closed FROM selfcheck_round ORDER BY year DESC, id DESC")?;
        let rounds = stmt
            .query_map([], |r| {
                Ok(Round {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    data: RoundData { name: r.get(2)?, year: r.get(3)?, deadline: date(r, 4)?, units: Vec::new(), closed: r.get(5)? },
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut units = self.conn.prepare_cached("SELECT unit_id FROM selfcheck_round_unit WHERE round_id = ?1 ORDER BY unit_id")?;
        rounds
            .into_iter()
            .map(|mut round| {
                round.data.units = units.query_map([round.id], |r| Ok(UnitId(r.get(0)?)))?.collect::<rusqlite::Result<_>>()?;
                Ok(round)
            })
            .collect()
    }

    pub fn round(&self, id: i64) -> Result<Option<Round>> {
        Ok(self.rounds()?.into_iter().find(|r| r.id == id))
    }

    pub fn save_round(&self, id: Option<i64>, uuid: &str, data: &RoundData) -> Result<i64> {
        let id = match id {
            Some(id) => {
                self.conn.execute(
                    "UPDATE selfcheck_round SET name = ?2, year = ?3, deadline = ?4, closed = ?5 WHERE id = ?1",
                    params![id, data.name, data.year, format_date(data.deadline), data.closed],
                )?;
                id
            }
            None => {
                self.conn.execute(
                    "INSERT INTO selfcheck_round (uuid, name, year, deadline, closed) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![uuid, data.name, data.year, format_date(data.deadline), data.closed],
                )?;
                self.conn.last_insert_rowid()
            }
        };
        self.conn.execute("DELETE FROM selfcheck_round_unit WHERE round_id = ?1", [id])?;
        for unit in &data.units {
            self.conn.execute("INSERT INTO selfcheck_round_unit (round_id, unit_id) VALUES (?1, ?2)", params![id, unit.0])?;
        }
        Ok(id)
    }

    /// Removes a round with nothing recorded in it yet.
    pub fn delete_round(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM selfcheck_round WHERE id = ?1", [id])?;
        Ok(())
    }

    fn check_from_row(&self, row: &Row<'_>) -> rusqlite::Result<SelfCheck> {
        Ok(SelfCheck {
            id: row.get(0)?,
            uuid: row.get(1)?,
            round: row.get(2)?,
            official: OfficialId(row.get(3)?),
            status: code(row, 4, CheckStatus::from_code)?,
            data: SelfCheckData { shortfalls: row.get(5)?, reflection: row.get(6)?, ..Default::default() },
            review: Review { comment: row.get(7)?, by: row.get(8)?, ..Default::default() },
            return_reason: row.get(9)?,
            version: row.get(10)?,
        })
    }

    fn with_levels(&self, mut check: SelfCheck) -> Result<SelfCheck> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT capability, own_level, evidence, supervisor_level FROM self_check_level WHERE check_id = ?1")?;
        let mut rows = stmt.query([check.id])?;
        while let Some(r) = rows.next()? {
            let index = usize::from(r.get::<_, u8>(0)?.clamp(1, 8) - 1);
            check.data.levels[index] = r.get(1)?;
            check.data.evidence[index] = r.get(2)?;
            check.review.levels[index] = r.get(3)?;
        }
        Ok(check)
    }

    pub fn self_check(&self, round: i64, official: OfficialId) -> Result<Option<SelfCheck>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {CHECK_COLUMNS} FROM self_check WHERE round_id = ?1 AND official_id = ?2"))?;
        match stmt.query_row(params![round, official.0], |r| self.check_from_row(r)).optional()? {
            Some(check) => Ok(Some(self.with_levels(check)?)),
            None => Ok(None),
        }
    }

    /// Every self-check of an official, newest round first.
    pub fn self_checks_of(&self, official: OfficialId) -> Result<Vec<SelfCheck>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {CHECK_COLUMNS} FROM self_check WHERE official_id = ?1 ORDER BY round_id DESC"))?;
        let checks = stmt.query_map([official.0], |r| self.check_from_row(r))?.collect::<rusqlite::Result<Vec<_>>>()?;
        checks.into_iter().map(|c| self.with_levels(c)).collect()
    }

    /// Writes a self-check whole (content, review, status), bumping its version; returns its id.
    pub fn save_self_check(&self, uuid: &str, check: &SelfCheck) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO self_check (uuid, round_id, official_id, status, shortfalls, reflection, review_comment, reviewed_by, return_reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (round_id, official_id) DO UPDATE SET status = excluded.status, shortfalls = excluded.shortfalls,
                reflection = excluded.reflection, review_comment = excluded.review_comment, reviewed_by = excluded.reviewed_by,
                return_reason = excluded.return_reason, version = version + 1",
            params![
                uuid,
                check.round,
                check.official.0,
                check.status.code(),
                check.data.shortfalls,
                check.data.reflection,
                check.review.comment,
                check.review.by,
                check.return_reason
            ],
        )?;
        let id: i64 = self.conn.query_row(
            "SELECT id FROM self_check WHERE round_id = ?1 AND official_id = ?2",
            params![check.round, check.official.0],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR REPLACE INTO self_check_level (check_id, capability, own_level, evidence, supervisor_level) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for i in 0..8 {
            stmt.execute(params![id, i as i64 + 1, check.data.levels[i], check.data.evidence[i], check.review.levels[i]])?;
        }
        Ok(id)
    }

    pub fn delete_self_check(&self, round: i64, official: OfficialId) -> Result<()> {
        self.conn.execute("DELETE FROM self_check WHERE round_id = ?1 AND official_id = ?2", params![round, official.0])?;
        Ok(())
    }

    /// Every self-check's status and levels in a round, in one scan (the heatmap's input).
    /// One participant's levels in a round (a print for a few people reads only theirs).
    pub fn check_levels_of(&self, round: i64, official: OfficialId) -> Result<Option<CheckLevels>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.status, l.capability, l.own_level, l.supervisor_level FROM self_check c JOIN self_check_level l ON l.check_id = c.id
             WHERE c.round_id = ?1 AND c.official_id = ?2",
        )?;
        let mut rows = stmt.query(params![round, official.0])?;
        let mut out: Option<CheckLevels> = None;
        while let Some(r) = rows.next()? {
            let status = code(r, 0, CheckStatus::from_code)?;
            let levels = out.get_or_insert(CheckLevels { official, status, own: [None; 8], supervisor: [None; 8] });
            let index = usize::from(r.get::<_, u8>(1)?.clamp(1, 8) - 1);
            levels.own[index] = r.get(2)?;
            levels.supervisor[index] = r.get(3)?;
        }
        Ok(out)
    }

    pub fn round_levels(&self, round: i64) -> Result<Vec<CheckLevels>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.official_id, c.status, l.capability, l.own_level, l.supervisor_level FROM self_check c JOIN self_check_level l ON l.check_id = c.id WHERE c.round_id = ?1 ORDER BY c.id",
        )?;
        let mut rows = stmt.query([round])?;
        let mut out: Vec<CheckLevels> = Vec::new();
        while let Some(r) = rows.next()? {
            let official = OfficialId(r.get(0)?);
            if out.last().is_none_or(|c| c.official != official) {
                out.push(CheckLevels { official, status: code(r, 1, CheckStatus::from_code)?, own: [None; 8], supervisor: [None; 8] });
            }
            let Some(last) = out.last_mut() else { continue };
            let index = usize::from(r.get::<_, u8>(2)?.clamp(1, 8) - 1);
            last.own[index] = r.get(3)?;
            last.supervisor[index] = r.get(4)?;
        }
        Ok(out)
    }

    /// Officials who handed in a self-check (submitted or reviewed) in a round of `year`.
    pub fn handed_in(&self, year: i32) -> Result<std::collections::HashSet<OfficialId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT c.official_id FROM self_check c JOIN selfcheck_round r ON r.id = c.round_id WHERE r.year = ?1 AND c.status IN ('submitted', 'reviewed')",
        )?;
        Ok(stmt.query_map([year], |r| Ok(OfficialId(r.get(0)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    /// Officials with at least one improvement-plan item for `year`.
    pub fn planned(&self, year: i32) -> Result<std::collections::HashSet<OfficialId>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT DISTINCT official_id FROM plan_item WHERE year = ?1 AND official_id IS NOT NULL")?;
        Ok(stmt.query_map([year], |r| Ok(OfficialId(r.get(0)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    pub fn peer_checks(&self, round: i64) -> Result<Vec<PeerCheck>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, round_id, subject_id, peer_id, levels, comment FROM peer_check WHERE round_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([round], |r| {
            Ok(PeerCheck {
                id: r.get(0)?,
                round: r.get(1)?,
                subject: OfficialId(r.get(2)?),
                peer: OfficialId(r.get(3)?),
                levels: levels_json(r, 4)?,
                comment: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn peer_check(&self, id: i64) -> Result<Option<PeerCheck>> {
        let round: Option<i64> = self.conn.query_row("SELECT round_id FROM peer_check WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        match round {
            Some(round) => Ok(self.peer_checks(round)?.into_iter().find(|p| p.id == id)),
            None => Ok(None),
        }
    }

    /// Stores a peer check (a new assignment when `check.id` is 0); returns its id.
    pub fn save_peer_check(&self, uuid: &str, check: &PeerCheck) -> Result<i64> {
        let levels = serde_json::to_string(&check.levels).unwrap_or_else(|_| "[]".into());
        if check.id == 0 {
            self.conn.execute(
                "INSERT INTO peer_check (uuid, round_id, subject_id, peer_id, levels, comment) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![uuid, check.round, check.subject.0, check.peer.0, levels, check.comment],
            )?;
            return Ok(self.conn.last_insert_rowid());
        }
        self.conn.execute("UPDATE peer_check SET levels = ?2, comment = ?3 WHERE id = ?1", params![check.id, levels, check.comment])?;
        Ok(check.id)
    }

    pub fn delete_peer_check(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM peer_check WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn opinions(&self, official: OfficialId) -> Result<Vec<Opinion>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, round_id, official_id, source, note FROM opinion WHERE official_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([official.0], |r| {
            Ok(Opinion { id: r.get(0)?, round: r.get(1)?, official: OfficialId(r.get(2)?), source: r.get(3)?, note: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn opinion(&self, id: i64) -> Result<Option<Opinion>> {
        let official: Option<i64> = self.conn.query_row("SELECT official_id FROM opinion WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        match official {
            Some(official) => Ok(self.opinions(OfficialId(official))?.into_iter().find(|o| o.id == id)),
            None => Ok(None),
        }
    }

    pub fn insert_opinion(&self, uuid: &str, opinion: &Opinion) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO opinion (uuid, round_id, official_id, source, note) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![uuid, opinion.round, opinion.official.0, opinion.source, opinion.note],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn delete_opinion(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM opinion WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn tests(&self) -> Result<Vec<Test>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, name, kind, date, pass_mark FROM capability_test ORDER BY date DESC, id DESC")?;
        let rows = stmt.query_map([], |r| {
            Ok(Test { id: r.get(0)?, name: r.get(1)?, kind: code(r, 2, TestKind::from_code)?, date: date(r, 3)?, pass_mark: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn insert_test(&self, uuid: &str, test: &Test) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO capability_test (uuid, name, kind, date, pass_mark) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![uuid, test.name, test.kind.code(), format_date(test.date), test.pass_mark],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn delete_test(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM capability_test WHERE id = ?1", [id])?;
        Ok(())
    }

    pub fn score(&self, test: i64, official: OfficialId) -> Result<Option<f64>> {
        Ok(self
            .conn
            .query_row("SELECT score FROM test_score WHERE test_id = ?1 AND official_id = ?2", params![test, official.0], |r| r.get(0))
            .optional()?)
    }

    /// Sets (or with `None` removes) an official's score in a test.
    pub fn set_score(&self, test: i64, official: OfficialId, score: Option<f64>) -> Result<()> {
        match score {
            Some(score) => self.conn.execute(
                "INSERT OR REPLACE INTO test_score (test_id, official_id, score) VALUES (?1, ?2, ?3)",
                params![test, official.0, score],
            )?,
            None => self.conn.execute("DELETE FROM test_score WHERE test_id = ?1 AND official_id = ?2", params![test, official.0])?,
        };
        Ok(())
    }

    pub fn count_scores(&self, test: i64) -> Result<usize> {
        Ok(self.conn.query_row("SELECT count(*) FROM test_score WHERE test_id = ?1", [test], |r| r.get::<_, i64>(0))? as usize)
    }

    /// An official's scores: the test and the score, newest test first.
    pub fn scores_of(&self, official: OfficialId) -> Result<Vec<(Test, f64)>> {
        let tests = self.tests()?;
        let mut stmt = self.conn.prepare_cached("SELECT test_id, score FROM test_score WHERE official_id = ?1")?;
        let scores: Vec<(i64, f64)> = stmt.query_map([official.0], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(tests.into_iter().filter_map(|t| scores.iter().find(|s| s.0 == t.id).map(|s| (t, s.1))).collect())
    }

    /// The plan items of an owner for a year, in the order written.
    pub fn plan_items(&self, owner: PlanOwner, year: i32) -> Result<Vec<PlanItem>> {
        let (column, id) = match owner {
            PlanOwner::Official(o) => ("official_id", o.0),
            PlanOwner::Unit(u) => ("unit_id", u.0),
        };
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {PLAN_COLUMNS} FROM plan_item WHERE {column} = ?1 AND year = ?2 ORDER BY id"))?;
        Ok(stmt.query_map(params![id, year], plan_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    pub fn plan_item(&self, id: i64) -> Result<Option<PlanItem>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {PLAN_COLUMNS} FROM plan_item WHERE id = ?1"))?;
        Ok(stmt.query_row([id], plan_from_row).optional()?)
    }

    /// Inserts (with `id` to restore a deleted one) or updates a plan item; returns its id.
    pub fn save_plan_item(&self, id: Option<i64>, uuid: &str, data: &PlanItemData, insert: bool) -> Result<i64> {
        let (official, unit) = match data.owner {
            PlanOwner::Official(o) => (Some(o.0), None),
            PlanOwner::Unit(u) => (None, Some(u.0)),
        };
        let values = params![
            id,
            uuid,
            data.year,
            official,
            unit,
            data.capability,
            data.action,
            data.support,
            data.due.map(format_date),
            data.training,
            data.status.code(),
            data.review
        ];
        if insert {
            self.conn.execute(
                &format!("INSERT INTO plan_item ({PLAN_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
                values,
            )?;
            Ok(self.conn.last_insert_rowid())
        } else {
            self.conn.execute(
                "UPDATE plan_item SET year = ?3, official_id = ?4, unit_id = ?5, capability = ?6, action = ?7, support = ?8, due = ?9, training = ?10, status = ?11, review = ?12 WHERE id = ?1 AND ?2 IS NOT NULL",
                values,
            )?;
            Ok(id.unwrap_or_default())
        }
    }

    pub fn delete_plan_item(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM plan_item WHERE id = ?1", [id])?;
        Ok(())
    }
}
