//! The audit log is tamper-evident: someone who writes to the database directly, without the key, is
//! found out by `audit_verify`, which names the first broken entry. Runs on the engine
//! `THIDUA_TEST_DATABASE_URL` names (SQLite when unset).

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, Statement, Value};
use thidua_domain::directory::{PersonInput, UnitInput};
use thidua_store::audit::AuditQuery;
use thidua_store::audit_chain::{AuditKeyOptions, EntryRef};
use thidua_store::testing::TestDb;
use thidua_store::{
    Actor, AuditKey, AuditProblem, AuditVerification, Checkpoint, CheckpointOutcome, Store,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
}

fn actor() -> Actor {
    Actor::web("canbo1", Some("10.0.0.7".into()))
}

async fn unit(store: &Store, code: &str, name: &str) -> i64 {
    let input = UnitInput {
        code: code.into(),
        name: name.into(),
        kind: "ward_commune".into(),
        parent_id: None,
    };
    store
        .create_unit(&actor(), input.validate().unwrap())
        .await
        .unwrap()
        .id
}

/// A small history made through the store: two units, two people, a rename and a person's new
/// position. Six entries, then a checkpoint.
async fn history() -> TestDb {
    let db = TestDb::new().await;
    let a = unit(&db.store, "P-KT", "Phường Kim Tân").await;
    let b = unit(&db.store, "P-BC", "Phường Bắc Cường").await;
    let mut ids = Vec::new();
    for (name, unit_id) in [("Nguyễn Văn Đức", a), ("Lê Thị Bình", b)] {
        let input = PersonInput {
            full_name: name.into(),
            unit_id,
            category: "cong_chuc".into(),
            ..Default::default()
        };
        ids.push(
            db.store
                .create_person(&actor(), input.validate(today()).unwrap(), today())
                .await
                .unwrap()
                .id,
        );
    }
    let renamed = UnitInput {
        code: "P-KT".into(),
        name: "Phường Kim Tân mới".into(),
        kind: "ward_commune".into(),
        parent_id: None,
    };
    db.store
        .update_unit(&actor(), a, renamed.validate().unwrap(), None, today())
        .await
        .unwrap();
    let promoted = PersonInput {
        full_name: "Lê Thị Bình".into(),
        unit_id: b,
        category: "cong_chuc".into(),
        position: "Phó Chủ tịch".into(),
        ..Default::default()
    };
    db.store
        .update_person(
            &actor(),
            ids[1],
            promoted.validate(today()).unwrap(),
            None,
            today(),
        )
        .await
        .unwrap();
    assert_eq!(entries(&db).await.len(), 6);
    assert!(matches!(
        db.store.write_audit_checkpoint().await.unwrap(),
        CheckpointOutcome::Written(c) if c.count == 6 && c.last_id == 6
    ));
    db
}

