//! Commendation in the store, on each engine: the ratings grid and locked years, rounds with quotas,
//! nominations with the pre-check, scope and steps, ballots and their refusals, decisions numbered
//! from the register (concurrently too) and made final, the record of achievements feeding the
//! rules engine, and the archive round trip. The bad inputs of issue 7 each change nothing.

mod commendation_world;

use commendation_world::*;
use thidua_domain::commendation::{Choice, NominationInput, NominationStatus, NominationStep};
use thidua_domain::rules::{self, RuleTables};
use thidua_store::commendation::{DecisionDraft, NominationQuery, PersonRating};
use thidua_store::files::Upload;
use thidua_store::testing::TestDb;
use thidua_store::StoreError;

fn scan() -> Upload {
    Upload {
        file_name: "qd-da-ky.pdf".into(),
        bytes: bytes::Bytes::from_static(
            b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
        ),
    }
}

fn draft(round_id: i64) -> DecisionDraft {
    DecisionDraft {
        round_id,
        summary: "Về việc tặng danh hiệu thi đua năm 2024".into(),
        symbol: "QĐ-UBND".into(),
        issuer: "UBND thành phố Lào Cai".into(),
        signer: "Chủ tịch".into(),
        planned_on: d(2025, 1, 20),
    }
}

#[tokio::test]
async fn the_ratings_grid_is_written_all_or_nothing_and_a_locked_year_refuses() {
    let w = world().await;
    let s = w.store();
    let grid = s.ratings_grid(w.ward, 2024).await.unwrap();
    assert_eq!(grid.rows.len(), 5);
    assert_eq!(grid.unit_rating.as_deref(), Some("hoan_thanh_xuat_sac"));
    let before = s.ratings_grid(w.ward, 2025).await.unwrap();
    assert!(before.rows.iter().all(|r| r.rating.is_none()));

    // A bad code and a person of another ward: both named, nothing written.
    let err = s
        .save_ratings(
            &actor(),
            w.ward,
            2025,
            &[
                PersonRating {
                    person_id: w.people[0],
                    rating: "hoan_thanh_tot".into(),
                },
                PersonRating {
                    person_id: w.people[1],
                    rating: "tot".into(),
                },
                PersonRating {
                    person_id: w.stranger,
                    rating: "hoan_thanh".into(),
                },
            ],
            None,
        )
        .await
        .unwrap_err();
    let StoreError::Invalid(inv) = err else {
        panic!("{err:?}")
    };
    assert!(inv.fields["rows[1].rating"].contains("\"tot\""), "{inv:?}");
    assert!(
        inv.fields["rows[2].person_id"].contains("không thuộc"),
        "{inv:?}"
    );
    let after = s.ratings_grid(w.ward, 2025).await.unwrap();
    assert!(
        after.rows.iter().all(|r| r.rating.is_none()),
        "nothing half-written"
    );

    // Saving again replaces; then the year is locked and a rating for it is refused.
    s.save_ratings(
        &actor(),
        w.ward,
        2025,
        &[PersonRating {
            person_id: w.people[0],
            rating: "hoan_thanh_tot".into(),
        }],
        None,
    )
    .await
    .unwrap();
    s.save_ratings(
        &actor(),
        w.ward,
        2025,
        &[PersonRating {
            person_id: w.people[0],
            rating: "hoan_thanh_xuat_sac".into(),
        }],
        None,
    )
    .await
    .unwrap();
    s.lock_rating_year(&actor(), 2025).await.unwrap();
    let err = s
        .save_ratings(
            &actor(),
            w.ward,
            2025,
            &[PersonRating {
                person_id: w.people[0],
                rating: "hoan_thanh".into(),
            }],
            None,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { field: Some(f), message } if f == "year" && message.contains("khoá")),
        "{err:?}"
    );
    let grid = s.ratings_grid(w.ward, 2025).await.unwrap();
    assert!(grid.locked);
    assert_eq!(
        grid.rows[grid
            .rows
            .iter()
            .position(|r| r.person_id == w.people[0])
            .unwrap()]
        .rating
        .as_deref(),
        Some("hoan_thanh_xuat_sac")
    );
}

