//! The API of movements and directives, in process, as the city office and a ward's officer use it:
//! the register with its basis chain, a movement, a directive issued with the next number of its
//! register, the wards' read receipts and reports, the follow-up matrix, reminders, registrations
//! with their deadline, propaganda, inspections, attachments and the dispatch as DOCX. And the bad
//! inputs of issue 5, each answered with the field named and nothing changed.

mod common;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, Request, StatusCode};
use common::TestApp;
use http_body_util::BodyExt;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::{json, Value};
use std::io::Read;
use std::sync::Arc;
use thidua_domain::access::Role;
use thidua_domain::directory::{PersonInput, UnitInput};
use thidua_store::entity::{recipient_group_units, recipient_groups};
use thidua_store::Actor;
use tower::ServiceExt;

/// The city, three wards in one recipient group, an officer for the first two wards.
struct World {
    admin: TestApp,
    city: i64,
    wards: Vec<i64>,
    group: i64,
}

async fn unit(app: &TestApp, code: &str, name: &str, kind: &str, parent: Option<i64>) -> i64 {
    let input = UnitInput {
        code: code.into(),
        name: name.into(),
        kind: kind.into(),
        parent_id: parent,
    };
    app.db
        .store
        .create_unit(&Actor::system("test"), input.validate().unwrap())
        .await
        .unwrap()
        .id
}

async fn world_in(admin: TestApp) -> World {
    let province = unit(
        &admin,
        "TINH",
        "UBND tỉnh Lào Cai",
        "peoples_committee",
        None,
    )
    .await;
    let city = unit(
        &admin,
        "TP",
        "UBND thành phố Lào Cai",
        "peoples_committee",
        Some(province),
    )
    .await;
    let mut wards = Vec::new();
    for (code, name) in [
        ("P1", "Phường Cốc Lếu"),
        ("P2", "Phường Bắc Lệnh"),
        ("P3", "Phường Duyên Hải"),
    ] {
        wards.push(unit(&admin, code, name, "ward_commune", Some(city)).await);
    }
    let conn = admin.db.store.connection();
    let group = recipient_groups::ActiveModel {
        code: Set("xa_phuong".into()),
        name: Set("UBND các xã, phường".into()),
        ..Default::default()
    }
    .insert(conn)
    .await
    .unwrap()
    .id;
    for w in &wards {
        recipient_group_units::ActiveModel {
            group_id: Set(group),
            unit_id: Set(*w),
        }
        .insert(conn)
        .await
        .unwrap();
    }
    admin
        .add_user("canbo1", &[Role::UnitOfficer], Some(wards[0]), None)
        .await;
    admin
        .add_user("canbo2", &[Role::UnitOfficer], Some(wards[1]), None)
        .await;
    World {
        admin,
        city,
        wards,
        group,
    }
}

async fn world() -> World {
    world_in(TestApp::new().await).await
}

async fn post(app: &TestApp, uri: &str, body: Value) -> common::Answer {
    app.send_json("POST", uri, &body.to_string()).await
}

async fn put(app: &TestApp, uri: &str, body: Value) -> common::Answer {
    app.send_json("PUT", uri, &body.to_string()).await
}

fn ok(a: &common::Answer, want: StatusCode) -> Value {
    assert_eq!(a.status, want, "{}", a.body);
    a.json()
}

/// Registers an incoming document and answers its id.
async fn document(app: &TestApp, reference: &str, on: &str, summary: &str, basis: &[i64]) -> i64 {
    let a = post(
        app,
        "/api/v1/documents",
        json!({"reference": reference, "issued_on": on, "summary": summary,
               "issuer": "UBND tỉnh Lào Cai", "basis_document_ids": basis}),
    )
    .await;
    ok(&a, StatusCode::CREATED)["id"].as_i64().unwrap()
}

/// A movement 2021–2030 run by the city, with its 2023 phase (registration closed on 31/3/2023) and
/// its 2025 phase (open until 2099).
async fn movement(w: &World, basis: &[i64]) -> Value {
    let a = post(
        &w.admin,
        "/api/v1/movements",
        json!({
            "name": "Lao động giỏi, Lao động sáng tạo",
            "start_year": 2021, "end_year": 2030, "kind": "regular",
            "organisers": "UBND thành phố, Liên đoàn Lao động thành phố",
            "unit_id": w.city, "basis_document_ids": basis,
            "phases": [
                {"year": 2023, "title": "Năm 2023", "registration_due": "2023-03-31"},
                {"year": 2025, "registration_due": "2099-12-31"}
            ]
        }),
    )
    .await;
    ok(&a, StatusCode::CREATED)
}

const TASKS: [&str; 3] = [
    "Đẩy mạnh công tác tuyên truyền",
    "Tổ chức phát động phong trào thi đua",
    "Gắn phong trào với việc Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
];

