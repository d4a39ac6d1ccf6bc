//! Every printout the program makes, named by [`Printout`], and the one place that makes them:
//! [`document`] gathers what each needs from the store and hands it to `report::model` (duty
//! statements, 能力席位書 and posts' 能力席位標準; capability reports and round summaries;
//! sign-in sheets, training files and compliance; the programme report; the year-end forms,
//! roster and summary). The window and the command line print through here alike; the year-end
//! forms, which run to thousands of sheets, can also be read once and laid out a few at a time
//! ([`YearEndBatch`]).

use super::Service;
use crate::domain::access::Sight;
use crate::domain::catalogue::OfficialStatus;
use crate::domain::org::{Post, subtree, tree_order, unit_path};
use crate::domain::standards::SeatData;
use crate::domain::{Lang, OfficialId, PostId, UnitId};
use crate::report::layout::{A4, Document, Paper};
use crate::report::model::{self, SeatSheet};
use crate::store::Result;

pub use crate::domain::org::Scope;

/// A document the program prints, with what it covers.
#[derive(Clone, Debug, PartialEq)]
pub enum Printout {
    /// The 崗位職位說明書 of the posts in scope, one sheet each.
    DutyStatements { scope: Scope },
    /// The posts' 能力席位標準 of a year, one sheet each (posts without one are left out).
    PostStandards { scope: Scope, year: i32 },
    /// The 能力席位書 of the serving officials in scope for a year, one sheet each.
    SeatStatements { scope: Scope, year: i32 },
    /// Each participant's capability report of a round, for `scope`.
    CapabilityReports { round: i64, scope: Scope },
    /// A round's summary for a unit (with its sub-units) or the bureau.
    RoundSummary { round: i64, unit: Option<UnitId> },
    /// A session's sign-in sheet (簽到表).
    SignIn { session: i64 },
    /// An official's training file (培訓檔案) for a year.
    TrainingFile { official: OfficialId, year: i32 },
    /// Compliance with the training quotas in a year, for a unit (with its sub-units) or the bureau.
    TrainingCompliance { year: i32, unit: Option<UnitId> },
    /// The programme report of a year as things stand on `date`.
    ProgrammeReport { year: i32, date: chrono::NaiveDate },
    /// The 公務員年度考核登記表 of a year.
    YearEndSheets(YearEndSheets),
    /// A blank 公務員年度考核登記表 for filling in by hand.
    YearEndBlank { paper: Paper },
    /// The bureau's year-end summary.
    YearEndSummary { year: i32 },
    /// The grade roster (花名冊) of a year for a unit (with its sub-units) or the bureau.
    GradeRoster { year: i32, unit: Option<UnitId> },
    /// The 干部任免審批表 of one official, of a unit's serving officials (with its sub-units), or
    /// of those whose staff numbers are listed.
    AppointmentForms { scope: Scope, staff: Vec<String> },
    /// The 平時考核登記表 of a period for the serving officials of `scope` the account may see, or
    /// (when `staff` is not empty) those with these staff numbers.
    RoutineForms { period: i64, scope: Scope, staff: Vec<String> },
    /// A period's 平時考核結果匯總表 for a unit (with its sub-units) or the bureau.
    RoutineSummary { period: i64, unit: Option<UnitId> },
    /// An official's year of 平時 results with their 專項考核.
    RoutineYear { official: OfficialId, year: i32 },
    /// The year's 優秀 名額分配表: each quota pool's total and its units' places.
    QuotaAllocation { year: i32 },
    /// The year's 公示 of the 優秀 candidates, with the objections and how they were handled.
    Publicity { year: i32 },
    /// What each grade of the year brings (結果運用), for a unit (with its sub-units) or the bureau.
    GradeConsequences { year: i32, unit: Option<UnitId> },
}

/// Which 公務員年度考核登記表 to print, and on what paper.
#[derive(Clone, Debug, PartialEq)]
pub struct YearEndSheets {
    pub year: i32,
    /// Whose: the serving officials of the scope the account may see…
    pub scope: Scope,
    /// …or, when not empty, only those with these staff numbers.
    pub staff: Vec<String>,
    pub paper: Paper,
}

impl Printout {
    /// The paper it goes on: the year-end forms on the paper chosen for them, the rest on A4.
    pub fn paper(&self) -> Paper {
        match self {
            Printout::YearEndSheets(sheets) => sheets.paper,
            Printout::YearEndBlank { paper } => *paper,
            _ => A4,
        }
    }
}

/// Makes `printout` from the bureau's data as the account logged in may see it; `None` only for
/// the programme report of a year that has no programme and the 公示 of a year that has none.
pub fn document(service: &Service, printout: &Printout, lang: Lang) -> super::Result<Option<Document>> {
    service.require_read(sight(service, printout)?)?;
    let document = make(service, printout, lang)?;
    if let Some((ch, text)) = document.as_ref().and_then(|d| crate::report::unprintable(d, lang)) {
        return Err(super::ServiceError::Unprintable { whose: text, ch });
    }
    Ok(document)
}

/// Whom `printout` covers when it is a sheet (or a few) per person: those officials in print
/// order, so that a preview can make a window of them at a time ([`document_for`]); `None` for
/// the other printouts.
pub fn people(service: &Service, printout: &Printout) -> super::Result<Option<Vec<OfficialId>>> {
    service.require_read(sight(service, printout)?)?;
    Ok(Some(match printout {
        Printout::YearEndSheets(sheets) => {
            let units = service.read().units()?;
            yearend_people(service, &units, sheets.scope, &sheets.staff)?.0.iter().map(|o| o.id).collect()
        }
        Printout::CapabilityReports { round, scope } => capability_people(service, *round, *scope)?,
        Printout::SeatStatements { scope, .. } => seat_people(service, *scope)?.iter().map(|o| o.id).collect(),
        _ => return Ok(None),
    }))
}

