//! The self-check round's printouts: each official's capability report (radar, gaps, plan)
//! and the round's summary (completion, averages, heatmap, reminders).

use super::{header_row, printout, scores_grid, start_sheet};
use crate::domain::Lang;
use crate::domain::catalogue::Catalogue;
use crate::i18n::{fill, tr};
use crate::report::layout::{Align, Block, Cell, Document, Grid, Mm};

/// One official's capability report: the detail of the round with where they sit.
pub struct CapabilitySheet {
    pub unit: String,
    pub post: String,
    pub detail: crate::domain::selfcheck::Detail,
}

fn level_text(level: Option<u8>) -> String {
    level.map_or("—".to_owned(), |l| l.to_string())
}

/// Each official's 能力分析報告 for a round: who they are, the radar of required, own and
/// supervisor's levels, the gap table with its rule, the largest gaps and the plan.
pub fn capability_reports(lang: Lang, bureau: &str, catalogue: &Catalogue, sheets: &[CapabilitySheet]) -> Document {
    use crate::domain::selfcheck::{gap_lines, largest_gaps};
    use crate::report::layout::RadarSeries;
    let mut blocks = Vec::new();
    let names: Vec<String> = catalogue.capabilities.iter().map(|c| c.name.get(lang).to_owned()).collect();
    for sheet in sheets {
        let d = &sheet.detail;
        start_sheet(&mut blocks, tr(lang, "print.capability_report"), format!("{} · {}", bureau, d.round.data.name));
        let pair = |a: &str, b: String, c: &str, e: String| (vec![Cell::label(a), Cell::new(b), Cell::label(c), Cell::new(e)], Mm(0.0));
        let status =
            d.check.as_ref().map_or(tr(lang, "selfcheck.status.none"), |c| tr(lang, &format!("selfcheck.status.{}", c.status.code())));
        blocks.push(Block::Grid(Grid {
            columns: vec![1.0, 1.6, 1.0, 1.6],
            header: None,
            rows: vec![
                pair(tr(lang, "field.name"), d.official.name.clone(), tr(lang, "field.staff_no"), d.official.staff_no.clone()),
                pair(tr(lang, "field.unit"), sheet.unit.clone(), tr(lang, "field.post"), sheet.post.clone()),
                pair(
                    tr(lang, "field.tier"),
                    catalogue.tier_name(d.official.tier, lang).to_owned(),
                    tr(lang, "field.status"),
                    status.to_owned(),
                ),
            ],
            size_pt: 10.5,
        }));
        let own = d.check.as_ref().map_or([None; 8], |c| c.data.levels);
        let supervisor = d.check.as_ref().map_or([None; 8], |c| c.review.levels);
        let values = |levels: &crate::domain::selfcheck::Levels| levels.map(|l| f32::from(l.unwrap_or(0)));
        blocks.push(Block::Radar {
            labels: names.clone(),
            series: vec![
                RadarSeries {
                    name: tr(lang, "gaps.own").to_owned(),
                    values: values(&own),
                    grey: 0.8,
                    line_grey: 0.45,
                    width_pt: 1.0,
                    filled: true,
                },
                RadarSeries {
                    name: tr(lang, "gaps.required").to_owned(),
                    values: values(&d.required),
                    grey: 0.0,
                    line_grey: 0.0,
                    width_pt: 0.6,
                    filled: false,
                },
                RadarSeries {
                    name: tr(lang, "gaps.supervisor").to_owned(),
                    values: values(&supervisor),
                    grey: 0.0,
                    line_grey: 0.0,
                    width_pt: 2.2,
                    filled: false,
                },
            ],
            max: 5.0,
            size_pt: 9.5,
        });
        let lines = gap_lines(&d.required, &own, &supervisor);
        let rows = lines
            .iter()
            .map(|l| {
                let centred = |text: String| Cell { align: Align::Center, ..Cell::new(text) };
                (
                    vec![
                        Cell::label(names.get(usize::from(l.capability) - 1).cloned().unwrap_or_default()),
                        // A tier's default, the post having no standard, is marked as such.
                        centred(if d.required_by_default { format!("{}*", level_text(l.required)) } else { level_text(l.required) }),
                        centred(level_text(l.own)),
                        centred(level_text(l.supervisor)),
                        centred(l.gap().map_or("—".into(), |g| g.to_string())),
                        Cell::new(d.check.as_ref().map_or("", |c| c.data.evidence[usize::from(l.capability) - 1].as_str())),
                    ],
                    Mm(0.0),
                )
            })
            .collect();
        blocks.push(Block::Grid(Grid {
            columns: vec![1.1, 0.8, 0.7, 0.8, 0.6, 2.2],
            header: header_row(
                lang,
                &["standards.capability", "gaps.required", "gaps.own", "gaps.supervisor", "gaps.gap", "selfcheck.evidence"],
            ),
            rows,
            size_pt: 10.0,
        }));
        blocks.push(Block::Spacer(Mm(1.5)));
        if d.required_by_default {
            blocks.push(Block::Paragraph { text: tr(lang, "gaps.default_note").to_owned(), size_pt: 9.0, align: Align::Left });
        }
        blocks.push(Block::Paragraph { text: tr(lang, "gaps.rule").to_owned(), size_pt: 9.0, align: Align::Left });
        let largest: Vec<String> = largest_gaps(&lines)
            .iter()
            .map(|l| format!("{} {}", names.get(usize::from(l.capability) - 1).cloned().unwrap_or_default(), l.gap().unwrap_or(0)))
            .collect();
        // Nothing rated at all is not "every capability reaches the requirement".
        let unfilled = lines.iter().all(|l| l.own.is_none() && l.supervisor.is_none());
        let largest = if unfilled {
            tr(lang, "gaps.unfilled").to_owned()
        } else if largest.is_empty() {
            tr(lang, "gaps.none").to_owned()
        } else {
            largest.join(if lang == Lang::En { ", " } else { "、" })
        };
        blocks.push(Block::Paragraph { text: fill(tr(lang, "gaps.largest_line"), &[&largest]), size_pt: 10.5, align: Align::Left });
        if let Some(check) = &d.check {
            blocks.push(Block::Grid(Grid {
                columns: vec![1.0, 4.8],
                header: None,
                rows: vec![
                    (vec![Cell::label(tr(lang, "field.shortfalls")), Cell::new(check.data.shortfalls.clone())], Mm(8.0)),
                    (vec![Cell::label(tr(lang, "field.reflection")), Cell::new(check.data.reflection.clone())], Mm(8.0)),
                    (vec![Cell::label(tr(lang, "selfcheck.supervisor_comment")), Cell::new(check.review.comment.clone())], Mm(8.0)),
                ],
                size_pt: 10.0,
            }));
        }
        plan_table(&mut blocks, lang, &names, tr(lang, "plan.title"), &d.plan);
        if !d.scores.is_empty() {
            blocks.push(Block::Heading { text: tr(lang, "tests.title").to_owned(), size_pt: 12.0 });
            scores_grid(&mut blocks, lang, &d.scores);
        }
    }
    printout(lang, "print.capability_reports_title", &[bureau], blocks)
}

