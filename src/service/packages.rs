//! Self-check packages for officials' own PCs: export per official or unit (sealed with the
//! bureau's key), the official's side (open, fill, save), and the personnel section's import:
//! each package verified, previewed as a change or a conflict, and the chosen ones merged in
//! one transaction with an audit row each. A package never overwrites a self-check that
//! changed after it was made unless the user resolves the conflict by taking it.

use super::printing::Scope;
use super::selfcheck::takes_part;
use super::{Result, Service, ServiceError, existing_official, json};
use crate::domain::access::Need;
use crate::domain::package::{
    CodeKey, CodeLock, EXTENSION, FORMAT, IssuedPackage, Package, PackageCapability, PackageMeta, PackageProblem, PackageRoutine,
    code_from_bytes,
};
use crate::domain::problem::{Field, Problem};
use crate::domain::selfcheck::{CheckStatus, Review, SelfCheck};
use crate::domain::{Lang, OfficialId, UnitId};
use crate::store::{Db, new_uuid};
use std::path::{Path, PathBuf};

/// What taking a package in would do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The official had no self-check in the round yet.
    New,
    /// The self-check is as it was when the package was made: it takes the package's content.
    Update,
    /// The package brings nothing new.
    Unchanged,
    /// The self-check changed after the package was made (`current` > `base`), or it was handed
    /// in meanwhile: the user chooses which to keep.
    Conflict { base: i64, current: i64, status: CheckStatus },
}

/// A verified package and what taking it in would do.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub file: PathBuf,
    pub package: Package,
    pub round: i64,
    pub official: OfficialId,
    pub current: Option<SelfCheck>,
    pub outcome: Outcome,
}

/// One file looked at by the import: verified and previewed, or refused with the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct Reviewed {
    pub file: PathBuf,
    pub result: std::result::Result<Incoming, PackageProblem>,
}

/// What a merge stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeSummary {
    pub merged: usize,
    pub unchanged: usize,
    /// Conflicts left as they were (not chosen to take).
    pub kept: usize,
    /// 平時 個人小結 written from the packages.
    pub routine: usize,
}

/// The package files at `path`: the file itself (a missing one is refused when read), or
/// every regular `*.nlpkg` file in a folder, by name (none: an empty list).
pub fn package_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case(EXTENSION)))
        .collect();
    files.sort();
    Ok(files)
}

/// Opens a package on the official's PC (no bureau database there): whole and unchanged, and
/// of a format that carries the official's code (an older one could not be handed in).
pub fn open_package(path: &Path) -> std::result::Result<Package, PackageProblem> {
    let package = crate::store::read_package(path)?;
    if package.meta.code.is_none() {
        return Err(PackageProblem::Uncoded);
    }
    Ok(package)
}

/// Saves the official's work into the package, sealed with the key of `code` (the one-time
/// code on the slip given out with the package; a wrong one saves nothing); `ready` hands it in.
pub fn save_package(path: &Path, package: &Package, code: &str) -> std::result::Result<(), ServiceError> {
    let key = package.unlock(code).map_err(|p| ServiceError::Package(path.to_owned(), p))?;
    let form = package.form.clone().validate(package.ready)?;
    let mut problems = crate::domain::problem::Problems::default();
    let routine = crate::domain::text::clean(&package.routine, Field::Reflection, false, crate::domain::text::MAX_LONG, &mut problems);
    let routine = problems.finish(routine)?;
    crate::store::write_package(path, &Package { form, routine, ..package.clone() }.sealed_with(&key))?;
    Ok(())
}

/// A fresh one-time code and the salt its key is derived with, from the OS random source.
pub(super) fn new_code() -> (String, String) {
    let [a, b] = [uuid::Uuid::new_v4(), uuid::Uuid::new_v4()];
    let mut letters = [0u8; 8];
    letters.copy_from_slice(&a.as_bytes()[..8]);
    // A v4 uuid's random bytes, leaving out the version and variant bits (bytes 6 and 8).
    let salt: String = a.as_bytes()[9..].iter().chain(&b.as_bytes()[9..]).map(|x| format!("{x:02x}")).collect();
    (code_from_bytes(letters), salt)
}

/// What taking `package` in would do to `current`.
fn outcome(package: &Package, current: Option<&SelfCheck>) -> Outcome {
    match current {
        None if package.form == Default::default() && !package.ready => Outcome::Unchanged,
        None => Outcome::New,
        Some(check) if check.version > package.meta.base_version || !check.status.editable() => {
            if check.data == package.form && !package.ready {
                Outcome::Unchanged
            } else {
                Outcome::Conflict { base: package.meta.base_version, current: check.version, status: check.status }
            }
        }
        Some(check) if check.data == package.form && !package.ready => Outcome::Unchanged,
        Some(_) => Outcome::Update,
    }
}

