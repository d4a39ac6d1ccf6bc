//! The only file that speaks printpdf: laid-out pages become PDF operations, with the face of
//! the bundled CJK font for the language embedded as a subset (so a file stays small and
//! prints the same on any PC). The parsed font is kept for the life of the process. A long
//! print is painted a chunk of pages at a time and each chunk's objects are streamed into the
//! one output file ([`PdfWriter`]), so memory stays flat however many sheets it holds.

use super::layout::{Item, Page, Paper};
use super::metrics::{Face, FontMetrics, face_index, for_lang};
use crate::assets::{CJK_FONT, fallback_font};
use crate::domain::Lang;
use printpdf::{
    Codepoint, Color, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Polygon, PolygonRing, Pt, RawImage, RawImageData, RawImageFormat, TextItem, TextRenderingMode, WindingOrder, XObjectTransform,
};
use std::sync::OnceLock;

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the bundled font could not be read")]
    Font,
    /// A character no face prints: never painted as an empty box.
    #[error("no font prints {ch:?} in {text:?}")]
    NoGlyph { ch: char, text: String },
    #[error("a painted chunk is not a whole document: {0}")]
    Chunk(String),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The user stopped a long print.
    #[error("cancelled")]
    Cancelled,
}

fn font(lang: Lang) -> Result<&'static ParsedFont, PdfError> {
    static TC: OnceLock<Option<ParsedFont>> = OnceLock::new();
    static SC: OnceLock<Option<ParsedFont>> = OnceLock::new();
    let cell = if lang == Lang::Sc { &SC } else { &TC };
    cell.get_or_init(|| ParsedFont::from_bytes(CJK_FONT, face_index(lang) as usize, &mut Vec::new())).as_ref().ok_or(PdfError::Font)
}

/// The fallback face as printpdf embeds it, parsed the first time a page needs it.
fn fallback_pdf_font() -> Result<&'static ParsedFont, PdfError> {
    static FALLBACK: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FALLBACK.get_or_init(|| ParsedFont::from_bytes(fallback_font()?, 0, &mut Vec::new())).as_ref().ok_or(PdfError::Font)
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

/// The glyphs of `text` in runs of one face each, every glyph carrying its character for the
/// file's text layer (copying, searching, pdftotext). Looked up here with ttf-parser's binary
/// search: printpdf's own lookup scans the font's character map and took most of the time of a
/// large print. A character no face prints stops the print.
fn runs(metrics: &FontMetrics, text: &str) -> Result<Vec<(Face, Vec<Codepoint>)>, PdfError> {
    let mut runs: Vec<(Face, Vec<Codepoint>)> = Vec::new();
    for c in text.chars() {
        let (face, gid) = match metrics.glyph(c) {
            Some(found) => found,
            None if c.is_whitespace() || c.is_control() => (Face::Main, 0),
            None => return Err(PdfError::NoGlyph { ch: c, text: text.to_owned() }),
        };
        let glyph = Codepoint { gid, offset: 0.0, cid: Some(c.to_string()) };
        match runs.last_mut() {
            Some((last, glyphs)) if *last == face => glyphs.push(glyph),
            _ => runs.push((face, vec![glyph])),
        }
    }
    Ok(runs)
}

