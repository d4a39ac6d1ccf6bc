//! What the benchmarks share: a generated bureau with its administrator account and the log-in
//! through the app (so a page is measured as a logged-in user sees it), opening the app,
//! timing frames, the median of samples and the process's memory. Each bench uses part of it.
#![allow(dead_code)]

use egui_kittest::Harness;
use nengli::domain::Lang;
use nengli::service::Service;
use nengli::store::{OpenMode, Store};
use nengli::ui::app::{NengliApp, Startup};
use nengli::ui::intent::Intent;
use nengli::ui::intent::LoginIntent;
use nengli::ui::state::{Page, Prefs};
use std::path::Path;

/// The app on `db` in 繁體中文, starting on `page`, with its first frame drawn (the log-in screen).
pub fn open_app(db: &Path, dir: &Path, page: Page) -> Harness<'static, NengliApp> {
    let prefs = Prefs { lang: Some(Lang::Tc), page, ..Default::default() };
    let startup =
        Startup { db: Some(db.to_owned()), lang: Lang::Tc, default_db: dir.join("default.sqlite"), demo_db: dir.join("demo.sqlite") };
    let app = NengliApp::new(prefs, startup);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(|ctx| nengli::ui::fonts::install(ctx, Lang::Tc))
        .build_eframe(|_cc| app);
    harness.step();
    harness
}

/// How long each of `n` frames takes, nothing changing.
pub fn frames(harness: &mut Harness<'_, NengliApp>, n: usize) -> Vec<std::time::Duration> {
    (0..n)
        .map(|_| {
            let started = std::time::Instant::now();
            harness.step();
            started.elapsed()
        })
        .collect()
}

const ADMIN: (&str, &str) = ("admin", "bench-password");

/// How many officials the generated bureaus hold.
pub const OFFICIALS: usize = 30_000;

/// A new file at `db` holding a generated bureau of [`OFFICIALS`] officials over `years` years,
/// with its administrator.
pub fn generated_bureau(db: &Path, years: u32) -> Service {
    let mut service = Service::new(Store::open(db, OpenMode::Create).expect("store"), "bench");
    nengli::service::seed::generate(&mut service, "基準測試局", OFFICIALS, years, 1, nengli::service::seed::Fill::Structure)
        .expect("generate");
    add_admin(&mut service);
    service
}

/// A generated bureau of one year in a new temporary folder (kept while the folder lives), with
/// its year.
pub fn one_year_bureau() -> (tempfile::TempDir, Service, i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let service = generated_bureau(&dir.path().join("bureau.sqlite"), 1);
    let year = service.read().bureau().expect("bureau").expect("set up").year;
    (dir, service, year)
}

/// A figure of this process from /proc/self/status (Linux), in MB: `VmHWM:` is the peak
/// resident memory, `VmRSS:` the resident memory now.
pub fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with(field))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Makes the generated bureau's administrator.
pub fn add_admin(service: &mut Service) {
    service.create_first_admin(ADMIN.0, ADMIN.1).expect("administrator");
}

/// Logs the app in as the administrator and draws the first page.
pub fn log_in(harness: &mut Harness<'_, NengliApp>) {
    let login = &mut harness.state_mut().state.login;
    login.username = ADMIN.0.into();
    login.password = ADMIN.1.into();
    harness.state_mut().handle(Intent::Login(LoginIntent::Login));
    harness.step();
    assert!(harness.state().state.session.is_some(), "logged in");
}

/// The median of `samples`, in milliseconds.
pub fn median(mut samples: Vec<std::time::Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

/// The median of seven runs of `f`, in milliseconds.
pub fn median_of_seven(f: &mut dyn FnMut()) -> f64 {
    let samples: Vec<std::time::Duration> = (0..7)
        .map(|_| {
            let started = std::time::Instant::now();
            f();
            started.elapsed()
        })
        .collect();
    median(samples)
}

/// Runs `work`: the resident memory before it and the peak while it ran, in MB (Linux; the
/// peak is reset first by writing 5 to /proc/self/clear_refs).
pub fn peak_during(work: impl FnOnce()) -> (f64, f64) {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_mb("VmRSS:").unwrap_or(f64::NAN);
    work();
    (before, status_mb("VmHWM:").unwrap_or(f64::NAN))
}
