//! Spreadsheets and 任免審批表 files in and out: the import preview (read on a worker, rebuilt for another sheet or
//! kind), its commit, the exports and the templates.

use super::NengliApp;
use crate::domain::OfficialId;
use crate::exchange::Kind;
use crate::exchange::preview;
use crate::exchange::write;
use crate::i18n;
use crate::i18n::tr;
use crate::messages;
use crate::service::Service;
use crate::service::ServiceError;
use crate::ui::intent::ImportIntent;
use crate::ui::intent::Intent;
use crate::ui::jobs::Job;
use crate::ui::state::Notice;
use crate::ui::state::Page;
use std::path::Path;

impl NengliApp {
    /// Carries out what the import page asked for.
    pub(super) fn handle_import(&mut self, intent: ImportIntent) {
        match intent {
            ImportIntent::ChooseImportFile => {
                if let Some(path) =
                    self.pick(|| rfd::FileDialog::new().add_filter("xlsx / xls / ods / csv", &["xlsx", "xls", "ods", "csv"]).pick_file())
                {
                    self.handle(Intent::Import(ImportIntent::ImportFile(path)));
                }
            }
            ImportIntent::ChooseCadreFiles { folder } => {
                let dialog = rfd::FileDialog::new();
                let chosen = if folder {
                    dialog.pick_folder().map(|dir| vec![dir])
                } else {
                    dialog.add_filter("lrmx / lrm", &["lrmx", "lrm"]).pick_files()
                };
                if let Some(paths) = chosen.filter(|p| !p.is_empty()) {
                    self.handle(Intent::Import(ImportIntent::ImportCadre(paths)));
                }
            }
            ImportIntent::ImportCadre(paths) => self.preview_cadre(&paths),
            ImportIntent::ImportFile(path) => {
                if self.job.is_none() && self.service.is_some() {
                    self.start_job("job.reading", true, Job::read(path));
                }
            }
            ImportIntent::RebuildPreview { sheet, kind } => self.rebuild_preview(sheet, kind),
            ImportIntent::SetHeaderRow(line) => {
                if let Some(page) = &mut self.state.import {
                    page.options.header_line = line;
                    let (sheet, kind) = (page.sheet, page.kind);
                    self.rebuild_preview(sheet, kind);
                }
            }
            ImportIntent::SetDotOne { field, choice } => {
                if let Some(page) = &mut self.state.import {
                    page.options.dot_one.insert(field, choice);
                    let (sheet, kind) = (page.sheet, page.kind);
                    self.rebuild_preview(sheet, kind);
                }
            }
            ImportIntent::TakeHiddenColumn { column, take } => {
                if let Some(page) = &mut self.state.import {
                    if take {
                        page.options.hidden_columns_taken.insert(column);
                    } else {
                        page.options.hidden_columns_taken.remove(&column);
                    }
                    let (sheet, kind) = (page.sheet, page.kind);
                    self.rebuild_preview(sheet, kind);
                }
            }
            ImportIntent::SelectRows { all } => {
                if let Some(preview) = self.state.import.as_mut().and_then(|p| p.preview.as_mut()) {
                    for row in &mut preview.rows {
                        row.selected = all || row.change != preview::Change::Refused;
                    }
                }
            }
            ImportIntent::CommitImport => {
                if self.job.is_none() {
                    self.commit_import();
                }
            }
            ImportIntent::DiscardImport => {
                self.state.import = None;
                if self.state.page == Page::Import {
                    self.state.page = Page::Roster;
                }
            }
            ImportIntent::Export { kind, csv } => self.export(kind, csv),
            ImportIntent::SaveTemplate(kind) => self.save_template(kind),
        }
    }

