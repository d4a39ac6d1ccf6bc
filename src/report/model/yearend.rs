//! The year-end printouts: the 公務員年度考核登記表 (filled or blank), the grade roster and the
//! bureau's year-end summary. How the form reads the roster (單位及職務(職級) from the unit, the
//! post and the position title) is decided here and nowhere else.

use super::{header_row, printout, start_sheet};
use crate::domain::Lang;
use crate::domain::yearend::{Grade, Opinion, YearEndData};
use crate::i18n::{fill, tr};
use crate::report::layout::{Align, Block, Cell, Document, Form, FormBox, Grid, Mm};

/// What one 公務員年度考核登記表 shows: the roster's facts (dates already in the form's style,
/// 1989.10), the year-end record (none for a blank form), and this bureau's addition — the
/// eight capability levels and the year's 學時.
#[derive(Clone, Debug, Default)]
pub struct YearEndSheet {
    pub year: Option<i32>,
    pub name: String,
    pub staff_no: String,
    pub gender: String,
    pub birth: String,
    pub political: String,
    pub education: String,
    pub post_since: String,
    /// The unit's path, the post's title and the position title (職務/職級) as the roster holds them.
    pub unit: String,
    pub post: String,
    pub position: String,
    pub record: Option<YearEndData>,
    /// Capability name and assessed level, in the fixed order.
    pub levels: Vec<(String, Option<u8>)>,
    pub training_hours: Option<f32>,
    /// The year's 平時 results in period order (`好、較好、一般、—`) and its 專項考核 (`七月防汛值守 好`).
    pub routine: String,
    pub special: String,
}

/// 單位及職務(職級) as the form shows it: the unit's path, the post, and the position title
/// when it says something the post's title does not.
pub fn unit_post(unit: &str, post: &str, position: &str) -> String {
    let mut parts = vec![unit];
    parts.extend([post, position].into_iter().filter(|p| !p.is_empty()));
    parts.dedup();
    parts.join(" ")
}

/// A day as the form writes it: 2013年1月8日.
fn form_day(lang: Lang, day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    fill(tr(lang, "sheet.day"), &[&day.year().to_string(), &day.month().to_string(), &day.day().to_string()])
}

/// The small line saying who signed a step in the program and when; never the signature itself.
fn recorded(lang: Lang, opinion: Option<&Opinion>) -> Option<String> {
    let opinion = opinion?;
    if opinion.by.trim().is_empty() && opinion.on.is_none() {
        return None;
    }
    let day = opinion.on.map(|d| form_day(lang, d)).unwrap_or_default();
    Some(fill(tr(lang, "sheet.recorded"), &[opinion.by.trim(), &day]))
}

fn grade_line(lang: Lang, key: &str, grade: Option<Grade>) -> String {
    grade.map_or(String::new(), |g| fill(tr(lang, key), &[tr(lang, &format!("grade.{}", g.code()))]))
}

