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
    /// Where a long print went and how many sheets it holds, or why it did not happen (in the
    /// user's language).
    Printed(Result<(PathBuf, usize), String>),
    /// Where a previewed printout was saved (to open it if `open_after`), or why it was not.
    Saved {
        result: Result<PathBuf, String>,
        open_after: bool,
    },
}

/// A year-end print to run off the window's thread.
pub struct YearEndPrint {
    pub sheets: crate::service::printing::YearEndSheets,
    /// A folder for one file per person, or else one file.
    pub split: bool,
    pub dest: PathBuf,
    /// The language of messages…
    pub lang: crate::domain::Lang,
    /// …and of the forms.
    pub print_lang: crate::domain::Lang,
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

    /// Runs the full check (`integrity_check`, `foreign_key_check`, texts, the audit chain) of
    /// the database at `db` through a read-only connection of its own.
    pub fn check(db: PathBuf) -> std::io::Result<Job> {
        Job::spawn("check", move |_, _| Outcome::Checked(crate::store::check_file(&db)))
    }

    /// Prints year-end forms through a connection of its own, acting as `acting`: sheets are
    /// laid out and painted a chunk at a time, progress is sent per sheet, and a stop leaves no
    /// file (or, one file per person, the files written so far).
    pub fn print_yearend(db: PathBuf, acting: crate::service::Acting, print: YearEndPrint) -> std::io::Result<Job> {
        use crate::service::printing::YearEndBatch;
        Job::spawn("print", move |tx, cancel| {
            let lang = print.lang;
            let batch = Store::open(&db, OpenMode::Existing)
                .map_err(|e| crate::messages::store_error(lang, &e))
                .map(|store| Service::acting_as(store, acting))
                .and_then(|service| {
                    let sheets = &print.sheets;
                    YearEndBatch::read(&service, sheets.year, sheets.scope, &sheets.staff, print.print_lang)
                        .map_err(|e| crate::messages::service_error(lang, &e))
                });
            let result = batch.and_then(|batch| {
                if batch.is_empty() {
                    return Err(crate::i18n::tr(lang, "cli.nothing_to_print").to_owned());
                }
                let total = batch.len();
                let mut progress = |done| {
                    let _ = tx.send(Message::Progress { done, total });
                    !cancel.load(Ordering::Relaxed)
                };
                let title = batch.title();
                let written = if print.split {
                    crate::report::write_pdf_files(
                        &print.dest,
                        &title,
                        batch.named_documents(),
                        print.sheets.paper,
                        batch.lang(),
                        &mut progress,
                    )
                } else {
                    crate::report::write_pdf_file(&print.dest, &title, batch.documents(), print.sheets.paper, batch.lang(), &mut progress)
                        .map(|_| total)
                };
                written.map(|count| (print.dest, count)).map_err(|e| crate::messages::pdf_error(lang, &e))
            });
            Outcome::Printed(result)
        })
    }

    /// Saves a previewed printout too long for one window into `dest` through a connection of
    /// its own, acting as `acting` ([`crate::service::preview::save_pdf`]: a part at a time, with
    /// progress per sheet; a stop or a failure leaves no file).
    pub fn save_preview(
        db: PathBuf,
        acting: crate::service::Acting,
        preview: crate::service::preview::Preview,
        dest: PathBuf,
        lang: crate::domain::Lang,
        open_after: bool,
    ) -> std::io::Result<Job> {
        Job::spawn("print", move |tx, cancel| {
            let total = preview.len();
            let mut progress = |done: usize| {
                let _ = tx.send(Message::Progress { done, total });
                !cancel.load(Ordering::Relaxed)
            };
            let result = Store::open(&db, OpenMode::Existing)
                .map_err(ServiceError::from)
                .and_then(|store| crate::service::preview::save_pdf(&Service::acting_as(store, acting), &preview, &dest, &mut progress))
                .map(|_| dest)
                .map_err(|e| crate::messages::service_error(lang, &e));
            Outcome::Saved { result, open_after }
        })
    }

    pub fn request_cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}
