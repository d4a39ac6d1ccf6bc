//! The self-check page (能力自查): the round, the participants the account may see, and the
//! chosen official's self-check with the supervisor's review beside it, the gap analysis
//! (radar or bars, and the gaps largest first), the improvement plan, and peer checks,
//! opinions and test scores. Only what the account may change is editable.

use super::widgets::{choose, cut_label, keep_room, para, removable_line, section, unit_choices};
use crate::domain::access::Role;
use crate::domain::dates::{format_date, parse_date};
use crate::domain::plans::{PlanItemData, PlanOwner, PlanStatus};
use crate::domain::selfcheck::{CheckStatus, GapLine, Levels, Opinion, RoundData, Step, Test, TestKind, gap_lines, largest_gaps};
use crate::domain::{Lang, OfficialId};
use crate::i18n::{self, tr};
use crate::service::Command;
use crate::service::command::{SelfCheckCommand, TrainingCommand};
use crate::service::printing::{Printout, Scope};
use crate::ui::intent::Intent;
use crate::ui::intent::{PrintIntent, SelfCheckIntent};
use crate::ui::state::{Data, DetailTab, SelfCheckPage, State};
use egui::{Color32, RichText, Ui};

/// The colour a status is shown in.
pub fn status_colour(status: Option<CheckStatus>) -> Color32 {
    match status {
        None => Color32::from_rgb(0xc6, 0x28, 0x28),
        Some(CheckStatus::Draft) => Color32::from_rgb(0xe6, 0x51, 0x00),
        Some(CheckStatus::Returned) => Color32::from_rgb(0xad, 0x14, 0x57),
        Some(CheckStatus::Submitted) => Color32::from_rgb(0x15, 0x65, 0xc0),
        Some(CheckStatus::Reviewed) => Color32::from_rgb(0x2e, 0x7d, 0x32),
    }
}

pub fn status_text(lang: Lang, status: Option<CheckStatus>) -> &'static str {
    match status {
        None => tr(lang, "selfcheck.status.none"),
        Some(s) => tr(lang, &format!("selfcheck.status.{}", s.code())),
    }
}

pub fn selfcheck_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    let Some(data) = &state.data else { return };
    let Some(session) = state.session.clone() else { return };
    let page = &mut state.selfcheck;
    round_bar(ui, lang, data, page, session.role, out);
    if page.round.is_none() {
        ui.add_space(24.0);
        ui.label(RichText::new(tr(lang, "selfcheck.no_round")).weak());
        return;
    }
    // The list gives up room in a narrow window, so the form's last column stays on screen.
    let list_width = (ui.available_width() * 0.28).clamp(220.0, 300.0);
    egui::Panel::left("selfcheck_list").resizable(true).default_size(list_width).min_size(200.0).show(ui, |ui| list(ui, lang, page, out));
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::both().id_salt("selfcheck_detail").show(ui, |ui| {
            detail(ui, lang, data, page, &session, out);
            // Room under the last buttons, so a sideways scroll bar never covers them.
            ui.add_space(24.0);
        });
    });
}

fn round_bar(ui: &mut Ui, lang: Lang, data: &Data, page: &mut SelfCheckPage, role: Role, out: &mut Vec<Intent>) {
    ui.horizontal(|ui| {
        let label = ui.label(RichText::new(tr(lang, "selfcheck.round")).strong());
        let choices: Vec<(i64, String)> = page.rounds.iter().map(|r| (r.id, r.data.name.clone())).collect();
        let mut round = page.round;
        ui.label_inputs_by(label.id, |ui| {
            if choose(ui, "round", &mut round, &choices, None, 220.0)
                && let Some(id) = round
            {
                out.push(Intent::SelfCheck(SelfCheckIntent::SelectRound(id)));
            }
        });
        if let Some(r) = page.rounds.iter().find(|r| Some(r.id) == page.round) {
            ui.label(i18n::fill(tr(lang, "selfcheck.deadline_line"), &[&format_date(r.data.deadline)]));
            if r.data.closed {
                ui.label(RichText::new(tr(lang, "selfcheck.closed")).color(ui.visuals().warn_fg_color));
            }
            if role == Role::Admin {
                let key = if r.data.closed { "selfcheck.reopen" } else { "selfcheck.close" };
                if ui.button(tr(lang, key)).clicked() {
                    let data = RoundData { closed: !r.data.closed, ..r.data.clone() };
                    out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::SaveRound { id: Some(r.id), data })));
                }
            }
        }
    });
    if role != Role::Admin {
        return;
    }
    egui::CollapsingHeader::new(tr(lang, "selfcheck.new_round")).id_salt("new_round").show(ui, |ui| {
        // Wraps in a narrow window, each label staying with its field.
        ui.horizontal_wrapped(|ui| {
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "selfcheck.round_name"));
                ui.add(egui::TextEdit::singleline(&mut page.round_name).desired_width(200.0)).labelled_by(label.id);
            });
            keep_room(ui, 190.0);
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "field.deadline"));
                ui.add(egui::TextEdit::singleline(&mut page.round_deadline).desired_width(100.0).hint_text("2012-12-31"))
                    .labelled_by(label.id);
            });
            keep_room(ui, 240.0);
            ui.horizontal(|ui| {
                let label = ui.label(tr(lang, "field.unit"));
                ui.label_inputs_by(label.id, |ui| {
                    choose(
                        ui,
                        "round_unit",
                        &mut page.round_unit,
                        &unit_choices(data, None),
                        Some(tr(lang, "selfcheck.whole_bureau")),
                        180.0,
                    )
                });
            });
            if ui.button(tr(lang, "selfcheck.open_round")).clicked() {
                match parse_date(page.round_deadline.trim()) {
                    Some(deadline) => {
                        let data = RoundData {
                            name: page.round_name.clone(),
                            year: deadline.format("%Y").to_string().parse().unwrap_or(data.bureau.year),
                            deadline,
                            units: page.round_unit.into_iter().collect(),
                            closed: false,
                        };
                        out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::SaveRound { id: None, data })));
                    }
                    None => {
                        page.problems =
                            vec![crate::domain::FieldProblem::new(crate::domain::Field::Deadline, crate::domain::Problem::BadDate)]
                    }
                }
            }
        });
        for message in super::widgets::problems_for(lang, &page.problems, crate::domain::Field::Deadline) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color).small());
        }
    });
    egui::CollapsingHeader::new(tr(lang, "package.section")).id_salt("packages").show(ui, |ui| {
        ui.label(RichText::new(tr(lang, "package.section_help")).small().weak());
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "field.unit"));
            ui.label_inputs_by(label.id, |ui| {
                choose(
                    ui,
                    "package_unit",
                    &mut page.package_unit,
                    &unit_choices(data, None),
                    Some(tr(lang, "selfcheck.whole_bureau")),
                    180.0,
                )
            });
            if ui.button(tr(lang, "package.export")).clicked() {
                out.push(Intent::SelfCheck(SelfCheckIntent::ChooseExportPackages(None)));
            }
            if ui.button(tr(lang, "package.import")).clicked() {
                out.push(Intent::SelfCheck(SelfCheckIntent::ChooseImportPackages));
            }
        });
    });
    ui.separator();
}

