//! The roster's use cases: officials created, changed, deleted and restored, checked against
//! their unit, post and staff number; all the personnel section's.

use super::command::{Applied, Command, Entity, RosterCommand};
use super::{Result, ServiceError, existing_official, json};
use crate::domain::access::Need;
use crate::domain::catalogue::RankTier;
use crate::domain::identity::Photo;
use crate::domain::official::{OfficialContext, OfficialData, OfficialDraft};
use crate::domain::problem::{Field, Problem};
use crate::domain::ranks::TierMapping;
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
            let valid = validate_official(db, today, &draft, None, None, &db.tier_mapping()?)?;
            let id = db.insert_official(None, &new_uuid(), &valid)?;
            audit("official.create", "official", id.0, None, json(&existing_official(db, id)?))?;
            Applied { action: "official.create", entity: Entity::Official(id), undo: Command::Roster(RosterCommand::DeleteOfficial { id }) }
        }
        RosterCommand::UpdateOfficial { id, draft } => {
            let before = existing_official(db, id)?;
            let valid = validate_official(db, today, &draft, Some(id), before.post, &db.tier_mapping()?)?;
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
        RosterCommand::SetTierMapping(mapping) => {
            let before = db.tier_mapping()?;
            db.set_tier_mapping(&mapping)?;
            // Every derived tier follows the new mapping; people's own fields stay as they are.
            let tiers: Vec<(OfficialId, RankTier)> =
                db.officials()?.iter().filter(|o| o.tier_under(&mapping) != o.tier).map(|o| (o.id, o.tier_under(&mapping))).collect();
            db.set_tiers(&tiers)?;
            db.audit(actor, "tiers.mapping", "bureau", None, json(&before).as_deref(), json(&mapping).as_deref())?;
            Applied { action: "tiers.mapping", entity: Entity::TierMapping, undo: Command::Roster(RosterCommand::SetTierMapping(before)) }
        }
        RosterCommand::SetPhoto { id, photo } => {
            existing_official(db, id)?;
            let photo = match photo {
                Some(p) => Some(Photo::from_bytes(p.bytes).ok_or(ServiceError::one(Field::Photo, Problem::BadPhoto))?),
                None => None,
            };
            let before = db.photo(id)?.map(|(mime, bytes)| Photo { mime, bytes });
            db.set_photo(id, photo.as_ref().map(|p| (p.mime.as_str(), p.bytes.as_slice())))?;
            let size = |p: &Option<Photo>| p.as_ref().map(|p| format!("{{\"bytes\":{}}}", p.bytes.len()));
            audit("official.photo", "official", id.0, size(&before), size(&photo))?;
            Applied {
                action: "official.photo",
                entity: Entity::Official(id),
                undo: Command::Roster(RosterCommand::SetPhoto { id, photo: before }),
            }
        }
        RosterCommand::SetCadre { id, record } => {
            existing_official(db, id)?;
            let record = record.validate()?;
            let before = db.cadre(id)?;
            db.set_cadre(id, &record)?;
            audit("official.cadre", "official", id.0, json(&before), json(&record))?;
            Applied {
                action: "official.cadre",
                entity: Entity::Official(id),
                undo: Command::Roster(RosterCommand::SetCadre { id, record: Box::new(before) }),
            }
        }
        RosterCommand::RestoreOfficial(official) => {
            let valid = validate_official(db, today, &OfficialDraft::from_official(&official), None, official.post, &db.tier_mapping()?)?;
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
    mapping: &TierMapping,
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
        id_number_holder: match draft.identity.id_number.trim() {
            "" => None,
            number => db.id_number_holder(&number.to_ascii_uppercase(), id)?,
        },
        previous_post,
        mapping,
    };
    let mut valid = draft.validate(&ctx)?;
    if valid.staff_no.is_empty() {
        valid.staff_no = db.free_staff_no()?;
    }
    Ok(valid)
}

/// What a roster command needs: every one is the personnel section's.
pub(super) fn need(command: &RosterCommand) -> Need {
    match command {
        RosterCommand::CreateOfficial(_)
        | RosterCommand::UpdateOfficial { .. }
        | RosterCommand::DeleteOfficial { .. }
        | RosterCommand::RestoreOfficial(_)
        | RosterCommand::SetTierMapping(_)
        | RosterCommand::SetPhoto { .. }
        | RosterCommand::SetCadre { .. } => Need::Admin,
    }
}
