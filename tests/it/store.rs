//! Storage: migrations on an empty file, refusing foreign and newer files untouched, the
//! schema's own checks against raw SQL, and audit rows that live and die with their change.

use crate::support::{demo, file_bytes};
use nengli::domain::catalogue::Catalogue;
use nengli::service::command::{OrgCommand, SelfCheckCommand};
use nengli::service::{Command, Service, ServiceError};
use nengli::store::{APPLICATION_ID, LATEST_VERSION, OpenMode, Store, StoreError};

#[test]
fn a_new_file_is_migrated_and_stamped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite");
    let store = Store::open(&path, OpenMode::Create).unwrap();
    assert_eq!(store.migrated(), (1..=LATEST_VERSION).collect::<Vec<_>>().as_slice());
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!((app_id, version, journal.as_str()), (APPLICATION_ID, LATEST_VERSION, "wal"));
    let strict: i64 = conn
        .query_row("SELECT count(*) FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' AND strict = 0", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(strict, 0, "every table is STRICT");
    let reopened = Store::open(&path, OpenMode::Existing).unwrap();
    assert!(reopened.migrated().is_empty(), "a current file is not migrated again");
}

#[test]
fn a_missing_file_is_not_created_when_it_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("absent.sqlite");
    assert!(matches!(Store::open(&path, OpenMode::Existing), Err(StoreError::Missing(_))));
    assert!(!path.exists());
}

#[test]
fn a_foreign_sqlite_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('someone else''s data');").unwrap();
    }
    let before = file_bytes(&path);
    assert!(matches!(Store::open(&path, OpenMode::Existing), Err(StoreError::Foreign)));
    assert_eq!(file_bytes(&path), before);
    assert!(!dir.path().join("other.sqlite-wal").exists());
}

#[test]
fn another_programs_application_id_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", 0x1234_5678).unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    }
    let before = file_bytes(&path);
    assert!(matches!(Store::open(&path, OpenMode::Create), Err(StoreError::Foreign)));
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.sqlite");
    drop(Store::open(&path, OpenMode::Create).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = file_bytes(&path);
    match Store::open(&path, OpenMode::Existing) {
        Err(StoreError::TooNew { found, supported }) => assert_eq!((found, supported), (LATEST_VERSION + 1, LATEST_VERSION)),
        other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
    }
    assert_eq!(file_bytes(&path), before);
}

#[test]
fn text_and_damaged_files_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("roster.csv");
    std::fs::write(&text, "工號,姓名\nGS00001,張偉\n").unwrap();
    assert!(matches!(Store::open(&text, OpenMode::Existing), Err(StoreError::NotADatabase)));
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "工號,姓名\nGS00001,張偉\n");
    let mut truncated = b"SQLite format 3\0".to_vec();
    truncated.extend([0u8; 20]);
    let short = dir.path().join("short.sqlite");
    std::fs::write(&short, &truncated).unwrap();
    assert!(matches!(Store::open(&short, OpenMode::Existing), Err(StoreError::NotADatabase)));
    assert_eq!(file_bytes(&short), truncated);
}

