//! What the window shows, kept between frames: the cached view models read from the store
//! after each change (never while drawing), each page's own inputs, and the intents the
//! views emit for the app to apply once per frame.

use crate::domain::access::{Role, Session, User};
use crate::domain::catalogue::{Catalogue, OfficialStatus, RankTier, UnitKind};
use crate::domain::official::OfficialDraft;
use crate::domain::org::{Post, PostDraft, Unit, tree_order};
use crate::domain::problem::FieldProblem;
use crate::domain::programme::{Facts, Measure, Person, Programme, Ratio, UnitCompletion, figures, unit_completion};
use crate::domain::roster::{Filter, RosterRow, Sort, apply_filter, sort_order};
use crate::domain::standards::{PostStandard, Scale, SeatData, SeatStatement, StandardData};
use crate::domain::{Lang, OfficialId, PostId, UnitId};
use crate::exchange::Kind;
use crate::exchange::preview::Preview;
use crate::exchange::read::Sheet;
use crate::store::{AuditRow, BureauInfo};
use std::collections::HashMap;
use std::path::PathBuf;

pub use super::page::Page;

/// Preferences kept in eframe's storage (never in the bureau's database).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Prefs {
    pub lang: Option<Lang>,
    pub dark: bool,
    pub last_db: Option<PathBuf>,
    pub recent: Vec<PathBuf>,
    pub page: Page,
    /// Minutes between backups while work goes on (`None`: the default; 0: off).
    #[serde(default)]
    pub backup_every: Option<u32>,
    /// How many daily, weekly and monthly backups are kept (`None`: the default).
    #[serde(default)]
    pub retention: Option<crate::domain::backups::Retention>,
}

impl Prefs {
    /// Most recent first, without duplicates, at most eight.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path.clone());
        self.recent.truncate(8);
        self.last_db = Some(path);
    }
}

