//! Accounts, permissions and the self-check workflow through the service: the permission
//! matrix over every command, the round life-cycle with its audit rows, log-in slow-down,
//! accounts made for a unit.

use crate::support::demo;
use nengli::domain::access::Role;
use nengli::domain::catalogue::UnitKind;
use nengli::domain::plans::{PlanItemData, PlanOwner};
use nengli::domain::routine::{Period, Rating, RoutineData, SpecialEvent, SpecialResult, Step as RoutineStep};
use nengli::domain::selfcheck::{CheckStatus, Opinion, PeerCheck, Review, RoundData, SelfCheckData, Step, Test, TestKind};
use nengli::domain::standards::{SeatData, SeatStatus};
use nengli::domain::training::{Attendance, Mark, Session, SessionData, StudyData, StudyRecord, Topic};
use nengli::domain::yearend::{Grade, Step as YearStep, YearEndData};
use nengli::domain::{OfficialId, UnitId};
use nengli::service::command::{
    AppraisalCommand, OrgCommand, ProgrammeCommand, RosterCommand, RoutineCommand, SelfCheckCommand, StandardsCommand, StandingCommand,
    TrainingCommand, YearEndCommand,
};
use nengli::service::{Command, LoginError, Service, ServiceError};
use nengli::store::{OpenMode, Store};
use std::collections::BTreeMap;

/// The demo's people: the official with an account, a colleague in the same unit (征管科),
/// someone in another unit, the reviewer's own roster entry, and the units.
struct People {
    me: OfficialId,
    colleague: OfficialId,
    outsider: OfficialId,
    head: OfficialId,
    unit: UnitId,
    other_unit: UnitId,
    round: i64,
}

fn people(service: &Service) -> People {
    let db = service.read();
    let users = db.users().unwrap();
    let account = |name: &str| users.iter().find(|u| u.data.username == name).unwrap().clone();
    let me = account("official").data.official.unwrap();
    let head = account("reviewer").data.official.unwrap();
    let unit = account("reviewer").data.units[0];
    let officials = db.officials().unwrap();
    let colleague = officials.iter().find(|o| o.unit == unit && o.id != me && o.id != head).unwrap().id;
    let outsider = officials.iter().find(|o| o.unit != unit).unwrap();
    let round = db.rounds().unwrap()[0].id;
    People { me, colleague, outsider: outsider.id, head, unit, other_unit: outsider.unit, round }
}

fn full(level: u8) -> SelfCheckData {
    SelfCheckData { levels: [Some(level); 8], shortfalls: "稅收政策掌握不全面".into(), ..Default::default() }
}

fn log_in(service: &mut Service, username: &str) {
    let password = nengli::service::seed::DEMO_ACCOUNTS.iter().find(|a| a.0 == username).unwrap().1;
    service.login(username, password).unwrap();
}

/// What a command needs, by position: the matrix's rows. The match has no wildcard, so a new
/// command does not compile until it is placed here, and the test checks every row has a sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Needs {
    Admin,
    /// The official whose record it is.
    Owner,
    /// A reviewer of the record's unit (not their own record).
    Reviewer,
    /// The assigned peer.
    Peer,
    /// A reviewer of the unit (unit plans).
    UnitLead,
}

