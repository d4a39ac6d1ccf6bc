//! Pure page layout in millimetres: titles, paragraphs and bordered grids (with column spans
//! and tall cells) flowed onto A4 pages. A grid row that does not fit moves to the next page
//! with the grid's header repeated; a row taller than a page continues its text there, so no
//! character is ever cut. The result is a list of positioned texts and lines that `pdf.rs`
//! paints with printpdf and the in-app preview paints with egui.

mod form;

pub use form::{Form, FormBox};

use super::text::wrap;
use std::ops::{Add, Sub};

/// A length on paper.
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Mm(pub f32);

impl Add for Mm {
    type Output = Mm;
    fn add(self, other: Mm) -> Mm {
        Mm(self.0 + other.0)
    }
}

impl Sub for Mm {
    type Output = Mm;
    fn sub(self, other: Mm) -> Mm {
        Mm(self.0 - other.0)
    }
}

/// Millimetres in one typographic point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// How wide each character is, as a fraction of the font size (1.0 = one em).
pub trait Metrics {
    fn advance(&self, c: char) -> f32;
}

/// Horizontal placement of text in its box.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// A picture's pixels, 8-bit RGB row by row, shared by the layout's items without copying.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<u8>,
}

/// One cell of a grid row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    /// How many grid columns the cell covers (at least 1).
    pub span: usize,
    /// How many rows it covers (0 and 1: its own); the rows below leave its columns to it.
    pub rows: usize,
    /// A picture in place of the text, fitted inside the cell and centred.
    pub picture: Option<std::sync::Arc<Picture>>,
    pub bold: bool,
    pub align: Align,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), span: 1, ..Default::default() }
    }

    pub fn label(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), span: 1, bold: true, align: Align::Center, ..Default::default() }
    }

    pub fn span(mut self, span: usize) -> Cell {
        self.span = span.max(1);
        self
    }

    /// The cell covers `rows` rows, its own and those below.
    pub fn rows(mut self, rows: usize) -> Cell {
        self.rows = rows.max(1);
        self
    }

    /// The cell shows `picture` (its text, if any, only when there is none).
    pub fn picture(mut self, picture: Option<std::sync::Arc<Picture>>) -> Cell {
        self.picture = picture;
        self
    }

    /// Whether the cell is drawn whole once its last row is placed (it covers several rows or
    /// holds a picture).
    fn drawn_whole(&self) -> bool {
        self.rows > 1 || self.picture.is_some()
    }
}

/// A bordered table: column widths as shares of the text width, an optional header row
/// repeated on every page, and rows with an optional minimum height.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Grid {
    pub columns: Vec<f32>,
    pub header: Option<Vec<Cell>>,
    pub rows: Vec<(Vec<Cell>, Mm)>,
    pub size_pt: f32,
}

/// What goes on paper, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Title {
        text: String,
        size_pt: f32,
    },
    Paragraph {
        text: String,
        size_pt: f32,
        align: Align,
    },
    /// A bold line that opens a section.
    Heading {
        text: String,
        size_pt: f32,
    },
    Grid(Grid),
    Spacer(Mm),
    /// A bar chart: a label, a filled share of a bar, and a figure, one row each.
    Bars {
        rows: Vec<(String, f32, String)>,
        size_pt: f32,
    },
    /// A radar chart of the 八種能力: eight axis labels (axis 1 straight up, then clockwise),
    /// levels 1–`max`, and series drawn in order (the first filled, the others outlined).
    Radar {
        labels: Vec<String>,
        series: Vec<RadarSeries>,
        max: f32,
        size_pt: f32,
    },
    /// A form of fixed boxes: the 公務員年度考核登記表's two pages and its continuation pages.
    Form(Box<Form>),
    /// Starts a new sheet on a new page; page numbers in the footer restart.
    NewSheet,
}

impl Document {
    /// Every text the document holds, in reading order (for checks before printing).
    pub fn texts(&self) -> Vec<&str> {
        fn grid<'a>(g: &'a Grid, out: &mut Vec<&'a str>) {
            let cells = g.header.iter().flatten().chain(g.rows.iter().flat_map(|(cells, _)| cells));
            out.extend(cells.map(|c| c.text.as_str()));
        }
        let mut out: Vec<&str> = vec![&self.title];
        for block in &self.blocks {
            match block {
                Block::Title { text, .. } | Block::Paragraph { text, .. } | Block::Heading { text, .. } => out.push(text),
                Block::Grid(g) => grid(g, &mut out),
                Block::Bars { rows, .. } => out.extend(rows.iter().flat_map(|(label, _, figure)| [label.as_str(), figure.as_str()])),
                Block::Radar { labels, series, .. } => {
                    out.extend(labels.iter().map(String::as_str));
                    out.extend(series.iter().map(|s| s.name.as_str()));
                }
                Block::Form(form) => {
                    out.extend([form.title.as_str(), &form.year, &form.running_head]);
                    grid(&form.head, &mut out);
                    for b in std::iter::once(&form.summary).chain(&form.boxes).chain(&form.tail) {
                        out.extend([b.label.as_str(), &b.text]);
                        out.extend(b.sign.iter().chain(&b.note).map(String::as_str));
                    }
                    if let Some((heading, g)) = &form.appendix {
                        out.push(heading);
                        grid(g, &mut out);
                    }
                }
                Block::Spacer(_) | Block::NewSheet => {}
            }
        }
        out.extend(self.footer.as_deref());
        out
    }
}

