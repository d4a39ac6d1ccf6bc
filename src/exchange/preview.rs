//! The import preview: every data row of a sheet as it would be stored, new / changed (which
//! fields, before → after) / unchanged, with each problem on its row and column, checked by the
//! domain's own rules against what the bureau already holds; the rows skipped (title, footer,
//! sub-headings), hidden, and the columns not imported are listed. Building it stores nothing.

use super::Kind;
use super::columns::{letter, normalise, parse_gender, parse_rank_words, parse_status, parse_unit_kind};
use super::header::{self, Header, Skip};
use super::lrmx::CadreFile;
use super::read::{Cell, Sheet};
use crate::domain::cadre::{CadreRecord, FileFault};
use crate::domain::catalogue::{Catalogue, OfficialStatus, RankTier, UnitKind};
use crate::domain::dates::YearMonth;
use crate::domain::identity::{Identity, Photo, check_id_number, clean_person_name, id_birth_month, mask_id};
use crate::domain::official::{Official, OfficialContext, OfficialData, OfficialDraft};
use crate::domain::org::{Post, PostData, PostDraft, Unit, validate_unit_name};
use crate::domain::problem::{Field, FieldProblem, Problem};
use crate::domain::ranks::TierMapping;
use crate::domain::standards::{CAPABILITIES, LEVELS, StandardData};
use crate::domain::{Lang, OfficialId, PostId, UnitId};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
        /// What a 任免審批表 file adds: its record and photo (a spreadsheet has none).
        cadre: Option<Box<CadreImport>>,
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

/// The 任免審批表 part of an imported person: the record replaces the one kept, the photo (when
/// the file holds one) the one stored.
#[derive(Clone, Debug, PartialEq)]
pub struct CadreImport {
    pub record: CadreRecord,
    pub photo: Option<Photo>,
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
    /// The row is hidden in the file (unticked until the user ticks it).
    pub hidden: bool,
    /// For a changed official: each field that changes, before → after, as the user reads them.
    pub changes: Vec<FieldChange>,
}

/// One field an import changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Field,
    pub before: String,
    pub after: String,
}

/// How a text month `YYYY.1` reads: January or October (Excel writes 1968.10 as 1968.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DotOne {
    January,
    October,
}

/// What decided how a month column's `YYYY.1` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DotOneReading {
    /// The column writes October as `.10` too, so `.1` is January.
    TenWritten,
    /// The column pads months (`.01`) and never writes `.10`: Excel shortened October.
    Shortened,
    /// Each person's 身份證號 tells their birth month.
    IdNumbers,
    /// The user chose.
    Chosen(DotOne),
    /// Nothing decides: the rows holding `.1` are refused until the user chooses.
    Undecided,
}

/// What the user decides about a file before it is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The file's row number of the header, when detection is overridden.
    pub header_line: Option<usize>,
    /// How `YYYY.1` reads, per month column; `all` for every column not named.
    pub dot_one: BTreeMap<Field, DotOne>,
    pub dot_one_all: Option<DotOne>,
    /// Hidden columns (0 = A) the user imports anyway.
    pub hidden_columns_taken: BTreeSet<usize>,
    /// The language the preview's before → after texts are written in.
    pub lang: Lang,
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
    /// The file's row number of the header (its first row).
    pub header_line: usize,
    /// Rows under the header not read as records: (row number, why).
    pub skipped: Vec<(usize, Skip)>,
    /// Columns with a header not imported: (letter, header).
    pub unrecognised: Vec<(String, String)>,
    /// Recognised columns hidden in the file and left out: (column index, field, letter).
    pub hidden_columns: Vec<(usize, Field, String)>,
    /// How each month column holding `YYYY.1` is read.
    pub months: Vec<(Field, DotOneReading)>,
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

    /// The month columns whose `YYYY.1` nothing decides (each needs a choice).
    pub fn undecided_months(&self) -> Vec<Field> {
        self.months.iter().filter(|(_, r)| *r == DotOneReading::Undecided).map(|(f, _)| *f).collect()
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
    pub mapping: TierMapping,
    officials: Vec<Official>,
    by_staff_no: HashMap<String, usize>,
    by_id_number: HashMap<String, usize>,
    /// Folded name and birth month → officials.
    by_name_birth: HashMap<(String, YearMonth), Vec<usize>>,
    /// Simplified form of each name → (name, staff number).
    simplified: HashMap<String, Vec<(String, String)>>,
    /// Each unit's normalised name and aliases → units.
    unit_keys: HashMap<String, Vec<UnitId>>,
    /// The words each tier is written with, normalised.
    tiers: HashMap<String, RankTier>,
    /// Where each unit and post sits in `units` and `posts`.
    unit_index: HashMap<UnitId, usize>,
    post_index: HashMap<PostId, usize>,
    /// Each post by its unit and normalised title.
    post_keys: HashMap<(UnitId, String), usize>,
    today: NaiveDate,
    /// The posts' standards of the programme year.
    standards: HashMap<PostId, StandardData>,
    /// Officials' 任免審批表 records and photos, for a 任免審批表 import to compare with.
    cadre: HashMap<OfficialId, (CadreRecord, Option<Photo>)>,
}

/// How a unit cell was matched: the unit, and what followed its name in a 工作單位及職務 cell.
struct UnitMatch<'a> {
    unit: &'a Unit,
    rest: Option<String>,
}

/// Separators of a unit path: `縣局 / 稽查局 / 一科`, `縣局-徵管股`, `縣局>辦公室`.
const PATH_SEPARATORS: [char; 8] = ['/', '／', '-', '－', '>', '＞', '\\', '—'];

