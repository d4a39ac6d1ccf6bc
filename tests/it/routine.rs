//! 平時考核 and 專項考核 through the service, the command line and the window: the record's
//! chain as the three demo users, closing a unit's period refused while someone is unrated (by
//! name), the 好 quota of a unit and of a quota group, suggested grades that never set a grade,
//! the printed forms read back, an all-or-nothing import, and the window's flow.

use crate::support::demo;
use nengli::domain::OfficialId;
use nengli::domain::routine::{Period, Rating, RoutineData, RuleBook, Stage, Step};
use nengli::domain::yearend::Grade;
use nengli::service::command::RoutineCommand;
use nengli::service::{Command, Service, ServiceError};
use std::process::Command as Process;

fn log_in(service: &mut Service, username: &str) {
    let password = nengli::service::seed::DEMO_ACCOUNTS.iter().find(|a| a.0 == username).unwrap().1;
    service.login(username, password).unwrap();
}

fn me(service: &Service) -> OfficialId {
    service.read().users().unwrap().into_iter().find(|u| u.data.username == "official").unwrap().data.official.unwrap()
}

fn period(service: &Service, code: &str) -> i64 {
    service.read().routine_period(&Period::parse(code).unwrap()).unwrap().unwrap().id
}

fn unit(service: &Service, name: &str) -> nengli::domain::UnitId {
    nengli::service::printing::find_unit(service, name).unwrap().unwrap()
}

fn step(service: &mut Service, period: i64, official: OfficialId, step: Step, data: RoutineData) -> Result<(), ServiceError> {
    service.execute(Command::Routine(RoutineCommand::Step { period, official, step, data: Box::new(data) })).map(drop)
}

#[test]
fn the_official_writes_the_supervisor_rates_and_returns_and_the_official_acknowledges() {
    let mut service = demo();
    let me = me(&service);
    let q3 = period(&service, "2012Q3");
    let stage = |s: &Service| s.read().routine_record(q3, me).unwrap().map(|r| r.stage);
    assert_eq!(stage(&service), None, "the demo leaves the official unrated in the third quarter");
    log_in(&mut service, "official");
    let mine = RoutineData { summary: "本季度完成納稅評估 12 戶".into(), ..Default::default() };
    step(&mut service, q3, me, Step::Save, mine.clone()).unwrap();
    step(&mut service, q3, me, Step::Submit, mine.clone()).unwrap();
    assert_eq!(stage(&service), Some(Stage::Submitted));
    let rating = RoutineData {
        criteria: [Some(Rating::Good); 5],
        result: Some(Rating::Good),
        comment: "評估準確，效率高".into(),
        attendance: nengli::domain::routine::Attendance { present: 62, personal: 1, sick: 0, absent: 0 },
        ..Default::default()
    };
    assert!(matches!(step(&mut service, q3, me, Step::Rate, rating.clone()), Err(ServiceError::Forbidden)), "nobody rates themselves");
    // The reviewer returns it with a reason (required), then rates the reworked one.
    log_in(&mut service, "reviewer");
    assert!(matches!(step(&mut service, q3, me, Step::Return, RoutineData::default()), Err(ServiceError::Invalid(_))));
    step(&mut service, q3, me, Step::Return, RoutineData { reason: "請補充評估戶數的明細".into(), ..Default::default() }).unwrap();
    let record = service.read().routine_record(q3, me).unwrap().unwrap();
    assert_eq!((record.stage, record.data.reason.as_str()), (Stage::Draft, "請補充評估戶數的明細"));
    assert!(matches!(step(&mut service, q3, me, Step::Rate, rating.clone()), Err(ServiceError::Invalid(_))), "a draft is not rated");
    log_in(&mut service, "official");
    step(&mut service, q3, me, Step::Submit, RoutineData { summary: "本季度完成納稅評估 12 戶，補稅 8 萬元".into(), ..mine }).unwrap();
    log_in(&mut service, "reviewer");
    let over = RoutineData { attendance: nengli::domain::routine::Attendance { present: 93, ..Default::default() }, ..rating.clone() };
    assert!(matches!(step(&mut service, q3, me, Step::Rate, over), Err(ServiceError::Invalid(_))), "more days than the quarter has");
    step(&mut service, q3, me, Step::Rate, rating).unwrap();
    log_in(&mut service, "official");
    step(&mut service, q3, me, Step::Acknowledge, RoutineData::default()).unwrap();
    let record = service.read().routine_record(q3, me).unwrap().unwrap();
    assert_eq!(record.stage, Stage::Acknowledged);
    assert_eq!((record.data.result, record.data.rated_by.as_str()), (Some(Rating::Good), "reviewer"));
    assert_eq!(record.data.summary, "本季度完成納稅評估 12 戶，補稅 8 萬元", "each party wrote only its own part");
    assert!(record.data.acknowledged_on.is_some());
    let actions: Vec<String> = service.read().audit_rows(50).unwrap().into_iter().map(|a| a.action).collect();
    for action in ["routine.save", "routine.submit", "routine.return", "routine.rate", "routine.acknowledge"] {
        assert!(actions.iter().any(|a| a == action), "{action} in the change log: {actions:?}");
    }
}

