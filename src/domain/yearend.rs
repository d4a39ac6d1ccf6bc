//! Year-end (總結評估): the official's 自查驗收 against the four standards, the year-end record
//! behind the 公務員年度考核登記表 with its sign-off chain (the official's summary → the
//! supervisor's comment and proposed grade → the committee's opinion and grade → the official's
//! own opinion → locked), returns for rework, an audited reopen, and the 優秀 quota. Rules only.

use super::catalogue::vocabulary;
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_LONG, MAX_SHORT, MAX_TITLE, clean};
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
    /// Why the committee gave a grade the eligibility rules forbid (an administrator's override).
    #[serde(default)]
    pub override_reason: String,
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
        let override_reason = clean(&self.override_reason, Field::Reason, false, MAX_LONG, &mut problems);
        for evaluation in self.own.iter().chain(self.reviewed.iter()) {
            clean(&evaluation.text, Field::Comment, false, MAX_LONG, &mut problems);
        }
        for opinion in [&self.supervisor, &self.committee, &self.official] {
            clean(&opinion.text, Field::Comment, false, MAX_LONG, &mut problems);
        }
        if submit && self.own.iter().any(|e| e.met.is_none()) {
            problems.push(Field::Status, Problem::Required);
        }
        problems.finish(YearEndData { work, summary, rewards, training, undetermined, remarks, override_reason, ..self })
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

vocabulary!(
    /// Whom the 優秀 quota is a share of.
    Base {
        /// Those taking part in the year-end assessment, 不定等次 included (the 2020 rules).
        TakingPart = "taking_part",
        /// Those graded 優秀 to 不稱職.
        Graded = "graded",
    }
);

/// The share allowed without approval, and with the approval's 文號.
pub const SHARE: u32 = 20;
pub const SHARE_APPROVED: u32 = 25;

/// A quota pool: people of these units (with their sub-units) and these tiers (any when empty)
/// share one quota, at their own share.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pool {
    pub name: String,
    pub units: Vec<super::UnitId>,
    pub tiers: Vec<super::catalogue::RankTier>,
    pub percent: u32,
    /// The approval's 文號 when the share is over [`SHARE`].
    pub approval: String,
}

/// How the bureau counts the 優秀 quota: the base, the rounding and minimum, the share of
/// those in no pool (with its approval), and the pools (the first one a person fits holds them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaRules {
    pub base: Base,
    pub rounding: super::quota::Rounding,
    pub minimum: u32,
    pub percent: u32,
    pub approval: String,
    pub pools: Vec<Pool>,
}

impl Default for QuotaRules {
    /// Those taking part, to the nearest person with a minimum of one, at 20%, one pool.
    fn default() -> QuotaRules {
        QuotaRules {
            base: Base::TakingPart,
            rounding: super::quota::Rounding::Nearest,
            minimum: 1,
            percent: SHARE,
            approval: String::new(),
            pools: Vec::new(),
        }
    }
}

/// The most pools a bureau keeps.
pub const MAX_POOLS: usize = 30;

fn check_share(percent: u32, approval: &str, problems: &mut Problems) -> String {
    let approval = clean(approval, Field::Record, false, MAX_SHORT, problems);
    if !(1..=SHARE_APPROVED).contains(&percent) {
        problems.push(Field::Record, Problem::OutOfRange { min: 1, max: SHARE_APPROVED.into() });
    } else if percent > SHARE && approval.is_empty() {
        problems.push(Field::Record, Problem::ApprovalNeeded { percent, max: SHARE });
    }
    approval
}

impl QuotaRules {
    /// Checks each share (1–20%, up to 25% with the approval's 文號), the minimum (0–10) and the
    /// pools (named once each, holding some unit or tier).
    pub fn validate(self) -> Result<QuotaRules, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let approval = check_share(self.percent, &self.approval, &mut problems);
        if self.minimum > 10 {
            problems.push(Field::Record, Problem::OutOfRange { min: 0, max: 10 });
        }
        if self.pools.len() > MAX_POOLS {
            problems.push(Field::Record, Problem::OutOfRange { min: 0, max: MAX_POOLS as i64 });
        }
        let mut names = std::collections::HashSet::new();
        let pools = self
            .pools
            .into_iter()
            .enumerate()
            .map(|(row, p)| {
                let name = clean(&p.name, Field::Title, true, MAX_TITLE, &mut problems);
                if !names.insert(name.clone()) {
                    problems.push(Field::Title, Problem::DuplicateInFile { row: row + 1 });
                }
                if p.units.is_empty() && p.tiers.is_empty() {
                    problems.push(Field::Unit, Problem::Required);
                }
                let approval = check_share(p.percent, &p.approval, &mut problems);
                Pool { name, approval, ..p }
            })
            .collect();
        problems.finish(QuotaRules { approval, pools, ..self })
    }

    /// The pool holding someone of the unit `chain` (the unit and those above it) and `tier`:
    /// the first that fits, or `None` (the rest of the bureau).
    pub fn pool_of(&self, chain: &[super::UnitId], tier: Option<super::catalogue::RankTier>) -> Option<usize> {
        self.pools.iter().position(|p| {
            (p.units.is_empty() || p.units.iter().any(|u| chain.contains(u)))
                && (p.tiers.is_empty() || tier.is_some_and(|t| p.tiers.contains(&t)))
        })
    }

    /// The share a pool (`None`: the rest of the bureau) is counted at.
    pub fn share(&self, pool: Option<usize>) -> Share {
        let percent = pool.and_then(|i| self.pools.get(i)).map_or(self.percent, |p| p.percent);
        Share { base: self.base, rounding: self.rounding, minimum: self.minimum, percent }
    }
}

