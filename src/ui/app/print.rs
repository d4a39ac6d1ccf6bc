//! The print preview's intents: a printout laid out for preview, saved as a PDF, closed.

use super::NengliApp;
use crate::i18n;
use crate::i18n::tr;
use crate::messages;
use crate::report;
use crate::service::printing;
use crate::ui::intent::PrintIntent;
use crate::ui::state::Notice;
use crate::ui::state::PrintPreview;

impl NengliApp {
    /// Carries out what the print page asked for.
    pub(super) fn handle_print(&mut self, intent: PrintIntent) {
        match intent {
            PrintIntent::Print(printout) => self.print(&printout),
            PrintIntent::SavePdf { open_after } => self.save_pdf(open_after),
            PrintIntent::ClosePrint => self.state.print = None,
        }
    }

    /// Lays out a printout for the preview.
    pub(super) fn print(&mut self, printout: &printing::Printout) {
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
    pub(super) fn preview(&mut self, document: report::layout::Document, paper: report::layout::Paper) {
        let pages = report::layout::layout(&document, paper, report::metrics::for_lang(self.state.lang));
        self.state.print = Some(PrintPreview { document, paper, pages, zoom: 0.75, open_after: true });
    }

    pub(super) fn save_pdf(&mut self, open_after: bool) {
        let lang = self.state.lang;
        let Some(name) = self.state.print.as_ref().map(|print| format!("{}.pdf", print.document.title)) else { return };
        let Some(path) = rfd::FileDialog::new().add_filter("PDF", &["pdf"]).set_file_name(name).save_file() else { return };
        if self.target_refused(&path, false) {
            return;
        }
        let Some(print) = &self.state.print else { return };
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
}
