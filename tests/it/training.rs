//! The training register through the service: the demo bureau's compliance against a count
//! made by hand from its attendance, the attendance import refusing bad rows whole, undo of
//! marks, the tallies marks move agreeing with a recount, printouts of a sign-in sheet and a
//! training file, and the command line.

use crate::support::demo;
use nengli::domain::Lang;
use nengli::domain::catalogue::{OfficialStatus, RankTier};
use nengli::domain::training::{Attendance, Mark, tally};
use nengli::service::command::{SelfCheckCommand, TrainingCommand};
use nengli::service::{Command, ServiceError};
use proptest::prelude::*;
use std::collections::HashMap;

#[test]
fn the_demo_bureaus_compliance_matches_a_count_by_hand() {
    let service = demo();
    let compliance = service.compliance(2012, None).unwrap();
    let sessions = service.sessions(2012).unwrap();
    let rows = service.read().roster_rows().unwrap();
    let serving: Vec<_> = rows.iter().filter(|r| r.status == OfficialStatus::Active).collect();
    // By hand: credited collective sessions and 學時 per person over the year.
    let mut collective: HashMap<_, u32> = HashMap::new();
    let mut hours: HashMap<_, f32> = HashMap::new();
    for session in &sessions {
        for a in service.read().attendance(session.id).unwrap() {
            if a.mark.credits() {
                *hours.entry(a.official).or_default() += a.hours;
                if session.data.kind == "collective" {
                    *collective.entry(a.official).or_default() += 1;
                }
            }
        }
    }
    for row in &serving {
        for record in service.read().study_records(row.id).unwrap() {
            *hours.entry(row.id).or_default() += record.data.hours;
        }
    }
    let general: Vec<_> = serving.iter().filter(|r| r.tier == RankTier::General).collect();
    let met_12 = general.iter().filter(|r| collective.get(&r.id).copied().unwrap_or(0) >= 12).count();
    let up_to_section: Vec<_> = serving.iter().filter(|r| r.tier != RankTier::Division).collect();
    let met_90 = up_to_section.iter().filter(|r| hours.get(&r.id).copied().unwrap_or(0.0) >= 90.0).count();
    let summary = compliance.summary();
    let rule = |code: &str| compliance.rules.iter().position(|r| r.name.en.contains(code)).unwrap();
    let twelve = rule("at least 12 times");
    let ninety = rule("90 hours");
    assert_eq!(summary[twelve], (general.len(), met_12, general.len() - met_12), "≥ 12 collective sessions");
    assert_eq!(summary[ninety], (up_to_section.len(), met_90, up_to_section.len() - met_90), "≥ 90 學時");
    assert!(met_12 > 0 && met_12 < general.len(), "the demo has some of each");
    // One person's file says the same as the compliance line.
    let someone = general[0];
    let file = service.training_file(someone.id, 2012).unwrap();
    let filed: f32 = file.totals.values().map(|t| t.1).sum();
    assert!((filed - hours.get(&someone.id).copied().unwrap_or(0.0)).abs() < 1e-3);
}

fn csv_file(dir: &std::path::Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, body).unwrap();
    path
}

#[test]
fn an_attendance_import_with_bad_rows_stores_nothing_and_names_each_problem() {
    let mut service = demo();
    let session = service.sessions(2012).unwrap().into_iter().find(|s| s.data.kind == "class").unwrap();
    let rows = service.read().roster_rows().unwrap();
    let (a, b) = (&rows[10].staff_no, &rows[11].staff_no);
    let dir = tempfile::tempdir().unwrap();
    let bad = csv_file(
        dir.path(),
        "bad.csv",
        &format!(
            "場次,工號,出勤,學時\n{id},{a},出席,\n9999,{b},出席,\n{id},NOBODY,出席,\n{id},{b},出席,99\n{id},{a},發呆,\n",
            id = session.id
        ),
    );
    let audit = service.read().audit_rows(1_000_000).unwrap().len();
    let before = service.read().attendance(session.id).unwrap();
    let Err(ServiceError::Rows(problems)) = nengli::service::training::import_attendance_file(&mut service, &bad, Lang::Tc) else {
        panic!("the bad file is refused");
    };
    let found: Vec<(usize, String)> = problems.iter().map(|(row, column, _)| (*row, column.clone())).collect();
    assert_eq!(
        found,
        vec![(3, "場次".into()), (4, "工號".into()), (5, "學時".into()), (6, "出勤".into())],
        "session not found, unknown staff number, more 學時 than the session, an unknown mark"
    );
    assert_eq!(service.read().audit_rows(1_000_000).unwrap().len(), audit, "nothing stored");
    assert_eq!(service.read().attendance(session.id).unwrap(), before);
    let good =
        csv_file(dir.path(), "good.csv", &format!("Session,Staff no.,Mark,Hours\n{id},{a},late,12\n{id},{b},absent,\n", id = session.id));
    assert_eq!(nengli::service::training::import_attendance_file(&mut service, &good, Lang::En).unwrap(), 2);
    let marks: HashMap<_, _> =
        service.read().attendance(session.id).unwrap().into_iter().map(|x| (x.official, (x.mark, x.hours))).collect();
    assert_eq!(marks[&rows[10].id], (Mark::Late, 12.0), "partial hours");
    assert_eq!(marks[&rows[11].id], (Mark::Absent, 0.0));
}

