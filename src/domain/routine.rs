//! 平時考核 and 專項考核: the year's periods (quarters or months, each with a deadline), the
//! official's 個人小結 → the supervisor's rating (政治品質, 職業道德, 工作作風, 廉潔自律, 個性指標 and
//! the overall result 好/較好/一般/較差 with a comment) and attendance → the official's
//! acknowledgement; the 好 quota per unit or quota group (share, rounding, minimum); the rule sets
//! that suggest a year-end grade from the year's 平時 results; and 專項考核 events. Rules only.

use super::catalogue::vocabulary;
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_LONG, MAX_TITLE, clean};
use super::yearend::{Grade, QuotaUse};
use super::{OfficialId, UnitId};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// A 平時 result, overall or on one criterion.
    Rating {
        /// 好
        Good = "good",
        /// 較好
        FairlyGood = "fairly_good",
        /// 一般
        Average = "average",
        /// 較差
        Poor = "poor",
    }
);

vocabulary!(
    /// How a year is divided into 平時 periods.
    Cadence {
        /// Four quarters (the default).
        Quarterly = "quarterly",
        /// Twelve months.
        Monthly = "monthly",
    }
);

vocabulary!(
    /// Where a 平時 record stands.
    Stage {
        /// The official writes the 個人小結.
        Draft = "draft",
        /// Handed to the supervisor.
        Submitted = "submitted",
        /// The supervisor has rated it; with the official to see.
        Rated = "rated",
        /// The official has seen and acknowledged the result.
        Acknowledged = "acknowledged",
    }
);

pub use super::quota::Rounding;

/// The criteria of the 平時考核登記表, in order: 政治品質, 職業道德, 工作作風, 廉潔自律, and the
/// post's 個性指標 (工作數量、質量、效率、效益和業務能力).
pub const CRITERIA: usize = 5;

/// One period of a year: `number` 1–4 (quarters) or 1–12 (months).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Period {
    pub year: i32,
    pub cadence: Cadence,
    pub number: u8,
}

impl Period {
    /// How many periods a year has under `cadence`.
    pub fn count(cadence: Cadence) -> u8 {
        match cadence {
            Cadence::Quarterly => 4,
            Cadence::Monthly => 12,
        }
    }

    /// The code as the command line and spreadsheets write it: `2012Q3`, `2012M07`.
    pub fn code(&self) -> String {
        match self.cadence {
            Cadence::Quarterly => format!("{}Q{}", self.year, self.number),
            Cadence::Monthly => format!("{}M{:02}", self.year, self.number),
        }
    }

    /// Reads `2012Q3` or `2012M07` (`2012m7`, `2012-Q3` too); `None` for anything else.
    pub fn parse(text: &str) -> Option<Period> {
        let text: String = text.trim().chars().filter(|c| *c != '-' && *c != ' ').collect::<String>().to_uppercase();
        let at = text.find(['Q', 'M'])?;
        let year: i32 = text[..at].parse().ok().filter(|y| (2000..=2100).contains(y))?;
        let cadence = if text[at..].starts_with('Q') { Cadence::Quarterly } else { Cadence::Monthly };
        let number: u8 = text[at + 1..].parse().ok()?;
        (1..=Period::count(cadence)).contains(&number).then_some(Period { year, cadence, number })
    }

    /// The first and last day of the period.
    pub fn days(&self) -> (chrono::NaiveDate, chrono::NaiveDate) {
        let months = match self.cadence {
            Cadence::Quarterly => u32::from(self.number) * 3 - 2..=u32::from(self.number) * 3,
            Cadence::Monthly => u32::from(self.number)..=u32::from(self.number),
        };
        let first = chrono::NaiveDate::from_ymd_opt(self.year, *months.start(), 1).unwrap_or_default();
        let after = if *months.end() == 12 {
            chrono::NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            chrono::NaiveDate::from_ymd_opt(self.year, months.end() + 1, 1)
        };
        (first, after.and_then(|d| d.pred_opt()).unwrap_or(first))
    }

    /// The default deadline: ten days after the period ends.
    pub fn default_deadline(&self) -> chrono::NaiveDate {
        self.days().1 + chrono::Duration::days(10)
    }
}

/// Days of attendance in a period: 出勤, 事假, 病假, 曠工.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub present: u16,
    pub personal: u16,
    pub sick: u16,
    pub absent: u16,
}

impl Attendance {
    pub fn total(&self) -> u32 {
        u32::from(self.present) + u32::from(self.personal) + u32::from(self.sick) + u32::from(self.absent)
    }
}

