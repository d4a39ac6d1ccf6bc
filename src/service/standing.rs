//! The year-end rules' inputs and their use: officials' standing (處分, 組織處理, 立案審查, leave,
//! probation, secondment), the year's working days, the eligibility rules, the 優秀 quota's
//! rules and the year's 名額分配表 — each change the personnel section's, audited and undoable —;
//! what the rules say of each official in a year, and each pool's quota with its allocation.

use super::command::{Applied, Command, Entity, StandingCommand};
use super::{Result, Service, ServiceError, existing_official, existing_unit, json};
use crate::domain::access::{Need, Sight};
use crate::domain::eligibility::{Rules, Verdict, judge};
use crate::domain::org::chain;
use crate::domain::problem::{Field, Problem};
use crate::domain::standing::{Standing, check_working_days};
use crate::domain::yearend::{Grade, PoolLine, PoolUnit, QuotaRules, check_allocation, quota_use};
use crate::domain::{OfficialId, UnitId};
use crate::store::Db;
use std::collections::HashMap;

fn year_ok(year: i32) -> Result<()> {
    if super::YEARS.contains(&year) {
        Ok(())
    } else {
        Err(ServiceError::one(Field::Year, Problem::OutOfRange { min: (*super::YEARS.start()).into(), max: (*super::YEARS.end()).into() }))
    }
}

/// Applies one standing command inside the caller's transaction, with its audit row.
pub(super) fn execute(db: &Db<'_>, actor: &str, command: StandingCommand) -> Result<Applied> {
    Ok(match command {
        StandingCommand::SetStanding { official, standing } => {
            existing_official(db, official)?;
            let standing = standing.validate()?;
            let before = db.standing(official)?;
            db.set_standing(official, &standing)?;
            db.audit(actor, "official.standing", "official", Some(official.0), json(&before).as_deref(), json(&standing).as_deref())?;
            let undo = Command::Standing(StandingCommand::SetStanding { official, standing: Box::new(before) });
            Applied { action: "official.standing", entity: Entity::Official(official), undo }
        }
        StandingCommand::SetWorkingDays { year, days } => {
            year_ok(year)?;
            if let Some(days) = days {
                check_working_days(year, days)?;
            }
            let before = db.working_days(year)?;
            db.set_working_days(year, days)?;
            db.audit(actor, "yearend.working_days", "working_days", Some(year.into()), json(&before).as_deref(), json(&days).as_deref())?;
            let undo = Command::Standing(StandingCommand::SetWorkingDays { year, days: before });
            Applied { action: "yearend.working_days", entity: Entity::Eligibility, undo }
        }
        StandingCommand::SaveRules(rules) => {
            let rules = rules.validate()?;
            let before = db.eligibility_rules()?;
            db.set_eligibility_rules(&rules)?;
            db.audit(actor, "yearend.eligibility", "meta", None, json(&before).as_deref(), json(&rules).as_deref())?;
            Applied {
                action: "yearend.eligibility",
                entity: Entity::Eligibility,
                undo: Command::Standing(StandingCommand::SaveRules(before)),
            }
        }
        StandingCommand::SaveQuota(rules) => {
            let rules = rules.validate()?;
            for unit in rules.pools.iter().flat_map(|p| &p.units) {
                existing_unit(db, *unit)?;
            }
            let before = db.excellent_rules()?;
            db.set_excellent_rules(&rules)?;
            db.audit(actor, "yearend.quota", "meta", None, json(&before).as_deref(), json(&rules).as_deref())?;
            Applied { action: "yearend.quota", entity: Entity::Eligibility, undo: Command::Standing(StandingCommand::SaveQuota(before)) }
        }
        StandingCommand::SaveAllocation { year, pool, places } => {
            year_ok(year)?;
            for (unit, _) in &places {
                existing_unit(db, *unit)?;
            }
            let pools = pools_in(db, year)?;
            let Some(line) = pools.iter().find(|p| p.name == pool) else {
                return Err(ServiceError::one(Field::Record, Problem::NotFound));
            };
            check_allocation(line.quota.allowed, &places)?;
            let before = db.allocation(year, &pool)?;
            db.set_allocation(year, &pool, &places)?;
            let after =
                serde_json::json!({ "year": year, "pool": pool, "places": places.iter().map(|(u, n)| (u.0, n)).collect::<Vec<_>>() });
            let old = serde_json::json!({ "year": year, "pool": pool, "places": before.iter().map(|(u, n)| (u.0, n)).collect::<Vec<_>>() });
            db.audit(
                actor,
                "yearend.allocation",
                "excellent_allocation",
                Some(year.into()),
                Some(&old.to_string()),
                Some(&after.to_string()),
            )?;
            let undo = Command::Standing(StandingCommand::SaveAllocation { year, pool, places: before });
            Applied { action: "yearend.allocation", entity: Entity::Eligibility, undo }
        }
    })
}

/// Every standing command is the personnel section's.
pub(super) fn need(_command: &StandingCommand) -> Need {
    Need::Admin
}