impl Lookup {
    pub fn new(catalogue: Catalogue, units: Vec<Unit>, posts: Vec<Post>, officials: Vec<Official>, today: NaiveDate) -> Lookup {
        let mut lookup = Lookup {
            tiers: super::columns::tier_words(&catalogue),
            catalogue,
            units: Vec::new(),
            posts,
            mapping: TierMapping::default(),
            officials: Vec::new(),
            by_staff_no: HashMap::new(),
            by_id_number: HashMap::new(),
            by_name_birth: HashMap::new(),
            simplified: HashMap::new(),
            unit_keys: HashMap::new(),
            unit_index: HashMap::new(),
            post_index: HashMap::new(),
            post_keys: HashMap::new(),
            today,
            standards: HashMap::new(),
            cadre: HashMap::new(),
        };
        for (i, o) in officials.iter().enumerate() {
            lookup.simplified.entry(fast2s::convert(&o.name)).or_default().push((o.name.clone(), o.staff_no.clone()));
            lookup.by_staff_no.insert(o.staff_no.clone(), i);
            if !o.identity.id_number.is_empty() {
                lookup.by_id_number.insert(o.identity.id_number.clone(), i);
            }
            lookup.by_name_birth.entry((normalise(&o.name), o.birth)).or_default().push(i);
        }
        lookup.officials = officials;
        lookup.post_index = lookup.posts.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        // The first post of a title in a unit wins, as the list's order had it.
        for (i, p) in lookup.posts.iter().enumerate().rev() {
            lookup.post_keys.insert((p.unit, normalise(&p.title)), i);
        }
        lookup.with_units(units, &[])
    }

    /// Sets the units and their aliases (局領導 for 局領導班子), which rows are matched against.
    pub fn with_units(mut self, units: Vec<Unit>, aliases: &[(UnitId, String)]) -> Lookup {
        self.unit_keys.clear();
        for unit in &units {
            self.unit_keys.entry(normalise(&unit.name)).or_default().push(unit.id);
        }
        for (id, alias) in aliases {
            let ids = self.unit_keys.entry(normalise(alias)).or_default();
            if !ids.contains(id) {
                ids.push(*id);
            }
        }
        self.unit_index = units.iter().enumerate().map(|(i, u)| (u.id, i)).collect();
        self.units = units;
        self
    }

    /// Sets the bureau's mapping from 職務 and 職級 to tiers.
    pub fn with_mapping(mut self, mapping: TierMapping) -> Lookup {
        self.mapping = mapping;
        self
    }

    /// Adds officials' 任免審批表 records and photos, which a 任免審批表 import is compared with.
    pub fn with_cadre(mut self, records: impl IntoIterator<Item = (OfficialId, (CadreRecord, Option<Photo>))>) -> Lookup {
        self.cadre = records.into_iter().collect();
        self
    }

    /// The officials a 任免審批表 import may touch: those `files` name by 身份證號 or name and birth month.
    pub fn cadre_matches(&self, files: &[CadreSource]) -> Vec<OfficialId> {
        files
            .iter()
            .filter_map(|f| f.file.as_ref().ok())
            .filter_map(|f| {
                self.official(&f.id_number.to_ascii_uppercase(), "", &clean_person_name(&f.name), YearMonth::parse(&f.birth)).ok().flatten()
            })
            .map(|o| o.id)
            .collect()
    }

    /// Adds the programme year's standards, which a standards sheet is compared with.
    pub fn with_standards(mut self, standards: impl IntoIterator<Item = (PostId, StandardData)>) -> Lookup {
        self.standards = standards.into_iter().collect();
        self
    }

    /// The tier a cell names, in any language or form.
    fn tier(&self, text: &str) -> Option<RankTier> {
        self.tiers.get(&normalise(text)).copied()
    }

    fn root(&self) -> Option<&Unit> {
        self.units.iter().find(|u| u.parent.is_none())
    }

    fn unit_by_id(&self, id: UnitId) -> Option<&Unit> {
        self.unit_index.get(&id).and_then(|i| self.units.get(*i))
    }

    fn post_by_id(&self, id: PostId) -> Option<&Post> {
        self.post_index.get(&id).and_then(|i| self.posts.get(*i))
    }

    /// Units whose name or alias is `key` (normalised).
    fn keyed(&self, key: &str) -> Vec<&Unit> {
        self.unit_keys.get(key).into_iter().flatten().filter_map(|id| self.unit_by_id(*id)).collect()
    }

