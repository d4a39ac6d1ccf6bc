//! The columns of each kind of sheet and how their headers are recognised: the header in any
//! of the three languages or a common alias, in any order, ignoring case, spaces, full-width
//! forms and marks such as `*`. Also the vocabularies a cell may use (男/female, 科級…).

use super::Kind;
use crate::domain::catalogue::{Catalogue, Gender, OfficialStatus, RankTier, UnitKind};
use crate::domain::ranks::{DutyLevel, Rank};
use crate::domain::text::fold;
use crate::domain::{Field, Lang};
use crate::i18n;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One column a sheet may have.
#[derive(Clone, Copy, Debug)]
pub struct ColumnSpec {
    pub field: Field,
    pub required: bool,
    /// Headers accepted besides the three interface languages' labels.
    pub aliases: &'static [&'static str],
}

const fn col(field: Field, required: bool, aliases: &'static [&'static str]) -> ColumnSpec {
    ColumnSpec { field, required, aliases }
}

/// The roster's columns, with the headers 花名冊 use in both scripts. Several columns may tell
/// the tier: 職級層次 itself, or 職級 / 領導職務層次 / 現任職務 from which it is derived.
const OFFICIALS: &[ColumnSpec] = &[
    col(
        Field::StaffNo,
        false,
        &["工號", "工号", "人員編號", "人员编号", "人員編碼", "人员编码", "編號", "编号", "staff no", "staff number", "staffno", "id"],
    ),
    col(Field::Name, true, &["姓名", "name", "full name"]),
    col(Field::Gender, true, &["性別", "性别", "gender", "sex"]),
    col(Field::Birth, true, &["出生年月", "出生日期", "出生年月日", "出生", "birth", "born", "date of birth"]),
    col(Field::Ethnicity, false, &["民族", "ethnicity"]),
    col(Field::NativePlace, false, &["籍貫", "籍贯", "native place"]),
    col(Field::Birthplace, false, &["出生地", "birthplace"]),
    col(
        Field::IdNumber,
        false,
        &["身份證號", "身份证号", "身份證號碼", "身份证号码", "公民身份號碼", "公民身份号码", "身份證", "身份证", "id number"],
    ),
    col(Field::Political, false, &["政治面貌", "political", "political status"]),
    col(Field::PartySince, false, &["入黨時間", "入党时间", "入黨年月", "入党年月"]),
    col(Field::WorkSince, false, &["參加工作時間", "参加工作时间", "參加工作年月", "参加工作年月", "工作時間", "工作时间"]),
    col(
        Field::InserviceEducation,
        false,
        &["在職教育學歷", "在职教育学历", "在職教育學歷學位", "在职教育学历学位", "在職學歷", "在职学历"],
    ),
    col(Field::InserviceDegree, false, &["在職教育學位", "在职教育学位", "在職學位", "在职学位"]),
    col(Field::InserviceSchool, false, &["在職教育畢業院校系及專業", "在职教育毕业院校系及专业", "在職教育畢業院校", "在职教育毕业院校"]),
    col(
        Field::Education,
        false,
        &[
            "學歷",
            "学历",
            "文化程度",
            "最高學歷",
            "最高学历",
            "全日制教育學歷",
            "全日制教育学历",
            "全日制教育學歷學位",
            "全日制教育学历学位",
            "全日制學歷",
            "全日制学历",
            "學歷學位",
            "学历学位",
            "education",
        ],
    ),
    col(Field::Degree, false, &["學位", "学位", "全日制教育學位", "全日制教育学位", "最高學位", "最高学位", "degree"]),
    col(
        Field::School,
        false,
        &[
            "畢業院校系及專業",
            "毕业院校系及专业",
            "全日制教育畢業院校系及專業",
            "全日制教育毕业院校系及专业",
            "畢業院校",
            "毕业院校",
            "畢業學校",
            "毕业学校",
            "所學專業",
            "所学专业",
        ],
    ),
    col(Field::Health, false, &["健康狀況", "健康状况", "health"]),
    col(Field::Tier, false, &["職級層次", "职级层次", "層次", "层次", "rank tier", "tier"]),
    col(Field::DutyLevel, false, &["領導職務層次", "领导职务层次", "職務層次", "职务层次", "職務級別", "职务级别", "leadership level"]),
    col(Field::Rank, false, &["職級", "职级", "現職級", "现职级", "現任職級", "现任职级", "rank"]),
    col(
        Field::PositionTitle,
        false,
        &["現任職務", "现任职务", "職務", "职务", "職務/職級", "职务/职级", "工作職務", "工作职务", "position", "position/grade"],
    ),
    col(Field::Grade, false, &["級別", "级别", "grade"]),
    col(Field::DutySince, false, &["任職務時間", "任职务时间", "任職務層次時間", "任职务层次时间"]),
    col(Field::RankSince, false, &["任職級時間", "任职级时间", "任現職級時間", "任现职级时间"]),
    col(
        Field::Unit,
        true,
        &[
            "單位",
            "单位",
            "部門",
            "部门",
            "科室",
            "所在科室",
            "所在單位",
            "所在单位",
            "所在部門",
            "所在部门",
            "工作單位",
            "工作单位",
            "工作部門",
            "工作部门",
            "工作單位及職務",
            "工作单位及职务",
            "單位及職務",
            "单位及职务",
            "unit",
            "department",
        ],
    ),
    col(Field::Post, false, &["崗位", "岗位", "崗位名稱", "岗位名称", "post"]),
    col(
        Field::PostSince,
        false,
        &["任現職時間", "任现职时间", "任職時間", "任职时间", "任現職務時間", "任现职务时间", "in post since", "post since"],
    ),
    col(Field::Status, false, &["狀態", "状态", "人員狀態", "人员状态", "在職狀態", "在职状态", "status"]),
];

