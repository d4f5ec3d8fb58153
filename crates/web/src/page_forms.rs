//! What the form pages share: a response with its status, a redirect, a field of a posted form, and
//! the refusal shown beside the form (validation or conflict) with its message and fields.

use crate::error::{AppError, PageError};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

pub(crate) fn html(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

pub(crate) fn redirect(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// A field of a posted form, trimmed; empty when absent.
pub(crate) fn field(f: &[(String, String)], key: &str) -> String {
    f.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// A refusal the page shows beside the form (validation or conflict), or an error page otherwise.
pub(crate) fn shown(e: AppError) -> Result<AppError, PageError> {
    if matches!(
        e.status,
        StatusCode::UNPROCESSABLE_ENTITY | StatusCode::CONFLICT | StatusCode::BAD_REQUEST
    ) {
        Ok(e)
    } else {
        Err(PageError(e))
    }
}

/// The refusal for the template: its message and the fields concerned, or nothing.
pub(crate) fn problem(e: &Option<AppError>) -> minijinja::Value {
    match e {
        None => minijinja::Value::from(()),
        Some(e) => minijinja::Value::from_serialize(serde_json::json!({
            "message": e.message, "fields": e.fields,
        })),
    }
}
