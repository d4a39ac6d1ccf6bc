//! The log-in screen over an open database: user name and password; for a file without
//! accounts, the first administrator's; and the forced change of a one-time password.

use super::welcome::card;
use super::widgets::form_row;
use crate::domain::Field;
use crate::i18n::tr;
use crate::ui::intent::Intent;
use crate::ui::intent::{LoginIntent, WelcomeIntent};
use crate::ui::state::State;
use egui::RichText;

fn secret(ui: &mut egui::Ui, text: &mut String) -> egui::Response {
    ui.add(egui::TextEdit::singleline(text).password(true).desired_width(240.0).char_limit(crate::domain::access::MAX_PASSWORD))
}

pub fn login_ui(ui: &mut egui::Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let must_change = state.session.as_ref().is_some_and(|s| s.must_change);
    let first_admin = state.login.first_admin && !must_change;
    ui.vertical_centered(|ui| {
        ui.add_space(48.0);
        ui.label(RichText::new(tr(lang, "app.title")).size(28.0).strong());
        if let Some(data) = &state.data {
            ui.label(RichText::new(&data.bureau.name).size(18.0));
            ui.label(RichText::new(data.path.display().to_string()).weak().small());
        }
        ui.add_space(24.0);
    });
    ui.horizontal_top(|ui| {
        let width = 440.0;
        ui.add_space(((ui.available_width() - width - 40.0) / 2.0).max(0.0));
        card(ui, width, |ui| {
            let (title, help) = if must_change {
                ("login.change_title", "login.change_help")
            } else if first_admin {
                ("login.first_title", "login.first_help")
            } else {
                ("login.title", "login.help")
            };
            ui.label(RichText::new(tr(lang, title)).size(18.0).strong());
            ui.label(RichText::new(tr(lang, help)).weak());
            ui.add_space(8.0);
            let login = &mut state.login;
            let problems = login.problems.clone();
            let mut submit = false;
            let mut first_field = None;
            egui::Grid::new("login_form").num_columns(2).spacing([8.0, 8.0]).show(ui, |ui| {
                if !must_change {
                    first_field = Some(form_row(ui, lang, tr(lang, "field.username"), Field::Username, &problems, |ui| {
                        ui.add(egui::TextEdit::singleline(&mut login.username).desired_width(240.0).char_limit(64))
                    }));
                }
                if first_admin {
                    form_row(ui, lang, tr(lang, "field.password"), Field::Password, &problems, |ui| secret(ui, &mut login.new_password));
                    let r = form_row(ui, lang, tr(lang, "login.repeat"), Field::Record, &[], |ui| secret(ui, &mut login.repeat));
                    submit = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                } else if must_change {
                    form_row(ui, lang, tr(lang, "login.new_password"), Field::Password, &problems, |ui| {
                        secret(ui, &mut login.new_password)
                    });
                    let r = form_row(ui, lang, tr(lang, "login.repeat"), Field::Record, &[], |ui| secret(ui, &mut login.repeat));
                    submit = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                } else {
                    let r =
                        form_row(ui, lang, tr(lang, "field.password"), Field::Password, &problems, |ui| secret(ui, &mut login.password));
                    submit = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                }
            });
            // The cursor starts in the first field, so the user can type straight away.
            if let Some(field) = first_field
                && !login.focus_asked
            {
                field.request_focus();
                login.focus_asked = true;
            }
            if login.demo && !must_change {
                // One account a line, so none is split between lines.
                ui.label(RichText::new(tr(lang, "login.demo_accounts")).small().weak());
                for (user, password, role) in crate::service::seed::DEMO_ACCOUNTS {
                    let role = tr(lang, &format!("role.{}", role.code()));
                    let account = crate::i18n::fill(tr(lang, "login.demo_account"), &[user, password, role]);
                    ui.label(RichText::new(account).small().weak());
                }
            }
            if let Some(message) = &login.message {
                ui.label(RichText::new(message.get(lang)).color(ui.visuals().error_fg_color));
            }
            ui.add_space(8.0);
            let (label, intent) = if must_change {
                ("login.change", Intent::Login(LoginIntent::ChangePassword))
            } else if first_admin {
                ("login.create_admin", Intent::Login(LoginIntent::CreateFirstAdmin))
            } else {
                ("login.button", Intent::Login(LoginIntent::Login))
            };
            if ui.button(RichText::new(tr(lang, label)).strong()).clicked() || submit {
                out.push(intent);
            }
            ui.add_space(12.0);
            if ui.link(tr(lang, "menu.close_database")).clicked() {
                out.push(Intent::Welcome(WelcomeIntent::CloseDatabase));
            }
        });
    });
}
