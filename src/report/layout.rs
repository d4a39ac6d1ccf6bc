//! Pure page layout in millimetres: titles, paragraphs and bordered grids (with column spans
//! and tall cells) flowed onto A4 pages. A grid row that does not fit moves to the next page
//! with the grid's header repeated; a row taller than a page continues its text there, so no
//! character is ever cut. The result is a list of positioned texts and lines that `pdf.rs`
//! paints with printpdf and the in-app preview paints with egui.

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

/// One cell of a grid row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    pub text: String,
    /// How many grid columns the cell covers (at least 1).
    pub span: usize,
    pub bold: bool,
    pub align: Align,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), span: 1, ..Default::default() }
    }

    pub fn label(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), span: 1, bold: true, align: Align::Center }
    }

    pub fn span(mut self, span: usize) -> Cell {
        self.span = span.max(1);
        self
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
    /// Starts a new sheet on a new page; page numbers in the footer restart.
    NewSheet,
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
                Item::Line { .. } | Item::Rect { .. } | Item::Triangle { .. } => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The paper.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paper {
    pub width: Mm,
    pub height: Mm,
    pub margin: Mm,
}

/// A4 portrait with 20 mm margins.
pub const A4: Paper = Paper { width: Mm(210.0), height: Mm(297.0), margin: Mm(20.0) };

/// 16K (185 × 260 mm), the other size personnel forms are printed on.
pub const K16: Paper = Paper { width: Mm(185.0), height: Mm(260.0), margin: Mm(15.0) };

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
}

impl<'m> Flow<'m> {
    fn bottom(&self) -> Mm {
        self.paper.height - self.paper.margin - Mm(8.0)
    }