/// An opinion's text with the grade line under it (nothing added when there is neither).
fn with_grade(text: &str, grade: String) -> String {
    [text.trim(), grade.as_str()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n")
}

/// The bureau's own rows: 自查驗收, the eight levels as a small grid, 學時, 獎懲 and 脫產培訓.
fn appendix(lang: Lang, sheet: &YearEndSheet) -> (String, Grid) {
    let r = sheet.record.as_ref();
    let label = |key: &str| Cell::label(tr(lang, key));
    let standards: Vec<String> = (1..=crate::domain::yearend::STANDARDS)
        .map(|i| {
            let name = tr(lang, &format!("yearend.standard.{i}"));
            let own = r.map(|d| &d.own[i - 1]);
            let met = own.and_then(|e| e.met).map_or("", |m| tr(lang, &format!("yearend.met.{}", m.code())));
            let note = own.map_or("", |e| e.text.trim());
            let note = if note.is_empty() { String::new() } else { format!("\u{FF08}{note}\u{FF09}") };
            format!("{i}.{name}{}{met}{note}", crate::i18n::colon(lang))
        })
        .collect();
    let acceptance = standards.chunks(2).map(|pair| pair.join("\u{3000}")).collect::<Vec<_>>().join("\n");
    let columns = std::iter::once(1.2).chain(std::iter::repeat_n(0.7, 8)).collect();
    // The eight capabilities as a small grid: each cell a name over its level.
    let mut levels = vec![label("sheet.levels")];
    levels.extend(sheet.levels.iter().take(8).map(|(name, level)| Cell {
        align: Align::Center,
        ..Cell::new(format!("{name}\n{}", level.map_or(String::new(), |l| l.to_string())))
    }));
    let hours = sheet.training_hours.map_or(String::new(), |h| fill(tr(lang, "sheet.hours"), &[&format!("{h}")]));
    let text = |f: fn(&YearEndData) -> &str| r.map_or(String::new(), |d| f(d).to_owned());
    // The year's 平時 results, then its 專項考核, in the cell beside the 學時.
    let special = if sheet.special.is_empty() {
        String::new()
    } else {
        format!("{}{}{}", tr(lang, "routine.special"), crate::i18n::colon(lang), sheet.special)
    };
    let sep = if lang == Lang::En { "; " } else { "\u{FF1B}" };
    let routine = [sheet.routine.as_str(), special.as_str()].into_iter().filter(|t| !t.is_empty()).collect::<Vec<_>>().join(sep);
    let rows = vec![
        (vec![label("sheet.acceptance"), Cell::new(acceptance).span(8)], Mm(6.5)),
        (levels, Mm(6.5)),
        (
            vec![label("sheet.hours_label"), Cell::new(hours).span(2), label("routine.appendix_label").span(2), Cell::new(routine).span(4)],
            Mm(6.5),
        ),
        (
            vec![
                label("sheet.rewards"),
                Cell::new(text(|d| &d.rewards)).span(3),
                label("sheet.training").span(2),
                Cell::new(text(|d| &d.training)).span(3),
            ],
            Mm(6.5),
        ),
    ];
    (tr(lang, "sheet.appendix").to_owned(), Grid { columns, header: None, rows, size_pt: 9.0 })
}

/// One official's form (or a blank one).
fn form(lang: Lang, sheet: &YearEndSheet) -> Form {
    let r = sheet.record.as_ref();
    let blank = tr(lang, "sheet.blank_field");
    let or_blank = |v: &str| if v.trim().is_empty() { blank.to_owned() } else { v.trim().to_owned() };
    let year = sheet.year.map_or_else(|| tr(lang, "sheet.blank_year").to_owned(), |y| fill(tr(lang, "sheet.year"), &[&y.to_string()]));
    let label = |key: &str| Cell::label(tr(lang, key));
    let value = |v: &str| Cell::new(v);
    let head = Grid {
        columns: vec![1.2, 1.3, 1.0, 1.0, 1.1, 1.2],
        header: None,
        rows: vec![
            (
                vec![
                    label("sheet.name"),
                    value(&sheet.name),
                    label("sheet.gender"),
                    value(&sheet.gender),
                    label("sheet.birth"),
                    value(&sheet.birth),
                ],
                Mm(9.5),
            ),
            (
                vec![
                    label("sheet.political"),
                    value(&sheet.political),
                    label("sheet.education"),
                    value(&sheet.education),
                    label("sheet.post_since"),
                    value(&sheet.post_since),
                ],
                Mm(9.5),
            ),
            (vec![label("sheet.unit_post"), value(&unit_post(&sheet.unit, &sheet.post, &sheet.position)).span(5)], Mm(9.5)),
            (vec![label("sheet.work"), value(r.map_or("", |d| d.work.as_str())).span(5)], Mm(11.0)),
        ],
        size_pt: 10.5,
    };
    let sign = || vec![tr(lang, "print.sign_date").to_owned()];
    let text = |f: fn(&YearEndData) -> &str| r.map_or(String::new(), |d| f(d).to_owned());
    let opinion = |key: &str, text: String, sign: Vec<String>, by: Option<&Opinion>, min: f32, grow: f32| FormBox {
        label: tr(lang, key).to_owned(),
        text,
        min_height: Mm(min),
        grow,
        sign,
        note: recorded(lang, by),
    };
    let supervisor = with_grade(&text(|d| &d.supervisor.text), grade_line(lang, "sheet.proposed", r.and_then(|d| d.proposed)));
    let committee = with_grade(&text(|d| &d.committee.text), grade_line(lang, "sheet.grade", r.and_then(|d| d.grade)));
    let seal = vec![tr(lang, "sheet.seal").to_owned(), tr(lang, "print.sign_date").to_owned()];
    let boxes = vec![
        opinion("sheet.supervisor", supervisor, sign(), r.map(|d| &d.supervisor), 45.0, 1.0),
        opinion("sheet.committee", committee, seal, r.map(|d| &d.committee), 47.0, 1.0),
        opinion("sheet.official", text(|d| &d.official.text), sign(), r.map(|d| &d.official), 45.0, 1.0),
        opinion("sheet.undetermined", text(|d| &d.undetermined), Vec::new(), None, 14.0, 0.3),
        opinion("sheet.remarks", text(|d| &d.remarks), Vec::new(), None, 12.0, 0.3),
    ];
    let running = fill(tr(lang, "sheet.running"), &[tr(lang, "sheet.title"), &or_blank(&sheet.name), &or_blank(&sheet.staff_no), &year]);
    Form {
        title: tr(lang, "sheet.title").to_owned(),
        year,
        head,
        summary: FormBox {
            label: tr(lang, "sheet.summary").to_owned(),
            text: text(|d| &d.summary),
            min_height: Mm(0.0),
            grow: 0.0,
            sign: sign(),
            note: None,
        },
        boxes,
        appendix: Some(appendix(lang, sheet)),
        tail: Vec::new(),
        running_head: running,
        continued: tr(lang, "sheet.continued").to_owned(),
        continued_label: tr(lang, "sheet.continued_label").to_owned(),
        turn_over: tr(lang, "sheet.turn_over").to_owned(),
        next_page: tr(lang, "sheet.next_page").to_owned(),
        size_pt: 10.5,
    }
}

/// The 公務員年度考核登記表, one per official, as the official form lays it out: page 1 with the
/// title, the year, the header grid and the 個人總結 box filling the page; page 2 with the
/// opinion boxes (each with its 簽名 and 年 月 日 inside it at its bottom right, the
/// committee's with the seal's place), then this bureau's own rows; a longer summary goes on
/// continuation pages after page 2, so pages 1 and 2 stay the two sides of one leaf. Nothing is
/// written into anyone's opinion but their own text and the grade. A sheet without a record is
/// a blank form.
pub fn yearend_sheets(lang: Lang, bureau: &str, sheets: &[YearEndSheet]) -> Document {
    let mut blocks = Vec::with_capacity(sheets.len() * 2);
    for sheet in sheets {
        if !blocks.is_empty() {
            blocks.push(Block::NewSheet);
        }
        blocks.push(Block::Form(Box::new(form(lang, sheet))));
    }
    Document { title: fill(tr(lang, "sheet.document_title"), &[bureau]), blocks, footer: None }
}

/// Who made it, who checked it, the unit's seal and the day, as a roster handed in carries them.
/// One line, so the day can never be carried alone onto a page of its own.
fn sign_foot(blocks: &mut Vec<Block>, lang: Lang) {
    blocks.push(Block::Spacer(Mm(10.0)));
    let foot = format!(
        "{}{}{}",
        tr(lang, "print.roster_sign"),
        if lang == Lang::En { "        " } else { "　　　　　　" },
        tr(lang, "print.roster_day")
    );
    blocks.push(Block::Paragraph { text: foot, size_pt: 10.5, align: Align::Left });
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
    sign_foot(&mut blocks, lang);
    printout(lang, "print.grade_roster_title", &[bureau, &year.to_string()], blocks)
}

/// The year's 優秀 名額分配表: per pool its share (with the approval's 文號), the quota counted
/// as the bureau counts it, and each unit's people taking part, places given and 優秀 graded,
/// with what is left to allocate and a warning where 優秀 goes over the quota.
pub fn quota_allocation(lang: Lang, bureau: &str, year: i32, how: &str, pools: &[crate::domain::yearend::PoolLine]) -> Document {
    let mut blocks = Vec::new();
    start_sheet(&mut blocks, tr(lang, "print.quota_allocation"), format!("{bureau} · {year}"));
    blocks.push(Block::Paragraph { text: how.to_owned(), size_pt: 10.5, align: Align::Left });
    for pool in pools {
        blocks.push(Block::Spacer(Mm(4.0)));
        let name = if pool.name.is_empty() { tr(lang, "quota.rest") } else { pool.name.as_str() };
        let mut head = fill(
            tr(lang, "quota.pool_line"),
            &[name, &pool.percent.to_string(), &pool.quota.assessed.to_string(), &pool.quota.allowed.to_string()],
        );
        if !pool.approval.is_empty() {
            head.push_str(&fill(tr(lang, "quota.approval_line"), &[&pool.approval]));
        }
        blocks.push(Block::Paragraph { text: head, size_pt: 11.0, align: Align::Left });
        let mut rows: Vec<(Vec<Cell>, Mm)> = pool
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                (
                    vec![
                        Cell { align: Align::Center, ..Cell::new((i + 1).to_string()) },
                        Cell::new(u.name.clone()),
                        Cell::new(u.taking_part.to_string()),
                        Cell::new(u.places.map_or(String::new(), |n| n.to_string())),
                        Cell::new(u.excellent.to_string()),
                    ],
                    Mm(0.0),
                )
            })
            .collect();
        rows.push((
            vec![
                Cell::new(""),
                Cell::label(tr(lang, "quota.total")),
                Cell::new(pool.units.iter().map(|u| u.taking_part).sum::<usize>().to_string()),
                Cell::new(pool.allocated().to_string()),
                Cell::new(pool.quota.excellent.to_string()),
            ],
            Mm(0.0),
        ));
        blocks.push(Block::Grid(Grid {
            columns: vec![0.5, 2.4, 1.0, 1.0, 1.0],
            header: header_row(lang, &["print.number", "field.unit", "quota.taking_part", "quota.places", "quota.excellent"]),
            rows,
            size_pt: 10.0,
        }));
        let left = (pool.quota.allowed as u32).saturating_sub(pool.allocated());
        if left > 0 {
            blocks.push(Block::Paragraph { text: fill(tr(lang, "quota.left"), &[&left.to_string()]), size_pt: 10.5, align: Align::Left });
        }
        if pool.quota.over() {
            let over = fill(tr(lang, "quota.over"), &[&pool.quota.excellent.to_string(), &pool.quota.allowed.to_string()]);
            blocks.push(Block::Paragraph { text: over, size_pt: 10.5, align: Align::Left });
        }
    }
    sign_foot(&mut blocks, lang);
    printout(lang, "print.quota_allocation_title", &[bureau, &year.to_string()], blocks)
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
    use crate::domain::yearend::UNIT_STANDARDS;
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
    blocks.push(Block::Grid(Grid { columns: vec![1.4, 0.8, 1.25, 1.25, 1.25, 1.25, 1.25, 0.9], header: Some(header), rows, size_pt: 9.0 }));
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
    blocks.push(Block::Grid(Grid { columns, header: Some(header), rows, size_pt: 9.0 }));
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
    blocks.push(Block::Grid(Grid { columns: vec![1.6, 1.0, 1.0, 1.0, 1.0, 1.0, 2.4], header: Some(header), rows, size_pt: 9.0 }));
    printout(lang, "summary.document", &[bureau, &year.to_string()], blocks)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_forms_unit_and_post_name_the_position_once() {
        assert_eq!(super::unit_post("縣局 / 辦公室", "辦公室主任", "辦公室主任"), "縣局 / 辦公室 辦公室主任");
        assert_eq!(super::unit_post("縣局 / 稽查局", "檢查員", "四級主任科員"), "縣局 / 稽查局 檢查員 四級主任科員");
        assert_eq!(super::unit_post("縣局", "", ""), "縣局");
    }
}
