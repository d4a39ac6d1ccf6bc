//! The organisation's printouts: each post's 崗位職位說明書 and 能力席位標準, and each
//! official's 能力席位書.

use super::{printout, start_sheet};
use crate::domain::Lang;
use crate::domain::catalogue::Catalogue;
use crate::domain::org::{Post, Unit, unit_path};
use crate::i18n::{fill, tr};
use crate::report::layout::{Align, Block, Cell, Document, Grid, Mm};

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