/// One line of a radar chart: a value per axis (0 where not given), its grey and width.
#[derive(Clone, Debug, PartialEq)]
pub struct RadarSeries {
    pub name: String,
    pub values: [f32; 8],
    /// The fill's grey (when filled).
    pub grey: f32,
    /// The line's grey and width.
    pub line_grey: f32,
    pub width_pt: f32,
    /// Fill the area inside the line (only sensible for one series).
    pub filled: bool,
}

/// A document: blocks and a footer with `{page}` and `{pages}` (counted per sheet).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
    pub footer: Option<String>,
}

/// Something placed on a page; `y` is the text baseline (or line end) from the page's top.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text {
        x: Mm,
        y: Mm,
        size_pt: f32,
        bold: bool,
        text: String,
    },
    /// A straight line, `grey` from 0 (black) to 1 (white).
    Line {
        from: (Mm, Mm),
        to: (Mm, Mm),
        width_pt: f32,
        grey: f32,
    },
    /// A filled triangle (a piece of a radar's area), `grey` from 0 (black) to 1 (white).
    Triangle {
        points: [(Mm, Mm); 3],
        grey: f32,
    },
    /// A filled rectangle (a chart's bar), `grey` from 0 (black) to 1 (white).
    Rect {
        x: Mm,
        y: Mm,
        width: Mm,
        height: Mm,
        grey: f32,
    },
    /// A picture stretched to the rectangle whose top left is (`x`, `y`).
    Image {
        x: Mm,
        y: Mm,
        width: Mm,
        height: Mm,
        picture: std::sync::Arc<Picture>,
    },
}

/// One laid-out page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

impl Page {
    /// All the text on the page, in drawing order (for tests and search).
    pub fn text(&self) -> String {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                Item::Line { .. } | Item::Rect { .. } | Item::Triangle { .. } | Item::Image { .. } => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The paper and its margins.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paper {
    pub width: Mm,
    pub height: Mm,
    /// The top, bottom and outer margin.
    pub margin: Mm,
    /// The margin of the bound edge: the left one of a front page.
    pub binding: Mm,
    /// Printed on both sides: the back of each leaf has its margins mirrored (the bound edge on
    /// the right), and a sheet with an odd number of pages gets a blank back so the next sheet
    /// starts on a new leaf.
    pub duplex: bool,
}

impl Paper {
    /// The same paper printed on both sides (`true`) or on one.
    pub fn with_duplex(self, duplex: bool) -> Paper {
        Paper { duplex, ..self }
    }

    /// The left edge of the text on a sheet's page `index` (0: its first).
    pub fn left(&self, index: usize) -> Mm {
        if self.duplex && index % 2 == 1 { self.margin } else { self.binding }
    }

    /// The width between the margins.
    pub fn text_width(&self) -> Mm {
        self.width - self.margin - self.binding
    }
}

/// A4 portrait: 20 mm margins and 25 mm on the bound edge.
pub const A4: Paper = Paper { width: Mm(210.0), height: Mm(297.0), margin: Mm(20.0), binding: Mm(25.0), duplex: false };

/// 16K (185 × 260 mm), the other size personnel forms are printed on: 15 mm margins and 25 mm on
/// the bound edge.
pub const K16: Paper = Paper { width: Mm(185.0), height: Mm(260.0), margin: Mm(15.0), binding: Mm(25.0), duplex: false };

/// Space between a cell's border and its text.
const PAD: Mm = Mm(1.8);
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.45;
/// Border width in points.
const BORDER_PT: f32 = 0.6;

fn line_height(size_pt: f32) -> Mm {
    Mm(size_pt * LEADING * MM_PER_PT)
}

struct Flow<'m> {
    paper: Paper,
    metrics: &'m dyn Metrics,
    pages: Vec<Page>,
    /// Index of each sheet's first page.
    sheets: Vec<usize>,
    y: Mm,
    /// Room kept at the foot of each page for the footer.
    footer_room: Mm,
    /// A line naming the sheet's subject at the top of each of its pages after the first.
    running_head: Option<String>,
}

/// The size of a running head.
const RUNNING_PT: f32 = 9.0;

impl<'m> Flow<'m> {
    fn bottom(&self) -> Mm {
        self.paper.height - self.paper.margin - self.footer_room
    }

    fn text_width(&self) -> Mm {
        self.paper.text_width()
    }

    /// The left edge of the text on the current page.
    fn left(&self) -> Mm {
        let first = self.sheets.last().copied().unwrap_or(0);
        self.paper.left(self.pages.len().saturating_sub(1).saturating_sub(first))
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.paper.margin;
        if let Some(head) = self.running_head.clone() {
            self.head_line(&head);
        }
    }

    /// A small line across the top of the page with a rule under it.
    fn head_line(&mut self, text: &str) {
        let (left, width) = (self.left(), self.text_width());
        self.place_line(text.to_owned(), left, width, Align::Left, RUNNING_PT, false);
        self.y = self.y + line_height(RUNNING_PT);
        let y = self.y;
        self.page().items.push(Item::Line { from: (left, y), to: (left + width, y), width_pt: 0.4, grey: 0.3 });
        self.y = self.y + Mm(2.5);
    }

    fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn measure(&self, text: &str, size_pt: f32) -> Mm {
        Mm(text.chars().map(|c| self.metrics.advance(c)).sum::<f32>() * size_pt * MM_PER_PT)
    }

    fn wrap(&self, text: &str, width: Mm, size_pt: f32) -> Vec<String> {
        let scale = size_pt * MM_PER_PT;
        wrap(text, width.0.max(1.0), &|c| self.metrics.advance(c) * scale)
    }

    fn place_line(&mut self, text: String, x: Mm, width: Mm, align: Align, size_pt: f32, bold: bool) {
        let used = self.measure(&text, size_pt);
        let x = match align {
            Align::Left => x,
            Align::Center => x + Mm(((width - used).0 / 2.0).max(0.0)),
            Align::Right => x + Mm((width - used).0.max(0.0)),
        };
        let y = self.y + Mm(size_pt * MM_PER_PT);
        if !text.is_empty() {
            self.page().items.push(Item::Text { x, y, size_pt, bold, text });
        }
    }

    fn paragraph(&mut self, text: &str, size_pt: f32, align: Align, bold: bool) {
        let height = line_height(size_pt);
        for line in self.wrap(text, self.text_width(), size_pt) {
            if self.y + height > self.bottom() {
                self.new_page();
            }
            let (left, width) = (self.left(), self.text_width());
            self.place_line(line, left, width, align, size_pt, bold);
            self.y = self.y + height;
        }
    }

    /// The x of each column edge.
    fn edges(&self, grid: &Grid) -> Vec<Mm> {
        let total: f32 = grid.columns.iter().sum::<f32>().max(f32::EPSILON);
        let mut x = self.left();
        let mut edges = vec![x];
        for share in &grid.columns {
            x = x + Mm(self.text_width().0 * share / total);
            edges.push(x);
        }
        edges
    }

    /// Each cell's first and past-last column, from its span, skipping the columns `taken` by
    /// cells of rows above that cover this one.
    fn cell_columns(columns: usize, cells: &[Cell], taken: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut column = 0;
        cells
            .iter()
            .map(|cell| {
                while let Some((_, end)) = taken.iter().find(|(from, end)| (*from..*end).contains(&column)) {
                    column = *end;
                }
                let start = column.min(columns);
                column += cell.span.max(1);
                (start, column.min(columns))
            })
            .collect()
    }

    /// Each cell's x range, from its column and span.
    fn cell_boxes(edges: &[Mm], cells: &[Cell], taken: &[(usize, usize)]) -> Vec<(Mm, Mm)> {
        Self::cell_columns(edges.len() - 1, cells, taken).into_iter().map(|(from, to)| (edges[from], edges[to])).collect()
    }

    /// Draws one row (or the part of it that fits) and returns the lines not yet drawn. Cells
    /// drawn whole (over several rows, or a picture) are left to [`Flow::whole_cell`]; around
    /// them and beside `taken` columns each cell gets its own top and bottom border.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        edges: &[Mm],
        cells: &[Cell],
        taken: &[(usize, usize)],
        lines: Vec<Vec<String>>,
        min_height: Mm,
        size_pt: f32,
    ) -> Option<(Vec<Vec<String>>, Mm)> {
        let lh = line_height(size_pt);
        let needed_lines = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let full = Mm(needed_lines as f32 * lh.0) + PAD + PAD;
        let height = if min_height > full { min_height } else { full };
        let room = self.bottom() - self.y;
        let (drawn_lines, row_height, rest) = if height <= room {
            (needed_lines, height, None)
        } else {
            let fit = (((room - PAD - PAD).0 / lh.0).floor() as usize).min(needed_lines);
            if fit < needed_lines {
                let rest: Vec<Vec<String>> = lines.iter().map(|l| l.iter().skip(fit).cloned().collect()).collect();
                let left_min = if min_height > room { min_height - room } else { Mm(0.0) };
                (fit, room, Some((rest, left_min)))
            } else {
                (needed_lines, room, Some((vec![Vec::new(); lines.len()], min_height - room)))
            }
        };
        let boxes = Self::cell_boxes(edges, cells, taken);
        let top = self.y;
        for ((cell, (x0, x1)), cell_lines) in cells.iter().zip(&boxes).zip(&lines) {
            self.y = top + PAD;
            for line in cell_lines.iter().take(drawn_lines) {
                self.place_line(line.clone(), *x0 + PAD, *x1 - *x0 - PAD - PAD, cell.align, size_pt, cell.bold);
                self.y = self.y + lh;
            }
        }
        let bottom = top + row_height;
        let whole = taken.is_empty() && !cells.iter().any(Cell::drawn_whole);
        let page = self.page();
        for (cell, (x0, x1)) in cells.iter().zip(&boxes) {
            if cell.drawn_whole() {
                continue;
            }
            page.items.push(Item::Line { from: (*x0, top), to: (*x0, bottom), width_pt: BORDER_PT, grey: 0.0 });
            page.items.push(Item::Line { from: (*x1, top), to: (*x1, bottom), width_pt: BORDER_PT, grey: 0.0 });
            if !whole {
                page.items.push(Item::Line { from: (*x0, top), to: (*x1, top), width_pt: BORDER_PT, grey: 0.0 });
                page.items.push(Item::Line { from: (*x0, bottom), to: (*x1, bottom), width_pt: BORDER_PT, grey: 0.0 });
            }
        }
        if whole {
            let left = edges[0];
            let right = edges[edges.len() - 1];
            page.items.push(Item::Line { from: (left, top), to: (right, top), width_pt: BORDER_PT, grey: 0.0 });
            page.items.push(Item::Line { from: (left, bottom), to: (right, bottom), width_pt: BORDER_PT, grey: 0.0 });
        }
        self.y = bottom;
        rest
    }

