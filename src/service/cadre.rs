//! 干部任免審批表 files from the roster: each official's `.lrmx` with 年度考核結果 written from the
//! program's year-end grades, 獎懲情況 from the record (or the year-end records' 獎懲), and the
//! photo as stored; the officials a `--staff` list or a unit names; and the files read for an
//! import preview.

use super::{Result, Service, ServiceError};
use crate::domain::cadre::assessment_sentence;
use crate::domain::org::Scope;
use crate::domain::org::subtree;
use crate::domain::problem::{Field, Problem};
use crate::domain::yearend::Stage;
use crate::domain::{Lang, OfficialId};
use crate::exchange::lrmx::{self, CadreFile};
use crate::exchange::preview::CadreSource;
use crate::i18n::tr;
use crate::report::model::AppointmentSheet;
use std::path::{Path, PathBuf};

/// The most 任免審批表 files one import reads from a folder.
pub const MAX_FILES: usize = 5_000;

/// An official's 任免審批表 as a file writes it, in `lang`'s Chinese (English writes 繁體).
pub fn cadre_file(service: &Service, id: OfficialId, lang: Lang) -> Result<CadreFile> {
    let lang = if lang == Lang::En { Lang::Tc } else { lang };
    let db = service.read();
    let official = super::existing_official(&db, id)?;
    // A cadre record is one official's: theirs, their unit's reviewers' and the personnel section's.
    service.require_read(crate::domain::access::Sight::Official { official: id, unit: official.unit })?;
    let mut record = db.cadre(id)?;
    let history = db.yearends_of(id)?;
    let graded: Vec<(i32, &str)> = history
        .iter()
        .filter(|y| matches!(y.stage, Stage::Decided | Stage::Locked))
        .filter_map(|y| y.data.grade.map(|g| (y.year, tr(lang, &format!("grade.{}", g.code())))))
        .collect();
    let sentence = assessment_sentence(&graded);
    if !sentence.is_empty() {
        record.assessment = sentence;
    }
    if record.rewards.is_empty() {
        let lines: Vec<String> = history
            .iter()
            .filter(|y| !y.data.rewards.trim().is_empty())
            .map(|y| format!("{}年：{}", y.year, y.data.rewards.trim()))
            .collect();
        record.rewards = lines.join("\n");
    }
    if record.current_post.is_empty() {
        let unit = db.unit(official.unit)?.map(|u| u.name).unwrap_or_default();
        record.current_post = format!("{unit}{}", official.position_title);
    }
    let i = &official.identity;
    Ok(CadreFile {
        name: official.name.clone(),
        gender: crate::i18n::gender(lang, official.gender).to_owned(),
        birth: official.birth.to_string(),
        ethnicity: i.ethnicity.clone(),
        native_place: i.native_place.clone(),
        birthplace: i.birthplace.clone(),
        party_since: i.party_since.clone(),
        work_since: i.work_since.clone(),
        health: i.health.clone(),
        education: official.education.clone(),
        degree: i.degree.clone(),
        school: i.school.clone(),
        inservice_education: i.inservice_education.clone(),
        inservice_degree: i.inservice_degree.clone(),
        inservice_school: i.inservice_school.clone(),
        id_number: i.id_number.clone(),
        record,
        photo: db.photo(id)?.map(|(_, bytes)| bytes),
        photo_unreadable: false,
    })
}