/// The returned packages before they are merged: each verified one with what it would do (a
/// conflict shows both versions' dates and a choice), each refused one with the reason.
pub fn package_review_ui(ctx: &egui::Context, state: &mut State, out: &mut Vec<Intent>) {
    use crate::service::packages::Outcome;
    let lang = state.lang;
    let Some(review) = &state.selfcheck.package_review else { return };
    let modal = egui::Modal::new(egui::Id::unique("package_review")).show(ctx, |ui| {
        ui.set_width(760.0);
        ui.heading(tr(lang, "package.review_title"));
        ui.label(RichText::new(tr(lang, "package.review_help")).small().weak());
        ui.add_space(6.0);
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            egui::Grid::new("package_rows").num_columns(3).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
                for (index, (item, take)) in review.items.iter().enumerate() {
                    let name = item.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    ui.label(name);
                    match &item.result {
                        Err(problem) => {
                            ui.label(RichText::new(i18n::package_problem(lang, problem)).color(ui.visuals().error_fg_color));
                            ui.label("");
                        }
                        Ok(incoming) => {
                            ui.label(format!("{} {}", incoming.package.meta.staff_no, incoming.package.meta.name));
                            match &incoming.outcome {
                                Outcome::New => drop(ui.label(tr(lang, "package.new"))),
                                Outcome::Update => drop(ui.label(tr(lang, "package.update"))),
                                Outcome::Unchanged => drop(ui.label(RichText::new(tr(lang, "package.unchanged")).weak())),
                                Outcome::Conflict { status, .. } => {
                                    ui.vertical(|ui| {
                                        let text = i18n::fill(tr(lang, "package.conflict"), &[status_text(lang, Some(*status))]);
                                        ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
                                        let mut chosen = *take;
                                        if ui.checkbox(&mut chosen, tr(lang, "package.take")).changed() {
                                            out.push(Intent::SelfCheck(SelfCheckIntent::TakeConflict(index, chosen)));
                                        }
                                    });
                                }
                            }
                        }
                    }
                    ui.end_row();
                }
            });
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new(tr(lang, "package.merge")).strong()).clicked() {
                out.push(Intent::SelfCheck(SelfCheckIntent::MergePackages));
            }
            if ui.button(tr(lang, "action.cancel")).clicked() {
                out.push(Intent::SelfCheck(SelfCheckIntent::ClosePackageReview));
            }
        });
    });
    if modal.should_close() {
        out.push(Intent::SelfCheck(SelfCheckIntent::ClosePackageReview));
    }
}

/// The packages just exported with the one-time code to give out with each: shown once, to be
/// exported as a list (the slips) or copied before it is closed.
pub fn package_codes_ui(ctx: &egui::Context, state: &State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    if state.selfcheck.issued.is_empty() {
        return;
    }
    let modal = egui::Modal::new(egui::Id::unique("package_codes")).show(ctx, |ui| {
        ui.set_width(640.0);
        ui.heading(tr(lang, "package.codes_title"));
        ui.label(RichText::new(tr(lang, "package.codes_help")).color(ui.visuals().warn_fg_color));
        ui.add_space(6.0);
        egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
            egui::Grid::new("package_codes_rows").num_columns(3).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
                for issued in &state.selfcheck.issued {
                    ui.label(format!("{} {}", issued.staff_no, issued.name));
                    ui.label(RichText::new(&issued.code).monospace().strong());
                    ui.label(RichText::new(issued.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).weak());
                    ui.end_row();
                }
            });
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button(RichText::new(tr(lang, "package.codes_export")).strong()).clicked() {
                out.push(Intent::SelfCheck(SelfCheckIntent::ExportPackageCodes));
            }
            if ui.button(tr(lang, "package.codes_close")).clicked() {
                out.push(Intent::SelfCheck(SelfCheckIntent::ClosePackageCodes));
            }
        });
    });
    if modal.should_close() {
        out.push(Intent::SelfCheck(SelfCheckIntent::ClosePackageCodes));
    }
}

