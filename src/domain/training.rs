//! 學習培訓: the training register's rules. Sessions and who they are for, attendance marks
//! and the 學時 they credit, study records kept outside sessions, the yearly tally per official
//! and type that quotas are measured on, and the quota rules themselves (kept as data) with
//! their evaluation: done, required (pro rata for someone who joined during the window),
//! projected at the present pace, and whether the person is behind. No storage, no clock.

use super::catalogue::{RankTier, vocabulary};
use super::ids::{OfficialId, UnitId};
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_TITLE, clean};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The most 學時 one session or study record may credit.
pub const MAX_HOURS: f32 = 500.0;

vocabulary!(
    /// How an official took part in a session.
    Mark {
        /// 出席
        Present = "present",
        /// 遲到 (credited, as the session's hours unless fewer are entered)
        Late = "late",
        /// 請假
        Leave = "leave",
        /// 缺席
        Absent = "absent",
    }
);

impl Mark {
    /// Whether the mark credits the session (and its hours) to the official.
    pub fn credits(self) -> bool {
        matches!(self, Mark::Present | Mark::Late)
    }
}

/// Who a session or a plan topic is for: everyone, or the listed units (with their sub-units,
/// expanded by the caller) and/or rank tiers.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audience {
    pub units: Vec<UnitId>,
    pub tiers: Vec<RankTier>,
}

impl Audience {
    /// Whether someone of `unit` and `tier` is in the audience; `units` holds the audience's
    /// units with everything below them.
    pub fn includes(&self, units: &HashSet<UnitId>, unit: UnitId, tier: RankTier) -> bool {
        (self.units.is_empty() || units.contains(&unit)) && (self.tiers.is_empty() || self.tiers.contains(&tier))
    }
}

/// A session's details as entered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionData {
    pub title: String,
    /// A code from the bureau's list of session types (集中學習, 培訓班…).
    pub kind: String,
    pub date: NaiveDate,
    /// The time of day as written, e.g. 09:00–11:30.
    pub time: String,
    pub place: String,
    pub hours: f32,
    pub organiser: String,
    pub lead: String,
    pub audience: Audience,
    /// The capabilities (1–8) the session builds.
    pub capabilities: Vec<u8>,
}

fn check_hours(hours: f32, field: Field, problems: &mut Problems) {
    if !hours.is_finite() || hours <= 0.0 || hours > MAX_HOURS {
        problems.push(field, Problem::OutOfRange { min: 0, max: MAX_HOURS as i64 });
    }
}

impl SessionData {
    pub fn validate(self) -> Result<SessionData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let title = clean(&self.title, Field::Title, true, MAX_TITLE, &mut problems);
        let time = clean(&self.time, Field::Record, false, 40, &mut problems);
        let place = clean(&self.place, Field::Record, false, MAX_TITLE, &mut problems);
        let organiser = clean(&self.organiser, Field::Unit, false, MAX_TITLE, &mut problems);
        let lead = clean(&self.lead, Field::Name, false, MAX_TITLE, &mut problems);
        if self.kind.trim().is_empty() {
            problems.push(Field::Status, Problem::Required);
        }
        check_hours(self.hours, Field::Training, &mut problems);
        let mut capabilities = self.capabilities;
        capabilities.sort_unstable();
        capabilities.dedup();
        if capabilities.iter().any(|c| !(1..=8).contains(c)) {
            problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 8 });
        }
        problems.finish(SessionData { title, time, place, organiser, lead, capabilities, ..self })
    }
}

/// A stored session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub id: i64,
    pub uuid: String,
    /// The plan topic it was scheduled from, if any.
    pub topic: Option<i64>,
    #[serde(flatten)]
    pub data: SessionData,
    /// Improvement-plan items the session serves.
    pub plan_items: Vec<i64>,
}

/// One person's attendance at a session as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Attendance {
    pub official: OfficialId,
    pub mark: Mark,
    pub hours: f32,
    /// Came without being in the audience.
    pub walk_in: bool,
}

/// A stored study record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StudyRecord {
    pub id: i64,
    pub uuid: String,
    pub official: OfficialId,
    #[serde(flatten)]
    pub data: StudyData,
}

