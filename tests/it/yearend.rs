//! The year-end record's sign-off chain through the service, as the three demo users: the
//! official's summary, the supervisor's comment, the committee's grade, the official's
//! signature and the lock; returns, refusals by role and stage, and an audited reopen.

use crate::support::demo;
use nengli::domain::yearend::{Grade, Met, Stage, Step, YearEndData};
use nengli::service::command::YearEndCommand;
use nengli::service::{Command, Service, ServiceError};

fn log_in(service: &mut Service, username: &str) {
    let password = nengli::service::seed::DEMO_ACCOUNTS.iter().find(|a| a.0 == username).unwrap().1;
    service.login(username, password).unwrap();
}

fn step(service: &mut Service, official: nengli::domain::OfficialId, step: Step, data: YearEndData) -> Result<(), ServiceError> {
    service.execute(Command::YearEnd(YearEndCommand::YearEndStep { official, year: 2012, step, data: Box::new(data) })).map(drop)
}

#[test]
fn the_chain_runs_from_the_summary_to_the_locked_record_with_a_return_and_a_reopen() {
    let mut service = demo();
    let me = service.read().users().unwrap().into_iter().find(|u| u.data.username == "official").unwrap().data.official.unwrap();
    let stage = |s: &Service| s.read().yearend(me, 2012).unwrap().map(|r| r.stage);
    let mut mine =
        YearEndData { work: "稅收分析".into(), summary: "德：…能：…勤：…績：…廉：…".into(), ..Default::default() };
    log_in(&mut service, "official");
    step(&mut service, me, Step::Save, mine.clone()).unwrap();
    assert!(matches!(step(&mut service, me, Step::Submit, mine.clone()), Err(ServiceError::Invalid(_))), "the four standards first");
    for e in &mut mine.own {
        e.met = Some(Met::Yes);
    }
    step(&mut service, me, Step::Submit, mine.clone()).unwrap();
    assert!(matches!(
        step(&mut service, me, Step::Comment, YearEndData { proposed: Some(Grade::Excellent), ..Default::default() }),
        Err(ServiceError::Forbidden)
    ));
    // The supervisor returns it, then comments on the reworked one.
    log_in(&mut service, "reviewer");
    assert!(matches!(step(&mut service, me, Step::Return, YearEndData::default()), Err(ServiceError::Invalid(_))), "a reason is needed");
    step(&mut service, me, Step::Return, YearEndData { reason: "請補充績的部分".into(), ..Default::default() }).unwrap();
    assert_eq!(stage(&service), Some(Stage::Draft));
    log_in(&mut service, "official");
    step(
        &mut service,
        me,
        Step::Submit,
        YearEndData { summary: "德：…能：…勤：…績：全年完成稅收分析報告12篇…廉：…".into(), ..mine.clone() },
    )
    .unwrap();
    log_in(&mut service, "reviewer");
    let comment = YearEndData {
        proposed: Some(Grade::Excellent),
        supervisor: nengli::domain::yearend::Opinion { text: "工作認真，成績突出。".into(), ..Default::default() },
        ..Default::default()
    };
    step(&mut service, me, Step::Comment, comment).unwrap();
    assert!(
        matches!(
            step(&mut service, me, Step::Decide, YearEndData { grade: Some(Grade::Excellent), agrees: Some(true), ..Default::default() }),
            Err(ServiceError::Forbidden)
        ),
        "the committee decides"
    );
    // The committee (an administrator) grades it; the official signs; it locks.
    log_in(&mut service, "admin");
    step(&mut service, me, Step::Decide, YearEndData { grade: Some(Grade::Competent), agrees: Some(false), ..Default::default() }).unwrap();
    log_in(&mut service, "official");
    step(
        &mut service,
        me,
        Step::Acknowledge,
        YearEndData { official: nengli::domain::yearend::Opinion { text: "同意。".into(), ..Default::default() }, ..Default::default() },
    )
    .unwrap();
    let record = service.read().yearend(me, 2012).unwrap().unwrap();
    assert_eq!((record.stage, record.data.grade, record.data.proposed), (Stage::Locked, Some(Grade::Competent), Some(Grade::Excellent)));
    assert_eq!(
        (record.data.supervisor.by.as_str(), record.data.committee.by.as_str(), record.data.official.by.as_str()),
        ("reviewer", "admin", "official")
    );
    assert!(record.data.summary.contains("分析報告12篇"), "the reworked summary");
    assert!(matches!(step(&mut service, me, Step::Save, mine.clone()), Err(ServiceError::Invalid(_))), "locked");
    // Only an administrator reopens, with a reason; the audit trail has every step.
    assert!(matches!(
        step(&mut service, me, Step::Reopen, YearEndData { reason: "更正".into(), ..Default::default() }),
        Err(ServiceError::Forbidden)
    ));
    log_in(&mut service, "admin");
    assert!(matches!(step(&mut service, me, Step::Reopen, YearEndData::default()), Err(ServiceError::Invalid(_))));
    step(&mut service, me, Step::Reopen, YearEndData { reason: "出生年月有誤".into(), ..Default::default() }).unwrap();
    assert_eq!(stage(&service), Some(Stage::Draft));
    let actions: Vec<String> = service
        .read()
        .audit_rows(100)
        .unwrap()
        .into_iter()
        .filter(|r| r.action.starts_with("yearend.") && r.action != "yearend.working_days")
        .map(|r| r.action)
        .rev()
        .collect();
    assert_eq!(
        actions,
        ["save", "submit", "return", "submit", "comment", "decide", "acknowledge", "reopen"].map(|a| format!("yearend.{a}")).to_vec()
    );
}

