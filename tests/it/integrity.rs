//! Integrity against a deliberate editor: the audit chain rewritten with its hashes recomputed,
//! or cut short, is found by comparing it with its head as recorded outside the file (this
//! computer's data folder, the newest backup); entries added since by the app are fine; a
//! missing record is said, not failed.

use crate::support::demo_file;
use nengli::domain::audit::{Entry, link};
use nengli::service::Service;
use nengli::store::{CheckProblem, OpenMode, Store, check_file, read_head_record};
use std::path::Path;
use std::process::Command;

fn nengli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nengli")).args(args).env("LANG", "en_US.UTF-8").output().unwrap()
}

const AUDIT_MIGRATION: &str = include_str!("../../src/store/sql/004_audit_chain.sql");

/// What a deliberate editor with `sqlite3` does: drops the guards, runs `edit`, recomputes the
/// whole chain's hashes and puts the guards back exactly as they were.
/// An audit row as the chain hashes it.
type Row = (i64, String, String, String, String, Option<i64>, Option<String>, Option<String>);

fn forge(db: &Path, edit: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch("DROP TRIGGER audit_entries_stay; DROP TRIGGER audit_entries_remain;").unwrap();
    conn.execute_batch(edit).unwrap();
    let rows: Vec<Row> = conn
        .prepare("SELECT id, at, actor, action, entity, entity_id, before, after FROM audit ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut previous = String::new();
    for (id, at, actor, action, entity, entity_id, before, after) in rows {
        let entry = Entry {
            at: &at,
            actor: &actor,
            action: &action,
            entity: &entity,
            entity_id,
            before: before.as_deref(),
            after: after.as_deref(),
        };
        previous = link(&previous, &entry);
        conn.execute("UPDATE audit SET hash = ?2 WHERE id = ?1", rusqlite::params![id, previous]).unwrap();
    }
    let triggers = &AUDIT_MIGRATION[AUDIT_MIGRATION.find("CREATE TRIGGER").unwrap()..];
    conn.execute_batch(triggers).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
}

fn last_id(db: &Path) -> i64 {
    rusqlite::Connection::open(db).unwrap().query_row("SELECT max(id) FROM audit", [], |r| r.get(0)).unwrap()
}

fn check_line(db: &Path) -> (Option<i32>, String) {
    let out = nengli(&["--lang", "en", "--db", &db.display().to_string(), "check"]);
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_chain_rewritten_with_its_hashes_recomputed_is_found_by_its_recorded_head() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let recorded = read_head_record(&db).expect("every write records the chain's head on this computer");
    assert_eq!(recorded.head.id, last_id(&db));
    assert_eq!(check_file(&db).unwrap(), []);
    // An entry's snapshot changed and every hash recomputed: the chain itself holds…
    forge(&db, "UPDATE audit SET actor = 'forger' WHERE id = 1");
    let problems = check_file(&db).unwrap();
    assert_eq!(problems, [CheckProblem::ChainRewritten { id: recorded.head.id, against: String::new() }]);
    let (code, text) = check_line(&db);
    assert_eq!(code, Some(1));
    assert!(text.contains("the audit chain was rewritten"), "{text}");
    // Opening and working on the forged file does not make it the record: still reported.
    let mut service = Service::new(Store::open(&db, OpenMode::Existing).unwrap(), "admin");
    let _ = service.set_excellent_percent(25, "稅人〔2012〕8號").unwrap();
    drop(service);
    assert!(matches!(check_file(&db).unwrap()[..], [CheckProblem::ChainRewritten { .. }]));
}

#[test]
fn a_chain_cut_short_is_found_and_entries_the_app_added_since_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    // The app adds entries after a head recorded earlier (another copy's record, say): fine.
    let earlier = read_head_record(&db).unwrap();
    let mut service = Service::new(Store::open(&db, OpenMode::Existing).unwrap(), "admin");
    let _ = service.set_excellent_percent(25, "稅人〔2012〕8號").unwrap();
    let _ = service.set_excellent_percent(20, "").unwrap();
    drop(service);
    assert!(last_id(&db) > earlier.head.id);
    nengli::store::write_head_record(&db, &earlier.head, None).unwrap();
    assert_eq!(check_file(&db).unwrap(), [], "entries appended after the recorded head are new work");
    let now = read_head_record(&db).unwrap();
    assert_eq!(now.head.id, last_id(&db), "a sound check brings the record up to the head");
    // The newest three entries removed: the chain left is whole, but shorter than recorded.
    forge(&db, "DELETE FROM audit WHERE id > (SELECT max(id) - 3 FROM audit)");
    assert_eq!(check_file(&db).unwrap(), [CheckProblem::ChainTruncated { id: now.head.id, last: now.head.id - 3, against: String::new() }]);
    let (code, text) = check_line(&db);
    assert_eq!(code, Some(1));
    assert!(text.contains("the audit chain was cut short"), "{text}");
}