/// Paints `pages` into a whole PDF document titled `title` (one chunk of a [`PdfWriter`]).
fn render(title: &str, pages: &[Page], paper: Paper, lang: Lang) -> Result<lopdf::Document, PdfError> {
    let mut document = PdfDocument::new(title);
    let font_id = document.add_font(font(lang)?);
    let metrics = for_lang(lang);
    // The fallback face is embedded only in a chunk that uses it.
    let uses_fallback = pages.iter().flat_map(|p| &p.items).any(|i| match i {
        Item::Text { text, .. } => text.chars().any(|c| matches!(metrics.glyph(c), Some((Face::Fallback, _)))),
        _ => false,
    });
    let fallback_id = if uses_fallback { Some(document.add_font(fallback_pdf_font()?)) } else { None };
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
                    Item::Image { x, y, width, height, picture } => {
                        let image = RawImage {
                            pixels: RawImageData::U8(picture.rgb.clone()),
                            width: picture.width as usize,
                            height: picture.height as usize,
                            data_format: RawImageFormat::RGB8,
                            tag: Vec::new(),
                        };
                        let id = document.add_image(&image);
                        // The image's unit square scaled to the box; its origin is the box's bottom left.
                        let origin = point(paper, x.0, y.0 + height.0);
                        ops.push(Op::UseXobject {
                            id,
                            transform: XObjectTransform {
                                translate_x: Some(origin.x),
                                translate_y: Some(origin.y),
                                scale_x: Some(Pt::from(Mm(width.0)).0),
                                scale_y: Some(Pt::from(Mm(height.0)).0),
                                no_auto_scale: true,
                                ..Default::default()
                            },
                        });
                    }
                    Item::Text { x, y, size_pt, bold, text } => {
                        ops.push(Op::StartTextSection);
                        if *bold {
                            ops.push(Op::SetOutlineThickness { pt: Pt(size_pt * 0.03) });
                            ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::FillStroke });
                        }
                        ops.push(Op::SetTextCursor { pos: point(paper, x.0, y.0) });
                        // Each run in its face; the cursor moves on by the glyphs' widths.
                        for (face, glyphs) in runs(metrics, text)? {
                            let id = match (face, &fallback_id) {
                                (Face::Fallback, Some(id)) => id,
                                _ => &font_id,
                            };
                            ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(*size_pt) });
                            ops.push(Op::ShowText { items: vec![TextItem::GlyphIds(glyphs)] });
                        }
                        if *bold {
                            ops.push(Op::SetTextRenderingMode { mode: TextRenderingMode::Fill });
                        }
                        ops.push(Op::EndTextSection);
                    }
                }
            }
            Ok(PdfPage::new(Mm(paper.width.0), Mm(paper.height.0), ops))
        })
        .collect::<Result<Vec<_>, PdfError>>()?;
    let options = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    // The objects as printpdf builds them, streams compressed as its own save does: never
    // written out and parsed back.
    let mut objects = document.with_pages(pdf_pages).to_lopdf_document(&options, &mut Vec::new());
    objects.compress();
    Ok(objects)
}

/// Streams pages into one PDF: each call to [`PdfWriter::add`] paints its pages as a document
/// of their own (with its own font subset), renumbers that document's objects after the ones
/// already written and writes them out, hanging its page tree under the file's root. Only the
/// byte offsets of objects are kept between chunks.
pub struct PdfWriter<W: std::io::Write> {
    out: W,
    written: u64,
    /// The byte offset of each object by number (0: a free number).
    offsets: Vec<u64>,
    /// The page-tree node of each chunk.
    chunks: Vec<u32>,
    pages: usize,
    title: String,
}

/// Numbers of the objects the writer makes itself.
const CATALOG: u32 = 1;
const ROOT_PAGES: u32 = 2;
const INFO: u32 = 3;

impl<W: std::io::Write> PdfWriter<W> {
    pub fn new(mut out: W, title: &str) -> Result<PdfWriter<W>, PdfError> {
        // The comment's bytes above 127 tell transfer programs that the file is binary.
        const HEADER: &[u8] = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
        out.write_all(HEADER)?;
        Ok(PdfWriter { out, written: HEADER.len() as u64, offsets: vec![0; 4], chunks: Vec::new(), pages: 0, title: title.to_owned() })
    }

    /// Pages written so far.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// Paints `pages` and writes them after the pages already written.
    pub fn add(&mut self, pages: &[Page], paper: Paper, lang: Lang) -> Result<(), PdfError> {
        if pages.is_empty() {
            return Ok(());
        }
        let chunk = render(&self.title, pages, paper, lang)?;
        let catalog = chunk.catalog().map_err(|e| PdfError::Chunk(e.to_string()))?;
        let pages_node = catalog.get(b"Pages").and_then(lopdf::Object::as_reference).map_err(|e| PdfError::Chunk(e.to_string()))?;
        let skip: Vec<lopdf::ObjectId> = [chunk.trailer.get(b"Root"), chunk.trailer.get(b"Info")]
            .into_iter()
            .filter_map(|o| o.and_then(lopdf::Object::as_reference).ok())
            .collect();
        let base = self.offsets.len() as u32 - 1;
        // Object number 0 is never an object of the chunk: it stands for the file's page-tree
        // root in the chunk's own page-tree node, which every other reference is shifted past.
        let renumber = |id: lopdf::ObjectId| if id.0 == 0 { ROOT_PAGES } else { id.0 + base };
        self.offsets.resize((chunk.max_id + base + 1) as usize, 0);
        for (id, object) in &chunk.objects {
            if skip.contains(id) {
                continue;
            }
            let mut object = object.clone();
            if *id == pages_node
                && let lopdf::Object::Dictionary(node) = &mut object
            {
                node.set("Parent", lopdf::Object::Reference((0, 0)));
            }
            self.write_object(renumber(*id), &object, &renumber)?;
        }
        self.chunks.push(renumber(pages_node));
        self.pages += pages.len();
        Ok(())
    }

