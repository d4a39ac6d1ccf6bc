//! The 干部任免審批表 part of a cadre record beyond the roster's own columns: the 簡歷 lines, the
//! family members, 獎懲情況, the assessment results as a file gave them, and the form's other
//! boxes (專業技術職務, 擬任/擬免職務, 任免理由, 呈報單位, 填表人…); their checks; dates as the form
//! writes them (`YYYYMM` or `YYYYMMDD` in files, `YYYY.MM` on paper); and the 年度考核結果 sentence
//! written from year-end grades ("2022、2023年度考核稱職，2024年度考核優秀。").

use super::dates::Since;
pub use super::problem::FileFault;
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_LONG, MAX_NAME, MAX_NOTE, MAX_SHORT, MAX_TITLE, clean};
use serde::{Deserialize, Serialize};

/// The most 簡歷 lines and family members a record keeps.
pub const MAX_RESUME_LINES: usize = 200;
pub const MAX_FAMILY: usize = 30;
/// The longest 簡歷 line (one period: `2008.07--2012.06  某某局辦公室科員`).
pub const MAX_RESUME_LINE: usize = 300;

/// One member of the family (家庭主要成員及重要社會關係).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct FamilyMember {
    /// 稱謂 (妻子, 父親…)
    pub relation: String,
    pub name: String,
    /// 出生日期 as stored: `YYYY.MM`, `YYYY-MM-DD` or empty.
    pub birth: String,
    /// 政治面貌
    pub political: String,
    /// 工作單位及職務
    pub work: String,
}

/// The 任免審批表 boxes a record keeps beyond the roster's columns and [`super::identity::Identity`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct CadreRecord {
    /// 簡歷, one period a line.
    pub resume: Vec<String>,
    pub family: Vec<FamilyMember>,
    /// 獎懲情況
    pub rewards: String,
    /// 年度考核結果 as a file gave it; written again from the year-end grades where the program
    /// holds any for the years it covers.
    pub assessment: String,
    /// 專業技術職務
    pub professional_title: String,
    /// 熟悉專業有何專長
    pub speciality: String,
    /// 全日制教育 學位's 畢業院校系及專業 (the 學歷's is the identity's `school`).
    pub degree_school: String,
    /// 在職教育 學位's 畢業院校系及專業.
    pub inservice_degree_school: String,
    /// 現任職務 as the form writes it (with the unit: 某某局辦公室主任).
    pub current_post: String,
    /// 擬任職務
    pub proposed_post: String,
    /// 擬免職務
    pub proposed_removal: String,
    /// 任免理由
    pub reason: String,
    /// 呈報單位
    pub reporting_unit: String,
    /// 計算年齡時間 (stored as [`form_date`] gives it)
    pub age_date: String,
    /// 填表時間
    pub filled_on: String,
    /// 填表人
    pub filled_by: String,
}

impl CadreRecord {
    /// Whether the record holds nothing at all.
    pub fn is_empty(&self) -> bool {
        *self == CadreRecord::default()
    }

