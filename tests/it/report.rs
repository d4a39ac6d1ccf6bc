//! Printing checked from the outside: the PDF's text read back with poppler's pdftotext, the
//! font embedded as a subset according to pdffonts, page counts, and long texts that
//! paginate without losing a character.

use crate::support::demo;
use nengli::domain::Lang;
use nengli::report::layout::{self, Block, Cell, Document, Grid, Mm};
use nengli::report::{metrics, pdf};
use nengli::service::command::{SelfCheckCommand, StandardsCommand, YearEndCommand};
use nengli::service::printing::{self, Scope};
use std::process::Command;

fn poppler(tool: &str, pdf: &[u8], extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(tool).args(extra).arg(&path).args(if tool == "pdftotext" { vec!["-"] } else { vec![] }).output();
    let out = out.unwrap_or_else(|e| panic!("{tool} is needed (poppler-utils, installed by .ci/run): {e}"));
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Lays out and paints a printout as the command line does: its page count and bytes.
fn print(document: &Document, lang: Lang) -> (usize, Vec<u8>) {
    let pages = layout::layout(document, layout::A4, metrics::for_lang(lang));
    (pages.len(), nengli::report::pages_pdf(&document.title, &pages, layout::A4, lang).unwrap())
}

fn unit(service: &nengli::service::Service, name: &str) -> Scope {
    Scope::Unit(printing::find_unit(service, name).unwrap().unwrap())
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn duty_statements_print_with_their_text_and_an_embedded_subset_font() {
    let service = demo();
    let (pages, bytes) = print(&printing::duty_statements(&service, unit(&service, "辦公室"), Lang::Tc).unwrap(), Lang::Tc);
    let posts: Vec<_> = service
        .read()
        .posts()
        .unwrap()
        .into_iter()
        .filter(|p| p.unit == service.read().units().unwrap().iter().find(|u| u.name == "辦公室").unwrap().id)
        .collect();
    assert_eq!(pages, posts.len(), "one sheet per post, each fits one page");
    let info = poppler("pdfinfo", &bytes, &[]);
    assert!(info.contains(&format!("Pages:           {pages}")), "{info}");
    let text = squeeze(&poppler("pdftotext", &bytes, &["-layout"]));
    for post in &posts {
        assert!(text.contains(&squeeze(&post.title)), "{} missing", post.title);
        assert!(text.contains(&squeeze(&post.duties)), "duties of {} missing", post.title);
    }
    assert!(text.contains("崗位職位說明書") && text.contains("行家里手"));
    let fonts = poppler("pdffonts", &bytes, &[]);
    let line = fonts.lines().find(|l| l.contains("NotoSansCJK")).unwrap_or_else(|| panic!("{fonts}"));
    assert!(line.contains("yes yes yes"), "embedded, subset, with a ToUnicode map: {line}");
    assert!(line.split('+').next().is_some_and(|tag| tag.len() == 6), "subset tag: {line}");
    assert!(bytes.len() < 40_000 * pages, "{} bytes for {pages} pages", bytes.len());
}

#[test]
fn simplified_chinese_prints_with_the_sc_face() {
    let service = demo();
    let (_, bytes) = print(&printing::duty_statements(&service, unit(&service, "人教科"), Lang::Sc).unwrap(), Lang::Sc);
    assert!(poppler("pdffonts", &bytes, &[]).contains("NotoSansCJKsc"));
    assert!(squeeze(&poppler("pdftotext", &bytes, &[])).contains("岗位职位说明书"));
}

#[test]
fn a_3000_character_text_paginates_without_losing_a_character() {
    let commitment: String = "本人承諾:認真履行崗位職責,刻苦鑽研業務(稅收征管、納稅評估),嚴守廉潔紀律;2013年完成「五基」達標考試。"
        .chars()
        .cycle()
        .take(3000)
        .collect();
    let grid = Grid {
        columns: vec![1.0, 4.0],
        header: Some(vec![Cell::label("Item"), Cell::label("Text")]),
        rows: vec![(vec![Cell::label("Pledge"), Cell::new(commitment.clone())], Mm(0.0))],
        size_pt: 11.0,
    };
    let document = Document {
        title: "承諾書".into(),
        blocks: vec![Block::Title { text: "能力席位書".into(), size_pt: 18.0 }, Block::Grid(grid)],
        footer: None,
    };
    let pages = layout::layout(&document, layout::A4, metrics::for_lang(Lang::Tc));
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let bytes = nengli::report::pages_pdf("承諾書", &pages, layout::A4, Lang::Tc).unwrap();
    let text = squeeze(&poppler("pdftotext", &bytes, &[]));
    // The repeated header and the label are Latin, so the commitment's characters read in order.
    let body: String = text.chars().filter(|c| squeeze(&commitment).contains(*c)).collect();
    assert!(body.contains(&squeeze(&commitment)), "every character of the commitment is printed, in order");
    assert_eq!(
        poppler("pdfinfo", &bytes, &[]).lines().find(|l| l.starts_with("Pages:")).map(|l| l
            .split_whitespace()
            .last()
            .unwrap()
            .parse::<usize>()
            .unwrap()),
        Some(pages.len())
    );
}

#[test]
fn a_units_seat_statements_print_names_capabilities_and_levels() {
    let mut service = demo();
    let scale = service.read().scale().unwrap();
    let office = printing::find_unit(&service, "辦公室").unwrap().unwrap();
    // One official has a stored statement with a motto; the others print their drafts.
    let first = service.read().officials().unwrap().into_iter().find(|o| o.unit == office).unwrap();
    let seat = nengli::domain::standards::SeatData {
        motto: "恪盡職守，服務為先".into(),
        ..nengli::domain::standards::SeatData::draft(first.post, first.tier, None, None, &scale)
    };
    let _saved = service
        .execute(nengli::service::Command::Standards(StandardsCommand::SaveSeatStatement { official: first.id, year: 2012, data: seat }))
        .unwrap();
    let officials: Vec<_> = service.read().officials().unwrap().into_iter().filter(|o| o.unit == office).collect();
    let (pages, bytes) = print(&printing::seat_statements(&service, Scope::Unit(office), 2012, Lang::Tc).unwrap(), Lang::Tc);
    assert_eq!(pages, officials.len(), "one sheet per official");
    let text = squeeze(&poppler("pdftotext", &bytes, &[]));
    for official in &officials {
        assert!(text.contains(&squeeze(&official.name)), "{} missing", official.name);
    }
    for capability in ["學習力", "敏銳力", "創新力", "組織力", "團結力", "自律力", "執行力", "服務力"] {
        assert_eq!(text.matches(capability).count(), pages, "{capability} once per sheet");
    }
    assert!(text.contains("3級") && text.contains("熟練運用"), "levels and their descriptors are printed");
    assert!(text.contains("恪盡職守，服務為先"));
    assert!(poppler("pdffonts", &bytes, &[]).contains("yes yes yes"));
}

#[test]
fn post_standards_print_only_posts_that_have_one() {
    let mut service = demo();
    let scale = service.read().scale().unwrap();
    let post = service.read().posts().unwrap()[2].clone();
    let data = nengli::domain::standards::StandardData::draft(post.tier, &scale);
    let _saved =
        service.execute(nengli::service::Command::Standards(StandardsCommand::SaveStandard { post: post.id, year: 2012, data })).unwrap();
    let (pages, bytes) = print(&printing::post_standards(&service, Scope::All, 2012, Lang::En).unwrap(), Lang::En);
    assert_eq!(pages, 1);
    let text = poppler("pdftotext", &bytes, &[]);
    assert!(text.contains("Post capability standard") && text.contains("Learning"), "{text}");
    assert!(printing::post_standards(&service, Scope::All, 2013, Lang::En).unwrap().blocks.is_empty());
}

#[test]
fn the_programme_report_prints_phases_milestones_figures_and_units() {
    let service = demo();
    let date = chrono::NaiveDate::from_ymd_opt(2013, 3, 1).unwrap();
    let document = printing::programme_report(&service, 2012, date, Lang::Tc).unwrap().expect("the demo has a programme");
    let (pages, bytes) = print(&document, Lang::Tc);
    assert!(pages >= 1);
    let text = squeeze(&poppler("pdftotext", &bytes, &[]));
    for expected in [
        "能力建設年活動進展報告",
        "截至2013-03-01",
        "全面展開階段",
        "進行中",
        "建立領導機構，制定活動方案",
        "已完成",
        "有職位說明書的崗位",
        "41/41",
        "本年度參加培訓的幹部",
        "稽查局",
        "領導小組",
    ] {
        assert!(text.contains(&squeeze(expected)), "{expected} missing from the report");
    }
    assert!(printing::programme_report(&service, 2030, date, Lang::Tc).unwrap().is_none());
}

#[test]
fn a_capability_report_prints_the_radar_the_gaps_with_their_rule_and_the_plan() {
    use nengli::domain::plans::{PlanItemData, PlanOwner};
    use nengli::domain::selfcheck::SelfCheckData;
    use nengli::service::Command;
    let mut service = demo();
    let round = service.rounds().unwrap()[0].id;
    let who = service.read().users().unwrap().into_iter().find(|u| u.data.username == "official").unwrap().data.official.unwrap();
    let levels = [Some(4), Some(1), Some(4), Some(4), Some(4), Some(4), Some(4), Some(4)];
    let data = SelfCheckData { levels, shortfalls: "稅收政策掌握不全".into(), ..Default::default() };
    let _saved = service
        .execute(Command::SelfCheck(SelfCheckCommand::SaveSelfCheck { round, official: who, data: Box::new(data), submit: true }))
        .unwrap();
    let item =
        PlanItemData { action: "參加稅收政策專題培訓".into(), ..PlanItemData::new(PlanOwner::Official(who), 2012, Some(2)) };
    let _planned = service.execute(Command::SelfCheck(SelfCheckCommand::SavePlanItem { id: None, data: item })).unwrap();
    let document = printing::capability_reports(&service, round, Scope::Official(who), Lang::Tc).unwrap();
    assert!(document.blocks.iter().any(|b| matches!(b, Block::Radar { .. })), "a radar on the sheet");
    let (pages, bytes) = print(&document, Lang::Tc);
    assert!(pages <= 2, "one official's report fits on two pages: {pages}");
    let text = squeeze(&poppler("pdftotext", &bytes, &[]));
    let name = service.read().official(who).unwrap().unwrap().data.name;
    for expected in [name.as_str(), "能力分析報告", "敏銳力", "稅收政策掌握不全", "參加稅收政策專題培訓", "差距=要求等級−主管評定等級"]
    {
        assert!(text.contains(&squeeze(expected)), "{expected} missing from {text}");
    }
    // 敏銳力 required 3, self-assessed 1: the largest gap, named in the summary line.
    assert!(text.contains("差距最大：敏銳力2"), "{text}");
}

#[test]
fn a_round_summary_lists_who_has_not_handed_in() {
    let service = demo();
    let round = service.rounds().unwrap()[0].id;
    let office = printing::find_unit(&service, "征管科").unwrap().unwrap();
    let document = printing::round_summary(&service, round, Some(office), Lang::Sc).unwrap();
    let (_, bytes) = print(&document, Lang::Sc);
    let text = squeeze(&poppler("pdftotext", &bytes, &[]));
    let missing = service.round_rows(round).unwrap().into_iter().filter(|r| r.unit == office && r.status.is_none()).collect::<Vec<_>>();
    assert!(!missing.is_empty());
    for row in missing {
        assert!(text.contains(&squeeze(&row.staff_no)), "{} is on the reminder list", row.staff_no);
    }
    assert!(text.contains("能力自查情况汇总") && text.contains("差距热力表"));
}

#[test]
fn a_sign_in_sheet_and_a_training_file_print_their_people_and_hours() {
    let service = demo();
    let session = service.sessions(2012).unwrap().into_iter().find(|s| s.data.kind == "class").unwrap();
    let expected = service.expected(session.id).unwrap();
    let (_, bytes) = print(&printing::sign_in(&service, session.id, Lang::Tc).unwrap(), Lang::Tc);
    let text = squeeze(&poppler("pdftotext", &bytes, &[]));
    assert!(text.contains("簽到表") && text.contains("本人簽名") && text.contains(&squeeze(&session.data.title)), "{text}");
    for person in &expected {
        assert!(text.contains(&squeeze(&person.name)), "{} on the sheet", person.name);
    }
    let who = expected[0].official;
    let file = service.training_file(who, 2012).unwrap();
    let (_, bytes) = print(&printing::training_file(&service, who, 2012, Lang::Sc).unwrap(), Lang::Sc);
    let text = squeeze(&poppler("pdftotext", &bytes, &[]));
    assert!(text.contains("个人培训档案") && text.contains("月度集中學習") && text.contains("合计"), "{text}");
    let total: f32 = file.totals.values().map(|t| t.1).sum();
    assert!(text.contains(&format!("{total}")), "the year's 學時 {total} in {text}");
}

#[test]
fn the_annual_assessment_form_prints_every_label_and_value_in_reading_order() {
    use nengli::domain::yearend::{Grade, Met, Opinion, Step, YearEndData};
    use nengli::service::Command;
    let mut service = demo();
    let official = service.read().officials().unwrap()[5].clone();
    let summary = "德：堅定理想信念。".to_owned()
        + &"能：熟悉稅收業務，完成征管任務。".repeat(150)
        + &"參加\u{300C}五基\u{300D}達標考試\u{FF08}合格\u{FF09}\u{FF01}\u{FF0C}".repeat(20);
    let mut data = YearEndData { work: "稅收征管".into(), summary: summary.clone(), rewards: "無".into(), ..Default::default() };
    for e in &mut data.own {
        e.met = Some(Met::Yes);
    }
    for (step, input) in [
        (Step::Submit, data.clone()),
        (
            Step::Comment,
            YearEndData {
                proposed: Some(Grade::Excellent),
                supervisor: Opinion { text: "表現突出。".into(), ..Default::default() },
                ..Default::default()
            },
        ),
        (Step::Decide, YearEndData { agrees: Some(true), grade: Some(Grade::Excellent), ..Default::default() }),
        (Step::Acknowledge, YearEndData { official: Opinion { text: "無異議。".into(), ..Default::default() }, ..Default::default() }),
    ] {
        let _ = service
            .execute(Command::YearEnd(YearEndCommand::YearEndStep { official: official.id, year: 2012, step, data: Box::new(input) }))
            .unwrap();
    }
    let document = printing::yearend_sheets(&service, 2012, Scope::Official(official.id), &[], Lang::Tc).unwrap();
    let (pages, bytes) = print(&document, Lang::Tc);
    assert!(pages >= 2, "a 3,000-character summary continues on a second page");
    // Read as laid out: line by line, left to right, the way the form is read.
    let text = squeeze(&poppler("pdftotext", &bytes, &["-layout"]));
    let in_order = [
        "公務員年度考核登記表",
        "\u{FF08}2012年度\u{FF09}",
        "姓名",
        &official.name,
        "性別",
        "出生年月",
        &official.birth.to_string(),
        "政治面貌",
        "單位及職務（職級）",
        "從事或分管工作",
        "稅收征管",
        "個人總結",
        "德：堅定理想信念。",
        "自查驗收",
        "獎懲情況",
        // Labels that wrap in their cell are found by their first line.
        "主管領導評語",
        "表現突出。",
        "考核等次建議：優秀",
        "機關負責人或者",
        "考核等次：優秀",
        "被考核人意見",
        "無異議。",
        "未確定等次或不",
        "備註",
    ];
    let mut at = 0;
    for expected in in_order {
        let found = text[at..].find(&squeeze(expected)).unwrap_or_else(|| panic!("{expected} after position {at}"));
        at += found;
    }
    // The page footer falls inside the summary where it breaks; take it out to read it whole.
    let plain = (1..=pages).fold(squeeze(&poppler("pdftotext", &bytes, &[])), |t, p| t.replace(&format!("第{p}頁\u{FF0C}共{pages}頁"), ""));
    assert_eq!(plain.matches("能：熟悉稅收業務，完成征管任務。").count(), 150, "nothing of the summary lost");
    // Chinese line breaking: no line of the form starts with closing punctuation or ends with
    // opening punctuation, checked on the lines as painted.
    let laid_out = layout::layout(&document, layout::A4, metrics::for_lang(Lang::Tc));
    let lines: Vec<&str> = laid_out
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            layout::Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(lines.len() > 100, "{} lines", lines.len());
    for line in &lines {
        // Written as escapes: 。，、；：？！」） must not start a line, 「（ must not end one.
        let closing = ['\u{3002}', '\u{FF0C}', '\u{3001}', '\u{FF1B}', '\u{FF1A}', '\u{FF1F}', '\u{FF01}', '\u{300D}', '\u{FF09}'];
        assert!(!line.starts_with(closing), "{line}");
        assert!(!line.ends_with(['\u{300C}', '\u{FF08}']), "{line}");
    }
    assert!(poppler("pdffonts", &bytes, &[]).contains("yes yes yes"), "the font embedded as a subset");
    let blank = printing::yearend_blank(&service, Lang::Sc).unwrap();
    let (blank_pages, bytes) = print(&blank, Lang::Sc);
    assert_eq!(blank_pages, 1);
    let text = squeeze(&poppler("pdftotext", &bytes, &[]));
    assert!(text.contains("公务员年度考核登记表") && text.contains("签名") && text.contains("年____月____日"), "{text}");
}

#[test]
fn a_long_print_is_painted_in_chunks_into_one_file_poppler_reads_without_repair() {
    use nengli::report::{CHUNK_PAGES, write_pdf};
    let count = CHUNK_PAGES + 50;
    let documents: Vec<Document> = (0..count)
        .map(|i| Document { title: String::new(), blocks: vec![Block::Title { text: format!("第{i}頁"), size_pt: 14.0 }], footer: None })
        .collect();
    let mut reported = 0;
    let (bytes, pages) = write_pdf(Vec::new(), "長清單", &documents, layout::A4, Lang::Tc, &mut |done| {
        reported = done;
        true
    })
    .unwrap();
    assert_eq!((pages, reported), (count, count));
    // pdfinfo says nothing on stderr: the cross-reference table is right (poppler would
    // otherwise report it and rebuild the table by scanning).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&info.stderr), "");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.lines().any(|l| l.starts_with("Pages:") && l.ends_with(&format!(" {count}"))), "{info}");
    assert!(info.lines().any(|l| l.starts_with("Title:") && l.ends_with("長清單")), "{info}");
    let first = squeeze(&poppler("pdftotext", &bytes, &["-f", "1", "-l", "1"]));
    let last = squeeze(&poppler("pdftotext", &bytes, &["-f", &count.to_string(), "-l", &count.to_string()]));
    assert_eq!((first.as_str(), last.as_str()), ("第0頁", format!("第{}頁", count - 1).as_str()));
    // Each chunk carries its own subset of the font.
    let fonts = poppler("pdffonts", &bytes, &[]);
    assert_eq!(fonts.lines().filter(|l| l.contains('+') && l.contains(" yes ")).count(), 2, "{fonts}");
    // A strict reader agrees on the page tree.
    assert_eq!(lopdf::Document::load_mem(&bytes).unwrap().get_pages().len(), count);
    // Stopping part-way is reported as such (the command line and the window then keep no file).
    let stopped = write_pdf(Vec::new(), "長清單", &documents, layout::A4, Lang::Tc, &mut |done| done < 10);
    assert!(matches!(stopped, Err(pdf::PdfError::Cancelled)));
}

#[test]
fn the_bureau_summary_prints_grades_with_the_quota_levels_training_and_unit_reviews_by_unit() {
    use nengli::domain::yearend::{Evaluation, Grade, Met, Step, UnitReview, YearEndData};
    use nengli::service::Command;
    let mut service = demo();
    let unit = printing::find_unit(&service, "征管科").unwrap().unwrap();
    let people: Vec<_> = service.read().officials().unwrap().into_iter().filter(|o| o.unit == unit).collect();
    let mut own = YearEndData { summary: "德能勤績廉".into(), ..Default::default() };
    for e in &mut own.own {
        e.met = Some(Met::Yes);
    }
    for (official, grade) in people.iter().zip([Grade::Excellent, Grade::Excellent, Grade::Competent]) {
        for (step, input) in [
            (Step::Submit, own.clone()),
            (Step::Comment, YearEndData { proposed: Some(grade), ..Default::default() }),
            (Step::Decide, YearEndData { agrees: Some(true), grade: Some(grade), ..Default::default() }),
        ] {
            let _ = service
                .execute(Command::YearEnd(YearEndCommand::YearEndStep { official: official.id, year: 2012, step, data: Box::new(input) }))
                .unwrap();
        }
    }
    let review = UnitReview {
        standards: std::array::from_fn(|i| Evaluation { met: Some(if i == 4 { Met::Partly } else { Met::Yes }), text: String::new() }),
        notes: "辦稅服務待加強".into(),
        ..Default::default()
    };
    let _ = service.execute(Command::YearEnd(YearEndCommand::ReviewUnit { unit, year: 2012, review: Box::new(review) })).unwrap();
    let (_, bytes) = print(&printing::yearend_summary(&service, 2012, Lang::Tc).unwrap(), Lang::Tc);
    let text = squeeze(&poppler("pdftotext", &bytes, &["-layout"]));
    // People, then 優秀 稱職 基本稱職 不稱職 不定等次, then 優秀 / allowed.
    let row = format!("征管科{}210002/0超出", people.len());
    assert!(text.contains(&row), "征管科: {} people, 2 優秀 and 1 稱職, 2 優秀 where 3 graded allow none: {text}", people.len());
    for heading in ["一、考核等次", "二、八種能力", "三、培訓學時達標", "四、單位檢查驗收"] {
        assert!(text.contains(heading), "{heading}");
    }
    assert!(text.contains("征管科達到達到達到達到基本達到辦稅服務待加強"), "the unit's review row");
    assert!(text.contains("辦公室") && text.contains("未檢查"), "a unit not reviewed says so");
}

/// The first page of a PDF as pdftoppm renders it in grey at `dpi`: the PNG file's bytes.
fn render_first_page(pdf: &[u8], dpi: u32) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("page.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", &dpi.to_string(), "-gray", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(&out)
        .status()
        .expect("pdftoppm is needed (poppler-utils, installed by .ci/run)");
    assert!(status.success());
    std::fs::read(dir.path().join("page.png")).unwrap()
}

/// A PNG's width, height and grey pixels (pdftoppm writes a grey page as RGB or as grey).
fn grey_pixels(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes)).read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    pixels.truncate(info.buffer_size());
    let channels = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::Rgb => 3,
        other => panic!("unexpected {other:?}"),
    };
    let grey = pixels.chunks(channels).map(|p| (p.iter().map(|&c| u32::from(c)).sum::<u32>() / channels as u32) as u8).collect();
    (info.width, info.height, grey)
}

