//! The Roster page: a filter bar, the virtualised, sortable table of officials (only the
//! visible rows are laid out, so 30,000 rows cost what 30 do), keyboard navigation, and the
//! detail form of the chosen official with their 任免審批表, standing (處分, 立案審查, leave,
//! probation, secondment) and 能力席位書.

use super::widgets::{choose, form_row, keep_room, line, para, problems_for, unit_choices};
use crate::domain::catalogue::{Gender, OfficialStatus, RankTier};
use crate::domain::problem::Field;
use crate::domain::ranks::{DutyLevel, Rank};
use crate::domain::roster::Column as Col;
use crate::domain::standards::{LEVELS, SeatData, SeatStatus};
use crate::domain::{Lang, OfficialId, PostId};
use crate::i18n::{self, tr};
use crate::service::Command;
use crate::service::command::{RosterCommand, StandardsCommand};
use crate::service::printing::{Printout, Scope};
use crate::ui::intent::Intent;
use crate::ui::intent::{PrintIntent, RosterIntent};
use crate::ui::state::{Data, RosterPage, State};
use egui::{Key, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Height of one roster row in points.
pub const ROW_HEIGHT: f32 = 24.0;

pub fn roster_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let admin = state.is_admin();
    let Some(data) = &state.data else { return };
    let page = &mut state.roster;
    egui::Panel::right("official_detail").resizable(true).default_size(340.0).min_size(320.0).show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("detail_scroll").show(ui, |ui| {
            detail_ui(ui, lang, data, page, out);
            cadre_ui(ui, lang, page, out);
            standing_ui(ui, lang, admin, page, out);
            consequences_ui(ui, lang, page);
            seat_ui(ui, lang, data, page, out);
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        filter_bar(ui, lang, data, page, out);
        ui.add_space(4.0);
        keyboard(ui, data, page, out);
        // Columns wider than a narrow window scroll sideways instead of being cut off.
        egui::ScrollArea::horizontal().id_salt("roster_sideways").show(ui, |ui| table(ui, lang, data, page, out));
    });
}

fn filter_bar(ui: &mut Ui, lang: Lang, data: &Data, page: &mut RosterPage, out: &mut Vec<Intent>) {
    let mut changed = false;
    // Both rows wrap: in a narrow window (1024 px, English) the count and the filters move to
    // the next line rather than under the detail panel.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(tr(lang, "roster.search"));
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut page.filter_text)
                    .hint_text(tr(lang, "roster.search_hint"))
                    .desired_width(200.0)
                    .char_limit(200),
            )
            .labelled_by(label.id);
        if page.focus_filter {
            search.request_focus();
            page.focus_filter = false;
        }
        changed |= search.changed();
        // Whole, on this line or the next: never split across the two.
        ui.add(
            egui::Label::new(
                RichText::new(i18n::fill(
                    tr(lang, "roster.count"),
                    &[&data.roster_visible.len().to_string(), &data.roster.len().to_string()],
                ))
                .weak(),
            )
            .extend(),
        );
        if ui.button(tr(lang, "roster.new")).on_hover_text("Ctrl+N").clicked() {
            out.push(Intent::Roster(RosterIntent::NewOfficial));
        }
    });
    // Each label stays with its chooser when the row wraps.
    ui.horizontal_wrapped(|ui| {
        ui.horizontal(|ui| {
            ui.label(tr(lang, "field.unit"));
            changed |= ui.name_inputs(tr(lang, "roster.filter_unit"), |ui| {
                let choices = unit_choices(data, page.filter_unit);
                choose(ui, "filter_unit", &mut page.filter_unit, &choices, Some(tr(lang, "roster.all")), 180.0)
            });
        });
        let tiers: Vec<(RankTier, String)> = RankTier::ALL.iter().map(|t| (*t, data.catalogue.tier_name(*t, lang).to_owned())).collect();
        keep_room(ui, 220.0);
        ui.horizontal(|ui| {
            ui.label(tr(lang, "field.tier"));
            changed |= ui.name_inputs(tr(lang, "roster.filter_tier"), |ui| {
                choose(ui, "filter_tier", &mut page.filter_tier, &tiers, Some(tr(lang, "roster.all")), 120.0)
            });
        });
        let statuses: Vec<(OfficialStatus, String)> = OfficialStatus::ALL.iter().map(|s| (*s, i18n::status(lang, *s).to_owned())).collect();
        keep_room(ui, 160.0);
        ui.horizontal(|ui| {
            ui.label(tr(lang, "field.status"));
            changed |= ui.name_inputs(tr(lang, "roster.filter_status"), |ui| {
                choose(ui, "filter_status", &mut page.filter_status, &statuses, Some(tr(lang, "roster.all")), 90.0)
            });
        });
    });
    if changed {
        out.push(Intent::Roster(RosterIntent::RosterFilterChanged));
    }
}

