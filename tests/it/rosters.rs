//! 花名冊 made the way county bureaus make them, by this generator (kept here so the set can be
//! renewed: `NENGLI_ROSTERS=DIR cargo test --test it rosters` also writes the files into DIR to try
//! by hand), each imported into the demo bureau and compared field by field with the people it was
//! made from: title lines, two-row merged headers, sub-headings, 合計 / 制表人 footers, hidden rows
//! and columns, a WPS workbook opening on its instructions, Excel date cells and numbers, GBK, Big5,
//! UTF-16 and BOM text, 简体 names against 繁體 units, unit paths and a 工作單位及職務 column.

use crate::support::demo;
use nengli::domain::Field;
use nengli::domain::official::Official;
use nengli::exchange::preview::{self, Change, DotOne, DotOneReading, Options};
use nengli::exchange::read::read_bytes;
use nengli::exchange::{Format, Kind};
use nengli::service::Service;
use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Workbook, Worksheet};

/// One person as the bureau knows them: what every roster below is made from.
#[derive(Clone, Debug)]
struct Person {
    name: &'static str,
    gender: &'static str,
    birth: (i32, u32),
    day: u32,
    ethnicity: &'static str,
    native: &'static str,
    political: &'static str,
    party: &'static str,
    work: &'static str,
    education: &'static str,
    degree: &'static str,
    school: &'static str,
    inservice: &'static str,
    inservice_school: &'static str,
    rank: &'static str,
    duty: &'static str,
    position: &'static str,
    unit: &'static str,
    /// The unit as a path from the bureau (for the rosters that write paths).
    path: &'static str,
    since: &'static str,
    region: &'static str,
}

impl Person {
    fn id(&self) -> String {
        let body = format!("{}{}{:02}{:02}{:03}", self.region, self.birth.0, self.birth.1, self.day, 100 + self.name.chars().count());
        let weights = [7u32, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = body.bytes().zip(weights).map(|(b, w)| u32::from(b - b'0') * w).sum();
        format!("{body}{}", ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize])
    }

    fn birth_text(&self) -> String {
        format!("{}.{:02}", self.birth.0, self.birth.1)
    }
}

#[rustfmt::skip]
fn people() -> Vec<Person> {
    let p = |name, gender, birth, day, native, political, party, work, education, degree, school, rank, duty, position, unit, path, since| Person {
        name, gender, birth, day, ethnicity: "漢族", native, political, party, work, education, degree, school,
        inservice: "", inservice_school: "", rank, duty, position, unit, path, since, region: "430421",
    };
    vec![
        Person { inservice: "研究生", inservice_school: "中央黨校經濟管理專業",
            ..p("劉偉", "男", (1968, 10), 9, "湖南衡陽", "中共黨員", "1990.07", "1988.08", "大學", "法學學士", "湘潭大學法學專業",
                "一級主任科員", "鄉科級正職", "辦公室主任", "辦公室", "辦公室", "2009.06") },
        p("王芳", "女", (1975, 1), 21, "湖南長沙", "群眾", "", "1996.07", "大專", "", "湖南稅務高等專科學校稅收專業",
            "二級主任科員", "", "文秘", "辦公室", "辦公室", "2010.03"),
        Person { ethnicity: "土家族",
            ..p("陳建國", "男", (1962, 3), 2, "湖南湘西", "中共黨員", "1984.06", "1982.08", "大學", "經濟學學士", "中南財經大學財政專業",
                "四級調研員", "縣處級副職", "副局長", "局領導班子", "局領導班子", "2008.11") },
        p("李娜", "女", (1988, 12), 30, "江西吉安", "共青團員", "", "2010.08", "大學", "管理學學士", "江西財經大學會計專業",
            "一級科員", "", "稅收管理員", "稅源管理一股", "城關稅務分局/稅源管理一股", "2011.07"),
        p("張小明", "男", (1990, 5), 14, "湖南郴州", "中共預備黨員", "2012.06", "2012.08", "大學", "法學學士", "湖南大學法學專業",
            "試用期", "", "稽查員", "檢查股", "稽查局/檢查股", "2012.09"),
        p("趙麗", "女", (1983, 10), 1, "湖北咸寧", "中共黨員", "2005.05", "2005.08", "研究生", "管理學碩士", "武漢大學行政管理專業",
            "三級主任科員", "鄉科級副職", "征管科副科長", "征管科", "征管科", "2010.01"),
        p("歐陽明華", "男", (1979, 2), 11, "廣東韶關", "中共黨員", "2001.06", "2000.07", "大學", "經濟學學士", "暨南大學經濟學專業",
            "四級主任科員", "", "稅收法制員", "法規科", "法規科", "2011.05"),
        p("孫敏", "女", (1985, 6), 18, "湖南株洲", "群眾", "", "2007.07", "大專", "", "長沙民政職業技術學院會計專業",
            "二級科員", "", "稅收管理員", "開發區稅務分局", "開發區稅務分局", "2012.02"),
        p("周濤", "男", (1971, 11), 25, "湖南衡陽", "中共黨員", "1993.05", "1992.07", "大學", "經濟學學士", "湖南財經學院稅收專業",
            "二級調研員", "縣處級正職", "局長", "局領導班子", "局領導班子", "2007.03"),
        p("吳靜", "女", (1980, 8), 6, "湖南岳陽", "中共黨員", "2003.06", "2002.08", "大學", "文學學士", "湖南師範大學中文專業",
            "一級科員", "", "納稅諮詢員", "辦稅服務廳", "辦稅服務廳", "2009.09"),
    ]
}

