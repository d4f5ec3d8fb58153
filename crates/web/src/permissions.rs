//! The web side of the permission rules of `thidua_domain::access`, which decide everything: this
//! module only turns a decision into the answer of the contract (401, 403 or 404) and gives templates
//! the answers they need to hide what the viewer may not do.

use crate::error::AppError;
use axum::http::StatusCode;
use thidua_domain::access::{decide, PeopleScope};
pub use thidua_domain::access::{Action, Decision, Target, Viewer};

/// `Ok` when `viewer` may do `action` to `target`; otherwise the refusal, logged.
pub fn check(viewer: &Viewer, action: Action, target: Target) -> Result<(), AppError> {
    match decide(viewer, action, target) {
        Decision::Allow => Ok(()),
        Decision::Login => Err(AppError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Bạn cần đăng nhập để xem trang này",
        )),
        Decision::Forbidden => {
            tracing::warn!(user = viewer.audit_name(), ?action, ?target, "forbidden");
            let closed = matches!(
                target,
                Target::Unit { closed: true, .. } | Target::Record { finished: true, .. }
            );
            if closed && matches!(action, Action::EditUnit | Action::EditPerson) {
                return Err(AppError::new(
                    StatusCode::FORBIDDEN,
                    "forbidden",
                    "Bản ghi này đã đóng (đã ký, đã kết thúc hoặc đơn vị đã sáp nhập, giải thể) nên không sửa được nữa",
                ));
            }
            Err(AppError::forbidden())
        }
        Decision::Hidden => {
            tracing::warn!(user = viewer.audit_name(), ?action, ?target, "not visible");
            Err(AppError::not_found(match target {
                Target::Unit { .. } => "đơn vị",
                Target::Person { .. } => "người",
                Target::Record { .. } => "hồ sơ",
                Target::Initiative { .. } => "sáng kiến",
                Target::Ballot { .. } => "lượt bỏ phiếu",
                Target::None => "trang này",
            }))
        }
    }
}

/// The unit that makes a nomination when none is named (`thidua_domain::access`): a unit
/// officer's own unit; none for the office, so that its nominee search covers its whole scope and
/// the nominee's own unit nominates.
pub fn nominating_unit(viewer: &Viewer, given: Option<i64>) -> Option<i64> {
    thidua_domain::access::default_nominating_unit(viewer, given)
}

/// True when `viewer` may do `action` to `target` (for templates).
pub fn allows(viewer: &Viewer, action: Action, target: Target) -> bool {
    decide(viewer, action, target).allowed()
}

/// The units whose people (and pages) `viewer` may see: `None` for all.
pub fn within(viewer: &Viewer) -> Option<std::sync::Arc<std::collections::BTreeSet<i64>>> {
    match thidua_domain::access::people_scope(viewer) {
        PeopleScope::All => None,
        PeopleScope::Units(u) => Some(u),
        PeopleScope::Nobody => Some(Default::default()),
    }
}

/// Like [`check`] for a record the viewer was already shown: a refusal is "not allowed" (403), never
/// "not found", since they know it exists.
pub fn check_shown(viewer: &Viewer, action: Action, target: Target) -> Result<(), AppError> {
    check(viewer, action, target).map_err(|e| {
        if e.status == StatusCode::NOT_FOUND {
            AppError::forbidden()
        } else {
            e
        }
    })
}

/// The units whose directives the viewer reads: their scope (and a worker's own unit); `None` for all.
pub fn read_scope(viewer: &Viewer) -> Option<std::collections::BTreeSet<i64>> {
    within(viewer).map(|s| {
        let mut s: std::collections::BTreeSet<i64> = (*s).clone();
        if let Some(u) = viewer.principal().and_then(|p| p.unit_id) {
            s.insert(u);
        }
        s
    })
}

/// A draft of the register is seen only by the office and by the units that drafted it.
pub fn document_visible(viewer: &Viewer, d: &thidua_store::entity::documents::Model) -> bool {
    d.status != "draft"
        || match within(viewer) {
            None => true,
            Some(w) => d.unit_id.is_some_and(|u| w.contains(&u)),
        }
}

/// A unit's own launch of a movement is seen by that unit (and the office); the city's by everyone.
pub fn movement_visible(viewer: &Viewer, m: &thidua_store::entity::movements::Model) -> bool {
    m.parent_id.is_none()
        || match within(viewer) {
            None => true,
            Some(w) => m.unit_id.is_some_and(|u| w.contains(&u)),
        }
}