/// Verifies a package against the bureau's database and previews it.
fn review(db: &Db<'_>, file: &Path, key: &[u8], bureau: &str) -> std::result::Result<Incoming, PackageProblem> {
    let package = crate::store::read_package(file)?;
    if key.is_empty() {
        return Err(PackageProblem::NeverIssued);
    }
    if package.meta.bureau != bureau || !package.sealed_by(key) {
        return Err(PackageProblem::Seal);
    }
    let lock = package.meta.code.as_ref().ok_or(PackageProblem::Uncoded)?;
    let Some(code_key) = db.package_code_key(&lock.salt).map_err(|_| PackageProblem::NotAPackage)? else {
        return Err(PackageProblem::Seal);
    };
    if code_key.check() != lock.check || !package.filled_with(&code_key) {
        return Err(PackageProblem::NotByOfficial);
    }
    let store = |_| PackageProblem::NotAPackage;
    let round_id = db.round_by_uuid(&package.meta.round).map_err(store)?.ok_or(PackageProblem::UnknownRound)?;
    let round = db.round(round_id).map_err(store)?.ok_or(PackageProblem::UnknownRound)?;
    let official = db.official_by_uuid(&package.meta.official).map_err(store)?.ok_or(PackageProblem::UnknownOfficial)?;
    let who = db.official(official).map_err(store)?.ok_or(PackageProblem::UnknownOfficial)?;
    if round.data.closed {
        return Err(PackageProblem::RoundClosed);
    }
    if !takes_part(&db.units().map_err(store)?, &round, who.unit, who.status) {
        return Err(PackageProblem::NotInRound);
    }
    if let Err(problems) = package.form.clone().validate(package.ready) {
        // Levels missing or out of range make it incomplete; any other text is named as the
        // self-check page would name it (a reflection too long, control characters).
        let text = problems.into_iter().find(|p| !matches!(p.problem, Problem::Required | Problem::OutOfRange { .. }));
        return Err(text.map_or(PackageProblem::Incomplete, PackageProblem::Form));
    }
    let current = db.self_check(round_id, official).map_err(store)?;
    let outcome = outcome(&package, current.as_ref());
    Ok(Incoming { file: file.to_owned(), package, round: round_id, official, current, outcome })
}

impl Service {
    /// Writes a package for each participant of `round` in `scope` (one official, a unit with
    /// its sub-units, or everyone) into `dir`, texts in `lang`; returns the files written, each
    /// with the one-time code to give out with it (only the code's key is kept, in the database;
    /// the package holds a check value). One audit row for the export.
    pub fn export_packages(&mut self, round: i64, scope: Scope, dir: &Path, lang: Lang) -> Result<Vec<IssuedPackage>> {
        self.require(Need::Admin)?;
        let rows = self.round_rows(round)?;
        let actor = self.actor.clone();
        let today = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        // The key is made (and kept) in its own transaction before any file is written.
        let key = self.store.write(|db| db.package_key())?;
        let db = self.read();
        let units = db.units()?;
        let within: Option<Vec<UnitId>> = match scope {
            Scope::Unit(u) => Some(crate::domain::org::subtree(&units, u)),
            _ => None,
        };
        let the_round = db.round(round)?.ok_or(crate::store::StoreError::NotFound)?;
        let bureau = db.bureau_uuid()?.unwrap_or_default();
        let bureau_name = db.bureau()?.map(|b| b.name).unwrap_or_default();
        let catalogue = db.catalogue()?;
        let scale = db.scale()?;
        let capabilities: Vec<PackageCapability> = catalogue
            .capabilities
            .iter()
            .map(|c| PackageCapability {
                name: c.name.get(lang).to_owned(),
                slogan: c.slogan.get(lang).to_owned(),
                descriptors: std::array::from_fn(|l| scale.descriptor(c.position, l as u8 + 1, lang).to_owned()),
            })
            .collect();
        let mut written = Vec::new();
        let mut keys = Vec::new();
        let chosen = rows
            .iter()
            .filter(|r| within.as_ref().is_none_or(|w| w.contains(&r.unit)))
            .filter(|r| !matches!(scope, Scope::Official(o) if o != r.official));
        for row in chosen {
            let detail = self.check_detail(round, row.official)?;
            let routine = super::routine::package_period(&db, row.official, row.unit, the_round.data.year, self.today())?;
            let post = match detail.official.post {
                Some(p) => db.post(p)?.map(|p| p.title.clone()).unwrap_or_default(),
                None => String::new(),
            };
            let meta = PackageMeta {
                format: FORMAT,
                bureau: bureau.clone(),
                bureau_name: bureau_name.clone(),
                round: the_round.uuid.clone(),
                round_name: the_round.data.name.clone(),
                deadline: crate::domain::dates::format_date(the_round.data.deadline),
                official: detail.official.uuid.clone(),
                staff_no: detail.official.staff_no.clone(),
                name: detail.official.name.clone(),
                unit: crate::domain::org::unit_path(&units, detail.official.unit),
                post,
                tier: catalogue.tier_name(detail.official.tier, lang).to_owned(),
                required: detail.required,
                capabilities: capabilities.clone(),
                base_version: detail.check.as_ref().map_or(0, |c| c.version),
                lang,
                exported_at: today.clone(),
                code: None,
                routine: routine.as_ref().map(|(p, _)| PackageRoutine {
                    period: p.period.code(),
                    name: crate::i18n::period(lang, &p.period),
                    deadline: crate::domain::dates::format_date(p.deadline),
                }),
            };
            let (code, salt) = new_code();
            let path = dir.join(format!("{}.{EXTENSION}", meta.staff_no));
            let code_key = CodeKey::derive(&code, &salt).ok_or_else(|| ServiceError::Package(path, PackageProblem::WrongCode))?;
            let meta = PackageMeta { code: Some(CodeLock { salt: salt.clone(), check: code_key.check() }), ..meta };
            let package = Package {
                seal: crate::domain::package::seal(&meta, &key),
                meta,
                form: detail.check.map(|c| c.data).unwrap_or_default(),
                ready: false,
                fill_seal: String::new(),
                routine: routine.map(|(_, summary)| summary).unwrap_or_default(),
            }
            .sealed_with(&code_key);
            let path = dir.join(package.file_name());
            crate::store::write_package(&path, &package)?;
            written.push(IssuedPackage { file: path, staff_no: package.meta.staff_no, name: package.meta.name, code });
            keys.push((salt, code_key));
        }
        let after = serde_json::json!({ "round": round, "scope": format!("{scope:?}"), "packages": written.len(), "dir": dir.display().to_string() });
        self.store.write(|db| {
            for (salt, code_key) in &keys {
                db.set_package_code_key(salt, code_key)?;
            }
            db.audit(&actor, "package.export", "selfcheck_round", Some(round), None, Some(&after.to_string()))
        })?;
        Ok(written)
    }

