//! The texts every layer shows, at the bottom of the layers: the three-language table and the
//! lookups that name fields, vocabularies and validation problems, so the UI, the CLI, the
//! printouts and the spreadsheets say the same thing. It knows nothing above the domain; the
//! errors of the upper layers are put into words by `crate::messages`.

mod texts;

pub use texts::TEXTS;

use crate::domain::Lang;
use crate::domain::cadre::FileFault;
use crate::domain::catalogue::{Gender, OfficialStatus, UnitKind};
use crate::domain::problem::{Field, FieldProblem, Problem};
use std::collections::HashMap;
use std::sync::LazyLock;

static INDEX: LazyLock<HashMap<&'static str, [&'static str; 3]>> =
    LazyLock::new(|| TEXTS.iter().map(|(k, tc, sc, en)| (*k, [*tc, *sc, *en])).collect());

/// The text for `key` in `lang`; a missing key shows as itself in debug builds' tests.
pub fn tr(lang: Lang, key: &str) -> &'static str {
    let Some(texts) = INDEX.get(key) else {
        debug_assert!(false, "missing text key {key}");
        return "?";
    };
    match lang {
        Lang::Tc => texts[0],
        Lang::Sc => texts[1],
        Lang::En => texts[2],
    }
}

/// The text of `key` when there is one (for keys made from stored data, such as a change-log
/// field's name).
pub fn lookup(lang: Lang, key: &str) -> Option<&'static str> {
    INDEX.get(key).map(|texts| match lang {
        Lang::Tc => texts[0],
        Lang::Sc => texts[1],
        Lang::En => texts[2],
    })
}

/// Replaces `{0}`, `{1}`… in `template` with `args`.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = template.to_owned();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), arg);
    }
    out
}

/// The key of a measured figure's name.
pub fn measure_key(measure: crate::domain::programme::Measure) -> &'static str {
    use crate::domain::programme::Measure;
    match measure {
        Measure::DutyStatements => "measure.duty_statements",
        Measure::Standards => "measure.standards",
        Measure::SeatStatements => "measure.seat_statements",
        Measure::SelfChecks => "measure.self_checks",
        Measure::ImprovementPlans => "measure.improvement_plans",
        Measure::Training => "measure.training",
    }
}

pub fn gender(lang: Lang, gender: Gender) -> &'static str {
    tr(lang, &format!("gender.{}", gender.code()))
}

pub fn status(lang: Lang, status: OfficialStatus) -> &'static str {
    tr(lang, &format!("status.{}", status.code()))
}

pub fn unit_kind(lang: Lang, kind: UnitKind) -> &'static str {
    tr(lang, &format!("kind.{}", kind.code()))
}

/// The header keys of the eight capability columns, by position.
const CAPABILITY_KEYS: [&str; 8] = [
    "field.capability.1",
    "field.capability.2",
    "field.capability.3",
    "field.capability.4",
    "field.capability.5",
    "field.capability.6",
    "field.capability.7",
    "field.capability.8",
];