/// The 學時 a mark credits: the hours entered (never more than the session's), else the
/// session's own hours when the mark credits at all.
pub fn credited_hours(mark: Mark, entered: Option<f32>, session_hours: f32) -> Result<f32, FieldProblem> {
    if !mark.credits() {
        return Ok(0.0);
    }
    match entered {
        None => Ok(session_hours),
        Some(h) if h.is_finite() && h >= 0.0 && h <= session_hours => Ok(h),
        Some(_) => Err(FieldProblem::new(Field::Training, Problem::OutOfRange { min: 0, max: session_hours.ceil() as i64 })),
    }
}

/// Whether a line of the training file counts as 脫產培訓 (full-time training) on the year-end
/// record: a training class or an external course that was credited, or study whose mode says
/// full-time (脫產 / 脱产 / full-time).
pub fn is_full_time(study: &StudyData, mark: Option<Mark>) -> bool {
    let credited = mark.is_none_or(Mark::credits);
    let mode = study.mode.to_lowercase();
    let full_time_mode = ["\u{812B}\u{7522}", "\u{8131}\u{4EA7}", "full-time", "full time"].iter().any(|m| mode.contains(m));
    credited && (matches!(study.kind.as_str(), "class" | "external") || full_time_mode)
}

/// Study outside the bureau's sessions: an external course, 網上稅校, spare-time study.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StudyData {
    pub title: String,
    pub kind: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub hours: f32,
    pub organiser: String,
    pub place: String,
    /// 培訓方式 (脫產, 網上, 業余…), as written.
    pub mode: String,
    /// 培訓成績, as written (a score or a grade).
    pub result: String,
    pub certificate: String,
}

impl StudyData {
    pub fn validate(self) -> Result<StudyData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let title = clean(&self.title, Field::Title, true, MAX_TITLE, &mut problems);
        let organiser = clean(&self.organiser, Field::Unit, false, MAX_TITLE, &mut problems);
        let place = clean(&self.place, Field::Record, false, MAX_TITLE, &mut problems);
        let mode = clean(&self.mode, Field::Record, false, 40, &mut problems);
        let result = clean(&self.result, Field::Score, false, 40, &mut problems);
        let certificate = clean(&self.certificate, Field::Record, false, 100, &mut problems);
        if self.kind.trim().is_empty() {
            problems.push(Field::Status, Problem::Required);
        }
        if self.end < self.start {
            problems.push(Field::Deadline, Problem::BadDate);
        }
        check_hours(self.hours, Field::Training, &mut problems);
        problems.finish(StudyData { title, organiser, place, mode, result, certificate, ..self })
    }
}

/// Something that counts towards quotas: a credited attendance or a study record.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub date: NaiveDate,
    pub kind: String,
    pub hours: f32,
}

/// An official's year of training of one type: how many sessions, how many 學時, and in
/// which months (bit 0 = January) anything was credited.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub year: i32,
    pub kind: String,
    pub sessions: u32,
    pub hours: f32,
    pub months: u16,
}

/// The tallies of one official's facts, by year and type: each fact counts one session, its
/// hours and its month.
pub fn tally(facts: &[Fact]) -> Vec<Tally> {
    let mut tallies: Vec<Tally> = Vec::new();
    for fact in facts {
        let year = fact.date.year();
        let index = match tallies.iter().position(|t| t.year == year && t.kind == fact.kind) {
            Some(i) => i,
            None => {
                tallies.push(Tally { year, kind: fact.kind.clone(), ..Tally::default() });
                tallies.len() - 1
            }
        };
        let t = &mut tallies[index];
        t.sessions += 1;
        t.hours += fact.hours;
        t.months |= month_bit(fact.date);
    }
    tallies.sort_by(|a, b| (a.year, &a.kind).cmp(&(b.year, &b.kind)));
    tallies
}

/// The bit of a tally's `months` a fact dated `date` sets.
fn month_bit(date: NaiveDate) -> u16 {
    1 << date.month0()
}

