//! Printing checked from the outside: the PDF's text read back from the file in reading order,
//! the font embedded as a subset with a ToUnicode map, page counts, and long texts that
//! paginate without losing a character. The file is read in-process (`pdfread`), so the tests
//! need no system package.

use crate::pdfread::{self, Pdf};
use crate::support::demo;
use nengli::domain::Lang;
use nengli::report::layout::{self, Block, Cell, Document, Grid, Mm};
use nengli::report::{metrics, pdf};
use nengli::service::command::{SelfCheckCommand, StandardsCommand, YearEndCommand};
use nengli::service::printing::{self, Scope};

/// The file's text, page by page, line by line from the top and left to right in a line.
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    Pdf::new(pdf).text()
}

/// The fonts of a file: each embedded, as a subset, with a ToUnicode map.
pub(crate) fn embedded_subsets(pdf: &[u8]) -> Vec<String> {
    let fonts = Pdf::new(pdf).fonts();
    assert!(!fonts.is_empty());
    for font in &fonts {
        assert!(font.embedded && font.subset && font.unicode, "embedded, subset, with a ToUnicode map: {font:?}");
    }
    fonts.into_iter().map(|f| f.name).collect()
}

/// Lays out and paints a printout as the command line does: its page count and bytes.
fn print(document: &Document, lang: Lang) -> (usize, Vec<u8>) {
    let pages = layout::layout(document, layout::A4, metrics::for_lang(lang));
    (pages.len(), nengli::report::pages_pdf(&document.title, &pages, layout::A4, lang).unwrap())
}

fn unit(service: &nengli::service::Service, name: &str) -> Scope {
    Scope::Unit(printing::find_unit(service, name).unwrap().unwrap())
}

pub(crate) fn squeeze(text: &str) -> String {
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
    assert_eq!(Pdf::new(&bytes).pages(), pages);
    let text = squeeze(&pdf_text(&bytes));
    for post in &posts {
        assert!(text.contains(&squeeze(&post.title)), "{} missing", post.title);
        assert!(text.contains(&squeeze(&post.duties)), "duties of {} missing", post.title);
    }
    assert!(text.contains("崗位職位說明書") && text.contains("行家里手"));
    let fonts = embedded_subsets(&bytes);
    assert!(fonts.iter().any(|f| f.ends_with("+NotoSansCJKtc-Regular")), "{fonts:?}");
    assert!(bytes.len() < 40_000 * pages, "{} bytes for {pages} pages", bytes.len());
}

#[test]
fn simplified_chinese_prints_with_the_sc_face() {
    let service = demo();
    let (_, bytes) = print(&printing::duty_statements(&service, unit(&service, "人教科"), Lang::Sc).unwrap(), Lang::Sc);
    assert!(embedded_subsets(&bytes).iter().any(|f| f.contains("NotoSansCJKsc")));
    assert!(squeeze(&pdf_text(&bytes)).contains("岗位职位说明书"));
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
    let text = squeeze(&pdf_text(&bytes));
    // The repeated header and the label are Latin, so the commitment's characters read in order.
    let body: String = text.chars().filter(|c| squeeze(&commitment).contains(*c)).collect();
    assert!(body.contains(&squeeze(&commitment)), "every character of the commitment is printed, in order");
    assert_eq!(Pdf::new(&bytes).pages(), pages.len());
}

#[test]
fn a_units_seat_statements_print_names_capabilities_and_levels() {
    let mut service = demo();
    let scale = service.read().scale().unwrap();
    let office = printing::find_unit(&service, "辦公室").unwrap().unwrap();
    // One official's statement gets a motto of its own; the others print theirs or their drafts.
    // One whose statement is not yet confirmed (a confirmed one is locked).
    let confirmed: Vec<_> = service
        .read()
        .seat_statements(2012)
        .unwrap()
        .into_iter()
        .filter(|s| s.data.status == nengli::domain::standards::SeatStatus::Confirmed)
        .map(|s| s.official)
        .collect();
    let first = service.read().officials().unwrap().into_iter().find(|o| o.unit == office && !confirmed.contains(&o.id)).unwrap();
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
    let text = squeeze(&pdf_text(&bytes));
    for official in &officials {
        assert!(text.contains(&squeeze(&official.name)), "{} missing", official.name);
    }
    for capability in ["學習力", "敏銳力", "創新力", "組織力", "團結力", "自律力", "執行力", "服務力"] {
        assert_eq!(text.matches(capability).count(), pages, "{capability} once per sheet");
    }
    assert!(text.contains("3級") && text.contains("熟練運用"), "levels and their descriptors are printed");
    assert!(text.contains("恪盡職守，服務為先"));
    let _subsets = embedded_subsets(&bytes);
}