/// Up/Down/Home/End move the selection when no text field has the keyboard.
fn keyboard(ui: &Ui, data: &Data, page: &mut RosterPage, out: &mut Vec<Intent>) {
    if ui.ctx().egui_wants_keyboard_input() || data.roster_visible.is_empty() {
        return;
    }
    let last = data.roster_visible.len() - 1;
    let current = page.selected.and_then(|id| data.roster_visible.iter().position(|&i| data.roster[i as usize].id == id));
    let target = ui.input(|i| {
        if i.key_pressed(Key::ArrowDown) {
            Some(current.map_or(0, |c| (c + 1).min(last)))
        } else if i.key_pressed(Key::ArrowUp) {
            Some(current.map_or(0, |c| c.saturating_sub(1)))
        } else if i.key_pressed(Key::PageDown) {
            Some(current.map_or(0, |c| (c + 20).min(last)))
        } else if i.key_pressed(Key::PageUp) {
            Some(current.map_or(0, |c| c.saturating_sub(20)))
        } else if i.key_pressed(Key::Home) {
            Some(0)
        } else if i.key_pressed(Key::End) {
            Some(last)
        } else {
            None
        }
    });
    if let Some(target) = target.filter(|t| Some(*t) != current) {
        out.push(Intent::Roster(RosterIntent::SelectOfficial(Some(data.roster[data.roster_visible[target] as usize].id))));
        page.scroll_to_selected = true;
    }
}

fn column_key(column: Col) -> &'static str {
    match column {
        Col::StaffNo => "column.staff_no",
        Col::Name => "field.name",
        Col::Gender => "field.gender",
        Col::Birth => "column.birth",
        Col::Unit => "field.unit",
        Col::Post => "field.post",
        Col::Tier => "field.tier",
        Col::PositionTitle => "column.position",
        Col::Status => "field.status",
    }
}

/// Width of `text` in the body font.
fn text_width(ui: &Ui, text: &str) -> f32 {
    egui::WidgetText::from(text).into_galley(ui, Some(egui::TextWrapMode::Extend), f32::INFINITY, egui::TextStyle::Body).size().x
}

/// Column widths that fit the header and the longest usual value in the user's language;
/// unit and post share what is left.
fn column_widths(ui: &Ui, lang: Lang, data: &Data) -> [f32; 9] {
    let padding = 16.0;
    let fit = |column: Col, samples: &[&str]| {
        let header = text_width(ui, &format!("{} ▲", tr(lang, column_key(column))));
        samples.iter().map(|s| text_width(ui, s)).fold(header, f32::max) + padding
    };
    let tiers: Vec<&str> = RankTier::ALL.iter().map(|t| data.catalogue.tier_name(*t, lang)).collect();
    let genders: Vec<&str> = Gender::ALL.iter().map(|g| i18n::gender(lang, *g)).collect();
    let statuses: Vec<&str> = OfficialStatus::ALL.iter().map(|s| i18n::status(lang, *s)).collect();
    let mut widths = [
        fit(Col::StaffNo, &["GS00000"]),
        fit(Col::Name, &["歐陽婉清"]),
        fit(Col::Gender, &genders),
        fit(Col::Birth, &["0000.00"]),
        0.0,
        0.0,
        fit(Col::Tier, &tiers),
        fit(Col::PositionTitle, &["副主任科員"]),
        fit(Col::Status, &statuses),
    ];
    let rest = (ui.available_width() - widths.iter().sum::<f32>() - 8.0 * ui.spacing().item_spacing.x).max(140.0);
    widths[4] = rest / 2.0;
    widths[5] = rest / 2.0;
    widths
}

