//! The 平時考核 page: a period's people (of a unit with its sub-units, or the bureau) with their
//! stage and result, the 好 quota of their quota group (a red warning with the numbers when over)
//! and who is unrated; the chosen official's record — the 個人小結 (theirs), the ratings of the
//! five criteria, the result, the attendance and the comment (the supervisor's), the
//! acknowledgement (theirs again) — each part editable only by its party at its stage; the
//! 專項考核 events; and the bureau's quota settings and rule sets (the personnel section's).

use super::widgets::{choose, keep_room, list_width, para, para_upto, section, text_width, unit_choices};
use crate::domain::access::Role;
use crate::domain::routine::{CRITERIA, Cadence, QuotaGroup, Rating, Rounding, Rule, Stage, Step};
use crate::i18n::{self, tr};
use crate::service::printing::{Printout, Scope};
use crate::ui::intent::{Intent, PrintIntent, RoutineIntent};
use crate::ui::state::{RoutinePage, RoutineTab, State};
use egui::{RichText, Ui};

fn stage_text(lang: crate::domain::Lang, stage: Option<Stage>) -> &'static str {
    tr(lang, &format!("routine.stage.{}", stage.map_or("none", Stage::code)))
}

fn ratings(lang: crate::domain::Lang) -> Vec<(Rating, String)> {
    Rating::ALL.iter().map(|r| (*r, i18n::rating(lang, *r).to_owned())).collect()
}

pub fn routine_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(session) = state.session.clone() else { return };
    let admin = session.role == Role::Admin;
    let units = state.data.as_ref().map(|d| unit_choices(d, None)).unwrap_or_default();
    let names: std::collections::HashMap<crate::domain::OfficialId, String> =
        state.data.as_ref().map(|d| d.roster.iter().map(|r| (r.id, format!("{}  {}", r.name, r.staff_no))).collect()).unwrap_or_default();
    let page = &mut state.routine;
    // Wraps in a narrow window, each label staying with its field.
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut page.tab, RoutineTab::Records, tr(lang, "routine.records_tab"));
        ui.selectable_value(&mut page.tab, RoutineTab::Special, tr(lang, "routine.special_tab"));
        if admin {
            ui.selectable_value(&mut page.tab, RoutineTab::Settings, tr(lang, "routine.settings_tab"));
        }
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new(tr(lang, "field.year")).strong());
            let mut year = page.year.to_string();
            if ui.add(egui::TextEdit::singleline(&mut year).desired_width(60.0)).labelled_by(label.id).changed()
                && let Ok(y) = year.trim().parse::<i32>()
                && (2000..=2100).contains(&y)
            {
                page.year = y;
                page.period = None;
                out.push(Intent::Routine(RoutineIntent::Scope));
            }
        });
        let periods: Vec<(i64, String)> = page.periods.iter().map(|p| (p.id, i18n::period(lang, &p.period))).collect();
        keep_room(ui, 240.0);
        ui.horizontal(|ui| {
            let label = tr(lang, "routine.period");
            ui.label(label);
            if ui.name_inputs(label, |ui| choose(ui, "routine_period", &mut page.period, &periods, None, 140.0)) {
                out.push(Intent::Routine(RoutineIntent::Scope));
            }
        });
        if session.role != Role::Official {
            keep_room(ui, 300.0);
            ui.horizontal(|ui| {
                let label = tr(lang, "routine.unit");
                ui.label(label);
                if ui
                    .name_inputs(label, |ui| choose(ui, "routine_unit", &mut page.unit, &units, Some(tr(lang, "routine.all_units")), 200.0))
                {
                    out.push(Intent::Routine(RoutineIntent::Scope));
                }
            });
        }
    });
    ui.separator();
    match page.tab {
        RoutineTab::Records => records(ui, lang, page, &session, out),
        RoutineTab::Special => special(ui, lang, page, admin, &names, out),
        RoutineTab::Settings => settings(ui, lang, page, &units, out),
    }
}