#[test]
fn the_schema_refuses_bad_rows_from_raw_sql() {
    let service = demo();
    let store = service.store();
    let bad = [
        "INSERT INTO official (uuid, staff_no, name, gender, birth, tier, unit_id) VALUES ('u1', 'X1', '王五', 'male', '1985.13', 'general', 1)",
        "INSERT INTO official (uuid, staff_no, name, gender, birth, tier, unit_id) VALUES ('u2', 'X2', '王五', 'other', '1985.03', 'general', 1)",
        "INSERT INTO official (uuid, staff_no, name, gender, birth, tier, unit_id) VALUES ('u3', 'GS00001', '王五', 'male', '1985.03', 'general', 1)",
        "INSERT INTO official (uuid, staff_no, name, gender, birth, tier, unit_id) VALUES ('u4', 'X4', '', 'male', '1985.03', 'general', 1)",
        "INSERT INTO official (uuid, staff_no, name, gender, birth, tier, unit_id) VALUES ('u5', 'X5', '王五', 'male', '1985.03', 'general', 9999)",
        "INSERT INTO official (uuid, staff_no, name, gender, birth, tier, unit_id, post_since) VALUES ('u6', 'X6', '王五', 'male', '1985.03', 'general', 1, '2013-02-30')",
        "UPDATE official SET post_id = (SELECT id FROM post WHERE unit_id <> official.unit_id LIMIT 1) WHERE id = 1",
        "INSERT INTO post (uuid, unit_id, title, tier, headcount) VALUES ('p1', 1, '崗', 'general', 5000)",
        "INSERT INTO unit (uuid, parent_id, name, kind) VALUES ('n1', NULL, '第二個局', 'bureau')",
        "INSERT INTO unit (uuid, parent_id, name, kind) VALUES ('n2', 1, '   ', 'section')",
        "UPDATE phase SET end_date = '2011-01-01' WHERE position = 1",
        "INSERT INTO capability (uuid, position, code, name_tc, name_sc, name_en, slogan_tc, slogan_sc, slogan_en) VALUES ('c9', 9, 'x', 'x', 'x', 'x', '', '', '')",
    ];
    for sql in bad {
        assert!(matches!(store.execute_raw(sql), Err(StoreError::Constraint(_))), "accepted: {sql}");
    }
    assert!(store.check().unwrap().is_empty());
}

#[test]
fn a_refused_change_leaves_no_audit_row_and_no_data() {
    let mut service = demo();
    let audit_before = service.read().audit_rows(10_000).unwrap().len();
    let units_before = service.read().units().unwrap();
    let result = service.store_mut().write(|db| -> Result<(), ServiceError> {
        db.insert_unit(None, "uuid-x", Some(units_before[0].id), "臨時科", nengli::domain::catalogue::UnitKind::Section, 99)?;
        db.audit("tester", "unit.create", "unit", None, None, None)?;
        Err(ServiceError::Invalid(vec![]))
    });
    assert!(result.is_err());
    assert_eq!(service.read().audit_rows(10_000).unwrap().len(), audit_before);
    assert_eq!(service.read().units().unwrap(), units_before);
}

#[test]
fn each_change_writes_exactly_one_audit_row_in_its_transaction() {
    let mut service = demo();
    let root = service.read().units().unwrap()[0].id;
    let before = service.read().audit_rows(10_000).unwrap().len();
    let applied = service
        .execute(Command::Org(OrgCommand::CreateUnit {
            parent: root,
            name: "督察內審科".into(),
            kind: nengli::domain::catalogue::UnitKind::Section,
        }))
        .unwrap();
    let rows = service.read().audit_rows(10_000).unwrap();
    assert_eq!(rows.len(), before + 1);
    assert_eq!((rows[0].action.as_str(), rows[0].actor.as_str()), ("unit.create", "tester"));
    assert!(rows[0].after.as_deref().unwrap().contains("督察內審科"));
    assert!(matches!(applied.entity, nengli::service::Entity::Unit(_)));
}

#[test]
fn the_catalogue_round_trips_through_the_database() {
    let service = demo();
    assert_eq!(service.read().catalogue().unwrap(), Catalogue::shipped());
    let info = service.read().bureau().unwrap().unwrap();
    assert_eq!((info.name.as_str(), info.year), ("示範縣國家稅務局", 2012));
}

#[test]
fn init_refuses_a_second_bureau_in_the_same_file() {
    let mut service = demo();
    let err = service.init_bureau("另一個局", 2013, &Catalogue::shipped()).unwrap_err();
    assert!(matches!(err, ServiceError::Invalid(ref p) if p[0].problem == nengli::domain::Problem::AlreadySetUp));
    let _: &Service = &service;
}

/// A schema-1 bureau built by hand, as the first release wrote it, for the programme year `year`.
fn version_1_file(path: &std::path::Path, year: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(include_str!("../../src/store/sql/001_init.sql")).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO capability (uuid, position, code, name_tc, name_sc, name_en, slogan_tc, slogan_sc, slogan_en)
           VALUES ('c1', 1, 'learning', '學習力', '学习力', 'Learning', '', '', '');
         INSERT INTO meta VALUES ('bureau_name', '舊版局'), ('programme_year', '{year}');
         INSERT INTO unit (uuid, parent_id, name, kind) VALUES ('u1', NULL, '舊版局', 'bureau');
         INSERT INTO audit (actor, action, entity, entity_id) VALUES ('admin', 'bureau.init', 'unit', 1);
         INSERT INTO audit (actor, action, entity, entity_id) VALUES ('admin', 'unit.rename', 'unit', 1);"
    ))
    .unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
}