/// The key of a field's label.
pub fn field_key(field: Field) -> &'static str {
    match field {
        Field::BureauName => "field.bureau_name",
        Field::Year => "field.year",
        Field::UnitName => "field.unit_name",
        Field::UnitKind => "field.unit_kind",
        Field::Parent => "field.parent",
        Field::Title => "field.title",
        Field::Tier => "field.tier",
        Field::Duties => "field.duties",
        Field::Standard => "field.standard",
        Field::Authority => "field.authority",
        Field::TimeLimits => "field.time_limits",
        Field::Responsibility => "field.responsibility",
        Field::Headcount => "field.headcount",
        Field::StaffNo => "field.staff_no",
        Field::Name => "field.name",
        Field::Gender => "field.gender",
        Field::Birth => "field.birth",
        Field::Political => "field.political",
        Field::Education => "field.education",
        Field::PositionTitle => "field.position_title",
        Field::Unit => "field.unit",
        Field::Post => "field.post",
        Field::PostSince => "field.post_since",
        Field::Status => "field.status",
        Field::Rank => "field.rank",
        Field::DutyLevel => "field.duty_level",
        Field::DutySince => "field.duty_since",
        Field::RankSince => "field.rank_since",
        Field::Grade => "field.grade",
        Field::Ethnicity => "field.ethnicity",
        Field::NativePlace => "field.native_place",
        Field::Birthplace => "field.birthplace",
        Field::IdNumber => "field.id_number",
        Field::WorkSince => "field.work_since",
        Field::PartySince => "field.party_since",
        Field::Degree => "field.degree",
        Field::School => "field.school",
        Field::InserviceEducation => "field.inservice_education",
        Field::InserviceDegree => "field.inservice_degree",
        Field::InserviceSchool => "field.inservice_school",
        Field::Health => "field.health",
        Field::Photo => "field.photo",
        Field::Resume => "field.resume",
        Field::Family => "field.family",
        Field::Rewards => "field.rewards",
        Field::Appointment => "field.appointment",
        Field::Capability(n) => CAPABILITY_KEYS.get(usize::from(n).wrapping_sub(1)).copied().unwrap_or("field.record"),
        Field::Username => "field.username",
        Field::Password => "field.password",
        Field::Role => "field.role",
        Field::Official => "field.official",
        Field::Shortfalls => "field.shortfalls",
        Field::Reflection => "field.reflection",
        Field::Comment => "field.comment",
        Field::Reason => "field.reason",
        Field::Score => "field.score",
        Field::Action => "field.action",
        Field::Support => "field.support",
        Field::Training => "field.training",
        Field::Deadline => "field.deadline",
        Field::Record => "field.record",
    }
}

