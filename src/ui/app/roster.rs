//! The roster page's intents: an official selected, begun, filtered or sorted, a seat statement
//! drafted, the 任免審批表's family rows added or removed and its file saved; one roster row
//! patched after an edit.

use super::NengliApp;
use crate::domain::OfficialId;
use crate::domain::identity::Photo;
use crate::domain::official::OfficialDraft;
use crate::messages;
use crate::service::Command;
use crate::service::command::RosterCommand;
use crate::ui::intent::{Intent, RosterIntent};
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
            RosterIntent::ChoosePhoto(id) => {
                let Some(path) = self.pick(|| rfd::FileDialog::new().add_filter("JPEG / PNG", &["jpg", "jpeg", "png"]).pick_file()) else {
                    return;
                };
                let lang = self.state.lang;
                let bytes = match std::fs::metadata(&path).map(|m| m.len()) {
                    Ok(len) if len <= crate::domain::identity::MAX_PHOTO_BYTES as u64 => std::fs::read(&path).ok(),
                    _ => None,
                };
                match bytes.and_then(Photo::from_bytes) {
                    Some(photo) => self.handle(Intent::Do(Command::Roster(RosterCommand::SetPhoto { id, photo: Some(photo) }))),
                    None => self.error(crate::i18n::problem(
                        lang,
                        &crate::domain::FieldProblem::new(crate::domain::Field::Photo, crate::domain::Problem::BadPhoto),
                    )),
                }
            }
            RosterIntent::AddFamilyMember => {
                if let Some(form) = &mut self.state.roster.cadre {
                    form.record.family.push(Default::default());
                }
            }
            RosterIntent::RemoveFamilyMember(index) => {
                if let Some(form) = self.state.roster.cadre.as_mut().filter(|f| index < f.record.family.len()) {
                    form.record.family.remove(index);
                }
            }
            RosterIntent::ExportCadre(id) => self.export_cadre(id),
            RosterIntent::SaveStanding(id) => {
                let Some(draft) = &self.state.roster.standing else { return };
                match draft.parse() {
                    Ok(standing) => {
                        let command = crate::service::command::StandingCommand::SetStanding { official: id, standing: Box::new(standing) };
                        self.handle(Intent::Do(Command::Standing(command)));
                    }
                    Err(problems) => {
                        let message = messages::service_error(self.state.lang, &crate::service::ServiceError::Invalid(problems.clone()));
                        self.state.roster.problems = problems;
                        self.error(message);
                    }
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

    /// Reads and decodes the official's photo for the form (none when there is none or it will not decode).
    pub(super) fn load_photo(&mut self, id: OfficialId) {
        let photo = self.service.as_ref().and_then(|s| s.photo(id).ok().flatten());
        self.state.roster.photo =
            photo.and_then(|p| decode_photo(&p.bytes)).map(|image| crate::ui::state::Photo { official: id, image, texture: None });
    }

    pub(super) fn select_official(&mut self, id: Option<OfficialId>) {
        self.state.roster.selected = id;
        self.state.roster.problems.clear();
        self.state.roster.form = None;
        self.state.roster.photo = None;
        self.state.roster.cadre = None;
        self.state.roster.standing = None;
        self.state.roster.consequences = None;
        if let Some(id) = id {
            self.load_photo(id);
            let year = self.state.data.as_ref().map_or(2012, |d| d.bureau.year);
            self.state.roster.consequences = self.service.as_ref().and_then(|s| s.consequences(id, year).ok()).map(|c| (year, c));
            self.state.roster.standing =
                self.service.as_ref().and_then(|s| s.standing(id).ok()).map(|s| crate::domain::standing::StandingDraft::of(&s));
            match self.service.as_ref().map(|s| s.cadre(id)) {
                Some(Ok(record)) => self.state.roster.cadre = Some(crate::ui::state::CadreForm::of(record)),
                Some(Err(e)) => {
                    let message = messages::store_error(self.state.lang, &e);
                    self.error(message);
                }
                None => {}
            }
        }
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

impl NengliApp {
    /// Saves one official's 任免審批表 as a `.lrmx` where a save dialog says.
    fn export_cadre(&mut self, id: OfficialId) {
        let lang = self.state.lang;
        let Some(service) = &self.service else { return };
        let name = match crate::service::cadre::cadre_file_name(service, id) {
            Ok(name) => name,
            Err(e) => return self.error(messages::service_error(lang, &e)),
        };
        let Some(path) = rfd::FileDialog::new().add_filter("lrmx", &["lrmx"]).set_file_name(format!("{name}.lrmx")).save_file() else {
            return;
        };
        if self.target_refused(&path, false) {
            return;
        }
        let Some(service) = &self.service else { return };
        match crate::service::cadre::write_cadre_file(service, id, &path, lang) {
            Ok(()) => {
                let saved = crate::i18n::fill(crate::i18n::tr(lang, "notice.saved"), &[&path.display().to_string()]);
                self.state.notice = Some(crate::ui::state::Notice::Info(saved));
            }
            Err(e) => self.error(messages::service_error(lang, &e)),
        }
    }
}

/// A photo's pixels, scaled to fit the form (at most 240 × 320).
fn decode_photo(bytes: &[u8]) -> Option<egui::ColorImage> {
    let image = image::load_from_memory(bytes).ok()?.thumbnail(240, 320).to_rgba8();
    let size = [image.width() as usize, image.height() as usize];
    Some(egui::ColorImage::from_rgba_unmultiplied(size, image.as_flat_samples().as_slice()))
}