/// An improvement plan under its heading: capability, action, support, due, status, review.
fn plan_table(blocks: &mut Vec<Block>, lang: Lang, names: &[String], heading: &str, plan: &[crate::domain::plans::PlanItem]) {
    blocks.push(Block::Heading { text: heading.to_owned(), size_pt: 12.0 });
    if plan.is_empty() {
        blocks.push(Block::Paragraph { text: tr(lang, "plan.none").to_owned(), size_pt: 10.0, align: Align::Left });
        return;
    }
    let rows = plan
        .iter()
        .map(|item| {
            let capability = item.data.capability.and_then(|c| names.get(usize::from(c) - 1)).cloned().unwrap_or_default();
            (
                vec![
                    Cell::new(capability),
                    Cell::new(item.data.action.clone()),
                    Cell::new(item.data.support.clone()),
                    Cell::new(item.data.due.map(crate::domain::dates::format_date).unwrap_or_default()),
                    Cell::new(tr(lang, &format!("plan.status.{}", item.data.status.code()))),
                    Cell::new(item.data.review.clone()),
                ],
                Mm(0.0),
            )
        })
        .collect();
    blocks.push(Block::Grid(Grid {
        columns: vec![0.8, 2.0, 1.3, 0.9, 0.7, 1.3],
        header: header_row(lang, &["standards.capability", "field.action", "field.support", "plan.due", "field.status", "plan.review"]),
        rows,
        size_pt: 9.5,
    }));
}

/// What a round's summary shows: where it is from, the analysis, who everyone is (name, staff
/// number, unit) and, for a unit, its own improvement plan.
pub struct RoundSummary<'a> {
    pub bureau: &'a str,
    pub round: &'a str,
    pub scope: &'a str,
    pub analysis: &'a crate::domain::selfcheck::Analysis,
    pub people: &'a std::collections::HashMap<crate::domain::OfficialId, (String, String, String)>,
    pub unit_plan: Option<&'a [crate::domain::plans::PlanItem]>,
}

