//! The 八種能力 self-check (查找能力不足): rounds, an official's self-check and its workflow,
//! the supervisor's review, peer checks, opinions gathered, post and spot tests, and the gap
//! analysis over them (an official's gaps, a unit's heatmap, completion). Rules only.

use super::catalogue::{RankTier, vocabulary};
use super::ids::{OfficialId, UnitId};
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::standards::{CAPABILITIES, LEVELS};
use super::text::{MAX_LONG, MAX_TITLE, clean};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A level (1–5) per capability, by position (index 0 = 學習力); `None` where not given.
pub type Levels = [Option<u8>; 8];

pub use super::text::MAX_NOTE;

/// Levels from a capability → level map (a standard's row).
pub fn levels_from(map: &BTreeMap<u8, u8>) -> Levels {
    let mut levels = [None; 8];
    for (capability, level) in map {
        if CAPABILITIES.contains(capability) {
            levels[usize::from(capability - 1)] = Some(*level);
        }
    }
    levels
}

fn check_levels(levels: &Levels, problems: &mut Problems) {
    for (index, level) in levels.iter().enumerate() {
        if level.is_some_and(|l| !LEVELS.contains(&l)) {
            problems.push(Field::Capability(index as u8 + 1), Problem::OutOfRange { min: 1, max: 5 });
        }
    }
}

/// A self-check round opened by the personnel section (e.g. 2012 年度能力自查).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub id: i64,
    pub uuid: String,
    #[serde(flatten)]
    pub data: RoundData,
}

/// A round's settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundData {
    pub name: String,
    pub year: i32,
    pub deadline: NaiveDate,
    /// The units taking part (with their sub-units); empty: the whole bureau.
    pub units: Vec<UnitId>,
    /// Closed rounds take no more changes.
    pub closed: bool,
}

impl RoundData {
    pub fn validate(self) -> Result<RoundData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let name = clean(&self.name, Field::Title, true, MAX_TITLE, &mut problems);
        if !(2000..=2100).contains(&self.year) {
            problems.push(Field::Year, Problem::OutOfRange { min: 2000, max: 2100 });
        }
        problems.finish(RoundData { name, ..self })
    }
}

vocabulary!(
    /// Where a self-check stands.
    CheckStatus {
        /// 草稿: the official is filling it in.
        Draft = "draft",
        /// 已提交: waiting for the reviewer.
        Submitted = "submitted",
        /// 退回修改: sent back with a reason.
        Returned = "returned",
        /// 已審核: the reviewer has accepted it.
        Reviewed = "reviewed",
    }
);

impl CheckStatus {
    /// Whether the official may still change the content.
    pub fn editable(self) -> bool {
        matches!(self, CheckStatus::Draft | CheckStatus::Returned)
    }
}

/// A step of the self-check workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// The official saves the draft (stays draft or returned).
    Save,
    /// The official hands it in.
    Submit,
    /// A reviewer sends it back for rework (with a reason).
    Return,
    /// A reviewer accepts it.
    Accept,
}

impl Step {
    /// Whether the official (rather than a reviewer) takes this step.
    pub fn by_owner(self) -> bool {
        matches!(self, Step::Save | Step::Submit)
    }

    pub fn code(self) -> &'static str {
        match self {
            Step::Save => "save",
            Step::Submit => "submit",
            Step::Return => "return",
            Step::Accept => "accept",
        }
    }
}

/// The status after `step` from `from`, or `None` when the workflow does not allow it:
/// draft → submitted → (returned → submitted)* → reviewed; a reviewed one may be returned.
pub fn next_status(from: CheckStatus, step: Step) -> Option<CheckStatus> {
    use CheckStatus::*;
    match (from, step) {
        (Draft | Returned, Step::Save) => Some(from),
        (Draft | Returned, Step::Submit) => Some(Submitted),
        (Submitted | Reviewed, Step::Return) => Some(Returned),
        (Submitted, Step::Accept) => Some(Reviewed),
        _ => None,
    }
}

/// What the official writes: a level and evidence per capability, the shortfalls found
/// (能力不足) and the overall reflection (個人能力反思).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfCheckData {
    pub levels: Levels,
    pub evidence: [String; 8],
    pub shortfalls: String,
    pub reflection: String,
}