    /// Verifies and previews each package file (nothing is stored).
    pub fn review_packages(&self, files: &[PathBuf]) -> Result<Vec<Reviewed>> {
        self.require(Need::Admin)?;
        let db = self.read();
        let key = match db.meta("package_key")? {
            Some(_) => db.package_key()?,
            None => Vec::new(),
        };
        let bureau = db.bureau_uuid()?.unwrap_or_default();
        Ok(files.iter().map(|file| Reviewed { file: file.clone(), result: review(&db, file, &key, &bureau) }).collect())
    }

    /// Takes the chosen packages in, in one transaction: each is checked again against the
    /// database as it is now; a conflict is taken only when `take_conflicts` says so. Each
    /// package taken writes one audit row naming its file.
    pub fn merge_packages(&mut self, chosen: &[Incoming], take_conflicts: bool) -> Result<MergeSummary> {
        self.require(Need::Admin)?;
        let actor = self.actor.clone();
        let today = self.today();
        let files: Vec<PathBuf> = chosen.iter().map(|i| i.file.clone()).collect();
        let fresh = self.review_packages(&files)?;
        self.store.write(|db| {
            let mut summary = MergeSummary::default();
            for reviewed in fresh {
                let incoming = reviewed.result.map_err(|p| ServiceError::Package(reviewed.file.clone(), p))?;
                // The 平時 個人小結 is its own record: taken whatever the self-check's outcome.
                if let Some(routine) = &incoming.package.meta.routine {
                    let p = &incoming.package;
                    if super::routine::take_package_summary(db, &actor, today, incoming.official, &routine.period, &p.routine, p.ready)? {
                        summary.routine += 1;
                    }
                }
                let taken = match &incoming.outcome {
                    Outcome::Unchanged => {
                        summary.unchanged += 1;
                        continue;
                    }
                    Outcome::Conflict { .. } if !take_conflicts => {
                        summary.kept += 1;
                        continue;
                    }
                    Outcome::New | Outcome::Update | Outcome::Conflict { .. } => incoming,
                };
                existing_official(db, taken.official)?;
                let before = taken.current.clone();
                let base = before.clone().unwrap_or(SelfCheck {
                    id: 0,
                    uuid: new_uuid(),
                    round: taken.round,
                    official: taken.official,
                    status: CheckStatus::Draft,
                    data: Default::default(),
                    review: Review::default(),
                    return_reason: String::new(),
                    version: 0,
                });
                let status = if taken.package.ready {
                    CheckStatus::Submitted
                } else if base.status.editable() {
                    base.status
                } else {
                    CheckStatus::Returned
                };
                let after = SelfCheck { status, data: taken.package.form.clone().validate(taken.package.ready)?, ..base };
                let id = db.save_self_check(&after.uuid, &after)?;
                let note = serde_json::json!({ "file": taken.file.display().to_string(), "package": after });
                db.audit(
                    &actor,
                    "package.import",
                    "self_check",
                    Some(id),
                    before.as_ref().and_then(json).as_deref(),
                    Some(&note.to_string()),
                )?;
                summary.merged += 1;
            }
            Ok(summary)
        })
    }
}