fn table(ui: &mut Ui, lang: Lang, data: &Data, page: &mut RosterPage, out: &mut Vec<Intent>) {
    let widths = column_widths(ui, lang, data);
    let mut builder = TableBuilder::new(ui)
        .id_salt(("roster_table", lang))
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
    for width in &widths[..widths.len() - 1] {
        builder = builder.column(Column::initial(*width).at_least(36.0).resizable(true).clip(true));
    }
    builder = builder.column(Column::remainder().at_least(60.0));
    if page.scroll_to_selected {
        page.scroll_to_selected = false;
        if let Some(pos) = page.selected.and_then(|id| data.roster_visible.iter().position(|&i| data.roster[i as usize].id == id)) {
            builder = builder.scroll_to_row(pos, None);
        }
    }
    builder
        .header(28.0, |mut header| {
            for column in Col::ALL {
                header.col(|ui| {
                    let arrow = match (page.sort.column == column, page.sort.ascending) {
                        (true, true) => " ▲",
                        (true, false) => " ▼",
                        (false, _) => "",
                    };
                    let label = format!("{}{arrow}", tr(lang, column_key(column)));
                    if ui
                        .add(egui::Button::new(RichText::new(label).strong()).frame(false))
                        .on_hover_text(tr(lang, "roster.sort_hint"))
                        .clicked()
                    {
                        out.push(Intent::Roster(RosterIntent::SortRoster(column)));
                    }
                });
            }
        })
        .body(|body| {
            body.rows(ROW_HEIGHT, data.roster_visible.len(), |mut row| {
                let Some(r) = data.roster_visible.get(row.index()).and_then(|&i| data.roster.get(i as usize)) else { return };
                row.set_selected(page.selected == Some(r.id));
                let cells: [&str; 9] = [
                    &r.staff_no,
                    &r.name,
                    i18n::gender(lang, r.gender),
                    &r.birth.to_string(),
                    &r.unit_name,
                    &r.post_title,
                    data.catalogue.tier_name(r.tier, lang),
                    &r.position_title,
                    i18n::status(lang, r.status),
                ];
                for text in cells {
                    row.col(|ui| {
                        ui.add(egui::Label::new(text).truncate().selectable(false));
                    });
                }
                if row.response().clicked() {
                    out.push(Intent::Roster(RosterIntent::SelectOfficial(Some(r.id))));
                }
            });
        });
}