/// The problem alone, as shown under its field.
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    let t = |key| tr(lang, key);
    match problem {
        Problem::Required => t("problem.required").to_owned(),
        Problem::TooLong { max } => fill(t("problem.too_long"), &[&max.to_string()]),
        Problem::ControlCharacters => t("problem.control").to_owned(),
        Problem::BadYearMonth => t("problem.bad_year_month").to_owned(),
        Problem::BadDate => t("problem.bad_date").to_owned(),
        Problem::InFuture => t("problem.in_future").to_owned(),
        Problem::TooEarly { min_year } => fill(t("problem.too_early"), &[&min_year.to_string()]),
        Problem::OutOfRange { min, max } => fill(t("problem.out_of_range"), &[&min.to_string(), &max.to_string()]),
        Problem::DuplicateStaffNo { holder } => fill(t("problem.duplicate_staff_no"), &[holder]),
        Problem::PostInOtherUnit => t("problem.post_other_unit").to_owned(),
        Problem::UnitRetired => t("problem.unit_retired").to_owned(),
        Problem::PostRetired => t("problem.post_retired").to_owned(),
        Problem::NotFound => t("problem.not_found").to_owned(),
        Problem::Cycle => t("problem.cycle").to_owned(),
        Problem::RootFixed => t("problem.root_fixed").to_owned(),
        Problem::UnitNotEmpty { children, posts, officials } => {
            fill(t("problem.unit_not_empty"), &[&children.to_string(), &posts.to_string(), &officials.to_string()])
        }
        Problem::UnitHasRecords { records } => fill(t("problem.unit_has_records"), &[&records.to_string()]),
        Problem::PostHeld { officials } => fill(t("problem.post_held"), &[&officials.to_string()]),
        Problem::PostMoveHeld { officials } => fill(t("problem.post_move_held"), &[&officials.to_string()]),
        Problem::AlreadySetUp => t("problem.already_set_up").to_owned(),
        Problem::Unknown { value } => fill(t("problem.unknown"), &[value]),
        Problem::UnknownUnit { name } => fill(t("problem.unknown_unit"), &[name]),
        Problem::AmbiguousUnit { name } => fill(t("problem.ambiguous_unit"), &[name]),
        Problem::UnknownPost { title } => fill(t("problem.unknown_post"), &[title]),
        Problem::DuplicateInFile { row } => fill(t("problem.duplicate_in_file"), &[&row.to_string()]),
        Problem::SimilarName { name, staff_no } => fill(t("problem.similar_name"), &[name, staff_no]),
        Problem::Locked => t("problem.locked").to_owned(),
        Problem::BadStatusChange => t("problem.bad_status_change").to_owned(),
        Problem::UnknownStaffNo { staff_no } => fill(t("problem.unknown_staff_no"), &[staff_no]),
        Problem::HasRecords { records } => fill(t("problem.has_records"), &[&records.to_string()]),
        Problem::TooShort { min } => fill(t("problem.too_short"), &[&min.to_string()]),
        Problem::DuplicateUsername => t("problem.duplicate_username").to_owned(),
        Problem::NotInRound => t("problem.not_in_round").to_owned(),
        Problem::RoundClosed => t("problem.round_closed").to_owned(),
        Problem::Forbidden => t("problem.forbidden").to_owned(),
        Problem::BadIdNumber => t("problem.bad_id_number").to_owned(),
        Problem::IdNumberChecksum => t("problem.id_number_checksum").to_owned(),
        Problem::IdNumberBirth { month } => fill(t("problem.id_number_birth"), &[month]),
        Problem::DuplicateIdNumber { holder } => fill(t("problem.duplicate_id_number"), &[holder]),
        Problem::IdNumberAsNumber => t("problem.id_number_as_number").to_owned(),
        Problem::BeforeBirth => t("problem.before_birth").to_owned(),
        Problem::TierUnknown => t("problem.tier_unknown").to_owned(),
        Problem::AmbiguousMonth { value } => fill(t("problem.ambiguous_month"), &[value]),
        Problem::BadPhoto => t("problem.bad_photo").to_owned(),
        Problem::BadCadreFile(fault) => t(match fault {
            FileFault::TooLarge => "problem.cadre_too_large",
            FileFault::TooDeep => "problem.cadre_too_deep",
            FileFault::Declarations => "problem.cadre_declarations",
            FileFault::NotXml => "problem.cadre_not_xml",
            FileFault::NotPerson => "problem.cadre_not_person",
            FileFault::Encoding => "problem.cadre_encoding",
            FileFault::NotLrm => "problem.cadre_not_lrm",
        })
        .to_owned(),
        Problem::UnknownRank { value } => fill(t("problem.unknown_rank"), &[value]),
        Problem::AmbiguousMatch { staff_nos } => fill(t("problem.ambiguous_match"), &[staff_nos]),
        Problem::Unrated { names } => fill(t("problem.unrated"), &[names]),
        Problem::ApprovalNeeded { percent, max } => fill(t("problem.approval_needed"), &[&percent.to_string(), &max.to_string()]),
        Problem::OverAllocated { total, sum } => fill(t("problem.over_allocated"), &[&sum.to_string(), &total.to_string()]),
        Problem::PublicityTooShort { earliest } => fill(t("problem.publicity_short"), &[earliest]),
        Problem::NotPublicised { until: Some(until) } => fill(t("problem.publicity_running"), &[until]),
        Problem::NotPublicised { until: None } => t("problem.not_publicised").to_owned(),
        Problem::BadBallotCode => t("problem.ballot_code").to_owned(),
        Problem::BadCalendarLine { line } => fill(t("problem.calendar_line"), &[&line.to_string()]),
    }
}

pub fn duty_level(lang: Lang, level: crate::domain::ranks::DutyLevel) -> &'static str {
    tr(lang, &format!("duty.{}", level.code()))
}

pub fn rank(lang: Lang, rank: crate::domain::ranks::Rank) -> &'static str {
    tr(lang, &format!("rank.{}", rank.code()))
}

/// A 平時 result's name (好, 較好, 一般, 較差).
pub fn rating(lang: Lang, rating: crate::domain::routine::Rating) -> &'static str {
    tr(lang, &format!("routine.rating.{}", rating.code()))
}

/// A 平時 period as forms write it: 2012年第三季度 → `2012年第3季度`, `2012年7月`.
pub fn period(lang: Lang, period: &crate::domain::routine::Period) -> String {
    let key = match period.cadence {
        crate::domain::routine::Cadence::Quarterly => "routine.period_q",
        crate::domain::routine::Cadence::Monthly => "routine.period_m",
    };
    fill(tr(lang, key), &[&period.year.to_string(), &period.number.to_string()])
}

