//! The roster page's intents: an official selected, begun, filtered or sorted, a seat statement
//! drafted; one roster row patched after an edit.

use super::NengliApp;
use crate::domain::OfficialId;
use crate::domain::official::OfficialDraft;
use crate::messages;
use crate::ui::intent::RosterIntent;
use crate::ui::state::Page;

impl NengliApp {
    /// Carries out what the roster page asked for.
    pub(super) fn handle_roster(&mut self, intent: RosterIntent) {
        match intent {
            RosterIntent::SelectOfficial(id) => self.select_official(id),
            RosterIntent::NewOfficial => {
                self.state.page = Page::Roster;
                self.state.roster.selected = None;
                let unit = self.state.roster.filter_unit;
                self.state.roster.form = Some((None, OfficialDraft { unit, ..Default::default() }));
                self.state.roster.problems.clear();
            }
            RosterIntent::RosterFilterChanged => {
                let filter = self.state.roster_filter();
                if let Some(data) = &mut self.state.data {
                    data.refilter(&filter);
                }
            }
            RosterIntent::SortRoster(column) => {
                let sort = &mut self.state.roster.sort;
                if sort.column == column {
                    sort.ascending = !sort.ascending;
                } else {
                    *sort = crate::domain::roster::Sort { column, ascending: true };
                }
                let (sort, filter) = (*sort, self.state.roster_filter());
                if let Some(data) = &mut self.state.data {
                    data.resort(sort, &filter);
                }
            }
            RosterIntent::DraftSeat => {
                let Some(data) = &self.state.data else { return };
                let Some(id) = self.state.roster.selected else { return };
                let Some(row) = data.roster.iter().find(|r| r.id == id) else { return };
                let post = row.post.and_then(|p| data.post(p));
                let standard = row.post.and_then(|p| data.standards.get(&p)).map(|s| &s.data);
                self.state.roster.seat =
                    Some(crate::domain::standards::SeatData::draft(row.post, row.tier, post.map(|p| p.tier), standard, &data.scale));
            }
        }
    }

    /// Replaces, adds or removes one official's roster row, then re-sorts.
    pub(super) fn patch_roster(&mut self, id: OfficialId) {
        let Some(service) = &self.service else { return };
        let row = match service.roster_row(id) {
            Ok(row) => row,
            Err(e) => {
                let message = messages::store_error(self.state.lang, &e);
                self.error(message);
                return;
            }
        };
        let filter = self.state.roster_filter();
        let sort = self.state.roster.sort;
        let Some(data) = &mut self.state.data else { return };
        let mut rows = std::mem::take(&mut data.roster);
        rows.retain(|r| r.id != id);
        rows.extend(row);
        data.set_roster(rows, sort, &filter);
    }

    pub(super) fn select_official(&mut self, id: Option<OfficialId>) {
        self.state.roster.selected = id;
        self.state.roster.problems.clear();
        self.state.roster.form = None;
        self.state.roster.seat = id.and_then(|id| self.state.data.as_ref()?.seats.get(&id)).map(|s| s.data.clone());
        let Some(id) = id else { return };
        let Some(service) = &self.service else { return };
        match service.official(id) {
            Ok(Some(official)) => self.state.roster.form = Some((Some(id), OfficialDraft::from_official(&official))),
            Ok(None) => {}
            Err(e) => {
                let message = messages::store_error(self.state.lang, &e);
                self.error(message);
            }
        }
    }
}