/// `printout` made for some of the officials [`people`] gave (those the account may see), in
/// their order, checked as [`document`] checks; a printout that is not per person is made whole.
pub fn document_for(service: &Service, printout: &Printout, people: &[OfficialId], lang: Lang) -> super::Result<Document> {
    service.require_read(sight(service, printout)?)?;
    let officials = || -> Result<Vec<crate::domain::official::Official>> {
        let db = service.read();
        let mut officials = Vec::with_capacity(people.len());
        for id in people {
            officials.extend(db.official(*id)?.filter(|o| service.access().may_see(o.id, o.unit)));
        }
        Ok(officials)
    };
    let document = match printout {
        Printout::YearEndSheets(sheets) => YearEndBatch::of(service, sheets.year, officials()?, true, lang)?.document(),
        Printout::CapabilityReports { round, .. } => {
            let visible: Vec<OfficialId> = officials()?.iter().map(|o| o.id).collect();
            capability_reports_of(service, *round, &visible, lang)?
        }
        Printout::SeatStatements { year, .. } => seat_statements_of(service, *year, &officials()?, lang)?,
        _ => make(service, printout, lang)?.unwrap_or_default(),
    };
    if let Some((ch, text)) = crate::report::unprintable(&document, lang) {
        // Whose sheet it is: the one person's, or the first of several whose own sheet fails.
        let whose = match people {
            [] => None,
            [one] => Some(*one),
            _ => people.iter().copied().find(|id| {
                matches!(document_for(service, printout, std::slice::from_ref(id), lang), Err(super::ServiceError::Unprintable { .. }))
            }),
        };
        let named =
            whose.and_then(|id| service.read().official(id).ok().flatten()).map(|o| format!("{}\u{FF08}{}\u{FF09}", o.name, o.staff_no));
        return Err(super::ServiceError::Unprintable { whose: named.unwrap_or(text), ch });
    }
    Ok(document)
}

fn make(service: &Service, printout: &Printout, lang: Lang) -> super::Result<Option<Document>> {
    Ok(Some(match printout {
        Printout::DutyStatements { scope } => duty_statements(service, *scope, lang)?,
        Printout::PostStandards { scope, year } => post_standards(service, *scope, *year, lang)?,
        Printout::SeatStatements { scope, year } => seat_statements(service, *scope, *year, lang)?,
        Printout::CapabilityReports { round, scope } => capability_reports(service, *round, *scope, lang)?,
        Printout::RoundSummary { round, unit } => round_summary(service, *round, *unit, lang)?,
        Printout::SignIn { session } => sign_in(service, *session, lang)?,
        Printout::TrainingFile { official, year } => training_file(service, *official, *year, lang)?,
        Printout::TrainingCompliance { year, unit } => training_compliance(service, *year, *unit, lang)?,
        Printout::ProgrammeReport { year, date } => return Ok(programme_report(service, *year, *date, lang)?),
        Printout::YearEndSheets(sheets) => yearend_sheets(service, sheets.year, sheets.scope, &sheets.staff, lang)?,
        Printout::YearEndBlank { .. } => yearend_blank(service, lang)?,
        Printout::YearEndSummary { year } => yearend_summary(service, *year, lang)?,
        Printout::GradeRoster { year, unit } => grade_roster(service, *year, *unit, lang)?,
        Printout::AppointmentForms { scope, staff } => appointment_forms(service, *scope, staff, lang)?,
        Printout::RoutineForms { period, scope, staff } => routine_forms(service, *period, *scope, staff, lang)?,
        Printout::RoutineSummary { period, unit } => routine_summary(service, *period, *unit, lang)?,
        Printout::RoutineYear { official, year } => routine_year(service, *official, *year, lang)?,
        Printout::QuotaAllocation { year } => quota_allocation(service, *year, lang)?,
        Printout::Publicity { year } => return publicity(service, *year, lang),
        Printout::GradeConsequences { year, unit } => grade_consequences(service, *year, *unit, lang)?,
    }))
}

/// What reading `printout` needs: a scope's sheets are its unit's or its official's, the whole
/// bureau's sheets the administrators'; summaries, sign-in sheets and the programme report are
/// for administrators and reviewers; the year-end forms, narrowed person by person, and blank
/// forms for everyone logged in.
pub fn sight(service: &Service, printout: &Printout) -> super::Result<Sight> {
    let db = service.read();
    let scope_sight = |scope: Scope| -> super::Result<Sight> {
        Ok(match scope {
            Scope::All => Sight::Bureau,
            Scope::Unit(unit) => Sight::Unit(unit),
            Scope::Official(official) => Sight::Official { official, unit: super::existing_official(&db, official)?.unit },
            Scope::Post(post) => Sight::Unit(super::existing_post(&db, post)?.unit),
        })
    };
    let unit_sight = |unit: Option<UnitId>| unit.map_or(Sight::Overview, Sight::Unit);
    Ok(match printout {
        Printout::DutyStatements { scope }
        | Printout::PostStandards { scope, .. }
        | Printout::SeatStatements { scope, .. }
        | Printout::CapabilityReports { scope, .. } => scope_sight(*scope)?,
        Printout::TrainingFile { official, .. } => scope_sight(Scope::Official(*official))?,
        Printout::RoundSummary { unit, .. } | Printout::TrainingCompliance { unit, .. } | Printout::GradeRoster { unit, .. } => {
            unit_sight(*unit)
        }
        Printout::SignIn { .. } | Printout::ProgrammeReport { .. } | Printout::YearEndSummary { .. } | Printout::QuotaAllocation { .. } => {
            Sight::Overview
        }
        Printout::YearEndSheets(_) | Printout::YearEndBlank { .. } => Sight::Anyone,
        // Named people are narrowed person by person, as the year-end forms are.
        Printout::AppointmentForms { scope, staff } if staff.is_empty() => scope_sight(*scope)?,
        Printout::AppointmentForms { .. } => Sight::Anyone,
        Printout::RoutineForms { scope, staff, .. } if staff.is_empty() => scope_sight(*scope)?,
        Printout::RoutineForms { .. } => Sight::Anyone,
        Printout::RoutineSummary { unit, .. } => unit_sight(*unit),
        Printout::RoutineYear { official, .. } => scope_sight(Scope::Official(*official))?,
        // A notice is published to everyone; what the grades bring is the committee's list.
        Printout::Publicity { .. } => Sight::Anyone,
        Printout::GradeConsequences { unit, .. } => unit_sight(*unit),
    })
}

/// Why [`document`] made nothing: the year has no 公示, or no programme.
pub fn nothing_made(printout: &Printout, lang: Lang) -> String {
    match printout {
        Printout::Publicity { year } => crate::i18n::fill(crate::i18n::tr(lang, "publicity.none"), &[&year.to_string()]),
        _ => crate::i18n::tr(lang, "home.no_programme").to_owned(),
    }
}

