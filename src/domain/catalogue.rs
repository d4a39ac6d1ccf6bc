//! The fixed vocabularies (rank tiers, genders, statuses, unit kinds) and the programme
//! catalogue shipped in `data/catalogue.json`: the 八種能力, the tiers' expectations and the
//! phases with their tasks. The catalogue is data: a new database gets a copy it can edit.

use super::{Lang, Names};
use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary with a stable storage code for each choice.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code stored in the database and written in exchange files.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// The three rank tiers of the programme and what each must reach.
    RankTier {
        /// 一般干部: 應知應會
        General = "general",
        /// 科級干部: 行家里手
        Section = "section",
        /// 處級干部: 專家權威
        Division = "division",
    }
);

vocabulary!(
    /// 性別 as printed on the year-end sheet.
    Gender {
        Male = "male",
        Female = "female",
    }
);

vocabulary!(
    /// Where an official stands on the roster.
    OfficialStatus {
        /// 在職
        Active = "active",
        /// 調離
        Transferred = "transferred",
        /// 退休
        Retired = "retired",
    }
);

vocabulary!(
    /// What kind of unit a node of the organisation tree is.
    UnitKind {
        /// 局 (the root)
        Bureau = "bureau",
        /// 科室/中心
        Section = "section",
        /// 稽查局
        Inspection = "inspection",
        /// 稅務分局
        Branch = "branch",
        /// 股/所/組
        Team = "team",
    }
);

/// One of the 八種能力, in its fixed position (1 = 學習力 … 8 = 服務力).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capability {
    pub position: u8,
    pub code: String,
    pub name: Names,
    pub slogan: Names,
}

/// A rank tier's name and its expectation (應知應會 / 行家里手 / 專家權威).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierInfo {
    pub tier: RankTier,
    pub name: Names,
    pub expectation: Names,
}

/// A task of a programme phase, and the figure that measures it where the data can tell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseTask {
    pub title: Names,
    #[serde(default)]
    pub measure: Option<String>,
}

/// A phase of the programme with its dates (ISO days) and tasks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phase {
    pub position: u8,
    pub name: Names,
    pub start: chrono::NaiveDate,
    pub end: chrono::NaiveDate,
    pub tasks: Vec<PhaseTask>,
}

/// The whole shipped catalogue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Catalogue {
    pub programme: Names,
    pub capabilities: Vec<Capability>,
    pub tiers: Vec<TierInfo>,
    pub phases: Vec<Phase>,
}

/// Why a catalogue file was refused.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("catalogue is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("catalogue must list the eight capabilities in positions 1 to 8")]
    Capabilities,
    #[error("catalogue must describe each rank tier once")]
    Tiers,
    #[error("phase {0} ends before it starts")]
    PhaseDates(u8),
}

impl Catalogue {
    /// The catalogue shipped with the application.
    #[allow(clippy::expect_used, reason = "built into the binary and parsed by a test")]
    pub fn shipped() -> Catalogue {
        Catalogue::parse(include_str!("../../data/catalogue.json")).expect("the shipped catalogue is checked by a test")
    }

    pub fn parse(json: &str) -> Result<Catalogue, CatalogueError> {
        let catalogue: Catalogue = serde_json::from_str(json)?;
        let positions: Vec<u8> = catalogue.capabilities.iter().map(|c| c.position).collect();
        if positions != (1..=8).collect::<Vec<u8>>() {
            return Err(CatalogueError::Capabilities);
        }
        let mut tiers: Vec<RankTier> = catalogue.tiers.iter().map(|t| t.tier).collect();
        tiers.sort();
        if tiers != RankTier::ALL {
            return Err(CatalogueError::Tiers);
        }
        if let Some(phase) = catalogue.phases.iter().find(|p| p.end < p.start) {
            return Err(CatalogueError::PhaseDates(phase.position));
        }
        Ok(catalogue)
    }

    pub fn tier(&self, tier: RankTier) -> Option<&TierInfo> {
        self.tiers.iter().find(|t| t.tier == tier)
    }

    /// The tier's name in `lang`, e.g. 科級干部.
    pub fn tier_name(&self, tier: RankTier, lang: Lang) -> &str {
        self.tier(tier).map(|t| t.name.get(lang)).unwrap_or(tier.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalogue_is_complete() {
        let catalogue = Catalogue::shipped();
        assert_eq!(catalogue.capabilities.len(), 8);
        assert_eq!(catalogue.capabilities[0].name.tc, "學習力");
        assert_eq!(catalogue.capabilities[7].name.sc, "服务力");
        assert_eq!(catalogue.tier(RankTier::Division).map(|t| t.expectation.tc.as_str()), Some("專家權威"));
        assert_eq!(catalogue.phases.len(), 3);
        assert_eq!(catalogue.phases[1].tasks.len(), 3);
        for cap in &catalogue.capabilities {
            for lang in Lang::ALL {
                assert!(!cap.name.get(lang).is_empty() && !cap.slogan.get(lang).is_empty(), "{}", cap.code);
            }
        }
    }

    #[test]
    fn catalogue_with_missing_capability_is_refused() {
        let mut value: serde_json::Value = serde_json::from_str(include_str!("../../data/catalogue.json")).unwrap();
        value["capabilities"].as_array_mut().unwrap().pop();
        assert!(matches!(Catalogue::parse(&value.to_string()), Err(CatalogueError::Capabilities)));
    }

    #[test]
    fn codes_round_trip() {
        for tier in RankTier::ALL {
            assert_eq!(RankTier::from_code(tier.code()), Some(*tier));
        }
        assert_eq!(OfficialStatus::from_code("retired"), Some(OfficialStatus::Retired));
        assert_eq!(UnitKind::from_code("nonsense"), None);
    }
}
