//! The training register's use cases: sessions, attendance (credited 學時 checked against the
//! session), study records, quota rules, each with its undo and audit row; and what the pages
//! and printouts read: the sessions of a year, who a session expects, an official's training
//! file with totals, and compliance with the quotas for a unit or the bureau.

use super::access::not_found;
use super::command::TrainingCommand;
use super::command::{Applied, Command, Entity};
use super::{Result, Service, ServiceError, existing_official, json};
use crate::domain::access::Need;
use crate::domain::catalogue::{OfficialStatus, RankTier};
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::training::{Attendance, QuotaRule, Session, StudyRecord, Tally, evaluate};
use crate::domain::{OfficialId, UnitId};
use crate::store::{Db, new_uuid};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashSet};

pub use crate::domain::training_views::{Compliance, Expected, PersonCompliance, TrainingFile};

fn one(field: Field, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem::new(field, problem)])
}

fn existing_session(db: &Db<'_>, id: i64) -> Result<Session> {
    db.session(id)?.ok_or(one(Field::Record, Problem::NotFound))
}

fn known_kind(db: &Db<'_>, kind: &str) -> Result<()> {
    if db.training_kinds()?.iter().any(|k| k.code == kind) {
        Ok(())
    } else {
        Err(one(Field::Status, Problem::Unknown { value: kind.to_owned() }))
    }
}

