//! The year-end page (年度考核): the year's officials with their record's stage and grade, and
//! the chosen official's 公務員年度考核登記表 as a form — the official's summary and 自查驗收, the
//! supervisor's comment and proposed grade, the committee's opinion and grade, the official's
//! own opinion — each part editable only by its party at its stage, with the step buttons, the
//! 優秀 quota's use (a warning with the numbers when over) and printing.

use super::widgets::{choose, cut_label, keep_room, list_width, para_upto, section, text_width, unit_choices};
use crate::domain::UnitId;
use crate::domain::access::Role;
use crate::domain::yearend::{Evaluation, Grade, Met, Stage, Step, UNIT_STANDARDS};
use crate::i18n::{self, tr};
use crate::service::printing::{Printout, Scope, YearEndSheets};
use crate::ui::intent::Intent;
use crate::ui::intent::{PrintIntent, YearEndIntent};
use crate::ui::state::{State, YearEndPage};
use egui::{Color32, RichText, Ui};

fn stage_text(lang: crate::domain::Lang, stage: Option<Stage>) -> &'static str {
    match stage {
        None => tr(lang, "selfcheck.status.none"),
        Some(s) => tr(lang, &format!("yearend.stage.{}", s.code())),
    }
}

pub fn yearend_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let whole = tr(lang, state.whole_scope_key());
    let Some(session) = state.session.clone() else { return };
    let prints = session.role != Role::Official;
    let units = state.data.as_ref().map(|d| unit_choices(d, None)).unwrap_or_default();
    let capabilities: Vec<String> =
        state.data.as_ref().map(|d| d.catalogue.capabilities.iter().map(|c| c.name.get(lang).to_owned()).collect()).unwrap_or_default();
    let print_lang = &mut state.print_lang;
    let page = &mut state.yearend;
    // Wraps in a narrow window: the print settings go to the next line rather than off the edge.
    ui.horizontal_wrapped(|ui| {
        let records = !page.units_mode && !page.appraisal_mode && !page.ballot_mode;
        if ui.selectable_label(records, tr(lang, "yearend.mode_people")).clicked() {
            (page.units_mode, page.appraisal_mode, page.ballot_mode) = (false, false, false);
        }
        if prints
            && ui.selectable_label(page.units_mode && !page.appraisal_mode && !page.ballot_mode, tr(lang, "yearend.mode_units")).clicked()
        {
            (page.units_mode, page.appraisal_mode, page.ballot_mode) = (true, false, false);
        }
        if session.role == Role::Admin && ui.selectable_label(page.appraisal_mode, tr(lang, "yearend.mode_appraisal")).clicked() {
            (page.units_mode, page.appraisal_mode, page.ballot_mode) = (false, true, false);
        }
        if ui.selectable_label(page.ballot_mode, tr(lang, "yearend.mode_ballot")).clicked() {
            (page.units_mode, page.appraisal_mode, page.ballot_mode) = (false, false, true);
        }
        ui.separator();
        if super::widgets::year_field(ui, RichText::new(tr(lang, "field.year")).strong(), &mut page.year) {
            out.push(Intent::YearEnd(YearEndIntent::YearEndScope));
        }
        if prints {
            // The print settings start a row of their own, so a label never wraps away from its
            // chooser.
            ui.end_row();
            ui.horizontal(|ui| {
                let label = tr(lang, "yearend.print_unit");
                ui.label(label);
                ui.name_inputs(label, |ui| choose(ui, "yearend_print_unit", &mut page.print_unit, &units, Some(whole), 200.0));
            });
            ui.checkbox(&mut page.paper_16k, tr(lang, "yearend.paper_16k"));
            ui.checkbox(&mut page.duplex, tr(lang, "yearend.duplex"));
            ui.checkbox(&mut page.split, tr(lang, "yearend.split"));
            // The label goes with its chooser: both move to the next row when they do not fit.
            keep_room(ui, 240.0);
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "print.lang"));
                egui::ComboBox::from_id_salt("yearend_print_lang")
                    .selected_text(print_lang.native_name())
                    .show_ui(ui, |ui| {
                        for choice in crate::domain::Lang::ALL {
                            ui.selectable_value(print_lang, choice, choice.native_name());
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
        }
    });
    if prints {
        ui.horizontal_wrapped(|ui| {
            let ticked = i18n::fill(tr(lang, "yearend.print_ticked"), &[&page.ticked.len().to_string()]);
            if ui.add_enabled(!page.ticked.is_empty(), egui::Button::new(ticked)).clicked() {
                out.push(Intent::YearEnd(YearEndIntent::PrintYearEnd { ticked: true }));
            }
            if ui.button(tr(lang, "yearend.print_all")).clicked() {
                out.push(Intent::YearEnd(YearEndIntent::PrintYearEnd { ticked: false }));
            }
            if ui.button(tr(lang, "yearend.print_blank")).clicked() {
                out.push(Intent::Print(PrintIntent::Print(Printout::YearEndBlank { paper: page.paper() })));
            }
            if ui.button(tr(lang, "yearend.print_roster")).clicked() {
                out.push(Intent::Print(PrintIntent::Print(Printout::GradeRoster { year: page.year, unit: page.print_unit })));
            }
            if ui.button(tr(lang, "yearend.print_summary")).clicked() {
                out.push(Intent::Print(PrintIntent::Print(Printout::YearEndSummary { year: page.year })));
            }
            if ui.button(tr(lang, "yearend.print_quota")).clicked() {
                out.push(Intent::Print(PrintIntent::Print(Printout::QuotaAllocation { year: page.year })));
            }
            if ui.button(tr(lang, "yearend.print_publicity")).clicked() {
                out.push(Intent::Print(PrintIntent::Print(Printout::Publicity { year: page.year })));
            }
            if ui.button(tr(lang, "yearend.print_consequences")).clicked() {
                out.push(Intent::Print(PrintIntent::Print(Printout::GradeConsequences { year: page.year, unit: page.print_unit })));
            }
        });
        quota_ui(ui, lang, page, session.role == Role::Admin, &units, out);
    }
    ui.separator();
    if page.ballot_mode {
        super::appraisal::ballot_ui(ui, lang, page, out);
        return;
    }
    // The list gives up room in a narrow window, so the form beside it keeps its fields on screen.
    let list_size = list_width(ui);
    if session.role == Role::Admin && page.appraisal_mode {
        egui::Panel::left("appraisal_list")
            .resizable(true)
            .default_size(list_size)
            .min_size(220.0)
            .show(ui, |ui| list(ui, lang, page, false, out));
        egui::CentralPanel::default().show(ui, |ui| super::appraisal::appraisal_ui(ui, lang, page, out));
        return;
    }
    if prints && page.units_mode {
        let admin = session.role == Role::Admin;
        egui::Panel::left("review_units").resizable(true).default_size(list_size).min_size(220.0).show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("review_units_list")
                .auto_shrink([false, false])
                .show(ui, |ui| review_list(ui, lang, page, &units, out));
        });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().id_salt("review_form").show(ui, |ui| review_form(ui, lang, page, &units, admin, out));
        });
        return;
    }
    egui::Panel::left("yearend_list")
        .resizable(true)
        .default_size(list_size)
        .min_size(220.0)
        .show(ui, |ui| list(ui, lang, page, prints, out));
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("yearend_form").show(ui, |ui| form(ui, lang, page, &session, &capabilities, out));
    });
}