#[test]
fn without_a_record_here_check_says_so_and_the_newest_backup_still_holds_the_head() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let backup = nengli::backup::take(&store, chrono::Local::now().naive_local(), Default::default()).unwrap();
    drop(store);
    // Another computer (or a user without the record): said, not failed, then recorded.
    std::fs::remove_file(nengli::paths::chain_head_record(&db)).unwrap();
    let (code, text) = check_line(&db);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("note: this computer had no record") && text.trim_end().ends_with("ok"), "{text}");
    assert_eq!(check_file(&db).unwrap(), []);
    // Rewritten where no record of this computer knows it: the backup's head does.
    std::fs::remove_file(nengli::paths::chain_head_record(&db)).unwrap();
    forge(&db, "UPDATE audit SET actor = 'someone else'");
    let name = backup.file_name().unwrap().to_string_lossy().into_owned();
    let problems = check_file(&db).unwrap();
    assert!(problems.contains(&CheckProblem::HeadUnrecorded), "{problems:?}");
    assert!(problems.iter().any(|p| matches!(p, CheckProblem::ChainRewritten { against, .. } if *against == name)), "{problems:?}");
    assert!(read_head_record(&db).is_none(), "a rewritten chain is not recorded");
    // Restoring the backup starts the record afresh at the restored head: ok again.
    nengli::backup::restore(&db, &backup, chrono::Local::now().naive_local()).unwrap();
    assert_eq!(check_file(&db).unwrap(), []);
}

fn role_of(db: &Path, username: &str) -> String {
    let store = Store::open(db, OpenMode::Existing).unwrap();
    store
        .read()
        .users()
        .unwrap()
        .into_iter()
        .find(|u| u.data.username == username)
        .unwrap()
        .data
        .role
        .map(|r| r.code())
        .unwrap_or_default()
        .to_owned()
}

/// What the observed attack did: an 8 KB `-wal` made on a copy of the file (so its frames fit)
/// and planted beside the unchanged, cleanly closed database, making `official` an administrator.
fn plant_wal(dir: &Path, db: &Path) {
    let twin = dir.join("twin.sqlite");
    std::fs::copy(db, &twin).unwrap();
    let conn = rusqlite::Connection::open(&twin).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; UPDATE app_user SET role = 'admin' WHERE username = 'official';",
    )
    .unwrap();
    std::fs::copy(nengli::store::with_suffix(&twin, "-wal"), nengli::store::with_suffix(db, "-wal")).unwrap();
    drop(conn);
}

#[test]
fn a_planted_wal_is_reported_before_it_is_applied_and_can_be_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    assert_eq!(role_of(&db, "official"), "official");
    plant_wal(dir.path(), &db);
    let wal = nengli::store::with_suffix(&db, "-wal");
    let (file, log) = (std::fs::read(&db).unwrap(), std::fs::read(&wal).unwrap());
    // Applied, the log would make `official` an administrator.
    let probe = dir.path().join("probe.sqlite");
    std::fs::copy(&db, &probe).unwrap();
    std::fs::copy(&wal, nengli::store::with_suffix(&probe, "-wal")).unwrap();
    let applied: String = rusqlite::Connection::open(&probe)
        .unwrap()
        .query_row("SELECT role FROM app_user WHERE username = 'official'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(applied, "admin");
    assert_eq!(nengli::store::wal_verdict(&db), nengli::store::WalVerdict::Unknown);
    // Opening refuses before SQLite can apply it, the file and the log untouched.
    assert!(matches!(Store::open(&db, OpenMode::Existing), Err(nengli::store::StoreError::UnknownWal(_))));
    let out = nengli(&[
        "--lang",
        "en",
        "--db",
        &db.display().to_string(),
        "export",
        "officials",
        &dir.path().join("o.csv").display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nengli did not leave"), "{}", String::from_utf8_lossy(&out.stderr));
    // check names it first and checks the file as nengli left it.
    assert_eq!(check_file(&db).unwrap(), [CheckProblem::UnknownWal]);
    let (code, text) = check_line(&db);
    assert_eq!(code, Some(1));
    assert!(text.contains("a write-ahead log (-wal) lies beside the database that nengli did not leave"), "{text}");
    assert_eq!((std::fs::read(&db).unwrap(), std::fs::read(&wal).unwrap()), (file.clone(), log), "nothing applied or written");
    // The user keeps it aside; the database opens as nengli left it.
    let out = nengli(&["--lang", "en", "--db", &db.display().to_string(), "discard-wal"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("kept aside"));
    assert!(!wal.exists());
    assert!(std::fs::read_dir(dir.path()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains("-wal.unknown-")));
    assert_eq!(role_of(&db, "official"), "official");
    assert_eq!(check_file(&db).unwrap(), []);
    let out = nengli(&["--lang", "en", "--db", &db.display().to_string(), "discard-wal"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there is no unknown write-ahead log"));
}

/// A log the app itself left when it stopped mid-work (no close recorded) is recovered as before.
#[test]
fn a_wal_left_by_the_app_stopping_mid_work_is_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let mut service = Service::new(Store::open(&db, OpenMode::Existing).unwrap(), "admin");
    let _ = service.set_excellent_percent(25, "稅人〔2012〕8號").unwrap();
    // The process "dies": the store is never closed, its log stays beside the file.
    std::mem::forget(service);
    assert_eq!(nengli::store::wal_verdict(&db), nengli::store::WalVerdict::Ours);
    let service = Service::new(Store::open(&db, OpenMode::Existing).unwrap(), "admin");
    assert_eq!(service.excellent_percent().unwrap(), 25, "the change in the log is there");
    drop(service);
    assert_eq!(check_file(&db).unwrap(), []);
}
