//! The Training page (學習培訓): the year's sessions with who each expects and their marks
//! (tick rows or mark everyone; walk-ins by staff number; partial 學時 in the row), the session
//! form, the annual study plan's topics to schedule from, and compliance with the quotas per
//! person with who is behind and the sessions to come that would close their gap.

use super::widgets::{choose, list_width, section, unit_choices};
use crate::domain::training::Mark;
use crate::i18n::{self, tr};
use crate::service::Command;
use crate::service::command::TrainingCommand;
use crate::service::printing::Printout;
use crate::ui::intent::Intent;
use crate::ui::intent::{PrintIntent, TrainingIntent};
use crate::ui::state::{Data, State, TrainingPage, TrainingTab};
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

fn kind_name(page: &TrainingPage, lang: crate::domain::Lang, code: &str) -> String {
    super::widgets::kind_name(&page.kinds, lang, code)
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
            out.push(Intent::Training(TrainingIntent::TrainingScope));
        }
        for (tab, key) in [
            (TrainingTab::Sessions, "training.tab.sessions"),
            (TrainingTab::Plan, "training.tab.plan"),
            (TrainingTab::Compliance, "training.tab.compliance"),
            (TrainingTab::Quotas, "training.tab.quotas"),
        ] {
            if ui.selectable_label(page.tab == tab, tr(lang, key)).clicked() {
                page.tab = tab;
                out.push(Intent::Training(TrainingIntent::TrainingScope));
            }
        }
    });
    ui.separator();
    match page.tab {
        TrainingTab::Sessions => sessions_ui(ui, lang, data, page, out),
        TrainingTab::Plan => {
            egui::ScrollArea::vertical().id_salt("plan_scroll").show(ui, |ui| plan_ui(ui, lang, page, out));
        }
        TrainingTab::Compliance => compliance_ui(ui, lang, data, page, out),
        TrainingTab::Quotas => {
            egui::ScrollArea::vertical().id_salt("quota_scroll").show(ui, |ui| quotas_ui(ui, lang, data, page, out));
        }
    }
}

