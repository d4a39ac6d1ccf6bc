//! `check` as a deliberate editor or a damaged disk meets it: it never writes, lists every
//! problem it finds (a dangling key in a table without row numbers, damaged text, a removed
//! audit trigger) and calls a bureau whose setting-up was cut off incomplete.

use nengli::domain::catalogue::Catalogue;
use nengli::service::Service;
use nengli::store::{CheckProblem, OpenMode, Store, check_file};
use std::process::Command;

fn nengli(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nengli")).args(args).env("LANG", "en_US.UTF-8").output().unwrap()
}

/// Every file in `dir` with a hash of its bytes, to prove nothing was written.
fn folder(dir: &std::path::Path) -> Vec<(String, u64)> {
    use std::hash::{Hash, Hasher};
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(&p).unwrap().hash(&mut hasher);
            (p.file_name().unwrap().to_string_lossy().into_owned(), hasher.finish())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn check_lists_every_problem_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    crate::support::demo_file(&path);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO training_tally (official_id, year, kind, sessions, hours, months) VALUES (9999, 2012, 'x', 1, 1.0, 1);
             UPDATE official SET unit_id = 4242 WHERE id = 1;
             UPDATE unit SET name = CAST(X'E5B1C0E4' AS TEXT) WHERE id = 2;
             DROP TRIGGER audit_entries_remain;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    }
    let before = folder(dir.path());
    let out = nengli(&["--lang", "en", "--db", &path.display().to_string(), "check"]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    for expected in [
        "official row 1 refers to a missing unit",
        "official row 1 refers to a missing post",
        "training_tally row (official_id = 9999, year = 2012, kind = x) refers to a missing official",
        "unit row 2, column name: the text is damaged (bytes inside the file were changed)",
        "The trigger audit_entries_remain that guards the change log was removed or altered: entries could be changed unnoticed",
    ] {
        assert!(lines.contains(&expected), "missing {expected:?} in:\n{stdout}");
    }
    assert_eq!(lines.len(), 5, "{stdout}");
    assert_eq!(folder(dir.path()), before, "check wrote nothing, not even a journal");
    // Reading the damaged text elsewhere is one sentence that points to check, not a crash.
    let out = nengli(&["--lang", "en", "--db", &path.display().to_string(), "export", "units", "units.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged text"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_replaced_audit_trigger_is_reported_as_a_removed_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    crate::support::demo_file(&path);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(check_file(&path).unwrap(), []);
    conn.execute_batch(
        "DROP TRIGGER audit_entries_stay; CREATE TRIGGER audit_entries_stay BEFORE UPDATE ON audit WHEN 0 BEGIN SELECT 1; END;",
    )
    .unwrap();
    // The editor's session is still open: its log is one nengli did not leave, named first.
    assert_eq!(check_file(&path).unwrap(), [CheckProblem::UnknownWal, CheckProblem::AuditTrigger("audit_entries_stay".into())]);
    drop(conn);
    assert_eq!(check_file(&path).unwrap(), [CheckProblem::AuditTrigger("audit_entries_stay".into())]);
}

#[test]
fn a_bureau_whose_setting_up_was_cut_off_is_incomplete_and_check_does_not_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("half.sqlite");
    let mut service = Service::new(Store::open(&path, OpenMode::Create).unwrap(), "cli");
    // What `gen` or `demo` leaves when the disk fills after the bureau's first transaction.
    service.start_bureau("半途縣稅務局", 2012, &Catalogue::shipped()).unwrap();
    assert_eq!(check_file(&path).unwrap(), [CheckProblem::Incomplete]);
    let out = nengli(&["--lang", "en", "--db", &path.display().to_string(), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not set up completely"));
    service.finish_setup().unwrap();
    assert_eq!(check_file(&path).unwrap(), []);
    drop(service);
    // `init` is whole in one transaction; `demo` and `gen` mark their end.
    for args in [&["init", "--bureau", "某縣稅務局", "--year", "2012"][..], &["demo"], &["gen", "--officials", "30", "--years", "1"]] {
        let db = dir.path().join(format!("{}.sqlite", args[0]));
        let db = db.display().to_string();
        assert!(nengli(&[&["--db", &db][..], args].concat()).status.success());
        assert_eq!(String::from_utf8_lossy(&nengli(&["--db", &db, "check"]).stdout).trim(), "ok", "{args:?}");
    }
    // A file of an older schema is checked as it is: check never upgrades it.
    let old = dir.path().join("old.sqlite");
    std::fs::copy(dir.path().join("init.sqlite"), &old).unwrap();
    rusqlite::Connection::open(&old).unwrap().execute_batch("PRAGMA user_version = 8; PRAGMA wal_checkpoint(TRUNCATE);").unwrap();
    let bytes = std::fs::read(&old).unwrap();
    // A copy this computer never recorded: said once, then recorded.
    assert_eq!(check_file(&old).unwrap(), [CheckProblem::HeadUnrecorded]);
    assert_eq!(check_file(&old).unwrap(), []);
    assert_eq!(std::fs::read(&old).unwrap(), bytes);
}
