//! Character widths from the bundled font, read once with ttf-parser, so the layout breaks
//! lines where the printed glyphs really end; and which face prints each character: the
//! bundled CJK face, else the fallback face for CJK Extension B and beyond (loaded only when a
//! character needs it), else none — such a character is refused before anything is printed.

use super::layout::Metrics;
use crate::assets::{CJK_FONT, FACE_SC, FACE_TC, fallback_font};
use crate::domain::Lang;
use std::sync::OnceLock;

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
}

impl Metrics for FontMetrics {
    fn advance(&self, c: char) -> f32 {
        match self.glyph(c) {
            Some((Face::Main, g)) => self.main.advance(g),
            Some((Face::Fallback, g)) => fallback().and_then(|f| f.advance(g)),
            None => None,
        }
        .unwrap_or(1.0)
    }
}

impl FontMetrics {
    /// The face and glyph that print `c`; `None` when no face has it.
    pub fn glyph(&self, c: char) -> Option<(Face, u16)> {
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
    cell.get_or_init(|| FontMetrics { main: Parsed::new(CJK_FONT, face_index(lang)).expect("the bundled font parses (checked by a test)") })
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