impl SelfCheckData {
    /// Checks levels and texts; `complete` (to submit) also needs all eight levels.
    pub fn validate(self, complete: bool) -> Result<SelfCheckData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        check_levels(&self.levels, &mut problems);
        if complete {
            for (index, level) in self.levels.iter().enumerate() {
                if level.is_none() {
                    problems.push(Field::Capability(index as u8 + 1), Problem::Required);
                }
            }
        }
        let evidence = std::array::from_fn(|i| clean(&self.evidence[i], Field::Capability(i as u8 + 1), false, MAX_NOTE, &mut problems));
        let shortfalls = clean(&self.shortfalls, Field::Shortfalls, false, MAX_LONG, &mut problems);
        let reflection = clean(&self.reflection, Field::Reflection, false, MAX_LONG, &mut problems);
        problems.finish(SelfCheckData { levels: self.levels, evidence, shortfalls, reflection })
    }
}

/// The supervisor's (主管領導) levels and comment, kept beside the self-check, never mixed in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub levels: Levels,
    pub comment: String,
    /// Who wrote it (an account's user name).
    pub by: String,
}

impl Review {
    /// Checks the levels and the comment; accepting a self-check (`accept`) needs the
    /// supervisor's level on every capability and a comment, since the gaps are then measured
    /// from them.
    pub fn validate(self, accept: bool) -> Result<Review, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        check_levels(&self.levels, &mut problems);
        if accept {
            for (index, level) in self.levels.iter().enumerate() {
                if level.is_none() {
                    problems.push(Field::Capability(index as u8 + 1), Problem::Required);
                }
            }
        }
        let comment = clean(&self.comment, Field::Comment, accept, MAX_LONG, &mut problems);
        problems.finish(Review { comment, ..self })
    }
}

/// A stored self-check of one official in one round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelfCheck {
    pub id: i64,
    pub uuid: String,
    pub round: i64,
    pub official: OfficialId,
    pub status: CheckStatus,
    pub data: SelfCheckData,
    pub review: Review,
    /// Why it was last returned.
    pub return_reason: String,
    /// Bumped on every change (a package's base version).
    pub version: i64,
}

/// A colleague's peer check (互查) of an official, assigned by the personnel section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerCheck {
    pub id: i64,
    pub round: i64,
    pub subject: OfficialId,
    pub peer: OfficialId,
    pub levels: Levels,
    pub comment: String,
}

/// An opinion gathered (上下征求意見) about an official.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opinion {
    pub id: i64,
    pub round: i64,
    pub official: OfficialId,
    /// Whose view it is (上級, 同事, 下級, 服務對象…), as typed.
    pub source: String,
    pub note: String,
}

vocabulary!(
    /// The kinds of test the programme names: the self-check's post and spot tests, and the
    /// training register's exams.
    TestKind {
        /// 崗位能力測試
        Post = "post",
        /// 能力抽查測試
        Spot = "spot",
        /// 五基達標考試
        FiveBasics = "five_basics",
        /// 其他考試
        Exam = "exam",
    }
);

/// A post test or spot test with its date and pass mark.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Test {
    pub id: i64,
    pub name: String,
    pub kind: TestKind,
    pub date: NaiveDate,
    pub pass_mark: f64,
}

/// The highest score a test records.
pub const MAX_SCORE: f64 = 1000.0;

/// Checks a score: a number from 0 to [`MAX_SCORE`].
pub fn check_score(score: f64) -> Result<f64, FieldProblem> {
    if score.is_finite() && (0.0..=MAX_SCORE).contains(&score) {
        Ok(score)
    } else {
        Err(FieldProblem::new(Field::Score, Problem::OutOfRange { min: 0, max: MAX_SCORE as i64 }))
    }
}

/// One capability's line of an official's gap analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GapLine {
    pub capability: u8,
    pub required: Option<u8>,
    pub own: Option<u8>,
    pub supervisor: Option<u8>,
}

impl GapLine {
    /// The level the gap is measured from: the supervisor's where given, else the official's
    /// own (the rule the screen states).
    pub fn assessed(&self) -> Option<u8> {
        self.supervisor.or(self.own)
    }

    /// How far the assessed level falls short of the required one (0 when it reaches it).
    pub fn gap(&self) -> Option<u8> {
        Some(self.required?.saturating_sub(self.assessed()?))
    }
}

/// The eight lines of an official's gap analysis, in the fixed capability order.
pub fn gap_lines(required: &Levels, own: &Levels, supervisor: &Levels) -> Vec<GapLine> {
    (0..8).map(|i| GapLine { capability: i as u8 + 1, required: required[i], own: own[i], supervisor: supervisor[i] }).collect()
}