fn row(command: &Command) -> (usize, Needs) {
    use Needs::*;
    match command {
        Command::Org(OrgCommand::CreateUnit { .. }) => (0, Admin),
        Command::Org(OrgCommand::UpdateUnit { .. }) => (1, Admin),
        Command::Org(OrgCommand::MoveUnit { .. }) => (2, Admin),
        Command::Org(OrgCommand::SetUnitRetired { .. }) => (3, Admin),
        Command::Org(OrgCommand::DeleteUnit { .. }) => (4, Admin),
        Command::Org(OrgCommand::RestoreUnit(_)) => (5, Admin),
        Command::Org(OrgCommand::CreatePost(_)) => (6, Admin),
        Command::Org(OrgCommand::UpdatePost { .. }) => (7, Admin),
        Command::Org(OrgCommand::SetPostRetired { .. }) => (8, Admin),
        Command::Org(OrgCommand::DeletePost { .. }) => (9, Admin),
        Command::Org(OrgCommand::RestorePost(_)) => (10, Admin),
        Command::Roster(RosterCommand::CreateOfficial(_)) => (11, Admin),
        Command::Roster(RosterCommand::UpdateOfficial { .. }) => (12, Admin),
        Command::Roster(RosterCommand::DeleteOfficial { .. }) => (13, Admin),
        Command::Roster(RosterCommand::RestoreOfficial(_)) => (14, Admin),
        Command::Standards(StandardsCommand::SaveStandard { .. }) => (15, Admin),
        Command::Standards(StandardsCommand::SaveScale(_)) => (16, Admin),
        Command::Programme(ProgrammeCommand::UpdateMilestone { .. }) => (17, Admin),
        Command::Programme(ProgrammeCommand::UpdatePhaseDates { .. }) => (18, Admin),
        Command::Programme(ProgrammeCommand::AddMember { .. }) => (19, Admin),
        Command::Programme(ProgrammeCommand::DeleteMember { .. }) => (20, Admin),
        Command::Standards(StandardsCommand::DeleteStandard { .. }) => (21, Admin),
        Command::Standards(StandardsCommand::SaveSeatStatement { data, .. }) => {
            (22, if data.status == SeatStatus::Confirmed { Reviewer } else { Owner })
        }
        Command::Standards(StandardsCommand::DeleteSeatStatement { .. }) => (23, Admin),
        Command::SelfCheck(SelfCheckCommand::SaveRound { .. }) => (24, Admin),
        Command::SelfCheck(SelfCheckCommand::DeleteRound { .. }) => (25, Admin),
        Command::SelfCheck(SelfCheckCommand::SaveSelfCheck { .. }) => (26, Owner),
        Command::SelfCheck(SelfCheckCommand::ReviewSelfCheck { .. }) => (27, Reviewer),
        Command::SelfCheck(SelfCheckCommand::RestoreSelfCheck { by_owner, .. }) => (28, if *by_owner { Owner } else { Reviewer }),
        Command::SelfCheck(SelfCheckCommand::AssignPeer { .. }) => (29, Admin),
        Command::SelfCheck(SelfCheckCommand::SavePeerCheck { .. }) => (30, Peer),
        Command::SelfCheck(SelfCheckCommand::DeletePeer { .. }) => (31, Admin),
        Command::SelfCheck(SelfCheckCommand::RestorePeer(_)) => (32, Admin),
        Command::SelfCheck(SelfCheckCommand::AddOpinion(_)) => (33, Reviewer),
        Command::SelfCheck(SelfCheckCommand::DeleteOpinion { .. }) => (34, Reviewer),
        Command::SelfCheck(SelfCheckCommand::AddTest(_)) => (35, Admin),
        Command::SelfCheck(SelfCheckCommand::DeleteTest { .. }) => (36, Admin),
        Command::SelfCheck(SelfCheckCommand::SetScore { .. }) => (37, Admin),
        Command::SelfCheck(SelfCheckCommand::SavePlanItem { data, .. }) => {
            (38, if matches!(data.owner, PlanOwner::Unit(_)) { UnitLead } else { Owner })
        }
        Command::SelfCheck(SelfCheckCommand::DeletePlanItem { .. }) => (39, Owner),
        Command::SelfCheck(SelfCheckCommand::RestorePlanItem(_)) => (40, Owner),
        Command::Training(TrainingCommand::SaveSession { .. }) => (41, Admin),
        Command::Training(TrainingCommand::DeleteSession { .. }) => (42, Admin),
        Command::Training(TrainingCommand::RestoreSession(_)) => (43, Admin),
        Command::Training(TrainingCommand::SetAttendance { .. }) => (44, Admin),
        Command::Training(TrainingCommand::SaveStudyRecord { .. }) => (45, Owner),
        Command::Training(TrainingCommand::DeleteStudyRecord { .. }) => (46, Owner),
        Command::Training(TrainingCommand::RestoreStudyRecord(_)) => (47, Owner),
        Command::Training(TrainingCommand::SaveQuotaRules(_)) => (48, Admin),
        Command::Training(TrainingCommand::SaveTopic { .. }) => (49, Admin),
        Command::Training(TrainingCommand::DeleteTopic { .. }) => (50, Admin),
        Command::Training(TrainingCommand::RestoreTopic(_)) => (51, Admin),
        Command::YearEnd(YearEndCommand::YearEndStep { step, .. }) => match step.actor() {
            nengli::domain::yearend::Actor::Official => (52, Owner),
            nengli::domain::yearend::Actor::Supervisor => (53, Reviewer),
            nengli::domain::yearend::Actor::Committee => (54, Admin),
        },
        Command::YearEnd(YearEndCommand::RestoreYearEnd { .. }) => (55, Admin),
        Command::YearEnd(YearEndCommand::ReviewUnit { .. }) => (56, Admin),
        Command::YearEnd(YearEndCommand::RestoreUnitReview { .. }) => (57, Admin),
        Command::Org(OrgCommand::SetUnitAliases { .. }) => (58, Admin),
        Command::Roster(RosterCommand::SetTierMapping(_)) => (59, Admin),
        Command::Roster(RosterCommand::SetPhoto { .. }) => (60, Admin),
        Command::Routine(RoutineCommand::SetPeriods { .. }) => (61, Admin),
        Command::Routine(RoutineCommand::Step { step, .. }) => {
            if step.by_official() {
                (62, Owner)
            } else {
                (63, Reviewer)
            }
        }
        Command::Routine(RoutineCommand::Record { .. }) => (64, Admin),
        Command::Routine(RoutineCommand::Restore { by_owner, .. }) => (65, if *by_owner { Owner } else { Reviewer }),
        Command::Routine(RoutineCommand::Close { .. }) => (66, Admin),
        Command::Routine(RoutineCommand::SaveSpecial(_)) => (67, Admin),
        Command::Routine(RoutineCommand::DeleteSpecial { .. }) => (68, Admin),
        Command::Routine(RoutineCommand::SaveQuota(_)) => (69, Admin),
        Command::Routine(RoutineCommand::SaveRules(_)) => (70, Admin),
        Command::Roster(RosterCommand::SetCadre { .. }) => (71, Admin),
        Command::Standing(StandingCommand::SetStanding { .. }) => (72, Admin),
        Command::Standing(StandingCommand::SetWorkingDays { .. }) => (73, Admin),
        Command::Standing(StandingCommand::SaveRules(_)) => (74, Admin),
        Command::Standing(StandingCommand::SaveQuota(_)) => (75, Admin),
        Command::Standing(StandingCommand::SaveAllocation { .. }) => (76, Admin),
        Command::Appraisal(AppraisalCommand::SetCalendar { .. }) => (77, Admin),
        Command::Appraisal(AppraisalCommand::SetVoterClasses(_)) => (78, Admin),
        Command::Appraisal(AppraisalCommand::SetBallotMinimum(_)) => (79, Admin),
        Command::Appraisal(AppraisalCommand::SetTally { .. }) => (80, Admin),
        Command::Appraisal(AppraisalCommand::SavePublicity { .. }) => (81, Admin),
        Command::Appraisal(AppraisalCommand::RestorePublicity { .. }) => (82, Admin),
    }
}

const ROWS: usize = 83;

fn study(title: &str) -> StudyData {
    let day = crate::support::today();
    StudyData {
        title: title.into(),
        kind: "self_study".into(),
        start: day,
        end: day,
        hours: 4.0,
        organiser: String::new(),
        place: String::new(),
        mode: "業余".into(),
        result: String::new(),
        certificate: String::new(),
    }
}

