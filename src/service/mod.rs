//! The use cases. Every change is `Command → validate (domain) → one transaction with its
//! audit row → Applied`, and each `Applied` carries the command that undoes it.

mod access;
pub mod exports;
pub mod packages;
pub mod printing;
pub mod seed;
pub mod selfcheck;
pub mod training;
pub mod yearend;

pub use access::{LoginError, NewAccount};

use crate::domain::access::Access;
use crate::domain::catalogue::{Catalogue, UnitKind};
use crate::domain::official::{Official, OfficialContext, OfficialData, OfficialDraft};
use crate::domain::org::{self, Post, PostDraft, Unit};
use crate::domain::plans::{PlanItem, PlanItemData, PlanOwner};
use crate::domain::problem::{Field, FieldProblem, Problem, Problems};
use crate::domain::programme::{Member, MilestoneData};
use crate::domain::selfcheck::{Levels, Opinion, PeerCheck, Review, RoundData, SelfCheck, SelfCheckData, Step, Test};
use crate::domain::standards::{Scale, SeatData, SeatStatus, StandardData, may_move};
use crate::domain::text::{MAX_TITLE, clean};
use crate::domain::training::{Attendance, QuotaRule, Session, SessionData, StudyData, StudyRecord, Topic};
use crate::domain::{OfficialId, PostId, UnitId};
use crate::exchange::Kind;
use crate::exchange::preview::{Lookup, ParentRef, Preview, Record};
use crate::store::{Db, Store, StoreError, new_uuid};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// Why a command was refused.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("the input has problems: {0:?}")]
    Invalid(Vec<FieldProblem>),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An import was asked to store rows that have problems (their spreadsheet rows).
    #[error("rows with problems are still selected: {0:?}")]
    RowsRefused(Vec<usize>),
    /// The user stopped a long job; nothing was stored.
    #[error("cancelled")]
    Cancelled,
    /// The account logged in may not make this change.
    #[error("not allowed for the account logged in")]
    Forbidden,
    /// Rows of an imported file that cannot be stored: (row, column header, problem); nothing
    /// was stored.
    #[error("rows with problems: {0:?}")]
    Rows(Vec<(usize, String, FieldProblem)>),
    /// A self-check package that cannot be taken in (its file and why).
    #[error("package {0}: {1}")]
    Package(std::path::PathBuf, crate::domain::package::PackageProblem),
}

impl ServiceError {
    fn one(field: Field, problem: Problem) -> ServiceError {
        ServiceError::Invalid(vec![FieldProblem::new(field, problem)])
    }
}

impl From<Vec<FieldProblem>> for ServiceError {
    fn from(problems: Vec<FieldProblem>) -> Self {
        ServiceError::Invalid(problems)
    }
}

pub type Result<T> = std::result::Result<T, ServiceError>;

