//! What a view asks for: window-wide intents, and one enum per page that its handler in
//! `ui/app/` (the file of the same name as the view) carries out after drawing.

use super::page::Page;
use crate::domain::{Lang, OfficialId, PostId, UnitId};
use crate::exchange::Kind;
use crate::service::Command;
use std::path::PathBuf;

/// Something a view asks for; applied by the app after drawing.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant, reason = "a few intents a frame; a roster form's command is the large one and boxing it buys nothing")]
pub enum Intent {
    Do(Command),
    Undo,
    Redo,
    Navigate(Page),
    SetLang(Lang),
    SetDark(bool),
    DismissNotice,
    CancelJob,
    /// Ask the user `question`; on yes, apply `then`.
    AskConfirm {
        question: String,
        then: Box<Intent>,
    },
    /// The user said yes.
    Confirm(Box<Intent>),
    CancelConfirm,
    /// No file dialog could be shown: ask for the path in the window's own field, then do
    /// the intent again with it.
    AskPath(Box<Intent>),
    /// The path typed in the window's own field is to be used.
    PathTyped,
    CancelPath,
    /// The welcome page and the File menu: databases made, opened, closed and restored after damage.
    Welcome(WelcomeIntent),
    /// The organisation page: units and posts selected or begun.
    Org(OrgIntent),
    /// The roster page: officials selected, filtered, sorted or begun, and their seat statements drafted.
    Roster(RosterIntent),
    /// Spreadsheets in and out: the import preview and the exports and templates of the File menu.
    Import(ImportIntent),
    /// The settings page: checks, backups, the change log, accounts and the 優秀 share.
    Settings(SettingsIntent),
    /// The standards page.
    Standards(StandardsIntent),
    /// The programme page.
    Programme(ProgrammeIntent),
    /// The home page.
    Home(HomeIntent),
    /// The print preview.
    Print(PrintIntent),
    /// The log-in screen and the account logged in.
    Login(LoginIntent),
    /// The self-check page: rounds, self-checks, packages sent and taken back, study records.
    SelfCheck(SelfCheckIntent),
    /// The analysis page.
    Analysis(AnalysisIntent),
    /// A self-check package filled in on an official's own PC.
    Package(PackageIntent),
    /// The training page.
    Training(TrainingIntent),
    /// The year-end page.
    YearEnd(YearEndIntent),
    /// The 平時考核 page.
    Routine(RoutineIntent),
}

/// The welcome page and the File menu: databases made, opened, closed and restored after damage.
#[derive(Clone, Debug, PartialEq)]
pub enum WelcomeIntent {
    CreateDatabase {
        path: PathBuf,
        bureau: String,
        year: String,
    },
    ChooseNewDatabase,
    ChooseDatabase,
    OpenDatabase(PathBuf),
    OpenDemo,
    CloseDatabase,
    /// Put a backup where a damaged database was, and open it.
    RestoreDamaged {
        db: PathBuf,
        backup: PathBuf,
    },
}

impl From<WelcomeIntent> for Intent {
    fn from(intent: WelcomeIntent) -> Intent {
        Intent::Welcome(intent)
    }
}

/// The organisation page: units and posts selected or begun.
#[derive(Clone, Debug, PartialEq)]
pub enum OrgIntent {
    SelectUnit(UnitId),
    SelectPost(Option<PostId>),
    NewPost,
}

impl From<OrgIntent> for Intent {
    fn from(intent: OrgIntent) -> Intent {
        Intent::Org(intent)
    }
}

/// The roster page: officials selected, filtered, sorted or begun, and their seat statements drafted.
#[derive(Clone, Debug, PartialEq)]
pub enum RosterIntent {
    SelectOfficial(Option<OfficialId>),
    NewOfficial,
    RosterFilterChanged,
    SortRoster(crate::domain::roster::Column),
    /// Draft the selected official's seat statement from their post's standard.
    DraftSeat,
    /// Choose a JPEG or PNG for the selected official's photo.
    ChoosePhoto(OfficialId),
    /// Add an empty family member to the 任免審批表 being edited, or remove one.
    AddFamilyMember,
    RemoveFamilyMember(usize),
    /// Save the official's 任免審批表 as one `.lrmx` (through a save dialog).
    ExportCadre(OfficialId),
    /// Store the standing being edited for the official (checked first).
    SaveStanding(OfficialId),
}

