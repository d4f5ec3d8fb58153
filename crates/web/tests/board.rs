//! The public honour board and the exemplary models' pages on the city sample: the board answers
//! without logging in, shows names, units, titles and years and no other personal data, finds words
//! typed without diacritics, never shows a draft whatever the address; the office publishes a
//! profile from its page and a unit officer records that their ward learned from it.

mod common;

use axum::http::StatusCode;
use common::TestApp;
use thidua_store::models::ModelQuery;

#[tokio::test]
async fn the_public_board_and_the_profiles_through_the_pages() {
    let base = TestApp::anonymous_app().await;
    let store = &base.db.store;
    store
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .unwrap();
    store.create_demo_accounts().await.unwrap();
    let anon = base.anonymous();
    let noivu = base.as_user("noivu").await;
    let donvi1 = base.as_user("donvi1").await;
    let nld1 = base.as_user("nld1").await;

    let all = store
        .models(&ModelQuery::default(), |_| true)
        .await
        .unwrap();
    let draft = all.iter().find(|m| m.status == "draft").unwrap().clone();
    let person_model = all
        .iter()
        .find(|m| {
            m.status == "published" && m.subject == "person" && m.kind == "dien_hinh_tien_tien"
        })
        .unwrap()
        .clone();
    let person = store
        .person(person_model.person_id.unwrap())
        .await
        .unwrap()
        .unwrap();

    // The board, without logging in: names, units, titles; nothing of a draft.
    let b = anon.get("/bang-vang").await;
    assert_eq!(b.status, StatusCode::OK, "{}", b.body);
    assert!(b.body.contains("<html lang=\"vi\">"));
    assert!(b.body.contains("name=\"viewport\""));
    assert!(b.body.contains(&person.full_name));
    assert!(b.body.contains("Lao động tiên tiến"));
    assert!(
        !b.body.contains(&draft.title),
        "a draft is never on the board"
    );
    assert!(!b.body.contains("Dự thảo chưa công bố"));
    // No personal data beyond name, unit and achievement: no birth date, no money.
    let detail = store.person_detail(person.id).await.unwrap().unwrap();
    if let Some(born) = detail.person.birth_date {
        let shown = thidua_domain::format::date_vn(born);
        assert!(!b.body.contains(&shown), "birth date {shown} shown");
    }
    assert!(!b.body.contains(" đ<") && !b.body.contains("Tiền thưởng"));

    // Search without diacritics.
    let words = thidua_domain::text::fold(&person.full_name);
    let s = anon
        .get(&format!(
            "/bang-vang?muc=khen-thuong&q={}",
            words.replace(' ', "+")
        ))
        .await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(
        s.body.contains(&person.full_name),
        "found without diacritics"
    );
    let none = anon.get("/bang-vang?q=khongcoaiten+zzz").await;
    assert!(!none.body.contains(&person.full_name));

    // A profile's public page; a draft's address is not there (404), for anyone.
    let p = anon
        .get(&format!("/bang-vang/dien-hinh/{}", person_model.id))
        .await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(p.body.contains(&person_model.title));
    for who in [&anon, &noivu] {
        let d = who.get(&format!("/bang-vang/dien-hinh/{}", draft.id)).await;
        assert_eq!(d.status, StatusCode::NOT_FOUND);
    }
    // Its photo is served inline only while its profile is published.
    let board = store.board().await.unwrap();
    let with_photo = board.models.iter().find(|m| !m.photos.is_empty()).unwrap();
    let photo = anon
        .get(&format!("/bang-vang/anh/{}", with_photo.photos[0]))
        .await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(photo.content_type, "image/png");

    // The office publishes the draft from its page; it appears on the board.
    let page = noivu.get(&format!("/dien-hinh/{}", draft.id)).await;
    assert!(page.body.contains("Công bố lên Bảng vàng"));
    let r = noivu
        .post_form(
            &format!("/dien-hinh/{}/cong-bo", draft.id),
            &[("publish", "1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let d = anon
        .get(&format!("/bang-vang/dien-hinh/{}", draft.id))
        .await;
    assert_eq!(d.status, StatusCode::OK);
    // A unit officer cannot publish.
    let r = donvi1
        .post_form(
            &format!("/dien-hinh/{}/cong-bo", draft.id),
            &[("publish", "0")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Taken back: gone again.
    noivu
        .post_form(
            &format!("/dien-hinh/{}/cong-bo", draft.id),
            &[("publish", "0")],
        )
        .await;
    let d = anon
        .get(&format!("/bang-vang/dien-hinh/{}", draft.id))
        .await;
    assert_eq!(d.status, StatusCode::NOT_FOUND);

    // donvi1 records that their ward learned from the nld1 profile.
    let ward = store
        .user_by_name("donvi1")
        .await
        .unwrap()
        .unwrap()
        .user
        .unit_id
        .unwrap();
    let bad = donvi1
        .post_form(
            &format!("/dien-hinh/{}/hoc-tap", person_model.id),
            &[
                ("unit_id", &ward.to_string()),
                ("learned_on", "2025-04-01"),
                ("applied", ""),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let ok = donvi1
        .post_form(
            &format!("/dien-hinh/{}/hoc-tap", person_model.id),
            &[
                ("unit_id", &ward.to_string()),
                ("learned_on", "2025-04-01"),
                ("applied", "Số hóa sổ hộ tịch theo cách làm của điển hình"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let page = nld1.get(&format!("/dien-hinh/{}", person_model.id)).await;
    assert!(page
        .body
        .contains("Số hóa sổ hộ tịch theo cách làm của điển hình"));
    // A worker does not see the draft.
    let d = nld1.get(&format!("/dien-hinh/{}", draft.id)).await;
    assert_eq!(d.status, StatusCode::NOT_FOUND);

    // The list searches without diacritics; new factors of the year.
    let l = nld1
        .get(&format!(
            "/dien-hinh?q={}",
            thidua_domain::text::fold(&person_model.title)
                .split_whitespace()
                .take(2)
                .collect::<Vec<_>>()
                .join("+")
        ))
        .await;
    assert!(l.body.contains(&person_model.title));
    let this_year = chrono::Datelike::year(&chrono::Utc::now());
    let nf = nld1
        .get(&format!("/dien-hinh/nhan-to-moi?nam={this_year}"))
        .await;
    assert_eq!(nf.status, StatusCode::OK);
    assert!(nf.body.contains("tổ công nghệ số cộng đồng"));

    // The decision's page offers taking it back from the board; done, the board page is gone.
    let decision = board.decisions[0].id;
    let dp = noivu.get(&format!("/quyet-dinh/{decision}")).await;
    assert!(dp.body.contains("Thu hồi khỏi Bảng vàng"), "{}", dp.body);
    noivu
        .post_form(
            &format!("/quyet-dinh/{decision}/cong-bo"),
            &[("publish", "0")],
        )
        .await;
    let gone = anon.get(&format!("/bang-vang/quyet-dinh/{decision}")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let b = anon.get("/bang-vang?muc=khen-thuong").await;
    assert!(b.body.contains("Chưa có khen thưởng nào được công bố"));

    // The log-in page links to the board.
    let login = anon.get("/dang-nhap").await;
    assert!(login.body.contains("href=\"/bang-vang\""));
}