fn sessions_ui(ui: &mut Ui, lang: crate::domain::Lang, data: &Data, page: &mut TrainingPage, out: &mut Vec<Intent>) {
    // The list gives up room in a narrow window, so the attendance table keeps its columns.
    egui::Panel::left("sessions").resizable(true).default_size(list_width(ui)).min_size(220.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "training.new_session")).clicked() {
                out.push(Intent::Training(TrainingIntent::EditSession { topic: None, existing: false }));
            }
            if ui.button(tr(lang, "training.import_attendance")).clicked() {
                out.push(Intent::Training(TrainingIntent::ChooseAttendanceFile));
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
                    out.push(Intent::Training(TrainingIntent::SelectSession(Some(session.id))));
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
            out.push(Intent::Training(TrainingIntent::SaveSessionForm));
        }
        if ui.button(tr(lang, "action.cancel")).clicked() {
            out.push(Intent::Training(TrainingIntent::SelectSession(page.selected)));
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
    // The title on a line of its own and the buttons after the kind, wrapping: in a narrow
    // window the buttons no longer lie over a long title.
    ui.label(RichText::new(&d.title).size(18.0).strong());
    ui.horizontal_wrapped(|ui| {
        ui.label(kind_name(page, lang, &d.kind));
        if ui.button(tr(lang, "training.edit_session")).clicked() {
            out.push(Intent::Training(TrainingIntent::EditSession { topic: None, existing: true }));
        }
        if ui.button(tr(lang, "training.print_sign_in")).clicked() {
            out.push(Intent::Print(PrintIntent::Print(Printout::SignIn { session: session.id })));
        }
        if ui.button(tr(lang, "action.delete")).clicked() {
            let question = i18n::fill(tr(lang, "training.confirm_delete"), &[&d.title]);
            out.push(Intent::AskConfirm {
                question,
                then: Box::new(Intent::Do(Command::Training(TrainingCommand::DeleteSession { id: session.id }))),
            });
        }
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
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(lang, "training.mark_ticked"));
        for mark in Mark::ALL {
            if ui.button(tr(lang, &format!("training.mark.{}", mark.code()))).clicked() {
                out.push(Intent::Training(TrainingIntent::MarkTicked { mark: *mark, all: false }));
            }
        }
        ui.separator();
        if ui.button(tr(lang, "training.all_present")).clicked() {
            out.push(Intent::Training(TrainingIntent::MarkTicked { mark: Mark::Present, all: true }));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "training.walk_in"));
        ui.add(egui::TextEdit::singleline(&mut page.walk_in).desired_width(110.0)).labelled_by(label.id);
        if ui.button(tr(lang, "training.add_walk_in")).clicked() {
            out.push(Intent::Training(TrainingIntent::AddWalkIn));
        }
        for message in super::widgets::problems_for(lang, &page.problems, crate::domain::Field::StaffNo) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
    });
    let rows = page.expected.clone();
    TableBuilder::new(ui)
        .id_salt("attendance")
        .striped(true)
        // The unit takes what the others leave (cut when short), so the marks and hours stay
        // inside a narrow window.
        .column(Column::exact(28.0))
        .column(Column::exact(80.0))
        .column(Column::exact(80.0))
        .column(Column::remainder().at_least(80.0).clip(true))
        .column(Column::exact(80.0))
        .column(Column::exact(70.0))
        .header(22.0, |mut h| {
            for key in ["", "field.staff_no", "field.name", "field.unit", "training.mark", "training.hours"] {
                h.col(|ui| {
                    ui.label(RichText::new(if key.is_empty() { "" } else { tr(lang, key) }).strong());
                });
            }
        })
        .body(|body| {
            // Tall enough for the hours' box.
            body.rows(26.0, rows.len(), |mut row| {
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
                    // Partial 學時 for someone who left early: up to the session's.
                    if let Some(a) = e.attendance.as_ref().filter(|a| a.mark.credits()) {
                        // A compact box, so it fits the row's height.
                        ui.spacing_mut().interact_size.y = 20.0;
                        ui.spacing_mut().button_padding.y = 1.0;
                        let mut hours = a.hours;
                        let name = i18n::fill(tr(lang, "training.hours_of"), &[&e.name]);
                        let response = ui
                            .name_inputs(&name, |ui| ui.add(egui::DragValue::new(&mut hours).range(0.0..=session.data.hours).speed(0.25)));
                        if response.drag_stopped() || response.lost_focus() {
                            out.push(Intent::Training(TrainingIntent::SetHours { session: session.id, official: e.official, hours }));
                        }
                    } else if let Some(a) = &e.attendance {
                        ui.label(format!("{}", a.hours));
                    }
                });
            });
        });
}

fn plan_ui(ui: &mut Ui, lang: crate::domain::Lang, page: &mut TrainingPage, out: &mut Vec<Intent>) {
    section(ui, &i18n::fill(tr(lang, "training.plan_title"), &[&page.year.to_string()]));
    topic_form(ui, lang, page, out);
    if page.topics.is_empty() {
        ui.label(RichText::new(tr(lang, "training.no_topics")).weak());
    }
    let mut page_topic = None;
    // The key points take what the other columns leave, so a row stays a few lines tall.
    let points_width = (ui.available_width() - 560.0).clamp(200.0, 520.0);
    egui::Grid::new("topics").num_columns(5).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
        for key in ["training.topic", "training.points", "training.organiser", "training.schedule", ""] {
            ui.label(RichText::new(if key.is_empty() { "" } else { tr(lang, key) }).strong());
        }
        ui.end_row();
        for topic in &page.topics {
            ui.label(RichText::new(&topic.title).strong());
            ui.vertical(|ui| {
                ui.set_width(points_width);
                ui.add(egui::Label::new(&topic.points).wrap()).on_hover_text(&topic.points);
            });
            ui.label(&topic.organiser);
            ui.label(&topic.schedule);
            let held = page.sessions.iter().filter(|s| s.topic == Some(topic.id)).count();
            // The actions in two short lines rather than one long one that squeezes the points.
            ui.vertical(|ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(i18n::fill(tr(lang, "training.held"), &[&held.to_string()])).small());
                    if ui.button(tr(lang, "training.schedule_session")).clicked() {
                        out.push(Intent::Training(TrainingIntent::EditSession { topic: Some(topic.id), existing: false }));
                    }
                });
                ui.horizontal(|ui| {
                    if ui.small_button(tr(lang, "training.edit_topic")).clicked() {
                        page_topic = Some(topic.clone());
                    }
                    if held == 0 && ui.small_button(tr(lang, "action.delete")).clicked() {
                        out.push(Intent::Do(Command::Training(TrainingCommand::DeleteTopic { id: topic.id })));
                    }
                });
            });
            ui.end_row();
        }
    });
    if page_topic.is_some() {
        page.topic = page_topic;
    }
}

