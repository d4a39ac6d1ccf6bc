//! The app's handling of accounts and the self-check: log-in, the first administrator,
//! password changes, log-out; the self-check page's round and official; the analysis page's
//! heatmap; Settings ▸ Accounts. Each reads the store once, after the intent, never per frame.

use super::NengliApp;
use crate::domain::access::{Role, UserData};
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::i18n::{self, tr};
use crate::messages;
use crate::service::{LoginError, ServiceError};
use crate::ui::state::{Intent, Notice, Page};

impl NengliApp {
    /// Handles the intents of this module; returns the intent back when it is not one of them.
    pub(super) fn apply_people(&mut self, intent: Intent) -> Option<Intent> {
        match intent {
            Intent::Login => self.login(),
            Intent::CreateFirstAdmin => self.create_first_admin(),
            Intent::ChangePassword => self.change_password(),
            Intent::LogOut => self.log_out(),
            Intent::SelectRound(id) => {
                self.state.selfcheck.round = Some(id);
                self.state.selfcheck.selected = None;
                self.state.selfcheck.detail = None;
                self.reload_page();
            }
            Intent::SelectCheck(id) => {
                self.state.selfcheck.selected = id;
                self.state.selfcheck.problems.clear();
                self.load_detail();
            }
            Intent::AnalysisUnit(unit) => {
                self.state.analysis.unit = unit;
                self.reload_analysis();
            }
            Intent::SortHeatmap(column) => {
                let sort = &mut self.state.analysis.sort;
                *sort = if sort.0 == column { (column, !sort.1) } else { (column, column != 0) };
                self.order_heatmap();
            }
            Intent::CreateUser => self.create_user(),
            Intent::ResetPassword(id) => self.reset_password(id),
            Intent::SetUserDisabled(id, disabled) => self.set_user_disabled(id, disabled),
            Intent::CreateUnitAccounts => self.create_unit_accounts(),
            Intent::ExportAccounts => self.export_accounts(),
            other => return Some(other),
        }
        None
    }