fn detail_ui(ui: &mut Ui, lang: Lang, data: &Data, page: &mut RosterPage, out: &mut Vec<Intent>) {
    let Some((id, draft)) = &mut page.form else {
        ui.add_space(12.0);
        ui.label(RichText::new(tr(lang, "roster.pick")).weak());
        return;
    };
    let id = *id;
    let problems = page.problems.clone();
    ui.add_space(6.0);
    ui.label(RichText::new(tr(lang, if id.is_some() { "roster.detail" } else { "roster.new_title" })).size(17.0).strong());
    ui.add_space(4.0);
    let width = 220.0;
    let genders: Vec<(Gender, String)> = Gender::ALL.iter().map(|g| (*g, i18n::gender(lang, *g).to_owned())).collect();
    let tiers: Vec<(RankTier, String)> = RankTier::ALL.iter().map(|t| (*t, data.catalogue.tier_name(*t, lang).to_owned())).collect();
    let duty_levels: Vec<(DutyLevel, String)> = DutyLevel::ALL.iter().map(|d| (*d, i18n::duty_level(lang, *d).to_owned())).collect();
    let ranks: Vec<(Rank, String)> = Rank::ALL.iter().map(|r| (*r, i18n::rank(lang, *r).to_owned())).collect();
    let statuses: Vec<(OfficialStatus, String)> = OfficialStatus::ALL.iter().map(|s| (*s, i18n::status(lang, *s).to_owned())).collect();
    let posts: Vec<(PostId, String)> = data
        .posts
        .iter()
        .filter(|p| Some(p.unit) == draft.unit && (!p.retired || Some(p.id) == draft.post))
        .map(|p| (p.id, p.title.clone()))
        .collect();
    if let Some(id) = id {
        photo_ui(ui, lang, id, &mut page.photo, out);
    }
    egui::Grid::new("official_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        form_row(ui, lang, tr(lang, "field.staff_no"), Field::StaffNo, &problems, |ui| line(ui, &mut draft.staff_no, width));
        form_row(ui, lang, tr(lang, "field.name"), Field::Name, &problems, |ui| line(ui, &mut draft.name, width));
        form_row(ui, lang, tr(lang, "field.gender"), Field::Gender, &problems, |ui| {
            choose(ui, "gender", &mut draft.gender, &genders, None, 100.0)
        });
        form_row(ui, lang, tr(lang, "field.birth"), Field::Birth, &problems, |ui| {
            ui.horizontal(|ui| {
                line(ui, &mut draft.birth, 100.0);
                ui.label(RichText::new(tr(lang, "hint.year_month")).weak());
            })
        });
        form_row(ui, lang, tr(lang, "field.political"), Field::Political, &problems, |ui| line(ui, &mut draft.political, width));
        form_row(ui, lang, tr(lang, "field.education"), Field::Education, &problems, |ui| line(ui, &mut draft.education, width));
        form_row(ui, lang, tr(lang, "field.duty_level"), Field::DutyLevel, &problems, |ui| {
            choose(ui, "duty_level", &mut draft.duty_level, &duty_levels, Some(tr(lang, "duty.none")), width)
        });
        form_row(ui, lang, tr(lang, "field.duty_since"), Field::DutySince, &problems, |ui| since_line(ui, lang, &mut draft.duty_since));
        form_row(ui, lang, tr(lang, "field.rank"), Field::Rank, &problems, |ui| {
            choose(ui, "rank", &mut draft.rank, &ranks, Some(tr(lang, "rank.none")), width)
        });
        form_row(ui, lang, tr(lang, "field.rank_since"), Field::RankSince, &problems, |ui| since_line(ui, lang, &mut draft.rank_since));
        form_row(ui, lang, tr(lang, "field.grade"), Field::Grade, &problems, |ui| line(ui, &mut draft.grade, width));
        form_row(ui, lang, tr(lang, "field.tier"), Field::Tier, &problems, |ui| {
            let derived = data.tier_mapping.derive(draft.duty_level, draft.rank);
            let automatic = match derived {
                Some(tier) => i18n::fill(tr(lang, "roster.tier_derived"), &[data.catalogue.tier_name(tier, lang)]),
                None => tr(lang, "roster.tier_unknown").to_owned(),
            };
            choose(ui, "tier", &mut draft.tier_override, &tiers, Some(&automatic), width)
        });
        form_row(ui, lang, tr(lang, "field.position_title"), Field::PositionTitle, &problems, |ui| {
            line(ui, &mut draft.position_title, width)
        });
        form_row(ui, lang, tr(lang, "field.unit"), Field::Unit, &problems, |ui| {
            let choices = unit_choices(data, draft.unit);
            choose(ui, "unit", &mut draft.unit, &choices, None, width)
        });
        form_row(ui, lang, tr(lang, "field.post"), Field::Post, &problems, |ui| {
            choose(ui, "post", &mut draft.post, &posts, Some(tr(lang, "roster.no_post")), width)
        });
        form_row(ui, lang, tr(lang, "field.post_since"), Field::PostSince, &problems, |ui| since_line(ui, lang, &mut draft.post_since));
        form_row(ui, lang, tr(lang, "field.status"), Field::Status, &problems, |ui| {
            if draft.status.is_none() {
                draft.status = Some(OfficialStatus::Active);
            }
            choose(ui, "status", &mut draft.status, &statuses, None, 100.0)
        });
    });
    ui.add_space(4.0);
    let open = [Field::Ethnicity, Field::NativePlace, Field::Birthplace, Field::IdNumber, Field::WorkSince, Field::PartySince]
        .iter()
        .chain(&[Field::Degree, Field::School, Field::InserviceEducation, Field::InserviceDegree, Field::InserviceSchool, Field::Health])
        .any(|f| problems.iter().any(|p| p.field == *f));
    egui::CollapsingHeader::new(tr(lang, "roster.cadre_record")).id_salt("cadre_record").open(open.then_some(true)).show(ui, |ui| {
        let i = &mut draft.identity;
        egui::Grid::new("cadre_record_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let rows: [(Field, &mut String); 12] = [
                (Field::Ethnicity, &mut i.ethnicity),
                (Field::NativePlace, &mut i.native_place),
                (Field::Birthplace, &mut i.birthplace),
                (Field::IdNumber, &mut i.id_number),
                (Field::WorkSince, &mut i.work_since),
                (Field::PartySince, &mut i.party_since),
                (Field::Degree, &mut i.degree),
                (Field::School, &mut i.school),
                (Field::InserviceEducation, &mut i.inservice_education),
                (Field::InserviceDegree, &mut i.inservice_degree),
                (Field::InserviceSchool, &mut i.inservice_school),
                (Field::Health, &mut i.health),
            ];
            for (field, text) in rows {
                form_row(ui, lang, tr(lang, i18n::field_key(field)), field, &problems, |ui| line(ui, text, width));
            }
        });
    });
    for message in problems_for(lang, &problems, Field::Record) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
    ui.add_space(8.0);
    let save_shortcut = ui.input_mut(|i| i.consume_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, Key::S)));
    ui.horizontal(|ui| {
        if ui.button(RichText::new(tr(lang, "action.save")).strong()).on_hover_text("Ctrl+S").clicked() || save_shortcut {
            out.push(Intent::Do(match id {
                Some(id) => Command::Roster(RosterCommand::UpdateOfficial { id, draft: draft.clone() }),
                None => Command::Roster(RosterCommand::CreateOfficial(draft.clone())),
            }));
        }
        match id {
            Some(id) => {
                if ui.button(tr(lang, "action.revert")).clicked() {
                    out.push(Intent::Roster(RosterIntent::SelectOfficial(Some(id))));
                }
                if ui.button(tr(lang, "roster.delete")).clicked() {
                    let question = i18n::fill(tr(lang, "confirm.delete_official"), &[&draft.name, &draft.staff_no]);
                    out.push(Intent::AskConfirm {
                        question,
                        then: Box::new(Intent::Do(Command::Roster(RosterCommand::DeleteOfficial { id }))),
                    });
                }
            }
            None => {
                if ui.button(tr(lang, "action.cancel")).clicked() {
                    out.push(Intent::Roster(RosterIntent::SelectOfficial(None)));
                }
            }
        }
    });
}