    /// The record as stored: texts trimmed and bounded, empty 簡歷 lines and family rows dropped,
    /// dates in their stored form; or every problem found.
    pub fn validate(&self) -> Result<CadreRecord, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let mut resume = Vec::new();
        for line in &self.resume {
            let line = clean(line, Field::Resume, false, MAX_RESUME_LINE, &mut problems);
            if !line.is_empty() {
                resume.push(line);
            }
        }
        if resume.len() > MAX_RESUME_LINES {
            problems.push(Field::Resume, Problem::TooLong { max: MAX_RESUME_LINES });
        }
        let mut family = Vec::new();
        for member in &self.family {
            let mut field = |raw: &str, max| clean(raw, Field::Family, false, max, &mut problems);
            let m = FamilyMember {
                relation: field(&member.relation, MAX_SHORT),
                name: field(&member.name, MAX_NAME),
                birth: String::new(),
                political: field(&member.political, MAX_SHORT),
                work: field(&member.work, MAX_TITLE * 2),
            };
            if m == FamilyMember::default() && member.birth.trim().is_empty() {
                continue;
            }
            if m.name.is_empty() {
                problems.push(Field::Family, Problem::Required);
            }
            let birth = match form_date(&member.birth) {
                Some(birth) => birth,
                None => {
                    problems.push(Field::Family, Problem::BadYearMonth);
                    String::new()
                }
            };
            family.push(FamilyMember { birth, ..m });
        }
        if family.len() > MAX_FAMILY {
            problems.push(Field::Family, Problem::TooLong { max: MAX_FAMILY });
        }
        let mut text = |raw: &str, field, max| clean(raw, field, false, max, &mut problems);
        let record = CadreRecord {
            resume,
            family,
            rewards: text(&self.rewards, Field::Rewards, MAX_LONG),
            assessment: text(&self.assessment, Field::Appointment, MAX_NOTE),
            professional_title: text(&self.professional_title, Field::Appointment, MAX_SHORT),
            speciality: text(&self.speciality, Field::Appointment, MAX_NOTE),
            degree_school: text(&self.degree_school, Field::Appointment, MAX_SHORT),
            inservice_degree_school: text(&self.inservice_degree_school, Field::Appointment, MAX_SHORT),
            current_post: text(&self.current_post, Field::Appointment, MAX_NOTE),
            proposed_post: text(&self.proposed_post, Field::Appointment, MAX_NOTE),
            proposed_removal: text(&self.proposed_removal, Field::Appointment, MAX_NOTE),
            reason: text(&self.reason, Field::Appointment, MAX_LONG),
            reporting_unit: text(&self.reporting_unit, Field::Appointment, MAX_TITLE),
            age_date: String::new(),
            filled_on: String::new(),
            filled_by: text(&self.filled_by, Field::Appointment, MAX_NAME),
        };
        let mut date = |raw: &str| {
            form_date(raw).unwrap_or_else(|| {
                problems.push(Field::Appointment, Problem::BadYearMonth);
                String::new()
            })
        };
        let (age_date, filled_on) = (date(&self.age_date), date(&self.filled_on));
        problems.finish(CadreRecord { age_date, filled_on, ..record })
    }

    /// The 簡歷 as one text, a line per period (as the form's box and a file's JianLi hold it).
    pub fn resume_text(&self) -> String {
        self.resume.join("\n")
    }

    /// 簡歷 lines from a text (line breaks of any platform; blank lines dropped).
    pub fn resume_lines(text: &str) -> Vec<String> {
        text.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).map(str::to_owned).collect()
    }
}

/// A date as a file or form gives it (`198503`, `19850309`, `1985.03`, `1985-03-09`…) in its
/// stored form (`1985.03` or `1985-03-09`); empty stays empty; `None` when it is not a date.
pub fn form_date(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return Some(String::new());
    }
    Since::parse(text).map(|s| s.to_string())
}

/// A stored date as a 任免審批表 file writes it: `198503` or `19850309`.
pub fn file_date(stored: &str) -> String {
    match Since::parse(stored) {
        Some(Since::Month(m)) => format!("{:04}{:02}", m.year, m.month),
        Some(Since::Day(d)) => d.format("%Y%m%d").to_string(),
        None => stored.to_owned(),
    }
}

/// A stored date as the printed form shows it: `1985.03` (a day prints as its month).
pub fn printed_date(stored: &str) -> String {
    Since::parse(stored).map(|s| s.month().to_string()).unwrap_or_else(|| stored.to_owned())
}

/// The age in whole years of someone born in `birth` on a day of month `on`, counted by
/// months as the form counts it (the birthday month counts as reached); `None` before birth.
pub fn age_at(birth: super::dates::YearMonth, on: super::dates::YearMonth) -> Option<u32> {
    let years = on.year - birth.year - i32::from(on.month < birth.month);
    u32::try_from(years).ok()
}

