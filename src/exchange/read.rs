//! Turns file bytes into sheets of text cells: calamine for workbooks, the csv crate for
//! text files (UTF-8, UTF-8 with BOM, or GBK as saved by Chinese Excel). Excel dates become
//! `YYYY-MM-DD`; numbers keep the digits a person typed (1985.10 stays 1985.10 for months).

use super::{ExchangeError, Format, MAX_ROWS};
use calamine::{Data, Reader};
use chrono::{Duration, NaiveDate};
use std::io::Cursor;

/// One cell as read: its text, and whether the file stored it as a number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    pub number: Option<f64>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), number: None }
    }
}

/// A sheet: its name and its rows of cells (the first row is the header).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

/// Decodes text bytes: a UTF-8 BOM is dropped, valid UTF-8 is taken as is, anything else is
/// read as GBK (GB18030), the encoding Chinese Excel uses for "CSV".
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

fn excel_date(serial: f64) -> Option<String> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    (0.0..2_958_466.0).contains(&serial).then(|| base + Duration::days(serial.trunc() as i64)).map(|d| d.format("%Y-%m-%d").to_string())
}

fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { format!("{value}") }
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::default(),
        Data::String(s) => Cell::text(s.trim()),
        Data::Int(i) => Cell { text: i.to_string(), number: Some(*i as f64) },
        Data::Float(f) => Cell { text: number_text(*f), number: Some(*f) },
        Data::Bool(b) => Cell::text(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => Cell::text(excel_date(dt.as_f64()).unwrap_or_default()),
        Data::DateTimeIso(s) => Cell::text(s.get(..10).unwrap_or(s)),
        Data::DurationIso(s) => Cell::text(s.clone()),
        Data::Error(e) => Cell::text(format!("#{e:?}")),
    }
}

fn check_rows(rows: usize) -> Result<(), ExchangeError> {
    // One header row plus at most MAX_ROWS data rows.
    if rows > MAX_ROWS + 1 { Err(ExchangeError::TooManyRows { rows: rows - 1, max: MAX_ROWS }) } else { Ok(()) }
}

/// Parses `bytes` as `format`. Never panics on malformed input: every failure is an error.
pub fn read_bytes(bytes: &[u8], format: Format) -> Result<Vec<Sheet>, ExchangeError> {
    if bytes.is_empty() {
        return Err(ExchangeError::Empty);
    }
    let sheets = match format {
        Format::Csv => {
            let text = decode_text(bytes);
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for record in reader.records() {
                let record = record.map_err(|e| ExchangeError::Unreadable(e.to_string()))?;
                rows.push(record.iter().map(|c| Cell::text(c.trim())).collect());
                check_rows(rows.len())?;
            }
            vec![Sheet { name: "CSV".into(), rows }]
        }
        Format::Xlsx | Format::Xls | Format::Ods => {
            let mut workbook =
                calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| ExchangeError::Unreadable(e.to_string()))?;
            let mut sheets = Vec::new();
            for name in workbook.sheet_names() {
                let range = workbook.worksheet_range(&name).map_err(|e| ExchangeError::Unreadable(e.to_string()))?;
                check_rows(range.height())?;
                let rows = range.rows().map(|r| r.iter().map(cell).collect()).collect();
                sheets.push(Sheet { name, rows });
            }
            sheets
        }
    };
    let sheets: Vec<Sheet> = sheets.into_iter().map(trim_blank_rows).filter(|s| !s.rows.is_empty()).collect();
    if sheets.is_empty() { Err(ExchangeError::Empty) } else { Ok(sheets) }
}

fn trim_blank_rows(mut sheet: Sheet) -> Sheet {
    while sheet.rows.last().is_some_and(|r| r.iter().all(|c| c.text.is_empty())) {
        sheet.rows.pop();
    }
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_encodings_are_recognised() {
        let gbk = encoding_rs::GBK.encode("工號,姓名\nGS1,張偉\n").0.into_owned();
        assert_eq!(decode_text(&gbk), "工號,姓名\nGS1,張偉\n");
        assert_eq!(decode_text("\u{feff}姓名".as_bytes()), "姓名");
        assert_eq!(decode_text("姓名".as_bytes()), "姓名");
    }

    #[test]
    fn excel_serials_become_days() {
        assert_eq!(excel_date(41_131.0).as_deref(), Some("2012-08-10"));
        assert_eq!(excel_date(-5.0), None);
        assert_eq!(number_text(1985.1), "1985.1");
        assert_eq!(number_text(12.0), "12");
    }

    #[test]
    fn empty_and_garbage_bytes_are_errors() {
        assert!(matches!(read_bytes(b"", Format::Csv), Err(ExchangeError::Empty)));
        assert!(matches!(read_bytes(b"PK\x03\x04garbage", Format::Xlsx), Err(ExchangeError::Unreadable(_))));
        assert!(matches!(read_bytes(b"\n\n,,\n", Format::Csv), Err(ExchangeError::Empty)));
    }
}