/// Why a grade is suggested, in words.
pub fn suggestion_reason(lang: Lang, reason: &crate::domain::routine::Reason) -> String {
    use crate::domain::routine::Reason;
    match reason {
        Reason::NoGood => tr(lang, "routine.reason.no_good").to_owned(),
        Reason::Poor { count } => fill(tr(lang, "routine.reason.poor"), &[&count.to_string()]),
        Reason::Score { tenths } => fill(tr(lang, "routine.reason.score"), &[&format!("{:.1}", f64::from(*tenths) / 10.0)]),
        Reason::NoLimit => tr(lang, "routine.reason.no_limit").to_owned(),
        Reason::NoResults => tr(lang, "routine.reason.no_results").to_owned(),
    }
}

/// A suggestion in one line: the grade (or the ceiling, `最高稱職`) and its reasons.
pub fn suggestion(lang: Lang, suggestion: &crate::domain::routine::Suggestion) -> (String, String) {
    let grade = |g: crate::domain::yearend::Grade| tr(lang, &format!("grade.{}", g.code()));
    let what = match (suggestion.grade, suggestion.ceiling) {
        (Some(g), _) => grade(g).to_owned(),
        (None, Some(c)) => fill(tr(lang, "routine.at_most"), &[grade(c)]),
        (None, None) => tr(lang, "routine.no_suggestion").to_owned(),
    };
    let sep = if lang == Lang::En { "; " } else { "；" };
    (what, suggestion.reasons.iter().map(|r| suggestion_reason(lang, r)).collect::<Vec<_>>().join(sep))
}

/// A 處分 or 組織處理 by name.
pub fn sanction(lang: Lang, kind: crate::domain::standing::SanctionKind) -> &'static str {
    tr(lang, &format!("sanction.{}", kind.code()))
}

/// What an eligibility effect does, in words (`不得評為優秀`).
pub fn effect(lang: Lang, effect: crate::domain::eligibility::Effect) -> String {
    use crate::domain::eligibility::Effect;
    match effect {
        Effect::NoGrade => tr(lang, "eligibility.effect.no_grade").to_owned(),
        Effect::NotExcellent => tr(lang, "eligibility.effect.not_excellent").to_owned(),
        Effect::NotAbove(grade) => fill(tr(lang, "eligibility.effect.not_above"), &[tr(lang, &format!("grade.{}", grade.code()))]),
    }
}

/// Why the rules limit a grade, as one sentence (`2024-03-05 受警告處分（稅紀〔2024〕3號）：本年度不得確定為優秀等次`).
pub fn finding(lang: Lang, finding: &crate::domain::eligibility::Finding) -> String {
    use crate::domain::dates::format_date;
    use crate::domain::eligibility::Cause;
    let cause = match &finding.cause {
        Cause::Probation { ends } => fill(tr(lang, "eligibility.cause.probation"), &[&format_date(*ends)]),
        Cause::Leave { days, working } => fill(tr(lang, "eligibility.cause.leave"), &[&days.to_string(), &working.to_string()]),
        Cause::InvestigationOpen { opened } => fill(tr(lang, "eligibility.cause.investigation_open"), &[&format_date(*opened)]),
        Cause::InvestigationPenalty { opened, closed } => {
            fill(tr(lang, "eligibility.cause.investigation_penalty"), &[&format_date(*opened), &format_date(*closed)])
        }
        Cause::Sanction { kind, doc_no, effective } => {
            let doc = if doc_no.is_empty() { String::new() } else { fill(tr(lang, "eligibility.doc_no"), &[doc_no]) };
            fill(tr(lang, "eligibility.cause.sanction"), &[&format_date(*effective), sanction(lang, *kind), &doc])
        }
    };
    let effect =
        if finding.withholds_comment() { tr(lang, "eligibility.effect.withheld").to_owned() } else { effect(lang, finding.effect) };
    format!("{cause}{}{effect}", colon(lang))
}

/// Every finding, one sentence each, heaviest first.
pub fn findings(lang: Lang, findings: &[crate::domain::eligibility::Finding]) -> String {
    let sep = if lang == Lang::En { "; " } else { "；" };
    findings.iter().map(|f| finding(lang, f)).collect::<Vec<_>>().join(sep)
}

/// The colon between a name and what follows it: a fullwidth one in Chinese.
pub fn colon(lang: Lang) -> &'static str {
    if lang == Lang::En { ": " } else { "\u{FF1A}" }
}