/// A message in the status area.
/// A change-log entry made readable: its stamp in local time and each field it changed by its
/// label, with the value before and after (names where the record holds an id).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditLine {
    pub at: String,
    pub changes: Vec<AuditChange>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditChange {
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// Everything read from the open database that the pages show.
pub struct Data {
    pub path: PathBuf,
    /// The file lies on a network share and is open in safe mode (rollback journal).
    pub network_share: bool,
    pub bureau: BureauInfo,
    pub catalogue: Catalogue,
    /// How 職務 and 職級 lead to a tier (the roster form shows the derived tier).
    pub tier_mapping: crate::domain::ranks::TierMapping,
    pub units: Vec<Unit>,
    /// Each unit's other names (matched on import).
    pub unit_aliases: HashMap<UnitId, Vec<String>>,
    /// Unit ids in tree order with their depth.
    pub unit_tree: Vec<(usize, UnitId)>,
    pub posts: Vec<Post>,
    /// How many officials hold each post.
    pub post_holders: HashMap<PostId, usize>,
    pub roster: Vec<RosterRow>,
    /// Row indices in the current sort order.
    pub roster_order: Vec<u32>,
    /// The sorted rows that pass the filter.
    pub roster_visible: Vec<u32>,
    pub audit: Vec<AuditRow>,
    /// The same entries as people read them (made when the list is loaded, not per frame).
    pub audit_lines: Vec<AuditLine>,
    pub scale: Scale,
    /// The posts' standards of the bureau's programme year.
    pub standards: HashMap<PostId, PostStandard>,
    /// The officials' seat statements of the programme year.
    pub seats: HashMap<OfficialId, SeatStatement>,
    /// Officials who handed in a self-check this programme year.
    pub handed_in: std::collections::HashSet<OfficialId>,
    /// Officials with an improvement plan this programme year.
    pub planned: std::collections::HashSet<OfficialId>,
    /// Officials with training recorded this programme year.
    pub trained: std::collections::HashSet<OfficialId>,
    /// This year's programme, the day the figures are for, and the figures themselves.
    pub programme: Option<Programme>,
    pub today: chrono::NaiveDate,
    /// Set when `today` is a demo bureau's own day rather than the calendar's.
    pub demo_day: bool,
    pub figures: Vec<(Measure, Option<Ratio>)>,
    pub completion: Vec<UnitCompletion>,
}

impl Data {
    /// Keeps each unit's other names, grouped by unit.
    pub fn set_unit_aliases(&mut self, aliases: Vec<(UnitId, String)>) {
        self.unit_aliases.clear();
        for (unit, alias) in aliases {
            self.unit_aliases.entry(unit).or_default().push(alias);
        }
    }

    /// Recomputes the home page's figures from the cached data (after a change, never per frame).
    pub fn refresh_figures(&mut self) {
        let people: Vec<Person> = self.roster.iter().map(Person::from).collect();
        let facts = Facts {
            units: &self.units,
            posts: &self.posts,
            standards: &self.standards,
            people: &people,
            seats: &self.seats,
            handed_in: &self.handed_in,
            planned: &self.planned,
            trained: &self.trained,
        };
        self.figures = figures(&facts);
        self.completion = unit_completion(&facts);
    }

    /// Posts in use, with a complete standard this year, out of all posts in use.
    pub fn standard_counts(&self) -> (usize, usize) {
        let active: Vec<&Post> = self.posts.iter().filter(|p| !p.retired).collect();
        let complete = active.iter().filter(|p| self.standards.get(&p.id).is_some_and(|s| s.data.is_complete(p.tier))).count();
        (complete, active.len())
    }

    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    pub fn post(&self, id: PostId) -> Option<&Post> {
        self.posts.iter().find(|p| p.id == id)
    }

    pub fn set_units(&mut self, units: Vec<Unit>) {
        self.unit_tree = tree_order(&units).into_iter().map(|(d, u)| (d, u.id)).collect();
        self.units = units;
    }

    pub fn set_posts(&mut self, posts: Vec<Post>) {
        self.posts = posts;
    }

    pub fn set_roster(&mut self, rows: Vec<RosterRow>, sort: Sort, filter: &Filter) {
        self.post_holders.clear();
        for row in rows.iter().filter(|r| r.status == OfficialStatus::Active) {
            if let Some(post) = row.post {
                *self.post_holders.entry(post).or_default() += 1;
            }
        }
        self.roster = rows;
        self.resort(sort, filter);
    }

    pub fn resort(&mut self, sort: Sort, filter: &Filter) {
        self.roster_order = sort_order(&self.roster, sort);
        self.refilter(filter);
    }

    pub fn refilter(&mut self, filter: &Filter) {
        self.roster_visible = apply_filter(&self.roster, &self.roster_order, filter);
    }
}

/// The Organisation page's own inputs.
#[derive(Default)]
pub struct OrgPage {
    pub selected_unit: Option<UnitId>,
    pub unit_name: String,
    pub unit_kind: Option<UnitKind>,
    /// The unit's other names as typed, separated by 、 or commas.
    pub unit_aliases: String,
    pub move_to: Option<UnitId>,
    pub child_name: String,
    pub child_kind: Option<UnitKind>,
    pub unit_problems: Vec<FieldProblem>,
    pub selected_post: Option<PostId>,
    /// The post being edited: `None` id for a new post.
    pub post_form: Option<(Option<PostId>, PostDraft)>,
    pub post_problems: Vec<FieldProblem>,
    /// Set when a post's form has just opened: the next frame scrolls it into view.
    pub reveal_post_form: bool,
}

/// The Standards page's own inputs.
#[derive(Default)]
pub struct StandardsPage {
    pub selected: Option<PostId>,
    /// The standard being edited for the selected post.
    pub draft: Option<StandardData>,
    pub compare_with: Option<PostId>,
    pub copy_from: Option<PostId>,
    pub add_tier: Option<RankTier>,
    pub filter_text: String,
    pub filter_unit: Option<UnitId>,
    pub filter_tier: Option<RankTier>,
    /// A capability whose required level the library shows (and whose missing levels it can filter).
    pub capability: Option<u8>,
    pub only_incomplete: bool,
    pub problems: Vec<FieldProblem>,
}

/// A milestone as typed in its form.
#[derive(Default)]
pub struct MilestoneForm {
    pub unit: Option<UnitId>,
    pub lead: String,
    pub due: String,
    pub status: Option<crate::domain::programme::MilestoneStatus>,
    pub done_on: String,
    pub notes: String,
    pub evidence: String,
}

/// The Programme page's own inputs.
#[derive(Default)]
pub struct ProgrammePage {
    pub selected: Option<i64>,
    pub form: MilestoneForm,
    /// Phase id → (start, end) as typed.
    pub phase_dates: HashMap<i64, (String, String)>,
    pub member_name: String,
    pub member_role: Option<crate::domain::programme::Role>,
    pub member_duty: String,
    pub report_date: String,
    pub problem: Option<String>,
}

/// The Roster page's own inputs.
#[derive(Default)]
pub struct RosterPage {
    pub filter_text: String,
    pub filter_unit: Option<UnitId>,
    pub filter_tier: Option<RankTier>,
    pub filter_status: Option<OfficialStatus>,
    pub sort: Sort,
    pub selected: Option<OfficialId>,
    /// The official being edited: `None` id for a new one.
    pub form: Option<(Option<OfficialId>, OfficialDraft)>,
    pub problems: Vec<FieldProblem>,
    /// The selected official's seat statement being edited.
    pub seat: Option<SeatData>,
    pub scroll_to_selected: bool,
    pub focus_filter: bool,
    /// The selected official's photo, decoded (and its texture once drawn).
    pub photo: Option<Photo>,
    /// The selected official's 任免審批表 record being edited.
    pub cadre: Option<CadreForm>,
    /// The selected official's standing (處分, 立案審查, leave, probation, secondment) being edited.
    pub standing: Option<crate::domain::standing::StandingDraft>,
    /// What the selected official's grades up to the bureau's year bring (結果運用), read once
    /// when chosen; `None` when the account may not read it.
    pub consequences: Option<(i32, crate::domain::consequences::Consequences)>,
}

/// A 任免審批表 record as its editor holds it: the 簡歷 as one text, a line per period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CadreForm {
    pub resume: String,
    pub record: crate::domain::cadre::CadreRecord,
}