/// How one quota is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    pub base: Base,
    pub rounding: super::quota::Rounding,
    pub minimum: u32,
    pub percent: u32,
}

impl Default for Share {
    fn default() -> Share {
        QuotaRules::default().share(None)
    }
}

/// The 優秀 quota of `taking_part` people, `graded` of them graded 優秀 to 不稱職.
pub fn excellent_allowed(taking_part: usize, graded: usize, share: &Share) -> usize {
    let counted = match share.base {
        Base::TakingPart => taking_part,
        Base::Graded => graded,
    };
    super::quota::allowed(counted, share.percent, share.rounding, share.minimum)
}

/// The quota's use in a group (a unit, a pool or the bureau): who counts, how many are 優秀, how
/// many may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuotaUse {
    /// The people the share is taken of (those taking part, or those graded).
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

/// The quota's use over the grades of those taking part (`None`: not graded yet).
pub fn quota_use(grades: &[Option<Grade>], share: &Share) -> QuotaUse {
    let graded = grades.iter().flatten().filter(|g| **g != Grade::Undetermined).count();
    let excellent = grades.iter().flatten().filter(|g| **g == Grade::Excellent).count();
    let assessed = match share.base {
        Base::TakingPart => grades.len(),
        Base::Graded => graded,
    };
    QuotaUse { assessed, excellent, allowed: excellent_allowed(grades.len(), graded, share) }
}

/// One quota pool in a year: its name ('' for the bureau outside every pool), share, approval,
/// the quota's use, and per unit those taking part, 優秀 given and places allocated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolLine {
    pub name: String,
    pub percent: u32,
    pub approval: String,
    pub quota: QuotaUse,
    pub units: Vec<PoolUnit>,
}

impl PoolLine {
    /// Places given to units in the 名額分配表.
    pub fn allocated(&self) -> u32 {
        self.units.iter().map(|u| u.places.unwrap_or(0)).sum()
    }
}

/// A unit's line in a pool.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PoolUnit {
    pub unit: super::UnitId,
    pub name: String,
    pub taking_part: usize,
    pub excellent: usize,
    pub places: Option<u32>,
}