fn records(
    ui: &mut Ui,
    lang: crate::domain::Lang,
    page: &mut RoutinePage,
    session: &crate::domain::access::Session,
    out: &mut Vec<Intent>,
) {
    let admin = session.role == Role::Admin;
    if page.periods.is_empty() {
        ui.label(tr(lang, "routine.no_periods"));
        if admin {
            ui.horizontal(|ui| {
                let cadences: Vec<(Cadence, String)> =
                    Cadence::ALL.iter().map(|c| (*c, tr(lang, &format!("routine.cadence.{}", c.code())).to_owned())).collect();
                if page.cadence.is_none() {
                    page.cadence = Some(Cadence::Quarterly);
                }
                choose(ui, "routine_cadence", &mut page.cadence, &cadences, None, 100.0);
                if ui.button(tr(lang, "routine.open_year")).clicked() {
                    out.push(Intent::Routine(RoutineIntent::OpenYear));
                }
            });
        }
        return;
    }
    let Some(summary) = page.summary.clone() else { return };
    // The list gives up room in a narrow window, so the record's fields stay on screen.
    egui::Panel::left("routine_list").resizable(true).default_size(list_width(ui)).min_size(220.0).show(ui, |ui| {
        let deadline = crate::domain::dates::format_date(summary.period.deadline);
        ui.label(i18n::fill(tr(lang, "routine.deadline_line"), &[&i18n::period(lang, &summary.period.period), &deadline]));
        if admin {
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "routine.deadline"));
                ui.add(egui::TextEdit::singleline(&mut page.deadline).desired_width(100.0)).labelled_by(label.id);
                if ui.button(tr(lang, "routine.set_deadline")).clicked() {
                    out.push(Intent::Routine(RoutineIntent::SetDeadline));
                }
            });
        }
        if let Some(group) = &summary.group {
            ui.label(RichText::new(i18n::fill(tr(lang, "routine.group"), &[group])).small());
        }
        let q = summary.quota;
        ui.label(i18n::fill(tr(lang, "routine.quota_line"), &[&q.assessed.to_string(), &q.excellent.to_string(), &q.allowed.to_string()]));
        if q.over() {
            let over = i18n::fill(tr(lang, "routine.quota_over"), &[&q.excellent.to_string(), &q.allowed.to_string()]);
            ui.label(RichText::new(over).color(ui.visuals().error_fg_color).strong());
        }
        if !summary.unrated.is_empty() && session.role != Role::Official {
            let line = i18n::fill(tr(lang, "routine.unrated"), &[&summary.unrated.len().to_string(), &summary.unrated.join("、")]);
            // Three lines at most, so a long list of names does not push the people away; every
            // name on hover.
            let format = egui::TextFormat::simple(egui::TextStyle::Small.resolve(ui.style()), ui.visuals().weak_text_color());
            let mut names = egui::text::LayoutJob::single_section(line.clone(), format);
            names.wrap = egui::text::TextWrapping { max_rows: 3, ..egui::text::TextWrapping::truncate_at_width(ui.available_width()) };
            ui.add(egui::Label::new(names)).on_hover_text(line);
        }
        if summary.closed {
            ui.label(RichText::new(tr(lang, "routine.closed")).strong());
        }
        ui.horizontal(|ui| {
            if admin && page.unit.is_some() {
                if summary.closed {
                    if ui.button(tr(lang, "routine.reopen")).clicked() {
                        out.push(Intent::Routine(RoutineIntent::Close(false)));
                    }
                } else if ui.button(tr(lang, "routine.close")).clicked() {
                    out.push(Intent::Routine(RoutineIntent::Close(true)));
                }
            }
            if session.role != Role::Official {
                if ui.button(tr(lang, "routine.print_summary")).clicked() {
                    out.push(Intent::Print(PrintIntent::Print(Printout::RoutineSummary { period: summary.period.id, unit: page.unit })));
                }
                let scope = page.unit.map_or(Scope::All, Scope::Unit);
                if ui.button(tr(lang, "routine.print_form")).clicked() {
                    out.push(Intent::Print(PrintIntent::Print(Printout::RoutineForms { period: summary.period.id, scope, staff: vec![] })));
                }
            }
        });
        ui.separator();
        egui::ScrollArea::vertical().id_salt("routine_rows").auto_shrink([false, false]).show_rows(
            ui,
            22.0,
            summary.rows.len(),
            |ui, range| {
                for row in &summary.rows[range] {
                    ui.horizontal(|ui| {
                        let text = format!("{}  {}", row.name, row.staff_no);
                        if ui.add_sized([150.0, 20.0], egui::Button::selectable(page.selected == Some(row.official), text)).clicked() {
                            out.push(Intent::Routine(RoutineIntent::Select(Some(row.official))));
                        }
                        ui.label(RichText::new(stage_text(lang, row.stage)).small());
                        if let Some(result) = row.result {
                            ui.label(RichText::new(i18n::rating(lang, result)).small().strong());
                        }
                    });
                }
            },
        );
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("routine_form").show(ui, |ui| form(ui, lang, page, session, summary.closed, out));
    });
}

