//! Who may do what: the permission rules of thidua, decided here and nowhere else.
//!
//! A decision is a pure function of the viewer (with their roles and unit scope), the action and the
//! target. Handlers ask [`decide`]; templates are given the answers so they hide what the viewer may
//! not do; lists are narrowed by [`people_scope`] and [`unit_scope`]. A viewer with several roles gets
//! what the most generous of them allows.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::Arc;

coded_enum! {
    /// A role, with the codes of `shared/contracts/api.md`.
    Role {
        Admin => ("admin", "Quản trị hệ thống"),
        TdktOffice => ("tdkt_office", "Cơ quan thi đua, khen thưởng (Phòng Nội vụ)"),
        UnitOfficer => ("unit_officer", "Cán bộ thi đua, khen thưởng của đơn vị"),
        CouncilMember => ("council_member", "Thành viên Hội đồng thi đua, khen thưởng"),
        Leader => ("leader", "Lãnh đạo ký quyết định"),
        LabourFederation => ("labour_federation", "Liên đoàn Lao động"),
        Worker => ("worker", "Người lao động"),
    }
}

/// A signed-in user as the rules see them.
#[derive(Debug, Clone, Serialize)]
pub struct Principal {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
    /// The unit the account belongs to (a unit officer's unit, a worker's unit).
    pub unit_id: Option<i64>,
    /// The unit and every unit under it: where a unit officer may read and write.
    #[serde(skip)]
    pub scope: Arc<BTreeSet<i64>>,
    /// The person record of this user, if any (a worker's own record).
    pub person_id: Option<i64>,
}

impl Principal {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    fn in_scope(&self, unit_id: i64) -> bool {
        self.scope.contains(&unit_id)
    }
}

/// Whoever sends a request: the public (no login) or a signed-in user.
#[derive(Debug, Clone, Default)]
pub enum Viewer {
    #[default]
    Public,
    User(Principal),
}

impl Viewer {
    pub fn principal(&self) -> Option<&Principal> {
        match self {
            Viewer::Public => None,
            Viewer::User(p) => Some(p),
        }
    }

    /// The name the audit log records.
    pub fn audit_name(&self) -> &str {
        match self {
            Viewer::Public => "public",
            Viewer::User(p) => &p.username,
        }
    }
}

/// What a request wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Action {
    /// The home page and what is published.
    ReadPublic,
    /// The list (tree) of units.
    ListUnits,
    /// One unit with its people.
    ReadUnit,
    /// Create, rename, move or merge units.
    EditUnit,
    /// Lists and searches of people.
    ListPeople,
    /// One person's record.
    ReadPerson,
    /// Add a person to a unit, or change a person's record (target: the unit they are in or go to).
    EditPerson,
    /// The eligibility calculator.
    CheckEligibility,
    /// The audit log.
    ReadAudit,
    /// Accounts, roles, scopes, locks and other people's sessions.
    ManageUsers,
    /// Add a version of the eligibility rule tables when the law changes.
    ManageRules,
    /// One's own account: password, sessions, API tokens.
    OwnAccount,
    /// Read the document register (sổ văn bản).
    ReadDocuments,
    /// Register incoming documents and draft outgoing ones.
    EditDocuments,
    /// Read movements and their directives' public text.
    ReadMovements,
    /// Create or change a movement: the city office any, a unit officer their unit's own launch.
    ManageMovements,
    /// Direct a movement: issue directives, remind units, record inspections, reopen registrations.
    Direct,
    /// See the follow-up matrix of units × tasks.
    FollowUp,
    /// Read a unit's work on a movement: inbox, reports, registration, propaganda.
    ReadUnitWork,
    /// Do a unit's work: mark read, report on tasks, register, post propaganda.
    EditUnitWork,
    /// Lists and searches of initiatives (each narrowed to those [`Action::ReadInitiative`] allows;
    /// the public gets the published ones).
    ListInitiatives,
    /// One initiative (target: [`Target::Initiative`]).
    ReadInitiative,
    /// Write, change, submit or withdraw an initiative: its authors, the officers of its unit, the
    /// office. With [`Target::None`]: the empty form.
    EditInitiative,
    /// Set up councils, their members, rubrics and rounds; put initiatives before a round; close it;
    /// record the recognition decision (target: the council's unit as a [`Target::Record`]).
    ManageCouncils,
    /// Score an initiative before one's council (target: [`Target::Initiative`]); with
    /// [`Target::None`], the scoring page.
    ScoreInitiatives,
    /// Record that a unit adopted (replicated) an initiative (target: the adopting unit).
    RecordReplication,
    /// The union's list for the Bằng Lao động sáng tạo.
    ReadCreativeLabour,
    /// Commendation (khen thưởng): read rounds, nominations (target: a nomination as a
    /// [`Target::Record`] of its nominating unit), councils, meetings and decisions.
    ReadCommendation,
    /// Enter a unit's yearly ratings (xếp loại) grid (target: the unit).
    EditRatings,
    /// Lock a year's ratings once complete: the city office.
    LockRatings,
    /// Create and change rounds (đợt xét) with their awards and quotas, close them.
    ManageAwardRounds,
    /// Propose, change, send and attach files to a nomination (target: the nominating unit as a
    /// [`Target::Record`], finished once it is no longer editable; [`Target::None`]: the form).
    Nominate,
    /// Accept, return or reject a sent nomination: the city office.
    ReviewNominations,
    /// Set up commendation councils, meetings, recusals; open and close ballots.
    ManageAwardCouncils,
    /// See a ballot (target: [`Target::Ballot`]): its members, the office, the leader.
    ReadBallot,
    /// Cast one's paper in a ballot (target: [`Target::Ballot`]): its members only.
    Vote,
    /// Draft an award decision from a round, change the draft, attach the signed scan.
    DraftDecisions,
    /// Approve an award decision (it gets its number): the leader who signs.
    ApproveDecisions,
    /// Read exemplary models (điển hình): everyone signed in reads the published ones; a draft is
    /// a record of its unit.
    ReadModels,
    /// Write a profile: the office any, a unit officer a draft of their units.
    EditModels,
    /// Publish or take back what the public honour board shows (profiles, final decisions,
    /// recognised initiatives): the city's office.
    PublishBoard,
    /// Review reports (sơ kết, tổng kết) and their files. With [`Target::None`]: the whole city or a
    /// group of units; with a [`Target::Unit`]: that unit and the units under it (a unit officer:
    /// their own units only).
    ReadReports,
}