/// The 干部任免審批表 of `ids` for printing, in that order, leaving out those the account may not
/// see: dates as the form prints them, the birth month with the age at 計算年齡時間 (or `today`
/// when the record gives none), the photo's pixels.
pub fn appointment_sheets(service: &Service, ids: &[OfficialId], today: chrono::NaiveDate, lang: Lang) -> Result<Vec<AppointmentSheet>> {
    use crate::domain::cadre::{age_at, printed_date};
    use crate::domain::dates::{Since, YearMonth};
    let mut sheets = Vec::with_capacity(ids.len());
    for id in ids {
        let (staff_no, unit) = {
            let db = service.read();
            let o = super::existing_official(&db, *id)?;
            (o.staff_no.clone(), o.unit)
        };
        if !service.access().may_see(*id, unit) {
            continue;
        }
        let file = cadre_file(service, *id, lang)?;
        let on = Since::parse(&file.record.age_date).map_or_else(|| YearMonth::of(today), Since::month);
        let birth = match Since::parse(&file.birth) {
            Some(born) => match age_at(born.month(), on) {
                Some(age) => crate::i18n::fill(tr(lang, "cadre.age"), &[&born.month().to_string(), &age.to_string()]),
                None => born.month().to_string(),
            },
            None => file.birth.clone(),
        };
        sheets.push(AppointmentSheet {
            staff_no,
            name: file.name,
            gender: file.gender,
            birth,
            ethnicity: file.ethnicity,
            native_place: file.native_place,
            birthplace: file.birthplace,
            party_since: printed_date(&file.party_since),
            work_since: printed_date(&file.work_since),
            health: file.health,
            education: file.education,
            degree: file.degree,
            school: file.school,
            inservice_education: file.inservice_education,
            inservice_degree: file.inservice_degree,
            inservice_school: file.inservice_school,
            record: file.record,
            photo: file.photo.as_deref().and_then(crate::report::model::photo),
        });
    }
    Ok(sheets)
}

/// The officials a list of staff numbers names (each must exist), or every serving official of
/// a unit and its sub-units, by staff number.
pub fn chosen_officials(service: &Service, staff: &[String], scope: Option<Scope>) -> Result<Vec<OfficialId>> {
    let db = service.read();
    let officials = db.officials()?;
    if !staff.is_empty() {
        return staff
            .iter()
            .map(|no| {
                officials
                    .iter()
                    .find(|o| o.staff_no == no.trim())
                    .map(|o| o.id)
                    .ok_or_else(|| ServiceError::one(Field::StaffNo, Problem::UnknownStaffNo { staff_no: no.trim().to_owned() }))
            })
            .collect();
    }
    let units = db.units()?;
    let allowed = match scope {
        Some(Scope::Unit(unit)) => Some(subtree(&units, unit)),
        _ => None,
    };
    Ok(officials
        .iter()
        .filter(|o| o.status == crate::domain::catalogue::OfficialStatus::Active)
        .filter(|o| allowed.as_ref().is_none_or(|a| a.contains(&o.unit)))
        .map(|o| o.id)
        .collect())
}

/// Writes one `.lrmx` per official into `dir`, named by staff number and name; the files written.
pub fn export_cadre_files(service: &Service, ids: &[OfficialId], dir: &Path, lang: Lang) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| ServiceError::Exchange(crate::exchange::ExchangeError::Io(e)))?;
    let mut written = Vec::new();
    for id in ids {
        let path = dir.join(format!("{}.lrmx", cadre_file_name(service, *id)?));
        write_cadre_file(service, *id, &path, lang)?;
        written.push(path);
    }
    Ok(written)
}

/// The name (without `.lrmx`) an official's file is given: staff number and name.
pub fn cadre_file_name(service: &Service, id: OfficialId) -> Result<String> {
    let db = service.read();
    let official = super::existing_official(&db, id)?;
    Ok(crate::files::safe_file_name(&format!("{}-{}", official.staff_no, official.name)))
}

/// Writes one official's `.lrmx` to `path` (replaced only once whole).
pub fn write_cadre_file(service: &Service, id: OfficialId, path: &Path, lang: Lang) -> Result<()> {
    let file = cadre_file(service, id, lang)?;
    crate::files::write_atomically(path, &lrmx::write_lrmx(&file))
        .map_err(|e| ServiceError::Exchange(crate::exchange::ExchangeError::Io(e)))
}

/// The 任免審批表 files at `path`: the file itself, or every `.lrmx`/`.lrm` in the folder, by name
/// (at most [`MAX_FILES`]), each read or refused with the reason.
pub fn read_cadre_sources(path: &Path) -> Result<Vec<CadreSource>> {
    let files: Vec<PathBuf> = if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|e| ServiceError::Exchange(crate::exchange::ExchangeError::Io(e)))?;
        let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| lrmx::is_cadre_file(p)).collect();
        files.sort();
        files.truncate(MAX_FILES);
        files
    } else {
        vec![path.to_owned()]
    };
    Ok(files.iter().map(|f| CadreSource { file: lrmx::read_file(f), name: crate::exchange::display_name(f) }).collect())
}
