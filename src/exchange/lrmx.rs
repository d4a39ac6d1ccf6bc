//! 干部任免審批表 files: `.lrmx` (UTF-8 XML, root `<Person>`, pinyin-named elements, the photo in
//! base64) read and written, and the older `.lrm` (GB2312 quoted comma-separated fields, the photo
//! in a `.pic` file beside it) read. Hostile files are refused before anything is taken from
//! them: a document type or entity declaration (no external entity is fetched, no entity
//! expanded), more than [`MAX_FILE_BYTES`], elements nested deeper than [`MAX_DEPTH`] or more of
//! them than [`MAX_ELEMENTS`], a reference to an entity XML does not define.

use crate::domain::cadre::{CadreRecord, FamilyMember, FileFault, file_date, form_date};
use base64::Engine;
use quick_xml::events::Event;
use std::path::Path;

/// The largest 任免審批表 file read (a photo of about 376 × 460 is some 30–200 KB in base64).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;
/// How deep elements may nest (`Person` ▸ `JiaTingChengYuan` ▸ `Item` ▸ field is 4).
pub const MAX_DEPTH: usize = 8;
/// How many elements a file may hold.
pub const MAX_ELEMENTS: usize = 5_000;
/// The version written into `.lrmx` files (the editor's 3.x format).
pub const VERSION: &str = "3.2.1.16";

/// What a 任免審批表 file says of a person. Dates are in their stored form where they read as
/// dates ([`form_date`]), else as the file wrote them (validation then refuses them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CadreFile {
    pub name: String,
    pub gender: String,
    pub birth: String,
    pub ethnicity: String,
    pub native_place: String,
    pub birthplace: String,
    pub party_since: String,
    pub work_since: String,
    pub health: String,
    pub education: String,
    pub degree: String,
    pub school: String,
    pub inservice_education: String,
    pub inservice_degree: String,
    pub inservice_school: String,
    pub id_number: String,
    pub record: CadreRecord,
    /// The photo's bytes as the file holds them (`None`: no photo).
    pub photo: Option<Vec<u8>>,
    /// The file holds a photo that is not base64.
    pub photo_unreadable: bool,
}

/// The top-level elements of a `.lrmx` in the order the editor writes them; `JiaTingChengYuan`,
/// `ZhaoPian` and `Version` are handled on their own.
const ELEMENTS: [&str; 31] = [
    "XingMing",
    "XingBie",
    "ChuShengNianYue",
    "MinZu",
    "JiGuan",
    "ChuShengDi",
    "RuDangShiJian",
    "CanJiaGongZuoShiJian",
    "JianKangZhuangKuang",
    "ZhuanYeJiShuZhiWu",
    "ShuXiZhuanYeYouHeZhuanChang",
    "QuanRiZhiJiaoYu_XueLi",
    "QuanRiZhiJiaoYu_XueWei",
    "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueLi",
    "ZaiZhiJiaoYu_XueWei",
    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi",
    "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
    "XianRenZhiWu",
    "NiRenZhiWu",
    "NiMianZhiWu",
    "JianLi",
    "JiangChengQingKuang",
    "NianDuKaoHeJieGuo",
    "RenMianLiYou",
    "ChengBaoDanWei",
    "JiSuanNianLingShiJian",
    "TianBiaoShiJian",
    "TianBiaoRen",
    "ShenFenZheng",
];

/// The fields of a family member's `<Item>`.
const ITEM: [&str; 5] = ["ChengWei", "XingMing", "ChuShengRiQi", "ZhengZhiMianMao", "GongZuoDanWeiJiZhiWu"];

/// Dates among [`ELEMENTS`], written `YYYYMM` or `YYYYMMDD`.
const DATES: [&str; 5] = ["ChuShengNianYue", "RuDangShiJian", "CanJiaGongZuoShiJian", "JiSuanNianLingShiJian", "TianBiaoShiJian"];

fn date(text: &str) -> String {
    form_date(text).unwrap_or_else(|| text.trim().to_owned())
}

