//! 平時考核 and 專項考核 use cases: the year's periods, each step of an official's 平時 record (the
//! official writes and acknowledges, a reviewer of the unit rates or returns with a reason; each
//! party writes only its own part), results recorded by the personnel section (and imported from
//! a spreadsheet, all or nothing), closing a unit's period (refused while anyone is unrated, with
//! the names), 專項考核 events, the 好 quota's settings and the rule sets; and the read models: a
//! period's rows, a unit's summary against its quota, a person's year and the suggested grades.

use super::access::{not_found, reviewer_of};
use super::command::{Applied, Command, Entity, RoutineCommand};
use super::{Result, ServiceError, existing_official, existing_unit, json};
use crate::domain::access::Need;
use crate::domain::catalogue::OfficialStatus;
use crate::domain::org::subtree;
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::routine::{
    Period, PeriodRow, QuotaSettings, Rating, RoutineData, RoutineRecord, RuleBook, SpecialEvent, Stage, Step, Suggestion, good_quota,
    next_stage, suggest,
};
use crate::domain::yearend::{Grade, QuotaUse};
use crate::domain::{OfficialId, UnitId};
use crate::store::{Db, new_uuid};
use chrono::NaiveDate;

fn one(field: Field, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem::new(field, problem)])
}

fn existing_period(db: &Db<'_>, id: i64) -> Result<PeriodRow> {
    db.routine_period_by_id(id)?.ok_or_else(not_found)
}

/// The record after `step`: `current` with the acting party's part taken from `input`.
fn take_part(current: &RoutineData, input: &RoutineData, step: Step, actor: &str, today: NaiveDate) -> RoutineData {
    let mut next = current.clone();
    match step {
        Step::Save | Step::Submit => next.summary = input.summary.clone(),
        Step::Rate => {
            next.criteria = input.criteria;
            next.result = input.result;
            next.comment = input.comment.clone();
            next.attendance = input.attendance;
            next.rated_by = actor.to_owned();
            next.rated_on = Some(today);
            next.acknowledged_on = None;
        }
        Step::Acknowledge => next.acknowledged_on = Some(today),
        Step::Return => next.reason = input.reason.trim().to_owned(),
    }
    next
}

/// Whether a unit's period is closed (nothing of its people changes then but by the personnel section).
/// The period and the official's record in it as a step or a direct record finds them: refused
/// where the unit's period is closed; a new record (at `stage`) where there is none yet.
fn open_record(db: &Db<'_>, period: i64, official: OfficialId, stage: Stage) -> Result<(PeriodRow, Option<RoutineRecord>, RoutineRecord)> {
    let who = existing_official(db, official)?;
    let row = existing_period(db, period)?;
    if closed_for(db, period, who.unit)? {
        return Err(one(Field::Record, Problem::RoundClosed));
    }
    let before = db.routine_record(period, official)?;
    let current =
        before.clone().unwrap_or(RoutineRecord { id: 0, uuid: new_uuid(), period, official, stage, data: RoutineData::default() });
    Ok((row, before, current))
}

fn closed_for(db: &Db<'_>, period: i64, unit: UnitId) -> Result<bool> {
    let closed = db.routine_closed(period)?;
    if closed.is_empty() {
        return Ok(false);
    }
    let units = db.units()?;
    Ok(closed.iter().any(|(u, _, _)| subtree(&units, *u).contains(&unit)))
}

fn restore_undo(period: i64, official: OfficialId, before: Option<RoutineRecord>, by_owner: bool) -> Command {
    Command::Routine(RoutineCommand::Restore { period, official, before: before.map(Box::new), by_owner })
}

