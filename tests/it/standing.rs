//! The year-end rules through the service: an official's standing kept and undone, the
//! committee's step refusing a grade the eligibility rules forbid with the reason in words, an
//! administrator's override only with a written reason (audited), an open 立案審查 withholding the
//! comment until 補定等次, the quota's pools and 名額分配表.

use crate::support::demo;
use chrono::NaiveDate;
use nengli::domain::standing::{Investigation, Leave, LeaveKind, Outcome, Sanction, SanctionKind, Standing};
use nengli::domain::yearend::{Grade, Met, Step, YearEndData};
use nengli::domain::{Lang, OfficialId};
use nengli::service::command::{StandingCommand, YearEndCommand};
use nengli::service::{Command, Service, ServiceError};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A serving 征管科 official with nothing recorded against them.
fn someone(service: &Service) -> OfficialId {
    let unit = nengli::service::printing::find_unit(service, "征管科").unwrap().unwrap();
    let rows = service.yearend_rows(2024).unwrap();
    rows.iter().find(|r| r.unit == unit && r.findings.is_empty() && service.standing(r.official).unwrap().is_empty()).unwrap().official
}

fn set(service: &mut Service, official: OfficialId, standing: Standing) -> Result<(), ServiceError> {
    service.execute(StandingCommand::SetStanding { official, standing: Box::new(standing) }).map(drop)
}

fn step(service: &mut Service, official: OfficialId, year: i32, step: Step, data: YearEndData) -> Result<(), ServiceError> {
    service.execute(Command::YearEnd(YearEndCommand::YearEndStep { official, year, step, data: Box::new(data) })).map(drop)
}

/// Takes `official`'s record of `year` to the committee.
fn to_committee(service: &mut Service, official: OfficialId, year: i32) -> Result<(), ServiceError> {
    let mut data = YearEndData { summary: "德能勤績廉".into(), ..Default::default() };
    for e in &mut data.own {
        e.met = Some(Met::Yes);
    }
    step(service, official, year, Step::Submit, data)?;
    step(service, official, year, Step::Comment, YearEndData { proposed: Some(Grade::Excellent), ..Default::default() })
}

fn decide(grade: Grade, override_reason: &str) -> YearEndData {
    YearEndData { grade: Some(grade), agrees: Some(true), override_reason: override_reason.into(), ..Default::default() }
}

#[test]
fn a_warning_in_2024_refuses_excellent_in_2024_with_its_reason_and_an_override_needs_one() {
    let mut service = demo();
    let who = someone(&service);
    let warned = Standing {
        sanctions: vec![Sanction {
            kind: SanctionKind::Warning, doc_no: "稅紀〔2024〕3號".into(), effective: day(2024, 3, 5), ends: None
        }],
        ..Default::default()
    };
    set(&mut service, who, warned).unwrap();
    to_committee(&mut service, who, 2024).unwrap();
    let refused = step(&mut service, who, 2024, Step::Decide, decide(Grade::Excellent, "")).unwrap_err();
    let ServiceError::Ineligible(findings) = &refused else { panic!("{refused:?}") };
    assert_eq!(findings.len(), 1);
    let said = nengli::messages::service_error(Lang::Tc, &refused);
    assert!(said.contains("2024-03-05受警告（稅紀〔2024〕3號）") && said.contains("不得確定為優秀等次"), "{said}");
    assert!(nengli::messages::service_error(Lang::En, &refused).contains("not 優秀"));
    assert_eq!(service.read().yearend(who, 2024).unwrap().unwrap().data.grade, None, "nothing stored");
    // The year-end list says why.
    let row = service.yearend_rows(2024).unwrap().into_iter().find(|r| r.official == who).unwrap();
    assert_eq!(&row.findings, findings);
    assert!(service.yearend_rows(2025).unwrap().into_iter().find(|r| r.official == who).unwrap().findings.is_empty(), "only that year");
    // 稱職 is allowed; 優秀 only with a written reason, audited as an override and undone.
    step(&mut service, who, 2024, Step::Decide, decide(Grade::Competent, "")).unwrap();
    let before = crate::support::audit_count(&service);
    let applied = service
        .execute(Command::YearEnd(YearEndCommand::YearEndStep {
            official: who,
            year: 2024,
            step: Step::Decide,
            data: Box::new(decide(Grade::Excellent, "  經局黨委研究，處分前的突出貢獻予以認定  ")),
        }))
        .unwrap();
    assert_eq!(applied.action, "yearend.decide_override");
    assert_eq!(crate::support::audit_count(&service), before + 1);
    let audit = service.read().audit_rows(1).unwrap().remove(0);
    assert_eq!(audit.action, "yearend.decide_override");
    let record = service.read().yearend(who, 2024).unwrap().unwrap();
    assert_eq!(
        (record.data.grade, record.data.override_reason.as_str()),
        (Some(Grade::Excellent), "經局黨委研究，處分前的突出貢獻予以認定")
    );
    let _ = service.execute(applied.undo).unwrap();
    assert_eq!(service.read().yearend(who, 2024).unwrap().unwrap().data.grade, Some(Grade::Competent), "the override undone");
}

