//! The capability scale, posts' standards by year and officials' seat statements.
//! Capabilities are addressed by their position (1–8) outside the store.

use super::{Db, Result, code, new_uuid};
use crate::domain::catalogue::RankTier;
use crate::domain::standards::{ItemKind, PostStandard, Scale, ScaleFile, SeatData, SeatStatement, SeatStatus, StandardData, StandardItem};
use crate::domain::{Names, OfficialId, PostId};
use rusqlite::{OptionalExtension, params};
use std::collections::BTreeMap;

/// A seat statement's row: id, uuid, official, year, post, motto, commitments, status.
type SeatRow = (i64, String, i64, i32, Option<i64>, String, String, String);

impl Db<'_> {
    /// Capability position → row id.
    fn capability_ids(&self) -> Result<BTreeMap<u8, i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT position, id FROM capability")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, u8>(0)?, r.get::<_, i64>(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Copies the shipped scale in, for every capability that has none yet.
    pub fn insert_scale(&self, scale: &ScaleFile) -> Result<()> {
        for (_, id) in self.capability_ids()? {
            for level in &scale.levels {
                self.conn.execute(
                    "INSERT OR IGNORE INTO capability_level (capability_id, level, descriptor_tc, descriptor_sc, descriptor_en) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, level.level, level.descriptor.tc, level.descriptor.sc, level.descriptor.en],
                )?;
            }
        }
        for tier in RankTier::ALL {
            self.conn.execute(
                "INSERT OR IGNORE INTO tier_default_level (tier, level) VALUES (?1, ?2)",
                params![tier.code(), scale.default_level(*tier)],
            )?;
        }
        Ok(())
    }

    /// Writes an edited scale over the stored one.
    pub fn save_scale(&self, scale: &Scale) -> Result<()> {
        let ids = self.capability_ids()?;
        let mut stmt = self.conn.prepare_cached(
            "UPDATE capability_level SET descriptor_tc = ?3, descriptor_sc = ?4, descriptor_en = ?5 WHERE capability_id = ?1 AND level = ?2",
        )?;
        for ((capability, level), names) in &scale.descriptors {
            let Some(id) = ids.get(capability) else { continue };
            stmt.execute(params![id, level, names.tc, names.sc, names.en])?;
        }
        for (tier, level) in &scale.tier_levels {
            self.conn.execute("UPDATE tier_default_level SET level = ?2 WHERE tier = ?1", params![tier.code(), level])?;
        }
        Ok(())
    }

    pub fn scale(&self) -> Result<Scale> {
        let mut scale = Scale::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.position, l.level, l.descriptor_tc, l.descriptor_sc, l.descriptor_en FROM capability_level l JOIN capability c ON c.id = l.capability_id",
        )?;
        for row in
            stmt.query_map([], |r| Ok(((r.get::<_, u8>(0)?, r.get::<_, u8>(1)?), Names { tc: r.get(2)?, sc: r.get(3)?, en: r.get(4)? })))?
        {
            let (key, names) = row?;
            scale.descriptors.insert(key, names);
        }
        let mut stmt = self.conn.prepare_cached("SELECT tier, level FROM tier_default_level")?;
        for row in stmt.query_map([], |r| Ok((code(r, 0, RankTier::from_code)?, r.get::<_, u8>(1)?)))? {
            let (tier, level) = row?;
            scale.tier_levels.insert(tier, level);
        }
        Ok(scale)
    }

    fn standard_data(&self, id: i64) -> Result<StandardData> {
        let mut data = StandardData::default();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT l.tier, c.position, l.level FROM post_standard_level l JOIN capability c ON c.id = l.capability_id WHERE l.standard_id = ?1")?;
        for row in stmt.query_map([id], |r| Ok((code(r, 0, RankTier::from_code)?, r.get::<_, u8>(1)?, r.get::<_, u8>(2)?)))? {
            let (tier, capability, level) = row?;
            data.levels.insert((tier, capability), level);
        }
        let mut stmt =
            self.conn.prepare_cached("SELECT kind, text, level FROM post_standard_item WHERE standard_id = ?1 ORDER BY position")?;
        for row in
            stmt.query_map([id], |r| Ok(StandardItem { kind: code(r, 0, ItemKind::from_code)?, text: r.get(1)?, level: r.get(2)? }))?
        {
            data.items.push(row?);
        }
        Ok(data)
    }

    /// Every standard of `year`, read in three queries however many there are.
    pub fn standards(&self, year: i32) -> Result<Vec<PostStandard>> {
        let mut data: std::collections::HashMap<i64, StandardData> = std::collections::HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.standard_id, l.tier, c.position, l.level FROM post_standard_level l
             JOIN post_standard s ON s.id = l.standard_id JOIN capability c ON c.id = l.capability_id WHERE s.year = ?1",
        )?;
        for row in
            stmt.query_map([year], |r| Ok((r.get::<_, i64>(0)?, code(r, 1, RankTier::from_code)?, r.get::<_, u8>(2)?, r.get::<_, u8>(3)?)))?
        {
            let (id, tier, capability, level) = row?;
            data.entry(id).or_default().levels.insert((tier, capability), level);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.standard_id, i.kind, i.text, i.level FROM post_standard_item i JOIN post_standard s ON s.id = i.standard_id
             WHERE s.year = ?1 ORDER BY i.standard_id, i.position",
        )?;
        for row in stmt.query_map([year], |r| {
            Ok((r.get::<_, i64>(0)?, StandardItem { kind: code(r, 1, ItemKind::from_code)?, text: r.get(2)?, level: r.get(3)? }))
        })? {
            let (id, item) = row?;
            data.entry(id).or_default().items.push(item);
        }
        let heads: Vec<(i64, String, i64)> = self
            .conn
            .prepare_cached("SELECT id, uuid, post_id FROM post_standard WHERE year = ?1 ORDER BY post_id")?
            .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(heads
            .into_iter()
            .map(|(id, uuid, post)| PostStandard { id, uuid, post: PostId(post), year, data: data.remove(&id).unwrap_or_default() })
            .collect())
    }

    pub fn standard(&self, post: PostId, year: i32) -> Result<Option<PostStandard>> {
        let head: Option<(i64, String)> = self
            .conn
            .query_row("SELECT id, uuid FROM post_standard WHERE post_id = ?1 AND year = ?2", params![post.0, year], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        head.map(|(id, uuid)| Ok(PostStandard { id, uuid, post, year, data: self.standard_data(id)? })).transpose()
    }

    /// Writes a post's standard for `year`, replacing what was there; returns its id.
    pub fn save_standard(&self, post: PostId, year: i32, data: &StandardData) -> Result<i64> {
        let id = match self.standard(post, year)? {
            Some(existing) => existing.id,
            None => {
                self.conn
                    .execute("INSERT INTO post_standard (uuid, post_id, year) VALUES (?1, ?2, ?3)", params![new_uuid(), post.0, year])?;
                self.conn.last_insert_rowid()
            }
        };
        self.conn.execute("DELETE FROM post_standard_level WHERE standard_id = ?1", [id])?;
        self.conn.execute("DELETE FROM post_standard_item WHERE standard_id = ?1", [id])?;
        let ids = self.capability_ids()?;
        let mut level_stmt = self
            .conn
            .prepare_cached("INSERT INTO post_standard_level (standard_id, tier, capability_id, level) VALUES (?1, ?2, ?3, ?4)")?;
        for ((tier, capability), level) in &data.levels {
            let Some(capability_id) = ids.get(capability) else { continue };
            level_stmt.execute(params![id, tier.code(), capability_id, level])?;
        }
        let mut item_stmt = self.conn.prepare_cached(
            "INSERT INTO post_standard_item (uuid, standard_id, position, kind, text, level) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (position, item) in data.items.iter().enumerate() {
            item_stmt.execute(params![new_uuid(), id, position as i64 + 1, item.kind.code(), item.text, item.level])?;
        }
        Ok(id)
    }

    pub fn delete_standard(&self, post: PostId, year: i32) -> Result<()> {
        self.conn.execute("DELETE FROM post_standard WHERE post_id = ?1 AND year = ?2", params![post.0, year])?;
        Ok(())
    }

    fn seat_levels(&self, id: i64) -> Result<BTreeMap<u8, u8>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.position, l.level FROM seat_statement_level l JOIN capability c ON c.id = l.capability_id WHERE l.statement_id = ?1",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get::<_, u8>(0)?, r.get::<_, u8>(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn seat_from(&self, row: SeatRow) -> Result<SeatStatement> {
        let levels = self.seat_levels(row.0)?;
        Ok(self.seat_with(row, levels))
    }

    fn seat_with(&self, row: SeatRow, levels: BTreeMap<u8, u8>) -> SeatStatement {
        let (id, uuid, official, year, post, motto, commitments, status) = row;
        SeatStatement {
            id,
            uuid,
            official: OfficialId(official),
            year,
            data: SeatData {
                post: post.map(PostId),
                levels,
                motto,
                commitments,
                status: SeatStatus::from_code(&status).unwrap_or(SeatStatus::Draft),
            },
        }
    }

    /// Every seat statement of `year`, read in two queries however many there are.
    pub fn seat_statements(&self, year: i32) -> Result<Vec<SeatStatement>> {
        let mut levels: std::collections::HashMap<i64, BTreeMap<u8, u8>> = std::collections::HashMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.statement_id, c.position, l.level FROM seat_statement_level l
             JOIN seat_statement s ON s.id = l.statement_id JOIN capability c ON c.id = l.capability_id WHERE s.year = ?1",
        )?;
        for row in stmt.query_map([year], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u8>(1)?, r.get::<_, u8>(2)?)))? {
            let (id, capability, level) = row?;
            levels.entry(id).or_default().insert(capability, level);
        }
        let rows: Vec<_> = self
            .conn
            .prepare_cached("SELECT id, uuid, official_id, year, post_id, motto, commitments, status FROM seat_statement WHERE year = ?1 ORDER BY official_id")?
            .query_map([year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .into_iter()
            .map(|row: SeatRow| {
                let own = levels.remove(&row.0).unwrap_or_default();
                self.seat_with(row, own)
            })
            .collect())
    }

    pub fn seat_statement(&self, official: OfficialId, year: i32) -> Result<Option<SeatStatement>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, uuid, official_id, year, post_id, motto, commitments, status FROM seat_statement WHERE official_id = ?1 AND year = ?2",
                params![official.0, year],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
            )
            .optional()?;
        row.map(|row| self.seat_from(row)).transpose()
    }

    /// Writes an official's seat statement for `year`, replacing what was there.
    pub fn save_seat_statement(&self, official: OfficialId, year: i32, data: &SeatData) -> Result<i64> {
        let id = match self.seat_statement(official, year)? {
            Some(existing) => {
                self.conn.execute(
                    "UPDATE seat_statement SET post_id = ?2, motto = ?3, commitments = ?4, status = ?5 WHERE id = ?1",
                    params![existing.id, data.post.map(|p| p.0), data.motto, data.commitments, data.status.code()],
                )?;
                existing.id
            }
            None => {
                self.conn.execute(
                    "INSERT INTO seat_statement (uuid, official_id, year, post_id, motto, commitments, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![new_uuid(), official.0, year, data.post.map(|p| p.0), data.motto, data.commitments, data.status.code()],
                )?;
                self.conn.last_insert_rowid()
            }
        };
        self.conn.execute("DELETE FROM seat_statement_level WHERE statement_id = ?1", [id])?;
        let ids = self.capability_ids()?;
        let mut stmt =
            self.conn.prepare_cached("INSERT INTO seat_statement_level (statement_id, capability_id, level) VALUES (?1, ?2, ?3)")?;
        for (capability, level) in &data.levels {
            let Some(capability_id) = ids.get(capability) else { continue };
            stmt.execute(params![id, capability_id, level])?;
        }
        Ok(id)
    }

    pub fn delete_seat_statement(&self, official: OfficialId, year: i32) -> Result<()> {
        self.conn.execute("DELETE FROM seat_statement WHERE official_id = ?1 AND year = ?2", params![official.0, year])?;
        Ok(())
    }
}
