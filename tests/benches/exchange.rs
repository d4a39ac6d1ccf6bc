//! Speed and memory of spreadsheets with a 30,000-official roster: exporting it to .xlsx and
//! .csv, and importing the .xlsx into a bureau that has the units and posts but no officials
//! (read + preview + commit). The import runs in a child process of its own so its peak
//! memory (VmHWM) is measured alone. Run with `cargo bench --bench exchange`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

use nengli::domain::Lang;
use nengli::domain::catalogue::Catalogue;
use nengli::exchange::{self, Kind, preview, write};
use nengli::service::Service;
use nengli::store::{OpenMode, Store};
use std::path::Path;
use std::time::Instant;

mod common;
use common::OFFICIALS;

/// The child: import `sheet` into the database at `db`, print the timings and peak memory.
fn import_stage(db: &Path, sheet: &Path) {
    let started = Instant::now();
    let mut service = Service::new(Store::open(db, OpenMode::Existing).expect("store"), "bench");
    let sheets = exchange::read_file(sheet).expect("read");
    let read = started.elapsed();
    let preview = preview::build(Kind::Officials, "bench.xlsx", &sheets[0], &service.lookup().expect("lookup")).expect("preview");
    let previewed = started.elapsed();
    assert_eq!(preview.counts().new, OFFICIALS, "every row is new");
    let summary = service.import(&preview, &mut |_, _| true).expect("import");
    let total = started.elapsed();
    assert_eq!(summary.created, OFFICIALS);
    println!(
        "import 30,000-row xlsx: read {:.0} ms, + preview {:.0} ms, + commit {:.0} ms = {:.0} ms (goal < 1000 ms)",
        read.as_secs_f64() * 1000.0,
        (previewed - read).as_secs_f64() * 1000.0,
        (total - previewed).as_secs_f64() * 1000.0,
        total.as_secs_f64() * 1000.0
    );
    println!("import peak memory (VmHWM): {:.0} MB (goal < 300 MB)", common::status_mb("VmHWM:").unwrap_or(f64::NAN));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, stage, db, sheet, ..] = args.as_slice()
        && stage == "import-stage"
    {
        import_stage(Path::new(db), Path::new(sheet));
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let source_db = dir.path().join("source.sqlite");
    let source = common::generated_bureau(&source_db, 1);

    for (name, csv) in [("xlsx", false), ("csv", true)] {
        let mut best = f64::MAX;
        for _ in 0..3 {
            let started = Instant::now();
            let table = nengli::service::exports::export_table(&source, Kind::Officials, Lang::Tc).expect("table");
            let path = dir.path().join(format!("roster.{name}"));
            let bytes = if csv { write::csv_bytes(&table) } else { write::xlsx_bytes(&table) }.expect("write");
            std::fs::write(&path, bytes).expect("save");
            best = best.min(started.elapsed().as_secs_f64() * 1000.0);
        }
        println!("export 30,000 officials to .{name}: best of 3 {best:.0} ms (goal < 1000 ms)");
    }

    // A bureau with the same units and posts and no officials.
    let target_db = dir.path().join("target.sqlite");
    let mut target = Service::new(Store::open(&target_db, OpenMode::Create).expect("store"), "bench");
    target.init_bureau("基準測試局", 2012, &Catalogue::shipped()).expect("init");
    for kind in [Kind::Units, Kind::Posts] {
        let table = nengli::service::exports::export_table(&source, kind, Lang::Tc).expect("table");
        let sheets = exchange::read::read_bytes(&write::csv_bytes(&table).expect("csv"), exchange::Format::Csv).expect("read");
        let preview = preview::build(kind, "setup", &sheets[0], &target.lookup().expect("lookup")).expect("preview");
        let _summary = target.import(&preview, &mut |_, _| true).expect("import");
    }
    drop(target);
    let output = std::process::Command::new(std::env::current_exe().expect("exe"))
        .args(["import-stage", &target_db.display().to_string(), &dir.path().join("roster.xlsx").display().to_string()])
        .output()
        .expect("child");
    print!("{}", String::from_utf8_lossy(&output.stdout));
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}
