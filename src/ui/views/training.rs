//! The Training page (學習培訓): the year's sessions with who each expects and their marks
//! (tick rows or mark everyone; walk-ins by staff number; partial 學時 in the row), the session
//! form, the annual study plan's topics to schedule from, and compliance with the quotas per
//! person with who is behind and the sessions to come that would close their gap.

use super::widgets::{choose, section, unit_choices};
use crate::domain::training::Mark;
use crate::i18n::{self, tr};
use crate::service::Command;
use crate::ui::state::{Data, Intent, State, TrainingPage, TrainingTab};
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

fn kind_name(page: &TrainingPage, lang: crate::domain::Lang, code: &str) -> String {
    page.kinds.iter().find(|k| k.code == code).map_or(code.to_owned(), |k| k.name.get(lang).to_owned())
}

pub fn training_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(data) = &state.data else { return };
    let page = &mut state.training;
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new(tr(lang, "field.year")).strong());
        let mut year = page.year.to_string();
        let edit = ui.add(egui::TextEdit::singleline(&mut year).desired_width(60.0)).labelled_by(label.id);
        if edit.changed()
            && let Ok(y) = year.trim().parse::<i32>()
            && (2000..=2100).contains(&y)
        {
            page.year = y;
            out.push(Intent::TrainingScope);
        }
        for (tab, key) in [
            (TrainingTab::Sessions, "training.tab.sessions"),
            (TrainingTab::Plan, "training.tab.plan"),
            (TrainingTab::Compliance, "training.tab.compliance"),
        ] {
            if ui.selectable_label(page.tab == tab, tr(lang, key)).clicked() {
                page.tab = tab;
                out.push(Intent::TrainingScope);
            }
        }
    });
    ui.separator();
    match page.tab {
        TrainingTab::Sessions => sessions_ui(ui, lang, data, page, out),
        TrainingTab::Plan => plan_ui(ui, lang, page, out),
        TrainingTab::Compliance => compliance_ui(ui, lang, data, page, out),
    }
}

fn sessions_ui(ui: &mut Ui, lang: crate::domain::Lang, data: &Data, page: &mut TrainingPage, out: &mut Vec<Intent>) {
    egui::Panel::left("sessions").resizable(true).default_size(340.0).min_size(260.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "training.new_session")).clicked() {
                out.push(Intent::EditSession { topic: None, existing: false });
            }
            if ui.button(tr(lang, "training.import_attendance")).clicked() {
                out.push(Intent::ChooseAttendanceFile);
            }
        });
        ui.label(RichText::new(i18n::fill(tr(lang, "training.count"), &[&page.sessions.len().to_string()])).small());
        egui::ScrollArea::vertical().id_salt("session_list").show(ui, |ui| {
            for session in &page.sessions {
                let text = format!(
                    "{} · {}  {}",
                    crate::domain::dates::format_date(session.data.date),
                    kind_name(page, lang, &session.data.kind),
                    session.data.title
                );
                if ui.add(egui::Button::selectable(page.selected == Some(session.id), text).truncate()).clicked() {
                    out.push(Intent::SelectSession(Some(session.id)));
                }
            }
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("session_detail").show(ui, |ui| {
            if page.form.is_some() {
                session_form(ui, lang, data, page, out);
            } else if let Some(session) = page.selected.and_then(|id| page.sessions.iter().find(|s| s.id == id)).cloned() {
                attendance_ui(ui, lang, page, &session, out);
            } else {
                ui.label(RichText::new(tr(lang, "training.pick")).weak());
            }
        });
    });
}

