//! The training register: types, plan topics, sessions, attendance, study records, quota rules,
//! and the yearly tally per official and type, kept up to date inside a change's own transaction
//! (so quotas read a few rows per person): a mark moves it by what the mark changed, other changes
//! recount the officials and years they touch.

use super::{Db, Result, code};
use crate::domain::dates::{format_date, parse_date};
use crate::domain::training::{
    Attendance, Fact, Kind, Mark, QuotaRule, Session, SessionData, StudyData, StudyRecord, Tally, TallyChange, Topic, TrainingFile, tally,
    tally_change,
};
use crate::domain::training_views::FileLine;
use crate::domain::{Names, OfficialId};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Type;
use rusqlite::{OptionalExtension, Row, params};
use std::collections::HashMap;

fn date(row: &Row<'_>, index: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = row.get(index)?;
    parse_date(&text).ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, format!("bad date {text:?}").into()))
}

fn from_json<T: serde::de::DeserializeOwned>(row: &Row<'_>, index: usize) -> rusqlite::Result<T> {
    let text: String = row.get(index)?;
    serde_json::from_str(&text).map_err(|e| rusqlite::Error::FromSqlConversionFailure(index, Type::Text, e.into()))
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

const SESSION_COLUMNS: &str = "id, uuid, topic_id, title, kind, date, time, place, hours, organiser, lead, audience, capabilities";

fn session_from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: row.get(0)?,
        uuid: row.get(1)?,
        topic: row.get(2)?,
        data: SessionData {
            title: row.get(3)?,
            kind: row.get(4)?,
            date: date(row, 5)?,
            time: row.get(6)?,
            place: row.get(7)?,
            hours: row.get::<_, f64>(8)? as f32,
            organiser: row.get(9)?,
            lead: row.get(10)?,
            audience: from_json(row, 11)?,
            capabilities: from_json(row, 12)?,
        },
        plan_items: Vec::new(),
    })
}

const STUDY_COLUMNS: &str = "id, uuid, official_id, title, kind, start, end, hours, organiser, place, mode, result, certificate";

fn study_from_row(row: &Row<'_>) -> rusqlite::Result<StudyRecord> {
    Ok(StudyRecord {
        id: row.get(0)?,
        uuid: row.get(1)?,
        official: OfficialId(row.get(2)?),
        data: StudyData {
            title: row.get(3)?,
            kind: row.get(4)?,
            start: date(row, 5)?,
            end: date(row, 6)?,
            hours: row.get::<_, f64>(7)? as f32,
            organiser: row.get(8)?,
            place: row.get(9)?,
            mode: row.get(10)?,
            result: row.get(11)?,
            certificate: row.get(12)?,
        },
    })
}

