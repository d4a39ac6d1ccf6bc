//! Our printed PDFs read back in-process with lopdf, so the tests need no system package: page
//! count, title, the fonts with their embedding, each page's text in reading order (decoded
//! through the fonts' ToUnicode maps) and a coarse picture of a page's rules, fills and text.

use lopdf::{Document, Object, ObjectId};
use std::collections::BTreeMap;

/// A font as a PDF reader lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Font {
    /// The BaseFont, with its subset tag (`ABCDEF+Name`).
    pub name: String,
    /// The font program is in the file (FontFile, FontFile2 or FontFile3).
    pub embedded: bool,
    /// The name carries a six-letter subset tag.
    pub subset: bool,
    /// A ToUnicode map lets readers copy and search the text.
    pub unicode: bool,
}

/// A run of text where it was painted: x and baseline y in points from the bottom-left,
/// its size in points and its characters.
#[derive(Debug, Clone)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub size: f32,
    pub text: String,
    /// The text object (BT … ET) it was painted in: runs of one text object are one text
    /// continued in another face.
    pub block: usize,
}

/// A painted shape: a stroked segment (with its width) or a filled polygon, in points.
#[derive(Debug, Clone)]
pub enum Shape {
    Stroke { from: (f32, f32), to: (f32, f32), width: f32 },
    Fill(Vec<(f32, f32)>),
}

pub struct Pdf {
    bytes: Vec<u8>,
    doc: Document,
}

impl Pdf {
    /// Loads a file; a file a strict reader cannot load fails the test.
    pub fn new(bytes: &[u8]) -> Pdf {
        Pdf { bytes: bytes.to_vec(), doc: Document::load_mem(bytes).expect("a PDF lopdf reads") }
    }

    pub fn open(path: &std::path::Path) -> Pdf {
        Pdf::new(&std::fs::read(path).unwrap())
    }

    pub fn pages(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// The document information's title.
    pub fn title(&self) -> String {
        let info = self.doc.trailer.get(b"Info").and_then(Object::as_reference).unwrap();
        let title = self.doc.get_dictionary(info).unwrap().get(b"Title").unwrap();
        lopdf::decode_text_string(title).unwrap()
    }

    /// Checks the cross-reference table as written, without a reader's repair: `startxref`
    /// points at the table and every entry in use at its object's header.
    pub fn assert_xref_exact(&self) {
        let text = String::from_utf8_lossy(&self.bytes);
        let tail = text.rsplit("startxref").next().unwrap();
        let start: usize = tail.split_whitespace().next().unwrap().parse().unwrap();
        assert!(self.bytes[start..].starts_with(b"xref"), "startxref {start} points at the table");
        let table = String::from_utf8_lossy(&self.bytes[start..]);
        let mut lines = table.lines().skip(1);
        let header: Vec<usize> = lines.next().unwrap().split_whitespace().map(|n| n.parse().unwrap()).collect();
        let (first, count) = (header[0], header[1]);
        let mut used = 0;
        for number in first..first + count {
            let entry = lines.next().unwrap();
            let fields: Vec<&str> = entry.split_whitespace().collect();
            if fields[2] == "n" {
                let offset: usize = fields[0].parse().unwrap();
                let head = format!("{number} {} obj", fields[1].trim_start_matches('0').parse::<u32>().unwrap_or(0));
                assert!(self.bytes[offset..].starts_with(head.as_bytes()), "object {number} at {offset}");
                used += 1;
            }
        }
        assert!(lines.next().unwrap().starts_with("trailer"), "the table has as many entries as it says");
        assert_eq!(self.doc.objects.len(), used, "every object in the table");
    }

    /// Every font of every page, each once (by object).
    pub fn fonts(&self) -> Vec<Font> {
        let mut seen = BTreeMap::new();
        for (_, page) in self.doc.get_pages() {
            for (_, font) in self.doc.get_page_fonts(page).unwrap() {
                let name = String::from_utf8_lossy(font.get(b"BaseFont").unwrap().as_name().unwrap()).into_owned();
                let descriptor = font
                    .get(b"DescendantFonts")
                    .ok()
                    .and_then(|d| self.resolve(d).as_array().ok().cloned())
                    .and_then(|a| a.first().map(|d| self.resolve(d).as_dict().unwrap().clone()))
                    .unwrap_or_else(|| font.clone())
                    .get(b"FontDescriptor")
                    .ok()
                    .map(|d| self.resolve(d).as_dict().unwrap().clone());
                let embedded = descriptor.is_some_and(|d| [&b"FontFile"[..], b"FontFile2", b"FontFile3"].iter().any(|k| d.has(k)));
                let subset = name.split_once('+').is_some_and(|(tag, _)| tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));
                let unicode = font.has(b"ToUnicode");
                seen.insert(name.clone(), Font { name, embedded, subset, unicode });
            }
        }
        seen.into_values().collect()
    }

    fn resolve<'a>(&'a self, object: &'a Object) -> &'a Object {
        match object {
            Object::Reference(id) => self.doc.get_object(*id).unwrap(),
            other => other,
        }
    }