    /// What the file asks for once it is open: a log-in, or (without accounts) the first
    /// administrator. Nothing changes until then.
    pub(super) fn require_login(&mut self) {
        let Some(service) = &mut self.service else { return };
        let accounts = service.has_accounts();
        service.lock();
        let first_admin = match accounts {
            Ok(has) => !has,
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
                false
            }
        };
        let demo = self.state.data.as_ref().is_some_and(|d| d.bureau.name == crate::service::seed::demo_identity().0);
        self.state.session = None;
        self.state.login = crate::ui::state::LoginPage { first_admin, demo: demo && !first_admin, ..Default::default() };
    }

    fn signed_in(&mut self, session: crate::domain::access::Session) {
        let lang = self.state.lang;
        self.undo.clear();
        self.redo.clear();
        self.state.notice = Some(Notice::Info(i18n::fill(
            tr(lang, "login.welcome"),
            &[&session.username, tr(lang, &format!("role.{}", session.role.code()))],
        )));
        // An official's work is their self-check; others keep the page they were on if it is theirs.
        if session.role == Role::Official || !self.state.page.offered_to(session.role) {
            self.state.page = Page::SelfCheck;
        }
        let must_change = session.must_change;
        self.state.session = Some(session);
        if !must_change {
            self.state.login = Default::default();
        }
        self.state.selfcheck = Default::default();
        self.state.analysis = Default::default();
        self.reload_page();
    }

    /// Reads what the page showing needs from the self-check tables (the others have theirs
    /// in `Data`): nothing is read for pages the user does not open.
    pub(super) fn reload_page(&mut self) {
        match self.state.page {
            Page::SelfCheck => self.reload_selfcheck(),
            Page::Analysis => {
                if self.state.selfcheck.round.is_none() {
                    self.reload_selfcheck();
                }
                self.reload_analysis();
            }
            Page::Settings => {
                self.reload_users();
                if let Some(service) = &self.service {
                    self.state.yearend.percent = service.excellent_percent().unwrap_or(20);
                }
            }
            Page::Training => self.reload_training(),
            Page::YearEnd => self.reload_yearend(),
            _ => {}
        }
    }

    fn login(&mut self) {
        let lang = self.state.lang;
        let Some(service) = &mut self.service else { return };
        let (username, password) = (self.state.login.username.clone(), self.state.login.password.clone());
        match service.login(&username, &password) {
            Ok(session) => self.signed_in(session),
            Err(LoginError::Wrong) => {
                self.state.login.password.clear();
                self.state.login.message = Some(tr(lang, "login.wrong").to_owned());
            }
            Err(LoginError::Wait(seconds)) => {
                self.state.login.message = Some(i18n::fill(tr(lang, "login.wait"), &[&seconds.to_string()]));
            }
            Err(LoginError::Service(e)) => self.state.login.message = Some(messages::service_error(lang, &e)),
        }
    }

    /// The two typed passwords, when they are the same; otherwise the mismatch is shown.
    fn repeated_password(&mut self) -> Option<String> {
        let login = &mut self.state.login;
        if login.new_password != login.repeat {
            login.problems =
                vec![FieldProblem::new(Field::Password, Problem::Unknown { value: tr(self.state.lang, "login.mismatch").into() })];
            return None;
        }
        Some(login.new_password.clone())
    }

    fn create_first_admin(&mut self) {
        let Some(password) = self.repeated_password() else { return };
        let Some(service) = &mut self.service else { return };
        let username = self.state.login.username.clone();
        match service.create_first_admin(&username, &password) {
            Ok(session) => self.signed_in(session),
            Err(ServiceError::Invalid(problems)) => self.state.login.problems = problems,
            Err(e) => self.state.login.message = Some(messages::service_error(self.state.lang, &e)),
        }
    }

    fn change_password(&mut self) {
        let lang = self.state.lang;
        let Some(password) = self.repeated_password() else { return };
        let Some(service) = &mut self.service else { return };
        let current = self.state.login.password.clone();
        match service.change_password(&current, &password) {
            Ok(()) => {
                if let Some(session) = &mut self.state.session {
                    session.must_change = false;
                }
                self.state.login = Default::default();
                self.state.notice = Some(Notice::Info(tr(lang, "done.user.change_password").to_owned()));
            }
            Err(ServiceError::Invalid(problems)) => self.state.login.problems = problems,
            Err(e) => self.state.login.message = Some(messages::service_error(lang, &e)),
        }
    }

    fn log_out(&mut self) {
        if let Some(service) = &mut self.service {
            service.log_out();
        }
        self.undo.clear();
        self.redo.clear();
        self.state.session = None;
        self.state.selfcheck = Default::default();
        self.state.analysis = Default::default();
        self.state.users = Default::default();
        self.require_login();
    }

    /// Reads the rounds, the selected round's list and the selected official's detail.
    pub(super) fn reload_selfcheck(&mut self) {
        let Some(service) = &self.service else { return };
        if self.state.session.is_none() {
            return;
        }
        let page = &mut self.state.selfcheck;
        let result = service.rounds().and_then(|rounds| {
            page.rounds = rounds;
            if page.round.is_none_or(|r| !page.rounds.iter().any(|x| x.id == r)) {
                page.round = page.rounds.iter().find(|r| !r.data.closed).or(page.rounds.first()).map(|r| r.id);
            }
            page.tests = service.read().tests()?;
            page.rows = match page.round {
                Some(round) => service.round_rows(round)?,
                None => Vec::new(),
            };
            if page.selected.is_none() {
                // An official starts on their own self-check.
                page.selected = self.state.session.as_ref().and_then(|s| s.official).filter(|o| page.rows.iter().any(|r| r.official == *o));
            }
            Ok(())
        });
        if let Err(e) = result {
            let message = messages::service_error(self.state.lang, &e);
            self.error(message);
        }
        self.load_detail();
    }

    /// Reads the selected official's detail and puts it in the forms.
    fn load_detail(&mut self) {
        let page = &mut self.state.selfcheck;
        let (Some(service), Some(round), Some(official)) = (&self.service, page.round, page.selected) else {
            page.detail = None;
            return;
        };
        match service.check_detail(round, official) {
            Ok(detail) => {
                page.plan_reviews.clear();
                page.peer_comments.clear();
                page.form = detail.check.as_ref().map(|c| c.data.clone()).unwrap_or_default();
                page.review = detail.check.as_ref().map(|c| c.review.clone()).unwrap_or_default();
                page.reason.clear();
                page.detail = Some(detail);
                self.load_training_file();
            }
            Err(e) => {
                page.detail = None;
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    /// Recomputes the analysis page's heatmap for its round and scope.
    pub(super) fn reload_analysis(&mut self) {
        let (Some(service), Some(round)) = (&self.service, self.state.selfcheck.round) else {
            self.state.analysis.result = None;
            return;
        };
        if !self.state.session.as_ref().is_some_and(|s| Page::Analysis.offered_to(s.role)) {
            return;
        }
        let year = self.state.selfcheck.rounds.iter().find(|r| r.id == round).map_or(0, |r| r.data.year);
        let unit_plan = match self.state.analysis.unit {
            Some(unit) => service.read().plan_items(crate::domain::plans::PlanOwner::Unit(unit), year).unwrap_or_default(),
            None => Vec::new(),
        };
        self.state.analysis.unit_plan = unit_plan;
        self.state.selfcheck.plan_reviews.clear();
        match service.round_analysis(round, self.state.analysis.unit) {
            Ok(result) => {
                if let Some(data) = &self.state.data {
                    self.state.analysis.names = data.roster.iter().map(|r| (r.id, (r.name.clone(), r.staff_no.clone()))).collect();
                }
                self.state.analysis.result = Some(result);
                self.order_heatmap();
            }
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    fn order_heatmap(&mut self) {
        let analysis = &mut self.state.analysis;
        let Some(result) = &analysis.result else { return };
        let rows = &result.analysis.rows;
        let names = &analysis.names;
        let (column, descending) = analysis.sort;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        let key = |i: &usize| -> (i64, String) {
            let row = &rows[*i];
            let gap = match column {
                1..=8 => row.gaps[column - 1].map_or(-1, i64::from),
                9 => i64::from(row.total()),
                _ => 0,
            };
            (gap, names.get(&row.official).map(|n| n.1.clone()).unwrap_or_default())
        };
        order.sort_by_cached_key(key);
        if descending {
            order.reverse();
        }
        analysis.order = order;
    }

    pub(super) fn reload_users(&mut self) {
        let Some(service) = &self.service else { return };
        if self.state.role() != Some(Role::Admin) {
            return;
        }
        match service.read().users() {
            Ok(users) => self.state.users.users = users,
            Err(e) => {
                let message = messages::store_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    fn create_user(&mut self) {
        let lang = self.state.lang;
        let Some(service) = &mut self.service else { return };
        let form = &mut self.state.users;
        let staff_no = form.staff_no.trim();
        let official = match (staff_no.is_empty(), &self.state.data) {
            (false, Some(data)) => match data.roster.iter().find(|r| r.staff_no == staff_no) {
                Some(row) => Some(row.id),
                None => {
                    form.problems = vec![FieldProblem::new(Field::Official, Problem::NotFound)];
                    return;
                }
            },
            _ => None,
        };
        let data = UserData { username: form.username.clone(), role: form.role, official, units: form.unit.into_iter().collect() };
        match service.create_user(data, &form.password, false) {
            Ok(_) => {
                form.problems.clear();
                form.username.clear();
                form.password.clear();
                form.staff_no.clear();
                self.state.notice = Some(Notice::Info(tr(lang, "done.user.create").to_owned()));
                self.changed = true;
                self.reload_users();
            }
            Err(ServiceError::Invalid(problems)) => form.problems = problems,
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    fn reset_password(&mut self, id: i64) {
        let lang = self.state.lang;
        let Some(service) = &mut self.service else { return };
        match service.reset_password(id) {
            Ok(password) => {
                let name = self.state.users.users.iter().find(|u| u.id == id).map(|u| u.data.username.clone()).unwrap_or_default();
                self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, "users.reset_done"), &[&name, &password])));
                self.changed = true;
                self.reload_users();
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    fn set_user_disabled(&mut self, id: i64, disabled: bool) {
        let lang = self.state.lang;
        let Some(service) = &mut self.service else { return };
        let Some(user) = self.state.users.users.iter().find(|u| u.id == id).cloned() else { return };
        match service.update_user(id, user.data, disabled) {
            Ok(()) => {
                self.changed = true;
                self.reload_users();
                self.state.notice = Some(Notice::Info(tr(lang, "done.user.update").to_owned()));
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    fn create_unit_accounts(&mut self) {
        let lang = self.state.lang;
        let (Some(service), Some(unit)) = (&mut self.service, self.state.users.accounts_unit) else { return };
        match service.create_unit_accounts(unit) {
            Ok(made) => {
                self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, "users.made"), &[&made.len().to_string()])));
                self.state.users.made = made;
                self.changed = true;
                self.reload_users();
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    fn export_accounts(&mut self) {
        let lang = self.state.lang;
        let name = format!("{}.xlsx", tr(lang, "users.made_title"));
        let Some(path) = rfd::FileDialog::new().add_filter("xlsx", &["xlsx"]).add_filter("csv", &["csv"]).set_file_name(name).save_file()
        else {
            return;
        };
        let table = crate::exchange::write::accounts_table(&self.state.users.made, lang);
        match crate::exchange::write::save(&table, &path) {
            Ok(()) => {
                self.state.notice = Some(Notice::Info(i18n::fill(
                    tr(lang, "cli.export_done"),
                    &[&table.rows.len().to_string(), &path.display().to_string()],
                )))
            }
            Err(e) => self.error(messages::exchange_error(lang, &e)),
        }
    }
}
