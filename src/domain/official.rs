//! Officials (干部/公務員) on the roster: the stored record, the form draft and its validation
//! (empty name, duplicate staff number or 身份證號, birth in the future, a post in another unit…),
//! with 職務 and 職級 kept apart and the tier derived from them.

use super::catalogue::{Gender, OfficialStatus, RankTier};
use super::dates::{Since, YearMonth};
use super::identity::{IdNumberError, Identity, check_id_number, clean_person_name, id_birth_month};
use super::ids::{OfficialId, PostId, UnitId};
use super::org::{Post, Unit, check_unit};
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::ranks::{DutyLevel, Rank, TierMapping};
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
    /// 學歷 (全日制教育), printed as 文化程度.
    pub education: String,
    /// A tier chosen by hand for this person, replacing the one 職務 and 職級 lead to.
    pub tier_override: Option<RankTier>,
    pub duty_level: Option<DutyLevel>,
    pub duty_since: String,
    pub rank: Option<Rank>,
    pub rank_since: String,
    /// 級別 (optional, as the record gives it).
    pub grade: String,
    /// 現任職務 as written (科長, 稅收管理員…).
    pub position_title: String,
    pub unit: Option<UnitId>,
    pub post: Option<PostId>,
    pub post_since: String,
    pub status: Option<OfficialStatus>,
    pub identity: Box<Identity>,
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
    /// The name of another official who already has the draft's 身份證號.
    pub id_number_holder: Option<String>,
    /// The post the official held before this edit (still allowed if since retired).
    pub previous_post: Option<PostId>,
    /// How 職務 and 職級 lead to a tier.
    pub mapping: &'a TierMapping,
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
    /// The tier the programme uses: the override, else derived from 職務 and 職級.
    pub tier: RankTier,
    pub tier_override: Option<RankTier>,
    pub duty_level: Option<DutyLevel>,
    pub duty_since: Option<Since>,
    pub rank: Option<Rank>,
    pub rank_since: Option<Since>,
    pub grade: String,
    pub position_title: String,
    pub unit: UnitId,
    pub post: Option<PostId>,
    pub post_since: Option<Since>,
    pub status: OfficialStatus,
    pub identity: Box<Identity>,
}

