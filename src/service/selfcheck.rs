//! The self-check use cases inside one transaction: rounds, the official's self-check and the
//! reviewer's steps (each with its undo), peer checks, opinions, tests and plan items.
//! Permission has been checked by the caller; here are the workflow's own rules.

use super::access::{not_found, plan_need, reviewer_of};
use super::command::SelfCheckCommand;
use super::command::{Applied, Command, Entity};
use super::{Result, ServiceError, existing_official, json};
use crate::domain::access::Need;
use crate::domain::catalogue::OfficialStatus;
use crate::domain::plans::PlanItem;
use crate::domain::problem::{Field, FieldProblem, Problem, Problems};
use crate::domain::selfcheck::{
    CheckStatus, MAX_NOTE, Opinion, PeerCheck, Review, Round, SelfCheck, SelfCheckData, Step, check_score, next_status,
};
use crate::domain::text::{MAX_TITLE, clean};
use crate::domain::{OfficialId, UnitId};
use crate::store::{Db, new_uuid};

pub use crate::domain::selfcheck::Detail;

fn one(field: Field, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldProblem::new(field, problem)])
}

fn existing_round(db: &Db<'_>, id: i64) -> Result<Round> {
    db.round(id)?.ok_or(one(Field::Record, Problem::NotFound))
}

/// Whether an official takes part in a round: active, in one of its units (or any).
pub fn takes_part(units: &[crate::domain::org::Unit], round: &Round, unit: UnitId, status: OfficialStatus) -> bool {
    status == OfficialStatus::Active
        && (round.data.units.is_empty() || round.data.units.iter().any(|u| crate::domain::org::subtree(units, *u).contains(&unit)))
}

/// The round, open, with `official` taking part.
fn open_round_for(db: &Db<'_>, round: i64, official: OfficialId) -> Result<Round> {
    let round = existing_round(db, round)?;
    if round.data.closed {
        return Err(one(Field::Record, Problem::RoundClosed));
    }
    let who = existing_official(db, official)?;
    if !takes_part(&db.units()?, &round, who.unit, who.status) {
        return Err(one(Field::Official, Problem::NotInRound));
    }
    Ok(round)
}

fn blank(round: i64, official: OfficialId) -> SelfCheck {
    SelfCheck {
        id: 0,
        uuid: new_uuid(),
        round,
        official,
        status: CheckStatus::Draft,
        data: SelfCheckData::default(),
        review: Review::default(),
        return_reason: String::new(),
        version: 0,
    }
}

fn save_check(
    db: &Db<'_>,
    actor: &str,
    action: &'static str,
    before: Option<SelfCheck>,
    after: SelfCheck,
    by_owner: bool,
) -> Result<Applied> {
    let (round, official) = (after.round, after.official);
    let id = db.save_self_check(&after.uuid, &after)?;
    db.audit(actor, action, "self_check", Some(id), before.as_ref().and_then(json).as_deref(), json(&after).as_deref())?;
    Ok(Applied {
        action,
        entity: Entity::SelfCheck { round, official },
        undo: Command::SelfCheck(SelfCheckCommand::RestoreSelfCheck { round, official, before: before.map(Box::new), by_owner }),
    })
}