/// A change a user (or the command line) asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    CreateUnit {
        parent: UnitId,
        name: String,
        kind: UnitKind,
    },
    UpdateUnit {
        id: UnitId,
        name: String,
        kind: UnitKind,
    },
    MoveUnit {
        id: UnitId,
        parent: UnitId,
    },
    SetUnitRetired {
        id: UnitId,
        retired: bool,
    },
    DeleteUnit {
        id: UnitId,
    },
    RestoreUnit(Unit),
    CreatePost(PostDraft),
    UpdatePost {
        id: PostId,
        draft: PostDraft,
    },
    SetPostRetired {
        id: PostId,
        retired: bool,
    },
    DeletePost {
        id: PostId,
    },
    RestorePost(Post),
    CreateOfficial(OfficialDraft),
    UpdateOfficial {
        id: OfficialId,
        draft: OfficialDraft,
    },
    DeleteOfficial {
        id: OfficialId,
    },
    RestoreOfficial(Official),
    SaveStandard {
        post: PostId,
        year: i32,
        data: StandardData,
    },
    /// The bureau's own capability scale: level descriptors and tiers' default levels.
    SaveScale(Scale),
    UpdateMilestone {
        id: i64,
        data: MilestoneData,
    },
    UpdatePhaseDates {
        id: i64,
        start: NaiveDate,
        end: NaiveDate,
    },
    AddMember {
        programme: i64,
        member: Member,
    },
    DeleteMember {
        id: i64,
    },
    DeleteStandard {
        post: PostId,
        year: i32,
    },
    SaveSeatStatement {
        official: OfficialId,
        year: i32,
        data: SeatData,
    },
    DeleteSeatStatement {
        official: OfficialId,
        year: i32,
    },
    /// Opens a self-check round (`id: None`) or changes one.
    SaveRound {
        id: Option<i64>,
        data: RoundData,
    },
    DeleteRound {
        id: i64,
    },
    /// The official saves their self-check, and hands it in when `submit`.
    SaveSelfCheck {
        round: i64,
        official: OfficialId,
        data: Box<SelfCheckData>,
        submit: bool,
    },
    /// A reviewer writes the supervisor's levels and comment, and may return the self-check
    /// (with `reason`) or accept it.
    ReviewSelfCheck {
        round: i64,
        official: OfficialId,
        review: Review,
        step: Option<Step>,
        reason: String,
    },
    /// Puts a self-check back as it was (undo); `by_owner` tells whose part is restored.
    RestoreSelfCheck {
        round: i64,
        official: OfficialId,
        before: Option<Box<SelfCheck>>,
        by_owner: bool,
    },
    /// The personnel section assigns `peer` to peer-check `subject` in a round.
    AssignPeer {
        round: i64,
        subject: OfficialId,
        peer: OfficialId,
    },
    /// The assigned colleague records the peer check.
    SavePeerCheck {
        id: i64,
        levels: Levels,
        comment: String,
    },
    DeletePeer {
        id: i64,
    },
    RestorePeer(PeerCheck),
    AddOpinion(Opinion),
    DeleteOpinion {
        id: i64,
    },
    AddTest(Test),
    DeleteTest {
        id: i64,
    },
    /// Records (or with `None` removes) an official's score in a test.
    SetScore {
        test: i64,
        official: OfficialId,
        score: Option<f64>,
    },
    /// Adds (`id: None`) or changes an improvement-plan item.
    SavePlanItem {
        id: Option<i64>,
        data: PlanItemData,
    },
    DeletePlanItem {
        id: i64,
    },
    RestorePlanItem(PlanItem),
    /// Schedules a session (`id: None`, from a plan topic or on its own) or changes one.
    SaveSession {
        id: Option<i64>,
        topic: Option<i64>,
        data: Box<SessionData>,
        plan_items: Vec<i64>,
    },
    DeleteSession {
        id: i64,
    },
    /// Puts a deleted session back with its attendance (undo).
    RestoreSession(Box<(Session, Vec<Attendance>)>),
    /// Marks people at a session (present, late, on leave, absent; hours credited) and takes
    /// away the marks of `clear` (an undo of marks that were not there before).
    SetAttendance {
        session: i64,
        set: Vec<Attendance>,
        clear: Vec<OfficialId>,
    },
    /// Records study outside the sessions (`id: None`) or changes a record.
    SaveStudyRecord {
        id: Option<i64>,
        official: OfficialId,
        data: Box<StudyData>,
    },
    DeleteStudyRecord {
        id: i64,
    },
    RestoreStudyRecord(Box<StudyRecord>),
    /// Replaces the quota rules.
    SaveQuotaRules(Vec<QuotaRule>),
    /// Adds a topic to a year's study plan (`id: None`) or changes one.
    SaveTopic {
        id: Option<i64>,
        topic: Box<Topic>,
    },
    /// Removes a topic no session was scheduled from.
    DeleteTopic {
        id: i64,
    },
    RestoreTopic(Box<Topic>),
    /// A step of an official's year-end record: each party writes only its own part of `data`
    /// (the official the summary and self-evaluation, the supervisor the comment and proposed
    /// grade, the committee its opinion and the grade, the official then their opinion).
    YearEndStep {
        official: OfficialId,
        year: i32,
        step: crate::domain::yearend::Step,
        data: Box<crate::domain::yearend::YearEndData>,
    },
    /// Puts a year-end record back as it was (undo).
    RestoreYearEnd {
        official: OfficialId,
        year: i32,
        before: Option<Box<crate::domain::yearend::YearEnd>>,
    },
    /// The personnel section's 檢查驗收 of a unit for a year (signed with the actor and the day).
    ReviewUnit {
        unit: UnitId,
        year: i32,
        review: Box<crate::domain::yearend::UnitReview>,
    },
    /// Puts a unit's 檢查驗收 back as it was, with its uuid (undo).
    RestoreUnitReview {
        unit: UnitId,
        year: i32,
        before: Option<(String, Box<crate::domain::yearend::UnitReview>)>,
    },
}

/// The record a command changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entity {
    Unit(UnitId),
    Post(PostId),
    Official(OfficialId),
    Standard(PostId),
    Scale,
    Programme,
    Seat(OfficialId),
    /// A self-check round's settings, peer assignments, opinions or tests.
    Round(i64),
    SelfCheck {
        round: i64,
        official: OfficialId,
    },
    Plan(PlanOwner),
    Session(i64),
    Training(OfficialId),
    YearEnd(OfficialId),
    UnitReview(UnitId),
    Quotas,
}

