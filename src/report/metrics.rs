//! Character widths from the bundled font, read once with ttf-parser (each character's looked
//! up once and kept), so the layout breaks lines where the printed glyphs really end; and which face prints each character: the
//! bundled CJK face, else the fallback face for CJK Extension B and beyond (loaded only when a
//! character needs it), else none — such a character is refused before anything is printed.

use super::layout::Metrics;
use crate::assets::{CJK_FONT, FACE_SC, FACE_TC, fallback_font};
use crate::domain::Lang;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// One parsed face and its em size.
struct Parsed {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl Parsed {
    fn new(bytes: &'static [u8], index: u32) -> Option<Parsed> {
        let face = ttf_parser::Face::parse(bytes, index).ok()?;
        let units_per_em = f32::from(face.units_per_em());
        Some(Parsed { face, units_per_em })
    }

    fn glyph(&self, c: char) -> Option<u16> {
        self.face.glyph_index(c).map(|g| g.0).filter(|g| *g != 0)
    }

    fn advance(&self, glyph: u16) -> Option<f32> {
        self.face.glyph_hor_advance(ttf_parser::GlyphId(glyph)).map(|a| f32::from(a) / self.units_per_em)
    }
}

/// The face that prints a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Face {
    /// The bundled CJK font's face for the language.
    Main,
    /// The fallback face (CJK Extension B and beyond).
    Fallback,
}

/// The fallback face, parsed the first time it is needed (`None` when its file is missing).
fn fallback() -> Option<&'static Parsed> {
    static FALLBACK: OnceLock<Option<Parsed>> = OnceLock::new();
    FALLBACK.get_or_init(|| Parsed::new(fallback_font()?, 0)).as_ref()
}

/// Advance widths of the face a language prints with, and the fallback behind it.
pub struct FontMetrics {
    main: Parsed,
    /// What each character of the Basic Multilingual Plane was found to be, looked up in the
    /// fonts the first time it is measured or printed: a long print measures the same few
    /// thousand characters millions of times. Packed as [`pack`] writes it; 0 until looked up.
    known: Box<[AtomicU64]>,
}

/// A looked-up character: its face (1 main, 2 fallback, 3 none) in bits 48–49, its glyph in bits
/// 32–47 and its advance (an `f32`'s bits) in bits 0–31.
fn pack(found: Option<(Face, u16)>, advance: f32) -> u64 {
    let (face, glyph) = match found {
        Some((Face::Main, g)) => (1u64, g),
        Some((Face::Fallback, g)) => (2, g),
        None => (3, 0),
    };
    face << 48 | u64::from(glyph) << 32 | u64::from(advance.to_bits())
}

fn unpack(packed: u64) -> (Option<(Face, u16)>, f32) {
    let glyph = (packed >> 32) as u16;
    let found = match packed >> 48 {
        1 => Some((Face::Main, glyph)),
        2 => Some((Face::Fallback, glyph)),
        _ => None,
    };
    (found, f32::from_bits(packed as u32))
}

impl Metrics for FontMetrics {
    fn advance(&self, c: char) -> f32 {
        self.lookup(c).1
    }
}

impl FontMetrics {
    fn new(main: Parsed) -> FontMetrics {
        FontMetrics { main, known: (0..0x1_0000).map(|_| AtomicU64::new(0)).collect() }
    }

    /// The face and glyph that print `c`; `None` when no face has it.
    pub fn glyph(&self, c: char) -> Option<(Face, u16)> {
        self.lookup(c).0
    }

    /// The face and glyph of `c` with its advance in ems (1 when no face has it), from the
    /// fonts the first time and from [`FontMetrics::known`] after.
    fn lookup(&self, c: char) -> (Option<(Face, u16)>, f32) {
        let slot = self.known.get(c as usize);
        if let Some(packed) = slot.map(|s| s.load(Ordering::Relaxed)).filter(|p| *p != 0) {
            return unpack(packed);
        }
        let found = self.find(c);
        let advance = match found {
            Some((Face::Main, g)) => self.main.advance(g),
            Some((Face::Fallback, g)) => fallback().and_then(|f| f.advance(g)),
            None => None,
        }
        .unwrap_or(1.0);
        if let Some(slot) = slot {
            slot.store(pack(found, advance), Ordering::Relaxed);
        }
        (found, advance)
    }

