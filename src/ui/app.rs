//! The eframe application: each frame it handles shortcuts, draws the views from state, then
//! applies the intents they emitted: commands go to the service, and the caches they touch
//! are reloaded once, after the change, never while drawing.

use super::jobs::{self, Job};
use super::state::{Data, Form, ImportPage, JobView, Notice, Page, Prefs, State};
use super::{fonts, views};
use crate::domain::Lang;
use crate::exchange::{self, Kind};
use crate::i18n::{self, tr};
use crate::messages;
use crate::service::command::{OrgCommand, StandardsCommand, StandingCommand, TrainingCommand};
use crate::service::{Applied, Command, Entity, Service, ServiceError};
use crate::store::{OpenMode, Store, StoreError};
use crate::ui::intent::Intent;
use crate::ui::intent::{ImportIntent, OrgIntent, RosterIntent, WelcomeIntent};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::{Path, PathBuf};
use std::time::Instant;

mod analysis;
mod appraisal;
mod home;
mod import;
mod login;
mod org;
mod package;
mod print;
mod programme;
mod roster;
mod routine;
mod selfcheck;
mod settings;
mod standards;
mod training;
mod welcome;
mod yearend;

/// Key of the preferences in eframe's storage.
pub const PREFS_KEY: &str = "nengli.prefs";
/// How many steps Ctrl+Z can go back.
const UNDO_DEPTH: usize = 100;
/// How many change-log entries the Settings page lists (the newest that match its filter).
const AUDIT_SHOWN: usize = 500;

/// Where the app starts: an explicit database, else the last one, else the default one.
pub struct Startup {
    pub db: Option<PathBuf>,
    pub lang: Lang,
    /// The file created by the welcome screen unless the user chooses another.
    pub default_db: PathBuf,
    /// The demo bureau's file.
    pub demo_db: PathBuf,
}

impl Startup {
    /// The usual start: files in the user's data folder, language from the system.
    pub fn standard(db: Option<PathBuf>) -> Startup {
        Startup { db, lang: crate::i18n::system_lang(), default_db: crate::paths::default_db(), demo_db: crate::paths::demo_db() }
    }
}

/// The application: the open database (if any), the view state and the undo history.
pub struct NengliApp {
    demo_db: PathBuf,
    /// Whether anything was stored since the database was opened (a backup is taken at exit).
    changed: bool,
    /// This window's hold on the open database (one writer per file).
    lock: Option<crate::lock::DbLock>,
    /// The automatic backup running on its own thread (at open, or while working).
    backup_thread: Option<std::thread::JoinHandle<()>>,
    /// When the last automatic backup started (at open, then every few minutes of work).
    last_backup: Instant,
    job: Option<Job>,
    service: Option<Service>,
    pub state: State,
    prefs: Prefs,
    undo: Vec<Command>,
    redo: Vec<Command>,
    fonts_for: Option<Lang>,
    theme_dark: Option<bool>,
    /// The account whose scroll positions and open sections egui remembers.
    widgets_for: Option<i64>,
    /// The intent being carried out: done again with a typed path where no dialog could show.
    current: Option<Intent>,
    /// A path typed in the window's own field, used in place of the next file dialog.
    typed: Option<PathBuf>,
}

