//! nengli (能力建設年管理系統): a desktop application for a county tax bureau's
//! capability-building programme, over one local SQLite file.
//!
//! Layers, from the inside out:
//! - [`domain`]: the pure model and rules (no egui, SQLite, files or clock);
//! - [`store`]: the only code that speaks SQLite; [`i18n`]: every text in three languages;
//!   [`report`]: what goes on paper, laid out in millimetres, painted as PDF; [`exchange`]:
//!   spreadsheets in and out (report and exchange use only the domain and the texts);
//! - [`service`]: the use cases, each change one transaction with its audit row;
//! - [`ui`]: egui views, functions of state that emit commands; [`cli`]: the headless commands;
//!   [`messages`]: their errors as one sentence in the user's language.
//!
//! Invariants:
//! 1. Views never touch SQLite or files: they read cached view models and push commands.
//! 2. One user action = one IMMEDIATE transaction = one audit row; a refused change leaves nothing.
//! 3. No SQL per frame: caches are reloaded after a change, never while drawing.
//! 4. A file that is not ours, or is newer than this build, is refused and left untouched.
//! 5. Lower layers return typed errors; the edges (UI, CLI) turn them into the user's language.

pub mod assets;
pub mod backup;
pub mod cli;
pub mod domain;
pub mod exchange;
pub mod files;
pub mod i18n;
pub mod lock;
pub mod logging;
pub mod messages;
pub mod paths;
pub mod report;
pub mod service;
pub mod store;
pub mod ui;