/// Applies one SelfCheck command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, command: SelfCheckCommand) -> Result<Applied> {
    let audit = |action: &'static str, entity: &str, id: i64, before: Option<String>, after: Option<String>| {
        db.audit(actor, action, entity, Some(id), before.as_deref(), after.as_deref())
    };
    Ok(match command {
        SelfCheckCommand::SaveRound { id, data } => {
            let data = data.validate()?;
            for unit in &data.units {
                db.unit(*unit)?.ok_or(one(Field::Unit, Problem::NotFound))?;
            }
            let before = match id {
                Some(id) => Some(existing_round(db, id)?),
                None => None,
            };
            let uuid = before.as_ref().map_or_else(new_uuid, |b| b.uuid.clone());
            let saved = db.save_round(id, &uuid, &data)?;
            audit("round.save", "selfcheck_round", saved, before.as_ref().and_then(|b| json(&b.data)), json(&data))?;
            let undo = match before {
                Some(before) => Command::SelfCheck(SelfCheckCommand::SaveRound { id: Some(saved), data: before.data }),
                None => Command::SelfCheck(SelfCheckCommand::DeleteRound { id: saved }),
            };
            Applied { action: "round.save", entity: Entity::Round(saved), undo }
        }
        SelfCheckCommand::DeleteRound { id } => {
            let before = existing_round(db, id)?;
            if !db.round_levels(id)?.is_empty() || !db.peer_checks(id)?.is_empty() {
                return Err(one(Field::Record, Problem::Locked));
            }
            db.delete_round(id)?;
            audit("round.delete", "selfcheck_round", id, json(&before.data), None)?;
            Applied {
                action: "round.delete",
                entity: Entity::Round(id),
                undo: Command::SelfCheck(SelfCheckCommand::SaveRound { id: None, data: before.data }),
            }
        }
        SelfCheckCommand::SaveSelfCheck { round, official, data, submit } => {
            open_round_for(db, round, official)?;
            let before = db.self_check(round, official)?;
            let current = before.clone().unwrap_or_else(|| blank(round, official));
            let step = if submit { Step::Submit } else { Step::Save };
            let status = next_status(current.status, step).ok_or(one(Field::Status, Problem::Locked))?;
            let data = data.validate(submit)?;
            let action = if submit { "selfcheck.submit" } else { "selfcheck.save" };
            save_check(db, actor, action, before, SelfCheck { status, data, ..current }, true)?
        }
        SelfCheckCommand::ReviewSelfCheck { round, official, review, step, reason } => {
            open_round_for(db, round, official)?;
            let before = db.self_check(round, official)?.ok_or(one(Field::Record, Problem::NotFound))?;
            if before.status.editable() {
                // Nothing to review until it is handed in.
                return Err(one(Field::Status, Problem::BadStatusChange));
            }
            let review = Review { by: actor.to_owned(), ..review.validate(step == Some(Step::Accept))? };
            let mut problems = Problems::default();
            let reason = clean(&reason, Field::Reason, step == Some(Step::Return), MAX_NOTE, &mut problems);
            problems.finish(())?;
            let (status, action, return_reason) = match step {
                None => (before.status, "selfcheck.review", before.return_reason.clone()),
                Some(step @ (Step::Return | Step::Accept)) => {
                    let status = next_status(before.status, step).ok_or(one(Field::Status, Problem::BadStatusChange))?;
                    if step == Step::Return {
                        (status, "selfcheck.return", reason)
                    } else {
                        (status, "selfcheck.accept", before.return_reason.clone())
                    }
                }
                Some(_) => return Err(one(Field::Status, Problem::BadStatusChange)),
            };
            save_check(db, actor, action, Some(before.clone()), SelfCheck { status, review, return_reason, ..before }, false)?
        }
        SelfCheckCommand::RestoreSelfCheck { round, official, before, by_owner } => {
            let current = db.self_check(round, official)?;
            let restored = before.map(|b| *b);
            // Each party puts back only its own part: the official their content while it is
            // still theirs to edit (once handed in, only a reviewer sends it back), the reviewer
            // their review and the status.
            let allowed = match (&current, &restored) {
                (None, _) => false,
                (Some(now), Some(then)) if by_owner => then.status.editable() && now.status.editable() && then.review == now.review,
                (Some(now), None) if by_owner => now.status.editable() && now.review == Review::default(),
                (Some(now), Some(then)) => then.data == now.data && then.status != CheckStatus::Draft,
                (Some(_), None) => false,
            };
            if !allowed {
                return Err(one(Field::Status, Problem::Locked));
            }
            let Some(now) = current else { return Err(one(Field::Record, Problem::NotFound)) };
            match restored {
                Some(then) => {
                    let after = SelfCheck { id: now.id, uuid: now.uuid.clone(), ..then };
                    save_check(db, actor, "selfcheck.restore", Some(now), after, by_owner)?
                }
                None => {
                    db.delete_self_check(round, official)?;
                    audit("selfcheck.restore", "self_check", now.id, json(&now), None)?;
                    Applied {
                        action: "selfcheck.restore",
                        entity: Entity::SelfCheck { round, official },
                        undo: Command::SelfCheck(SelfCheckCommand::SaveSelfCheck {
                            round,
                            official,
                            data: Box::new(now.data),
                            submit: false,
                        }),
                    }
                }
            }
        }
        SelfCheckCommand::AssignPeer { round, subject, peer } => {
            open_round_for(db, round, subject)?;
            existing_official(db, peer)?;
            if subject == peer {
                return Err(one(Field::Official, Problem::Cycle));
            }
            let check = PeerCheck { id: 0, round, subject, peer, levels: [None; 8], comment: String::new() };
            let id = db.save_peer_check(&new_uuid(), &check)?;
            audit("peer.assign", "peer_check", id, None, json(&PeerCheck { id, ..check }))?;
            Applied { action: "peer.assign", entity: Entity::Round(round), undo: Command::SelfCheck(SelfCheckCommand::DeletePeer { id }) }
        }
        SelfCheckCommand::SavePeerCheck { id, levels, comment } => {
            let before = db.peer_check(id)?.ok_or(one(Field::Record, Problem::NotFound))?;
            open_round_for(db, before.round, before.subject)?;
            let mut problems = Problems::default();
            let comment = clean(&comment, Field::Comment, false, MAX_NOTE, &mut problems);
            let review = Review { levels, ..Review::default() }.validate(false);
            problems.finish(())?;
            let levels = review?.levels;
            let after = PeerCheck { levels, comment, ..before.clone() };
            db.save_peer_check("", &after)?;
            audit("peer.save", "peer_check", id, json(&before), json(&after))?;
            Applied {
                action: "peer.save",
                entity: Entity::Round(before.round),
                undo: Command::SelfCheck(SelfCheckCommand::SavePeerCheck { id, levels: before.levels, comment: before.comment }),
            }
        }
        SelfCheckCommand::DeletePeer { id } => {
            let before = db.peer_check(id)?.ok_or(one(Field::Record, Problem::NotFound))?;
            db.delete_peer_check(id)?;
            audit("peer.delete", "peer_check", id, json(&before), None)?;
            Applied {
                action: "peer.delete",
                entity: Entity::Round(before.round),
                undo: Command::SelfCheck(SelfCheckCommand::RestorePeer(before)),
            }
        }
        SelfCheckCommand::RestorePeer(check) => {
            existing_round(db, check.round)?;
            let id = db.save_peer_check(&new_uuid(), &PeerCheck { id: 0, ..check.clone() })?;
            audit("peer.assign", "peer_check", id, None, json(&check))?;
            Applied {
                action: "peer.assign",
                entity: Entity::Round(check.round),
                undo: Command::SelfCheck(SelfCheckCommand::DeletePeer { id }),
            }
        }
        SelfCheckCommand::AddOpinion(opinion) => {
            existing_round(db, opinion.round)?;
            existing_official(db, opinion.official)?;
            let mut problems = Problems::default();
            let source = clean(&opinion.source, Field::Title, false, MAX_TITLE, &mut problems);
            let note = clean(&opinion.note, Field::Comment, true, MAX_NOTE, &mut problems);
            let opinion = problems.finish(Opinion { source, note, ..opinion })?;
            let id = db.insert_opinion(&new_uuid(), &opinion)?;
            audit("opinion.add", "opinion", id, None, json(&opinion))?;
            Applied {
                action: "opinion.add",
                entity: Entity::Round(opinion.round),
                undo: Command::SelfCheck(SelfCheckCommand::DeleteOpinion { id }),
            }
        }
        SelfCheckCommand::DeleteOpinion { id } => {
            let before = db.opinion(id)?.ok_or(one(Field::Record, Problem::NotFound))?;
            db.delete_opinion(id)?;
            audit("opinion.delete", "opinion", id, json(&before), None)?;
            Applied {
                action: "opinion.delete",
                entity: Entity::Round(before.round),
                undo: Command::SelfCheck(SelfCheckCommand::AddOpinion(Opinion { id: 0, ..before })),
            }
        }
        SelfCheckCommand::AddTest(test) => {
            let mut problems = Problems::default();
            let name = clean(&test.name, Field::Title, true, MAX_TITLE, &mut problems);
            if let Err(p) = check_score(test.pass_mark) {
                problems.0.push(p);
            }
            let test = problems.finish(crate::domain::selfcheck::Test { name, ..test })?;
            let id = db.insert_test(&new_uuid(), &test)?;
            audit("test.add", "capability_test", id, None, json(&test))?;
            Applied { action: "test.add", entity: Entity::Round(0), undo: Command::SelfCheck(SelfCheckCommand::DeleteTest { id }) }
        }
        SelfCheckCommand::DeleteTest { id } => {
            let before = db.tests()?.into_iter().find(|t| t.id == id).ok_or(one(Field::Record, Problem::NotFound))?;
            if db.count_scores(id)? > 0 {
                return Err(one(Field::Record, Problem::Locked));
            }
            db.delete_test(id)?;
            audit("test.delete", "capability_test", id, json(&before), None)?;
            Applied { action: "test.delete", entity: Entity::Round(0), undo: Command::SelfCheck(SelfCheckCommand::AddTest(before)) }
        }
        SelfCheckCommand::SetScore { test, official, score } => {
            db.tests()?.into_iter().find(|t| t.id == test).ok_or(one(Field::Record, Problem::NotFound))?;
            existing_official(db, official)?;
            let score = score.map(check_score).transpose().map_err(|p| ServiceError::Invalid(vec![p]))?;
            let before = db.score(test, official)?;
            db.set_score(test, official, score)?;
            audit("test.score", "test_score", test, json(&(official, before)), json(&(official, score)))?;
            Applied {
                action: "test.score",
                entity: Entity::Official(official),
                undo: Command::SelfCheck(SelfCheckCommand::SetScore { test, official, score: before }),
            }
        }
        SelfCheckCommand::SavePlanItem { id, data } => {
            let data = data.validate()?;
            match data.owner {
                crate::domain::plans::PlanOwner::Official(o) => drop(existing_official(db, o)?),
                crate::domain::plans::PlanOwner::Unit(u) => drop(db.unit(u)?.ok_or(one(Field::Unit, Problem::NotFound))?),
            }
            match id {
                Some(id) => {
                    let before = db.plan_item(id)?.ok_or(one(Field::Record, Problem::NotFound))?;
                    db.save_plan_item(Some(id), &before.uuid, &data, false)?;
                    audit("plan.save", "plan_item", id, json(&before.data), json(&data))?;
                    Applied {
                        action: "plan.save",
                        entity: Entity::Plan(data.owner),
                        undo: Command::SelfCheck(SelfCheckCommand::SavePlanItem { id: Some(id), data: before.data }),
                    }
                }
                None => {
                    let id = db.save_plan_item(None, &new_uuid(), &data, true)?;
                    audit("plan.add", "plan_item", id, None, json(&data))?;
                    Applied {
                        action: "plan.add",
                        entity: Entity::Plan(data.owner),
                        undo: Command::SelfCheck(SelfCheckCommand::DeletePlanItem { id }),
                    }
                }
            }
        }
        SelfCheckCommand::DeletePlanItem { id } => {
            let before = db.plan_item(id)?.ok_or(one(Field::Record, Problem::NotFound))?;
            db.delete_plan_item(id)?;
            audit("plan.delete", "plan_item", id, json(&before), None)?;
            Applied {
                action: "plan.delete",
                entity: Entity::Plan(before.data.owner),
                undo: Command::SelfCheck(SelfCheckCommand::RestorePlanItem(before)),
            }
        }
        SelfCheckCommand::RestorePlanItem(item) => {
            let PlanItem { id, uuid, data } = item;
            let data = data.validate()?;
            let id = db.save_plan_item(Some(id), &uuid, &data, true)?;
            audit("plan.add", "plan_item", id, None, json(&data))?;
            Applied {
                action: "plan.add",
                entity: Entity::Plan(data.owner),
                undo: Command::SelfCheck(SelfCheckCommand::DeletePlanItem { id }),
            }
        }
    })
}

