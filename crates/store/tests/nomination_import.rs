//! A unit's nomination list imported into a round, on each engine: every row matched and given the
//! checks and pre-check of a nomination made on the form, each bad input of issue 8 a problem of its
//! row and column (unknown unit or person with the closest names, outside the scope, ambiguous,
//! duplicate in the file and against the round, unknown award, the quota exceeded by the file), a
//! closed or late round refusing the file, a Word letter's table read like a sheet, and all rows or
//! none.

mod commendation_world;
#[path = "../../office/tests/common/word_files.rs"]
mod word_files;

use commendation_world::*;
use thidua_domain::commendation::{NominationInput, NominationStatus};
use thidua_domain::directory::PersonInput;
use thidua_domain::rules::RuleTables;
use thidua_office::xlsx::{Cell, Limits, ListSheet};
use thidua_store::audit::AuditQuery;
use thidua_store::commendation::{NominationQuery, RoundDetail};
use thidua_store::nomination_import::NominationsImport;
use thidua_store::StoreError;
use word_files::{docx, word_table};

const HEADERS: [&str; 7] = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Chức vụ",
    "Đơn vị",
    "Danh hiệu đề nghị",
    "Tóm tắt thành tích",
];

fn row(n: i64, name: &str, unit: &str, award: &str) -> Vec<Cell> {
    vec![
        Cell::Int(n),
        Cell::text(name),
        Cell::Empty,
        Cell::text("Cán bộ"),
        Cell::text(unit),
        Cell::text(award),
        Cell::text("Hoàn thành tốt nhiệm vụ được giao"),
    ]
}

fn xlsx(rows: Vec<Vec<Cell>>) -> Vec<u8> {
    ListSheet::new("Danh sách đề nghị", &HEADERS)
        .with_rows(rows)
        .to_xlsx()
        .unwrap()
}

async fn check(w: &World, round: &RoundDetail, bytes: &[u8]) -> NominationsImport {
    w.store()
        .check_nominations_file(
            bytes,
            None,
            round.round.id,
            w.ward,
            &Limits::default(),
            d(2025, 1, 5),
        )
        .await
        .unwrap()
}

async fn count(w: &World, round: &RoundDetail) -> usize {
    w.store()
        .nominations(&NominationQuery {
            round_id: Some(round.round.id),
            ..Default::default()
        })
        .await
        .unwrap()
        .len()
}

/// Each problem as "row|column letter|message".
fn problems(c: &NominationsImport) -> Vec<String> {
    c.preview
        .problems
        .iter()
        .map(|p| format!("{}|{}|{}", p.row, p.column_letter, p.message_vi))
        .collect()
}