#[test]
fn a_units_period_closes_only_when_everyone_is_rated_and_then_takes_no_more_steps() {
    let mut service = demo();
    let me = me(&service);
    let name = service.read().official(me).unwrap().unwrap().name.clone();
    let q3 = period(&service, "2012Q3");
    let office = unit(&service, "征管科");
    let close = |closed| Command::Routine(RoutineCommand::Close { period: q3, unit: office, closed });
    match service.execute(close(true)) {
        Err(ServiceError::Invalid(problems)) => {
            assert!(matches!(&problems[0].problem, nengli::domain::Problem::Unrated { names } if names == &name), "{problems:?}");
            let sentence = nengli::i18n::problem(nengli::domain::Lang::Tc, &problems[0]);
            assert!(sentence.contains(&name), "the unrated are named: {sentence}");
        }
        other => panic!("closed with someone unrated: {other:?}"),
    }
    let rated = RoutineData { result: Some(Rating::FairlyGood), ..Default::default() };
    let applied = service.execute(Command::Routine(RoutineCommand::Record { period: q3, official: me, data: Box::new(rated) })).unwrap();
    assert_eq!(applied.action, "routine.record");
    let closed = service.execute(close(true)).unwrap();
    assert!(service.routine_summary(q3, Some(office)).unwrap().closed);
    log_in(&mut service, "official");
    assert!(matches!(step(&mut service, q3, me, Step::Acknowledge, RoutineData::default()), Err(ServiceError::Invalid(_))), "closed");
    log_in(&mut service, "admin");
    let _ = service.execute(closed.undo).unwrap();
    assert!(!service.routine_summary(q3, Some(office)).unwrap().closed, "undo reopens it");
}

#[test]
fn the_good_quota_warns_for_a_unit_over_it_and_pools_a_quota_group() {
    let mut service = demo();
    let q3 = period(&service, "2012Q3");
    let hall = service.routine_summary(q3, Some(unit(&service, "辦稅服務廳"))).unwrap();
    assert!(hall.quota.over(), "the demo's 辦稅服務廳 is over its quota: {:?}", hall.quota);
    assert_eq!(hall.quota.allowed, hall.quota.assessed * 40 / 100);
    // 人教科 is pooled with 監察室 and 法規科.
    let people = service.routine_summary(q3, Some(unit(&service, "人教科"))).unwrap();
    assert_eq!(people.group.as_deref(), Some("機關綜合組"));
    assert!(people.quota.assessed > people.rows.len(), "the group's quota counts the whole group");
    // Another share, rounded up, with no group: the quota follows the settings.
    let settings =
        nengli::domain::routine::QuotaSettings { percent: 60, rounding: nengli::domain::routine::Rounding::Ceil, ..Default::default() };
    let _ = service.execute(Command::Routine(RoutineCommand::SaveQuota(settings))).unwrap();
    let people = service.routine_summary(q3, Some(unit(&service, "人教科"))).unwrap();
    assert_eq!(people.group, None);
    assert_eq!(people.quota.allowed, (people.quota.assessed * 60).div_ceil(100));
    // A unit in two groups is refused and nothing changes.
    let u = unit(&service, "辦公室");
    let twice = nengli::domain::routine::QuotaSettings {
        groups: vec![
            nengli::domain::routine::QuotaGroup { name: "甲".into(), units: vec![u] },
            nengli::domain::routine::QuotaGroup { name: "乙".into(), units: vec![u] },
        ],
        ..Default::default()
    };
    assert!(matches!(service.execute(Command::Routine(RoutineCommand::SaveQuota(twice))), Err(ServiceError::Invalid(_))));
    assert_eq!(service.routine_quota().unwrap().percent, 60);
}

