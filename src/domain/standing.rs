//! An official's standing as the year-end rules read it: 處分 and 組織處理 (kind, 文號, effective
//! day, end of the period it affects), 立案審查 (opened, closed, outcome), leave days by kind per
//! year, the end of probation and months on secondment; and the bureau's working days per year.
//! Records and their checks only; what they mean for a grade is `eligibility`'s.

use super::catalogue::vocabulary;
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_SHORT, clean};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// A 處分 (government or party) or a 組織處理.
    SanctionKind {
        /// 警告 (政務處分/處分)
        Warning = "warning",
        /// 記過
        Demerit = "demerit",
        /// 記大過
        MajorDemerit = "major_demerit",
        /// 降級
        Demotion = "demotion",
        /// 撤職
        Removal = "removal",
        /// 開除
        Expulsion = "expulsion",
        /// 黨內警告
        PartyWarning = "party_warning",
        /// 黨內嚴重警告
        PartySeriousWarning = "party_serious_warning",
        /// 撤銷黨內職務
        PartyRemoval = "party_removal",
        /// 留黨察看
        PartyProbation = "party_probation",
        /// 開除黨籍
        PartyExpulsion = "party_expulsion",
        /// 誡勉 (組織處理)
        Admonition = "admonition",
        /// 調整職務 (組織處理)
        Reassignment = "reassignment",
        /// 責令辭職、免職、降職 (組織處理)
        Dismissal = "dismissal",
    }
);

vocabulary!(
    /// How a 立案審查 ended.
    Outcome {
        /// 不予處分 (or the case dropped)
        NoPenalty = "no_penalty",
        /// 警告
        Warning = "warning",
        /// A penalty heavier than a warning.
        Penalty = "penalty",
    }
);

vocabulary!(
    /// Kinds of leave counted against the year's working days.
    LeaveKind {
        /// 病假
        Sick = "sick",
        /// 事假
        Personal = "personal",
        /// 婚喪假、產假等其他假
        Other = "other",
    }
);

/// A 處分 or 組織處理.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sanction {
    pub kind: SanctionKind,
    /// 文號 of the decision.
    pub doc_no: String,
    pub effective: NaiveDate,
    /// The end of the period it affects (處分期/影響期), when the decision gives one.
    pub ends: Option<NaiveDate>,
}

/// A 立案審查: while open the official gets no comment and no grade.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Investigation {
    pub opened: NaiveDate,
    pub closed: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
}

impl Investigation {
    /// Open on `day`: opened by then and not closed before it.
    pub fn open_on(&self, day: NaiveDate) -> bool {
        self.opened <= day && self.closed.is_none_or(|c| c > day)
    }
}

/// Leave days of one kind in one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Leave {
    pub year: i32,
    pub kind: LeaveKind,
    pub days: u32,
}

/// Months on secondment (借調) in one year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Secondment {
    pub year: i32,
    pub months: u32,
}

/// Everything the year-end rules read of one official, replaced whole by the personnel section.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standing {
    pub sanctions: Vec<Sanction>,
    pub investigations: Vec<Investigation>,
    pub leave: Vec<Leave>,
    /// The last day of probation (試用期滿).
    pub probation_ends: Option<NaiveDate>,
    pub secondments: Vec<Secondment>,
}

/// The years a record may name.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;
/// The most records of one kind one official holds.
pub const MAX_RECORDS: usize = 200;

fn year_ok(year: i32, problems: &mut Problems) {
    if !YEARS.contains(&year) {
        problems.push(Field::Year, Problem::OutOfRange { min: (*YEARS.start()).into(), max: (*YEARS.end()).into() });
    }
}

fn day_ok(day: NaiveDate, problems: &mut Problems) {
    year_ok(chrono::Datelike::year(&day), problems);
}

impl Standing {
    /// Checks every record: years in range, an end not before its start, an outcome only on a
    /// closed case, leave days within a year, months 1–12, one line per year and kind.
    pub fn validate(self) -> Result<Standing, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        if [self.sanctions.len(), self.investigations.len(), self.leave.len(), self.secondments.len()].iter().any(|n| *n > MAX_RECORDS) {
            problems.push(Field::Record, Problem::OutOfRange { min: 0, max: MAX_RECORDS as i64 });
        }
        let sanctions = self
            .sanctions
            .into_iter()
            .map(|s| {
                day_ok(s.effective, &mut problems);
                if s.ends.is_some_and(|e| e < s.effective) {
                    problems.push(Field::Deadline, Problem::BadDate);
                }
                Sanction { doc_no: clean(&s.doc_no, Field::Record, false, MAX_SHORT, &mut problems), ..s }
            })
            .collect();
        for case in &self.investigations {
            day_ok(case.opened, &mut problems);
            if case.closed.is_some_and(|c| c < case.opened) {
                problems.push(Field::Deadline, Problem::BadDate);
            }
            if case.closed.is_none() && case.outcome.is_some() {
                problems.push(Field::Status, Problem::BadStatusChange);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (row, leave) in self.leave.iter().enumerate() {
            year_ok(leave.year, &mut problems);
            if leave.days > 366 {
                problems.push(Field::Record, Problem::OutOfRange { min: 0, max: 366 });
            }
            if !seen.insert((leave.year, leave.kind)) {
                problems.push(Field::Record, Problem::DuplicateInFile { row: row + 1 });
            }
        }
        let mut seen = std::collections::HashSet::new();
        for (row, s) in self.secondments.iter().enumerate() {
            year_ok(s.year, &mut problems);
            if !(1..=12).contains(&s.months) {
                problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 12 });
            }
            if !seen.insert(s.year) {
                problems.push(Field::Record, Problem::DuplicateInFile { row: row + 1 });
            }
        }
        if let Some(day) = self.probation_ends {
            day_ok(day, &mut problems);
        }
        problems.finish(Standing { sanctions, ..self })
    }

    /// Leave days of `kinds` in `year`.
    pub fn leave_days(&self, year: i32, kinds: &[LeaveKind]) -> u32 {
        self.leave.iter().filter(|l| l.year == year && kinds.contains(&l.kind)).map(|l| l.days).sum()
    }

    /// Whether nothing is recorded.
    pub fn is_empty(&self) -> bool {
        *self == Standing::default()
    }
}