fn form(
    ui: &mut Ui,
    lang: crate::domain::Lang,
    page: &mut RoutinePage,
    session: &crate::domain::access::Session,
    closed: bool,
    out: &mut Vec<Intent>,
) {
    let Some(official) = page.selected else {
        ui.label(RichText::new(tr(lang, "selfcheck.pick")).weak());
        return;
    };
    let Some(period) = page.period else { return };
    let stage = page.record.as_ref().map(|r| r.stage);
    let own = session.official == Some(official);
    let admin = session.role == Role::Admin;
    let reviews = (session.role == Role::Reviewer && !own) || admin;
    let official_edits = own && !closed && matches!(stage, None | Some(Stage::Draft));
    let supervisor_edits = reviews && !closed && matches!(stage, Some(Stage::Submitted | Stage::Rated));
    let records = admin && !closed;
    let name =
        page.summary.as_ref().and_then(|s| s.rows.iter().find(|r| r.official == official)).map(|r| format!("{}  {}", r.name, r.staff_no));
    section(ui, &format!("{} · {}", name.unwrap_or_default(), stage_text(lang, stage)));
    for message in page.problems.iter().map(|p| i18n::problem(lang, p)) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
    let form = &mut page.form;
    if let Some(reason) = page.record.as_ref().map(|r| r.data.reason.clone()).filter(|r| !r.is_empty() && stage == Some(Stage::Draft)) {
        ui.label(RichText::new(i18n::fill(tr(lang, "routine.returned"), &[&reason])).color(ui.visuals().warn_fg_color));
    }
    ui.label(RichText::new(tr(lang, "routine.summary_label")).strong());
    ui.add_enabled_ui(official_edits, |ui| {
        ui.name_inputs(tr(lang, "routine.summary_label"), |ui| para_upto(ui, &mut form.summary, 700.0, 8));
    });
    if official_edits {
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "routine.save")).clicked() {
                out.push(Intent::Routine(RoutineIntent::Step(Step::Save)));
            }
            if ui.button(tr(lang, "routine.submit")).clicked() {
                out.push(Intent::Routine(RoutineIntent::Step(Step::Submit)));
            }
        });
    }
    section(ui, tr(lang, "routine.supervisor"));
    ui.add_enabled_ui(supervisor_edits || records, |ui| {
        egui::Grid::new("routine_criteria").num_columns(2).spacing([10.0, 6.0]).show(ui, |ui| {
            for i in 0..CRITERIA {
                let label = ui.label(tr(lang, &format!("routine.criterion.{}", i + 1)));
                if i + 1 == CRITERIA {
                    label.clone().on_hover_text(tr(lang, "routine.criterion.5_hint"));
                }
                ui.label_inputs_by(label.id, |ui| {
                    choose(ui, &format!("routine_criterion_{i}"), &mut form.criteria[i], &ratings(lang), Some("—"), 120.0)
                });
                ui.end_row();
            }
            let label = ui.label(RichText::new(tr(lang, "routine.result")).strong());
            ui.label_inputs_by(label.id, |ui| choose(ui, "routine_result", &mut form.result, &ratings(lang), Some("—"), 120.0));
            ui.end_row();
        });
        // Wraps in a narrow window, each count staying with its label.
        ui.horizontal_wrapped(|ui| {
            let a = &mut form.attendance;
            for (i, value) in [&mut a.present, &mut a.personal, &mut a.sick, &mut a.absent].into_iter().enumerate() {
                let text = tr(lang, &format!("routine.days.{}", i + 1));
                keep_room(ui, text_width(ui, text) + 50.0);
                ui.horizontal(|ui| {
                    let label = ui.label(text);
                    ui.add(egui::DragValue::new(value).range(0..=92)).labelled_by(label.id);
                });
            }
        });
        ui.label(tr(lang, "routine.comment"));
        ui.name_inputs(tr(lang, "routine.comment"), |ui| para_upto(ui, &mut form.comment, 700.0, 3));
    });
    if let Some(on) = form.rated_on {
        ui.label(
            RichText::new(i18n::fill(tr(lang, "yearend.signed"), &[&form.rated_by, &crate::domain::dates::format_date(on)])).small().weak(),
        );
    }
    ui.horizontal(|ui| {
        if supervisor_edits && ui.button(tr(lang, "routine.rate")).clicked() {
            out.push(Intent::Routine(RoutineIntent::Step(Step::Rate)));
        }
        if records && !supervisor_edits && ui.button(tr(lang, "routine.record_button")).clicked() {
            out.push(Intent::Routine(RoutineIntent::Record));
        }
    });
    if supervisor_edits {
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "routine.reason"));
            ui.add(egui::TextEdit::singleline(&mut form.reason).desired_width(360.0)).labelled_by(label.id);
            if ui.button(tr(lang, "routine.return")).clicked() {
                out.push(Intent::Routine(RoutineIntent::Step(Step::Return)));
            }
        });
    }
    section(ui, tr(lang, "routine.official_box"));
    if let Some(on) = form.acknowledged_on {
        ui.label(format!("{} {}", tr(lang, "routine.acknowledged"), crate::domain::dates::format_date(on)));
    } else if own && !closed && stage == Some(Stage::Rated) && ui.button(tr(lang, "routine.acknowledge")).clicked() {
        out.push(Intent::Routine(RoutineIntent::Step(Step::Acknowledge)));
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button(tr(lang, "routine.print_form")).clicked() {
            out.push(Intent::Print(PrintIntent::Print(Printout::RoutineForms { period, scope: Scope::Official(official), staff: vec![] })));
        }
        if ui.button(tr(lang, "routine.print_year")).clicked() {
            out.push(Intent::Print(PrintIntent::Print(Printout::RoutineYear { official, year: page.year })));
        }
    });
}