/// A step of the 平時 record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// The official saves the 個人小結.
    Save,
    /// The official hands it in.
    Submit,
    /// The supervisor (a reviewer of the unit) rates the criteria and the result.
    Rate,
    /// The official has seen the result.
    Acknowledge,
    /// The supervisor sends it back with a reason.
    Return,
}

/// Who takes a step: the official (`true`) or the supervisor.
impl Step {
    pub fn by_official(self) -> bool {
        matches!(self, Step::Save | Step::Submit | Step::Acknowledge)
    }

    pub fn code(self) -> &'static str {
        match self {
            Step::Save => "save",
            Step::Submit => "submit",
            Step::Rate => "rate",
            Step::Acknowledge => "acknowledge",
            Step::Return => "return",
        }
    }
}

/// The stage after `step` from `from`, or `None` when the chain does not allow it.
pub fn next_stage(from: Stage, step: Step) -> Option<Stage> {
    use Stage::*;
    match (from, step) {
        (Draft, Step::Save) => Some(Draft),
        (Draft, Step::Submit) => Some(Submitted),
        (Submitted | Rated, Step::Rate) => Some(Rated),
        (Rated, Step::Acknowledge) => Some(Acknowledged),
        (Submitted | Rated, Step::Return) => Some(Draft),
        _ => None,
    }
}

/// Everything a 平時 record holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutineData {
    /// 個人小結.
    pub summary: String,
    /// The supervisor's rating of each criterion, in [`CRITERIA`]' order.
    pub criteria: [Option<Rating>; CRITERIA],
    /// The overall result.
    pub result: Option<Rating>,
    /// The supervisor's comment (審核評鑒意見).
    pub comment: String,
    pub attendance: Attendance,
    /// Who rated it and when.
    pub rated_by: String,
    pub rated_on: Option<chrono::NaiveDate>,
    /// When the official acknowledged the result.
    pub acknowledged_on: Option<chrono::NaiveDate>,
    /// Why it was last returned.
    pub reason: String,
}

impl RoutineData {
    /// Checks the texts and the attendance (no more days than the period has); `submit` needs
    /// the summary, `rate` the overall result.
    pub fn validate(self, period: &Period, submit: bool, rate: bool) -> Result<RoutineData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let summary = clean(&self.summary, Field::Reflection, submit, MAX_LONG, &mut problems);
        let comment = clean(&self.comment, Field::Comment, false, MAX_LONG, &mut problems);
        let reason = clean(&self.reason, Field::Reason, false, MAX_LONG, &mut problems);
        if rate && self.result.is_none() {
            problems.push(Field::Grade, Problem::Required);
        }
        let (first, last) = period.days();
        let days = (last - first).num_days() + 1;
        if i64::from(self.attendance.total()) > days {
            problems.push(Field::Record, Problem::OutOfRange { min: 0, max: days });
        }
        problems.finish(RoutineData { summary, comment, reason, ..self })
    }
}

/// A stored 平時 record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoutineRecord {
    pub id: i64,
    pub uuid: String,
    pub period: i64,
    pub official: OfficialId,
    pub stage: Stage,
    pub data: RoutineData,
}

/// A stored period with its deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodRow {
    pub id: i64,
    pub period: Period,
    pub deadline: chrono::NaiveDate,
}

// ---------------------------------------------------------------------------------------------
// The 好 quota.

/// Units pooled into one quota group (small units merged).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaGroup {
    pub name: String,
    pub units: Vec<UnitId>,
}

/// The bureau's 好 quota: the share, its rounding and minimum, and the quota groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaSettings {
    pub percent: u32,
    pub rounding: Rounding,
    pub minimum: u32,
    pub groups: Vec<QuotaGroup>,
}

impl Default for QuotaSettings {
    fn default() -> QuotaSettings {
        QuotaSettings { percent: 40, rounding: Rounding::Floor, minimum: 1, groups: Vec::new() }
    }
}

