//! Self-check packages end to end: exported for a unit, filled on the official's side,
//! verified and merged by the personnel section; conflicts, other bureaus' packages, and
//! random, truncated and tampered files refused with nothing stored.

use crate::support::{audit_count, demo, demo_file};
use nengli::domain::package::{IssuedPackage, PackageProblem};
use nengli::domain::selfcheck::{CheckStatus, SelfCheckData};
use nengli::domain::{Lang, OfficialId};
use nengli::service::command::SelfCheckCommand;
use nengli::service::packages::{Outcome, open_package, package_files, save_package};
use nengli::service::{Command, Service, ServiceError};
use nengli::store::{OpenMode, Store};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

struct Setup {
    service: Service,
    round: i64,
    dir: tempfile::TempDir,
    files: Vec<PathBuf>,
    issued: Vec<IssuedPackage>,
}

/// The demo bureau with packages exported for 征管科.
fn exported() -> Setup {
    let mut service = demo();
    let round = service.rounds().unwrap()[0].id;
    let unit = nengli::service::printing::find_unit(&service, "征管科").unwrap().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let issued = service.export_packages(round, nengli::service::printing::Scope::Unit(unit), dir.path(), Lang::Tc).unwrap();
    let files = issued.iter().map(|i| i.file.clone()).collect();
    Setup { service, round, dir, files, issued }
}

/// The code given out with the package at `path`.
fn code_of(setup: &Setup, path: &Path) -> String {
    setup.issued.iter().find(|i| i.file == path).unwrap().code.clone()
}

fn official_of(service: &Service, username: &str) -> OfficialId {
    service.read().users().unwrap().into_iter().find(|u| u.data.username == username).unwrap().data.official.unwrap()
}

fn file_for(setup: &Setup, official: OfficialId) -> PathBuf {
    let staff_no = setup.service.read().official(official).unwrap().unwrap().data.staff_no;
    setup.files.iter().find(|f| f.file_name().unwrap().to_string_lossy().starts_with(&staff_no)).unwrap().clone()
}

/// What the official does on their own PC: open, fill all eight levels, hand in with the code
/// on their slip.
fn fill(setup: &Setup, path: &Path, level: u8) {
    let mut package = open_package(path).unwrap();
    package.form = SelfCheckData { levels: [Some(level); 8], reflection: "在家中填寫".into(), ..package.form };
    package.ready = true;
    save_package(path, &package, &code_of(setup, path)).unwrap();
}

#[test]
fn a_unit_is_exported_filled_at_home_and_merged_back() {
    let mut setup = exported();
    let members = setup.service.round_rows(setup.round).unwrap().into_iter().filter(|r| r.unit_name == "征管科").count();
    assert_eq!(setup.files.len(), members, "one package per official of the unit");
    assert_eq!(package_files(setup.dir.path()).unwrap().len(), members);
    let me = official_of(&setup.service, "official");
    let one = tempfile::tempdir().unwrap();
    let single = setup.service.export_packages(setup.round, nengli::service::printing::Scope::Official(me), one.path(), Lang::En).unwrap();
    assert_eq!(single.len(), 1, "one official's package alone");
    assert_eq!(open_package(&single[0].file).unwrap().meta.capabilities[0].name, "Learning", "in the exporting window's language");
    assert_ne!(single[0].code, code_of(&setup, &file_for(&setup, me)), "each package has a code of its own");
    let file = file_for(&setup, me);
    let package = open_package(&file).unwrap();
    assert_eq!(package.meta.capabilities.len(), 8, "the package carries what the form shows");
    assert_eq!(package.meta.capabilities[0].name, "學習力");
    fill(&setup, &file, 4);
    let reviewed = setup.service.review_packages(std::slice::from_ref(&file)).unwrap();
    let incoming = reviewed[0].result.clone().unwrap();
    assert_eq!((incoming.official, &incoming.outcome), (me, &Outcome::New));
    let summary = setup.service.merge_packages(&[incoming], false).unwrap();
    assert_eq!(summary.merged, 1);
    let check = setup.service.read().self_check(setup.round, me).unwrap().unwrap();
    assert_eq!((check.status, check.data.levels, check.data.reflection.as_str()), (CheckStatus::Submitted, [Some(4); 8], "在家中填寫"));
    let last = setup.service.read().audit_rows(1).unwrap().remove(0);
    assert_eq!(last.action, "package.import");
    assert!(last.after.unwrap().contains(".nlpkg"), "the audit row names the file");
    // The same package again brings nothing new… and is now a conflict (handed in since).
    let again = setup.service.review_packages(&[file]).unwrap().remove(0).result.unwrap();
    assert!(matches!(again.outcome, Outcome::Conflict { status: CheckStatus::Submitted, .. }), "{:?}", again.outcome);
}