/// Applies one Training command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, command: TrainingCommand) -> Result<Applied> {
    let audit = |action: &'static str, entity: &str, id: i64, before: Option<String>, after: Option<String>| {
        db.audit(actor, action, entity, Some(id), before.as_deref(), after.as_deref())
    };
    Ok(match command {
        TrainingCommand::SaveSession { id, topic, data, plan_items } => {
            let data = data.validate()?;
            known_kind(db, &data.kind)?;
            for item in &plan_items {
                db.plan_item(*item)?.ok_or(one(Field::Record, Problem::NotFound))?;
            }
            match id {
                Some(id) => {
                    let before = existing_session(db, id)?;
                    let after = Session { topic, data, plan_items, ..before.clone() };
                    db.save_session(Some(id), false, &after)?;
                    audit("session.save", "training_session", id, json(&before), json(&after))?;
                    let undo = Command::Training(TrainingCommand::SaveSession {
                        id: Some(id),
                        topic: before.topic,
                        data: Box::new(before.data),
                        plan_items: before.plan_items,
                    });
                    Applied { action: "session.save", entity: Entity::Session(id), undo }
                }
                None => {
                    let session = Session { id: 0, uuid: new_uuid(), topic, data, plan_items };
                    let id = db.save_session(None, true, &session)?;
                    audit("session.create", "training_session", id, None, json(&session))?;
                    Applied {
                        action: "session.create",
                        entity: Entity::Session(id),
                        undo: Command::Training(TrainingCommand::DeleteSession { id }),
                    }
                }
            }
        }
        TrainingCommand::DeleteSession { id } => {
            let before = existing_session(db, id)?;
            let attendance = db.attendance(id)?;
            db.delete_session(id)?;
            audit("session.delete", "training_session", id, json(&(&before, &attendance)), None)?;
            Applied {
                action: "session.delete",
                entity: Entity::Session(id),
                undo: Command::Training(TrainingCommand::RestoreSession(Box::new((before, attendance)))),
            }
        }
        TrainingCommand::RestoreSession(restored) => {
            let (session, attendance) = *restored;
            let data = session.data.clone().validate()?;
            let id = db.save_session(Some(session.id), true, &Session { data, ..session.clone() })?;
            db.set_attendance(id, &attendance)?;
            audit("session.restore", "training_session", id, None, json(&session))?;
            Applied {
                action: "session.restore",
                entity: Entity::Session(id),
                undo: Command::Training(TrainingCommand::DeleteSession { id }),
            }
        }
        TrainingCommand::SetAttendance { session, set, clear } => {
            let the_session = existing_session(db, session)?;
            let before = db.attendance(session)?;
            for row in &set {
                existing_official(db, row.official)?;
                let limit = if row.mark.credits() { the_session.data.hours } else { 0.0 };
                if !row.hours.is_finite() || row.hours < 0.0 || row.hours > limit + 1e-4 {
                    return Err(one(Field::Training, Problem::OutOfRange { min: 0, max: limit.ceil() as i64 }));
                }
            }
            db.set_attendance(session, &set)?;
            db.clear_attendance(session, &clear)?;
            let touched: HashSet<OfficialId> = set.iter().map(|a| a.official).chain(clear.iter().copied()).collect();
            let undo_set: Vec<Attendance> = before.iter().filter(|a| touched.contains(&a.official)).cloned().collect();
            let marked: HashSet<OfficialId> = before.iter().map(|a| a.official).collect();
            let undo_clear: Vec<OfficialId> = set.iter().map(|a| a.official).filter(|o| !marked.contains(o)).collect();
            let after = serde_json::json!({ "set": set, "clear": clear });
            audit("attendance.set", "training_session", session, json(&undo_set), Some(after.to_string()))?;
            Applied {
                action: "attendance.set",
                entity: Entity::Session(session),
                undo: Command::Training(TrainingCommand::SetAttendance { session, set: undo_set, clear: undo_clear }),
            }
        }
        TrainingCommand::SaveStudyRecord { id, official, data } => {
            existing_official(db, official)?;
            let data = data.validate()?;
            known_kind(db, &data.kind)?;
            match id {
                Some(id) => {
                    let before = db.study_record(id)?.ok_or(one(Field::Record, Problem::NotFound))?;
                    let after = StudyRecord { official, data, ..before.clone() };
                    db.save_study_record(&after, false)?;
                    audit("study.save", "study_record", id, json(&before), json(&after))?;
                    let undo = Command::Training(TrainingCommand::SaveStudyRecord {
                        id: Some(id),
                        official: before.official,
                        data: Box::new(before.data),
                    });
                    Applied { action: "study.save", entity: Entity::Training(official), undo }
                }
                None => {
                    let record = StudyRecord { id: 0, uuid: new_uuid(), official, data };
                    let id = db.save_study_record(&record, true)?;
                    audit("study.add", "study_record", id, None, json(&record))?;
                    Applied {
                        action: "study.add",
                        entity: Entity::Training(official),
                        undo: Command::Training(TrainingCommand::DeleteStudyRecord { id }),
                    }
                }
            }
        }
        TrainingCommand::DeleteStudyRecord { id } => {
            let before = db.study_record(id)?.ok_or(one(Field::Record, Problem::NotFound))?;
            db.delete_study_record(id)?;
            audit("study.delete", "study_record", id, json(&before), None)?;
            Applied {
                action: "study.delete",
                entity: Entity::Training(before.official),
                undo: Command::Training(TrainingCommand::RestoreStudyRecord(Box::new(before))),
            }
        }
        TrainingCommand::RestoreStudyRecord(record) => {
            let data = record.data.clone().validate()?;
            let id = db.save_study_record(&StudyRecord { data, ..(*record).clone() }, true)?;
            audit("study.add", "study_record", id, None, json(&record))?;
            Applied {
                action: "study.add",
                entity: Entity::Training(record.official),
                undo: Command::Training(TrainingCommand::DeleteStudyRecord { id }),
            }
        }
        TrainingCommand::SaveQuotaRules(rules) => {
            let rules = rules.into_iter().map(QuotaRule::validate).collect::<std::result::Result<Vec<_>, _>>()?;
            let before = db.quota_rules()?;
            db.save_quota_rules(&rules)?;
            audit("quota.save", "quota_rule", 0, json(&before), json(&rules))?;
            Applied { action: "quota.save", entity: Entity::Quotas, undo: Command::Training(TrainingCommand::SaveQuotaRules(before)) }
        }
        TrainingCommand::SaveTopic { id, topic } => {
            let topic = topic.validate()?;
            known_kind(db, &topic.kind)?;
            match id {
                Some(id) => {
                    let before = db.topic(id)?.ok_or(one(Field::Record, Problem::NotFound))?;
                    let after = crate::domain::training::Topic { id, ..topic };
                    db.update_topic(&after)?;
                    audit("topic.save", "study_topic", id, json(&before), json(&after))?;
                    Applied {
                        action: "topic.save",
                        entity: Entity::Quotas,
                        undo: Command::Training(TrainingCommand::SaveTopic { id: Some(id), topic: Box::new(before) }),
                    }
                }
                None => {
                    let id = db.insert_topic(&new_uuid(), &crate::domain::training::Topic { id: 0, ..topic.clone() })?;
                    audit("topic.add", "study_topic", id, None, json(&topic))?;
                    Applied { action: "topic.add", entity: Entity::Quotas, undo: Command::Training(TrainingCommand::DeleteTopic { id }) }
                }
            }
        }
        TrainingCommand::DeleteTopic { id } => {
            let before = db.topic(id)?.ok_or(one(Field::Record, Problem::NotFound))?;
            if db.topic_sessions(id)? > 0 {
                return Err(one(Field::Record, Problem::Locked));
            }
            db.delete_topic(id)?;
            audit("topic.delete", "study_topic", id, json(&before), None)?;
            Applied {
                action: "topic.delete",
                entity: Entity::Quotas,
                undo: Command::Training(TrainingCommand::RestoreTopic(Box::new(before))),
            }
        }
        TrainingCommand::RestoreTopic(topic) => {
            let topic = topic.validate()?;
            let id = db.insert_topic(&new_uuid(), &topic)?;
            audit("topic.add", "study_topic", id, None, json(&topic))?;
            Applied { action: "topic.add", entity: Entity::Quotas, undo: Command::Training(TrainingCommand::DeleteTopic { id }) }
        }
    })
}

