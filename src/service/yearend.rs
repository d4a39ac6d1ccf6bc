//! The year-end record's use cases: each step of the sign-off chain writes only the acting
//! party's part of the record, stamps their name and the day, and moves the stage; returns and
//! reopening need a reason; every step has its undo and audit row. Permission (who may take a
//! step) is checked by the caller from the step's actor.

use super::access::reviewer_of;
use super::command::YearEndCommand;
use super::command::{Applied, Command, Entity};
use super::{Result, ServiceError, existing_official, json};
use crate::domain::access::Need;
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::yearend::{Opinion, Stage, Step, UnitReview, YearEnd, YearEndData, next_stage};
use crate::store::{Db, new_uuid};
use chrono::NaiveDate;

fn one(field: Field, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem::new(field, problem)])
}

fn signed(text: &str, actor: &str, today: NaiveDate) -> Opinion {
    Opinion { text: text.trim().to_owned(), by: actor.to_owned(), on: Some(today) }
}

/// The record after `step`: `current` with the acting party's part taken from `input`.
fn take_part(current: &YearEndData, input: &YearEndData, step: Step, actor: &str, today: NaiveDate) -> Result<YearEndData> {
    let mut next = current.clone();
    match step {
        Step::Save | Step::Submit => {
            next.work = input.work.clone();
            next.summary = input.summary.clone();
            next.own = input.own.clone();
            next.rewards = input.rewards.clone();
            next.training = input.training.clone();
            next.undetermined = input.undetermined.clone();
            next.remarks = input.remarks.clone();
        }
        Step::Comment => {
            if input.proposed.is_none() {
                return Err(one(Field::Status, Problem::Required));
            }
            next.reviewed = input.reviewed.clone();
            next.supervisor = signed(&input.supervisor.text, actor, today);
            next.proposed = input.proposed;
        }
        Step::Decide => {
            if input.grade.is_none() || input.agrees.is_none() {
                return Err(one(Field::Status, Problem::Required));
            }
            next.committee = signed(&input.committee.text, actor, today);
            next.agrees = input.agrees;
            next.grade = input.grade;
            next.override_reason = input.override_reason.trim().to_owned();
        }
        Step::Acknowledge => next.official = signed(&input.official.text, actor, today),
        Step::Return | Step::Reopen => {
            if input.reason.trim().is_empty() {
                return Err(one(Field::Reason, Problem::Required));
            }
            next.reason = input.reason.trim().to_owned();
        }
    }
    Ok(next.validate(step == Step::Submit)?)
}

/// Holds a step to the eligibility rules: under an open 立案審查 the supervisor writes no comment;
/// the committee's grade must be one the rules allow, unless (an administrator's override) a
/// reason is written, which is kept with the record. Whether the grade was an override.
fn eligible(db: &Db<'_>, official: crate::domain::OfficialId, year: i32, step: Step, data: &mut YearEndData) -> Result<bool> {
    if !matches!(step, Step::Comment | Step::Decide) {
        return Ok(false);
    }
    let verdict = crate::domain::eligibility::judge(&db.eligibility_rules()?, &db.standing(official)?, year, db.working_days(year)?);
    if step == Step::Comment {
        if verdict.withholds_comment() {
            return Err(ServiceError::Ineligible(verdict.findings.into_iter().filter(|f| f.withholds_comment()).collect()));
        }
        return Ok(false);
    }
    match data.grade {
        Some(grade) if !verdict.allows(grade) => {
            if data.override_reason.is_empty() {
                return Err(ServiceError::Ineligible(verdict.findings));
            }
            Ok(true)
        }
        _ => {
            data.override_reason.clear();
            Ok(false)
        }
    }
}

