//! The import preview page: the file's rows as they will be stored (new / changed /
//! unchanged), every problem on its row and column, ticks to leave rows out, and the commit
//! that stores all ticked rows or none.

use crate::domain::catalogue::Catalogue;
use crate::domain::identity::mask_id;
use crate::domain::{Field, Lang};
use crate::exchange::Kind;
use crate::exchange::preview::{Change, DotOne, DotOneReading, Options, Preview, Record};
use crate::i18n::{self, tr};
use crate::ui::intent::ImportIntent;
use crate::ui::intent::Intent;
use crate::ui::state::{ImportPage, State};
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

fn change_text(lang: Lang, change: Change) -> (&'static str, Color32) {
    match change {
        Change::New => (tr(lang, "import.new"), Color32::from_rgb(0x2e, 0x7d, 0x32)),
        Change::Changed => (tr(lang, "import.changed"), Color32::from_rgb(0x15, 0x65, 0xc0)),
        Change::Unchanged => (tr(lang, "import.unchanged"), Color32::GRAY),
        Change::Refused => (tr(lang, "import.refused"), Color32::from_rgb(0xc6, 0x28, 0x28)),
    }
}

/// How a checked row's cell will be stored, where that differs from what was typed
/// (`處級` is stored as 處級幹部, `1985.3` as 1985.03, `female` as 女).
fn stored_text(lang: Lang, catalogue: &Catalogue, record: Option<&Record>, field: Field) -> Option<String> {
    match record? {
        Record::Official { data, .. } => match field {
            Field::Gender => Some(i18n::gender(lang, data.gender).to_owned()),
            Field::Birth => Some(data.birth.to_string()),
            Field::Tier => Some(catalogue.tier_name(data.tier, lang).to_owned()),
            Field::PostSince => Some(data.post_since.map(|s| s.to_string()).unwrap_or_default()),
            Field::Status => Some(i18n::status(lang, data.status).to_owned()),
            Field::IdNumber => Some(mask_id(&data.identity.id_number)),
            Field::Rank => Some(data.rank.map(|r| i18n::rank(lang, r).to_owned()).unwrap_or_default()),
            Field::DutyLevel => Some(data.duty_level.map(|d| i18n::duty_level(lang, d).to_owned()).unwrap_or_default()),
            Field::StaffNo if data.staff_no.is_empty() => Some(tr(lang, "import.staff_no_auto").to_owned()),
            _ => None,
        },
        Record::Post { data, .. } => match field {
            Field::Tier => Some(catalogue.tier_name(data.tier, lang).to_owned()),
            Field::Headcount => Some(data.headcount.to_string()),
            _ => None,
        },
        Record::Unit { kind, .. } => (field == Field::UnitKind).then(|| i18n::unit_kind(lang, *kind).to_owned()),
        Record::StandardRow { tier, .. } => (field == Field::Tier).then(|| catalogue.tier_name(*tier, lang).to_owned()),
    }
}

pub fn import_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(data) = &state.data else { return };
    let catalogue = &data.catalogue;
    let Some(page) = &mut state.import else { return };
    ui.label(RichText::new(i18n::fill(tr(lang, "import.title"), &[&page.file])).size(18.0).strong());
    ui.add_space(4.0);
    // 任免審批表 files have no sheets, kinds or header rows to choose.
    if !page.sheets.is_empty() {
        chooser(ui, lang, page, out);
        ui.add_space(4.0);
        header_row(ui, lang, &mut page.header_row, page.options.header_line.is_some(), out);
    }
    let Some(preview) = &mut page.preview else {
        let sheet = page.sheets.get(page.sheet).map_or(String::new(), |s| s.name.clone());
        let text =
            crate::messages::exchange_error(lang, &crate::exchange::ExchangeError::NoHeader { sheet, missing: page.missing.clone() });
        ui.label(RichText::new(text).color(ui.visuals().error_fg_color));
        if ui.button(tr(lang, "import.discard")).clicked() {
            out.push(Intent::Import(ImportIntent::DiscardImport));
        }
        return;
    };
    file_notes(ui, lang, preview, &page.options, out);
    actions(ui, lang, preview, &mut page.only_problems, out);
    ui.add_space(4.0);
    rows_table(ui, lang, catalogue, preview, page.only_problems);
}

/// Where the header is, and a way to say it is elsewhere.
fn header_row(ui: &mut Ui, lang: Lang, typed: &mut String, forced: bool, out: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "import.header_row"));
        let edit = ui.add(egui::TextEdit::singleline(typed).desired_width(48.0)).labelled_by(label.id);
        let apply =
            ui.button(tr(lang, "import.header_apply")).clicked() || (edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)));
        if apply && let Ok(line) = typed.trim().parse::<usize>() {
            out.push(Intent::Import(ImportIntent::SetHeaderRow(Some(line.max(1)))));
        }
        if forced && ui.button(tr(lang, "import.header_auto")).clicked() {
            typed.clear();
            out.push(Intent::Import(ImportIntent::SetHeaderRow(None)));
        }
    });
}