    fn one<'a>(&self, found: Vec<&'a Unit>, text: &str) -> Result<&'a Unit, Problem> {
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(Problem::UnknownUnit { name: text.to_owned() }),
            _ => Err(Problem::AmbiguousUnit { name: text.to_owned() }),
        }
    }

    /// The unit a cell names, as people write it: by name or alias in either script and either
    /// width; by path (`縣局 / 稽查局 / 一科`, `縣局-徵管股`, with or without the bureau's name);
    /// by the bureau's full name before a unit's (`某縣稅務局辦公室`).
    fn unit(&self, text: &str) -> Result<&Unit, Problem> {
        self.unit_match(text, false).map(|m| m.unit)
    }

    /// As [`Lookup::unit`]; with `with_rest`, a cell that starts with a unit's name and goes on
    /// (`辦公室主任`, `稽查局一科科長`) matches that unit (or its sub-unit) and returns the rest.
    fn unit_match(&self, text: &str, with_rest: bool) -> Result<UnitMatch<'_>, Problem> {
        let text = text.trim();
        let key = normalise(text);
        let exact = self.keyed(&key);
        if !exact.is_empty() {
            return self.one(exact, text).map(|unit| UnitMatch { unit, rest: None });
        }
        let root = self.root();
        let root_key = root.map(|r| normalise(&r.name)).unwrap_or_default();
        if text.contains(PATH_SEPARATORS) {
            let mut segments: Vec<String> = text.split(PATH_SEPARATORS).map(normalise).filter(|s| !s.is_empty()).collect();
            while segments.len() > 1 && (segments[0] == root_key || self.keyed(&segments[0]).iter().any(|u| u.parent.is_none())) {
                segments.remove(0);
            }
            if let Some((last, above)) = segments.split_last() {
                let fits = |unit: &&Unit| {
                    // Each segment above names an ancestor, in order, nearest last.
                    let mut cursor = unit.parent;
                    let mut wanted = above.iter().rev();
                    let mut next = wanted.next();
                    while let (Some(id), Some(name)) = (cursor, next) {
                        let Some(ancestor) = self.unit_by_id(id) else { break };
                        if self.unit_keys.get(name).is_some_and(|ids| ids.contains(&ancestor.id)) {
                            next = wanted.next();
                        }
                        cursor = ancestor.parent;
                    }
                    next.is_none()
                };
                let found: Vec<&Unit> = self.keyed(last).into_iter().filter(fits).collect();
                return self.one(found, text).map(|unit| UnitMatch { unit, rest: None });
            }
        }
        let key = match key.strip_prefix(root_key.as_str()) {
            Some(rest) if !root_key.is_empty() && !rest.is_empty() => {
                let found = self.keyed(rest);
                if !found.is_empty() {
                    return self.one(found, text).map(|unit| UnitMatch { unit, rest: None });
                }
                rest.to_owned()
            }
            _ => key,
        };
        if with_rest && let Some((unit, rest)) = self.prefix(&key, None) {
            let kept: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
            let rest_text = kept[kept.len().saturating_sub(rest.chars().count())..].iter().collect();
            return Ok(UnitMatch { unit, rest: Some(rest_text) });
        }
        Err(Problem::UnknownUnit { name: text.to_owned() })
    }

    /// The unit whose name (or alias) is the longest start of `key` (under `within`, if given),
    /// descending into its sub-units while the rest starts with one of theirs.
    fn prefix(&self, key: &str, within: Option<UnitId>) -> Option<(&Unit, String)> {
        let best = self
            .unit_keys
            .iter()
            .filter(|(name, _)| name.chars().count() >= 2 && key.len() > name.len() && key.starts_with(name.as_str()))
            .filter_map(|(name, ids)| {
                let units: Vec<&Unit> =
                    ids.iter().filter_map(|id| self.unit_by_id(*id)).filter(|u| within.is_none_or(|w| u.parent == Some(w))).collect();
                match units.as_slice() {
                    [one] => Some((name.len(), *one)),
                    _ => None,
                }
            })
            .max_by_key(|(len, _)| *len)?;
        let rest = key[best.0..].to_owned();
        match self.prefix(&rest, Some(best.1.id)) {
            Some(deeper) => Some(deeper),
            None => Some((best.1, rest)),
        }
    }

    /// The name of the official other than `except` that `index` gives for `key` (an ID number's or
    /// a staff number's holder).
    fn holder(&self, index: &HashMap<String, usize>, key: &str, except: Option<&Official>) -> Option<String> {
        index.get(key).and_then(|i| self.officials.get(*i)).filter(|h| except.is_none_or(|e| e.id != h.id)).map(|h| h.name.clone())
    }

    fn post(&self, unit: UnitId, title: &str) -> Option<&Post> {
        self.post_keys.get(&(unit, normalise(title))).and_then(|i| self.posts.get(*i))
    }

    /// The official a row names: by 身份證號, else by staff number, else by name and birth month.
    /// `Err` lists the staff numbers when the name and birth month fit several people.
    fn official(&self, id_number: &str, staff_no: &str, name: &str, birth: Option<YearMonth>) -> Result<Option<&Official>, String> {
        if let Some(i) = self.by_id_number.get(id_number).filter(|_| !id_number.is_empty()) {
            return Ok(self.officials.get(*i));
        }
        if let Some(i) = self.by_staff_no.get(staff_no).filter(|_| !staff_no.is_empty()) {
            return Ok(self.officials.get(*i));
        }
        if !staff_no.is_empty() {
            return Ok(None);
        }
        let Some(birth) = birth else { return Ok(None) };
        let found: Vec<&Official> =
            self.by_name_birth.get(&(normalise(name), birth)).into_iter().flatten().filter_map(|i| self.officials.get(*i)).collect();
        match found.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one)),
            many => Err(many.iter().map(|o| o.staff_no.as_str()).collect::<Vec<_>>().join("、")),
        }
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

/// The month columns of a roster, whose `YYYY.1` may be January or October.
const MONTH_FIELDS: [Field; 6] = [Field::Birth, Field::WorkSince, Field::PartySince, Field::PostSince, Field::DutySince, Field::RankSince];

/// A cell's text as a month or date reader sees it: the digits a number holds (1968.1 for a
/// number Excel shows as 1968.10), otherwise the text.
fn month_text(cell: &Cell) -> String {
    match cell.number {
        Some(n) if n.fract() != 0.0 => format!("{n}"),
        _ => cell.text.trim().to_owned(),
    }
}

/// `Some((year, rest))` for a month written `YYYY.1`, the form that may be January or October.
fn dot_one(text: &str) -> Option<&str> {
    let (year, month) = text.split_once('.')?;
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && month == "1").then_some(year)
}

/// How `field`'s column reads `YYYY.1`, from what else the column holds and the options;
/// `None` when the column holds no `YYYY.1` at all.
fn read_months(field: Field, texts: &[String], has_id_numbers: bool, options: &Options) -> Option<DotOneReading> {
    if !texts.iter().any(|t| dot_one(t).is_some()) {
        return None;
    }
    let month_part = |t: &String| t.split_once('.').map(|(_, m)| m.split(['.', '-']).next().unwrap_or("").to_owned());
    let months: Vec<String> = texts.iter().filter_map(month_part).collect();
    if let Some(choice) = options.dot_one.get(&field).copied().or(options.dot_one_all) {
        return Some(DotOneReading::Chosen(choice));
    }
    Some(if months.iter().any(|m| m == "10") {
        DotOneReading::TenWritten
    } else if months.iter().any(|m| m.len() == 2 && m.starts_with('0')) {
        DotOneReading::Shortened
    } else if field == Field::Birth && has_id_numbers {
        DotOneReading::IdNumbers
    } else {
        DotOneReading::Undecided
    })
}

