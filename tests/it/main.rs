//! Integration tests as one crate: storage, the use cases, the command line, the window
//! (driven through egui_kittest by its labels) and the layering rules.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test or benchmark is its failure

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
