//! Spreadsheets in and out: round trips through xlsx and csv, a sheet with one of each
//! problem, encodings, formula safety, hostile bytes, and the command line's report.

use crate::support::{demo, today};
use nengli::domain::catalogue::Catalogue;
use nengli::domain::{Field, Lang, Problem};
use nengli::exchange::preview::{self, Change, Preview};
use nengli::exchange::read::{Sheet, read_bytes};
use nengli::exchange::{Format, Kind, write};
use nengli::service::command::StandardsCommand;
use nengli::service::{Service, ServiceError};
use nengli::store::Store;
use proptest::prelude::*;

fn empty_bureau() -> Service {
    let mut service = Service::new(Store::open_in_memory().unwrap(), "tester").with_today(today());
    service.init_bureau("示範縣國家稅務局", 2012, &Catalogue::shipped()).unwrap();
    service
}

fn table(service: &Service, kind: Kind, lang: Lang) -> write::Table {
    nengli::service::exports::export_table(service, kind, lang).unwrap()
}

fn preview_of(service: &Service, kind: Kind, sheet: &Sheet) -> Preview {
    preview::build(kind, "test", sheet, &service.lookup().unwrap()).unwrap()
}

fn import(service: &mut Service, kind: Kind, bytes: &[u8], format: Format) {
    let sheets = read_bytes(bytes, format).unwrap();
    let preview = preview_of(service, kind, &sheets[0]);
    assert_eq!(preview.counts().refused, 0, "{:?}", preview.rows.iter().find(|r| r.change == Change::Refused));
    let _summary = service.import(&preview, &mut |_, _| true).unwrap();
}

/// What a person would compare: units by path, posts by unit and title, officials by staff number.
fn content(service: &Service) -> (Vec<String>, Vec<String>, Vec<String>) {
    let db = service.read();
    let units = db.units().unwrap();
    let unit_name = |id| units.iter().find(|u| u.id == id).map(|u| u.name.clone()).unwrap();
    let posts = db.posts().unwrap();
    let mut unit_rows: Vec<String> =
        units.iter().map(|u| format!("{} {:?} {}", nengli::domain::org::unit_path(&units, u.id), u.kind, u.retired)).collect();
    let mut post_rows: Vec<String> = posts.iter().map(|p| format!("{} {:?}", unit_name(p.unit), PostView(&p.data))).collect();
    let mut official_rows: Vec<String> = db
        .officials()
        .unwrap()
        .iter()
        .map(|o| {
            let post = o.post.and_then(|id| posts.iter().find(|p| p.id == id)).map(|p| p.title.clone());
            format!(
                "{} {} {:?} {} {} {} {:?} {} {} {:?} {:?} {:?}",
                o.staff_no,
                o.name,
                o.gender,
                o.birth,
                o.political,
                o.education,
                o.tier,
                o.position_title,
                unit_name(o.unit),
                post,
                o.post_since,
                o.status
            )
        })
        .collect();
    unit_rows.sort();
    post_rows.sort();
    official_rows.sort();
    (unit_rows, post_rows, official_rows)
}

/// A post's content without its unit id (ids differ between bureaus).
struct PostView<'a>(&'a nengli::domain::org::PostData);

impl std::fmt::Debug for PostView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let p = self.0;
        write!(
            f,
            "{} {:?} {} {} {} {} {} {}",
            p.title, p.tier, p.headcount, p.duties, p.standard, p.authority, p.time_limits, p.responsibility
        )
    }
}

#[test]
fn the_demo_bureau_round_trips_through_xlsx_and_csv() {
    let source = demo();
    for (lang, csv) in [(Lang::Tc, false), (Lang::En, true), (Lang::Sc, false)] {
        let mut target = empty_bureau();
        for kind in [Kind::Units, Kind::Posts, Kind::Officials] {
            let table = table(&source, kind, lang);
            let (bytes, format) =
                if csv { (write::csv_bytes(&table).unwrap(), Format::Csv) } else { (write::xlsx_bytes(&table).unwrap(), Format::Xlsx) };
            import(&mut target, kind, &bytes, format);
        }
        assert_eq!(content(&target), content(&source), "round trip in {lang:?}, csv {csv}");
        // Importing the same file again changes nothing.
        let again = read_bytes(&write::xlsx_bytes(&table(&source, Kind::Officials, lang)).unwrap(), Format::Xlsx).unwrap();
        let counts = preview_of(&target, Kind::Officials, &again[0]).counts();
        assert_eq!((counts.new, counts.changed, counts.refused), (0, 0, 0));
    }
}

