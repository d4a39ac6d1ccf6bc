//! 民主測評, the bureau's calendar, the 公示 and 結果運用 as use cases: the personnel section's
//! settings, paper tallies and notice (audited, undoable); ballot codes issued and cast (a cast
//! ballot's audit row says only that a ballot was cast); the results each reader may see, shares
//! hidden below the minimum; and what each grade brings.

use super::command::{Applied, AppraisalCommand, Command, Entity};
use super::{Result, ServiceError, existing_official, json};
use crate::domain::access::{Need, Sight};
use crate::domain::ballots::{self, DEFAULT_CLASSES, DEFAULT_MINIMUM, Tally};
use crate::domain::consequences::{Consequences, consequences};
use crate::domain::problem::{Field, Problem};
use crate::domain::workdays::{Calendar, Publicity};
use crate::domain::yearend::{Grade, Stage};
use crate::domain::{OfficialId, UnitId};
use crate::store::{Db, new_uuid};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The most ballot codes issued at once.
pub const MAX_CODES: u32 = 2_000;

fn year_ok(year: i32) -> Result<()> {
    if super::YEARS.contains(&year) { Ok(()) } else { Err(ServiceError::one(Field::Year, Problem::OutOfRange { min: 2000, max: 2100 })) }
}

fn classes_in(db: &Db<'_>) -> Result<Vec<String>> {
    Ok(db
        .meta("ballot_classes")?
        .and_then(|j| serde_json::from_str::<Vec<String>>(&j).ok())
        .filter(|c| ballots::valid_classes(c))
        .unwrap_or_else(|| DEFAULT_CLASSES.iter().map(|c| (*c).to_owned()).collect()))
}

fn minimum_in(db: &Db<'_>) -> Result<u32> {
    Ok(db.meta("ballot_minimum")?.and_then(|m| m.parse().ok()).unwrap_or(DEFAULT_MINIMUM))
}

/// The calendar around `year` (its days and the next year's first months, where a notice may end).
fn calendar_in(db: &Db<'_>, year: i32) -> Result<Calendar> {
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
    let to = NaiveDate::from_ymd_opt(year + 1, 12, 31).unwrap_or_default();
    Ok(db.calendar(from, to)?)
}

/// The year's 優秀: the committee's grade, or the supervisor's proposal where none is set yet.
fn excellent_of(db: &Db<'_>, year: i32) -> Result<Vec<OfficialId>> {
    Ok(db
        .yearend_grades(year)?
        .into_iter()
        .filter(|(_, grade, proposed)| grade.or(*proposed) == Some(Grade::Excellent))
        .map(|(official, _, _)| official)
        .collect())
}

/// Whether `official`'s 優秀 of `year` may be made final on `today`; the problem to show if not.
pub(super) fn excellent_may_be_final(db: &Db<'_>, official: OfficialId, year: i32, today: NaiveDate) -> Result<()> {
    let notice = db.publicity(year)?.map(|(_, p)| p);
    crate::domain::workdays::excellent_final(notice.as_ref(), official, today)
        .map_err(|until| ServiceError::one(Field::Status, Problem::NotPublicised { until: until.map(|d| d.to_string()) }))
}

/// What an appraisal command needs: all of them are the personnel section's.
pub(super) fn need(_command: &AppraisalCommand) -> Need {
    Need::Admin
}

