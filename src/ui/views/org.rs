//! The Organisation page: the unit tree on the left; on the right the chosen unit (rename,
//! move, retire, add a sub-unit), its posts, and the chosen post's duty statement.

use super::widgets::{choose, form_row, line, para, problems_for, section, unit_choices};
use crate::domain::catalogue::{RankTier, UnitKind};
use crate::domain::problem::{Field, FieldProblem};
use crate::domain::{Lang, UnitId};
use crate::i18n::{self, tr};
use crate::service::Command;
use crate::service::command::OrgCommand;
use crate::service::printing::{Printout, Scope};
use crate::ui::intent::Intent;
use crate::ui::intent::{OrgIntent, PrintIntent, StandardsIntent};
use crate::ui::state::{Data, OrgPage, State};
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

const FORM_WIDTH: f32 = 460.0;

pub fn org_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(data) = &state.data else { return };
    egui::Panel::left("unit_tree").resizable(true).default_size(250.0).show(ui, |ui| {
        section(ui, tr(lang, "org.units"));
        egui::ScrollArea::vertical().id_salt("tree_scroll").show(ui, |ui| tree_ui(ui, lang, data, state.org.selected_unit, out));
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().id_salt("org_scroll").show(ui, |ui| {
            let Some(unit_id) = state.org.selected_unit else {
                ui.label(tr(lang, "org.pick_unit"));
                return;
            };
            unit_ui(ui, lang, data, unit_id, &mut state.org, out);
            ui.add_space(12.0);
            ui.separator();
            posts_ui(ui, lang, data, unit_id, &mut state.org, out);
        });
    });
}

fn tree_ui(ui: &mut Ui, lang: Lang, data: &Data, selected: Option<UnitId>, out: &mut Vec<Intent>) {
    for &(depth, id) in &data.unit_tree {
        let Some(unit) = data.unit(id) else { continue };
        ui.horizontal(|ui| {
            ui.add_space(depth as f32 * 18.0);
            let mut text = RichText::new(&unit.name);
            if unit.retired {
                text = RichText::new(format!("{} {}", unit.name, tr(lang, "org.retired_mark"))).weak().strikethrough();
            }
            if ui.selectable_label(selected == Some(id), text).clicked() {
                out.push(Intent::Org(OrgIntent::SelectUnit(id)));
            }
        });
    }
}

fn record_problems(ui: &mut Ui, lang: Lang, problems: &[FieldProblem]) {
    for message in problems_for(lang, problems, Field::Record) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
}

fn kind_choices(lang: Lang, root: bool) -> Vec<(UnitKind, String)> {
    UnitKind::ALL.iter().filter(|k| (**k == UnitKind::Bureau) == root).map(|k| (*k, i18n::unit_kind(lang, *k).to_owned())).collect()
}