#[tokio::test]
async fn nominations_are_prechecked_scoped_within_quota_and_keep_every_step() {
    let w = world().await;
    let s = w.store();
    let round = round_2024(&w).await;
    let nominate = |person: i64, award: &str| {
        NominationInput {
            round_id: round.round.id,
            subject: "individual".into(),
            person_id: Some(person),
            unit_id: Some(w.ward),
            award: award.into(),
            summary: "Thành tích".into(),
            ..Default::default()
        }
        .validate(RuleTables::builtin(), &round.awards)
        .unwrap()
    };

    // A person outside the nominating unit's scope.
    let err = s
        .create_nomination(
            &as_user("donvi1"),
            nominate(w.stranger, "lao_dong_tien_tien"),
            d(2025, 1, 5),
        )
        .await
        .unwrap_err();
    let StoreError::Invalid(inv) = &err else {
        panic!("{err:?}")
    };
    assert!(inv.fields["person_id"].contains("phạm vi"), "{inv:?}");
    assert!(s
        .nominations(&NominationQuery::default())
        .await
        .unwrap()
        .is_empty());

    // After the deadline.
    let err = s
        .create_nomination(
            &as_user("donvi1"),
            nominate(w.people[1], "lao_dong_tien_tien"),
            d(2025, 1, 11),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { field: Some(f), .. } if f == "round_id"),
        "{err:?}"
    );

    // Quota of one CSTĐ cơ sở: the second is refused.
    let first = s
        .create_nomination(
            &as_user("donvi1"),
            nominate(w.people[0], "chien_si_thi_dua_co_so"),
            d(2025, 1, 5),
        )
        .await
        .unwrap();
    assert_eq!(first.verdict.as_ref().unwrap()["eligible"], true);
    let quota = s.quota_use(round.round.id, w.ward).await.unwrap();
    assert_eq!((quota[0].quota.max, quota[0].quota.used), (1, 1));
    let err = s
        .create_nomination(
            &as_user("donvi1"),
            nominate(w.people[1], "chien_si_thi_dua_co_so"),
            d(2025, 1, 5),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { message, .. } if message.contains("chỉ tiêu")),
        "{err:?}"
    );

    // Dung is only "hoàn thành": the pre-check fails and says why; sending is refused.
    let dung = s
        .create_nomination(
            &as_user("donvi1"),
            nominate(w.people[3], "lao_dong_tien_tien"),
            d(2025, 1, 5),
        )
        .await
        .unwrap();
    let v = dung.verdict.clone().unwrap();
    assert_eq!(v["eligible"], false);
    assert_eq!(dung.row.nomination.precheck_eligible, Some(false));
    let err = s
        .nomination_step(
            &as_user("donvi1"),
            dung.row.nomination.id,
            NominationStep::Send,
            "",
        )
        .await
        .unwrap_err();
    let StoreError::Invalid(inv) = &err else {
        panic!("{err:?}")
    };
    assert!(
        inv.fields["precheck"].contains("Hoàn thành tốt nhiệm vụ"),
        "{inv:?}"
    );
    let still = s.nomination(dung.row.nomination.id).await.unwrap().unwrap();
    assert_eq!(still.row.nomination.status, "draft");

    // Steps: send, return (a comment is required), send again, accept; every step kept.
    let id = first.row.nomination.id;
    s.nomination_step(&as_user("donvi1"), id, NominationStep::Send, "")
        .await
        .unwrap();
    assert!(s
        .nomination_step(&as_user("noivu"), id, NominationStep::Return, " ")
        .await
        .is_err());
    s.nomination_step(
        &as_user("noivu"),
        id,
        NominationStep::Return,
        "Bổ sung báo cáo thành tích",
    )
    .await
    .unwrap();
    s.nomination_step(&as_user("donvi1"), id, NominationStep::Send, "")
        .await
        .unwrap();
    s.nomination_step(&as_user("noivu"), id, NominationStep::Accept, "")
        .await
        .unwrap();
    let err = s
        .nomination_step(&as_user("noivu"), id, NominationStep::Pass, "")
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(_)),
        "passing comes from a ballot"
    );
    let detail = s.nomination(id).await.unwrap().unwrap();
    let steps: Vec<&str> = detail
        .history
        .iter()
        .map(|h| h.to_status.as_str())
        .collect();
    assert_eq!(steps, ["draft", "sent", "returned", "sent", "accepted"]);
    assert_eq!(detail.history[2].comment, "Bổ sung báo cáo thành tích");
    assert_eq!(detail.history[2].by_name, "noivu");
    // Sent: no more files.
    assert!(s
        .attach_to_nomination(&as_user("donvi1"), id, vec![scan()])
        .await
        .is_err());
    assert_eq!(
        s.attach_to_nomination(&as_user("donvi1"), dung.row.nomination.id, vec![scan()])
            .await
            .unwrap()
            .len(),
        1
    );
}

