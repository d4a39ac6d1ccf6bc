//! The use cases. Every change is `Command → validate (domain) → one transaction with its
//! audit row → Applied`, and each `Applied` carries the command that undoes it.

mod access;
pub mod appraisal;
pub mod cadre;
pub mod command;
mod error;
pub mod exports;
mod import;
mod org;
pub mod packages;
pub mod preview;
pub mod printing;
mod programme;
pub mod reads;
mod roster;
pub mod routine;
pub mod seed;
pub mod selfcheck;
mod standards;
pub mod standing;
pub mod training;
pub mod yearend;

pub use access::{LoginError, NewAccount};
pub use command::{Applied, Command, Entity};
pub use error::{Result, ServiceError};
pub use import::ImportSummary;

use crate::domain::access::{Access, Need};
use crate::domain::catalogue::{Catalogue, UnitKind};
use crate::domain::official::Official;
use crate::domain::org::{Post, Unit};
use crate::domain::problem::{Field, Problem, Problems};
use crate::domain::text::{MAX_TITLE, clean};
use crate::domain::{OfficialId, PostId, UnitId};
use crate::store::{Db, Store, new_uuid};
use chrono::NaiveDate;
use serde::Serialize;

/// Who a service acts as (see [`Service::acting`]).
#[derive(Clone, Debug)]
pub struct Acting {
    actor: String,
    access: Access,
    session: Option<crate::domain::access::Session>,
    today: Option<NaiveDate>,
    demo_day: Option<NaiveDate>,
}

