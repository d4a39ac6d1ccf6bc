//! The Settings page: language and theme (remembered on this computer), the open database
//! with its integrity check and backups, the catalogue and scale, and the filterable change log.

use super::widgets::{choose, section};
use crate::domain::Lang;
use crate::domain::catalogue::RankTier;
use crate::domain::ranks::{DutyLevel, Rank, TierMapping};
use crate::domain::standards::{LEVELS, Scale};
use crate::i18n::fill;
use crate::i18n::{self, tr};
use crate::messages;
use crate::service::Command;
use crate::service::command::{RosterCommand, StandardsCommand, StandingCommand};
use crate::ui::intent::Intent;
use crate::ui::intent::{LoginIntent, SettingsIntent};
use crate::ui::state::{AuditFilterForm, State};
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

/// The programme catalogue this database holds: the 八種能力, the tiers and the phases.
fn catalogue_ui(ui: &mut Ui, lang: Lang, catalogue: &crate::domain::catalogue::Catalogue) {
    section(ui, tr(lang, "settings.catalogue"));
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new(tr(lang, "catalogue.capabilities")).strong());
            egui::Grid::new("capabilities").num_columns(3).spacing([12.0, 4.0]).striped(true).show(ui, |ui| {
                for capability in &catalogue.capabilities {
                    ui.label(capability.position.to_string());
                    ui.label(capability.name.get(lang));
                    ui.label(RichText::new(capability.slogan.get(lang)).weak());
                    ui.end_row();
                }
            });
        });
        ui.add_space(24.0);
        ui.vertical(|ui| {
            ui.label(RichText::new(tr(lang, "catalogue.tiers")).strong());
            egui::Grid::new("tiers").num_columns(2).spacing([12.0, 4.0]).striped(true).show(ui, |ui| {
                for tier in &catalogue.tiers {
                    ui.label(tier.name.get(lang));
                    ui.label(RichText::new(tier.expectation.get(lang)).weak());
                    ui.end_row();
                }
            });
            ui.add_space(8.0);
            ui.label(RichText::new(tr(lang, "catalogue.phases")).strong());
            egui::Grid::new("phases").num_columns(2).spacing([12.0, 4.0]).striped(true).show(ui, |ui| {
                for phase in &catalogue.phases {
                    ui.label(phase.name.get(lang));
                    ui.label(format!("{} – {}", phase.start.format("%Y-%m"), phase.end.format("%Y-%m")));
                    ui.end_row();
                    for task in &phase.tasks {
                        ui.label("");
                        ui.label(RichText::new(task.title.get(lang)).weak());
                        ui.end_row();
                    }
                }
            });
        });
    });
}

