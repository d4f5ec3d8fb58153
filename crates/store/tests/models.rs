//! Exemplary models and the public board in the store, on each engine, over the city sample: the
//! board holds only what was published (no draft, no line of a returned nomination, nothing of a
//! closed unit), publishing is an explicit, audited act that another process sees at once, a
//! replication needs a published model and what was applied, photos are pictures only.

use chrono::NaiveDate;
use thidua_domain::exemplary::{ModelInput, ModelReplicationInput};
use thidua_store::audit::AuditQuery;
use thidua_store::entity::{decision_lines, nominations};
use thidua_store::files::Upload;
use thidua_store::models::ModelQuery;
use thidua_store::testing::TestDb;
use thidua_store::{Actor, StoreError};

fn actor() -> Actor {
    Actor::system("test")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
}

async fn sample() -> TestDb {
    let db = TestDb::new().await;
    db.store
        .load_sample(thidua_sample::Scale::City, 1, &|_, _| {})
        .await
        .unwrap();
    db
}

#[tokio::test]
async fn the_board_shows_what_was_published_and_nothing_else() {
    let db = sample().await;
    let s = &db.store;
    let board = s.board().await.unwrap();
    assert_eq!(board.decisions.len(), 1, "the 2024 decision");
    assert!(!board.awards.is_empty());
    assert!(
        !board.initiatives.is_empty(),
        "recognised initiatives published"
    );
    assert_eq!(
        board.models.len(),
        3,
        "three published profiles, not the draft"
    );
    assert!(board.models.iter().all(|m| !m.title.starts_with("Dự thảo")));
    let all = s.models(&ModelQuery::default(), |_| true).await.unwrap();
    let draft = all.iter().find(|m| m.status == "draft").unwrap();
    assert!(board.model(draft.id).is_none());

    // A line whose nomination was returned since is not shown, whatever its decision.
    let decision = board.decisions[0].id;
    let shown_before = board.decision(decision).unwrap().1.len();
    let line = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        decision_lines::Entity::find()
            .filter(decision_lines::Column::DecisionId.eq(decision))
            .all(s.connection())
            .await
            .unwrap()
            .remove(0)
    };
    {
        use sea_orm::{ActiveModelTrait, EntityTrait, Set};
        let n = nominations::Entity::find_by_id(line.nomination_id)
            .one(s.connection())
            .await
            .unwrap()
            .unwrap();
        let mut am: nominations::ActiveModel = n.into();
        am.status = Set("returned".into());
        // Through a write transaction, so that the change sequence moves as every write's does.
        let txn = s.write_txn().await.unwrap();
        am.update(&txn).await.unwrap();
        txn.commit().await.unwrap();
    }
    let board = s.board().await.unwrap();
    let (_, lines) = board.decision(decision).unwrap();
    assert_eq!(
        lines.len(),
        shown_before - 1,
        "the returned nomination's line is gone"
    );
    assert_eq!(
        board
            .awards
            .iter()
            .filter(|a| a.decision_id == decision)
            .count(),
        shown_before - 1
    );

    // Search ignores diacritics and matches the start of words.
    let first = &board.models[0];
    let q = thidua_domain::text::fold(&first.title);
    let found = board.models(&q, 1, 20);
    assert!(found.items.iter().any(|m| m.id == first.id));
    assert_eq!(board.models("zzzz khong co", 1, 20).total, 0);
    let page = board.initiatives("", 2, 1);
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.pages, board.initiatives.len());
}