/// What a command did.
#[derive(Clone, Debug, PartialEq)]
#[must_use]
pub struct Applied {
    /// The audit action, e.g. `official.update`; also the key of the message shown.
    pub action: &'static str,
    pub entity: Entity,
    /// The command that reverses this one.
    pub undo: Command,
}

/// What an import stored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: usize,
    pub updated: usize,
}

/// How often (in rows) a long import reports progress and checks for a cancel.
const PROGRESS_EVERY: usize = 250;

/// Who a service acts as (see [`Service::acting`]).
#[derive(Clone, Debug)]
pub struct Acting {
    actor: String,
    access: Access,
    session: Option<crate::domain::access::Session>,
    today: Option<NaiveDate>,
}

/// The bureau's use cases over one open store.
pub struct Service {
    store: Store,
    actor: String,
    access: Access,
    session: Option<crate::domain::access::Session>,
    today: Option<NaiveDate>,
}

fn json<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// The programme year a bureau may be set up for.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

impl Service {
    /// A service acting with administrator rights as `actor` (the command line, set-up, tests);
    /// the window logs a user in with [`Service::login`] instead.
    pub fn new(store: Store, actor: impl Into<String>) -> Service {
        Service { store, actor: actor.into(), access: Access::Admin, session: None, today: None }
    }

    /// Who is acting, to hand to a worker thread with its own connection.
    pub fn acting(&self) -> Acting {
        Acting { actor: self.actor.clone(), access: self.access.clone(), session: self.session.clone(), today: self.today }
    }

    /// A service over `store` (another connection to the same file) acting as [`Service::acting`]
    /// said: a long print on a worker thread sees what the account sees.
    pub fn acting_as(store: Store, acting: Acting) -> Service {
        Service { store, actor: acting.actor, access: acting.access, session: acting.session, today: acting.today }
    }

    /// Takes every right away until a log-in (the window does this as it opens a file).
    pub fn lock(&mut self) {
        self.access = Access::Nobody;
        self.session = None;
        self.actor = String::new();
    }

    /// Who is acting, as the permission rule sees them.
    pub fn access(&self) -> &Access {
        &self.access
    }

    /// Refuses unless the actor may do what `need` says.
    fn require(&self, need: crate::domain::access::Need) -> Result<()> {
        if self.access.allows(need) { Ok(()) } else { Err(ServiceError::Forbidden) }
    }

    /// Fixes "today" (tests and reproducible runs); otherwise the local date is used.
    pub fn with_today(mut self, today: NaiveDate) -> Service {
        self.today = Some(today);
        self
    }

    pub fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn into_store(self) -> Store {
        self.store
    }

    pub fn read(&self) -> Db<'_> {
        self.store.read()
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Sets up an empty database for a bureau: its root unit, the year and the catalogue.
    pub fn init_bureau(&mut self, name: &str, year: i32, catalogue: &Catalogue) -> Result<UnitId> {
        let mut problems = Problems::default();
        let name = clean(name, Field::BureauName, true, MAX_TITLE, &mut problems);
        if !YEARS.contains(&year) {
            problems.push(Field::Year, Problem::OutOfRange { min: (*YEARS.start()).into(), max: (*YEARS.end()).into() });
        }
        let name = problems.finish(name)?;
        self.require(crate::domain::access::Need::Admin)?;
        let actor = self.actor.clone();
        self.store.write(|db| {
            if db.bureau()?.is_some() {
                return Err(ServiceError::one(Field::Record, Problem::AlreadySetUp));
            }
            db.set_meta("bureau_name", &name)?;
            db.set_meta("programme_year", &year.to_string())?;
            db.insert_catalogue(catalogue)?;
            db.insert_scale(&crate::domain::standards::ScaleFile::shipped())?;
            db.insert_training_defaults(&crate::domain::training::TrainingFile::shipped())?;
            db.create_programme(year, catalogue)?;
            let root = db.insert_unit(None, &new_uuid(), None, &name, UnitKind::Bureau, 1)?;
            db.audit(&actor, "bureau.init", "bureau", Some(root.0), None, json(&(name.as_str(), year)).as_deref())?;
            Ok(root)
        })
    }

    /// What the bureau holds, indexed for an import preview.
    pub fn lookup(&self) -> Result<Lookup> {
        let db = self.read();
        let year = db.bureau()?.map_or(0, |b| b.year);
        let standards = db.standards(year)?.into_iter().map(|s| (s.post, s.data));
        Ok(Lookup::new(db.catalogue()?, db.units()?, db.posts()?, db.officials()?, self.today()).with_standards(standards))
    }

