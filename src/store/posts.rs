//! Posts (崗位) and their duty statements.

use super::{Db, Result, StoreError, code};
use crate::domain::catalogue::RankTier;
use crate::domain::org::{Post, PostData};
use crate::domain::{PostId, UnitId};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params_from_iter};

const COLUMNS: &str = "id, uuid, unit_id, title, tier, duties, standard, authority, time_limits, responsibility, headcount, retired";

/// The stored columns of a post after `id` (and `uuid`), in table order.
fn values(post: &PostData, retired: bool) -> [Value; 10] {
    let text = |s: &str| Value::Text(s.to_owned());
    [
        Value::Integer(post.unit.0),
        text(&post.title),
        text(post.tier.code()),
        text(&post.duties),
        text(&post.standard),
        text(&post.authority),
        text(&post.time_limits),
        text(&post.responsibility),
        Value::Integer(post.headcount.into()),
        Value::Integer(retired.into()),
    ]
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Post> {
    Ok(Post {
        id: PostId(row.get(0)?),
        uuid: row.get(1)?,
        data: PostData {
            unit: UnitId(row.get(2)?),
            title: row.get(3)?,
            tier: code(row, 4, RankTier::from_code)?,
            duties: row.get(5)?,
            standard: row.get(6)?,
            authority: row.get(7)?,
            time_limits: row.get(8)?,
            responsibility: row.get(9)?,
            headcount: row.get(10)?,
        },
        retired: row.get(11)?,
    })
}

impl Db<'_> {
    pub fn posts(&self) -> Result<Vec<Post>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM post ORDER BY unit_id, id"))?;
        let rows = stmt.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn post(&self, id: PostId) -> Result<Option<Post>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM post WHERE id = ?1"))?;
        Ok(stmt.query_row([id.0], from_row).optional()?)
    }

    /// Inserts a post, with the given id when restoring one.
    pub fn insert_post(&self, id: Option<PostId>, uuid: &str, post: &PostData, retired: bool) -> Result<PostId> {
        let head = [id.map_or(Value::Null, |i| Value::Integer(i.0)), Value::Text(uuid.to_owned())];
        self.conn
            .prepare_cached(
                "INSERT INTO post (id, uuid, unit_id, title, tier, duties, standard, authority, time_limits, responsibility, headcount, retired)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params_from_iter(head.into_iter().chain(values(post, retired))))?;
        Ok(PostId(self.conn.last_insert_rowid()))
    }

    pub fn update_post(&self, id: PostId, post: &PostData, retired: bool) -> Result<()> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE post SET unit_id = ?2, title = ?3, tier = ?4, duties = ?5, standard = ?6, authority = ?7,
                 time_limits = ?8, responsibility = ?9, headcount = ?10, retired = ?11 WHERE id = ?1",
            )?
            .execute(params_from_iter(std::iter::once(Value::Integer(id.0)).chain(values(post, retired))))?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    pub fn delete_post(&self, id: PostId) -> Result<()> {
        let changed = self.conn.prepare_cached("DELETE FROM post WHERE id = ?1")?.execute([id.0])?;
        if changed == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    /// How many officials hold the post: `(all, still active)`.
    pub fn post_holders(&self, id: PostId) -> Result<(usize, usize)> {
        Ok(self.conn.query_row(
            "SELECT count(*), count(*) FILTER (WHERE status = 'active') FROM official WHERE post_id = ?1",
            [id.0],
            |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
        )?)
    }
}