/// What an action is done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Nothing in particular (a list, a form, the viewer's own account).
    None,
    /// A unit; `closed` when it was dissolved or merged (its history is read-only).
    Unit { id: i64, closed: bool },
    /// A person, by their id and the unit they are in.
    Person { id: i64, unit_id: i64 },
    /// A record of later work (a nomination, a decision…): its unit, its author and whether it is
    /// signed or closed, after which nobody edits it.
    Record {
        unit_id: Option<i64>,
        author_person_id: Option<i64>,
        finished: bool,
    },
    /// An initiative, with what the viewer is to it (worked out by the caller from the records).
    Initiative {
        unit_id: i64,
        /// The viewer's person is among its authors.
        author: bool,
        /// It is before a council the viewer is a member of.
        council: bool,
        /// Published: recognised, readable by anyone.
        published: bool,
        /// The council has decided: nobody edits it any more.
        finished: bool,
    },
    /// A ballot of a commendation council; `member`: the viewer is a member of that council.
    Ballot { member: bool },
}

/// The answer: go ahead, or the status of the refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Decision {
    Allow,
    /// Not signed in: log in first (401).
    Login,
    /// Signed in, sees the target, may not do this (403).
    Forbidden,
    /// Signed in, may not even see the target: answered as if it did not exist (404).
    Hidden,
}

impl Decision {
    pub fn allowed(self) -> bool {
        self == Decision::Allow
    }
}

/// Whose people a list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeopleScope {
    All,
    /// Only people in these units.
    Units(Arc<BTreeSet<i64>>),
    /// Nobody.
    Nobody,
}

/// May `viewer` do `action` to `target`?
pub fn decide(viewer: &Viewer, action: Action, target: Target) -> Decision {
    let p = match viewer {
        Viewer::Public => {
            let published = match (action, target) {
                (Action::ListInitiatives, Target::None) => true,
                (Action::ReadInitiative, Target::Initiative { published, .. }) => published,
                _ => false,
            };
            return if action == Action::ReadPublic || published {
                Decision::Allow
            } else {
                Decision::Login
            };
        }
        Viewer::User(p) => p,
    };
    // Nothing signed or closed is edited, whoever asks.
    let finished = matches!(
        target,
        Target::Unit { closed: true, .. }
            | Target::Record { finished: true, .. }
            | Target::Initiative { finished: true, .. }
    );
    let writes = matches!(
        action,
        Action::EditUnit
            | Action::EditPerson
            | Action::EditUnitWork
            | Action::ManageMovements
            | Action::EditInitiative
            | Action::EditRatings
            | Action::Nominate
            | Action::EditModels
    );
    let mut visible = false;
    for &role in &p.roles {
        if role_sees(p, role, target) {
            visible = true;
            if role_may(p, role, action, target) && !(writes && finished) {
                return Decision::Allow;
            }
        }
    }
    if visible {
        Decision::Forbidden
    } else {
        Decision::Hidden
    }
}

