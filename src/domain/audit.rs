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

/// One field an entry changed, for people to read: its key (a dotted path into the stored
/// snapshot, `levels.learning`) and its value before and after as text ("" where absent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub key: String,
    pub before: String,
    pub after: String,
}

/// The fields that differ between two snapshots (JSON objects as stored), in key order; a
/// creation lists every field it filled, a deletion every field it removed. A snapshot that is
/// not JSON is one change under the empty key. A record's own id and uuid are who it is, not
/// what changed, and are left out; a year and month (`{"year":1990,"month":3}`) read as one
/// value, `1990.03`.
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<Change> {
    let flat = |snapshot: Option<&str>| {
        let mut fields = std::collections::BTreeMap::new();
        if let Some(text) = snapshot {
            match serde_json::from_str::<serde_json::Value>(text) {
                Ok(value) => flatten("", &value, &mut fields),
                Err(_) => {
                    fields.insert(String::new(), text.to_owned());
                }
            }
        }
        fields
    };
    let (old, new) = (flat(before), flat(after));
    let keys: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter_map(|key| {
            let before = old.get(key).cloned().unwrap_or_default();
            let after = new.get(key).cloned().unwrap_or_default();
            (before != after).then(|| Change { key: key.clone(), before, after })
        })
        .collect()
}

/// A JSON value as `key → text` pairs: objects by dotted path, a list of plain values as one
/// text (joined by 、), other lists by index; empty texts and nulls are left out.
fn flatten(prefix: &str, value: &serde_json::Value, out: &mut std::collections::BTreeMap<String, String>) {
    use serde_json::Value;
    let join = |key: &str| if prefix.is_empty() { key.to_owned() } else { format!("{prefix}.{key}") };
    let plain = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(if *b { "✓" } else { "✗" }.to_owned()),
        _ => None,
    };
    match value {
        Value::Object(map)
            if map.len() == 2 && map.get("year").is_some_and(Value::is_i64) && map.get("month").is_some_and(Value::is_i64) =>
        {
            let (year, month) = (map["year"].as_i64().unwrap_or_default(), map["month"].as_i64().unwrap_or_default());
            out.insert(prefix.to_owned(), format!("{year}.{month:02}"));
        }
        Value::Object(map) => {
            for (key, v) in map.iter().filter(|(key, _)| !matches!(key.as_str(), "id" | "uuid")) {
                flatten(&join(key), v, out);
            }
        }
        Value::Array(items) if items.iter().all(|v| plain(v).is_some()) => {
            let text: Vec<String> = items.iter().filter_map(plain).collect();
            if !text.is_empty() {
                out.insert(prefix.to_owned(), text.join("、"));
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(&join(&(i + 1).to_string()), v, out);
            }
        }
        Value::Null => {}
        other => {
            if let Some(text) = plain(other).filter(|t| !t.is_empty()) {
                out.insert(prefix.to_owned(), text);
            }
        }
    }
}

/// An entry's stamp (UTC, ISO) as a time in `zone` (`2013-03-01 17:00:00`); a stamp that does
/// not read as a time is shown as stored.
pub fn local_stamp<Tz: chrono::TimeZone>(at: &str, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.with_timezone(zone).format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|_| at.to_owned())
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

    #[test]
    fn changes_list_the_fields_that_differ_with_their_values_before_and_after() {
        let before =
            r#"{"id":4,"name":"張偉","unit":8,"levels":{"learning":3},"tags":["a","b"],"note":"","birth":{"year":1990,"month":3}}"#;
        let after = r#"{"id":5,"name":"張偉","unit":9,"levels":{"learning":4},"tags":["a"],"note":"新","birth":{"year":1990,"month":4}}"#;
        let found: Vec<(String, String, String)> =
            changes(Some(before), Some(after)).into_iter().map(|c| (c.key, c.before, c.after)).collect();
        let expect = |k: &str, b: &str, a: &str| (k.to_owned(), b.to_owned(), a.to_owned());
        assert_eq!(
            found,
            [
                expect("birth", "1990.03", "1990.04"),
                expect("levels.learning", "3", "4"),
                expect("note", "", "新"),
                expect("tags", "a、b", "a"),
                expect("unit", "8", "9")
            ]
        );
        let created = changes(None, Some(r#"{"name":"李","active":true}"#));
        assert_eq!(created.len(), 2);
        assert_eq!((created[0].key.as_str(), created[0].after.as_str()), ("active", "✓"));
        assert_eq!(changes(Some("not json"), None), [Change { key: String::new(), before: "not json".into(), after: String::new() }]);
    }

    #[test]
    fn a_stamp_is_shown_in_local_time() {
        let beijing = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(local_stamp("2013-03-01T20:30:00.000Z", &beijing), "2013-03-02 04:30:00");
        assert_eq!(local_stamp("yesterday", &beijing), "yesterday");
    }

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
