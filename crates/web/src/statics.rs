//! Static assets compiled into the binary: the stylesheet and the vendored htmx.

use crate::Routes;
use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};

const FILES: &[(&str, &str, &[u8])] = &[
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../static/app.css"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../static/favicon.svg"),
    ),
    (
        "htmx.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../static/htmx.min.js"),
    ),
];

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/static/{file}", serve_static)
        .get("/favicon.ico", || {
            serve_static(Path("favicon.svg".to_owned()))
        })
}

async fn serve_static(Path(file): Path<String>) -> Response {
    match FILES.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, body)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "public, max-age=3600"),
            ],
            *body,
        )
            .into_response(),
        None => crate::error::PageError(crate::error::AppError::not_found("tệp")).into_response(),
    }
}
