//! Who may be graded, and how high, by the 2020 《公務員考核規定》 (Arts. 25–29) as rules in data:
//! each rule names a condition on an official's standing (probation, leave over a share of the
//! working days, an open or penalised 立案審查, a 處分 or 組織處理 of some kinds reaching into the
//! year) and its effect — no grade, not 優秀, or not above a grade —; the heaviest effect found
//! applies, each with the facts that caused it.

use super::catalogue::vocabulary;
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::standing::{LeaveKind, Outcome, SanctionKind, Standing};
use super::yearend::Grade;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// Which years a 處分 or 組織處理 reaches.
    Reach {
        /// The year of its effective day.
        Year = "year",
        /// That year and the next.
        Next = "next",
        /// Every year its affected period touches (its own year when no end is given).
        Period = "period",
    }
);

/// What a rule looks for in an official's standing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "when", rename_all = "snake_case")]
pub enum Condition {
    /// Still in probation at the year's end (probation ending within the next year).
    Probation,
    /// Leave of these kinds over `percent` of the year's working days.
    Leave { kinds: Vec<LeaveKind>, percent: u32 },
    /// A 立案審查 open at the year's end: no comment and no grade while it is open; closed with a
    /// penalty heavier than a warning, no grade (no 補定等次).
    Investigation,
    /// A 處分 or 組織處理 of these kinds reaching into the year.
    Sanction { kinds: Vec<SanctionKind>, reach: Reach },
}

/// What a rule does to the grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "effect", content = "grade", rename_all = "snake_case")]
pub enum Effect {
    /// 不確定等次: only 不定等次 may be given.
    NoGrade,
    /// 不得確定為優秀.
    NotExcellent,
    /// Nothing above this grade.
    NotAbove(Grade),
}

/// How high a grade is, for the ceilings (不定等次 is not on the scale).
fn height(grade: Grade) -> u8 {
    match grade {
        Grade::Excellent => 4,
        Grade::Competent => 3,
        Grade::Basic => 2,
        Grade::Incompetent => 1,
        Grade::Undetermined => 0,
    }
}

impl Effect {
    /// The highest grade left (`None`: no grade at all).
    pub fn ceiling(self) -> Option<Grade> {
        match self {
            Effect::NoGrade => None,
            Effect::NotExcellent => Some(Grade::Competent),
            Effect::NotAbove(g) => Some(g),
        }
    }

    /// How heavy: the lower the ceiling, the heavier.
    fn weight(self) -> u8 {
        5 - self.ceiling().map_or(0, height)
    }

    /// Whether `grade` may be given under this effect (不定等次 always may).
    pub fn allows(self, grade: Grade) -> bool {
        grade == Grade::Undetermined || self.ceiling().is_some_and(|c| height(grade) <= height(c))
    }
}

/// One rule: its condition and effect, and whether it is in use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    pub on: bool,
    pub condition: Condition,
    pub effect: Effect,
}

/// The bureau's rules, shipped per the 2020 text and editable.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub rules: Vec<Rule>,
}

/// The most rules a bureau keeps.
pub const MAX_RULES: usize = 50;

impl Default for Rules {
    /// The 2020 rules: probationers, leave over half the year, 立案審查, 警告 (not 優秀), 記過 (no
    /// grade), 記大過/降級/撤職 (no grade that year and the next), party 警告 (not 優秀), 嚴重警告
    /// (no grade), the heavier party penalties and 開除 (no grade, two years), 誡勉 and 調整職務
    /// (not 優秀 while they last), 責令辭職/免職/降職 (no grade that year).
    fn default() -> Rules {
        use SanctionKind::*;
        let sanction = |kinds: &[SanctionKind], reach, effect| Rule {
            on: true,
            condition: Condition::Sanction { kinds: kinds.to_vec(), reach },
            effect,
        };
        Rules {
            rules: vec![
                Rule { on: true, condition: Condition::Probation, effect: Effect::NoGrade },
                Rule {
                    on: true,
                    condition: Condition::Leave { kinds: vec![LeaveKind::Sick, LeaveKind::Personal], percent: 50 },
                    effect: Effect::NoGrade,
                },
                Rule { on: true, condition: Condition::Investigation, effect: Effect::NoGrade },
                sanction(&[Warning], Reach::Year, Effect::NotExcellent),
                sanction(&[Demerit], Reach::Year, Effect::NoGrade),
                sanction(&[MajorDemerit, Demotion, Removal, Expulsion], Reach::Next, Effect::NoGrade),
                sanction(&[PartyWarning], Reach::Year, Effect::NotExcellent),
                sanction(&[PartySeriousWarning], Reach::Year, Effect::NoGrade),
                sanction(&[PartyRemoval, PartyProbation, PartyExpulsion], Reach::Next, Effect::NoGrade),
                sanction(&[Admonition, Reassignment], Reach::Period, Effect::NotExcellent),
                sanction(&[Dismissal], Reach::Year, Effect::NoGrade),
            ],
        }
    }
}

