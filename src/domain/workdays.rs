//! The bureau's working-day calendar: weekends, its holidays and the 調休 weekend days worked
//! instead, and counting working days over it; the 公示 of the 優秀 candidates (its start, an
//! end at least five working days later, objections and how each was handled) and when a grade
//! it covers becomes final. Rules only.

use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_LONG, clean};
use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The fewest working days a 公示 runs (2020 rules: at least five working days).
pub const MIN_PUBLICITY_DAYS: u32 = 5;

/// What a day in the bureau's calendar is, where it differs from the week's rhythm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// A holiday (a weekday the bureau does not work).
    Holiday,
    /// 調休: a Saturday or Sunday the bureau works.
    Workday,
}

impl DayKind {
    pub fn code(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }

    pub fn from_code(code: &str) -> Option<DayKind> {
        match code {
            "holiday" => Some(DayKind::Holiday),
            "workday" => Some(DayKind::Workday),
            _ => None,
        }
    }
}

/// The bureau's calendar: every day whose kind differs from the week's rhythm (a weekday off,
/// a weekend day worked), with its name (國慶節, 調休).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub days: BTreeMap<NaiveDate, (DayKind, String)>,
}

impl Calendar {
    /// Whether the bureau works on `day`.
    pub fn is_working(&self, day: NaiveDate) -> bool {
        match self.days.get(&day) {
            Some((DayKind::Holiday, _)) => false,
            Some((DayKind::Workday, _)) => true,
            None => !matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// The working days after `from` up to and including `to` (0 when `to` is not after `from`).
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days().skip(1).take_while(|d| *d <= to).filter(|d| self.is_working(*d)).count() as u32
    }

    /// The `n`th working day after `from` (the day itself does not count, as a period starting
    /// on a day counts from the next one).
    pub fn nth_working_day_after(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            let Some(next) = day.succ_opt() else { return day };
            day = next;
            if self.is_working(day) {
                left -= 1;
            }
        }
        day
    }

    /// The earliest end of a 公示 published on `start`: the fifth working day after it.
    pub fn publicity_end(&self, start: NaiveDate) -> NaiveDate {
        self.nth_working_day_after(start, MIN_PUBLICITY_DAYS)
    }

    /// The calendar as the window edits it: a line a day, `2013-01-01 假 元旦` or `2013-01-05 班 調休`.
    pub fn to_lines(&self) -> String {
        self.days
            .iter()
            .map(|(day, (kind, name))| {
                let word = if *kind == DayKind::Holiday { "假" } else { "班" };
                format!("{day} {word} {name}").trim_end().to_owned()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Reads [`Calendar::to_lines`]'s text (also `holiday` / `workday`); `Err` is the first bad
    /// line's number (from 1).
    pub fn from_lines(text: &str) -> Result<Calendar, usize> {
        let mut days = BTreeMap::new();
        for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
            let mut parts = line.split_whitespace();
            let day = parts.next().and_then(super::dates::parse_date).ok_or(i + 1)?;
            let kind = match parts.next() {
                Some("假" | "holiday") => DayKind::Holiday,
                Some("班" | "workday") => DayKind::Workday,
                _ => return Err(i + 1),
            };
            days.insert(day, (kind, parts.collect::<Vec<_>>().join(" ")));
        }
        Ok(Calendar { days })
    }

    /// Checks each day's name; a holiday must fall on a weekday and a 調休 day on a weekend.
    pub fn validate(self) -> Result<Calendar, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let mut days = BTreeMap::new();
        for (day, (kind, name)) in self.days {
            let name = clean(&name, Field::Title, false, 40, &mut problems);
            let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            if (kind == DayKind::Holiday) == weekend || !(2000..=2100).contains(&day.year()) {
                problems.push(Field::Deadline, Problem::BadDate);
            }
            days.insert(day, (kind, name));
        }
        problems.finish(Calendar { days })
    }
}

/// An objection raised during a 公示: the day it came, what it says, how it was handled.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objection {
    pub date: Option<NaiveDate>,
    pub text: String,
    pub handling: String,
}

