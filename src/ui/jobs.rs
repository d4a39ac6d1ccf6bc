//! Long work off the UI thread: reading a spreadsheet, committing an import, taking a backup and checking the database
//! run on named worker threads that report progress over a channel and stop when asked, leaving
//! nothing half-stored (the import's transaction rolls back).

use crate::domain::backups::Retention;
use crate::exchange::read::Sheet;
use crate::exchange::{self, preview::Preview};
use crate::service::{ImportSummary, Service, ServiceError};
use crate::store::{CheckProblem, OpenMode, Store, StoreError};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

/// What a finished job hands back.
pub enum Outcome {
    Read {
        path: PathBuf,
        sheets: Result<Vec<Sheet>, exchange::ExchangeError>,
    },
    Imported(Result<ImportSummary, ServiceError>),
    /// The verified copy's path.
    BackedUp(Result<PathBuf, StoreError>),
    /// What the full check found (empty: all well).
    Checked(Result<Vec<CheckProblem>, StoreError>),
}

/// A message from a worker.
pub enum Message {
    Progress { done: usize, total: usize },
    Finished(Outcome),
}

/// A running job: its messages and its cancel flag.
pub struct Job {
    pub messages: Receiver<Message>,
    pub cancel: Arc<AtomicBool>,
}

impl Job {
    fn spawn(name: &str, work: impl FnOnce(&Sender<Message>, &AtomicBool) -> Outcome + Send + 'static) -> std::io::Result<Job> {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        std::thread::Builder::new().name(name.to_owned()).spawn(move || {
            let outcome = work(&tx, &flag);
            let _ = tx.send(Message::Finished(outcome));
        })?;
        Ok(Job { messages: rx, cancel })
    }

    /// Reads and parses a spreadsheet file.
    pub fn read(path: PathBuf) -> std::io::Result<Job> {
        Job::spawn("read-spreadsheet", move |_, _| {
            let sheets = exchange::read_file(&path);
            Outcome::Read { path, sheets }
        })
    }

    /// Commits `preview` through a connection of its own to the database at `db`.
    pub fn import(db: PathBuf, actor: String, preview: Preview) -> std::io::Result<Job> {
        Job::spawn("import", move |tx, cancel| {
            let result = Store::open(&db, OpenMode::Existing).map_err(ServiceError::from).and_then(|store| {
                Service::new(store, actor).import(&preview, &mut |done, total| {
                    let _ = tx.send(Message::Progress { done, total });
                    !cancel.load(Ordering::Relaxed)
                })
            });
            Outcome::Imported(result)
        })
    }

    /// Takes a verified backup of the database at `db` through a connection of its own: into its
    /// backups folder (pruned by `retention`), or to `dest`.
    pub fn backup(db: PathBuf, dest: Option<PathBuf>, retention: Retention) -> std::io::Result<Job> {
        Job::spawn("backup", move |_, _| {
            let result = Store::open(&db, OpenMode::Existing).and_then(|store| match dest {
                Some(dest) => store.backup_to(&dest).map(|()| dest),
                None => crate::backup::take(&store, chrono::Local::now().naive_local(), retention),
            });
            Outcome::BackedUp(result)
        })
    }

    /// Runs the full check (`integrity_check`, `foreign_key_check`, the audit chain) of the
    /// database at `db` through a connection of its own.
    pub fn check(db: PathBuf) -> std::io::Result<Job> {
        Job::spawn("check", move |_, _| Outcome::Checked(Store::open(&db, OpenMode::Existing).and_then(|store| store.check())))
    }

    pub fn request_cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}