impl QuotaSettings {
    /// Checks the share (1–100), the minimum (0–10) and the groups (named, no unit in two).
    pub fn validate(self) -> Result<QuotaSettings, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        if !(1..=100).contains(&self.percent) {
            problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 100 });
        }
        if self.minimum > 10 {
            problems.push(Field::Record, Problem::OutOfRange { min: 0, max: 10 });
        }
        let mut seen = std::collections::HashSet::new();
        let groups = self
            .groups
            .into_iter()
            .enumerate()
            .map(|(i, g)| {
                let name = clean(&g.name, Field::Title, true, MAX_TITLE, &mut problems);
                if g.units.is_empty() {
                    problems.push(Field::Unit, Problem::Required);
                }
                if g.units.iter().any(|u| !seen.insert(*u)) {
                    problems.push(Field::Unit, Problem::DuplicateInFile { row: i + 1 });
                }
                QuotaGroup { name, units: g.units }
            })
            .collect();
        problems.finish(QuotaSettings { groups, ..self })
    }

    /// The group holding `unit`, if any.
    pub fn group_of(&self, unit: UnitId) -> Option<&QuotaGroup> {
        self.groups.iter().find(|g| g.units.contains(&unit))
    }
}

/// How many of `assessed` people may be rated 好: the share rounded as set, at least the
/// minimum (10 at 40% → 4; 5 → 2; 1 → 1 by the minimum), never more than those assessed.
pub fn good_allowed(assessed: usize, settings: &QuotaSettings) -> usize {
    super::quota::allowed(assessed, settings.percent, settings.rounding, settings.minimum)
}

/// The quota's use over these results (`None`: not rated yet, not counted).
pub fn good_quota(results: &[Option<Rating>], settings: &QuotaSettings) -> QuotaUse {
    let assessed = results.iter().flatten().count();
    let good = results.iter().flatten().filter(|r| **r == Rating::Good).count();
    QuotaUse { assessed, excellent: good, allowed: good_allowed(assessed, settings) }
}

// ---------------------------------------------------------------------------------------------
// From 平時 results to a suggested year-end grade.

/// One rule of a rule set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// No 好 in the year → not 優秀.
    NoGoodNotExcellent,
    /// A period 較差 → not above 基本稱職.
    PoorNotAboveBasic,
    /// A score: the 平時 results' mean points weigh `routine_percent`, the year-end proposal
    /// the rest; the score's band gives the grade.
    Weighted {
        routine_percent: u32,
        /// Points of 好, 較好, 一般, 較差.
        points: [u32; 4],
        /// Points of the proposed 優秀, 稱職, 基本稱職, 不稱職.
        grade_points: [u32; 4],
        /// The least score for 優秀, 稱職 and 基本稱職; below the last, 不稱職.
        bands: [u32; 3],
    },
}

/// A named list of rules, applied together (the lowest grade any allows wins).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleSet {
    pub name: String,
    pub rules: Vec<Rule>,
}

/// The bureau's rule sets and the one in use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleBook {
    pub sets: Vec<RuleSet>,
    pub chosen: usize,
}

/// The shipped weighting: 平時 60%, the year-end proposal 40%, bands 90 / 75 / 60.
pub fn shipped_weighting() -> Rule {
    Rule::Weighted { routine_percent: 60, points: [95, 85, 75, 60], grade_points: [95, 85, 70, 50], bands: [90, 75, 60] }
}

impl Default for RuleBook {
    /// The three shipped rule sets; the first in use.
    fn default() -> RuleBook {
        RuleBook {
            sets: vec![
                RuleSet { name: "無「好」不評優秀".into(), rules: vec![Rule::NoGoodNotExcellent] },
                RuleSet { name: "有「較差」不高於基本稱職".into(), rules: vec![Rule::PoorNotAboveBasic] },
                RuleSet { name: "平時60%＋年終40%".into(), rules: vec![shipped_weighting()] },
            ],
            chosen: 0,
        }
    }
}

impl RuleBook {
    /// Checks the sets: at least one, named, the chosen one among them, weights and bands sane.
    pub fn validate(self) -> Result<RuleBook, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        if self.sets.is_empty() || self.chosen >= self.sets.len() {
            problems.push(Field::Record, Problem::Required);
        }
        let sets = self
            .sets
            .into_iter()
            .map(|s| {
                let name = clean(&s.name, Field::Title, true, MAX_TITLE, &mut problems);
                for rule in &s.rules {
                    if let Rule::Weighted { routine_percent, bands, .. } = rule
                        && (*routine_percent > 100 || bands[0] < bands[1] || bands[1] < bands[2])
                    {
                        problems.push(Field::Score, Problem::OutOfRange { min: 0, max: 100 });
                    }
                }
                RuleSet { name, rules: s.rules }
            })
            .collect();
        problems.finish(RuleBook { sets, ..self })
    }

    pub fn current(&self) -> Option<&RuleSet> {
        self.sets.get(self.chosen)
    }
}