/// Applies one 平時/專項 command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, today: NaiveDate, command: RoutineCommand) -> Result<Applied> {
    Ok(match command {
        RoutineCommand::SetPeriods { year, periods } => {
            if !(2000..=2100).contains(&year) || periods.iter().any(|(p, _)| p.year != year) {
                return Err(one(Field::Year, Problem::OutOfRange { min: 2000, max: 2100 }));
            }
            let before: Vec<(Period, NaiveDate)> =
                db.routine_periods()?.into_iter().filter(|p| p.period.year == year).map(|p| (p.period, p.deadline)).collect();
            for row in db.routine_periods()?.into_iter().filter(|p| p.period.year == year) {
                if !periods.iter().any(|(p, _)| *p == row.period) {
                    let records = db.routine_stages(row.id)?.len();
                    if records > 0 {
                        return Err(one(Field::Record, Problem::HasRecords { records }));
                    }
                    db.delete_routine_period(row.id)?;
                }
            }
            for (period, deadline) in &periods {
                db.save_routine_period(period, *deadline)?;
            }
            db.audit(actor, "routine.periods", "routine_period", None, json(&before).as_deref(), json(&periods).as_deref())?;
            Applied {
                action: "routine.periods",
                entity: Entity::Routine,
                undo: Command::Routine(RoutineCommand::SetPeriods { year, periods: before }),
            }
        }
        RoutineCommand::Step { period, official, step, data } => {
            let (row, before, current) = open_record(db, period, official, Stage::Draft)?;
            let stage = next_stage(current.stage, step).ok_or(one(Field::Status, Problem::BadStatusChange))?;
            if step == Step::Return && data.reason.trim().is_empty() {
                return Err(one(Field::Reason, Problem::Required));
            }
            let next = take_part(&current.data, &data, step, actor, today);
            let next = next.validate(&row.period, step == Step::Submit, step == Step::Rate)?;
            let after = RoutineRecord { stage, data: next, ..current };
            let id = db.save_routine_record(&after)?;
            let action = match step {
                Step::Save => "routine.save",
                Step::Submit => "routine.submit",
                Step::Rate => "routine.rate",
                Step::Acknowledge => "routine.acknowledge",
                Step::Return => "routine.return",
            };
            db.audit(actor, action, "routine_record", Some(id), before.as_ref().and_then(json).as_deref(), json(&after).as_deref())?;
            Applied { action, entity: Entity::Routine, undo: restore_undo(period, official, before, step.by_official()) }
        }
        RoutineCommand::Record { period, official, data } => {
            let (row, before, current) = open_record(db, period, official, Stage::Rated)?;
            let mut next = take_part(&current.data, &data, Step::Rate, actor, today);
            next.summary = current.data.summary.clone();
            let next = next.validate(&row.period, false, true)?;
            let stage =
                if current.stage == Stage::Acknowledged && current.data.result == next.result { Stage::Acknowledged } else { Stage::Rated };
            let after = RoutineRecord { stage, data: next, ..current };
            let id = db.save_routine_record(&after)?;
            db.audit(
                actor,
                "routine.record",
                "routine_record",
                Some(id),
                before.as_ref().and_then(json).as_deref(),
                json(&after).as_deref(),
            )?;
            Applied { action: "routine.record", entity: Entity::Routine, undo: restore_undo(period, official, before, false) }
        }
        RoutineCommand::Restore { period, official, before, by_owner } => {
            let now = db.routine_record(period, official)?;
            // Each party puts back only its own part: the official their summary while it is
            // still a draft (once handed in, only the supervisor sends it back), the supervisor
            // the rating and the stage, never the official's summary.
            let supervisors = |r: &RoutineRecord| {
                let d = &r.data;
                (d.criteria, d.result, d.comment.clone(), d.attendance, d.rated_on, d.acknowledged_on, d.reason.clone())
            };
            // The official's part: the summary and the acknowledgement.
            let officials = |r: &RoutineRecord| (r.data.summary.clone(), r.data.acknowledged_on, r.stage == Stage::Acknowledged);
            let allowed = match (&now, &before) {
                (None, _) => false,
                (Some(now), Some(then)) if by_owner => {
                    now.stage == Stage::Draft && then.stage == Stage::Draft && supervisors(now) == supervisors(then)
                }
                (Some(now), None) if by_owner => now.stage == Stage::Draft && now.data.result.is_none(),
                (Some(now), Some(then)) => officials(now) == officials(then),
                (Some(now), None) => now.data.summary.is_empty() && now.data.acknowledged_on.is_none(),
            };
            if !allowed {
                return Err(one(Field::Status, Problem::Locked));
            }
            match &before {
                Some(before) => {
                    let id = db.save_routine_record(before)?;
                    db.audit(
                        actor,
                        "routine.restore",
                        "routine_record",
                        Some(id),
                        now.as_ref().and_then(json).as_deref(),
                        json(before).as_deref(),
                    )?;
                }
                None => {
                    db.delete_routine_record(period, official)?;
                    db.audit(
                        actor,
                        "routine.restore",
                        "routine_record",
                        now.as_ref().map(|n| n.id),
                        now.as_ref().and_then(json).as_deref(),
                        None,
                    )?;
                }
            }
            Applied { action: "routine.restore", entity: Entity::Routine, undo: restore_undo(period, official, now, by_owner) }
        }
        RoutineCommand::Close { period, unit, closed } => {
            existing_period(db, period)?;
            existing_unit(db, unit)?;
            if closed {
                let unrated = unrated_in(db, period, unit)?;
                if !unrated.is_empty() {
                    return Err(one(Field::Record, Problem::Unrated { names: unrated.join("、") }));
                }
            }
            db.set_routine_closed(period, unit, closed.then_some((actor, today)))?;
            let action = if closed { "routine.close" } else { "routine.reopen" };
            db.audit(actor, action, "routine_closed", Some(period), None, json(&(unit.0, closed)).as_deref())?;
            Applied { action, entity: Entity::Routine, undo: Command::Routine(RoutineCommand::Close { period, unit, closed: !closed }) }
        }
        RoutineCommand::SaveSpecial(event) => {
            let mut event = event.validate()?;
            for r in &event.results {
                existing_official(db, r.official)?;
            }
            let before = if event.id == 0 { None } else { db.special_events()?.into_iter().find(|e| e.id == event.id) };
            if event.uuid.is_empty() {
                event.uuid = new_uuid();
            }
            let id = db.save_special_event(&event)?;
            db.audit(
                actor,
                "routine.special",
                "special_event",
                Some(id),
                before.as_ref().and_then(json).as_deref(),
                json(&event).as_deref(),
            )?;
            let undo = match before {
                Some(before) => RoutineCommand::SaveSpecial(Box::new(before)),
                None => RoutineCommand::DeleteSpecial { id },
            };
            Applied { action: "routine.special", entity: Entity::Routine, undo: Command::Routine(undo) }
        }
        RoutineCommand::DeleteSpecial { id } => {
            let before = db.special_events()?.into_iter().find(|e| e.id == id).ok_or_else(not_found)?;
            db.delete_special_event(id)?;
            db.audit(actor, "routine.special_delete", "special_event", Some(id), json(&before).as_deref(), None)?;
            Applied {
                action: "routine.special_delete",
                entity: Entity::Routine,
                undo: Command::Routine(RoutineCommand::SaveSpecial(Box::new(before))),
            }
        }
        RoutineCommand::SaveQuota(settings) => {
            let settings = settings.validate()?;
            for group in &settings.groups {
                for unit in &group.units {
                    existing_unit(db, *unit)?;
                }
            }
            let before = db.routine_quota()?;
            db.set_routine_quota(&settings)?;
            db.audit(actor, "routine.quota", "meta", None, json(&before).as_deref(), json(&settings).as_deref())?;
            Applied { action: "routine.quota", entity: Entity::Routine, undo: Command::Routine(RoutineCommand::SaveQuota(before)) }
        }
        RoutineCommand::SaveRules(book) => {
            let book = book.validate()?;
            let before = db.routine_rules()?;
            db.set_routine_rules(&book)?;
            db.audit(actor, "routine.rules", "meta", None, json(&before).as_deref(), json(&book).as_deref())?;
            Applied { action: "routine.rules", entity: Entity::Routine, undo: Command::Routine(RoutineCommand::SaveRules(before)) }
        }
    })
}