/// Does this role of `p` see `target` at all?
fn role_sees(p: &Principal, role: Role, target: Target) -> bool {
    // Authors see their own initiatives, council members what is before their council, everyone
    // what is published; whatever their role.
    if let Target::Initiative {
        author,
        council,
        published,
        ..
    } = target
    {
        if author || council || published {
            return true;
        }
    }
    // A ballot is seen by its council's members, and by the office and the leader, nobody else.
    if let Target::Ballot { member } = target {
        return member || matches!(role, Role::Admin | Role::TdktOffice | Role::Leader);
    }
    match role {
        // A council member sees the initiatives before their council (above), no others.
        Role::CouncilMember if matches!(target, Target::Initiative { .. }) => false,
        Role::Admin
        | Role::TdktOffice
        | Role::CouncilMember
        | Role::Leader
        | Role::LabourFederation => true,
        Role::UnitOfficer => match target {
            Target::None => true,
            Target::Unit { id, .. } => p.in_scope(id),
            Target::Person { unit_id, .. } => p.in_scope(unit_id),
            Target::Record { unit_id, .. } => unit_id.is_some_and(|u| p.in_scope(u)),
            Target::Initiative { unit_id, .. } => p.in_scope(unit_id),
            Target::Ballot { .. } => false,
        },
        Role::Worker => match target {
            Target::None => true,
            Target::Unit { .. } | Target::Initiative { .. } | Target::Ballot { .. } => false,
            Target::Person { id, .. } => p.person_id == Some(id),
            Target::Record {
                author_person_id, ..
            } => author_person_id.is_some() && author_person_id == p.person_id,
        },
    }
}

/// May this role of `p` do `action` on a target it sees?
fn role_may(p: &Principal, role: Role, action: Action, target: Target) -> bool {
    use Action::*;
    match action {
        ReadPublic | OwnAccount => true,
        ManageUsers | ManageRules | ReadAudit => role == Role::Admin,
        CheckEligibility => role != Role::Worker,
        ListUnits | ReadUnit | ListPeople => role != Role::Worker,
        ReadPerson => true,
        ReadMovements => true,
        ReadDocuments | ReadUnitWork => role != Role::Worker,
        EditDocuments | Direct => matches!(role, Role::Admin | Role::TdktOffice),
        FollowUp => !matches!(role, Role::Worker | Role::UnitOfficer),
        EditUnitWork => matches!(role, Role::Admin | Role::TdktOffice | Role::UnitOfficer),
        ManageMovements => match role {
            Role::Admin | Role::TdktOffice => true,
            Role::UnitOfficer => {
                matches!(target, Target::Record { unit_id: Some(u), .. } if p.in_scope(u))
            }
            _ => false,
        },
        ListInitiatives | ReadInitiative => true,
        EditInitiative => match target {
            // The empty form: anyone may write up their own initiative.
            Target::None => true,
            Target::Initiative {
                author, unit_id, ..
            } => {
                author
                    || matches!(role, Role::Admin | Role::TdktOffice)
                    || (role == Role::UnitOfficer && p.in_scope(unit_id))
            }
            _ => false,
        },
        ManageCouncils => match role {
            Role::Admin | Role::TdktOffice => true,
            Role::UnitOfficer => match target {
                Target::None => true,
                Target::Record { unit_id, .. } => unit_id.is_some_and(|u| p.in_scope(u)),
                _ => false,
            },
            _ => false,
        },
        ScoreInitiatives => match target {
            Target::None => matches!(role, Role::CouncilMember | Role::LabourFederation),
            Target::Initiative { council, .. } => council,
            _ => false,
        },
        RecordReplication => match role {
            Role::Admin | Role::TdktOffice => true,
            Role::UnitOfficer => match target {
                Target::None => true,
                Target::Unit { id, .. } => p.in_scope(id),
                _ => false,
            },
            _ => false,
        },
        ReadCreativeLabour => matches!(
            role,
            Role::Admin | Role::TdktOffice | Role::Leader | Role::LabourFederation
        ),
        ReadCommendation => role != Role::Worker,
        EditRatings | Nominate => match role {
            Role::Admin | Role::TdktOffice => true,
            Role::UnitOfficer => match target {
                Target::None => true,
                Target::Unit { id, .. } => p.in_scope(id),
                Target::Record { unit_id, .. } => unit_id.is_some_and(|u| p.in_scope(u)),
                _ => false,
            },
            _ => false,
        },
        LockRatings | ManageAwardRounds | ReviewNominations | ManageAwardCouncils
        | DraftDecisions => matches!(role, Role::Admin | Role::TdktOffice),
        ReadBallot => matches!(target, Target::Ballot { .. }),
        Vote => matches!(target, Target::Ballot { member: true }),
        ApproveDecisions => role == Role::Leader,
        ReadModels => true,
        EditModels => match role {
            Role::Admin | Role::TdktOffice => true,
            Role::UnitOfficer => match target {
                Target::None => true,
                Target::Unit { id, .. } => p.in_scope(id),
                Target::Record { unit_id, .. } => unit_id.is_some_and(|u| p.in_scope(u)),
                _ => false,
            },
            _ => false,
        },
        PublishBoard => matches!(role, Role::Admin | Role::TdktOffice),
        ReadReports => match target {
            Target::Unit { .. } => role != Role::Worker,
            _ => !matches!(role, Role::Worker | Role::UnitOfficer),
        },
        EditUnit => matches!(role, Role::Admin | Role::TdktOffice),
        EditPerson => match role {
            Role::Admin | Role::TdktOffice => true,
            // A unit officer adds and changes people of their own units only.
            // (With no target: the empty form, whose unit is chosen among theirs.)
            Role::UnitOfficer => match target {
                Target::None => true,
                Target::Unit { id, .. } => p.in_scope(id),
                Target::Person { unit_id, .. } => p.in_scope(unit_id),
                Target::Record { .. } | Target::Initiative { .. } | Target::Ballot { .. } => false,
            },
            _ => false,
        },
    }
}

