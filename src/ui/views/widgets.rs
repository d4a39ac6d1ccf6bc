//! Pieces every page's forms share: a labelled grid row whose inputs carry the label's name
//! (for screen readers and tests) with the field's problems printed beneath, and choosers.

use super::super::theme::LABEL_WIDTH;
use crate::domain::problem::{Field, FieldProblem};
use crate::domain::{Lang, UnitId};
use crate::i18n;
use egui::{RichText, Ui};

/// Problems for `field`, in the user's language.
pub fn problems_for(lang: Lang, problems: &[FieldProblem], field: Field) -> Vec<String> {
    problems.iter().filter(|p| p.field == field).map(|p| i18n::problem_text(lang, &p.problem)).collect()
}

/// Where the window keeps how many times the user has asked for something (`State::asked`).
pub const ASKED: &str = "nengli.asked";

/// One labelled row of a form grid; the inputs `add` makes are named by the label. A problem
/// under the row goes once the user types in it, until they ask again (save, submit).
pub fn form_row<R>(ui: &mut Ui, lang: Lang, label: &str, field: Field, problems: &[FieldProblem], add: impl FnOnce(&mut Ui) -> R) -> R {
    let label = ui.add_sized([LABEL_WIDTH, 24.0], egui::Label::new(label).halign(egui::Align::RIGHT));
    let asked: u64 = ui.ctx().data(|d| d.get_temp(egui::Id::unique(ASKED)).unwrap_or(0));
    let typed_over = label.id.with(("typed over", asked));
    let result = ui
        .vertical(|ui| {
            let top = ui.cursor().min;
            let result = ui.label_inputs_by(label.id, add);
            let inputs = egui::Rect::from_min_max(top, egui::pos2(ui.max_rect().right(), ui.min_rect().bottom()));
            if typed_in(ui, inputs) {
                ui.ctx().data_mut(|d| d.insert_temp(typed_over, true));
            }
            if !ui.ctx().data(|d| d.get_temp::<bool>(typed_over).unwrap_or(false)) {
                for message in problems_for(lang, problems, field) {
                    ui.label(RichText::new(message).color(ui.visuals().error_fg_color).small());
                }
            }
            result
        })
        .inner;
    ui.end_row();
    result
}

/// Whether the user typed this frame into a field inside `area`.
fn typed_in(ui: &Ui, area: egui::Rect) -> bool {
    let typed = ui.input(|i| {
        i.events.iter().any(|e| {
            matches!(e, egui::Event::Text(_) | egui::Event::Paste(_))
                || matches!(e, egui::Event::Key { key: egui::Key::Backspace | egui::Key::Delete, pressed: true, .. })
        })
    });
    typed && ui.memory(|m| m.focused()).and_then(|id| ui.ctx().read_response(id)).is_some_and(|r| area.intersects(r.rect))
}

/// A year typed in a small labelled box: `true` when it changed to a year the programme knows.
pub fn year_field(ui: &mut Ui, label: egui::RichText, year: &mut i32) -> bool {
    let label = ui.label(label);
    let mut text = year.to_string();
    if ui.add(egui::TextEdit::singleline(&mut text).desired_width(60.0)).labelled_by(label.id).changed()
        && let Ok(y) = text.trim().parse::<i32>()
        && crate::service::YEARS.contains(&y)
    {
        *year = y;
        return true;
    }
    false
}

/// A single-line text input of the form's width.
pub fn line(ui: &mut Ui, text: &mut String, width: f32) -> egui::Response {
    ui.add(egui::TextEdit::singleline(text).desired_width(width).char_limit(2_000))
}

/// A multi-line text input.
pub fn para(ui: &mut Ui, text: &mut String, width: f32, rows: usize) -> egui::Response {
    ui.add(egui::TextEdit::multiline(text).desired_width(width).desired_rows(rows).char_limit(40_000))
}

/// A multi-line text input as wide as the room left, up to `max`: a narrow window (1024 px)
/// gets a box that ends inside it.
pub fn para_upto(ui: &mut Ui, text: &mut String, max: f32, rows: usize) -> egui::Response {
    let width = ui.available_width().min(max);
    para(ui, text, width, rows)
}

/// A drop-down over `choices`, with `none` as the label of "nothing chosen" when given.
pub fn choose<T: Copy + PartialEq>(
    ui: &mut Ui,
    id: &str,
    value: &mut Option<T>,
    choices: &[(T, String)],
    none: Option<&str>,
    width: f32,
) -> bool {
    let selected = value
        .and_then(|v| choices.iter().find(|c| c.0 == v))
        .map(|c| c.1.trim_start_matches('　').to_owned())
        .or(none.map(str::to_owned))
        .unwrap_or_default();
    let before = *value;
    egui::ComboBox::from_id_salt(id).selected_text(selected).width(width).height(420.0).show_ui(ui, |ui| {
        if let Some(none) = none {
            ui.selectable_value(value, None, none);
        }
        for (choice, label) in choices {
            ui.selectable_value(value, Some(*choice), label);
        }
    });
    before != *value
}

