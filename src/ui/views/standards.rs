//! The Standards page (能力席位標準信息庫): every post in use with its standard's state for the
//! programme year, filterable, with the completeness count the programme office reports;
//! and the editor of the chosen post's standard — required levels per tier for the eight
//! capabilities, 應知應會 items, copy from another post, compare two posts side by side.

use super::widgets::{choose, cut_label, keep_room, section, unit_choices};
use crate::domain::catalogue::RankTier;
use crate::domain::org::{Post, subtree};
use crate::domain::standards::{CAPABILITIES, ItemKind, LEVELS, StandardData, StandardItem};
use crate::domain::text::fold;
use crate::domain::{Lang, PostId};
use crate::i18n::{self, tr};
use crate::service::Command;
use crate::service::command::StandardsCommand;
use crate::service::printing::{Printout, Scope};
use crate::ui::intent::Intent;
use crate::ui::intent::{PrintIntent, StandardsIntent};
use crate::ui::state::{Data, StandardsPage, State};
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// Where a post's standard stands this year.
fn state_text(lang: Lang, data: &Data, post: &Post) -> (String, Color32) {
    match data.standards.get(&post.id) {
        None => (tr(lang, "standards.none").to_owned(), Color32::from_rgb(0xc6, 0x28, 0x28)),
        Some(s) if s.data.is_complete(post.tier) => (tr(lang, "standards.complete").to_owned(), Color32::from_rgb(0x2e, 0x7d, 0x32)),
        Some(s) => (
            i18n::fill(tr(lang, "standards.missing"), &[&s.data.missing(post.tier).len().to_string()]),
            Color32::from_rgb(0xe6, 0x51, 0x00),
        ),
    }
}

fn visible_posts<'d>(data: &'d Data, page: &StandardsPage) -> Vec<&'d Post> {
    let units = page.filter_unit.map(|u| subtree(&data.units, u));
    let needle = fold(page.filter_text.trim());
    data.unit_tree
        .iter()
        .filter(|(_, u)| units.as_ref().is_none_or(|set| set.contains(u)))
        .flat_map(|(_, u)| data.posts.iter().filter(move |p| p.unit == *u && !p.retired))
        .filter(|p| {
            needle.is_empty() || fold(&p.title).contains(&needle) || data.unit(p.unit).is_some_and(|u| fold(&u.name).contains(&needle))
        })
        .filter(|p| page.filter_tier.is_none_or(|t| p.tier == t))
        .filter(|p| {
            let standard = data.standards.get(&p.id);
            let incomplete = match page.capability {
                Some(c) => !standard.is_some_and(|s| s.data.levels.contains_key(&(p.tier, c))),
                None => !standard.is_some_and(|s| s.data.is_complete(p.tier)),
            };
            !page.only_incomplete || incomplete
        })
        .collect()
}

