//! 民主測評, the calendar, the 公示 and 結果運用 through the service: ballots that name no voter
//! (down to the schema), shares hidden below the minimum, a notice's earliest end over the
//! bureau's holidays, 優秀 made final only after the notice, and who may do and read what.

use crate::support::{demo, demo_file, today};
use chrono::NaiveDate;
use nengli::domain::ballots::Tally;
use nengli::domain::workdays::{Calendar, DayKind, Publicity};
use nengli::domain::yearend::{Grade, Met, Stage, Step, YearEndData};
use nengli::domain::{OfficialId, Problem};
use nengli::service::command::{AppraisalCommand, YearEndCommand};
use nengli::service::{Command, Service, ServiceError};
use nengli::store::{OpenMode, Store};

fn log_in(service: &mut Service, username: &str) {
    let password = nengli::service::seed::DEMO_ACCOUNTS.iter().find(|a| a.0 == username).unwrap().1;
    service.login(username, password).unwrap();
}

fn account(service: &Service, username: &str) -> OfficialId {
    service.read().users().unwrap().into_iter().find(|u| u.data.username == username).unwrap().data.official.unwrap()
}

fn d(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn problem(result: Result<impl std::fmt::Debug, ServiceError>) -> Problem {
    match result {
        Err(ServiceError::Invalid(problems)) => problems[0].problem.clone(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// The columns of a table and the tables its foreign keys point at.
fn shape(conn: &rusqlite::Connection, table: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut stmt = conn.prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid").unwrap();
    let columns = stmt.query_map([table], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let mut stmt = conn.prepare("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)").unwrap();
    let keys = stmt.query_map([table], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    (columns, keys)
}

#[test]
fn ballots_carry_no_voter_in_the_schema_nor_in_what_casting_leaves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bureau.sqlite");
    demo_file(&path);
    let mut service = Service::new(Store::open(&path, OpenMode::Existing).unwrap(), "tester").with_today(today());
    let me = account(&service, "official");
    let colleague = account(&service, "reviewer");
    let codes = service.issue_ballot_codes(2012, "一般幹部", None, 3).unwrap();
    assert_eq!(codes.len(), 3);
    log_in(&mut service, "official");
    let last_before_cast = service.read().audit_head().unwrap().unwrap().id;
    service.cast_ballot(&codes[0].to_lowercase(), &[(me, Grade::Excellent), (colleague, Grade::Competent)]).unwrap();
    let audit_before = service.read().audit_rows(100_000).unwrap().len();
    drop(service);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'ballot%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(tables, ["ballot_code", "ballot_tally"]);
    // A code knows its year and class and nothing else; a tally names only the person assessed.
    assert_eq!(
        shape(&conn, "ballot_code"),
        (vec!["code_hash".into(), "year".into(), "class".into(), "unit_id".into()], vec![("unit_id".into(), "unit".into())]),
        "the unit whose people it assesses, never who holds it"
    );
    let (columns, keys) = shape(&conn, "ballot_tally");
    assert_eq!(
        columns,
        ["year", "official_id", "class", "source", "excellent", "competent", "basic", "incompetent"].map(String::from).to_vec()
    );
    assert_eq!(keys, vec![("official_id".to_owned(), "official".to_owned())], "the person assessed, never the voter");
    // No other table points at the ballots, and none of them is counted per ballot.
    let pointing: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master m, pragma_foreign_key_list(m.name) k WHERE m.type = 'table' AND k.\"table\" LIKE 'ballot%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(pointing, 0);
    let rows: Vec<(i64, String, i64, i64)> = conn
        .prepare("SELECT official_id, source, excellent, competent FROM ballot_tally WHERE source = 'cast' ORDER BY official_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut want = vec![(me.0, "cast".to_owned(), 1, 0), (colleague.0, "cast".to_owned(), 0, 1)];
    want.sort();
    assert_eq!(rows, want);
    let unused: i64 = conn.query_row("SELECT count(*) FROM ballot_code WHERE class = '一般幹部'", [], |r| r.get(0)).unwrap();
    assert_eq!(unused, 2 + 5, "the used code is gone (the demo left five of its own)");
    // What the cast left in the audit chain says a ballot was cast that day: no account (the
    // caster was logged in), no time finer than the day, no record, nothing before or after.
    let left: Vec<(String, String, String, bool)> = conn
        .prepare("SELECT at, actor, action, entity_id IS NULL AND before IS NULL AND after IS NULL FROM audit WHERE id > ?1 ORDER BY id")
        .unwrap()
        .query_map([last_before_cast], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let day = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(left, vec![(day, nengli::store::BALLOT_ACTOR.to_owned(), "ballot.cast".to_owned(), true)]);
    let accounts: Vec<String> =
        conn.prepare("SELECT username FROM app_user").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert!(accounts.contains(&"official".to_owned()) && !accounts.contains(&nengli::store::BALLOT_ACTOR.to_owned()));
    // The codes themselves are nowhere in the file.
    drop(conn);
    let bytes = std::fs::read(&path).unwrap();
    for code in &codes {
        let letters = code.replace('-', "");
        assert!(!bytes.windows(letters.len()).any(|w| w == letters.as_bytes()), "code {code} stored in the clear");
    }
    assert!(audit_before > 0);
}

#[test]
fn a_code_casts_one_ballot_and_results_stay_hidden_below_the_minimum() {
    let mut service = demo();
    let me = account(&service, "official");
    let codes = service.issue_ballot_codes(2012, "中層幹部", None, 6).unwrap();
    assert!(matches!(service.issue_ballot_codes(2012, "不存在的類別", None, 1), Err(ServiceError::Invalid(_))));
    assert!(matches!(service.issue_ballot_codes(2012, "中層幹部", None, 0), Err(ServiceError::Invalid(_))));
    log_in(&mut service, "official");
    let marks = [Grade::Excellent, Grade::Excellent, Grade::Competent, Grade::Basic];
    for (code, grade) in codes.iter().zip(marks) {
        service.cast_ballot(code, &[(me, grade)]).unwrap();
    }
    assert_eq!(problem(service.cast_ballot(&codes[0], &[(me, Grade::Excellent)])), Problem::BadBallotCode, "a code casts once");
    assert_eq!(problem(service.cast_ballot("ZZZZ-ZZZZ", &[(me, Grade::Excellent)])), Problem::BadBallotCode);
    assert_eq!(problem(service.cast_ballot("not a code", &[(me, Grade::Excellent)])), Problem::BadBallotCode);
    assert_eq!(
        problem(service.cast_ballot(&codes[4], &[(me, Grade::Excellent), (me, Grade::Basic)])),
        Problem::Required,
        "one mark a person"
    );
    assert_eq!(problem(service.cast_ballot(&codes[4], &[(me, Grade::Undetermined)])), Problem::Required);
    assert!(matches!(service.ballot_results(2012), Err(ServiceError::Forbidden)), "the list is the committee's");
    let mine = service.ballot_result(me, 2012).unwrap().unwrap();
    assert_eq!((mine.overall.ballots, mine.overall.shares), (4, None), "four ballots: hidden");
    service.cast_ballot(&codes[4], &[(me, Grade::Competent)]).unwrap();
    let mine = service.ballot_result(me, 2012).unwrap().unwrap();
    assert_eq!(mine.overall.shares, Some([40.0, 40.0, 20.0, 0.0]));
    service.lock();
    assert!(matches!(service.cast_ballot(&codes[5], &[(me, Grade::Competent)]), Err(ServiceError::Forbidden)), "logged out");
    assert!(matches!(service.ballot_subjects(&codes[5]), Err(ServiceError::Forbidden)));
}

#[test]
fn a_code_for_a_unit_lists_that_units_people_and_takes_marks_for_them_only() {
    let mut service = demo();
    let me = account(&service, "official");
    let outsider = account(&service, "reviewer");
    let unit = service.read().official(me).unwrap().unwrap().unit;
    let elsewhere = service.read().officials().unwrap().into_iter().find(|o| o.unit != unit).unwrap().id;
    let codes = service.issue_ballot_codes(2012, "一般幹部", Some(unit), 1).unwrap();
    log_in(&mut service, "official");
    let subjects = service.ballot_subjects(&codes[0]).unwrap();
    assert_eq!((subjects.year, subjects.class.as_str()), (2012, "一般幹部"));
    assert!(subjects.people.iter().any(|p| p.0 == me) && subjects.people.iter().all(|p| p.0 != elsewhere));
    assert_eq!(problem(service.ballot_subjects("2222-2222")), Problem::BadBallotCode);
    // A mark for someone the code does not assess refuses the whole ballot, and the code stays.
    assert!(matches!(service.cast_ballot(&codes[0], &[(me, Grade::Excellent), (elsewhere, Grade::Basic)]), Err(ServiceError::Invalid(_))));
    assert!(service.ballot_subjects(&codes[0]).is_ok(), "the code is still unused");
    service.cast_ballot(&codes[0], &[(me, Grade::Excellent)]).unwrap();
    assert_eq!(problem(service.ballot_subjects(&codes[0])), Problem::BadBallotCode, "used");
    let _ = outsider;
}

#[test]
fn paper_tallies_are_the_personnel_sections_and_are_shown_only_at_the_minimum() {
    let mut service = demo();
    let me = account(&service, "official");
    let tally =
        |class: &str, tally| Command::Appraisal(AppraisalCommand::SetTally { year: 2012, official: me, class: class.into(), tally });
    assert_eq!(service.voter_classes().unwrap(), ["領導班子成員", "中層幹部", "一般幹部"]);
    let applied = service.execute(tally("領導班子成員", Some(Tally([2, 1, 0, 0])))).unwrap();
    let shown = service.ballot_results(2012).unwrap();
    assert_eq!((shown[&me].overall.ballots, shown[&me].overall.shares), (3, None));
    let _ = service.execute(Command::Appraisal(AppraisalCommand::SetBallotMinimum(3))).unwrap();
    let shown = service.ballot_results(2012).unwrap();
    assert_eq!(shown[&me].classes[0].1.shares.map(|s| s[0].round()), Some(67.0));
    assert!(matches!(service.execute(tally("一般幹部", Some(Tally([100_000, 1, 0, 0])))), Err(ServiceError::Invalid(_))));
    assert!(matches!(service.execute(tally("外單位", Some(Tally([1, 0, 0, 0])))), Err(ServiceError::Invalid(_))));
    assert!(matches!(service.execute(Command::Appraisal(AppraisalCommand::SetBallotMinimum(0))), Err(ServiceError::Invalid(_))));
    let bad_classes = AppraisalCommand::SetVoterClasses(vec!["一般幹部".into(), "一般幹部".into()]);
    assert!(matches!(service.execute(Command::Appraisal(bad_classes)), Err(ServiceError::Invalid(_))));
    // Undo takes the tally back.
    let _ = service.execute(applied.undo).unwrap();
    assert!(!service.ballot_results(2012).unwrap().contains_key(&me));
    log_in(&mut service, "reviewer");
    assert!(matches!(service.execute(tally("一般幹部", Some(Tally([1, 0, 0, 0])))), Err(ServiceError::Forbidden)));
    assert!(matches!(service.issue_ballot_codes(2012, "一般幹部", None, 1), Err(ServiceError::Forbidden)));
}

fn submit_and_grade(service: &mut Service, official: OfficialId, grade: Grade) {
    let mut data = YearEndData { summary: "德能勤績廉".into(), ..Default::default() };
    for e in &mut data.own {
        e.met = Some(Met::Yes);
    }
    let step = |step, data| Command::YearEnd(YearEndCommand::YearEndStep { official, year: 2012, step, data: Box::new(data) });
    let _ = service.execute(step(Step::Submit, data)).unwrap();
    let _ = service.execute(step(Step::Comment, YearEndData { proposed: Some(grade), ..Default::default() })).unwrap();
    let _ = service.execute(step(Step::Decide, YearEndData { grade: Some(grade), agrees: Some(true), ..Default::default() })).unwrap();
}

#[test]
fn a_notice_runs_five_working_days_past_the_holidays_and_excellent_is_final_only_after_it() {
    let mut service = demo();
    let me = account(&service, "official");
    let demo_notice = service.publicity(2012).unwrap();
    assert!(demo_notice.as_ref().is_some_and(|n| n.candidates.len() == 2 && !n.candidates.contains(&me)));
    submit_and_grade(&mut service, me, Grade::Excellent);
    let acknowledge = || {
        Command::YearEnd(YearEndCommand::YearEndStep {
            official: me,
            year: 2012,
            step: Step::Acknowledge,
            data: Box::new(YearEndData::default()),
        })
    };
    assert_eq!(problem(service.execute(acknowledge())), Problem::NotPublicised { until: None }, "no notice yet");
    // 1 January 2013 (a Tuesday) is a holiday: a notice from Friday 28 December runs to 7 January.
    let mut calendar = Calendar::default();
    calendar.days.insert(d("2013-01-01"), (DayKind::Holiday, "元旦".into()));
    let _ = service.execute(Command::Appraisal(AppraisalCommand::SetCalendar { year: 2013, calendar })).unwrap();
    assert_eq!(service.publicity_earliest_end(d("2012-12-28")).unwrap(), d("2013-01-07"));
    let notice = |end: &str| {
        Command::Appraisal(AppraisalCommand::SavePublicity {
            year: 2012,
            publicity: Box::new(Publicity {
                start: Some(d("2012-12-28")),
                end: Some(d(end)),
                text: "如有異議請向人教科反映。".into(),
                ..Default::default()
            }),
        })
    };
    assert_eq!(problem(service.execute(notice("2013-01-04"))), Problem::PublicityTooShort { earliest: "2013-01-07".into() });
    let saved = service.execute(notice("2013-01-07")).unwrap();
    let published = service.publicity(2012).unwrap().unwrap();
    let excellent: std::collections::BTreeSet<OfficialId> = service
        .read()
        .yearends(2012)
        .unwrap()
        .into_iter()
        .filter(|r| r.data.grade.or(r.data.proposed) == Some(Grade::Excellent))
        .map(|r| r.official)
        .collect();
    assert!(published.candidates.contains(&me));
    assert_eq!(
        published.candidates.iter().copied().collect::<std::collections::BTreeSet<_>>(),
        excellent,
        "the year's 優秀 are its candidates"
    );
    // Before the notice ends the grade stays provisional; the day after, the official signs.
    let mut service = service.with_today(d("2013-01-07"));
    log_in(&mut service, "official");
    assert_eq!(problem(service.execute(acknowledge())), Problem::NotPublicised { until: Some("2013-01-07".into()) });
    assert!(!service.consequences(me, 2012).unwrap().commendation, "provisional: no 嘉獎 yet");
    let mut service = service.with_today(d("2013-01-08"));
    let _ = service.execute(acknowledge()).unwrap();
    assert_eq!(service.read().yearend(me, 2012).unwrap().unwrap().stage, Stage::Locked);
    let brings = service.consequences(me, 2012).unwrap();
    assert!(brings.commendation && !brings.merit && brings.excellent_run == 1);
    // An objection recorded, with how it was handled; undo puts the notice back as it was.
    log_in(&mut service, "admin");
    let mut with_objection = published.clone();
    with_objection.objections.push(nengli::domain::workdays::Objection {
        date: Some(d("2013-01-03")),
        text: "反映考勤記錄有誤".into(),
        handling: "經核實考勤無誤，已答覆".into(),
    });
    let applied =
        service.execute(Command::Appraisal(AppraisalCommand::SavePublicity { year: 2012, publicity: Box::new(with_objection) })).unwrap();
    assert_eq!(service.publicity(2012).unwrap().unwrap().objections.len(), 1);
    let _ = service.execute(applied.undo).unwrap();
    assert_eq!(service.publicity(2012).unwrap().unwrap(), published);
    let _ = service.execute(saved.undo).unwrap();
    assert_eq!(service.publicity(2012).unwrap(), demo_notice);
    // The list is the committee's; the official reads their own.
    // 嘉獎 is due to each locked 優秀 of the year: the one signed here and the demo's own.
    let locked_excellent: std::collections::BTreeSet<OfficialId> = service
        .read()
        .yearends(2012)
        .unwrap()
        .into_iter()
        .filter(|r| r.stage == Stage::Locked && r.data.grade == Some(Grade::Excellent))
        .map(|r| r.official)
        .collect();
    assert!(locked_excellent.contains(&me));
    let commended: std::collections::BTreeSet<OfficialId> =
        service.consequence_rows(2012).unwrap().into_iter().filter(|r| r.consequences.commendation).map(|r| r.official).collect();
    assert_eq!(commended, locked_excellent);
    log_in(&mut service, "official");
    assert!(matches!(service.consequence_rows(2012), Err(ServiceError::Forbidden)));
    let other = account(&service, "reviewer");
    assert!(matches!(service.consequences(other, 2012), Err(ServiceError::Forbidden)));
}

#[test]
fn the_notice_and_the_consequences_print_from_the_command_line_as_readable_pdfs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    demo_file(&db);
    let db_arg = db.display().to_string();
    let nengli =
        |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_nengli")).args(args).env("LANG", "en_US.UTF-8").output().unwrap();
    let names: Vec<String> = {
        let service = Service::new(Store::open(&db, OpenMode::Existing).unwrap(), "tester");
        let notice = service.publicity(2012).unwrap().unwrap();
        notice.candidates.iter().map(|o| service.read().official(*o).unwrap().unwrap().name.clone()).collect()
    };
    let notice = dir.path().join("notice.pdf");
    let out = nengli(&["--db", &db_arg, "print", "publicity", "--year", "2012", "--out", &notice.display().to_string()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = crate::pdfread::Pdf::open(&notice).text();
    assert!(text.contains("年度考核優秀等次人選公示"), "{text}");
    assert!(text.contains("5個工作日") || text.contains("5 個工作日"), "the working days: {text}");
    assert!(text.contains("經核實為經批准的公務外出"), "the objection's handling");
    for name in &names {
        assert!(text.replace(' ', "").contains(name.as_str()), "{name} in {text}");
    }
    let list = dir.path().join("consequences.pdf");
    let out = nengli(&[
        "--db",
        &db_arg,
        "print",
        "grade-consequences",
        "--year",
        "2012",
        "--unit",
        "征管科",
        "--out",
        &list.display().to_string(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = crate::pdfread::Pdf::open(&list).text();
    assert!(text.contains("年度考核結果運用表") && text.contains("晉升職級") && text.contains("處理及提示"), "{text}");
    // A year without a notice says so in one line and fails.
    let out = nengli(&["--lang", "en", "--db", &db_arg, "print", "publicity", "--year", "2011", "--out", &notice.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no notice of the 優秀 candidates for 2011"));
}
