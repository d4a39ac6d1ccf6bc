//! Realistic, reproducible people for the demo bureau and synthetic test bureaus: a small
//! seeded generator (SplitMix64) and common surnames and given-name characters.

/// A tiny seeded random generator: the same seed always gives the same bureau.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "張", "劉", "陳", "楊", "黃", "趙", "吳", "周", "徐", "孫", "馬", "朱", "胡", "郭", "何", "高", "林", "羅", "鄭", "梁",
    "謝", "宋", "唐", "許", "韓", "馮", "鄧", "曹", "彭", "曾", "蕭", "田", "董", "袁", "潘", "于", "蔣", "蔡", "余", "杜", "葉", "程",
    "蘇", "魏", "呂", "丁", "任", "沈", "姚", "盧", "姜", "崔", "鍾", "譚", "陸", "汪", "范", "金", "歐陽", "司馬",
];

const GIVEN_MALE: &[&str] = &[
    "偉", "強", "磊", "軍", "勇", "傑", "濤", "明", "超", "剛", "平", "輝", "鵬", "華", "飛", "鑫", "波", "斌", "宇", "浩", "凱", "健",
    "俊", "帆", "帥", "旭", "寧", "龍", "林", "洋", "建國", "志強", "海峰", "文博", "國華", "立新", "振宇", "永清",
];

const GIVEN_FEMALE: &[&str] = &[
    "芳", "娜", "敏", "靜", "麗", "艷", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "琳", "潔", "穎", "倩", "蘭", "萍", "紅", "月", "琴",
    "雲", "莉", "秀英", "桂芳", "麗華", "曉燕", "婉清", "思雨", "佳怡", "雅琴", "淑珍", "海燕",
];

/// A person's name; `female` picks the given-name list.
pub fn person_name(rng: &mut Rng, female: bool) -> String {
    let surname = *rng.pick(SURNAMES);
    let pool = if female { GIVEN_FEMALE } else { GIVEN_MALE };
    let given = *rng.pick(pool);
    if given.chars().count() == 1 && rng.chance(45) {
        format!("{surname}{given}{}", rng.pick(pool).chars().next().unwrap_or('明'))
    } else {
        format!("{surname}{given}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_names() {
        let names = |seed| {
            let mut rng = Rng::new(seed);
            (0..20).map(|i| person_name(&mut rng, i % 2 == 0)).collect::<Vec<_>>()
        };
        assert_eq!(names(7), names(7));
        assert_ne!(names(7), names(8));
        assert!(names(7).iter().all(|n| (2..=4).contains(&n.chars().count())));
    }
}