#[test]
fn long_sick_leave_and_probation_leave_no_grade_and_probationers_keep_their_comments() {
    let mut service = demo();
    let who = someone(&service);
    // 190 sick days of 250 working days: no grade.
    let _ = service.execute(StandingCommand::SetWorkingDays { year: 2024, days: Some(250) }).unwrap();
    set(&mut service, who, Standing { leave: vec![Leave { year: 2024, kind: LeaveKind::Sick, days: 190 }], ..Default::default() }).unwrap();
    to_committee(&mut service, who, 2024).unwrap();
    let refused = step(&mut service, who, 2024, Step::Decide, decide(Grade::Competent, "")).unwrap_err();
    assert!(nengli::messages::service_error(Lang::Tc, &refused).contains("病事假累計 190 天，超過全年 250 個工作日的一半"), "{refused:?}");
    step(&mut service, who, 2024, Step::Decide, decide(Grade::Undetermined, "")).unwrap();
    // A probationer: the supervisor's comment is kept, no grade.
    let newcomer = someone(&service);
    set(&mut service, newcomer, Standing { probation_ends: Some(day(2025, 7, 31)), ..Default::default() }).unwrap();
    to_committee(&mut service, newcomer, 2024).unwrap();
    let mut comment = YearEndData { proposed: Some(Grade::Competent), ..Default::default() };
    comment.supervisor.text = "試用期內表現良好。".into();
    step(&mut service, newcomer, 2024, Step::Comment, comment).unwrap();
    assert!(matches!(step(&mut service, newcomer, 2024, Step::Decide, decide(Grade::Competent, "")), Err(ServiceError::Ineligible(_))));
    step(&mut service, newcomer, 2024, Step::Decide, decide(Grade::Undetermined, "")).unwrap();
    let record = service.read().yearend(newcomer, 2024).unwrap().unwrap();
    assert_eq!((record.data.supervisor.text.as_str(), record.data.grade), ("試用期內表現良好。", Some(Grade::Undetermined)));
    // Without the year's working days the leave rule cannot apply.
    let _ = service.execute(StandingCommand::SetWorkingDays { year: 2024, days: None }).unwrap();
    assert!(service.verdict(who, 2024).unwrap().findings.is_empty());
}

