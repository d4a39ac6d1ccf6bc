//! Accounts: users with their role, roster entry and reviewed units, the Argon2id hash of their
//! password (written and read here, never shown), and the count of failed log-ins.

use super::{Db, Result, code};
use crate::domain::access::{Role, User, UserData};
use crate::domain::{OfficialId, UnitId};
use rusqlite::{OptionalExtension, Row, params};

/// What a log-in is checked against.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub user: User,
    pub hash: String,
    pub failures: u32,
    /// When the last failed attempt was (RFC 3339, UTC).
    pub last_failure: Option<String>,
}

const COLUMNS: &str = "id, uuid, username, role, official_id, must_change, disabled";

fn from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        uuid: row.get(1)?,
        data: UserData {
            username: row.get(2)?,
            role: Some(code(row, 3, Role::from_code)?),
            official: row.get::<_, Option<i64>>(4)?.map(OfficialId),
            units: Vec::new(),
        },
        must_change: row.get(5)?,
        disabled: row.get(6)?,
    })
}

impl Db<'_> {
    pub fn user_count(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT count(*) FROM app_user", [], |r| r.get::<_, i64>(0))? as usize)
    }

    fn with_units(&self, mut user: User) -> Result<User> {
        let mut stmt = self.conn.prepare_cached("SELECT unit_id FROM user_unit WHERE user_id = ?1 ORDER BY unit_id")?;
        user.data.units = stmt.query_map([user.id], |r| Ok(UnitId(r.get(0)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(user)
    }

    /// Every account, by user name.
    pub fn users(&self) -> Result<Vec<User>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM app_user ORDER BY username"))?;
        let users = stmt.query_map([], from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        users.into_iter().map(|u| self.with_units(u)).collect()
    }

    pub fn user(&self, id: i64) -> Result<Option<User>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM app_user WHERE id = ?1"))?;
        match stmt.query_row([id], from_row).optional()? {
            Some(user) => Ok(Some(self.with_units(user)?)),
            None => Ok(None),
        }
    }

    /// The account named `username` (case-insensitive) with what a log-in checks.
    pub fn credentials(&self, username: &str) -> Result<Option<Credentials>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS}, password_hash, failures, last_failure FROM app_user WHERE username = ?1"))?;
        let found = stmt
            .query_row([username], |r| Ok((from_row(r)?, r.get::<_, String>(7)?, r.get::<_, u32>(8)?, r.get::<_, Option<String>>(9)?)))
            .optional()?;
        match found {
            Some((user, hash, failures, last_failure)) => {
                Ok(Some(Credentials { user: self.with_units(user)?, hash, failures, last_failure }))
            }
            None => Ok(None),
        }
    }

    /// The id of the account named `username` other than `except`, if any.
    pub fn username_taken(&self, username: &str, except: Option<i64>) -> Result<bool> {
        let id: Option<i64> = self.conn.query_row("SELECT id FROM app_user WHERE username = ?1", [username], |r| r.get(0)).optional()?;
        Ok(id.is_some_and(|id| Some(id) != except))
    }

    /// The account linked to a roster entry, if any.
    pub fn user_for_official(&self, official: OfficialId) -> Result<Option<i64>> {
        Ok(self.conn.query_row("SELECT id FROM app_user WHERE official_id = ?1", [official.0], |r| r.get(0)).optional()?)
    }

    fn set_units(&self, id: i64, units: &[UnitId]) -> Result<()> {
        self.conn.execute("DELETE FROM user_unit WHERE user_id = ?1", [id])?;
        let mut stmt = self.conn.prepare_cached("INSERT INTO user_unit (user_id, unit_id) VALUES (?1, ?2)")?;
        for unit in units {
            stmt.execute(params![id, unit.0])?;
        }
        Ok(())
    }

    pub fn insert_user(&self, uuid: &str, data: &UserData, hash: &str, must_change: bool) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO app_user (uuid, username, role, official_id, password_hash, must_change) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![uuid, data.username, data.role.map(Role::code), data.official.map(|o| o.0), hash, must_change],
        )?;
        let id = self.conn.last_insert_rowid();
        self.set_units(id, &data.units)?;
        Ok(id)
    }

    pub fn update_user(&self, id: i64, data: &UserData, disabled: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE app_user SET username = ?2, role = ?3, official_id = ?4, disabled = ?5 WHERE id = ?1",
            params![id, data.username, data.role.map(Role::code), data.official.map(|o| o.0), disabled],
        )?;
        self.set_units(id, &data.units)
    }

    pub fn set_password(&self, id: i64, hash: &str, must_change: bool) -> Result<()> {
        self.conn.execute(
            "UPDATE app_user SET password_hash = ?2, must_change = ?3, failures = 0, last_failure = NULL WHERE id = ?1",
            params![id, hash, must_change],
        )?;
        Ok(())
    }

    /// Counts a failed log-in at `at`, or clears the count after a good one.
    pub fn record_login(&self, id: i64, ok: bool, at: &str) -> Result<()> {
        if ok {
            self.conn.execute("UPDATE app_user SET failures = 0, last_failure = NULL WHERE id = ?1", [id])?;
        } else {
            self.conn.execute("UPDATE app_user SET failures = failures + 1, last_failure = ?2 WHERE id = ?1", params![id, at])?;
        }
        Ok(())
    }
}
