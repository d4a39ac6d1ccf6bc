//! The app's handling of the 平時考核 page: the year's periods and a unit's people in one of them,
//! the chosen official's record, each step sent to the service with the form as typed, closing a
//! unit's period, setting up the year, 專項考核 events, and the quota and rule-set settings.

use super::NengliApp;
use crate::domain::routine::{Cadence, Period};
use crate::messages;
use crate::service::Command;
use crate::service::command::RoutineCommand;
use crate::ui::intent::{Intent, RoutineIntent};

impl NengliApp {
    /// Carries out what the 平時考核 page asked for.
    pub(super) fn handle_routine(&mut self, intent: RoutineIntent) {
        let page = &self.state.routine;
        match intent {
            RoutineIntent::Scope => self.reload_routine(),
            RoutineIntent::Select(official) => {
                self.state.routine.selected = official;
                self.state.routine.problems.clear();
                self.load_routine_record();
            }
            RoutineIntent::Step(step) => {
                let (Some(period), Some(official)) = (page.period, page.selected) else { return };
                let command = RoutineCommand::Step { period, official, step, data: Box::new(page.form.clone()) };
                self.handle(Intent::Do(Command::Routine(command)));
            }
            RoutineIntent::Record => {
                let (Some(period), Some(official)) = (page.period, page.selected) else { return };
                let command = RoutineCommand::Record { period, official, data: Box::new(page.form.clone()) };
                self.handle(Intent::Do(Command::Routine(command)));
            }
            RoutineIntent::OpenYear => {
                let cadence = page.cadence.unwrap_or(Cadence::Quarterly);
                let year = page.year;
                let periods = (1..=Period::count(cadence))
                    .map(|number| {
                        let period = Period { year, cadence, number };
                        (period, period.default_deadline())
                    })
                    .collect();
                self.handle(Intent::Do(Command::Routine(RoutineCommand::SetPeriods { year, periods })));
            }
            RoutineIntent::Close(closed) => {
                let (Some(period), Some(unit)) = (page.period, page.unit) else { return };
                self.handle(Intent::Do(Command::Routine(RoutineCommand::Close { period, unit, closed })));
            }
            RoutineIntent::SetDeadline => {
                let Some(chosen) = page.period else { return };
                let Some(deadline) = crate::domain::dates::parse_date(&page.deadline) else {
                    let problem = crate::domain::FieldProblem::new(crate::domain::Field::Deadline, crate::domain::Problem::BadDate);
                    self.state.routine.problems = vec![problem];
                    return;
                };
                let periods = page.periods.iter().map(|p| (p.period, if p.id == chosen { deadline } else { p.deadline })).collect();
                self.handle(Intent::Do(Command::Routine(RoutineCommand::SetPeriods { year: page.year, periods })));
            }
            RoutineIntent::SaveSettings => {
                let (quota, rules) = (page.quota.clone(), page.rules.clone());
                let before = self.service.as_ref().and_then(|s| s.routine_quota().ok());
                if before.as_ref() != Some(&quota) {
                    self.handle(Intent::Do(Command::Routine(RoutineCommand::SaveQuota(quota))));
                }
                let before = self.service.as_ref().and_then(|s| s.routine_rules().ok());
                if before.as_ref() != Some(&rules) {
                    self.handle(Intent::Do(Command::Routine(RoutineCommand::SaveRules(rules))));
                }
            }
            RoutineIntent::NewEvent => {
                let date = chrono::NaiveDate::from_ymd_opt(page.year, 1, 1).unwrap_or_default();
                let page = &mut self.state.routine;
                page.event_date = crate::domain::dates::format_date(date);
                page.event = Some(crate::domain::routine::SpecialEvent {
                    id: 0,
                    uuid: String::new(),
                    date,
                    task: String::new(),
                    evidence: String::new(),
                    results: Vec::new(),
                });
                page.problems.clear();
            }
            RoutineIntent::EditEvent(id) => {
                let page = &mut self.state.routine;
                page.event = page.events.iter().find(|e| e.id == id).cloned();
                page.event_date = page.event.as_ref().map(|e| crate::domain::dates::format_date(e.date)).unwrap_or_default();
                page.problems.clear();
            }
            RoutineIntent::AddParticipant => {
                let staff_no = page.add_staff.trim().to_owned();
                let found = self.state.data.as_ref().and_then(|d| d.roster.iter().find(|r| r.staff_no == staff_no).map(|r| r.id));
                let page = &mut self.state.routine;
                page.problems.clear();
                match (found, page.event.as_mut()) {
                    (Some(official), Some(event)) => {
                        if !event.results.iter().any(|r| r.official == official) {
                            event.results.push(crate::domain::routine::SpecialResult { official, result: None, note: String::new() });
                        }
                        page.add_staff.clear();
                    }
                    (None, Some(_)) => page.problems.push(crate::domain::FieldProblem::new(
                        crate::domain::Field::StaffNo,
                        crate::domain::Problem::UnknownStaffNo { staff_no },
                    )),
                    _ => {}
                }
            }
            RoutineIntent::SaveEvent => {
                let Some(mut event) = page.event.clone() else { return };
                match crate::domain::dates::parse_date(&page.event_date) {
                    Some(date) => event.date = date,
                    None => {
                        let problem = crate::domain::FieldProblem::new(crate::domain::Field::Record, crate::domain::Problem::BadDate);
                        self.state.routine.problems = vec![problem];
                        return;
                    }
                }
                self.handle(Intent::Do(Command::Routine(RoutineCommand::SaveSpecial(Box::new(event)))));
                if self.state.routine.problems.is_empty() {
                    self.state.routine.event = None;
                }
            }
            RoutineIntent::DeleteEvent(id) => {
                self.handle(Intent::Do(Command::Routine(RoutineCommand::DeleteSpecial { id })));
                self.state.routine.event = None;
            }
        }
    }

