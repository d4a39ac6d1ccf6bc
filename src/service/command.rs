//! The changes a user (or the command line) asks for, one enum per area of the programme;
//! what a change did ([`Applied`]) and the record it touched ([`Entity`]).

use crate::domain::catalogue::UnitKind;
use crate::domain::identity::Photo;
use crate::domain::official::{Official, OfficialDraft};
use crate::domain::org::{Post, PostDraft, Unit};
use crate::domain::plans::{PlanItem, PlanItemData, PlanOwner};
use crate::domain::programme::{Member, MilestoneData};
use crate::domain::ranks::TierMapping;
use crate::domain::selfcheck::{Levels, Opinion, PeerCheck, Review, RoundData, SelfCheck, SelfCheckData, Step, Test};
use crate::domain::standards::{Scale, SeatData, StandardData};
use crate::domain::training::{Attendance, QuotaRule, Session, SessionData, StudyData, StudyRecord, Topic};
use crate::domain::{OfficialId, PostId, UnitId};
use chrono::NaiveDate;

/// A change a user (or the command line) asks for, by area; each area is applied and
/// permitted by its own module of the service.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// The bureau's units and posts (with their duty statements).
    Org(OrgCommand),
    /// The roster of officials.
    Roster(RosterCommand),
    /// Each post's capability standard, the bureau's scale and the officials' 能力席位書.
    Standards(StandardsCommand),
    /// The programme's phases, milestones and leading group.
    Programme(ProgrammeCommand),
    /// Self-check rounds, the official's self-check and its review, peer checks, opinions, tests and improvement plans.
    SelfCheck(SelfCheckCommand),
    /// The training register: sessions, attendance, study records, quotas and the study plan.
    Training(TrainingCommand),
    /// The year-end assessment: the sign-off chain of each official's record and the units' 檢查驗收.
    YearEnd(YearEndCommand),
    /// 平時考核 (periods, records, closing, the 好 quota, rule sets) and 專項考核 events.
    Routine(RoutineCommand),
    /// What the year-end rules read (officials' standing, working days) and their settings
    /// (eligibility rules, the 優秀 quota, the 名額分配表).
    Standing(StandingCommand),
    /// 民主測評 (voter classes, the minimum of ballots, paper tallies), the bureau's calendar and the 公示.
    Appraisal(AppraisalCommand),
}

/// The bureau's units and posts (with their duty statements).
#[derive(Clone, Debug, PartialEq)]
pub enum OrgCommand {
    CreateUnit {
        parent: UnitId,
        name: String,
        kind: UnitKind,
    },
    UpdateUnit {
        id: UnitId,
        name: String,
        kind: UnitKind,
    },
    MoveUnit {
        id: UnitId,
        parent: UnitId,
    },
    SetUnitRetired {
        id: UnitId,
        retired: bool,
    },
    DeleteUnit {
        id: UnitId,
    },
    RestoreUnit(Unit),
    /// Replaces the other names a unit is known by (matched on import).
    SetUnitAliases {
        id: UnitId,
        aliases: Vec<String>,
    },
    CreatePost(PostDraft),
    UpdatePost {
        id: PostId,
        draft: PostDraft,
    },
    SetPostRetired {
        id: PostId,
        retired: bool,
    },
    DeletePost {
        id: PostId,
    },
    RestorePost(Post),
}

impl From<OrgCommand> for Command {
    fn from(command: OrgCommand) -> Command {
        Command::Org(command)
    }
}

/// The roster of officials.
#[derive(Clone, Debug, PartialEq)]
pub enum RosterCommand {
    CreateOfficial(OfficialDraft),
    UpdateOfficial {
        id: OfficialId,
        draft: OfficialDraft,
    },
    DeleteOfficial {
        id: OfficialId,
    },
    RestoreOfficial(Official),
    /// The bureau's mapping from 職務 and 職級 to tiers: every derived tier follows it.
    SetTierMapping(TierMapping),
    /// Sets or (with `None`) removes an official's photo.
    SetPhoto {
        id: OfficialId,
        photo: Option<Photo>,
    },
    /// Replaces an official's 任免審批表 record: 簡歷 lines, family members and the form's boxes.
    SetCadre {
        id: OfficialId,
        record: Box<crate::domain::cadre::CadreRecord>,
    },
}