/// Why a grade is suggested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// No period rated 好.
    NoGood,
    /// `count` periods rated 較差.
    Poor { count: usize },
    /// The weighted score (tenths of a point), from the 平時 mean and the year-end proposal's points.
    Score { tenths: u32 },
    /// Nothing in the rules limits the grade.
    NoLimit,
    /// No 平時 result yet this year.
    NoResults,
}

/// A suggested year-end grade: the highest the rules allow, the grade they give (the proposal
/// held under that ceiling, or the weighted score's band), and why. Never more than a suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub ceiling: Option<Grade>,
    pub grade: Option<Grade>,
    pub reasons: Vec<Reason>,
}

/// 優秀 highest; 不定等次 is not on the scale.
fn rank(grade: Grade) -> Option<u8> {
    match grade {
        Grade::Excellent => Some(4),
        Grade::Competent => Some(3),
        Grade::Basic => Some(2),
        Grade::Incompetent => Some(1),
        Grade::Undetermined => None,
    }
}

fn lower(a: Option<Grade>, b: Grade) -> Grade {
    match a {
        Some(a) if rank(a) <= rank(b) => a,
        _ => b,
    }
}

fn rating_index(rating: Rating) -> usize {
    Rating::ALL.iter().position(|r| *r == rating).unwrap_or(0)
}

/// The suggestion of `set` for someone with these 平時 results over the year and this year-end
/// proposal (the committee's grade, else the supervisor's proposal).
pub fn suggest(set: &RuleSet, results: &[Rating], proposal: Option<Grade>) -> Suggestion {
    let mut ceiling: Option<Grade> = None;
    let mut reasons = Vec::new();
    let mut scored: Option<Grade> = None;
    if results.is_empty() {
        return Suggestion { ceiling: None, grade: None, reasons: vec![Reason::NoResults] };
    }
    for rule in &set.rules {
        match rule {
            Rule::NoGoodNotExcellent => {
                if !results.contains(&Rating::Good) {
                    ceiling = Some(lower(ceiling, Grade::Competent));
                    reasons.push(Reason::NoGood);
                }
            }
            Rule::PoorNotAboveBasic => {
                let count = results.iter().filter(|r| **r == Rating::Poor).count();
                if count > 0 {
                    ceiling = Some(lower(ceiling, Grade::Basic));
                    reasons.push(Reason::Poor { count });
                }
            }
            Rule::Weighted { routine_percent, points, grade_points, bands } => {
                let mean = results.iter().map(|r| points[rating_index(*r)]).sum::<u32>() * 10 / results.len() as u32;
                let year_end = proposal.and_then(rank).map(|r| grade_points[usize::from(4 - r)] * 10);
                let weight = (*routine_percent).min(100);
                let tenths = match year_end {
                    Some(y) => (mean * weight + y * (100 - weight)) / 100,
                    None => mean,
                };
                let band = if tenths >= bands[0] * 10 {
                    Grade::Excellent
                } else if tenths >= bands[1] * 10 {
                    Grade::Competent
                } else if tenths >= bands[2] * 10 {
                    Grade::Basic
                } else {
                    Grade::Incompetent
                };
                scored = Some(lower(scored, band));
                reasons.push(Reason::Score { tenths });
            }
        }
    }
    if reasons.is_empty() {
        reasons.push(Reason::NoLimit);
    }
    let held = proposal.filter(|p| rank(*p).is_some()).map(|p| ceiling.map_or(p, |c| lower(Some(p), c)));
    let grade = match (scored, held) {
        (Some(s), _) => Some(ceiling.map_or(s, |c| lower(Some(s), c))),
        (None, held) => held,
    };
    Suggestion { ceiling, grade, reasons }
}

// ---------------------------------------------------------------------------------------------
// 專項考核.

/// One person's part in a 專項考核 event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialResult {
    pub official: OfficialId,
    pub result: Option<Rating>,
    pub note: String,
}

/// A 專項考核 event: the task (a tax audit campaign, flood duty…), its day, the evidence, and
/// each person who took part with their result and a note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialEvent {
    pub id: i64,
    pub uuid: String,
    pub date: chrono::NaiveDate,
    pub task: String,
    pub evidence: String,
    pub results: Vec<SpecialResult>,
}