#[test]
fn post_standards_print_only_posts_that_have_one() {
    let mut service = demo();
    let scale = service.read().scale().unwrap();
    // The demo has standards for most posts, not all: one more is made for a post without.
    let before = service.read().standards(2012).unwrap();
    let post = service.read().posts().unwrap().into_iter().find(|p| !before.iter().any(|s| s.post == p.id)).unwrap();
    let data = nengli::domain::standards::StandardData::draft(post.tier, &scale);
    let _saved =
        service.execute(nengli::service::Command::Standards(StandardsCommand::SaveStandard { post: post.id, year: 2012, data })).unwrap();
    let (pages, bytes) = print(&printing::post_standards(&service, Scope::All, 2012, Lang::En).unwrap(), Lang::En);
    assert_eq!(pages, before.len() + 1, "one sheet per post with a standard");
    assert!(pages < service.read().posts().unwrap().len(), "posts without one are left out");
    let text = pdf_text(&bytes);
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
    let text = squeeze(&pdf_text(&bytes));
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
    let text = squeeze(&pdf_text(&bytes));
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
    let text = squeeze(&pdf_text(&bytes));
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
    let text = squeeze(&pdf_text(&bytes));
    assert!(text.contains("簽到表") && text.contains("本人簽名") && text.contains(&squeeze(&session.data.title)), "{text}");
    for person in &expected {
        assert!(text.contains(&squeeze(&person.name)), "{} on the sheet", person.name);
    }
    let who = expected[0].official;
    let file = service.training_file(who, 2012).unwrap();
    let (_, bytes) = print(&printing::training_file(&service, who, 2012, Lang::Sc).unwrap(), Lang::Sc);
    let text = squeeze(&pdf_text(&bytes));
    assert!(text.contains("个人培训档案") && text.contains("月度集中學習") && text.contains("合计"), "{text}");
    let total: f32 = file.totals.values().map(|t| t.1).sum();
    assert!(text.contains(&format!("{total}")), "the year's 學時 {total} in {text}");
}

/// A filled 公務員年度考核登記表 made straight from the model, with fixed dates, so that its
/// pictures never change with the day the test runs.
fn filled_sheet(summary: &str) -> nengli::report::model::YearEndSheet {
    use nengli::domain::yearend::{Grade, Met, Opinion, YearEndData};
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2013, m, d);
    let mut record = YearEndData {
        work: "稅收征管，分管辦稅服務廳".into(),
        summary: summary.into(),
        rewards: "2012年度嘉獎一次".into(),
        training: "脫產培訓5天".into(),
        supervisor: Opinion { text: "表現突出，全年入庫326.8萬元。".into(), by: "李主任".into(), on: day(1, 8) },
        proposed: Some(Grade::Excellent),
        committee: Opinion { text: "經考核委員會審議。".into(), by: "王局長".into(), on: day(1, 10) },
        agrees: Some(true),
        grade: Some(Grade::Excellent),
        official: Opinion { text: "無異議。".into(), by: "張偉".into(), on: day(1, 12) },
        ..Default::default()
    };
    for e in &mut record.own {
        e.met = Some(Met::Yes);
    }
    nengli::report::model::YearEndSheet {
        year: Some(2012),
        name: "張偉".into(),
        staff_no: "GS00042".into(),
        gender: "男".into(),
        birth: "1957.06".into(),
        political: "中共黨員".into(),
        education: "大學本科".into(),
        post_since: "1989.10".into(),
        unit: "示範縣國家稅務局 / 征管科".into(),
        post: "科長".into(),
        position: "一級主任科員".into(),
        record: Some(record),
        levels: ["學習力", "敏銳力", "創新力", "組織力", "團結力", "自律力", "執行力", "服務力"]
            .iter()
            .zip(1..)
            .map(|(n, l)| ((*n).to_owned(), Some((l % 5 + 1) as u8)))
            .collect(),
        training_hours: Some(96.5),
        routine: "好、較好、一般、—".into(),
        special: "七月防汛值守 好".into(),
    }
}

fn form(sheet: nengli::report::model::YearEndSheet) -> Document {
    nengli::report::model::yearend_sheets(Lang::Tc, "示範縣國家稅務局", &[sheet])
}

/// Lays out and paints on `paper`: the pages and the PDF.
fn print_on(document: &Document, paper: layout::Paper) -> (Vec<layout::Page>, Vec<u8>) {
    let pages = layout::layout(document, paper, metrics::for_lang(Lang::Tc));
    let bytes = nengli::report::pages_pdf(&document.title, &pages, paper, Lang::Tc).unwrap();
    (pages, bytes)
}

/// The texts of a page with their x and baseline y, in drawing order.
fn texts(page: &layout::Page) -> Vec<(f32, f32, &str)> {
    page.items
        .iter()
        .filter_map(|i| match i {
            layout::Item::Text { x, y, text, .. } => Some((x.0, y.0, text.as_str())),
            _ => None,
        })
        .collect()
}

/// The y of every horizontal line at least `width` long on a page: a form's box edges.
fn rules(page: &layout::Page, width: f32) -> Vec<f32> {
    let mut ys: Vec<f32> = page
        .items
        .iter()
        .filter_map(|i| match i {
            layout::Item::Line { from, to, .. } if (from.1.0 - to.1.0).abs() < 0.01 && to.0.0 - from.0.0 >= width => Some(from.1.0),
            _ => None,
        })
        .collect();
    ys.sort_by(f32::total_cmp);
    ys.dedup_by(|a, b| (*a - *b).abs() < 0.05);
    ys
}

