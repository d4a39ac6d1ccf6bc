//! The use cases against a demo bureau: each command's rules, and undo that really restores.

use crate::support::demo;
use nengli::domain::catalogue::{Gender, OfficialStatus, RankTier, UnitKind};
use nengli::domain::official::OfficialDraft;
use nengli::domain::org::PostDraft;
use nengli::domain::{Field, OfficialId, Problem, UnitId};
use nengli::service::command::{OrgCommand, ProgrammeCommand, RosterCommand, StandardsCommand, YearEndCommand};
use nengli::service::{Command, Entity, Service, ServiceError};

fn problems(result: Result<nengli::service::Applied, ServiceError>) -> Vec<(Field, Problem)> {
    match result {
        Err(ServiceError::Invalid(problems)) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn unit_named(service: &Service, name: &str) -> UnitId {
    service.read().units().unwrap().into_iter().find(|u| u.name == name).unwrap_or_else(|| panic!("no unit {name}")).id
}

fn draft(unit: UnitId, staff_no: &str) -> OfficialDraft {
    OfficialDraft {
        staff_no: staff_no.into(),
        name: "林小雨".into(),
        gender: Some(Gender::Female),
        birth: "1990.05".into(),
        tier_override: Some(RankTier::General),
        unit: Some(unit),
        status: Some(OfficialStatus::Active),
        ..Default::default()
    }
}

/// Everything a user can see of the bureau, to compare before and after undo.
fn snapshot(service: &Service) -> (Vec<nengli::domain::org::Unit>, Vec<nengli::domain::org::Post>, Vec<nengli::domain::roster::RosterRow>) {
    let db = service.read();
    (db.units().unwrap(), db.posts().unwrap(), db.roster_rows().unwrap())
}

#[test]
fn the_demo_bureau_is_realistic() {
    let service = demo();
    let db = service.read();
    let units = db.units().unwrap();
    for name in ["辦公室", "監察室", "人教科", "法規科", "稅政科", "征管科", "辦稅服務廳", "稽查局", "城關稅務分局", "開發區稅務分局"]
    {
        assert!(units.iter().any(|u| u.name == name), "demo lacks {name}");
    }
    let posts = db.posts().unwrap();
    assert!((35..=50).contains(&posts.len()), "{} posts", posts.len());
    assert!(posts.iter().all(|p| !p.duties.is_empty()
        && !p.standard.is_empty()
        && !p.authority.is_empty()
        && !p.time_limits.is_empty()
        && !p.responsibility.is_empty()));
    let roster = db.roster_rows().unwrap();
    assert!((100..=140).contains(&roster.len()), "{} officials", roster.len());
    for tier in RankTier::ALL {
        assert!(roster.iter().any(|r| r.tier == *tier), "no official of tier {tier:?}");
    }
    assert!(service.store().check().unwrap().is_empty());
}

#[test]
fn officials_are_validated_with_the_stores_knowledge() {
    let mut service = demo();
    let office = unit_named(&service, "辦公室");
    let taken = service.read().roster_rows().unwrap()[0].clone();
    assert_eq!(
        problems(service.execute(Command::Roster(RosterCommand::CreateOfficial(draft(office, &taken.staff_no))))),
        vec![(Field::StaffNo, Problem::DuplicateStaffNo { holder: taken.name })]
    );
    let other_post = service.read().posts().unwrap().into_iter().find(|p| p.unit != office).unwrap();
    let mut wrong_post = draft(office, "N0001");
    wrong_post.post = Some(other_post.id);
    assert_eq!(
        problems(service.execute(Command::Roster(RosterCommand::CreateOfficial(wrong_post)))),
        vec![(Field::Post, Problem::PostInOtherUnit)]
    );
    let mut future = draft(office, "N0002");
    future.birth = "2014.01".into();
    assert_eq!(problems(service.execute(Command::Roster(RosterCommand::CreateOfficial(future)))), vec![(Field::Birth, Problem::InFuture)]);
    let ok = service.execute(Command::Roster(RosterCommand::CreateOfficial(draft(office, " N0003 ")))).unwrap();
    let Entity::Official(id) = ok.entity else { panic!() };
    assert_eq!(service.read().official(id).unwrap().unwrap().staff_no, "N0003");
    // Saving an official under their own staff number is not a duplicate.
    let own = OfficialDraft { name: "林小雨（改）".into(), ..draft(office, "N0003") };
    assert_eq!(service.execute(Command::Roster(RosterCommand::UpdateOfficial { id, draft: own })).unwrap().action, "official.update");
}

#[test]
fn undo_and_redo_restore_every_kind_of_change() {
    let mut service = demo();
    let root = service.read().units().unwrap()[0].id;
    let office = unit_named(&service, "辦公室");
    let start = snapshot(&service);
    let first =
        service.execute(Command::Org(OrgCommand::CreateUnit { parent: root, name: "督察內審科".into(), kind: UnitKind::Section })).unwrap();
    let Entity::Unit(new_unit) = first.entity else { panic!() };
    let post_draft = PostDraft {
        unit: Some(new_unit),
        title: "內審崗".into(),
        tier: Some(RankTier::General),
        headcount: "2".into(),
        ..Default::default()
    };
    let second = service.execute(Command::Org(OrgCommand::CreatePost(post_draft))).unwrap();
    let Entity::Post(post) = second.entity else { panic!() };
    let mut person = draft(new_unit, "N0100");
    person.post = Some(post);
    let third = service.execute(Command::Roster(RosterCommand::CreateOfficial(person.clone()))).unwrap();
    let Entity::Official(official) = third.entity else { panic!() };
    let fourth = service
        .execute(Command::Roster(RosterCommand::UpdateOfficial {
            id: official, draft: OfficialDraft { name: "林大雨".into(), ..person }
        }))
        .unwrap();
    let fifth = service.execute(Command::Org(OrgCommand::MoveUnit { id: new_unit, parent: office })).unwrap();
    let after = snapshot(&service);
    let mut redo = Vec::new();
    for applied in [fifth, fourth, third, second, first] {
        redo.push(service.execute(applied.undo).unwrap().undo);
    }
    assert_eq!(snapshot(&service), start, "undo brings the bureau back exactly");
    for command in redo.into_iter().rev() {
        let _redone = service.execute(command).unwrap();
    }
    assert_eq!(snapshot(&service), after, "redo brings the changes back with the same ids");
}

#[test]
fn deleting_and_restoring_keeps_ids_and_uuids() {
    let mut service = demo();
    let _hired = service.execute(crate::support::newcomer(&service, "N9001")).unwrap();
    let id = crate::support::official_id(&service, "N9001");
    assert!(
        matches!(
            service.execute(Command::Roster(RosterCommand::DeleteOfficial { id: service.read().officials().unwrap()[0].id })),
            Err(nengli::service::ServiceError::Invalid(_))
        ),
        "an official with records is transferred or retired, not deleted"
    );
    let row = service.read().roster_row(id).unwrap().unwrap();
    let before = service.read().official(row.id).unwrap().unwrap();
    let deleted = service.execute(Command::Roster(RosterCommand::DeleteOfficial { id: row.id })).unwrap();
    assert!(service.read().official(row.id).unwrap().is_none());
    assert_eq!(service.execute(deleted.undo).unwrap().action, "official.restore");
    assert_eq!(service.read().official(row.id).unwrap().unwrap(), before);
}

#[test]
fn units_holding_people_cannot_be_deleted_or_retired() {
    let mut service = demo();
    let office = unit_named(&service, "辦公室");
    let usage = service.read().unit_usage(office).unwrap();
    assert!(usage.posts > 0 && usage.officials > 0);
    let refusal = problems(service.execute(Command::Org(OrgCommand::DeleteUnit { id: office })));
    assert_eq!(refusal, vec![(Field::Record, Problem::UnitNotEmpty { children: 0, posts: usage.posts, officials: usage.officials })]);
    assert!(matches!(
        problems(service.execute(Command::Org(OrgCommand::SetUnitRetired { id: office, retired: true })))[0].1,
        Problem::UnitNotEmpty { .. }
    ));
    let root = service.read().units().unwrap()[0].id;
    assert_eq!(problems(service.execute(Command::Org(OrgCommand::DeleteUnit { id: root }))), vec![(Field::Record, Problem::RootFixed)]);
    // An empty unit can be retired, then nothing new can be put in it.
    let empty =
        service.execute(Command::Org(OrgCommand::CreateUnit { parent: root, name: "臨時專班".into(), kind: UnitKind::Team })).unwrap();
    let Entity::Unit(empty) = empty.entity else { panic!() };
    assert_eq!(service.execute(Command::Org(OrgCommand::SetUnitRetired { id: empty, retired: true })).unwrap().action, "unit.retire");
    assert_eq!(
        problems(service.execute(Command::Roster(RosterCommand::CreateOfficial(draft(empty, "N0200"))))),
        vec![(Field::Unit, Problem::UnitRetired)]
    );
    assert_eq!(
        problems(service.execute(Command::Org(OrgCommand::CreateUnit { parent: empty, name: "子組".into(), kind: UnitKind::Team }))),
        vec![(Field::Parent, Problem::UnitRetired)]
    );
    assert_eq!(service.execute(Command::Org(OrgCommand::DeleteUnit { id: empty })).unwrap().action, "unit.delete");
    // An empty unit with history (here its 檢查驗收) is retired, not deleted: deleting would lose it.
    let reviewed =
        service.execute(Command::Org(OrgCommand::CreateUnit { parent: root, name: "專項工作組".into(), kind: UnitKind::Team })).unwrap();
    let Entity::Unit(reviewed) = reviewed.entity else { panic!() };
    let review = nengli::domain::yearend::UnitReview {
        standards: std::array::from_fn(|_| nengli::domain::yearend::Evaluation {
            met: Some(nengli::domain::yearend::Met::Yes),
            text: String::new(),
        }),
        ..Default::default()
    };
    let _reviewed =
        service.execute(Command::YearEnd(YearEndCommand::ReviewUnit { unit: reviewed, year: 2012, review: Box::new(review) })).unwrap();
    let audits = crate::support::audit_count(&service);
    assert_eq!(
        problems(service.execute(Command::Org(OrgCommand::DeleteUnit { id: reviewed }))),
        vec![(Field::Record, Problem::UnitHasRecords { records: 1 })]
    );
    assert_eq!(crate::support::audit_count(&service), audits, "nothing written");
    assert_eq!(service.execute(Command::Org(OrgCommand::SetUnitRetired { id: reviewed, retired: true })).unwrap().action, "unit.retire");
}

#[test]
fn the_tree_cannot_fold_into_itself() {
    let mut service = demo();
    let inspection = unit_named(&service, "稽查局");
    let team = unit_named(&service, "檢查股");
    assert_eq!(
        problems(service.execute(Command::Org(OrgCommand::MoveUnit { id: inspection, parent: team }))),
        vec![(Field::Parent, Problem::Cycle)]
    );
}

#[test]
fn held_posts_cannot_move_retire_or_vanish() {
    let mut service = demo();
    let roster = service.read().roster_rows().unwrap();
    let held = roster.iter().find_map(|r| r.post).unwrap();
    let post = service.read().post(held).unwrap().unwrap();
    let other_unit = unit_named(&service, "監察室");
    let holders = service.read().post_holders(held).unwrap().0;
    let moved = PostDraft { unit: Some(other_unit), ..PostDraft::from_post(&post) };
    assert_eq!(
        problems(service.execute(Command::Org(OrgCommand::UpdatePost { id: held, draft: moved }))),
        vec![(Field::Unit, Problem::PostMoveHeld { officials: holders })]
    );
    assert!(matches!(
        problems(service.execute(Command::Org(OrgCommand::SetPostRetired { id: held, retired: true })))[0].1,
        Problem::PostHeld { .. }
    ));
    assert!(matches!(problems(service.execute(Command::Org(OrgCommand::DeletePost { id: held })))[0].1, Problem::PostHeld { .. }));
}

#[test]
fn a_megabyte_name_is_refused_and_nothing_is_stored() {
    let mut service = demo();
    let office = unit_named(&service, "辦公室");
    let before = snapshot(&service);
    let huge = OfficialDraft { name: "名".repeat(1 << 20), ..draft(office, "N0300") };
    assert_eq!(
        problems(service.execute(Command::Roster(RosterCommand::CreateOfficial(huge)))),
        vec![(Field::Name, Problem::TooLong { max: 50 })]
    );
    assert_eq!(snapshot(&service), before);
    assert!(service.read().official(OfficialId(999_999)).unwrap().is_none());
}

#[test]
fn generated_bureaus_are_reproducible_and_sized() {
    use nengli::domain::yearend::{Grade, Stage};
    use nengli::service::seed;
    let dir = tempfile::tempdir().unwrap();
    let make = |name: &str, seed_value| {
        let path = dir.path().join(name);
        let mut service = Service::new(nengli::store::Store::open(&path, nengli::store::OpenMode::Create).unwrap(), "gen");
        let summary = seed::generate(&mut service, "合成局", 400, 2, seed_value, seed::Fill::Everything).unwrap();
        let year = service.read().bureau().unwrap().unwrap().year;
        drop(service);
        (summary, year, path)
    };
    let (summary, year, first) = make("a.sqlite", 3);
    assert_eq!(summary.officials, 400);
    assert_eq!(year, 2013);
    let conn = rusqlite::Connection::open(&first).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize;
    // Every kind of record, over both years, as the summary counts them.
    assert_eq!(count("SELECT count(*) FROM attendance"), summary.records.attendance);
    assert_eq!(count("SELECT count(*) FROM routine_record"), summary.records.routine);
    assert_eq!(count("SELECT count(*) FROM yearend_record"), summary.records.yearend);
    assert_eq!(count("SELECT count(*) FROM plan_item"), summary.records.plans);
    assert_eq!(count("SELECT count(DISTINCT year) FROM yearend_record"), 2);
    assert_eq!(count("SELECT count(*) FROM routine_period"), 8);
    assert_eq!(count("SELECT count(DISTINCT year) FROM plan_item"), 2);
    assert_eq!(count("SELECT count(*) FROM selfcheck_round"), 2);
    assert!(count("SELECT count(*) FROM training_tally") > 400);
    assert_eq!(count("SELECT count(DISTINCT stage) FROM routine_record"), 4, "平時 results at every stage");
    // The tallies are those the attendance gives.
    let ids: Vec<i64> = conn.prepare("SELECT id FROM official").unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    let tallies = |c: &rusqlite::Connection| -> Vec<(i64, i32, String, i64, f64)> {
        c.prepare("SELECT official_id, year, kind, sessions, hours FROM training_tally ORDER BY 1, 2, 3")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let written = tallies(&conn);
    drop(conn);
    let service = Service::new(nengli::store::Store::open(&first, nengli::store::OpenMode::Existing).unwrap(), "gen");
    let mut service = service;
    service
        .store_mut()
        .write(|db| {
            for id in &ids {
                for y in [2012, 2013] {
                    db.retally(nengli::domain::OfficialId(*id), y)?;
                }
            }
            Ok::<_, nengli::service::ServiceError>(())
        })
        .unwrap();
    drop(service);
    let conn = rusqlite::Connection::open(&first).unwrap();
    assert_eq!(tallies(&conn), written, "the tallies written are those recomputed from the attendance");
    // The last year's year-end records stand at every stage, each with a summary of 600 characters
    // or more; the year before is locked with its grades.
    let records: Vec<(i32, String, Option<String>, String)> = conn
        .prepare("SELECT year, stage, grade, body FROM yearend_record")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for stage in Stage::ALL {
        assert!(records.iter().any(|r| r.0 == 2013 && r.1 == stage.code()), "no {stage:?} record");
    }
    assert!(records.iter().filter(|r| r.0 == 2012).all(|r| r.1 == Stage::Locked.code() && r.2.is_some()));
    let excellent = records.iter().filter(|r| r.2.as_deref() == Some(Grade::Excellent.code())).count();
    assert!(excellent > 0 && excellent * 5 < records.iter().filter(|r| r.2.is_some()).count(), "優秀 under the quota");
    for (_, _, _, body) in &records {
        let data: nengli::domain::yearend::YearEndData = serde_json::from_str(body).unwrap();
        assert!(data.summary.chars().count() >= 600, "{}", data.summary.chars().count());
    }
    drop(conn);
    // The same seed gives the same content (all but the random uuids, the clock and the audit
    // chain); another seed another.
    let (_, _, again) = make("b.sqlite", 3);
    let (_, _, other) = make("c.sqlite", 4);
    assert_eq!(content(&again), content(&first));
    assert_ne!(content(&other), content(&first));
}

/// Every table's rows as text, but for uuids, times and the audit chain, which no seed fixes.
fn content(path: &std::path::Path) -> std::collections::BTreeMap<String, Vec<String>> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit', 'meta') AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut all = std::collections::BTreeMap::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .filter(|c: &String| c != "uuid" && !c.ends_with("_at") && !c.ends_with("_on") && c != "password_hash")
            .collect();
        let sql =
            format!("SELECT {} FROM {table}", columns.iter().map(|c| format!("quote(\"{c}\")")).collect::<Vec<_>>().join(" || '|' || "));
        let mut rows: Vec<String> = conn.prepare(&sql).unwrap().query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
        rows.sort_unstable();
        all.insert(table, rows);
    }
    all
}

#[test]
fn standards_carry_forward_and_last_year_stays_as_it_was() {
    use nengli::domain::standards::{ItemKind, StandardData, StandardItem};
    let mut service = demo();
    let scale = service.read().scale().unwrap();
    // Two posts the demo has no standard for yet: one gets one, the other stays without.
    let demo_standards = service.read().standards(2012).unwrap();
    let posts: Vec<_> = service.read().posts().unwrap().into_iter().filter(|p| !demo_standards.iter().any(|s| s.post == p.id)).collect();
    let (a, b) = (&posts[0], &posts[1]);
    let mut data = StandardData::draft(a.tier, &scale);
    data.items.push(StandardItem { kind: ItemKind::Knowledge, text: "稅收征管法".into(), level: 4 });
    let saved = service.execute(Command::Standards(StandardsCommand::SaveStandard { post: a.id, year: 2012, data: data.clone() })).unwrap();
    assert_eq!(service.read().standard(a.id, 2012).unwrap().unwrap().data, data);
    let copied = service.carry_forward(2012, 2013).unwrap();
    assert_eq!(copied, demo_standards.len() + 1, "the demo's and the new one");
    assert_eq!(service.read().bureau().unwrap().unwrap().year, 2013);
    let mut changed = data.clone();
    changed.levels.insert((a.tier, 1), 5);
    let _edit =
        service.execute(Command::Standards(StandardsCommand::SaveStandard { post: a.id, year: 2013, data: changed.clone() })).unwrap();
    assert_eq!(service.read().standard(a.id, 2012).unwrap().unwrap().data, data, "history is never overwritten");
    assert_eq!(service.read().standard(a.id, 2013).unwrap().unwrap().data, changed);
    assert!(service.read().standard(b.id, 2013).unwrap().is_none());
    assert!(service.carry_forward(2013, 2013).is_err());
    // Undo of the first save removes the 2012 standard again.
    let _undone = service.execute(saved.undo).unwrap();
    assert!(service.read().standard(a.id, 2012).unwrap().is_none());
}

#[test]
fn seat_statements_follow_their_workflow() {
    use nengli::domain::standards::{SeatData, SeatStatus};
    let mut service = demo();
    let scale = service.read().scale().unwrap();
    // One of the few the demo left without a statement.
    let seats = service.read().seat_statements(2012).unwrap();
    let official = service
        .read()
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| o.status == OfficialStatus::Active && !seats.iter().any(|s| s.official == o.id))
        .unwrap();
    let draft = SeatData { motto: "恪盡職守".into(), ..SeatData::draft(official.post, official.tier, None, None, &scale) };
    let submit = |data: &SeatData, status| SeatData { status, ..data.clone() };
    assert_eq!(
        problems(service.execute(Command::Standards(StandardsCommand::SaveSeatStatement {
            official: official.id,
            year: 2012,
            data: submit(&draft, SeatStatus::Submitted)
        }))),
        vec![(Field::Status, Problem::BadStatusChange)]
    );
    let _saved = service
        .execute(Command::Standards(StandardsCommand::SaveSeatStatement { official: official.id, year: 2012, data: draft.clone() }))
        .unwrap();
    assert_eq!(
        problems(service.execute(Command::Standards(StandardsCommand::SaveSeatStatement {
            official: official.id,
            year: 2012,
            data: submit(&draft, SeatStatus::Confirmed)
        }))),
        vec![(Field::Status, Problem::BadStatusChange)]
    );
    let _submitted = service
        .execute(Command::Standards(StandardsCommand::SaveSeatStatement {
            official: official.id,
            year: 2012,
            data: submit(&draft, SeatStatus::Submitted),
        }))
        .unwrap();
    let edited = SeatData { motto: "改過的格言".into(), ..submit(&draft, SeatStatus::Submitted) };
    assert_eq!(
        problems(service.execute(Command::Standards(StandardsCommand::SaveSeatStatement {
            official: official.id,
            year: 2012,
            data: edited
        }))),
        vec![(Field::Record, Problem::Locked)]
    );
    let _confirmed = service
        .execute(Command::Standards(StandardsCommand::SaveSeatStatement {
            official: official.id,
            year: 2012,
            data: submit(&draft, SeatStatus::Confirmed),
        }))
        .unwrap();
    let _reopened = service
        .execute(Command::Standards(StandardsCommand::SaveSeatStatement {
            official: official.id,
            year: 2012,
            data: submit(&draft, SeatStatus::Draft),
        }))
        .unwrap();
    let stored = service.read().seat_statement(official.id, 2012).unwrap().unwrap();
    assert_eq!((stored.data.status, stored.data.motto.as_str(), stored.data.levels.len()), (SeatStatus::Draft, "恪盡職守", 8));
}