fn list(ui: &mut Ui, lang: Lang, page: &mut SelfCheckPage, out: &mut Vec<Intent>) {
    ui.add_space(4.0);
    let label = ui.label(tr(lang, "roster.search"));
    ui.add(egui::TextEdit::singleline(&mut page.filter).desired_width(f32::INFINITY)).labelled_by(label.id);
    let needle = crate::domain::text::fold(page.filter.trim());
    let rows: Vec<usize> = (0..page.rows.len())
        .filter(|&i| {
            let r = &page.rows[i];
            needle.is_empty()
                || crate::domain::text::fold(&r.name).contains(&needle)
                || r.staff_no.contains(&needle)
                || crate::domain::text::fold(&r.unit_name).contains(&needle)
        })
        .collect();
    let done = page.rows.iter().filter(|r| matches!(r.status, Some(CheckStatus::Submitted | CheckStatus::Reviewed))).count();
    ui.label(RichText::new(i18n::fill(tr(lang, "selfcheck.list_counts"), &[&done.to_string(), &page.rows.len().to_string()])).small());
    ui.separator();
    let height = 22.0;
    egui::ScrollArea::vertical().id_salt("selfcheck_rows").auto_shrink([false, false]).show_rows(ui, height, rows.len(), |ui, range| {
        for &i in &rows[range] {
            let row = &page.rows[i];
            ui.horizontal(|ui| {
                let selected = page.selected == Some(row.official);
                let text = format!("{}  {}", row.name, row.staff_no);
                // The unit on hover too: a narrow list has no room for it beside the status.
                let button = ui.add_sized([150.0, height - 2.0], egui::Button::selectable(selected, text)).on_hover_text(&row.unit_name);
                if button.clicked() {
                    out.push(Intent::SelfCheck(SelfCheckIntent::SelectCheck(Some(row.official))));
                }
                ui.label(RichText::new(status_text(lang, row.status)).small().color(status_colour(row.status)));
                // Cut to the list's width (left out when only the dots would show): a long unit
                // name must not widen the list and take the form's room.
                if ui.available_width() >= 36.0 {
                    cut_label(ui, RichText::new(&row.unit_name).small().weak());
                }
            });
        }
    });
}

/// A drop-down of levels 1–5 (with the scale's descriptor) or none; `enabled` false shows it.
fn level_choice(ui: &mut Ui, lang: Lang, data: &Data, capability: u8, level: &mut Option<u8>, enabled: bool, name: &str) {
    super::widgets::level_combo(ui, name, level, |l| data.scale.descriptor(capability, l, lang).to_owned(), enabled);
}

fn detail(ui: &mut Ui, lang: Lang, data: &Data, page: &mut SelfCheckPage, session: &crate::domain::access::Session, out: &mut Vec<Intent>) {
    let Some(detail) = page.detail.clone() else {
        ui.add_space(24.0);
        ui.label(RichText::new(tr(lang, "selfcheck.pick")).weak());
        return;
    };
    let official = &detail.official;
    let status = detail.check.as_ref().map(|c| c.status);
    let own = session.official == Some(official.id);
    let closed = detail.round.data.closed;
    let may_edit = own && !closed && status.is_none_or(CheckStatus::editable);
    let may_review = !own && !closed && session.role != Role::Official && status.is_some_and(|s| !s.editable());
    // Wraps in a narrow window: the buttons follow the status rather than cover it.
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&official.name).size(20.0).strong());
        ui.label(&official.staff_no);
        ui.label(data.unit(official.unit).map_or("", |u| u.name.as_str()));
        ui.label(data.catalogue.tier_name(official.tier, lang));
        ui.label(RichText::new(status_text(lang, status)).strong().color(status_colour(status)));
        if ui.button(tr(lang, "selfcheck.print_report")).clicked()
            && let Some(round) = page.round
        {
            out.push(Intent::Print(PrintIntent::Print(Printout::CapabilityReports { round, scope: Scope::Official(official.id) })));
        }
        if session.role == Role::Admin && !closed && ui.button(tr(lang, "package.export_one")).clicked() {
            out.push(Intent::SelfCheck(SelfCheckIntent::ChooseExportPackages(Some(official.id))));
        }
    });
    if let Some(check) = &detail.check
        && check.status == CheckStatus::Returned
        && !check.return_reason.is_empty()
    {
        ui.label(RichText::new(i18n::fill(tr(lang, "selfcheck.returned_because"), &[&check.return_reason])).color(status_colour(status)));
    }
    ui.horizontal(|ui| {
        for (tab, key) in [
            (DetailTab::Form, "selfcheck.tab.form"),
            (DetailTab::Gaps, "selfcheck.tab.gaps"),
            (DetailTab::Plan, "selfcheck.tab.plan"),
            (DetailTab::Others, "selfcheck.tab.others"),
            (DetailTab::Training, "selfcheck.tab.training"),
        ] {
            if ui.selectable_label(page.tab == tab, tr(lang, key)).clicked() {
                page.tab = tab;
            }
        }
    });
    ui.separator();
    match page.tab {
        DetailTab::Form => form(ui, lang, data, page, &detail, may_edit, may_review, out),
        DetailTab::Gaps => gaps(ui, lang, data, page, &detail),
        DetailTab::Plan => plan(ui, lang, data, page, &detail, own || session.role == Role::Admin, session.role == Role::Admin, out),
        DetailTab::Others => others(ui, lang, data, page, &detail, session, out),
        DetailTab::Training => training_file(ui, lang, page, own || session.role == Role::Admin, out),
    }
}

