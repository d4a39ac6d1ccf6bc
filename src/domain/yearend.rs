//! Year-end (總結評估): the official's 自查驗收 against the four standards, the year-end record
//! behind the 公務員年度考核登記表 with its sign-off chain (the official's summary → the
//! supervisor's comment and proposed grade → the committee's opinion and grade → the official's
//! own opinion → locked), returns for rework, an audited reopen, and the 優秀 quota. Rules only.

use super::catalogue::vocabulary;
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_LONG, MAX_SHORT, clean};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// The year-end grades.
    Grade {
        /// 優秀
        Excellent = "excellent",
        /// 稱職
        Competent = "competent",
        /// 基本稱職
        Basic = "basic",
        /// 不稱職
        Incompetent = "incompetent",
        /// 不定等次 (probationers and special cases)
        Undetermined = "undetermined",
    }
);

vocabulary!(
    /// How far a standard is met, in the 自查驗收.
    Met {
        /// 達到
        Yes = "yes",
        /// 基本達到
        Partly = "partly",
        /// 未達到
        No = "no",
    }
);

vocabulary!(
    /// Where a year-end record stands in its sign-off chain.
    Stage {
        /// The official writes the summary and the 自查驗收.
        Draft = "draft",
        /// Handed to the supervisor.
        Submitted = "submitted",
        /// The supervisor has commented and proposed a grade; with the committee.
        Commented = "commented",
        /// The committee (機關負責人或者考核委員會) has given its opinion and the grade; back with
        /// the official for their own opinion.
        Decided = "decided",
        /// The official has signed: the record is locked.
        Locked = "locked",
    }
);

/// A step of the sign-off chain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// The official saves the draft.
    Save,
    /// The official hands the summary in.
    Submit,
    /// The supervisor (a reviewer of the unit) comments and proposes a grade.
    Comment,
    /// The committee (an administrator) agrees or not and sets the grade.
    Decide,
    /// The official gives their own opinion and signs: locked.
    Acknowledge,
    /// The supervisor or the committee sends it back to the official, with a reason.
    Return,
    /// An administrator reopens a locked record, with a reason.
    Reopen,
}

/// Who takes a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Official,
    Supervisor,
    Committee,
}

impl Step {
    pub fn actor(self) -> Actor {
        match self {
            Step::Save | Step::Submit | Step::Acknowledge => Actor::Official,
            Step::Comment | Step::Return => Actor::Supervisor,
            Step::Decide | Step::Reopen => Actor::Committee,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Step::Save => "save",
            Step::Submit => "submit",
            Step::Comment => "comment",
            Step::Decide => "decide",
            Step::Acknowledge => "acknowledge",
            Step::Return => "return",
            Step::Reopen => "reopen",
        }
    }
}

/// The stage after `step` from `from`, or `None` when the chain does not allow it.
pub fn next_stage(from: Stage, step: Step) -> Option<Stage> {
    use Stage::*;
    match (from, step) {
        (Draft, Step::Save) => Some(Draft),
        (Draft, Step::Submit) => Some(Submitted),
        (Submitted, Step::Comment) | (Commented, Step::Comment) => Some(Commented),
        (Commented, Step::Decide) | (Decided, Step::Decide) => Some(Decided),
        (Decided, Step::Acknowledge) => Some(Locked),
        (Submitted | Commented | Decided, Step::Return) => Some(Draft),
        (Locked, Step::Reopen) => Some(Draft),
        _ => None,
    }
}

/// The four standards of the individual 自查驗收, in order.
pub const STANDARDS: usize = 4;

/// One standard's self-evaluation, or the reviewer's view of it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub met: Option<Met>,
    pub text: String,
}

/// A signed opinion: its text, the signer and the day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opinion {
    pub text: String,
    pub by: String,
    pub on: Option<chrono::NaiveDate>,
}

