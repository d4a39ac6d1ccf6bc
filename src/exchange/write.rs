//! Exports and templates: tables of text and numbers written to `.xlsx` (rust_xlsxwriter;
//! text always as strings, never formulas) or `.csv` (UTF-8 with BOM so Excel reads Chinese;
//! text that Excel would run as a formula is neutralised with a leading `'`).

use super::columns::specs;
use super::{ExchangeError, Kind, header_text, neutralise};
use crate::domain::catalogue::{Catalogue, Gender, RankTier};
use crate::domain::official::{Official, OfficialData};
use crate::domain::org::{Post, Unit, tree_order};
use crate::domain::{Field, Lang};
use crate::i18n;
use rust_xlsxwriter::{DataValidation, Format, Formula, Workbook};
use std::collections::HashMap;
use std::path::Path;

/// A cell of an export.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

/// Rows under a header row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

fn headers(kind: Kind, lang: Lang) -> Vec<String> {
    specs(kind).iter().map(|s| header_text(lang, s.field).to_owned()).collect()
}

fn sheet_name(kind: Kind, lang: Lang) -> String {
    i18n::tr(lang, &format!("exchange.sheet.{}", kind.word())).to_owned()
}

/// One field of an official as a roster sheet (and the import preview) writes it: vocabulary in
/// `lang`, months `YYYY.MM`, the unit and post by the names given.
pub fn official_cell(lang: Lang, catalogue: &Catalogue, unit: &str, post: &str, o: &OfficialData, field: Field) -> String {
    let i = &o.identity;
    let since = |s: Option<crate::domain::dates::Since>| s.map(|s| s.to_string()).unwrap_or_default();
    match field {
        Field::StaffNo => o.staff_no.clone(),
        Field::Name => o.name.clone(),
        Field::Gender => i18n::gender(lang, o.gender).to_owned(),
        Field::Birth => o.birth.to_string(),
        Field::Ethnicity => i.ethnicity.clone(),
        Field::NativePlace => i.native_place.clone(),
        Field::Birthplace => i.birthplace.clone(),
        Field::IdNumber => i.id_number.clone(),
        Field::Political => o.political.clone(),
        Field::PartySince => i.party_since.clone(),
        Field::WorkSince => i.work_since.clone(),
        Field::Education => o.education.clone(),
        Field::Degree => i.degree.clone(),
        Field::School => i.school.clone(),
        Field::InserviceEducation => i.inservice_education.clone(),
        Field::InserviceDegree => i.inservice_degree.clone(),
        Field::InserviceSchool => i.inservice_school.clone(),
        Field::Health => i.health.clone(),
        Field::Tier => catalogue.tier_name(o.tier, lang).to_owned(),
        Field::DutyLevel => o.duty_level.map(|d| i18n::duty_level(lang, d).to_owned()).unwrap_or_default(),
        Field::DutySince => since(o.duty_since),
        Field::Rank => o.rank.map(|r| i18n::rank(lang, r).to_owned()).unwrap_or_default(),
        Field::RankSince => since(o.rank_since),
        Field::Grade => o.grade.clone(),
        Field::PositionTitle => o.position_title.clone(),
        Field::Unit => unit.to_owned(),
        Field::Post => post.to_owned(),
        Field::PostSince => since(o.post_since),
        Field::Status => i18n::status(lang, o.status).to_owned(),
        _ => String::new(),
    }
}

/// The officials, in the order given (the roster's filter and sort), with every column a roster
/// sheet has.
pub fn officials_table(lang: Lang, catalogue: &Catalogue, units: &[Unit], posts: &[Post], officials: &[Official]) -> Table {
    let unit_names: HashMap<_, _> = units.iter().map(|u| (u.id, u.name.as_str())).collect();
    let post_titles: HashMap<_, _> = posts.iter().map(|p| (p.id, p.title.as_str())).collect();
    let rows = officials
        .iter()
        .map(|o| {
            let unit = unit_names.get(&o.unit).copied().unwrap_or("");
            let post = o.post.and_then(|p| post_titles.get(&p).copied()).unwrap_or("");
            specs(Kind::Officials).iter().map(|s| Value::Text(official_cell(lang, catalogue, unit, post, o, s.field))).collect()
        })
        .collect();
    Table { sheet: sheet_name(Kind::Officials, lang), header: headers(Kind::Officials, lang), rows }
}