#[test]
fn an_upgrade_that_cannot_finish_leaves_the_file_at_its_old_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    // A year the programme table refuses: the programme made during the upgrade fails.
    version_1_file(&path, "1990");
    let err = Store::open(&path, OpenMode::Existing).err().expect("refused");
    assert!(matches!(err, StoreError::UpgradeFailed { from: 1, .. }), "{err:?}");
    assert!(nengli::messages::store_error(nengli::domain::Lang::Tc, &err).starts_with("無法把資料庫從第 1 版結構升級，檔案保持原樣"));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "nothing of the upgrade stayed");
    let hashes: i64 = conn.query_row("SELECT count(*) FROM pragma_table_info('audit') WHERE name = 'hash'", [], |r| r.get(0)).unwrap();
    assert_eq!(hashes, 0, "schema 4's column was rolled back with the rest");
}

#[test]
fn a_version_1_database_upgrades_with_the_scale_and_a_programme_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite");
    version_1_file(&path, "2012");
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(store.migrated(), (2..=LATEST_VERSION).collect::<Vec<_>>().as_slice());
    let backups = nengli::backup::list(&path).unwrap();
    assert!(backups.len() == 1 && backups[0].before_upgrade, "a backup before the upgrade: {backups:?}");
    nengli::store::verify_file(&backups[0].path).unwrap();
    let db = store.read();
    let programme = db.programme(2012).unwrap().expect("this year's programme made from the catalogue");
    assert_eq!(programme.name.tc, "能力建設年", "a missing programme name falls back to the shipped one");
    assert_eq!(db.bureau().unwrap().unwrap().name, "舊版局");
    let scale = db.scale().unwrap();
    assert_eq!(scale.descriptors.len(), 5, "the one capability got five level descriptors");
    assert_eq!(scale.default_level(nengli::domain::catalogue::RankTier::Division), 5);
    assert!(store.check().unwrap().iter().all(|p| p.is_note()), "the entries from before the chain were linked in: {:?}", store.check());
    assert!(matches!(store.execute_raw("UPDATE audit SET actor = 'x' WHERE id = 1"), Err(StoreError::Constraint(_))));
}

/// Schema 14's tables (民主測評, the calendar, the 公示), dropped to make a file of an older schema.
const APPRAISAL_TABLES: [&str; 4] =
    ["DROP TABLE publicity", "DROP TABLE ballot_code", "DROP TABLE ballot_tally", "DROP TABLE calendar_day"];

/// Schemas 12, 10 and 11's tables (平時考核, the photo and unit aliases, the 任免審批表), dropped
/// to make a file older than schema 10.
const ROUTINE_AND_CADRE_TABLES: [&str; 10] = [
    "DROP TABLE special_result",
    "DROP TABLE special_event",
    "DROP TABLE routine_closed",
    "DROP TABLE routine_record",
    "DROP TABLE routine_period",
    "DROP TABLE official_photo",
    "DROP TABLE unit_alias",
    "DROP TABLE official_resume",
    "DROP TABLE official_family",
    "DROP TABLE official_cadre",
];

/// Schema 13's tables (officials' standing, working days, the 名額分配表), dropped to make a file
/// of an older schema.
const STANDING_TABLES: [&str; 7] = [
    "DROP TABLE excellent_allocation",
    "DROP TABLE working_days",
    "DROP TABLE official_probation",
    "DROP TABLE official_secondment",
    "DROP TABLE official_leave",
    "DROP TABLE official_investigation",
    "DROP TABLE official_sanction",
];

