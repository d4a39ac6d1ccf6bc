//! Line breaking for printed Chinese: a line may break between any two Han characters, but
//! closing punctuation (。，、;:?!」)…) never starts a line and opening punctuation
//! (「(《…) never ends one; runs of Latin letters, digits and ASCII marks (326.8, 98.7%,
//! WS-2012-0010) break only at spaces (a word wider than the whole line is cut). Pure: widths
//! come from the caller.

/// Punctuation that must not begin a line: the ideographic and fullwidth closing marks
/// (written as escapes, so that no editor turns them into their ASCII look-alikes), then ASCII.
const NO_START: &str = "\u{3002}\u{3001}\u{300D}\u{300F}\u{3011}\u{300B}\u{3009}\u{3015}\u{201D}\u{2019}\u{00B7}\u{30FB}\u{2026}\u{2014}\u{FF5E}\
                        \u{FF0C}\u{FF1B}\u{FF1A}\u{FF1F}\u{FF01}\u{FF09}\u{FF3D}\u{FF5D}\u{FF0E}\u{FF05}\
                        ,.;:!?)]}>%";
/// Punctuation that must not end a line.
const NO_END: &str = "\u{300C}\u{300E}\u{3010}\u{300A}\u{3008}\u{3014}\u{201C}\u{2018}\u{FF08}\u{FF3B}\u{FF5B}([{<";

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x323AF)
        // ASCII marks stay inside their word, so 326.8, 98.7% and WS-2012-0010 never break.
        || !c.is_ascii() && (NO_START.contains(c) || NO_END.contains(c))
}

/// The pieces a line is made of: a wide character, a word, or a run of spaces.
#[derive(Debug, Clone, PartialEq)]
enum Atom {
    Wide(char),
    Word(String),
    Space,
}

fn atoms(paragraph: &str) -> Vec<Atom> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in paragraph.chars() {
        // The ideographic space is a character of its own, kept as typed (forms use it to space out 年 月 日).
        let collapsible = c.is_whitespace() && c != '\u{3000}';
        if collapsible || is_wide(c) {
            if !word.is_empty() {
                out.push(Atom::Word(std::mem::take(&mut word)));
            }
            if collapsible {
                if out.last() != Some(&Atom::Space) {
                    out.push(Atom::Space);
                }
            } else {
                out.push(Atom::Wide(c));
            }
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push(Atom::Word(word));
    }
    out
}

fn text_of(atom: &Atom) -> String {
    match atom {
        Atom::Wide(c) => c.to_string(),
        Atom::Word(w) => w.clone(),
        Atom::Space => " ".into(),
    }
}

fn no_start(atom: &Atom) -> bool {
    match atom {
        Atom::Wide(c) => NO_START.contains(*c),
        Atom::Word(w) => w.chars().next().is_some_and(|c| NO_START.contains(c)),
        Atom::Space => false,
    }
}

fn no_end(atom: &Atom) -> bool {
    match atom {
        Atom::Wide(c) => NO_END.contains(*c),
        Atom::Word(w) => w.chars().last().is_some_and(|c| NO_END.contains(c)),
        Atom::Space => false,
    }
}

