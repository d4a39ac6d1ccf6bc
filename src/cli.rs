//! The command line, for IT staff and automation: no command opens the window; `demo`,
//! `init`, `check` and `gen` run headless. Errors print one line and exit non-zero.

use crate::domain::catalogue::Catalogue;
use crate::domain::{Lang, UnitId};
use crate::exchange::preview::{self, Change};
use crate::exchange::{self, Kind, write};
use crate::i18n::{self, tr};
use crate::messages;
use crate::service::printing::{Printout, Scope, YearEndSheets};
use crate::service::{Service, ServiceError, exports, printing, seed};
use crate::store::{OpenMode, Store};
use chrono::Datelike;
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
    /// Language of printouts: tc, sc or en; default the bureau's Chinese (简体 when the messages
    /// are in 简体, 繁體 otherwise, also under an English or C locale).
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub print_lang: Option<Lang>,
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
    /// Keep aside a write-ahead log (-wal) beside the database that nengli did not leave when it
    /// last closed the file, so the database opens as nengli left it (the log is renamed, not
    /// deleted).
    DiscardWal,
    /// Import officials, units, posts, standards or attendance from a spreadsheet (.xlsx, .xls,
    /// .ods or .csv). Prints the counts and every problem as `row N, column C: message`;
    /// stores nothing and exits 1 when any row is refused. An attendance sheet has a session
    /// number, a staff number, a mark (出席/遲到/請假/缺席) and optionally the 學時 per row.
    Import {
        #[arg(value_enum)]
        kind: ImportKindArg,
        file: PathBuf,
        /// Check and report only; store nothing.
        #[arg(long)]
        dry_run: bool,
        /// The sheet to read (default: the first whose header fits).
        #[arg(long)]
        sheet: Option<String>,
        /// The row number of the header, when it is not the one found (title lines above it are
        /// skipped either way).
        #[arg(long, value_name = "N")]
        header_row: Option<usize>,
        /// How a month written `YYYY.1` reads where nothing in the file decides it.
        #[arg(long, value_enum, value_name = "MONTH")]
        dot_one_month: Option<DotOneArg>,
    },
    /// Export officials, units or posts to FILE.xlsx or FILE.csv; `export lrmx` writes one
    /// 干部任免審批表 (.lrmx) per official (--staff NO,... or every serving official of --unit)
    /// into --dir.
    Export {
        #[arg(value_enum)]
        kind: KindArg,
        #[arg(required_unless_present = "dir")]
        file: Option<PathBuf>,
        /// `lrmx`: the officials' staff numbers, comma-separated.
        #[arg(long, value_delimiter = ',', value_name = "NO,...")]
        staff: Vec<String>,
        /// `lrmx`: every serving official of this unit and its sub-units.
        #[arg(long)]
        unit: Option<String>,
        /// `lrmx`: the folder the files go into.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Write a verified copy of the database to FILE (safe while the app has it open).
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the database with the backup FILE; the current file is kept aside first.
    Restore { file: PathBuf },
    /// Print documents as PDF (A4, the bundled font embedded as a subset).
    Print {
        #[command(subcommand)]
        what: PrintCmd,
    },
    /// Write a self-check package for each participant of a round (of one unit and its
    /// sub-units with --unit) into DIR, for officials to fill in on their own PCs.
    ExportPackages {
        /// The round's number (shown by the window's self-check page and in the package names).
        #[arg(long)]
        round: i64,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
    },
    /// Verify the returned packages in DIR (or one package file) and merge them in one
    /// transaction. Prints one line per package; a package whose self-check changed since it
    /// was made is a conflict and is left out (exit 1) unless --take-conflicts.
    ImportPackages {
        dir: PathBuf,
        /// Resolve conflicts by taking the package's content.
        #[arg(long)]
        take_conflicts: bool,
        /// Check and report only; store nothing.
        #[arg(long)]
        dry_run: bool,
    },
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

/// A printout's year, unit (with its sub-units; all without) and the PDF to write.
#[derive(clap::Args, Debug)]
pub struct YearPrint {
    #[arg(long)]
    year: i32,
    /// The unit's name (or path); its sub-units are included.
    #[arg(long)]
    unit: Option<String>,
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
}

/// What `print` makes.
#[derive(Subcommand, Debug)]
pub enum PrintCmd {
    /// The 能力席位書 of every serving official (of one unit and its sub-units with --unit),
    /// one sheet each; officials without one get the draft their post's standard gives.
    SeatStatements {
        #[arg(long)]
        unit: Option<String>,
        /// The programme year.
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Each participant's capability report (radar, gap table, plan) from the year's newest
    /// self-check round, one sheet each (of one unit and its sub-units with --unit).
    CapabilityReport(YearPrint),
    /// The summary of the year's newest self-check round: completion, averages, heatmap and
    /// the reminder list (for one unit and its sub-units with --unit).
    RoundSummary(YearPrint),
    /// A session's sign-in sheet (簽到表): everyone it expects, with room to sign.
    SignIn {
        #[arg(long)]
        session: i64,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// An official's training file (培訓檔案) for a year.
    TrainingFile {
        /// The official's staff number.
        #[arg(long)]
        official: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// Compliance with the training quotas for a year (of one unit and its sub-units with --unit).
    TrainingCompliance(YearPrint),
    /// The 公務員年度考核登記表 of a year for every serving official (of one unit with --unit, or
    /// the staff numbers listed with --staff), in one PDF or one file per person (--split-dir).
    Yearend {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        unit: Option<String>,
        /// Staff numbers, comma-separated.
        #[arg(long, value_delimiter = ',')]
        staff: Vec<String>,
        #[arg(long, value_enum, default_value = "a4")]
        paper: PaperArg,
        /// Printed on both sides: margins mirrored on the back, each form starting on a new leaf.
        #[arg(long)]
        duplex: bool,
        /// Write one PDF per person, named by staff number and name, into this folder.
        #[arg(long, value_name = "DIR")]
        split_dir: Option<PathBuf>,
        #[arg(long, value_name = "FILE.pdf", required_unless_present = "split_dir")]
        out: Option<PathBuf>,
    },
    /// The 干部任免審批表 of the officials whose staff numbers are listed with --staff, or of every
    /// serving official of --unit and its sub-units: two pages each, with the photo.
    AppointmentForm {
        /// Staff numbers, comma-separated.
        #[arg(long, value_delimiter = ',', required_unless_present = "unit")]
        staff: Vec<String>,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The grade roster (花名冊) of a year, with the 優秀 quota's use (of one unit with --unit).
    GradeRoster(YearPrint),
    /// The year's 優秀 名額分配表: each quota pool's share, total and units' places.
    QuotaAllocation {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The bureau's year-end summary: grades by unit and the 優秀 quota's use, capability
    /// averages and gaps by unit, training compliance, and the units' 檢查驗收, with bar charts.
    YearendSummary {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The 平時考核登記表 of a period (e.g. 2012Q3) for every serving official (of one unit with
    /// --unit, or the staff numbers listed with --staff), one form each.
    RoutineForm {
        #[arg(long)]
        period: String,
        #[arg(long)]
        unit: Option<String>,
        /// Staff numbers, comma-separated.
        #[arg(long, value_delimiter = ',')]
        staff: Vec<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// A period's 平時考核結果匯總表: each result, 好 against the quota, who is unrated (of one
    /// unit and its sub-units with --unit).
    RoutineSummary {
        #[arg(long)]
        period: String,
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// An official's year of 平時 results with their 專項考核.
    RoutineYear {
        /// The official's staff number.
        #[arg(long)]
        official: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// A blank 公務員年度考核登記表 for filling in by hand.
    YearendBlank {
        #[arg(long, value_enum, default_value = "a4")]
        paper: PaperArg,
        /// Printed on both sides: margins mirrored on the back.
        #[arg(long)]
        duplex: bool,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The programme report for the leading group as things stand on a day.
    ProgrammeReport {
        /// The day the report is made for (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The year's 公示 of the 優秀 candidates: the notice with its days, the candidates and the
    /// objections with how each was handled.
    Publicity {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// What each grade of the year brings (結果運用): 嘉獎, 三等功, pay step, 級別, the next 職級's
    /// earliest day, 誡勉 and alerts (of one unit and its sub-units with --unit).
    GradeConsequences(YearPrint),
    /// The 能力席位標準 of every post that has one for the year, one sheet each.
    PostStandards {
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    /// The 崗位職位說明書 of every post (of one unit and its sub-units with --unit), one sheet each.
    DutyStatements {
        /// The unit's name (or path, e.g. "縣局 / 稽查局").
        #[arg(long)]
        unit: Option<String>,
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
}

impl PrintCmd {
    /// The PDF file it writes; year-end forms printed one file per person may have none.
    fn out(&self) -> Option<&Path> {
        match self {
            PrintCmd::Yearend { out, .. } => out.as_deref(),
            PrintCmd::SeatStatements { out, .. }
            | PrintCmd::SignIn { out, .. }
            | PrintCmd::TrainingFile { out, .. }
            | PrintCmd::RoutineForm { out, .. }
            | PrintCmd::RoutineSummary { out, .. }
            | PrintCmd::RoutineYear { out, .. }
            | PrintCmd::YearendSummary { out, .. }
            | PrintCmd::QuotaAllocation { out, .. }
            | PrintCmd::Publicity { out, .. }
            | PrintCmd::YearendBlank { out, .. }
            | PrintCmd::ProgrammeReport { out, .. }
            | PrintCmd::PostStandards { out, .. }
            | PrintCmd::DutyStatements { out, .. }
            | PrintCmd::AppointmentForm { out, .. }
            | PrintCmd::CapabilityReport(YearPrint { out, .. })
            | PrintCmd::RoundSummary(YearPrint { out, .. })
            | PrintCmd::TrainingCompliance(YearPrint { out, .. })
            | PrintCmd::GradeRoster(YearPrint { out, .. })
            | PrintCmd::GradeConsequences(YearPrint { out, .. }) => Some(out),
        }
    }
}

/// What an import or export handles.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum KindArg {
    Officials,
    Units,
    Posts,
    Standards,
    /// 干部任免審批表 files, one per official.
    Lrmx,
}

/// The paper a form is printed on.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaperArg {
    A4,
    #[value(name = "16k")]
    K16,
}

impl PaperArg {
    fn paper(self) -> crate::report::layout::Paper {
        match self {
            PaperArg::A4 => crate::report::layout::A4,
            PaperArg::K16 => crate::report::layout::K16,
        }
    }
}

/// Prints the year-end forms of `batch` into one PDF at `out`, or one PDF per official named by
/// staff number into `split_dir`; sheets are laid out and painted a few at a time.
fn print_yearend(
    batch: &printing::YearEndBatch,
    paper: crate::report::layout::Paper,
    split_dir: Option<&Path>,
    out: Option<&Path>,
    lang: Lang,
) -> Result<Output, String> {
    if batch.is_empty() {
        return Err(tr(lang, "cli.nothing_to_print").to_owned());
    }
    let title = batch.title();
    if let Some(dir) = split_dir {
        let files = crate::report::write_pdf_files(dir, &title, batch.named_documents(), paper, batch.lang(), &mut |_| true)
            .map_err(|e| messages::pdf_error(lang, &e))?;
        let line = i18n::fill(tr(lang, "cli.split_done"), &[&files.to_string(), &dir.display().to_string()]);
        return Ok(Output { output: vec![line], failed: false });
    }
    let out = out.ok_or_else(|| tr(lang, "cli.out_needed").to_owned())?;
    let pages = crate::report::write_pdf_file(out, &title, batch.documents(), paper, batch.lang(), &mut |_| true)
        .map_err(|e| messages::pdf_error(lang, &e))?;
    let line = i18n::fill(tr(lang, "cli.print_done"), &[&pages.to_string(), &out.display().to_string()]);
    Ok(Output { output: vec![line], failed: false })
}

/// How `--dot-one-month` reads `YYYY.1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DotOneArg {
    January,
    October,
}

/// What `import` reads.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportKindArg {
    Officials,
    Units,
    Posts,
    Standards,
    Attendance,
    /// 干部任免審批表 files: one `.lrmx` or `.lrm`, or a folder of them.
    Lrmx,
    /// 平時 results: period, staff number, result, optional criterion ratings and attendance.
    Routine,
}

impl KindArg {
    /// The spreadsheet this kind is (`None` for 任免審批表 files).
    fn sheet(self) -> Option<Kind> {
        match self {
            KindArg::Officials => Some(Kind::Officials),
            KindArg::Units => Some(Kind::Units),
            KindArg::Posts => Some(Kind::Posts),
            KindArg::Standards => Some(Kind::Standards),
            KindArg::Lrmx => None,
        }
    }
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    match text.to_ascii_lowercase().as_str() {
        "tc" | "zh-hant" | "zh-tw" => Ok(Lang::Tc),
        "sc" | "zh-hans" | "zh-cn" => Ok(Lang::Sc),
        "en" => Ok(Lang::En),
        other => Err(format!("unknown language {other:?}: use tc, sc or en")),
    }
}

/// Runs the binary: parses the arguments, then opens the window or runs one command.
pub fn main() -> ExitCode {
    let args = Args::parse_from(file_as_db(std::env::args_os().collect()));
    crate::logging::init(&crate::paths::log_dir());
    let lang = args.lang.unwrap_or_else(i18n::system_lang);
    let Some(command) = args.command else {
        return crate::ui::run(args.db, args.lang);
    };
    let db = args.db.unwrap_or_else(crate::paths::default_db);
    let print_lang = args.print_lang.unwrap_or_else(|| i18n::print_lang(lang));
    match run(&command, &db, lang, print_lang) {
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

/// A lone argument naming an existing file (a database or a self-check package, as a
/// double-click passes it) opens that file in the window: `nengli FILE` is `nengli --db FILE`.
pub fn file_as_db(mut argv: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    if argv.len() == 2 && !argv[1].to_string_lossy().starts_with('-') && Path::new(&argv[1]).is_file() {
        argv.insert(1, "--db".into());
    }
    argv
}

/// What a command printed, and whether it found problems.
pub struct Output {
    pub output: Vec<String>,
    pub failed: bool,
}

fn service(db: &Path, mode: OpenMode, lang: Lang) -> Result<Service, String> {
    let store = Store::open(db, mode).map_err(|e| messages::store_error(lang, &e))?;
    Ok(Service::new(store, "cli"))
}

fn fail(lang: Lang, error: ServiceError) -> String {
    messages::service_error(lang, &error)
}

/// Runs one headless command against `db`; `Err` is the one-line message for stderr.
pub fn run(command: &Cmd, db: &Path, lang: Lang, print_lang: Lang) -> Result<Output, String> {
    let ok = |line: String| Ok(Output { output: vec![line], failed: false });
    // Commands that write take the database's lock, as a window does; readers need none.
    let writes = matches!(
        command,
        Cmd::Demo
            | Cmd::Init { .. }
            | Cmd::Gen { .. }
            | Cmd::Restore { .. }
            | Cmd::DiscardWal
            | Cmd::Import { dry_run: false, .. }
            | Cmd::ExportPackages { .. }
            | Cmd::ImportPackages { dry_run: false, .. }
    );
    // A PDF, an export or a backup is never written over the database, its companions or (but
    // for a backup) another database.
    let target = match command {
        Cmd::Print { what } => what.out().map(|out| (out, false)),
        Cmd::Export { file: Some(file), .. } => Some((file.as_path(), false)),
        Cmd::Backup { out } => Some((out.as_path(), true)),
        _ => None,
    };
    if let Some((out, copy)) = target {
        crate::backup::refuse_database_target(out, db, copy).map_err(|e| messages::store_error(lang, &e))?;
    }
    let _lock = if writes {
        Some(crate::lock::acquire(db).map_err(|e| match e {
            crate::lock::LockError::Busy => tr(lang, "error.open_elsewhere").to_owned(),
            crate::lock::LockError::Io(e) => e.to_string(),
        })?)
    } else {
        None
    };
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
        Cmd::DiscardWal => {
            if crate::store::wal_verdict(db) != crate::store::WalVerdict::Unknown {
                return Err(i18n::fill(tr(lang, "cli.no_unknown_wal"), &[&db.display().to_string()]));
            }
            let aside = crate::store::discard_wal(db, chrono::Local::now().naive_local()).map_err(|e| messages::store_error(lang, &e))?;
            ok(i18n::fill(tr(lang, "cli.wal_discarded"), &[&aside.display().to_string()]))
        }
        Cmd::Check => {
            // A check never writes: a read-only connection, so an empty file is reported, not set
            // up as a bureau, and an older file is checked as it is, not upgraded.
            let problems = crate::store::check_file(db).map_err(|e| messages::store_error(lang, &e))?;
            // Notes (no record of the chain's head on this computer yet) are said before `ok`.
            let mut output: Vec<String> = problems.iter().map(|p| messages::check_problem(lang, p)).collect();
            let failed = problems.iter().any(|p| !p.is_note());
            if !failed {
                output.push("ok".to_owned());
            }
            Ok(Output { output, failed })
        }
        Cmd::Import { kind: ImportKindArg::Attendance, file, dry_run, .. } => {
            let mut service = service(db, OpenMode::Existing, lang)?;
            if *dry_run {
                return Err(tr(lang, "cli.attendance_no_dry_run").to_owned());
            }
            match crate::service::training::import_attendance_file(&mut service, file, lang) {
                Ok(count) => ok(i18n::fill(tr(lang, "training.imported"), &[&count.to_string()])),
                Err(ServiceError::Rows(rows)) => Ok(row_problems(lang, &rows)),
                Err(e) => Err(fail(lang, e)),
            }
        }
        Cmd::Import { kind: ImportKindArg::Lrmx, file, dry_run, .. } => {
            let mut service = service(db, OpenMode::Existing, lang)?;
            let sources = crate::service::cadre::read_cadre_sources(file).map_err(|e| fail(lang, e))?;
            if sources.is_empty() {
                return Err(messages::exchange_error(lang, &exchange::ExchangeError::Empty));
            }
            let lookup = service.cadre_lookup(&sources).map_err(|e| fail(lang, e))?;
            let preview = preview::cadre_preview(&exchange::display_name(file), &sources, &lookup, lang);
            report_import(&mut service, &preview, *dry_run, lang)
        }
        Cmd::Import { kind: ImportKindArg::Routine, file, dry_run, .. } => {
            let mut service = service(db, OpenMode::Existing, lang)?;
            let checked = crate::service::routine::check_routine_file(&service, file, lang);
            let stored = checked.and_then(|import| {
                if *dry_run {
                    Ok((import.records.len(), false))
                } else {
                    crate::service::routine::store_routine(&mut service, &import).map(|n| (n, true))
                }
            });
            match stored {
                Ok((count, true)) => ok(i18n::fill(tr(lang, "routine.imported"), &[&count.to_string()])),
                Ok((count, false)) => ok(i18n::fill(tr(lang, "routine.checked"), &[&count.to_string()])),
                Err(ServiceError::Rows(rows)) => Ok(row_problems(lang, &rows)),
                Err(e) => Err(fail(lang, e)),
            }
        }
        Cmd::Import { kind, file, dry_run, sheet, header_row, dot_one_month } => {
            let options = preview::Options {
                header_line: *header_row,
                dot_one_all: dot_one_month.map(|d| match d {
                    DotOneArg::January => preview::DotOne::January,
                    DotOneArg::October => preview::DotOne::October,
                }),
                lang,
                ..Default::default()
            };
            let kind = match kind {
                ImportKindArg::Officials => Kind::Officials,
                ImportKindArg::Units => Kind::Units,
                ImportKindArg::Posts => Kind::Posts,
                ImportKindArg::Standards | ImportKindArg::Attendance | ImportKindArg::Lrmx | ImportKindArg::Routine => Kind::Standards,
            };
            import(&mut service(db, OpenMode::Existing, lang)?, kind, file, *dry_run, sheet.as_deref(), &options)
        }
        Cmd::Export { kind, file, staff, unit, dir } => {
            let service = service(db, OpenMode::Existing, lang)?;
            let Some(sheet) = kind.sheet() else {
                let dir = dir.as_deref().ok_or_else(|| tr(lang, "cli.dir_needed").to_owned())?;
                let scope = match unit {
                    None => None,
                    Some(name) => Some(printing::Scope::Unit(
                        printing::find_unit(&service, name)
                            .map_err(|e| messages::store_error(lang, &e))?
                            .ok_or_else(|| i18n::problem_text(lang, &crate::domain::Problem::UnknownUnit { name: name.clone() }))?,
                    )),
                };
                if staff.is_empty() && scope.is_none() {
                    return Err(tr(lang, "cli.staff_or_unit").to_owned());
                }
                let ids = crate::service::cadre::chosen_officials(&service, staff, scope).map_err(|e| fail(lang, e))?;
                let written = crate::service::cadre::export_cadre_files(&service, &ids, dir, print_lang).map_err(|e| fail(lang, e))?;
                return ok(i18n::fill(tr(lang, "cli.lrmx_done"), &[&written.len().to_string(), &dir.display().to_string()]));
            };
            let file = file.as_deref().ok_or_else(|| tr(lang, "cli.file_needed").to_owned())?;
            let table = exports::export_table(&service, sheet, lang).map_err(|e| messages::service_error(lang, &e))?;
            write::save(&table, file).map_err(|e| messages::exchange_error(lang, &e))?;
            ok(i18n::fill(tr(lang, "cli.export_done"), &[&table.rows.len().to_string(), &file.display().to_string()]))
        }
        Cmd::Backup { out } => {
            let service = service(db, OpenMode::Existing, lang)?;
            service.store().backup_to(out).map_err(|e| messages::store_error(lang, &e))?;
            ok(i18n::fill(tr(lang, "cli.backup_done"), &[&out.display().to_string()]))
        }
        Cmd::Restore { file } => {
            let aside =
                crate::backup::restore(db, file, chrono::Local::now().naive_local()).map_err(|e| messages::store_error(lang, &e))?;
            ok(i18n::fill(tr(lang, "cli.restore_done"), &[&file.display().to_string(), &aside.display().to_string()]))
        }
        Cmd::Print { what } => {
            let service = service(db, OpenMode::Existing, lang)?;
            let printout = printout(&service, what, lang)?;
            // A year with no year-end records prints, with a warning first.
            let warning = printing::empty_year(&service, &printout)
                .map_err(|e| messages::store_error(lang, &e))?
                .map(|year| i18n::fill(tr(lang, "print.empty_year"), &[&year.to_string()]));
            let mut done = if let (Printout::YearEndSheets(sheets), PrintCmd::Yearend { split_dir, out, .. }) = (&printout, what) {
                let batch = printing::YearEndBatch::read(&service, sheets.year, sheets.scope, &sheets.staff, print_lang)
                    .map_err(|e| fail(lang, e))?;
                print_yearend(&batch, sheets.paper, split_dir.as_deref(), out.as_deref(), lang)?
            } else {
                // Made a part at a time: a printout of a sheet per person a batch of people at a
                // time, any other a sheet at a time.
                let whole = crate::service::preview::preview(&service, &printout, print_lang)
                    .map_err(|e| fail(lang, e))?
                    .ok_or_else(|| printing::nothing_made(&printout, lang))?;
                if whole.is_empty() {
                    return Err(tr(lang, "cli.nothing_to_print").to_owned());
                }
                let out = what.out().ok_or_else(|| tr(lang, "cli.out_needed").to_owned())?;
                let pages = crate::service::preview::save_pdf(&service, &whole, out, &mut |_| true).map_err(|e| fail(lang, e))?;
                Output {
                    output: vec![i18n::fill(tr(lang, "cli.print_done"), &[&pages.to_string(), &out.display().to_string()])],
                    failed: false,
                }
            };
            if let Some(warning) = warning {
                done.output.insert(0, warning);
            }
            Ok(done)
        }
        Cmd::ExportPackages { round, unit, dir } => {
            let mut service = service(db, OpenMode::Existing, lang)?;
            let scope = match unit {
                None => printing::Scope::All,
                Some(name) => printing::Scope::Unit(
                    printing::find_unit(&service, name)
                        .map_err(|e| messages::store_error(lang, &e))?
                        .ok_or_else(|| i18n::problem_text(lang, &crate::domain::Problem::UnknownUnit { name: name.clone() }))?,
                ),
            };
            let issued = service.export_packages(*round, scope, dir, lang).map_err(|e| fail(lang, e))?;
            // One line per package with the code to give out with it: the list is the slip.
            let mut output: Vec<String> = issued
                .iter()
                .map(|p| {
                    let file = p.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    i18n::fill(tr(lang, "cli.package_code"), &[&p.staff_no, &p.name, &p.code, &file])
                })
                .collect();
            output.push(i18n::fill(tr(lang, "cli.packages_exported"), &[&issued.len().to_string(), &dir.display().to_string()]));
            Ok(Output { output, failed: false })
        }
        Cmd::ImportPackages { dir, take_conflicts, dry_run } => {
            use crate::service::packages::{Outcome, package_files};
            let mut service = service(db, OpenMode::Existing, lang)?;
            let files = package_files(dir).map_err(|e| messages::exchange_error(lang, &e.into()))?;
            if files.is_empty() {
                return Err(i18n::fill(tr(lang, "package.none_in_folder"), &[&dir.display().to_string()]));
            }
            let reviewed = service.review_packages(&files).map_err(|e| fail(lang, e))?;
            let mut output = Vec::new();
            let mut failed = false;
            let mut chosen = Vec::new();
            for item in reviewed {
                let name = item.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let line = match &item.result {
                    Err(problem) => {
                        failed = true;
                        i18n::package_problem(lang, problem)
                    }
                    Ok(incoming) => {
                        let who = format!("{} {}", incoming.package.meta.staff_no, incoming.package.meta.name);
                        let what = match &incoming.outcome {
                            Outcome::New => tr(lang, "package.new"),
                            Outcome::Update => tr(lang, "package.update"),
                            Outcome::Unchanged => tr(lang, "package.unchanged"),
                            Outcome::Conflict { .. } if *take_conflicts => tr(lang, "package.conflict_taken"),
                            Outcome::Conflict { .. } => {
                                failed = true;
                                tr(lang, "package.conflict_kept")
                            }
                        };
                        chosen.push(incoming.clone());
                        format!("{who}: {what}")
                    }
                };
                output.push(format!("{name}: {line}"));
            }
            if !*dry_run && !chosen.is_empty() {
                let summary = service.merge_packages(&chosen, *take_conflicts).map_err(|e| fail(lang, e))?;
                output.push(i18n::fill(tr(lang, "cli.packages_merged"), &[&summary.merged.to_string(), &summary.kept.to_string()]));
            }
            Ok(Output { output, failed })
        }
        Cmd::Gen { officials, years, seed: seed_value, bureau } => {
            let mut service = service(db, OpenMode::Create, lang)?;
            let summary =
                seed::generate(&mut service, bureau, *officials, *years, *seed_value, seed::Fill::Everything).map_err(|e| fail(lang, e))?;
            let records = summary.records;
            Ok(Output {
                output: vec![
                    i18n::fill(
                        tr(lang, "cli.gen_done"),
                        &[
                            &summary.units.to_string(),
                            &summary.posts.to_string(),
                            &summary.officials.to_string(),
                            &db.display().to_string(),
                        ],
                    ),
                    i18n::fill(
                        tr(lang, "cli.gen_records"),
                        &[
                            &records.attendance.to_string(),
                            &records.routine.to_string(),
                            &records.yearend.to_string(),
                            &records.plans.to_string(),
                        ],
                    ),
                ],
                failed: false,
            })
        }
    }
}

/// The printout `print` names, with unit names, staff numbers, a year's round and the report's
/// day looked up; the first that is not found is the command's error.
fn printout(service: &Service, what: &PrintCmd, lang: Lang) -> Result<Printout, String> {
    let store_error = |e| messages::store_error(lang, &e);
    let scope = |unit: &Option<String>| -> Result<Scope, String> {
        match unit {
            None => Ok(Scope::All),
            Some(name) => printing::find_unit(service, name)
                .map_err(store_error)?
                .map(Scope::Unit)
                .ok_or_else(|| i18n::problem_text(lang, &crate::domain::Problem::UnknownUnit { name: name.clone() })),
        }
    };
    let only_unit = |unit: &Option<String>| -> Result<Option<UnitId>, String> {
        Ok(match scope(unit)? {
            Scope::Unit(u) => Some(u),
            _ => None,
        })
    };
    let round_of = |year: i32| -> Result<i64, String> {
        printing::round_of_year(service, year)
            .map_err(store_error)?
            .ok_or_else(|| i18n::fill(tr(lang, "cli.no_round"), &[&year.to_string()]))
    };
    let staff_of = |staff_no: &String| -> Result<crate::domain::OfficialId, String> {
        service
            .read()
            .roster_rows()
            .map_err(store_error)?
            .into_iter()
            .find(|r| &r.staff_no == staff_no)
            .map(|r| r.id)
            .ok_or_else(|| i18n::problem_text(lang, &crate::domain::Problem::UnknownStaffNo { staff_no: staff_no.clone() }))
    };
    let period_of = |code: &String| -> Result<i64, String> {
        service
            .routine_period(code)
            .map_err(|e| messages::service_error(lang, &e))?
            .map(|p| p.id)
            .ok_or_else(|| i18n::fill(tr(lang, "cli.no_period"), &[code]))
    };
    Ok(match what {
        PrintCmd::Yearend { year, unit, staff, paper, duplex, .. } => Printout::YearEndSheets(YearEndSheets {
            year: *year,
            scope: scope(unit)?,
            staff: staff.clone(),
            paper: paper.paper().with_duplex(*duplex),
        }),
        PrintCmd::YearendSummary { year, .. } => Printout::YearEndSummary { year: *year },
        PrintCmd::QuotaAllocation { year, .. } => Printout::QuotaAllocation { year: *year },
        PrintCmd::Publicity { year, .. } => Printout::Publicity { year: *year },
        PrintCmd::GradeConsequences(YearPrint { year, unit, .. }) => Printout::GradeConsequences { year: *year, unit: only_unit(unit)? },
        PrintCmd::AppointmentForm { staff, unit, .. } => Printout::AppointmentForms { scope: scope(unit)?, staff: staff.clone() },
        PrintCmd::GradeRoster(YearPrint { year, unit, .. }) => Printout::GradeRoster { year: *year, unit: only_unit(unit)? },
        PrintCmd::YearendBlank { paper, duplex, .. } => Printout::YearEndBlank { paper: paper.paper().with_duplex(*duplex) },
        PrintCmd::DutyStatements { unit, .. } => Printout::DutyStatements { scope: scope(unit)? },
        PrintCmd::SeatStatements { unit, year, .. } => Printout::SeatStatements { scope: scope(unit)?, year: *year },
        PrintCmd::PostStandards { year, .. } => Printout::PostStandards { scope: Scope::All, year: *year },
        PrintCmd::SignIn { session, .. } => Printout::SignIn { session: *session },
        PrintCmd::TrainingFile { official, year, .. } => Printout::TrainingFile { official: staff_of(official)?, year: *year },
        PrintCmd::TrainingCompliance(YearPrint { year, unit, .. }) => Printout::TrainingCompliance { year: *year, unit: only_unit(unit)? },
        PrintCmd::RoutineForm { period, unit, staff, .. } => {
            Printout::RoutineForms { period: period_of(period)?, scope: scope(unit)?, staff: staff.clone() }
        }
        PrintCmd::RoutineSummary { period, unit, .. } => Printout::RoutineSummary { period: period_of(period)?, unit: only_unit(unit)? },
        PrintCmd::RoutineYear { official, year, .. } => Printout::RoutineYear { official: staff_of(official)?, year: *year },
        PrintCmd::CapabilityReport(YearPrint { year, unit, .. }) => {
            let round = round_of(*year)?;
            Printout::CapabilityReports { round, scope: scope(unit)? }
        }
        PrintCmd::RoundSummary(YearPrint { year, unit, .. }) => {
            let round = round_of(*year)?;
            Printout::RoundSummary { round, unit: only_unit(unit)? }
        }
        PrintCmd::ProgrammeReport { date, .. } => {
            let Some(day) = crate::domain::dates::parse_date(date) else {
                return Err(i18n::problem(
                    lang,
                    &crate::domain::FieldProblem::new(crate::domain::Field::Record, crate::domain::Problem::BadDate),
                ));
            };
            let year = service.read().bureau().map_err(store_error)?.map_or(day.year(), |b| b.year);
            Printout::ProgrammeReport { year, date: day }
        }
    })
}

/// A file refused row by row: each problem as `row N, column C: message`, and a failed exit.
fn row_problems(lang: Lang, rows: &[(usize, String, crate::domain::FieldProblem)]) -> Output {
    let output = rows
        .iter()
        .map(|(row, column, p)| {
            i18n::fill(tr(lang, "import.row_problem"), &[&row.to_string(), column, &i18n::problem_text(lang, &p.problem)])
        })
        .collect();
    Output { output, failed: true }
}

fn import(
    service: &mut Service,
    kind: Kind,
    file: &Path,
    dry_run: bool,
    sheet: Option<&str>,
    options: &preview::Options,
) -> Result<Output, String> {
    let lang = options.lang;
    let sheets = exchange::read_file(file).map_err(|e| messages::exchange_error(lang, &e))?;
    let lookup = service.lookup().map_err(|e| messages::service_error(lang, &e))?;
    let chosen: Vec<&exchange::read::Sheet> = match sheet {
        Some(name) => vec![sheets.iter().find(|s| s.name == name).ok_or_else(|| i18n::fill(tr(lang, "cli.no_sheet"), &[name]))?],
        None => sheets.iter().collect(),
    };
    // The first sheet whose header fits (a WPS workbook may open on an instructions sheet).
    let mut first_error = None;
    let mut built = None;
    for sheet in chosen {
        match preview::build_with(kind, &exchange::display_name(file), sheet, &lookup, options) {
            Ok(preview) => {
                built = Some(preview);
                break;
            }
            Err(missing) => {
                first_error.get_or_insert(exchange::ExchangeError::NoHeader { sheet: sheet.name.clone(), missing });
            }
        }
    }
    let preview = match (built, first_error) {
        (Some(preview), _) => preview,
        (None, Some(error)) => return Err(messages::exchange_error(lang, &error)),
        (None, None) => return Err(messages::exchange_error(lang, &exchange::ExchangeError::Empty)),
    };
    report_import(service, &preview, dry_run, lang)
}

/// Prints a preview (counts, columns not taken, skipped rows, each change and problem) and,
/// unless `dry_run` or a row is refused, stores it.
fn report_import(service: &mut Service, preview: &preview::Preview, dry_run: bool, lang: Lang) -> Result<Output, String> {
    let counts = preview.counts();
    let list = |items: Vec<String>| items.join(if lang == Lang::En { ", " } else { "、" });
    let files = preview.sheet == preview::CADRE_SHEET;
    // A row is a spreadsheet's row, or a 任免審批表 file (named, with the element for a column).
    let place = |row: &preview::PreviewRow, column: &str| {
        if files {
            format!("{} <{column}>", row.cells.first().map_or("", String::as_str))
        } else {
            format!("row {}, column {column}", row.line)
        }
    };
    let head = if files {
        i18n::fill(tr(lang, "cli.lrmx_files"), &[&preview.rows.len().to_string()])
    } else {
        i18n::fill(tr(lang, "cli.import_header"), &[&preview.sheet, &preview.header_line.to_string()])
    };
    let mut output = vec![
        head,
        i18n::fill(
            tr(lang, "cli.import_counts"),
            &[&counts.new.to_string(), &counts.changed.to_string(), &counts.unchanged.to_string(), &counts.refused.to_string()],
        ),
    ];
    if !preview.unrecognised.is_empty() {
        let names = preview.unrecognised.iter().map(|(letter, name)| format!("{name} ({letter})")).collect();
        output.push(i18n::fill(tr(lang, "cli.not_imported"), &[&list(names)]));
    }
    for (_, field, letter) in &preview.hidden_columns {
        output.push(i18n::fill(tr(lang, "cli.hidden_column"), &[tr(lang, i18n::field_key(*field)), letter]));
    }
    for (line, skip) in &preview.skipped {
        output.push(i18n::fill(tr(lang, "cli.skipped_row"), &[&line.to_string(), &messages::skip_reason(lang, skip)]));
    }
    for (field, reading) in &preview.months {
        output.push(i18n::fill(
            tr(lang, "cli.month_reading"),
            &[tr(lang, i18n::field_key(*field)), &messages::month_reading(lang, *reading)],
        ));
    }
    for row in preview.rows.iter().filter(|r| r.hidden) {
        output.push(i18n::fill(tr(lang, "cli.hidden_row"), &[&row.line.to_string()]));
    }
    for row in &preview.rows {
        if !row.changes.is_empty() {
            let changes =
                row.changes.iter().map(|c| format!("{} {} → {}", tr(lang, i18n::field_key(c.field)), c.before, c.after)).collect();
            output.push(if files {
                i18n::fill(tr(lang, "cli.file_changes"), &[row.cells.first().map_or("", String::as_str), &list(changes)])
            } else {
                i18n::fill(tr(lang, "cli.row_changes"), &[&row.line.to_string(), &list(changes)])
            });
        }
        for problem in &row.problems {
            output.push(format!("{}: {}", place(row, preview.letter_of(problem.field)), i18n::problem(lang, problem)));
        }
        for warning in &row.warnings {
            output.push(format!(
                "{}: {} {}",
                place(row, preview.letter_of(warning.field)),
                tr(lang, "cli.warning"),
                i18n::problem(lang, warning)
            ));
        }
    }
    let refused = preview.rows.iter().any(|r| r.change == Change::Refused);
    if refused {
        output.push(tr(lang, "cli.import_refused").to_owned());
        return Ok(Output { output, failed: true });
    }
    if dry_run {
        output.push(tr(lang, "cli.dry_run").to_owned());
    } else {
        let summary = service.import(preview, &mut |_, _| true).map_err(|e| messages::service_error(lang, &e))?;
        output.push(i18n::fill(tr(lang, "cli.import_done"), &[&summary.created.to_string(), &summary.updated.to_string()]));
    }
    Ok(Output { output, failed: false })
}
