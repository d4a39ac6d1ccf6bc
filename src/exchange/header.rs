//! Finding a 花名冊's header where the clerk put it: below a title line and a unit/date line,
//! over one row or two (全日制教育 merged over 學歷學位 and 畢業院校系及專業), and telling the rows
//! under it that are not people (sub-headings, a repeated header, 合計 / 制表人 / 審核人 footers).

use super::Kind;
use super::columns::{locate_in, normalise, specs};
use super::read::{Cell, Sheet};
use crate::domain::Field;

/// How far down a header is looked for.
const SEARCH_ROWS: usize = 30;

/// The header found in a sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    /// Index into the sheet's rows of the header's first row.
    pub start: usize,
    /// How many rows it takes (1, or 2 for a merged two-row header).
    pub height: usize,
    /// Each column's header text (a two-row header's parts joined).
    pub names: Vec<String>,
    /// Each recognised field's column.
    pub positions: Vec<(Field, usize)>,
    /// `names`, normalised, to tell a repeated header without reading every row twice.
    normalised: Vec<String>,
}

impl Header {
    /// Index into the sheet's rows of the first row under the header.
    pub fn body(&self) -> usize {
        self.start + self.height
    }

    /// Columns with a header this kind of sheet does not take: (column, header text).
    pub fn unrecognised(&self) -> Vec<(usize, String)> {
        self.names
            .iter()
            .enumerate()
            .filter(|(i, name)| !name.trim().is_empty() && !self.positions.iter().any(|p| p.1 == *i))
            .map(|(i, name)| (i, name.clone()))
            .collect()
    }
}

fn text(row: Option<&Vec<Cell>>, column: usize) -> &str {
    row.and_then(|r| r.get(column)).map_or("", |c| c.text.trim())
}

/// The ways each column of a header starting at `start` and `height` rows tall can be read: a
/// two-row header's joined text first (an upper cell merged across several columns is carried to
/// the right over the lower cells it stands above), then its lower part, then its upper part.
fn readings(sheet: &Sheet, start: usize, height: usize) -> Vec<Vec<String>> {
    let top = sheet.rows.get(start);
    let width = sheet.rows.iter().skip(start).take(height).map(Vec::len).max().unwrap_or(0);
    if height == 1 {
        return (0..width).map(|c| vec![text(top, c).to_owned()]).collect();
    }
    let bottom = sheet.rows.get(start + 1);
    let mut group = String::new();
    (0..width)
        .map(|c| {
            let (upper, lower) = (text(top, c), text(bottom, c));
            if !upper.is_empty() {
                group = if lower.is_empty() { String::new() } else { upper.to_owned() };
            }
            let upper = if upper.is_empty() && !lower.is_empty() { group.as_str() } else { upper };
            match (upper.is_empty(), lower.is_empty()) {
                (false, false) => vec![format!("{upper}{lower}"), lower.to_owned(), upper.to_owned()],
                (false, true) => vec![upper.to_owned()],
                (true, false) => vec![lower.to_owned()],
                (true, true) => vec![String::new()],
            }
        })
        .collect()
}