/// One sample of every command, aimed at `target`'s records (or `unit`'s).
fn samples(service: &Service, p: &People, target: OfficialId, unit: UnitId) -> Vec<Command> {
    let db = service.read();
    let official = db.official(target).unwrap().unwrap();
    let post = db.posts().unwrap().into_iter().find(|x| x.unit == official.unit).unwrap();
    let unit_record = db.unit(unit).unwrap().unwrap();
    let year = db.bureau().unwrap().unwrap().year;
    let standard = db.standards(year).unwrap().into_iter().next().map(|s| s.data).unwrap_or_default();
    let programme = db.programme(year).unwrap().unwrap();
    let milestone = &programme.phases[0].milestones[0];
    let peer = db.peer_checks(p.round).unwrap().into_iter().find(|c| c.peer == target);
    let opinion = db.opinions(target).unwrap().into_iter().next();
    let item = db.plan_items(PlanOwner::Official(target), year).unwrap().into_iter().next();
    let check = db.self_check(p.round, target).unwrap();
    let session = db.sessions(year).unwrap().remove(0);
    let topic = db.topics(year).unwrap().into_iter().last().unwrap();
    let record = db.study_records(target).unwrap().into_iter().next();
    let q3 = db.routine_period(&Period::parse("2012Q3").unwrap()).unwrap().unwrap();
    let q4 = db.routine_period(&Period::parse("2012Q4").unwrap()).unwrap().unwrap();
    let routine = db.routine_record(q3.id, target).unwrap();
    let event = db.special_events().unwrap().remove(0);
    let rated = RoutineData { result: Some(Rating::FairlyGood), comment: "完成較好".into(), ..Default::default() };
    let seat = SeatData {
        post: official.post,
        levels: BTreeMap::new(),
        motto: "務實".into(),
        commitments: String::new(),
        status: SeatStatus::Draft,
    };
    vec![
        Command::Org(OrgCommand::CreateUnit { parent: unit, name: "新科室".into(), kind: UnitKind::Team }),
        Command::Org(OrgCommand::UpdateUnit { id: unit, name: unit_record.name.clone(), kind: unit_record.kind }),
        Command::Org(OrgCommand::MoveUnit { id: unit, parent: unit }),
        Command::Org(OrgCommand::SetUnitRetired { id: unit, retired: false }),
        Command::Org(OrgCommand::DeleteUnit { id: unit }),
        Command::Org(OrgCommand::RestoreUnit(unit_record.clone())),
        Command::Org(OrgCommand::CreatePost(nengli::domain::org::PostDraft::from_post(&post))),
        Command::Org(OrgCommand::UpdatePost { id: post.id, draft: nengli::domain::org::PostDraft::from_post(&post) }),
        Command::Org(OrgCommand::SetPostRetired { id: post.id, retired: false }),
        Command::Org(OrgCommand::DeletePost { id: post.id }),
        Command::Org(OrgCommand::RestorePost(post.clone())),
        Command::Roster(RosterCommand::CreateOfficial(nengli::domain::official::OfficialDraft::from_official(&official))),
        Command::Roster(RosterCommand::UpdateOfficial {
            id: target,
            draft: nengli::domain::official::OfficialDraft::from_official(&official),
        }),
        Command::Roster(RosterCommand::DeleteOfficial { id: target }),
        Command::Roster(RosterCommand::RestoreOfficial(official.clone())),
        Command::Standards(StandardsCommand::SaveStandard { post: post.id, year, data: standard.clone() }),
        Command::Standards(StandardsCommand::SaveScale(db.scale().unwrap())),
        Command::Programme(ProgrammeCommand::UpdateMilestone { id: milestone.id, data: milestone.data.clone() }),
        Command::Programme(ProgrammeCommand::UpdatePhaseDates {
            id: programme.phases[0].id,
            start: programme.phases[0].start,
            end: programme.phases[0].end,
        }),
        Command::Programme(ProgrammeCommand::AddMember {
            programme: programme.id,
            member: nengli::domain::programme::Member {
                name: "成員".into(),
                role: nengli::domain::programme::Role::OfficeMember,
                duty: "聯絡".into(),
            },
        }),
        Command::Programme(ProgrammeCommand::DeleteMember { id: 1 }),
        Command::Standards(StandardsCommand::DeleteStandard { post: post.id, year }),
        Command::Standards(StandardsCommand::SaveSeatStatement { official: target, year, data: seat.clone() }),
        Command::Standards(StandardsCommand::SaveSeatStatement {
            official: target,
            year,
            data: SeatData { status: SeatStatus::Confirmed, ..seat },
        }),
        Command::Standards(StandardsCommand::DeleteSeatStatement { official: target, year }),
        Command::SelfCheck(SelfCheckCommand::SaveRound { id: Some(p.round), data: db.round(p.round).unwrap().unwrap().data }),
        Command::SelfCheck(SelfCheckCommand::DeleteRound { id: p.round }),
        Command::SelfCheck(SelfCheckCommand::SaveSelfCheck { round: p.round, official: target, data: Box::new(full(3)), submit: false }),
        Command::SelfCheck(SelfCheckCommand::ReviewSelfCheck {
            round: p.round,
            official: target,
            review: Review::default(),
            step: Some(Step::Accept),
            reason: String::new(),
        }),
        Command::SelfCheck(SelfCheckCommand::RestoreSelfCheck {
            round: p.round,
            official: target,
            before: check.clone().map(Box::new),
            by_owner: true,
        }),
        Command::SelfCheck(SelfCheckCommand::RestoreSelfCheck {
            round: p.round,
            official: target,
            before: check.map(Box::new),
            by_owner: false,
        }),
        Command::SelfCheck(SelfCheckCommand::AssignPeer { round: p.round, subject: target, peer: p.outsider }),
        Command::SelfCheck(SelfCheckCommand::SavePeerCheck {
            id: peer.as_ref().map_or(0, |c| c.id),
            levels: [Some(4); 8],
            comment: "互查".into(),
        }),
        Command::SelfCheck(SelfCheckCommand::DeletePeer { id: peer.as_ref().map_or(0, |c| c.id) }),
        Command::SelfCheck(SelfCheckCommand::RestorePeer(peer.clone().unwrap_or(PeerCheck {
            id: 0,
            round: p.round,
            subject: target,
            peer: p.outsider,
            levels: [None; 8],
            comment: String::new(),
        }))),
        Command::SelfCheck(SelfCheckCommand::AddOpinion(Opinion {
            id: 0,
            round: p.round,
            official: target,
            source: "同事".into(),
            note: "工作認真".into(),
        })),
        Command::SelfCheck(SelfCheckCommand::DeleteOpinion { id: opinion.map_or(0, |o| o.id) }),
        Command::SelfCheck(SelfCheckCommand::AddTest(Test {
            id: 0,
            name: "崗位測試".into(),
            kind: TestKind::Post,
            date: crate::support::today(),
            pass_mark: 60.0,
        })),
        Command::SelfCheck(SelfCheckCommand::DeleteTest { id: 1 }),
        Command::SelfCheck(SelfCheckCommand::SetScore { test: 1, official: target, score: Some(88.0) }),
        Command::SelfCheck(SelfCheckCommand::SavePlanItem {
            id: None,
            data: PlanItemData { action: "參加培訓".into(), ..PlanItemData::new(PlanOwner::Official(target), year, Some(1)) },
        }),
        Command::SelfCheck(SelfCheckCommand::SavePlanItem {
            id: None,
            data: PlanItemData { action: "科室集中學習".into(), ..PlanItemData::new(PlanOwner::Unit(unit), year, Some(1)) },
        }),
        Command::SelfCheck(SelfCheckCommand::DeletePlanItem { id: item.as_ref().map_or(0, |i| i.id) }),
        Command::SelfCheck(SelfCheckCommand::RestorePlanItem(item.unwrap_or(nengli::domain::plans::PlanItem {
            id: 9_999,
            uuid: "00000000-0000-4000-8000-000000000001".into(),
            data: PlanItemData { action: "自學".into(), ..PlanItemData::new(PlanOwner::Official(target), year, None) },
        }))),
        Command::Training(TrainingCommand::SaveSession {
            id: None,
            topic: None,
            data: Box::new(SessionData { title: "加開學習".into(), ..session.data.clone() }),
            plan_items: vec![],
        }),
        Command::Training(TrainingCommand::DeleteSession { id: session.id }),
        Command::Training(TrainingCommand::RestoreSession(Box::new((
            Session { id: 9_999, uuid: "00000000-0000-4000-8000-000000000002".into(), ..session.clone() },
            vec![],
        )))),
        Command::Training(TrainingCommand::SetAttendance {
            session: session.id,
            set: vec![Attendance { official: target, mark: Mark::Present, hours: session.data.hours, walk_in: false }],
            clear: vec![],
        }),
        Command::Training(TrainingCommand::SaveStudyRecord { id: None, official: target, data: Box::new(study("自學稅法")) }),
        Command::Training(TrainingCommand::DeleteStudyRecord { id: record.as_ref().map_or(0, |r| r.id) }),
        Command::Training(TrainingCommand::RestoreStudyRecord(Box::new(StudyRecord {
            id: 99_999,
            uuid: "00000000-0000-4000-8000-000000000003".into(),
            official: target,
            data: study("自學納稅服務"),
        }))),
        Command::Training(TrainingCommand::SaveQuotaRules(db.quota_rules().unwrap())),
        Command::Training(TrainingCommand::SaveTopic {
            id: None,
            topic: Box::new(Topic { id: 0, title: "稅收新政".into(), ..topic.clone() }),
        }),
        Command::Training(TrainingCommand::DeleteTopic { id: topic.id }),
        Command::Training(TrainingCommand::RestoreTopic(Box::new(Topic { id: 9_999, ..topic }))),
        Command::YearEnd(YearEndCommand::YearEndStep {
            official: target,
            year,
            step: YearStep::Save,
            data: Box::new(YearEndData::default()),
        }),
        Command::YearEnd(YearEndCommand::YearEndStep {
            official: target,
            year,
            step: YearStep::Comment,
            data: Box::new(YearEndData { proposed: Some(Grade::Competent), ..Default::default() }),
        }),
        Command::YearEnd(YearEndCommand::YearEndStep {
            official: target,
            year,
            step: YearStep::Reopen,
            data: Box::new(YearEndData { reason: "更正".into(), ..Default::default() }),
        }),
        Command::YearEnd(YearEndCommand::RestoreYearEnd { official: target, year, before: None }),
        Command::YearEnd(YearEndCommand::ReviewUnit {
            unit,
            year,
            review: Box::new(nengli::domain::yearend::UnitReview {
                standards: std::array::from_fn(|_| nengli::domain::yearend::Evaluation {
                    met: Some(nengli::domain::yearend::Met::Yes),
                    text: String::new(),
                }),
                ..Default::default()
            }),
        }),
        Command::YearEnd(YearEndCommand::RestoreUnitReview { unit, year, before: None }),
        Command::Org(OrgCommand::SetUnitAliases { id: unit, aliases: vec!["別名".into()] }),
        Command::Roster(RosterCommand::SetTierMapping(nengli::domain::ranks::TierMapping::default())),
        Command::Roster(RosterCommand::SetPhoto { id: target, photo: None }),
        Command::Roster(RosterCommand::SetCadre {
            id: target,
            record: Box::new(nengli::domain::cadre::CadreRecord { resume: vec!["2008.07--  科員".into()], ..Default::default() }),
        }),
        Command::Routine(RoutineCommand::SetPeriods {
            year,
            periods: db.routine_periods().unwrap().into_iter().filter(|p| p.period.year == year).map(|p| (p.period, p.deadline)).collect(),
        }),
        Command::Routine(RoutineCommand::Step {
            period: q4.id,
            official: target,
            step: RoutineStep::Save,
            data: Box::new(RoutineData { summary: "本季度小結".into(), ..Default::default() }),
        }),
        Command::Routine(RoutineCommand::Step { period: q4.id, official: target, step: RoutineStep::Rate, data: Box::new(rated.clone()) }),
        Command::Routine(RoutineCommand::Record { period: q4.id, official: target, data: Box::new(rated) }),
        Command::Routine(RoutineCommand::Restore {
            period: q3.id,
            official: target,
            before: routine.clone().map(Box::new),
            by_owner: true,
        }),
        Command::Routine(RoutineCommand::Restore { period: q3.id, official: target, before: routine.map(Box::new), by_owner: false }),
        Command::Routine(RoutineCommand::Close { period: q3.id, unit, closed: true }),
        Command::Routine(RoutineCommand::SaveSpecial(Box::new(SpecialEvent {
            results: vec![SpecialResult { official: target, result: Some(Rating::Good), note: "表現突出".into() }],
            ..event.clone()
        }))),
        Command::Routine(RoutineCommand::DeleteSpecial { id: event.id }),
        Command::Routine(RoutineCommand::SaveQuota(db.routine_quota().unwrap())),
        Command::Routine(RoutineCommand::SaveRules(db.routine_rules().unwrap())),
        Command::Standing(StandingCommand::SetStanding {
            official: target,
            standing: Box::new(nengli::domain::standing::Standing {
                leave: vec![nengli::domain::standing::Leave { year, kind: nengli::domain::standing::LeaveKind::Sick, days: 3 }],
                ..Default::default()
            }),
        }),
        Command::Standing(StandingCommand::SetWorkingDays { year, days: Some(250) }),
        Command::Standing(StandingCommand::SaveRules(db.eligibility_rules().unwrap())),
        Command::Standing(StandingCommand::SaveQuota(db.excellent_rules().unwrap())),
        Command::Standing(StandingCommand::SaveAllocation { year, pool: String::new(), places: vec![(unit, 1)] }),
        Command::Appraisal(AppraisalCommand::SetCalendar { year, calendar: Default::default() }),
        Command::Appraisal(AppraisalCommand::SetVoterClasses(vec!["領導班子成員".into(), "一般幹部".into()])),
        Command::Appraisal(AppraisalCommand::SetBallotMinimum(7)),
        Command::Appraisal(AppraisalCommand::SetTally {
            year,
            official: target,
            class: "一般幹部".into(),
            tally: Some(nengli::domain::ballots::Tally([3, 2, 0, 0])),
        }),
        Command::Appraisal(AppraisalCommand::SavePublicity {
            year,
            publicity: Box::new(nengli::domain::workdays::Publicity {
                start: chrono::NaiveDate::from_ymd_opt(year + 1, 1, 4),
                end: chrono::NaiveDate::from_ymd_opt(year + 1, 1, 18),
                text: "公示期間如有異議，請向人教科反映。".into(),
                ..Default::default()
            }),
        }),
        Command::Appraisal(AppraisalCommand::RestorePublicity { year, before: None }),
    ]
}

