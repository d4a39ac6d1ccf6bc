//! Spreadsheets in and out: reading `.xlsx/.xls/.ods/.csv` (UTF-8, UTF-16, GBK, Big5) into sheets,
//! finding the header and recognising columns by their headers, building an import preview with every problem on
//! its row and column, and writing exports and templates. Storing is the service's job.

pub mod attendance;
pub mod columns;
pub mod encoding;
pub mod header;
pub mod lrmx;
pub mod preview;
pub mod read;
pub mod routine;
pub mod write;
mod xls;

use crate::domain::Lang;
use std::path::Path;

/// The largest file an import reads.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// The most data rows an import takes.
pub const MAX_ROWS: usize = 100_000;
/// The widest sheet read: a roster has a few dozen columns.
pub const MAX_COLUMNS: usize = 256;
/// The most cells one sheet's used rectangle may hold (100,000 rows of 40 columns).
pub const MAX_CELLS: usize = 4_000_000;

/// The first characters that make a spreadsheet run a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text as a CSV writes it: a leading `'` where Excel would run it as a formula (and before a
/// text that itself starts with `'` before one of those), so a cell never runs as a formula.
pub fn neutralise(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) || unneutralise(text).len() != text.len() { format!("'{text}") } else { text.to_owned() }
}

/// The text [`neutralise`] was given: a CSV exported and imported again keeps `-5` as `-5`
/// (a `'` is taken away before a formula's first character or another `'`).
pub fn unneutralise(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) || rest.starts_with('\'') => rest,
        _ => text,
    }
}

/// What a spreadsheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Officials,
    Units,
    Posts,
    /// Posts' required levels, one row per post and rank tier, for the programme year.
    Standards,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Officials, Kind::Units, Kind::Posts, Kind::Standards];

    /// The command-line word: `officials`, `units`, `posts`.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Officials => "officials",
            Kind::Units => "units",
            Kind::Posts => "posts",
            Kind::Standards => "standards",
        }
    }

    pub fn from_word(word: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.word() == word)
    }
}

/// A spreadsheet file format, told by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

impl Format {
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            "csv" | "txt" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// Why a spreadsheet could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    #[error("the file is {bytes} bytes; at most {max} are read")]
    TooLarge { bytes: u64, max: u64 },
    #[error("the sheet has {rows} rows; at most {max} are taken")]
    TooManyRows { rows: usize, max: usize },
    /// A sheet wider than any roster (a cell far to the right, as in `XFD1`).
    #[error("the sheet has {columns} columns; at most {max} are read")]
    TooManyColumns { columns: usize, max: usize },
    /// A workbook that says it holds more distinct texts than its shared-strings part could hold.
    #[error("the workbook claims {declared} distinct texts where at most {most} fit: it is damaged or altered")]
    TooManyStrings { declared: u64, most: u64 },
    /// A workbook whose parts, unpacked, or whose cells would take more memory than any roster needs.
    #[error("the workbook unpacks to more than {max} bytes or cells")]
    TooBig { max: u64 },
    /// A text file in none of the encodings a bureau's files come in (or unsure which).
    #[error("the text is in none of the encodings tried ({tried})")]
    UnknownEncoding { tried: String },
    #[error("unknown file type {0:?}: use .xlsx, .xls, .ods or .csv")]
    UnknownFormat(String),
    #[error("the file cannot be read as a spreadsheet: {0}")]
    Unreadable(String),
    #[error("the file has no sheet with data")]
    Empty,
    /// The sheet has its header but not one row to store (or every row was unticked).
    #[error("the sheet has no rows to import")]
    NoRows,
    #[error("the header row lacks required columns: {0:?}")]
    MissingColumns(Vec<crate::domain::Field>),
    /// No row near the top of a sheet holds the columns its kind needs.
    #[error("no header found in sheet {sheet:?}: it lacks {missing:?}")]
    NoHeader { sheet: String, missing: Vec<crate::domain::Field> },
    #[error("the file could not be written: {0}")]
    Write(String),
    #[error("{0}")]
    NotAFile(#[from] crate::files::NotAFile),
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
}

/// Reads a file from disk with the size cap, then parses it.
pub fn read_file(path: &Path) -> Result<Vec<read::Sheet>, ExchangeError> {
    let format =
        Format::of(path).ok_or_else(|| ExchangeError::UnknownFormat(path.extension().and_then(|e| e.to_str()).unwrap_or("").to_owned()))?;
    crate::files::require_regular(path)?;
    let bytes = std::fs::metadata(path)?.len();
    if bytes > MAX_FILE_BYTES {
        return Err(ExchangeError::TooLarge { bytes, max: MAX_FILE_BYTES });
    }
    // Read no further than the cap even if the file grows meanwhile.
    let mut content = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(std::fs::File::open(path)?, MAX_FILE_BYTES + 1), &mut content)?;
    if content.len() as u64 > MAX_FILE_BYTES {
        return Err(ExchangeError::TooLarge { bytes: content.len() as u64, max: MAX_FILE_BYTES });
    }
    read::read_bytes(&content, format)
}

/// The file name shown in previews and written in the audit trail.
pub fn display_name(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).map(str::to_owned).unwrap_or_else(|| path.display().to_string())
}

/// The header text of a column in `lang`.
pub fn header_text(lang: Lang, field: crate::domain::Field) -> &'static str {
    crate::i18n::tr(lang, crate::i18n::field_key(field))
}