/// Applies one appraisal command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, command: AppraisalCommand) -> Result<Applied> {
    let undo = |command| Command::Appraisal(command);
    Ok(match command {
        AppraisalCommand::SetCalendar { year, calendar } => {
            year_ok(year)?;
            let calendar = calendar.validate()?;
            if calendar.days.keys().any(|d| chrono::Datelike::year(d) != year) {
                return Err(ServiceError::one(Field::Deadline, Problem::BadDate));
            }
            let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default();
            let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default();
            let before = db.calendar(from, to)?;
            db.set_calendar(year, &calendar)?;
            db.audit(actor, "calendar.set", "calendar_day", None, json(&before).as_deref(), json(&calendar).as_deref())?;
            Applied {
                action: "calendar.set",
                entity: Entity::Appraisal,
                undo: undo(AppraisalCommand::SetCalendar { year, calendar: before }),
            }
        }
        AppraisalCommand::SetVoterClasses(classes) => {
            if !ballots::valid_classes(&classes) {
                return Err(ServiceError::one(Field::Record, Problem::OutOfRange { min: 1, max: 20 }));
            }
            let before = classes_in(db)?;
            db.set_meta("ballot_classes", &json(&classes).unwrap_or_default())?;
            db.audit(actor, "ballot.classes", "meta", None, json(&before).as_deref(), json(&classes).as_deref())?;
            Applied { action: "ballot.classes", entity: Entity::Appraisal, undo: undo(AppraisalCommand::SetVoterClasses(before)) }
        }
        AppraisalCommand::SetBallotMinimum(minimum) => {
            if !(1..=1000).contains(&minimum) {
                return Err(ServiceError::one(Field::Record, Problem::OutOfRange { min: 1, max: 1000 }));
            }
            let before = minimum_in(db)?;
            db.set_meta("ballot_minimum", &minimum.to_string())?;
            db.audit(actor, "ballot.minimum", "meta", None, Some(&before.to_string()), Some(&minimum.to_string()))?;
            Applied { action: "ballot.minimum", entity: Entity::Appraisal, undo: undo(AppraisalCommand::SetBallotMinimum(before)) }
        }
        AppraisalCommand::SetTally { year, official, class, tally } => {
            year_ok(year)?;
            existing_official(db, official)?;
            let known = classes_in(db)?.contains(&class) || db.paper_tally(year, official, &class)?.is_some();
            if !known {
                return Err(ServiceError::one(Field::Record, Problem::NotFound));
            }
            if tally.is_some_and(|t| !t.in_range()) {
                return Err(ServiceError::one(Field::Score, Problem::OutOfRange { min: 0, max: ballots::MAX_BALLOTS.into() }));
            }
            let before = db.paper_tally(year, official, &class)?;
            db.set_paper_tally(year, official, &class, tally.as_ref())?;
            db.audit(actor, "ballot.tally", "ballot_tally", Some(official.0), json(&before).as_deref(), json(&tally).as_deref())?;
            Applied {
                action: "ballot.tally",
                entity: Entity::Appraisal,
                undo: undo(AppraisalCommand::SetTally { year, official, class, tally: before }),
            }
        }
        AppraisalCommand::SavePublicity { year, publicity } => {
            year_ok(year)?;
            let mut publicity = publicity.validate(&calendar_in(db, year)?)?;
            let before = db.publicity(year)?;
            for official in &publicity.candidates {
                existing_official(db, *official)?;
            }
            if publicity.candidates.is_empty() {
                publicity.candidates = excellent_of(db, year)?;
            }
            if publicity.start.is_some_and(|s| chrono::Datelike::year(&s) != year && chrono::Datelike::year(&s) != year + 1) {
                return Err(ServiceError::one(Field::Deadline, Problem::OutOfRange { min: year.into(), max: (year + 1).into() }));
            }
            let uuid = before.as_ref().map_or_else(new_uuid, |(uuid, _)| uuid.clone());
            db.save_publicity(year, &uuid, &publicity)?;
            let old = before.as_ref().and_then(|(_, p)| json(p));
            db.audit(actor, "publicity.save", "publicity", Some(year.into()), old.as_deref(), json(&publicity).as_deref())?;
            let before = before.map(|(uuid, p)| (uuid, Box::new(p)));
            Applied { action: "publicity.save", entity: Entity::Appraisal, undo: undo(AppraisalCommand::RestorePublicity { year, before }) }
        }
        AppraisalCommand::RestorePublicity { year, before } => {
            let now = db.publicity(year)?;
            match &before {
                Some((uuid, p)) => db.save_publicity(year, uuid, p)?,
                None => db.delete_publicity(year)?,
            }
            let old = now.as_ref().and_then(|(_, p)| json(p));
            let new = before.as_ref().and_then(|(_, p)| json(p));
            db.audit(actor, "publicity.restore", "publicity", Some(year.into()), old.as_deref(), new.as_deref())?;
            let before = now.map(|(uuid, p)| (uuid, Box::new(p)));
            Applied {
                action: "publicity.restore",
                entity: Entity::Appraisal,
                undo: undo(AppraisalCommand::RestorePublicity { year, before }),
            }
        }
    })
}