/// The year of a year-end printout (forms, grade roster, summary) when that year has no
/// year-end record at all, so the edges can warn before printing it.
pub fn empty_year(service: &Service, printout: &Printout) -> Result<Option<i32>> {
    let year = match printout {
        Printout::YearEndSheets(sheets) => sheets.year,
        Printout::GradeRoster { year, .. } | Printout::YearEndSummary { year } | Printout::GradeConsequences { year, .. } => *year,
        _ => return Ok(None),
    };
    Ok((!service.read().has_yearends(year)?).then_some(year))
}

/// The file name (without `.pdf`) a save dialog suggests for `printout`: what it is, its year,
/// and for one person's printout their staff number and name; `None` where the document's
/// title says it best.
pub fn file_name(service: &Service, printout: &Printout, lang: Lang) -> Option<String> {
    use crate::i18n::tr;
    let one = |official: Option<OfficialId>, staff: Option<&str>| -> Option<String> {
        let officials = service.read().officials().ok()?;
        let o = officials.iter().find(|o| Some(o.id) == official || Some(o.staff_no.as_str()) == staff)?;
        Some(format!("{}-{}", o.staff_no, o.name))
    };
    let (what, year, whose) = match printout {
        Printout::YearEndSheets(sheets) => {
            let whose = match (sheets.scope, sheets.staff.as_slice()) {
                (Scope::Official(id), _) => one(Some(id), None),
                (_, [staff]) => one(None, Some(staff)),
                _ => None,
            };
            (tr(lang, "sheet.title"), Some(sheets.year), whose)
        }
        Printout::TrainingFile { official, year } => (tr(lang, "print.training_file"), Some(*year), one(Some(*official), None)),
        Printout::AppointmentForms { scope, staff } => {
            let whose = match (scope, staff.as_slice()) {
                (Scope::Official(id), _) => one(Some(*id), None),
                (_, [staff]) => one(None, Some(staff)),
                _ => None,
            };
            (tr(lang, "cadre.title"), None, whose)
        }
        Printout::RoutineYear { official, year } => (tr(lang, "routine.year_title"), Some(*year), one(Some(*official), None)),
        Printout::SeatStatements { scope: Scope::Official(id), year } => {
            (tr(lang, "print.seat_statement"), Some(*year), one(Some(*id), None))
        }
        Printout::CapabilityReports { scope: Scope::Official(id), .. } => (tr(lang, "print.capability_report"), None, one(Some(*id), None)),
        _ => return None,
    };
    let name = [Some(what.to_owned()), year.map(|y| y.to_string()), whose].into_iter().flatten().collect::<Vec<_>>().join("-");
    Some(crate::files::safe_file_name(&name))
}

/// What the programme's figures are measured from, read from the store for a year.
pub struct ProgrammeFacts {
    pub units: Vec<crate::domain::org::Unit>,
    pub posts: Vec<Post>,
    pub standards: std::collections::HashMap<PostId, crate::domain::standards::PostStandard>,
    pub seats: std::collections::HashMap<OfficialId, crate::domain::standards::SeatStatement>,
    pub people: Vec<crate::domain::programme::Person>,
    pub handed_in: std::collections::HashSet<OfficialId>,
    pub planned: std::collections::HashSet<OfficialId>,
    pub trained: std::collections::HashSet<OfficialId>,
}

impl ProgrammeFacts {
    pub fn read(service: &Service, year: i32) -> Result<ProgrammeFacts> {
        let db = service.read();
        Ok(ProgrammeFacts {
            units: db.units()?,
            posts: db.posts()?,
            standards: db.standards(year)?.into_iter().map(|s| (s.post, s)).collect(),
            seats: db.seat_statements(year)?.into_iter().map(|s| (s.official, s)).collect(),
            people: db.roster_rows()?.iter().map(crate::domain::programme::Person::from).collect(),
            handed_in: db.handed_in(year)?,
            planned: db.planned(year)?,
            trained: db.trained(year)?,
        })
    }

    pub fn facts(&self) -> crate::domain::programme::Facts<'_> {
        crate::domain::programme::Facts {
            units: &self.units,
            posts: &self.posts,
            standards: &self.standards,
            people: &self.people,
            seats: &self.seats,
            handed_in: &self.handed_in,
            planned: &self.planned,
            trained: &self.trained,
        }
    }
}

/// The programme report of `year` as things stand on `date`; `None` when the year has none.
pub fn programme_report(service: &Service, year: i32, date: chrono::NaiveDate, lang: Lang) -> Result<Option<Document>> {
    use crate::domain::programme::{figures, unit_completion};
    let Some(programme) = service.read().programme(year)? else { return Ok(None) };
    let data = ProgrammeFacts::read(service, year)?;
    let facts = data.facts();
    let figures = figures(&facts);
    let completion = unit_completion(&facts);
    Ok(Some(model::programme_report(lang, &bureau_name(service)?, &programme, date, &figures, &completion, &data.units)))
}

/// The unit a person names on the command line, by name or path.
pub fn find_unit(service: &Service, name: &str) -> Result<Option<UnitId>> {
    let units = service.read().units()?;
    let name = name.trim();
    Ok(units.iter().find(|u| u.name == name || unit_path(&units, u.id) == name).map(|u| u.id))
}

/// Active posts in tree order within `scope`.
fn posts_in(service: &Service, scope: Scope) -> Result<Vec<Post>> {
    let db = service.read();
    let units = db.units()?;
    let posts = db.posts()?;
    let allowed: Option<Vec<UnitId>> = match scope {
        Scope::Unit(unit) => Some(subtree(&units, unit)),
        _ => None,
    };
    Ok(tree_order(&units)
        .into_iter()
        .filter(|(_, u)| allowed.as_ref().is_none_or(|a| a.contains(&u.id)))
        .flat_map(|(_, u)| posts.iter().filter(move |p| p.unit == u.id && !p.retired))
        .filter(|p| !matches!(scope, Scope::Post(id) if id != p.id))
        .cloned()
        .collect())
}

fn bureau_name(service: &Service) -> Result<String> {
    Ok(service.read().bureau()?.map(|b| b.name).unwrap_or_default())
}

pub fn duty_statements(service: &Service, scope: Scope, lang: Lang) -> Result<Document> {
    let db = service.read();
    let posts = posts_in(service, scope)?;
    let chosen: Vec<&Post> = posts.iter().collect();
    Ok(model::duty_statements(lang, &bureau_name(service)?, &db.catalogue()?, &db.units()?, &chosen))
}

