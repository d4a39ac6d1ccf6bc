//! Integration tests as one crate: storage, the use cases, the command line, the window
//! (driven through egui_kittest by its labels) and the layering rules.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

/// The tests keep their databases' session and audit-head records in a data folder of their own
/// under the temporary folder, never in the data folder of the person running them. The variable
/// is set before `main`, while no other thread exists to read the environment.
#[used]
#[cfg_attr(target_os = "linux", unsafe(link_section = ".init_array"))]
#[cfg_attr(target_os = "macos", unsafe(link_section = "__DATA,__mod_init_func"))]
#[cfg_attr(target_os = "windows", unsafe(link_section = ".CRT$XCU"))]
static TEST_DATA_FOLDER: extern "C" fn() = {
    extern "C" fn set() {
        let folder = std::env::temp_dir().join("nengli-test-data");
        // SAFETY: this runs before main, when no other thread can read or write the environment.
        unsafe { std::env::set_var(nengli::paths::DATA_DIR_VAR, folder) };
    }
    set
};

mod appraisal;
mod architecture;
mod backup;
mod check;
mod cli;
mod crash;
mod exchange;
mod inputs;
mod integrity;
mod lrmx;
mod packages;
mod pdfread;
mod report;
mod rosters;
mod routine;
mod selfcheck;
mod service;
mod standing;
mod store;
mod support;
mod training;
mod ui;
mod yearend;