impl NengliApp {
    /// Starts with `prefs`; opens the start-up database if given, else the last database,
    /// else the default one if it exists, else shows the welcome screen.
    pub fn new(prefs: Prefs, startup: Startup) -> NengliApp {
        let mut state = State::new(prefs.lang.unwrap_or(startup.lang));
        state.dark = prefs.dark;
        state.backup_every = prefs.backup_every.unwrap_or(crate::domain::backups::EVERY_MINUTES);
        state.retention = prefs.retention.unwrap_or_default();
        state.recent = prefs.recent.clone();
        state.welcome.year = chrono::Local::now().format("%Y").to_string();
        state.welcome.path = startup.default_db.display().to_string();
        let mut app = NengliApp {
            demo_db: startup.demo_db,
            changed: false,
            backup_thread: None,
            last_backup: Instant::now(),
            lock: None,
            job: None,
            service: None,
            state,
            prefs,
            undo: Vec::new(),
            redo: Vec::new(),
            fonts_for: None,
            theme_dark: None,
            widgets_for: None,
            current: None,
            typed: None,
        };
        let target = startup
            .db
            .or_else(|| app.prefs.last_db.clone().filter(|p| p.exists()))
            .or_else(|| Some(startup.default_db).filter(|p| p.exists()));
        app.state.page = if app.prefs.page == Page::Import { Page::Roster } else { app.prefs.page };
        match target {
            Some(path) if is_package(&path) => app.open_package(&path),
            Some(path) => app.open(&path, OpenMode::Create),
            None => {}
        }
        app
    }

