//! The import preview: every data row of a sheet as it would be stored, new / changed /
//! unchanged, with each problem on its row and column, checked by the domain's own rules
//! against what the bureau already holds. Building it stores nothing.

use super::Kind;
use super::columns::{letter, locate, parse_gender, parse_status, parse_tier, parse_unit_kind, specs};
use super::read::{Cell, Sheet};
use crate::domain::catalogue::{Catalogue, OfficialStatus, RankTier, UnitKind};
use crate::domain::official::{Official, OfficialContext, OfficialData, OfficialDraft};
use crate::domain::org::{Post, PostData, PostDraft, Unit, unit_path, validate_unit_name};
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::standards::{CAPABILITIES, LEVELS, StandardData};
use crate::domain::{OfficialId, PostId, UnitId};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::collections::HashMap;

/// What a row will do when committed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    New,
    Changed,
    Unchanged,
    /// The row has problems and cannot be stored as it is.
    Refused,
}

/// Where an imported unit goes: under a unit that exists, or under one an earlier row creates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParentRef {
    Existing(UnitId),
    InFile(String),
}

/// A checked row, ready for the service to store.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Official {
        id: Option<OfficialId>,
        data: OfficialData,
    },
    Unit {
        id: Option<UnitId>,
        name: String,
        parent: ParentRef,
        kind: UnitKind,
    },
    Post {
        id: Option<PostId>,
        data: PostData,
    },
    /// One tier's required levels of a post's standard for the programme year.
    StandardRow {
        post: PostId,
        tier: RankTier,
        levels: BTreeMap<u8, u8>,
    },
}

/// One data row of the sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewRow {
    /// The row number in the spreadsheet (the header is row 1).
    pub line: usize,
    /// The row's text in the preview's column order.
    pub cells: Vec<String>,
    pub change: Change,
    pub problems: Vec<FieldProblem>,
    /// Things worth a look that do not stop the row (a name in the other script…).
    pub warnings: Vec<FieldProblem>,
    pub record: Option<Record>,
    /// Whether the user keeps the row for the commit.
    pub selected: bool,
}

/// The whole preview of one sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub kind: Kind,
    pub file: String,
    pub sheet: String,
    /// The recognised columns, in the order `cells` holds them, with their letter in the file.
    pub columns: Vec<(Field, String)>,
    pub rows: Vec<PreviewRow>,
}

/// Counts of a preview's selected rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub refused: usize,
    pub unselected: usize,
}

impl Preview {
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        for row in &self.rows {
            if !row.selected {
                counts.unselected += 1;
                continue;
            }
            match row.change {
                Change::New => counts.new += 1,
                Change::Changed => counts.changed += 1,
                Change::Unchanged => counts.unchanged += 1,
                Change::Refused => counts.refused += 1,
            }
        }
        counts
    }

    /// The records a commit stores: every selected row that brings something new or changed.
    /// `Err` with the selected refused rows' lines when any remain.
    pub fn records(&self) -> Result<Vec<Record>, Vec<usize>> {
        let refused: Vec<usize> = self.rows.iter().filter(|r| r.selected && r.change == Change::Refused).map(|r| r.line).collect();
        if !refused.is_empty() {
            return Err(refused);
        }
        Ok(self
            .rows
            .iter()
            .filter(|r| r.selected && matches!(r.change, Change::New | Change::Changed))
            .filter_map(|r| r.record.clone())
            .collect())
    }

    /// The column letter of `field` in the file.
    pub fn letter_of(&self, field: Field) -> &str {
        self.columns.iter().find(|c| c.0 == field).map_or("?", |c| c.1.as_str())
    }
}

/// What the bureau holds, indexed for matching rows.
pub struct Lookup {
    pub catalogue: Catalogue,
    pub units: Vec<Unit>,
    pub posts: Vec<Post>,
    officials: HashMap<String, Official>,
    /// Simplified form of each name → (name, staff number).
    simplified: HashMap<String, Vec<(String, String)>>,
    today: NaiveDate,
    /// The posts' standards of the programme year.
    standards: HashMap<PostId, StandardData>,
}