/// Everything a year-end record holds besides the roster's facts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEndData {
    /// 從事或分管工作.
    pub work: String,
    /// 個人總結 (德、能、勤、績、廉).
    pub summary: String,
    /// 自查驗收: the official's view of the four standards, and the reviewer's beside it.
    pub own: [Evaluation; STANDARDS],
    pub reviewed: [Evaluation; STANDARDS],
    /// 獎懲情況.
    pub rewards: String,
    /// 脫產培訓情況.
    pub training: String,
    /// 主管領導評語 and the proposed grade.
    pub supervisor: Opinion,
    pub proposed: Option<Grade>,
    /// 機關負責人或者考核委員會意見: agrees with the proposal or not, and the grade.
    pub committee: Opinion,
    pub agrees: Option<bool>,
    pub grade: Option<Grade>,
    /// 被考核人意見.
    pub official: Opinion,
    /// 未確定等次或不參加考核情況說明.
    pub undetermined: String,
    /// 備註.
    pub remarks: String,
    /// Why it was last returned or reopened.
    pub reason: String,
}

impl YearEndData {
    /// Checks the texts' lengths; `submit` also needs the summary and all four self-evaluations.
    pub fn validate(self, submit: bool) -> Result<YearEndData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let work = clean(&self.work, Field::PositionTitle, false, MAX_SHORT * 5, &mut problems);
        let summary = clean(&self.summary, Field::Reflection, submit, MAX_LONG, &mut problems);
        let rewards = clean(&self.rewards, Field::Record, false, MAX_LONG, &mut problems);
        let training = clean(&self.training, Field::Training, false, MAX_LONG, &mut problems);
        let undetermined = clean(&self.undetermined, Field::Record, false, MAX_LONG, &mut problems);
        let remarks = clean(&self.remarks, Field::Record, false, MAX_LONG, &mut problems);
        for evaluation in self.own.iter().chain(self.reviewed.iter()) {
            clean(&evaluation.text, Field::Comment, false, MAX_LONG, &mut problems);
        }
        for opinion in [&self.supervisor, &self.committee, &self.official] {
            clean(&opinion.text, Field::Comment, false, MAX_LONG, &mut problems);
        }
        if submit && self.own.iter().any(|e| e.met.is_none()) {
            problems.push(Field::Status, Problem::Required);
        }
        problems.finish(YearEndData { work, summary, rewards, training, undetermined, remarks, ..self })
    }
}

/// A stored year-end record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearEnd {
    pub id: i64,
    pub uuid: String,
    pub official: super::OfficialId,
    pub year: i32,
    pub stage: Stage,
    pub data: YearEndData,
    pub version: i64,
}

/// The five standards of a unit's 檢查驗收, in order: 機構和崗位職責明確; 履責、問責和崗位目標責任
/// 考核等制度規範健全; 整體能力適應發展需要; 中心業務運轉高效; 社會評價良好.
pub const UNIT_STANDARDS: usize = 5;

/// The personnel section's 檢查驗收 of a unit for a year: each of the five standards met or
/// not with a note, the overall opinion, and who signed it on which day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitReview {
    pub standards: [Evaluation; UNIT_STANDARDS],
    /// 檢查驗收意見.
    pub notes: String,
    pub by: String,
    pub on: Option<chrono::NaiveDate>,
}

impl UnitReview {
    /// Checks the notes' lengths; a review is stored only with every standard judged.
    pub fn validate(self) -> Result<UnitReview, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let standards =
            self.standards.map(|e| Evaluation { met: e.met, text: clean(&e.text, Field::Reflection, false, MAX_LONG, &mut problems) });
        if standards.iter().any(|e| e.met.is_none()) {
            problems.push(Field::Status, Problem::Required);
        }
        let notes = clean(&self.notes, Field::Comment, false, MAX_LONG, &mut problems);
        problems.finish(UnitReview { standards, notes, ..self })
    }

    /// How many standards are met (達到).
    pub fn met(&self) -> usize {
        self.standards.iter().filter(|e| e.met == Some(Met::Yes)).count()
    }
}

/// The 優秀 quota: how many of `assessed` people may be graded 優秀 at `percent` — rounded
/// down, as the share may not be exceeded (5 people at 20% → 1; 4 people → 0).
pub fn excellent_allowed(assessed: usize, percent: u32) -> usize {
    assessed * percent as usize / 100
}

/// The quota's use in a group (a unit or the bureau): who counts, how many are 優秀, how many may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotaUse {
    /// People graded, 不定等次 not counted.
    pub assessed: usize,
    pub excellent: usize,
    pub allowed: usize,
}

impl QuotaUse {
    /// Over the quota: a warning with the numbers, never a silent cap.
    pub fn over(&self) -> bool {
        self.excellent > self.allowed
    }
}

