//! A small city for the commendation tests: a city, two wards, people with ratings, council
//! accounts (`hoidong3` is also a person of the ward, so that nominating them recuses them).
#![allow(dead_code)]

use chrono::NaiveDate;
use thidua_domain::access::Role;
use thidua_domain::commendation::{NominationInput, NominationStep, Quota, RoundInput};
use thidua_domain::directory::{PersonInput, UnitInput};
use thidua_domain::rules::RuleTables;
use thidua_store::accounts::NewUser;
use thidua_store::ballots::NewAwardCouncil;
use thidua_store::commendation::{PersonRating, RoundDetail};
use thidua_store::initiatives::NewMember;
use thidua_store::testing::TestDb;
use thidua_store::{Actor, Store};

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn actor() -> Actor {
    Actor::system("test")
}

pub fn as_user(name: &str) -> Actor {
    Actor::web(name, Some("127.0.0.1".into()))
}

pub struct World {
    pub db: TestDb,
    pub city: i64,
    pub ward: i64,
    pub other_ward: i64,
    /// People of the ward; the last one is `hoidong3`'s person.
    pub people: Vec<i64>,
    /// A person of the other ward.
    pub stranger: i64,
    /// Accounts hoidong1..3.
    pub members: Vec<i64>,
    pub council: i64,
}

impl World {
    pub fn store(&self) -> &Store {
        &self.db.store
    }
}

pub async fn world() -> World {
    let db = TestDb::new().await;
    let s = &db.store;
    let today = d(2025, 1, 5);
    let unit = |code: &str, name: &str, parent: Option<i64>| UnitInput {
        code: code.into(),
        name: name.into(),
        kind: "ward_commune".into(),
        parent_id: parent,
    };
    let city = s
        .create_unit(
            &actor(),
            unit("TP", "UBND thành phố Lào Cai", None)
                .validate()
                .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let ward = s
        .create_unit(
            &actor(),
            unit("P1", "Phường Cốc Lếu", Some(city)).validate().unwrap(),
        )
        .await
        .unwrap()
        .id;
    let other_ward = s
        .create_unit(
            &actor(),
            unit("P2", "Phường Bắc Lệnh", Some(city))
                .validate()
                .unwrap(),
        )
        .await
        .unwrap()
        .id;
    let person = |name: &str, unit_id: i64| PersonInput {
        full_name: name.into(),
        unit_id,
        category: "nguoi_lao_dong".into(),
        staff_level: Some("worker".into()),
        union_member: true,
        ..Default::default()
    };
    let mut people = Vec::new();
    for name in [
        "Nguyễn Văn Đức",
        "Lê Thị Bình",
        "Trần Văn An",
        "Phạm Thị Dung",
        "Hoàng Văn Hội",
    ] {
        people.push(
            s.create_person(&actor(), person(name, ward).validate(today).unwrap(), today)
                .await
                .unwrap()
                .id,
        );
    }
    let stranger = s
        .create_person(
            &actor(),
            person("Vũ Văn Xa", other_ward).validate(today).unwrap(),
            today,
        )
        .await
        .unwrap()
        .id;
    // Ratings: Đức excellent, Bình and An good, Dung only "completed", Hội good.
    for year in [2022, 2023, 2024] {
        let rows: Vec<PersonRating> = people
            .iter()
            .zip([
                "hoan_thanh_xuat_sac",
                "hoan_thanh_tot",
                "hoan_thanh_tot",
                "hoan_thanh",
                "hoan_thanh_tot",
            ])
            .map(|(p, r)| PersonRating {
                person_id: *p,
                rating: r.into(),
            })
            .collect();
        s.save_ratings(&actor(), ward, year, &rows, Some("hoan_thanh_xuat_sac"))
            .await
            .unwrap();
    }
    let mut members = Vec::new();
    for i in 1..=3 {
        let person_id = (i == 3).then(|| people[4]);
        members.push(
            s.create_user(
                &actor(),
                NewUser {
                    username: format!("hoidong{i}"),
                    display_name: format!("Thành viên {i}"),
                    password: "mat-khau-thu-2024".into(),
                    roles: vec![Role::CouncilMember],
                    unit_id: None,
                    person_id,
                },
            )
            .await
            .unwrap()
            .user
            .id,
        );
    }
    let council = s
        .create_award_council(
            &actor(),
            NewAwardCouncil {
                name: "Hội đồng TĐKT thành phố".into(),
                unit_id: city,
                members: (1..=3)
                    .map(|i| NewMember {
                        username: Some(format!("hoidong{i}")),
                        name: format!("Thành viên {i}"),
                        role: "thanh_vien".into(),
                        ..Default::default()
                    })
                    .collect(),
                rules: Vec::new(),
            },
        )
        .await
        .unwrap()
        .council
        .id;
    World {
        db,
        city,
        ward,
        other_ward,
        people,
        stranger,
        members,
        council,
    }
}

/// The round of 2024 (deadline 10/01/2025) with a quota of one Chiến sĩ thi đua cơ sở for the ward.
pub async fn round_2024(w: &World) -> RoundDetail {
    w.store()
        .create_round(
            &actor(),
            RoundInput {
                name: "Xét khen thưởng năm 2024".into(),
                kind: "yearly".into(),
                year: 2024,
                deadline: d(2025, 1, 10),
                awards: vec!["lao_dong_tien_tien".into(), "chien_si_thi_dua_co_so".into()],
                quotas: vec![Quota {
                    unit_id: w.ward,
                    award: "chien_si_thi_dua_co_so".into(),
                    max: 1,
                }],
                ..Default::default()
            }
            .validate(RuleTables::builtin())
            .unwrap(),
        )
        .await
        .unwrap()
}

/// Nominates, sends and accepts; answers the nomination's id.
pub async fn accepted(w: &World, round: &RoundDetail, person: i64, award: &str) -> i64 {
    let s = w.store();
    let n = s
        .create_nomination(
            &as_user("donvi1"),
            NominationInput {
                round_id: round.round.id,
                subject: "individual".into(),
                person_id: Some(person),
                unit_id: Some(w.ward),
                award: award.into(),
                summary: "Hoàn thành tốt nhiệm vụ".into(),
                ..Default::default()
            }
            .validate(RuleTables::builtin(), &round.awards)
            .unwrap(),
            d(2025, 1, 5),
        )
        .await
        .unwrap()
        .row
        .nomination
        .id;
    s.nomination_step(&as_user("donvi1"), n, NominationStep::Send, "")
        .await
        .unwrap();
    s.nomination_step(&as_user("noivu"), n, NominationStep::Accept, "")
        .await
        .unwrap();
    n
}