    fn write_object(&mut self, number: u32, object: &lopdf::Object, renumber: &dyn Fn(lopdf::ObjectId) -> u32) -> Result<(), PdfError> {
        let mut bytes = format!("{number} 0 obj\n").into_bytes();
        serialize(&mut bytes, object, renumber);
        bytes.extend_from_slice(b"\nendobj\n");
        self.offsets[number as usize] = self.written;
        self.out.write_all(&bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Writes the root of the page tree, the catalogue, the document information and the
    /// cross-reference table, and hands the output back.
    pub fn finish(mut self) -> Result<W, PdfError> {
        use lopdf::Object::{Array, Dictionary, Integer, Name, Reference, String as Text};
        let same = |id: lopdf::ObjectId| id.0;
        let kids = self.chunks.iter().map(|&c| Reference((c, 0))).collect();
        let root = lopdf::Dictionary::from_iter(vec![
            ("Type", Name(b"Pages".to_vec())),
            ("Kids", Array(kids)),
            ("Count", Integer(self.pages as i64)),
        ]);
        self.write_object(ROOT_PAGES, &Dictionary(root), &same)?;
        let catalog = lopdf::Dictionary::from_iter(vec![("Type", Name(b"Catalog".to_vec())), ("Pages", Reference((ROOT_PAGES, 0)))]);
        self.write_object(CATALOG, &Dictionary(catalog), &same)?;
        let info = lopdf::Dictionary::from_iter(vec![
            ("Title", lopdf::text_string(&self.title)),
            ("Producer", Text(b"nengli".to_vec(), lopdf::StringFormat::Literal)),
        ]);
        self.write_object(INFO, &Dictionary(info), &same)?;
        let start = self.written;
        let mut table = format!("xref\n0 {}\n", self.offsets.len()).into_bytes();
        for (number, offset) in self.offsets.iter().enumerate() {
            let line = if number == 0 || *offset == 0 { "0000000000 65535 f\r\n".to_owned() } else { format!("{offset:010} 00000 n\r\n") };
            table.extend_from_slice(line.as_bytes());
        }
        table.extend_from_slice(
            format!("trailer\n<< /Size {} /Root {CATALOG} 0 R /Info {INFO} 0 R >>\nstartxref\n{start}\n%%EOF\n", self.offsets.len())
                .as_bytes(),
        );
        self.out.write_all(&table)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes `object` in PDF syntax, with references renumbered; strings are written in hex, which
/// needs no escaping.
fn serialize(out: &mut Vec<u8>, object: &lopdf::Object, renumber: &dyn Fn(lopdf::ObjectId) -> u32) {
    use lopdf::Object::*;
    use std::io::Write;
    match object {
        Null => out.extend_from_slice(b"null"),
        Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Integer(i) => {
            let _ = write!(out, "{i}");
        }
        // Rust prints f32 without an exponent, as PDF needs.
        Real(r) => {
            let _ = write!(out, "{r}");
        }
        Name(name) => name_bytes(out, name),
        String(bytes, _) => {
            out.push(b'<');
            for b in bytes {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                serialize(out, item, renumber);
            }
            out.push(b']');
        }
        Dictionary(dict) => dictionary(out, dict, renumber, None),
        Stream(stream) => {
            dictionary(out, &stream.dict, renumber, Some(stream.content.len()));
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&stream.content);
            out.extend_from_slice(b"\nendstream");
        }
        Reference(id) => {
            let _ = write!(out, "{} 0 R", renumber(*id));
        }
    }
}

/// A dictionary; for a stream's, `length` replaces whatever /Length it carried.
fn dictionary(out: &mut Vec<u8>, dict: &lopdf::Dictionary, renumber: &dyn Fn(lopdf::ObjectId) -> u32, length: Option<usize>) {
    out.extend_from_slice(b"<<");
    for (key, value) in dict.iter() {
        if length.is_some() && key == b"Length" {
            continue;
        }
        name_bytes(out, key);
        out.push(b' ');
        serialize(out, value, renumber);
        out.push(b' ');
    }
    if let Some(length) = length {
        out.extend_from_slice(format!("/Length {length}").as_bytes());
    }
    out.extend_from_slice(b">>");
}

/// A name: regular characters as they are, the rest as `#xx`.
fn name_bytes(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        if (0x21..=0x7E).contains(&b) && !b"()<>[]{}/%#".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}
