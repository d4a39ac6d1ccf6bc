//! The log-in screen's intents: log-in with its slow-down, the first administrator, password
//! changes and log-out; what a file asks for once it is open.

use super::NengliApp;
use crate::domain::access::Role;
use crate::domain::problem::Field;
use crate::domain::problem::FieldProblem;
use crate::domain::problem::Problem;
use crate::i18n;
use crate::i18n::tr;
use crate::messages;
use crate::service::LoginError;
use crate::service::ServiceError;
use crate::ui::intent::LoginIntent;
use crate::ui::state::Notice;
use crate::ui::state::Page;
use crate::ui::state::Said;

impl NengliApp {
    /// Carries out what the login page asked for.
    pub(super) fn handle_login(&mut self, intent: LoginIntent) {
        match intent {
            LoginIntent::Login => self.login(),
            LoginIntent::CreateFirstAdmin => self.create_first_admin(),
            LoginIntent::ChangePassword => self.change_password(),
            LoginIntent::LogOut => self.log_out(),
        }
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

    pub(super) fn signed_in(&mut self, session: crate::domain::access::Session) {
        let lang = self.state.lang;
        self.undo.clear();
        self.redo.clear();
        self.state.notice = Some(Notice::Info(i18n::fill(
            tr(lang, "login.welcome"),
            &[&session.username, tr(lang, &format!("role.{}", session.role.code()))],
        )));
        // Nothing of the previous user's carries over (log-out left the home page): every
        // page's choices start fresh; an official's work is their self-check.
        self.forget_previous_user();
        if session.role == Role::Official || !self.state.page.offered_to(session.role) {
            self.state.page = Page::SelfCheck;
        }
        let must_change = session.must_change;
        self.state.session = Some(session);
        if !must_change {
            self.state.login = Default::default();
        }
        self.reload_page();
    }

    pub(super) fn login(&mut self) {
        let Some(service) = &mut self.service else { return };
        let (username, password) = (self.state.login.username.clone(), self.state.login.password.clone());
        match service.login(&username, &password) {
            Ok(session) => self.signed_in(session),
            Err(LoginError::Wrong) => {
                self.state.login.password.clear();
                self.state.login.message = Some(Said::new(|lang| tr(lang, "login.wrong").to_owned()));
            }
            Err(LoginError::Wait(seconds)) => {
                self.state.login.message = Some(Said::new(|lang| i18n::fill(tr(lang, "login.wait"), &[&seconds.to_string()])));
            }
            Err(LoginError::Service(e)) => self.state.login.message = Some(Said::new(|lang| messages::service_error(lang, &e))),
        }
    }

    /// The two typed passwords, when they are the same; otherwise the mismatch is shown.
    pub(super) fn repeated_password(&mut self) -> Option<String> {
        let login = &mut self.state.login;
        if login.new_password != login.repeat {
            login.problems =
                vec![FieldProblem::new(Field::Password, Problem::Unknown { value: tr(self.state.lang, "login.mismatch").into() })];
            return None;
        }
        Some(login.new_password.clone())
    }

    pub(super) fn create_first_admin(&mut self) {
        let Some(password) = self.repeated_password() else { return };
        let Some(service) = &mut self.service else { return };
        let username = self.state.login.username.clone();
        match service.create_first_admin(&username, &password) {
            Ok(session) => self.signed_in(session),
            Err(ServiceError::Invalid(problems)) => self.state.login.problems = problems,
            Err(e) => self.state.login.message = Some(Said::new(|lang| messages::service_error(lang, &e))),
        }
    }

    pub(super) fn change_password(&mut self) {
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
            Err(e) => self.state.login.message = Some(Said::new(|lang| messages::service_error(lang, &e))),
        }
    }

    pub(super) fn log_out(&mut self) {
        if let Some(service) = &mut self.service {
            service.log_out();
        }
        self.undo.clear();
        self.redo.clear();
        self.state.session = None;
        self.state.page = Page::Home;
        self.forget_previous_user();
        self.require_login();
    }

    /// Drops what the user logging out chose, typed and was told on every page (selections,
    /// filters, forms, messages, the change log read, previews); the window forgets its scroll
    /// positions when the next one logs in.
    fn forget_previous_user(&mut self) {
        let state = &mut self.state;
        state.org = Default::default();
        state.roster = Default::default();
        state.standards = Default::default();
        state.programme = Default::default();
        state.settings = Default::default();
        state.selfcheck = Default::default();
        state.analysis = Default::default();
        state.users = Default::default();
        state.training = Default::default();
        state.yearend = Default::default();
        state.import = None;
        state.home_list = None;
        state.print = None;
        state.confirm = None;
        state.path_prompt = None;
        state.notice = None;
        let (sort, filter) = (state.roster.sort, state.roster_filter());
        let mut root = None;
        if let Some(data) = &mut state.data {
            data.audit.clear();
            data.resort(sort, &filter);
            state.programme.report_date = crate::domain::dates::format_date(data.today);
            root = data.unit_tree.first().map(|t| t.1);
        }
        if let Some(root) = root {
            self.select_unit(root);
        }
    }
}
