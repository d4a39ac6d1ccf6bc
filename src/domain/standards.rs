//! 能力席位標準 and 能力席位書: the capability scale (levels 1–5 with descriptors), each
//! post's required levels per rank tier for a programme year with its knowledge and skill
//! items, and each official's seat statement drafted from them. Rules only; no storage.

use super::catalogue::RankTier;
use super::ids::{OfficialId, PostId};
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_LONG, clean};
use super::{Lang, Names};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The lowest and highest level of the scale.
pub const LEVELS: std::ops::RangeInclusive<u8> = 1..=5;
/// The eight capabilities, by position.
pub const CAPABILITIES: std::ops::RangeInclusive<u8> = 1..=8;
/// Longest 工作格言.
pub const MAX_MOTTO: usize = 200;
/// Longest knowledge or skill item.
pub const MAX_ITEM: usize = 500;

/// The shipped scale: generic level descriptors and each tier's default level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleFile {
    pub levels: Vec<ScaleLevel>,
    pub tier_levels: BTreeMap<String, u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLevel {
    pub level: u8,
    pub descriptor: Names,
}

impl ScaleFile {
    #[allow(clippy::expect_used, reason = "built into the binary and parsed by a test")]
    pub fn shipped() -> ScaleFile {
        serde_json::from_str(include_str!("../../data/capability_scale.json")).expect("the shipped scale is checked by a test")
    }

    pub fn default_level(&self, tier: RankTier) -> u8 {
        self.tier_levels.get(tier.code()).copied().unwrap_or(3)
    }
}

/// The scale as a bureau holds it: a descriptor for every capability and level, and each
/// tier's default level.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scale {
    pub descriptors: BTreeMap<(u8, u8), Names>,
    pub tier_levels: BTreeMap<RankTier, u8>,
}

impl Scale {
    pub fn descriptor(&self, capability: u8, level: u8, lang: Lang) -> &str {
        self.descriptors.get(&(capability, level)).map_or("", |n| n.get(lang))
    }

    pub fn default_level(&self, tier: RankTier) -> u8 {
        self.tier_levels.get(&tier).copied().unwrap_or(3)
    }

    /// Checks an edited scale: every descriptor present and short, every tier level 1–5.
    pub fn validate(mut self) -> Result<Scale, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        for names in self.descriptors.values_mut() {
            for lang in Lang::ALL {
                let cleaned = clean(names.get(lang), Field::Record, true, MAX_DESCRIPTOR, &mut problems);
                *names.get_mut(lang) = cleaned;
            }
        }
        if self.tier_levels.values().any(|l| !LEVELS.contains(l)) {
            problems.push(Field::Tier, Problem::OutOfRange { min: 1, max: 5 });
        }
        problems.finish(self)
    }
}

/// Longest level descriptor.
pub const MAX_DESCRIPTOR: usize = 200;

/// What a 應知應會 item is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemKind {
    Knowledge,
    Skill,
}

impl ItemKind {
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::Knowledge => "knowledge",
            ItemKind::Skill => "skill",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemKind> {
        match code {
            "knowledge" => Some(ItemKind::Knowledge),
            "skill" => Some(ItemKind::Skill),
            _ => None,
        }
    }
}

/// A knowledge or skill item with the level expected.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardItem {
    pub kind: ItemKind,
    pub text: String,
    pub level: u8,
}

/// The content of a post's standard for one year.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardData {
    /// Required level per (tier, capability position).
    pub levels: BTreeMap<(RankTier, u8), u8>,
    pub items: Vec<StandardItem>,
}

/// A stored standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostStandard {
    pub id: i64,
    pub uuid: String,
    pub post: PostId,
    pub year: i32,
    pub data: StandardData,
}

impl StandardData {
    /// A first standard for a post of `tier`: every capability at the tier's default level.
    pub fn draft(tier: RankTier, scale: &Scale) -> StandardData {
        StandardData { levels: CAPABILITIES.map(|c| ((tier, c), scale.default_level(tier))).collect(), items: Vec::new() }
    }