/// The box (the edges above and below) holding the baseline `y`.
fn box_of(edges: &[f32], y: f32) -> Option<(f32, f32)> {
    edges.windows(2).find(|w| w[0] < y && y <= w[1]).map(|w| (w[0], w[1]))
}

#[test]
fn the_annual_assessment_form_prints_every_label_and_value_in_reading_order() {
    let summary = "德：堅定理想信念。".to_owned()
        + &"能：熟悉稅收業務，完成征管任務。".repeat(150)
        + &"參加\u{300C}五基\u{300D}達標考試\u{FF08}合格\u{FF09}\u{FF01}\u{FF0C}".repeat(20);
    let document = form(filled_sheet(&summary));
    let (pages, bytes) = print_on(&document, layout::A4);
    assert!(pages.len() >= 3, "a 3,000-character summary goes on a continuation page");
    // Read as laid out: line by line, left to right, the way the form is read.
    let text = squeeze(&pdf_text(&bytes));
    let in_order = [
        "公務員年度考核登記表",
        "\u{FF08}2012年度\u{FF09}",
        "姓名",
        "張偉",
        "性別",
        "出生年月",
        "1957.06",
        "政治面貌",
        "文化程度",
        "大學本科",
        "任現職時間",
        "1989.10",
        "單位及職務",
        "征管科科長一級主任科員",
        "從事或分管",
        "稅收征管",
        // The box's label sits in the middle of its height, so -layout reads it inside the text.
        "德：堅定理想信念。",
        "（轉續頁）",
        // Page 2 names whose it is, then the opinions in the form's order.
        "姓名：張偉",
        "編號：GS00042",
        "表現突出，全年入庫326.8萬元。",
        "考核等次建議：優秀",
        "主管領導",
        "系統記錄：李主任2013年1月8日",
        "經考核委員會審議。",
        "考核等次：優秀",
        "機關負責人",
        "（蓋章）",
        "無異議。",
        "被考核人意見",
        "未確定等次",
        "備註",
        "附：能力建設年考核情況",
        "自查驗收",
        "八種能力等級",
        "本年度培訓96.5學時",
        "獎懲情況",
        "續頁1",
        "個人總結（續）",
    ];
    let mut at = 0;
    for expected in in_order {
        let found = text[at..].find(&squeeze(expected)).unwrap_or_else(|| panic!("{expected} after position {at}: {}", &text[at..]));
        at += found;
    }
    assert!(!text.contains("同意。"), "nothing is written into the committee's opinion but its own text");
    // The signature lines stay blank: the names typed in the program are only in the small line.
    for line in pdf_text(&bytes).lines().filter(|l| l.contains("簽名")) {
        assert!(!line.contains("李主任") && !line.contains("2013"), "a signature line left blank: {line}");
    }
    // Every character of the summary, in order, in the summary's column of page 1 and the
    // continuation pages.
    let (column, first) = texts(&pages[0]).into_iter().find(|(_, _, t)| t.starts_with("德：")).map(|(x, y, _)| (x, y)).unwrap();
    let kept: String = pages
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .flat_map(|(i, p)| texts(p).into_iter().filter(move |(_, y, _)| i > 0 || *y >= first))
        .filter(|(x, _, _)| (x - column).abs() < 0.01)
        .map(|(_, _, t)| t)
        .collect();
    assert_eq!(squeeze(&kept), squeeze(&summary), "nothing of the summary lost or moved");
    // Chinese line breaking: no line of the form starts with closing punctuation or ends with
    // opening punctuation, checked on the lines as painted.
    let lines: Vec<&str> = pages.iter().flat_map(texts).map(|(_, _, t)| t).collect();
    assert!(lines.len() > 100, "{} lines", lines.len());
    for line in &lines {
        // Written as escapes: 。，、；：？！」） must not start a line, 「（ must not end one.
        let closing = ['\u{3002}', '\u{FF0C}', '\u{3001}', '\u{FF1B}', '\u{FF1A}', '\u{FF1F}', '\u{FF01}', '\u{300D}', '\u{FF09}'];
        assert!(!line.starts_with(closing), "{line}");
        assert!(!line.ends_with(['\u{300C}', '\u{FF08}']), "{line}");
    }
    let _subsets = embedded_subsets(&bytes);
}

