//! The capability standards' use cases: each post's 能力席位標準 by year, the bureau's scale,
//! and the officials' 能力席位書 with their draft → submitted → confirmed workflow.

use super::access::reviewer_of;
use super::command::{Applied, Command, Entity, StandardsCommand};
use super::{Result, ServiceError, existing_official, existing_post, json};
use crate::domain::access::Need;
use crate::domain::problem::{Field, Problem};
use crate::domain::standards::{Scale, SeatData, SeatStatus, may_move};
use crate::store::Db;

/// Applies one standards command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, command: StandardsCommand) -> Result<Applied> {
    let audit = |action: &'static str, entity: &str, id: i64, before: Option<String>, after: Option<String>| {
        db.audit(actor, action, entity, Some(id), before.as_deref(), after.as_deref())
    };
    Ok(match command {
        StandardsCommand::SaveStandard { post, year, data } => {
            existing_post(db, post)?;
            let data = data.validate()?;
            let before = db.standard(post, year)?;
            let id = db.save_standard(post, year, &data)?;
            audit("standard.save", "post_standard", id, before.as_ref().and_then(|b| json(&b.data)), json(&data))?;
            let undo = match before {
                Some(before) => Command::Standards(StandardsCommand::SaveStandard { post, year, data: before.data }),
                None => Command::Standards(StandardsCommand::DeleteStandard { post, year }),
            };
            Applied { action: "standard.save", entity: Entity::Standard(post), undo }
        }
        StandardsCommand::SaveScale(scale) => {
            let scale = scale.validate()?;
            let before = db.scale()?;
            db.save_scale(&scale)?;
            let snapshot = |s: &Scale| serde_json::to_string(&s.tier_levels).ok();
            audit("scale.save", "capability_level", 0, snapshot(&before), snapshot(&scale))?;
            Applied { action: "scale.save", entity: Entity::Scale, undo: Command::Standards(StandardsCommand::SaveScale(before)) }
        }
        StandardsCommand::DeleteStandard { post, year } => {
            let before = db.standard(post, year)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            db.delete_standard(post, year)?;
            audit("standard.delete", "post_standard", before.id, json(&before.data), None)?;
            Applied {
                action: "standard.delete",
                entity: Entity::Standard(post),
                undo: Command::Standards(StandardsCommand::SaveStandard { post, year, data: before.data }),
            }
        }
        StandardsCommand::SaveSeatStatement { official, year, data } => {
            existing_official(db, official)?;
            let data = data.validate()?;
            let before = db.seat_statement(official, year)?;
            check_seat_change(before.as_ref().map(|b| &b.data), &data)?;
            let id = db.save_seat_statement(official, year, &data)?;
            audit("seat.save", "seat_statement", id, before.as_ref().and_then(|b| json(&b.data)), json(&data))?;
            let undo = match before {
                Some(before) => Command::Standards(StandardsCommand::SaveSeatStatement { official, year, data: before.data }),
                None => Command::Standards(StandardsCommand::DeleteSeatStatement { official, year }),
            };
            Applied { action: "seat.save", entity: Entity::Seat(official), undo }
        }
        StandardsCommand::DeleteSeatStatement { official, year } => {
            let before = db.seat_statement(official, year)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            db.delete_seat_statement(official, year)?;
            audit("seat.delete", "seat_statement", before.id, json(&before.data), None)?;
            Applied {
                action: "seat.delete",
                entity: Entity::Seat(official),
                undo: Command::Standards(StandardsCommand::SaveSeatStatement { official, year, data: before.data }),
            }
        }
    })
}

/// The seat-statement workflow: a new statement starts as a draft; only a draft's content
/// changes (it may be submitted with its last edits); a submitted statement is confirmed or
/// returned to draft as it is; a confirmed one only goes back to draft.
fn check_seat_change(before: Option<&SeatData>, after: &SeatData) -> Result<()> {
    let Some(before) = before else {
        return if after.status == SeatStatus::Draft { Ok(()) } else { Err(ServiceError::one(Field::Status, Problem::BadStatusChange)) };
    };
    let same_content = SeatData { status: after.status, ..before.clone() } == *after;
    if before.status != after.status && !may_move(before.status, after.status) {
        return Err(ServiceError::one(Field::Status, Problem::BadStatusChange));
    }
    if !same_content && before.status != SeatStatus::Draft {
        return Err(ServiceError::one(Field::Record, Problem::Locked));
    }
    Ok(())
}

/// What a standards command needs: the official drafts and submits their own 能力席位書, their
/// reviewer confirms or returns it; the rest is the personnel section's.
pub(super) fn need(db: &Db<'_>, command: &StandardsCommand) -> Result<Need> {
    Ok(match command {
        StandardsCommand::SaveSeatStatement { official, year, data } => {
            let before = db.seat_statement(*official, *year)?.map(|s| s.data.status);
            let owners_step = matches!(
                (before, data.status),
                (None | Some(SeatStatus::Draft), SeatStatus::Draft) | (None | Some(SeatStatus::Draft), SeatStatus::Submitted)
            );
            if owners_step { Need::Owner(*official) } else { reviewer_of(db, *official)? }
        }
        StandardsCommand::SaveStandard { .. }
        | StandardsCommand::DeleteStandard { .. }
        | StandardsCommand::SaveScale(_)
        | StandardsCommand::DeleteSeatStatement { .. } => Need::Admin,
    })
}