/// The selected official's 任免審批表: 簡歷 a period a line, the family members, the form's other
/// boxes; saved as one record, exported as a `.lrmx` and printed.
fn cadre_ui(ui: &mut Ui, lang: Lang, page: &mut RosterPage, out: &mut Vec<Intent>) {
    let (Some(id), Some(form)) = (page.selected, &mut page.cadre) else { return };
    let problems = &page.problems;
    let open = problems.iter().any(|p| matches!(p.field, Field::Resume | Field::Family | Field::Rewards | Field::Appointment));
    let width = 220.0;
    ui.add_space(4.0);
    egui::CollapsingHeader::new(tr(lang, "roster.cadre_form")).id_salt("cadre_form").open(open.then_some(true)).show(ui, |ui| {
        let label = ui.label(tr(lang, "field.resume"));
        ui.add(egui::TextEdit::multiline(&mut form.resume).desired_width(300.0).desired_rows(5).hint_text(tr(lang, "roster.resume_hint")))
            .labelled_by(label.id);
        for message in problems_for(lang, problems, Field::Resume) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
        ui.add_space(4.0);
        ui.label(RichText::new(tr(lang, "cadre.family")).strong());
        let keys = ["cadre.relation", "field.name", "cadre.family_birth", "field.political", "cadre.work"];
        for (index, member) in form.record.family.iter_mut().enumerate() {
            egui::Grid::new(("family_member", index)).num_columns(2).spacing([8.0, 2.0]).show(ui, |ui| {
                let fields = [&mut member.relation, &mut member.name, &mut member.birth, &mut member.political, &mut member.work];
                for (key, text) in keys.iter().zip(fields) {
                    let label = ui.label(tr(lang, key));
                    line(ui, text, width).labelled_by(label.id);
                    ui.end_row();
                }
            });
            if ui.button(tr(lang, "roster.family_remove")).clicked() {
                out.push(Intent::Roster(RosterIntent::RemoveFamilyMember(index)));
            }
            ui.separator();
        }
        if ui.button(tr(lang, "roster.family_add")).clicked() {
            out.push(Intent::Roster(RosterIntent::AddFamilyMember));
        }
        for message in problems_for(lang, problems, Field::Family) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
        }
        ui.add_space(4.0);
        let r = &mut form.record;
        egui::Grid::new("cadre_boxes").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            let lines: [(&str, &mut String); 11] = [
                ("cadre.professional", &mut r.professional_title),
                ("cadre.speciality", &mut r.speciality),
                ("roster.degree_school", &mut r.degree_school),
                ("roster.inservice_degree_school", &mut r.inservice_degree_school),
                ("cadre.current", &mut r.current_post),
                ("cadre.proposed", &mut r.proposed_post),
                ("cadre.removal", &mut r.proposed_removal),
                ("cadre.reporting", &mut r.reporting_unit),
                ("cadre.filled_by", &mut r.filled_by),
                ("roster.age_date", &mut r.age_date),
                ("roster.filled_on", &mut r.filled_on),
            ];
            for (key, text) in lines {
                form_row(ui, lang, tr(lang, key), Field::Appointment, &[], |ui| line(ui, text, width));
            }
            let boxes: [(&str, Field, &mut String); 3] = [
                ("field.rewards", Field::Rewards, &mut r.rewards),
                ("cadre.assessment", Field::Appointment, &mut r.assessment),
                ("cadre.reason", Field::Appointment, &mut r.reason),
            ];
            for (key, field, text) in boxes {
                form_row(ui, lang, tr(lang, key), field, &[], |ui| para(ui, text, width, 2));
            }
        });
        for field in [Field::Rewards, Field::Appointment] {
            for message in problems_for(lang, problems, field) {
                ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
            }
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button(RichText::new(tr(lang, "roster.save_cadre")).strong()).clicked() {
                out.push(Intent::Do(Command::Roster(RosterCommand::SetCadre { id, record: Box::new(form.record()) })));
            }
            if ui.button(tr(lang, "roster.export_lrmx")).clicked() {
                out.push(Intent::Roster(RosterIntent::ExportCadre(id)));
            }
            if ui.button(tr(lang, "roster.print_appointment")).clicked() {
                out.push(Intent::Print(PrintIntent::Print(Printout::AppointmentForms { scope: Scope::Official(id), staff: Vec::new() })));
            }
        });
    });
}

