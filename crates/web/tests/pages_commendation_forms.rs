//! The commendation forms on the city sample: the nomination form finds the nominee by name
//! (diacritics ignored, only in the nominating unit's scope) without JavaScript, the round form
//! takes quotas per unit that the nomination page then shows with what is used, the meeting page
//! records a recusal with its reason (audited), and a draft decision's texts and signer are edited
//! on its page and refused once it is approved or final.

mod common;

use axum::http::StatusCode;
use chrono::Datelike;
use common::TestApp;
use thidua_domain::commendation::{NominationInput, NominationStep, Tally};
use thidua_store::audit::AuditQuery;
use thidua_store::commendation::{DecisionDraft, NominationQuery};
use thidua_store::{Actor, Store};

async fn city() -> TestApp {
    let base = TestApp::anonymous_app().await;
    base.db
        .store
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .unwrap();
    base.db.store.create_demo_accounts().await.unwrap();
    base
}

async fn user_unit(store: &Store, name: &str) -> i64 {
    store
        .user_by_name(name)
        .await
        .unwrap()
        .unwrap()
        .user
        .unit_id
        .unwrap()
}

async fn open_round(store: &Store) -> i64 {
    store
        .award_rounds()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.status == "open")
        .unwrap()
        .id
}

/// The first person of `unit` in name order.
async fn first_person(store: &Store, unit: i64) -> thidua_store::directory::PersonItem {
    store
        .people_search(&thidua_store::directory::PeopleQuery {
            unit_id: Some(unit),
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap()
        .items
        .remove(0)
}

/// `officer` nominates the first person of `unit` (in name order) for a Giấy khen in `round`
/// through the form.
async fn nominate_first_person(
    officer: &TestApp,
    store: &Store,
    unit: i64,
    round: i64,
    summary: &str,
) {
    let person = first_person(store, unit).await.id.to_string();
    let round = round.to_string();
    let n = officer
        .post_form(
            "/de-nghi",
            &[
                ("round_id", &round),
                ("person_id", &person),
                ("award", "giay_khen"),
                ("summary", summary),
            ],
        )
        .await;
    assert_eq!(n.status, StatusCode::SEE_OTHER, "{}", n.body);
}

async fn page_of(user: &TestApp, uri: &str) -> String {
    let page = user.get(uri).await;
    assert_eq!(page.status, StatusCode::OK, "{uri}: {}", page.body);
    page.body
}

async fn nomination_count(store: &Store) -> usize {
    store
        .nominations(&NominationQuery::default())
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn the_nominee_is_found_by_name_in_the_units_scope() {
    let base = city().await;
    let store = &base.db.store;
    let donvi1 = base.as_user("donvi1").await;
    let ward = user_unit(store, "donvi1").await;
    let other_ward = user_unit(store, "donvi2").await;
    let own = store
        .user_by_name("nld1")
        .await
        .unwrap()
        .unwrap()
        .user
        .person_id
        .unwrap();
    let name = store.person(own).await.unwrap().unwrap().full_name;
    let round = open_round(store).await.to_string();
    let before = nomination_count(store).await;

    // Typed without diacritics and in lower case: found, offered as a choice; nothing created.
    let typed = thidua_domain::text::fold(&name).to_lowercase();
    let found = donvi1
        .post_form(
            "/de-nghi",
            &[("round_id", &round), ("tim", "1"), ("tim_nguoi", &typed)],
        )
        .await;
    assert_eq!(found.status, StatusCode::OK, "{}", found.body);
    let choice = format!("name=\"person_id\" value=\"{own}\"");
    assert!(found.body.contains(&choice), "{}", found.body);
    assert!(found.body.contains(&name));
    assert_eq!(
        nomination_count(store).await,
        before,
        "a search creates nothing"
    );

    // Someone of another ward is not offered, even by their exact name.
    let stranger = first_person(store, other_ward).await;
    let outside = donvi1
        .post_form(
            "/de-nghi",
            &[
                ("round_id", &round),
                ("tim", "1"),
                ("tim_nguoi", &stranger.full_name),
            ],
        )
        .await;
    assert_eq!(outside.status, StatusCode::OK);
    assert!(
        !outside
            .body
            .contains(&format!("name=\"person_id\" value=\"{}\"", stranger.id)),
        "a person outside the ward is not offered"
    );
    // The city office may nominate from any unit of its scope: noivu (an account of Phòng Nội vụ)
    // finds the other ward's person, and the nomination is made for the nominee's own unit.
    let noivu = base.as_user("noivu").await;
    let office_unit = user_unit(store, "noivu").await;
    assert_ne!(office_unit, stranger.unit_id);
    let by_office = noivu
        .post_form(
            "/de-nghi",
            &[
                ("round_id", &round),
                ("tim", "1"),
                ("tim_nguoi", &stranger.full_name),
            ],
        )
        .await;
    assert_eq!(by_office.status, StatusCode::OK, "{}", by_office.body);
    let stranger_choice = format!("name=\"person_id\" value=\"{}\"", stranger.id);
    assert!(
        by_office.body.contains(&stranger_choice),
        "the office finds a person of any ward: {}",
        by_office.body
    );
    let stranger_id = stranger.id.to_string();
    let made = noivu
        .post_form(
            "/de-nghi",
            &[
                ("round_id", &round),
                ("person_id", &stranger_id),
                ("award", "lao_dong_tien_tien"),
                ("summary", "Hoàn thành tốt nhiệm vụ"),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let made_by_office = store
        .nominations(&NominationQuery::default())
        .await
        .unwrap()
        .into_iter()
        .find(|n| n.nomination.person_id == Some(stranger.id))
        .expect("the office's nomination");
    assert_eq!(made_by_office.nomination.unit_id, stranger.unit_id);
    let before = nomination_count(store).await;

    // A collective: the ward itself, by a folded part of its name.
    let ward_name = store.unit(ward).await.unwrap().unwrap().name;
    let part = thidua_domain::text::fold(ward_name.split_whitespace().last().unwrap());
    let units = donvi1
        .post_form(
            "/de-nghi",
            &[("round_id", &round), ("tim", "1"), ("tim_don_vi", &part)],
        )
        .await;
    assert_eq!(units.status, StatusCode::OK);
    assert!(
        units
            .body
            .contains(&format!("name=\"subject_unit_id\" value=\"{ward}\"")),
        "{}",
        units.body
    );
    assert!(
        !units
            .body
            .contains(&format!("name=\"subject_unit_id\" value=\"{other_ward}\"")),
        "another ward is not offered"
    );

    // The choice made, the nomination is created as before.
    let own_s = own.to_string();
    let n = donvi1
        .post_form(
            "/de-nghi",
            &[
                ("round_id", &round),
                ("tim_nguoi", &typed),
                ("person_id", &own_s),
                ("award", "chien_si_thi_dua_co_so"),
                ("summary", "Hoàn thành xuất sắc nhiệm vụ"),
            ],
        )
        .await;
    assert_eq!(n.status, StatusCode::SEE_OTHER, "{}", n.body);
    assert_eq!(nomination_count(store).await, before + 1);
    // The page offers the search box with its htmx enhancement.
    let page = donvi1.get(&format!("/de-nghi?dot={round}")).await;
    assert!(page.body.contains("name=\"tim_nguoi\""));
    assert!(page.body.contains("hx-post=\"/de-nghi\""));
}

#[tokio::test]
async fn a_round_takes_quotas_per_unit_and_nominating_shows_them() {
    let base = city().await;
    let store = &base.db.store;
    let noivu = base.as_user("noivu").await;
    let donvi1 = base.as_user("donvi1").await;
    let ward = user_unit(store, "donvi1").await.to_string();
    let rounds_before = store.award_rounds().await.unwrap().len();
    let form = |max: &'static str| {
        vec![
            ("name", "Đợt xét chuyên đề phòng chống thiên tai 2025"),
            ("kind", "ad_hoc"),
            ("year", "2025"),
            ("deadline", "31/12/2099"),
            ("awards", "lao_dong_tien_tien"),
            ("awards", "giay_khen"),
            ("quota_unit", ""),
            ("quota_award", "lao_dong_tien_tien"),
            ("quota_max", ""),
            ("quota_unit", "WARD"),
            ("quota_award", "giay_khen"),
            ("quota_max", max),
        ]
    };
    let with_ward = |f: Vec<(&'static str, &'static str)>| -> Vec<(String, String)> {
        f.into_iter()
            .map(|(k, v)| {
                (
                    k.to_owned(),
                    if v == "WARD" {
                        ward.clone()
                    } else {
                        v.to_owned()
                    },
                )
            })
            .collect()
    };
    let send = |f: Vec<(String, String)>| {
        let noivu = &noivu;
        async move {
            let pairs: Vec<(&str, &str)> =
                f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            noivu.post_form("/dot-xet", &pairs).await
        }
    };

    // A count that is not a number: refused, named on its row, nothing created, the row kept.
    let bad = send(with_ward(form("hai"))).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad
        .body
        .contains("Số lượng chỉ tiêu phải là số nguyên không âm"));
    assert!(
        bad.body.contains("value=\"hai\""),
        "the typed row is shown again"
    );
    assert_eq!(store.award_rounds().await.unwrap().len(), rounds_before);

    // A quota for an award the round does not consider: the domain's message on its row.
    let mut off = with_ward(form("1"));
    off.retain(|(k, v)| !(k == "awards" && v == "giay_khen"));
    let refused = send(off).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .body
        .contains("đợt xét không xét danh hiệu, hình thức này"));

    let ok = send(with_ward(form("1"))).await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let round = store
        .award_rounds()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.name.contains("phòng chống thiên tai"))
        .unwrap();
    let detail = store.award_round(round.id).await.unwrap().unwrap();
    assert_eq!(detail.quotas.len(), 1, "the blank row is skipped");
    assert_eq!(detail.quotas[0].award, "giay_khen");
    assert_eq!(detail.quotas[0].max_count, 1);

    // Nominating in that round shows the quota by the award's name, with what is used.
    let page = donvi1.get(&format!("/de-nghi?dot={}", round.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Chỉ tiêu của đơn vị"), "{}", page.body);
    let quotas = &page.body[page.body.find("Chỉ tiêu của đơn vị").unwrap()..];
    assert!(
        quotas.contains("<td>Giấy khen</td><td>1</td><td>0</td><td>1</td>"),
        "{quotas}"
    );
    nominate_first_person(
        &donvi1,
        store,
        ward.parse().unwrap(),
        round.id,
        "Tham gia ứng cứu lũ",
    )
    .await;
    let page = donvi1.get(&format!("/de-nghi?dot={}", round.id)).await;
    assert!(page.body.contains("Hết chỉ tiêu"), "{}", page.body);
}

#[tokio::test]
async fn a_recusal_is_recorded_on_the_meeting_page_and_the_draft_decision_texts_are_edited() {
    let base = city().await;
    let store = &base.db.store;
    let noivu = base.as_user("noivu").await;
    let donvi1 = base.as_user("donvi1").await;
    let lanhdao = base.as_user("lanhdao").await;
    let ward = user_unit(store, "donvi1").await;
    let own = store
        .user_by_name("nld1")
        .await
        .unwrap()
        .unwrap()
        .user
        .person_id
        .unwrap();
    let round = open_round(store).await;
    let actor = Actor::system("test");
    // The sample's decision of 2024 is signed by the city's chairman, lanhdao's person.
    let chairman = store
        .person(
            store
                .user_by_name("lanhdao")
                .await
                .unwrap()
                .unwrap()
                .user
                .person_id
                .expect("lanhdao is the chairman"),
        )
        .await
        .unwrap()
        .unwrap();
    let sample = store.award_decisions(None).await.unwrap();
    let signed = store
        .award_decision(sample.last().unwrap().id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(signed.texts().signer.name, chairman.full_name);
    assert_eq!(signed.texts().signer.title, "CHỦ TỊCH");
    let tables = store.rule_tables().await.unwrap();
    let detail = store.award_round(round).await.unwrap().unwrap();
    let n = store
        .create_nomination(
            &actor,
            NominationInput {
                round_id: round,
                subject: "individual".into(),
                person_id: Some(own),
                unit_id: Some(ward),
                award: "chien_si_thi_dua_co_so".into(),
                summary: "Hoàn thành xuất sắc".into(),
                ..Default::default()
            }
            .validate(&tables, &detail.awards)
            .unwrap(),
            chrono::NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
        )
        .await
        .unwrap()
        .row
        .nomination
        .id;
    for step in [NominationStep::Send, NominationStep::Accept] {
        store.nomination_step(&actor, n, step, "").await.unwrap();
    }
    let council = store.award_councils().await.unwrap()[0].id;
    let m = noivu
        .post_form(
            &format!("/hoi-dong-khen-thuong/{council}/phien-hop"),
            &[
                ("round_id", &round.to_string()),
                ("held_on", "15/12/2025"),
                ("place", "Phòng họp 2"),
            ],
        )
        .await;
    assert_eq!(m.status, StatusCode::SEE_OTHER, "{}", m.body);
    let at = m.location().to_owned();
    let meeting: i64 = at.rsplit('/').next().unwrap().parse().unwrap();
    let members = store.meeting(meeting).await.unwrap().unwrap().members;
    let member = members.iter().find(|x| x.name.ends_with('3')).unwrap();
    let (member_s, n_s) = (member.id.to_string(), n.to_string());
    let page = noivu.get(&at).await;
    assert!(
        page.body.contains("Ghi nhận không biểu quyết"),
        "{}",
        page.body
    );
    assert!(
        !donvi1
            .get(&at)
            .await
            .body
            .contains("Ghi nhận không biểu quyết"),
        "only the office records recusals"
    );

    // No reason: refused, nothing recorded.
    let url = format!("{at}/khong-bieu-quyet");
    let bad = noivu
        .post_form(
            &url,
            &[
                ("member_id", &member_s),
                ("nomination_id", &n_s),
                ("reason", " "),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("Nêu lý do"));
    assert!(store
        .meeting(meeting)
        .await
        .unwrap()
        .unwrap()
        .recusals
        .is_empty());
    assert_eq!(
        donvi1
            .post_form(
                &url,
                &[
                    ("member_id", &member_s),
                    ("nomination_id", &n_s),
                    ("reason", "Người thân")
                ],
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let ok = noivu
        .post_form(
            &url,
            &[
                ("member_id", &member_s),
                ("nomination_id", &n_s),
                ("reason", "Là người thân của người được đề nghị"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let recusals = store.meeting(meeting).await.unwrap().unwrap().recusals;
    assert_eq!(recusals.len(), 1);
    let page = noivu.get(&at).await;
    assert!(
        page.body.contains(&member.name)
            && page.body.contains("Là người thân của người được đề nghị")
    );
    let audited = store
        .audit_list(&AuditQuery {
            entity: Some("meeting_recusal".into()),
            entity_id: Some(recusals[0].id),
            page: 1,
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(audited.total, 1, "the recusal is audited");
    let again = noivu
        .post_form(
            &url,
            &[
                ("member_id", &member_s),
                ("nomination_id", &n_s),
                ("reason", "Lần nữa"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);

    // The council passes it (paper tally), the office drafts the decision.
    let ballot = store.open_ballot(&actor, meeting).await.unwrap();
    assert!(
        noivu
            .get(&at)
            .await
            .body
            .contains("Đang bỏ phiếu: không ghi thêm"),
        "no recusal while a ballot is open"
    );
    store
        .record_paper_tally(
            &actor,
            ballot.id,
            &[(
                n,
                Tally {
                    yes: 2,
                    no: 0,
                    abstain: 0,
                },
            )],
        )
        .await
        .unwrap();
    store.close_ballot(&actor, ballot.id).await.unwrap();
    let city_name = store
        .units_all()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.parent_id.is_none())
        .unwrap()
        .name;
    let draft = store
        .draft_decision(
            &actor,
            DecisionDraft {
                round_id: round,
                summary: "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm 2025".into(),
                symbol: "QĐ-UBND".into(),
                issuer: city_name,
                signer: "Chủ tịch Ủy ban nhân dân".into(),
                planned_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
            },
        )
        .await
        .unwrap();
    let id = draft.decision.id;
    let at = format!("/quyet-dinh/{id}");

    // The draft's page offers the texts, pre-filled with the defaults.
    let page = noivu.get(&at).await;
    assert!(page
        .body
        .contains("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"));
    assert!(page
        .body
        .contains("nguồn kinh phí thi đua, khen thưởng năm 2025"));
    assert!(
        !lanhdao.get(&at).await.body.contains("Lưu nội dung"),
        "the leader approves, the office edits"
    );

    let texts = |bases: &'static str| {
        vec![
            ("version", "1"),
            ("bases", bases),
            (
                "funding",
                "nguồn kinh phí thi đua, khen thưởng năm 2025 của thành phố",
            ),
            (
                "executors",
                "Chánh Văn phòng HĐND và UBND, Trưởng phòng Nội vụ",
            ),
            ("signer_authority", "KT. Chủ tịch"),
            ("signer_title", "Phó Chủ tịch"),
            ("signer_name", "Nguyễn Văn Bình"),
        ]
    };
    let url = format!("{at}/noi-dung");
    let bad = noivu
        .post_form(&url, &texts("Luật Thi đua, khen thưởng"))
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("phải bắt đầu bằng"), "{}", bad.body);
    assert!(
        bad.body.contains("Nguyễn Văn Bình"),
        "what was typed is shown again"
    );
    let unchanged = store.award_decision(id).await.unwrap().unwrap();
    assert_eq!(unchanged.decision.version, 1);
    let ok = noivu
        .post_form(
            &url,
            &texts("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\nCăn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND thành phố;\nTheo đề nghị của Trưởng phòng Nội vụ."),
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let saved = store.award_decision(id).await.unwrap().unwrap();
    let t = saved.texts();
    assert_eq!(t.bases.len(), 3);
    assert_eq!(
        t.bases[1],
        "Căn cứ Kế hoạch số 12/KH-UBND ngày 10/01/2025 của UBND thành phố;"
    );
    assert_eq!(
        t.funding,
        "nguồn kinh phí thi đua, khen thưởng năm 2025 của thành phố"
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
        .audit_list(&AuditQuery {
            entity: Some("award_decision".into()),
            entity_id: Some(id),
            page: 1,
            per_page: 20,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(audited.items.iter().any(|a| a.action == "update_texts"));
    // A stale form (an older version) is refused.
    let stale = noivu
        .post_form(&url, &texts("Căn cứ Luật Thi đua, khen thưởng;"))
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    let docx = noivu.get(&format!("{at}/quyet-dinh.docx")).await;
    assert_eq!(docx.status, StatusCode::OK);

    // Approved: the texts are read-only, refused with 409 and a Vietnamese message.
    let approve = lanhdao
        .post_form(&format!("{at}/duyet"), &[("issued_on", "15/01/2026")])
        .await;
    assert_eq!(approve.status, StatusCode::SEE_OTHER, "{}", approve.body);
    let approved = store.award_decision(id).await.unwrap().unwrap();
    assert_eq!(approved.decision.status, "approved");
    // The approving leader signs: lanhdao's person, the chairman, replaces the deputy typed.
    assert_eq!(
        (
            approved.texts().signer.title.as_str(),
            approved.texts().signer.name.as_str(),
            approved.texts().signer.authority.as_str()
        ),
        ("CHỦ TỊCH", chairman.full_name.as_str(), "")
    );
    let refused = noivu
        .post_form(
            &url,
            &[
                ("version", &approved.decision.version.to_string()),
                ("bases", "Căn cứ Luật Thi đua, khen thưởng;"),
                ("funding", "x"),
                ("executors", "y"),
                ("signer_title", "Chủ tịch"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(refused.body.contains("không sửa được"), "{}", refused.body);
    let after = store.award_decision(id).await.unwrap().unwrap();
    assert_eq!(after.decision.version, approved.decision.version);
    assert_eq!(after.texts(), approved.texts());
    assert!(!noivu.get(&at).await.body.contains("Lưu nội dung"));
}

#[tokio::test]
async fn a_rounds_page_counts_its_nominations_and_quotas_and_the_office_edits_and_closes_it() {
    let base = city().await;
    let store = &base.db.store;
    let noivu = base.as_user("noivu").await;
    let donvi1 = base.as_user("donvi1").await;
    let ward = user_unit(store, "donvi1").await;
    let other = store
        .units_all()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.active && u.id != ward && u.parent_id.is_some())
        .unwrap();
    let tables = store.rule_tables().await.unwrap();
    // Deadlines ahead of today, so that the round takes nominations whenever the test runs.
    let today = chrono::Utc::now().date_naive();
    let deadline = today + chrono::Days::new(60);
    let later = today + chrono::Days::new(90);
    let shown = |d: chrono::NaiveDate| d.format("%d&#x2f;%m&#x2f;%Y").to_string();
    let typed = |d: chrono::NaiveDate| d.format("%d/%m/%Y").to_string();
    let round = store
        .create_round(
            &Actor::system("test"),
            thidua_domain::commendation::RoundInput {
                name: "Khen thưởng công tác phòng, chống dịch".into(),
                kind: "ad_hoc".into(),
                year: deadline.year(),
                deadline,
                awards: vec!["giay_khen".into()],
                quotas: vec![
                    thidua_domain::commendation::Quota {
                        unit_id: ward,
                        award: "giay_khen".into(),
                        max: 1,
                    },
                    thidua_domain::commendation::Quota {
                        unit_id: other.id,
                        award: "giay_khen".into(),
                        max: 3,
                    },
                ],
                ..Default::default()
            }
            .validate(&tables)
            .unwrap(),
        )
        .await
        .unwrap()
        .round;
    let url = format!("/dot-xet/{}", round.id);

    // The rounds list leads to the round's page.
    let list = noivu.get("/dot-xet").await;
    assert!(
        list.body.contains(&format!("href=\"{url}\"")),
        "{}",
        list.body
    );
    let page = noivu.get(&url).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Khen thưởng công tác phòng, chống dịch"));
    // (minijinja writes "/" as "&#x2f;")
    assert!(page.body.contains(&shown(deadline)), "{}", page.body);
    assert!(page.body.contains("Chưa có đề nghị nào."));
    assert!(
        page.body.contains(&other.name),
        "the office sees every unit's quota"
    );

    // donvi1 nominates one person: the ward's quota of one is used up.
    nominate_first_person(&donvi1, store, ward, round.id, "Trực chốt kiểm dịch").await;
    let page = noivu.get(&url).await;
    assert!(
        page.body.contains(&format!(
            "<a href=\"/de-nghi?dot={}&amp;trang_thai=draft\">Đang soạn</a></td><td class=\"num\">1</td>",
            round.id
        )),
        "{}",
        page.body
    );
    let quotas = &page.body[page.body.find("round-quotas").unwrap()..];
    assert!(
        quotas.contains(
            "<td>Giấy khen</td><td class=\"num\">1</td><td class=\"num\">1</td><td>Hết chỉ tiêu</td>"
        ),
        "{quotas}"
    );
    assert!(
        quotas.contains(
            "<td>Giấy khen</td><td class=\"num\">3</td><td class=\"num\">0</td><td></td>"
        ),
        "{quotas}"
    );

    // The same through the API, for outside tools.
    let api = format!("/api/v1/award-rounds/{}/overview", round.id);
    let all = noivu.get(&api).await.json();
    assert_eq!(
        all["by_status"],
        serde_json::json!([{ "status": "draft", "count": 1 }])
    );
    assert_eq!(all["quotas"].as_array().unwrap().len(), 2, "{all}");
    let ward_quota = all["quotas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["unit_id"] == ward)
        .unwrap();
    assert_eq!(
        ward_quota["quota"],
        serde_json::json!({ "max": 1, "used": 1 })
    );
    let mine = donvi1.get(&api).await.json();
    assert_eq!(mine["quotas"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["round"]["round"]["id"], round.id);

    // A unit officer sees their own unit's nominations and quota, not the others'.
    let own = donvi1.get(&url).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert!(
        own.body.contains("Đề nghị của đơn vị mình: 1"),
        "{}",
        own.body
    );
    assert!(!own.body.contains(&other.name), "{}", own.body);
    assert!(!own.body.contains("Sửa đợt xét"), "only the office edits");
    let refused = donvi1.post_form(&format!("{url}/dong"), &[]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The office renames it and moves the deadline; audited.
    let version = round.version.to_string();
    let bad = noivu
        .post_form(
            &url,
            &[
                ("version", &version),
                ("name", "Khen thưởng phòng, chống dịch bệnh"),
                ("deadline", "31/02/2025"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad
        .body
        .contains("Hạn nộp phải là ngày dd&#x2f;mm&#x2f;yyyy"));
    assert!(bad
        .body
        .contains("value=\"Khen thưởng phòng, chống dịch bệnh\""));
    // The edit form shows the quotas as they are.
    let form = &page_of(&noivu, &url).await;
    let grid = &form[form.find("Sửa đợt xét").unwrap()..];
    assert!(
        grid.contains(&format!("<option value=\"{ward}\" selected>")),
        "{grid}"
    );
    assert!(grid.contains("name=\"quota_max\" value=\"3\""), "{grid}");
    let ward_s = ward.to_string();
    // The edit form as posted: the new name, the later deadline and the quota rows (unit, count).
    let edit = |version: String, rows: Vec<(String, &'static str)>| {
        let (noivu, url) = (&noivu, &url);
        let mut form = vec![
            ("version".to_owned(), version),
            (
                "name".to_owned(),
                "Khen thưởng phòng, chống dịch bệnh".to_owned(),
            ),
            ("deadline".to_owned(), typed(later)),
        ];
        for (unit, max) in rows {
            form.push(("quota_unit".to_owned(), unit));
            form.push(("quota_award".to_owned(), "giay_khen".to_owned()));
            form.push(("quota_max".to_owned(), max.to_owned()));
        }
        async move {
            let pairs: Vec<(&str, &str)> =
                form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            noivu.post_form(url, &pairs).await
        }
    };
    // A count that is not a number: refused on its row, what was typed kept, nothing changed.
    let bad_quota = edit(version.clone(), vec![(ward_s.clone(), "hai")]).await;
    assert_eq!(bad_quota.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_quota
        .body
        .contains("Số lượng chỉ tiêu phải là số nguyên không âm"));
    assert!(bad_quota.body.contains("value=\"hai\""));
    assert_eq!(
        store
            .award_round(round.id)
            .await
            .unwrap()
            .unwrap()
            .quotas
            .len(),
        2
    );
    // Saved: the ward gets a second place, the other unit's quota is removed.
    let saved = edit(
        version.clone(),
        vec![(ward_s.clone(), "2"), (String::new(), "")],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let detail = store.award_round(round.id).await.unwrap().unwrap();
    assert_eq!(detail.round.name, "Khen thưởng phòng, chống dịch bệnh");
    assert_eq!(detail.round.deadline, later);
    assert_eq!(detail.quotas.len(), 1, "the blank row is skipped");
    assert_eq!(
        (detail.quotas[0].unit_id, detail.quotas[0].max_count),
        (ward, 2)
    );
    let own = donvi1.get(&url).await;
    assert!(
        own.body.contains(
            "<td>Giấy khen</td><td class=\"num\">2</td><td class=\"num\">1</td><td></td>"
        ),
        "one place left: {}",
        own.body
    );
    assert!(!own.body.contains(&other.name));

    // Saved again from a page opened before that change: refused, what was typed is kept.
    let stale = noivu
        .post_form(
            &url,
            &[
                ("version", &version),
                ("name", "Tên gõ trên trang cũ"),
                ("deadline", &typed(today)),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(stale.body.contains("value=\"Tên gõ trên trang cũ\""));
    assert_eq!(
        store
            .award_round(round.id)
            .await
            .unwrap()
            .unwrap()
            .round
            .name,
        "Khen thưởng phòng, chống dịch bệnh"
    );

    // Closed: no more nominations, and the closing is audited.
    // Lowered below what is used (the office then returns a nomination): shown as over.
    let version = store
        .award_round(round.id)
        .await
        .unwrap()
        .unwrap()
        .round
        .version
        .to_string();
    let lowered = edit(version, vec![(ward_s.clone(), "0")]).await;
    assert_eq!(lowered.status, StatusCode::SEE_OTHER, "{}", lowered.body);
    assert!(noivu.get(&url).await.body.contains(
        "<td class=\"num\">0</td><td class=\"num\">1</td><td>Vượt chỉ tiêu 1 đề nghị</td>"
    ));

    let closed = noivu.post_form(&format!("{url}/dong"), &[]).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    // A second click (another tab, a retried request) changes nothing.
    let closed_version = store
        .award_round(round.id)
        .await
        .unwrap()
        .unwrap()
        .round
        .version;
    let again = noivu.post_form(&format!("{url}/dong"), &[]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let api_again = noivu
        .send_json(
            "POST",
            &format!("/api/v1/award-rounds/{}/close", round.id),
            "{}",
        )
        .await;
    assert_eq!(api_again.status, StatusCode::NO_CONTENT);
    assert_eq!(
        store
            .award_round(round.id)
            .await
            .unwrap()
            .unwrap()
            .round
            .version,
        closed_version
    );
    let page = noivu.get(&url).await;
    assert!(page.body.contains("Đã kết thúc nhận đề nghị"));
    assert!(!page.body.contains("/dong\""), "no second closing button");
    let audited = store
        .audit_list(&AuditQuery {
            entity: Some("award_round".into()),
            entity_id: Some(round.id),
            page: 1,
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = audited.items.iter().map(|a| a.action.as_str()).collect();
    assert!(actions.contains(&"update"), "{actions:?}");
    assert_eq!(
        actions.iter().filter(|a| **a == "close").count(),
        1,
        "closed once: {actions:?}"
    );
    assert_eq!(
        noivu.get("/dot-xet/999999").await.status,
        StatusCode::NOT_FOUND
    );
}
