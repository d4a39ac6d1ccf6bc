//! The print preview: the same laid-out pages the PDF is painted from, drawn with egui so
//! the user sees each sheet before saving it, a window of sheets at a time with the way to the
//! previous and next; the print language, Save as PDF… and Open after saving.

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

/// The page count of a printout that fits one window; otherwise which sheets are shown, of how
/// many, with the previous and next windows (also Ctrl+PageUp / Ctrl+PageDown).
fn pager(ui: &mut egui::Ui, print: &crate::ui::state::PrintPreview, lang: crate::domain::Lang, out: &mut Vec<Intent>) {
    let pages = print.pages.len().to_string();
    if print.preview.whole() {
        ui.label(fill(tr(lang, "print.pages"), &[&pages]));
        return;
    }
    let window = print.preview.window(print.first);
    let (total, shown) = (print.preview.len(), window.len());
    let previous = window.start.saturating_sub(crate::service::preview::WINDOW_SHEETS);
    let back = ui.add_enabled(window.start > 0, egui::Button::new(tr(lang, "print.previous"))).on_hover_text("Ctrl+PageUp");
    let text = fill(tr(lang, "print.window"), &[&(window.start + 1).to_string(), &window.end.to_string(), &total.to_string(), &pages]);
    ui.label(text);
    let forward = ui.add_enabled(window.end < total, egui::Button::new(tr(lang, "print.next"))).on_hover_text("Ctrl+PageDown");
    let key = |key: egui::Key| ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, key));
    if (back.clicked() || key(egui::Key::PageUp)) && window.start > 0 {
        out.push(Intent::Print(PrintIntent::PrintWindow(previous)));
    } else if (forward.clicked() || key(egui::Key::PageDown)) && window.end < total && shown > 0 {
        out.push(Intent::Print(PrintIntent::PrintWindow(window.end)));
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
            // Wraps rather than hiding Save and Close beyond a narrow window's edge.
            ui.horizontal_wrapped(|ui| {
                pager(ui, print, lang, out);
                ui.separator();
                let label = ui.label(tr(lang, "print.zoom"));
                ui.add(egui::Slider::new(&mut print.zoom, 0.3..=1.5).show_value(false)).labelled_by(label.id);
                ui.separator();
                let label = ui.label(tr(lang, "print.lang"));
                egui::ComboBox::from_id_salt("print_lang")
                    .selected_text(print.preview.lang.native_name())
                    .show_ui(ui, |ui| {
                        for choice in crate::domain::Lang::ALL {
                            if ui.selectable_label(print.preview.lang == choice, choice.native_name()).clicked()
                                && choice != print.preview.lang
                            {
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
            // A new window starts at its top.
            egui::ScrollArea::vertical().id_salt(("print_pages", print.first)).show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    for page in &print.pages {
                        draw_page(ui, page, print.preview.paper, print.zoom);
                        ui.add_space(12.0);
                    }
                });
            });
        });
    if !open {
        out.push(Intent::Print(PrintIntent::ClosePrint));
    }
}
