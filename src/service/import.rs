//! Spreadsheet imports of the roster, units, posts and standards: what the bureau holds for a
//! preview to check rows against, and the chosen rows stored in one transaction or not at all.

use super::org::validate_post;
use super::roster::validate_official;
use super::{Result, Service, ServiceError, existing_official, existing_post, existing_unit};
use crate::domain::UnitId;
use crate::domain::identity::Photo;
use crate::domain::official::OfficialDraft;
use crate::domain::org::{self, PostDraft, Unit};
use crate::domain::problem::{Field, Problem};
use crate::exchange::Kind;
use crate::exchange::preview::{CADRE_SHEET, CadreSource, Lookup, ParentRef, Preview, Record};
use crate::store::{Db, new_uuid};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// What an import stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
}

/// How often (in rows) a long import reports progress and checks for a cancel.
const PROGRESS_EVERY: usize = 250;

impl Service {
    /// What the bureau holds, indexed for an import preview.
    pub fn lookup(&self) -> Result<Lookup> {
        let db = self.read();
        let year = db.bureau()?.map_or(0, |b| b.year);
        let standards = db.standards(year)?.into_iter().map(|s| (s.post, s.data));
        let units = db.units()?;
        Ok(Lookup::new(db.catalogue()?, units.clone(), db.posts()?, db.officials()?, self.today())
            .with_units(units, &db.unit_aliases()?)
            .with_mapping(db.tier_mapping()?)
            .with_standards(standards))
    }

    /// What the bureau holds, indexed for a preview of 任免審批表 `files`: with the records and
    /// photos of the officials they name, to tell what each file changes.
    pub fn cadre_lookup(&self, files: &[CadreSource]) -> Result<Lookup> {
        let lookup = self.lookup()?;
        let db = self.read();
        let mut kept = Vec::new();
        for id in lookup.cadre_matches(files) {
            let photo = db.photo(id)?.map(|(mime, bytes)| Photo { mime, bytes });
            kept.push((id, (db.cadre(id)?, photo)));
        }
        Ok(lookup.with_cadre(kept))
    }

    /// Stores the selected rows of `preview` in one transaction with one audit row naming the
    /// file: all of them, or (on a problem, an error or a cancel from `progress`) none.
    /// `progress(done, total)` is called as rows are stored; returning `false` cancels.
    pub fn import(&mut self, preview: &Preview, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<ImportSummary> {
        self.require(crate::domain::access::Need::Admin)?;
        let records = preview.records().map_err(ServiceError::RowsRefused)?;
        if records.is_empty() {
            // Nothing to store: no transaction and no audit row for an import of nothing.
            return Err(crate::exchange::ExchangeError::NoRows.into());
        }
        let actor = self.actor.clone();
        let today = self.today();
        self.store.write(|db| {
            let mut summary = ImportSummary::default();
            let mut created_units: HashMap<String, UnitId> = HashMap::new();
            let context = Context { mapping: db.tier_mapping()? };
            let total = records.len();
            for (done, record) in records.iter().enumerate() {
                if done % PROGRESS_EVERY == 0 && !progress(done, total) {
                    return Err(ServiceError::Cancelled);
                }
                let created = import_record(db, today, &context, record, &mut created_units)?;
                if created { summary.created += 1 } else { summary.updated += 1 }
            }
            if !progress(total, total) {
                return Err(ServiceError::Cancelled);
            }
            let after =
                serde_json::json!({ "file": preview.file, "sheet": preview.sheet, "created": summary.created, "updated": summary.updated });
            let action = if preview.sheet == CADRE_SHEET { "import.lrmx" } else { import_action(preview.kind) };
            db.audit(&actor, action, "import", None, None, Some(&after.to_string()))?;
            Ok(summary)
        })
    }
}

fn import_action(kind: Kind) -> &'static str {
    match kind {
        Kind::Officials => "import.officials",
        Kind::Units => "import.units",
        Kind::Posts => "import.posts",
        Kind::Standards => "import.standards",
    }
}

/// Stores one checked import row, checking it again against the store; `true` when created.
/// What every row of one import is checked against, read once.
struct Context {
    mapping: crate::domain::ranks::TierMapping,
}

