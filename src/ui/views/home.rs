//! The home page: where the programme stands today — the phases on a timeline with a today
//! marker, overdue milestones first, the figures measured from the data as progress bars
//! (each opens the list behind it), and completion per unit.

use super::widgets::fixed_label;
use crate::domain::Lang;
use crate::domain::programme::{Measure, MilestoneData, MilestoneStatus, Programme, Shown};
use crate::i18n::{self, tr};
use crate::service::Command;
use crate::service::command::ProgrammeCommand;
use crate::ui::intent::HomeIntent;
use crate::ui::intent::Intent;
use crate::ui::state::{Data, State};
use chrono::NaiveDate;
use egui::{Color32, Pos2, Rect, RichText, Stroke, Ui, Vec2};

pub fn shown_color(shown: Shown) -> Color32 {
    match shown {
        Shown::Overdue => Color32::from_rgb(0xc6, 0x28, 0x28),
        Shown::InProgress => Color32::from_rgb(0x15, 0x65, 0xc0),
        Shown::NotStarted => Color32::from_gray(120),
        Shown::DoneLate => Color32::from_rgb(0xe6, 0x51, 0x00),
        Shown::Done => Color32::from_rgb(0x2e, 0x7d, 0x32),
    }
}

fn measure_key(measure: Measure) -> &'static str {
    i18n::measure_key(measure)
}