/// Gives every target a peer check, an opinion, a plan item and a test to aim commands at.
fn prepare(service: &mut Service, p: &People) {
    let year = service.read().bureau().unwrap().unwrap().year;
    for (target, peer) in [(p.colleague, p.me), (p.me, p.head), (p.head, p.colleague), (p.outsider, p.me), (p.colleague, p.outsider)] {
        let _ = service.execute(Command::SelfCheck(SelfCheckCommand::AssignPeer { round: p.round, subject: target, peer })).unwrap();
    }
    for target in [p.me, p.colleague, p.outsider, p.head] {
        let _ = service
            .execute(Command::SelfCheck(SelfCheckCommand::AddOpinion(Opinion {
                id: 0,
                round: p.round,
                official: target,
                source: "上級".into(),
                note: "肯幹".into(),
            })))
            .unwrap();
        let data = PlanItemData { action: "學習新稅法".into(), ..PlanItemData::new(PlanOwner::Official(target), year, Some(2)) };
        let _ = service.execute(Command::SelfCheck(SelfCheckCommand::SavePlanItem { id: None, data })).unwrap();
    }
    for target in [p.me, p.colleague, p.outsider, p.head] {
        let _ = service
            .execute(Command::Training(TrainingCommand::SaveStudyRecord {
                id: None, official: target, data: Box::new(study("讀書筆記"))
            }))
            .unwrap();
    }
    // The demo's seat statements of the targets go, so each role's first statement is tried.
    for target in [p.me, p.colleague, p.outsider, p.head] {
        if service.read().seat_statement(target, year).unwrap().is_some() {
            let _ = service
                .execute(Command::Standards(nengli::service::command::StandardsCommand::DeleteSeatStatement { official: target, year }))
                .unwrap();
        }
    }
    for target in [p.me, p.colleague, p.outsider, p.head] {
        crate::support::yearend_back_to_draft(service, target, year);
        let mut data = YearEndData { summary: "德能勤績廉".into(), ..Default::default() };
        for e in &mut data.own {
            e.met = Some(nengli::domain::yearend::Met::Yes);
        }
        let _ = service
            .execute(Command::YearEnd(YearEndCommand::YearEndStep { official: target, year, step: YearStep::Submit, data: Box::new(data) }))
            .unwrap();
    }
    let test = Test { id: 0, name: "征管業務測試".into(), kind: TestKind::Spot, date: crate::support::today(), pass_mark: 60.0 };
    let _ = service.execute(Command::SelfCheck(SelfCheckCommand::AddTest(test))).unwrap();
}

