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

/// A 30,000-row 花名冊 as a bureau keeps it (a title line and a unit/date line, a two-row merged
/// header, a sub-heading per unit, a 合計 / 制表人 footer), read and previewed against the bureau
/// that holds those people: every row matched by its ID number.
fn huashengce(source: &Service, dir: &Path) {
    let officials = source.read().officials().expect("officials");
    let units = source.read().units().expect("units");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet.write_string(0, 0, "基準測試局幹部花名冊").expect("cell");
    sheet.write_string(1, 0, "填報單位：人事教育科").expect("cell");
    sheet.write_string(1, 8, "截至2012年12月31日").expect("cell");
    for (c, h) in ["序號", "姓名", "性別", "出生年月", "所在科室", "職級", "領導職務層次"].iter().enumerate() {
        sheet.merge_range(2, c as u16, 3, c as u16, h, &plain).expect("merge");
    }
    sheet.merge_range(2, 7, 2, 8, "全日制教育", &plain).expect("merge");
    sheet.merge_range(2, 9, 2, 10, "在職教育", &plain).expect("merge");
    sheet.merge_range(2, 11, 3, 11, "身份證號", &plain).expect("merge");
    for (c, h) in [(7, "學歷學位"), (8, "畢業院校系及專業"), (9, "學歷學位"), (10, "畢業院校系及專業")] {
        sheet.write_string(3, c, h).expect("cell");
    }
    let mut row = 4u32;
    let mut sorted: Vec<&nengli::domain::official::Official> = officials.iter().collect();
    sorted.sort_by_key(|o| (o.unit, o.staff_no.clone()));
    let mut last = None;
    for (i, o) in sorted.iter().enumerate() {
        if last != Some(o.unit) {
            let name = units.iter().find(|u| u.id == o.unit).map_or("", |u| u.name.as_str());
            sheet.write_string(row, 0, name).expect("cell");
            row += 1;
            last = Some(o.unit);
        }
        let unit = units.iter().find(|u| u.id == o.unit).map_or("", |u| u.name.as_str());
        let cells = [
            (i + 1).to_string(),
            o.name.clone(),
            nengli::i18n::gender(Lang::Tc, o.gender).to_owned(),
            o.birth.to_string(),
            unit.to_owned(),
            o.rank.map(|r| nengli::i18n::rank(Lang::Tc, r).to_owned()).unwrap_or_default(),
            o.duty_level.map(|d| nengli::i18n::duty_level(Lang::Tc, d).to_owned()).unwrap_or_default(),
            o.education.clone(),
            o.identity.school.clone(),
            o.identity.inservice_education.clone(),
            o.identity.inservice_school.clone(),
            o.identity.id_number.clone(),
        ];
        for (c, text) in cells.iter().enumerate() {
            sheet.write_string(row, c as u16, text).expect("cell");
        }
        row += 1;
    }
    sheet.write_string(row, 0, format!("合計：{}人", officials.len())).expect("cell");
    sheet.write_string(row + 1, 0, "制表人：").expect("cell");
    let path = dir.join("花名冊.xlsx");
    std::fs::write(&path, book.save_to_buffer().expect("xlsx")).expect("save");
    let lookup = source.lookup().expect("lookup");
    let mut best = (f64::MAX, 0.0, 0.0);
    for _ in 0..3 {
        let started = Instant::now();
        let sheets = exchange::read_file(&path).expect("read");
        let read = started.elapsed().as_secs_f64() * 1000.0;
        let preview = preview::build(Kind::Officials, "花名冊.xlsx", &sheets[0], &lookup).expect("header found");
        let total = started.elapsed().as_secs_f64() * 1000.0;
        assert_eq!(preview.counts().unchanged, officials.len(), "every person matched by ID number, nothing changed");
        assert!(preview.skipped.len() > 2, "sub-headings and the footer are skipped");
        if total < best.0 {
            best = (total, read, total - read);
        }
    }
    println!(
        "preview a 30,000-row 花名冊 (title lines, merged two-row header, sub-headings, footer): best of 3 read {:.0} ms + preview {:.0} ms = {:.0} ms (goal < 1000 ms)",
        best.1, best.2, best.0
    );
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

    huashengce(&source, dir.path());

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
