//! What goes on paper, decided from the bureau's data: documents as blocks, independent of
//! how they are laid out or painted.

use super::layout::{Align, Block, Cell, Document, Grid, Mm};
use crate::domain::Lang;
use crate::domain::catalogue::Catalogue;
use crate::domain::org::{Post, Unit, unit_path};
use crate::i18n::{fill, tr};

/// The 崗位職位說明書 of each post, one sheet per post.
pub fn duty_statements(lang: Lang, bureau: &str, catalogue: &Catalogue, units: &[Unit], posts: &[&Post]) -> Document {
    let mut blocks = Vec::new();
    for post in posts {
        if !blocks.is_empty() {
            blocks.push(Block::NewSheet);
        }
        blocks.push(Block::Title { text: tr(lang, "print.duty_statement").to_owned(), size_pt: 18.0 });
        blocks.push(Block::Paragraph { text: bureau.to_owned(), size_pt: 11.0, align: Align::Center });
        blocks.push(Block::Spacer(Mm(4.0)));
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
    Document { title: fill(tr(lang, "print.duty_statements_title"), &[bureau]), blocks, footer: Some(tr(lang, "print.footer").to_owned()) }
}
