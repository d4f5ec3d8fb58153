//! The pages of initiatives, in process: the form that keeps what was typed and names each problem,
//! the duplicate check with and without htmx, an initiative's page, blind scoring through the pages
//! (no member sees another's sheet before the round closes), the council's decision, replication,
//! the Lao động sáng tạo list and who may see what.

mod common;

use axum::http::StatusCode;
use chrono::Datelike;
use common::{Answer, TestApp};
use thidua_domain::access::Role;
use thidua_domain::directory::PersonInput;
use thidua_domain::initiative::{AuthorInput, InitiativeInput, Share, Status};
use thidua_store::Actor;

const SOLUTION: &str = "Xây dựng phần mềm quản lý hồ sơ một cửa tại Phường Kim Tân, liên thông với cổng dịch vụ công của tỉnh Lào Cai.\nMỗi hồ sơ được gắn mã QR khi tiếp nhận, người dân tra cứu tiến độ giải quyết bằng điện thoại mà không cần đến bộ phận một cửa.\nCán bộ tiếp nhận quét hồ sơ giấy thành tệp PDF có chữ ký số và lưu trữ theo mã thủ tục hành chính.";

/// The same text reworded a little, without diacritics, its sentences in another order.
const NEAR_COPY: &str = "Can bo tiep nhan quet ho so giay thanh tep PDF co chu ky so va luu tru theo ma thu tuc hanh chinh.\nMoi ho so duoc gan ma QR khi tiep nhan, nguoi dan tra cuu tien do giai quyet bang dien thoai ma khong can den bo phan mot cua.\nXay dung phan mem quan ly ho so mot cua tai Phuong Kim Tan, lien thong voi cong dich vu cong cua tinh Lao Cai.";

fn today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&thidua_domain::format::vietnam())
        .date_naive()
}

/// `text` as the templates print it (HTML-escaped, "/" included).
fn e(text: &str) -> String {
    let mut out = String::new();
    thidua_web::templates::escape_into(&mut out, text);
    out
}

/// The id at the end of a redirect's path ("/sang-kien/12?da_luu=1" → 12).
fn id_in(location: &str) -> i64 {
    let path = location.split(['?', '#']).next().unwrap_or("");
    path.rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no id in '{location}'"))
}

async fn person(app: &TestApp, ward: i64, name: &str, level: &str) -> i64 {
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
        .create_person(
            &Actor::system("test"),
            p.validate(today()).unwrap(),
            today(),
        )
        .await
        .unwrap()
        .id
}

/// A ward with a worker (account `congnhan`), a second worker, the ward's officer, the office,
/// three council members (the third an author below) and the Labour Federation.
struct World {
    admin: TestApp,
    ward: i64,
    worker_p: i64,
    graduate_p: i64,
    worker: TestApp,
    other_worker: TestApp,
    officer: TestApp,
    other_officer: TestApp,
    office: TestApp,
    ldld: TestApp,
}