    /// The tiers the standard sets levels for, in order.
    pub fn tiers(&self) -> Vec<RankTier> {
        let mut tiers: Vec<RankTier> = self.levels.keys().map(|k| k.0).collect();
        tiers.dedup();
        tiers
    }

    /// Capabilities without a level for `tier`.
    pub fn missing(&self, tier: RankTier) -> Vec<u8> {
        CAPABILITIES.filter(|c| !self.levels.contains_key(&(tier, *c))).collect()
    }

    /// Complete when every capability has a level for the post's own tier.
    pub fn is_complete(&self, post_tier: RankTier) -> bool {
        self.missing(post_tier).is_empty()
    }

    /// The levels an official of `tier` is held to: their tier's row, else the post's tier's.
    pub fn levels_for(&self, tier: RankTier, post_tier: RankTier) -> BTreeMap<u8, u8> {
        let row = |t: RankTier| CAPABILITIES.filter_map(|c| self.levels.get(&(t, c)).map(|l| (c, *l))).collect::<BTreeMap<u8, u8>>();
        let own = row(tier);
        if own.is_empty() { row(post_tier) } else { own }
    }

    /// Checks levels and items; items are trimmed and empty ones dropped.
    pub fn validate(mut self) -> Result<StandardData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        if self.levels.iter().any(|((_, c), l)| !CAPABILITIES.contains(c) || !LEVELS.contains(l)) {
            problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 5 });
        }
        let mut items = Vec::new();
        for item in self.items {
            let text = clean(&item.text, Field::Record, false, MAX_ITEM, &mut problems);
            if !LEVELS.contains(&item.level) {
                problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 5 });
            }
            if !text.is_empty() {
                items.push(StandardItem { text, ..item });
            }
        }
        self.items = items;
        problems.finish(self)
    }
}

/// Where a seat statement stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SeatStatus {
    Draft,
    Submitted,
    Confirmed,
}

impl SeatStatus {
    pub const ALL: [SeatStatus; 3] = [SeatStatus::Draft, SeatStatus::Submitted, SeatStatus::Confirmed];

    pub fn code(self) -> &'static str {
        match self {
            SeatStatus::Draft => "draft",
            SeatStatus::Submitted => "submitted",
            SeatStatus::Confirmed => "confirmed",
        }
    }

    pub fn from_code(code: &str) -> Option<SeatStatus> {
        SeatStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The content of an official's 能力席位書 for a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatData {
    pub post: Option<PostId>,
    /// The level per capability position the official commits to reach.
    pub levels: BTreeMap<u8, u8>,
    pub motto: String,
    pub commitments: String,
    pub status: SeatStatus,
}

/// A stored seat statement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatStatement {
    pub id: i64,
    pub uuid: String,
    pub official: OfficialId,
    pub year: i32,
    pub data: SeatData,
}

impl SeatData {
    /// A draft from the post's standard for the official's tier (or the tier's default
    /// levels when the post has no standard yet).
    pub fn draft(
        post: Option<PostId>,
        tier: RankTier,
        post_tier: Option<RankTier>,
        standard: Option<&StandardData>,
        scale: &Scale,
    ) -> SeatData {
        let levels = match (standard, post_tier) {
            (Some(standard), Some(post_tier)) => standard.levels_for(tier, post_tier),
            _ => BTreeMap::new(),
        };
        let levels = if levels.is_empty() { CAPABILITIES.map(|c| (c, scale.default_level(tier))).collect() } else { levels };
        SeatData { post, levels, motto: String::new(), commitments: String::new(), status: SeatStatus::Draft }
    }