impl CadreFile {
    /// The text of one of [`ELEMENTS`] as the file holds it.
    fn get(&self, element: &str) -> String {
        let r = &self.record;
        let text = match element {
            "XingMing" => &self.name,
            "XingBie" => &self.gender,
            "ChuShengNianYue" => return file_date(&self.birth),
            "MinZu" => &self.ethnicity,
            "JiGuan" => &self.native_place,
            "ChuShengDi" => &self.birthplace,
            "RuDangShiJian" => return file_date(&self.party_since),
            "CanJiaGongZuoShiJian" => return file_date(&self.work_since),
            "JianKangZhuangKuang" => &self.health,
            "ZhuanYeJiShuZhiWu" => &r.professional_title,
            "ShuXiZhuanYeYouHeZhuanChang" => &r.speciality,
            "QuanRiZhiJiaoYu_XueLi" => &self.education,
            "QuanRiZhiJiaoYu_XueWei" => &self.degree,
            "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi" => &self.school,
            "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi" => &r.degree_school,
            "ZaiZhiJiaoYu_XueLi" => &self.inservice_education,
            "ZaiZhiJiaoYu_XueWei" => &self.inservice_degree,
            "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi" => &self.inservice_school,
            "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi" => &r.inservice_degree_school,
            "XianRenZhiWu" => &r.current_post,
            "NiRenZhiWu" => &r.proposed_post,
            "NiMianZhiWu" => &r.proposed_removal,
            "JianLi" => return r.resume_text(),
            "JiangChengQingKuang" => &r.rewards,
            "NianDuKaoHeJieGuo" => &r.assessment,
            "RenMianLiYou" => &r.reason,
            "ChengBaoDanWei" => &r.reporting_unit,
            "JiSuanNianLingShiJian" => return file_date(&r.age_date),
            "TianBiaoShiJian" => return file_date(&r.filled_on),
            "TianBiaoRen" => &r.filled_by,
            "ShenFenZheng" => &self.id_number,
            _ => return String::new(),
        };
        text.clone()
    }

    /// Sets one of [`ELEMENTS`] from the file's text.
    fn set(&mut self, element: &str, text: &str) {
        let value = if DATES.contains(&element) { date(text) } else { text.trim().to_owned() };
        let r = &mut self.record;
        let slot = match element {
            "XingMing" => &mut self.name,
            "XingBie" => &mut self.gender,
            "ChuShengNianYue" => &mut self.birth,
            "MinZu" => &mut self.ethnicity,
            "JiGuan" => &mut self.native_place,
            "ChuShengDi" => &mut self.birthplace,
            "RuDangShiJian" => &mut self.party_since,
            "CanJiaGongZuoShiJian" => &mut self.work_since,
            "JianKangZhuangKuang" => &mut self.health,
            "ZhuanYeJiShuZhiWu" => &mut r.professional_title,
            "ShuXiZhuanYeYouHeZhuanChang" => &mut r.speciality,
            "QuanRiZhiJiaoYu_XueLi" => &mut self.education,
            "QuanRiZhiJiaoYu_XueWei" => &mut self.degree,
            "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi" => &mut self.school,
            "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi" => &mut r.degree_school,
            "ZaiZhiJiaoYu_XueLi" => &mut self.inservice_education,
            "ZaiZhiJiaoYu_XueWei" => &mut self.inservice_degree,
            "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi" => &mut self.inservice_school,
            "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi" => &mut r.inservice_degree_school,
            "XianRenZhiWu" => &mut r.current_post,
            "NiRenZhiWu" => &mut r.proposed_post,
            "NiMianZhiWu" => &mut r.proposed_removal,
            "JianLi" => {
                r.resume = CadreRecord::resume_lines(text);
                return;
            }
            "JiangChengQingKuang" => &mut r.rewards,
            "NianDuKaoHeJieGuo" => &mut r.assessment,
            "RenMianLiYou" => &mut r.reason,
            "ChengBaoDanWei" => &mut r.reporting_unit,
            "JiSuanNianLingShiJian" => &mut r.age_date,
            "TianBiaoShiJian" => &mut r.filled_on,
            "TianBiaoRen" => &mut r.filled_by,
            "ShenFenZheng" => &mut self.id_number,
            _ => return,
        };
        *slot = value;
    }

    fn set_photo(&mut self, text: &str) {
        let packed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if packed.is_empty() {
            return;
        }
        match base64::engine::general_purpose::STANDARD.decode(packed.as_bytes()) {
            Ok(bytes) => self.photo = Some(bytes),
            Err(_) => self.photo_unreadable = true,
        }
    }
}