/// A month cell's text with `YYYY.1` read as `reading` says (`id_month` is the month the row's
/// 身份證號 carries); `Err` when nothing decides.
fn resolve_month(text: String, reading: Option<DotOneReading>, id_month: Option<YearMonth>) -> Result<String, Problem> {
    let Some(year) = dot_one(&text) else { return Ok(text) };
    let month = match reading {
        Some(DotOneReading::TenWritten | DotOneReading::Chosen(DotOne::January)) => 1,
        Some(DotOneReading::Shortened | DotOneReading::Chosen(DotOne::October)) => 10,
        _ => match id_month {
            Some(m) if m.year.to_string() == year && (m.month == 1 || m.month == 10) => m.month,
            _ => return Err(Problem::AmbiguousMonth { value: text }),
        },
    };
    Ok(format!("{year}.{month:02}"))
}

/// A 身份證號 cell: text as typed, or a number Excel kept, recovered when its digits are whole.
fn id_number_text(cell: Option<&Cell>) -> Result<String, Problem> {
    let Some(cell) = cell else { return Ok(String::new()) };
    let text = cell.text.trim();
    let scientific = text.contains(['E', 'e']) && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'E' | 'e' | '+'));
    match cell.number {
        Some(n) if n >= 1e14 => {
            // Beyond 2^53 a number's last digits are gone unless the check digit still fits.
            let digits = format!("{n:.0}");
            if n < 9_007_199_254_740_992.0 || check_id_number(&digits).is_ok() { Ok(digits) } else { Err(Problem::IdNumberAsNumber) }
        }
        _ if scientific => Err(Problem::IdNumberAsNumber),
        _ => Ok(text.to_owned()),
    }
}

/// Builds the preview of `sheet` as `kind` with the header found where it is. `Err` names the
/// required columns the header lacks.
pub fn build(kind: Kind, file: &str, sheet: &Sheet, lookup: &Lookup) -> Result<Preview, Vec<Field>> {
    build_with(kind, file, sheet, lookup, &Options::default())
}

