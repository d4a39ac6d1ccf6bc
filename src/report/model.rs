//! What goes on paper, decided from the bureau's data: documents as blocks, independent of
//! how they are laid out or painted.

use super::layout::{Align, Block, Cell, Document, Grid, Mm};
use crate::domain::Lang;
use crate::domain::catalogue::Catalogue;
use crate::domain::org::{Post, Unit, unit_path};
use crate::i18n::{fill, tr};

/// A grid's header row from text keys.
fn header_row(lang: Lang, keys: &[&str]) -> Option<Vec<Cell>> {
    Some(keys.iter().map(|k| Cell::label(tr(lang, k))).collect())
}

/// Starts a sheet: a new page after the first, the title and the line under it.
/// A printout: its title (the text under `key` filled with `fill_in`), its blocks, and the
/// page footer every printout carries.
fn printout(lang: Lang, key: &str, fill_in: &[&str], blocks: Vec<Block>) -> Document {
    Document { title: fill(tr(lang, key), fill_in), blocks, footer: Some(tr(lang, "print.footer").to_owned()) }
}

fn start_sheet(blocks: &mut Vec<Block>, title: &str, subtitle: String) {
    if !blocks.is_empty() {
        blocks.push(Block::NewSheet);
    }
    blocks.push(Block::Title { text: title.to_owned(), size_pt: 18.0 });
    blocks.push(Block::Paragraph { text: subtitle, size_pt: 11.0, align: Align::Center });
    blocks.push(Block::Spacer(Mm(4.0)));
}

/// The 崗位職位說明書 of each post, one sheet per post.
pub fn duty_statements(lang: Lang, bureau: &str, catalogue: &Catalogue, units: &[Unit], posts: &[&Post]) -> Document {
    let mut blocks = Vec::new();
    for post in posts {
        start_sheet(&mut blocks, tr(lang, "print.duty_statement"), bureau.to_owned());
        let row = |label: &str, value: String, min_height: f32| (vec![Cell::label(label), Cell::new(value).span(3)], Mm(min_height));
        let grid = Grid {
            columns: vec![1.0, 1.6, 1.0, 1.6],
            header: None,
            rows: vec![
                (
                    vec![
                        Cell::label(tr(lang, "field.title")),
                        Cell::new(post.title.clone()),
                        Cell::label(tr(lang, "field.tier")),
                        Cell::new(catalogue.tier_name(post.tier, lang)),
                    ],
                    Mm(0.0),
                ),
                (
                    vec![
                        Cell::label(tr(lang, "field.unit")),
                        Cell::new(unit_path(units, post.unit)),
                        Cell::label(tr(lang, "field.headcount")),
                        Cell::new(post.headcount.to_string()),
                    ],
                    Mm(0.0),
                ),
                row(
                    tr(lang, "print.expectation"),
                    catalogue.tier(post.tier).map(|t| t.expectation.get(lang).to_owned()).unwrap_or_default(),
                    0.0,
                ),
                row(tr(lang, "field.duties"), post.duties.clone(), 40.0),
                row(tr(lang, "field.standard"), post.standard.clone(), 28.0),
                row(tr(lang, "field.authority"), post.authority.clone(), 28.0),
                row(tr(lang, "field.time_limits"), post.time_limits.clone(), 28.0),
                row(tr(lang, "field.responsibility"), post.responsibility.clone(), 28.0),
            ],
            size_pt: 11.0,
        };
        blocks.push(Block::Grid(grid));
    }
    printout(lang, "print.duty_statements_title", &[bureau], blocks)
}

/// One official's line of facts for a 能力席位書.
pub struct SeatSheet<'a> {
    pub name: &'a str,
    pub staff_no: &'a str,
    pub unit: String,
    pub post: &'a str,
    pub tier: crate::domain::catalogue::RankTier,
    pub position_title: &'a str,
    pub seat: &'a crate::domain::standards::SeatData,
}