#[test]
fn the_excellent_quota_is_checked_per_unit_and_its_share_is_the_bureaus_to_set() {
    let mut service = demo();
    let unit = nengli::service::printing::find_unit(&service, "征管科").unwrap().unwrap();
    let everyone: Vec<_> = service.yearend_rows(2012).unwrap().into_iter().filter(|r| r.unit == unit).map(|r| r.official).collect();
    // The demo's records of the unit go back to the officials first: only the five below are graded.
    for official in &everyone {
        crate::support::yearend_back_to_draft(&mut service, *official, 2012);
    }
    let people: Vec<_> = everyone.into_iter().take(5).collect();
    assert_eq!(people.len(), 5);
    for (i, official) in people.iter().enumerate() {
        let mut data = YearEndData { summary: "德能勤績廉".into(), ..Default::default() };
        for e in &mut data.own {
            e.met = Some(Met::Yes);
        }
        step(&mut service, *official, Step::Submit, data).unwrap();
        step(&mut service, *official, Step::Comment, YearEndData { proposed: Some(Grade::Competent), ..Default::default() }).unwrap();
        let grade = if i < 2 { Grade::Excellent } else { Grade::Competent };
        step(&mut service, *official, Step::Decide, YearEndData { grade: Some(grade), agrees: Some(i >= 2), ..Default::default() })
            .unwrap();
    }
    use nengli::domain::quota::Rounding;
    use nengli::domain::yearend::{Base, QuotaRules};
    use nengli::service::command::StandingCommand;
    let taking_part = service.yearend_rows(2012).unwrap().into_iter().filter(|r| r.unit == unit).count();
    assert!(taking_part > 5, "征管科 has others not yet graded");
    let quota = service.excellent_quota(2012, Some(unit)).unwrap();
    assert_eq!((quota.assessed, quota.excellent), (taking_part, 2), "everyone taking part counts by default");
    let graded = QuotaRules { base: Base::Graded, rounding: Rounding::Floor, minimum: 0, ..QuotaRules::default() };
    let _ = service.execute(StandingCommand::SaveQuota(graded.clone())).unwrap();
    let quota = service.excellent_quota(2012, Some(unit)).unwrap();
    assert_eq!((quota.assessed, quota.excellent, quota.allowed, quota.over()), (5, 2, 1, true), "5 graded at 20%: 1 allowed, 2 is over");
    let _ = service.execute(StandingCommand::SaveQuota(QuotaRules { rounding: Rounding::Ceil, ..graded.clone() })).unwrap();
    assert!(service.excellent_quota(2012, Some(unit)).unwrap().over(), "5 × 20% rounded up is still 1");
    let approved = QuotaRules { rounding: Rounding::Ceil, percent: 25, approval: "稅人〔2012〕8號".into(), ..graded };
    let _ = service.execute(StandingCommand::SaveQuota(approved)).unwrap();
    assert_eq!(service.excellent_quota(2012, Some(unit)).unwrap().allowed, 2, "5 × 25% rounded up is 2");
    assert!(service.set_excellent_percent(40, "稅人〔2012〕8號").is_err(), "never over 25%");
    assert!(service.set_excellent_percent(25, "").is_err(), "25% needs the approval's 文號");
    assert!(service.set_excellent_percent(0, "").is_err());
    let _ = service.set_excellent_percent(25, "稅人〔2012〕8號").unwrap();
    assert_eq!(service.excellent_percent().unwrap(), 25);
    log_in(&mut service, "reviewer");
    assert!(matches!(service.set_excellent_percent(20, ""), Err(ServiceError::Forbidden)));
}