/// The serving officials of `unit` (with its sub-units) who have no result in `period`, by name.
fn unrated_in(db: &Db<'_>, period: i64, unit: UnitId) -> Result<Vec<String>> {
    let below = subtree(&db.units()?, unit);
    let rated: std::collections::HashSet<OfficialId> =
        db.routine_stages(period)?.into_iter().filter(|(_, _, r)| r.is_some()).map(|(o, _, _)| o).collect();
    Ok(db
        .officials()?
        .into_iter()
        .filter(|o| o.status == OfficialStatus::Active && below.contains(&o.unit) && !rated.contains(&o.id))
        .map(|o| o.name.clone())
        .collect())
}

/// What a 平時/專項 command needs: the official's own steps are theirs, rating and returning are
/// a reviewer's of the unit; the periods, recorded results, closing, events and settings are the
/// personnel section's.
pub(super) fn need(db: &Db<'_>, command: &RoutineCommand) -> Result<Need> {
    Ok(match command {
        RoutineCommand::Step { official, step, .. } => {
            if step.by_official() {
                Need::Owner(*official)
            } else {
                reviewer_of(db, *official)?
            }
        }
        RoutineCommand::Restore { official, by_owner, .. } => {
            if *by_owner {
                Need::Owner(*official)
            } else {
                reviewer_of(db, *official)?
            }
        }
        RoutineCommand::SetPeriods { .. }
        | RoutineCommand::Record { .. }
        | RoutineCommand::Close { .. }
        | RoutineCommand::SaveSpecial(_)
        | RoutineCommand::DeleteSpecial { .. }
        | RoutineCommand::SaveQuota(_)
        | RoutineCommand::SaveRules(_) => Need::Admin,
    })
}