/// A cell of a generated workbook.
#[derive(Clone)]
enum C {
    T(String),
    /// A number, as Excel keeps 1968.10 (shown with two decimals) or an old 15-digit ID.
    N(f64),
    /// A date cell shown as `yyyy.mm`.
    D(i32, u32, u32),
    E,
}

fn t(text: impl Into<String>) -> C {
    C::T(text.into())
}

fn write_rows(sheet: &mut Worksheet, rows: &[Vec<C>], first_row: u32) {
    let month = XFormat::new().set_num_format("yyyy.mm");
    let two = XFormat::new().set_num_format("0.00");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (first_row + r as u32, c as u16);
            match cell {
                C::T(text) => {
                    sheet.write_string(r, c, text).unwrap();
                }
                C::N(n) if n.fract() != 0.0 => {
                    sheet.write_number_with_format(r, c, *n, &two).unwrap();
                }
                C::N(n) => {
                    sheet.write_number(r, c, *n).unwrap();
                }
                C::D(y, m, d) => {
                    sheet
                        .write_datetime_with_format(r, c, ExcelDateTime::from_ymd(*y as u16, *m as u8, *d as u8).unwrap(), &month)
                        .unwrap();
                }
                C::E => {}
            }
        }
    }
}

/// Where a person's unit cell says it: by name, by path from the bureau, in 简体, or with the post.
#[derive(Clone, Copy)]
enum UnitAs {
    Name,
    Path,
    Simplified,
    WithPost,
}

fn unit_cell(p: &Person, how: UnitAs) -> String {
    match how {
        UnitAs::Name => p.unit.to_owned(),
        UnitAs::Path => format!("示範縣國家稅務局-{}", p.path.replace('/', "-")),
        UnitAs::Simplified => fast2s::convert(p.unit),
        UnitAs::WithPost => format!("{}{}", p.unit, p.position),
    }
}

/// A roster file and what it carries, to be compared field by field.
struct Roster {
    file: &'static str,
    bytes: Vec<u8>,
    format: Format,
    /// The fields the file carries for everyone.
    fields: Vec<Field>,
    /// Names written in 简体.
    simplified: bool,
    options: Options,
    /// Rows the preview must list as skipped, and rows it must leave unticked as hidden.
    skipped: usize,
    hidden_rows: usize,
}

/// 1. Title and unit/date lines above the header, Excel date cells for months, ID numbers as
///    text, a 合計 / 制表人 / 審核人 footer.
fn title_rows(people: &[Person]) -> Roster {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("花名冊").unwrap();
    let mut rows = vec![
        vec![t("示範縣國家稅務局幹部花名冊")],
        vec![t("填報單位（蓋章）：示範縣國家稅務局人事教育科"), C::E, C::E, C::E, C::E, C::E, C::E, t("填報日期：2013年2月28日")],
        [
            "序號",
            "姓名",
            "性別",
            "民族",
            "出生年月",
            "籍貫",
            "政治面貌",
            "入黨時間",
            "參加工作時間",
            "所在科室",
            "現任職務",
            "職級",
            "任現職時間",
            "最高學歷",
            "身份證號",
        ]
        .iter()
        .map(|h| t(*h))
        .collect(),
    ];
    for (i, p) in people.iter().enumerate() {
        let (py, pm) = p.party.split_once('.').map_or((0, 0), |(y, m)| (y.parse().unwrap(), m.parse().unwrap()));
        rows.push(vec![
            C::N((i + 1) as f64),
            t(p.name),
            t(p.gender),
            t(p.ethnicity),
            C::D(p.birth.0, p.birth.1, 1),
            t(p.native),
            t(p.political),
            if p.party.is_empty() { C::E } else { C::D(py, pm, 1) },
            t(p.work),
            t(unit_cell(p, UnitAs::Name)),
            t(p.position),
            t(p.rank),
            t(p.since),
            t(p.education),
            t(p.id()),
        ]);
    }
    rows.push(vec![t(format!("合計：{}人", people.len()))]);
    rows.push(vec![t("制表人：王芳"), C::E, C::E, C::E, t("審核人：劉偉")]);
    write_rows(sheet, &rows, 0);
    Roster {
        file: "01-標題行與表尾.xlsx",
        bytes: book.save_to_buffer().unwrap(),
        format: Format::Xlsx,
        fields: vec![
            Field::Name,
            Field::Gender,
            Field::Ethnicity,
            Field::Birth,
            Field::NativePlace,
            Field::Political,
            Field::PartySince,
            Field::WorkSince,
            Field::Unit,
            Field::PositionTitle,
            Field::Rank,
            Field::PostSince,
            Field::Education,
            Field::IdNumber,
        ],
        simplified: false,
        options: Options::default(),
        skipped: 2,
        hidden_rows: 0,
    }
}

