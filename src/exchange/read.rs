//! Turns file bytes into sheets of text cells: calamine for workbooks, the csv crate for
//! text files (in the encoding `encoding` tells, comma-, tab- or semicolon-separated), with the
//! rows and columns a workbook hides. Excel dates become
//! `YYYY-MM-DD`; numbers keep the digits a person typed (1985.10 stays 1985.10 for months).
//! An `.xlsx` is measured before it is read (its parts' unpacked sizes, the shared strings it
//! declares) and its cells are streamed within bounds, and an `.ods` table's repeats are counted
//! before calamine expands them, so no count or cell position in a small hostile file can make the
//! reader allocate gigabytes or panic.

use super::encoding::decode_text;
use super::{ExchangeError, Format, MAX_ROWS};
use calamine::{Data, DataRef, Reader};
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeSet, HashMap};
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

/// A sheet: its name and its rows of cells as they stand in the file (title lines, header,
/// data and footer alike; finding the header is the preview's job).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
    /// The file's row number (1-based) of `rows[0]`.
    pub first_line: usize,
    /// Indices into `rows` of rows hidden in the file (a person transferred out, a helper row).
    pub hidden_rows: BTreeSet<usize>,
    /// Column indices (0 = A) hidden in the file.
    pub hidden_columns: BTreeSet<usize>,
}

impl Sheet {
    /// A sheet of `rows` starting at the file's first row, nothing hidden.
    pub fn new(name: impl Into<String>, rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet { name: name.into(), rows, first_line: 1, ..Sheet::default() }
    }

    /// The file's row number of `rows[index]`.
    pub fn line(&self, index: usize) -> usize {
        self.first_line + index
    }

    /// The texts of the sheet's first row, read as a header by the small sheets (attendance,
    /// 平時 results) that keep their header there.
    pub fn first_row_texts(&self) -> Option<Vec<String>> {
        self.rows.first().map(|r| r.iter().map(|c| c.text.clone()).collect())
    }

    /// The rows under the first one that hold something, each with its row number in the file.
    pub fn data_rows(&self) -> impl Iterator<Item = (usize, &[Cell])> {
        self.rows
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, row)| row.iter().any(|c| !c.text.trim().is_empty()))
            .map(|(i, row)| (self.line(i), row.as_slice()))
    }
}

/// A cell's trimmed text, empty where the row is shorter.
pub fn cell_text(row: &[Cell], index: usize) -> String {
    row.get(index).map(|c| c.text.trim().to_owned()).unwrap_or_default()
}

/// The column whose header is one of `names` (trimmed, ASCII case ignored).
pub fn column_named(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
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

pub use super::{MAX_CELLS, MAX_COLUMNS};
/// The most a workbook's parts may unpack to, as its archive declares them.
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// The most parts (files inside the archive) a workbook may have.
const MAX_PARTS: usize = 10_000;

fn unreadable(error: impl std::fmt::Display) -> ExchangeError {
    ExchangeError::Unreadable(error.to_string())
}

/// The number a workbook part declares in `attribute="N"` within its first bytes, if any.
fn declared_count(head: &str, attribute: &str) -> Option<u64> {
    let at = head.find(&format!(" {attribute}=\""))? + attribute.len() + 3;
    let digits: String = head[at..].chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    // More digits than a u64 holds is a count no workbook has: take it as the largest.
    Some(digits.parse().unwrap_or(u64::MAX))
}

/// Measures a zipped workbook before any reader allocates for it: how many parts it has, what
/// they unpack to, and how many shared strings it says it holds (calamine reserves room for
/// that many up front). `Ok(true)` for an `.xlsx` (it has `xl/workbook.xml`), `Ok(false)` for
/// anything that is not a zip archive or not an `.xlsx`.
fn check_parts(bytes: &[u8]) -> Result<bool, ExchangeError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(false) };
    if zip.len() > MAX_PARTS {
        return Err(ExchangeError::TooBig { max: MAX_PARTS as u64 });
    }
    let mut unpacked: u64 = 0;
    let mut xlsx = false;
    let mut strings_size = None;
    for index in 0..zip.len() {
        let part = zip.by_index_raw(index).map_err(unreadable)?;
        unpacked = unpacked.saturating_add(part.size());
        let name = part.name().map_err(unreadable)?;
        xlsx |= name == "xl/workbook.xml";
        if name == "xl/sharedStrings.xml" {
            strings_size = Some(part.size());
        }
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(ExchangeError::TooBig { max: MAX_UNPACKED_BYTES });
    }
    if let Some(size) = strings_size {
        let mut head = Vec::with_capacity(4096);
        let part = zip.by_name("xl/sharedStrings.xml").map_err(unreadable)?;
        std::io::Read::read_to_end(&mut std::io::Read::take(part, 4096), &mut head).map_err(unreadable)?;
        let head = String::from_utf8_lossy(&head);
        // Each distinct string takes at least `<si/>`, five bytes of the part. (`count`, how
        // often strings are used, may well be larger: only `uniqueCount` is reserved for.)
        let most = size / 5 + 1;
        if let Some(declared) = declared_count(&head, "uniqueCount").filter(|n| *n > most) {
            return Err(ExchangeError::TooManyStrings { declared, most });
        }
    }
    Ok(xlsx)
}