#[allow(clippy::too_many_arguments)]
fn form(
    ui: &mut Ui,
    lang: Lang,
    data: &Data,
    page: &mut SelfCheckPage,
    detail: &crate::service::selfcheck::Detail,
    may_edit: bool,
    may_review: bool,
    out: &mut Vec<Intent>,
) {
    let (round, official) = (detail.round.id, detail.official.id);
    let problems = page.problems.clone();
    if detail.required_by_default {
        ui.label(RichText::new(tr(lang, "gaps.default_note")).small().weak());
    }
    // Columns of fixed width, top-aligned, so a picked level or a long English word never widens one; the
    // evidence takes what the window leaves, and goes under the levels when that is too little.
    let full = ui.available_width();
    let levels_end = FORM_NAME_WIDTH + FORM_REQUIRED_WIDTH + 2.0 * FORM_LEVEL_WIDTH + 4.0 * FORM_SPACING;
    let beside = full - levels_end >= 180.0;
    let evidence_width = if beside { (full - levels_end).min(360.0) } else { full - FORM_NAME_WIDTH - FORM_SPACING - 4.0 };
    ui.horizontal_top(|ui| {
        ui.spacing_mut().item_spacing.x = FORM_SPACING;
        let heads = [
            ("standards.capability", FORM_NAME_WIDTH),
            ("gaps.required", FORM_REQUIRED_WIDTH),
            ("selfcheck.own_level", FORM_LEVEL_WIDTH),
            ("gaps.supervisor", FORM_LEVEL_WIDTH),
        ];
        for (key, width) in heads {
            form_cell(ui, width, |ui| {
                cut_label(ui, RichText::new(tr(lang, key)).strong());
            });
        }
        if beside {
            ui.label(RichText::new(tr(lang, "selfcheck.evidence")).strong());
        }
    });
    for (row, capability) in data.catalogue.capabilities.iter().enumerate() {
        let i = usize::from(capability.position - 1);
        let stripe = ui.painter().add(egui::Shape::Noop);
        let left = ui.cursor().left();
        let evidence = |ui: &mut Ui, evidence: &mut String| {
            ui.add_enabled_ui(may_edit, |ui| {
                let name = i18n::fill(tr(lang, "selfcheck.evidence_of"), &[capability.name.get(lang)]);
                ui.name_inputs(&name, |ui| ui.add_sized([evidence_width, 24.0], egui::TextEdit::singleline(evidence).char_limit(2_000)));
            });
        };
        let rect = ui
            .vertical(|ui| {
                ui.horizontal_top(|ui| {
                    ui.spacing_mut().item_spacing.x = FORM_SPACING;
                    form_cell(ui, FORM_NAME_WIDTH, |ui| {
                        let name = capability.name.get(lang);
                        cut_label(ui, RichText::new(name).strong());
                        let slogan = capability.slogan.get(lang);
                        cut_label(ui, RichText::new(slogan).small().weak());
                    });
                    // A default stands out from a standard's level: marked, with the reason on hover.
                    form_cell(ui, FORM_REQUIRED_WIDTH, |ui| {
                        let required = detail.required[i].map_or("—".into(), |l| l.to_string());
                        if detail.required_by_default {
                            ui.label(RichText::new(format!("{required}*")).italics()).on_hover_text(tr(lang, "gaps.default_note"));
                        } else {
                            ui.label(required);
                        }
                    });
                    form_cell(ui, FORM_LEVEL_WIDTH, |ui| {
                        let name = i18n::fill(tr(lang, "selfcheck.own_of"), &[capability.name.get(lang)]);
                        level_choice(ui, lang, data, capability.position, &mut page.form.levels[i], may_edit, &name);
                        for message in super::widgets::problems_for(lang, &problems, crate::domain::Field::Capability(capability.position))
                        {
                            ui.label(RichText::new(message).color(ui.visuals().error_fg_color).small());
                        }
                    });
                    form_cell(ui, FORM_LEVEL_WIDTH, |ui| {
                        let name = i18n::fill(tr(lang, "selfcheck.supervisor_of"), &[capability.name.get(lang)]);
                        level_choice(ui, lang, data, capability.position, &mut page.review.levels[i], may_review, &name);
                    });
                    if beside {
                        evidence(ui, &mut page.form.evidence[i]);
                    }
                });
                if !beside {
                    ui.horizontal_top(|ui| {
                        ui.spacing_mut().item_spacing.x = FORM_SPACING;
                        form_cell(ui, FORM_NAME_WIDTH, |ui| {
                            ui.label(RichText::new(tr(lang, "selfcheck.evidence")).small().weak());
                        });
                        evidence(ui, &mut page.form.evidence[i]);
                    });
                }
            })
            .response
            .rect;
        if row % 2 == 1 {
            let band = egui::Rect::from_x_y_ranges(left..=left + full, rect.y_range()).expand2(egui::vec2(0.0, 2.0));
            ui.painter().set(stripe, egui::Shape::rect_filled(band, 2.0, ui.visuals().faint_bg_color));
        }
        ui.add_space(2.0);
    }
    ui.add_space(6.0);
    ui.add_enabled_ui(may_edit, |ui| {
        let label = ui.label(RichText::new(tr(lang, "field.shortfalls")).strong());
        ui.label_inputs_by(label.id, |ui| para(ui, &mut page.form.shortfalls, 700.0, 3));
        let label = ui.label(RichText::new(tr(lang, "field.reflection")).strong());
        ui.label_inputs_by(label.id, |ui| para(ui, &mut page.form.reflection, 700.0, 4));
    });
    if may_edit {
        ui.horizontal_top(|ui| {
            if ui.button(tr(lang, "selfcheck.save")).clicked() {
                out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::SaveSelfCheck {
                    round,
                    official,
                    data: Box::new(page.form.clone()),
                    submit: false,
                })));
            }
            if ui.button(RichText::new(tr(lang, "selfcheck.submit")).strong()).clicked() {
                let submit = Intent::Do(Command::SelfCheck(SelfCheckCommand::SaveSelfCheck {
                    round,
                    official,
                    data: Box::new(page.form.clone()),
                    submit: true,
                }));
                out.push(Intent::AskConfirm { question: tr(lang, "selfcheck.confirm_submit").to_owned(), then: Box::new(submit) });
            }
        });
    }
    section(ui, tr(lang, "selfcheck.supervisor_comment"));
    ui.add_enabled_ui(may_review, |ui| {
        let label = ui.label(tr(lang, "field.comment"));
        ui.label_inputs_by(label.id, |ui| para(ui, &mut page.review.comment, 700.0, 3));
    });
    if !page.review.by.is_empty() {
        // The person by name, the account beside it.
        let by = match &detail.reviewer_name {
            Some(name) if detail.check.as_ref().is_some_and(|c| c.review.by == page.review.by) => format!("{name} ({})", page.review.by),
            _ => page.review.by.clone(),
        };
        ui.label(RichText::new(i18n::fill(tr(lang, "selfcheck.reviewed_by"), &[&by])).small().weak());
    }
    if may_review {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr(lang, "field.reason"));
            ui.add(egui::TextEdit::singleline(&mut page.reason).desired_width(320.0).char_limit(2_000)).labelled_by(label.id);
        });
        for message in super::widgets::problems_for(lang, &problems, crate::domain::Field::Reason) {
            ui.label(RichText::new(message).color(ui.visuals().error_fg_color).small());
        }
        // Wraps in a narrow window rather than reach past its edge.
        ui.horizontal_wrapped(|ui| {
            let review = |step| {
                Command::SelfCheck(SelfCheckCommand::ReviewSelfCheck {
                    round,
                    official,
                    review: page.review.clone(),
                    step,
                    reason: page.reason.clone(),
                })
            };
            if ui.button(tr(lang, "selfcheck.save_review")).clicked() {
                out.push(Intent::Do(review(None)));
            }
            if ui.button(tr(lang, "selfcheck.return")).clicked() {
                out.push(Intent::Do(review(Some(Step::Return))));
            }
            if detail.check.as_ref().is_some_and(|c| c.status == CheckStatus::Submitted) {
                // Accepting measures the gaps from the supervisor's levels: all eight and a comment first.
                let complete = page.review.levels.iter().all(Option::is_some) && !page.review.comment.trim().is_empty();
                let accept = ui
                    .add_enabled(complete, egui::Button::new(RichText::new(tr(lang, "selfcheck.accept")).strong()))
                    .on_disabled_hover_text(tr(lang, "selfcheck.accept_needs"));
                if !complete {
                    ui.label(RichText::new(tr(lang, "selfcheck.accept_needs")).small().weak());
                }
                if accept.clicked() {
                    let question = i18n::fill(tr(lang, "selfcheck.confirm_accept"), &[&detail.official.name]);
                    out.push(Intent::AskConfirm { question, then: Box::new(Intent::Do(review(Some(Step::Accept)))) });
                }
            }
        });
    }
}

