//! The print preview's intents: a printout opened for preview (in the print language, which
//! the preview's bar may change) a window of sheets at a time, paged through, saved as a PDF
//! under a name that says whose it is (a long one on a worker thread), closed.

use super::NengliApp;
use crate::i18n;
use crate::i18n::tr;
use crate::messages;
use crate::report;
use crate::service::preview;
use crate::service::printing;
use crate::ui::intent::PrintIntent;
use crate::ui::jobs::Job;
use crate::ui::state::Notice;
use crate::ui::state::PrintPreview;

impl NengliApp {
    /// Carries out what the print page asked for.
    pub(super) fn handle_print(&mut self, intent: PrintIntent) {
        match intent {
            PrintIntent::Print(printout) => self.print(&printout),
            PrintIntent::SavePdf { open_after } => self.save_pdf(open_after),
            PrintIntent::ClosePrint => self.state.print = None,
            PrintIntent::PrintLang(lang) => {
                self.state.print_lang = lang;
                if let Some(printout) = self.state.print.as_ref().map(|p| p.preview.printout.clone()) {
                    self.print(&printout);
                }
            }
            PrintIntent::PrintWindow(first) => self.print_window(first),
        }
    }

    /// Opens a printout in the preview, in the print language, with its first window of sheets
    /// laid out.
    pub(super) fn print(&mut self, printout: &printing::Printout) {
        let lang = self.state.lang;
        let print_lang = self.state.print_lang;
        let Some(service) = &self.service else { return };
        let warning = printing::empty_year(service, printout)
            .ok()
            .flatten()
            .map(|year| i18n::fill(tr(lang, "print.empty_year"), &[&year.to_string()]));
        let name = printing::file_name(service, printout, print_lang);
        let made = preview::preview(service, printout, print_lang)
            .and_then(|p| match p {
                Some(p) if !p.is_empty() => p.pages(service, 0).map(|pages| Some((p, pages))),
                other => Ok(other.map(|p| (p, Vec::new()))),
            })
            .map_err(|e| messages::service_error(lang, &e));
        match made {
            Ok(None) => self.state.notice = Some(Notice::Info(printing::nothing_made(printout, lang))),
            Ok(Some((preview, _))) if preview.is_empty() => {
                self.state.notice = Some(Notice::Info(tr(lang, "cli.nothing_to_print").to_owned()))
            }
            Ok(Some((preview, pages))) => {
                let file_name = name.unwrap_or_else(|| crate::files::safe_file_name(&preview.title));
                let zoom = self.state.print.as_ref().map_or(0.75, |p| p.zoom);
                self.state.print = Some(PrintPreview { preview, first: 0, pages, zoom, open_after: true, file_name });
                if let Some(warning) = warning {
                    self.state.notice = Some(Notice::Info(warning));
                }
            }
            Err(message) => self.error(message),
        }
    }

    /// Lays out the preview's window of sheets starting at `first`, in place of the one shown.
    fn print_window(&mut self, first: usize) {
        let lang = self.state.lang;
        let (Some(service), Some(print)) = (&self.service, &mut self.state.print) else { return };
        let first = print.preview.window(first).start;
        match print.preview.pages(service, first) {
            Ok(pages) => {
                print.first = first;
                print.pages = pages;
            }
            Err(e) => {
                let message = messages::service_error(lang, &e);
                self.error(message);
            }
        }
    }

    pub(super) fn save_pdf(&mut self, open_after: bool) {
        let lang = self.state.lang;
        let Some(name) = self.state.print.as_ref().map(|print| format!("{}.pdf", print.file_name)) else { return };
        let Some(path) = self.pick(|| rfd::FileDialog::new().add_filter("PDF", &["pdf"]).set_file_name(name).save_file()) else {
            return;
        };
        if self.target_refused(&path, false) {
            return;
        }
        let Some(print) = &self.state.print else { return };
        if !print.preview.whole() {
            // More sheets than the window: laid out and written a chunk at a time on a worker
            // thread, with progress and Stop.
            return self.save_preview_to(path, open_after);
        }
        let preview = &print.preview;
        let result = report::pages_pdf(&preview.title, &print.pages, preview.paper, preview.lang)
            .map_err(|e| messages::pdf_error(lang, &e))
            .and_then(|bytes| crate::files::write_atomically(&path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => self.saved(&path, open_after),
            Err(message) => self.error(message),
        }
    }

    /// Writes the whole previewed printout into `path` as a job with progress and Stop.
    fn save_preview_to(&mut self, path: std::path::PathBuf, open_after: bool) {
        if self.job.is_some() {
            return;
        }
        let (Some(print), Some(service), Some(db)) = (self.state.print.take(), &self.service, self.db_path()) else { return };
        let job = Job::save_preview(db, service.acting(), print.preview, path, self.state.lang, open_after);
        self.start_job("job.printing", true, job);
    }

    /// Says where a PDF was saved and opens it if asked (a viewer that cannot start is worth a
    /// word, not a failure: the file is saved either way).
    pub(super) fn saved(&mut self, path: &std::path::Path, open_after: bool) {
        let lang = self.state.lang;
        let shown = path.display().to_string();
        self.state.print = None;
        let key = if open_after && crate::files::open_with_system(path).is_err() { "notice.saved_unopened" } else { "notice.saved" };
        self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, key), &[&shown])));
    }
}
