//! The training register at scale: a generated 30,000-official bureau with five years of
//! attendance (about 5.7 million rows), the compliance page's computation for the whole bureau,
//! one official's training file, and the database's size. Run with `cargo bench --bench training`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

mod common;

use nengli::service::{Service, seed};
use nengli::store::{OpenMode, Store};
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
}