/// What a ballot code is for: the year, the voter class and the people it assesses (id, staff
/// number, name, unit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BallotSubjects {
    pub year: i32,
    pub class: String,
    pub people: Vec<(OfficialId, String, String, String)>,
}

/// The serving people of `unit` with its sub-units (`None`: the bureau), as a ballot lists them.
fn subjects_of(db: &Db<'_>, unit: Option<UnitId>) -> Result<Vec<crate::domain::roster::RosterRow>> {
    let scope = match unit {
        Some(u) => Some(crate::domain::org::subtree(&db.units()?, u)),
        None => None,
    };
    Ok(db
        .roster_rows()?
        .into_iter()
        .filter(|r| r.status == crate::domain::catalogue::OfficialStatus::Active && scope.as_ref().is_none_or(|s| s.contains(&r.unit)))
        .collect())
}

/// One person's line in the year's list of what the grades bring.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsequenceRow {
    pub official: OfficialId,
    pub staff_no: String,
    pub name: String,
    pub unit: UnitId,
    pub unit_name: String,
    pub consequences: Consequences,
}

impl super::Service {
    /// The voter classes, in order.
    pub fn voter_classes(&self) -> Result<Vec<String>> {
        classes_in(&self.read())
    }

    /// The fewest ballots behind a share shown.
    pub fn ballot_minimum(&self) -> Result<u32> {
        minimum_in(&self.read())
    }

    /// The bureau's calendar for `year` and the year after.
    pub fn calendar(&self, year: i32) -> Result<Calendar> {
        calendar_in(&self.read(), year)
    }

    /// The year's 公示, if one is saved (a public notice: every account reads it).
    pub fn publicity(&self, year: i32) -> Result<Option<Publicity>> {
        self.require_read(Sight::Anyone)?;
        Ok(self.read().publicity(year)?.map(|(_, p)| p))
    }

    /// The earliest day a notice published on `start` may end, by the bureau's calendar.
    pub fn publicity_earliest_end(&self, start: NaiveDate) -> Result<NaiveDate> {
        Ok(calendar_in(&self.read(), chrono::Datelike::year(&start))?.publicity_end(start))
    }

    /// The year's 民主測評 results of the people the account may see (administrators and
    /// reviewers), each class's shares and the whole hidden below the minimum.
    pub fn ballot_results(&self, year: i32) -> Result<BTreeMap<OfficialId, ballots::Result>> {
        self.require_read(Sight::Overview)?;
        let db = self.read();
        let visible: BTreeMap<OfficialId, UnitId> = db.roster_rows()?.into_iter().map(|r| (r.id, r.unit)).collect();
        let classes = classes_in(&db)?;
        let minimum = minimum_in(&db)?;
        let mut by_person: BTreeMap<OfficialId, Vec<(String, Tally)>> = BTreeMap::new();
        for (official, class, tally) in db.tallies(year)? {
            if visible.get(&official).is_some_and(|unit| self.access().may_see(official, *unit)) {
                by_person.entry(official).or_default().push((class, tally));
            }
        }
        Ok(by_person
            .into_iter()
            .map(|(official, mut tallies)| {
                tallies.sort_by_key(|(class, _)| classes.iter().position(|c| c == class).unwrap_or(usize::MAX));
                (official, ballots::result(&tallies, minimum))
            })
            .collect())
    }

