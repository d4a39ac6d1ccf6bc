//! Bureaus made for the user: the demo bureau (`data/demo_bureau.json`, about 40 posts and
//! 120 officials) and synthetic bureaus of any size for benchmarks and tests (`gen`).
//! Both go through the domain's validation and land in one transaction with one audit row.

use super::{Result, Service, ServiceError};
use crate::domain::catalogue::{Catalogue, Gender, OfficialStatus, RankTier, UnitKind};
use crate::domain::dates::format_date;
use crate::domain::names::{Rng, person_name};
use crate::domain::official::{OfficialContext, OfficialDraft};
use crate::domain::org::{Post, PostDraft, Unit};
use crate::domain::problem::{Field, Problem};
use crate::domain::{PostId, UnitId};
use crate::store::new_uuid;
use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Deserialize)]
struct DemoFile {
    bureau: String,
    year: i32,
    units: Vec<DemoUnit>,
}

#[derive(Deserialize, Clone)]
struct DemoUnit {
    name: String,
    kind: String,
    #[serde(default)]
    parent: Option<String>,
    posts: Vec<DemoPost>,
}

#[derive(Deserialize, Clone)]
struct DemoPost {
    title: String,
    tier: String,
    headcount: u16,
    duties: String,
    standard: String,
    authority: String,
    time_limits: String,
    responsibility: String,
}

#[allow(clippy::expect_used, reason = "built into the binary and parsed by a test")]
fn demo_file() -> DemoFile {
    serde_json::from_str(include_str!("../../data/demo_bureau.json")).expect("the shipped demo bureau is checked by a test")
}

/// What a seeding run created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub units: usize,
    pub posts: usize,
    pub officials: usize,
    /// What a generated bureau holds besides (nothing for the demo, which counts no records).
    pub records: Records,
}

/// The demo bureau's name and programme year.
pub fn demo_identity() -> (String, i32) {
    let file = demo_file();
    (file.bureau, file.year)
}

/// The day the demo bureau is viewed as of: inside its 2012–2013 programme, in the 組織實施
/// phase, so its timeline, deadlines and overdue marks read as a bureau at work in any year.
pub fn demo_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2013, 6, 15).unwrap_or(NaiveDate::MIN)
}

/// Creates the demo bureau in an empty database: a bureau in the middle of its programme, with
/// most post standards set, seat statements and self-checks at every stage, improvement plans,
/// the last year-end at every step of its sign-off, training and 平時考核 — all as of
/// [`demo_today`], which the file keeps. Each part is one function over the bureau made so far.
pub fn demo(service: &mut Service) -> Result<Summary> {
    let file = demo_file();
    service.start_bureau(&file.bureau, file.year, &Catalogue::shipped())?;
    let today = NaiveDate::from_ymd_opt(file.year, 8, 1).unwrap_or(NaiveDate::MIN);
    let summary = populate(service, &file.units, None, 2012, today, "bureau.demo")?;
    demo_programme(service, file.year)?;
    let official = demo_accounts(service)?;
    let year = file.year;
    let actor = service.actor().to_owned();
    service.store_mut().write(|db| {
        demo_standards(db, year)?;
        db.audit(&actor, "bureau.demo_standards", "post_standard", None, None, None)?;
        demo_seats(db, year, official)?;
        db.audit(&actor, "bureau.demo_seats", "seat_statement", None, None, None)?;
        self_check_round(db, year, 2012, demo_today() + chrono::Duration::days(15), |o| o != official)?;
        demo_plans(db, year, official)?;
        db.audit(&actor, "bureau.demo_plans", "plan_item", None, None, None)?;
        demo_training(db, year)?;
        db.audit(&actor, "bureau.demo_training", "training_session", None, None, None)?;
        demo_routine(db, year)?;
        db.audit(&actor, "bureau.demo_routine", "routine_record", None, None, None)?;
        demo_yearend(db, year, official)?;
        db.audit(&actor, "bureau.demo_yearend", "yearend_record", None, None, None)?;
        Ok::<_, ServiceError>(())
    })?;
    service.set_demo_day(demo_today())?;
    demo_standing(service, file.year)?;
    demo_follow_verdicts(service, file.year)?;
    demo_appraisal(service, file.year)?;
    service.finish_setup()?;
    Ok(summary)
}

/// The year-end rules at work in the demo, for the programme year: a probationer in 辦稅服務廳, and in 稅政科 an official with 190 sick days of
/// the year's 250 working days, one with a 警告 and one under an open 立案審查.
fn demo_standing(service: &mut Service, year: i32) -> Result<()> {
    use crate::domain::standing::{Investigation, Leave, LeaveKind, Sanction, SanctionKind, Standing};
    use crate::service::command::StandingCommand;
    let today = service.today();
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(today);
    let (service_hall, tax_policy) = {
        let db = service.read();
        let units = db.units()?;
        let of = |name: &str| units.iter().find(|u| u.name == name).map(|u| u.id);
        let officials = db.officials()?;
        let members = |unit| officials.iter().filter(|o| Some(o.unit) == unit).map(|o| o.id).collect::<Vec<_>>();
        (members(of("辦稅服務廳")), members(of("稅政科")))
    };
    let (Some(newcomer), [_, sick, warned, investigated, ..]) = (service_hall.last().copied(), tax_policy.as_slice()) else {
        return Err(ServiceError::Invalid(vec![]));
    };
    let probation = Standing { probation_ends: day(12, 31).checked_add_days(chrono::Days::new(200)), ..Default::default() };
    let leave = Standing { leave: vec![Leave { year, kind: LeaveKind::Sick, days: 190 }], ..Default::default() };
    let warning = Standing {
        sanctions: vec![Sanction {
            kind: SanctionKind::Warning, doc_no: format!("示稅紀〔{year}〕3號"), effective: day(3, 5), ends: None
        }],
        ..Default::default()
    };
    let opened = today.checked_sub_days(chrono::Days::new(30)).unwrap_or(today).min(day(12, 1));
    let case = Standing { investigations: vec![Investigation { opened, closed: None, outcome: None }], ..Default::default() };
    let _ = service.execute(StandingCommand::SetWorkingDays { year, days: Some(250) })?;
    for (official, standing) in [(newcomer, probation), (*sick, leave), (*warned, warning), (*investigated, case)] {
        let _ = service.execute(StandingCommand::SetStanding { official, standing: Box::new(standing) })?;
    }
    Ok(())
}

/// The demo's year-end records made to follow the rules once the standing is in: a grade
/// (proposed or the committee's) that the person's verdict forbids drops to the highest it
/// allows, or to 不定等次 with the rule's reason written as the 未確定等次說明.
fn demo_follow_verdicts(service: &mut Service, year: i32) -> Result<()> {
    use crate::domain::yearend::Grade;
    let verdicts = service.verdicts(year)?;
    let actor = service.actor().to_owned();
    service.store_mut().write(|db| {
        for mut record in db.yearends(year)? {
            let Some(verdict) = verdicts.get(&record.official) else { continue };
            let Some(finding) = verdict.heaviest() else { continue };
            let fit = |grade: Option<Grade>| {
                grade.map(|g| if verdict.allows(g) { g } else { finding.effect.ceiling().unwrap_or(Grade::Undetermined) })
            };
            let (proposed, grade) = (fit(record.data.proposed), fit(record.data.grade));
            if (proposed, grade) == (record.data.proposed, record.data.grade) {
                continue;
            }
            if [proposed, grade].contains(&Some(Grade::Undetermined)) {
                record.data.undetermined = crate::i18n::findings(crate::domain::Lang::Tc, &verdict.findings);
            }
            (record.data.proposed, record.data.grade) = (proposed, grade);
            db.save_yearend(&record)?;
        }
        db.audit(&actor, "bureau.demo_verdicts", "yearend_record", None, None, None)?;
        Ok(())
    })
}

/// The demo's post standards for the programme year: most posts' complete, with the tier's
/// levels raised where the post leans on a capability and two 應知應會 items; every twelfth post
/// still half-done (a few capabilities without a level) and every twelfth another not begun.
fn demo_standards(db: &crate::store::Db<'_>, year: i32) -> Result<()> {
    use crate::domain::standards::{ItemKind, StandardData, StandardItem};
    let scale = db.scale()?;
    let mut rng = Rng::new(2012 ^ 0x57A4);
    for (index, post) in db.posts()?.iter().enumerate() {
        if index % 12 == 11 {
            continue;
        }
        let mut data = StandardData::draft(post.tier, &scale);
        for level in data.levels.values_mut() {
            if rng.chance(25) {
                *level = (*level + 1).min(5);
            }
        }
        if index % 12 == 5 {
            data.levels.retain(|(_, capability), _| *capability <= 5);
        }
        let level = scale.default_level(post.tier);
        data.items = vec![
            StandardItem { kind: ItemKind::Knowledge, text: format!("{}相關稅收法律法規和政策", post.title), level },
            StandardItem { kind: ItemKind::Skill, text: "熟練使用征管信息系統辦理本崗業務".into(), level },
        ];
        db.save_standard(post.id, year, &data)?;
    }
    Ok(())
}