/// Finds the header of `sheet` as `kind`: the row (or pair of rows) within the first rows that
/// recognises the most columns and has every required one; at `forced` (an index into the rows)
/// when the user says where it is. `Err` names the required columns the best candidate lacks.
pub fn find(kind: Kind, sheet: &Sheet, forced: Option<usize>) -> Result<Header, Vec<Field>> {
    let starts: Vec<usize> = match forced {
        Some(index) => vec![index],
        None => (0..sheet.rows.len().min(SEARCH_ROWS)).collect(),
    };
    let mut best: Option<((usize, usize), Header)> = None;
    let mut nearest: Option<(usize, Vec<Field>)> = None;
    for start in starts {
        for height in [1, 2] {
            // A two-row header's upper row has several cells (a title line has one).
            let upper_cells = sheet.rows[start].iter().filter(|c| !c.text.trim().is_empty()).count();
            if height == 2 && (start + 1 >= sheet.rows.len() || upper_cells < 2) {
                continue;
            }
            let readings = readings(sheet, start, height);
            match locate_in(kind, &readings) {
                Ok(found) => {
                    let positions: Vec<(Field, usize)> =
                        specs(kind).iter().zip(&found).filter_map(|(spec, pos)| pos.map(|p| (spec.field, p))).collect();
                    // A second row is taken only when it recognises more columns than one row alone
                    // (a title line joined to the header below it recognises no more than the header).
                    let score = (positions.len(), usize::from(height == 1));
                    if best.as_ref().is_none_or(|(s, _)| score > *s) {
                        let names: Vec<String> = readings.into_iter().map(|mut r| r.swap_remove(0)).collect();
                        let normalised = names.iter().map(|n| normalise(n)).collect();
                        best = Some((score, Header { start, height, names, positions, normalised }));
                    }
                }
                Err(missing) => {
                    if nearest.as_ref().is_none_or(|(n, _)| missing.len() < *n) {
                        nearest = Some((missing.len(), missing));
                    }
                }
            }
        }
    }
    match (best, nearest) {
        (Some((_, header)), _) => Ok(header),
        (None, Some((_, missing))) => Err(missing),
        (None, None) => Err(specs(kind).iter().filter(|s| s.required).map(|s| s.field).collect()),
    }
}

/// What a sheet holds, told from the header found in its first rows (a standards sheet is a
/// posts sheet with capability columns).
pub fn detect(sheet: &Sheet) -> Option<Kind> {
    let standards =
        find(Kind::Standards, sheet, None).is_ok_and(|h| h.positions.iter().any(|(field, _)| matches!(field, Field::Capability(_))));
    if standards {
        return Some(Kind::Standards);
    }
    [Kind::Officials, Kind::Posts, Kind::Units].into_iter().find(|kind| find(*kind, sheet, None).is_ok())
}

/// Why a row under the header is not read as a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// A group heading such as 「一、局領導」: one cell of text.
    Subheading(String),
    /// The header again (a workbook printed in pages repeats it).
    RepeatedHeader,
    /// 合計, 制表人, 審核人, 填表日期, a note, and what follows them.
    Footer(String),
}

/// Words a footer row starts with, normalised (simplified script, no marks): rows are compared
/// after the same folding.
const FOOTER_WORDS: &[&str] = &[
    "合计",
    "总计",
    "小计",
    "共计",
    "制表",
    "审核",
    "填表",
    "填报",
    "注",
    "说明",
    "备注",
    "负责人",
    "单位负责人",
    "联系电话",
    "盖章",
    "打印",
];

/// What to do with row `index` (under the header): `None` to read it as a record.
/// `after_footer` is whether a footer row came before it.
pub fn skip(header: &Header, row: &[Cell], after_footer: bool) -> Option<Skip> {
    let filled: Vec<&str> = row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect();
    let first = filled.first().copied()?;
    // Footers start with a word; a person's row starts with a number or a name, which the footer
    // words' first characters rarely begin (so most rows are not normalised at all).
    let lead = first.chars().next().map(|c| fast2s::convert(&c.to_string())).unwrap_or_default();
    if FOOTER_WORDS.iter().any(|w| w.starts_with(lead.as_str())) {
        let key = normalise(first);
        if FOOTER_WORDS.iter().any(|w| key.starts_with(w)) {
            return Some(Skip::Footer(first.to_owned()));
        }
    }
    let recognised: Vec<&str> = header.positions.iter().map(|p| text_of(row, p.1)).filter(|t| !t.is_empty()).collect();
    let repeats = |p: &(Field, usize)| normalise(text_of(row, p.1)) == header.normalised[p.1];
    // A repeated header repeats its first recognised column too; only then are the rest compared.
    if header.positions.first().is_some_and(repeats) && header.positions.iter().filter(|p| repeats(p)).count() * 2 >= header.positions.len()
    {
        return Some(Skip::RepeatedHeader);
    }
    if after_footer && recognised.len() < 3 {
        return Some(Skip::Footer(first.to_owned()));
    }
    if filled.len() == 1 || recognised.len() <= 1 {
        return Some(Skip::Subheading(first.to_owned()));
    }
    None
}