pub fn standards_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(data) = &state.data else { return };
    let page = &mut state.standards;
    // The editor takes at most half of a narrow window, so the list beside it keeps its columns.
    let editor_width = (ui.available_width() * 0.5).clamp(380.0, 560.0);
    egui::Panel::right("standard_editor").resizable(true).default_size(editor_width).min_size(380.0).show(ui, |ui| {
        egui::ScrollArea::both().id_salt("standard_scroll").show(ui, |ui| editor(ui, lang, data, page, out));
    });
    egui::CentralPanel::default().show(ui, |ui| {
        let (complete, total) = data.standard_counts();
        // The headline wraps rather than letting the buttons cover the count in a narrow window.
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(i18n::fill(tr(lang, "standards.year"), &[&data.bureau.year.to_string()])).size(17.0).strong());
            ui.label(RichText::new(i18n::fill(tr(lang, "standards.counts"), &[&complete.to_string(), &total.to_string()])).strong());
            if ui.button(tr(lang, "standards.carry_forward")).clicked() {
                let next = (data.bureau.year + 1).to_string();
                let question = i18n::fill(tr(lang, "confirm.start_year"), &[&data.bureau.year.to_string(), &next]);
                out.push(Intent::AskConfirm { question, then: Box::new(Intent::Standards(StandardsIntent::CarryForward)) });
            }
            if ui.button(tr(lang, "standards.print_all")).clicked() {
                out.push(Intent::Print(PrintIntent::Print(Printout::PostStandards { scope: Scope::All, year: data.bureau.year })));
            }
        });
        // The filters wrap in a narrow window, each label staying with its field.
        ui.horizontal_wrapped(|ui| {
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "roster.search"));
                ui.add(egui::TextEdit::singleline(&mut page.filter_text).desired_width(160.0)).labelled_by(label.id);
            });
            keep_room(ui, 230.0);
            ui.horizontal(|ui| {
                ui.label(tr(lang, "field.unit"));
                ui.name_inputs(tr(lang, "roster.filter_unit"), |ui| {
                    let choices = unit_choices(data, page.filter_unit);
                    choose(ui, "standards_unit", &mut page.filter_unit, &choices, Some(tr(lang, "roster.all")), 170.0)
                });
            });
        });
        ui.horizontal_wrapped(|ui| {
            let tiers: Vec<(RankTier, String)> =
                RankTier::ALL.iter().map(|t| (*t, data.catalogue.tier_name(*t, lang).to_owned())).collect();
            ui.horizontal(|ui| {
                ui.label(tr(lang, "field.tier"));
                ui.name_inputs(tr(lang, "roster.filter_tier"), |ui| {
                    choose(ui, "standards_tier", &mut page.filter_tier, &tiers, Some(tr(lang, "roster.all")), 110.0)
                });
            });
            let capabilities: Vec<(u8, String)> =
                data.catalogue.capabilities.iter().map(|c| (c.position, c.name.get(lang).to_owned())).collect();
            keep_room(ui, 200.0);
            ui.horizontal(|ui| {
                ui.label(tr(lang, "standards.capability"));
                ui.name_inputs(tr(lang, "standards.filter_capability"), |ui| {
                    choose(ui, "standards_capability", &mut page.capability, &capabilities, Some("—"), 100.0)
                });
            });
            ui.checkbox(
                &mut page.only_incomplete,
                tr(lang, if page.capability.is_some() { "standards.only_missing_capability" } else { "standards.only_incomplete" }),
            );
        });
        let posts = visible_posts(data, page);
        // A window narrower than the columns scrolls sideways; the list's left side stays reachable.
        // The chosen capability's required level has a column of its own; without one, the
        // list is the post and its standard's state, which fits beside the editor.
        let capability = page.capability.and_then(|c| data.catalogue.capabilities.iter().find(|x| x.position == c));
        // A window narrower than the columns scrolls sideways; the list's left side stays reachable.
        egui::ScrollArea::horizontal().id_salt("standards_sideways").show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt("standards_table")
                .striped(true)
                .sense(egui::Sense::click())
                .column(Column::initial(100.0).at_least(60.0).clip(true))
                .column(Column::initial(110.0).at_least(60.0).clip(true))
                .column(Column::initial(80.0).clip(true));
            if capability.is_some() {
                table = table.column(Column::initial(60.0).clip(true));
            }
            // The state keeps room of its own: squeezed to nothing, its words would wrap a
            // letter a line and stretch every row.
            table
                .column(Column::remainder().at_least(90.0))
                .header(26.0, |mut header| {
                    for key in ["field.unit", "field.title", "field.tier"] {
                        header.col(|ui| {
                            ui.strong(tr(lang, key));
                        });
                    }
                    if let Some(capability) = capability {
                        header.col(|ui| {
                            cut_label(ui, RichText::new(capability.name.get(lang)).strong());
                        });
                    }
                    header.col(|ui| {
                        ui.strong(tr(lang, "standards.state"));
                    });
                })
                .body(|body| {
                    body.rows(24.0, posts.len(), |mut row| {
                        let Some(post) = posts.get(row.index()) else { return };
                        row.set_selected(page.selected == Some(post.id));
                        row.col(|ui| {
                            ui.add(egui::Label::new(data.unit(post.unit).map_or("", |u| u.name.as_str())).truncate().selectable(false));
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(post.title.as_str()).truncate().selectable(false));
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(data.catalogue.tier_name(post.tier, lang)).truncate().selectable(false));
                        });
                        if let Some(capability) = capability {
                            row.col(|ui| {
                                let level = data
                                    .standards
                                    .get(&post.id)
                                    .and_then(|s| s.data.levels.get(&(post.tier, capability.position)).copied());
                                ui.label(level.map_or("—".to_owned(), |l| l.to_string()));
                            });
                        }
                        let (text, color) = state_text(lang, data, post);
                        row.col(|ui| {
                            ui.add(egui::Label::new(RichText::new(text).color(color)).extend());
                        });
                        if row.response().clicked() {
                            out.push(Intent::Standards(StandardsIntent::SelectStandardPost(Some(post.id))));
                        }
                    });
                });
        });
    });
}

