//! The print preview's intents: a printout laid out for preview (in the print language, which
//! the preview's bar may change), saved as a PDF under a name that says whose it is, closed.

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
            PrintIntent::PrintLang(lang) => {
                self.state.print_lang = lang;
                if let Some(printout) = self.state.print.as_ref().and_then(|p| p.printout.clone()) {
                    self.print(&printout);
                }
            }
        }
    }

    /// Lays out a printout for the preview, in the print language.
    pub(super) fn print(&mut self, printout: &printing::Printout) {
        let lang = self.state.lang;
        let print_lang = self.state.print_lang;
        let Some(service) = &self.service else { return };
        let warning = printing::empty_year(service, printout)
            .ok()
            .flatten()
            .map(|year| i18n::fill(tr(lang, "print.empty_year"), &[&year.to_string()]));
        let name = printing::file_name(service, printout, print_lang);
        match printing::document(service, printout, print_lang) {
            Ok(None) => self.state.notice = Some(Notice::Info(printing::nothing_made(printout, lang))),
            Ok(Some(document)) if document.blocks.is_empty() => {
                self.state.notice = Some(Notice::Info(tr(lang, "cli.nothing_to_print").to_owned()))
            }
            Ok(Some(document)) => {
                let pages = report::layout::layout(&document, printout.paper(), report::metrics::for_lang(print_lang));
                let file_name = name.unwrap_or_else(|| crate::files::safe_file_name(&document.title));
                let zoom = self.state.print.as_ref().map_or(0.75, |p| p.zoom);
                self.state.print = Some(PrintPreview {
                    printout: Some(printout.clone()),
                    lang: print_lang,
                    document,
                    paper: printout.paper(),
                    pages,
                    zoom,
                    open_after: true,
                    file_name,
                });
                if let Some(warning) = warning {
                    self.state.notice = Some(Notice::Info(warning));
                }
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
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
        let result = report::pages_pdf(&print.document.title, &print.pages, print.paper, print.lang)
            .map_err(|e| messages::pdf_error(lang, &e))
            .and_then(|bytes| crate::files::write_atomically(&path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                let shown = path.display().to_string();
                self.state.print = None;
                // The file is saved either way: a viewer that cannot start is worth a word, not a failure.
                let key =
                    if open_after && crate::files::open_with_system(&path).is_err() { "notice.saved_unopened" } else { "notice.saved" };
                self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, key), &[&shown])));
            }
            Err(message) => self.error(message),
        }
    }
}
