//! The administrator's settings (`/quan-tri/cai-dat`): for now the size limit of the Excel
//! imports (people `/nguoi/nhap`, ratings `/xep-loai/nhap`), shown with where it comes from (the
//! server's default or the administrator's value) and changed by a form, checked by
//! `thidua_domain::attachment::import_max_mb` and audited by the store (`Store::set_import_max_mb`).
//! The CLI's `import-xlsx` follows the same setting unless `--max-mb` is given.

use crate::auth::Caller;
use crate::error::{AppError, PageError};
use crate::page_forms::{field, html, problem, redirect, shown};
use crate::permissions::{check, Action, Target};
use crate::templates::page;
use crate::{AppState, Routes};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use minijinja::context;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/quan-tri/cai-dat", settings_page)
        .post("/quan-tri/cai-dat", save_settings)
}

type PageResult = Result<Response, PageError>;

async fn view(
    st: &AppState,
    caller: &Caller,
    notice: bool,
    err: Option<AppError>,
    typed: Option<String>,
) -> PageResult {
    let stored = st
        .store
        .setting(thidua_store::settings::IMPORT_MAX_MB)
        .await?;
    let limits = crate::import_pages::import_limits(st).await?;
    let current = limits.max_file_bytes / (1024 * 1024);
    let status = match &err {
        Some(e) => e.status,
        None => StatusCode::OK,
    };
    Ok(html(
        status,
        page(
            st,
            caller,
            "admin_settings.html",
            context! {
                title => "Cài đặt", nav => "settings", notice, problem => problem(&err),
                import_max_mb => typed.unwrap_or_else(|| current.to_string()),
                default_mb => st.config.import_limits.max_file_bytes / (1024 * 1024),
                ceiling_mb => thidua_domain::attachment::DEFAULT_MAX_BYTES / (1024 * 1024),
                stored,
            },
        )?,
    ))
}

async fn settings_page(
    State(st): State<AppState>,
    caller: Caller,
    params: crate::extract::Params,
) -> PageResult {
    check(&caller.viewer, Action::ManageRules, Target::None)?;
    view(&st, &caller, params.text("da_luu").is_some(), None, None).await
}

/// Saves the import size limit: a whole number of MB from 1 to 20, else the form again with the
/// message (422) and nothing changed.
async fn save_settings(
    State(st): State<AppState>,
    caller: Caller,
    Form(f): Form<Vec<(String, String)>>,
) -> PageResult {
    check(&caller.viewer, Action::ManageRules, Target::None)?;
    let typed = field(&f, "import_max_mb");
    let saved: Result<(), AppError> = async {
        let mb = thidua_domain::attachment::import_max_mb(&typed)?;
        st.store.set_import_max_mb(&caller.actor(), mb).await?;
        Ok(())
    }
    .await;
    match saved {
        Ok(()) => Ok(redirect("/quan-tri/cai-dat?da_luu=1")),
        Err(e) => view(&st, &caller, false, Some(shown(e)?), Some(typed)).await,
    }
}
