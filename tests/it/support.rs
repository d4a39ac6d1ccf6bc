//! Shared fixtures: a fixed "today", demo bureaus in memory or on disk, file hashes.

use chrono::NaiveDate;
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