/// The demo's 民主測評 and 公示: the next year's 元旦 and 春節 in the bureau's calendar (with the
/// weekend days worked instead); paper tallies from the three voter classes for every leader
/// (鄉科級 and above); a handful of unused ballot codes; and the 公示 of the two leaders with the
/// largest 優秀 share, published today and running the five working days, with one objection
/// answered.
fn demo_appraisal(service: &mut Service, year: i32) -> Result<()> {
    use crate::domain::ballots::Tally;
    use crate::domain::workdays::{Calendar, DayKind, Objection, Publicity};
    let today = service.today();
    let actor = service.actor().to_owned();
    service.store_mut().write(|db| {
        let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
        let next = year + 1;
        let mut calendar = Calendar::default();
        for (m, d) in [(1, 1), (1, 2), (1, 3), (2, 11), (2, 12), (2, 13), (2, 14), (2, 15)] {
            calendar.days.insert(day(next, m, d), (DayKind::Holiday, if m == 1 { "元旦" } else { "春節" }.to_owned()));
        }
        for (m, d) in [(1, 5), (1, 6), (2, 16), (2, 17)] {
            calendar.days.insert(day(next, m, d), (DayKind::Workday, "調休".to_owned()));
        }
        db.set_calendar(next, &calendar)?;
        let leaders: Vec<crate::domain::OfficialId> = db
            .officials()?
            .into_iter()
            .filter(|o| o.status == OfficialStatus::Active && o.duty_level.is_some())
            .map(|o| o.id)
            .collect();
        let classes: [(&str, u32); 3] = [("領導班子成員", 5), ("中層幹部", 12), ("一般幹部", 30)];
        let mut shares = Vec::new();
        for (i, official) in leaders.iter().enumerate() {
            let mut excellent_total = 0;
            for (c, (class, voters)) in classes.iter().enumerate() {
                let tenths = 3 + ((i * 7 + c * 3) % 6) as u32;
                let excellent = (voters * tenths / 10).min(*voters);
                let basic = u32::from((i + c) % 4 == 0).min(voters - excellent);
                let competent = voters - excellent - basic;
                db.set_paper_tally(year, *official, class, Some(&Tally([excellent, competent, basic, 0])))?;
                excellent_total += excellent;
            }
            shares.push((excellent_total, *official));
        }
        let key = db.ballot_key()?;
        let hashes: Vec<String> = (0..5)
            .filter_map(|_| crate::domain::package::normalise_code(&super::packages::new_code().0))
            .map(|letters| crate::domain::ballots::code_hash(&key, &letters))
            .collect();
        db.add_ballot_codes(year, "一般幹部", None, &hashes)?;
        shares.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.0.cmp(&b.1.0)));
        let end = db.calendar(today, today + chrono::Days::new(60))?.publicity_end(today);
        let notice = Publicity {
            start: Some(today),
            end: Some(end),
            text: "公示期間，如對公示對象有異議，請以書面或電話形式向人事教育科反映（電話：0000-1234567）。反映問題應實事求是，並提供聯繫方式。".into(),
            candidates: shares.iter().take(2).map(|(_, o)| *o).collect(),
            objections: vec![Objection {
                date: Some(today),
                text: "反映其下半年有兩次會議缺席".into(),
                handling: "經核實為經批准的公務外出，已向反映人說明".into(),
            }],
        };
        db.save_publicity(year, &new_uuid(), &notice)?;
        db.audit(&actor, "bureau.demo_appraisal", "publicity", Some(year.into()), None, None)?;
        Ok::<_, ServiceError>(())
    })
}

/// The demo's 能力席位書: nine in ten serving officials have one, drawn from their post's
/// standard — half confirmed, a quarter submitted, a quarter still drafts; the demo official's is
/// a draft, theirs to hand in.
fn demo_seats(db: &crate::store::Db<'_>, year: i32, official: crate::domain::OfficialId) -> Result<()> {
    use crate::domain::standards::{SeatData, SeatStatus};
    let scale = db.scale()?;
    let posts = db.posts()?;
    let standards: std::collections::HashMap<PostId, _> = db.standards(year)?.into_iter().map(|s| (s.post, s.data)).collect();
    let mut rng = Rng::new(2012 ^ 0x5EA7);
    for person in db.officials()?.into_iter().filter(|o| o.status == OfficialStatus::Active) {
        if person.id != official && rng.chance(10) {
            continue;
        }
        let post = person.post.and_then(|p| posts.iter().find(|x| x.id == p));
        let standard = person.post.and_then(|p| standards.get(&p));
        let mut seat = SeatData::draft(person.post, person.tier, post.map(|p| p.tier), standard, &scale);
        seat.motto = (*rng.pick(&["恪盡職守，精益求精", "依法治稅，服務為先", "學以致用，幹則一流"])).to_owned();
        seat.commitments = "按崗位標準補足短板，年內參加業務培訓不少於規定學時。".into();
        seat.status = match (person.id == official, rng.below(4)) {
            (true, _) => SeatStatus::Draft,
            (false, 0 | 1) => SeatStatus::Confirmed,
            (false, 2) => SeatStatus::Submitted,
            (false, _) => SeatStatus::Draft,
        };
        db.save_seat_statement(person.id, year, &seat)?;
    }
    Ok(())
}

/// What a demo official's plan item does about a gap.
const PLAN_ACTION: &str = "參加專題培訓並在崗位實踐中運用，由科室負責人跟蹤。";

/// The demo's 能力提升計劃: for every third reviewed self-check, an item per capability the
/// reviewer rated under the seat statement (at most two), in every state — some done, some under
/// way, some planned with a day still ahead and one overdue; and a unit plan for 征管科 and
/// 辦稅服務廳. The demo official has none yet.
fn demo_plans(db: &crate::store::Db<'_>, year: i32, official: crate::domain::OfficialId) -> Result<()> {
    use crate::domain::plans::{PlanItemData, PlanOwner, PlanStatus};
    use crate::domain::selfcheck::CheckStatus;
    let Some(round) = db.rounds()?.into_iter().find(|r| r.data.year == year) else { return Ok(()) };
    let seats: std::collections::HashMap<_, _> = db.seat_statements(year)?.into_iter().map(|s| (s.official, s.data.levels)).collect();
    let day = |y: i32, m: u32, d: u32| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    let statuses = [
        (PlanStatus::Done, day(year + 1, 4, 30)),
        (PlanStatus::Doing, day(year + 1, 9, 30)),
        (PlanStatus::Planned, day(year + 1, 10, 31)),
        (PlanStatus::Planned, day(year + 1, 5, 31)),
    ];
    let mut n = 0usize;
    let reviewed = db
        .officials()?
        .into_iter()
        .filter(|o| o.id != official)
        .filter_map(|o| db.self_check(round.id, o.id).ok().flatten().filter(|c| c.status == CheckStatus::Reviewed).map(|c| (o.id, c)));
    for (person, check) in reviewed.step_by(3) {
        let gaps = check.review.levels.iter().enumerate().filter(|(i, level)| {
            let wanted = seats.get(&person).and_then(|l| l.get(&(*i as u8 + 1))).copied().unwrap_or(3);
            level.is_some_and(|l| l < wanted)
        });
        for (i, _) in gaps.take(2) {
            let (status, due) = statuses[n % statuses.len()];
            n += 1;
            let data = PlanItemData {
                owner: PlanOwner::Official(person),
                year,
                capability: Some(i as u8 + 1),
                action: PLAN_ACTION.into(),
                support: "人教科安排培訓名額，業務骨幹結對幫帶。".into(),
                due: Some(due),
                training: "科級幹部業務培訓班（下期）".into(),
                status,
                review: if status == PlanStatus::Done { "已按計劃完成，能力明顯提升。".into() } else { String::new() },
            };
            db.save_plan_item(None, &new_uuid(), &data, true)?;
        }
    }
    for (name, capability, action) in [("征管科", 4, "建立征管業務每周一題制度"), ("辦稅服務廳", 6, "開展納稅服務禮儀和應急處置演練")]
    {
        let Some(unit) = db.units()?.into_iter().find(|u| u.name == name) else { continue };
        let data = PlanItemData {
            owner: PlanOwner::Unit(unit.id),
            year,
            capability: Some(capability),
            action: action.into(),
            support: "局領導班子督導，人教科提供師資。".into(),
            due: Some(day(year + 1, 9, 30)),
            training: String::new(),
            status: PlanStatus::Doing,
            review: String::new(),
        };
        db.save_plan_item(None, &new_uuid(), &data, true)?;
    }
    Ok(())
}