#[test]
fn the_blank_form_has_full_size_boxes_on_two_pages_and_a_binding_edge() {
    let service = demo();
    for (paper, name) in [(layout::A4, "A4"), (layout::K16, "16K")] {
        let blank = printing::yearend_blank(&service, Lang::Tc).unwrap();
        let (pages, bytes) = print_on(&blank, paper);
        assert_eq!(pages.len(), 2, "{name}: the blank form is two pages");
        let width = paper.text_width().0 - 0.1;
        // Page 1: the 個人總結 box fills the page, at least 60% of its height.
        let edges = rules(&pages[0], width);
        let tallest = edges.windows(2).map(|w| w[1] - w[0]).fold(0.0, f32::max);
        assert!(tallest >= 0.6 * paper.height.0, "{name}: 個人總結 box {tallest:.1} mm of {}", paper.height.0);
        // Page 2: each opinion box (the ones with a 簽名) at least 45 mm high.
        let edges = rules(&pages[1], width);
        let signs: Vec<f32> = texts(&pages[1]).into_iter().filter(|(_, _, t)| t.starts_with("簽名")).map(|(_, y, _)| y).collect();
        assert_eq!(signs.len(), 3, "{name}: three opinions to sign");
        for y in signs {
            let (top, bottom) = box_of(&edges, y).unwrap();
            assert!(bottom - top >= 45.0, "{name}: an opinion box of {:.1} mm", bottom - top);
        }
        // The bound edge: nothing nearer the left edge than 25 mm.
        for page in &pages {
            for item in &page.items {
                let x = match item {
                    layout::Item::Text { x, .. } | layout::Item::Rect { x, .. } | layout::Item::Image { x, .. } => x.0,
                    layout::Item::Line { from, to, .. } => from.0.0.min(to.0.0),
                    layout::Item::Triangle { .. } => continue,
                };
                assert!(x >= 25.0 - 0.01, "{name}: {item:?} inside the binding margin");
            }
        }
        let text = squeeze(&pdf_text(&bytes));
        assert!(text.contains("文化程度") && text.contains("（蓋章）") && text.contains("年月日"), "{text}");
    }
    // Duplex: the back page's bound edge is on the right.
    let blank = printing::yearend_blank(&service, Lang::Tc).unwrap();
    let (pages, _) = print_on(&blank, layout::A4.with_duplex(true));
    let right = |page: &layout::Page| {
        page.items.iter().filter_map(|i| if let layout::Item::Line { to, .. } = i { Some(to.0.0) } else { None }).fold(0.0, f32::max)
    };
    assert!((right(&pages[0]) - 190.0).abs() < 0.01 && (right(&pages[1]) - 185.0).abs() < 0.01, "mirrored margins");
}

/// For summaries of 0 to 3,000 characters, every 簽名 is on the page of its box and inside it,
/// under its label, and every page after the first names the official.
#[test]
fn every_signature_stays_in_its_box_and_every_later_page_names_the_official_for_any_summary_length() {
    let phrase = "德能勤績廉，全年完成入庫326.8萬元，完成率98.7%。";
    for paper in [layout::A4, layout::K16] {
        for length in (0..=3000).step_by(100) {
            let summary: String = phrase.chars().cycle().take(length).collect();
            let (pages, bytes) = print_on(&form(filled_sheet(&summary)), paper);
            let width = paper.text_width().0 - 0.1;
            let mut signed = 0;
            for (index, page) in pages.iter().enumerate() {
                let edges = rules(page, width);
                let lines = texts(page);
                for (_, y, _) in lines.iter().filter(|(_, _, t)| t.starts_with("簽名")) {
                    signed += 1;
                    let home = box_of(&edges, *y).unwrap_or_else(|| panic!("{length}: a 簽名 outside every box on page {index}"));
                    let labels = lines.iter().filter(|(_, ly, t)| box_of(&edges, *ly) == Some(home) && !t.starts_with("簽名"));
                    assert!(labels.count() > 0, "{length}: the 簽名 on page {index} shares its box with its label");
                    assert!(home.1 - y < 25.0, "{length}: the 簽名 at its box's foot");
                }
            }
            assert_eq!(signed, 4, "{length} characters: the summary's and three opinions' 簽名, each once");
            let by_page: Vec<String> = pdf_text(&bytes).split('\u{c}').map(squeeze).collect();
            for (index, page) in by_page.iter().enumerate().skip(1).filter(|(_, p)| !p.is_empty()) {
                assert!(
                    page.contains("姓名：張偉") && page.contains("GS00042") && page.contains("2012年度"),
                    "{length}: page {} unnamed",
                    index + 1
                );
            }
            // The label and 簽名 of each opinion on one page, as a reader reads the file.
            for label in ["主管領導", "機關負責人", "被考核人意見"] {
                let page = by_page.iter().find(|p| p.contains(label)).unwrap();
                assert!(page.matches("簽名").count() >= 3, "{length}: {label}'s page holds the opinions' 簽名");
            }
            assert!(squeeze(&pdf_text(&bytes)).matches("326.8萬元").count() >= length / phrase.chars().count(), "{length}: numbers whole");
        }
    }
}

#[test]
fn numbers_decimals_percentages_and_codes_are_never_broken_on_the_form() {
    let summary = "全年組織入庫326.8萬元，完成率98.7%，文書號WS-2012-0010。".repeat(60);
    for paper in [layout::A4, layout::K16] {
        let (pages, _) = print_on(&form(filled_sheet(&summary)), paper);
        let lines: Vec<&str> = pages.iter().flat_map(texts).map(|(_, _, t)| t).collect();
        for whole in ["326.8", "98.7%", "WS-2012-0010"] {
            let on_lines: usize = lines.iter().map(|l| l.matches(whole).count()).sum();
            assert!(on_lines >= 60, "{whole}: {on_lines}");
            assert_eq!(on_lines, lines.concat().matches(whole).count(), "{whole} whole on its line, every time");
        }
    }
}