    /// One person's 民主測評 result for the year (read as their other year-end facts are).
    pub fn ballot_result(&self, official: OfficialId, year: i32) -> Result<Option<ballots::Result>> {
        let db = self.read();
        let who = existing_official(&db, official)?;
        self.require_read(Sight::Official { official, unit: who.unit })?;
        let minimum = minimum_in(&db)?;
        let classes = classes_in(&db)?;
        let mut tallies: Vec<(String, Tally)> =
            db.tallies(year)?.into_iter().filter(|(o, _, _)| *o == official).map(|(_, class, t)| (class, t)).collect();
        tallies.sort_by_key(|(class, _)| classes.iter().position(|c| c == class).unwrap_or(usize::MAX));
        Ok((!tallies.is_empty()).then(|| ballots::result(&tallies, minimum)))
    }

    /// A person's paper tallies of the year by voter class (the personnel section's entry form).
    pub fn paper_tallies(&self, official: OfficialId, year: i32) -> Result<Vec<(String, Option<Tally>)>> {
        self.require_read(Sight::Bureau)?;
        let db = self.read();
        classes_in(&db)?.into_iter().map(|class| Ok((class.clone(), db.paper_tally(year, official, &class)?))).collect()
    }

    /// Issues `count` one-time ballot codes of a voter class for the year, each assessing the
    /// serving people of `unit` with its sub-units (`None`: the bureau): the codes are returned
    /// to be printed on slips, only their keyed hashes are kept.
    pub fn issue_ballot_codes(&mut self, year: i32, class: &str, unit: Option<UnitId>, count: u32) -> Result<Vec<String>> {
        self.require(Need::Admin)?;
        year_ok(year)?;
        if !(1..=MAX_CODES).contains(&count) {
            return Err(ServiceError::one(Field::Record, Problem::OutOfRange { min: 1, max: MAX_CODES.into() }));
        }
        let actor = self.actor().to_owned();
        let class = class.to_owned();
        self.store_mut().write(|db| {
            if !classes_in(db)?.contains(&class) {
                return Err(ServiceError::one(Field::Record, Problem::NotFound));
            }
            if let Some(unit) = unit {
                super::existing_unit(db, unit)?;
            }
            let key = db.ballot_key()?;
            let codes: Vec<String> = (0..count).map(|_| super::packages::new_code().0).collect();
            let hashes: Vec<String> = codes
                .iter()
                .filter_map(|c| crate::domain::package::normalise_code(c))
                .map(|letters| ballots::code_hash(&key, &letters))
                .collect();
            db.add_ballot_codes(year, &class, unit, &hashes)?;
            let after = serde_json::json!({ "year": year, "class": class, "unit": unit.map(|u| u.0), "count": count });
            db.audit(&actor, "ballot.issue", "ballot_code", None, None, Some(&after.to_string()))?;
            Ok(codes)
        })
    }

    /// What a ballot code (not yet used) is for: its year, voter class and the people it
    /// assesses (staff number, name, unit) — read by whoever holds the code.
    pub fn ballot_subjects(&self, code: &str) -> Result<BallotSubjects> {
        if !self.access().may_read(Sight::Anyone) {
            return Err(ServiceError::Forbidden);
        }
        let bad = || ServiceError::one(Field::Record, Problem::BadBallotCode);
        let letters = crate::domain::package::normalise_code(code).ok_or_else(bad)?;
        let db = self.read();
        if db.meta("ballot_key")?.is_none() {
            return Err(bad());
        }
        let (year, class, unit) = db.ballot_code(&ballots::code_hash(&db.ballot_key()?, &letters))?.ok_or_else(bad)?;
        let people = subjects_of(&db, unit)?.into_iter().map(|r| (r.id, r.staff_no, r.name, r.unit_name)).collect();
        Ok(BallotSubjects { year, class, people })
    }