/// 2. A two-row merged header (全日制教育 / 在職教育 over 學歷學位 and 畢業院校系及專業), group
///    sub-headings, names padded the way clerks align two-character names, months as numbers.
fn merged_header(people: &[Person]) -> Roster {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let merged = XFormat::new();
    sheet.merge_range(0, 6, 0, 7, "全日制教育", &merged).unwrap();
    sheet.merge_range(0, 8, 0, 9, "在職教育", &merged).unwrap();
    for (c, h) in
        ["序號", "姓名", "性別", "出生年月", "單位", "職務", "", "", "", "", "職級", "領導職務層次", "身份證號"].iter().enumerate()
    {
        if !h.is_empty() {
            sheet.merge_range(0, c as u16, 1, c as u16, h, &merged).unwrap();
        }
    }
    let mut rows =
        vec![vec![C::E, C::E, C::E, C::E, C::E, C::E, t("學歷學位"), t("畢業院校系及專業"), t("學歷學位"), t("畢業院校系及專業")]];
    let mut last_unit = "";
    let mut headings = 0;
    for (i, p) in people.iter().enumerate() {
        if p.unit != last_unit {
            rows.push(vec![t(format!("（{}）{}", i + 1, p.unit))]);
            last_unit = p.unit;
            headings += 1;
        }
        let name: String =
            if p.name.chars().count() == 2 { p.name.chars().map(String::from).collect::<Vec<_>>().join("　") } else { p.name.to_owned() };
        let education = if p.degree.is_empty() { p.education.to_owned() } else { format!("{}\n{}", p.education, p.degree) };
        rows.push(vec![
            C::N((i + 1) as f64),
            t(name),
            t(p.gender),
            C::N(f64::from(p.birth.0) + f64::from(p.birth.1) / 100.0),
            t(unit_cell(p, UnitAs::Name)),
            t(p.position),
            t(education),
            t(p.school),
            t(p.inservice),
            t(p.inservice_school),
            t(p.rank),
            t(p.duty),
            t(p.id()),
        ]);
    }
    write_rows(sheet, &rows, 1);
    Roster {
        file: "02-雙行表頭與分組.xlsx",
        bytes: book.save_to_buffer().unwrap(),
        format: Format::Xlsx,
        fields: vec![
            Field::Name,
            Field::Gender,
            Field::Birth,
            Field::Unit,
            Field::PositionTitle,
            Field::Education,
            Field::Degree,
            Field::School,
            Field::InserviceEducation,
            Field::InserviceSchool,
            Field::Rank,
            Field::DutyLevel,
            Field::IdNumber,
        ],
        simplified: false,
        options: Options::default(),
        skipped: headings,
        hidden_rows: 0,
    }
}

/// 3. A hidden row (a person transferred out) and a hidden column (家庭住址), units as paths with
///    the bureau's name, 任現職時間 as days.
fn hidden(people: &[Person]) -> Roster {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut rows = vec![
        ["姓名", "性別", "出生年月", "家庭住址", "工作單位", "職級", "任現職時間", "身份證號"].iter().map(|h| t(*h)).collect::<Vec<_>>(),
    ];
    for p in people {
        rows.push(vec![
            t(p.name),
            t(p.gender),
            t(p.birth_text()),
            t("衡陽市某路1號"),
            t(unit_cell(p, UnitAs::Path)),
            t(p.rank),
            t(format!("{}.15", p.since)),
            t(p.id()),
        ]);
    }
    rows.push(vec![t("調出者"), t("男"), t("1970.01"), t(""), t("辦公室"), t("一級科員"), t(""), t("")]);
    write_rows(sheet, &rows, 0);
    sheet.set_row_hidden(rows.len() as u32 - 1).unwrap();
    sheet.set_column_hidden(3).unwrap();
    Roster {
        file: "03-隱藏行列與路徑.xlsx",
        bytes: book.save_to_buffer().unwrap(),
        format: Format::Xlsx,
        fields: vec![Field::Name, Field::Gender, Field::Birth, Field::Unit, Field::Rank, Field::IdNumber],
        simplified: false,
        options: Options::default(),
        skipped: 0,
        hidden_rows: 1,
    }
}

/// 4. A WPS workbook that opens on its instructions sheet, with the header repeated mid-sheet
///    (printed in pages) and 出生年月 as `1985年3月`.
fn wps(people: &[Person]) -> Roster {
    let mut book = Workbook::new();
    write_rows(
        book.add_worksheet().set_name("填表說明").unwrap(),
        &[vec![t("1. 出生年月按身份證填寫")], vec![t("2. 職級按2019年套轉後填寫")]],
        0,
    );
    let sheet = book.add_worksheet().set_name("人員名單").unwrap();
    let header: Vec<C> = ["序号", "姓名", "性别", "出生年月", "部门", "现任职务", "职级", "身份证号码"].iter().map(|h| t(*h)).collect();
    let mut rows = vec![header.clone()];
    for (i, p) in people.iter().enumerate() {
        if i == people.len() / 2 {
            rows.push(header.clone());
        }
        rows.push(vec![
            C::N((i + 1) as f64),
            t(p.name),
            t(p.gender),
            t(format!("{}年{}月", p.birth.0, p.birth.1)),
            t(unit_cell(p, UnitAs::Name)),
            t(p.position),
            t(fast2s::convert(p.rank)),
            t(p.id()),
        ]);
    }
    write_rows(sheet, &rows, 0);
    Roster {
        file: "04-WPS說明頁與重複表頭.xlsx",
        bytes: book.save_to_buffer().unwrap(),
        format: Format::Xlsx,
        fields: vec![Field::Name, Field::Gender, Field::Birth, Field::Unit, Field::PositionTitle, Field::Rank, Field::IdNumber],
        simplified: false,
        options: Options::default(),
        skipped: 1,
        hidden_rows: 0,
    }
}

fn csv_line(cells: &[String], separator: &str) -> String {
    cells
        .iter()
        .map(|c| if c.contains(separator) || c.contains('"') { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.clone() })
        .collect::<Vec<_>>()
        .join(separator)
}