/// How an official's tally of a session's year and type moves when their mark at that session
/// (dated `date`) goes from `before` to `after` (`None`: no mark), each a mark with its 學時: the
/// rule of [`tally`] applied to the one fact that comes, changes or goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TallyChange {
    /// Nothing credited before or after.
    Unchanged,
    /// Add these to the tally (made if there is none): a newly credited session counts one
    /// session, its hours and its month; a re-credited one only the difference in hours.
    Add { sessions: u32, hours: f32, months: u16 },
    /// A credited session is no longer: its month may still be owed to another fact, so the
    /// official's year is counted again from the facts.
    Recount,
}

pub fn tally_change(date: NaiveDate, before: Option<(Mark, f32)>, after: Option<(Mark, f32)>) -> TallyChange {
    let credited = |mark: Option<(Mark, f32)>| mark.filter(|(m, _)| m.credits()).map(|(_, hours)| hours);
    match (credited(before), credited(after)) {
        (None, None) => TallyChange::Unchanged,
        (None, Some(hours)) => TallyChange::Add { sessions: 1, hours, months: month_bit(date) },
        (Some(old), Some(new)) => TallyChange::Add { sessions: 0, hours: new - old, months: 0 },
        (Some(_), None) => TallyChange::Recount,
    }
}

/// What a quota counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    Sessions,
    Hours,
}

/// The window a quota is measured over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    /// The calendar year: at least `min` in it.
    Year,
    /// Every month of the year: at least `min` in each.
    Month,
    /// The `n` calendar years ending with the year.
    Years(u8),
}

/// A quota as the bureau keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuotaRule {
    pub id: i64,
    pub name: super::Names,
    /// The tiers it applies to (empty: everyone).
    pub tiers: Vec<RankTier>,
    /// The session or study types that count (empty: all).
    pub kinds: Vec<String>,
    pub measure: Measure,
    pub period: Period,
    pub min: f32,
}

impl QuotaRule {
    pub fn applies_to(&self, tier: RankTier) -> bool {
        self.tiers.is_empty() || self.tiers.contains(&tier)
    }

    fn counts(&self, kind: &str) -> bool {
        self.kinds.is_empty() || self.kinds.iter().any(|k| k == kind)
    }

    /// Checks an edited rule: a positive minimum, a window of 1–10 years, a name.
    pub fn validate(self) -> Result<QuotaRule, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        if !self.min.is_finite() || self.min <= 0.0 || self.min > 10_000.0 {
            problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 10_000 });
        }
        if let Period::Years(n) = self.period
            && !(1..=10).contains(&n)
        {
            problems.push(Field::Year, Problem::OutOfRange { min: 1, max: 10 });
        }
        if self.name.tc.trim().is_empty() && self.name.sc.trim().is_empty() && self.name.en.trim().is_empty() {
            problems.push(Field::Title, Problem::Required);
        }
        problems.finish(self)
    }
}

/// Where someone stands on a quota.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Standing {
    pub done: f32,
    pub required: f32,
    /// What `done` would reach by the end of the window at the pace so far.
    pub projected: f32,
    /// The window is over: what is not met is missed, no longer behind a pace.
    pub closed: bool,
}

impl Standing {
    /// Behind: the present pace does not reach what is required.
    pub fn behind(&self) -> bool {
        self.projected + 1e-4 < self.required
    }

    pub fn met(&self) -> bool {
        self.done + 1e-4 >= self.required
    }

    /// The text key of where it stands: met, missed (a finished window), behind or on pace.
    pub fn verdict(&self) -> &'static str {
        if self.met() {
            "training.met"
        } else if self.closed {
            "training.missed"
        } else if self.behind() {
            "training.behind"
        } else {
            "training.on_pace"
        }
    }
}

fn days(from: NaiveDate, to: NaiveDate) -> f32 {
    ((to - from).num_days() + 1).max(0) as f32
}

