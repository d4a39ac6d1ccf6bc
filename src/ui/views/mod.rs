//! The views: `root_ui` lays out the window (menu, navigation, status bar, the page) and
//! each page is a function of the state that pushes intents. No view reads the database.

mod analysis;
mod appraisal;
mod charts;
mod home;
mod import;
mod login;
mod org;
mod package;
mod print;
mod programme;
mod roster;
mod routine;
mod selfcheck;
mod settings;
mod standards;
mod training;
mod welcome;
pub mod widgets;
mod yearend;

use super::state::{Notice, Page, State};
use crate::domain::Lang;
use crate::exchange::Kind;
use crate::i18n::tr;
use crate::ui::intent::Intent;
use crate::ui::intent::{ImportIntent, LoginIntent, PackageIntent, WelcomeIntent};
use egui::{Align, Layout, RichText};

/// Draws the whole window.
pub fn root_ui(ui: &mut egui::Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    ui.ctx().data_mut(|d| d.insert_temp(egui::Id::unique(widgets::ASKED), state.asked));
    egui::Panel::top("menu").show(ui, |ui| menu_bar(ui, state, out));
    egui::Panel::bottom("status").show(ui, |ui| status_bar(ui, state, out));
    path_prompt(ui.ctx(), state, out);
    if let Some(view) = &mut state.package {
        egui::CentralPanel::default().show(ui, |ui| package::package_ui(ui, lang, view, out));
        return;
    }
    if state.data.is_none() {
        egui::CentralPanel::default().show(ui, |ui| welcome::welcome_ui(ui, state, out));
        return;
    }
    let Some(role) = state.session.as_ref().filter(|s| !s.must_change).map(|s| s.role) else {
        egui::CentralPanel::default().show(ui, |ui| login::login_ui(ui, state, out));
        return;
    };
    // English page names ("Capability standards", "Routine assessment") are longer than the
    // Chinese ones: a wider bar keeps each on one line.
    let nav_width = if lang == crate::domain::Lang::En { 200.0 } else { 150.0 };
    egui::Panel::left("nav").resizable(false).exact_size(nav_width).show(ui, |ui| {
        ui.add_space(8.0);
        if let Some(data) = &state.data {
            ui.label(RichText::new(&data.bureau.name).strong());
            ui.label(RichText::new(format!("{} {}", data.catalogue.programme.get(lang), data.bureau.year)).weak());
        }
        if let Some(session) = &state.session {
            ui.add_space(4.0);
            // The person's name where the account is someone on the roster, the account beside it.
            let name = session.official.and_then(|o| state.data.as_ref()?.roster.iter().find(|r| r.id == o)).map(|r| r.name.as_str());
            let who = name.map_or(session.username.clone(), |name| format!("{name} ({})", session.username));
            ui.label(RichText::new(format!("{who} · {}", tr(lang, &format!("role.{}", session.role.code())))).small());
            if ui.small_button(tr(lang, "login.log_out")).clicked() {
                out.push(Intent::Login(LoginIntent::LogOut));
            }
        }
        ui.separator();
        for page in Page::ALL {
            if (page == Page::Import && state.import.is_none()) || !page.offered_to(role) {
                continue;
            }
            let label = RichText::new(tr(lang, page.key())).size(16.0);
            if ui.add_sized([nav_width - 18.0, 32.0], egui::Button::selectable(state.page == page, label)).clicked() {
                out.push(Intent::Navigate(page));
            }
        }
    });
    egui::CentralPanel::default().show(ui, |ui| match state.page {
        Page::Home => home::home_ui(ui, state, out),
        Page::Programme => programme::programme_ui(ui, state, out),
        Page::Organisation => org::org_ui(ui, state, out),
        Page::Roster => roster::roster_ui(ui, state, out),
        Page::Standards => standards::standards_ui(ui, state, out),
        Page::SelfCheck => selfcheck::selfcheck_ui(ui, state, out),
        Page::Analysis => analysis::analysis_ui(ui, state, out),
        Page::Training => training::training_ui(ui, state, out),
        Page::Routine => routine::routine_ui(ui, state, out),
        Page::YearEnd => yearend::yearend_ui(ui, state, out),
        Page::Import => import::import_ui(ui, state, out),
        Page::Settings => settings::settings_ui(ui, state, out),
    });
    if state.print.is_some() {
        print::print_preview_ui(ui.ctx(), state, out);
    }
    if state.training.pending_import.is_some() {
        training::pending_import_ui(ui.ctx(), state, out);
    }
    if state.selfcheck.package_review.is_some() {
        selfcheck::package_review_ui(ui.ctx(), state, out);
    }
    if !state.selfcheck.issued.is_empty() {
        selfcheck::package_codes_ui(ui.ctx(), state, out);
    }
    if let Some(job) = &state.job {
        egui::Modal::new(egui::Id::unique("job")).show(ui.ctx(), |ui| {
            ui.set_width(380.0);
            ui.heading(tr(lang, job.title_key));
            ui.add_space(8.0);
            let fraction = if job.total == 0 { 0.0 } else { job.done as f32 / job.total as f32 };
            let text = if job.total == 0 { String::new() } else { format!("{} / {}", job.done, job.total) };
            ui.add(egui::ProgressBar::new(fraction).text(text).animate(job.total == 0));
            if job.cancellable {
                ui.add_space(8.0);
                if ui.button(tr(lang, "action.cancel")).clicked() {
                    out.push(Intent::CancelJob);
                }
            }
        });
    }
    if let Some((message, intent)) = &state.confirm {
        let modal = egui::Modal::new(egui::Id::unique("confirm")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.heading(tr(lang, "confirm.title"));
            ui.add_space(8.0);
            ui.label(message);
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "confirm.yes")).clicked() {
                    out.push(Intent::Confirm(intent.clone()));
                }
                if ui.button(tr(lang, "confirm.no")).clicked() {
                    out.push(Intent::CancelConfirm);
                }
            });
        });
        if modal.should_close() {
            out.push(Intent::CancelConfirm);
        }
    }
}

