//! The layout of a form of fixed boxes, as the 公務員年度考核登記表 is printed: page 1 with the
//! title, the year, the header grid and the tall box (個人總結) filling the rest of the page;
//! page 2 with the opinion boxes in order, each holding its signature lines at its bottom right,
//! then the bureau's own rows (or a table) and any boxes after it; and continuation pages (續頁 n) for a text longer than its box,
//! each headed with the form's title and a line naming whose form it is. Signature lines are
//! drawn only at the end of their box's text and inside that box, so nothing can separate
//! them from it; every page after the first carries the running head.

use super::{Align, BORDER_PT, Flow, Grid, Item, Mm, PAD, Paper, line_height};

/// One box of a form: its label in the left column and its text beside it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormBox {
    pub label: String,
    pub text: String,
    /// The least height the box takes (its size on the blank form).
    pub min_height: Mm,
    /// Its share of the page's spare height.
    pub grow: f32,
    /// Lines at the box's bottom right, inside it: the seal's place, 簽名 and 年 月 日.
    pub sign: Vec<String>,
    /// A small line under them: who signed in the program and when (never on the signature line).
    pub note: Option<String>,
}

/// A form: page 1 (title, year, header grid, the tall box), page 2 (the other boxes and an
/// appendix), and continuation pages for the tall box's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    pub title: String,
    pub year: String,
    pub head: Grid,
    /// The box that fills page 1 and goes on to continuation pages when its text is longer.
    pub summary: FormBox,
    /// Page 2's boxes in the form's order.
    pub boxes: Vec<FormBox>,
    /// A heading and a grid after the boxes (the bureau's own rows, or a table of people).
    pub appendix: Option<(String, Grid)>,
    /// Boxes after the appendix, in order (the approving bodies' opinions).
    pub tail: Vec<FormBox>,
    /// Names the form's subject at the top of every page after the first.
    pub running_head: String,
    /// A continuation page's title line, `{0}` its number.
    pub continued: String,
    /// The tall box's label on a continuation page.
    pub continued_label: String,
    /// At the foot of a box whose text goes on on a continuation page…
    pub turn_over: String,
    /// …or on the next page.
    pub next_page: String,
    pub size_pt: f32,
}

/// The size of the line recording who signed in the program.
const NOTE_PT: f32 = 7.5;
/// The title's size on page 1 and on continuation pages.
const TITLE_PT: f32 = 20.0;
const CONTINUED_TITLE_PT: f32 = 16.0;
/// Space between the last box and the appendix's heading.
const APPENDIX_GAP: Mm = Mm(2.0);

/// Where a box goes and what it holds on one page.
struct Placed<'a> {
    label: &'a str,
    lines: &'a [String],
    top: Mm,
    height: Mm,
    /// Signature lines and note (the box's end), or a line saying the text goes on.
    foot: Foot<'a>,
}