/// The database's backups: take one now, or put one back in place of the current file.
fn backups_ui(ui: &mut Ui, lang: Lang, state: &State, out: &mut Vec<Intent>) {
    let (backups, every) = (&state.settings.backups, state.backup_every);
    section(ui, tr(lang, "backups.title"));
    ui.label(RichText::new(tr(lang, "backups.help")).weak());
    ui.horizontal(|ui| {
        if ui.button(tr(lang, "backups.now")).clicked() {
            out.push(Intent::Settings(SettingsIntent::BackupNow));
        }
        if ui.button(tr(lang, "backups.to_file")).clicked() {
            out.push(Intent::Settings(SettingsIntent::ChooseBackupFile));
        }
        if ui.button(tr(lang, "backups.from_file")).clicked() {
            out.push(Intent::Settings(SettingsIntent::ChooseRestoreFile));
        }
        ui.add_space(12.0);
        let label = ui.label(tr(lang, "backups.every"));
        let mut minutes = every;
        let response = ui.add(egui::DragValue::new(&mut minutes).range(0..=240).speed(1.0)).labelled_by(label.id);
        ui.label(RichText::new(tr(lang, "backups.every_unit")).weak());
        if response.changed() {
            out.push(Intent::Settings(SettingsIntent::SetBackupEvery(minutes)));
        }
    });
    ui.horizontal(|ui| {
        ui.label(tr(lang, "backups.keep"));
        let mut retention = state.retention;
        let mut changed = false;
        for (key, count, most) in [
            ("backups.keep_daily", &mut retention.daily, 60),
            ("backups.keep_weekly", &mut retention.weekly, 52),
            ("backups.keep_monthly", &mut retention.monthly, 120),
        ] {
            let label = ui.label(tr(lang, key));
            changed |= ui.add(egui::DragValue::new(count).range(0..=most).speed(0.2)).labelled_by(label.id).changed();
        }
        ui.label(RichText::new(tr(lang, "backups.keep_note")).weak());
        if changed {
            out.push(Intent::Settings(SettingsIntent::SetRetention(retention)));
        }
    });
    egui::Grid::new("backups").num_columns(4).spacing([12.0, 4.0]).striped(true).show(ui, |ui| {
        for backup in backups.iter().take(30) {
            ui.label(backup.taken_at.format("%Y-%m-%d %H:%M:%S").to_string());
            ui.label(format!("{:.1} MB", backup.bytes as f64 / 1_048_576.0));
            ui.label(if backup.before_upgrade { tr(lang, "backups.before_upgrade") } else { "" });
            if ui.button(tr(lang, "backups.restore")).clicked() {
                let question = fill(tr(lang, "confirm.restore"), &[&backup.taken_at.format("%Y-%m-%d %H:%M").to_string()]);
                out.push(Intent::AskConfirm {
                    question,
                    then: Box::new(Intent::Settings(SettingsIntent::RestoreBackup(backup.path.clone()))),
                });
            }
            ui.end_row();
        }
    });
}

/// Which tier each leadership level and each 職級 leads to: the bureau edits it, and every
/// official's derived tier follows when it is saved.
fn tier_mapping_ui(
    ui: &mut Ui,
    lang: Lang,
    catalogue: &crate::domain::catalogue::Catalogue,
    mapping: &mut TierMapping,
    out: &mut Vec<Intent>,
) {
    egui::CollapsingHeader::new(RichText::new(tr(lang, "tiers.title")).strong()).id_salt("tier_mapping").show(ui, |ui| {
        ui.label(RichText::new(tr(lang, "tiers.help")).weak());
        let tiers: Vec<(RankTier, String)> = RankTier::ALL.iter().map(|t| (*t, catalogue.tier_name(*t, lang).to_owned())).collect();
        egui::Grid::new("tier_mapping_grid").num_columns(2).spacing([12.0, 4.0]).striped(true).show(ui, |ui| {
            for level in DutyLevel::ALL {
                ui.label(i18n::duty_level(lang, *level));
                if let Some(tier) = mapping.duty.get_mut(level) {
                    let mut chosen = Some(*tier);
                    choose(ui, &format!("tier_duty_{}", level.code()), &mut chosen, &tiers, None, 160.0);
                    *tier = chosen.unwrap_or(*tier);
                }
                ui.end_row();
            }
            for rank in Rank::ALL {
                ui.label(i18n::rank(lang, *rank));
                if let Some(tier) = mapping.rank.get_mut(rank) {
                    let mut chosen = Some(*tier);
                    choose(ui, &format!("tier_rank_{}", rank.code()), &mut chosen, &tiers, None, 160.0);
                    *tier = chosen.unwrap_or(*tier);
                }
                ui.end_row();
            }
        });
        if ui.button(tr(lang, "tiers.save")).clicked() {
            out.push(Intent::Do(Command::Roster(RosterCommand::SetTierMapping(mapping.clone()))));
        }
    });
}