/// The units in tree order, each with its parent.
pub fn units_table(lang: Lang, units: &[Unit]) -> Table {
    let rows = tree_order(units)
        .into_iter()
        .map(|(_, u)| {
            let parent = u.parent.and_then(|p| units.iter().find(|x| x.id == p)).map(|p| p.name.as_str()).unwrap_or("");
            vec![Value::from(u.name.as_str()), parent.into(), i18n::unit_kind(lang, u.kind).into()]
        })
        .collect();
    Table { sheet: sheet_name(Kind::Units, lang), header: headers(Kind::Units, lang), rows }
}

/// The posts with their duty statements, unit by unit in tree order.
pub fn posts_table(lang: Lang, catalogue: &Catalogue, units: &[Unit], posts: &[Post]) -> Table {
    let mut rows = Vec::new();
    for (_, unit) in tree_order(units) {
        for p in posts.iter().filter(|p| p.unit == unit.id) {
            rows.push(vec![
                Value::from(unit.name.as_str()),
                p.title.as_str().into(),
                catalogue.tier_name(p.tier, lang).into(),
                Value::Number(p.headcount.into()),
                p.duties.as_str().into(),
                p.standard.as_str().into(),
                p.authority.as_str().into(),
                p.time_limits.as_str().into(),
                p.responsibility.as_str().into(),
            ]);
        }
    }
    Table { sheet: sheet_name(Kind::Posts, lang), header: headers(Kind::Posts, lang), rows }
}

/// Each post's required levels for the year, one row per post and tier, in tree order.
pub fn standards_table(
    lang: Lang,
    catalogue: &Catalogue,
    units: &[Unit],
    posts: &[Post],
    standards: &[crate::domain::standards::PostStandard],
) -> Table {
    let mut rows = Vec::new();
    for (_, unit) in tree_order(units) {
        for post in posts.iter().filter(|p| p.unit == unit.id) {
            let Some(standard) = standards.iter().find(|s| s.post == post.id) else { continue };
            let mut tiers = standard.data.tiers();
            tiers.sort_by_key(|t| (*t != post.tier, *t));
            for tier in tiers {
                let mut row = vec![Value::from(unit.name.as_str()), post.title.as_str().into(), catalogue.tier_name(tier, lang).into()];
                row.extend(
                    crate::domain::standards::CAPABILITIES
                        .map(|c| standard.data.levels.get(&(tier, c)).map_or(Value::Text(String::new()), |l| Value::Number(f64::from(*l)))),
                );
                rows.push(row);
            }
        }
    }
    Table { sheet: sheet_name(Kind::Standards, lang), header: headers(Kind::Standards, lang), rows }
}

/// The table as CSV: UTF-8 with a BOM, numbers as numbers, text neutralised.
pub fn csv_bytes(table: &Table) -> Result<Vec<u8>, ExchangeError> {
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    writer.write_record(table.header.iter().map(|h| neutralise(h))).map_err(|e| ExchangeError::Write(e.to_string()))?;
    for row in &table.rows {
        let cells = row.iter().map(|v| match v {
            Value::Text(t) => neutralise(t),
            Value::Number(n) => format!("{n}"),
        });
        writer.write_record(cells).map_err(|e| ExchangeError::Write(e.to_string()))?;
    }
    writer.into_inner().map_err(|e| ExchangeError::Write(e.to_string()))
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> ExchangeError {
    ExchangeError::Write(e.to_string())
}

/// Fills a worksheet: bold frozen header, text as strings, numbers as numbers.
fn fill_sheet(sheet: &mut rust_xlsxwriter::Worksheet, table: &Table) -> Result<(), ExchangeError> {
    let bold = Format::new().set_bold();
    sheet.set_name(&table.sheet).map_err(xlsx_error)?;
    for (c, h) in table.header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, &bold).map_err(xlsx_error)?;
        sheet.set_column_width(c as u16, 14).map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    for (r, row) in table.rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match value {
                Value::Text(t) if t.is_empty() => {}
                Value::Text(t) => {
                    sheet.write_string(r, c, t).map_err(xlsx_error)?;
                }
                Value::Number(n) => {
                    sheet.write_number(r, c, *n).map_err(xlsx_error)?;
                }
            }
        }
    }
    Ok(())
}