/// The phases as bars on one line, milestones as ticks, and a marker at today.
fn timeline(ui: &mut Ui, lang: Lang, programme: &Programme, today: NaiveDate) {
    let Some((first, last)) = programme.span() else { return };
    let days = (last - first).num_days().max(1) as f32;
    let (rect, _) = ui.allocate_exact_size(Vec2::new(ui.available_width(), 64.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    // Days map onto a track inset a little, so a milestone's dot at either end stays whole.
    let track = rect.shrink2(Vec2::new(6.0, 0.0));
    let x_of = |day: NaiveDate| track.left() + track.width() * ((day - first).num_days() as f32 / days).clamp(0.0, 1.0);
    let palette = [Color32::from_rgb(0xbb, 0xde, 0xfb), Color32::from_rgb(0xc8, 0xe6, 0xc9), Color32::from_rgb(0xff, 0xe0, 0xb2)];
    let current = programme.current_phase(today).map(|p| p.id);
    for (i, phase) in programme.phases.iter().enumerate() {
        let bar = Rect::from_min_max(Pos2::new(x_of(phase.start), rect.top() + 4.0), Pos2::new(x_of(phase.end), rect.top() + 34.0));
        painter.rect_filled(bar, 3.0, palette[i % palette.len()]);
        if current == Some(phase.id) {
            painter.rect_stroke(bar, 3.0, Stroke::new(2.0, Color32::from_rgb(0x15, 0x65, 0xc0)), egui::StrokeKind::Inside);
        }
        // The phase's name on its bar, cut with "…" where the bar is too short for it.
        let ink = Color32::from_gray(30);
        let mut name = egui::text::LayoutJob::simple_singleline(phase.name.get(lang).to_owned(), egui::FontId::proportional(13.0), ink);
        name.wrap =
            egui::text::TextWrapping { max_width: (bar.width() - 8.0).max(12.0), ..egui::text::TextWrapping::truncate_at_width(0.0) };
        let galley = painter.layout_job(name);
        painter.galley(bar.center() - galley.size() / 2.0, galley, ink);
        for milestone in &phase.milestones {
            let shown = crate::domain::programme::shown_status(milestone.data.status, milestone.data.due, milestone.data.done_on, today);
            let x = x_of(milestone.data.due);
            painter.circle_filled(Pos2::new(x, rect.top() + 44.0), 4.0, shown_color(shown));
        }
    }
    // The today marker only inside the programme's span (the heading says the day either way; a
    // line clamped to an edge would claim a day the timeline does not show). Its label sits on
    // the side with room.
    if (first..=last).contains(&today) {
        let x = x_of(today);
        let red = Color32::from_rgb(0xc6, 0x28, 0x28);
        painter.line_segment([Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())], Stroke::new(2.0, red));
        let (at, align) = if x < rect.center().x {
            (Pos2::new(x + 3.0, rect.bottom() - 2.0), egui::Align2::LEFT_BOTTOM)
        } else {
            (Pos2::new(x - 3.0, rect.bottom() - 2.0), egui::Align2::RIGHT_BOTTOM)
        };
        painter.text(at, align, tr(lang, "home.today"), egui::FontId::proportional(12.0), red);
    }
    painter.text(
        Pos2::new(rect.left(), rect.bottom() - 2.0),
        egui::Align2::LEFT_BOTTOM,
        first.format("%Y-%m").to_string(),
        egui::FontId::proportional(11.0),
        Color32::GRAY,
    );
    painter.text(
        Pos2::new(rect.right(), rect.bottom() - 2.0),
        egui::Align2::RIGHT_BOTTOM,
        last.format("%Y-%m").to_string(),
        egui::FontId::proportional(11.0),
        Color32::GRAY,
    );
}

/// The milestones, overdue first; only an administrator ticks one done (others read them).
fn agenda(ui: &mut Ui, lang: Lang, data: &Data, programme: &Programme, admin: bool, max_height: f32, out: &mut Vec<Intent>) {
    ui.label(RichText::new(tr(lang, "home.agenda")).size(16.0).strong());
    // Status, due day and unit take their room; the title gets the rest and is cut with "…".
    let title_width = (ui.available_width() - 330.0).max(120.0);
    egui::ScrollArea::vertical().id_salt("agenda").max_height(max_height).show(ui, |ui| {
        egui::Grid::new("agenda_grid").num_columns(5).spacing([10.0, 6.0]).striped(true).show(ui, |ui| {
            for (milestone, shown) in programme.agenda(data.today) {
                let mut done = milestone.data.status == MilestoneStatus::Done;
                let title = milestone.title.get(lang);
                if ui
                    .name_inputs(i18n::fill(tr(lang, "home.mark_done"), &[title]), |ui| {
                        ui.add_enabled(admin, egui::Checkbox::without_text(&mut done))
                    })
                    .changed()
                {
                    let status = if done { MilestoneStatus::Done } else { MilestoneStatus::InProgress };
                    let data = MilestoneData { status, done_on: done.then_some(data.today), ..milestone.data.clone() };
                    out.push(Intent::Do(Command::Programme(ProgrammeCommand::UpdateMilestone { id: milestone.id, data })));
                }
                ui.label(RichText::new(tr(lang, shown.key())).color(shown_color(shown)));
                fixed_label(ui, title_width, title).on_hover_text(title);
                ui.label(milestone.data.due.format("%Y-%m-%d").to_string());
                let unit = milestone.data.unit.and_then(|u| data.unit(u)).map_or("", |u| u.name.as_str());
                fixed_label(ui, 90.0, unit);
                ui.end_row();
            }
        });
    });
}

fn figures(ui: &mut Ui, lang: Lang, data: &Data, out: &mut Vec<Intent>) {
    ui.label(RichText::new(tr(lang, "home.figures")).size(16.0).strong());
    egui::Grid::new("figures").num_columns(2).spacing([12.0, 6.0]).show(ui, |ui| {
        for (measure, ratio) in &data.figures {
            let label = tr(lang, measure_key(*measure));
            match ratio {
                Some(ratio) => {
                    let text = format!("{} / {}", ratio.done, ratio.total);
                    let response = ui.link(label).on_hover_text(tr(lang, "home.open_list"));
                    ui.add(egui::ProgressBar::new(ratio.fraction()).desired_width(220.0).text(text));
                    if response.clicked() {
                        out.push(Intent::Home(HomeIntent::ShowFigure(Some(*measure))));
                    }
                }
                None => {
                    ui.label(label);
                    ui.label(RichText::new(tr(lang, "home.not_available")).weak());
                }
            }
            ui.end_row();
        }
    });
}

fn completion(ui: &mut Ui, lang: Lang, data: &Data) {
    ui.label(RichText::new(tr(lang, "home.by_unit")).size(16.0).strong());
    egui::Grid::new("completion").num_columns(3).spacing([12.0, 4.0]).striped(true).show(ui, |ui| {
        ui.strong(tr(lang, "field.unit"));
        ui.strong(tr(lang, "measure.standards"));
        ui.strong(tr(lang, "measure.seat_statements"));
        ui.end_row();
        for row in &data.completion {
            ui.label(data.unit(row.unit).map_or("", |u| u.name.as_str()));
            ui.label(format!("{} / {}", row.standards.done, row.standards.total));
            ui.label(format!("{} / {}", row.seats.done, row.seats.total));
            ui.end_row();
        }
    });
}

/// The list behind a figure: what is still missing.
fn figure_list(ctx: &egui::Context, lang: Lang, data: &Data, measure: Measure, out: &mut Vec<Intent>) {
    let mut open = true;
    let lines: Vec<String> = match measure {
        Measure::DutyStatements => {
            data.posts.iter().filter(|p| !p.retired && p.duties.trim().is_empty()).map(|p| post_line(data, p)).collect()
        }
        Measure::Standards => data
            .posts
            .iter()
            .filter(|p| !p.retired && !data.standards.get(&p.id).is_some_and(|s| s.data.is_complete(p.tier)))
            .map(|p| post_line(data, p))
            .collect(),
        Measure::SeatStatements | Measure::SelfChecks | Measure::ImprovementPlans | Measure::Training => data
            .roster
            .iter()
            .filter(|r| r.status == crate::domain::catalogue::OfficialStatus::Active)
            .filter(|r| match measure {
                Measure::SeatStatements => !data.seats.contains_key(&r.id),
                Measure::SelfChecks => !data.handed_in.contains(&r.id),
                Measure::ImprovementPlans => !data.planned.contains(&r.id),
                _ => !data.trained.contains(&r.id),
            })
            .map(|r| format!("{} {} · {}", r.staff_no, r.name, r.unit_name))
            .collect(),
    };
    egui::Window::new(i18n::fill(tr(lang, "home.missing"), &[tr(lang, measure_key(measure))]))
        .id(egui::Id::unique("figure_list"))
        .open(&mut open)
        .default_size([420.0, 420.0])
        .show(ctx, |ui| {
            ui.label(i18n::fill(tr(lang, "home.missing_count"), &[&lines.len().to_string()]));
            egui::ScrollArea::vertical().show_rows(ui, 20.0, lines.len(), |ui, range| {
                for line in &lines[range] {
                    ui.label(line);
                }
            });
        });
    if !open {
        out.push(Intent::Home(HomeIntent::ShowFigure(None)));
    }
}

fn post_line(data: &Data, post: &crate::domain::org::Post) -> String {
    format!("{} · {}", data.unit(post.unit).map_or("", |u| u.name.as_str()), post.title)
}

pub fn home_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let admin = state.is_admin();
    let Some(data) = &state.data else { return };
    let Some(programme) = &data.programme else {
        ui.label(tr(lang, "home.no_programme"));
        return;
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("{} {}", programme.name.get(lang), programme.year)).size(20.0).strong());
        ui.label(RichText::new(i18n::fill(tr(lang, "home.today_is"), &[&data.today.format("%Y-%m-%d").to_string()])).weak());
        if let Some(phase) = programme.current_phase(data.today) {
            ui.label(RichText::new(i18n::fill(tr(lang, "home.current_phase"), &[phase.name.get(lang)])).strong());
        }
    });
    ui.add_space(6.0);
    timeline(ui, lang, programme, data.today);
    ui.add_space(8.0);
    if ui.available_width() >= 1100.0 {
        ui.columns(2, |columns| {
            let height = columns[0].available_height() - 8.0;
            agenda(&mut columns[0], lang, data, programme, admin, height, out);
            egui::ScrollArea::vertical().id_salt("home_right").show(&mut columns[1], |ui| {
                figures(ui, lang, data, out);
                ui.add_space(12.0);
                completion(ui, lang, data);
            });
        });
    } else {
        // A narrow window (1024 px) stacks them, so the milestones' titles keep their width.
        egui::ScrollArea::vertical().id_salt("home_stacked").show(ui, |ui| {
            agenda(ui, lang, data, programme, admin, 220.0, out);
            ui.add_space(12.0);
            figures(ui, lang, data, out);
            ui.add_space(12.0);
            completion(ui, lang, data);
        });
    }
    if let Some(measure) = state.home_list {
        figure_list(ui.ctx(), lang, data, measure, out);
    }
}