/// One official's line in a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutineRow {
    pub official: OfficialId,
    pub staff_no: String,
    pub name: String,
    pub unit: UnitId,
    pub unit_name: String,
    pub stage: Option<Stage>,
    pub result: Option<Rating>,
}

/// A unit's (or the bureau's) summary of a period: everyone with their result, the 好 quota of
/// its quota group, who is unrated, and whether it is closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutineSummary {
    pub period: PeriodRow,
    pub rows: Vec<RoutineRow>,
    /// The quota group's name when the unit is pooled with others.
    pub group: Option<String>,
    pub quota: QuotaUse,
    pub unrated: Vec<String>,
    pub closed: bool,
}

/// One official's line of the suggestions: their 平時 results of the year by period, the
/// year-end proposal, and what the rule set in use suggests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuggestionRow {
    pub official: OfficialId,
    pub results: Vec<(Period, Option<Rating>)>,
    pub proposal: Option<Grade>,
    pub suggestion: Suggestion,
}

impl super::Service {
    /// The year's periods, oldest first.
    pub fn routine_periods(&self, year: i32) -> Result<Vec<PeriodRow>> {
        Ok(self.read().routine_periods()?.into_iter().filter(|p| p.period.year == year).collect())
    }

    /// A period by its code (`2012Q3`).
    pub fn routine_period(&self, code: &str) -> Result<Option<PeriodRow>> {
        let Some(period) = Period::parse(code) else { return Ok(None) };
        Ok(self.read().routine_period(&period)?)
    }

    /// An official's record in a period (refused unless the account may see it).
    pub fn routine_record(&self, period: i64, official: OfficialId) -> Result<Option<RoutineRecord>> {
        let db = self.read();
        let who = existing_official(&db, official)?;
        if !self.access().may_see(official, who.unit) {
            return Err(ServiceError::Forbidden);
        }
        Ok(db.routine_record(period, official)?)
    }