/// Reads a `.lrmx` or `.lrm` file (an `.lrm`'s photo from the `.pic` beside it), told by its
/// extension; an `.lrm` whose `.pic` is missing has no photo.
pub fn read_file(path: &Path) -> Result<CadreFile, FileFault> {
    let bytes = read_bounded(path).map_err(|_| FileFault::TooLarge)?;
    let lrm = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("lrm"));
    if !lrm {
        return read_lrmx(&bytes);
    }
    let mut file = read_lrm(&bytes)?;
    let pic = path.with_extension("pic");
    if pic.is_file() {
        file.photo = Some(read_bounded(&pic).map_err(|_| FileFault::TooLarge)?);
    }
    Ok(file)
}

/// A regular file's bytes, when it is at most [`MAX_FILE_BYTES`].
fn read_bounded(path: &Path) -> Result<Vec<u8>, FileFault> {
    crate::files::require_regular(path).map_err(|_| FileFault::NotXml)?;
    let len = std::fs::metadata(path).map_err(|_| FileFault::NotXml)?.len();
    if len > MAX_FILE_BYTES {
        return Err(FileFault::TooLarge);
    }
    std::fs::read(path).map_err(|_| FileFault::NotXml)
}

/// Whether `path` names a 任免審批表 file (`.lrmx` or `.lrm`).
pub fn is_cadre_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("lrmx") || e.eq_ignore_ascii_case("lrm"))
}

/// Reads a `.lrmx` file's bytes.
pub fn read_lrmx(bytes: &[u8]) -> Result<CadreFile, FileFault> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileFault::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|_| FileFault::Encoding)?;
    // Declarations are refused before parsing, wherever they stand.
    let upper = text.to_ascii_uppercase();
    if upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY") {
        return Err(FileFault::Declarations);
    }
    let mut reader = quick_xml::Reader::from_str(text);
    let mut file = CadreFile::default();
    // The open elements' names, the text of the innermost, the family member being read.
    let mut path: Vec<String> = Vec::new();
    let mut buffer = String::new();
    let mut member: Option<FamilyMember> = None;
    let mut elements = 0usize;
    let mut seen_root = false;
    loop {
        match reader.read_event().map_err(|_| FileFault::NotXml)? {
            Event::DocType(_) => return Err(FileFault::Declarations),
            Event::Start(start) => {
                elements += 1;
                if path.len() >= MAX_DEPTH || elements > MAX_ELEMENTS {
                    return Err(FileFault::TooDeep);
                }
                let name = start.local_name().as_ref().to_owned();
                if path.is_empty() {
                    if name != "Person" || seen_root {
                        return Err(FileFault::NotPerson);
                    }
                    seen_root = true;
                }
                if path.len() == 2 && path[1] == "JiaTingChengYuan" && name == "Item" {
                    member = Some(FamilyMember::default());
                }
                path.push(name);
                buffer.clear();
            }
            Event::Empty(start) => {
                elements += 1;
                if elements > MAX_ELEMENTS {
                    return Err(FileFault::TooDeep);
                }
                if path.is_empty() {
                    return Err(FileFault::NotPerson);
                }
                let _ = start;
            }
            Event::Text(t) => buffer.push_str(&t.xml10_content()),
            Event::CData(c) => buffer.push_str(&c.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => return Err(FileFault::NotXml),
                    },
                    Err(_) => return Err(FileFault::NotXml),
                };
                buffer.push(resolved);
            }
            Event::End(_) => {
                let Some(name) = path.pop() else { return Err(FileFault::NotXml) };
                match path.len() {
                    1 if name == "ZhaoPian" => file.set_photo(&buffer),
                    1 => file.set(&name, &buffer),
                    2 if name == "Item" => {
                        if let Some(m) = member.take() {
                            file.record.family.push(m);
                        }
                    }
                    3 => {
                        if let Some(m) = member.as_mut() {
                            let text = buffer.trim().to_owned();
                            match name.as_str() {
                                "ChengWei" => m.relation = text,
                                "XingMing" => m.name = text,
                                "ChuShengRiQi" => m.birth = date(&text),
                                "ZhengZhiMianMao" => m.political = text,
                                "GongZuoDanWeiJiZhiWu" => m.work = text,
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
                buffer.clear();
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !seen_root || !path.is_empty() {
        return Err(FileFault::NotPerson);
    }
    Ok(file)
}

/// Reads an `.lrm` file's bytes: GB2312 (GBK) text of quoted comma-separated fields, in the
/// order of the form as the `.lrmx` elements have it; the family members as five fields (稱謂,
/// 姓名, 出生日期, 政治面貌, 工作單位及職務) after 任免理由, each holding one line per member.
pub fn read_lrm(bytes: &[u8]) -> Result<CadreFile, FileFault> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileFault::TooLarge);
    }
    let (text, _, bad) = encoding_rs::GBK.decode(bytes);
    if bad {
        return Err(FileFault::Encoding);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut fields: Vec<String> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|_| FileFault::NotLrm)?;
        fields.extend(record.iter().map(str::to_owned));
    }
    let order = lrm_order();
    if fields.len() != order.len() {
        return Err(FileFault::NotLrm);
    }
    let mut file = CadreFile::default();
    let mut family: [Vec<String>; 5] = Default::default();
    for (slot, text) in order.iter().zip(&fields) {
        match slot {
            LrmSlot::Element(name) => file.set(name, text),
            LrmSlot::Family(i) => family[*i] = text.lines().map(|l| l.trim().to_owned()).collect(),
        }
    }
    let members = family.iter().map(Vec::len).max().unwrap_or(0);
    for i in 0..members {
        let at = |k: usize| family[k].get(i).cloned().unwrap_or_default();
        file.record.family.push(FamilyMember { relation: at(0), name: at(1), birth: date(&at(2)), political: at(3), work: at(4) });
    }
    Ok(file)
}