fn import_record(
    db: &Db<'_>,
    today: NaiveDate,
    context: &Context,
    record: &Record,
    created_units: &mut HashMap<String, UnitId>,
) -> Result<bool> {
    match record {
        Record::Official { id, data, cadre } => {
            let previous = match id {
                Some(id) => Some(existing_official(db, *id)?),
                None => None,
            };
            let valid = validate_official(
                db,
                today,
                &OfficialDraft::from_data(data),
                *id,
                previous.as_ref().and_then(|p| p.post),
                &context.mapping,
            )?;
            let stored = match id {
                Some(id) => {
                    db.update_official(*id, &valid)?;
                    *id
                }
                None => db.insert_official(None, &new_uuid(), &valid)?,
            };
            if let Some(cadre) = cadre {
                db.set_cadre(stored, &cadre.record.validate()?)?;
                if let Some(photo) = &cadre.photo {
                    let photo = Photo::from_bytes(photo.bytes.clone()).ok_or(ServiceError::one(Field::Photo, Problem::BadPhoto))?;
                    db.set_photo(stored, Some((photo.mime.as_str(), photo.bytes.as_slice())))?;
                }
            }
            Ok(id.is_none())
        }
        Record::Post { id, data } => {
            let valid = validate_post(db, &PostDraft::from_data(data))?;
            match id {
                Some(id) => db.update_post(*id, &valid, existing_post(db, *id)?.retired)?,
                None => {
                    db.insert_post(None, &new_uuid(), &valid, false)?;
                }
            }
            Ok(id.is_none())
        }
        Record::StandardRow { post, tier, levels } => {
            existing_post(db, *post)?;
            let year = db.bureau()?.map_or(today.year(), |b| b.year);
            let existing = db.standard(*post, year)?;
            let mut data = existing.as_ref().map(|s| s.data.clone()).unwrap_or_default();
            data.levels.retain(|(t, _), _| t != tier);
            data.levels.extend(levels.iter().map(|(c, l)| ((*tier, *c), *l)));
            db.save_standard(*post, year, &data.validate()?)?;
            Ok(existing.is_none())
        }
        Record::Unit { id, name, parent, kind } => {
            let parent = match parent {
                ParentRef::Existing(p) => *p,
                ParentRef::InFile(name) => {
                    *created_units.get(name).ok_or(ServiceError::one(Field::Parent, Problem::UnknownUnit { name: name.clone() }))?
                }
            };
            if existing_unit(db, parent)?.retired {
                return Err(ServiceError::one(Field::Parent, Problem::UnitRetired));
            }
            match id {
                Some(id) => {
                    let before = existing_unit(db, *id)?;
                    if before.parent != Some(parent) {
                        org::check_move(&db.units()?, *id, Some(parent)).map_err(|p| ServiceError::Invalid(vec![p]))?;
                    }
                    let position = if before.parent == Some(parent) { before.position } else { db.next_unit_position(Some(parent))? };
                    db.update_unit(&Unit { parent: Some(parent), kind: *kind, position, ..before })?;
                    Ok(false)
                }
                None => {
                    let position = db.next_unit_position(Some(parent))?;
                    let new_id = db.insert_unit(None, &new_uuid(), Some(parent), name, *kind, position)?;
                    created_units.insert(name.clone(), new_id);
                    Ok(true)
                }
            }
        }
    }
}

/// The roster's staff numbers, for the result sheets (attendance, 平時) that name people by them.
pub(super) struct StaffNumbers(HashMap<String, crate::domain::OfficialId>);

impl StaffNumbers {
    pub(super) fn read(db: &Db<'_>) -> Result<StaffNumbers> {
        Ok(StaffNumbers(db.roster_rows()?.into_iter().map(|r| (r.staff_no, r.id)).collect()))
    }

    /// The official a sheet row's staff number names; where none, the row's problem is added to
    /// `problems` under the staff-number column in `lang`.
    pub(super) fn find(
        &self,
        row: usize,
        staff_no: &str,
        lang: crate::domain::Lang,
        problems: &mut Vec<(usize, String, crate::domain::problem::FieldProblem)>,
    ) -> Option<crate::domain::OfficialId> {
        let found = self.0.get(staff_no).copied();
        if found.is_none() {
            problems.push((
                row,
                crate::i18n::tr(lang, crate::i18n::field_key(Field::StaffNo)).to_owned(),
                crate::domain::problem::FieldProblem::new(Field::StaffNo, Problem::UnknownStaffNo { staff_no: staff_no.to_owned() }),
            ));
        }
        found
    }
}
