//! Initiatives in the store, on each engine: versions and stale edits, statuses, councils with blind
//! scoring and its refusals, the ≥ 2/3 recognition, what recognition feeds (a person's record, the
//! Bằng Lao động sáng tạo list), the similarity check and search kept current across two handles
//! on one database (two server processes), and the archive round trip.

use chrono::NaiveDate;
use std::collections::BTreeMap;
use thidua_domain::access::Role;
use thidua_domain::directory::{PersonInput, UnitInput};
use thidua_domain::initiative::{
    AuthorInput, CreativeLabourRule, InitiativeInput, RecognitionRule, Rubric, Scope, Share, Status,
};
use thidua_domain::similar::{Filter, PageRequest, Probe};
use thidua_store::accounts::NewUser;
use thidua_store::initiatives::{NewCouncil, NewMember, NewReplication, SheetInput};
use thidua_store::testing::TestDb;
use thidua_store::{Actor, Store, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    d(2025, 6, 1)
}

fn actor() -> Actor {
    Actor::system("test")
}

struct World {
    db: TestDb,
    ward: i64,
    other_ward: i64,
    people: Vec<i64>,
}

async fn world() -> World {
    let db = TestDb::new().await;
    let unit = |code: &str, name: &str, parent: Option<i64>| UnitInput {
        code: code.into(),
        name: name.into(),
        kind: "ward_commune".into(),
        parent_id: parent,
    };
    let city = db
        .store
        .create_unit(
            &actor(),
            unit("TP", "UBND thành phố Lào Cai", None)
                .validate()
                .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let ward = db
        .store
        .create_unit(
            &actor(),
            unit("P1", "Phường Cốc Lếu", Some(city)).validate().unwrap(),
        )
        .await
        .unwrap()
        .id;
    let other_ward = db
        .store
        .create_unit(
            &actor(),
            unit("P2", "Phường Bắc Lệnh", Some(city))
                .validate()
                .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let mut people = Vec::new();
    for (name, level, union) in [
        ("Nguyễn Văn Đức", "worker", true),
        ("Lê Thị Bình", "graduate", true),
        ("Trần Văn An", "manager", true),
        ("Phạm Thị Dung", "worker", false),
    ] {
        let p = PersonInput {
            full_name: name.into(),
            unit_id: ward,
            category: "nguoi_lao_dong".into(),
            staff_level: Some(level.into()),
            union_member: union,
            ..Default::default()
        };
        people.push(
            db.store
                .create_person(&actor(), p.validate(today()).unwrap(), today())
                .await
                .unwrap()
                .id,
        );
    }
    World {
        db,
        ward,
        other_ward,
        people,
    }
}

fn input(w: &World, title: &str, solution: &str, authors: &[(i64, u32)]) -> InitiativeInput {
    InitiativeInput {
        title: title.into(),
        unit_id: Some(w.ward),
        field: "chuyen_doi_so".into(),
        year: Some(2025),
        before: "Trước đây hồ sơ được lưu bằng giấy, tra cứu mất nhiều thời gian.".into(),
        solution: solution.into(),
        novelty: "Lần đầu áp dụng tại đơn vị.".into(),
        benefit: "Tiết kiệm thời gian và chi phí in ấn.".into(),
        benefit_vnd: Some(100_000_000),
        authors: authors
            .iter()
            .map(|(p, s)| AuthorInput {
                person_id: Some(*p),
                name: None,
                share: Some(Share(*s)),
            })
            .collect(),
        ..Default::default()
    }
}

async fn user(store: &Store, name: &str, person: Option<i64>) -> i64 {
    store
        .create_user(
            &actor(),
            NewUser {
                username: name.into(),
                display_name: name.into(),
                password: "mat-khau-thu-2024".into(),
                roles: vec![Role::CouncilMember],
                unit_id: None,
                person_id: person,
            },
        )
        .await
        .unwrap()
        .user
        .id
}

fn sheet(a: u32, b: u32, c: u32, agrees: bool) -> SheetInput {
    SheetInput {
        scores: [("tinh_moi", a), ("kha_nang_ap_dung", b), ("hieu_qua", c)]
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>(),
        agrees,
        comment: String::new(),
    }
}

#[tokio::test]
async fn versions_are_kept_and_a_stale_edit_is_refused() {
    let w = world().await;
    let s = &w.db.store;
    let v1 = input(
        &w,
        "Số hóa hồ sơ",
        "Quét hồ sơ giấy vào phần mềm.",
        &[(w.people[0], 10_000)],
    )
    .validate(today())
    .unwrap();
    let created = s.create_initiative(&actor(), v1).await.unwrap();
    assert_eq!(created.status, "draft");
    let v2 = input(
        &w,
        "Số hóa hồ sơ hành chính",
        "Quét và đặt tên hồ sơ theo mã.",
        &[(w.people[0], 6_000), (w.people[1], 4_000)],
    )
    .validate(today())
    .unwrap();
    let after = s
        .update_initiative(&actor(), created.id, v2.clone(), Some(1))
        .await
        .unwrap();
    assert_eq!(after.version, 2);
    // The version read was 1: a second edit from it is stale, and changes nothing.
    let e = s
        .update_initiative(&actor(), created.id, v2, Some(1))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    let detail = s.initiative(created.id).await.unwrap().unwrap();
    assert_eq!(detail.versions.len(), 2);
    assert_eq!(detail.authors.len(), 2);
    assert_eq!(detail.authors[1].share_text, "40%");
    let first = s.initiative_version(created.id, 1).await.unwrap().unwrap();
    assert!(first.contains("Quét hồ sơ giấy"), "{first}");
    // An author who is not in the directory is named by the row.
    let mut bad = input(&w, "X", "Y", &[(999_999, 10_000)]);
    bad.title = "Sáng kiến khác".into();
    let e = s
        .create_initiative(&actor(), bad.validate(today()).unwrap())
        .await
        .unwrap_err();
    match e {
        StoreError::Invalid(inv) => assert!(inv.fields.contains_key("authors[0].person_id")),
        other => panic!("{other:?}"),
    }
    // Submitting, a move that is not allowed, and the history.
    s.set_initiative_status(&actor(), created.id, Status::Submitted, "", today())
        .await
        .unwrap();
    let e = s
        .set_initiative_status(&actor(), created.id, Status::Submitted, "", today())
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }));
    let detail = s.initiative(created.id).await.unwrap().unwrap();
    assert_eq!(detail.initiative.submitted_on, Some(today()));
    let moves: Vec<&str> = detail
        .history
        .iter()
        .map(|h| h.to_status.as_str())
        .collect();
    assert_eq!(moves, ["draft", "submitted"]);
    // Audit entries for each change.
    let audit = s
        .audit_list(&thidua_store::audit::AuditQuery {
            entity: Some("initiative".into()),
            entity_id: Some(created.id),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(audit.total, 3, "create, update, submit");
}

/// A council of three accounts, one of them an author of the initiative, and a submitted
/// initiative before its open round.
async fn council_world() -> (World, i64, Vec<i64>, i64, i64) {
    let w = world().await;
    let s = &w.db.store;
    let ini = s
        .create_initiative(
            &actor(),
            input(
                &w,
                "Phần mềm quản lý hồ sơ",
                "Dùng phần mềm để quản lý.",
                &[(w.people[0], 5_000), (w.people[1], 5_000)],
            )
            .validate(today())
            .unwrap(),
        )
        .await
        .unwrap()
        .id;
    s.set_initiative_status(&actor(), ini, Status::Submitted, "", today())
        .await
        .unwrap();
    let u1 = user(s, "hd1", None).await;
    let u2 = user(s, "hd2", None).await;
    let u3 = user(s, "hd3", Some(w.people[1])).await;
    let member = |u: i64, name: &str, role: &str| NewMember {
        user_id: Some(u),
        username: None,
        person_id: None,
        name: name.into(),
        role: role.into(),
    };
    let mut third = member(u3, "Lê Thị Bình", "cong_doan");
    third.person_id = Some(w.people[1]);
    let council = s
        .create_council(
            &actor(),
            NewCouncil {
                name: "Hội đồng sáng kiến thành phố năm 2025".into(),
                unit_id: w.ward,
                scope: Scope::Huyen,
                year: 2025,
                rule: RecognitionRule::default(),
                members: vec![
                    member(u1, "Chủ tịch", "chu_tich"),
                    member(u2, "Ủy viên", "thanh_vien"),
                    third,
                ],
            },
        )
        .await
        .unwrap()
        .council
        .id;
    let round = s
        .open_round(&actor(), council, "Vòng 1", &Rubric::standard(), &[ini])
        .await
        .unwrap()
        .id;
    (w, ini, vec![u1, u2, u3], council, round)
}

#[tokio::test]
async fn scoring_is_blind_and_refuses_bad_sheets() {
    let (w, ini, users, _council, round) = council_world().await;
    let s = &w.db.store;
    let detail = s.initiative(ini).await.unwrap().unwrap();
    assert_eq!(detail.initiative.status, "under_review");
    // Out of range: 422, named by criterion; nothing written.
    let e = s
        .submit_score(&actor(), round, ini, users[0], sheet(11, 5, 5, true))
        .await
        .unwrap_err();
    match e {
        StoreError::Invalid(inv) => assert!(inv.fields["scores.tinh_moi"].contains("từ 0 đến 10")),
        other => panic!("{other:?}"),
    }
    // The author on the council may not score their own.
    let e = s
        .submit_score(&actor(), round, ini, users[2], sheet(9, 9, 9, true))
        .await
        .unwrap_err();
    match e {
        StoreError::Invalid(inv) => assert!(inv.fields["member_id"].contains("tác giả")),
        other => panic!("{other:?}"),
    }
    s.submit_score(&actor(), round, ini, users[0], sheet(8, 7, 10, true))
        .await
        .unwrap();
    // A second sheet by the same member: 409.
    let e = s
        .submit_score(&actor(), round, ini, users[0], sheet(1, 1, 1, false))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    s.submit_score(&actor(), round, ini, users[1], sheet(5, 5, 5, true))
        .await
        .unwrap();
    // Blind: each member sees their own sheet only, and nobody sees the totals.
    for (u, own_total) in [(users[0], 83.0), (users[1], 50.0)] {
        let v = s.round_view(round, Some(u)).await.unwrap().unwrap();
        let item = &v.items[0];
        assert!(item.sheets.is_empty());
        assert_eq!(item.mean, None);
        assert_eq!(item.scored, 2);
        assert!((item.mine.as_ref().unwrap().total - own_total).abs() < 1e-9);
    }
    let v = s.round_view(round, Some(users[2])).await.unwrap().unwrap();
    assert!(v.items[0].own_initiative);
    assert!(v.items[0].mine.is_none() && v.items[0].sheets.is_empty());
    // Deciding before the round closes is refused.
    assert!(matches!(
        s.decide_recognition(&actor(), round, ini, None, today())
            .await,
        Err(StoreError::Conflict { .. })
    ));
    s.close_round(&actor(), round).await.unwrap();
    let e = s
        .submit_score(&actor(), round, ini, users[1], sheet(5, 5, 5, true))
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Conflict { .. }),
        "after the close: {e:?}"
    );
    let v = s.round_view(round, Some(users[2])).await.unwrap().unwrap();
    assert_eq!(v.items[0].sheets.len(), 2);
    assert!((v.items[0].mean.unwrap() - 66.5).abs() < 1e-9);
    // Two of three members agree: 2/3 recognises, at the council's scope.
    let rec = s
        .decide_recognition(&actor(), round, ini, None, today())
        .await
        .unwrap();
    assert!(rec.recognised);
    assert_eq!((rec.members, rec.agreeing), (3, 2));
    let detail = s.initiative(ini).await.unwrap().unwrap();
    assert_eq!(detail.initiative.status, "recognised");
    assert_eq!(detail.initiative.scope.as_deref(), Some("huyen"));
    assert_eq!(
        s.recognised_initiatives_of(w.people[0]).await.unwrap(),
        [(2025, Scope::Huyen)]
    );
    assert!(s
        .recognised_initiatives_of(w.people[2])
        .await
        .unwrap()
        .is_empty());
    // Replications: one per unit.
    let rep = NewReplication {
        unit_id: w.other_ward,
        adopted_on: d(2025, 5, 1),
        result: "Giảm một nửa thời gian tra cứu".into(),
        benefit_vnd: Some(20_000_000),
    };
    s.record_replication(&actor(), ini, rep.clone(), today())
        .await
        .unwrap();
    assert!(matches!(
        s.record_replication(&actor(), ini, rep, today()).await,
        Err(StoreError::Conflict { .. })
    ));
    let top = s.most_replicated(10, |_| true).await.unwrap();
    assert_eq!((top[0].initiative_id, top[0].replications), (ini, 1));
}

