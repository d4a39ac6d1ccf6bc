//! Inputs a slip of the hand or a hostile sender gives: a pipe, a folder or a device where a
//! file belongs, a package whose table is an endless view, a missing file or an empty folder,
//! a database reached through a link, two backups to one file at once, and the half-written
//! files a killed writer leaves.

use crate::support::demo_file;
use nengli::domain::Lang;
use nengli::domain::package::PackageProblem;
use nengli::service::packages::open_package;
use nengli::store::{OpenMode, Store};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary, failing the test if it has not finished within 20 seconds (a hang).
fn nengli(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_nengli"))
        .args(args)
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("nengli {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn arg(path: &Path) -> String {
    path.display().to_string()
}

#[cfg(unix)]
#[test]
fn a_pipe_a_folder_or_a_device_is_refused_as_input_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    demo_file(&db);
    let fifo = dir.path().join("roster.csv");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let package_fifo = dir.path().join("x.nlpkg");
    assert!(Command::new("mkfifo").arg(&package_fifo).status().unwrap().success());
    let folder = dir.path().join("sheet.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let db = arg(&db);
    for (args, expected) in [
        (vec!["import", "officials", &arg(&fifo)], "is not a regular file"),
        (vec!["import", "attendance", &arg(&fifo)], "is not a regular file"),
        (vec!["import", "officials", &arg(&folder)], "is not a regular file"),
        (vec!["import", "officials", "/dev/zero.csv"], "no such file"),
        (vec!["restore", &arg(&fifo)], "is not a regular file"),
    ] {
        let out = nengli(&[&["--lang", "en", "--db", &db][..], &args].concat());
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(stderr(&out).to_lowercase().contains(expected), "{args:?}: {}", stderr(&out));
    }
    let out = nengli(&["--lang", "en", "--db", &db, "import-packages", &arg(&package_fifo)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("x.nlpkg: not a regular file"), "{}", stdout(&out));
    // The folder holding the pipe: a pipe is not a package, so the folder has none.
    let out = nengli(&["--lang", "en", "--db", &db, "import-packages", &arg(dir.path())]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("there are no self-check packages (*.nlpkg) in"), "{}", stderr(&out));
    // A device or a pipe as the database itself.
    for path in ["/dev/zero", &arg(&fifo)] {
        let out = nengli(&["--lang", "en", "--db", path, "check"]);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr(&out).contains("is not a regular file"), "{}", stderr(&out));
    }
}

/// A package whose `package` table is a view recursing without end is refused at once,
/// before any query runs it.
#[test]
fn a_package_whose_table_is_an_endless_view_is_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("endless.nlpkg");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE VIEW package AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
               SELECT 1 AS id, '' AS meta, '' AS seal, '' AS form, 0 AS ready, '' AS checksum FROM r WHERE n < 0;
             PRAGMA application_id = {};
             PRAGMA user_version = 1;",
            nengli::store::PACKAGE_APPLICATION_ID
        ))
        .unwrap();
    }
    let started = Instant::now();
    assert_eq!(open_package(&path).unwrap_err(), PackageProblem::NotAPackage);
    assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
    let db = dir.path().join("demo.sqlite");
    demo_file(&db);
    let out = nengli(&["--lang", "en", "--db", &arg(&db), "import-packages", &arg(&path)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("endless.nlpkg: not a self-check package"), "{}", stdout(&out));
}