/// Snapshot of every tally of a ballot (read straight from the table).
async fn tallies(w: &World, ballot: i64) -> Vec<(i64, i32, i32, i32)> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    use thidua_store::entity::ballot_tallies;
    ballot_tallies::Entity::find()
        .filter(ballot_tallies::Column::BallotId.eq(ballot))
        .order_by_asc(ballot_tallies::Column::NominationId)
        .all(w.store().connection())
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.nomination_id, t.yes_count, t.no_count, t.abstain_count))
        .collect()
}

#[tokio::test]
async fn ballots_refuse_late_second_and_recused_votes_and_change_nothing() {
    let w = world().await;
    let s = w.store();
    let round = round_2024(&w).await;
    let duc = accepted(&w, &round, w.people[0], "chien_si_thi_dua_co_so").await;
    let hoi = accepted(&w, &round, w.people[4], "lao_dong_tien_tien").await;
    let meeting = s
        .create_meeting(
            &actor(),
            w.council,
            round.round.id,
            d(2025, 1, 14),
            "Phòng họp 1",
        )
        .await
        .unwrap();
    assert_eq!(meeting.items.len(), 2);
    // hoidong3 is Hội, a nominee: recused from Hội's item automatically.
    assert_eq!(meeting.recusals.len(), 1);
    assert_eq!(meeting.recusals[0].nomination_id, hoi);
    let ballot = s.open_ballot(&actor(), meeting.meeting.id).await.unwrap();
    assert!(
        ballot.secret,
        "a Chiến sĩ thi đua title asks for a secret ballot"
    );

    let [m1, m2, m3] = [w.members[0], w.members[1], w.members[2]];
    s.cast_vote(
        &as_user("hoidong1"),
        ballot.id,
        m1,
        &[(duc, Choice::Yes), (hoi, Choice::Yes)],
    )
    .await
    .unwrap();
    let before = tallies(&w, ballot.id).await;

    // Second vote.
    let err = s
        .cast_vote(
            &as_user("hoidong1"),
            ballot.id,
            m1,
            &[(duc, Choice::No), (hoi, Choice::No)],
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { message, .. } if message.contains("đã bỏ phiếu")),
        "{err:?}"
    );
    assert_eq!(tallies(&w, ballot.id).await, before);
    // A recused member voting on the item they are recused from.
    let err = s
        .cast_vote(
            &as_user("hoidong3"),
            ballot.id,
            m3,
            &[(duc, Choice::Yes), (hoi, Choice::Yes)],
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { message, .. } if message.contains("không biểu quyết")),
        "{err:?}"
    );
    assert_eq!(tallies(&w, ballot.id).await, before);
    // A paper that misses an item.
    assert!(s
        .cast_vote(&as_user("hoidong2"), ballot.id, m2, &[(duc, Choice::Yes)])
        .await
        .is_err());
    assert_eq!(tallies(&w, ballot.id).await, before);
    // Before the close nobody sees the counters.
    let view = s.ballot_view(ballot.id, Some(m2)).await.unwrap().unwrap();
    assert!(view.items.iter().all(|i| i.tally.is_none()));
    assert_eq!(view.voters, 1);
    assert!(!view.voted);

    s.cast_vote(
        &as_user("hoidong2"),
        ballot.id,
        m2,
        &[(hoi, Choice::Yes), (duc, Choice::No)],
    )
    .await
    .unwrap();
    s.cast_vote(&as_user("hoidong3"), ballot.id, m3, &[(duc, Choice::Yes)])
        .await
        .unwrap();
    s.close_ballot(&actor(), ballot.id).await.unwrap();
    let closed = tallies(&w, ballot.id).await;
    // A vote after the close.
    let err = s
        .cast_vote(
            &as_user("hoidong2"),
            ballot.id,
            m2,
            &[(duc, Choice::Yes), (hoi, Choice::Yes)],
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { message, .. } if message.contains("đã đóng")),
        "{err:?}"
    );
    assert_eq!(tallies(&w, ballot.id).await, closed);

    // Every member reads the tally after the close. Đức: 2 yes of 3 (66.7% < 70%): fails; Hội: 2 of
    // 2 eligible: passes.
    for m in [m1, m2, m3] {
        let view = s.ballot_view(ballot.id, Some(m)).await.unwrap().unwrap();
        assert!(view.voted);
        let items: Vec<_> = view
            .items
            .iter()
            .map(|i| (i.nomination_id, i.tally.unwrap().yes, i.passed))
            .collect();
        assert_eq!(items, vec![(duc, 2, Some(false)), (hoi, 2, Some(true))]);
    }
    assert_eq!(
        s.nomination(duc)
            .await
            .unwrap()
            .unwrap()
            .row
            .nomination
            .status,
        NominationStatus::Failed.code()
    );
    assert_eq!(
        s.nomination(hoi)
            .await
            .unwrap()
            .unwrap()
            .row
            .nomination
            .status,
        NominationStatus::Passed.code()
    );
}

