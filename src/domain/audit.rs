//! The audit trail's rules: the chain (every entry carries a hash of itself and of the entry
//! before it, so an entry changed or removed behind the application's back is found by `check`)
//! and the filter the change log is searched with.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// What the change log is narrowed to; empty fields match everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Part of the actor's name.
    pub actor: String,
    /// Part of the action, the kind of record, or its before/after snapshot (a name, a staff number).
    pub text: String,
    /// First and last day (UTC), both included.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Filter {
    /// The half-open range of `at` stamps the days cover, as the stored text compares.
    pub fn at_bounds(&self) -> (Option<String>, Option<String>) {
        let from = self.from.map(|d| d.format("%Y-%m-%d").to_string());
        let until = self.to.and_then(|d| d.succ_opt()).map(|d| d.format("%Y-%m-%d").to_string());
        (from, until)
    }
}

/// One entry's fields as they are chained.
pub struct Entry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// The hash of `entry` following the entry whose hash is `previous` ("" for the first).
pub fn link(previous: &str, entry: &Entry<'_>) -> String {
    let mut hasher = Sha256::new();
    for part in [previous, entry.at, entry.actor, entry.action, entry.entity] {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher.update(entry.entity_id.map(|i| i.to_string()).unwrap_or_default().as_bytes());
    hasher.update([0x1f]);
    hasher.update(entry.before.unwrap_or("\u{0}").as_bytes());
    hasher.update([0x1f]);
    hasher.update(entry.after.unwrap_or("\u{0}").as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// One audit entry as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(action: &'a str, after: Option<&'a str>) -> Entry<'a> {
        Entry { at: "2013-03-01T09:00:00.000Z", actor: "admin", action, entity: "unit", entity_id: Some(1), before: None, after }
    }

    #[test]
    fn the_last_day_is_included() {
        let day = |d| NaiveDate::from_ymd_opt(2013, 2, d);
        let filter = Filter { from: day(27), to: day(28), ..Filter::default() };
        assert_eq!(filter.at_bounds(), (Some("2013-02-27".into()), Some("2013-03-01".into())));
        assert_eq!(Filter::default().at_bounds(), (None, None));
    }

    #[test]
    fn a_change_anywhere_changes_the_link() {
        let first = link("", &entry("unit.create", Some("{}")));
        assert_eq!(first.len(), 64);
        assert_eq!(first, link("", &entry("unit.create", Some("{}"))), "stable");
        assert_ne!(first, link("", &entry("unit.update", Some("{}"))));
        assert_ne!(first, link("", &entry("unit.create", None)), "a missing snapshot differs from an empty one");
        assert_ne!(link(&first, &entry("unit.create", Some("{}"))), first, "the previous entry is part of the link");
    }
}