#[test]
fn import_packages_names_a_missing_file_an_empty_folder_and_a_bureau_that_never_exported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    demo_file(&db);
    let db = arg(&db);
    let out = nengli(&["--lang", "en", "--db", &db, "import-packages", &arg(&dir.path().join("gone.nlpkg"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("gone.nlpkg: there is no such file"), "{}", stdout(&out));
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = nengli(&["--lang", "en", "--db", &db, "import-packages", &arg(&empty)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("there are no self-check packages"), "{}", stderr(&out));
    // A package of another bureau, given to this one that never exported any.
    let other = dir.path().join("other.sqlite");
    demo_file(&other);
    let out_dir = dir.path().join("out");
    let exported = nengli(&["--db", &arg(&other), "export-packages", "--round", "1", "--dir", &arg(&out_dir)]);
    assert!(exported.status.success(), "{}", stderr(&exported));
    let out = nengli(&["--lang", "en", "--db", &db, "import-packages", &arg(&out_dir)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).lines().all(|l| l.contains("has never exported self-check packages")), "{}", stdout(&out));
}

/// A reflection of 1 MB is refused for its length, as the self-check page would refuse it.
#[test]
fn a_one_megabyte_reflection_is_refused_for_its_length() {
    let mut service = crate::support::demo();
    let round = service.rounds().unwrap()[0].id;
    let dir = tempfile::tempdir().unwrap();
    let issued = service.export_packages(round, nengli::service::printing::Scope::All, dir.path(), Lang::En).unwrap();
    let files: Vec<_> = issued.iter().map(|i| i.file.clone()).collect();
    let mut package = open_package(&files[0]).unwrap();
    package.form.reflection = "反".repeat(1 << 20);
    // Sealed with the official's own code, as the app would (the app itself refuses the text).
    let key = package.unlock(&issued[0].code).unwrap();
    nengli::store::write_package(&files[0], &package.sealed_with(&key)).unwrap();
    let result = service.review_packages(&files[..1]).unwrap().remove(0).result;
    let problem = result.unwrap_err();
    assert!(matches!(problem, PackageProblem::Form(_)), "{problem:?}");
    let text = nengli::i18n::package_problem(Lang::En, &problem);
    assert!(text.contains("reflection") || text.contains("Reflection"), "{text}");
    assert!(text.contains("at most"), "{text}");
}

/// A link to the database takes the same lock as the file itself: one writer either way.
#[cfg(unix)]
#[test]
fn a_link_to_the_database_cannot_take_a_second_writer_lock() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    demo_file(&db);
    let link = dir.path().join("shortcut.sqlite");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let _held = nengli::lock::acquire(&db).unwrap();
    let sheet = dir.path().join("units.csv");
    std::fs::write(&sheet, "單位名稱,上級單位,類型\n新科,示範縣國家稅務局,section\n").unwrap();
    let out = nengli(&["--lang", "en", "--db", &arg(&link), "import", "units", &arg(&sheet)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("open in another"), "{}", stderr(&out));
}

/// Two backups to one file at once: both finish, the file is one whole verified backup, and
/// no half-written file stays beside it.
#[test]
fn two_backups_to_one_file_at_once_both_finish_with_one_whole_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    demo_file(&db);
    let target = dir.path().join("copy.sqlite");
    for _ in 0..5 {
        let spawn = || {
            Command::new(env!("CARGO_BIN_EXE_nengli"))
                .args(["--db", &arg(&db), "backup", "--out", &arg(&target)])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{}", stderr(&out));
        }
        nengli::store::verify_file(&target).unwrap();
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".partial"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}

/// Half-written files of a writer that was killed are swept when the database opens.
#[cfg(target_os = "linux")]
#[test]
fn partial_files_of_a_killed_writer_are_swept_when_the_database_opens() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    demo_file(&db);
    std::fs::create_dir_all(dir.path().join("backups")).unwrap();
    // Process number 4294967294 runs nowhere; this test's own would be kept.
    let stale = [dir.path().join("print.pdf.4294967294-0.partial"), dir.path().join("backups/nengli-x.sqlite.4294967294-3.partial")];
    let own = dir.path().join(format!("print.pdf.{}-9.partial", std::process::id()));
    for path in stale.iter().chain([&own]) {
        std::fs::write(path, vec![0u8; 4096]).unwrap();
    }
    drop(Store::open(&db, OpenMode::Existing).unwrap());
    assert!(stale.iter().all(|p| !p.exists()), "swept at open");
    assert!(own.exists(), "a running writer's file is left alone");
}
