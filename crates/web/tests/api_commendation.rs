//! The commendation API played through on the city sample with the demo accounts: a unit nominates,
//! the office accepts, the council votes by secret ballot, the office drafts the decision, the leader
//! approves it and the signed scan makes it final; the worker sees the award on their record. On the
//! way, every bad input of issue 7 is refused with a Vietnamese message and changes nothing: a
//! nomination outside the unit's scope, a vote by a recused member, a second vote, a vote after the
//! close, a decision number already used, editing an approved or signed decision, a rating for a
//! locked year.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use serde_json::Value;

async fn sample() -> TestApp {
    let base = TestApp::anonymous_app().await;
    let store = &base.db.store;
    store
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .unwrap();
    store.create_demo_accounts().await.unwrap();
    base
}

fn vietnamese_error(body: &Value) -> String {
    let m = body["error"]["message"].as_str().unwrap_or("").to_owned();
    assert!(
        m.chars()
            .any(|c| "ạảãàáâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữ".contains(c)),
        "not a Vietnamese message: {body}"
    );
    m
}

async fn count_nominations(app: &TestApp) -> u64 {
    app.get("/api/v1/nominations").await.json()["total"]
        .as_u64()
        .unwrap()
}

#[tokio::test]
async fn a_whole_round_through_the_api_with_every_refusal() {
    let base = sample().await;
    let store = &base.db.store;
    let donvi1 = base.as_user("donvi1").await;
    let noivu = base.as_user("noivu").await;
    let lanhdao = base.as_user("lanhdao").await;
    let nld1 = base.as_user("nld1").await;
    let hd: Vec<TestApp> = futures_join(&base, &["hoidong1", "hoidong2", "hoidong3"]).await;
    let ward = store
        .user_by_name("donvi1")
        .await
        .unwrap()
        .unwrap()
        .user
        .unit_id
        .unwrap();
    let other_ward = store
        .user_by_name("donvi2")
        .await
        .unwrap()
        .unwrap()
        .user
        .unit_id
        .unwrap();
    let own = store
        .user_by_name("nld1")
        .await
        .unwrap()
        .unwrap()
        .user
        .person_id
        .unwrap();
    let outsider = store
        .people_search(&thidua_store::directory::PeopleQuery {
            unit_id: Some(other_ward),
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .items[0]
        .id;

    // The open round of 2025.
    let rounds = noivu.get("/api/v1/award-rounds").await.json();
    let round = rounds["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "open" && r["year"] == 2025)
        .expect("the sample's open round")["id"]
        .as_i64()
        .unwrap();
    assert_eq!(
        nld1.get("/api/v1/award-rounds").await.status,
        StatusCode::FORBIDDEN
    );

    // Ratings: the unit enters its grid, the office locks the year, later ratings are refused.
    let grid = |rating: &str| {
        serde_json::json!({"rows": [{"person_id": own, "rating": rating}], "unit_rating": "hoan_thanh_xuat_sac"})
            .to_string()
    };
    let a = donvi1
        .send_json(
            "PUT",
            &format!("/api/v1/units/{ward}/ratings/2026"),
            &grid("hoan_thanh_tot"),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let bad = donvi1
        .send_json(
            "PUT",
            &format!("/api/v1/units/{ward}/ratings/2026"),
            &grid("gioi"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(
        bad.json()["error"]["fields"]["rows[0].rating"].is_string(),
        "{}",
        bad.body
    );
    assert_eq!(
        donvi1
            .send_json(
                "PUT",
                &format!("/api/v1/units/{other_ward}/ratings/2026"),
                &grid("hoan_thanh")
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        donvi1
            .send_json("POST", "/api/v1/rating-years/2026/lock", "")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        noivu
            .send_json("POST", "/api/v1/rating-years/2026/lock", "")
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let locked = donvi1
        .send_json(
            "PUT",
            &format!("/api/v1/units/{ward}/ratings/2026"),
            &grid("hoan_thanh"),
        )
        .await;
    assert_eq!(locked.status, StatusCode::CONFLICT, "{}", locked.body);
    vietnamese_error(&locked.json());
    let g = donvi1
        .get(&format!("/api/v1/units/{ward}/ratings/2026"))
        .await
        .json();
    assert_eq!(g["locked"], true);
    let row = g["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["person_id"] == own)
        .unwrap();
    assert_eq!(
        row["rating"], "hoan_thanh_tot",
        "the locked year kept its rating"
    );

    // A nomination outside the unit's scope: refused, nothing written.
    let before = count_nominations(&noivu).await;
    let nominate = |person: i64, award: &str| {
        serde_json::json!({"round_id": round, "subject": "individual", "person_id": person,
            "award": award, "summary": "Hoàn thành xuất sắc nhiệm vụ năm 2025"})
        .to_string()
    };
    let out = donvi1
        .send_json(
            "POST",
            "/api/v1/nominations",
            &nominate(outsider, "lao_dong_tien_tien"),
        )
        .await;
    assert!(
        matches!(
            out.status,
            StatusCode::UNPROCESSABLE_ENTITY | StatusCode::CONFLICT
        ),
        "{} {}",
        out.status,
        out.body
    );
    vietnamese_error(&out.json());
    assert_eq!(count_nominations(&noivu).await, before);

    // donvi1 nominates nld1 for CSTĐ cơ sở: pre-checked eligible, sent, accepted by the office.
    let created = donvi1
        .send_json(
            "POST",
            "/api/v1/nominations",
            &nominate(own, "chien_si_thi_dua_co_so"),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let n = created.json();
    let nid = n["row"]["nomination"]["id"].as_i64().unwrap();
    assert_eq!(n["row"]["nomination"]["precheck_eligible"], true, "{n}");
    assert_eq!(count_nominations(&noivu).await, before + 1);
    let list = donvi1
        .get(&format!("/api/v1/nominations?round_id={round}"))
        .await
        .json();
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == nid)
        .unwrap()
        .clone();
    assert_eq!(item["status"], "draft");
    assert_eq!(item["round_id"], round);
    assert!(item["subject"].is_string() && item["title"].is_string());
    assert_eq!(
        donvi1
            .send_json("POST", &format!("/api/v1/nominations/{nid}/accept"), "{}")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let sent = donvi1
        .send_json("POST", &format!("/api/v1/nominations/{nid}/send"), "")
        .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let no_comment = noivu
        .send_json("POST", &format!("/api/v1/nominations/{nid}/return"), "{}")
        .await;
    assert_eq!(
        no_comment.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        no_comment.body
    );
    let acc = noivu
        .send_json("POST", &format!("/api/v1/nominations/{nid}/accept"), "{}")
        .await;
    assert_eq!(acc.status, StatusCode::OK, "{}", acc.body);
    assert_eq!(acc.json()["row"]["nomination"]["status"], "accepted");

    // The council meets on the round; hoidong3 is recused from the item.
    let councils = noivu.get("/api/v1/award-councils").await.json();
    let council = councils["items"][0]["id"].as_i64().unwrap();
    let m = noivu
        .send_json(
            "POST",
            &format!("/api/v1/award-councils/{council}/meetings"),
            &serde_json::json!({"round_id": round, "held_on": "2025-12-20", "place": "Phòng họp số 1"}).to_string(),
        )
        .await;
    assert_eq!(m.status, StatusCode::CREATED, "{}", m.body);
    let m = m.json();
    let meeting = m["meeting"]["id"].as_i64().unwrap();
    let member3 = m["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["username"] == "hoidong3")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let r = noivu
        .send_json(
            "POST",
            &format!("/api/v1/meetings/{meeting}/recusals"),
            &serde_json::json!({"member_id": member3, "nomination_id": nid, "reason": "Người thân của người được đề nghị"}).to_string(),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        hd[0]
            .send_json("POST", &format!("/api/v1/meetings/{meeting}/ballots"), "")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let b = noivu
        .send_json("POST", &format!("/api/v1/meetings/{meeting}/ballots"), "")
        .await;
    assert_eq!(b.status, StatusCode::CREATED, "{}", b.body);
    let ballot = b.json()["id"].as_i64().unwrap();
    assert_eq!(b.json()["secret"], true);
    let paper = |choice: &str| {
        serde_json::json!({"choices": [{"nomination_id": nid, "choice": choice}]}).to_string()
    };
    let votes = format!("/api/v1/ballots/{ballot}/votes");

    // Refusals: a recused member, a non-member, a second vote; none is counted.
    let recused = hd[2].send_json("POST", &votes, &paper("no")).await;
    assert_eq!(recused.status, StatusCode::CONFLICT, "{}", recused.body);
    vietnamese_error(&recused.json());
    assert_eq!(
        noivu.send_json("POST", &votes, &paper("yes")).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        donvi1
            .get(&format!("/api/v1/ballots/{ballot}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        hd[0].send_json("POST", &votes, &paper("yes")).await.status,
        StatusCode::NO_CONTENT
    );
    let second = hd[0].send_json("POST", &votes, &paper("no")).await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    vietnamese_error(&second.json());
    let view = hd[1].get(&format!("/api/v1/ballots/{ballot}")).await.json();
    assert_eq!(view["voters"], 1);
    assert!(
        view["items"][0]["tally"].is_null(),
        "no counters before the close: {view}"
    );
    assert_eq!(
        hd[1].send_json("POST", &votes, &paper("yes")).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        hd[1]
            .send_json("POST", &format!("/api/v1/ballots/{ballot}/close"), "")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let closed = noivu
        .send_json("POST", &format!("/api/v1/ballots/{ballot}/close"), "")
        .await;
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    let late = hd[2].send_json("POST", &votes, r#"{"choices": []}"#).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    vietnamese_error(&late.json());
    // After the close every member sees the tally: 2 yes of 2 eligible (hoidong3 recused).
    let view = hd[2].get(&format!("/api/v1/ballots/{ballot}")).await.json();
    let item = &view["items"][0];
    assert_eq!(item["tally"]["yes"], 2, "{view}");
    assert_eq!(item["tally"]["no"], 0);
    assert_eq!(item["eligible"], 2);
    assert_eq!(item["passed"], true);
    assert_eq!(
        noivu
            .get(&format!("/api/v1/nominations/{nid}"))
            .await
            .json()["row"]["nomination"]["status"],
        "passed"
    );

    // The decision: drafted by the office, approved by the leader, a used number refused.
    assert_eq!(
        lanhdao
            .send_json(
                "POST",
                "/api/v1/decisions",
                &serde_json::json!({"round_id": round, "summary": "x"}).to_string()
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let d = noivu
        .send_json(
            "POST",
            "/api/v1/decisions",
            &serde_json::json!({"round_id": round, "summary": "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025", "planned_on": "2025-12-25"}).to_string(),
        )
        .await;
    assert_eq!(d.status, StatusCode::CREATED, "{}", d.body);
    let d = d.json();
    let did = d["decision"]["id"].as_i64().unwrap();
    let lines = d["lines"].as_array().unwrap();
    let line = lines
        .iter()
        .find(|l| l["nomination_id"] == nid)
        .expect("a line for nld1");
    let amount = line["amount_vnd"].as_i64().unwrap();
    assert!(amount > 0 && amount % 10_000 == 0, "{line}");
    assert_eq!(
        d["decision"]["total_vnd"].as_i64().unwrap(),
        lines
            .iter()
            .map(|l| l["amount_vnd"].as_i64().unwrap_or(0))
            .sum::<i64>()
    );
    // The draft's signer is already the leader's person (lanhdao is the city's chairman).
    let chairman_id = store
        .user_by_name("lanhdao")
        .await
        .unwrap()
        .unwrap()
        .user
        .person_id
        .expect("lanhdao is a person of the directory");
    let chairman = store.person(chairman_id).await.unwrap().unwrap();
    assert_eq!(chairman.position, "Chủ tịch UBND");
    assert_eq!(d["decision"]["signer"], chairman.full_name.as_str(), "{d}");
    assert_eq!(d["decision"]["signer_title"], "CHỦ TỊCH");

    // The draft's texts through the API: bad texts are refused field by field, nothing changed.
    let at = format!("/api/v1/decisions/{did}");
    let draft_version = d["decision"]["version"].as_i64().unwrap();
    let bad = noivu
        .send_json(
            "PUT",
            &at,
            &serde_json::json!({
                "summary": "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
                "signer": "Nguyễn Văn Bình",
                "version": draft_version,
                "bases": ["Luật Thi đua, khen thưởng"],
                "funding": "",
                "signer_authority": "Thay mặt",
            })
            .to_string(),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let fields = &bad.json()["error"]["fields"];
    for f in ["bases", "funding", "signer_authority"] {
        assert!(fields[f].is_string(), "{f} named: {}", bad.body);
    }
    vietnamese_error(&bad.json());
    let unchanged = noivu.get(&at).await.json();
    assert_eq!(unchanged["decision"]["version"], draft_version);
    assert_eq!(unchanged["decision"]["signer"], chairman.full_name.as_str());
    // Good texts: saved with one version more and audited; a field left out keeps its value.
    let ok = noivu
        .send_json(
            "PUT",
            &at,
            &serde_json::json!({
                "summary": "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025",
                "signer": "Nguyễn Văn Bình",
                "version": draft_version,
                "bases": [
                    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
                    "Theo đề nghị của Trưởng phòng Nội vụ."
                ],
                "funding": "nguồn kinh phí thi đua, khen thưởng năm 2025 của thành phố",
                "signer_title": "Phó Chủ tịch",
                "signer_authority": "KT. Chủ tịch",
            })
            .to_string(),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let saved = store.award_decision(did).await.unwrap().unwrap();
    assert_eq!(i64::from(saved.decision.version), draft_version + 1);
    let t = saved.texts();
    assert_eq!(t.bases.len(), 2);
    assert_eq!(
        t.funding,
        "nguồn kinh phí thi đua, khen thưởng năm 2025 của thành phố"
    );
    assert_eq!(
        t.executors,
        thidua_domain::commendation::default_decision_texts(Some(2025)).executors,
        "left out, kept"
    );
    assert_eq!(
        (
            t.signer.authority.as_str(),
            t.signer.title.as_str(),
            t.signer.name.as_str()
        ),
        ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn Bình")
    );
    let audited = store
        .audit_list(&thidua_store::audit::AuditQuery {
            entity: Some("award_decision".into()),
            entity_id: Some(did),
            page: 1,
            per_page: 20,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        audited
            .items
            .iter()
            .any(|a| a.action == "update_texts" && a.actor == "noivu"),
        "the API's edit is audited"
    );
    // A stale version is refused.
    let stale = noivu
        .send_json(
            "PUT",
            &at,
            &serde_json::json!({"summary": "x", "signer": "", "version": draft_version, "funding": "y"})
                .to_string(),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);

    let used = noivu.get("/api/v1/decisions").await.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|d| d["reference"].as_str().map(str::to_owned))
        .expect("the sample's 2024 decision is numbered");
    let used_number: i32 = used.split('/').next().unwrap().parse().unwrap();
    let used_year = noivu.get("/api/v1/decisions").await.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|d| d["signed_on"].as_str().map(|s| s[..4].to_owned()))
        .unwrap();
    assert_eq!(
        noivu
            .send_json("POST", &format!("/api/v1/decisions/{did}/approve"), "{}")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let dup = lanhdao
        .send_json(
            "POST",
            &format!("/api/v1/decisions/{did}/approve"),
            &serde_json::json!({"issued_on": format!("{used_year}-12-28"), "number": used_number})
                .to_string(),
        )
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT, "{}", dup.body);
    assert!(
        dup.json()["error"]["fields"]["reference"].is_string(),
        "{}",
        dup.body
    );
    assert_eq!(
        noivu.get(&format!("/api/v1/decisions/{did}")).await.json()["decision"]["status"],
        "draft"
    );
    let ok = lanhdao
        .send_json(
            "POST",
            &format!("/api/v1/decisions/{did}/approve"),
            r#"{"issued_on": "2025-12-28"}"#,
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let approved = ok.json();
    assert!(
        approved["decision"]["reference"]
            .as_str()
            .unwrap()
            .ends_with("/QĐ-UBND"),
        "{approved}"
    );
    // The approving leader signs: lanhdao's person, whatever the office typed.
    assert_eq!(approved["decision"]["signer"], chairman.full_name.as_str());
    assert_eq!(approved["decision"]["signer_title"], "CHỦ TỊCH");
    assert_eq!(approved["decision"]["signer_authority"], "");
    let version = approved["decision"]["version"].as_i64().unwrap();
    let edit = serde_json::json!({"summary": "Sửa sau khi duyệt", "signer": "Phó Chủ tịch", "version": version}).to_string();
    let refused = noivu
        .send_json("PUT", &format!("/api/v1/decisions/{did}"), &edit)
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    vietnamese_error(&refused.json());
    // Texts too, even bad ones: the status is refused first, nothing changed.
    let texts_edit =
        serde_json::json!({"summary": "Sửa sau khi duyệt", "signer": "X", "version": version,
        "bases": ["không hợp lệ"], "funding": "Sửa", "signer_authority": "KT. Chủ tịch"})
        .to_string();
    let refused = noivu
        .send_json("PUT", &format!("/api/v1/decisions/{did}"), &texts_edit)
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        vietnamese_error(&refused.json()).contains("không sửa được"),
        "{}",
        refused.body
    );
    let kept = store.award_decision(did).await.unwrap().unwrap();
    assert_eq!(i64::from(kept.decision.version), version);
    assert_eq!(kept.texts().funding, t.funding);
    let scan = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    let fin = noivu
        .post_multipart(
            &format!("/api/v1/decisions/{did}/finalise"),
            &[],
            &[("file", "qd-da-ky.pdf", scan)],
        )
        .await;
    assert_eq!(fin.status, StatusCode::OK, "{}", fin.body);
    assert_eq!(fin.json()["decision"]["status"], "final");
    let refused = noivu
        .send_json("PUT", &format!("/api/v1/decisions/{did}"), &edit)
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    let refused = noivu
        .send_json("PUT", &format!("/api/v1/decisions/{did}"), &texts_edit)
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        vietnamese_error(&refused.json()).contains("đã ký"),
        "{}",
        refused.body
    );
    let after = noivu.get(&format!("/api/v1/decisions/{did}")).await.json();
    assert_eq!(after["decision"]["funding"], t.funding.as_str());
    assert_ne!(after["decision"]["summary"], "Sửa sau khi duyệt");
    // The scan is readable through the attachments API.
    let scan_id = after["attachments"][0]["id"].as_i64().unwrap();
    assert_eq!(
        noivu
            .get(&format!("/api/v1/attachments/{scan_id}"))
            .await
            .status,
        StatusCode::OK
    );

    // nld1 sees the award on their record with the amount of the decision's line.
    let rec = nld1.get(&format!("/api/v1/people/{own}/record")).await;
    assert_eq!(rec.status, StatusCode::OK, "{}", rec.body);
    let rec = rec.json();
    let award = rec["achievements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["year"] == 2025 && a["award"] == "chien_si_thi_dua_co_so")
        .unwrap_or_else(|| panic!("no CSTĐ 2025 in {rec}"));
    assert_eq!(award["amount_vnd"].as_i64().unwrap(), amount);
    assert_eq!(
        nld1.get(&format!("/api/v1/people/{outsider}/record"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        donvi1
            .get(&format!("/api/v1/units/{ward}/record"))
            .await
            .status,
        StatusCode::OK
    );
}

async fn futures_join(base: &TestApp, names: &[&str]) -> Vec<TestApp> {
    let mut out = Vec::new();
    for n in names {
        out.push(base.as_user(n).await);
    }
    out
}

#[tokio::test]
async fn nomination_files_go_through_the_attachments_api_while_the_unit_may_change_it() {
    let base = sample().await;
    let donvi1 = base.as_user("donvi1").await;
    let donvi2 = base.as_user("donvi2").await;
    let noivu = base.as_user("noivu").await;
    let store = &base.db.store;
    let own = store
        .user_by_name("nld1")
        .await
        .unwrap()
        .unwrap()
        .user
        .person_id
        .unwrap();
    let round = noivu.get("/api/v1/award-rounds").await.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "open")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let n = donvi1
        .send_json(
            "POST",
            "/api/v1/nominations",
            &serde_json::json!({"round_id": round, "subject": "individual", "person_id": own, "award": "lao_dong_tien_tien"}).to_string(),
        )
        .await;
    assert_eq!(n.status, StatusCode::CREATED, "{}", n.body);
    let nid = n.json()["row"]["nomination"]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let pdf: &[u8] = b"%PDF-1.4\n%%EOF\n";
    let fields = [("owner_kind", "nomination"), ("owner_id", nid.as_str())];
    let files = [("file", "thanh-tich.pdf", pdf)];
    assert_eq!(
        donvi2
            .post_multipart("/api/v1/attachments", &fields, &files)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let up = donvi1
        .post_multipart("/api/v1/attachments", &fields, &files)
        .await;
    assert_eq!(up.status, StatusCode::CREATED, "{}", up.body);
    let file = up.json()["items"][0]["id"].as_i64().unwrap();
    assert_eq!(
        donvi2
            .get(&format!("/api/v1/attachments/{file}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        noivu
            .get(&format!("/api/v1/attachments/{file}"))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        donvi1
            .send_json("POST", &format!("/api/v1/nominations/{nid}/send"), "")
            .await
            .status,
        StatusCode::OK
    );
    let late = donvi1
        .post_multipart("/api/v1/attachments", &fields, &files)
        .await;
    assert_eq!(late.status, StatusCode::FORBIDDEN, "{}", late.body);
    let detail = noivu
        .get(&format!("/api/v1/nominations/{nid}"))
        .await
        .json();
    assert_eq!(detail["attachments"].as_array().unwrap().len(), 1);
}
