//! The initiatives API with the bad inputs of issue 6 (shares not adding up to 100%, an outside
//! author without a name, a score outside the rubric, after the close, twice, by an author), blind
//! scoring through the API, the similarity check (a near-copy at the top, an unrelated text not
//! flagged), search ignoring diacritics, stale edits and the Bằng Lao động sáng tạo list.

mod common;

use chrono::Datelike;
use common::TestApp;
use thidua_domain::access::Role;
use thidua_domain::directory::PersonInput;
use thidua_store::Actor;

const SOLUTION: &str = "Xây dựng phần mềm quản lý hồ sơ một cửa tại Phường Kim Tân, liên thông với cổng dịch vụ công của tỉnh Lào Cai.\nMỗi hồ sơ được gắn mã QR khi tiếp nhận, người dân tra cứu tiến độ giải quyết bằng điện thoại mà không cần đến bộ phận một cửa.\nCán bộ tiếp nhận quét hồ sơ giấy thành tệp PDF có chữ ký số và lưu trữ theo mã thủ tục hành chính.";

async fn person(app: &TestApp, ward: i64, name: &str, level: &str) -> i64 {
    let today = chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive();
    let p = PersonInput {
        full_name: name.into(),
        unit_id: ward,
        category: "nguoi_lao_dong".into(),
        staff_level: Some(level.into()),
        union_member: true,
        ..Default::default()
    };
    app.db
        .store
        .create_person(&Actor::system("test"), p.validate(today).unwrap(), today)
        .await
        .unwrap()
        .id
}