/// The year's pools with everyone serving, whatever the account (callers check the sight).
fn pools_in(db: &Db<'_>, year: i32) -> Result<Vec<PoolLine>> {
    let rules = db.excellent_rules()?;
    let units = db.units()?;
    let grades: HashMap<OfficialId, Option<Grade>> = db.yearends(year)?.into_iter().map(|r| (r.official, r.data.grade)).collect();
    let mut people: Vec<Vec<(UnitId, Option<Grade>)>> = vec![Vec::new(); rules.pools.len() + 1];
    for (official, unit, tier) in db.serving()? {
        let pool = rules.pool_of(&chain(&units, unit), Some(tier));
        people[pool.unwrap_or(rules.pools.len())].push((unit, grades.get(&official).copied().flatten()));
    }
    let mut lines = Vec::new();
    for (index, members) in people.into_iter().enumerate() {
        let pool = (index < rules.pools.len()).then_some(index);
        let (name, approval) = match pool {
            Some(i) => (rules.pools[i].name.clone(), rules.pools[i].approval.clone()),
            None => (String::new(), rules.approval.clone()),
        };
        if pool.is_none() && members.is_empty() && !rules.pools.is_empty() {
            continue;
        }
        let share = rules.share(pool);
        let all: Vec<Option<Grade>> = members.iter().map(|(_, g)| *g).collect();
        let allocation: HashMap<UnitId, u32> = db.allocation(year, &name)?.into_iter().collect();
        let mut by_unit: Vec<PoolUnit> = Vec::new();
        for (unit, grade) in &members {
            let i = match by_unit.iter().position(|u| u.unit == *unit) {
                Some(i) => i,
                None => {
                    let name = units.iter().find(|u| u.id == *unit).map_or_else(String::new, |u| u.name.clone());
                    by_unit.push(PoolUnit { unit: *unit, name, taking_part: 0, excellent: 0, places: allocation.get(unit).copied() });
                    by_unit.len() - 1
                }
            };
            by_unit[i].taking_part += 1;
            by_unit[i].excellent += usize::from(*grade == Some(Grade::Excellent));
        }
        for (unit, places) in &allocation {
            if !by_unit.iter().any(|u| u.unit == *unit) {
                let name = units.iter().find(|u| u.id == *unit).map_or_else(String::new, |u| u.name.clone());
                by_unit.push(PoolUnit { unit: *unit, name, taking_part: 0, excellent: 0, places: Some(*places) });
            }
        }
        let order: HashMap<UnitId, usize> =
            crate::domain::org::tree_order(&units).iter().enumerate().map(|(i, (_, u))| (u.id, i)).collect();
        by_unit.sort_by_key(|u| order.get(&u.unit).copied().unwrap_or(usize::MAX));
        lines.push(PoolLine { name, percent: share.percent, approval, quota: quota_use(&all, &share), units: by_unit });
    }
    Ok(lines)
}

impl Service {
    /// An official's standing (their own, their unit's reviewers' and the personnel section's).
    pub fn standing(&self, official: OfficialId) -> Result<Standing> {
        let db = self.read();
        let who = existing_official(&db, official)?;
        self.require_read(Sight::Official { official, unit: who.unit })?;
        Ok(db.standing(official)?)
    }

    /// The working days the bureau entered for `year`.
    pub fn working_days(&self, year: i32) -> Result<Option<u32>> {
        self.require_read(Sight::Anyone)?;
        Ok(self.read().working_days(year)?)
    }

    /// The bureau's eligibility rules.
    pub fn eligibility_rules(&self) -> Result<Rules> {
        self.require_read(Sight::Anyone)?;
        Ok(self.read().eligibility_rules()?)
    }

    /// How the bureau counts the 優秀 quota.
    pub fn excellent_rules(&self) -> Result<QuotaRules> {
        self.require_read(Sight::Anyone)?;
        Ok(self.read().excellent_rules()?)
    }

    /// What the rules say of one official in `year` (refused unless the account may see them).
    pub fn verdict(&self, official: OfficialId, year: i32) -> Result<Verdict> {
        let db = self.read();
        let who = existing_official(&db, official)?;
        self.require_read(Sight::Official { official, unit: who.unit })?;
        Ok(judge(&db.eligibility_rules()?, &db.standing(official)?, year, db.working_days(year)?))
    }

    /// What the rules say in `year` of every serving official the account may see who has any
    /// finding.
    pub fn verdicts(&self, year: i32) -> Result<HashMap<OfficialId, Verdict>> {
        let db = self.read();
        let serving: HashMap<OfficialId, UnitId> = db.serving()?.into_iter().map(|(id, unit, _)| (id, unit)).collect();
        self.judged(&db, year, db.standings()?.into_iter().filter_map(|(id, standing)| Some((id, *serving.get(&id)?, standing))))
    }

    /// The same for the officials given (those serving are judged; one form reads only its own).
    pub fn verdicts_of(&self, year: i32, officials: &[crate::domain::official::Official]) -> Result<HashMap<OfficialId, Verdict>> {
        let db = self.read();
        let mut standings = Vec::new();
        for o in officials.iter().filter(|o| o.status == crate::domain::catalogue::OfficialStatus::Active) {
            standings.push((o.id, o.unit, db.standing(o.id)?));
        }
        self.judged(&db, year, standings)
    }

    /// The findings of the standings given, for the officials the account may see.
    fn judged(
        &self,
        db: &Db<'_>,
        year: i32,
        standings: impl IntoIterator<Item = (OfficialId, UnitId, Standing)>,
    ) -> Result<HashMap<OfficialId, Verdict>> {
        let rules = db.eligibility_rules()?;
        let working = db.working_days(year)?;
        let mut out = HashMap::new();
        for (id, unit, standing) in standings {
            if !self.access().may_see(id, unit) {
                continue;
            }
            let verdict = judge(&rules, &standing, year, working);
            if !verdict.findings.is_empty() {
                out.insert(id, verdict);
            }
        }
        Ok(out)
    }

    /// The year's quota pools with their use and 名額分配表 (administrators and reviewers).
    pub fn quota_pools(&self, year: i32) -> Result<Vec<PoolLine>> {
        self.require_read(Sight::Overview)?;
        year_ok(year)?;
        pools_in(&self.read(), year)
    }
}
