//! Shared fixtures: a fixed "today", demo bureaus in memory or on disk, file hashes.

use chrono::NaiveDate;
use nengli::service::command::RosterCommand;
use nengli::service::{Service, seed};
use nengli::store::{OpenMode, Store};
use std::path::Path;

/// The day the tests live in: inside the 2012–2013 programme.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2013, 3, 1).unwrap()
}

/// A demo bureau in memory.
pub fn demo() -> Service {
    let mut service = Service::new(Store::open_in_memory().unwrap(), "tester").with_today(today());
    seed::demo(&mut service).unwrap();
    service
}

/// A demo bureau in a file at `path`.
pub fn demo_file(path: &Path) {
    let mut service = Service::new(Store::open(path, OpenMode::Create).unwrap(), "tester");
    seed::demo(&mut service).unwrap();
}

/// A cheap fingerprint of a file's bytes, for "left byte-for-byte untouched".
pub fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// A newly hired official with no records yet (one who may still be deleted), as the command
/// that makes them; the demo's officials all have attendance and cannot be.
pub fn newcomer(service: &Service, staff_no: &str) -> nengli::service::Command {
    let unit = service.read().units().unwrap().into_iter().find(|u| u.name == "辦公室").unwrap().id;
    nengli::service::Command::Roster(RosterCommand::CreateOfficial(nengli::domain::official::OfficialDraft {
        staff_no: staff_no.into(),
        name: "新進人員".into(),
        gender: Some(nengli::domain::catalogue::Gender::Female),
        birth: "1990.03".into(),
        tier_override: Some(nengli::domain::catalogue::RankTier::General),
        unit: Some(unit),
        status: Some(nengli::domain::catalogue::OfficialStatus::Active),
        ..Default::default()
    }))
}

/// The id of the official with `staff_no`.
pub fn official_id(service: &Service, staff_no: &str) -> nengli::domain::OfficialId {
    service.read().roster_rows().unwrap().into_iter().find(|r| r.staff_no == staff_no).unwrap().id
}

/// How many audit rows the file holds.
pub fn audit_count(service: &nengli::service::Service) -> usize {
    service.read().audit_rows(1_000_000).unwrap().len()
}

/// Takes an official's year-end record of `year` back to a draft through the chain, as the
/// administrator: a locked record is reopened, one on its way is returned. The demo has
/// records at every step; a test that walks the chain itself starts from the official's pen.
pub fn yearend_back_to_draft(service: &mut Service, official: nengli::domain::OfficialId, year: i32) {
    use nengli::domain::yearend::{Stage, Step, YearEndData};
    use nengli::service::command::YearEndCommand;
    let step = match service.read().yearend(official, year).unwrap().map(|r| r.stage) {
        Some(Stage::Locked) => Step::Reopen,
        Some(Stage::Submitted | Stage::Commented | Stage::Decided) => Step::Return,
        Some(Stage::Draft) | None => return,
    };
    let data = YearEndData { reason: "重新考核".into(), ..Default::default() };
    let _ = service
        .execute(nengli::service::Command::YearEnd(YearEndCommand::YearEndStep { official, year, step, data: Box::new(data) }))
        .unwrap();
    assert_eq!(service.read().yearend(official, year).unwrap().map(|r| r.stage), Some(Stage::Draft));
}

/// The posts with a standard for `year` (the demo leaves a few without).
pub fn posts_with_standard(service: &Service, year: i32) -> std::collections::HashSet<nengli::domain::PostId> {
    service.read().standards(year).unwrap().into_iter().map(|s| s.post).collect()
}

/// The demo's self-check round and the posts with a standard for its year.
pub fn round_and_standard_posts(
    service: &Service,
) -> (nengli::domain::selfcheck::Round, std::collections::HashSet<nengli::domain::PostId>) {
    let round = service.rounds().unwrap()[0].clone();
    let posts = posts_with_standard(service, round.data.year);
    (round, posts)
}
