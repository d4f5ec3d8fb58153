//! The HTTP server of thidua: Vietnamese pages rendered on the server, the JSON API of
//! `shared/contracts/api.md` with its OpenAPI document, static assets compiled into the binary.
//!
//! A request goes: router → extractors (viewer, client address, parameters) → one permission check in
//! [`permissions`] → a call of `thidua-store` (and `thidua-domain` rules) → a template or JSON.

pub mod api;
pub mod error;
mod extract;
pub mod pages;
pub mod permissions;
mod statics;
pub mod templates;

use axum::http::{header, HeaderValue};
use axum::Router;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use thidua_store::Store;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The largest request body accepted.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    sample: Arc<AtomicBool>,
}

impl AppState {
    /// State over a store; asks it whether it holds sample data (for the banner on every page).
    pub async fn new(store: Store) -> Result<AppState, thidua_store::StoreError> {
        let sample = store.holds_sample().await?;
        Ok(AppState {
            store,
            sample: Arc::new(AtomicBool::new(sample)),
        })
    }

    /// True when the database holds the sample city: pages say "Dữ liệu mẫu".
    pub fn is_sample(&self) -> bool {
        self.sample.load(Ordering::Relaxed)
    }
}

/// The whole application: pages, API, static files, fallbacks, and the layers around them.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(statics::routes())
        .fallback(pages::not_found)
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"),
        ))
        .layer(TraceLayer::new_for_http())
}

/// Serves until `shutdown` completes, then lets open requests finish.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await
}