fn special(
    ui: &mut Ui,
    lang: crate::domain::Lang,
    page: &mut RoutinePage,
    admin: bool,
    names: &std::collections::HashMap<crate::domain::OfficialId, String>,
    out: &mut Vec<Intent>,
) {
    use chrono::Datelike;
    let year = page.year;
    let events: Vec<_> = page.events.iter().filter(|e| e.date.year() == year).cloned().collect();
    if events.is_empty() {
        ui.label(tr(lang, "special.none"));
    }
    egui::Grid::new("special_events").num_columns(4).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
        for event in &events {
            ui.label(crate::domain::dates::format_date(event.date));
            ui.label(&event.task);
            ui.label(
                RichText::new(
                    event
                        .results
                        .iter()
                        .filter_map(|r| names.get(&r.official).map(|n| n.split("  ").next().unwrap_or(n).to_owned()))
                        .collect::<Vec<_>>()
                        .join("、"),
                )
                .small(),
            );
            if admin && ui.small_button(format!("{} · {}", tr(lang, "special.edit"), event.task)).clicked() {
                out.push(Intent::Routine(RoutineIntent::EditEvent(event.id)));
            }
            ui.end_row();
        }
    });
    if !admin {
        return;
    }
    if page.event.is_none() && ui.button(tr(lang, "special.new")).clicked() {
        out.push(Intent::Routine(RoutineIntent::NewEvent));
    }
    let Some(event) = page.event.as_mut() else { return };
    section(ui, tr(lang, "routine.special"));
    for message in page.problems.iter().map(|p| i18n::problem(lang, p)) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "special.date"));
        ui.add(egui::TextEdit::singleline(&mut page.event_date).desired_width(110.0)).labelled_by(label.id);
        let label = ui.label(tr(lang, "special.task"));
        ui.add(egui::TextEdit::singleline(&mut event.task).desired_width(360.0)).labelled_by(label.id);
    });
    ui.label(tr(lang, "special.evidence"));
    ui.name_inputs(tr(lang, "special.evidence"), |ui| para(ui, &mut event.evidence, 600.0, 2));
    ui.label(RichText::new(tr(lang, "special.participants")).strong());
    let mut remove = None;
    egui::Grid::new("special_people").num_columns(4).spacing([10.0, 4.0]).show(ui, |ui| {
        for (i, r) in event.results.iter_mut().enumerate() {
            let name = names.get(&r.official).cloned().unwrap_or_default();
            ui.label(&name);
            ui.name_inputs(format!("{name} {}", tr(lang, "routine.result")), |ui| {
                choose(ui, &format!("special_result_{i}"), &mut r.result, &ratings(lang), Some("—"), 100.0)
            });
            ui.add(egui::TextEdit::singleline(&mut r.note).desired_width(260.0).hint_text(tr(lang, "special.note")));
            if ui.small_button("×").clicked() {
                remove = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = remove {
        event.results.remove(i);
    }
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "special.add_person"));
        ui.add(egui::TextEdit::singleline(&mut page.add_staff).desired_width(120.0)).labelled_by(label.id);
        if ui.button("+").clicked() {
            out.push(Intent::Routine(RoutineIntent::AddParticipant));
        }
    });
    ui.horizontal(|ui| {
        if ui.button(tr(lang, "special.save")).clicked() {
            out.push(Intent::Routine(RoutineIntent::SaveEvent));
        }
        if event.id != 0 && ui.button(tr(lang, "special.delete")).clicked() {
            out.push(Intent::Routine(RoutineIntent::DeleteEvent(event.id)));
        }
    });
}

