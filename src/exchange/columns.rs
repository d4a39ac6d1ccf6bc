//! The columns of each kind of sheet and how their headers are recognised: the header in any
//! of the three languages or a common alias, in any order, ignoring case, spaces, full-width
//! forms and marks such as `*`. Also the vocabularies a cell may use (男/female, 科級…).

use super::Kind;
use crate::domain::catalogue::{Catalogue, Gender, OfficialStatus, RankTier, UnitKind};
use crate::domain::text::fold;
use crate::domain::{Field, Lang};
use crate::i18n;

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

const OFFICIALS: &[ColumnSpec] = &[
    col(Field::StaffNo, true, &["工號", "工号", "人員編號", "人员编号", "編號", "编号", "staff no", "staff number", "staffno", "id"]),
    col(Field::Name, true, &["姓名", "name", "full name"]),
    col(Field::Gender, true, &["性別", "性别", "gender", "sex"]),
    col(Field::Birth, true, &["出生年月", "出生日期", "出生", "birth", "born", "date of birth"]),
    col(Field::Political, false, &["政治面貌", "political", "political status"]),
    col(Field::Education, false, &["學歷", "学历", "文化程度", "education"]),
    col(Field::Tier, true, &["職級層次", "职级层次", "層次", "层次", "rank tier", "tier"]),
    col(Field::PositionTitle, false, &["職務/職級", "职务/职级", "職務", "职务", "職級", "职级", "position", "grade", "position/grade"]),
    col(Field::Unit, true, &["單位", "单位", "部門", "部门", "科室", "unit", "department"]),
    col(Field::Post, false, &["崗位", "岗位", "post"]),
    col(Field::PostSince, false, &["任現職時間", "任现职时间", "任職時間", "任职时间", "in post since", "post since"]),
    col(Field::Status, false, &["狀態", "状态", "status"]),
];

const UNITS: &[ColumnSpec] = &[
    col(Field::UnitName, true, &["單位名稱", "单位名称", "單位", "单位", "unit", "unit name", "name"]),
    col(Field::Parent, true, &["上級單位", "上级单位", "parent", "parent unit"]),
    col(Field::UnitKind, false, &["類型", "类型", "單位類型", "单位类型", "kind", "type"]),
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

fn normalise(header: &str) -> String {
    fold(header).chars().filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | ':' | '(' | ')')).collect()
}

fn accepted(spec: &ColumnSpec) -> Vec<String> {
    let mut names: Vec<String> = spec.aliases.iter().map(|a| normalise(a)).collect();
    for lang in Lang::ALL {
        names.push(normalise(super::header(lang, spec.field)));
    }
    names
}

/// Where each column of `kind` sits in `header` (`None` where absent), or the required
/// columns that are missing.
pub fn locate(kind: Kind, header: &[String]) -> Result<Vec<Option<usize>>, Vec<Field>> {
    let normalised: Vec<String> = header.iter().map(|h| normalise(h)).collect();
    let mut taken = vec![false; header.len()];
    let mut found = Vec::new();
    for spec in specs(kind) {
        let names = accepted(spec);
        let position = normalised.iter().enumerate().position(|(i, h)| !taken[i] && !h.is_empty() && names.contains(h));
        if let Some(i) = position {
            taken[i] = true;
        }
        found.push(position);
    }
    let missing: Vec<Field> = specs(kind).iter().zip(&found).filter(|(s, f)| s.required && f.is_none()).map(|(s, _)| s.field).collect();
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
    let key = normalise(text);
    if key.is_empty() {
        return None;
    }
    RankTier::ALL.iter().copied().find(|tier| {
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
        names.contains(&key)
    })
}

pub fn parse_gender(text: &str) -> Option<Gender> {
    match normalise(text).as_str() {
        "男" | "m" | "male" => Some(Gender::Male),
        "女" | "f" | "female" => Some(Gender::Female),
        other => Gender::ALL.iter().copied().find(|g| Lang::ALL.iter().any(|l| normalise(i18n::gender(*l, *g)) == other)),
    }
}

pub fn parse_status(text: &str) -> Option<OfficialStatus> {
    let key = normalise(text);
    OfficialStatus::ALL.iter().copied().find(|s| key == s.code() || Lang::ALL.iter().any(|l| normalise(i18n::status(*l, *s)) == key))
}

pub fn parse_unit_kind(text: &str) -> Option<UnitKind> {
    let key = normalise(text);
    UnitKind::ALL.iter().copied().find(|k| key == k.code() || Lang::ALL.iter().any(|l| normalise(i18n::unit_kind(*l, *k)) == key))
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
        assert_eq!(found[0], Some(1));
        assert_eq!(found[1], Some(0));
        assert_eq!(found[3], Some(3));
        assert_eq!(found[6], Some(5));
        assert_eq!(found[9], None);
        assert_eq!(locate(Kind::Officials, &row(&["姓名"])).unwrap_err()[0], Field::StaffNo);
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
        assert_eq!(parse_gender("女"), Some(Gender::Female));
        assert_eq!(parse_gender("Male"), Some(Gender::Male));
        assert_eq!(parse_status("退休"), Some(OfficialStatus::Retired));
        assert_eq!(parse_status("调离"), Some(OfficialStatus::Transferred));
        assert_eq!(parse_unit_kind("稅務分局"), Some(UnitKind::Branch));
        assert_eq!(letter(0), "A");
        assert_eq!(letter(27), "AB");
    }
}