/// The 能力席位書 of each official, one sheet each: who they are, the level they commit to
/// on each of the 八種能力 with the scale's descriptor, their 工作格言 and commitments.
pub fn seat_statements(
    lang: Lang,
    bureau: &str,
    year: i32,
    catalogue: &Catalogue,
    scale: &crate::domain::standards::Scale,
    sheets: &[SeatSheet<'_>],
) -> Document {
    let mut blocks = Vec::new();
    for sheet in sheets {
        start_sheet(&mut blocks, tr(lang, "print.seat_statement"), fill(tr(lang, "print.year_line"), &[bureau, &year.to_string()]));
        let pair = |a: &str, b: String, c: &str, d: String| (vec![Cell::label(a), Cell::new(b), Cell::label(c), Cell::new(d)], Mm(0.0));
        let expectation =
            catalogue.tier(sheet.tier).map(|t| format!("{}({})", t.name.get(lang), t.expectation.get(lang))).unwrap_or_default();
        blocks.push(Block::Grid(Grid {
            columns: vec![1.0, 1.6, 1.0, 1.6],
            header: None,
            rows: vec![
                pair(tr(lang, "field.name"), sheet.name.to_owned(), tr(lang, "field.staff_no"), sheet.staff_no.to_owned()),
                pair(tr(lang, "field.unit"), sheet.unit.clone(), tr(lang, "field.post"), sheet.post.to_owned()),
                pair(tr(lang, "field.tier"), expectation, tr(lang, "field.position_title"), sheet.position_title.to_owned()),
            ],
            size_pt: 11.0,
        }));
        blocks.push(Block::Spacer(Mm(3.0)));
        let rows = catalogue
            .capabilities
            .iter()
            .map(|c| {
                let level = sheet.seat.levels.get(&c.position).copied();
                let level_text = level.map_or("—".to_owned(), |l| fill(tr(lang, "standards.level"), &[&l.to_string()]));
                let descriptor = level.map_or("", |l| scale.descriptor(c.position, l, lang));
                (
                    vec![
                        Cell::label(c.name.get(lang)),
                        Cell::new(c.slogan.get(lang)),
                        Cell { align: Align::Center, ..Cell::new(level_text) },
                        Cell::new(descriptor),
                    ],
                    Mm(0.0),
                )
            })
            .collect();
        blocks.push(Block::Grid(Grid {
            columns: vec![0.9, 1.6, 0.7, 2.6],
            header: Some(vec![
                Cell::label(tr(lang, "standards.capability")),
                Cell::label(tr(lang, "print.slogan")),
                Cell::label(tr(lang, "print.level")),
                Cell::label(tr(lang, "print.descriptor")),
            ]),
            rows,
            size_pt: 10.5,
        }));
        blocks.push(Block::Spacer(Mm(3.0)));
        blocks.push(Block::Grid(Grid {
            columns: vec![1.0, 4.8],
            header: None,
            rows: vec![
                (vec![Cell::label(tr(lang, "print.motto")), Cell::new(sheet.seat.motto.clone())], Mm(10.0)),
                (vec![Cell::label(tr(lang, "print.commitments")), Cell::new(sheet.seat.commitments.clone())], Mm(50.0)),
                (
                    vec![Cell::label(tr(lang, "print.signature")), Cell { align: Align::Right, ..Cell::new(tr(lang, "print.sign_date")) }],
                    Mm(14.0),
                ),
            ],
            size_pt: 11.0,
        }));
    }
    printout(lang, "print.seat_statements_title", &[bureau, &year.to_string()], blocks)
}

/// Each post's 能力席位標準 for the year, one sheet each: the required level per tier for the
/// 八種能力, the 應知應會 items, and the duty statement's 標準, 權限, 時限 and 責任.
pub fn post_standards(
    lang: Lang,
    bureau: &str,
    year: i32,
    catalogue: &Catalogue,
    units: &[Unit],
    posts: &[(&Post, &crate::domain::standards::StandardData)],
) -> Document {
    let mut blocks = Vec::new();
    for (post, standard) in posts {
        start_sheet(&mut blocks, tr(lang, "print.post_standard"), fill(tr(lang, "print.year_line"), &[bureau, &year.to_string()]));
        blocks.push(Block::Grid(Grid {
            columns: vec![1.0, 1.6, 1.0, 1.6],
            header: None,
            rows: vec![(
                vec![
                    Cell::label(tr(lang, "field.title")),
                    Cell::new(post.title.clone()),
                    Cell::label(tr(lang, "field.unit")),
                    Cell::new(unit_path(units, post.unit)),
                ],
                Mm(0.0),
            )],
            size_pt: 11.0,
        }));
        blocks.push(Block::Spacer(Mm(3.0)));
        let mut tiers = standard.tiers();
        tiers.sort_by_key(|t| (*t != post.tier, *t));
        let mut header = vec![Cell::label(tr(lang, "standards.capability"))];
        header.extend(tiers.iter().map(|t| Cell::label(catalogue.tier_name(*t, lang))));
        let rows = catalogue
            .capabilities
            .iter()
            .map(|c| {
                let mut cells = vec![Cell::label(c.name.get(lang))];
                cells.extend(tiers.iter().map(|t| Cell {
                    align: Align::Center,
                    ..Cell::new(standard.levels.get(&(*t, c.position)).map_or("—".to_owned(), |l| l.to_string()))
                }));
                (cells, Mm(0.0))
            })
            .collect();
        blocks.push(Block::Grid(Grid {
            columns: std::iter::once(1.4).chain(tiers.iter().map(|_| 1.0)).collect(),
            header: Some(header),
            rows,
            size_pt: 10.5,
        }));
        if !standard.items.is_empty() {
            blocks.push(Block::Spacer(Mm(3.0)));
            let rows = standard
                .items
                .iter()
                .map(|item| {
                    let kind = tr(
                        lang,
                        if item.kind == crate::domain::standards::ItemKind::Knowledge { "standards.knowledge" } else { "standards.skill" },
                    );
                    (
                        vec![
                            Cell::label(kind),
                            Cell::new(item.text.clone()),
                            Cell { align: Align::Center, ..Cell::new(item.level.to_string()) },
                        ],
                        Mm(0.0),
                    )
                })
                .collect();
            blocks.push(Block::Grid(Grid {
                columns: vec![0.8, 4.2, 0.8],
                header: Some(vec![
                    Cell::label(tr(lang, "print.item_kind")),
                    Cell::label(tr(lang, "standards.items")),
                    Cell::label(tr(lang, "print.level")),
                ]),
                rows,
                size_pt: 10.5,
            }));
        }
        blocks.push(Block::Spacer(Mm(3.0)));
        let row = |label: &str, value: &str| (vec![Cell::label(label), Cell::new(value)], Mm(14.0));
        blocks.push(Block::Grid(Grid {
            columns: vec![1.0, 4.8],
            header: None,
            rows: vec![
                row(tr(lang, "field.standard"), &post.standard),
                row(tr(lang, "field.authority"), &post.authority),
                row(tr(lang, "field.time_limits"), &post.time_limits),
                row(tr(lang, "field.responsibility"), &post.responsibility),
            ],
            size_pt: 11.0,
        }));
    }
    printout(lang, "print.post_standards_title", &[bureau, &year.to_string()], blocks)
}

/// The programme report for the leading group, as things stand on `date`: the phases, every
/// milestone's status, the figures measured from the data as bars, completion per unit and
/// the 領導小組.
pub fn programme_report(
    lang: Lang,
    bureau: &str,
    programme: &crate::domain::programme::Programme,
    date: chrono::NaiveDate,
    figures: &[(crate::domain::programme::Measure, Option<crate::domain::programme::Ratio>)],
    completion: &[crate::domain::programme::UnitCompletion],
    units: &[Unit],
) -> Document {
    use crate::domain::dates::format_date;
    use crate::domain::programme::shown_status;
    let mut blocks = Vec::new();
    start_sheet(
        &mut blocks,
        tr(lang, "report.title"),
        fill(tr(lang, "report.subtitle"), &[bureau, &programme.year.to_string(), &format_date(date)]),
    );
    blocks.push(Block::Heading { text: tr(lang, "report.phases").to_owned(), size_pt: 13.0 });
    let phase_state = |start: chrono::NaiveDate, end: chrono::NaiveDate| {
        tr(
            lang,
            if date > end {
                "report.phase_over"
            } else if date >= start {
                "report.phase_current"
            } else {
                "report.phase_ahead"
            },
        )
    };
    blocks.push(Block::Grid(Grid {
        columns: vec![2.0, 2.4, 1.2],
        header: Some(vec![
            Cell::label(tr(lang, "report.phase")),
            Cell::label(tr(lang, "programme.dates")),
            Cell::label(tr(lang, "field.status")),
        ]),
        rows: programme
            .phases
            .iter()
            .map(|p| {
                (
                    vec![
                        Cell::new(p.name.get(lang)),
                        Cell::new(format!("{} – {}", format_date(p.start), format_date(p.end))),
                        Cell::new(phase_state(p.start, p.end)),
                    ],
                    Mm(0.0),
                )
            })
            .collect(),
        size_pt: 10.5,
    }));
    blocks.push(Block::Heading { text: tr(lang, "report.milestones").to_owned(), size_pt: 13.0 });
    let unit_name =
        |id: Option<crate::domain::UnitId>| id.and_then(|id| units.iter().find(|u| u.id == id)).map_or(String::new(), |u| u.name.clone());
    blocks.push(Block::Grid(Grid {
        columns: vec![3.2, 1.4, 1.2, 1.0],
        header: Some(vec![
            Cell::label(tr(lang, "report.milestone")),
            Cell::label(tr(lang, "programme.unit")),
            Cell::label(tr(lang, "programme.due")),
            Cell::label(tr(lang, "field.status")),
        ]),
        rows: programme
            .phases
            .iter()
            .flat_map(|p| &p.milestones)
            .map(|m| {
                let shown = shown_status(m.data.status, m.data.due, m.data.done_on.filter(|d| *d <= date), date);
                (
                    vec![
                        Cell::new(m.title.get(lang)),
                        Cell::new(unit_name(m.data.unit)),
                        Cell::new(format_date(m.data.due)),
                        Cell::new(tr(lang, shown.key())),
                    ],
                    Mm(0.0),
                )
            })
            .collect(),
        size_pt: 10.5,
    }));
    blocks.push(Block::Heading { text: tr(lang, "report.figures").to_owned(), size_pt: 13.0 });
    blocks.push(Block::Bars {
        rows: figures
            .iter()
            .map(|(measure, ratio)| {
                let label = tr(lang, crate::i18n::measure_key(*measure)).to_owned();
                match ratio {
                    Some(r) => (label, r.fraction(), format!("{} / {}", r.done, r.total)),
                    None => (label, 0.0, tr(lang, "report.not_available").to_owned()),
                }
            })
            .collect(),
        size_pt: 10.5,
    });
    blocks.push(Block::Heading { text: tr(lang, "report.by_unit").to_owned(), size_pt: 13.0 });
    let ratio = |r: crate::domain::programme::Ratio| format!("{} / {}", r.done, r.total);
    blocks.push(Block::Grid(Grid {
        columns: vec![2.0, 1.6, 1.6],
        header: Some(vec![
            Cell::label(tr(lang, "field.unit")),
            Cell::label(tr(lang, "measure.standards")),
            Cell::label(tr(lang, "measure.seat_statements")),
        ]),
        rows: completion
            .iter()
            .map(|c| {
                (
                    vec![
                        Cell::new(unit_name(Some(c.unit))),
                        Cell { align: Align::Center, ..Cell::new(ratio(c.standards)) },
                        Cell { align: Align::Center, ..Cell::new(ratio(c.seats)) },
                    ],
                    Mm(0.0),
                )
            })
            .collect(),
        size_pt: 10.5,
    }));
    if !programme.members.is_empty() {
        blocks.push(Block::Heading { text: tr(lang, "report.group").to_owned(), size_pt: 13.0 });
        blocks.push(Block::Grid(Grid {
            columns: vec![1.2, 1.2, 3.0],
            header: None,
            rows: programme
                .members
                .iter()
                .map(|(_, m)| {
                    (
                        vec![
                            Cell::label(tr(lang, &format!("role.{}", m.role.code()))),
                            Cell::new(m.name.clone()),
                            Cell::new(m.duty.clone()),
                        ],
                        Mm(0.0),
                    )
                })
                .collect(),
            size_pt: 10.5,
        }));
    }
    printout(lang, "report.file_title", &[bureau, &format_date(date)], blocks)
}

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
    use super::layout::RadarSeries;
    use crate::domain::selfcheck::{gap_lines, largest_gaps};
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
                        centred(level_text(l.required)),
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
        blocks.push(Block::Paragraph { text: tr(lang, "gaps.rule").to_owned(), size_pt: 9.0, align: Align::Left });
        let largest: Vec<String> = largest_gaps(&lines)
            .iter()
            .map(|l| format!("{} {}", names.get(usize::from(l.capability) - 1).cloned().unwrap_or_default(), l.gap().unwrap_or(0)))
            .collect();
        let largest =
            if largest.is_empty() { tr(lang, "gaps.none").to_owned() } else { largest.join(if lang == Lang::En { ", " } else { "、" }) };
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

/// Test and exam scores: the test, its day, the score, passed or not.
fn scores_grid(blocks: &mut Vec<Block>, lang: Lang, scores: &[(crate::domain::selfcheck::Test, f64)]) {
    let rows = scores
        .iter()
        .map(|(test, score)| {
            (
                vec![
                    Cell::new(test.name.clone()),
                    Cell::new(crate::domain::dates::format_date(test.date)),
                    Cell::new(format!("{score}")),
                    Cell::new(tr(lang, if *score >= test.pass_mark { "tests.pass" } else { "tests.fail" })),
                ],
                Mm(0.0),
            )
        })
        .collect();
    blocks.push(Block::Grid(Grid {
        columns: vec![2.4, 1.0, 0.8, 0.8],
        header: header_row(lang, &["tests.name", "tests.date", "field.score", "tests.result"]),
        rows,
        size_pt: 10.0,
    }));
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
                cells.push(Cell { align: Align::Center, ..Cell::new(row.total().to_string()) });
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

/// A session's 簽到表: the session's details, then one numbered row per person expected with
/// a box to sign and one for remarks.
pub fn sign_in(
    lang: Lang,
    bureau: &str,
    session: &crate::domain::training::Session,
    kind: &str,
    expected: &[crate::domain::training_views::Expected],
) -> Document {
    let d = &session.data;
    let mut blocks = Vec::new();
    start_sheet(&mut blocks, tr(lang, "print.sign_in"), format!("{bureau} · {}", d.title));
    let pair = |a: &str, b: String, c: &str, e: String| (vec![Cell::label(a), Cell::new(b), Cell::label(c), Cell::new(e)], Mm(0.0));
    blocks.push(Block::Grid(Grid {
        columns: vec![1.0, 1.8, 1.0, 1.8],
        header: None,
        rows: vec![
            pair(
                tr(lang, "training.date"),
                format!("{} {}", crate::domain::dates::format_date(d.date), d.time),
                tr(lang, "training.kind"),
                kind.to_owned(),
            ),
            pair(tr(lang, "training.place"), d.place.clone(), tr(lang, "training.hours"), d.hours.to_string()),
            pair(tr(lang, "training.organiser"), d.organiser.clone(), tr(lang, "training.lead"), d.lead.clone()),
        ],
        size_pt: 10.5,
    }));
    blocks.push(Block::Spacer(Mm(3.0)));
    let rows = expected
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (
                vec![
                    Cell { align: Align::Center, ..Cell::new((i + 1).to_string()) },
                    Cell::new(e.staff_no.clone()),
                    Cell::new(e.name.clone()),
                    Cell::new(e.unit_name.clone()),
                    Cell::new(""),
                    Cell::new(""),
                ],
                Mm(9.0),
            )
        })
        .collect();
    blocks.push(Block::Grid(Grid {
        columns: vec![0.5, 1.0, 1.0, 1.6, 1.6, 1.0],
        header: header_row(lang, &["print.number", "field.staff_no", "field.name", "field.unit", "print.signature_cell", "print.remarks"]),
        rows,
        size_pt: 10.5,
    }));
    printout(lang, "print.sign_in_title", &[&d.title], blocks)
}

