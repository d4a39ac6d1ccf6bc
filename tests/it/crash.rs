//! Crash safety with real processes: the command-line import is killed (SIGKILL on Unix) at
//! varied moments; afterwards the database passes its checks and holds either every row of
//! the import or none of them. A process killed right after its commit keeps what it stored.

use nengli::domain::Lang;
use nengli::exchange::{Kind, write};
use nengli::service::{Service, seed};
use nengli::store::{OpenMode, Store};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const ROWS: usize = 4_000;

fn officials(path: &Path) -> i64 {
    rusqlite::Connection::open(path).unwrap().query_row("SELECT count(*) FROM official", [], |r| r.get(0)).unwrap()
}

/// A bureau with units and posts but no officials, and a roster sheet for it.
fn setup(dir: &Path) -> (PathBuf, PathBuf) {
    let source = dir.join("source.sqlite");
    let mut service = Service::new(Store::open(&source, OpenMode::Create).unwrap(), "test");
    seed::generate(&mut service, "崩潰測試局", ROWS, 1, 5, seed::Fill::Structure).unwrap();
    let sheet = dir.join("roster.xlsx");
    write::save(&nengli::service::exports::export_table(&service, Kind::Officials, Lang::Tc).unwrap(), &sheet).unwrap();
    let pristine = dir.join("pristine.sqlite");
    let mut target = Service::new(Store::open(&pristine, OpenMode::Create).unwrap(), "test");
    target.init_bureau("崩潰測試局", 2012, &nengli::domain::catalogue::Catalogue::shipped()).unwrap();
    for kind in [Kind::Units, Kind::Posts] {
        let table = nengli::service::exports::export_table(&service, kind, Lang::Tc).unwrap();
        let sheets = nengli::exchange::read::read_bytes(&write::csv_bytes(&table).unwrap(), nengli::exchange::Format::Csv).unwrap();
        let preview = nengli::exchange::preview::build(kind, "setup", &sheets[0], &target.lookup().unwrap()).unwrap();
        let _summary = target.import(&preview, &mut |_, _| true).unwrap();
    }
    drop(target);
    (pristine, sheet)
}

fn import(db: &Path, sheet: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_nengli"))
        .args(["--lang", "en", "--db", db.to_str().unwrap(), "import", "officials", sheet.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn an_import_killed_at_any_moment_stores_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (pristine, sheet) = setup(dir.path());
    let db = dir.path().join("bureau.sqlite");
    let mut outcomes = Vec::new();
    // Kill times spread from "at once" to "after it must have finished".
    for (round, delay_ms) in [5u64, 60, 180, 400, 900, 1600, 3000].into_iter().enumerate() {
        std::fs::copy(&pristine, &db).unwrap();
        // The file is replaced on purpose: this computer's record of the last round's chain goes too.
        let _ = std::fs::remove_file(nengli::paths::chain_head_record(&db));
        let mut child = import(&db, &sheet);
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let store = Store::open(&db, OpenMode::Existing).unwrap_or_else(|e| panic!("round {round}: the file must reopen: {e}"));
        let problems = store.check().unwrap();
        assert!(problems.iter().all(|p| p.is_note()), "round {round}: integrity and foreign keys hold: {problems:?}");
        drop(store);
        let n = officials(&db);
        assert!(n == 0 || n == ROWS as i64, "round {round} (killed after {delay_ms} ms): {n} rows, never part of an import");
        outcomes.push(n);
        for side in ["-wal", "-shm", ".lock"] {
            let _ = std::fs::remove_file(format!("{}{side}", db.display()));
        }
    }
    assert!(outcomes.contains(&0), "some kill landed before the commit: {outcomes:?}");
}

#[test]
fn a_process_killed_right_after_its_commit_keeps_what_it_stored() {
    let dir = tempfile::tempdir().unwrap();
    let (pristine, sheet) = setup(dir.path());
    let db = dir.path().join("bureau.sqlite");
    std::fs::copy(&pristine, &db).unwrap();
    let mut child = import(&db, &sheet);
    let stdout = child.stdout.take().unwrap();
    for line in BufReader::new(stdout).lines() {
        if line.unwrap().starts_with("stored:") {
            // The commit is done; kill before the process can tidy up.
            let _ = child.kill();
            break;
        }
    }
    let _ = child.wait();
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    assert!(store.check().unwrap().is_empty());
    drop(store);
    assert_eq!(officials(&db), ROWS as i64);
}
