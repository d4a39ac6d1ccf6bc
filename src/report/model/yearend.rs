//! The year-end printouts: the 公務員年度考核登記表 (filled or blank), the grade roster and the
//! bureau's year-end summary.

use super::{header_row, printout, start_sheet};
use crate::domain::Lang;
use crate::i18n::{fill, tr};
use crate::report::layout::{Align, Block, Cell, Document, Grid, Mm};

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
