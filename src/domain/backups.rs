//! Which backups to keep: the newest of each of the last N days, N weeks and N months (and
//! always the newest of all), so a clerk can go back a day, a week or a season. Pure.

use chrono::{Datelike, NaiveDateTime};
use std::collections::BTreeSet;
use std::time::Duration;

/// How many daily, weekly and monthly backups are kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Retention {
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention { daily: 12, weekly: 10, monthly: 9 }
    }
}

/// Minutes between the backups taken while work goes on, unless Settings say otherwise.
pub const EVERY_MINUTES: u32 = 30;

/// Whether a backup is due while the window is open: something was stored since the last
/// backup and `every_minutes` (0 = never) have passed since it.
pub fn periodic_due(changed: bool, since_last: Duration, every_minutes: u32) -> bool {
    changed && every_minutes > 0 && since_last >= Duration::from_secs(u64::from(every_minutes) * 60)
}

/// The file name of a backup taken at `at`.
pub fn file_name(at: NaiveDateTime) -> String {
    at.format("nengli-%Y%m%d-%H%M%S.sqlite").to_string()
}

/// When a backup was taken, from its file name.
pub fn taken_at(name: &str) -> Option<NaiveDateTime> {
    let stamp = name.strip_prefix("nengli-")?.strip_suffix(".sqlite")?;
    NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok()
}

/// Indices of `taken` (in any order) to keep under `retention`.
pub fn to_keep(taken: &[NaiveDateTime], retention: Retention) -> BTreeSet<usize> {
    let mut order: Vec<usize> = (0..taken.len()).collect();
    order.sort_by(|a, b| taken[*b].cmp(&taken[*a]));
    let mut keep = BTreeSet::new();
    if let Some(newest) = order.first() {
        keep.insert(*newest);
    }
    let mut pick = |limit: usize, bucket: &dyn Fn(NaiveDateTime) -> (i32, u32)| {
        let mut seen = Vec::new();
        for &i in &order {
            let key = bucket(taken[i]);
            if !seen.contains(&key) {
                if seen.len() == limit {
                    break;
                }
                seen.push(key);
                keep.insert(i);
            }
        }
    };
    pick(retention.daily, &|t| (t.year(), t.ordinal()));
    pick(retention.weekly, &|t| (t.iso_week().year(), t.iso_week().week()));
    pick(retention.monthly, &|t| (t.year(), t.month()));
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_periodic_backup_is_due_only_after_changes_and_the_interval() {
        let minutes = |m: u64| std::time::Duration::from_secs(m * 60);
        assert!(periodic_due(true, minutes(30), 30));
        assert!(!periodic_due(true, minutes(29), 30), "not before the interval");
        assert!(!periodic_due(false, minutes(600), 30), "nothing stored, nothing to back up");
        assert!(!periodic_due(true, minutes(600), 0), "0 turns it off");
        assert!(periodic_due(true, minutes(5), 5));
    }
    use chrono::{Duration, NaiveDate};

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn names_round_trip() {
        let t = at(2013, 3, 1, 9);
        assert_eq!(file_name(t), "nengli-20130301-090000.sqlite");
        assert_eq!(taken_at(&file_name(t)), Some(t));
        assert_eq!(taken_at("nengli-2013.sqlite"), None);
        assert_eq!(taken_at("other.sqlite"), None);
    }

    #[test]
    fn tiers_keep_days_weeks_and_months() {
        // Four backups a day for a year.
        let start = at(2012, 1, 1, 0);
        let taken: Vec<NaiveDateTime> = (0..366 * 4).map(|i| start + Duration::hours(6 * i)).collect();
        let keep = to_keep(&taken, Retention::default());
        let kept: Vec<NaiveDateTime> = keep.iter().map(|i| taken[*i]).collect();
        let newest = *taken.iter().max().unwrap();
        assert!(kept.contains(&newest));
        let days: BTreeSet<_> = kept.iter().map(|t| t.date()).collect();
        assert!(days.len() >= 12 && kept.len() <= 12 + 10 + 9 + 1, "{} kept", kept.len());
        let months: BTreeSet<_> = kept.iter().map(|t| (t.year(), t.month())).collect();
        assert_eq!(months.len(), 9, "nine months reach back");
        assert!(to_keep(&[], Retention::default()).is_empty());
        assert_eq!(to_keep(&[start], Retention { daily: 0, weekly: 0, monthly: 0 }).len(), 1, "the newest is always kept");
    }
}
