//! Backups: verified copies taken while the database is in use (even while another thread
//! writes), tiers pruned, a backup before each schema upgrade, restores that keep the current
//! file aside, and the command line's backup and restore.

use crate::support::demo_file;
use nengli::domain::backups::Retention;
use nengli::service::command::{OrgCommand, RosterCommand};
use nengli::service::{Command, Service};
use nengli::store::{OpenMode, Store, verify_file};
use std::process::Command as Process;

fn count(path: &std::path::Path) -> i64 {
    rusqlite::Connection::open(path).unwrap().query_row("SELECT count(*) FROM official", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_backup_taken_while_another_thread_writes_opens_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let writer_db = db.clone();
    let writer = std::thread::Builder::new()
        .name("writer".into())
        .spawn(move || {
            let mut service = Service::new(Store::open(&writer_db, OpenMode::Existing).unwrap(), "writer");
            let root = service.read().units().unwrap()[0].id;
            for i in 0..60 {
                let _created = service
                    .execute(Command::Org(OrgCommand::CreateUnit {
                        parent: root,
                        name: format!("臨時組{i}"),
                        kind: nengli::domain::catalogue::UnitKind::Team,
                    }))
                    .unwrap();
            }
        })
        .unwrap();
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let mut copies = Vec::new();
    for i in 0..5 {
        let dest = dir.path().join(format!("copy{i}.sqlite"));
        store.backup_to(&dest).unwrap();
        copies.push(dest);
    }
    writer.join().unwrap();
    for copy in &copies {
        verify_file(copy).unwrap();
        let reopened = Store::open(copy, OpenMode::Existing).unwrap();
        // A copy this computer never recorded: at most the note saying so.
        assert!(reopened.check().unwrap().iter().all(|p| p.is_note()));
        assert_eq!(count(copy), count(&db), "every official is in every copy");
        assert!(!std::path::Path::new(&format!("{}.partial", copy.display())).exists());
    }
}

#[test]
fn backups_are_listed_pruned_and_restored_with_the_current_file_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let mut service = Service::new(Store::open(&db, OpenMode::Existing).unwrap(), "tester");
    let start = chrono::NaiveDate::from_ymd_opt(2013, 1, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let tight = Retention { daily: 3, weekly: 0, monthly: 0 };
    for day in 0..6 {
        nengli::backup::take(service.store(), start + chrono::Duration::days(day), tight).unwrap();
    }
    let listed = nengli::backup::list(&db).unwrap();
    assert_eq!(listed.len(), 3, "three daily backups kept");
    assert_eq!(listed[0].taken_at, start + chrono::Duration::days(5), "newest first");
    let _hired = service.execute(crate::support::newcomer(&service, "N9001")).unwrap();
    nengli::backup::take(service.store(), start + chrono::Duration::days(6), tight).unwrap();
    let listed = nengli::backup::list(&db).unwrap();
    let before = count(&db);
    let victim = crate::support::official_id(&service, "N9001");
    let _gone = service.execute(Command::Roster(RosterCommand::DeleteOfficial { id: victim })).unwrap();
    drop(service);
    assert_eq!(count(&db), before - 1);
    let aside = nengli::backup::restore(&db, &listed[0].path, start + chrono::Duration::days(7)).unwrap();
    assert_eq!(count(&db), before, "the deleted official is back");
    assert_eq!(count(&aside), before - 1, "the replaced file is kept aside");
    let foreign = dir.path().join("foreign.sqlite");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
    assert!(nengli::backup::restore(&db, &foreign, start).is_err());
    assert_eq!(count(&db), before, "a refused restore changes nothing");
}

#[test]
fn the_command_line_backs_up_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let copy = dir.path().join("copy.sqlite");
    let run = |args: &[&str]| {
        Process::new(env!("CARGO_BIN_EXE_nengli")).args([&["--lang", "en", "--db", db.to_str().unwrap()], args].concat()).output().unwrap()
    };
    let out = run(&["backup", "--out", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    verify_file(&copy).unwrap();
    let out = run(&["restore", copy.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the previous file is now"));
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database").unwrap();
    let out = run(&["restore", text.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a database"));
}

#[test]
fn writing_commands_wait_for_the_window_that_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let held = nengli::lock::acquire(&db).unwrap();
    let copy = dir.path().join("copy.sqlite");
    let run = |args: &[&str]| {
        Process::new(env!("CARGO_BIN_EXE_nengli")).args([&["--lang", "en", "--db", db.to_str().unwrap()], args].concat()).output().unwrap()
    };
    assert!(run(&["backup", "--out", copy.to_str().unwrap()]).status.success(), "reading needs no lock");
    let out = run(&["restore", copy.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("open in another window"));
    drop(held);
    assert!(run(&["restore", copy.to_str().unwrap()]).status.success());
}

/// Overwrites a stretch in the middle of a closed database file.
fn damage(path: &std::path::Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let middle = bytes.len() / 2;
    for b in &mut bytes[middle..middle + 8192] {
        *b = 0xA5;
    }
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn a_damaged_file_is_found_at_open_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    damage(&db);
    let before = std::fs::read(&db).unwrap();
    assert!(matches!(Store::open(&db, OpenMode::Existing), Err(nengli::store::StoreError::Damaged(_))));
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing was written to the damaged file");
    let out = Process::new(env!("CARGO_BIN_EXE_nengli")).args(["--lang", "en", "--db", db.to_str().unwrap(), "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Found at open (an error) or by the check itself (a listed problem), it is named as damage.
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(said.contains("damaged"), "{said}");
}

/// A restore is a transaction over files: from the database itself, from a damaged copy, or into
/// a folder where the copy cannot land, the database stays where it was, byte for byte, and no
/// half-made copy is left beside it.
#[test]
fn a_restore_that_cannot_finish_leaves_the_database_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bureau.sqlite");
    demo_file(&db);
    let original = std::fs::read(&db).unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2013, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
    let leftovers = |dir: &std::path::Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".restoring") || n.contains("before-restore"))
            .collect()
    };

    let itself = nengli::backup::restore(&db, &db, now);
    assert!(matches!(itself, Err(nengli::store::StoreError::IsTheDatabase(_))), "{itself:?}");
    let through_a_link = dir.path().join("sub/../bureau.sqlite");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    assert!(matches!(nengli::backup::restore(&db, &through_a_link, now), Err(nengli::store::StoreError::IsTheDatabase(_))));

    let damaged = dir.path().join("damaged.sqlite");
    let mut bytes = original.clone();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&damaged, &bytes).unwrap();
    assert!(nengli::backup::restore(&db, &damaged, now).is_err());
    assert_eq!(std::fs::read(&db).unwrap(), original, "the database is untouched");
    assert_eq!(leftovers(dir.path()), Vec::<String>::new());

    // A restore into a place where the copy cannot be made (its folder is a file) fails whole.
    let good = dir.path().join("good.sqlite");
    std::fs::copy(&db, &good).unwrap();
    assert!(nengli::backup::restore(&dir.path().join("damaged.sqlite/inside.sqlite"), &good, now).is_err());
    assert_eq!(std::fs::read(&db).unwrap(), original);

    // A restore that finishes keeps the replaced file aside and leaves no copy in the making.
    let aside = nengli::backup::restore(&db, &good, now).unwrap();
    assert_eq!(std::fs::read(&aside).unwrap(), original, "the replaced file is kept as it was");
    assert!(!dir.path().join("bureau.sqlite.restoring").exists());
    assert_eq!(count(&db), count(&good));
}