/// The quota's use over these grades (`None`: not graded yet, not counted).
pub fn quota_use(grades: &[Option<Grade>], percent: u32) -> QuotaUse {
    let assessed = grades.iter().flatten().filter(|g| **g != Grade::Undetermined).count();
    let excellent = grades.iter().flatten().filter(|g| **g == Grade::Excellent).count();
    QuotaUse { assessed, excellent, allowed: excellent_allowed(assessed, percent) }
}

/// What the bureau's year-end summary knows of one official.
#[derive(Clone, Debug, PartialEq)]
pub struct YearPerson {
    /// The unit directly under the bureau they belong to.
    pub group: crate::domain::UnitId,
    pub grade: Option<Grade>,
    /// The year's assessed capability levels (the supervisor's, else their own), when checked.
    pub levels: Option<crate::domain::selfcheck::Levels>,
    /// The sum of their gaps to the post's requirement, when checked.
    pub gap: Option<u32>,
    /// Whether they meet every training quota that applies (`None`: none applies).
    pub trained: Option<bool>,
}

/// A group's figures in the year-end summary (a unit with its sub-units, or the bureau).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearFigures {
    pub people: usize,
    /// Graded people per grade, in [`Grade::ALL`]'s order.
    pub grades: [usize; 5],
    pub quota: Option<QuotaUse>,
    /// Average assessed level per capability, and over all of them.
    pub levels: [Option<f32>; 8],
    pub level: Option<f32>,
    /// How many were checked, their average total gap, and how many have any gap.
    pub checked: usize,
    pub gap: Option<f32>,
    pub with_gaps: usize,
    /// Those a quota applies to, and those meeting all of theirs.
    pub trained: (usize, usize),
}

fn mean(sum: u32, n: u32) -> Option<f32> {
    (n > 0).then(|| sum as f32 / n as f32)
}

/// The figures of `people` with the 優秀 quota at `percent`.
pub fn year_figures(people: &[&YearPerson], percent: u32) -> YearFigures {
    let mut out = YearFigures { people: people.len(), ..Default::default() };
    let mut level_sums = [(0u32, 0u32); 8];
    let (mut gap_sum, mut gap_n) = (0, 0);
    for person in people {
        if let Some(grade) = person.grade {
            out.grades[Grade::ALL.iter().position(|g| *g == grade).unwrap_or(0)] += 1;
        }
        for (sum, level) in level_sums.iter_mut().zip(person.levels.iter().flatten()) {
            if let Some(level) = level {
                *sum = (sum.0 + u32::from(*level), sum.1 + 1);
            }
        }
        if let Some(gap) = person.gap {
            gap_sum += gap;
            gap_n += 1;
            out.checked += 1;
            out.with_gaps += usize::from(gap > 0);
        }
        if let Some(trained) = person.trained {
            out.trained = (out.trained.0 + 1, out.trained.1 + usize::from(trained));
        }
    }
    let grades: Vec<Option<Grade>> = people.iter().map(|p| p.grade).collect();
    out.quota = grades.iter().any(Option::is_some).then(|| quota_use(&grades, percent));
    out.levels = level_sums.map(|(sum, n)| mean(sum, n));
    let (sum, n) = level_sums.iter().fold((0, 0), |(s, n), (a, b)| (s + a, n + b));
    out.level = mean(sum, n);
    out.gap = mean(gap_sum, gap_n);
    out
}