impl OfficialData {
    /// The tier `mapping` gives this record (after a change of the mapping).
    pub fn tier_under(&self, mapping: &TierMapping) -> RankTier {
        mapping.tier_of(self.duty_level, self.rank, self.tier_override).unwrap_or(self.tier)
    }
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
            tier_override: o.tier_override,
            duty_level: o.duty_level,
            duty_since: o.duty_since.map(|s| s.to_string()).unwrap_or_default(),
            rank: o.rank,
            rank_since: o.rank_since.map(|s| s.to_string()).unwrap_or_default(),
            grade: o.grade.clone(),
            position_title: o.position_title.clone(),
            unit: Some(o.unit),
            post: o.post,
            post_since: o.post_since.map(|s| s.to_string()).unwrap_or_default(),
            status: Some(o.status),
            identity: o.identity.clone(),
        }
    }

    /// Trimmed staff number, as it is looked up for duplicates.
    pub fn staff_no_key(&self) -> &str {
        self.staff_no.trim()
    }

    pub fn validate(&self, ctx: &OfficialContext<'_>) -> Result<OfficialData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        // An empty staff number is given one when the record is stored.
        let staff_no = clean(&self.staff_no, Field::StaffNo, false, MAX_STAFF_NO, &mut problems);
        if let Some(holder) = &ctx.staff_no_holder {
            problems.push(Field::StaffNo, Problem::DuplicateStaffNo { holder: holder.clone() });
        }
        let name = clean_person_name(&clean(&self.name, Field::Name, true, MAX_NAME, &mut problems));
        let mut short = |raw: &str, field| clean(raw, field, false, MAX_SHORT, &mut problems);
        let political = short(&self.political, Field::Political);
        let education = short(&self.education, Field::Education);
        let position_title = short(&self.position_title, Field::PositionTitle);
        let grade = short(&self.grade, Field::Grade);
        let i = &self.identity;
        let mut identity = Identity {
            ethnicity: short(&i.ethnicity, Field::Ethnicity),
            native_place: short(&i.native_place, Field::NativePlace),
            birthplace: short(&i.birthplace, Field::Birthplace),
            id_number: String::new(),
            work_since: String::new(),
            party_since: String::new(),
            degree: short(&i.degree, Field::Degree),
            school: short(&i.school, Field::School),
            inservice_education: short(&i.inservice_education, Field::InserviceEducation),
            inservice_degree: short(&i.inservice_degree, Field::InserviceDegree),
            inservice_school: short(&i.inservice_school, Field::InserviceSchool),
            health: short(&i.health, Field::Health),
        };
        if self.gender.is_none() {
            problems.push(Field::Gender, Problem::Required);
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
        if !i.id_number.trim().is_empty() {
            match check_id_number(&i.id_number) {
                Ok(id) => {
                    let carried = id_birth_month(&id);
                    if let (Some(carried), Some(birth)) = (carried, birth)
                        && carried != birth
                    {
                        problems.push(Field::IdNumber, Problem::IdNumberBirth { month: carried.to_string() });
                    }
                    identity.id_number = id;
                }
                Err(IdNumberError::Checksum) => problems.push(Field::IdNumber, Problem::IdNumberChecksum),
                Err(_) => problems.push(Field::IdNumber, Problem::BadIdNumber),
            }
        }
        if let Some(holder) = &ctx.id_number_holder {
            problems.push(Field::IdNumber, Problem::DuplicateIdNumber { holder: holder.clone() });
        }
        let mut month = |raw: &str, field| -> String {
            if raw.trim().is_empty() {
                return String::new();
            }
            match YearMonth::parse(raw) {
                None => problems.push(field, Problem::BadYearMonth),
                Some(m) if m > YearMonth::of(ctx.today) => problems.push(field, Problem::InFuture),
                Some(m) if birth.is_some_and(|b| m < b) => problems.push(field, Problem::BeforeBirth),
                Some(m) => return m.to_string(),
            }
            String::new()
        };
        identity.work_since = month(&i.work_since, Field::WorkSince);
        identity.party_since = month(&i.party_since, Field::PartySince);
        let mut since = |raw: &str, field| -> Option<Since> {
            if raw.trim().is_empty() {
                return None;
            }
            match Since::parse(raw) {
                None => problems.push(field, Problem::BadDate),
                Some(s) if s.month() > YearMonth::of(ctx.today) || s.first_day().is_some_and(|d| d > ctx.today) => {
                    problems.push(field, Problem::InFuture)
                }
                Some(s) if birth.is_some_and(|b| s.month() < b) => problems.push(field, Problem::BeforeBirth),
                Some(s) => return Some(s),
            }
            None
        };
        let post_since = since(&self.post_since, Field::PostSince);
        let duty_since = since(&self.duty_since, Field::DutySince);
        let rank_since = since(&self.rank_since, Field::RankSince);
        let tier = ctx.mapping.tier_of(self.duty_level, self.rank, self.tier_override);
        if tier.is_none() {
            problems.push(Field::Tier, Problem::TierUnknown);
        }
        let unit = check_unit(self.unit, ctx.unit, &mut problems);
        if let Some(post_id) = self.post {
            match ctx.post {
                None => problems.push(Field::Post, Problem::NotFound),
                Some(post) if unit.is_some_and(|u| u != post.unit) => problems.push(Field::Post, Problem::PostInOtherUnit),
                Some(post) if post.retired && ctx.previous_post != Some(post_id) => problems.push(Field::Post, Problem::PostRetired),
                Some(_) => {}
            }
        }
        match (birth, unit, self.gender, tier, problems.is_empty()) {
            (Some(birth), Some(unit), Some(gender), Some(tier), true) => Ok(OfficialData {
                staff_no,
                name,
                gender,
                birth,
                political,
                education,
                tier,
                tier_override: self.tier_override,
                duty_level: self.duty_level,
                duty_since,
                rank: self.rank,
                rank_since,
                grade,
                position_title,
                unit,
                post: self.post,
                post_since,
                status: self.status.unwrap_or(OfficialStatus::Active),
                identity: Box::new(identity),
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
            rank: Some(Rank::Clerk1),
            unit: Some(UnitId(2)),
            post: Some(PostId(7)),
            post_since: "2010-07-01".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_draft_is_accepted() {
        let (u, p) = (unit(2), post(7, 2));
        let mapping = TierMapping::default();
        let ctx = OfficialContext {
            today: day(2013, 1, 1),
            unit: Some(&u),
            post: Some(&p),
            staff_no_holder: None,
            id_number_holder: None,
            previous_post: None,
            mapping: &mapping,
        };
        let valid = draft().validate(&ctx).expect("valid");
        assert_eq!(valid.birth, YearMonth { year: 1985, month: 3 });
        assert_eq!(valid.status, OfficialStatus::Active);
        assert_eq!(valid.post_since, Some(Since::Day(day(2010, 7, 1))));
        assert_eq!(valid.tier, RankTier::General);
        let led = OfficialDraft { duty_level: Some(DutyLevel::TownshipDeputy), post_since: "2010.07".into(), ..draft() };
        let valid = led.validate(&ctx).expect("valid");
        assert_eq!(valid.tier, RankTier::Section, "a 鄉科級副職 is 科級 whatever the rank");
        assert_eq!(valid.post_since, Some(Since::Month(YearMonth { year: 2010, month: 7 })));
        let padded = OfficialDraft {
            name: "劉　偉".into(),
            identity: Box::new(Identity { id_number: "11010519850302002x".into(), work_since: "2006.7".into(), ..Identity::default() }),
            ..draft()
        };
        let valid = padded.validate(&ctx).expect("valid");
        assert_eq!(valid.name, "劉偉");
        assert_eq!(valid.identity.work_since, "2006.07");
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
            base(
                OfficialDraft { identity: Box::new(Identity { id_number: "110105198503020021".into(), ..Identity::default() }), ..draft() },
                Field::IdNumber,
                Problem::IdNumberChecksum,
            ),
            base(
                OfficialDraft { identity: Box::new(Identity { id_number: "11010519491231002X".into(), ..Identity::default() }), ..draft() },
                Field::IdNumber,
                Problem::IdNumberBirth { month: "1949.12".into() },
            ),
            base(
                OfficialDraft { identity: Box::new(Identity { party_since: "1980.01".into(), ..Identity::default() }), ..draft() },
                Field::PartySince,
                Problem::BeforeBirth,
            ),
            Case { holder: Some("李娜"), ..base(draft(), Field::StaffNo, Problem::DuplicateStaffNo { holder: "李娜".into() }) },
            base(OfficialDraft { birth: "2014.01".into(), ..draft() }, Field::Birth, Problem::InFuture),
            base(OfficialDraft { birth: "1985.13".into(), ..draft() }, Field::Birth, Problem::BadYearMonth),
            base(OfficialDraft { birth: "1899.12".into(), ..draft() }, Field::Birth, Problem::TooEarly { min_year: 1900 }),
            base(OfficialDraft { post_since: "2013-02-30".into(), ..draft() }, Field::PostSince, Problem::BadDate),
            base(OfficialDraft { post_since: "2014-01-01".into(), ..draft() }, Field::PostSince, Problem::InFuture),
            base(OfficialDraft { gender: None, ..draft() }, Field::Gender, Problem::Required),
            base(OfficialDraft { rank: None, ..draft() }, Field::Tier, Problem::TierUnknown),
            base(OfficialDraft { name: "名".repeat(51), ..draft() }, Field::Name, Problem::TooLong { max: 50 }),
            Case { post: Some(&p_other), ..base(draft(), Field::Post, Problem::PostInOtherUnit) },
            Case { post: Some(&retired_post), ..base(draft(), Field::Post, Problem::PostRetired) },
            Case { unit: None, ..base(draft(), Field::Unit, Problem::NotFound) },
            Case { unit: Some(&u3), post: Some(&p_ok), ..base(draft(), Field::Post, Problem::PostInOtherUnit) },
        ];
        let mapping = TierMapping::default();
        for case in cases {
            let ctx = OfficialContext {
                today: day(2013, 1, 1),
                unit: case.unit,
                post: case.post,
                staff_no_holder: case.holder.map(str::to_owned),
                id_number_holder: None,
                previous_post: None,
                mapping: &mapping,
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
        let mapping = TierMapping::default();
        let ctx = OfficialContext {
            today: day(2013, 1, 1),
            unit: Some(&u),
            post: Some(&p),
            staff_no_holder: None,
            id_number_holder: None,
            previous_post: Some(PostId(7)),
            mapping: &mapping,
        };
        assert!(draft().validate(&ctx).is_ok());
    }
}