/// 5. A GBK CSV as Chinese Excel saves it: 简体 throughout, months Excel shortened (1968.10 as
///    1968.1, beside 1975.01), no staff numbers, no ID numbers.
fn gbk(people: &[Person]) -> Roster {
    let mut lines = vec![csv_line(&["姓名", "性别", "出生年月", "所在科室", "职级", "政治面貌", "参加工作时间"].map(String::from), ",")];
    for p in people {
        let shortened = |text: String| text.strip_suffix('0').filter(|t| t.ends_with(".1")).map(str::to_owned).unwrap_or(text);
        lines.push(csv_line(
            &[
                fast2s::convert(p.name),
                fast2s::convert(p.gender),
                shortened(p.birth_text()),
                unit_cell(p, UnitAs::Simplified),
                fast2s::convert(p.rank),
                fast2s::convert(p.political),
                shortened(p.work.to_owned()),
            ],
            ",",
        ));
    }
    Roster {
        file: "05-GBK.csv",
        bytes: encoding_rs::GB18030.encode(&(lines.join("\r\n") + "\r\n")).0.into_owned(),
        format: Format::Csv,
        fields: vec![Field::Name, Field::Gender, Field::Birth, Field::Unit, Field::Rank, Field::Political, Field::WorkSince],
        simplified: true,
        options: Options::default(),
        skipped: 0,
        hidden_rows: 0,
    }
}

/// 6. A UTF-8 CSV with a byte-order mark, as an export from another system: a 序號 column,
///    months as `198503`, the leadership level in its own column.
fn bom(people: &[Person]) -> Roster {
    let mut lines = vec![csv_line(&["序號", "姓名", "性別", "出生日期", "單位", "職務層次", "職級", "健康狀況"].map(String::from), ",")];
    for (i, p) in people.iter().enumerate() {
        lines.push(csv_line(
            &[
                (i + 1).to_string(),
                p.name.into(),
                p.gender.into(),
                format!("{}{:02}", p.birth.0, p.birth.1),
                p.unit.into(),
                if p.duty.is_empty() { "股級".into() } else { p.duty.into() },
                p.rank.into(),
                "健康".into(),
            ],
            ",",
        ));
    }
    Roster {
        file: "06-UTF8-BOM.csv",
        bytes: [b"\xEF\xBB\xBF".as_slice(), lines.join("\n").as_bytes()].concat(),
        format: Format::Csv,
        fields: vec![Field::Name, Field::Gender, Field::Birth, Field::Unit, Field::DutyLevel, Field::Rank],
        simplified: false,
        options: Options::default(),
        skipped: 0,
        hidden_rows: 0,
    }
}

/// 7. Excel's "Unicode text": UTF-16 with a mark, tab-separated, 出生年月 as `1985-03`.
fn unicode_text(people: &[Person]) -> Roster {
    let mut lines = vec![csv_line(&["姓名", "性別", "出生年月", "科室", "現職級", "籍貫", "學歷"].map(String::from), "\t")];
    for p in people {
        lines.push(csv_line(
            &[
                p.name.into(),
                p.gender.into(),
                format!("{}-{:02}", p.birth.0, p.birth.1),
                p.unit.into(),
                p.rank.into(),
                p.native.into(),
                p.education.into(),
            ],
            "\t",
        ));
    }
    let text = lines.join("\r\n");
    let bytes = [vec![0xFF, 0xFE], text.encode_utf16().flat_map(u16::to_le_bytes).collect()].concat();
    Roster {
        file: "07-Unicode文字.txt",
        bytes,
        format: Format::Csv,
        fields: vec![Field::Name, Field::Gender, Field::Birth, Field::Unit, Field::Rank, Field::NativePlace, Field::Education],
        simplified: false,
        options: Options::default(),
        skipped: 0,
        hidden_rows: 0,
    }
}

/// 8. A Big5 CSV with the unit and post in one column (工作單位及職務) and the older level
///    words (正科級, 副處級) in 職務層次.
fn big5(people: &[Person]) -> Roster {
    let level = |duty: &str| match duty {
        "縣處級正職" => "正處級",
        "縣處級副職" => "副處級",
        "鄉科級正職" => "正科級",
        "鄉科級副職" => "副科級",
        _ => "",
    };
    let mut lines = vec![csv_line(&["姓名", "性別", "出生年月", "工作單位及職務", "職務層次", "職級"].map(String::from), ",")];
    for p in people {
        lines.push(csv_line(
            &[p.name.into(), p.gender.into(), p.birth_text(), unit_cell(p, UnitAs::WithPost), level(p.duty).into(), p.rank.into()],
            ",",
        ));
    }
    Roster {
        file: "08-Big5.csv",
        bytes: encoding_rs::BIG5.encode(&lines.join("\r\n")).0.into_owned(),
        format: Format::Csv,
        fields: vec![Field::Name, Field::Gender, Field::Birth, Field::Unit, Field::PositionTitle, Field::DutyLevel, Field::Rank],
        simplified: false,
        options: Options::default(),
        skipped: 0,
        hidden_rows: 0,
    }
}

fn rosters(people: &[Person]) -> Vec<Roster> {
    vec![
        title_rows(people),
        merged_header(people),
        hidden(people),
        wps(people),
        gbk(people),
        bom(people),
        unicode_text(people),
        big5(people),
    ]
}

