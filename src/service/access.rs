//! Accounts and permissions in the service: what each command needs from whoever asks for
//! it (checked inside the command's own transaction), log-in with Argon2id hashes and the
//! slow-down after failures, and the administrator's account management.

use super::{Result, Service, ServiceError, existing_official};
use crate::domain::access::{Access, Need, Role, Session, User, UserData, check_password, login_delay};
use crate::domain::plans::PlanOwner;
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::{OfficialId, UnitId};
use crate::store::{Db, new_uuid};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use std::collections::HashSet;

pub use crate::domain::access::NewAccount;

/// Why a log-in failed.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    /// Unknown user name, wrong password or a disabled account (not told apart).
    #[error("wrong user name or password")]
    Wrong,
    /// Too many failures in a row: try again after this many seconds.
    #[error("too many failed attempts; wait {0} s")]
    Wait(u64),
    #[error(transparent)]
    Service(#[from] ServiceError),
}

/// The unit an official belongs to.
fn unit_of(db: &Db<'_>, official: OfficialId) -> Result<UnitId> {
    Ok(existing_official(db, official)?.unit)
}

pub(super) fn reviewer_of(db: &Db<'_>, subject: OfficialId) -> Result<Need> {
    Ok(Need::Reviewer { unit: unit_of(db, subject)?, subject })
}

pub(super) fn plan_need(db: &Db<'_>, owner: PlanOwner) -> Result<Need> {
    match owner {
        PlanOwner::Official(official) => {
            existing_official(db, official)?;
            Ok(Need::Owner(official))
        }
        PlanOwner::Unit(unit) => Ok(Need::UnitLead(unit)),
    }
}

pub(super) fn not_found() -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem::new(Field::Record, Problem::NotFound)])
}

/// Argon2id with the crate's recommended parameters (19 MiB, 2 passes).
fn hasher() -> Argon2<'static> {
    Argon2::default()
}

/// The PHC string of an Argon2id hash of `password` with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::encode_b64(uuid::Uuid::new_v4().as_bytes())
        .map_err(|e| ServiceError::Store(crate::store::StoreError::Constraint(e.to_string())))?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Store(crate::store::StoreError::Constraint(e.to_string())))
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A one-time password: ten characters from an alphabet without look-alikes (0/O, 1/l/I).
fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bytes = *uuid::Uuid::new_v4().as_bytes();
    bytes.iter().take(10).map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect()
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

impl Service {
    /// The account logged in, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// Whether the file has accounts (then the window asks for a log-in).
    pub fn has_accounts(&self) -> Result<bool> {
        Ok(self.read().user_count()? > 0)
    }

    /// Drops every right until the next log-in (the window does this when it opens a file
    /// with accounts, and at log-out).
    pub fn log_out(&mut self) {
        if let Some(session) = self.session.take() {
            let actor = session.username.clone();
            if let Err(e) = self.store.write(|db| db.audit(&actor, "user.logout", "app_user", Some(session.user), None, None)) {
                log::warn!("log-out audit: {e}");
            }
        }
        self.access = Access::Nobody;
        self.actor = String::new();
    }

    fn access_for(&self, user: &User) -> Result<Access> {
        Ok(match user.data.role {
            Some(Role::Admin) | None => Access::Admin,
            Some(Role::Reviewer) => {
                let units = self.read().units()?;
                let expanded: HashSet<UnitId> = user.data.units.iter().flat_map(|u| crate::domain::org::subtree(&units, *u)).collect();
                Access::Reviewer { official: user.data.official, units: expanded }
            }
            Some(Role::Official) => match user.data.official {
                Some(official) => Access::Official { official },
                None => Access::Nobody,
            },
        })
    }

    fn start_session(&mut self, user: &User) -> Result<Session> {
        self.access = self.access_for(user)?;
        self.actor = user.data.username.clone();
        let session = Session {
            user: user.id,
            username: user.data.username.clone(),
            role: user.data.role.unwrap_or(Role::Official),
            official: user.data.official,
            must_change: user.must_change,
        };
        self.session = Some(session.clone());
        Ok(session)
    }