/// Checks a pool's 名額分配表: the places given to units may not add up to more than the pool's
/// `total`.
pub fn check_allocation(total: usize, places: &[(super::UnitId, u32)]) -> Result<(), Vec<FieldProblem>> {
    let mut problems = Problems::default();
    let mut seen = std::collections::HashSet::new();
    for (row, (unit, _)) in places.iter().enumerate() {
        if !seen.insert(*unit) {
            problems.push(Field::Unit, Problem::DuplicateInFile { row: row + 1 });
        }
    }
    let sum: u64 = places.iter().map(|(_, n)| u64::from(*n)).sum();
    if sum > total as u64 {
        problems.push(Field::Record, Problem::OverAllocated { total: total as u64, sum });
    }
    problems.finish(())
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

/// The figures of `people` with the 優秀 quota counted as `share` says.
pub fn year_figures(people: &[&YearPerson], share: &Share) -> YearFigures {
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
    out.quota = grades.iter().any(Option::is_some).then(|| quota_use(&grades, share));
    out.levels = level_sums.map(|(sum, n)| mean(sum, n));
    let (sum, n) = level_sums.iter().fold((0, 0), |(s, n), (a, b)| (s + a, n + b));
    out.level = mean(sum, n);
    out.gap = mean(gap_sum, gap_n);
    out
}

/// The summary's lines: each group's figures in the order of `groups`, then the bureau's.
pub fn summarise(people: &[YearPerson], groups: &[crate::domain::UnitId], share: &Share) -> (Vec<YearFigures>, YearFigures) {
    let lines = groups.iter().map(|g| year_figures(&people.iter().filter(|p| p.group == *g).collect::<Vec<_>>(), share)).collect();
    (lines, year_figures(&people.iter().collect::<Vec<_>>(), share))
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
    fn the_excellent_quota_is_counted_as_the_rules_count_it() {
        use super::super::quota::Rounding::*;
        let share = |base, rounding, percent| Share { base, rounding, minimum: 1, percent };
        // (taking part, graded, share, allowed)
        let table = [
            (4, 4, Share::default(), 1),
            (13, 12, Share::default(), 3),
            (13, 12, share(Base::Graded, Floor, 20), 2),
            (5, 5, share(Base::TakingPart, Floor, 20), 1),
            (12, 12, share(Base::TakingPart, Nearest, 25), 3),
            (10, 10, share(Base::TakingPart, Ceil, 25), 3),
            (0, 0, Share::default(), 0),
            (100, 100, Share::default(), 20),
        ];
        for (taking_part, graded, share, want) in table {
            assert_eq!(excellent_allowed(taking_part, graded, &share), want, "{taking_part} taking part, {graded} graded, {share:?}");
        }
        use Grade::*;
        // 13 taking part, one a probationer with 不定等次: 3 at 20% to the nearest.
        let mut grades = vec![Some(Competent); 12];
        grades.push(Some(Undetermined));
        grades[0] = Some(Excellent);
        let q = quota_use(&grades, &Share::default());
        assert_eq!((q.assessed, q.excellent, q.allowed), (13, 1, 3));
        let q = quota_use(&grades, &share(Base::Graded, Floor, 20));
        assert_eq!((q.assessed, q.allowed), (12, 2), "the old count leaves 不定等次 out and rounds down");
        let grades = [Some(Excellent), Some(Excellent), Some(Competent), Some(Competent), Some(Basic), Some(Undetermined), None];
        let q = quota_use(&grades, &share(Base::Graded, Floor, 20));
        assert_eq!((q.assessed, q.excellent, q.allowed), (5, 2, 1));
        assert!(q.over(), "over the quota is a warning with the numbers");
        assert!(!quota_use(&grades, &share(Base::TakingPart, Nearest, 25)).over());
    }

    #[test]
    fn quota_rules_need_an_approval_over_twenty_percent_and_hold_people_in_pools() {
        use crate::domain::UnitId;
        use crate::domain::catalogue::RankTier;
        let rules = QuotaRules {
            pools: vec![
                Pool { name: "局領導".into(), tiers: vec![RankTier::Division], percent: 20, ..Default::default() },
                Pool {
                    name: "分局".into(), units: vec![UnitId(9)], percent: 25, approval: "稅人〔2024〕8號".into(), ..Default::default()
                },
            ],
            ..QuotaRules::default()
        };
        let rules = rules.validate().unwrap();
        assert_eq!(rules.pool_of(&[UnitId(10), UnitId(9), UnitId(1)], Some(RankTier::Division)), Some(0), "leaders first");
        assert_eq!(rules.pool_of(&[UnitId(10), UnitId(9), UnitId(1)], Some(RankTier::General)), Some(1), "a 分局's sub-unit");
        assert_eq!(rules.pool_of(&[UnitId(3), UnitId(1)], Some(RankTier::Section)), None, "the bureau's offices");
        assert_eq!(rules.share(Some(1)).percent, 25);
        assert_eq!(rules.share(None).percent, 20);
        type Spoil = fn(&mut QuotaRules);
        let table: [(&str, Spoil); 6] = [
            ("25% without the approval", |r| r.percent = 25),
            ("26% even with one", |r| (r.percent, r.approval) = (26, "稅人〔2024〕8號".into())),
            ("a pool's 25% without the approval", |r| r.pools[1].approval.clear()),
            ("a pool holding no one", |r| r.pools[0].tiers.clear()),
            ("two pools of one name", |r| r.pools[1].name = "局領導".into()),
            ("a minimum of 11", |r| r.minimum = 11),
        ];
        for (what, spoil) in table {
            let mut bad = rules.clone();
            spoil(&mut bad);
            assert!(bad.validate().is_err(), "{what}");
        }
    }

    #[test]
    fn an_allocation_over_the_pools_total_is_refused() {
        use crate::domain::UnitId;
        assert!(check_allocation(3, &[(UnitId(2), 1), (UnitId(3), 2)]).is_ok());
        assert!(check_allocation(3, &[(UnitId(2), 1)]).is_ok(), "places may be left to allocate");
        let err = check_allocation(3, &[(UnitId(2), 2), (UnitId(3), 2)]).unwrap_err();
        assert_eq!(err[0].problem, Problem::OverAllocated { total: 3, sum: 4 });
        assert!(check_allocation(3, &[(UnitId(2), 1), (UnitId(2), 1)]).is_err(), "one line per unit");
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
        let (lines, bureau) = summarise(
            &people,
            &[a, b],
            &Share { base: Base::Graded, rounding: super::super::quota::Rounding::Floor, minimum: 0, percent: 20 },
        );
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