/// What the stored record says for `field`, as the person's own data would write it.
fn stored(service: &Service, o: &Official, field: Field) -> String {
    let units = service.read().units().unwrap();
    let i = &o.identity;
    match field {
        Field::Name => o.name.clone(),
        Field::Gender => nengli::i18n::gender(nengli::domain::Lang::Tc, o.gender).to_owned(),
        Field::Birth => o.birth.to_string(),
        Field::Ethnicity => i.ethnicity.clone(),
        Field::NativePlace => i.native_place.clone(),
        Field::Political => o.political.clone(),
        Field::PartySince => i.party_since.clone(),
        Field::WorkSince => i.work_since.clone(),
        Field::Unit => units.iter().find(|u| u.id == o.unit).unwrap().name.clone(),
        Field::PositionTitle => o.position_title.clone(),
        Field::Rank => o.rank.map(|r| nengli::i18n::rank(nengli::domain::Lang::Tc, r).to_owned()).unwrap_or_default(),
        Field::DutyLevel => o.duty_level.map(|d| nengli::i18n::duty_level(nengli::domain::Lang::Tc, d).to_owned()).unwrap_or_default(),
        Field::PostSince => o.post_since.map(|s| s.month().to_string()).unwrap_or_default(),
        Field::Education => o.education.clone(),
        Field::Degree => i.degree.clone(),
        Field::School => i.school.clone(),
        Field::InserviceEducation => i.inservice_education.clone(),
        Field::InserviceSchool => i.inservice_school.clone(),
        Field::IdNumber => i.id_number.clone(),
        other => panic!("no comparison for {other:?}"),
    }
}

fn expected(p: &Person, field: Field, simplified: bool) -> String {
    let script = |text: &str| if simplified { fast2s::convert(text) } else { text.to_owned() };
    match field {
        Field::Name => script(p.name),
        Field::Gender => p.gender.to_owned(),
        Field::Birth => p.birth_text(),
        Field::Ethnicity => p.ethnicity.to_owned(),
        Field::NativePlace => p.native.to_owned(),
        Field::Political => script(p.political),
        Field::PartySince => p.party.to_owned(),
        Field::WorkSince => p.work.to_owned(),
        Field::Unit => p.unit.to_owned(),
        Field::PositionTitle => p.position.to_owned(),
        Field::Rank => p.rank.to_owned(),
        Field::DutyLevel => p.duty.to_owned(),
        Field::PostSince => p.since.to_owned(),
        Field::Education => p.education.to_owned(),
        Field::Degree => p.degree.to_owned(),
        Field::School => p.school.to_owned(),
        Field::InserviceEducation => p.inservice.to_owned(),
        Field::InserviceSchool => p.inservice_school.to_owned(),
        Field::IdNumber => p.id(),
        other => panic!("no expectation for {other:?}"),
    }
}

#[test]
fn eight_rosters_made_as_bureaus_make_them_import_with_every_field_right() {
    let people = people();
    let renew = std::env::var_os("NENGLI_ROSTERS").map(std::path::PathBuf::from);
    for roster in rosters(&people) {
        if let Some(dir) = &renew {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(dir.join(roster.file), &roster.bytes).unwrap();
        }
        let mut service = demo();
        let sheets = read_bytes(&roster.bytes, roster.format).unwrap_or_else(|e| panic!("{}: {e}", roster.file));
        let lookup = service.lookup().unwrap();
        let preview = sheets
            .iter()
            .find_map(|s| preview::build_with(Kind::Officials, roster.file, s, &lookup, &roster.options).ok())
            .unwrap_or_else(|| panic!("{}: no sheet's header was found", roster.file));
        let problems: Vec<_> = preview.rows.iter().filter(|r| !r.problems.is_empty()).map(|r| (r.line, r.problems.clone())).collect();
        assert!(problems.is_empty(), "{}: {problems:?}", roster.file);
        assert_eq!(preview.skipped.len(), roster.skipped, "{}: skipped {:?}", roster.file, preview.skipped);
        assert_eq!(preview.rows.iter().filter(|r| r.hidden && !r.selected).count(), roster.hidden_rows, "{}", roster.file);
        assert_eq!(preview.counts().new, people.len(), "{}: every person is new", roster.file);
        service.import(&preview, &mut |_, _| true).unwrap_or_else(|e| panic!("{}: {e:?}", roster.file));
        let stored_people = service.read().officials().unwrap();
        for person in &people {
            let name = expected(person, Field::Name, roster.simplified);
            let official = stored_people.iter().find(|o| o.name == name).unwrap_or_else(|| panic!("{}: {name} not stored", roster.file));
            for field in &roster.fields {
                assert_eq!(
                    stored(&service, official, *field),
                    expected(person, *field, roster.simplified),
                    "{}: {name}'s {field:?}",
                    roster.file
                );
            }
            let tier = official.tier;
            let derived = service.tier_mapping().unwrap().derive(official.duty_level, official.rank);
            assert_eq!(Some(tier), derived, "{}: {name}'s tier follows from 職務 and 職級", roster.file);
            assert!(!official.staff_no.is_empty(), "{}: {name} was given a staff number", roster.file);
        }
        // The same file again changes nothing: people are matched by ID number or name and birth month.
        let again = preview::build_with(
            Kind::Officials,
            roster.file,
            &sheets[preview_sheet(&sheets, &preview)],
            &service.lookup().unwrap(),
            &roster.options,
        )
        .unwrap();
        let counts = again.counts();
        assert_eq!(
            (counts.new, counts.changed),
            (0, 0),
            "{}: {:?}",
            roster.file,
            again.rows.iter().find(|r| r.change != Change::Unchanged)
        );
    }
}

