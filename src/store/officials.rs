//! Officials on the roster, and the flat rows the roster table shows.

use super::{Db, Result, StoreError, code};
use crate::domain::catalogue::{Gender, OfficialStatus, RankTier};
use crate::domain::dates::{Since, YearMonth};
use crate::domain::identity::Identity;
use crate::domain::official::{Official, OfficialData};
use crate::domain::ranks::{DutyLevel, Rank, TierMapping};
use crate::domain::roster::RosterRow;
use crate::domain::{OfficialId, PostId, UnitId};
use rusqlite::types::{Type, Value};
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

const COLUMNS: &str = "id, uuid, staff_no, name, gender, birth, political, education, tier, tier_override, duty_level, duty_since,
     rank, rank_since, grade, position_title, unit_id, post_id, post_since, status, id_number, identity";

/// The stored columns after `id` and `uuid`, in [`COLUMNS`] order, as `?3, ?4…` names them.
const STORED: [&str; 20] = [
    "staff_no",
    "name",
    "gender",
    "birth",
    "political",
    "education",
    "tier",
    "tier_override",
    "duty_level",
    "duty_since",
    "rank",
    "rank_since",
    "grade",
    "position_title",
    "unit_id",
    "post_id",
    "post_since",
    "status",
    "id_number",
    "identity",
];

fn conversion(index: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, format!("bad value {text:?}").into())
}

fn year_month(row: &Row<'_>, index: usize) -> rusqlite::Result<YearMonth> {
    let text: String = row.get(index)?;
    YearMonth::parse(&text).ok_or_else(|| conversion(index, &text))
}

fn since(row: &Row<'_>, index: usize) -> rusqlite::Result<Option<Since>> {
    match row.get::<_, Option<String>>(index)? {
        None => Ok(None),
        Some(text) => Since::parse(&text).map(Some).ok_or_else(|| conversion(index, &text)),
    }
}

/// A vocabulary column that may be empty.
fn optional<T>(row: &Row<'_>, index: usize, from_code: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    match row.get::<_, Option<String>>(index)? {
        None => Ok(None),
        Some(text) => from_code(&text).map(Some).ok_or_else(|| conversion(index, &text)),
    }
}