/// The longest window among the rules, in years.
fn longest_window(rules: &[QuotaRule]) -> i32 {
    rules
        .iter()
        .map(|r| match r.period {
            crate::domain::training::Period::Years(n) => i32::from(n.max(1)),
            _ => 1,
        })
        .max()
        .unwrap_or(1)
}

impl Service {
    /// The sessions dated in `year`.
    pub fn sessions(&self, year: i32) -> Result<Vec<Session>> {
        Ok(self.read().sessions(year)?)
    }

    /// Who a session expects (serving officials in its audience) with their marks, then the
    /// walk-ins who are marked without being in the audience.
    pub fn expected(&self, session: i64) -> Result<Vec<Expected>> {
        let db = self.read();
        let session = existing_session(&db, session)?;
        let units = db.units()?;
        let names: std::collections::HashMap<UnitId, String> = units.iter().map(|u| (u.id, u.name.clone())).collect();
        let audience_units: HashSet<UnitId> =
            session.data.audience.units.iter().flat_map(|u| crate::domain::org::subtree(&units, *u)).collect();
        let marks: std::collections::HashMap<OfficialId, Attendance> =
            db.attendance(session.id)?.into_iter().map(|a| (a.official, a)).collect();
        let mut out = Vec::new();
        for row in db.roster_rows()? {
            let invited = row.status == OfficialStatus::Active && session.data.audience.includes(&audience_units, row.unit, row.tier);
            let attendance = marks.get(&row.id).cloned();
            if invited || attendance.is_some() {
                out.push(Expected {
                    official: row.id,
                    walk_in: !invited,
                    unit_name: names.get(&row.unit).cloned().unwrap_or_default(),
                    staff_no: row.staff_no,
                    name: row.name,
                    attendance,
                });
            }
        }
        Ok(out)
    }

    /// An official's training file for `year` with totals and quota standings; refused unless
    /// the account may see that official.
    pub fn training_file(&self, official: OfficialId, year: i32) -> Result<TrainingFile> {
        let db = self.read();
        let who = existing_official(&db, official)?;
        if !self.access().may_see(official, who.unit) {
            return Err(ServiceError::Forbidden);
        }
        let lines = db.training_file(official, year)?;
        let mut totals: BTreeMap<String, (u32, f32)> = BTreeMap::new();
        for line in lines.iter().filter(|l| l.mark.is_none_or(|m| m.credits())) {
            let total = totals.entry(line.study.kind.clone()).or_default();
            total.0 += 1;
            total.1 += line.study.hours;
        }
        let rules = db.quota_rules()?;
        let tallies = db.tallies_of(official, year - longest_window(&rules) + 1, year)?;
        let today = self.today();
        let standings = rules.iter().filter_map(|r| evaluate(r, who.tier, None, &tallies, year, today).map(|s| (r.clone(), s))).collect();
        let scores = db.scores_of(official)?.into_iter().filter(|(t, _)| t.date.year() == year).collect();
        Ok(TrainingFile { official: who, year, lines, totals, standings, scores })
    }

