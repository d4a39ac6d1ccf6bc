//! Measures an `.xls` (BIFF in a compound file) before calamine lays it out: the workbook stream
//! is found by walking the compound file's own tables, every chain bounded by the file's size,
//! then each sheet's records are scanned for the rectangle its cells and its DIMENSIONS record
//! would make calamine allocate. Nothing is allocated beyond the file's own size on the way.

use super::{ExchangeError, MAX_ROWS};
use super::{MAX_CELLS, MAX_COLUMNS};

/// The most cells all sheets of an `.xls` may span together: calamine lays every sheet out at
/// once (32 bytes a cell, 24 more where formulas are) before the rows are taken (40 more), so
/// half the limit of the other formats keeps the peak under 300 MB. 65,536 rows of 30 columns
/// still fit, more than the format's own row limit allows anyone to need.
const MAX_XLS_CELLS: u64 = MAX_CELLS as u64 / 2;

const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector numbers from here up are markers (end of chain, free, FAT, DIFAT), not sectors.
const MAX_SECTOR: u32 = 0xFFFF_FFFA;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn damaged(what: &str) -> ExchangeError {
    ExchangeError::Unreadable(format!("the .xls file's {what} is damaged"))
}

/// A compound file's sectors and allocation table, read from `bytes` without copying them.
struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
}

impl<'a> Compound<'a> {
    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector)?;
        self.bytes.get(start..start.checked_add(self.sector)?)
    }

    /// The sectors of the chain from `start`, in order; a loop or a sector outside the file is
    /// damage (the walk is never longer than the table).
    fn chain(&self, start: u32, table: &[u32]) -> Result<Vec<u32>, ExchangeError> {
        let mut ids = Vec::new();
        let mut id = start;
        while id != END_OF_CHAIN {
            if id >= MAX_SECTOR || ids.len() > table.len() {
                return Err(damaged("sector chain"));
            }
            ids.push(id);
            id = *table.get(id as usize).ok_or_else(|| damaged("sector chain"))?;
        }
        Ok(ids)
    }

    /// The bytes of the chain from `start`, at most `size` of them.
    fn stream(&self, start: u32, size: usize) -> Result<Vec<u8>, ExchangeError> {
        let mut out = Vec::with_capacity(size.min(self.bytes.len()));
        for id in self.chain(start, &self.fat)? {
            out.extend_from_slice(self.sector(id).ok_or_else(|| damaged("stream"))?);
            if out.len() >= size {
                break;
            }
        }
        out.truncate(size);
        Ok(out)
    }
}

