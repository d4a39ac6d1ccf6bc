//! A year's programme: its phases with dates, milestones and 領導小組, created from the
//! catalogue's template and copied forward (dates shifted) for a new year.

use super::{Db, Result, StoreError, new_uuid};
use crate::domain::catalogue::Catalogue;
use crate::domain::dates::{format_date, parse_date};
use crate::domain::programme::{Measure, Member, Milestone, MilestoneData, MilestoneStatus, Programme, ProgrammePhase, Role, shift_years};
use crate::domain::{Names, UnitId};
use chrono::{Datelike, NaiveDate};
use rusqlite::{OptionalExtension, params};

fn date(text: &str) -> rusqlite::Result<NaiveDate> {
    parse_date(text)
        .ok_or_else(|| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, format!("bad date {text:?}").into()))
}

impl Db<'_> {
    /// Creates the programme of `year` from the catalogue's phases and tasks, shifted so the
    /// first phase starts in that year; each task becomes a milestone due at its phase's end.
    pub fn create_programme(&self, year: i32, catalogue: &Catalogue) -> Result<i64> {
        let first = catalogue.phases.iter().map(|p| p.start.year()).min().unwrap_or(year);
        let shift = year - first;
        let shipped = Catalogue::shipped();
        let name = |text: &str, fallback: &str| if text.trim().is_empty() { fallback.to_owned() } else { text.to_owned() };
        let programme_name = Names {
            tc: name(&catalogue.programme.tc, &shipped.programme.tc),
            sc: name(&catalogue.programme.sc, &shipped.programme.sc),
            en: name(&catalogue.programme.en, &shipped.programme.en),
        };
        self.conn.execute(
            "INSERT INTO programme (uuid, year, name_tc, name_sc, name_en) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![new_uuid(), year, programme_name.tc, programme_name.sc, programme_name.en],
        )?;
        let programme = self.conn.last_insert_rowid();
        for phase in &catalogue.phases {
            let end = shift_years(phase.end, shift);
            self.conn.execute(
                "INSERT INTO programme_phase (uuid, programme_id, position, name_tc, name_sc, name_en, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![new_uuid(), programme, phase.position, phase.name.tc, phase.name.sc, phase.name.en, format_date(shift_years(phase.start, shift)), format_date(end)],
            )?;
            let phase_id = self.conn.last_insert_rowid();
            for (i, task) in phase.tasks.iter().enumerate() {
                self.conn.execute(
                    "INSERT INTO milestone (uuid, phase_id, position, title_tc, title_sc, title_en, due_date, measure) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![new_uuid(), phase_id, i as i64 + 1, task.title.tc, task.title.sc, task.title.en, format_date(end), task.measure],
                )?;
            }
        }
        Ok(programme)
    }

    /// The years that have a programme, newest last.
    pub fn programme_years(&self) -> Result<Vec<i32>> {
        let mut stmt = self.conn.prepare_cached("SELECT year FROM programme ORDER BY year")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn programme(&self, year: i32) -> Result<Option<Programme>> {
        let head: Option<(i64, Names)> = self
            .conn
            .query_row("SELECT id, name_tc, name_sc, name_en FROM programme WHERE year = ?1", [year], |r| {
                Ok((r.get(0)?, Names { tc: r.get(1)?, sc: r.get(2)?, en: r.get(3)? }))
            })
            .optional()?;
        let Some((id, name)) = head else { return Ok(None) };
        let mut phases: Vec<ProgrammePhase> = self
            .conn
            .prepare_cached("SELECT id, position, name_tc, name_sc, name_en, start_date, end_date FROM programme_phase WHERE programme_id = ?1 ORDER BY position")?
            .query_map([id], |r| {
                Ok(ProgrammePhase {
                    id: r.get(0)?,
                    position: r.get(1)?,
                    name: Names { tc: r.get(2)?, sc: r.get(3)?, en: r.get(4)? },
                    start: date(&r.get::<_, String>(5)?)?,
                    end: date(&r.get::<_, String>(6)?)?,
                    milestones: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title_tc, title_sc, title_en, unit_id, lead, due_date, status, done_on, measure, notes, evidence
             FROM milestone WHERE phase_id = ?1 ORDER BY position, id",
        )?;
        for phase in &mut phases {
            phase.milestones = stmt
                .query_map([phase.id], |r| {
                    let status: String = r.get(7)?;
                    let done_on: Option<String> = r.get(8)?;
                    let measure: Option<String> = r.get(9)?;
                    Ok(Milestone {
                        id: r.get(0)?,
                        phase: phase.id,
                        title: Names { tc: r.get(1)?, sc: r.get(2)?, en: r.get(3)? },
                        measure: measure.as_deref().and_then(Measure::from_code),
                        data: MilestoneData {
                            unit: r.get::<_, Option<i64>>(4)?.map(UnitId),
                            lead: r.get(5)?,
                            due: date(&r.get::<_, String>(6)?)?,
                            status: MilestoneStatus::from_code(&status).unwrap_or(MilestoneStatus::NotStarted),
                            done_on: done_on.as_deref().map(date).transpose()?,
                            notes: r.get(10)?,
                            evidence: r.get(11)?,
                        },
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        let members = self
            .conn
            .prepare_cached("SELECT id, name, role, duty FROM leading_group_member WHERE programme_id = ?1 ORDER BY position, id")?
            .query_map([id], |r| {
                let role: String = r.get(2)?;
                Ok((r.get(0)?, Member { name: r.get(1)?, role: Role::from_code(&role).unwrap_or(Role::Member), duty: r.get(3)? }))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(Programme { id, year, name, phases, members }))
    }

    pub fn milestone(&self, id: i64) -> Result<Option<MilestoneData>> {
        let row = self
            .conn
            .query_row("SELECT unit_id, lead, due_date, status, done_on, notes, evidence FROM milestone WHERE id = ?1", [id], |r| {
                let status: String = r.get(3)?;
                let done_on: Option<String> = r.get(4)?;
                Ok(MilestoneData {
                    unit: r.get::<_, Option<i64>>(0)?.map(UnitId),
                    lead: r.get(1)?,
                    due: date(&r.get::<_, String>(2)?)?,
                    status: MilestoneStatus::from_code(&status).unwrap_or(MilestoneStatus::NotStarted),
                    done_on: done_on.as_deref().map(date).transpose()?,
                    notes: r.get(5)?,
                    evidence: r.get(6)?,
                })
            })
            .optional()?;
        Ok(row)
    }

    pub fn update_milestone(&self, id: i64, data: &MilestoneData) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE milestone SET unit_id = ?2, lead = ?3, due_date = ?4, status = ?5, done_on = ?6, notes = ?7, evidence = ?8 WHERE id = ?1",
            params![id, data.unit.map(|u| u.0), data.lead, format_date(data.due), data.status.code(), data.done_on.map(format_date), data.notes, data.evidence],
        )?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// A phase's dates.
    pub fn phase_dates(&self, id: i64) -> Result<Option<(NaiveDate, NaiveDate)>> {
        Ok(self
            .conn
            .query_row("SELECT start_date, end_date FROM programme_phase WHERE id = ?1", [id], |r| {
                Ok((date(&r.get::<_, String>(0)?)?, date(&r.get::<_, String>(1)?)?))
            })
            .optional()?)
    }

    pub fn update_phase_dates(&self, id: i64, start: NaiveDate, end: NaiveDate) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE programme_phase SET start_date = ?2, end_date = ?3 WHERE id = ?1",
            params![id, format_date(start), format_date(end)],
        )?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub fn insert_member(&self, programme: i64, member: &Member) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO leading_group_member (uuid, programme_id, position, name, role, duty)
             VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM leading_group_member WHERE programme_id = ?2), ?3, ?4, ?5)",
            params![new_uuid(), programme, member.name, member.role.code(), member.duty],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn member(&self, id: i64) -> Result<Option<(i64, Member)>> {
        Ok(self
            .conn
            .query_row("SELECT programme_id, name, role, duty FROM leading_group_member WHERE id = ?1", [id], |r| {
                let role: String = r.get(2)?;
                Ok((r.get(0)?, Member { name: r.get(1)?, role: Role::from_code(&role).unwrap_or(Role::Member), duty: r.get(3)? }))
            })
            .optional()?)
    }

    pub fn delete_member(&self, id: i64) -> Result<()> {
        self.conn.execute("DELETE FROM leading_group_member WHERE id = ?1", [id])?;
        Ok(())
    }

    /// Copies the programme of `from` to `to` with every date moved by the years between; the
    /// milestones start over (not started, no notes or evidence), the 領導小組 carries over.
    pub fn copy_programme(&self, from: i32, to: i32) -> Result<Option<i64>> {
        let Some(source) = self.programme(from)? else { return Ok(None) };
        if self.programme(to)?.is_some() {
            return Ok(None);
        }
        let shift = to - from;
        self.conn.execute(
            "INSERT INTO programme (uuid, year, name_tc, name_sc, name_en) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![new_uuid(), to, source.name.tc, source.name.sc, source.name.en],
        )?;
        let programme = self.conn.last_insert_rowid();
        for phase in &source.phases {
            self.conn.execute(
                "INSERT INTO programme_phase (uuid, programme_id, position, name_tc, name_sc, name_en, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    new_uuid(),
                    programme,
                    phase.position,
                    phase.name.tc,
                    phase.name.sc,
                    phase.name.en,
                    format_date(shift_years(phase.start, shift)),
                    format_date(shift_years(phase.end, shift))
                ],
            )?;
            let phase_id = self.conn.last_insert_rowid();
            for (i, m) in phase.milestones.iter().enumerate() {
                self.conn.execute(
                    "INSERT INTO milestone (uuid, phase_id, position, title_tc, title_sc, title_en, unit_id, lead, due_date, measure)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![
                        new_uuid(),
                        phase_id,
                        i as i64 + 1,
                        m.title.tc,
                        m.title.sc,
                        m.title.en,
                        m.data.unit.map(|u| u.0),
                        m.data.lead,
                        format_date(shift_years(m.data.due, shift)),
                        m.measure.map(|x| x.code())
                    ],
                )?;
            }
        }
        for (_, member) in &source.members {
            self.insert_member(programme, member)?;
        }
        Ok(Some(programme))
    }
}
