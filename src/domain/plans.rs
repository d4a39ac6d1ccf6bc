//! 能力提升計劃: improvement-plan items of an official, or of a unit (a department's or the
//! unit's own plan), each tied to a capability gap, with action, support, due date, linked
//! training, status and the year-end review note. Rules only.

use super::catalogue::vocabulary;
use super::ids::{OfficialId, UnitId};
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::standards::CAPABILITIES;
use super::text::MAX_NOTE;
use super::text::clean;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// Where a plan item stands.
    PlanStatus {
        /// 計劃中
        Planned = "planned",
        /// 進行中
        Doing = "doing",
        /// 已完成
        Done = "done",
        /// 已取消
        Dropped = "dropped",
    }
);

/// Whose plan an item belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlanOwner {
    Official(OfficialId),
    Unit(UnitId),
}

/// A plan item as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    pub id: i64,
    pub uuid: String,
    #[serde(flatten)]
    pub data: PlanItemData,
}

/// A plan item's content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItemData {
    pub owner: PlanOwner,
    pub year: i32,
    /// The capability (1–8) whose gap the item closes.
    pub capability: Option<u8>,
    pub action: String,
    pub support: String,
    pub due: Option<NaiveDate>,
    /// Training meant to close the gap (sessions are attached by the training register).
    pub training: String,
    pub status: PlanStatus,
    pub review: String,
}

impl PlanItemData {
    pub fn new(owner: PlanOwner, year: i32, capability: Option<u8>) -> PlanItemData {
        PlanItemData {
            owner,
            year,
            capability,
            action: String::new(),
            support: String::new(),
            due: None,
            training: String::new(),
            status: PlanStatus::Planned,
            review: String::new(),
        }
    }

    /// The action is required; texts are trimmed and capped; the capability is one of eight.
    pub fn validate(self) -> Result<PlanItemData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let action = clean(&self.action, Field::Action, true, MAX_NOTE, &mut problems);
        let support = clean(&self.support, Field::Support, false, MAX_NOTE, &mut problems);
        let training = clean(&self.training, Field::Training, false, MAX_NOTE, &mut problems);
        let review = clean(&self.review, Field::Comment, false, MAX_NOTE, &mut problems);
        if self.capability.is_some_and(|c| !CAPABILITIES.contains(&c)) {
            problems.push(Field::Record, Problem::OutOfRange { min: 1, max: 8 });
        }
        problems.finish(PlanItemData { action, support, training, review, ..self })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_needs_an_action_and_a_real_capability() {
        let item = PlanItemData::new(PlanOwner::Official(OfficialId(1)), 2012, Some(3));
        assert_eq!(item.clone().validate().unwrap_err(), vec![FieldProblem::new(Field::Action, Problem::Required)]);
        let item = PlanItemData { action: " 參加稅收業務培訓班 ".into(), ..item };
        assert_eq!(item.clone().validate().unwrap().action, "參加稅收業務培訓班");
        assert!(PlanItemData { capability: Some(9), ..item.clone() }.validate().is_err());
        assert!(PlanItemData { support: "x".repeat(MAX_NOTE + 1), ..item }.validate().is_err());
    }
}