    /// Compliance with the quotas in `year` for serving officials of `unit` (with its
    /// sub-units) or the bureau, as of today: one read of the rules, the roster and the
    /// tallies of the longest window.
    pub fn compliance(&self, year: i32, unit: Option<UnitId>) -> Result<Compliance> {
        use crate::domain::training::Period;
        let db = self.read();
        let rules = db.quota_rules()?;
        let units = db.units()?;
        let scope: Option<HashSet<UnitId>> = unit.map(|u| crate::domain::org::subtree(&units, u).into_iter().collect());
        // This year's tallies for everyone; earlier years only for the tiers a longer window
        // applies to (a few leaders, not the whole bureau).
        let mut tallies = std::collections::HashMap::new();
        db.tallies_into(year, year, None, &mut tallies)?;
        let longest = longest_window(&rules);
        if longest > 1 {
            let long_rules: Vec<&QuotaRule> = rules.iter().filter(|r| matches!(r.period, Period::Years(n) if n > 1)).collect();
            let tiers: Option<Vec<RankTier>> = if long_rules.iter().any(|r| r.tiers.is_empty()) {
                None
            } else {
                Some(long_rules.iter().flat_map(|r| r.tiers.iter().copied()).collect())
            };
            db.tallies_into(year - longest + 1, year - 1, tiers.as_deref(), &mut tallies)?;
        }
        let today = self.today();
        let access = self.access();
        let empty: Vec<Tally> = Vec::new();
        let people = db
            .serving()?
            .into_iter()
            .filter(|(id, unit, _)| scope.as_ref().is_none_or(|s| s.contains(unit)) && access.may_see(*id, *unit))
            .map(|(official, unit, tier)| {
                let tallies = tallies.get(&official).unwrap_or(&empty);
                PersonCompliance {
                    official,
                    unit,
                    tier,
                    standings: rules.iter().map(|rule| evaluate(rule, tier, None, tallies, year, today)).collect(),
                }
            })
            .collect();
        Ok(Compliance { year, rules, people })
    }

    /// Sessions still to come this year that `official` is expected at and that count for
    /// `rule`: what would close their gap.
    pub fn closing_sessions(&self, official: OfficialId, rule: &QuotaRule, year: i32) -> Result<Vec<Session>> {
        let db = self.read();
        let who = existing_official(&db, official)?;
        let units = db.units()?;
        let today = self.today();
        Ok(db
            .sessions(year)?
            .into_iter()
            .filter(|s| s.data.date > today && (rule.kinds.is_empty() || rule.kinds.contains(&s.data.kind)))
            .filter(|s| {
                let audience: HashSet<UnitId> =
                    s.data.audience.units.iter().flat_map(|u| crate::domain::org::subtree(&units, *u)).collect();
                s.data.audience.includes(&audience, who.unit, who.tier)
            })
            .collect())
    }
}

/// The day `year` is measured to when printing (its last day, or today within it).
pub fn as_of(year: i32, today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).map_or(today, |end| end.min(today))
}

/// An attendance file read and checked: the marks by session, waiting to be stored.
#[derive(Clone, Debug, PartialEq)]
pub struct AttendanceImport {
    pub file: String,
    /// Per session: its title and the marks the file gives.
    pub sessions: BTreeMap<i64, (String, Vec<Attendance>)>,
}

impl AttendanceImport {
    pub fn rows(&self) -> usize {
        self.sessions.values().map(|s| s.1.len()).sum()
    }
}