    /// A page's width and height in points (its MediaBox).
    pub fn page_size(&self, page: usize) -> (f32, f32) {
        let dict = self.doc.get_dictionary(self.page_id(page)).unwrap();
        let mut object = dict.get(b"MediaBox").ok();
        if object.is_none() {
            let parent = dict.get(b"Parent").unwrap().as_reference().unwrap();
            object = self.doc.get_dictionary(parent).unwrap().get(b"MediaBox").ok();
        }
        let b: Vec<f32> = self.resolve(object.expect("a MediaBox")).as_array().unwrap().iter().map(|o| o.as_float().unwrap()).collect();
        (b[2] - b[0], b[3] - b[1])
    }

    fn page_id(&self, page: usize) -> ObjectId {
        self.doc.get_pages()[&(page as u32)]
    }

    /// The character map of each font resource of a page: glyph id → text.
    fn maps(&self, page: ObjectId) -> BTreeMap<Vec<u8>, BTreeMap<u32, String>> {
        let mut maps = BTreeMap::new();
        for (resource, font) in self.doc.get_page_fonts(page).unwrap() {
            let mut map = BTreeMap::new();
            if let Ok(Object::Reference(id)) = font.get(b"ToUnicode") {
                let stream = self.doc.get_object(*id).unwrap().as_stream().unwrap();
                let content = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
                parse_cmap(&String::from_utf8_lossy(&content), &mut map);
            }
            maps.insert(resource, map);
        }
        maps
    }

    /// The runs of text and the shapes of a page (1-based), in painting order.
    pub fn page(&self, page: usize) -> (Vec<Run>, Vec<Shape>) {
        let id = self.page_id(page);
        let maps = self.maps(id);
        let content = self.doc.get_and_decode_page_content(id).unwrap();
        let (mut runs, mut shapes) = (Vec::new(), Vec::new());
        let mut font: Vec<u8> = Vec::new();
        let (mut size, mut width) = (0.0f32, 1.0f32);
        let (mut line, mut cursor) = ((0.0f32, 0.0f32), (0.0f32, 0.0f32));
        let mut path: Vec<Vec<(f32, f32)>> = Vec::new();
        let mut stack = Vec::new();
        let mut placed: Option<(f32, f32, f32, f32)> = None;
        let mut block = 0;
        for op in content.operations {
            let n = |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok()).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => stack.push((width, placed)),
                "Q" => (width, placed) = stack.pop().unwrap_or((1.0, None)),
                // A transform only places a picture (`q a 0 0 d e f cm /Im Do Q`): text and lines
                // are drawn untransformed, which the reader asserts where it reads them.
                "cm" => {
                    assert!(n(1) == 0.0 && n(2) == 0.0, "only scaled and moved pictures are read: {:?}", op.operands);
                    placed = Some((n(0), n(3), n(4), n(5)));
                }
                "Do" => {
                    let (w, h, x, y) = placed.expect("a picture is placed by its own transform");
                    // A picture paints as a filled box where it stands.
                    shapes.push(Shape::Fill(vec![(x, y), (x + w, y), (x + w, y + h), (x, y + h)]));
                }
                "w" => width = n(0),
                "BT" => {
                    block += 1;
                    line = (0.0, 0.0);
                    cursor = line;
                }
                "Td" | "TD" => {
                    line = (line.0 + n(0), line.1 + n(1));
                    cursor = line;
                }
                "Tm" => {
                    line = (n(4), n(5));
                    cursor = line;
                }
                "Tf" => {
                    font = op.operands[0].as_name().unwrap().to_vec();
                    size = n(1);
                }
                "Tj" | "TJ" | "'" => {
                    assert!(placed.is_none(), "text is drawn untransformed");
                    let map = &maps[&font];
                    let mut text = String::new();
                    let strings: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for s in strings {
                        if let Object::String(bytes, _) = s {
                            for code in bytes.chunks(2) {
                                let code = code.iter().fold(0u32, |a, b| a << 8 | u32::from(*b));
                                text.push_str(map.get(&code).map(String::as_str).unwrap_or("\u{FFFD}"));
                            }
                        }
                    }
                    runs.push(Run { x: cursor.0, y: cursor.1, size, text, block });
                }
                "m" => {
                    assert!(placed.is_none(), "lines are drawn untransformed");
                    path.push(vec![(n(0), n(1))]);
                }
                "l" => path.last_mut().unwrap().push((n(0), n(1))),
                "c" => path.last_mut().unwrap().push((n(4), n(5))),
                "v" | "y" => path.last_mut().unwrap().push((n(2), n(3))),
                "re" => path.push(vec![(n(0), n(1)), (n(0) + n(2), n(1)), (n(0) + n(2), n(1) + n(3)), (n(0), n(1) + n(3))]),
                "h" => {}
                "S" | "s" => {
                    for sub in path.drain(..) {
                        let mut points = sub.clone();
                        if op.operator == "s" {
                            points.push(sub[0]);
                        }
                        for w in points.windows(2) {
                            shapes.push(Shape::Stroke { from: w[0], to: w[1], width });
                        }
                    }
                }
                "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => shapes.extend(path.drain(..).map(Shape::Fill)),
                "n" => path.clear(),
                _ => {}
            }
        }
        (runs, shapes)
    }

    /// A page's text read line by line from the top, left to right within a line: runs whose
    /// baselines are within a third of their size are one line. Lines end in '\n'.
    pub fn page_text(&self, page: usize) -> String {
        let (mut runs, _) = self.page(page);
        runs.retain(|r| !r.text.is_empty());
        // Stable: runs painted one after another at the same place keep their order.
        runs.sort_by(|a, b| b.y.total_cmp(&a.y));
        let mut lines: Vec<Vec<Run>> = Vec::new();
        for run in runs {
            match lines.last_mut() {
                Some(line) if (line[0].y - run.y).abs() < line[0].size.max(run.size) / 3.0 => line.push(run),
                _ => lines.push(vec![run]),
            }
        }
        let mut out = String::new();
        for mut line in lines {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            for (i, run) in line.iter().enumerate() {
                if i > 0 && line[i - 1].block != run.block {
                    out.push(' ');
                }
                out.push_str(&run.text);
            }
            out.push('\n');
        }
        out
    }

    /// The whole document's text, pages separated by a form feed as text extractors do.
    pub fn text(&self) -> String {
        (1..=self.pages()).map(|p| self.page_text(p)).collect::<Vec<_>>().join("\u{c}")
    }
}