/// The workbook stream of a compound file, or `None` when `bytes` is not a compound file.
fn workbook_stream(bytes: &[u8]) -> Result<Option<Vec<u8>>, ExchangeError> {
    if bytes.len() < 512 || bytes[..8] != SIGNATURE {
        return Ok(None);
    }
    let header = |at| u32_at(bytes, at).ok_or_else(|| damaged("header"));
    let shift = u16_at(bytes, 30).ok_or_else(|| damaged("header"))?;
    if shift != 9 && shift != 12 {
        return Err(damaged("header"));
    }
    let sector = 1usize << shift;
    let sectors = bytes.len() / sector;
    // The allocation table's own sectors: 109 named in the header, the rest in a DIFAT chain.
    let mut fat_sectors: Vec<u32> = (0..109).filter_map(|i| u32_at(bytes, 76 + 4 * i)).filter(|&id| id < MAX_SECTOR).collect();
    let mut compound = Compound { bytes, sector, fat: Vec::new() };
    let mut difat = header(68)?;
    let mut walked = 0;
    while difat < MAX_SECTOR {
        walked += 1;
        let block = compound.sector(difat).filter(|_| walked <= sectors).ok_or_else(|| damaged("allocation table"))?;
        let per = sector / 4 - 1;
        fat_sectors.extend((0..per).filter_map(|i| u32_at(block, 4 * i)).filter(|&id| id < MAX_SECTOR));
        difat = u32_at(block, 4 * per).unwrap_or(END_OF_CHAIN);
    }
    if fat_sectors.len() > sectors {
        return Err(damaged("allocation table"));
    }
    let mut fat = Vec::with_capacity(fat_sectors.len() * sector / 4);
    for id in fat_sectors {
        let block = compound.sector(id).ok_or_else(|| damaged("allocation table"))?;
        fat.extend((0..sector / 4).filter_map(|i| u32_at(block, 4 * i)));
    }
    compound.fat = fat;
    let directory = compound.stream(header(48)?, bytes.len())?;
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let name_of = |entry: &[u8]| {
        let length = (u16_at(entry, 64).unwrap_or(0) as usize).min(64);
        let units: Vec<u16> = entry[..length].chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).take_while(|&u| u != 0).collect();
        String::from_utf16_lossy(&units)
    };
    let Some(entry) = ["Workbook", "Book"].iter().find_map(|wanted| entries.iter().find(|e| e[66] == 2 && name_of(e) == *wanted)) else {
        return Err(ExchangeError::Unreadable("the .xls file holds no workbook".into()));
    };
    let start = u32_at(entry, 116).ok_or_else(|| damaged("directory"))?;
    let size = u32_at(entry, 120).ok_or_else(|| damaged("directory"))? as usize;
    if size > bytes.len() {
        return Err(damaged("directory"));
    }
    if size >= header(56)? as usize {
        return compound.stream(start, size).map(Some);
    }
    // A small workbook lives in the mini stream: 64-byte pieces inside the root entry's stream.
    let root = entries.first().ok_or_else(|| damaged("directory"))?;
    let mini = compound.stream(u32_at(root, 116).ok_or_else(|| damaged("directory"))?, bytes.len())?;
    let mini_table_bytes = compound.stream(header(60)?, bytes.len())?;
    let mini_table: Vec<u32> = mini_table_bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
    let mut out = Vec::with_capacity(size);
    for id in compound.chain(start, &mini_table)? {
        let at = id as usize * 64;
        out.extend_from_slice(mini.get(at..at + 64).ok_or_else(|| damaged("mini stream"))?);
    }
    out.truncate(size);
    Ok(Some(out))
}

/// The rectangle one sheet's cells span.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    columns: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, first_column: u32, last_column: u32) {
        let (r0, r1) = self.rows.unwrap_or((row, row));
        self.rows = Some((r0.min(row), r1.max(row)));
        let (c0, c1) = self.columns.unwrap_or((first_column, last_column));
        self.columns = Some((c0.min(first_column), c1.max(last_column)));
    }

    fn height(&self) -> u64 {
        self.rows.map_or(0, |(a, b)| u64::from(b - a) + 1)
    }

    fn width(&self) -> u64 {
        self.columns.map_or(0, |(a, b)| u64::from(b - a) + 1)
    }
}

/// Holds a sheet of `height` × `width` cells to the limits every spreadsheet is held to.
fn within_limits(height: u64, width: u64) -> Result<(), ExchangeError> {
    if height > MAX_ROWS as u64 + 1 {
        return Err(ExchangeError::TooManyRows { rows: (height - 1) as usize, max: MAX_ROWS });
    }
    if width > MAX_COLUMNS as u64 {
        return Err(ExchangeError::TooManyColumns { columns: width as usize, max: MAX_COLUMNS });
    }
    if height * width > MAX_XLS_CELLS {
        return Err(ExchangeError::TooBig { max: MAX_XLS_CELLS });
    }
    Ok(())
}

/// The records from `at` as `(type, data)`, until the stream ends or a record runs past it.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at)?;
        let length = u16_at(stream, at + 2)? as usize;
        let data = stream.get(at + 4..at + 4 + length)?;
        at += 4 + length;
        Some((kind, data))
    })
}