enum LrmSlot {
    Element(&'static str),
    Family(usize),
}

/// The `.lrm` fields in order: the elements up to 任免理由, the five family columns, the rest.
fn lrm_order() -> Vec<LrmSlot> {
    let split = ELEMENTS.iter().position(|e| *e == "ChengBaoDanWei").unwrap_or(ELEMENTS.len());
    let mut order: Vec<LrmSlot> = ELEMENTS[..split].iter().map(|e| LrmSlot::Element(e)).collect();
    order.extend((0..ITEM.len()).map(LrmSlot::Family));
    order.extend(ELEMENTS[split..].iter().map(|e| LrmSlot::Element(e)));
    order
}

/// Writes an `.lrm` file's text (for tests and for a bureau still on the 2.0 editor): the
/// fields [`read_lrm`] reads, quoted, as GB2312 (GBK) bytes.
pub fn write_lrm(file: &CadreFile) -> Vec<u8> {
    let quote = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    let fields: Vec<String> = lrm_order()
        .iter()
        .map(|slot| match slot {
            LrmSlot::Element(name) => quote(&file.get(name)),
            LrmSlot::Family(i) => {
                let lines: Vec<String> = file.record.family.iter().map(|m| member_field(m, *i)).collect();
                quote(&lines.join("\n"))
            }
        })
        .collect();
    encoding_rs::GBK.encode(&fields.join(",")).0.into_owned()
}

fn member_field(m: &FamilyMember, i: usize) -> String {
    match i {
        0 => m.relation.clone(),
        1 => m.name.clone(),
        2 => file_date(&m.birth),
        3 => m.political.clone(),
        _ => m.work.clone(),
    }
}

/// Writes a `.lrmx` file: every element of the form in the editor's order, the family members
/// as `<Item>`s, the photo in base64 and [`VERSION`].
pub fn write_lrmx(file: &CadreFile) -> Vec<u8> {
    use quick_xml::escape::escape;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Person>\n");
    let element = |out: &mut String, indent: &str, name: &str, text: &str| {
        out.push_str(&format!("{indent}<{name}>{}</{name}>\n", escape(text)));
    };
    for name in ELEMENTS {
        if name == "ChengBaoDanWei" {
            out.push_str("  <JiaTingChengYuan>\n");
            for m in &file.record.family {
                out.push_str("    <Item>\n");
                for (i, field) in ITEM.iter().enumerate() {
                    element(&mut out, "      ", field, &member_field(m, i));
                }
                out.push_str("    </Item>\n");
            }
            out.push_str("  </JiaTingChengYuan>\n");
        }
        element(&mut out, "  ", name, &file.get(name));
    }
    let photo = file.photo.as_deref().map(|b| base64::engine::general_purpose::STANDARD.encode(b)).unwrap_or_default();
    element(&mut out, "  ", "ZhaoPian", &photo);
    element(&mut out, "  ", "Version", VERSION);
    out.push_str("</Person>\n");
    out.into_bytes()
}

/// The elements every `.lrmx` this program writes holds, in order (for tests and readers).
pub fn element_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = ELEMENTS.to_vec();
    names.push("JiaTingChengYuan");
    names.push("ZhaoPian");
    names.push("Version");
    names
}