/// The posts' standards of `year` (posts without one are left out).
pub fn post_standards(service: &Service, scope: Scope, year: i32, lang: Lang) -> Result<Document> {
    let db = service.read();
    let posts = posts_in(service, scope)?;
    let standards: std::collections::HashMap<PostId, _> = db.standards(year)?.into_iter().map(|s| (s.post, s.data)).collect();
    let chosen: Vec<(&Post, &_)> = posts.iter().filter_map(|p| standards.get(&p.id).map(|s| (p, s))).collect();
    Ok(model::post_standards(lang, &bureau_name(service)?, year, &db.catalogue()?, &db.units()?, &chosen))
}

/// The 能力席位書 of serving officials in `scope` for `year`; an official without one gets
/// the draft their post's standard gives, to fill in by hand.
pub fn seat_statements(service: &Service, scope: Scope, year: i32, lang: Lang) -> Result<Document> {
    seat_statements_of(service, year, &seat_people(service, scope)?, lang)
}

/// Whose 能力席位書 a print of `scope` covers: the serving officials, by unit in the tree's
/// order and then by staff number.
fn seat_people(service: &Service, scope: Scope) -> Result<Vec<crate::domain::official::Official>> {
    let db = service.read();
    let units = db.units()?;
    let allowed: Option<Vec<UnitId>> = match scope {
        Scope::Unit(unit) => Some(subtree(&units, unit)),
        _ => None,
    };
    let order: std::collections::HashMap<UnitId, usize> = tree_order(&units).into_iter().enumerate().map(|(i, (_, u))| (u.id, i)).collect();
    let mut officials: Vec<_> = db
        .officials()?
        .into_iter()
        .filter(|o| o.status == OfficialStatus::Active)
        .filter(|o| allowed.as_ref().is_none_or(|a| a.contains(&o.unit)))
        .filter(|o| !matches!(scope, Scope::Official(id) if id != o.id))
        .filter(|o| !matches!(scope, Scope::Post(id) if Some(id) != o.post))
        .collect();
    officials.sort_by_key(|o| (order.get(&o.unit).copied().unwrap_or(usize::MAX), o.staff_no.clone()));
    Ok(officials)
}

/// Fewer officials than this are read one by one; more, each table at once.
const FEW: usize = 100;

/// The 能力席位書 of `year` for these officials, in this order.
fn seat_statements_of(service: &Service, year: i32, officials: &[crate::domain::official::Official], lang: Lang) -> Result<Document> {
    let db = service.read();
    let units = db.units()?;
    let posts = db.posts()?;
    let scale = db.scale()?;
    let mut standards: std::collections::HashMap<PostId, _> = std::collections::HashMap::new();
    let mut seats: std::collections::HashMap<OfficialId, SeatData> = std::collections::HashMap::new();
    if officials.len() < FEW {
        for o in officials {
            if let Some(post) = o.post
                && !standards.contains_key(&post)
                && let Some(standard) = db.standard(post, year)?
            {
                standards.insert(post, standard.data);
            }
            if let Some(seat) = db.seat_statement(o.id, year)? {
                seats.insert(o.id, seat.data);
            }
        }
    } else {
        standards = db.standards(year)?.into_iter().map(|s| (s.post, s.data)).collect();
        seats = db.seat_statements(year)?.into_iter().map(|s| (s.official, s.data)).collect();
    }
    let drafts: Vec<SeatData> = officials
        .iter()
        .map(|o| {
            seats.remove(&o.id).unwrap_or_else(|| {
                let post = o.post.and_then(|p| posts.iter().find(|x| x.id == p));
                SeatData::draft(o.post, o.tier, post.map(|p| p.tier), o.post.and_then(|p| standards.get(&p)), &scale)
            })
        })
        .collect();
    let sheets: Vec<SeatSheet<'_>> = officials
        .iter()
        .zip(&drafts)
        .map(|(o, seat)| SeatSheet {
            name: &o.name,
            staff_no: &o.staff_no,
            unit: unit_path(&units, o.unit),
            post: o.post.and_then(|p| posts.iter().find(|x| x.id == p)).map_or("", |p| p.title.as_str()),
            tier: o.tier,
            position_title: &o.position_title,
            seat,
        })
        .collect();
    Ok(model::seat_statements(lang, &bureau_name(service)?, year, &db.catalogue()?, &scale, &sheets))
}

/// The round a year's capability reports come from: the newest round of that year.
pub fn round_of_year(service: &Service, year: i32) -> Result<Option<i64>> {
    Ok(service.read().rounds()?.into_iter().find(|r| r.data.year == year).map(|r| r.id))
}

/// Each official's capability report for a round (radar, gap table, plan), for `scope`:
/// one official, a unit with its sub-units, or every participant the account may see.
pub fn capability_reports(service: &Service, round: i64, scope: Scope, lang: Lang) -> super::Result<Document> {
    capability_reports_of(service, round, &capability_people(service, round, scope)?, lang)
}

/// Whom a round's capability reports of `scope` cover, in print order.
fn capability_people(service: &Service, round: i64, scope: Scope) -> super::Result<Vec<OfficialId>> {
    Ok(match scope {
        Scope::Official(id) => vec![id],
        Scope::Unit(unit) => {
            let below = subtree(&service.read().units()?, unit);
            service.round_rows(round)?.into_iter().filter(|r| below.contains(&r.unit)).map(|r| r.official).collect()
        }
        Scope::All | Scope::Post(_) => service.round_rows(round)?.into_iter().map(|r| r.official).collect(),
    })
}

/// The capability reports of a round for these officials, in this order.
fn capability_reports_of(service: &Service, round: i64, officials: &[OfficialId], lang: Lang) -> super::Result<Document> {
    let db = service.read();
    let units = db.units()?;
    let posts = db.posts()?;
    let mut sheets = Vec::with_capacity(officials.len());
    for official in officials {
        let detail = service.check_detail(round, *official)?;
        let post = detail.official.post.and_then(|p| posts.iter().find(|x| x.id == p)).map_or(String::new(), |p| p.title.clone());
        sheets.push(model::CapabilitySheet { unit: unit_path(&units, detail.official.unit), post, detail });
    }
    Ok(model::capability_reports(lang, &bureau_name(service)?, &db.catalogue()?, &sheets))
}

