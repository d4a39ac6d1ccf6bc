//! Reading 平時 results from a spreadsheet: one row per person and period, with the period
//! (`2012Q3`), the staff number, the result (好/較好/一般/較差 or good/fairly good/average/poor in
//! any of the three languages) and, optionally, each criterion's rating, the attendance days and
//! a comment. Columns are found by header, as attendance sheets are.

use super::ExchangeError;
use super::read::{Sheet, cell_text as cell, column_named as column};
use crate::domain::routine::{CRITERIA, Rating};

/// One row as read, before it is checked against the bureau.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutineLine {
    /// The spreadsheet row (1 = the header).
    pub row: usize,
    pub period: String,
    pub staff_no: String,
    pub result: String,
    pub criteria: [String; CRITERIA],
    /// 出勤, 事假, 病假, 曠工.
    pub days: [String; 4],
    pub comment: String,
}

const PERIOD: &[&str] = &["期間", "期间", "考核期", "季度", "period", "quarter"];
const STAFF_NO: &[&str] = &["工號", "工号", "staff no.", "staff no", "staff number"];
const RESULT: &[&str] = &["考核結果", "考核结果", "結果", "结果", "等次", "result"];
const CRITERIA_NAMES: [&[&str]; CRITERIA] = [
    &["政治品質", "政治品质", "political quality"],
    &["職業道德", "职业道德", "professional ethics"],
    &["工作作風", "工作作风", "work style"],
    &["廉潔自律", "廉洁自律", "integrity"],
    &["個性指標", "个性指标", "post indicators"],
];
const DAYS: [&[&str]; 4] =
    [&["出勤", "出勤天數", "出勤天数", "present"], &["事假", "personal leave"], &["病假", "sick leave"], &["曠工", "旷工", "absent"]];
const COMMENT: &[&str] = &["評語", "评语", "審核評鑒意見", "审核评鉴意见", "comment"];

/// The rows of the first sheet whose header has a period, staff-number and result column; the
/// missing ones are named otherwise.
pub fn read_routine(sheets: &[Sheet]) -> Result<Vec<RoutineLine>, ExchangeError> {
    let mut missing = Vec::new();
    for sheet in sheets {
        let Some(header) = sheet.first_row_texts() else { continue };
        let (period, staff_no, result) = (column(&header, PERIOD), column(&header, STAFF_NO), column(&header, RESULT));
        let (Some(period), Some(staff_no), Some(result)) = (period, staff_no, result) else {
            missing =
                [(period, crate::domain::Field::Record), (staff_no, crate::domain::Field::StaffNo), (result, crate::domain::Field::Grade)]
                    .iter()
                    .filter(|(c, _)| c.is_none())
                    .map(|(_, f)| *f)
                    .collect();
            continue;
        };
        let criteria = CRITERIA_NAMES.map(|names| column(&header, names));
        let days = DAYS.map(|names| column(&header, names));
        let comment = column(&header, COMMENT);
        return Ok(sheet
            .data_rows()
            .map(|(line, row)| RoutineLine {
                row: line,
                period: cell(row, period),
                staff_no: cell(row, staff_no),
                result: cell(row, result),
                criteria: criteria.map(|c| c.map(|c| cell(row, c)).unwrap_or_default()),
                days: days.map(|c| c.map(|c| cell(row, c)).unwrap_or_default()),
                comment: comment.map(|c| cell(row, c)).unwrap_or_default(),
            })
            .collect());
    }
    if missing.is_empty() { Err(ExchangeError::Empty) } else { Err(ExchangeError::MissingColumns(missing)) }
}

/// The rating a cell names, in any of the three languages or as its code.
pub fn parse_rating(text: &str) -> Option<Rating> {
    let text = text.trim().to_lowercase();
    Some(match text.as_str() {
        "好" | "good" => Rating::Good,
        "較好" | "较好" | "fairly good" => Rating::FairlyGood,
        "一般" | "average" => Rating::Average,
        "較差" | "较差" | "poor" => Rating::Poor,
        _ => return Rating::from_code(&text),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn ratings_read_in_every_script() {
        use crate::domain::routine::Rating::*;
        for (text, want) in [
            ("好", Some(Good)),
            ("较好", Some(FairlyGood)),
            (" 一般 ", Some(Average)),
            ("較差", Some(Poor)),
            ("Poor", Some(Poor)),
            ("fairly_good", Some(FairlyGood)),
            ("優秀", None),
        ] {
            assert_eq!(super::parse_rating(text), want, "{text}");
        }
    }
}
