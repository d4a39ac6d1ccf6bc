//! The training register at scale: a generated 30,000-official bureau with five years of
//! attendance (about 5.7 million rows), the compliance page's computation for the whole bureau,
//! one official's training file, the database's size, and attendance of ten sessions × 30,000
//! officials (three files of 100,000 rows) imported as the command line does it, beside the
//! `sqlite3` shell's `.import` of the same rows into a copy of the file. Run with
//! `cargo bench --bench training`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

mod common;

use nengli::domain::Lang;
use nengli::domain::training::{Audience, SessionData};
use nengli::service::command::TrainingCommand;
use nengli::service::{Service, seed};
use nengli::store::{OpenMode, Store};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bureau.sqlite");
    let made = Instant::now();
    let mut service = common::generated_bureau(&db, 5);
    let year = service.read().bureau().expect("bureau").expect("set up").year;
    let rows = seed::training_history(&mut service, year - 4, year, 1).expect("training history");
    println!("generated 30,000 officials with {rows} attendance rows over five years in {:.1} s", made.elapsed().as_secs_f64());
    drop(service);
    let service = Service::new(Store::open(&db, OpenMode::Existing).expect("reopen"), "bench");

    let samples: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let compliance = service.compliance(year, None).expect("compliance");
            assert_eq!(compliance.people.len(), 30_000);
            started.elapsed()
        })
        .collect();
    println!("compliance for the whole bureau (30,000 officials × 7 quotas): median {:.1} ms (goal < 300 ms)", common::median(samples));

    let people: Vec<_> = service.read().roster_rows().expect("rows").into_iter().step_by(1_499).map(|r| r.id).collect();
    let samples: Vec<Duration> = people
        .iter()
        .map(|id| {
            let started = Instant::now();
            let file = service.training_file(*id, year).expect("file");
            assert!(!file.lines.is_empty());
            started.elapsed()
        })
        .collect();
    println!("one official's training file: median {:.2} ms (goal < 20 ms)", common::median(samples));
    let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(db.with_extension("sqlite-wal")).map(|m| m.len()).unwrap_or(0);
    println!("database size: {:.0} MB", size as f64 / 1e6);

    drop(service);
    attendance_import(&db, year);
}

/// Ten sessions of `year` (types and 學時 as a bureau schedules them), created through the service.
fn sessions(service: &mut Service, year: i32) -> Vec<(i64, f32)> {
    let plan = [("collective", 2.0), ("law_forum", 2.0), ("class", 24.0), ("online", 2.0), ("collective", 3.0)];
    (0..10u32)
        .map(|i| {
            let (kind, hours) = plan[i as usize % plan.len()];
            let data = SessionData {
                title: format!("導入測試場次{}", i + 1),
                kind: kind.to_owned(),
                date: chrono::NaiveDate::from_ymd_opt(year, 1 + i % 12, 15).expect("date"),
                time: String::new(),
                place: String::new(),
                hours,
                organiser: "人教科".into(),
                lead: String::new(),
                audience: Audience::default(),
                capabilities: Vec::new(),
            };
            let command = TrainingCommand::SaveSession { id: None, topic: None, data: Box::new(data), plan_items: Vec::new() };
            let applied = service.execute(command).expect("session");
            let nengli::service::command::Entity::Session(id) = applied.entity else { panic!("a session") };
            (id, hours)
        })
        .collect()
}