/// What the preview left out or had to decide: columns not imported, hidden columns, rows
/// skipped, and how each month column reads `YYYY.1` (with the choice where nothing decides).
fn file_notes(ui: &mut Ui, lang: Lang, preview: &Preview, options: &Options, out: &mut Vec<Intent>) {
    let separator = if lang == Lang::En { ", " } else { "、" };
    if !preview.unrecognised.is_empty() {
        let names: Vec<String> = preview.unrecognised.iter().map(|(letter, name)| format!("{name}（{letter}）")).collect();
        ui.label(RichText::new(i18n::fill(tr(lang, "cli.not_imported"), &[&names.join(separator)])).color(ui.visuals().warn_fg_color));
    }
    let hidden: Vec<(usize, String)> = preview
        .hidden_columns
        .iter()
        .map(|(c, f, l)| (*c, format!("{} ({l})", tr(lang, i18n::field_key(*f)))))
        .chain(options.hidden_columns_taken.iter().map(|c| (*c, crate::exchange::columns::letter(*c))))
        .collect();
    if !hidden.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label(tr(lang, "import.hidden_columns"));
            for (column, name) in hidden {
                let mut take = options.hidden_columns_taken.contains(&column);
                if ui.checkbox(&mut take, name).changed() {
                    out.push(Intent::Import(ImportIntent::TakeHiddenColumn { column, take }));
                }
            }
        });
    }
    for (field, reading) in &preview.months {
        ui.horizontal_wrapped(|ui| {
            let undecided = *reading == DotOneReading::Undecided;
            let text = format!("{}：{}", tr(lang, i18n::field_key(*field)), crate::messages::month_reading(lang, *reading));
            ui.label(if undecided { RichText::new(text).color(ui.visuals().error_fg_color) } else { RichText::new(text) });
            if undecided || matches!(reading, DotOneReading::Chosen(_)) {
                for (choice, key) in [(DotOne::January, "import.read_january"), (DotOne::October, "import.read_october")] {
                    if ui.selectable_label(*reading == DotOneReading::Chosen(choice), tr(lang, key)).clicked() {
                        out.push(Intent::Import(ImportIntent::SetDotOne { field: *field, choice }));
                    }
                }
            }
        });
    }
    let hidden_rows = preview.rows.iter().filter(|r| r.hidden).count();
    if hidden_rows > 0 {
        ui.label(RichText::new(i18n::fill(tr(lang, "import.hidden_rows"), &[&hidden_rows.to_string()])).weak());
    }
    if !preview.skipped.is_empty() {
        egui::CollapsingHeader::new(i18n::fill(tr(lang, "import.skipped"), &[&preview.skipped.len().to_string()]))
            .id_salt("import_skipped")
            .show(ui, |ui| {
                for (line, skip) in &preview.skipped {
                    ui.label(i18n::fill(tr(lang, "cli.skipped_row"), &[&line.to_string(), &crate::messages::skip_reason(lang, skip)]));
                }
            });
    }
}

fn chooser(ui: &mut Ui, lang: Lang, page: &ImportPage, out: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "import.kind"));
        ui.label_inputs_by(label.id, |ui| {
            egui::ComboBox::from_id_salt("import_kind").selected_text(tr(lang, &format!("exchange.sheet.{}", page.kind.word()))).show_ui(
                ui,
                |ui| {
                    for kind in Kind::ALL {
                        if ui.selectable_label(page.kind == kind, tr(lang, &format!("exchange.sheet.{}", kind.word()))).clicked() {
                            out.push(Intent::Import(ImportIntent::RebuildPreview { sheet: page.sheet, kind }));
                        }
                    }
                },
            )
        });
        if page.sheets.len() > 1 {
            let label = ui.label(tr(lang, "import.sheet"));
            ui.label_inputs_by(label.id, |ui| {
                let current = page.sheets.get(page.sheet).map_or("", |s| s.name.as_str());
                egui::ComboBox::from_id_salt("import_sheet").selected_text(current).show_ui(ui, |ui| {
                    for (index, sheet) in page.sheets.iter().enumerate() {
                        if ui.selectable_label(index == page.sheet, &sheet.name).clicked() {
                            out.push(Intent::Import(ImportIntent::RebuildPreview { sheet: index, kind: page.kind }));
                        }
                    }
                })
            });
        }
    });
}