#[test]
fn the_bureau_edits_its_own_scale_and_undo_restores_the_shipped_one() {
    let mut service = demo();
    let shipped = service.read().scale().unwrap();
    let mut edited = shipped.clone();
    edited.descriptors.get_mut(&(1, 3)).unwrap().tc = "能獨立完成本崗位學習任務".into();
    edited.tier_levels.insert(RankTier::General, 2);
    let saved = service.execute(Command::Standards(StandardsCommand::SaveScale(edited.clone()))).unwrap();
    let stored = service.read().scale().unwrap();
    assert_eq!(stored.descriptor(1, 3, nengli::domain::Lang::Tc), "能獨立完成本崗位學習任務");
    assert_eq!(stored.default_level(RankTier::General), 2);
    let mut blank = edited.clone();
    blank.descriptors.get_mut(&(2, 1)).unwrap().en = "  ".into();
    assert!(matches!(service.execute(Command::Standards(StandardsCommand::SaveScale(blank))), Err(ServiceError::Invalid(_))));
    let _undone = service.execute(saved.undo).unwrap();
    assert_eq!(service.read().scale().unwrap(), shipped);
}

#[test]
fn the_programme_measures_progress_from_the_demo_data() {
    use nengli::domain::programme::{Measure, Ratio, measure};
    let mut service = demo();
    let figures = |service: &Service| {
        let data = nengli::service::printing::ProgrammeFacts::read(service, 2012).unwrap();
        let facts = data.facts();
        Measure::ALL.map(|m| measure(&facts, m))
    };
    let before = figures(&service);
    assert_eq!(before[0], Some(Ratio { done: 41, total: 41 }), "every demo post has a duty statement");
    // Standards complete for the post's own tier, and serving officials with a seat statement, counted by hand.
    let posts = service.read().posts().unwrap();
    let standards = service.read().standards(2012).unwrap();
    let complete = |standards: &[nengli::domain::standards::PostStandard]| {
        posts.iter().filter(|p| standards.iter().any(|s| s.post == p.id && s.data.missing(p.tier).is_empty())).count()
    };
    assert_eq!(before[1], Some(Ratio { done: complete(&standards), total: 41 }));
    assert!(complete(&standards) > 30 && complete(&standards) < 41, "most demo standards are complete, not all");
    let seats = service.read().seat_statements(2012).unwrap();
    let serving_ids: Vec<_> = service
        .read()
        .roster_rows()
        .unwrap()
        .into_iter()
        .filter(|r| r.status == nengli::domain::catalogue::OfficialStatus::Active)
        .map(|r| r.id)
        .collect();
    let seated = serving_ids.iter().filter(|id| seats.iter().any(|s| s.official == **id)).count();
    assert_eq!(before[2].map(|r| r.done), Some(seated));
    assert!(seated > 0 && seated < serving_ids.len());
    let serving =
        service.read().roster_rows().unwrap().iter().filter(|r| r.status == nengli::domain::catalogue::OfficialStatus::Active).count();
    let handed_in = service.read().handed_in(2012).unwrap().len();
    assert_eq!(before[3], Some(Ratio { done: handed_in, total: serving }), "self-checks handed in this year");
    assert!(handed_in > 0 && handed_in < serving);
    let planned = service.read().planned(2012).unwrap();
    let planned = serving_ids.iter().filter(|id| planned.contains(id)).count();
    assert_eq!(before[4], Some(Ratio { done: planned, total: serving }), "officials with an improvement plan");
    assert!(planned > 0 && planned < serving);
    // Training: serving officials credited for a 2012 session or with a 2012 study record, counted by hand.
    let db = service.read();
    let mut trained = std::collections::HashSet::new();
    for session in db.sessions(2012).unwrap() {
        trained.extend(db.attendance(session.id).unwrap().into_iter().filter(|a| a.mark.credits()).map(|a| a.official));
    }
    for row in db.roster_rows().unwrap() {
        if db.study_records(row.id).unwrap().iter().any(|r| chrono::Datelike::year(&r.data.start) == 2012) {
            trained.insert(row.id);
        }
    }
    let serving_trained = db
        .roster_rows()
        .unwrap()
        .iter()
        .filter(|r| r.status == nengli::domain::catalogue::OfficialStatus::Active && trained.contains(&r.id))
        .count();
    assert_eq!(before[5], Some(Ratio { done: serving_trained, total: serving }), "officials trained this year");
    assert!(serving_trained > 0 && serving_trained <= serving);
    let post = posts.iter().find(|p| !standards.iter().any(|s| s.post == p.id)).unwrap().clone();
    let scale = service.read().scale().unwrap();
    let _saved = service
        .execute(Command::Standards(StandardsCommand::SaveStandard {
            post: post.id,
            year: 2012,
            data: nengli::domain::standards::StandardData::draft(post.tier, &scale),
        }))
        .unwrap();
    assert_eq!(figures(&service)[1], Some(Ratio { done: complete(&standards) + 1, total: 41 }));
}