/// Applies one YearEnd command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, today: NaiveDate, command: YearEndCommand) -> Result<Applied> {
    Ok(match command {
        YearEndCommand::YearEndStep { official, year, step, data } => {
            existing_official(db, official)?;
            if !(2000..=2100).contains(&year) {
                return Err(one(Field::Year, Problem::OutOfRange { min: 2000, max: 2100 }));
            }
            let before = db.yearend(official, year)?;
            let current = before.clone().unwrap_or(YearEnd {
                id: 0,
                uuid: new_uuid(),
                official,
                year,
                stage: Stage::Draft,
                data: YearEndData::default(),
                version: 0,
            });
            let stage = next_stage(current.stage, step).ok_or(one(Field::Status, Problem::BadStatusChange))?;
            let mut data = take_part(&current.data, &data, step, actor, today)?;
            let overridden = eligible(db, official, year, step, &mut data)?;
            // 優秀 becomes final only after the 公示 naming the official has ended: until then
            // the official's signature (which locks the record) waits.
            if step == Step::Acknowledge && data.grade == Some(crate::domain::yearend::Grade::Excellent) {
                super::appraisal::excellent_may_be_final(db, official, year, today)?;
            }
            let after = YearEnd { stage, data, ..current };
            let id = db.save_yearend(&after)?;
            let action = match step {
                Step::Decide if overridden => "yearend.decide_override",
                Step::Save => "yearend.save",
                Step::Submit => "yearend.submit",
                Step::Comment => "yearend.comment",
                Step::Decide => "yearend.decide",
                Step::Acknowledge => "yearend.acknowledge",
                Step::Return => "yearend.return",
                Step::Reopen => "yearend.reopen",
            };
            db.audit(actor, action, "yearend_record", Some(id), before.as_ref().and_then(json).as_deref(), json(&after).as_deref())?;
            Applied {
                action,
                entity: Entity::YearEnd(official),
                undo: Command::YearEnd(YearEndCommand::RestoreYearEnd { official, year, before: before.map(Box::new) }),
            }
        }
        YearEndCommand::RestoreYearEnd { official, year, before } => {
            let now = db.yearend(official, year)?;
            match before {
                Some(before) => {
                    let id = db.save_yearend(&before)?;
                    db.audit(
                        actor,
                        "yearend.restore",
                        "yearend_record",
                        Some(id),
                        now.as_ref().and_then(json).as_deref(),
                        json(&before).as_deref(),
                    )?;
                }
                None => {
                    db.delete_yearend(official, year)?;
                    db.audit(
                        actor,
                        "yearend.restore",
                        "yearend_record",
                        now.as_ref().map(|n| n.id),
                        now.as_ref().and_then(json).as_deref(),
                        None,
                    )?;
                }
            }
            let undo = Command::YearEnd(YearEndCommand::RestoreYearEnd { official, year, before: now.map(Box::new) });
            Applied { action: "yearend.restore", entity: Entity::YearEnd(official), undo }
        }
        YearEndCommand::ReviewUnit { unit, year, review } => {
            super::existing_unit(db, unit)?;
            if !(2000..=2100).contains(&year) {
                return Err(one(Field::Year, Problem::OutOfRange { min: 2000, max: 2100 }));
            }
            let review = UnitReview { by: actor.to_owned(), on: Some(today), ..review.validate()? };
            let before = db.unit_review(unit, year)?;
            let uuid = before.as_ref().map_or_else(new_uuid, |(uuid, _)| uuid.clone());
            let id = db.save_unit_review(unit, year, &uuid, &review)?;
            let old = before.as_ref().and_then(|(_, r)| json(r));
            db.audit(actor, "yearend.unit_review", "yearend_unit_review", Some(id), old.as_deref(), json(&review).as_deref())?;
            let undo =
                Command::YearEnd(YearEndCommand::RestoreUnitReview { unit, year, before: before.map(|(uuid, r)| (uuid, Box::new(r))) });
            Applied { action: "yearend.unit_review", entity: Entity::UnitReview(unit), undo }
        }
        YearEndCommand::RestoreUnitReview { unit, year, before } => {
            let now = db.unit_review(unit, year)?;
            let old = now.as_ref().and_then(|(_, r)| json(r));
            match &before {
                Some((uuid, review)) => {
                    let id = db.save_unit_review(unit, year, uuid, review)?;
                    db.audit(actor, "yearend.unit_restore", "yearend_unit_review", Some(id), old.as_deref(), json(review).as_deref())?;
                }
                None => {
                    db.delete_unit_review(unit, year)?;
                    db.audit(actor, "yearend.unit_restore", "yearend_unit_review", None, old.as_deref(), None)?;
                }
            }
            let undo = Command::YearEnd(YearEndCommand::RestoreUnitReview { unit, year, before: now.map(|(uuid, r)| (uuid, Box::new(r))) });
            Applied { action: "yearend.unit_restore", entity: Entity::UnitReview(unit), undo }
        }
    })
}

