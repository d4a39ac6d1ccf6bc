//! The organisation: units in a tree (bureau → sections, 稽查局, 分局 → teams) and posts
//! (崗位) with their duty statements (崗位職位說明書). Validation and tree rules live here.

use super::catalogue::{RankTier, UnitKind};
use super::ids::{PostId, UnitId};
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::{MAX_LONG, MAX_TITLE, clean};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A stored unit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: UnitId,
    pub uuid: String,
    pub parent: Option<UnitId>,
    pub name: String,
    pub kind: UnitKind,
    pub position: i64,
    pub retired: bool,
}

/// A stored post: its identity, its checked duty statement, and whether it is retired.
/// It reads as its [`PostData`] (`post.title`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Post {
    pub id: PostId,
    pub uuid: String,
    #[serde(flatten)]
    pub data: PostData,
    pub retired: bool,
}

impl std::ops::Deref for Post {
    type Target = PostData;

    fn deref(&self) -> &PostData {
        &self.data
    }
}

/// A post as typed in the form: free text for every field, checked by [`PostDraft::validate`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostDraft {
    pub unit: Option<UnitId>,
    pub title: String,
    pub tier: Option<RankTier>,
    pub duties: String,
    pub standard: String,
    pub authority: String,
    pub time_limits: String,
    pub responsibility: String,
    pub headcount: String,
}

/// A post's content, as validation lets it into the store.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostData {
    pub unit: UnitId,
    pub title: String,
    pub tier: RankTier,
    pub duties: String,
    pub standard: String,
    pub authority: String,
    pub time_limits: String,
    pub responsibility: String,
    pub headcount: u16,
}

/// The most officials one post may be planned for.
pub const MAX_HEADCOUNT: u16 = 999;

impl PostDraft {
    pub fn from_post(post: &Post) -> PostDraft {
        PostDraft::from_data(&post.data)
    }

    /// The form of a checked post, to edit it or check it again.
    pub fn from_data(post: &PostData) -> PostDraft {
        PostDraft {
            unit: Some(post.unit),
            title: post.title.clone(),
            tier: Some(post.tier),
            duties: post.duties.clone(),
            standard: post.standard.clone(),
            authority: post.authority.clone(),
            time_limits: post.time_limits.clone(),
            responsibility: post.responsibility.clone(),
            headcount: post.headcount.to_string(),
        }
    }

    /// Checks the draft; `unit` is the unit it names, as found in the store.
    pub fn validate(&self, unit: Option<&Unit>) -> Result<PostData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let title = clean(&self.title, Field::Title, true, MAX_TITLE, &mut problems);
        let duties = clean(&self.duties, Field::Duties, false, MAX_LONG, &mut problems);
        let standard = clean(&self.standard, Field::Standard, false, MAX_LONG, &mut problems);
        let authority = clean(&self.authority, Field::Authority, false, MAX_LONG, &mut problems);
        let time_limits = clean(&self.time_limits, Field::TimeLimits, false, MAX_LONG, &mut problems);
        let responsibility = clean(&self.responsibility, Field::Responsibility, false, MAX_LONG, &mut problems);
        let unit_id = check_unit(self.unit, unit, &mut problems);
        if self.tier.is_none() {
            problems.push(Field::Tier, Problem::Required);
        }
        let headcount_text = self.headcount.trim();
        let headcount = if headcount_text.is_empty() {
            1
        } else {
            match headcount_text.parse::<u16>() {
                Ok(n) if n <= MAX_HEADCOUNT => n,
                _ => {
                    problems.push(Field::Headcount, Problem::OutOfRange { min: 0, max: MAX_HEADCOUNT.into() });
                    0
                }
            }
        };
        match (unit_id, self.tier, problems.is_empty()) {
            (Some(unit), Some(tier), true) => {
                Ok(PostData { unit, title, tier, duties, standard, authority, time_limits, responsibility, headcount })
            }
            _ => Err(problems.0),
        }
    }
}