    /// A cell drawn whole between `top` and `bottom`: its border, and its picture fitted and
    /// centred, or its text centred.
    fn whole_cell(&mut self, cell: &Cell, (x0, x1): (Mm, Mm), top: Mm, bottom: Mm, size_pt: f32) {
        for (from, to) in [((x0, top), (x1, top)), ((x0, bottom), (x1, bottom)), ((x0, top), (x0, bottom)), ((x1, top), (x1, bottom))] {
            self.page().items.push(Item::Line { from, to, width_pt: BORDER_PT, grey: 0.0 });
        }
        let (width, height) = (x1 - x0 - PAD - PAD, bottom - top - PAD - PAD);
        if let Some(picture) = &cell.picture
            && picture.width > 0
            && picture.height > 0
            && width.0 > 0.0
            && height.0 > 0.0
        {
            let scale = (width.0 / picture.width as f32).min(height.0 / picture.height as f32);
            let (w, h) = (Mm(picture.width as f32 * scale), Mm(picture.height as f32 * scale));
            let (x, y) = (x0 + PAD + Mm((width - w).0 / 2.0), top + PAD + Mm((height - h).0 / 2.0));
            self.page().items.push(Item::Image { x, y, width: w, height: h, picture: picture.clone() });
            return;
        }
        let lines = self.wrap(&cell.text, width, size_pt);
        let lh = line_height(size_pt);
        self.y = top + Mm((((bottom - top).0 - lh.0 * lines.len() as f32) / 2.0).max(PAD.0));
        for line in lines {
            self.place_line(line, x0 + PAD, width, cell.align, size_pt, cell.bold);
            self.y = self.y + lh;
        }
        self.y = bottom;
    }

    fn cell_lines(&self, edges: &[Mm], cells: &[Cell], taken: &[(usize, usize)], size_pt: f32) -> Vec<Vec<String>> {
        Self::cell_boxes(edges, cells, taken)
            .iter()
            .zip(cells)
            .map(|((x0, x1), cell)| if cell.drawn_whole() { Vec::new() } else { self.wrap(&cell.text, *x1 - *x0 - PAD - PAD, size_pt) })
            .collect()
    }

    fn bars(&mut self, rows: &[(String, f32, String)], size_pt: f32) {
        let label_width = Mm(self.text_width().0 * 0.38);
        let bar_width = Mm(self.text_width().0 * 0.42);
        for (label, share, figure) in rows {
            // A long label wraps in its column, never over the bar.
            let labels = self.wrap(label, label_width - Mm(2.0), size_pt);
            let height = Mm(line_height(size_pt).0 * labels.len().max(1) as f32) + Mm(2.0);
            if self.y + height > self.bottom() {
                self.new_page();
            }
            let margin = self.left();
            let top_line = self.y;
            for line in &labels {
                self.place_line(line.clone(), margin, label_width, Align::Left, size_pt, false);
                self.y = self.y + line_height(size_pt);
            }
            self.y = top_line;
            let x = margin + label_width;
            let bar_height = Mm(size_pt * MM_PER_PT);
            let top = self.y + Mm(0.5);
            let page = self.page();
            page.items.push(Item::Rect { x, y: top, width: bar_width, height: bar_height, grey: 0.9 });
            page.items.push(Item::Rect { x, y: top, width: Mm(bar_width.0 * share.clamp(0.0, 1.0)), height: bar_height, grey: 0.45 });
            self.place_line(figure.clone(), x + bar_width + Mm(3.0), Mm(30.0), Align::Left, size_pt, false);
            self.y = top_line + height;
        }
    }