/// The lines with a shortfall, largest first (ties in capability order).
pub fn largest_gaps(lines: &[GapLine]) -> Vec<GapLine> {
    let mut gaps: Vec<GapLine> = lines.iter().filter(|l| l.gap().is_some_and(|g| g > 0)).copied().collect();
    gaps.sort_by_key(|l| (std::cmp::Reverse(l.gap()), l.capability));
    gaps
}

/// One official's row of a heatmap: the gap on each capability (`None`: not assessed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeatRow {
    pub official: OfficialId,
    pub unit: UnitId,
    pub tier: RankTier,
    pub status: Option<CheckStatus>,
    pub gaps: [Option<u8>; 8],
    /// The gaps are measured against the tier's default level: the post has no standard yet.
    pub by_default: bool,
}

impl HeatRow {
    /// The sum of the known gaps; none when no gap is known (nothing filled in), which is not a
    /// perfect 0.
    pub fn total(&self) -> Option<u32> {
        self.gaps.iter().any(Option::is_some).then(|| self.gaps.iter().flatten().map(|g| u32::from(*g)).sum())
    }
}

/// What a round's analysis needs to know of each participant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub official: OfficialId,
    pub unit: UnitId,
    pub tier: RankTier,
    pub required: Levels,
    /// `required` is the tier's default level: the post has no standard for the year.
    pub required_by_default: bool,
    pub status: Option<CheckStatus>,
    pub own: Levels,
    pub supervisor: Levels,
}

impl Participant {
    pub fn heat_row(&self) -> HeatRow {
        let gaps = std::array::from_fn(|i| {
            GapLine { capability: i as u8 + 1, required: self.required[i], own: self.own[i], supervisor: self.supervisor[i] }.gap()
        });
        HeatRow {
            official: self.official,
            unit: self.unit,
            tier: self.tier,
            status: self.status,
            gaps,
            by_default: self.required_by_default,
        }
    }
}

/// How far a round has come: submitted (incl. returned for rework), reviewed, not started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    pub participants: usize,
    pub draft: usize,
    pub submitted: usize,
    pub returned: usize,
    pub reviewed: usize,
    pub missing: usize,
}

/// The round's analysis for the participants given (a unit's or the whole bureau's).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub rows: Vec<HeatRow>,
    pub completion: Completion,
    /// Average assessed level per capability for each tier (only those assessed count).
    pub tier_averages: BTreeMap<RankTier, [Option<f32>; 8]>,
    /// Per capability, the officials assessed below requirement.
    pub below: [Vec<OfficialId>; 8],
}

/// Gaps, completion, tier averages and the below-requirement lists in one pass.
pub fn analyse(participants: &[Participant]) -> Analysis {
    let mut completion = Completion { participants: participants.len(), ..Completion::default() };
    let mut sums: BTreeMap<RankTier, [(u32, u32); 8]> = BTreeMap::new();
    let mut below: [Vec<OfficialId>; 8] = Default::default();
    let mut rows = Vec::with_capacity(participants.len());
    for p in participants {
        match p.status {
            None => completion.missing += 1,
            Some(CheckStatus::Draft) => completion.draft += 1,
            Some(CheckStatus::Submitted) => completion.submitted += 1,
            Some(CheckStatus::Returned) => completion.returned += 1,
            Some(CheckStatus::Reviewed) => completion.reviewed += 1,
        }
        let row = p.heat_row();
        let tier = sums.entry(p.tier).or_default();
        for i in 0..8 {
            if let Some(level) = p.supervisor[i].or(p.own[i]) {
                tier[i].0 += u32::from(level);
                tier[i].1 += 1;
            }
            if row.gaps[i].is_some_and(|g| g > 0) {
                below[i].push(p.official);
            }
        }
        rows.push(row);
    }
    let tier_averages = sums.into_iter().map(|(tier, s)| (tier, s.map(|(sum, n)| (n > 0).then(|| sum as f32 / n as f32)))).collect();
    Analysis { rows, completion, tier_averages, below }
}

/// The radar chart's outline: one point per capability on its axis (axis 1 straight up, then
/// clockwise), at `value / max` of `radius` from the centre (0, 0); y grows downwards.
pub fn radar_points(values: &[f32; 8], max: f32, radius: f32) -> [(f32, f32); 8] {
    std::array::from_fn(|i| {
        let angle = std::f32::consts::TAU * i as f32 / 8.0;
        let r = radius * (values[i] / max).clamp(0.0, 1.0);
        (r * angle.sin(), -r * angle.cos())
    })
}