/// A bureau of schema 9 (職務 and 職級 in one text, the tier typed by hand, 任現職時間 a day)
/// upgrades with every official kept, each typed tier kept as that person's own.
#[test]
fn the_cadre_record_upgrade_keeps_every_official_and_their_typed_tier() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.sqlite");
    crate::support::demo_file(&path);
    let before = Store::open(&path, OpenMode::Existing).unwrap().read().officials().unwrap();
    {
        let store = Store::open(&path, OpenMode::Existing).unwrap();
        for sql in STANDING_TABLES.into_iter().chain([
            "PRAGMA foreign_keys = OFF",
            "CREATE TABLE old_official (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, staff_no TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                gender TEXT NOT NULL, birth TEXT NOT NULL, political TEXT NOT NULL DEFAULT '', education TEXT NOT NULL DEFAULT '',
                tier TEXT NOT NULL, position_title TEXT NOT NULL DEFAULT '', unit_id INTEGER NOT NULL REFERENCES unit(id), post_id INTEGER,
                post_since TEXT CHECK (post_since IS NULL OR date(post_since) IS post_since),
                status TEXT NOT NULL DEFAULT 'active', FOREIGN KEY (post_id, unit_id) REFERENCES post(id, unit_id)) STRICT",
            "INSERT INTO old_official SELECT id, uuid, staff_no, name, gender, birth, political, education, tier, position_title,
                unit_id, post_id, CASE WHEN post_since GLOB '*-*' THEN post_since ELSE replace(post_since, '.', '-') || '-01' END, status FROM official",
            "DROP TABLE official",
            "ALTER TABLE old_official RENAME TO official",
        ])
        .chain(APPRAISAL_TABLES)
        .chain(ROUTINE_AND_CADRE_TABLES)
        .chain(["PRAGMA user_version = 9"])
        {
            store.execute_raw(sql).unwrap();
        }
    }
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(store.migrated(), (10..=LATEST_VERSION).collect::<Vec<_>>().as_slice());
    let after = store.read().officials().unwrap();
    assert_eq!(after.len(), before.len());
    for (old, new) in before.iter().zip(&after) {
        assert_eq!(
            (new.id, &new.uuid, &new.staff_no, &new.name, new.birth, new.unit, new.post),
            (old.id, &old.uuid, &old.staff_no, &old.name, old.birth, old.unit, old.post)
        );
        assert_eq!(new.tier, old.tier, "no one's tier changes on upgrade");
        assert_eq!(new.tier_override, Some(old.tier), "the typed tier is kept as the person's own");
        assert_eq!(new.post_since.map(|s| s.month()), old.post_since.map(|s| s.month()));
    }
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
}

/// A bureau of schema 12 upgrades to the standing tables with everything it held kept, and the
/// share of 優秀 it had set becomes the quota's.
#[test]
fn the_standing_upgrade_keeps_every_record_and_the_share_set_before() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v12.sqlite");
    crate::support::demo_file(&path);
    let (officials, yearends, audit) = {
        let store = Store::open(&path, OpenMode::Existing).unwrap();
        let db = store.read();
        (db.officials().unwrap(), db.yearends(2012).unwrap(), db.audit_rows(100_000).unwrap().len())
    };
    {
        let store = Store::open(&path, OpenMode::Existing).unwrap();
        for sql in STANDING_TABLES
            .into_iter()
            .chain([
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('excellent_percent', '25')",
                "DELETE FROM meta WHERE key = 'excellent_quota'",
            ])
            .chain(APPRAISAL_TABLES)
            .chain(["PRAGMA user_version = 12"])
        {
            store.execute_raw(sql).unwrap();
        }
    }
    let store = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(store.migrated(), &[13, 14]);
    let db = store.read();
    assert_eq!(db.officials().unwrap(), officials);
    assert_eq!(db.yearends(2012).unwrap(), yearends);
    assert_eq!(db.audit_rows(100_000).unwrap().len(), audit);
    assert_eq!(db.excellent_rules().unwrap().percent, 25, "the share set before is kept");
    assert!(db.standing(officials[0].id).unwrap().is_empty());
    assert!(store.check().unwrap().is_empty(), "{:?}", store.check());
}