/// The demo's year-end assessment of the programme year, at every step of its sign-off chain:
/// most records locked with their grades (優秀 within the quota, one 基本稱職, 不定等次 for a
/// probationer), and in 征管科 and 辦稅服務廳 some still decided (waiting for the official's own
/// opinion), commented (with the committee), submitted (with the supervisor), returned and
/// drafts; the demo official's own record is still theirs to write.
fn demo_yearend(db: &crate::store::Db<'_>, year: i32, official: crate::domain::OfficialId) -> Result<()> {
    use crate::domain::ranks::Rank;
    use crate::domain::yearend::{Evaluation, Grade, Met, Opinion, Stage, YearEnd, YearEndData};
    let units = db.units()?;
    let open: Vec<UnitId> = units.iter().filter(|u| u.name == "征管科" || u.name == "辦稅服務廳").map(|u| u.id).collect();
    let signed = |by: &str, m: u32, d: u32| Opinion { text: String::new(), by: by.to_owned(), on: NaiveDate::from_ymd_opt(year + 1, m, d) };
    let own = || std::array::from_fn(|i| Evaluation { met: Some(if i == 2 { Met::Partly } else { Met::Yes }), text: String::new() });
    let mut rng = Rng::new(2012 ^ 0x4EED);
    let mut in_open = 0usize;
    for person in db.officials()?.into_iter().filter(|o| o.status == OfficialStatus::Active) {
        if person.id == official {
            continue;
        }
        let probation = person.rank == Some(Rank::Probation);
        let stage = if open.contains(&person.unit) {
            in_open += 1;
            [Stage::Submitted, Stage::Commented, Stage::Decided, Stage::Locked, Stage::Draft, Stage::Submitted][in_open % 6]
        } else {
            Stage::Locked
        };
        let grade = if probation {
            Grade::Undetermined
        } else {
            match rng.below(20) {
                0..=2 => Grade::Excellent,
                3 => Grade::Basic,
                _ => Grade::Competent,
            }
        };
        let past = |at: Stage| stage_rank(stage) >= stage_rank(at);
        let mut data = YearEndData {
            work: "本崗位業務".into(),
            summary: "一年來認真學習政治理論和稅收業務，按崗位標準完成各項工作任務，廉潔自律。".into(),
            own: own(),
            training: "參加科級幹部業務培訓班、月度集中學習。".into(),
            ..YearEndData::default()
        };
        if past(Stage::Commented) {
            data.reviewed = own();
            data.supervisor = Opinion { text: "工作認真負責，完成年度目標。".into(), ..signed("reviewer", 1, 10) };
            data.proposed = Some(grade);
        }
        if past(Stage::Decided) {
            data.committee = Opinion { text: "同意主管領導意見。".into(), ..signed("admin", 1, 20) };
            data.agrees = Some(true);
            data.grade = Some(grade);
            if probation {
                data.undetermined = "試用期人員，只寫評語，不定等次。".into();
            }
        }
        if stage == Stage::Locked {
            data.official = Opinion { text: "同意。".into(), ..signed(&person.name, 1, 25) };
        }
        if stage == Stage::Draft && in_open % 12 == 4 {
            data.reason = "自查驗收第三項未寫依據，請補充後再提交。".into();
        }
        let record = YearEnd { id: 0, uuid: new_uuid(), official: person.id, year, stage, data, version: 0 };
        db.save_yearend(&record)?;
    }
    Ok(())
}

/// How far along the sign-off chain a stage is.
fn stage_rank(stage: crate::domain::yearend::Stage) -> u8 {
    use crate::domain::yearend::Stage;
    match stage {
        Stage::Draft => 0,
        Stage::Submitted => 1,
        Stage::Commented => 2,
        Stage::Decided => 3,
        Stage::Locked => 4,
    }
}

/// The time of day written on a demo session, matching the 學時 it credits: an afternoon of up
/// to four hours from 14:30, else whole days of eight hours (08:30–12:00 and 13:30–18:00).
fn session_time(hours: f32) -> String {
    if hours <= 4.0 {
        let end = 14.5 + hours;
        format!("14:30-{:02}:{:02}", end.trunc() as u32, (end.fract() * 60.0).round() as u32)
    } else {
        format!("{}天 08:30-12:00、13:30-18:00", (hours / 8.0).ceil() as u32)
    }
}

/// The demo's training year: the study plan's seven topics; a collective study for everyone
/// each month; two training classes for the section level; the plan's law forums and lectures;
/// attendance with some absences and leave; a few officials' own study. Tallies written once
/// per person at the end.
fn demo_training(db: &crate::store::Db<'_>, year: i32) -> Result<()> {
    use crate::domain::training::{Attendance, Audience, Mark, Session, SessionData, StudyData, StudyRecord, Topic, TrainingFile};
    let file = TrainingFile::shipped();
    let people: Vec<crate::domain::roster::RosterRow> =
        db.roster_rows()?.into_iter().filter(|r| r.status == OfficialStatus::Active).collect();
    let everyone = Audience::default();
    let mut topics = Vec::new();
    for seed in &file.topics {
        let topic = Topic {
            id: 0,
            year,
            title: seed.title.clone(),
            points: seed.points.clone(),
            organiser: seed.organiser.clone(),
            lead: String::new(),
            audience: everyone.clone(),
            schedule: seed.schedule.clone(),
            kind: seed.kind.clone(),
        };
        topics.push(db.insert_topic(&new_uuid(), &topic)?);
    }
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN);
    /// A session the demo holds: its topic, type, title, day, hours and audience.
    struct Held<'a>(Option<i64>, &'a str, &'a str, NaiveDate, f32, Audience);
    let mut plan: Vec<Held<'_>> = Vec::new();
    for month in 1..=12 {
        plan.push(Held(None, "collective", "月度集中學習", day(month, 12), 2.0, everyone.clone()));
    }
    let section = Audience { units: Vec::new(), tiers: vec![RankTier::Section] };
    plan.push(Held(None, "class", "科級幹部業務培訓班（上期）", day(4, 16), 24.0, section.clone()));
    plan.push(Held(None, "class", "科級幹部業務培訓班（下期）", day(10, 22), 24.0, section));
    for (quarter, month) in [(1, 3), (2, 6), (3, 9), (4, 12)] {
        plan.push(Held(
            topics.last().copied(),
            "law_forum",
            if quarter % 2 == 1 { "法律講堂：稅收征管法" } else { "法律講堂：行政訴訟法" },
            day(month, 20),
            2.0,
            everyone.clone(),
        ));
    }
    for (index, month) in [(1, 7), (2, 8), (3, 9)] {
        plan.push(Held(topics.get(index).copied(), "lecture", file.topics[index].title.as_str(), day(month, 25), 3.0, everyone.clone()));
    }
    let units = db.units()?;
    let mut rng = Rng::new(u64::from(year.unsigned_abs()) ^ 0x7EA1);
    for Held(topic, kind, title, date, hours, audience) in plan {
        let data = SessionData {
            title: title.to_owned(),
            kind: kind.to_owned(),
            date,
            time: session_time(hours),
            place: "四樓會議室".into(),
            hours,
            organiser: "人教科".into(),
            lead: String::new(),
            audience: audience.clone(),
            capabilities: vec![1],
        };
        let id = db.save_session(None, true, &Session { id: 0, uuid: new_uuid(), topic, data, plan_items: Vec::new() })?;
        let expanded: std::collections::HashSet<UnitId> =
            audience.units.iter().flat_map(|u| crate::domain::org::subtree(&units, *u)).collect();
        let rows: Vec<Attendance> = people
            .iter()
            .filter(|p| audience.includes(&expanded, p.unit, p.tier))
            .map(|p| {
                let mark = match rng.below(20) {
                    0 => Mark::Absent,
                    1 | 2 => Mark::Leave,
                    3 => Mark::Late,
                    _ => Mark::Present,
                };
                Attendance { official: p.id, mark, hours: if mark.credits() { hours } else { 0.0 }, walk_in: false }
            })
            .collect();
        db.add_attendance_untallied(id, &rows)?;
    }
    for person in people.iter().step_by(9) {
        let data = StudyData {
            title: "網上稅校：納稅服務規範".into(),
            kind: "online".into(),
            start: day(5, 2),
            end: day(5, 30),
            hours: 12.0,
            organiser: "網上稅校".into(),
            place: String::new(),
            mode: "網上".into(),
            result: "合格".into(),
            certificate: format!("WS-{year}-{:04}", person.id.0),
        };
        db.save_study_record(&StudyRecord { id: 0, uuid: new_uuid(), official: person.id, data }, true)?;
    }
    for person in &people {
        db.retally(person.id, year)?;
    }
    Ok(())
}