/// Checks a year's working days as the bureau enters them (1–366).
pub fn check_working_days(year: i32, days: u32) -> Result<(), Vec<FieldProblem>> {
    let mut problems = Problems::default();
    year_ok(year, &mut problems);
    if !(1..=366).contains(&days) {
        problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 366 });
    }
    problems.finish(())
}

/// A 處分 or 組織處理 as its form holds it (days typed as YYYY-MM-DD).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SanctionDraft {
    pub kind: Option<SanctionKind>,
    pub doc_no: String,
    pub effective: String,
    pub ends: String,
}

/// A 立案審查 as its form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseDraft {
    pub opened: String,
    pub closed: String,
    pub outcome: Option<Outcome>,
}

/// A line of leave as its form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeaveDraft {
    pub year: String,
    pub kind: Option<LeaveKind>,
    pub days: String,
}

/// A year's secondment as its form holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SecondmentDraft {
    pub year: String,
    pub months: String,
}

/// An official's standing as the form holds it, every value as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StandingDraft {
    pub sanctions: Vec<SanctionDraft>,
    pub cases: Vec<CaseDraft>,
    pub leave: Vec<LeaveDraft>,
    pub probation_ends: String,
    pub secondments: Vec<SecondmentDraft>,
}

fn typed_day(text: &str, required: bool, problems: &mut Problems) -> Option<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        if required {
            problems.push(Field::Record, Problem::Required);
        }
        return None;
    }
    let day = super::dates::parse_date(text);
    if day.is_none() {
        problems.push(Field::Record, Problem::BadDate);
    }
    day
}

fn typed_number(text: &str, min: i64, max: i64, problems: &mut Problems) -> i64 {
    match text.trim().parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => n,
        _ => {
            problems.push(Field::Record, Problem::OutOfRange { min, max });
            min
        }
    }
}

impl StandingDraft {
    /// The form of a stored standing.
    pub fn of(standing: &Standing) -> StandingDraft {
        let day = |d: Option<NaiveDate>| d.map(super::dates::format_date).unwrap_or_default();
        StandingDraft {
            sanctions: standing
                .sanctions
                .iter()
                .map(|s| SanctionDraft {
                    kind: Some(s.kind),
                    doc_no: s.doc_no.clone(),
                    effective: day(Some(s.effective)),
                    ends: day(s.ends),
                })
                .collect(),
            cases: standing
                .investigations
                .iter()
                .map(|c| CaseDraft { opened: day(Some(c.opened)), closed: day(c.closed), outcome: c.outcome })
                .collect(),
            leave: standing
                .leave
                .iter()
                .map(|l| LeaveDraft { year: l.year.to_string(), kind: Some(l.kind), days: l.days.to_string() })
                .collect(),
            probation_ends: day(standing.probation_ends),
            secondments: standing
                .secondments
                .iter()
                .map(|s| SecondmentDraft { year: s.year.to_string(), months: s.months.to_string() })
                .collect(),
        }
    }