/// The self-check form's column widths and the space between them.
const FORM_NAME_WIDTH: f32 = 140.0;
const FORM_REQUIRED_WIDTH: f32 = 64.0;
const FORM_LEVEL_WIDTH: f32 = 124.0;
const FORM_SPACING: f32 = 10.0;

/// A cell of the self-check form: exactly `width` wide, its content top-down.
fn form_cell(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui)) {
    ui.allocate_ui_with_layout(egui::vec2(width, 0.0), egui::Layout::top_down(egui::Align::Min), |ui| {
        ui.set_width(width);
        add(ui);
    });
}

fn capability_name(data: &Data, lang: Lang, capability: u8) -> String {
    data.catalogue.capabilities.iter().find(|c| c.position == capability).map_or(String::new(), |c| c.name.get(lang).to_owned())
}

fn gaps(ui: &mut Ui, lang: Lang, data: &Data, page: &mut SelfCheckPage, detail: &crate::service::selfcheck::Detail) {
    let own = detail.check.as_ref().map_or([None; 8], |c| c.data.levels);
    let supervisor = detail.check.as_ref().map_or([None; 8], |c| c.review.levels);
    let lines = gap_lines(&detail.required, &own, &supervisor);
    ui.horizontal(|ui| {
        ui.selectable_value(&mut page.bars, false, tr(lang, "gaps.radar"));
        ui.selectable_value(&mut page.bars, true, tr(lang, "gaps.bars"));
    });
    let labels: Vec<String> = (1..=8).map(|c| capability_name(data, lang, c)).collect();
    let series = [
        (tr(lang, "gaps.own"), own, Color32::from_rgb(0x42, 0x85, 0xf4)),
        (tr(lang, "gaps.required"), detail.required, Color32::from_gray(90)),
        (tr(lang, "gaps.supervisor"), supervisor, Color32::from_rgb(0xe6, 0x51, 0x00)),
    ];
    if page.bars {
        super::charts::bars(ui, &labels, &series);
    } else {
        super::charts::radar(ui, &labels, &series, 150.0);
    }
    ui.label(RichText::new(tr(lang, "gaps.rule")).small());
    section(ui, tr(lang, "gaps.table"));
    gap_table(ui, lang, data, &lines);
}

fn gap_table(ui: &mut Ui, lang: Lang, data: &Data, lines: &[GapLine]) {
    let largest = largest_gaps(lines);
    if !lines.iter().any(|l| l.assessed().is_some()) {
        ui.label(tr(lang, "gaps.not_assessed"));
        return;
    }
    if largest.is_empty() {
        ui.label(tr(lang, "gaps.none"));
        return;
    }
    egui::Grid::new("gap_table").num_columns(5).striped(true).spacing([16.0, 4.0]).show(ui, |ui| {
        for key in ["standards.capability", "gaps.required", "gaps.own", "gaps.supervisor", "gaps.gap"] {
            ui.label(RichText::new(tr(lang, key)).strong());
        }
        ui.end_row();
        let text = |l: Option<u8>| l.map_or("—".to_owned(), |l| l.to_string());
        for line in largest {
            ui.label(capability_name(data, lang, line.capability));
            ui.label(text(line.required));
            ui.label(text(line.own));
            ui.label(text(line.supervisor));
            ui.label(RichText::new(text(line.gap())).strong().color(Color32::from_rgb(0xc6, 0x28, 0x28)));
            ui.end_row();
        }
    });
}

/// The official's improvement plan; `may_link` (the personnel section) links sessions to items.
#[allow(clippy::too_many_arguments)]
fn plan(
    ui: &mut Ui,
    lang: Lang,
    data: &Data,
    page: &mut SelfCheckPage,
    detail: &crate::service::selfcheck::Detail,
    may_edit: bool,
    may_link: bool,
    out: &mut Vec<Intent>,
) {
    let owner = PlanOwner::Official(detail.official.id);
    plan_items(ui, lang, data, &detail.plan, &page.sessions, &mut page.plan_reviews, may_edit, may_link, out);
    if !may_edit {
        return;
    }
    section(ui, tr(lang, "plan.add"));
    plan_form(ui, lang, data, page, owner, detail.round.data.year, out);
}

