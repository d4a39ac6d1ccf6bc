//! Accounts and who may change what: the three roles, the user record and its checks, the
//! password rule, the slow-down after failed log-ins, and the permission rule the service
//! applies to every command. Hashing passwords is the service's; this is the rule alone.

use super::catalogue::vocabulary;
use super::ids::{OfficialId, UnitId};
use super::problem::{Field, FieldProblem, Problem, Problems};
use super::text::clean;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::time::Duration;

vocabulary!(
    /// What an account may do.
    Role {
        /// 人教科 staff: everything.
        Admin = "admin",
        /// A leader: reviews and comments for the units assigned.
        Reviewer = "reviewer",
        /// One roster entry: their own records only.
        Official = "official",
    }
);

/// Longest user name.
pub const MAX_USERNAME: usize = 32;
/// Shortest password a user may choose.
pub const MIN_PASSWORD: usize = 8;
/// Longest password (hashing a megabyte would stall the window).
pub const MAX_PASSWORD: usize = 128;
/// Failed log-ins allowed before each further attempt must wait.
pub const FREE_ATTEMPTS: u32 = 3;
/// The longest wait between attempts.
pub const MAX_WAIT: Duration = Duration::from_secs(60);

/// A stored account (never its password hash).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub uuid: String,
    #[serde(flatten)]
    pub data: UserData,
    /// The password is a one-time one: it must be changed at the next log-in.
    pub must_change: bool,
    pub disabled: bool,
}

/// An account's checked details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserData {
    pub username: String,
    pub role: Option<Role>,
    /// The roster entry of an official (and, optionally, of a reviewer).
    pub official: Option<OfficialId>,
    /// The units a reviewer reviews (with everything below them).
    pub units: Vec<UnitId>,
}

impl UserData {
    /// Trims and checks the user name; an official needs a roster entry, a reviewer a unit.
    pub fn validate(self) -> Result<UserData, Vec<FieldProblem>> {
        let mut problems = Problems::default();
        let username = clean(&self.username, Field::Username, true, MAX_USERNAME, &mut problems);
        if username.chars().any(char::is_whitespace) {
            problems.push(Field::Username, Problem::ControlCharacters);
        }
        match self.role {
            None => problems.push(Field::Role, Problem::Required),
            Some(Role::Official) if self.official.is_none() => problems.push(Field::Official, Problem::Required),
            Some(Role::Reviewer) if self.units.is_empty() => problems.push(Field::Unit, Problem::Required),
            _ => {}
        }
        let units = if self.role == Some(Role::Reviewer) { self.units } else { Vec::new() };
        problems.finish(UserData { username, units, ..self })
    }
}

/// Whether `password` may be chosen: long enough, not too long, no control characters.
pub fn check_password(password: &str) -> Result<(), FieldProblem> {
    let length = password.chars().count();
    let problem = if length < MIN_PASSWORD {
        Problem::TooShort { min: MIN_PASSWORD }
    } else if length > MAX_PASSWORD {
        Problem::TooLong { max: MAX_PASSWORD }
    } else if password.chars().any(char::is_control) {
        Problem::ControlCharacters
    } else {
        return Ok(());
    };
    Err(FieldProblem::new(Field::Password, problem))
}

/// How long the next log-in must wait after `failures` failed ones in a row: nothing for the
/// first few, then doubling from one second up to [`MAX_WAIT`].
pub fn login_delay(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(16);
    Duration::from_secs(1u64 << doublings).min(MAX_WAIT)
}

/// Who is acting, as the permission rule sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Access {
    /// An administrator account, or the command line.
    Admin,
    /// A leader: `units` holds the assigned units and every unit below them.
    Reviewer {
        official: Option<OfficialId>,
        units: HashSet<UnitId>,
    },
    Official {
        official: OfficialId,
    },
    /// Nobody has logged in (or the last user logged out): nothing may change.
    Nobody,
}

/// The account logged in, as the window shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub user: i64,
    pub username: String,
    pub role: Role,
    pub official: Option<OfficialId>,
    /// The password is a one-time one and must be changed before anything else.
    pub must_change: bool,
}

/// What a change needs from whoever asks for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// The bureau's set-up: units, posts, roster, standards, programme, rounds, accounts.
    Admin,
    /// The official's own record (their self-check, seat statement, plan).
    Owner(OfficialId),
    /// A reviewer of `unit` judging `subject`'s record; nobody reviews their own.
    Reviewer { unit: UnitId, subject: OfficialId },
    /// A record of `unit` as a whole (a unit plan): its reviewers.
    UnitLead(UnitId),
    /// The colleague assigned to peer-check someone.
    Peer(OfficialId),
}

/// What a read or an export needs: the rule for what an account may see, beside [`Need`] for
/// what it may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sight {
    /// The bureau's tables as a whole (the roster, accounts, the change log, exports, every
    /// post's sheet): administrators.
    Bureau,
    /// The programme's figures and lists already narrowed to what the account may see (home,
    /// programme, analysis, training, summaries): administrators and reviewers.
    Overview,
    /// A unit's records with everything below it: administrators and the unit's reviewers.
    Unit(UnitId),
    /// One official's records: administrators, the unit's reviewers and the official.
    Official { official: OfficialId, unit: UnitId },
    /// What every account logged in reads (blank forms, lists narrowed person by person).
    Anyone,
}

impl Access {
    /// The reading rule: what `sight` names may be read by the actor.
    pub fn may_read(&self, sight: Sight) -> bool {
        match (self, sight) {
            (Access::Nobody, _) => false,
            (Access::Admin, _) | (_, Sight::Anyone) => true,
            (_, Sight::Bureau) => false,
            (Access::Reviewer { .. }, Sight::Overview) => true,
            (Access::Reviewer { units, .. }, Sight::Unit(unit)) => units.contains(&unit),
            (_, Sight::Official { official, unit }) => self.may_see(official, unit),
            (Access::Official { .. }, Sight::Overview | Sight::Unit(_)) => false,
        }
    }