impl CadreForm {
    pub fn of(record: crate::domain::cadre::CadreRecord) -> CadreForm {
        CadreForm { resume: record.resume_text(), record }
    }

    /// The record to store: the 簡歷 text split into its lines.
    pub fn record(&self) -> crate::domain::cadre::CadreRecord {
        crate::domain::cadre::CadreRecord { resume: crate::domain::cadre::CadreRecord::resume_lines(&self.resume), ..self.record.clone() }
    }
}

/// An official's photo as the roster form shows it.
pub struct Photo {
    pub official: OfficialId,
    pub image: egui::ColorImage,
    pub texture: Option<egui::TextureHandle>,
}

/// The welcome screen's inputs.
#[derive(Default)]
pub struct WelcomePage {
    pub bureau: String,
    pub year: String,
    pub path: String,
    pub problems: Vec<FieldProblem>,
}

/// The import preview page: the file's sheets and the preview of the chosen one.
pub struct ImportPage {
    pub file: String,
    pub sheets: Vec<Sheet>,
    pub sheet: usize,
    pub kind: Kind,
    /// `None` when the sheet's header lacks required columns (listed in `missing`).
    pub preview: Option<Preview>,
    pub missing: Vec<crate::domain::Field>,
    pub only_problems: bool,
    /// What the user decided about the file (header row, how `YYYY.1` reads, hidden columns).
    pub options: crate::exchange::preview::Options,
    /// The header row number as typed, to override the one found.
    pub header_row: String,
}

/// A document laid out for printing, shown page by page before it is saved.
pub struct PrintPreview {
    /// What is previewed (made again in another language when asked): its title, paper, print
    /// language and where its sheets come from.
    pub preview: crate::service::preview::Preview,
    /// The first sheet of the window shown…
    pub first: usize,
    /// …and the window's pages, the only ones laid out.
    pub pages: Vec<crate::report::layout::Page>,
    pub zoom: f32,
    pub open_after: bool,
    /// The file name Save as PDF suggests (without `.pdf`): whose it is where it is one person's.
    pub file_name: String,
}

/// A long job in progress, as the progress window shows it.
pub struct JobView {
    pub title_key: &'static str,
    /// Whether the job stops when asked (a backup runs to its end).
    pub cancellable: bool,
    pub done: usize,
    pub total: usize,
}