#[tokio::test]
async fn publishing_is_explicit_audited_and_seen_by_another_process_at_once() {
    let db = sample().await;
    let s = &db.store;
    let other = db.reopen().await;
    let all = s.models(&ModelQuery::default(), |_| true).await.unwrap();
    let draft = all.iter().find(|m| m.status == "draft").unwrap().id;
    assert!(other.board().await.unwrap().model(draft).is_none());
    s.set_model_published(&actor(), draft, true).await.unwrap();
    assert!(
        other.board().await.unwrap().model(draft).is_some(),
        "the other process rebuilt its board"
    );
    s.set_model_published(&actor(), draft, false).await.unwrap();
    assert!(other.board().await.unwrap().model(draft).is_none());
    let audit = s
        .audit_list(&AuditQuery {
            entity: Some("exemplary_model".into()),
            entity_id: Some(draft),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = audit.items.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"publish") && actions.contains(&"unpublish"),
        "{actions:?}"
    );

    // Decisions: taken back, then published again.
    let decision = s.board().await.unwrap().decisions[0].id;
    s.set_decision_published(&actor(), decision, false)
        .await
        .unwrap();
    assert!(other.board().await.unwrap().decision(decision).is_none());
    assert!(s.decision_publication(decision).await.unwrap().is_none());
    s.set_decision_published(&actor(), decision, true)
        .await
        .unwrap();
    assert!(other.board().await.unwrap().decision(decision).is_some());

    // An initiative that is not recognised cannot be published.
    let not_recognised = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        thidua_store::entity::initiatives::Entity::find()
            .filter(thidua_store::entity::initiatives::Column::Status.ne("recognised"))
            .one(s.connection())
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let e = s
        .set_initiative_published(&actor(), not_recognised, true)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Invalid(_)), "{e:?}");
    assert!(s
        .initiative_publication(not_recognised)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn a_closed_unit_leaves_the_board() {
    let db = sample().await;
    let s = &db.store;
    let board = s.board().await.unwrap();
    let collective = board
        .models
        .iter()
        .find(|m| m.subject_label == "Tập thể")
        .unwrap()
        .id;
    let unit = s.model(collective).await.unwrap().unwrap().row.unit_id;
    let into = s
        .units_all()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.active && u.id != unit && u.kind == "ward_commune")
        .unwrap()
        .id;
    s.merge_unit(&actor(), unit, into, today(), "sáp nhập thử")
        .await
        .unwrap();
    let board = s.board().await.unwrap();
    assert!(
        board.model(collective).is_none(),
        "the closed ward's story is gone"
    );
    assert!(
        board.initiatives.iter().all(|i| !i.unit_name.is_empty()),
        "every initiative shown has its unit"
    );
}

#[tokio::test]
async fn replications_photos_and_links_are_checked() {
    let db = sample().await;
    let s = &db.store;
    let all = s.models(&ModelQuery::default(), |_| true).await.unwrap();
    let published = all
        .iter()
        .find(|m| m.status == "published" && m.subject == "collective")
        .unwrap()
        .clone();
    let draft = all.iter().find(|m| m.status == "draft").unwrap().clone();
    let other_unit = s
        .units_all()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.active && u.id != published.unit_id)
        .unwrap()
        .id;
    let rep = |unit_id, applied: &str| ModelReplicationInput {
        unit_id,
        learned_on: NaiveDate::from_ymd_opt(2025, 5, 2).unwrap(),
        applied: applied.into(),
    };
    // A draft is not learned from; nothing written.
    let e = s
        .record_model_replication(&actor(), draft.id, rep(other_unit, "Áp dụng"), today())
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Invalid(_)));
    let e = s
        .record_model_replication(&actor(), published.id, rep(other_unit, "  "), today())
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Invalid(_)));
    let before = s
        .model(published.id)
        .await
        .unwrap()
        .unwrap()
        .replications
        .len();
    s.record_model_replication(
        &actor(),
        published.id,
        rep(other_unit, "Áp dụng cách làm"),
        today(),
    )
    .await
    .unwrap();
    let e = s
        .record_model_replication(&actor(), published.id, rep(other_unit, "Lần nữa"), today())
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    let m = s.model(published.id).await.unwrap().unwrap();
    assert_eq!(m.replications.len(), before + 1);
    assert_eq!(m.row.replications, before + 1);

    // Photos are pictures: a PDF is refused and nothing is attached.
    let photos = m.photos.len();
    let e = s
        .add_model_photos(
            &actor(),
            published.id,
            vec![Upload {
                file_name: "a.pdf".into(),
                bytes: bytes::Bytes::from_static(b"%PDF-1.4\n%%EOF\n"),
            }],
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Invalid(_)));
    assert_eq!(
        s.model(published.id).await.unwrap().unwrap().photos.len(),
        photos
    );

    // Links: an initiative that is not recognised, a line of another person are refused.
    let person_model = s
        .models(&ModelQuery::default(), |r| {
            r.subject == "person" && r.status == "published"
        })
        .await
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let not_recognised = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        thidua_store::entity::initiatives::Entity::find()
            .filter(thidua_store::entity::initiatives::Column::Status.ne("recognised"))
            .one(s.connection())
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let input = ModelInput {
        kind: "dien_hinh_tien_tien".into(),
        subject: "person".into(),
        person_id: person_model.person_id,
        title: "Thử".into(),
        year: 2024,
        initiative_ids: vec![not_recognised],
        ..Default::default()
    };
    let e = s
        .create_model(&actor(), input.validate(2025).unwrap())
        .await
        .unwrap_err();
    match e {
        StoreError::Invalid(i) => assert!(i.fields.contains_key("initiative_ids")),
        other => panic!("{other:?}"),
    }
    // Search of the list ignores diacritics.
    let q = ModelQuery {
        q: Some(thidua_domain::text::fold(&person_model.title).to_lowercase()),
        ..Default::default()
    };
    let found = s.models(&q, |_| true).await.unwrap();
    assert!(found.iter().any(|m| m.id == person_model.id));
}
