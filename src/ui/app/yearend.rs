//! The app's handling of the year-end page: the year's list, the chosen official's record,
//! and each step of the sign-off chain sent to the service with the form as typed.

use super::NengliApp;
use crate::i18n::tr;
use crate::messages;
use crate::service::Command;
use crate::service::command::YearEndCommand;
use crate::service::printing::Printout;
use crate::service::printing::Scope;
use crate::service::printing::YearEndSheets;
use crate::ui::intent::Intent;
use crate::ui::intent::YearEndIntent;
use crate::ui::jobs::Job;
use crate::ui::jobs::YearEndPrint;
use crate::ui::state::Notice;
use std::path::PathBuf;

impl NengliApp {
    /// Carries out what the yearend page asked for.
    pub(super) fn handle_yearend(&mut self, intent: YearEndIntent) {
        match intent {
            YearEndIntent::SelectYearEnd(official) => {
                self.state.yearend.selected = official;
                self.state.yearend.problems.clear();
                self.load_yearend();
            }
            YearEndIntent::YearEndStep(step) => {
                let page = &self.state.yearend;
                let Some(official) = page.selected else { return };
                let command =
                    Command::YearEnd(YearEndCommand::YearEndStep { official, year: page.year, step, data: Box::new(page.form.clone()) });
                self.handle(Intent::Do(command));
            }
            YearEndIntent::YearEndScope => self.reload_yearend(),
            YearEndIntent::SelectReviewUnit(unit) => {
                let page = &mut self.state.yearend;
                page.review_unit = Some(unit);
                page.review_form = page.reviews.get(&unit).cloned().unwrap_or_default();
                page.problems.clear();
            }
            YearEndIntent::SaveUnitReview => {
                let page = &self.state.yearend;
                let Some(unit) = page.review_unit else { return };
                let command =
                    Command::YearEnd(YearEndCommand::ReviewUnit { unit, year: page.year, review: Box::new(page.review_form.clone()) });
                self.handle(Intent::Do(command));
            }
            YearEndIntent::AppraisalScope
            | YearEndIntent::SaveBallotSettings
            | YearEndIntent::SaveCalendar
            | YearEndIntent::SavePublicity { .. }
            | YearEndIntent::SaveTally(_)
            | YearEndIntent::IssueCodes
            | YearEndIntent::ReadBallot
            | YearEndIntent::CastBallot => self.handle_appraisal(intent),
            YearEndIntent::PrintYearEnd { ticked } => self.print_yearend(ticked),
            YearEndIntent::PrintYearEndTo { ticked, dest } => self.print_yearend_to(ticked, dest),
        }
    }

    /// The staff numbers of the officials ticked in the list, in the list's order.
    pub(super) fn yearend_ticked_staff(&self) -> Vec<String> {
        let page = &self.state.yearend;
        page.rows.iter().filter(|r| page.ticked.contains(&r.official)).map(|r| r.staff_no.clone()).collect()
    }

    /// What a year-end print covers: the scope, the selection's staff numbers and the count.
    pub(super) fn yearend_print_scope(&self, ticked: bool) -> (Scope, Vec<String>, usize) {
        let page = &self.state.yearend;
        if ticked {
            let staff = self.yearend_ticked_staff();
            let count = staff.len();
            return (Scope::All, staff, count);
        }
        let within = page.print_unit.zip(self.state.data.as_ref()).map(|(u, d)| crate::domain::org::subtree(&d.units, u));
        let count = page.rows.iter().filter(|r| within.as_ref().is_none_or(|w| w.contains(&r.unit))).count();
        (page.print_unit.map_or(Scope::All, Scope::Unit), Vec::new(), count)
    }

    /// Prints the ticked officials' forms, or the print unit's: in the preview, or one file each
    /// into a folder the user picks.
    pub(super) fn print_yearend(&mut self, ticked: bool) {
        let lang = self.state.lang;
        let (scope, staff, count) = self.yearend_print_scope(ticked);
        if count == 0 {
            let key = if ticked { "yearend.tick_first" } else { "cli.nothing_to_print" };
            self.state.notice = Some(Notice::Info(tr(lang, key).to_owned()));
            return;
        }
        let page = &self.state.yearend;
        // However many: the preview reads and lays out a window of them at a time.
        if !page.split {
            let sheets = YearEndSheets { year: page.year, scope, staff, paper: page.paper() };
            return self.print(&Printout::YearEndSheets(sheets));
        }
        let dest = self.pick(|| rfd::FileDialog::new().set_title(tr(lang, "yearend.split_folder")).pick_folder());
        if let Some(dest) = dest {
            self.print_yearend_to(ticked, dest);
        }
    }