    fn radar(&mut self, labels: &[String], series: &[RadarSeries], max: f32, size_pt: f32) {
        let radius = Mm(27.0);
        let label_room = Mm(11.0);
        let legend = line_height(size_pt) + Mm(1.0);
        let height = Mm(radius.0 * 2.0 + label_room.0 * 2.0) + Mm(legend.0 * series.len() as f32);
        if self.y + height > self.bottom() {
            self.new_page();
        }
        let centre = (self.left() + Mm(self.text_width().0 / 2.0), self.y + label_room + radius);
        let at = |(x, y): (f32, f32)| (centre.0 + Mm(x), centre.1 + Mm(y));
        let full = crate::domain::selfcheck::radar_points(&[max; 8], max, radius.0);
        for level in 1..=(max as u32) {
            let ring = crate::domain::selfcheck::radar_points(&[level as f32; 8], max, radius.0);
            for i in 0..8 {
                self.page().items.push(Item::Line { from: at(ring[i]), to: at(ring[(i + 1) % 8]), width_pt: 0.3, grey: 0.7 });
            }
        }
        for (i, point) in full.iter().enumerate() {
            self.page().items.push(Item::Line { from: centre, to: at(*point), width_pt: 0.3, grey: 0.7 });
            let Some(label) = labels.get(i) else { continue };
            let width = self.measure(label, size_pt);
            let (x, y) = at((point.0 * 1.12, point.1 * 1.12));
            let x = match i {
                0 | 4 => x - Mm(width.0 / 2.0),
                1..=3 => x,
                _ => x - width,
            };
            let y = y + Mm(size_pt * MM_PER_PT * 0.35);
            self.page().items.push(Item::Text { x, y, size_pt, bold: false, text: label.clone() });
        }
        for line in series {
            let points = crate::domain::selfcheck::radar_points(&line.values, max, radius.0);
            if line.filled {
                for triangle in crate::domain::selfcheck::radar_fan(&points) {
                    self.page().items.push(Item::Triangle { points: triangle.map(at), grey: line.grey });
                }
            }
            for i in 0..8 {
                self.page().items.push(Item::Line {
                    from: at(points[i]),
                    to: at(points[(i + 1) % 8]),
                    width_pt: line.width_pt,
                    grey: line.line_grey,
                });
            }
        }
        self.y = self.y + Mm(radius.0 * 2.0 + label_room.0 * 2.0);
        for line in series {
            let x = self.left() + Mm(self.text_width().0 / 2.0 - 30.0);
            let y = self.y + Mm(size_pt * MM_PER_PT * 0.6);
            if line.filled {
                let box_top = y - Mm(1.5);
                self.page().items.push(Item::Rect { x, y: box_top, width: Mm(10.0), height: Mm(3.0), grey: line.grey });
            }
            self.page().items.push(Item::Line { from: (x, y), to: (x + Mm(10.0), y), width_pt: line.width_pt, grey: line.line_grey });
            self.place_line(line.name.clone(), x + Mm(13.0), Mm(60.0), Align::Left, size_pt, false);
            self.y = self.y + legend;
        }
    }

    fn grid(&mut self, grid: &Grid) {
        let size = grid.size_pt;
        let edges = self.edges(grid);
        let lh = line_height(size);
        let min_room = lh + PAD + PAD;
        let header = grid.header.as_ref().map(|h| (h.clone(), self.cell_lines(&edges, h, &[], size)));
        let draw_header = |flow: &mut Flow<'_>| {
            if let Some((cells, lines)) = &header {
                let _ = flow.row(&edges, cells, &[], lines.clone(), Mm(0.0), size);
            }
        };
        if self.y + min_room + if header.is_some() { min_room } else { Mm(0.0) } > self.bottom() {
            self.new_page();
        }
        draw_header(self);
        let mut covering: Vec<Covering<'_>> = Vec::new();
        for (index, (cells, min_height)) in grid.rows.iter().enumerate() {
            let taken: Vec<(usize, usize)> = covering.iter().map(|c| c.0).collect();
            let mut lines = self.cell_lines(&edges, cells, &taken, size);
            let mut min_height = *min_height;
            let row_height = |lines: &[Vec<String>], min: Mm| {
                let needed = Mm(lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh.0) + PAD + PAD;
                if min > needed { min } else { needed }
            };
            let mut height = row_height(&lines, min_height);
            // A cell covering rows keeps them on one page with it.
            let reach = cells.iter().map(|c| c.rows.max(1)).max().unwrap_or(1);
            for (below, min) in grid.rows.iter().skip(index + 1).take(reach - 1) {
                height = height + row_height(&self.cell_lines(&edges, below, &taken, size), *min);
            }
            let page_room = self.bottom() - self.paper.margin;
            // A row that would fit on a fresh page does not start at the foot of this one.
            if self.y + height > self.bottom() && (height <= page_room || self.bottom() - self.y < min_room) {
                self.new_page();
                draw_header(self);
            }
            let top = self.y;
            let columns = Self::cell_columns(edges.len() - 1, cells, &taken);
            for (cell, (from, to)) in cells.iter().zip(columns) {
                if cell.drawn_whole() {
                    covering.push(((from, to), cell.rows.max(1), top, (edges[from], edges[to]), cell));
                }
            }
            while let Some((rest, left_min)) = self.row(&edges, cells, &taken, lines, min_height, size) {
                if rest.iter().all(Vec::is_empty) && left_min <= Mm(0.0) {
                    break;
                }
                self.new_page();
                draw_header(self);
                lines = rest;
                min_height = left_min;
            }
            let bottom = self.y;
            for c in &mut covering {
                c.1 -= 1;
            }
            for (_, _, top, xs, cell) in covering.iter().filter(|c| c.1 == 0) {
                self.whole_cell(cell, *xs, *top, bottom, size);
            }
            covering.retain(|c| c.1 > 0);
            self.y = bottom;
        }
        // Cells reaching past the grid's last row end with it.
        let bottom = self.y;
        for (_, _, top, xs, cell) in covering {
            self.whole_cell(cell, xs, top, bottom, size);
        }
        self.y = bottom;
    }
}

/// A cell drawn whole once its rows are placed: its columns, the rows still to go, its top, its
/// x range and the cell.
type Covering<'a> = ((usize, usize), usize, Mm, (Mm, Mm), &'a Cell);

/// Room a heading keeps below itself on its page, so it never stands alone at a page's foot.
const KEEP_WITH_NEXT: Mm = Mm(22.0);

/// Lays `document` out on `paper`.
pub fn layout(document: &Document, paper: Paper, metrics: &dyn Metrics) -> Vec<Page> {
    sheet_pages(document, paper, metrics).flatten().collect()
}

