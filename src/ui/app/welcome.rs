//! The welcome page and the File menu's database commands: a new bureau, the demo, opening
//! (with the lock, the integrity check and the damaged-file path) and closing a database.

use super::NengliApp;
use crate::domain::catalogue::Catalogue;
use crate::domain::problem::FieldProblem;
use crate::i18n;
use crate::i18n::tr;
use crate::messages;
use crate::service::Service;
use crate::service::ServiceError;
use crate::service::seed;
use crate::store::OpenMode;
use crate::store::Store;
use crate::store::StoreError;
use crate::ui::intent::WelcomeIntent;
use crate::ui::state::Notice;
use std::path::Path;

impl NengliApp {
    /// Carries out what the welcome page asked for.
    pub(super) fn handle_welcome(&mut self, intent: WelcomeIntent) {
        match intent {
            WelcomeIntent::CreateDatabase { path, bureau, year } => self.create_database(&path, &bureau, &year),
            WelcomeIntent::ChooseNewDatabase => {
                if let Some(path) = self.pick(|| super::database_dialog().set_file_name("nengli.sqlite").save_file()) {
                    self.state.welcome.path = path.display().to_string();
                    self.close();
                }
            }
            WelcomeIntent::ChooseDatabase => {
                if let Some(path) = self.pick(|| super::database_dialog().pick_file()) {
                    self.open(&path, OpenMode::Existing);
                }
            }
            WelcomeIntent::OpenDatabase(path) => self.open(&path, OpenMode::Existing),
            WelcomeIntent::OpenDemo => self.open_demo(),
            WelcomeIntent::CloseDatabase => self.close(),
            WelcomeIntent::RestoreDamaged { db, backup } => {
                let lang = self.state.lang;
                match crate::backup::restore(&db, &backup, chrono::Local::now().naive_local()) {
                    Ok(_) => {
                        self.state.damaged = None;
                        self.open(&db, OpenMode::Existing);
                    }
                    Err(e) => self.error(messages::store_error(lang, &e)),
                }
            }
        }
    }

    pub(super) fn open(&mut self, path: &Path, mode: OpenMode) {
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
        match service.bureau() {
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

    pub(super) fn close(&mut self) {
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

    pub(super) fn create_database(&mut self, path: &Path, bureau: &str, year: &str) {
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

    pub(super) fn open_demo(&mut self) {
        let path = self.demo_db.clone();
        self.close();
        let ready = Store::open(&path, OpenMode::Create).map_err(ServiceError::from).and_then(|store| {
            let mut service = Service::new(store, "demo");
            if service.bureau()?.is_none() {
                seed::demo(&mut service)?;
            }
            Ok(())
        });
        match ready {
            Ok(()) => self.open(&path, OpenMode::Existing),
            Err(e) => self.error(messages::service_error(self.state.lang, &e)),
        }
    }
}
