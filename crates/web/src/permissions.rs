//! Who may do what: decided here and nowhere else. Handlers ask [`check`]; templates are given the
//! answers so they hide what the viewer may not do.
//!
//! Accounts and roles arrive with their own issue; until then every visitor is [`Viewer::Anonymous`]
//! and the directory is open, exactly as that predecessor allows.

use crate::error::AppError;

/// The person behind a request.
#[derive(Debug, Clone)]
pub enum Viewer {
    Anonymous,
}

impl Viewer {
    /// The name the audit log records.
    pub fn audit_name(&self) -> &str {
        match self {
            Viewer::Anonymous => "anonymous",
        }
    }
}

/// What a request wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ReadDirectory,
    EditUnit,
    EditPerson,
    ReadAudit,
    CheckEligibility,
}

/// May `viewer` do `action`?
pub fn allows(viewer: &Viewer, action: Action) -> bool {
    match (viewer, action) {
        (
            Viewer::Anonymous,
            Action::ReadDirectory
            | Action::EditUnit
            | Action::EditPerson
            | Action::ReadAudit
            | Action::CheckEligibility,
        ) => true,
    }
}

/// `Ok` when allowed, a 403 otherwise.
pub fn check(viewer: &Viewer, action: Action) -> Result<(), AppError> {
    if allows(viewer, action) {
        Ok(())
    } else {
        Err(AppError::forbidden())
    }
}