/// The number an attribute of `element` holds (a repeat count), 1 when it is absent.
fn repeats(element: &quick_xml::events::BytesStart<'_>, attribute: &str) -> Result<u64, ExchangeError> {
    match element.try_get_attribute(attribute).map_err(unreadable)? {
        None => Ok(1),
        Some(value) => value.value.trim().parse().map_err(|_| unreadable(attribute)),
    }
}

/// Measures an `.ods`'s tables before calamine lays them out: repeated rows and cells are
/// counted, not expanded, and the rectangle of the cells that hold something is held to the
/// limits. Trailing empty rows and cells, which LibreOffice repeats to the sheet's edge, cost
/// nothing; a value repeated a million times over is refused.
fn check_ods(bytes: &[u8]) -> Result<(), ExchangeError> {
    use quick_xml::events::Event;
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let Ok(content) = zip.by_name("content.xml") else { return Ok(()) };
    let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(std::io::Read::take(content, MAX_UNPACKED_BYTES)));
    let mut buf = Vec::new();
    // The table being read: the next row's index, and the rows and columns that hold something.
    let (mut row, mut top, mut bottom, mut left, mut right) = (0u64, u64::MAX, 0u64, u64::MAX, 0u64);
    // The row being read: how often it repeats, the next cell's column, its cells that hold something.
    let (mut row_repeats, mut column, mut row_left, mut row_right) = (1u64, 0u64, u64::MAX, 0u64);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(unreadable)?;
        let (element, open) = match &event {
            Event::Start(e) => (Some(e), true),
            Event::Empty(e) => (Some(e), false),
            Event::End(e) => {
                match e.name().as_ref() {
                    "table:table-row" => {
                        if row_right > 0 {
                            (top, bottom) = (top.min(row), bottom.max(row.saturating_add(row_repeats - 1)));
                            (left, right) = (left.min(row_left), right.max(row_right));
                        }
                        row = row.saturating_add(row_repeats);
                    }
                    "table:table" if top != u64::MAX => {
                        let height = bottom - top + 1;
                        let width = right - left;
                        if height > MAX_ROWS as u64 + 1 {
                            return Err(ExchangeError::TooManyRows {
                                rows: usize::try_from(height - 1).unwrap_or(usize::MAX),
                                max: MAX_ROWS,
                            });
                        }
                        if width > MAX_COLUMNS as u64 {
                            return Err(ExchangeError::TooManyColumns {
                                columns: usize::try_from(width).unwrap_or(usize::MAX),
                                max: MAX_COLUMNS,
                            });
                        }
                        if height.saturating_mul(width) > MAX_CELLS as u64 {
                            return Err(ExchangeError::TooBig { max: MAX_CELLS as u64 });
                        }
                        (row, top, bottom, left, right) = (0, u64::MAX, 0, u64::MAX, 0);
                    }
                    "table:table" => row = 0,
                    _ => {}
                }
                (None, false)
            }
            Event::Eof => return Ok(()),
            _ => (None, false),
        };
        let Some(element) = element else {
            buf.clear();
            continue;
        };
        match element.name().as_ref() {
            "table:table-row" => {
                let repeated = repeats(element, "table:number-rows-repeated")?.max(1);
                if open {
                    (row_repeats, column, row_left, row_right) = (repeated, 0, u64::MAX, 0);
                } else {
                    row = row.saturating_add(repeated);
                }
            }
            "table:table-cell" | "table:covered-table-cell" => {
                let repeated = repeats(element, "table:number-columns-repeated")?.max(1);
                let holds = open || element.try_get_attribute("office:value-type").map_err(unreadable)?.is_some();
                if holds {
                    (row_left, row_right) = (row_left.min(column), column.saturating_add(repeated));
                }
                column = column.saturating_add(repeated);
            }
            _ => {}
        }
        buf.clear();
    }
}

