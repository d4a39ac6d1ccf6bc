//! A self-check package open on an official's own PC: their form only — the eight levels
//! with the scale's descriptors and the post's required level, evidence, shortfalls and
//! reflection — saved into the package file, or handed in to send back.

use super::widgets::{para, problems_for};
use crate::domain::Field;
use crate::i18n::{self, tr};
use crate::ui::intent::Intent;
use crate::ui::intent::PackageIntent;
use crate::ui::state::PackageView;
use egui::{RichText, Ui};

pub fn package_ui(ui: &mut Ui, lang: crate::domain::Lang, view: &mut PackageView, out: &mut Vec<Intent>) {
    let meta = view.package.meta.clone();
    egui::ScrollArea::vertical().id_salt("package_scroll").show(ui, |ui| {
        ui.label(RichText::new(tr(lang, "package.title")).size(22.0).strong());
        ui.label(format!(
            "{} · {} · {}",
            meta.bureau_name,
            meta.round_name,
            i18n::fill(tr(lang, "selfcheck.deadline_line"), &[&meta.deadline])
        ));
        ui.horizontal(|ui| {
            ui.label(RichText::new(&meta.name).size(18.0).strong());
            ui.label(&meta.staff_no);
            ui.label(&meta.unit);
            ui.label(&meta.post);
            ui.label(&meta.tier);
        });
        ui.label(RichText::new(tr(lang, "package.help")).weak());
        ui.separator();
        let form = &mut view.package.form;
        egui::Grid::new("package_form").num_columns(4).striped(true).spacing([10.0, 6.0]).show(ui, |ui| {
            for key in ["standards.capability", "gaps.required", "selfcheck.own_level", "selfcheck.evidence"] {
                ui.label(RichText::new(tr(lang, key)).strong());
            }
            ui.end_row();
            for (i, capability) in meta.capabilities.iter().enumerate().take(8) {
                ui.vertical(|ui| {
                    ui.add(egui::Label::new(RichText::new(&capability.name).strong()).extend());
                    ui.add(egui::Label::new(RichText::new(&capability.slogan).small().weak()).extend());
                });
                ui.label(meta.required[i].map_or("—".into(), |l| l.to_string()));
                ui.vertical(|ui| {
                    let name = i18n::fill(tr(lang, "selfcheck.own_of"), &[&capability.name]);
                    let descriptor = |l: u8| capability.descriptors.get(usize::from(l) - 1).cloned().unwrap_or_default();
                    super::widgets::level_combo(ui, &name, &mut form.levels[i], descriptor, true);
                    for message in problems_for(lang, &view.problems, Field::Capability(i as u8 + 1)) {
                        ui.label(RichText::new(message).color(ui.visuals().error_fg_color).small());
                    }
                });
                let name = i18n::fill(tr(lang, "selfcheck.evidence_of"), &[&capability.name]);
                ui.name_inputs(&name, |ui| {
                    ui.add_sized([300.0, 24.0], egui::TextEdit::singleline(&mut form.evidence[i]).char_limit(2_000))
                });
                ui.end_row();
            }
        });
        ui.add_space(6.0);
        let label = ui.label(RichText::new(tr(lang, "field.shortfalls")).strong());
        ui.label_inputs_by(label.id, |ui| para(ui, &mut form.shortfalls, 700.0, 3));
        let label = ui.label(RichText::new(tr(lang, "field.reflection")).strong());
        ui.label_inputs_by(label.id, |ui| para(ui, &mut form.reflection, 700.0, 4));
        if let Some(routine) = &meta.routine {
            ui.add_space(6.0);
            let title = i18n::fill(tr(lang, "package.routine"), &[&routine.name, &routine.deadline]);
            let label = ui.label(RichText::new(title).strong());
            ui.label_inputs_by(label.id, |ui| para(ui, &mut view.package.routine, 700.0, 4));
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let label = ui.label(RichText::new(tr(lang, "package.code")).strong());
            ui.add(egui::TextEdit::singleline(&mut view.code).char_limit(20).desired_width(120.0).font(egui::TextStyle::Monospace))
                .labelled_by(label.id);
            ui.label(RichText::new(tr(lang, "package.code_help")).small().weak());
        });
        if let Some(problem) = &view.code_problem {
            ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
        }
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "package.save")).clicked() {
                out.push(Intent::Package(PackageIntent::SavePackage { ready: false }));
            }
            if ui.button(RichText::new(tr(lang, "package.hand_in")).strong()).clicked() {
                out.push(Intent::Package(PackageIntent::SavePackage { ready: true }));
            }
            if ui.button(tr(lang, "package.close")).clicked() {
                out.push(Intent::Package(PackageIntent::ClosePackage));
            }
        });
        if view.package.ready {
            ui.label(RichText::new(tr(lang, "package.is_ready")).color(egui::Color32::from_rgb(0x2e, 0x7d, 0x32)));
        }
        if let Some(saved) = &view.saved {
            ui.label(saved);
        }
    });
}