async fn passed_round(w: &World) -> (i64, Vec<i64>) {
    let s = w.store();
    let round = round_2024(w).await;
    let a = accepted(w, &round, w.people[1], "lao_dong_tien_tien").await;
    let b = accepted(w, &round, w.people[0], "chien_si_thi_dua_co_so").await;
    let meeting = s
        .create_meeting(&actor(), w.council, round.round.id, d(2025, 1, 14), "")
        .await
        .unwrap();
    let ballot = s.open_ballot(&actor(), meeting.meeting.id).await.unwrap();
    for (i, m) in w.members.iter().enumerate() {
        s.cast_vote(
            &as_user(&format!("hoidong{}", i + 1)),
            ballot.id,
            *m,
            &[(a, Choice::Yes), (b, Choice::Yes)],
        )
        .await
        .unwrap();
    }
    s.close_ballot(&actor(), ballot.id).await.unwrap();
    (round.round.id, vec![a, b])
}

#[tokio::test]
async fn a_decision_is_drafted_with_money_numbered_from_the_register_and_final_once_signed() {
    let w = world().await;
    let s = w.store();
    let (round, noms) = passed_round(&w).await;
    let dec = s
        .draft_decision(&as_user("noivu"), draft(round))
        .await
        .unwrap();
    assert_eq!(dec.lines.len(), 2);
    // 20/01/2025: base 2,340,000. LĐTT 0.3 → 710,000; CSTĐ cơ sở 1.0 → 2,340,000.
    let amounts: Vec<Option<i64>> = dec.lines.iter().map(|l| l.amount_vnd).collect();
    assert_eq!(amounts, vec![Some(710_000), Some(2_340_000)]);
    assert_eq!(dec.decision.total_vnd, 3_050_000);
    // The same nominations cannot go into a second decision.
    assert!(s
        .draft_decision(&as_user("noivu"), draft(round))
        .await
        .is_err());

    // A number already used in the register and year is refused, nothing changed.
    let other = s
        .register_document(
            &actor(),
            thidua_domain::movement::DocumentInput {
                direction: Some("outgoing".into()),
                reference: Some("07/QĐ-UBND".into()),
                kind: Some("quyet_dinh".into()),
                issued_on: Some("2025-01-03".into()),
                summary: "Quyết định khác".into(),
                issuer: "UBND thành phố Lào Cai".into(),
                ..Default::default()
            }
            .validate()
            .unwrap(),
        )
        .await;
    let other = other.unwrap();
    assert_eq!(other.number, Some(7));
    let err = s
        .approve_decision(
            &as_user("lanhdao"),
            dec.decision.id,
            d(2025, 1, 20),
            Some(7),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { field: Some(f), .. } if f == "reference"),
        "{err:?}"
    );
    let unchanged = s.award_decision(dec.decision.id).await.unwrap().unwrap();
    assert_eq!(unchanged.decision.status, "draft");
    assert!(unchanged.decision.reference.is_none());

    // Approved with the next number of the register (after 07).
    let approved = s
        .approve_decision(&as_user("lanhdao"), dec.decision.id, d(2025, 1, 20), None)
        .await
        .unwrap();
    assert_eq!(approved.reference.as_deref(), Some("08/QĐ-UBND"));
    assert_eq!(approved.status, "approved");
    // Not final yet: no award in the record.
    assert!(s
        .person_record(w.people[1])
        .await
        .unwrap()
        .unwrap()
        .achievements
        .is_empty());
    // Approved: no more edits.
    let err = s
        .update_decision(&actor(), dec.decision.id, approved.version, "Sửa", "X")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict { .. }), "{err:?}");

    let fin = s
        .finalise_decision(&as_user("noivu"), dec.decision.id, scan())
        .await
        .unwrap();
    assert_eq!(fin.status, "final");
    // Editing a signed decision: refused, nothing changed.
    let err = s
        .update_decision(&actor(), dec.decision.id, fin.version, "Sửa", "X")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { message, .. } if message.contains("đã ký")),
        "{err:?}"
    );
    assert!(s
        .remove_decision_line(&actor(), dec.decision.id, dec.lines[0].id)
        .await
        .is_err());
    assert!(s
        .finalise_decision(&actor(), dec.decision.id, scan())
        .await
        .is_err());
    let after = s.award_decision(dec.decision.id).await.unwrap().unwrap();
    assert_eq!(after.decision, fin);
    assert_eq!(after.lines.len(), 2);
    assert_eq!(after.attachments.len(), 1);
    for n in &noms {
        assert_eq!(
            s.nomination(*n)
                .await
                .unwrap()
                .unwrap()
                .row
                .nomination
                .status,
            "decided"
        );
    }

    // The record shows the award with its amount, and the rules engine reads it.
    let rec = s.person_record(w.people[1]).await.unwrap().unwrap();
    assert_eq!(rec.achievements.len(), 1);
    let a = &rec.achievements[0];
    assert_eq!(
        (
            a.year,
            a.award.as_str(),
            a.amount_vnd,
            a.reference.as_deref()
        ),
        (
            2024,
            "lao_dong_tien_tien",
            Some(710_000),
            Some("08/QĐ-UBND")
        )
    );
    let case = s
        .case_for_person(w.people[1], "lao_dong_tien_tien", 2025, d(2026, 1, 15))
        .await
        .unwrap();
    assert!(case.record(2024).unwrap().has_title("lao_dong_tien_tien"));
    assert_eq!(
        case.record(2024).unwrap().rating,
        Some(rules::Rating::HoanThanhTot)
    );
}

