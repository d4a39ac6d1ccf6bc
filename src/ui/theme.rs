//! The look of an office tool: light by default (dark on request), readable CJK text sizes,
//! and one spacing scale used by every page.

use egui::{FontFamily, FontId, TextStyle};

/// Space between form rows and between sections.
pub const GAP: f32 = 8.0;
/// Width of the label column in forms.
pub const LABEL_WIDTH: f32 = 110.0;

pub fn set_visuals(ctx: &egui::Context, dark: bool) {
    ctx.set_theme(if dark { egui::Theme::Dark } else { egui::Theme::Light });
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::new(12.0, FontFamily::Proportional)),
            (TextStyle::Body, FontId::new(14.5, FontFamily::Proportional)),
            (TextStyle::Button, FontId::new(14.5, FontFamily::Proportional)),
            (TextStyle::Heading, FontId::new(20.0, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(14.0, FontFamily::Monospace)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.spacing.interact_size.y = 26.0;
        outline_fields(&mut style.visuals);
    });
}

/// Text fields on the field colour (white in the light theme) inside a clear outline, so a
/// search box, the log-in fields and the self-check's evidence show on any panel or striped
/// row. Buttons and drop-downs take the same outline.
fn outline_fields(visuals: &mut egui::Visuals) {
    visuals.text_edit_bg_color = Some(visuals.extreme_bg_color);
    visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, visuals.weak_text_color());
}

#[cfg(test)]
mod tests {
    /// In the light theme a text field stands out from the panel behind it: its own fill and
    /// an outline of its own colour.
    #[test]
    fn text_fields_are_outlined_in_the_light_theme() {
        let ctx = egui::Context::default();
        super::set_visuals(&ctx, false);
        let visuals = ctx.style_of(egui::Theme::Light).visuals.clone();
        let outline = visuals.widgets.inactive.bg_stroke;
        assert!(outline.width >= 1.0, "{outline:?}");
        assert_ne!(outline.color, visuals.panel_fill);
        assert_ne!(visuals.text_edit_bg_color(), visuals.panel_fill);
    }
}