/// Whether the matrix allows a role to act on a record: own (the actor's own roster entry),
/// in the reviewer's unit, or elsewhere.
fn expected(needs: Needs, role: Role, whose: &str) -> bool {
    match (role, needs) {
        (Role::Admin, _) => true,
        (_, Needs::Admin) => false,
        (_, Needs::Owner | Needs::Peer) => whose == "own",
        (Role::Reviewer, Needs::Reviewer) => whose == "unit",
        (Role::Reviewer, Needs::UnitLead) => whose == "unit" || whose == "own",
        (Role::Official, Needs::Reviewer | Needs::UnitLead) => false,
    }
}

#[test]
fn the_permission_matrix_holds_for_every_command_role_and_record() {
    // One prepared bureau on disk, copied afresh for every case.
    let dir = tempfile::tempdir().unwrap();
    let master = dir.path().join("master.sqlite");
    crate::support::demo_file(&master);
    let open =
        |path: &std::path::Path| Service::new(Store::open(path, OpenMode::Existing).unwrap(), "tester").with_today(crate::support::today());
    let mut base = open(&master);
    let p = people(&base);
    prepare(&mut base, &p);
    drop(base);
    let mut case = 0;
    let mut fresh = || {
        case += 1;
        let path = dir.path().join(format!("case{case}.sqlite"));
        std::fs::copy(&master, &path).unwrap();
        open(&path)
    };
    let mut covered = [false; ROWS];
    let mut checked = 0;
    for (username, role) in [("admin", Role::Admin), ("reviewer", Role::Reviewer), ("official", Role::Official)] {
        // Whose records: the actor's own, a colleague in the reviewer's unit, someone elsewhere.
        let own = match role {
            Role::Reviewer => p.head,
            _ => p.me,
        };
        for (whose, target, unit) in
            [("own", own, p.unit), ("unit", if own == p.me { p.colleague } else { p.me }, p.unit), ("other", p.outsider, p.other_unit)]
        {
            let count = samples(&fresh(), &p, target, unit).len();
            for index in 0..count {
                // A fresh copy per command, so each runs against the same records.
                let mut service = fresh();
                let command = samples(&service, &p, target, unit).swap_remove(index);
                let (row_index, needs) = row(&command);
                covered[row_index] = true;
                log_in(&mut service, username);
                let audit_before = service.read().audit_rows(100_000).unwrap().len();
                let result = service.execute(command.clone());
                let allowed = expected(needs, role, whose);
                match (&result, allowed) {
                    (Err(ServiceError::Forbidden), true) => panic!("{username} on {whose}: {command:?} refused but allowed by the matrix"),
                    (Err(ServiceError::Forbidden), false) => {
                        assert_eq!(service.read().audit_rows(100_000).unwrap().len(), audit_before, "a refusal writes nothing")
                    }
                    (_, false) => panic!("{username} on {whose}: {command:?} allowed ({result:?}) but the matrix refuses"),
                    (_, true) => {}
                }
                checked += 1;
            }
        }
    }
    assert!(covered.iter().all(|c| *c), "a command has no sample: {covered:?}");
    assert!(checked > 3 * 3 * ROWS);
}

/// What a read needs, by the matrix: the reads' rows beside the commands'.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sees {
    /// The bureau's tables as a whole: administrators.
    Bureau,
    /// The programme's figures and lists narrowed to the account: administrators and reviewers.
    Overview,
    /// The target's unit: administrators and its reviewers.
    Unit,
    /// The target's own records: administrators, the unit's reviewers, the official.
    Person,
    /// Everyone logged in (lists narrowed person by person, blank forms).
    Anyone,
}

/// A read or an export of the window or the command line.
#[derive(Clone, Debug)]
enum Read {
    Export(nengli::exchange::Kind),
    RosterAsShown,
    Accounts,
    ChangeLog,
    Print(nengli::service::printing::Printout),
    /// One person's 任免審批表 file.
    CadreFile,
    YearEnd,
    OwnPlan,
    UnitPlan,
    /// One person's 處分, 立案審查, leave and probation, and what the year-end rules say of them.
    Standing,
    Verdict,
    /// The year's 優秀 pools with their 名額分配表.
    QuotaPools,
    /// The year's 單位檢查驗收 of every unit.
    UnitReviews,
    /// The year's 民主測評 results, and one person's.
    Ballots,
    OwnBallots,
    /// The year's 結果運用 list, and one person's.
    Consequences,
    OwnConsequences,
    /// The year's 公示.
    Publicity,
}