/// A round's summary for a unit (with its sub-units) or the bureau: completion, averages by
/// tier, the heatmap of gaps, and the reminder list of those not yet done.
pub fn round_summary(service: &Service, round: i64, unit: Option<UnitId>, lang: Lang) -> super::Result<Document> {
    let db = service.read();
    let units = db.units()?;
    let the_round = db.round(round)?.ok_or(crate::store::StoreError::NotFound)?;
    let result = service.round_analysis(round, unit)?;
    let rows = db.roster_rows()?;
    let people: std::collections::HashMap<OfficialId, (String, String, String)> =
        rows.into_iter().map(|r| (r.id, (r.name, r.staff_no, unit_path(&units, r.unit)))).collect();
    let scope = unit.map_or_else(|| crate::i18n::tr(lang, "selfcheck.whole_bureau").to_owned(), |u| unit_path(&units, u));
    let unit_plan = match unit {
        Some(unit) => Some(db.plan_items(crate::domain::plans::PlanOwner::Unit(unit), the_round.data.year)?),
        None => None,
    };
    let bureau = bureau_name(service)?;
    let summary = model::RoundSummary {
        bureau: &bureau,
        round: &the_round.data.name,
        scope: &scope,
        analysis: &result.analysis,
        people: &people,
        unit_plan: unit_plan.as_deref(),
    };
    Ok(model::round_summary(lang, &db.catalogue()?, &summary))
}

/// A session's sign-in sheet (簽到表): who it expects, with room to sign.
pub fn sign_in(service: &Service, session: i64, lang: Lang) -> super::Result<Document> {
    let db = service.read();
    let the_session = db.session(session)?.ok_or(crate::store::StoreError::NotFound)?;
    let kind =
        db.training_kinds()?.into_iter().find(|k| k.code == the_session.data.kind).map_or(String::new(), |k| k.name.get(lang).to_owned());
    let expected = service.expected(session)?;
    Ok(model::sign_in(lang, &bureau_name(service)?, &the_session, &kind, &expected))
}

/// An official's training file (培訓檔案) for a year, with totals and quota standings.
pub fn training_file(service: &Service, official: OfficialId, year: i32, lang: Lang) -> super::Result<Document> {
    let db = service.read();
    let file = service.training_file(official, year)?;
    let units = db.units()?;
    let kinds = db.training_kinds()?;
    Ok(model::training_file(lang, &bureau_name(service)?, &unit_path(&units, file.official.unit), &kinds, &file))
}

/// Compliance with the quotas in a year for a unit (with its sub-units) or the bureau: the
/// summary per rule and everyone behind, with what they have done and what is required.
pub fn training_compliance(service: &Service, year: i32, unit: Option<UnitId>, lang: Lang) -> super::Result<Document> {
    let db = service.read();
    let compliance = service.compliance(year, unit)?;
    let units = db.units()?;
    let people: std::collections::HashMap<OfficialId, (String, String, String)> =
        db.roster_rows()?.into_iter().map(|r| (r.id, (r.name, r.staff_no, unit_path(&units, r.unit)))).collect();
    let scope = unit.map_or_else(|| crate::i18n::tr(lang, "selfcheck.whole_bureau").to_owned(), |u| unit_path(&units, u));
    Ok(model::training_compliance(lang, &bureau_name(service)?, &scope, &compliance, &people))
}

/// The 公務員年度考核登記表 of a year, read from the store once: each sheet's data with the
/// official's staff number. A long print lays the sheets out one at a time
/// ([`YearEndBatch::documents`]), so only this data, not the pages, is held for all of them.
pub struct YearEndBatch {
    bureau: String,
    lang: Lang,
    staff: Vec<String>,
    sheets: Vec<model::YearEndSheet>,
}

/// Whose 公務員年度考核登記表 a print of `scope` (or of the listed staff numbers) covers: the
/// serving officials the account may see, by staff number; and whether they were few enough to
/// be read by id (one person, or a list) rather than the whole roster at once.
fn yearend_people(
    service: &Service,
    units: &[crate::domain::org::Unit],
    scope: Scope,
    staff: &[String],
) -> super::Result<(Vec<crate::domain::official::Official>, bool)> {
    let db = service.read();
    let allowed: Option<std::collections::HashSet<UnitId>> = match scope {
        Scope::Unit(unit) => Some(subtree(units, unit).into_iter().collect()),
        _ => None,
    };
    // A print for one person or a few named ones reads only theirs; a unit's or the bureau's
    // reads each table once.
    let (people, few) = match scope {
        Scope::Official(id) => (db.official(id)?.into_iter().collect::<Vec<_>>(), true),
        _ if !staff.is_empty() => (db.officials_with_staff_no(staff)?, true),
        _ => (db.officials()?, false),
    };
    let wanted: std::collections::HashSet<&str> = staff.iter().map(String::as_str).collect();
    let chosen = |o: &crate::domain::official::Official| {
        o.status == OfficialStatus::Active
            && allowed.as_ref().is_none_or(|a| a.contains(&o.unit))
            && !matches!(scope, Scope::Official(id) if id != o.id)
            && (wanted.is_empty() || wanted.contains(o.staff_no.as_str()))
            && service.access().may_see(o.id, o.unit)
    };
    Ok((people.into_iter().filter(|o| chosen(o)).collect(), few))
}

impl YearEndBatch {
    /// The sheets of `year` for the serving officials of `scope` the actor may see (or those
    /// whose staff numbers are listed), in roster order; an official without a record gets their
    /// personal rows on an otherwise blank form.
    pub fn read(service: &Service, year: i32, scope: Scope, staff: &[String], lang: Lang) -> super::Result<YearEndBatch> {
        service.require_read(Sight::Anyone)?;
        let units = service.read().units()?;
        let (people, few) = yearend_people(service, &units, scope, staff)?;
        YearEndBatch::of(service, year, people, few, lang)
    }

