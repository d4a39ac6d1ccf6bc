//! The year-end page's 民主測評 and 公示 panel (the personnel section's): the voter classes and
//! the minimum of ballots, the chosen official's paper tallies by class, ballot codes to issue,
//! the bureau's calendar of a year, and the year's notice of the 優秀 candidates with its days
//! (the earliest end shown), text and objections.

use super::widgets::para_upto;
use crate::domain::Lang;
use crate::domain::workdays::Objection;
use crate::domain::yearend::Grade;
use crate::i18n::{self, tr};
use crate::ui::intent::{Intent, YearEndIntent};
use crate::ui::state::YearEndPage;
use egui::{RichText, Ui};

pub fn appraisal_ui(ui: &mut Ui, lang: Lang, page: &mut YearEndPage, out: &mut Vec<Intent>) {
    for problem in &page.problems {
        ui.label(RichText::new(i18n::problem(lang, problem)).color(ui.visuals().error_fg_color));
    }
    let selected = page.selected.and_then(|o| page.rows.iter().find(|r| r.official == o)).map(|r| r.name.clone());
    let form = &mut page.appraisal;
    // A window too narrow for the tallies' columns scrolls sideways rather than cutting them off.
    egui::ScrollArea::both().id_salt("appraisal").show(ui, |ui| {
        ui.heading(tr(lang, "ballot.heading"));
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                let label = ui.label(tr(lang, "ballot.classes"));
                ui.add(egui::TextEdit::multiline(&mut form.classes).desired_rows(3).desired_width(200.0)).labelled_by(label.id);
            });
            ui.vertical(|ui| {
                let label = ui.label(tr(lang, "ballot.minimum"));
                ui.add(egui::TextEdit::singleline(&mut form.minimum).desired_width(60.0).char_limit(6)).labelled_by(label.id);
                if ui.button(tr(lang, "ballot.save_settings")).clicked() {
                    out.push(Intent::YearEnd(YearEndIntent::SaveBallotSettings));
                }
            });
        });
        ui.separator();
        match &selected {
            None => {
                ui.label(RichText::new(tr(lang, "ballot.pick")).weak());
            }
            Some(name) => {
                ui.label(RichText::new(i18n::fill(tr(lang, "ballot.tallies_of"), &[name])).strong());
                egui::Grid::new("tallies").striped(true).show(ui, |ui| {
                    ui.label("");
                    for grade in &Grade::ALL[..4] {
                        ui.label(tr(lang, &format!("grade.{}", grade.code())));
                    }
                    ui.end_row();
                    for (class, counts) in &mut form.tallies {
                        ui.label(class.as_str());
                        for (grade, count) in Grade::ALL[..4].iter().zip(counts.iter_mut()) {
                            let name = format!("{class} {}", tr(lang, &format!("grade.{}", grade.code())));
                            ui.name_inputs(&name, |ui| ui.add(egui::TextEdit::singleline(count).desired_width(50.0).char_limit(6)));
                        }
                        if ui.small_button(i18n::fill(tr(lang, "ballot.save_tally"), &[class])).clicked() {
                            out.push(Intent::YearEnd(YearEndIntent::SaveTally(class.clone())));
                        }
                        ui.end_row();
                    }
                });
            }
        }
        ui.separator();
        // Wraps in a narrow window, each label staying with its field.
        ui.horizontal_wrapped(|ui| {
            let classes: Vec<String> = form.tallies.iter().map(|(c, _)| c.clone()).collect();
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "ballot.code_class"));
                egui::ComboBox::from_id_salt("code_class")
                    .selected_text(form.code_class.clone().unwrap_or_default())
                    .show_ui(ui, |ui| {
                        for class in classes {
                            ui.selectable_value(&mut form.code_class, Some(class.clone()), class);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            super::widgets::keep_room(ui, super::widgets::text_width(ui, tr(lang, "ballot.code_count")) + 70.0);
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "ballot.code_count"));
                ui.add(egui::TextEdit::singleline(&mut form.code_count).desired_width(60.0).char_limit(5)).labelled_by(label.id);
            });
            if ui.button(tr(lang, "ballot.issue")).clicked() {
                out.push(Intent::YearEnd(YearEndIntent::IssueCodes));
            }
        });
        ui.label(RichText::new(tr(lang, "ballot.code_scope")).small().weak());
        if !form.codes.is_empty() {
            ui.label(RichText::new(tr(lang, "ballot.codes_once")).small().weak());
            let label = ui.label(tr(lang, "ballot.codes"));
            ui.add(egui::TextEdit::multiline(&mut form.codes.as_str()).desired_rows(4).desired_width(300.0)).labelled_by(label.id);
        }

        ui.add_space(10.0);
        ui.heading(tr(lang, "calendar.heading"));
        ui.horizontal(|ui| {
            if super::widgets::year_field(ui, RichText::new(tr(lang, "field.year")), &mut form.calendar_year) {
                out.push(Intent::YearEnd(YearEndIntent::AppraisalScope));
            }
        });
        ui.label(RichText::new(tr(lang, "calendar.hint")).small().weak());
        ui.name_inputs(tr(lang, "calendar.heading"), |ui| para_upto(ui, &mut form.calendar, 420.0, 6));
        if ui.button(tr(lang, "calendar.save")).clicked() {
            out.push(Intent::YearEnd(YearEndIntent::SaveCalendar));
        }

        ui.add_space(10.0);
        ui.heading(tr(lang, "publicity.heading"));
        let names = if form.candidates.is_empty() { tr(lang, "publicity.no_candidates").to_owned() } else { form.candidates.join("、") };
        ui.label(i18n::fill(tr(lang, "publicity.candidates"), &[&names]));
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "publicity.start"));
            ui.add(egui::TextEdit::singleline(&mut form.start).desired_width(100.0).char_limit(10)).labelled_by(label.id);
            let label = ui.label(tr(lang, "publicity.end"));
            ui.add(egui::TextEdit::singleline(&mut form.end).desired_width(100.0).char_limit(10)).labelled_by(label.id);
            if let Some(earliest) = form.earliest {
                ui.label(
                    RichText::new(i18n::fill(tr(lang, "publicity.earliest"), &[&crate::domain::dates::format_date(earliest)])).small(),
                );
            }
        });
        ui.label(tr(lang, "publicity.text"));
        ui.name_inputs(tr(lang, "publicity.text"), |ui| para_upto(ui, &mut form.notice.text, 600.0, 3));
        ui.label(RichText::new(tr(lang, "publicity.objections")).strong());
        let mut remove = None;
        for (i, objection) in form.notice.objections.iter_mut().enumerate() {
            objection_row(ui, lang, i, objection, &mut remove);
        }
        if let Some(i) = remove {
            form.notice.objections.remove(i);
        }
        if ui.small_button(tr(lang, "publicity.add_objection")).clicked() {
            form.notice.objections.push(Objection::default());
        }
        ui.horizontal(|ui| {
            if ui.button(RichText::new(tr(lang, "publicity.save")).strong()).clicked() {
                out.push(Intent::YearEnd(YearEndIntent::SavePublicity { recount: false }));
            }
            if ui.button(tr(lang, "publicity.recount")).clicked() {
                out.push(Intent::YearEnd(YearEndIntent::SavePublicity { recount: true }));
            }
        });
    });
}

