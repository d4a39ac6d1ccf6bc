//! The audit trail's chain: every entry carries a hash of itself and of the entry before it,
//! so an entry changed or removed behind the application's back is found by `check`.

use sha2::{Digest, Sha256};

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

#[cfg(test)]
mod tests {
    use super::*;

    fn entry<'a>(action: &'a str, after: Option<&'a str>) -> Entry<'a> {
        Entry { at: "2013-03-01T09:00:00.000Z", actor: "admin", action, entity: "unit", entity_id: Some(1), before: None, after }
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
