//! The audit trail: one row per user action, written inside the action's own transaction; and
//! its chain's head as recorded outside the file, in the user's data folder.

use super::{Db, Result};
use crate::domain::audit::{AuditRow, ChainHead, Entry, Filter, HeadRecord, HeadVerdict, judge, link};
use rusqlite::{OptionalExtension, params};
use std::path::Path;

/// The head recorded on this computer for the database at `db`, if any (an unreadable record
/// counts as none).
pub fn read_head_record(db: &Path) -> Option<HeadRecord> {
    let text = std::fs::read_to_string(crate::paths::chain_head_record(db)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Records `head` as the chain's head of the database at `db` (written whole, then renamed).
/// `since` starts the record afresh (a new file, a restore); otherwise the earlier one is kept.
pub fn write_head_record(db: &Path, head: &ChainHead, since: Option<String>) -> std::io::Result<()> {
    let path = crate::paths::chain_head_record(db);
    let since = since.or_else(|| read_head_record(db).and_then(|r| r.since));
    let record = HeadRecord {
        database: crate::files::real_path(db).to_string_lossy().into_owned(),
        head: head.clone(),
        at: chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        since,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let text = serde_json::to_string_pretty(&record).map_err(std::io::Error::other)?;
    crate::files::write_atomically(&path, text.as_bytes())
}

/// Starts this computer's record afresh at the head of the file now at `db` (after a restore
/// put another history in place); a file without a chain leaves no record.
pub fn restart_head_record(db: &Path) -> super::Result<()> {
    let head = super::Store::open_read_only(db)?.read().audit_head()?;
    let since = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    match head {
        Some(head) => write_head_record(db, &head, Some(since))?,
        None => match std::fs::remove_file(crate::paths::chain_head_record(db)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        },
    }
    Ok(())
}

/// The actor of a cast ballot's audit row, in place of any account.
pub const BALLOT_ACTOR: &str = "選票";

impl Db<'_> {
    /// Records an action; `before` and `after` are JSON snapshots of the record.
    pub fn audit(
        &self,
        actor: &str,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<()> {
        let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
        self.append_audit(&Entry { at: &at, actor, action, entity, entity_id, before, after })
    }

    /// Records that a ballot was cast, tied to no one: the actor is [`BALLOT_ACTOR`] whoever is
    /// logged in, the stamp is the day alone, and nothing says which record or counts changed.
    pub fn audit_ballot(&self, action: &str, entity: &str) -> Result<()> {
        let at = chrono::Utc::now().format("%Y-%m-%d").to_string();
        self.append_audit(&Entry { at: &at, actor: BALLOT_ACTOR, action, entity, entity_id: None, before: None, after: None })
    }

    /// Appends an entry to the chain.
    fn append_audit(&self, entry: &Entry<'_>) -> Result<()> {
        let hash = link(&self.last_audit_hash()?, entry);
        let Entry { at, actor, action, entity, entity_id, before, after } = entry;
        self.conn
            .prepare_cached(
                "INSERT INTO audit (at, actor, action, entity, entity_id, before, after, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![at, actor, action, entity, entity_id, before, after, hash])?;
        Ok(())
    }

    /// The chain's newest entry, if it has any (`None` also before the chain existed).
    pub fn audit_head(&self) -> Result<Option<ChainHead>> {
        let head = self
            .conn
            .prepare_cached("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?)))
            .optional()?;
        Ok(head.and_then(|(id, hash)| Some(ChainHead { id, hash: hash? })))
    }

    /// How this file's chain stands against a head recorded earlier.
    pub fn judge_head(&self, recorded: &ChainHead) -> Result<HeadVerdict> {
        let there: Option<Option<String>> =
            self.conn.query_row("SELECT hash FROM audit WHERE id = ?1", [recorded.id], |r| r.get(0)).optional()?;
        let there = there.map(Option::unwrap_or_default);
        Ok(judge(recorded, there.as_deref(), self.audit_head()?.as_ref()))
    }

    fn last_audit_hash(&self) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")?
            .query_row([], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten()
            .unwrap_or_default())
    }

    /// Walks the whole chain and returns the ids of entries whose hash does not follow from
    /// their content and the entry before (changed, or a neighbour removed). With `fill`,
    /// entries written before the chain existed (no hash yet) are linked in place instead.
    pub fn audit_chain(&self, fill: bool) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare("SELECT id, at, actor, action, entity, entity_id, before, after, hash FROM audit ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut previous = String::new();
        let mut broken = Vec::new();
        let mut fills = Vec::new();
        while let Some(r) = rows.next()? {
            let (id, at, actor, action, entity): (i64, String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let (entity_id, before, after, stored): (Option<i64>, Option<String>, Option<String>, Option<String>) =
                (r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?);
            let hash = link(
                &previous,
                &Entry {
                    at: &at,
                    actor: &actor,
                    action: &action,
                    entity: &entity,
                    entity_id,
                    before: before.as_deref(),
                    after: after.as_deref(),
                },
            );
            match &stored {
                Some(stored) if *stored == hash => {}
                None if fill => fills.push((id, hash.clone())),
                _ => broken.push(id),
            }
            // The next entry links to what is stored, so one break is reported once.
            previous = stored.unwrap_or(hash);
        }
        drop(rows);
        let mut update = self.conn.prepare("UPDATE audit SET hash = ?2 WHERE id = ?1")?;
        for (id, hash) in fills {
            update.execute(params![id, hash])?;
        }
        Ok(broken)
    }

    /// The latest `limit` audit rows, newest first.
    pub fn audit_rows(&self, limit: usize) -> Result<Vec<AuditRow>> {
        self.audit_find(&Filter::default(), limit)
    }

    /// The latest `limit` audit rows that `filter` lets through, newest first.
    pub fn audit_find(&self, filter: &Filter, limit: usize) -> Result<Vec<AuditRow>> {
        let (from, until) = filter.at_bounds();
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, actor, action, entity, entity_id, before, after FROM audit
             WHERE (?1 = '' OR instr(actor, ?1) > 0)
               AND (?2 = '' OR instr(action, ?2) > 0 OR instr(entity, ?2) > 0
                    OR instr(coalesce(before, ''), ?2) > 0 OR instr(coalesce(after, ''), ?2) > 0)
               AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4)
             ORDER BY id DESC LIMIT ?5",
        )?;
        let rows = stmt.query_map(params![filter.actor.trim(), filter.text.trim(), from, until, limit as i64], |r| {
            Ok(AuditRow {
                at: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                entity: r.get(3)?,
                entity_id: r.get(4)?,
                before: r.get(5)?,
                after: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
