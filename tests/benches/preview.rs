//! The print preview on a 30,000-official bureau with every kind of record (`seed::Fill::Everything`,
//! in a file, read back as the window reads it): one person's 公務員年度考核登記表, the whole
//! bureau's forms (counted, then a window of sheets read and laid out at a time), its capability
//! reports and 能力席位書 (a window of people at a time) and its grade roster (one long table, made
//! whole). Run with `cargo bench --bench preview`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

mod common;

use nengli::domain::Lang;
use nengli::report::layout::A4;
use nengli::service::preview::{self, WINDOW_SHEETS};
use nengli::service::printing::{Printout, Scope, YearEndSheets};
use nengli::service::{Service, seed};
use nengli::store::{OpenMode, Store};
use std::time::{Duration, Instant};

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("bureau.sqlite");
    let made = Instant::now();
    {
        let mut service = Service::new(Store::open(&db, OpenMode::Create).expect("store"), "bench");
        seed::generate(&mut service, "基準測試局", common::OFFICIALS, 1, 1, seed::Fill::Everything).expect("generate");
        common::add_admin(&mut service);
    }
    println!("generated 30,000 officials with every kind of record in {:.1} s", made.elapsed().as_secs_f64());
    let service = Service::new(Store::open(&db, OpenMode::Existing).expect("reopen"), "bench");
    let year = service.read().bureau().expect("bureau").expect("set up").year;
    let staff: Vec<String> = service.read().officials().expect("officials").iter().map(|o| o.staff_no.clone()).collect();
    let forms = |staff: Vec<String>| Printout::YearEndSheets(YearEndSheets { year, scope: Scope::All, staff, paper: A4 });

    // One person's form, as the year-end page's print button opens it.
    let samples: Vec<Duration> = staff
        .iter()
        .step_by(staff.len() / 25)
        .map(|one| {
            let started = Instant::now();
            let shown = preview::preview(&service, &forms(vec![one.clone()]), Lang::Tc).expect("preview").expect("a form");
            let pages = shown.pages(&service, 0).expect("pages");
            assert!(pages.len() >= 2, "a form is two pages or more");
            started.elapsed()
        })
        .collect();
    println!("the preview of one 公務員年度考核登記表 (read, made, laid out): median {:.1} ms (goal < 30 ms)", common::median(samples));

    // Every form of the bureau: counted, its first window shown, then a window further on.
    let mut opened = None;
    let (before, peak) = common::peak_during(|| {
        let started = Instant::now();
        let shown = preview::preview(&service, &forms(Vec::new()), Lang::Tc).expect("preview").expect("forms");
        let pages = shown.pages(&service, 0).expect("pages");
        opened = Some((started.elapsed(), shown, pages.len()));
    });
    let (took, shown, pages) = opened.expect("opened");
    let samples: Vec<Duration> = (1..=7)
        .map(|n| {
            let started = Instant::now();
            let pages = shown.pages(&service, n * shown.len() / 8).expect("window");
            assert!(pages.len() >= 2 * WINDOW_SHEETS);
            started.elapsed()
        })
        .collect();
    println!(
        "the preview of all {} forms: opened with its first {WINDOW_SHEETS} ({pages} pages) in {:.0} ms, another window {:.1} ms median; peak resident memory {peak:.0} MB ({before:.0} MB in use before)",
        shown.len(),
        took.as_secs_f64() * 1000.0,
        common::median(samples)
    );

    // A sheet per person: every capability report of the bureau; and a printout made whole, one
    // long table: the bureau's grade roster.
    let round = nengli::service::printing::round_of_year(&service, year).expect("round").expect("a round");
    let printouts = [
        ("capability reports", Printout::CapabilityReports { round, scope: Scope::All }),
        ("能力席位書", Printout::SeatStatements { scope: Scope::All, year }),
        ("grade roster (one table, made whole)", Printout::GradeRoster { year, unit: None }),
    ];
    for (name, printout) in printouts {
        let mut opened = None;
        let (before, peak) = common::peak_during(|| {
            let started = Instant::now();
            let shown = preview::preview(&service, &printout, Lang::Tc).expect("preview").expect("a printout");
            let pages = shown.pages(&service, 0).expect("pages");
            opened = Some((started.elapsed(), shown.len(), pages.len()));
        });
        let (took, sheets, pages) = opened.expect("opened");
        println!(
            "the preview of the bureau's {name}: {sheets} sheets, the first window ({pages} pages) in {:.0} ms, peak resident memory {peak:.0} MB ({before:.0} MB in use before)",
            took.as_secs_f64() * 1000.0
        );
    }
}
