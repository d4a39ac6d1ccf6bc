//! Checks shared by every free-text input: trimmed, required or not, capped in length,
//! no control characters (a name pasted with a NUL or an escape sequence is refused).

use super::problem::{Field, Problem, Problems};

/// Longest name of a person.
pub const MAX_NAME: usize = 50;
/// Longest staff number.
pub const MAX_STAFF_NO: usize = 32;
/// Longest unit name or post title.
pub const MAX_TITLE: usize = 100;
/// Longest short text (political status, education, 職務/職級).
pub const MAX_SHORT: usize = 100;
/// Longest evidence note, comment, opinion or plan entry.
pub const MAX_NOTE: usize = 2_000;
/// Longest multi-line text (duties and the four duty-statement fields).
pub const MAX_LONG: usize = 20_000;

/// Trims `raw` and checks it; returns the cleaned text (possibly empty when not required).
pub fn clean(raw: &str, field: Field, required: bool, max: usize, problems: &mut Problems) -> String {
    let text = raw.trim();
    let multi_line = max == MAX_LONG;
    if required && text.is_empty() {
        problems.push(field, Problem::Required);
    } else if text.chars().count() > max {
        problems.push(field, Problem::TooLong { max });
    } else if text.chars().any(|c| c.is_control() && !(multi_line && (c == '\n' || c == '\t' || c == '\r'))) {
        problems.push(field, Problem::ControlCharacters);
    }
    text.to_owned()
}

/// Lower-cased text for matching filters, with full-width ASCII folded to half-width.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_checks_each_rule() {
        let cases: [(&str, bool, usize, Option<Problem>); 7] = [
            ("  張偉 ", true, MAX_NAME, None),
            ("   ", true, MAX_NAME, Some(Problem::Required)),
            ("", false, MAX_NAME, None),
            ("a\u{0}b", true, MAX_NAME, Some(Problem::ControlCharacters)),
            ("line one\nline two", false, MAX_LONG, None),
            ("line one\nline two", false, MAX_SHORT, Some(Problem::ControlCharacters)),
            ("字字字", true, 2, Some(Problem::TooLong { max: 2 })),
        ];
        for (raw, required, max, want) in cases {
            let mut problems = Problems::default();
            clean(raw, Field::Name, required, max, &mut problems);
            assert_eq!(problems.0.first().map(|p| p.problem.clone()), want, "{raw:?}");
        }
    }

    #[test]
    fn a_megabyte_name_is_refused_not_stored() {
        let mut problems = Problems::default();
        let huge = "名".repeat(1 << 20);
        clean(&huge, Field::Name, true, MAX_NAME, &mut problems);
        assert_eq!(problems.0[0].problem, Problem::TooLong { max: MAX_NAME });
    }

    #[test]
    fn fold_matches_full_width_and_case() {
        assert_eq!(fold("ＡＢｃ１２"), "abc12");
        assert_eq!(fold("Zhang 偉"), "zhang 偉");
    }
}