impl Lookup {
    pub fn new(catalogue: Catalogue, units: Vec<Unit>, posts: Vec<Post>, officials: Vec<Official>, today: NaiveDate) -> Lookup {
        let mut simplified: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for o in &officials {
            simplified.entry(fast2s::convert(&o.name)).or_default().push((o.name.clone(), o.staff_no.clone()));
        }
        let officials = officials.into_iter().map(|o| (o.staff_no.clone(), o)).collect();
        Lookup { catalogue, units, posts, officials, simplified, today, standards: HashMap::new() }
    }

    /// Adds the programme year's standards, which a standards sheet is compared with.
    pub fn with_standards(mut self, standards: impl IntoIterator<Item = (PostId, StandardData)>) -> Lookup {
        self.standards = standards.into_iter().collect();
        self
    }

    /// The unit a cell names, by name or by path (`縣局 / 稽查局 / 一科`).
    fn unit(&self, text: &str) -> Result<&Unit, Problem> {
        let text = text.trim();
        let matches: Vec<&Unit> = if text.contains('/') {
            let wanted: String = text.split('/').map(str::trim).collect::<Vec<_>>().join(" / ");
            self.units.iter().filter(|u| unit_path(&self.units, u.id) == wanted).collect()
        } else {
            self.units.iter().filter(|u| u.name == text).collect()
        };
        match matches.as_slice() {
            [one] => Ok(one),
            [] => Err(Problem::UnknownUnit { name: text.to_owned() }),
            _ => Err(Problem::AmbiguousUnit { name: text.to_owned() }),
        }
    }

    fn post(&self, unit: UnitId, title: &str) -> Option<&Post> {
        self.posts.iter().find(|p| p.unit == unit && p.title == title.trim())
    }
}

/// The cells of one row, by field.
struct Row<'a> {
    cells: &'a [Cell],
    positions: &'a [(Field, usize)],
}

impl Row<'_> {
    fn get(&self, field: Field) -> Option<&Cell> {
        self.positions.iter().find(|p| p.0 == field).and_then(|p| self.cells.get(p.1))
    }

    fn text(&self, field: Field) -> String {
        self.get(field).map(|c| c.text.trim().to_owned()).unwrap_or_default()
    }

    /// Whether the sheet has a column for `field` at all.
    fn has(&self, field: Field) -> bool {
        self.positions.iter().any(|p| p.0 == field)
    }

    /// The cell's text, or `kept` when the sheet has no such column (an update keeps what
    /// the bureau holds instead of blanking it).
    fn text_or(&self, field: Field, kept: Option<&str>) -> String {
        match (self.has(field), kept) {
            (false, Some(kept)) => kept.to_owned(),
            _ => self.text(field),
        }
    }
}

/// A birth month as people type it: `1985.03`, `1985年3月`, or a number Excel shortened
/// (1985.1 stands for October).
fn birth_text(cell: Option<&Cell>) -> String {
    let Some(cell) = cell else { return String::new() };
    if let Some(n) = cell.number.filter(|n| n.fract() != 0.0) {
        return format!("{n:.2}");
    }
    let text = cell.text.trim();
    match text.strip_suffix('月') {
        Some(rest) => rest.replace('年', "."),
        None => text.to_owned(),
    }
}

/// Builds the preview of `sheet` as `kind`. `Err` names the required columns the header lacks.
pub fn build(kind: Kind, file: &str, sheet: &Sheet, lookup: &Lookup) -> Result<Preview, Vec<Field>> {
    let header: Vec<String> = sheet.rows.first().map(|r| r.iter().map(|c| c.text.clone()).collect()).unwrap_or_default();
    let found = locate(kind, &header)?;
    let positions: Vec<(Field, usize)> = specs(kind).iter().zip(&found).filter_map(|(spec, pos)| pos.map(|p| (spec.field, p))).collect();
    let columns = positions.iter().map(|(f, p)| (*f, letter(*p))).collect();
    let mut preview = Preview { kind, file: file.to_owned(), sheet: sheet.name.clone(), columns, rows: Vec::new() };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut new_units: Vec<String> = Vec::new();
    for (index, cells) in sheet.rows.iter().enumerate().skip(1) {
        if cells.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        let line = index + 1;
        let row = Row { cells, positions: &positions };
        let mut out = PreviewRow {
            line,
            cells: positions.iter().map(|(_, p)| cells.get(*p).map(|c| c.text.clone()).unwrap_or_default()).collect(),
            change: Change::Refused,
            problems: Vec::new(),
            warnings: Vec::new(),
            record: None,
            selected: true,
        };
        match kind {
            Kind::Officials => official_row(&row, lookup, &mut seen, line, &mut out),
            Kind::Units => unit_row(&row, lookup, &mut seen, &mut new_units, line, &mut out),
            Kind::Posts => post_row(&row, lookup, &mut seen, line, &mut out),
            Kind::Standards => standard_row(&row, lookup, &mut seen, line, &mut out),
        }
        if !out.problems.is_empty() {
            out.change = Change::Refused;
            out.record = None;
        }
        preview.rows.push(out);
    }
    Ok(preview)
}

