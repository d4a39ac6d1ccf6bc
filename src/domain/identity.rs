//! The identity fields of a cadre record (民族, 籍貫, 身份證號, 參加工作時間, education…): the
//! 身份證號 checksum (GB 11643, ISO 7064 MOD 11-2) and the birth date its digits carry, and names
//! cleaned of the padding clerks put between the characters of a two-character name.

use super::dates::YearMonth;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What a cadre record says of a person beyond the roster's own columns. Every field is text as
/// the form shows it; the two months are checked `YYYY.MM` and the ID number its checksum.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct Identity {
    /// 民族
    pub ethnicity: String,
    /// 籍貫
    pub native_place: String,
    /// 出生地
    pub birthplace: String,
    /// 身份證號 (18 characters, or 15 digits of the old cards)
    pub id_number: String,
    /// 參加工作時間 (`YYYY.MM`)
    pub work_since: String,
    /// 入黨時間 (`YYYY.MM`)
    pub party_since: String,
    /// 全日制教育 學位
    pub degree: String,
    /// 全日制教育 畢業院校系及專業
    pub school: String,
    /// 在職教育 學歷
    pub inservice_education: String,
    /// 在職教育 學位
    pub inservice_degree: String,
    /// 在職教育 畢業院校系及專業
    pub inservice_school: String,
    /// 健康狀況
    pub health: String,
}

/// An official's photo as stored: a JPEG or PNG of at most [`MAX_PHOTO_BYTES`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Photo {
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// The largest photo kept (a 任免審批表 photo is about 376 × 460; 2 MB leaves room for a scan).
pub const MAX_PHOTO_BYTES: usize = 2 * 1024 * 1024;

impl Photo {
    /// A photo of `bytes`, told JPEG or PNG by its first bytes; `None` for anything else or too large.
    pub fn from_bytes(bytes: Vec<u8>) -> Option<Photo> {
        let mime = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "image/jpeg"
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else {
            return None;
        };
        (bytes.len() <= MAX_PHOTO_BYTES).then(|| Photo { mime: mime.to_owned(), bytes })
    }
}

/// Why a 身份證號 is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdNumberError {
    /// Not 18 characters (17 digits and a digit or X) nor 15 digits.
    Shape,
    /// The birth date its digits carry is not a real day.
    BadBirthDate,
    /// The last character is not the check digit of the first 17.
    Checksum,
}

/// The check character of the first 17 digits (GB 11643-1999).
fn check_char(digits: &[u8]) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    CHECK[(sum % 11) as usize]
}

/// Checks a 身份證號 and returns it in its stored form (upper-case X, no spaces), or why not.
pub fn check_id_number(text: &str) -> Result<String, IdNumberError> {
    let id: String = text.chars().filter(|c| !c.is_whitespace()).map(|c| c.to_ascii_uppercase()).collect();
    let bytes = id.as_bytes();
    let shape = match bytes.len() {
        18 => bytes[..17].iter().all(u8::is_ascii_digit) && (bytes[17].is_ascii_digit() || bytes[17] == b'X'),
        15 => bytes.iter().all(u8::is_ascii_digit),
        _ => false,
    };
    if !shape {
        return Err(IdNumberError::Shape);
    }
    if id_birth_date(&id).is_none() {
        return Err(IdNumberError::BadBirthDate);
    }
    if bytes.len() == 18 && check_char(&bytes[..17]) != char::from(bytes[17]) {
        return Err(IdNumberError::Checksum);
    }
    Ok(id)
}

/// The birth date a well-shaped 身份證號 carries (old 15-digit cards give a two-digit 19xx year).
pub fn id_birth_date(id: &str) -> Option<NaiveDate> {
    let (year, rest) = match id.len() {
        18 => (id.get(6..10)?.parse().ok()?, id.get(10..14)?),
        15 => (1900 + id.get(6..8)?.parse::<i32>().ok()?, id.get(8..12)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, rest.get(..2)?.parse().ok()?, rest.get(2..)?.parse().ok()?)
}

/// The birth month a 身份證號 carries, if it is well formed.
pub fn id_birth_month(id: &str) -> Option<YearMonth> {
    check_id_number(id).ok().and_then(|id| id_birth_date(&id)).map(YearMonth::of)
}

/// A 身份證號 as lists show it: the region and the last four kept, the birth date hidden
/// (`430421********1234`).
pub fn mask_id(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() < 10 {
        return id.to_owned();
    }
    let (head, tail) = (&chars[..6], &chars[chars.len() - 4..]);
    format!("{}{}{}", head.iter().collect::<String>(), "*".repeat(chars.len() - 10), tail.iter().collect::<String>())
}

/// A person's name as the roster keeps it: trimmed of ASCII and full-width spaces, and for a
/// Chinese name also of the spaces clerks put inside (`劉　偉` → `劉偉`). A name in Latin letters
/// keeps single spaces between its words.
pub fn clean_person_name(raw: &str) -> String {
    let words: Vec<&str> = raw.split(|c: char| c.is_whitespace() || c == '\u{3000}').filter(|w| !w.is_empty()).collect();
    let latin = words.iter().any(|w| w.chars().any(|c| c.is_ascii_alphabetic()));
    if latin { words.join(" ") } else { words.concat() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers_are_checked_by_their_check_digit() {
        // GB 11643's own example, and one ending in X.
        assert_eq!(check_id_number("11010519491231002X"), Ok("11010519491231002X".into()));
        assert_eq!(check_id_number("11010519491231002x"), Ok("11010519491231002X".into()));
        assert_eq!(check_id_number("440524188001010014"), Ok("440524188001010014".into()));
        assert_eq!(check_id_number("110105194912310021"), Err(IdNumberError::Checksum));
        assert_eq!(check_id_number("110105194902300021"), Err(IdNumberError::BadBirthDate));
        assert_eq!(check_id_number("1101051949123"), Err(IdNumberError::Shape));
        assert_eq!(check_id_number("110105491231002"), Ok("110105491231002".into()));
        assert_eq!(id_birth_month("11010519491231002X"), Some(YearMonth { year: 1949, month: 12 }));
        assert_eq!(id_birth_month("110105491231002"), Some(YearMonth { year: 1949, month: 12 }));
    }

    #[test]
    fn names_lose_their_padding() {
        assert_eq!(mask_id("11010519491231002X"), "110105********002X");
        assert_eq!(mask_id(""), "");
        assert_eq!(clean_person_name("劉　偉"), "劉偉");
        assert_eq!(clean_person_name(" 劉 偉 "), "劉偉");
        assert_eq!(clean_person_name("歐陽　明華"), "歐陽明華");
        assert_eq!(clean_person_name("  John   Smith "), "John Smith");
        assert_eq!(clean_person_name("阿依古麗·買買提"), "阿依古麗·買買提");
    }
}
