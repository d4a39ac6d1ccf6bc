//! The pure model of the programme: ids, entities, catalogues, validation and roster rules.
//! Nothing here touches egui, SQLite, files or the clock: callers pass "today" in.

pub mod access;
pub mod audit;
pub mod backups;
pub mod ballots;
pub mod cadre;
pub mod catalogue;
pub mod consequences;
pub mod dates;
pub mod eligibility;
pub mod identity;
pub mod ids;
pub mod names;
pub mod official;
pub mod org;
pub mod package;
pub mod plans;
pub mod problem;
pub mod programme;
pub mod quota;
pub mod ranks;
pub mod roster;
pub mod routine;
pub mod selfcheck;
pub mod standards;
pub mod standing;
pub mod text;
pub mod training;
pub mod training_views;
pub mod workdays;
pub mod yearend;

pub use ids::{OfficialId, PostId, UnitId};
pub use problem::{Field, FieldProblem, Problem};

/// The three interface languages. Catalogue names are stored in all three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// 繁體中文
    #[default]
    Tc,
    /// 简体中文
    Sc,
    /// English
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Tc, Lang::Sc, Lang::En];

    /// The language's own name, shown in the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Tc => "繁體中文",
            Lang::Sc => "简体中文",
            Lang::En => "English",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Tc => "zh-Hant",
            Lang::Sc => "zh-Hans",
            Lang::En => "en",
        }
    }

    /// Picks the language from an OS locale tag such as `zh-CN`, `zh_TW.UTF-8` or `en-US`:
    /// zh-CN/zh-SG (and zh-Hans) → 简体, every other Chinese → 繁體, anything else → English.
    pub fn from_locale(tag: &str) -> Lang {
        let tag = tag.split('.').next().unwrap_or("").replace('_', "-").to_ascii_lowercase();
        let mut parts = tag.split('-');
        if parts.next() != Some("zh") {
            return Lang::En;
        }
        for part in parts {
            match part {
                "cn" | "sg" | "hans" => return Lang::Sc,
                "tw" | "hk" | "mo" | "hant" => return Lang::Tc,
                _ => {}
            }
        }
        Lang::Tc
    }
}

/// A text kept in the three interface languages (catalogue names, slogans, phase names).
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Names {
    pub tc: String,
    pub sc: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Tc => &self.tc,
            Lang::Sc => &self.sc,
            Lang::En => &self.en,
        }
    }

    pub fn get_mut(&mut self, lang: Lang) -> &mut String {
        match lang {
            Lang::Tc => &mut self.tc,
            Lang::Sc => &mut self.sc,
            Lang::En => &mut self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_maps_to_language() {
        let cases = [
            ("zh-CN", Lang::Sc),
            ("zh_CN.UTF-8", Lang::Sc),
            ("zh-SG", Lang::Sc),
            ("zh-Hans-CN", Lang::Sc),
            ("zh-TW", Lang::Tc),
            ("zh-HK", Lang::Tc),
            ("zh-Hant", Lang::Tc),
            ("zh", Lang::Tc),
            ("en-US", Lang::En),
            ("de_DE", Lang::En),
            ("", Lang::En),
        ];
        for (tag, want) in cases {
            assert_eq!(Lang::from_locale(tag), want, "{tag}");
        }
    }
}