fn preview_sheet(sheets: &[nengli::exchange::read::Sheet], preview: &preview::Preview) -> usize {
    sheets.iter().position(|s| s.name == preview.sheet).unwrap()
}

/// `1968.1` where nothing in the column decides: refused until a reading is chosen; decided by a
/// padded `.01` elsewhere in the column, by a `.10`, or by each person's ID number.
#[test]
fn a_month_written_yyyy_dot_1_is_never_read_silently() {
    let people = people();
    let liu = &people[0];
    let wang = &people[1];
    let sheet = |rows: &[&str]| read_bytes(rows.join("\n").as_bytes(), Format::Csv).unwrap().remove(0);
    let service = demo();
    let lookup = service.lookup().unwrap();
    let build = |rows: &[&str], options: &Options| preview::build_with(Kind::Officials, "t", &sheet(rows), &lookup, options).unwrap();
    // Only `.1` and single digits: nothing decides.
    let undecided =
        build(&["姓名,性別,出生年月,單位,職級", "劉偉,男,1968.1,辦公室,一級科員", "王芳,女,1975.5,辦公室,一級科員"], &Options::default());
    assert_eq!(undecided.months, vec![(Field::Birth, DotOneReading::Undecided)]);
    assert_eq!(undecided.undecided_months(), vec![Field::Birth]);
    assert!(matches!(undecided.rows[0].problems[0].problem, nengli::domain::Problem::AmbiguousMonth { .. }));
    assert!(undecided.rows[1].problems.is_empty(), "1975.5 is May whatever the choice");
    let chosen = build(
        &["姓名,性別,出生年月,單位,職級", "劉偉,男,1968.1,辦公室,一級科員", "王芳,女,1975.5,辦公室,一級科員"],
        &Options { dot_one_all: Some(DotOne::October), ..Options::default() },
    );
    let birth_of = |p: &preview::Preview, row: usize| match &p.rows[row].record {
        Some(preview::Record::Official { data, .. }) => data.birth.to_string(),
        other => panic!("{other:?}"),
    };
    assert_eq!(birth_of(&chosen, 0), "1968.10");
    // Excel's shortening: months padded (.01) and no .10 anywhere — `.1` is October.
    let shortened =
        build(&["姓名,性別,出生年月,單位,職級", "劉偉,男,1968.1,辦公室,一級科員", "王芳,女,1975.01,辦公室,一級科員"], &Options::default());
    assert_eq!(shortened.months, vec![(Field::Birth, DotOneReading::Shortened)]);
    assert_eq!((birth_of(&shortened, 0), birth_of(&shortened, 1)), ("1968.10".into(), "1975.01".into()));
    // A column that writes October as .10 means .1 is January.
    let ten =
        build(&["姓名,性別,出生年月,單位,職級", "王芳,女,1975.1,辦公室,一級科員", "劉偉,男,1968.10,辦公室,一級科員"], &Options::default());
    assert_eq!((ten.months[0].1, birth_of(&ten, 0)), (DotOneReading::TenWritten, "1975.01".into()));
    // The ID number decides each person's birth month.
    let by_id = build(
        &[
            "姓名,性別,出生年月,單位,職級,身份證號",
            &format!("劉偉,男,1968.1,辦公室,一級科員,{}", liu.id()),
            &format!("王芳,女,1975.1,辦公室,一級科員,{}", wang.id()),
        ],
        &Options::default(),
    );
    assert_eq!(by_id.months, vec![(Field::Birth, DotOneReading::IdNumbers)]);
    assert_eq!((birth_of(&by_id, 0), birth_of(&by_id, 1)), ("1968.10".into(), "1975.01".into()));
}

/// A roster in an encoding a bureau's files never come in is refused, never stored garbled.
#[test]
fn text_in_another_encoding_is_refused_with_the_encodings_tried() {
    let shift_jis = encoding_rs::SHIFT_JIS.encode("氏名,性別,生年月日\n山田太郎,男,1985.03\n").0.into_owned();
    let latin1: Vec<u8> = "name,gender,birth,unit\nJos\u{e9},m,1985.03,x\n".chars().map(|c| c as u8).collect();
    for bytes in [shift_jis, latin1] {
        let error = read_bytes(&bytes, Format::Csv).unwrap_err();
        let sentence = nengli::messages::exchange_error(nengli::domain::Lang::Tc, &error);
        assert!(sentence.contains("UTF-8") && sentence.contains("Big5"), "{sentence}");
    }
}