#[test]
fn suggestions_follow_the_chosen_rule_set_and_never_set_a_grade() {
    let mut service = demo();
    let records = service.read().yearends(2012).unwrap();
    let rows = service.routine_suggestions(2012).unwrap();
    let serving = service.yearend_rows(2012).unwrap().len();
    assert_eq!(rows.len(), serving);
    assert!(rows.iter().all(|r| r.results.len() == 4), "four quarters each");
    let no_good = rows.iter().find(|r| !r.results.iter().any(|(_, x)| *x == Some(Rating::Good))).unwrap();
    assert_eq!(no_good.suggestion.ceiling, Some(Grade::Competent), "no 好 → not 優秀");
    assert!(no_good.suggestion.reasons.contains(&nengli::domain::routine::Reason::NoGood));
    // The weighted rule set chosen: every suggestion has a score.
    let book = RuleBook { chosen: 2, ..service.routine_rules().unwrap() };
    let _ = service.execute(Command::Routine(RoutineCommand::SaveRules(book))).unwrap();
    let rows = service.routine_suggestions(2012).unwrap();
    assert!(rows.iter().filter(|r| r.results.iter().any(|(_, x)| x.is_some())).all(|r| r.suggestion.grade.is_some()));
    assert!(
        rows.iter().flat_map(|r| &r.suggestion.reasons).any(|x| matches!(x, nengli::domain::routine::Reason::Score { .. })),
        "scores given"
    );
    assert_eq!(service.read().yearends(2012).unwrap(), records, "a suggestion writes no grade");
}

#[test]
fn the_year_end_facts_and_form_carry_the_routine_results_and_the_special_assessment() {
    let service = demo();
    let event = service.special_events().unwrap().remove(0);
    let who = event.results[0].official;
    let facts = service.year_facts(who, 2012).unwrap();
    assert_eq!(facts.routine.len(), 4);
    assert_eq!(facts.special.len(), 1);
    assert_eq!(facts.special[0].1, "七月防汛值守");
    let staff = service.read().official(who).unwrap().unwrap().staff_no.clone();
    let sheets = nengli::service::printing::YearEndSheets {
        year: 2012,
        scope: nengli::service::printing::Scope::All,
        staff: vec![staff],
        paper: nengli::report::layout::A4,
    };
    let document = nengli::service::printing::document(
        &service,
        &nengli::service::printing::Printout::YearEndSheets(sheets),
        nengli::domain::Lang::Tc,
    )
    .unwrap()
    .unwrap();
    let texts = document.texts().join("\n");
    let results: Vec<&str> =
        facts.routine.iter().map(|(_, r)| r.map_or("\u{2014}", |r| nengli::i18n::rating(nengli::domain::Lang::Tc, r))).collect();
    assert!(texts.contains(&results.join("、")), "the quarters' results in order: {results:?}");
    assert!(texts.contains("專項考核：七月防汛值守"), "{texts}");
}