    /// Stores the selected rows of `preview` in one transaction with one audit row naming the
    /// file: all of them, or (on a problem, an error or a cancel from `progress`) none.
    /// `progress(done, total)` is called as rows are stored; returning `false` cancels.
    pub fn import(&mut self, preview: &Preview, progress: &mut dyn FnMut(usize, usize) -> bool) -> Result<ImportSummary> {
        self.require(crate::domain::access::Need::Admin)?;
        let records = preview.records().map_err(ServiceError::RowsRefused)?;
        let actor = self.actor.clone();
        let today = self.today();
        self.store.write(|db| {
            let mut summary = ImportSummary::default();
            let mut created_units: HashMap<String, UnitId> = HashMap::new();
            let total = records.len();
            for (done, record) in records.iter().enumerate() {
                if done % PROGRESS_EVERY == 0 && !progress(done, total) {
                    return Err(ServiceError::Cancelled);
                }
                let created = import_record(db, today, record, &mut created_units)?;
                if created { summary.created += 1 } else { summary.updated += 1 }
            }
            if !progress(total, total) {
                return Err(ServiceError::Cancelled);
            }
            let after =
                serde_json::json!({ "file": preview.file, "sheet": preview.sheet, "created": summary.created, "updated": summary.updated });
            db.audit(&actor, import_action(preview.kind), "import", None, None, Some(&after.to_string()))?;
            Ok(summary)
        })
    }

    /// Starts programme year `to`: the programme of `from` is copied with its dates moved by
    /// the years between, and every standard of year `from` is copied to `to` for posts that
    /// have none there yet; year `from` stays as it was. Returns how many standards were copied.
    pub fn carry_forward(&mut self, from: i32, to: i32) -> Result<usize> {
        if !YEARS.contains(&to) || to <= from {
            return Err(ServiceError::one(Field::Year, Problem::OutOfRange { min: i64::from(from) + 1, max: (*YEARS.end()).into() }));
        }
        self.require(crate::domain::access::Need::Admin)?;
        let actor = self.actor.clone();
        self.store.write(|db| {
            let mut copied = 0;
            for standard in db.standards(from)? {
                if db.standard(standard.post, to)?.is_none() && !existing_post(db, standard.post)?.retired {
                    db.save_standard(standard.post, to, &standard.data)?;
                    copied += 1;
                }
            }
            db.copy_programme(from, to)?;
            db.set_meta("programme_year", &to.to_string())?;
            let after = serde_json::json!({ "from": from, "to": to, "copied": copied });
            db.audit(&actor, "standard.carry_forward", "post_standard", None, None, Some(&after.to_string()))?;
            Ok(copied)
        })
    }

    /// Applies one command in one transaction with its audit row.
    /// Refused with [`ServiceError::Forbidden`] (nothing written) unless the account logged in
    /// may make the change.
    pub fn apply(&mut self, command: Command) -> Result<Applied> {
        let actor = self.actor.clone();
        let today = self.today();
        let access = self.access.clone();
        self.store.write(|db| {
            if !access.allows(access::need(db, &command)?) {
                return Err(ServiceError::Forbidden);
            }
            apply_in(db, &actor, today, command)
        })
    }
}

/// The seat-statement workflow: a new statement starts as a draft; only a draft's content
/// changes (it may be submitted with its last edits); a submitted statement is confirmed or
/// returned to draft as it is; a confirmed one only goes back to draft.
fn check_seat_change(before: Option<&SeatData>, after: &SeatData) -> Result<()> {
    let Some(before) = before else {
        return if after.status == SeatStatus::Draft { Ok(()) } else { Err(ServiceError::one(Field::Status, Problem::BadStatusChange)) };
    };
    let same_content = SeatData { status: after.status, ..before.clone() } == *after;
    if before.status != after.status && !may_move(before.status, after.status) {
        return Err(ServiceError::one(Field::Status, Problem::BadStatusChange));
    }
    if !same_content && before.status != SeatStatus::Draft {
        return Err(ServiceError::one(Field::Record, Problem::Locked));
    }
    Ok(())
}

fn import_action(kind: Kind) -> &'static str {
    match kind {
        Kind::Officials => "import.officials",
        Kind::Units => "import.units",
        Kind::Posts => "import.posts",
        Kind::Standards => "import.standards",
    }
}