/// Units named as people write them: 简体, full-width, paths with or without the bureau, an alias,
/// and a units sheet exported from another bureau (its root row maps onto this bureau's root).
#[test]
fn units_are_matched_as_people_write_them_and_a_units_sheet_travels_between_bureaus() {
    let mut service = demo();
    let office = service.read().units().unwrap().into_iter().find(|u| u.name == "局領導班子").unwrap();
    let _aliased = service
        .execute(nengli::service::Command::Org(nengli::service::command::OrgCommand::SetUnitAliases {
            id: office.id,
            aliases: vec!["局領導".into()],
        }))
        .unwrap();
    let lookup = service.lookup().unwrap();
    let roster = [
        "姓名,性別,出生年月,單位,職級",
        "甲,男,1980.01,局领导班子,一級科員",
        "乙,男,1980.02,局領導,一級科員",
        "丙,男,1980.03,示範縣國家稅務局 / 城關稅務分局 / 稅源管理一股,一級科員",
        "丁,男,1980.04,城關稅務分局>稅源管理二股,一級科員",
        "戊,男,1980.05,示範縣國家稅務局稽查局,一級科員",
        "己,男,1980.06,稅源管理三股,一級科員",
    ]
    .join("\n");
    let sheet = read_bytes(roster.as_bytes(), Format::Csv).unwrap().remove(0);
    let preview = preview::build(Kind::Officials, "t", &sheet, &lookup).unwrap();
    let unit_of = |row: usize| match &preview.rows[row].record {
        Some(preview::Record::Official { data, .. }) => lookup.units.iter().find(|u| u.id == data.unit).unwrap().name.clone(),
        other => panic!("row {row}: {other:?} {:?}", preview.rows[row].problems),
    };
    assert_eq!(
        [unit_of(0), unit_of(1), unit_of(2), unit_of(3), unit_of(4)],
        ["局領導班子", "局領導班子", "稅源管理一股", "稅源管理二股", "稽查局"]
    );
    assert!(matches!(preview.rows[5].problems[0].problem, nengli::domain::Problem::UnknownUnit { .. }));

    // Another bureau's units sheet: its root row and every reference to it map onto this root.
    let units = [
        "機構名稱,上級機構,機構類別",
        "某某縣稅務局,,局",
        "辦公室,某某縣稅務局,內設機構",
        "第二稅務分局,某某縣稅務局,派出機構",
        "綜合股,第二稅務分局,股",
    ]
    .join("\n");
    let sheet = read_bytes(units.as_bytes(), Format::Csv).unwrap().remove(0);
    let preview = preview::build(Kind::Units, "t", &sheet, &lookup).unwrap();
    let refused: Vec<_> = preview.rows.iter().filter(|r| !r.problems.is_empty()).map(|r| (r.line, r.problems.clone())).collect();
    assert!(refused.is_empty(), "{refused:?}");
    assert_eq!(
        preview.rows.iter().map(|r| r.change).collect::<Vec<_>>(),
        vec![Change::Unchanged, Change::Unchanged, Change::New, Change::New]
    );
    match &preview.rows[2].record {
        Some(preview::Record::Unit { kind, .. }) => assert_eq!(*kind, nengli::domain::catalogue::UnitKind::Branch),
        other => panic!("{other:?}"),
    }
}

/// A changed row says which fields change, before → after; an unchanged file changes nothing.
#[test]
fn a_changed_row_lists_its_fields_before_and_after() {
    let mut service = demo();
    let people = people();
    let roster = |rank: &str| {
        let p = &people[1];
        format!("姓名,性別,出生年月,單位,職級,身份證號\n{},{},{},{},{rank},{}", p.name, p.gender, p.birth_text(), p.unit, p.id())
    };
    let import = |service: &mut Service, text: String| {
        let sheet = read_bytes(text.as_bytes(), Format::Csv).unwrap().remove(0);
        let preview = preview::build(Kind::Officials, "t", &sheet, &service.lookup().unwrap()).unwrap();
        if preview.counts().new + preview.counts().changed > 0 {
            service.import(&preview, &mut |_, _| true).unwrap();
        }
        preview
    };
    import(&mut service, roster("二級主任科員"));
    let same = import(&mut service, roster("二級主任科員"));
    assert_eq!(same.rows[0].change, Change::Unchanged);
    let promoted = import(&mut service, roster("一級主任科員"));
    assert_eq!(promoted.rows[0].change, Change::Changed);
    let changes: Vec<(Field, &str, &str)> =
        promoted.rows[0].changes.iter().map(|c| (c.field, c.before.as_str(), c.after.as_str())).collect();
    assert_eq!(changes, vec![(Field::Rank, "二級主任科員", "一級主任科員")]);
}

/// Changing the mapping moves every derived tier and no one's own fields; undo puts it back; a
/// person's own tier stays as chosen.
#[test]
fn the_tier_mapping_is_data_and_every_derived_tier_follows_it() {
    use nengli::domain::catalogue::RankTier;
    use nengli::domain::ranks::Rank;
    use nengli::service::Command;
    use nengli::service::command::RosterCommand;
    let mut service = demo();
    let clerks: Vec<Official> =
        service.read().officials().unwrap().into_iter().filter(|o| o.rank == Some(Rank::Clerk1) && o.duty_level.is_none()).collect();
    assert!(clerks.len() > 3 && clerks.iter().all(|o| o.tier == RankTier::General));
    // One of them keeps a tier chosen by hand.
    let kept = &clerks[0];
    let draft = nengli::domain::official::OfficialDraft {
        tier_override: Some(RankTier::General),
        ..nengli::domain::official::OfficialDraft::from_official(kept)
    };
    let _kept = service.execute(Command::Roster(RosterCommand::UpdateOfficial { id: kept.id, draft })).unwrap();
    let mut mapping = service.tier_mapping().unwrap();
    mapping.rank.insert(Rank::Clerk1, RankTier::Section);
    let applied = service.execute(Command::Roster(RosterCommand::SetTierMapping(mapping))).unwrap();
    let after = service.read().officials().unwrap();
    for clerk in &clerks[1..] {
        let now = after.iter().find(|o| o.id == clerk.id).unwrap();
        assert_eq!(now.tier, RankTier::Section, "{} follows the mapping", now.name);
        assert_eq!((now.rank, &now.name, now.unit), (clerk.rank, &clerk.name, clerk.unit), "nothing else of the person changes");
    }
    assert_eq!(after.iter().find(|o| o.id == kept.id).unwrap().tier, RankTier::General, "a tier chosen by hand stays");
    assert_eq!(service.read().audit_rows(1).unwrap()[0].action, "tiers.mapping", "one audit row for the whole change");
    let _undone = service.execute(applied.undo).unwrap();
    let undone = service.read().officials().unwrap();
    assert!(clerks.iter().all(|c| undone.iter().find(|o| o.id == c.id).unwrap().tier == RankTier::General));
}

