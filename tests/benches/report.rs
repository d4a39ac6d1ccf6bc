//! Speed and size of printing (layout, painting and font subsetting): one 能力席位書 as a
//! PDF, 1,000 of them in one PDF, and the same for duty-statement sheets.
//! Run with `cargo bench --bench report`.

use nengli::domain::Lang;
use nengli::report::layout::Document;
use nengli::report::{layout, metrics, pdf};
use nengli::service::printing::{self, Scope};
use nengli::service::{Service, seed};
use nengli::store::Store;
use std::time::Instant;

fn render(document: &Document) -> (usize, usize) {
    let pages = layout::layout(document, layout::A4, metrics::for_lang(Lang::Tc));
    let bytes = pdf::render(&document.title, &pages, layout::A4, Lang::Tc).expect("pdf");
    (pages.len(), bytes.len())
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

fn measure(name: &str, document: &Document) {
    let one = first_sheets(document, 1);
    let _warm = render(&one);
    let mut samples: Vec<f64> = (0..20)
        .map(|_| {
            let started = Instant::now();
            let _ = render(&one);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    println!("one {name} as PDF: median {:.1} ms (goal < 50 ms)", samples[samples.len() / 2]);
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
    seed::generate(&mut service, "基準測試局", 1_200, 1, 3).expect("generate");
    let year = service.read().bureau().expect("bureau").expect("set up").year;
    let seats = printing::seat_statements(&service, Scope::All, year, Lang::Tc).expect("seat statements");
    measure("能力席位書 sheet", &seats);
    let duties = printing::duty_statements(&service, Scope::All, Lang::Tc).expect("duty statements");
    measure("duty-statement sheet", &duties);
    // The 公務員年度考核登記表, each with a filled summary of about 600 characters.
    let officials: Vec<_> = service.read().officials().expect("officials").into_iter().take(1_000).map(|o| o.id).collect();
    for official in &officials {
        let data = nengli::domain::yearend::YearEndData {
            work: "稅收征管".into(),
            summary: "德:政治立場堅定。能:熟悉業務,完成各項任務。勤:按時到崗,認真履職。績:全年完成征管任務。廉:遵守廉政規定。".repeat(12),
            ..Default::default()
        };
        let step = nengli::domain::yearend::Step::Save;
        let _saved =
            service.apply(nengli::service::Command::YearEndStep { official: *official, year, step, data: Box::new(data) }).expect("record");
    }
    let forms = printing::yearend_sheets(&service, year, Scope::All, &[], Lang::Tc).expect("forms");
    measure("公務員年度考核登記表", &forms);
}