/// A roster sheet with one of each problem, and one row that only earns a warning.
fn problem_sheet(service: &Service) -> String {
    let existing = service
        .read()
        .officials()
        .unwrap()
        .into_iter()
        .find(|o| fast2s::convert(&o.name) != o.name)
        .expect("a demo name with traditional characters");
    let similar = fast2s::convert(&existing.name);
    [
        "工號,姓名,性別,出生年月,職級層次,單位,崗位,任現職時間".to_owned(),
        "N0001,林小雨,女,1990.05,一般幹部,辦公室,文秘崗,2012-08-01".into(),
        ",王五,男,1980.01,一般幹部,辦公室,,".into(),
        "N0003,趙六,男,1980.01,一般幹部,不存在科,,".into(),
        "N0004,錢七,男,1980.01,一般幹部,辦公室,不存在崗,".into(),
        "N0005,孫八,男,1980.01,一般幹部,辦公室,,2013-02-30".into(),
        "N0006,周九,男,13/2013,一般幹部,辦公室,,".into(),
        "N0007,吳十,男,一九八五年,一般幹部,辦公室,,".into(),
        "N0008,鄭一,男,1980.01,特級,辦公室,,".into(),
        "N0001,林小雨,女,1990.05,一般幹部,辦公室,,".into(),
        format!("N0010,{similar},男,1966.02,一般幹部,辦公室,,"),
    ]
    .join("\n")
}

