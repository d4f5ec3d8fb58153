//! What authentication and permission checks cost (issue 3, "Speed"): the same requests, in one run,
//! through the real application (a bearer token or session cookie, looked up and checked on every
//! request) and through the same application with the caller fixed in advance (no lookup: the
//! baseline). Prints requests/s of each and the ratio; the target is at least 0.90.
//!
//! Run by `bench/auth.sh`; by hand: `cargo run --release -p thidua-web --example auth_bench -- [SCALE]`
//! (SCALE city or province, default province). Environment: BENCH_SECONDS (per round, default 3),
//! BENCH_ROUNDS (default 5), BENCH_CONCURRENCY (default 16).

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use std::time::{Duration, Instant};
use thidua_store::Store;
use thidua_web::auth::{Caller, SessionRef};
use tower::ServiceExt;

const QUERIES: &[&str] = &[
    "nguyen+van",
    "hoa",
    "tran+thi+lan",
    "le+minh",
    "pham+duc+anh",
    "nguyen+thi+huong",
    "hoang",
    "vu+thi+mai",
    "dang+quoc",
    "giang+a",
];

fn env_num(key: &str, default: u64) -> u64 {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Requests per second of `uris` (rotating) through `app`, with `token` when given.
async fn measure(
    app: &Router,
    uris: &[String],
    token: Option<&str>,
    seconds: u64,
    conc: u64,
) -> f64 {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for t in 0..conc {
        let app = app.clone();
        let uris = uris.to_vec();
        let token = token.map(str::to_owned);
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            let mut i = t as usize * 3;
            while Instant::now() < deadline {
                let uri = &uris[i % uris.len()];
                i += 1;
                let mut req = Request::get(uri.as_str());
                if let Some(t) = &token {
                    req = if uri.starts_with("/api/") {
                        req.header(header::AUTHORIZATION, format!("Bearer {t}"))
                    } else {
                        req.header(header::COOKIE, format!("thidua_session={t}"))
                    };
                }
                let res = app
                    .clone()
                    .oneshot(req.body(Body::empty()).unwrap())
                    .await
                    .unwrap();
                assert_eq!(res.status(), StatusCode::OK, "{uri}");
                let _ = res.into_body().collect().await.unwrap();
                n += 1;
            }
            n
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await.unwrap();
    }
    total as f64 / started.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let scale: thidua_sample::Scale = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "province".into())
        .parse()
        .expect("scale: city or province");
    let seconds = env_num("BENCH_SECONDS", 3);
    let rounds = env_num("BENCH_ROUNDS", 5);
    let conc = env_num("BENCH_CONCURRENCY", 16);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let mut store = Store::connect(&url).await.unwrap();
    store.set_audit_key(std::sync::Arc::new(thidua_store::AuditKey::generate()));
    eprintln!("loading the {scale:?} sample…");
    store.load_sample(scale, 1, &|_, _| {}).await.unwrap();
    store.create_demo_accounts().await.unwrap();
    store.warm_search_index().await.unwrap();
    let state = thidua_web::AppState::new(store.clone()).await.unwrap();
    let real = thidua_web::router(state.clone());

    println!("# thidua auth bench: {scale:?} sample, {conc} concurrent requests in process, {rounds} rounds × {seconds} s");
    println!("| who | requests | with authentication (req/s) | caller fixed, no lookup (req/s) | ratio | target ≥ 0.90 |");
    println!("|---|---|---:|---:|---:|---|");
    let mut worst: f64 = f64::MAX;
    for who in ["noivu", "donvi1"] {
        let session = store
            .login(
                who,
                thidua_store::accounts::DEMO_PASSWORD,
                "127.0.0.1",
                "api",
                None,
            )
            .await
            .unwrap()
            .unwrap();
        let auth = store.authenticate(&session.token).await.unwrap().unwrap();
        let caller = Caller {
            viewer: thidua_web::permissions::Viewer::User(auth.principal.clone()),
            ip: Some("127.0.0.1".into()),
            session: Some(SessionRef {
                id: auth.session_id,
                kind: auth.kind.clone(),
            }),
            csrf: auth.csrf.clone(),
            https: false,
        };
        let fixed = thidua_web::router_with_fixed_caller(state.clone(), caller);
        let api: Vec<String> = QUERIES
            .iter()
            .map(|q| format!("/api/v1/people?q={q}&per_page=50"))
            .collect();
        let pages: Vec<String> = QUERIES.iter().map(|q| format!("/nguoi?q={q}")).collect();
        let units = vec!["/api/v1/units?per_page=50".to_owned()];
        for (label, uris) in [
            ("GET /api/v1/people?q=", &api),
            ("GET /nguoi?q=", &pages),
            ("GET /api/v1/units", &units),
        ] {
            // Warm both, then alternate so that drift of the machine hits both alike.
            measure(&real, uris, Some(&session.token), 1, conc).await;
            measure(&fixed, uris, None, 1, conc).await;
            let (mut with, mut without) = (0.0, 0.0);
            for _ in 0..rounds {
                with += measure(&real, uris, Some(&session.token), seconds, conc).await;
                without += measure(&fixed, uris, None, seconds, conc).await;
            }
            let (with, without) = (with / rounds as f64, without / rounds as f64);
            let ratio = with / without;
            worst = worst.min(ratio);
            println!(
                "| {who} | {label} | {with:.0} | {without:.0} | {ratio:.2} | {} |",
                if ratio >= 0.90 { "PASS" } else { "FAIL" }
            );
        }
    }
    println!();
    println!(
        "worst ratio: {worst:.2} ({})",
        if worst >= 0.90 { "PASS" } else { "FAIL" }
    );
}