    fn text_width(&self) -> Mm {
        self.paper.width - self.paper.margin - self.paper.margin
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.y = self.paper.margin;
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
            let margin = self.paper.margin;
            let width = self.text_width();
            self.place_line(line, margin, width, align, size_pt, bold);
            self.y = self.y + height;
        }
    }

    /// The x of each column edge.
    fn edges(&self, grid: &Grid) -> Vec<Mm> {
        let total: f32 = grid.columns.iter().sum::<f32>().max(f32::EPSILON);
        let mut x = self.paper.margin;
        let mut edges = vec![x];
        for share in &grid.columns {
            x = x + Mm(self.text_width().0 * share / total);
            edges.push(x);
        }
        edges
    }

    /// Each cell's x range, from its column and span.
    fn cell_boxes(edges: &[Mm], cells: &[Cell]) -> Vec<(Mm, Mm)> {
        let mut column = 0;
        let last = edges.len() - 1;
        cells
            .iter()
            .map(|cell| {
                let start = column.min(last);
                column += cell.span.max(1);
                (edges[start], edges[column.min(last)])
            })
            .collect()
    }

    /// Draws one row (or the part of it that fits) and returns the lines not yet drawn.
    fn row(
        &mut self,
        edges: &[Mm],
        cells: &[Cell],
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
        let boxes = Self::cell_boxes(edges, cells);
        let top = self.y;
        for ((cell, (x0, x1)), cell_lines) in cells.iter().zip(&boxes).zip(&lines) {
            self.y = top + PAD;
            for line in cell_lines.iter().take(drawn_lines) {
                self.place_line(line.clone(), *x0 + PAD, *x1 - *x0 - PAD - PAD, cell.align, size_pt, cell.bold);
                self.y = self.y + lh;
            }
        }
        let bottom = top + row_height;
        let page = self.page();
        for (x0, x1) in &boxes {
            page.items.push(Item::Line { from: (*x0, top), to: (*x0, bottom), width_pt: BORDER_PT, grey: 0.0 });
            page.items.push(Item::Line { from: (*x1, top), to: (*x1, bottom), width_pt: BORDER_PT, grey: 0.0 });
        }
        let left = edges[0];
        let right = edges[edges.len() - 1];
        page.items.push(Item::Line { from: (left, top), to: (right, top), width_pt: BORDER_PT, grey: 0.0 });
        page.items.push(Item::Line { from: (left, bottom), to: (right, bottom), width_pt: BORDER_PT, grey: 0.0 });
        self.y = bottom;
        rest
    }

    fn cell_lines(&self, edges: &[Mm], cells: &[Cell], size_pt: f32) -> Vec<Vec<String>> {
        Self::cell_boxes(edges, cells)
            .iter()
            .zip(cells)
            .map(|((x0, x1), cell)| self.wrap(&cell.text, *x1 - *x0 - PAD - PAD, size_pt))
            .collect()
    }

    fn bars(&mut self, rows: &[(String, f32, String)], size_pt: f32) {
        let height = line_height(size_pt) + Mm(2.0);
        let label_width = Mm(self.text_width().0 * 0.38);
        let bar_width = Mm(self.text_width().0 * 0.42);
        for (label, share, figure) in rows {
            if self.y + height > self.bottom() {
                self.new_page();
            }
            let margin = self.paper.margin;
            self.place_line(label.clone(), margin, label_width, Align::Left, size_pt, false);
            let x = margin + label_width;
            let bar_height = Mm(size_pt * MM_PER_PT);
            let top = self.y + Mm(0.5);
            let page = self.page();
            page.items.push(Item::Rect { x, y: top, width: bar_width, height: bar_height, grey: 0.9 });
            page.items.push(Item::Rect { x, y: top, width: Mm(bar_width.0 * share.clamp(0.0, 1.0)), height: bar_height, grey: 0.45 });
            self.place_line(figure.clone(), x + bar_width + Mm(3.0), Mm(30.0), Align::Left, size_pt, false);
            self.y = self.y + height;
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
        let centre = (self.paper.margin + Mm(self.text_width().0 / 2.0), self.y + label_room + radius);
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
            let margin = self.paper.margin;
            let x = margin + Mm(self.text_width().0 / 2.0 - 30.0);
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
        let header = grid.header.as_ref().map(|h| (h.clone(), self.cell_lines(&edges, h, size)));
        let draw_header = |flow: &mut Flow<'_>| {
            if let Some((cells, lines)) = &header {
                let _ = flow.row(&edges, cells, lines.clone(), Mm(0.0), size);
            }
        };
        if self.y + min_room + if header.is_some() { min_room } else { Mm(0.0) } > self.bottom() {
            self.new_page();
        }
        draw_header(self);
        for (cells, min_height) in &grid.rows {
            let mut lines = self.cell_lines(&edges, cells, size);
            let mut min_height = *min_height;
            let needed = Mm(lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh.0) + PAD + PAD;
            let height = if min_height > needed { min_height } else { needed };
            let page_room = self.bottom() - self.paper.margin;
            // A row that would fit on a fresh page does not start at the foot of this one.
            if self.y + height > self.bottom() && (height <= page_room || self.bottom() - self.y < min_room) {
                self.new_page();
                draw_header(self);
            }
            while let Some((rest, left_min)) = self.row(&edges, cells, lines, min_height, size) {
                if rest.iter().all(Vec::is_empty) && left_min <= Mm(0.0) {
                    break;
                }
                self.new_page();
                draw_header(self);
                lines = rest;
                min_height = left_min;
            }
        }
    }
}

/// Lays `document` out on `paper`.
pub fn layout(document: &Document, paper: Paper, metrics: &dyn Metrics) -> Vec<Page> {
    let mut flow = Flow { paper, metrics, pages: Vec::new(), sheets: vec![0], y: paper.margin };
    flow.new_page();
    for block in &document.blocks {
        match block {
            Block::Title { text, size_pt } => {
                flow.paragraph(text, *size_pt, Align::Center, true);
                flow.y = flow.y + Mm(2.0);
            }
            Block::Paragraph { text, size_pt, align } => flow.paragraph(text, *size_pt, *align, false),
            Block::Heading { text, size_pt } => {
                flow.y = flow.y + Mm(3.0);
                flow.paragraph(text, *size_pt, Align::Left, true);
                flow.y = flow.y + Mm(1.0);
            }
            Block::Grid(grid) => flow.grid(grid),
            Block::Spacer(space) => flow.y = flow.y + *space,
            Block::Bars { rows, size_pt } => flow.bars(rows, *size_pt),
            Block::Radar { labels, series, max, size_pt } => flow.radar(labels, series, *max, *size_pt),
            Block::NewSheet => {
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
                let x = Mm((paper.width.0 - width.0) / 2.0);
                let y = paper.height - paper.margin + Mm(2.0);
                flow.pages[index].items.push(Item::Text { x, y, size_pt: size, bold: false, text });
            }
        }
    }
    flow.pages
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
        assert!(widest.fold(0.0, f32::max) > 169.0, "the row spans the text width");
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
        assert!((x.0 - (210.0 - width) / 2.0).abs() < 0.1);
    }
}
