//! 職務 and 職級 after the 2019 reform (公務員職務與職級並行規定): the leadership levels, the
//! twelve ranks of the 綜合管理類 (and 試用期), and the bureau's editable mapping from them to the
//! programme's three rank tiers, which are derived rather than typed.

use super::catalogue::{RankTier, vocabulary};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

vocabulary!(
    /// 領導職務層次: the leadership level a post carries (none for most officials).
    DutyLevel {
        /// 縣處級正職
        CountyChief = "county_chief",
        /// 縣處級副職
        CountyDeputy = "county_deputy",
        /// 鄉科級正職
        TownshipChief = "township_chief",
        /// 鄉科級副職
        TownshipDeputy = "township_deputy",
    }
);

vocabulary!(
    /// 職級 of the 綜合管理類, highest first, and 試用期 for a probationer.
    Rank {
        /// 一級巡視員
        Inspector1 = "inspector1",
        /// 二級巡視員
        Inspector2 = "inspector2",
        /// 一級調研員
        Researcher1 = "researcher1",
        /// 二級調研員
        Researcher2 = "researcher2",
        /// 三級調研員
        Researcher3 = "researcher3",
        /// 四級調研員
        Researcher4 = "researcher4",
        /// 一級主任科員
        Principal1 = "principal1",
        /// 二級主任科員
        Principal2 = "principal2",
        /// 三級主任科員
        Principal3 = "principal3",
        /// 四級主任科員
        Principal4 = "principal4",
        /// 一級科員
        Clerk1 = "clerk1",
        /// 二級科員
        Clerk2 = "clerk2",
        /// 試用期
        Probation = "probation",
    }
);

/// Which tier each leadership level and each rank belongs to. An official's tier is the higher
/// of the two (a 鄉科級副職 who is a 一級科員 is 科級); a per-person override may replace it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierMapping {
    pub duty: BTreeMap<DutyLevel, RankTier>,
    pub rank: BTreeMap<Rank, RankTier>,
}

impl Default for TierMapping {
    /// The shipped mapping: 縣處級 and the 巡視員/調研員 ranks → 處級; 鄉科級 and the 主任科員
    /// ranks → 科級; 一級/二級科員 and 試用期 → 一般幹部.
    fn default() -> TierMapping {
        let duty = DutyLevel::ALL
            .iter()
            .map(|d| {
                let tier = match d {
                    DutyLevel::CountyChief | DutyLevel::CountyDeputy => RankTier::Division,
                    DutyLevel::TownshipChief | DutyLevel::TownshipDeputy => RankTier::Section,
                };
                (*d, tier)
            })
            .collect();
        let rank = Rank::ALL
            .iter()
            .map(|r| {
                let tier = match r {
                    Rank::Inspector1 | Rank::Inspector2 | Rank::Researcher1 | Rank::Researcher2 | Rank::Researcher3 | Rank::Researcher4 => {
                        RankTier::Division
                    }
                    Rank::Principal1 | Rank::Principal2 | Rank::Principal3 | Rank::Principal4 => RankTier::Section,
                    Rank::Clerk1 | Rank::Clerk2 | Rank::Probation => RankTier::General,
                };
                (*r, tier)
            })
            .collect();
        TierMapping { duty, rank }
    }
}

impl TierMapping {
    /// The tier `duty` and `rank` lead to, `None` when neither is known (or mapped).
    pub fn derive(&self, duty: Option<DutyLevel>, rank: Option<Rank>) -> Option<RankTier> {
        let by_duty = duty.and_then(|d| self.duty.get(&d).copied());
        let by_rank = rank.and_then(|r| self.rank.get(&r).copied());
        by_duty.max(by_rank)
    }

    /// The tier an official holds: the override when one is set, else the derived tier.
    pub fn tier_of(&self, duty: Option<DutyLevel>, rank: Option<Rank>, tier_override: Option<RankTier>) -> Option<RankTier> {
        tier_override.or_else(|| self.derive(duty, rank))
    }

    /// The mapping as the settings store it; the shipped default when `json` is absent or unreadable,
    /// with any level or rank it lacks taken from the default.
    pub fn from_json(json: Option<&str>) -> TierMapping {
        let mut mapping = TierMapping::default();
        if let Some(stored) = json.and_then(|j| serde_json::from_str::<TierMapping>(j).ok()) {
            mapping.duty.extend(stored.duty);
            mapping.rank.extend(stored.rank);
        }
        mapping
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_mapping_places_every_level_and_rank() {
        let m = TierMapping::default();
        assert_eq!(m.duty.len(), DutyLevel::ALL.len());
        assert_eq!(m.rank.len(), Rank::ALL.len());
        let cases = [
            (None, Some(Rank::Principal1), Some(RankTier::Section)),
            (None, Some(Rank::Principal4), Some(RankTier::Section)),
            (None, Some(Rank::Researcher4), Some(RankTier::Division)),
            (None, Some(Rank::Clerk1), Some(RankTier::General)),
            (None, Some(Rank::Probation), Some(RankTier::General)),
            (Some(DutyLevel::TownshipDeputy), Some(Rank::Clerk1), Some(RankTier::Section)),
            (Some(DutyLevel::CountyDeputy), Some(Rank::Principal1), Some(RankTier::Division)),
            (Some(DutyLevel::TownshipChief), None, Some(RankTier::Section)),
            (None, None, None),
        ];
        for (duty, rank, tier) in cases {
            assert_eq!(m.derive(duty, rank), tier, "{duty:?} {rank:?}");
        }
    }

    #[test]
    fn an_override_wins_and_an_edited_mapping_changes_the_derived_tier() {
        let mut m = TierMapping::default();
        assert_eq!(m.tier_of(None, Some(Rank::Clerk1), Some(RankTier::Section)), Some(RankTier::Section));
        m.rank.insert(Rank::Clerk1, RankTier::Section);
        assert_eq!(m.tier_of(None, Some(Rank::Clerk1), None), Some(RankTier::Section));
        let back = TierMapping::from_json(Some(&m.to_json()));
        assert_eq!(back, m);
        // A stored mapping missing entries keeps the defaults for them; garbage gives the default.
        let partial = TierMapping::from_json(Some(r#"{"duty":{},"rank":{"Clerk2":"Section"}}"#));
        assert_eq!(partial.rank[&Rank::Clerk2], RankTier::Section);
        assert_eq!(partial.rank[&Rank::Clerk1], RankTier::General);
        assert_eq!(TierMapping::from_json(Some("not json")), TierMapping::default());
    }
}
