//! Speed and size of printing (layout, painting and font subsetting): one 能力席位書 as a
//! PDF, 1,000 of them in one PDF, the same for duty-statement sheets and the 公務員年度考核登記表,
//! the memory a print of 30,000 year-end forms takes beyond the data it prints, and the peak memory
//! of the whole bureau's capability reports (60,000 pages, made a batch of people at a time).
//! Run with `cargo bench --bench report`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

mod common;

use nengli::domain::Lang;
use nengli::report::layout::Document;
use nengli::report::{self, layout, metrics};
use nengli::service::command::YearEndCommand;
use nengli::service::printing::{self, Scope};
use nengli::service::{Service, seed};
use nengli::store::Store;
use std::time::Instant;

/// Prints as the command line does (laid out and painted a chunk at a time), into a counter.
fn print<D: std::borrow::Borrow<Document>>(title: &str, documents: impl IntoIterator<Item = D>) -> (usize, u64) {
    let (out, pages) = report::write_pdf(Counter(0), title, documents, layout::A4, Lang::Tc, &mut |_| true).expect("pdf");
    (pages, out.0)
}

fn render(document: &Document) -> (usize, u64) {
    print(&document.title, [document])
}

/// Counts the bytes of a PDF instead of keeping them.
struct Counter(u64);

impl std::io::Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len() as u64;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The first `count` sheets of a document (sheets are separated by `NewSheet`).
fn first_sheets(document: &Document, count: usize) -> Document {
    let mut sheets = 0;
    let blocks = document
        .blocks
        .iter()
        .take_while(|b| {
            if matches!(b, layout::Block::NewSheet) {
                sheets += 1;
            }
            sheets < count
        })
        .cloned()
        .collect();
    Document { blocks, ..document.clone() }
}

/// The median time of printing one sheet, in ms.
fn one_sheet_ms(one: &Document) -> f64 {
    let _warm = render(one);
    let mut samples: Vec<f64> = (0..20)
        .map(|_| {
            let started = Instant::now();
            let _ = render(one);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn measure(name: &str, document: &Document) {
    println!("one {name} as PDF: median {:.1} ms (goal < 50 ms)", one_sheet_ms(&first_sheets(document, 1)));
    let thousand = first_sheets(document, 1000);
    let started = Instant::now();
    let (pages, bytes) = render(&thousand);
    let total = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let _ = layout::layout(&thousand, layout::A4, metrics::for_lang(Lang::Tc));
    let layout_only = started.elapsed().as_secs_f64();
    println!(
        "1,000 {name}s in one PDF: {total:.2} s (layout {layout_only:.2} s), {pages} pages, {:.1} KB per page (goals < 1.5 s, < 15 KB per page)",
        bytes as f64 / pages as f64 / 1024.0
    );
}

fn main() {
    let mut service = Service::new(Store::open_in_memory().expect("store"), "bench");
    seed::generate(&mut service, "基準測試局", 30_000, 1, 3, seed::Fill::Structure).expect("generate");
    let year = service.read().bureau().expect("bureau").expect("set up").year;
    let seats = printing::seat_statements(&service, Scope::All, year, Lang::Tc).expect("seat statements");
    measure("能力席位書 sheet", &first_sheets(&seats, 1_000));
    drop(seats);
    let duties = printing::duty_statements(&service, Scope::All, Lang::Tc).expect("duty statements");
    measure("duty-statement sheet", &duties);
    drop(duties);
    // The whole bureau's capability reports, 30,000 sheets of two pages, as the command line and
    // the window print them: a batch of people at a time into a file.
    let round = printing::round_of_year(&service, year).expect("round").expect("a round");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("reports.pdf");
    let mut reports = (0, 0.0);
    let (before, peak) = common::peak_during(|| {
        let started = Instant::now();
        let printout = printing::Printout::CapabilityReports { round, scope: Scope::All };
        let whole = nengli::service::preview::preview(&service, &printout, Lang::Tc).expect("capability reports").expect("a round");
        let pages = nengli::service::preview::save_pdf(&service, &whole, &out, &mut |_| true).expect("printed");
        reports = (pages, started.elapsed().as_secs_f64());
    });
    let (pages, seconds) = reports;
    let bytes = std::fs::metadata(&out).map_or(0, |m| m.len());
    println!(
        "the bureau's capability reports in one PDF: {seconds:.1} s, {pages} pages, {:.1} MB, peak resident memory {peak:.0} MB ({before:.0} MB in use before; goal < 400 MB)",
        bytes as f64 / 1024.0 / 1024.0
    );
    // The 公務員年度考核登記表 of everyone, each with a filled summary of about 600 characters.
    let officials: Vec<_> = service.read().officials().expect("officials").into_iter().map(|o| o.id).collect();
    for official in &officials {
        let data = nengli::domain::yearend::YearEndData {
            work: "稅收征管".into(),
            summary: "德:政治立場堅定。能:熟悉業務,完成各項任務。勤:按時到崗,認真履職。績:全年完成征管任務。廉:遵守廉政規定。".repeat(12),
            ..Default::default()
        };
        let step = nengli::domain::yearend::Step::Save;
        let _saved = service
            .execute(nengli::service::Command::YearEnd(YearEndCommand::YearEndStep {
                official: *official,
                year,
                step,
                data: Box::new(data),
            }))
            .expect("record");
    }
    let batch = printing::YearEndBatch::read(&service, year, Scope::All, &[], Lang::Tc).expect("forms");
    let title = batch.title();
    let one = batch.documents().next().expect("a form");
    println!("one 公務員年度考核登記表 as PDF: median {:.1} ms (goal < 20 ms)", one_sheet_ms(&one));
    let mut thousand = (0, 0, 0.0);
    let (before_1k, peak_1k) = common::peak_during(|| {
        let started = Instant::now();
        let (pages, bytes) = print(&title, batch.documents().take(1_000));
        thousand = (pages, bytes, started.elapsed().as_secs_f64());
    });
    let (pages, bytes, seconds) = thousand;
    println!(
        "1,000 公務員年度考核登記表 in one PDF: {seconds:.2} s, {:.0} sheets/s, {pages} pages, {:.1} KB per sheet (goals < 1.5 s, < 15 KB per sheet)",
        1_000.0 / seconds,
        bytes as f64 / 1_000.0 / 1024.0
    );
    let mut all = (0, 0, 0.0);
    let (_, peak_all) = common::peak_during(|| {
        let started = Instant::now();
        let (pages, bytes) = print(&title, batch.documents());
        all = (pages, bytes, started.elapsed().as_secs_f64());
    });
    let (pages, bytes, seconds) = all;
    println!(
        "{} 公務員年度考核登記表 in one PDF: {seconds:.1} s, {:.0} sheets/s, {pages} pages, {:.1} MB, {:.1} KB per sheet",
        batch.len(),
        batch.len() as f64 / seconds,
        bytes as f64 / 1024.0 / 1024.0,
        bytes as f64 / batch.len() as f64 / 1024.0
    );
    println!(
        "peak resident memory: {peak_1k:.0} MB printing 1,000 forms, {peak_all:.0} MB printing {} ({before_1k:.0} MB in use before; goal: flat)",
        batch.len()
    );
}