    /// The serving officials of `unit` (with its sub-units; the bureau when `None`) the account
    /// may see, with their stage and result in `period`; the quota of their quota group.
    pub fn routine_summary(&self, period: i64, unit: Option<UnitId>) -> Result<RoutineSummary> {
        let db = self.read();
        let row = existing_period(&db, period)?;
        let units = db.units()?;
        let settings = db.routine_quota()?;
        let scope: Option<Vec<UnitId>> = unit.map(|u| subtree(&units, u));
        let group = unit.and_then(|u| settings.group_of(u)).cloned();
        // Those counted for the quota: the quota group's units (with their sub-units), else the
        // scope; only their rows are read.
        let pool: Option<Vec<UnitId>> = match (&group, &scope) {
            (Some(g), _) => Some(g.units.iter().flat_map(|u| subtree(&units, *u)).collect()),
            (None, scope) => scope.clone(),
        };
        let (officials, stages) = match &pool {
            Some(pool) => (db.roster_rows_in(pool)?, db.routine_stages_in(period, pool)?),
            None => (db.roster_rows()?, db.routine_stages(period)?),
        };
        let stages: std::collections::HashMap<OfficialId, (Stage, Option<Rating>)> =
            stages.into_iter().map(|(o, s, r)| (o, (s, r))).collect();
        let access = self.access();
        let serving = officials.iter().filter(|r| r.status == OfficialStatus::Active);
        let mut pooled = Vec::new();
        let mut rows = Vec::new();
        for r in serving {
            let (stage, result) = stages.get(&r.id).map_or((None, None), |(s, res)| (Some(*s), *res));
            if pool.as_ref().is_none_or(|p| p.contains(&r.unit)) {
                pooled.push(result);
            }
            if scope.as_ref().is_none_or(|s| s.contains(&r.unit)) && access.may_see(r.id, r.unit) {
                rows.push(RoutineRow {
                    official: r.id,
                    staff_no: r.staff_no.clone(),
                    name: r.name.clone(),
                    unit: r.unit,
                    unit_name: r.unit_name.clone(),
                    stage,
                    result,
                });
            }
        }
        let unrated = rows.iter().filter(|r| r.result.is_none()).map(|r| r.name.clone()).collect();
        let closed = match unit {
            Some(u) => closed_for(&db, period, u)?,
            None => false,
        };
        Ok(RoutineSummary { period: row, rows, group: group.map(|g| g.name), quota: good_quota(&pooled, &settings), unrated, closed })
    }

    /// The bureau's 好 quota settings.
    pub fn routine_quota(&self) -> Result<QuotaSettings> {
        Ok(self.read().routine_quota()?)
    }

    /// The bureau's rule sets.
    pub fn routine_rules(&self) -> Result<RuleBook> {
        Ok(self.read().routine_rules()?)
    }

    /// Each serving official's 平時 results of `year` the account may see, with the grade the
    /// rule set in use suggests from them and the year-end proposal (the committee's grade, else
    /// the supervisor's proposal). A suggestion only: nothing is written.
    pub fn routine_suggestions(&self, year: i32) -> Result<Vec<SuggestionRow>> {
        let db = self.read();
        let periods = self.routine_periods(year)?;
        let book = db.routine_rules()?;
        let Some(set) = book.current() else { return Ok(Vec::new()) };
        let index: std::collections::HashMap<i64, usize> = periods.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        let mut results: std::collections::HashMap<OfficialId, Vec<Option<Rating>>> = std::collections::HashMap::new();
        for (official, period, result) in db.routine_results(year)? {
            if let Some(i) = index.get(&period) {
                results.entry(official).or_insert_with(|| vec![None; periods.len()])[*i] = result;
            }
        }
        let proposals: std::collections::HashMap<OfficialId, Option<Grade>> =
            db.yearend_grades(year)?.into_iter().map(|(o, grade, proposed)| (o, grade.or(proposed))).collect();
        let access = self.access();
        Ok(db
            .roster_rows()?
            .into_iter()
            .filter(|r| r.status == OfficialStatus::Active && access.may_see(r.id, r.unit))
            .map(|r| {
                let mine = results.remove(&r.id).unwrap_or_else(|| vec![None; periods.len()]);
                let rated: Vec<Rating> = mine.iter().flatten().copied().collect();
                let proposal = proposals.get(&r.id).copied().flatten();
                SuggestionRow {
                    official: r.id,
                    results: periods.iter().map(|p| p.period).zip(mine).collect(),
                    proposal,
                    suggestion: suggest(set, &rated, proposal),
                }
            })
            .collect())
    }

