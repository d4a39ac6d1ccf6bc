//! The app's handling of the training register: the Training page's year, sessions, the
//! session form, marking attendance (ticked rows or everyone, walk-ins), compliance and the
//! sessions that would close a gap; and the training-file tab of the self-check page.

use super::NengliApp;
use crate::domain::problem::Field;
use crate::domain::problem::FieldProblem;
use crate::domain::problem::Problem;
use crate::domain::training::Attendance;
use crate::domain::training::Audience;
use crate::domain::training::Mark;
use crate::domain::training::SessionData;
use crate::i18n;
use crate::messages;
use crate::service::Command;
use crate::service::command::TrainingCommand;
use crate::ui::intent::Intent;
use crate::ui::intent::TrainingIntent;
use crate::ui::state::Page;
use crate::ui::state::SessionForm;

/// One problem with one field, as a form shows it.
pub(super) fn bad(field: Field, problem: Problem) -> Vec<FieldProblem> {
    vec![FieldProblem::new(field, problem)]
}

impl NengliApp {
    /// Carries out what the training page asked for.
    pub(super) fn handle_training(&mut self, intent: TrainingIntent) {
        match intent {
            TrainingIntent::SelectSession(id) => {
                self.state.training.selected = id;
                self.state.training.ticked.clear();
                self.state.training.form = None;
                self.load_expected();
            }
            TrainingIntent::EditSession { topic, existing } => self.edit_session(topic, existing),
            TrainingIntent::SaveSessionForm => self.save_session_form(),
            TrainingIntent::MarkTicked { mark, all } => self.mark(mark, all),
            TrainingIntent::AddWalkIn => self.add_walk_in(),
            TrainingIntent::TrainingScope => self.reload_training(),
            TrainingIntent::ShowClosing(official) => self.show_closing(official),
            TrainingIntent::CommitAttendanceImport => self.store_pending_import(),
            TrainingIntent::DiscardAttendanceImport => self.state.training.pending_import = None,
            TrainingIntent::SetHours { session, official, hours } => self.set_hours(session, official, hours),
            TrainingIntent::SaveTopicForm => self.save_topic_form(),
            TrainingIntent::ChooseAttendanceFile => {
                let file =
                    self.pick(|| rfd::FileDialog::new().add_filter("xlsx / xls / ods / csv", &["xlsx", "xls", "ods", "csv"]).pick_file());
                if let Some(path) = file {
                    self.import_attendance(&path);
                }
            }
        }
    }

    /// Reads the Training page's lists for its year (and compliance when that tab shows).
    pub(super) fn reload_training(&mut self) {
        let Some(service) = &self.service else { return };
        let page = &mut self.state.training;
        if page.year == 0 {
            page.year = self.state.data.as_ref().map_or(2012, |d| d.bureau.year);
        }
        let year = page.year;
        let read = service.training_year(year).map(|lists| {
            page.kinds = lists.kinds;
            page.topics = lists.topics;
            page.sessions = lists.sessions;
        });
        if let Err(e) = read {
            let message = messages::store_error(self.state.lang, &e);
            return self.error(message);
        }
        if page.selected.is_some_and(|s| !page.sessions.iter().any(|x| x.id == s)) {
            page.selected = None;
        }
        if page.tab == crate::ui::state::TrainingTab::Quotas {
            match service.quota_rules() {
                Ok(rules) => page.quotas = Some(rules),
                Err(e) => {
                    let message = messages::store_error(self.state.lang, &e);
                    return self.error(message);
                }
            }
        }
        if page.tab == crate::ui::state::TrainingTab::Compliance {
            match service.compliance(year, page.compliance_unit) {
                Ok(compliance) => page.compliance = Some(compliance),
                Err(e) => {
                    let message = messages::service_error(self.state.lang, &e);
                    return self.error(message);
                }
            }
        }
        self.load_expected();
    }

    pub(super) fn load_expected_for_page(&mut self) {
        self.load_expected();
    }