/// The bureau's use cases over one open store.
pub struct Service {
    store: Store,
    actor: String,
    access: Access,
    session: Option<crate::domain::access::Session>,
    /// A day fixed by [`Service::with_today`].
    today: Option<NaiveDate>,
    /// A demo bureau's own day, read from the file (see [`Service::demo_day`]).
    demo_day: Option<NaiveDate>,
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
        let demo_day = store.read().demo_today().ok().flatten();
        Service { store, actor: actor.into(), access: Access::Admin, session: None, today: None, demo_day }
    }

    /// Who is acting, to hand to a worker thread with its own connection.
    pub fn acting(&self) -> Acting {
        Acting {
            actor: self.actor.clone(),
            access: self.access.clone(),
            session: self.session.clone(),
            today: self.today,
            demo_day: self.demo_day,
        }
    }

    /// A service over `store` (another connection to the same file) acting as [`Service::acting`]
    /// said: a long print on a worker thread sees what the account sees.
    pub fn acting_as(store: Store, acting: Acting) -> Service {
        Service {
            store,
            actor: acting.actor,
            access: acting.access,
            session: acting.session,
            today: acting.today,
            demo_day: acting.demo_day,
        }
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

    /// Refuses unless the actor may read what `sight` names (every read and export of more
    /// than the account's own record asks this first).
    pub(crate) fn require_read(&self, sight: crate::domain::access::Sight) -> Result<()> {
        if self.access.may_read(sight) { Ok(()) } else { Err(ServiceError::Forbidden) }
    }

    /// Whether the actor may read what `sight` names: the window hides what would be refused.
    pub fn may_read(&self, sight: crate::domain::access::Sight) -> bool {
        self.access.may_read(sight)
    }

    /// Fixes "today" (tests and reproducible runs); otherwise the local date is used.
    pub fn with_today(mut self, today: NaiveDate) -> Service {
        self.today = Some(today);
        self
    }

    /// The day rules and figures are for: a day fixed by [`Service::with_today`], else a demo
    /// bureau's own day, else the local date.
    pub fn today(&self) -> NaiveDate {
        self.today.or(self.demo_day).unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// The day a demo bureau is shown as of, so its programme reads as under way whatever the
    /// calendar says; `None` for a real bureau. The window says so in its status bar.
    pub fn demo_day(&self) -> Option<NaiveDate> {
        self.demo_day
    }

    /// Fixes the demo bureau's day in the file, for the window and the command line alike.
    fn set_demo_day(&mut self, day: NaiveDate) -> Result<()> {
        self.store
            .write(|db| Ok::<_, ServiceError>(db.set_meta(crate::store::DEMO_TODAY_KEY, &crate::domain::dates::format_date(day))?))?;
        self.demo_day = Some(day);
        Ok(())
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

    /// Sets up an empty database for a bureau: its root unit, the year and the catalogue, in
    /// one transaction that also marks the setting-up complete.
    pub fn init_bureau(&mut self, name: &str, year: i32, catalogue: &Catalogue) -> Result<UnitId> {
        self.begin_bureau(name, year, catalogue, crate::store::SETUP_COMPLETE)
    }

    /// [`Service::init_bureau`] for a setting-up that goes on in later transactions (the demo,
    /// a synthetic bureau): the bureau is marked as started, and `check` calls it incomplete until
    /// [`Service::finish_setup`] runs last.
    pub fn start_bureau(&mut self, name: &str, year: i32, catalogue: &Catalogue) -> Result<UnitId> {
        self.begin_bureau(name, year, catalogue, crate::store::SETUP_STARTED)
    }

    /// Marks the bureau's setting-up complete: the last write of `demo` and `gen`.
    pub fn finish_setup(&mut self) -> Result<()> {
        self.store.write(|db| Ok::<_, ServiceError>(db.set_meta(crate::store::SETUP_KEY, crate::store::SETUP_COMPLETE)?))
    }

    fn begin_bureau(&mut self, name: &str, year: i32, catalogue: &Catalogue, setup: &str) -> Result<UnitId> {
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
            db.set_meta(crate::store::SETUP_KEY, setup)?;
            db.insert_catalogue(catalogue)?;
            db.insert_scale(&crate::domain::standards::ScaleFile::shipped())?;
            db.insert_training_defaults(&crate::domain::training::TrainingFile::shipped())?;
            db.create_programme(year, catalogue)?;
            let root = db.insert_unit(None, &new_uuid(), None, &name, UnitKind::Bureau, 1)?;
            db.audit(&actor, "bureau.init", "bureau", Some(root.0), None, json(&(name.as_str(), year)).as_deref())?;
            Ok(root)
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

    /// Carries out one command in one transaction with its audit row.
    /// Refused with [`ServiceError::Forbidden`] (nothing written) unless the account logged in
    /// may make the change.
    pub fn execute(&mut self, command: impl Into<Command>) -> Result<Applied> {
        let command = command.into();
        let actor = self.actor.clone();
        let today = self.today();
        let access = self.access.clone();
        self.store.write(|db| {
            if !access.allows(need(db, &command)?) {
                return Err(ServiceError::Forbidden);
            }
            execute_in(db, &actor, today, command)
        })
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

/// What `command` needs from whoever asks for it, read from the records it touches; each area
/// says it for its own commands.
fn need(db: &Db<'_>, command: &Command) -> Result<Need> {
    Ok(match command {
        Command::Org(command) => org::need(command),
        Command::Roster(command) => roster::need(command),
        Command::Standards(command) => standards::need(db, command)?,
        Command::Programme(command) => programme::need(command),
        Command::SelfCheck(command) => selfcheck::need(db, command)?,
        Command::Training(command) => training::need(db, command)?,
        Command::YearEnd(command) => yearend::need(db, command)?,
        Command::Routine(command) => routine::need(db, command)?,
        Command::Standing(command) => standing::need(command),
        Command::Appraisal(command) => appraisal::need(command),
    })
}

/// Hands a command to its area's module.
fn execute_in(db: &Db<'_>, actor: &str, today: NaiveDate, command: Command) -> Result<Applied> {
    match command {
        Command::Org(command) => org::execute(db, actor, command),
        Command::Roster(command) => roster::execute(db, actor, today, command),
        Command::Standards(command) => standards::execute(db, actor, command),
        Command::Programme(command) => programme::execute(db, actor, today, command),
        Command::SelfCheck(command) => selfcheck::execute(db, actor, command),
        Command::Training(command) => training::execute(db, actor, command),
        Command::YearEnd(command) => yearend::execute(db, actor, today, command),
        Command::Routine(command) => routine::execute(db, actor, today, command),
        Command::Standing(command) => standing::execute(db, actor, command),
        Command::Appraisal(command) => appraisal::execute(db, actor, command),
    }
}
