//! The first screen when no database is open: create a new bureau database, open the demo
//! bureau, or open an existing file.

use super::widgets::{form_row, line};
use crate::domain::Field;
use crate::i18n::tr;
use crate::ui::intent::Intent;
use crate::ui::intent::WelcomeIntent;
use crate::ui::state::State;
use egui::RichText;
use std::path::PathBuf;

pub fn welcome_ui(ui: &mut egui::Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    ui.vertical_centered(|ui| {
        ui.add_space(32.0);
        ui.label(RichText::new(tr(lang, "app.title")).size(28.0).strong());
        ui.label(RichText::new(tr(lang, "welcome.subtitle")).weak());
        ui.add_space(24.0);
    });
    if let Some((db, moved, backup)) = &state.damaged {
        egui::Frame::group(ui.style()).inner_margin(16.0).show(ui, |ui| {
            ui.label(RichText::new(tr(lang, "damaged.title")).size(18.0).strong().color(ui.visuals().error_fg_color));
            ui.label(crate::i18n::fill(tr(lang, "damaged.moved"), &[&moved.display().to_string()]));
            match backup {
                Some(backup) => {
                    let label = crate::i18n::fill(tr(lang, "damaged.offer"), &[&backup.taken_at.format("%Y-%m-%d %H:%M").to_string()]);
                    if ui.button(RichText::new(label).strong()).clicked() {
                        out.push(Intent::Welcome(WelcomeIntent::RestoreDamaged { db: db.clone(), backup: backup.path.clone() }));
                    }
                }
                None => {
                    ui.label(tr(lang, "damaged.no_backup"));
                }
            }
        });
        ui.add_space(16.0);
    }
    ui.horizontal_top(|ui| {
        let card_width = ((ui.available_width() - 24.0 - 40.0) / 2.0).clamp(380.0, 480.0);
        let total = card_width * 2.0 + 24.0;
        ui.add_space(((ui.available_width() - total) / 2.0).max(0.0));
        card(ui, card_width, |ui| {
            ui.label(RichText::new(tr(lang, "welcome.new_title")).size(18.0).strong());
            ui.label(RichText::new(tr(lang, "welcome.new_help")).weak());
            ui.add_space(8.0);
            let problems = state.welcome.problems.clone();
            egui::Grid::new("welcome_form").num_columns(2).spacing([8.0, 8.0]).show(ui, |ui| {
                form_row(ui, lang, tr(lang, "field.bureau_name"), Field::BureauName, &problems, |ui| {
                    line(ui, &mut state.welcome.bureau, 260.0)
                });
                form_row(ui, lang, tr(lang, "field.year"), Field::Year, &problems, |ui| line(ui, &mut state.welcome.year, 80.0));
                form_row(ui, lang, tr(lang, "field.location"), Field::Record, &problems, |ui| {
                    ui.horizontal(|ui| {
                        line(ui, &mut state.welcome.path, 250.0);
                        if ui.button(tr(lang, "welcome.choose")).clicked() {
                            out.push(Intent::Welcome(WelcomeIntent::ChooseNewDatabase));
                        }
                    });
                });
            });
            ui.add_space(8.0);
            if ui.button(RichText::new(tr(lang, "welcome.create")).strong()).clicked() {
                out.push(Intent::Welcome(WelcomeIntent::CreateDatabase {
                    path: PathBuf::from(state.welcome.path.trim()),
                    bureau: state.welcome.bureau.clone(),
                    year: state.welcome.year.clone(),
                }));
            }
        });
        ui.add_space(24.0);
        card(ui, card_width, |ui| {
            ui.label(RichText::new(tr(lang, "welcome.demo_title")).size(18.0).strong());
            ui.label(RichText::new(tr(lang, "welcome.demo_help")).weak());
            ui.add_space(8.0);
            if ui.button(RichText::new(tr(lang, "welcome.open_demo")).strong()).clicked() {
                out.push(Intent::Welcome(WelcomeIntent::OpenDemo));
            }
            ui.add_space(16.0);
            ui.separator();
            ui.label(RichText::new(tr(lang, "welcome.open_title")).size(18.0).strong());
            if ui.button(tr(lang, "welcome.open_file")).clicked() {
                out.push(Intent::Welcome(WelcomeIntent::ChooseDatabase));
            }
            for path in &state.recent {
                if ui.link(path.display().to_string()).clicked() {
                    out.push(Intent::Welcome(WelcomeIntent::OpenDatabase(path.clone())));
                }
            }
        });
    });
}

/// A framed box of `width` whose contents stack top to bottom.
pub(super) fn card(ui: &mut egui::Ui, width: f32, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::group(ui.style()).inner_margin(16.0).show(ui, |ui| {
        ui.set_width(width);
        ui.vertical(add);
    });
}