/// Keeps the first problem found for each field (an unknown tier is not also "required").
fn merge(problems: &mut Vec<FieldProblem>, more: Vec<FieldProblem>) {
    for p in more {
        if !problems.iter().any(|q| q.field == p.field) {
            problems.push(p);
        }
    }
}

fn official_row(row: &Row<'_>, lookup: &Lookup, seen: &mut HashMap<String, usize>, line: usize, out: &mut PreviewRow) {
    let mut problems = Vec::new();
    let staff_no = row.text(Field::StaffNo);
    if let Some(first) = seen.get(&staff_no).filter(|_| !staff_no.is_empty()) {
        problems.push(FieldProblem::new(Field::StaffNo, Problem::DuplicateInFile { row: *first }));
    } else {
        seen.insert(staff_no.clone(), line);
    }
    let mut vocabulary = |field: Field, parsed: Option<()>| {
        let text = row.text(field);
        if !text.is_empty() && parsed.is_none() {
            problems.push(FieldProblem::new(field, Problem::Unknown { value: text }));
        }
    };
    let gender = parse_gender(&row.text(Field::Gender));
    vocabulary(Field::Gender, gender.map(|_| ()));
    let tier = parse_tier(&row.text(Field::Tier), &lookup.catalogue);
    vocabulary(Field::Tier, tier.map(|_| ()));
    let status_text = row.text(Field::Status);
    let status = if status_text.is_empty() { Some(OfficialStatus::Active) } else { parse_status(&status_text) };
    vocabulary(Field::Status, status.map(|_| ()));
    let unit = match lookup.unit(&row.text(Field::Unit)) {
        Ok(unit) => Some(unit),
        Err(problem) => {
            if !row.text(Field::Unit).is_empty() {
                problems.push(FieldProblem::new(Field::Unit, problem));
            }
            None
        }
    };
    let post_title = row.text(Field::Post);
    let post = match (unit, post_title.is_empty()) {
        (_, true) => None,
        (Some(unit), false) => {
            let post = lookup.post(unit.id, &post_title);
            if post.is_none() {
                problems.push(FieldProblem::new(Field::Post, Problem::UnknownPost { title: post_title.clone() }));
            }
            post
        }
        (None, false) => None,
    };
    let existing = lookup.officials.get(&staff_no);
    let kept = |f: fn(&Official) -> String| existing.map(f);
    let post = if row.has(Field::Post) {
        post
    } else {
        existing.filter(|e| Some(e.unit) == unit.map(|u| u.id)).and_then(|e| e.post).and_then(|id| lookup.posts.iter().find(|p| p.id == id))
    };
    let status = if row.has(Field::Status) { status } else { existing.map(|e| e.status).or(status) };
    let draft = OfficialDraft {
        staff_no: staff_no.clone(),
        name: row.text(Field::Name),
        gender,
        birth: birth_text(row.get(Field::Birth)),
        political: row.text_or(Field::Political, kept(|e| e.political.clone()).as_deref()),
        education: row.text_or(Field::Education, kept(|e| e.education.clone()).as_deref()),
        tier,
        position_title: row.text_or(Field::PositionTitle, kept(|e| e.position_title.clone()).as_deref()),
        unit: unit.map(|u| u.id),
        post: post.map(|p| p.id),
        post_since: row
            .text_or(Field::PostSince, kept(|e| e.post_since.map(crate::domain::dates::format_date).unwrap_or_default()).as_deref()),
        status,
    };
    let ctx = OfficialContext { today: lookup.today, unit, post, staff_no_holder: None, previous_post: existing.and_then(|e| e.post) };
    match draft.validate(&ctx) {
        Ok(data) => {
            out.change = match existing {
                None => Change::New,
                Some(e) if e.data == data => Change::Unchanged,
                Some(_) => Change::Changed,
            };
            if existing.is_none() {
                let similar =
                    lookup.simplified.get(&fast2s::convert(&data.name)).into_iter().flatten().find(|(name, _)| *name != data.name);
                if let Some((name, staff_no)) = similar {
                    out.warnings
                        .push(FieldProblem::new(Field::Name, Problem::SimilarName { name: name.clone(), staff_no: staff_no.clone() }));
                }
            }
            out.record = Some(Record::Official { id: existing.map(|e| e.id), data });
        }
        Err(more) => merge(&mut problems, more),
    }
    out.problems = problems;
}