fn directive_body(movement: i64, recipients: Value, basis: &[i64], last_due: &str) -> Value {
    let mut body = json!({
        "movement_id": movement, "year": 2023,
        "summary": "V/v đẩy mạnh thực hiện phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023",
        "symbol": "UBND-NV", "signer": "Hoàng Đăng Khoa",
        "closing": "UBND thành phố Lào Cai kêu gọi toàn thể cán bộ, công chức, viên chức, người lao động ra sức thi đua./.",
        "basis_document_ids": basis,
        "tasks": [
            {"title": TASKS[0], "report_what": "số buổi, số người, số tin bài", "due_on": "2099-12-31"},
            {"title": TASKS[1], "due_on": "2099-11-30"},
            {"title": TASKS[2], "due_on": last_due}
        ]
    });
    for (k, v) in recipients.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

async fn draft(
    w: &World,
    movement: i64,
    recipients: Value,
    basis: &[i64],
    last_due: &str,
) -> Value {
    let a = post(
        &w.admin,
        "/api/v1/directives",
        directive_body(movement, recipients, basis, last_due),
    )
    .await;
    ok(&a, StatusCode::CREATED)
}

/// Sends a request with the app's bearer token and answers the raw bytes (files).
async fn raw(app: &TestApp, mut req: Request<Body>) -> (StatusCode, HeaderMap, Bytes) {
    if let Some(l) = &app.login {
        req.headers_mut().insert(
            header::AUTHORIZATION,
            format!("Bearer {}", l.token).parse().unwrap(),
        );
    }
    let res = app.router.clone().oneshot(req).await.unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    (status, headers, bytes)
}

/// A multipart body with the owner fields and files.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let files: Vec<(&str, &str, &[u8])> = files.iter().map(|(n, b)| ("file", *n, *b)).collect();
    common::multipart_body(fields, &files)
}

