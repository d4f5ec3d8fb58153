//! The directory's storage scenario. Runs on the engine `THIDUA_TEST_DATABASE_URL` names (SQLite when unset).

use chrono::NaiveDate;
use thidua_domain::directory::{PersonCategory, PersonInput, UnitInput};
use thidua_store::directory::{PeopleQuery, PeopleSort, UnitQuery};
use thidua_store::testing::TestDb;
use thidua_store::{Actor, StoreError};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn actor() -> Actor {
    Actor::system("test")
}

async fn unit(db: &TestDb, code: &str, name: &str, kind: &str, parent: Option<i64>) -> i64 {
    let input = UnitInput {
        code: code.into(),
        name: name.into(),
        kind: kind.into(),
        parent_id: parent,
    };
    db.store
        .create_unit(&actor(), input.validate().unwrap())
        .await
        .unwrap()
        .id
}

async fn person(db: &TestDb, name: &str, unit_id: i64, category: &str) -> i64 {
    let input = PersonInput {
        full_name: name.into(),
        unit_id,
        category: category.into(),
        ..Default::default()
    };
    db.store
        .create_person(&actor(), input.validate(today()).unwrap(), today())
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn search_ignores_diacritics_and_sorts_the_vietnamese_way() {
    let db = TestDb::new().await;
    let root = unit(
        &db,
        "UBND-TP",
        "UBND thành phố Lào Cai",
        "peoples_committee",
        None,
    )
    .await;
    let ward = unit(
        &db,
        "P-KIM-TAN",
        "Phường Kim Tân",
        "ward_commune",
        Some(root),
    )
    .await;
    let duc = person(&db, "Nguyễn Văn Đức", ward, "cong_chuc").await;
    person(&db, "Lê Thị Bình", ward, "can_bo").await;
    person(&db, "Trần Văn An", ward, "cong_chuc").await;
    // NFD input is stored as NFC.
    let nfd = person(
        &db,
        "Pha\u{0323}m Thi\u{0323} A\u{0301}nh",
        root,
        "vien_chuc",
    )
    .await;

    let found = db
        .store
        .people_search(&PeopleQuery {
            q: Some("nguyen van duc".into()),
            page: 1,
            per_page: 20,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    assert_eq!(found.items[0].id, duc);
    assert_eq!(found.items[0].unit_name, "Phường Kim Tân");

    let prefix = db
        .store
        .people_search(&PeopleQuery {
            q: Some("ĐỨ".into()),
            page: 1,
            per_page: 20,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        prefix.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![duc]
    );

    let p = db.store.person(nfd).await.unwrap().unwrap();
    assert_eq!(p.full_name, "Phạm Thị Ánh");

    // Given names decide: An < Ánh < Bình < Đức.
    let all = db
        .store
        .people_search(&PeopleQuery {
            page: 1,
            per_page: 20,
            ..Default::default()
        })
        .await
        .unwrap();
    let names: Vec<_> = all.items.iter().map(|p| p.full_name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Trần Văn An",
            "Phạm Thị Ánh",
            "Lê Thị Bình",
            "Nguyễn Văn Đức"
        ]
    );
    let desc = db
        .store
        .people_search(&PeopleQuery {
            sort: PeopleSort::NameDesc,
            page: 1,
            per_page: 20,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(desc.items[0].full_name, "Nguyễn Văn Đức");

    let in_ward = db
        .store
        .people_search(&PeopleQuery {
            unit_id: Some(ward),
            category: Some(PersonCategory::CivilServant),
            page: 1,
            per_page: 20,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(in_ward.total, 2);

    let paged = db
        .store
        .people_search(&PeopleQuery {
            page: 2,
            per_page: 3,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!((paged.total, paged.items.len()), (4, 1));

    let units = db
        .store
        .units_list(&UnitQuery {
            q: Some("kim tan".into()),
            page: 1,
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(units.total, 1);
}

#[tokio::test]
async fn duplicate_unit_code_is_a_conflict_and_changes_nothing() {
    let db = TestDb::new().await;
    unit(&db, "PNV", "Phòng Nội vụ", "specialised_office", None).await;
    let again = UnitInput {
        code: "PNV".into(),
        name: "Phòng khác".into(),
        kind: "other".into(),
        parent_id: None,
    };
    let err = db
        .store
        .create_unit(&actor(), again.validate().unwrap())
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Conflict { field: Some(ref f), .. } if f == "code"),
        "{err:?}"
    );
    assert_eq!(db.store.units_all().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_unit_cannot_become_its_own_ancestor() {
    let db = TestDb::new().await;
    let a = unit(&db, "A", "Đơn vị A", "other", None).await;
    let b = unit(&db, "B", "Đơn vị B", "other", Some(a)).await;
    let cyclic = UnitInput {
        code: "A".into(),
        name: "Đơn vị A".into(),
        kind: "other".into(),
        parent_id: Some(b),
    };
    let err = db
        .store
        .update_unit(&actor(), a, cyclic.validate().unwrap(), None, today())
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ref e) if e.fields.contains_key("parent_id")),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_nothing_is_overwritten() {
    let db = TestDb::new().await;
    let ward = unit(&db, "W", "Phường Cốc Lếu", "ward_commune", None).await;
    let id = person(&db, "Hoàng Thị Lan", ward, "cong_chuc").await;
    let first = PersonInput {
        full_name: "Hoàng Thị Lan Anh".into(),
        unit_id: ward,
        category: "cong_chuc".into(),
        ..Default::default()
    };
    let updated = db
        .store
        .update_person(
            &actor(),
            id,
            first.validate(today()).unwrap(),
            Some(1),
            today(),
        )
        .await
        .unwrap();
    assert_eq!(updated.version, 2);
    let second = PersonInput {
        full_name: "Hoàng Lan".into(),
        unit_id: ward,
        category: "cong_chuc".into(),
        ..Default::default()
    };
    let err = db
        .store
        .update_person(
            &actor(),
            id,
            second.validate(today()).unwrap(),
            Some(1),
            today(),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }));
    assert_eq!(
        db.store.person(id).await.unwrap().unwrap().full_name,
        "Hoàng Thị Lan Anh"
    );
    // The renamed person is found by the new name only.
    let found = db
        .store
        .people_search(&PeopleQuery {
            q: Some("lan anh".into()),
            page: 1,
            per_page: 5,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 1);
    let audit = db
        .store
        .audit_list(&thidua_store::audit::AuditQuery {
            entity: Some("person".into()),
            entity_id: Some(id),
            page: 1,
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        audit.total, 2,
        "create and one update, not the refused edit"
    );
}

#[tokio::test]
async fn a_merge_passes_people_to_the_successor_and_keeps_history_under_the_old_name() {
    let db = TestDb::new().await;
    let city = unit(&db, "TP", "UBND thành phố", "peoples_committee", None).await;
    let old = unit(&db, "P-DH", "Phường Duyên Hải", "ward_commune", Some(city)).await;
    let successor = unit(&db, "P-CL", "Phường Cốc Lếu", "ward_commune", Some(city)).await;
    let hired = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let input = PersonInput {
        full_name: "Vàng A Páo".into(),
        unit_id: old,
        category: "cong_chuc".into(),
        ..Default::default()
    };
    let p = db
        .store
        .create_person(&actor(), input.validate(today()).unwrap(), hired)
        .await
        .unwrap()
        .id;
    let on = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    db.store
        .merge_unit(&actor(), old, successor, on, "Sắp xếp đơn vị hành chính")
        .await
        .unwrap();

    let moved = db.store.person_detail(p).await.unwrap().unwrap();
    assert_eq!(moved.person.unit_id, successor);
    assert_eq!(moved.moves.len(), 2);
    assert_eq!(moved.moves[0].unit_name, "Phường Duyên Hải");
    assert_eq!(moved.moves[0].to_date, NaiveDate::from_ymd_opt(2025, 6, 30));
    assert_eq!(moved.moves[1].unit_name, "Phường Cốc Lếu");

    let closed = db.store.unit_detail(old).await.unwrap().unwrap();
    assert!(!closed.unit.active);
    assert_eq!(closed.unit.successor_id, Some(successor));
    assert_eq!(closed.unit.name, "Phường Duyên Hải");
    assert_eq!(closed.events.len(), 1);
    let succ = db.store.unit_detail(successor).await.unwrap().unwrap();
    assert_eq!(succ.predecessors.len(), 1);
    assert_eq!(succ.people_count, 1);

    // A closed unit takes no new people and cannot merge again.
    let input = PersonInput {
        full_name: "Lò Văn Dũng".into(),
        unit_id: old,
        category: "cong_chuc".into(),
        ..Default::default()
    };
    assert!(db
        .store
        .create_person(&actor(), input.validate(today()).unwrap(), today())
        .await
        .is_err());
    assert!(db
        .store
        .merge_unit(&actor(), old, successor, on, "")
        .await
        .is_err());
}

#[tokio::test]
async fn renames_keep_the_old_name_for_earlier_dates() {
    let db = TestDb::new().await;
    let id = unit(
        &db,
        "PVH",
        "Phòng Văn hóa - Thông tin",
        "specialised_office",
        None,
    )
    .await;
    let renamed = UnitInput {
        code: "PVH".into(),
        name: "Phòng Văn hóa, Khoa học và Thông tin".into(),
        kind: "specialised_office".into(),
        parent_id: None,
    };
    let on = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    db.store
        .update_unit(&actor(), id, renamed.validate().unwrap(), Some(1), on)
        .await
        .unwrap();
    assert_eq!(
        db.store
            .unit_name_on(id, NaiveDate::from_ymd_opt(2024, 12, 31).unwrap())
            .await
            .unwrap(),
        "Phòng Văn hóa - Thông tin"
    );
    assert_eq!(
        db.store.unit_name_on(id, on).await.unwrap(),
        "Phòng Văn hóa, Khoa học và Thông tin"
    );
}

#[tokio::test]
async fn the_sample_city_loads_and_survives_an_archive_round_trip() {
    let db = TestDb::new().await;
    let report = db
        .store
        .load_sample(thidua_sample::Scale::City, 7, &|_, _| {})
        .await
        .unwrap();
    assert!(report.people > 2_500 && report.units >= 40, "{report:?}");
    assert_eq!(report.merges, 1);
    assert!(
        db.store
            .load_sample(thidua_sample::Scale::City, 7, &|_, _| {})
            .await
            .is_err(),
        "only into an empty database"
    );

    let mut archive = Vec::new();
    let out = db.store.export(&mut archive, false).await.unwrap();
    let copy = TestDb::new().await;
    let back = copy.store.import(archive.as_slice()).await.unwrap();
    assert_eq!(out.rows(), back.rows());

    // A second export of the copy is the same archive, row for row.
    let mut again = Vec::new();
    copy.store.export(&mut again, false).await.unwrap();
    assert_eq!(rows_of(&archive), rows_of(&again));

    // Search works on the imported copy (derived data rebuilt).
    let any = copy
        .store
        .people_search(&PeopleQuery {
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    let first_word = any.items[0]
        .full_name
        .split(' ')
        .next_back()
        .unwrap()
        .to_owned();
    let found = copy
        .store
        .people_search(&PeopleQuery {
            q: Some(thidua_domain::text::fold(&first_word)),
            page: 1,
            per_page: 1,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(found.total >= 1);

    // New rows after import get fresh ids (sequences moved past the imported ones).
    let u = copy
        .store
        .units_all()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.active)
        .unwrap()
        .id;
    let input = PersonInput {
        full_name: "Giàng Seo Phử".into(),
        unit_id: u,
        category: "nguoi_lao_dong".into(),
        ..Default::default()
    };
    let created = copy
        .store
        .create_person(&actor(), input.validate(today()).unwrap(), today())
        .await
        .unwrap();
    assert!(created.id > report.people as i64);

    // Import into a non-empty database is refused; a broken archive changes nothing.
    assert!(copy.store.import(archive.as_slice()).await.is_err());
    let empty = TestDb::new().await;
    let broken = &archive[..archive.len() / 2];
    assert!(empty.store.import(broken).await.is_err());
    assert!(empty.store.is_empty().await.unwrap());
}

fn rows_of(archive: &[u8]) -> Vec<String> {
    use std::io::BufRead;
    std::io::BufReader::new(flate2::read::GzDecoder::new(archive))
        .lines()
        .skip(1)
        .map(|l| l.unwrap())
        .collect()
}

#[tokio::test]
async fn search_sees_changes_made_by_another_server_process() {
    let db = TestDb::new().await;
    let ward = unit(&db, "P-BC", "Phường Bắc Cường", "ward_commune", None).await;
    person(&db, "Hầu A Lử", ward, "cong_chuc").await;
    let q = |text: &str| PeopleQuery {
        q: Some(text.into()),
        page: 1,
        per_page: 10,
        ..Default::default()
    };
    assert_eq!(
        db.store.people_search(&q("hau a lu")).await.unwrap().total,
        1
    );

    // A second process on the same database adds, renames and moves.
    let other = db.reopen().await;
    let input = PersonInput {
        full_name: "Sùng Thị Dợ".into(),
        unit_id: ward,
        category: "can_bo".into(),
        ..Default::default()
    };
    let id = other
        .create_person(&actor(), input.validate(today()).unwrap(), today())
        .await
        .unwrap()
        .id;
    let found = db.store.people_search(&q("sung thi do")).await.unwrap();
    assert_eq!(
        found.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![id]
    );

    let renamed = PersonInput {
        full_name: "Sùng Thị Mỷ".into(),
        unit_id: ward,
        category: "can_bo".into(),
        ..Default::default()
    };
    other
        .update_person(
            &actor(),
            id,
            renamed.validate(today()).unwrap(),
            None,
            today(),
        )
        .await
        .unwrap();
    assert_eq!(
        db.store
            .people_search(&q("sung thi do"))
            .await
            .unwrap()
            .total,
        0,
        "the old name is gone"
    );
    assert_eq!(db.store.people_search(&q("my")).await.unwrap().total, 1);

    let new_name = UnitInput {
        code: "P-BC".into(),
        name: "Phường Bắc Cường mới".into(),
        kind: "ward_commune".into(),
        parent_id: None,
    };
    other
        .update_unit(&actor(), ward, new_name.validate().unwrap(), None, today())
        .await
        .unwrap();
    let hit = db.store.people_search(&q("hau")).await.unwrap();
    assert_eq!(
        hit.items[0].unit_name, "Phường Bắc Cường mới",
        "the unit's new name shows"
    );
    assert_eq!(
        db.store
            .unit_choices(None)
            .await
            .unwrap()
            .iter()
            .filter(|u| u.id == ward)
            .count(),
        1
    );
}

/// A people file checked clean, then one of its people added by hand before the confirmation: the
/// import checks again under the write lock, names the row, and writes no one.
#[tokio::test]
async fn an_import_refuses_a_person_added_since_its_file_was_checked() {
    use thidua_office::xlsx::{Cell, Limits, ListSheet};
    let db = TestDb::new().await;
    let ward = unit(&db, "P-KIM-TAN", "Phường Kim Tân", "ward_commune", None).await;
    let mut sheet = ListSheet::new("Danh sách", &["Họ và tên", "Ngày sinh", "Đơn vị"]);
    for (name, born) in [("Lò Thị Pằng", "15/03/1990"), ("Giàng A Chử", "02/01/1985")] {
        sheet.push(vec![
            Cell::Text(name.into()),
            Cell::Text(born.into()),
            Cell::Text("Phường Kim Tân".into()),
        ]);
    }
    let bytes = sheet.to_xlsx().unwrap();
    let checked = db
        .store
        .check_people_file(&bytes, None, "cong_chuc", &Limits::default(), today())
        .await
        .unwrap();
    assert!(checked.is_clean(), "{:?}", checked.problem_lines());

    let input = PersonInput {
        full_name: "Giàng A Chử".into(),
        birth_date: NaiveDate::from_ymd_opt(1985, 1, 2),
        unit_id: ward,
        category: "cong_chuc".into(),
        ..Default::default()
    };
    db.store
        .create_person(&actor(), input.validate(today()).unwrap(), today())
        .await
        .unwrap();
    let everyone = || async {
        db.store
            .people_search_all(&PeopleQuery::default())
            .await
            .unwrap()
            .len()
    };
    assert_eq!(everyone().await, 1);

    let err = db
        .store
        .import_people(&actor(), &checked, "danh-sach.xlsx", &|_, _| {})
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("Dòng 3: Giàng A Chử đã có trong danh bạ của đơn vị")
            && message.contains("chưa ghi dòng nào"),
        "{message}"
    );
    assert_eq!(everyone().await, 1, "no one written");

    // Checked again, the file names that row.
    let again = db
        .store
        .check_people_file(&bytes, None, "cong_chuc", &Limits::default(), today())
        .await
        .unwrap();
    assert_eq!(again.items.len(), 1);
    assert!(
        again.problem_lines()[0].starts_with("Dòng 3, cột A (Họ và tên): Giàng A Chử đã có"),
        "{:?}",
        again.problem_lines()
    );
}