/// The year's 公示 of the 優秀 candidates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publicity {
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// The notice's own words (where to object, the telephone number).
    pub text: String,
    /// Those published as 優秀 candidates, as they stood when the notice was saved.
    pub candidates: Vec<super::OfficialId>,
    pub objections: Vec<Objection>,
}

impl Publicity {
    /// Checks the days against `calendar` (the end at least five working days after the start)
    /// and the texts' lengths.
    pub fn validate(self, calendar: &Calendar) -> Result<Publicity, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let text = clean(&self.text, Field::Record, false, MAX_LONG, &mut problems);
        match (self.start, self.end) {
            (Some(start), Some(end)) => {
                let earliest = calendar.publicity_end(start);
                if end < earliest {
                    problems.push(Field::Deadline, Problem::PublicityTooShort { earliest: earliest.to_string() });
                }
            }
            (None, _) => problems.push(Field::Deadline, Problem::Required),
            (_, None) => problems.push(Field::Deadline, Problem::Required),
        }
        let objections = self
            .objections
            .into_iter()
            .map(|o| {
                if o.date.is_none() {
                    problems.push(Field::Comment, Problem::Required);
                }
                let text = clean(&o.text, Field::Comment, true, MAX_LONG, &mut problems);
                let handling = clean(&o.handling, Field::Comment, false, MAX_LONG, &mut problems);
                Objection { date: o.date, text, handling }
            })
            .collect();
        problems.finish(Publicity { text, objections, ..self })
    }

    /// Whether the notice has ended by `today` (the end day itself is still inside it).
    pub fn ended(&self, today: NaiveDate) -> bool {
        self.end.is_some_and(|end| today > end)
    }
}

