//! Server-rendered pages: minijinja templates compiled into the binary, HTML-escaped, with the filters
//! that show values the Vietnamese way.

use axum::http::StatusCode;
use minijinja::{context, Environment, Value};
use std::sync::OnceLock;
use thidua_domain::directory::{Gender, PersonCategory, Rating, StaffLevel, UnitKind};
use thidua_domain::format;

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("units.html", include_str!("../templates/units.html")),
    ("unit.html", include_str!("../templates/unit.html")),
    ("people.html", include_str!("../templates/people.html")),
    (
        "people_rows.html",
        include_str!("../templates/people_rows.html"),
    ),
    ("person.html", include_str!("../templates/person.html")),
    (
        "person_form.html",
        include_str!("../templates/person_form.html"),
    ),
    (
        "import_upload.html",
        include_str!("../templates/import_upload.html"),
    ),
    (
        "import_preview.html",
        include_str!("../templates/import_preview.html"),
    ),
    ("error.html", include_str!("../templates/error.html")),
    (
        "admin_audit.html",
        include_str!("../templates/admin_audit.html"),
    ),
    (
        "admin_doc_templates.html",
        include_str!("../templates/admin_doc_templates.html"),
    ),
    (
        "admin_settings.html",
        include_str!("../templates/admin_settings.html"),
    ),
    (
        "admin_user.html",
        include_str!("../templates/admin_user.html"),
    ),
    (
        "admin_users.html",
        include_str!("../templates/admin_users.html"),
    ),
    ("account.html", include_str!("../templates/account.html")),
    ("login.html", include_str!("../templates/login.html")),
    (
        "eligibility.html",
        include_str!("../templates/eligibility.html"),
    ),
    ("precheck.html", include_str!("../templates/precheck.html")),
    (
        "work_documents.html",
        include_str!("../templates/work_documents.html"),
    ),
    (
        "work_document_form.html",
        include_str!("../templates/work_document_form.html"),
    ),
    (
        "work_document.html",
        include_str!("../templates/work_document.html"),
    ),
    (
        "work_movements.html",
        include_str!("../templates/work_movements.html"),
    ),
    (
        "work_movement_form.html",
        include_str!("../templates/work_movement_form.html"),
    ),
    (
        "work_movement.html",
        include_str!("../templates/work_movement.html"),
    ),
    (
        "work_directive_form.html",
        include_str!("../templates/work_directive_form.html"),
    ),
    (
        "work_directive.html",
        include_str!("../templates/work_directive.html"),
    ),
    (
        "work_matrix.html",
        include_str!("../templates/work_matrix.html"),
    ),
    (
        "work_unit.html",
        include_str!("../templates/work_unit.html"),
    ),
    (
        "work_inbox.html",
        include_str!("../templates/work_inbox.html"),
    ),
    (
        "work_registration.html",
        include_str!("../templates/work_registration.html"),
    ),
    (
        "work_posts.html",
        include_str!("../templates/work_posts.html"),
    ),
    ("ini_list.html", include_str!("../templates/ini_list.html")),
    ("ini_form.html", include_str!("../templates/ini_form.html")),
    (
        "ini_similar.html",
        include_str!("../templates/ini_similar.html"),
    ),
    (
        "ini_detail.html",
        include_str!("../templates/ini_detail.html"),
    ),
    (
        "ini_creative.html",
        include_str!("../templates/ini_creative.html"),
    ),
    (
        "ini_replicated.html",
        include_str!("../templates/ini_replicated.html"),
    ),
    (
        "ini_councils.html",
        include_str!("../templates/ini_councils.html"),
    ),
    (
        "ini_council.html",
        include_str!("../templates/ini_council.html"),
    ),
    (
        "ini_round.html",
        include_str!("../templates/ini_round.html"),
    ),
    (
        "commendation_ratings.html",
        include_str!("../templates/commendation_ratings.html"),
    ),
    (
        "commendation_round.html",
        include_str!("../templates/commendation_round.html"),
    ),
    (
        "commendation_rounds.html",
        include_str!("../templates/commendation_rounds.html"),
    ),
    (
        "commendation_nominations.html",
        include_str!("../templates/commendation_nominations.html"),
    ),
    (
        "commendation_nomination.html",
        include_str!("../templates/commendation_nomination.html"),
    ),
    (
        "commendation_councils.html",
        include_str!("../templates/commendation_councils.html"),
    ),
    (
        "commendation_meeting.html",
        include_str!("../templates/commendation_meeting.html"),
    ),
    (
        "commendation_ballot.html",
        include_str!("../templates/commendation_ballot.html"),
    ),
    (
        "commendation_decisions.html",
        include_str!("../templates/commendation_decisions.html"),
    ),
    (
        "commendation_decision.html",
        include_str!("../templates/commendation_decision.html"),
    ),
    (
        "models_list.html",
        include_str!("../templates/models_list.html"),
    ),
    (
        "models_new_factors.html",
        include_str!("../templates/models_new_factors.html"),
    ),
    (
        "model_form.html",
        include_str!("../templates/model_form.html"),
    ),
    (
        "model_detail.html",
        include_str!("../templates/model_detail.html"),
    ),
    ("board.html", include_str!("../templates/board.html")),
    (
        "board_decision.html",
        include_str!("../templates/board_decision.html"),
    ),
    (
        "board_model.html",
        include_str!("../templates/board_model.html"),
    ),
    (
        "board_initiative.html",
        include_str!("../templates/board_initiative.html"),
    ),
    ("reports.html", include_str!("../templates/reports.html")),
    (
        "dashboard.html",
        include_str!("../templates/dashboard.html"),
    ),
];

