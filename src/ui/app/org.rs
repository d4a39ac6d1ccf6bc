//! The organisation page's intents: units and posts selected, a post begun, the unit form loaded.

use super::NengliApp;
use crate::domain::org::PostDraft;
use crate::ui::intent::OrgIntent;
use crate::ui::state::Page;

impl NengliApp {
    /// Carries out what the org page asked for.
    pub(super) fn handle_org(&mut self, intent: OrgIntent) {
        match intent {
            OrgIntent::SelectUnit(id) => self.select_unit(id),
            OrgIntent::SelectPost(id) => self.select_post(id),
            OrgIntent::NewPost => {
                self.state.page = Page::Organisation;
                let unit = self.state.org.selected_unit;
                self.state.org.selected_post = None;
                self.state.org.post_form = Some((None, PostDraft { unit, headcount: "1".into(), ..Default::default() }));
                self.state.org.post_problems.clear();
                self.state.org.reveal_post_form = true;
            }
        }
    }

    pub(super) fn load_unit_form(&mut self, id: crate::domain::UnitId) {
        let Some(unit) = self.state.data.as_ref().and_then(|d| d.unit(id)).cloned() else { return };
        let aliases = self.state.data.as_ref().and_then(|d| d.unit_aliases.get(&id)).map(|a| a.join("、")).unwrap_or_default();
        let org = &mut self.state.org;
        org.unit_name = unit.name.clone();
        org.unit_aliases = aliases;
        org.unit_kind = Some(unit.kind);
        org.move_to = unit.parent;
    }

    pub(super) fn select_unit(&mut self, id: crate::domain::UnitId) {
        if self.state.org.selected_unit != Some(id) {
            self.state.org.selected_post = None;
            self.state.org.post_form = None;
            self.state.org.child_name.clear();
        }
        self.state.org.selected_unit = Some(id);
        self.state.org.unit_problems.clear();
        let is_root = self.state.data.as_ref().and_then(|d| d.unit(id)).is_some_and(|u| u.parent.is_none());
        self.state.org.child_kind =
            Some(if is_root { crate::domain::catalogue::UnitKind::Section } else { crate::domain::catalogue::UnitKind::Team });
        self.load_unit_form(id);
    }

    pub(super) fn select_post(&mut self, id: Option<crate::domain::PostId>) {
        let org = &mut self.state.org;
        org.selected_post = id;
        org.post_problems.clear();
        org.post_form = id.and_then(|id| self.state.data.as_ref()?.post(id)).map(|p| (Some(p.id), PostDraft::from_post(p)));
        org.reveal_post_form = org.post_form.is_some();
    }
}