/// The bureau's capability scale: each tier's default level and the five level descriptors of
/// every capability, edited in the interface language.
fn scale_ui(ui: &mut Ui, lang: Lang, catalogue: &crate::domain::catalogue::Catalogue, scale: &mut Scale, out: &mut Vec<Intent>) {
    egui::CollapsingHeader::new(RichText::new(tr(lang, "scale.title")).strong()).id_salt("scale_editor").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(tr(lang, "scale.tier_levels"));
            for tier in RankTier::ALL {
                let label = ui.label(catalogue.tier_name(*tier, lang));
                let level = scale.tier_levels.entry(*tier).or_insert(3);
                ui.add(egui::DragValue::new(level).range(1..=5)).labelled_by(label.id);
            }
        });
        egui::Grid::new("scale_grid").num_columns(6).spacing([6.0, 4.0]).striped(true).show(ui, |ui| {
            for capability in &catalogue.capabilities {
                ui.label(RichText::new(capability.name.get(lang)).strong());
                for level in LEVELS {
                    if let Some(names) = scale.descriptors.get_mut(&(capability.position, level)) {
                        let name = fill(tr(lang, "scale.descriptor"), &[capability.name.get(lang), &level.to_string()]);
                        ui.name_inputs(name, |ui| {
                            ui.add(egui::TextEdit::multiline(names.get_mut(lang)).desired_width(150.0).desired_rows(2).char_limit(200))
                        });
                    }
                }
                ui.end_row();
            }
        });
        if ui.button(tr(lang, "scale.save")).clicked() {
            out.push(Intent::Do(Command::Standards(StandardsCommand::SaveScale(scale.clone()))));
        }
    });
}

pub fn settings_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    egui::ScrollArea::vertical().id_salt("settings_scroll").show(ui, |ui| settings_contents(ui, state, out));
}

fn settings_contents(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    if state.data.is_none() {
        return;
    }
    section(ui, tr(lang, "settings.language"));
    ui.horizontal(|ui| {
        for choice in Lang::ALL {
            if ui.radio(lang == choice, choice.native_name()).clicked() {
                out.push(Intent::SetLang(choice));
            }
        }
    });
    section(ui, tr(lang, "settings.theme"));
    ui.horizontal(|ui| {
        if ui.radio(!state.dark, tr(lang, "settings.light")).clicked() {
            out.push(Intent::SetDark(false));
        }
        if ui.radio(state.dark, tr(lang, "settings.dark")).clicked() {
            out.push(Intent::SetDark(true));
        }
    });
    password_ui(ui, state, out);
    if state.role() != Some(crate::domain::access::Role::Admin) {
        // Backups, restores, the scale, accounts and the change log are the personnel section's.
        return;
    }
    let Some(data) = &state.data else { return };
    section(ui, tr(lang, "settings.database"));
    egui::Grid::new("db_info").num_columns(2).spacing([12.0, 4.0]).show(ui, |ui| {
        ui.label(tr(lang, "settings.file"));
        ui.label(data.path.display().to_string());
        ui.end_row();
        ui.label(tr(lang, "field.bureau_name"));
        ui.label(&data.bureau.name);
        ui.end_row();
        ui.label(tr(lang, "field.year"));
        ui.label(data.bureau.year.to_string());
        ui.end_row();
        ui.label(tr(lang, "settings.schema"));
        ui.label(crate::store::LATEST_VERSION.to_string());
        ui.end_row();
    });
    ui.horizontal(|ui| {
        if ui.button(tr(lang, "settings.check")).clicked() {
            out.push(Intent::Settings(SettingsIntent::CheckDatabase));
        }
        match &state.settings.check {
            None => {}
            Some(problems) if problems.iter().all(|p| p.is_note()) => {
                ui.label(RichText::new(tr(lang, "settings.check_ok")).color(egui::Color32::from_rgb(0x2e, 0x7d, 0x32)));
            }
            Some(problems) => {
                ui.label(
                    RichText::new(i18n::fill(
                        tr(lang, "settings.check_failed"),
                        &[&problems.iter().filter(|p| !p.is_note()).count().to_string()],
                    ))
                    .color(ui.visuals().error_fg_color),
                );
            }
        }
    });
    if let Some(problems) = state.settings.check.as_ref().filter(|p| !p.is_empty()) {
        for problem in problems.iter().take(20) {
            ui.label(RichText::new(messages::check_problem(lang, problem)).small());
        }
    }
    backups_ui(ui, lang, state, out);
    accounts_ui(ui, state, out);
    let units = state.data.as_ref().map(|d| super::widgets::unit_choices(d, None)).unwrap_or_default();
    let tiers: Vec<(RankTier, String)> = state
        .data
        .as_ref()
        .map(|d| RankTier::ALL.iter().map(|t| (*t, d.catalogue.tier_name(*t, lang).to_owned())).collect())
        .unwrap_or_default();
    quota_rules_ui(ui, lang, &units, &tiers, &mut state.yearend.quota_rules, out);
    eligibility_ui(ui, lang, &mut state.yearend.eligibility, out);
    let Some(data) = &state.data else { return };
    catalogue_ui(ui, lang, &data.catalogue);
    let scale = state.settings.scale.get_or_insert_with(|| data.scale.clone());
    scale_ui(ui, lang, &data.catalogue, scale, out);
    let mapping = state.settings.tier_mapping.get_or_insert_with(|| data.tier_mapping.clone());
    tier_mapping_ui(ui, lang, &data.catalogue, mapping, out);
    audit_ui(ui, lang, &data.audit, &data.audit_lines, &mut state.settings.audit_filter, &mut state.settings.audit_selected, out);
}