impl From<RosterCommand> for Command {
    fn from(command: RosterCommand) -> Command {
        Command::Roster(command)
    }
}

/// Each post's capability standard, the bureau's scale and the officials' 能力席位書.
#[derive(Clone, Debug, PartialEq)]
pub enum StandardsCommand {
    SaveStandard {
        post: PostId,
        year: i32,
        data: StandardData,
    },
    /// The bureau's own capability scale: level descriptors and tiers' default levels.
    SaveScale(Scale),
    DeleteStandard {
        post: PostId,
        year: i32,
    },
    SaveSeatStatement {
        official: OfficialId,
        year: i32,
        data: SeatData,
    },
    DeleteSeatStatement {
        official: OfficialId,
        year: i32,
    },
}

impl From<StandardsCommand> for Command {
    fn from(command: StandardsCommand) -> Command {
        Command::Standards(command)
    }
}

/// The programme's phases, milestones and leading group.
#[derive(Clone, Debug, PartialEq)]
pub enum ProgrammeCommand {
    UpdateMilestone { id: i64, data: MilestoneData },
    UpdatePhaseDates { id: i64, start: NaiveDate, end: NaiveDate },
    AddMember { programme: i64, member: Member },
    DeleteMember { id: i64 },
}

impl From<ProgrammeCommand> for Command {
    fn from(command: ProgrammeCommand) -> Command {
        Command::Programme(command)
    }
}

/// Self-check rounds, the official's self-check and its review, peer checks, opinions, tests and improvement plans.
#[derive(Clone, Debug, PartialEq)]
pub enum SelfCheckCommand {
    /// Opens a self-check round (`id: None`) or changes one.
    SaveRound {
        id: Option<i64>,
        data: RoundData,
    },
    DeleteRound {
        id: i64,
    },
    /// The official saves their self-check, and hands it in when `submit`.
    SaveSelfCheck {
        round: i64,
        official: OfficialId,
        data: Box<SelfCheckData>,
        submit: bool,
    },
    /// A reviewer writes the supervisor's levels and comment, and may return the self-check
    /// (with `reason`) or accept it.
    ReviewSelfCheck {
        round: i64,
        official: OfficialId,
        review: Review,
        step: Option<Step>,
        reason: String,
    },
    /// Puts a self-check back as it was (undo); `by_owner` tells whose part is restored.
    RestoreSelfCheck {
        round: i64,
        official: OfficialId,
        before: Option<Box<SelfCheck>>,
        by_owner: bool,
    },
    /// The personnel section assigns `peer` to peer-check `subject` in a round.
    AssignPeer {
        round: i64,
        subject: OfficialId,
        peer: OfficialId,
    },
    /// The assigned colleague records the peer check.
    SavePeerCheck {
        id: i64,
        levels: Levels,
        comment: String,
    },
    DeletePeer {
        id: i64,
    },
    RestorePeer(PeerCheck),
    AddOpinion(Opinion),
    DeleteOpinion {
        id: i64,
    },
    AddTest(Test),
    DeleteTest {
        id: i64,
    },
    /// Records (or with `None` removes) an official's score in a test.
    SetScore {
        test: i64,
        official: OfficialId,
        score: Option<f64>,
    },
    /// Adds (`id: None`) or changes an improvement-plan item.
    SavePlanItem {
        id: Option<i64>,
        data: PlanItemData,
    },
    DeletePlanItem {
        id: i64,
    },
    RestorePlanItem(PlanItem),
}

impl From<SelfCheckCommand> for Command {
    fn from(command: SelfCheckCommand) -> Command {
        Command::SelfCheck(command)
    }
}

