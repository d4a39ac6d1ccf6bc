//! The app's handling of the year-end page's 民主測評 and 公示 panel: reading the settings, the
//! calendar, the notice and the chosen official's paper tallies through the service, and sending
//! what the personnel section typed back as commands (ballot codes are issued directly: they are
//! shown once and cannot be taken back).

use super::NengliApp;
use crate::domain::ballots::Tally;
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::workdays::Calendar;
use crate::messages;
use crate::service::Command;
use crate::service::command::AppraisalCommand;
use crate::ui::intent::{Intent, YearEndIntent};

impl NengliApp {
    /// Reads the panel's settings, calendar, notice and tallies (administrators only).
    pub(super) fn load_appraisal(&mut self) {
        let admin = self.state.session.as_ref().is_some_and(|s| s.role == crate::domain::access::Role::Admin);
        let Some(service) = self.service.as_ref().filter(|_| admin) else { return };
        let page = &mut self.state.yearend;
        let form = &mut page.appraisal;
        if form.calendar_year == 0 {
            form.calendar_year = page.year + 1;
        }
        let read = (|| {
            let classes = service.voter_classes()?;
            let minimum = service.ballot_minimum()?;
            let mut calendar = service.calendar(form.calendar_year)?;
            calendar.days.retain(|d, _| chrono::Datelike::year(d) == form.calendar_year);
            let notice = service.publicity(page.year)?.unwrap_or_default();
            let names =
                notice.candidates.iter().filter_map(|c| page.rows.iter().find(|r| r.official == *c).map(|r| r.name.clone())).collect();
            let tallies = match page.selected {
                Some(official) => service.paper_tallies(official, page.year)?,
                None => Vec::new(),
            };
            Ok::<_, crate::service::ServiceError>((classes, minimum, calendar, notice, names, tallies))
        })();
        match read {
            Ok((classes, minimum, calendar, notice, names, tallies)) => {
                form.classes = classes.join("\n");
                form.minimum = minimum.to_string();
                form.calendar = calendar.to_lines();
                form.start = notice.start.map(crate::domain::dates::format_date).unwrap_or_default();
                form.end = notice.end.map(crate::domain::dates::format_date).unwrap_or_default();
                form.earliest = notice.start.and_then(|s| service.publicity_earliest_end(s).ok());
                form.notice = notice;
                form.candidates = names;
                form.tallies = tallies
                    .into_iter()
                    .map(|(class, t)| (class, t.map_or_else(Default::default, |t| t.0.map(|n| n.to_string()))))
                    .collect();
                if form.code_class.is_none() {
                    form.code_class = form.tallies.last().map(|(c, _)| c.clone());
                }
            }
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    fn refuse(&mut self, field: Field, problem: Problem) {
        self.state.yearend.problems = vec![FieldProblem::new(field, problem)];
    }

    /// Carries out what the panel asked for.
    pub(super) fn handle_appraisal(&mut self, intent: YearEndIntent) {
        let year = self.state.yearend.year;
        let form = &self.state.yearend.appraisal;
        let range = |max: i64| Problem::OutOfRange { min: 0, max };
        match intent {
            YearEndIntent::AppraisalScope => self.load_appraisal(),
            YearEndIntent::SaveBallotSettings => {
                let classes: Vec<String> = form.classes.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
                let Ok(minimum) = form.minimum.trim().parse::<u32>() else { return self.refuse(Field::Record, range(1000)) };
                self.handle(Intent::Do(Command::Appraisal(AppraisalCommand::SetVoterClasses(classes))));
                self.handle(Intent::Do(Command::Appraisal(AppraisalCommand::SetBallotMinimum(minimum))));
            }
            YearEndIntent::SaveCalendar => match Calendar::from_lines(&form.calendar) {
                Ok(calendar) => {
                    let year = form.calendar_year;
                    self.handle(Intent::Do(Command::Appraisal(AppraisalCommand::SetCalendar { year, calendar })));
                }
                Err(line) => self.refuse(Field::Deadline, Problem::BadCalendarLine { line }),
            },
            YearEndIntent::SavePublicity { recount } => {
                let day = |text: &str| crate::domain::dates::parse_date(text.trim());
                let mut notice = form.notice.clone();
                notice.start = day(&form.start);
                notice.end = day(&form.end);
                if (notice.start.is_none() && !form.start.trim().is_empty()) || (notice.end.is_none() && !form.end.trim().is_empty()) {
                    return self.refuse(Field::Deadline, Problem::BadDate);
                }
                if recount {
                    notice.candidates.clear();
                }
                self.handle(Intent::Do(Command::Appraisal(AppraisalCommand::SavePublicity { year, publicity: Box::new(notice) })));
            }
            YearEndIntent::SaveTally(class) => {
                let Some(official) = self.state.yearend.selected else { return };
                let Some((_, counts)) = form.tallies.iter().find(|(c, _)| *c == class) else { return };
                let tally = if counts.iter().all(|c| c.trim().is_empty()) {
                    None
                } else {
                    let parsed: Vec<u32> =
                        counts.iter().filter_map(|c| if c.trim().is_empty() { Some(0) } else { c.trim().parse().ok() }).collect();
                    let Ok(counts) = <[u32; 4]>::try_from(parsed) else {
                        return self.refuse(Field::Score, range(crate::domain::ballots::MAX_BALLOTS.into()));
                    };
                    Some(Tally(counts))
                };
                self.handle(Intent::Do(Command::Appraisal(AppraisalCommand::SetTally { year, official, class, tally })));
            }
            YearEndIntent::IssueCodes => {
                let Some(class) = form.code_class.clone() else { return };
                let count = form.code_count.trim().parse::<u32>().unwrap_or(0);
                let Some(service) = self.service.as_mut() else { return };
                match service.issue_ballot_codes(year, &class, self.state.yearend.print_unit, count) {
                    Ok(codes) => {
                        self.state.yearend.appraisal.codes = codes.join("\n");
                        self.state.yearend.problems.clear();
                    }
                    Err(e) => self.show_problem(e),
                }
            }
            YearEndIntent::ReadBallot => {
                let Some(service) = self.service.as_ref() else { return };
                let read = service.ballot_subjects(&self.state.yearend.ballot.code);
                let ballot = &mut self.state.yearend.ballot;
                ballot.marks.clear();
                ballot.cast = false;
                match read {
                    Ok(subjects) => {
                        ballot.subjects = Some(subjects);
                        self.state.yearend.problems.clear();
                    }
                    Err(e) => {
                        ballot.subjects = None;
                        self.show_problem(e);
                    }
                }
            }
            YearEndIntent::CastBallot => {
                let ballot = &self.state.yearend.ballot;
                let marks: Vec<_> = ballot.marks.iter().map(|(o, g)| (*o, *g)).collect();
                let code = ballot.code.clone();
                let Some(service) = self.service.as_mut() else { return };
                match service.cast_ballot(&code, &marks) {
                    Ok(()) => {
                        self.state.yearend.ballot = crate::ui::state::BallotForm { cast: true, ..Default::default() };
                        self.state.yearend.problems.clear();
                    }
                    Err(e) => self.show_problem(e),
                }
            }
            _ => {}
        }
    }

    /// A refusal under the panel, anything else in the status line.
    fn show_problem(&mut self, error: crate::service::ServiceError) {
        match error {
            crate::service::ServiceError::Invalid(problems) => self.state.yearend.problems = problems,
            e => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }
}
