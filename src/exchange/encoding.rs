//! The text encoding of a CSV or text export, told from its bytes: a byte-order mark (UTF-8,
//! UTF-16 as Excel's "Unicode text"), valid UTF-8, or GBK/GB18030 and Big5 where the decoded text
//! reads as Chinese. Anything unsure is refused with the encodings tried, never stored garbled.

use super::ExchangeError;
use encoding_rs::{BIG5, Encoding, GB18030, UTF_16BE, UTF_16LE};

/// The encodings tried, as the refusal names them.
pub const TRIED: &str = "UTF-8, UTF-16, GB18030/GBK, Big5";

/// Words a roster's or a units sheet's header holds in either script: a legacy encoding that
/// decodes one of them is the file's own.
const HEADER_WORDS: &[&str] = &[
    "姓名",
    "性別",
    "性别",
    "出生",
    "單位",
    "单位",
    "部門",
    "部门",
    "科室",
    "職務",
    "职务",
    "職級",
    "职级",
    "崗位",
    "岗位",
    "民族",
    "籍貫",
    "籍贯",
    "學歷",
    "学历",
    "身份",
    "政治面貌",
    "序號",
    "序号",
    "名稱",
    "名称",
    "上級",
    "上级",
    "工號",
    "工号",
    "標準",
    "标准",
    "學時",
    "学时",
    "場次",
    "场次",
];

/// Decodes `bytes` as the encoding they are in, or refuses them.
pub fn decode_text(bytes: &[u8]) -> Result<String, ExchangeError> {
    let unknown = || ExchangeError::UnknownEncoding { tried: TRIED.to_owned() };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec()).map_err(|_| unknown());
    }
    for (bom, encoding) in [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return strict(encoding, rest).ok_or_else(unknown);
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    // UTF-16 without a mark: every other byte of ASCII text is zero.
    if bytes.len() >= 4 && bytes.len().is_multiple_of(2) {
        let zeros = |offset: usize| bytes.iter().skip(offset).step_by(2).filter(|b| **b == 0).count();
        let half = bytes.len() / 2;
        for (offset, encoding) in [(1, UTF_16LE), (0, UTF_16BE)] {
            if zeros(offset) * 3 > half * 2
                && let Some(text) = strict(encoding, bytes)
            {
                return Ok(text);
            }
        }
    }
    let candidates: Vec<(&'static Encoding, String)> =
        [GB18030, BIG5].into_iter().filter_map(|e| strict(e, bytes).filter(|t| reads_as_chinese(t)).map(|t| (e, t))).collect();
    let with_header = |text: &String| HEADER_WORDS.iter().any(|w| text.contains(w));
    // The candidate whose header words decode wins; GBK (GB18030) is what mainland Excel writes.
    let chosen = candidates
        .iter()
        .find(|(_, t)| with_header(t))
        .or_else(|| candidates.iter().find(|(e, t)| *e == GB18030 && mostly_common_gbk(bytes) && !t.is_empty()));
    chosen.map(|(_, t)| t.clone()).ok_or_else(unknown)
}

/// The text, when every byte decodes without a replacement.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding.decode_without_bom_handling_and_without_replacement(bytes).map(|t| t.into_owned())
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// Whether decoded text reads as Chinese: its non-ASCII characters are Han characters or CJK
/// punctuation and full-width forms, and (as in Latin-1 or Shift-JIS decoded wrongly) Han
/// characters do not sit glued to Latin letters.
fn reads_as_chinese(text: &str) -> bool {
    let mut foreign = 0usize;
    let mut glued = 0usize;
    let mut previous = ' ';
    for c in text.chars() {
        if !c.is_ascii() {
            foreign += 1;
            let cjk = is_han(c) || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2010..=0x2027 | 0x00B7);
            if !cjk {
                return false;
            }
            if previous.is_ascii_alphabetic() {
                glued += 1;
            }
        } else if c.is_ascii_alphabetic() && !previous.is_ascii() && is_han(previous) {
            glued += 1;
        }
        previous = c;
    }
    glued * 10 <= foreign
}

/// Whether a GBK reading stays mostly within GB2312's common characters (both bytes ≥ 0xA1),
/// as Chinese text does and Shift-JIS or Latin-1 bytes read as GBK do not.
fn mostly_common_gbk(bytes: &[u8]) -> bool {
    let (mut pairs, mut common) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] >= 0x81 && i + 1 < bytes.len() {
            pairs += 1;
            if bytes[i] >= 0xA1 && bytes[i + 1] >= 0xA1 {
                common += 1;
            }
            i += 2;
        } else {
            i += 1;
        }
    }
    pairs > 0 && common * 10 >= pairs * 9
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        encoding.encode(text).0.into_owned()
    }

    #[test]
    fn each_encoding_a_bureau_saves_in_is_read() {
        let roster = "序號,姓名,性別,出生年月\n1,張偉,男,1985.03\n";
        let simplified = "序号,姓名,性别,出生年月\n1,张伟,男,1985.03\n";
        assert_eq!(decode_text(roster.as_bytes()).unwrap(), roster);
        assert_eq!(decode_text(&[b"\xEF\xBB\xBF".as_slice(), roster.as_bytes()].concat()).unwrap(), roster);
        assert_eq!(decode_text(&encode(GB18030, simplified)).unwrap(), simplified);
        assert_eq!(decode_text(&encode(BIG5, roster)).unwrap(), roster);
        let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
        utf16.extend(roster.replace(',', "\t").encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_text(&utf16).unwrap(), roster.replace(',', "\t"));
        // A GBK file whose header is in English still reads when its text is common Chinese.
        let english_header = "name,gender,birth\n张伟,男,1985.03\n李娜,女,1990.10\n";
        assert_eq!(decode_text(&encode(GB18030, english_header)).unwrap(), english_header);
    }

    #[test]
    fn text_in_other_encodings_is_refused_not_garbled() {
        let latin1: Vec<u8> = "name,gender\nJos\u{e9},m\nM\u{fc}ller,m\nFran\u{e7}ois,m\n".chars().map(|c| c as u8).collect();
        let shift_jis = encoding_rs::SHIFT_JIS.encode("氏名,性別\n山田太郎,男\n佐藤花子,女\n").0.into_owned();
        for bytes in [latin1, shift_jis] {
            match decode_text(&bytes) {
                Err(ExchangeError::UnknownEncoding { tried }) => assert_eq!(tried, TRIED),
                other => panic!("{bytes:?} read as {other:?}"),
            }
        }
    }
}