/// An official's 培訓檔案 for a year: who they are, each session attended and each study
/// record (dates, title, type, organiser, 學時, result, certificate), totals by type, quotas.
pub fn training_file(
    lang: Lang,
    bureau: &str,
    unit: &str,
    kinds: &[crate::domain::training::Kind],
    file: &crate::domain::training_views::TrainingFile,
) -> Document {
    let kind_name = |code: &str| kinds.iter().find(|k| k.code == code).map_or(code.to_owned(), |k| k.name.get(lang).to_owned());
    let mut blocks = Vec::new();
    start_sheet(&mut blocks, tr(lang, "print.training_file"), fill(tr(lang, "print.year_line"), &[bureau, &file.year.to_string()]));
    let o = &file.official;
    blocks.push(Block::Grid(Grid {
        columns: vec![1.0, 1.6, 1.0, 1.6],
        header: None,
        rows: vec![
            (
                vec![
                    Cell::label(tr(lang, "field.name")),
                    Cell::new(o.name.clone()),
                    Cell::label(tr(lang, "field.staff_no")),
                    Cell::new(o.staff_no.clone()),
                ],
                Mm(0.0),
            ),
            (
                vec![
                    Cell::label(tr(lang, "field.unit")),
                    Cell::new(unit),
                    Cell::label(tr(lang, "field.position_title")),
                    Cell::new(o.position_title.clone()),
                ],
                Mm(0.0),
            ),
        ],
        size_pt: 10.5,
    }));
    blocks.push(Block::Spacer(Mm(3.0)));
    let rows = file
        .lines
        .iter()
        .map(|line| {
            let (l, mark) = (&line.study, line.mark);
            let days = if l.end == l.start {
                crate::domain::dates::format_date(l.start)
            } else {
                format!("{} – {}", crate::domain::dates::format_date(l.start), crate::domain::dates::format_date(l.end))
            };
            let result = match mark {
                Some(mark) => tr(lang, &format!("training.mark.{}", mark.code())).to_owned(),
                None => l.result.clone(),
            };
            (
                vec![
                    Cell::new(days),
                    Cell::new(l.title.clone()),
                    Cell::new(kind_name(&l.kind)),
                    Cell::new(l.organiser.clone()),
                    Cell { align: Align::Center, ..Cell::new(format!("{}", l.hours)) },
                    Cell::new(result),
                    Cell::new(l.certificate.clone()),
                ],
                Mm(0.0),
            )
        })
        .collect();
    blocks.push(Block::Grid(Grid {
        columns: vec![1.3, 2.0, 0.9, 1.0, 0.5, 0.7, 1.0],
        header: header_row(
            lang,
            &[
                "training.date",
                "training.title",
                "training.kind",
                "training.organiser",
                "training.hours",
                "training.result",
                "training.certificate",
            ],
        ),
        rows,
        size_pt: 9.5,
    }));
    blocks.push(Block::Heading { text: tr(lang, "training.totals").to_owned(), size_pt: 12.0 });
    let total_hours: f32 = file.totals.values().map(|t| t.1).sum();
    let total_sessions: u32 = file.totals.values().map(|t| t.0).sum();
    let mut rows: Vec<(Vec<Cell>, Mm)> = file
        .totals
        .iter()
        .map(|(kind, (n, hours))| (vec![Cell::new(kind_name(kind)), Cell::new(n.to_string()), Cell::new(format!("{hours}"))], Mm(0.0)))
        .collect();
    rows.push((
        vec![Cell::label(tr(lang, "analysis.total")), Cell::new(total_sessions.to_string()), Cell::new(format!("{total_hours}"))],
        Mm(0.0),
    ));
    blocks.push(Block::Grid(Grid {
        columns: vec![2.0, 1.0, 1.0],
        header: header_row(lang, &["training.kind", "training.sessions", "training.hours"]),
        rows,
        size_pt: 10.0,
    }));
    if !file.scores.is_empty() {
        blocks.push(Block::Heading { text: tr(lang, "training.exams").to_owned(), size_pt: 12.0 });
        scores_grid(&mut blocks, lang, &file.scores);
    }
    if !file.standings.is_empty() {
        blocks.push(Block::Heading { text: tr(lang, "training.quotas").to_owned(), size_pt: 12.0 });
        let rows = file
            .standings
            .iter()
            .map(|(rule, s)| {
                let verdict = if s.met() {
                    "training.met"
                } else if s.behind() {
                    "training.behind"
                } else {
                    "training.on_pace"
                };
                (
                    vec![
                        Cell::new(rule.name.get(lang)),
                        Cell::new(format!("{:.0} / {:.0}", s.done, s.required)),
                        Cell::new(tr(lang, verdict)),
                    ],
                    Mm(0.0),
                )
            })
            .collect();
        blocks.push(Block::Grid(Grid {
            columns: vec![3.0, 1.0, 0.8],
            header: header_row(lang, &["training.quota", "training.done_required", "field.status"]),
            rows,
            size_pt: 10.0,
        }));
    }
    printout(lang, "print.training_file_title", &[&file.official.name, &file.year.to_string()], blocks)
}