    /// The permission rule: administrators may do everything; others only what is theirs.
    pub fn allows(&self, need: Need) -> bool {
        match (self, need) {
            (Access::Admin, _) => true,
            (Access::Reviewer { official, units }, need) => match need {
                Need::Admin => false,
                Need::Owner(who) | Need::Peer(who) => *official == Some(who),
                Need::Reviewer { unit, subject } => units.contains(&unit) && *official != Some(subject),
                Need::UnitLead(unit) => units.contains(&unit),
            },
            (Access::Official { official }, Need::Owner(who) | Need::Peer(who)) => *official == who,
            (Access::Official { .. } | Access::Nobody, _) => false,
        }
    }

    /// The roster entry the actor is, if any.
    pub fn official(&self) -> Option<OfficialId> {
        match self {
            Access::Admin | Access::Nobody => None,
            Access::Reviewer { official, .. } => *official,
            Access::Official { official } => Some(*official),
        }
    }

    /// The role acting (`None` before a log-in).
    pub fn role(&self) -> Option<Role> {
        Some(match self {
            Access::Nobody => return None,
            Access::Admin => Role::Admin,
            Access::Reviewer { .. } => Role::Reviewer,
            Access::Official { .. } => Role::Official,
        })
    }

    /// Whether the actor may see `official`'s records (of `unit`).
    pub fn may_see(&self, official: OfficialId, unit: UnitId) -> bool {
        match self {
            Access::Admin => true,
            Access::Reviewer { official: me, units } => units.contains(&unit) || *me == Some(official),
            Access::Official { official: me } => *me == official,
            Access::Nobody => false,
        }
    }
}

/// An account made for an official with a one-time password to hand over.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAccount {
    pub username: String,
    pub name: String,
    pub staff_no: String,
    pub password: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_permission_rule_table() {
        let (me, other, colleague) = (OfficialId(1), OfficialId(2), OfficialId(3));
        let (mine, theirs) = (UnitId(10), UnitId(20));
        let reviewer = Access::Reviewer { official: Some(colleague), units: HashSet::from([mine]) };
        let official = Access::Official { official: me };
        let cases = [
            (Need::Admin, [true, false, false]),
            (Need::Owner(me), [true, false, true]),
            (Need::Owner(other), [true, false, false]),
            (Need::Owner(colleague), [true, true, false]),
            (Need::Reviewer { unit: mine, subject: me }, [true, true, false]),
            (Need::Reviewer { unit: mine, subject: colleague }, [true, false, false]),
            (Need::Reviewer { unit: theirs, subject: other }, [true, false, false]),
            (Need::UnitLead(mine), [true, true, false]),
            (Need::UnitLead(theirs), [true, false, false]),
            (Need::Peer(me), [true, false, true]),
            (Need::Peer(colleague), [true, true, false]),
        ];
        for (need, want) in cases {
            let got = [Access::Admin.allows(need), reviewer.allows(need), official.allows(need)];
            assert_eq!(got, want, "{need:?}");
            assert!(!Access::Nobody.allows(need), "nothing changes before a log-in");
        }
    }

    #[test]
    fn the_reading_rule_table() {
        let (me, other, colleague) = (OfficialId(1), OfficialId(2), OfficialId(3));
        let (mine, theirs) = (UnitId(10), UnitId(20));
        let reviewer = Access::Reviewer { official: Some(colleague), units: HashSet::from([mine]) };
        let official = Access::Official { official: me };
        let cases = [
            (Sight::Bureau, [true, false, false]),
            (Sight::Overview, [true, true, false]),
            (Sight::Unit(mine), [true, true, false]),
            (Sight::Unit(theirs), [true, false, false]),
            (Sight::Official { official: me, unit: mine }, [true, true, true]),
            (Sight::Official { official: other, unit: theirs }, [true, false, false]),
            (Sight::Official { official: colleague, unit: theirs }, [true, true, false]),
            (Sight::Anyone, [true, true, true]),
        ];
        for (sight, want) in cases {
            let got = [Access::Admin.may_read(sight), reviewer.may_read(sight), official.may_read(sight)];
            assert_eq!(got, want, "{sight:?}");
            assert!(!Access::Nobody.may_read(sight), "nothing is read before a log-in");
        }
    }

    #[test]
    fn failed_log_ins_slow_down_to_a_cap() {
        let waits: Vec<u64> = [0, 2, 3, 4, 5, 8, 40].iter().map(|f| login_delay(*f).as_secs()).collect();
        assert_eq!(waits, vec![0, 0, 1, 2, 4, 32, 60]);
    }

    #[test]
    fn passwords_and_user_names_are_checked() {
        assert!(check_password("short").is_err());
        assert!(check_password(&"長".repeat(MAX_PASSWORD + 1)).is_err());
        assert!(check_password("abc\u{7}defgh").is_err());
        assert!(check_password("稅務局2012年").is_ok());
        let data = |username: &str, role| UserData { username: username.into(), role, official: None, units: vec![] };
        assert!(data("wang li", Some(Role::Admin)).validate().is_err(), "no spaces inside a user name");
        assert!(data("wangli", None).validate().is_err());
        assert!(data("wangli", Some(Role::Official)).validate().is_err(), "an official needs a roster entry");
        assert!(data("wangli", Some(Role::Reviewer)).validate().is_err(), "a reviewer needs a unit");
        assert_eq!(data("  admin ", Some(Role::Admin)).validate().unwrap().username, "admin");
    }
}