/// The 年度考核結果 sentence of the last three graded years, each year's grade as `word` gives
/// it: consecutive years of one grade are joined (`2022、2023年度考核稱職，2024年度考核優秀。`).
/// Empty when no year is graded.
pub fn assessment_sentence(graded: &[(i32, &str)]) -> String {
    let mut years: Vec<(i32, &str)> = graded.to_vec();
    years.sort_by_key(|(year, _)| *year);
    years.dedup_by_key(|(year, _)| *year);
    let last: Vec<(i32, &str)> = years.iter().rev().take(3).rev().copied().collect();
    let mut runs: Vec<(Vec<i32>, &str)> = Vec::new();
    for (year, word) in last {
        match runs.last_mut() {
            Some((run, w)) if *w == word => run.push(year),
            _ => runs.push((vec![year], word)),
        }
    }
    if runs.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|(run, word)| {
            let years: Vec<String> = run.iter().map(i32::to_string).collect();
            format!("{}年度考核{word}", years.join("、"))
        })
        .collect();
    format!("{}。", parts.join("，"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_assessment_sentence_joins_years_of_one_grade() {
        let graded = [(2024, "優秀"), (2022, "稱職"), (2023, "稱職"), (2021, "基本稱職")];
        assert_eq!(assessment_sentence(&graded), "2022、2023年度考核稱職，2024年度考核優秀。");
        assert_eq!(assessment_sentence(&[(2023, "稱職")]), "2023年度考核稱職。");
        assert_eq!(
            assessment_sentence(&[(2022, "優秀"), (2023, "稱職"), (2024, "優秀")]),
            "2022年度考核優秀，2023年度考核稱職，2024年度考核優秀。"
        );
        assert_eq!(assessment_sentence(&[]), "");
    }

    #[test]
    fn the_age_counts_the_birthday_month_as_reached() {
        use crate::domain::dates::YearMonth;
        let born = YearMonth { year: 1985, month: 3 };
        assert_eq!(age_at(born, YearMonth { year: 2024, month: 2 }), Some(38));
        assert_eq!(age_at(born, YearMonth { year: 2024, month: 3 }), Some(39));
        assert_eq!(age_at(born, YearMonth { year: 1984, month: 12 }), None);
    }

    #[test]
    fn dates_keep_their_precision() {
        assert_eq!(form_date("198503").as_deref(), Some("1985.03"));
        assert_eq!(form_date("19850309").as_deref(), Some("1985-03-09"));
        assert_eq!(form_date("").as_deref(), Some(""));
        assert_eq!(form_date("19850230"), None);
        assert_eq!(file_date("1985.03"), "198503");
        assert_eq!(file_date("1985-03-09"), "19850309");
        assert_eq!(printed_date("1985-03-09"), "1985.03");
    }

    #[test]
    fn a_record_is_checked_and_trimmed() {
        let record = CadreRecord {
            resume: vec![" 2008.07--2012.06  辦公室科員 ".into(), "  ".into()],
            family: vec![
                FamilyMember { relation: "妻子".into(), name: "王芳".into(), birth: "198005".into(), ..Default::default() },
                FamilyMember::default(),
            ],
            filled_on: "20240105".into(),
            ..Default::default()
        };
        let valid = record.validate().expect("valid");
        assert_eq!(valid.resume, vec!["2008.07--2012.06  辦公室科員"]);
        assert_eq!(valid.family.len(), 1);
        assert_eq!(valid.family[0].birth, "1980.05");
        assert_eq!(valid.filled_on, "2024-01-05");
        let bad = CadreRecord { family: vec![FamilyMember { birth: "1980-13".into(), ..Default::default() }], ..Default::default() };
        let problems = bad.validate().expect_err("refused");
        assert!(problems.iter().any(|p| p.field == Field::Family && p.problem == Problem::Required));
        assert!(problems.iter().any(|p| p.field == Field::Family && p.problem == Problem::BadYearMonth));
    }
}