    pub fn validate(self) -> Result<SeatData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let motto = clean(&self.motto, Field::Record, false, MAX_MOTTO, &mut problems);
        let commitments = clean(&self.commitments, Field::Record, false, MAX_LONG, &mut problems);
        if self.levels.iter().any(|(c, l)| !CAPABILITIES.contains(c) || !LEVELS.contains(l)) {
            problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 5 });
        }
        problems.finish(SeatData { motto, commitments, ..self })
    }
}

/// Whether a seat statement may move from `from` to `to`: forward one step, or back to draft.
pub fn may_move(from: SeatStatus, to: SeatStatus) -> bool {
    matches!(
        (from, to),
        (SeatStatus::Draft, SeatStatus::Submitted) | (SeatStatus::Submitted, SeatStatus::Confirmed) | (_, SeatStatus::Draft)
    ) && from != to
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> Scale {
        let file = ScaleFile::shipped();
        Scale {
            descriptors: CAPABILITIES.flat_map(|c| file.levels.iter().map(move |l| ((c, l.level), l.descriptor.clone()))).collect(),
            tier_levels: RankTier::ALL.iter().map(|t| (*t, file.default_level(*t))).collect(),
        }
    }

    #[test]
    fn tiers_expect_rising_levels() {
        let scale = scale();
        let levels: Vec<u8> = RankTier::ALL.iter().map(|t| scale.default_level(*t)).collect();
        assert_eq!(levels, vec![3, 4, 5], "應知應會 < 行家里手 < 專家權威");
        assert_eq!(ScaleFile::shipped().levels.len(), 5);
    }

    #[test]
    fn a_draft_is_complete_and_missing_levels_are_flagged() {
        let scale = scale();
        let mut standard = StandardData::draft(RankTier::Section, &scale);
        assert!(standard.is_complete(RankTier::Section));
        assert!(standard.levels.values().all(|l| *l == 4));
        standard.levels.remove(&(RankTier::Section, 3));
        standard.levels.remove(&(RankTier::Section, 8));
        assert_eq!(standard.missing(RankTier::Section), vec![3, 8]);
        assert!(!standard.is_complete(RankTier::Section));
        assert!(!standard.is_complete(RankTier::General), "no row for a tier counts as missing");
    }

    #[test]
    fn an_official_is_held_to_their_tiers_row_else_the_posts() {
        let scale = scale();
        let mut standard = StandardData::draft(RankTier::General, &scale);
        standard.levels.insert((RankTier::Section, 1), 5);
        assert_eq!(standard.levels_for(RankTier::Section, RankTier::General), BTreeMap::from([(1, 5)]));
        assert_eq!(standard.levels_for(RankTier::Division, RankTier::General).len(), 8);
        let seat = SeatData::draft(None, RankTier::Division, None, None, &scale);
        assert!(seat.levels.values().all(|l| *l == 5), "without a standard the tier's default applies");
    }

    #[test]
    fn levels_and_texts_are_checked() {
        let mut standard = StandardData::default();
        standard.levels.insert((RankTier::General, 1), 6);
        assert!(standard.validate().is_err());
        let standard =
            StandardData { levels: BTreeMap::new(), items: vec![StandardItem { kind: ItemKind::Skill, text: "  ".into(), level: 3 }] };
        assert!(standard.validate().unwrap().items.is_empty(), "blank items are dropped");
        let seat = SeatData {
            post: None,
            levels: BTreeMap::new(),
            motto: "格".repeat(201),
            commitments: String::new(),
            status: SeatStatus::Draft,
        };
        assert!(seat.validate().is_err());
    }

    #[test]
    fn statuses_move_forward_one_step_or_back_to_draft() {
        use SeatStatus::*;
        assert!(may_move(Draft, Submitted) && may_move(Submitted, Confirmed) && may_move(Confirmed, Draft) && may_move(Submitted, Draft));
        assert!(!may_move(Draft, Confirmed) && !may_move(Confirmed, Submitted) && !may_move(Draft, Draft));
    }
}