fn unit_row(
    row: &Row<'_>,
    lookup: &Lookup,
    seen: &mut HashMap<String, usize>,
    new_units: &mut Vec<String>,
    line: usize,
    out: &mut PreviewRow,
) {
    let mut problems = Vec::new();
    let name = match validate_unit_name(&row.text(Field::UnitName)) {
        Ok(name) => name,
        Err(more) => {
            out.problems = more;
            return;
        }
    };
    if let Some(first) = seen.get(&name) {
        problems.push(FieldProblem::new(Field::UnitName, Problem::DuplicateInFile { row: *first }));
    } else {
        seen.insert(name.clone(), line);
    }
    let existing = lookup.unit(&name).ok();
    let parent_text = row.text(Field::Parent);
    let is_root = existing.is_some_and(|u| u.parent.is_none());
    let parent = if is_root {
        None
    } else if parent_text.is_empty() {
        problems.push(FieldProblem::new(Field::Parent, Problem::Required));
        None
    } else {
        match lookup.unit(&parent_text) {
            Ok(unit) => Some(ParentRef::Existing(unit.id)),
            Err(_) if new_units.contains(&parent_text) => Some(ParentRef::InFile(parent_text.clone())),
            Err(problem) => {
                problems.push(FieldProblem::new(Field::Parent, problem));
                None
            }
        }
    };
    let kind_text = row.text(Field::UnitKind);
    let kind = if kind_text.is_empty() { existing.map_or(Some(UnitKind::Section), |u| Some(u.kind)) } else { parse_unit_kind(&kind_text) };
    if kind.is_none() || (kind == Some(UnitKind::Bureau)) != is_root {
        problems.push(FieldProblem::new(Field::UnitKind, Problem::Unknown { value: kind_text }));
    }
    if let (Some(existing), Some(ParentRef::Existing(parent))) = (existing, &parent)
        && crate::domain::org::check_move(&lookup.units, existing.id, Some(*parent)).is_err()
        && existing.parent != Some(*parent)
    {
        problems.push(FieldProblem::new(Field::Parent, Problem::Cycle));
    }
    out.problems = problems;
    let Some(kind) = kind else { return };
    match (existing, parent) {
        (Some(unit), None) if is_root => {
            out.change = if unit.kind == kind { Change::Unchanged } else { Change::Refused };
        }
        (Some(unit), Some(parent)) => {
            let same = matches!(parent, ParentRef::Existing(p) if unit.parent == Some(p)) && unit.kind == kind;
            out.change = if same { Change::Unchanged } else { Change::Changed };
            out.record = Some(Record::Unit { id: Some(unit.id), name, parent, kind });
        }
        (None, Some(parent)) => {
            new_units.push(name.clone());
            out.change = Change::New;
            out.record = Some(Record::Unit { id: None, name, parent, kind });
        }
        _ => {}
    }
}