#[test]
fn a_new_year_copies_the_programme_with_dates_shifted_and_keeps_the_old_one() {
    use nengli::domain::programme::MilestoneStatus;
    let mut service = demo();
    let old = service.read().programme(2012).unwrap().unwrap();
    assert_eq!(old.phases[0].milestones[0].data.status, MilestoneStatus::Done, "the demo's mobilisation is done");
    assert!(!old.members.is_empty(), "the demo has a leading group");
    let _copied = service.carry_forward(2012, 2013).unwrap();
    let new = service.read().programme(2013).unwrap().expect("copied");
    for (a, b) in old.phases.iter().zip(&new.phases) {
        assert_eq!(b.start, nengli::domain::programme::shift_years(a.start, 1));
        assert_eq!(b.end, nengli::domain::programme::shift_years(a.end, 1));
        assert!(b.milestones.iter().all(|m| m.data.status == MilestoneStatus::NotStarted && m.data.done_on.is_none()));
    }
    assert_eq!(new.members.len(), old.members.len());
    assert_eq!(service.read().programme(2012).unwrap().unwrap(), old, "last year stays as it was");
}

#[test]
fn milestones_phases_and_members_change_with_undo() {
    use nengli::domain::programme::{Member, MilestoneData, MilestoneStatus, Role};
    let mut service = demo();
    let programme = service.read().programme(2012).unwrap().unwrap();
    // One the demo has under way.
    let milestone = programme.phases[1].milestones[1].clone();
    let done =
        MilestoneData {
            status: MilestoneStatus::Done, done_on: None, notes: "已完成全部崗位說明書".into(), ..milestone.data.clone()
        };
    let applied = service.execute(Command::Programme(ProgrammeCommand::UpdateMilestone { id: milestone.id, data: done })).unwrap();
    let stored = service.read().milestone(milestone.id).unwrap().unwrap();
    assert_eq!((stored.status, stored.done_on), (MilestoneStatus::Done, Some(crate::support::today())), "done gets today's date");
    let _undone = service.execute(applied.undo).unwrap();
    assert_eq!(service.read().milestone(milestone.id).unwrap().unwrap(), milestone.data);
    let phase = &programme.phases[2];
    assert_eq!(
        problems(service.execute(Command::Programme(ProgrammeCommand::UpdatePhaseDates {
            id: phase.id,
            start: phase.end,
            end: phase.start
        }))),
        vec![(Field::Record, Problem::BadDate)]
    );
    let added = service
        .execute(Command::Programme(ProgrammeCommand::AddMember {
            programme: programme.id,
            member: Member { name: "王主任".into(), role: Role::OfficeMember, duty: "材料".into() },
        }))
        .unwrap();
    assert_eq!(service.read().programme(2012).unwrap().unwrap().members.len(), programme.members.len() + 1);
    let _removed = service.execute(added.undo).unwrap();
    assert_eq!(service.read().programme(2012).unwrap().unwrap().members.len(), programme.members.len());
}

