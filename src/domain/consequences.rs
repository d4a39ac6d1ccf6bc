//! 結果運用: what a year's grade brings by the 2020 rules (Arts. 18–21), computed from an
//! official's grade history and 職級 dates — 嘉獎 for 優秀, 三等功 for three 優秀 running, a pay
//! step every two years 稱職 or better, a 級別 every five, the earliest day for the next 職級
//! (its minimum years less half a year for each 優秀 in the rank), 誡勉 after 基本稱職, and the
//! alert at a second 不稱職 running. Rules only.

use super::ranks::Rank;
use super::yearend::Grade;
use chrono::{Datelike, Months, NaiveDate};
use std::collections::BTreeMap;

/// Years 稱職 or better for a pay step (級別工資檔次).
pub const PAY_STEP_YEARS: u32 = 2;
/// Years 稱職 or better for a 級別.
pub const LEVEL_YEARS: u32 = 5;
/// 優秀 years running for a 三等功.
pub const MERIT_RUN: u32 = 3;
/// Months taken off the wait for the next 職級 by each 優秀 year in the rank.
pub const MONTHS_OFF_PER_EXCELLENT: u32 = 6;

/// The 職級 one step above `rank` in the 綜合管理類 (none above 一級巡視員, none from 試用期,
/// whose next rank depends on the official's schooling).
pub fn next_rank(rank: Rank) -> Option<Rank> {
    if rank == Rank::Probation {
        return None;
    }
    let i = Rank::ALL.iter().position(|r| *r == rank)?;
    i.checked_sub(1).map(|j| Rank::ALL[j])
}

/// The minimum years in `rank` before the next (公務員職務與職級並行規定 2019, as the domain notes
/// give them: two years at each step of the 科員, 主任科員 and 調研員 ladders).
pub fn minimum_years(rank: Rank) -> u32 {
    match rank {
        Rank::Inspector2 | Rank::Researcher1 => 4,
        _ => 2,
    }
}

/// What a year's grade brings one official.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Consequences {
    pub year: i32,
    pub grade: Option<Grade>,
    /// 嘉獎 due (優秀).
    pub commendation: bool,
    /// 優秀 years running up to this one.
    pub excellent_run: u32,
    /// 三等功 due (each third 優秀 running).
    pub merit: bool,
    /// Years 稱職 or better on record up to this one; a pay step due this year; years still to go.
    pub pay_years: u32,
    pub pay_step: bool,
    pub pay_to_go: u32,
    /// The same for the 級別.
    pub level_years: u32,
    pub level_step: bool,
    pub level_to_go: u32,
    /// The next 職級, the 優秀 years counted in the present one, and the earliest day for it.
    pub next_rank: Option<(Rank, u32, NaiveDate)>,
    /// 誡勉 due (基本稱職).
    pub admonition: bool,
    /// 不稱職: one 職務 or 職級 down.
    pub demotion: bool,
    /// The second 不稱職 running: dismissal to consider.
    pub dismissal_alert: bool,
}

/// Whether `rank` held since `since` counts for year `year`: held for the larger part of it.
fn held_in(since: NaiveDate, year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 7, 1).is_some_and(|mid| since <= mid)
}