impl Db<'_> {
    /// Copies the shipped session types and quota rules in, where none are there yet.
    pub fn insert_training_defaults(&self, file: &TrainingFile) -> Result<()> {
        for (position, kind) in file.kinds.iter().enumerate() {
            self.conn.execute(
                "INSERT OR IGNORE INTO training_kind (code, position, name_tc, name_sc, name_en) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![kind.code, position as i64 + 1, kind.name.tc, kind.name.sc, kind.name.en],
            )?;
        }
        let rules: i64 = self.conn.query_row("SELECT count(*) FROM quota_rule", [], |r| r.get(0))?;
        if rules == 0 {
            self.save_quota_rules(&file.quotas)?;
        }
        Ok(())
    }

    pub fn training_kinds(&self) -> Result<Vec<Kind>> {
        let mut stmt = self.conn.prepare_cached("SELECT code, name_tc, name_sc, name_en FROM training_kind ORDER BY position")?;
        let rows = stmt.query_map([], |r| Ok(Kind { code: r.get(0)?, name: Names { tc: r.get(1)?, sc: r.get(2)?, en: r.get(3)? } }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn quota_rules(&self) -> Result<Vec<QuotaRule>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, body FROM quota_rule ORDER BY position, id")?;
        let rows = stmt.query_map([], |r| {
            let mut rule: QuotaRule = from_json(r, 1)?;
            rule.id = r.get(0)?;
            Ok(rule)
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the quota rules with `rules`, in their order.
    pub fn save_quota_rules(&self, rules: &[QuotaRule]) -> Result<()> {
        self.conn.execute("DELETE FROM quota_rule", [])?;
        for (position, rule) in rules.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO quota_rule (id, position, body) VALUES (?1, ?2, ?3)",
                params![if rule.id > 0 { Some(rule.id) } else { None }, position as i64, to_json(rule)],
            )?;
        }
        Ok(())
    }

    pub fn topics(&self, year: i32) -> Result<Vec<Topic>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, year, title, points, organiser, lead, audience, schedule, kind FROM study_topic WHERE year = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([year], |r| {
            Ok(Topic {
                id: r.get(0)?,
                year: r.get(1)?,
                title: r.get(2)?,
                points: r.get(3)?,
                organiser: r.get(4)?,
                lead: r.get(5)?,
                audience: from_json(r, 6)?,
                schedule: r.get(7)?,
                kind: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Inserts a topic (with `topic.id` when above 0, to restore one); returns its id.
    pub fn insert_topic(&self, uuid: &str, topic: &Topic) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO study_topic (id, uuid, year, title, points, organiser, lead, audience, schedule, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                (topic.id > 0).then_some(topic.id),
                uuid,
                topic.year,
                topic.title,
                topic.points,
                topic.organiser,
                topic.lead,
                to_json(&topic.audience),
                topic.schedule,
                topic.kind
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn topic(&self, id: i64) -> Result<Option<Topic>> {
        let year: Option<i32> = self.conn.query_row("SELECT year FROM study_topic WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        match year {
            Some(year) => Ok(self.topics(year)?.into_iter().find(|t| t.id == id)),
            None => Ok(None),
        }
    }

    pub fn update_topic(&self, topic: &Topic) -> Result<()> {
        self.conn.execute(
            "UPDATE study_topic SET year = ?2, title = ?3, points = ?4, organiser = ?5, lead = ?6, audience = ?7, schedule = ?8, kind = ?9 WHERE id = ?1",
            params![topic.id, topic.year, topic.title, topic.points, topic.organiser, topic.lead, to_json(&topic.audience), topic.schedule, topic.kind],
        )?;
        Ok(())
    }

    /// Removes a topic no session was scheduled from.
    pub fn delete_topic(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM study_topic WHERE id = ?1", [id])?;
        Ok(())
    }

    /// How many sessions were scheduled from a topic.
    pub fn topic_sessions(&self, id: i64) -> Result<usize> {
        Ok(self.conn.query_row("SELECT count(*) FROM training_session WHERE topic_id = ?1", [id], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Sessions dated in `year`, by date.
    pub fn sessions(&self, year: i32) -> Result<Vec<Session>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {SESSION_COLUMNS} FROM training_session WHERE date BETWEEN ?1 AND ?2 ORDER BY date, id"))?;
        let rows = stmt.query_map(params![format!("{year:04}-01-01"), format!("{year:04}-12-31")], session_from_row)?;
        let sessions = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        sessions.into_iter().map(|s| self.with_plan_items(s)).collect()
    }

    fn with_plan_items(&self, mut session: Session) -> Result<Session> {
        let mut stmt =
            self.conn.prepare_cached("SELECT plan_item_id FROM session_plan_item WHERE session_id = ?1 ORDER BY plan_item_id")?;
        session.plan_items = stmt.query_map([session.id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(session)
    }

    pub fn session(&self, id: i64) -> Result<Option<Session>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {SESSION_COLUMNS} FROM training_session WHERE id = ?1"))?;
        match stmt.query_row([id], session_from_row).optional()? {
            Some(session) => Ok(Some(self.with_plan_items(session)?)),
            None => Ok(None),
        }
    }

    /// Inserts (`id: None`, or an id to restore) or updates a session; returns its id. The
    /// tallies of everyone who attended are brought up to date (its date or hours may change).
    pub fn save_session(&self, id: Option<i64>, insert: bool, session: &Session) -> Result<i64> {
        let d = &session.data;
        let values = params![
            id,
            session.uuid,
            session.topic,
            d.title,
            d.kind,
            format_date(d.date),
            d.time,
            d.place,
            f64::from(d.hours),
            d.organiser,
            d.lead,
            to_json(&d.audience),
            to_json(&d.capabilities)
        ];
        let id = if insert {
            self.conn.execute(
                &format!(
                    "INSERT INTO training_session ({SESSION_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
                ),
                values,
            )?;
            self.conn.last_insert_rowid()
        } else {
            let before = id.and_then(|id| self.session(id).ok().flatten());
            self.conn.execute(
                "UPDATE training_session SET topic_id = ?3, title = ?4, kind = ?5, date = ?6, time = ?7, place = ?8, hours = ?9, organiser = ?10, lead = ?11, audience = ?12, capabilities = ?13 WHERE id = ?1 AND ?2 IS NOT NULL",
                values,
            )?;
            let id = id.unwrap_or_default();
            // Credited hours never exceed the session's.
            self.conn.execute("UPDATE attendance SET hours = min(hours, ?2) WHERE session_id = ?1", params![id, f64::from(d.hours)])?;
            let attendees: Vec<OfficialId> = self.attendance(id)?.into_iter().map(|a| a.official).collect();
            for official in attendees {
                self.retally(official, d.date.year())?;
                if let Some(before) = &before
                    && before.data.date.year() != d.date.year()
                {
                    self.retally(official, before.data.date.year())?;
                }
            }
            id
        };
        self.conn.execute("DELETE FROM session_plan_item WHERE session_id = ?1", [id])?;
        for item in &session.plan_items {
            self.conn.execute("INSERT INTO session_plan_item (session_id, plan_item_id) VALUES (?1, ?2)", params![id, item])?;
        }
        Ok(id)
    }

    /// Removes a session with its attendance, and brings the attendees' tallies up to date.
    pub fn delete_session(&self, id: i64) -> Result<()> {
        let Some(session) = self.session(id)? else { return Ok(()) };
        let attendees: Vec<OfficialId> = self.attendance(id)?.into_iter().map(|a| a.official).collect();
        self.conn.execute("DELETE FROM training_session WHERE id = ?1", [id])?;
        for official in attendees {
            self.retally(official, session.data.date.year())?;
        }
        Ok(())
    }

    pub fn attendance(&self, session: i64) -> Result<Vec<Attendance>> {
        let mut stmt = self.conn.prepare_cached("SELECT official_id, mark, hours, walk_in FROM attendance WHERE session_id = ?1")?;
        let rows = stmt.query_map([session], |r| {
            Ok(Attendance {
                official: OfficialId(r.get(0)?),
                mark: code(r, 1, Mark::from_code)?,
                hours: r.get::<_, f64>(2)? as f32,
                walk_in: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Writes these people's attendance at a session (replacing what they had) and moves their
    /// tallies by what each mark changed ([`tally_change`]): one read of the session, and per row
    /// a read of the mark it replaces, the write and one upsert of the tally.
    pub fn set_attendance(&self, session: i64, rows: &[Attendance]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let (day, kind) = self.session_day(session)?;
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR REPLACE INTO attendance (session_id, official_id, mark, hours, walk_in) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for row in rows {
            let before = self.mark_at(session, row.official)?;
            stmt.execute(params![session, row.official.0, row.mark.code(), f64::from(row.hours), row.walk_in])?;
            self.move_tally(row.official, day, &kind, tally_change(day, before, Some((row.mark, row.hours))))?;
        }
        Ok(())
    }

    /// The date and type of a session, which its attendance counts under.
    fn session_day(&self, session: i64) -> Result<(NaiveDate, String)> {
        let mut stmt = self.conn.prepare_cached("SELECT date, kind FROM training_session WHERE id = ?1")?;
        Ok(stmt.query_row([session], |r| Ok((date(r, 0)?, r.get(1)?)))?)
    }

    /// An official's mark at a session with its 學時, if marked.
    fn mark_at(&self, session: i64, official: OfficialId) -> Result<Option<(Mark, f32)>> {
        let mut stmt = self.conn.prepare_cached("SELECT mark, hours FROM attendance WHERE session_id = ?1 AND official_id = ?2")?;
        Ok(stmt.query_row(params![session, official.0], |r| Ok((code(r, 0, Mark::from_code)?, r.get::<_, f64>(1)? as f32))).optional()?)
    }

    /// Applies a change of an official's mark at a session dated `day` of type `kind` to their tally.
    fn move_tally(&self, official: OfficialId, day: NaiveDate, kind: &str, change: TallyChange) -> Result<()> {
        match change {
            TallyChange::Unchanged => Ok(()),
            TallyChange::Recount => self.retally(official, day.year()),
            TallyChange::Add { sessions, hours, months } => {
                let mut stmt = self.conn.prepare_cached(
                    "INSERT INTO training_tally (official_id, year, kind, sessions, hours, months) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (official_id, year, kind) DO UPDATE
                     SET sessions = sessions + excluded.sessions, hours = hours + excluded.hours, months = months | excluded.months",
                )?;
                stmt.execute(params![official.0, day.year(), kind, sessions, f64::from(hours), months])?;
                Ok(())
            }
        }
    }

    /// Writes attendance rows without bringing tallies up to date: for building a bureau in bulk,
    /// which then calls [`Db::retally`] once per person or writes the tallies itself.
    pub fn add_attendance_untallied(&self, session: i64, rows: &[Attendance]) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR REPLACE INTO attendance (session_id, official_id, mark, hours, walk_in) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for row in rows {
            stmt.execute(params![session, row.official.0, row.mark.code(), f64::from(row.hours), row.walk_in])?;
        }
        Ok(())
    }

    /// Writes an official's tallies as given (bulk building; see [`Db::retally`]).
    pub fn insert_tallies(&self, official: OfficialId, tallies: &[Tally]) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "INSERT OR REPLACE INTO training_tally (official_id, year, kind, sessions, hours, months) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for t in tallies {
            stmt.execute(params![official.0, t.year, t.kind, t.sessions, f64::from(t.hours), t.months])?;
        }
        Ok(())
    }

    /// Removes these people's attendance at a session (an undo) and updates their tallies.
    pub fn clear_attendance(&self, session: i64, officials: &[OfficialId]) -> Result<()> {
        if officials.is_empty() {
            return Ok(());
        }
        let (day, kind) = self.session_day(session)?;
        let mut stmt = self.conn.prepare_cached("DELETE FROM attendance WHERE session_id = ?1 AND official_id = ?2")?;
        for official in officials {
            let before = self.mark_at(session, *official)?;
            stmt.execute(params![session, official.0])?;
            self.move_tally(*official, day, &kind, tally_change(day, before, None))?;
        }
        Ok(())
    }

    pub fn study_records(&self, official: OfficialId) -> Result<Vec<StudyRecord>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {STUDY_COLUMNS} FROM study_record WHERE official_id = ?1 ORDER BY start, id"))?;
        Ok(stmt.query_map([official.0], study_from_row)?.collect::<rusqlite::Result<_>>()?)
    }

    pub fn study_record(&self, id: i64) -> Result<Option<StudyRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {STUDY_COLUMNS} FROM study_record WHERE id = ?1"))?;
        Ok(stmt.query_row([id], study_from_row).optional()?)
    }

    /// Inserts (or, with `insert` false, updates) a study record and the official's tallies.
    pub fn save_study_record(&self, record: &StudyRecord, insert: bool) -> Result<i64> {
        let d = &record.data;
        let before = if insert { None } else { self.study_record(record.id)? };
        let values = params![
            if record.id > 0 { Some(record.id) } else { None },
            record.uuid,
            record.official.0,
            d.title,
            d.kind,
            format_date(d.start),
            format_date(d.end),
            f64::from(d.hours),
            d.organiser,
            d.place,
            d.mode,
            d.result,
            d.certificate
        ];
        let id = if insert {
            self.conn.execute(
                &format!("INSERT INTO study_record ({STUDY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"),
                values,
            )?;
            self.conn.last_insert_rowid()
        } else {
            self.conn.execute(
                "UPDATE study_record SET official_id = ?3, title = ?4, kind = ?5, start = ?6, end = ?7, hours = ?8, organiser = ?9, place = ?10, mode = ?11, result = ?12, certificate = ?13 WHERE id = ?1 AND ?2 IS NOT NULL",
                values,
            )?;
            record.id
        };
        self.retally(record.official, d.end.year())?;
        if let Some(before) = before {
            self.retally(before.official, before.data.end.year())?;
        }
        Ok(id)
    }

    pub fn delete_study_record(&self, id: i64) -> Result<()> {
        let Some(before) = self.study_record(id)? else { return Ok(()) };
        self.conn.execute("DELETE FROM study_record WHERE id = ?1", [id])?;
        self.retally(before.official, before.data.end.year())
    }

    /// What counts towards an official's quotas in `year`: credited attendance (by session
    /// date) and study records (by the day they ended).
    pub fn facts(&self, official: OfficialId, year: i32) -> Result<Vec<Fact>> {
        let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.date, s.kind, a.hours FROM attendance a JOIN training_session s ON s.id = a.session_id
             WHERE a.official_id = ?1 AND a.mark IN ('present', 'late') AND s.date BETWEEN ?2 AND ?3
             UNION ALL
             SELECT end, kind, hours FROM study_record WHERE official_id = ?1 AND end BETWEEN ?2 AND ?3",
        )?;
        let rows = stmt.query_map(params![official.0, from, to], |r| {
            Ok(Fact { date: date(r, 0)?, kind: r.get(1)?, hours: r.get::<_, f64>(2)? as f32 })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Recomputes an official's tallies of `year` from their facts.
    pub fn retally(&self, official: OfficialId, year: i32) -> Result<()> {
        let tallies = tally(&self.facts(official, year)?);
        self.conn.execute("DELETE FROM training_tally WHERE official_id = ?1 AND year = ?2", params![official.0, year])?;
        self.insert_tallies(official, &tallies)
    }

    /// Every official's tallies of the years `from..=to`, added to `out`; with `tiers`, only
    /// the tallies of officials of those tiers.
    pub fn tallies_into(
        &self,
        from: i32,
        to: i32,
        tiers: Option<&[crate::domain::catalogue::RankTier]>,
        out: &mut HashMap<OfficialId, Vec<Tally>>,
    ) -> Result<()> {
        if tiers.is_some_and(<[_]>::is_empty) {
            return Ok(());
        }
        let sql = match tiers {
            None => "SELECT official_id, year, kind, sessions, hours, months FROM training_tally WHERE year BETWEEN ?1 AND ?2".to_owned(),
            Some(tiers) => format!(
                "SELECT t.official_id, t.year, t.kind, t.sessions, t.hours, t.months FROM training_tally t JOIN official o ON o.id = t.official_id
                 WHERE t.year BETWEEN ?1 AND ?2 AND o.tier IN ({})",
                // Codes from the closed vocabulary, never user text.
                tiers.iter().map(|t| format!("'{}'", t.code())).collect::<Vec<_>>().join(",")
            ),
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params![from, to])?;
        while let Some(r) = rows.next()? {
            out.entry(OfficialId(r.get(0)?)).or_default().push(Tally {
                year: r.get(1)?,
                kind: r.get(2)?,
                sessions: r.get(3)?,
                hours: r.get::<_, f64>(4)? as f32,
                months: r.get(5)?,
            });
        }
        Ok(())
    }

    /// One official's tallies of the years `from..=to`.
    /// Officials with training recorded in `year`: a session attended or a study record.
    pub fn trained(&self, year: i32) -> Result<std::collections::HashSet<OfficialId>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT DISTINCT official_id FROM training_tally WHERE year = ?1 AND (sessions > 0 OR hours > 0)")?;
        Ok(stmt.query_map([year], |r| Ok(OfficialId(r.get(0)?)))?.collect::<rusqlite::Result<_>>()?)
    }

    pub fn tallies_of(&self, official: OfficialId, from: i32, to: i32) -> Result<Vec<Tally>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT year, kind, sessions, hours, months FROM training_tally WHERE official_id = ?1 AND year BETWEEN ?2 AND ?3 ORDER BY year, kind",
        )?;
        let rows = stmt.query_map(params![official.0, from, to], |r| {
            Ok(Tally { year: r.get(0)?, kind: r.get(1)?, sessions: r.get(2)?, hours: r.get::<_, f64>(3)? as f32, months: r.get(4)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Everything in an official's training file for `year`: sessions attended (with the mark)
    /// and study records, by date.
    pub fn training_file(&self, official: OfficialId, year: i32) -> Result<Vec<FileLine>> {
        let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
        let mut lines = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.date, s.title, s.kind, a.hours, s.organiser, s.place, a.mark FROM attendance a JOIN training_session s ON s.id = a.session_id
             WHERE a.official_id = ?1 AND s.date BETWEEN ?2 AND ?3",
        )?;
        let rows = stmt.query_map(params![official.0, from, to], |r| {
            let day = date(r, 0)?;
            Ok(FileLine {
                study: StudyData {
                    title: r.get(1)?,
                    kind: r.get(2)?,
                    start: day,
                    end: day,
                    hours: r.get::<_, f64>(3)? as f32,
                    organiser: r.get(4)?,
                    place: r.get(5)?,
                    mode: String::new(),
                    result: String::new(),
                    certificate: String::new(),
                },
                mark: Some(code(r, 6, Mark::from_code)?),
            })
        })?;
        for row in rows {
            lines.push(row?);
        }
        for record in self.study_records(official)?.into_iter().filter(|r| r.data.end.year() == year) {
            lines.push(FileLine { study: record.data, mark: None });
        }
        lines.sort_by(|a, b| (a.study.start, &a.study.title).cmp(&(b.study.start, &b.study.title)));
        Ok(lines)
    }
}