    /// Reads the page again: the year's periods (the current one chosen first), the unit's
    /// summary of the period, the chosen official's record, the events and the settings.
    pub(super) fn reload_routine(&mut self) {
        let Some(service) = &self.service else { return };
        let page = &mut self.state.routine;
        if page.year == 0 {
            page.year = self.state.data.as_ref().map_or(2012, |d| d.bureau.year);
        }
        let read = (|| {
            let periods = service.routine_periods(page.year)?;
            let period = page.period.filter(|p| periods.iter().any(|x| x.id == *p)).or_else(|| {
                let today = service.today();
                periods.iter().find(|p| p.period.days().1 >= today).or(periods.last()).map(|p| p.id)
            });
            let summary = match period {
                Some(period) => Some(service.routine_summary(period, page.unit)?),
                None => None,
            };
            Ok::<_, crate::service::ServiceError>((
                periods,
                period,
                summary,
                service.special_events()?,
                service.routine_quota()?,
                service.routine_rules()?,
            ))
        })();
        match read {
            Ok((periods, period, summary, events, quota, rules)) => {
                page.deadline = periods
                    .iter()
                    .find(|p| Some(p.id) == period)
                    .map(|p| crate::domain::dates::format_date(p.deadline))
                    .unwrap_or_default();
                page.periods = periods;
                page.period = period;
                page.summary = summary;
                page.events = events;
                page.quota = quota;
                page.rules = rules;
            }
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                return self.error(message);
            }
        }
        let page = &mut self.state.routine;
        let me = self.state.session.as_ref().and_then(|s| s.official);
        let rows = page.summary.as_ref().map_or(&[][..], |s| s.rows.as_slice());
        if !page.selected.is_some_and(|o| rows.iter().any(|r| r.official == o)) {
            page.selected = me.filter(|o| rows.iter().any(|r| r.official == *o));
        }
        self.load_routine_record();
    }

    fn load_routine_record(&mut self) {
        let page = &mut self.state.routine;
        let (Some(service), Some(period), Some(official)) = (&self.service, page.period, page.selected) else {
            page.record = None;
            page.form = Default::default();
            return;
        };
        match service.routine_record(period, official) {
            Ok(record) => {
                page.form = record.as_ref().map(|r| r.data.clone()).unwrap_or_default();
                page.form.reason.clear();
                page.record = record;
            }
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }
}
