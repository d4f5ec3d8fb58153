//! Movements and directives in the store, on each engine: the register numbers outgoing documents
//! without gaps or duplicates even when issued at the same time; an issued directive is never edited;
//! reports go only to units a directive was sent to and never overwrite each other; the matrix and the
//! reminders see the right state; registrations close at their deadline until reopened; attachments
//! are checked and travel with an export.

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, Set};
use std::collections::BTreeSet;
use thidua_domain::directory::UnitInput;
use thidua_domain::movement::{
    CellState, DirectiveInput, MovementInput, PhaseInput, RegisteredPerson, RegistrationInput,
    ReportInput, TaskInput,
};
use thidua_store::entity::{recipient_group_units, recipient_groups};
use thidua_store::files::Upload;
use thidua_store::movements::{MatrixFilter, MovementLinks, NewDocument};
use thidua_store::testing::TestDb;
use thidua_store::{Actor, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn actor() -> Actor {
    Actor::system("test")
}

async fn unit(db: &TestDb, code: &str, name: &str, parent: Option<i64>) -> i64 {
    let input = UnitInput {
        code: code.into(),
        name: name.into(),
        kind: "ward_commune".into(),
        parent_id: parent,
    };
    db.store
        .create_unit(&actor(), input.validate().unwrap())
        .await
        .unwrap()
        .id
}

/// The city, three wards in one recipient group, and a movement for 2021–2025 with its 2023 phase.
struct World {
    db: TestDb,
    city: i64,
    wards: Vec<i64>,
    group: i64,
    movement: i64,
}

async fn world() -> World {
    let db = TestDb::new().await;
    let city = unit(&db, "TP", "UBND thành phố Lào Cai", None).await;
    let mut wards = Vec::new();
    for (code, name) in [
        ("P1", "Phường Cốc Lếu"),
        ("P2", "Phường Bắc Lệnh"),
        ("P3", "Phường Duyên Hải"),
    ] {
        wards.push(unit(&db, code, name, Some(city)).await);
    }
    let group = recipient_groups::ActiveModel {
        code: Set("xa_phuong".into()),
        name: Set("UBND các xã, phường".into()),
        ..Default::default()
    }
    .insert(db.store.connection())
    .await
    .unwrap()
    .id;
    for w in &wards {
        recipient_group_units::ActiveModel {
            group_id: Set(group),
            unit_id: Set(*w),
        }
        .insert(db.store.connection())
        .await
        .unwrap();
    }
    let m = MovementInput {
        name: "Lao động giỏi, Lao động sáng tạo".into(),
        start_year: 2021,
        end_year: 2025,
        phases: vec![PhaseInput {
            year: 2023,
            title: "Năm 2023".into(),
            registration_due: Some(d(2023, 3, 31)),
        }],
        ..Default::default()
    };
    let movement = db
        .store
        .create_movement(
            &actor(),
            m.validate().unwrap(),
            MovementLinks {
                unit_id: Some(city),
                ..Default::default()
            },
        )
        .await
        .unwrap()
        .id;
    World {
        db,
        city,
        wards,
        group,
        movement,
    }
}

fn directive_input(w: &World, due: NaiveDate) -> DirectiveInput {
    DirectiveInput {
        movement_id: w.movement,
        year: 2023,
        summary: "V/v đẩy mạnh thực hiện phong trào thi đua".into(),
        symbol: "UBND-NV".into(),
        tasks: vec![
            TaskInput {
                title: "Tuyên truyền".into(),
                due_on: Some(due),
                ..Default::default()
            },
            TaskInput {
                title: "Phát động".into(),
                due_on: Some(d(2023, 12, 15)),
                ..Default::default()
            },
        ],
        group_ids: vec![w.group],
        ..Default::default()
    }
}

async fn issued_directive(w: &World) -> i64 {
    let input = directive_input(w, d(2023, 6, 30));
    let dir =
        w.db.store
            .create_directive(
                &actor(),
                w.movement,
                2023,
                input.validate().unwrap(),
                &input.group_ids,
                &[],
                &[],
            )
            .await
            .unwrap();
    w.db.store
        .issue_directive(&actor(), dir.id, d(2023, 3, 15), Some(dir.version))
        .await
        .unwrap();
    dir.id
}

fn incoming(reference: &str, number: i32, symbol: &str, year: i32, basis: Vec<i64>) -> NewDocument {
    NewDocument {
        direction: "incoming".into(),
        kind: "ke_hoach".into(),
        reference: Some(reference.into()),
        number: Some(number),
        symbol: symbol.into(),
        issued_year: Some(year),
        issued_month: Some(4),
        issued_day: Some(28),
        summary: format!("Văn bản {reference}"),
        issuer: "UBND tỉnh Lào Cai".into(),
        basis_ids: basis,
        ..Default::default()
    }
}

#[tokio::test]
async fn the_register_refuses_a_duplicate_and_shows_the_basis_chain() {
    let w = world().await;
    let s = &w.db.store;
    let plan = s
        .register_document(
            &actor(),
            incoming("205/KH-UBND-LĐLĐ", 205, "KH-UBND-LĐLĐ", 2021, vec![]),
        )
        .await
        .unwrap();
    let city_plan = s
        .register_document(
            &actor(),
            incoming("211/KH-UBND-LĐLĐ", 211, "KH-UBND-LĐLĐ", 2021, vec![plan.id]),
        )
        .await
        .unwrap();
    let guidance = s
        .register_document(
            &actor(),
            incoming("941/UBND-NV", 941, "UBND-NV", 2021, vec![city_plan.id]),
        )
        .await
        .unwrap();
    let again = s
        .register_document(
            &actor(),
            incoming("941/UBND-NV", 941, "UBND-NV", 2021, vec![]),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&again, StoreError::Conflict { field: Some(f), .. } if f == "reference"),
        "{again:?}"
    );
    // The same number in another year is another document.
    s.register_document(
        &actor(),
        incoming("941/UBND-NV", 941, "UBND-NV", 2022, vec![]),
    )
    .await
    .unwrap();
    let detail = s.document(guidance.id).await.unwrap().unwrap();
    let chain: Vec<(u32, Option<String>)> = detail
        .basis
        .iter()
        .map(|(depth, doc)| (*depth, doc.reference.clone()))
        .collect();
    assert_eq!(
        chain,
        vec![
            (1, Some("211/KH-UBND-LĐLĐ".into())),
            (2, Some("205/KH-UBND-LĐLĐ".into()))
        ]
    );
    let cited = s.document(plan.id).await.unwrap().unwrap().cited_by;
    assert_eq!(cited.len(), 1);
    let found = s
        .documents(&thidua_store::movements::DocumentQuery {
            q: Some("lien doan".into()),
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 0, "the summary does not say Liên đoàn");
    let found = s
        .documents(&thidua_store::movements::DocumentQuery {
            q: Some("ubnd-ldld".into()),
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(found.total, 2, "references are searched without diacritics");
}

#[tokio::test]
async fn issuing_numbers_the_register_without_gaps_even_at_the_same_time() {
    let w = world().await;
    let mut drafts = Vec::new();
    for _ in 0..8 {
        let input = directive_input(&w, d(2023, 6, 30));
        let dir =
            w.db.store
                .create_directive(
                    &actor(),
                    w.movement,
                    2023,
                    input.validate().unwrap(),
                    &[w.group],
                    &[],
                    &[],
                )
                .await
                .unwrap();
        drafts.push(dir.id);
    }
    let mut handles = Vec::new();
    for id in drafts.clone() {
        let store = w.db.store.clone();
        handles.push(tokio::spawn(async move {
            store
                .issue_directive(&actor(), id, d(2023, 3, 15), None)
                .await
        }));
    }
    for h in handles {
        h.await.unwrap().unwrap();
    }
    let mut numbers = Vec::new();
    for id in &drafts {
        let detail = w.db.store.directive(*id).await.unwrap().unwrap();
        let doc = detail.document.unwrap();
        numbers.push(doc.number.unwrap());
        assert_eq!(
            doc.reference.unwrap(),
            format!("{:02}/UBND-NV", doc.number.unwrap())
        );
    }
    numbers.sort();
    assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    // A new year starts again at 1.
    let mut input = directive_input(&w, d(2024, 6, 30));
    input.tasks[1].due_on = Some(d(2024, 12, 15));
    let next =
        w.db.store
            .create_directive(
                &actor(),
                w.movement,
                2023,
                input.validate().unwrap(),
                &[w.group],
                &[],
                &[],
            )
            .await
            .unwrap();
    w.db.store
        .issue_directive(&actor(), next.id, d(2024, 1, 2), None)
        .await
        .unwrap();
    let doc =
        w.db.store
            .directive(next.id)
            .await
            .unwrap()
            .unwrap()
            .document
            .unwrap();
    assert_eq!(doc.reference.as_deref(), Some("01/UBND-NV"));
}

#[tokio::test]
async fn an_issued_directive_is_never_edited_and_deadlines_follow_the_issue_date() {
    let w = world().await;
    let input = directive_input(&w, d(2023, 3, 1));
    let dir =
        w.db.store
            .create_directive(
                &actor(),
                w.movement,
                2023,
                input.validate().unwrap(),
                &[w.group],
                &[],
                &[],
            )
            .await
            .unwrap();
    let err =
        w.db.store
            .issue_directive(&actor(), dir.id, d(2023, 3, 15), None)
            .await
            .unwrap_err();
    match err {
        StoreError::Invalid(e) => assert!(e.fields.contains_key("tasks.0.due_on"), "{e:?}"),
        other => panic!("{other:?}"),
    }
    let unchanged = w.db.store.directive(dir.id).await.unwrap().unwrap();
    assert_eq!(unchanged.directive.status, "draft");
    assert!(
        unchanged.document.unwrap().number.is_none(),
        "no number was used up"
    );
    let id = issued_directive(&w).await;
    let detail = w.db.store.directive(id).await.unwrap().unwrap();
    assert_eq!(detail.units.len(), 3, "the group's three wards");
    let input = directive_input(&w, d(2023, 6, 30));
    let err =
        w.db.store
            .update_directive(
                &actor(),
                id,
                input.validate().unwrap(),
                &[w.group],
                &[],
                None,
            )
            .await
            .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");
    let v2 =
        w.db.store
            .new_directive_version(&actor(), id)
            .await
            .unwrap();
    assert_eq!(v2.supersedes_id, Some(id));
    w.db.store
        .issue_directive(&actor(), v2.id, d(2023, 3, 20), None)
        .await
        .unwrap();
    let old = w.db.store.directive(id).await.unwrap().unwrap();
    assert_eq!(old.directive.status, "superseded");
}

#[tokio::test]
async fn reports_reach_only_recipients_and_never_overwrite_each_other() {
    let w = world().await;
    let id = issued_directive(&w).await;
    let s = &w.db.store;
    let tasks = s.directive(id).await.unwrap().unwrap().tasks;
    let outsider = unit(&w.db, "X", "Phòng Tài chính", Some(w.city)).await;
    let err = s
        .save_report(
            &actor(),
            tasks[0].id,
            outsider,
            ReportInput::default(),
            d(2023, 4, 1),
        )
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid(e) => assert!(e.fields.contains_key("task_id")),
        other => panic!("{other:?}"),
    }
    let ward = w.wards[0];
    let first = s
        .save_report(
            &actor(),
            tasks[0].id,
            ward,
            ReportInput {
                events_held: Some(3),
                people_reached: Some(250),
                text: "Đã tổ chức 3 buổi".into(),
                ..Default::default()
            },
            d(2023, 4, 1),
        )
        .await
        .unwrap();
    // Two officers opened version 1; the first saves, the second is told.
    s.save_report(
        &actor(),
        tasks[0].id,
        ward,
        ReportInput {
            text: "Sửa của người thứ nhất".into(),
            version: Some(first.version),
            ..Default::default()
        },
        d(2023, 4, 2),
    )
    .await
    .unwrap();
    let err = s
        .save_report(
            &actor(),
            tasks[0].id,
            ward,
            ReportInput {
                text: "Sửa của người thứ hai".into(),
                version: Some(first.version),
                ..Default::default()
            },
            d(2023, 4, 2),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { field: Some(ref f), .. } if f == "version"));
    let views = s.unit_reports(id, ward, d(2023, 4, 3)).await.unwrap();
    assert_eq!(
        views[0].report.as_ref().unwrap().text,
        "Sửa của người thứ nhất"
    );
    assert_eq!(views[0].state, CellState::Reporting);
}

#[tokio::test]
async fn the_matrix_and_the_reminders_see_each_units_state() {
    let w = world().await;
    let id = issued_directive(&w).await;
    let s = &w.db.store;
    let tasks = s.directive(id).await.unwrap().unwrap().tasks;
    let [a, b, c] = [w.wards[0], w.wards[1], w.wards[2]];
    s.mark_read(&actor(), id, b).await.unwrap();
    s.save_report(
        &actor(),
        tasks[0].id,
        c,
        ReportInput {
            text: "Xong".into(),
            submit: true,
            ..Default::default()
        },
        d(2023, 6, 1),
    )
    .await
    .unwrap();
    let m = s
        .matrix(id, &MatrixFilter::default(), d(2023, 6, 10))
        .await
        .unwrap();
    let state_of = |unit: i64| {
        m.rows
            .iter()
            .find(|r| r.unit_id == unit)
            .unwrap()
            .cells
            .clone()
    };
    assert_eq!(state_of(a), vec![CellState::NotRead, CellState::NotRead]);
    assert_eq!(state_of(b), vec![CellState::Read, CellState::Read]);
    assert_eq!(state_of(c), vec![CellState::Reported, CellState::Read]);
    // Vietnamese order: Bắc Lệnh, Cốc Lếu, Duyên Hải.
    let names: Vec<&str> = m.rows.iter().map(|r| r.unit_name.as_str()).collect();
    assert_eq!(
        names,
        ["Phường Bắc Lệnh", "Phường Cốc Lếu", "Phường Duyên Hải"]
    );
    let late = s
        .matrix(
            id,
            &MatrixFilter {
                state: Some(CellState::Late),
                ..Default::default()
            },
            d(2023, 7, 1),
        )
        .await
        .unwrap();
    assert_eq!(late.rows.len(), 2, "a and b missed the deadline of task 1");
    let within = s
        .matrix(
            id,
            &MatrixFilter {
                within: Some(std::sync::Arc::new(BTreeSet::from([a]))),
                ..Default::default()
            },
            d(2023, 7, 1),
        )
        .await
        .unwrap();
    assert_eq!(within.rows.len(), 1);
    // Far from the deadline, nobody is reminded; three days before, a and b are; c too (task 2 is not
    // due yet, so only task 1 counts).
    let run = s.run_reminders(&actor(), d(2023, 5, 1)).await.unwrap();
    assert_eq!(run.notifications, 0);
    let run = s.run_reminders(&actor(), d(2023, 6, 28)).await.unwrap();
    assert_eq!(run.units, 2);
    assert_eq!(run.notifications, 2);
    let again = s.run_reminders(&actor(), d(2023, 6, 28)).await.unwrap();
    assert_eq!(again.notifications, 0, "one reminder per unit and day");
    let digests = s.digests(d(2023, 6, 28)).await.unwrap();
    let units: Vec<i64> = digests.iter().map(|g| g.unit_id).collect();
    assert!(units.contains(&a) && units.contains(&b));
    let a_digest = digests.iter().find(|g| g.unit_id == a).unwrap();
    assert_eq!(
        a_digest.items.len(),
        2,
        "the new directive and the reminder, in one digest"
    );
}

#[tokio::test]
async fn registrations_close_at_the_deadline_until_the_office_reopens_them() {
    let w = world().await;
    let s = &w.db.store;
    let ward = w.wards[0];
    let p = s
        .create_person(
            &actor(),
            thidua_domain::directory::PersonInput {
                full_name: "Nguyễn Thị Hoà".into(),
                unit_id: ward,
                category: "cong_chuc".into(),
                ..Default::default()
            }
            .validate(d(2023, 1, 1))
            .unwrap(),
            d(2023, 1, 1),
        )
        .await
        .unwrap();
    let other = s
        .create_person(
            &actor(),
            thidua_domain::directory::PersonInput {
                full_name: "Trần Văn Nam".into(),
                unit_id: w.wards[1],
                category: "cong_chuc".into(),
                ..Default::default()
            }
            .validate(d(2023, 1, 1))
            .unwrap(),
            d(2023, 1, 1),
        )
        .await
        .unwrap();
    let input = |people: Vec<i64>, version| RegistrationInput {
        movement_id: w.movement,
        year: 2023,
        unit_id: ward,
        commitments: "Hoàn thành xuất sắc nhiệm vụ".into(),
        target_title: "tap_the_lao_dong_xuat_sac".into(),
        people: people
            .into_iter()
            .map(|person_id| RegisteredPerson {
                person_id,
                target_title: "lao_dong_tien_tien".into(),
            })
            .collect(),
        version,
    };
    let err = s
        .save_registration(&actor(), input(vec![p.id, other.id], None), d(2023, 3, 1))
        .await
        .unwrap_err();
    match err {
        StoreError::Invalid(e) => assert!(e.fields.contains_key("people.1.person_id")),
        other => panic!("{other:?}"),
    }
    let r = s
        .save_registration(&actor(), input(vec![p.id], None), d(2023, 3, 1))
        .await
        .unwrap();
    let late = s
        .save_registration(&actor(), input(vec![], Some(r.version)), d(2023, 4, 2))
        .await
        .unwrap_err();
    assert!(matches!(late, StoreError::Conflict { .. }), "{late:?}");
    let reopened = s
        .set_registration_reopened(&actor(), r.id, true)
        .await
        .unwrap();
    s.save_registration(
        &actor(),
        input(vec![], Some(reopened.version)),
        d(2023, 4, 2),
    )
    .await
    .unwrap();
    let detail = s
        .registration(w.movement, 2023, ward, d(2023, 4, 2))
        .await
        .unwrap()
        .unwrap();
    assert!(detail.people.is_empty());
    assert!(detail.open);
}

#[tokio::test]
async fn attachments_are_checked_and_travel_with_an_export() {
    let w = world().await;
    let s = &w.db.store;
    let doc = s
        .register_document(
            &actor(),
            incoming("941/UBND-NV", 941, "UBND-NV", 2021, vec![]),
        )
        .await
        .unwrap();
    let bad = s
        .attach(
            &actor(),
            "document",
            doc.id,
            None,
            vec![
                Upload {
                    file_name: "ban-scan.pdf".into(),
                    bytes: bytes::Bytes::from_static(b"%PDF-1.4 scan"),
                },
                Upload {
                    file_name: "trang.html".into(),
                    bytes: bytes::Bytes::from_static(b"<script>alert(1)</script>"),
                },
            ],
        )
        .await
        .unwrap_err();
    assert!(matches!(bad, StoreError::Invalid(_)));
    assert!(
        s.attachments("document", doc.id).await.unwrap().is_empty(),
        "all or none"
    );
    let saved = s
        .attach(
            &actor(),
            "document",
            doc.id,
            None,
            vec![Upload {
                file_name: "ban-scan.pdf".into(),
                bytes: bytes::Bytes::from_static(b"%PDF-1.4 scan"),
            }],
        )
        .await
        .unwrap();
    let data = s.files().get(&saved[0].sha256).await.unwrap();
    assert_eq!(&data[..], b"%PDF-1.4 scan");
    let mut archive = Vec::new();
    s.export(&mut archive, false).await.unwrap();
    let target = TestDb::new().await;
    target.store.import(&archive[..]).await.unwrap();
    let moved = target.store.attachments("document", doc.id).await.unwrap();
    assert_eq!(moved.len(), 1);
    assert_eq!(
        &target.store.files().get(&moved[0].sha256).await.unwrap()[..],
        b"%PDF-1.4 scan"
    );
    let directive = issued_directive(&w).await;
    let mut archive = Vec::new();
    s.export(&mut archive, false).await.unwrap();
    let third = TestDb::new().await;
    third.store.import(&archive[..]).await.unwrap();
    let copy = third.store.directive(directive).await.unwrap().unwrap();
    assert_eq!(copy.units.len(), 3);
    assert_eq!(
        copy.document.unwrap().reference.as_deref(),
        Some("01/UBND-NV")
    );
}

#[tokio::test]
async fn a_joint_directive_keeps_its_co_issuer_and_both_signers() {
    let w = world().await;
    let federation = unit(&w.db, "LDLD", "Liên đoàn Lao động thành phố Lào Cai", None).await;
    let joint = |co: Option<i64>| DirectiveInput {
        symbol: "KH-UBND-LĐLĐ".into(),
        signer: "Hoàng Đăng Khoa".into(),
        co_issuer_unit_id: co,
        co_signer: "Nguyễn Thị Lan".into(),
        co_signer_title: "Chủ tịch".into(),
        co_signer_authority: "TM. BAN THƯỜNG VỤ".into(),
        ..directive_input(&w, d(2023, 6, 30))
    };
    // The co-issuer cannot be the lead issuer, nor a unit that does not exist; nothing is written.
    for (co, field) in [(w.city, "co_issuer_unit_id"), (9_999, "co_issuer_unit_id")] {
        let err =
            w.db.store
                .create_directive(
                    &actor(),
                    w.movement,
                    2023,
                    joint(Some(co)).validate().unwrap(),
                    &[w.group],
                    &[],
                    &[],
                )
                .await
                .unwrap_err();
        match err {
            StoreError::Invalid(e) => assert!(e.fields.contains_key(field), "{e:?}"),
            other => panic!("{other:?}"),
        }
    }
    assert!(w.db.store.directives(None).await.unwrap().is_empty());

    let dir =
        w.db.store
            .create_directive(
                &actor(),
                w.movement,
                2023,
                joint(Some(federation)).validate().unwrap(),
                &[w.group],
                &[],
                &[],
            )
            .await
            .unwrap();
    let detail = w.db.store.directive(dir.id).await.unwrap().unwrap();
    assert_eq!(detail.directive.co_issuer_unit_id, Some(federation));
    assert_eq!(
        detail.directive.co_signer.as_deref(),
        Some("Nguyễn Thị Lan")
    );
    assert_eq!(
        detail.directive.co_signer_title.as_deref(),
        Some("Chủ tịch")
    );
    assert_eq!(
        detail.directive.co_signer_authority.as_deref(),
        Some("TM. BAN THƯỜNG VỤ")
    );
    assert_eq!(
        detail.co_issuer.as_ref().map(|u| u.name.as_str()),
        Some("Liên đoàn Lao động thành phố Lào Cai")
    );
    assert_eq!(
        detail.document.as_ref().unwrap().issuer,
        "UBND thành phố Lào Cai - Liên đoàn Lao động thành phố Lào Cai"
    );

    // Issued in the joint register: "1/KH-UBND-LĐLĐ"... and a new version keeps the co-issuer.
    w.db.store
        .issue_directive(&actor(), dir.id, d(2023, 3, 15), None)
        .await
        .unwrap();
    let issued = w.db.store.directive(dir.id).await.unwrap().unwrap();
    let reference = issued.document.unwrap().reference.unwrap();
    assert!(reference.ends_with("/KH-UBND-LĐLĐ"), "{reference}");
    let v2 =
        w.db.store
            .new_directive_version(&actor(), dir.id)
            .await
            .unwrap();
    assert_eq!(v2.co_issuer_unit_id, Some(federation));
    assert_eq!(v2.co_signer.as_deref(), Some("Nguyễn Thị Lan"));

    // Editing the draft back to one issuer clears the columns, and the audit entry shows the change.
    let single = DirectiveInput {
        symbol: "KH-UBND".into(),
        ..directive_input(&w, d(2023, 6, 30))
    };
    let after =
        w.db.store
            .update_directive(
                &actor(),
                v2.id,
                single.validate().unwrap(),
                &[w.group],
                &[],
                Some(v2.version),
            )
            .await
            .unwrap();
    assert_eq!(
        (after.co_issuer_unit_id, after.co_signer.as_deref()),
        (None, None)
    );
    let log =
        w.db.store
            .audit_list(&thidua_store::audit::AuditQuery {
                entity: Some("directive".into()),
                entity_id: Some(v2.id),
                page: 1,
                per_page: 10,
                ..Default::default()
            })
            .await
            .unwrap();
    let update = log
        .items
        .iter()
        .find(|e| {
            e.action == "update"
                && e.before
                    .as_deref()
                    .is_some_and(|b| b.contains("Nguyễn Thị Lan"))
        })
        .expect("the edit is audited with the co-signer it removed");
    assert!(!update
        .after
        .as_deref()
        .unwrap_or("")
        .contains("Nguyễn Thị Lan"));
    let doc =
        w.db.store
            .directive(v2.id)
            .await
            .unwrap()
            .unwrap()
            .document
            .unwrap();
    assert_eq!(doc.issuer, "UBND thành phố Lào Cai");
}
