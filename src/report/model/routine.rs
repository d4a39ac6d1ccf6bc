//! The 平時考核 printouts: the 平時考核登記表 per official and period (the form of fixed boxes the
//! year-end form uses: the criteria grid and attendance in its header, the 個人小結 filling page 1,
//! the supervisor's rating and the official's acknowledgement each with 簽名 and 年 月 日 inside its
//! box), a unit's 平時考核結果匯總表 (each result, 好 against the quota, 制表人 / 審核人), and a
//! person's year of 平時 results with their 專項考核.

use super::{header_row, printout, start_sheet};
use crate::domain::Lang;
use crate::domain::routine::{CRITERIA, Period, Rating, RoutineData, Stage};
use crate::domain::yearend::QuotaUse;
use crate::i18n::{fill, period as period_name, rating, tr};
use crate::report::layout::{Align, Block, Cell, Document, Form, FormBox, Grid, Mm};

/// One 平時考核登記表: whose, which period, and the record (none: to fill in by hand).
#[derive(Clone, Debug)]
pub struct RoutineSheet {
    pub period: Period,
    pub name: String,
    pub staff_no: String,
    /// The unit's path and the post, as the year-end form names them.
    pub unit_post: String,
    pub stage: Option<Stage>,
    pub data: Option<RoutineData>,
}

fn day(lang: Lang, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    fill(tr(lang, "sheet.day"), &[&d.year().to_string(), &d.month().to_string(), &d.day().to_string()])
}

fn rated(lang: Lang, r: Option<Rating>) -> String {
    r.map_or(String::new(), |r| rating(lang, r).to_owned())
}

/// The four attendance figures as `出勤 60 天`.
fn days(lang: Lang, data: Option<&RoutineData>) -> [String; 4] {
    let a = data.map(|d| d.attendance).unwrap_or_default();
    let values = [a.present, a.personal, a.sick, a.absent];
    std::array::from_fn(|i| {
        let value = if data.is_some() { values[i].to_string() } else { "\u{3000}".to_owned() };
        fill(tr(lang, "routine.days_value"), &[tr(lang, &format!("routine.days.{}", i + 1)), &value])
    })
}