/// The form for a plan topic: new (a button opens it) or the one chosen for editing.
fn topic_form(ui: &mut Ui, lang: crate::domain::Lang, page: &mut TrainingPage, out: &mut Vec<Intent>) {
    let kinds: Vec<(usize, String)> = page.kinds.iter().enumerate().map(|(i, k)| (i, k.name.get(lang).to_owned())).collect();
    let Some(topic) = &mut page.topic else {
        if ui.button(tr(lang, "training.add_topic")).clicked() {
            page.topic = Some(crate::domain::training::Topic {
                id: 0,
                year: page.year,
                title: String::new(),
                points: String::new(),
                organiser: String::new(),
                lead: String::new(),
                audience: Default::default(),
                schedule: String::new(),
                kind: page.kinds.first().map(|k| k.code.clone()).unwrap_or_default(),
            });
        }
        return;
    };
    let problems = page.problems.clone();
    let mut cancel = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::Grid::new("topic_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            use super::widgets::{form_row, line, para};
            use crate::domain::Field;
            form_row(ui, lang, tr(lang, "training.topic"), Field::Title, &problems, |ui| line(ui, &mut topic.title, 360.0));
            form_row(ui, lang, tr(lang, "training.points"), Field::Record, &problems, |ui| para(ui, &mut topic.points, 520.0, 3));
            form_row(ui, lang, tr(lang, "training.organiser"), Field::Unit, &problems, |ui| line(ui, &mut topic.organiser, 240.0));
            form_row(ui, lang, tr(lang, "training.lead"), Field::Name, &problems, |ui| line(ui, &mut topic.lead, 240.0));
            form_row(ui, lang, tr(lang, "training.schedule"), Field::Deadline, &problems, |ui| line(ui, &mut topic.schedule, 160.0));
            let mut kind = page.kinds.iter().position(|k| k.code == topic.kind);
            form_row(ui, lang, tr(lang, "training.kind"), Field::Status, &problems, |ui| {
                if choose(ui, "topic_kind", &mut kind, &kinds, None, 200.0)
                    && let Some(k) = kind.and_then(|k| page.kinds.get(k))
                {
                    topic.kind = k.code.clone();
                }
            });
        });
        ui.horizontal(|ui| {
            if ui.button(RichText::new(tr(lang, "action.save")).strong()).clicked() {
                out.push(Intent::Training(TrainingIntent::SaveTopicForm));
            }
            if ui.button(tr(lang, "action.cancel")).clicked() {
                cancel = true;
            }
        });
    });
    if cancel {
        page.topic = None;
    }
}

