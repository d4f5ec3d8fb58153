//! Malformed cases: each gives an error naming the field (contract: "an error with the field named,
//! never a verdict"), in Vietnamese, and never a panic.

use serde_json::{json, Value};
use thidua_domain::rules::{check_json, CaseErrorKind};

fn valid() -> Value {
    json!({
        "subject": "individual", "title": "chien_si_thi_dua_co_so", "year": 2024, "decision_date": "2025-01-15",
        "history": [
            {"year": 2024, "rating": "hoan_thanh_tot", "titles": ["lao_dong_tien_tien"],
             "initiatives": [{"scope": "co_so", "benefit_vnd": 50000000}], "science_projects": []},
            {"year": 2023, "rating": "hoan_thanh_xuat_sac", "titles": ["lao_dong_tien_tien"]}
        ],
        "discipline_pending": false, "disciplined": null
    })
}

fn collective() -> Value {
    json!({
        "subject": "collective", "title": "tap_the_lao_dong_xuat_sac", "year": 2024, "decision_date": "2025-01-15",
        "history": [{"year": 2024, "rating": "hoan_thanh_xuat_sac"}],
        "discipline_pending": false, "disciplined": null,
        "members": {"total": 20, "completed": 20, "lao_dong_tien_tien": 15, "chien_si_thi_dua_co_so": 1,
                    "disciplined_canh_cao_or_above": 0}
    })
}

fn edit(mut v: Value, f: impl FnOnce(&mut Value)) -> String {
    f(&mut v);
    v.to_string()
}

fn remove(v: Value, key: &str) -> String {
    edit(v, |c| {
        c.as_object_mut().map(|o| o.remove(key));
    })
}

#[test]
fn the_valid_cases_are_valid() {
    assert!(check_json(&valid().to_string()).is_ok());
    assert!(check_json(&collective().to_string()).is_ok());
}

