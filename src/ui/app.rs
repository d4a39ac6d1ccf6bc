//! The eframe application: each frame it handles shortcuts, draws the views from state, then
//! applies the intents they emitted: commands go to the service, and the caches they touch
//! are reloaded once, after the change, never while drawing.

use super::jobs::{self, Job};
use super::state::{Data, Form, ImportPage, Intent, JobView, Notice, Page, Prefs, PrintPreview, State};
use super::{fonts, views};
use crate::domain::catalogue::Catalogue;
use crate::domain::official::OfficialDraft;
use crate::domain::org::PostDraft;
use crate::domain::problem::FieldProblem;
use crate::domain::{Lang, OfficialId};
use crate::exchange::{self, Kind, preview, write};
use crate::i18n::{self, tr};
use crate::messages;
use crate::report;
use crate::service::command::{OrgCommand, StandardsCommand, TrainingCommand};
use crate::service::printing;
use crate::service::{Applied, Command, Entity, Service, ServiceError, seed};
use crate::store::{OpenMode, Store, StoreError};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::{Path, PathBuf};
use std::time::Instant;

mod packages;
mod people;
mod training;
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
        let mut intents = Vec::new();
        self.poll_job(&ctx);
        self.backup_periodically();
        let dropped: Vec<PathBuf> =
            ctx.input(|i| i.raw.dropped_files.iter().map(|f| f.path().to_owned()).filter(|p| !p.as_os_str().is_empty()).collect());
        if let Some(path) = dropped.into_iter().next().filter(|_| self.state.data.is_some()) {
            intents.push(Intent::ImportFile(path));
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
                let kind = sheets
                    .iter()
                    .find_map(|s| {
                        s.rows.first().and_then(|h| exchange::columns::detect(&h.iter().map(|c| c.text.clone()).collect::<Vec<_>>()))
                    })
                    .unwrap_or(Kind::Officials);
                let sheet = sheets
                    .iter()
                    .position(|s| {
                        s.rows
                            .first()
                            .is_some_and(|h| exchange::columns::locate(kind, &h.iter().map(|c| c.text.clone()).collect::<Vec<_>>()).is_ok())
                    })
                    .unwrap_or(0);
                self.state.import = Some(ImportPage {
                    file: exchange::display_name(&path),
                    sheets,
                    sheet,
                    kind,
                    preview: None,
                    missing: Vec::new(),
                    only_problems: false,
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
        }
    }

    fn imported(&mut self, result: Result<crate::service::ImportSummary, ServiceError>) {
        let lang = self.state.lang;
        match result {
            Ok(summary) => {
                self.changed = true;
                let kind = self.state.import.as_ref().map_or(Kind::Officials, |i| i.kind);
                self.state.import = None;
                self.state.page = if kind == Kind::Officials { Page::Roster } else { Page::Organisation };
                if let Err(e) = self.load_all() {
                    self.error(messages::store_error(lang, &e));
                    return;
                }
                self.state.notice =
                    Some(Notice::Info(i18n::fill(tr(lang, "import.done"), &[&summary.created.to_string(), &summary.updated.to_string()])));
                log::info!("import stored {} new, {} updated", summary.created, summary.updated);
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    /// Builds the preview of `sheet` read as `kind` against what the bureau holds now.
    fn rebuild_preview(&mut self, sheet: usize, kind: Kind) {
        let Some(service) = &self.service else { return };
        let lookup = match service.lookup() {
            Ok(lookup) => lookup,
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
                return;
            }
        };
        let Some(page) = &mut self.state.import else { return };
        page.sheet = sheet.min(page.sheets.len().saturating_sub(1));
        page.kind = kind;
        let Some(data) = page.sheets.get(page.sheet) else { return };
        match preview::build(kind, &page.file, data, &lookup) {
            Ok(preview) => {
                page.preview = Some(preview);
                page.missing.clear();
            }
            Err(missing) => {
                page.preview = None;
                page.missing = missing;
            }
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

    /// A backup into the backups folder (`None`) or to a chosen file, on a worker thread with
    /// its own connection so the window stays responsive on a large bureau.
    fn start_backup(&mut self, dest: Option<PathBuf>) {
        if self.job.is_some() {
            return;
        }
        let Some(db) = self.db_path() else { return };
        self.start_job("job.backing_up", false, Job::backup(db, dest, self.state.retention));
    }

    fn commit_import(&mut self) {
        let lang = self.state.lang;
        let Some(preview) = self.state.import.as_ref().and_then(|p| p.preview.clone()) else { return };
        if let Err(rows) = preview.records() {
            self.error(messages::service_error(lang, &ServiceError::RowsRefused(rows)));
            return;
        }
        let Some(service) = &mut self.service else { return };
        match service.store().path().map(Path::to_owned) {
            Some(db) => {
                let actor = service.actor().to_owned();
                self.start_job("job.importing", true, Job::import(db, actor, preview));
            }
            None => {
                let result = service.import(&preview, &mut |_, _| true);
                self.imported(result);
            }
        }
    }

    fn export(&mut self, kind: Kind, csv: bool) {
        let lang = self.state.lang;
        let Some(service) = &self.service else { return };
        let extension = if csv { "csv" } else { "xlsx" };
        let name = format!("{}.{extension}", tr(lang, &format!("exchange.sheet.{}", kind.word())));
        let Some(path) = rfd::FileDialog::new().add_filter(extension, &[extension]).set_file_name(name).save_file() else { return };
        let table = if kind == Kind::Officials {
            self.roster_export_table(service)
        } else {
            crate::service::exports::export_table(service, kind, lang).map_err(|e| messages::store_error(lang, &e))
        };
        let result = table.and_then(|t| write::save(&t, &path).map(|()| t.rows.len()).map_err(|e| messages::exchange_error(lang, &e)));
        match result {
            Ok(rows) => {
                self.state.notice =
                    Some(Notice::Info(i18n::fill(tr(lang, "cli.export_done"), &[&rows.to_string(), &path.display().to_string()])))
            }
            Err(message) => self.error(message),
        }
    }

    /// The roster as the user sees it: the current filter and sort.
    fn roster_export_table(&self, service: &Service) -> Result<write::Table, String> {
        let lang = self.state.lang;
        let Some(data) = &self.state.data else { return Err(String::new()) };
        let db = service.read();
        let all = db.officials().map_err(|e| messages::store_error(lang, &e))?;
        let by_id: std::collections::HashMap<OfficialId, &crate::domain::official::Official> = all.iter().map(|o| (o.id, o)).collect();
        let ordered: Vec<crate::domain::official::Official> =
            data.roster_visible.iter().filter_map(|&i| by_id.get(&data.roster[i as usize].id).map(|o| (*o).clone())).collect();
        Ok(write::officials_table(lang, &data.catalogue, &data.units, &data.posts, &ordered))
    }

    fn carry_forward(&mut self) {
        let lang = self.state.lang;
        let Some(year) = self.state.data.as_ref().map(|d| d.bureau.year) else { return };
        let Some(service) = &mut self.service else { return };
        match service.carry_forward(year, year + 1) {
            Ok(copied) => {
                self.changed = true;
                if let Err(e) = self.load_all() {
                    self.error(messages::store_error(lang, &e));
                    return;
                }
                self.undo.clear();
                self.redo.clear();
                self.state.page = Page::Standards;
                self.state.notice =
                    Some(Notice::Info(i18n::fill(tr(lang, "standards.carried"), &[&copied.to_string(), &(year + 1).to_string()])));
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    /// Lays out a printout for the preview.
    fn print(&mut self, printout: &printing::Printout) {
        let lang = self.state.lang;
        let Some(service) = &self.service else { return };
        match printing::document(service, printout, lang) {
            Ok(None) => self.state.notice = Some(Notice::Info(tr(lang, "home.no_programme").to_owned())),
            Ok(Some(document)) if document.blocks.is_empty() => {
                self.state.notice = Some(Notice::Info(tr(lang, "cli.nothing_to_print").to_owned()))
            }
            Ok(Some(document)) => self.preview(document, printout.paper()),
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    /// Lays `document` out on `paper` and shows it in the print preview.
    fn preview(&mut self, document: report::layout::Document, paper: report::layout::Paper) {
        let pages = report::layout::layout(&document, paper, report::metrics::for_lang(self.state.lang));
        self.state.print = Some(PrintPreview { document, paper, pages, zoom: 0.75, open_after: true });
    }

    fn save_pdf(&mut self, open_after: bool) {
        let lang = self.state.lang;
        let Some(print) = &self.state.print else { return };
        let name = format!("{}.pdf", print.document.title);
        let Some(path) = rfd::FileDialog::new().add_filter("PDF", &["pdf"]).set_file_name(name).save_file() else { return };
        let result = report::pages_pdf(&print.document.title, &print.pages, print.paper, lang)
            .map_err(|e| e.to_string())
            .and_then(|bytes| crate::files::write_atomically(&path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, "notice.saved"), &[&path.display().to_string()])));
                self.state.print = None;
                if open_after && let Err(e) = crate::files::open_with_system(&path) {
                    self.error(e.to_string());
                }
            }
            Err(message) => self.error(message),
        }
    }

    fn save_template(&mut self, kind: Kind) {
        let lang = self.state.lang;
        let Some(data) = &self.state.data else { return };
        let name = format!("{}-{}.xlsx", tr(lang, &format!("exchange.sheet.{}", kind.word())), tr(lang, "exchange.template"));
        let Some(path) = rfd::FileDialog::new().add_filter("xlsx", &["xlsx"]).set_file_name(name).save_file() else { return };
        let result = write::template(kind, lang, &data.catalogue, &data.units)
            .and_then(|bytes| crate::files::write_atomically(&path, &bytes).map_err(Into::into));
        match result {
            Ok(()) => self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, "notice.saved"), &[&path.display().to_string()]))),
            Err(e) => self.error(messages::exchange_error(lang, &e)),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context, intents: &mut Vec<Intent>) {
        if self.state.confirm.is_some() || self.state.job.is_some() {
            return;
        }
        let typing = ctx.egui_wants_keyboard_input();
        let pressed = |modifiers: Modifiers, key: Key| ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(modifiers, key)));
        if pressed(Modifiers::COMMAND, Key::O) {
            intents.push(Intent::ChooseDatabase);
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
                Page::Organisation => Intent::NewPost,
                _ => Intent::NewOfficial,
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

    /// Applies one intent. Public so tests can drive the app the way the views do.
    pub fn handle(&mut self, intent: Intent) {
        let Some(intent) = self
            .apply_people(intent)
            .and_then(|i| self.apply_packages(i))
            .and_then(|i| self.apply_training(i))
            .and_then(|i| self.apply_yearend(i))
        else {
            self.state.can_undo = !self.undo.is_empty();
            self.state.can_redo = !self.redo.is_empty();
            return;
        };
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
                self.prefs.lang = Some(lang);
            }
            Intent::SetDark(dark) => {
                self.state.dark = dark;
                self.prefs.dark = dark;
            }
            Intent::CreateDatabase { path, bureau, year } => self.create_database(&path, &bureau, &year),
            Intent::ChooseNewDatabase => {
                if let Some(path) = database_dialog().set_file_name("nengli.sqlite").save_file() {
                    self.state.welcome.path = path.display().to_string();
                    self.close();
                }
            }
            Intent::ChooseDatabase => {
                if let Some(path) = database_dialog().pick_file() {
                    self.open(&path, OpenMode::Existing);
                }
            }
            Intent::OpenDatabase(path) => self.open(&path, OpenMode::Existing),
            Intent::OpenDemo => self.open_demo(),
            Intent::CloseDatabase => self.close(),
            Intent::SelectUnit(id) => self.select_unit(id),
            Intent::SelectPost(id) => self.select_post(id),
            Intent::NewPost => {
                self.state.page = Page::Organisation;
                let unit = self.state.org.selected_unit;
                self.state.org.selected_post = None;
                self.state.org.post_form = Some((None, PostDraft { unit, headcount: "1".into(), ..Default::default() }));
                self.state.org.post_problems.clear();
            }
            Intent::SelectOfficial(id) => self.select_official(id),
            Intent::NewOfficial => {
                self.state.page = Page::Roster;
                self.state.roster.selected = None;
                let unit = self.state.roster.filter_unit;
                self.state.roster.form = Some((None, OfficialDraft { unit, ..Default::default() }));
                self.state.roster.problems.clear();
            }
            Intent::RosterFilterChanged => {
                let filter = self.state.roster_filter();
                if let Some(data) = &mut self.state.data {
                    data.refilter(&filter);
                }
            }
            Intent::SortRoster(column) => {
                let sort = &mut self.state.roster.sort;
                if sort.column == column {
                    sort.ascending = !sort.ascending;
                } else {
                    *sort = crate::domain::roster::Sort { column, ascending: true };
                }
                let (sort, filter) = (*sort, self.state.roster_filter());
                if let Some(data) = &mut self.state.data {
                    data.resort(sort, &filter);
                }
            }
            Intent::CheckDatabase => {
                let Some(db) = self.db_path() else { return };
                if self.job.is_none() {
                    self.start_job("job.checking", false, Job::check(db));
                }
            }
            Intent::AuditFilterChanged => self.reload_audit(),
            Intent::ChooseAuditExport => {
                let name = format!("{}.xlsx", tr(self.state.lang, "settings.audit"));
                if let Some(path) =
                    rfd::FileDialog::new().add_filter("xlsx", &["xlsx"]).add_filter("csv", &["csv"]).set_file_name(name).save_file()
                {
                    self.handle(Intent::ExportAudit(path));
                }
            }
            Intent::ExportAudit(path) => {
                let lang = self.state.lang;
                let Some(data) = &self.state.data else { return };
                let table = write::audit_table(&data.audit, lang);
                match write::save(&table, &path) {
                    Ok(()) => {
                        self.state.notice = Some(Notice::Info(i18n::fill(
                            tr(lang, "cli.export_done"),
                            &[&table.rows.len().to_string(), &path.display().to_string()],
                        )))
                    }
                    Err(e) => self.error(messages::exchange_error(lang, &e)),
                }
            }
            Intent::SetRetention(retention) => {
                self.state.retention = retention;
                self.prefs.retention = Some(retention);
            }
            Intent::SetBackupEvery(minutes) => {
                self.state.backup_every = minutes;
                self.prefs.backup_every = Some(minutes);
            }
            Intent::DismissNotice => self.state.notice = None,
            Intent::AskConfirm { question, then } => self.state.confirm = Some((question, then)),
            Intent::Confirm(inner) => {
                self.state.confirm = None;
                self.handle(*inner);
            }
            Intent::CancelConfirm => self.state.confirm = None,
            Intent::ChooseImportFile => {
                if let Some(path) = rfd::FileDialog::new().add_filter("xlsx / xls / ods / csv", &["xlsx", "xls", "ods", "csv"]).pick_file()
                {
                    self.handle(Intent::ImportFile(path));
                }
            }
            Intent::ImportFile(path) => {
                if self.job.is_none() && self.service.is_some() {
                    self.start_job("job.reading", true, Job::read(path));
                }
            }
            Intent::RebuildPreview { sheet, kind } => self.rebuild_preview(sheet, kind),
            Intent::SelectRows { all } => {
                if let Some(preview) = self.state.import.as_mut().and_then(|p| p.preview.as_mut()) {
                    for row in &mut preview.rows {
                        row.selected = all || row.change != preview::Change::Refused;
                    }
                }
            }
            Intent::CommitImport => {
                if self.job.is_none() {
                    self.commit_import();
                }
            }
            Intent::DiscardImport => {
                self.state.import = None;
                if self.state.page == Page::Import {
                    self.state.page = Page::Roster;
                }
            }
            Intent::CancelJob => {
                if let Some(job) = &self.job {
                    job.request_cancel();
                }
            }
            Intent::Export { kind, csv } => self.export(kind, csv),
            Intent::Print(printout) => self.print(&printout),
            Intent::SelectStandardPost(post) => self.select_standard_post(post),
            Intent::ShowFigure(measure) => self.state.home_list = measure,
            Intent::SelectMilestone(id) => self.select_milestone(id),
            Intent::BackupNow => self.start_backup(None),
            Intent::ChooseBackupFile => {
                let name = format!("nengli-{}.sqlite", chrono::Local::now().format("%Y%m%d-%H%M"));
                if let Some(path) = database_dialog().set_file_name(name).save_file() {
                    self.handle(Intent::BackupTo(path));
                }
            }
            Intent::BackupTo(path) => self.start_backup(Some(path)),
            Intent::ChooseRestoreFile => {
                if let Some(path) = database_dialog().pick_file() {
                    let question = i18n::fill(tr(self.state.lang, "confirm.restore_file"), &[&path.display().to_string()]);
                    self.handle(Intent::AskConfirm { question, then: Box::new(Intent::RestoreBackup(path)) });
                }
            }
            Intent::RestoreBackup(file) => self.restore_backup(&file),
            Intent::RestoreDamaged { db, backup } => {
                let lang = self.state.lang;
                match crate::backup::restore(&db, &backup, chrono::Local::now().naive_local()) {
                    Ok(_) => {
                        self.state.damaged = None;
                        self.open(&db, OpenMode::Existing);
                    }
                    Err(e) => self.error(messages::store_error(lang, &e)),
                }
            }
            Intent::CarryForward => self.carry_forward(),
            Intent::DraftSeat => {
                let Some(data) = &self.state.data else { return };
                let Some(id) = self.state.roster.selected else { return };
                let Some(row) = data.roster.iter().find(|r| r.id == id) else { return };
                let post = row.post.and_then(|p| data.post(p));
                let standard = row.post.and_then(|p| data.standards.get(&p)).map(|s| &s.data);
                self.state.roster.seat =
                    Some(crate::domain::standards::SeatData::draft(row.post, row.tier, post.map(|p| p.tier), standard, &data.scale));
            }
            Intent::SavePdf { open_after } => self.save_pdf(open_after),
            Intent::ClosePrint => self.state.print = None,
            Intent::SaveTemplate(kind) => self.save_template(kind),
            Intent::Login
            | Intent::CreateFirstAdmin
            | Intent::ChangePassword
            | Intent::LogOut
            | Intent::SelectRound(_)
            | Intent::SelectCheck(_)
            | Intent::AnalysisUnit(_)
            | Intent::SortHeatmap(_)
            | Intent::CreateUser
            | Intent::ResetPassword(_)
            | Intent::SetUserDisabled(..)
            | Intent::CreateUnitAccounts
            | Intent::ExportAccounts => unreachable!("handled by apply_people"),
            Intent::ChooseExportPackages(_)
            | Intent::ChooseImportPackages
            | Intent::TakeConflict(..)
            | Intent::MergePackages
            | Intent::ClosePackageReview
            | Intent::ChoosePackage
            | Intent::OpenPackage(_)
            | Intent::SavePackage { .. }
            | Intent::ClosePackage => unreachable!("handled by apply_packages"),
            Intent::SelectSession(_)
            | Intent::EditSession { .. }
            | Intent::SaveSessionForm
            | Intent::MarkTicked { .. }
            | Intent::AddWalkIn
            | Intent::TrainingScope
            | Intent::ShowClosing(_)
            | Intent::SaveStudyForm
            | Intent::ChooseAttendanceFile
            | Intent::CommitAttendanceImport
            | Intent::DiscardAttendanceImport
            | Intent::SetHours { .. }
            | Intent::SaveTopicForm => unreachable!("handled by apply_training"),
            Intent::SelectYearEnd(_)
            | Intent::YearEndStep(_)
            | Intent::YearEndScope
            | Intent::SetExcellentPercent(_)
            | Intent::PrintYearEnd { .. }
            | Intent::PrintYearEndTo { .. }
            | Intent::SelectReviewUnit(_)
            | Intent::SaveUnitReview => {
                unreachable!("handled by apply_yearend")
            }
        }
        self.state.can_undo = !self.undo.is_empty();
        self.state.can_redo = !self.redo.is_empty();
    }

    fn error(&mut self, message: String) {
        log::warn!("{message}");
        self.state.notice = Some(Notice::Error(message));
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
        let db = service.read();
        let year = data.bureau.year;
        match db.handed_in(year).and_then(|h| Ok((h, db.planned(year)?, db.trained(year)?))) {
            Ok((handed_in, planned, trained)) => (data.handed_in, data.planned, data.trained) = (handed_in, planned, trained),
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
                    match service.read().scale() {
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
            Entity::YearEnd(_) | Entity::UnitReview(_) => {
                self.state.yearend.problems.clear();
                self.reload_yearend();
            }
            Entity::Quotas => {
                self.state.training.topic = None;
                self.state.training.problems.clear();
                self.reload_training();
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

    fn open(&mut self, path: &Path, mode: OpenMode) {
        self.close();
        let lang = self.state.lang;
        let lock = match crate::lock::acquire(path) {
            Ok(lock) => lock,
            Err(e) => {
                let reason = match e {
                    crate::lock::LockError::Busy => tr(lang, "error.open_elsewhere").to_owned(),
                    crate::lock::LockError::Io(e) => e.to_string(),
                };
                self.error(i18n::fill(tr(lang, "error.open"), &[&path.display().to_string(), &reason]));
                return;
            }
        };
        let store = match Store::open(path, mode) {
            Ok(store) => store,
            Err(StoreError::Damaged(detail)) => {
                log::error!("open {}: damaged ({detail})", path.display());
                drop(lock);
                match crate::backup::set_aside(path, "damaged", chrono::Local::now().naive_local()) {
                    Ok(moved) => self.state.damaged = Some((path.to_owned(), moved, crate::backup::newest_good(path))),
                    Err(e) => self.error(e.to_string()),
                }
                self.error(i18n::fill(
                    tr(lang, "error.open"),
                    &[&path.display().to_string(), &messages::store_error(lang, &StoreError::Damaged(detail))],
                ));
                return;
            }
            Err(e) => {
                log::error!("open {}: {e}", path.display());
                self.error(i18n::fill(tr(lang, "error.open"), &[&path.display().to_string(), &messages::store_error(lang, &e)]));
                return;
            }
        };
        log::info!("opened {}", path.display());
        self.changed = false;
        let actor = std::env::var("USERNAME").or_else(|_| std::env::var("USER")).unwrap_or_else(|_| "user".into());
        let network_share = store.on_network_share();
        let service = Service::new(store, actor);
        match service.read().bureau() {
            Ok(Some(_)) => {}
            Ok(None) => {
                // An empty file: offer to set it up.
                self.state.welcome.path = path.display().to_string();
                self.state.notice = Some(Notice::Info(tr(lang, "notice.empty_database").to_owned()));
                return;
            }
            Err(e) => {
                self.error(messages::store_error(lang, &e));
                return;
            }
        }
        self.service = Some(service);
        self.lock = Some(lock);
        self.prefs.remember(path.to_owned());
        self.state.recent = self.prefs.recent.clone();
        if let Err(e) = self.load_all() {
            self.service = None;
            self.state.data = None;
            self.error(messages::store_error(lang, &e));
            return;
        }
        self.require_login();
        if network_share {
            self.state.notice = Some(Notice::Info(tr(lang, "notice.network_share").to_owned()));
        }
        // The backup at open starts once the pages have their data, so it does not slow the load.
        self.spawn_backup(path, "at open");
    }

    fn close(&mut self) {
        self.state.session = None;
        self.state.selfcheck = Default::default();
        self.state.analysis = Default::default();
        self.state.users = Default::default();
        self.service = None;
        self.lock = None;
        self.state.data = None;
        self.undo.clear();
        self.redo.clear();
        self.state.org = Default::default();
        self.state.roster = Default::default();
        self.state.settings = Default::default();
    }

    fn create_database(&mut self, path: &Path, bureau: &str, year: &str) {
        let lang = self.state.lang;
        let Ok(year) = year.trim().parse::<i32>() else {
            self.state.welcome.problems =
                vec![FieldProblem::new(crate::domain::Field::Year, crate::domain::Problem::OutOfRange { min: 2000, max: 2100 })];
            return;
        };
        self.close();
        let result = Store::open(path, OpenMode::Create).map_err(ServiceError::from).and_then(|store| {
            let mut service = Service::new(store, "admin");
            service.init_bureau(bureau, year, &Catalogue::shipped())?;
            Ok(())
        });
        match result {
            Ok(()) => {
                self.state.welcome.problems.clear();
                self.open(path, OpenMode::Existing);
            }
            Err(ServiceError::Invalid(problems)) => self.state.welcome.problems = problems,
            Err(other) => {
                self.error(i18n::fill(tr(lang, "error.open"), &[&path.display().to_string(), &messages::service_error(lang, &other)]))
            }
        }
    }

    fn open_demo(&mut self) {
        let path = self.demo_db.clone();
        self.close();
        let ready = Store::open(&path, OpenMode::Create).map_err(ServiceError::from).and_then(|store| {
            let mut service = Service::new(store, "demo");
            if service.read().bureau()?.is_none() {
                seed::demo(&mut service)?;
            }
            Ok(())
        });
        match ready {
            Ok(()) => self.open(&path, OpenMode::Existing),
            Err(e) => self.error(messages::service_error(self.state.lang, &e)),
        }
    }

    fn load_all(&mut self) -> Result<(), StoreError> {
        let Some(service) = &self.service else { return Ok(()) };
        let db = service.read();
        let Some(bureau) = db.bureau()? else { return Ok(()) };
        let bureau_year = bureau.year;
        let mut data = Data {
            path: service.store().path().map(Path::to_owned).unwrap_or_default(),
            network_share: service.store().on_network_share(),
            bureau,
            catalogue: db.catalogue()?,
            units: Vec::new(),
            unit_tree: Vec::new(),
            posts: db.posts()?,
            post_holders: Default::default(),
            roster: Vec::new(),
            roster_order: Vec::new(),
            roster_visible: Vec::new(),
            audit: Vec::new(),
            scale: db.scale()?,
            standards: db.standards(bureau_year)?.into_iter().map(|s| (s.post, s)).collect(),
            seats: db.seat_statements(bureau_year)?.into_iter().map(|s| (s.official, s)).collect(),
            handed_in: db.handed_in(bureau_year)?,
            planned: db.planned(bureau_year)?,
            trained: db.trained(bureau_year)?,
            programme: db.programme(bureau_year)?,
            today: service.today(),
            figures: Vec::new(),
            completion: Vec::new(),
        };
        data.set_units(db.units()?);
        let filter = self.state.roster_filter();
        data.set_roster(db.roster_rows()?, self.state.roster.sort, &filter);
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

    fn select_milestone(&mut self, id: Option<i64>) {
        let page = &mut self.state.programme;
        page.selected = id;
        page.problem = None;
        let Some(data) = &self.state.data else { return };
        let milestone = id.and_then(|id| data.programme.as_ref()?.phases.iter().flat_map(|p| &p.milestones).find(|m| m.id == id));
        if let Some(m) = milestone {
            page.form = super::state::MilestoneForm {
                unit: m.data.unit,
                lead: m.data.lead.clone(),
                due: crate::domain::dates::format_date(m.data.due),
                status: Some(m.data.status),
                done_on: m.data.done_on.map(crate::domain::dates::format_date).unwrap_or_default(),
                notes: m.data.notes.clone(),
                evidence: m.data.evidence.clone(),
            };
        }
    }

    fn reload_backups(&mut self) {
        let Some(path) = self.db_path() else { return };
        match crate::backup::list(&path) {
            Ok(backups) => self.state.settings.backups = backups,
            Err(e) => self.error(e.to_string()),
        }
    }

    fn restore_backup(&mut self, file: &Path) {
        let lang = self.state.lang;
        self.wait_for_backup();
        let Some(db) = self.db_path() else { return };
        self.close();
        match crate::backup::restore(&db, file, chrono::Local::now().naive_local()) {
            Ok(aside) => {
                self.open(&db, OpenMode::Existing);
                self.state.notice = Some(Notice::Info(i18n::fill(
                    tr(lang, "cli.restore_done"),
                    &[&file.display().to_string(), &aside.display().to_string()],
                )));
            }
            Err(e) => {
                self.open(&db, OpenMode::Existing);
                self.error(messages::store_error(lang, &e));
            }
        }
        self.state.page = Page::Settings;
        self.reload_backups();
    }

    fn reload_programme(&mut self) {
        let Some(service) = &self.service else { return };
        let Some(data) = &mut self.state.data else { return };
        match service.read().programme(data.bureau.year) {
            Ok(programme) => data.programme = programme,
            Err(e) => {
                let message = messages::store_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    /// Reloads the programme year's standards and seat statements.
    fn reload_year_data(&mut self) {
        let Some(service) = &self.service else { return };
        let db = service.read();
        let Some(data) = &mut self.state.data else { return };
        let year = data.bureau.year;
        let result = (|| -> Result<(), StoreError> {
            data.standards = db.standards(year)?.into_iter().map(|s| (s.post, s)).collect();
            data.seats = db.seat_statements(year)?.into_iter().map(|s| (s.official, s)).collect();
            Ok(())
        })();
        if let Err(e) = result {
            let message = messages::store_error(self.state.lang, &e);
            self.error(message);
        }
    }

    fn select_standard_post(&mut self, post: Option<crate::domain::PostId>) {
        let page = &mut self.state.standards;
        page.selected = post;
        page.problems.clear();
        page.compare_with = None;
        page.copy_from = None;
        let Some(data) = &self.state.data else { return };
        page.draft = post.and_then(|id| {
            let post = data.post(id)?;
            Some(
                data.standards
                    .get(&id)
                    .map(|s| s.data.clone())
                    .unwrap_or_else(|| crate::domain::standards::StandardData::draft(post.tier, &data.scale)),
            )
        });
    }

    fn reload(&mut self, units: bool, posts: bool, roster: bool) {
        let Some(service) = &self.service else { return };
        let db = service.read();
        let filter = self.state.roster_filter();
        let sort = self.state.roster.sort;
        let Some(data) = &mut self.state.data else { return };
        let result = (|| -> Result<(), StoreError> {
            if units {
                data.set_units(db.units()?);
            }
            if posts {
                data.set_posts(db.posts()?);
            }
            if roster {
                data.set_roster(db.roster_rows()?, sort, &filter);
            }
            Ok(())
        })();
        if let Err(e) = result {
            let message = messages::store_error(self.state.lang, &e);
            self.error(message);
        }
    }

    /// Replaces, adds or removes one official's roster row, then re-sorts.
    fn patch_roster(&mut self, id: OfficialId) {
        let Some(service) = &self.service else { return };
        let row = match service.read().roster_row(id) {
            Ok(row) => row,
            Err(e) => {
                let message = messages::store_error(self.state.lang, &e);
                self.error(message);
                return;
            }
        };
        let filter = self.state.roster_filter();
        let sort = self.state.roster.sort;
        let Some(data) = &mut self.state.data else { return };
        let mut rows = std::mem::take(&mut data.roster);
        rows.retain(|r| r.id != id);
        rows.extend(row);
        data.set_roster(rows, sort, &filter);
    }

    fn reload_audit(&mut self) {
        let Some(service) = &self.service else { return };
        // A date that is not a real day is marked under its field; the list stays as it was.
        let Ok(filter) = self.state.settings.audit_filter.parse() else { return };
        match service.read().audit_find(&filter, AUDIT_SHOWN) {
            Ok(rows) => {
                if let Some(data) = &mut self.state.data {
                    data.audit = rows;
                    self.state.settings.audit_selected = None;
                }
            }
            Err(e) => {
                let message = messages::store_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    fn load_unit_form(&mut self, id: crate::domain::UnitId) {
        let Some(unit) = self.state.data.as_ref().and_then(|d| d.unit(id)).cloned() else { return };
        let org = &mut self.state.org;
        org.unit_name = unit.name.clone();
        org.unit_kind = Some(unit.kind);
        org.move_to = unit.parent;
    }

    fn select_unit(&mut self, id: crate::domain::UnitId) {
        if self.state.org.selected_unit != Some(id) {
            self.state.org.selected_post = None;
            self.state.org.post_form = None;
            self.state.org.child_name.clear();
        }
        self.state.org.selected_unit = Some(id);
        self.state.org.unit_problems.clear();
        let is_root = self.state.data.as_ref().and_then(|d| d.unit(id)).is_some_and(|u| u.parent.is_none());
        self.state.org.child_kind =
            Some(if is_root { crate::domain::catalogue::UnitKind::Section } else { crate::domain::catalogue::UnitKind::Team });
        self.load_unit_form(id);
    }

    fn select_post(&mut self, id: Option<crate::domain::PostId>) {
        let org = &mut self.state.org;
        org.selected_post = id;
        org.post_problems.clear();
        org.post_form = id.and_then(|id| self.state.data.as_ref()?.post(id)).map(|p| (Some(p.id), PostDraft::from_post(p)));
    }

    fn select_official(&mut self, id: Option<OfficialId>) {
        self.state.roster.selected = id;
        self.state.roster.problems.clear();
        self.state.roster.form = None;
        self.state.roster.seat = id.and_then(|id| self.state.data.as_ref()?.seats.get(&id)).map(|s| s.data.clone());
        let Some(id) = id else { return };
        let Some(service) = &self.service else { return };
        match service.read().official(id) {
            Ok(Some(official)) => self.state.roster.form = Some((Some(id), OfficialDraft::from_official(&official))),
            Ok(None) => {}
            Err(e) => {
                let message = messages::store_error(self.state.lang, &e);
                self.error(message);
            }
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

/// The form whose fields a refused command's problems belong under; every command is placed.
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
            | OrgCommand::RestoreUnit(_) => Form::Unit,
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
            // The study-record form sits on the self-check page's plan tab.
            TrainingCommand::SaveStudyRecord { .. }
            | TrainingCommand::DeleteStudyRecord { .. }
            | TrainingCommand::RestoreStudyRecord(_) => Form::SelfCheck,
            TrainingCommand::SaveSession { .. }
            | TrainingCommand::DeleteSession { .. }
            | TrainingCommand::RestoreSession(_)
            | TrainingCommand::SetAttendance { .. }
            | TrainingCommand::SaveQuotaRules(_)
            | TrainingCommand::SaveTopic { .. }
            | TrainingCommand::DeleteTopic { .. }
            | TrainingCommand::RestoreTopic(_) => Form::Training,
        },
        Command::YearEnd(_) => Form::YearEnd,
    }
}
