//! The roster's use cases: officials created, changed, deleted and restored, checked against
//! their unit, post and staff number; all the personnel section's.

use super::command::{Applied, Command, Entity, RosterCommand};
use super::{Result, ServiceError, existing_official, json};
use crate::domain::access::Need;
use crate::domain::official::{OfficialContext, OfficialData, OfficialDraft};
use crate::domain::problem::{Field, Problem};
use crate::domain::{OfficialId, PostId};
use crate::store::{Db, new_uuid};
use chrono::NaiveDate;

/// Applies one roster command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, today: NaiveDate, command: RosterCommand) -> Result<Applied> {
    let audit = |action: &'static str, entity: &str, id: i64, before: Option<String>, after: Option<String>| {
        db.audit(actor, action, entity, Some(id), before.as_deref(), after.as_deref())
    };
    Ok(match command {
        RosterCommand::CreateOfficial(draft) => {
            let valid = validate_official(db, today, &draft, None, None)?;
            let id = db.insert_official(None, &new_uuid(), &valid)?;
            audit("official.create", "official", id.0, None, json(&existing_official(db, id)?))?;
            Applied { action: "official.create", entity: Entity::Official(id), undo: Command::Roster(RosterCommand::DeleteOfficial { id }) }
        }
        RosterCommand::UpdateOfficial { id, draft } => {
            let before = existing_official(db, id)?;
            let valid = validate_official(db, today, &draft, Some(id), before.post)?;
            db.update_official(id, &valid)?;
            audit("official.update", "official", id.0, json(&before), json(&existing_official(db, id)?))?;
            Applied {
                action: "official.update",
                entity: Entity::Official(id),
                undo: Command::Roster(RosterCommand::UpdateOfficial { id, draft: OfficialDraft::from_official(&before) }),
            }
        }
        RosterCommand::DeleteOfficial { id } => {
            let before = existing_official(db, id)?;
            let records = db.official_records(id)?;
            if records > 0 {
                return Err(ServiceError::one(Field::Record, Problem::HasRecords { records }));
            }
            db.delete_official(id)?;
            audit("official.delete", "official", id.0, json(&before), None)?;
            Applied {
                action: "official.delete",
                entity: Entity::Official(id),
                undo: Command::Roster(RosterCommand::RestoreOfficial(before)),
            }
        }
        RosterCommand::RestoreOfficial(official) => {
            let valid = validate_official(db, today, &OfficialDraft::from_official(&official), None, official.post)?;
            let id = db.insert_official(Some(official.id), &official.uuid, &valid)?;
            audit("official.restore", "official", id.0, None, json(&official))?;
            Applied {
                action: "official.restore",
                entity: Entity::Official(id),
                undo: Command::Roster(RosterCommand::DeleteOfficial { id }),
            }
        }
    })
}

pub(super) fn validate_official(
    db: &Db<'_>,
    today: NaiveDate,
    draft: &OfficialDraft,
    id: Option<OfficialId>,
    previous_post: Option<PostId>,
) -> Result<OfficialData> {
    let unit = match draft.unit {
        Some(u) => db.unit(u)?,
        None => None,
    };
    let post = match draft.post {
        Some(p) => db.post(p)?,
        None => None,
    };
    let ctx = OfficialContext {
        today,
        unit: unit.as_ref(),
        post: post.as_ref(),
        staff_no_holder: db.staff_no_holder(draft.staff_no_key(), id)?,
        previous_post,
    };
    Ok(draft.validate(&ctx)?)
}

/// What a roster command needs: every one is the personnel section's.
pub(super) fn need(command: &RosterCommand) -> Need {
    match command {
        RosterCommand::CreateOfficial(_)
        | RosterCommand::UpdateOfficial { .. }
        | RosterCommand::DeleteOfficial { .. }
        | RosterCommand::RestoreOfficial(_) => Need::Admin,
    }
}