#[test]
fn marks_move_the_tallies_and_undo_puts_them_back() {
    let mut service = demo();
    let session = service.sessions(2012).unwrap().into_iter().find(|s| s.data.kind == "class").unwrap();
    let someone = service.read().roster_rows().unwrap().into_iter().find(|r| r.tier == RankTier::General).unwrap().id;
    let hours = |s: &nengli::service::Service| s.read().tallies_of(someone, 2012, 2012).unwrap().iter().map(|t| t.hours).sum::<f32>();
    let before = hours(&service);
    let set = vec![Attendance { official: someone, mark: Mark::Present, hours: session.data.hours, walk_in: true }];
    let applied = service.execute(Command::Training(TrainingCommand::SetAttendance { session: session.id, set, clear: vec![] })).unwrap();
    assert_eq!(hours(&service), before + session.data.hours);
    let too_many = vec![Attendance { official: someone, mark: Mark::Present, hours: session.data.hours + 1.0, walk_in: true }];
    assert!(
        service.execute(Command::Training(TrainingCommand::SetAttendance { session: session.id, set: too_many, clear: vec![] })).is_err()
    );
    let _undone = service.execute(applied.undo).unwrap();
    assert_eq!(hours(&service), before);
    assert!(service.read().attendance(session.id).unwrap().iter().all(|a| a.official != someone));
}

#[test]
fn quota_rules_and_plan_topics_are_data_the_bureau_edits_with_undo() {
    let mut service = demo();
    let rules = service.read().quota_rules().unwrap();
    let mut edited = rules.clone();
    edited[0].min = 6.0;
    edited.remove(6);
    let applied = service.execute(Command::Training(TrainingCommand::SaveQuotaRules(edited))).unwrap();
    let now = service.read().quota_rules().unwrap();
    assert_eq!((now.len(), now[0].min), (6, 6.0));
    assert_eq!(service.compliance(2012, None).unwrap().rules.len(), 6, "compliance follows the rules as stored");
    let mut bad = now.clone();
    bad[1].min = -1.0;
    assert!(matches!(service.execute(Command::Training(TrainingCommand::SaveQuotaRules(bad))), Err(ServiceError::Invalid(_))));
    let _undone = service.execute(applied.undo).unwrap();
    assert_eq!(service.read().quota_rules().unwrap(), rules);
    // A topic added to the plan, then one with sessions refused for deletion.
    let topics = service.read().topics(2012).unwrap();
    let new = nengli::domain::training::Topic { id: 0, title: "稅收新政解讀".into(), schedule: "11月".into(), ..topics[1].clone() };
    let added = service.execute(Command::Training(TrainingCommand::SaveTopic { id: None, topic: Box::new(new) })).unwrap();
    assert_eq!(service.read().topics(2012).unwrap().len(), topics.len() + 1);
    let _removed = service.execute(added.undo).unwrap();
    let used = topics.iter().find(|t| service.read().topic_sessions(t.id).unwrap() > 0).unwrap();
    assert!(matches!(service.execute(Command::Training(TrainingCommand::DeleteTopic { id: used.id })), Err(ServiceError::Invalid(_))));
}

#[test]
fn a_session_serves_improvement_plan_items() {
    use nengli::domain::plans::{PlanItemData, PlanOwner};
    let mut service = demo();
    let someone = service.read().roster_rows().unwrap()[30].id;
    let data =
        PlanItemData { action: "參加稅收業務培訓班".into(), ..PlanItemData::new(PlanOwner::Official(someone), 2012, Some(1)) };
    let _planned = service.execute(Command::SelfCheck(SelfCheckCommand::SavePlanItem { id: None, data })).unwrap();
    let item = service.read().plan_items(PlanOwner::Official(someone), 2012).unwrap().remove(0);
    let session = service.sessions(2012).unwrap().into_iter().find(|s| s.data.kind == "class").unwrap();
    let linked = Command::Training(TrainingCommand::SaveSession {
        id: Some(session.id),
        topic: session.topic,
        data: Box::new(session.data.clone()),
        plan_items: vec![item.id],
    });
    let applied = service.execute(linked).unwrap();
    assert_eq!(service.read().session(session.id).unwrap().unwrap().plan_items, vec![item.id]);
    let _undone = service.execute(applied.undo).unwrap();
    assert!(service.read().session(session.id).unwrap().unwrap().plan_items.is_empty());
    let missing = Command::Training(TrainingCommand::SaveSession {
        id: Some(session.id),
        topic: None,
        data: Box::new(session.data),
        plan_items: vec![99_999],
    });
    assert!(matches!(service.execute(missing), Err(ServiceError::Invalid(_))), "an item that does not exist");
}