    /// Builds the app inside eframe: preferences from its storage.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, db: Option<PathBuf>, lang: Option<Lang>) -> NengliApp {
        let mut prefs: Prefs = cc.storage.and_then(|s| eframe::get_value(s, PREFS_KEY)).unwrap_or_default();
        if lang.is_some() {
            prefs.lang = lang;
        }
        let mut app = NengliApp::new(prefs, Startup::standard(db));
        fonts::install(&cc.egui_ctx, app.state.lang);
        app.fonts_for = Some(app.state.lang);
        app
    }

    /// Waits for the automatic backup running on its thread, if any.
    pub fn wait_for_backup(&mut self) {
        if let Some(handle) = self.backup_thread.take() {
            let _ = handle.join();
        }
    }

    /// Takes a backup of the database at `path` on a thread of its own with its own connection,
    /// so the window does not wait for it.
    fn spawn_backup(&mut self, path: &Path, when: &'static str) {
        self.wait_for_backup();
        self.last_backup = Instant::now();
        let path = path.to_owned();
        let retention = self.state.retention;
        let spawned = std::thread::Builder::new().name("backup".into()).spawn(move || {
            let result = Store::open(&path, OpenMode::Existing)
                .and_then(|store| crate::backup::take(&store, chrono::Local::now().naive_local(), retention));
            if let Err(e) = result {
                log::warn!("backup {when} of {}: {e}", path.display());
            }
        });
        match spawned {
            Ok(handle) => self.backup_thread = Some(handle),
            Err(e) => log::warn!("backup thread: {e}"),
        }
    }

    /// Moves the last automatic backup into the past; tests use it instead of waiting minutes.
    #[doc(hidden)]
    pub fn pretend_last_backup_was(&mut self, ago: std::time::Duration) {
        self.last_backup = Instant::now().checked_sub(ago).unwrap_or(self.last_backup);
    }

    /// Every few minutes of work, a backup of what was stored since the last one.
    fn backup_periodically(&mut self) {
        if !crate::domain::backups::periodic_due(self.changed, self.last_backup.elapsed(), self.state.backup_every) {
            return;
        }
        if self.backup_thread.as_ref().is_some_and(|h| !h.is_finished()) {
            return;
        }
        let Some(path) = self.db_path() else { return };
        self.spawn_backup(&path, "while working");
        self.changed = false;
    }

    /// Takes a backup when anything was stored since the database was opened (at exit).
    pub fn backup_if_changed(&mut self) {
        self.wait_for_backup();
        let Some(service) = &self.service else { return };
        if self.changed && service.store().path().is_some() {
            match crate::backup::take(service.store(), chrono::Local::now().naive_local(), self.state.retention) {
                Ok(_) => self.changed = false,
                Err(e) => log::error!("backup at exit: {e}"),
            }
        }
    }

    /// The open database's file.
    fn db_path(&self) -> Option<PathBuf> {
        self.service.as_ref().and_then(|s| s.store().path().map(Path::to_owned))
    }

    pub fn service(&self) -> Option<&Service> {
        self.service.as_ref()
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// One frame: shortcuts, views, then the intents they emitted.
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        let started = Instant::now();
        let ctx = ui.ctx().clone();
        if self.fonts_for != Some(self.state.lang) {
            fonts::install(&ctx, self.state.lang);
            self.fonts_for = Some(self.state.lang);
        }
        if self.theme_dark != Some(self.state.dark) {
            super::theme::set_visuals(&ctx, self.state.dark);
            self.theme_dark = Some(self.state.dark);
        }
        let user = self.state.session.as_ref().map(|s| s.user);
        if self.widgets_for != user {
            // Scroll positions, open sections and half-typed fields are the previous user's.
            ctx.data_mut(|d| d.clear());
            self.widgets_for = user;
        }
        let mut intents = Vec::new();
        self.poll_job(&ctx);
        self.backup_periodically();
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).filter(|p| !p.as_os_str().is_empty()).collect());
        if let Some(path) = dropped.into_iter().next().filter(|_| self.state.data.is_some()) {
            intents.push(Intent::Import(ImportIntent::ImportFile(path)));
        }
        self.shortcuts(&ctx, &mut intents);
        views::root_ui(ui, &mut self.state, &mut intents);
        for intent in intents {
            self.handle(intent);
        }
        self.keep_to_offered_pages();
        self.state.frame_ms = started.elapsed().as_secs_f32() * 1000.0;
    }

    /// Takes what the running job reported since the last frame.
    fn poll_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.job else { return };
        let mut finished = None;
        while let Ok(message) = job.messages.try_recv() {
            match message {
                jobs::Message::Progress { done, total } => {
                    if let Some(view) = &mut self.state.job {
                        (view.done, view.total) = (done, total);
                    }
                }
                jobs::Message::Finished(outcome) => finished = Some(outcome),
            }
        }
        match finished {
            Some(outcome) => {
                self.job = None;
                self.state.job = None;
                self.finish(outcome);
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
        }
    }

    fn finish(&mut self, outcome: jobs::Outcome) {
        let lang = self.state.lang;
        match outcome {
            jobs::Outcome::Read { path, sheets: Ok(sheets) } => {
                // The first sheet whose header fits (a WPS workbook may open on an instructions sheet).
                let (sheet, kind) = sheets
                    .iter()
                    .enumerate()
                    .find_map(|(i, s)| exchange::header::detect(s).map(|kind| (i, kind)))
                    .unwrap_or((0, Kind::Officials));
                self.state.import = Some(ImportPage {
                    file: exchange::display_name(&path),
                    sheets,
                    sheet,
                    kind,
                    preview: None,
                    missing: Vec::new(),
                    only_problems: false,
                    options: exchange::preview::Options { lang, ..Default::default() },
                    header_row: String::new(),
                });
                self.rebuild_preview(sheet, kind);
                self.state.page = Page::Import;
            }
            jobs::Outcome::Read { path, sheets: Err(e) } => {
                self.error(i18n::fill(tr(lang, "error.open"), &[&path.display().to_string(), &messages::exchange_error(lang, &e)]));
            }
            jobs::Outcome::Imported(result) => self.imported(result),
            jobs::Outcome::BackedUp(Ok(path)) => {
                self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, "cli.backup_done"), &[&path.display().to_string()])));
                self.reload_backups();
            }
            jobs::Outcome::BackedUp(Err(e)) | jobs::Outcome::Checked(Err(e)) => self.error(messages::store_error(lang, &e)),
            jobs::Outcome::Checked(Ok(problems)) => self.state.settings.check = Some(problems),
            jobs::Outcome::Printed(Ok((path, sheets))) => {
                let text = i18n::fill(tr(lang, "yearend.printed"), &[&sheets.to_string(), &path.display().to_string()]);
                self.state.notice = Some(Notice::Info(text));
            }
            jobs::Outcome::Printed(Err(message)) => self.error(message),
            jobs::Outcome::Saved { result: Ok(path), open_after } => self.saved(&path, open_after),
            jobs::Outcome::Saved { result: Err(message), .. } => self.error(message),
        }
    }

    fn start_job(&mut self, title_key: &'static str, cancellable: bool, job: std::io::Result<Job>) {
        match job {
            Ok(job) => {
                self.job = Some(job);
                self.state.job = Some(JobView { title_key, cancellable, done: 0, total: 0 });
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context, intents: &mut Vec<Intent>) {
        if self.state.confirm.is_some() || self.state.job.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let pressed = |modifiers: Modifiers, key: Key| ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(modifiers, key)));
        if pressed(Modifiers::COMMAND, Key::O) {
            intents.push(Intent::Welcome(WelcomeIntent::ChooseDatabase));
        }
        if self.state.data.is_none() {
            return;
        }
        let pages = [(Key::Num1, Page::Organisation), (Key::Num2, Page::Roster), (Key::Comma, Page::Settings)];
        for (key, page) in pages {
            if pressed(Modifiers::COMMAND, key) {
                intents.push(Intent::Navigate(page));
            }
        }
        if pressed(Modifiers::COMMAND, Key::N) {
            intents.push(match self.state.page {
                Page::Organisation => Intent::Org(OrgIntent::NewPost),
                _ => Intent::Roster(RosterIntent::NewOfficial),
            });
        }
        if pressed(Modifiers::COMMAND, Key::F) {
            intents.push(Intent::Navigate(Page::Roster));
            self.state.roster.focus_filter = true;
        }
        if !typing {
            if pressed(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z) || pressed(Modifiers::COMMAND, Key::Y) {
                intents.push(Intent::Redo);
            } else if pressed(Modifiers::COMMAND, Key::Z) {
                intents.push(Intent::Undo);
            }
        }
    }

    /// A shortcut or a link may name a page the account is not offered (an official pressing
    /// Ctrl+2 for the roster): it shows their self-check instead.
    fn keep_to_offered_pages(&mut self) {
        if let Some(role) = self.state.role()
            && !self.state.page.offered_to(role)
        {
            self.state.page = Page::SelfCheck;
            self.reload_page();
        }
    }

    /// Carries out one intent: the window's own here, a page's in the page's handler module.
    pub fn handle(&mut self, intent: Intent) {
        self.state.asked = self.state.asked.wrapping_add(1);
        self.current = Some(intent.clone());
        match intent {
            Intent::Do(command) => {
                if let Some(applied) = self.run(command) {
                    self.undo.push(applied.undo.clone());
                    if self.undo.len() > UNDO_DEPTH {
                        self.undo.remove(0);
                    }
                    self.redo.clear();
                    self.after(&applied, true);
                }
            }
            Intent::Undo => {
                if let Some(command) = self.undo.pop()
                    && let Some(applied) = self.run(command)
                {
                    self.redo.push(applied.undo.clone());
                    self.after(&applied, false);
                    self.state.notice = Some(Notice::Info(tr(self.state.lang, "notice.undone").to_owned()));
                }
            }
            Intent::Redo => {
                if let Some(command) = self.redo.pop()
                    && let Some(applied) = self.run(command)
                {
                    self.undo.push(applied.undo.clone());
                    self.after(&applied, false);
                    self.state.notice = Some(Notice::Info(tr(self.state.lang, "notice.redone").to_owned()));
                }
            }
            Intent::Navigate(page) => {
                if page == Page::Import && self.state.import.is_none() {
                    return;
                }
                self.state.page = page;
                if page != Page::Import {
                    self.prefs.page = page;
                }
                if page == Page::Settings {
                    self.reload_audit();
                    self.reload_backups();
                }
                self.reload_page();
            }
            Intent::SetLang(lang) => {
                self.state.lang = lang;
                self.state.print_lang = crate::i18n::print_lang(lang);
                self.prefs.lang = Some(lang);
            }
            Intent::SetDark(dark) => {
                self.state.dark = dark;
                self.prefs.dark = dark;
            }
            Intent::DismissNotice => self.state.notice = None,
            Intent::AskConfirm { question, then } => self.state.confirm = Some((question, then)),
            Intent::Confirm(inner) => {
                self.state.confirm = None;
                self.handle(*inner);
            }
            Intent::CancelConfirm => self.state.confirm = None,
            Intent::AskPath(then) => {
                let start = std::env::var_os("HOME").map(|home| format!("{}/", PathBuf::from(home).display())).unwrap_or_default();
                self.state.path_prompt = Some((start, then));
            }
            Intent::PathTyped => {
                let Some((text, then)) = self.state.path_prompt.take() else { return };
                let path = text.trim();
                if path.is_empty() {
                    self.error(tr(self.state.lang, "dialog.path_needed").to_owned());
                    self.state.path_prompt = Some((text, then));
                    return;
                }
                self.typed = Some(PathBuf::from(path));
                self.handle(*then);
                self.typed = None;
            }
            Intent::CancelPath => self.state.path_prompt = None,
            Intent::CancelJob => {
                if let Some(job) = &self.job {
                    job.request_cancel();
                }
            }
            // What the menu does not offer the account is not done either (a shortcut, a drop).
            Intent::Welcome(_) if !self.state.offers_files() => {}
            Intent::Import(_) if !self.state.is_admin() => {}
            Intent::Welcome(intent) => self.handle_welcome(intent),
            Intent::Org(intent) => self.handle_org(intent),
            Intent::Roster(intent) => self.handle_roster(intent),
            Intent::Import(intent) => self.handle_import(intent),
            Intent::Settings(intent) => self.handle_settings(intent),
            Intent::Standards(intent) => self.handle_standards(intent),
            Intent::Programme(intent) => self.handle_programme(intent),
            Intent::Home(intent) => self.handle_home(intent),
            Intent::Print(intent) => self.handle_print(intent),
            Intent::Login(intent) => self.handle_login(intent),
            Intent::SelfCheck(intent) => self.handle_selfcheck(intent),
            Intent::Analysis(intent) => self.handle_analysis(intent),
            Intent::Package(intent) => self.handle_package(intent),
            Intent::Training(intent) => self.handle_training(intent),
            Intent::YearEnd(intent) => self.handle_yearend(intent),
            Intent::Routine(intent) => self.handle_routine(intent),
        }
        self.state.can_undo = !self.undo.is_empty();
        self.state.can_redo = !self.redo.is_empty();
    }

    /// The path a file dialog (`show`) gives; where no dialog can be shown, the window's own
    /// path field asks instead (the intent is done again with what is typed there), never a
    /// silent nothing. A path just typed there is used without showing a dialog.
    fn pick(&mut self, show: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
        if let Some(path) = self.typed.take() {
            return Some(path);
        }
        match crate::ui::dialog::run(show) {
            crate::ui::dialog::Picked::Path(path) => Some(path),
            crate::ui::dialog::Picked::Cancelled => None,
            crate::ui::dialog::Picked::Unavailable => {
                log::warn!("{}", tr(self.state.lang, "dialog.unavailable"));
                if let Some(intent) = self.current.clone() {
                    self.state.path_prompt = None;
                    self.handle(Intent::AskPath(Box::new(intent)));
                }
                None
            }
        }
    }

    fn error(&mut self, message: String) {
        log::warn!("{message}");
        self.state.notice = Some(Notice::Error(message));
    }

    /// Whether `path`, chosen to write a file to, must be refused: the open database, one of its
    /// companions or (unless `copy`, a backup) another database. Says why when it is.
    fn target_refused(&mut self, path: &Path, copy: bool) -> bool {
        let Some(db) = self.db_path() else { return false };
        match crate::backup::refuse_database_target(path, &db, copy) {
            Ok(()) => false,
            Err(e) => {
                let message = messages::store_error(self.state.lang, &e);
                self.error(message);
                true
            }
        }
    }

    /// Runs a command; on refusal, puts the problems next to the fields and says so.
    fn run(&mut self, command: Command) -> Option<Applied> {
        let service = self.service.as_mut()?;
        let form = form_of(&command);
        match service.execute(command) {
            Ok(applied) => Some(applied),
            Err(ServiceError::Invalid(problems)) => {
                let lang = self.state.lang;
                let summary = problems.iter().map(|p| i18n::problem(lang, p)).collect::<Vec<_>>().join(";");
                if let Some(target) = self.state.form_problems(form) {
                    *target = problems;
                }
                self.state.notice = Some(Notice::Error(summary));
                None
            }
            Err(other) => {
                self.error(messages::service_error(self.state.lang, &other));
                None
            }
        }
    }

    /// Rereads who handed in a self-check, has a plan and has training this year (the home
    /// page's figures count them) after a change to any of them.
    fn reload_year_sets(&mut self) {
        let (Some(service), Some(data)) = (&self.service, &mut self.state.data) else { return };
        match service.year_people(data.bureau.year) {
            Ok(people) => (data.handed_in, data.planned, data.trained) = (people.handed_in, people.planned, people.trained),
            Err(e) => log::warn!("figures after a change: {e}"),
        }
    }

    /// Reloads what `applied` changed and moves the selection to it.
    fn after(&mut self, applied: &Applied, fresh: bool) {
        self.changed = true;
        let lang = self.state.lang;
        self.state.notice = Some(Notice::Info(tr(lang, &format!("done.{}", applied.action)).to_owned()));
        match applied.entity {
            Entity::Unit(id) => {
                self.reload(true, false, true);
                self.state.org.unit_problems.clear();
                let exists = self.state.data.as_ref().is_some_and(|d| d.unit(id).is_some());
                if exists {
                    self.select_unit(id);
                } else if let Some(root) = self.state.data.as_ref().and_then(|d| d.unit_tree.first().map(|t| t.1)) {
                    self.select_unit(root);
                }
            }
            Entity::Post(id) => {
                self.reload(false, true, true);
                self.state.org.post_problems.clear();
                let post = self.state.data.as_ref().and_then(|d| d.post(id).cloned());
                match post {
                    Some(post) => {
                        self.state.org.selected_unit = Some(post.unit);
                        self.load_unit_form(post.unit);
                        self.select_post(Some(id));
                    }
                    None => self.select_post(None),
                }
            }
            Entity::Programme => {
                self.reload_programme();
                let selected = self.state.programme.selected;
                self.select_milestone(selected);
                self.state.programme.phase_dates.clear();
            }
            Entity::Scale => {
                if let Some(service) = &self.service {
                    match service.scale() {
                        Ok(scale) => {
                            if let Some(data) = &mut self.state.data {
                                data.scale = scale.clone();
                            }
                            self.state.settings.scale = Some(scale);
                        }
                        Err(e) => {
                            let message = messages::store_error(lang, &e);
                            self.error(message);
                        }
                    }
                }
            }
            Entity::Standard(post) => {
                self.reload_year_data();
                self.state.standards.problems.clear();
                self.select_standard_post(Some(post));
            }
            Entity::Seat(official) => {
                self.reload_year_data();
                self.state.roster.problems.clear();
                self.select_official(Some(official));
            }
            Entity::Round(_) | Entity::SelfCheck { .. } | Entity::Plan(_) => {
                self.state.selfcheck.problems.clear();
                self.reload_year_sets();
                self.reload_selfcheck();
                if self.state.page == Page::Analysis {
                    self.reload_analysis();
                }
            }
            Entity::Session(id) => {
                self.reload_year_sets();
                self.load_training_file();
                self.state.training.problems.clear();
                self.state.training.form = None;
                self.reload_training();
                if self.state.training.sessions.iter().any(|s| s.id == id) {
                    self.state.training.selected = Some(id);
                    self.load_expected_for_page();
                }
            }
            Entity::Training(_) => {
                self.reload_year_sets();
                self.state.selfcheck.problems.clear();
                self.load_training_file();
            }
            Entity::Routine => {
                self.state.routine.problems.clear();
                self.reload_routine();
            }
            Entity::YearEnd(_) | Entity::UnitReview(_) | Entity::Eligibility | Entity::Appraisal => {
                self.state.yearend.problems.clear();
                self.reload_yearend();
            }
            Entity::Quotas => {
                self.state.training.topic = None;
                self.state.training.problems.clear();
                self.reload_training();
            }
            Entity::TierMapping => {
                if let (Some(service), Some(data)) = (&self.service, &mut self.state.data) {
                    match service.tier_mapping() {
                        Ok(mapping) => data.tier_mapping = mapping,
                        Err(e) => log::warn!("tier mapping after a change: {e}"),
                    }
                }
                self.state.settings.tier_mapping = None;
                self.reload(false, false, true);
            }
            Entity::Official(id) => {
                self.patch_roster(id);
                self.state.roster.problems.clear();
                let exists = self.state.data.as_ref().is_some_and(|d| d.roster.iter().any(|r| r.id == id));
                self.select_official(exists.then_some(id));
                self.state.roster.scroll_to_selected = true;
            }
        }
        if let Some(data) = &mut self.state.data {
            data.refresh_figures();
        }
        if fresh {
            log::info!("{} by {}", applied.action, self.service.as_ref().map_or("", |s| s.actor()));
        }
        if self.state.page == Page::Settings {
            self.reload_audit();
        }
    }

    fn load_all(&mut self) -> Result<(), StoreError> {
        let Some(service) = &self.service else { return Ok(()) };
        let Some(snapshot) = service.snapshot()? else { return Ok(()) };
        let mut data = Data {
            path: service.store().path().map(Path::to_owned).unwrap_or_default(),
            network_share: service.store().on_network_share(),
            bureau: snapshot.bureau,
            catalogue: snapshot.catalogue,
            tier_mapping: snapshot.tier_mapping,
            units: Vec::new(),
            unit_aliases: Default::default(),
            unit_tree: Vec::new(),
            posts: snapshot.posts,
            post_holders: Default::default(),
            roster: Vec::new(),
            roster_order: Vec::new(),
            roster_visible: Vec::new(),
            audit: Vec::new(),
            audit_lines: Vec::new(),
            scale: snapshot.scale,
            standards: snapshot.year.standards.into_iter().map(|s| (s.post, s)).collect(),
            seats: snapshot.year.seats.into_iter().map(|s| (s.official, s)).collect(),
            handed_in: snapshot.people.handed_in,
            planned: snapshot.people.planned,
            trained: snapshot.people.trained,
            programme: snapshot.programme,
            today: service.today(),
            demo_day: service.demo_day().is_some(),
            figures: Vec::new(),
            completion: Vec::new(),
        };
        data.set_units(snapshot.units);
        data.set_unit_aliases(snapshot.unit_aliases);
        let filter = self.state.roster_filter();
        data.set_roster(snapshot.roster, self.state.roster.sort, &filter);
        data.refresh_figures();
        self.state.programme.report_date = crate::domain::dates::format_date(data.today);
        let root = data.unit_tree.first().map(|t| t.1);
        self.state.data = Some(data);
        if let Some(root) = root {
            self.select_unit(root);
        }
        if self.state.page == Page::Settings {
            // Opened straight onto Settings (the page last used): its lists are read here.
            self.reload_audit();
            self.reload_backups();
        }
        Ok(())
    }

    /// Reloads the programme year's standards and seat statements.
    fn reload_year_data(&mut self) {
        let Some(service) = &self.service else { return };
        let Some(data) = &mut self.state.data else { return };
        let result = service.year_records(data.bureau.year).map(|records| {
            data.standards = records.standards.into_iter().map(|s| (s.post, s)).collect();
            data.seats = records.seats.into_iter().map(|s| (s.official, s)).collect();
        });
        if let Err(e) = result {
            let message = messages::store_error(self.state.lang, &e);
            self.error(message);
        }
    }

    fn reload(&mut self, units: bool, posts: bool, roster: bool) {
        let Some(service) = &self.service else { return };
        let filter = self.state.roster_filter();
        let sort = self.state.roster.sort;
        let Some(data) = &mut self.state.data else { return };
        let result = (|| -> Result<(), StoreError> {
            if units {
                data.set_units(service.units()?);
                data.set_unit_aliases(service.unit_aliases()?);
            }
            if posts {
                data.set_posts(service.posts()?);
            }
            if roster {
                data.set_roster(service.roster_rows()?, sort, &filter);
            }
            Ok(())
        })();
        if let Err(e) = result {
            let message = messages::store_error(self.state.lang, &e);
            self.error(message);
        }
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
                    self.state.yearend.quota_rules = service.excellent_rules().unwrap_or_default();
                    self.state.yearend.eligibility = service.eligibility_rules().unwrap_or_default();
                }
            }
            Page::Training => self.reload_training(),
            Page::YearEnd => self.reload_yearend(),
            Page::Routine => self.reload_routine(),
            _ => {}
        }
    }
}