/// How the 優秀 quota is counted: the base, rounding and minimum, the share of those in no pool
/// (over 20% with the approval's 文號), and the pools (units and tiers, each with its share).
fn quota_rules_ui(
    ui: &mut Ui,
    lang: Lang,
    units: &[(crate::domain::UnitId, String)],
    tiers: &[(RankTier, String)],
    rules: &mut crate::domain::yearend::QuotaRules,
    out: &mut Vec<Intent>,
) {
    use crate::domain::yearend::{Base, Pool};
    section(ui, tr(lang, "settings.excellent"));
    ui.label(RichText::new(tr(lang, "settings.excellent_help")).small().weak());
    ui.horizontal_wrapped(|ui| {
        for base in Base::ALL {
            ui.radio_value(&mut rules.base, *base, tr(lang, &format!("quota.base.{}", base.code())));
        }
    });
    let roundings: Vec<(crate::domain::quota::Rounding, String)> =
        crate::domain::quota::Rounding::ALL.iter().map(|r| (*r, tr(lang, &format!("routine.rounding.{}", r.code())).to_owned())).collect();
    ui.horizontal_wrapped(|ui| {
        let label = tr(lang, "routine.rounding");
        ui.label(label);
        let mut rounding = Some(rules.rounding);
        ui.name_inputs(label, |ui| choose(ui, "excellent_rounding", &mut rounding, &roundings, None, 120.0));
        rules.rounding = rounding.unwrap_or(rules.rounding);
        let label = ui.label(tr(lang, "quota.minimum"));
        ui.add(egui::DragValue::new(&mut rules.minimum).range(0..=10)).labelled_by(label.id);
        let label = ui.label(tr(lang, "settings.excellent"));
        ui.add(egui::DragValue::new(&mut rules.percent).range(1..=25).suffix(" %")).labelled_by(label.id);
        let label = ui.label(tr(lang, "quota.approval"));
        ui.add(egui::TextEdit::singleline(&mut rules.approval).desired_width(180.0).char_limit(200)).labelled_by(label.id);
    });
    ui.label(RichText::new(tr(lang, "quota.pools")).strong());
    let mut remove = None;
    for (i, pool) in rules.pools.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr(lang, "quota.pool_name"));
            ui.add(egui::TextEdit::singleline(&mut pool.name).desired_width(120.0).char_limit(200)).labelled_by(label.id);
            let label = ui.label(tr(lang, "settings.excellent"));
            ui.add(egui::DragValue::new(&mut pool.percent).range(1..=25).suffix(" %")).labelled_by(label.id);
            let label = ui.label(tr(lang, "quota.approval"));
            ui.add(egui::TextEdit::singleline(&mut pool.approval).desired_width(140.0).char_limit(200)).labelled_by(label.id);
            if ui.small_button(tr(lang, "action.delete")).clicked() {
                remove = Some(i);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(tr(lang, "quota.tiers"));
            for (tier, name) in tiers {
                let mut on = pool.tiers.contains(tier);
                if ui.checkbox(&mut on, name).changed() {
                    pool.tiers.retain(|t| t != tier);
                    if on {
                        pool.tiers.push(*tier);
                    }
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(tr(lang, "quota.units"));
            let mut drop = None;
            for (j, unit) in pool.units.iter().enumerate() {
                let name = units.iter().find(|u| u.0 == *unit).map_or("?", |u| u.1.trim_start_matches('　'));
                if ui.small_button(format!("{name} ✕")).clicked() {
                    drop = Some(j);
                }
            }
            if let Some(j) = drop {
                pool.units.remove(j);
            }
            let mut add = None;
            let label = tr(lang, "quota.add_unit");
            ui.name_inputs(label, |ui| choose(ui, &format!("pool_unit_{i}"), &mut add, units, Some(label), 180.0));
            if let Some(unit) = add.filter(|u| !pool.units.contains(u)) {
                pool.units.push(unit);
            }
        });
        ui.separator();
    }
    if let Some(i) = remove {
        rules.pools.remove(i);
    }
    ui.horizontal(|ui| {
        if ui.button(tr(lang, "quota.add_pool")).clicked() {
            rules.pools.push(Pool { name: tr(lang, "quota.new_pool").to_owned(), percent: 20, ..Default::default() });
        }
        if ui.button(RichText::new(tr(lang, "quota.save")).strong()).clicked() {
            out.push(Intent::Do(Command::Standing(StandingCommand::SaveQuota(rules.clone()))));
        }
    });
}

