//! The programme as it runs: phases with dates, milestones with who, when and status, the
//! 領導小組, and the figures measured from the bureau's own data. Status rules (overdue, done
//! late), date shifting for a new year and the home page's ordering live here.

use super::Names;
use super::catalogue::{OfficialStatus, RankTier};
use super::ids::{OfficialId, PostId, UnitId};
use super::org::{Post, Unit, subtree};
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::standards::{PostStandard, SeatStatement};
use super::text::{MAX_LONG, MAX_NAME, MAX_SHORT, clean};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// A milestone's status as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MilestoneStatus {
    NotStarted,
    InProgress,
    Done,
}

impl MilestoneStatus {
    pub const ALL: [MilestoneStatus; 3] = [MilestoneStatus::NotStarted, MilestoneStatus::InProgress, MilestoneStatus::Done];

    pub fn code(self) -> &'static str {
        match self {
            MilestoneStatus::NotStarted => "not_started",
            MilestoneStatus::InProgress => "in_progress",
            MilestoneStatus::Done => "done",
        }
    }

    pub fn from_code(code: &str) -> Option<MilestoneStatus> {
        MilestoneStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A milestone's status as shown on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shown {
    Overdue,
    InProgress,
    NotStarted,
    DoneLate,
    Done,
}

impl Shown {
    pub fn key(self) -> &'static str {
        match self {
            Shown::Overdue => "milestone.overdue",
            Shown::InProgress => "milestone.in_progress",
            Shown::NotStarted => "milestone.not_started",
            Shown::DoneLate => "milestone.done_late",
            Shown::Done => "milestone.done",
        }
    }
}

/// Overdue when not done by its due day; done late when finished after it.
pub fn shown_status(status: MilestoneStatus, due: NaiveDate, done_on: Option<NaiveDate>, today: NaiveDate) -> Shown {
    match (status, done_on) {
        (MilestoneStatus::Done, Some(done)) if done > due => Shown::DoneLate,
        (MilestoneStatus::Done, _) => Shown::Done,
        _ if today > due => Shown::Overdue,
        (MilestoneStatus::InProgress, _) => Shown::InProgress,
        _ => Shown::NotStarted,
    }
}

/// What the data can tell about a milestone's progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Measure {
    DutyStatements,
    Standards,
    SeatStatements,
    SelfChecks,
    ImprovementPlans,
    Training,
}

impl Measure {
    pub const ALL: [Measure; 6] = [
        Measure::DutyStatements,
        Measure::Standards,
        Measure::SeatStatements,
        Measure::SelfChecks,
        Measure::ImprovementPlans,
        Measure::Training,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Measure::DutyStatements => "duty_statements",
            Measure::Standards => "standards",
            Measure::SeatStatements => "seat_statements",
            Measure::SelfChecks => "self_checks",
            Measure::ImprovementPlans => "improvement_plans",
            Measure::Training => "training",
        }
    }

    pub fn from_code(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// A milestone's recorded content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MilestoneData {
    pub unit: Option<UnitId>,
    pub lead: String,
    pub due: NaiveDate,
    pub status: MilestoneStatus,
    pub done_on: Option<NaiveDate>,
    pub notes: String,
    pub evidence: String,
}

/// A stored milestone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: i64,
    pub phase: i64,
    pub title: Names,
    pub measure: Option<Measure>,
    pub data: MilestoneData,
}

impl MilestoneData {
    /// Checks a milestone: done has a day (today when marked done without one), not later
    /// than today; a milestone not done has none.
    pub fn validate(self, today: NaiveDate) -> Result<MilestoneData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let lead = clean(&self.lead, Field::Name, false, MAX_NAME, &mut problems);
        let notes = clean(&self.notes, Field::Record, false, MAX_LONG, &mut problems);
        let evidence = clean(&self.evidence, Field::Record, false, MAX_LONG, &mut problems);
        let done_on = match self.status {
            MilestoneStatus::Done => Some(self.done_on.unwrap_or(today)),
            _ => None,
        };
        if done_on.is_some_and(|d| d > today) {
            problems.push(Field::Status, Problem::InFuture);
        }
        problems.finish(MilestoneData { lead, notes, evidence, done_on, ..self })
    }
}

/// A phase of a year's programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammePhase {
    pub id: i64,
    pub position: u8,
    pub name: Names,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub milestones: Vec<Milestone>,
}

/// A role in the 領導小組.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Leader,
    Deputy,
    Member,
    OfficeDirector,
    OfficeMember,
}

impl Role {
    pub const ALL: [Role; 5] = [Role::Leader, Role::Deputy, Role::Member, Role::OfficeDirector, Role::OfficeMember];