/// Columns a roster needs one of to tell each official's tier.
pub const TIER_SOURCES: [Field; 4] = [Field::Tier, Field::Rank, Field::DutyLevel, Field::PositionTitle];

const UNITS: &[ColumnSpec] = &[
    col(Field::UnitName, true, &["單位名稱", "单位名称", "機構名稱", "机构名称", "單位", "单位", "unit", "unit name", "name"]),
    col(Field::Parent, true, &["上級單位", "上级单位", "上級機構", "上级机构", "parent", "parent unit"]),
    col(Field::UnitKind, false, &["類型", "类型", "單位類型", "单位类型", "機構類別", "机构类别", "機構類型", "机构类型", "kind", "type"]),
];

const POSTS: &[ColumnSpec] = &[
    col(Field::Unit, true, &["單位", "单位", "部門", "部门", "科室", "unit"]),
    col(Field::Title, true, &["崗位名稱", "岗位名称", "崗位", "岗位", "post", "title", "post title"]),
    col(Field::Tier, true, &["職級層次", "职级层次", "層次", "层次", "rank tier", "tier"]),
    col(Field::Headcount, false, &["編制人數", "编制人数", "編制", "编制", "headcount"]),
    col(Field::Duties, false, &["崗位職責", "岗位职责", "職責", "职责", "duties"]),
    col(Field::Standard, false, &["標準", "标准", "standard"]),
    col(Field::Authority, false, &["權限", "权限", "authority"]),
    col(Field::TimeLimits, false, &["時限", "时限", "time limits"]),
    col(Field::Responsibility, false, &["責任", "责任", "responsibility"]),
];

const STANDARDS: &[ColumnSpec] = &[
    col(Field::Unit, true, &["單位", "单位", "部門", "部门", "科室", "unit"]),
    col(Field::Title, true, &["崗位名稱", "岗位名称", "崗位", "岗位", "post", "title", "post title"]),
    col(Field::Tier, true, &["職級層次", "职级层次", "層次", "层次", "rank tier", "tier"]),
    col(Field::Capability(1), false, &["learning"]),
    col(Field::Capability(2), false, &["acuity"]),
    col(Field::Capability(3), false, &["innovation"]),
    col(Field::Capability(4), false, &["organisation", "organization"]),
    col(Field::Capability(5), false, &["solidarity"]),
    col(Field::Capability(6), false, &["self-discipline", "self_discipline"]),
    col(Field::Capability(7), false, &["execution"]),
    col(Field::Capability(8), false, &["service"]),
];

/// The columns of a kind of sheet, in the order exports and templates write them.
pub fn specs(kind: Kind) -> &'static [ColumnSpec] {
    match kind {
        Kind::Officials => OFFICIALS,
        Kind::Units => UNITS,
        Kind::Posts => POSTS,
        Kind::Standards => STANDARDS,
    }
}

/// A header or vocabulary word reduced for matching: folded, in simplified script, without spaces,
/// marks or the line breaks of a wrapped header cell.
pub fn normalise(header: &str) -> String {
    let kept: String =
        fold(header).chars().filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | ':' | '(' | ')' | '（' | '）' | '：')).collect();
    fast2s::convert(&kept)
}

