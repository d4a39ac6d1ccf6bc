//! The training printouts: a session's 簽到表, an official's 培訓檔案 and compliance with the
//! quotas.

use super::{header_row, printout, scores_grid, start_sheet};
use crate::domain::Lang;
use crate::i18n::{fill, tr};
use crate::report::layout::{Align, Block, Cell, Document, Grid, Mm};

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
                let verdict = s.verdict();
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
    // A finished year counts who missed a quota; a year under way, who is behind its pace.
    let short = if compliance.finished() { "training.missed" } else { "training.behind" };
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
        header: header_row(lang, &["training.quota", "training.applies", "training.met", short]),
        rows,
        size_pt: 10.0,
    }));
    let list = if compliance.finished() { "training.missed_list" } else { "training.behind_list" };
    blocks.push(Block::Heading { text: tr(lang, list).to_owned(), size_pt: 12.0 });
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