async fn world() -> World {
    let (admin, ward, _) = TestApp::with_directory().await;
    let store = &admin.db.store;
    let city = store.unit_by_code("UBND-TP").await.unwrap().unwrap();
    let other_ward = store
        .create_unit(
            &Actor::system("test"),
            thidua_domain::directory::UnitInput {
                code: "P-DUYEN-HAI".into(),
                name: "Phường Duyên Hải".into(),
                kind: "ward_commune".into(),
                parent_id: Some(city.id),
            }
            .validate()
            .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let worker_p = person(&admin, ward, "Hoàng Văn Sáng", "worker").await;
    let graduate_p = person(&admin, ward, "Vũ Thị Kiến", "graduate").await;
    let other_p = person(&admin, other_ward, "Đỗ Văn Khác", "worker").await;
    admin
        .add_user("congnhan", &[Role::Worker], Some(ward), Some(worker_p))
        .await;
    admin
        .add_user(
            "congnhan2",
            &[Role::Worker],
            Some(other_ward),
            Some(other_p),
        )
        .await;
    admin
        .add_user("canbokimtan", &[Role::UnitOfficer], Some(ward), None)
        .await;
    admin
        .add_user(
            "canboduyenhai",
            &[Role::UnitOfficer],
            Some(other_ward),
            None,
        )
        .await;
    admin
        .add_user("phongnoivu", &[Role::TdktOffice], None, None)
        .await;
    admin
        .add_user("liendoan", &[Role::LabourFederation], None, None)
        .await;
    for (u, p) in [("hd1", None), ("hd2", None), ("hd3", Some(graduate_p))] {
        admin.add_user(u, &[Role::CouncilMember], None, p).await;
    }
    World {
        worker: admin.as_user("congnhan").await,
        other_worker: admin.as_user("congnhan2").await,
        officer: admin.as_user("canbokimtan").await,
        other_officer: admin.as_user("canboduyenhai").await,
        office: admin.as_user("phongnoivu").await,
        ldld: admin.as_user("liendoan").await,
        admin,
        ward,
        worker_p,
        graduate_p,
    }
}

/// An initiative written straight into the store (an earlier year's, or a colleague's).
async fn stored(
    w: &World,
    title: &str,
    solution: &str,
    person: i64,
    year: i32,
    status: Option<Status>,
) -> i64 {
    let store = &w.admin.db.store;
    let v = InitiativeInput {
        title: title.into(),
        unit_id: Some(w.ward),
        field: "chuyen_doi_so".into(),
        year: Some(year),
        solution: solution.into(),
        benefit_vnd: Some(100_000_000),
        authors: vec![AuthorInput {
            person_id: Some(person),
            name: None,
            share: Some(Share::WHOLE),
        }],
        ..Default::default()
    }
    .validate(today())
    .unwrap();
    let id = store
        .create_initiative(&Actor::system("test"), v)
        .await
        .unwrap()
        .id;
    if let Some(s) = status {
        store
            .set_initiative_status(&Actor::system("test"), id, s, "", today())
            .await
            .unwrap();
    }
    id
}

fn form_of<'a>(ward: &'a str, title: &'a str, solution: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("unit_id", ward),
        ("field", "chuyen_doi_so"),
        ("solution", solution),
        ("benefit", "Giảm thời gian chờ của người dân"),
        ("benefit_vnd", "120.000.000"),
        ("applied_since", "01/03/2024"),
    ]
}

async fn count(w: &World) -> usize {
    w.admin
        .db
        .store
        .search_initiatives(
            "",
            &Default::default(),
            |_| true,
            thidua_domain::similar::PageRequest::default(),
        )
        .await
        .unwrap()
        .total
}