    pub fn code(self) -> &'static str {
        match self {
            Role::Leader => "leader",
            Role::Deputy => "deputy",
            Role::Member => "member",
            Role::OfficeDirector => "office_director",
            Role::OfficeMember => "office_member",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A member of the 領導小組 or its office.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub role: Role,
    pub duty: String,
}

impl Member {
    pub fn validate(self) -> Result<Member, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let name = clean(&self.name, Field::Name, true, MAX_NAME, &mut problems);
        let duty = clean(&self.duty, Field::Record, false, MAX_SHORT, &mut problems);
        problems.finish(Member { name, duty, ..self })
    }
}

/// A year's programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub id: i64,
    pub year: i32,
    pub name: Names,
    pub phases: Vec<ProgrammePhase>,
    /// Members with their stored ids.
    pub members: Vec<(i64, Member)>,
}

impl Programme {
    /// The phase `today` falls in, if any.
    pub fn current_phase(&self, today: NaiveDate) -> Option<&ProgrammePhase> {
        self.phases.iter().find(|p| p.start <= today && today <= p.end)
    }

    /// The first and last day of the programme.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((self.phases.iter().map(|p| p.start).min()?, self.phases.iter().map(|p| p.end).max()?))
    }

    /// Every milestone for the home page: overdue first (oldest due first), then the rest not
    /// done by due day, then the done ones.
    pub fn agenda(&self, today: NaiveDate) -> Vec<(&Milestone, Shown)> {
        let mut all: Vec<(&Milestone, Shown)> = self
            .phases
            .iter()
            .flat_map(|p| &p.milestones)
            .map(|m| (m, shown_status(m.data.status, m.data.due, m.data.done_on, today)))
            .collect();
        all.sort_by_key(|(m, shown)| {
            let group = match shown {
                Shown::Overdue => 0,
                Shown::InProgress | Shown::NotStarted => 1,
                Shown::DoneLate | Shown::Done => 2,
            };
            (group, m.data.due, m.id)
        });
        all
    }
}

/// The same day `years` later; 29 February becomes 28 February in a common year.
pub fn shift_years(date: NaiveDate, years: i32) -> NaiveDate {
    let year = date.year() + years;
    NaiveDate::from_ymd_opt(year, date.month(), date.day()).or_else(|| NaiveDate::from_ymd_opt(year, date.month(), 28)).unwrap_or(date)
}

/// Done out of total; `None` total means the data does not exist yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ratio {
    pub done: usize,
    pub total: usize,
}

impl Ratio {
    pub fn fraction(self) -> f32 {
        if self.total == 0 { 0.0 } else { self.done as f32 / self.total as f32 }
    }
}

/// An official as the figures need them.
#[derive(Clone, Copy, Debug)]
pub struct Person {
    pub id: OfficialId,
    pub unit: UnitId,
    pub tier: RankTier,
    pub status: OfficialStatus,
}

impl From<&super::roster::RosterRow> for Person {
    fn from(row: &super::roster::RosterRow) -> Person {
        Person { id: row.id, unit: row.unit, tier: row.tier, status: row.status }
    }
}

/// Every figure, in the order of [`Measure::ALL`].
pub fn figures(facts: &Facts<'_>) -> Vec<(Measure, Option<Ratio>)> {
    Measure::ALL.iter().map(|m| (*m, measure(facts, *m))).collect()
}

/// The bureau's data the figures read.
pub struct Facts<'a> {
    pub units: &'a [Unit],
    pub posts: &'a [Post],
    pub standards: &'a HashMap<PostId, PostStandard>,
    pub people: &'a [Person],
    pub seats: &'a HashMap<OfficialId, SeatStatement>,
    /// Officials who have handed in (or had reviewed) a self-check of the year.
    pub handed_in: &'a HashSet<OfficialId>,
    /// Officials with at least one improvement-plan item for the year.
    pub planned: &'a HashSet<OfficialId>,
    /// Officials with training recorded in the year (a session attended or a study record).
    pub trained: &'a HashSet<OfficialId>,
}