async fn upload(
    app: &TestApp,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> (StatusCode, Value) {
    let (ct, body) = multipart(fields, files);
    let req = Request::post("/api/v1/attachments")
        .header(header::CONTENT_TYPE, ct)
        .body(Body::from(body))
        .unwrap();
    let (status, _, bytes) = raw(app, req).await;
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// The text of the paragraphs of `word/document.xml`, in order.
fn docx_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    // The runs' texts: what lies between <w:t …> and </w:t>.
    let mut out = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<w:t") {
        rest = &rest[i + 4..];
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            continue;
        }
        let Some(open) = rest.find('>') else { break };
        let Some(close) = rest.find("</w:t>") else {
            break;
        };
        if open < close {
            out.push_str(&rest[open + 1..close]);
        }
        rest = &rest[close..];
        if rest.starts_with("</w:t>") {
            out.push(' ');
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
}

#[tokio::test]
async fn the_city_office_and_a_ward_play_the_seed_dispatch() {
    let w = world().await;
    let admin = &w.admin;
    let canbo1 = admin.as_user("canbo1").await;
    let canbo2 = admin.as_user("canbo2").await;
    let (ward1, ward2, ward3) = (w.wards[0], w.wards[1], w.wards[2]);

    // The legal basis, registered with its chain.
    let plan = document(
        admin,
        "205/KH-UBND-LĐLĐ",
        "2021-04-28",
        "Kế hoạch liên tịch thi đua lao động giỏi, lao động sáng tạo",
        &[],
    )
    .await;
    let city_plan = document(
        admin,
        "211/KH-UBND-LĐLĐ",
        "18/8/2021",
        "Phối hợp triển khai phong trào",
        &[plan],
    )
    .await;
    let guidance = document(
        admin,
        "941/UBND-NV",
        "2021-09-01",
        "V/v hướng dẫn xét khen thưởng phong trào",
        &[city_plan],
    )
    .await;
    let party = document(
        admin,
        "1721-CV/TU",
        "2022-12-30",
        "V/v đôn đốc thực hiện một số nhiệm vụ",
        &[],
    )
    .await;
    let detail = admin
        .get(&format!("/api/v1/documents/{guidance}"))
        .await
        .json();
    assert_eq!(detail["reference"], "941/UBND-NV");
    assert_eq!(detail["issued_on"], "2021-09-01");
    assert_eq!(detail["kind"], "cong_van");
    let chain: Vec<(u64, String)> = detail["basis"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["depth"].as_u64().unwrap(),
                b["document"]["reference"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        chain,
        [
            (1, "211/KH-UBND-LĐLĐ".to_owned()),
            (2, "205/KH-UBND-LĐLĐ".to_owned())
        ]
    );
    let plan_detail = admin.get(&format!("/api/v1/documents/{plan}")).await.json();
    assert_eq!(plan_detail["cited_by"][0]["id"], city_plan);
    let found = admin.get("/api/v1/documents?q=LIEN%20TICH").await.json();
    assert_eq!(
        found["total"], 1,
        "summaries are searched without diacritics"
    );
    assert_eq!(found["items"][0]["reference"], "205/KH-UBND-LĐLĐ");
    let kh = admin
        .get("/api/v1/documents?kind=ke_hoach&per_page=1")
        .await
        .json();
    assert_eq!(
        (kh["total"].as_u64(), kh["items"].as_array().unwrap().len()),
        (Some(2), 1)
    );
    let y2021 = admin.get("/api/v1/documents?year=2021").await.json();
    assert_eq!(y2021["total"], 3);

    // The movement and its directive, drafted then issued with the next number of UBND-NV.
    let m = movement(&w, &[plan, guidance]).await;
    let mid = m["id"].as_i64().unwrap();
    assert_eq!(
        (m["start_year"].as_i64(), m["end_year"].as_i64()),
        (Some(2021), Some(2030))
    );
    assert_eq!(m["phases"].as_array().unwrap().len(), 2);
    let listed = admin
        .get("/api/v1/movements?q=lao%20dong%20gioi")
        .await
        .json();
    assert_eq!(listed["total"], 1);
    assert_eq!(
        listed["items"][0]["phases"][0]["registration_due"],
        "2023-03-31"
    );
    let d = draft(
        &w,
        mid,
        json!({"group_ids": [w.group]}),
        &[party, plan],
        "2023-06-30",
    )
    .await;
    let did = d["id"].as_i64().unwrap();
    assert_eq!(
        (d["status"].as_str(), d["reference"].as_str()),
        (Some("draft"), None)
    );
    assert_eq!(d["tasks"].as_array().unwrap().len(), 3);
    assert_eq!(d["tasks"][2]["position"], 3);
    let doc_id = d["document_id"].as_i64().unwrap();
    let draft_doc = admin
        .get(&format!("/api/v1/documents/{doc_id}"))
        .await
        .json();
    assert!(draft_doc["reference"].is_null(), "a draft has no number");
    assert_eq!(draft_doc["directive_id"], did);
    // The ward does not see the city's draft.
    assert_eq!(
        canbo1
            .get(&format!("/api/v1/directives/{did}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(canbo1.get("/api/v1/directives").await.json()["total"], 0);
    let issued = ok(
        &post(
            admin,
            &format!("/api/v1/directives/{did}/issue"),
            json!({"issued_on": "2023-03-15", "version": d["version"]}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(issued["reference"], "01/UBND-NV");
    assert_eq!(issued["issued_on"], "2023-03-15");
    assert_eq!(issued["status"], "issued");
    assert_eq!(issued["recipients"].as_array().unwrap().len(), 3);
    // An issued directive is never edited.
    let again = put(
        admin,
        &format!("/api/v1/directives/{did}"),
        directive_body(mid, json!({"group_ids": [w.group]}), &[], "2023-06-30"),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.json()["error"]["code"], "conflict");

    // The wards: inbox, read receipt, reports.
    let inbox = canbo1.get("/api/v1/directives").await.json();
    assert_eq!(inbox["total"], 1);
    assert_eq!(inbox["items"][0]["reference"], "01/UBND-NV");
    let seen = canbo1
        .get(&format!("/api/v1/directives/{did}"))
        .await
        .json();
    assert_eq!(
        seen["recipients"].as_array().unwrap().len(),
        1,
        "a ward sees its own receipt only"
    );
    let read = ok(
        &post(
            &canbo1,
            &format!("/api/v1/directives/{did}/read"),
            json!({"unit_id": ward1}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(
        (read["first"].as_bool(), read["read_by"].as_str()),
        (Some(true), Some("canbo1"))
    );
    let read2 = ok(
        &post(
            &canbo1,
            &format!("/api/v1/directives/{did}/read"),
            json!({"unit_id": ward1}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(read2["first"], false);
    assert_eq!(
        post(
            &canbo1,
            &format!("/api/v1/directives/{did}/read"),
            json!({"unit_id": ward2})
        )
        .await
        .status,
        StatusCode::NOT_FOUND,
        "another ward's receipt is not theirs"
    );
    let tasks: Vec<i64> = issued["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect();
    let reports_uri = format!("/api/v1/directives/{did}/units/{ward1}/reports");
    let r1 = ok(
        &put(&canbo1, &reports_uri, json!({"task_id": tasks[0], "events_held": 4, "people_reached": 320, "posts_published": 6,
            "text": "Đã tổ chức 4 buổi tuyên truyền", "submit": true, "version": 0})).await,
        StatusCode::OK,
    );
    assert_eq!(
        (r1["version"].as_i64(), r1["people_reached"].as_i64()),
        (Some(1), Some(320))
    );
    assert!(r1["submitted_on"].is_string());
    ok(
        &put(
            &canbo1,
            &reports_uri,
            json!({"task_id": tasks[1], "text": "Đang chuẩn bị"}),
        )
        .await,
        StatusCode::OK,
    );
    let mine = canbo1.get(&reports_uri).await.json();
    let states: Vec<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["state"].as_str().unwrap())
        .collect();
    assert_eq!(states, ["reported", "reporting", "late"]);
    assert_eq!(
        canbo1
            .get(&format!("/api/v1/directives/{did}/units/{ward3}/reports"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "a ward does not read another's reports"
    );

    // The city office's matrix and reminders.
    assert_eq!(
        canbo1
            .get(&format!("/api/v1/directives/{did}/matrix"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let matrix = admin
        .get(&format!("/api/v1/directives/{did}/matrix"))
        .await
        .json();
    assert_eq!(matrix["total_rows"], 3);
    let row = |unit: i64| -> Vec<String> {
        matrix["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["unit_id"] == unit)
            .unwrap()["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(row(ward1), ["reported", "reporting", "late"]);
    assert_eq!(row(ward2), ["not_read", "not_read", "late"]);
    assert_eq!(row(ward3), ["not_read", "not_read", "late"]);
    assert_eq!(
        (
            matrix["counts"]["not_read"].as_u64(),
            matrix["counts"]["late"].as_u64(),
            matrix["counts"]["reported"].as_u64()
        ),
        (Some(4), Some(3), Some(1))
    );
    let only = admin
        .get(&format!("/api/v1/directives/{did}/matrix?state=reported"))
        .await
        .json();
    assert_eq!(
        (only["total"].as_u64(), only["rows"][0]["unit_id"].as_i64()),
        (Some(1), Some(ward1))
    );
    let by_name = admin
        .get(&format!("/api/v1/directives/{did}/matrix?q=bac%20lenh"))
        .await
        .json();
    assert_eq!(by_name["rows"][0]["unit_id"], ward2);
    assert_eq!(
        admin
            .get(&format!("/api/v1/directives/{did}/matrix?state=xyz"))
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    let reminded = ok(
        &post(
            admin,
            &format!("/api/v1/directives/{did}/reminders"),
            json!({"unit_ids": [ward2, ward3]}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(reminded["notifications"], 2);
    assert_eq!(
        post(
            &canbo1,
            &format!("/api/v1/directives/{did}/reminders"),
            json!({"unit_ids": [ward2]})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let told = canbo2.get("/api/v1/notifications").await.json();
    let kinds: Vec<&str> = told["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"reminder") && kinds.contains(&"directive"),
        "{kinds:?}"
    );
    assert!(told["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["unit_id"] == ward2));
    // Marking read: one, then the rest; ward 1's officer cannot mark ward 2's.
    let items = told["items"].as_array().unwrap();
    assert!(items.iter().all(|n| n["read_at"].is_null()));
    let first = items[0]["id"].as_i64().unwrap();
    let marked = ok(
        &post(
            &canbo1,
            "/api/v1/notifications/read",
            json!({"ids": [first]}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(marked["marked"], 0, "not ward 1's");
    let marked = ok(
        &post(
            &canbo2,
            "/api/v1/notifications/read",
            json!({"ids": [first]}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(marked["marked"], 1);
    let marked = ok(
        &post(&canbo2, "/api/v1/notifications/read", json!({})).await,
        StatusCode::OK,
    );
    assert_eq!(marked["marked"], items.len() as u64 - 1);
    let told = canbo2.get("/api/v1/notifications").await.json();
    assert!(told["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["read_at"].is_string()));
    let inspected = ok(
        &post(
            admin,
            "/api/v1/inspections",
            json!({"unit_id": ward2, "directive_id": did, "inspected_on": "2023-05-10",
            "inspectors": "Phòng Nội vụ", "findings": "Chưa triển khai tuyên truyền"}),
        )
        .await,
        StatusCode::CREATED,
    );
    assert_eq!(inspected["unit_name"], "Phường Bắc Lệnh");
    assert_eq!(
        post(
            &canbo1,
            "/api/v1/inspections",
            json!({"unit_id": ward1, "findings": "x", "inspected_on": "2023-05-10"})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(canbo2.get("/api/v1/inspections").await.json()["total"], 1);
    assert_eq!(canbo1.get("/api/v1/inspections").await.json()["total"], 0);

    // Evidence on the report, served only as a download, only to those who see the report.
    let pdf: &[u8] = b"%PDF-1.7\nbao cao tuyen truyen\n%%EOF";
    let report_id = r1["id"].as_i64().unwrap().to_string();
    let (status, stored) = upload(
        &canbo1,
        &[("owner_kind", "report"), ("owner_id", &report_id)],
        &[("Báo cáo quý I.pdf", pdf)],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{stored}");
    let url = stored["items"][0]["url"].as_str().unwrap().to_owned();
    let (status, headers, bytes) =
        raw(&canbo1, Request::get(&url).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&bytes[..], pdf);
    let cd = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        cd.starts_with("attachment;") && cd.contains("filename*=UTF-8''B%C3%A1o"),
        "{cd}"
    );
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(canbo2.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(admin.get(&url).await.status, StatusCode::OK);
    let (status, _) = upload(
        &canbo2,
        &[("owner_kind", "report"), ("owner_id", &report_id)],
        &[("x.pdf", pdf)],
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let listed = canbo1.get(&reports_uri).await.json();
    assert_eq!(
        listed["items"][0]["attachments"][0]["file_name"],
        "Báo cáo quý I.pdf"
    );

    // Propaganda of the ward.
    let p = ok(
        &post(&canbo1, "/api/v1/posts", json!({"unit_id": ward1, "movement_id": mid, "kind": "event",
            "title": "Hội nghị phát động thi đua", "occurred_on": "2023-04-02", "participants": 120})).await,
        StatusCode::CREATED,
    );
    assert_eq!(p["participants"], 120);
    assert_eq!(
        post(
            &canbo1,
            "/api/v1/posts",
            json!({"unit_id": ward2, "kind": "post", "title": "x", "occurred_on": "2023-04-02"})
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        canbo1.get("/api/v1/posts?q=phat%20dong").await.json()["total"],
        1
    );
    assert_eq!(canbo2.get("/api/v1/posts").await.json()["total"], 0);

    // The dispatch as DOCX, with its number and its tasks in order.
    let (status, headers, bytes) = raw(
        admin,
        Request::get(format!("/api/v1/directives/{did}/docx"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    );
    let cd = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        cd.starts_with("attachment;")
            && cd.contains("filename*=UTF-8''C%C3%B4ng%20v%C4%83n%2001-UBND-NV.docx"),
        "{cd}"
    );
    let text = docx_text(&bytes);
    assert!(text.contains("01/UBND-NV"), "{text}");
    assert!(text.contains("ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI"), "{text}");
    assert!(text.contains("UBND TỈNH LÀO CAI"), "{text}");
    assert!(text.contains("ngày 15 tháng 3 năm 2023"), "{text}");
    assert!(text.contains("UBND các xã, phường."), "{text}");
    assert!(
        text.contains("Căn cứ Công văn số 1721-CV/TU ngày 30/12/2022"),
        "{text}"
    );
    assert!(
        text.contains("Hoàng Đăng Khoa") && text.contains("Lưu: VT, NV."),
        "{text}"
    );
    let at: Vec<usize> = TASKS
        .iter()
        .map(|t| text.find(t).unwrap_or_else(|| panic!("{t} in {text}")))
        .collect();
    assert!(at.windows(2).all(|p| p[0] < p[1]), "tasks in order: {at:?}");
    assert!(
        text.contains("Thời hạn báo cáo: chậm nhất ngày 30/06/2023."),
        "{text}"
    );
    // A ward reads the dispatch it received.
    let (status, _, _) = raw(
        &canbo1,
        Request::get(format!("/api/v1/directives/{did}/docx"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // A new version supersedes the issued one when it is issued.
    let v2 = ok(
        &post(
            admin,
            &format!("/api/v1/directives/{did}/versions"),
            json!({}),
        )
        .await,
        StatusCode::CREATED,
    );
    assert_eq!(
        (v2["supersedes_id"].as_i64(), v2["status"].as_str()),
        (Some(did), Some("draft"))
    );
    let v2id = v2["id"].as_i64().unwrap();
    // The draft of a version prints with the blanks of a draft.
    let (status, _, bytes) = raw(
        admin,
        Request::get(format!("/api/v1/directives/{v2id}/docx"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(docx_text(&bytes).contains("/UBND-NV"));
    ok(
        &post(
            admin,
            &format!("/api/v1/directives/{v2id}/issue"),
            json!({"issued_on": "2023-03-20"}),
        )
        .await,
        StatusCode::OK,
    );
    let old = admin.get(&format!("/api/v1/directives/{did}")).await.json();
    assert_eq!(old["status"], "superseded");
    let listed = admin
        .get(&format!("/api/v1/directives?movement_id={mid}"))
        .await
        .json();
    assert_eq!(listed["total"], 2);
    assert_eq!(listed["items"][0]["reference"], "02/UBND-NV");
}

#[tokio::test]
async fn registrations_close_at_their_deadline_until_the_office_reopens_them() {
    let w = world().await;
    let admin = &w.admin;
    let canbo1 = admin.as_user("canbo1").await;
    let ward1 = w.wards[0];
    let today = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let person = PersonInput {
        full_name: "Nguyễn Thị Hoà".into(),
        unit_id: ward1,
        category: "cong_chuc".into(),
        ..Default::default()
    };
    let person = admin
        .db
        .store
        .create_person(
            &Actor::system("test"),
            person.validate(today).unwrap(),
            today,
        )
        .await
        .unwrap()
        .id;
    let m = movement(&w, &[]).await;
    let mid = m["id"].as_i64().unwrap();
    let body = |year: i32, version: Option<i64>| {
        json!({"movement_id": mid, "year": year, "unit_id": ward1,
               "commitments": "Hoàn thành xuất sắc nhiệm vụ năm", "target_title": "tap_the_lao_dong_xuat_sac",
               "people": [{"person_id": person, "target_title": "lao_dong_tien_tien"}], "version": version})
    };
    // 2023 closed on 31/3/2023.
    let late = post(&canbo1, "/api/v1/registrations", body(2023, None)).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert!(late.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("hết hạn"));
    // 2025 is open.
    let r = ok(
        &post(&canbo1, "/api/v1/registrations", body(2025, None)).await,
        StatusCode::CREATED,
    );
    let rid = r["id"].as_i64().unwrap();
    assert_eq!(
        (r["people_count"].as_u64(), r["open"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(r["people"][0]["full_name"], "Nguyễn Thị Hoà");
    let bad_title = post(
        &canbo1,
        "/api/v1/registrations",
        json!({"movement_id": mid, "year": 2025, "unit_id": ward1,
        "commitments": "x", "target_title": "lao_dong_tien_tien"}),
    )
    .await;
    assert_eq!(bad_title.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_title.json()["error"]["fields"]["target_title"].is_string());
    let listed = admin
        .get(&format!(
            "/api/v1/registrations?movement_id={mid}&year=2025"
        ))
        .await
        .json();
    assert_eq!(listed["total"], 1);
    assert_eq!(
        (
            listed["items"][0]["unit_id"].as_i64(),
            listed["items"][0]["people_count"].as_u64()
        ),
        (Some(ward1), Some(1))
    );
    // The office moves the 2025 deadline into the past: the ward can no longer change it.
    let mut changed = m.clone();
    changed["phases"][1]["registration_due"] = json!("2024-01-31");
    changed["basis_document_ids"] = json!([]);
    changed["linked_movement_ids"] = json!([]);
    ok(
        &put(admin, &format!("/api/v1/movements/{mid}"), changed.clone()).await,
        StatusCode::OK,
    );
    let stale = put(admin, &format!("/api/v1/movements/{mid}"), changed).await;
    assert_eq!(
        stale.status,
        StatusCode::CONFLICT,
        "the version read is stale now"
    );
    assert_eq!(
        post(&canbo1, "/api/v1/registrations", body(2025, Some(1)))
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        post(
            &canbo1,
            &format!("/api/v1/registrations/{rid}/reopen"),
            json!({})
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let reopened = ok(
        &post(
            admin,
            &format!("/api/v1/registrations/{rid}/reopen"),
            json!({}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(
        (reopened["reopened"].as_bool(), reopened["open"].as_bool()),
        (Some(true), Some(true))
    );
    let version = reopened["version"].as_i64();
    let saved = ok(
        &post(&canbo1, "/api/v1/registrations", body(2025, version)).await,
        StatusCode::OK,
    );
    assert_eq!(saved["version"].as_i64(), version.map(|v| v + 1));
    // Another ward's officer sees none of it.
    let canbo2 = admin.as_user("canbo2").await;
    assert_eq!(
        canbo2
            .get(&format!("/api/v1/registrations/{rid}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(canbo2.get("/api/v1/registrations").await.json()["total"], 0);
    assert_eq!(
        post(&canbo2, "/api/v1/registrations", body(2025, None))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn bad_input_names_the_field_and_changes_nothing() {
    let w = world().await;
    let admin = &w.admin;
    let (ward1, ward2) = (w.wards[0], w.wards[1]);
    // A malformed number and symbol.
    let bad = post(
        admin,
        "/api/v1/documents",
        json!({"reference": "941 UBND NV", "issued_on": "2021-09-01", "summary": "x"}),
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let e = bad.json();
    assert_eq!(e["error"]["code"], "validation");
    assert!(e["error"]["fields"]["reference"]
        .as_str()
        .unwrap()
        .contains("Số và ký hiệu"));
    // A duplicate in the same register and year; the same number another year is another document.
    document(admin, "941/UBND-NV", "2021-09-01", "V/v hướng dẫn", &[]).await;
    let dup = post(
        admin,
        "/api/v1/documents",
        json!({"reference": "941/UBND-NV", "issued_on": "2021-10-01", "summary": "Trùng số"}),
    )
    .await;
    assert_eq!(dup.status, StatusCode::CONFLICT, "{}", dup.body);
    assert!(dup.json()["error"]["fields"]["reference"].is_string());
    document(admin, "941/UBND-NV", "2022-09-01", "Năm khác", &[]).await;
    assert_eq!(admin.get("/api/v1/documents").await.json()["total"], 2);
    // Text that is not JSON, JSON of the wrong shape.
    let not_json = admin
        .send_json("POST", "/api/v1/documents", "{\"reference\": ")
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert_eq!(not_json.json()["error"]["code"], "validation");
    let wrong_shape = admin
        .send_json("POST", "/api/v1/documents", "{\"summary\": 5}")
        .await;
    assert_eq!(wrong_shape.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Only outgoing drafts are issued from the register, with the next number.
    let out = ok(&post(admin, "/api/v1/documents", json!({"direction": "outgoing", "reference": "/UBND-NV", "issued_on": "3/2023", "summary": "V/v báo cáo"})).await, StatusCode::CREATED);
    assert!(out["reference"].is_null());
    assert_eq!(
        (
            out["issued_year"].as_i64(),
            out["issued_month"].as_i64(),
            out["issued_day"].as_i64()
        ),
        (Some(2023), Some(3), None)
    );
    let issued = ok(
        &post(
            admin,
            &format!("/api/v1/documents/{}/issue", out["id"]),
            json!({"issued_on": "2023-03-15"}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(issued["reference"], "01/UBND-NV");
    assert_eq!(
        post(
            admin,
            &format!("/api/v1/documents/{}/issue", out["id"]),
            json!({"issued_on": "2023-03-16"})
        )
        .await
        .status,
        StatusCode::CONFLICT
    );

    // A deadline before the issue date: 422 naming the task, still a draft without a number.
    let m = movement(&w, &[]).await;
    let mid = m["id"].as_i64().unwrap();
    let d = draft(&w, mid, json!({"unit_ids": [ward1]}), &[], "2023-03-01").await;
    let did = d["id"].as_i64().unwrap();
    let early = post(
        admin,
        &format!("/api/v1/directives/{did}/issue"),
        json!({"issued_on": "2023-03-15", "version": d["version"]}),
    )
    .await;
    assert_eq!(
        early.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        early.body
    );
    assert!(early.json()["error"]["fields"]["tasks.2.due_on"]
        .as_str()
        .unwrap()
        .contains("01/03/2023"));
    let still = admin.get(&format!("/api/v1/directives/{did}")).await.json();
    assert_eq!(
        (still["status"].as_str(), still["reference"].as_str()),
        (Some("draft"), None)
    );
    // A stale version is refused too.
    let mut fixed = directive_body(mid, json!({"unit_ids": [ward1]}), &[], "2023-12-31");
    fixed["version"] = d["version"].clone();
    let fixed = ok(
        &put(admin, &format!("/api/v1/directives/{did}"), fixed).await,
        StatusCode::OK,
    );
    assert_eq!(
        post(
            admin,
            &format!("/api/v1/directives/{did}/issue"),
            json!({"issued_on": "2023-03-15", "version": d["version"]})
        )
        .await
        .status,
        StatusCode::CONFLICT
    );
    let missing_task = put(admin, &format!("/api/v1/directives/{did}"), json!({"movement_id": mid, "year": 2023, "summary": "x", "symbol": "UBND NV X", "tasks": []})).await;
    assert_eq!(missing_task.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &missing_task.json()["error"]["fields"];
    assert!(
        fields["symbol"].is_string()
            && fields["tasks"].is_string()
            && fields["recipients"].is_string(),
        "{fields}"
    );
    let issued = ok(
        &post(
            admin,
            &format!("/api/v1/directives/{did}/issue"),
            json!({"issued_on": "2023-03-15", "version": fixed["version"]}),
        )
        .await,
        StatusCode::OK,
    );
    assert_eq!(
        issued["reference"], "02/UBND-NV",
        "after the register's 01 above"
    );
    let task = issued["tasks"][0]["id"].as_i64().unwrap();

    // A report on a directive not sent to that unit, or on a task of another directive.
    let not_sent = put(
        admin,
        &format!("/api/v1/directives/{did}/units/{ward2}/reports"),
        json!({"task_id": task, "text": "x"}),
    )
    .await;
    assert_eq!(
        not_sent.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        not_sent.body
    );
    assert!(not_sent.json()["error"]["fields"]["task_id"].is_string());
    let other = draft(&w, mid, json!({"unit_ids": [ward2]}), &[], "2099-01-01").await;
    let other_task = other["tasks"][0]["id"].as_i64().unwrap();
    let wrong_task = put(
        admin,
        &format!("/api/v1/directives/{did}/units/{ward1}/reports"),
        json!({"task_id": other_task, "text": "x"}),
    )
    .await;
    assert_eq!(wrong_task.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong_task.json()["error"]["fields"]["task_id"].is_string());
    let negative = put(
        admin,
        &format!("/api/v1/directives/{did}/units/{ward1}/reports"),
        json!({"task_id": task, "events_held": -1, "submit": true}),
    )
    .await;
    assert_eq!(negative.status, StatusCode::UNPROCESSABLE_ENTITY);
    let f = &negative.json()["error"]["fields"];
    assert!(f["events_held"].is_string() && f["text"].is_string(), "{f}");

    // Two officers on one report: the second is told, nothing is overwritten.
    let canbo1 = admin.as_user("canbo1").await;
    let uri = format!("/api/v1/directives/{did}/units/{ward1}/reports");
    let first = ok(
        &put(
            &canbo1,
            &uri,
            json!({"task_id": task, "text": "Bản của người thứ nhất", "version": 0}),
        )
        .await,
        StatusCode::OK,
    );
    let second = put(
        admin,
        &uri,
        json!({"task_id": task, "text": "Bản của người thứ hai", "version": 0}),
    )
    .await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert!(second.json()["error"]["fields"]["version"].is_string());
    let kept = canbo1.get(&uri).await.json();
    assert_eq!(kept["items"][0]["report"]["text"], "Bản của người thứ nhất");
    assert_eq!(kept["items"][0]["report"]["version"], first["version"]);

    // An attachment of a type not allowed: 422 naming the file, nothing stored.
    let report = first["id"].as_i64().unwrap().to_string();
    let (status, body) = upload(
        &canbo1,
        &[("owner_kind", "report"), ("owner_id", &report)],
        &[
            ("chay-thu.exe", b"MZ\x90\x00binary"),
            ("bao-cao.pdf", b"%PDF-1.7 ok"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["file"]
        .as_str()
        .unwrap()
        .contains("chay-thu.exe"));
    let (status, body) = upload(
        &canbo1,
        &[("owner_kind", "report"), ("owner_id", &report)],
        &[("anh.png", b"%PDF-1.7 not a picture")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = upload(
        &canbo1,
        &[("owner_kind", "khong_co"), ("owner_id", &report)],
        &[("a.pdf", b"%PDF-1.7")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"]["fields"]["owner_kind"].is_string());
    let (status, body) = upload(&canbo1, &[("owner_kind", "report")], &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["error"]["fields"]["owner_id"].is_string()
            && body["error"]["fields"]["file"].is_string()
    );
    assert!(admin
        .db
        .store
        .attachments("report", first["id"].as_i64().unwrap())
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_file_larger_than_the_limit_is_refused_and_nothing_is_stored() {
    let mut db = thidua_store::testing::TestDb::new().await;
    let mut files = thidua_store::files::FileStore::memory();
    files.max_bytes = 1024;
    db.store.set_file_store(files);
    let state = thidua_web::AppState::new(db.store.clone()).await.unwrap();
    let base = TestApp {
        router: thidua_web::router(state),
        db: Arc::new(db),
        login: None,
    };
    base.add_user("quantri", &[Role::Admin], None, None).await;
    let admin = base.as_user("quantri").await;
    let id = document(&admin, "941/UBND-NV", "2021-09-01", "V/v hướng dẫn", &[])
        .await
        .to_string();
    let mut big = b"%PDF-1.7\n".to_vec();
    big.resize(4096, b'x');
    let (status, body) = upload(
        &admin,
        &[("owner_kind", "document"), ("owner_id", &id)],
        &[("nho.pdf", b"%PDF-1.7 small"), ("lon.pdf", &big)],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body["error"]["fields"]["file"]
        .as_str()
        .unwrap()
        .contains("lớn quá"));
    assert!(
        admin
            .db
            .store
            .attachments("document", id.parse().unwrap())
            .await
            .unwrap()
            .is_empty(),
        "all or none"
    );
    let (status, body) = upload(
        &admin,
        &[("owner_kind", "document"), ("owner_id", &id)],
        &[("nho.pdf", b"%PDF-1.7 small")],
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let detail = admin.get(&format!("/api/v1/documents/{id}")).await.json();
    assert_eq!(detail["attachments"][0]["file_name"], "nho.pdf");
}

#[tokio::test]
async fn directives_issued_at_the_same_time_get_consecutive_numbers() {
    let w = world().await;
    let m = movement(&w, &[]).await;
    let mid = m["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for _ in 0..6 {
        ids.push(
            draft(&w, mid, json!({"group_ids": [w.group]}), &[], "2099-01-01").await["id"]
                .as_i64()
                .unwrap(),
        );
    }
    let mut handles = Vec::new();
    for id in &ids {
        let app = w.admin.clone();
        let uri = format!("/api/v1/directives/{id}/issue");
        handles.push(tokio::spawn(async move {
            app.send_json("POST", &uri, r#"{"issued_on": "2023-03-15"}"#)
                .await
        }));
    }
    let mut references = Vec::new();
    for h in handles {
        let a = h.await.unwrap();
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        references.push(a.json()["reference"].as_str().unwrap().to_owned());
    }
    references.sort();
    let want: Vec<String> = (1..=6).map(|n| format!("{n:02}/UBND-NV")).collect();
    assert_eq!(references, want);
}

#[tokio::test]
async fn the_openapi_document_has_every_path_of_the_feature() {
    let w = world().await;
    let doc = w.admin.get("/api/v1/openapi.json").await.json();
    for path in [
        "/api/v1/documents",
        "/api/v1/documents/{id}",
        "/api/v1/documents/{id}/issue",
        "/api/v1/movements",
        "/api/v1/movements/{id}",
        "/api/v1/directives",
        "/api/v1/directives/{id}",
        "/api/v1/directives/{id}/issue",
        "/api/v1/directives/{id}/versions",
        "/api/v1/directives/{id}/matrix",
        "/api/v1/directives/{id}/read",
        "/api/v1/directives/{id}/units/{unit_id}/reports",
        "/api/v1/directives/{id}/reminders",
        "/api/v1/directives/{id}/docx",
        "/api/v1/registrations",
        "/api/v1/registrations/{id}",
        "/api/v1/registrations/{id}/reopen",
        "/api/v1/posts",
        "/api/v1/inspections",
        "/api/v1/notifications",
        "/api/v1/attachments",
        "/api/v1/attachments/{id}",
    ] {
        assert!(doc["paths"][path].is_object(), "OpenAPI lacks {path}");
    }
    for schema in [
        "DocumentOut",
        "DirectiveDetailOut",
        "MatrixOut",
        "ReportIn",
        "RegistrationIn",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "OpenAPI lacks {schema}"
        );
    }
    // Every route of this feature is documented.
    for (_, path) in thidua_web::route_table() {
        if path.starts_with("/api/v1/")
            && [
                "documents",
                "movements",
                "directives",
                "registrations",
                "posts",
                "inspections",
                "notifications",
                "attachments",
            ]
            .iter()
            .any(|c| path.starts_with(&format!("/api/v1/{c}")))
        {
            assert!(doc["paths"][&path].is_object(), "OpenAPI lacks {path}");
        }
    }
    let _ = (w.city, w.wards.len());
}

#[tokio::test]
async fn a_joint_plan_prints_both_issuers_the_joint_symbol_and_two_signatures() {
    let w = world().await;
    let admin = &w.admin;
    let federation = unit(admin, "LDLD", "LĐLĐ thành phố Lào Cai", "trade_union", None).await;
    let m = movement(&w, &[]).await["id"].as_i64().unwrap();
    let mut body = directive_body(m, json!({"group_ids": [w.group]}), &[], "2099-10-31");
    body["symbol"] = json!("KH-UBND-LĐLĐ");
    body["summary"] =
        json!("Tổ chức phong trào thi đua “Lao động giỏi, Lao động sáng tạo” năm 2023");
    // Without the co-issuer the joint symbol is refused by name; with the lead as co-issuer too.
    let a = post(admin, "/api/v1/directives", body.clone()).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert!(a.json()["error"]["fields"]["co_issuer_unit_id"]
        .as_str()
        .unwrap()
        .contains("văn bản liên tịch"));
    body["co_issuer_unit_id"] = json!(w.city);
    body["co_signer"] = json!("Nguyễn Thị Lan");
    body["co_signer_title"] = json!("Chủ tịch");
    body["co_signer_authority"] = json!("TM. Ban Thường vụ");
    let a = post(admin, "/api/v1/directives", body.clone()).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    assert!(a.json()["error"]["fields"]["co_issuer_unit_id"].is_string());
    assert_eq!(admin.get("/api/v1/directives").await.json()["total"], 0);

    body["co_issuer_unit_id"] = json!(federation);
    let created = ok(
        &post(admin, "/api/v1/directives", body).await,
        StatusCode::CREATED,
    );
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["co_issuer_unit_id"], federation);
    assert_eq!(created["co_signer"], "Nguyễn Thị Lan");
    let got = ok(
        &admin.get(&format!("/api/v1/directives/{id}")).await,
        StatusCode::OK,
    );
    assert_eq!(got["co_issuer_name"], "LĐLĐ thành phố Lào Cai");
    assert_eq!(got["co_signer_authority"], "TM. Ban Thường vụ");
    let a = post(
        admin,
        &format!("/api/v1/directives/{id}/issue"),
        json!({"issued_on": "2023-02-20"}),
    )
    .await;
    ok(&a, StatusCode::OK);

    let (status, headers, bytes) = raw(
        admin,
        Request::get(format!("/api/v1/directives/{id}/docx"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&bytes)
    );
    let cd = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        cd.contains("K%E1%BA%BF%20ho%E1%BA%A1ch%20li%C3%AAn%20t%E1%BB%8Bch"),
        "{cd}"
    );
    // The heading table (the first one) holds both bodies, the lead first, and the joint number.
    let mut xml = String::new();
    zip::ZipArchive::new(std::io::Cursor::new(&bytes[..]))
        .unwrap()
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let heading = &xml[xml.find("<w:tbl>").unwrap()..xml.find("</w:tbl>").unwrap()];
    let lead = heading
        .find("ỦY BAN NHÂN DÂN THÀNH PHỐ LÀO CAI")
        .expect("the lead in the heading");
    let partner = heading
        .find("LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ LÀO CAI")
        .expect("the Federation in the heading");
    assert!(lead < partner, "the People's Committee at the left");
    assert!(heading.contains("UBND TỈNH LÀO CAI"));
    assert!(heading.contains("Số: 01/KH-UBND-LĐLĐ"), "{heading}");
    let text = docx_text(&bytes);
    assert!(text.contains("KẾ HOẠCH"), "{text}");
    assert!(text.contains("ngày 20 tháng 02 năm 2023"), "{text}");
    assert!(
        !text.contains("Kính gửi"),
        "a plan has no addressees: {text}"
    );
    // Two signatures: the Federation's at the left, the committee's at the right.
    let co = text
        .find("TM. BAN THƯỜNG VỤ")
        .expect("the co-signer's authority");
    let lan = text.find("Nguyễn Thị Lan").expect("the co-signer");
    let committee = text
        .find("TM. ỦY BAN NHÂN DÂN")
        .expect("the lead's authority");
    let khoa = text.find("Hoàng Đăng Khoa").expect("the lead signer");
    assert!(co < lan && lan < committee && committee < khoa, "{text}");
    assert!(text.contains("Lưu: VT UBND, VT LĐLĐ."), "{text}");

    // Permissions are unchanged: a unit officer it was sent to reads it, but cannot edit it.
    let canbo1 = admin.as_user("canbo1").await;
    assert_eq!(
        canbo1.get(&format!("/api/v1/directives/{id}")).await.status,
        StatusCode::OK
    );
    let a = put(
        &canbo1,
        &format!("/api/v1/directives/{id}"),
        json!({"movement_id": m, "year": 2023, "summary": "x", "symbol": "UBND-NV", "tasks": []}),
    )
    .await;
    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}", a.body);
}
