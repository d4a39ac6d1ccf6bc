//! The print preview: the same laid-out pages the PDF is painted from, drawn with egui so
//! the user sees each sheet before saving it; the print language, Save as PDF… and Open after
//! saving.

use crate::i18n::{fill, tr};
use crate::report::layout::{Item, MM_PER_PT, Page, Paper};
use crate::ui::intent::Intent;
use crate::ui::intent::PrintIntent;
use crate::ui::state::State;
use egui::{Color32, FontId, Pos2, Rect, Stroke, Vec2};

/// Points of screen per millimetre of paper at zoom 1.
const POINTS_PER_MM: f32 = 3.0;

fn draw_page(ui: &mut egui::Ui, page: &Page, paper: Paper, zoom: f32) {
    let scale = POINTS_PER_MM * zoom;
    let size = Vec2::new(paper.width.0 * scale, paper.height.0 * scale);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::WHITE);
    painter.rect_stroke(rect, 0.0, Stroke::new(1.0, Color32::from_gray(170)), egui::StrokeKind::Outside);
    let at = |x: f32, y: f32| Pos2::new(rect.left() + x * scale, rect.top() + y * scale);
    for item in &page.items {
        match item {
            Item::Line { from, to, width_pt, grey } => {
                painter.line_segment(
                    [at(from.0.0, from.1.0), at(to.0.0, to.1.0)],
                    Stroke::new((width_pt * MM_PER_PT * scale).max(0.6), Color32::from_gray((grey * 255.0) as u8)),
                );
            }
            Item::Triangle { points, grey } => {
                let shade = Color32::from_gray((grey * 255.0) as u8);
                let points = points.iter().map(|(x, y)| at(x.0, y.0)).collect();
                painter.add(egui::Shape::convex_polygon(points, shade, Stroke::NONE));
            }
            Item::Rect { x, y, width, height, grey } => {
                let shade = (grey * 255.0) as u8;
                painter.rect_filled(Rect::from_min_max(at(x.0, y.0), at(x.0 + width.0, y.0 + height.0)), 0.0, Color32::from_gray(shade));
            }
            // The preview marks a picture's place; the PDF carries the picture itself.
            Item::Image { x, y, width, height, .. } => {
                let place = Rect::from_min_max(at(x.0, y.0), at(x.0 + width.0, y.0 + height.0));
                painter.rect_filled(place, 0.0, Color32::from_gray(225));
            }
            Item::Text { x, y, size_pt, text, .. } => {
                let size_mm = size_pt * MM_PER_PT;
                let font = FontId::proportional(size_mm * scale);
                painter.text(at(x.0, y.0 - size_mm * 0.88), egui::Align2::LEFT_TOP, text, font, Color32::BLACK);
            }
        }
    }
}

pub fn print_preview_ui(ctx: &egui::Context, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(print) = &mut state.print else { return };
    let mut open = true;
    let screen = ctx.content_rect();
    egui::Window::new(tr(lang, "print.preview"))
        .id(egui::Id::unique("print_preview"))
        .open(&mut open)
        .collapsible(false)
        .default_rect(Rect::from_center_size(screen.center(), screen.size() * 0.9))
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.label(fill(tr(lang, "print.pages"), &[&print.pages.len().to_string()]));
                ui.separator();
                let label = ui.label(tr(lang, "print.zoom"));
                ui.add(egui::Slider::new(&mut print.zoom, 0.3..=1.5).show_value(false)).labelled_by(label.id);
                ui.separator();
                let label = ui.label(tr(lang, "print.lang"));
                egui::ComboBox::from_id_salt("print_lang")
                    .selected_text(print.lang.native_name())
                    .show_ui(ui, |ui| {
                        for choice in crate::domain::Lang::ALL {
                            if ui.selectable_label(print.lang == choice, choice.native_name()).clicked() && choice != print.lang {
                                out.push(Intent::Print(PrintIntent::PrintLang(choice)));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.separator();
                ui.checkbox(&mut print.open_after, tr(lang, "print.open_after"));
                if ui.button(egui::RichText::new(tr(lang, "print.save")).strong()).clicked() {
                    out.push(Intent::Print(PrintIntent::SavePdf { open_after: print.open_after }));
                }
                if ui.button(tr(lang, "print.close")).clicked() {
                    out.push(Intent::Print(PrintIntent::ClosePrint));
                }
            });
            ui.separator();
            egui::ScrollArea::vertical().id_salt("print_pages").show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    for page in &print.pages {
                        draw_page(ui, page, print.paper, print.zoom);
                        ui.add_space(12.0);
                    }
                });
            });
        });
    if !open {
        out.push(Intent::Print(PrintIntent::ClosePrint));
    }
}
