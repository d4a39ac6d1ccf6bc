//! Character widths from the bundled font, read once with ttf-parser, so the layout breaks
//! lines where the printed glyphs really end.

use super::layout::Metrics;
use crate::assets::{CJK_FONT, FACE_SC, FACE_TC};
use crate::domain::Lang;
use std::sync::OnceLock;

/// Advance widths of one face of the bundled font.
pub struct FontMetrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl Metrics for FontMetrics {
    fn advance(&self, c: char) -> f32 {
        let advance = self.face.glyph_index(c).and_then(|g| self.face.glyph_hor_advance(g));
        advance.map_or(1.0, |a| f32::from(a) / self.units_per_em)
    }
}

impl FontMetrics {
    /// The glyph that prints `c` (0, the font's "missing" glyph, when it has none).
    pub fn glyph(&self, c: char) -> u16 {
        self.face.glyph_index(c).map_or(0, |g| g.0)
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
    cell.get_or_init(|| {
        let face = ttf_parser::Face::parse(CJK_FONT, face_index(lang)).expect("the bundled font parses (checked by a test)");
        let units_per_em = f32::from(face.units_per_em());
        FontMetrics { face, units_per_em }
    })
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
}