#[tokio::test]
async fn imported_history_and_ratings_make_a_multi_year_case() {
    let w = world().await;
    let s = w.store();
    use thidua_domain::commendation::ImportedAchievementInput;
    let rows: Vec<ImportedAchievementInput> = [2021, 2022, 2023]
        .into_iter()
        .map(|year| ImportedAchievementInput {
            person_id: Some(w.people[0]),
            year,
            award: "chien_si_thi_dua_co_so".into(),
            reference: format!("{}/QĐ-UBND", year - 2000),
            ..Default::default()
        })
        .collect();
    // One bad row: nothing imported.
    let mut bad = rows.clone();
    bad.push(ImportedAchievementInput {
        person_id: Some(w.people[0]),
        year: 2023,
        award: "khong_co".into(),
        ..Default::default()
    });
    assert!(s.import_achievements(&actor(), &bad).await.is_err());
    assert!(s
        .person_record(w.people[0])
        .await
        .unwrap()
        .unwrap()
        .achievements
        .is_empty());
    assert_eq!(s.import_achievements(&actor(), &rows).await.unwrap(), 3);
    let case = s
        .case_for_person(
            w.people[0],
            "chien_si_thi_dua_cap_tinh",
            2023,
            d(2024, 2, 1),
        )
        .await
        .unwrap();
    let verdict = rules::judge(&case, RuleTables::builtin()).unwrap();
    // Three consecutive CSTĐ cơ sở are met; the provincial initiative is missing.
    let texts: Vec<(Option<bool>, &str)> = verdict
        .criteria
        .iter()
        .map(|c| (c.met, c.text.as_str()))
        .collect();
    assert_eq!(texts[0].0, Some(true), "{texts:?}");
    assert_eq!(texts[1].0, Some(false), "{texts:?}");
    assert!(!verdict.eligible);
    // Đức is "hoàn thành xuất sắc" in 2024: eligible for CSTĐ cơ sở 2024 under Luật 2022.
    let case = s
        .case_for_person(w.people[0], "chien_si_thi_dua_co_so", 2024, d(2025, 1, 20))
        .await
        .unwrap();
    assert!(rules::judge(&case, RuleTables::builtin()).unwrap().eligible);
}

#[tokio::test]
async fn higher_level_awards_go_up_as_a_dossier() {
    let w = world().await;
    let s = w.store();
    let (round, noms) = passed_round(&w).await;
    // A city title cannot be forwarded.
    let err = s
        .nomination_step(&actor(), noms[0], NominationStep::Forward, "")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    assert_eq!(
        s.nomination(noms[0])
            .await
            .unwrap()
            .unwrap()
            .row
            .nomination
            .status,
        "passed"
    );
    let _ = round;
}