/// The demo's accounts (user name, password, role), documented in README.md so a new user
/// can try each role: the personnel section, the 征管科 head reviewing 征管科, and an
/// official of 征管科 whose self-check is still to be done.
pub const DEMO_ACCOUNTS: [(&str, &str, crate::domain::access::Role); 3] = [
    ("admin", "demo-admin", crate::domain::access::Role::Admin),
    ("reviewer", "demo-reviewer", crate::domain::access::Role::Reviewer),
    ("official", "demo-official", crate::domain::access::Role::Official),
];

/// The demo's 平時考核: the year's four quarters; the first three rated with mixed results (the
/// first two acknowledged), 好 held to each unit's quota but for 辦稅服務廳 in the third quarter,
/// which goes over it; the demo official still unrated in the third (their summary to write);
/// 監察室, 人教科 and 法規科 merged into one quota group; and one 專項考核 event, flood duty.
fn demo_routine(db: &crate::store::Db<'_>, year: i32) -> Result<()> {
    use crate::domain::routine::{
        Attendance, Cadence, Period, QuotaGroup, QuotaSettings, Rating, RoutineData, RoutineRecord, SpecialEvent, SpecialResult, Stage,
        good_allowed,
    };
    let units = db.units()?;
    let unit_named = |name: &str| units.iter().find(|u| u.name == name).map(|u| u.id);
    let group: Vec<UnitId> = ["監察室", "人教科", "法規科"].iter().filter_map(|n| unit_named(n)).collect();
    let settings =
        QuotaSettings { groups: vec![QuotaGroup { name: "機關綜合組".into(), units: group.clone() }], ..QuotaSettings::default() };
    db.set_routine_quota(&settings)?;
    let over_unit = unit_named("辦稅服務廳");
    let skipped = db.users()?.into_iter().find(|u| u.data.username == "official").and_then(|u| u.data.official);
    let people: Vec<crate::domain::official::Official> =
        db.officials()?.into_iter().filter(|o| o.status == OfficialStatus::Active).collect();
    // Quota pools: the group, else the unit itself.
    let pool_of = |unit: UnitId| if group.contains(&unit) { UnitId(0) } else { unit };
    let mut rng = Rng::new(2012 ^ 0x9A71);
    let summaries = [
        "本季度按時完成崗位工作，認真學習稅收政策。",
        "本季度參加業務培訓，辦理涉稅事項無差錯。",
        "本季度完成征管任務，服務態度有待提高。",
    ];
    for number in 1..=4u8 {
        let period = Period { year, cadence: Cadence::Quarterly, number };
        let id = db.save_routine_period(&period, period.default_deadline())?;
        if number == 4 {
            continue;
        }
        let mut drawn: Vec<(&crate::domain::official::Official, Rating)> = people
            .iter()
            .filter(|o| !(number == 3 && Some(o.id) == skipped))
            .map(|o| {
                let rating = match rng.below(20) {
                    0..=5 => Rating::Good,
                    6..=14 => Rating::FairlyGood,
                    15..=18 => Rating::Average,
                    _ => Rating::Poor,
                };
                (o, rating)
            })
            .collect();
        // Hold 好 to each pool's quota, but push 辦稅服務廳 two over it in the third quarter.
        let mut pools: std::collections::HashMap<UnitId, Vec<usize>> = std::collections::HashMap::new();
        for (i, (o, _)) in drawn.iter().enumerate() {
            pools.entry(pool_of(o.unit)).or_default().push(i);
        }
        for (pool, members) in &pools {
            let allowed = good_allowed(members.len(), &settings);
            let want = if number == 3 && Some(*pool) == over_unit { (allowed + 2).min(members.len()) } else { allowed };
            let mut good = members.iter().filter(|i| drawn[**i].1 == Rating::Good).count();
            for i in members {
                if good > want && drawn[*i].1 == Rating::Good {
                    drawn[*i].1 = Rating::FairlyGood;
                    good -= 1;
                } else if good < want && drawn[*i].1 != Rating::Good && number == 3 && Some(*pool) == over_unit {
                    drawn[*i].1 = Rating::Good;
                    good += 1;
                }
            }
        }
        let (first, last) = period.days();
        let workdays = u16::try_from(((last - first).num_days() + 1) * 5 / 7).unwrap_or(60);
        for (official, result) in drawn {
            let leave = if rng.chance(20) { 2 } else { 0 };
            let sick = if rng.chance(10) { 3 } else { 0 };
            let criterion = |rng: &mut Rng| if rng.chance(70) { result } else { Rating::FairlyGood };
            let data = RoutineData {
                summary: (*rng.pick(&summaries)).to_owned(),
                criteria: [criterion(&mut rng), Rating::Good, criterion(&mut rng), Rating::Good, result].map(Some),
                result: Some(result),
                comment: match result {
                    Rating::Good => "工作積極主動，成效明顯。",
                    Rating::FairlyGood => "能夠較好完成本職工作。",
                    Rating::Average => "完成基本工作，主動性有待加強。",
                    Rating::Poor => "工作多次延誤，須限期改進。",
                }
                .to_owned(),
                attendance: Attendance { present: workdays - leave - sick, personal: leave, sick, absent: 0 },
                rated_by: "reviewer".into(),
                rated_on: Some(period.default_deadline() - chrono::Duration::days(5)),
                acknowledged_on: (number < 3).then(|| period.default_deadline()),
                reason: String::new(),
            };
            let stage = if number < 3 { Stage::Acknowledged } else { Stage::Rated };
            db.save_routine_record(&RoutineRecord { id: 0, uuid: new_uuid(), period: id, official: official.id, stage, data })?;
        }
    }
    let flood: Vec<SpecialResult> = people
        .iter()
        .filter(|o| Some(o.unit) == unit_named("城郊稅務分局") || Some(o.unit) == unit_named("征管科"))
        .take(6)
        .enumerate()
        .map(|(i, o)| SpecialResult {
            official: o.id,
            result: Some(if i < 2 { Rating::Good } else { Rating::FairlyGood }),
            note: if i < 2 { "連續值守，轉移群眾及時".into() } else { "按時到崗值守".into() },
        })
        .collect();
    let event = SpecialEvent {
        id: 0,
        uuid: new_uuid(),
        date: NaiveDate::from_ymd_opt(year, 7, 22).unwrap_or(NaiveDate::MIN),
        task: "七月防汛值守".into(),
        evidence: "縣防汛指揮部通報（2012年第5期）".into(),
        results: flood,
    };
    db.save_special_event(&event)?;
    Ok(())
}

/// The demo's accounts; returns the demo official (whose self-check is still to be done).
fn demo_accounts(service: &mut Service) -> Result<crate::domain::OfficialId> {
    use crate::domain::access::{Role, UserData};
    let db = service.read();
    let unit = db.units()?.into_iter().find(|u| u.name == "征管科").ok_or(ServiceError::Invalid(vec![]))?;
    let posts = db.posts()?;
    let members: Vec<crate::domain::official::Official> = db.officials()?.into_iter().filter(|o| o.unit == unit.id).collect();
    let head = members.iter().find(|o| o.post.and_then(|p| posts.iter().find(|x| x.id == p)).is_some_and(|p| p.title == "征管科科長"));
    let official = members.iter().find(|o| Some(o.id) != head.map(|h| h.id)).ok_or(ServiceError::Invalid(vec![]))?;
    for (username, password, role) in DEMO_ACCOUNTS {
        let data = UserData {
            username: username.into(),
            role: Some(role),
            official: match role {
                Role::Admin => None,
                Role::Reviewer => head.map(|h| h.id),
                Role::Official => Some(official.id),
            },
            units: if role == Role::Reviewer { vec![unit.id] } else { Vec::new() },
        };
        service.create_user(data, password, true)?;
    }
    Ok(official.id)
}

/// A level moved by chance: mostly down a step or two (the gaps a self-check finds), sometimes up.
fn nudge(rng: &mut Rng, level: u8) -> u8 {
    match rng.below(6) {
        0 => level.saturating_sub(2).max(1),
        1 | 2 => level.saturating_sub(1).max(1),
        3 => (level + 1).min(5),
        _ => level,
    }
}