/// A demo session credits no more 學時 than the time written on it: an afternoon's 2 hours
/// credit 2, a three-day class 24.
#[test]
fn every_demo_session_credits_the_hours_its_time_of_day_holds() {
    let service = demo();
    let minutes = |hm: &str| {
        let (h, m) = hm.trim().split_once(':').unwrap();
        h.parse::<f32>().unwrap() * 60.0 + m.parse::<f32>().unwrap()
    };
    let sessions = service.sessions(2012).unwrap();
    assert!(sessions.len() > 10);
    for session in sessions {
        let written = &session.data.time;
        let (days, spans) = match written.split_once("天 ") {
            Some((days, spans)) => (days.parse::<f32>().unwrap(), spans),
            None => (1.0, written.as_str()),
        };
        let hours: f32 = spans
            .split('、')
            .map(|span| {
                let (from, to) = span.split_once('-').unwrap();
                (minutes(to) - minutes(from)) / 60.0
            })
            .sum::<f32>()
            * days;
        assert!(
            (hours - session.data.hours).abs() < 0.01,
            "{}: {written} holds {hours} hours, credits {}",
            session.data.title,
            session.data.hours
        );
    }
}

/// One step of a random series on the demo's marks: set a mark (a new one or a replacement),
/// take one away, undo the last change, or delete a session and undo that (which restores its
/// attendance).
#[derive(Clone, Debug)]
enum Step {
    Set { session: usize, official: usize, mark: usize, half_hours: u8 },
    Clear { session: usize, official: usize },
    Undo,
    DeleteAndRestore { session: usize },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..40usize, 0..6usize, 0..4usize, 0..12u8)
            .prop_map(|(session, official, mark, half_hours)| Step::Set { session, official, mark, half_hours }),
        2 => (0..40usize, 0..6usize).prop_map(|(session, official)| Step::Clear { session, official }),
        1 => Just(Step::Undo),
        1 => (0..40usize).prop_map(|session| Step::DeleteAndRestore { session }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

    /// The tallies a mark moves by its change alone are those a full recount of each official's
    /// facts gives, whatever series of marks, replacements, removals and undos led there.
    #[test]
    fn tallies_moved_mark_by_mark_equal_a_recount(steps in proptest::collection::vec(step(), 1..40)) {
        let mut service = demo();
        let sessions = service.sessions(2012).unwrap();
        let people: Vec<_> = service.read().roster_rows().unwrap().into_iter().map(|r| r.id).collect();
        // Six people, so marks are often replaced and a month often holds two sessions.
        let people = &people[..6];
        let mut undo = Vec::new();
        for step in steps {
            let command = match step {
                Step::Set { session, official, mark, half_hours } => {
                    let session = &sessions[session % sessions.len()];
                    let mark = [Mark::Present, Mark::Late, Mark::Leave, Mark::Absent][mark];
                    let hours = if mark.credits() { (f32::from(half_hours) * 0.5).min(session.data.hours) } else { 0.0 };
                    let set = vec![Attendance { official: people[official], mark, hours, walk_in: official % 2 == 0 }];
                    TrainingCommand::SetAttendance { session: session.id, set, clear: vec![] }
                }
                Step::Clear { session, official } => {
                    let session = &sessions[session % sessions.len()];
                    TrainingCommand::SetAttendance { session: session.id, set: vec![], clear: vec![people[official]] }
                }
                Step::Undo => match undo.pop() {
                    Some(Command::Training(command)) => command,
                    _ => continue,
                },
                Step::DeleteAndRestore { session } => {
                    let session = &sessions[session % sessions.len()];
                    let deleted = service.execute(Command::Training(TrainingCommand::DeleteSession { id: session.id })).unwrap();
                    let _restored = service.execute(deleted.undo).unwrap();
                    continue;
                }
            };
            undo.push(service.execute(Command::Training(command)).unwrap().undo);
        }
        let db = service.read();
        for row in db.roster_rows().unwrap() {
            let kept = db.tallies_of(row.id, 2012, 2012).unwrap();
            let counted = tally(&db.facts(row.id, 2012).unwrap());
            let shape = |t: &[nengli::domain::training::Tally]| t.iter().map(|t| (t.year, t.kind.clone(), t.sessions, t.months)).collect::<Vec<_>>();
            prop_assert_eq!(shape(&kept), shape(&counted), "official {:?}", row.id);
            for (k, c) in kept.iter().zip(&counted) {
                prop_assert!((k.hours - c.hours).abs() < 1e-3, "official {:?} {}: {} kept, {} counted", row.id, k.kind, k.hours, c.hours);
            }
        }
    }
}