/// An attendance file read and checked, before anything is stored: per session, how many
/// marks of each kind it brings.
pub fn pending_import_ui(ctx: &egui::Context, state: &State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(import) = &state.training.pending_import else { return };
    let modal = egui::Modal::new(egui::Id::unique("attendance_import")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading(i18n::fill(tr(lang, "training.import_title"), &[&import.file]));
        ui.label(i18n::fill(tr(lang, "training.import_rows"), &[&import.rows().to_string(), &import.sessions.len().to_string()]));
        egui::Grid::new("import_sessions").num_columns(2).striped(true).show(ui, |ui| {
            for (title, marks) in import.sessions.values() {
                ui.label(title);
                let counts: Vec<String> = Mark::ALL
                    .iter()
                    .map(|m| (m, marks.iter().filter(|a| a.mark == *m).count()))
                    .filter(|(_, n)| *n > 0)
                    .map(|(m, n)| format!("{} {n}", tr(lang, &format!("training.mark.{}", m.code()))))
                    .collect();
                ui.label(counts.join(" · "));
                ui.end_row();
            }
        });
        ui.horizontal(|ui| {
            if ui.button(RichText::new(tr(lang, "training.store_import")).strong()).clicked() {
                out.push(Intent::Training(TrainingIntent::CommitAttendanceImport));
            }
            if ui.button(tr(lang, "action.cancel")).clicked() {
                out.push(Intent::Training(TrainingIntent::DiscardAttendanceImport));
            }
        });
    });
    if modal.should_close() {
        out.push(Intent::Training(TrainingIntent::DiscardAttendanceImport));
    }
}

fn compliance_ui(ui: &mut Ui, lang: crate::domain::Lang, data: &Data, page: &mut TrainingPage, out: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "field.unit"));
        let mut unit = page.compliance_unit;
        ui.label_inputs_by(label.id, |ui| {
            if choose(ui, "compliance_unit", &mut unit, &unit_choices(data, None), Some(tr(lang, "selfcheck.whole_bureau")), 220.0) {
                page.compliance_unit = unit;
                out.push(Intent::Training(TrainingIntent::TrainingScope));
            }
        });
        ui.checkbox(&mut page.behind_only, tr(lang, "training.behind_only"));
        if ui.button(tr(lang, "training.print_compliance")).clicked() {
            out.push(Intent::Print(PrintIntent::Print(Printout::TrainingCompliance { year: page.year, unit: page.compliance_unit })));
        }
    });
    let Some(compliance) = &page.compliance else { return };
    egui::Grid::new("quota_summary").num_columns(4).striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
        let short = if compliance.finished() { "training.missed" } else { "training.behind" };
        for key in ["training.quota", "training.applies", "training.met", short] {
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
    let names: Names<'_> = data.roster.iter().map(|r| (r.id, (r.name.as_str(), r.staff_no.as_str(), r.unit_name.as_str()))).collect();
    // A window narrower than the columns scrolls sideways, with its bar in sight: the rows
    // scroll within what is left of the page above it.
    let rows_height = (ui.available_height() - HEADER - 24.0).max(66.0);
    ui.scope(|ui| {
        // Solid bars: the app's floating ones stay hidden until the pointer comes near.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::horizontal()
            .id_salt("compliance_sideways")
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
            .show(ui, |ui| compliance_table(ui, lang, compliance, &people, &names, rows_height, out));
    });
}

/// The height of the compliance table's header: a rule's name in up to four lines.
const HEADER: f32 = 92.0;

type Names<'a> = std::collections::HashMap<crate::domain::OfficialId, (&'a str, &'a str, &'a str)>;