    /// An official's year of 平時 records, by period (refused unless the account may see them).
    pub fn routine_year(&self, official: OfficialId, year: i32) -> Result<Vec<(PeriodRow, Option<RoutineRecord>)>> {
        let db = self.read();
        let who = existing_official(&db, official)?;
        if !self.access().may_see(official, who.unit) {
            return Err(ServiceError::Forbidden);
        }
        let mut records = db.routine_records_of(official, year)?;
        Ok(self
            .routine_periods(year)?
            .into_iter()
            .map(|p| {
                let record = records.iter().position(|r| r.period == p.id).map(|i| records.swap_remove(i));
                (p, record)
            })
            .collect())
    }

    /// The 專項考核 events of `year` an official took part in, with their result and note.
    pub fn special_of(&self, official: OfficialId, year: i32) -> Result<Vec<(SpecialEvent, Option<Rating>, String)>> {
        use chrono::Datelike;
        Ok(self
            .read()
            .special_events()?
            .into_iter()
            .filter(|e| e.date.year() == year)
            .filter_map(|e| {
                let mine = e.results.iter().find(|r| r.official == official)?.clone();
                Some((e, mine.result, mine.note))
            })
            .collect())
    }

    /// Every 專項考核 event.
    pub fn special_events(&self) -> Result<Vec<SpecialEvent>> {
        Ok(self.read().special_events()?)
    }
}

/// A checked 平時 spreadsheet: the results to record, by period and official, and the file's name.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutineImport {
    pub file: String,
    pub records: Vec<(i64, OfficialId, RoutineData)>,
}

/// Reads and checks a 平時 spreadsheet (period, staff number, result, optional criterion ratings
/// and attendance): every problem as (row, column, problem); nothing is stored.
pub fn check_routine_file(service: &super::Service, path: &std::path::Path, lang: crate::domain::Lang) -> Result<RoutineImport> {
    use crate::exchange::routine::{parse_rating, read_routine};
    use crate::i18n::{field_key, tr};
    let sheets = crate::exchange::read_file(path)?;
    let lines = read_routine(&sheets)?;
    let db = service.read();
    let staff = super::import::StaffNumbers::read(&db)?;
    let mut problems = Vec::new();
    let mut records = Vec::new();
    let mut seen = std::collections::HashMap::new();
    // Each period named is read once, found or not, however many lines name it.
    let mut periods: std::collections::HashMap<&str, Option<PeriodRow>> = std::collections::HashMap::new();
    let column = |key: &str| tr(lang, key).to_owned();
    for line in &lines {
        let period = match periods.get(line.period.as_str()) {
            Some(found) => found.clone(),
            None => {
                let found = Period::parse(&line.period).and_then(|p| db.routine_period(&p).ok().flatten());
                periods.insert(&line.period, found.clone());
                found
            }
        };
        if period.is_none() {
            problems.push((
                line.row,
                column("routine.period"),
                FieldProblem::new(Field::Record, Problem::Unknown { value: line.period.clone() }),
            ));
        }
        let official = staff.find(line.row, &line.staff_no, lang, &mut problems);
        let result = parse_rating(&line.result);
        if result.is_none() {
            problems.push((
                line.row,
                column("routine.result"),
                FieldProblem::new(Field::Grade, Problem::Unknown { value: line.result.clone() }),
            ));
        }
        let mut criteria = [None; crate::domain::routine::CRITERIA];
        for (i, text) in line.criteria.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            match parse_rating(text) {
                Some(r) => criteria[i] = Some(r),
                None => problems.push((
                    line.row,
                    column(&format!("routine.criterion.{}", i + 1)),
                    FieldProblem::new(Field::Grade, Problem::Unknown { value: text.clone() }),
                )),
            }
        }
        let mut attendance = crate::domain::routine::Attendance::default();
        for (i, text) in line.days.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            match text.parse::<u16>() {
                Ok(days) => *[&mut attendance.present, &mut attendance.personal, &mut attendance.sick, &mut attendance.absent][i] = days,
                Err(_) => problems.push((
                    line.row,
                    column(&format!("routine.days.{}", i + 1)),
                    FieldProblem::new(Field::Record, Problem::OutOfRange { min: 0, max: 92 }),
                )),
            }
        }
        let (Some(period), Some(official), Some(result)) = (period, official, result) else { continue };
        if let Some(first) = seen.insert((period.id, official), line.row) {
            problems.push((
                line.row,
                column(field_key(Field::StaffNo)),
                FieldProblem::new(Field::StaffNo, Problem::DuplicateInFile { row: first }),
            ));
            continue;
        }
        let data = RoutineData { criteria, result: Some(result), attendance, comment: line.comment.clone(), ..Default::default() };
        match data.validate(&period.period, false, true) {
            Ok(data) => records.push((period.id, official, data)),
            Err(found) => problems.extend(found.into_iter().map(|p| (line.row, column("routine.days"), p))),
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Rows(problems));
    }
    Ok(RoutineImport { file: crate::exchange::display_name(path), records })
}