pub fn xlsx_bytes(table: &Table) -> Result<Vec<u8>, ExchangeError> {
    let mut workbook = Workbook::new();
    fill_sheet(workbook.add_worksheet(), table)?;
    workbook.save_to_buffer().map_err(xlsx_error)
}

/// Writes the table to `path` as `.xlsx` or `.csv` (by extension), through a temporary file
/// renamed into place so a failed export never leaves half a file.
/// The change log as listed (filtered, newest first), for auditors: one row per entry with the
/// record before and after the change as stored.
pub fn audit_table(entries: &[crate::domain::audit::AuditRow], lang: Lang) -> Table {
    let t = |key| i18n::tr(lang, key).to_owned();
    Table {
        sheet: t("settings.audit"),
        header: vec![t("audit.at"), t("audit.actor"), t("audit.action"), t("audit.entity"), t("audit.before"), t("audit.after")],
        rows: entries
            .iter()
            .map(|e| {
                let entity = match e.entity_id {
                    Some(id) => format!("{} {id}", e.entity),
                    None => e.entity.clone(),
                };
                vec![
                    Value::from(e.at.as_str()),
                    Value::from(e.actor.as_str()),
                    Value::from(i18n::tr(lang, &format!("done.{}", e.action))),
                    Value::Text(entity),
                    Value::from(e.before.as_deref().unwrap_or("")),
                    Value::from(e.after.as_deref().unwrap_or("")),
                ]
            })
            .collect(),
    }
}

/// Accounts just made with their one-time passwords, to hand out (and then delete).
pub fn accounts_table(accounts: &[crate::domain::access::NewAccount], lang: Lang) -> Table {
    let t = |key| i18n::tr(lang, key).to_owned();
    Table {
        sheet: t("users.made_title"),
        header: vec![t("field.staff_no"), t("field.name"), t("field.username"), t("users.one_time")],
        rows: accounts
            .iter()
            .map(|a| {
                vec![
                    Value::from(a.staff_no.as_str()),
                    Value::from(a.name.as_str()),
                    Value::from(a.username.as_str()),
                    Value::from(a.password.as_str()),
                ]
            })
            .collect(),
    }
}

/// The packages just exported with the one-time code to give out with each.
pub fn package_codes_table(issued: &[crate::domain::package::IssuedPackage], lang: Lang) -> Table {
    let t = |key| i18n::tr(lang, key).to_owned();
    Table {
        sheet: t("package.codes_title"),
        header: vec![t("field.staff_no"), t("field.name"), t("package.code"), t("package.file_kind")],
        rows: issued
            .iter()
            .map(|p| {
                let file = p.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                vec![
                    Value::from(p.staff_no.as_str()),
                    Value::from(p.name.as_str()),
                    Value::from(p.code.as_str()),
                    Value::from(file.as_str()),
                ]
            })
            .collect(),
    }
}

pub fn save(table: &Table, path: &Path) -> Result<(), ExchangeError> {
    let bytes = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("xlsx") => xlsx_bytes(table)?,
        Some("csv") => csv_bytes(table)?,
        other => return Err(ExchangeError::UnknownFormat(other.unwrap_or("").to_owned())),
    };
    Ok(crate::files::write_atomically(path, &bytes)?)
}

