//! Extractors shared by pages and the API: ids, paging and filters (the caller is in `auth`).

pub use crate::auth::Caller;
use crate::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::collections::HashMap;

/// An id from the path; anything that is not a positive integer is "not found".
pub fn parse_id(raw: &str, what: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::not_found(what))
}

/// Query-string parameters, read leniently and checked one by one with Vietnamese messages.
pub struct Params(pub HashMap<String, String>);

impl Params {
    pub fn from_query(query: Option<&str>) -> Params {
        let map = query
            .map(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).unwrap_or_default())
            .unwrap_or_default();
        Params(map.into_iter().collect())
    }

    /// A non-empty, trimmed value.
    pub fn text(&self, key: &str) -> Option<String> {
        self.0
            .get(key)
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    }

    /// A positive whole number, or `default` when absent.
    pub fn number(&self, key: &str, default: u64, max: u64) -> Result<u64, AppError> {
        match self.text(key) {
            None => Ok(default),
            Some(s) => match s.parse::<u64>() {
                Ok(n) if n >= 1 && n <= max => Ok(n),
                _ => Err(AppError::bad_param(
                    key,
                    format!("Tham số {key} phải là số nguyên từ 1 đến {max}"),
                )),
            },
        }
    }

    /// `page` and `per_page` of a list: 1 and `default_per_page` when absent, bounded.
    pub fn paging(&self, default_per_page: u64) -> Result<(u64, u64), AppError> {
        Ok((
            self.number("page", 1, 1_000_000)?,
            self.number("per_page", default_per_page, 500)?,
        ))
    }

    /// A person category code (`can_bo`, `cong_chuc`, …) under `key`, when given.
    pub fn category(
        &self,
        key: &str,
    ) -> Result<Option<thidua_domain::directory::PersonCategory>, AppError> {
        use thidua_domain::directory::PersonCategory;
        match self.text(key) {
            None => Ok(None),
            Some(c) => PersonCategory::from_code(&c).map(Some).ok_or_else(|| {
                AppError::bad_param(
                    key,
                    "Đối tượng không hợp lệ (can_bo, cong_chuc, vien_chuc, nguoi_lao_dong)",
                )
            }),
        }
    }

    /// An id filter.
    pub fn id(&self, key: &str) -> Result<Option<i64>, AppError> {
        match self.text(key) {
            None => Ok(None),
            Some(s) => s
                .parse::<i64>()
                .ok()
                .filter(|n| *n > 0)
                .map(Some)
                .ok_or_else(|| {
                    AppError::bad_param(
                        key,
                        format!("Tham số {key} phải là mã số (số nguyên dương)"),
                    )
                }),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Params::from_query(parts.uri.query()))
    }
}