/// The Settings page's results.
#[derive(Default)]
pub struct SettingsPage {
    /// The tier mapping being edited (a copy of the stored one until saved).
    pub tier_mapping: Option<crate::domain::ranks::TierMapping>,
    /// The last database check: `None` not run, `Some(empty)` all well.
    pub check: Option<Vec<crate::store::CheckProblem>>,
    /// The capability scale being edited (a copy of the stored one until saved).
    pub scale: Option<Scale>,
    /// The open database's backups, newest first (read when the page opens or after a backup).
    pub backups: Vec<crate::backup::BackupInfo>,
    /// The change log's filter as typed (dates as text until they parse).
    pub audit_filter: AuditFilterForm,
    /// The change-log entry whose before/after is shown.
    pub audit_selected: Option<usize>,
}

/// The change log's filter fields as typed.
#[derive(Default)]
pub struct AuditFilterForm {
    pub actor: String,
    pub text: String,
    pub from: String,
    pub to: String,
}

impl AuditFilterForm {
    /// The filter, or `Err` naming the date field that is not a real day.
    pub fn parse(&self) -> Result<crate::domain::audit::Filter, &'static str> {
        let day = |text: &str, key: &'static str| match text.trim() {
            "" => Ok(None),
            text => crate::domain::dates::parse_date(text).map(Some).ok_or(key),
        };
        Ok(crate::domain::audit::Filter {
            actor: self.actor.clone(),
            text: self.text.clone(),
            from: day(&self.from, "audit.from")?,
            to: day(&self.to, "audit.to")?,
        })
    }
}

/// The log-in screen (and the first administrator's, and the forced password change).
#[derive(Default)]
pub struct LoginPage {
    pub username: String,
    pub password: String,
    pub new_password: String,
    pub repeat: String,
    /// The file has no accounts yet: the screen makes the administrator.
    pub first_admin: bool,
    /// The file is the demo bureau: the screen names its accounts, as README does.
    pub demo: bool,
    pub problems: Vec<FieldProblem>,
    pub message: Option<Said>,
    /// The cursor has been put in the first field since the screen appeared.
    pub focus_asked: bool,
}

/// A message said in every language, so that switching the language relabels it too.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Said(Vec<(Lang, String)>);

impl Said {
    /// The message as `say` puts it in each language.
    pub fn new(say: impl Fn(Lang) -> String) -> Said {
        Said(Lang::ALL.into_iter().map(|lang| (lang, say(lang))).collect())
    }

    pub fn get(&self, lang: Lang) -> &str {
        self.0.iter().find(|(l, _)| *l == lang).or(self.0.first()).map_or("", |(_, text)| text.as_str())
    }
}

/// The self-check page: the rounds, the participants listed, the selected official's detail
/// and the forms being edited.
#[derive(Default)]
pub struct SelfCheckPage {
    pub rounds: Vec<crate::domain::selfcheck::Round>,
    pub round: Option<i64>,
    pub rows: Vec<crate::service::selfcheck::CheckRow>,
    pub filter: String,
    pub selected: Option<OfficialId>,
    pub detail: Option<crate::service::selfcheck::Detail>,
    /// The self-check as being edited by its official.
    pub form: crate::domain::selfcheck::SelfCheckData,
    /// The supervisor's review as being edited by a reviewer.
    pub review: crate::domain::selfcheck::Review,
    pub reason: String,
    pub tab: DetailTab,
    /// Show the gaps as bars instead of the radar.
    pub bars: bool,
    pub problems: Vec<FieldProblem>,
    pub round_name: String,
    pub round_deadline: String,
    pub round_unit: Option<UnitId>,
    pub peer_staff_no: String,
    /// Peer-check comments as being typed, by peer check (saved when the field is left).
    pub peer_comments: HashMap<i64, String>,
    pub opinion_source: String,
    pub opinion_note: String,
    pub test_name: String,
    pub test_kind: Option<crate::domain::selfcheck::TestKind>,
    pub test_date: String,
    pub test_pass: String,
    pub tests: Vec<crate::domain::selfcheck::Test>,
    pub score_test: Option<i64>,
    pub score: String,
    /// The unit whose packages are exported (none: the whole round).
    pub package_unit: Option<UnitId>,
    /// Returned packages being previewed.
    pub package_review: Option<PackageReview>,
    /// The packages just exported with their one-time codes (shown once, exportable).
    pub issued: Vec<crate::domain::package::IssuedPackage>,
    /// The selected official's training file for the round's year.
    pub training: Option<crate::service::training::TrainingFile>,
    /// The round year's sessions, for linking plan items to them.
    pub sessions: Vec<crate::domain::training::Session>,
    /// The bureau's session and study types, for their names.
    pub kinds: Vec<crate::domain::training::Kind>,
    pub study: StudyForm,
    /// Plan items' year-end review notes as being typed (saved when the field is left).
    pub plan_reviews: HashMap<i64, String>,
    /// The plan item being written (a capability and an action).
    pub plan_capability: Option<u8>,
    pub plan_action: String,
    pub plan_support: String,
    pub plan_due: String,
    pub plan_training: String,
}