/// A drop-down over a vocabulary, each entry named by its text key `prefix.code`.
fn vocabulary<T: Copy + PartialEq>(ui: &mut Ui, lang: Lang, id: &str, value: &mut Option<T>, all: &[T], key: impl Fn(T) -> String) {
    let choices: Vec<(T, String)> = all.iter().map(|v| (*v, tr(lang, &key(*v)).to_owned())).collect();
    choose(ui, id, value, &choices, Some("—"), 150.0);
}

/// The selected official's standing as the year-end rules read it: 處分 and 組織處理, 立案審查,
/// leave days by kind and year, the end of probation, secondment months. The personnel section
/// edits it; others read it.
fn standing_ui(ui: &mut Ui, lang: Lang, admin: bool, page: &mut RosterPage, out: &mut Vec<Intent>) {
    use crate::domain::standing::{CaseDraft, LeaveDraft, LeaveKind, Outcome, SanctionDraft, SanctionKind, SecondmentDraft};
    let (Some(id), Some(draft)) = (page.selected, &mut page.standing) else { return };
    let open = page.problems.iter().any(|p| matches!(p.field, Field::Record | Field::Status));
    ui.add_space(4.0);
    egui::CollapsingHeader::new(tr(lang, "standing.title")).id_salt("standing").open(open.then_some(true)).show(ui, |ui| {
        ui.add_enabled_ui(admin, |ui| {
            ui.label(RichText::new(tr(lang, "standing.sanctions")).strong());
            let mut remove = None;
            for (i, s) in draft.sanctions.iter_mut().enumerate() {
                egui::Grid::new(("sanction", i)).num_columns(2).spacing([8.0, 2.0]).show(ui, |ui| {
                    ui.label(tr(lang, "standing.kind"));
                    ui.name_inputs(tr(lang, "standing.kind"), |ui| {
                        vocabulary(ui, lang, &format!("sanction_kind_{i}"), &mut s.kind, SanctionKind::ALL, |k| {
                            format!("sanction.{}", k.code())
                        })
                    });
                    ui.end_row();
                    let label = ui.label(tr(lang, "standing.doc_no"));
                    line(ui, &mut s.doc_no, 180.0).labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(tr(lang, "standing.effective"));
                    super::widgets::date_field(ui, &mut s.effective).labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(tr(lang, "standing.ends"));
                    super::widgets::date_field(ui, &mut s.ends).labelled_by(label.id);
                    ui.end_row();
                });
                if ui.small_button(tr(lang, "action.delete")).clicked() {
                    remove = Some(i);
                }
                ui.separator();
            }
            if let Some(i) = remove {
                draft.sanctions.remove(i);
            }
            if ui.button(tr(lang, "standing.add_sanction")).clicked() {
                draft.sanctions.push(SanctionDraft::default());
            }
            ui.add_space(4.0);
            ui.label(RichText::new(tr(lang, "standing.cases")).strong());
            let mut remove = None;
            for (i, c) in draft.cases.iter_mut().enumerate() {
                egui::Grid::new(("case", i)).num_columns(2).spacing([8.0, 2.0]).show(ui, |ui| {
                    let label = ui.label(tr(lang, "standing.opened"));
                    super::widgets::date_field(ui, &mut c.opened).labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(tr(lang, "standing.closed"));
                    super::widgets::date_field(ui, &mut c.closed).labelled_by(label.id);
                    ui.end_row();
                    ui.label(tr(lang, "standing.outcome"));
                    ui.name_inputs(tr(lang, "standing.outcome"), |ui| {
                        vocabulary(ui, lang, &format!("case_outcome_{i}"), &mut c.outcome, Outcome::ALL, |o| {
                            format!("outcome.{}", o.code())
                        })
                    });
                    ui.end_row();
                });
                if ui.small_button(tr(lang, "action.delete")).clicked() {
                    remove = Some(i);
                }
                ui.separator();
            }
            if let Some(i) = remove {
                draft.cases.remove(i);
            }
            if ui.button(tr(lang, "standing.add_case")).clicked() {
                draft.cases.push(CaseDraft::default());
            }
            ui.add_space(4.0);
            ui.label(RichText::new(tr(lang, "standing.leave")).strong());
            let mut remove = None;
            for (i, l) in draft.leave.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    let label = ui.label(tr(lang, "standing.year"));
                    ui.add(egui::TextEdit::singleline(&mut l.year).desired_width(48.0).char_limit(6)).labelled_by(label.id);
                    ui.name_inputs(tr(lang, "standing.leave_kind"), |ui| {
                        vocabulary(ui, lang, &format!("leave_kind_{i}"), &mut l.kind, LeaveKind::ALL, |k| format!("leave.{}", k.code()))
                    });
                    let label = ui.label(tr(lang, "standing.days"));
                    ui.add(egui::TextEdit::singleline(&mut l.days).desired_width(40.0).char_limit(6)).labelled_by(label.id);
                    if ui.small_button(tr(lang, "action.delete")).clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                draft.leave.remove(i);
            }
            if ui.button(tr(lang, "standing.add_leave")).clicked() {
                draft.leave.push(LeaveDraft { kind: Some(LeaveKind::Sick), ..Default::default() });
            }
            ui.add_space(4.0);
            ui.label(RichText::new(tr(lang, "standing.secondments")).strong());
            let mut remove = None;
            for (i, s) in draft.secondments.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    let label = ui.label(tr(lang, "standing.year"));
                    ui.add(egui::TextEdit::singleline(&mut s.year).desired_width(48.0).char_limit(6)).labelled_by(label.id);
                    let label = ui.label(tr(lang, "standing.months"));
                    ui.add(egui::TextEdit::singleline(&mut s.months).desired_width(32.0).char_limit(4)).labelled_by(label.id);
                    if ui.small_button(tr(lang, "action.delete")).clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                draft.secondments.remove(i);
            }
            if ui.button(tr(lang, "standing.add_secondment")).clicked() {
                draft.secondments.push(SecondmentDraft::default());
            }
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "standing.probation_ends"));
                super::widgets::date_field(ui, &mut draft.probation_ends).labelled_by(label.id);
            });
            for field in [Field::Record, Field::Status, Field::Year] {
                for message in problems_for(lang, &page.problems, field) {
                    ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
                }
            }
            if admin && ui.button(RichText::new(tr(lang, "standing.save")).strong()).clicked() {
                out.push(Intent::Roster(RosterIntent::SaveStanding(id)));
            }
        });
    });
}