/// Lays `document` out on `paper` a sheet at a time: each item is one sheet's pages (the blocks
/// between two [`Block::NewSheet`]), laid out only when asked for, so that a long document is
/// printed without all its pages in memory at once. A sheet starts on a new page with its page
/// numbers from 1, so its pages are the same whether laid out alone or with the others; a
/// document with nothing in it is one blank page.
pub fn sheet_pages<'a>(document: &'a Document, paper: Paper, metrics: &'a dyn Metrics) -> impl Iterator<Item = Vec<Page>> + 'a {
    sheet_ranges(document).into_iter().map(move |sheet| layout_sheet(document, &document.blocks[sheet], paper, metrics))
}

/// Where each sheet of `document` lies among its blocks (the runs between two
/// [`Block::NewSheet`]), so that a preview can lay out a few sheets of a long document
/// ([`sheet`]) without the rest; a document with nothing in it is one empty sheet.
pub fn sheet_ranges(document: &Document) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for (index, block) in document.blocks.iter().enumerate() {
        if matches!(block, Block::NewSheet) {
            if index > start {
                ranges.push(start..index);
            }
            start = index + 1;
        }
    }
    if document.blocks.len() > start {
        ranges.push(start..document.blocks.len());
    }
    if ranges.is_empty() {
        ranges.push(0..0);
    }
    ranges
}

/// The pages of one sheet of `document` (a range from [`sheet_ranges`]), the same as
/// [`sheet_pages`] gives for it.
pub fn sheet(document: &Document, sheet: std::ops::Range<usize>, paper: Paper, metrics: &dyn Metrics) -> Vec<Page> {
    layout_sheet(document, &document.blocks[sheet], paper, metrics)
}

/// Lays one sheet of `document` (`blocks`, with no [`Block::NewSheet`] among them) out on `paper`.
fn layout_sheet(document: &Document, blocks: &[Block], paper: Paper, metrics: &dyn Metrics) -> Vec<Page> {
    let footer_room = if document.footer.is_some() { Mm(8.0) } else { Mm(0.0) };
    let mut flow = Flow { paper, metrics, pages: Vec::new(), sheets: vec![0], y: paper.margin, footer_room, running_head: None };
    flow.new_page();
    for block in blocks {
        match block {
            Block::Title { text, size_pt } => {
                flow.paragraph(text, *size_pt, Align::Center, true);
                flow.y = flow.y + Mm(2.0);
            }
            Block::Paragraph { text, size_pt, align } => flow.paragraph(text, *size_pt, *align, false),
            Block::Heading { text, size_pt } => {
                if flow.y + Mm(3.0) + line_height(*size_pt) + KEEP_WITH_NEXT > flow.bottom() {
                    flow.new_page();
                } else {
                    flow.y = flow.y + Mm(3.0);
                }
                flow.paragraph(text, *size_pt, Align::Left, true);
                flow.y = flow.y + Mm(1.0);
            }
            Block::Grid(grid) => flow.grid(grid),
            Block::Spacer(space) => flow.y = flow.y + *space,
            Block::Bars { rows, size_pt } => flow.bars(rows, *size_pt),
            Block::Radar { labels, series, max, size_pt } => flow.radar(labels, series, *max, *size_pt),
            Block::Form(form) => flow.form(form),
            Block::NewSheet => {
                flow.running_head = None;
                if !flow.page().items.is_empty() {
                    flow.new_page();
                    flow.sheets.push(flow.pages.len() - 1);
                }
            }
        }
    }
    if let Some(footer) = &document.footer {
        let mut starts = flow.sheets.clone();
        starts.push(flow.pages.len());
        for window in starts.windows(2) {
            let (first, end) = (window[0], window[1]);
            for index in first..end {
                let text = footer.replace("{page}", &(index - first + 1).to_string()).replace("{pages}", &(end - first).to_string());
                let size = 9.0;
                let width = flow.measure(&text, size);
                let x = paper.left(index - first) + Mm((paper.text_width().0 - width.0) / 2.0);
                let y = paper.height - paper.margin + Mm(2.0);
                flow.pages[index].items.push(Item::Text { x, y, size_pt: size, bold: false, text });
            }
        }
    }
    if paper.duplex {
        return with_blank_backs(flow.pages, &flow.sheets);
    }
    flow.pages
}