    /// The sheets of `year` for these officials (chosen by [`yearend_people`] or a part of
    /// them), in this order; `few`: read person by person rather than each table at once.
    fn of(
        service: &Service,
        year: i32,
        people: Vec<crate::domain::official::Official>,
        few: bool,
        lang: Lang,
    ) -> super::Result<YearEndBatch> {
        let db = service.read();
        let units = db.units()?;
        let posts: std::collections::HashMap<PostId, Post> = db.posts()?.into_iter().map(|p| (p.id, p)).collect();
        let catalogue = db.catalogue()?;
        let round = round_of_year(service, year)?;
        let mut levels_of: std::collections::HashMap<OfficialId, crate::store::CheckLevels> = std::collections::HashMap::new();
        let mut records: std::collections::HashMap<OfficialId, _> = std::collections::HashMap::new();
        let mut tallies: std::collections::HashMap<OfficialId, Vec<crate::domain::training::Tally>> = std::collections::HashMap::new();
        if few {
            for o in &people {
                if let Some(round) = round
                    && let Some(levels) = db.check_levels_of(round, o.id)?
                {
                    levels_of.insert(o.id, levels);
                }
                if let Some(record) = db.yearend(o.id, year)? {
                    records.insert(o.id, record.data);
                }
                tallies.insert(o.id, db.tallies_of(o.id, year, year)?);
            }
        } else {
            if let Some(round) = round {
                levels_of = db.round_levels(round)?.into_iter().map(|c| (c.official, c)).collect();
            }
            records = db.yearends(year)?.into_iter().map(|r| (r.official, r.data)).collect();
            db.tallies_into(year, year, None, &mut tallies)?;
        }
        let ids: Option<Vec<OfficialId>> = few.then(|| people.iter().map(|o| o.id).collect());
        let (mut routine, mut special) = year_lines(service, year, lang, ids.as_deref())?;
        let mut verdicts = if few { service.verdicts_of(year, &people)? } else { service.verdicts(year)? };
        let mut batch = YearEndBatch { bureau: bureau_name(service)?, lang, staff: Vec::new(), sheets: Vec::new() };
        for o in people {
            let post = o.post.and_then(|p| posts.get(&p)).map_or("", |p| p.title.as_str());
            let assessed = levels_of.get(&o.id);
            let hours: f32 = tallies.get(&o.id).map_or(0.0, |t| t.iter().map(|t| t.hours).sum());
            batch.sheets.push(model::YearEndSheet {
                year: Some(year),
                name: o.name.clone(),
                staff_no: o.staff_no.clone(),
                gender: crate::i18n::gender(lang, o.gender).to_owned(),
                birth: o.birth.to_string(),
                political: o.political.clone(),
                education: o.education.clone(),
                post_since: o.post_since.map(|s| s.month().to_string()).unwrap_or_default(),
                unit: unit_path(&units, o.unit),
                post: post.to_owned(),
                // 職務(職級): the post as written, then the 2019 rank.
                position: match o.rank {
                    Some(rank) if o.position_title.is_empty() => crate::i18n::rank(lang, rank).to_owned(),
                    Some(rank) => format!("{}（{}）", o.position_title, crate::i18n::rank(lang, rank)),
                    None => o.position_title.clone(),
                },
                record: Some(with_reason(records.remove(&o.id).unwrap_or_default(), verdicts.remove(&o.id), lang)),
                levels: catalogue
                    .capabilities
                    .iter()
                    .map(|c| {
                        let i = usize::from(c.position - 1);
                        (c.name.get(lang).to_owned(), assessed.and_then(|a| a.supervisor[i].or(a.own[i])))
                    })
                    .collect(),
                training_hours: Some(hours + 0.0),
                routine: routine.remove(&o.id).unwrap_or_default(),
                special: special.remove(&o.id).unwrap_or_default(),
            });
            let sheet = batch.sheets.last().map(|s| model::yearend_sheets(lang, "", std::slice::from_ref(s)));
            if let Some(ch) = sheet.and_then(|d| crate::report::unprintable(&d, lang)).map(|(ch, _)| ch) {
                return Err(super::ServiceError::Unprintable { whose: format!("{}\u{FF08}{}\u{FF09}", o.name, o.staff_no), ch });
            }
            batch.staff.push(o.staff_no.clone());
        }
        Ok(batch)
    }

    pub fn len(&self) -> usize {
        self.sheets.len()
    }

    /// The language the sheets print in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn is_empty(&self) -> bool {
        self.sheets.is_empty()
    }

    /// The printout's title.
    pub fn title(&self) -> String {
        model::yearend_sheets(self.lang, &self.bureau, &[]).title
    }

    /// Every sheet in one document (a preview, a short print).
    pub fn document(&self) -> Document {
        model::yearend_sheets(self.lang, &self.bureau, &self.sheets)
    }

    /// One document per sheet, made as they are asked for.
    pub fn documents(&self) -> impl Iterator<Item = Document> + '_ {
        self.sheets.iter().map(|sheet| model::yearend_sheets(self.lang, &self.bureau, std::slice::from_ref(sheet)))
    }

    /// [`YearEndBatch::documents`] named by each official's staff number and name (one file each).
    pub fn named_documents(&self) -> impl Iterator<Item = (String, Document)> + '_ {
        self.staff.iter().zip(&self.sheets).map(|(staff, sheet)| format!("{staff}-{}", sheet.name)).zip(self.documents())
    }
}

/// The 干部任免審批表 of one official, of the serving officials of a unit (with its sub-units) or
/// the bureau, or of those whose staff numbers are listed (each must exist), as the account may
/// see them; ages are counted to today unless a record gives its 計算年齡時間.
pub fn appointment_forms(service: &Service, scope: Scope, staff: &[String], lang: Lang) -> super::Result<Document> {
    let ids = match scope {
        Scope::Official(id) => vec![id],
        Scope::Unit(_) => super::cadre::chosen_officials(service, staff, Some(scope))?,
        Scope::All => super::cadre::chosen_officials(service, staff, None)?,
        Scope::Post(post) => {
            let officials = service.read().officials()?;
            officials.iter().filter(|o| o.post == Some(post) && o.status == OfficialStatus::Active).map(|o| o.id).collect()
        }
    };
    let today = chrono::Local::now().date_naive();
    let sheets = super::cadre::appointment_sheets(service, &ids, today, lang)?;
    Ok(model::appointment_forms(lang, &bureau_name(service)?, &sheets))
}

/// The 公務員年度考核登記表 of `year` in one document (see [`YearEndBatch::read`]).
/// A record whose 未確定等次或不參加考核情況說明 is blank takes the eligibility rules' reasons.
fn with_reason(
    mut record: crate::domain::yearend::YearEndData,
    verdict: Option<crate::domain::eligibility::Verdict>,
    lang: Lang,
) -> crate::domain::yearend::YearEndData {
    if record.undetermined.trim().is_empty()
        && let Some(verdict) = verdict
    {
        record.undetermined = crate::i18n::findings(lang, &verdict.findings);
    }
    record
}