/// A year's self-check round over the whole bureau, with a self-check for most serving
/// officials `who` admits: levels around their seat statement's, some reviewed with the
/// supervisor's levels, some submitted, some still drafts.
fn self_check_round(
    db: &crate::store::Db<'_>,
    year: i32,
    seed: u64,
    deadline: NaiveDate,
    who: impl Fn(crate::domain::OfficialId) -> bool,
) -> Result<i64> {
    use crate::domain::selfcheck::{CheckStatus, Review, RoundData, SelfCheck, SelfCheckData};
    let data = RoundData { name: format!("{year} 年度能力自查"), year, deadline, units: Vec::new(), closed: false };
    let round = db.save_round(None, &new_uuid(), &data)?;
    let seats: std::collections::HashMap<_, _> = db.seat_statements(year)?.into_iter().map(|s| (s.official, s.data.levels)).collect();
    let mut rng = Rng::new(seed ^ 0x5E1F);
    for official in db.officials()?.into_iter().filter(|o| o.status == OfficialStatus::Active && who(o.id)) {
        if rng.chance(15) {
            continue;
        }
        let base = |c: u8| seats.get(&official.id).and_then(|l| l.get(&c)).copied().unwrap_or(3);
        let levels: crate::domain::selfcheck::Levels = std::array::from_fn(|i| Some(nudge(&mut rng, base(i as u8 + 1))));
        let status = match rng.below(10) {
            0..=4 => CheckStatus::Reviewed,
            5..=7 => CheckStatus::Submitted,
            _ => CheckStatus::Draft,
        };
        let review = if status == CheckStatus::Reviewed {
            Review {
                levels: levels.map(|l| l.map(|l| nudge(&mut rng, l))), comment: "自查客觀，同意。".into(), by: "reviewer".into()
            }
        } else {
            Review::default()
        };
        let check = SelfCheck {
            id: 0,
            uuid: new_uuid(),
            round,
            official: official.id,
            status,
            data: SelfCheckData {
                levels, shortfalls: "業務知識更新不夠及時。".into(), reflection: String::new(), ..Default::default()
            },
            review,
            return_reason: String::new(),
            version: 0,
        };
        db.save_self_check(&check.uuid, &check)?;
    }
    Ok(round)
}

/// The demo's programme as of [`demo_today`]: 人教科 answers for every milestone; the
/// mobilisation phase is done; in the roll-out the standards were done by their day, the
/// self-check is under way before its day and the training past its own (overdue); the
/// assessment phase not begun. The 領導小組 is made of the bureau's
/// leaders with its office in 人教科.
fn demo_programme(service: &mut Service, year: i32) -> Result<()> {
    service.store_mut().write(|db| {
        let units = db.units()?;
        let office = units.iter().find(|u| u.name == "人教科").map(|u| u.id);
        let Some(programme) = db.programme(year)? else { return Ok(()) };
        for phase in &programme.phases {
            for (index, milestone) in phase.milestones.iter().enumerate() {
                use crate::domain::programme::MilestoneStatus;
                let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year + 1, m, d).unwrap_or(milestone.data.due);
                let (status, due, done_on) = match (phase.position, index) {
                    (1, _) => (MilestoneStatus::Done, milestone.data.due, Some(milestone.data.due)),
                    (2, 0) => (MilestoneStatus::Done, day(1, 31), Some(day(1, 25))),
                    (2, 1) => (MilestoneStatus::InProgress, day(6, 30), None),
                    (2, _) => (MilestoneStatus::InProgress, day(5, 31), None),
                    _ => (MilestoneStatus::NotStarted, milestone.data.due, None),
                };
                let data = crate::domain::programme::MilestoneData {
                    unit: office,
                    lead: "局長".into(),
                    status,
                    due,
                    done_on,
                    ..milestone.data.clone()
                };
                db.update_milestone(milestone.id, &data)?;
            }
        }
        let officials = db.officials()?;
        let posts = db.posts()?;
        let posts = &posts;
        let holder = |title: &'static str| {
            officials.iter().filter(move |o| o.post.and_then(|p| posts.iter().find(|x| x.id == p)).is_some_and(|p| p.title == title))
        };
        use crate::domain::programme::{Member, Role};
        let mut members: Vec<Member> = Vec::new();
        members.extend(holder("局長").map(|o| Member { name: o.name.clone(), role: Role::Leader, duty: "全面負責".into() }));
        members.extend(holder("副局長").map(|o| Member { name: o.name.clone(), role: Role::Deputy, duty: "分管業務".into() }));
        members.extend(holder("人教科科長").map(|o| Member {
            name: o.name.clone(),
            role: Role::OfficeDirector,
            duty: "辦公室日常工作".into(),
        }));
        for title in ["辦公室主任", "監察室主任", "法規科科長", "稅政科科長", "征管科科長", "辦稅服務廳主任"]
        {
            members.extend(holder(title).map(|o| Member { name: o.name.clone(), role: Role::OfficeMember, duty: title.into() }));
        }
        for member in &members {
            db.insert_member(programme.id, member)?;
        }
        Ok(())
    })
}

/// Teams under each added 稅務分局 of a synthetic bureau, and seats on each team's post:
/// large bureaus have large teams, so 30,000 officials sit in about 1,400 units.
const GEN_TEAMS: usize = 6;
const GEN_TEAM_SEATS: u16 = 25;

/// Creates a synthetic bureau of `officials` officials over `years` programme years.
/// The demo's sections are kept; extra 稅務分局 with their teams are added until the posts
/// can seat everyone. The same seed always gives the same bureau.
pub fn generate(service: &mut Service, name: &str, officials: usize, years: u32, seed: u64, fill: Fill) -> Result<Summary> {
    let file = demo_file();
    let years = years.clamp(1, 20) as i32;
    let first_year = file.year;
    service.start_bureau(name, first_year + years - 1, &Catalogue::shipped())?;
    let mut units: Vec<DemoUnit> =
        file.units.iter().filter(|u| (u.kind != "branch" && u.kind != "team") || u.parent.as_deref() == Some("稽查局")).cloned().collect();
    let branch = file.units.iter().find(|u| u.kind == "branch").cloned();
    let team = file.units.iter().find(|u| u.kind == "team" && u.parent.as_deref() != Some("稽查局")).cloned();
    let seats = |units: &[DemoUnit]| units.iter().flat_map(|u| &u.posts).map(|p| usize::from(p.headcount)).sum::<usize>();
    let mut n = 0;
    while let (Some(branch), Some(team)) = (&branch, &team) {
        if seats(&units) >= officials {
            break;
        }
        n += 1;
        let branch_name = format!("第{n}稅務分局");
        units.push(DemoUnit { name: branch_name.clone(), parent: None, ..branch.clone() });
        for t in 1..=GEN_TEAMS {
            let mut posts = team.posts.clone();
            for post in &mut posts {
                post.headcount = GEN_TEAM_SEATS;
            }
            units.push(DemoUnit {
                name: format!("{branch_name}稅源管理{t}股"), parent: Some(branch_name.clone()), posts, ..team.clone()
            });
        }
    }
    let today = NaiveDate::from_ymd_opt(first_year + years - 1, 8, 1).unwrap_or(NaiveDate::MIN);
    let summary = populate(service, &units, Some((officials, seed)), first_year, today, "bureau.generate")?;
    yearly_records(service, first_year, first_year + years - 1, seed)?;
    let last = first_year + years - 1;
    let actor = service.actor().to_owned();
    let records = service.store_mut().write(|db| {
        let rounds = match fill {
            Fill::Structure => last..=last,
            Fill::Everything => first_year..=last,
        };
        for year in rounds {
            let deadline = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MIN);
            self_check_round(db, year, seed, deadline, |_| true)?;
        }
        let records = match fill {
            Fill::Structure => Records::default(),
            Fill::Everything => history(db, first_year, last, seed)?,
        };
        db.audit(&actor, "bureau.generate_records", "bureau", None, None, Some(&records.to_json()))?;
        Ok::<_, ServiceError>(records)
    })?;
    service.finish_setup()?;
    Ok(Summary { records, ..summary })
}

/// How much a synthetic bureau holds besides its units, posts, officials, standards, 能力席位書
/// and the last year's self-check round.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill {
    /// Nothing more: for benchmarks and tests that write their own records.
    Structure,
    /// Every kind of record over every programme year (what `gen` makes): a self-check round each
    /// year, attendance with its tallies, four quarters of 平時 results, a year-end record for
    /// every serving official (the last year's at every stage of its chain, with summaries of
    /// about 600 characters) and improvement plans of officials and units.
    Everything,
}

/// The records [`Fill::Everything`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Records {
    pub attendance: usize,
    pub routine: usize,
    pub yearend: usize,
    pub plans: usize,
}

impl Records {
    fn to_json(self) -> String {
        format!("{{\"attendance\":{},\"routine\":{},\"yearend\":{},\"plans\":{}}}", self.attendance, self.routine, self.yearend, self.plans)
    }
}

/// A synthetic bureau's history over `first..=last`, in the caller's transaction: attendance,
/// 平時 results, year-end records and plans, each drawn from its own generator so that adding one
/// kind leaves the others as they were.
fn history(db: &crate::store::Db<'_>, first: i32, last: i32, seed: u64) -> Result<Records> {
    let people = db.officials()?.into_iter().filter(|o| o.status == OfficialStatus::Active).collect();
    let span = Span { db, people, first, last, seed };
    Ok(Records {
        attendance: training_years(db, first, last, seed)?,
        routine: routine_years(&span)?,
        yearend: yearend_years(&span)?,
        plans: plan_years(&span)?,
    })
}

/// What each kind of record of a synthetic bureau's history is written over: the store, the
/// serving officials, the years `first..=last` and the generator's seed.
struct Span<'a, 'c> {
    db: &'a crate::store::Db<'c>,
    people: Vec<crate::domain::official::Official>,
    first: i32,
    last: i32,
    seed: u64,
}