#[test]
fn a_database_on_a_network_share_is_opened_with_a_rollback_journal_and_works() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.sqlite");
    crate::support::demo_file(&path);
    let local = Store::open(&path, OpenMode::Existing).unwrap();
    assert!(!local.on_network_share());
    assert_eq!(local.journal_mode().unwrap(), "wal");
    drop(local);
    let mut shared = Store::open_on(&path, OpenMode::Existing, true).unwrap();
    assert!(shared.on_network_share());
    assert_eq!(shared.journal_mode().unwrap(), "delete", "WAL needs shared memory a network filesystem lacks");
    shared.write(|db| db.audit("tester", "unit.update", "unit", Some(1), None, Some("{}"))).unwrap();
    assert!(shared.check().unwrap().is_empty());
    assert!(!dir.path().join("shared.sqlite-wal").exists(), "no WAL file is left on the share");
    drop(shared);
    let again = Store::open(&path, OpenMode::Existing).unwrap();
    assert_eq!(again.read().audit_rows(1).unwrap()[0].action, "unit.update", "the change made on the share is kept");
}

#[test]
fn the_audit_trail_is_found_by_person_record_and_day() {
    use nengli::domain::audit::Filter;
    let service = demo();
    let db = service.read();
    let all = db.audit_rows(10_000).unwrap();
    let today = chrono::Utc::now().date_naive();
    let find = |filter: Filter| db.audit_find(&filter, 10_000).unwrap();
    assert_eq!(find(Filter { actor: "test".into(), ..Filter::default() }), all, "part of the name");
    assert!(find(Filter { actor: "nobody".into(), ..Filter::default() }).is_empty());
    assert_eq!(find(Filter { from: Some(today), to: Some(today), ..Filter::default() }), all, "the last day is included");
    assert!(find(Filter { to: today.pred_opt(), ..Filter::default() }).is_empty());
    assert!(find(Filter { from: today.succ_opt(), ..Filter::default() }).is_empty());
    let init = find(Filter { text: "bureau.init".into(), ..Filter::default() });
    assert_eq!(init.len(), 1);
    assert_eq!(db.audit_find(&Filter::default(), 1).unwrap(), all[..1], "newest first, limited");
}

#[test]
fn the_audit_trail_is_append_only_and_a_change_behind_its_back_shows() {
    let service = demo();
    let store = service.store();
    assert!(store.read().audit_rows(10).unwrap().len() > 1, "the demo leaves a trail");
    for sql in ["UPDATE audit SET actor = 'someone else' WHERE id = 2", "DELETE FROM audit WHERE id = 2", "DELETE FROM audit"] {
        assert!(matches!(store.execute_raw(sql), Err(StoreError::Constraint(_))), "accepted: {sql}");
    }
    assert!(store.check().unwrap().is_empty());
    // Around the triggers, with raw SQL: the chain no longer holds and check says from where.
    store.execute_raw("DROP TRIGGER audit_entries_remain").unwrap();
    store.execute_raw("DELETE FROM audit WHERE id = 1").unwrap();
    let problems = store.check().unwrap();
    assert_eq!(
        problems,
        [
            nengli::store::CheckProblem::AuditTrigger("audit_entries_remain".into()),
            nengli::store::CheckProblem::AuditChain { first: 2, count: 1 }
        ]
    );
    assert_eq!(nengli::messages::check_problem(nengli::domain::Lang::Tc, &problems[1]), "修改記錄自第 2 條起被改動或刪除（共 1 處）");
}