/// The entries, oldest first.
async fn entries(db: &TestDb) -> Vec<thidua_store::entity::audit_log::Model> {
    let mut page = db
        .store
        .audit_list(&AuditQuery {
            page: 1,
            per_page: 500,
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    page.reverse();
    page
}

async fn verify(db: &TestDb) -> AuditVerification {
    let checkpoint = Checkpoint::read(&db.audit_checkpoint_file()).unwrap();
    db.store
        .audit_verify(&db.audit_key(), checkpoint.as_ref())
        .await
        .unwrap()
}

/// Runs SQL directly on the database, as someone without the key would.
async fn sql(db: &TestDb, text: &str, values: Vec<Value>) {
    let conn = db.store.connection();
    conn.execute(Statement::from_sql_and_values(
        conn.get_database_backend(),
        text,
        values,
    ))
    .await
    .unwrap();
}

fn broken_entry(report: &AuditVerification) -> &EntryRef {
    match &report.problem {
        Some(AuditProblem::BrokenEntry { entry, .. }) => entry,
        other => panic!("expected a broken entry, got {other:?}"),
    }
}

#[tokio::test]
async fn an_untouched_log_verifies() {
    let db = history().await;
    let report = verify(&db).await;
    assert!(report.is_intact(), "{:?}", report.problem);
    assert_eq!(report.entries, 6);
    assert_eq!(report.uncovered, 0);
    // Every entry is chained, with who and from where.
    let all = entries(&db).await;
    assert!(all
        .iter()
        .all(|e| e.hash.as_deref().map(str::len) == Some(64)));
    assert_eq!(all[0].ip.as_deref(), Some("10.0.0.7"));
    assert_eq!(
        all.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5, 6]
    );

    // A later change is chained too; until the next checkpoint it is checked but not yet covered.
    unit(&db.store, "X-MOI", "Xã Mới").await;
    let report = verify(&db).await;
    assert!(report.is_intact(), "{:?}", report.problem);
    assert_eq!((report.entries, report.uncovered), (7, 1));
    assert!(matches!(
        db.store.write_audit_checkpoint().await.unwrap(),
        CheckpointOutcome::Written(c) if c.count == 7
    ));
    assert!(matches!(
        db.store.write_audit_checkpoint().await.unwrap(),
        CheckpointOutcome::Unchanged
    ));
    assert_eq!(verify(&db).await.uncovered, 0);
}

#[tokio::test]
async fn an_edited_entry_is_named() {
    let db = history().await;
    sql(
        &db,
        "UPDATE audit_log SET after = $1 WHERE id = 4",
        vec![r#"{"full_name":"Người khác"}"#.into()],
    )
    .await;
    let report = verify(&db).await;
    assert_eq!(broken_entry(&report).id, 4);
    assert_eq!(report.broken, 1, "the entries after it still chain to it");
    let message = report.problem.unwrap().to_string();
    assert!(message.contains("mục #4"), "{message}");
    assert!(message.contains("canbo1"), "{message}");

    // Changing the time or the actor is found as well.
    let db = history().await;
    sql(
        &db,
        "UPDATE audit_log SET actor = $1 WHERE id = 2",
        vec!["admin".into()],
    )
    .await;
    assert_eq!(broken_entry(&verify(&db).await).id, 2);
}

#[tokio::test]
async fn deleting_the_last_entries_is_found_by_the_checkpoint() {
    let db = history().await;
    sql(&db, "DELETE FROM audit_log WHERE id > 4", vec![]).await;
    let report = verify(&db).await;
    match &report.problem {
        Some(AuditProblem::EntriesDeleted {
            last_remaining,
            checkpoint,
        }) => {
            assert_eq!(*last_remaining, Some(4));
            assert_eq!(checkpoint.last_id, 6);
        }
        other => panic!("expected deleted entries, got {other:?}"),
    }
    let message = report.problem.unwrap().to_string();
    assert!(message.contains("#5 đến #6"), "{message}");

    // Later writes do not paper over it: the checkpoint is kept as the evidence, however many
    // entries follow, and verification keeps failing.
    for code in ["X-1", "X-2", "X-3"] {
        unit(&db.store, code, "Xã").await;
    }
    assert!(matches!(
        db.store.write_audit_checkpoint().await.unwrap(),
        CheckpointOutcome::Refused(AuditProblem::CheckpointEntryChanged { .. })
    ));
    assert_eq!(
        Checkpoint::read(&db.audit_checkpoint_file())
            .unwrap()
            .unwrap()
            .count,
        6
    );
    assert!(!verify(&db).await.is_intact());
}

#[tokio::test]
async fn an_inserted_entry_is_named() {
    let db = history().await;
    let forged_hash = "ab".repeat(32);
    sql(
        &db,
        "INSERT INTO audit_log (id, at, actor, ip, action, entity, entity_id, unit_id, before, after, hash) \
         VALUES (7, $1, $2, NULL, $3, $4, 1, 1, NULL, NULL, $5)",
        vec![
            chrono::Utc::now().into(),
            "admin".into(),
            "delete".into(),
            "person".into(),
            forged_hash.into(),
        ],
    )
    .await;
    assert_eq!(broken_entry(&verify(&db).await).id, 7);

    // Without a hash it is found too, and sealing does not sign it.
    let db = history().await;
    sql(
        &db,
        "INSERT INTO audit_log (id, at, actor, action, entity) VALUES (7, $1, $2, $3, $4)",
        vec![
            chrono::Utc::now().into(),
            "admin".into(),
            "delete".into(),
            "person".into(),
        ],
    )
    .await;
    let report = verify(&db).await;
    assert!(matches!(
        report.problem,
        Some(AuditProblem::BrokenEntry { unsealed: true, ref entry, .. }) if entry.id == 7
    ));
    assert!(db.store.audit_seal().await.is_err());
    assert_eq!(broken_entry(&verify(&db).await).id, 7);
    // And nothing chains onto it.
    let input = UnitInput {
        code: "X-9".into(),
        name: "Xã".into(),
        kind: "ward_commune".into(),
        parent_id: None,
    };
    assert!(db
        .store
        .create_unit(&actor(), input.validate().unwrap())
        .await
        .is_err());
}

#[tokio::test]
async fn deleting_an_entry_in_the_middle_names_the_next() {
    let db = history().await;
    sql(&db, "DELETE FROM audit_log WHERE id = 3", vec![]).await;
    let report = verify(&db).await;
    assert_eq!(broken_entry(&report).id, 4);
    let message = report.problem.unwrap().to_string();
    assert!(message.contains("không còn mục #3"), "{message}");

    // The first entry, too.
    let db = history().await;
    sql(&db, "DELETE FROM audit_log WHERE id = 1", vec![]).await;
    assert_eq!(broken_entry(&verify(&db).await).id, 2);
}

#[tokio::test]
async fn replacing_the_log_wholesale_is_found() {
    // Deleting every entry, or renumbering to fill a gap, cannot be signed without the key.
    let db = history().await;
    sql(&db, "DELETE FROM audit_log", vec![]).await;
    assert!(matches!(
        verify(&db).await.problem,
        Some(AuditProblem::EntriesDeleted {
            last_remaining: None,
            ..
        })
    ));

    let db = history().await;
    sql(&db, "DELETE FROM audit_log WHERE id = 6", vec![]).await;
    sql(&db, "UPDATE audit_log SET id = 6 WHERE id = 5", vec![]).await;
    assert_eq!(broken_entry(&verify(&db).await).id, 6);
}

#[tokio::test]
async fn a_checkpoint_must_bear_the_keys_signature() {
    let db = history().await;
    let path = db.audit_checkpoint_file();
    let mut checkpoint = Checkpoint::read(&path).unwrap().unwrap();
    // Someone deletes the last two entries and lowers the count to match.
    sql(&db, "DELETE FROM audit_log WHERE id > 4", vec![]).await;
    let hash4 = entries(&db).await[3].hash.clone().unwrap();
    checkpoint.count = 4;
    checkpoint.last_id = 4;
    checkpoint.last_hash = hash4;
    checkpoint.write(&path).unwrap();
    assert_eq!(
        verify(&db).await.problem,
        Some(AuditProblem::ForgedCheckpoint)
    );

    // A checkpoint signed with another key is no better.
    let other = AuditKey::generate();
    let signed = Checkpoint::new(&other, 4, 4, checkpoint.last_hash.clone());
    signed.write(&path).unwrap();
    assert_eq!(
        verify(&db).await.problem,
        Some(AuditProblem::ForgedCheckpoint)
    );
    // And a store does not write over it.
    assert!(matches!(
        db.store.write_audit_checkpoint().await.unwrap(),
        CheckpointOutcome::Refused(AuditProblem::ForgedCheckpoint)
    ));

    // Without any checkpoint, the last entries cannot be vouched for.
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(
        verify(&db).await.problem,
        Some(AuditProblem::NoCheckpoint { entries: 4 })
    ));
}

#[tokio::test]
async fn the_wrong_key_fails_every_entry() {
    let db = history().await;
    let checkpoint = Checkpoint::read(&db.audit_checkpoint_file()).unwrap();
    let report = db
        .store
        .audit_verify(&AuditKey::generate(), checkpoint.as_ref())
        .await
        .unwrap();
    assert_eq!(broken_entry(&report).id, 1);
    assert_eq!(report.broken, 6);
}

#[tokio::test]
async fn writers_in_two_processes_keep_one_chain() {
    let db = TestDb::new().await;
    let other = db.reopen().await;
    let one = async {
        for i in 0..8 {
            unit(&db.store, &format!("A-{i}"), "Phường A").await;
        }
    };
    let two = async {
        for i in 0..8 {
            unit(&other, &format!("B-{i}"), "Phường B").await;
        }
    };
    tokio::join!(one, two);
    other.write_audit_checkpoint().await.unwrap();
    let report = verify(&db).await;
    assert!(report.is_intact(), "{:?}", report.problem);
    assert_eq!(report.entries, 16);
}

#[tokio::test]
async fn a_store_without_a_key_refuses_to_write() {
    let db = TestDb::new().await;
    let keyless = Store::open(&db.url_for_process()).await.unwrap();
    let input = UnitInput {
        code: "P-KT".into(),
        name: "Phường Kim Tân".into(),
        kind: "ward_commune".into(),
        parent_id: None,
    };
    let err = keyless
        .create_unit(&actor(), input.validate().unwrap())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("khóa kiểm toán"), "{err}");
    assert!(keyless.unit_by_code("P-KT").await.unwrap().is_none());
}