/// An `.xlsx`'s sheets, their cells streamed and kept only within the limits: the used
/// rectangle is measured before it is laid out, as calamine's own range would be.
fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ExchangeError> {
    let mut hidden = xlsx_hidden(bytes)?;
    let mut workbook: calamine::Xlsx<_> = calamine::Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let mut reader = match workbook.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            // A chart sheet or a macro sheet has no cells to import.
            Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
            Err(e) => return Err(unreadable(e)),
        };
        let mut cells: Vec<((u32, u32), Cell)> = Vec::new();
        let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0, u32::MAX, 0);
        while let Some(found) = reader.next_cell().map_err(unreadable)? {
            let value = found.get_value();
            if matches!(value, DataRef::Empty) {
                continue;
            }
            if cells.len() >= MAX_CELLS {
                return Err(ExchangeError::TooBig { max: MAX_CELLS as u64 });
            }
            let (row, column) = found.get_position();
            (top, bottom, left, right) = (top.min(row), bottom.max(row), left.min(column), right.max(column));
            cells.push(((row, column), cell(&Data::from(value.clone()))));
        }
        if cells.is_empty() {
            continue;
        }
        let height = (bottom - top) as usize + 1;
        let width = (right - left) as usize + 1;
        check_rows(height)?;
        if width > MAX_COLUMNS || right as usize >= 2 * MAX_COLUMNS {
            return Err(ExchangeError::TooManyColumns { columns: width.max(right as usize + 1), max: MAX_COLUMNS });
        }
        if height.saturating_mul(right as usize + 1) > MAX_CELLS {
            return Err(ExchangeError::TooBig { max: MAX_CELLS as u64 });
        }
        // Columns keep their letters (a sheet starting at B still has A empty); rows start at the first used one.
        let width = right as usize + 1;
        let mut rows = vec![vec![Cell::default(); width]; height];
        for ((row, column), value) in cells {
            rows[(row - top) as usize][column as usize] = value;
        }
        let (hidden_rows, hidden_columns) = hidden.remove(&name).unwrap_or_default();
        let hidden_rows = hidden_rows.into_iter().filter(|r| *r >= top).map(|r| (r - top) as usize).filter(|r| *r < height).collect();
        let hidden_columns = hidden_columns.into_iter().map(|c| c as usize).filter(|c| *c < width).collect();
        sheets.push(Sheet { name, rows, first_line: top as usize + 1, hidden_rows, hidden_columns });
    }
    Ok(sheets)
}

/// Rows and columns (0-based) hidden in each sheet of an `.xlsx`, by sheet name: `<row hidden="1">`
/// and `<col min max hidden="1">` of each worksheet part, found through the workbook's relations.
/// A sheet's hidden rows and hidden columns (0-based).
type Hidden = (BTreeSet<u32>, BTreeSet<u32>);