/// Stores one checked import row, checking it again against the store; `true` when created.
fn import_record(db: &Db<'_>, today: NaiveDate, record: &Record, created_units: &mut HashMap<String, UnitId>) -> Result<bool> {
    match record {
        Record::Official { id, data } => {
            let previous = match id {
                Some(id) => Some(existing_official(db, *id)?),
                None => None,
            };
            let valid = validate_official(db, today, &OfficialDraft::from_data(data), *id, previous.as_ref().and_then(|p| p.post))?;
            match id {
                Some(id) => db.update_official(*id, &valid)?,
                None => {
                    db.insert_official(None, &new_uuid(), &valid)?;
                }
            }
            Ok(id.is_none())
        }
        Record::Post { id, data } => {
            let valid = validate_post(db, &PostDraft::from_data(data))?;
            match id {
                Some(id) => db.update_post(*id, &valid, existing_post(db, *id)?.retired)?,
                None => {
                    db.insert_post(None, &new_uuid(), &valid, false)?;
                }
            }
            Ok(id.is_none())
        }
        Record::StandardRow { post, tier, levels } => {
            existing_post(db, *post)?;
            let year = db.bureau()?.map_or(today.year(), |b| b.year);
            let existing = db.standard(*post, year)?;
            let mut data = existing.as_ref().map(|s| s.data.clone()).unwrap_or_default();
            data.levels.retain(|(t, _), _| t != tier);
            data.levels.extend(levels.iter().map(|(c, l)| ((*tier, *c), *l)));
            db.save_standard(*post, year, &data.validate()?)?;
            Ok(existing.is_none())
        }
        Record::Unit { id, name, parent, kind } => {
            let parent = match parent {
                ParentRef::Existing(p) => *p,
                ParentRef::InFile(name) => {
                    *created_units.get(name).ok_or(ServiceError::one(Field::Parent, Problem::UnknownUnit { name: name.clone() }))?
                }
            };
            if existing_unit(db, parent)?.retired {
                return Err(ServiceError::one(Field::Parent, Problem::UnitRetired));
            }
            match id {
                Some(id) => {
                    let before = existing_unit(db, *id)?;
                    if before.parent != Some(parent) {
                        org::check_move(&db.units()?, *id, Some(parent)).map_err(|p| ServiceError::Invalid(vec![p]))?;
                    }
                    let position = if before.parent == Some(parent) { before.position } else { db.next_unit_position(Some(parent))? };
                    db.update_unit(&Unit { parent: Some(parent), kind: *kind, position, ..before })?;
                    Ok(false)
                }
                None => {
                    let position = db.next_unit_position(Some(parent))?;
                    let new_id = db.insert_unit(None, &new_uuid(), Some(parent), name, *kind, position)?;
                    created_units.insert(name.clone(), new_id);
                    Ok(true)
                }
            }
        }
    }
}

fn existing_unit(db: &Db<'_>, id: UnitId) -> Result<Unit> {
    db.unit(id)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))
}

fn existing_post(db: &Db<'_>, id: PostId) -> Result<Post> {
    db.post(id)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))
}

fn existing_official(db: &Db<'_>, id: OfficialId) -> Result<Official> {
    db.official(id)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))
}

fn unit_not_empty(usage: crate::store::UnitUsage, active_only: bool) -> Problem {
    if active_only {
        Problem::UnitNotEmpty { children: usage.active_children, posts: usage.active_posts, officials: usage.active_officials }
    } else {
        Problem::UnitNotEmpty { children: usage.children, posts: usage.posts, officials: usage.officials }
    }
}

fn validate_post(db: &Db<'_>, draft: &PostDraft) -> Result<org::PostData> {
    let unit = match draft.unit {
        Some(id) => db.unit(id)?,
        None => None,
    };
    Ok(draft.validate(unit.as_ref())?)
}

fn validate_official(
    db: &Db<'_>,
    today: NaiveDate,
    draft: &OfficialDraft,
    id: Option<OfficialId>,
    previous_post: Option<PostId>,
) -> Result<OfficialData> {
    let unit = match draft.unit {
        Some(u) => db.unit(u)?,
        None => None,
    };
    let post = match draft.post {
        Some(p) => db.post(p)?,
        None => None,
    };
    let ctx = OfficialContext {
        today,
        unit: unit.as_ref(),
        post: post.as_ref(),
        staff_no_holder: db.staff_no_holder(draft.staff_no_key(), id)?,
        previous_post,
    };
    Ok(draft.validate(&ctx)?)
}

