//! What the training pages and printouts read, as the service gathers it: who a session
//! expects, an official's training file of a year (each line, totals, quota standings, scores),
//! and compliance with the quotas. Plain data, below the service so printouts can take it.

use super::catalogue::RankTier;
use super::ids::{OfficialId, UnitId};
use super::training::{Attendance, Mark, QuotaRule, Standing, StudyData};
use std::collections::BTreeMap;

/// A line of an official's training file: a session attended (as a one-day record with the
/// 學時 credited) or a study record.
#[derive(Clone, Debug, PartialEq)]
pub struct FileLine {
    pub study: StudyData,
    /// The session's mark (`None` for a study record).
    pub mark: Option<Mark>,
}

/// Someone a session expects, with their mark if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Expected {
    pub official: OfficialId,
    pub staff_no: String,
    pub name: String,
    pub unit_name: String,
    pub attendance: Option<Attendance>,
    /// Not in the audience: came anyway.
    pub walk_in: bool,
}

/// An official's training file for a year: each line, and totals by type (sessions, 學時).
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingFile {
    pub official: super::official::Official,
    pub year: i32,
    pub lines: Vec<FileLine>,
    pub totals: BTreeMap<String, (u32, f32)>,
    pub standings: Vec<(QuotaRule, Standing)>,
    /// Exam and test scores of the year (五基達標考試, post and spot tests…).
    pub scores: Vec<(super::selfcheck::Test, f64)>,
}

/// One person's line of the compliance page.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonCompliance {
    pub official: OfficialId,
    pub unit: UnitId,
    pub tier: RankTier,
    /// Per rule (in the rules' order): where they stand, or `None` when it does not apply.
    pub standings: Vec<Option<Standing>>,
}

impl PersonCompliance {
    pub fn behind(&self) -> bool {
        self.standings.iter().flatten().any(Standing::behind)
    }
}

/// Compliance with the quotas for a year: the rules and every serving official in scope.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Compliance {
    pub year: i32,
    pub rules: Vec<QuotaRule>,
    pub people: Vec<PersonCompliance>,
}

impl Compliance {
    /// The year is over: those short of a quota missed it rather than fell behind.
    pub fn finished(&self) -> bool {
        self.people.iter().flat_map(|p| p.standings.iter().flatten()).any(|s| s.closed)
    }

    /// Per rule: how many it applies to, have met it, and are behind.
    pub fn summary(&self) -> Vec<(usize, usize, usize)> {
        (0..self.rules.len())
            .map(|i| {
                let standings = self.people.iter().filter_map(|p| p.standings[i]);
                standings.fold((0, 0, 0), |(n, met, behind), s| (n + 1, met + usize::from(s.met()), behind + usize::from(s.behind())))
            })
            .collect()
    }
}