/// What the selected official's grades bring (結果運用), as read when they were chosen.
fn consequences_ui(ui: &mut Ui, lang: Lang, page: &RosterPage) {
    let (Some(_), Some((year, consequences))) = (page.selected, &page.consequences) else { return };
    ui.add_space(8.0);
    ui.label(RichText::new(i18n::fill(tr(lang, "consequence.person"), &[&year.to_string()])).strong());
    ui.label(RichText::new(super::yearend::consequence_line(lang, consequences)).small());
}

/// The selected official's 能力席位書 for the programme year: levels from the post's standard,
/// the 工作格言 and commitments, and the draft → submitted → confirmed workflow.
fn seat_ui(ui: &mut Ui, lang: Lang, data: &Data, page: &mut RosterPage, out: &mut Vec<Intent>) {
    let Some(official) = page.selected else { return };
    let year = data.bureau.year;
    ui.add_space(12.0);
    ui.separator();
    ui.label(RichText::new(i18n::fill(tr(lang, "seat.title"), &[&year.to_string()])).size(17.0).strong());
    let stored = data.seats.get(&official).map(|s| &s.data);
    let Some(seat) = &mut page.seat else {
        ui.label(RichText::new(tr(lang, "seat.none")).weak());
        if ui.button(tr(lang, "seat.draft")).clicked() {
            out.push(Intent::Roster(RosterIntent::DraftSeat));
        }
        return;
    };
    let status = stored.map_or(SeatStatus::Draft, |s| s.status);
    ui.label(i18n::fill(tr(lang, "seat.status"), &[tr(lang, &format!("seat.state.{}", status.code()))]));
    let editable = status == SeatStatus::Draft;
    let levels: Vec<(u8, String)> = LEVELS.map(|l| (l, i18n::fill(tr(lang, "standards.level"), &[&l.to_string()]))).collect();
    egui::Grid::new("seat_levels").num_columns(3).spacing([8.0, 4.0]).show(ui, |ui| {
        for capability in &data.catalogue.capabilities {
            let label = ui.label(capability.name.get(lang));
            let mut level = seat.levels.get(&capability.position).copied();
            ui.add_enabled_ui(editable, |ui| {
                if ui.label_inputs_by(label.id, |ui| {
                    choose(ui, &format!("seat_level_{}", capability.position), &mut level, &levels, Some("—"), 74.0)
                }) {
                    match level {
                        Some(l) => seat.levels.insert(capability.position, l),
                        None => seat.levels.remove(&capability.position),
                    };
                }
            });
            ui.label(RichText::new(level.map_or("", |l| data.scale.descriptor(capability.position, l, lang))).weak().small());
            ui.end_row();
        }
    });
    ui.add_enabled_ui(editable, |ui| {
        let label = ui.label(tr(lang, "print.motto"));
        ui.add(egui::TextEdit::singleline(&mut seat.motto).desired_width(320.0).char_limit(200)).labelled_by(label.id);
        let label = ui.label(tr(lang, "print.commitments"));
        ui.add(egui::TextEdit::multiline(&mut seat.commitments).desired_width(320.0).desired_rows(4).char_limit(20_000))
            .labelled_by(label.id);
    });
    let save = |status: SeatStatus, data: &SeatData| {
        Intent::Do(Command::Standards(StandardsCommand::SaveSeatStatement { official, year, data: SeatData { status, ..data.clone() } }))
    };
    ui.horizontal(|ui| {
        match status {
            SeatStatus::Draft => {
                if ui.button(tr(lang, "seat.save")).clicked() {
                    out.push(save(SeatStatus::Draft, seat));
                }
                if ui.button(tr(lang, "seat.submit")).clicked() {
                    out.push(Intent::AskConfirm {
                        question: tr(lang, "seat.confirm_submit").to_owned(),
                        then: Box::new(save(SeatStatus::Submitted, seat)),
                    });
                }
            }
            SeatStatus::Submitted => {
                if ui.button(tr(lang, "seat.confirm")).clicked() {
                    out.push(save(SeatStatus::Confirmed, seat));
                }
                if ui.button(tr(lang, "seat.return")).clicked() {
                    out.push(save(SeatStatus::Draft, seat));
                }
            }
            SeatStatus::Confirmed => {
                if ui.button(tr(lang, "seat.return")).clicked() {
                    out.push(save(SeatStatus::Draft, seat));
                }
            }
        }
        if ui.button(tr(lang, "seat.print")).clicked() {
            out.push(Intent::Print(PrintIntent::Print(Printout::SeatStatements {
                scope: Scope::Official(official),
                year: data.bureau.year,
            })));
        }
    });
}