fn post_row(row: &Row<'_>, lookup: &Lookup, seen: &mut HashMap<String, usize>, line: usize, out: &mut PreviewRow) {
    let mut problems = Vec::new();
    let unit_text = row.text(Field::Unit);
    let unit = match lookup.unit(&unit_text) {
        Ok(unit) => Some(unit),
        Err(problem) => {
            if !unit_text.is_empty() {
                problems.push(FieldProblem::new(Field::Unit, problem));
            }
            None
        }
    };
    let title = row.text(Field::Title);
    let key = format!("{unit_text}\u{1}{title}");
    if let Some(first) = seen.get(&key) {
        problems.push(FieldProblem::new(Field::Title, Problem::DuplicateInFile { row: *first }));
    } else {
        seen.insert(key, line);
    }
    let tier_text = row.text(Field::Tier);
    let tier = parse_tier(&tier_text, &lookup.catalogue);
    if !tier_text.is_empty() && tier.is_none() {
        problems.push(FieldProblem::new(Field::Tier, Problem::Unknown { value: tier_text }));
    }
    let existing = unit.and_then(|u| lookup.post(u.id, &title));
    let kept = |f: fn(&Post) -> String| existing.map(f);
    let draft = PostDraft {
        unit: unit.map(|u| u.id),
        title: title.clone(),
        tier,
        duties: row.text_or(Field::Duties, kept(|p| p.duties.clone()).as_deref()),
        standard: row.text_or(Field::Standard, kept(|p| p.standard.clone()).as_deref()),
        authority: row.text_or(Field::Authority, kept(|p| p.authority.clone()).as_deref()),
        time_limits: row.text_or(Field::TimeLimits, kept(|p| p.time_limits.clone()).as_deref()),
        responsibility: row.text_or(Field::Responsibility, kept(|p| p.responsibility.clone()).as_deref()),
        headcount: row.text_or(Field::Headcount, kept(|p| p.headcount.to_string()).as_deref()),
    };
    match draft.validate(unit) {
        Ok(data) => {
            out.change = match existing {
                None => Change::New,
                Some(p) if p.data == data => Change::Unchanged,
                Some(_) => Change::Changed,
            };
            out.record = Some(Record::Post { id: existing.map(|p| p.id), data });
        }
        Err(more) => merge(&mut problems, more),
    }
    out.problems = problems;
}

fn standard_row(row: &Row<'_>, lookup: &Lookup, seen: &mut HashMap<String, usize>, line: usize, out: &mut PreviewRow) {
    let mut problems = Vec::new();
    let unit_text = row.text(Field::Unit);
    let unit = match lookup.unit(&unit_text) {
        Ok(unit) => Some(unit),
        Err(problem) => {
            problems.push(FieldProblem::new(Field::Unit, if unit_text.is_empty() { Problem::Required } else { problem }));
            None
        }
    };
    let title = row.text(Field::Title);
    let post = unit.and_then(|u| lookup.post(u.id, &title));
    if unit.is_some() && post.is_none() {
        problems.push(FieldProblem::new(
            Field::Title,
            if title.is_empty() { Problem::Required } else { Problem::UnknownPost { title: title.clone() } },
        ));
    }
    let tier_text = row.text(Field::Tier);
    let tier = parse_tier(&tier_text, &lookup.catalogue);
    if tier.is_none() {
        problems.push(FieldProblem::new(
            Field::Tier,
            if tier_text.is_empty() { Problem::Required } else { Problem::Unknown { value: tier_text.clone() } },
        ));
    }
    let key = format!("{unit_text}\u{1}{title}\u{1}{}", tier.map_or("", |t| t.code()));
    if let Some(first) = seen.get(&key) {
        problems.push(FieldProblem::new(Field::Tier, Problem::DuplicateInFile { row: *first }));
    } else {
        seen.insert(key, line);
    }
    let mut levels = BTreeMap::new();
    for capability in CAPABILITIES {
        let field = Field::Capability(capability);
        let text = row.text(field);
        if text.is_empty() {
            continue;
        }
        match text.parse::<f64>().ok().filter(|n| n.fract() == 0.0 && LEVELS.contains(&(*n as u8)) && *n >= 1.0) {
            Some(n) => {
                levels.insert(capability, n as u8);
            }
            None => problems.push(FieldProblem::new(field, Problem::OutOfRange { min: 1, max: 5 })),
        }
    }
    out.problems = problems;
    let (Some(post), Some(tier)) = (post, tier) else { return };
    let existing: BTreeMap<u8, u8> = lookup
        .standards
        .get(&post.id)
        .map(|s| CAPABILITIES.filter_map(|c| s.levels.get(&(tier, c)).map(|l| (c, *l))).collect())
        .unwrap_or_default();
    out.change = if existing.is_empty() {
        Change::New
    } else if existing == levels {
        Change::Unchanged
    } else {
        Change::Changed
    };
    out.record = Some(Record::StandardRow { post: post.id, tier, levels });
}
