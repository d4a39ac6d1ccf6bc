//! The read models the window loads its caches from: the bureau as a whole when a file opens,
//! and the parts a change touches, each read in one go. Reads show what the store holds; the
//! window never reaches the store itself.

use super::Service;
use crate::domain::access::{Sight, User};
use crate::domain::audit::{AuditRow, Filter};
use crate::domain::catalogue::Catalogue;
use crate::domain::official::Official;
use crate::domain::org::{Post, Unit};
use crate::domain::plans::{PlanItem, PlanOwner};
use crate::domain::programme::Programme;
use crate::domain::ranks::TierMapping;
use crate::domain::roster::RosterRow;
use crate::domain::selfcheck::Test;
use crate::domain::standards::{PostStandard, Scale, SeatStatement};
use crate::domain::training::{Kind, QuotaRule, Session, Topic};
use crate::domain::yearend::{UnitReview, YearEnd};
use crate::domain::{OfficialId, UnitId};
use crate::store::{BureauInfo, Result};
use std::collections::HashSet;

/// Everything the pages draw from that is read once when a file opens.
pub struct Snapshot {
    pub bureau: BureauInfo,
    pub catalogue: Catalogue,
    pub tier_mapping: TierMapping,
    pub units: Vec<Unit>,
    pub unit_aliases: Vec<(UnitId, String)>,
    pub posts: Vec<Post>,
    pub roster: Vec<RosterRow>,
    pub scale: Scale,
    pub year: YearRecords,
    pub people: YearPeople,
    pub programme: Option<Programme>,
}

/// The programme year's standards and 能力席位書.
pub struct YearRecords {
    pub standards: Vec<PostStandard>,
    pub seats: Vec<SeatStatement>,
}

/// Who, this programme year, handed in a self-check, has an improvement plan and trained (the
/// home page's figures count them).
pub struct YearPeople {
    pub handed_in: HashSet<OfficialId>,
    pub planned: HashSet<OfficialId>,
    pub trained: HashSet<OfficialId>,
}

/// The training page's lists of a year.
pub struct TrainingYear {
    pub kinds: Vec<Kind>,
    pub topics: Vec<Topic>,
    pub sessions: Vec<Session>,
}

impl Service {
    /// The bureau as the window shows it, read when a file opens; `None` for a file not set up.
    pub fn snapshot(&self) -> Result<Option<Snapshot>> {
        let db = self.read();
        let Some(bureau) = db.bureau()? else { return Ok(None) };
        let year = bureau.year;
        Ok(Some(Snapshot {
            catalogue: db.catalogue()?,
            tier_mapping: db.tier_mapping()?,
            units: db.units()?,
            unit_aliases: db.unit_aliases()?,
            posts: db.posts()?,
            roster: db.roster_rows()?,
            scale: db.scale()?,
            year: self.year_records(year)?,
            people: self.year_people(year)?,
            programme: db.programme(year)?,
            bureau,
        }))
    }

    /// The bureau's mapping from 職務 and 職級 to tiers.
    pub fn tier_mapping(&self) -> Result<TierMapping> {
        self.read().tier_mapping()
    }

    /// Each unit's other names, by unit.
    pub fn unit_aliases(&self) -> Result<Vec<(UnitId, String)>> {
        self.read().unit_aliases()
    }

    /// An official's photo, if one is kept.
    pub fn photo(&self, id: OfficialId) -> Result<Option<crate::domain::identity::Photo>> {
        Ok(self.read().photo(id)?.map(|(mime, bytes)| crate::domain::identity::Photo { mime, bytes }))
    }

    /// An official's 任免審批表 record (簡歷, family members, the form's boxes).
    pub fn cadre(&self, id: OfficialId) -> Result<crate::domain::cadre::CadreRecord> {
        self.read().cadre(id)
    }

    pub fn year_records(&self, year: i32) -> Result<YearRecords> {
        let db = self.read();
        Ok(YearRecords { standards: db.standards(year)?, seats: db.seat_statements(year)? })
    }

    pub fn year_people(&self, year: i32) -> Result<YearPeople> {
        let db = self.read();
        Ok(YearPeople { handed_in: db.handed_in(year)?, planned: db.planned(year)?, trained: db.trained(year)? })
    }

    pub fn training_year(&self, year: i32) -> Result<TrainingYear> {
        let db = self.read();
        Ok(TrainingYear { kinds: db.training_kinds()?, topics: db.topics(year)?, sessions: db.sessions(year)? })
    }

    pub fn bureau(&self) -> Result<Option<BureauInfo>> {
        self.read().bureau()
    }

    pub fn units(&self) -> Result<Vec<Unit>> {
        self.read().units()
    }

    pub fn posts(&self) -> Result<Vec<Post>> {
        self.read().posts()
    }

    pub fn officials(&self) -> Result<Vec<Official>> {
        self.read().officials()
    }

    pub fn roster_rows(&self) -> Result<Vec<RosterRow>> {
        self.read().roster_rows()
    }

    pub fn roster_row(&self, id: OfficialId) -> Result<Option<RosterRow>> {
        self.read().roster_row(id)
    }

    pub fn official(&self, id: OfficialId) -> Result<Option<Official>> {
        self.read().official(id)
    }

    pub fn scale(&self) -> Result<Scale> {
        self.read().scale()
    }

    pub fn programme(&self, year: i32) -> Result<Option<Programme>> {
        self.read().programme(year)
    }

    pub fn tests(&self) -> Result<Vec<Test>> {
        self.read().tests()
    }

    /// An official's or a unit's improvement plan, for those who may read it.
    pub fn plan_items(&self, owner: PlanOwner, year: i32) -> super::Result<Vec<PlanItem>> {
        let sight = match owner {
            PlanOwner::Official(official) => self.official_sight(official)?,
            PlanOwner::Unit(unit) => Sight::Unit(unit),
        };
        self.require_read(sight)?;
        Ok(self.read().plan_items(owner, year)?)
    }

    /// What reading `official`'s records needs.
    pub(crate) fn official_sight(&self, official: OfficialId) -> super::Result<Sight> {
        let unit = super::existing_official(&self.read(), official)?.unit;
        Ok(Sight::Official { official, unit })
    }

    /// The accounts: the administrators'.
    pub fn users(&self) -> super::Result<Vec<User>> {
        self.require_read(Sight::Bureau)?;
        Ok(self.read().users()?)
    }

    /// The newest `limit` change-log entries that match `filter`: the administrators'.
    pub fn audit_find(&self, filter: &Filter, limit: usize) -> super::Result<Vec<AuditRow>> {
        self.require_read(Sight::Bureau)?;
        Ok(self.read().audit_find(filter, limit)?)
    }

    pub fn training_kinds(&self) -> Result<Vec<Kind>> {
        self.read().training_kinds()
    }

    pub fn quota_rules(&self) -> Result<Vec<QuotaRule>> {
        self.read().quota_rules()
    }

    /// An official's year-end record, for those who may read it.
    pub fn yearend(&self, official: OfficialId, year: i32) -> super::Result<Option<YearEnd>> {
        self.require_read(self.official_sight(official)?)?;
        Ok(self.read().yearend(official, year)?)
    }

    /// The year's 單位檢查驗收 of every unit: the bureau's overview (administrators and reviewers).
    pub fn unit_reviews(&self, year: i32) -> super::Result<Vec<(UnitId, UnitReview)>> {
        self.require_read(Sight::Overview)?;
        Ok(self.read().unit_reviews(year)?)
    }
}