fn accepted(spec: &ColumnSpec) -> Vec<String> {
    let mut names: Vec<String> = spec.aliases.iter().map(|a| normalise(a)).collect();
    for lang in Lang::ALL {
        names.push(normalise(super::header_text(lang, spec.field)));
    }
    names
}

/// Where each column of `kind` sits in `header` (`None` where absent), or the required
/// columns that are missing.
pub fn locate(kind: Kind, header: &[String]) -> Result<Vec<Option<usize>>, Vec<Field>> {
    let candidates: Vec<Vec<String>> = header.iter().map(|h| vec![h.clone()]).collect();
    locate_in(kind, &candidates)
}

/// As [`locate`], for a header whose columns may each be read several ways (a two-row header:
/// the joined text first, then the lower row alone, then the upper). Joined texts are matched
/// for every column before any column falls back to a part.
pub fn locate_in(kind: Kind, header: &[Vec<String>]) -> Result<Vec<Option<usize>>, Vec<Field>> {
    let normalised: Vec<Vec<String>> = header.iter().map(|c| c.iter().map(|h| normalise(h)).filter(|h| !h.is_empty()).collect()).collect();
    let mut taken = vec![false; header.len()];
    let mut found: Vec<Option<usize>> = vec![None; specs(kind).len()];
    let depth = normalised.iter().map(Vec::len).max().unwrap_or(0);
    for level in 0..depth {
        for (slot, spec) in specs(kind).iter().enumerate() {
            if found[slot].is_some() {
                continue;
            }
            let names = accepted(spec);
            let position = normalised.iter().enumerate().position(|(i, c)| !taken[i] && c.get(level).is_some_and(|h| names.contains(h)));
            if let Some(i) = position {
                taken[i] = true;
                found[slot] = Some(i);
            }
        }
    }
    let mut missing: Vec<Field> = specs(kind).iter().zip(&found).filter(|(s, f)| s.required && f.is_none()).map(|(s, _)| s.field).collect();
    if kind == Kind::Officials && !specs(kind).iter().zip(&found).any(|(s, f)| f.is_some() && TIER_SOURCES.contains(&s.field)) {
        missing.push(Field::Rank);
    }
    if missing.is_empty() { Ok(found) } else { Err(missing) }
}

/// Guesses what a sheet holds from its header row.
pub fn detect(header: &[String]) -> Option<Kind> {
    let standards = locate(Kind::Standards, header).is_ok_and(|found| found[3..].iter().any(Option::is_some));
    if standards {
        return Some(Kind::Standards);
    }
    [Kind::Officials, Kind::Posts, Kind::Units].into_iter().find(|kind| locate(*kind, header).is_ok())
}

/// Spreadsheet column letters: 0 → A, 26 → AA.
pub fn letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Reads a rank tier written in any language, by name, short name, expectation or code.
pub fn parse_tier(text: &str, catalogue: &Catalogue) -> Option<RankTier> {
    tier_words(catalogue).get(&normalise(text)).copied()
}

/// Every word a rank tier is written with (code, name and expectation in each language, short
/// forms), normalised: what [`parse_tier`] looks a cell up in.
pub fn tier_words(catalogue: &Catalogue) -> HashMap<String, RankTier> {
    let mut words = HashMap::new();
    for tier in RankTier::ALL {
        let mut names = vec![normalise(tier.code())];
        if let Some(info) = catalogue.tier(*tier) {
            for lang in Lang::ALL {
                names.push(normalise(info.name.get(lang)));
                names.push(normalise(info.expectation.get(lang)));
            }
        }
        let short = match tier {
            RankTier::General => ["一般", "一般干部", "ordinary", "general"],
            RankTier::Section => ["科級", "科级", "section", "科级干部"],
            RankTier::Division => ["處級", "处级", "division", "处级干部"],
        };
        names.extend(short.iter().map(|s| normalise(s)));
        for name in names.into_iter().filter(|n| !n.is_empty()) {
            words.entry(name).or_insert(*tier);
        }
    }
    words
}

/// The fixed vocabularies' words in every language, normalised once: a 30,000-row roster looks
/// each cell up instead of normalising every name of every choice again.
struct Vocabulary {
    genders: HashMap<String, Gender>,
    statuses: HashMap<String, OfficialStatus>,
    ranks: HashMap<String, RankWords>,
}

