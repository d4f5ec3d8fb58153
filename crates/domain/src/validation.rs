//! Validation errors that name the field and say in Vietnamese what is wrong.

use std::collections::BTreeMap;
use std::fmt;

/// Problems found in an input, by field name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invalid {
    pub fields: BTreeMap<String, String>,
}

impl Invalid {
    pub fn new() -> Self {
        Self::default()
    }

    /// One problem with one field.
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        let mut e = Self::new();
        e.add(name, message);
        e
    }

    /// Adds a problem; the first one said about a field is kept.
    pub fn add(&mut self, name: &str, message: impl Into<String>) {
        self.fields
            .entry(name.to_owned())
            .or_insert_with(|| message.into());
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// `Ok(value)` when no problem was found.
    pub fn or_ok<T>(self, value: T) -> Result<T, Invalid> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// A one-line Vietnamese summary: "Dữ liệu không hợp lệ: full_name: Họ tên không được để trống".
    pub fn summary(&self) -> String {
        let parts: Vec<String> = self
            .fields
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        format!("Dữ liệu không hợp lệ: {}", parts.join("; "))
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary())
    }
}

impl std::error::Error for Invalid {}