/// Reads a ToUnicode CMap's bfchar and bfrange entries.
fn parse_cmap(cmap: &str, map: &mut BTreeMap<u32, String>) {
    let hex = |s: &str| u32::from_str_radix(s.trim_matches(|c| c == '<' || c == '>'), 16).unwrap();
    let utf16 = |s: &str| {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        let units: Vec<u16> = (0..s.len()).step_by(4).map(|i| u16::from_str_radix(&s[i..(i + 4).min(s.len())], 16).unwrap()).collect();
        String::from_utf16_lossy(&units)
    };
    let mut section = "";
    for line in cmap.lines().map(str::trim) {
        if line.ends_with("beginbfchar") {
            section = "char";
        } else if line.ends_with("beginbfrange") {
            section = "range";
        } else if line.starts_with("end") {
            section = "";
        } else if !line.is_empty() {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            match section {
                "char" if tokens.len() >= 2 => {
                    map.insert(hex(tokens[0]), utf16(tokens[1]));
                }
                "range" if tokens.len() >= 3 && tokens[2].starts_with('<') => {
                    let (low, high) = (hex(tokens[0]), hex(tokens[1]));
                    let first = utf16(tokens[2]).chars().next().unwrap() as u32;
                    for (i, code) in (low..=high).enumerate() {
                        map.insert(code, char::from_u32(first + i as u32).unwrap().to_string());
                    }
                }
                _ => {}
            }
        }
    }
}

/// A page painted coarsely in grey, one byte a pixel, `dpm` pixels a millimetre: strokes at
/// their width (at least a pixel), fills by their bounding box, and each run of text as a
/// mid-grey band of its size (a CJK character an em wide, others half an em). It shows where
/// lines, boxes and text are, not what the glyphs look like.
pub fn raster(runs: &[Run], shapes: &[Shape], page_pt: (f32, f32), dpm: f32) -> (usize, usize, Vec<u8>) {
    let scale = dpm * 25.4 / 72.0;
    let (w, h) = ((page_pt.0 * scale).round() as usize, (page_pt.1 * scale).round() as usize);
    let mut grid = vec![255u8; w * h];
    let mut paint = |x0: f32, y0: f32, x1: f32, y1: f32, grey: u8| {
        let px = |v: f32, max: usize| ((v * scale).floor().max(0.0) as usize).min(max);
        let (left, right) = (px(x0.min(x1), w), px(x0.max(x1), w - 1));
        let (bottom, top) = (px(y0.min(y1), h), px(y0.max(y1), h - 1));
        for y in bottom..=top {
            for x in left..=right {
                let at = (h - 1 - y) * w + x;
                grid[at] = grid[at].min(grey);
            }
        }
    };
    for shape in shapes {
        match shape {
            Shape::Stroke { from, to, width } => {
                let half = width / 2.0;
                paint(from.0.min(to.0) - half, from.1.min(to.1) - half, from.0.max(to.0) + half, from.1.max(to.1) + half, 0);
            }
            Shape::Fill(points) => {
                let xs = points.iter().map(|p| p.0);
                let ys = points.iter().map(|p| p.1);
                let (x0, x1) = (xs.clone().fold(f32::MAX, f32::min), xs.fold(f32::MIN, f32::max));
                let (y0, y1) = (ys.clone().fold(f32::MAX, f32::min), ys.fold(f32::MIN, f32::max));
                paint(x0, y0, x1, y1, 160);
            }
        }
    }
    for run in runs {
        let ems: f32 = run.text.chars().map(|c| if c as u32 >= 0x2E80 { 1.0 } else { 0.5 }).sum();
        paint(run.x, run.y, run.x + ems * run.size, run.y + 0.7 * run.size, 100);
    }
    (w, h, grid)
}