/// Measures one sheet's substream from `at` as calamine reads it: the rectangle of its cells
/// and the room its DIMENSIONS record reserves, nested substreams (charts) skipped.
fn measure_sheet(stream: &[u8], at: usize) -> Result<u64, ExchangeError> {
    let mut extent = Extent::default();
    let mut reserved = 0u64;
    let mut depth = 0usize;
    let mut seen_bof = false;
    for (kind, data) in records(stream, at) {
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let position = || Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
        match kind {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => {
                let (first_row, rows_end, first_column, columns_end) = match data.len() {
                    10 => (u16_at(data, 0).map(u32::from), u16_at(data, 2).map(u32::from), u16_at(data, 4), u16_at(data, 6)),
                    14 | 16 => (u32_at(data, 0), u32_at(data, 4), u16_at(data, 8), u16_at(data, 10)),
                    _ => (None, None, None, None),
                };
                let (Some(first_row), Some(rows_end), Some(first_column), Some(columns_end)) =
                    (first_row, rows_end, first_column, columns_end)
                else {
                    continue;
                };
                let first_column = if first_column > 0xFF || columns_end < first_column { 0 } else { first_column };
                if rows_end >= 1 && columns_end >= 1 {
                    let height = i64::from(rows_end) - i64::from(first_row);
                    let width = i64::from(columns_end) - i64::from(first_column);
                    if height <= 0 || width <= 0 {
                        return Err(damaged("sheet size"));
                    }
                    within_limits(height as u64, width as u64)?;
                    reserved = reserved.max(height as u64 * width as u64);
                }
            }
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let Some((row, column)) = position() {
                    extent.add(row, column, column);
                }
            }
            0x00BD => {
                let (Some((row, first)), Some(last)) = (position(), data.len().checked_sub(2).and_then(|at| u16_at(data, at))) else {
                    continue;
                };
                if u32::from(last) < first {
                    return Err(damaged("row of numbers"));
                }
                extent.add(row, first, u32::from(last));
            }
            _ => {}
        }
    }
    within_limits(extent.height(), extent.width())?;
    Ok(reserved.max(extent.height() * extent.width()))
}