fn text_of(row: &[Cell], column: usize) -> &str {
    row.get(column).map_or("", |c| c.text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet::new("花名冊", rows.iter().map(|r| r.iter().map(|c| Cell::text(*c)).collect()).collect())
    }

    #[test]
    fn a_header_under_title_lines_with_two_merged_rows_is_found() {
        let s = sheet(&[
            &["某縣稅務局幹部花名冊"],
            &["填報單位：某縣稅務局", "", "", "", "", "", "截至2024年12月31日"],
            &["序號", "姓名", "性別", "出生年月", "所在科室", "職級", "全日制教育", "", "在職教育", ""],
            &["", "", "", "", "", "", "學歷學位", "畢業院校系及專業", "學歷學位", "畢業院校系及專業"],
            &["1", "劉偉", "男", "1968.10", "辦公室", "一級主任科員", "大學 學士", "湘潭大學法律系法學", "研究生", "中央黨校經濟學"],
        ]);
        let header = find(Kind::Officials, &s, None).expect("found");
        assert_eq!((header.start, header.height, header.body()), (2, 2, 4));
        let at = |field| header.positions.iter().find(|p| p.0 == field).map(|p| p.1);
        assert_eq!(at(Field::Name), Some(1));
        assert_eq!(at(Field::Unit), Some(4));
        assert_eq!(at(Field::Rank), Some(5));
        assert_eq!(at(Field::Education), Some(6));
        assert_eq!(at(Field::School), Some(7));
        assert_eq!(at(Field::InserviceEducation), Some(8));
        assert_eq!(at(Field::InserviceSchool), Some(9));
        assert_eq!(header.unrecognised(), vec![(0, "序號".to_owned())]);
        // Told where the header is, it is read there and only there.
        assert_eq!(find(Kind::Officials, &s, Some(2)).map(|h| h.height).ok(), Some(2));
        assert!(find(Kind::Officials, &s, Some(0)).is_err());
    }

    #[test]
    fn rows_that_are_not_people_are_told_apart() {
        let s = sheet(&[&["序號", "姓名", "性別", "出生年月", "單位", "職級"]]);
        let header = find(Kind::Officials, &s, None).unwrap();
        let row = |cells: &[&str]| cells.iter().map(|c| Cell::text(*c)).collect::<Vec<_>>();
        assert_eq!(skip(&header, &row(&["一、局領導"]), false), Some(Skip::Subheading("一、局領導".into())));
        assert_eq!(skip(&header, &row(&["", "二、辦公室", "", ""]), false), Some(Skip::Subheading("二、辦公室".into())));
        assert_eq!(skip(&header, &row(&["序号", "姓名", "性别", "出生年月", "单位", "职级"]), false), Some(Skip::RepeatedHeader));
        assert_eq!(skip(&header, &row(&["合計：36人"]), false), Some(Skip::Footer("合計：36人".into())));
        assert_eq!(skip(&header, &row(&["制表人：王芳", "", "審核人：李強"]), false), Some(Skip::Footer("制表人：王芳".into())));
        assert_eq!(skip(&header, &row(&["2. 學歷按最高學歷填寫"]), true), Some(Skip::Footer("2. 學歷按最高學歷填寫".into())));
        assert_eq!(skip(&header, &row(&["1", "劉偉", "男", "1968.10", "辦公室", "一級主任科員"]), false), None);
        assert_eq!(skip(&header, &row(&["", "", ""]), false), None);
    }
}