impl eframe::App for NengliApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.backup_if_changed();
        // Closed here rather than left to the process's end: the write-ahead log goes into the
        // file and this computer records the database closed (see store/wal.rs).
        self.service = None;
    }
}

/// The file dialog for nengli databases and their copies.
/// Whether `path` names a self-check package rather than a database (by its ending).
fn is_package(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(crate::domain::package::EXTENSION))
}

fn database_dialog() -> rfd::FileDialog {
    rfd::FileDialog::new().add_filter("nengli", &["sqlite", "db"])
}

/// The form whose fields a refused command's problems belong under: each area's own form, but for
/// the posts (their own form beside the units'), the seat statements (on the roster's detail) and
/// the study records (on the self-check page).
fn form_of(command: &Command) -> Form {
    match command {
        Command::Org(command) => match command {
            OrgCommand::CreatePost(_)
            | OrgCommand::UpdatePost { .. }
            | OrgCommand::SetPostRetired { .. }
            | OrgCommand::DeletePost { .. }
            | OrgCommand::RestorePost(_) => Form::Post,
            OrgCommand::CreateUnit { .. }
            | OrgCommand::UpdateUnit { .. }
            | OrgCommand::MoveUnit { .. }
            | OrgCommand::SetUnitRetired { .. }
            | OrgCommand::DeleteUnit { .. }
            | OrgCommand::RestoreUnit(_)
            | OrgCommand::SetUnitAliases { .. } => Form::Unit,
        },
        Command::Roster(_) => Form::Official,
        Command::Standards(command) => match command {
            StandardsCommand::SaveSeatStatement { .. } | StandardsCommand::DeleteSeatStatement { .. } => Form::Official,
            StandardsCommand::SaveStandard { .. } | StandardsCommand::DeleteStandard { .. } | StandardsCommand::SaveScale(_) => {
                Form::Standard
            }
        },
        Command::Programme(_) => Form::None,
        Command::SelfCheck(_) => Form::SelfCheck,
        Command::Training(command) => match command {
            // The study-record form sits on the self-check page's plan tab; the rest of the
            // register (and anything added to it) is the training page's.
            TrainingCommand::SaveStudyRecord { .. }
            | TrainingCommand::DeleteStudyRecord { .. }
            | TrainingCommand::RestoreStudyRecord(_) => Form::SelfCheck,
            _ => Form::Training,
        },
        Command::YearEnd(_) | Command::Appraisal(_) => Form::YearEnd,
        Command::Routine(_) => Form::Routine,
        Command::Standing(StandingCommand::SetStanding { .. }) => Form::Official,
        Command::Standing(_) => Form::YearEnd,
    }
}
