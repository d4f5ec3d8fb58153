//! One error type for the web layer: it knows its HTTP status, its code of the API contract and its
//! Vietnamese message; the API answers it as JSON, pages as an HTML page.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::collections::BTreeMap;
use thidua_domain::validation::Invalid;
use thidua_store::StoreError;

#[derive(Debug, Clone)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: BTreeMap<String, String>,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        AppError {
            status,
            code,
            message: message.into(),
            fields: BTreeMap::new(),
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("Không tìm thấy {what}"),
        )
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "validation", message)
    }

    /// A parameter that cannot be read: 400 with the field named.
    pub fn bad_param(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        let mut e = Self::bad_request(message.clone());
        e.fields.insert(field.to_owned(), message);
        e
    }

    pub fn forbidden() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Bạn không có quyền thực hiện thao tác này",
        )
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Đã có lỗi ở máy chủ; thao tác chưa được thực hiện. Vui lòng thử lại sau",
        )
    }
}

impl From<Invalid> for AppError {
    fn from(e: Invalid) -> Self {
        AppError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "validation",
            message: e.summary(),
            fields: e.fields,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(what) => AppError::not_found(what),
            StoreError::Invalid(inv) => inv.into(),
            StoreError::Conflict { field, message } => {
                let mut err = AppError::new(StatusCode::CONFLICT, "conflict", message.clone());
                if let Some(f) = field {
                    err.fields.insert(f, message);
                }
                err
            }
            StoreError::Other(message) => {
                AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", message)
            }
            StoreError::Db(db) => {
                tracing::error!(error = %db, "database error");
                AppError::internal()
            }
        }
    }
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// One of validation, unauthorized, forbidden, not_found, conflict, rate_limited, internal.
    pub code: String,
    /// What went wrong, in Vietnamese.
    pub message: String,
    /// Problems by field name.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
}

/// An error answered as JSON (the API).
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let e = self.0;
        let body = ErrorBody {
            error: ErrorDetail {
                code: e.code.to_owned(),
                message: e.message,
                fields: e.fields,
            },
        };
        (e.status, Json(body)).into_response()
    }
}

/// An error answered as an HTML page.
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let e = self.0;
        let html = crate::templates::render_error(e.status, &e.message);
        (e.status, axum::response::Html(html)).into_response()
    }
}
