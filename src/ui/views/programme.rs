//! The programme page: the year's phases with their dates, every milestone with its unit,
//! lead, due day, status, notes and evidence, the 領導小組 and its office, starting the next
//! year, and the programme report for the leading group.

use super::widgets::{choose, keep_room, section, unit_choices};
use crate::domain::Lang;
use crate::domain::dates::{format_date, parse_date};
use crate::domain::programme::{Member, MilestoneData, MilestoneStatus, Role, shown_status};
use crate::i18n::{self, tr};
use crate::service::Command;
use crate::service::command::ProgrammeCommand;
use crate::service::printing::Printout;
use crate::ui::intent::Intent;
use crate::ui::intent::{PrintIntent, ProgrammeIntent, StandardsIntent};
use crate::ui::state::{Data, ProgrammePage, State};
use egui::{RichText, Ui};

fn role_key(role: Role) -> &'static str {
    match role {
        Role::Leader => "role.leader",
        Role::Deputy => "role.deputy",
        Role::Member => "role.member",
        Role::OfficeDirector => "role.office_director",
        Role::OfficeMember => "role.office_member",
    }
}

pub fn programme_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(data) = &state.data else { return };
    let Some(programme) = &data.programme else {
        ui.label(tr(lang, "home.no_programme"));
        return;
    };
    // Reviewers read the programme and print its report; its set-up is the administrators'.
    let admin = state.session.as_ref().is_some_and(|s| s.role == crate::domain::access::Role::Admin);
    let page = &mut state.programme;
    // The editor takes at most a third of a narrow window, so the milestones keep their lines.
    let editor_width = (ui.available_width() * 0.35).clamp(300.0, 420.0);
    egui::Panel::right("milestone_editor").resizable(true).default_size(editor_width).show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("milestone_scroll")
            .show(ui, |ui| ui.add_enabled_ui(admin, |ui| editor(ui, lang, data, page, out)));
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("programme_scroll").show(ui, |ui| {
            // The headline and the rows below wrap rather than run under the editor.
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("{} {}", programme.name.get(lang), programme.year)).size(18.0).strong());
                if admin && ui.button(tr(lang, "standards.carry_forward")).clicked() {
                    let next = (data.bureau.year + 1).to_string();
                    let question = i18n::fill(tr(lang, "confirm.start_year"), &[&data.bureau.year.to_string(), &next]);
                    out.push(Intent::AskConfirm { question, then: Box::new(Intent::Standards(StandardsIntent::CarryForward)) });
                }
            });
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "programme.report_date"));
                ui.add(egui::TextEdit::singleline(&mut page.report_date).desired_width(100.0).char_limit(10)).labelled_by(label.id);
                if ui.button(tr(lang, "programme.print_report")).clicked() {
                    match parse_date(&page.report_date) {
                        Some(date) => {
                            out.push(Intent::Print(PrintIntent::Print(Printout::ProgrammeReport { year: data.bureau.year, date })))
                        }
                        None => page.problem = Some(tr(lang, "problem.bad_date").to_owned()),
                    }
                }
            });
            if let Some(problem) = &page.problem {
                ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
            }
            for phase in &programme.phases {
                section(ui, &format!("{} ({} – {})", phase.name.get(lang), format_date(phase.start), format_date(phase.end)));
                ui.horizontal(|ui| {
                    let (start, end) =
                        page.phase_dates.entry(phase.id).or_insert_with(|| (format_date(phase.start), format_date(phase.end)));
                    let label = ui.label(tr(lang, "programme.dates"));
                    ui.add(egui::TextEdit::singleline(start).desired_width(100.0).char_limit(10)).labelled_by(label.id);
                    ui.label("–");
                    ui.name_inputs(i18n::fill(tr(lang, "programme.end_of"), &[phase.name.get(lang)]), |ui| {
                        ui.add(egui::TextEdit::singleline(end).desired_width(100.0).char_limit(10))
                    });
                    if ui.add_enabled(admin, egui::Button::new(tr(lang, "programme.save_dates"))).clicked() {
                        match (parse_date(start), parse_date(end)) {
                            (Some(start), Some(end)) => {
                                out.push(Intent::Do(Command::Programme(ProgrammeCommand::UpdatePhaseDates { id: phase.id, start, end })))
                            }
                            _ => page.problem = Some(tr(lang, "problem.bad_date").to_owned()),
                        }
                    }
                });
                for milestone in &phase.milestones {
                    let shown = shown_status(milestone.data.status, milestone.data.due, milestone.data.done_on, data.today);
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(tr(lang, shown.key())).color(super::home::shown_color(shown)));
                        if ui.selectable_label(page.selected == Some(milestone.id), milestone.title.get(lang)).clicked() {
                            out.push(Intent::Programme(ProgrammeIntent::SelectMilestone(Some(milestone.id))));
                        }
                        ui.label(RichText::new(format_date(milestone.data.due)).weak());
                        if let Some(measure) = milestone.measure {
                            let figure = data.figures.iter().find(|(m, _)| *m == measure).and_then(|(_, r)| *r);
                            let text = figure.map_or(tr(lang, "report.not_available").to_owned(), |r| format!("{} / {}", r.done, r.total));
                            let measured =
                                RichText::new(format!("{}{}{text}", tr(lang, i18n::measure_key(measure)), i18n::colon(lang))).small();
                            ui.add(egui::Label::new(measured).extend()).on_hover_text(tr(lang, "programme.measured"));
                        }
                    });
                }
            }
            section(ui, tr(lang, "programme.group"));
            egui::Grid::new("members").num_columns(4).spacing([10.0, 4.0]).striped(true).show(ui, |ui| {
                for (id, member) in &programme.members {
                    ui.label(tr(lang, role_key(member.role)));
                    ui.label(&member.name);
                    ui.label(RichText::new(&member.duty).weak());
                    if admin && ui.small_button("×").on_hover_text(tr(lang, "programme.remove_member")).clicked() {
                        out.push(Intent::Do(Command::Programme(ProgrammeCommand::DeleteMember { id: *id })));
                    }
                    ui.end_row();
                }
            });
            // A new member's line wraps in a narrow window, each label with its field; the role
            // shows the one a new member gets unless another is chosen.
            ui.horizontal_wrapped(|ui| {
                let roles: Vec<(Role, String)> = Role::ALL.iter().map(|r| (*r, tr(lang, role_key(*r)).to_owned())).collect();
                page.member_role.get_or_insert(Role::Member);
                ui.horizontal(|ui| {
                    let label = ui.label(tr(lang, "programme.role"));
                    ui.label_inputs_by(label.id, |ui| choose(ui, "member_role", &mut page.member_role, &roles, None, 120.0));
                });
                keep_room(ui, 160.0);
                ui.horizontal(|ui| {
                    let label = ui.label(tr(lang, "field.name"));
                    ui.add(egui::TextEdit::singleline(&mut page.member_name).desired_width(100.0).char_limit(50)).labelled_by(label.id);
                });
                keep_room(ui, 230.0);
                ui.horizontal(|ui| {
                    let label = ui.label(tr(lang, "programme.duty"));
                    ui.add(egui::TextEdit::singleline(&mut page.member_duty).desired_width(160.0).char_limit(100)).labelled_by(label.id);
                });
                if ui.add_enabled(admin, egui::Button::new(tr(lang, "programme.add_member"))).clicked() {
                    let member = Member {
                        name: page.member_name.clone(),
                        role: page.member_role.unwrap_or(Role::Member),
                        duty: page.member_duty.clone(),
                    };
                    out.push(Intent::Do(Command::Programme(ProgrammeCommand::AddMember { programme: programme.id, member })));
                }
            });
        });
    });
}