/// The 民主測評 line: the ballots and each class's shares, or why they are hidden.
fn ballot_line(lang: crate::domain::Lang, facts: &crate::service::yearend::YearFacts) -> String {
    let Some(result) = &facts.ballots else { return tr(lang, "ballot.none").to_owned() };
    let shares = |s: &crate::domain::ballots::Shares| match s.shares {
        Some(shares) => {
            let parts: Vec<String> =
                Grade::ALL[..4].iter().zip(shares).map(|(g, p)| format!("{} {p:.0}%", tr(lang, &format!("grade.{}", g.code())))).collect();
            i18n::fill(tr(lang, "ballot.shares"), &[&s.ballots.to_string(), &parts.join(" ")])
        }
        None => i18n::fill(tr(lang, "ballot.hidden"), &[&s.ballots.to_string(), &facts.ballot_minimum.to_string()]),
    };
    let classes: Vec<String> = result.classes.iter().map(|(class, s)| format!("{class} {}", shares(s))).collect();
    i18n::fill(tr(lang, "ballot.line"), &[&shares(&result.overall), &classes.join("; ")])
}

/// Where a 優秀 stands against its 公示: provisional until the notice has ended.
fn publicity_line(lang: crate::domain::Lang, facts: &crate::service::yearend::YearFacts) -> String {
    match facts.publicity {
        Some((start, end)) => {
            let day = |d: Option<chrono::NaiveDate>| d.map(crate::domain::dates::format_date).unwrap_or_default();
            i18n::fill(tr(lang, "publicity.line"), &[&day(start), &day(end)])
        }
        None => tr(lang, "publicity.not_yet").to_owned(),
    }
}