fn xlsx_hidden(bytes: &[u8]) -> Result<HashMap<String, Hidden>, ExchangeError> {
    use quick_xml::events::{BytesStart, Event};
    type Each<'a> = dyn FnMut(&BytesStart<'_>) + 'a;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut scan = |part: &str, each: &mut Each<'_>| -> Result<(), ExchangeError> {
        let Ok(file) = zip.by_name(part) else { return Ok(()) };
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(std::io::Read::take(file, MAX_UNPACKED_BYTES)));
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).map_err(unreadable)? {
                Event::Start(e) | Event::Empty(e) => each(&e),
                Event::Eof => return Ok(()),
                _ => {}
            }
            buf.clear();
        }
    };
    let attr = |e: &BytesStart<'_>, key: &str| -> Option<String> {
        e.attributes().flatten().find(|a| a.key.as_ref() == key).map(|a| a.value.to_string())
    };
    let mut sheets: Vec<(String, String)> = Vec::new();
    scan("xl/workbook.xml", &mut |e| {
        if e.local_name().as_ref() == "sheet"
            && let (Some(name), Some(id)) = (attr(e, "name"), attr(e, "r:id"))
        {
            let name = quick_xml::escape::unescape(&name).map_or_else(|_| name.clone(), |n| n.into_owned());
            sheets.push((name, id));
        }
    })?;
    let mut targets: HashMap<String, String> = HashMap::new();
    scan("xl/_rels/workbook.xml.rels", &mut |e| {
        if let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target")) {
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_owned(),
                None => format!("xl/{target}"),
            };
            targets.insert(id, path);
        }
    })?;
    let mut hidden = HashMap::new();
    for (name, id) in sheets {
        let Some(part) = targets.get(&id) else { continue };
        let (mut rows, mut columns) = (BTreeSet::new(), BTreeSet::new());
        let mut next_row = 0u32;
        scan(part, &mut |e| {
            let is_hidden = attr(e, "hidden").is_some_and(|h| h == "1" || h == "true");
            match e.local_name().as_ref() {
                "row" => {
                    let row = attr(e, "r").and_then(|r| r.parse::<u32>().ok()).map_or(next_row, |r| r.saturating_sub(1));
                    next_row = row.saturating_add(1);
                    if is_hidden && rows.len() <= MAX_ROWS {
                        rows.insert(row);
                    }
                }
                "col" if is_hidden => {
                    let min = attr(e, "min").and_then(|m| m.parse::<u32>().ok()).unwrap_or(1).max(1);
                    let max = attr(e, "max").and_then(|m| m.parse::<u32>().ok()).unwrap_or(min).min(MAX_COLUMNS as u32);
                    columns.extend((min..=max).map(|c| c - 1));
                }
                _ => {}
            }
        })?;
        hidden.insert(name, (rows, columns));
    }
    Ok(hidden)
}

/// Any other workbook, through calamine's own ranges; a panic inside the reader is an
/// unreadable file, not a crash.
fn read_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, ExchangeError> {
    let read = || {
        let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
        let mut sheets = Vec::new();
        for name in workbook.sheet_names() {
            let range = workbook.worksheet_range(&name).map_err(unreadable)?;
            check_rows(range.height())?;
            if range.width() > MAX_COLUMNS {
                return Err(ExchangeError::TooManyColumns { columns: range.width(), max: MAX_COLUMNS });
            }
            // Columns keep their letters, as in the streamed reader: the cells left of the range are empty.
            let (top, left) = range.start().map_or((0, 0), |(row, column)| (row as usize, column as usize));
            let rows = range.rows().map(|r| std::iter::repeat_n(Cell::default(), left).chain(r.iter().map(cell)).collect()).collect();
            let first_line = top + 1;
            sheets.push(Sheet { first_line, ..Sheet::new(name, rows) });
        }
        Ok(sheets)
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(unreadable("the reader stopped on a malformed part")))
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
            let text = decode_text(bytes)?;
            let mut reader =
                csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter(&text)).from_reader(text.as_bytes());
            let mut rows = Vec::new();
            for record in reader.records() {
                let record = record.map_err(|e| ExchangeError::Unreadable(e.to_string()))?;
                rows.push(record.iter().map(|c| Cell::text(super::unneutralise(c).trim())).collect());
                check_rows(rows.len())?;
            }
            vec![Sheet::new("CSV", rows)]
        }
        // The format is told by the content: an `.xls` named `.xlsx` still reads.
        Format::Xlsx | Format::Xls | Format::Ods => {
            if check_parts(bytes)? {
                read_xlsx(bytes)?
            } else if super::xls::check_xls(bytes)? {
                read_workbook(bytes)?
            } else {
                check_ods(bytes)?;
                read_workbook(bytes)?
            }
        }
    };
    let sheets: Vec<Sheet> = sheets.into_iter().map(trim_blank_rows).filter(|s| !s.rows.is_empty()).collect();
    if sheets.is_empty() { Err(ExchangeError::Empty) } else { Ok(sheets) }
}