fn session_form(ui: &mut Ui, lang: crate::domain::Lang, data: &Data, page: &mut TrainingPage, out: &mut Vec<Intent>) {
    let problems = page.problems.clone();
    let kinds: Vec<(usize, String)> = page.kinds.iter().enumerate().map(|(i, k)| (i, k.name.get(lang).to_owned())).collect();
    let Some(form) = &mut page.form else { return };
    section(ui, tr(lang, if form.id.is_some() { "training.edit_session" } else { "training.new_session" }));
    let tiers: Vec<(crate::domain::catalogue::RankTier, String)> =
        data.catalogue.tiers.iter().map(|t| (t.tier, t.name.get(lang).to_owned())).collect();
    egui::Grid::new("session_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        use super::widgets::{form_row, line};
        use crate::domain::Field;
        form_row(ui, lang, tr(lang, "training.title"), Field::Title, &problems, |ui| line(ui, &mut form.title, 360.0));
        form_row(ui, lang, tr(lang, "training.kind"), Field::Status, &problems, |ui| {
            choose(ui, "session_kind", &mut form.kind, &kinds, None, 200.0)
        });
        form_row(ui, lang, tr(lang, "training.date"), Field::Deadline, &problems, |ui| super::widgets::date_field(ui, &mut form.date));
        form_row(ui, lang, tr(lang, "training.time"), Field::Record, &[], |ui| line(ui, &mut form.time, 160.0));
        form_row(ui, lang, tr(lang, "training.place"), Field::Record, &[], |ui| line(ui, &mut form.place, 240.0));
        form_row(ui, lang, tr(lang, "training.hours"), Field::Training, &problems, |ui| line(ui, &mut form.hours, 60.0));
        form_row(ui, lang, tr(lang, "training.organiser"), Field::Unit, &[], |ui| line(ui, &mut form.organiser, 200.0));
        form_row(ui, lang, tr(lang, "training.lead"), Field::Name, &[], |ui| line(ui, &mut form.lead, 200.0));
        form_row(ui, lang, tr(lang, "training.audience_unit"), Field::Unit, &[], |ui| {
            choose(ui, "session_unit", &mut form.unit, &unit_choices(data, None), Some(tr(lang, "selfcheck.whole_bureau")), 220.0)
        });
        form_row(ui, lang, tr(lang, "training.audience_tier"), Field::Tier, &[], |ui| {
            choose(ui, "session_tier", &mut form.tier, &tiers, Some(tr(lang, "training.all_tiers")), 160.0)
        });
        form_row(ui, lang, tr(lang, "training.capabilities"), Field::Record, &[], |ui| {
            ui.horizontal_wrapped(|ui| {
                for (i, capability) in data.catalogue.capabilities.iter().enumerate().take(8) {
                    ui.checkbox(&mut form.capabilities[i], capability.name.get(lang));
                }
            })
        });
    });
    ui.horizontal(|ui| {
        if ui.button(RichText::new(tr(lang, "action.save")).strong()).clicked() {
            out.push(Intent::SaveSessionForm);
        }
        if ui.button(tr(lang, "action.cancel")).clicked() {
            out.push(Intent::SelectSession(page.selected));
        }
    });
}