/// The unit that makes a nomination when the caller names none: a unit officer nominates for
/// their own unit, and so only people and units of its scope; the office (or an administrator),
/// whose scope is every unit, nominates for the nominee's own unit (`None`), so its nominee may
/// be anyone. The most generous role wins.
pub fn default_nominating_unit(viewer: &Viewer, given: Option<i64>) -> Option<i64> {
    given.or_else(|| {
        let p = viewer.principal()?;
        if p.roles
            .iter()
            .any(|r| matches!(r, Role::Admin | Role::TdktOffice))
        {
            return None;
        }
        if p.has(Role::UnitOfficer) {
            p.unit_id
        } else {
            None
        }
    })
}

/// The people whose records `viewer` may list.
pub fn people_scope(viewer: &Viewer) -> PeopleScope {
    let Some(p) = viewer.principal() else {
        return PeopleScope::Nobody;
    };
    if p.roles.iter().any(|r| {
        matches!(
            r,
            Role::Admin
                | Role::TdktOffice
                | Role::CouncilMember
                | Role::Leader
                | Role::LabourFederation
        )
    }) {
        PeopleScope::All
    } else if p.has(Role::UnitOfficer) {
        PeopleScope::Units(p.scope.clone())
    } else {
        PeopleScope::Nobody
    }
}

/// The units `viewer` may open: the same answer as for people.
pub fn unit_scope(viewer: &Viewer) -> PeopleScope {
    people_scope(viewer)
}

/// Why an administrator may not make this change to account `target` (their own, when `acting` is
/// it): nobody locks themselves out or drops their own administrator role, so that an office always
/// keeps one administrator who can undo a mistake.
pub fn self_change_problem(
    acting: i64,
    target: i64,
    locked: bool,
    roles: &[Role],
) -> Option<&'static str> {
    (acting == target && (locked || !roles.contains(&Role::Admin)))
        .then_some("Không thể tự khoá hoặc tự bỏ vai trò quản trị của chính mình")
}