/// An empty sheet of `kind` to fill in: the headers, one filled example row and drop-down
/// lists for tier, gender and unit (kept on a hidden sheet so long unit lists fit).
pub fn template(kind: Kind, lang: Lang, catalogue: &Catalogue, units: &[Unit]) -> Result<Vec<u8>, ExchangeError> {
    let example: Vec<Value> = match kind {
        Kind::Officials => specs(kind)
            .iter()
            .map(|s| {
                Value::from(match s.field {
                    Field::StaffNo => "GS00999".to_owned(),
                    Field::Name => i18n::tr(lang, "exchange.example.name").to_owned(),
                    Field::Gender => i18n::gender(lang, Gender::Female).to_owned(),
                    Field::Birth => "1990.05".to_owned(),
                    Field::Ethnicity => i18n::tr(lang, "exchange.example.ethnicity").to_owned(),
                    Field::Political => i18n::tr(lang, "exchange.example.political").to_owned(),
                    Field::WorkSince => "2012.08".to_owned(),
                    Field::Education => i18n::tr(lang, "exchange.example.education").to_owned(),
                    Field::Rank => i18n::rank(lang, crate::domain::ranks::Rank::Clerk1).to_owned(),
                    Field::RankSince => "2016.08".to_owned(),
                    Field::PositionTitle => i18n::tr(lang, "exchange.example.position").to_owned(),
                    Field::Unit => units.iter().find(|u| u.parent.is_some()).map_or("", |u| u.name.as_str()).to_owned(),
                    Field::PostSince => "2012.08".to_owned(),
                    Field::Status => i18n::status(lang, crate::domain::catalogue::OfficialStatus::Active).to_owned(),
                    _ => String::new(),
                })
            })
            .collect(),
        Kind::Units => vec![
            i18n::tr(lang, "exchange.example.unit").into(),
            units.iter().find(|u| u.parent.is_none()).map_or("", |u| u.name.as_str()).into(),
            i18n::unit_kind(lang, crate::domain::catalogue::UnitKind::Section).into(),
        ],
        Kind::Standards => {
            let mut row = vec![
                units.iter().find(|u| u.parent.is_some()).map_or("", |u| u.name.as_str()).into(),
                i18n::tr(lang, "exchange.example.standard_post").into(),
                catalogue.tier_name(RankTier::General, lang).into(),
            ];
            row.extend(crate::domain::standards::CAPABILITIES.map(|_| Value::Number(3.0)));
            row
        }
        Kind::Posts => vec![
            units.iter().find(|u| u.parent.is_some()).map_or("", |u| u.name.as_str()).into(),
            i18n::tr(lang, "exchange.example.post").into(),
            catalogue.tier_name(RankTier::General, lang).into(),
            Value::Number(1.0),
            i18n::tr(lang, "exchange.example.duties").into(),
            "".into(),
            "".into(),
            "".into(),
            "".into(),
        ],
    };
    let table = Table { sheet: sheet_name(kind, lang), header: headers(kind, lang), rows: vec![example] };
    let levels: Vec<String> = crate::domain::standards::LEVELS.map(|l| l.to_string()).collect();
    let mut workbook = Workbook::new();
    fill_sheet(workbook.add_worksheet(), &table)?;
    let active: Vec<&Unit> = tree_order(units).into_iter().map(|(_, u)| u).filter(|u| !u.retired).collect();
    {
        let lists = workbook.add_worksheet();
        lists.set_name("lists").map_err(xlsx_error)?;
        lists.set_hidden(true);
        for (r, unit) in active.iter().enumerate() {
            lists.write_string(r as u32, 0, &unit.name).map_err(xlsx_error)?;
        }
    }
    let sheet = workbook.worksheet_from_index(0).map_err(xlsx_error)?;
    let column_of = |field: Field| specs(kind).iter().position(|s| s.field == field).map(|c| c as u16);
    let tiers: Vec<String> = RankTier::ALL.iter().map(|t| catalogue.tier_name(*t, lang).to_owned()).collect();
    let genders: Vec<String> = Gender::ALL.iter().map(|g| i18n::gender(lang, *g).to_owned()).collect();
    let mut lists: Vec<(Field, DataValidation)> = Vec::new();
    lists.push((Field::Tier, DataValidation::new().allow_list_strings(&tiers).map_err(xlsx_error)?));
    lists.push((Field::Gender, DataValidation::new().allow_list_strings(&genders).map_err(xlsx_error)?));
    let ranks: Vec<String> = crate::domain::ranks::Rank::ALL.iter().map(|r| i18n::rank(lang, *r).to_owned()).collect();
    lists.push((Field::Rank, DataValidation::new().allow_list_strings(&ranks).map_err(xlsx_error)?));
    let duty_levels: Vec<String> = crate::domain::ranks::DutyLevel::ALL.iter().map(|d| i18n::duty_level(lang, *d).to_owned()).collect();
    lists.push((Field::DutyLevel, DataValidation::new().allow_list_strings(&duty_levels).map_err(xlsx_error)?));
    if !active.is_empty() {
        let unit_field = if kind == Kind::Units { Field::Parent } else { Field::Unit };
        lists.push((unit_field, DataValidation::new().allow_list_formula(Formula::new(format!("=lists!$A$1:$A${}", active.len())))));
    }
    if kind == Kind::Standards {
        for capability in crate::domain::standards::CAPABILITIES {
            lists.push((Field::Capability(capability), DataValidation::new().allow_list_strings(&levels).map_err(xlsx_error)?));
        }
    }
    for (field, validation) in lists {
        if let Some(c) = column_of(field) {
            sheet.add_data_validation(1, c, super::MAX_ROWS as u32, c, &validation).map_err(xlsx_error)?;
        }
    }
    workbook.save_to_buffer().map_err(xlsx_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralised_text_reads_back_as_it_was_written() {
        let table = Table {
            sheet: "x".into(),
            header: vec!["a".into(), "b".into()],
            rows: vec![
                vec![Value::Text("-5".into()), Value::Text("=SUM(A1)".into())],
                vec![Value::Text("@home".into()), Value::Text("'quoted".into())],
                vec![Value::Text("+86 10".into()), Value::Text("'-kept".into())],
            ],
        };
        let bytes = csv_bytes(&table).unwrap();
        let sheets = crate::exchange::read::read_bytes(&bytes, crate::exchange::Format::Csv).unwrap();
        let texts: Vec<Vec<String>> = sheets[0].rows[1..].iter().map(|r| r.iter().map(|c| c.text.clone()).collect()).collect();
        assert_eq!(texts, [["-5", "=SUM(A1)"], ["@home", "'quoted"], ["+86 10", "'-kept"]]);
    }

    proptest::proptest! {
        #[test]
        fn every_text_survives_neutralising(text in "['=+@\\-\t\ra-z]{0,6}") {
            let written = neutralise(&text);
            proptest::prop_assert_eq!(crate::exchange::unneutralise(&written), text.as_str());
        }
    }

    #[test]
    fn formulas_are_neutralised_in_csv_and_numbers_stay_numbers() {
        let table = Table {
            sheet: "x".into(),
            header: vec!["a".into(), "b".into()],
            rows: vec![
                vec!["=HYPERLINK(\"http://x\")".into(), Value::Number(3.0)],
                vec!["+1".into(), "-2".into()],
                vec!["@sum".into(), "\tx".into()],
            ],
        };
        let text = String::from_utf8(csv_bytes(&table).unwrap()).unwrap();
        let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(lines[1], "\"'=HYPERLINK(\"\"http://x\"\")\",3");
        assert_eq!(lines[2], "'+1,'-2");
        assert!(lines[3].starts_with("'@sum,"));
        assert_eq!(neutralise("張偉"), "張偉");
    }
}