/// The problem with its field's name, e.g. `出生年月：不能晚於今天`.
pub fn problem(lang: Lang, problem: &FieldProblem) -> String {
    if problem.field == Field::Record {
        let text = problem_text(lang, &problem.problem);
        let mut chars = text.chars();
        return chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default();
    }
    format!("{}{}{}", tr(lang, field_key(problem.field)), colon(lang), problem_text(lang, &problem.problem))
}

/// Why a self-check package cannot be taken in, in the user's language.
pub fn package_problem(lang: Lang, problem: &crate::domain::package::PackageProblem) -> String {
    use crate::domain::package::PackageProblem as P;
    let key = match problem {
        P::Missing => "package.missing",
        P::NotAFile => "package.not_a_file",
        P::NeverIssued => "package.never_issued",
        P::Form(p) => return fill(tr(lang, "package.form"), &[&self::problem(lang, p)]),
        P::NotAPackage => "package.not_a_package",
        P::TooNew => "package.too_new",
        P::Checksum => "package.checksum",
        P::Seal => "package.seal",
        P::NotByOfficial => "package.not_by_official",
        P::Uncoded => "package.uncoded",
        P::WrongCode => "package.wrong_code",
        P::UnknownRound => "package.unknown_round",
        P::UnknownOfficial => "package.unknown_official",
        P::RoundClosed => "package.round_closed",
        P::NotInRound => "package.not_in_round",
        P::Incomplete => "package.incomplete",
    };
    tr(lang, key).to_owned()
}

/// The language printouts use unless another is chosen: the bureau's Chinese — 简体 when the
/// interface is in 简体, 繁體 otherwise (an English or C locale included).
pub fn print_lang(interface: Lang) -> Lang {
    if interface == Lang::Sc { Lang::Sc } else { Lang::Tc }
}

/// The language of the system, by the rules of [`Lang::from_locale`].
pub fn system_lang() -> Lang {
    sys_locale::get_locale().map(|l| Lang::from_locale(&l)).unwrap_or(Lang::En)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_language_has_text() {
        let mut seen = std::collections::HashSet::new();
        for (key, tc, sc, en) in TEXTS {
            assert!(seen.insert(*key), "duplicate key {key}");
            for (lang, text) in [("tc", tc), ("sc", sc), ("en", en)] {
                assert!(!text.trim().is_empty(), "{key} has no {lang} text");
            }
            let placeholders = |t: &str| (0..5).filter(|i| t.contains(&format!("{{{i}}}"))).count();
            assert_eq!(placeholders(tc), placeholders(en), "{key}: placeholders differ between tc and en");
            assert_eq!(placeholders(sc), placeholders(en), "{key}: placeholders differ between sc and en");
        }
    }

    #[test]
    fn vocabularies_and_actions_have_texts() {
        for lang in Lang::ALL {
            for g in Gender::ALL {
                assert_ne!(gender(lang, *g), "?");
            }
            for s in OfficialStatus::ALL {
                assert_ne!(status(lang, *s), "?");
            }
            for k in UnitKind::ALL {
                assert_ne!(unit_kind(lang, *k), "?");
            }
        }
        let service = include_str!("../service/mod.rs").to_owned()
            + include_str!("../service/seed.rs")
            + include_str!("../service/selfcheck.rs")
            + include_str!("../service/training.rs")
            + include_str!("../service/yearend.rs")
            + include_str!("../service/routine.rs")
            + include_str!("../service/appraisal.rs");
        for (i, _) in service.match_indices("action: \"").chain(service.match_indices("\"bureau.")) {
            let rest = &service[i..];
            let start = rest.find('"').unwrap() + 1;
            let action = &rest[start..start + rest[start..].find('"').unwrap()];
            assert!(INDEX.contains_key(format!("done.{action}").as_str()), "action {action} has no message");
        }
    }

    #[test]
    fn problems_read_as_sentences() {
        let p = FieldProblem::new(Field::Birth, Problem::InFuture);
        assert_eq!(problem(Lang::Tc, &p), "出生年月：不能晚於今天");
        assert_eq!(problem(Lang::Sc, &p), "出生年月：不能晚于今天");
        assert_eq!(problem(Lang::En, &p), "Born (YYYY.MM): cannot be later than today");
        let dup = Problem::DuplicateStaffNo { holder: "李娜".into() };
        assert_eq!(problem_text(Lang::Sc, &dup), "已被 李娜 使用");
    }
}