/// A draft is the office's work in progress (or a unit's, for its own launch of a movement): the
/// leaders and councils who read everything see it once it is issued.
pub fn directive_visible(viewer: &Viewer, d: &thidua_store::movements::DirectiveDetail) -> bool {
    let draft = d.directive.status == thidua_domain::movement::DirectiveStatus::Draft.code();
    let Some(scope) = read_scope(viewer) else {
        return !draft || allows(viewer, Action::Direct, Target::None);
    };
    let sent = !draft && d.units.iter().any(|u| scope.contains(&u.unit_id));
    let own = within(viewer).is_some_and(|w| d.movement.unit_id.is_some_and(|u| w.contains(&u)));
    sent || own
}

/// Whether `viewer` may file a record (an initiative) in the name of `unit_id`: the office for any
/// unit, a unit officer for the units they look after, anyone else for their own unit only.
pub fn may_file_for_unit(viewer: &Viewer, unit_id: i64) -> bool {
    match within(viewer) {
        None => true,
        Some(w) => {
            w.contains(&unit_id) || viewer.principal().and_then(|p| p.unit_id) == Some(unit_id)
        }
    }
}

/// A unit as a target.
pub fn unit(u: &thidua_store::entity::units::Model) -> Target {
    Target::Unit {
        id: u.id,
        closed: !u.active,
    }
}

/// What the navigation and the pages may offer this viewer.
pub fn menu(viewer: &Viewer) -> minijinja::Value {
    let can = |a| allows(viewer, a, Target::None);
    minijinja::context! {
        units => can(Action::ListUnits),
        people => can(Action::ListPeople),
        add_person => can(Action::EditPerson),
        edit_units => can(Action::EditUnit),
        eligibility => can(Action::CheckEligibility),
        admin => can(Action::ManageUsers),
        audit => can(Action::ReadAudit),
        documents => can(Action::ReadDocuments),
        movements => can(Action::ReadMovements),
        direct => can(Action::Direct),
        // The inbox is of the viewer's own units: only accounts that belong to a unit have one.
        inbox => can(Action::ReadUnitWork) && viewer.principal().is_some_and(|p| p.unit_id.is_some()),
        unit_work => can(Action::ReadUnitWork),
        initiatives => can(Action::ListInitiatives),
        councils => can(Action::ManageCouncils) || can(Action::ScoreInitiatives),
        creative_labour => can(Action::ReadCreativeLabour),
        commendation => can(Action::ReadCommendation),
        ratings => can(Action::EditRatings) || can(Action::LockRatings),
        precheck => precheck_scope(viewer).is_some(),
        models => can(Action::ReadModels),
        edit_models => can(Action::EditModels),
        publish_board => can(Action::PublishBoard),
        // The city's reports, or (a unit officer) their own unit's.
        reports => can(Action::ReadReports)
            || viewer.principal().and_then(|p| p.unit_id.or_else(|| p.scope.iter().next().copied()))
                .is_some_and(|u| allows(viewer, Action::ReadReports, Target::Unit { id: u, closed: false })),
    }
}

/// Whose people the pre-check of everyone (`/ra-soat`, `/api/v1/prechecks/{year}`) covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrecheckScope {
    /// Every person of the city: who reviews nominations (the city's office).
    Everyone,
    /// The people of these units: an officer who nominates for them.
    Units(std::collections::HashSet<i64>),
}

/// The pre-check of everyone `viewer` may run, if any: the city office any person, a unit officer
/// who may nominate the people of their units, nobody else.
pub fn precheck_scope(viewer: &Viewer) -> Option<PrecheckScope> {
    if allows(viewer, Action::ReviewNominations, Target::None) {
        return Some(PrecheckScope::Everyone);
    }
    let p = viewer.principal()?;
    let units: std::collections::HashSet<i64> = p
        .scope
        .iter()
        .copied()
        .filter(|&id| allows(viewer, Action::Nominate, Target::Unit { id, closed: false }))
        .collect();
    (allows(viewer, Action::Nominate, Target::None) && !units.is_empty())
        .then_some(PrecheckScope::Units(units))
}

/// A person may be added to or moved into `unit_id` only by someone who may edit that unit's people.
/// (A unit that does not exist is left to validation, which names the field.)
pub async fn check_people_unit(
    st: &crate::AppState,
    viewer: &Viewer,
    unit_id: i64,
) -> Result<(), AppError> {
    if let Some(u) = st.store.unit(unit_id).await? {
        check(viewer, Action::EditPerson, unit(&u))?;
    }
    Ok(())
}

/// The person `id` if `viewer` may do `action` to them: 404 when there is no such person or the
/// viewer may not see them, 403 when they see them but may not do this.
pub async fn person_for(
    st: &crate::AppState,
    viewer: &Viewer,
    id: i64,
    action: Action,
) -> Result<thidua_store::directory::PersonItem, AppError> {
    let p = st
        .store
        .person(id)
        .await?
        .ok_or_else(|| AppError::not_found("người"))?;
    check(
        viewer,
        action,
        Target::Person {
            id,
            unit_id: p.unit_id,
        },
    )?;
    Ok(p)
}

