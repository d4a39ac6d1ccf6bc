//! Installs the bundled CJK font as the only font of both egui families, so every machine
//! renders the same and no glyph falls back to a system font: the TC face first for 繁體 and
//! English, the SC face first for 简体.

use crate::assets::{CJK_FONT, FACE_SC, FACE_TC};
use crate::domain::Lang;
use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// The font setup for `lang`.
pub fn definitions(lang: Lang) -> FontDefinitions {
    let mut defs = FontDefinitions::empty();
    for (name, face) in [("noto-cjk-tc", FACE_TC), ("noto-cjk-sc", FACE_SC)] {
        defs.font_data.insert(name.to_owned(), Arc::new(FontData::from_blob(Arc::new(CJK_FONT), face)));
    }
    let order: Vec<String> = match lang {
        Lang::Sc => vec!["noto-cjk-sc".into(), "noto-cjk-tc".into()],
        Lang::Tc | Lang::En => vec!["noto-cjk-tc".into(), "noto-cjk-sc".into()],
    };
    defs.families.insert(FontFamily::Proportional, order.clone());
    defs.families.insert(FontFamily::Monospace, order);
    defs
}

/// Installs the fonts and the text sizes of the application.
pub fn install(ctx: &egui::Context, lang: Lang) {
    ctx.set_fonts(definitions(lang));
    ctx.set_font_providers(Vec::new());
}
