//! The settings page's intents: the database check, backups and restores, the change log and its
//! export, accounts, and the 優秀 share.

use super::NengliApp;
use crate::domain::access::Role;
use crate::domain::access::UserData;
use crate::domain::problem::Field;
use crate::domain::problem::FieldProblem;
use crate::domain::problem::Problem;
use crate::exchange::write;
use crate::i18n;
use crate::i18n::tr;
use crate::messages;
use crate::service::ServiceError;
use crate::store::OpenMode;
use crate::ui::intent::Intent;
use crate::ui::intent::SettingsIntent;
use crate::ui::jobs::Job;
use crate::ui::state::Notice;
use crate::ui::state::Page;
use std::path::Path;
use std::path::PathBuf;

impl NengliApp {
    /// Carries out what the settings page asked for.
    pub(super) fn handle_settings(&mut self, intent: SettingsIntent) {
        match intent {
            SettingsIntent::CheckDatabase => {
                let Some(db) = self.db_path() else { return };
                if self.job.is_none() {
                    self.start_job("job.checking", false, Job::check(db));
                }
            }
            SettingsIntent::AuditFilterChanged => self.reload_audit(),
            SettingsIntent::ChooseAuditExport => {
                let name = format!("{}.xlsx", tr(self.state.lang, "settings.audit"));
                if let Some(path) = self.pick(|| {
                    rfd::FileDialog::new().add_filter("xlsx", &["xlsx"]).add_filter("csv", &["csv"]).set_file_name(name).save_file()
                }) {
                    self.handle(Intent::Settings(SettingsIntent::ExportAudit(path)));
                }
            }
            SettingsIntent::ExportAudit(path) => {
                if self.target_refused(&path, false) {
                    return;
                }
                let lang = self.state.lang;
                let Some(data) = &self.state.data else { return };
                let table = write::audit_table(&data.audit, lang);
                match write::save(&table, &path) {
                    Ok(()) => {
                        self.state.notice = Some(Notice::Info(i18n::fill(
                            tr(lang, "cli.export_done"),
                            &[&table.rows.len().to_string(), &path.display().to_string()],
                        )))
                    }
                    Err(e) => self.error(messages::exchange_error(lang, &e)),
                }
            }
            SettingsIntent::SetRetention(retention) => {
                self.state.retention = retention;
                self.prefs.retention = Some(retention);
            }
            SettingsIntent::SetBackupEvery(minutes) => {
                self.state.backup_every = minutes;
                self.prefs.backup_every = Some(minutes);
            }
            SettingsIntent::BackupNow => self.start_backup(None),
            SettingsIntent::ChooseBackupFile => {
                let name = format!("nengli-{}.sqlite", chrono::Local::now().format("%Y%m%d-%H%M"));
                if let Some(path) = self.pick(|| super::database_dialog().set_file_name(name).save_file()) {
                    self.handle(Intent::Settings(SettingsIntent::BackupTo(path)));
                }
            }
            SettingsIntent::BackupTo(path) => {
                if !self.target_refused(&path, true) {
                    self.start_backup(Some(path));
                }
            }
            SettingsIntent::ChooseRestoreFile => {
                if let Some(path) = self.pick(|| super::database_dialog().pick_file()) {
                    let question = i18n::fill(tr(self.state.lang, "confirm.restore_file"), &[&path.display().to_string()]);
                    self.handle(Intent::AskConfirm { question, then: Box::new(Intent::Settings(SettingsIntent::RestoreBackup(path))) });
                }
            }
            SettingsIntent::RestoreBackup(file) => self.restore_backup(&file),
            SettingsIntent::CreateUser => self.create_user(),
            SettingsIntent::ResetPassword(id) => self.reset_password(id),
            SettingsIntent::SetUserDisabled(id, disabled) => self.set_user_disabled(id, disabled),
            SettingsIntent::CreateUnitAccounts => self.create_unit_accounts(),
            SettingsIntent::ExportAccounts => self.export_accounts(),
        }
    }