enum Foot<'a> {
    Sign(&'a FormBox),
    Goes(&'a str),
}

impl Flow<'_> {
    fn label_width(&self, form: &Form) -> Mm {
        let total: f32 = form.head.columns.iter().sum::<f32>().max(f32::EPSILON);
        let first = form.head.columns.first().copied().unwrap_or(total / 6.0);
        Mm(self.text_width().0 * first / total)
    }

    /// The width a box's text wraps to.
    fn box_text_width(&self, form: &Form) -> Mm {
        self.text_width() - self.label_width(form) - PAD - PAD
    }

    /// The height of a box's foot: its signature lines and note, or the line saying it goes on.
    fn foot_height(&self, foot: &Foot<'_>, size_pt: f32) -> Mm {
        match foot {
            Foot::Sign(b) => {
                let note = if b.note.is_some() { line_height(NOTE_PT) } else { Mm(0.0) };
                Mm(line_height(size_pt).0 * b.sign.len() as f32) + note + Mm(if b.sign.is_empty() { 0.0 } else { 2.0 })
            }
            Foot::Goes(_) => line_height(size_pt),
        }
    }

    /// How many text lines a box of `height` holds above `foot`.
    fn capacity(&self, height: Mm, foot: &Foot<'_>, size_pt: f32) -> usize {
        let room = height - PAD - PAD - self.foot_height(foot, size_pt);
        (room.0 / line_height(size_pt).0).floor().max(0.0) as usize
    }

    /// The height a box needs for all its text, its label and its foot (at least its minimum).
    fn box_height(&self, form: &Form, b: &FormBox, lines: usize) -> Mm {
        let lh = line_height(form.size_pt);
        let text = Mm(lh.0 * lines as f32) + PAD + PAD + self.foot_height(&Foot::Sign(b), form.size_pt);
        let label_lines = self.wrap(&b.label, self.label_width(form) - PAD - PAD, form.size_pt).len();
        let label = Mm(lh.0 * label_lines as f32) + PAD + PAD;
        [text, label, b.min_height].into_iter().fold(Mm(0.0), |a, b| if b > a { b } else { a })
    }

    /// Draws one box: its border, the label centred in its column, the text from the top and
    /// the foot at the bottom right.
    fn draw_box(&mut self, form: &Form, placed: &Placed<'_>) {
        let size = form.size_pt;
        let lh = line_height(size);
        let left = self.left();
        let right = left + self.text_width();
        let split = left + self.label_width(form);
        let (top, bottom) = (placed.top, placed.top + placed.height);
        let page = self.page();
        for (from, to) in [
            ((left, top), (right, top)),
            ((left, bottom), (right, bottom)),
            ((left, top), (left, bottom)),
            ((right, top), (right, bottom)),
            ((split, top), (split, bottom)),
        ] {
            page.items.push(Item::Line { from, to, width_pt: BORDER_PT, grey: 0.0 });
        }
        let label_width = split - left;
        let label = self.wrap(placed.label, label_width - PAD - PAD, size);
        self.y = top + Mm(((placed.height.0 - lh.0 * label.len() as f32) / 2.0).max(PAD.0));
        for line in label {
            self.place_line(line, left + PAD, label_width - PAD - PAD, Align::Center, size, true);
            self.y = self.y + lh;
        }
        let (x, width) = (split + PAD, right - split - PAD - PAD);
        self.y = top + PAD;
        for line in placed.lines {
            self.place_line(line.clone(), x, width, Align::Left, size, false);
            self.y = self.y + lh;
        }
        self.y = bottom - PAD - self.foot_height(&placed.foot, size);
        match &placed.foot {
            Foot::Sign(b) => {
                for line in &b.sign {
                    self.place_line(line.clone(), x, width, Align::Right, size, false);
                    self.y = self.y + lh;
                }
                if let Some(note) = &b.note {
                    self.place_line(note.clone(), x, width, Align::Right, NOTE_PT, false);
                }
            }
            Foot::Goes(text) => self.place_line((*text).to_owned(), x, width, Align::Right, size, false),
        }
        self.y = bottom;
    }

    /// Lays out `form`: page 1, page 2, then the continuation pages of the tall box's text.
    pub(super) fn form(&mut self, form: &Form) {
        let size = form.size_pt;
        self.paragraph(&form.title, TITLE_PT, Align::Center, true);
        self.y = self.y + Mm(1.0);
        self.paragraph(&form.year, 12.0, Align::Center, false);
        self.y = self.y + Mm(2.0);
        self.grid(&form.head);
        let lines = self.wrap(&form.summary.text, self.box_text_width(form), size);
        let rest = self.tall_box(form, &form.summary.label, &lines, false);
        self.running_head = Some(form.running_head.clone());
        self.new_page();
        self.boxes_page(form);
        let mut rest = rest;
        let mut number = 1;
        while !rest.is_empty() {
            self.running_head = None;
            self.new_page();
            self.paragraph(&form.title, CONTINUED_TITLE_PT, Align::Center, true);
            self.y = self.y + Mm(1.0);
            let head = format!("{}\u{3000}{}", form.running_head, form.continued.replace("{0}", &number.to_string()));
            self.head_line(&head);
            rest = self.tall_box(form, &form.continued_label, &rest, true);
            number += 1;
        }
        self.running_head = Some(form.running_head.clone());
    }

    /// The tall box from here to the page's foot, holding as many of `lines` as fit; returns
    /// the lines left for a continuation page.
    fn tall_box(&mut self, form: &Form, label: &str, lines: &[String], continued: bool) -> Vec<String> {
        let size = form.size_pt;
        let height = self.bottom() - self.y;
        let sign = Foot::Sign(&form.summary);
        let (shown, foot) = if lines.len() <= self.capacity(height, &sign, size) {
            (lines.len(), sign)
        } else {
            let goes = Foot::Goes(&form.turn_over);
            // A continuation page always takes at least one line, so a long text ends.
            (self.capacity(height, &goes, size).max(usize::from(continued)).min(lines.len()), goes)
        };
        let top = self.y;
        self.draw_box(form, &Placed { label, lines: &lines[..shown], top, height, foot });
        lines[shown..].to_vec()
    }

    /// Page 2: the boxes in order, sized to fill the page when they all fit (each at least its
    /// blank size), otherwise each moved whole to the next page (a box taller than a page goes
    /// on there, its signature lines at its end); then the appendix.
    fn boxes_page(&mut self, form: &Form) {
        let size = form.size_pt;
        let width = self.box_text_width(form);
        let all: Vec<&FormBox> = form.boxes.iter().chain(&form.tail).collect();
        let texts: Vec<Vec<String>> = all.iter().map(|b| self.wrap(&b.text, width, size)).collect();
        let heights: Vec<Mm> = all.iter().zip(&texts).map(|(b, t)| self.box_height(form, b, t.len())).collect();
        let appendix = form.appendix.as_ref().map_or(Mm(0.0), |(_, grid)| self.appendix_height(grid));
        let room = self.bottom() - self.y;
        let used = heights.iter().fold(appendix, |a, h| a + *h);
        let grow: f32 = all.iter().map(|b| b.grow).sum();
        // Half a millimetre kept back, so rounding never pushes the last row over the foot.
        let spare = if used + Mm(0.5) <= room && grow > 0.0 { room - used - Mm(0.5) } else { Mm(0.0) };
        let placed: Vec<(&FormBox, &Vec<String>, Mm)> = all
            .iter()
            .zip(&texts)
            .zip(heights)
            .map(|((b, lines), height)| (*b, lines, height + Mm(spare.0 * b.grow / grow.max(f32::EPSILON))))
            .collect();
        let (before, after) = placed.split_at(form.boxes.len());
        for (b, lines, height) in before {
            self.whole_box(form, b, lines, *height);
        }
        if let Some((heading, grid)) = &form.appendix {
            if self.y + self.appendix_height(grid) > self.bottom() + Mm(0.01) {
                self.new_page();
            }
            self.y = self.y + APPENDIX_GAP;
            self.paragraph(heading, grid.size_pt, Align::Left, true);
            self.y = self.y + Mm(0.5);
            self.grid(grid);
        }
        for (b, lines, height) in after {
            self.whole_box(form, b, lines, *height);
        }
    }

    /// A box of `height` with all of `lines`: on this page when it fits, else on the next; a box
    /// taller than a page goes on over pages, its foot with its last lines.
    fn whole_box(&mut self, form: &Form, b: &FormBox, lines: &[String], height: Mm) {
        let size = form.size_pt;
        if self.y + height > self.bottom() + Mm(0.01) {
            self.new_page();
        }
        let mut lines = lines;
        loop {
            let top = self.y;
            let room = self.bottom() - top;
            if height <= room + Mm(0.01) || lines.len() <= self.capacity(room, &Foot::Sign(b), size) {
                let height = if height <= room { height } else { room };
                return self.draw_box(form, &Placed { label: &b.label, lines, top, height, foot: Foot::Sign(b) });
            }
            let goes = Foot::Goes(&form.next_page);
            let shown = self.capacity(room, &goes, size).clamp(1, lines.len());
            self.draw_box(form, &Placed { label: &b.label, lines: &lines[..shown], top, height: room, foot: goes });
            lines = &lines[shown..];
            self.new_page();
        }
    }

    /// The height of the appendix: its heading and its grid as laid out on an endless page.
    fn appendix_height(&self, grid: &Grid) -> Mm {
        let paper = Paper { height: Mm(100_000.0), ..self.paper };
        let mut scratch =
            Flow { paper, metrics: self.metrics, pages: Vec::new(), sheets: vec![0], y: Mm(0.0), footer_room: Mm(0.0), running_head: None };
        scratch.new_page();
        scratch.y = Mm(0.0);
        scratch.grid(grid);
        APPENDIX_GAP + line_height(grid.size_pt.max(1.0)) + Mm(0.5) + scratch.y
    }
}
