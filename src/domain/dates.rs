//! Dates as the forms and the printed sheets write them: a birth month `YYYY.MM` and a day
//! `YYYY-MM-DD`. Parsing refuses impossible dates (2013-02-30, month 13) instead of guessing.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar month, written `YYYY.MM` on the 考核登記表 (出生年月).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// Accepts a month as rosters write it: `1985.03`, `1985.3`, `1985-03`, `1985/3`, `198503`,
    /// `1985年3月`, and a whole day (`1985.10.09`, `1985-10-09`, `1985年10月9日`, `19851009`)
    /// whose day is real and then dropped. Nothing else: no two-digit years, no guessing.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (year, month, day) = split_date(text)?;
        if let Some(day) = day {
            NaiveDate::from_ymd_opt(year, month, day)?;
        }
        (1..=12).contains(&month).then_some(YearMonth { year, month })
    }

    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth { year: date.year(), month: date.month() }
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}.{:02}", self.year, self.month)
    }
}

/// Splits `YYYY<sep>M[M][<sep>D[D]]`, `YYYYMM[DD]` or `YYYY年M月[D日]` into numbers; `None` for
/// anything else. Separators are `.`, `-`, `/` (one kind in a date) or the 年/月/日 characters.
fn split_date(text: &str) -> Option<(i32, u32, Option<u32>)> {
    let text = text.trim();
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = if text.contains('年') {
        let rest = text.strip_suffix('日').or_else(|| text.strip_suffix('号')).or_else(|| text.strip_suffix('號')).unwrap_or(text);
        let rest = rest.strip_suffix('月').unwrap_or(rest);
        rest.split(['年', '月']).collect()
    } else if digits_only(text) && (text.len() == 6 || text.len() == 8) {
        let (y, rest) = text.split_at(4);
        let (m, d) = rest.split_at(2);
        if d.is_empty() { vec![y, m] } else { vec![y, m, d] }
    } else {
        let separator = text.chars().find(|c| matches!(c, '.' | '-' | '/'))?;
        if text.chars().any(|c| matches!(c, '.' | '-' | '/') && c != separator) {
            return None;
        }
        text.split(separator).collect()
    };
    let (y, m, d) = match parts.as_slice() {
        [y, m] => (*y, *m, None),
        [y, m, d] => (*y, *m, Some(*d)),
        _ => return None,
    };
    if y.len() != 4 || !digits_only(y) || !digits_only(m) || m.len() > 2 || d.is_some_and(|d| !digits_only(d) || d.len() > 2) {
        return None;
    }
    Some((
        y.parse().ok()?,
        m.parse().ok()?,
        match d {
            Some(d) => Some(d.parse().ok()?),
            None => None,
        },
    ))
}

/// Parses a day written `YYYY-MM-DD` (also `YYYY.MM.DD`, `YYYY/MM/DD`, `YYYYMMDD`, `YYYY年M月D日`);
/// `None` for anything that is not a real day of the calendar.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    match split_date(text)? {
        (year, month, Some(day)) => NaiveDate::from_ymd_opt(year, month, day),
        _ => None,
    }
}

/// Since when someone holds a post or a rank: a month as rosters and the year-end form give it
/// (`2019.06`), or a whole day when one is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Since {
    Month(YearMonth),
    Day(NaiveDate),
}

impl Since {
    /// A day, or a month in any form [`YearMonth::parse`] reads.
    pub fn parse(text: &str) -> Option<Since> {
        match split_date(text)? {
            (_, _, Some(_)) => parse_date(text).map(Since::Day),
            _ => YearMonth::parse(text).map(Since::Month),
        }
    }

    pub fn month(self) -> YearMonth {
        match self {
            Since::Month(m) => m,
            Since::Day(d) => YearMonth::of(d),
        }
    }

    /// The first day it may stand for (a month counts from its first day).
    pub fn first_day(self) -> Option<NaiveDate> {
        match self {
            Since::Month(m) => NaiveDate::from_ymd_opt(m.year, m.month, 1),
            Since::Day(d) => Some(d),
        }
    }
}

impl fmt::Display for Since {
    /// `2019.06` for a month, `2019-06-03` for a day: what forms show and the database stores.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Since::Month(m) => m.fmt(f),
            Since::Day(d) => write!(f, "{}", format_date(*d)),
        }
    }
}

/// The ISO form stored in the database and shown in forms.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month_parsing() {
        let ok = [("1985.03", (1985, 3)), ("1985.3", (1985, 3)), ("1985-12", (1985, 12)), ("198507", (1985, 7))];
        for (text, (year, month)) in ok {
            assert_eq!(YearMonth::parse(text), Some(YearMonth { year, month }), "{text}");
        }
        let loose = [
            ("1985年3月", (1985, 3)),
            ("1985/3", (1985, 3)),
            ("1985.10.09", (1985, 10)),
            ("1985-10-09", (1985, 10)),
            ("19851009", (1985, 10)),
            ("1985年10月9日", (1985, 10)),
        ];
        for (text, (year, month)) in loose {
            assert_eq!(YearMonth::parse(text), Some(YearMonth { year, month }), "{text}");
        }
        for bad in ["1985.13", "1985.00", "85.03", "一九八五年", "1985", "1985.2.30", "1985.3-1", "abcd.ef", "", "13/2013"] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
        assert_eq!(YearMonth { year: 1985, month: 3 }.to_string(), "1985.03");
    }

    #[test]
    fn date_parsing_refuses_impossible_days() {
        assert_eq!(parse_date("2013-02-28"), NaiveDate::from_ymd_opt(2013, 2, 28));
        assert_eq!(parse_date("2012.8.1"), NaiveDate::from_ymd_opt(2012, 8, 1));
        for bad in ["2013-02-30", "2013-13-01", "2013-00-10", "13/2013", "2013-02", "2013-02-28-1", "二〇一三年"] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(parse_date("2016-02-29").map(format_date).as_deref(), Some("2016-02-29"));
        assert_eq!(parse_date("2013年1月8日"), NaiveDate::from_ymd_opt(2013, 1, 8));
    }

    #[test]
    fn since_keeps_a_month_as_a_month() {
        assert_eq!(Since::parse("2019.06"), Some(Since::Month(YearMonth { year: 2019, month: 6 })));
        assert_eq!(Since::parse("2019.6.3").map(|s| s.to_string()).as_deref(), Some("2019-06-03"));
        assert_eq!(Since::parse("2019-02-30"), None);
        for text in ["2019.06", "2019-06-03"] {
            let since = Since::parse(text).unwrap();
            assert_eq!(Since::parse(&since.to_string()), Some(since));
        }
    }
}