/// One participant of a round as the self-check list shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckRow {
    pub official: OfficialId,
    pub staff_no: String,
    pub name: String,
    pub unit: UnitId,
    pub unit_name: String,
    pub tier: crate::domain::catalogue::RankTier,
    pub status: Option<CheckStatus>,
}

/// A round's analysis for a unit (with its sub-units) or the whole bureau.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoundAnalysis {
    pub participants: Vec<crate::domain::selfcheck::Participant>,
    pub analysis: crate::domain::selfcheck::Analysis,
}

/// The levels required of an official: their post's standard for the year at their tier,
/// else their tier's default level (then `true`: the requirement is a default, not a standard).
fn required(
    tier: crate::domain::catalogue::RankTier,
    post: Option<&crate::domain::org::Post>,
    standard: Option<&crate::domain::standards::StandardData>,
    scale: &crate::domain::standards::Scale,
) -> (crate::domain::selfcheck::Levels, bool) {
    let levels = match (post, standard) {
        (Some(post), Some(standard)) => standard.levels_for(tier, post.tier),
        _ => Default::default(),
    };
    if levels.is_empty() { ([Some(scale.default_level(tier)); 8], true) } else { (crate::domain::selfcheck::levels_from(&levels), false) }
}

impl super::Service {
    /// The self-check rounds, newest first.
    pub fn rounds(&self) -> Result<Vec<Round>> {
        Ok(self.read().rounds()?)
    }