/// What the grades bring (結果運用), in one line.
pub(super) fn consequence_line(lang: crate::domain::Lang, c: &crate::domain::consequences::Consequences) -> String {
    let [rewards, pay, level, rank, notes] = crate::report::model::consequence_cells(lang, c);
    let parts: Vec<String> = [
        ("consequence.rewards", rewards),
        ("consequence.pay", pay),
        ("consequence.level", level),
        ("consequence.rank", rank),
        ("consequence.notes", notes),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{}{}{v}", tr(lang, k), i18n::colon(lang)))
    .collect();
    format!(
        "{}{}{}",
        tr(lang, "consequence.title"),
        i18n::colon(lang),
        parts.join(if lang == crate::domain::Lang::En { "; " } else { "\u{FF1B}" })
    )
}

fn list(ui: &mut Ui, lang: crate::domain::Lang, page: &mut YearEndPage, ticks: bool, out: &mut Vec<Intent>) {
    let label = ui.label(tr(lang, "roster.search"));
    ui.add(egui::TextEdit::singleline(&mut page.filter).desired_width(f32::INFINITY)).labelled_by(label.id);
    let needle = crate::domain::text::fold(page.filter.trim());
    let rows: Vec<usize> = (0..page.rows.len())
        .filter(|&i| {
            needle.is_empty() || crate::domain::text::fold(&page.rows[i].name).contains(&needle) || page.rows[i].staff_no.contains(&needle)
        })
        .collect();
    if ticks {
        ui.horizontal(|ui| {
            if ui.small_button(tr(lang, "yearend.tick_shown")).clicked() {
                page.ticked.extend(rows.iter().map(|&i| page.rows[i].official));
            }
            if ui.small_button(tr(lang, "yearend.tick_none")).clicked() {
                page.ticked.clear();
            }
        });
    }
    egui::ScrollArea::vertical().id_salt("yearend_rows").auto_shrink([false, false]).show_rows(ui, 22.0, rows.len(), |ui, range| {
        for &i in &rows[range] {
            let row = &page.rows[i];
            ui.horizontal(|ui| {
                if ticks {
                    let mut on = page.ticked.contains(&row.official);
                    let tick = ui.add_sized([18.0, 20.0], egui::Checkbox::without_text(&mut on));
                    if tick.on_hover_text(tr(lang, "yearend.tick_hint")).changed() {
                        if on {
                            page.ticked.insert(row.official);
                        } else {
                            page.ticked.remove(&row.official);
                        }
                    }
                }
                let text = format!("{}  {}", row.name, row.staff_no);
                if ui.add_sized([150.0, 20.0], egui::Button::selectable(page.selected == Some(row.official), text)).clicked() {
                    out.push(Intent::YearEnd(YearEndIntent::SelectYearEnd(Some(row.official))));
                }
                // Cut to the list's width rather than widening it over the form.
                cut_label(ui, RichText::new(stage_text(lang, row.stage)).small());
                if let Some(grade) = row.grade {
                    cut_label(ui, RichText::new(tr(lang, &format!("grade.{}", grade.code()))).small().strong());
                }
                if let Some(finding) = row.findings.first() {
                    let short = if finding.withholds_comment() {
                        tr(lang, "eligibility.withheld_short").to_owned()
                    } else {
                        i18n::effect(lang, finding.effect)
                    };
                    ui.add(egui::Label::new(RichText::new(short).small().color(ui.visuals().warn_fg_color)).truncate())
                        .on_hover_text(i18n::findings(lang, &row.findings));
                }
                if let Some(s) = page.suggestions.get(&row.official) {
                    let results: String =
                        s.results.iter().map(|(_, r)| r.map_or("·", |r| i18n::rating(lang, r))).collect::<Vec<_>>().join(" ");
                    let (grade, reason) = i18n::suggestion(lang, &s.suggestion);
                    ui.add(egui::Label::new(RichText::new(format!("{results} → {grade}")).small().weak()).truncate())
                        .on_hover_text(format!("{results} → {grade}\n{reason}"));
                }
            });
        }
    });
}

/// The width of an evaluation's choice and the gap after it, beside its note.
const EVALUATION: f32 = 110.0 + 8.0;

/// The widest of `names` on one line.
fn names_width(ui: &Ui, names: &[&str]) -> f32 {
    names.iter().map(|n| text_width(ui, n)).fold(0.0, f32::max)
}

/// Standards and their evaluations (`cells` draws the `i`th one's): a striped grid of names and
/// choices where the page has room for `cells_width` beside the longest name, else each name
/// above its choices, so a long English name never pushes them past the window's edge.
fn standards(ui: &mut Ui, id: &str, names: &[&str], cells_width: f32, mut cells: impl FnMut(&mut Ui, usize)) {
    if ui.available_width() >= names_width(ui, names) + 10.0 + cells_width {
        egui::Grid::new(id).num_columns(2).striped(true).spacing([10.0, 6.0]).show(ui, |ui| {
            for (i, name) in names.iter().enumerate() {
                ui.label(*name);
                ui.horizontal(|ui| cells(ui, i));
                ui.end_row();
            }
        });
    } else {
        for (i, name) in names.iter().enumerate() {
            ui.label(*name);
            ui.horizontal_wrapped(|ui| cells(ui, i));
            ui.add_space(4.0);
        }
    }
}

/// One standard's evaluation: met or not (named `name`) and its note (named "`name` 說明").
fn evaluation(ui: &mut Ui, lang: crate::domain::Lang, name: &str, value: &mut Evaluation, mets: &[(Met, String)], note_width: f32) {
    ui.horizontal(|ui| {
        ui.name_inputs(name, |ui| choose(ui, name, &mut value.met, mets, Some("—"), 110.0));
        let note = i18n::fill(tr(lang, "yearend.note_of"), &[name]);
        ui.name_inputs(&note, |ui| ui.add_sized([note_width, 24.0], egui::TextEdit::singleline(&mut value.text).char_limit(2_000)));
    });
}

/// The units with their 檢查驗收 standing: how many of the five standards are met, or none yet.
fn review_list(ui: &mut Ui, lang: crate::domain::Lang, page: &YearEndPage, units: &[(UnitId, String)], out: &mut Vec<Intent>) {
    for (unit, name) in units {
        ui.horizontal(|ui| {
            let plain = name.trim_start_matches('　');
            ui.add_space(14.0 * (name.chars().count() - plain.chars().count()) as f32);
            if ui.add(egui::Button::selectable(page.review_unit == Some(*unit), plain)).clicked() {
                out.push(Intent::YearEnd(YearEndIntent::SelectReviewUnit(*unit)));
            }
            let standing = page.reviews.get(unit).map_or_else(
                || tr(lang, "yearend.unit_not_reviewed").to_owned(),
                |r| i18n::fill(tr(lang, "yearend.unit_met"), &[&r.met().to_string(), &UNIT_STANDARDS.to_string()]),
            );
            cut_label(ui, RichText::new(standing).small().weak());
        });
    }
}

/// A unit's 檢查驗收 against the five standards, editable by the personnel section.
fn review_form(
    ui: &mut Ui,
    lang: crate::domain::Lang,
    page: &mut YearEndPage,
    units: &[(UnitId, String)],
    admin: bool,
    out: &mut Vec<Intent>,
) {
    let Some(unit) = page.review_unit else {
        ui.label(RichText::new(tr(lang, "yearend.pick_unit")).weak());
        return;
    };
    let name = units.iter().find(|u| u.0 == unit).map_or("", |u| u.1.trim_start_matches('　'));
    ui.label(RichText::new(i18n::fill(tr(lang, "yearend.unit_title"), &[name, &page.year.to_string()])).size(20.0).strong());
    for message in page.problems.iter().map(|p| i18n::problem(lang, p)) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
    let mets: Vec<(Met, String)> = Met::ALL.iter().map(|m| (*m, tr(lang, &format!("yearend.met.{}", m.code())).to_owned())).collect();
    let form = &mut page.review_form;
    ui.add_enabled_ui(admin, |ui| {
        let names: Vec<&str> = (0..form.standards.len()).map(|i| tr(lang, &format!("yearend.unit_standard.{}", i + 1))).collect();
        // The note takes what is left beside the choice, up to its usual width.
        let beside = ui.available_width() - names_width(ui, &names) - 10.0 - EVALUATION;
        let note_width = if beside >= 200.0 { beside.min(320.0) } else { (ui.available_width() - EVALUATION - 8.0).clamp(120.0, 320.0) };
        standards(ui, "unit_review", &names, EVALUATION + note_width, |ui, i| {
            evaluation(ui, lang, names[i], &mut form.standards[i], &mets, note_width);
        });
        ui.add_space(6.0);
        ui.label(RichText::new(tr(lang, "yearend.unit_notes")).strong());
        ui.name_inputs(tr(lang, "yearend.unit_notes"), |ui| para_upto(ui, &mut form.notes, 700.0, 5));
    });
    if !form.by.is_empty() {
        let day = form.on.map(crate::domain::dates::format_date).unwrap_or_default();
        ui.label(RichText::new(i18n::fill(tr(lang, "yearend.signed"), &[&form.by, &day])).small().weak());
    }
    if admin && ui.button(RichText::new(tr(lang, "yearend.unit_save")).strong()).clicked() {
        out.push(Intent::YearEnd(YearEndIntent::SaveUnitReview));
    }
}

/// The 脫產培訓 entry written from the register's classes and courses, one after another.
fn full_time_text(lang: crate::domain::Lang, courses: &[crate::domain::training::StudyData]) -> String {
    let date = crate::domain::dates::format_date;
    let lines: Vec<String> = courses
        .iter()
        .map(|c| {
            let hours = format!("{}", c.hours);
            i18n::fill(tr(lang, "yearend.full_time_line"), &[&date(c.start), &date(c.end), &c.title, &c.organiser, &hours])
        })
        .collect();
    lines.join(if lang == crate::domain::Lang::En { "; " } else { "\u{FF1B}" })
}

fn grades(lang: crate::domain::Lang) -> Vec<(Grade, String)> {
    Grade::ALL.iter().map(|g| (*g, tr(lang, &format!("grade.{}", g.code())).to_owned())).collect()
}

fn form(
    ui: &mut Ui,
    lang: crate::domain::Lang,
    page: &mut YearEndPage,
    session: &crate::domain::access::Session,
    capabilities: &[String],
    out: &mut Vec<Intent>,
) {
    let Some(official) = page.selected else {
        ui.label(RichText::new(tr(lang, "selfcheck.pick")).weak());
        return;
    };
    let Some(row) = page.rows.iter().find(|r| r.official == official).cloned() else { return };
    let stage = page.record.as_ref().map_or(Stage::Draft, |r| r.stage);
    let own = session.official == Some(official);
    let reviewer = session.role != Role::Official && !own;
    let admin = session.role == Role::Admin;
    let official_edits = own && stage == Stage::Draft;
    let supervisor_edits = reviewer && matches!(stage, Stage::Submitted | Stage::Commented);
    let committee_edits = admin && matches!(stage, Stage::Commented | Stage::Decided);
    // Each part whole: a unit's name or the stage moves to the next line rather than splitting.
    ui.horizontal_wrapped(|ui| {
        let whole = |text: RichText| egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend);
        ui.add(whole(RichText::new(&row.name).size(20.0).strong()));
        ui.add(whole(RichText::new(&row.staff_no)));
        ui.add(whole(RichText::new(&row.unit_name)));
        ui.add(whole(RichText::new(stage_text(lang, page.record.as_ref().map(|r| r.stage))).strong()));
        if ui.button(tr(lang, "yearend.print_one")).clicked() {
            let sheets = YearEndSheets { year: page.year, scope: Scope::Official(official), staff: Vec::new(), paper: page.paper() };
            out.push(Intent::Print(PrintIntent::Print(Printout::YearEndSheets(sheets))));
        }
    });
    if !page.form.reason.is_empty() || page.record.as_ref().is_some_and(|r| !r.data.reason.is_empty()) {
        let reason = page.record.as_ref().map_or(String::new(), |r| r.data.reason.clone());
        if !reason.is_empty() {
            ui.label(RichText::new(i18n::fill(tr(lang, "yearend.reason_line"), &[&reason])).color(ui.visuals().warn_fg_color));
        }
    }
    if let Some((unit, bureau)) = page.quota {
        for (key, q) in [("yearend.quota_unit", unit), ("yearend.quota_bureau", bureau)] {
            let text = i18n::fill(tr(lang, key), &[&q.excellent.to_string(), &q.allowed.to_string(), &q.assessed.to_string()]);
            let colour = if q.over() { ui.visuals().error_fg_color } else { ui.visuals().weak_text_color() };
            ui.label(RichText::new(text).small().color(colour));
        }
    }
    let problems = page.problems.clone();
    for message in problems.iter().map(|p| i18n::problem(lang, p)) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
    let form = &mut page.form;
    section(ui, tr(lang, "yearend.part_official"));
    ui.add_enabled_ui(official_edits, |ui| {
        let label = ui.label(tr(lang, "sheet.work"));
        let width = ui.available_width().min(600.0);
        ui.add(egui::TextEdit::singleline(&mut form.work).desired_width(width).char_limit(500)).labelled_by(label.id);
        // The outline button goes under the label when the two do not fit on one line.
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(tr(lang, "sheet.summary")).strong());
            if official_edits && ui.small_button(tr(lang, "yearend.outline")).clicked() && form.summary.trim().is_empty() {
                form.summary = tr(lang, "yearend.outline_text").to_owned();
            }
        });
        ui.name_inputs(tr(lang, "sheet.summary"), |ui| para_upto(ui, &mut form.summary, 700.0, 12));
        if let Some(facts) = &page.facts {
            let levels: Vec<String> = facts
                .levels
                .iter()
                .map(|(c, l)| {
                    let name = capabilities.get(usize::from(*c).saturating_sub(1)).map_or("", String::as_str);
                    format!("{name} {}", l.map_or("—".into(), |l| l.to_string()))
                })
                .collect();
            let levels = levels.join(if lang == crate::domain::Lang::En { ", " } else { "\u{3001}" });
            let done = facts.plan.iter().filter(|p| p.1 == crate::domain::plans::PlanStatus::Done).count();
            let line = i18n::fill(
                tr(lang, "yearend.facts"),
                &[&levels, &facts.sessions.to_string(), &format!("{}", facts.hours), &done.to_string(), &facts.plan.len().to_string()],
            );
            ui.label(RichText::new(line).small().weak());
            let sep = if lang == crate::domain::Lang::En { "; " } else { "\u{FF1B}" };
            let routine: Vec<String> = facts
                .routine
                .iter()
                .map(|(p, r)| format!("{} {}", i18n::period(lang, p), r.map_or("—", |r| i18n::rating(lang, r))))
                .collect();
            ui.label(RichText::new(i18n::fill(tr(lang, "routine.results_line"), &[&routine.join(sep)])).small().weak());
            for (date, task, result, note) in &facts.special {
                let note = if note.is_empty() { String::new() } else { format!("\u{FF08}{note}\u{FF09}") };
                let line = i18n::fill(
                    tr(lang, "routine.special_line"),
                    &[&crate::domain::dates::format_date(*date), task, result.map_or("", |r| i18n::rating(lang, r)), &note],
                );
                ui.label(RichText::new(format!("{}{}{line}", tr(lang, "routine.special"), i18n::colon(lang))).small().weak());
            }
            ui.label(RichText::new(ballot_line(lang, facts)).small().weak());
            if let Some(c) = &facts.consequences {
                ui.label(RichText::new(consequence_line(lang, c)).small().weak());
            }
        }
        ui.label(RichText::new(tr(lang, "sheet.acceptance")).strong());
    });
    let mets: Vec<(Met, String)> = Met::ALL.iter().map(|m| (*m, tr(lang, &format!("yearend.met.{}", m.code())).to_owned())).collect();
    let names: Vec<&str> = (0..crate::domain::yearend::STANDARDS).map(|i| tr(lang, &format!("yearend.standard.{}", i + 1))).collect();
    // The two notes share what the standard's name and the two choices leave of the width (all
    // of it when each name stands above its choices).
    let room = ui.available_width() - names_width(ui, &names);
    let room = if room >= 2.0 * (EVALUATION + 120.0) + 30.0 { room } else { ui.available_width() };
    let note_width = ((room - 2.0 * EVALUATION - 30.0) / 2.0).clamp(120.0, 240.0);
    standards(ui, "acceptance", &names, 2.0 * (EVALUATION + note_width) + 20.0, |ui, i| {
        let own_name = i18n::fill(tr(lang, "yearend.own_of"), &[names[i]]);
        keep_room(ui, EVALUATION + note_width);
        ui.add_enabled_ui(official_edits, |ui| evaluation(ui, lang, &own_name, &mut form.own[i], &mets, note_width));
        let reviewed_name = i18n::fill(tr(lang, "yearend.reviewed_of"), &[names[i]]);
        keep_room(ui, EVALUATION + note_width);
        ui.add_enabled_ui(supervisor_edits, |ui| evaluation(ui, lang, &reviewed_name, &mut form.reviewed[i], &mets, note_width));
    });
    ui.add_enabled_ui(official_edits, |ui| {
        for (key, text) in
            [("sheet.rewards", &mut form.rewards), ("sheet.training", &mut form.training), ("sheet.remarks", &mut form.remarks)]
        {
            ui.horizontal_wrapped(|ui| {
                ui.label(tr(lang, key));
                let full_time = page.facts.as_ref().map_or(&[][..], |f| f.full_time.as_slice());
                if key == "sheet.training"
                    && official_edits
                    && !full_time.is_empty()
                    && ui.small_button(tr(lang, "yearend.fill_training")).on_hover_text(tr(lang, "yearend.fill_training_hint")).clicked()
                {
                    *text = full_time_text(lang, full_time);
                }
            });
            let width = ui.available_width().min(600.0);
            ui.name_inputs(tr(lang, key), |ui| ui.add(egui::TextEdit::singleline(text).desired_width(width).char_limit(2_000)));
        }
    });
    if official_edits {
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "selfcheck.save")).clicked() {
                out.push(Intent::YearEnd(YearEndIntent::YearEndStep(Step::Save)));
            }
            if ui.button(RichText::new(tr(lang, "selfcheck.submit")).strong()).clicked() {
                out.push(Intent::AskConfirm {
                    question: tr(lang, "yearend.confirm_submit").to_owned(),
                    then: Box::new(Intent::YearEnd(YearEndIntent::YearEndStep(Step::Submit))),
                });
            }
        });
    }
    section(ui, tr(lang, "sheet.supervisor"));
    ui.add_enabled_ui(supervisor_edits, |ui| {
        ui.name_inputs(tr(lang, "sheet.supervisor"), |ui| para_upto(ui, &mut form.supervisor.text, 700.0, 3));
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "yearend.proposed"));
            ui.label_inputs_by(label.id, |ui| choose(ui, "proposed", &mut form.proposed, &grades(lang), Some("—"), 140.0));
        });
    });
    signed_by(ui, lang, &form.supervisor);
    if supervisor_edits && ui.button(tr(lang, "yearend.comment")).clicked() {
        out.push(Intent::YearEnd(YearEndIntent::YearEndStep(Step::Comment)));
    }
    section(ui, tr(lang, "sheet.committee"));
    if let Some(s) = page.selected.and_then(|o| page.suggestions.get(&o)) {
        let (grade, reason) = i18n::suggestion(lang, &s.suggestion);
        ui.label(RichText::new(i18n::fill(tr(lang, "routine.suggested_line"), &[&grade, &reason])).strong());
        ui.label(RichText::new(tr(lang, "routine.suggestion_note")).small().weak());
    }
    if let Some(facts) = &page.facts {
        ui.label(RichText::new(ballot_line(lang, facts)).strong());
        if form.grade == Some(Grade::Excellent) {
            ui.label(RichText::new(publicity_line(lang, facts)).small().weak());
        }
    }
    for finding in &row.findings {
        ui.label(RichText::new(i18n::finding(lang, finding)).color(ui.visuals().warn_fg_color));
    }
    let forbidden = form.grade.is_some_and(|g| row.findings.first().is_some_and(|f| !f.effect.allows(g)));
    ui.add_enabled_ui(committee_edits, |ui| {
        ui.horizontal(|ui| {
            ui.radio_value(&mut form.agrees, Some(true), tr(lang, "sheet.agree"));
            ui.radio_value(&mut form.agrees, Some(false), tr(lang, "sheet.disagree"));
            let label = ui.label(tr(lang, "yearend.grade"));
            ui.label_inputs_by(label.id, |ui| choose(ui, "grade", &mut form.grade, &grades(lang), Some("—"), 140.0));
        });
        ui.name_inputs(tr(lang, "sheet.committee"), |ui| para_upto(ui, &mut form.committee.text, 700.0, 2));
        if forbidden || !form.override_reason.is_empty() {
            ui.label(RichText::new(tr(lang, "eligibility.override_help")).small().color(ui.visuals().warn_fg_color));
            ui.name_inputs(tr(lang, "eligibility.override"), |ui| para_upto(ui, &mut form.override_reason, 700.0, 2));
        }
    });
    signed_by(ui, lang, &form.committee);
    if committee_edits && ui.button(tr(lang, "yearend.decide")).clicked() {
        out.push(Intent::YearEnd(YearEndIntent::YearEndStep(Step::Decide)));
    }
    section(ui, tr(lang, "sheet.official"));
    let acknowledges = own && stage == Stage::Decided;
    ui.add_enabled_ui(acknowledges, |ui| {
        ui.name_inputs(tr(lang, "sheet.official"), |ui| para_upto(ui, &mut form.official.text, 700.0, 2));
    });
    signed_by(ui, lang, &form.official);
    if acknowledges && ui.button(RichText::new(tr(lang, "yearend.acknowledge")).strong()).clicked() {
        out.push(Intent::YearEnd(YearEndIntent::YearEndStep(Step::Acknowledge)));
    }
    let may_return = reviewer && matches!(stage, Stage::Submitted | Stage::Commented | Stage::Decided);
    let may_reopen = admin && stage == Stage::Locked;
    if may_return || may_reopen {
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "field.reason"));
            ui.add(egui::TextEdit::singleline(&mut form.reason).desired_width(320.0).char_limit(2_000)).labelled_by(label.id);
            if may_return && ui.button(tr(lang, "selfcheck.return")).clicked() {
                out.push(Intent::YearEnd(YearEndIntent::YearEndStep(Step::Return)));
            }
            if may_reopen && ui.button(tr(lang, "yearend.reopen")).clicked() {
                out.push(Intent::YearEnd(YearEndIntent::YearEndStep(Step::Reopen)));
            }
        });
    }
    if stage == Stage::Locked {
        ui.label(RichText::new(tr(lang, "yearend.locked")).color(Color32::from_rgb(0x2e, 0x7d, 0x32)));
    }
}