/// Checks the unit a draft names: chosen, found in the store (`found`), and not retired.
pub fn check_unit(chosen: Option<UnitId>, found: Option<&Unit>, problems: &mut Problems) -> Option<UnitId> {
    let problem = match (chosen, found) {
        (None, _) => Problem::Required,
        (Some(_), None) => Problem::NotFound,
        (Some(_), Some(u)) if u.retired => Problem::UnitRetired,
        (Some(_), Some(u)) => return Some(u.id),
    };
    problems.push(Field::Unit, problem);
    None
}

/// Checks a unit's name.
pub fn validate_unit_name(name: &str) -> Result<String, Vec<FieldProblem>> {
    let mut problems = Problems::default();
    let name = clean(name, Field::UnitName, true, MAX_TITLE, &mut problems);
    problems.finish(name)
}

/// Checks moving `unit` under `new_parent` against the current tree: the root stays the root,
/// and no unit can go under itself or one of its own sub-units.
pub fn check_move(units: &[Unit], unit: UnitId, new_parent: Option<UnitId>) -> Result<(), FieldProblem> {
    let parents: HashMap<UnitId, Option<UnitId>> = units.iter().map(|u| (u.id, u.parent)).collect();
    let Some(current_parent) = parents.get(&unit) else {
        return Err(FieldProblem::new(Field::Record, Problem::NotFound));
    };
    let Some(target) = new_parent else {
        return Err(FieldProblem::new(Field::Parent, Problem::Required));
    };
    if current_parent.is_none() {
        return Err(FieldProblem::new(Field::Parent, Problem::RootFixed));
    }
    if !parents.contains_key(&target) {
        return Err(FieldProblem::new(Field::Parent, Problem::NotFound));
    }
    let mut cursor = Some(target);
    let mut steps = 0;
    while let Some(id) = cursor {
        if id == unit || steps > units.len() {
            return Err(FieldProblem::new(Field::Parent, Problem::Cycle));
        }
        cursor = parents.get(&id).copied().flatten();
        steps += 1;
    }
    Ok(())
}

/// Units in tree order (each parent before its children, siblings by position then name),
/// each with its depth; used by the tree view and every unit chooser.
pub fn tree_order(units: &[Unit]) -> Vec<(usize, &Unit)> {
    let mut children: HashMap<Option<UnitId>, Vec<&Unit>> = HashMap::new();
    for unit in units {
        children.entry(unit.parent).or_default().push(unit);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.position.cmp(&b.position).then_with(|| a.name.cmp(&b.name)));
    }
    let mut out = Vec::with_capacity(units.len());
    let mut stack: Vec<(usize, &Unit)> = children.get(&None).into_iter().flatten().rev().map(|u| (0, *u)).collect();
    while let Some((depth, unit)) = stack.pop() {
        out.push((depth, unit));
        if let Some(kids) = children.get(&Some(unit.id)) {
            stack.extend(kids.iter().rev().map(|k| (depth + 1, *k)));
        }
    }
    out
}

/// The ids of `root` and every unit below it.
pub fn subtree(units: &[Unit], root: UnitId) -> Vec<UnitId> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let id = out[i];
        out.extend(units.iter().filter(|u| u.parent == Some(id)).map(|u| u.id));
        i += 1;
    }
    out
}

/// The unit and every unit above it, nearest first.
pub fn chain(units: &[Unit], id: UnitId) -> Vec<UnitId> {
    let mut out = vec![id];
    while out.len() <= units.len() {
        match units.iter().find(|u| Some(u.id) == out.last().copied()).and_then(|u| u.parent) {
            Some(parent) => out.push(parent),
            None => break,
        }
    }
    out
}

/// The unit directly under the bureau that `id` belongs to (itself when it is one; the bureau
/// for the bureau): the groups a bureau-wide summary is broken down by.
pub fn top_unit(units: &[Unit], id: UnitId) -> UnitId {
    let parent = |id: UnitId| units.iter().find(|u| u.id == id).and_then(|u| u.parent);
    let mut current = id;
    for _ in 0..units.len() {
        match parent(current) {
            Some(p) if parent(p).is_some() => current = p,
            _ => break,
        }
    }
    current
}