/// Measures an `.xls` before calamine reads it. `Ok(true)` when `bytes` is a compound file
/// whose every sheet, and all of them together, stay within the limits; `Ok(false)` when it
/// is not a compound file at all.
pub(super) fn check_xls(bytes: &[u8]) -> Result<bool, ExchangeError> {
    let Some(stream) = workbook_stream(bytes)? else { return Ok(false) };
    // The workbook's globals name where each sheet starts (BOUNDSHEET); older files without
    // them hold one sheet in the stream itself.
    let mut starts = Vec::new();
    for (kind, data) in records(&stream, 0) {
        match kind {
            0x000A => break,
            0x0085 => starts.extend(u32_at(data, 0).map(|at| at as usize).filter(|&at| at < stream.len())),
            _ => {}
        }
    }
    if starts.is_empty() {
        starts.push(0);
    }
    let mut total = 0u64;
    for at in starts {
        total += measure_sheet(&stream, at)?;
        if total > MAX_XLS_CELLS {
            return Err(ExchangeError::TooBig { max: MAX_XLS_CELLS });
        }
    }
    Ok(true)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::exchange::Format;
    use crate::exchange::read::read_bytes;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    /// A cell of a test workbook: a number or a text at (row, column).
    pub(crate) enum TestCell<'a> {
        Number(u16, u16, f64),
        Text(u16, u16, &'a str),
    }

    /// A BIFF8 workbook stream of one sheet named "Sheet1" holding `cells`, with `dimensions`
    /// (first row, row after the last, first column, column after the last) as its DIMENSIONS.
    pub(crate) fn biff(cells: &[TestCell<'_>], dimensions: (u32, u32, u16, u16)) -> Vec<u8> {
        let bof = |kind: u16| record(0x0809, &[&0x0600u16.to_le_bytes()[..], &kind.to_le_bytes(), &[0; 12]].concat());
        let mut sheet = bof(0x0010);
        let (r0, r1, c0, c1) = dimensions;
        sheet.extend(record(0x0200, &[&r0.to_le_bytes()[..], &r1.to_le_bytes(), &c0.to_le_bytes(), &c1.to_le_bytes(), &[0, 0]].concat()));
        for cell in cells {
            sheet.extend(match cell {
                TestCell::Number(r, c, n) => record(0x0203, &[&r.to_le_bytes()[..], &c.to_le_bytes(), &[0, 0], &n.to_le_bytes()].concat()),
                TestCell::Text(r, c, t) => {
                    let units: Vec<u8> = t.encode_utf16().flat_map(u16::to_le_bytes).collect();
                    let count = (units.len() / 2) as u16;
                    record(0x0204, &[&r.to_le_bytes()[..], &c.to_le_bytes(), &[0, 0], &count.to_le_bytes(), &[1], &units].concat())
                }
            });
        }
        sheet.extend(record(0x000A, &[]));
        let name = b"Sheet1";
        let boundsheet_length = 4 + 6 + 2 + name.len();
        let mut globals = bof(0x0005);
        let sheet_at = (globals.len() + boundsheet_length + 4) as u32;
        globals.extend(record(0x0085, &[&sheet_at.to_le_bytes()[..], &[0, 0, name.len() as u8, 0], name].concat()));
        globals.extend(record(0x000A, &[]));
        assert_eq!(globals.len() as u32, sheet_at);
        globals.extend(sheet);
        globals
    }

    /// `stream` as the "Workbook" of a version-3 compound file (512-byte sectors).
    pub(crate) fn compound(stream: &[u8]) -> Vec<u8> {
        let mut stream = stream.to_vec();
        stream.resize(stream.len().max(4096).next_multiple_of(512), 0);
        let data_sectors = stream.len() / 512;
        let fat_sectors = (data_sectors + 2).div_ceil(127);
        let (dir, first) = (fat_sectors as u32, fat_sectors as u32 + 1);
        let mut header = vec![0u8; 512];
        header[..8].copy_from_slice(&SIGNATURE);
        header[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
        header[26..28].copy_from_slice(&3u16.to_le_bytes());
        header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
        header[30..32].copy_from_slice(&9u16.to_le_bytes());
        header[32..34].copy_from_slice(&6u16.to_le_bytes());
        header[44..48].copy_from_slice(&(fat_sectors as u32).to_le_bytes());
        header[48..52].copy_from_slice(&dir.to_le_bytes());
        header[56..60].copy_from_slice(&4096u32.to_le_bytes());
        header[60..64].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        header[68..72].copy_from_slice(&END_OF_CHAIN.to_le_bytes());
        for i in 0..109 {
            let id = if i < fat_sectors { i as u32 } else { u32::MAX };
            header[76 + 4 * i..80 + 4 * i].copy_from_slice(&id.to_le_bytes());
        }
        let mut fat = vec![u32::MAX; fat_sectors * 128];
        fat[..fat_sectors].fill(0xFFFF_FFFD);
        fat[dir as usize] = END_OF_CHAIN;
        for i in 0..data_sectors {
            fat[first as usize + i] = if i + 1 == data_sectors { END_OF_CHAIN } else { first + i as u32 + 1 };
        }
        let mut directory = vec![0u8; 512];
        let mut entry = |index: usize, name: &str, kind: u8, child: u32, start: u32, size: u32| {
            let e = &mut directory[index * 128..(index + 1) * 128];
            let units: Vec<u8> = name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect();
            e[..units.len()].copy_from_slice(&units);
            e[64..66].copy_from_slice(&(units.len() as u16).to_le_bytes());
            e[66] = kind;
            e[68..72].copy_from_slice(&u32::MAX.to_le_bytes());
            e[72..76].copy_from_slice(&u32::MAX.to_le_bytes());
            e[76..80].copy_from_slice(&child.to_le_bytes());
            e[116..120].copy_from_slice(&start.to_le_bytes());
            e[120..124].copy_from_slice(&size.to_le_bytes());
        };
        entry(0, "Root Entry", 5, 1, END_OF_CHAIN, 0);
        entry(1, "Workbook", 2, u32::MAX, first, stream.len() as u32);
        let mut out = header;
        out.extend(fat.iter().flat_map(|v| v.to_le_bytes()));
        out.extend(directory);
        out.extend(stream);
        out
    }

    #[test]
    fn a_small_workbook_reads_and_bombs_are_refused_before_calamine() {
        let ok = compound(&biff(&[TestCell::Text(0, 0, "工號"), TestCell::Text(0, 1, "姓名"), TestCell::Number(1, 0, 7.0)], (0, 2, 0, 2)));
        let sheets = read_bytes(&ok, Format::Xls).unwrap();
        assert_eq!(sheets[0].rows[0][1].text, "姓名");
        assert_eq!(sheets[0].rows[1][0].number, Some(7.0));
        // DIMENSIONS claiming four billion rows: calamine would reserve room for all of them.
        let claims = compound(&biff(&[TestCell::Number(0, 0, 1.0)], (0, u32::MAX, 0, 200)));
        assert!(matches!(read_bytes(&claims, Format::Xls), Err(ExchangeError::TooManyRows { .. })));
        // Rows that end before they start (an underflow in calamine's arithmetic).
        let backwards = compound(&biff(&[TestCell::Number(0, 0, 1.0)], (10, 5, 0, 1)));
        assert!(matches!(read_bytes(&backwards, Format::Xls), Err(ExchangeError::Unreadable(_))));
        // One cell at the far corner a cell record can name: 65,536 × 65,536 cells.
        let corner = compound(&biff(&[TestCell::Number(0, 0, 1.0), TestCell::Number(65_535, 65_535, 2.0)], (0, 0, 0, 0)));
        assert!(matches!(read_bytes(&corner, Format::Xls), Err(ExchangeError::TooManyColumns { columns: 65_536, .. })));
        // A rectangle inside the row and column limits but over four million cells.
        let square = compound(&biff(&[TestCell::Number(0, 0, 1.0), TestCell::Number(65_535, 255, 2.0)], (0, 0, 0, 0)));
        assert!(matches!(read_bytes(&square, Format::Xls), Err(ExchangeError::TooBig { .. })));
        // A directory whose stream is larger than the file, and a chain that loops.
        let mut lying = ok.clone();
        lying[512 * 2 + 128 + 120..512 * 2 + 128 + 124].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(matches!(read_bytes(&lying, Format::Xls), Err(ExchangeError::Unreadable(_))));
        let mut looping = ok.clone();
        looping[512 + 4 * 2..512 + 4 * 3].copy_from_slice(&2u32.to_le_bytes());
        assert!(matches!(read_bytes(&looping, Format::Xls), Err(ExchangeError::Unreadable(_))));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any cells anywhere a record can name, with any DIMENSIONS: read within the limits or
        /// refused in a sentence, never a panic or an allocation beyond them.
        #[test]
        fn any_dimensions_and_cells_are_bounded(
            cells in proptest::collection::vec((0u16..=u16::MAX, 0u16..=u16::MAX), 1..5),
            dims in (0u32..=u32::MAX, 0u32..=u32::MAX, 0u16..=u16::MAX, 0u16..=u16::MAX),
        ) {
            let cells: Vec<TestCell<'_>> = cells.iter().map(|&(r, c)| TestCell::Number(r % 3000, c % 300, 1.0)).chain(
                cells.iter().map(|&(r, c)| TestCell::Number(r, c, 2.0))).collect();
            match read_bytes(&compound(&biff(&cells, dims)), Format::Xls) {
                Ok(sheets) => {
                    let rows = sheets[0].rows.len();
                    proptest::prop_assert!(rows <= MAX_ROWS + 1 && (rows * sheets[0].rows[0].len()) as u64 <= MAX_XLS_CELLS);
                }
                Err(ExchangeError::TooManyRows { .. } | ExchangeError::TooManyColumns { .. } | ExchangeError::TooBig { .. }
                    | ExchangeError::Unreadable(_)) => {}
                Err(other) => proptest::prop_assert!(false, "{other:?}"),
            }
        }
    }
}
