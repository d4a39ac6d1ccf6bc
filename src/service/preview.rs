//! What the print preview shows, a window of sheets at a time: a printout made whole is kept as
//! its blocks and laid out a few sheets at a time; the year-end forms, which run to thousands, are
//! kept as staff numbers and each window reads only its own officials. Nothing holds the whole
//! document's pages, so a preview of the whole bureau costs what its first window costs.

use super::Service;
use super::printing::{self, Printout, YearEndBatch, YearEndSheets};
use crate::domain::Lang;
use crate::report::layout::{self, Document, Page, Paper};
use std::ops::Range;
use std::sync::Arc;

/// Sheets laid out at a time: a few screens of pages, and every form of a small print at once.
pub const WINDOW_SHEETS: usize = 10;

/// A printout ready to preview: its title, paper and language, and where its sheets come from.
#[derive(Clone, Debug)]
pub struct Preview {
    pub title: String,
    pub paper: Paper,
    /// The language it is printed in.
    pub lang: Lang,
    pub sheets: Sheets,
}

/// Where a preview's sheets come from.
#[derive(Clone, Debug)]
pub enum Sheets {
    /// A document made whole, and where each of its sheets lies among its blocks.
    Made { document: Arc<Document>, ranges: Vec<Range<usize>> },
    /// The year-end forms asked for, and the staff numbers they resolve to, in print order.
    YearEnd { asked: YearEndSheets, staff: Vec<String> },
}

impl Preview {
    /// How many sheets the whole printout has.
    pub fn len(&self) -> usize {
        match &self.sheets {
            Sheets::Made { ranges, .. } => ranges.len(),
            Sheets::YearEnd { staff, .. } => staff.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sheets of the window starting at sheet `first` (at most [`WINDOW_SHEETS`] of them).
    pub fn window(&self, first: usize) -> Range<usize> {
        let first = first.min(self.len().saturating_sub(1));
        first..(first + WINDOW_SHEETS).min(self.len())
    }

    /// Whether one window holds every sheet.
    pub fn whole(&self) -> bool {
        self.len() <= WINDOW_SHEETS
    }

    /// The pages of the window starting at sheet `first`, laid out now: a made document's sheets
    /// from its blocks, the year-end forms read for the window's officials alone.
    pub fn pages(&self, service: &Service, first: usize) -> super::Result<Vec<Page>> {
        let window = self.window(first);
        let metrics = crate::report::metrics::for_lang(self.lang);
        match &self.sheets {
            Sheets::Made { document, ranges } => {
                Ok(ranges[window].iter().flat_map(|sheet| layout::sheet(document, sheet.clone(), self.paper, metrics)).collect())
            }
            Sheets::YearEnd { asked, staff } => {
                let batch = YearEndBatch::read(service, asked.year, printing::Scope::All, &staff[window], self.lang)?;
                Ok(layout::layout(&batch.document(), self.paper, metrics))
            }
        }
    }
}

/// Makes `printout` ready to preview in `lang`, as the account logged in may see it: `None` where
/// [`printing::document`] makes nothing. The year-end forms are only counted here; each window
/// reads its own.
pub fn preview(service: &Service, printout: &Printout, lang: Lang) -> super::Result<Option<Preview>> {
    let paper = printout.paper();
    if let Printout::YearEndSheets(asked) = printout {
        service.require_read(printing::sight(service, printout)?)?;
        let staff = printing::yearend_staff(service, asked)?;
        let title = printing::yearend_title(service, lang)?;
        let sheets = Sheets::YearEnd { asked: asked.clone(), staff };
        return Ok(Some(Preview { title, paper, lang, sheets }));
    }
    let Some(document) = printing::document(service, printout, lang)? else { return Ok(None) };
    let ranges = if document.blocks.is_empty() { Vec::new() } else { layout::sheet_ranges(&document) };
    Ok(Some(Preview { title: document.title.clone(), paper, lang, sheets: Sheets::Made { document: Arc::new(document), ranges } }))
}