#[tokio::test]
async fn one_agreeing_member_of_three_does_not_recognise() {
    let (w, ini, users, _council, round) = council_world().await;
    let s = &w.db.store;
    s.submit_score(&actor(), round, ini, users[0], sheet(8, 7, 10, true))
        .await
        .unwrap();
    s.submit_score(&actor(), round, ini, users[1], sheet(3, 3, 3, false))
        .await
        .unwrap();
    s.close_round(&actor(), round).await.unwrap();
    let rec = s
        .decide_recognition(&actor(), round, ini, None, today())
        .await
        .unwrap();
    assert!(!rec.recognised);
    assert_eq!(
        s.initiative(ini).await.unwrap().unwrap().initiative.status,
        "not_recognised"
    );
    assert!(s
        .recognised_initiatives_of(w.people[0])
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn the_creative_labour_list_follows_the_thresholds() {
    let (w, ini, users, _council, round) = council_world().await;
    let s = &w.db.store;
    for u in &users[..2] {
        s.submit_score(&actor(), round, ini, *u, sheet(8, 8, 8, true))
            .await
            .unwrap();
    }
    s.close_round(&actor(), round).await.unwrap();
    s.decide_recognition(&actor(), round, ini, None, today())
        .await
        .unwrap();
    // 100 million đồng, two authors at 50%: the worker (80 million) qualifies, the graduate (150)
    // does not; by share each counts 50 million and nobody does.
    let rows = s
        .creative_labour(2025, &CreativeLabourRule::default())
        .await
        .unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(names, ["Nguyễn Văn Đức"]);
    assert_eq!(rows[0].counted_vnd, 100_000_000);
    assert_eq!(rows[0].threshold_vnd, 80_000_000);
    let by_share = CreativeLabourRule {
        split: thidua_domain::initiative::BenefitSplit::ByShare,
        ..Default::default()
    };
    assert!(s.creative_labour(2025, &by_share).await.unwrap().is_empty());
    let low = CreativeLabourRule {
        graduate_vnd: 90_000_000,
        ..Default::default()
    };
    assert_eq!(s.creative_labour(2025, &low).await.unwrap().len(), 2);
    assert!(s
        .creative_labour(2024, &CreativeLabourRule::default())
        .await
        .unwrap()
        .is_empty());
}

const ORIGINAL: [&str; 3] = [
    "Xây dựng phần mềm quản lý hồ sơ một cửa tại Phường Cốc Lếu, liên thông với cổng dịch vụ công của tỉnh Lào Cai.",
    "Mỗi hồ sơ được gắn mã QR khi tiếp nhận, người dân tra cứu tiến độ giải quyết bằng điện thoại mà không cần đến bộ phận một cửa.",
    "Cán bộ tiếp nhận quét hồ sơ giấy thành tệp PDF có chữ ký số và lưu trữ theo mã thủ tục hành chính.",
];

fn strip(s: &str) -> String {
    thidua_domain::text::fold(s)
}

#[tokio::test]
async fn a_near_copy_is_flagged_at_the_top_and_the_index_follows_other_handles() {
    let w = world().await;
    let s = &w.db.store;
    // Some background so that common words weigh little.
    let plan = thidua_sample::plan(thidua_sample::Scale::City, 1);
    for si in thidua_sample::initiatives_n(&plan, 30) {
        let mut i = input(&w, &si.title, &si.solution, &[(w.people[3], 10_000)]);
        i.before = si.before.clone();
        i.novelty = si.novelty.clone();
        i.benefit = si.benefit.clone();
        i.year = Some(si.year);
        s.create_initiative(&actor(), i.validate(today()).unwrap())
            .await
            .unwrap();
    }
    let mut orig = input(
        &w,
        "Một cửa điện tử có mã QR",
        &ORIGINAL.join("\n"),
        &[(w.people[0], 10_000)],
    );
    orig.year = Some(2023);
    let original = s
        .create_initiative(&actor(), orig.validate(today()).unwrap())
        .await
        .unwrap()
        .id;
    // A second process on the same database, whose index is built before the copy arrives.
    let other = w.db.reopen().await;
    assert_eq!(other.warm_initiative_index().await.unwrap(), 31);
    // Reworded, diacritics stripped, paragraphs reordered.
    let copy_text = format!(
        "{}\n{}\n{}",
        strip(ORIGINAL[2]),
        strip(ORIGINAL[0]).replace("xay dung", "thiet lap"),
        strip(ORIGINAL[1])
    );
    let found = other
        .similar_initiatives(
            &Probe {
                title: "Mot cua dien tu co ma QR",
                sections: vec![&copy_text],
                year: Some(2025),
                ..Default::default()
            },
            5,
            |_| true,
        )
        .await
        .unwrap();
    assert_eq!(found[0].m.id, original);
    assert!(
        found[0].m.likely && found[0].m.resubmission,
        "{:?}",
        found[0].m
    );
    assert!(!found[0].m.passages.is_empty());
    assert_eq!(found[0].title, "Một cửa điện tử có mã QR");
    // An unrelated text is not flagged.
    let unrelated = other
        .similar_initiatives(
            &Probe {
                title: "Trồng rừng phòng hộ đầu nguồn",
                sections: vec!["Vận động nhân dân trồng cây quế và keo trên đất đồi trọc, chăm sóc rừng non bằng phân vi sinh."],
                ..Default::default()
            },
            5,
            |_| true,
        )
        .await
        .unwrap();
    assert!(unrelated.iter().all(|m| !m.m.likely), "{unrelated:?}");
    // A write through the first handle is seen by the second's search, diacritics ignored.
    let new = s
        .create_initiative(
            &actor(),
            input(
                &w,
                "Ứng dụng Zalo OA tiếp nhận phản ánh",
                "Người dân gửi phản ánh qua Zalo.",
                &[(w.people[1], 10_000)],
            )
            .validate(today())
            .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let hits = other
        .search_initiatives(
            "zalo phan anh",
            &Filter::default(),
            |_| true,
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert!(hits.total >= 1);
    assert_eq!(hits.hits[0].hit.id, new, "the title match ranks first");
    assert!(hits.hits[0]
        .hit
        .title
        .iter()
        .any(|seg| seg.highlighted && seg.text == "Zalo"));
    // Filters, and a status change seen by the other handle.
    let f = Filter {
        status: Some(Status::Submitted),
        ..Default::default()
    };
    assert_eq!(
        other
            .search_initiatives("zalo", &f, |_| true, PageRequest::default())
            .await
            .unwrap()
            .total,
        0
    );
    s.set_initiative_status(&actor(), new, Status::Submitted, "", today())
        .await
        .unwrap();
    assert_eq!(
        other
            .search_initiatives("zalo", &f, |_| true, PageRequest::default())
            .await
            .unwrap()
            .total,
        1
    );
    // A deleted draft disappears from the other handle's index.
    s.delete_initiative(&actor(), original).await.unwrap();
    assert!(other.initiative(original).await.unwrap().is_none());
    let found = other
        .similar_initiatives(
            &Probe {
                title: "Mot cua dien tu co ma QR",
                sections: vec![&copy_text],
                ..Default::default()
            },
            5,
            |_| true,
        )
        .await
        .unwrap();
    assert!(found.iter().all(|m| m.m.id != original));
    other.close().await.unwrap();
}

#[tokio::test]
async fn initiatives_travel_with_an_export() {
    let (w, ini, users, _council, round) = council_world().await;
    let s = &w.db.store;
    s.submit_score(&actor(), round, ini, users[0], sheet(8, 7, 10, true))
        .await
        .unwrap();
    let mut archive = Vec::new();
    let out = s.export(&mut archive, false).await.unwrap();
    let count = |t: &str| out.tables.iter().find(|(n, _)| n == t).map(|(_, n)| *n);
    assert_eq!(count("initiatives"), Some(1));
    assert_eq!(count("scores"), Some(1));
    let copy = TestDb::new().await;
    copy.store.import(archive.as_slice()).await.unwrap();
    let detail = copy.store.initiative(ini).await.unwrap().unwrap();
    assert_eq!(detail.authors.len(), 2);
    assert_eq!(detail.rounds.len(), 1);
    let hits = copy
        .store
        .search_initiatives(
            "phan mem",
            &Filter::default(),
            |_| true,
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(hits.total, 1);
    // New rows after the import get fresh ids on PostgreSQL too.
    let again = copy
        .store
        .create_initiative(
            &actor(),
            input(
                &w,
                "Sáng kiến sau khi nhập",
                "Giải pháp.",
                &[(w.people[0], 10_000)],
            )
            .validate(today())
            .unwrap(),
        )
        .await
        .unwrap();
    assert!(again.id > ini);
}

#[tokio::test]
async fn the_sample_initiatives_load_with_a_demo_council_and_their_copies_are_found() {
    let db = TestDb::new().await;
    let s = &db.store;
    // The sample loads its initiatives.
    let r = s
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .unwrap()
        .initiatives;
    assert_eq!(r.initiatives, 400);
    assert!(r.recognitions > 100 && r.replications > 0, "{r:?}");
    // Loading again does nothing.
    let again =
        thidua_store::sample_initiatives::load_sample_initiatives(s, thidua_sample::Scale::City, 1)
            .await
            .unwrap();
    assert_eq!(again.initiatives, 0);
    // The demo accounts, made afterwards, are the demo council's members.
    s.create_demo_accounts().await.unwrap();
    let hd1 = s.user_by_name("hoidong1").await.unwrap().unwrap().user.id;
    let rounds = s.rounds_of_member(hd1).await.unwrap();
    assert_eq!(rounds.len(), 1);
    let view = s
        .round_view(rounds[0].0.id, Some(hd1))
        .await
        .unwrap()
        .unwrap();
    assert!(view.member.is_some());
    assert!(!view.items.is_empty());
    assert!(view.items.iter().all(|i| i.status == "under_review"));
    // Every planted copy finds its original among the first three.
    let plan = thidua_sample::plan(thidua_sample::Scale::City, 1);
    let list = thidua_sample::initiatives(&plan);
    let mut copies = 0;
    for si in list.iter().filter(|i| i.copy_of.is_some()) {
        let id = si.number as i64 + 1;
        let found = s.similar_to_initiative(id, 3, |_| true).await.unwrap();
        let original = si.copy_of.unwrap() as i64 + 1;
        assert!(
            found.iter().any(|m| m.m.id == original && m.m.likely),
            "copy {id} of {original}: {:?}",
            found
                .iter()
                .map(|m| (m.m.id, m.m.score))
                .collect::<Vec<_>>()
        );
        copies += 1;
    }
    assert!(copies >= 5);
    // People's recognised initiatives come through for the rules engine.
    let recognised = list
        .iter()
        .find(|i| i.status == Status::Recognised && i.authors[0].person.is_some())
        .unwrap();
    let person = recognised.authors[0].person.unwrap() as i64 + 1;
    let got = s.recognised_initiatives_of(person).await.unwrap();
    assert!(
        got.contains(&(recognised.year, recognised.scope.unwrap())),
        "{got:?}"
    );
}