    pub(super) fn reload_users(&mut self) {
        let Some(service) = &self.service else { return };
        if self.state.role() != Some(Role::Admin) {
            return;
        }
        match service.users() {
            Ok(users) => self.state.users.users = users,
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }

    pub(super) fn create_user(&mut self) {
        let lang = self.state.lang;
        let Some(service) = &mut self.service else { return };
        let form = &mut self.state.users;
        let staff_no = form.staff_no.trim();
        let official = match (staff_no.is_empty(), &self.state.data) {
            (false, Some(data)) => match data.roster.iter().find(|r| r.staff_no == staff_no) {
                Some(row) => Some(row.id),
                None => {
                    form.problems = vec![FieldProblem::new(Field::Official, Problem::NotFound)];
                    return;
                }
            },
            _ => None,
        };
        let data = UserData { username: form.username.clone(), role: form.role, official, units: form.unit.into_iter().collect() };
        match service.create_user(data, &form.password, false) {
            Ok(_) => {
                form.problems.clear();
                form.username.clear();
                form.password.clear();
                form.staff_no.clear();
                self.state.notice = Some(Notice::Info(tr(lang, "done.user.create").to_owned()));
                self.changed = true;
                self.reload_users();
            }
            Err(ServiceError::Invalid(problems)) => form.problems = problems,
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    pub(super) fn reset_password(&mut self, id: i64) {
        let lang = self.state.lang;
        let Some(service) = &mut self.service else { return };
        match service.reset_password(id) {
            Ok(password) => {
                let name = self.state.users.users.iter().find(|u| u.id == id).map(|u| u.data.username.clone()).unwrap_or_default();
                self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, "users.reset_done"), &[&name, &password])));
                self.changed = true;
                self.reload_users();
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    pub(super) fn set_user_disabled(&mut self, id: i64, disabled: bool) {
        let lang = self.state.lang;
        let Some(service) = &mut self.service else { return };
        let Some(user) = self.state.users.users.iter().find(|u| u.id == id).cloned() else { return };
        match service.update_user(id, user.data, disabled) {
            Ok(()) => {
                self.changed = true;
                self.reload_users();
                self.state.notice = Some(Notice::Info(tr(lang, "done.user.update").to_owned()));
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    pub(super) fn create_unit_accounts(&mut self) {
        let lang = self.state.lang;
        let (Some(service), Some(unit)) = (&mut self.service, self.state.users.accounts_unit) else { return };
        match service.create_unit_accounts(unit) {
            Ok(made) => {
                self.state.notice = Some(Notice::Info(i18n::fill(tr(lang, "users.made"), &[&made.len().to_string()])));
                self.state.users.made = made;
                self.changed = true;
                self.reload_users();
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    pub(super) fn export_accounts(&mut self) {
        let table = crate::exchange::write::accounts_table(&self.state.users.made, self.state.lang);
        self.save_list(&table, "users.made_title");
    }

    /// Saves a list shown once (accounts made, package codes) as `.xlsx` or `.csv`, asking where,
    /// under the name `title` gives; says how many rows went where.
    pub(super) fn save_list(&mut self, table: &crate::exchange::write::Table, title: &str) {
        let lang = self.state.lang;
        let name = format!("{}.xlsx", tr(lang, title));
        let Some(path) =
            self.pick(|| rfd::FileDialog::new().add_filter("xlsx", &["xlsx"]).add_filter("csv", &["csv"]).set_file_name(name).save_file())
        else {
            return;
        };
        if self.target_refused(&path, false) {
            return;
        }
        match crate::exchange::write::save(table, &path) {
            Ok(()) => {
                self.state.notice = Some(Notice::Info(i18n::fill(
                    tr(lang, "cli.export_done"),
                    &[&table.rows.len().to_string(), &path.display().to_string()],
                )))
            }
            Err(e) => self.error(messages::exchange_error(lang, &e)),
        }
    }

    /// A backup into the backups folder (`None`) or to a chosen file, on a worker thread with
    /// its own connection so the window stays responsive on a large bureau.
    pub(super) fn start_backup(&mut self, dest: Option<PathBuf>) {
        if self.job.is_some() {
            return;
        }
        let Some(db) = self.db_path() else { return };
        self.start_job("job.backing_up", false, Job::backup(db, dest, self.state.retention));
    }

    pub(super) fn reload_backups(&mut self) {
        let Some(path) = self.db_path() else { return };
        match crate::backup::list(&path) {
            Ok(backups) => self.state.settings.backups = backups,
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn restore_backup(&mut self, file: &Path) {
        let lang = self.state.lang;
        self.wait_for_backup();
        let Some(db) = self.db_path() else { return };
        self.close();
        match crate::backup::restore(&db, file, chrono::Local::now().naive_local()) {
            Ok(aside) => {
                self.open(&db, OpenMode::Existing);
                self.state.notice = Some(Notice::Info(i18n::fill(
                    tr(lang, "cli.restore_done"),
                    &[&file.display().to_string(), &aside.display().to_string()],
                )));
            }
            Err(e) => {
                self.open(&db, OpenMode::Existing);
                self.error(messages::store_error(lang, &e));
            }
        }
        self.state.page = Page::Settings;
        self.reload_backups();
    }

    pub(super) fn reload_audit(&mut self) {
        let Some(service) = &self.service else { return };
        // The change log is the bureau's; other accounts' Settings page has no list to fill.
        if !service.may_read(crate::domain::access::Sight::Bureau) {
            return;
        }
        // A date that is not a real day is marked under its field; the list stays as it was.
        let Ok(filter) = self.state.settings.audit_filter.parse() else { return };
        match service.audit_find(&filter, super::AUDIT_SHOWN) {
            Ok(rows) => {
                if let Some(data) = &mut self.state.data {
                    data.audit_lines = rows.iter().map(|row| audit_line(row, data, self.state.lang)).collect();
                    data.audit = rows;
                    self.state.settings.audit_selected = None;
                }
            }
            Err(e) => {
                let message = messages::service_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }
}

/// One change-log entry as a clerk reads it: the local time, and each changed field by its
/// label (its key where the program has none) with the units, posts and officials it names by
/// their names rather than their ids.
pub fn audit_line(
    row: &crate::domain::audit::AuditRow,
    data: &crate::ui::state::Data,
    lang: crate::domain::Lang,
) -> crate::ui::state::AuditLine {
    use crate::ui::state::{AuditChange, AuditLine};
    let changes = crate::domain::audit::changes(row.before.as_deref(), row.after.as_deref())
        .into_iter()
        .map(|change| {
            // The last named part of the path: `levels.learning` is the learning level.
            let field = change.key.rsplit('.').find(|part| part.parse::<usize>().is_err()).unwrap_or_default().to_owned();
            let name = |value: &str| -> String {
                let Ok(id) = value.parse::<i64>() else { return value.to_owned() };
                // Stored enum names in the window's language.
                let plain = match field.as_str() {
                    "gender" => serde_json::from_value(serde_json::Value::String(value.to_owned())).ok().map(|g| i18n::gender(lang, g)),
                    "status" => serde_json::from_value(serde_json::Value::String(value.to_owned())).ok().map(|s| i18n::status(lang, s)),
                    "kind" => serde_json::from_value(serde_json::Value::String(value.to_owned())).ok().map(|k| i18n::unit_kind(lang, k)),
                    "tier" | "tier_override" => {
                        serde_json::from_value(serde_json::Value::String(value.to_owned())).ok().map(|t| data.catalogue.tier_name(t, lang))
                    }
                    _ => None,
                };
                if let Some(plain) = plain {
                    return plain.to_owned();
                }
                let found = match field.as_str() {
                    "unit" | "parent" => data.units.iter().find(|u| u.id.0 == id).map(|u| u.name.clone()),
                    "post" => data.posts.iter().find(|p| p.id.0 == id).map(|p| p.data.title.clone()),
                    "official" => data.roster.iter().find(|o| o.id.0 == id).map(|o| o.name.clone()),
                    _ => None,
                };
                found.unwrap_or_else(|| value.to_owned())
            };
            let label = i18n::lookup(lang, &format!("field.{field}")).map_or_else(|| change.key.clone(), str::to_owned);
            AuditChange { label, before: name(&change.before), after: name(&change.after) }
        })
        .collect();
    AuditLine { at: crate::domain::audit::local_stamp(&row.at, &chrono::Local), changes }
}