#[test]
fn a_record_changed_since_the_export_is_a_conflict_never_overwritten_silently() {
    let mut setup = exported();
    // The demo official had no self-check when the package was made…
    let who = official_of(&setup.service, "official");
    let file = file_for(&setup, who);
    // …and starts one on the personnel PC meanwhile.
    let data = SelfCheckData { levels: [Some(2); 8], ..Default::default() };
    let _changed = setup
        .service
        .execute(Command::SelfCheck(SelfCheckCommand::SaveSelfCheck {
            round: setup.round,
            official: who,
            data: Box::new(data),
            submit: false,
        }))
        .unwrap();
    fill(&setup, &file, 5);
    let incoming = setup.service.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result.unwrap();
    assert!(matches!(incoming.outcome, Outcome::Conflict { .. }), "{:?}", incoming.outcome);
    let before = audit_count(&setup.service);
    let kept = setup.service.merge_packages(std::slice::from_ref(&incoming), false).unwrap();
    assert_eq!((kept.merged, kept.kept), (0, 1));
    assert_eq!(setup.service.read().self_check(setup.round, who).unwrap().unwrap().data.levels, [Some(2); 8], "kept as it was");
    assert_eq!(audit_count(&setup.service), before);
    // Resolved by taking the package.
    let taken = setup.service.merge_packages(&[incoming], true).unwrap();
    assert_eq!(taken.merged, 1);
    assert_eq!(setup.service.read().self_check(setup.round, who).unwrap().unwrap().data.levels, [Some(5); 8]);
}

#[test]
fn packages_of_another_bureau_or_with_a_changed_identity_are_refused() {
    let setup = exported();
    let me = official_of(&setup.service, "official");
    let file = file_for(&setup, me);
    // Another bureau (another file with its own key) does not take it.
    let dir = tempfile::tempdir().unwrap();
    let other_db = dir.path().join("other.sqlite");
    demo_file(&other_db);
    let mut other = Service::new(Store::open(&other_db, OpenMode::Existing).unwrap(), "other");
    let result = other.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result;
    assert_eq!(result.unwrap_err(), PackageProblem::NeverIssued, "a bureau that never exported says so");
    let round = other.rounds().unwrap()[0].id;
    let elsewhere = tempfile::tempdir().unwrap();
    other.export_packages(round, nengli::service::printing::Scope::All, elsewhere.path(), Lang::En).unwrap();
    let result = other.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result;
    assert_eq!(result.unwrap_err(), PackageProblem::Seal);
    // Redirected to a colleague and saved through the app (checksum renewed): the seal fails.
    let colleague = setup.service.read().official(setup.service.round_rows(setup.round).unwrap()[0].official).unwrap().unwrap();
    let mut package = open_package(&file).unwrap();
    package.meta.official = colleague.uuid.clone();
    save_package(&file, &package, &code_of(&setup, &file)).unwrap();
    let result = setup.service.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result;
    assert_eq!(result.unwrap_err(), PackageProblem::Seal);
}