static VOCABULARY: LazyLock<Vocabulary> = LazyLock::new(|| {
    let mut genders: HashMap<String, Gender> = [
        ("男", Gender::Male),
        ("m", Gender::Male),
        ("male", Gender::Male),
        ("女", Gender::Female),
        ("f", Gender::Female),
        ("female", Gender::Female),
    ]
    .into_iter()
    .map(|(w, g)| (w.to_owned(), g))
    .collect();
    let mut statuses = HashMap::new();
    let mut ranks = HashMap::new();
    for lang in Lang::ALL {
        for g in Gender::ALL {
            genders.entry(normalise(i18n::gender(lang, *g))).or_insert(*g);
        }
        for s in OfficialStatus::ALL {
            statuses.insert(s.code().to_owned(), *s);
            statuses.entry(normalise(i18n::status(lang, *s))).or_insert(*s);
        }
        for d in DutyLevel::ALL {
            ranks.entry(normalise(i18n::duty_level(lang, *d))).or_insert(RankWords { duty: Some(*d), ..RankWords::default() });
        }
        for r in Rank::ALL {
            ranks.entry(normalise(i18n::rank(lang, *r))).or_insert(RankWords { rank: Some(*r), ..RankWords::default() });
        }
    }
    Vocabulary { genders, statuses, ranks }
});

pub fn parse_gender(text: &str) -> Option<Gender> {
    VOCABULARY.genders.get(&normalise(text)).copied()
}

pub fn parse_status(text: &str) -> Option<OfficialStatus> {
    VOCABULARY.statuses.get(&normalise(text)).copied()
}

/// A unit kind by its code, its name in any language, or the 機構類別 words a units sheet uses
/// (內設機構, 派出機構, 直屬機構, 稽查局…).
pub fn parse_unit_kind(text: &str) -> Option<UnitKind> {
    let key = normalise(text);
    let by_category = match key.as_str() {
        "内设机构" | "内设" | "科室" | "职能科室" | "直属机构" | "直属单位" | "事业单位" | "中心" => {
            Some(UnitKind::Section)
        }
        "派出机构" | "派出" | "分局" | "税务分局" | "税务所" | "基层分局" => Some(UnitKind::Branch),
        "稽查局" | "稽查" | "稽查机构" => Some(UnitKind::Inspection),
        "股" | "所" | "组" | "股室" => Some(UnitKind::Team),
        "局" | "本局" | "县局" | "机关" => Some(UnitKind::Bureau),
        _ => None,
    };
    by_category.or_else(|| {
        UnitKind::ALL.iter().copied().find(|k| key == k.code() || Lang::ALL.iter().any(|l| normalise(i18n::unit_kind(*l, *k)) == key))
    })
}

/// What a 職務 or 職級 cell says: a leadership level, a rank, both, or that there is no
/// leadership level (`股級`, `無`). Words of both scripts, Arabic numerals (`1級主任科員`), the
/// levels' older names (正科級, 副處級…) and 科員 / 辦事員 of before 2019.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RankWords {
    pub duty: Option<DutyLevel>,
    pub rank: Option<Rank>,
    /// The cell says plainly that there is no leadership level.
    pub no_duty: bool,
}

