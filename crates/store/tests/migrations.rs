//! Migrations upgrade a database made by an earlier migration without losing its rows.

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use thidua_domain::directory::UnitInput;
use thidua_store::testing::TestDb;
use thidua_store::Actor;

#[tokio::test]
async fn upgrading_from_the_first_migration_keeps_the_data() {
    let db = TestDb::unmigrated().await;
    db.store.migrate_first(1).await.unwrap();
    // A database of the first schema, with a unit written in that schema's shape.
    let backend = db.store.connection().get_database_backend();
    db.store
        .connection()
        .execute(sea_orm::Statement::from_sql_and_values(
            backend,
            "INSERT INTO units (code, name, kind, parent_id, active, search_key, sort_key, version, created_at, updated_at) \
             VALUES ($1, $2, $3, NULL, $4, $5, $6, 1, $7, $7)",
            [
                "PNV".into(),
                "Phòng Nội vụ".into(),
                "specialised_office".into(),
                true.into(),
                "phong noi vu".into(),
                thidua_domain::text::sort_key("Phòng Nội vụ").into(),
                chrono::Utc::now().into(),
            ],
        ))
        .await
        .unwrap();
    db.store.migrate().await.unwrap();
    let unit = db
        .store
        .unit_by_code("PNV")
        .await
        .unwrap()
        .expect("the unit survives the upgrade");
    assert_eq!(unit.name, "Phòng Nội vụ");
    // The upgraded schema works: a change is audited.
    let input = UnitInput {
        code: "PNV".into(),
        name: "Phòng Nội vụ thành phố".into(),
        kind: "specialised_office".into(),
        parent_id: None,
    };
    db.store
        .update_unit(
            &Actor::system("test"),
            unit.id,
            input.validate().unwrap(),
            Some(1),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        )
        .await
        .unwrap();
    let audit = db.store.audit_list(&Default::default()).await.unwrap();
    assert_eq!(audit.total, 1);
    assert!(audit.items[0].hash.is_some(), "and chained");
    // Migrating again is a no-op.
    db.store.migrate().await.unwrap();
}