/// The summary's lines: each group's figures in the order of `groups`, then the bureau's.
pub fn summarise(people: &[YearPerson], groups: &[crate::domain::UnitId], percent: u32) -> (Vec<YearFigures>, YearFigures) {
    let lines = groups.iter().map(|g| year_figures(&people.iter().filter(|p| p.group == *g).collect::<Vec<_>>(), percent)).collect();
    (lines, year_figures(&people.iter().collect::<Vec<_>>(), percent))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sign_off_chain_allows_only_its_steps() {
        use Stage::*;
        let all = [Step::Save, Step::Submit, Step::Comment, Step::Decide, Step::Acknowledge, Step::Return, Step::Reopen];
        let allowed = [
            (Draft, Step::Save, Draft),
            (Draft, Step::Submit, Submitted),
            (Submitted, Step::Comment, Commented),
            (Commented, Step::Comment, Commented),
            (Commented, Step::Decide, Decided),
            (Decided, Step::Decide, Decided),
            (Decided, Step::Acknowledge, Locked),
            (Submitted, Step::Return, Draft),
            (Commented, Step::Return, Draft),
            (Decided, Step::Return, Draft),
            (Locked, Step::Reopen, Draft),
        ];
        for from in Stage::ALL {
            for step in all {
                let want = allowed.iter().find(|(f, s, _)| f == from && *s == step).map(|(_, _, to)| *to);
                assert_eq!(next_stage(*from, step), want, "{from:?} {step:?}");
            }
        }
        assert_eq!(next_stage(Locked, Step::Save), None, "a locked record takes no edits");
        assert_eq!(Step::Decide.actor(), Actor::Committee);
        assert_eq!(Step::Acknowledge.actor(), Actor::Official);
    }

    #[test]
    fn the_excellent_quota_rounds_down_and_warns_over_it() {
        let table = [(5, 20, 1), (4, 20, 0), (9, 20, 1), (10, 20, 2), (10, 25, 2), (12, 25, 3), (0, 20, 0), (100, 20, 20)];
        for (assessed, percent, want) in table {
            assert_eq!(excellent_allowed(assessed, percent), want, "{assessed} at {percent}%");
        }
        use Grade::*;
        let grades = [Some(Excellent), Some(Excellent), Some(Competent), Some(Competent), Some(Basic), Some(Undetermined), None];
        let q = quota_use(&grades, 20);
        assert_eq!((q.assessed, q.excellent, q.allowed), (5, 2, 1));
        assert!(q.over());
        assert!(!quota_use(&grades, 40).over());
    }

    #[test]
    fn the_summary_counts_grades_levels_gaps_and_training_per_group_and_for_the_bureau() {
        use crate::domain::UnitId;
        let (a, b) = (UnitId(2), UnitId(3));
        let person = |group, grade, level: Option<u8>, gap, trained| YearPerson {
            group,
            grade,
            levels: level.map(|l| [Some(l), Some(l), Some(l), Some(l), Some(l), Some(l), Some(l), None]),
            gap,
            trained,
        };
        let people = [
            person(a, Some(Grade::Excellent), Some(4), Some(0), Some(true)),
            person(a, Some(Grade::Competent), Some(2), Some(6), Some(false)),
            person(a, Some(Grade::Undetermined), None, None, None),
            person(b, None, Some(3), Some(2), Some(true)),
        ];
        let (lines, bureau) = summarise(&people, &[a, b], 20);
        let first = &lines[0];
        assert_eq!((first.people, first.grades), (3, [1, 1, 0, 0, 1]));
        assert_eq!(first.quota, Some(QuotaUse { assessed: 2, excellent: 1, allowed: 0 }), "2 assessed at 20% allow none");
        assert_eq!((first.levels[0], first.levels[7], first.level), (Some(3.0), None, Some(3.0)));
        assert_eq!((first.checked, first.gap, first.with_gaps, first.trained), (2, Some(3.0), 1, (2, 1)));
        assert_eq!(lines[1].quota, None, "nobody graded yet");
        assert_eq!((bureau.people, bureau.with_gaps, bureau.trained), (4, 2, (3, 2)));
        assert_eq!(bureau.gap, Some(8.0 / 3.0));
    }

    #[test]
    fn a_unit_review_needs_every_standard_judged_and_counts_those_met() {
        let mut review = UnitReview::default();
        assert!(review.clone().validate().is_err(), "nothing judged yet");
        review.standards =
            std::array::from_fn(|i| Evaluation { met: Some(if i < 3 { Met::Yes } else { Met::Partly }), text: " 見台賬 ".into() });
        let review = review.validate().unwrap();
        assert_eq!((review.met(), review.standards[0].text.as_str()), (3, "見台賬"));
        let long = UnitReview { notes: "長".repeat(MAX_LONG + 1), ..review };
        assert!(long.validate().is_err());
    }

    #[test]
    fn handing_in_needs_the_summary_and_the_four_self_evaluations() {
        let mut data = YearEndData { summary: "德：…能：…勤：…績：…廉：…".into(), ..Default::default() };
        assert!(data.clone().validate(false).is_ok());
        assert!(data.clone().validate(true).is_err(), "the four standards are not evaluated yet");
        for e in &mut data.own {
            e.met = Some(Met::Yes);
        }
        assert!(data.clone().validate(true).is_ok());
        assert!(YearEndData { summary: " ".into(), ..data }.validate(true).is_err());
    }
}