fn actions(ui: &mut Ui, lang: Lang, preview: &Preview, only_problems: &mut bool, out: &mut Vec<Intent>) {
    let counts = preview.counts();
    let storing = counts.new + counts.changed;
    ui.label(i18n::fill(
        tr(lang, "import.counts"),
        &[
            &counts.new.to_string(),
            &counts.changed.to_string(),
            &counts.unchanged.to_string(),
            &counts.refused.to_string(),
            &counts.unselected.to_string(),
        ],
    ));
    if counts.refused > 0 {
        ui.label(
            RichText::new(i18n::fill(tr(lang, "service.rows_refused"), &[&counts.refused.to_string()])).color(ui.visuals().error_fg_color),
        );
    }
    ui.horizontal(|ui| {
        let commit = egui::Button::new(RichText::new(i18n::fill(tr(lang, "import.commit"), &[&storing.to_string()])).strong());
        if ui.add_enabled(counts.refused == 0 && storing > 0, commit).clicked() {
            out.push(Intent::Import(ImportIntent::CommitImport));
        }
        if ui.button(tr(lang, "import.untick_refused")).clicked() {
            out.push(Intent::Import(ImportIntent::SelectRows { all: false }));
        }
        if ui.button(tr(lang, "import.tick_all")).clicked() {
            out.push(Intent::Import(ImportIntent::SelectRows { all: true }));
        }
        ui.checkbox(only_problems, tr(lang, "import.only_problems"));
        if ui.button(tr(lang, "import.discard")).clicked() {
            out.push(Intent::Import(ImportIntent::DiscardImport));
        }
    });
}

fn rows_table(ui: &mut Ui, lang: Lang, catalogue: &Catalogue, preview: &mut Preview, only_problems: bool) {
    let shown: Vec<usize> = (0..preview.rows.len())
        .filter(|&i| !only_problems || !preview.rows[i].problems.is_empty() || !preview.rows[i].warnings.is_empty())
        .collect();
    let columns = preview.columns.clone();
    let mut builder =
        TableBuilder::new(ui).id_salt("import_rows").striped(true).cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    builder = builder.column(Column::exact(36.0)).column(Column::exact(44.0)).column(Column::exact(64.0));
    for _ in &columns {
        builder = builder.column(Column::initial(78.0).at_least(40.0).resizable(true).clip(true));
    }
    builder = builder.column(Column::remainder().at_least(200.0));
    builder
        .header(26.0, |mut header| {
            header.col(|ui| {
                ui.strong("✓");
            });
            header.col(|ui| {
                ui.strong(tr(lang, "import.line"));
            });
            header.col(|ui| {
                ui.strong(tr(lang, "field.status"));
            });
            for (field, letter) in &columns {
                header.col(|ui| {
                    ui.strong(format!("{letter} {}", tr(lang, i18n::field_key(*field))));
                });
            }
            header.col(|ui| {
                ui.strong(tr(lang, "import.problems"));
            });
        })
        .body(|body| {
            body.rows(24.0, shown.len(), |mut row| {
                let Some(&index) = shown.get(row.index()) else { return };
                let record = &mut preview.rows[index];
                let line = record.line;
                row.col(|ui| {
                    ui.name_inputs(i18n::fill(tr(lang, "import.keep_row"), &[&line.to_string()]), |ui| {
                        ui.checkbox(&mut record.selected, "")
                    });
                });
                row.col(|ui| {
                    ui.label(line.to_string());
                });
                let (text, color) = change_text(lang, record.change);
                row.col(|ui| {
                    ui.label(RichText::new(text).color(color));
                });
                for (position, (field, _)) in columns.iter().enumerate() {
                    let bad = record.problems.iter().any(|p| p.field == *field);
                    let stored = stored_text(lang, catalogue, record.record.as_ref(), *field);
                    row.col(|ui| {
                        let typed = record.cells.get(position).map_or("", |c| c.as_str());
                        let text = RichText::new(stored.as_deref().unwrap_or(typed));
                        let text = if bad { text.color(ui.visuals().error_fg_color).underline() } else { text };
                        ui.add(egui::Label::new(text).truncate());
                    });
                }
                let changes = record.changes.iter().map(|c| {
                    let (before, after) = if c.field == Field::IdNumber {
                        (mask_id(&c.before), mask_id(&c.after))
                    } else {
                        (c.before.clone(), c.after.clone())
                    };
                    format!("{}：{} → {}", tr(lang, i18n::field_key(c.field)), before, after)
                });
                let hidden = record.hidden.then(|| tr(lang, "import.row_hidden").to_owned());
                let messages: Vec<String> = record
                    .problems
                    .iter()
                    .map(|p| i18n::problem(lang, p))
                    .chain(record.warnings.iter().map(|w| format!("{} {}", tr(lang, "cli.warning"), i18n::problem(lang, w))))
                    .chain(hidden)
                    .chain(changes)
                    .collect();
                row.col(|ui| {
                    let color = if !record.problems.is_empty() {
                        ui.visuals().error_fg_color
                    } else if record.warnings.is_empty() {
                        ui.visuals().text_color()
                    } else {
                        ui.visuals().warn_fg_color
                    };
                    let text = messages.join(";");
                    let label = ui.add(egui::Label::new(RichText::new(&text).color(color)).truncate());
                    if !text.is_empty() {
                        label.on_hover_text(text);
                    }
                });
            });
        });
}
