//! Rule tables in the database: an administrator adds a version when the law changes; the newest
//! judges; bad tables are refused with the field named; an archive keeps them.

use thidua_domain::rules::{check_json_with, RuleTables};
use thidua_store::testing::TestDb;
use thidua_store::{Actor, StoreError};

/// The built-in tables with a new base salary from 01/07/2026 and the next version number.
pub fn with_new_base_salary(amount: i64) -> String {
    let mut t = RuleTables::builtin().clone();
    t.version += 1;
    t.label = "Bổ sung mức lương cơ sở từ 01/07/2026 (giả định để kiểm thử)".into();
    let mut v = serde_json::to_value(&t).unwrap();
    v["base_salaries"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"from": "2026-07-01", "amount_vnd": amount, "source": "Nghị định giả định"}));
    v.to_string()
}

const CASE: &str = r#"{"subject": "individual", "title": "lao_dong_tien_tien", "year": 2025, "decision_date": "2026-08-01",
  "history": [{"year": 2025, "rating": "hoan_thanh_tot"}], "discipline_pending": false, "disciplined": null}"#;

#[tokio::test]
async fn the_newest_version_judges_and_older_or_broken_ones_are_refused() {
    let db = TestDb::new().await;
    let store = &db.store;
    let actor = Actor::system("test");
    let builtin = store.rule_tables().await.unwrap();
    assert_eq!(builtin.version, RuleTables::builtin().version);
    let before = check_json_with(CASE, &builtin, &[]).unwrap();
    assert_eq!(
        before.award_vnd,
        Some(710_000),
        "0.3 × 2,340,000 rounded up"
    );

    // Not JSON tables, tables of the wrong shape, a version not above the newest: refused, named.
    match store.add_rule_tables(&actor, r#"{"version": 9}"#).await {
        Err(StoreError::Invalid(e)) => assert!(e.fields.contains_key("tables"), "{e:?}"),
        other => panic!("{other:?}"),
    }
    let same_version = {
        let mut v: serde_json::Value =
            serde_json::from_str(&with_new_base_salary(3_000_000)).unwrap();
        v["version"] = serde_json::json!(RuleTables::builtin().version);
        v.to_string()
    };
    assert!(matches!(
        store.add_rule_tables(&actor, &same_version).await,
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(store.rule_tables().await.unwrap().version, builtin.version);

    let added = store
        .add_rule_tables(&actor, &with_new_base_salary(3_000_000))
        .await
        .unwrap();
    assert_eq!(added.version as u32, builtin.version + 1);
    let now = store.rule_tables().await.unwrap();
    assert_eq!(now.version, builtin.version + 1);
    let after = check_json_with(CASE, &now, &[]).unwrap();
    assert_eq!(after.award_vnd, Some(900_000), "0.3 × 3,000,000");
    assert_eq!(after.tables_version, builtin.version + 1);
    // A decision before the new salary still uses the old one.
    let earlier = check_json_with(&CASE.replace("2026-08-01", "2026-06-30"), &now, &[]).unwrap();
    assert_eq!(earlier.award_vnd, Some(710_000));
    // The same version twice: refused.
    assert!(store
        .add_rule_tables(&actor, &with_new_base_salary(3_100_000))
        .await
        .is_err());
    let versions = store.rule_tables_versions().await.unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].created_by.as_deref(), Some("system:test"));
    // The change is in the audit log.
    let log = store
        .audit_list(&thidua_store::audit::AuditQuery {
            entity: Some("rule_tables".into()),
            page: 1,
            per_page: 10,
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(log.total, 1);

    // An archive carries them into another database.
    let mut archive = Vec::new();
    store.export(&mut archive, false).await.unwrap();
    let other = TestDb::new().await;
    other.store.import(&archive[..]).await.unwrap();
    assert_eq!(*other.store.rule_tables().await.unwrap(), *now);
}