impl SpecialEvent {
    /// Checks the task (needed), the evidence and notes, and that nobody is listed twice.
    pub fn validate(self) -> Result<SpecialEvent, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let task = clean(&self.task, Field::Title, true, MAX_TITLE * 2, &mut problems);
        let evidence = clean(&self.evidence, Field::Record, false, MAX_LONG, &mut problems);
        let mut seen = std::collections::HashSet::new();
        let results = self
            .results
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                if !seen.insert(r.official) {
                    problems.push(Field::Official, Problem::DuplicateInFile { row: i + 1 });
                }
                SpecialResult { note: clean(&r.note, Field::Comment, false, MAX_LONG, &mut problems), ..r }
            })
            .collect();
        problems.finish(SpecialEvent { task, evidence, results, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_read_and_write_their_codes() {
        let q3 = Period::parse("2012Q3").unwrap();
        assert_eq!((q3.year, q3.cadence, q3.number, q3.code()), (2012, Cadence::Quarterly, 3, "2012Q3".to_owned()));
        assert_eq!(Period::parse("2012m7").unwrap().code(), "2012M07");
        assert_eq!(Period::parse("2012-Q4").unwrap().days().1, chrono::NaiveDate::from_ymd_opt(2012, 12, 31).unwrap());
        assert_eq!(q3.days().0, chrono::NaiveDate::from_ymd_opt(2012, 7, 1).unwrap());
        for bad in ["2012Q5", "2012M13", "2012Q0", "12Q3", "2012", "Q3", "2012X1"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_chain_allows_only_its_steps() {
        use Stage::*;
        let steps = [Step::Save, Step::Submit, Step::Rate, Step::Acknowledge, Step::Return];
        let allowed = [
            (Draft, Step::Save, Draft),
            (Draft, Step::Submit, Submitted),
            (Submitted, Step::Rate, Rated),
            (Rated, Step::Rate, Rated),
            (Rated, Step::Acknowledge, Acknowledged),
            (Submitted, Step::Return, Draft),
            (Rated, Step::Return, Draft),
        ];
        for from in Stage::ALL {
            for step in steps {
                let want = allowed.iter().find(|(f, s, _)| f == from && *s == step).map(|(_, _, to)| *to);
                assert_eq!(next_stage(*from, step), want, "{from:?} {step:?}");
            }
        }
    }

    #[test]
    fn attendance_cannot_exceed_the_periods_days() {
        let q1 = Period::parse("2012Q1").unwrap();
        let data = |present| RoutineData { attendance: Attendance { present, sick: 2, ..Default::default() }, ..Default::default() };
        assert!(data(89).validate(&q1, false, false).is_ok(), "2012Q1 has 91 days");
        assert!(data(90).validate(&q1, false, false).is_err());
        assert!(RoutineData::default().validate(&q1, true, false).is_err(), "handing in needs the summary");
        assert!(RoutineData::default().validate(&q1, false, true).is_err(), "rating needs the result");
    }

    #[test]
    fn the_good_quota_table() {
        let settings = QuotaSettings::default();
        let good = |n| vec![Some(Rating::Good); n];
        // 10 assessed, 5 好: 4 allowed, over.
        let mut ten = good(5);
        ten.extend(vec![Some(Rating::FairlyGood); 5]);
        ten.push(None);
        let q = good_quota(&ten, &settings);
        assert_eq!((q.assessed, q.excellent, q.allowed, q.over()), (10, 5, 4, true));
        // A group of 2 + 3 → 5 assessed → 2 allowed.
        assert_eq!(good_allowed(2 + 3, &settings), 2);
        // One person → 0.4 floors to 0, the minimum gives 1.
        assert_eq!(good_allowed(1, &settings), 1);
        assert_eq!(good_allowed(0, &settings), 0, "nobody assessed, nobody allowed");
        let table = [
            (7, 40, Rounding::Floor, 1, 2),
            (7, 40, Rounding::Nearest, 1, 3),
            (7, 40, Rounding::Ceil, 1, 3),
            (2, 40, Rounding::Floor, 0, 0),
            (2, 40, Rounding::Floor, 3, 2),
            (30, 30, Rounding::Floor, 1, 9),
        ];
        for (assessed, percent, rounding, minimum, want) in table {
            let s = QuotaSettings { percent, rounding, minimum, groups: vec![] };
            assert_eq!(good_allowed(assessed, &s), want, "{assessed} at {percent}% {rounding:?} min {minimum}");
        }
        let bad = QuotaSettings {
            groups: vec![
                QuotaGroup { name: "小科室".into(), units: vec![UnitId(2), UnitId(3)] },
                QuotaGroup { name: "又一組".into(), units: vec![UnitId(3)] },
            ],
            ..QuotaSettings::default()
        };
        assert!(bad.validate().is_err(), "a unit in two groups");
        assert!(QuotaSettings { percent: 0, ..QuotaSettings::default() }.validate().is_err());
    }

    #[test]
    fn the_rule_sets_table() {
        use Grade::*;
        use Rating::*;
        let book = RuleBook::default();
        let (no_good, poor, weighted) = (&book.sets[0], &book.sets[1], &book.sets[2]);
        // The rule set, the year's results, the proposal; the grade and the ceiling suggested.
        type Case<'a> = (&'a RuleSet, &'a [Rating], Option<Grade>, Option<Grade>, Option<Grade>);
        let cases: [Case<'_>; 10] = [
            (no_good, &[Good, FairlyGood, FairlyGood, Average], Some(Excellent), Some(Excellent), None),
            (no_good, &[FairlyGood, FairlyGood, FairlyGood, FairlyGood], Some(Excellent), Some(Competent), Some(Competent)),
            (no_good, &[FairlyGood, Average], None, None, Some(Competent)),
            (no_good, &[FairlyGood, Average], Some(Basic), Some(Basic), Some(Competent)),
            (poor, &[Good, Poor, Good, Good], Some(Excellent), Some(Basic), Some(Basic)),
            (poor, &[Good, Good, Good, Good], Some(Competent), Some(Competent), None),
            (poor, &[Poor], Some(Incompetent), Some(Incompetent), Some(Basic)),
            // 4 × 好 = 95; with 優秀 95 → 95 → 優秀.
            (weighted, &[Good, Good, Good, Good], Some(Excellent), Some(Excellent), None),
            // 好 好 較好 較好 = 90 × 0.6 + 稱職 85 × 0.4 = 88 → 稱職.
            (weighted, &[Good, Good, FairlyGood, FairlyGood], Some(Competent), Some(Competent), None),
            // 一般 較差 = 67.5 × 0.6 + 基本稱職 70 × 0.4 = 68.5 → 基本稱職.
            (weighted, &[Average, Poor], Some(Basic), Some(Basic), None),
        ];
        for (set, results, proposal, grade, ceiling) in cases {
            let s = suggest(set, results, proposal);
            assert_eq!((s.grade, s.ceiling), (grade, ceiling), "{} {results:?} {proposal:?}", set.name);
        }
        let s = suggest(weighted, &[Good, Good, FairlyGood, FairlyGood], Some(Competent));
        assert_eq!(s.reasons, vec![Reason::Score { tenths: 880 }]);
        assert_eq!(suggest(poor, &[Good], Some(Competent)).reasons, vec![Reason::NoLimit]);
        assert_eq!(suggest(no_good, &[], Some(Excellent)).reasons, vec![Reason::NoResults]);
        let both = RuleSet { name: "兩條".into(), rules: vec![Rule::NoGoodNotExcellent, Rule::PoorNotAboveBasic] };
        let s = suggest(&both, &[Average, Poor], Some(Excellent));
        assert_eq!((s.grade, s.reasons), (Some(Basic), vec![Reason::NoGood, Reason::Poor { count: 1 }]));
        assert!(RuleBook { chosen: 3, ..RuleBook::default() }.validate().is_err());
        let odd = RuleSet {
            name: "倒置".into(),
            rules: vec![Rule::Weighted {
                routine_percent: 60,
                points: [95, 85, 75, 60],
                grade_points: [95, 85, 70, 50],
                bands: [60, 75, 90],
            }],
        };
        assert!(RuleBook { sets: vec![odd], chosen: 0 }.validate().is_err(), "bands out of order");
    }

    #[test]
    fn a_special_event_needs_its_task_and_lists_each_person_once() {
        let one = SpecialResult { official: OfficialId(1), result: Some(Rating::Good), note: " 表現突出 ".into() };
        let event = SpecialEvent {
            id: 0,
            uuid: String::new(),
            date: chrono::NaiveDate::from_ymd_opt(2012, 7, 20).unwrap(),
            task: "防汛值守".into(),
            evidence: String::new(),
            results: vec![one.clone()],
        };
        assert_eq!(event.clone().validate().unwrap().results[0].note, "表現突出");
        assert!(SpecialEvent { results: vec![one.clone(), one], ..event.clone() }.validate().is_err());
        assert!(SpecialEvent { task: " ".into(), ..event }.validate().is_err());
    }
}