/// The separator of a text file: a tab (Excel's "Unicode text"), a semicolon (European Excel)
/// or a comma, whichever its first lines use most.
fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let count = |c: char| head.matches(c).count();
    [(b'\t', count('\t')), (b';', count(';')), (b',', count(','))].into_iter().max_by_key(|(d, n)| (*n, *d == b',')).map_or(b',', |d| d.0)
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
    fn data_rows_carry_the_files_own_row_numbers() {
        let rows = vec![vec![Cell::text("場次")], vec![Cell::text("1")], vec![Cell::default()], vec![Cell::text("2")]];
        let sheet = Sheet { first_line: 3, ..Sheet::new("出勤", rows) };
        let lines: Vec<(usize, String)> = sheet.data_rows().map(|(line, row)| (line, cell_text(row, 0))).collect();
        assert_eq!(lines, vec![(4, "1".to_owned()), (6, "2".to_owned())], "a sheet starting at row 3 numbers its rows as the file does");
        assert_eq!(column_named(&sheet.first_row_texts().unwrap(), &["場次"]), Some(0));
    }

    #[test]
    fn text_files_are_split_on_their_own_separator() {
        let sheets = read_bytes("姓名\t性別\n張偉\t男\n".as_bytes(), Format::Csv).unwrap();
        assert_eq!(sheets[0].rows[1][1].text, "男");
        let sheets = read_bytes("姓名;性別;備註\n張偉;男;a,b\n".as_bytes(), Format::Csv).unwrap();
        assert_eq!(sheets[0].rows[1][2].text, "a,b");
    }

    #[test]
    fn excel_serials_become_days() {
        assert_eq!(excel_date(41_131.0).as_deref(), Some("2012-08-10"));
        assert_eq!(excel_date(-5.0), None);
        assert_eq!(number_text(1985.1), "1985.1");
        assert_eq!(number_text(12.0), "12");
    }

    /// A minimal `.xlsx` as a hostile file would be made: one sheet with `cells` (already
    /// written as `<c>` elements) and, when given, a shared-strings part.
    fn workbook(dimension: &str, cells: &str, strings: Option<&str>) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let mut part = |name: &str, text: &str| {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        };
        part(
            "[Content_Types].xml",
            r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        );
        part(
            "_rels/.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        );
        part(
            "xl/workbook.xml",
            r#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名冊" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        );
        part(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        );
        part(
            "xl/worksheets/sheet1.xml",
            &format!(
                r#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{cells}</sheetData></worksheet>"#
            ),
        );
        if let Some(strings) = strings {
            part("xl/sharedStrings.xml", strings);
        }
        zip.finish().unwrap().into_inner()
    }

    /// A minimal `.ods` whose one table holds `rows` (already written as `<table:table-row>`s).
    fn spreadsheet(rows: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
        write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="名冊">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#).unwrap();
        zip.finish().unwrap().into_inner()
    }

    const NAME_CELL: &str = r#"<table:table-cell office:value-type="string"><text:p>張偉</text:p></table:table-cell>"#;

    #[test]
    fn an_ods_value_repeated_across_the_sheet_is_refused_before_it_is_laid_out() {
        let bomb = spreadsheet(
            r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>"#,
        );
        assert!(bomb.len() < 2048, "the hostile file is small: {} bytes", bomb.len());
        assert!(matches!(read_bytes(&bomb, Format::Ods), Err(ExchangeError::TooManyRows { .. })));
        let wide = spreadsheet(&format!(
            r#"<table:table-row>{NAME_CELL}<table:table-cell table:number-columns-repeated="5000"/>{NAME_CELL}</table:table-row>"#
        ));
        assert!(matches!(read_bytes(&wide, Format::Ods), Err(ExchangeError::TooManyColumns { columns: 5002, .. })));
        let square = spreadsheet(
            r#"<table:table-row table:number-rows-repeated="90000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="200"/></table:table-row>"#,
        );
        assert!(matches!(read_bytes(&square, Format::Ods), Err(ExchangeError::TooBig { .. })));
    }

    /// LibreOffice repeats empty rows and cells to the sheet's edge: that is no reason to refuse,
    /// and what is read is what calamine reads.
    #[test]
    fn an_ods_with_empty_repeats_to_the_edge_reads() {
        let rows = format!(
            r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row><table:table-row><table:table-cell/>{NAME_CELL}<table:table-cell table:number-columns-repeated="1022"/></table:table-row><table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#
        );
        let bytes = spreadsheet(&rows);
        let sheets = read_bytes(&bytes, Format::Ods).unwrap();
        assert_eq!(sheets, read_workbook(&bytes).unwrap());
        assert_eq!(sheets[0].rows, vec![vec![Cell::default(), Cell::text("張偉")]]);
        assert_eq!(sheets[0].first_line, 3);
    }

    fn number_at(reference: &str, value: u32) -> String {
        format!(r#"<c r="{reference}"><v>{value}</v></c>"#)
    }

    #[test]
    fn a_shared_string_count_beyond_its_part_is_refused_before_it_is_reserved() {
        let strings = r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000000000000000" uniqueCount="1000000000000000000"><si><t>姓名</t></si></sst>"#;
        let bytes = workbook("A1", r#"<c r="A1" t="s"><v>0</v></c>"#, Some(strings));
        assert!(bytes.len() < 2048, "the hostile file is small: {} bytes", bytes.len());
        assert!(matches!(read_bytes(&bytes, Format::Xlsx), Err(ExchangeError::TooManyStrings { declared: 1_000_000_000_000_000_000, .. })));
        let overflowing = strings.replace("1000000000000000000", "99999999999999999999999999");
        assert!(matches!(
            read_bytes(&workbook("A1", "", Some(&overflowing)), Format::Xlsx),
            Err(ExchangeError::TooManyStrings { declared: u64::MAX, .. })
        ));
        // An honest count of distinct strings reads, however often they are used (`count`).
        let honest = strings.replace(r#"uniqueCount="1000000000000000000""#, r#"uniqueCount="1""#);
        let sheets = read_bytes(&workbook("A1", r#"<c r="A1" t="s"><v>0</v></c>"#, Some(&honest)), Format::Xlsx).unwrap();
        assert_eq!(sheets[0].rows, vec![vec![Cell::text("姓名")]]);
    }

    #[test]
    fn a_cell_far_down_or_right_is_refused_without_laying_out_the_rectangle() {
        let far_corner = workbook("A1:XFD1048576", &format!("{}{}", number_at("A1", 1), number_at("XFD1048576", 2)), None);
        assert!(matches!(read_bytes(&far_corner, Format::Xlsx), Err(ExchangeError::TooManyRows { rows: 1_048_575, .. })));
        let far_right = workbook("A1:XFD1", &format!("{}{}", number_at("A1", 1), number_at("XFD1", 2)), None);
        assert!(matches!(read_bytes(&far_right, Format::Xlsx), Err(ExchangeError::TooManyColumns { columns: 16_384, max: MAX_COLUMNS })));
        let far_down = workbook("A1:A100000", &format!("{}{}", number_at("A1", 1), number_at("E100000", 2)), None);
        assert_eq!(read_bytes(&far_down, Format::Xlsx).unwrap()[0].rows.len(), 100_000, "100,000 rows of five columns are within bounds");
        // A dimension that claims the whole sheet, with one cell in it, is one cell.
        let claims_all = workbook("A1:XFD1048576", &number_at("C2", 7), None);
        let read = read_bytes(&claims_all, Format::Xlsx).unwrap();
        assert_eq!(read[0].rows, vec![vec![Cell::default(), Cell::default(), Cell { text: "7".into(), number: Some(7.0) }]]);
        assert_eq!(read[0].first_line, 2, "rows start at the first used one and keep their numbers");
    }

    #[test]
    fn a_workbook_reads_as_calamines_own_range_would() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("花名冊").unwrap();
        sheet.write_string(2, 1, "姓名").unwrap();
        sheet.write_string(2, 3, "出生年月").unwrap();
        sheet.write_string(3, 1, "張偉").unwrap();
        sheet.write_number(3, 3, 1985.1).unwrap();
        sheet.write_number(4, 2, 110_101_198_501_011_234.0).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2010, 7, 1).unwrap();
        sheet.write_datetime_with_format(5, 1, &date, &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd")).unwrap();
        book.add_worksheet().set_name("說明").unwrap().write_string(0, 0, "填表說明").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let streamed = read_xlsx(&bytes).unwrap();
        assert_eq!(streamed, read_workbook(&bytes).unwrap());
        assert_eq!(streamed[0].rows[0][1].text, "姓名", "columns keep their letters: B is B");
        assert_eq!(streamed[0].first_line, 3, "the first used row is row 3");
        assert_eq!(streamed[0].rows[3][1].text, "2010-07-01");
    }

    /// A roster repeats a few words on every row (性別, 狀態): the times strings are used far
    /// outnumber the bytes of the shared-strings part, and that is no reason to refuse it.
    #[test]
    fn strings_used_on_every_row_read() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for row in 0..3_000 {
            sheet.write_string(row, 0, "男").unwrap();
            sheet.write_string(row, 1, "在職").unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let sheets = read_bytes(&bytes, Format::Xlsx).unwrap();
        assert_eq!(sheets[0].rows.len(), 3_000);
        assert_eq!(sheets[0].rows[2_999], vec![Cell::text("男"), Cell::text("在職")]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Cells anywhere on the sheet and any declared string count: the reader answers with
        /// sheets within the limits or a typed refusal, never a panic or a huge allocation.
        #[test]
        fn hostile_positions_and_counts_are_bounded(
            cells in proptest::collection::vec((0u32..1_048_576, 0u32..16_384, 0u32..1000), 1..6),
            count in proptest::prelude::any::<u64>(),
        ) {
            let xml: String = cells.iter().map(|(row, column, value)| {
                let mut letters = String::new();
                let mut c = column + 1;
                while c > 0 {
                    letters.insert(0, (b'A' + ((c - 1) % 26) as u8) as char);
                    c = (c - 1) / 26;
                }
                number_at(&format!("{letters}{}", row + 1), *value)
            }).collect();
            let strings = format!(r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{count}"><si><t>x</t></si></sst>"#);
            match read_bytes(&workbook("A1", &xml, Some(&strings)), Format::Xlsx) {
                Ok(sheets) => {
                    for sheet in sheets {
                        proptest::prop_assert!(sheet.rows.len() <= MAX_ROWS + 1);
                        proptest::prop_assert!(sheet.rows.iter().all(|r| r.len() <= MAX_COLUMNS));
                    }
                }
                Err(
                    ExchangeError::TooBig { .. }
                    | ExchangeError::TooManyStrings { .. }
                    | ExchangeError::TooManyRows { .. }
                    | ExchangeError::TooManyColumns { .. },
                ) => {}
                Err(other) => proptest::prop_assert!(false, "unexpected refusal: {other}"),
            }
        }
    }

    #[test]
    fn empty_and_garbage_bytes_are_errors() {
        assert!(matches!(read_bytes(b"", Format::Csv), Err(ExchangeError::Empty)));
        assert!(matches!(read_bytes(b"PK\x03\x04garbage", Format::Xlsx), Err(ExchangeError::Unreadable(_))));
        assert!(matches!(read_bytes(b"\n\n,,\n", Format::Csv), Err(ExchangeError::Empty)));
    }
}
