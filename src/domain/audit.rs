//! The audit trail's rules: the chain (every entry carries a hash of itself and of the entry
//! before it, so an entry changed or removed behind the application's back is found by `check`),
//! the chain's head as recorded outside the file and how a file's chain is judged against it,
//! and the filter the change log is searched with.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The newest entry of an audit chain: its id and hash.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub id: i64,
    pub hash: String,
}

/// A chain's head as kept outside the database (in the user's data folder), for the file it
/// names. `since`: when the record was last started afresh (a new file, a restore); backups
/// taken before it belong to an earlier history and are not compared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeadRecord {
    pub database: String,
    pub head: ChainHead,
    /// When the head was recorded (UTC, ISO).
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
}

/// How a file's chain stands against a head recorded earlier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadVerdict {
    /// The recorded entry is in the chain with the same hash (entries after it are new work).
    Holds,
    /// The recorded entry is in the chain with another hash: the chain was rewritten.
    Rewritten,
    /// The chain ends before the recorded entry (`last`: its newest id, 0 when empty).
    Truncated { last: i64 },
}

/// Judges a chain whose entry at the recorded id has `hash_there` (none: no such entry) and
/// whose newest entry is `last` against the `recorded` head.
pub fn judge(recorded: &ChainHead, hash_there: Option<&str>, last: Option<&ChainHead>) -> HeadVerdict {
    match hash_there {
        Some(hash) if hash == recorded.hash => HeadVerdict::Holds,
        Some(_) => HeadVerdict::Rewritten,
        None => match last {
            Some(last) if last.id > recorded.id => HeadVerdict::Rewritten,
            other => HeadVerdict::Truncated { last: other.map_or(0, |h| h.id) },
        },
    }
}

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
    fn a_recorded_head_holds_only_when_it_is_still_in_the_chain() {
        let recorded = ChainHead { id: 10, hash: "a".into() };
        let head = |id: i64| ChainHead { id, hash: "x".into() };
        assert_eq!(judge(&recorded, Some("a"), Some(&head(10))), HeadVerdict::Holds);
        assert_eq!(judge(&recorded, Some("a"), Some(&head(12))), HeadVerdict::Holds, "entries appended since are new work");
        assert_eq!(judge(&recorded, Some("b"), Some(&head(12))), HeadVerdict::Rewritten);
        assert_eq!(judge(&recorded, None, Some(&head(7))), HeadVerdict::Truncated { last: 7 });
        assert_eq!(judge(&recorded, None, None), HeadVerdict::Truncated { last: 0 });
        assert_eq!(judge(&recorded, None, Some(&head(12))), HeadVerdict::Rewritten, "the entry itself was taken out");
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
