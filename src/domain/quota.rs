//! A share of people as a whole number, the way the quotas (優秀 at year end, 好 in 平時考核)
//! count it: the share rounded as the bureau rounds, at least the minimum, never more than the
//! people counted.

use super::catalogue::vocabulary;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// How a quota is rounded before its minimum applies.
    Rounding {
        /// Down (the share may not be exceeded).
        Floor = "floor",
        /// To the nearest whole person.
        Nearest = "nearest",
        /// Up.
        Ceil = "ceil",
    }
);

/// How many of `counted` people `percent` allows: rounded as said, at least `minimum`, never
/// more than `counted` (and none of none).
pub fn allowed(counted: usize, percent: u32, rounding: Rounding, minimum: u32) -> usize {
    if counted == 0 {
        return 0;
    }
    let exact = counted * percent as usize;
    let rounded = match rounding {
        Rounding::Floor => exact / 100,
        Rounding::Nearest => (exact + 50) / 100,
        Rounding::Ceil => exact.div_ceil(100),
    };
    rounded.max(minimum as usize).min(counted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_rounds_as_set_with_its_minimum() {
        use Rounding::*;
        let table = [
            (4, 20, Nearest, 1, 1),
            (4, 20, Floor, 0, 0),
            (4, 20, Floor, 1, 1),
            (13, 20, Nearest, 1, 3),
            (12, 20, Nearest, 1, 2),
            (12, 20, Ceil, 1, 3),
            (10, 25, Floor, 1, 2),
            (0, 20, Ceil, 1, 0),
            (1, 20, Floor, 3, 1),
        ];
        for (counted, percent, rounding, minimum, want) in table {
            assert_eq!(allowed(counted, percent, rounding, minimum), want, "{counted} at {percent}% {rounding:?} min {minimum}");
        }
    }
}