    pub(super) fn load_expected(&mut self) {
        let (Some(service), Some(session)) = (&self.service, self.state.training.selected) else {
            self.state.training.expected.clear();
            return;
        };
        match service.expected(session) {
            Ok(expected) => self.state.training.expected = expected,
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    pub(super) fn edit_session(&mut self, topic: Option<i64>, existing: bool) {
        let page = &mut self.state.training;
        page.problems.clear();
        let kind_index = |code: &str| page.kinds.iter().position(|k| k.code == code);
        let form = if existing {
            let Some(session) = page.selected.and_then(|id| page.sessions.iter().find(|s| s.id == id)) else { return };
            let d = &session.data;
            let mut capabilities = [false; 8];
            for c in &d.capabilities {
                if let Some(slot) = capabilities.get_mut(usize::from(*c).wrapping_sub(1)) {
                    *slot = true;
                }
            }
            SessionForm {
                id: Some(session.id),
                topic: session.topic,
                title: d.title.clone(),
                kind: kind_index(&d.kind),
                date: crate::domain::dates::format_date(d.date),
                time: d.time.clone(),
                place: d.place.clone(),
                hours: d.hours.to_string(),
                organiser: d.organiser.clone(),
                lead: d.lead.clone(),
                unit: d.audience.units.first().copied(),
                tier: d.audience.tiers.first().copied(),
                capabilities,
            }
        } else if let Some(topic) = topic.and_then(|t| page.topics.iter().find(|x| x.id == t)) {
            SessionForm {
                topic: Some(topic.id),
                title: topic.title.clone(),
                kind: kind_index(&topic.kind),
                organiser: topic.organiser.clone(),
                lead: topic.lead.clone(),
                hours: "2".into(),
                ..SessionForm::default()
            }
        } else {
            SessionForm { kind: Some(0), hours: "2".into(), ..SessionForm::default() }
        };
        page.form = Some(form);
    }

    pub(super) fn save_session_form(&mut self) {
        let page = &mut self.state.training;
        let Some(form) = &page.form else { return };
        let Some(date) = crate::domain::dates::parse_date(form.date.trim()) else {
            page.problems = bad(Field::Deadline, Problem::BadDate);
            return;
        };
        let Ok(hours) = form.hours.trim().parse::<f32>() else {
            page.problems = bad(Field::Training, Problem::OutOfRange { min: 0, max: 500 });
            return;
        };
        let data = SessionData {
            title: form.title.clone(),
            kind: form.kind.and_then(|k| page.kinds.get(k)).map(|k| k.code.clone()).unwrap_or_default(),
            date,
            time: form.time.clone(),
            place: form.place.clone(),
            hours,
            organiser: form.organiser.clone(),
            lead: form.lead.clone(),
            audience: Audience { units: form.unit.into_iter().collect(), tiers: form.tier.into_iter().collect() },
            capabilities: (1..=8u8).filter(|c| form.capabilities[usize::from(c - 1)]).collect(),
        };
        let command = Command::Training(TrainingCommand::SaveSession {
            id: form.id,
            topic: form.topic,
            data: Box::new(data),
            plan_items: Vec::new(),
        });
        self.handle(Intent::Do(command));
    }

    pub(super) fn mark(&mut self, mark: Mark, all: bool) {
        let page = &self.state.training;
        let Some(session) = page.selected else { return };
        let Some(hours) = page.sessions.iter().find(|s| s.id == session).map(|s| s.data.hours) else { return };
        let set: Vec<Attendance> = page
            .expected
            .iter()
            .filter(|e| all || page.ticked.contains(&e.official))
            .map(|e| Attendance { official: e.official, mark, hours: if mark.credits() { hours } else { 0.0 }, walk_in: e.walk_in })
            .collect();
        if set.is_empty() {
            return;
        }
        self.handle(Intent::Do(Command::Training(TrainingCommand::SetAttendance { session, set, clear: Vec::new() })));
        self.state.training.ticked.clear();
    }

    pub(super) fn set_hours(&mut self, session: i64, official: crate::domain::OfficialId, hours: f32) {
        let Some(current) = self.state.training.expected.iter().find(|e| e.official == official).and_then(|e| e.attendance.clone()) else {
            return;
        };
        if (current.hours - hours).abs() < 1e-4 {
            return;
        }
        let set = vec![Attendance { hours, ..current }];
        self.handle(Intent::Do(Command::Training(TrainingCommand::SetAttendance { session, set, clear: Vec::new() })));
    }

    pub(super) fn save_topic_form(&mut self) {
        let Some(topic) = self.state.training.topic.clone() else { return };
        let id = (topic.id > 0).then_some(topic.id);
        self.handle(Intent::Do(Command::Training(TrainingCommand::SaveTopic { id, topic: Box::new(topic) })));
    }

    pub(super) fn add_walk_in(&mut self) {
        let page = &mut self.state.training;
        let Some(session) = page.selected else { return };
        let Some(hours) = page.sessions.iter().find(|s| s.id == session).map(|s| s.data.hours) else { return };
        let staff_no = page.walk_in.trim().to_owned();
        let Some(row) = self.state.data.as_ref().and_then(|d| d.roster.iter().find(|r| r.staff_no == staff_no)) else {
            page.problems = bad(Field::StaffNo, Problem::NotFound);
            return;
        };
        let walk_in = !page.expected.iter().any(|e| e.official == row.id && !e.walk_in);
        let set = vec![Attendance { official: row.id, mark: Mark::Present, hours, walk_in }];
        page.walk_in.clear();
        page.problems.clear();
        self.handle(Intent::Do(Command::Training(TrainingCommand::SetAttendance { session, set, clear: Vec::new() })));
    }

    pub(super) fn show_closing(&mut self, official: Option<crate::domain::OfficialId>) {
        let page = &mut self.state.training;
        let (Some(service), Some(official), Some(compliance)) = (&self.service, official, &page.compliance) else {
            page.closing = None;
            return;
        };
        let lang = self.state.lang;
        let Some(person) = compliance.people.iter().find(|p| p.official == official) else { return };
        let mut lists = Vec::new();
        for (rule, standing) in compliance.rules.iter().zip(&person.standings) {
            if standing.is_some_and(|s| s.behind()) {
                match service.closing_sessions(official, rule, compliance.year) {
                    Ok(sessions) => lists.push((rule.name.get(lang).to_owned(), sessions)),
                    Err(e) => return self.error(messages::service_error(lang, &e)),
                }
            }
        }
        self.state.training.closing = Some((official, lists));
    }

    /// The training-file tab's data for the self-check page's selected official.
    pub(super) fn load_training_file(&mut self) {
        let page = &mut self.state.selfcheck;
        let year = page.rounds.iter().find(|r| Some(r.id) == page.round).map(|r| r.data.year);
        let (Some(service), Some(official), Some(year)) = (&self.service, page.selected, year) else {
            page.training = None;
            return;
        };
        page.sessions = service.sessions(year).unwrap_or_default();
        page.kinds = service.training_kinds().unwrap_or_default();
        match service.training_file(official, year) {
            Ok(file) => page.training = Some(file),
            Err(e) => {
                page.training = None;
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    /// Reads and checks an attendance spreadsheet and shows what it would store (or each
    /// bad row); nothing is stored until the user says so. Public so tests can stand in for
    /// the file dialog.
    pub fn import_attendance(&mut self, path: &std::path::Path) {
        let lang = self.state.lang;
        let Some(service) = &self.service else { return };
        self.state.page = Page::Training;
        self.state.training.tab = crate::ui::state::TrainingTab::Sessions;
        match crate::service::training::check_attendance_file(service, path, lang) {
            Ok(import) => self.state.training.pending_import = Some(import),
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    /// Stores the attendance file the user has looked at.
    pub(super) fn store_pending_import(&mut self) {
        let lang = self.state.lang;
        let (Some(service), Some(import)) = (&mut self.service, self.state.training.pending_import.take()) else { return };
        match crate::service::training::store_attendance(service, &import) {
            Ok(count) => {
                self.changed = true;
                self.undo.clear();
                self.redo.clear();
                self.state.notice =
                    Some(crate::ui::state::Notice::Info(i18n::fill(crate::i18n::tr(lang, "training.imported"), &[&count.to_string()])));
                self.reload_training();
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }
}