/// The items of a plan, each with its status and a delete button when editable.
#[allow(clippy::too_many_arguments)]
pub fn plan_items(
    ui: &mut Ui,
    lang: Lang,
    data: &Data,
    items: &[crate::domain::plans::PlanItem],
    sessions: &[crate::domain::training::Session],
    reviews: &mut std::collections::HashMap<i64, String>,
    may_edit: bool,
    may_link: bool,
    out: &mut Vec<Intent>,
) {
    if items.is_empty() {
        ui.label(RichText::new(tr(lang, "plan.none")).weak());
        return;
    }
    let statuses: Vec<(PlanStatus, String)> =
        PlanStatus::ALL.iter().map(|s| (*s, tr(lang, &format!("plan.status.{}", s.code())).to_owned())).collect();
    egui::Grid::new(ui.scope_id().with("plan_items")).num_columns(8).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
        for key in
            ["standards.capability", "field.action", "field.support", "plan.due", "field.status", "plan.review", "field.training", ""]
        {
            ui.label(RichText::new(if key.is_empty() { "" } else { tr(lang, key) }).strong());
        }
        ui.end_row();
        for item in items {
            ui.label(item.data.capability.map(|c| capability_name(data, lang, c)).unwrap_or_default());
            ui.label(&item.data.action);
            ui.label(&item.data.support);
            ui.label(item.data.due.map(format_date).unwrap_or_default());
            let mut status = Some(item.data.status);
            ui.add_enabled_ui(may_edit, |ui| {
                if choose(ui, &format!("plan_status{}", item.id), &mut status, &statuses, None, 100.0)
                    && let Some(status) = status
                {
                    out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::SavePlanItem {
                        id: Some(item.id),
                        data: PlanItemData { status, ..item.data.clone() },
                    })));
                }
            });
            // The year-end review note, saved when the field is left.
            let review = reviews.entry(item.id).or_insert_with(|| item.data.review.clone());
            let name = format!("{} {}", tr(lang, "plan.review"), item.data.action);
            let edited = ui
                .add_enabled_ui(may_edit, |ui| {
                    ui.name_inputs(&name, |ui| ui.add_sized([200.0, 22.0], egui::TextEdit::singleline(review).char_limit(2_000)))
                })
                .inner;
            if edited.lost_focus() && *review != item.data.review {
                out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::SavePlanItem {
                    id: Some(item.id),
                    data: PlanItemData { review: review.clone(), ..item.data.clone() },
                })));
            }
            // The sessions that serve the item, and one to link (the training register's side).
            ui.vertical(|ui| {
                if !item.data.training.is_empty() {
                    ui.label(&item.data.training);
                }
                for session in sessions.iter().filter(|s| s.plan_items.contains(&item.id)) {
                    ui.label(RichText::new(format!("{} {}", format_date(session.data.date), session.data.title)).small());
                }
                let choices: Vec<(i64, String)> = sessions
                    .iter()
                    .filter(|s| !s.plan_items.contains(&item.id))
                    .map(|s| (s.id, format!("{} {}", format_date(s.data.date), s.data.title)))
                    .collect();
                let mut chosen = None;
                if may_link && !choices.is_empty() {
                    let name = i18n::fill(tr(lang, "plan.link_session_of"), &[&item.data.action]);
                    ui.name_inputs(&name, |ui| choose(ui, &name, &mut chosen, &choices, Some(tr(lang, "plan.link_session")), 180.0));
                }
                if let Some(session) = chosen.and_then(|id| sessions.iter().find(|s| s.id == id)) {
                    let mut plan_items = session.plan_items.clone();
                    plan_items.push(item.id);
                    let data = Box::new(session.data.clone());
                    out.push(Intent::Do(Command::Training(TrainingCommand::SaveSession {
                        id: Some(session.id),
                        topic: session.topic,
                        data,
                        plan_items,
                    })));
                }
            });
            if may_edit && ui.small_button(tr(lang, "action.delete")).clicked() {
                out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::DeletePlanItem { id: item.id })));
            } else if !may_edit {
                ui.label("");
            }
            ui.end_row();
        }
    });
}

/// The form for a new plan item of `owner`.
pub fn plan_form(ui: &mut Ui, lang: Lang, data: &Data, page: &mut SelfCheckPage, owner: PlanOwner, year: i32, out: &mut Vec<Intent>) {
    let capabilities: Vec<(u8, String)> = (1..=8).map(|c| (c, capability_name(data, lang, c))).collect();
    egui::Grid::new(ui.scope_id().with("plan_form")).num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        let problems = page.problems.clone();
        super::widgets::form_row(ui, lang, tr(lang, "standards.capability"), crate::domain::Field::Record, &[], |ui| {
            choose(ui, "plan_capability", &mut page.plan_capability, &capabilities, Some("—"), 160.0)
        });
        super::widgets::form_row(ui, lang, tr(lang, "field.action"), crate::domain::Field::Action, &problems, |ui| {
            super::widgets::line(ui, &mut page.plan_action, 420.0)
        });
        super::widgets::form_row(ui, lang, tr(lang, "field.support"), crate::domain::Field::Support, &problems, |ui| {
            super::widgets::line(ui, &mut page.plan_support, 420.0)
        });
        super::widgets::form_row(ui, lang, tr(lang, "plan.due"), crate::domain::Field::Deadline, &problems, |ui| {
            super::widgets::date_field(ui, &mut page.plan_due)
        });
        super::widgets::form_row(ui, lang, tr(lang, "field.training"), crate::domain::Field::Training, &problems, |ui| {
            super::widgets::line(ui, &mut page.plan_training, 420.0)
        });
    });
    if ui.button(tr(lang, "plan.add")).clicked() {
        let due = parse_date(page.plan_due.trim());
        if due.is_none() && !page.plan_due.trim().is_empty() {
            page.problems = vec![crate::domain::FieldProblem::new(crate::domain::Field::Deadline, crate::domain::Problem::BadDate)];
            return;
        }
        let data = PlanItemData {
            action: page.plan_action.clone(),
            support: page.plan_support.clone(),
            training: page.plan_training.clone(),
            due,
            ..PlanItemData::new(owner, year, page.plan_capability)
        };
        out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::SavePlanItem { id: None, data })));
    }
}