/// One objection: the day it came (typed), its text and how it was handled.
fn objection_row(ui: &mut Ui, lang: Lang, i: usize, objection: &mut Objection, remove: &mut Option<usize>) {
    ui.horizontal_wrapped(|ui| {
        let mut day = objection.date.map(crate::domain::dates::format_date).unwrap_or_default();
        let name = format!("{} {}", tr(lang, "publicity.objection_date"), i + 1);
        let typed = ui.name_inputs(&name, |ui| ui.add(egui::TextEdit::singleline(&mut day).desired_width(90.0).char_limit(10)));
        if typed.changed() {
            objection.date = crate::domain::dates::parse_date(day.trim());
        }
        let name = format!("{} {}", tr(lang, "publicity.objection_text"), i + 1);
        ui.name_inputs(&name, |ui| ui.add(egui::TextEdit::singleline(&mut objection.text).desired_width(240.0).char_limit(2_000)));
        let name = format!("{} {}", tr(lang, "publicity.handling"), i + 1);
        ui.name_inputs(&name, |ui| ui.add(egui::TextEdit::singleline(&mut objection.handling).desired_width(240.0).char_limit(2_000)));
        if ui.small_button(tr(lang, "roster.delete")).on_hover_text(tr(lang, "publicity.remove_objection")).clicked() {
            *remove = Some(i);
        }
    });
}

/// Casting a ballot: the slip's code, then each person the code assesses with the four marks.
pub fn ballot_ui(ui: &mut Ui, lang: Lang, page: &mut YearEndPage, out: &mut Vec<Intent>) {
    for problem in &page.problems {
        ui.label(RichText::new(i18n::problem(lang, problem)).color(ui.visuals().error_fg_color));
    }
    let ballot = &mut page.ballot;
    ui.heading(tr(lang, "ballot.cast_heading"));
    ui.label(RichText::new(tr(lang, "ballot.cast_hint")).small().weak());
    if ballot.cast {
        ui.label(RichText::new(tr(lang, "ballot.cast_done")).strong());
    }
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "ballot.code"));
        ui.add(egui::TextEdit::singleline(&mut ballot.code).desired_width(120.0).char_limit(20)).labelled_by(label.id);
        if ui.button(tr(lang, "ballot.read")).clicked() {
            out.push(Intent::YearEnd(YearEndIntent::ReadBallot));
        }
    });
    let Some(subjects) = &ballot.subjects else { return };
    ui.label(i18n::fill(tr(lang, "ballot.for"), &[&subjects.year.to_string(), &subjects.class]));
    egui::ScrollArea::vertical().id_salt("ballot").max_height(ui.available_height() - 40.0).show(ui, |ui| {
        egui::Grid::new("ballot_marks").striped(true).show(ui, |ui| {
            ui.label("");
            ui.label("");
            for grade in &Grade::ALL[..4] {
                ui.label(RichText::new(tr(lang, &format!("grade.{}", grade.code()))).strong());
            }
            ui.end_row();
            for (official, staff_no, name, unit) in &subjects.people {
                ui.label(format!("{name}  {staff_no}"));
                ui.label(RichText::new(unit.as_str()).small().weak());
                for grade in &Grade::ALL[..4] {
                    let on = ballot.marks.get(official) == Some(grade);
                    let text = tr(lang, &format!("grade.{}", grade.code()));
                    let name = format!("{name} {text}");
                    let clicked = ui.name_inputs(&name, |ui| ui.radio(on, "").clicked());
                    if clicked {
                        ballot.marks.insert(*official, *grade);
                    }
                }
                ui.end_row();
            }
        });
    });
    let marked = i18n::fill(tr(lang, "ballot.cast"), &[&ballot.marks.len().to_string(), &subjects.people.len().to_string()]);
    if ui.add_enabled(!ballot.marks.is_empty(), egui::Button::new(RichText::new(marked).strong())).clicked() {
        out.push(Intent::YearEnd(YearEndIntent::CastBallot));
    }
}