/// A package open for its official to fill in (no bureau database needed).
pub struct PackageView {
    pub path: PathBuf,
    pub package: crate::domain::package::Package,
    pub problems: Vec<FieldProblem>,
    pub saved: Option<String>,
    /// The one-time code given out with the package, as typed (needed to save).
    pub code: String,
    /// Why the code typed was refused.
    pub code_problem: Option<String>,
}

/// Returned packages being previewed before they are merged: each with whether its conflict
/// (if it has one) is to be taken.
pub struct PackageReview {
    pub items: Vec<(crate::service::packages::Reviewed, bool)>,
}

/// The year-end page: the year, the people listed, the chosen one's record being edited.
#[derive(Default)]
pub struct YearEndPage {
    pub year: i32,
    pub rows: Vec<crate::service::yearend::YearEndRow>,
    pub filter: String,
    pub selected: Option<OfficialId>,
    pub record: Option<crate::domain::yearend::YearEnd>,
    /// The record as being edited (each party edits its own part).
    pub form: crate::domain::yearend::YearEndData,
    pub problems: Vec<FieldProblem>,
    /// The 優秀 quota's use for the selected person's unit and for the bureau.
    pub quota: Option<(crate::domain::yearend::QuotaUse, crate::domain::yearend::QuotaUse)>,
    /// How the 優秀 quota is counted, and the eligibility rules, as set (and as being edited in
    /// Settings).
    pub quota_rules: crate::domain::yearend::QuotaRules,
    pub eligibility: crate::domain::eligibility::Rules,
    /// The year's quota pools with their use and 名額分配表, and the places as being edited
    /// (pool, unit, places typed).
    pub pools: Vec<crate::domain::yearend::PoolLine>,
    pub places: Vec<(String, crate::domain::UnitId, String)>,
    /// The year's working days as the bureau entered them, as being edited.
    pub working_days: String,
    /// The chosen official's facts of the year, beside the summary.
    pub facts: Option<crate::service::yearend::YearFacts>,
    /// Each official's 平時 results of the year and the grade the bureau's rule set suggests.
    pub suggestions: std::collections::HashMap<OfficialId, crate::service::routine::SuggestionRow>,
    /// Officials ticked in the list, to print together.
    pub ticked: std::collections::BTreeSet<OfficialId>,
    /// The unit whose forms and roster print (with its sub-units); `None`: the bureau.
    pub print_unit: Option<crate::domain::UnitId>,
    /// Print on 16K (185 × 260 mm) rather than A4.
    pub paper_16k: bool,
    /// One PDF per official, named by staff number and name, into a folder.
    pub split: bool,
    /// Printed on both sides: margins mirrored on the back, each form on a new leaf.
    pub duplex: bool,
    /// Officials' records, or the units' 檢查驗收.
    pub units_mode: bool,
    /// The year's unit reviews (檢查驗收), by unit.
    pub reviews: std::collections::HashMap<crate::domain::UnitId, crate::domain::yearend::UnitReview>,
    /// The unit whose review is shown, and the review as being edited.
    pub review_unit: Option<crate::domain::UnitId>,
    pub review_form: crate::domain::yearend::UnitReview,
    /// The personnel section's 民主測評 and 公示 panel rather than the records.
    pub appraisal_mode: bool,
    pub appraisal: AppraisalForm,
    /// Casting a 民主測評 ballot with a slip's code (everyone) rather than the records.
    pub ballot_mode: bool,
    pub ballot: BallotForm,
}

