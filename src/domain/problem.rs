//! What can be wrong with an edit, as data: the field it concerns and the problem found.
//! The interface turns these into sentences in the user's language (`crate::i18n`).

use serde::{Deserialize, Serialize};

/// The input a problem belongs to, so the message can be shown next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Field {
    BureauName,
    Year,
    UnitName,
    UnitKind,
    Parent,
    Title,
    Tier,
    Duties,
    Standard,
    Authority,
    TimeLimits,
    Responsibility,
    Headcount,
    StaffNo,
    Name,
    Gender,
    Birth,
    Political,
    Education,
    PositionTitle,
    Unit,
    Post,
    PostSince,
    Status,
    /// 職級 (and the tier it leads to).
    Rank,
    /// 領導職務層次.
    DutyLevel,
    DutySince,
    RankSince,
    /// 級別.
    Grade,
    Ethnicity,
    NativePlace,
    Birthplace,
    IdNumber,
    WorkSince,
    PartySince,
    Degree,
    School,
    InserviceEducation,
    InserviceDegree,
    InserviceSchool,
    Health,
    Photo,
    /// 簡歷 (a 任免審批表's résumé lines).
    Resume,
    /// 家庭主要成員及重要社會關係.
    Family,
    /// 獎懲情況.
    Rewards,
    /// The 任免審批表's other boxes (擬任職務, 任免理由, 填表時間…).
    Appointment,
    /// The required level of one of the 八種能力 (by position, 1–8).
    Capability(u8),
    Username,
    Password,
    Role,
    /// The roster entry an account or a peer check names.
    Official,
    Shortfalls,
    Reflection,
    Comment,
    /// The reason a self-check is returned.
    Reason,
    Score,
    Action,
    Support,
    Training,
    Deadline,
    /// A problem with the record as a whole rather than one input.
    Record,
}

/// One thing wrong with an edit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong {
        max: usize,
    },
    TooShort {
        min: usize,
    },
    ControlCharacters,
    BadYearMonth,
    BadDate,
    InFuture,
    TooEarly {
        min_year: i32,
    },
    OutOfRange {
        min: i64,
        max: i64,
    },
    DuplicateStaffNo {
        holder: String,
    },
    PostInOtherUnit,
    UnitRetired,
    PostRetired,
    NotFound,
    /// Moving a unit under itself or one of its own sub-units.
    Cycle,
    /// The bureau (the root unit) cannot be moved under another unit or retired.
    RootFixed,
    /// Deleting or retiring a unit that still holds something.
    UnitNotEmpty {
        children: usize,
        posts: usize,
        officials: usize,
    },
    /// Deleting a unit that records name (milestones, rounds, plans, reviews): retire it instead.
    UnitHasRecords {
        records: usize,
    },
    /// Retiring or deleting a post that officials still hold.
    PostHeld {
        officials: usize,
    },
    /// Moving a post to another unit while officials hold it.
    PostMoveHeld {
        officials: usize,
    },
    /// The database already holds a bureau.
    AlreadySetUp,
    /// An imported row names a unit the bureau does not have.
    UnknownUnit {
        name: String,
    },
    /// Several units carry the name an imported row gives.
    AmbiguousUnit {
        name: String,
    },
    /// An imported row names a post its unit does not have.
    UnknownPost {
        title: String,
    },
    /// The same key (staff number, unit, post) appears on an earlier row of the file.
    DuplicateInFile {
        row: usize,
    },
    /// A confirmed record is locked; return it to draft first.
    Locked,
    /// A status change the workflow does not allow (e.g. draft straight to confirmed).
    BadStatusChange,
    /// A warning: an existing official has this name in the other script (張偉 / 张伟).
    SimilarName {
        name: String,
        staff_no: String,
    },
    /// An official with records of their own is transferred or retired, not deleted.
    HasRecords {
        records: usize,
    },
    /// An imported row names a staff number the roster does not have.
    UnknownStaffNo {
        staff_no: String,
    },
    /// The user name is taken by another account.
    DuplicateUsername,
    /// The official is not among those taking part in the round.
    NotInRound,
    /// The round is closed.
    RoundClosed,
    /// The acting account may not make this change.
    Forbidden,
    /// A value that is not one of the choices (a tier, a gender, a status).
    Unknown {
        value: String,
    },
    /// A 身份證號 of the wrong shape or with an impossible birth date.
    BadIdNumber,
    /// A 身份證號 whose last character is not its check digit.
    IdNumberChecksum,
    /// The 身份證號 carries another birth month than 出生年月.
    IdNumberBirth {
        month: String,
    },
    /// Another official has this 身份證號.
    DuplicateIdNumber {
        holder: String,
    },
    /// A long 身份證號 Excel kept as a number: its last digits are lost.
    IdNumberAsNumber,
    /// A date before the person's birth.
    BeforeBirth,
    /// Neither 職務 nor 職級 (nor a tier chosen by hand) says which tier the official is in.
    TierUnknown,
    /// `YYYY.1` in a column where nothing tells January from October.
    AmbiguousMonth {
        value: String,
    },
    /// A photo that is not a JPEG or PNG of at most 2 MB.
    BadPhoto,
    /// A 任免審批表 file that is refused as a whole, and why.
    BadCadreFile(FileFault),
    /// A 職務 or 職級 cell in none of the words of the 2019 ranks or the leadership levels.
    UnknownRank {
        value: String,
    },
    /// Several officials match an imported row (same name and birth month, no ID number).
    AmbiguousMatch {
        staff_nos: String,
    },
    /// A unit's 平時 period cannot close while these people are unrated.
    Unrated {
        names: String,
    },
    /// A 優秀 share over 20% needs the approval's 文號.
    ApprovalNeeded {
        percent: u32,
        max: u32,
    },
    /// A 名額分配表 gives units more places than the pool has.
    OverAllocated {
        total: u64,
        sum: u64,
    },
    /// A 公示 ending before five working days have passed since its start.
    PublicityTooShort {
        earliest: String,
    },
    /// A 優秀 grade acknowledged (made final) before a 公示 naming the official has ended.
    NotPublicised {
        until: Option<String>,
    },
    /// A ballot code that was never issued or has been used.
    BadBallotCode,
    /// A line of the calendar that is not `date 假|班 name`.
    BadCalendarLine {
        line: usize,
    },
}

/// Why a 任免審批表 file is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileFault {
    /// Larger than a 任免審批表 ever is.
    TooLarge,
    /// Elements nested deeper, or more of them, than the form has.
    TooDeep,
    /// A document type or entity declaration (which could pull in other files or expand without end).
    Declarations,
    /// Not well-formed XML, or a reference to an entity XML does not define.
    NotXml,
    /// Well-formed, but not a `<Person>` record.
    NotPerson,
    /// Text in neither UTF-8 (`.lrmx`) nor GB2312/GBK (`.lrm`).
    Encoding,
    /// An `.lrm` whose fields are not the form's.
    NotLrm,
}

/// A problem attached to the field it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: Field,
    pub problem: Problem,
}

impl FieldProblem {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem }
    }
}

/// Collects problems while a draft is checked.
#[derive(Default, Debug)]
pub struct Problems(pub Vec<FieldProblem>);

impl Problems {
    pub fn push(&mut self, field: Field, problem: Problem) {
        self.0.push(FieldProblem::new(field, problem));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(value)` when nothing was found, otherwise every problem.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldProblem>> {
        if self.0.is_empty() { Ok(value) } else { Err(self.0) }
    }
}