/// Reads and checks an attendance spreadsheet; every row's problems come back together
/// (unknown staff number, session not found, an unknown mark, more 學時 than the session).
pub fn check_attendance_file(service: &Service, path: &std::path::Path, lang: crate::domain::Lang) -> Result<AttendanceImport> {
    use crate::exchange::attendance::{parse_mark, read_attendance};
    use crate::i18n::tr;
    service.require(crate::domain::access::Need::Admin)?;
    let sheets = crate::exchange::read_file(path)?;
    let lines = read_attendance(&sheets)?;
    let db = service.read();
    let staff = super::import::StaffNumbers::read(&db)?;
    let mut sessions: BTreeMap<i64, (String, Vec<Attendance>)> = BTreeMap::new();
    // Each session named is read once, found or not, however many lines name it.
    let mut known: std::collections::HashMap<i64, Option<Session>> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    let column = |key: &str| tr(lang, key).to_owned();
    for line in &lines {
        let id = line.session.parse::<i64>().ok();
        if let Some(id) = id
            && !known.contains_key(&id)
        {
            known.insert(id, db.session(id)?);
        }
        let session = id.and_then(|id| known.get(&id)).and_then(Option::as_ref);
        if session.is_none() {
            problems.push((line.row, column("training.session_no"), FieldProblem::new(Field::Record, Problem::NotFound)));
        }
        let official = staff.find(line.row, &line.staff_no, lang, &mut problems);
        let mark = parse_mark(&line.mark);
        if mark.is_none() {
            problems.push((
                line.row,
                column("training.mark"),
                FieldProblem::new(Field::Status, Problem::Unknown { value: line.mark.clone() }),
            ));
        }
        let entered = if line.hours.is_empty() { Ok(None) } else { line.hours.parse::<f32>().map(Some) };
        let (Some(session), Some(official), Some(mark)) = (session, official, mark) else { continue };
        let hours = entered
            .map_err(|_| FieldProblem::new(Field::Training, Problem::OutOfRange { min: 0, max: session.data.hours.ceil() as i64 }))
            .and_then(|h| crate::domain::training::credited_hours(mark, h, session.data.hours));
        match hours {
            Ok(hours) => {
                let entry = sessions.entry(session.id).or_insert_with(|| (session.data.title.clone(), Vec::new()));
                entry.1.push(Attendance { official, mark, hours, walk_in: false });
            }
            Err(problem) => problems.push((line.row, column("training.hours"), problem)),
        }
    }
    if !problems.is_empty() {
        return Err(ServiceError::Rows(problems));
    }
    Ok(AttendanceImport { file: crate::exchange::display_name(path), sessions })
}

/// Stores a checked attendance file in one transaction: one audit row per session and one
/// naming the file. Returns the rows stored.
pub fn store_attendance(service: &mut Service, import: &AttendanceImport) -> Result<usize> {
    service.require(crate::domain::access::Need::Admin)?;
    let actor = service.actor().to_owned();
    let count = import.rows();
    service.store_mut().write(|db| {
        for (session, (_, set)) in &import.sessions {
            let _applied = execute(db, &actor, TrainingCommand::SetAttendance { session: *session, set: set.clone(), clear: Vec::new() })?;
        }
        let after = serde_json::json!({ "file": import.file, "rows": count });
        db.audit(&actor, "import.attendance", "attendance", None, None, Some(&after.to_string()))?;
        Ok::<_, ServiceError>(())
    })?;
    Ok(count)
}

/// Reads, checks and stores an attendance spreadsheet (all of it, or nothing).
pub fn import_attendance_file(service: &mut Service, path: &std::path::Path, lang: crate::domain::Lang) -> Result<usize> {
    let import = check_attendance_file(service, path, lang)?;
    store_attendance(service, &import)
}

/// What a training command needs: an official keeps their own study records; the rest is the
/// personnel section's.
pub(super) fn need(db: &Db<'_>, command: &TrainingCommand) -> Result<Need> {
    Ok(match command {
        TrainingCommand::SaveStudyRecord { id, official, .. } => {
            if let Some(id) = id {
                let before = db.study_record(*id)?.ok_or_else(not_found)?;
                if before.official != *official {
                    return Ok(Need::Admin);
                }
            }
            existing_official(db, *official)?;
            Need::Owner(*official)
        }
        TrainingCommand::DeleteStudyRecord { id } => Need::Owner(db.study_record(*id)?.ok_or_else(not_found)?.official),
        TrainingCommand::RestoreStudyRecord(record) => Need::Owner(record.official),
        TrainingCommand::SaveSession { .. }
        | TrainingCommand::DeleteSession { .. }
        | TrainingCommand::RestoreSession(_)
        | TrainingCommand::SetAttendance { .. }
        | TrainingCommand::SaveQuotaRules(_)
        | TrainingCommand::SaveTopic { .. }
        | TrainingCommand::DeleteTopic { .. }
        | TrainingCommand::RestoreTopic(_) => Need::Admin,
    })
}