/// The reads' rows: the printouts' match has no wildcard, so a new printout does not compile
/// until the matrix says who may read it.
fn read_row(read: &Read) -> Sees {
    use nengli::service::printing::{Printout, Scope};
    match read {
        Read::Export(_) | Read::RosterAsShown | Read::Accounts | Read::ChangeLog => Sees::Bureau,
        Read::YearEnd | Read::OwnPlan | Read::CadreFile | Read::Standing | Read::Verdict => Sees::Person,
        Read::QuotaPools | Read::UnitReviews => Sees::Overview,
        Read::UnitPlan => Sees::Unit,
        Read::Print(printout) => match printout {
            Printout::DutyStatements { scope }
            | Printout::PostStandards { scope, .. }
            | Printout::SeatStatements { scope, .. }
            | Printout::CapabilityReports { scope, .. } => match scope {
                Scope::All => Sees::Bureau,
                Scope::Unit(_) | Scope::Post(_) => Sees::Unit,
                Scope::Official(_) => Sees::Person,
            },
            Printout::TrainingFile { .. } => Sees::Person,
            Printout::RoundSummary { unit, .. } | Printout::TrainingCompliance { unit, .. } | Printout::GradeRoster { unit, .. } => {
                if unit.is_some() { Sees::Unit } else { Sees::Overview }
            }
            Printout::SignIn { .. }
            | Printout::ProgrammeReport { .. }
            | Printout::YearEndSummary { .. }
            | Printout::QuotaAllocation { .. } => Sees::Overview,
            Printout::YearEndSheets(_) | Printout::YearEndBlank { .. } => Sees::Anyone,
            // Named people are narrowed person by person.
            Printout::AppointmentForms { staff, .. } if !staff.is_empty() => Sees::Anyone,
            Printout::AppointmentForms { scope, .. } => match scope {
                Scope::All => Sees::Bureau,
                Scope::Unit(_) | Scope::Post(_) => Sees::Unit,
                Scope::Official(_) => Sees::Person,
            },
            Printout::RoutineForms { staff, .. } if !staff.is_empty() => Sees::Anyone,
            Printout::RoutineForms { scope, .. } => match scope {
                Scope::All => Sees::Bureau,
                Scope::Unit(_) | Scope::Post(_) => Sees::Unit,
                Scope::Official(_) => Sees::Person,
            },
            Printout::RoutineSummary { unit, .. } => {
                if unit.is_some() {
                    Sees::Unit
                } else {
                    Sees::Overview
                }
            }
            Printout::RoutineYear { .. } => Sees::Person,
            Printout::Publicity { .. } => Sees::Anyone,
            Printout::GradeConsequences { unit, .. } => {
                if unit.is_some() {
                    Sees::Unit
                } else {
                    Sees::Overview
                }
            }
        },
        Read::Ballots | Read::Consequences => Sees::Overview,
        Read::OwnBallots | Read::OwnConsequences => Sees::Person,
        Read::Publicity => Sees::Anyone,
    }
}

fn read_samples(service: &Service, p: &People, target: OfficialId, unit: UnitId) -> Vec<Read> {
    use nengli::service::printing::{Printout, Scope, YearEndSheets};
    let db = service.read();
    let year = db.bureau().unwrap().unwrap().year;
    let post = db.posts().unwrap().into_iter().find(|x| x.unit == unit).unwrap();
    let session = db.sessions(year).unwrap()[0].id;
    let quarter = service.routine_period(&format!("{year}Q3")).unwrap().expect("the demo's third quarter").id;
    let mut reads: Vec<Read> = nengli::exchange::Kind::ALL.into_iter().map(Read::Export).collect();
    reads.extend([Read::RosterAsShown, Read::Accounts, Read::ChangeLog, Read::YearEnd, Read::OwnPlan, Read::UnitPlan, Read::CadreFile]);
    reads.extend([Read::Standing, Read::Verdict, Read::QuotaPools, Read::UnitReviews]);
    reads.extend([Read::Ballots, Read::OwnBallots, Read::Consequences, Read::OwnConsequences, Read::Publicity]);
    let paper = nengli::report::layout::A4;
    for printout in [
        Printout::DutyStatements { scope: Scope::All },
        Printout::DutyStatements { scope: Scope::Unit(unit) },
        Printout::PostStandards { scope: Scope::Post(post.id), year },
        Printout::SeatStatements { scope: Scope::Official(target), year },
        Printout::CapabilityReports { round: p.round, scope: Scope::Official(target) },
        Printout::RoundSummary { round: p.round, unit: Some(unit) },
        Printout::RoundSummary { round: p.round, unit: None },
        Printout::SignIn { session },
        Printout::TrainingFile { official: target, year },
        Printout::TrainingCompliance { year, unit: Some(unit) },
        Printout::ProgrammeReport { year, date: crate::support::today() },
        Printout::YearEndSheets(YearEndSheets { year, scope: Scope::Official(target), staff: vec![], paper }),
        Printout::YearEndBlank { paper },
        Printout::YearEndSummary { year },
        Printout::GradeRoster { year, unit: Some(unit) },
        Printout::GradeRoster { year, unit: None },
        Printout::AppointmentForms { scope: Scope::Official(target), staff: vec![] },
        Printout::AppointmentForms { scope: Scope::Unit(unit), staff: vec![] },
        Printout::RoutineForms { period: quarter, scope: Scope::Official(target), staff: vec![] },
        Printout::RoutineSummary { period: quarter, unit: Some(unit) },
        Printout::RoutineYear { official: target, year },
        Printout::QuotaAllocation { year },
        Printout::Publicity { year },
        Printout::GradeConsequences { year, unit: Some(unit) },
        Printout::GradeConsequences { year, unit: None },
    ] {
        reads.push(Read::Print(printout));
    }
    reads
}

fn do_read(service: &Service, read: &Read, target: OfficialId, unit: UnitId) -> Result<(), ServiceError> {
    use nengli::domain::Lang;
    match read {
        Read::Export(kind) => nengli::service::exports::export_table(service, *kind, Lang::Tc).map(drop),
        Read::RosterAsShown => nengli::service::exports::officials_table(service, &[target], Lang::Tc).map(drop),
        Read::Accounts => service.users().map(drop),
        Read::ChangeLog => service.audit_find(&Default::default(), 10).map(drop),
        Read::YearEnd => service.yearend(target, 2012).map(drop),
        Read::OwnPlan => service.plan_items(PlanOwner::Official(target), 2012).map(drop),
        Read::UnitPlan => service.plan_items(PlanOwner::Unit(unit), 2012).map(drop),
        Read::Ballots => service.ballot_results(2012).map(drop),
        Read::OwnBallots => service.ballot_result(target, 2012).map(drop),
        Read::Consequences => service.consequence_rows(2012).map(drop),
        Read::OwnConsequences => service.consequences(target, 2012).map(drop),
        Read::Publicity => service.publicity(2012).map(drop),
        Read::Print(printout) => nengli::service::printing::document(service, printout, Lang::Tc).map(drop),
        Read::CadreFile => nengli::service::cadre::cadre_file(service, target, Lang::Tc).map(drop),
        Read::Standing => service.standing(target).map(drop),
        Read::Verdict => service.verdict(target, 2012).map(drop),
        Read::QuotaPools => service.quota_pools(2012).map(drop),
        Read::UnitReviews => service.unit_reviews(2012).map(drop),
    }
}