/// A ballot being cast: the code as typed, what it is for once read, the marks given.
#[derive(Default)]
pub struct BallotForm {
    pub code: String,
    pub subjects: Option<crate::service::appraisal::BallotSubjects>,
    pub marks: std::collections::BTreeMap<OfficialId, crate::domain::yearend::Grade>,
    /// The ballot was cast (the form is cleared, the code gone).
    pub cast: bool,
}

/// The 民主測評 and 公示 panel as being edited: the voter classes (a line each) and the minimum
/// of ballots; the calendar of a year (a line a day); the year's notice with its days as typed;
/// the chosen official's paper tallies by class; ballot codes to issue, and the last issued.
#[derive(Default)]
pub struct AppraisalForm {
    pub classes: String,
    pub minimum: String,
    pub calendar_year: i32,
    pub calendar: String,
    pub notice: crate::domain::workdays::Publicity,
    pub start: String,
    pub end: String,
    /// The candidates' names as the notice lists them.
    pub candidates: Vec<String>,
    /// The earliest end the start typed allows.
    pub earliest: Option<chrono::NaiveDate>,
    pub tallies: Vec<(String, [String; 4])>,
    pub code_class: Option<String>,
    pub code_count: String,
    /// The codes just issued, to print on slips (shown once; only their hashes are kept).
    pub codes: String,
}

/// The 平時考核 page's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RoutineTab {
    #[default]
    Records,
    Special,
    Settings,
}

/// The 平時考核 page: the year's periods, a unit's (or the bureau's) people in the chosen period
/// with the 好 quota, the chosen official's record as being edited, the 專項考核 events, and the
/// bureau's quota settings and rule sets as being edited.
#[derive(Default)]
pub struct RoutinePage {
    pub tab: RoutineTab,
    pub year: i32,
    pub periods: Vec<crate::domain::routine::PeriodRow>,
    pub period: Option<i64>,
    /// The unit shown (with its sub-units); `None`: the bureau.
    pub unit: Option<crate::domain::UnitId>,
    pub summary: Option<crate::service::routine::RoutineSummary>,
    pub selected: Option<OfficialId>,
    pub record: Option<crate::domain::routine::RoutineRecord>,
    /// The record as being edited (each party edits its own part).
    pub form: crate::domain::routine::RoutineData,
    pub problems: Vec<FieldProblem>,
    /// How a year without periods is to be divided.
    pub cadence: Option<crate::domain::routine::Cadence>,
    pub quota: crate::domain::routine::QuotaSettings,
    pub rules: crate::domain::routine::RuleBook,
    pub events: Vec<crate::domain::routine::SpecialEvent>,
    /// The event being edited (id 0: a new one), its day as typed, and a staff number to add.
    pub event: Option<crate::domain::routine::SpecialEvent>,
    pub event_date: String,
    pub add_staff: String,
    /// A new quota group's name.
    pub group_name: String,
    /// The chosen period's deadline as being typed.
    pub deadline: String,
}

impl YearEndPage {
    pub fn paper(&self) -> crate::report::layout::Paper {
        let paper = if self.paper_16k { crate::report::layout::K16 } else { crate::report::layout::A4 };
        paper.with_duplex(self.duplex)
    }
}

/// The Training page's tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TrainingTab {
    #[default]
    Sessions,
    Plan,
    Compliance,
    /// The quota rules, editable.
    Quotas,
}

/// A session as typed in its form (numbers and dates as text until they parse).
#[derive(Clone, Debug, Default)]
pub struct SessionForm {
    pub id: Option<i64>,
    pub topic: Option<i64>,
    pub title: String,
    pub kind: Option<usize>,
    pub date: String,
    pub time: String,
    pub place: String,
    pub hours: String,
    pub organiser: String,
    pub lead: String,
    pub unit: Option<UnitId>,
    pub tier: Option<RankTier>,
    pub capabilities: [bool; 8],
}