/// Anyone holding an official's package can open it, but without the code given out with it
/// they can neither save it through the app nor hand in a form of their own making.
#[test]
fn a_package_filled_by_someone_without_the_officials_code_is_refused() {
    let mut setup = exported();
    let me = official_of(&setup.service, "official");
    let file = file_for(&setup, me);
    let unfilled = std::fs::read(&file).unwrap();
    let mut package = open_package(&file).unwrap();
    package.form.levels = [Some(5); 8];
    package.ready = true;
    // Through the app: a wrong or missing code saves nothing.
    for wrong in ["", "ABCD-EFGH", "not a code"] {
        let refused = save_package(&file, &package, wrong);
        assert!(matches!(refused, Err(ServiceError::Package(_, PackageProblem::WrongCode))), "{refused:?}");
        assert_eq!(std::fs::read(&file).unwrap(), unfilled, "nothing written");
    }
    // Behind the app's back: the file rewritten whole with a valid checksum, its old fill seal
    // kept, or sealed with a code of the forger's own choosing.
    nengli::store::write_package(&file, &package).unwrap();
    let refused = setup.service.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result;
    assert_eq!(refused.unwrap_err(), PackageProblem::NotByOfficial);
    let lock = package.meta.code.clone().unwrap();
    let mine = nengli::domain::package::CodeKey::derive("2222-2222", &lock.salt).unwrap();
    nengli::store::write_package(&file, &package.clone().sealed_with(&mine)).unwrap();
    let refused = setup.service.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result;
    assert_eq!(refused.unwrap_err(), PackageProblem::NotByOfficial);
    // …and the forger's own code lock put in: the bureau's seal over the identity breaks.
    let mut relocked = package.clone();
    relocked.meta.code = Some(nengli::domain::package::CodeLock { salt: lock.salt.clone(), check: mine.check() });
    nengli::store::write_package(&file, &relocked.sealed_with(&mine)).unwrap();
    let refused = setup.service.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result;
    assert_eq!(refused.unwrap_err(), PackageProblem::Seal);
    assert!(setup.service.merge_packages(&[], false).is_ok());
    assert!(setup.service.read().self_check(setup.round, me).unwrap().is_none(), "nothing stored");
    assert_eq!(
        nengli::i18n::package_problem(Lang::En, &PackageProblem::NotByOfficial),
        "filled by someone without the official's code (the filled content's seal does not match the code issued with the package)"
    );
    // The official, with the code on the slip (typed loosely), hands it in.
    let code = code_of(&setup, &file).to_lowercase().replace('-', " ");
    save_package(&file, &package, &code).unwrap();
    let incoming = setup.service.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result.unwrap();
    assert_eq!(incoming.outcome, Outcome::New);
    // The database keeps the code's key, never the code.
    let keys: Vec<String> = setup.service.read().package_code_key(&lock.salt).unwrap().into_iter().map(|k| k.to_hex()).collect();
    assert_eq!(keys.len(), 1);
    assert!(!keys[0].contains(&code_of(&setup, &file)));
}

/// A format-1 package (made before packages carried a code) is still read, and refused by name
/// when an official opens it or it is handed in.
#[test]
fn an_older_package_without_a_code_is_read_and_refused_by_name() {
    let setup = exported();
    let me = official_of(&setup.service, "official");
    let coded = open_package(&file_for(&setup, me)).unwrap();
    let meta = nengli::domain::package::PackageMeta { format: 1, code: None, ..coded.meta.clone() };
    let key = setup.service.read().package_key().unwrap();
    let seal = nengli::domain::package::seal(&meta, &key);
    let meta_text = nengli::domain::package::meta_text(&meta);
    assert!(!meta_text.contains("\"code\""), "a format-1 meta has no code");
    let form_text = nengli::domain::package::form_text(&SelfCheckData { levels: [Some(3); 8], ..Default::default() });
    let checksum = nengli::domain::package::checksum(&meta_text, &seal, &form_text, true, "", "");
    let old = setup.dir.path().join("old.nlpkg");
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.execute_batch(
            "CREATE TABLE package (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    meta     TEXT NOT NULL,
    seal     TEXT NOT NULL,
    form     TEXT NOT NULL,
    ready    INTEGER NOT NULL CHECK (ready IN (0, 1)),
    checksum TEXT NOT NULL
) STRICT;",
        )
        .unwrap();
        conn.execute("INSERT INTO package VALUES (1, ?1, ?2, ?3, 1, ?4)", rusqlite::params![meta_text, seal, form_text, checksum]).unwrap();
        conn.pragma_update(None, "application_id", nengli::store::PACKAGE_APPLICATION_ID).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let read = nengli::store::read_package(&old).unwrap();
    assert_eq!((read.meta.format, read.ready, read.fill_seal.as_str()), (1, true, ""));
    assert_eq!(open_package(&old).unwrap_err(), PackageProblem::Uncoded);
    let refused = setup.service.review_packages(std::slice::from_ref(&old)).unwrap().remove(0).result;
    assert_eq!(refused.unwrap_err(), PackageProblem::Uncoded);
}