#[test]
fn a_units_review_is_the_personnel_sections_signed_needs_all_five_standards_and_undoes() {
    use nengli::domain::yearend::{Evaluation, UnitReview};
    let mut service = demo();
    let unit = nengli::service::printing::find_unit(&service, "征管科").unwrap().unwrap();
    let review = |met: Option<Met>| UnitReview {
        standards: std::array::from_fn(|i| Evaluation { met, text: format!("第{}項見台賬", i + 1) }),
        notes: "整體達標，辦稅服務評價良好。".into(),
        ..Default::default()
    };
    let audits = crate::support::audit_count;
    let before = audits(&service);
    let half = UnitReview {
        standards: std::array::from_fn(|i| Evaluation { met: (i < 2).then_some(Met::Yes), text: String::new() }),
        ..review(None)
    };
    let refused = service.execute(Command::YearEnd(YearEndCommand::ReviewUnit { unit, year: 2012, review: Box::new(half) }));
    assert!(matches!(refused, Err(ServiceError::Invalid(_))), "every standard is judged");
    assert_eq!((service.read().unit_review(unit, 2012).unwrap(), audits(&service)), (None, before), "nothing stored");
    // A reviewer is not the personnel section.
    log_in(&mut service, "reviewer");
    let forbidden =
        service.execute(Command::YearEnd(YearEndCommand::ReviewUnit { unit, year: 2012, review: Box::new(review(Some(Met::Yes))) }));
    assert!(matches!(forbidden, Err(ServiceError::Forbidden)));
    log_in(&mut service, "admin");
    let before = audits(&service);
    let applied = service
        .execute(Command::YearEnd(YearEndCommand::ReviewUnit { unit, year: 2012, review: Box::new(review(Some(Met::Yes))) }))
        .unwrap();
    let (uuid, stored) = service.read().unit_review(unit, 2012).unwrap().unwrap();
    assert_eq!((stored.met(), stored.by.as_str(), stored.on.is_some()), (5, "admin", true), "signed with the actor and the day");
    assert_eq!(stored.standards[4].text, "第5項見台賬");
    // A second review replaces the first under the same identity; undo brings the first back.
    let second = service
        .execute(Command::YearEnd(YearEndCommand::ReviewUnit { unit, year: 2012, review: Box::new(review(Some(Met::Partly))) }))
        .unwrap();
    let (same, partly) = service.read().unit_review(unit, 2012).unwrap().unwrap();
    assert_eq!((same.as_str(), partly.met()), (uuid.as_str(), 0));
    let _redo = service.execute(second.undo).unwrap();
    assert_eq!(service.read().unit_review(unit, 2012).unwrap().unwrap().1.met(), 5);
    let _redo = service.execute(applied.undo).unwrap();
    assert_eq!(service.read().unit_review(unit, 2012).unwrap(), None, "undone back to no review");
    assert_eq!(audits(&service), before + 4, "each change is audited");
}

/// A form for one person reads only that person's records, and comes out as the same form the
/// unit's (or the bureau's) print holds for them.
#[test]
fn one_persons_form_is_the_same_as_in_the_units_print() {
    use nengli::service::printing::{self, Scope};
    let service = crate::support::demo();
    let someone = service.read().officials().unwrap().into_iter().find(|o| o.post.is_some()).unwrap();
    let one = printing::yearend_sheets(&service, 2012, Scope::Official(someone.id), &[], nengli::domain::Lang::Tc).unwrap();
    let named =
        printing::yearend_sheets(&service, 2012, Scope::All, std::slice::from_ref(&someone.staff_no), nengli::domain::Lang::Tc).unwrap();
    let unit = printing::yearend_sheets(&service, 2012, Scope::Unit(someone.unit), &[], nengli::domain::Lang::Tc).unwrap();
    assert_eq!(one, named);
    assert!(!one.blocks.is_empty());
    assert!(unit.blocks.windows(one.blocks.len()).any(|w| w == one.blocks.as_slice()), "the unit's print holds the same form");
}

/// One person's form reads only that person's records: the reads it uses for a few people give
/// what the bureau-wide reads give for them, and whether a year has any record is asked of the
/// index, not of every body.
#[test]
fn the_reads_for_a_few_people_match_the_bureau_wide_ones() {
    let service = demo();
    let db = service.read();
    assert!(db.has_yearends(2012).unwrap(), "the demo's 2012 records");
    assert!(!db.has_yearends(2030).unwrap());
    assert_eq!(
        nengli::service::printing::empty_year(&service, &nengli::service::printing::Printout::YearEndSummary { year: 2030 }).unwrap(),
        Some(2030)
    );
    let all = db.routine_results(2012).unwrap();
    assert!(!all.is_empty());
    let officials = db.officials().unwrap();
    for o in officials.iter().take(30) {
        let mut own = db.routine_results_of(o.id, 2012).unwrap();
        let mut expected: Vec<_> = all.iter().filter(|r| r.0 == o.id).cloned().collect();
        own.sort_by_key(|r| r.1);
        expected.sort_by_key(|r| r.1);
        assert_eq!(own, expected, "{}", o.staff_no);
    }
    let verdicts = service.verdicts(2012).unwrap();
    assert!(!verdicts.is_empty(), "the demo's probationer, sick leave, 警告 and open case");
    let few = service.verdicts_of(2012, &officials).unwrap();
    assert_eq!(few, verdicts);
    let one: Vec<_> = officials.iter().filter(|o| verdicts.contains_key(&o.id)).take(1).cloned().collect();
    assert_eq!(service.verdicts_of(2012, &one).unwrap().len(), 1);
}