/// The units as drop-down choices, indented by depth, retired ones left out unless `keep`.
pub fn unit_choices(data: &super::super::state::Data, keep: Option<UnitId>) -> Vec<(UnitId, String)> {
    data.unit_tree
        .iter()
        .filter_map(|&(depth, id)| {
            let unit = data.unit(id)?;
            (!unit.retired || Some(id) == keep).then(|| (id, format!("{}{}", "　".repeat(depth), unit.name)))
        })
        .collect()
}

/// In a wrapping row, starts a new row unless `width` is left on this one: a label and the field
/// after it then wrap together instead of parting at the window's edge.
pub fn keep_room(ui: &mut Ui, width: f32) {
    if ui.available_size_before_wrap().x < width {
        ui.end_row();
    }
}

/// The width of a page's list beside its detail: a share of the room, so in a narrow window
/// (1024 px) the detail keeps enough of it for its fields.
pub fn list_width(ui: &Ui) -> f32 {
    (ui.available_width() * 0.3).clamp(240.0, 320.0)
}

/// The width of `text` on one line in the body font.
pub fn text_width(ui: &Ui, text: &str) -> f32 {
    ui.painter().layout_no_wrap(text.to_owned(), egui::TextStyle::Body.resolve(ui.style()), egui::Color32::WHITE).size().x
}

/// A label cut with "…" to the room left on its row (in full on hover), so a long line in a
/// list's row or a narrow column does not widen it and push what is beside it off the window.
pub fn cut_label(ui: &mut Ui, text: RichText) -> egui::Response {
    let whole = text.text().to_owned();
    ui.add(egui::Label::new(text).truncate()).on_hover_text(whole)
}

/// A one-line label in a cell of fixed width, left-aligned and cut with "…" when longer (a grid
/// column keeps its width whatever the text).
pub fn fixed_label(ui: &mut Ui, width: f32, text: &str) -> egui::Response {
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(egui::vec2(width, 20.0), layout, |ui| {
        ui.set_min_width(width);
        ui.add(egui::Label::new(text).truncate())
    })
    .inner
}

/// A line of a list: its name in bold, its texts, and a Delete button when `removable`;
/// true when Delete was clicked.
pub fn removable_line(ui: &mut Ui, lang: Lang, name: &str, texts: &[&str], removable: bool) -> bool {
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(name).strong());
        for text in texts {
            ui.label(*text);
        }
        removable && ui.small_button(crate::i18n::tr(lang, "action.delete")).clicked()
    })
    .inner
}

/// A section heading with space above.
pub fn section(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).heading().size(17.0));
    ui.add_space(2.0);
}

/// A level 1–5 drop-down named `name`: the closed box shows the level and its short name
/// ("3 熟練運用", the descriptor up to its colon), the list the whole descriptor.
pub fn level_combo(ui: &mut Ui, name: &str, level: &mut Option<u8>, descriptor: impl Fn(u8) -> String, enabled: bool) {
    let short = |l: u8| {
        let text = descriptor(l);
        let cut = text.find([':', '：']).unwrap_or(text.len());
        format!("{l} {}", &text[..cut])
    };
    let selected = level.map_or_else(|| "—".to_owned(), short);
    ui.add_enabled_ui(enabled, |ui| {
        ui.name_inputs(name, |ui| {
            // Cut to the box's width: a picked level's words must not widen the column and push
            // the fields beside it off the edge.
            egui::ComboBox::from_id_salt(name).selected_text(selected).width(124.0).truncate().show_ui(ui, |ui| {
                ui.selectable_value(level, None, "—");
                for l in 1..=5u8 {
                    ui.selectable_value(level, Some(l), format!("{l} {}", descriptor(l)));
                }
            });
        });
    });
}

/// A day typed as YYYY-MM-DD, with the format shown beside it (a hint inside the box would
/// take the place of the field's name for screen readers).
pub fn date_field(ui: &mut Ui, text: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        let response = ui.add(egui::TextEdit::singleline(text).desired_width(110.0).char_limit(20));
        ui.label(RichText::new("YYYY-MM-DD").small().weak());
        response
    })
    .inner
}

/// A session or study type's name in the user's language (its code when unknown).
pub fn kind_name(kinds: &[crate::domain::training::Kind], lang: Lang, code: &str) -> String {
    kinds.iter().find(|k| k.code == code).map_or(code.to_owned(), |k| k.name.get(lang).to_owned())
}