/// The filled area of a radar outline as triangles fanned from the centre: each triangle lies
/// between two neighbouring axes, so the fill stays inside the outline for any scores (a
/// convex-polygon fill would cover the notch of a low score).
pub fn radar_fan(points: &[(f32, f32); 8]) -> Vec<[(f32, f32); 3]> {
    (0..8).map(|i| [(0.0, 0.0), points[i], points[(i + 1) % 8]]).collect()
}

/// Everything the self-check page shows of one official in one round.
#[derive(Clone, Debug, PartialEq)]
pub struct Detail {
    pub round: Round,
    pub official: super::official::Official,
    pub check: Option<SelfCheck>,
    /// The levels the post's standard (or the tier's default) requires.
    pub required: Levels,
    /// No standard of the post for the round's year: `required` is the tier's default level.
    pub required_by_default: bool,
    /// The name of the person whose account wrote the stored review, where the account is
    /// someone on the roster.
    pub reviewer_name: Option<String>,
    /// Peer checks of this official, with the peer's name.
    pub peers: Vec<(PeerCheck, String)>,
    /// Peer checks this official is assigned to do, with the subject's name.
    pub to_review: Vec<(PeerCheck, String)>,
    pub opinions: Vec<Opinion>,
    pub scores: Vec<(Test, f64)>,
    pub plan: Vec<super::plans::PlanItem>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workflow_moves_only_as_allowed() {
        use CheckStatus::*;
        let table = [
            (Draft, Step::Save, Some(Draft)),
            (Draft, Step::Submit, Some(Submitted)),
            (Draft, Step::Return, None),
            (Draft, Step::Accept, None),
            (Submitted, Step::Save, None),
            (Submitted, Step::Submit, None),
            (Submitted, Step::Return, Some(Returned)),
            (Submitted, Step::Accept, Some(Reviewed)),
            (Returned, Step::Save, Some(Returned)),
            (Returned, Step::Submit, Some(Submitted)),
            (Returned, Step::Accept, None),
            (Reviewed, Step::Save, None),
            (Reviewed, Step::Return, Some(Returned)),
            (Reviewed, Step::Accept, None),
        ];
        for (from, step, want) in table {
            assert_eq!(next_status(from, step), want, "{from:?} {step:?}");
        }
    }

    #[test]
    fn submitting_needs_all_eight_levels_in_range() {
        let mut data = SelfCheckData { levels: [Some(3); 8], ..Default::default() };
        assert!(data.clone().validate(true).is_ok());
        data.levels[6] = None;
        assert!(data.clone().validate(false).is_ok(), "a draft may be partial");
        let problems = data.clone().validate(true).unwrap_err();
        assert_eq!(problems, vec![FieldProblem::new(Field::Capability(7), Problem::Required)]);
        data.levels[6] = Some(6);
        assert!(data.validate(false).is_err(), "6 is off the scale");
    }

    #[test]
    fn gaps_use_the_supervisors_level_where_given() {
        let n = None;
        // (required, own, supervisor) → gap
        let table = [
            (Some(4), Some(3), n, Some(1)),
            (Some(4), Some(5), Some(2), Some(2)),
            (Some(3), Some(2), Some(4), Some(0)),
            (Some(3), n, n, None),
            (n, Some(2), Some(2), None),
            (Some(5), Some(1), n, Some(4)),
        ];
        for (required, own, supervisor, want) in table {
            assert_eq!(GapLine { capability: 1, required, own, supervisor }.gap(), want, "{required:?} {own:?} {supervisor:?}");
        }
        let lines = gap_lines(&[Some(4); 8], &[Some(4), Some(2), Some(3), Some(2), Some(4), Some(4), Some(4), Some(1)], &[None; 8]);
        let order: Vec<(u8, Option<u8>)> = largest_gaps(&lines).iter().map(|l| (l.capability, l.gap())).collect();
        assert_eq!(order, vec![(8, Some(3)), (2, Some(2)), (4, Some(2)), (3, Some(1))]);
    }