impl From<RosterIntent> for Intent {
    fn from(intent: RosterIntent) -> Intent {
        Intent::Roster(intent)
    }
}

/// Spreadsheets in and out: the import preview and the exports and templates of the File menu.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportIntent {
    /// Choose a spreadsheet to import (File ▸ Import…).
    ChooseImportFile,
    /// Read this spreadsheet for an import preview (also a file dropped on the window).
    ImportFile(PathBuf),
    /// Choose 任免審批表 files, or a folder of them (File ▸ 匯入任免審批表).
    ChooseCadreFiles {
        folder: bool,
    },
    /// Read these 任免審批表 files (or folders of them) for an import preview.
    ImportCadre(Vec<PathBuf>),
    /// Preview another sheet of the file, or read it as another kind of data.
    RebuildPreview {
        sheet: usize,
        kind: Kind,
    },
    /// Read the header from this row number (`None`: the one found).
    SetHeaderRow(Option<usize>),
    /// How a month column's `YYYY.1` reads.
    SetDotOne {
        field: crate::domain::Field,
        choice: crate::exchange::preview::DotOne,
    },
    /// Import a column the file hides, or leave it out again.
    TakeHiddenColumn {
        column: usize,
        take: bool,
    },
    /// Untick every row with problems, or tick every row.
    SelectRows {
        all: bool,
    },
    CommitImport,
    DiscardImport,
    /// Export the roster (as filtered and sorted), the units or the posts.
    Export {
        kind: Kind,
        csv: bool,
    },
    SaveTemplate(Kind),
}

impl From<ImportIntent> for Intent {
    fn from(intent: ImportIntent) -> Intent {
        Intent::Import(intent)
    }
}

/// The settings page: checks, backups, the change log, accounts and the 優秀 share.
#[derive(Clone, Debug, PartialEq)]
pub enum SettingsIntent {
    CheckDatabase,
    /// Minutes between backups while work goes on (0 = off).
    SetBackupEvery(u32),
    /// How many daily, weekly and monthly backups to keep.
    SetRetention(crate::domain::backups::Retention),
    /// Ask where to save the change log as listed (xlsx or csv).
    ChooseAuditExport,
    /// Save the change log as listed to this file.
    ExportAudit(PathBuf),
    /// The change log's filter was edited: search again.
    AuditFilterChanged,
    /// Take a backup of the open database now.
    BackupNow,
    /// Ask where to write a copy of the open database (a USB stick, another folder).
    ChooseBackupFile,
    /// Write a verified copy of the open database to this file.
    BackupTo(PathBuf),
    /// Ask for a backup file kept elsewhere, then confirm restoring it.
    ChooseRestoreFile,
    /// Put this backup in place of the open database (the current file is kept aside).
    RestoreBackup(PathBuf),
    /// Make the account typed in Settings.
    CreateUser,
    ResetPassword(i64),
    SetUserDisabled(i64, bool),
    /// Make accounts with one-time passwords for everyone of the chosen unit.
    CreateUnitAccounts,
    /// Save the one-time passwords just made as a spreadsheet to hand out.
    ExportAccounts,
}

impl From<SettingsIntent> for Intent {
    fn from(intent: SettingsIntent) -> Intent {
        Intent::Settings(intent)
    }
}

/// The standards page.
#[derive(Clone, Debug, PartialEq)]
pub enum StandardsIntent {
    SelectStandardPost(Option<PostId>),
    /// Start the next programme year, carrying this year's standards forward.
    CarryForward,
}

impl From<StandardsIntent> for Intent {
    fn from(intent: StandardsIntent) -> Intent {
        Intent::Standards(intent)
    }
}