fn authors(list: &[(i64, u32)]) -> String {
    list.iter()
        .map(|(p, s)| format!(r#"{{"person_id": {p}, "share": {s}}}"#))
        .collect::<Vec<_>>()
        .join(", ")
}

fn initiative(ward: i64, title: &str, solution: &str, authors_json: &str) -> String {
    serde_json::json!({
        "title": title, "unit_id": ward, "field": "chuyen_doi_so", "solution": solution,
        "benefit": "Tiết kiệm thời gian", "benefit_vnd": 100_000_000,
        "authors": serde_json::from_str::<serde_json::Value>(&format!("[{authors_json}]")).unwrap(),
    })
    .to_string()
}

#[tokio::test]
async fn from_submission_to_recognition_with_every_refusal() {
    let (admin, ward, _) = TestApp::with_directory().await;
    let worker_p = person(&admin, ward, "Hoàng Văn Sáng", "worker").await;
    let graduate_p = person(&admin, ward, "Vũ Thị Kiến", "graduate").await;
    admin
        .add_user("congnhan", &[Role::Worker], Some(ward), Some(worker_p))
        .await;
    for (u, p) in [("hd1", None), ("hd2", None), ("hd3", Some(graduate_p))] {
        admin.add_user(u, &[Role::CouncilMember], None, p).await;
    }
    let worker = admin.as_user("congnhan").await;

    // Shares that do not add up to 100%, an outside author without a name: 422, nothing written.
    let a = worker
        .send_json(
            "POST",
            "/api/v1/initiatives",
            &initiative(
                ward,
                "Một cửa điện tử",
                SOLUTION,
                &authors(&[(worker_p, 6_000), (graduate_p, 3_000)]),
            ),
        )
        .await;
    assert_eq!(a.status, 422, "{}", a.body);
    assert!(a.json()["error"]["fields"]["authors"]
        .as_str()
        .unwrap()
        .contains("100%"));
    let outside =
        format!(r#"{{"person_id": {worker_p}, "share": 5000}}, {{"name": "  ", "share": 5000}}"#);
    let a = worker
        .send_json(
            "POST",
            "/api/v1/initiatives",
            &initiative(ward, "Một cửa điện tử", SOLUTION, &outside),
        )
        .await;
    assert_eq!(a.status, 422);
    assert!(a.json()["error"]["fields"]["authors[1].name"].is_string());
    // A worker files for their own unit only, even as an author.
    let city = admin
        .db
        .store
        .unit_by_code("UBND-TP")
        .await
        .unwrap()
        .unwrap()
        .id;
    let a = worker
        .send_json(
            "POST",
            "/api/v1/initiatives",
            &initiative(
                city,
                "Một cửa điện tử",
                SOLUTION,
                &authors(&[(worker_p, 10_000)]),
            ),
        )
        .await;
    assert_eq!(a.status, 403, "{}", a.body);
    assert_eq!(admin.get("/api/v1/initiatives").await.json()["total"], 0);

    // A worker writes their own and submits it.
    let a = worker
        .send_json(
            "POST",
            "/api/v1/initiatives",
            &initiative(
                ward,
                "Một cửa điện tử có mã QR",
                SOLUTION,
                &authors(&[(worker_p, 5_000), (graduate_p, 5_000)]),
            ),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let id = a.json()["initiative"]["id"].as_i64().unwrap();
    let a = worker
        .send_json("POST", &format!("/api/v1/initiatives/{id}/submit"), "")
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(a.json()["initiative"]["status"], "submitted");

    // Evidence: the author attaches a file; it is listed with the initiative and downloaded by
    // those who may read it; a council member before any round may not, nor attach.
    let a = worker
        .post_multipart(
            "/api/v1/attachments",
            &[("owner_kind", "initiative"), ("owner_id", &id.to_string())],
            &[("file", "ban-ve.pdf", b"%PDF-1.7 ban ve")],
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let file_url = a.json()["items"][0]["url"].as_str().unwrap().to_owned();
    let detail = worker
        .get(&format!("/api/v1/initiatives/{id}"))
        .await
        .json();
    assert_eq!(
        detail["attachments"][0]["file_name"], "ban-ve.pdf",
        "{detail}"
    );
    assert_eq!(worker.get(&file_url).await.status, 200);
    let hd1 = admin.as_user("hd1").await;
    assert_eq!(hd1.get(&file_url).await.status, 404);
    let a = hd1
        .post_multipart(
            "/api/v1/attachments",
            &[("owner_kind", "initiative"), ("owner_id", &id.to_string())],
            &[("file", "khac.pdf", b"%PDF-1.7 khac")],
        )
        .await;
    assert_eq!(a.status, 404, "{}", a.body);
    let too_big = vec![b'x'; thidua_domain::attachment::DEFAULT_MAX_BYTES + 1];
    let a = worker
        .post_multipart(
            "/api/v1/attachments",
            &[("owner_kind", "initiative"), ("owner_id", &id.to_string())],
            &[("file", "lon.pdf", &too_big)],
        )
        .await;
    assert!(a.status == 413 || a.status == 422, "{}", a.status);
    assert_eq!(
        admin
            .db
            .store
            .attachments("initiative", id)
            .await
            .unwrap()
            .len(),
        1,
        "nothing more was stored"
    );

    // Search ignores diacritics and highlights; the list items carry the contract's fields.
    let list = worker
        .get("/api/v1/initiatives?q=ma+qr+mot+cua")
        .await
        .json();
    assert_eq!(list["total"], 1);
    let item = &list["items"][0];
    for k in ["id", "title", "unit_id", "year", "status", "scope"] {
        assert!(item.get(k).is_some(), "{k}");
    }
    assert!(item["title_segments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["highlighted"] == true));

    // A council of three, the third an author; a round with the standard rubric.
    let year = chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
        .year();
    let mut ids = Vec::new();
    for n in ["hd1", "hd2", "hd3"] {
        ids.push(
            admin
                .db
                .store
                .user_by_name(n)
                .await
                .unwrap()
                .unwrap()
                .user
                .id,
        );
    }
    let (u1, u2, u3) = (ids[0], ids[1], ids[2]);
    let a = admin
        .send_json(
            "POST",
            "/api/v1/councils",
            &serde_json::json!({"name": "Hội đồng sáng kiến phường", "unit_id": ward, "scope": "co_so", "year": year,
                "members": [{"user_id": u1, "name": "Chủ tịch", "role": "chu_tich"},
                            {"user_id": u2, "name": "Ủy viên", "role": "thanh_vien"},
                            {"user_id": u3, "person_id": graduate_p, "name": "Vũ Thị Kiến", "role": "cong_doan"}]})
            .to_string(),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let council = a.json()["council"]["id"].as_i64().unwrap();
    let a = admin
        .send_json(
            "POST",
            &format!("/api/v1/councils/{council}/rounds"),
            &format!(r#"{{"name": "Vòng 1", "initiative_ids": [{id}]}}"#),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let round = a.json()["id"].as_i64().unwrap();
    let score = |a: i64, b: i64, c: i64, agrees: bool| {
        format!(
            r#"{{"initiative_id": {id}, "scores": {{"tinh_moi": {a}, "kha_nang_ap_dung": {b}, "hieu_qua": {c}}}, "agrees": {agrees}}}"#
        )
    };
    let scores_uri = format!("/api/v1/rounds/{round}/scores");
    let (m1, m2, m3) = (
        admin.as_user("hd1").await,
        admin.as_user("hd2").await,
        admin.as_user("hd3").await,
    );
    // Outside the rubric's range, negative: 422 naming the criterion.
    let a = m1
        .send_json("POST", &scores_uri, &score(11, 5, 5, true))
        .await;
    assert_eq!(a.status, 422, "{}", a.body);
    assert!(a.json()["error"]["fields"]["scores.tinh_moi"]
        .as_str()
        .unwrap()
        .contains("0 đến 10"));
    let a = m1
        .send_json("POST", &scores_uri, &score(-1, 5, 5, true))
        .await;
    assert_eq!(a.status, 422);
    // An author on the council may not score their own.
    let a = m3
        .send_json("POST", &scores_uri, &score(9, 9, 9, true))
        .await;
    assert_eq!(a.status, 422, "{}", a.body);
    assert!(a.json()["error"]["fields"]["member_id"]
        .as_str()
        .unwrap()
        .contains("tác giả"));
    // A first sheet, then a second by the same member: 409.
    assert_eq!(
        m1.send_json("POST", &scores_uri, &score(8, 7, 10, true))
            .await
            .status,
        201
    );
    let a = m1
        .send_json("POST", &scores_uri, &score(1, 1, 1, false))
        .await;
    assert_eq!(a.status, 409, "{}", a.body);
    assert_eq!(
        m2.send_json("POST", &scores_uri, &score(5, 5, 5, true))
            .await
            .status,
        201
    );

    // Blind: each member sees only their own sheet; the office sees none.
    let round_uri = format!("/api/v1/rounds/{round}");
    for (m, own) in [(&m1, 83.0), (&m2, 50.0)] {
        let v = m.get(&round_uri).await.json();
        let item = &v["items"][0];
        assert_eq!(item["sheets"].as_array().unwrap().len(), 0);
        assert_eq!(item["mine"]["total"].as_f64().unwrap(), own);
        assert!(item["mean"].is_null());
        assert!(!v
            .to_string()
            .contains(if own == 83.0 { "50.0" } else { "83.0" }));
    }
    let v = admin.get(&round_uri).await.json();
    assert_eq!(v["items"][0]["sheets"].as_array().unwrap().len(), 0);
    assert!(v["items"][0]["mine"].is_null());
    // The worker may not look at the round at all.
    assert_eq!(worker.get(&round_uri).await.status, 404);

    // Close: no more scores; everyone sees every sheet.
    assert_eq!(
        admin
            .send_json("POST", &format!("/api/v1/rounds/{round}/close"), "")
            .await
            .status,
        200
    );
    let a = m2
        .send_json("POST", &scores_uri, &score(5, 5, 5, true))
        .await;
    assert_eq!(a.status, 409, "after the close: {}", a.body);
    let v = m1.get(&round_uri).await.json();
    assert_eq!(v["items"][0]["sheets"].as_array().unwrap().len(), 2);

    // Two of three agree: recognised at the council's scope.
    let a = admin
        .send_json(
            "POST",
            &format!("/api/v1/rounds/{round}/decisions"),
            &format!(r#"{{"initiative_id": {id}}}"#),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(a.json()["recognised"], true);
    let d = worker
        .get(&format!("/api/v1/initiatives/{id}"))
        .await
        .json();
    assert_eq!(d["initiative"]["status"], "recognised");
    assert_eq!(d["initiative"]["scope"], "co_so");
    // Published: the public reads it now.
    assert_eq!(
        admin
            .anonymous()
            .get(&format!("/api/v1/initiatives/{id}"))
            .await
            .status,
        200
    );

    // The Lao động sáng tạo list: 100 million đồng reaches the worker's 80, not the graduate's 150.
    let list = admin
        .get(&format!(
            "/api/v1/initiatives/lao-dong-sang-tao?year={year}"
        ))
        .await
        .json();
    let ids: Vec<i64> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["person_id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [worker_p]);
    let list = admin
        .get(&format!(
            "/api/v1/initiatives/lao-dong-sang-tao?year={year}&graduate_vnd=90000000"
        ))
        .await
        .json();
    assert_eq!(list["total"], 2);
    let list = admin
        .get(&format!(
            "/api/v1/initiatives/lao-dong-sang-tao?year={year}&split=by_share"
        ))
        .await
        .json();
    assert_eq!(list["total"], 0);
    // The thresholds and the split are settings: a new version of the rule tables changes the list.
    let tables = thidua_domain::rules::tables::RuleTables::builtin()
        .to_json_pretty()
        .replace("\"dai_hoc\": 150000000", "\"dai_hoc\": 95000000")
        .replacen("\"version\": 1,", "\"version\": 2,", 1);
    admin
        .db
        .store
        .add_rule_tables(&thidua_store::Actor::system("test"), &tables)
        .await
        .unwrap();
    let list = admin
        .get(&format!(
            "/api/v1/initiatives/lao-dong-sang-tao?year={year}"
        ))
        .await
        .json();
    assert_eq!(list["total"], 2, "{list}");
    assert_eq!(list["rule"]["graduate_vnd"], 95_000_000);
    let split = tables
        .replace(
            "\"kind\": \"initiative_benefit\",",
            "\"kind\": \"initiative_benefit\", \"split\": \"by_share\",",
        )
        .replacen("\"version\": 2,", "\"version\": 3,", 1);
    admin
        .db
        .store
        .add_rule_tables(&thidua_store::Actor::system("test"), &split)
        .await
        .unwrap();
    let list = admin
        .get(&format!(
            "/api/v1/initiatives/lao-dong-sang-tao?year={year}"
        ))
        .await
        .json();
    assert_eq!(list["total"], 0, "{list}");
    assert_eq!(
        admin
            .get("/api/v1/initiatives/lao-dong-sang-tao?split=x")
            .await
            .status,
        400
    );

    // The similarity check: a near-copy (reworded, no diacritics, paragraphs reordered) finds it
    // at the top; an unrelated text flags nothing.
    // (Against a background of other initiatives, as in real use: rare phrases weigh by how few
    // initiatives hold them.)
    let plan = thidua_sample::plan(thidua_sample::Scale::City, 1);
    let today = chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive();
    for si in thidua_sample::initiatives_n(&plan, 30) {
        let input = thidua_domain::initiative::InitiativeInput {
            title: si.title.clone(),
            unit_id: Some(ward),
            field: si.field.code().into(),
            before: si.before.clone(),
            solution: si.solution.clone(),
            novelty: si.novelty.clone(),
            benefit: si.benefit.clone(),
            authors: vec![thidua_domain::initiative::AuthorInput {
                person_id: Some(graduate_p),
                name: None,
                share: Some(thidua_domain::initiative::Share::WHOLE),
            }],
            ..Default::default()
        };
        admin
            .db
            .store
            .create_initiative(&Actor::system("test"), input.validate(today).unwrap())
            .await
            .unwrap();
    }
    let fold = thidua_domain::text::fold;
    let paras: Vec<&str> = SOLUTION.split('\n').collect();
    let copy = format!(
        "{}\n{}\n{}",
        fold(paras[2]),
        fold(paras[0]).replace("xay dung", "thiet lap"),
        fold(paras[1])
    );
    let a = worker
        .send_json(
            "POST",
            "/api/v1/initiatives/similar",
            &serde_json::json!({"title": "Mot cua dien tu co ma QR", "text": copy}).to_string(),
        )
        .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let items = a.json()["items"].as_array().unwrap().clone();
    assert_eq!(items[0]["id"].as_i64(), Some(id));
    assert_eq!(items[0]["likely"], true, "{items:?}");
    assert!(items[0]["score"].as_f64().unwrap() > 0.45);
    assert!(!items[0]["passages"].as_array().unwrap().is_empty());
    let a = worker
        .send_json("POST", "/api/v1/initiatives/similar", r#"{"title": "Trồng rừng phòng hộ", "text": "Vận động nhân dân trồng cây quế trên đất đồi trọc."}"#)
        .await;
    assert!(a.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["likely"] == false));
    assert_eq!(
        worker
            .send_json("POST", "/api/v1/initiatives/similar", "{")
            .await
            .status,
        400
    );

    // Versions kept, a stale edit refused.
    let a = worker
        .send_json(
            "POST",
            "/api/v1/initiatives",
            &initiative(
                ward,
                "Bản nháp",
                "Giải pháp thử",
                &authors(&[(worker_p, 10_000)]),
            ),
        )
        .await;
    let draft = a.json()["initiative"]["id"].as_i64().unwrap();
    let mut edit: serde_json::Value = serde_json::from_str(&initiative(
        ward,
        "Bản nháp sửa",
        "Giải pháp thử",
        &authors(&[(worker_p, 10_000)]),
    ))
    .unwrap();
    edit["version"] = 1.into();
    let uri = format!("/api/v1/initiatives/{draft}");
    assert_eq!(
        worker
            .send_json("PUT", &uri, &edit.to_string())
            .await
            .status,
        200
    );
    let a = worker.send_json("PUT", &uri, &edit.to_string()).await;
    assert_eq!(a.status, 409, "{}", a.body);
    let d = worker.get(&uri).await.json();
    assert_eq!(d["versions"].as_array().unwrap().len(), 2);
    // A recognised initiative is not edited.
    let mut late = edit.clone();
    late["version"] = serde_json::Value::Null;
    assert_eq!(
        worker
            .send_json(
                "PUT",
                &format!("/api/v1/initiatives/{id}"),
                &late.to_string()
            )
            .await
            .status,
        403
    );
}