#[test]
fn extension_b_prints_from_the_fallback_face_and_a_character_no_face_has_stops_the_print() {
    let mut sheet = filled_sheet("德能勤績廉");
    sheet.name = "王\u{2A6A5}\u{20BB7}".into();
    let (_, bytes) = print_on(&form(sheet.clone()), layout::A4);
    let fonts = embedded_subsets(&bytes);
    assert!(fonts.iter().any(|f| f.contains("HanaMinB")), "the fallback face embedded as a subset: {fonts:?}");
    let text = pdf_text(&bytes);
    assert!(text.contains("王\u{2A6A5}\u{20BB7}"), "{text}");
    let (_, plain) = print_on(&form(filled_sheet("德能勤績廉")), layout::A4);
    assert!(!embedded_subsets(&plain).iter().any(|f| f.contains("HanaMinB")), "the fallback face only where it is used");
    // A private-use character is in no face: found before printing, and never painted as a box.
    sheet.name = "李\u{E000}".into();
    let document = form(sheet);
    assert_eq!(nengli::report::unprintable(&document, Lang::Tc).map(|(c, _)| c), Some('\u{E000}'));
    let pages = layout::layout(&document, layout::A4, metrics::for_lang(Lang::Tc));
    let painted = nengli::report::pages_pdf("t", &pages, layout::A4, Lang::Tc);
    assert!(matches!(painted, Err(pdf::PdfError::NoGlyph { ch: '\u{E000}', .. })));
}

#[test]
fn a_roster_name_no_font_prints_is_refused_with_the_officials_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let connection = rusqlite::Connection::open(&db).unwrap();
    connection.execute("UPDATE official SET name = '李\u{E000}' WHERE staff_no = 'GS00002'", []).unwrap();
    drop(connection);
    let service = nengli::service::Service::new(nengli::store::Store::open(&db, nengli::store::OpenMode::Existing).unwrap(), "tester");
    let refused = printing::yearend_sheets(&service, 2012, Scope::All, &["GS00002".into()], Lang::Tc).unwrap_err();
    let message = nengli::messages::service_error(Lang::Tc, &refused);
    assert!(message.contains("李\u{E000}\u{FF08}GS00002\u{FF09}") && message.contains("U+E000") && message.contains("停止"), "{message}");
}

#[test]
fn a_long_print_is_painted_in_chunks_into_one_file_a_reader_reads_without_repair() {
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
    // The cross-reference table is right as written (a reader would otherwise have to rebuild
    // it by scanning), every page's parent chain reaches the root, and the title is kept.
    let pdf = Pdf::new(&bytes);
    pdf.assert_xref_exact();
    assert_eq!(pdf.pages(), count);
    assert_eq!(pdf.title(), "長清單");
    let first = squeeze(&Pdf::new(&bytes).page_text(1));
    let last = squeeze(&Pdf::new(&bytes).page_text(count));
    assert_eq!((first.as_str(), last.as_str()), ("第0頁", format!("第{}頁", count - 1).as_str()));
    // Each chunk carries its own subset of the font.
    let fonts = embedded_subsets(&bytes);
    assert_eq!(fonts.len(), 2, "{fonts:?}");
    // A strict reader agrees on the page tree.
    assert_eq!(lopdf::Document::load_mem(&bytes).unwrap().get_pages().len(), count);
    // Stopping part-way is reported as such (the command line and the window then keep no file).
    let stopped = write_pdf(Vec::new(), "長清單", &documents, layout::A4, Lang::Tc, &mut |done| done < 10);
    assert!(matches!(stopped, Err(pdf::PdfError::Cancelled)));
}

