//! The commendation pages on the city sample: the ratings grid's paste box previews before saving,
//! a unit's nomination shows the pre-check, the office accepts it, a member's ballot page hides the
//! counters until the close, and nld1's page shows the record of achievements with the money.

mod common;

use axum::http::StatusCode;
use common::TestApp;

#[tokio::test]
async fn ratings_nominations_ballots_and_the_record_through_the_pages() {
    let base = TestApp::anonymous_app().await;
    let store = &base.db.store;
    store
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .unwrap();
    store.create_demo_accounts().await.unwrap();
    let donvi1 = base.as_user("donvi1").await;
    let noivu = base.as_user("noivu").await;
    let nld1 = base.as_user("nld1").await;
    let ward = store
        .user_by_name("donvi1")
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
    let name = store.person(own).await.unwrap().unwrap().full_name;

    // Paste from Excel: previewed (nothing saved), then saved with the grid's button.
    let paste = format!("{name}\tHoàn thành tốt nhiệm vụ\nkhông có ai\txuất sắc");
    let ward_s = ward.to_string();
    let p = donvi1
        .post_form(
            "/xep-loai",
            &[("unit_id", &ward_s), ("year", "2027"), ("paste", &paste)],
        )
        .await;
    assert_eq!(p.status, StatusCode::OK, "{}", p.body);
    assert!(
        p.body.contains("Xem trước") && p.body.contains("không có ai"),
        "preview and the bad line"
    );
    let grid = store.ratings_grid(ward, 2027).await.unwrap();
    assert!(
        grid.rows.iter().all(|r| r.rating.is_none()),
        "a preview saves nothing"
    );
    let key = format!("r_{own}");
    let s = donvi1
        .post_form(
            "/xep-loai",
            &[
                ("unit_id", &ward_s),
                ("year", "2027"),
                (&key, "hoan_thanh_tot"),
            ],
        )
        .await;
    assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.body);
    let grid = store.ratings_grid(ward, 2027).await.unwrap();
    assert_eq!(
        grid.rows
            .iter()
            .find(|r| r.person_id == own)
            .unwrap()
            .rating
            .as_deref(),
        Some("hoan_thanh_tot")
    );
    let bad = donvi1
        .post_form(
            "/xep-loai",
            &[("unit_id", &ward_s), ("year", "2027"), (&key, "gioi")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A nomination through the form: the pre-check is shown, the office accepts it.
    let round = store
        .award_rounds()
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.status == "open")
        .unwrap()
        .id;
    let own_s = own.to_string();
    let round_s = round.to_string();
    let n = donvi1
        .post_form(
            "/de-nghi",
            &[
                ("round_id", &round_s),
                ("person_id", &own_s),
                ("award", "chien_si_thi_dua_co_so"),
                ("summary", "Hoàn thành xuất sắc"),
            ],
        )
        .await;
    assert_eq!(n.status, StatusCode::SEE_OTHER, "{}", n.body);
    let at = n.location().to_owned();
    let page = donvi1.get(&at).await;
    assert!(
        page.body.contains("Đủ điều kiện theo dữ liệu hiện có"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Gửi đề nghị") && !page.body.contains("Tiếp nhận</button>"));
    assert_eq!(
        donvi1.post_form(&format!("{at}/gui"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        donvi1
            .post_form(&format!("{at}/tiep-nhan"), &[])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let returned = noivu
        .post_form(&format!("{at}/tra-lai"), &[("comment", "")])
        .await;
    assert_eq!(
        returned.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a return needs a comment"
    );
    assert_eq!(
        noivu
            .post_form(&format!("{at}/tiep-nhan"), &[])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    assert!(noivu.get(&at).await.body.contains("Đã tiếp nhận"));

    // The ballot page: no counters before the close, the tally after it.
    let council = store.award_councils().await.unwrap()[0].id;
    let m = noivu
        .post_form(
            &format!("/hoi-dong-khen-thuong/{council}/phien-hop"),
            &[
                ("round_id", &round_s),
                ("held_on", "20/12/2025"),
                ("place", "Phòng họp"),
            ],
        )
        .await;
    assert_eq!(m.status, StatusCode::SEE_OTHER, "{}", m.body);
    let b = noivu
        .post_form(&format!("{}/bo-phieu", m.location()), &[])
        .await;
    assert_eq!(b.status, StatusCode::SEE_OTHER, "{}", b.body);
    let ballot = b.location().to_owned();
    let nid = at.rsplit('/').next().unwrap();
    let field = format!("c_{nid}");
    for who in ["hoidong1", "hoidong2", "hoidong3"] {
        let hd = base.as_user(who).await;
        let page = hd.get(&ballot).await;
        assert!(page.body.contains("Đồng ý") && !page.body.contains("id=\"tally\""));
        assert_eq!(
            hd.post_form(&ballot, &[(&field, "yes")]).await.status,
            StatusCode::SEE_OTHER
        );
    }
    let again = base
        .as_user("hoidong1")
        .await
        .post_form(&ballot, &[(&field, "no")])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(
        noivu.post_form(&format!("{ballot}/dong"), &[]).await.status,
        StatusCode::SEE_OTHER
    );
    let closed = base.as_user("hoidong2").await.get(&ballot).await;
    assert!(
        closed.body.contains("id=\"tally\"") && closed.body.contains("Thông qua"),
        "{}",
        closed.body
    );

    // nld1's own page shows the record of achievements with the money of the sample's decisions.
    let me = nld1.get(&format!("/nguoi/{own}")).await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(
        me.body.contains("Hồ sơ thành tích") && me.body.contains("Chiến sĩ thi đua cơ sở"),
        "{}",
        me.body
    );
    assert!(
        me.body.contains("2.340.000"),
        "the 2024 CSTĐ money in đồng with dots"
    );

    // The sample's decision names its awards on its page (not the catalogue's codes).
    let decision = store.award_decisions(None).await.unwrap()[0].id;
    let d = noivu.get(&format!("/quyet-dinh/{decision}")).await;
    assert_eq!(d.status, StatusCode::OK);
    assert!(
        d.body.contains("<td>Chiến sĩ thi đua cơ sở</td>")
            && !d.body.contains("chien_si_thi_dua_co_so"),
        "{}",
        d.body
    );
}