#[test]
fn an_open_investigation_withholds_comment_and_grade_until_it_ends_without_a_penalty() {
    let mut service = demo();
    let who = someone(&service);
    let open = Investigation { opened: day(2024, 10, 8), closed: None, outcome: None };
    set(&mut service, who, Standing { investigations: vec![open.clone()], ..Default::default() }).unwrap();
    let mut data = YearEndData { summary: "德能勤績廉".into(), ..Default::default() };
    for e in &mut data.own {
        e.met = Some(Met::Yes);
    }
    step(&mut service, who, 2024, Step::Submit, data).unwrap();
    let refused = step(&mut service, who, 2024, Step::Comment, YearEndData { proposed: Some(Grade::Competent), ..Default::default() });
    let said = nengli::messages::service_error(Lang::Tc, &refused.unwrap_err());
    assert!(said.contains("2024-10-08起被立案審查") && said.contains("不寫評語"), "{said}");
    // Closed with a penalty heavier than a warning: still no grade.
    let penalised = Investigation { closed: Some(day(2025, 3, 1)), outcome: Some(Outcome::Penalty), ..open.clone() };
    set(&mut service, who, Standing { investigations: vec![penalised], ..Default::default() }).unwrap();
    step(&mut service, who, 2024, Step::Comment, YearEndData { proposed: Some(Grade::Competent), ..Default::default() }).unwrap();
    assert!(matches!(step(&mut service, who, 2024, Step::Decide, decide(Grade::Competent, "")), Err(ServiceError::Ineligible(_))));
    // Closed with a warning: 補定等次.
    let warned = Investigation { closed: Some(day(2025, 3, 1)), outcome: Some(Outcome::Warning), ..open };
    set(&mut service, who, Standing { investigations: vec![warned], ..Default::default() }).unwrap();
    step(&mut service, who, 2024, Step::Decide, decide(Grade::Competent, "")).unwrap();
}

#[test]
fn a_standing_is_the_personnel_sections_checked_audited_and_undone() {
    let mut service = demo();
    let who = someone(&service);
    let record = Standing {
        sanctions: vec![Sanction {
            kind: SanctionKind::Admonition,
            doc_no: "稅組〔2024〕12號".into(),
            effective: day(2024, 5, 1),
            ends: Some(day(2024, 10, 31)),
        }],
        leave: vec![Leave { year: 2024, kind: LeaveKind::Personal, days: 4 }],
        ..Default::default()
    };
    let before = crate::support::audit_count(&service);
    let applied = service.execute(StandingCommand::SetStanding { official: who, standing: Box::new(record.clone()) }).unwrap();
    assert_eq!(service.standing(who).unwrap(), record);
    assert_eq!(crate::support::audit_count(&service), before + 1);
    // Bad input is refused whole, in the user's words, and nothing is lost.
    let mut long = record.clone();
    long.sanctions[0].doc_no = "號".repeat(1 << 20);
    let refused = set(&mut service, who, long).unwrap_err();
    assert!(nengli::messages::service_error(Lang::En, &refused).contains("at most"), "{refused:?}");
    let mut backwards = record.clone();
    backwards.sanctions[0].ends = Some(day(2024, 4, 30));
    assert!(matches!(set(&mut service, who, backwards), Err(ServiceError::Invalid(_))));
    assert!(service.execute(StandingCommand::SetWorkingDays { year: 2024, days: Some(400) }).is_err());
    assert_eq!(service.standing(who).unwrap(), record, "nothing half-written");
    let delete = service.execute(Command::Roster(nengli::service::command::RosterCommand::DeleteOfficial { id: who }));
    let Err(ServiceError::Invalid(problems)) = delete else { panic!("{delete:?}") };
    assert!(matches!(problems[0].problem, nengli::domain::Problem::HasRecords { .. }), "a person with a standing is not deleted");
    let _ = service.execute(applied.undo).unwrap();
    assert!(service.standing(who).unwrap().is_empty(), "undone");
}