#[tokio::test]
async fn concurrent_approvals_take_distinct_numbers_without_gaps() {
    let w = world().await;
    let s = w.store();
    let (round, _) = passed_round(&w).await;
    // One decision per line: draft, then move the second line into a fresh draft.
    let first = s.draft_decision(&actor(), draft(round)).await.unwrap();
    s.remove_decision_line(&actor(), first.decision.id, first.lines[1].id)
        .await
        .unwrap();
    let second = s.draft_decision(&actor(), draft(round)).await.unwrap();
    assert_eq!(second.lines.len(), 1);
    let mut ids = vec![first.decision.id, second.decision.id];
    // More drafts need more passed nominations: a third and fourth from another round.
    let mut handles = Vec::new();
    let other = w.db.reopen().await;
    for (i, id) in ids.drain(..).enumerate() {
        let store = if i % 2 == 0 { s.clone() } else { other.clone() };
        handles.push(tokio::spawn(async move {
            store
                .approve_decision(&actor(), id, d(2025, 1, 20), None)
                .await
        }));
    }
    let mut refs = Vec::new();
    for h in handles {
        refs.push(h.await.unwrap().unwrap().reference.unwrap());
    }
    refs.sort();
    assert_eq!(
        refs,
        vec!["01/QĐ-UBND".to_string(), "02/QĐ-UBND".to_string()]
    );
}

#[tokio::test]
async fn the_archive_carries_commendation() {
    let w = world().await;
    let s = w.store();
    let (round, _) = passed_round(&w).await;
    let dec = s.draft_decision(&actor(), draft(round)).await.unwrap();
    s.approve_decision(&actor(), dec.decision.id, d(2025, 1, 20), None)
        .await
        .unwrap();
    s.finalise_decision(&actor(), dec.decision.id, scan())
        .await
        .unwrap();
    let mut buf = Vec::new();
    let out = s.export(&mut buf, false).await.unwrap();
    let target = TestDb::new().await;
    let back = target.store.import(&buf[..]).await.unwrap();
    let count = |r: &thidua_store::archive::ArchiveReport, t: &str| {
        r.tables.iter().find(|(n, _)| n == t).map(|x| x.1)
    };
    for t in [
        "nominations",
        "ballot_voters",
        "ballot_tallies",
        "award_decisions",
        "decision_lines",
        "unit_ratings",
    ] {
        assert!(count(&out, t).unwrap() > 0, "{t}");
        assert_eq!(count(&out, t), count(&back, t), "{t}");
    }
    let a = s.person_record(w.people[1]).await.unwrap().unwrap();
    let b = target
        .store
        .person_record(w.people[1])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.achievements, b.achievements);
}

#[tokio::test]
async fn the_sample_has_years_of_commendation_for_nld1() {
    let db = TestDb::new().await;
    let report = db
        .store
        .load_sample(thidua_sample::Scale::City, 3, &|_, _| {})
        .await
        .unwrap();
    assert_eq!(report.commendation.rounds, 2, "{report:?}");
    assert_eq!(report.commendation.decisions, 1);
    assert!(report.commendation.imported >= 2);
    db.store.create_demo_accounts().await.unwrap();
    let nld1 = db.store.user_by_name("nld1").await.unwrap().unwrap();
    let person = nld1.user.person_id.unwrap();
    let rec = db.store.person_record(person).await.unwrap().unwrap();
    let awards: Vec<(i32, &str, &str)> = rec
        .achievements
        .iter()
        .map(|a| (a.year, a.award.as_str(), a.source))
        .collect();
    for want in [
        (2024, "lao_dong_tien_tien", "decision"),
        (2024, "chien_si_thi_dua_co_so", "decision"),
        (2023, "lao_dong_tien_tien", "imported"),
        (2022, "lao_dong_tien_tien", "imported"),
    ] {
        assert!(awards.contains(&want), "{want:?} in {awards:?}");
    }
    let cstd = rec
        .achievements
        .iter()
        .find(|a| a.award == "chien_si_thi_dua_co_so")
        .unwrap();
    assert_eq!(cstd.amount_vnd, Some(2_340_000));
    assert!(
        cstd.reference
            .as_deref()
            .is_some_and(|r| r.ends_with("/QĐ-UBND")),
        "{cstd:?}"
    );
    // Three years of Lao động tiên tiến and an excellent 2025: eligible for CSTĐ cơ sở 2025.
    let case = db
        .store
        .case_for_person(person, "chien_si_thi_dua_co_so", 2025, d(2026, 1, 15))
        .await
        .unwrap();
    assert!(rules::judge(&case, RuleTables::builtin()).unwrap().eligible);
    // The open round of 2025 takes nominations today.
    let rounds = db.store.award_rounds().await.unwrap();
    assert!(rounds.iter().any(|r| r.year == 2025 && r.status == "open"));
}