    /// Reads 任免審批表 files (each path a file or a folder of them) into the import page's
    /// preview, as the spreadsheet import shows its rows.
    fn preview_cadre(&mut self, paths: &[std::path::PathBuf]) {
        let lang = self.state.lang;
        let Some(service) = &self.service else { return };
        let mut sources = Vec::new();
        for path in paths {
            match crate::service::cadre::read_cadre_sources(path) {
                Ok(read) => sources.extend(read),
                Err(e) => return self.error(messages::service_error(lang, &e)),
            }
        }
        sources.truncate(crate::service::cadre::MAX_FILES);
        let lookup = match service.cadre_lookup(&sources) {
            Ok(lookup) => lookup,
            Err(e) => return self.error(messages::service_error(lang, &e)),
        };
        let file = match paths {
            [one] => crate::exchange::display_name(one),
            _ => i18n::fill(tr(lang, "import.cadre_files"), &[&sources.len().to_string()]),
        };
        let preview = preview::cadre_preview(&file, &sources, &lookup, lang);
        self.state.import = Some(crate::ui::state::ImportPage {
            file,
            sheets: Vec::new(),
            sheet: 0,
            kind: Kind::Officials,
            preview: Some(preview),
            missing: Vec::new(),
            only_problems: false,
            options: preview::Options { lang, ..Default::default() },
            header_row: String::new(),
        });
        self.state.page = Page::Import;
    }

    pub(super) fn imported(&mut self, result: Result<crate::service::ImportSummary, ServiceError>) {
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
    pub(super) fn rebuild_preview(&mut self, sheet: usize, kind: Kind) {
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
        let sheet = sheet.min(page.sheets.len().saturating_sub(1));
        if sheet != page.sheet || kind != page.kind {
            // Another sheet or kind: what was decided about the last one does not carry over.
            page.options = preview::Options { lang: self.state.lang, ..Default::default() };
        }
        page.sheet = sheet;
        page.kind = kind;
        let Some(data) = page.sheets.get(page.sheet) else { return };
        page.options.lang = self.state.lang;
        match preview::build_with(kind, &page.file, data, &lookup, &page.options) {
            Ok(preview) => {
                if page.options.header_line.is_none() {
                    page.header_row = preview.header_line.to_string();
                }
                page.preview = Some(preview);
                page.missing.clear();
            }
            Err(missing) => {
                page.preview = None;
                page.missing = missing;
            }
        }
    }

    pub(super) fn commit_import(&mut self) {
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

    pub(super) fn export(&mut self, kind: Kind, csv: bool) {
        let lang = self.state.lang;
        if self.service.is_none() {
            return;
        }
        let extension = if csv { "csv" } else { "xlsx" };
        let name = format!("{}.{extension}", tr(lang, &format!("exchange.sheet.{}", kind.word())));
        let Some(path) = self.pick(|| rfd::FileDialog::new().add_filter(extension, &[extension]).set_file_name(name).save_file()) else {
            return;
        };
        if self.target_refused(&path, false) {
            return;
        }
        let Some(service) = &self.service else { return };
        let table = if kind == Kind::Officials {
            self.roster_export_table(service)
        } else {
            crate::service::exports::export_table(service, kind, lang).map_err(|e| messages::service_error(lang, &e))
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
    pub(super) fn roster_export_table(&self, service: &Service) -> Result<write::Table, String> {
        let lang = self.state.lang;
        let Some(data) = &self.state.data else { return Err(String::new()) };
        let ids: Vec<OfficialId> = data.roster_visible.iter().map(|&i| data.roster[i as usize].id).collect();
        crate::service::exports::officials_table(service, &ids, lang).map_err(|e| messages::service_error(lang, &e))
    }

    pub(super) fn save_template(&mut self, kind: Kind) {
        let lang = self.state.lang;
        if self.state.data.is_none() {
            return;
        }
        let name = format!("{}-{}.xlsx", tr(lang, &format!("exchange.sheet.{}", kind.word())), tr(lang, "exchange.template"));
        let Some(path) = self.pick(|| rfd::FileDialog::new().add_filter("xlsx", &["xlsx"]).set_file_name(name).save_file()) else {
            return;
        };
        if self.target_refused(&path, false) {
            return;
        }
        let Some(data) = &self.state.data else { return };
        let result = write::template(kind, lang, &data.catalogue, &data.units)
            .and_then(|bytes| crate::files::write_atomically(&path, &bytes).map_err(Into::into));
        match result {
            Ok(()) => self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, "notice.saved"), &[&path.display().to_string()]))),
            Err(e) => self.error(messages::exchange_error(lang, &e)),
        }
    }
}