    #[test]
    fn analysis_counts_completion_averages_and_shortfalls() {
        let p = |id, tier, status, own: [u8; 8]| Participant {
            official: OfficialId(id),
            unit: UnitId(1),
            tier,
            required: [Some(3); 8],
            required_by_default: false,
            status,
            own: own.map(Some),
            supervisor: [None; 8],
        };
        let people = [
            p(1, RankTier::General, Some(CheckStatus::Reviewed), [3, 2, 3, 3, 3, 3, 3, 3]),
            p(2, RankTier::General, Some(CheckStatus::Submitted), [5, 4, 3, 3, 3, 3, 3, 1]),
            p(3, RankTier::Section, Some(CheckStatus::Draft), [4; 8]),
            Participant { status: None, own: [None; 8], ..p(4, RankTier::Section, None, [0; 8]) },
        ];
        let analysis = analyse(&people);
        let c = analysis.completion;
        assert_eq!((c.participants, c.reviewed, c.submitted, c.draft, c.missing), (4, 1, 1, 1, 1));
        assert_eq!(analysis.tier_averages[&RankTier::General][0], Some(4.0));
        assert_eq!(analysis.tier_averages[&RankTier::Section][0], Some(4.0), "the one without a check does not count");
        assert_eq!(analysis.below[1], vec![OfficialId(1)]);
        assert_eq!(analysis.below[7], vec![OfficialId(2)]);
        assert_eq!(analysis.rows[3].gaps, [None; 8]);
        assert_eq!(analysis.rows[1].total(), Some(2));
        assert_eq!(analysis.rows[2].total(), Some(0), "every level met: a true 0");
        assert_eq!(analysis.rows[3].total(), None, "nothing filled in is not a 0 like a perfect score");
    }

    fn inside(polygon: &[(f32, f32)], (x, y): (f32, f32)) -> bool {
        let mut inside = false;
        for i in 0..polygon.len() {
            let (a, b) = (polygon[i], polygon[(i + 1) % polygon.len()]);
            if (a.1 > y) != (b.1 > y) && x < (b.0 - a.0) * (y - a.1) / (b.1 - a.1) + a.0 {
                inside = !inside;
            }
        }
        inside
    }

    fn area(triangle: &[(f32, f32); 3]) -> f32 {
        let [a, b, c] = triangle;
        ((b.0 - a.0) * (c.1 - a.1) - (c.0 - a.0) * (b.1 - a.1)).abs() / 2.0
    }

    #[test]
    fn a_notched_radar_fills_only_inside_its_outline() {
        let values = [5.0, 1.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0];
        let outline = radar_points(&values, 5.0, 100.0);
        assert!((outline[0].0).abs() < 1e-3 && (outline[0].1 + 100.0).abs() < 1e-3, "axis 1 points straight up");
        let fan = radar_fan(&outline);
        // Every triangle's centroid and edge midpoints lie inside the outline…
        for triangle in &fan {
            let centroid = ((triangle[0].0 + triangle[1].0 + triangle[2].0) / 3.0, (triangle[0].1 + triangle[1].1 + triangle[2].1) / 3.0);
            assert!(inside(&outline, centroid), "{triangle:?}");
        }
        // …and the triangles cover exactly the outline's area (shoelace), no more.
        let shoelace = (0..8)
            .map(|i| {
                let (a, b) = (outline[i], outline[(i + 1) % 8]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum::<f32>()
            .abs()
            / 2.0;
        let fan_area: f32 = fan.iter().map(area).sum();
        assert!((fan_area - shoelace).abs() < 0.01 * shoelace, "{fan_area} vs {shoelace}");
        // The notch: the point between axes 1 and 3 at 90% radius is outside the outline.
        let convex_hull_point = (0.6 * 100.0 * std::f32::consts::FRAC_1_SQRT_2, -0.6 * 100.0 * std::f32::consts::FRAC_1_SQRT_2);
        assert!(!inside(&outline, convex_hull_point));
        assert!(!fan.iter().any(|t| point_in_triangle(convex_hull_point, t)), "the fill leaves the notch empty");
    }

    fn point_in_triangle(p: (f32, f32), t: &[(f32, f32); 3]) -> bool {
        let sign = |a: (f32, f32), b: (f32, f32), c: (f32, f32)| (a.0 - c.0) * (b.1 - c.1) - (b.0 - c.0) * (a.1 - c.1);
        let (d1, d2, d3) = (sign(p, t[0], t[1]), sign(p, t[1], t[2]), sign(p, t[2], t[0]));
        let negative = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
        let positive = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
        !(negative && positive)
    }
}