/// What the grade of `year` brings, from the final grades `history` (by year), the official's
/// 職級 and the day they reached it.
pub fn consequences(history: &BTreeMap<i32, Grade>, year: i32, rank: Option<Rank>, since: Option<NaiveDate>) -> Consequences {
    let grade = history.get(&year).copied();
    let counts = |g: &Grade| matches!(g, Grade::Excellent | Grade::Competent);
    let excellent_run = (0..).take_while(|k| history.get(&(year - k)) == Some(&Grade::Excellent)).count() as u32;
    let qualifying = history.range(..=year).filter(|(_, g)| counts(g)).count() as u32;
    let this_counts = grade.as_ref().is_some_and(counts);
    let step = |every: u32| (this_counts && qualifying.is_multiple_of(every), every - qualifying % every);
    let (pay_step, pay_to_go) = step(PAY_STEP_YEARS);
    let (level_step, level_to_go) = step(LEVEL_YEARS);
    let next = match (rank, since) {
        (Some(rank), Some(since)) => next_rank(rank).and_then(|next| {
            let excellent =
                history.range(since.year()..=year).filter(|(y, g)| **g == Grade::Excellent && held_in(since, **y)).count() as u32;
            let months = (minimum_years(rank) * 12).saturating_sub(excellent * MONTHS_OFF_PER_EXCELLENT);
            since.checked_add_months(Months::new(months)).map(|day| (next, excellent, day))
        }),
        _ => None,
    };
    Consequences {
        year,
        grade,
        commendation: grade == Some(Grade::Excellent),
        excellent_run,
        merit: excellent_run > 0 && excellent_run.is_multiple_of(MERIT_RUN),
        pay_years: qualifying,
        pay_step,
        pay_to_go: if pay_step { PAY_STEP_YEARS } else { pay_to_go },
        level_years: qualifying,
        level_step,
        level_to_go: if level_step { LEVEL_YEARS } else { level_to_go },
        next_rank: next,
        admonition: grade == Some(Grade::Basic),
        demotion: grade == Some(Grade::Incompetent),
        dismissal_alert: grade == Some(Grade::Incompetent) && history.get(&(year - 1)) == Some(&Grade::Incompetent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Grade::*;

    fn history(grades: &[(i32, Grade)]) -> BTreeMap<i32, Grade> {
        grades.iter().copied().collect()
    }

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn excellent_years_in_the_rank_bring_the_next_rank_half_a_year_earlier_each() {
        let table = [
            // (grades, year, rank since, earliest day for the next rank, 優秀 counted)
            (vec![(2020, Excellent)], 2020, "2020-01-01", "2021-07-01", 1),
            (vec![(2020, Competent)], 2020, "2020-01-01", "2022-01-01", 0),
            (vec![(2020, Excellent), (2021, Excellent)], 2021, "2020-01-01", "2021-01-01", 2),
            (vec![(2019, Excellent), (2020, Competent)], 2020, "2020-01-01", "2022-01-01", 0), // before the rank
            (vec![(2020, Excellent)], 2020, "2020-09-01", "2022-09-01", 0),                    // held under half the year
            (vec![(2020, Excellent), (2021, Excellent)], 2020, "2020-01-01", "2021-07-01", 1), // later years not yet
        ];
        for (grades, year, since, want, counted) in table {
            let c = consequences(&history(&grades), year, Some(Rank::Principal4), Some(d(since)));
            assert_eq!(c.next_rank, Some((Rank::Principal3, counted, d(want))), "{grades:?} since {since}");
        }
        assert_eq!(consequences(&history(&[]), 2020, Some(Rank::Inspector1), Some(d("2020-01-01"))).next_rank, None, "no rank above");
        assert_eq!(consequences(&history(&[]), 2020, Some(Rank::Probation), Some(d("2020-01-01"))).next_rank, None);
        assert_eq!(consequences(&history(&[]), 2020, Some(Rank::Principal4), None).next_rank, None, "no date, no day");
        assert_eq!(next_rank(Rank::Clerk1), Some(Rank::Principal4));
    }

    #[test]
    fn three_excellent_running_bring_a_third_class_merit() {
        let table = [
            // (grades, year, 嘉獎, 三等功, run)
            (vec![(2022, Excellent), (2023, Excellent), (2024, Excellent)], 2024, true, true, 3),
            (vec![(2022, Excellent), (2023, Excellent), (2024, Excellent)], 2023, true, false, 2),
            (vec![(2022, Excellent), (2023, Competent), (2024, Excellent)], 2024, true, false, 1),
            (vec![(2021, Excellent), (2023, Excellent), (2024, Excellent)], 2024, true, false, 2), // 2022 missing
            ((2019..=2024).map(|y| (y, Excellent)).collect(), 2024, true, true, 6),
            ((2019..=2024).map(|y| (y, Excellent)).collect(), 2023, true, false, 5),
            (vec![(2024, Competent)], 2024, false, false, 0),
        ];
        for (grades, year, commendation, merit, run) in table {
            let c = consequences(&history(&grades), year, None, None);
            assert_eq!((c.commendation, c.merit, c.excellent_run), (commendation, merit, run), "{grades:?} in {year}");
        }
    }

    #[test]
    fn pay_steps_come_every_two_years_and_levels_every_five_competent_or_better() {
        let grades =
            history(&[(2020, Competent), (2021, Basic), (2022, Excellent), (2023, Competent), (2024, Competent), (2025, Competent)]);
        let table = [
            // (year, years counted, pay step, pay to go, level step, level to go)
            (2020, 1, false, 1, false, 4),
            (2021, 1, false, 1, false, 4), // 基本稱職 does not count
            (2022, 2, true, 2, false, 3),
            (2023, 3, false, 1, false, 2),
            (2024, 4, true, 2, false, 1),
            (2025, 5, false, 1, true, 5),
        ];
        for (year, years, pay, pay_to_go, level, level_to_go) in table {
            let c = consequences(&grades, year, None, None);
            assert_eq!(
                (c.pay_years, c.pay_step, c.pay_to_go, c.level_step, c.level_to_go),
                (years, pay, pay_to_go, level, level_to_go),
                "{year}"
            );
        }
    }

    #[test]
    fn basic_brings_an_admonition_and_a_second_incompetent_running_an_alert() {
        let grades = history(&[(2021, Basic), (2022, Incompetent), (2023, Incompetent), (2024, Competent), (2025, Incompetent)]);
        let table = [
            // (year, 誡勉, demotion, dismissal alert)
            (2021, true, false, false),
            (2022, false, true, false),
            (2023, false, true, true),
            (2024, false, false, false),
            (2025, false, true, false),
            (2026, false, false, false),
        ];
        for (year, admonition, demotion, alert) in table {
            let c = consequences(&grades, year, None, None);
            assert_eq!((c.admonition, c.demotion, c.dismissal_alert), (admonition, demotion, alert), "{year}");
        }
    }
}
