//! The window: eframe start-up, the app loop (`app`), the state it draws from (`state`) and
//! the views (`views`), which read state and emit intents but never touch SQLite or files.

pub mod app;
pub mod dialog;
pub mod fonts;
pub mod intent;
pub mod jobs;
pub mod page;
pub mod state;
pub mod theme;
pub mod views;

use crate::domain::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window on `db` (or the last / default database).
pub fn run(db: Option<PathBuf>, lang: Option<Lang>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("能力建設年管理系統 nengli")
            .with_app_id("nengli")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 600.0]),
        persist_window: true,
        system_font_fallback: false,
        ..Default::default()
    };
    let result = eframe::run_native("nengli", options, Box::new(move |cc| Ok(Box::new(app::NengliApp::from_creation(cc, db, lang)))));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            log::error!("window: {e}");
            eprintln!("nengli: {e}");
            ExitCode::FAILURE
        }
    }
}