/// The training register: sessions, attendance, study records, quotas and the study plan.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainingCommand {
    /// Schedules a session (`id: None`, from a plan topic or on its own) or changes one.
    SaveSession {
        id: Option<i64>,
        topic: Option<i64>,
        data: Box<SessionData>,
        plan_items: Vec<i64>,
    },
    DeleteSession {
        id: i64,
    },
    /// Puts a deleted session back with its attendance (undo).
    RestoreSession(Box<(Session, Vec<Attendance>)>),
    /// Marks people at a session (present, late, on leave, absent; hours credited) and takes
    /// away the marks of `clear` (an undo of marks that were not there before).
    SetAttendance {
        session: i64,
        set: Vec<Attendance>,
        clear: Vec<OfficialId>,
    },
    /// Records study outside the sessions (`id: None`) or changes a record.
    SaveStudyRecord {
        id: Option<i64>,
        official: OfficialId,
        data: Box<StudyData>,
    },
    DeleteStudyRecord {
        id: i64,
    },
    RestoreStudyRecord(Box<StudyRecord>),
    /// Replaces the quota rules.
    SaveQuotaRules(Vec<QuotaRule>),
    /// Adds a topic to a year's study plan (`id: None`) or changes one.
    SaveTopic {
        id: Option<i64>,
        topic: Box<Topic>,
    },
    /// Removes a topic no session was scheduled from.
    DeleteTopic {
        id: i64,
    },
    RestoreTopic(Box<Topic>),
}

impl From<TrainingCommand> for Command {
    fn from(command: TrainingCommand) -> Command {
        Command::Training(command)
    }
}

/// The year-end assessment: the sign-off chain of each official's record and the units' 檢查驗收.
#[derive(Clone, Debug, PartialEq)]
pub enum YearEndCommand {
    /// A step of an official's year-end record: each party writes only its own part of `data`
    /// (the official the summary and self-evaluation, the supervisor the comment and proposed
    /// grade, the committee its opinion and the grade, the official then their opinion).
    YearEndStep { official: OfficialId, year: i32, step: crate::domain::yearend::Step, data: Box<crate::domain::yearend::YearEndData> },
    /// Puts a year-end record back as it was (undo).
    RestoreYearEnd { official: OfficialId, year: i32, before: Option<Box<crate::domain::yearend::YearEnd>> },
    /// The personnel section's 檢查驗收 of a unit for a year (signed with the actor and the day).
    ReviewUnit { unit: UnitId, year: i32, review: Box<crate::domain::yearend::UnitReview> },
    /// Puts a unit's 檢查驗收 back as it was, with its uuid (undo).
    RestoreUnitReview { unit: UnitId, year: i32, before: Option<(String, Box<crate::domain::yearend::UnitReview>)> },
}

impl From<YearEndCommand> for Command {
    fn from(command: YearEndCommand) -> Command {
        Command::YearEnd(command)
    }
}

/// 平時考核 (periods, records, closing, the 好 quota, rule sets) and 專項考核 events.
#[derive(Clone, Debug, PartialEq)]
pub enum RoutineCommand {
    /// Replaces a year's periods with their deadlines (a period holding records cannot go).
    SetPeriods {
        year: i32,
        periods: Vec<(crate::domain::routine::Period, NaiveDate)>,
    },
    /// A step of an official's 平時 record: each party writes only its own part of `data`.
    Step {
        period: i64,
        official: OfficialId,
        step: crate::domain::routine::Step,
        data: Box<crate::domain::routine::RoutineData>,
    },
    /// The personnel section records a result (and the ratings, attendance, comment) directly,
    /// as an imported sheet does.
    Record {
        period: i64,
        official: OfficialId,
        data: Box<crate::domain::routine::RoutineData>,
    },
    /// Puts a record back as it was (undo); `by_owner` tells whose part is restored.
    Restore {
        period: i64,
        official: OfficialId,
        before: Option<Box<crate::domain::routine::RoutineRecord>>,
        by_owner: bool,
    },
    /// Closes a unit's period (refused while anyone of it is unrated) or reopens it.
    Close {
        period: i64,
        unit: UnitId,
        closed: bool,
    },
    /// Records a 專項考核 event (id 0: a new one) with its participants.
    SaveSpecial(Box<crate::domain::routine::SpecialEvent>),
    DeleteSpecial {
        id: i64,
    },
    /// The 好 quota's share, rounding, minimum and quota groups.
    SaveQuota(crate::domain::routine::QuotaSettings),
    /// The rule sets that suggest a year-end grade, and the one in use.
    SaveRules(crate::domain::routine::RuleBook),
}

