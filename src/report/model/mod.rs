//! What goes on paper, decided from the bureau's data: documents as blocks, independent of
//! how they are laid out or painted. One file per area, as `service::printing` gathers them;
//! the shared pieces (a printout's frame, a sheet's start, a header row, a scores table) are here.

mod appointment;
mod appraisal;
mod org;
mod programme;
mod routine;
mod selfcheck;
mod training;
mod yearend;

pub use appointment::{AppointmentSheet, appointment_forms, photo};
pub use appraisal::{Candidate, ConsequenceLine, consequence_cells, grade_consequences, publicity};
pub use org::{SeatSheet, duty_statements, post_standards, seat_statements};
pub use programme::programme_report;
pub use routine::{RoutineSheet, SummaryRow as RoutineSummaryRow, routine_forms, routine_summary, routine_year};
pub use selfcheck::{CapabilitySheet, RoundSummary, capability_reports, round_summary};
pub use training::{sign_in, training_compliance, training_file};
pub use yearend::{SummaryLine, YearEndSheet, grade_roster, quota_allocation, unit_post, yearend_sheets, yearend_summary};

use crate::domain::Lang;
use crate::i18n::{fill, tr};
use crate::report::layout::{Align, Block, Cell, Document, Grid, Mm};

/// A grid's header row from text keys.
fn header_row(lang: Lang, keys: &[&str]) -> Option<Vec<Cell>> {
    Some(keys.iter().map(|k| Cell::label(tr(lang, k))).collect())
}

/// A table: column widths (shares of the width), the header's text keys, the rows, the type size.
fn table(lang: Lang, columns: Vec<f32>, header: &[&str], rows: Vec<(Vec<Cell>, Mm)>, size_pt: f32) -> Block {
    Block::Grid(Grid { columns, header: header_row(lang, header), rows, size_pt })
}

/// A printout: its title (the text under `key` filled with `fill_in`), its blocks, and the
/// page footer every printout carries.
fn printout(lang: Lang, key: &str, fill_in: &[&str], blocks: Vec<Block>) -> Document {
    Document { title: fill(tr(lang, key), fill_in), blocks, footer: Some(tr(lang, "print.footer").to_owned()) }
}

/// Starts a sheet: a new page after the first, the title and the line under it.
fn start_sheet(blocks: &mut Vec<Block>, title: &str, subtitle: String) {
    if !blocks.is_empty() {
        blocks.push(Block::NewSheet);
    }
    blocks.push(Block::Title { text: title.to_owned(), size_pt: 18.0 });
    blocks.push(Block::Paragraph { text: subtitle, size_pt: 11.0, align: Align::Center });
    blocks.push(Block::Spacer(Mm(4.0)));
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
    blocks.push(table(lang, vec![2.4, 1.0, 0.8, 0.8], &["tests.name", "tests.date", "field.score", "tests.result"], rows, 10.0));
}