fn level_choices(lang: Lang) -> Vec<(u8, String)> {
    LEVELS.map(|l| (l, i18n::fill(tr(lang, "standards.level"), &[&l.to_string()]))).collect()
}

fn editor(ui: &mut Ui, lang: Lang, data: &Data, page: &mut StandardsPage, out: &mut Vec<Intent>) {
    let Some(post_id) = page.selected else {
        ui.add_space(12.0);
        ui.label(RichText::new(tr(lang, "standards.pick")).weak());
        return;
    };
    let Some(post) = data.post(post_id) else { return };
    let Some(draft) = &mut page.draft else { return };
    section(ui, &format!("{} · {}", post.title, data.unit(post.unit).map_or("", |u| u.name.as_str())));
    ui.label(
        RichText::new(i18n::fill(
            tr(lang, "standards.post_tier"),
            &[data.catalogue.tier_name(post.tier, lang), data.catalogue.tier(post.tier).map_or("", |t| t.expectation.get(lang))],
        ))
        .weak(),
    );
    let mut tiers = draft.tiers();
    if !tiers.contains(&post.tier) {
        tiers.insert(0, post.tier);
    }
    tiers.sort_by_key(|t| (*t != post.tier, *t));
    let compare = page.compare_with.and_then(|id| Some((data.post(id)?, data.standards.get(&id)?)));
    let levels = level_choices(lang);
    egui::Grid::new("standard_levels").num_columns(tiers.len() + 3).spacing([10.0, 4.0]).striped(true).show(ui, |ui| {
        ui.strong(tr(lang, "standards.capability"));
        for tier in &tiers {
            ui.strong(data.catalogue.tier_name(*tier, lang));
        }
        if let Some((other, _)) = compare {
            ui.strong(RichText::new(&other.title).color(ui.visuals().hyperlink_color));
        }
        ui.strong(tr(lang, "print.descriptor"));
        ui.end_row();
        for capability in CAPABILITIES {
            let Some(info) = data.catalogue.capabilities.iter().find(|c| c.position == capability) else { continue };
            let label = ui.label(info.name.get(lang)).on_hover_text(info.slogan.get(lang));
            for tier in &tiers {
                let mut value = draft.levels.get(&(*tier, capability)).copied();
                let id = format!("level_{}_{capability}", tier.code());
                let changed = ui.label_inputs_by(label.id, |ui| choose(ui, &id, &mut value, &levels, Some("—"), 74.0));
                if changed {
                    match value {
                        Some(level) => draft.levels.insert((*tier, capability), level),
                        None => draft.levels.remove(&(*tier, capability)),
                    };
                }
            }
            if let Some((other, standard)) = compare {
                let level = standard.data.levels.get(&(other.tier, capability)).map_or("—".to_owned(), |l| l.to_string());
                ui.label(RichText::new(level).color(ui.visuals().hyperlink_color));
            }
            let own = draft.levels.get(&(post.tier, capability)).map_or("", |l| data.scale.descriptor(capability, *l, lang));
            cut_label(ui, RichText::new(own).weak().small());
            ui.end_row();
        }
    });
    let missing = draft.missing(post.tier);
    if !missing.is_empty() {
        ui.label(RichText::new(i18n::fill(tr(lang, "standards.missing"), &[&missing.len().to_string()])).color(ui.visuals().warn_fg_color));
    }
    ui.horizontal(|ui| {
        let other_tiers: Vec<(RankTier, String)> =
            RankTier::ALL.iter().filter(|t| !tiers.contains(t)).map(|t| (*t, data.catalogue.tier_name(*t, lang).to_owned())).collect();
        if !other_tiers.is_empty() {
            let label = ui.label(tr(lang, "standards.add_tier"));
            ui.label_inputs_by(label.id, |ui| choose(ui, "add_tier", &mut page.add_tier, &other_tiers, Some("—"), 120.0));
            if let Some(tier) = page.add_tier.take() {
                for capability in CAPABILITIES {
                    draft.levels.insert((tier, capability), data.scale.default_level(tier));
                }
            }
        }
    });
    ui.add_space(6.0);
    ui.label(RichText::new(tr(lang, "standards.items")).strong());
    let kinds =
        [(ItemKind::Knowledge, tr(lang, "standards.knowledge").to_owned()), (ItemKind::Skill, tr(lang, "standards.skill").to_owned())];
    let mut remove = None;
    for (index, item) in draft.items.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let mut kind = Some(item.kind);
            ui.name_inputs(i18n::fill(tr(lang, "standards.item_kind"), &[&(index + 1).to_string()]), |ui| {
                choose(ui, &format!("item_kind_{index}"), &mut kind, &kinds, None, 80.0)
            });
            item.kind = kind.unwrap_or(item.kind);
            // × and the level at the right, the text taking the room between, so the row fits
            // the editor however wide its choosers draw.
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button("×").on_hover_text(tr(lang, "standards.remove_item")).clicked() {
                    remove = Some(index);
                }
                let mut level = Some(item.level);
                ui.name_inputs(i18n::fill(tr(lang, "standards.item_level"), &[&(index + 1).to_string()]), |ui| {
                    choose(ui, &format!("item_level_{index}"), &mut level, &levels, None, 74.0)
                });
                item.level = level.unwrap_or(item.level);
                let width = (ui.available_width() - 12.0).max(120.0);
                ui.name_inputs(i18n::fill(tr(lang, "standards.item_text"), &[&(index + 1).to_string()]), |ui| {
                    ui.add(egui::TextEdit::singleline(&mut item.text).desired_width(width).char_limit(500))
                        .on_hover_text(item.text.as_str())
                });
            });
        });
    }
    if let Some(index) = remove {
        draft.items.remove(index);
    }
    if ui.button(tr(lang, "standards.add_item")).clicked() {
        draft.items.push(StandardItem { kind: ItemKind::Knowledge, text: String::new(), level: data.scale.default_level(post.tier) });
    }
    ui.add_space(8.0);
    let with_standard: Vec<(PostId, String)> = data
        .posts
        .iter()
        .filter(|p| p.id != post_id && data.standards.contains_key(&p.id))
        .map(|p| (p.id, format!("{} · {}", data.unit(p.unit).map_or("", |u| u.name.as_str()), p.title)))
        .collect();
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "standards.copy_from"));
        if ui.label_inputs_by(label.id, |ui| choose(ui, "copy_from", &mut page.copy_from, &with_standard, Some("—"), 200.0))
            && let Some(from) = page.copy_from.take()
            && let Some(source) = data.standards.get(&from)
        {
            *draft = StandardData {
                levels: source
                    .data
                    .levels
                    .iter()
                    .map(|((t, c), l)| ((if *t == data.post(from).map_or(*t, |p| p.tier) { post.tier } else { *t }, *c), *l))
                    .collect(),
                items: source.data.items.clone(),
            };
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "standards.compare_with"));
        ui.label_inputs_by(label.id, |ui| choose(ui, "compare_with", &mut page.compare_with, &with_standard, Some("—"), 200.0));
    });
    for problem in &page.problems {
        ui.label(RichText::new(i18n::problem(lang, problem)).color(ui.visuals().error_fg_color));
    }
    ui.add_space(8.0);
    let save_shortcut = ui.input_mut(|i| i.consume_shortcut(&egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S)));
    ui.horizontal(|ui| {
        if ui.button(RichText::new(tr(lang, "action.save")).strong()).on_hover_text("Ctrl+S").clicked() || save_shortcut {
            out.push(Intent::Do(Command::Standards(StandardsCommand::SaveStandard {
                post: post_id,
                year: data.bureau.year,
                data: draft.clone(),
            })));
        }
        if ui.button(tr(lang, "action.revert")).clicked() {
            out.push(Intent::Standards(StandardsIntent::SelectStandardPost(Some(post_id))));
        }
        if ui.button(tr(lang, "standards.print")).on_hover_text(tr(lang, "standards.print_hint")).clicked() {
            out.push(Intent::Print(PrintIntent::Print(Printout::PostStandards { scope: Scope::Post(post_id), year: data.bureau.year })));
        }
    });
}