/// Compliance with the quotas: per rule how many it applies to, have met it and are behind;
/// then everyone behind with what they have done against what is required.
pub fn training_compliance(
    lang: Lang,
    bureau: &str,
    scope: &str,
    compliance: &crate::domain::training_views::Compliance,
    people: &std::collections::HashMap<crate::domain::OfficialId, (String, String, String)>,
) -> Document {
    let mut blocks = Vec::new();
    start_sheet(&mut blocks, tr(lang, "print.training_compliance"), format!("{bureau} · {} · {scope}", compliance.year));
    let rows = compliance
        .rules
        .iter()
        .zip(compliance.summary())
        .map(|(rule, (n, met, behind))| {
            (
                vec![Cell::new(rule.name.get(lang)), Cell::new(n.to_string()), Cell::new(met.to_string()), Cell::new(behind.to_string())],
                Mm(0.0),
            )
        })
        .collect();
    blocks.push(Block::Grid(Grid {
        columns: vec![3.0, 0.8, 0.8, 0.8],
        header: header_row(lang, &["training.quota", "training.applies", "training.met", "training.behind"]),
        rows,
        size_pt: 10.0,
    }));
    blocks.push(Block::Heading { text: tr(lang, "training.behind_list").to_owned(), size_pt: 12.0 });
    let mut rows = Vec::new();
    for person in compliance.people.iter().filter(|p| p.behind()) {
        let (name, staff_no, unit) = people.get(&person.official).cloned().unwrap_or_default();
        let gaps: Vec<String> = compliance
            .rules
            .iter()
            .zip(&person.standings)
            .filter_map(|(rule, s)| s.filter(|s| s.behind()).map(|s| format!("{} {:.0}/{:.0}", rule.name.get(lang), s.done, s.required)))
            .collect();
        rows.push((vec![Cell::new(format!("{name}({staff_no})")), Cell::new(unit), Cell::new(gaps.join(";"))], Mm(0.0)));
    }
    blocks.push(Block::Grid(Grid {
        columns: vec![1.2, 1.6, 3.0],
        header: header_row(lang, &["field.name", "field.unit", "training.gaps"]),
        rows,
        size_pt: 9.5,
    }));
    printout(lang, "print.training_compliance_title", &[bureau, &compliance.year.to_string()], blocks)
}