/// A measured figure: `None` while the feature that holds its data is not in this version.
pub fn measure(facts: &Facts<'_>, what: Measure) -> Option<Ratio> {
    let active: Vec<&Post> = facts.posts.iter().filter(|p| !p.retired).collect();
    let serving = facts.people.iter().filter(|p| p.status == OfficialStatus::Active);
    match what {
        Measure::DutyStatements => Some(Ratio { done: active.iter().filter(|p| !p.duties.trim().is_empty()).count(), total: active.len() }),
        Measure::Standards => Some(Ratio {
            done: active.iter().filter(|p| facts.standards.get(&p.id).is_some_and(|s| s.data.is_complete(p.tier))).count(),
            total: active.len(),
        }),
        Measure::SeatStatements => {
            let people: Vec<&Person> = serving.collect();
            Some(Ratio { done: people.iter().filter(|p| facts.seats.contains_key(&p.id)).count(), total: people.len() })
        }
        Measure::SelfChecks | Measure::ImprovementPlans | Measure::Training => {
            let set = match what {
                Measure::SelfChecks => facts.handed_in,
                Measure::ImprovementPlans => facts.planned,
                _ => facts.trained,
            };
            let people: Vec<&Person> = serving.collect();
            Some(Ratio { done: people.iter().filter(|p| set.contains(&p.id)).count(), total: people.len() })
        }
    }
}

/// Completion of one top-level unit (with everything below it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitCompletion {
    pub unit: UnitId,
    pub standards: Ratio,
    pub seats: Ratio,
}

/// Per unit directly under the bureau: posts with a complete standard, officials with a
/// 能力席位書.
pub fn unit_completion(facts: &Facts<'_>) -> Vec<UnitCompletion> {
    let Some(root) = facts.units.iter().find(|u| u.parent.is_none()) else { return Vec::new() };
    let mut top: Vec<&Unit> = facts.units.iter().filter(|u| u.parent == Some(root.id) && !u.retired).collect();
    top.sort_by_key(|u| (u.position, u.id));
    let mut owner: HashMap<UnitId, UnitId> = HashMap::new();
    for unit in &top {
        for id in subtree(facts.units, unit.id) {
            owner.insert(id, unit.id);
        }
    }
    let mut rows: HashMap<UnitId, UnitCompletion> =
        top.iter().map(|u| (u.id, UnitCompletion { unit: u.id, standards: Ratio::default(), seats: Ratio::default() })).collect();
    for post in facts.posts.iter().filter(|p| !p.retired) {
        if let Some(row) = owner.get(&post.unit).and_then(|o| rows.get_mut(o)) {
            row.standards.total += 1;
            row.standards.done += usize::from(facts.standards.get(&post.id).is_some_and(|s| s.data.is_complete(post.tier)));
        }
    }
    let with_seat: HashSet<OfficialId> = facts.seats.keys().copied().collect();
    for person in facts.people.iter().filter(|p| p.status == OfficialStatus::Active) {
        if let Some(row) = owner.get(&person.unit).and_then(|o| rows.get_mut(o)) {
            row.seats.total += 1;
            row.seats.done += usize::from(with_seat.contains(&person.id));
        }
    }
    top.iter().filter_map(|u| rows.remove(&u.id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn status_rules() {
        use MilestoneStatus::*;
        let due = day(2012, 9, 30);
        let cases = [
            (NotStarted, None, day(2012, 9, 1), Shown::NotStarted),
            (InProgress, None, day(2012, 9, 30), Shown::InProgress),
            (InProgress, None, day(2012, 10, 1), Shown::Overdue),
            (NotStarted, None, day(2013, 1, 1), Shown::Overdue),
            (Done, Some(day(2012, 9, 30)), day(2013, 1, 1), Shown::Done),
            (Done, Some(day(2012, 10, 8)), day(2013, 1, 1), Shown::DoneLate),
        ];
        for (status, done_on, today, want) in cases {
            assert_eq!(shown_status(status, due, done_on, today), want, "{status:?} {done_on:?} {today}");
        }
    }

    #[test]
    fn done_gets_a_day_and_not_a_future_one() {
        let data = MilestoneData {
            unit: None,
            lead: " 人教科 ".into(),
            due: day(2012, 9, 30),
            status: MilestoneStatus::Done,
            done_on: None,
            notes: String::new(),
            evidence: String::new(),
        };
        let today = day(2012, 9, 20);
        assert_eq!(data.clone().validate(today).unwrap().done_on, Some(today));
        assert!(MilestoneData { done_on: Some(day(2012, 12, 1)), ..data.clone() }.validate(today).is_err());
        assert_eq!(
            MilestoneData { status: MilestoneStatus::InProgress, done_on: Some(today), ..data }.validate(today).unwrap().done_on,
            None
        );
    }

    #[test]
    fn dates_shift_by_whole_years() {
        assert_eq!(shift_years(day(2012, 8, 1), 1), day(2013, 8, 1));
        assert_eq!(shift_years(day(2012, 2, 29), 1), day(2013, 2, 28));
        assert_eq!(shift_years(day(2013, 12, 31), 2), day(2015, 12, 31));
    }
}
