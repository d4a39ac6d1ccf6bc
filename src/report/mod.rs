//! Printing: `model` decides what goes on paper (pure), `layout` places it on A4 pages in
//! millimetres (pure, unit-tested), `text` breaks lines by Chinese rules, `metrics` measures
//! with the bundled font, and `pdf` is the only file that speaks printpdf.

pub mod layout;
pub mod metrics;
pub mod model;
pub mod pdf;
pub mod text;

use crate::domain::Lang;
use layout::{Document, Page, Paper};
use pdf::{PdfError, PdfWriter};

/// The first character of `document` that no face prints in `lang`, with the text it is in.
pub fn unprintable(document: &Document, lang: Lang) -> Option<(char, String)> {
    let metrics = metrics::for_lang(lang);
    document.texts().into_iter().find_map(|text| metrics.unprintable(text).map(|c| (c, text.to_owned())))
}

/// Pages painted at a time in a long print: enough that the font subset each chunk carries
/// costs little, few enough that memory stays flat.
pub const CHUNK_PAGES: usize = 100;

/// Lays out `documents` (each one or more whole sheets) on `paper` and writes them as one PDF to
/// `out`, a sheet laid out and a chunk of at most [`CHUNK_PAGES`] pages painted at a time, so that
/// memory does not grow with the pages of a document or of the print. `progress(documents done)` is asked after each
/// document; when it says no, the print stops with [`PdfError::Cancelled`]. Returns the output
/// and the pages written.
pub fn write_pdf<W: std::io::Write>(
    out: W,
    title: &str,
    documents: impl IntoIterator<Item = impl std::borrow::Borrow<Document>>,
    paper: Paper,
    lang: Lang,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<(W, usize), PdfError> {
    let mut writer = PdfWriter::new(out, title)?;
    let mut pending: Vec<Page> = Vec::new();
    for (done, document) in documents.into_iter().enumerate() {
        for sheet in layout::sheet_pages(std::borrow::Borrow::borrow(&document), paper, metrics::for_lang(lang)) {
            pending.extend(sheet);
            while pending.len() >= CHUNK_PAGES {
                writer.add(&pending[..CHUNK_PAGES], paper, lang)?;
                pending.drain(..CHUNK_PAGES);
            }
        }
        if !progress(done + 1) {
            return Err(PdfError::Cancelled);
        }
    }
    writer.add(&pending, paper, lang)?;
    let pages = writer.pages();
    Ok((writer.finish()?, pages))
}

/// [`write_pdf`] into a file that replaces `path` only once whole (a stopped or failed print
/// leaves what was there); returns the pages written.
pub fn write_pdf_file(
    path: &std::path::Path,
    title: &str,
    documents: impl IntoIterator<Item = impl std::borrow::Borrow<Document>>,
    paper: Paper,
    lang: Lang,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<usize, PdfError> {
    let mut pages = 0;
    crate::files::replace_atomically(path, |partial| -> Result<(), PdfError> {
        let file = std::io::BufWriter::new(std::fs::File::create(partial)?);
        let (file, written) = write_pdf(file, title, documents, paper, lang, progress)?;
        file.into_inner().map_err(|e| e.into_error())?;
        pages = written;
        Ok(())
    })?;
    Ok(pages)
}

/// One PDF per named document in `dir`, each named after its name (staff number and name) with
/// characters a file name cannot hold replaced; two names that come out alike (`a/b`, `a_b`,
/// `a.b`) get a suffix (`a_b-2`), compared regardless of case as Windows does, so no file
/// replaces another. `progress(files written)` may stop it between files. Returns the files
/// written.
pub fn write_pdf_files(
    dir: &std::path::Path,
    title: &str,
    documents: impl IntoIterator<Item = (String, Document)>,
    paper: Paper,
    lang: Lang,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<usize, PdfError> {
    std::fs::create_dir_all(dir)?;
    let mut files = 0;
    let mut taken = std::collections::HashSet::new();
    for (name, document) in documents {
        let safe = crate::files::safe_file_name(&name);
        let unique = (1..).map(|n| if n == 1 { safe.clone() } else { format!("{safe}-{n}") }).find(|n| taken.insert(n.to_lowercase()));
        let Some(unique) = unique else { continue };
        write_pdf_file(&dir.join(format!("{unique}.pdf")), title, [document], paper, lang, &mut |_| true)?;
        files += 1;
        if !progress(files) {
            return Err(PdfError::Cancelled);
        }
    }
    Ok(files)
}

/// Pages already laid out (a print preview's) as PDF bytes.
pub fn pages_pdf(title: &str, pages: &[Page], paper: Paper, lang: Lang) -> Result<Vec<u8>, PdfError> {
    let mut writer = PdfWriter::new(Vec::new(), title)?;
    for chunk in pages.chunks(CHUNK_PAGES) {
        writer.add(chunk, paper, lang)?;
    }
    writer.finish()
}
