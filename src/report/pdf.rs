//! The only file that speaks printpdf: laid-out pages become PDF operations, with the face of
//! the bundled CJK font for the language embedded as a subset (so a file stays small and
//! prints the same on any PC). The parsed font is kept for the life of the process.

use super::layout::{Item, Page, Paper};
use super::metrics::{FontMetrics, face_index, for_lang};
use crate::assets::CJK_FONT;
use crate::domain::Lang;
use printpdf::{
    Codepoint, Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Polygon, PolygonRing, Pt, TextItem, TextRenderingMode, WindingOrder,
};
use std::sync::OnceLock;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the bundled font could not be read")]
    Font,
}

fn font(lang: Lang) -> Result<&'static ParsedFont, PdfError> {
    static TC: OnceLock<Option<ParsedFont>> = OnceLock::new();
    static SC: OnceLock<Option<ParsedFont>> = OnceLock::new();
    let cell = if lang == Lang::Sc { &SC } else { &TC };
    cell.get_or_init(|| ParsedFont::from_bytes(CJK_FONT, face_index(lang) as usize, &mut Vec::new())).as_ref().ok_or(PdfError::Font)
}

fn point(paper: Paper, x: f32, y_from_top: f32) -> Point {
    Point::new(Mm(x), Mm(paper.height.0 - y_from_top))
}

/// A filled polygon in `grey` (0 black … 1 white); the fill colour goes back to black after.
fn fill(ops: &mut Vec<Op>, paper: Paper, corners: &[(f32, f32)], grey: f32) {
    ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale::new(grey, None)) });
    ops.push(Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing {
                points: corners.iter().map(|(px, py)| LinePoint { p: point(paper, *px, *py), bezier: false }).collect(),
            }],
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        },
    });
    ops.push(Op::SetFillColor { col: Color::Greyscale(Greyscale::new(0.0, None)) });
}

/// The glyphs of `text`, each carrying its character for the file's text layer (copying,
/// searching, pdftotext). Looked up here with ttf-parser's binary search: printpdf's own
/// lookup scans the font's character map and took most of the time of a large print.
fn glyphs(metrics: &FontMetrics, text: &str) -> Vec<Codepoint> {
    text.chars().map(|c| Codepoint { gid: metrics.glyph(c), offset: 0.0, cid: Some(c.to_string()) }).collect()
}

/// Paints `pages` into a PDF document titled `title`.
pub fn render(title: &str, pages: &[Page], paper: Paper, lang: Lang) -> Result<Vec<u8>, PdfError> {
    let mut document = PdfDocument::new(title);
    let font_id = document.add_font(font(lang)?);
    let metrics = for_lang(lang);
    let pdf_pages = pages
        .iter()
        .map(|page| {
            let mut ops = Vec::with_capacity(page.items.len() * 4);
            for item in &page.items {
                match item {
                    Item::Line { from, to, width_pt, grey } => {
                        ops.push(Op::SetOutlineThickness { pt: Pt(*width_pt) });
                        ops.push(Op::SetOutlineColor { col: Color::Greyscale(Greyscale::new(*grey, None)) });
                        ops.push(Op::DrawLine {
                            line: Line {
                                points: vec![
                                    LinePoint { p: point(paper, from.0.0, from.1.0), bezier: false },
                                    LinePoint { p: point(paper, to.0.0, to.1.0), bezier: false },
                                ],
                                is_closed: false,
                            },
                        });
                    }
                    Item::Triangle { points, grey } => {
                        let corners: Vec<(f32, f32)> = points.iter().map(|(x, y)| (x.0, y.0)).collect();
                        fill(&mut ops, paper, &corners, *grey);
                    }
                    Item::Rect { x, y, width, height, grey } => {
                        let corners = [(x.0, y.0), (x.0 + width.0, y.0), (x.0 + width.0, y.0 + height.0), (x.0, y.0 + height.0)];
                        fill(&mut ops, paper, &corners, *grey);
                    }
                    Item::Text { x, y, size_pt, bold, text } => {
                        ops.push(Op::StartTextSection);
                        ops.push(Op::SetFont { font: PdfFontHandle::External(font_id.clone()), size: Pt(*size_pt) });
                        if *bold {
                            ops.push(Op::SetOutlineThickness { pt: Pt(size_pt * 0.03) });
                            ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
                        }
                        ops.push(Op::SetTextCursor { pos: point(paper, x.0, y.0) });
                        ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs(metrics, text))] });
                        if *bold {
                            ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
                        }
                        ops.push(Op::EndTextSection);
                    }
                }
            }
            PdfPage::new(Mm(paper.width.0), Mm(paper.height.0), ops)
        })
        .collect();
    let options = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    Ok(document.with_pages(pdf_pages).save(&options, &mut Vec::new()))
}