pub fn yearend_sheets(service: &Service, year: i32, scope: Scope, staff: &[String], lang: Lang) -> super::Result<Document> {
    Ok(YearEndBatch::read(service, year, scope, staff, lang)?.document())
}

/// A blank 公務員年度考核登記表 for filling in by hand.
pub fn yearend_blank(service: &Service, lang: Lang) -> super::Result<Document> {
    let catalogue = service.read().catalogue()?;
    let sheet = model::YearEndSheet {
        levels: catalogue.capabilities.iter().map(|c| (c.name.get(lang).to_owned(), None)).collect(),
        ..Default::default()
    };
    Ok(model::yearend_sheets(lang, &bureau_name(service)?, &[sheet]))
}

/// The bureau's year-end summary of `year`: each unit directly under the bureau (with its
/// sub-units) and the bureau — grades and the 優秀 quota, the year's round's capability levels
/// and gaps, training compliance — and each unit's 檢查驗收. Only what the account may see counts.
pub fn yearend_summary(service: &Service, year: i32, lang: Lang) -> super::Result<Document> {
    use crate::domain::yearend::{YearPerson, summarise};
    let db = service.read();
    let units = db.units()?;
    let order = tree_order(&units);
    let root = order.first().map(|(_, u)| u.id);
    // The units directly under the bureau, and the bureau itself for those placed at its top.
    let groups: Vec<UnitId> = order.iter().filter(|(depth, u)| *depth == 1 && !u.retired).map(|(_, u)| u.id).chain(root).collect();
    let round = round_of_year(service, year)?;
    let (levels, gaps) = match round {
        Some(round) => {
            let levels: std::collections::HashMap<OfficialId, crate::domain::selfcheck::Levels> =
                db.round_levels(round)?.into_iter().map(|c| (c.official, std::array::from_fn(|i| c.supervisor[i].or(c.own[i])))).collect();
            let gaps: std::collections::HashMap<OfficialId, u32> =
                service.round_analysis(round, None)?.analysis.rows.iter().filter_map(|r| Some((r.official, r.total()?))).collect();
            (levels, gaps)
        }
        None => Default::default(),
    };
    let trained: std::collections::HashMap<OfficialId, bool> = service
        .compliance(year, None)?
        .people
        .iter()
        .filter(|p| p.standings.iter().any(Option::is_some))
        .map(|p| (p.official, !p.behind()))
        .collect();
    let people: Vec<YearPerson> = service
        .yearend_rows(year)?
        .into_iter()
        .map(|r| YearPerson {
            group: crate::domain::org::top_unit(&units, r.unit),
            grade: r.grade,
            levels: levels.get(&r.official).copied().filter(|l| l.iter().any(Option::is_some)),
            gap: gaps.get(&r.official).copied(),
            trained: trained.get(&r.official).copied(),
        })
        .collect();
    let (figures, total) = summarise(&people, &groups, &db.excellent_rules()?.share(None));
    let reviews: std::collections::HashMap<UnitId, _> = db.unit_reviews(year)?.into_iter().collect();
    let lines: Vec<model::SummaryLine<'_>> = groups
        .iter()
        .zip(figures)
        .filter(|(unit, figures)| figures.people > 0 || reviews.contains_key(unit))
        .map(|(unit, figures)| model::SummaryLine {
            name: units.iter().find(|u| u.id == *unit).map_or_else(String::new, |u| u.name.clone()),
            figures,
            review: reviews.get(unit),
        })
        .collect();
    let capabilities: Vec<String> = db.catalogue()?.capabilities.iter().map(|c| c.name.get(lang).to_owned()).collect();
    Ok(model::yearend_summary(lang, &bureau_name(service)?, year, &capabilities, &lines, &total))
}

/// A year's list's scope: the units it covers (`None`: the whole bureau) and its name as printed.
fn list_scope(units: &[crate::domain::org::Unit], unit: Option<UnitId>, lang: Lang) -> (Option<Vec<UnitId>>, String) {
    let name = unit.map_or_else(|| crate::i18n::tr(lang, "selfcheck.whole_bureau").to_owned(), |u| unit_path(units, u));
    (unit.map(|u| subtree(units, u)), name)
}

/// The grade roster (花名冊) of `year` for a unit (with its sub-units) or the bureau.
pub fn grade_roster(service: &Service, year: i32, unit: Option<UnitId>, lang: Lang) -> super::Result<Document> {
    let db = service.read();
    let units = db.units()?;
    let (scope_units, scope) = list_scope(&units, unit, lang);
    let rows: Vec<_> = service
        .yearend_rows(year)?
        .into_iter()
        .filter(|r| scope_units.as_ref().is_none_or(|s| s.contains(&r.unit)))
        .map(|r| (r.name, r.staff_no, unit_path(&units, r.unit), r.grade))
        .collect();
    let quota = service.excellent_quota(year, unit)?;
    Ok(model::grade_roster(lang, &bureau_name(service)?, year, &scope, &rows, quota))
}

/// The year's 優秀 名額分配表, with how the quota is counted.
pub fn quota_allocation(service: &Service, year: i32, lang: Lang) -> super::Result<Document> {
    let rules = service.read().excellent_rules()?;
    let how = crate::i18n::fill(
        crate::i18n::tr(lang, "quota.how"),
        &[
            crate::i18n::tr(lang, &format!("quota.base.{}", rules.base.code())),
            crate::i18n::tr(lang, &format!("routine.rounding.{}", rules.rounding.code())),
            &rules.minimum.to_string(),
        ],
    );
    Ok(model::quota_allocation(lang, &bureau_name(service)?, year, &how, &service.quota_pools(year)?))
}

/// The year's 公示 (none when no notice is saved): its candidates with their unit and post.
pub fn publicity(service: &Service, year: i32, lang: Lang) -> super::Result<Option<Document>> {
    let Some(notice) = service.publicity(year)? else { return Ok(None) };
    let db = service.read();
    let units = db.units()?;
    let mut candidates = Vec::new();
    for official in &notice.candidates {
        if let Some(o) = db.official(*official)? {
            let unit = units.iter().find(|u| u.id == o.unit).map_or_else(String::new, |u| u.name.clone());
            candidates.push((o.name.clone(), unit, o.position_title.clone()));
        }
    }
    let calendar = service.calendar(year)?;
    let working_days = match (notice.start, notice.end) {
        (Some(start), Some(end)) => calendar.working_days_after(start, end),
        _ => 0,
    };
    Ok(Some(model::publicity(lang, &bureau_name(service)?, year, &notice, &candidates, working_days)))
}

