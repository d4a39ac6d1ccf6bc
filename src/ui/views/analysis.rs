//! The analysis page (差距分析): for a unit with its sub-units or the whole bureau, the
//! round's completion, averages by tier, who falls below requirement on each capability,
//! the heatmap of gaps (officials × capabilities, sortable), and the unit's own plan.

use super::selfcheck::{plan_form, plan_items, status_colour, status_text};
use super::widgets::{choose, section, unit_choices};
use crate::domain::access::Role;
use crate::domain::plans::PlanOwner;
use crate::i18n::{self, tr};
use crate::service::printing::Printout;
use crate::ui::intent::Intent;
use crate::ui::intent::{AnalysisIntent, PrintIntent, SelfCheckIntent};
use crate::ui::state::State;
use egui::{Color32, RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// The colour of a gap: none green, one amber, two orange, three or more red.
fn gap_colour(gap: Option<u8>) -> Color32 {
    match gap {
        None => Color32::from_gray(200),
        Some(0) => Color32::from_rgb(0xc8, 0xe6, 0xc9),
        Some(1) => Color32::from_rgb(0xff, 0xec, 0xb3),
        Some(2) => Color32::from_rgb(0xff, 0xb7, 0x4d),
        Some(_) => Color32::from_rgb(0xe5, 0x73, 0x73),
    }
}

pub fn analysis_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let whole = tr(lang, state.whole_scope_key());
    let Some(data) = &state.data else { return };
    let role = state.role();
    let round = state.selfcheck.round;
    let page = &mut state.analysis;
    let round_name =
        state.selfcheck.rounds.iter().find(|r| Some(r.id) == state.selfcheck.round).map(|r| (r.data.name.clone(), r.data.year));
    let Some((round_name, year)) = round_name else {
        ui.label(RichText::new(tr(lang, "selfcheck.no_round")).weak());
        return;
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(&round_name).size(18.0).strong());
        let label = ui.label(tr(lang, "field.unit"));
        let mut unit = page.unit;
        ui.label_inputs_by(label.id, |ui| {
            if choose(ui, "analysis_unit", &mut unit, &unit_choices(data, None), Some(whole), 220.0) {
                out.push(Intent::Analysis(AnalysisIntent::AnalysisUnit(unit)));
            }
        });
        if ui.button(tr(lang, "analysis.print")).clicked()
            && let Some(round) = round
        {
            out.push(Intent::Print(PrintIntent::Print(Printout::RoundSummary { round, unit: page.unit })));
        }
    });
    let Some(result) = &page.result else { return };
    let analysis = &result.analysis;
    let c = analysis.completion;
    ui.horizontal(|ui| {
        for (key, n, status) in [
            ("analysis.participants", c.participants, None),
            ("selfcheck.status.reviewed", c.reviewed, Some(Some(crate::domain::selfcheck::CheckStatus::Reviewed))),
            ("selfcheck.status.submitted", c.submitted, Some(Some(crate::domain::selfcheck::CheckStatus::Submitted))),
            ("selfcheck.status.returned", c.returned, Some(Some(crate::domain::selfcheck::CheckStatus::Returned))),
            ("selfcheck.status.draft", c.draft, Some(Some(crate::domain::selfcheck::CheckStatus::Draft))),
            ("selfcheck.status.none", c.missing, Some(None)),
        ] {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                let colour = status.map_or(ui.visuals().text_color(), status_colour);
                ui.vertical(|ui| {
                    ui.label(RichText::new(n.to_string()).size(20.0).strong().color(colour));
                    ui.label(RichText::new(tr(lang, key)).small());
                });
            });
        }
    });
    section(ui, tr(lang, "analysis.tier_averages"));
    egui::Grid::new("tier_averages").num_columns(9).striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
        ui.label(RichText::new(tr(lang, "field.tier")).strong());
        for capability in &data.catalogue.capabilities {
            ui.label(RichText::new(capability.name.get(lang)).strong());
        }
        ui.end_row();
        for (tier, averages) in &analysis.tier_averages {
            ui.label(data.catalogue.tier_name(*tier, lang));
            for average in averages {
                ui.label(average.map_or("—".into(), |a| format!("{a:.2}")));
            }
            ui.end_row();
        }
    });
    section(ui, tr(lang, "analysis.below"));
    ui.horizontal_wrapped(|ui| {
        for capability in &data.catalogue.capabilities {
            let i = usize::from(capability.position - 1);
            let text = format!("{} {}", capability.name.get(lang), analysis.below[i].len());
            if ui.selectable_label(page.capability == Some(capability.position), text).clicked() {
                page.capability = if page.capability == Some(capability.position) { None } else { Some(capability.position) };
            }
        }
    });
    if let Some(capability) = page.capability {
        let names: Vec<String> = analysis.below[usize::from(capability - 1)]
            .iter()
            .take(500)
            .map(|o| page.names.get(o).map_or(String::new(), |n| n.0.clone()))
            .collect();
        ui.label(names.join("、"));
    }
    ui.label(RichText::new(tr(lang, "gaps.rule")).small());
    if role.is_some_and(|r| r != Role::Official)
        && let Some(unit) = page.unit
    {
        egui::CollapsingHeader::new(tr(lang, "plan.unit_title")).id_salt("unit_plan").show(ui, |ui| {
            let admin = role == Some(Role::Admin);
            plan_items(ui, lang, data, &page.unit_plan, &state.selfcheck.sessions, &mut state.selfcheck.plan_reviews, true, admin, out);
            plan_form(ui, lang, data, &mut state.selfcheck, PlanOwner::Unit(unit), year, out);
        });
    }
    section(ui, &i18n::fill(tr(lang, "analysis.heatmap_count"), &[&page.order.len().to_string()]));
    if analysis.rows.iter().any(|r| r.by_default) {
        ui.label(RichText::new(tr(lang, "gaps.default_note")).small().weak());
    }
    let sort = page.sort;
    let arrow = |column: usize| if sort.0 == column { if sort.1 { " ▼" } else { " ▲" } } else { "" };
    TableBuilder::new(ui)
        .id_salt("heatmap")
        .striped(true)
        // Narrow enough for a 1024 px window, the total column included.
        .column(Column::exact(140.0))
        .column(Column::exact(70.0))
        .columns(Column::exact(58.0), 8)
        .column(Column::exact(56.0))
        .header(24.0, |mut header| {
            header.col(|ui| {
                if ui.button(format!("{}{}", tr(lang, "field.name"), arrow(0))).clicked() {
                    out.push(Intent::Analysis(AnalysisIntent::SortHeatmap(0)));
                }
            });
            header.col(|ui| {
                ui.label(RichText::new(tr(lang, "field.status")).strong());
            });
            for capability in &data.catalogue.capabilities {
                let column = usize::from(capability.position);
                header.col(|ui| {
                    if ui.button(format!("{}{}", capability.name.get(lang), arrow(column))).clicked() {
                        out.push(Intent::Analysis(AnalysisIntent::SortHeatmap(column)));
                    }
                });
            }
            header.col(|ui| {
                if ui.button(format!("{}{}", tr(lang, "analysis.total"), arrow(9))).clicked() {
                    out.push(Intent::Analysis(AnalysisIntent::SortHeatmap(9)));
                }
            });
        })
        .body(|body| {
            body.rows(22.0, page.order.len(), |mut row| {
                let heat = &analysis.rows[page.order[row.index()]];
                row.col(|ui| {
                    let (name, staff_no) = page.names.get(&heat.official).cloned().unwrap_or_default();
                    if ui.link(format!("{name} {staff_no}")).clicked() {
                        out.push(Intent::Navigate(crate::ui::state::Page::SelfCheck));
                        out.push(Intent::SelfCheck(SelfCheckIntent::SelectCheck(Some(heat.official))));
                    }
                });
                row.col(|ui| {
                    ui.label(RichText::new(status_text(lang, heat.status)).small().color(status_colour(heat.status)));
                    // Gaps against the tier's default, the post having no standard yet, are marked.
                    if heat.by_default {
                        ui.label(RichText::new("*").strong()).on_hover_text(tr(lang, "gaps.default_note"));
                    }
                });
                for gap in heat.gaps {
                    row.col(|ui| {
                        let rect = ui.max_rect();
                        ui.painter().rect_filled(rect.shrink(1.0), 2.0, gap_colour(gap));
                        ui.label(RichText::new(gap.map_or("—".into(), |g| g.to_string())).color(Color32::BLACK));
                    });
                }
                row.col(|ui| match heat.total() {
                    Some(total) => drop(ui.label(RichText::new(total.to_string()).strong())),
                    None => {
                        drop(ui.label(RichText::new(tr(lang, "gaps.unfilled")).weak()).on_hover_text(tr(lang, "analysis.not_filled_hint")))
                    }
                });
            });
        });
}
