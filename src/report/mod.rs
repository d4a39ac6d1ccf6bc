//! Printing: `model` decides what goes on paper (pure), `layout` places it on A4 pages in
//! millimetres (pure, unit-tested), `text` breaks lines by Chinese rules, `metrics` measures
//! with the bundled font, and `pdf` is the only file that speaks printpdf.

pub mod layout;
pub mod metrics;
pub mod model;
pub mod pdf;
pub mod text;

use crate::domain::Lang;

/// Lays out `document` on A4 with the bundled font's widths and paints it as a PDF.
pub fn pdf_bytes(document: &layout::Document, lang: Lang) -> Result<Vec<u8>, pdf::PdfError> {
    let pages = layout::layout(document, layout::A4, metrics::for_lang(lang));
    pdf::render(&document.title, &pages, layout::A4, lang)
}