#[tokio::test]
async fn the_key_file_is_made_once_and_never_replaced() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let key_file = dir.path().join("keys").join("thidua.key");
    let mut store = Store::open(&db.url_for_process()).await.unwrap();
    let opts = AuditKeyOptions {
        key_file: Some(key_file.clone()),
        key_hex: None,
        create: true,
    };
    let info = store.load_audit_key(opts.clone()).await.unwrap();
    assert!(info.created);
    assert_eq!(
        info.checkpoint_file,
        dir.path().join("keys/thidua.checkpoint")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let first = store.audit_key().unwrap().to_hex();
    assert!(!store.load_audit_key(opts).await.unwrap().created);
    assert_eq!(store.audit_key().unwrap().to_hex(), first);

    // From the environment's form.
    let info = store
        .load_audit_key(AuditKeyOptions {
            key_hex: Some(db.audit_key().to_hex()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(info.from_env && !info.created);
    assert!(store
        .load_audit_key(AuditKeyOptions {
            key_hex: Some("abc".into()),
            ..Default::default()
        })
        .await
        .is_err());

    // Once the log is signed, a missing key file is an error, not a new key.
    unit(&db.store, "P-KT", "Phường Kim Tân").await;
    let elsewhere = dir.path().join("elsewhere.key");
    let err = store
        .load_audit_key(AuditKeyOptions {
            key_file: Some(elsewhere.clone()),
            key_hex: None,
            create: true,
        })
        .await
        .unwrap_err();
    assert!(err.to_string().contains("không tạo khóa mới"), "{err}");
    assert!(!elsewhere.exists());
    // Verification never creates one.
    assert!(store
        .load_audit_key(AuditKeyOptions {
            key_file: Some(elsewhere.clone()),
            key_hex: None,
            create: false,
        })
        .await
        .is_err());
}

#[tokio::test]
async fn entries_from_before_the_chain_are_sealed_once() {
    let db = TestDb::unmigrated().await;
    db.store.migrate_first(4).await.unwrap();
    // Three entries as the earlier version wrote them: no hash, times to the nanosecond.
    for (i, action) in ["load_sample", "merge", "update"].iter().enumerate() {
        sql(
            &db,
            "INSERT INTO audit_log (at, actor, ip, action, entity, entity_id, unit_id, before, after) \
             VALUES ($1, $2, NULL, $3, $4, $5, NULL, NULL, $6)",
            vec![
                chrono::Utc::now().into(),
                "system:demo".into(),
                (*action).into(),
                "unit".into(),
                (i as i64 + 1).into(),
                r#"{"name":"Phường Kim Tân"}"#.into(),
            ],
        )
        .await;
    }
    db.store.migrate().await.unwrap();
    assert!(!db.store.audit_is_sealed().await.unwrap());
    assert_eq!(db.store.audit_seal().await.unwrap(), 3);
    assert_eq!(db.store.audit_seal().await.unwrap(), 0, "only once");
    assert!(matches!(
        db.store.write_audit_checkpoint().await.unwrap(),
        CheckpointOutcome::Written(c) if c.count == 3
    ));
    let report = verify(&db).await;
    assert!(report.is_intact(), "{:?}", report.problem);
    // The chain goes on from the sealed entries.
    unit(&db.store, "P-KT", "Phường Kim Tân").await;
    db.store.write_audit_checkpoint().await.unwrap();
    let report = verify(&db).await;
    assert!(report.is_intact(), "{:?}", report.problem);
    assert_eq!(report.entries, 4);

    // Someone who erases every hash to have the log sealed again, edits included, is refused.
    sql(
        &db,
        "UPDATE audit_log SET hash = NULL, after = NULL",
        vec![],
    )
    .await;
    let err = db.store.audit_seal().await.unwrap_err();
    assert!(err.to_string().contains("điểm kiểm tra"), "{err}");
    assert!(matches!(
        verify(&db).await.problem,
        Some(AuditProblem::BrokenEntry { unsealed: true, ref entry, .. }) if entry.id == 1
    ));
}

#[tokio::test]
async fn import_signs_the_entries_with_the_targets_key() {
    let source = history().await;
    let mut archive = Vec::new();
    source.store.export(&mut archive, false).await.unwrap();

    let target = TestDb::new().await;
    assert_ne!(source.audit_key().to_hex(), target.audit_key().to_hex());
    target.store.import(&archive[..]).await.unwrap();
    assert!(matches!(
        target.store.write_audit_checkpoint().await.unwrap(),
        CheckpointOutcome::Written(c) if c.count == 6
    ));
    let report = verify(&target).await;
    assert!(report.is_intact(), "{:?}", report.problem);
    let (before, after) = (entries(&source).await, entries(&target).await);
    assert_eq!(
        before.iter().map(|e| (e.id, &e.after)).collect::<Vec<_>>(),
        after.iter().map(|e| (e.id, &e.after)).collect::<Vec<_>>()
    );
    // The chain goes on after the imported entries.
    unit(&target.store, "X-MOI", "Xã Mới").await;
    target.store.write_audit_checkpoint().await.unwrap();
    assert!(verify(&target).await.is_intact());

    // Without the key an import is refused, and changes nothing.
    let keyless_target = TestDb::new().await;
    let keyless = Store::open(&keyless_target.url_for_process())
        .await
        .unwrap();
    assert!(keyless.import(&archive[..]).await.is_err());
    assert!(keyless.is_empty().await.unwrap());
}

#[tokio::test]
async fn an_administrator_filters_the_log_by_user_unit_entity_and_time() {
    let db = history().await;
    let all = entries(&db).await;
    let ward = all[0].entity_id.unwrap();
    let other = Actor::web("canbo2", None);
    let input = UnitInput {
        code: "X-MOI".into(),
        name: "Xã Mới".into(),
        kind: "ward_commune".into(),
        parent_id: None,
    };
    db.store
        .create_unit(&other, input.validate().unwrap())
        .await
        .unwrap();
    let count = |q: AuditQuery| {
        let store = db.store.clone();
        async move {
            store
                .audit_list(&AuditQuery {
                    page: 1,
                    per_page: 100,
                    ..q
                })
                .await
                .unwrap()
                .total
        }
    };
    let by_unit = AuditQuery {
        unit_id: Some(ward),
        ..Default::default()
    };
    assert_eq!(count(by_unit).await, 3, "the unit, its rename, its person");
    let by_user = AuditQuery {
        actor: Some("canbo2".into()),
        ..Default::default()
    };
    assert_eq!(count(by_user).await, 1);
    let by_entity = AuditQuery {
        entity: Some("person".into()),
        ..Default::default()
    };
    assert_eq!(count(by_entity).await, 3);
    let since_fourth = AuditQuery {
        from: Some(all[3].at),
        ..Default::default()
    };
    assert_eq!(count(since_fourth).await, 4);
    let before_fourth = AuditQuery {
        until: Some(all[3].at),
        ..Default::default()
    };
    assert!(count(before_fourth).await <= 3);
}