/// The Training page: the year's sessions, plan topics and types, the selected session with
/// who it expects, the session form, and compliance.
#[derive(Default)]
pub struct TrainingPage {
    pub tab: TrainingTab,
    pub year: i32,
    pub kinds: Vec<crate::domain::training::Kind>,
    pub topics: Vec<crate::domain::training::Topic>,
    pub sessions: Vec<crate::domain::training::Session>,
    pub selected: Option<i64>,
    pub expected: Vec<crate::service::training::Expected>,
    /// Rows of `expected` ticked for a bulk mark.
    pub ticked: std::collections::HashSet<OfficialId>,
    pub form: Option<SessionForm>,
    pub walk_in: String,
    pub problems: Vec<FieldProblem>,
    pub compliance: Option<crate::service::training::Compliance>,
    pub compliance_unit: Option<UnitId>,
    pub behind_only: bool,
    /// The quota rules being edited (a copy of the stored ones until saved).
    pub quotas: Option<Vec<crate::domain::training::QuotaRule>>,
    /// The plan topic being written.
    pub topic: Option<crate::domain::training::Topic>,
    /// An attendance file read and checked, waiting for the user to store it.
    pub pending_import: Option<crate::service::training::AttendanceImport>,
    /// The person whose sessions to come are listed on the compliance tab.
    pub closing: Option<(OfficialId, Vec<ClosingSessions>)>,
}

/// A quota someone is behind on (its name) and the sessions to come that count for it.
pub type ClosingSessions = (String, Vec<crate::domain::training::Session>);

/// The self-check page's training-file tab: the file and the study-record form.
#[derive(Default)]
pub struct StudyForm {
    pub title: String,
    pub kind: Option<usize>,
    pub start: String,
    pub end: String,
    pub hours: String,
    pub organiser: String,
    pub mode: String,
    pub result: String,
    pub certificate: String,
}

/// The tabs of an official's detail.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DetailTab {
    #[default]
    Form,
    Gaps,
    Plan,
    Others,
    Training,
}

/// The analysis page: the scope, the heatmap rows and their order.
#[derive(Default)]
pub struct AnalysisPage {
    pub unit: Option<UnitId>,
    pub result: Option<crate::service::selfcheck::RoundAnalysis>,
    /// Row indices into `result.analysis.rows` in the chosen order.
    pub order: Vec<usize>,
    /// Column sorted by and whether descending.
    pub sort: (usize, bool),
    /// A capability whose below-requirement list is shown.
    pub capability: Option<u8>,
    /// Official id → (name, staff number), for the heatmap's first column.
    pub names: HashMap<OfficialId, (String, String)>,
    /// The chosen unit's own improvement plan for the round's year.
    pub unit_plan: Vec<crate::domain::plans::PlanItem>,
}

/// Settings ▸ Accounts: the accounts and the form for a new one.
#[derive(Default)]
pub struct UsersPage {
    pub users: Vec<User>,
    pub username: String,
    pub role: Option<Role>,
    pub staff_no: String,
    pub unit: Option<UnitId>,
    pub password: String,
    pub problems: Vec<FieldProblem>,
    pub accounts_unit: Option<UnitId>,
    /// Accounts just made with their one-time passwords (shown once, exportable).
    pub made: Vec<crate::service::NewAccount>,
}

/// A form whose fields show a refused command's problems.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Unit,
    Post,
    Official,
    Standard,
    SelfCheck,
    Training,
    YearEnd,
    Routine,
    /// No form: the problems are said in the status area only.
    None,
}