fn settings(
    ui: &mut Ui,
    lang: crate::domain::Lang,
    page: &mut RoutinePage,
    units: &[(crate::domain::UnitId, String)],
    out: &mut Vec<Intent>,
) {
    section(ui, tr(lang, "routine.settings"));
    for message in page.problems.iter().map(|p| i18n::problem(lang, p)) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
    let quota = &mut page.quota;
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(tr(lang, "routine.percent"));
        ui.add(egui::DragValue::new(&mut quota.percent).range(1..=100)).labelled_by(label.id);
        let roundings: Vec<(Rounding, String)> =
            Rounding::ALL.iter().map(|r| (*r, tr(lang, &format!("routine.rounding.{}", r.code())).to_owned())).collect();
        let label = ui.label(tr(lang, "routine.rounding"));
        let mut rounding = Some(quota.rounding);
        ui.label_inputs_by(label.id, |ui| choose(ui, "routine_rounding", &mut rounding, &roundings, None, 110.0));
        if let Some(r) = rounding {
            quota.rounding = r;
        }
        let label = ui.label(tr(lang, "routine.minimum"));
        ui.add(egui::DragValue::new(&mut quota.minimum).range(0..=10)).labelled_by(label.id);
    });
    ui.label(RichText::new(tr(lang, "routine.groups")).strong());
    let unit_name =
        |id: crate::domain::UnitId| units.iter().find(|u| u.0 == id).map_or(String::new(), |u| u.1.trim_start_matches('　').to_owned());
    let mut drop_group = None;
    for (g, group) in quota.groups.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr(lang, "routine.group_name"));
            ui.add(egui::TextEdit::singleline(&mut group.name).desired_width(140.0)).labelled_by(label.id);
            let mut drop_unit = None;
            for (i, unit) in group.units.iter().enumerate() {
                if ui.small_button(format!("{} ×", unit_name(*unit))).clicked() {
                    drop_unit = Some(i);
                }
            }
            if let Some(i) = drop_unit {
                group.units.remove(i);
            }
            let mut add = None;
            let name = format!("{} · {}", group.name, tr(lang, "field.unit"));
            ui.name_inputs(name, |ui| choose(ui, &format!("routine_group_add_{g}"), &mut add, units, Some("+"), 160.0));
            if let Some(unit) = add.filter(|u| !group.units.contains(u)) {
                group.units.push(unit);
            }
            if ui.small_button(tr(lang, "routine.remove_group")).clicked() {
                drop_group = Some(g);
            }
        });
    }
    if let Some(g) = drop_group {
        quota.groups.remove(g);
    }
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "routine.group_name"));
        ui.add(egui::TextEdit::singleline(&mut page.group_name).desired_width(140.0)).labelled_by(label.id);
        if ui.button(tr(lang, "routine.add_group")).clicked() && !page.group_name.trim().is_empty() {
            quota.groups.push(QuotaGroup { name: page.group_name.trim().to_owned(), units: Vec::new() });
            page.group_name.clear();
        }
    });
    ui.add_space(8.0);
    ui.label(RichText::new(tr(lang, "routine.rule_set")).strong());
    let book = &mut page.rules;
    for (i, set) in book.sets.iter_mut().enumerate() {
        // Wraps in a narrow window, each figure staying with its label.
        ui.horizontal_wrapped(|ui| {
            // Named for screen readers (and tests): the set's number.
            ui.name_inputs(format!("{} {}", tr(lang, "routine.rule_set"), i + 1), |ui| {
                ui.radio_value(&mut book.chosen, i, "");
                ui.add(egui::TextEdit::singleline(&mut set.name).desired_width(240.0));
            });
            for rule in &mut set.rules {
                if let Rule::Weighted { routine_percent, bands, .. } = rule {
                    labelled_figure(ui, tr(lang, "routine.weight"), routine_percent);
                    for (band, grade) in bands.iter_mut().zip(["excellent", "competent", "basic"]) {
                        labelled_figure(ui, tr(lang, &format!("grade.{grade}")), band);
                    }
                }
            }
        });
    }
    if ui.button(tr(lang, "routine.save_settings")).clicked() {
        out.push(Intent::Routine(RoutineIntent::SaveSettings));
    }
}

/// A label and its 0–100 figure, moving together to the next row of a wrapping line.
fn labelled_figure(ui: &mut Ui, text: &str, value: &mut u32) {
    keep_room(ui, text_width(ui, text) + 50.0);
    ui.horizontal(|ui| {
        let label = ui.label(text);
        ui.add(egui::DragValue::new(value).range(0..=100)).labelled_by(label.id);
    });
}
