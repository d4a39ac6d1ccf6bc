//! What the benchmarks share: the administrator account of a generated bureau and the log-in
//! through the app (so a page is measured as a logged-in user sees it), opening the app,
//! timing frames, and the median of samples. Each bench uses part of it.
#![allow(dead_code)]

use egui_kittest::Harness;
use nengli::domain::Lang;
use nengli::service::Service;
use nengli::ui::app::{NengliApp, Startup};
use nengli::ui::state::{Intent, Page, Prefs};
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

/// Makes the generated bureau's administrator.
pub fn add_admin(service: &mut Service) {
    service.create_first_admin(ADMIN.0, ADMIN.1).expect("administrator");
}

/// Logs the app in as the administrator and draws the first page.
pub fn log_in(harness: &mut Harness<'_, NengliApp>) {
    let login = &mut harness.state_mut().state.login;
    login.username = ADMIN.0.into();
    login.password = ADMIN.1.into();
    harness.state_mut().apply(Intent::Login);
    harness.step();
    assert!(harness.state().state.session.is_some(), "logged in");
}

/// The median of `samples`, in milliseconds.
pub fn median(mut samples: Vec<std::time::Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}