/// What one 公務員年度考核登記表 shows: the roster's facts, the year-end record (none for a
/// blank form), and this bureau's addition — the eight capability levels and the year's 學時.
pub struct YearEndSheet {
    pub year: Option<i32>,
    pub name: String,
    pub gender: String,
    pub birth: String,
    pub political: String,
    pub post_since: String,
    pub unit_post: String,
    pub record: Option<crate::domain::yearend::YearEndData>,
    /// Capability name and assessed level, in the fixed order.
    pub levels: Vec<(String, Option<u8>)>,
    pub training_hours: Option<f32>,
}

fn sign_line(lang: Lang, opinion: Option<&crate::domain::yearend::Opinion>) -> Cell {
    let day = opinion.and_then(|o| o.on).map_or_else(
        || tr(lang, "sheet.blank_day").to_owned(),
        |d| {
            use chrono::Datelike;
            fill(tr(lang, "sheet.day"), &[&d.year().to_string(), &d.month().to_string(), &d.day().to_string()])
        },
    );
    let by = opinion.map(|o| o.by.as_str()).filter(|b| !b.is_empty()).unwrap_or("__________");
    Cell { align: Align::Right, ..Cell::new(fill(tr(lang, "sheet.sign"), &[by, &day])) }
}

/// The 公務員年度考核登記表, one A4 grid per official: title and year, the personal rows, the
/// tall 個人總結 (continued on the next page when long, never cut), the 自查驗收, the eight
/// capability levels and training 學時, then each opinion block with 簽名 and 年 月 日 at its
/// bottom right, and the closing rows. A sheet without a record is a blank form.
pub fn yearend_sheets(lang: Lang, bureau: &str, sheets: &[YearEndSheet]) -> Document {
    let mut blocks = Vec::new();
    for sheet in sheets {
        if !blocks.is_empty() {
            blocks.push(Block::NewSheet);
        }
        blocks.push(Block::Title { text: tr(lang, "sheet.title").to_owned(), size_pt: 20.0 });
        let year = sheet.year.map_or_else(|| tr(lang, "sheet.blank_year").to_owned(), |y| fill(tr(lang, "sheet.year"), &[&y.to_string()]));
        blocks.push(Block::Paragraph { text: year, size_pt: 12.0, align: Align::Center });
        blocks.push(Block::Spacer(Mm(3.0)));
        let r = sheet.record.as_ref();
        let text = |f: fn(&crate::domain::yearend::YearEndData) -> String| r.map(f).unwrap_or_default();
        let label = |key: &str| Cell::label(tr(lang, key));
        let value = |v: String| Cell::new(v);
        let mut rows: Vec<(Vec<Cell>, Mm)> = vec![
            (
                vec![
                    label("sheet.name"),
                    value(sheet.name.clone()),
                    label("sheet.gender"),
                    value(sheet.gender.clone()),
                    label("sheet.birth"),
                    value(sheet.birth.clone()),
                ],
                Mm(9.0),
            ),
            (
                vec![
                    label("sheet.political"),
                    value(sheet.political.clone()),
                    label("sheet.post_since"),
                    value(sheet.post_since.clone()).span(3),
                ],
                Mm(9.0),
            ),
            (vec![label("sheet.unit_post"), value(sheet.unit_post.clone()).span(5)], Mm(9.0)),
            (vec![label("sheet.work"), value(text(|d| d.work.clone())).span(5)], Mm(10.0)),
            (vec![label("sheet.summary"), value(text(|d| d.summary.clone())).span(5)], Mm(36.0)),
        ];
        let standards: Vec<String> = (1..=crate::domain::yearend::STANDARDS)
            .map(|i| {
                let name = tr(lang, &format!("yearend.standard.{i}"));
                let own = r.map(|d| &d.own[i - 1]);
                let met = own.and_then(|e| e.met).map_or("", |m| tr(lang, &format!("yearend.met.{}", m.code())));
                let note = own.map_or(String::new(), |e| e.text.clone());
                format!("{i}. {name}{}{met} {note}", crate::i18n::colon(lang))
            })
            .collect();
        rows.push((vec![label("sheet.acceptance"), value(standards.join("\n")).span(5)], Mm(20.0)));
        let levels: Vec<String> =
            sheet.levels.iter().map(|(n, l)| format!("{n} {}", l.map_or("—".to_owned(), |l| l.to_string()))).collect();
        let hours = sheet.training_hours.map_or(String::new(), |h| fill(tr(lang, "sheet.hours"), &[&format!("{h}")]));
        rows.push((vec![label("sheet.capabilities"), value(format!("{}\n{hours}", levels.join("  "))).span(5)], Mm(12.0)));
        rows.push((vec![label("sheet.rewards"), value(text(|d| d.rewards.clone())).span(5)], Mm(9.0)));
        rows.push((vec![label("sheet.training"), value(text(|d| d.training.clone())).span(5)], Mm(9.0)));
        let grade_name =
            |g: Option<crate::domain::yearend::Grade>| g.map_or(String::new(), |g| tr(lang, &format!("grade.{}", g.code())).to_owned());
        let proposed = r.and_then(|d| d.proposed).map_or(String::new(), |g| fill(tr(lang, "sheet.proposed"), &[&grade_name(Some(g))]));
        let supervisor = format!("{}\n{proposed}", text(|d| d.supervisor.text.clone()));
        rows.push((vec![label("sheet.supervisor"), value(supervisor).span(5)], Mm(14.0)));
        rows.push((vec![Cell::new(""), sign_line(lang, r.map(|d| &d.supervisor)).span(5)], Mm(7.0)));
        let agrees = match r.and_then(|d| d.agrees) {
            Some(true) => tr(lang, "sheet.agree"),
            Some(false) => tr(lang, "sheet.disagree"),
            None => "",
        };
        let grade = r.and_then(|d| d.grade).map_or(String::new(), |g| fill(tr(lang, "sheet.grade"), &[&grade_name(Some(g))]));
        let committee = format!("{agrees} {}\n{grade}", text(|d| d.committee.text.clone()));
        rows.push((vec![label("sheet.committee"), value(committee).span(5)], Mm(14.0)));
        rows.push((vec![Cell::new(""), sign_line(lang, r.map(|d| &d.committee)).span(5)], Mm(7.0)));
        rows.push((vec![label("sheet.official"), value(text(|d| d.official.text.clone())).span(5)], Mm(10.0)));
        rows.push((vec![Cell::new(""), sign_line(lang, r.map(|d| &d.official)).span(5)], Mm(7.0)));
        rows.push((vec![label("sheet.undetermined"), value(text(|d| d.undetermined.clone())).span(5)], Mm(10.0)));
        rows.push((vec![label("sheet.remarks"), value(text(|d| d.remarks.clone())).span(5)], Mm(9.0)));
        blocks.push(Block::Grid(Grid { columns: vec![1.5, 1.3, 1.0, 1.0, 0.9, 1.2], header: None, rows, size_pt: 10.5 }));
    }
    printout(lang, "sheet.document_title", &[bureau], blocks)
}

