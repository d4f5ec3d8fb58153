//! The JSON API of `shared/contracts/api.md`, in process.

mod common;

use axum::http::StatusCode;
use common::TestApp;

#[tokio::test]
async fn health_and_openapi() {
    let app = TestApp::new().await;
    let h = app.get("/healthz").await;
    assert_eq!((h.status, h.body.as_str()), (StatusCode::OK, "ok"));
    let doc = app.get("/api/v1/openapi.json").await.json();
    for path in [
        "/api/v1/units",
        "/api/v1/units/{id}",
        "/api/v1/people",
        "/api/v1/people/{id}",
        "/api/v1/eligibility/check",
        "/api/v1/audit",
        "/api/v1/documents",
        "/api/v1/movements",
        "/api/v1/directives",
        "/api/v1/directives/{id}/docx",
        "/api/v1/registrations",
        "/api/v1/decisions/{id}/docx",
        "/api/v1/decisions/{id}/certificates.pdf",
    ] {
        assert!(doc["paths"][path].is_object(), "OpenAPI lacks {path}");
    }
}

/// Every route registered under /api/v1 (the route table the permission matrix walks) is in the
/// OpenAPI document with its method, and the document lists no /api/v1 operation that is not
/// served; only the document itself is left out of itself.
#[tokio::test]
async fn the_openapi_document_lists_every_api_route_and_only_those() {
    let doc = thidua_web::api::api_doc();
    let doc = serde_json::to_value(&doc).unwrap();
    let routes: std::collections::BTreeSet<(String, String)> = thidua_web::route_table()
        .into_iter()
        .filter(|(_, p)| p.starts_with("/api/v1/") && p != "/api/v1/openapi.json")
        .map(|(m, p)| (m.to_lowercase(), p))
        .collect();
    assert!(routes.len() > 100, "{}", routes.len());
    let missing: Vec<String> = routes
        .iter()
        .filter(|(m, p)| !doc["paths"][p.as_str()][m.as_str()].is_object())
        .map(|(m, p)| format!("{} {p}", m.to_uppercase()))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without an OpenAPI entry:\n{}",
        missing.join("\n")
    );
    let mut documented = std::collections::BTreeSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) {
                documented.insert((method.clone(), path.clone()));
            }
        }
    }
    let unserved: Vec<String> = documented
        .difference(&routes)
        .filter(|(_, p)| p.starts_with("/api/v1/") && p != "/api/v1/openapi.json")
        .map(|(m, p)| format!("{} {p}", m.to_uppercase()))
        .collect();
    assert!(
        unserved.is_empty(),
        "OpenAPI entries without a route:\n{}",
        unserved.join("\n")
    );
}

#[tokio::test]
async fn people_are_found_without_diacritics_and_listed_in_vietnamese_order() {
    let (app, ward, ids) = TestApp::with_directory().await;
    let found = app.get("/api/v1/people?q=nguyen%20van%20duc").await.json();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["id"], ids[0]);
    assert_eq!(found["items"][0]["full_name"], "Nguyễn Văn Đức");
    assert_eq!(found["items"][0]["unit_id"], ward);
    for key in ["id", "full_name", "unit_id", "position", "category"] {
        assert!(
            found["items"][0].get(key).is_some(),
            "people items carry {key}"
        );
    }
    let all = app
        .get(&format!("/api/v1/people?unit_id={ward}"))
        .await
        .json();
    let names: Vec<_> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["full_name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["Trần Văn An", "Lê Thị Bình", "Nguyễn Văn Đức"]);
    let page2 = app.get("/api/v1/people?per_page=2&page=2").await.json();
    assert_eq!(
        (
            page2["total"].as_u64(),
            page2["items"].as_array().unwrap().len()
        ),
        (Some(3), 1)
    );
    let units = app.get("/api/v1/units?q=KIM%20TAN").await.json();
    assert_eq!(units["total"], 1);
    for key in ["id", "code", "name", "kind", "parent_id"] {
        assert!(
            units["items"][0].get(key).is_some(),
            "unit items carry {key}"
        );
    }
}

