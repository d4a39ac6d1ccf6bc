//! The self-check page's intents: the round and the official shown, packages sent out and taken
//! back, study records; the page's data reloaded after a change.

use super::NengliApp;
use super::training::bad;
use crate::domain::problem::Field;
use crate::domain::problem::Problem;
use crate::domain::training::StudyData;
use crate::i18n;
use crate::i18n::tr;
use crate::messages;
use crate::service::Command;
use crate::service::command::TrainingCommand;
use crate::service::packages::Outcome;
use crate::service::packages::package_files;
use crate::ui::intent::Intent;
use crate::ui::intent::SelfCheckIntent;
use crate::ui::state::Notice;
use crate::ui::state::PackageReview;
use std::path::Path;

/// Conflicts left out of a merge (counted for the message).
fn review_kept(review: &Option<PackageReview>) -> usize {
    review.as_ref().map_or(0, |r| {
        r.items.iter().filter(|(i, take)| !take && matches!(i.result.as_ref().map(|i| &i.outcome), Ok(Outcome::Conflict { .. }))).count()
    })
}

impl NengliApp {
    /// Carries out what the selfcheck page asked for.
    pub(super) fn handle_selfcheck(&mut self, intent: SelfCheckIntent) {
        match intent {
            SelfCheckIntent::SelectRound(id) => {
                self.state.selfcheck.round = Some(id);
                self.state.selfcheck.selected = None;
                self.state.selfcheck.detail = None;
                self.reload_page();
            }
            SelfCheckIntent::SelectCheck(id) => {
                self.state.selfcheck.selected = id;
                self.state.selfcheck.problems.clear();
                self.load_detail();
            }
            SelfCheckIntent::ChooseExportPackages(official) => {
                if let Some(dir) = self.pick(|| rfd::FileDialog::new().pick_folder()) {
                    self.export_packages(official, &dir);
                }
            }
            SelfCheckIntent::ChooseImportPackages => {
                if let Some(dir) = self.pick(|| rfd::FileDialog::new().pick_folder()) {
                    self.review_packages(&dir);
                }
            }
            SelfCheckIntent::TakeConflict(index, take) => {
                if let Some(item) = self.state.selfcheck.package_review.as_mut().and_then(|r| r.items.get_mut(index)) {
                    item.1 = take;
                }
            }
            SelfCheckIntent::MergePackages => self.merge_packages(),
            SelfCheckIntent::ClosePackageReview => self.state.selfcheck.package_review = None,
            SelfCheckIntent::ExportPackageCodes => self.export_package_codes(),
            SelfCheckIntent::ClosePackageCodes => self.state.selfcheck.issued.clear(),
            SelfCheckIntent::SaveStudyForm => self.save_study_form(),
        }
    }

    /// Reads the rounds, the selected round's list and the selected official's detail.
    pub(super) fn reload_selfcheck(&mut self) {
        let Some(service) = &self.service else { return };
        if self.state.session.is_none() {
            return;
        }
        let page = &mut self.state.selfcheck;
        let result = service.rounds().and_then(|rounds| {
            page.rounds = rounds;
            if page.round.is_none_or(|r| !page.rounds.iter().any(|x| x.id == r)) {
                page.round = page.rounds.iter().find(|r| !r.data.closed).or(page.rounds.first()).map(|r| r.id);
            }
            page.tests = service.tests()?;
            page.rows = match page.round {
                Some(round) => service.round_rows(round)?,
                None => Vec::new(),
            };
            if page.selected.is_none() {
                // An official starts on their own self-check.
                page.selected = self.state.session.as_ref().and_then(|s| s.official).filter(|o| page.rows.iter().any(|r| r.official == *o));
            }
            Ok(())
        });
        if let Err(e) = result {
            let message = messages::service_error(self.state.lang, &e);
            self.error(message);
        }
        self.load_detail();
    }

    /// Reads the selected official's detail and puts it in the forms.
    pub(super) fn load_detail(&mut self) {
        let page = &mut self.state.selfcheck;
        let (Some(service), Some(round), Some(official)) = (&self.service, page.round, page.selected) else {
            page.detail = None;
            return;
        };
        match service.check_detail(round, official) {
            Ok(detail) => {
                page.plan_reviews.clear();
                page.peer_comments.clear();
                page.form = detail.check.as_ref().map(|c| c.data.clone()).unwrap_or_default();
                page.review = detail.check.as_ref().map(|c| c.review.clone()).unwrap_or_default();
                page.reason.clear();
                page.detail = Some(detail);
                self.load_training_file();
            }
            Err(e) => {
                page.detail = None;
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
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
            Ok(issued) => {
                self.changed = true;
                self.state.notice = Some(Notice::Info(i18n::fill(
                    tr(lang, "cli.packages_exported"),
                    &[&issued.len().to_string(), &dir.display().to_string()],
                )));
                self.state.selfcheck.issued = issued;
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    /// Saves the codes of the packages just exported as a spreadsheet: the slips to hand out.
    fn export_package_codes(&mut self) {
        let table = crate::exchange::write::package_codes_table(&self.state.selfcheck.issued, self.state.lang);
        self.save_list(&table, "package.codes_title");
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
        if files.is_empty() {
            return self.error(i18n::fill(tr(lang, "package.none_in_folder"), &[&path.display().to_string()]));
        }
        match service.review_packages(&files) {
            Ok(items) => {
                self.state.selfcheck.package_review = Some(PackageReview { items: items.into_iter().map(|r| (r, false)).collect() })
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    pub(super) fn merge_packages(&mut self) {
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

    pub(super) fn save_study_form(&mut self) {
        let Some(official) = self.state.selfcheck.selected else { return };
        let form = &self.state.selfcheck.study;
        let day = |text: &str| crate::domain::dates::parse_date(text.trim());
        let (Some(start), Some(end)) = (day(&form.start), day(if form.end.trim().is_empty() { &form.start } else { &form.end })) else {
            self.state.selfcheck.problems = bad(Field::Deadline, Problem::BadDate);
            return;
        };
        let Ok(hours) = form.hours.trim().parse::<f32>() else {
            self.state.selfcheck.problems = bad(Field::Training, Problem::OutOfRange { min: 0, max: 500 });
            return;
        };
        let data = StudyData {
            title: form.title.clone(),
            kind: form.kind.and_then(|k| crate::domain::training::STUDY_KINDS.get(k)).map(|k| (*k).to_owned()).unwrap_or_default(),
            start,
            end,
            hours,
            organiser: form.organiser.clone(),
            place: String::new(),
            mode: form.mode.clone(),
            result: form.result.clone(),
            certificate: form.certificate.clone(),
        };
        self.state.selfcheck.study = Default::default();
        self.handle(Intent::Do(Command::Training(TrainingCommand::SaveStudyRecord { id: None, official, data: Box::new(data) })));
    }
}