#[test]
fn a_form_edited_outside_the_app_fails_its_checksum() {
    let setup = exported();
    let me = official_of(&setup.service, "official");
    let file = file_for(&setup, me);
    let mut bytes = std::fs::read(&file).unwrap();
    let needle = b"\"levels\":[null";
    let at = bytes.windows(needle.len()).position(|w| w == needle).expect("the form's text is in the file");
    bytes[at + 10..at + 14].copy_from_slice(b"5,  ");
    std::fs::write(&file, &bytes).unwrap();
    assert_eq!(open_package(&file).unwrap_err(), PackageProblem::Checksum);
}

/// A merge of a package that went bad after it was previewed stores nothing.
#[test]
fn a_package_damaged_after_its_preview_is_refused_at_merge_with_nothing_stored() {
    let mut setup = exported();
    let me = official_of(&setup.service, "official");
    let file = file_for(&setup, me);
    fill(&setup, &file, 3);
    let incoming = setup.service.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result.unwrap();
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let before = audit_count(&setup.service);
    let result = setup.service.merge_packages(&[incoming], false);
    assert!(matches!(result, Err(ServiceError::Package(_, _))), "{result:?}");
    assert_eq!(audit_count(&setup.service), before);
    assert!(setup.service.read().self_check(setup.round, me).unwrap().is_none());
}

fn refused_and_nothing_stored(setup: &Setup, file: &Path) -> std::result::Result<(), TestCaseError> {
    let before = audit_count(&setup.service);
    let reviewed = setup.service.review_packages(&[file.to_owned()]).unwrap().remove(0);
    prop_assert!(reviewed.result.is_err(), "{:?}", reviewed.result);
    prop_assert_eq!(audit_count(&setup.service), before);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_are_not_packages(bytes in proptest::collection::vec(any::<u8>(), 0..4096), sqlite_header in any::<bool>()) {
        let setup = exported();
        let file = setup.dir.path().join("random.nlpkg");
        let mut content = if sqlite_header { b"SQLite format 3\0".to_vec() } else { Vec::new() };
        content.extend(bytes);
        std::fs::write(&file, content).unwrap();
        refused_and_nothing_stored(&setup, &file)?;
    }

    #[test]
    fn truncated_packages_are_refused(keep in 0.0f64..1.0) {
        let setup = exported();
        let file = setup.files[0].clone();
        fill(&setup, &file, 3);
        let bytes = std::fs::read(&file).unwrap();
        let cut = ((bytes.len() as f64) * keep) as usize;
        std::fs::write(&file, &bytes[..cut.min(bytes.len() - 1)]).unwrap();
        refused_and_nothing_stored(&setup, &file)?;
    }

    /// A byte changed anywhere: refused, or (when it fell in unused space of the file) read
    /// back exactly as the package was — never different content taken in.
    #[test]
    fn a_changed_byte_is_refused_or_harmless(at in 0.0f64..1.0, xor in 1u8..=255) {
        let setup = exported();
        let file = setup.files[0].clone();
        fill(&setup, &file, 4);
        let original = open_package(&file).unwrap();
        let mut bytes = std::fs::read(&file).unwrap();
        let index = ((bytes.len() as f64) * at) as usize % bytes.len();
        bytes[index] ^= xor;
        std::fs::write(&file, &bytes).unwrap();
        let before = audit_count(&setup.service);
        match setup.service.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result {
            Err(_) => {}
            Ok(incoming) => prop_assert_eq!(incoming.package, original),
        }
        prop_assert_eq!(audit_count(&setup.service), before);
    }
}