fn editor(ui: &mut Ui, lang: Lang, data: &Data, page: &mut ProgrammePage, out: &mut Vec<Intent>) {
    let Some(id) = page.selected else {
        ui.add_space(12.0);
        ui.label(RichText::new(tr(lang, "programme.pick")).weak());
        return;
    };
    let Some(milestone) = data.programme.as_ref().and_then(|p| p.phases.iter().flat_map(|ph| &ph.milestones).find(|m| m.id == id)) else {
        return;
    };
    let form = &mut page.form;
    section(ui, milestone.title.get(lang));
    let statuses: Vec<(MilestoneStatus, String)> =
        MilestoneStatus::ALL.iter().map(|s| (*s, tr(lang, &format!("milestone.{}", s.code())).to_owned())).collect();
    egui::Grid::new("milestone_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        let label = ui.label(tr(lang, "programme.unit"));
        ui.label_inputs_by(label.id, |ui| {
            let choices = unit_choices(data, form.unit);
            choose(ui, "milestone_unit", &mut form.unit, &choices, Some("—"), 200.0)
        });
        ui.end_row();
        let label = ui.label(tr(lang, "programme.lead"));
        ui.add(egui::TextEdit::singleline(&mut form.lead).desired_width(200.0).char_limit(50)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label(tr(lang, "programme.due"));
        ui.add(egui::TextEdit::singleline(&mut form.due).desired_width(100.0).char_limit(10)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label(tr(lang, "field.status"));
        ui.label_inputs_by(label.id, |ui| choose(ui, "milestone_status", &mut form.status, &statuses, None, 120.0));
        ui.end_row();
        let label = ui.label(tr(lang, "programme.done_on"));
        ui.add(egui::TextEdit::singleline(&mut form.done_on).desired_width(100.0).char_limit(10)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label(tr(lang, "programme.notes"));
        ui.add(egui::TextEdit::multiline(&mut form.notes).desired_width(260.0).desired_rows(3).char_limit(20_000)).labelled_by(label.id);
        ui.end_row();
        let label = ui.label(tr(lang, "programme.evidence"));
        ui.add(egui::TextEdit::multiline(&mut form.evidence).desired_width(260.0).desired_rows(3).char_limit(20_000)).labelled_by(label.id);
        ui.end_row();
    });
    if let Some(problem) = &page.problem {
        ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
    }
    if ui.button(RichText::new(tr(lang, "action.save")).strong()).clicked() {
        let due = parse_date(&form.due);
        let done_on = if form.done_on.trim().is_empty() { Some(None) } else { parse_date(&form.done_on).map(Some) };
        match (due, done_on) {
            (Some(due), Some(done_on)) => {
                let data = MilestoneData {
                    unit: form.unit,
                    lead: form.lead.clone(),
                    due,
                    status: form.status.unwrap_or(MilestoneStatus::NotStarted),
                    done_on,
                    notes: form.notes.clone(),
                    evidence: form.evidence.clone(),
                };
                page.problem = None;
                out.push(Intent::Do(Command::Programme(ProgrammeCommand::UpdateMilestone { id, data })));
            }
            _ => {
                page.problem = Some(i18n::problem(
                    lang,
                    &crate::domain::FieldProblem::new(crate::domain::Field::Record, crate::domain::Problem::BadDate),
                ))
            }
        }
    }
}