    /// Casts a ballot with a one-time code: each mark (for the people the code assesses) adds to
    /// the counts of the code's year and class, and the code is gone. Nothing kept says whose
    /// ballot it was or how it was marked: its audit row names no account and keeps only the day.
    pub fn cast_ballot(&mut self, code: &str, marks: &[(OfficialId, Grade)]) -> Result<()> {
        if !self.access().may_read(Sight::Anyone) {
            return Err(ServiceError::Forbidden);
        }
        let letters = crate::domain::package::normalise_code(code).ok_or(ServiceError::one(Field::Record, Problem::BadBallotCode))?;
        let mut seen = std::collections::BTreeSet::new();
        if marks.is_empty() || !marks.iter().all(|(o, g)| seen.insert(*o) && ballots::mark_of(*g).is_some()) {
            return Err(ServiceError::one(Field::Status, Problem::Required));
        }
        self.store_mut().write(|db| {
            let key = db.ballot_key()?;
            let (year, class, unit) = db
                .take_ballot_code(&ballots::code_hash(&key, &letters))?
                .ok_or(ServiceError::one(Field::Record, Problem::BadBallotCode))?;
            let subjects: Vec<OfficialId> = subjects_of(db, unit)?.into_iter().map(|r| r.id).collect();
            if marks.iter().any(|(o, _)| !subjects.contains(o)) {
                return Err(ServiceError::one(Field::Official, Problem::NotFound));
            }
            for (official, grade) in marks {
                db.add_cast_mark(year, *official, &class, ballots::mark_of(*grade).unwrap_or(0))?;
            }
            db.audit_ballot("ballot.cast", "ballot_tally")?;
            Ok(())
        })
    }

    /// What the grades up to `year` bring one official (read as their other records are).
    pub fn consequences(&self, official: OfficialId, year: i32) -> Result<Consequences> {
        let db = self.read();
        let who = existing_official(&db, official)?;
        self.require_read(Sight::Official { official, unit: who.unit })?;
        let history = final_grades(db.grade_history(year)?.into_iter().filter(|(o, ..)| *o == official));
        let since = who.rank_since.and_then(|s| s.first_day());
        Ok(consequences(&history, year, who.rank, since))
    }

    /// The year's list: what the grade brings each serving official the account may see.
    pub fn consequence_rows(&self, year: i32) -> Result<Vec<ConsequenceRow>> {
        self.require_read(Sight::Overview)?;
        let db = self.read();
        let rows = self.yearend_rows(year)?;
        let mut histories: BTreeMap<OfficialId, Vec<_>> = BTreeMap::new();
        for line in db.grade_history(year)? {
            histories.entry(line.0).or_default().push(line);
        }
        let officials: BTreeMap<OfficialId, _> = db.officials()?.into_iter().map(|o| (o.id, o)).collect();
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let Some(who) = officials.get(&row.official) else { continue };
            let history = final_grades(histories.remove(&row.official).unwrap_or_default().into_iter());
            let since = who.rank_since.and_then(|s| s.first_day());
            out.push(ConsequenceRow {
                official: row.official,
                staff_no: row.staff_no,
                name: row.name,
                unit: row.unit,
                unit_name: row.unit_name,
                consequences: consequences(&history, year, who.rank, since),
            });
        }
        Ok(out)
    }
}

/// The grades that stand: set by the committee (decided or locked), a 優秀 only once it is
/// locked (the official acknowledges it after the 公示) — before that it is provisional.
fn final_grades(records: impl Iterator<Item = crate::store::HistoryRow>) -> BTreeMap<i32, Grade> {
    records
        .filter_map(|(_, year, stage, grade)| {
            let grade = grade?;
            let stands = match grade {
                Grade::Excellent => stage == Stage::Locked,
                _ => matches!(stage, Stage::Decided | Stage::Locked),
            };
            stands.then_some((year, grade))
        })
        .collect()
}