#[test]
fn the_quota_pools_count_those_taking_part_and_an_allocation_over_the_total_is_refused() {
    use nengli::domain::yearend::{Pool, QuotaRules};
    let mut service = demo();
    let db_units = service.read().units().unwrap();
    let unit = db_units.iter().find(|u| u.name == "征管科").unwrap().id;
    let other = db_units.iter().find(|u| u.name == "人教科").unwrap().id;
    let pool = Pool { name: "機關科室".into(), units: vec![unit, other], percent: 20, ..Default::default() };
    let _ = service.execute(StandingCommand::SaveQuota(QuotaRules { pools: vec![pool], ..QuotaRules::default() })).unwrap();
    let pools = service.quota_pools(2024).unwrap();
    let line = pools.iter().find(|p| p.name == "機關科室").unwrap();
    let rows = service.yearend_rows(2024).unwrap();
    let taking_part = rows.iter().filter(|r| r.unit == unit || r.unit == other).count();
    assert_eq!(line.quota.assessed, taking_part);
    assert_eq!(line.units.iter().map(|u| u.taking_part).sum::<usize>(), taking_part);
    let rest = pools.iter().find(|p| p.name.is_empty()).unwrap();
    assert_eq!(rest.quota.assessed, rows.len() - taking_part, "the rest of the bureau is its own pool");
    let total = line.quota.allowed as u32;
    assert!(total >= 1);
    let over = StandingCommand::SaveAllocation { year: 2024, pool: "機關科室".into(), places: vec![(unit, total), (other, 1)] };
    let refused = service.execute(over).unwrap_err();
    assert!(nengli::messages::service_error(Lang::Tc, &refused).contains(&format!("超過總名額 {total} 個")), "{refused:?}");
    let fits = StandingCommand::SaveAllocation { year: 2024, pool: "機關科室".into(), places: vec![(unit, total - 1), (other, 1)] };
    let applied = service.execute(fits).unwrap();
    let line = service.quota_pools(2024).unwrap().into_iter().find(|p| p.name == "機關科室").unwrap();
    assert_eq!(line.allocated(), total);
    let _ = service.execute(applied.undo).unwrap();
    assert_eq!(service.quota_pools(2024).unwrap().into_iter().find(|p| p.name == "機關科室").unwrap().allocated(), 0);
    let unknown = StandingCommand::SaveAllocation { year: 2024, pool: "沒有這組".into(), places: vec![] };
    assert!(service.execute(unknown).is_err());
}