#[tokio::test]
async fn text_is_stored_in_nfc_and_changes_are_audited() {
    let (app, ward, _) = TestApp::with_directory().await;
    let body = format!(
        r#"{{"full_name": "Pha\u0323m Thu\u0300y Linh", "unit_id": {ward}, "category": "vien_chuc", "birth_date": "1990-05-17"}}"#
    );
    let created = app.send_json("POST", "/api/v1/people", &body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let p = created.json();
    assert_eq!(p["full_name"], "Phạm Thùy Linh");
    let audit = app
        .get(&format!(
            "/api/v1/audit?entity=person&entity_id={}",
            p["id"]
        ))
        .await
        .json();
    assert_eq!(audit["total"], 1);
    assert_eq!(audit["items"][0]["action"], "create");
}

#[tokio::test]
async fn bad_input_gets_the_contract_error_shape_in_vietnamese() {
    let (app, ward, ids) = TestApp::with_directory().await;
    // Not JSON: 400.
    let r = app.send_json("POST", "/api/v1/people", "{not json").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.json()["error"]["code"], "validation");
    // JSON, invalid: 422 with the fields named.
    let r = app
        .send_json(
            "POST",
            "/api/v1/people",
            &format!(r#"{{"full_name": " ", "unit_id": {ward}, "category": "xyz"}}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e = r.json();
    assert!(e["error"]["fields"]["full_name"]
        .as_str()
        .unwrap()
        .contains("Họ và tên"));
    assert!(e["error"]["fields"]["category"].is_string());
    // Wrong types are 422 too.
    let r = app
        .send_json(
            "POST",
            "/api/v1/people",
            r#"{"full_name": "A", "unit_id": "x", "category": "can_bo"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // A unit that does not exist.
    let r = app
        .send_json(
            "POST",
            "/api/v1/people",
            r#"{"full_name": "Lò Văn Sáng", "unit_id": 9999, "category": "can_bo"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["error"]["fields"]["unit_id"].is_string());
    // Bad paging: 400 naming the parameter.
    let r = app.get("/api/v1/people?per_page=100000").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["error"]["fields"]["per_page"].is_string());
    let r = app.get("/api/v1/people?sort=age").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    // Not found, also for ids that are not numbers.
    for uri in [
        "/api/v1/people/999999",
        "/api/v1/people/abc",
        "/api/v1/units/-1",
        "/api/v1/khong-co",
    ] {
        let r = app.get(uri).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(r.json()["error"]["code"], "not_found");
    }
    // A duplicate unit code: 409 naming the field.
    let r = app
        .send_json(
            "POST",
            "/api/v1/units",
            r#"{"code": "P-KIM-TAN", "name": "Trùng", "kind": "ward_commune"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.json()["error"]["fields"]["code"].is_string());
    // A stale edit: 409, and nothing was overwritten.
    let body = format!(
        r#"{{"full_name": "Nguyễn Văn Đức Anh", "unit_id": {ward}, "category": "cong_chuc", "version": 1}}"#
    );
    assert_eq!(
        app.send_json("PUT", &format!("/api/v1/people/{}", ids[0]), &body)
            .await
            .status,
        StatusCode::OK
    );
    let stale = format!(
        r#"{{"full_name": "Ghi đè", "unit_id": {ward}, "category": "cong_chuc", "version": 1}}"#
    );
    let r = app
        .send_json("PUT", &format!("/api/v1/people/{}", ids[0]), &stale)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(
        app.get(&format!("/api/v1/people/{}", ids[0])).await.json()["full_name"],
        "Nguyễn Văn Đức Anh"
    );
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let app = TestApp::new().await;
    let big = format!(
        r#"{{"full_name": "{}", "unit_id": 1, "category": "can_bo"}}"#,
        "a".repeat(thidua_web::MAX_BODY_BYTES + 10)
    );
    let r = app.send_json("POST", "/api/v1/people", &big).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn units_merge_through_the_api() {
    let (app, ward, _) = TestApp::with_directory().await;
    let other = app
        .send_json(
            "POST",
            "/api/v1/units",
            r#"{"code": "P-COC-LEU", "name": "Phường Cốc Lếu", "kind": "ward_commune"}"#,
        )
        .await
        .json();
    let r = app
        .send_json(
            "POST",
            &format!("/api/v1/units/{ward}/merge"),
            &format!(
                r#"{{"into_id": {}, "on": "2025-07-01", "note": "Sắp xếp"}}"#,
                other["id"]
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["active"], false);
    let moved = app
        .get(&format!("/api/v1/people?unit_id={}", other["id"]))
        .await
        .json();
    assert_eq!(moved["total"], 3);
    let again = app
        .send_json(
            "POST",
            &format!("/api/v1/units/{ward}/merge"),
            &format!(r#"{{"into_id": {}, "on": "2025-07-01"}}"#, other["id"]),
        )
        .await;
    // A merged unit is closed: nobody changes it any more.
    assert_eq!(again.status, StatusCode::FORBIDDEN, "{}", again.body);
    assert!(again.body.contains("đã đóng"), "{}", again.body);
}

#[tokio::test]
async fn eligibility_check_follows_the_contract() {
    let app = TestApp::new().await;
    let case = r#"{
      "subject": "individual", "title": "chien_si_thi_dua_co_so", "year": 2024, "decision_date": "2025-01-15",
      "history": [
        {"year": 2024, "rating": "hoan_thanh_tot", "titles": ["lao_dong_tien_tien"],
         "initiatives": [{"scope": "co_so", "benefit_vnd": 50000000}], "science_projects": []},
        {"year": 2023, "rating": "hoan_thanh_xuat_sac", "titles": ["lao_dong_tien_tien"]}
      ],
      "discipline_pending": false, "disciplined": null
    }"#;
    let r = app
        .send_json("POST", "/api/v1/eligibility/check", case)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let v = r.json();
    assert_eq!(v["regime"], "nd-98-2023");
    assert_eq!(v["eligible"], true);
    assert_eq!(v["award_vnd"], 2_340_000);
    assert!(v["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["citation"].as_str().is_some_and(|s| !s.is_empty())));
    let bad = case.replace("chien_si_thi_dua_co_so", "khong_co_danh_hieu");
    let r = app
        .send_json("POST", "/api/v1/eligibility/check", &bad)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.json()["error"]["fields"]["title"].is_string());
    let r = app
        .send_json("POST", "/api/v1/eligibility/check", "[")
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_administrator_adds_rule_tables_when_the_law_changes() {
    let app = TestApp::new().await;
    let current = app.get("/api/v1/rules/tables").await;
    assert_eq!(current.status, StatusCode::OK);
    let mut tables = current.json();
    let version = tables["version"].as_u64().unwrap();
    tables["version"] = serde_json::json!(version + 1);
    tables["base_salaries"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"from": "2026-07-01", "amount_vnd": 3000000, "source": "Nghị định giả định"}));
    let case = r#"{"subject": "individual", "title": "lao_dong_tien_tien", "year": 2025, "decision_date": "2026-08-01",
      "history": [{"year": 2025, "rating": "hoan_thanh_tot"}], "discipline_pending": false, "disciplined": null}"#;
    let before = app
        .send_json("POST", "/api/v1/eligibility/check", case)
        .await
        .json();
    assert_eq!(before["award_vnd"], 710_000);

    // Only an administrator; text that is not JSON is 400, tables of the wrong shape 422.
    app.add_user(
        "canbo",
        &[thidua_domain::access::Role::TdktOffice],
        None,
        None,
    )
    .await;
    let office = app.as_user("canbo").await;
    let r = office
        .send_json("POST", "/api/v1/rules/tables", &tables.to_string())
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_json("POST", "/api/v1/rules/tables", "{không phải json")
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = app
        .send_json(
            "POST",
            "/api/v1/rules/tables",
            r#"{"version": 99, "label": "thiếu"}"#,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "validation");

    let r = app
        .send_json("POST", "/api/v1/rules/tables", &tables.to_string())
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // Twice the same version: a conflict.
    let r = app
        .send_json("POST", "/api/v1/rules/tables", &tables.to_string())
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    let after = app
        .send_json("POST", "/api/v1/eligibility/check", case)
        .await
        .json();
    assert_eq!(after["award_vnd"], 900_000, "{after}");
    assert_eq!(after["tables_version"], version + 1);
    let versions = app.get("/api/v1/rules/versions").await.json();
    assert_eq!(versions["total"], 2);
    // The eligibility page judges with them too.
    let page = app
        .get("/xet-dieu-kien?xet=1&danh_hieu=lao_dong_tien_tien&nam=2025&ngay_qd=01/08/2026&xl0=hoan_thanh_tot")
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("900.000"),
        "the page shows the new amount"
    );
}
