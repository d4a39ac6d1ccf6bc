//! Reading attendance from a spreadsheet: one row per person and session, with the session's
//! number, the staff number, the mark (出席/遲到/請假/缺席 or present/late/leave/absent in
//! any of the three languages) and, optionally, the 學時 credited. Columns are found by header.

use super::ExchangeError;
use super::read::Sheet;

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

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

/// The attendance rows of the first sheet whose header has a session, staff-number and mark
/// column; the missing ones are named otherwise.
pub fn read_attendance(sheets: &[Sheet]) -> Result<Vec<AttendanceLine>, ExchangeError> {
    let mut missing = Vec::new();
    for sheet in sheets {
        let Some(first) = sheet.rows.first() else { continue };
        let header: Vec<String> = first.iter().map(|c| c.text.clone()).collect();
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
        let cell = |row: &[super::read::Cell], index: usize| row.get(index).map(|c| c.text.trim().to_owned()).unwrap_or_default();
        return Ok(sheet
            .rows
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, row)| row.iter().any(|c| !c.text.trim().is_empty()))
            .map(|(i, row)| AttendanceLine {
                row: i + 1,
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