/// The year's quota pools (優秀 given against the places, red when over) and, for the personnel
/// section, the year's working days and each pool's 名額分配表 to edit.
fn quota_ui(
    ui: &mut Ui,
    lang: crate::domain::Lang,
    page: &mut YearEndPage,
    admin: bool,
    units: &[(UnitId, String)],
    out: &mut Vec<Intent>,
) {
    use crate::service::command::StandingCommand;
    if page.pools.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for pool in &page.pools {
            let name = if pool.name.is_empty() { tr(lang, "quota.rest") } else { pool.name.as_str() };
            let q = pool.quota;
            let text =
                i18n::fill(tr(lang, "quota.pool_use"), &[name, &q.excellent.to_string(), &q.allowed.to_string(), &q.assessed.to_string()]);
            let colour = if q.over() { ui.visuals().error_fg_color } else { ui.visuals().weak_text_color() };
            ui.label(RichText::new(text).small().color(colour));
        }
    });
    if !admin {
        return;
    }
    egui::CollapsingHeader::new(tr(lang, "quota.allocation_edit")).id_salt("quota_allocation").show(ui, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "quota.working_days"));
            ui.add(egui::TextEdit::singleline(&mut page.working_days).desired_width(50.0).char_limit(4)).labelled_by(label.id);
            if ui.button(tr(lang, "quota.save_working_days")).clicked() {
                match page.working_days.trim() {
                    "" => out.push(Intent::Do(crate::service::Command::Standing(StandingCommand::SetWorkingDays {
                        year: page.year,
                        days: None,
                    }))),
                    text => match text.parse::<u32>() {
                        Ok(days) => out.push(Intent::Do(crate::service::Command::Standing(StandingCommand::SetWorkingDays {
                            year: page.year,
                            days: Some(days),
                        }))),
                        Err(_) => {
                            page.problems = vec![crate::domain::FieldProblem::new(
                                crate::domain::Field::Record,
                                crate::domain::Problem::OutOfRange { min: 1, max: 366 },
                            )]
                        }
                    },
                }
            }
        });
        for pool in &page.pools {
            let name = if pool.name.is_empty() { tr(lang, "quota.rest") } else { pool.name.as_str() };
            ui.label(RichText::new(i18n::fill(tr(lang, "quota.pool_total"), &[name, &pool.quota.allowed.to_string()])).strong());
            egui::Grid::new(("allocation", &pool.name)).num_columns(3).spacing([10.0, 2.0]).show(ui, |ui| {
                for (p, unit, places) in page.places.iter_mut().filter(|(p, _, _)| *p == pool.name) {
                    let unit_name = units.iter().find(|u| u.0 == *unit).map_or("?", |u| u.1.trim_start_matches('　'));
                    ui.label(unit_name);
                    let taking = pool.units.iter().find(|u| u.unit == *unit).map_or(0, |u| u.taking_part);
                    ui.label(RichText::new(i18n::fill(tr(lang, "quota.taking_part_n"), &[&taking.to_string()])).small().weak());
                    let name = format!("{p} {unit_name}");
                    ui.name_inputs(&name, |ui| ui.add(egui::TextEdit::singleline(places).desired_width(40.0).char_limit(5)));
                    ui.end_row();
                }
            });
            if ui.button(tr(lang, "quota.save_allocation")).clicked() {
                let mut lines = Vec::new();
                let mut bad = false;
                for (_, unit, places) in page.places.iter().filter(|(p, _, _)| *p == pool.name) {
                    match places.trim() {
                        "" => {}
                        text => match text.parse::<u32>() {
                            Ok(n) => lines.push((*unit, n)),
                            Err(_) => bad = true,
                        },
                    }
                }
                if bad {
                    page.problems = vec![crate::domain::FieldProblem::new(
                        crate::domain::Field::Record,
                        crate::domain::Problem::OutOfRange { min: 0, max: 10_000 },
                    )];
                } else {
                    let command = StandingCommand::SaveAllocation { year: page.year, pool: pool.name.clone(), places: lines };
                    out.push(Intent::Do(crate::service::Command::Standing(command)));
                }
            }
            ui.separator();
        }
        for message in page.problems.iter().map(|p| i18n::problem(lang, p)) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
    });
}

fn signed_by(ui: &mut Ui, lang: crate::domain::Lang, opinion: &crate::domain::yearend::Opinion) {
    if let Some(on) = opinion.on {
        ui.label(
            RichText::new(i18n::fill(tr(lang, "yearend.signed"), &[&opinion.by, &crate::domain::dates::format_date(on)])).small().weak(),
        );
    }
}
