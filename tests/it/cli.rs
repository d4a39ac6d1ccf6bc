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
    assert!(err.contains("单位名称：必须填写") && err.contains("活动年度"), "{err}");
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
    let out = nengli(&["--lang", "en", "--db", &db_arg(&path), "check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).lines().any(|l| l == "official row 1 refers to a missing unit"), "{}", text(&out.stdout));
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

#[test]
fn import_reports_every_problem_by_row_and_column_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let sheet = dir.path().join("roster.csv");
    std::fs::write(
        &sheet,
        "工號,姓名,性別,出生年月,職級層次,單位\nN1,林小雨,女,1990.05,一般幹部,辦公室\nN2,王五,男,2013-02-30,一般幹部,不存在科\n",
    )
    .unwrap();
    let out = nengli(&["--lang", "en", "--db", &db_arg(&db), "import", "officials", &db_arg(&sheet)]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("new 1, changed 0, unchanged 0, refused 1"), "{stdout}");
    assert!(stdout.contains("row 3, column D: Born (YYYY.MM): should be written year.month"), "{stdout}");
    assert!(stdout.contains("row 3, column F: Unit: there is no unit named \"不存在科\""), "{stdout}");
    let count = || rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM official", [], |r| r.get::<_, i64>(0)).unwrap();
    let before = count();
    // A good file: --dry-run stores nothing, a real run stores it, exports read back.
    std::fs::write(&sheet, "工號,姓名,性別,出生年月,職級層次,單位\nN1,林小雨,女,1990.05,一般幹部,辦公室\n").unwrap();
    let out = nengli(&["--lang", "en", "--db", &db_arg(&db), "import", "officials", &db_arg(&sheet), "--dry-run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(count(), before);
    let out = nengli(&["--lang", "en", "--db", &db_arg(&db), "import", "officials", &db_arg(&sheet)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(count(), before + 1);
    for (kind, file) in [("officials", "o.xlsx"), ("units", "u.csv"), ("posts", "p.xlsx")] {
        let path = dir.path().join(file);
        let out = nengli(&["--lang", "en", "--db", &db_arg(&db), "export", kind, &db_arg(&path)]);
        assert!(out.status.success() && path.exists(), "{}", text(&out.stderr));
    }
    let out = nengli(&["--lang", "en", "--db", &db_arg(&db), "export", "officials", &db_arg(&dir.path().join("x.pdf"))]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn print_commands_write_pdfs_and_refuse_what_they_cannot_find() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let out = dir.path().join("seat.pdf");
    let run = |args: &[&str]| nengli(&[&["--lang", "en", "--db", &db_arg(&db)], args].concat());
    let result = run(&["print", "seat-statements", "--unit", "人教科", "--year", "2012", "--out", &db_arg(&out)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let duty = dir.path().join("duty.pdf");
    assert!(run(&["print", "duty-statements", "--out", &db_arg(&duty)]).status.success());
    let result = run(&["print", "seat-statements", "--unit", "不存在科", "--year", "2012", "--out", &db_arg(&out)]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("no unit named"), "{}", text(&result.stderr));
    let standards = dir.path().join("standards.pdf");
    let result = run(&["print", "post-standards", "--year", "2012", "--out", &db_arg(&standards)]);
    assert!(result.status.success(), "the demo's standards print: {}", text(&result.stderr));
    assert!(std::fs::read(&standards).unwrap().starts_with(b"%PDF"));
    let result = run(&["print", "post-standards", "--year", "2013", "--out", &db_arg(&dir.path().join("none.pdf"))]);
    assert_eq!(result.status.code(), Some(1), "no standards for 2013 yet: nothing to print");
    assert!(!dir.path().join("none.pdf").exists());
    let report = dir.path().join("capability.pdf");
    let result = run(&["print", "capability-report", "--year", "2012", "--unit", "征管科", "--out", &db_arg(&report)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(std::fs::read(&report).unwrap().starts_with(b"%PDF"));
    let result = run(&["print", "capability-report", "--year", "2030", "--out", &db_arg(&report)]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("no self-check round in 2030"), "{}", text(&result.stderr));
}

#[test]
fn the_programme_report_prints_for_a_day_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let out = dir.path().join("report.pdf");
    let run = |args: &[&str]| nengli(&[&["--lang", "en", "--db", &db_arg(&db)], args].concat());
    let result = run(&["print", "programme-report", "--date", "2013-03-01", "--out", &db_arg(&out)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let result = run(&["print", "programme-report", "--date", "2013-02-30", "--out", &db_arg(&out)]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("not a real date"), "{}", text(&result.stderr));
}

#[test]
fn packages_go_out_for_a_unit_and_come_back_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let round = {
        let store = nengli::store::Store::open(&db, nengli::store::OpenMode::Existing).unwrap();
        store.read().rounds().unwrap()[0].id
    };
    let out = dir.path().join("packages");
    let run = |args: &[&str]| nengli(&[&["--lang", "en", "--db", &db_arg(&db)], args].concat());
    let result = run(&["export-packages", "--round", &round.to_string(), "--unit", "征管科", "--dir", &db_arg(&out)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(text(&result.stdout).contains("self-check packages written"), "{}", text(&result.stdout));
    let files = nengli::service::packages::package_files(&out).unwrap();
    assert!(files.len() >= 3);
    // One official fills theirs at home.
    let first = files.iter().find(|f| nengli::service::packages::open_package(f).unwrap().form.levels[0].is_none()).unwrap();
    let mut package = nengli::service::packages::open_package(first).unwrap();
    package.form.levels = [Some(3); 8];
    package.ready = true;
    // The export's output is the list to hand out: a line per package with its code.
    let name = first.file_name().unwrap().to_string_lossy().into_owned();
    let stdout = text(&result.stdout);
    let line = stdout.lines().find(|l| l.ends_with(&format!("({name})"))).unwrap_or_else(|| panic!("{stdout}"));
    let code = line.split("code ").nth(1).unwrap().split(' ').next().unwrap().to_owned();
    assert_eq!(code.len(), 9, "{line}");
    nengli::service::packages::save_package(first, &package, &code).unwrap();
    let result = run(&["import-packages", &db_arg(&out)]);
    assert!(result.status.success(), "{}{}", text(&result.stdout), text(&result.stderr));
    assert!(text(&result.stdout).contains("a new self-check"), "{}", text(&result.stdout));
    assert!(text(&result.stdout).contains("1 packages merged"), "{}", text(&result.stdout));
    // Again: handed in meanwhile, so a conflict, kept unless asked (exit 1).
    let result = run(&["import-packages", &db_arg(&out)]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stdout).contains("conflict"), "{}", text(&result.stdout));
    // A stray file in the folder is refused by name, the rest still go in.
    std::fs::write(out.join("stray.nlpkg"), b"not a package").unwrap();
    let result = run(&["import-packages", &db_arg(&out), "--take-conflicts"]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stdout).contains("stray.nlpkg: not a self-check package"), "{}", text(&result.stdout));
    // Someone holding a colleague's package fills it in without the code on that official's slip.
    std::fs::remove_file(out.join("stray.nlpkg")).unwrap();
    let other = files.iter().find(|f| *f != first).unwrap();
    let mut forged = nengli::service::packages::open_package(other).unwrap();
    forged.form.levels = [Some(5); 8];
    forged.ready = true;
    nengli::store::write_package(other, &forged).unwrap();
    let result = run(&["import-packages", &db_arg(other)]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stdout).contains("filled by someone without the official's code"), "{}", text(&result.stdout));
}

#[test]
fn a_lone_file_argument_opens_that_file_as_a_double_click_does() {
    use std::ffi::OsString;
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("GS00039.nlpkg");
    std::fs::write(&package, b"x").unwrap();
    let argv = |args: &[&str]| args.iter().map(OsString::from).collect::<Vec<_>>();
    let file = package.to_string_lossy().into_owned();
    assert_eq!(nengli::cli::file_as_db(argv(&["nengli", &file])), argv(&["nengli", "--db", &file]));
    assert_eq!(nengli::cli::file_as_db(argv(&["nengli", "check"])), argv(&["nengli", "check"]), "a command stays a command");
    assert_eq!(nengli::cli::file_as_db(argv(&["nengli", "--help"])), argv(&["nengli", "--help"]));
}

#[test]
fn training_prints_and_attendance_imports_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let (session, staff_no) = {
        let store = nengli::store::Store::open(&db, nengli::store::OpenMode::Existing).unwrap();
        let session = store.read().sessions(2012).unwrap()[0].id;
        (session, store.read().roster_rows().unwrap()[0].staff_no.clone())
    };
    let run = |args: &[&str]| nengli(&[&["--lang", "en", "--db", &db_arg(&db)], args].concat());
    for (args, name) in [
        (vec!["print", "sign-in", "--session", &session.to_string()], "sign-in.pdf"),
        (vec!["print", "training-file", "--official", &staff_no, "--year", "2012"], "file.pdf"),
        (vec!["print", "training-compliance", "--year", "2012"], "compliance.pdf"),
    ] {
        let out = dir.path().join(name);
        let mut args: Vec<&str> = args.iter().map(|s| s.as_ref()).collect();
        let out_arg = db_arg(&out);
        args.extend(["--out", &out_arg]);
        let result = run(&args);
        assert!(result.status.success(), "{args:?}: {}", text(&result.stderr));
        assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    }
    let result = run(&["print", "training-file", "--official", "NOBODY", "--year", "2012", "--out", &db_arg(&dir.path().join("x.pdf"))]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stderr).contains("no official with staff number NOBODY"), "{}", text(&result.stderr));
    let sheet = dir.path().join("attendance.csv");
    std::fs::write(&sheet, format!("Session,Staff no.,Mark\n{session},{staff_no},present\n{session},NOBODY,present\n")).unwrap();
    let result = run(&["import", "attendance", &db_arg(&sheet)]);
    assert_eq!(result.status.code(), Some(1));
    assert!(text(&result.stdout).contains("row 3, column Staff no.: no official with staff number NOBODY"), "{}", text(&result.stdout));
    std::fs::write(&sheet, format!("Session,Staff no.,Mark\n{session},{staff_no},late\n")).unwrap();
    let result = run(&["import", "attendance", &db_arg(&sheet)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(text(&result.stdout).contains("1 attendance rows stored"), "{}", text(&result.stdout));
}

#[test]
fn the_year_end_forms_print_into_one_file_per_person_or_blank() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let run = |args: &[&str]| nengli(&[&["--lang", "en", "--db", &db_arg(&db)], args].concat());
    let out = dir.path().join("forms");
    let result = run(&["print", "yearend", "--year", "2012", "--unit", "征管科", "--split-dir", &db_arg(&out)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let files: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(files.len() >= 3 && files.iter().all(|f| f.starts_with("GS") && f.ends_with(".pdf")), "{files:?}");
    let one = dir.path().join("one.pdf");
    let result = run(&["print", "yearend", "--year", "2012", "--staff", "GS00001,GS00002", "--paper", "16k", "--out", &db_arg(&one)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(text(&result.stdout).contains("printed"), "{}", text(&result.stdout));
    let blank = dir.path().join("blank.pdf");
    assert!(run(&["print", "yearend-blank", "--out", &db_arg(&blank)]).status.success());
    let roster = dir.path().join("roster.pdf");
    let result = run(&["print", "grade-roster", "--year", "2012", "--unit", "征管科", "--out", &db_arg(&roster)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(std::fs::read(&blank).unwrap().starts_with(b"%PDF"));
    let summary = dir.path().join("summary.pdf");
    let result = run(&["print", "yearend-summary", "--year", "2012", "--out", &db_arg(&summary)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(std::fs::read(&summary).unwrap().starts_with(b"%PDF"));
    let result = run(&["print", "yearend-summary", "--year", "2013-02-30", "--out", &db_arg(&summary)]);
    assert!(!result.status.success(), "a year that is not a number is refused");
}

/// `--out` (and an export's file) never lands on the database, its companions or another
/// database: one line, exit 1, and the file as it was. A backup may replace an earlier backup.
#[test]
fn outputs_are_refused_on_the_database_and_its_companions() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("bureau.sqlite");
    let db = db_arg(&db_path);
    assert!(nengli(&["--db", &db, "demo"]).status.success());
    let original = std::fs::read(&db_path).unwrap();
    let other = db_arg(&dir.path().join("other.sqlite"));
    assert!(nengli(&["--db", &other, "demo"]).status.success());
    let lock = format!("{db}.lock");
    std::fs::write(&lock, b"").unwrap();
    for args in [
        vec!["print", "duty-statements", "--out", db.as_str()],
        vec!["print", "yearend-blank", "--out", other.as_str()],
        vec!["print", "grade-roster", "--year", "2012", "--out", lock.as_str()],
        vec!["export", "officials", db.as_str()],
        vec!["backup", "--out", db.as_str()],
    ] {
        let out = nengli(&[&["--lang", "en", "--db", &db][..], &args[..]].concat());
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", text(&out.stdout));
        assert_eq!(text(&out.stderr).lines().count(), 1, "{}", text(&out.stderr));
        assert!(text(&out.stderr).contains("is the database itself"), "{}", text(&out.stderr));
    }
    assert_eq!(std::fs::read(&db_path).unwrap(), original, "the database is as it was");
    let earlier_backup = db_arg(&dir.path().join("usb.sqlite"));
    assert!(nengli(&["--db", &db, "backup", "--out", &earlier_backup]).status.success());
    let again = nengli(&["--db", &db, "backup", "--out", &earlier_backup]);
    assert!(again.status.success(), "a backup replaces an earlier backup: {}", text(&again.stderr));
}

/// `check` reports an empty file instead of setting a bureau up in it, and leaves it empty.
#[test]
fn check_never_writes_into_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.sqlite");
    std::fs::write(&empty, b"").unwrap();
    let out = nengli(&["--lang", "en", "--db", &db_arg(&empty), "check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("not a database"), "{}", text(&out.stderr));
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "the file is still empty");
    assert!(!dir.path().join("empty.sqlite-wal").exists());
}

/// A sheet with its header and no rows stores nothing and says so: exit 1, no audit row.
#[test]
fn a_header_only_import_is_refused_without_an_audit_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let sheet = dir.path().join("header.csv");
    std::fs::write(&sheet, "工號,姓名,性別,出生年月,職級層次,單位\n").unwrap();
    let audit = || rusqlite::Connection::open(&db).unwrap().query_row("SELECT count(*) FROM audit", [], |r| r.get::<_, i64>(0)).unwrap();
    let before = audit();
    let out = nengli(&["--lang", "en", "--db", &db_arg(&db), "import", "officials", &db_arg(&sheet)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("no rows to import"), "{}", text(&out.stderr));
    assert_eq!(audit(), before, "an import of nothing leaves no audit row");
}

/// A 花名冊 with a title line, a 合計 footer, a column the roster does not take and a month
/// column nothing decides: the output says where the header is, what was skipped and not
/// imported; `--dot-one-month` settles `YYYY.1`; `--header-row` reads the header where it is said.
#[test]
fn a_real_roster_imports_through_the_command_line_with_its_choices() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let sheet = dir.path().join("花名冊.csv");
    std::fs::write(
        &sheet,
        "某縣稅務局幹部花名冊\n序號,姓名,性別,出生年月,所在科室,職級,備註\n1,林小雨,女,1990.1,辦公室,一級科員,\n2,王　五,男,1982.5,辦公室,四級主任科員,借調\n合計：2人\n",
    )
    .unwrap();
    let (db_path, sheet_path) = (db_arg(&db), db_arg(&sheet));
    let run = |extra: &[&str]| {
        let mut args = vec!["--lang", "en", "--db", db_path.as_str(), "import", "officials", sheet_path.as_str()];
        args.extend_from_slice(extra);
        nengli(&args)
    };
    let out = run(&["--dry-run"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("header at row 2"), "{stdout}");
    assert!(stdout.contains("not imported: 序號 (A), 備註 (G)"), "{stdout}");
    assert!(stdout.contains("row 5 skipped: footer \"合計：2人\""), "{stdout}");
    assert!(stdout.contains("may be January or October"), "{stdout}");
    let out = run(&["--dot-one-month", "october"]);
    assert!(out.status.success(), "{}{}", text(&out.stdout), text(&out.stderr));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let birth: String = conn.query_row("SELECT birth FROM official WHERE name = '林小雨'", [], |r| r.get(0)).unwrap();
    assert_eq!(birth, "1990.10");
    let padded: i64 = conn.query_row("SELECT count(*) FROM official WHERE name = '王五'", [], |r| r.get(0)).unwrap();
    assert_eq!(padded, 1, "the name is stored without its padding");
    // Told the header is on row 1 (the title), the file is refused with the sheet named.
    let out = run(&["--header-row", "1", "--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("sheet \"CSV\""), "{}", text(&out.stderr));
}

/// One file per person: staff numbers that come out alike as file names (`a/b`, `a_b`, `a.b`,
/// `a b`) each keep a file of their own, and the count printed is the count of files written.
/// Forms print in Chinese under a C locale and English messages, unless --print-lang says so.
#[test]
fn split_files_never_collide_and_forms_print_in_chinese_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let connection = rusqlite::Connection::open(&db).unwrap();
    for (from, to) in [("GS00001", "a/b"), ("GS00002", "a_b"), ("GS00003", "a.b"), ("GS00004", "a b")] {
        connection.execute("UPDATE official SET staff_no = ?1, name = '同名' WHERE staff_no = ?2", [to, from]).unwrap();
    }
    drop(connection);
    let out = dir.path().join("forms");
    let result = Command::new(env!("CARGO_BIN_EXE_nengli"))
        .args(["--db", &db_arg(&db), "print", "yearend", "--year", "2012", "--staff", "a/b,a_b,a.b,a b", "--split-dir", &db_arg(&out)])
        .env("LANG", "C")
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    assert!(result.status.success(), "{}", text(&result.stderr));
    let mut files: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    files.sort();
    assert_eq!(files, ["a_b-同名-2.pdf", "a_b-同名-3.pdf", "a_b-同名-4.pdf", "a_b-同名.pdf"], "four people, four files");
    let stdout = text(&result.stdout);
    assert!(stdout.contains("4 files printed"), "English messages under a C locale, the count of files: {stdout}");
    let form = crate::pdfread::Pdf::open(&out.join("a_b-同名.pdf")).text();
    assert!(form.contains("公務員年度考核登記表"), "a Chinese form under a C locale");
    let english = dir.path().join("en.pdf");
    let result = nengli(&["--db", &db_arg(&db), "--print-lang", "en", "print", "yearend-blank", "--out", &db_arg(&english)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    let form = crate::pdfread::Pdf::open(&english).text();
    assert!(form.contains("Civil Servant Annual Assessment Form"), "--print-lang en");
    // A year with no year-end records still prints, with a warning first.
    let empty = dir.path().join("2099.pdf");
    let result = nengli(&["--lang", "en", "--db", &db_arg(&db), "print", "grade-roster", "--year", "2099", "--out", &db_arg(&empty)]);
    assert!(result.status.success(), "{}", text(&result.stderr));
    assert!(text(&result.stdout).starts_with("warning: there are no year-end records for 2099"), "{}", text(&result.stdout));
}