fn form(lang: Lang, sheet: &RoutineSheet) -> Form {
    let d = sheet.data.as_ref();
    let label = |key: &str| Cell::label(tr(lang, key));
    let period = period_name(lang, &sheet.period);
    let mut criteria = vec![label("routine.criteria_label")];
    criteria.extend((1..=CRITERIA).map(|i| label(&format!("routine.criterion.{i}"))));
    let mut ratings = vec![label("routine.rating_label")];
    ratings.extend((0..CRITERIA).map(|i| Cell { align: Align::Center, ..Cell::new(rated(lang, d.and_then(|d| d.criteria[i]))) }));
    let [present, personal, sick, absent] = days(lang, d);
    let head = Grid {
        columns: vec![1.15, 1.0, 0.9, 1.0, 1.0, 1.25],
        header: None,
        rows: vec![
            (
                vec![
                    label("routine.name"),
                    Cell::new(sheet.name.clone()),
                    label("routine.staff_no"),
                    Cell::new(sheet.staff_no.clone()),
                    label("routine.period"),
                    Cell::new(period.clone()),
                ],
                Mm(9.5),
            ),
            (vec![label("routine.unit_post"), Cell::new(sheet.unit_post.clone()).span(5)], Mm(9.5)),
            (criteria, Mm(9.5)),
            (ratings, Mm(9.5)),
            (vec![label("routine.days"), Cell::new(present), Cell::new(personal), Cell::new(sick), Cell::new(absent).span(2)], Mm(9.5)),
        ],
        size_pt: 10.5,
    };
    let sign = || vec![tr(lang, "print.sign_date").to_owned()];
    let recorded = |by: &str, on: Option<chrono::NaiveDate>| on.map(|on| fill(tr(lang, "routine.recorded"), &[by.trim(), &day(lang, on)]));
    let supervisor = d.map_or(String::new(), |d| {
        let result = d.result.map(|r| fill(tr(lang, "routine.result_line"), &[rating(lang, r)])).unwrap_or_default();
        [d.comment.trim(), result.as_str()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n")
    });
    let acknowledged = d.and_then(|d| d.acknowledged_on).map_or(String::new(), |_| tr(lang, "routine.acknowledged").to_owned());
    let boxes = vec![
        FormBox {
            label: tr(lang, "routine.supervisor").to_owned(),
            text: supervisor,
            min_height: Mm(60.0),
            grow: 1.0,
            sign: sign(),
            note: d.and_then(|d| recorded(&d.rated_by, d.rated_on)),
        },
        FormBox {
            label: tr(lang, "routine.official_box").to_owned(),
            text: acknowledged,
            min_height: Mm(35.0),
            grow: 0.5,
            sign: sign(),
            note: d.and_then(|d| recorded(&sheet.name, d.acknowledged_on)),
        },
        FormBox {
            label: tr(lang, "routine.remarks").to_owned(),
            text: String::new(),
            min_height: Mm(14.0),
            grow: 0.2,
            sign: vec![],
            note: None,
        },
    ];
    let running = fill(tr(lang, "sheet.running"), &[tr(lang, "routine.form_title"), &sheet.name, &sheet.staff_no, &period]);
    Form {
        title: tr(lang, "routine.form_title").to_owned(),
        year: period,
        head,
        summary: FormBox {
            label: tr(lang, "routine.summary_label").to_owned(),
            text: d.map_or(String::new(), |d| d.summary.clone()),
            min_height: Mm(0.0),
            grow: 0.0,
            sign: sign(),
            note: None,
        },
        boxes,
        tail: Vec::new(),
        appendix: None,
        running_head: running,
        continued: tr(lang, "sheet.continued").to_owned(),
        continued_label: tr(lang, "sheet.continued_label").to_owned(),
        turn_over: tr(lang, "sheet.turn_over").to_owned(),
        next_page: tr(lang, "sheet.next_page").to_owned(),
        size_pt: 10.5,
    }
}

/// The 平時考核登記表 of each sheet, one form (two pages, one leaf) each.
pub fn routine_forms(lang: Lang, bureau: &str, sheets: &[RoutineSheet]) -> Document {
    let mut blocks = Vec::with_capacity(sheets.len() * 2);
    for sheet in sheets {
        if !blocks.is_empty() {
            blocks.push(Block::NewSheet);
        }
        blocks.push(Block::Form(Box::new(form(lang, sheet))));
    }
    Document { title: fill(tr(lang, "routine.form_document"), &[bureau]), blocks, footer: None }
}

/// One line of the 平時考核結果匯總表.
#[derive(Clone, Debug)]
pub struct SummaryRow {
    pub staff_no: String,
    pub name: String,
    pub unit: String,
    pub stage: Option<Stage>,
    pub result: Option<Rating>,
}

/// A unit's (or the bureau's) 平時考核結果匯總表: each person's result, the count of 好 against
/// the quota (a warning line with the numbers when over), who is unrated, 制表人 / 審核人 and the day.
pub fn routine_summary(
    lang: Lang,
    bureau: &str,
    period: &Period,
    scope: &str,
    rows: &[SummaryRow],
    group: Option<&str>,
    quota: QuotaUse,
) -> Document {
    let mut blocks = Vec::new();
    let period = period_name(lang, period);
    start_sheet(&mut blocks, tr(lang, "routine.summary_title"), format!("{bureau} · {period} · {scope}"));
    let body = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let stage = tr(lang, &format!("routine.stage.{}", r.stage.map_or("none", Stage::code)));
            (
                vec![
                    Cell { align: Align::Center, ..Cell::new((i + 1).to_string()) },
                    Cell::new(r.staff_no.clone()),
                    Cell::new(r.name.clone()),
                    Cell::new(r.unit.clone()),
                    Cell {
                        align: Align::Center,
                        ..Cell::new(r.result.map_or_else(|| tr(lang, "routine.not_rated").to_owned(), |x| rating(lang, x).to_owned()))
                    },
                    Cell::new(stage),
                ],
                Mm(0.0),
            )
        })
        .collect();
    blocks.push(Block::Grid(Grid {
        columns: vec![0.5, 1.0, 1.0, 2.2, 0.9, 0.9],
        header: header_row(
            lang,
            &["routine.number", "routine.staff_no", "routine.name", "routine.unit", "routine.result", "routine.stage"],
        ),
        rows: body,
        size_pt: 10.0,
    }));
    blocks.push(Block::Spacer(Mm(3.0)));
    if let Some(group) = group {
        blocks.push(Block::Paragraph { text: fill(tr(lang, "routine.group"), &[group]), size_pt: 10.5, align: Align::Left });
    }
    let line =
        fill(tr(lang, "routine.quota_line"), &[&quota.assessed.to_string(), &quota.excellent.to_string(), &quota.allowed.to_string()]);
    blocks.push(Block::Paragraph { text: line, size_pt: 10.5, align: Align::Left });
    if quota.over() {
        let over = fill(tr(lang, "routine.quota_over"), &[&quota.excellent.to_string(), &quota.allowed.to_string()]);
        blocks.push(Block::Paragraph { text: over, size_pt: 10.5, align: Align::Left });
    }
    let unrated: Vec<&str> = rows.iter().filter(|r| r.result.is_none()).map(|r| r.name.as_str()).collect();
    let unrated = if unrated.is_empty() {
        tr(lang, "routine.all_rated").to_owned()
    } else {
        fill(tr(lang, "routine.unrated"), &[&unrated.len().to_string(), &unrated.join("、")])
    };
    blocks.push(Block::Paragraph { text: unrated, size_pt: 10.5, align: Align::Left });
    blocks.push(Block::Spacer(Mm(10.0)));
    blocks.push(Block::Paragraph { text: tr(lang, "print.roster_sign").to_owned(), size_pt: 10.5, align: Align::Left });
    blocks.push(Block::Spacer(Mm(6.0)));
    blocks.push(Block::Paragraph { text: tr(lang, "print.roster_day").to_owned(), size_pt: 10.5, align: Align::Right });
    printout(lang, "routine.summary_document", &[bureau, &period], blocks)
}