#[tokio::test]
async fn every_persons_case_at_once_is_the_case_built_for_each() {
    let db = TestDb::new().await;
    db.store
        .load_sample(thidua_sample::Scale::City, 3, &|_, _| {})
        .await
        .unwrap();
    let decided = d(2026, 1, 15);
    let rows = db.store.person_case_rows(decided).await.unwrap();
    let cases = rows.cases("chien_si_thi_dua_co_so", 2025, decided);
    assert_eq!(cases.len(), rows.people());
    assert!(rows.people() > 1000, "the city sample's people");
    let with_titles = cases
        .iter()
        .filter(|(_, c)| c.history.iter().any(|y| !y.titles.is_empty()))
        .count();
    let with_initiatives = cases
        .iter()
        .filter(|(_, c)| c.history.iter().any(|y| !y.initiatives.is_empty()))
        .count();
    assert!(
        with_titles > 0 && with_initiatives > 0,
        "{with_titles} {with_initiatives}"
    );
    // Everyone with a record or an initiative, and every 25th other person, against the one-person
    // builder (the whole case: ratings, titles in order, initiatives, staff level, union).
    let mut compared = 0;
    for (i, (id, bulk)) in cases.iter().enumerate() {
        let rich = bulk
            .history
            .iter()
            .any(|y| !y.titles.is_empty() || !y.initiatives.is_empty());
        if !rich && i % 25 != 0 {
            continue;
        }
        let one = db
            .store
            .case_for_person(*id, "chien_si_thi_dua_co_so", 2025, decided)
            .await
            .unwrap();
        assert_eq!(bulk, &one, "person {id}");
        compared += 1;
    }
    assert!(compared > 100, "{compared}");
}

#[tokio::test]
async fn the_precheck_of_everyone_is_each_persons_own_verdict() {
    let db = TestDb::new().await;
    db.store
        .load_sample(thidua_sample::Scale::City, 3, &|_, _| {})
        .await
        .unwrap();
    let decided = d(2025, 12, 31);
    let p = db
        .store
        .precheck_everyone(2025, decided, None)
        .await
        .unwrap();
    let tables = db.store.rule_tables().await.unwrap();
    let titles = thidua_store::precheck::individual_titles(&tables);
    assert_eq!(
        p.titles.iter().map(|t| t.title.clone()).collect::<Vec<_>>(),
        titles.iter().map(|t| t.0.clone()).collect::<Vec<_>>()
    );
    assert!(titles.iter().any(|t| t.0 == "lao_dong_tien_tien"));
    assert!(p.people > 1000);
    for t in &p.titles {
        assert_eq!(t.judged, p.people, "{}", t.title);
        assert!(t.eligible.windows(2).all(|w| w[0].0 < w[1].0), "ascending");
    }
    let ltt = p
        .titles
        .iter()
        .find(|t| t.title == "lao_dong_tien_tien")
        .unwrap();
    assert!(!ltt.eligible.is_empty(), "the sample has people rated well");
    // Every 40th person and every eligible one of the rarer titles, against the one-person path.
    let mut ids: Vec<i64> = ltt.eligible.iter().step_by(40).map(|e| e.0).collect();
    for t in &p.titles {
        if t.title != "lao_dong_tien_tien" {
            ids.extend(t.eligible.iter().take(30).map(|e| e.0));
        }
    }
    let everyone = db.store.person_case_rows(decided).await.unwrap();
    ids.extend(
        everyone
            .cases("lao_dong_tien_tien", 2025, decided)
            .iter()
            .step_by(40)
            .map(|(id, _)| *id),
    );
    ids.sort_unstable();
    ids.dedup();
    let mut eligible_seen = 0;
    for id in &ids {
        for t in &p.titles {
            let case = db
                .store
                .case_for_person(*id, &t.title, 2025, decided)
                .await
                .unwrap();
            let one = rules::judge(&case, &tables)
                .map(|v| v.eligible)
                .unwrap_or(false);
            let bulk = t.eligible.iter().any(|e| e.0 == *id);
            assert_eq!(bulk, one, "person {id}, {}", t.title);
            eligible_seen += usize::from(one);
        }
    }
    assert!(
        ids.len() > 50 && eligible_seen > 10,
        "{} {eligible_seen}",
        ids.len()
    );
    // A unit officer's scope: only the people of their units, the same verdicts.
    let unit = ltt.eligible[0].1;
    let only: std::collections::HashSet<i64> = [unit].into();
    let mine = db
        .store
        .precheck_everyone(2025, decided, Some(&only))
        .await
        .unwrap();
    assert!(mine.people > 0 && mine.people < p.people);
    for (a, b) in mine.titles.iter().zip(&p.titles) {
        let theirs: Vec<(i64, i64)> = b.eligible.iter().copied().filter(|e| e.1 == unit).collect();
        assert_eq!(a.eligible, theirs, "{}", a.title);
        assert_eq!(a.judged, mine.people);
    }
}

