//! The app's handling of the year-end page: the year's list, the chosen official's record,
//! and each step of the sign-off chain sent to the service with the form as typed.

use super::NengliApp;
use crate::i18n;
use crate::service::Command;
use crate::ui::state::Intent;

impl NengliApp {
    /// Handles the year-end intents; returns any other intent back.
    pub(super) fn apply_yearend(&mut self, intent: Intent) -> Option<Intent> {
        match intent {
            Intent::SelectYearEnd(official) => {
                self.state.yearend.selected = official;
                self.state.yearend.problems.clear();
                self.load_yearend();
            }
            Intent::YearEndStep(step) => {
                let page = &self.state.yearend;
                let official = page.selected?;
                let command = Command::YearEndStep { official, year: page.year, step, data: Box::new(page.form.clone()) };
                self.apply(Intent::Do(command));
            }
            Intent::YearEndScope => self.reload_yearend(),
            Intent::SetExcellentPercent(percent) => {
                let lang = self.state.lang;
                let Some(service) = &mut self.service else { return None };
                match service.set_excellent_percent(percent) {
                    Ok(()) => {
                        self.changed = true;
                        self.state.notice = Some(crate::ui::state::Notice::Info(crate::i18n::tr(lang, "done.yearend.quota").to_owned()));
                        self.reload_yearend();
                    }
                    Err(e) => self.error(i18n::service_error(lang, &e)),
                }
            }
            other => return Some(other),
        }
        None
    }

    /// Reads the year-end list for the page's year, then the selected record.
    pub(super) fn reload_yearend(&mut self) {
        let Some(service) = &self.service else { return };
        let page = &mut self.state.yearend;
        if page.year == 0 {
            page.year = self.state.data.as_ref().map_or(2012, |d| d.bureau.year);
        }
        page.percent = service.excellent_percent().unwrap_or(20);
        match service.yearend_rows(page.year) {
            Ok(rows) => page.rows = rows,
            Err(e) => {
                let message = i18n::service_error(self.state.lang, &e);
                return self.error(message);
            }
        }
        if page.selected.is_none() {
            page.selected = self.state.session.as_ref().and_then(|s| s.official).filter(|o| page.rows.iter().any(|r| r.official == *o));
        }
        self.load_yearend();
    }

    fn load_yearend(&mut self) {
        let (Some(service), Some(official)) = (&self.service, self.state.yearend.selected) else {
            self.state.yearend.record = None;
            return;
        };
        let page = &mut self.state.yearend;
        let unit = page.rows.iter().find(|r| r.official == official).map(|r| r.unit);
        let read = (|| {
            let record = service.read().yearend(official, page.year)?;
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
                let message = i18n::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }
}
