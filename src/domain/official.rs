//! Officials (干部/公務員) on the roster: the stored record, the form draft and its validation
//! (empty name, duplicate staff number, birth in the future, a post in another unit…).

use super::catalogue::{Gender, OfficialStatus, RankTier};
use super::dates::{YearMonth, format_date, parse_date};
use super::ids::{OfficialId, PostId, UnitId};
use super::org::{Post, Unit, check_unit};
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_NAME, MAX_SHORT, MAX_STAFF_NO, clean};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The earliest birth year the roster accepts.
pub const MIN_BIRTH_YEAR: i32 = 1900;

/// A stored official: identity plus the checked record; reads as its [`OfficialData`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Official {
    pub id: OfficialId,
    pub uuid: String,
    #[serde(flatten)]
    pub data: OfficialData,
}

impl std::ops::Deref for Official {
    type Target = OfficialData;

    fn deref(&self) -> &OfficialData {
        &self.data
    }
}

/// An official as typed in the form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialDraft {
    pub staff_no: String,
    pub name: String,
    pub gender: Option<Gender>,
    pub birth: String,
    pub political: String,
    pub education: String,
    pub tier: Option<RankTier>,
    pub position_title: String,
    pub unit: Option<UnitId>,
    pub post: Option<PostId>,
    pub post_since: String,
    pub status: Option<OfficialStatus>,
}

/// What validation needs to know from outside the draft.
pub struct OfficialContext<'a> {
    pub today: NaiveDate,
    /// The unit the draft names, if it exists.
    pub unit: Option<&'a Unit>,
    /// The post the draft names, if it exists.
    pub post: Option<&'a Post>,
    /// The name of another official who already has the draft's staff number.
    pub staff_no_holder: Option<String>,
    /// The post the official held before this edit (still allowed if since retired).
    pub previous_post: Option<PostId>,
}

/// An official's record, as validation lets it into the store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialData {
    pub staff_no: String,
    pub name: String,
    pub gender: Gender,
    pub birth: YearMonth,
    pub political: String,
    pub education: String,
    pub tier: RankTier,
    pub position_title: String,
    pub unit: UnitId,
    pub post: Option<PostId>,
    pub post_since: Option<NaiveDate>,
    pub status: OfficialStatus,
}

impl OfficialDraft {
    pub fn from_official(o: &Official) -> OfficialDraft {
        OfficialDraft::from_data(&o.data)
    }

    /// The form of a checked record, to edit it or check it again.
    pub fn from_data(o: &OfficialData) -> OfficialDraft {
        OfficialDraft {
            staff_no: o.staff_no.clone(),
            name: o.name.clone(),
            gender: Some(o.gender),
            birth: o.birth.to_string(),
            political: o.political.clone(),
            education: o.education.clone(),
            tier: Some(o.tier),
            position_title: o.position_title.clone(),
            unit: Some(o.unit),
            post: o.post,
            post_since: o.post_since.map(format_date).unwrap_or_default(),
            status: Some(o.status),
        }
    }

    /// Trimmed staff number, as it is looked up for duplicates.
    pub fn staff_no_key(&self) -> &str {
        self.staff_no.trim()
    }