    /// The round's participants the account logged in may see, with their status.
    pub fn round_rows(&self, round: i64) -> Result<Vec<CheckRow>> {
        let db = self.read();
        let round = existing_round(&db, round)?;
        let units = db.units()?;
        let names: std::collections::HashMap<UnitId, &str> = units.iter().map(|u| (u.id, u.name.as_str())).collect();
        let statuses: std::collections::HashMap<OfficialId, CheckStatus> =
            db.round_levels(round.id)?.into_iter().map(|c| (c.official, c.status)).collect();
        let included: std::collections::HashSet<UnitId> = if round.data.units.is_empty() {
            units.iter().map(|u| u.id).collect()
        } else {
            round.data.units.iter().flat_map(|u| crate::domain::org::subtree(&units, *u)).collect()
        };
        let access = self.access();
        Ok(db
            .roster_rows()?
            .into_iter()
            .filter(|r| r.status == OfficialStatus::Active && included.contains(&r.unit) && access.may_see(r.id, r.unit))
            .map(|r| CheckRow {
                official: r.id,
                status: statuses.get(&r.id).copied(),
                unit_name: names.get(&r.unit).copied().unwrap_or_default().to_owned(),
                staff_no: r.staff_no,
                name: r.name,
                unit: r.unit,
                tier: r.tier,
            })
            .collect())
    }