/// Attendance of ten sessions × every official as a clerk fills it in (session number,
/// staff number, 出席/遲到/請假, 學時 only where fewer than the session's), imported the way
/// `nengli import attendance` does it; and the same rows as the table holds them, loaded with the
/// `sqlite3` shell's `.import --csv` into a copy of the same file (same table, same indexes).
fn attendance_import(db: &Path, year: i32) {
    let dir = db.parent().expect("folder");
    let mut service = Service::new(Store::open(db, OpenMode::Existing).expect("reopen"), "bench");
    let sessions = sessions(&mut service, year);
    let people = service.read().roster_rows().expect("rows");
    // A sheet holds at most 100,000 rows: the 300,000 come in three files, imported one after another.
    let (mut clerk, mut table) = (Vec::new(), Vec::new());
    let mut rows = 0usize;
    for (s, (session, hours)) in sessions.iter().enumerate() {
        for (i, person) in people.iter().enumerate() {
            let (mark, code, credited, entered) = match (i + s) % 20 {
                0 => ("請假", "leave", 0.0, String::new()),
                7 => ("遲到", "late", hours - 0.5, format!("{}", hours - 0.5)),
                13 => ("遲到", "late", *hours, String::new()),
                _ => ("出席", "present", *hours, String::new()),
            };
            if rows.is_multiple_of(nengli::exchange::MAX_ROWS) {
                clerk.push(String::from("場次編號,工號,出勤,學時\n"));
                table.push(String::new());
            }
            let (c, t) = (clerk.last_mut().expect("file"), table.last_mut().expect("file"));
            writeln!(c, "{session},{},{mark},{entered}", person.staff_no).expect("text");
            writeln!(t, "{session},{},{code},{credited:.1},0", person.id.0).expect("text");
            rows += 1;
        }
    }
    let files: Vec<(std::path::PathBuf, std::path::PathBuf)> = clerk
        .iter()
        .zip(&table)
        .enumerate()
        .map(|(n, (c, t))| {
            let paths = (dir.join(format!("attendance-{n}.csv")), dir.join(format!("attendance-rows-{n}.csv")));
            std::fs::write(&paths.0, c).expect("write");
            std::fs::write(&paths.1, t).expect("write");
            paths
        })
        .collect();
    // The copy is taken with the file closed (its WAL folded in), so both start from the same bytes.
    drop(service);
    let floor_db = dir.join("floor.sqlite");
    std::fs::copy(db, &floor_db).expect("copy");
    let mut service = Service::new(Store::open(db, OpenMode::Existing).expect("reopen"), "bench");

    let started = Instant::now();
    let stored: usize = files
        .iter()
        .map(|(clerk, _)| nengli::service::training::import_attendance_file(&mut service, clerk, Lang::Tc).expect("import"))
        .sum();
    let ours = started.elapsed();
    assert_eq!(stored, rows);
    let count = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM attendance WHERE session_id BETWEEN ?1 AND ?2", [sessions[0].0, sessions[9].0], |r| r.get(0))
            .expect("count")
    };
    drop(service);
    assert_eq!(count(&rusqlite::Connection::open(db).expect("open")), rows as i64);

    let shell = Path::new("/usr/bin/sqlite3");
    let (floor, how) = if shell.exists() {
        let started = Instant::now();
        let status = std::process::Command::new(shell)
            .arg(&floor_db)
            .args(files.iter().map(|(_, table)| format!(".import --csv {} attendance", table.display())))
            .status()
            .expect("sqlite3");
        let elapsed = started.elapsed();
        assert!(status.success(), "sqlite3 .import");
        (elapsed, "the sqlite3 shell's .import --csv (one process, the three files in turn)")
    } else {
        println!("/usr/bin/sqlite3 is absent: the floor is one prepared INSERT per row in one transaction, in-process");
        let mut conn = rusqlite::Connection::open(&floor_db).expect("open");
        let started = Instant::now();
        let tx = conn.transaction().expect("transaction");
        {
            let mut insert = tx
                .prepare("INSERT INTO attendance (session_id, official_id, mark, hours, walk_in) VALUES (?1, ?2, ?3, ?4, ?5)")
                .expect("prepare");
            let text: String = files.iter().map(|(_, table)| std::fs::read_to_string(table).expect("read")).collect();
            for line in text.lines() {
                let f: Vec<&str> = line.split(',').collect();
                insert.execute(rusqlite::params![f[0], f[1], f[2], f[3], f[4]]).expect("insert");
            }
        }
        tx.commit().expect("commit");
        (started.elapsed(), "one prepared INSERT per row in one transaction")
    };
    assert_eq!(count(&rusqlite::Connection::open(&floor_db).expect("open")), rows as i64);
    println!(
        "attendance import of {rows} rows (10 sessions × 30,000 officials in three files, check + store with tallies and audit rows): {:.2} s, {:.1} µs a row",
        ours.as_secs_f64(),
        ours.as_secs_f64() * 1e6 / rows as f64
    );
    println!("the same rows by {how}: {:.2} s", floor.as_secs_f64());
    println!("ratio: {:.1}× (goal ≤ 5×)", ours.as_secs_f64() / floor.as_secs_f64());
}