/// The programme page.
#[derive(Clone, Debug, PartialEq)]
pub enum ProgrammeIntent {
    SelectMilestone(Option<i64>),
}

impl From<ProgrammeIntent> for Intent {
    fn from(intent: ProgrammeIntent) -> Intent {
        Intent::Programme(intent)
    }
}

/// The home page.
#[derive(Clone, Debug, PartialEq)]
pub enum HomeIntent {
    /// Open (or close) the list behind one of the home page's figures.
    ShowFigure(Option<crate::domain::programme::Measure>),
}

impl From<HomeIntent> for Intent {
    fn from(intent: HomeIntent) -> Intent {
        Intent::Home(intent)
    }
}

/// The print preview.
#[derive(Clone, Debug, PartialEq)]
pub enum PrintIntent {
    /// Lay out a printout for the print preview.
    Print(crate::service::printing::Printout),
    /// Save the previewed document as a PDF, then open it if asked.
    SavePdf {
        open_after: bool,
    },
    ClosePrint,
    /// Make the preview's printout again in another language.
    PrintLang(crate::domain::Lang),
    /// Show the window of sheets starting at this one.
    PrintWindow(usize),
}

impl From<PrintIntent> for Intent {
    fn from(intent: PrintIntent) -> Intent {
        Intent::Print(intent)
    }
}

/// The log-in screen and the account logged in.
#[derive(Clone, Debug, PartialEq)]
pub enum LoginIntent {
    /// Check the user name and password typed on the log-in screen.
    Login,
    /// Make the first account of a file without any (the administrator).
    CreateFirstAdmin,
    /// Change the password of the account logged in (as typed on its form).
    ChangePassword,
    LogOut,
}

impl From<LoginIntent> for Intent {
    fn from(intent: LoginIntent) -> Intent {
        Intent::Login(intent)
    }
}

/// The self-check page: rounds, self-checks, packages sent and taken back, study records.
#[derive(Clone, Debug, PartialEq)]
pub enum SelfCheckIntent {
    SelectRound(i64),
    SelectCheck(Option<OfficialId>),
    /// Ask for a folder and write the round's packages there: one official's, or (with `None`)
    /// the chosen unit's or everyone's.
    ChooseExportPackages(Option<OfficialId>),
    /// Ask for a folder of returned packages (or one package) and preview them.
    ChooseImportPackages,
    /// Take a previewed package's conflict (true) or keep the record as it is (false).
    TakeConflict(usize, bool),
    /// Merge the previewed packages (conflicts only where chosen).
    MergePackages,
    ClosePackageReview,
    /// Save the list of packages just exported with their one-time codes, to hand out.
    ExportPackageCodes,
    /// Close the list of codes (it is not shown again).
    ClosePackageCodes,
    /// Store the study-record form for the selected official.
    SaveStudyForm,
}

impl From<SelfCheckIntent> for Intent {
    fn from(intent: SelfCheckIntent) -> Intent {
        Intent::SelfCheck(intent)
    }
}

/// The analysis page.
#[derive(Clone, Debug, PartialEq)]
pub enum AnalysisIntent {
    /// The heatmap's scope: a unit with its sub-units, or the whole bureau.
    AnalysisUnit(Option<UnitId>),
    /// Sort the heatmap by a column (0: name, 1–8: capability gaps, 9: total).
    SortHeatmap(usize),
}

impl From<AnalysisIntent> for Intent {
    fn from(intent: AnalysisIntent) -> Intent {
        Intent::Analysis(intent)
    }
}

/// A self-check package filled in on an official's own PC.
#[derive(Clone, Debug, PartialEq)]
pub enum PackageIntent {
    /// File ▸ Open package…: ask for a package file.
    ChoosePackage,
    /// Open a self-check package to fill in (the official's side).
    OpenPackage(PathBuf),
    /// Save the package being filled in; `ready` hands it in.
    SavePackage {
        ready: bool,
    },
    ClosePackage,
}

impl From<PackageIntent> for Intent {
    fn from(intent: PackageIntent) -> Intent {
        Intent::Package(intent)
    }
}