#[test]
fn the_exam_kinds_upgrade_keeps_every_test_and_score() {
    use nengli::domain::selfcheck::{Test, TestKind};
    use nengli::service::{Command, Service};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("six.sqlite");
    crate::support::demo_file(&path);
    let official = {
        let mut service = Service::new(Store::open(&path, OpenMode::Existing).unwrap(), "tester");
        let test = Test { id: 0, name: "崗位測試".into(), kind: TestKind::Post, date: crate::support::today(), pass_mark: 60.0 };
        let _added = service.execute(Command::SelfCheck(SelfCheckCommand::AddTest(test))).unwrap();
        let official = service.read().officials().unwrap()[3].id;
        let _scored = service.execute(Command::SelfCheck(SelfCheckCommand::SetScore { test: 1, official, score: Some(75.0) })).unwrap();
        // The file as schema 6 had it: the test table's CHECK without the exam kinds, and no
        // year-end records yet.
        let store = service.into_store();
        for sql in STANDING_TABLES.into_iter().chain([
            "PRAGMA foreign_keys = OFF",
            "CREATE TABLE old_test (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('post', 'spot')), date TEXT NOT NULL, pass_mark REAL NOT NULL) STRICT",
            "INSERT INTO old_test SELECT id, uuid, name, kind, date, pass_mark FROM capability_test",
            "DROP TABLE capability_test",
            "ALTER TABLE old_test RENAME TO capability_test",
            "DROP TABLE yearend_record",
            "DROP TABLE yearend_unit_review",
        ])
        .chain(APPRAISAL_TABLES)
        .chain(ROUTINE_AND_CADRE_TABLES)
        .chain(["PRAGMA user_version = 6"])
        {
            let _ = store.execute_raw(sql);
        }
        official
    };
    let mut service = Service::new(Store::open(&path, OpenMode::Existing).unwrap(), "tester").with_today(crate::support::today());
    assert_eq!(service.store().migrated(), (7..=LATEST_VERSION).collect::<Vec<_>>().as_slice());
    assert_eq!(service.read().scores_of(official).unwrap().len(), 1, "the score survived the rebuild");
    let exam =
        Test { id: 0, name: "五基達標考試".into(), kind: TestKind::FiveBasics, date: crate::support::today(), pass_mark: 60.0 };
    let _added = service.execute(Command::SelfCheck(SelfCheckCommand::AddTest(exam))).unwrap();
    let _scored = service.execute(Command::SelfCheck(SelfCheckCommand::SetScore { test: 2, official, score: Some(58.0) })).unwrap();
    let file = service.training_file(official, 2013).unwrap();
    assert_eq!(
        file.scores.iter().map(|(t, s)| (t.kind, *s)).collect::<Vec<_>>(),
        vec![(TestKind::FiveBasics, 58.0), (TestKind::Post, 75.0)]
    );
    assert!(service.store().check().unwrap().is_empty());
}

/// Opening does not read the whole file when nengli closed it cleanly, nothing has changed it
/// since and it passed a check today; a change by anything else, a crash or a new day means
/// `quick_check` before any write, so damage is still found first.
#[test]
fn a_file_checked_today_and_closed_cleanly_is_trusted_and_anything_else_is_checked() {
    use nengli::store::wal;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    crate::support::demo_file(&db);
    let today = chrono::Local::now().date_naive();
    drop(Store::open(&db, OpenMode::Existing).unwrap());
    assert!(wal::trusted(&db, today), "checked at this open and closed cleanly: {:?}", wal::read_session(&db));
    assert!(!wal::trusted(&db, today.succ_opt().unwrap()), "the first open of another day checks again");
    {
        let _open = Store::open(&db, OpenMode::Existing).unwrap();
        assert!(!wal::trusted(&db, today), "while open (or after a crash) it is not trusted");
    }
    assert!(wal::trusted(&db, today));
    // Another program writes into the file: its stamp no longer matches, so it is checked and the
    // damage is found before anything is written.
    let mut bytes = std::fs::read(&db).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 8192].fill(0xA5);
    std::fs::write(&db, &bytes).unwrap();
    assert!(!wal::trusted(&db, today));
    assert!(matches!(Store::open(&db, OpenMode::Existing), Err(nengli::store::StoreError::Damaged(_))));
}

/// The tests keep their records in a data folder of their own (set before any test runs), and a
/// database's session and audit-head records go there, not into the user's data folder.
#[test]
fn the_tests_keep_their_records_out_of_the_users_data_folder() {
    let own = std::env::temp_dir().join("nengli-test-data");
    assert_eq!(nengli::paths::data_dir(), own);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    drop(Store::open(&db, OpenMode::Create).unwrap());
    let record = nengli::paths::session_record(&db);
    assert!(record.starts_with(&own) && record.exists(), "{record:?}");
    assert!(nengli::paths::chain_head_record(&db).starts_with(&own));
}