/// Adds a blank page after every sheet with an odd number of pages, so that printed on both
/// sides each sheet starts on a leaf of its own.
fn with_blank_backs(pages: Vec<Page>, sheets: &[usize]) -> Vec<Page> {
    let mut ends: Vec<usize> = sheets.iter().skip(1).copied().collect();
    ends.push(pages.len());
    let mut starts = sheets.iter().copied();
    let mut start = starts.next().unwrap_or(0);
    let mut out = Vec::with_capacity(pages.len() + sheets.len());
    for (index, page) in pages.into_iter().enumerate() {
        out.push(page);
        if ends.contains(&(index + 1)) {
            if (index + 1 - start) % 2 == 1 {
                out.push(Page::default());
            }
            start = starts.next().unwrap_or(index + 1);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Han 1 em, everything else half an em.
    struct Simple;

    impl Metrics for Simple {
        fn advance(&self, c: char) -> f32 {
            if c.is_ascii() { 0.5 } else { 1.0 }
        }
    }

    fn all_text(pages: &[Page]) -> String {
        pages.iter().map(Page::text).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn a_long_cell_continues_on_the_next_page_with_the_header_repeated() {
        let body = "德能勤績廉".repeat(600);
        let grid = Grid {
            columns: vec![1.0, 4.0],
            header: Some(vec![Cell::label("項目"), Cell::label("內容")]),
            rows: vec![(vec![Cell::label("個人總結"), Cell::new(body.clone())], Mm(60.0))],
            size_pt: 11.0,
        };
        let document =
            Document { title: "t".into(), blocks: vec![Block::Grid(grid)], footer: Some("第 {page} 頁 / 共 {pages} 頁".into()) };
        let pages = layout(&document, A4, &Simple);
        assert!(pages.len() >= 2, "{} pages", pages.len());
        for page in &pages {
            assert!(page.text().starts_with("項目\n內容"), "header repeated on every page");
        }
        let kept: String = all_text(&pages).chars().filter(|c| "德能勤績廉".contains(*c)).collect();
        assert_eq!(kept, body, "no character lost");
        assert!(pages[1].text().contains(&format!("第 2 頁 / 共 {} 頁", pages.len())));
        for page in &pages {
            for item in &page.items {
                if let Item::Text { y, .. } = item {
                    assert!(y.0 <= A4.height.0 - A4.margin.0 + 5.0, "text inside the page: {y:?}");
                }
            }
        }
    }

    #[test]
    fn a_sheet_laid_out_alone_is_the_same_as_in_its_document() {
        let para = |t: &str| Block::Paragraph { text: t.into(), size_pt: 11.0, align: Align::Left };
        let long = "考核".repeat(3000);
        let blocks =
            vec![Block::NewSheet, para("甲"), Block::NewSheet, Block::NewSheet, para(&long), para("乙"), Block::NewSheet, para("丙")];
        let document = Document { title: "t".into(), blocks, footer: Some("第{page}頁，共{pages}頁".into()) };
        let ranges = sheet_ranges(&document);
        assert_eq!(ranges, vec![1..2, 4..6, 7..8], "empty runs between breaks are no sheet");
        let whole: Vec<Vec<Page>> = sheet_pages(&document, A4, &Simple).collect();
        let alone: Vec<Vec<Page>> = ranges.iter().map(|r| sheet(&document, r.clone(), A4, &Simple)).collect();
        assert_eq!(alone, whole);
        assert!(alone[1].len() >= 2 && alone[1][1].text().contains(&format!("第2頁，共{}頁", alone[1].len())));
        let empty = Document { title: "t".into(), blocks: vec![Block::NewSheet], footer: None };
        assert_eq!(sheet_ranges(&empty), vec![0..0], "nothing in it is one empty sheet");
    }

    #[test]
    fn rows_that_fit_a_page_are_not_split() {
        let rows: Vec<(Vec<Cell>, Mm)> = (0..60).map(|i| (vec![Cell::new(format!("第{i}行")), Cell::new("內容")], Mm(12.0))).collect();
        let grid = Grid { columns: vec![1.0, 1.0], header: None, rows, size_pt: 10.0 };
        let pages = layout(&Document { title: "t".into(), blocks: vec![Block::Grid(grid)], footer: None }, A4, &Simple);
        assert!(pages.len() >= 3);
        for i in 0..60 {
            let label = format!("第{i}行");
            assert_eq!(pages.iter().filter(|p| p.text().lines().any(|l| l == label)).count(), 1, "{label} on exactly one page");
        }
    }

    #[test]
    fn spans_cover_their_columns_and_sheets_restart_numbering() {
        let grid = Grid {
            columns: vec![1.0, 1.0, 1.0, 1.0],
            header: None,
            rows: vec![(vec![Cell::label("姓名"), Cell::new("張偉").span(3)], Mm(0.0))],
            size_pt: 10.0,
        };
        let document = Document {
            title: "t".into(),
            blocks: vec![Block::Grid(grid.clone()), Block::NewSheet, Block::Grid(grid)],
            footer: Some("{page}/{pages}".into()),
        };
        let pages = layout(&document, A4, &Simple);
        assert_eq!(pages.len(), 2);
        assert!(pages[0].text().ends_with("1/1") && pages[1].text().ends_with("1/1"));
        let widest = pages[0].items.iter().filter_map(|i| match i {
            Item::Line { from, to, .. } if from.1 == to.1 => Some(to.0.0 - from.0.0),
            _ => None,
        });
        assert!(widest.fold(0.0, f32::max) > 164.0, "the row spans the text width");
    }

    #[test]
    fn a_cell_over_rows_is_one_box_beside_them_and_a_picture_fits_it_unstretched() {
        let picture = std::sync::Arc::new(Picture { width: 30, height: 40, rgb: vec![0; 30 * 40 * 3] });
        let rows = vec![
            (vec![Cell::label("甲"), Cell::new("一"), Cell::label("照片").rows(3).picture(Some(picture))], Mm(10.0)),
            (vec![Cell::label("乙").rows(2), Cell::new("二")], Mm(10.0)),
            (vec![Cell::new("三")], Mm(10.0)),
            (vec![Cell::label("丁"), Cell::new("四").span(2)], Mm(10.0)),
        ];
        let grid = Grid { columns: vec![1.0, 2.0, 1.0], header: None, rows, size_pt: 10.0 };
        let pages = layout(&Document { title: "t".into(), blocks: vec![Block::Grid(grid)], footer: None }, A4, &Simple);
        assert_eq!(pages.len(), 1);
        let text = pages[0].text();
        assert!(!text.contains("照片"), "the picture in place of its label");
        // The columns: 25–80, 80–190 split at 135 (shares 1, 2, 1 of 165 mm).
        let (top, third) = (A4.margin.0, A4.margin.0 + 30.0);
        let image = pages[0].items.iter().find_map(|i| match i {
            Item::Image { x, y, width, height, .. } => Some((x.0, y.0, width.0, height.0)),
            _ => None,
        });
        let (x, y, width, height) = image.expect("the picture placed");
        assert!(x >= 148.75 - 0.01 && x + width <= 190.0 + 0.01 && y >= top && y + height <= third + 0.01, "{x} {y} {width} {height}");
        assert!((width / height - 0.75).abs() < 1e-3, "never stretched");
        // No rule crosses the picture's column between its rows, nor 乙's between its two.
        let crossing = |x: f32, y: f32| {
            pages[0].items.iter().any(|i| {
                matches!(i, Item::Line { from, to, .. }
                if (from.1.0 - y).abs() < 0.01 && (to.1.0 - y).abs() < 0.01 && from.0.0 < x && to.0.0 > x)
            })
        };
        for y in [top + 10.0, top + 20.0] {
            assert!(!crossing(170.0, y), "inside the picture's box at {y}");
            assert!(crossing(100.0, y), "the middle column's rows are ruled at {y}");
        }
        assert!(!crossing(50.0, top + 20.0) && crossing(50.0, top + 10.0), "乙 covers two rows");
        assert!(crossing(170.0, third) && crossing(50.0, third + 10.0), "the boxes close under their last rows");
        let y_of = |s: &str| {
            pages[0].items.iter().find_map(|i| match i {
                Item::Text { text, y, .. } if text == s => Some(y.0),
                _ => None,
            })
        };
        let centre = y_of("乙").unwrap();
        assert!(centre > top + 10.0 && centre < top + 30.0, "乙 centred over its rows: {centre}");
        assert!(y_of("四").unwrap() > third, "the row after the covered ones below them");
    }

    #[test]
    fn titles_are_centred() {
        let document =
            Document {
                title: "t".into(), blocks: vec![Block::Title { text: "公務員年度考核登記表".into(), size_pt: 18.0 }], footer: None
            };
        let pages = layout(&document, A4, &Simple);
        let Item::Text { x, .. } = &pages[0].items[0] else { panic!() };
        let width = 10.0 * 18.0 * MM_PER_PT;
        assert!((x.0 - (25.0 + (165.0 - width) / 2.0)).abs() < 0.1, "centred between the binding and the outer margin");
    }

    fn lefts(pages: &[Page]) -> Vec<f32> {
        pages
            .iter()
            .map(|p| p.items.iter().filter_map(|i| if let Item::Text { x, .. } = i { Some(x.0) } else { None }).fold(f32::MAX, f32::min))
            .collect()
    }

    #[test]
    fn the_bound_edge_has_25_mm_and_duplex_mirrors_it_and_gives_odd_sheets_a_blank_back() {
        let text = "德能勤績廉".repeat(400);
        let blocks = vec![
            Block::Paragraph { text: text.clone(), size_pt: 11.0, align: Align::Left },
            Block::NewSheet,
            Block::Paragraph { text: "二".into(), size_pt: 11.0, align: Align::Left },
        ];
        let document = Document { title: "t".into(), blocks, footer: None };
        let single = layout(&document, A4, &Simple);
        assert_eq!(single.len(), 3, "two pages of text, then the second sheet");
        assert!(lefts(&single).iter().all(|x| (x - 25.0).abs() < 0.01), "{:?}", lefts(&single));
        let duplex = layout(&document, A4.with_duplex(true), &Simple);
        assert_eq!(duplex.len(), 4, "the second sheet's one page gets a blank back");
        let left = lefts(&duplex);
        assert!((left[0] - 25.0).abs() < 0.01 && (left[1] - 20.0).abs() < 0.01 && (left[2] - 25.0).abs() < 0.01, "{left:?}");
        assert!(duplex[3].items.is_empty(), "the blank back");
        for page in &duplex {
            for item in &page.items {
                if let Item::Text { x, text, .. } = item {
                    let right = x.0 + text.chars().count() as f32 * 11.0 * MM_PER_PT;
                    assert!(right <= 210.0 - 20.0 + 0.01, "inside the outer margin: {right}");
                }
            }
        }
    }

    #[test]
    fn a_heading_never_stands_alone_at_a_pages_foot() {
        for lines in 40..52 {
            let mut blocks: Vec<Block> =
                (0..lines).map(|i| Block::Paragraph { text: format!("第{i}行"), size_pt: 11.0, align: Align::Left }).collect();
            blocks.push(Block::Heading { text: "全局合計".into(), size_pt: 13.0 });
            blocks.push(Block::Paragraph { text: "內容".into(), size_pt: 11.0, align: Align::Left });
            let pages = layout(&Document { title: "t".into(), blocks, footer: None }, A4, &Simple);
            let home = pages.iter().position(|p| p.text().contains("全局合計")).unwrap();
            assert!(pages[home].text().contains("內容"), "{lines} lines: the heading is on the page of what follows it");
        }
    }
}