/// A 任…時間 input: a month (`2019.06`) or a day.
fn since_line(ui: &mut Ui, lang: Lang, text: &mut String) -> egui::Response {
    ui.horizontal(|ui| {
        line(ui, text, 100.0);
        ui.label(RichText::new(tr(lang, "hint.since")).weak());
    })
    .response
}

/// The official's photo (a 任免審批表 photo, about 3:4) with buttons to choose or remove it.
fn photo_ui(ui: &mut Ui, lang: Lang, id: OfficialId, photo: &mut Option<crate::ui::state::Photo>, out: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        let shown = photo.as_mut().filter(|p| p.official == id);
        match shown {
            Some(p) => {
                let texture =
                    p.texture.get_or_insert_with(|| ui.ctx().load_texture(format!("photo-{}", id.0), p.image.clone(), Default::default()));
                let size = texture.size_vec2();
                let scale = (120.0 / size.y).min(1.0);
                ui.add(egui::Image::new((texture.id(), size * scale)).alt_text(tr(lang, "field.photo")));
            }
            None => {
                let (rect, _) = ui.allocate_exact_size(egui::vec2(90.0, 120.0), egui::Sense::hover());
                ui.painter().rect_stroke(rect, 2.0, ui.visuals().widgets.noninteractive.bg_stroke, egui::StrokeKind::Inside);
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    tr(lang, "roster.no_photo"),
                    egui::FontId::proportional(12.0),
                    ui.visuals().weak_text_color(),
                );
            }
        }
        ui.vertical(|ui| {
            if ui.button(tr(lang, "roster.choose_photo")).clicked() {
                out.push(Intent::Roster(RosterIntent::ChoosePhoto(id)));
            }
            if photo.as_ref().is_some_and(|p| p.official == id) && ui.button(tr(lang, "roster.remove_photo")).clicked() {
                out.push(Intent::Do(Command::Roster(RosterCommand::SetPhoto { id, photo: None })));
            }
            ui.label(RichText::new(tr(lang, "roster.photo_hint")).weak().small());
        });
    });
}
