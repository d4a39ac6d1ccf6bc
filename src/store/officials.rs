//! Officials on the roster, and the flat rows the roster table shows.

use super::{Db, Result, StoreError, code};
use crate::domain::catalogue::{Gender, OfficialStatus, RankTier};
use crate::domain::dates::{YearMonth, format_date, parse_date};
use crate::domain::official::{Official, OfficialData};
use crate::domain::roster::RosterRow;
use crate::domain::{OfficialId, PostId, UnitId};
use rusqlite::types::{Type, Value};
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

const COLUMNS: &str =
    "id, uuid, staff_no, name, gender, birth, political, education, tier, position_title, unit_id, post_id, post_since, status";

fn conversion(index: usize, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(index, Type::Text, format!("bad value {text:?}").into())
}

fn year_month(row: &Row<'_>, index: usize) -> rusqlite::Result<YearMonth> {
    let text: String = row.get(index)?;
    YearMonth::parse(&text).ok_or_else(|| conversion(index, &text))
}

/// The stored columns of an official after `id` (and `uuid`), in table order.
fn values(o: &OfficialData) -> [Value; 12] {
    let text = |s: &str| Value::Text(s.to_owned());
    [
        text(&o.staff_no),
        text(&o.name),
        text(o.gender.code()),
        Value::Text(o.birth.to_string()),
        text(&o.political),
        text(&o.education),
        text(o.tier.code()),
        text(&o.position_title),
        Value::Integer(o.unit.0),
        o.post.map_or(Value::Null, |p| Value::Integer(p.0)),
        o.post_since.map_or(Value::Null, |d| Value::Text(format_date(d))),
        text(o.status.code()),
    ]
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Official> {
    let post_since: Option<String> = row.get(12)?;
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
            position_title: row.get(9)?,
            unit: UnitId(row.get(10)?),
            post: row.get::<_, Option<i64>>(11)?.map(PostId),
            post_since: match post_since {
                None => None,
                Some(text) => Some(parse_date(&text).ok_or_else(|| conversion(12, &text))?),
            },
            status: code(row, 13, OfficialStatus::from_code)?,
        },
    })
}

impl Db<'_> {
    pub fn official(&self, id: OfficialId) -> Result<Option<Official>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM official WHERE id = ?1"))?;
        Ok(stmt.query_row([id.0], from_row).optional()?)
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
        self.conn
            .prepare_cached(
                "INSERT INTO official (id, uuid, staff_no, name, gender, birth, political, education, tier, position_title,
                                       unit_id, post_id, post_since, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params_from_iter(head.into_iter().chain(values(o))))?;
        Ok(OfficialId(self.conn.last_insert_rowid()))
    }

    pub fn update_official(&self, id: OfficialId, o: &OfficialData) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE official SET staff_no = ?2, name = ?3, gender = ?4, birth = ?5, political = ?6, education = ?7,
                 tier = ?8, position_title = ?9, unit_id = ?10, post_id = ?11, post_since = ?12, status = ?13 WHERE id = ?1",
            )?
            .execute(params_from_iter(std::iter::once(Value::Integer(id.0)).chain(values(o))))?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub fn delete_official(&self, id: OfficialId) -> Result<()> {
        let changed = self.conn.prepare_cached("DELETE FROM official WHERE id = ?1")?.execute([id.0])?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// How many records (seat statements, self-checks, reviews, tests, plan items, an account,
    /// attendance, study records)
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
            + (SELECT count(*) FROM yearend_record WHERE official_id = ?1)";
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