/// The training page.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainingIntent {
    /// Show a session of the Training page (and who it expects).
    SelectSession(Option<i64>),
    /// Open the session form: empty, from a plan topic, or for the selected session.
    EditSession {
        topic: Option<i64>,
        existing: bool,
    },
    /// Store the session form.
    SaveSessionForm,
    /// Mark the ticked people (or, with `all`, everyone expected) with `mark`.
    MarkTicked {
        mark: crate::domain::training::Mark,
        all: bool,
    },
    /// Mark a walk-in by the staff number typed.
    AddWalkIn,
    /// The Training page's year or the compliance tab's unit changed.
    TrainingScope,
    /// List the sessions to come that would close an official's gaps.
    ShowClosing(Option<OfficialId>),
    /// Read and check an attendance spreadsheet, then show what it would store.
    ChooseAttendanceFile,
    /// Store the attendance file shown.
    CommitAttendanceImport,
    DiscardAttendanceImport,
    /// Credit a marked person with fewer (or more, up to the session's) 學時.
    SetHours {
        session: i64,
        official: OfficialId,
        hours: f32,
    },
    /// Store the plan topic being written.
    SaveTopicForm,
}

impl From<TrainingIntent> for Intent {
    fn from(intent: TrainingIntent) -> Intent {
        Intent::Training(intent)
    }
}

/// The year-end page.
#[derive(Clone, Debug, PartialEq)]
pub enum YearEndIntent {
    /// Show an official's year-end record.
    SelectYearEnd(Option<OfficialId>),
    /// Take a step of the sign-off chain with the form as typed.
    YearEndStep(crate::domain::yearend::Step),
    /// The year-end page's year changed.
    YearEndScope,
    /// Print the year-end forms of the officials ticked in the list (`true`) or of the page's
    /// print unit (or everyone): a few are previewed, more go straight to a file with progress.
    PrintYearEnd {
        ticked: bool,
    },
    /// The same into a file (or, one file per official, a folder) already chosen.
    PrintYearEndTo {
        ticked: bool,
        dest: std::path::PathBuf,
    },
    /// Show a unit's 檢查驗收.
    SelectReviewUnit(crate::domain::UnitId),
    /// Store the unit's 檢查驗收 as typed.
    SaveUnitReview,
    /// The 民主測評 and 公示 panel: read it again (the calendar's year changed), save the voter
    /// classes and minimum, the calendar, the notice (`recount`: name the year's 優秀 afresh),
    /// the chosen official's paper tally of a class, or issue ballot codes.
    AppraisalScope,
    SaveBallotSettings,
    SaveCalendar,
    SavePublicity {
        recount: bool,
    },
    SaveTally(String),
    IssueCodes,
    /// Read what the ballot code typed is for; cast the ballot as marked.
    ReadBallot,
    CastBallot,
}

impl From<YearEndIntent> for Intent {
    fn from(intent: YearEndIntent) -> Intent {
        Intent::YearEnd(intent)
    }
}

/// The 平時考核 page: the year, period or unit shown, an official chosen, a step of their record,
/// a unit's period closed, the year's periods set up, 專項考核 events edited, the settings saved.
#[derive(Clone, Debug, PartialEq)]
pub enum RoutineIntent {
    /// The year, the period or the unit changed: read the page again.
    Scope,
    Select(Option<OfficialId>),
    Step(crate::domain::routine::Step),
    /// The personnel section records the result as shown (the supervisor's part) directly.
    Record,
    /// Set up the year's periods (quarterly or monthly, each with its default deadline).
    OpenYear,
    /// Close (or reopen) the unit's period.
    Close(bool),
    /// Move the chosen period's deadline to the day typed.
    SetDeadline,
    SaveSettings,
    NewEvent,
    EditEvent(i64),
    /// Add the official with the staff number typed to the event being edited.
    AddParticipant,
    SaveEvent,
    DeleteEvent(i64),
}

impl From<RoutineIntent> for Intent {
    fn from(intent: RoutineIntent) -> Intent {
        Intent::Routine(intent)
    }
}