/// The unit's path from the bureau, e.g. `縣局 / 稽查局 / 一科`.
pub fn unit_path(units: &[Unit], id: UnitId) -> String {
    let mut names = Vec::new();
    let mut cursor = Some(id);
    while let Some(current) = cursor {
        let Some(unit) = units.iter().find(|u| u.id == current) else { break };
        names.push(unit.name.as_str());
        cursor = unit.parent;
        if names.len() > units.len() {
            break;
        }
    }
    names.reverse();
    names.join(" / ")
}

/// Who or what a printout or an export covers: the bureau, a unit with every unit below it, one
/// official or one post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    /// A unit and every unit below it.
    Unit(UnitId),
    Official(super::ids::OfficialId),
    Post(PostId),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, parent: Option<i64>, name: &str) -> Unit {
        Unit {
            id: UnitId(id),
            uuid: format!("u{id}"),
            parent: parent.map(UnitId),
            name: name.into(),
            kind: if parent.is_none() { UnitKind::Bureau } else { UnitKind::Section },
            position: id,
            retired: false,
        }
    }

    fn tree() -> Vec<Unit> {
        vec![unit(1, None, "縣局"), unit(2, Some(1), "稽查局"), unit(3, Some(2), "一科"), unit(4, Some(1), "人教科")]
    }

    #[test]
    fn each_unit_belongs_to_the_unit_directly_under_the_bureau() {
        let units = tree();
        let top = |id| top_unit(&units, UnitId(id)).0;
        assert_eq!((top(1), top(2), top(3), top(4)), (1, 2, 2, 4));
    }

    #[test]
    fn moves_are_checked_against_the_tree() {
        let units = tree();
        let cases = [
            (3, Some(4), Ok(())),
            (2, Some(3), Err(Problem::Cycle)),
            (2, Some(2), Err(Problem::Cycle)),
            (1, Some(4), Err(Problem::RootFixed)),
            (4, Some(99), Err(Problem::NotFound)),
            (4, None, Err(Problem::Required)),
        ];
        for (id, parent, want) in cases {
            let got = check_move(&units, UnitId(id), parent.map(UnitId)).map_err(|p| p.problem);
            assert_eq!(got, want, "move {id} under {parent:?}");
        }
    }

    #[test]
    fn tree_order_puts_parents_first_with_depth() {
        let units = tree();
        let order: Vec<(usize, &str)> = tree_order(&units).into_iter().map(|(d, u)| (d, u.name.as_str())).collect();
        assert_eq!(order, vec![(0, "縣局"), (1, "稽查局"), (2, "一科"), (1, "人教科")]);
        assert_eq!(unit_path(&units, UnitId(3)), "縣局 / 稽查局 / 一科");
        assert_eq!(subtree(&units, UnitId(2)), vec![UnitId(2), UnitId(3)]);
    }

    #[test]
    fn post_draft_validation() {
        let units = tree();
        let good = PostDraft {
            unit: Some(UnitId(4)),
            title: " 培訓管理崗 ".into(),
            tier: Some(RankTier::General),
            headcount: "2".into(),
            ..Default::default()
        };
        let valid = good.validate(units.get(3)).expect("valid");
        assert_eq!((valid.title.as_str(), valid.headcount), ("培訓管理崗", 2));

        let mut retired = units[3].clone();
        retired.retired = true;
        let cases: Vec<(PostDraft, Option<&Unit>, Field, Problem)> = vec![
            (PostDraft { title: "".into(), ..good.clone() }, units.get(3), Field::Title, Problem::Required),
            (PostDraft { unit: None, ..good.clone() }, None, Field::Unit, Problem::Required),
            (good.clone(), None, Field::Unit, Problem::NotFound),
            (good.clone(), Some(&retired), Field::Unit, Problem::UnitRetired),
            (PostDraft { tier: None, ..good.clone() }, units.get(3), Field::Tier, Problem::Required),
            (
                PostDraft { headcount: "-1".into(), ..good.clone() },
                units.get(3),
                Field::Headcount,
                Problem::OutOfRange { min: 0, max: 999 },
            ),
        ];
        for (draft, unit, field, problem) in cases {
            let problems = draft.validate(unit).expect_err("must be refused");
            assert!(problems.contains(&FieldProblem::new(field, problem.clone())), "{field:?} {problem:?}: {problems:?}");
        }
    }
}