/// A package carries the official's open 平時 quarter: the 個人小結 written at home is handed in
/// with it; a format-2 package (made before packages carried it) is still read and taken in.
#[test]
fn a_package_carries_the_routine_summary_and_a_format_2_package_is_still_taken_in() {
    let mut setup = exported();
    let me = official_of(&setup.service, "official");
    let file = file_for(&setup, me);
    let mut package = open_package(&file).unwrap();
    let routine = package.meta.routine.clone().expect("the quarter still open to the official");
    assert_eq!((routine.period.as_str(), routine.name.as_str()), ("2012Q3", "2012年第3季度"), "the quarter not yet handed in");
    package.routine = "本季度完成納稅評估 12 戶（在家中填寫）".into();
    package.form = SelfCheckData { levels: [Some(4); 8], ..package.form };
    package.ready = true;
    assert!(save_package(&file, &package, "ZZZZ-ZZZZ").is_err(), "a wrong code saves nothing");
    save_package(&file, &package, &code_of(&setup, &file)).unwrap();
    assert_eq!(open_package(&file).unwrap().routine, "本季度完成納稅評估 12 戶（在家中填寫）");
    let incoming = setup.service.review_packages(std::slice::from_ref(&file)).unwrap().remove(0).result.unwrap();
    let summary = setup.service.merge_packages(&[incoming], false).unwrap();
    assert_eq!((summary.merged, summary.routine), (1, 1));
    let q3 = setup.service.routine_period("2012Q3").unwrap().unwrap().id;
    let record = setup.service.read().routine_record(q3, me).unwrap().unwrap();
    assert_eq!(record.stage, nengli::domain::routine::Stage::Submitted, "handed in with the package");
    assert_eq!(record.data.summary, "本季度完成納稅評估 12 戶（在家中填寫）");

    // A colleague's package as format 2 wrote it: no 平時 part, the table without its column.
    let colleague =
        setup.service.round_rows(setup.round).unwrap().into_iter().find(|r| r.unit_name == "征管科" && r.official != me).unwrap().official;
    let theirs = file_for(&setup, colleague);
    let issued = open_package(&theirs).unwrap();
    let meta = nengli::domain::package::PackageMeta { format: 2, routine: None, ..issued.meta.clone() };
    let bureau_key = setup.service.read().package_key().unwrap();
    let code_key = nengli::domain::package::CodeKey::derive(&code_of(&setup, &theirs), &meta.code.as_ref().unwrap().salt).unwrap();
    let old = nengli::domain::package::Package {
        seal: nengli::domain::package::seal(&meta, &bureau_key),
        meta,
        form: SelfCheckData { levels: [Some(3); 8], ..Default::default() },
        ready: true,
        fill_seal: String::new(),
        routine: String::new(),
    }
    .sealed_with(&code_key);
    let path = setup.dir.path().join("format2.nlpkg");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE package (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    meta      TEXT NOT NULL,
    seal      TEXT NOT NULL,
    form      TEXT NOT NULL,
    ready     INTEGER NOT NULL CHECK (ready IN (0, 1)),
    fill_seal TEXT NOT NULL,
    checksum  TEXT NOT NULL
) STRICT;",
        )
        .unwrap();
        let meta_text = nengli::domain::package::meta_text(&old.meta);
        assert!(!meta_text.contains("routine"), "a format-2 meta has no 平時 part");
        let form_text = nengli::domain::package::form_text(&old.form);
        conn.execute(
            "INSERT INTO package VALUES (1, ?1, ?2, ?3, 1, ?4, ?5)",
            rusqlite::params![meta_text, old.seal, form_text, old.fill_seal, old.checksum()],
        )
        .unwrap();
        conn.pragma_update(None, "application_id", nengli::store::PACKAGE_APPLICATION_ID).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
    }
    let read = open_package(&path).unwrap();
    assert_eq!((read.meta.format, read.meta.routine.is_none(), read.routine.as_str()), (2, true, ""));
    let incoming = setup.service.review_packages(std::slice::from_ref(&path)).unwrap().remove(0).result.unwrap();
    let summary = setup.service.merge_packages(&[incoming], true).unwrap();
    assert_eq!((summary.merged, summary.routine), (1, 0), "taken in as before, with no 平時 part");
    assert_eq!(setup.service.read().self_check(setup.round, colleague).unwrap().unwrap().data.levels, [Some(3); 8]);
}