#[tokio::test]
async fn the_form_keeps_what_was_typed_and_names_each_problem() {
    let w = world().await;
    let ward = w.ward.to_string();
    let me = w.worker_p.to_string();
    let colleague = w.graduate_p.to_string();

    let r = w.worker.get("/sang-kien/moi").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        r.body.contains("Hoàng Văn Sáng (tôi)"),
        "the worker is the first author"
    );
    assert!(r.body.contains("Kiểm tra trùng lặp"));
    assert!(r.body.contains(r#"hx-post="/sang-kien/trung-lap""#));

    // Shares adding up to 90%: 422, the message on the authors, everything typed still there.
    let mut f = form_of(&ward, "Một cửa điện tử có mã QR", SOLUTION);
    f.extend([
        ("author_person_0", me.as_str()),
        ("author_share_0", "60"),
        ("author_person_1", colleague.as_str()),
        ("author_share_1", "30"),
        ("action", "save"),
    ]);
    let r = w.worker.post_form("/sang-kien/moi", &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("phải bằng 100%"), "{}", r.body);
    assert!(r.body.contains(&e("Một cửa điện tử có mã QR")));
    assert!(r.body.contains(r#"value="120.000.000""#));
    assert!(r.body.contains(r#"name="author_share_1" value="30""#));
    // Not a share, an outside author without a name, a date that does not exist.
    let mut f = form_of(&ward, "Một cửa điện tử có mã QR", SOLUTION);
    f.retain(|(k, _)| *k != "applied_since");
    f.extend([
        ("author_person_0", me.as_str()),
        ("author_share_0", "năm mươi"),
        ("author_name_1", ""),
        ("author_share_1", "50"),
        ("applied_since", "31/02/2024"),
        ("action", "submit"),
    ]);
    let r = w.worker.post_form("/sang-kien/moi", &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r
        .body
        .contains("Tác giả ở dòng 1: tỷ lệ đóng góp phải là số phần trăm"));
    assert!(
        r.body
            .contains("Tác giả thứ 2 không thuộc danh bạ: phải nhập họ tên"),
        "{}",
        r.body
    );
    assert!(r.body.contains("ngày có thật"));
    assert!(r.body.contains(r#"value="năm mươi""#));
    // No title, no solution.
    let r = w
        .worker
        .post_form(
            "/sang-kien/moi",
            &[
                ("title", ""),
                ("unit_id", &ward),
                ("author_person_0", &me),
                ("author_share_0", "100"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Chưa nhập tên sáng kiến"));
    assert!(r.body.contains("Chưa nhập nội dung giải pháp"));
    assert_eq!(count(&w).await, 0, "nothing was written");

    // Saved as a draft with 50/50 (and "33,33"-style decimals are read), then edited, then submitted.
    let mut f = form_of(&ward, "Một cửa điện tử có mã QR", SOLUTION);
    f.extend([
        ("author_person_0", me.as_str()),
        ("author_share_0", "50"),
        ("author_name_1", "Phạm Văn Ngoài"),
        ("author_share_1", "50,00"),
        ("action", "save"),
    ]);
    let r = w.worker.post_form("/sang-kien/moi", &f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = id_in(r.location());
    let page = w.worker.get(r.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Đã lưu."));
    assert!(page.body.contains("Phạm Văn Ngoài"));
    assert!(page.body.contains("120.000.000"));
    assert!(page.body.contains("Nộp sáng kiến"));
    let edit = w.worker.get(&format!("/sang-kien/{id}/sua")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(edit
        .body
        .contains(r#"name="author_name_1" value="Phạm Văn Ngoài""#));
    assert!(edit.body.contains(r#"name="version" value="1""#));
    // A stale version: 409, the form kept.
    let mut f2 = f.clone();
    f2.retain(|(k, _)| *k != "action");
    f2.extend([("version", "0"), ("action", "save")]);
    let r = w
        .worker
        .post_form(&format!("/sang-kien/{id}/sua"), &f2)
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("đã được người khác sửa"));
    let mut f3 = f.clone();
    f3.retain(|(k, _)| *k != "action");
    f3.extend([("version", "1"), ("action", "submit")]);
    let r = w
        .worker
        .post_form(&format!("/sang-kien/{id}/sua"), &f3)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.worker.get(r.location()).await;
    assert!(page.body.contains("Đã nộp sáng kiến."));
    assert!(page.body.contains("Đã nộp"));
    assert!(page.body.contains("Phiên bản 2"));
    // Withdrawn by its author.
    let r = w
        .worker
        .post_form(&format!("/sang-kien/{id}/rut"), &[("note", "Cần bổ sung")])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = w.worker.get(&format!("/sang-kien/{id}")).await;
    assert!(page.body.contains("Đã rút"));
    assert!(page.body.contains("Cần bổ sung"));
}

#[tokio::test]
async fn the_duplicate_check_shows_the_earlier_initiative_with_and_without_javascript() {
    let w = world().await;
    let year = today().year();
    let earlier = stored(
        &w,
        "Phần mềm một cửa có mã QR tra cứu hồ sơ",
        SOLUTION,
        w.graduate_p,
        year - 1,
        Some(Status::Submitted),
    )
    .await;
    stored(
        &w,
        "Trồng rừng gỗ lớn kết hợp nuôi ong lấy mật",
        "Hướng dẫn hộ dân trồng quế xen keo, đặt thùng ong dưới tán rừng để tăng thu nhập.",
        w.graduate_p,
        year - 1,
        Some(Status::Submitted),
    )
    .await;
    let ward = w.ward.to_string();
    let me = w.worker_p.to_string();
    let mut f = form_of(
        &ward,
        "Phan mem mot cua co ma QR de tra cuu ho so",
        NEAR_COPY,
    );
    f.extend([
        ("author_person_0", me.as_str()),
        ("author_share_0", "100"),
        ("action", "check"),
    ]);
    // Without JavaScript: the button re-shows the form with the list, nothing saved. The worker
    // may not open a colleague's unpublished initiative: its title, no passages, no link.
    let r = w.worker.post_form("/sang-kien/moi", &f).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = r.body.split("id=\"similar\"").nth(1).unwrap();
    let first = list.split("<li").nth(1).unwrap();
    assert!(
        first.contains(&e("Phần mềm một cửa có mã QR tra cứu hồ sơ")),
        "{list}"
    );
    assert!(first.contains("%</span>"), "with its score: {first}");
    assert!(!first.contains("<mark>"));
    assert!(!first.contains(&format!("/sang-kien/{earlier}")));
    assert!(
        !list.contains(&e("Trồng rừng gỗ lớn")),
        "an unrelated one is not shown"
    );
    assert!(r
        .body
        .contains(r#"value="Phan mem mot cua co ma QR de tra cuu ho so""#));
    assert_eq!(count(&w).await, 2);
    // The ward's officer may open it: the overlapping passages are highlighted.
    let r = w.officer.post_form("/sang-kien/moi", &f).await;
    let list = r.body.split("id=\"similar\"").nth(1).unwrap();
    let first = list.split("<li").nth(1).unwrap();
    assert!(first.contains(&format!("/sang-kien/{earlier}")), "{first}");
    assert!(first.contains("<mark>"), "{first}");
    // With htmx: the fragment alone, the same list.
    let r = w.officer.post_form("/sang-kien/trung-lap", &f).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("<html"));
    assert!(r
        .body
        .contains(&e("Phần mềm một cửa có mã QR tra cứu hồ sơ")));
    assert!(r.body.contains("<mark>"));
    // An unrelated text: nothing similar.
    let mut f = form_of(
        &ward,
        "Sổ tay điện tử cho giáo viên mầm non",
        "Giáo viên ghi nhận xét hằng ngày về trẻ trên máy tính bảng, phụ huynh xem trong ứng dụng.",
    );
    f.push(("action", "check"));
    let r = w.worker.post_form("/sang-kien/trung-lap", &f).await;
    assert!(!r.body.contains("có thể trùng lặp"), "{}", r.body);
    // Without the CSRF token the fragment is refused.
    let r = w
        .worker
        .send(
            axum::http::Request::post("/sang-kien/trung-lap")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(axum::body::Body::from("title=abc"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Submitted straight away; the office sees the similar initiatives on its page, flagged as a
    // likely re-submission of last year's.
    let mut f = form_of(
        &ward,
        "Phan mem mot cua co ma QR de tra cuu ho so",
        NEAR_COPY,
    );
    f.extend([
        ("author_person_0", me.as_str()),
        ("author_share_0", "100"),
        ("action", "submit"),
    ]);
    let r = w.worker.post_form("/sang-kien/moi", &f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = id_in(r.location());
    let page = w.office.get(&format!("/sang-kien/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Sáng kiến tương tự đã có"));
    assert!(page
        .body
        .contains(&e("Phần mềm một cửa có mã QR tra cứu hồ sơ")));
}

/// A council of hd1, hd2 and hd3 (the union's representative, an author of the initiative) made
/// through the pages, with a round holding `initiative`: (council, round).
async fn council_and_round(w: &World, initiative: i64) -> (i64, i64) {
    let ward = w.ward.to_string();
    let year = today().year().to_string();
    // Bad input first: no member, an unknown account.
    let r = w
        .office
        .post_form(
            "/hoi-dong",
            &[
                ("name", "Hội đồng sáng kiến phường Kim Tân"),
                ("unit_id", &ward),
                ("scope", "co_so"),
                ("year", &year),
                ("threshold_num", "2"),
                ("threshold_den", "3"),
                ("member_username_0", "khongco"),
                ("member_name_0", "Ai đó"),
                ("member_role_0", "chu_tich"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("không có tài khoản “khongco”"));
    assert!(r.body.contains(&e("Hội đồng sáng kiến phường Kim Tân")));
    let r = w
        .office
        .post_form(
            "/hoi-dong",
            &[
                ("name", "Hội đồng sáng kiến phường Kim Tân"),
                ("unit_id", &ward),
                ("scope", "co_so"),
                ("year", &year),
                ("threshold_num", "2"),
                ("threshold_den", "3"),
                ("member_username_0", "hd1"),
                ("member_name_0", "Nguyễn Chủ Tịch"),
                ("member_role_0", "chu_tich"),
                ("member_username_1", "hd2"),
                ("member_name_1", "Trần Ủy Viên"),
                ("member_role_1", "thanh_vien"),
                ("member_username_2", "hd3"),
                ("member_name_2", "Vũ Thị Kiến"),
                ("member_role_2", "cong_doan"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let council = id_in(r.location());
    let page = w.office.get(r.location()).await;
    assert!(page.body.contains("Đại diện tổ chức công đoàn"));
    assert!(
        page.body.contains("Tính mới"),
        "the standard rubric is offered"
    );
    // A rubric whose maximum is not a number: named, typed values kept.
    let it = initiative.to_string();
    let uri = format!("/hoi-dong/{council}/vong");
    let mut f = vec![
        ("name", "Vòng 1"),
        ("crit_code_0", "tinh_moi"),
        ("crit_name_0", "Tính mới"),
        ("crit_weight_0", "40"),
        ("crit_max_0", "mười"),
        ("initiative_ids", it.as_str()),
    ];
    let r = w.office.post_form(&uri, &f).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("điểm tối đa phải là số nguyên"));
    assert!(r.body.contains(r#"value="mười""#));
    f.truncate(1);
    f.extend([
        ("crit_code_0", "tinh_moi"),
        ("crit_name_0", "Tính mới"),
        ("crit_weight_0", "40"),
        ("crit_max_0", "10"),
        ("crit_code_1", "kha_nang_ap_dung"),
        ("crit_name_1", "Khả năng áp dụng"),
        ("crit_weight_1", "30"),
        ("crit_max_1", "10"),
        ("crit_code_2", "hieu_qua"),
        ("crit_name_2", "Hiệu quả"),
        ("crit_weight_2", "30"),
        ("crit_max_2", "10"),
        ("initiative_ids", it.as_str()),
    ]);
    let r = w.office.post_form(&uri, &f).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    (council, id_in(r.location()))
}

async fn score(
    m: &TestApp,
    round: i64,
    it: i64,
    s: [&str; 3],
    agrees: bool,
    comment: &str,
) -> Answer {
    let it = it.to_string();
    let mut f = vec![
        ("initiative_id", it.as_str()),
        ("score_tinh_moi", s[0]),
        ("score_kha_nang_ap_dung", s[1]),
        ("score_hieu_qua", s[2]),
        ("comment", comment),
    ];
    if agrees {
        f.push(("agrees", "1"));
    }
    m.post_form(&format!("/hoi-dong/vong/{round}/cham"), &f)
        .await
}

#[tokio::test]
async fn blind_scoring_through_the_pages_then_the_decision() {
    let w = world().await;
    let year = today().year();
    let id = stored(
        &w,
        "Một cửa điện tử có mã QR",
        SOLUTION,
        w.worker_p,
        year,
        Some(Status::Submitted),
    )
    .await;
    // The graduate (hd3) is a co-author: rewrite the authors through the page as the worker.
    let (me, colleague, ward) = (
        w.worker_p.to_string(),
        w.graduate_p.to_string(),
        w.ward.to_string(),
    );
    let mut f = form_of(&ward, "Một cửa điện tử có mã QR", SOLUTION);
    f.extend([
        ("author_person_0", me.as_str()),
        ("author_share_0", "50"),
        ("author_person_1", colleague.as_str()),
        ("author_share_1", "50"),
        ("action", "save"),
    ]);
    let r = w
        .worker
        .post_form(&format!("/sang-kien/{id}/sua"), &f)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (council, round) = council_and_round(&w, id).await;
    let uri = format!("/hoi-dong/vong/{round}");
    let (m1, m2, m3) = (
        w.admin.as_user("hd1").await,
        w.admin.as_user("hd2").await,
        w.admin.as_user("hd3").await,
    );
    // The member's list of rounds, the scoring form.
    let r = m1.get("/hoi-dong").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains(&format!("/hoi-dong/vong/{round}")));
    let r = m1.get(&uri).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Gửi phiếu chấm"));
    // Out of range: named, typed values kept, nothing recorded.
    let r = score(&m1, round, id, ["11", "7", "x"], true, "ghi chú tạm").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        r.body
            .contains("phải là số nguyên từ 0 đến 10 (đã nhập “x”)"),
        "{}",
        r.body
    );
    assert!(r.body.contains(r#"value="11""#));
    assert!(r.body.contains("ghi chú tạm"));
    let r = score(&m1, round, id, ["11", "7", "7"], true, "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("0 đến 10"), "{}", r.body);
    // The author on the council has no form, and a posted sheet is refused.
    let r = m3.get(&uri).await;
    assert!(r.body.contains("Bạn là tác giả của sáng kiến này"));
    assert!(!r.body.contains("Gửi phiếu chấm"));
    let r = score(&m3, round, id, ["9", "9", "9"], true, "").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("tác giả"));
    // hd1 scores, then tries again: 409.
    let r = score(
        &m1,
        round,
        id,
        ["8", "7", "10"],
        true,
        "Nhận xét riêng của hd1",
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = m1.get(r.location()).await;
    assert!(r.body.contains("Đã ghi phiếu chấm của bạn."), "{}", r.body);
    assert!(r.body.contains("tổng 83,00 điểm"), "{}", r.body);
    assert!(!r.body.contains("Gửi phiếu chấm"));
    let r = score(&m1, round, id, ["1", "1", "1"], false, "").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("mỗi thành viên chấm một lần"));
    // Blind: hd2, the office and hd3 see that one member scored, never how.
    for who in [&m2, &w.office, &m3] {
        let r = who.get(&uri).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("1/3 thành viên đã chấm"), "{}", r.body);
        assert!(!r.body.contains("Nhận xét riêng của hd1"));
        assert!(!r.body.contains("83,00"));
    }
    let r = score(&m2, round, id, ["5", "5", "5"], true, "Nhận xét của hd2").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = m1.get(&uri).await;
    assert!(!r.body.contains("Nhận xét của hd2"));
    assert!(!r.body.contains("50,00"));
    // Neither a worker nor another ward's officer opens the round; members cannot close it.
    assert_eq!(w.worker.get(&uri).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        w.other_officer.get(&uri).await.status,
        StatusCode::NOT_FOUND
    );
    let r = m1.post_form(&format!("{uri}/ket-thuc"), &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A decision before the close is refused.
    let it = id.to_string();
    let r = w
        .office
        .post_form(&format!("{uri}/quyet-dinh"), &[("initiative_id", &it)])
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("chưa kết thúc"));

    // The office closes: everyone sees every sheet; nobody scores any more.
    let r = w.office.post_form(&format!("{uri}/ket-thuc"), &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = m2.get(&uri).await;
    assert!(r.body.contains("Nhận xét riêng của hd1"));
    assert!(r.body.contains("83,00"));
    assert!(r.body.contains("66,50"), "the mean: {}", r.body);
    let r = score(&m3, round, id, ["9", "9", "9"], true, "").await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("đã kết thúc"));
    let r = w.office.post_form(&format!("{uri}/ket-thuc"), &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    // Two of three agree, which reaches 2/3: recognised at the council's scope.
    let r = w
        .office
        .post_form(
            &format!("{uri}/quyet-dinh"),
            &[("initiative_id", &it), ("decided_on", "32/13/2025")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Ngày quyết định phải có dạng"));
    let r = w
        .office
        .post_form(&format!("{uri}/quyet-dinh"), &[("initiative_id", &it)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = w.office.get(&uri).await;
    assert!(
        r.body.contains("công nhận sáng kiến cấp cơ sở"),
        "{}",
        r.body
    );
    let page = w.worker.get(&format!("/sang-kien/{id}")).await;
    assert!(page.body.contains("Được công nhận"));
    assert!(page.body.contains("2/3"));
    let council_page = w.office.get(&format!("/hoi-dong/{council}")).await;
    assert!(council_page.body.contains("đã kết thúc"));
    // Published: the public reads it and finds it in the list.
    let public = w.admin.anonymous();
    assert_eq!(
        public.get(&format!("/sang-kien/{id}")).await.status,
        StatusCode::OK
    );
    let list = public.get("/sang-kien?q=ma+qr").await;
    assert!(list.body.contains(&format!("/sang-kien/{id}")));
    assert!(list.body.contains("<mark>"));

    // Replication: another ward's officer records their ward adopted it; bad input first.
    let r = w
        .other_officer
        .post_form(
            &format!("/sang-kien/{id}/nhan-rong"),
            &[("unit_id", ""), ("adopted_on", "hôm qua"), ("result", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("Chưa chọn đơn vị áp dụng"));
    assert!(r.body.contains(r#"value="hôm qua""#));
    let other_ward = w
        .admin
        .db
        .store
        .unit_by_code("P-DUYEN-HAI")
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    // Not for the officer's own ward of someone else: Kim Tân is not theirs.
    let r = w
        .other_officer
        .post_form(
            &format!("/sang-kien/{id}/nhan-rong"),
            &[
                ("unit_id", &ward),
                ("adopted_on", "01/01/2025"),
                ("result", "Tốt"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = w
        .other_officer
        .post_form(
            &format!("/sang-kien/{id}/nhan-rong"),
            &[
                ("unit_id", &other_ward),
                ("adopted_on", "01/01/2025"),
                ("result", "Giảm một nửa thời gian trả hồ sơ"),
                ("benefit_vnd", "15.000.000"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.worker.get(&format!("/sang-kien/{id}")).await;
    assert!(page.body.contains("Phường Duyên Hải"));
    assert!(page.body.contains("Giảm một nửa thời gian trả hồ sơ"));
    let top = public.get("/sang-kien/nhan-rong").await;
    assert_eq!(top.status, StatusCode::OK);
    assert!(top.body.contains(&format!("/sang-kien/{id}")));

    // The Lao động sáng tạo list follows the thresholds: 120 million reaches the worker's 80
    // (and, each co-author counting the whole, not the graduate's 150), by share 60 does not.
    let uri = format!("/sang-kien/lao-dong-sang-tao?year={year}");
    let r = w.ldld.get(&uri).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Hoàng Văn Sáng"), "{}", r.body);
    assert!(!r.body.contains("Vũ Thị Kiến"));
    let r = w.ldld.get(&format!("{uri}&graduate_vnd=100.000.000")).await;
    assert!(r.body.contains("Vũ Thị Kiến"));
    let r = w.ldld.get(&format!("{uri}&split=by_share")).await;
    assert!(!r.body.contains("Hoàng Văn Sáng"));
    assert!(r.body.contains("chưa có ai đạt ngưỡng"));
    assert_eq!(w.worker.get(&uri).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        w.ldld.get(&format!("{uri}&split=x")).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn each_viewer_sees_only_what_they_may() {
    let w = world().await;
    let year = today().year();
    let draft = stored(
        &w,
        "Bản nháp của đồng nghiệp",
        SOLUTION,
        w.graduate_p,
        year,
        None,
    )
    .await;
    let own = stored(
        &w,
        "Sáng kiến riêng của tôi",
        SOLUTION,
        w.worker_p,
        year,
        None,
    )
    .await;
    let public = w.admin.anonymous();
    // The public: the list shows nothing unpublished; an unpublished page asks to log in.
    let r = public.get("/sang-kien").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(!r.body.contains("Bản nháp của đồng nghiệp"));
    assert!(!r.body.contains("Sáng kiến mới"));
    let r = public.get(&format!("/sang-kien/{draft}")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        public.get("/sang-kien/moi").await.status,
        StatusCode::SEE_OTHER
    );
    // The author sees their own only; a colleague's draft does not exist for them.
    let r = w.worker.get("/sang-kien").await;
    assert!(r.body.contains("Sáng kiến riêng của tôi"));
    assert!(!r.body.contains("Bản nháp của đồng nghiệp"));
    assert_eq!(
        w.worker.get(&format!("/sang-kien/{draft}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.worker.get(&format!("/sang-kien/{own}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        w.other_worker
            .get(&format!("/sang-kien/{own}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        w.worker
            .get(&format!("/sang-kien/{draft}/sua"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // The author attaches evidence on the page; a file of a type not allowed is named and nothing
    // is kept; those who may not read the initiative may not download its files either.
    let r = w
        .worker
        .post_multipart(
            &format!("/sang-kien/{own}/tep"),
            &[],
            &[("tep", "chay.exe", b"MZ\x90\x00 not a document")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("aria-invalid=\"true\""));
    let r = w
        .worker
        .post_multipart(
            &format!("/sang-kien/{own}/tep"),
            &[],
            &[("tep", "Bản vẽ.pdf", b"%PDF-1.7 ban ve")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = w.worker.get(&format!("/sang-kien/{own}")).await;
    assert!(page.body.contains("Đã tải tệp lên.") || page.body.contains("Bản vẽ.pdf"));
    let file = w
        .admin
        .db
        .store
        .attachments("initiative", own)
        .await
        .unwrap();
    assert_eq!(file.len(), 1, "only the PDF was kept");
    let url = format!("/tep/{}", file[0].id);
    assert!(page.body.contains(&url));
    assert_eq!(w.worker.get(&url).await.status, StatusCode::OK);
    assert_eq!(w.other_worker.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        w.other_worker
            .post_multipart(
                &format!("/sang-kien/{own}/tep"),
                &[],
                &[("tep", "x.pdf", b"%PDF-1.7 x")],
            )
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    // The ward's officer sees both and may edit them; another ward's officer sees neither.
    let r = w.officer.get("/sang-kien").await;
    assert!(r.body.contains("Sáng kiến riêng của tôi"));
    assert!(r.body.contains("Bản nháp của đồng nghiệp"));
    assert_eq!(
        w.officer
            .get(&format!("/sang-kien/{draft}/sua"))
            .await
            .status,
        StatusCode::OK
    );
    let r = w.other_officer.get("/sang-kien").await;
    assert!(!r.body.contains("Bản nháp của đồng nghiệp"));
    assert_eq!(
        w.other_officer
            .get(&format!("/sang-kien/{draft}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // A council member sees nothing that is not before their council.
    let hd1 = w.admin.as_user("hd1").await;
    assert_eq!(
        hd1.get(&format!("/sang-kien/{own}")).await.status,
        StatusCode::NOT_FOUND
    );
    // The menu offers what each may open.
    let r = w.worker.get("/").await;
    assert!(r.body.contains(r#"href="/sang-kien""#));
    assert!(!r.body.contains(r#"href="/hoi-dong""#));
    let r = hd1.get("/").await;
    assert!(r.body.contains(r#"href="/hoi-dong""#));
    assert_eq!(
        w.worker.get("/hoi-dong").await.status,
        StatusCode::FORBIDDEN
    );
    // A filter that is not a code is a clear 400.
    assert_eq!(
        w.worker.get("/sang-kien?trang_thai=x").await.status,
        StatusCode::BAD_REQUEST
    );
}