impl From<RoutineCommand> for Command {
    fn from(command: RoutineCommand) -> Command {
        Command::Routine(command)
    }
}

/// What the year-end rules read and their settings: the personnel section's.
#[derive(Clone, Debug, PartialEq)]
pub enum StandingCommand {
    /// Replaces an official's 處分, 組織處理, 立案審查, leave, probation end and secondments.
    SetStanding { official: OfficialId, standing: Box<crate::domain::standing::Standing> },
    /// Sets (or with `None` removes) a year's working days.
    SetWorkingDays { year: i32, days: Option<u32> },
    /// The eligibility rules.
    SaveRules(crate::domain::eligibility::Rules),
    /// How the 優秀 quota is counted: base, rounding, shares, pools.
    SaveQuota(crate::domain::yearend::QuotaRules),
    /// A pool's 名額分配表 for a year ('' is the bureau outside every pool).
    SaveAllocation { year: i32, pool: String, places: Vec<(UnitId, u32)> },
}

impl From<StandingCommand> for Command {
    fn from(command: StandingCommand) -> Command {
        Command::Standing(command)
    }
}

/// 民主測評 (voter classes, the minimum of ballots, paper tallies), the bureau's calendar and the 公示.
#[derive(Clone, Debug, PartialEq)]
pub enum AppraisalCommand {
    /// Replaces the year's holidays and 調休 working days.
    SetCalendar { year: i32, calendar: crate::domain::workdays::Calendar },
    /// Replaces the voter classes (their names, in order).
    SetVoterClasses(Vec<String>),
    /// The fewest ballots behind a share shown.
    SetBallotMinimum(u32),
    /// Enters (or with `None` removes) the paper tally of a person from a voter class.
    SetTally { year: i32, official: OfficialId, class: String, tally: Option<crate::domain::ballots::Tally> },
    /// Saves the year's 公示 (days, text, candidates, objections); with no candidates named, the
    /// year's 優秀 as they stand (the committee's grade, else the supervisor's proposal).
    SavePublicity { year: i32, publicity: Box<crate::domain::workdays::Publicity> },
    /// Puts the year's 公示 back as it was (undo).
    RestorePublicity { year: i32, before: Option<(String, Box<crate::domain::workdays::Publicity>)> },
}

impl From<AppraisalCommand> for Command {
    fn from(command: AppraisalCommand) -> Command {
        Command::Appraisal(command)
    }
}

/// The record a command changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Unit(UnitId),
    Post(PostId),
    Official(OfficialId),
    Standard(PostId),
    Scale,
    Programme,
    Seat(OfficialId),
    /// A self-check round's settings, peer assignments, opinions or tests.
    Round(i64),
    SelfCheck {
        round: i64,
        official: OfficialId,
    },
    Plan(PlanOwner),
    Session(i64),
    Training(OfficialId),
    YearEnd(OfficialId),
    UnitReview(UnitId),
    Quotas,
    /// The tier mapping (every official's derived tier).
    TierMapping,
    /// 平時 and 專項 records, periods and their settings.
    Routine,
    /// The year-end rules' settings: working days, eligibility rules, the 優秀 quota.
    Eligibility,
    /// 民主測評 tallies and settings, the calendar, the 公示.
    Appraisal,
}

/// What a command did.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Applied {
    /// The audit action, e.g. `official.update`; also the key of the message shown.
    pub action: &'static str,
    pub entity: Entity,
    /// The command that reverses this one.
    pub undo: Command,
}
