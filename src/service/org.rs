//! The organisation's use cases: units and posts (with their duty statements) created, changed,
//! moved, retired, deleted and restored, each with its undo and audit row; all the personnel
//! section's.

use super::command::{Applied, Command, Entity, OrgCommand};
use super::{Result, ServiceError, existing_post, existing_unit, json};
use crate::domain::access::Need;
use crate::domain::catalogue::UnitKind;
use crate::domain::org::{self, PostDraft, Unit};
use crate::domain::problem::{Field, Problem};
use crate::store::{Db, new_uuid};

/// Applies one org command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, command: OrgCommand) -> Result<Applied> {
    let audit = |action: &'static str, entity: &str, id: i64, before: Option<String>, after: Option<String>| {
        db.audit(actor, action, entity, Some(id), before.as_deref(), after.as_deref())
    };
    Ok(match command {
        OrgCommand::CreateUnit { parent, name, kind } => {
            let name = org::validate_unit_name(&name)?;
            let parent_unit = db.unit(parent)?.ok_or(ServiceError::one(Field::Parent, Problem::NotFound))?;
            if parent_unit.retired {
                return Err(ServiceError::one(Field::Parent, Problem::UnitRetired));
            }
            if kind == UnitKind::Bureau {
                return Err(ServiceError::one(Field::UnitKind, Problem::RootFixed));
            }
            let position = db.next_unit_position(Some(parent))?;
            let id = db.insert_unit(None, &new_uuid(), Some(parent), &name, kind, position)?;
            audit("unit.create", "unit", id.0, None, json(&existing_unit(db, id)?))?;
            Applied { action: "unit.create", entity: Entity::Unit(id), undo: Command::Org(OrgCommand::DeleteUnit { id }) }
        }
        OrgCommand::UpdateUnit { id, name, kind } => {
            let name = org::validate_unit_name(&name)?;
            let before = existing_unit(db, id)?;
            if (before.kind == UnitKind::Bureau) != (kind == UnitKind::Bureau) {
                return Err(ServiceError::one(Field::UnitKind, Problem::RootFixed));
            }
            let after = Unit { name, kind, ..before.clone() };
            db.update_unit(&after)?;
            audit("unit.update", "unit", id.0, json(&before), json(&after))?;
            Applied {
                action: "unit.update",
                entity: Entity::Unit(id),
                undo: Command::Org(OrgCommand::UpdateUnit { id, name: before.name, kind: before.kind }),
            }
        }
        OrgCommand::SetUnitAliases { id, aliases } => {
            existing_unit(db, id)?;
            let mut clean: Vec<String> = Vec::new();
            for alias in &aliases {
                let alias =
                    org::validate_unit_name(alias).map_err(|_| ServiceError::one(Field::UnitName, Problem::TooLong { max: 100 }))?;
                if !clean.contains(&alias) {
                    clean.push(alias);
                }
            }
            let before: Vec<String> = db.unit_aliases()?.into_iter().filter(|a| a.0 == id).map(|a| a.1).collect();
            db.set_unit_aliases(id, &clean)?;
            audit("unit.aliases", "unit", id.0, json(&before), json(&clean))?;
            Applied {
                action: "unit.aliases",
                entity: Entity::Unit(id),
                undo: Command::Org(OrgCommand::SetUnitAliases { id, aliases: before }),
            }
        }
        OrgCommand::MoveUnit { id, parent } => {
            let units = db.units()?;
            org::check_move(&units, id, Some(parent)).map_err(|p| ServiceError::Invalid(vec![p]))?;
            let before = existing_unit(db, id)?;
            let Some(old_parent) = before.parent else {
                return Err(ServiceError::one(Field::Parent, Problem::RootFixed));
            };
            if existing_unit(db, parent)?.retired {
                return Err(ServiceError::one(Field::Parent, Problem::UnitRetired));
            }
            let after = Unit { parent: Some(parent), position: db.next_unit_position(Some(parent))?, ..before.clone() };
            db.update_unit(&after)?;
            audit("unit.move", "unit", id.0, json(&before), json(&after))?;
            Applied { action: "unit.move", entity: Entity::Unit(id), undo: Command::Org(OrgCommand::MoveUnit { id, parent: old_parent }) }
        }
        OrgCommand::SetUnitRetired { id, retired } => {
            let before = existing_unit(db, id)?;
            let Some(parent) = before.parent else {
                return Err(ServiceError::one(Field::Record, Problem::RootFixed));
            };
            if retired {
                let usage = db.unit_usage(id)?;
                if usage.active_children + usage.active_posts + usage.active_officials > 0 {
                    return Err(ServiceError::one(Field::Record, unit_not_empty(usage, true)));
                }
            } else if existing_unit(db, parent)?.retired {
                return Err(ServiceError::one(Field::Parent, Problem::UnitRetired));
            }
            let after = Unit { retired, ..before.clone() };
            db.update_unit(&after)?;
            let action = if retired { "unit.retire" } else { "unit.reinstate" };
            audit(action, "unit", id.0, json(&before), json(&after))?;
            Applied { action, entity: Entity::Unit(id), undo: Command::Org(OrgCommand::SetUnitRetired { id, retired: !retired }) }
        }
        OrgCommand::DeleteUnit { id } => {
            let before = existing_unit(db, id)?;
            if before.parent.is_none() {
                return Err(ServiceError::one(Field::Record, Problem::RootFixed));
            }
            let usage = db.unit_usage(id)?;
            if usage.children + usage.posts + usage.officials > 0 {
                return Err(ServiceError::one(Field::Record, unit_not_empty(usage, false)));
            }
            if usage.records > 0 {
                return Err(ServiceError::one(Field::Record, Problem::UnitHasRecords { records: usage.records }));
            }
            db.delete_unit(id)?;
            audit("unit.delete", "unit", id.0, json(&before), None)?;
            Applied { action: "unit.delete", entity: Entity::Unit(id), undo: Command::Org(OrgCommand::RestoreUnit(before)) }
        }
        OrgCommand::RestoreUnit(unit) => {
            let name = org::validate_unit_name(&unit.name)?;
            let Some(parent) = unit.parent else {
                return Err(ServiceError::one(Field::Parent, Problem::RootFixed));
            };
            existing_unit(db, parent)?;
            let id = db.insert_unit(Some(unit.id), &unit.uuid, Some(parent), &name, unit.kind, unit.position)?;
            if unit.retired {
                db.update_unit(&Unit { name, ..unit.clone() })?;
            }
            audit("unit.restore", "unit", id.0, None, json(&unit))?;
            Applied { action: "unit.restore", entity: Entity::Unit(id), undo: Command::Org(OrgCommand::DeleteUnit { id }) }
        }
        OrgCommand::CreatePost(draft) => {
            let valid = validate_post(db, &draft)?;
            let id = db.insert_post(None, &new_uuid(), &valid, false)?;
            audit("post.create", "post", id.0, None, json(&existing_post(db, id)?))?;
            Applied { action: "post.create", entity: Entity::Post(id), undo: Command::Org(OrgCommand::DeletePost { id }) }
        }
        OrgCommand::UpdatePost { id, draft } => {
            let before = existing_post(db, id)?;
            let valid = validate_post(db, &draft)?;
            if valid.unit != before.unit {
                let (holders, _) = db.post_holders(id)?;
                if holders > 0 {
                    return Err(ServiceError::one(Field::Unit, Problem::PostMoveHeld { officials: holders }));
                }
            }
            db.update_post(id, &valid, before.retired)?;
            audit("post.update", "post", id.0, json(&before), json(&existing_post(db, id)?))?;
            Applied {
                action: "post.update",
                entity: Entity::Post(id),
                undo: Command::Org(OrgCommand::UpdatePost { id, draft: PostDraft::from_post(&before) }),
            }
        }
        OrgCommand::SetPostRetired { id, retired } => {
            let before = existing_post(db, id)?;
            let (_, active) = db.post_holders(id)?;
            if retired && active > 0 {
                return Err(ServiceError::one(Field::Record, Problem::PostHeld { officials: active }));
            }
            if !retired && existing_unit(db, before.unit)?.retired {
                return Err(ServiceError::one(Field::Unit, Problem::UnitRetired));
            }
            db.update_post(id, &before.data, retired)?;
            let action = if retired { "post.retire" } else { "post.reinstate" };
            audit(action, "post", id.0, json(&before), json(&existing_post(db, id)?))?;
            Applied { action, entity: Entity::Post(id), undo: Command::Org(OrgCommand::SetPostRetired { id, retired: !retired }) }
        }
        OrgCommand::DeletePost { id } => {
            let before = existing_post(db, id)?;
            let (holders, _) = db.post_holders(id)?;
            if holders > 0 {
                return Err(ServiceError::one(Field::Record, Problem::PostHeld { officials: holders }));
            }
            db.delete_post(id)?;
            audit("post.delete", "post", id.0, json(&before), None)?;
            Applied { action: "post.delete", entity: Entity::Post(id), undo: Command::Org(OrgCommand::RestorePost(before)) }
        }
        OrgCommand::RestorePost(post) => {
            let valid = validate_post(db, &PostDraft::from_post(&post))?;
            let id = db.insert_post(Some(post.id), &post.uuid, &valid, post.retired)?;
            audit("post.restore", "post", id.0, None, json(&post))?;
            Applied { action: "post.restore", entity: Entity::Post(id), undo: Command::Org(OrgCommand::DeletePost { id }) }
        }
    })
}

