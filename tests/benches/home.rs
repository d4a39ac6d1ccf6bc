//! The home page of a 30,000-official bureau: computing its figures (from the database, and
//! again from the window's cached data after a change), and one frame of the page.
//! Run with `cargo bench --bench home`.

mod common;

use egui_kittest::Harness;
use nengli::domain::Lang;
use nengli::domain::programme::{Facts, Person, figures, unit_completion};
use nengli::service::{Service, seed};
use nengli::store::{OpenMode, Store};
use nengli::ui::app::{NengliApp, Startup};
use nengli::ui::state::{Page, Prefs};
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bureau.sqlite");
    let mut service = Service::new(Store::open(&db, OpenMode::Create).expect("store"), "bench");
    seed::generate(&mut service, "基準測試局", 30_000, 1, 1).expect("generate");
    common::add_admin(&mut service);
    let year = service.read().bureau().expect("bureau").expect("set up").year;

    let samples: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let store = service.read();
            let (units, posts) = (store.units().expect("units"), store.posts().expect("posts"));
            let standards = store.standards(year).expect("standards").into_iter().map(|s| (s.post, s)).collect();
            let seats = store.seat_statements(year).expect("seats").into_iter().map(|s| (s.official, s)).collect();
            let people: Vec<Person> = store.roster_rows().expect("rows").iter().map(Person::from).collect();
            let (handed_in, planned) = (store.handed_in(year).expect("handed in"), store.planned(year).expect("planned"));
            let facts = Facts {
                units: &units,
                posts: &posts,
                standards: &standards,
                people: &people,
                seats: &seats,
                handed_in: &handed_in,
                planned: &planned,
            };
            let figures = figures(&facts);
            let completion = unit_completion(&facts);
            assert!(figures[0].1.is_some() && !completion.is_empty());
            started.elapsed()
        })
        .collect();
    println!("home figures from the database (30,000 officials): median {:.1} ms (goal < 200 ms)", median(samples));

    let prefs = Prefs { lang: Some(Lang::Tc), page: Page::Home, ..Default::default() };
    let startup =
        Startup { db: Some(db.clone()), lang: Lang::Tc, default_db: dir.path().join("d.sqlite"), demo_db: dir.path().join("demo.sqlite") };
    let app = NengliApp::new(prefs, startup);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(|ctx| nengli::ui::fonts::install(ctx, Lang::Tc))
        .build_eframe(|_cc| app);
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
    println!("home figures from the cached data after a change: median {:.1} ms (goal < 200 ms)", median(samples));
    let samples: Vec<Duration> = (0..200)
        .map(|_| {
            let started = Instant::now();
            harness.step();
            started.elapsed()
        })
        .collect();
    println!("home page frame (30,000 officials): median {:.2} ms (goal < 4 ms)", median(samples));
}