    /// One official's self-check, reviews, peer checks, opinions, scores and plan in a round;
    /// refused unless the account may see that official.
    pub fn check_detail(&self, round: i64, official: OfficialId) -> Result<Detail> {
        let db = self.read();
        let round = existing_round(&db, round)?;
        let who = existing_official(&db, official)?;
        if !self.access().may_see(official, who.unit) {
            return Err(ServiceError::Forbidden);
        }
        let post = match who.post {
            Some(p) => db.post(p)?,
            None => None,
        };
        let standard = match who.post {
            Some(p) => db.standard(p, round.data.year)?,
            None => None,
        };
        let (required, required_by_default) = required(who.tier, post.as_ref(), standard.as_ref().map(|s| &s.data), &db.scale()?);
        let name = |id: OfficialId| db.official(id).ok().flatten().map(|o| o.name.clone()).unwrap_or_default();
        let all_peers = db.peer_checks(round.id)?;
        let peers = all_peers.iter().filter(|p| p.subject == official).map(|p| (p.clone(), name(p.peer))).collect();
        let to_review = all_peers.iter().filter(|p| p.peer == official).map(|p| (p.clone(), name(p.subject))).collect();
        let check = db.self_check(round.id, official)?;
        let reviewer_name = match check.as_ref().map(|c| c.review.by.as_str()).filter(|by| !by.is_empty()) {
            Some(by) => db.users()?.into_iter().find(|u| u.data.username == by).and_then(|u| u.data.official).map(name),
            None => None,
        };
        Ok(Detail {
            check,
            reviewer_name,
            required,
            required_by_default,
            peers,
            to_review,
            opinions: db.opinions(official)?.into_iter().filter(|o| o.round == round.id).collect(),
            scores: db.scores_of(official)?,
            plan: db.plan_items(crate::domain::plans::PlanOwner::Official(official), round.data.year)?,
            official: who,
            round,
        })
    }