fn others(
    ui: &mut Ui,
    lang: Lang,
    data: &Data,
    page: &mut SelfCheckPage,
    detail: &crate::service::selfcheck::Detail,
    session: &crate::domain::access::Session,
    out: &mut Vec<Intent>,
) {
    let admin = session.role == Role::Admin;
    let reviewer = session.role != Role::Official && session.official != Some(detail.official.id);
    let levels_text = |levels: &Levels| levels.iter().map(|l| l.map_or("—".to_owned(), |l| l.to_string())).collect::<Vec<_>>().join(" ");
    section(ui, tr(lang, "peer.title"));
    ui.label(RichText::new(tr(lang, "peer.help")).small().weak());
    for (check, peer) in &detail.peers {
        if removable_line(ui, lang, peer, &[&levels_text(&check.levels), &check.comment], admin) {
            out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::DeletePeer { id: check.id })));
        }
    }
    if admin {
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "peer.assign_staff_no"));
            ui.add(egui::TextEdit::singleline(&mut page.peer_staff_no).desired_width(120.0)).labelled_by(label.id);
            if ui.button(tr(lang, "peer.assign")).clicked()
                && let Some(peer) = data.roster.iter().find(|r| r.staff_no == page.peer_staff_no.trim())
            {
                out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::AssignPeer {
                    round: detail.round.id,
                    subject: detail.official.id,
                    peer: peer.id,
                })));
            }
        });
    }
    if !detail.to_review.is_empty() {
        section(ui, tr(lang, "peer.mine"));
        for (check, subject) in &detail.to_review {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(subject).strong());
                let mut levels = check.levels;
                let may = session.official == Some(check.peer) || admin;
                ui.horizontal_wrapped(|ui| {
                    for (i, level) in levels.iter_mut().enumerate() {
                        ui.label(capability_name(data, lang, i as u8 + 1));
                        let name = format!("{subject} {}", capability_name(data, lang, i as u8 + 1));
                        level_choice(ui, lang, data, i as u8 + 1, level, may, &name);
                    }
                });
                let comment = page.peer_comments.entry(check.id).or_insert_with(|| check.comment.clone());
                let edited = ui
                    .add_enabled_ui(may, |ui| {
                        let label = ui.label(tr(lang, "field.comment"));
                        ui.add(egui::TextEdit::singleline(comment).desired_width(500.0).char_limit(2_000)).labelled_by(label.id)
                    })
                    .inner;
                if levels != check.levels || (edited.lost_focus() && *comment != check.comment) {
                    out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::SavePeerCheck {
                        id: check.id,
                        levels,
                        comment: comment.clone(),
                    })));
                }
            });
        }
    }
    section(ui, tr(lang, "opinion.title"));
    if detail.opinions.is_empty() {
        ui.label(RichText::new(tr(lang, "opinion.none")).weak());
    }
    for opinion in &detail.opinions {
        if removable_line(ui, lang, &opinion.source, &[&opinion.note], reviewer) {
            out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::DeleteOpinion { id: opinion.id })));
        }
    }
    if reviewer {
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "opinion.source"));
            ui.add(egui::TextEdit::singleline(&mut page.opinion_source).desired_width(100.0)).labelled_by(label.id);
            let label = ui.label(tr(lang, "opinion.note"));
            ui.add(egui::TextEdit::singleline(&mut page.opinion_note).desired_width(360.0)).labelled_by(label.id);
            if ui.button(tr(lang, "opinion.add")).clicked() {
                let opinion = Opinion {
                    id: 0,
                    round: detail.round.id,
                    official: detail.official.id,
                    source: page.opinion_source.clone(),
                    note: page.opinion_note.clone(),
                };
                out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::AddOpinion(opinion))));
            }
        });
    }
    section(ui, tr(lang, "tests.title"));
    if detail.scores.is_empty() {
        ui.label(RichText::new(tr(lang, "tests.none")).weak());
    }
    for (test, score) in &detail.scores {
        let pass = *score >= test.pass_mark;
        ui.horizontal(|ui| {
            ui.label(RichText::new(&test.name).strong());
            ui.label(tr(lang, &format!("tests.kind.{}", test.kind.code())));
            ui.label(format_date(test.date));
            ui.label(format!("{score}"));
            ui.label(RichText::new(tr(lang, if pass { "tests.pass" } else { "tests.fail" })).color(if pass {
                Color32::from_rgb(0x2e, 0x7d, 0x32)
            } else {
                Color32::from_rgb(0xc6, 0x28, 0x28)
            }));
        });
    }
    if admin {
        tests_admin(ui, lang, page, detail.official.id, out);
    }
}

fn tests_admin(ui: &mut Ui, lang: Lang, page: &mut SelfCheckPage, official: OfficialId, out: &mut Vec<Intent>) {
    let tests: Vec<(i64, String)> = page.tests.iter().map(|t| (t.id, format!("{} {}", format_date(t.date), t.name))).collect();
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "tests.name"));
        ui.label_inputs_by(label.id, |ui| choose(ui, "score_test", &mut page.score_test, &tests, Some("—"), 220.0));
        let label = ui.label(tr(lang, "field.score"));
        ui.add(egui::TextEdit::singleline(&mut page.score).desired_width(60.0)).labelled_by(label.id);
        if ui.button(tr(lang, "tests.record")).clicked()
            && let Some(test) = page.score_test
        {
            let score = page.score.trim();
            let score = if score.is_empty() { None } else { Some(score.parse::<f64>().unwrap_or(f64::NAN)) };
            out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::SetScore { test, official, score })));
        }
    });
    egui::CollapsingHeader::new(tr(lang, "tests.new")).id_salt("new_test").show(ui, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label(tr(lang, "tests.name"));
            ui.add(egui::TextEdit::singleline(&mut page.test_name).desired_width(180.0)).labelled_by(label.id);
            let kinds: Vec<(TestKind, String)> =
                TestKind::ALL.iter().map(|k| (*k, tr(lang, &format!("tests.kind.{}", k.code())).to_owned())).collect();
            choose(ui, "test_kind", &mut page.test_kind, &kinds, None, 130.0);
            let label = ui.label(tr(lang, "tests.date"));
            ui.add(egui::TextEdit::singleline(&mut page.test_date).desired_width(100.0).hint_text("2013-03-01")).labelled_by(label.id);
            let label = ui.label(tr(lang, "tests.pass_mark"));
            ui.add(egui::TextEdit::singleline(&mut page.test_pass).desired_width(50.0)).labelled_by(label.id);
            if ui.button(tr(lang, "tests.add")).clicked()
                && let (Some(date), Some(kind)) = (parse_date(page.test_date.trim()), page.test_kind)
            {
                let pass_mark = page.test_pass.trim().parse::<f64>().unwrap_or(60.0);
                out.push(Intent::Do(Command::SelfCheck(SelfCheckCommand::AddTest(Test {
                    id: 0,
                    name: page.test_name.clone(),
                    kind,
                    date,
                    pass_mark,
                }))));
            }
        });
    });
}