    /// Prints year-end forms into `dest` (a file, or a folder when printing one file each) on a
    /// worker thread with progress and Stop.
    pub(super) fn print_yearend_to(&mut self, ticked: bool, dest: PathBuf) {
        if self.job.is_some() {
            return;
        }
        let (scope, staff, _) = self.yearend_print_scope(ticked);
        let page = &self.state.yearend;
        let sheets = YearEndSheets { year: page.year, scope, staff, paper: page.paper() };
        let print = YearEndPrint { sheets, split: page.split, dest, lang: self.state.lang, print_lang: self.state.print_lang };
        let (Some(service), Some(db)) = (&self.service, self.db_path()) else { return };
        let job = Job::print_yearend(db, service.acting(), print);
        self.start_job("job.printing", true, job);
    }

    /// Reads the year-end list for the page's year, then the selected record.
    pub(super) fn reload_yearend(&mut self) {
        let Some(service) = &self.service else { return };
        let page = &mut self.state.yearend;
        if page.year == 0 {
            page.year = self.state.data.as_ref().map_or(2012, |d| d.bureau.year);
        }
        let settings = (|| {
            Ok::<_, crate::service::ServiceError>((
                service.excellent_rules()?,
                service.eligibility_rules()?,
                service.working_days(page.year)?,
            ))
        })();
        match settings {
            Ok((quota, eligibility, days)) => {
                page.quota_rules = quota;
                page.eligibility = eligibility;
                page.working_days = days.map(|d| d.to_string()).unwrap_or_default();
            }
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                return self.error(message);
            }
        }
        // The pools are read by administrators and reviewers.
        page.pools = service.quota_pools(page.year).unwrap_or_default();
        page.places = page
            .pools
            .iter()
            .flat_map(|p| p.units.iter().map(|u| (p.name.clone(), u.unit, u.places.map(|n| n.to_string()).unwrap_or_default())))
            .collect();
        // The units' reviews are the bureau's overview; an official's page has no tab for them.
        if service.may_read(crate::domain::access::Sight::Overview) {
            match service.unit_reviews(page.year) {
                Ok(reviews) => page.reviews = reviews.into_iter().collect(),
                Err(e) => {
                    let message = messages::service_error(self.state.lang, &e);
                    return self.error(message);
                }
            }
        }
        if let Some(unit) = page.review_unit {
            page.review_form = page.reviews.get(&unit).cloned().unwrap_or_default();
        }
        match service.routine_suggestions(page.year) {
            Ok(rows) => page.suggestions = rows.into_iter().map(|r| (r.official, r)).collect(),
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                return self.error(message);
            }
        }
        match service.yearend_rows(page.year) {
            Ok(rows) => page.rows = rows,
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                return self.error(message);
            }
        }
        if page.selected.is_none() {
            page.selected = self.state.session.as_ref().and_then(|s| s.official).filter(|o| page.rows.iter().any(|r| r.official == *o));
        }
        self.load_yearend();
    }

    pub(super) fn load_yearend(&mut self) {
        self.load_appraisal();
        let (Some(service), Some(official)) = (&self.service, self.state.yearend.selected) else {
            self.state.yearend.record = None;
            return;
        };
        let page = &mut self.state.yearend;
        let unit = page.rows.iter().find(|r| r.official == official).map(|r| r.unit);
        let read = (|| {
            let record = service.yearend(official, page.year)?;
            let quota = (service.excellent_quota(page.year, unit)?, service.excellent_quota(page.year, None)?);
            let facts = service.year_facts(official, page.year)?;
            Ok::<_, crate::service::ServiceError>((record, quota, facts))
        })();
        match read {
            Ok((record, quota, facts)) => {
                page.facts = Some(facts);
                page.form = record.as_ref().map(|r| r.data.clone()).unwrap_or_default();
                page.form.reason.clear();
                page.record = record;
                page.quota = Some(quota);
            }
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }
}