/// One official's line of the year-end list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearEndRow {
    pub official: crate::domain::OfficialId,
    pub staff_no: String,
    pub name: String,
    pub unit: crate::domain::UnitId,
    pub unit_name: String,
    pub stage: Option<Stage>,
    pub grade: Option<crate::domain::yearend::Grade>,
    /// What the eligibility rules say of them this year, heaviest first (empty: nothing).
    pub findings: Vec<crate::domain::eligibility::Finding>,
}

impl super::Service {
    /// The serving officials the account may see, with their year-end record's stage and grade.
    pub fn yearend_rows(&self, year: i32) -> Result<Vec<YearEndRow>> {
        let db = self.read();
        let records: std::collections::HashMap<_, _> =
            db.yearends(year)?.into_iter().map(|r| (r.official, (r.stage, r.data.grade))).collect();
        let access = self.access();
        let mut verdicts = self.verdicts(year)?;
        Ok(db
            .roster_rows()?
            .into_iter()
            .filter(|r| r.status == crate::domain::catalogue::OfficialStatus::Active && access.may_see(r.id, r.unit))
            .map(|r| {
                let (stage, grade) = records.get(&r.id).map_or((None, None), |(s, g)| (Some(*s), *g));
                let findings = verdicts.remove(&r.id).map(|v| v.findings).unwrap_or_default();
                YearEndRow {
                    official: r.id,
                    staff_no: r.staff_no,
                    name: r.name,
                    unit: r.unit,
                    unit_name: r.unit_name,
                    stage,
                    grade,
                    findings,
                }
            })
            .collect())
    }

    /// The 優秀 quota's use for a unit (with its sub-units) or the bureau, counted as the bureau's
    /// rules count it at the share of those in no pool.
    pub fn excellent_quota(&self, year: i32, unit: Option<crate::domain::UnitId>) -> Result<crate::domain::yearend::QuotaUse> {
        let db = self.read();
        let scope: Option<Vec<crate::domain::UnitId>> = match unit {
            Some(u) => Some(crate::domain::org::subtree(&db.units()?, u)),
            None => None,
        };
        let grades: Vec<Option<crate::domain::yearend::Grade>> =
            self.yearend_rows(year)?.into_iter().filter(|r| scope.as_ref().is_none_or(|s| s.contains(&r.unit))).map(|r| r.grade).collect();
        Ok(crate::domain::yearend::quota_use(&grades, &self.read().excellent_rules()?.share(None)))
    }

    /// The share of 優秀 allowed outside the pools, in percent (20 unless the bureau set 21–25
    /// with the approval's 文號).
    pub fn excellent_percent(&self) -> Result<u32> {
        Ok(self.read().excellent_rules()?.percent)
    }
}

impl super::Service {
    /// Sets the share of 優秀 allowed outside the pools (1–20 percent, up to 25 with the
    /// approval's 文號), keeping the quota's other rules; audited and undoable.
    pub fn set_excellent_percent(&mut self, percent: u32, approval: &str) -> Result<Applied> {
        let rules = crate::domain::yearend::QuotaRules { percent, approval: approval.to_owned(), ..self.read().excellent_rules()? };
        self.execute(Command::Standing(super::command::StandingCommand::SaveQuota(rules)))
    }
}

