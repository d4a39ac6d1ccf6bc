//! The programme page's intents: a milestone selected; the programme reloaded after a change.

use super::NengliApp;
use crate::messages;
use crate::ui::intent::ProgrammeIntent;

impl NengliApp {
    /// Carries out what the programme page asked for.
    pub(super) fn handle_programme(&mut self, intent: ProgrammeIntent) {
        match intent {
            ProgrammeIntent::SelectMilestone(id) => self.select_milestone(id),
        }
    }

    pub(super) fn select_milestone(&mut self, id: Option<i64>) {
        let page = &mut self.state.programme;
        page.selected = id;
        page.problem = None;
        let Some(data) = &self.state.data else { return };
        let milestone = id.and_then(|id| data.programme.as_ref()?.phases.iter().flat_map(|p| &p.milestones).find(|m| m.id == id));
        if let Some(m) = milestone {
            page.form = crate::ui::state::MilestoneForm {
                unit: m.data.unit,
                lead: m.data.lead.clone(),
                due: crate::domain::dates::format_date(m.data.due),
                status: Some(m.data.status),
                done_on: m.data.done_on.map(crate::domain::dates::format_date).unwrap_or_default(),
                notes: m.data.notes.clone(),
                evidence: m.data.evidence.clone(),
            };
        }
    }

    pub(super) fn reload_programme(&mut self) {
        let Some(service) = &self.service else { return };
        let Some(data) = &mut self.state.data else { return };
        match service.programme(data.bureau.year) {
            Ok(programme) => data.programme = programme,
            Err(e) => {
                let message = messages::store_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }
}