fn env() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        for (name, source) in TEMPLATES {
            if let Err(e) = env.add_template(name, source) {
                panic!("template {name} does not compile: {e}");
            }
        }
        env.add_filter("date", |v: Value| -> String {
            let Some(s) = v.as_str() else {
                return String::new();
            };
            // A date ("2024-03-15") as such; an instant as its day in Vietnam.
            if s.len() <= 10 {
                return format::parse_date(s)
                    .map(format::date_vn)
                    .unwrap_or_default();
            }
            vietnam_time(s)
                .map(|t| format::date_vn(t.date_naive()))
                .unwrap_or_default()
        });
        env.add_filter("datetime", |v: Value| -> String {
            v.as_str()
                .and_then(vietnam_time)
                .map(|t| {
                    format!(
                        "{} {}",
                        format::date_vn(t.date_naive()),
                        t.format("%H:%M:%S")
                    )
                })
                .unwrap_or_default()
        });
        env.add_filter("role", |code: &str| {
            thidua_domain::access::Role::from_code(code)
                .map(|r| r.label())
                .unwrap_or(code)
                .to_owned()
        });
        env.add_filter("money", |v: i64| format::money_vnd(v));
        env.add_filter("unit_kind", |code: &str| {
            UnitKind::from_code(code)
                .map(|k| k.label())
                .unwrap_or(code)
                .to_owned()
        });
        env.add_filter("category", |code: &str| {
            PersonCategory::from_code(code)
                .map(|k| k.label())
                .unwrap_or(code)
                .to_owned()
        });
        env.add_filter("staff_level", |code: &str| {
            StaffLevel::from_code(code)
                .map(|k| k.label())
                .unwrap_or(code)
                .to_owned()
        });
        env.add_filter("gender", |code: Option<String>| {
            code.as_deref()
                .and_then(Gender::from_code)
                .map(|g| g.label())
                .unwrap_or("")
                .to_owned()
        });
        env.add_filter("rating", |code: &str| {
            Rating::from_code(code)
                .map(|k| k.label())
                .unwrap_or(code)
                .to_owned()
        });
        env.add_filter("work_label", |code: &str, kind: &str| {
            crate::pages_work::label(code, kind)
        });
        env.add_filter("ini_label", |code: &str, kind: &str| {
            crate::pages_initiatives::label(code, kind)
        });
        env.add_filter("thousands", |n: i64| {
            format::money_vnd(n).trim_end_matches(" đ").to_owned()
        });
        env
    })
}

/// Appends `text` to `out` escaped for HTML text and attribute values, as the templates escape it.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    // Copy the runs without special characters whole; names rarely have any.
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'', '/']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#x27;",
            _ => "&#x2f;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// An instant (RFC 3339) as the time in Vietnam.
fn vietnam_time(s: &str) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let t = chrono::DateTime::parse_from_rfc3339(s).ok()?;
    Some(t.with_timezone(&format::vietnam()))
}

/// Renders a page for `caller`: every page gets the viewer (`me`), what the menu may offer (`can`), the
/// CSRF token of its forms (`csrf`) and the sample banner (`sample`).
pub fn page(
    st: &crate::AppState,
    caller: &crate::auth::Caller,
    name: &str,
    ctx: Value,
) -> Result<String, crate::error::AppError> {
    render(
        name,
        context! {
            me => caller.viewer.principal(),
            can => crate::permissions::menu(&caller.viewer),
            csrf => caller.csrf.clone(),
            sample => st.is_sample(),
            ..ctx
        },
    )
}

/// Renders a page. Every page gets `sample` (the "Dữ liệu mẫu" banner) through `ctx`.
pub fn render(name: &str, ctx: Value) -> Result<String, crate::error::AppError> {
    env()
        .get_template(name)
        .and_then(|t| t.render(ctx))
        .map_err(|e| {
            tracing::error!(template = name, error = %e, "template failed");
            crate::error::AppError::internal()
        })
}

/// The error page; never fails.
pub fn render_error(status: StatusCode, message: &str) -> String {
    let title = match status {
        StatusCode::NOT_FOUND => "Không tìm thấy trang",
        StatusCode::FORBIDDEN => "Không có quyền truy cập",
        StatusCode::UNAUTHORIZED => "Cần đăng nhập",
        s if s.is_client_error() => "Yêu cầu không hợp lệ",
        _ => "Lỗi máy chủ",
    };
    render(
        "error.html",
        context! { title, status => status.as_u16(), message },
    )
    .unwrap_or_else(|_| {
        format!("<!doctype html><meta charset=utf-8><title>{title}</title><h1>{title}</h1>")
    })
}

/// Every template compiles (checked by a test so that a broken template fails the build's tests).
pub fn check_all() -> Result<(), String> {
    for (name, _) in TEMPLATES {
        env()
            .get_template(name)
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_written_in_rust_are_escaped_exactly_as_templates_escape() {
        let mut env = minijinja::Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
        env.add_template("t.html", "{{ s }}").unwrap();
        for s in [
            "<script>alert('x')</script>",
            "Nguyễn Thị \"Hoa\" & Lê / Trần",
            "a > b < c",
            "",
        ] {
            let by_template = env
                .get_template("t.html")
                .unwrap()
                .render(minijinja::context! { s })
                .unwrap();
            let mut by_hand = String::new();
            super::escape_into(&mut by_hand, s);
            assert_eq!(by_hand, by_template, "{s}");
        }
    }
}
