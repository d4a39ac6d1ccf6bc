//! Speed and size of printing: one duty-statement sheet as a PDF, and 1,000 sheets in one PDF
//! (layout + painting + font subsetting). Run with `cargo bench --bench report`.

use nengli::domain::Lang;
use nengli::report::{layout, metrics, model, pdf};
use nengli::service::{Service, seed};
use nengli::store::Store;
use std::time::Instant;

fn main() {
    let mut service = Service::new(Store::open_in_memory().expect("store"), "bench");
    seed::demo(&mut service).expect("demo");
    let db = service.read();
    let (units, posts, catalogue) = (db.units().expect("units"), db.posts().expect("posts"), db.catalogue().expect("catalogue"));
    let make = |count: usize| {
        let chosen: Vec<_> = posts.iter().cycle().take(count).collect();
        let document = model::duty_statements(Lang::Tc, "示範縣國家稅務局", &catalogue, &units, &chosen);
        let pages = layout::layout(&document, layout::A4, metrics::for_lang(Lang::Tc));
        let bytes = pdf::render(&document.title, &pages, layout::A4, Lang::Tc).expect("pdf");
        (pages.len(), bytes.len())
    };
    let _warm = make(1);
    let mut samples: Vec<f64> = (0..20)
        .map(|_| {
            let started = Instant::now();
            let _ = make(1);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    println!("one duty-statement sheet as PDF: median {:.1} ms (goal for a sheet < 50 ms)", samples[samples.len() / 2]);
    let started = Instant::now();
    let (pages, bytes) = make(1000);
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "1,000 sheets in one PDF: {elapsed:.2} s, {pages} pages, {:.1} KB per page (goals < 1.5 s, < 15 KB per page)",
        bytes as f64 / pages as f64 / 1024.0
    );
}
