//! Reading attendance from a spreadsheet: one row per person and session, with the session's
//! number, the staff number, the mark (出席/遲到/請假/缺席 or present/late/leave/absent in
//! any of the three languages) and, optionally, the 學時 credited. Columns are found by header.

use super::ExchangeError;
use super::read::{Sheet, cell_text as cell, column_named as column};

/// One row as read, before it is checked against the bureau.
#[derive(Clone, Debug, PartialEq)]
pub struct AttendanceLine {
    /// The spreadsheet row (1 = the header).
    pub row: usize,
    pub session: String,
    pub staff_no: String,
    pub mark: String,
    pub hours: String,
}

/// The columns' headers in the three languages, by what they hold.
const SESSION: &[&str] = &["場次", "场次", "session", "場次編號", "场次编号", "session no."];
const STAFF_NO: &[&str] = &["工號", "工号", "staff no.", "staff no", "staff number"];
const MARK: &[&str] = &["出勤", "出勤情況", "出勤情况", "mark", "attendance"];
const HOURS: &[&str] = &["學時", "学时", "hours"];

/// The attendance rows of the first sheet whose header has a session, staff-number and mark
/// column; the missing ones are named otherwise.
pub fn read_attendance(sheets: &[Sheet]) -> Result<Vec<AttendanceLine>, ExchangeError> {
    let mut missing = Vec::new();
    for sheet in sheets {
        let Some(header) = sheet.first_row_texts() else { continue };
        let (session, staff_no, mark, hours) =
            (column(&header, SESSION), column(&header, STAFF_NO), column(&header, MARK), column(&header, HOURS));
        let (Some(session), Some(staff_no), Some(mark)) = (session, staff_no, mark) else {
            missing =
                [(session, crate::domain::Field::Record), (staff_no, crate::domain::Field::StaffNo), (mark, crate::domain::Field::Status)]
                    .iter()
                    .filter(|(c, _)| c.is_none())
                    .map(|(_, f)| *f)
                    .collect();
            continue;
        };
        return Ok(sheet
            .data_rows()
            .map(|(line, row)| AttendanceLine {
                row: line,
                session: cell(row, session),
                staff_no: cell(row, staff_no),
                mark: cell(row, mark),
                hours: hours.map(|h| cell(row, h)).unwrap_or_default(),
            })
            .collect());
    }
    if missing.is_empty() { Err(ExchangeError::Empty) } else { Err(ExchangeError::MissingColumns(missing)) }
}

/// The mark a cell names, in any of the three languages or as its code.
pub fn parse_mark(text: &str) -> Option<crate::domain::training::Mark> {
    use crate::domain::training::Mark;
    let text = text.trim().to_lowercase();
    Some(match text.as_str() {
        "出席" | "present" | "√" | "✓" => Mark::Present,
        "遲到" | "迟到" | "late" => Mark::Late,
        "請假" | "请假" | "leave" | "on leave" => Mark::Leave,
        "缺席" | "absent" => Mark::Absent,
        _ => return Mark::from_code(&text),
    })
}