#[tokio::test]
async fn a_list_is_previewed_with_each_verdict_then_written_at_once_and_audited_once() {
    let w = world().await;
    let round = round_2024(&w).await;
    let bytes = xlsx(vec![
        row(
            1,
            "Nguyễn Văn Đức",
            "Phường Cốc Lếu",
            "Chiến sĩ thi đua cơ sở",
        ),
        row(2, "LÊ THỊ BÌNH", "", "Lao dong tien tien"),
        row(3, "Phạm Thị Dung", "P1", "lao_dong_tien_tien"),
    ]);
    let c = check(&w, &round, &bytes).await;
    assert!(c.is_clean(), "{:?}", problems(&c));
    assert_eq!(c.items.len(), 3);
    let (row, duc) = &c.items[0];
    assert_eq!(*row, 2, "rows as Excel numbers them");
    assert_eq!(duc.nomination.person_id, Some(w.people[0]));
    assert_eq!(duc.nomination.award, "chien_si_thi_dua_co_so");
    assert_eq!(duc.nomination.unit_id, Some(w.ward));
    assert_eq!(duc.award_name, "Chiến sĩ thi đua cơ sở");
    assert_eq!(c.items[1].1.subject_name, "Lê Thị Bình");
    assert!(c.items[1].1.eligible);
    // Dung was only "completed": the verdict says why, with the article.
    let dung = &c.items[2].1;
    assert!(!dung.eligible);
    assert!(
        dung.reasons.iter().any(|r| r.contains("Điều")),
        "{:?}",
        dung.reasons
    );
    assert_eq!(count(&w, &round).await, 0, "a check writes nothing");

    let ids = w
        .store()
        .import_nominations(&as_user("donvi1"), &c, "de-nghi.xlsx", d(2025, 1, 5))
        .await
        .unwrap();
    assert_eq!(ids.len(), 3);
    let written = w
        .store()
        .nominations(&NominationQuery {
            round_id: Some(round.round.id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        written
            .iter()
            .map(|n| (n.subject_name.as_str(), n.nomination.award.as_str()))
            .collect::<Vec<_>>(),
        [
            ("Nguyễn Văn Đức", "chien_si_thi_dua_co_so"),
            ("Lê Thị Bình", "lao_dong_tien_tien"),
            ("Phạm Thị Dung", "lao_dong_tien_tien"),
        ]
    );
    assert!(written
        .iter()
        .all(|n| n.nomination.status == NominationStatus::Draft.code()
            && n.nomination.unit_id == w.ward
            && n.nomination.summary == "Hoàn thành tốt nhiệm vụ được giao"));
    assert_eq!(written[2].nomination.precheck_eligible, Some(false));
    let audit = w
        .store()
        .audit_list(&AuditQuery {
            entity: Some("nomination".into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        })
        .await
        .unwrap()
        .items;
    assert_eq!(audit.len(), 1, "one entry for the import");
    assert_eq!(audit[0].action, "import");
    assert!(audit[0]
        .after
        .as_deref()
        .unwrap_or("")
        .contains("de-nghi.xlsx"));

    // The same file again: every row is now a duplicate of the round's nominations.
    let again = check(&w, &round, &bytes).await;
    assert!(again.items.is_empty());
    assert!(
        problems(&again)
            .iter()
            .all(|p| p.contains("đã được đề nghị danh hiệu này")),
        "{:?}",
        problems(&again)
    );
}

#[tokio::test]
async fn every_bad_row_is_named_with_its_column_and_nothing_is_written() {
    let w = world().await;
    let round = round_2024(&w).await;
    // Trần Văn An already nominated for LĐTT in the round.
    w.store()
        .create_nomination(
            &as_user("donvi1"),
            NominationInput {
                round_id: round.round.id,
                subject: "individual".into(),
                person_id: Some(w.people[2]),
                unit_id: Some(w.ward),
                award: "lao_dong_tien_tien".into(),
                ..Default::default()
            }
            .validate(RuleTables::builtin(), &round.awards)
            .unwrap(),
            d(2025, 1, 5),
        )
        .await
        .unwrap();
    let bytes = xlsx(vec![
        row(1, "Nguyễn Văn Đức", "Phường Cốc Liêu", "Lao động tiên tiến"),
        row(2, "Nguyễn Văn Đứa", "", "Lao động tiên tiến"),
        row(3, "Vũ Văn Xa", "", "Lao động tiên tiến"),
        row(4, "Lê Thị Bình", "", "Huân chương Sao Hoả"),
        row(5, "Lê Thị Bình", "", "Bằng khen của Thủ tướng Chính phủ"),
        row(6, "Phạm Thị Dung", "", "Lao động tiên tiến"),
        row(7, "Phạm Thị Dung", "", "Lao động tiên tiến"),
        row(8, "Trần Văn An", "", "Lao động tiên tiến"),
        row(9, "Nguyễn Văn Đức", "", "Chiến sĩ thi đua cơ sở"),
        row(10, "Hoàng Văn Hội", "", "Chiến sĩ thi đua cơ sở"),
        row(11, "Lê Thị Bình", "", "Lao động tiên tiến"),
    ]);
    let c = check(&w, &round, &bytes).await;
    let p = problems(&c);
    let at = |row: u32| -> Vec<&String> {
        p.iter()
            .filter(|x| x.starts_with(&format!("{row}|")))
            .collect()
    };
    // Unknown unit: the closest names.
    assert!(
        at(2).iter().any(|x| x.starts_with("2|E|")
            && x.contains("Không có đơn vị 'Phường Cốc Liêu'")
            && x.contains("Phường Cốc Lếu")),
        "{p:?}"
    );
    // Unknown person: the closest names of the scope.
    assert!(
        at(3).iter().any(|x| x.starts_with("3|B|")
            && x.contains("Không có người tên \"Nguyễn Văn Đứa\"")
            && x.contains("Nguyễn Văn Đức")),
        "{p:?}"
    );
    // Outside the nominating unit's scope.
    assert!(
        at(4)
            .iter()
            .any(|x| x.contains("Vũ Văn Xa (Phường Bắc Lệnh) không thuộc phạm vi")),
        "{p:?}"
    );
    // Unknown award; a known award the round does not consider.
    assert!(
        at(5).iter().any(|x| x.starts_with("5|F|")
            && x.contains("Không có danh hiệu, hình thức \"Huân chương Sao Hoả\"")),
        "{p:?}"
    );
    assert!(
        at(6)
            .iter()
            .any(|x| x.starts_with("6|F|") && x.contains("Đợt xét này không xét")),
        "{p:?}"
    );
    // The same person and award twice in the file: the second row.
    assert!(at(7).is_empty(), "{p:?}");
    assert!(
        at(8)
            .iter()
            .any(|x| x.contains("trùng người (tập thể) và danh hiệu với dòng 7")),
        "{p:?}"
    );
    // Against the round's nominations.
    assert!(
        at(9)
            .iter()
            .any(|x| x.contains("đã được đề nghị danh hiệu này")),
        "{p:?}"
    );
    // A quota of one CSTĐCS: the file's second one exceeds it.
    assert!(at(10).is_empty(), "{p:?}");
    assert!(
        at(11)
            .iter()
            .any(|x| x.starts_with("11|F|") && x.contains("Vượt chỉ tiêu")),
        "{p:?}"
    );
    assert!(at(12).is_empty(), "{p:?}");
    assert!(!c.is_clean());
    assert_eq!(c.items.len(), 3, "rows 7, 10 and 12 are right");

    // All or nothing: the good rows are not written either.
    let before = count(&w, &round).await;
    let err = w
        .store()
        .import_nominations(&as_user("donvi1"), &c, "de-nghi.xlsx", d(2025, 1, 5))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("chưa ghi dòng nào"), "{err}");
    assert_eq!(count(&w, &round).await, before);
}

#[tokio::test]
async fn a_name_twice_in_the_scope_needs_the_birth_date() {
    let w = world().await;
    let round = round_2024(&w).await;
    let today = d(2025, 1, 5);
    let twin = w
        .store()
        .create_person(
            &actor(),
            PersonInput {
                full_name: "Lê Thị Bình".into(),
                birth_date: Some(d(1990, 3, 2)),
                unit_id: w.ward,
                category: "cong_chuc".into(),
                ..Default::default()
            }
            .validate(today)
            .unwrap(),
            today,
        )
        .await
        .unwrap()
        .id;
    let mut with_birth = row(2, "Lê Thị Bình", "", "Lao động tiên tiến");
    with_birth[2] = Cell::text("02/03/1990");
    let c = check(
        &w,
        &round,
        &xlsx(vec![
            row(1, "Lê Thị Bình", "", "Lao động tiên tiến"),
            with_birth,
        ]),
    )
    .await;
    let p = problems(&c);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("2|B|") && p[0].contains("Có 2 người tên") && p[0].contains("Ngày sinh"),
        "{p:?}"
    );
    assert_eq!(c.items.len(), 1);
    assert_eq!(c.items[0].1.nomination.person_id, Some(twin));
    assert_eq!(c.items[0].1.birth_date, Some(d(1990, 3, 2)));
}

#[tokio::test]
async fn a_closed_or_late_round_refuses_the_whole_file() {
    let w = world().await;
    let round = round_2024(&w).await;
    let bytes = xlsx(vec![row(1, "Lê Thị Bình", "", "Lao động tiên tiến")]);
    let late = w
        .store()
        .check_nominations_file(
            &bytes,
            None,
            round.round.id,
            w.ward,
            &Limits::default(),
            d(2025, 1, 11),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&late, StoreError::Conflict { message, .. } if message.contains("quá hạn")),
        "{late}"
    );
    // Checked in time, written after the deadline: refused, nothing written.
    let c = check(&w, &round, &bytes).await;
    assert!(c.is_clean());
    let err = w
        .store()
        .import_nominations(&as_user("donvi1"), &c, "a.xlsx", d(2025, 1, 11))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Dòng 2"), "{err}");
    assert_eq!(count(&w, &round).await, 0);
    w.store()
        .close_award_round(&actor(), round.round.id)
        .await
        .unwrap();
    let closed = w
        .store()
        .check_nominations_file(
            &bytes,
            None,
            round.round.id,
            w.ward,
            &Limits::default(),
            d(2025, 1, 5),
        )
        .await
        .unwrap_err();
    assert!(
        closed.to_string().contains("Đợt xét đã kết thúc"),
        "{closed}"
    );
}