#[test]
fn one_long_document_is_laid_out_a_sheet_at_a_time_and_painted_in_chunks_with_the_same_pages() {
    use nengli::report::{CHUNK_PAGES, write_pdf};
    // One document: a sheet of a grid longer than a chunk, then short sheets, each numbered
    // from its first page.
    let row = |i: usize| (vec![Cell::new(format!("第{i}行")), Cell::new("稅收征管".repeat(8))], Mm(0.0));
    let long = Grid {
        columns: vec![1.0, 4.0],
        header: Some(vec![Cell::label("序"), Cell::label("內容")]),
        rows: (0..CHUNK_PAGES * 60).map(row).collect(),
        size_pt: 11.0,
    };
    let mut blocks = vec![Block::Title { text: "名冊".into(), size_pt: 16.0 }, Block::Grid(long)];
    for i in 0..30 {
        blocks.push(Block::NewSheet);
        blocks.push(Block::Title { text: format!("報告{i}"), size_pt: 16.0 });
    }
    let document = Document { title: "長文件".into(), blocks, footer: Some("第{page}頁，共{pages}頁".into()) };
    let laid_out = layout::layout(&document, layout::A4, metrics::for_lang(Lang::Tc));
    let first_sheet = laid_out.iter().position(|p| p.text().contains("報告0")).unwrap();
    assert!(first_sheet > CHUNK_PAGES, "the first sheet alone is longer than a chunk: {first_sheet} pages");
    assert!(laid_out[first_sheet].text().contains("第1頁，共1頁"), "each later sheet is numbered on its own");
    // The sheets laid out one at a time are the pages of the whole.
    let sheets: Vec<Vec<layout::Page>> = layout::sheet_pages(&document, layout::A4, metrics::for_lang(Lang::Tc)).collect();
    assert_eq!(sheets.len(), 31);
    assert_eq!(sheets.concat(), laid_out);
    let (bytes, pages) = write_pdf(Vec::new(), "長文件", [&document], layout::A4, Lang::Tc, &mut |_| true).unwrap();
    assert_eq!(pages, laid_out.len());
    let pdf = Pdf::new(&bytes);
    pdf.assert_xref_exact();
    assert_eq!(pdf.pages(), laid_out.len());
    // Painted a chunk at a time, each chunk with its own font subset, though it is one document.
    assert_eq!(embedded_subsets(&bytes).len(), laid_out.len().div_ceil(CHUNK_PAGES));
    for page in [1, CHUNK_PAGES, CHUNK_PAGES + 1, first_sheet, first_sheet + 1, laid_out.len()] {
        // The same characters (the reader orders them by where they stand, layout as drawn).
        let sorted = |text: &str| {
            let mut chars: Vec<char> = squeeze(text).chars().collect();
            chars.sort_unstable();
            chars
        };
        assert_eq!(sorted(&pdf.page_text(page)), sorted(&laid_out[page - 1].text()), "page {page}");
    }
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
    // The unit's demo records go back to the officials and are graded again: two 優秀, the rest 稱職.
    let grades: Vec<Grade> = (0..people.len()).map(|i| if i < 2 { Grade::Excellent } else { Grade::Competent }).collect();
    for official in &people {
        crate::support::yearend_back_to_draft(&mut service, official.id, 2012);
    }
    for (official, grade) in people.iter().zip(grades) {
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
    // The quota as counted before the 2020 rules: those graded, rounded down, no minimum.
    let graded = nengli::domain::yearend::QuotaRules {
        base: nengli::domain::yearend::Base::Graded,
        rounding: nengli::domain::quota::Rounding::Floor,
        minimum: 0,
        ..Default::default()
    };
    let share = graded.share(None);
    let _ = service.execute(nengli::service::command::StandingCommand::SaveQuota(graded)).unwrap();
    let (_, bytes) = print(&printing::yearend_summary(&service, 2012, Lang::Tc).unwrap(), Lang::Tc);
    let text = squeeze(&pdf_text(&bytes));
    // People, then 優秀 稱職 基本稱職 不稱職 不定等次, then 優秀 / allowed.
    let n = people.len();
    let allowed = nengli::domain::yearend::excellent_allowed(n, n, &share);
    assert!(allowed < 2, "{n} graded at 20% allow fewer than two");
    let row = format!("征管科{n}2{}0002/{allowed}超出", n - 2);
    assert!(text.contains(&row), "征管科: {n} people, 2 優秀 and the rest 稱職, over the {allowed} allowed: {text}");
    for heading in ["一、考核等次", "二、八種能力", "三、培訓學時達標", "四、單位檢查驗收"] {
        assert!(text.contains(heading), "{heading}");
    }
    assert!(text.contains("征管科達到達到達到達到基本達到辦稅服務待加強"), "the unit's review row");
    assert!(text.contains("辦公室") && text.contains("未檢查"), "a unit not reviewed says so");
}

/// The grade roster ends with the lines a dossier needs: who made it, who checked it, the unit's
/// seal and the day.
#[test]
fn the_grade_roster_ends_with_its_makers_checker_seal_and_day() {
    let service = demo();
    let (_, bytes) = print(&printing::grade_roster(&service, 2012, None, Lang::Tc).unwrap(), Lang::Tc);
    let text = squeeze(&pdf_text(&bytes));
    let pages: usize = text.split("，共").nth(1).and_then(|t| t.split('頁').next()).and_then(|n| n.parse().ok()).expect("page count");
    let last = squeeze(&Pdf::new(&bytes).page_text(pages));
    for line in ["制表人", "審核人", "單位（蓋章）", "年", "月", "日", "按比例可評"] {
        assert!(last.contains(line), "{line} missing from the last page, which holds the roster's foot whole: {last}");
    }
}

/// An official who filled in nothing is not told every capability is met: the report says 未填寫.
#[test]
fn an_unfilled_self_check_prints_as_not_filled_in() {
    let service = demo();
    let round = service.rounds().unwrap()[0].id;
    let nobody = service.round_rows(round).unwrap().into_iter().find(|r| r.status.is_none()).expect("someone has not handed in");
    let document = printing::capability_reports(&service, round, Scope::Official(nobody.official), Lang::Tc).unwrap();
    let (_, bytes) = print(&document, Lang::Tc);
    let text = squeeze(&pdf_text(&bytes));
    assert!(text.contains("未填寫"), "{text}");
    assert!(!text.contains("各項能力均已達到要求"), "{text}");
}

/// The compliance table names each rule over its column, not #1, #2…
#[test]
fn training_compliance_columns_carry_the_rules_names() {
    let service = demo();
    let rules = service.quota_rules().unwrap();
    assert!(rules.len() > 1);
    let (_, bytes) = print(&printing::training_compliance(&service, 2012, None, Lang::Tc).unwrap(), Lang::Tc);
    let text = squeeze(&pdf_text(&bytes));
    assert!(!text.contains("#1"), "{text}");
    for rule in &rules {
        let name: String = squeeze(&rule.name.tc).chars().take(4).collect();
        assert!(text.contains(&name), "{} missing: {text}", rule.name.tc);
    }
}

/// A page of a PDF painted in-process in grey at `dpi` (`pdfread::raster`: its rules and
/// fills as drawn, each text run as a band where its glyphs stand), as a PNG file's bytes.
pub(crate) fn render_page(pdf: &[u8], page: usize, dpi: u32) -> Vec<u8> {
    let file = Pdf::new(pdf);
    let (runs, shapes) = file.page(page);
    let (width, height, grey) = pdfread::raster(&runs, &shapes, file.page_size(page), dpi as f32 / 25.4);
    let mut png_bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut png_bytes, width as u32, height as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header().unwrap().write_image_data(&grey).unwrap();
    png_bytes
}

/// A PNG's width, height and grey pixels (a grey page stored as RGB or as grey).
pub(crate) fn grey_pixels(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
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
pub(crate) fn differing(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x.abs_diff(**y) > 85).count()
}

/// Both pages of the blank and of a filled form, on A4 and 16K, look like their reference
/// images: the file's rules, fills and text bands painted at 40 dpi (a quarter of a percent of
/// the pixels may differ: rounding, not a moved line, box or text).
#[test]
fn the_year_end_forms_look_like_their_reference_images() {
    let service = demo();
    let filled = form(filled_sheet(&"德：堅定理想信念，認真履職。能：熟悉稅收業務。".repeat(12)));
    let blank = printing::yearend_blank(&service, Lang::Tc).unwrap();
    let reference = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    let mut images = Vec::new();
    for (kind, document) in [("blank", &blank), ("filled", &filled)] {
        for (size, paper) in [("a4", layout::A4), ("16k", layout::K16)] {
            let (pages, bytes) = print_on(document, paper);
            assert_eq!(pages.len(), 2, "{kind} {size}: two pages");
            for page in 1..=2 {
                let rendered = render_page(&bytes, page, 40);
                let path = reference.join(format!("yearend-{kind}-{size}-{page}.png"));
                if std::env::var_os("NENGLI_UPDATE_REFERENCE").is_some() {
                    std::fs::write(&path, &rendered).unwrap();
                }
                let expected = std::fs::read(&path).expect("the reference image (made with NENGLI_UPDATE_REFERENCE=1 cargo test)");
                let (width, height, got) = grey_pixels(&rendered);
                let (ref_width, ref_height, want) = grey_pixels(&expected);
                assert_eq!((width, height), (ref_width, ref_height), "{kind} {size} page {page}");
                assert!(want.iter().filter(|p| **p < 128).count() > 2_000, "the reference holds the form's boxes and labels");
                let off = differing(&got, &want);
                assert!(off * 400 < got.len(), "{kind} {size} page {page}: {off} of {} pixels differ from the reference", got.len());
                images.push(got);
            }
        }
    }
    // The tolerance is tight enough to tell a filled page from a blank one.
    assert!(differing(&images[0], &images[4]) * 400 > images[0].len(), "a filled form does not pass for the blank one");
}

/// A save dialog suggests whose printout it is: its kind, year, staff number and name.
#[test]
fn one_persons_printout_is_suggested_a_file_name_with_their_staff_number_and_name() {
    let service = demo();
    let official = service.read().officials().unwrap().remove(0);
    let printout = nengli::service::printing::Printout::TrainingFile { official: official.id, year: 2012 };
    let name = printing::file_name(&service, &printout, Lang::Tc).expect("a name for one person's file");
    assert!(name.contains(&official.staff_no) && name.contains(&official.name) && name.contains("2012"), "{name}");
    let whole = nengli::service::printing::Printout::GradeRoster { year: 2012, unit: None };
    assert_eq!(printing::file_name(&service, &whole, Lang::Tc), None, "a bureau's printout is named by its title");
}

/// Where the post has no standard for the round's year, the printed report marks the required
/// levels as the tier's default and says so; where it has one, neither mark nor note.
#[test]
fn a_capability_report_marks_a_requirement_that_is_the_tiers_default() {
    let service = demo();
    let (round, standards) = crate::support::round_and_standard_posts(&service);
    let officials = service.read().officials().unwrap();
    let has_standard = |o: &&nengli::domain::official::Official| o.post.is_some_and(|p| standards.contains(&p));
    let without = officials.iter().find(|o| o.post.is_some() && !has_standard(o)).expect("a post without a standard");
    let with = officials.iter().find(has_standard).unwrap();
    let text = |official: nengli::domain::OfficialId| {
        let document = printing::capability_reports(&service, round.id, Scope::Official(official), Lang::Tc).unwrap();
        squeeze(&pdf_text(&print(&document, Lang::Tc).1))
    };
    let note = "本崗位本年度尚未制定能力標準";
    let marked = text(without.id);
    assert!(marked.contains(note), "{marked}");
    let default = service.read().scale().unwrap().default_level(without.tier);
    assert!(marked.contains(&format!("{default}*")), "the required level carries the mark: {marked}");
    assert!(!text(with.id).contains(note));
}

/// The preview pages through a printout a window of sheets at a time: the windows together are
/// the whole printout, page for page, whether it is made whole (the duty statements) or a window
/// of people at a time (the year-end forms, the capability reports, the 能力席位書).
#[test]
fn the_preview_windows_together_are_the_whole_printout() {
    use nengli::service::preview::{self, Sheets, WINDOW_SHEETS};
    let service = demo();
    let lang = Lang::Tc;
    let metrics = metrics::for_lang(lang);
    let all_windows = |p: &preview::Preview| -> Vec<layout::Page> {
        (0..p.len()).step_by(WINDOW_SHEETS).flat_map(|first| p.pages(&service, first).unwrap()).collect()
    };
    let round = service.rounds().unwrap()[0].id;
    let printouts = [
        printing::Printout::DutyStatements { scope: Scope::All },
        printing::Printout::YearEndSheets(printing::YearEndSheets { year: 2012, scope: Scope::All, staff: Vec::new(), paper: layout::A4 }),
        printing::Printout::CapabilityReports { round, scope: Scope::All },
        printing::Printout::SeatStatements { scope: Scope::All, year: 2013 },
    ];
    for printout in &printouts {
        let shown = preview::preview(&service, printout, lang).unwrap().unwrap();
        let whole = layout::layout(&printing::document(&service, printout, lang).unwrap().unwrap(), layout::A4, metrics);
        assert!(shown.len() > WINDOW_SHEETS && !shown.whole(), "{printout:?}: {} sheets", shown.len());
        assert_eq!(all_windows(&shown), whole, "{printout:?}");
        assert_eq!(shown.window(shown.len() + 5), shown.len() - 1..shown.len(), "past the end: the last sheet");
        let per_person = matches!(shown.sheets, Sheets::People(_));
        assert_eq!(per_person, !matches!(printout, printing::Printout::DutyStatements { .. }), "{printout:?}");
    }
    // The year-end forms are counted (every serving official, by staff number) and a window is
    // made for its own people.
    let shown = preview::preview(&service, &printouts[1], lang).unwrap().unwrap();
    let Sheets::People(people) = &shown.sheets else { panic!("a window of people at a time") };
    let mut serving: Vec<_> = service
        .read()
        .officials()
        .unwrap()
        .iter()
        .filter(|o| o.status == nengli::domain::catalogue::OfficialStatus::Active)
        .map(|o| (o.staff_no.clone(), o.id, o.name.clone()))
        .collect();
    serving.sort();
    assert_eq!(**people, serving.iter().map(|s| s.1).collect::<Vec<_>>());
    let second: String = shown.pages(&service, WINDOW_SHEETS).unwrap().iter().map(layout::Page::text).collect();
    for (staff_no, _, name) in &serving[WINDOW_SHEETS..(2 * WINDOW_SHEETS).min(serving.len())] {
        assert!(second.contains(name.as_str()), "{staff_no} in the second window");
    }
}

/// A long print made a batch of people at a time stops at a batch it cannot make: no file (nor
/// a partial one) is left, whatever was written before, and the message names whose sheet.
#[test]
fn a_print_made_a_batch_at_a_time_leaves_no_file_when_a_later_batch_fails() {
    use nengli::service::preview;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let service = nengli::service::Service::new(nengli::store::Store::open(&db, nengli::store::OpenMode::Existing).unwrap(), "tester");
    let printout = printing::Printout::SeatStatements { scope: Scope::All, year: 2013 };
    let whole = preview::preview(&service, &printout, Lang::Tc).unwrap().unwrap();
    let preview::Sheets::People(people) = &whole.sheets else { panic!("a sheet per person") };
    // The last official's name has a character no font prints.
    let last = *people.last().unwrap();
    let out = dir.path().join("能力席位書.pdf");
    let mut seen = 0;
    let saved = preview::save_pdf(&service, &whole, &out, &mut |done| {
        seen = done;
        true
    });
    assert!(saved.unwrap() >= people.len() && out.exists(), "it prints as it stands");
    std::fs::remove_file(&out).unwrap();
    assert_eq!(seen, people.len(), "progress counts sheets");
    let connection = rusqlite::Connection::open(&db).unwrap();
    connection.execute("UPDATE official SET name = '李\u{E000}' WHERE id = ?1", [last.0]).unwrap();
    drop(connection);
    std::fs::write(&out, b"what was there").unwrap();
    let refused = preview::save_pdf(&service, &whole, &out, &mut |_| true).unwrap_err();
    let message = nengli::messages::service_error(Lang::Tc, &refused);
    let staff_no = service.read().official(last).unwrap().unwrap().staff_no.clone();
    assert!(message.contains("U+E000") && message.contains(&format!("李\u{E000}\u{FF08}{staff_no}\u{FF09}")), "{message}");
    assert_eq!(std::fs::read(&out).unwrap(), b"what was there", "the file there is kept");
    let partials: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(partials.is_empty(), "{partials:?}");
}
