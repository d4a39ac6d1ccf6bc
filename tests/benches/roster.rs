//! Speed of the roster with a generated 30,000-official bureau, measured headless through
//! the egui_kittest harness: opening the database and showing the roster page, one filter
//! keystroke (re-filter plus the frame that shows it), and one frame of the roster page.
//! Run with `cargo bench --bench roster`; prints median and 95th percentile per figure.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use nengli::ui::app::NengliApp;
use nengli::ui::intent::Intent;
use nengli::ui::intent::RosterIntent;
use nengli::ui::state::Page;
use std::time::{Duration, Instant};

use common::OFFICIALS;

fn stats(name: &str, goal_ms: f64, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = ms(samples[samples.len() / 2]);
    let p95 = ms(samples[(samples.len() * 95 / 100).min(samples.len() - 1)]);
    let verdict = if p95 < goal_ms { "within" } else { "OVER" };
    println!("{name:<44} median {median:8.2} ms   p95 {p95:8.2} ms   goal < {goal_ms} ms ({verdict}, n={})", samples.len());
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bureau.sqlite");
    let made = Instant::now();
    drop(common::generated_bureau(&db, 2));
    println!("generated {OFFICIALS} officials in {:.2} s", made.elapsed().as_secs_f64());

    // Open the database up to the log-in screen (first frame included), then log in and show
    // the roster page; a cold app each time.
    let (mut opens, mut logins) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        let started = Instant::now();
        let mut harness = common::open_app(&db, dir.path(), Page::Roster);
        opens.push(started.elapsed());
        assert_eq!(harness.state().state.data.as_ref().map(|d| d.roster.len()), Some(OFFICIALS));
        let started = Instant::now();
        common::log_in(&mut harness);
        logins.push(started.elapsed());
        // The backup the app starts at open runs beside the first frame; let it end before the next round.
        harness.state_mut().wait_for_backup();
    }
    stats("open database + show log-in screen", 300.0, opens);
    stats("log in (Argon2id) + show roster page", 300.0, logins);

    let mut harness = common::open_app(&db, dir.path(), Page::Roster);
    common::log_in(&mut harness);
    for _ in 0..5 {
        harness.step();
    }

    // One frame of the roster page, nothing changing.
    let samples = common::frames(&mut harness, 200);
    stats("roster page frame (30,000 rows)", 4.0, samples);

    // One frame with the last official selected (its detail form open).
    let last = harness.state().state.data.as_ref().and_then(|d| d.roster.last().map(|r| r.id));
    harness.state_mut().handle(Intent::Roster(RosterIntent::SelectOfficial(last)));
    harness.step();
    let samples = common::frames(&mut harness, 100);
    stats("roster page frame with detail form", 4.0, samples);

    // Filter keystrokes: re-filter of 30,000 rows plus the frame that shows the result.
    let search = |h: &Harness<'_, NengliApp>| h.get_by_role_and_label(Role::TextInput, "搜尋").focus();
    search(&harness);
    harness.step();
    let mut samples = Vec::new();
    for round in 0..40 {
        let key = ["張", "偉", "GS0", "1", "稅"][round % 5];
        harness.get_by_role_and_label(Role::TextInput, "搜尋").type_text(key);
        let started = Instant::now();
        harness.step();
        samples.push(started.elapsed());
        let data = harness.state().state.data.as_ref().expect("open");
        assert!(data.roster_visible.len() < data.roster.len(), "the keystroke filtered the roster");
        if round % 5 == 4 {
            harness.state_mut().state.roster.filter_text.clear();
            harness.state_mut().handle(Intent::Roster(RosterIntent::RosterFilterChanged));
            harness.step();
        }
    }
    stats("filter keystroke (re-filter + frame)", 16.0, samples);

    // The re-filter alone, on the domain function.
    let mut samples = Vec::new();
    for text in ["張", "張偉", "GS01", "稽查", "nobody"].iter().cycle().take(50) {
        let started = Instant::now();
        let app = harness.state_mut();
        app.state.roster.filter_text = (*text).to_owned();
        app.handle(Intent::Roster(RosterIntent::RosterFilterChanged));
        samples.push(started.elapsed());
    }
    stats("re-filter only", 16.0, samples);
}