fn apply_in(db: &Db<'_>, actor: &str, today: NaiveDate, command: Command) -> Result<Applied> {
    let audit = |action: &'static str, entity: &str, id: i64, before: Option<String>, after: Option<String>| {
        db.audit(actor, action, entity, Some(id), before.as_deref(), after.as_deref())
    };
    let applied = match command {
        Command::CreateUnit { parent, name, kind } => {
            let name = org::validate_unit_name(&name)?;
            let parent_unit = db.unit(parent)?.ok_or(ServiceError::one(Field::Parent, Problem::NotFound))?;
            if parent_unit.retired {
                return Err(ServiceError::one(Field::Parent, Problem::UnitRetired));
            }
            if kind == UnitKind::Bureau {
                return Err(ServiceError::one(Field::UnitKind, Problem::RootFixed));
            }
            let position = db.next_unit_position(Some(parent))?;
            let id = db.insert_unit(None, &new_uuid(), Some(parent), &name, kind, position)?;
            audit("unit.create", "unit", id.0, None, json(&existing_unit(db, id)?))?;
            Applied { action: "unit.create", entity: Entity::Unit(id), undo: Command::DeleteUnit { id } }
        }
        Command::UpdateUnit { id, name, kind } => {
            let name = org::validate_unit_name(&name)?;
            let before = existing_unit(db, id)?;
            if (before.kind == UnitKind::Bureau) != (kind == UnitKind::Bureau) {
                return Err(ServiceError::one(Field::UnitKind, Problem::RootFixed));
            }
            let after = Unit { name, kind, ..before.clone() };
            db.update_unit(&after)?;
            audit("unit.update", "unit", id.0, json(&before), json(&after))?;
            Applied {
                action: "unit.update",
                entity: Entity::Unit(id),
                undo: Command::UpdateUnit { id, name: before.name, kind: before.kind },
            }
        }
        Command::MoveUnit { id, parent } => {
            let units = db.units()?;
            org::check_move(&units, id, Some(parent)).map_err(|p| ServiceError::Invalid(vec![p]))?;
            let before = existing_unit(db, id)?;
            let Some(old_parent) = before.parent else {
                return Err(ServiceError::one(Field::Parent, Problem::RootFixed));
            };
            if existing_unit(db, parent)?.retired {
                return Err(ServiceError::one(Field::Parent, Problem::UnitRetired));
            }
            let after = Unit { parent: Some(parent), position: db.next_unit_position(Some(parent))?, ..before.clone() };
            db.update_unit(&after)?;
            audit("unit.move", "unit", id.0, json(&before), json(&after))?;
            Applied { action: "unit.move", entity: Entity::Unit(id), undo: Command::MoveUnit { id, parent: old_parent } }
        }
        Command::SetUnitRetired { id, retired } => {
            let before = existing_unit(db, id)?;
            let Some(parent) = before.parent else {
                return Err(ServiceError::one(Field::Record, Problem::RootFixed));
            };
            if retired {
                let usage = db.unit_usage(id)?;
                if usage.active_children + usage.active_posts + usage.active_officials > 0 {
                    return Err(ServiceError::one(Field::Record, unit_not_empty(usage, true)));
                }
            } else if existing_unit(db, parent)?.retired {
                return Err(ServiceError::one(Field::Parent, Problem::UnitRetired));
            }
            let after = Unit { retired, ..before.clone() };
            db.update_unit(&after)?;
            let action = if retired { "unit.retire" } else { "unit.reinstate" };
            audit(action, "unit", id.0, json(&before), json(&after))?;
            Applied { action, entity: Entity::Unit(id), undo: Command::SetUnitRetired { id, retired: !retired } }
        }
        Command::DeleteUnit { id } => {
            let before = existing_unit(db, id)?;
            if before.parent.is_none() {
                return Err(ServiceError::one(Field::Record, Problem::RootFixed));
            }
            let usage = db.unit_usage(id)?;
            if usage.children + usage.posts + usage.officials > 0 {
                return Err(ServiceError::one(Field::Record, unit_not_empty(usage, false)));
            }
            if usage.records > 0 {
                return Err(ServiceError::one(Field::Record, Problem::UnitHasRecords { records: usage.records }));
            }
            db.delete_unit(id)?;
            audit("unit.delete", "unit", id.0, json(&before), None)?;
            Applied { action: "unit.delete", entity: Entity::Unit(id), undo: Command::RestoreUnit(before) }
        }
        Command::RestoreUnit(unit) => {
            let name = org::validate_unit_name(&unit.name)?;
            let Some(parent) = unit.parent else {
                return Err(ServiceError::one(Field::Parent, Problem::RootFixed));
            };
            existing_unit(db, parent)?;
            let id = db.insert_unit(Some(unit.id), &unit.uuid, Some(parent), &name, unit.kind, unit.position)?;
            if unit.retired {
                db.update_unit(&Unit { name, ..unit.clone() })?;
            }
            audit("unit.restore", "unit", id.0, None, json(&unit))?;
            Applied { action: "unit.restore", entity: Entity::Unit(id), undo: Command::DeleteUnit { id } }
        }
        Command::CreatePost(draft) => {
            let valid = validate_post(db, &draft)?;
            let id = db.insert_post(None, &new_uuid(), &valid, false)?;
            audit("post.create", "post", id.0, None, json(&existing_post(db, id)?))?;
            Applied { action: "post.create", entity: Entity::Post(id), undo: Command::DeletePost { id } }
        }
        Command::UpdatePost { id, draft } => {
            let before = existing_post(db, id)?;
            let valid = validate_post(db, &draft)?;
            if valid.unit != before.unit {
                let (holders, _) = db.post_holders(id)?;
                if holders > 0 {
                    return Err(ServiceError::one(Field::Unit, Problem::PostMoveHeld { officials: holders }));
                }
            }
            db.update_post(id, &valid, before.retired)?;
            audit("post.update", "post", id.0, json(&before), json(&existing_post(db, id)?))?;
            Applied {
                action: "post.update",
                entity: Entity::Post(id),
                undo: Command::UpdatePost { id, draft: PostDraft::from_post(&before) },
            }
        }
        Command::SetPostRetired { id, retired } => {
            let before = existing_post(db, id)?;
            let (_, active) = db.post_holders(id)?;
            if retired && active > 0 {
                return Err(ServiceError::one(Field::Record, Problem::PostHeld { officials: active }));
            }
            if !retired && existing_unit(db, before.unit)?.retired {
                return Err(ServiceError::one(Field::Unit, Problem::UnitRetired));
            }
            db.update_post(id, &before.data, retired)?;
            let action = if retired { "post.retire" } else { "post.reinstate" };
            audit(action, "post", id.0, json(&before), json(&existing_post(db, id)?))?;
            Applied { action, entity: Entity::Post(id), undo: Command::SetPostRetired { id, retired: !retired } }
        }
        Command::DeletePost { id } => {
            let before = existing_post(db, id)?;
            let (holders, _) = db.post_holders(id)?;
            if holders > 0 {
                return Err(ServiceError::one(Field::Record, Problem::PostHeld { officials: holders }));
            }
            db.delete_post(id)?;
            audit("post.delete", "post", id.0, json(&before), None)?;
            Applied { action: "post.delete", entity: Entity::Post(id), undo: Command::RestorePost(before) }
        }
        Command::RestorePost(post) => {
            let valid = validate_post(db, &PostDraft::from_post(&post))?;
            let id = db.insert_post(Some(post.id), &post.uuid, &valid, post.retired)?;
            audit("post.restore", "post", id.0, None, json(&post))?;
            Applied { action: "post.restore", entity: Entity::Post(id), undo: Command::DeletePost { id } }
        }
        Command::CreateOfficial(draft) => {
            let valid = validate_official(db, today, &draft, None, None)?;
            let id = db.insert_official(None, &new_uuid(), &valid)?;
            audit("official.create", "official", id.0, None, json(&existing_official(db, id)?))?;
            Applied { action: "official.create", entity: Entity::Official(id), undo: Command::DeleteOfficial { id } }
        }
        Command::UpdateOfficial { id, draft } => {
            let before = existing_official(db, id)?;
            let valid = validate_official(db, today, &draft, Some(id), before.post)?;
            db.update_official(id, &valid)?;
            audit("official.update", "official", id.0, json(&before), json(&existing_official(db, id)?))?;
            Applied {
                action: "official.update",
                entity: Entity::Official(id),
                undo: Command::UpdateOfficial { id, draft: OfficialDraft::from_official(&before) },
            }
        }
        Command::DeleteOfficial { id } => {
            let before = existing_official(db, id)?;
            let records = db.official_records(id)?;
            if records > 0 {
                return Err(ServiceError::one(Field::Record, Problem::HasRecords { records }));
            }
            db.delete_official(id)?;
            audit("official.delete", "official", id.0, json(&before), None)?;
            Applied { action: "official.delete", entity: Entity::Official(id), undo: Command::RestoreOfficial(before) }
        }
        Command::SaveStandard { post, year, data } => {
            existing_post(db, post)?;
            let data = data.validate()?;
            let before = db.standard(post, year)?;
            let id = db.save_standard(post, year, &data)?;
            audit("standard.save", "post_standard", id, before.as_ref().and_then(|b| json(&b.data)), json(&data))?;
            let undo = match before {
                Some(before) => Command::SaveStandard { post, year, data: before.data },
                None => Command::DeleteStandard { post, year },
            };
            Applied { action: "standard.save", entity: Entity::Standard(post), undo }
        }
        Command::SaveScale(scale) => {
            let scale = scale.validate()?;
            let before = db.scale()?;
            db.save_scale(&scale)?;
            let snapshot = |s: &Scale| serde_json::to_string(&s.tier_levels).ok();
            audit("scale.save", "capability_level", 0, snapshot(&before), snapshot(&scale))?;
            Applied { action: "scale.save", entity: Entity::Scale, undo: Command::SaveScale(before) }
        }
        Command::UpdateMilestone { id, data } => {
            let before = db.milestone(id)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            let data = data.validate(today)?;
            if let Some(unit) = data.unit {
                existing_unit(db, unit)?;
            }
            db.update_milestone(id, &data)?;
            audit("milestone.update", "milestone", id, json(&before), json(&data))?;
            Applied { action: "milestone.update", entity: Entity::Programme, undo: Command::UpdateMilestone { id, data: before } }
        }
        Command::UpdatePhaseDates { id, start, end } => {
            let (old_start, old_end) = db.phase_dates(id)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            if end < start {
                return Err(ServiceError::one(Field::Record, Problem::BadDate));
            }
            db.update_phase_dates(id, start, end)?;
            audit("phase.update", "programme_phase", id, json(&(old_start, old_end)), json(&(start, end)))?;
            Applied {
                action: "phase.update",
                entity: Entity::Programme,
                undo: Command::UpdatePhaseDates { id, start: old_start, end: old_end },
            }
        }
        Command::AddMember { programme, member } => {
            let member = member.validate()?;
            let id = db.insert_member(programme, &member)?;
            audit("member.add", "leading_group_member", id, None, json(&member))?;
            Applied { action: "member.add", entity: Entity::Programme, undo: Command::DeleteMember { id } }
        }
        Command::DeleteMember { id } => {
            let (programme, member) = db.member(id)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            db.delete_member(id)?;
            audit("member.delete", "leading_group_member", id, json(&member), None)?;
            Applied { action: "member.delete", entity: Entity::Programme, undo: Command::AddMember { programme, member } }
        }
        Command::DeleteStandard { post, year } => {
            let before = db.standard(post, year)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            db.delete_standard(post, year)?;
            audit("standard.delete", "post_standard", before.id, json(&before.data), None)?;
            Applied {
                action: "standard.delete",
                entity: Entity::Standard(post),
                undo: Command::SaveStandard { post, year, data: before.data },
            }
        }
        Command::SaveSeatStatement { official, year, data } => {
            existing_official(db, official)?;
            let data = data.validate()?;
            let before = db.seat_statement(official, year)?;
            check_seat_change(before.as_ref().map(|b| &b.data), &data)?;
            let id = db.save_seat_statement(official, year, &data)?;
            audit("seat.save", "seat_statement", id, before.as_ref().and_then(|b| json(&b.data)), json(&data))?;
            let undo = match before {
                Some(before) => Command::SaveSeatStatement { official, year, data: before.data },
                None => Command::DeleteSeatStatement { official, year },
            };
            Applied { action: "seat.save", entity: Entity::Seat(official), undo }
        }
        Command::DeleteSeatStatement { official, year } => {
            let before = db.seat_statement(official, year)?.ok_or(ServiceError::one(Field::Record, Problem::NotFound))?;
            db.delete_seat_statement(official, year)?;
            audit("seat.delete", "seat_statement", before.id, json(&before.data), None)?;
            Applied {
                action: "seat.delete",
                entity: Entity::Seat(official),
                undo: Command::SaveSeatStatement { official, year, data: before.data },
            }
        }
        Command::SaveRound { .. }
        | Command::DeleteRound { .. }
        | Command::SaveSelfCheck { .. }
        | Command::ReviewSelfCheck { .. }
        | Command::RestoreSelfCheck { .. }
        | Command::AssignPeer { .. }
        | Command::SavePeerCheck { .. }
        | Command::DeletePeer { .. }
        | Command::RestorePeer(_)
        | Command::AddOpinion(_)
        | Command::DeleteOpinion { .. }
        | Command::AddTest(_)
        | Command::DeleteTest { .. }
        | Command::SetScore { .. }
        | Command::SavePlanItem { .. }
        | Command::DeletePlanItem { .. }
        | Command::RestorePlanItem(_) => selfcheck::apply(db, actor, today, command)?,
        Command::SaveSession { .. }
        | Command::DeleteSession { .. }
        | Command::RestoreSession(_)
        | Command::SetAttendance { .. }
        | Command::SaveStudyRecord { .. }
        | Command::DeleteStudyRecord { .. }
        | Command::RestoreStudyRecord(_)
        | Command::SaveQuotaRules(_)
        | Command::SaveTopic { .. }
        | Command::DeleteTopic { .. }
        | Command::RestoreTopic(_) => training::apply(db, actor, command)?,
        Command::YearEndStep { .. } | Command::RestoreYearEnd { .. } | Command::ReviewUnit { .. } | Command::RestoreUnitReview { .. } => {
            yearend::apply(db, actor, today, command)?
        }
        Command::RestoreOfficial(official) => {
            let valid = validate_official(db, today, &OfficialDraft::from_official(&official), None, official.post)?;
            let id = db.insert_official(Some(official.id), &official.uuid, &valid)?;
            audit("official.restore", "official", id.0, None, json(&official))?;
            Applied { action: "official.restore", entity: Entity::Official(id), undo: Command::DeleteOfficial { id } }
        }
    };
    Ok(applied)
}