#[test]
fn malformed_cases_name_the_field() {
    let rows: Vec<(&str, String, &str)> = vec![
        // The three: unknown title, missing year, unknown rating.
        (
            "unknown title",
            edit(valid(), |c| c["title"] = json!("chien_si_thi_dua_co_sox")),
            "title",
        ),
        ("missing year", remove(valid(), "year"), "year"),
        (
            "unknown rating",
            edit(valid(), |c| c["history"][1]["rating"] = json!("xuat_sac")),
            "history[1].rating",
        ),
        // A year in the future of the decision, a decision before the judged year.
        (
            "history year after the decision",
            edit(valid(), |c| c["history"][0]["year"] = json!(2026)),
            "history[0].year",
        ),
        (
            "decision before the judged year",
            edit(valid(), |c| c["decision_date"] = json!("2023-12-31")),
            "decision_date",
        ),
        (
            "judged year in the future",
            edit(valid(), |c| c["year"] = json!(2026)),
            "decision_date",
        ),
        // Shapes and types.
        (
            "year as text",
            edit(valid(), |c| c["year"] = json!("2024")),
            "year",
        ),
        (
            "year not whole",
            edit(valid(), |c| c["year"] = json!(2024.5)),
            "year",
        ),
        (
            "year absurd",
            edit(valid(), |c| c["year"] = json!(20244)),
            "year",
        ),
        (
            "date not ISO",
            edit(valid(), |c| c["decision_date"] = json!("15/01/2025")),
            "decision_date",
        ),
        (
            "date that does not exist",
            edit(valid(), |c| c["decision_date"] = json!("2025-02-30")),
            "decision_date",
        ),
        (
            "missing decision date",
            remove(valid(), "decision_date"),
            "decision_date",
        ),
        ("missing subject", remove(valid(), "subject"), "subject"),
        (
            "unknown subject",
            edit(valid(), |c| c["subject"] = json!("person")),
            "subject",
        ),
        (
            "missing discipline_pending",
            remove(valid(), "discipline_pending"),
            "discipline_pending",
        ),
        (
            "discipline_pending as text",
            edit(valid(), |c| c["discipline_pending"] = json!("no")),
            "discipline_pending",
        ),
        (
            "unknown discipline",
            edit(valid(), |c| c["disciplined"] = json!("phe_binh")),
            "disciplined",
        ),
        (
            "unknown top-level field",
            edit(valid(), |c| c["ratings"] = json!([])),
            "ratings",
        ),
        (
            "history not a list",
            edit(valid(), |c| c["history"] = json!({})),
            "history",
        ),
        (
            "history item not an object",
            edit(valid(), |c| c["history"][1] = json!(2023)),
            "history[1]",
        ),
        (
            "unknown history field",
            edit(valid(), |c| c["history"][0]["grade"] = json!("A")),
            "history[0].grade",
        ),
        (
            "history year missing",
            edit(valid(), |c| {
                c["history"][1].as_object_mut().map(|o| o.remove("year"));
            }),
            "history[1].year",
        ),
        (
            "duplicate history year",
            edit(valid(), |c| c["history"][1]["year"] = json!(2024)),
            "history[1].year",
        ),
        (
            "unknown title in history",
            edit(valid(), |c| {
                c["history"][0]["titles"][0] = json!("lao_dong_gioi")
            }),
            "history[0].titles[0]",
        ),
        (
            "title in history not text",
            edit(valid(), |c| c["history"][0]["titles"][0] = json!(1)),
            "history[0].titles[0]",
        ),
        (
            "unknown scope",
            edit(valid(), |c| {
                c["history"][0]["initiatives"][0]["scope"] = json!("xa")
            }),
            "history[0].initiatives[0].scope",
        ),
        (
            "initiative without scope",
            edit(valid(), |c| {
                c["history"][0]["initiatives"][0] = json!({"benefit_vnd": 1})
            }),
            "history[0].initiatives[0].scope",
        ),
        (
            "negative benefit",
            edit(valid(), |c| {
                c["history"][0]["initiatives"][0]["benefit_vnd"] = json!(-5)
            }),
            "history[0].initiatives[0].benefit_vnd",
        ),
        (
            "months over 12",
            edit(valid(), |c| c["history"][0]["months_worked"] = json!(13)),
            "history[0].months_worked",
        ),
        (
            "received after the decision",
            edit(valid(), |c| c["received_on"] = json!("2025-02-01")),
            "received_on",
        ),
        (
            "unknown staff level",
            edit(valid(), |c| c["staff_level"] = json!("ky_su")),
            "staff_level",
        ),
        (
            "unknown issuer",
            edit(valid(), |c| c["issuer"] = json!("giam_doc")),
            "issuer",
        ),
        // Subject and members.
        (
            "individual asking a collective title",
            edit(valid(), |c| c["title"] = json!("tap_the_lao_dong_xuat_sac")),
            "subject",
        ),
        (
            "collective asking an individual title",
            edit(collective(), |c| c["title"] = json!("lao_dong_tien_tien")),
            "subject",
        ),
        (
            "members on an individual",
            edit(valid(), |c| c["members"] = json!({"total": 3})),
            "members",
        ),
        (
            "collective title without members",
            remove(collective(), "members"),
            "members",
        ),
        (
            "members without total",
            edit(collective(), |c| {
                c["members"].as_object_mut().map(|o| o.remove("total"));
            }),
            "members.total",
        ),
        (
            "more LĐTT than members",
            edit(collective(), |c| {
                c["members"]["lao_dong_tien_tien"] = json!(21)
            }),
            "members.lao_dong_tien_tien",
        ),
        (
            "negative count",
            edit(collective(), |c| c["members"]["completed"] = json!(-1)),
            "members.completed",
        ),
        (
            "no members at all",
            edit(collective(), |c| c["members"]["total"] = json!(0)),
            "members.total",
        ),
        (
            "unknown members field",
            edit(collective(), |c| c["members"]["absent"] = json!(1)),
            "members.absent",
        ),
    ];
    let mut failures = Vec::new();
    for (name, input, field) in rows {
        match check_json(&input) {
            Ok(v) => failures.push(format!(
                "{name}: judged instead of refused: eligible={}",
                v.eligible
            )),
            Err(e) => {
                if e.field != field {
                    failures.push(format!(
                        "{name}: field {:?} expected {field:?} ({})",
                        e.field, e.message
                    ));
                }
                if e.kind != CaseErrorKind::Invalid {
                    failures.push(format!("{name}: kind {:?}", e.kind));
                }
                if e.message.trim().is_empty() || !e.to_string().contains(field) {
                    failures.push(format!("{name}: message does not name the field: {e}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn text_that_is_not_a_case_object_is_a_syntax_error() {
    for input in [
        "",
        "{",
        "{\"year\": }",
        "[]",
        "42",
        "null",
        "\"case\"",
        "{\"subject\": \"individual\",}",
    ] {
        let e = check_json(input).expect_err(input);
        assert_eq!(e.kind, CaseErrorKind::Syntax, "{input}: {e}");
        assert!(e.field.is_empty(), "{input}: {e}");
        assert!(e.to_string().starts_with("Hồ sơ không hợp lệ"), "{e}");
    }
}

#[test]
fn messages_are_vietnamese_and_list_the_valid_codes() {
    let e = check_json(&edit(valid(), |c| {
        c["history"][1]["rating"] = json!("xuat_sac")
    }))
    .expect_err("unknown rating");
    assert!(e.message.contains("xếp loại"), "{}", e.message);
    assert!(e.message.contains("hoan_thanh_xuat_sac"), "{}", e.message);
    let e = check_json(&edit(valid(), |c| c["title"] = json!("abc"))).expect_err("unknown title");
    assert!(
        e.message.contains("danh mục") && e.message.contains("lao_dong_tien_tien"),
        "{}",
        e.message
    );
    let e = check_json(&remove(valid(), "year")).expect_err("missing year");
    assert_eq!(
        e.to_string(),
        "Hồ sơ không hợp lệ: year: Thiếu trường bắt buộc"
    );
}

#[test]
fn case_deserialises_through_serde_with_the_field_in_the_message() {
    let e = serde_json::from_str::<thidua_domain::rules::Case>(&edit(valid(), |c| {
        c["history"][0]["rating"] = json!("x")
    }))
    .expect_err("unknown rating");
    assert!(e.to_string().contains("history[0].rating"), "{e}");
    let case: thidua_domain::rules::Case =
        serde_json::from_str(&valid().to_string()).expect("valid");
    // Writing a case and reading it back loses nothing.
    let again =
        thidua_domain::rules::Case::from_json(&serde_json::to_string(&case).expect("serialisable"))
            .expect("round trip");
    assert_eq!(case, again);
}