fn attendance_ui(
    ui: &mut Ui,
    lang: crate::domain::Lang,
    page: &mut TrainingPage,
    session: &crate::domain::training::Session,
    out: &mut Vec<Intent>,
) {
    let d = &session.data;
    ui.horizontal(|ui| {
        ui.label(RichText::new(&d.title).size(18.0).strong());
        ui.label(kind_name(page, lang, &d.kind));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button(tr(lang, "action.delete")).clicked() {
                let question = i18n::fill(tr(lang, "training.confirm_delete"), &[&d.title]);
                out.push(Intent::AskConfirm { question, then: Box::new(Intent::Do(Command::DeleteSession { id: session.id })) });
            }
            if ui.button(tr(lang, "training.print_sign_in")).clicked() {
                out.push(Intent::Print {
                    what: crate::ui::state::PrintWhat::SignIn(session.id),
                    scope: crate::service::printing::Scope::All,
                });
            }
            if ui.button(tr(lang, "training.edit_session")).clicked() {
                out.push(Intent::EditSession { topic: None, existing: true });
            }
        });
    });
    ui.label(format!(
        "{} {} · {} · {} · {}",
        crate::domain::dates::format_date(d.date),
        d.time,
        d.place,
        i18n::fill(tr(lang, "training.hours_line"), &[&d.hours.to_string()]),
        d.organiser
    ));
    let present = page.expected.iter().filter(|e| e.attendance.as_ref().is_some_and(|a| a.mark.credits())).count();
    ui.label(i18n::fill(tr(lang, "training.present_count"), &[&present.to_string(), &page.expected.len().to_string()]));
    ui.horizontal(|ui| {
        ui.label(tr(lang, "training.mark_ticked"));
        for mark in Mark::ALL {
            if ui.button(tr(lang, &format!("training.mark.{}", mark.code()))).clicked() {
                out.push(Intent::MarkTicked { mark: *mark, all: false });
            }
        }
        ui.separator();
        if ui.button(tr(lang, "training.all_present")).clicked() {
            out.push(Intent::MarkTicked { mark: Mark::Present, all: true });
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "training.walk_in"));
        ui.add(egui::TextEdit::singleline(&mut page.walk_in).desired_width(110.0)).labelled_by(label.id);
        if ui.button(tr(lang, "training.add_walk_in")).clicked() {
            out.push(Intent::AddWalkIn);
        }
        for message in super::widgets::problems_for(lang, &page.problems, crate::domain::Field::StaffNo) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
    });
    let rows = page.expected.clone();
    TableBuilder::new(ui)
        .id_salt("attendance")
        .striped(true)
        .column(Column::exact(28.0))
        .column(Column::exact(90.0))
        .column(Column::exact(90.0))
        .column(Column::exact(160.0))
        .column(Column::exact(90.0))
        .column(Column::exact(70.0))
        .header(22.0, |mut h| {
            for key in ["", "field.staff_no", "field.name", "field.unit", "training.mark", "training.hours"] {
                h.col(|ui| {
                    ui.label(RichText::new(if key.is_empty() { "" } else { tr(lang, key) }).strong());
                });
            }
        })
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                let e = &rows[row.index()];
                row.col(|ui| {
                    let mut ticked = page.ticked.contains(&e.official);
                    let name = i18n::fill(tr(lang, "training.tick"), &[&e.name]);
                    if ui.name_inputs(&name, |ui| ui.checkbox(&mut ticked, "")).on_hover_text(&e.name).changed() {
                        if ticked {
                            page.ticked.insert(e.official);
                        } else {
                            page.ticked.remove(&e.official);
                        }
                    }
                });
                row.col(|ui| drop(ui.label(&e.staff_no)));
                row.col(|ui| {
                    let text = if e.walk_in { format!("{} *", e.name) } else { e.name.clone() };
                    ui.label(text);
                });
                row.col(|ui| drop(ui.label(&e.unit_name)));
                row.col(|ui| {
                    let (text, colour) = match &e.attendance {
                        None => ("—".to_owned(), ui.visuals().weak_text_color()),
                        Some(a) => (
                            tr(lang, &format!("training.mark.{}", a.mark.code())).to_owned(),
                            if a.mark.credits() { Color32::from_rgb(0x2e, 0x7d, 0x32) } else { Color32::from_rgb(0xc6, 0x28, 0x28) },
                        ),
                    };
                    ui.label(RichText::new(text).color(colour));
                });
                row.col(|ui| {
                    if let Some(a) = &e.attendance {
                        ui.label(format!("{}", a.hours));
                    }
                });
            });
        });
}

fn plan_ui(ui: &mut Ui, lang: crate::domain::Lang, page: &TrainingPage, out: &mut Vec<Intent>) {
    section(ui, &i18n::fill(tr(lang, "training.plan_title"), &[&page.year.to_string()]));
    if page.topics.is_empty() {
        ui.label(RichText::new(tr(lang, "training.no_topics")).weak());
    }
    egui::Grid::new("topics").num_columns(5).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
        for key in ["training.topic", "training.points", "training.organiser", "training.schedule", ""] {
            ui.label(RichText::new(if key.is_empty() { "" } else { tr(lang, key) }).strong());
        }
        ui.end_row();
        for topic in &page.topics {
            ui.label(RichText::new(&topic.title).strong());
            ui.add(egui::Label::new(&topic.points).wrap()).on_hover_text(&topic.points);
            ui.label(&topic.organiser);
            ui.label(&topic.schedule);
            let held = page.sessions.iter().filter(|s| s.topic == Some(topic.id)).count();
            ui.horizontal(|ui| {
                ui.label(RichText::new(i18n::fill(tr(lang, "training.held"), &[&held.to_string()])).small());
                if ui.button(tr(lang, "training.schedule_session")).clicked() {
                    out.push(Intent::EditSession { topic: Some(topic.id), existing: false });
                }
            });
            ui.end_row();
        }
    });
}