/// Four quarters of 平時 results a year for every serving official: past quarters rated and
/// acknowledged; in the last year the third quarter rated and the fourth at every stage (drafts,
/// submitted, rated).
fn routine_years(span: &Span<'_, '_>) -> Result<usize> {
    let Span { db, ref people, first, last, seed } = *span;
    use crate::domain::routine::{Attendance, Cadence, Period, Rating, RoutineData, RoutineRecord, Stage};
    let mut rng = Rng::new(seed ^ 0x9A71);
    let summaries = [
        "本季度按時完成崗位工作，認真學習稅收政策，辦理涉稅事項準確及時。",
        "本季度參加業務培訓，辦理涉稅事項無差錯，配合完成專項檢查。",
        "本季度完成征管任務，服務態度有待提高，下季度加強業務學習。",
        "本季度落實減稅降費政策，走訪納稅人，解答諮詢，未出現投訴。",
    ];
    let mut written = 0;
    for year in first..=last {
        for number in 1..=4u8 {
            let period = Period { year, cadence: Cadence::Quarterly, number };
            let id = db.save_routine_period(&period, period.default_deadline())?;
            let (start, end) = period.days();
            let workdays = u16::try_from(((end - start).num_days() + 1) * 5 / 7).unwrap_or(60);
            for official in people {
                let result = match rng.below(20) {
                    0..=5 => Rating::Good,
                    6..=14 => Rating::FairlyGood,
                    15..=18 => Rating::Average,
                    _ => Rating::Poor,
                };
                let stage = match (year == last, number) {
                    (false, _) | (true, 1 | 2) => Stage::Acknowledged,
                    (true, 3) => Stage::Rated,
                    (true, _) => *rng.pick(&[Stage::Draft, Stage::Submitted, Stage::Submitted, Stage::Rated]),
                };
                let rated = matches!(stage, Stage::Rated | Stage::Acknowledged);
                let leave = if rng.chance(20) { 2 } else { 0 };
                let sick = if rng.chance(10) { 3 } else { 0 };
                let data = RoutineData {
                    summary: (*rng.pick(&summaries)).to_owned(),
                    criteria: if rated {
                        std::array::from_fn(|_| Some(if rng.chance(70) { result } else { Rating::FairlyGood }))
                    } else {
                        [None; 5]
                    },
                    result: rated.then_some(result),
                    comment: if rated { "完成崗位工作。".to_owned() } else { String::new() },
                    attendance: Attendance { present: workdays - leave - sick, personal: leave, sick, absent: 0 },
                    rated_by: if rated { "reviewer".to_owned() } else { String::new() },
                    rated_on: rated.then(|| period.default_deadline() - chrono::Duration::days(5)),
                    acknowledged_on: (stage == Stage::Acknowledged).then(|| period.default_deadline()),
                    reason: String::new(),
                };
                db.save_routine_record(&RoutineRecord { id: 0, uuid: new_uuid(), period: id, official: official.id, stage, data })?;
                written += 1;
            }
        }
    }
    Ok(written)
}

/// The phrases a synthetic 個人總結 is drawn from, one list for each of 德、能、勤、績、廉.
const SUMMARY_PARTS: [&[&str]; 5] = [
    &[
        "德：堅持以習近平新時代中國特色社會主義思想為指導，認真學習黨的路線方針政策，政治立場堅定，",
        "德：積極參加黨支部組織生活和集中學習，牢固樹立四個意識，始終在思想上政治上行動上同黨中央保持一致，",
        "德：自覺加強黨性修養，遵守政治紀律和政治規矩，愛崗敬業，團結同事，樂於助人，",
    ],
    &[
        "能：熟悉稅收征管業務和相關法律法規，能夠獨立辦理各類涉稅事項，參加業務培訓並通過考試，學以致用，",
        "能：認真鑽研增值稅、所得稅政策，及時掌握減稅降費新規定，為納稅人提供準確的政策解答，業務能力有較大提升，",
        "能：熟練使用金稅系統，協助完成數據清理和風險應對工作，撰寫調研報告，分析問題和解決問題的能力不斷提高，",
    ],
    &[
        "勤：嚴格遵守考勤制度，按時到崗，全年無遲到早退，服從工作安排，加班加點完成急難險重任務，",
        "勤：工作積極主動，責任心強，對分管工作做到日清月結，節假日堅持值班，不推諉不拖延，",
        "勤：全年出滿勤，積極參加單位組織的各項活動和志願服務，主動承擔額外工作，",
    ],
    &[
        "績：全年完成稅收收入任務，征管質量考核指標名列前茅，辦理涉稅事項數千件，無差錯無投訴，所在團隊受到上級表揚。",
        "績：圓滿完成年度各項工作任務，參與的專項檢查查補稅款入庫，撰寫的信息被上級採用，個人考核結果良好。",
        "績：牽頭完成戶籍清理和欠稅清繳工作，推動辦稅便利化措施落地，納稅人滿意度明顯提高。",
    ],
    &[
        "廉：嚴格遵守中央八項規定精神和廉潔自律各項規定，不吃請不收禮，秉公執法，依法辦稅，",
        "廉：自覺接受監督，認真落實黨風廉政建設責任制，堅持原則，清正廉潔，未發生任何違紀違法行為，",
        "廉：嚴守稅收執法紀律，保守納稅人秘密，樹立了稅務幹部的良好形象，",
    ],
];

/// A synthetic 個人總結 of at least 600 characters: a 德、能、勤、績、廉 paragraph each, drawn
/// again until long enough.
fn summary_text(rng: &mut Rng) -> String {
    let mut text = String::new();
    while text.chars().count() < 600 {
        for parts in SUMMARY_PARTS {
            text.push_str(rng.pick::<&str>(parts));
        }
        text.push_str("今後將進一步加強學習，查找不足，努力提高履職能力。");
    }
    text
}

/// A year-end record for every serving official each year: past years locked with their grade;
/// the last year's spread over every stage of the chain (draft, submitted, commented, decided,
/// locked), each with its summary and what its stage has filled in. 優秀 goes to about one in
/// seven, under the quota.
fn yearend_years(span: &Span<'_, '_>) -> Result<usize> {
    let Span { db, ref people, first, last, seed } = *span;
    use crate::domain::yearend::{Evaluation, Grade, Met, Opinion, Stage, YearEnd, YearEndData};
    let mut rng = Rng::new(seed ^ 0xE4D0);
    let mut written = 0;
    for year in first..=last {
        let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d);
        for official in people {
            let stage = if year < last {
                Stage::Locked
            } else {
                *rng.pick(&[Stage::Draft, Stage::Submitted, Stage::Commented, Stage::Commented, Stage::Decided, Stage::Locked])
            };
            let grade = match rng.below(100) {
                0..=13 => Grade::Excellent,
                14..=96 => Grade::Competent,
                97..=98 => Grade::Basic,
                _ => Grade::Incompetent,
            };
            let met = |rng: &mut Rng| if rng.chance(85) { Met::Yes } else { Met::Partly };
            let own: [Evaluation; 4] = std::array::from_fn(|_| Evaluation { met: Some(met(&mut rng)), text: String::new() });
            let commented = stage >= Stage::Commented;
            let decided = stage >= Stage::Decided;
            let data = YearEndData {
                work: official.position_title.clone(),
                summary: summary_text(&mut rng),
                reviewed: if commented { own.clone() } else { Default::default() },
                own,
                rewards: if rng.chance(10) { "年度內被評為優秀共產黨員。".to_owned() } else { "無".to_owned() },
                training: "參加業務培訓班兩期，共48學時。".to_owned(),
                supervisor: if commented {
                    Opinion {
                        text: "該同志工作認真負責，完成年度任務。".to_owned(), by: "reviewer".to_owned(), on: day(12, 20)
                    }
                } else {
                    Opinion::default()
                },
                proposed: commented.then_some(grade),
                committee: if decided {
                    Opinion { text: "同意主管領導意見。".to_owned(), by: "考核委員會".to_owned(), on: day(12, 28) }
                } else {
                    Opinion::default()
                },
                agrees: decided.then_some(true),
                grade: decided.then_some(grade),
                official: if stage == Stage::Locked {
                    Opinion { text: "同意。".to_owned(), by: official.name.clone(), on: day(12, 30) }
                } else {
                    Opinion::default()
                },
                ..YearEndData::default()
            };
            db.save_yearend(&YearEnd { id: 0, uuid: new_uuid(), official: official.id, year, stage, data, version: 0 })?;
            written += 1;
        }
    }
    Ok(written)
}