/// As [`build`], with what the user decided about the file.
pub fn build_with(kind: Kind, file: &str, sheet: &Sheet, lookup: &Lookup, options: &Options) -> Result<Preview, Vec<Field>> {
    let forced = options.header_line.map(|line| line.saturating_sub(sheet.first_line));
    let header: Header = header::find(kind, sheet, forced)?;
    let mut hidden_columns = Vec::new();
    let positions: Vec<(Field, usize)> = header
        .positions
        .iter()
        .copied()
        .filter(|(field, column)| {
            let left_out = sheet.hidden_columns.contains(column) && !options.hidden_columns_taken.contains(column);
            if left_out {
                hidden_columns.push((*column, *field, letter(*column)));
            }
            !left_out
        })
        .collect();
    let mut header = header;
    header.positions = positions;
    let positions = header.positions.clone();
    let columns = positions.iter().map(|(f, p)| (*f, letter(*p))).collect();
    let mut preview = Preview {
        kind,
        file: file.to_owned(),
        sheet: sheet.name.clone(),
        columns,
        rows: Vec::new(),
        header_line: sheet.line(header.start),
        skipped: Vec::new(),
        unrecognised: header.unrecognised().into_iter().map(|(c, name)| (letter(c), name)).collect(),
        hidden_columns,
        months: Vec::new(),
    };
    // Which rows hold records: the rest are listed as skipped.
    let mut records: Vec<usize> = Vec::new();
    let mut after_footer = false;
    for index in header.body()..sheet.rows.len() {
        let cells = &sheet.rows[index];
        if cells.iter().all(|c| c.text.trim().is_empty()) {
            continue;
        }
        match header::skip(&header, cells, after_footer) {
            Some(skip) => {
                after_footer |= matches!(skip, Skip::Footer(_));
                preview.skipped.push((sheet.line(index), skip));
            }
            None => records.push(index),
        }
    }
    let at = |field: Field| positions.iter().find(|p| p.0 == field).map(|p| p.1);
    if kind == Kind::Officials {
        let has_ids = at(Field::IdNumber).is_some();
        for field in MONTH_FIELDS {
            let Some(column) = at(field) else { continue };
            let texts: Vec<String> = records.iter().filter_map(|i| sheet.rows[*i].get(column)).map(month_text).collect();
            if let Some(reading) = read_months(field, &texts, has_ids, options) {
                preview.months.push((field, reading));
            }
        }
    }
    let file_roots: Vec<String> = match kind {
        Kind::Units => records
            .iter()
            .map(|i| Row { cells: &sheet.rows[*i], positions: &positions })
            .filter(|row| row.text(Field::Parent).is_empty() || parse_unit_kind(&row.text(Field::UnitKind)) == Some(UnitKind::Bureau))
            .map(|row| row.text(Field::UnitName))
            .collect(),
        _ => Vec::new(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut new_units: Vec<String> = Vec::new();
    for index in records {
        let cells = &sheet.rows[index];
        let line = sheet.line(index);
        let row = Row { cells, positions: &positions };
        let hidden = sheet.hidden_rows.contains(&index);
        let mut out = PreviewRow {
            line,
            cells: positions.iter().map(|(_, p)| cells.get(*p).map(|c| c.text.clone()).unwrap_or_default()).collect(),
            change: Change::Refused,
            problems: Vec::new(),
            warnings: Vec::new(),
            record: None,
            selected: !hidden,
            hidden,
            changes: Vec::new(),
        };
        match kind {
            Kind::Officials => official_row(&row, lookup, &preview.months, options.lang, &mut seen, line, &mut out),
            Kind::Units => unit_row(&row, lookup, &file_roots, &mut seen, &mut new_units, line, &mut out),
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

/// Each field of an official as the preview shows it (as a roster sheet writes it), for telling
/// what an import changes.
pub fn official_fields(lang: Lang, lookup: &Lookup, o: &OfficialData) -> Vec<(Field, String)> {
    let unit = lookup.unit_by_id(o.unit).map_or("", |u| u.name.as_str());
    let post = o.post.and_then(|p| lookup.post_by_id(p)).map_or("", |p| p.title.as_str());
    super::columns::specs(Kind::Officials)
        .iter()
        .map(|s| (s.field, super::write::official_cell(lang, &lookup.catalogue, unit, post, o, s.field)))
        .collect()
}

/// The fields that differ between two states of an official, before → after, as the user reads them.
pub fn official_changes(lang: Lang, lookup: &Lookup, before: &OfficialData, after: &OfficialData) -> Vec<FieldChange> {
    official_fields(lang, lookup, before)
        .into_iter()
        .zip(official_fields(lang, lookup, after))
        .filter(|(b, a)| b.1 != a.1)
        .map(|((field, before), (_, after))| FieldChange { field, before, after })
        .collect()
}

/// Keeps the first problem found for each field (an unknown tier is not also "required").
fn merge(problems: &mut Vec<FieldProblem>, more: Vec<FieldProblem>) {
    for p in more {
        if !problems.iter().any(|q| q.field == p.field) {
            problems.push(p);
        }
    }
}

fn official_row(
    row: &Row<'_>,
    lookup: &Lookup,
    months: &[(Field, DotOneReading)],
    lang: Lang,
    seen: &mut HashMap<String, usize>,
    line: usize,
    out: &mut PreviewRow,
) {
    let mut problems = Vec::new();
    let staff_no = row.text(Field::StaffNo);
    let name = clean_person_name(&row.text(Field::Name));
    let id_number = match id_number_text(row.get(Field::IdNumber)) {
        Ok(text) => text.to_ascii_uppercase(),
        Err(problem) => {
            problems.push(FieldProblem::new(Field::IdNumber, problem));
            String::new()
        }
    };
    let id_month = id_birth_month(&id_number);
    let mut month = |field: Field| -> String {
        let Some(cell) = row.get(field) else { return String::new() };
        let reading = months.iter().find(|m| m.0 == field).map(|m| m.1);
        match resolve_month(month_text(cell), reading, if field == Field::Birth { id_month } else { None }) {
            Ok(text) => text,
            Err(problem) => {
                problems.push(FieldProblem::new(field, problem));
                String::new()
            }
        }
    };
    let birth = month(Field::Birth);
    let (work_since, party_since) = (month(Field::WorkSince), month(Field::PartySince));
    let (post_since, duty_since, rank_since) = (month(Field::PostSince), month(Field::DutySince), month(Field::RankSince));
    // The same person twice in the file: by ID number, else staff number, else name and birth month.
    let key = if !id_number.is_empty() {
        format!("id:{id_number}")
    } else if !staff_no.is_empty() {
        format!("no:{staff_no}")
    } else {
        format!("name:{}\u{1}{birth}", normalise(&name))
    };
    if let Some(first) = seen.get(&key) {
        problems.push(FieldProblem::new(
            if staff_no.is_empty() { Field::Name } else { Field::StaffNo },
            Problem::DuplicateInFile { row: *first },
        ));
    } else {
        seen.insert(key, line);
    }
    let existing = match lookup.official(&id_number, &staff_no, &name, YearMonth::parse(&birth)) {
        Ok(found) => found,
        Err(staff_nos) => {
            problems.push(FieldProblem::new(Field::Name, Problem::AmbiguousMatch { staff_nos }));
            None
        }
    };
    let mut vocabulary = |field: Field, parsed: Option<()>| {
        let text = row.text(field);
        if !text.is_empty() && parsed.is_none() {
            problems.push(FieldProblem::new(field, Problem::Unknown { value: text }));
        }
    };
    let gender = parse_gender(&row.text(Field::Gender));
    vocabulary(Field::Gender, gender.map(|_| ()));
    let tier_text = row.text(Field::Tier);
    let tier = lookup.tier(&tier_text);
    // A 職級層次 column that holds a level or rank word (副科, 一級主任科員) tells the tier through it.
    let tier_words = tier.is_none().then(|| parse_rank_words(&tier_text)).flatten();
    vocabulary(Field::Tier, tier.map(|_| ()).or(tier_words.map(|_| ())));
    let status_text = row.text(Field::Status);
    let status = if status_text.is_empty() { Some(OfficialStatus::Active) } else { parse_status(&status_text) };
    vocabulary(Field::Status, status.map(|_| ()));
    // 職務 and 職級: their own columns, or words in 現任職務 (一級主任科員, 副科級) when a column lacks.
    let position_text = row.text(Field::PositionTitle);
    let words_of = |field: Field| {
        let text = row.text(field);
        (!text.is_empty()).then(|| parse_rank_words(&text)).map(|w| (text, w))
    };
    let (mut duty_level, mut rank) = (None, None);
    let mut told = false;
    for field in [Field::DutyLevel, Field::Rank] {
        match words_of(field) {
            Some((_, Some(words))) => {
                duty_level = duty_level.or(words.duty);
                rank = rank.or(words.rank);
                told = true;
            }
            Some((text, None)) => problems.push(FieldProblem::new(field, Problem::UnknownRank { value: text })),
            None => {}
        }
    }
    let position_words = parse_rank_words(&position_text).or(tier_words);
    if let Some(words) = position_words {
        duty_level = duty_level.or(words.duty);
        rank = rank.or(words.rank);
        told = true;
    }
    let kept = |f: fn(&Official) -> String| existing.map(f);
    if !told && !row.has(Field::DutyLevel) && !row.has(Field::Rank) {
        // The file says nothing of 職務 or 職級: an update keeps what the bureau holds.
        duty_level = existing.and_then(|e| e.duty_level);
        rank = existing.and_then(|e| e.rank);
    }
    let derived = lookup.mapping.derive(duty_level, rank);
    let tier_override = match tier {
        Some(t) if Some(t) != derived => Some(t),
        Some(_) => None,
        None if !row.has(Field::Tier) && derived.is_none() => existing.and_then(|e| e.tier_override),
        None => None,
    };
    let unit_text = row.text(Field::Unit);
    let mut position_title = position_text;
    let unit = match lookup.unit_match(&unit_text, true) {
        Ok(found) => {
            if let Some(rest) = found.rest.filter(|_| !row.has(Field::PositionTitle)) {
                position_title = rest;
            }
            Some(found.unit)
        }
        Err(problem) => {
            if !unit_text.is_empty() {
                problems.push(FieldProblem::new(Field::Unit, problem));
            }
            None
        }
    };
    if !row.has(Field::PositionTitle) && position_title.is_empty() {
        position_title = kept(|e| e.position_title.clone()).unwrap_or_default();
    }
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
    let post = if row.has(Field::Post) {
        post
    } else {
        existing.filter(|e| Some(e.unit) == unit.map(|u| u.id)).and_then(|e| e.post).and_then(|id| lookup.post_by_id(id))
    };
    let status = if row.has(Field::Status) { status } else { existing.map(|e| e.status).or(status) };
    let either =
        |field: Field, text: String, keep: fn(&Official) -> String| if row.has(field) { text } else { kept(keep).unwrap_or_default() };
    // A 學歷學位 cell holds both (「大學 法學學士」) where the sheet has no 學位 column of its own.
    let schooling = |education: Field, degree: Field, keep_education: fn(&Official) -> String, keep_degree: fn(&Official) -> String| {
        let pair = (either(education, row.text(education), keep_education), either(degree, row.text(degree), keep_degree));
        match split_degree(&pair.0).filter(|_| row.has(education) && !row.has(degree)) {
            Some(split) => split,
            None => pair,
        }
    };
    let (education, degree) = schooling(Field::Education, Field::Degree, |e| e.education.clone(), |e| e.identity.degree.clone());
    let (inservice_education, inservice_degree) = schooling(
        Field::InserviceEducation,
        Field::InserviceDegree,
        |e| e.identity.inservice_education.clone(),
        |e| e.identity.inservice_degree.clone(),
    );
    let identity = Identity {
        ethnicity: either(Field::Ethnicity, row.text(Field::Ethnicity), |e| e.identity.ethnicity.clone()),
        native_place: either(Field::NativePlace, row.text(Field::NativePlace), |e| e.identity.native_place.clone()),
        birthplace: either(Field::Birthplace, row.text(Field::Birthplace), |e| e.identity.birthplace.clone()),
        id_number: if row.has(Field::IdNumber) { id_number.clone() } else { kept(|e| e.identity.id_number.clone()).unwrap_or_default() },
        work_since: either(Field::WorkSince, work_since, |e| e.identity.work_since.clone()),
        party_since: either(Field::PartySince, party_since, |e| e.identity.party_since.clone()),
        degree,
        school: either(Field::School, row.text(Field::School), |e| e.identity.school.clone()),
        inservice_education,
        inservice_degree,
        inservice_school: either(Field::InserviceSchool, row.text(Field::InserviceSchool), |e| e.identity.inservice_school.clone()),
        health: either(Field::Health, row.text(Field::Health), |e| e.identity.health.clone()),
    };
    let since_of = |s: Option<crate::domain::dates::Since>| s.map(|s| s.to_string()).unwrap_or_default();
    let draft = OfficialDraft {
        // A row without a staff number keeps the one the bureau gave; a new person is given one on import.
        staff_no: if staff_no.is_empty() { existing.map(|e| e.staff_no.clone()).unwrap_or_default() } else { staff_no.clone() },
        name,
        gender,
        birth,
        political: row.text_or(Field::Political, kept(|e| e.political.clone()).as_deref()),
        education,
        tier_override,
        duty_level,
        duty_since: if row.has(Field::DutySince) { duty_since } else { existing.map(|e| since_of(e.duty_since)).unwrap_or_default() },
        rank,
        rank_since: if row.has(Field::RankSince) { rank_since } else { existing.map(|e| since_of(e.rank_since)).unwrap_or_default() },
        grade: row.text_or(Field::Grade, kept(|e| e.grade.clone()).as_deref()),
        position_title,
        unit: unit.map(|u| u.id),
        post: post.map(|p| p.id),
        post_since: if row.has(Field::PostSince) { post_since } else { existing.map(|e| since_of(e.post_since)).unwrap_or_default() },
        status,
        identity: Box::new(identity),
    };
    let id_number_holder = lookup.holder(&lookup.by_id_number, &draft.identity.id_number, existing);
    let staff_no_holder = lookup.holder(&lookup.by_staff_no, &draft.staff_no, existing);
    let ctx = OfficialContext {
        today: lookup.today,
        unit,
        post,
        staff_no_holder,
        id_number_holder,
        previous_post: existing.and_then(|e| e.post),
        mapping: &lookup.mapping,
    };
    match draft.validate(&ctx) {
        Ok(data) => {
            out.change = match existing {
                None => Change::New,
                Some(e) if e.data == data => Change::Unchanged,
                Some(_) => Change::Changed,
            };
            if let Some(e) = existing.filter(|_| out.change == Change::Changed) {
                out.changes = official_changes(lang, lookup, &e.data, &data);
            }
            if existing.is_none() {
                let similar =
                    lookup.simplified.get(&fast2s::convert(&data.name)).into_iter().flatten().find(|(name, _)| *name != data.name);
                if let Some((name, staff_no)) = similar {
                    out.warnings
                        .push(FieldProblem::new(Field::Name, Problem::SimilarName { name: name.clone(), staff_no: staff_no.clone() }));
                }
            }
            out.record = Some(Record::Official { id: existing.map(|e| e.id), data, cadre: None });
        }
        Err(more) => merge(&mut problems, more),
    }
    out.problems = problems;
}

/// Splits a 學歷學位 cell (`大學 法學學士`, `研究生\n管理學碩士`) into 學歷 and 學位.
fn split_degree(text: &str) -> Option<(String, String)> {
    let (education, degree) = text.trim().split_once(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '/' || c == '、')?;
    let degree = degree.trim();
    let is_degree = ["學士", "学士", "碩士", "硕士", "博士"].iter().any(|w| degree.ends_with(w));
    is_degree.then(|| (education.trim().to_owned(), degree.to_owned()))
}

fn unit_row(
    row: &Row<'_>,
    lookup: &Lookup,
    file_roots: &[String],
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
    // The file's own root (another bureau's export) stands for this bureau's root.
    let root = lookup.root();
    let is_file_root = file_roots.contains(&name);
    let existing = if is_file_root { root } else { lookup.unit(&name).ok() };
    let parent_text = row.text(Field::Parent);
    let is_root = existing.is_some_and(|u| u.parent.is_none());
    let parent = if is_root {
        None
    } else if parent_text.is_empty() {
        problems.push(FieldProblem::new(Field::Parent, Problem::Required));
        None
    } else {
        match lookup.unit(&parent_text) {
            _ if file_roots.contains(&parent_text) && root.is_some() => root.map(|r| ParentRef::Existing(r.id)),
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
    let tier = lookup.tier(&tier_text);
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
    let tier = lookup.tier(&tier_text);
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

/// One 任免審批表 file given to an import: its name and what was read from it, or why not.
#[derive(Clone, Debug, PartialEq)]
pub struct CadreSource {
    pub file: Result<CadreFile, FileFault>,
    pub name: String,
}

/// The columns of a 任免審批表 preview, named by the file's elements.
const CADRE_COLUMNS: [(Field, &str); 10] = [
    (Field::Record, "file"),
    (Field::Name, "XingMing"),
    (Field::Gender, "XingBie"),
    (Field::Birth, "ChuShengNianYue"),
    (Field::IdNumber, "ShenFenZheng"),
    (Field::Unit, "XianRenZhiWu"),
    (Field::Resume, "JianLi"),
    (Field::Family, "JiaTingChengYuan"),
    (Field::Photo, "ZhaoPian"),
    (Field::Appointment, "Person"),
];

/// The preview of 任免審批表 files: a row per file, matched by 身份證號, else name and birth
/// month; new, changed (each field before → after, the 簡歷, family, 獎懲 and photo included),
/// unchanged, or refused with the reason. A new person's unit (and 職務) come from 現任職務.
pub fn cadre_preview(source: &str, files: &[CadreSource], lookup: &Lookup, lang: Lang) -> Preview {
    let mut preview = Preview {
        kind: Kind::Officials,
        file: source.to_owned(),
        sheet: CADRE_SHEET.to_owned(),
        columns: CADRE_COLUMNS.iter().map(|(f, e)| (*f, (*e).to_owned())).collect(),
        rows: Vec::new(),
        header_line: 0,
        skipped: Vec::new(),
        unrecognised: Vec::new(),
        hidden_columns: Vec::new(),
        months: Vec::new(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (index, source) in files.iter().enumerate() {
        let line = index + 1;
        let mut out = PreviewRow {
            line,
            cells: vec![source.name.clone()],
            change: Change::Refused,
            problems: Vec::new(),
            warnings: Vec::new(),
            record: None,
            selected: true,
            hidden: false,
            changes: Vec::new(),
        };
        match &source.file {
            Err(fault) => {
                out.cells.resize(CADRE_COLUMNS.len(), String::new());
                out.problems.push(FieldProblem::new(Field::Record, Problem::BadCadreFile(*fault)));
            }
            Ok(file) => cadre_row(file, lookup, lang, &mut seen, line, &mut out),
        }
        if !out.problems.is_empty() {
            out.change = Change::Refused;
            out.record = None;
        }
        preview.rows.push(out);
    }
    preview
}

/// The sheet name a 任免審批表 preview carries (its rows are files, not a sheet's rows).
pub const CADRE_SHEET: &str = "lrmx";

fn cadre_row(file: &CadreFile, lookup: &Lookup, lang: Lang, seen: &mut HashMap<String, usize>, line: usize, out: &mut PreviewRow) {
    let mut problems = Vec::new();
    let name = clean_person_name(&file.name);
    let id_number = file.id_number.trim().to_ascii_uppercase();
    out.cells.extend([
        name.clone(),
        file.gender.clone(),
        file.birth.clone(),
        mask_id(&id_number),
        file.record.current_post.clone(),
        file.record.resume.len().to_string(),
        file.record.family.len().to_string(),
        if file.photo.is_some() { "✓".to_owned() } else { String::new() },
        String::new(),
    ]);
    let key = if id_number.is_empty() { format!("name:{}\u{1}{}", normalise(&name), file.birth) } else { format!("id:{id_number}") };
    match seen.get(&key) {
        Some(first) => problems.push(FieldProblem::new(Field::Name, Problem::DuplicateInFile { row: *first })),
        None => {
            seen.insert(key, line);
        }
    }
    let existing = match lookup.official(&id_number, "", &name, YearMonth::parse(&file.birth)) {
        Ok(found) => found,
        Err(staff_nos) => {
            problems.push(FieldProblem::new(Field::Name, Problem::AmbiguousMatch { staff_nos }));
            None
        }
    };
    let gender = parse_gender(&file.gender);
    if gender.is_none() && !file.gender.trim().is_empty() {
        problems.push(FieldProblem::new(Field::Gender, Problem::Unknown { value: file.gender.clone() }));
    }
    let mut draft = match existing {
        Some(e) => OfficialDraft::from_data(&e.data),
        None => {
            // A new person: the unit and 職務 as 現任職務 writes them (辦公室主任), 職務/職級 from its words.
            let mut draft = OfficialDraft { status: Some(OfficialStatus::Active), ..Default::default() };
            let post = file.record.current_post.trim();
            match lookup.unit_match(post, true) {
                Ok(found) => {
                    draft.unit = Some(found.unit.id);
                    draft.position_title = found.rest.unwrap_or_default();
                }
                Err(_) => problems.push(FieldProblem::new(Field::Unit, Problem::UnknownUnit { name: post.to_owned() })),
            }
            if let Some(words) = parse_rank_words(&draft.position_title) {
                draft.duty_level = words.duty;
                draft.rank = words.rank;
            }
            draft
        }
    };
    draft.name = name;
    draft.gender = gender;
    draft.birth = file.birth.clone();
    draft.education = file.education.clone();
    *draft.identity = Identity {
        ethnicity: file.ethnicity.clone(),
        native_place: file.native_place.clone(),
        birthplace: file.birthplace.clone(),
        // A file without a 身份證號 keeps the one the bureau holds.
        id_number: if id_number.is_empty() {
            existing.map(|e| e.identity.id_number.clone()).unwrap_or_default()
        } else {
            id_number.clone()
        },
        work_since: file.work_since.clone(),
        party_since: file.party_since.clone(),
        degree: file.degree.clone(),
        school: file.school.clone(),
        inservice_education: file.inservice_education.clone(),
        inservice_degree: file.inservice_degree.clone(),
        inservice_school: file.inservice_school.clone(),
        health: file.health.clone(),
    };
    let photo = match (&file.photo, file.photo_unreadable) {
        (_, true) => {
            problems.push(FieldProblem::new(Field::Photo, Problem::BadPhoto));
            None
        }
        (Some(bytes), false) => {
            let photo = Photo::from_bytes(bytes.clone());
            if photo.is_none() {
                problems.push(FieldProblem::new(Field::Photo, Problem::BadPhoto));
            }
            photo
        }
        (None, false) => None,
    };
    let record = match file.record.validate() {
        Ok(record) => Some(record),
        Err(more) => {
            merge(&mut problems, more);
            None
        }
    };
    let unit = draft.unit.and_then(|u| lookup.unit_by_id(u));
    let post = draft.post.and_then(|p| lookup.post_by_id(p));
    let id_number_holder = lookup.holder(&lookup.by_id_number, &id_number, existing);
    let ctx = OfficialContext {
        today: lookup.today,
        unit,
        post,
        staff_no_holder: None,
        id_number_holder,
        previous_post: existing.and_then(|e| e.post),
        mapping: &lookup.mapping,
    };
    let data = match draft.validate(&ctx) {
        Ok(data) => data,
        Err(more) => {
            merge(&mut problems, more);
            out.problems = problems;
            return;
        }
    };
    let Some(record) = record else {
        out.problems = problems;
        return;
    };
    if let Some(e) = existing {
        let (kept_record, kept_photo) = lookup.cadre.get(&e.id).cloned().unwrap_or_default();
        out.changes = official_changes(lang, lookup, &e.data, &data);
        out.changes.extend(cadre_changes(&kept_record, &record));
        let photo_changes = photo.as_ref().is_some_and(|p| kept_photo.as_ref().is_none_or(|k| k.bytes != p.bytes));
        if photo_changes {
            let size = |p: Option<&Photo>| p.map(|p| format!("{} KB", p.bytes.len().div_ceil(1024))).unwrap_or_default();
            out.changes.push(FieldChange { field: Field::Photo, before: size(kept_photo.as_ref()), after: size(photo.as_ref()) });
        }
    }
    out.change = match existing {
        None => Change::New,
        Some(_) if out.changes.is_empty() => Change::Unchanged,
        Some(_) => Change::Changed,
    };
    if problems.is_empty() {
        out.record = Some(Record::Official { id: existing.map(|e| e.id), data, cadre: Some(Box::new(CadreImport { record, photo })) });
    }
    out.problems = problems;
}

/// What a 任免審批表 import changes in the record kept: 簡歷, family, 獎懲 and the other boxes.
fn cadre_changes(before: &CadreRecord, after: &CadreRecord) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut push = |field: Field, b: String, a: String| {
        if b != a {
            changes.push(FieldChange { field, before: b, after: a });
        }
    };
    push(Field::Resume, before.resume.join(" / "), after.resume.join(" / "));
    let family = |r: &CadreRecord| r.family.iter().map(|m| format!("{} {} {}", m.relation, m.name, m.birth)).collect::<Vec<_>>().join("、");
    push(Field::Family, family(before), family(after));
    push(Field::Rewards, before.rewards.clone(), after.rewards.clone());
    let rest = |r: &CadreRecord| {
        let mut r = r.clone();
        r.resume.clear();
        r.family.clear();
        r.rewards.clear();
        r
    };
    if rest(before) != rest(after) {
        let boxes = |r: &CadreRecord| {
            [&r.current_post, &r.proposed_post, &r.proposed_removal, &r.assessment, &r.reason, &r.professional_title, &r.filled_by]
                .iter()
                .filter(|t| !t.is_empty())
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join("；")
        };
        changes.push(FieldChange { field: Field::Appointment, before: boxes(before), after: boxes(after) });
    }
    changes
}
