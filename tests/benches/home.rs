//! The home page of a 30,000-official bureau: computing its figures (from the database, and
//! again from the window's cached data after a change), and one frame of the page.
//! Run with `cargo bench --bench home`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

mod common;

use nengli::domain::programme::{figures, unit_completion};
use nengli::service::printing::ProgrammeFacts;
use nengli::ui::state::Page;
use std::time::{Duration, Instant};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bureau.sqlite");
    let service = common::generated_bureau(&db, 1);
    let year = service.read().bureau().expect("bureau").expect("set up").year;

    let samples: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let data = ProgrammeFacts::read(&service, year).expect("facts");
            let facts = data.facts();
            let figures = figures(&facts);
            let completion = unit_completion(&facts);
            assert!(figures[0].1.is_some() && !completion.is_empty());
            started.elapsed()
        })
        .collect();
    println!("home figures from the database (30,000 officials): median {:.1} ms (goal < 200 ms)", common::median(samples));

    let mut harness = common::open_app(&db, dir.path(), Page::Home);
    common::log_in(&mut harness);
    for _ in 0..5 {
        harness.step();
    }
    let samples: Vec<Duration> = (0..20)
        .map(|_| {
            let started = Instant::now();
            harness.state_mut().state.data.as_mut().expect("open").refresh_figures();
            started.elapsed()
        })
        .collect();
    println!("home figures from the cached data after a change: median {:.1} ms (goal < 200 ms)", common::median(samples));
    let samples = common::frames(&mut harness, 200);
    println!("home page frame (30,000 officials): median {:.2} ms (goal < 4 ms)", common::median(samples));
}