/// The year's facts an official's summary can draw on: the capability levels assessed in the
/// year's round, the training 學時 and sessions, and the improvement plan's items by status.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearFacts {
    pub levels: Vec<(u8, Option<u8>)>,
    pub hours: f32,
    pub sessions: u32,
    pub plan: Vec<(String, crate::domain::plans::PlanStatus)>,
    /// The year's 脫產培訓 from the training register: classes and external courses attended.
    pub full_time: Vec<crate::domain::training::StudyData>,
    /// The year's 平時 results by period.
    pub routine: Vec<(crate::domain::routine::Period, Option<crate::domain::routine::Rating>)>,
    /// The 專項考核 events taken part in: day, task, result, note.
    pub special: Vec<(chrono::NaiveDate, String, Option<crate::domain::routine::Rating>, String)>,
    /// The year's 民主測評 by voter class (shares hidden below the minimum), and the minimum.
    pub ballots: Option<crate::domain::ballots::Result>,
    pub ballot_minimum: u32,
    /// The 公示's days when it names the official (a 優秀 is provisional until it has ended).
    pub publicity: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
    /// What the grades up to this year bring (結果運用).
    pub consequences: Option<crate::domain::consequences::Consequences>,
}

impl super::Service {
    /// The year's facts for an official's summary (refused unless the account may see them).
    pub fn year_facts(&self, official: crate::domain::OfficialId, year: i32) -> Result<YearFacts> {
        let db = self.read();
        let who = existing_official(&db, official)?;
        if !self.access().may_see(official, who.unit) {
            return Err(ServiceError::Forbidden);
        }
        let round = super::printing::round_of_year(self, year)?;
        let check = match round {
            Some(round) => db.self_check(round, official)?,
            None => None,
        };
        let levels = (1..=8u8)
            .map(|c| {
                let i = usize::from(c - 1);
                (c, check.as_ref().and_then(|k| k.review.levels[i].or(k.data.levels[i])))
            })
            .collect();
        let tallies = db.tallies_of(official, year, year)?;
        let plan = db
            .plan_items(crate::domain::plans::PlanOwner::Official(official), year)?
            .into_iter()
            .map(|i| (i.data.action, i.data.status))
            .collect();
        let full_time = db
            .training_file(official, year)?
            .into_iter()
            .filter(|l| crate::domain::training::is_full_time(&l.study, l.mark))
            .map(|l| l.study)
            .collect();
        let routine = self.routine_year(official, year)?.into_iter().map(|(p, r)| (p.period, r.and_then(|r| r.data.result))).collect();
        let special = self.special_of(official, year)?.into_iter().map(|(e, result, note)| (e.date, e.task, result, note)).collect();
        let publicity = db.publicity(year)?.map(|(_, p)| p).filter(|p| p.candidates.contains(&official)).map(|p| (p.start, p.end));
        Ok(YearFacts {
            ballots: self.ballot_result(official, year)?,
            ballot_minimum: self.ballot_minimum()?,
            publicity,
            consequences: Some(self.consequences(official, year)?),
            routine,
            special,
            levels,
            hours: tallies.iter().map(|t| t.hours).sum::<f32>() + 0.0,
            sessions: tallies.iter().map(|t| t.sessions).sum(),
            plan,
            full_time,
        })
    }
}

/// What a year-end command needs: each step is its actor's (the official, their reviewer or the
/// committee); the unit reviews are the personnel section's.
pub(super) fn need(db: &Db<'_>, command: &YearEndCommand) -> Result<Need> {
    Ok(match command {
        YearEndCommand::YearEndStep { official, step, .. } => match step.actor() {
            crate::domain::yearend::Actor::Official => Need::Owner(*official),
            crate::domain::yearend::Actor::Supervisor => reviewer_of(db, *official)?,
            crate::domain::yearend::Actor::Committee => Need::Admin,
        },
        YearEndCommand::RestoreYearEnd { official, year, before } => {
            // The official may take back their own draft's edits; anything else is the committee's.
            let now = db.yearend(*official, *year)?.map(|r| r.stage);
            let drafts = before.as_ref().is_none_or(|b| b.stage == Stage::Draft);
            if now == Some(Stage::Draft) && drafts { Need::Owner(*official) } else { Need::Admin }
        }
        YearEndCommand::ReviewUnit { .. } | YearEndCommand::RestoreUnitReview { .. } => Need::Admin,
    })
}