#[tokio::test]
async fn a_row_nominated_meanwhile_stops_the_whole_list() {
    let w = world().await;
    let round = round_2024(&w).await;
    let c = check(
        &w,
        &round,
        &xlsx(vec![
            row(1, "Lê Thị Bình", "", "Lao động tiên tiến"),
            row(2, "Trần Văn An", "", "Lao động tiên tiến"),
        ]),
    )
    .await;
    assert!(c.is_clean(), "{:?}", problems(&c));
    // Between the preview and the confirmation, An is nominated on the form.
    w.store()
        .create_nomination(
            &as_user("donvi1"),
            c.items[1].1.nomination.clone(),
            d(2025, 1, 5),
        )
        .await
        .unwrap();
    let err = w
        .store()
        .import_nominations(&as_user("donvi1"), &c, "a.xlsx", d(2025, 1, 5))
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains("Dòng 3") && err.to_string().contains("chưa ghi dòng nào"),
        "{err}"
    );
    assert_eq!(
        count(&w, &round).await,
        1,
        "Bình (row 2) is not written either"
    );
}

#[tokio::test]
async fn the_table_of_a_word_letter_is_read_and_bad_word_files_are_named() {
    let w = world().await;
    let round = round_2024(&w).await;
    let heading = word_table(&[&["UBND PHƯỜNG CỐC LẾU", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"]]);
    let list = word_table(&[
        &[
            "TT",
            "Họ và tên",
            "Chức vụ, đơn vị công tác",
            "Hình thức đề nghị",
        ],
        &["1", "Nguyễn Văn Đức", "Cán bộ", "Chiến sĩ thi đua cơ sở"],
        &["2", "Lê Thị Bình", "Cán bộ", "Lao động tiên tiến"],
    ]);
    let c = check(&w, &round, &docx(&format!("{heading}<w:p/>{list}"))).await;
    assert!(c.is_clean(), "{:?}", problems(&c));
    assert_eq!(c.preview.sheet, "Bảng 2");
    assert_eq!(
        c.items
            .iter()
            .map(|(r, i)| (*r, i.nomination.person_id))
            .collect::<Vec<_>>(),
        [(2, Some(w.people[0])), (3, Some(w.people[1]))]
    );

    let refused = |bytes: Vec<u8>| {
        let w = &w;
        let round = &round;
        async move {
            w.store()
                .check_nominations_file(
                    &bytes,
                    None,
                    round.round.id,
                    w.ward,
                    &Limits::default(),
                    d(2025, 1, 5),
                )
                .await
                .unwrap_err()
                .to_string()
        }
    };
    // No table; a table that is not a list of nominations.
    let none = refused(docx("<w:p><w:r><w:t>Kính gửi</w:t></w:r></w:p>")).await;
    assert!(none.contains("Không tìm thấy dòng tiêu đề"), "{none}");
    let wrong = refused(docx(&word_table(&[
        &["Nơi nhận", "Ký tên"],
        &["UBND", "x"],
    ])))
    .await;
    assert!(wrong.contains("Không tìm thấy dòng tiêu đề"), "{wrong}");
    // A corrupt file, and one that is neither Excel nor Word.
    let mut cut = xlsx(vec![row(1, "Lê Thị Bình", "", "Lao động tiên tiến")]);
    cut.truncate(cut.len() / 2);
    let corrupt = refused(cut).await;
    assert!(corrupt.contains("Không đọc được danh sách"), "{corrupt}");
    let pdf = refused(b"%PDF-1.4 hello".to_vec()).await;
    assert!(pdf.contains("PDF"), "{pdf}");
    assert_eq!(count(&w, &round).await, 0);
}
