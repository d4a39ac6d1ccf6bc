//! The app's handling of self-check packages: the personnel section's export and import with
//! its preview and conflict choices, and the official's side — a package opened, filled in,
//! saved or handed in, with no bureau database on that PC.

use super::NengliApp;
use crate::domain::package::EXTENSION;
use crate::i18n::{self, tr};
use crate::messages;
use crate::service::ServiceError;
use crate::service::packages::{Outcome, open_package, package_files, save_package};
use crate::ui::state::{Intent, Notice, PackageReview, PackageView};
use std::path::Path;

impl NengliApp {
    /// Handles the package intents; returns any other intent back.
    pub(super) fn apply_packages(&mut self, intent: Intent) -> Option<Intent> {
        match intent {
            Intent::ChooseExportPackages(official) => {
                if let Some(dir) = rfd::FileDialog::new().pick_folder() {
                    self.export_packages(official, &dir);
                }
            }
            Intent::ChooseImportPackages => {
                if let Some(dir) = rfd::FileDialog::new().pick_folder() {
                    self.review_packages(&dir);
                }
            }
            Intent::TakeConflict(index, take) => {
                if let Some(item) = self.state.selfcheck.package_review.as_mut().and_then(|r| r.items.get_mut(index)) {
                    item.1 = take;
                }
            }
            Intent::MergePackages => self.merge_packages(),
            Intent::ClosePackageReview => self.state.selfcheck.package_review = None,
            Intent::ChoosePackage => {
                let file = rfd::FileDialog::new().add_filter(tr(self.state.lang, "package.file_kind"), &[EXTENSION]).pick_file();
                if let Some(path) = file {
                    self.open_package(&path);
                }
            }
            Intent::OpenPackage(path) => self.open_package(&path),
            Intent::SavePackage { ready } => self.save_package(ready),
            Intent::ClosePackage => self.state.package = None,
            other => return Some(other),
        }
        None
    }

    /// Writes the selected round's packages into `dir`: one official's, or the chosen unit's (or
    /// everyone's). Public so tests can stand in for the folder dialog.
    pub fn export_packages(&mut self, official: Option<crate::domain::OfficialId>, dir: &Path) {
        use crate::service::printing::Scope;
        let lang = self.state.lang;
        let (Some(service), Some(round)) = (&mut self.service, self.state.selfcheck.round) else { return };
        let scope = match (official, self.state.selfcheck.package_unit) {
            (Some(official), _) => Scope::Official(official),
            (None, Some(unit)) => Scope::Unit(unit),
            (None, None) => Scope::All,
        };
        match service.export_packages(round, scope, dir, lang) {
            Ok(files) => {
                self.changed = true;
                self.state.notice = Some(Notice::Info(i18n::fill(
                    tr(lang, "cli.packages_exported"),
                    &[&files.len().to_string(), &dir.display().to_string()],
                )));
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    /// Verifies the packages at `path` (a folder or one file) and shows the preview. Public so
    /// tests can stand in for the folder dialog.
    pub fn review_packages(&mut self, path: &Path) {
        let lang = self.state.lang;
        let Some(service) = &self.service else { return };
        let files = match package_files(path) {
            Ok(files) => files,
            Err(e) => return self.error(messages::exchange_error(lang, &e.into())),
        };
        match service.review_packages(&files) {
            Ok(items) => {
                self.state.selfcheck.package_review = Some(PackageReview { items: items.into_iter().map(|r| (r, false)).collect() })
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    fn merge_packages(&mut self) {
        let lang = self.state.lang;
        let Some(review) = &self.state.selfcheck.package_review else { return };
        // Everything verified, except conflicts the user did not choose to take.
        let chosen: Vec<_> = review
            .items
            .iter()
            .filter_map(|(r, take)| r.result.as_ref().ok().filter(|i| *take || !matches!(i.outcome, Outcome::Conflict { .. })).cloned())
            .collect();
        let Some(service) = &mut self.service else { return };
        match service.merge_packages(&chosen, true) {
            Ok(summary) => {
                self.changed = true;
                let kept = review_kept(&self.state.selfcheck.package_review);
                self.state.selfcheck.package_review = None;
                self.state.notice = Some(Notice::Info(i18n::fill(
                    tr(lang, "cli.packages_merged"),
                    &[&summary.merged.to_string(), &(summary.kept + kept).to_string()],
                )));
                self.undo.clear();
                self.redo.clear();
                self.reload_selfcheck();
                self.reload_analysis();
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    /// Opens a package for its official to fill in.
    pub fn open_package(&mut self, path: &Path) {
        let lang = self.state.lang;
        match open_package(path) {
            Ok(package) => {
                self.state.package = Some(PackageView { path: path.to_owned(), package, problems: Vec::new(), saved: None });
            }
            Err(problem) => {
                self.error(i18n::fill(tr(lang, "package.refused"), &[&path.display().to_string(), &i18n::package_problem(lang, &problem)]))
            }
        }
    }

    fn save_package(&mut self, ready: bool) {
        let lang = self.state.lang;
        let Some(view) = &mut self.state.package else { return };
        let package = crate::domain::package::Package { ready, ..view.package.clone() };
        match save_package(&view.path, &package) {
            Ok(()) => {
                view.package.ready = ready;
                view.problems.clear();
                let key = if ready { "package.handed_in" } else { "package.saved" };
                view.saved = Some(i18n::fill(tr(lang, key), &[&view.path.display().to_string()]));
            }
            Err(ServiceError::Invalid(problems)) => {
                view.problems = problems;
                view.saved = None;
            }
            Err(e) => {
                let message = messages::service_error(lang, &e);
                self.error(message);
            }
        }
    }
}

/// Conflicts left out of a merge (counted for the message).
fn review_kept(review: &Option<PackageReview>) -> usize {
    review.as_ref().map_or(0, |r| {
        r.items.iter().filter(|(i, take)| !take && matches!(i.result.as_ref().map(|i| &i.outcome), Ok(Outcome::Conflict { .. }))).count()
    })
}