/// The grade roster (花名冊) of a year for a unit or the bureau: each official with their
/// grade, then the 優秀 quota's use (with a warning line when over).
pub fn grade_roster(
    lang: Lang,
    bureau: &str,
    year: i32,
    scope: &str,
    rows: &[(String, String, String, Option<crate::domain::yearend::Grade>)],
    quota: crate::domain::yearend::QuotaUse,
) -> Document {
    let mut blocks = Vec::new();
    start_sheet(&mut blocks, tr(lang, "print.grade_roster"), format!("{bureau} · {year} · {scope}"));
    let body = rows
        .iter()
        .enumerate()
        .map(|(i, (name, staff_no, unit, grade))| {
            let grade = grade.map_or(String::new(), |g| tr(lang, &format!("grade.{}", g.code())).to_owned());
            (
                vec![
                    Cell { align: Align::Center, ..Cell::new((i + 1).to_string()) },
                    Cell::new(staff_no.clone()),
                    Cell::new(name.clone()),
                    Cell::new(unit.clone()),
                    Cell::new(grade),
                ],
                Mm(0.0),
            )
        })
        .collect();
    blocks.push(Block::Grid(Grid {
        columns: vec![0.5, 1.0, 1.0, 2.4, 1.0],
        header: header_row(lang, &["print.number", "field.staff_no", "field.name", "field.unit", "yearend.grade"]),
        rows: body,
        size_pt: 10.0,
    }));
    blocks.push(Block::Spacer(Mm(3.0)));
    let line =
        fill(tr(lang, "yearend.quota_line"), &[&quota.assessed.to_string(), &quota.excellent.to_string(), &quota.allowed.to_string()]);
    blocks.push(Block::Paragraph { text: line, size_pt: 10.5, align: Align::Left });
    if quota.over() {
        blocks.push(Block::Paragraph { text: tr(lang, "yearend.quota_over").to_owned(), size_pt: 10.5, align: Align::Left });
    }
    printout(lang, "print.grade_roster_title", &[bureau, &year.to_string()], blocks)
}

