//! Properties of the rules engine over generated cases.
//! - The verdict never depends on the order of `history` (contract: "one entry per year, any order").
//! - `eligible` is exactly "every true/false criterion is true" (contract).
//! - Money is rounded up to 10,000 đ.
//! - No input, however broken, makes it panic.

use proptest::prelude::*;
use serde_json::{json, Value};
use thidua_domain::rules::{check_json, judge, Case, RuleTables};

const TITLES: &[(&str, &str)] = &[
    ("lao_dong_tien_tien", "individual"),
    ("chien_si_thi_dua_co_so", "individual"),
    ("chien_si_thi_dua_cap_tinh", "individual"),
    ("chien_si_thi_dua_toan_quoc", "individual"),
    ("tap_the_lao_dong_tien_tien", "collective"),
    ("tap_the_lao_dong_xuat_sac", "collective"),
    ("giay_khen", "individual"),
    ("giay_khen", "collective"),
    ("bang_khen_tinh", "individual"),
    ("bang_khen_thu_tuong", "collective"),
    ("lao_dong_sang_tao", "individual"),
];
const RATINGS: &[&str] = &[
    "hoan_thanh_xuat_sac",
    "hoan_thanh_tot",
    "hoan_thanh",
    "khong_hoan_thanh",
];
const SCOPES: &[&str] = &["co_so", "huyen", "tinh", "toan_quoc"];
const HELD: &[&str] = &[
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
];
const DECISIONS: &[&str] = &["01-15", "06-30", "07-01", "12-31"];

const NAMES: &[&str] = &[
    "Số hóa hồ sơ",
    " Số  hóa ",
    "Sô\u{301} hóa",
    "",
    "   ",
    "Máy cắt\ttự động",
    "Plain",
];

fn recognition() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(SCOPES),
        prop::option::of(0i64..300_000_000),
        prop::option::of(prop::sample::select(NAMES)),
    )
        .prop_map(|(s, b, name)| {
            let mut r = json!({"scope": s});
            if let Some(b) = b {
                r["benefit_vnd"] = json!(b);
            }
            if let Some(n) = name {
                r["name"] = json!(n);
            }
            r
        })
}

fn year_record(year: i32) -> impl Strategy<Value = Value> {
    (
        prop::option::of(prop::sample::select(RATINGS)),
        prop::sample::subsequence(HELD, 0..=HELD.len()),
        prop::collection::vec(recognition(), 0..3),
        prop::collection::vec(recognition(), 0..2),
        prop::option::of(0u8..=12),
    )
        .prop_map(move |(rating, titles, initiatives, science, months)| {
            let mut r = json!({"year": year, "titles": titles, "initiatives": initiatives, "science_projects": science});
            if let Some(rating) = rating {
                r["rating"] = json!(rating);
            }
            if let Some(m) = months {
                r["months_worked"] = json!(m);
            }
            r
        })
}

