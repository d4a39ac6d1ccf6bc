//! The home page's intents: the list behind a figure opened or closed.

use super::NengliApp;
use crate::ui::intent::HomeIntent;

impl NengliApp {
    /// Carries out what the home page asked for.
    pub(super) fn handle_home(&mut self, intent: HomeIntent) {
        match intent {
            HomeIntent::ShowFigure(measure) => self.state.home_list = measure,
        }
    }
}