fn nengli_cli(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_nengli")).args(args).env("LANG", "en_US.UTF-8").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A printed file's text, read in-process, without whitespace.
fn pdftotext(path: &std::path::Path) -> String {
    crate::pdfread::Pdf::open(path).text().chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_forms_and_the_summary_print_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let db = db.display().to_string();
    let run = |args: &[&str]| nengli_cli(&[&["--lang", "en", "--db", db.as_str()], args].concat());
    let summary = dir.path().join("summary.pdf");
    let out = run(&["print", "routine-summary", "--period", "2012Q3", "--unit", "辦稅服務廳", "--out", &summary.display().to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = pdftotext(&summary);
    assert!(printed.contains("平時考核結果匯總表") && printed.contains("制表人") && printed.contains("審核人"), "{printed}");
    assert!(printed.contains("超出「好」的限額") && printed.contains(">"), "the warning with its numbers: {printed}");
    let forms = dir.path().join("forms.pdf");
    let out = run(&["print", "routine-form", "--period", "2012Q2", "--unit", "征管科", "--out", &forms.display().to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let printed = pdftotext(&forms);
    for word in [
        "平時考核登記表",
        "政治品質",
        "職業道德",
        "工作作風",
        "廉潔自律",
        "個性指標",
        "出勤",
        "曠工",
        "個人小結",
        "主管領導審核評鑒意見",
        "簽名",
        "2012年第2季度",
    ] {
        assert!(printed.contains(word), "{word} missing");
    }
    let out = run(&["print", "routine-form", "--period", "2012Q9", "--out", &forms.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("no period 2012Q9"), "{}", text(&out.stderr));
    let year = dir.path().join("year.pdf");
    let out = run(&["print", "routine-year", "--official", "GS00044", "--year", "2012", "--out", &year.display().to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(pdftotext(&year).contains("平時考核年度情況"));
}

#[test]
fn an_import_stores_every_row_or_none_and_names_each_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let db_arg = db.display().to_string();
    let run = |args: &[&str]| nengli_cli(&[&["--lang", "en", "--db", db_arg.as_str()], args].concat());
    let sheet = dir.path().join("routine.csv");
    std::fs::write(
        &sheet,
        "Period,Staff no.,Result,政治品質,出勤\n2012Q4,GS00001,好,好,60\n2012Q4,NOBODY,較好,,\n2012Q5,GS00002,優秀,很好,x\n",
    )
    .unwrap();
    let out = run(&["import", "routine", &sheet.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("row 3, column Staff no.: no official with staff number NOBODY"), "{stdout}");
    for column in ["row 4, column Period", "row 4, column Result", "row 4, column Political quality", "row 4, column Present"] {
        assert!(stdout.contains(column), "{column}: {stdout}");
    }
    let q4 = |db: &std::path::Path| {
        let service = Service::new(nengli::store::Store::open(db, nengli::store::OpenMode::Existing).unwrap(), "t");
        let id = service.routine_period("2012Q4").unwrap().unwrap().id;
        service.read().routine_stages(id).unwrap().len()
    };
    assert_eq!(q4(&db), 0, "nothing stored");
    std::fs::write(&sheet, "Period,Staff no.,Result,政治品質,出勤\n2012Q4,GS00001,好,好,60\n2012Q4,GS00002,一般,,\n").unwrap();
    let out = run(&["import", "routine", &sheet.display().to_string(), "--dry-run"]);
    assert!(out.status.success() && text(&out.stdout).contains("2 routine results checked"), "{}", text(&out.stdout));
    assert_eq!(q4(&db), 0, "a dry run stores nothing");
    let out = run(&["import", "routine", &sheet.display().to_string()]);
    assert!(out.status.success() && text(&out.stdout).contains("2 routine results stored"), "{}", text(&out.stdout));
    assert_eq!(q4(&db), 2);
}

#[test]
fn periods_move_their_deadlines_and_one_holding_records_stays() {
    let mut service = demo();
    let periods: Vec<_> = service.routine_periods(2012).unwrap().into_iter().map(|p| (p.period, p.deadline)).collect();
    assert_eq!(periods.len(), 4, "the demo's four quarters");
    let moved = chrono::NaiveDate::from_ymd_opt(2013, 1, 20).unwrap();
    let mut set = periods.clone();
    set[3].1 = moved;
    let applied = service.execute(Command::Routine(RoutineCommand::SetPeriods { year: 2012, periods: set })).unwrap();
    assert_eq!(service.routine_periods(2012).unwrap()[3].deadline, moved);
    // The first quarter holds records: a year without it is refused, nothing changed.
    let without_q1 = periods[1..].to_vec();
    assert!(matches!(
        service.execute(Command::Routine(RoutineCommand::SetPeriods { year: 2012, periods: without_q1 })),
        Err(ServiceError::Invalid(_))
    ));
    assert_eq!(service.routine_periods(2012).unwrap().len(), 4);
    let _ = service.execute(applied.undo).unwrap();
    assert_eq!(service.routine_periods(2012).unwrap()[3].deadline, periods[3].1, "undo puts the deadline back");
    // A monthly year alongside: twelve periods with their codes.
    let months: Vec<_> = (1..=12u8)
        .map(|number| {
            let p = Period { year: 2013, cadence: nengli::domain::routine::Cadence::Monthly, number };
            (p, p.default_deadline())
        })
        .collect();
    let _ = service.execute(Command::Routine(RoutineCommand::SetPeriods { year: 2013, periods: months })).unwrap();
    assert_eq!(service.routine_period("2013M07").unwrap().unwrap().period.number, 7);
}

#[test]
fn an_undo_puts_back_only_the_undoers_part() {
    let mut service = demo();
    let me = me(&service);
    let q3 = period(&service, "2012Q3");
    log_in(&mut service, "official");
    step(&mut service, q3, me, Step::Submit, RoutineData { summary: "小結".into(), ..Default::default() }).unwrap();
    log_in(&mut service, "reviewer");
    let rate = Command::Routine(RoutineCommand::Step {
        period: q3,
        official: me,
        step: Step::Rate,
        data: Box::new(RoutineData { result: Some(Rating::Average), ..Default::default() }),
    });
    let rated = service.execute(rate).unwrap();
    let now = service.read().routine_record(q3, me).unwrap().unwrap();
    // The official cannot "restore" a record of their own making with a better result.
    log_in(&mut service, "official");
    let forged = nengli::domain::routine::RoutineRecord {
        stage: Stage::Draft,
        data: RoutineData { result: Some(Rating::Good), ..now.data.clone() },
        ..now.clone()
    };
    let restore = |before, by_owner| Command::Routine(RoutineCommand::Restore { period: q3, official: me, before, by_owner });
    assert!(matches!(service.execute(restore(Some(Box::new(forged)), true)), Err(ServiceError::Invalid(_))));
    // Nor the supervisor an acknowledgement, or another summary.
    log_in(&mut service, "reviewer");
    let acknowledged = nengli::domain::routine::RoutineRecord {
        stage: Stage::Acknowledged,
        data: RoutineData { acknowledged_on: Some(crate::support::today()), ..now.data.clone() },
        ..now.clone()
    };
    assert!(matches!(service.execute(restore(Some(Box::new(acknowledged)), false)), Err(ServiceError::Invalid(_))));
    let rewritten =
        nengli::domain::routine::RoutineRecord { data: RoutineData { summary: "別人的話".into(), ..now.data.clone() }, ..now };
    assert!(matches!(service.execute(restore(Some(Box::new(rewritten)), false)), Err(ServiceError::Invalid(_))));
    // The supervisor's own undo of the rating works.
    let _ = service.execute(rated.undo).unwrap();
    let back = service.read().routine_record(q3, me).unwrap().unwrap();
    assert_eq!((back.stage, back.data.result, back.data.summary.as_str()), (Stage::Submitted, None, "小結"));
}