/// A photo is a JPEG or PNG of at most 2 MB, kept with the official; anything else is refused and
/// nothing stored; removing it is undone like any change.
#[test]
fn a_photo_is_kept_with_the_official_and_anything_else_is_refused() {
    use nengli::domain::identity::Photo;
    use nengli::service::Command;
    use nengli::service::command::RosterCommand;
    let mut service = demo();
    let id = service.read().officials().unwrap()[0].id;
    let mut png = Vec::new();
    image::RgbImage::from_pixel(376, 460, image::Rgb([200, 30, 30]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let photo = Photo::from_bytes(png.clone()).expect("a PNG");
    assert_eq!(photo.mime, "image/png");
    let _set = service.execute(Command::Roster(RosterCommand::SetPhoto { id, photo: Some(photo) })).unwrap();
    assert_eq!(service.photo(id).unwrap().map(|p| p.bytes), Some(png.clone()));
    let fake = Photo { mime: "image/png".into(), bytes: b"GIF89a not a png".to_vec() };
    let refused = service.execute(Command::Roster(RosterCommand::SetPhoto { id, photo: Some(fake) }));
    assert!(matches!(refused, Err(nengli::service::ServiceError::Invalid(_))), "{refused:?}");
    assert_eq!(service.photo(id).unwrap().map(|p| p.bytes), Some(png.clone()), "the refused photo left the kept one");
    assert!(Photo::from_bytes(vec![0xFF; 3 * 1024 * 1024]).is_none(), "too large");
    let removed = service.execute(Command::Roster(RosterCommand::SetPhoto { id, photo: None })).unwrap();
    assert!(service.photo(id).unwrap().is_none());
    let _back = service.execute(removed.undo).unwrap();
    assert_eq!(service.photo(id).unwrap().map(|p| p.bytes), Some(png));
}

/// ID numbers Excel kept as numbers: a 15-digit one is whole and recovered; an 18-digit one lost
/// its last digits (or shows as `4.30421E+17` in a CSV) and is refused with what to do.
#[test]
fn id_numbers_excel_kept_as_numbers_are_recovered_when_whole_and_refused_when_not() {
    let service = demo();
    let lookup = service.lookup().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    write_rows(
        sheet,
        &[
            ["姓名", "性別", "出生年月", "單位", "職級", "身份證號"].iter().map(|h| t(*h)).collect(),
            vec![t("甲"), t("男"), t("1949.12"), t("辦公室"), t("一級科員"), C::N(110_105_491_231_002.0)],
            vec![t("乙"), t("男"), t("1985.03"), t("辦公室"), t("一級科員"), C::N(430_421_198_503_020_011.0)],
        ],
        0,
    );
    let sheets = read_bytes(&book.save_to_buffer().unwrap(), Format::Xlsx).unwrap();
    let preview = preview::build(Kind::Officials, "t", &sheets[0], &lookup).unwrap();
    match &preview.rows[0].record {
        Some(preview::Record::Official { data, .. }) => assert_eq!(data.identity.id_number, "110105491231002"),
        other => panic!("{other:?} {:?}", preview.rows[0].problems),
    }
    assert_eq!(preview.rows[1].problems[0].problem, nengli::domain::Problem::IdNumberAsNumber);
    let csv = "姓名,性別,出生年月,單位,職級,身份證號\n乙,男,1985.03,辦公室,一級科員,4.30421E+17\n";
    let sheet = read_bytes(csv.as_bytes(), Format::Csv).unwrap().remove(0);
    let preview = preview::build(Kind::Officials, "t", &sheet, &lookup).unwrap();
    assert_eq!(preview.rows[0].problems[0].problem, nengli::domain::Problem::IdNumberAsNumber);
}

/// A 學歷學位 cell holds both the 學歷 and the 學位, for full-time and in-service education alike,
/// where the sheet has no 學位 column of its own.
#[test]
fn a_combined_education_cell_gives_both_the_education_and_the_degree() {
    let service = demo();
    let csv = "姓名,性別,出生年月,單位,職級,全日制教育學歷學位,在職教育學歷學位\n甲,男,1980.01,辦公室,一級科員,大學 法學學士,研究生　經濟學碩士\n";
    let sheet = read_bytes(csv.as_bytes(), Format::Csv).unwrap().remove(0);
    let preview = preview::build(Kind::Officials, "t", &sheet, &service.lookup().unwrap()).unwrap();
    match &preview.rows[0].record {
        Some(preview::Record::Official { data, .. }) => {
            assert_eq!((data.education.as_str(), data.identity.degree.as_str()), ("大學", "法學學士"));
            assert_eq!((data.identity.inservice_education.as_str(), data.identity.inservice_degree.as_str()), ("研究生", "經濟學碩士"));
        }
        other => panic!("{other:?} {:?}", preview.rows[0].problems),
    }
}