/// The window's own path field, where no file dialog could be shown (a Linux desktop without
/// the XDG portal and without zenity): the path typed there is used as the dialog's answer.
fn path_prompt(ctx: &egui::Context, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some((text, _)) = &mut state.path_prompt else { return };
    let modal = egui::Modal::new(egui::Id::unique("path_prompt")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(tr(lang, "dialog.path_title"));
        ui.add_space(6.0);
        ui.label(tr(lang, "dialog.path_hint"));
        ui.add_space(6.0);
        let label = ui.label(tr(lang, "dialog.path_label"));
        let field = ui.add(egui::TextEdit::singleline(text).desired_width(520.0).char_limit(4_096)).labelled_by(label.id);
        if !field.has_focus() && !field.lost_focus() {
            field.request_focus();
        }
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "dialog.path_ok")).clicked() || entered {
                out.push(Intent::PathTyped);
            }
            if ui.button(tr(lang, "confirm.no")).clicked() {
                out.push(Intent::CancelPath);
            }
        });
    });
    if modal.should_close() {
        out.push(Intent::CancelPath);
    }
}

fn menu_bar(ui: &mut egui::Ui, state: &State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button(tr(lang, "menu.file"), |ui| {
            // A reviewer or an official sees only what is theirs: no other file, no bureau tables.
            if state.offers_files() {
                if ui.button(tr(lang, "menu.new_database")).clicked() {
                    out.push(Intent::Welcome(WelcomeIntent::ChooseNewDatabase));
                }
                if ui.add(egui::Button::new(tr(lang, "menu.open_database")).shortcut_text("Ctrl+O")).clicked() {
                    out.push(Intent::Welcome(WelcomeIntent::ChooseDatabase));
                }
                ui.menu_button(tr(lang, "menu.recent"), |ui| {
                    if state.recent.is_empty() {
                        ui.label(RichText::new(tr(lang, "menu.recent_none")).weak());
                    }
                    for path in &state.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            out.push(Intent::Welcome(WelcomeIntent::OpenDatabase(path.clone())));
                        }
                    }
                });
                if ui.button(tr(lang, "menu.open_demo")).clicked() {
                    out.push(Intent::Welcome(WelcomeIntent::OpenDemo));
                }
            }
            if ui.button(tr(lang, "menu.open_package")).clicked() {
                out.push(Intent::Package(PackageIntent::ChoosePackage));
            }
            if state.data.is_some() && state.is_admin() {
                ui.separator();
                if ui.button(tr(lang, "menu.import")).clicked() {
                    out.push(Intent::Import(ImportIntent::ChooseImportFile));
                }
                ui.menu_button(tr(lang, "menu.import_cadre"), |ui| {
                    if ui.button(tr(lang, "menu.import_cadre_files")).clicked() {
                        out.push(Intent::Import(ImportIntent::ChooseCadreFiles { folder: false }));
                    }
                    if ui.button(tr(lang, "menu.import_cadre_folder")).clicked() {
                        out.push(Intent::Import(ImportIntent::ChooseCadreFiles { folder: true }));
                    }
                });
                ui.menu_button(tr(lang, "menu.export"), |ui| {
                    for kind in Kind::ALL {
                        for (csv, format) in [(false, "xlsx"), (true, "csv")] {
                            let label = format!("{} (.{format})", tr(lang, &format!("menu.export.{}", kind.word())));
                            if ui.button(label).clicked() {
                                out.push(Intent::Import(ImportIntent::Export { kind, csv }));
                            }
                        }
                    }
                });
                ui.menu_button(tr(lang, "menu.template"), |ui| {
                    for kind in Kind::ALL {
                        if ui.button(tr(lang, &format!("exchange.sheet.{}", kind.word()))).clicked() {
                            out.push(Intent::Import(ImportIntent::SaveTemplate(kind)));
                        }
                    }
                });
            }
            if state.data.is_some() && state.offers_files() && ui.button(tr(lang, "menu.close_database")).clicked() {
                out.push(Intent::Welcome(WelcomeIntent::CloseDatabase));
            }
            ui.separator();
            if ui.button(tr(lang, "menu.quit")).clicked() {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button(tr(lang, "menu.edit"), |ui| {
            if ui.add_enabled(state.can_undo, egui::Button::new(tr(lang, "menu.undo")).shortcut_text("Ctrl+Z")).clicked() {
                out.push(Intent::Undo);
            }
            if ui.add_enabled(state.can_redo, egui::Button::new(tr(lang, "menu.redo")).shortcut_text("Ctrl+Y")).clicked() {
                out.push(Intent::Redo);
            }
        });
        ui.menu_button(tr(lang, "menu.view"), |ui| {
            for lang_choice in Lang::ALL {
                if ui.radio(state.lang == lang_choice, lang_choice.native_name()).clicked() {
                    out.push(Intent::SetLang(lang_choice));
                }
            }
            ui.separator();
            if ui.radio(!state.dark, tr(lang, "settings.light")).clicked() {
                out.push(Intent::SetDark(false));
            }
            if ui.radio(state.dark, tr(lang, "settings.dark")).clicked() {
                out.push(Intent::SetDark(true));
            }
        });
    });
}