/// Breaks `text` into lines no wider than `max_width`, measuring each character with
/// `advance`. Newlines in the text end a line; empty paragraphs stay as empty lines.
pub fn wrap(text: &str, max_width: f32, advance: &dyn Fn(char) -> f32) -> Vec<String> {
    let width = |s: &str| s.chars().map(advance).sum::<f32>();
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end_matches('\r');
        let mut line: Vec<Atom> = Vec::new();
        let mut line_width = 0.0;
        let mut pending = atoms(paragraph).into_iter().collect::<std::collections::VecDeque<_>>();
        let mut produced = false;
        while let Some(atom) = pending.pop_front() {
            if atom == Atom::Space && line.is_empty() {
                continue;
            }
            let atom_width = width(&text_of(&atom));
            if line_width + atom_width <= max_width + 1e-3 || line.is_empty() && atom_width <= max_width + 1e-3 {
                line_width += atom_width;
                line.push(atom);
                continue;
            }
            if line.is_empty() {
                // A word wider than the line: cut it by character.
                let Atom::Word(word) = atom else { continue };
                let mut head = String::new();
                let mut rest = word.chars().peekable();
                while let Some(&c) = rest.peek() {
                    if width(&head) + advance(c) > max_width && !head.is_empty() {
                        break;
                    }
                    head.push(c);
                    rest.next();
                }
                lines.push(head);
                produced = true;
                let tail: String = rest.collect();
                if !tail.is_empty() {
                    pending.push_front(Atom::Word(tail));
                }
                continue;
            }
            // Break before `atom`, keeping closing punctuation off the new line's start and
            // opening punctuation off the old line's end.
            let mut carried = vec![atom];
            while (no_start(&carried[0]) || line.last().is_some_and(no_end)) && line.len() > 1 {
                let Some(last) = line.pop() else { break };
                carried.insert(0, last);
            }
            while line.last() == Some(&Atom::Space) {
                line.pop();
            }
            lines.push(line.iter().map(text_of).collect());
            produced = true;
            line.clear();
            line_width = 0.0;
            for atom in carried.into_iter().rev() {
                pending.push_front(atom);
            }
        }
        while line.last() == Some(&Atom::Space) {
            line.pop();
        }
        if !line.is_empty() || !produced {
            lines.push(line.iter().map(text_of).collect());
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Han and full-width characters 1 unit wide, everything else half.
    fn advance(c: char) -> f32 {
        if is_wide(c) { 1.0 } else { 0.5 }
    }

    #[test]
    fn han_text_fills_lines() {
        assert_eq!(wrap("一二三四五六七", 3.0, &advance), vec!["一二三", "四五六", "七"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        let lines = wrap("一二三,四五六。七八", 3.0, &advance);
        assert_eq!(lines, vec!["一二", "三,四", "五六。", "七八"]);
        for line in &lines {
            assert!(!line.starts_with([',', '。']), "{lines:?}");
        }
    }

    #[test]
    fn fullwidth_marks_follow_the_same_rules() {
        // 一二三！四五（六）七
        let lines = wrap("一二三\u{FF01}四五\u{FF08}六\u{FF09}七", 3.0, &advance);
        assert!(lines.iter().all(|l| !l.starts_with(['\u{FF01}', '\u{FF09}']) && !l.ends_with('\u{FF08}')), "{lines:?}");
        assert_eq!(lines.concat(), "一二三\u{FF01}四五\u{FF08}六\u{FF09}七");
    }

    #[test]
    fn opening_punctuation_never_ends_a_line() {
        let lines = wrap("一二「三四」五", 3.0, &advance);
        assert!(lines.iter().all(|l| !l.ends_with('「')), "{lines:?}");
        assert_eq!(lines.concat(), "一二「三四」五");
    }

    #[test]
    fn latin_words_break_at_spaces() {
        assert_eq!(wrap("AB task force 2013", 4.5, &advance), vec!["AB task", "force", "2013"]);
        assert_eq!(wrap("中文HOME Sweet", 4.0, &advance), vec!["中文HOME", "Sweet"]);
        assert_eq!(wrap("ABCDEFGHIJ", 2.0, &advance), vec!["ABCD", "EFGH", "IJ"]);
    }

    #[test]
    fn newlines_and_empty_paragraphs_are_kept() {
        assert_eq!(wrap("一\n\n二", 5.0, &advance), vec!["一", "", "二"]);
        assert_eq!(wrap("", 5.0, &advance), vec![""]);
    }

    #[test]
    fn ideographic_spaces_are_kept() {
        assert_eq!(wrap("年\u{3000}\u{3000}月", 10.0, &advance), vec!["年\u{3000}\u{3000}月"]);
    }

    #[test]
    fn numbers_decimals_percentages_and_codes_stay_whole() {
        let text = "全年入庫326.8萬元，完成率98.7%，文書WS-2012-0010號";
        for width in [6.0, 6.5, 7.0, 7.5, 8.0, 9.0] {
            let lines = wrap(text, width, &advance);
            for whole in ["326.8", "98.7%", "WS-2012-0010"] {
                assert!(lines.iter().any(|l| l.contains(whole)), "{whole} broken at width {width}: {lines:?}");
            }
        }
    }

    #[test]
    fn no_character_is_lost() {
        let text = "德:堅持原則,清正廉潔。能:熟悉稅收業務(增值稅、所得稅),Excel and SQL 2013。".repeat(40);
        let lines = wrap(&text, 17.0, &advance);
        let joined: String = lines.concat().chars().filter(|c| !c.is_whitespace()).collect();
        let expected: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(joined, expected);
        assert!(lines.iter().all(|l| l.chars().map(advance).sum::<f32>() <= 17.0 + 1e-3), "every line fits");
    }
}
