//! The one error a case can give: which field is wrong, and why, in Vietnamese.

use serde::Serialize;
use std::fmt;

/// Whether the text was not JSON of the right shape at all, or was a case that cannot be judged.
/// The API answers 400 for the first and 422 for the second (`api.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseErrorKind {
    /// Not JSON, or not an object.
    Syntax,
    /// JSON, but a field is missing, of the wrong type, unknown or contradicts another.
    Invalid,
}

/// A malformed case: never a verdict (`eligibility.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseError {
    /// The JSON path of the field: `title`, `year`, `history[1].rating`, `members.completed`; empty
    /// when the whole text is at fault (not JSON).
    pub field: String,
    /// What is wrong, in Vietnamese.
    pub message: String,
    pub kind: CaseErrorKind,
}

impl CaseError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        CaseError {
            field: field.into(),
            message: message.into(),
            kind: CaseErrorKind::Invalid,
        }
    }

    pub fn syntax(message: impl Into<String>) -> Self {
        CaseError {
            field: String::new(),
            message: message.into(),
            kind: CaseErrorKind::Syntax,
        }
    }
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "Hồ sơ không hợp lệ: {}", self.message)
        } else {
            write!(f, "Hồ sơ không hợp lệ: {}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for CaseError {}

/// Rule tables that cannot be used: the path inside the tables and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablesError {
    pub path: String,
    pub message: String,
}

impl TablesError {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        TablesError {
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for TablesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "Bảng quy tắc không hợp lệ: {}", self.message)
        } else {
            write!(
                f,
                "Bảng quy tắc không hợp lệ: {}: {}",
                self.path, self.message
            )
        }
    }
}

impl std::error::Error for TablesError {}