#[test]
fn each_problem_is_reported_on_its_row_and_column_and_nothing_is_stored() {
    let mut service = demo();
    let csv = problem_sheet(&service);
    let sheets = read_bytes(csv.as_bytes(), Format::Csv).unwrap();
    let preview = preview_of(&service, Kind::Officials, &sheets[0]);
    let problem_at = |line: usize| -> Vec<(Field, Problem)> {
        preview.rows.iter().find(|r| r.line == line).unwrap().problems.iter().map(|p| (p.field, p.problem.clone())).collect()
    };
    assert_eq!(preview.rows[0].change, Change::New);
    assert_eq!(problem_at(3), vec![], "a row without a staff number is numbered on import");
    assert_eq!(preview.rows.iter().find(|r| r.line == 3).unwrap().change, Change::New);
    assert_eq!(problem_at(4), vec![(Field::Unit, Problem::UnknownUnit { name: "不存在科".into() })]);
    assert_eq!(problem_at(5), vec![(Field::Post, Problem::UnknownPost { title: "不存在崗".into() })]);
    assert_eq!(problem_at(6), vec![(Field::PostSince, Problem::BadDate)]);
    assert_eq!(problem_at(7), vec![(Field::Birth, Problem::BadYearMonth)]);
    assert_eq!(problem_at(8), vec![(Field::Birth, Problem::BadYearMonth)]);
    assert_eq!(problem_at(9), vec![(Field::Tier, Problem::Unknown { value: "特級".into() })]);
    assert_eq!(problem_at(10), vec![(Field::StaffNo, Problem::DuplicateInFile { row: 2 })]);
    let last = preview.rows.iter().find(|r| r.line == 11).unwrap();
    assert!(last.problems.is_empty() && matches!(last.warnings[0].problem, Problem::SimilarName { .. }), "{last:?}");
    assert_eq!(preview.letter_of(Field::Birth), "D");

    let before = service.read().official_count().unwrap();
    match service.import(&preview, &mut |_, _| true) {
        Err(ServiceError::RowsRefused(rows)) => assert_eq!(rows, vec![4, 5, 6, 7, 8, 9, 10]),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(service.read().official_count().unwrap(), before, "nothing stored");

    let mut kept = preview.clone();
    for row in &mut kept.rows {
        row.selected = row.change != Change::Refused;
    }
    let summary = service.import(&kept, &mut |_, _| true).unwrap();
    assert_eq!((summary.created, summary.updated), (3, 0));
    let numbered = service.read().officials().unwrap().into_iter().find(|o| o.name == "王五").expect("stored");
    assert!(numbered.staff_no.starts_with('N') && numbered.staff_no.len() == 6, "given a number: {}", numbered.staff_no);
    let audit = service.read().audit_rows(1).unwrap();
    assert_eq!(audit[0].action, "import.officials");
    assert!(audit[0].after.as_deref().unwrap().contains("\"file\":\"test\""));
}

#[test]
fn a_cancelled_import_stores_nothing() {
    let mut service = empty_bureau();
    let source = demo();
    import(&mut service, Kind::Units, &write::csv_bytes(&table(&source, Kind::Units, Lang::Tc)).unwrap(), Format::Csv);
    import(&mut service, Kind::Posts, &write::csv_bytes(&table(&source, Kind::Posts, Lang::Tc)).unwrap(), Format::Csv);
    let sheets = read_bytes(&write::xlsx_bytes(&table(&source, Kind::Officials, Lang::Tc)).unwrap(), Format::Xlsx).unwrap();
    let preview = preview_of(&service, Kind::Officials, &sheets[0]);
    let mut calls = 0;
    let result = service.import(&preview, &mut |done, _| {
        calls += 1;
        done == 0
    });
    assert!(matches!(result, Err(ServiceError::Cancelled)));
    assert!(calls >= 2);
    assert_eq!(service.read().official_count().unwrap(), 0);
}

#[test]
fn gbk_and_bom_csv_read_as_the_same_text() {
    let text = "工號,姓名,性別\nGS00001,張偉,男\n";
    let gbk = encoding_rs::GBK.encode(text).0.into_owned();
    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let plain = read_bytes(text.as_bytes(), Format::Csv).unwrap();
    assert_eq!(read_bytes(&gbk, Format::Csv).unwrap(), plain);
    assert_eq!(read_bytes(&bom, Format::Csv).unwrap(), plain);
    assert_eq!(plain[0].rows[1][1].text, "張偉");
}

#[test]
fn xlsx_cells_are_written_as_strings_never_formulas() {
    let table = write::Table { sheet: "s".into(), header: vec!["姓名".into()], rows: vec![vec!["=1+1".into()], vec!["@SUM(A1)".into()]] };
    let bytes = write::xlsx_bytes(&table).unwrap();
    let sheets = read_bytes(&bytes, Format::Xlsx).unwrap();
    assert_eq!(sheets[0].rows[1][0].text, "=1+1");
    assert_eq!(sheets[0].rows[1][0].number, None);
    use calamine::Reader;
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let formulas = workbook.worksheet_formula("s").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no formula cells");
}

#[test]
fn templates_open_with_headers_an_example_and_lists() {
    let service = demo();
    let db = service.read();
    for kind in Kind::ALL {
        let bytes = write::template(kind, Lang::Tc, &db.catalogue().unwrap(), &db.units().unwrap()).unwrap();
        let sheets = read_bytes(&bytes, Format::Xlsx).unwrap();
        let header: Vec<String> = sheets[0].rows[0].iter().map(|c| c.text.clone()).collect();
        assert_eq!(nengli::exchange::columns::detect(&header), Some(kind));
        assert_eq!(sheets[0].rows.len(), 2, "header and one example row");
        let text = String::from_utf8_lossy(&unzip_sheet(&bytes)).into_owned();
        if kind != Kind::Units {
            assert!(text.contains("<dataValidation"), "{kind:?} template has drop-down lists");
        }
    }
}

/// The first worksheet's XML out of an .xlsx.
fn unzip_sheet(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut file = archive.by_name("xl/worksheets/sheet1.xml").unwrap();
    let mut out = Vec::new();
    file.read_to_end(&mut out).unwrap();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn hostile_bytes_never_panic_and_store_nothing(bytes in proptest::collection::vec(any::<u8>(), 0..2048), cut in 0usize..4096) {
        let mut service = demo();
        let before = service.read().official_count().unwrap();
        let valid = write::xlsx_bytes(&table(&service, Kind::Officials, Lang::Tc)).unwrap();
        let truncated = &valid[..cut.min(valid.len())];
        for (input, format) in [(&bytes[..], Format::Csv), (&bytes[..], Format::Xlsx), (&bytes[..], Format::Ods), (truncated, Format::Xlsx)] {
            if let Ok(sheets) = read_bytes(input, format) {
                for sheet in &sheets {
                    if let Ok(preview) = preview::build(Kind::Officials, "fuzz", sheet, &service.lookup().unwrap()) {
                        let _ = service.import(&preview, &mut |_, _| false);
                    }
                }
            }
        }
        prop_assert_eq!(service.read().official_count().unwrap(), before);
    }
}

#[test]
fn columns_the_sheet_lacks_keep_what_the_bureau_holds() {
    let mut service = demo();
    let before = service.read().officials().unwrap()[0].clone();
    let csv = format!(
        "工號,姓名,性別,出生年月,職級層次,單位\n{},{},{},{},{},{}\n",
        before.staff_no, "新名字", "男", before.birth, "處級", "局領導班子"
    );
    let sheets = read_bytes(csv.as_bytes(), Format::Csv).unwrap();
    let preview = preview_of(&service, Kind::Officials, &sheets[0]);
    assert_eq!(preview.rows[0].change, Change::Changed, "{:?}", preview.rows[0].problems);
    let _summary = service.import(&preview, &mut |_, _| true).unwrap();
    let after = service.read().official(before.id).unwrap().unwrap();
    assert_eq!(after.name, "新名字");
    assert_eq!(
        (after.political.as_str(), after.post, after.post_since, after.status),
        (before.political.as_str(), before.post, before.post_since, before.status)
    );
}

#[test]
fn standards_round_trip_through_a_spreadsheet() {
    use nengli::domain::standards::StandardData;
    let mut source = demo();
    let scale = source.read().scale().unwrap();
    let posts = source.read().posts().unwrap();
    for post in posts.iter().take(5) {
        let mut data = StandardData::draft(post.tier, &scale);
        data.levels.insert((post.tier, 2), 5);
        data.levels.insert((nengli::domain::catalogue::RankTier::Division, 1), 5);
        let _saved = source
            .execute(nengli::service::Command::Standards(StandardsCommand::SaveStandard { post: post.id, year: 2012, data }))
            .unwrap();
    }
    let bytes = write::xlsx_bytes(&table(&source, Kind::Standards, Lang::Sc)).unwrap();
    let sheets = read_bytes(&bytes, Format::Xlsx).unwrap();
    let header: Vec<String> = sheets[0].rows[0].iter().map(|c| c.text.clone()).collect();
    assert_eq!(nengli::exchange::columns::detect(&header), Some(Kind::Standards));
    let mut target = demo();
    let preview = preview_of(&target, Kind::Standards, &sheets[0]);
    let rows: usize = source.read().standards(2012).unwrap().iter().map(|s| s.data.tiers().len()).sum();
    let counts = preview.counts();
    assert_eq!((counts.new + counts.changed + counts.unchanged, counts.refused), (rows, 0), "one row per post and tier");
    assert!(
        counts.new + counts.changed > 0 && counts.unchanged > 0,
        "the edited posts differ from the target's demo standards, the rest not: {counts:?}"
    );
    let _summary = target.import(&preview, &mut |_, _| true).unwrap();
    // The sheet carries the levels (items are kept as they were).
    let standards =
        |service: &Service| service.read().standards(2012).unwrap().into_iter().map(|s| (s.post, s.data.levels)).collect::<Vec<_>>();
    assert_eq!(standards(&target), standards(&source));
    // A level out of range is reported on its column.
    let csv = "單位,崗位名稱,職級層次,學習力,敏銳力\n辦公室,文秘崗,一般幹部,3,7\n";
    let sheets = read_bytes(csv.as_bytes(), Format::Csv).unwrap();
    let preview = preview_of(&target, Kind::Standards, &sheets[0]);
    assert_eq!(preview.rows[0].problems[0].field, Field::Capability(2));
    assert_eq!(preview.letter_of(Field::Capability(2)), "E");
}
