//! The programme's use cases: milestones, phase dates and the leading group's members.

use super::command::{Applied, Command, Entity, ProgrammeCommand};
use super::{Result, ServiceError, existing_unit, json};
use crate::domain::access::Need;
use crate::domain::problem::{Field, Problem};
use crate::store::Db;
use chrono::NaiveDate;

/// Applies one programme command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, today: NaiveDate, command: ProgrammeCommand) -> Result<Applied> {
    let audit = |action: &'static str, entity: &str, id: i64, before: Option<String>, after: Option<String>| {
        db.audit(actor, action, entity, Some(id), before.as_deref(), after.as_deref())
    };
    Ok(match command {
        ProgrammeCommand::UpdateMilestone { id, data } => {
            let before = db.milestone(id)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            let data = data.validate(today)?;
            if let Some(unit) = data.unit {
                existing_unit(db, unit)?;
            }
            db.update_milestone(id, &data)?;
            audit("milestone.update", "milestone", id, json(&before), json(&data))?;
            Applied {
                action: "milestone.update",
                entity: Entity::Programme,
                undo: Command::Programme(ProgrammeCommand::UpdateMilestone { id, data: before }),
            }
        }
        ProgrammeCommand::UpdatePhaseDates { id, start, end } => {
            let (old_start, old_end) = db.phase_dates(id)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            if end < start {
                return Err(ServiceError::one(Field::Record, Problem::BadDate));
            }
            db.update_phase_dates(id, start, end)?;
            audit("phase.update", "programme_phase", id, json(&(old_start, old_end)), json(&(start, end)))?;
            Applied {
                action: "phase.update",
                entity: Entity::Programme,
                undo: Command::Programme(ProgrammeCommand::UpdatePhaseDates { id, start: old_start, end: old_end }),
            }
        }
        ProgrammeCommand::AddMember { programme, member } => {
            let member = member.validate()?;
            let id = db.insert_member(programme, &member)?;
            audit("member.add", "leading_group_member", id, None, json(&member))?;
            Applied { action: "member.add", entity: Entity::Programme, undo: Command::Programme(ProgrammeCommand::DeleteMember { id }) }
        }
        ProgrammeCommand::DeleteMember { id } => {
            let (programme, member) = db.member(id)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            db.delete_member(id)?;
            audit("member.delete", "leading_group_member", id, json(&member), None)?;
            Applied {
                action: "member.delete",
                entity: Entity::Programme,
                undo: Command::Programme(ProgrammeCommand::AddMember { programme, member }),
            }
        }
    })
}

/// What a programme command needs: every one is the personnel section's.
pub(super) fn need(command: &ProgrammeCommand) -> Need {
    match command {
        ProgrammeCommand::UpdateMilestone { .. }
        | ProgrammeCommand::UpdatePhaseDates { .. }
        | ProgrammeCommand::AddMember { .. }
        | ProgrammeCommand::DeleteMember { .. } => Need::Admin,
    }
}
