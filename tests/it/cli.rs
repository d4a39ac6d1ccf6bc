//! The command line as IT scripts use it: exit codes, one-line errors, `ok` from check.

use std::path::Path;
use std::process::{Command, Output};

fn nengli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nengli")).args(args).env("LANG", "en_US.UTF-8").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn db_arg(path: &Path) -> String {
    path.display().to_string()
}

#[test]
fn demo_then_check_prints_ok() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(&dir.path().join("demo.sqlite"));
    let out = nengli(&["--lang", "en", "--db", &db, "demo"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("officials"), "{}", text(&out.stdout));
    let out = nengli(&["--db", &db, "check"]);
    assert_eq!((out.status.code(), text(&out.stdout).trim()), (Some(0), "ok"));
    // A second demo into the same file is refused with one line and a non-zero exit.
    let out = nengli(&["--lang", "en", "--db", &db, "demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr).lines().count(), 1, "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("already set up"));
}

#[test]
fn init_validates_and_speaks_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = db_arg(&dir.path().join("new.sqlite"));
    let out = nengli(&["--lang", "sc", "--db", &db, "init", "--bureau", "", "--year", "1990"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("单位名称:必须填写") && err.contains("活动年度"), "{err}");
    let out = nengli(&["--lang", "tc", "--db", &db, "init", "--bureau", "測試縣稅務局", "--year", "2013"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("測試縣稅務局"));
}

#[test]
fn check_refuses_what_is_not_ours() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("roster.csv");
    std::fs::write(&csv, "a,b\n").unwrap();
    let out = nengli(&["--lang", "en", "--db", &db_arg(&csv), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not a database"), "{}", text(&out.stderr));
    let out = nengli(&["--lang", "en", "--db", &db_arg(&dir.path().join("absent.sqlite")), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.path().join("absent.sqlite").exists(), "check must not create a database");
}

#[test]
fn check_reports_broken_references() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite");
    crate::support::demo_file(&path);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("PRAGMA foreign_keys = OFF; UPDATE official SET unit_id = 4242 WHERE id = 1;").unwrap();
    }
    let out = nengli(&["--db", &db_arg(&path), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("official"), "{}", text(&out.stdout));
}

#[test]
fn gen_makes_a_bureau_of_the_asked_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gen.sqlite");
    let out = nengli(&["--lang", "en", "--db", &db_arg(&path), "gen", "--officials", "500", "--years", "2", "--seed", "9"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let n: i64 = conn.query_row("SELECT count(*) FROM official", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 500);
    let out = nengli(&["--db", &db_arg(&path), "gen", "--officials", "10", "--years", "0"]);
    assert_eq!(out.status.code(), Some(2), "clap refuses --years 0");
}

#[test]
fn help_lists_the_commands() {
    let out = nengli(&["--help"]);
    assert!(out.status.success());
    for command in ["demo", "init", "check", "gen", "--db"] {
        assert!(text(&out.stdout).contains(command), "--help lacks {command}");
    }
}