/// The stored columns of an official after `id` (and `uuid`), in table order.
fn values(o: &OfficialData) -> [Value; 20] {
    let text = |s: &str| Value::Text(s.to_owned());
    let since = |s: Option<Since>| s.map_or(Value::Null, |s| Value::Text(s.to_string()));
    // The ID number has its own column (unique, looked up on import); the rest of the identity is one body.
    let identity = Identity { id_number: String::new(), ..(*o.identity).clone() };
    [
        text(&o.staff_no),
        text(&o.name),
        text(o.gender.code()),
        Value::Text(o.birth.to_string()),
        text(&o.political),
        text(&o.education),
        text(o.tier.code()),
        o.tier_override.map_or(Value::Null, |t| text(t.code())),
        o.duty_level.map_or(Value::Null, |d| text(d.code())),
        since(o.duty_since),
        o.rank.map_or(Value::Null, |r| text(r.code())),
        since(o.rank_since),
        text(&o.grade),
        text(&o.position_title),
        Value::Integer(o.unit.0),
        o.post.map_or(Value::Null, |p| Value::Integer(p.0)),
        since(o.post_since),
        text(o.status.code()),
        if o.identity.id_number.is_empty() { Value::Null } else { text(&o.identity.id_number) },
        Value::Text(serde_json::to_string(&identity).unwrap_or_else(|_| "{}".into())),
    ]
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Official> {
    let body: String = row.get(21)?;
    let mut identity: Identity = serde_json::from_str(&body).map_err(|_| conversion(21, &body))?;
    identity.id_number = row.get::<_, Option<String>>(20)?.unwrap_or_default();
    Ok(Official {
        id: OfficialId(row.get(0)?),
        uuid: row.get(1)?,
        data: OfficialData {
            staff_no: row.get(2)?,
            name: row.get(3)?,
            gender: code(row, 4, Gender::from_code)?,
            birth: year_month(row, 5)?,
            political: row.get(6)?,
            education: row.get(7)?,
            tier: code(row, 8, RankTier::from_code)?,
            tier_override: optional(row, 9, RankTier::from_code)?,
            duty_level: optional(row, 10, DutyLevel::from_code)?,
            duty_since: since(row, 11)?,
            rank: optional(row, 12, Rank::from_code)?,
            rank_since: since(row, 13)?,
            grade: row.get(14)?,
            position_title: row.get(15)?,
            unit: UnitId(row.get(16)?),
            post: row.get::<_, Option<i64>>(17)?.map(PostId),
            post_since: since(row, 18)?,
            status: code(row, 19, OfficialStatus::from_code)?,
            identity: Box::new(identity),
        },
    })
}

impl Db<'_> {
    pub fn official(&self, id: OfficialId) -> Result<Option<Official>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM official WHERE id = ?1"))?;
        Ok(stmt.query_row([id.0], from_row).optional()?)
    }

    /// The officials holding these staff numbers, by staff number (unknown numbers are skipped).
    pub fn officials_with_staff_no(&self, staff: &[String]) -> Result<Vec<Official>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM official WHERE staff_no = ?1"))?;
        let mut out = Vec::new();
        for staff_no in staff {
            if let Some(official) = stmt.query_row([staff_no], from_row).optional()? {
                out.push(official);
            }
        }
        out.sort_by(|a, b| a.staff_no.cmp(&b.staff_no));
        out.dedup_by_key(|o| o.id);
        Ok(out)
    }

    /// Every official, by staff number.
    pub fn officials(&self) -> Result<Vec<Official>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM official ORDER BY staff_no"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The name of the official holding `staff_no`, other than `except`.
    pub fn staff_no_holder(&self, staff_no: &str, except: Option<OfficialId>) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM official WHERE staff_no = ?1 AND id IS NOT ?2")?;
        Ok(stmt.query_row(params![staff_no, except.map(|e| e.0)], |r| r.get(0)).optional()?)
    }

    /// Inserts an official, with the given id when restoring one.
    pub fn insert_official(&self, id: Option<OfficialId>, uuid: &str, o: &OfficialData) -> Result<OfficialId> {
        let head = [id.map_or(Value::Null, |i| Value::Integer(i.0)), Value::Text(uuid.to_owned())];
        let places: Vec<String> = (1..=STORED.len() + 2).map(|i| format!("?{i}")).collect();
        self.conn
            .prepare_cached(&format!("INSERT INTO official (id, uuid, {}) VALUES ({})", STORED.join(", "), places.join(", ")))?
            .execute(params_from_iter(head.into_iter().chain(values(o))))?;
        Ok(OfficialId(self.conn.last_insert_rowid()))
    }

    pub fn update_official(&self, id: OfficialId, o: &OfficialData) -> Result<()> {
        let sets: Vec<String> = STORED.iter().enumerate().map(|(i, column)| format!("{column} = ?{}", i + 2)).collect();
        let changed = self
            .conn
            .prepare_cached(&format!("UPDATE official SET {} WHERE id = ?1", sets.join(", ")))?
            .execute(params_from_iter(std::iter::once(Value::Integer(id.0)).chain(values(o))))?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// The name of the official holding `id_number`, other than `except`.
    pub fn id_number_holder(&self, id_number: &str, except: Option<OfficialId>) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM official WHERE id_number = ?1 AND id IS NOT ?2")?;
        Ok(stmt.query_row(params![id_number, except.map(|e| e.0)], |r| r.get(0)).optional()?)
    }

    /// A staff number no one holds, for a person whose roster gives none: `N` and five digits,
    /// the first free one after the highest such number.
    pub fn free_staff_no(&self) -> Result<String> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(max(CAST(substr(staff_no, 2) AS INTEGER)), 0) FROM official
             WHERE staff_no GLOB 'N[0-9][0-9][0-9][0-9][0-9]*'",
        )?;
        let highest: i64 = stmt.query_row([], |r| r.get(0))?;
        Ok(format!("N{:05}", highest + 1))
    }

    /// The bureau's mapping from 職務 and 職級 to tiers.
    pub fn tier_mapping(&self) -> Result<TierMapping> {
        Ok(TierMapping::from_json(self.meta("tier_mapping")?.as_deref()))
    }

    pub fn set_tier_mapping(&self, mapping: &TierMapping) -> Result<()> {
        self.set_meta("tier_mapping", &mapping.to_json())
    }

    /// Sets officials' derived tiers (after the mapping changed), leaving the rest of each record.
    pub fn set_tiers(&self, tiers: &[(OfficialId, RankTier)]) -> Result<()> {
        let mut stmt = self.conn.prepare_cached("UPDATE official SET tier = ?2 WHERE id = ?1")?;
        for (id, tier) in tiers {
            stmt.execute(params![id.0, tier.code()])?;
        }
        Ok(())
    }

    /// An official's photo: its type and bytes.
    pub fn photo(&self, id: OfficialId) -> Result<Option<(String, Vec<u8>)>> {
        let mut stmt = self.conn.prepare_cached("SELECT mime, bytes FROM official_photo WHERE official_id = ?1")?;
        Ok(stmt.query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?))).optional()?)
    }

    /// Sets (or with `None` removes) an official's photo.
    pub fn set_photo(&self, id: OfficialId, photo: Option<(&str, &[u8])>) -> Result<()> {
        self.conn.prepare_cached("DELETE FROM official_photo WHERE official_id = ?1")?.execute([id.0])?;
        if let Some((mime, bytes)) = photo {
            self.conn
                .prepare_cached("INSERT INTO official_photo (official_id, mime, bytes) VALUES (?1, ?2, ?3)")?
                .execute(params![id.0, mime, bytes])?;
        }
        Ok(())
    }

    pub fn delete_official(&self, id: OfficialId) -> Result<()> {
        let changed = self.conn.prepare_cached("DELETE FROM official WHERE id = ?1")?.execute([id.0])?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// How many records (seat statements, self-checks, reviews, tests, plan items, an account,
    /// attendance, study records, year-end records and standing)
    /// belong to an official: such an official is transferred or retired, not deleted.
    pub fn official_records(&self, id: OfficialId) -> Result<usize> {
        let sql = "SELECT (SELECT count(*) FROM seat_statement WHERE official_id = ?1)
            + (SELECT count(*) FROM self_check WHERE official_id = ?1)
            + (SELECT count(*) FROM peer_check WHERE subject_id = ?1 OR peer_id = ?1)
            + (SELECT count(*) FROM opinion WHERE official_id = ?1)
            + (SELECT count(*) FROM test_score WHERE official_id = ?1)
            + (SELECT count(*) FROM plan_item WHERE official_id = ?1)
            + (SELECT count(*) FROM app_user WHERE official_id = ?1)
            + (SELECT count(*) FROM attendance WHERE official_id = ?1)
            + (SELECT count(*) FROM study_record WHERE official_id = ?1)
            + (SELECT count(*) FROM yearend_record WHERE official_id = ?1)
            + (SELECT count(*) FROM official_sanction WHERE official_id = ?1)
            + (SELECT count(*) FROM official_investigation WHERE official_id = ?1)
            + (SELECT count(*) FROM official_leave WHERE official_id = ?1)
            + (SELECT count(*) FROM official_secondment WHERE official_id = ?1)
            + (SELECT count(*) FROM official_probation WHERE official_id = ?1)";
        Ok(self.conn.query_row(sql, [id.0], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Every serving official's unit and tier, without the rest of the record (quick).
    pub fn serving(&self) -> Result<Vec<(OfficialId, UnitId, RankTier)>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, unit_id, tier FROM official WHERE status = 'active' ORDER BY staff_no")?;
        let rows = stmt.query_map([], |r| Ok((OfficialId(r.get(0)?), UnitId(r.get(1)?), code(r, 2, RankTier::from_code)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn official_count(&self) -> Result<usize> {
        Ok(self.conn.query_row("SELECT count(*) FROM official", [], |r| r.get::<_, i64>(0))? as usize)
    }

    /// Every official as a roster row, with unit name and post title joined in.
    pub fn roster_rows(&self) -> Result<Vec<RosterRow>> {
        let mut stmt = self.conn.prepare_cached(&format!("{ROSTER_SELECT} ORDER BY o.id"))?;
        let rows = stmt.query_map([], roster_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The roster rows of the officials of these units (each unit alone, not its sub-units).
    pub fn roster_rows_in(&self, units: &[UnitId]) -> Result<Vec<RosterRow>> {
        let ids = serde_json::to_string(&units.iter().map(|u| u.0).collect::<Vec<_>>()).unwrap_or_default();
        let mut stmt =
            self.conn.prepare_cached(&format!("{ROSTER_SELECT} WHERE o.unit_id IN (SELECT value FROM json_each(?1)) ORDER BY o.id"))?;
        let rows = stmt.query_map([ids], roster_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One official's roster row.
    pub fn roster_row(&self, id: OfficialId) -> Result<Option<RosterRow>> {
        let mut stmt = self.conn.prepare_cached(&format!("{ROSTER_SELECT} WHERE o.id = ?1"))?;
        Ok(stmt.query_row([id.0], roster_row).optional()?)
    }
}

const ROSTER_SELECT: &str = "SELECT o.id, o.staff_no, o.name, o.gender, o.birth, o.tier, o.position_title, o.unit_id, u.name,
        o.post_id, coalesce(p.title, ''), o.status
 FROM official o JOIN unit u ON u.id = o.unit_id LEFT JOIN post p ON p.id = o.post_id";

fn roster_row(row: &Row<'_>) -> rusqlite::Result<RosterRow> {
    Ok(RosterRow {
        id: OfficialId(row.get(0)?),
        staff_no: row.get(1)?,
        name: row.get(2)?,
        gender: code(row, 3, Gender::from_code)?,
        birth: year_month(row, 4)?,
        tier: code(row, 5, RankTier::from_code)?,
        position_title: row.get(6)?,
        unit: UnitId(row.get(7)?),
        unit_name: row.get(8)?,
        post: row.get::<_, Option<i64>>(9)?.map(PostId),
        post_title: row.get(10)?,
        status: code(row, 11, OfficialStatus::from_code)?,
        search_key: String::new(),
    }
    .with_search_key())
}