/// The eligibility rules: each in use or not, what it looks for (the kinds of 處分, the leave
/// kinds and share) and its effect; the 2020 rules one click away.
fn eligibility_ui(ui: &mut Ui, lang: Lang, rules: &mut crate::domain::eligibility::Rules, out: &mut Vec<Intent>) {
    use crate::domain::eligibility::{Condition, Effect, Reach, Rule, Rules};
    use crate::domain::standing::{LeaveKind, SanctionKind};
    use crate::domain::yearend::Grade;
    section(ui, tr(lang, "eligibility.title"));
    ui.label(RichText::new(tr(lang, "eligibility.help")).small().weak());
    let effects: Vec<(Effect, String)> =
        [Effect::NoGrade, Effect::NotExcellent, Effect::NotAbove(Grade::Basic), Effect::NotAbove(Grade::Incompetent)]
            .into_iter()
            .map(|e| (e, i18n::effect(lang, e)))
            .collect();
    let reaches: Vec<(Reach, String)> =
        Reach::ALL.iter().map(|r| (*r, tr(lang, &format!("eligibility.reach.{}", r.code())).to_owned())).collect();
    let mut remove = None;
    for (i, rule) in rules.rules.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut rule.on, tr(lang, "eligibility.on"));
            let what = match &rule.condition {
                Condition::Probation => "eligibility.when.probation",
                Condition::Leave { .. } => "eligibility.when.leave",
                Condition::Investigation => "eligibility.when.investigation",
                Condition::Sanction { .. } => "eligibility.when.sanction",
            };
            ui.label(RichText::new(tr(lang, what)).strong());
            let mut effect = Some(rule.effect);
            let label = tr(lang, "eligibility.effect");
            ui.name_inputs(label, |ui| choose(ui, &format!("rule_effect_{i}"), &mut effect, &effects, None, 170.0));
            rule.effect = effect.unwrap_or(rule.effect);
            if ui.small_button(tr(lang, "action.delete")).clicked() {
                remove = Some(i);
            }
        });
        match &mut rule.condition {
            Condition::Leave { kinds, percent } => {
                ui.horizontal_wrapped(|ui| {
                    for kind in LeaveKind::ALL {
                        let mut on = kinds.contains(kind);
                        if ui.checkbox(&mut on, tr(lang, &format!("leave.{}", kind.code()))).changed() {
                            kinds.retain(|k| k != kind);
                            if on {
                                kinds.push(*kind);
                            }
                        }
                    }
                    let label = ui.label(tr(lang, "eligibility.over_percent"));
                    ui.add(egui::DragValue::new(percent).range(1..=100).suffix(" %")).labelled_by(label.id);
                });
            }
            Condition::Sanction { kinds, reach } => {
                ui.horizontal_wrapped(|ui| {
                    for kind in SanctionKind::ALL {
                        let mut on = kinds.contains(kind);
                        if ui.checkbox(&mut on, i18n::sanction(lang, *kind)).changed() {
                            kinds.retain(|k| k != kind);
                            if on {
                                kinds.push(*kind);
                            }
                        }
                    }
                    let mut chosen = Some(*reach);
                    let label = tr(lang, "eligibility.reach");
                    ui.name_inputs(label, |ui| choose(ui, &format!("rule_reach_{i}"), &mut chosen, &reaches, None, 190.0));
                    *reach = chosen.unwrap_or(*reach);
                });
            }
            Condition::Probation | Condition::Investigation => {}
        }
        ui.separator();
    }
    if let Some(i) = remove {
        rules.rules.remove(i);
    }
    ui.horizontal(|ui| {
        if ui.button(tr(lang, "eligibility.add")).clicked() {
            let condition = Condition::Sanction { kinds: vec![SanctionKind::Warning], reach: Reach::Year };
            rules.rules.push(Rule { on: true, condition, effect: Effect::NotExcellent });
        }
        if ui.button(tr(lang, "eligibility.shipped")).clicked() {
            *rules = Rules::default();
        }
        if ui.button(RichText::new(tr(lang, "eligibility.save")).strong()).clicked() {
            out.push(Intent::Do(Command::Standing(StandingCommand::SaveRules(rules.clone()))));
        }
    });
}