/// The official's 培訓檔案 for the round's year: everything attended or studied, totals by type,
/// where they stand on the quotas, and (for them or the personnel section) a study record to add.
fn training_file(ui: &mut Ui, lang: Lang, page: &mut SelfCheckPage, may_add: bool, out: &mut Vec<Intent>) {
    let Some(file) = page.training.clone() else { return };
    ui.horizontal(|ui| {
        ui.label(RichText::new(i18n::fill(tr(lang, "training.file_title"), &[&file.year.to_string()])).size(16.0).strong());
        if ui.button(tr(lang, "training.print_file")).clicked() {
            out.push(Intent::Print(PrintIntent::Print(Printout::TrainingFile { official: file.official.id, year: file.year })));
        }
    });
    if file.lines.is_empty() {
        ui.label(RichText::new(tr(lang, "training.file_empty")).weak());
    }
    // A long title is cut (whole on hover); a window still too narrow scrolls the file sideways.
    egui::ScrollArea::horizontal().id_salt("training_file_sideways").show(ui, |ui| {
        egui::Grid::new("training_file").num_columns(6).striped(true).spacing([12.0, 4.0]).show(ui, |ui| {
            for key in ["training.date", "training.title", "training.kind", "training.hours", "training.mark", "training.certificate"] {
                ui.label(RichText::new(tr(lang, key)).strong());
            }
            ui.end_row();
            for line in &file.lines {
                ui.label(format_date(line.study.start));
                super::widgets::fixed_label(ui, 140.0, &line.study.title).on_hover_text(&line.study.title);
                ui.label(super::widgets::kind_name(&page.kinds, lang, &line.study.kind));
                ui.label(format!("{}", line.study.hours));
                ui.label(line.mark.map_or(tr(lang, "training.study_record"), |m| tr(lang, &format!("training.mark.{}", m.code()))));
                ui.label(&line.study.certificate);
                ui.end_row();
            }
        });
    });
    if !file.scores.is_empty() {
        section(ui, tr(lang, "training.exams"));
        for (test, score) in &file.scores {
            let pass = if *score >= test.pass_mark { "tests.pass" } else { "tests.fail" };
            let kind = tr(lang, &format!("tests.kind.{}", test.kind.code()));
            ui.label(format!("{} {kind} {}: {score} ({})", format_date(test.date), test.name, tr(lang, pass)));
        }
    }
    section(ui, tr(lang, "training.totals"));
    for (kind, (sessions, hours)) in &file.totals {
        ui.label(i18n::fill(
            tr(lang, "training.total_line"),
            &[&super::widgets::kind_name(&page.kinds, lang, kind), &sessions.to_string(), &format!("{hours}")],
        ));
    }
    for (rule, standing) in &file.standings {
        let colour = if standing.met() {
            Color32::from_rgb(0x2e, 0x7d, 0x32)
        } else if standing.behind() {
            Color32::from_rgb(0xc6, 0x28, 0x28)
        } else {
            ui.visuals().text_color()
        };
        ui.label(
            RichText::new(format!("{}{}{:.0} / {:.0}", rule.name.get(lang), i18n::colon(lang), standing.done, standing.required))
                .color(colour),
        );
    }
    if !may_add {
        return;
    }
    section(ui, tr(lang, "training.add_study"));
    let form = &mut page.study;
    let problems = page.problems.clone();
    egui::Grid::new("study_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        use super::widgets::{form_row, line};
        use crate::domain::Field;
        form_row(ui, lang, tr(lang, "training.title"), Field::Title, &problems, |ui| line(ui, &mut form.title, 320.0));
        let kinds: Vec<(usize, String)> = crate::domain::training::STUDY_KINDS
            .iter()
            .enumerate()
            .map(|(i, code)| (i, tr(lang, &format!("training.kind.{code}")).to_owned()))
            .collect();
        form_row(ui, lang, tr(lang, "training.kind"), Field::Status, &problems, |ui| {
            choose(ui, "study_kind", &mut form.kind, &kinds, None, 200.0)
        });
        form_row(ui, lang, tr(lang, "training.start"), Field::Deadline, &problems, |ui| super::widgets::date_field(ui, &mut form.start));
        form_row(ui, lang, tr(lang, "training.end"), Field::Record, &[], |ui| {
            ui.add(egui::TextEdit::singleline(&mut form.end).desired_width(110.0))
        });
        form_row(ui, lang, tr(lang, "training.hours"), Field::Training, &problems, |ui| line(ui, &mut form.hours, 60.0));
        form_row(ui, lang, tr(lang, "training.organiser"), Field::Unit, &[], |ui| line(ui, &mut form.organiser, 240.0));
        form_row(ui, lang, tr(lang, "training.mode"), Field::Record, &[], |ui| line(ui, &mut form.mode, 120.0));
        form_row(ui, lang, tr(lang, "training.result"), Field::Score, &[], |ui| line(ui, &mut form.result, 120.0));
        form_row(ui, lang, tr(lang, "training.certificate"), Field::Record, &[], |ui| line(ui, &mut form.certificate, 200.0));
    });
    if ui.button(tr(lang, "training.add_study")).clicked() {
        out.push(Intent::SelfCheck(SelfCheckIntent::SaveStudyForm));
    }
}