/// Where someone of `tier` who joined on `joined` (if during the window) stands on `rule` for
/// `year`, as of `today`, from their tallies; `None` when the rule does not apply to them.
pub fn evaluate(
    rule: &QuotaRule,
    tier: RankTier,
    joined: Option<NaiveDate>,
    tallies: &[Tally],
    year: i32,
    today: NaiveDate,
) -> Option<Standing> {
    if !rule.applies_to(tier) {
        return None;
    }
    let first_year = match rule.period {
        Period::Years(n) => year - i32::from(n.max(1)) + 1,
        Period::Year | Period::Month => year,
    };
    let window_start = NaiveDate::from_ymd_opt(first_year, 1, 1)?;
    let window_end = NaiveDate::from_ymd_opt(year, 12, 31)?;
    // Someone who joined during the window owes only the share of it they were here for.
    let start = joined.filter(|j| *j > window_start).unwrap_or(window_start);
    if start > window_end {
        return None;
    }
    let counted = tallies.iter().filter(|t| t.year >= first_year && t.year <= year && rule.counts(&t.kind));
    let (done, required) = match rule.period {
        Period::Month => {
            // Months from the one joined in, each met when its own count reaches the minimum.
            let from = if start.year() == year { start.month0() } else { 0 };
            let months: Vec<u32> = (from..12).collect();
            let met = months
                .iter()
                .filter(|m| {
                    let in_month = counted.clone().filter(|t| t.months & (1 << **m) != 0);
                    // A tally does not say how much fell in each month: one credited fact in the
                    // month meets a sessions-per-month rule of one, the usual rule.
                    match rule.measure {
                        Measure::Sessions => in_month.count() as f32 >= rule.min.min(1.0),
                        Measure::Hours => {
                            in_month.map(|t| t.hours / f32::from(t.months.count_ones() as u16).max(1.0)).sum::<f32>() >= rule.min
                        }
                    }
                })
                .count();
            (met as f32, months.len() as f32)
        }
        Period::Year | Period::Years(_) => {
            let done = match rule.measure {
                Measure::Sessions => counted.map(|t| t.sessions as f32).sum(),
                Measure::Hours => counted.map(|t| t.hours).sum(),
            };
            let share = days(start, window_end) / days(window_start, window_end);
            (done, rule.min * share)
        }
    };
    let elapsed = if today >= window_end {
        1.0
    } else if today < start {
        0.0
    } else {
        days(start, today) / days(start, window_end)
    };
    let projected = match rule.period {
        Period::Month if elapsed > 0.0 && elapsed < 1.0 => {
            let months_so_far = (today.month0() + 1).saturating_sub(if start.year() == year { start.month0() } else { 0 }) as f32;
            if months_so_far > 0.0 { done / months_so_far * required } else { done }
        }
        _ if elapsed > 0.0 && elapsed < 1.0 => done / elapsed,
        _ => done,
    };
    // `+ 0.0` turns the -0.0 of an empty float sum into 0.
    Some(Standing { done: done + 0.0, required, projected: projected.max(done) + 0.0, closed: elapsed >= 1.0 })
}

/// The types a study record (study outside the sessions) is entered as.
pub const STUDY_KINDS: [&str; 3] = ["self_study", "external", "online"];

/// A session or study type from the bureau's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kind {
    pub code: String,
    #[serde(flatten)]
    pub name: super::Names,
}

/// A topic of the annual study plan (年度學習培訓計劃) as shipped for the demo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicSeed {
    pub title: String,
    pub points: String,
    pub organiser: String,
    pub schedule: String,
    pub kind: String,
}

/// `data/training.json`: the session types, the quota rules and the demo's study plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingFile {
    pub kinds: Vec<Kind>,
    pub quotas: Vec<QuotaRule>,
    pub topics: Vec<TopicSeed>,
}

impl TrainingFile {
    #[allow(clippy::expect_used, reason = "built into the binary and parsed by a test")]
    pub fn shipped() -> TrainingFile {
        serde_json::from_str(include_str!("../../data/training.json")).expect("the shipped training file is checked by a test")
    }
}

/// A topic of the annual study plan: 專題, 學習要點, 承辦科室, 牽頭領導, 參學對象, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub points: String,
    pub organiser: String,
    pub lead: String,
    pub audience: Audience,
    /// A month or a frequency as written (7月, 每季度1次).
    pub schedule: String,
    pub kind: String,
}