fn unit_ui(ui: &mut Ui, lang: Lang, data: &Data, unit_id: UnitId, page: &mut OrgPage, out: &mut Vec<Intent>) {
    let Some(unit) = data.unit(unit_id) else { return };
    let is_root = unit.parent.is_none();
    section(ui, &i18n::fill(tr(lang, "org.unit_heading"), &[&crate::domain::org::unit_path(&data.units, unit_id)]));
    if unit.retired {
        ui.label(RichText::new(tr(lang, "org.unit_is_retired")).color(ui.visuals().warn_fg_color));
    }
    let problems = page.unit_problems.clone();
    egui::Grid::new("unit_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        form_row(ui, lang, tr(lang, "field.unit_name"), Field::UnitName, &problems, |ui| line(ui, &mut page.unit_name, 260.0));
        form_row(ui, lang, tr(lang, "field.unit_kind"), Field::UnitKind, &problems, |ui| {
            choose(ui, "unit_kind", &mut page.unit_kind, &kind_choices(lang, is_root), None, 160.0)
        });
        form_row(ui, lang, tr(lang, "field.unit_aliases"), Field::UnitName, &[], |ui| {
            line(ui, &mut page.unit_aliases, 260.0).on_hover_text(tr(lang, "hint.unit_aliases"));
            ui.label(RichText::new(tr(lang, "hint.unit_aliases")).weak().small());
        });
        ui.label("");
        if ui.button(tr(lang, "org.save_unit")).clicked()
            && let Some(kind) = page.unit_kind
        {
            if page.unit_name != unit.name || Some(unit.kind) != page.unit_kind {
                out.push(Intent::Do(Command::Org(OrgCommand::UpdateUnit { id: unit_id, name: page.unit_name.clone(), kind })));
            }
            let aliases: Vec<String> =
                page.unit_aliases.split(['、', ',', '，', ';', '；']).map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned).collect();
            if aliases != data.unit_aliases.get(&unit_id).cloned().unwrap_or_default() {
                out.push(Intent::Do(Command::Org(OrgCommand::SetUnitAliases { id: unit_id, aliases })));
            }
        }
        ui.end_row();
        if !is_root {
            form_row(ui, lang, tr(lang, "field.parent"), Field::Parent, &problems, |ui| {
                ui.horizontal(|ui| {
                    choose(ui, "move_to", &mut page.move_to, &unit_choices(data, unit.parent), None, 200.0);
                    if ui.button(tr(lang, "org.move")).clicked()
                        && let Some(parent) = page.move_to
                    {
                        out.push(Intent::Do(Command::Org(OrgCommand::MoveUnit { id: unit_id, parent })));
                    }
                });
            });
            ui.label("");
            ui.horizontal(|ui| {
                let (label, retired) = if unit.retired { ("org.reinstate", false) } else { ("org.retire", true) };
                if ui.button(tr(lang, label)).clicked() {
                    out.push(Intent::Do(Command::Org(OrgCommand::SetUnitRetired { id: unit_id, retired })));
                }
                if ui.button(tr(lang, "org.delete_unit")).clicked() {
                    let question = i18n::fill(tr(lang, "confirm.delete_unit"), &[&unit.name]);
                    out.push(Intent::AskConfirm {
                        question,
                        then: Box::new(Intent::Do(Command::Org(OrgCommand::DeleteUnit { id: unit_id }))),
                    });
                }
            });
            ui.end_row();
        }
    });
    record_problems(ui, lang, &problems);
    if !unit.retired {
        ui.add_space(8.0);
        ui.label(RichText::new(tr(lang, "org.add_child")).strong());
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "org.child_name"));
            ui.label_inputs_by(label.id, |ui| line(ui, &mut page.child_name, 200.0));
            let label = ui.label(tr(lang, "org.child_kind"));
            ui.label_inputs_by(label.id, |ui| choose(ui, "child_kind", &mut page.child_kind, &kind_choices(lang, false), None, 120.0));
            if ui.button(tr(lang, "org.add_child_button")).clicked() {
                out.push(Intent::Do(Command::Org(OrgCommand::CreateUnit {
                    parent: unit_id,
                    name: page.child_name.clone(),
                    kind: page.child_kind.unwrap_or(UnitKind::Team),
                })));
            }
        });
    }
}

fn posts_ui(ui: &mut Ui, lang: Lang, data: &Data, unit_id: UnitId, page: &mut OrgPage, out: &mut Vec<Intent>) {
    section(ui, tr(lang, "org.posts"));
    ui.horizontal(|ui| {
        if ui.button(tr(lang, "org.new_post")).on_hover_text("Ctrl+N").clicked() {
            out.push(Intent::Org(OrgIntent::NewPost));
        }
        if ui.button(tr(lang, "org.print_duty_statements")).on_hover_text(tr(lang, "org.print_hint")).clicked() {
            out.push(Intent::Print(PrintIntent::Print(Printout::DutyStatements { scope: Scope::Unit(unit_id) })));
        }
        if ui.button(tr(lang, "org.print_seat_statements")).on_hover_text(tr(lang, "org.print_seat_hint")).clicked() {
            out.push(Intent::Print(PrintIntent::Print(Printout::SeatStatements { scope: Scope::Unit(unit_id), year: data.bureau.year })));
        }
    });
    let posts: Vec<_> = data.posts.iter().filter(|p| p.unit == unit_id).collect();
    if posts.is_empty() {
        ui.label(RichText::new(tr(lang, "org.no_posts")).weak());
    } else {
        TableBuilder::new(ui)
            .id_salt("posts_table")
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::initial(220.0).at_least(120.0))
            .column(Column::initial(110.0))
            .column(Column::initial(85.0))
            .column(Column::initial(70.0))
            .column(Column::remainder())
            .header(26.0, |mut header| {
                // A heading too long for its column is cut with "…" (whole on hover), never broken
                // mid-word onto a second line.
                for key in ["field.title", "field.tier", "field.headcount", "org.holders", "field.status"] {
                    header.col(|ui| {
                        super::widgets::cut_label(ui, RichText::new(tr(lang, key)).strong());
                    });
                }
            })
            .body(|mut body| {
                for post in &posts {
                    body.row(26.0, |mut row| {
                        row.set_selected(page.selected_post == Some(post.id));
                        // Texts that take no click of their own: a click anywhere on the row,
                        // the post's name too, opens the post.
                        let cell = |ui: &mut Ui, text: &str| {
                            ui.add(egui::Label::new(text).selectable(false).sense(egui::Sense::hover()));
                        };
                        row.col(|ui| cell(ui, &post.title));
                        row.col(|ui| cell(ui, data.catalogue.tier_name(post.tier, lang)));
                        row.col(|ui| cell(ui, &post.headcount.to_string()));
                        row.col(|ui| cell(ui, &data.post_holders.get(&post.id).copied().unwrap_or(0).to_string()));
                        row.col(|ui| cell(ui, if post.retired { tr(lang, "status.retired_post") } else { tr(lang, "status.in_use") }));
                        if row.response().clicked() {
                            out.push(Intent::Org(OrgIntent::SelectPost(Some(post.id))));
                        }
                    });
                }
            });
    }
    post_form_ui(ui, lang, data, page, out);
}