/// One line of the bureau's year-end summary: a unit directly under the bureau (with its
/// sub-units), its figures and its 檢查驗收.
pub struct SummaryLine<'a> {
    pub name: String,
    pub figures: crate::domain::yearend::YearFigures,
    pub review: Option<&'a crate::domain::yearend::UnitReview>,
}

fn share_bar(label: &str, done: usize, total: usize, figure: String) -> (String, f32, String) {
    let share = if total == 0 { 0.0 } else { done as f32 / total as f32 };
    (label.to_owned(), share, figure)
}

fn average_text(value: Option<f32>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}"))
}

/// The bureau's year-end summary (phase three, 總結評估): grades by unit with the 優秀 quota's
/// use, capability averages and gaps by unit, training compliance, each as a table and a bar
/// chart, then each unit's 檢查驗收 against the five standards.
pub fn yearend_summary(
    lang: Lang,
    bureau: &str,
    year: i32,
    capabilities: &[String],
    lines: &[SummaryLine<'_>],
    total: &crate::domain::yearend::YearFigures,
) -> Document {
    use crate::domain::yearend::{Grade, UNIT_STANDARDS};
    let mut blocks = Vec::new();
    start_sheet(&mut blocks, tr(lang, "summary.title"), format!("{bureau} · {}", fill(tr(lang, "sheet.year"), &[&year.to_string()])));
    let everyone = tr(lang, "summary.bureau");
    let all: Vec<(&str, &crate::domain::yearend::YearFigures)> =
        lines.iter().map(|l| (l.name.as_str(), &l.figures)).chain([(everyone, total)]).collect();
    // Grades and the quota.
    blocks.push(Block::Heading { text: tr(lang, "summary.grades").to_owned(), size_pt: 13.0 });
    let mut header = vec![Cell::label(tr(lang, "field.unit")), Cell::label(tr(lang, "summary.people"))];
    header.extend(Grade::ALL.iter().map(|g| Cell::label(tr(lang, &format!("grade.{}", g.code())))));
    header.push(Cell::label(tr(lang, "summary.quota")));
    let rows = all
        .iter()
        .map(|(name, f)| {
            let mut cells = vec![Cell::new(*name), Cell { align: Align::Right, ..Cell::new(f.people.to_string()) }];
            cells.extend(f.grades.iter().map(|n| Cell { align: Align::Right, ..Cell::new(n.to_string()) }));
            let quota = f.quota.map_or_else(String::new, |q| {
                let mark = if q.over() { tr(lang, "summary.over") } else { "" };
                format!("{} / {}{mark}", q.excellent, q.allowed)
            });
            cells.push(Cell { align: Align::Right, ..Cell::new(quota) });
            (cells, Mm(0.0))
        })
        .collect();
    blocks.push(Block::Grid(Grid { columns: vec![1.4, 0.8, 1.25, 1.25, 1.25, 1.25, 1.25, 0.9], header: Some(header), rows, size_pt: 8.5 }));
    blocks.push(Block::Paragraph { text: tr(lang, "summary.quota_note").to_owned(), size_pt: 9.0, align: Align::Left });
    blocks.push(Block::Paragraph { text: tr(lang, "summary.excellent_share").to_owned(), size_pt: 10.5, align: Align::Left });
    blocks.push(Block::Bars {
        rows: all
            .iter()
            .map(|(name, f)| {
                let q = f.quota.unwrap_or(crate::domain::yearend::QuotaUse { assessed: 0, excellent: 0, allowed: 0 });
                share_bar(name, q.excellent, q.assessed, format!("{} / {}", q.excellent, q.assessed))
            })
            .collect(),
        size_pt: 9.5,
    });
    // Capability levels and gaps.
    blocks.push(Block::Heading { text: tr(lang, "summary.capabilities").to_owned(), size_pt: 13.0 });
    let mut header = vec![Cell::label(tr(lang, "field.unit"))];
    header.extend(capabilities.iter().map(|c| Cell::label(c.clone())));
    header.push(Cell::label(tr(lang, "summary.gap")));
    let rows = all
        .iter()
        .map(|(name, f)| {
            let mut cells = vec![Cell::new(*name)];
            cells.extend(f.levels.iter().map(|l| Cell { align: Align::Right, ..Cell::new(average_text(*l)) }));
            cells.push(Cell { align: Align::Right, ..Cell::new(average_text(f.gap)) });
            (cells, Mm(0.0))
        })
        .collect();
    let mut columns = vec![1.5];
    columns.extend([1.0; 8]);
    columns.push(0.9);
    blocks.push(Block::Grid(Grid { columns, header: Some(header), rows, size_pt: 8.0 }));
    blocks.push(Block::Paragraph { text: tr(lang, "summary.level_bars").to_owned(), size_pt: 10.5, align: Align::Left });
    blocks.push(Block::Bars {
        rows: all.iter().map(|(name, f)| ((*name).to_owned(), f.level.unwrap_or(0.0) / 5.0, average_text(f.level))).collect(),
        size_pt: 9.5,
    });
    blocks.push(Block::Paragraph { text: tr(lang, "summary.gap_bars").to_owned(), size_pt: 10.5, align: Align::Left });
    blocks.push(Block::Bars {
        rows: all
            .iter()
            .map(|(name, f)| {
                let figure = fill(tr(lang, "summary.with_gaps"), &[&f.with_gaps.to_string(), &f.checked.to_string()]);
                share_bar(name, f.with_gaps, f.checked, figure)
            })
            .collect(),
        size_pt: 9.5,
    });
    // Training.
    blocks.push(Block::Heading { text: tr(lang, "summary.training").to_owned(), size_pt: 13.0 });
    blocks.push(Block::Bars {
        rows: all.iter().map(|(name, f)| share_bar(name, f.trained.1, f.trained.0, format!("{} / {}", f.trained.1, f.trained.0))).collect(),
        size_pt: 9.5,
    });
    // The units' 檢查驗收.
    blocks.push(Block::Heading { text: tr(lang, "summary.reviews").to_owned(), size_pt: 13.0 });
    let mut header = vec![Cell::label(tr(lang, "field.unit"))];
    header.extend((1..=UNIT_STANDARDS).map(|i| Cell::label(tr(lang, &format!("yearend.unit_standard.{i}")))));
    header.push(Cell::label(tr(lang, "yearend.unit_notes")));
    let rows =
        lines
            .iter()
            .map(|line| {
                let mut cells = vec![Cell::new(line.name.clone())];
                match line.review {
                    Some(review) => {
                        cells.extend(review.standards.iter().map(|e| {
                            Cell::new(e.met.map_or_else(String::new, |m| tr(lang, &format!("yearend.met.{}", m.code())).to_owned()))
                        }));
                        cells.push(Cell::new(review.notes.clone()));
                    }
                    None => {
                        cells.extend((0..UNIT_STANDARDS).map(|_| Cell::new("")));
                        cells.push(Cell::new(tr(lang, "yearend.unit_not_reviewed")));
                    }
                }
                (cells, Mm(0.0))
            })
            .collect();
    blocks.push(Block::Grid(Grid { columns: vec![1.6, 1.0, 1.0, 1.0, 1.0, 1.0, 2.4], header: Some(header), rows, size_pt: 8.5 }));
    printout(lang, "summary.document", &[bureau, &year.to_string()], blocks)
}