/// How many pixels differ clearly (by more than a third of the grey scale) between two pages.
fn differing(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x.abs_diff(**y) > 85).count()
}

#[test]
fn the_blank_year_end_form_looks_like_its_reference_image() {
    let service = demo();
    let (_, bytes) = print(&printing::yearend_blank(&service, Lang::Tc).unwrap(), Lang::Tc);
    let rendered = render_first_page(&bytes, 50);
    let reference_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference/yearend-blank-tc.png");
    if std::env::var_os("NENGLI_UPDATE_REFERENCE").is_some() {
        std::fs::write(&reference_path, &rendered).unwrap();
    }
    let reference = std::fs::read(&reference_path).expect("the reference image (made with NENGLI_UPDATE_REFERENCE=1 cargo test)");
    let (width, height, page) = grey_pixels(&rendered);
    let (ref_width, ref_height, expected) = grey_pixels(&reference);
    assert_eq!((width, height), (ref_width, ref_height), "A4 at 50 dpi");
    assert!(expected.iter().filter(|p| **p < 128).count() > 5_000, "the reference holds the form's grid and labels");
    let off = differing(&page, &expected);
    assert!(off * 400 < page.len(), "{off} of {} pixels differ from the reference (tolerance 0.25%)", page.len());
    // The tolerance is tight enough to see a form with one official's details filled in.
    let official = service.read().officials().unwrap()[0].id;
    let filled = printing::yearend_sheets(&service, 2012, Scope::Official(official), &[], Lang::Tc).unwrap();
    let (_, filled_pdf) = print(&filled, Lang::Tc);
    let (_, _, filled_page) = grey_pixels(&render_first_page(&filled_pdf, 50));
    assert!(differing(&filled_page, &expected) * 400 > page.len(), "a filled form does not pass for the blank one");
}
