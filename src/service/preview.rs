//! What the print preview shows, a window of sheets at a time: a printout of a sheet per person
//! (the year-end forms, capability reports, 能力席位書) is kept as the people it covers and each
//! window is made for its own people alone; any other printout is made whole and its sheets laid
//! out a window at a time. No preview holds the whole printout's pages, and one of the whole
//! bureau's forms costs what its first window costs.

use super::Service;
use super::printing::{self, Printout};
use crate::domain::{Lang, OfficialId};
use crate::report::layout::{self, Document, Page, Paper};
use std::ops::Range;
use std::sync::Arc;

/// Sheets laid out at a time: a few screens of pages, and every sheet of a small print at once.
pub const WINDOW_SHEETS: usize = 10;

/// A printout ready to preview: its title, paper and language, and where its sheets come from.
#[derive(Clone, Debug)]
pub struct Preview {
    pub printout: Printout,
    pub title: String,
    pub paper: Paper,
    /// The language it is printed in.
    pub lang: Lang,
    pub sheets: Sheets,
}

/// Where a preview's sheets come from.
#[derive(Clone, Debug)]
pub enum Sheets {
    /// The people a printout of a sheet per person covers, in print order.
    People(Arc<Vec<OfficialId>>),
    /// A document made whole, and where each of its sheets lies among its blocks.
    Made { document: Arc<Document>, ranges: Vec<Range<usize>> },
}

impl Preview {
    /// How many sheets the whole printout has.
    pub fn len(&self) -> usize {
        match &self.sheets {
            Sheets::People(people) => people.len(),
            Sheets::Made { ranges, .. } => ranges.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The sheets of the window starting at sheet `first` (at most [`WINDOW_SHEETS`] of them;
    /// past the end, the last one).
    pub fn window(&self, first: usize) -> Range<usize> {
        let first = first.min(self.len().saturating_sub(1));
        first..(first + WINDOW_SHEETS).min(self.len())
    }

    /// Whether one window holds every sheet.
    pub fn whole(&self) -> bool {
        self.len() <= WINDOW_SHEETS
    }

    /// The pages of the window starting at sheet `first`, laid out now: made for the window's
    /// people alone, or laid out from the made document's blocks.
    pub fn pages(&self, service: &Service, first: usize) -> super::Result<Vec<Page>> {
        let window = self.window(first);
        let metrics = crate::report::metrics::for_lang(self.lang);
        match &self.sheets {
            Sheets::People(people) => {
                let document = printing::document_for(service, &self.printout, &people[window], self.lang)?;
                Ok(layout::layout(&document, self.paper, metrics))
            }
            Sheets::Made { document, ranges } => {
                Ok(ranges[window].iter().flat_map(|sheet| layout::sheet(document, sheet.clone(), self.paper, metrics)).collect())
            }
        }
    }
}

/// Makes `printout` ready to preview in `lang`, as the account logged in may see it: `None` where
/// [`printing::document`] makes nothing. A printout of a sheet per person is only counted here.
pub fn preview(service: &Service, printout: &Printout, lang: Lang) -> super::Result<Option<Preview>> {
    let paper = printout.paper();
    let printout = printout.clone();
    if let Some(people) = printing::people(service, &printout)? {
        let title = printing::document_for(service, &printout, &[], lang)?.title;
        return Ok(Some(Preview { printout, title, paper, lang, sheets: Sheets::People(Arc::new(people)) }));
    }
    let Some(document) = printing::document(service, &printout, lang)? else { return Ok(None) };
    let ranges = if document.blocks.is_empty() { Vec::new() } else { layout::sheet_ranges(&document) };
    let title = document.title.clone();
    Ok(Some(Preview { printout, title, paper, lang, sheets: Sheets::Made { document: Arc::new(document), ranges } }))
}

/// People made into one document at a time by [`save_pdf`]: few enough to be read person by
/// person, enough that each document's own reads cost little.
const BATCH: usize = 50;

/// Writes the whole of `preview` into the PDF at `dest` a part at a time, so that memory stays
/// flat however long it is: a printout of a sheet per person made a batch of people at a time, a
/// made document a sheet at a time. `progress(sheets done)` may stop it. A stop or a failure
/// leaves no file (nor a partial one). Returns the pages written.
pub fn save_pdf(
    service: &Service,
    preview: &Preview,
    dest: &std::path::Path,
    progress: &mut dyn FnMut(usize) -> bool,
) -> super::Result<usize> {
    let total = preview.len();
    let (paper, lang) = (preview.paper, preview.lang);
    match &preview.sheets {
        Sheets::People(people) => {
            // A batch that cannot be made stops the print and is the error returned: an empty
            // document stands in for it, and the progress asked after it says stop.
            let failed = std::cell::RefCell::new(None);
            let documents = people.chunks(BATCH).map(|batch| {
                printing::document_for(service, &preview.printout, batch, lang).unwrap_or_else(|e| {
                    failed.replace(Some(e));
                    Document::default()
                })
            });
            let mut checked = |done: usize| failed.borrow().is_none() && progress((done * BATCH).min(total));
            let written = crate::report::write_pdf_file(dest, &preview.title, documents, paper, lang, &mut checked);
            match failed.into_inner() {
                Some(e) => Err(e),
                None => Ok(written?),
            }
        }
        Sheets::Made { document, ranges } => {
            // Each sheet a document of its own: laid out alone, its pages are the same.
            let sheets = ranges.iter().map(|sheet| Document {
                title: document.title.clone(),
                blocks: document.blocks[sheet.clone()].to_vec(),
                footer: document.footer.clone(),
            });
            Ok(crate::report::write_pdf_file(dest, &preview.title, sheets, paper, lang, progress)?)
        }
    }
}