/// Why a password is too weak, or `None` when it is acceptable: at least 10 characters, at least two
/// of letters, digits and other characters, and not containing the username.
pub fn password_problem(password: &str, username: &str) -> Option<&'static str> {
    let chars = password.chars().count();
    if chars < 10 {
        return Some("Mật khẩu phải có ít nhất 10 ký tự");
    }
    if chars > 200 {
        return Some("Mật khẩu dài quá 200 ký tự");
    }
    let letters = password.chars().any(char::is_alphabetic);
    let digits = password.chars().any(|c| c.is_ascii_digit());
    let others = password.chars().any(|c| !c.is_alphanumeric());
    if [letters, digits, others].iter().filter(|b| **b).count() < 2 {
        return Some("Mật khẩu phải có ít nhất hai loại: chữ, chữ số, ký tự khác");
    }
    let lower = password.to_lowercase();
    if !username.is_empty() && lower.contains(&username.to_lowercase()) {
        return Some("Mật khẩu không được chứa tên đăng nhập");
    }
    if COMMON.iter().any(|c| lower.starts_with(c)) {
        return Some("Mật khẩu quá dễ đoán");
    }
    None
}

/// Beginnings of passwords that guessers try first.
const COMMON: &[&str] = &[
    "1234567890",
    "123456789a",
    "password",
    "matkhau",
    "abc123456",
    "qwerty",
    "admin",
    "12345678",
];

