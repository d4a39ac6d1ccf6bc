//! A self-check package filled in on an official's own PC: opened, saved, handed in, closed.

use super::NengliApp;
use crate::domain::package::{EXTENSION, PackageProblem};
use crate::i18n;
use crate::i18n::tr;
use crate::messages;
use crate::service::ServiceError;
use crate::service::packages::open_package;
use crate::service::packages::save_package;
use crate::ui::intent::PackageIntent;
use crate::ui::state::PackageView;
use std::path::Path;

impl NengliApp {
    /// Carries out what the package page asked for.
    pub(super) fn handle_package(&mut self, intent: PackageIntent) {
        match intent {
            PackageIntent::ChoosePackage => {
                let kind = tr(self.state.lang, "package.file_kind");
                let file = self.pick(|| rfd::FileDialog::new().add_filter(kind, &[EXTENSION]).pick_file());
                if let Some(path) = file {
                    self.open_package(&path);
                }
            }
            PackageIntent::OpenPackage(path) => self.open_package(&path),
            PackageIntent::SavePackage { ready } => self.save_package(ready),
            PackageIntent::ClosePackage => self.state.package = None,
        }
    }

    /// Opens a package for its official to fill in.
    pub fn open_package(&mut self, path: &Path) {
        let lang = self.state.lang;
        match open_package(path) {
            Ok(package) => {
                self.state.package = Some(PackageView {
                    path: path.to_owned(),
                    package,
                    problems: Vec::new(),
                    saved: None,
                    code: String::new(),
                    code_problem: None,
                });
            }
            Err(problem) => {
                self.error(i18n::fill(tr(lang, "package.refused"), &[&path.display().to_string(), &i18n::package_problem(lang, &problem)]))
            }
        }
    }

    pub(super) fn save_package(&mut self, ready: bool) {
        let lang = self.state.lang;
        let Some(view) = &mut self.state.package else { return };
        let package = crate::domain::package::Package { ready, ..view.package.clone() };
        match save_package(&view.path, &package, &view.code) {
            Ok(()) => {
                view.package.ready = ready;
                view.problems.clear();
                view.code_problem = None;
                let key = if ready { "package.handed_in" } else { "package.saved" };
                view.saved = Some(i18n::fill(tr(lang, key), &[&view.path.display().to_string()]));
            }
            Err(ServiceError::Invalid(problems)) => {
                view.problems = problems;
                view.saved = None;
            }
            Err(ServiceError::Package(_, problem @ (PackageProblem::WrongCode | PackageProblem::Uncoded))) => {
                view.code_problem = Some(i18n::package_problem(lang, &problem));
                view.saved = None;
            }
            Err(e) => {
                let message = messages::service_error(lang, &e);
                self.error(message);
            }
        }
    }
}