/// Stores a checked 平時 file in one transaction, one audit row per record and one naming the
/// file; returns the records stored.
pub fn store_routine(service: &mut super::Service, import: &RoutineImport) -> Result<usize> {
    service.require(Need::Admin)?;
    let actor = service.actor().to_owned();
    let today = service.today();
    service.store_mut().write(|db| {
        for (period, official, data) in &import.records {
            let command = RoutineCommand::Record { period: *period, official: *official, data: Box::new(data.clone()) };
            let _applied = execute(db, &actor, today, command)?;
        }
        let after = serde_json::json!({ "file": import.file, "rows": import.records.len() });
        db.audit(&actor, "import.routine", "routine_record", None, None, Some(&after.to_string()))?;
        Ok::<_, ServiceError>(())
    })?;
    Ok(import.records.len())
}

/// The 平時 period a self-check package made on `today` carries for `official` (of `unit`): the
/// earliest period of `year` that has begun, is not closed for their unit, and whose record is
/// not yet handed in; with the summary written so far.
pub(super) fn package_period(
    db: &Db<'_>,
    official: OfficialId,
    unit: UnitId,
    year: i32,
    today: NaiveDate,
) -> Result<Option<(PeriodRow, String)>> {
    for row in db.routine_periods()?.into_iter().filter(|p| p.period.year == year && p.period.days().0 <= today) {
        let record = db.routine_record(row.id, official)?;
        if record.as_ref().is_some_and(|r| r.stage != Stage::Draft) || closed_for(db, row.id, unit)? {
            continue;
        }
        return Ok(Some((row, record.map(|r| r.data.summary).unwrap_or_default())));
    }
    Ok(None)
}

/// Writes the 個人小結 a returned package brings into the official's record of the period it
/// names (handed in when the package is), through the same step the window takes; `false` when
/// there is nothing to take: no summary, a period gone or closed, a record handed in meanwhile,
/// or the same text already stored.
pub(super) fn take_package_summary(
    db: &Db<'_>,
    actor: &str,
    today: NaiveDate,
    official: OfficialId,
    period: &str,
    summary: &str,
    ready: bool,
) -> Result<bool> {
    let Some(row) = Period::parse(period).map(|p| db.routine_period(&p)).transpose()?.flatten() else { return Ok(false) };
    let who = existing_official(db, official)?;
    let record = db.routine_record(row.id, official)?;
    let unchanged = record.as_ref().is_some_and(|r| r.data.summary == summary.trim());
    if summary.trim().is_empty()
        || record.as_ref().is_some_and(|r| r.stage != Stage::Draft)
        || closed_for(db, row.id, who.unit)?
        || (unchanged && !ready)
    {
        return Ok(false);
    }
    let step = if ready { Step::Submit } else { Step::Save };
    let data = RoutineData { summary: summary.to_owned(), ..Default::default() };
    let _applied = execute(db, actor, today, RoutineCommand::Step { period: row.id, official, step, data: Box::new(data) })?;
    Ok(true)
}