pub fn parse_rank_words(text: &str) -> Option<RankWords> {
    let plain = normalise(text);
    if plain.is_empty() {
        return None;
    }
    if let Some(words) = VOCABULARY.ranks.get(&plain) {
        return Some(*words);
    }
    // 1級主任科員 for 一級主任科員.
    let key = plain.replace('1', "一").replace('2', "二").replace('3', "三").replace('4', "四");
    let duty = |d| Some(RankWords { duty: Some(d), ..RankWords::default() });
    let rank = |r| Some(RankWords { rank: Some(r), ..RankWords::default() });
    if let Some(words) = VOCABULARY.ranks.get(&key) {
        return Some(*words);
    }
    match key.as_str() {
        "正处级" | "正处" | "正县级" | "正县" | "县处级正职" | "处级正职" => duty(DutyLevel::CountyChief),
        "副处级" | "副处" | "副县级" | "副县" | "县处级副职" | "处级副职" => duty(DutyLevel::CountyDeputy),
        "正科级" | "正科" | "乡科级正职" | "科级正职" => duty(DutyLevel::TownshipChief),
        "副科级" | "副科" | "乡科级副职" | "科级副职" => duty(DutyLevel::TownshipDeputy),
        "股级" | "无" | "无领导职务" | "非领导" | "非领导职务" | "-" | "/" => {
            Some(RankWords { no_duty: true, ..RankWords::default() })
        }
        "科员" | "科员级" => rank(Rank::Clerk1),
        "办事员" | "办事员级" => rank(Rank::Clerk2),
        "试用期" | "试用期公务员" | "试用" | "见习" => rank(Rank::Probation),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn headers_are_found_in_any_language_and_order() {
        let header = row(&["姓名", "Staff No.", "性别", "出生年月*", "單位", "Rank tier", "备注"]);
        let found = locate(Kind::Officials, &header).unwrap();
        let at = |field| specs(Kind::Officials).iter().zip(&found).find(|(s, _)| s.field == field).and_then(|(_, f)| *f);
        assert_eq!(at(Field::StaffNo), Some(1));
        assert_eq!(at(Field::Name), Some(0));
        assert_eq!(at(Field::Birth), Some(3));
        assert_eq!(at(Field::Tier), Some(5));
        assert_eq!(at(Field::Post), None);
        // 所在科室 and 現任職務 are a roster's unit and 職務; 職級 is the rank, apart from 職務.
        let real = row(&["序號", "姓名", "性別", "出生年月", "所在科室", "現任職務", "職級", "最高學歷"]);
        let found = locate(Kind::Officials, &real).unwrap();
        let at = |field| specs(Kind::Officials).iter().zip(&found).find(|(s, _)| s.field == field).and_then(|(_, f)| *f);
        assert_eq!(
            (at(Field::Unit), at(Field::PositionTitle), at(Field::Rank), at(Field::Education)),
            (Some(4), Some(5), Some(6), Some(7))
        );
        assert_eq!(locate(Kind::Officials, &row(&["姓名", "性別", "出生年月", "單位"])).unwrap_err(), vec![Field::Rank]);
        assert_eq!(locate(Kind::Officials, &row(&["姓名"])).unwrap_err()[0], Field::Gender);
        assert_eq!(detect(&header), Some(Kind::Officials));
        assert_eq!(detect(&row(&["單位名稱", "上級單位"])), Some(Kind::Units));
        assert_eq!(detect(&row(&["单位", "岗位名称", "职级层次"])), Some(Kind::Posts));
        assert_eq!(detect(&row(&["單位", "崗位名稱", "職級層次", "學習力", "服務力"])), Some(Kind::Standards));
    }

    #[test]
    fn vocabularies_read_every_language() {
        let catalogue = Catalogue::shipped();
        for (text, tier) in [
            ("一般幹部", RankTier::General),
            ("一般干部", RankTier::General),
            ("科級", RankTier::Section),
            ("Division level", RankTier::Division),
            ("專家權威", RankTier::Division),
        ] {
            assert_eq!(parse_tier(text, &catalogue), Some(tier), "{text}");
        }
        assert_eq!(parse_tier("副科", &catalogue), None);
        let words = |t| parse_rank_words(t).map(|w| (w.duty, w.rank, w.no_duty));
        assert_eq!(words("一級主任科員"), Some((None, Some(Rank::Principal1), false)));
        assert_eq!(words("1级主任科员"), Some((None, Some(Rank::Principal1), false)));
        assert_eq!(words("四級調研員"), Some((None, Some(Rank::Researcher4), false)));
        assert_eq!(words("二級科員"), Some((None, Some(Rank::Clerk2), false)));
        assert_eq!(words("試用期"), Some((None, Some(Rank::Probation), false)));
        assert_eq!(words("正科級"), Some((Some(DutyLevel::TownshipChief), None, false)));
        assert_eq!(words("副科级"), Some((Some(DutyLevel::TownshipDeputy), None, false)));
        assert_eq!(words("鄉科級副職"), Some((Some(DutyLevel::TownshipDeputy), None, false)));
        assert_eq!(words("副處級"), Some((Some(DutyLevel::CountyDeputy), None, false)));
        assert_eq!(words("股級"), Some((None, None, true)));
        assert_eq!(words("Researcher, level 3"), Some((None, Some(Rank::Researcher3), false)));
        assert_eq!(words("County/division chief"), Some((Some(DutyLevel::CountyChief), None, false)));
        assert_eq!(words("稅收管理員"), None);
        assert_eq!(parse_unit_kind("內設機構"), Some(UnitKind::Section));
        assert_eq!(parse_unit_kind("派出機構"), Some(UnitKind::Branch));
        assert_eq!(parse_gender("女"), Some(Gender::Female));
        assert_eq!(parse_gender("Male"), Some(Gender::Male));
        assert_eq!(parse_status("退休"), Some(OfficialStatus::Retired));
        assert_eq!(parse_status("调离"), Some(OfficialStatus::Transferred));
        assert_eq!(parse_unit_kind("稅務分局"), Some(UnitKind::Branch));
        assert_eq!(letter(0), "A");
        assert_eq!(letter(27), "AB");
    }
}