/// The year's 結果運用 list for a unit (with its sub-units) or the bureau.
pub fn grade_consequences(service: &Service, year: i32, unit: Option<UnitId>, lang: Lang) -> super::Result<Document> {
    let db = service.read();
    let units = db.units()?;
    let (scope_units, scope) = list_scope(&units, unit, lang);
    let lines: Vec<_> = service
        .consequence_rows(year)?
        .into_iter()
        .filter(|r| scope_units.as_ref().is_none_or(|s| s.contains(&r.unit)))
        .map(|r| (r.staff_no, r.name, unit_path(&units, r.unit), r.consequences))
        .collect();
    Ok(model::grade_consequences(lang, &bureau_name(service)?, year, &scope, &lines))
}

/// A line of text per official.
type Lines = std::collections::HashMap<OfficialId, String>;

/// Each official's 平時 results of `year` in period order (`好、較好、一般、—`, a dash where
/// unrated) and their 專項考核 (`七月防汛值守 好`), short enough for one line of the year-end
/// form's own rows.
fn year_lines(service: &Service, year: i32, lang: Lang, few: Option<&[OfficialId]>) -> Result<(Lines, Lines)> {
    use chrono::Datelike;
    let db = service.read();
    let periods: Vec<i64> = db.routine_periods()?.into_iter().filter(|p| p.period.year == year).map(|p| p.id).collect();
    let mut results: std::collections::HashMap<OfficialId, Vec<Option<crate::domain::routine::Rating>>> = std::collections::HashMap::new();
    let rows = match few {
        Some(few) => {
            let mut rows = Vec::new();
            for official in few {
                rows.extend(db.routine_results_of(*official, year)?);
            }
            rows
        }
        None => db.routine_results(year)?,
    };
    for (official, period, result) in rows {
        if let Some(i) = periods.iter().position(|p| *p == period) {
            results.entry(official).or_insert_with(|| vec![None; periods.len()])[i] = result;
        }
    }
    let (list, sep) = if lang == Lang::En { (", ", "; ") } else { ("\u{3001}", "\u{FF1B}") };
    let routine = results
        .into_iter()
        .map(|(official, list_of)| {
            let line: Vec<&str> = list_of.iter().map(|r| r.map_or("\u{2014}", |r| crate::i18n::rating(lang, r))).collect();
            (official, line.join(list))
        })
        .collect();
    let mut special: std::collections::HashMap<OfficialId, Vec<String>> = std::collections::HashMap::new();
    for event in db.special_events()?.into_iter().filter(|e| e.date.year() == year) {
        for r in &event.results {
            let result = r.result.map_or("", |x| crate::i18n::rating(lang, x));
            special.entry(r.official).or_default().push(format!("{} {result}", event.task).trim_end().to_owned());
        }
    }
    Ok((routine, special.into_iter().map(|(o, lines)| (o, lines.join(sep))).collect()))
}

/// The unit's path and the post, as the 平時 and year-end forms name them.
fn unit_and_post(units: &[crate::domain::org::Unit], posts: &[Post], official: &crate::domain::official::Official) -> String {
    let post = official.post.and_then(|p| posts.iter().find(|x| x.id == p)).map_or("", |p| p.title.as_str());
    model::unit_post(&unit_path(units, official.unit), post, &official.position_title)
}

/// The 平時考核登記表 of a period: the summary's people (or those with the staff numbers given).
pub fn routine_forms(service: &Service, period: i64, scope: Scope, staff: &[String], lang: Lang) -> super::Result<Document> {
    let unit = match scope {
        Scope::Unit(u) => Some(u),
        _ => None,
    };
    let summary = service.routine_summary(period, unit)?;
    let db = service.read();
    let units = db.units()?;
    let posts = db.posts()?;
    let mut sheets = Vec::new();
    for row in summary.rows.iter().filter(|r| staff.is_empty() || staff.contains(&r.staff_no)) {
        if matches!(scope, Scope::Official(id) if id != row.official) {
            continue;
        }
        let Some(official) = db.official(row.official)? else { continue };
        let record = db.routine_record(period, row.official)?;
        sheets.push(model::RoutineSheet {
            period: summary.period.period,
            name: official.name.clone(),
            staff_no: official.staff_no.clone(),
            unit_post: unit_and_post(&units, &posts, &official),
            stage: record.as_ref().map(|r| r.stage),
            data: record.map(|r| r.data),
        });
    }
    Ok(model::routine_forms(lang, &bureau_name(service)?, &sheets))
}

/// A period's 平時考核結果匯總表 for a unit (with its sub-units) or the bureau.
pub fn routine_summary(service: &Service, period: i64, unit: Option<UnitId>, lang: Lang) -> super::Result<Document> {
    let summary = service.routine_summary(period, unit)?;
    let units = service.read().units()?;
    let scope = unit.map_or_else(|| crate::i18n::tr(lang, "routine.all_units").to_owned(), |u| unit_path(&units, u));
    let rows: Vec<model::RoutineSummaryRow> = summary
        .rows
        .iter()
        .map(|r| model::RoutineSummaryRow {
            staff_no: r.staff_no.clone(),
            name: r.name.clone(),
            unit: r.unit_name.clone(),
            stage: r.stage,
            result: r.result,
        })
        .collect();
    Ok(model::routine_summary(lang, &bureau_name(service)?, &summary.period.period, &scope, &rows, summary.group.as_deref(), summary.quota))
}

/// An official's year of 平時 results with their 專項考核.
pub fn routine_year(service: &Service, official: OfficialId, year: i32, lang: Lang) -> super::Result<Document> {
    let periods: Vec<_> = service.routine_year(official, year)?.into_iter().map(|(p, r)| (p.period, r.map(|r| r.data))).collect();
    let special: Vec<_> = service.special_of(official, year)?.into_iter().map(|(e, result, note)| (e.date, e.task, result, note)).collect();
    let who = service.read().official(official)?.map(|o| format!("{} {}", o.staff_no, o.name)).unwrap_or_default();
    Ok(model::routine_year(lang, &bureau_name(service)?, year, &who, &periods, &special))
}