/// The demo is a bureau in the middle of its programme, seen as of a day inside it that the file
/// keeps: most standards complete, seat statements, year-end records and plan items at every
/// stage; a real bureau's today stays the calendar's.
#[test]
fn the_demo_is_a_bureau_mid_programme_as_of_its_own_day() {
    use nengli::domain::plans::{PlanOwner, PlanStatus};
    use nengli::domain::standards::SeatStatus;
    use nengli::domain::yearend::Stage;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    crate::support::demo_file(&path);
    // Opened again, by the window or the command line alike, the file's day is today.
    let service = Service::new(nengli::store::Store::open(&path, nengli::store::OpenMode::Existing).unwrap(), "cli");
    let day = nengli::service::seed::demo_today();
    assert_eq!((service.demo_day(), service.today()), (Some(day), day));
    let worker = Service::acting_as(nengli::store::Store::open(&path, nengli::store::OpenMode::Existing).unwrap(), service.acting());
    assert_eq!(worker.today(), day, "a worker thread's service sees the same day");
    let db = service.read();
    let posts = db.posts().unwrap();
    let standards = db.standards(2012).unwrap();
    let complete = posts.iter().filter(|p| standards.iter().any(|s| s.post == p.id && s.data.is_complete(p.data.tier))).count();
    assert!(complete * 4 > posts.len() * 3 && complete < posts.len(), "most, not all, complete: {complete} of {}", posts.len());
    let seats = db.seat_statements(2012).unwrap();
    for status in SeatStatus::ALL {
        assert!(seats.iter().any(|s| s.data.status == status), "a seat statement {status:?}");
    }
    let records = db.yearends(2012).unwrap();
    for stage in [Stage::Draft, Stage::Submitted, Stage::Commented, Stage::Decided, Stage::Locked] {
        assert!(records.iter().any(|r| r.stage == stage), "a year-end record {stage:?}");
    }
    assert!(records.iter().any(|r| r.stage == Stage::Draft && !r.data.reason.is_empty()), "one returned with a reason");
    let reviewer = db.users().unwrap().into_iter().find(|u| u.data.username == "reviewer").unwrap().data.units[0];
    let officials = db.officials().unwrap();
    assert!(
        records.iter().any(|r| r.stage == Stage::Submitted && officials.iter().any(|o| o.id == r.official && o.unit == reviewer)),
        "the demo reviewer has a summary to comment on"
    );
    let mut items = Vec::new();
    for official in &officials {
        items.extend(db.plan_items(PlanOwner::Official(official.id), 2012).unwrap());
    }
    for status in [PlanStatus::Planned, PlanStatus::Doing, PlanStatus::Done] {
        assert!(items.iter().any(|i| i.data.status == status), "a plan item {status:?}");
    }
    assert!(items.iter().any(|i| i.data.status != PlanStatus::Done && i.data.due.is_some_and(|d| d < day)), "one overdue");
    let programme = db.programme(2012).unwrap().unwrap();
    assert!(programme.current_phase(day).is_some(), "the day is inside the programme");
    let agenda = programme.agenda(day);
    assert!(agenda.iter().any(|(_, s)| *s == nengli::domain::programme::Shown::Overdue), "a milestone past its day");
    assert!(agenda.iter().any(|(_, s)| *s != nengli::domain::programme::Shown::Overdue), "not every one");
    // A bureau set up for real has no demo day.
    let mut real = Service::new(nengli::store::Store::open_in_memory().unwrap(), "cli");
    let _root = real.init_bureau("某縣稅務局", 2026, &nengli::domain::catalogue::Catalogue::shipped()).unwrap();
    let real = Service::new(real.into_store(), "cli");
    assert_eq!((real.demo_day(), real.today()), (None, chrono::Local::now().date_naive()));
}