    /// The round's gap analysis over its participants in `unit` (with sub-units) or the whole
    /// bureau: one scan of the round's levels, the roster, posts and the year's standards.
    pub fn round_analysis(&self, round: i64, unit: Option<UnitId>) -> Result<RoundAnalysis> {
        let db = self.read();
        let round = existing_round(&db, round)?;
        let units = db.units()?;
        let mut scope: std::collections::HashSet<UnitId> = if round.data.units.is_empty() {
            units.iter().map(|u| u.id).collect()
        } else {
            round.data.units.iter().flat_map(|u| crate::domain::org::subtree(&units, *u)).collect()
        };
        if let Some(unit) = unit {
            let below: std::collections::HashSet<UnitId> = crate::domain::org::subtree(&units, unit).into_iter().collect();
            scope.retain(|u| below.contains(u));
        }
        let posts: std::collections::HashMap<_, _> = db.posts()?.into_iter().map(|p| (p.id, p)).collect();
        let standards: std::collections::HashMap<_, _> = db.standards(round.data.year)?.into_iter().map(|s| (s.post, s.data)).collect();
        let scale = db.scale()?;
        let checks: std::collections::HashMap<OfficialId, crate::store::CheckLevels> =
            db.round_levels(round.id)?.into_iter().map(|c| (c.official, c)).collect();
        let access = self.access();
        let participants: Vec<crate::domain::selfcheck::Participant> = db
            .roster_rows()?
            .into_iter()
            .filter(|r| r.status == OfficialStatus::Active && scope.contains(&r.unit) && access.may_see(r.id, r.unit))
            .map(|r| {
                let post = r.post.and_then(|p| posts.get(&p));
                let standard = r.post.and_then(|p| standards.get(&p));
                let check = checks.get(&r.id);
                let (required, required_by_default) = required(r.tier, post, standard, &scale);
                crate::domain::selfcheck::Participant {
                    official: r.id,
                    unit: r.unit,
                    tier: r.tier,
                    required,
                    required_by_default,
                    status: check.map(|c| c.status),
                    own: check.map_or([None; 8], |c| c.own),
                    supervisor: check.map_or([None; 8], |c| c.supervisor),
                }
            })
            .collect();
        let analysis = crate::domain::selfcheck::analyse(&participants);
        Ok(RoundAnalysis { participants, analysis })
    }
}

/// What a self-check command needs, read from the records it touches.
pub(super) fn need(db: &Db<'_>, command: &SelfCheckCommand) -> Result<Need> {
    Ok(match command {
        SelfCheckCommand::SaveSelfCheck { official, .. } => Need::Owner(*official),
        SelfCheckCommand::ReviewSelfCheck { official, .. } | SelfCheckCommand::AddOpinion(Opinion { official, .. }) => {
            reviewer_of(db, *official)?
        }
        SelfCheckCommand::RestoreSelfCheck { official, by_owner, .. } => {
            if *by_owner {
                Need::Owner(*official)
            } else {
                reviewer_of(db, *official)?
            }
        }
        SelfCheckCommand::DeleteOpinion { id } => reviewer_of(db, db.opinion(*id)?.ok_or_else(not_found)?.official)?,
        SelfCheckCommand::SavePeerCheck { id, .. } => Need::Peer(db.peer_check(*id)?.ok_or_else(not_found)?.peer),
        SelfCheckCommand::SavePlanItem { id, data } => {
            if let Some(id) = id {
                let before = db.plan_item(*id)?.ok_or_else(not_found)?;
                if before.data.owner != data.owner {
                    // Moving an item to another owner is the personnel section's.
                    return Ok(Need::Admin);
                }
            }
            plan_need(db, data.owner)?
        }
        SelfCheckCommand::DeletePlanItem { id } => plan_need(db, db.plan_item(*id)?.ok_or_else(not_found)?.data.owner)?,
        SelfCheckCommand::RestorePlanItem(item) => plan_need(db, item.data.owner)?,
        SelfCheckCommand::SaveRound { .. }
        | SelfCheckCommand::DeleteRound { .. }
        | SelfCheckCommand::AssignPeer { .. }
        | SelfCheckCommand::DeletePeer { .. }
        | SelfCheckCommand::RestorePeer(_)
        | SelfCheckCommand::AddTest(_)
        | SelfCheckCommand::DeleteTest { .. }
        | SelfCheckCommand::SetScore { .. } => Need::Admin,
    })
}