fn compliance_ui(ui: &mut Ui, lang: crate::domain::Lang, data: &Data, page: &mut TrainingPage, out: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "field.unit"));
        let mut unit = page.compliance_unit;
        ui.label_inputs_by(label.id, |ui| {
            if choose(ui, "compliance_unit", &mut unit, &unit_choices(data, None), Some(tr(lang, "selfcheck.whole_bureau")), 220.0) {
                page.compliance_unit = unit;
                out.push(Intent::TrainingScope);
            }
        });
        ui.checkbox(&mut page.behind_only, tr(lang, "training.behind_only"));
        if ui.button(tr(lang, "training.print_compliance")).clicked() {
            out.push(Intent::Print {
                what: crate::ui::state::PrintWhat::Compliance,
                scope: page.compliance_unit.map_or(crate::service::printing::Scope::All, crate::service::printing::Scope::Unit),
            });
        }
    });
    let Some(compliance) = &page.compliance else { return };
    egui::Grid::new("quota_summary").num_columns(4).striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
        for key in ["training.quota", "training.applies", "training.met", "training.behind"] {
            ui.label(RichText::new(tr(lang, key)).strong());
        }
        ui.end_row();
        for (rule, (n, met, behind)) in compliance.rules.iter().zip(compliance.summary()) {
            ui.label(rule.name.get(lang));
            ui.label(n.to_string());
            ui.label(met.to_string());
            ui.label(RichText::new(behind.to_string()).color(if behind > 0 {
                Color32::from_rgb(0xc6, 0x28, 0x28)
            } else {
                ui.visuals().text_color()
            }));
            ui.end_row();
        }
    });
    if let Some((official, lists)) = &page.closing {
        let name = data.roster.iter().find(|r| r.id == *official).map_or(String::new(), |r| r.name.clone());
        section(ui, &i18n::fill(tr(lang, "training.closing"), &[&name]));
        for (rule, sessions) in lists {
            ui.label(RichText::new(rule).strong());
            if sessions.is_empty() {
                ui.label(RichText::new(tr(lang, "training.none_coming")).weak());
            }
            for s in sessions {
                ui.label(format!("{} {} ({})", crate::domain::dates::format_date(s.data.date), s.data.title, s.data.hours));
            }
        }
    }
    let people: Vec<&crate::service::training::PersonCompliance> =
        compliance.people.iter().filter(|p| !page.behind_only || p.behind()).collect();
    section(ui, &i18n::fill(tr(lang, "training.people"), &[&people.len().to_string()]));
    let names: std::collections::HashMap<_, _> =
        data.roster.iter().map(|r| (r.id, (r.name.as_str(), r.staff_no.as_str(), r.unit_name.as_str()))).collect();
    TableBuilder::new(ui)
        .id_salt("compliance")
        .striped(true)
        .column(Column::exact(160.0))
        .column(Column::exact(120.0))
        .columns(Column::exact(78.0), compliance.rules.len())
        .header(24.0, |mut h| {
            h.col(|ui| drop(ui.label(RichText::new(tr(lang, "field.name")).strong())));
            h.col(|ui| drop(ui.label(RichText::new(tr(lang, "field.unit")).strong())));
            for (i, rule) in compliance.rules.iter().enumerate() {
                h.col(|ui| {
                    ui.label(RichText::new(format!("#{}", i + 1)).strong()).on_hover_text(rule.name.get(lang));
                });
            }
        })
        .body(|body| {
            body.rows(22.0, people.len(), |mut row| {
                let p = people[row.index()];
                let (name, staff_no, unit) = names.get(&p.official).copied().unwrap_or_default();
                row.col(|ui| {
                    if ui.link(format!("{name} {staff_no}")).clicked() {
                        out.push(Intent::ShowClosing(Some(p.official)));
                    }
                });
                row.col(|ui| drop(ui.label(unit)));
                for standing in &p.standings {
                    row.col(|ui| match standing {
                        None => drop(ui.label(RichText::new("—").weak())),
                        Some(s) => {
                            let colour = if s.met() {
                                Color32::from_rgb(0x2e, 0x7d, 0x32)
                            } else if s.behind() {
                                Color32::from_rgb(0xc6, 0x28, 0x28)
                            } else {
                                ui.visuals().text_color()
                            };
                            ui.label(RichText::new(format!("{:.0}/{:.0}", s.done, s.required)).color(colour))
                                .on_hover_text(i18n::fill(tr(lang, "training.projected"), &[&format!("{:.1}", s.projected)]));
                        }
                    });
                }
            });
        });
}