#[tokio::test]
async fn the_office_edits_a_drafts_texts_and_the_approving_leader_signs() {
    let w = world().await;
    let s = w.store();
    let today = d(2025, 1, 5);
    let leader = s
        .create_person(
            &actor(),
            thidua_domain::directory::PersonInput {
                full_name: "Nguyễn Văn Bình".into(),
                unit_id: w.city,
                category: "cong_chuc".into(),
                staff_level: Some("manager".into()),
                position: "Phó Chủ tịch UBND thành phố".into(),
                ..Default::default()
            }
            .validate(today)
            .unwrap(),
            today,
        )
        .await
        .unwrap()
        .id;
    s.create_user(
        &actor(),
        thidua_store::accounts::NewUser {
            username: "phochutich".into(),
            display_name: "Phó Chủ tịch".into(),
            password: "mat-khau-thu-2024".into(),
            roles: vec![thidua_domain::access::Role::Leader],
            unit_id: Some(w.city),
            person_id: Some(leader),
        },
    )
    .await
    .unwrap();
    let (round, _) = passed_round(&w).await;
    // The office types only the title: the one leader account whose person has that position
    // becomes the draft's signer, name, title and authority.
    let dec = s
        .draft_decision(
            &as_user("noivu"),
            DecisionDraft {
                signer: "Phó Chủ tịch Ủy ban nhân dân".into(),
                ..draft(round)
            },
        )
        .await
        .unwrap();
    assert_eq!(dec.decision.signer, "Nguyễn Văn Bình");
    assert_eq!(dec.decision.signer_title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(
        dec.decision.signer_authority.as_deref(),
        Some("KT. CHỦ TỊCH")
    );
    // Drafted with the default texts, stored.
    let t = dec.texts();
    assert_eq!(t.bases.len(), 4);
    assert_eq!(t.funding, "nguồn kinh phí thi đua, khen thưởng năm 2024");
    assert_eq!(dec.decision.funding.as_deref(), Some(t.funding.as_str()));
    let mut edited = t.clone();
    edited.bases.push("Căn cứ Kế hoạch số 3/KH-UBND;".into());
    edited.executors = "Trưởng phòng Nội vụ".into();
    let after = s
        .update_decision_texts(&as_user("noivu"), dec.decision.id, 1, edited.clone())
        .await
        .unwrap();
    assert_eq!(after.version, 2);
    // A stale version changes nothing.
    assert!(matches!(
        s.update_decision_texts(&as_user("noivu"), dec.decision.id, 1, t.clone())
            .await
            .unwrap_err(),
        StoreError::Conflict { .. }
    ));
    let approved = s
        .approve_decision(
            &as_user("phochutich"),
            dec.decision.id,
            d(2025, 1, 20),
            None,
        )
        .await
        .unwrap();
    assert_eq!(approved.signer, "Nguyễn Văn Bình");
    assert_eq!(approved.signer_title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(approved.signer_authority.as_deref(), Some("KT. CHỦ TỊCH"));
    let detail = s.award_decision(dec.decision.id).await.unwrap().unwrap();
    assert_eq!(detail.texts().bases, edited.bases);
    assert_eq!(detail.texts().executors, "Trưởng phòng Nội vụ");
    // Approved: the texts are read-only.
    let err = s
        .update_decision_texts(&as_user("noivu"), dec.decision.id, approved.version, t)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { field: Some(f), .. } if f == "status"),
        "{err:?}"
    );
    let unchanged = s.award_decision(dec.decision.id).await.unwrap().unwrap();
    assert_eq!(unchanged.decision.version, approved.version);
}
