//! 干部任免審批表 files: generated `.lrmx` and `.lrm` + `.pic` fixtures read into the roster through
//! the import preview, written back element for element with the photo's bytes intact and
//! 年度考核結果 from the year-end grades, and hostile XML (external entities, billion laughs,
//! deep nesting, undefined entities) refused.

use nengli::domain::cadre::FileFault;
use nengli::domain::yearend::{Grade, Stage, YearEnd, YearEndData};
use nengli::domain::{Field, Lang, Problem};
use nengli::exchange::lrmx;
use nengli::exchange::preview::{Change, Preview, cadre_preview};
use nengli::service::Service;
use nengli::service::cadre::{cadre_file, read_cadre_sources};
use std::path::Path;

/// A valid 身份證號 for a birth day (the check digit computed as GB 11643 does).
pub(crate) fn id_number(region: &str, birth: &str, seq: &str) -> String {
    let body = format!("{region}{birth}{seq}");
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = body.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    format!("{body}{}", CHECK[(sum % 11) as usize])
}

/// A small PNG standing for the 376 × 460 photo.
pub(crate) fn photo() -> Vec<u8> {
    let image = image::RgbImage::from_fn(38, 46, |x, y| image::Rgb([(x * 6) as u8, (y * 5) as u8, 120]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The elements of a fixture person, in the editor's order, as (element, text); the family
/// members are written apart.
fn person(name: &str, id: &str) -> Vec<(&'static str, String)> {
    [
        ("XingMing", name),
        ("XingBie", "男"),
        ("ChuShengNianYue", "198103"),
        ("MinZu", "漢族"),
        ("JiGuan", "湖南衡陽"),
        ("ChuShengDi", "湖南長沙"),
        ("RuDangShiJian", "200306"),
        ("CanJiaGongZuoShiJian", "200307"),
        ("JianKangZhuangKuang", "健康"),
        ("ZhuanYeJiShuZhiWu", "經濟師"),
        ("ShuXiZhuanYeYouHeZhuanChang", "稅收征管 & 數據分析"),
        ("QuanRiZhiJiaoYu_XueLi", "大學"),
        ("QuanRiZhiJiaoYu_XueWei", "經濟學學士"),
        ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "湖南大學財政系"),
        ("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "湖南大學財政學專業"),
        ("ZaiZhiJiaoYu_XueLi", "研究生"),
        ("ZaiZhiJiaoYu_XueWei", "管理學碩士"),
        ("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "中南大學商學院"),
        ("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "中南大學工商管理專業"),
        ("XianRenZhiWu", "辦公室一級主任科員"),
        ("NiRenZhiWu", "辦公室副主任"),
        ("NiMianZhiWu", ""),
        ("JianLi", "1999.09--2003.07  湖南大學財政系財政學專業學習\n2003.07--2008.12  某縣稅務局辦稅服務廳科員\n2008.12--  某縣稅務局辦公室科員、一級主任科員"),
        ("JiangChengQingKuang", "2010年度嘉獎。"),
        ("NianDuKaoHeJieGuo", "2009、2010年度考核稱職，2011年度考核優秀。"),
        ("RenMianLiYou", "工作需要 <崗位交流>"),
        ("ChengBaoDanWei", "某縣稅務局"),
        ("JiSuanNianLingShiJian", "201301"),
        ("TianBiaoShiJian", "20130105"),
        ("TianBiaoRen", "李文"),
        ("ShenFenZheng", id),
    ]
    .into_iter()
    .map(|(e, t)| (e, t.to_owned()))
    .collect()
}

const FAMILY: [[&str; 5]; 2] =
    [["妻子", "王芳", "198205", "中共黨員", "某市第一中學教師"], ["兒子", "劉洋", "20080916", "群眾", "某市實驗小學學生"]];

/// A `.lrmx` as the editor writes it, with `&`, `<` escaped and CR LF line ends.
pub(crate) fn lrmx_text(name: &str, id: &str, picture: &[u8]) -> String {
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\n', "\r\n");
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Person>\r\n");
    for (element, text) in person(name, id) {
        if element == "ChengBaoDanWei" {
            xml.push_str("  <JiaTingChengYuan>\r\n");
            for member in FAMILY {
                xml.push_str("    <Item>\r\n");
                for (field, value) in ["ChengWei", "XingMing", "ChuShengRiQi", "ZhengZhiMianMao", "GongZuoDanWeiJiZhiWu"].iter().zip(member)
                {
                    xml.push_str(&format!("      <{field}>{}</{field}>\r\n", esc(value)));
                }
                xml.push_str("    </Item>\r\n");
            }
            xml.push_str("  </JiaTingChengYuan>\r\n");
        }
        xml.push_str(&format!("  <{element}>{}</{element}>\r\n", esc(&text)));
    }
    xml.push_str(&format!("  <ZhaoPian>{}</ZhaoPian>\r\n  <Version>3.2.1.16</Version>\r\n</Person>\r\n", b64(picture)));
    xml
}

/// Every element's path and text, in order (line ends as an XML reader gives them).
fn elements(xml: &[u8]) -> Vec<(String, String)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let (mut path, mut out, mut text, mut buf) = (Vec::<String>::new(), Vec::new(), String::new(), Vec::new());
    loop {
        match reader.read_event_into(&mut buf).unwrap() {
            Event::Start(s) => {
                path.push(s.local_name().as_ref().to_owned());
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push(match &*r {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                _ => '\'',
            }),
            Event::End(_) => {
                out.push((path.join("/"), text.trim().to_owned()));
                path.pop();
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

fn preview_of(service: &Service, path: &Path) -> Preview {
    let sources = read_cadre_sources(path).unwrap();
    let lookup = service.cadre_lookup(&sources).unwrap();
    cadre_preview("test", &sources, &lookup, Lang::Tc)
}

#[test]
fn an_lrmx_imported_then_exported_is_the_same_file_element_for_element() {
    let mut service = crate::support::demo();
    let dir = tempfile::tempdir().unwrap();
    let picture = photo();
    let id = id_number("430421", "19810315", "123");
    let source = lrmx_text("劉建國", &id, &picture);
    std::fs::write(dir.path().join("劉建國.lrmx"), &source).unwrap();
    let preview = preview_of(&service, dir.path());
    assert_eq!(preview.rows.len(), 1);
    assert_eq!(preview.rows[0].change, Change::New, "{:?}", preview.rows[0].problems);
    let audits = crate::support::audit_count(&service);
    let summary = service.import(&preview, &mut |_, _| true).unwrap();
    assert_eq!((summary.created, summary.updated), (1, 0));
    assert_eq!(crate::support::audit_count(&service), audits + 1, "one audit row for the import");

    let official = service.read().officials().unwrap().into_iter().find(|o| o.identity.id_number == id).unwrap();
    assert_eq!(official.position_title, "一級主任科員");
    assert_eq!(service.photo(official.id).unwrap().unwrap().bytes, picture, "the photo's bytes as the file held them");
    let record = service.cadre(official.id).unwrap();
    assert_eq!(record.resume.len(), 3);
    assert_eq!(record.family[1].birth, "2008-09-16", "a day stays a day");

    let written = lrmx::write_lrmx(&cadre_file(&service, official.id, Lang::Tc).unwrap());
    assert_eq!(elements(&written), elements(source.as_bytes()));
    // A file read again is unchanged.
    std::fs::write(dir.path().join("劉建國.lrmx"), &written).unwrap();
    assert_eq!(preview_of(&service, dir.path()).rows[0].change, Change::Unchanged);
}

#[test]
fn a_changed_file_lists_its_changes_and_matches_by_name_and_birth_month_without_an_id() {
    let mut service = crate::support::demo();
    let dir = tempfile::tempdir().unwrap();
    let id = id_number("430421", "19810315", "123");
    std::fs::write(dir.path().join("a.lrmx"), lrmx_text("劉建國", &id, &photo())).unwrap();
    let preview = preview_of(&service, &dir.path().join("a.lrmx"));
    service.import(&preview, &mut |_, _| true).unwrap();
    let changed =
        lrmx_text("劉建國", "", &photo()).replace("經濟師", "高級經濟師").replace("2010年度嘉獎。", "2010年度嘉獎，2012年度記三等功。");
    std::fs::write(dir.path().join("a.lrmx"), changed).unwrap();
    let preview = preview_of(&service, &dir.path().join("a.lrmx"));
    let row = &preview.rows[0];
    assert_eq!(row.change, Change::Changed, "{:?}", row.problems);
    let fields: Vec<Field> = row.changes.iter().map(|c| c.field).collect();
    assert!(fields.contains(&Field::Rewards) && fields.contains(&Field::Appointment), "{fields:?}");
    assert!(!fields.contains(&Field::IdNumber), "a file without a 身份證號 keeps the one held: {fields:?}");
    let rewards = row.changes.iter().find(|c| c.field == Field::Rewards).unwrap();
    assert_eq!((rewards.before.as_str(), rewards.after.as_str()), ("2010年度嘉獎。", "2010年度嘉獎，2012年度記三等功。"));
}

#[test]
fn the_assessment_is_written_from_the_year_end_grades_of_the_last_three_years() {
    let mut service = crate::support::demo();
    let me = crate::support::official_id(&service, "GS00001");
    let grades = [(2021, Grade::Basic), (2022, Grade::Competent), (2023, Grade::Competent), (2024, Grade::Excellent)];
    service
        .store_mut()
        .write(|db| -> Result<(), nengli::store::StoreError> {
            for (year, grade) in grades {
                let data = YearEndData {
                    grade: Some(grade),
                    rewards: if year == 2024 { "嘉獎".into() } else { String::new() },
                    ..Default::default()
                };
                db.save_yearend(&YearEnd {
                    id: 0,
                    uuid: format!("ye-{year}"),
                    official: me,
                    year,
                    stage: Stage::Locked,
                    data,
                    version: 1,
                })?;
            }
            // A grade not yet decided does not count.
            let data = YearEndData { grade: Some(Grade::Incompetent), ..Default::default() };
            db.save_yearend(&YearEnd {
                id: 0,
                uuid: "ye-2025".into(),
                official: me,
                year: 2025,
                stage: Stage::Commented,
                data,
                version: 1,
            })?;
            Ok(())
        })
        .unwrap();
    let file = cadre_file(&service, me, Lang::Tc).unwrap();
    assert_eq!(file.record.assessment, "2022、2023年度考核稱職，2024年度考核優秀。");
    assert_eq!(file.record.rewards, "2024年：嘉獎");
    assert_eq!(cadre_file(&service, me, Lang::Sc).unwrap().record.assessment, "2022、2023年度考核称职，2024年度考核优秀。");
}

#[test]
fn an_lrm_with_its_pic_is_read() {
    let mut service = crate::support::demo();
    let dir = tempfile::tempdir().unwrap();
    let picture = photo();
    let id = id_number("430421", "19810315", "123");
    let file = lrmx::read_lrmx(lrmx_text("劉建國", &id, &picture).as_bytes()).unwrap();
    let bytes = lrmx::write_lrm(&lrmx::CadreFile { photo: None, ..file.clone() });
    assert!(std::str::from_utf8(&bytes).is_err(), "an .lrm is GB2312, not UTF-8");
    std::fs::write(dir.path().join("劉建國.lrm"), bytes).unwrap();
    std::fs::write(dir.path().join("劉建國.pic"), &picture).unwrap();
    let read = lrmx::read_file(&dir.path().join("劉建國.lrm")).unwrap();
    assert_eq!(read, file);
    let preview = preview_of(&service, dir.path());
    assert_eq!(preview.rows[0].change, Change::New, "{:?}", preview.rows[0].problems);
    service.import(&preview, &mut |_, _| true).unwrap();
    let official = service.read().officials().unwrap().into_iter().find(|o| o.identity.id_number == id).unwrap();
    assert_eq!(service.photo(official.id).unwrap().unwrap().bytes, picture);
    assert_eq!(service.cadre(official.id).unwrap().family.len(), 2);
}

#[test]
fn hostile_xml_is_refused_and_nothing_is_stored() {
    let mut service = crate::support::demo();
    let dir = tempfile::tempdir().unwrap();
    let xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE Person [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<Person><XingMing>&xxe;</XingMing></Person>";
    let mut laughs = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        laughs.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&lol{};", if i == 1 { String::new() } else { (i - 1).to_string() }).repeat(10)
        ));
    }
    laughs.push_str("]>\n<Person><XingMing>&lol9;</XingMing></Person>");
    let deep = format!("<Person>{}{}</Person>", "<a>".repeat(100), "</a>".repeat(100));
    let undefined = "<Person><XingMing>&lol;</XingMing></Person>";
    let files =
        [("1-xxe.lrmx", xxe.to_owned()), ("2-laughs.lrmx", laughs), ("3-deep.lrmx", deep), ("4-undefined.lrmx", undefined.to_owned())];
    for (name, text) in &files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    std::fs::write(dir.path().join("5-good.lrmx"), lrmx_text("劉建國", &id_number("430421", "19810315", "123"), &photo())).unwrap();
    let preview = preview_of(&service, dir.path());
    let faults: Vec<Option<Problem>> = preview.rows.iter().map(|r| r.problems.first().map(|p| p.problem.clone())).collect();
    assert_eq!(
        faults,
        [
            Some(Problem::BadCadreFile(FileFault::Declarations)),
            Some(Problem::BadCadreFile(FileFault::Declarations)),
            Some(Problem::BadCadreFile(FileFault::TooDeep)),
            Some(Problem::BadCadreFile(FileFault::NotXml)),
            None
        ]
    );
    let before = service.read().official_count().unwrap();
    assert!(service.import(&preview, &mut |_, _| true).is_err(), "all or nothing");
    assert_eq!(service.read().official_count().unwrap(), before);
    assert_eq!(lrmx::read_lrmx(&vec![b' '; 9 * 1024 * 1024]), Err(FileFault::TooLarge));
}

#[test]
fn the_command_line_imports_a_folder_and_exports_one_file_per_official() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    crate::support::demo_file(&db);
    let files = dir.path().join("in");
    std::fs::create_dir(&files).unwrap();
    std::fs::write(files.join("a.lrmx"), lrmx_text("劉建國", &id_number("430421", "19810315", "123"), &photo())).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_nengli"))
            .args(["--lang", "en", "--db", db.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
    };
    let (code, text) = run(&["import", "lrmx", files.to_str().unwrap(), "--dry-run"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("1 appointment forms read"), "{text}");
    let (code, text) = run(&["import", "lrmx", files.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{text}");
    let out = dir.path().join("out");
    let (code, text) = run(&["export", "lrmx", "--staff", "GS00001,GS00002", "--dir", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{text}");
    let mut names: Vec<String> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names.len(), 2);
    assert!(names[0].starts_with("GS00001-") && names[0].ends_with(".lrmx"), "{names:?}");
    let written = std::fs::read(out.join(&names[0])).unwrap();
    let tags: Vec<String> = elements(&written).into_iter().filter(|(p, _)| p.matches('/').count() == 1).map(|(p, _)| p).collect();
    let expected: Vec<String> = lrmx::element_names().iter().map(|e| format!("Person/{e}")).collect();
    let mut sorted = tags.clone();
    sorted.sort();
    let mut wanted = expected.clone();
    wanted.sort();
    assert_eq!(sorted, wanted);
    let (code, text) = run(&["export", "lrmx", "--dir", out.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{text}");
    let pdf = dir.path().join("forms.pdf");
    let (code, text) = run(&["print", "appointment-form", "--staff", "GS00001,GS00002", "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{text}");
    let printed = crate::report::squeeze(&crate::report::pdf_text(&std::fs::read(&pdf).unwrap()));
    assert_eq!(printed.matches("擬任職務").count(), 2, "a form for each person named: {printed}");
    let (code, text) = run(&["print", "appointment-form", "--out", pdf.to_str().unwrap()]);
    assert_ne!(code, Some(0), "a print names its people: {text}");
}

/// The imported fixture person's printed 干部任免審批表: its layout's pages and the PDF.
fn printed_form(lang: Lang) -> (Vec<nengli::report::layout::Page>, Vec<u8>) {
    use nengli::report::layout;
    use nengli::service::printing::{self, Printout, Scope};
    let mut service = crate::support::demo();
    let dir = tempfile::tempdir().unwrap();
    let id = id_number("430421", "19810315", "123");
    std::fs::write(dir.path().join("a.lrmx"), lrmx_text("劉建國", &id, &photo())).unwrap();
    service.import(&preview_of(&service, dir.path()), &mut |_, _| true).unwrap();
    let official = service.read().officials().unwrap().into_iter().find(|o| o.identity.id_number == id).unwrap();
    let printout = Printout::AppointmentForms { scope: Scope::Official(official.id), staff: Vec::new() };
    let document = printing::document(&service, &printout, lang).unwrap().unwrap();
    let pages = layout::layout(&document, layout::A4, nengli::report::metrics::for_lang(lang));
    let bytes = nengli::report::pages_pdf(&document.title, &pages, layout::A4, lang).unwrap();
    (pages, bytes)
}

#[test]
fn the_appointment_form_prints_every_label_and_value_on_two_pages_with_the_photo_in_its_box() {
    use crate::report::squeeze;
    let (pages, bytes) = printed_form(Lang::Tc);
    assert_eq!(pages.len(), 2, "the form's two pages");
    // What the PDF says, page by page, is what the layout placed there, character for
    // character (the reader orders the words of a box's foot its own way).
    let sorted = |text: &str| {
        let mut chars: Vec<char> = squeeze(text).chars().collect();
        chars.sort_unstable();
        chars
    };
    let file = crate::pdfread::Pdf::new(&bytes);
    let read: Vec<String> = (1..=file.pages()).map(|page| file.page_text(page)).collect();
    for (page, read) in pages.iter().zip(&read) {
        assert_eq!(sorted(read), sorted(&page.text()), "read back from the PDF: {read}");
    }
    let by_page: Vec<String> = pages.iter().map(|p| squeeze(&p.text())).collect();
    let first = &by_page[0];
    // Each label, then its value, in the form's reading order.
    let page_one = [
        "干部任免審批表",
        "姓名",
        "劉建國",
        "性別",
        "男",
        "出生年月（歲）",
        "1981.03（31歲）",
        "民族",
        "漢族",
        "籍貫",
        "湖南衡陽",
        "出生地",
        "湖南長沙",
        "入黨時間",
        "2003.06",
        "參加工作時間",
        "2003.07",
        "健康狀況",
        "健康",
        "專業技術職務",
        "經濟師",
        "熟悉專業有何專長",
        "稅收征管&數據分析",
        "全日制教育",
        "大學",
        "經濟學學士",
        "畢業院校系及專業",
        "湖南大學財政系",
        "湖南大學財政學專業",
        "在職教育",
        "研究生",
        "管理學碩士",
        "畢業院校系及專業",
        "中南大學商學院",
        "中南大學工商管理專業",
        "現任職務",
        "辦公室一級主任科員",
        "擬任職務",
        "辦公室副主任",
        "擬免職務",
        "簡歷",
        "1999.09--2003.07湖南大學財政系財政學專業學習",
        "2003.07--2008.12某縣稅務局辦稅服務廳科員",
        "2008.12--某縣稅務局辦公室科員、一級主任科員",
    ];
    let page_two = [
        "獎懲情況",
        "2010年度嘉獎。",
        "年度考核結果",
        "2009、2010年度考核稱職，2011年度考核優秀。",
        "任免理由",
        "工作需要<崗位交流>",
        "家庭主要成員及重要社會關係",
        "稱謂",
        "姓名",
        "出生日期",
        "政治面貌",
        "工作單位及職務",
        "妻子",
        "王芳",
        "1982.05",
        "中共黨員",
        "某市第一中學教師",
        "兒子",
        "劉洋",
        "2008.09",
        "群眾",
        "某市實驗小學學生",
        "呈報單位",
        "某縣稅務局",
        "審批機關意見",
        "（蓋章）",
        "行政機關任免意見",
        "（蓋章）",
        "填表人",
        "李文",
        "填表時間：2013.01",
    ];
    for (page, expected) in [(first, &page_one[..]), (&by_page[1], &page_two[..])] {
        let mut from = 0;
        for text in expected {
            let at = page[from..].find(text).unwrap_or_else(|| panic!("{text} after {from} in {page}"));
            from += at + text.len();
        }
    }
    assert!(first.contains("學歷學位") && !first.contains("照片"), "學歷學位 over its two rows; the photo in place of its label");
    // The photo: an image XObject of the file's pixels on page 1, in the top right box.
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let first_page = *pdf.get_pages().get(&1).unwrap();
    let images = pdf.get_page_images(first_page).unwrap();
    assert_eq!(images.len(), 1, "one picture");
    assert_eq!((images[0].width, images[0].height), (38, 46), "the photo's own pixels");
    let drawn = |page: u32| {
        let id = *pdf.get_pages().get(&page).unwrap();
        pdf.get_and_decode_page_content(id).unwrap().operations.iter().filter(|o| o.operator == "Do").count()
    };
    assert_eq!((drawn(1), drawn(2)), (1, 0), "drawn once, on page 1");
    let (x, y, width, height) = pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            nengli::report::layout::Item::Image { x, y, width, height, .. } => Some((x.0, y.0, width.0, height.0)),
            _ => None,
        })
        .unwrap();
    assert!(x > 150.0 && x + width <= 190.01 && y < 80.0, "at the top right: {x} {y} {width} {height}");
    assert!((width / height - 38.0 / 46.0).abs() < 0.01, "never stretched");
}

/// A 簡歷 longer than its box goes on on continuation pages after page 2, every line kept and
/// every later page naming whose form it is.
#[test]
fn a_long_resume_goes_on_on_continuation_pages() {
    use nengli::service::printing::{self, Printout, Scope};
    let mut service = crate::support::demo();
    let official = service.read().officials().unwrap().remove(0);
    let resume: Vec<String> = (0..120).map(|i| format!("{}.01--{}.01  某縣稅務局第{i}科科員", 1900 + i, 1901 + i)).collect();
    let record = nengli::domain::cadre::CadreRecord { resume: resume.clone(), ..Default::default() };
    let _ = service.execute(nengli::service::command::RosterCommand::SetCadre { id: official.id, record: Box::new(record) }).unwrap();
    let printout = Printout::AppointmentForms { scope: Scope::Official(official.id), staff: Vec::new() };
    let document = printing::document(&service, &printout, Lang::Tc).unwrap().unwrap();
    let pages = nengli::report::layout::layout(&document, nengli::report::layout::A4, nengli::report::metrics::for_lang(Lang::Tc));
    assert!(pages.len() >= 4, "{} pages", pages.len());
    assert!(pages[1].text().contains("獎懲情況"), "page 2 stays the form's second page");
    assert!(pages[2].text().contains("續頁1") && pages[2].text().contains("簡歷（續）"));
    // (A line's run of spaces prints as one.)
    let all = crate::report::squeeze(&pages.iter().map(|p| p.text()).collect::<String>());
    for line in &resume {
        assert_eq!(all.matches(&crate::report::squeeze(line)).count(), 1, "{line} printed once");
    }
    for page in &pages[1..] {
        assert!(page.text().contains(&official.name), "every later page names the person");
    }
}

/// Both pages look like their reference images (rendered at 40 dpi; a quarter of a percent of
/// the pixels may differ: font rasterising, not a moved line, box or photo).
#[test]
fn the_appointment_form_looks_like_its_reference_images() {
    use crate::report::{differing, grey_pixels, render_page};
    let (_, bytes) = printed_form(Lang::Tc);
    let reference = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    for page in 1..=2 {
        let rendered = render_page(&bytes, page, 40);
        let path = reference.join(format!("appointment-{page}.png"));
        if std::env::var_os("NENGLI_UPDATE_REFERENCE").is_some() {
            std::fs::write(&path, &rendered).unwrap();
        }
        let expected = std::fs::read(&path).expect("the reference image (made with NENGLI_UPDATE_REFERENCE=1 cargo test)");
        let (got_size, want_size) = (grey_pixels(&rendered), grey_pixels(&expected));
        assert_eq!((got_size.0, got_size.1), (want_size.0, want_size.1), "page {page}");
        let off = differing(&got_size.2, &want_size.2);
        assert!(off * 400 < got_size.2.len(), "page {page}: {off} of {} pixels differ from the reference", got_size.2.len());
    }
}
