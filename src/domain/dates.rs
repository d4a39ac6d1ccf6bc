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
    /// Accepts `1985.03`, `1985.3`, `1985-03`, `1985/03` and `198503`; nothing else.
    pub fn parse(text: &str) -> Option<YearMonth> {
        let text = text.trim();
        let (y, m) = if let Some(pos) = text.find(['.', '-', '/']) {
            (&text[..pos], &text[pos + 1..])
        } else if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
            text.split_at(4)
        } else {
            return None;
        };
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return None;
        }
        if !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
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

/// Parses a day written `YYYY-MM-DD` (also `YYYY.MM.DD` and `YYYY/MM/DD`); `None` for
/// anything that is not a real day of the calendar.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let mut parts = text.split(['-', '.', '/']);
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
        return None;
    }
    if !y.bytes().chain(m.bytes()).chain(d.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
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
        for bad in ["1985.13", "1985.00", "85.03", "一九八五年", "1985", "1985.3.1", "abcd.ef", "", "13/2013"] {
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
    }
}