fn status_bar(ui: &mut egui::Ui, state: &State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    ui.horizontal(|ui| {
        if let Some(view) = &state.package {
            ui.label(RichText::new(tr(lang, "package.file_kind")).small().strong());
            ui.label(RichText::new(view.path.display().to_string()).small());
        }
        match &state.data {
            Some(data) => {
                ui.label(RichText::new(data.path.display().to_string()).small());
                if data.demo_day {
                    ui.separator();
                    let day = crate::domain::dates::format_date(data.today);
                    ui.label(RichText::new(crate::i18n::fill(tr(lang, "status.demo_day"), &[&day])).small().strong())
                        .on_hover_text(tr(lang, "status.demo_day_hint"));
                }
                if data.network_share {
                    ui.label(RichText::new(tr(lang, "status.safe_mode")).small().color(ui.visuals().warn_fg_color))
                        .on_hover_text(tr(lang, "notice.network_share"));
                }
                ui.separator();
                ui.label(
                    RichText::new(crate::i18n::fill(
                        tr(lang, "status.counts"),
                        &[&data.units.len().to_string(), &data.posts.len().to_string(), &data.roster.len().to_string()],
                    ))
                    .small(),
                );
            }
            None if state.package.is_some() => {}
            None => {
                ui.label(RichText::new(tr(lang, "status.no_database")).small());
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            // The language shown is a menu: it looks clickable, so it is.
            ui.menu_button(RichText::new(lang.native_name()).small(), |ui| {
                for choice in Lang::ALL {
                    if ui.radio(lang == choice, choice.native_name()).clicked() {
                        out.push(Intent::SetLang(choice));
                    }
                }
            });
            ui.separator();
            if let Some(notice) = &state.notice {
                let (text, color) = match notice {
                    Notice::Info(text) => (text, ui.visuals().text_color()),
                    Notice::Error(text) => (text, ui.visuals().error_fg_color),
                };
                if ui.small_button("×").on_hover_text(tr(lang, "status.dismiss")).clicked() {
                    out.push(Intent::DismissNotice);
                }
                ui.add(egui::Label::new(RichText::new(text).color(color)).truncate());
            }
        });
    });
}