/// Why a username is not acceptable: 3 to 32 characters among a–z, 0–9, dot, dash and underscore,
/// starting with a letter.
pub fn username_problem(username: &str) -> Option<&'static str> {
    let ok_chars = username
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if !(3..=32).contains(&username.len())
        || !ok_chars
        || !username.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return Some("Tên đăng nhập gồm 3–32 ký tự a–z, 0–9, dấu chấm, gạch ngang, gạch dưới; bắt đầu bằng chữ cái");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(roles: &[Role], unit: Option<i64>, scope: &[i64], person: Option<i64>) -> Viewer {
        Viewer::User(Principal {
            user_id: 1,
            username: "u".into(),
            display_name: "U".into(),
            roles: roles.to_vec(),
            unit_id: unit,
            scope: Arc::new(scope.iter().copied().collect()),
            person_id: person,
        })
    }

    const WARD_A: i64 = 10;
    const WARD_B: i64 = 20;

    #[test]
    fn the_public_only_reads_what_is_published() {
        let v = Viewer::Public;
        assert_eq!(
            decide(&v, Action::ReadPublic, Target::None),
            Decision::Allow
        );
        for a in [Action::ListUnits, Action::ReadAudit, Action::EditPerson] {
            assert_eq!(decide(&v, a, Target::None), Decision::Login);
        }
    }

    #[test]
    fn a_unit_officer_stays_in_their_units() {
        let v = user(&[Role::UnitOfficer], Some(WARD_A), &[WARD_A, 11], None);
        let a = Target::Unit {
            id: WARD_A,
            closed: false,
        };
        let b = Target::Unit {
            id: WARD_B,
            closed: false,
        };
        assert_eq!(decide(&v, Action::ReadUnit, a), Decision::Allow);
        assert_eq!(decide(&v, Action::ReadUnit, b), Decision::Hidden);
        assert_eq!(decide(&v, Action::EditPerson, a), Decision::Allow);
        assert_eq!(decide(&v, Action::EditPerson, b), Decision::Hidden);
        assert_eq!(decide(&v, Action::EditUnit, a), Decision::Forbidden);
        let pb = Target::Person {
            id: 5,
            unit_id: WARD_B,
        };
        assert_eq!(decide(&v, Action::ReadPerson, pb), Decision::Hidden);
        let pa = Target::Person { id: 6, unit_id: 11 };
        assert_eq!(decide(&v, Action::EditPerson, pa), Decision::Allow);
        assert_eq!(
            people_scope(&v),
            PeopleScope::Units(Arc::new([WARD_A, 11].into_iter().collect()))
        );
        assert_eq!(
            decide(&v, Action::ReadAudit, Target::None),
            Decision::Forbidden
        );
    }

    #[test]
    fn a_unit_officer_does_its_units_work_until_it_is_closed() {
        let v = user(&[Role::UnitOfficer], Some(WARD_A), &[WARD_A], None);
        let own = |finished| Target::Record {
            unit_id: Some(WARD_A),
            author_person_id: None,
            finished,
        };
        let other = Target::Record {
            unit_id: Some(WARD_B),
            author_person_id: None,
            finished: false,
        };
        assert_eq!(
            decide(&v, Action::EditUnitWork, own(false)),
            Decision::Allow
        );
        assert_eq!(
            decide(&v, Action::EditUnitWork, own(true)),
            Decision::Forbidden
        );
        assert_eq!(decide(&v, Action::EditUnitWork, other), Decision::Hidden);
        assert_eq!(
            decide(&v, Action::ManageMovements, own(false)),
            Decision::Allow
        );
        assert_eq!(decide(&v, Action::Direct, own(false)), Decision::Forbidden);
        assert_eq!(
            decide(&v, Action::FollowUp, Target::None),
            Decision::Forbidden
        );
        let office = user(&[Role::TdktOffice], None, &[], None);
        assert_eq!(
            decide(&office, Action::Direct, Target::None),
            Decision::Allow
        );
        assert_eq!(
            decide(&office, Action::EditUnitWork, other),
            Decision::Allow
        );
        let leader = user(&[Role::Leader], None, &[], None);
        assert_eq!(
            decide(&leader, Action::FollowUp, Target::None),
            Decision::Allow
        );
        assert_eq!(
            decide(&leader, Action::Direct, Target::None),
            Decision::Forbidden
        );
        let worker = user(&[Role::Worker], Some(WARD_A), &[WARD_A], Some(7));
        assert_eq!(
            decide(&worker, Action::ReadMovements, Target::None),
            Decision::Allow
        );
        assert_eq!(
            decide(&worker, Action::ReadDocuments, Target::None),
            Decision::Forbidden
        );
    }

    #[test]
    fn a_worker_sees_only_their_own_record() {
        let v = user(&[Role::Worker], Some(WARD_A), &[WARD_A], Some(7));
        let own = Target::Person {
            id: 7,
            unit_id: WARD_A,
        };
        let colleague = Target::Person {
            id: 8,
            unit_id: WARD_A,
        };
        assert_eq!(decide(&v, Action::ReadPerson, own), Decision::Allow);
        assert_eq!(decide(&v, Action::ReadPerson, colleague), Decision::Hidden);
        assert_eq!(decide(&v, Action::EditPerson, own), Decision::Forbidden);
        assert_eq!(
            decide(&v, Action::ListPeople, Target::None),
            Decision::Forbidden
        );
        assert_eq!(people_scope(&v), PeopleScope::Nobody);
        let unit = Target::Unit {
            id: WARD_A,
            closed: false,
        };
        assert_eq!(decide(&v, Action::ReadUnit, unit), Decision::Hidden);
    }

    #[test]
    fn nobody_edits_what_is_closed_or_signed() {
        let admin = user(&[Role::Admin], None, &[], None);
        let closed = Target::Unit {
            id: WARD_B,
            closed: true,
        };
        assert_eq!(decide(&admin, Action::ReadUnit, closed), Decision::Allow);
        assert_eq!(
            decide(&admin, Action::EditUnit, closed),
            Decision::Forbidden
        );
        let signed = Target::Record {
            unit_id: Some(WARD_A),
            author_person_id: None,
            finished: true,
        };
        assert_eq!(
            decide(&admin, Action::EditPerson, signed),
            Decision::Forbidden
        );
    }

    #[test]
    fn several_roles_get_the_most_generous_answer() {
        let v = user(
            &[Role::Worker, Role::CouncilMember],
            Some(WARD_A),
            &[WARD_A],
            Some(7),
        );
        let p = Target::Person {
            id: 8,
            unit_id: WARD_B,
        };
        assert_eq!(decide(&v, Action::ReadPerson, p), Decision::Allow);
        assert_eq!(decide(&v, Action::EditPerson, p), Decision::Forbidden);
        assert_eq!(people_scope(&v), PeopleScope::All);
    }

    #[test]
    fn only_the_administrator_manages_accounts_and_reads_the_audit_log() {
        for role in Role::ALL {
            let v = user(&[*role], Some(WARD_A), &[WARD_A], Some(7));
            let expect = if *role == Role::Admin {
                Decision::Allow
            } else {
                Decision::Forbidden
            };
            assert_eq!(decide(&v, Action::ManageUsers, Target::None), expect);
            assert_eq!(decide(&v, Action::ReadAudit, Target::None), expect);
            assert_eq!(
                decide(&v, Action::OwnAccount, Target::None),
                Decision::Allow
            );
        }
    }

    #[test]
    fn an_administrator_cannot_lock_themselves_out() {
        assert!(self_change_problem(1, 1, true, &[Role::Admin]).is_some());
        assert!(self_change_problem(1, 1, false, &[Role::TdktOffice]).is_some());
        assert!(self_change_problem(1, 1, false, &[Role::Admin, Role::Leader]).is_none());
        assert!(self_change_problem(1, 2, true, &[Role::Worker]).is_none());
    }

    #[test]
    fn passwords_and_usernames() {
        assert_eq!(password_problem("thidua-demo", "admin"), None);
        assert!(password_problem("short1", "x").is_some());
        assert!(password_problem("onlyletterslong", "x").is_some());
        assert!(password_problem("donvi1-secret", "donvi1").is_some());
        assert!(password_problem("password-2024", "x").is_some());
        assert!(password_problem("Hà Nội mùa thu 2024", "x").is_none());
        assert_eq!(username_problem("donvi1"), None);
        assert!(username_problem("Donvi").is_some());
        assert!(username_problem("ab").is_some());
        assert!(username_problem("1abc").is_some());
        assert!(username_problem("nguyễn").is_some());
    }

    fn initiative(unit_id: i64, author: bool, council: bool, published: bool) -> Target {
        Target::Initiative {
            unit_id,
            author,
            council,
            published,
            finished: published,
        }
    }

    #[test]
    fn initiatives_are_seen_by_authors_units_councils_and_when_published_by_all() {
        let worker = user(&[Role::Worker], Some(WARD_A), &[WARD_A], Some(7));
        let officer = user(&[Role::UnitOfficer], Some(WARD_A), &[WARD_A], None);
        let member = user(&[Role::CouncilMember], None, &[], None);
        let office = user(&[Role::TdktOffice], None, &[], None);
        let union = user(&[Role::LabourFederation], None, &[], None);
        let draft_a = initiative(WARD_A, false, false, false);
        let own = initiative(WARD_A, true, false, false);
        let before_council = initiative(WARD_B, false, true, false);
        let published = initiative(WARD_B, false, false, true);
        use Action::*;
        // Authors see and edit their own; not a colleague's.
        assert_eq!(decide(&worker, ReadInitiative, own), Decision::Allow);
        assert_eq!(decide(&worker, EditInitiative, own), Decision::Allow);
        assert_eq!(decide(&worker, ReadInitiative, draft_a), Decision::Hidden);
        assert_eq!(decide(&worker, ReadInitiative, published), Decision::Allow);
        assert_eq!(
            decide(&worker, EditInitiative, published),
            Decision::Forbidden
        );
        // Unit officers: their units'.
        assert_eq!(decide(&officer, EditInitiative, draft_a), Decision::Allow);
        // (The facts are the viewer's: for the officer, this one is before no council of theirs.)
        let other_ward = initiative(WARD_B, false, false, false);
        assert_eq!(
            decide(&officer, ReadInitiative, other_ward),
            Decision::Hidden
        );
        // Council members: what is before their council, and score it.
        assert_eq!(
            decide(&member, ReadInitiative, before_council),
            Decision::Allow
        );
        assert_eq!(
            decide(&member, ScoreInitiatives, before_council),
            Decision::Allow
        );
        assert_eq!(decide(&member, ReadInitiative, draft_a), Decision::Hidden);
        assert_eq!(
            decide(&member, ScoreInitiatives, published),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&member, EditInitiative, before_council),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&officer, ScoreInitiatives, draft_a),
            Decision::Forbidden
        );
        // The public: only what is published, and the list of it.
        assert_eq!(
            decide(&Viewer::Public, ReadInitiative, published),
            Decision::Allow
        );
        assert_eq!(
            decide(&Viewer::Public, ReadInitiative, draft_a),
            Decision::Login
        );
        assert_eq!(
            decide(&Viewer::Public, ListInitiatives, Target::None),
            Decision::Allow
        );
        assert_eq!(
            decide(&Viewer::Public, EditInitiative, Target::None),
            Decision::Login
        );
        // The office manages councils; a unit officer their units' councils only.
        let council = |u| Target::Record {
            unit_id: Some(u),
            author_person_id: None,
            finished: false,
        };
        assert_eq!(
            decide(&office, ManageCouncils, council(WARD_B)),
            Decision::Allow
        );
        assert_eq!(
            decide(&officer, ManageCouncils, council(WARD_A)),
            Decision::Allow
        );
        assert_eq!(
            decide(&officer, ManageCouncils, council(WARD_B)),
            Decision::Hidden
        );
        assert_eq!(
            decide(&member, ManageCouncils, council(WARD_B)),
            Decision::Forbidden
        );
        // A decided initiative is not edited, even by the office.
        let decided = Target::Initiative {
            unit_id: WARD_A,
            author: true,
            council: false,
            published: false,
            finished: true,
        };
        assert_eq!(
            decide(&office, EditInitiative, decided),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&worker, EditInitiative, decided),
            Decision::Forbidden
        );
        // Replications by the adopting unit's officer; the union's list.
        let ward_b = Target::Unit {
            id: WARD_B,
            closed: false,
        };
        assert_eq!(
            decide(&officer, RecordReplication, ward_b),
            Decision::Hidden
        );
        assert_eq!(decide(&office, RecordReplication, ward_b), Decision::Allow);
        assert_eq!(
            decide(&union, ReadCreativeLabour, Target::None),
            Decision::Allow
        );
        assert_eq!(
            decide(&worker, ReadCreativeLabour, Target::None),
            Decision::Forbidden
        );
        assert_eq!(decide(&union, ReadInitiative, draft_a), Decision::Allow);
    }

    #[test]
    fn commendation_is_done_by_units_the_office_the_council_and_the_leader() {
        use Action::*;
        let office = user(&[Role::TdktOffice], None, &[], None);
        let officer = user(&[Role::UnitOfficer], Some(WARD_A), &[WARD_A], None);
        let member = user(&[Role::CouncilMember], None, &[], None);
        let leader = user(&[Role::Leader], None, &[], None);
        let worker = user(&[Role::Worker], Some(WARD_A), &[], Some(5));
        let ward = |unit: i64, finished: bool| Target::Record {
            unit_id: Some(unit),
            author_person_id: None,
            finished,
        };
        // Ratings: a unit officer of the ward, the office; locking the year: the office only.
        let a = Target::Unit {
            id: WARD_A,
            closed: false,
        };
        let b = Target::Unit {
            id: WARD_B,
            closed: false,
        };
        assert_eq!(decide(&officer, EditRatings, a), Decision::Allow);
        assert_eq!(decide(&officer, EditRatings, b), Decision::Hidden);
        assert_eq!(decide(&office, EditRatings, b), Decision::Allow);
        assert_eq!(
            decide(&officer, LockRatings, Target::None),
            Decision::Forbidden
        );
        assert_eq!(decide(&office, LockRatings, Target::None), Decision::Allow);
        // Who nominates when no unit is named: the officer's ward; for the office, whose nominee
        // may be anyone, the nominee's own unit (none here); a unit named is kept.
        let office_in_unit = user(&[Role::TdktOffice], Some(WARD_B), &[WARD_B], None);
        assert_eq!(default_nominating_unit(&officer, None), Some(WARD_A));
        assert_eq!(default_nominating_unit(&office_in_unit, None), None);
        assert_eq!(default_nominating_unit(&office, Some(WARD_A)), Some(WARD_A));
        assert_eq!(default_nominating_unit(&member, None), None);
        // Nominations: the ward's officer writes its own, not another's, nor one sent on.
        assert_eq!(
            decide(&officer, Nominate, ward(WARD_A, false)),
            Decision::Allow
        );
        assert_eq!(
            decide(&officer, Nominate, ward(WARD_B, false)),
            Decision::Hidden
        );
        assert_eq!(
            decide(&officer, Nominate, ward(WARD_A, true)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&officer, ReviewNominations, ward(WARD_A, false)),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&office, ReviewNominations, ward(WARD_A, false)),
            Decision::Allow
        );
        assert_eq!(decide(&member, Nominate, Target::None), Decision::Forbidden);
        assert_eq!(
            decide(&worker, ReadCommendation, Target::None),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&member, ReadCommendation, Target::None),
            Decision::Allow
        );
        // Ballots: members vote; the office and the leader see it; others do not.
        let mine = Target::Ballot { member: true };
        let theirs = Target::Ballot { member: false };
        assert_eq!(decide(&member, Vote, mine), Decision::Allow);
        assert_eq!(decide(&member, ReadBallot, theirs), Decision::Hidden);
        assert_eq!(decide(&office, ReadBallot, theirs), Decision::Allow);
        assert_eq!(decide(&office, Vote, theirs), Decision::Forbidden);
        assert_eq!(decide(&officer, ReadBallot, theirs), Decision::Hidden);
        assert_eq!(decide(&leader, ReadBallot, theirs), Decision::Allow);
        // Decisions: the office drafts, the leader approves.
        assert_eq!(
            decide(&office, DraftDecisions, Target::None),
            Decision::Allow
        );
        assert_eq!(
            decide(&office, ApproveDecisions, Target::None),
            Decision::Forbidden
        );
        assert_eq!(
            decide(&leader, ApproveDecisions, Target::None),
            Decision::Allow
        );
        assert_eq!(
            decide(&leader, DraftDecisions, Target::None),
            Decision::Forbidden
        );
    }
}