    /// Checks a user name and password. Every failure is counted and audited; after a few in
    /// a row, each attempt must wait longer ([`login_delay`]), even with the right password.
    pub fn login(&mut self, username: &str, password: &str) -> std::result::Result<Session, LoginError> {
        let username = username.trim();
        let found = self.read().credentials(username).map_err(ServiceError::from)?;
        let Some(credentials) = found else {
            // The same work as a real check, so a missing name is not told apart by timing.
            verify_password("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$0000000000000000000000000000000000000000000", password);
            let actor = username.chars().take(32).collect::<String>();
            self.store.write(|db| db.audit(&actor, "user.login_failed", "app_user", None, None, None)).map_err(ServiceError::from)?;
            return Err(LoginError::Wrong);
        };
        let at = now();
        if let Some(last) = credentials.last_failure.as_deref().and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok()) {
            let wait = login_delay(credentials.failures);
            let ready = last.with_timezone(&chrono::Utc) + chrono::Duration::from_std(wait).unwrap_or_default();
            if at < ready {
                return Err(LoginError::Wait((ready - at).num_seconds().max(1) as u64));
            }
        }
        let ok = !credentials.user.disabled && verify_password(&credentials.hash, password);
        let id = credentials.user.id;
        let action = if ok { "user.login" } else { "user.login_failed" };
        self.store
            .write(|db| {
                db.record_login(id, ok, &at.to_rfc3339())?;
                db.audit(username, action, "app_user", Some(id), None, None)
            })
            .map_err(ServiceError::from)?;
        if !ok {
            return Err(LoginError::Wrong);
        }
        Ok(self.start_session(&credentials.user)?)
    }

    /// Makes the first account of a file without any: the administrator, logged in at once.
    pub fn create_first_admin(&mut self, username: &str, password: &str) -> Result<Session> {
        let data = UserData { username: username.into(), role: Some(Role::Admin), official: None, units: Vec::new() }.validate()?;
        check_password(password).map_err(|p| ServiceError::Invalid(vec![p]))?;
        let hash = hash_password(password)?;
        let user = self.store.write(|db| {
            if db.user_count()? > 0 {
                return Err(ServiceError::Forbidden);
            }
            let id = db.insert_user(&new_uuid(), &data, &hash, false)?;
            db.audit(&data.username, "user.create", "app_user", Some(id), None, super::json(&data).as_deref())?;
            db.user(id)?.ok_or_else(not_found)
        })?;
        self.start_session(&user)
    }

    fn check_user(db: &Db<'_>, data: &UserData, except: Option<i64>) -> Result<()> {
        if db.username_taken(&data.username, except)? {
            return Err(ServiceError::Invalid(vec![FieldProblem::new(Field::Username, Problem::DuplicateUsername)]));
        }
        if let Some(official) = data.official {
            existing_official(db, official)?;
            if db.user_for_official(official)?.is_some_and(|id| Some(id) != except) {
                return Err(ServiceError::Invalid(vec![FieldProblem::new(Field::Official, Problem::DuplicateUsername)]));
            }
        }
        for unit in &data.units {
            db.unit(*unit)?.ok_or_else(not_found)?;
        }
        Ok(())
    }

    /// The administrator makes an account; its password is one-time unless `permanent`.
    pub fn create_user(&mut self, data: UserData, password: &str, permanent: bool) -> Result<i64> {
        self.require(Need::Admin)?;
        let data = data.validate()?;
        check_password(password).map_err(|p| ServiceError::Invalid(vec![p]))?;
        let hash = hash_password(password)?;
        let actor = self.actor.clone();
        self.store.write(|db| {
            Service::check_user(db, &data, None)?;
            let id = db.insert_user(&new_uuid(), &data, &hash, !permanent)?;
            db.audit(&actor, "user.create", "app_user", Some(id), None, super::json(&data).as_deref())?;
            Ok(id)
        })
    }

    /// The administrator changes an account's name, role, roster entry, units or disables it.
    pub fn update_user(&mut self, id: i64, data: UserData, disabled: bool) -> Result<()> {
        self.require(Need::Admin)?;
        let data = data.validate()?;
        let actor = self.actor.clone();
        let me = self.session.as_ref().map(|s| s.user);
        self.store.write(|db| {
            let before = db.user(id)?.ok_or_else(not_found)?;
            Service::check_user(db, &data, Some(id))?;
            let admins = db.users()?.iter().filter(|u| u.data.role == Some(Role::Admin) && !u.disabled && u.id != id).count();
            if admins == 0 && (data.role != Some(Role::Admin) || disabled) {
                // The last administrator cannot lock everybody out.
                return Err(ServiceError::Invalid(vec![FieldProblem::new(Field::Role, Problem::RootFixed)]));
            }
            if Some(id) == me && disabled {
                return Err(ServiceError::Invalid(vec![FieldProblem::new(Field::Record, Problem::Forbidden)]));
            }
            db.update_user(id, &data, disabled)?;
            db.audit(&actor, "user.update", "app_user", Some(id), super::json(&before).as_deref(), super::json(&data).as_deref())?;
            Ok(())
        })
    }

    /// The administrator gives an account a new one-time password, returned to hand over.
    pub fn reset_password(&mut self, id: i64) -> Result<String> {
        self.require(Need::Admin)?;
        let password = one_time_password();
        let hash = hash_password(&password)?;
        let actor = self.actor.clone();
        self.store.write(|db| {
            db.user(id)?.ok_or_else(not_found)?;
            db.set_password(id, &hash, true)?;
            Ok::<_, ServiceError>(db.audit(&actor, "user.reset_password", "app_user", Some(id), None, None)?)
        })?;
        Ok(password)
    }

    /// The user logged in changes their own password (after checking the current one).
    pub fn change_password(&mut self, current: &str, new: &str) -> Result<()> {
        let session = self.session.clone().ok_or(ServiceError::Forbidden)?;
        check_password(new).map_err(|p| ServiceError::Invalid(vec![p]))?;
        let credentials = self.read().credentials(&session.username)?.ok_or(ServiceError::Forbidden)?;
        if !verify_password(&credentials.hash, current) {
            return Err(ServiceError::Invalid(vec![FieldProblem::new(Field::Password, Problem::Forbidden)]));
        }
        if current == new {
            return Err(ServiceError::Invalid(vec![FieldProblem::new(Field::Password, Problem::Required)]));
        }
        let hash = hash_password(new)?;
        let actor = self.actor.clone();
        self.store.write(|db| {
            db.set_password(session.user, &hash, false)?;
            db.audit(&actor, "user.change_password", "app_user", Some(session.user), None, None)
        })?;
        if let Some(s) = &mut self.session {
            s.must_change = false;
        }
        Ok(())
    }

    /// Accounts for every active official of `unit` (and its sub-units) who has none, named by
    /// staff number, each with a one-time password, in one transaction.
    pub fn create_unit_accounts(&mut self, unit: UnitId) -> Result<Vec<NewAccount>> {
        self.require(Need::Admin)?;
        let db = self.read();
        let units: HashSet<UnitId> = crate::domain::org::subtree(&db.units()?, unit).into_iter().collect();
        let mut made = Vec::new();
        for official in db.officials()? {
            let active = official.status == crate::domain::catalogue::OfficialStatus::Active;
            if active && units.contains(&official.unit) && db.user_for_official(official.id)?.is_none() {
                let password = one_time_password();
                let hash = hash_password(&password)?;
                made.push((official, password, hash));
            }
        }
        let actor = self.actor.clone();
        self.store.write(|db| {
            let mut accounts = Vec::new();
            for (official, password, hash) in made {
                let data = UserData {
                    username: official.staff_no.clone(),
                    role: Some(Role::Official),
                    official: Some(official.id),
                    units: Vec::new(),
                }
                .validate()?;
                Service::check_user(db, &data, None)?;
                let id = db.insert_user(&new_uuid(), &data, &hash, true)?;
                db.audit(&actor, "user.create", "app_user", Some(id), None, super::json(&data).as_deref())?;
                accounts.push(NewAccount {
                    username: data.username,
                    name: official.name.clone(),
                    staff_no: official.staff_no.clone(),
                    password,
                });
            }
            Ok(accounts)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_password("稅務局2012年").unwrap();
        let b = hash_password("稅務局2012年").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "a fresh salt each time");
        assert!(verify_password(&a, "稅務局2012年"));
        assert!(!verify_password(&a, "稅務局2013年"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn one_time_passwords_are_long_enough_and_plain() {
        let p = one_time_password();
        assert_eq!(p.chars().count(), 10);
        assert!(check_password(&p).is_ok());
        assert!(!p.contains(['0', 'O', '1', 'l', 'I']));
        assert_ne!(p, one_time_password());
    }
}
