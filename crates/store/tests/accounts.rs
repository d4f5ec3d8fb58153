//! Accounts in the store: a merge passes a unit's accounts to its successor, a unit officer's scope is
//! their unit and every unit under it, sessions end with a lock or a new password.

use thidua_domain::access::Role;
use thidua_domain::directory::UnitInput;
use thidua_store::accounts::NewUser;
use thidua_store::testing::TestDb;
use thidua_store::Actor;

async fn unit(db: &TestDb, code: &str, parent: Option<i64>) -> i64 {
    let input = UnitInput {
        code: code.into(),
        name: format!("Phường {code}"),
        kind: "ward_commune".into(),
        parent_id: parent,
    };
    db.store
        .create_unit(&Actor::system("test"), input.validate().unwrap())
        .await
        .unwrap()
        .id
}

#[tokio::test]
async fn a_merge_passes_accounts_and_scopes_follow_the_tree() {
    let db = TestDb::new().await;
    let actor = Actor::system("test");
    let city = unit(&db, "TP", None).await;
    let a = unit(&db, "A", Some(city)).await;
    let a1 = unit(&db, "A1", Some(a)).await;
    let b = unit(&db, "B", Some(city)).await;
    let officer = db
        .store
        .create_user(
            &actor,
            NewUser {
                username: "canboa".into(),
                display_name: "Cán bộ A".into(),
                password: "mat-khau-thu-2024".into(),
                roles: vec![Role::UnitOfficer],
                unit_id: Some(a),
                person_id: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        db.store
            .unit_and_below(a)
            .await
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        {
            let mut v = vec![a, a1];
            v.sort();
            v
        }
    );
    let session = db
        .store
        .login("canboa", "mat-khau-thu-2024", "192.0.2.9", "web", None)
        .await
        .unwrap()
        .unwrap();
    let who = db
        .store
        .authenticate(&session.token)
        .await
        .unwrap()
        .unwrap();
    assert!(who.principal.scope.contains(&a1) && !who.principal.scope.contains(&b));

    // Ward A merges into B: the officer now works for B, and B's scope includes A's old sub-unit.
    let on = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    db.store
        .merge_unit(&actor, a, b, on, "Sắp xếp")
        .await
        .unwrap();
    let moved = db.store.user_info(officer.user.id).await.unwrap().unwrap();
    assert_eq!(moved.user.unit_id, Some(b));
    let who = db
        .store
        .authenticate(&session.token)
        .await
        .unwrap()
        .unwrap();
    assert!(who.principal.scope.contains(&b) && who.principal.scope.contains(&a1));

    // A new password ends every other session; a lock ends them all.
    db.store
        .set_password(&actor, officer.user.id, None, "mat-khau-moi-2025", None)
        .await
        .unwrap();
    assert!(db
        .store
        .authenticate(&session.token)
        .await
        .unwrap()
        .is_none());
    assert!(db
        .store
        .login("canboa", "mat-khau-thu-2024", "192.0.2.9", "web", None)
        .await
        .unwrap()
        .is_err());
    assert!(db
        .store
        .login("canboa", "mat-khau-moi-2025", "192.0.2.9", "web", None)
        .await
        .unwrap()
        .is_ok());
}
