//! The programme report for the leading group: phases, milestones, the measured figures and
//! completion per unit.

use super::{printout, start_sheet};
use crate::domain::Lang;
use crate::domain::org::Unit;
use crate::i18n::{fill, tr};
use crate::report::layout::{Align, Block, Cell, Document, Grid, Mm};

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