/// Whether a 優秀 grade of `official` is final on `today`: only once a 公示 naming them has ended.
/// `Err` carries the day after which it will be (none when no notice names them).
pub fn excellent_final(publicity: Option<&Publicity>, official: super::OfficialId, today: NaiveDate) -> Result<(), Option<NaiveDate>> {
    match publicity {
        Some(p) if p.candidates.contains(&official) => {
            if p.ended(today) {
                Ok(())
            } else {
                Err(p.end)
            }
        }
        _ => Err(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::OfficialId;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// The 2024 National Day break: 1–7 October off, Sunday 29 September and Saturday 12 October worked.
    fn national_day_2024() -> Calendar {
        let mut calendar = Calendar::default();
        for day in ["2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-07"] {
            calendar.days.insert(d(day), (DayKind::Holiday, "國慶節".into()));
        }
        for day in ["2024-09-29", "2024-10-12"] {
            calendar.days.insert(d(day), (DayKind::Workday, "調休".into()));
        }
        calendar
    }

    #[test]
    fn working_days_skip_weekends_and_holidays_and_count_the_weekend_days_worked() {
        let plain = Calendar::default();
        let cal = national_day_2024();
        let table = [
            // (calendar, from, to, working days after `from` up to `to`)
            (&plain, "2024-03-01", "2024-03-08", 5),
            (&plain, "2024-03-01", "2024-03-03", 0),
            (&plain, "2024-03-04", "2024-03-04", 0),
            (&plain, "2024-03-08", "2024-03-01", 0),
            (&cal, "2024-09-27", "2024-10-08", 3),
            (&cal, "2024-09-30", "2024-10-13", 5),
        ];
        for (calendar, from, to, want) in table {
            assert_eq!(calendar.working_days_after(d(from), d(to)), want, "{from} → {to}");
        }
        assert!(!cal.is_working(d("2024-10-03")), "a holiday on a Thursday");
        assert!(cal.is_working(d("2024-09-29")), "a Sunday worked");
        assert!(!cal.is_working(d("2024-10-05")), "a Saturday off");
    }

    #[test]
    fn a_publicity_starting_on_a_friday_ends_no_earlier_than_five_working_days_later() {
        let plain = Calendar::default();
        let table = [
            // (calendar, start, earliest end)
            (&plain, "2024-03-01", "2024-03-08"),               // Friday → next Friday
            (&plain, "2024-03-04", "2024-03-11"),               // Monday → next Monday
            (&plain, "2024-03-02", "2024-03-08"),               // Saturday → the Friday after
            (&national_day_2024(), "2024-09-27", "2024-10-10"), // across National Day, with the Sunday worked
            (&national_day_2024(), "2024-09-30", "2024-10-12"), // ends on the Saturday worked
        ];
        for (calendar, start, end) in table {
            let earliest = calendar.publicity_end(d(start));
            assert_eq!(earliest, d(end), "start {start}");
            assert_eq!(calendar.working_days_after(d(start), earliest), MIN_PUBLICITY_DAYS);
            assert!(calendar.is_working(earliest));
            let notice = |end: NaiveDate| Publicity { start: Some(d(start)), end: Some(end), ..Default::default() };
            assert!(notice(earliest).validate(calendar).is_ok());
            let short = notice(earliest.pred_opt().unwrap()).validate(calendar).unwrap_err();
            assert_eq!(short[0].problem, Problem::PublicityTooShort { earliest: end.into() }, "start {start}");
        }
    }

    #[test]
    fn excellent_is_final_only_after_a_notice_naming_the_official_has_ended() {
        let notice =
            Publicity { start: Some(d("2024-03-01")), end: Some(d("2024-03-08")), candidates: vec![OfficialId(7)], ..Default::default() };
        assert_eq!(excellent_final(Some(&notice), OfficialId(7), d("2024-03-08")), Err(Some(d("2024-03-08"))), "the last day is inside");
        assert_eq!(excellent_final(Some(&notice), OfficialId(7), d("2024-03-09")), Ok(()));
        assert_eq!(excellent_final(Some(&notice), OfficialId(8), d("2024-04-01")), Err(None), "not published");
        assert_eq!(excellent_final(None, OfficialId(7), d("2024-04-01")), Err(None));
    }

    #[test]
    fn a_calendar_reads_back_the_lines_it_writes_and_names_a_bad_line() {
        let cal = national_day_2024();
        assert_eq!(Calendar::from_lines(&cal.to_lines()), Ok(cal));
        assert_eq!(
            Calendar::from_lines("2024-10-01 holiday 國慶節\n\n2024-10-12 workday"),
            Ok({
                let mut c = Calendar::default();
                c.days.insert(d("2024-10-01"), (DayKind::Holiday, "國慶節".into()));
                c.days.insert(d("2024-10-12"), (DayKind::Workday, String::new()));
                c
            })
        );
        for (text, line) in [("2024-02-30 假", 1), ("2024-10-01 假\n2024-10-02 休", 2), ("假 2024-10-01", 1)] {
            assert_eq!(Calendar::from_lines(text), Err(line), "{text}");
        }
    }

    #[test]
    fn calendars_and_objections_refuse_bad_input() {
        let mut cal = Calendar::default();
        cal.days.insert(d("2024-03-02"), (DayKind::Holiday, "週六".into()));
        assert!(cal.validate().is_err(), "a Saturday is no holiday to declare");
        let mut cal = Calendar::default();
        cal.days.insert(d("2024-03-04"), (DayKind::Workday, "調休".into()));
        assert!(cal.validate().is_err(), "a Monday is worked anyway");
        let mut cal = national_day_2024();
        cal.days.insert(d("2024-10-01"), (DayKind::Holiday, "長".repeat(41)));
        assert!(cal.validate().is_err());
        let notice = Publicity {
            start: Some(d("2024-03-01")),
            end: Some(d("2024-03-08")),
            objections: vec![Objection { date: Some(d("2024-03-04")), text: " ".into(), handling: String::new() }],
            ..Default::default()
        };
        assert!(notice.clone().validate(&Calendar::default()).is_err(), "an objection needs its text");
        let long = Publicity { text: "長".repeat(MAX_LONG + 1), objections: vec![], ..notice };
        assert!(long.validate(&Calendar::default()).is_err());
    }
}