/// The state the views draw from.
pub struct State {
    pub lang: Lang,
    /// The language printouts are made in: the bureau's Chinese unless the print bar says otherwise.
    pub print_lang: Lang,
    pub dark: bool,
    /// Minutes between backups while work goes on (0 = off).
    pub backup_every: u32,
    /// How many daily, weekly and monthly backups are kept.
    pub retention: crate::domain::backups::Retention,
    pub page: Page,
    pub data: Option<Data>,
    pub org: OrgPage,
    pub roster: RosterPage,
    pub standards: StandardsPage,
    pub programme: ProgrammePage,
    pub welcome: WelcomePage,
    pub settings: SettingsPage,
    pub import: Option<ImportPage>,
    /// A database found damaged at open: where it was, where it went, the newest good backup.
    pub damaged: Option<(PathBuf, PathBuf, Option<crate::backup::BackupInfo>)>,
    /// The home page figure whose list is open.
    pub home_list: Option<crate::domain::programme::Measure>,
    pub print: Option<PrintPreview>,
    pub job: Option<JobView>,
    pub notice: Option<Notice>,
    pub recent: Vec<PathBuf>,
    pub can_undo: bool,
    pub can_redo: bool,
    /// An action waiting for the user's yes (deleting a record).
    pub confirm: Option<(String, Box<super::intent::Intent>)>,
    /// Where no file dialog can be shown: the path being typed, and what to do with it.
    pub path_prompt: Option<(String, Box<super::intent::Intent>)>,
    /// Milliseconds the last frame took to build, shown in the status bar.
    pub frame_ms: f32,
    /// The account logged in (`None`: the log-in screen is shown over an open database).
    pub session: Option<Session>,
    pub login: LoginPage,
    pub selfcheck: SelfCheckPage,
    pub analysis: AnalysisPage,
    pub users: UsersPage,
    /// A self-check package open for filling in (shown instead of any database).
    pub package: Option<PackageView>,
    pub training: TrainingPage,
    pub yearend: YearEndPage,
    /// How many times the user has asked for something: a problem under a field the user has
    /// since typed in stays hidden until they ask again.
    pub asked: u64,
    pub routine: RoutinePage,
}

impl State {
    /// Where `form`'s problems are kept, if it has fields to show them under.
    pub fn form_problems(&mut self, form: Form) -> Option<&mut Vec<FieldProblem>> {
        Some(match form {
            Form::Unit => &mut self.org.unit_problems,
            Form::Post => &mut self.org.post_problems,
            Form::Official => &mut self.roster.problems,
            Form::Standard => &mut self.standards.problems,
            Form::SelfCheck => &mut self.selfcheck.problems,
            Form::Training => &mut self.training.problems,
            Form::YearEnd => &mut self.yearend.problems,
            Form::Routine => &mut self.routine.problems,
            Form::None => return None,
        })
    }

    pub fn new(lang: Lang) -> State {
        State {
            lang,
            print_lang: crate::i18n::print_lang(lang),
            dark: false,
            backup_every: crate::domain::backups::EVERY_MINUTES,
            retention: Default::default(),
            page: Page::default(),
            data: None,
            org: OrgPage::default(),
            roster: RosterPage::default(),
            standards: StandardsPage::default(),
            programme: ProgrammePage::default(),
            welcome: WelcomePage::default(),
            settings: SettingsPage::default(),
            import: None,
            damaged: None,
            home_list: None,
            print: None,
            job: None,
            notice: None,
            recent: Vec::new(),
            can_undo: false,
            can_redo: false,
            confirm: None,
            path_prompt: None,
            asked: 0,
            frame_ms: 0.0,
            session: None,
            login: LoginPage::default(),
            selfcheck: SelfCheckPage::default(),
            analysis: AnalysisPage::default(),
            users: UsersPage::default(),
            package: None,
            training: TrainingPage::default(),
            yearend: YearEndPage::default(),
            routine: RoutinePage::default(),
        }
    }

    /// The role logged in, if any.
    pub fn role(&self) -> Option<Role> {
        self.session.as_ref().map(|s| s.role)
    }

    /// Whether an administrator is logged in: the bureau's tables (import, export, templates)
    /// are theirs.
    pub fn is_admin(&self) -> bool {
        self.role() == Some(Role::Admin)
    }

    /// What a unit chooser's "no unit" stands for: the whole bureau for an administrator, the
    /// units a reviewer reviews for a reviewer (what the lists behind it hold).
    pub fn whole_scope_key(&self) -> &'static str {
        if self.is_admin() { "selfcheck.whole_bureau" } else { "selfcheck.my_units" }
    }

    /// Whether the bureau's files (new, open, the demo, close) are offered: before anyone logs
    /// in, and to administrators; a reviewer or an official logs out first.
    pub fn offers_files(&self) -> bool {
        self.session.is_none() || self.is_admin()
    }

    /// The roster filter as the domain reads it.
    pub fn roster_filter(&self) -> Filter {
        let units = match (self.roster.filter_unit, &self.data) {
            (Some(unit), Some(data)) => Some(crate::domain::org::subtree(&data.units, unit).into_iter().collect()),
            _ => None,
        };
        Filter { text: self.roster.filter_text.clone(), units, tier: self.roster.filter_tier, status: self.roster.filter_status }
    }
}
