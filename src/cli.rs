//! The command line, for IT staff and automation: no command opens the window; `demo`,
//! `init`, `check` and `gen` run headless. Errors print one line and exit non-zero.

use crate::domain::Lang;
use crate::domain::catalogue::Catalogue;
use crate::i18n::{self, tr};
use crate::service::{Service, ServiceError, seed};
use crate::store::{OpenMode, Store};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "nengli", version, about = "能力建設年管理系統 — capability-building programme manager", long_about = None)]
pub struct Args {
    /// The database file (default: nengli.sqlite in the user's data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Language of messages: tc (繁體), sc (简体) or en; default from the system locale.
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Subcommand, Debug)]
pub enum Cmd {
    /// Create the demo bureau in the database (which must be new or empty).
    Demo,
    /// Set up a new bureau database.
    Init {
        /// The bureau's name, e.g. 示範縣國家稅務局.
        #[arg(long)]
        bureau: String,
        /// The programme year, e.g. 2012.
        #[arg(long)]
        year: i32,
    },
    /// Run SQLite's integrity and foreign-key checks; print `ok` or the problems (exit 0/1).
    Check,
    /// Generate a synthetic bureau of any size, for benchmarks and tests.
    Gen {
        /// How many officials.
        #[arg(long)]
        officials: usize,
        /// How many programme years.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=20))]
        years: u32,
        /// Seed of the generator: the same seed gives the same bureau.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The bureau's name.
        #[arg(long, default_value = "合成測試縣稅務局")]
        bureau: String,
    },
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    match text.to_ascii_lowercase().as_str() {
        "tc" | "zh-hant" | "zh-tw" => Ok(Lang::Tc),
        "sc" | "zh-hans" | "zh-cn" => Ok(Lang::Sc),
        "en" => Ok(Lang::En),
        other => Err(format!("unknown language {other:?}: use tc, sc or en")),
    }
}

/// The language of the system, by the rules of [`Lang::from_locale`].
pub fn system_lang() -> Lang {
    sys_locale::get_locale().map(|l| Lang::from_locale(&l)).unwrap_or(Lang::En)
}

/// Runs the binary: parses the arguments, then opens the window or runs one command.
pub fn main() -> ExitCode {
    let args = Args::parse();
    crate::logging::init(&crate::paths::log_dir());
    let lang = args.lang.unwrap_or_else(system_lang);
    let Some(command) = args.command else {
        return crate::ui::run(args.db, args.lang);
    };
    let db = args.db.unwrap_or_else(crate::paths::default_db);
    match run(&command, &db, lang) {
        Ok(lines) => {
            for line in lines.output {
                println!("{line}");
            }
            if lines.failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
        }
        Err(message) => {
            log::error!("{command:?} on {}: {message}", db.display());
            eprintln!("nengli: {message}");
            ExitCode::FAILURE
        }
    }
}

/// What a command printed, and whether it found problems.
pub struct Output {
    pub output: Vec<String>,
    pub failed: bool,
}

fn service(db: &Path, mode: OpenMode, lang: Lang) -> Result<Service, String> {
    let store = Store::open(db, mode).map_err(|e| i18n::store_error(lang, &e))?;
    Ok(Service::new(store, "cli"))
}

fn fail(lang: Lang, error: ServiceError) -> String {
    i18n::service_error(lang, &error)
}

/// Runs one headless command against `db`; `Err` is the one-line message for stderr.
pub fn run(command: &Cmd, db: &Path, lang: Lang) -> Result<Output, String> {
    let ok = |line: String| Ok(Output { output: vec![line], failed: false });
    match command {
        Cmd::Demo => {
            let mut service = service(db, OpenMode::Create, lang)?;
            let summary = seed::demo(&mut service).map_err(|e| fail(lang, e))?;
            ok(i18n::fill(
                tr(lang, "cli.demo_done"),
                &[&summary.units.to_string(), &summary.posts.to_string(), &summary.officials.to_string(), &db.display().to_string()],
            ))
        }
        Cmd::Init { bureau, year } => {
            let mut service = service(db, OpenMode::Create, lang)?;
            service.init_bureau(bureau, *year, &Catalogue::shipped()).map_err(|e| fail(lang, e))?;
            ok(i18n::fill(tr(lang, "cli.init_done"), &[bureau.trim(), &year.to_string(), &db.display().to_string()]))
        }
        Cmd::Check => {
            let service = service(db, OpenMode::Existing, lang)?;
            let problems = service.store().check().map_err(|e| i18n::store_error(lang, &e))?;
            if problems.is_empty() { ok("ok".to_owned()) } else { Ok(Output { output: problems, failed: true }) }
        }
        Cmd::Gen { officials, years, seed: seed_value, bureau } => {
            let mut service = service(db, OpenMode::Create, lang)?;
            let summary = seed::generate(&mut service, bureau, *officials, *years, *seed_value).map_err(|e| fail(lang, e))?;
            ok(i18n::fill(
                tr(lang, "cli.gen_done"),
                &[&summary.units.to_string(), &summary.posts.to_string(), &summary.officials.to_string(), &db.display().to_string()],
            ))
        }
    }
}