/// A person's year: each period's ratings, result and attendance, and the 專項考核 they took part in.
pub fn routine_year(
    lang: Lang,
    bureau: &str,
    year: i32,
    who: &str,
    periods: &[(Period, Option<RoutineData>)],
    special: &[(chrono::NaiveDate, String, Option<Rating>, String)],
) -> Document {
    let mut blocks = Vec::new();
    start_sheet(
        &mut blocks,
        tr(lang, "routine.year_title"),
        format!("{bureau} · {} · {who}", fill(tr(lang, "sheet.year"), &[&year.to_string()])),
    );
    let mut header = vec![Cell::label(tr(lang, "routine.period"))];
    header.extend((1..=CRITERIA).map(|i| Cell::label(tr(lang, &format!("routine.criterion.{i}")))));
    header.extend([
        Cell::label(tr(lang, "routine.result")),
        Cell::label(tr(lang, "routine.days")),
        Cell::label(tr(lang, "routine.comment")),
    ]);
    let rows = periods
        .iter()
        .map(|(p, d)| {
            let mut cells = vec![Cell::new(period_name(lang, p))];
            cells.extend(
                (0..CRITERIA).map(|i| Cell { align: Align::Center, ..Cell::new(rated(lang, d.as_ref().and_then(|d| d.criteria[i]))) }),
            );
            cells.push(Cell { align: Align::Center, ..Cell::new(rated(lang, d.as_ref().and_then(|d| d.result))) });
            cells.push(Cell::new(if d.is_some() { days(lang, d.as_ref()).join("\n") } else { String::new() }));
            cells.push(Cell::new(d.as_ref().map_or(String::new(), |d| d.comment.clone())));
            (cells, Mm(0.0))
        })
        .collect();
    blocks.push(Block::Grid(Grid { columns: vec![1.3, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1.2, 2.0], header: Some(header), rows, size_pt: 9.0 }));
    blocks.push(Block::Heading { text: tr(lang, "routine.special").to_owned(), size_pt: 13.0 });
    if special.is_empty() {
        blocks.push(Block::Paragraph { text: tr(lang, "special.none").to_owned(), size_pt: 10.5, align: Align::Left });
    } else {
        let rows = special
            .iter()
            .map(|(date, task, result, note)| {
                (
                    vec![
                        Cell::new(crate::domain::dates::format_date(*date)),
                        Cell::new(task.clone()),
                        Cell::new(rated(lang, *result)),
                        Cell::new(note.clone()),
                    ],
                    Mm(0.0),
                )
            })
            .collect();
        blocks.push(super::table(
            lang,
            vec![1.0, 2.2, 0.8, 2.4],
            &["special.date", "special.task", "routine.result", "special.note"],
            rows,
            10.0,
        ));
    }
    printout(lang, "routine.year_document", &[bureau, who], blocks)
}