#[test]
fn the_quota_allocation_prints_from_the_command_line_as_a_readable_pdf() {
    use nengli::domain::yearend::{Pool, QuotaRules};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    {
        let store = nengli::store::Store::open(&db, nengli::store::OpenMode::Existing).unwrap();
        let mut service = Service::new(store, "tester");
        let unit = service.read().units().unwrap().into_iter().find(|u| u.name == "征管科").unwrap().id;
        let pool =
            Pool {
                name: "機關科室".into(), units: vec![unit], percent: 25, approval: "稅人〔2012〕8號".into(), ..Default::default()
            };
        let _ = service.execute(StandingCommand::SaveQuota(QuotaRules { pools: vec![pool], ..QuotaRules::default() })).unwrap();
        let total = service.quota_pools(2012).unwrap()[0].quota.allowed as u32;
        let places = vec![(unit, total)];
        let _ = service.execute(StandingCommand::SaveAllocation { year: 2012, pool: "機關科室".into(), places }).unwrap();
    }
    let out = dir.path().join("quota.pdf");
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_nengli"))
        .args(["--db", db.to_str().unwrap(), "print", "quota-allocation", "--year", "2012", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", String::from_utf8_lossy(&result.stderr));
    let pdf = crate::pdfread::Pdf::open(&out);
    pdf.assert_xref_exact();
    let text = pdf.text();
    for want in ["優秀等次名額分配表", "機關科室", "比例 25%", "稅人〔2012〕8號", "征管科", "其他人員", "四捨五入"]
    {
        assert!(text.contains(want), "{want} missing from {text}");
    }
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_nengli"))
        .args(["--db", db.to_str().unwrap(), "print", "quota-allocation", "--year", "1999", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!result.status.success(), "a year out of range is refused");
}

#[test]
fn the_demo_bureau_has_a_probationer_long_sick_leave_a_warning_and_an_open_case() {
    use nengli::domain::eligibility::{Cause, Effect};
    // The tests live on 2013-03-01: the year being assessed is 2012.
    let service = demo();
    let verdicts = service.verdicts(2012).unwrap();
    let mut causes: Vec<(&str, Effect)> = verdicts
        .values()
        .map(|v| {
            let f = v.heaviest().unwrap();
            let what = match f.cause {
                Cause::Probation { .. } => "probation",
                Cause::Leave { days: 190, working: 250 } => "sick leave",
                Cause::Sanction { kind: SanctionKind::Warning, .. } => "warning",
                Cause::InvestigationOpen { .. } => "open case",
                _ => "other",
            };
            (what, f.effect)
        })
        .collect();
    causes.sort_by_key(|c| c.0);
    assert_eq!(
        causes,
        [
            ("open case", Effect::NoGrade),
            ("probation", Effect::NoGrade),
            ("sick leave", Effect::NoGrade),
            ("warning", Effect::NotExcellent)
        ]
    );
    let withheld = verdicts.values().filter(|v| v.withholds_comment()).count();
    assert_eq!(withheld, 1, "only the open case withholds the comment");
    assert!(service.verdicts(2010).unwrap().is_empty(), "nothing reaches other years");
}

#[test]
fn the_printed_form_gives_the_reason_where_its_note_on_no_grade_is_blank() {
    use nengli::service::printing::{Printout, Scope, YearEndSheets};
    let mut service = demo();
    let who = someone(&service);
    set(&mut service, who, Standing { probation_ends: Some(day(2013, 7, 31)), ..Default::default() }).unwrap();
    let print = |service: &Service| {
        let sheets = YearEndSheets { year: 2012, scope: Scope::Official(who), staff: vec![], paper: nengli::report::layout::A4 };
        let document = nengli::service::printing::document(service, &Printout::YearEndSheets(sheets), Lang::Tc).unwrap().unwrap();
        let (bytes, _) =
            nengli::report::write_pdf(Vec::new(), &document.title, [&document], nengli::report::layout::A4, Lang::Tc, &mut |_| true)
                .unwrap();
        crate::pdfread::Pdf::new(&bytes).text().split_whitespace().collect::<String>()
    };
    let text = print(&service);
    assert!(text.contains("試用期內（2013-07-31期滿），只寫評語：不確定等次"), "{text}");
    // A note the official wrote is kept as written.
    let data = YearEndData { undetermined: "新錄用人員，試用期未滿。".into(), ..Default::default() };
    crate::support::yearend_back_to_draft(&mut service, who, 2012);
    step(&mut service, who, 2012, Step::Save, data).unwrap();
    let text = print(&service);
    assert!(text.contains("新錄用人員，試用期未滿。") && !text.contains("只寫評語："), "{text}");
}

#[test]
fn no_demo_grade_is_one_its_verdict_forbids_without_an_override_reason() {
    let service = demo();
    let verdicts = service.verdicts(2012).unwrap();
    assert!(verdicts.values().filter(|v| v.heaviest().is_some()).count() >= 4, "the demo's probationer, sick leave, 警告 and open case");
    let records = service.read().yearends(2012).unwrap();
    let mut judged = 0;
    for record in &records {
        let Some(verdict) = verdicts.get(&record.official) else { continue };
        judged += 1;
        for grade in [record.data.proposed, record.data.grade].into_iter().flatten() {
            assert!(
                verdict.allows(grade) || !record.data.override_reason.is_empty(),
                "{:?} {grade:?} against {verdict:?}",
                record.official
            );
        }
        if !verdict.allows(Grade::Competent) && record.data.grade.is_some() {
            assert!(!record.data.undetermined.is_empty(), "the reason fills 未確定等次說明: {record:?}");
        }
    }
    assert!(judged >= 4, "the four standing records have year-end records to judge");
}