    /// The face and glyph of `c`, looked up in the fonts.
    fn find(&self, c: char) -> Option<(Face, u16)> {
        if let Some(g) = self.main.glyph(c) {
            return Some((Face::Main, g));
        }
        fallback()?.glyph(c).map(|g| (Face::Fallback, g))
    }

    /// Whether some face prints `c` (control characters and spaces print as nothing).
    pub fn printable(&self, c: char) -> bool {
        c.is_control() || c.is_whitespace() || self.glyph(c).is_some()
    }

    /// The first character of `text` no face prints.
    pub fn unprintable(&self, text: &str) -> Option<char> {
        text.chars().find(|c| !self.printable(*c))
    }
}

/// The face a language prints with: SC for 简体, TC otherwise.
pub fn face_index(lang: Lang) -> u32 {
    if lang == Lang::Sc { FACE_SC } else { FACE_TC }
}

/// The metrics of the face `lang` prints with, parsed once per process.
#[allow(clippy::expect_used, reason = "the font is built into the binary and parsed by a test")]
pub fn for_lang(lang: Lang) -> &'static FontMetrics {
    static TC: OnceLock<FontMetrics> = OnceLock::new();
    static SC: OnceLock<FontMetrics> = OnceLock::new();
    let cell = if lang == Lang::Sc { &SC } else { &TC };
    cell.get_or_init(|| FontMetrics::new(Parsed::new(CJK_FONT, face_index(lang)).expect("the bundled font parses (checked by a test)")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_is_one_em_and_latin_is_narrower() {
        let metrics = for_lang(Lang::Tc);
        assert!((metrics.advance('稅') - 1.0).abs() < 0.01);
        assert!(metrics.advance('i') < 0.5);
        assert!(for_lang(Lang::Sc).advance('税') > 0.9);
    }

    #[test]
    fn a_character_looked_up_again_is_what_the_fonts_say() {
        let metrics = for_lang(Lang::Tc);
        for c in "稅務局 Tax bureau，（2013）年度考核\u{E000}\u{3000}\u{2A6A5}".chars() {
            let fresh = metrics.find(c);
            let width = match fresh {
                Some((Face::Main, g)) => metrics.main.advance(g),
                Some((Face::Fallback, g)) => fallback().and_then(|f| f.advance(g)),
                None => None,
            }
            .unwrap_or(1.0);
            for _ in 0..2 {
                assert_eq!(metrics.glyph(c), fresh, "{c:?}");
                assert_eq!(metrics.advance(c).to_bits(), width.to_bits(), "{c:?}");
            }
        }
        assert_eq!(unpack(pack(Some((Face::Fallback, 0xFFFF)), 0.5)), (Some((Face::Fallback, 0xFFFF)), 0.5));
        assert_eq!(unpack(pack(None, 1.0)), (None, 1.0));
    }

    #[test]
    fn extension_b_comes_from_the_fallback_face_and_a_character_of_no_face_is_found() {
        let metrics = for_lang(Lang::Tc);
        assert_eq!(metrics.glyph('稅').map(|g| g.0), Some(Face::Main));
        assert_eq!(metrics.glyph('\u{2A6A5}').map(|g| g.0), Some(Face::Fallback), "𪚥 from 花園明朝B");
        assert!((metrics.advance('\u{2A6A5}') - 1.0).abs() < 0.01);
        // A private-use character: no face has it.
        assert_eq!(metrics.unprintable("張\u{E000}偉"), Some('\u{E000}'));
        assert_eq!(metrics.unprintable("張偉 \u{20BB7}\u{2A6A5}"), None);
    }
}