impl Rules {
    /// Checks the rules: at most [`MAX_RULES`], every kind list non-empty, a leave share of
    /// 1–100%, and a ceiling below 優秀 (not above 優秀 limits nothing).
    pub fn validate(self) -> Result<Rules, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        if self.rules.len() > MAX_RULES {
            problems.push(Field::Record, Problem::OutOfRange { min: 0, max: MAX_RULES as i64 });
        }
        for rule in &self.rules {
            match &rule.condition {
                Condition::Leave { kinds, percent } => {
                    if kinds.is_empty() {
                        problems.push(Field::Record, Problem::Required);
                    }
                    if !(1..=100).contains(percent) {
                        problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 100 });
                    }
                }
                Condition::Sanction { kinds, .. } if kinds.is_empty() => problems.push(Field::Record, Problem::Required),
                _ => {}
            }
            if matches!(rule.effect, Effect::NotAbove(Grade::Excellent | Grade::Undetermined)) {
                problems.push(Field::Grade, Problem::Unknown { value: format!("{:?}", rule.effect) });
            }
        }
        problems.finish(self)
    }
}

/// The facts behind a finding, for the sentence that gives the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cause {
    /// In probation until `ends`.
    Probation { ends: NaiveDate },
    /// `days` of leave against `working` working days.
    Leave { days: u32, working: u32 },
    /// A 立案審查 opened on `opened`, not yet closed.
    InvestigationOpen { opened: NaiveDate },
    /// A 立案審查 closed on `closed` with a penalty heavier than a warning.
    InvestigationPenalty { opened: NaiveDate, closed: NaiveDate },
    /// A 處分 or 組織處理.
    Sanction { kind: SanctionKind, doc_no: String, effective: NaiveDate },
}

/// One rule that applies, with what it does and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub effect: Effect,
    pub cause: Cause,
}

impl Finding {
    /// No comment either (an open 立案審查).
    pub fn withholds_comment(&self) -> bool {
        matches!(self.cause, Cause::InvestigationOpen { .. })
    }
}

/// What the rules say of one official in one year: every finding, heaviest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    pub findings: Vec<Finding>,
}

impl Verdict {
    /// The finding that applies (the heaviest), if any.
    pub fn heaviest(&self) -> Option<&Finding> {
        self.findings.first()
    }

    /// Whether `grade` may be given.
    pub fn allows(&self, grade: Grade) -> bool {
        self.heaviest().is_none_or(|f| f.effect.allows(grade))
    }

    /// Whether the supervisor's comment is withheld too (an open 立案審查).
    pub fn withholds_comment(&self) -> bool {
        self.findings.iter().any(Finding::withholds_comment)
    }
}