/// Changing the password of the account logged in.
fn password_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    let lang = state.lang;
    section(ui, tr(lang, "settings.password"));
    let login = &mut state.login;
    let problems = login.problems.clone();
    egui::Grid::new("password_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        let secret =
            |ui: &mut Ui, text: &mut String| ui.add(egui::TextEdit::singleline(text).password(true).desired_width(200.0).char_limit(128));
        super::widgets::form_row(ui, lang, tr(lang, "login.current_password"), crate::domain::Field::Record, &[], |ui| {
            secret(ui, &mut login.password)
        });
        super::widgets::form_row(ui, lang, tr(lang, "login.new_password"), crate::domain::Field::Password, &problems, |ui| {
            secret(ui, &mut login.new_password)
        });
        super::widgets::form_row(ui, lang, tr(lang, "login.repeat"), crate::domain::Field::Record, &[], |ui| secret(ui, &mut login.repeat));
    });
    if let Some(message) = &login.message {
        ui.label(RichText::new(message.get(lang)).color(ui.visuals().error_fg_color));
    }
    if ui.button(tr(lang, "login.change")).clicked() {
        out.push(Intent::Login(LoginIntent::ChangePassword));
    }
}

/// Settings ▸ Accounts (administrators): the accounts, a new one, accounts for a whole unit.
fn accounts_ui(ui: &mut Ui, state: &mut State, out: &mut Vec<Intent>) {
    use crate::domain::access::Role;
    let lang = state.lang;
    let Some(data) = &state.data else { return };
    let page = &mut state.users;
    section(ui, tr(lang, "users.title"));
    ui.label(RichText::new(tr(lang, "users.help")).small().weak());
    egui::Grid::new("users").num_columns(6).striped(true).spacing([14.0, 4.0]).show(ui, |ui| {
        for key in ["field.username", "field.role", "field.official", "field.unit", "field.status", ""] {
            ui.label(RichText::new(if key.is_empty() { "" } else { tr(lang, key) }).strong());
        }
        ui.end_row();
        for user in &page.users {
            ui.label(&user.data.username);
            ui.label(user.data.role.map_or("", |r| tr(lang, &format!("role.{}", r.code()))));
            let official = user.data.official.and_then(|o| data.roster.iter().find(|r| r.id == o));
            ui.label(official.map_or(String::new(), |r| format!("{} {}", r.name, r.staff_no)));
            let units: Vec<&str> = user.data.units.iter().filter_map(|u| data.unit(*u)).map(|u| u.name.as_str()).collect();
            ui.label(units.join("、"));
            let status = if user.disabled {
                tr(lang, "users.disabled")
            } else if user.must_change {
                tr(lang, "users.must_change")
            } else {
                tr(lang, "users.active")
            };
            ui.label(status);
            ui.horizontal(|ui| {
                if ui.small_button(tr(lang, "users.reset")).clicked() {
                    out.push(Intent::Settings(SettingsIntent::ResetPassword(user.id)));
                }
                let key = if user.disabled { "users.enable" } else { "users.disable" };
                if ui.small_button(tr(lang, key)).clicked() {
                    out.push(Intent::Settings(SettingsIntent::SetUserDisabled(user.id, !user.disabled)));
                }
            });
            ui.end_row();
        }
    });
    ui.add_space(6.0);
    ui.label(RichText::new(tr(lang, "users.new")).strong());
    let problems = page.problems.clone();
    let roles: Vec<(Role, String)> = Role::ALL.iter().map(|r| (*r, tr(lang, &format!("role.{}", r.code())).to_owned())).collect();
    egui::Grid::new("user_form").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        super::widgets::form_row(ui, lang, tr(lang, "field.username"), crate::domain::Field::Username, &problems, |ui| {
            super::widgets::line(ui, &mut page.username, 200.0)
        });
        super::widgets::form_row(ui, lang, tr(lang, "field.role"), crate::domain::Field::Role, &problems, |ui| {
            super::widgets::choose(ui, "user_role", &mut page.role, &roles, None, 200.0)
        });
        super::widgets::form_row(ui, lang, tr(lang, "users.staff_no"), crate::domain::Field::Official, &problems, |ui| {
            super::widgets::line(ui, &mut page.staff_no, 200.0)
        });
        super::widgets::form_row(ui, lang, tr(lang, "users.reviews_unit"), crate::domain::Field::Unit, &problems, |ui| {
            super::widgets::choose(ui, "user_unit", &mut page.unit, &super::widgets::unit_choices(data, None), Some("—"), 200.0)
        });
        super::widgets::form_row(ui, lang, tr(lang, "users.one_time"), crate::domain::Field::Password, &problems, |ui| {
            super::widgets::line(ui, &mut page.password, 200.0)
        });
    });
    if ui.button(tr(lang, "users.create")).clicked() {
        out.push(Intent::Settings(SettingsIntent::CreateUser));
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "users.for_unit"));
        ui.label_inputs_by(label.id, |ui| {
            super::widgets::choose(
                ui,
                "accounts_unit",
                &mut page.accounts_unit,
                &super::widgets::unit_choices(data, None),
                Some("—"),
                200.0,
            )
        });
        if ui.button(tr(lang, "users.make_for_unit")).clicked() {
            out.push(Intent::Settings(SettingsIntent::CreateUnitAccounts));
        }
    });
    if !page.made.is_empty() {
        ui.label(RichText::new(tr(lang, "users.made_help")).color(ui.visuals().warn_fg_color));
        egui::Grid::new("made").num_columns(3).striped(true).show(ui, |ui| {
            for account in &page.made {
                ui.label(format!("{} {}", account.name, account.staff_no));
                ui.label(&account.username);
                ui.label(RichText::new(&account.password).monospace());
                ui.end_row();
            }
        });
        if ui.button(tr(lang, "users.export")).clicked() {
            out.push(Intent::Settings(SettingsIntent::ExportAccounts));
        }
    }
}

