//! What the window benchmarks share: the administrator account of a generated bureau and the
//! log-in through the app, so a page is measured as a logged-in user sees it.

use egui_kittest::Harness;
use nengli::service::Service;
use nengli::ui::app::NengliApp;
use nengli::ui::state::Intent;

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