/// Improvement plans each year: one to three items for about a third of the serving officials,
/// each on a capability, and two items for each unit directly under the bureau. Past years' items
/// are done or dropped with their review note; the last year's planned, under way or done.
fn plan_years(span: &Span<'_, '_>) -> Result<usize> {
    let Span { db, ref people, first, last, seed } = *span;
    use crate::domain::plans::{PlanItemData, PlanOwner, PlanStatus};
    use crate::domain::standards::CAPABILITIES;
    let units = db.units()?;
    let root = units.iter().find(|u| u.parent.is_none()).map(|u| u.id);
    let top: Vec<UnitId> = units.iter().filter(|u| u.parent == root && u.parent.is_some()).map(|u| u.id).collect();
    let actions = [
        ("參加稅收業務培訓班，系統學習新政策", "人教科安排培訓名額", "業務培訓班"),
        ("跟班學習風險應對，每月完成一戶案頭分析", "由業務骨幹結對幫帶", "崗位練兵"),
        ("自學稅收法律法規，完成網上稅校課程", "提供學習資料", "網上稅校"),
        ("參與專項檢查，提高實際操作能力", "稽查局安排實踐崗位", ""),
    ];
    let mut rng = Rng::new(seed ^ 0x91A2);
    let mut written = 0;
    for year in first..=last {
        let item = |rng: &mut Rng, owner: PlanOwner| {
            let (action, support, training) = *rng.pick(&actions);
            let status = if year < last {
                if rng.chance(90) { PlanStatus::Done } else { PlanStatus::Dropped }
            } else {
                *rng.pick(&[PlanStatus::Planned, PlanStatus::Doing, PlanStatus::Doing, PlanStatus::Done])
            };
            let data = PlanItemData {
                action: action.to_owned(),
                support: support.to_owned(),
                due: NaiveDate::from_ymd_opt(year, 6 + rng.below(7) as u32, 28),
                training: training.to_owned(),
                status,
                review: match status {
                    PlanStatus::Done => "已按計劃完成，能力有提升。".to_owned(),
                    PlanStatus::Dropped => "崗位調整，計劃取消。".to_owned(),
                    PlanStatus::Planned | PlanStatus::Doing => String::new(),
                },
                ..PlanItemData::new(owner, year, Some(1 + rng.below(usize::from(*CAPABILITIES.end())) as u8))
            };
            db.save_plan_item(None, &new_uuid(), &data, true)
        };
        for official in people {
            if !rng.chance(33) {
                continue;
            }
            for _ in 0..1 + rng.below(3) {
                item(&mut rng, PlanOwner::Official(official.id))?;
                written += 1;
            }
        }
        for unit in &top {
            for _ in 0..2 {
                item(&mut rng, PlanOwner::Unit(*unit))?;
                written += 1;
            }
        }
    }
    Ok(written)
}

/// A synthetic bureau's records for each programme year: the programme, every post's standard
/// (levels around the tier's default) and a 能力席位書 for nine in ten serving officials.
fn yearly_records(service: &mut Service, first: i32, last: i32, seed: u64) -> Result<()> {
    use crate::domain::standards::{CAPABILITIES, SeatData, StandardData};
    service.store_mut().write(|db| {
        let catalogue = db.catalogue()?;
        let scale = db.scale()?;
        let posts = db.posts()?;
        let officials = db.officials()?;
        let mut rng = Rng::new(seed ^ 0x5EA7);
        for year in first..=last {
            if db.programme(year)?.is_none() {
                db.create_programme(year, &catalogue)?;
            }
            let mut standards = std::collections::HashMap::new();
            for post in &posts {
                let mut data = StandardData::draft(post.tier, &scale);
                for level in data.levels.values_mut() {
                    if rng.chance(20) {
                        *level = (*level + 1).min(5);
                    }
                }
                db.save_standard(post.id, year, &data)?;
                standards.insert(post.id, (post.tier, data));
            }
            for official in officials.iter().filter(|o| o.status == OfficialStatus::Active) {
                if rng.chance(10) {
                    continue;
                }
                let standard = official.post.and_then(|p| standards.get(&p));
                let mut seat = SeatData::draft(official.post, official.tier, standard.map(|s| s.0), standard.map(|s| &s.1), &scale);
                seat.motto = "恪盡職守，精益求精".into();
                debug_assert!(seat.levels.keys().all(|c| CAPABILITIES.contains(c)));
                db.save_seat_statement(official.id, year, &seat)?;
            }
        }
        Ok(())
    })
}

/// Inserts `units` with their posts and seats officials on them: every seat when `target`
/// is `None` (the demo leaves about one in ten vacant), else exactly `target.0` officials.
fn populate(
    service: &mut Service,
    units: &[DemoUnit],
    target: Option<(usize, u64)>,
    year: i32,
    today: NaiveDate,
    action: &'static str,
) -> Result<Summary> {
    let actor = service.actor().to_owned();
    let seed = target.map_or(2012, |t| t.1);
    service.store_mut().write(|db| {
        let root = db.units()?.into_iter().find(|u| u.parent.is_none()).ok_or(ServiceError::Invalid(vec![]))?;
        let mut unit_ids: Vec<(String, Unit)> = Vec::new();
        let mut seats: Vec<(Unit, Post)> = Vec::new();
        for (position, demo_unit) in units.iter().enumerate() {
            let kind = UnitKind::from_code(&demo_unit.kind)
                .ok_or_else(|| super::ServiceError::Invalid(vec![bad(Field::UnitKind, &demo_unit.kind)]))?;
            let parent = match &demo_unit.parent {
                None => root.id,
                Some(name) => unit_ids
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, u)| u.id)
                    .ok_or_else(|| ServiceError::Invalid(vec![bad(Field::Parent, name)]))?,
            };
            let id = db.insert_unit(None, &new_uuid(), Some(parent), &demo_unit.name, kind, position as i64 + 1)?;
            let unit = db.unit(id)?.ok_or(ServiceError::Invalid(vec![]))?;
            for demo_post in &demo_unit.posts {
                let draft = PostDraft {
                    unit: Some(id),
                    title: demo_post.title.clone(),
                    tier: RankTier::from_code(&demo_post.tier),
                    duties: demo_post.duties.clone(),
                    standard: demo_post.standard.clone(),
                    authority: demo_post.authority.clone(),
                    time_limits: demo_post.time_limits.clone(),
                    responsibility: demo_post.responsibility.clone(),
                    headcount: demo_post.headcount.to_string(),
                };
                let valid = draft.validate(Some(&unit))?;
                let post_id = db.insert_post(None, &new_uuid(), &valid, false)?;
                let post = db.post(post_id)?.ok_or(ServiceError::Invalid(vec![]))?;
                for _ in 0..demo_post.headcount {
                    seats.push((unit.clone(), post.clone()));
                }
            }
            unit_ids.push((demo_unit.name.clone(), unit));
        }
        let mut rng = Rng::new(seed);
        let chosen: Vec<usize> = match target {
            None => (0..seats.len()).filter(|&i| seats[i].1.tier != RankTier::General || !rng.chance(10)).collect(),
            Some((n, _)) => (0..n).map(|i| i % seats.len().max(1)).collect(),
        };
        let mapping = db.tier_mapping()?;
        let mut created = 0;
        for (number, &seat) in chosen.iter().enumerate() {
            let Some((unit, post)) = seats.get(seat) else { break };
            let draft = official_draft(&mut rng, number + 1, unit.id, post, year, today);
            let ctx = OfficialContext {
                today,
                unit: Some(unit),
                post: Some(post),
                staff_no_holder: None,
                id_number_holder: None,
                previous_post: None,
                mapping: &mapping,
            };
            let valid = draft.validate(&ctx)?;
            db.insert_official(None, &new_uuid(), &valid)?;
            created += 1;
        }
        let summary = Summary {
            records: Records::default(),
            units: units.len() + 1,
            posts: seats.iter().map(|s| s.1.id).collect::<std::collections::HashSet<PostId>>().len(),
            officials: created,
        };
        db.audit(
            &actor,
            action,
            "bureau",
            Some(root.id.0),
            None,
            Some(&format!("{{\"units\":{},\"posts\":{},\"officials\":{}}}", summary.units, summary.posts, summary.officials)),
        )?;
        Ok(summary)
    })
}

fn bad(field: Field, value: &str) -> crate::domain::FieldProblem {
    crate::domain::FieldProblem::new(field, Problem::Unknown { value: value.to_owned() })
}

const POLITICAL: &[(&str, u32)] = &[("中共黨員", 72), ("群眾", 18), ("中共預備黨員", 4), ("共青團員", 4), ("民盟盟員", 2)];
const EDUCATION: &[(&str, u32)] = &[("大學本科", 58), ("大專", 24), ("研究生", 12), ("中專", 6)];

fn weighted<'a>(rng: &mut Rng, table: &[(&'a str, u32)]) -> &'a str {
    let total: u32 = table.iter().map(|t| t.1).sum();
    let mut roll = rng.below(total as usize) as u32;
    for (value, weight) in table {
        if roll < *weight {
            return value;
        }
        roll -= weight;
    }
    table[0].0
}

