//! The 公示 of the year's 優秀 candidates (the notice with its days and working days, the
//! candidates, the notice's own words and the objections with how each was handled) and the
//! year's 結果運用 list (what each grade brings: 嘉獎, 三等功, pay step, 級別, the next 職級's
//! earliest day, 誡勉 and alerts).

use super::{printout, start_sheet, table};
use crate::domain::Lang;
use crate::domain::consequences::Consequences;
use crate::domain::dates::format_date;
use crate::domain::workdays::Publicity;
use crate::i18n::{fill, tr};
use crate::report::layout::{Align, Block, Cell, Document, Mm};

/// A candidate as the notice names them: name, unit, post.
pub type Candidate = (String, String, String);

fn numbered(i: usize) -> Cell {
    Cell { align: Align::Center, ..Cell::new((i + 1).to_string()) }
}

/// The notice of the 優秀 candidates of `year`, running `working_days` working days.
pub fn publicity(lang: Lang, bureau: &str, year: i32, notice: &Publicity, candidates: &[Candidate], working_days: u32) -> Document {
    let mut blocks = Vec::new();
    let title = fill(tr(lang, "publicity.title"), &[&year.to_string()]);
    start_sheet(&mut blocks, &title, bureau.to_owned());
    blocks.push(Block::Paragraph { text: fill(tr(lang, "publicity.intro"), &[&year.to_string()]), size_pt: 11.0, align: Align::Left });
    blocks.push(Block::Spacer(Mm(3.0)));
    let rows = candidates
        .iter()
        .enumerate()
        .map(|(i, (name, unit, post))| {
            (vec![numbered(i), Cell::new(name.clone()), Cell::new(unit.clone()), Cell::new(post.clone())], Mm(0.0))
        })
        .collect();
    blocks.push(table(lang, vec![0.5, 1.2, 2.4, 2.0], &["print.number", "field.name", "field.unit", "field.position_title"], rows, 10.5));
    blocks.push(Block::Spacer(Mm(3.0)));
    let day = |d: Option<chrono::NaiveDate>| d.map(format_date).unwrap_or_default();
    let period = fill(tr(lang, "publicity.period"), &[&day(notice.start), &day(notice.end), &working_days.to_string()]);
    blocks.push(Block::Paragraph { text: period, size_pt: 11.0, align: Align::Left });
    if !notice.text.is_empty() {
        blocks.push(Block::Paragraph { text: notice.text.clone(), size_pt: 11.0, align: Align::Left });
    }
    blocks.push(Block::Spacer(Mm(8.0)));
    blocks.push(Block::Paragraph { text: bureau.to_owned(), size_pt: 11.0, align: Align::Right });
    blocks.push(Block::Paragraph { text: day(notice.start), size_pt: 11.0, align: Align::Right });
    if !notice.objections.is_empty() {
        blocks.push(Block::Spacer(Mm(6.0)));
        blocks.push(Block::Heading { text: tr(lang, "publicity.objections").to_owned(), size_pt: 12.0 });
        let rows = notice
            .objections
            .iter()
            .enumerate()
            .map(|(i, o)| (vec![numbered(i), Cell::new(day(o.date)), Cell::new(o.text.clone()), Cell::new(o.handling.clone())], Mm(0.0)))
            .collect();
        let header = ["print.number", "publicity.objection_date", "publicity.objection_text", "publicity.handling"];
        blocks.push(table(lang, vec![0.5, 1.1, 2.6, 2.6], &header, rows, 10.0));
    }
    printout(lang, "publicity.document_title", &[bureau, &year.to_string()], blocks)
}

/// One line of the 結果運用 list: staff number, name, unit, and what the grade brings.
pub type ConsequenceLine = (String, String, String, Consequences);

/// What each part of `c` brings, as the list's cells say it.
pub fn consequence_cells(lang: Lang, c: &Consequences) -> [String; 5] {
    let mut rewards = Vec::new();
    if c.commendation {
        rewards.push(tr(lang, "consequence.commendation").to_owned());
    }
    if c.merit {
        rewards.push(tr(lang, "consequence.merit").to_owned());
    }
    let step = |due: bool, to_go: u32| {
        if due { tr(lang, "consequence.due").to_owned() } else { fill(tr(lang, "consequence.to_go"), &[&to_go.to_string()]) }
    };
    let rank = c.next_rank.map_or_else(String::new, |(rank, excellent, day)| {
        fill(tr(lang, "consequence.next_rank"), &[crate::i18n::rank(lang, rank), &format_date(day), &excellent.to_string()])
    });
    let mut notes = Vec::new();
    if c.admonition {
        notes.push(tr(lang, "consequence.admonition"));
    }
    if c.demotion {
        notes.push(tr(lang, "consequence.demotion"));
    }
    if c.dismissal_alert {
        notes.push(tr(lang, "consequence.dismissal"));
    }
    [rewards.join("、"), step(c.pay_step, c.pay_to_go), step(c.level_step, c.level_to_go), rank, notes.join("；")]
}

/// The year's 結果運用 list for `scope`.
pub fn grade_consequences(lang: Lang, bureau: &str, year: i32, scope: &str, lines: &[ConsequenceLine]) -> Document {
    let mut blocks = Vec::new();
    start_sheet(&mut blocks, tr(lang, "consequence.title"), format!("{bureau} · {year} · {scope}"));
    let rows = lines
        .iter()
        .enumerate()
        .map(|(i, (staff_no, name, unit, c))| {
            let grade = c.grade.map_or(String::new(), |g| tr(lang, &format!("grade.{}", g.code())).to_owned());
            let [rewards, pay, level, rank, notes] = consequence_cells(lang, c);
            let cells = [staff_no.clone(), name.clone(), unit.clone(), grade, rewards, pay, level, rank, notes];
            (std::iter::once(numbered(i)).chain(cells.into_iter().map(Cell::new)).collect(), Mm(0.0))
        })
        .collect();
    let header = [
        "print.number",
        "field.staff_no",
        "field.name",
        "field.unit",
        "yearend.grade",
        "consequence.rewards",
        "consequence.pay",
        "consequence.level",
        "consequence.rank",
        "consequence.notes",
    ];
    blocks.push(table(lang, vec![0.55, 1.0, 0.8, 1.55, 0.7, 0.8, 0.9, 0.9, 1.9, 1.2], &header, rows, 8.5));
    blocks.push(Block::Spacer(Mm(3.0)));
    blocks.push(Block::Paragraph { text: tr(lang, "consequence.basis").to_owned(), size_pt: 9.0, align: Align::Left });
    printout(lang, "consequence.document_title", &[bureau, &year.to_string()], blocks)
}