/// The unit `id` if `viewer` may do `action` to it (404 or 403 otherwise, as [`person_for`]).
pub async fn unit_for(
    st: &crate::AppState,
    viewer: &Viewer,
    id: i64,
    action: Action,
) -> Result<thidua_store::entity::units::Model, AppError> {
    let u = st
        .store
        .unit(id)
        .await?
        .ok_or_else(|| AppError::not_found("đơn vị"))?;
    check(viewer, action, unit(&u))?;
    Ok(u)
}

/// A unit's work (report, registration, post, inspection) as a target.
pub fn unit_work(unit_id: i64) -> Target {
    Target::Record {
        unit_id: Some(unit_id),
        author_person_id: None,
        finished: false,
    }
}

/// May `viewer` download the attachment `a`? Decided by the record it belongs to: a document of
/// the register by `ReadDocuments`, a unit's report, post or inspection by `ReadUnitWork` on that
/// unit. 404 when the owner is gone or not visible, 403 when visible but not readable.
pub async fn attachment_access(
    store: &thidua_store::Store,
    viewer: &Viewer,
    a: &thidua_store::entity::attachments::Model,
) -> Result<(), AppError> {
    use thidua_store::movement_reads::AttachmentOwner;
    match store.attachment_owner(&a.owner_kind, a.owner_id).await? {
        None => {
            // Not signed in is still "log in first", whatever the file.
            check(viewer, Action::OwnAccount, Target::None)?;
            Err(AppError::not_found("tệp"))
        }
        Some(AttachmentOwner::Document { unit_id, draft }) => {
            check(viewer, Action::ReadDocuments, Target::None)?;
            // The draft of another unit is not there for this viewer, nor are its files.
            let seen =
                !draft || within(viewer).is_none_or(|w| unit_id.is_some_and(|u| w.contains(&u)));
            if seen {
                Ok(())
            } else {
                Err(AppError::not_found("tệp"))
            }
        }
        Some(AttachmentOwner::UnitWork { unit_id }) => {
            check(viewer, Action::ReadUnitWork, unit_work(unit_id))
        }
        Some(AttachmentOwner::Initiative { id }) => {
            let p = viewer.principal();
            let facts = store
                .initiative_facts(id, p.map(|p| p.user_id), p.and_then(|p| p.person_id))
                .await?
                .ok_or_else(|| AppError::not_found("tệp"))?;
            check(viewer, Action::ReadInitiative, initiative_target(&facts))
        }
        Some(AttachmentOwner::Nomination { unit_id }) => check(
            viewer,
            Action::ReadCommendation,
            Target::Record {
                unit_id: Some(unit_id),
                author_person_id: None,
                finished: false,
            },
        ),
        Some(AttachmentOwner::AwardDecision { .. }) => {
            check(viewer, Action::ReadCommendation, Target::None)
        }
        Some(AttachmentOwner::Model { unit_id, published }) => check(
            viewer,
            Action::ReadModels,
            model_read_target(unit_id, published),
        ),
    }
}

/// An exemplary model as the target of reading: a published one is everyone's (signed in), a
/// draft is a record of its unit.
pub fn model_read_target(unit_id: i64, published: bool) -> Target {
    if published {
        Target::None
    } else {
        model_edit_target(unit_id, false)
    }
}

/// An exemplary model as the target of writing: a record of its unit, closed once published.
pub fn model_edit_target(unit_id: i64, published: bool) -> Target {
    Target::Record {
        unit_id: Some(unit_id),
        author_person_id: None,
        finished: published,
    }
}

/// The profile `id` if `viewer` may do `action` to it: 404 when there is none or the viewer does
/// not see it, 403 when they see it but may not do this.
pub async fn model_for(
    st: &crate::AppState,
    viewer: &Viewer,
    id: i64,
    action: Action,
) -> Result<thidua_store::models::ModelDetail, AppError> {
    // Not signed in is "log in first", whether the profile exists or not.
    check(viewer, Action::ReadModels, Target::None)?;
    let m = st
        .store
        .model(id)
        .await?
        .ok_or_else(|| AppError::not_found("điển hình"))?;
    let published = m.row.status == "published";
    check(
        viewer,
        Action::ReadModels,
        model_read_target(m.row.unit_id, published),
    )?;
    let target = match action {
        Action::ReadModels => model_read_target(m.row.unit_id, published),
        Action::EditModels => model_edit_target(m.row.unit_id, published),
        _ => Target::None,
    };
    check(viewer, action, target)?;
    Ok(m)
}

/// The target of an initiative for the viewer its facts were read for.
pub fn initiative_target(f: &thidua_store::initiatives::InitiativeFacts) -> Target {
    Target::Initiative {
        unit_id: f.unit_id,
        author: f.author,
        council: f.council,
        published: f.published(),
        finished: f.status.is_final(),
    }
}