    /// The standing the form says, checked whole: days as YYYY-MM-DD (no 2013-02-30), numbers
    /// in range, every kind chosen, then [`Standing::validate`].
    pub fn parse(&self) -> Result<Standing, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let (min, max) = ((*YEARS.start()).into(), (*YEARS.end()).into());
        let mut sanctions = Vec::new();
        for s in &self.sanctions {
            let effective = typed_day(&s.effective, true, &mut problems);
            let ends = typed_day(&s.ends, false, &mut problems);
            if s.kind.is_none() {
                problems.push(Field::Status, Problem::Required);
            }
            if let (Some(kind), Some(effective)) = (s.kind, effective) {
                sanctions.push(Sanction { kind, doc_no: s.doc_no.clone(), effective, ends });
            }
        }
        let mut investigations = Vec::new();
        for c in &self.cases {
            let opened = typed_day(&c.opened, true, &mut problems);
            let closed = typed_day(&c.closed, false, &mut problems);
            if let Some(opened) = opened {
                investigations.push(Investigation { opened, closed, outcome: c.outcome });
            }
        }
        let mut leave = Vec::new();
        for l in &self.leave {
            let year = typed_number(&l.year, min, max, &mut problems) as i32;
            let days = typed_number(&l.days, 0, 366, &mut problems) as u32;
            match l.kind {
                Some(kind) => leave.push(Leave { year, kind, days }),
                None => problems.push(Field::Status, Problem::Required),
            }
        }
        let secondments = self
            .secondments
            .iter()
            .map(|s| Secondment {
                year: typed_number(&s.year, min, max, &mut problems) as i32,
                months: typed_number(&s.months, 1, 12, &mut problems) as u32,
            })
            .collect();
        let probation_ends = typed_day(&self.probation_ends, false, &mut problems);
        problems.finish(Standing { sanctions, investigations, leave, probation_ends, secondments })?.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn records_are_checked_before_they_are_kept() {
        let good = Standing {
            sanctions: vec![Sanction {
                kind: SanctionKind::Warning,
                doc_no: " 稅紀〔2024〕3號 ".into(),
                effective: day(2024, 3, 5),
                ends: None,
            }],
            investigations: vec![Investigation {
                opened: day(2024, 1, 2),
                closed: Some(day(2024, 6, 1)),
                outcome: Some(Outcome::NoPenalty),
            }],
            leave: vec![Leave { year: 2024, kind: LeaveKind::Sick, days: 190 }, Leave { year: 2024, kind: LeaveKind::Personal, days: 3 }],
            probation_ends: Some(day(2025, 8, 31)),
            secondments: vec![Secondment { year: 2024, months: 6 }],
        };
        let kept = good.clone().validate().unwrap();
        assert_eq!(kept.sanctions[0].doc_no, "稅紀〔2024〕3號", "trimmed");
        assert_eq!(kept.leave_days(2024, &[LeaveKind::Sick, LeaveKind::Personal]), 193);
        assert_eq!(kept.leave_days(2023, &[LeaveKind::Sick]), 0);
        type Spoil = fn(&mut Standing);
        let table: [(&str, Spoil); 8] = [
            ("end before start", |s| s.sanctions[0].ends = Some(day(2024, 1, 1))),
            ("closed before opened", |s| s.investigations[0].closed = Some(day(2023, 12, 1))),
            ("outcome of an open case", |s| s.investigations[0].closed = None),
            ("more days than a year", |s| s.leave[0].days = 367),
            ("two lines for one year and kind", |s| s.leave[1].kind = LeaveKind::Sick),
            ("13 months", |s| s.secondments[0].months = 13),
            ("a year out of range", |s| s.leave[0].year = 1999),
            ("a 1 MB 文號", |s| s.sanctions[0].doc_no = "號".repeat(1 << 20)),
        ];
        for (what, spoil) in table {
            let mut bad = good.clone();
            spoil(&mut bad);
            assert!(bad.validate().is_err(), "{what}");
        }
        assert!(check_working_days(2024, 250).is_ok());
        assert!(check_working_days(2024, 0).is_err());
        assert!(check_working_days(2024, 367).is_err());
    }

    #[test]
    fn the_form_reads_days_and_numbers_strictly_and_round_trips() {
        let standing = Standing {
            sanctions: vec![Sanction {
                kind: SanctionKind::Demerit,
                doc_no: "稅紀〔2024〕9號".into(),
                effective: day(2024, 2, 29),
                ends: None,
            }],
            investigations: vec![Investigation { opened: day(2024, 5, 1), closed: None, outcome: None }],
            leave: vec![Leave { year: 2024, kind: LeaveKind::Sick, days: 190 }],
            probation_ends: Some(day(2025, 1, 31)),
            secondments: vec![Secondment { year: 2024, months: 3 }],
        };
        let draft = StandingDraft::of(&standing);
        assert_eq!(draft.parse().unwrap(), standing);
        type Spoil = fn(&mut StandingDraft);
        let table: [(&str, Spoil); 6] = [
            ("2013-02-30", |d| d.sanctions[0].effective = "2013-02-30".into()),
            ("a month without its day", |d| d.probation_ends = "2025-01".into()),
            ("no opening day", |d| d.cases[0].opened = " ".into()),
            ("no kind", |d| d.leave[0].kind = None),
            ("days as words", |d| d.leave[0].days = "很多".into()),
            ("13 months", |d| d.secondments[0].months = "13".into()),
        ];
        for (what, spoil) in table {
            let mut bad = draft.clone();
            spoil(&mut bad);
            assert!(bad.parse().is_err(), "{what}");
        }
    }

    #[test]
    fn a_case_is_open_from_its_opening_until_it_closes() {
        let case = Investigation { opened: day(2024, 5, 1), closed: Some(day(2025, 2, 1)), outcome: Some(Outcome::Warning) };
        assert!(!case.open_on(day(2024, 4, 30)));
        assert!(case.open_on(day(2024, 12, 31)));
        assert!(!case.open_on(day(2025, 2, 1)));
        assert!(Investigation { closed: None, outcome: None, ..case }.open_on(day(2030, 1, 1)));
    }
}