/// Each person's standing against each quota rule, the rule's name over its column.
fn compliance_table(
    ui: &mut Ui,
    lang: crate::domain::Lang,
    compliance: &crate::service::training::Compliance,
    people: &[&crate::service::training::PersonCompliance],
    names: &Names<'_>,
    rows_height: f32,
    out: &mut Vec<Intent>,
) {
    TableBuilder::new(ui)
        .id_salt("compliance")
        .striped(true)
        .min_scrolled_height(0.0)
        .max_scroll_height(rows_height)
        .column(Column::exact(160.0))
        .column(Column::exact(120.0))
        .columns(Column::exact(130.0), compliance.rules.len())
        .header(HEADER, |mut h| {
            h.col(|ui| drop(ui.label(RichText::new(tr(lang, "field.name")).strong())));
            h.col(|ui| drop(ui.label(RichText::new(tr(lang, "field.unit")).strong())));
            for rule in &compliance.rules {
                h.col(|ui| {
                    // The rule's own name, wrapped in its column (up to four lines), in full on hover.
                    ui.add(egui::Label::new(RichText::new(rule.name.get(lang)).strong()).wrap()).on_hover_text(rule.name.get(lang));
                });
            }
        })
        .body(|body| {
            body.rows(22.0, people.len(), |mut row| {
                let p = people[row.index()];
                let (name, staff_no, unit) = names.get(&p.official).copied().unwrap_or_default();
                row.col(|ui| {
                    if ui.link(format!("{name} {staff_no}")).clicked() {
                        out.push(Intent::Training(TrainingIntent::ShowClosing(Some(p.official))));
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

/// The quota rules as data: each one's name, who it is for, what counts, over which window
/// and how much; add, remove, then save them all (one change, undone whole).
fn quotas_ui(ui: &mut Ui, lang: crate::domain::Lang, data: &Data, page: &mut TrainingPage, out: &mut Vec<Intent>) {
    use crate::domain::training::{Measure, Period, QuotaRule};
    let kinds = page.kinds.clone();
    let Some(rules) = &mut page.quotas else { return };
    ui.label(RichText::new(tr(lang, "training.quotas_help")).small().weak());
    let mut remove = None;
    for (index, rule) in rules.iter_mut().enumerate() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "training.quota"));
                ui.add(egui::TextEdit::singleline(rule.name.get_mut(lang)).desired_width(360.0)).labelled_by(label.id);
                if ui.small_button(tr(lang, "action.delete")).clicked() {
                    remove = Some(index);
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(tr(lang, "field.tier"));
                for tier in &data.catalogue.tiers {
                    let mut on = rule.tiers.contains(&tier.tier);
                    if ui.checkbox(&mut on, tier.name.get(lang)).changed() {
                        rule.tiers.retain(|t| *t != tier.tier);
                        if on {
                            rule.tiers.push(tier.tier);
                        }
                    }
                }
                ui.label(RichText::new(tr(lang, "training.none_means_all")).small().weak());
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(tr(lang, "training.kind"));
                for kind in &kinds {
                    let mut on = rule.kinds.contains(&kind.code);
                    if ui.checkbox(&mut on, kind.name.get(lang)).changed() {
                        rule.kinds.retain(|k| *k != kind.code);
                        if on {
                            rule.kinds.push(kind.code.clone());
                        }
                    }
                }
            });
            ui.horizontal(|ui| {
                ui.radio_value(&mut rule.measure, Measure::Sessions, tr(lang, "training.measure.sessions"));
                ui.radio_value(&mut rule.measure, Measure::Hours, tr(lang, "training.measure.hours"));
                ui.separator();
                ui.radio_value(&mut rule.period, Period::Year, tr(lang, "training.period.year"));
                ui.radio_value(&mut rule.period, Period::Month, tr(lang, "training.period.month"));
                let years = match rule.period {
                    Period::Years(n) => n,
                    _ => 5,
                };
                if ui.radio(matches!(rule.period, Period::Years(_)), tr(lang, "training.period.years")).clicked() {
                    rule.period = Period::Years(years);
                }
                if let Period::Years(n) = &mut rule.period {
                    ui.add(egui::DragValue::new(n).range(1..=10).suffix(tr(lang, "training.years_suffix")));
                }
                ui.separator();
                let label = ui.label(tr(lang, "training.at_least"));
                ui.add(egui::DragValue::new(&mut rule.min).range(0.5..=10_000.0).speed(0.5)).labelled_by(label.id);
            });
        });
    }
    if let Some(index) = remove {
        rules.remove(index);
    }
    ui.horizontal(|ui| {
        if ui.button(tr(lang, "training.add_quota")).clicked() {
            let name = crate::domain::Names { tc: "新定額".into(), sc: "新定额".into(), en: "New quota".into() };
            rules.push(QuotaRule {
                id: 0,
                name,
                tiers: Vec::new(),
                kinds: Vec::new(),
                measure: Measure::Hours,
                period: Period::Year,
                min: 10.0,
            });
        }
        if ui.button(RichText::new(tr(lang, "action.save")).strong()).clicked() {
            out.push(Intent::Do(Command::Training(TrainingCommand::SaveQuotaRules(rules.clone()))));
        }
    });
    for message in page.problems.iter().map(|p| i18n::problem(lang, p)) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
}