pub(super) fn validate_post(db: &Db<'_>, draft: &PostDraft) -> Result<org::PostData> {
    let unit = match draft.unit {
        Some(id) => db.unit(id)?,
        None => None,
    };
    Ok(draft.validate(unit.as_ref())?)
}

fn unit_not_empty(usage: crate::store::UnitUsage, active_only: bool) -> Problem {
    if active_only {
        Problem::UnitNotEmpty { children: usage.active_children, posts: usage.active_posts, officials: usage.active_officials }
    } else {
        Problem::UnitNotEmpty { children: usage.children, posts: usage.posts, officials: usage.officials }
    }
}

/// What an organisation command needs: every one is the personnel section's.
pub(super) fn need(command: &OrgCommand) -> Need {
    match command {
        OrgCommand::CreateUnit { .. }
        | OrgCommand::UpdateUnit { .. }
        | OrgCommand::MoveUnit { .. }
        | OrgCommand::SetUnitRetired { .. }
        | OrgCommand::DeleteUnit { .. }
        | OrgCommand::RestoreUnit(_)
        | OrgCommand::SetUnitAliases { .. }
        | OrgCommand::CreatePost(_)
        | OrgCommand::UpdatePost { .. }
        | OrgCommand::SetPostRetired { .. }
        | OrgCommand::DeletePost { .. }
        | OrgCommand::RestorePost(_) => Need::Admin,
    }
}