fn year_end(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

/// Whether a sanction effective on `effective` (its affected period ending on `ends`) reaches `year`.
fn reaches(reach: Reach, effective: NaiveDate, ends: Option<NaiveDate>, year: i32) -> bool {
    let from = effective.year();
    match reach {
        Reach::Year => year == from,
        Reach::Next => year == from || year == from + 1,
        Reach::Period => (from..=ends.map_or(from, |e| e.year())).contains(&year),
    }
}

/// What `rules` say of `standing` in `year`, given the year's working days as the bureau entered
/// them (`None`: not entered, the leave rules cannot apply).
pub fn judge(rules: &Rules, standing: &Standing, year: i32, working_days: Option<u32>) -> Verdict {
    let Some(end) = year_end(year) else { return Verdict::default() };
    let mut findings = Vec::new();
    for rule in rules.rules.iter().filter(|r| r.on) {
        let effect = rule.effect;
        match &rule.condition {
            Condition::Probation => {
                if let Some(ends) = standing.probation_ends
                    && ends > end
                    && ends.year() <= year + 1
                {
                    findings.push(Finding { effect, cause: Cause::Probation { ends } });
                }
            }
            Condition::Leave { kinds, percent } => {
                let days = standing.leave_days(year, kinds);
                if let Some(working) = working_days.filter(|w| *w > 0)
                    && u64::from(days) * 100 > u64::from(*percent) * u64::from(working)
                {
                    findings.push(Finding { effect, cause: Cause::Leave { days, working } });
                }
            }
            Condition::Investigation => {
                for case in standing.investigations.iter().filter(|c| c.open_on(end)) {
                    match (case.closed, case.outcome) {
                        (None, _) => findings.push(Finding { effect, cause: Cause::InvestigationOpen { opened: case.opened } }),
                        (Some(closed), Some(Outcome::Penalty)) => {
                            findings.push(Finding { effect, cause: Cause::InvestigationPenalty { opened: case.opened, closed } })
                        }
                        _ => {}
                    }
                }
            }
            Condition::Sanction { kinds, reach } => {
                for s in standing.sanctions.iter().filter(|s| kinds.contains(&s.kind) && reaches(*reach, s.effective, s.ends, year)) {
                    findings.push(Finding {
                        effect,
                        cause: Cause::Sanction { kind: s.kind, doc_no: s.doc_no.clone(), effective: s.effective },
                    });
                }
            }
        }
    }
    // Heaviest first; an open case first among equals, as it also withholds the comment.
    findings.sort_by_key(|f| (std::cmp::Reverse(f.effect.weight()), !f.withholds_comment()));
    Verdict { findings }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::standing::{Investigation, Leave, Sanction};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn sanction(kind: SanctionKind, effective: NaiveDate) -> Sanction {
        Sanction { kind, doc_no: "稅紀〔2024〕3號".into(), effective, ends: None }
    }

    #[test]
    fn the_2020_rules_say_who_may_be_graded_and_how_high() {
        use Grade::*;
        use SanctionKind::*;
        let rules = Rules::default();
        let warned = Standing { sanctions: vec![sanction(Warning, day(2024, 3, 5))], ..Default::default() };
        let demerit = Standing { sanctions: vec![sanction(MajorDemerit, day(2024, 11, 1))], ..Default::default() };
        let sick = Standing { leave: vec![Leave { year: 2024, kind: LeaveKind::Sick, days: 190 }], ..Default::default() };
        let half = Standing {
            leave: vec![Leave { year: 2024, kind: LeaveKind::Sick, days: 100 }, Leave { year: 2024, kind: LeaveKind::Personal, days: 25 }],
            ..Default::default()
        };
        let other_leave = Standing { leave: vec![Leave { year: 2024, kind: LeaveKind::Other, days: 200 }], ..Default::default() };
        let probation = Standing { probation_ends: Some(day(2025, 8, 31)), ..Default::default() };
        let open =
            Standing { investigations: vec![Investigation { opened: day(2024, 9, 1), closed: None, outcome: None }], ..Default::default() };
        let closed = |outcome| Standing {
            investigations: vec![Investigation { opened: day(2024, 9, 1), closed: Some(day(2025, 3, 1)), outcome: Some(outcome) }],
            ..Default::default()
        };
        let admonished = Standing {
            sanctions: vec![Sanction { kind: Admonition, doc_no: String::new(), effective: day(2024, 10, 1), ends: Some(day(2025, 4, 1)) }],
            ..Default::default()
        };
        let both =
            Standing { sanctions: vec![sanction(Warning, day(2024, 3, 5)), sanction(Demerit, day(2024, 6, 1))], ..Default::default() };
        // (what, standing, year, the effect that applies, a grade refused, a grade allowed)
        type Case = (&'static str, Standing, i32, Option<Effect>, Option<Grade>, Grade);
        let table: Vec<Case> = vec![
            ("警告 in 2024: not 優秀 in 2024", warned.clone(), 2024, Some(Effect::NotExcellent), Some(Excellent), Competent),
            ("警告 in 2024: nothing in 2025", warned, 2025, None, None, Excellent),
            ("記大過: no grade that year", demerit.clone(), 2024, Some(Effect::NoGrade), Some(Competent), Undetermined),
            ("記大過: and the next", demerit.clone(), 2025, Some(Effect::NoGrade), Some(Basic), Undetermined),
            ("記大過: not the one after", demerit, 2026, None, None, Excellent),
            ("190 sick days of 250: no grade", sick.clone(), 2024, Some(Effect::NoGrade), Some(Competent), Undetermined),
            ("125 days of 250 is not over half", half, 2024, None, None, Excellent),
            ("other leave does not count", other_leave, 2024, None, None, Excellent),
            ("a probationer: no grade", probation.clone(), 2024, Some(Effect::NoGrade), Some(Competent), Undetermined),
            ("probation over by 2025's end", probation, 2025, None, None, Excellent),
            ("立案審查 open: no grade", open.clone(), 2024, Some(Effect::NoGrade), Some(Competent), Undetermined),
            ("closed without a penalty: 補定等次", closed(Outcome::NoPenalty), 2024, None, None, Excellent),
            ("closed with a warning: 補定等次", closed(Outcome::Warning), 2024, None, None, Excellent),
            ("closed with a penalty: no grade", closed(Outcome::Penalty), 2024, Some(Effect::NoGrade), Some(Competent), Undetermined),
            ("誡勉 reaches its period's years", admonished.clone(), 2025, Some(Effect::NotExcellent), Some(Excellent), Competent),
            ("誡勉 not after its period", admonished, 2026, None, None, Excellent),
            ("the heaviest applies", both, 2024, Some(Effect::NoGrade), Some(Competent), Undetermined),
        ];
        for (what, standing, year, effect, refused, allowed) in table {
            let verdict = judge(&rules, &standing, year, Some(250));
            assert_eq!(verdict.heaviest().map(|f| f.effect), effect, "{what}");
            if let Some(refused) = refused {
                assert!(!verdict.allows(refused), "{what}: {refused:?} refused");
            }
            assert!(verdict.allows(allowed), "{what}: {allowed:?} allowed");
        }
        let verdict = judge(&rules, &sick, 2024, None);
        assert!(verdict.findings.is_empty(), "without the year's working days the leave rule cannot apply");
        let verdict = judge(&rules, &open, 2024, Some(250));
        assert!(verdict.withholds_comment(), "an open case withholds the comment too");
        assert!(!judge(&rules, &sick, 2024, Some(250)).withholds_comment(), "leave keeps the comment");
    }

    #[test]
    fn a_finding_names_its_facts() {
        let warned = Standing { sanctions: vec![sanction(SanctionKind::Warning, day(2024, 3, 5))], ..Default::default() };
        let verdict = judge(&Rules::default(), &warned, 2024, None);
        assert_eq!(
            verdict.findings,
            vec![Finding {
                effect: Effect::NotExcellent,
                cause: Cause::Sanction { kind: SanctionKind::Warning, doc_no: "稅紀〔2024〕3號".into(), effective: day(2024, 3, 5) }
            }]
        );
        let sick = Standing { leave: vec![Leave { year: 2024, kind: LeaveKind::Sick, days: 190 }], ..Default::default() };
        assert_eq!(judge(&Rules::default(), &sick, 2024, Some(250)).findings[0].cause, Cause::Leave { days: 190, working: 250 });
    }

    #[test]
    fn rules_are_data_the_bureau_edits() {
        let mut rules = Rules::default();
        let warned = Standing { sanctions: vec![sanction(SanctionKind::Warning, day(2024, 3, 5))], ..Default::default() };
        rules.rules[3].effect = Effect::NotAbove(Grade::Basic);
        let verdict = judge(&rules, &warned, 2024, None);
        assert!(!verdict.allows(Grade::Competent) && verdict.allows(Grade::Basic), "not above 基本稱職");
        rules.rules[3].on = false;
        assert!(judge(&rules, &warned, 2024, None).findings.is_empty(), "a rule turned off applies to no one");
        let table: [(&str, Rule); 4] = [
            ("no kinds", Rule { on: true, condition: Condition::Sanction { kinds: vec![], reach: Reach::Year }, effect: Effect::NoGrade }),
            ("0%", Rule { on: true, condition: Condition::Leave { kinds: vec![LeaveKind::Sick], percent: 0 }, effect: Effect::NoGrade }),
            (
                "101%",
                Rule { on: true, condition: Condition::Leave { kinds: vec![LeaveKind::Sick], percent: 101 }, effect: Effect::NoGrade },
            ),
            ("not above 優秀", Rule { on: true, condition: Condition::Probation, effect: Effect::NotAbove(Grade::Excellent) }),
        ];
        for (what, rule) in table {
            assert!(Rules { rules: vec![rule] }.validate().is_err(), "{what}");
        }
        assert!(Rules { rules: vec![Rules::default().rules[0].clone(); MAX_RULES + 1] }.validate().is_err());
        assert!(Rules::default().validate().is_ok());
    }
}