    pub fn validate(&self, ctx: &OfficialContext<'_>) -> Result<OfficialData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let staff_no = clean(&self.staff_no, Field::StaffNo, true, MAX_STAFF_NO, &mut problems);
        if let Some(holder) = &ctx.staff_no_holder {
            problems.push(Field::StaffNo, Problem::DuplicateStaffNo { holder: holder.clone() });
        }
        let name = clean(&self.name, Field::Name, true, MAX_NAME, &mut problems);
        let political = clean(&self.political, Field::Political, false, MAX_SHORT, &mut problems);
        let education = clean(&self.education, Field::Education, false, MAX_SHORT, &mut problems);
        let position_title = clean(&self.position_title, Field::PositionTitle, false, MAX_SHORT, &mut problems);
        if self.gender.is_none() {
            problems.push(Field::Gender, Problem::Required);
        }
        if self.tier.is_none() {
            problems.push(Field::Tier, Problem::Required);
        }
        let birth = if self.birth.trim().is_empty() {
            problems.push(Field::Birth, Problem::Required);
            None
        } else {
            match YearMonth::parse(&self.birth) {
                None => {
                    problems.push(Field::Birth, Problem::BadYearMonth);
                    None
                }
                Some(b) if b > YearMonth::of(ctx.today) => {
                    problems.push(Field::Birth, Problem::InFuture);
                    None
                }
                Some(b) if b.year < MIN_BIRTH_YEAR => {
                    problems.push(Field::Birth, Problem::TooEarly { min_year: MIN_BIRTH_YEAR });
                    None
                }
                Some(b) => Some(b),
            }
        };
        let post_since = if self.post_since.trim().is_empty() {
            None
        } else {
            match parse_date(&self.post_since) {
                None => {
                    problems.push(Field::PostSince, Problem::BadDate);
                    None
                }
                Some(d) if d > ctx.today => {
                    problems.push(Field::PostSince, Problem::InFuture);
                    None
                }
                Some(d) if birth.is_some_and(|b| YearMonth::of(d) < b) => {
                    problems.push(Field::PostSince, Problem::TooEarly { min_year: birth.map_or(0, |b| b.year) });
                    None
                }
                Some(d) => Some(d),
            }
        };
        let unit = check_unit(self.unit, ctx.unit, &mut problems);
        if let Some(post_id) = self.post {
            match ctx.post {
                None => problems.push(Field::Post, Problem::NotFound),
                Some(post) if unit.is_some_and(|u| u != post.unit) => problems.push(Field::Post, Problem::PostInOtherUnit),
                Some(post) if post.retired && ctx.previous_post != Some(post_id) => problems.push(Field::Post, Problem::PostRetired),
                Some(_) => {}
            }
        }
        match (birth, unit, self.gender, self.tier, problems.is_empty()) {
            (Some(birth), Some(unit), Some(gender), Some(tier), true) => Ok(OfficialData {
                staff_no,
                name,
                gender,
                birth,
                political,
                education,
                tier,
                position_title,
                unit,
                post: self.post,
                post_since,
                status: self.status.unwrap_or(OfficialStatus::Active),
            }),
            _ => Err(problems.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::UnitKind;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn unit(id: i64) -> Unit {
        Unit {
            id: UnitId(id),
            uuid: String::new(),
            parent: Some(UnitId(1)),
            name: format!("unit {id}"),
            kind: UnitKind::Section,
            position: 0,
            retired: false,
        }
    }

    fn post(id: i64, unit: i64) -> Post {
        Post {
            id: PostId(id),
            uuid: String::new(),
            data: crate::domain::org::PostData {
                unit: UnitId(unit),
                title: "崗位".into(),
                tier: RankTier::General,
                duties: String::new(),
                standard: String::new(),
                authority: String::new(),
                time_limits: String::new(),
                responsibility: String::new(),
                headcount: 1,
            },
            retired: false,
        }
    }

    fn draft() -> OfficialDraft {
        OfficialDraft {
            staff_no: "A0001".into(),
            name: "張偉".into(),
            gender: Some(Gender::Male),
            birth: "1985.03".into(),
            tier: Some(RankTier::General),
            unit: Some(UnitId(2)),
            post: Some(PostId(7)),
            post_since: "2010-07-01".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_draft_is_accepted() {
        let (u, p) = (unit(2), post(7, 2));
        let ctx = OfficialContext { today: day(2013, 1, 1), unit: Some(&u), post: Some(&p), staff_no_holder: None, previous_post: None };
        let valid = draft().validate(&ctx).expect("valid");
        assert_eq!(valid.birth, YearMonth { year: 1985, month: 3 });
        assert_eq!(valid.status, OfficialStatus::Active);
        assert_eq!(valid.post_since, Some(day(2010, 7, 1)));
    }

    #[test]
    fn each_bad_input_is_named_on_its_field() {
        let (u2, u3, p_other) = (unit(2), unit(3), post(7, 3));
        let mut retired_post = post(7, 2);
        retired_post.retired = true;
        let p_ok = post(7, 2);
        struct Case<'a> {
            draft: OfficialDraft,
            unit: Option<&'a Unit>,
            post: Option<&'a Post>,
            holder: Option<&'a str>,
            field: Field,
            problem: Problem,
        }
        let base = |draft: OfficialDraft, field, problem| Case { draft, unit: Some(&u2), post: Some(&p_ok), holder: None, field, problem };
        let cases = vec![
            base(OfficialDraft { name: "  ".into(), ..draft() }, Field::Name, Problem::Required),
            base(OfficialDraft { staff_no: "".into(), ..draft() }, Field::StaffNo, Problem::Required),
            Case { holder: Some("李娜"), ..base(draft(), Field::StaffNo, Problem::DuplicateStaffNo { holder: "李娜".into() }) },
            base(OfficialDraft { birth: "2014.01".into(), ..draft() }, Field::Birth, Problem::InFuture),
            base(OfficialDraft { birth: "1985.13".into(), ..draft() }, Field::Birth, Problem::BadYearMonth),
            base(OfficialDraft { birth: "1899.12".into(), ..draft() }, Field::Birth, Problem::TooEarly { min_year: 1900 }),
            base(OfficialDraft { post_since: "2013-02-30".into(), ..draft() }, Field::PostSince, Problem::BadDate),
            base(OfficialDraft { post_since: "2014-01-01".into(), ..draft() }, Field::PostSince, Problem::InFuture),
            base(OfficialDraft { gender: None, ..draft() }, Field::Gender, Problem::Required),
            base(OfficialDraft { tier: None, ..draft() }, Field::Tier, Problem::Required),
            base(OfficialDraft { name: "名".repeat(51), ..draft() }, Field::Name, Problem::TooLong { max: 50 }),
            Case { post: Some(&p_other), ..base(draft(), Field::Post, Problem::PostInOtherUnit) },
            Case { post: Some(&retired_post), ..base(draft(), Field::Post, Problem::PostRetired) },
            Case { unit: None, ..base(draft(), Field::Unit, Problem::NotFound) },
            Case { unit: Some(&u3), post: Some(&p_ok), ..base(draft(), Field::Post, Problem::PostInOtherUnit) },
        ];
        for case in cases {
            let ctx = OfficialContext {
                today: day(2013, 1, 1),
                unit: case.unit,
                post: case.post,
                staff_no_holder: case.holder.map(str::to_owned),
                previous_post: None,
            };
            let problems = case.draft.validate(&ctx).expect_err("must be refused");
            assert!(
                problems.contains(&FieldProblem::new(case.field, case.problem.clone())),
                "{:?} {:?}: got {problems:?}",
                case.field,
                case.problem
            );
        }
    }

    #[test]
    fn keeping_a_post_that_was_retired_meanwhile_is_allowed() {
        let u = unit(2);
        let mut p = post(7, 2);
        p.retired = true;
        let ctx = OfficialContext {
            today: day(2013, 1, 1),
            unit: Some(&u),
            post: Some(&p),
            staff_no_holder: None,
            previous_post: Some(PostId(7)),
        };
        assert!(draft().validate(&ctx).is_ok());
    }
}