/// The change log: who changed what and when (local time), filtered by person, record and days,
/// with the selected entry's changed fields by their labels, before → after.
#[allow(clippy::too_many_arguments, reason = "the entries, their readable lines and the page's own state")]
fn audit_ui(
    ui: &mut Ui,
    lang: Lang,
    entries: &[crate::store::AuditRow],
    lines: &[crate::ui::state::AuditLine],
    filter: &mut AuditFilterForm,
    selected: &mut Option<usize>,
    out: &mut Vec<Intent>,
) {
    section(ui, tr(lang, "settings.audit"));
    let bad_date = filter.parse().err();
    ui.horizontal(|ui| {
        let mut changed = false;
        for (key, text, width) in [
            ("audit.actor", &mut filter.actor, 100.0),
            ("audit.filter_text", &mut filter.text, 180.0),
            ("audit.from", &mut filter.from, 110.0),
            ("audit.to", &mut filter.to, 110.0),
        ] {
            let label = ui.label(tr(lang, key));
            let response = ui.add(egui::TextEdit::singleline(text).desired_width(width).char_limit(200).hint_text(match key {
                "audit.from" | "audit.to" => "YYYY-MM-DD",
                _ => "",
            }));
            changed |= response.labelled_by(label.id).changed();
        }
        if changed {
            out.push(Intent::Settings(SettingsIntent::AuditFilterChanged));
        }
        if ui.add_enabled(!entries.is_empty(), egui::Button::new(tr(lang, "audit.export"))).clicked() {
            out.push(Intent::Settings(SettingsIntent::ChooseAuditExport));
        }
    });
    if let Some(key) = bad_date {
        ui.label(RichText::new(fill(tr(lang, "audit.bad_date"), &[tr(lang, key)])).color(ui.visuals().error_fg_color));
    }
    if entries.is_empty() {
        ui.label(RichText::new(tr(lang, "audit.none")).weak());
        return;
    }
    TableBuilder::new(ui)
        .id_salt("audit_table")
        .striped(true)
        .sense(egui::Sense::click())
        .max_scroll_height(360.0)
        .column(Column::initial(190.0))
        .column(Column::initial(90.0))
        .column(Column::initial(150.0))
        .column(Column::remainder().clip(true))
        .header(24.0, |mut header| {
            for key in ["audit.at_local", "audit.actor", "audit.action", "audit.changes"] {
                header.col(|ui| {
                    ui.strong(tr(lang, key));
                });
            }
        })
        .body(|body| {
            body.rows(22.0, entries.len(), |mut row| {
                let index = row.index();
                let (Some(entry), Some(line)) = (entries.get(index), lines.get(index)) else { return };
                row.set_selected(*selected == Some(index));
                // Plain (not selectable) labels, so a click anywhere on the row selects it.
                let action = tr(lang, &format!("done.{}", entry.action));
                let summary: Vec<String> = line.changes.iter().map(|c| change_text(lang, c)).collect();
                let summary = summary.join("；");
                for text in [RichText::new(&line.at), RichText::new(&entry.actor), RichText::new(action), RichText::new(summary).small()] {
                    row.col(|ui| {
                        ui.add(egui::Label::new(text).truncate().selectable(false));
                    });
                }
                if row.response().clicked() {
                    *selected = (*selected != Some(index)).then_some(index);
                }
            });
        });
    if let Some(line) = selected.and_then(|i| lines.get(i)) {
        ui.add_space(4.0);
        egui::ScrollArea::vertical().id_salt("audit_changes").max_height(220.0).show(ui, |ui| {
            egui::Grid::new("audit_change_grid").striped(true).num_columns(3).show(ui, |ui| {
                for key in ["audit.field", "audit.before", "audit.after"] {
                    ui.strong(tr(lang, key));
                }
                ui.end_row();
                for change in &line.changes {
                    ui.label(&change.label);
                    for value in [&change.before, &change.after] {
                        ui.add(egui::Label::new(if value.is_empty() { "—" } else { value.as_str() }).wrap());
                    }
                    ui.end_row();
                }
            });
        });
    }
}

/// One changed field on one line: `label: before → after` (a field filled for the first time
/// or emptied shows only the side that has a value).
fn change_text(lang: Lang, change: &crate::ui::state::AuditChange) -> String {
    let colon = crate::i18n::colon(lang);
    match (change.before.is_empty(), change.after.is_empty()) {
        (true, _) => format!("{}{colon}{}", change.label, change.after),
        (false, true) => format!("{}{colon}{} → —", change.label, change.before),
        (false, false) => format!("{}{colon}{} → {}", change.label, change.before, change.after),
    }
}