#[test]
fn the_permission_matrix_holds_for_every_read_and_export() {
    let mut service = demo();
    let p = people(&service);
    let mut checked = 0;
    for (username, role) in [("admin", Role::Admin), ("reviewer", Role::Reviewer), ("official", Role::Official)] {
        log_in(&mut service, username);
        let own = if role == Role::Reviewer { p.head } else { p.me };
        for (whose, target, unit) in
            [("own", own, p.unit), ("unit", if own == p.me { p.colleague } else { p.me }, p.unit), ("other", p.outsider, p.other_unit)]
        {
            for read in read_samples(&service, &p, target, unit) {
                let sees = read_row(&read);
                let allowed = match (role, sees) {
                    (Role::Admin, _) | (_, Sees::Anyone) => true,
                    (_, Sees::Bureau) => false,
                    (Role::Reviewer, Sees::Overview) => true,
                    (Role::Reviewer, Sees::Unit | Sees::Person) => whose != "other",
                    (Role::Official, Sees::Person) => whose == "own",
                    (Role::Official, Sees::Overview | Sees::Unit) => false,
                };
                let result = do_read(&service, &read, target, unit);
                match (&result, allowed) {
                    (Err(ServiceError::Forbidden), true) => panic!("{username} on {whose}: {read:?} refused but allowed by the matrix"),
                    (Err(ServiceError::Forbidden), false) => {}
                    (_, false) => panic!("{username} on {whose}: {read:?} read ({result:?}) but the matrix refuses"),
                    (Err(e), true) => panic!("{username} on {whose}: {read:?} failed: {e:?}"),
                    (Ok(()), true) => {}
                }
                checked += 1;
            }
        }
    }
    service.log_out();
    let refused = do_read(
        &service,
        &Read::Print(nengli::service::printing::Printout::YearEndBlank { paper: nengli::report::layout::A4 }),
        p.me,
        p.unit,
    );
    assert!(matches!(refused, Err(ServiceError::Forbidden)), "nothing is read before a log-in: {refused:?}");
    assert_eq!(checked, 3 * 3 * 45);
}

#[test]
fn a_reviewer_accepts_only_with_every_supervisors_level_and_a_comment() {
    let mut service = demo();
    let p = people(&service);
    log_in(&mut service, "official");
    let save = SelfCheckCommand::SaveSelfCheck { round: p.round, official: p.me, data: Box::new(full(3)), submit: true };
    let _ = service.execute(Command::SelfCheck(save)).unwrap();
    log_in(&mut service, "reviewer");
    let accept = |review: Review| {
        Command::SelfCheck(SelfCheckCommand::ReviewSelfCheck {
            round: p.round,
            official: p.me,
            review,
            step: Some(Step::Accept),
            reason: String::new(),
        })
    };
    let mut partial = Review { levels: [Some(3); 8], comment: "自查客觀。".into(), by: String::new() };
    partial.levels[2] = None;
    let Err(ServiceError::Invalid(problems)) = service.execute(accept(partial)) else { panic!("accepted without every level") };
    assert_eq!(problems.iter().map(|p| p.field).collect::<Vec<_>>(), vec![nengli::domain::Field::Capability(3)]);
    let silent = Review { levels: [Some(3); 8], comment: " ".into(), by: String::new() };
    assert!(matches!(service.execute(accept(silent)), Err(ServiceError::Invalid(_))), "accepted without a comment");
    assert_eq!(service.read().self_check(p.round, p.me).unwrap().unwrap().status, CheckStatus::Submitted);
    let _ = service.execute(accept(Review { levels: [Some(3); 8], comment: "自查客觀。".into(), by: String::new() })).unwrap();
    assert_eq!(service.read().self_check(p.round, p.me).unwrap().unwrap().status, CheckStatus::Reviewed);
    // The review is signed by the account; the official reads the person's name.
    let head = account_of(&service, "reviewer").data.official.unwrap();
    let head_name = service.read().official(head).unwrap().unwrap().data.name;
    log_in(&mut service, "official");
    let detail = service.check_detail(p.round, p.me).unwrap();
    assert_eq!(detail.check.unwrap().review.by, "reviewer");
    assert_eq!(detail.reviewer_name, Some(head_name));
}

fn account_of(service: &Service, username: &str) -> nengli::domain::access::User {
    service.read().users().unwrap().into_iter().find(|u| u.data.username == username).unwrap()
}

#[test]
fn nothing_changes_before_a_log_in() {
    let mut service = demo();
    let p = people(&service);
    service.log_out();
    let result = service.execute(Command::SelfCheck(SelfCheckCommand::SaveSelfCheck {
        round: p.round,
        official: p.me,
        data: Box::new(full(3)),
        submit: false,
    }));
    assert!(matches!(result, Err(ServiceError::Forbidden)), "{result:?}");
}

#[test]
fn a_self_check_goes_round_the_workflow_with_audit_rows() {
    let mut service = demo();
    let p = people(&service);
    log_in(&mut service, "official");
    let round = p.round;
    let save = |data, submit| Command::SelfCheck(SelfCheckCommand::SaveSelfCheck { round, official: p.me, data: Box::new(data), submit });
    // A partial draft saves; it cannot be submitted until all eight levels are given.
    let mut partial = full(3);
    partial.levels[4] = None;
    let _ = service.execute(save(partial.clone(), false)).unwrap();
    assert!(matches!(service.execute(save(partial, true)), Err(ServiceError::Invalid(_))));
    let _ = service.execute(save(full(3), true)).unwrap();
    let status = |s: &Service| s.read().self_check(round, p.me).unwrap().unwrap().status;
    assert_eq!(status(&service), CheckStatus::Submitted);
    // Handed in: the official can no longer change it.
    assert!(matches!(service.execute(save(full(4), false)), Err(ServiceError::Invalid(_))));
    // The reviewer returns it, with a reason (required).
    log_in(&mut service, "reviewer");
    let review = Review { levels: [Some(2); 8], comment: "證據不足".into(), by: String::new() };
    let step = |step, reason: &str| {
        Command::SelfCheck(SelfCheckCommand::ReviewSelfCheck {
            round,
            official: p.me,
            review: review.clone(),
            step: Some(step),
            reason: reason.into(),
        })
    };
    assert!(matches!(service.execute(step(Step::Return, " ")), Err(ServiceError::Invalid(_))));
    let _ = service.execute(step(Step::Return, "請補充各項能力的工作實例")).unwrap();
    let check = service.read().self_check(round, p.me).unwrap().unwrap();
    assert_eq!((check.status, check.return_reason.as_str()), (CheckStatus::Returned, "請補充各項能力的工作實例"));
    assert_eq!(check.review.levels, [Some(2); 8], "the supervisor's levels are kept beside the official's");
    assert_eq!(check.data.levels, [Some(3); 8]);
    // The official reworks and resubmits; the reviewer accepts.
    log_in(&mut service, "official");
    let _ = service.execute(save(SelfCheckData { reflection: "已補充實例".into(), ..full(3) }, true)).unwrap();
    log_in(&mut service, "reviewer");
    let _ = service.execute(step(Step::Accept, "")).unwrap();
    assert_eq!(status(&service), CheckStatus::Reviewed);
    let actions: Vec<(String, String)> = service
        .read()
        .audit_rows(100)
        .unwrap()
        .into_iter()
        .filter(|r| r.entity == "self_check")
        .map(|r| (r.actor, r.action))
        .rev()
        .collect();
    let want = [
        ("official", "selfcheck.save"),
        ("official", "selfcheck.submit"),
        ("reviewer", "selfcheck.return"),
        ("official", "selfcheck.submit"),
        ("reviewer", "selfcheck.accept"),
    ];
    assert_eq!(actions, want.map(|(a, b)| (a.to_owned(), b.to_owned())).to_vec());
}

