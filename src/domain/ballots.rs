//! 民主測評: the year's ballots for each person assessed — 優秀 / 稱職 / 基本稱職 / 不稱職 —
//! counted by voter class (the classes are the bureau's data), from paper tallies or cast with
//! one-time codes that name no voter, and the shares shown only when enough ballots back them.
//! Rules only.

use serde::{Deserialize, Serialize};

/// The voter classes shipped; the bureau may rename, add or drop them.
pub const DEFAULT_CLASSES: [&str; 3] = ["領導班子成員", "中層幹部", "一般幹部"];

/// The fewest ballots behind a share shown (fewer could tell how a colleague voted).
pub const DEFAULT_MINIMUM: u32 = 5;

/// The most ballots one tally can hold (more than any county bureau has voters).
pub const MAX_BALLOTS: u32 = 100_000;

/// The four marks a ballot gives one person, in order.
pub const MARKS: usize = 4;

/// The ballots for one person from one voter class: how many marked each of 優秀, 稱職, 基本稱職
/// and 不稱職.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally(pub [u32; MARKS]);

impl Tally {
    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }

    pub fn add(&self, other: &Tally) -> Tally {
        Tally(std::array::from_fn(|i| self.0[i] + other.0[i]))
    }

    /// Whether every count is within [`MAX_BALLOTS`].
    pub fn in_range(&self) -> bool {
        self.total() <= MAX_BALLOTS
    }
}

/// The mark a ballot gives, as its position in [`Tally`].
pub fn mark_of(grade: super::yearend::Grade) -> Option<usize> {
    use super::yearend::Grade;
    match grade {
        Grade::Excellent => Some(0),
        Grade::Competent => Some(1),
        Grade::Basic => Some(2),
        Grade::Incompetent => Some(3),
        Grade::Undetermined => None,
    }
}

/// What may be shown of a set of ballots: the count always, the shares (percent of the
/// ballots, per mark) only at or above the minimum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Shares {
    pub ballots: u32,
    pub shares: Option<[f32; MARKS]>,
}

/// The shares of `tally`, hidden below `minimum` ballots.
pub fn shares(tally: &Tally, minimum: u32) -> Shares {
    let ballots = tally.total();
    let shown = ballots > 0 && ballots >= minimum.max(1);
    Shares { ballots, shares: shown.then(|| tally.0.map(|n| n as f32 * 100.0 / ballots as f32)) }
}

/// A person's 民主測評 result: each voter class's shares (in the order given) and all together.
#[derive(Clone, Debug, PartialEq)]
pub struct Result {
    pub classes: Vec<(String, Shares)>,
    pub overall: Shares,
}

/// The result of one person's ballots by class, each part hidden below `minimum`.
pub fn result(tallies: &[(String, Tally)], minimum: u32) -> Result {
    let overall = tallies.iter().fold(Tally::default(), |sum, (_, t)| sum.add(t));
    Result { classes: tallies.iter().map(|(class, t)| (class.clone(), shares(t, minimum))).collect(), overall: shares(&overall, minimum) }
}

/// What the store keeps of a ballot code: its letters (as [`super::package::normalise_code`]
/// reads them) hashed under the bureau's key, so the codes themselves are nowhere in the file.
pub fn code_hash(key: &[u8], letters: &str) -> String {
    super::package::hex(&super::package::hmac_sha256(key, format!("ballot:{letters}").as_bytes()))
}

/// Checks a list of voter classes: 1–20 distinct names of 1–20 characters.
pub fn valid_classes(classes: &[String]) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    (1..=20).contains(&classes.len())
        && classes.iter().all(|c| {
            let n = c.trim().chars().count();
            (1..=20).contains(&n) && c.trim() == c && !c.chars().any(char::is_control) && seen.insert(c.as_str())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_below_the_minimum_are_hidden_and_the_count_still_shown() {
        let table = [
            // (tally, minimum, shown shares)
            (Tally([2, 2, 0, 0]), 5, None),
            (Tally([3, 1, 1, 0]), 5, Some([60.0, 20.0, 20.0, 0.0])),
            (Tally([0, 0, 0, 0]), 0, None),
            (Tally([1, 0, 0, 0]), 0, Some([100.0, 0.0, 0.0, 0.0])),
            (Tally([6, 3, 1, 0]), 10, Some([60.0, 30.0, 10.0, 0.0])),
            (Tally([6, 3, 0, 0]), 10, None),
        ];
        for (tally, minimum, want) in table {
            let s = shares(&tally, minimum);
            assert_eq!((s.ballots, s.shares), (tally.total(), want), "{tally:?} at {minimum}");
        }
    }

    #[test]
    fn a_small_class_is_hidden_while_the_whole_is_shown() {
        let tallies = vec![("領導班子成員".to_owned(), Tally([2, 1, 0, 0])), ("一般幹部".to_owned(), Tally([4, 3, 0, 0]))];
        let r = result(&tallies, 5);
        assert_eq!(r.classes[0].1.shares, None, "three ballots of the leaders stay hidden");
        assert_eq!(r.classes[1].1.shares.map(|s| s[0].round()), Some(57.0));
        assert_eq!(r.overall.ballots, 10);
        assert_eq!(r.overall.shares, Some([60.0, 40.0, 0.0, 0.0]));
        assert_eq!(result(&tallies[..1], 5).overall.shares, None);
    }

    #[test]
    fn voter_classes_are_named_once_each() {
        let classes = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
        assert!(valid_classes(&classes(&DEFAULT_CLASSES)));
        assert!(!valid_classes(&classes(&[])));
        assert!(!valid_classes(&classes(&["一般幹部", "一般幹部"])));
        assert!(!valid_classes(&classes(&[" 中層"])));
        assert!(!valid_classes(&classes(&[&"長".repeat(21)])));
        assert!(!Tally([MAX_BALLOTS, 1, 0, 0]).in_range());
    }
}