/// A round's summary: completion, averages by tier, the heatmap of gaps (largest total first)
/// and the reminder list of those who have not handed in.
pub fn round_summary(lang: Lang, catalogue: &Catalogue, summary: &RoundSummary<'_>) -> Document {
    use crate::domain::selfcheck::CheckStatus;
    let RoundSummary { bureau, round, scope, analysis, people, unit_plan } = *summary;
    let mut blocks = Vec::new();
    start_sheet(&mut blocks, tr(lang, "print.round_summary"), format!("{bureau} · {round} · {scope}"));
    let c = &analysis.completion;
    let figures = [
        ("analysis.participants", c.participants),
        ("selfcheck.status.reviewed", c.reviewed),
        ("selfcheck.status.submitted", c.submitted),
        ("selfcheck.status.returned", c.returned),
        ("selfcheck.status.draft", c.draft),
        ("selfcheck.status.none", c.missing),
    ];
    blocks.push(Block::Grid(Grid {
        columns: vec![1.0; 6],
        header: Some(figures.iter().map(|(k, _)| Cell::label(tr(lang, k))).collect()),
        rows: vec![(figures.iter().map(|(_, n)| Cell { align: Align::Center, ..Cell::new(n.to_string()) }).collect(), Mm(0.0))],
        size_pt: 10.0,
    }));
    let names: Vec<String> = catalogue.capabilities.iter().map(|c| c.name.get(lang).to_owned()).collect();
    let mut header = vec![Cell::label(tr(lang, "field.tier"))];
    header.extend(names.iter().map(|n| Cell::label(n.clone())));
    blocks.push(Block::Heading { text: tr(lang, "analysis.tier_averages").to_owned(), size_pt: 12.0 });
    blocks.push(Block::Grid(Grid {
        columns: std::iter::once(1.4).chain(std::iter::repeat_n(0.7, 8)).collect(),
        header: Some(header.clone()),
        rows: analysis
            .tier_averages
            .iter()
            .map(|(tier, averages)| {
                let mut cells = vec![Cell::new(catalogue.tier_name(*tier, lang))];
                cells.extend(
                    averages.iter().map(|a| Cell { align: Align::Center, ..Cell::new(a.map_or("—".into(), |a| format!("{a:.1}"))) }),
                );
                (cells, Mm(0.0))
            })
            .collect(),
        size_pt: 9.5,
    }));
    blocks.push(Block::Heading { text: tr(lang, "analysis.heatmap").to_owned(), size_pt: 12.0 });
    blocks.push(Block::Paragraph { text: tr(lang, "gaps.rule").to_owned(), size_pt: 9.0, align: Align::Left });
    let mut order: Vec<&crate::domain::selfcheck::HeatRow> = analysis.rows.iter().filter(|r| r.status.is_some()).collect();
    order.sort_by_key(|r| std::cmp::Reverse(r.total()));
    let mut heat_header = vec![Cell::label(tr(lang, "field.name"))];
    heat_header.extend(names.iter().map(|n| Cell::label(n.clone())));
    heat_header.push(Cell::label(tr(lang, "analysis.total")));
    let person = |id| people.get(&id).map_or(String::new(), |p| format!("{}({})", p.0, p.1));
    blocks.push(Block::Grid(Grid {
        columns: std::iter::once(1.6).chain(std::iter::repeat_n(0.6, 9)).collect(),
        header: Some(heat_header),
        rows: order
            .iter()
            .map(|row| {
                let mut cells = vec![Cell::new(person(row.official))];
                cells.extend(row.gaps.iter().map(|g| Cell { align: Align::Center, ..Cell::new(g.map_or("—".into(), |g| g.to_string())) }));
                cells.push(Cell {
                    align: Align::Center,
                    ..Cell::new(row.total().map_or_else(|| tr(lang, "gaps.unfilled").to_owned(), |t| t.to_string()))
                });
                (cells, Mm(0.0))
            })
            .collect(),
        size_pt: 9.0,
    }));
    blocks.push(Block::Heading { text: tr(lang, "analysis.below").to_owned(), size_pt: 12.0 });
    blocks.push(Block::Bars {
        rows: names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let count = analysis.below[i].len();
                let share = if c.participants == 0 { 0.0 } else { count as f32 / c.participants as f32 };
                (n.clone(), share, count.to_string())
            })
            .collect(),
        size_pt: 10.0,
    });
    if let Some(plan) = unit_plan {
        plan_table(&mut blocks, lang, &names, tr(lang, "plan.unit_title"), plan);
    }
    blocks.push(Block::Heading { text: tr(lang, "analysis.reminders").to_owned(), size_pt: 12.0 });
    let pending: Vec<_> =
        analysis.rows.iter().filter(|r| matches!(r.status, None | Some(CheckStatus::Draft) | Some(CheckStatus::Returned))).collect();
    blocks.push(Block::Grid(Grid {
        columns: vec![1.0, 1.0, 2.6, 1.0],
        header: header_row(lang, &["field.name", "field.staff_no", "field.unit", "field.status"]),
        rows: pending
            .iter()
            .map(|r| {
                let (name, staff_no, unit) = people.get(&r.official).cloned().unwrap_or_default();
                let status = r.status.map_or("selfcheck.status.none".to_owned(), |s| format!("selfcheck.status.{}", s.code()));
                (vec![Cell::new(name), Cell::new(staff_no), Cell::new(unit), Cell::new(tr(lang, &status))], Mm(0.0))
            })
            .collect(),
        size_pt: 9.5,
    }));
    printout(lang, "print.round_summary_title", &[bureau, round], blocks)
}