fn post_form_ui(ui: &mut Ui, lang: Lang, data: &Data, page: &mut OrgPage, out: &mut Vec<Intent>) {
    let reveal = std::mem::take(&mut page.reveal_post_form);
    let Some((post_id, draft)) = &mut page.post_form else { return };
    let post_id = *post_id;
    let problems = page.post_problems.clone();
    ui.add_space(10.0);
    let top = ui.separator();
    // A post just chosen brings its duty statement into view, heading first.
    if reveal {
        top.scroll_to_me(Some(egui::Align::TOP));
    }
    section(ui, tr(lang, if post_id.is_some() { "org.duty_statement" } else { "org.new_post_title" }));
    let tiers: Vec<(RankTier, String)> = RankTier::ALL.iter().map(|t| (*t, data.catalogue.tier_name(*t, lang).to_owned())).collect();
    egui::Grid::new("post_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        form_row(ui, lang, tr(lang, "field.title"), Field::Title, &problems, |ui| line(ui, &mut draft.title, FORM_WIDTH));
        form_row(ui, lang, tr(lang, "field.unit"), Field::Unit, &problems, |ui| {
            let choices = unit_choices(data, draft.unit);
            choose(ui, "post_unit", &mut draft.unit, &choices, None, 240.0)
        });
        form_row(ui, lang, tr(lang, "field.tier"), Field::Tier, &problems, |ui| {
            choose(ui, "post_tier", &mut draft.tier, &tiers, None, 160.0)
        });
        form_row(ui, lang, tr(lang, "field.headcount"), Field::Headcount, &problems, |ui| line(ui, &mut draft.headcount, 80.0));
        form_row(ui, lang, tr(lang, "field.duties"), Field::Duties, &problems, |ui| para(ui, &mut draft.duties, FORM_WIDTH, 4));
        form_row(ui, lang, tr(lang, "field.standard"), Field::Standard, &problems, |ui| para(ui, &mut draft.standard, FORM_WIDTH, 3));
        form_row(ui, lang, tr(lang, "field.authority"), Field::Authority, &problems, |ui| para(ui, &mut draft.authority, FORM_WIDTH, 3));
        form_row(ui, lang, tr(lang, "field.time_limits"), Field::TimeLimits, &problems, |ui| {
            para(ui, &mut draft.time_limits, FORM_WIDTH, 3)
        });
        form_row(ui, lang, tr(lang, "field.responsibility"), Field::Responsibility, &problems, |ui| {
            para(ui, &mut draft.responsibility, FORM_WIDTH, 3)
        });
    });
    record_problems(ui, lang, &problems);
    let save_shortcut = ui.input_mut(|i| i.consume_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S)));
    ui.horizontal(|ui| {
        if ui.button(RichText::new(tr(lang, "action.save")).strong()).on_hover_text("Ctrl+S").clicked() || save_shortcut {
            out.push(Intent::Do(match post_id {
                Some(id) => Command::Org(OrgCommand::UpdatePost { id, draft: draft.clone() }),
                None => Command::Org(OrgCommand::CreatePost(draft.clone())),
            }));
        }
        if let Some(id) = post_id {
            if ui.button(tr(lang, "org.edit_standard")).clicked() {
                out.push(Intent::Navigate(crate::ui::state::Page::Standards));
                out.push(Intent::Standards(StandardsIntent::SelectStandardPost(Some(id))));
            }
            let retired = data.post(id).is_some_and(|p| p.retired);
            let (label, to) = if retired { ("org.reinstate_post", false) } else { ("org.retire_post", true) };
            if ui.button(tr(lang, label)).clicked() {
                out.push(Intent::Do(Command::Org(OrgCommand::SetPostRetired { id, retired: to })));
            }
            if ui.button(tr(lang, "org.delete_post")).clicked() {
                let question = i18n::fill(tr(lang, "confirm.delete_post"), &[&draft.title]);
                out.push(Intent::AskConfirm { question, then: Box::new(Intent::Do(Command::Org(OrgCommand::DeletePost { id }))) });
            }
        } else if ui.button(tr(lang, "action.cancel")).clicked() {
            out.push(Intent::Org(OrgIntent::SelectPost(None)));
        }
    });
}