/// A valid case: years unique, none after the decision.
fn case() -> impl Strategy<Value = Value> {
    (
        prop::sample::select(TITLES),
        2019i32..=2025,
        prop::sample::select(DECISIONS),
        prop::sample::subsequence(vec![0i32, 1, 2, 3, 4, 5, 6], 0..=6),
        any::<bool>(),
        prop::option::of(prop::sample::select(&["khien_trach", "canh_cao"][..])),
        (1u32..50, 0u32..=100, 0u32..=100, 0u32..=100, 0u32..=100),
        prop::option::of(prop::sample::select(&["lao_dong", "dai_hoc", "quan_ly"][..])),
        prop::option::of(prop::sample::select(&["chu_tich_xa", "thu_truong"][..])),
    )
        .prop_flat_map(|(title, year, decision, back, pending, disciplined, counts, level, issuer)| {
            let decision_year = year + 1;
            let records: Vec<_> = back.iter().map(|b| year_record(year - b)).collect();
            (Just((title, year, decision, decision_year, pending, disciplined, counts, level, issuer)), records)
        })
        .prop_map(|((title, year, decision, decision_year, pending, disciplined, counts, level, issuer), history)| {
            let (t, c, l, s, d) = counts;
            let share = |p: u32| t * p / 100;
            let mut v = json!({
                "subject": title.1, "title": title.0, "year": year,
                "decision_date": format!("{decision_year}-{decision}"),
                "history": history, "discipline_pending": pending, "disciplined": disciplined,
                "union_member": !pending,
            });
            if title.1 == "collective" {
                v["members"] = json!({"total": t, "completed": share(c), "lao_dong_tien_tien": share(l),
                                      "chien_si_thi_dua_co_so": share(s), "disciplined_canh_cao_or_above": share(d)});
            }
            if let Some(level) = level {
                v["staff_level"] = json!(level);
            }
            if let Some(issuer) = issuer {
                v["issuer"] = json!(issuer);
            }
            v
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_verdict_never_depends_on_the_order_of_history(
        (case, shuffled) in case().prop_flat_map(|c| {
            let history = c["history"].as_array().cloned().unwrap_or_default();
            (Just(c), Just(history).prop_shuffle())
        })
    ) {
        let mut other = case.clone();
        other["history"] = Value::Array(shuffled);
        let a = check_json(&case.to_string());
        let b = check_json(&other.to_string());
        prop_assert!(a.is_ok(), "generated case refused: {:?}\n{}", a.err(), case);
        prop_assert_eq!(a.ok(), b.ok());
    }

    #[test]
    fn eligible_is_exactly_every_decided_criterion_met(case in case()) {
        let v = check_json(&case.to_string()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(v.eligible, v.criteria.iter().all(|c| c.met != Some(false)));
        prop_assert_eq!(v.judgment_pending, v.criteria.iter().any(|c| c.met.is_none()));
        prop_assert!(!v.criteria.is_empty());
        if let Some(a) = v.award_vnd {
            prop_assert!(a > 0 && a % 10_000 == 0, "{}", a);
        }
    }

    #[test]
    fn reading_a_written_case_gives_the_same_verdict(case in case()) {
        let parsed = Case::from_json(&case.to_string()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let written = serde_json::to_string(&parsed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = Case::from_json(&written).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&parsed, &again);
        let tables = RuleTables::builtin();
        prop_assert_eq!(judge(&parsed, tables).ok(), judge(&again, tables).ok());
    }

    #[test]
    fn the_fast_reader_agrees_with_the_field_naming_reader(case in case()) {
        let text = case.to_string();
        prop_assert_eq!(Case::from_json(&text), Case::from_json_checked(&text));
    }

    #[test]
    fn a_nested_value_broken_is_read_alike_by_both_readers(
        case in case(),
        pointer in prop::sample::select(&["/history/0/year", "/history/0/rating", "/history/0/titles",
            "/history/0/titles/0", "/history/0/initiatives/0", "/history/0/initiatives/0/scope",
            "/history/0/initiatives/0/benefit_vnd", "/history/0/initiatives/0/name", "/history/0/months_worked",
            "/members/total", "/members/completed", "/history/1"][..]),
        junk in prop_oneof![
            Just(json!(null)), Just(json!(-1)), Just(json!(13)), Just(json!(2.5)), Just(json!("")),
            Just(json!("co_so")), Just(json!({})), Just(json!([])), Just(json!(u64::MAX)), Just(json!(99999)),
        ],
    ) {
        let mut broken = case;
        if let Some(slot) = broken.pointer_mut(pointer) {
            *slot = junk;
        }
        let text = broken.to_string();
        prop_assert_eq!(Case::from_json(&text), Case::from_json_checked(&text));
        let _ = check_json(&text);
    }

    #[test]
    fn arbitrary_text_never_panics(input in ".{0,200}") {
        let _ = check_json(&input);
        prop_assert_eq!(Case::from_json(&input), Case::from_json_checked(&input));
    }

    #[test]
    fn a_valid_case_with_one_value_broken_never_panics(
        case in case(),
        key in prop::sample::select(&["year", "decision_date", "history", "subject", "title", "members",
                                       "disciplined", "received_on", "staff_level", "issuer"][..]),
        junk in prop_oneof![
            Just(json!(null)), Just(json!(-1)), Just(json!(1e300)), Just(json!("")), Just(json!("2024-02-30")),
            Just(json!([{"year": 99999}])), Just(json!({"total": 0})), Just(json!([[]])), Just(json!(true)),
            Just(json!(i64::MAX)), Just(json!(u64::MAX)),
        ],
    ) {
        let mut broken = case;
        broken[key] = junk;
        let text = broken.to_string();
        let _ = check_json(&text);
        // Whatever the fast pass does, the answer is the field-naming reader's.
        prop_assert_eq!(Case::from_json(&text), Case::from_json_checked(&text));
    }
}