fn official_draft(rng: &mut Rng, number: usize, unit: UnitId, post: &Post, year: i32, today: NaiveDate) -> OfficialDraft {
    let female = rng.chance(42);
    let (min_age, span) = match post.tier {
        RankTier::General => (23, 30),
        RankTier::Section => (32, 22),
        RankTier::Division => (42, 15),
    };
    let birth_year = year - min_age - rng.below(span) as i32;
    let position_title = match post.tier {
        RankTier::Division => post.title.clone(),
        RankTier::Section => post.title.clone(),
        RankTier::General => (*rng.pick(&["科員", "科員", "副主任科員", "主任科員", "辦事員"])).to_owned(),
    };
    let since_year = (birth_year + 22 + rng.below(12) as i32).min(year);
    let post_since = NaiveDate::from_ymd_opt(since_year, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32).filter(|d| *d <= today);
    OfficialDraft {
        staff_no: format!("GS{number:05}"),
        name: person_name(rng, female),
        gender: Some(if female { Gender::Female } else { Gender::Male }),
        birth: {
            // Drawn to keep the generator's sequence; the record's month comes with its ID number.
            rng.below(12);
            cadre_record(number, post, birth_year, since_year, year).birth
        },
        political: if post.tier == RankTier::General { weighted(rng, POLITICAL) } else { "中共黨員" }.to_owned(),
        education: if post.tier == RankTier::General { weighted(rng, EDUCATION) } else { weighted(rng, &EDUCATION[..3]) }.to_owned(),
        position_title,
        unit: Some(unit),
        post: Some(post.id),
        post_since: post_since.map(format_date).unwrap_or_default(),
        status: Some(OfficialStatus::Active),
        ..cadre_record(number, post, birth_year, since_year, year)
    }
}

/// The 職務, 職級 and identity fields of a demo official, from a generator of their own (so the
/// people, units and posts drawn before stay as they were): the 職級 and leadership level fit the
/// post's tier, and the 身份證號 carries the birth month with a true check digit.
fn cadre_record(number: usize, post: &Post, birth_year: i32, since_year: i32, year: i32) -> OfficialDraft {
    use crate::domain::ranks::{DutyLevel, Rank};
    let mut rng = Rng::new(0xCADE ^ number as u64);
    let leader = post.title.contains('長') || post.title.contains("主任") || post.title.contains("書記");
    let deputy = post.title.contains('副');
    let (duty_level, rank) = match post.tier {
        RankTier::Division => (
            Some(if deputy { DutyLevel::CountyDeputy } else { DutyLevel::CountyChief }),
            *rng.pick(&[Rank::Researcher2, Rank::Researcher3, Rank::Researcher4]),
        ),
        RankTier::Section => (
            leader.then_some(if deputy { DutyLevel::TownshipDeputy } else { DutyLevel::TownshipChief }),
            *rng.pick(&[Rank::Principal1, Rank::Principal2, Rank::Principal3, Rank::Principal4]),
        ),
        RankTier::General => (None, *rng.pick(&[Rank::Clerk1, Rank::Clerk1, Rank::Clerk2, Rank::Clerk2, Rank::Probation])),
    };
    let rank = if rank == Rank::Probation && since_year < year - 1 { Rank::Clerk2 } else { rank };
    let rank_since = (since_year + rng.below(4) as i32).min(year - 1);
    let places = ["湖南衡陽", "湖南長沙", "江西吉安", "湖北咸寧", "廣東韶關", "湖南郴州"];
    let place = *rng.pick(&places);
    let birth_month = 1 + rng.below(12) as u32;
    // Day and sequence number follow the person's number, so no two people share an ID number
    // (up to 168,000 officials: 6 regions × 28 days × 1,000).
    let region = ["430421", "430104", "360802", "421202", "440203", "431002"][(number / 28_000) % 6];
    let body = format!("{region}{birth_year}{birth_month:02}{:02}{:03}", 1 + (number / 1_000) % 28, number % 1_000);
    let weights = [7u32, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = body.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
    OfficialDraft {
        duty_level,
        rank: Some(rank),
        rank_since: format!("{rank_since}.{:02}", 1 + rng.below(12)),
        identity: Box::new(crate::domain::identity::Identity {
            ethnicity: (if rng.chance(92) { "漢族" } else { *rng.pick(&["土家族", "苗族", "瑤族", "回族"]) }).to_owned(),
            native_place: place.to_owned(),
            birthplace: if rng.chance(70) { place.to_owned() } else { (*rng.pick(&places)).to_owned() },
            id_number: format!("{body}{check}"),
            work_since: format!("{}.{:02}", (birth_year + 21 + rng.below(3) as i32).min(year - 1), 7 + rng.below(3)),
            health: "健康".to_owned(),
            ..Default::default()
        }),
        birth: format!("{birth_year}.{birth_month:02}"),
        ..OfficialDraft::default()
    }
}

/// A synthetic bureau's training history for `first..=last`: each year a collective study
/// each month for every unit under the bureau, four law forums, two training classes and
/// twenty online lessons for everyone, attended by about nine in ten; the tallies are written
/// from the same facts. Returns the attendance rows written. For benchmarks at scale.
pub fn training_history(service: &mut Service, first: i32, last: i32, seed: u64) -> Result<usize> {
    service.store_mut().write(|db| training_years(db, first, last, seed))
}

/// [`training_history`] in the caller's transaction.
fn training_years(db: &crate::store::Db<'_>, first: i32, last: i32, seed: u64) -> Result<usize> {
    use crate::domain::training::{Attendance, Audience, Fact, Mark, Session, SessionData, tally};
    {
        let units = db.units()?;
        let root = units.iter().find(|u| u.parent.is_none()).map(|u| u.id);
        let top: Vec<UnitId> = units.iter().filter(|u| u.parent == root && u.parent.is_some()).map(|u| u.id).collect();
        let people: Vec<crate::domain::roster::RosterRow> =
            db.roster_rows()?.into_iter().filter(|r| r.status == OfficialStatus::Active).collect();
        // Each person's top-level unit.
        let owner: std::collections::HashMap<UnitId, UnitId> =
            top.iter().flat_map(|t| crate::domain::org::subtree(&units, *t).into_iter().map(move |u| (u, *t))).collect();
        let mut rng = Rng::new(seed ^ 0x7A11);
        let mut facts: std::collections::HashMap<crate::domain::OfficialId, Vec<Fact>> = std::collections::HashMap::new();
        let mut rows = 0;
        for year in first..=last {
            let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(year, m, d).unwrap_or(NaiveDate::MIN);
            let mut plan: Vec<(String, &str, NaiveDate, f32, Option<UnitId>)> = Vec::new();
            for unit in &top {
                for month in 1..=12 {
                    plan.push(("月度集中學習".into(), "collective", day(month, 10), 2.0, Some(*unit)));
                }
            }
            for (i, month) in [3, 6, 9, 12].into_iter().enumerate() {
                plan.push((format!("法律講堂（{}）", i + 1), "law_forum", day(month, 20), 2.0, None));
            }
            plan.push(("業務培訓班（上期）".into(), "class", day(4, 16), 24.0, None));
            plan.push(("業務培訓班（下期）".into(), "class", day(10, 22), 24.0, None));
            for lesson in 0..20u32 {
                plan.push((format!("網上稅校第{}課", lesson + 1), "online", day(1 + lesson % 12, 3 + lesson / 12), 2.0, None));
            }
            for (title, kind, date, hours, unit) in plan {
                let data = SessionData {
                    title,
                    kind: kind.to_owned(),
                    date,
                    time: String::new(),
                    place: String::new(),
                    hours,
                    organiser: "人教科".into(),
                    lead: String::new(),
                    audience: Audience { units: unit.into_iter().collect(), tiers: Vec::new() },
                    capabilities: Vec::new(),
                };
                let id = db.save_session(None, true, &Session { id: 0, uuid: new_uuid(), topic: None, data, plan_items: Vec::new() })?;
                let attendance: Vec<Attendance> = people
                    .iter()
                    .filter(|p| unit.is_none_or(|u| owner.get(&p.unit) == Some(&u)))
                    .map(|p| {
                        let mark = if rng.chance(90) { Mark::Present } else { Mark::Leave };
                        Attendance { official: p.id, mark, hours: if mark.credits() { hours } else { 0.0 }, walk_in: false }
                    })
                    .collect();
                for a in attendance.iter().filter(|a| a.mark.credits()) {
                    facts.entry(a.official).or_default().push(Fact { date, kind: kind.to_owned(), hours: a.hours });
                }
                rows += attendance.len();
                db.add_attendance_untallied(id, &attendance)?;
            }
        }
        for (official, facts) in facts {
            db.insert_tallies(official, &tally(&facts))?;
        }
        Ok(rows)
    }
}