#[test]
fn undo_puts_back_only_the_actors_own_part() {
    let mut service = demo();
    let p = people(&service);
    log_in(&mut service, "official");
    let applied = service
        .execute(Command::SelfCheck(SelfCheckCommand::SaveSelfCheck {
            round: p.round,
            official: p.me,
            data: Box::new(full(3)),
            submit: true,
        }))
        .unwrap();
    log_in(&mut service, "reviewer");
    let _accepted = service
        .execute(Command::SelfCheck(SelfCheckCommand::ReviewSelfCheck {
            round: p.round,
            official: p.me,
            review: Review { levels: [Some(3); 8], comment: "同意。".into(), by: String::new() },
            step: Some(Step::Accept),
            reason: String::new(),
        }))
        .unwrap();
    // The official's undo of the submission would undo the reviewer's acceptance: refused.
    log_in(&mut service, "official");
    assert!(service.execute(applied.undo).is_err());
    assert_eq!(service.read().self_check(p.round, p.me).unwrap().unwrap().status, CheckStatus::Reviewed);
    // Nor can a handed-in self-check be taken back by its official before review.
    log_in(&mut service, "reviewer");
    let _returned = service
        .execute(Command::SelfCheck(SelfCheckCommand::ReviewSelfCheck {
            round: p.round,
            official: p.me,
            review: Review::default(),
            step: Some(Step::Return),
            reason: "請補充".into(),
        }))
        .unwrap();
    log_in(&mut service, "official");
    let resubmitted = service
        .execute(Command::SelfCheck(SelfCheckCommand::SaveSelfCheck {
            round: p.round,
            official: p.me,
            data: Box::new(full(4)),
            submit: true,
        }))
        .unwrap();
    assert!(matches!(service.execute(resubmitted.undo), Err(ServiceError::Invalid(_))), "once handed in, only a reviewer sends it back");
    assert_eq!(service.read().self_check(p.round, p.me).unwrap().unwrap().status, CheckStatus::Submitted);
}

#[test]
fn failed_log_ins_are_audited_and_slow_down() {
    let mut service = demo();
    for _ in 0..3 {
        assert!(matches!(service.login("official", "wrong-password"), Err(LoginError::Wrong)));
    }
    // The fourth attempt must wait, even with the right password.
    assert!(matches!(service.login("official", "demo-official"), Err(LoginError::Wait(_))));
    assert!(matches!(service.login("nobody", "whatever-1"), Err(LoginError::Wrong)));
    let failed = service.read().audit_rows(50).unwrap().into_iter().filter(|r| r.action == "user.login_failed").count();
    assert_eq!(failed, 4);
    assert!(service.session().is_none());
}

#[test]
fn accounts_for_a_unit_get_one_time_passwords_to_change() {
    let mut service = demo();
    let p = people(&service);
    let made = service.create_unit_accounts(p.unit).unwrap();
    let members = service.read().officials().unwrap().into_iter().filter(|o| o.unit == p.unit && o.id != p.me && o.id != p.head).count();
    assert_eq!(made.len(), members, "everyone in the unit without an account");
    assert!(service.create_unit_accounts(p.unit).unwrap().is_empty(), "a second run makes none");
    let first = &made[0];
    let session = service.login(&first.username, &first.password).unwrap();
    assert!(session.must_change);
    assert!(service.change_password(&first.password, "short").is_err());
    service.change_password(&first.password, "新的密碼-2012").unwrap();
    service.log_out();
    assert!(!service.login(&first.username, "新的密碼-2012").unwrap().must_change);
    // Only an administrator makes accounts.
    assert!(matches!(service.create_unit_accounts(p.unit), Err(ServiceError::Forbidden)));
    assert!(matches!(service.reset_password(1), Err(ServiceError::Forbidden)));
}

#[test]
fn an_official_outside_the_round_cannot_start_a_self_check() {
    let mut service = demo();
    let p = people(&service);
    let year = service.read().bureau().unwrap().unwrap().year;
    let data =
        RoundData {
            name: "稽查局專項自查".into(), year, deadline: crate::support::today(), units: vec![p.other_unit], closed: false
        };
    let round = match service.execute(Command::SelfCheck(SelfCheckCommand::SaveRound { id: None, data })).unwrap().entity {
        nengli::service::Entity::Round(id) => id,
        other => panic!("{other:?}"),
    };
    let result = service.execute(Command::SelfCheck(SelfCheckCommand::SaveSelfCheck {
        round,
        official: p.me,
        data: Box::new(full(3)),
        submit: false,
    }));
    assert!(matches!(result, Err(ServiceError::Invalid(ref v)) if v[0].problem == nengli::domain::Problem::NotInRound), "{result:?}");
}

/// Where the post has no standard for the round's year the requirement is the tier's default,
/// and says so; once the standard is made, its levels are required and the mark goes.
#[test]
fn a_requirement_taken_from_the_tiers_default_is_marked_as_such() {
    let mut service = demo();
    let round = service.rounds().unwrap()[0].id;
    let year = service.rounds().unwrap()[0].data.year;
    let standards = crate::support::posts_with_standard(&service, year);
    let official = service.read().officials().unwrap().into_iter().find(|o| o.post.is_some_and(|p| !standards.contains(&p))).unwrap();
    let detail = service.check_detail(round, official.id).unwrap();
    let default = service.read().scale().unwrap().default_level(official.tier);
    assert!(detail.required_by_default, "no standard for the post yet");
    assert_eq!(detail.required, [Some(default); 8]);
    let post = official.post.unwrap();
    let tier = service.read().post(post).unwrap().unwrap().data.tier;
    let scale = service.read().scale().unwrap();
    let mut data = nengli::domain::standards::StandardData::draft(tier, &scale);
    for level in data.levels.values_mut() {
        *level = 5;
    }
    let _saved = service.execute(Command::Standards(StandardsCommand::SaveStandard { post, year, data })).unwrap();
    let detail = service.check_detail(round, official.id).unwrap();
    assert!(!detail.required_by_default, "the post's standard is required");
    assert!(detail.required.contains(&Some(5)), "{:?}", detail.required);
}

/// The heatmap marks exactly the rows whose gaps are measured against the tier's default level
/// (the post without a standard for the round's year).
#[test]
fn the_heatmap_marks_gaps_measured_against_a_tiers_default() {
    let service = demo();
    let (round, standards) = crate::support::round_and_standard_posts(&service);
    let officials = service.read().officials().unwrap();
    let result = service.round_analysis(round.id, None).unwrap();
    let marked: Vec<_> = result.analysis.rows.iter().filter(|r| r.by_default).map(|r| r.official).collect();
    assert!(!marked.is_empty() && marked.len() < result.analysis.rows.len());
    for row in &result.analysis.rows {
        let post = officials.iter().find(|o| o.id == row.official).unwrap().post;
        let standard = post.is_some_and(|p| standards.contains(&p));
        assert_eq!(row.by_default, !standard, "{:?}", row.official);
    }
}