impl Topic {
    /// Checks a plan topic: a title, texts within their limits, a type.
    pub fn validate(self) -> Result<Topic, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let title = clean(&self.title, Field::Title, true, MAX_TITLE, &mut problems);
        let points = clean(&self.points, Field::Record, false, super::text::MAX_LONG, &mut problems);
        let organiser = clean(&self.organiser, Field::Unit, false, MAX_TITLE, &mut problems);
        let lead = clean(&self.lead, Field::Name, false, MAX_TITLE, &mut problems);
        let schedule = clean(&self.schedule, Field::Deadline, false, 40, &mut problems);
        if self.kind.trim().is_empty() {
            problems.push(Field::Status, Problem::Required);
        }
        problems.finish(Topic { title, points, organiser, lead, schedule, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_time_training_is_a_credited_class_or_course_or_full_time_study() {
        let study = |kind: &str, mode: &str| StudyData {
            title: "納稅評估培訓班".into(),
            kind: kind.into(),
            start: NaiveDate::from_ymd_opt(2012, 5, 10).unwrap(),
            end: NaiveDate::from_ymd_opt(2012, 5, 12).unwrap(),
            hours: 24.0,
            organiser: String::new(),
            place: String::new(),
            mode: mode.into(),
            result: String::new(),
            certificate: String::new(),
        };
        let cases = [
            ("class", "", Some(Mark::Present), true),
            ("class", "", Some(Mark::Late), true),
            ("class", "", Some(Mark::Absent), false),
            ("class", "", Some(Mark::Leave), false),
            ("external", "", None, true),
            ("online", "", None, false),
            ("self_study", "\u{812B}\u{7522}", None, true),
            ("self_study", "\u{8131}\u{4EA7}", None, true),
            ("lecture", "Full-time", Some(Mark::Present), true),
            ("lecture", "", Some(Mark::Present), false),
        ];
        for (kind, mode, mark, want) in cases {
            assert_eq!(is_full_time(&study(kind, mode), mark), want, "{kind} {mode} {mark:?}");
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn fact(date: NaiveDate, kind: &str, hours: f32) -> Fact {
        Fact { date, kind: kind.into(), hours }
    }

    fn rule(tiers: &[RankTier], kinds: &[&str], measure: Measure, period: Period, min: f32) -> QuotaRule {
        QuotaRule {
            id: 1,
            name: crate::domain::Names { tc: "規則".into(), sc: "规则".into(), en: "rule".into() },
            tiers: tiers.to_vec(),
            kinds: kinds.iter().map(|k| (*k).to_owned()).collect(),
            measure,
            period,
            min,
        }
    }

    #[test]
    fn tallies_split_at_month_and_year_boundaries() {
        let facts = [
            fact(day(2012, 1, 31), "collective", 2.0),
            fact(day(2012, 2, 1), "collective", 1.5),
            fact(day(2012, 12, 31), "class", 24.0),
            fact(day(2013, 1, 1), "class", 8.0),
        ];
        let tallies = tally(&facts);
        assert_eq!(tallies.len(), 3);
        assert_eq!((tallies[1].sessions, tallies[1].hours, tallies[1].months), (2, 3.5, 0b11), "Jan 31 and Feb 1 are two months");
        assert_eq!((tallies[0].kind.as_str(), tallies[0].months), ("class", 1 << 11));
        assert_eq!((tallies[2].year, tallies[2].hours), (2013, 8.0));
    }

    #[test]
    fn a_changed_mark_moves_the_tally_as_a_recount_would() {
        let date = day(2012, 3, 10);
        let (present, late, leave, absent) = (Mark::Present, Mark::Late, Mark::Leave, Mark::Absent);
        let march = 1 << 2;
        assert_eq!(tally_change(date, None, Some((present, 2.0))), TallyChange::Add { sessions: 1, hours: 2.0, months: march });
        assert_eq!(tally_change(date, Some((leave, 0.0)), Some((late, 1.5))), TallyChange::Add { sessions: 1, hours: 1.5, months: march });
        assert_eq!(tally_change(date, Some((present, 2.0)), Some((late, 1.5))), TallyChange::Add { sessions: 0, hours: -0.5, months: 0 });
        assert_eq!(tally_change(date, Some((late, 2.0)), Some((absent, 0.0))), TallyChange::Recount, "the month may be owed elsewhere");
        assert_eq!(tally_change(date, Some((present, 2.0)), None), TallyChange::Recount);
        assert_eq!(tally_change(date, Some((leave, 0.0)), Some((absent, 0.0))), TallyChange::Unchanged);
        assert_eq!(tally_change(date, None, Some((absent, 0.0))), TallyChange::Unchanged);
        assert_eq!(tally_change(date, Some((absent, 0.0)), None), TallyChange::Unchanged);
    }

    #[test]
    fn partial_hours_credit_no_more_than_the_session() {
        assert_eq!(credited_hours(Mark::Present, None, 3.0).unwrap(), 3.0);
        assert_eq!(credited_hours(Mark::Late, Some(1.5), 3.0).unwrap(), 1.5);
        assert_eq!(credited_hours(Mark::Leave, Some(3.0), 3.0).unwrap(), 0.0);
        assert!(credited_hours(Mark::Present, Some(3.5), 3.0).is_err(), "more than the session gives");
        assert!(credited_hours(Mark::Present, Some(f32::NAN), 3.0).is_err());
    }

    #[test]
    fn quotas_table() {
        use Measure::*;
        use Period::*;
        use RankTier::*;
        let year_end = day(2012, 12, 31);
        let mid_year = day(2012, 6, 30);
        let collective: Vec<Fact> = (1..=6).map(|m| fact(day(2012, m, 10), "collective", 2.0)).collect();
        let hours: Vec<Fact> = [(2012, 40.0), (2012, 30.0), (2011, 100.0), (2009, 200.0), (2008, 500.0)]
            .iter()
            .enumerate()
            .map(|(i, (y, h))| fact(day(*y, 3 + i as u32, 1), "class", *h))
            .collect();
        /// (name, rule, tier, joined, facts, today, expected (done, required, projected)).
        type Case<'a> = (&'a str, QuotaRule, RankTier, Option<NaiveDate>, Vec<Fact>, NaiveDate, Option<(f32, f32, f32)>);
        let cases: Vec<Case<'_>> = vec![
            (
                "leaders ≥ 4 collective a year, met",
                rule(&[Division], &["collective"], Sessions, Year, 4.0),
                Division,
                None,
                collective.clone(),
                year_end,
                Some((6.0, 4.0, 6.0)),
            ),
            (
                "section heads ≥ 6: the rule is for them only",
                rule(&[Section], &["collective"], Sessions, Year, 6.0),
                General,
                None,
                collective.clone(),
                year_end,
                None,
            ),
            (
                "≥ 12 a year, half-way at mid-year: on pace",
                rule(&[], &["collective"], Sessions, Year, 12.0),
                General,
                None,
                collective.clone(),
                mid_year,
                Some((6.0, 12.0, 12.0 * 366.0 / 182.0 * 6.0 / 12.0)),
            ),
            (
                "other types do not count",
                rule(&[], &["class"], Sessions, Year, 2.0),
                General,
                None,
                collective.clone(),
                year_end,
                Some((0.0, 2.0, 0.0)),
            ),
            (
                "one a month: six months of twelve",
                rule(&[], &[], Sessions, Month, 1.0),
                General,
                None,
                collective.clone(),
                year_end,
                Some((6.0, 12.0, 6.0)),
            ),
            (
                "one a month, joined 1 July: owes six months",
                rule(&[], &[], Sessions, Month, 1.0),
                General,
                Some(day(2012, 7, 1)),
                vec![],
                year_end,
                Some((0.0, 6.0, 0.0)),
            ),
            (
                "90 學時 a year, partial hours add up",
                rule(&[General, Section], &[], Hours, Year, 90.0),
                Section,
                None,
                hours.clone(),
                year_end,
                Some((70.0, 90.0, 70.0)),
            ),
            (
                "90 學時, joined 1 July 2012: about half owed",
                rule(&[General], &[], Hours, Year, 90.0),
                General,
                Some(day(2012, 7, 1)),
                hours.clone(),
                year_end,
                Some((70.0, 90.0 * 184.0 / 366.0, 70.0)),
            ),
            (
                "550 學時 per five years: 2008–2012 all count",
                rule(&[Division], &[], Hours, Years(5), 550.0),
                Division,
                None,
                hours.clone(),
                year_end,
                Some((870.0, 550.0, 870.0)),
            ),
            (
                "550 學時 per three years: 2009 and before fall out",
                rule(&[Division], &[], Hours, Years(3), 550.0),
                Division,
                None,
                hours,
                year_end,
                Some((170.0, 550.0, 170.0)),
            ),
            (
                "joined after the window: nothing owed",
                rule(&[], &[], Sessions, Year, 4.0),
                General,
                Some(day(2013, 2, 1)),
                vec![],
                year_end,
                None,
            ),
        ];
        for (name, rule, tier, joined, facts, today, want) in cases {
            let got = evaluate(&rule, tier, joined, &tally(&facts), 2012, today).map(|s| (s.done, s.required, s.projected));
            match (got, want) {
                (None, None) => {}
                (Some(g), Some(w)) => {
                    let close = |a: f32, b: f32| (a - b).abs() < 0.05;
                    assert!(close(g.0, w.0) && close(g.1, w.1) && close(g.2, w.2), "{name}: got {g:?}, want {w:?}");
                }
                (g, w) => panic!("{name}: got {g:?}, want {w:?}"),
            }
        }
    }

    #[test]
    fn the_shipped_file_reads_with_every_quota_valid() {
        let file = TrainingFile::shipped();
        assert_eq!(file.topics.len(), 7, "the source's seven legal-study topics");
        assert_eq!(file.quotas.len(), 7);
        for quota in &file.quotas {
            assert!(quota.clone().validate().is_ok(), "{:?}", quota.name);
            assert!(quota.kinds.iter().all(|k| file.kinds.iter().any(|x| &x.code == k)), "{:?}", quota.kinds);
        }
        assert!(file.topics.iter().all(|t| file.kinds.iter().any(|k| k.code == t.kind)));
    }

    #[test]
    fn behind_means_the_pace_falls_short() {
        assert!(Standing { done: 3.0, required: 12.0, projected: 6.0, closed: false }.behind());
        assert!(!Standing { done: 6.0, required: 12.0, projected: 12.0, closed: false }.behind());
        assert!(Standing { done: 12.0, required: 12.0, projected: 12.0, closed: false }.met());
        assert_eq!(Standing { done: 3.0, required: 12.0, projected: 6.0, closed: false }.verdict(), "training.behind");
        assert_eq!(
            Standing { done: 3.0, required: 12.0, projected: 3.0, closed: true }.verdict(),
            "training.missed",
            "a finished year is not behind"
        );
        assert_eq!(Standing { done: 12.0, required: 12.0, projected: 12.0, closed: true }.verdict(), "training.met");
    }

    #[test]
    fn sessions_and_study_records_are_checked() {
        let session = SessionData {
            title: " 稅收征管法專題講座 ".into(),
            kind: "lecture".into(),
            date: day(2012, 10, 12),
            time: "09:00-11:30".into(),
            place: "三樓會議室".into(),
            hours: 2.5,
            organiser: "人教科".into(),
            lead: "局長".into(),
            audience: Audience::default(),
            capabilities: vec![7, 1, 7],
        };
        let valid = session.clone().validate().unwrap();
        assert_eq!((valid.title.as_str(), valid.capabilities), ("稅收征管法專題講座", vec![1, 7]));
        assert!(SessionData { hours: 0.0, ..session.clone() }.validate().is_err());
        assert!(SessionData { capabilities: vec![9], ..session }.validate().is_err());
        let study = StudyData {
            title: "網上稅校：納稅服務".into(),
            kind: "online".into(),
            start: day(2012, 5, 2),
            end: day(2012, 5, 1),
            hours: 12.0,
            organiser: String::new(),
            place: String::new(),
            mode: "網上".into(),
            result: "合格".into(),
            certificate: "WS-2012-0042".into(),
        };
        assert!(study.validate().is_err(), "ends before it starts");
    }
}
