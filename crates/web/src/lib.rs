//! The HTTP server of thidua: Vietnamese pages rendered on the server, the JSON API of
//! `shared/contracts/api.md` with its OpenAPI document, static assets compiled into the binary.
//!
//! A request goes: router → extractors (viewer, client address, parameters) → one permission check in
//! [`permissions`] → a call of `thidua-store` (and `thidua-domain` rules) → a template or JSON.

pub mod account;
pub mod admin;
pub mod api;
pub mod api_commendation;
pub mod api_documents;
pub mod api_initiatives;
pub mod api_models;
pub mod api_work;
pub mod auth;
pub mod dashboard;
mod doc_templates;
mod docx_commendation;
mod docx_dossier;
mod docx_work;
pub mod error;
mod exports;
mod extract;
mod import_pages;
mod nominations_import;
mod page_forms;
pub mod pages;
pub mod pages_commendation;
pub mod pages_initiatives;
pub mod pages_models;
pub mod pages_precheck;
pub mod pages_public;
pub mod pages_work;
mod people_import;
pub mod permissions;
mod ratings_import;
mod report_charts;
pub mod reports;
mod settings_page;
mod statics;
pub mod templates;

use axum::handler::Handler;
use axum::http::{header, HeaderValue, Method};
use axum::routing::MethodRouter;
use axum::Router;
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use thidua_store::Store;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The largest request body accepted, except uploads.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The largest upload (a form or API call with files): the attachment limit and room for the form.
pub const MAX_UPLOAD_BYTES: usize = thidua_domain::attachment::DEFAULT_MAX_BYTES + 1024 * 1024;

/// How the server sits in the network.
#[derive(Debug, Clone, Default)]
pub struct WebConfig {
    /// Reverse proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed. Without them the
    /// client address is the socket's, whatever a request's headers say.
    pub trusted_proxies: Vec<IpAddr>,
    /// Mark cookies `Secure` even without a proxy saying the request came over HTTPS.
    pub secure_cookies: bool,
    /// What an Excel file imported through the pages may cost (size, rows, zip limits). Uploads
    /// are also bounded by [`MAX_UPLOAD_BYTES`].
    pub import_limits: thidua_office::xlsx::Limits,
}

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<WebConfig>,
    pub(crate) sessions: Arc<auth::SessionCache>,
    sample: Arc<AtomicBool>,
}

impl AppState {
    /// State over a store; asks it whether it holds sample data (for the banner on every page).
    pub async fn new(store: Store) -> Result<AppState, thidua_store::StoreError> {
        Self::with_config(store, WebConfig::default()).await
    }

    pub async fn with_config(
        store: Store,
        config: WebConfig,
    ) -> Result<AppState, thidua_store::StoreError> {
        let sample = store.holds_sample().await?;
        Ok(AppState {
            store,
            config: Arc::new(config),
            sessions: Default::default(),
            sample: Arc::new(AtomicBool::new(sample)),
        })
    }

    /// True when the database holds the sample city: pages say "Dữ liệu mẫu".
    pub fn is_sample(&self) -> bool {
        self.sample.load(Ordering::Relaxed)
    }
}

/// Routes that remember their method and path, so that tests can walk every route of the application
/// (the permission matrix fails when a route has no expectation).
pub(crate) struct Routes {
    router: Router<AppState>,
    table: Vec<(Method, &'static str)>,
}

macro_rules! route_method {
    ($name:ident, $method:ident) => {
        pub fn $name<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, h: H) -> Self {
            self.add(Method::$method, path, axum::routing::$name(h))
        }
    };
}

impl Routes {
    pub fn new() -> Self {
        Routes {
            router: Router::new(),
            table: Vec::new(),
        }
    }

    fn add(mut self, method: Method, path: &'static str, mr: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, mr);
        self.table.push((method, path));
        self
    }

    route_method!(get, GET);
    route_method!(post, POST);
    route_method!(put, PUT);
    route_method!(delete, DELETE);

    /// A POST that takes files (multipart): it may carry up to [`MAX_UPLOAD_BYTES`].
    pub fn post_upload<H: Handler<T, AppState>, T: 'static>(
        self,
        path: &'static str,
        h: H,
    ) -> Self {
        self.add(
            Method::POST,
            path,
            axum::routing::post(h).layer(axum::extract::DefaultBodyLimit::max(MAX_UPLOAD_BYTES)),
        )
    }

    pub fn merge(mut self, other: Routes) -> Self {
        self.router = self.router.merge(other.router);
        self.table.extend(other.table);
        self
    }
}

fn all_routes() -> Routes {
    Routes::new()
        .merge(pages::routes())
        .merge(pages_work::routes())
        .merge(pages_initiatives::routes())
        .merge(exports::routes())
        .merge(people_import::routes())
        .merge(ratings_import::routes())
        .merge(nominations_import::routes())
        .merge(pages_commendation::routes())
        .merge(pages_models::routes())
        .merge(pages_precheck::routes())
        .merge(pages_public::routes())
        .merge(reports::routes())
        .merge(dashboard::routes())
        .merge(account::routes())
        .merge(admin::routes())
        .merge(doc_templates::routes())
        .merge(settings_page::routes())
        .merge(api::routes())
        .merge(api_work::routes())
        .merge(api_initiatives::routes())
        .merge(api_commendation::routes())
        .merge(api_models::routes())
        .merge(api_documents::routes())
        .merge(statics::routes())
}

/// Every route of the application as (method, path pattern).
pub fn route_table() -> Vec<(String, String)> {
    all_routes()
        .table
        .into_iter()
        .map(|(m, p)| (m.to_string(), p.to_owned()))
        .collect()
}

/// The whole application: pages, API, static files, fallbacks, and the layers around them.
pub fn router(state: AppState) -> Router {
    let routes =
        all_routes()
            .router
            .fallback(pages::not_found)
            .layer(axum::middleware::from_fn_with_state(
                state.clone(),
                auth::middleware,
            ));
    outer_layers(routes.with_state(state))
}

/// The application with authentication replaced by a fixed caller: the baseline of `bench/auth.sh`,
/// which measures what authenticating costs. Never served: the `thidua` binary does not call it.
#[doc(hidden)]
pub fn router_with_fixed_caller(state: AppState, caller: auth::Caller) -> Router {
    let routes = all_routes()
        .router
        .fallback(pages::not_found)
        .layer(axum::middleware::from_fn(
            move |mut req: axum::extract::Request, next: axum::middleware::Next| {
                req.extensions_mut().insert(caller.clone());
                next.run(req)
            },
        ));
    outer_layers(routes.with_state(state))
}

fn outer_layers(app: Router) -> Router {
    app.layer(RequestBodyLimitLayer::new(MAX_UPLOAD_BYTES))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'"),
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

/// Today in Vietnam (UTC+7), whatever the server's own time zone: the date every page, document and
/// deadline check of the office means. One function, so that no part of the server uses another day.
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
}
