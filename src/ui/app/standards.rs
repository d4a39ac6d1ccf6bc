//! The standards page's intents: a post's standard selected and a year carried forward.

use super::NengliApp;
use crate::i18n;
use crate::i18n::tr;
use crate::messages;
use crate::ui::intent::StandardsIntent;
use crate::ui::state::Notice;
use crate::ui::state::Page;

impl NengliApp {
    /// Carries out what the standards page asked for.
    pub(super) fn handle_standards(&mut self, intent: StandardsIntent) {
        match intent {
            StandardsIntent::SelectStandardPost(post) => self.select_standard_post(post),
            StandardsIntent::CarryForward => self.carry_forward(),
        }
    }

    pub(super) fn carry_forward(&mut self) {
        let lang = self.state.lang;
        let Some(year) = self.state.data.as_ref().map(|d| d.bureau.year) else { return };
        let Some(service) = &mut self.service else { return };
        match service.carry_forward(year, year + 1) {
            Ok(copied) => {
                self.changed = true;
                if let Err(e) = self.load_all() {
                    self.error(messages::store_error(lang, &e));
                    return;
                }
                self.undo.clear();
                self.redo.clear();
                self.state.page = Page::Standards;
                self.state.notice =
                    Some(Notice::Info(i18n::fill(tr(lang, "standards.carried"), &[&copied.to_string(), &(year + 1).to_string()])));
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }

    pub(super) fn select_standard_post(&mut self, post: Option<crate::domain::PostId>) {
        let page = &mut self.state.standards;
        page.selected = post;
        page.problems.clear();
        page.compare_with = None;
        page.copy_from = None;
        let Some(data) = &self.state.data else { return };
        page.draft = post.and_then(|id| {
            let post = data.post(id)?;
            Some(
                data.standards
                    .get(&id)
                    .map(|s| s.data.clone())
                    .unwrap_or_else(|| crate::domain::standards::StandardData::draft(post.tier, &data.scale)),
            )
        });
    }
}
