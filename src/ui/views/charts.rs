//! Charts drawn with the egui painter: the 八種能力 radar (fixed axis order, area filled as
//! a fan of triangles from the centre so a low score's notch stays empty) and its bar-chart
//! alternative. Geometry comes from `domain::selfcheck`; this file only paints.

use crate::domain::selfcheck::{Levels, radar_fan, radar_points};
use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, FontId, Pos2, Shape, Stroke, Ui, Vec2};

/// The highest level on the scale.
const MAX: f32 = 5.0;

fn values(levels: &Levels) -> [f32; 8] {
    levels.map(|l| f32::from(l.unwrap_or(0)))
}

/// The filled area of a radar outline as a mesh: one triangle per pair of neighbouring axes.
pub fn radar_mesh(centre: Pos2, points: &[(f32, f32); 8], colour: Color32) -> Mesh {
    let mut mesh = Mesh::default();
    for triangle in radar_fan(points) {
        let base = mesh.vertices.len() as u32;
        for (x, y) in triangle {
            mesh.vertices.push(Vertex { pos: centre + Vec2::new(x, y), uv: WHITE_UV, color: colour });
        }
        mesh.add_triangle(base, base + 1, base + 2);
    }
    mesh
}

/// A radar of `series` (name, levels, colour) over the eight `labels`; the first is filled.
pub fn radar(ui: &mut Ui, labels: &[String], series: &[(&str, Levels, Color32)], radius: f32) {
    // Room beside the web for the widest label (as long as "Execution" in English), so none is cut.
    let widest = labels
        .iter()
        .map(|l| ui.painter().layout_no_wrap(l.clone(), FontId::proportional(13.0), Color32::WHITE).size().x)
        .fold(0.0, f32::max);
    let margin = (widest + radius * 0.1 + 8.0).max(70.0);
    let size = Vec2::new(radius * 2.0 + 2.0 * margin, radius * 2.0 + 140.0);
    let (rect, _) = ui.allocate_exact_size(Vec2::new(size.x + 160.0, size.y), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    let centre = Pos2::new(rect.left() + size.x / 2.0, rect.center().y);
    let at = |(x, y): (f32, f32)| centre + Vec2::new(x, y);
    let grid = ui.visuals().weak_text_color().gamma_multiply(0.5);
    let text = ui.visuals().text_color();
    for level in 1..=5 {
        let ring = radar_points(&[level as f32; 8], MAX, radius);
        painter.add(Shape::closed_line(ring.iter().map(|p| at(*p)).collect(), Stroke::new(0.6, grid)));
        painter.text(at(ring[0]) + Vec2::new(3.0, 0.0), egui::Align2::LEFT_CENTER, level.to_string(), FontId::proportional(10.0), grid);
    }
    let full = radar_points(&[MAX; 8], MAX, radius);
    for (i, point) in full.iter().enumerate() {
        painter.line_segment([centre, at(*point)], Stroke::new(0.6, grid));
        let anchor = match i {
            0 => egui::Align2::CENTER_BOTTOM,
            4 => egui::Align2::CENTER_TOP,
            1..=3 => egui::Align2::LEFT_CENTER,
            _ => egui::Align2::RIGHT_CENTER,
        };
        if let Some(label) = labels.get(i) {
            painter.text(at((point.0 * 1.1, point.1 * 1.1)), anchor, label, FontId::proportional(13.0), text);
        }
    }
    for (index, (_, levels, colour)) in series.iter().enumerate() {
        let points = radar_points(&values(levels), MAX, radius);
        if index == 0 {
            painter.add(Shape::mesh(radar_mesh(centre, &points, colour.gamma_multiply(0.25))));
        }
        let width = if index == 0 { 2.0 } else { 1.5 };
        painter.add(Shape::closed_line(points.iter().map(|p| at(*p)).collect(), Stroke::new(width, *colour)));
    }
    let mut y = rect.top() + 20.0;
    for (name, _, colour) in series {
        let x = rect.left() + size.x + 10.0;
        painter.line_segment([Pos2::new(x, y), Pos2::new(x + 24.0, y)], Stroke::new(3.0, *colour));
        painter.text(Pos2::new(x + 30.0, y), egui::Align2::LEFT_CENTER, *name, FontId::proportional(13.0), text);
        y += 22.0;
    }
}

/// The same series as grouped bars, one group per capability.
pub fn bars(ui: &mut Ui, labels: &[String], series: &[(&str, Levels, Color32)]) {
    let bar = 14.0;
    let group = bar * series.len() as f32 + 10.0;
    let label_width = 90.0;
    let width = 360.0;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(label_width + width + 40.0, group * 8.0 + 30.0), egui::Sense::hover());
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    for (i, label) in labels.iter().enumerate().take(8) {
        let top = rect.top() + i as f32 * group;
        painter.text(
            Pos2::new(rect.left() + label_width - 6.0, top + group / 2.0 - 5.0),
            egui::Align2::RIGHT_CENTER,
            label,
            FontId::proportional(13.0),
            text,
        );
        for (s, (_, levels, colour)) in series.iter().enumerate() {
            let y = top + s as f32 * bar;
            let level = levels[i].unwrap_or(0);
            let length = width * f32::from(level) / MAX;
            let r = egui::Rect::from_min_size(Pos2::new(rect.left() + label_width, y), Vec2::new(length, bar - 3.0));
            painter.rect_filled(r, 1.0, *colour);
            painter.text(
                r.right_center() + Vec2::new(4.0, 0.0),
                egui::Align2::LEFT_CENTER,
                if level == 0 { "—".to_owned() } else { level.to_string() },
                FontId::proportional(11.0),
                text,
            );
        }
    }
    let mut x = rect.left() + label_width;
    let y = rect.top() + group * 8.0 + 12.0;
    for (name, _, colour) in series {
        painter.rect_filled(egui::Rect::from_min_size(Pos2::new(x, y - 5.0), Vec2::splat(10.0)), 1.0, *colour);
        painter.text(Pos2::new(x + 14.0, y), egui::Align2::LEFT_CENTER, *name, FontId::proportional(12.0), text);
        x += 110.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mesh_of_a_notched_radar_stays_inside_its_outline() {
        let points = radar_points(&[5.0, 1.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0], MAX, 100.0);
        let mesh = radar_mesh(Pos2::ZERO, &points, Color32::RED);
        assert_eq!(mesh.indices.len(), 8 * 3, "eight triangles");
        // Every vertex is the centre or a point of the outline: nothing reaches past it, so the
        // notch at axis 2 (level 1) is not covered by a convex hull.
        for v in &mesh.vertices {
            let on_outline = points.iter().any(|(x, y)| (v.pos.x - x).abs() < 1e-3 && (v.pos.y - y).abs() < 1e-3);
            assert!(on_outline || v.pos == Pos2::ZERO, "{:?}", v.pos);
        }
        let notch = Pos2::new(points[1].0, points[1].1);
        assert!(notch.distance(Pos2::ZERO) < 21.0, "axis 2 sits at a fifth of the radius");
    }
}
