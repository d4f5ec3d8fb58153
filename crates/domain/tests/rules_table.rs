//! Table-driven tests of the rules engine: each row is a case in the contract's JSON, the verdict it must
//! get, and the criteria it must show met or not; the comment above each row names the article it
//! checks. Rows cover every boundary of issue 4.

use serde_json::{json, Value};
use thidua_domain::rules::{check_json, Verdict};

/// A person's case with no history.
fn person(title: &str, year: i32, decision: &str) -> Value {
    json!({
        "subject": "individual", "title": title, "year": year, "decision_date": decision,
        "history": [], "discipline_pending": false, "disciplined": null
    })
}

/// A collective's case with its members.
fn collective(title: &str, year: i32, decision: &str, members: Value) -> Value {
    json!({
        "subject": "collective", "title": title, "year": year, "decision_date": decision,
        "history": [], "discipline_pending": false, "disciplined": null, "members": members
    })
}

fn members(total: u32, completed: u32, ldtt: u32, cstd: u32, disciplined: u32) -> Value {
    json!({"total": total, "completed": completed, "lao_dong_tien_tien": ldtt,
           "chien_si_thi_dua_co_so": cstd, "disciplined_canh_cao_or_above": disciplined})
}

/// One year of history.
fn yr(year: i32, rating: &str, titles: &[&str]) -> Value {
    json!({"year": year, "rating": rating, "titles": titles})
}

fn with(mut case: Value, f: impl FnOnce(&mut Value)) -> Value {
    f(&mut case);
    case
}

fn hist(case: Value, years: Vec<Value>) -> Value {
    with(case, |c| c["history"] = Value::Array(years))
}

fn initiative(scope: &str) -> Value {
    json!({"scope": scope, "name": "Số hóa hồ sơ một cửa"})
}

fn with_initiatives(mut year: Value, items: Vec<Value>) -> Value {
    year["initiatives"] = Value::Array(items);
    year
}

fn with_science(mut year: Value, items: Vec<Value>) -> Value {
    year["science_projects"] = Value::Array(items);
    year
}

struct Row {
    name: &'static str,
    case: Value,
    eligible: bool,
    regime: &'static str,
    award: Option<i64>,
    /// (words in the criterion's text, expected `met`).
    shows: Vec<(&'static str, Option<bool>)>,
}

fn row(
    name: &'static str,
    case: Value,
    eligible: bool,
    regime: &'static str,
    award: Option<i64>,
) -> Row {
    Row {
        name,
        case,
        eligible,
        regime,
        award,
        shows: Vec::new(),
    }
}

impl Row {
    fn shows(mut self, words: &'static str, met: Option<bool>) -> Row {
        self.shows.push((words, met));
        self
    }
}

fn check(rows: Vec<Row>) {
    let mut failures = Vec::new();
    for r in rows {
        let verdict: Verdict = match check_json(&r.case.to_string()) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: refused: {e}", r.name));
                continue;
            }
        };
        let dump = serde_json::to_string_pretty(&verdict).unwrap_or_default();
        if verdict.eligible != r.eligible {
            failures.push(format!(
                "{}: eligible {} expected {}\n{dump}",
                r.name, verdict.eligible, r.eligible
            ));
        }
        if verdict.regime != r.regime {
            failures.push(format!(
                "{}: regime {} expected {}",
                r.name, verdict.regime, r.regime
            ));
        }
        if verdict.award_vnd != r.award {
            failures.push(format!(
                "{}: award {:?} expected {:?}",
                r.name, verdict.award_vnd, r.award
            ));
        }
        for (words, met) in &r.shows {
            match verdict.criteria.iter().find(|c| c.text.contains(words)) {
                None => failures.push(format!("{}: no criterion says {words:?}\n{dump}", r.name)),
                Some(c) if c.met != *met => failures.push(format!(
                    "{}: {words:?} met {:?} expected {met:?}: {}",
                    r.name, c.met, c.text
                )),
                Some(_) => {}
            }
        }
        // Contract: every criterion cites the article it comes from.
        for c in &verdict.criteria {
            if !(c.citation.contains("Điều") || c.citation.starts_with("Quyết định")) {
                failures.push(format!(
                    "{}: citation without an article: {}",
                    r.name, c.citation
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A person who meets Lao động tiên tiến in `year` and holds the title.
fn ldtt_holder(title: &str, year: i32, decision: &str) -> Value {
    hist(
        person(title, year, decision),
        vec![yr(year, "hoan_thanh_tot", &["lao_dong_tien_tien"])],
    )
}

#[test]
fn the_contract_example_is_judged_as_the_contract_shows() {
    // Luật Thi đua, khen thưởng 2022, Điều 23: LĐTT standard + an initiative recognised at the base.
    let input = r#"{
      "subject": "individual", "title": "chien_si_thi_dua_co_so", "year": 2024, "decision_date": "2025-01-15",
      "history": [
        {"year": 2024, "rating": "hoan_thanh_tot", "titles": ["lao_dong_tien_tien"],
         "initiatives": [{"scope": "co_so", "benefit_vnd": 50000000}], "science_projects": []},
        {"year": 2023, "rating": "hoan_thanh_xuat_sac", "titles": ["lao_dong_tien_tien"]}
      ],
      "discipline_pending": false, "disciplined": null
    }"#;
    let v = check_json(input).expect("a valid case");
    assert!(v.eligible);
    assert_eq!(v.regime, "nd-98-2023");
    assert_eq!(v.award_vnd, Some(2_340_000));
    assert_eq!(
        v.criteria[0].text,
        "Đạt tiêu chuẩn Lao động tiên tiến năm 2024: đã được công nhận danh hiệu"
    );
    assert_eq!(
        v.criteria[0].citation,
        "Luật Thi đua, khen thưởng 2022, Điều 23"
    );
    let json: Value = serde_json::to_value(&v).expect("serialisable");
    for field in ["eligible", "regime", "criteria", "award_vnd"] {
        assert!(json.get(field).is_some(), "{field}");
    }
    for c in json["criteria"].as_array().expect("criteria") {
        assert!(c.get("met").is_some() && c.get("text").is_some() && c.get("citation").is_some());
    }
}

#[test]
fn regimes_and_base_salaries_change_on_their_dates() {
    check(vec![
        // Nghị định 38/2019/NĐ-CP: 1,490,000 đ until 30/06/2023; 0.3 × 1,490,000 = 447,000 → 450,000.
        row(
            "ldtt decided 2023-06-30",
            ldtt_holder("lao_dong_tien_tien", 2022, "2023-06-30"),
            true,
            "nd-91-2017",
            Some(450_000),
        ),
        // Nghị định 24/2023/NĐ-CP: 1,800,000 đ from 01/07/2023; 0.3 × 1,800,000 = 540,000.
        row(
            "ldtt decided 2023-07-01",
            ldtt_holder("lao_dong_tien_tien", 2022, "2023-07-01"),
            true,
            "nd-91-2017",
            Some(540_000),
        ),
        // Luật 2003 (sửa đổi 2013) with Nghị định 91/2017 for decisions until 31/12/2023.
        row(
            "ldtt decided 2023-12-31",
            ldtt_holder("lao_dong_tien_tien", 2023, "2023-12-31"),
            true,
            "nd-91-2017",
            Some(540_000),
        )
        .shows("làm việc 12 tháng (cả năm)", Some(true)),
        // Luật 2022 (Điều 94: in force from 01/01/2024) with Nghị định 98/2023.
        row(
            "ldtt decided 2024-01-01",
            ldtt_holder("lao_dong_tien_tien", 2023, "2024-01-01"),
            true,
            "nd-98-2023",
            Some(540_000),
        ),
        row(
            "ldtt decided 2024-06-30",
            ldtt_holder("lao_dong_tien_tien", 2023, "2024-06-30"),
            true,
            "nd-98-2023",
            Some(540_000),
        ),
        // Nghị định 73/2024/NĐ-CP: 2,340,000 đ from 01/07/2024; 0.3 × 2,340,000 = 702,000 → 710,000.
        row(
            "ldtt decided 2024-07-01",
            ldtt_holder("lao_dong_tien_tien", 2023, "2024-07-01"),
            true,
            "nd-98-2023",
            Some(710_000),
        ),
        row(
            "ldtt decided 2025-06-30",
            ldtt_holder("lao_dong_tien_tien", 2024, "2025-06-30"),
            true,
            "nd-98-2023",
            Some(710_000),
        ),
        // Nghị định 152/2025/NĐ-CP from 01/07/2025 keeps the title coefficients.
        row(
            "ldtt decided 2025-07-01",
            ldtt_holder("lao_dong_tien_tien", 2024, "2025-07-01"),
            true,
            "nd-152-2025",
            Some(710_000),
        ),
        // Nghị định 98/2023 (Bằng khen tỉnh 1.0) until 30/06/2025: 1.0 × 2,340,000.
        row(
            "bang khen tinh 2025-06-30",
            ldtt_holder("bang_khen_tinh", 2024, "2025-06-30"),
            true,
            "nd-98-2023",
            Some(2_340_000),
        ),
        // Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1: Bằng khen tỉnh 1.5 × 2,340,000 = 3,510,000.
        row(
            "bang khen tinh 2025-07-01",
            ldtt_holder("bang_khen_tinh", 2024, "2025-07-01"),
            true,
            "nd-152-2025",
            Some(3_510_000),
        ),
        // Nghị định 91/2017: Bằng khen tỉnh 1.0 × 1,490,000 on 30/06/2023, 1.0 × 1,800,000 the next day.
        row(
            "bang khen tinh 2023-06-30",
            ldtt_holder("bang_khen_tinh", 2022, "2023-06-30"),
            true,
            "nd-91-2017",
            Some(1_490_000),
        ),
        row(
            "bang khen tinh 2023-07-01",
            ldtt_holder("bang_khen_tinh", 2022, "2023-07-01"),
            true,
            "nd-91-2017",
            Some(1_800_000),
        ),
        // Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1: Bằng khen Thủ tướng 3.5 × 2,340,000 = 8,190,000.
        row(
            "bang khen thu tuong 2025-07-01",
            ldtt_holder("bang_khen_thu_tuong", 2024, "2025-07-01"),
            true,
            "nd-152-2025",
            Some(8_190_000),
        ),
        // Before the first base salary in the tables (01/07/2017): no amount is set.
        row(
            "ldtt decided 2017-03-01",
            ldtt_holder("lao_dong_tien_tien", 2016, "2017-03-01"),
            true,
            "nd-91-2017",
            None,
        ),
    ]);
}

#[test]
fn a_criterion_that_changed_between_regimes_follows_the_decision_date() {
    // Excellent rating, no initiative: enough for Chiến sĩ thi đua cơ sở under Luật 2022, Điều 23, not
    // under Nghị định 91/2017, Điều 9 khoản 3 (an initiative or a science project was required).
    let excellent = |decision: &str| {
        hist(
            person("chien_si_thi_dua_co_so", 2023, decision),
            vec![yr(2023, "hoan_thanh_xuat_sac", &["lao_dong_tien_tien"])],
        )
    };
    check(vec![
        row(
            "cstd co so 2023-12-31",
            excellent("2023-12-31"),
            false,
            "nd-91-2017",
            Some(1_800_000),
        )
        .shows("không có sáng kiến", Some(false))
        .shows("không quá 15%", None),
        row(
            "cstd co so 2024-01-01",
            excellent("2024-01-01"),
            true,
            "nd-98-2023",
            Some(1_800_000),
        )
        .shows("Năm 2023 xếp loại Hoàn thành xuất sắc nhiệm vụ", Some(true)),
    ]);
}

#[test]
fn the_transition_rule_follows_the_received_date_when_given() {
    // Luật Thi đua, khen thưởng 2022 (in force 01/01/2024): dossiers received before then follow the old
    // law; the money still follows the base salary on the decision date.
    let received = |on: &str| {
        with(ldtt_holder("lao_dong_tien_tien", 2023, "2024-07-15"), |c| {
            c["received_on"] = json!(on)
        })
    };
    check(vec![
        row(
            "received 2023-12-20",
            received("2023-12-20"),
            true,
            "nd-91-2017",
            Some(710_000),
        )
        .shows("làm việc 12 tháng", Some(true)),
        row(
            "received 2024-01-02",
            received("2024-01-02"),
            true,
            "nd-98-2023",
            Some(710_000),
        ),
    ]);
    let v = check_json(&received("2023-12-20").to_string()).expect("valid");
    assert!(v.regime_basis.contains("20/12/2023"), "{}", v.regime_basis);
}

#[test]
fn lao_dong_tien_tien() {
    check(vec![
        // Luật 2022, Điều 24 khoản 1: rated at least "hoàn thành tốt"; the right spirit is the council's.
        row(
            "good rating",
            hist(
                person("lao_dong_tien_tien", 2024, "2025-01-10"),
                vec![yr(2024, "hoan_thanh_tot", &[])],
            ),
            true,
            "nd-98-2023",
            Some(710_000),
        )
        .shows("Năm 2024 xếp loại Hoàn thành tốt nhiệm vụ", Some(true))
        .shows("tích cực tham gia phong trào thi đua", None),
        // Luật 2022, Điều 24 khoản 1: "hoàn thành nhiệm vụ" is not enough.
        row(
            "plain rating",
            hist(
                person("lao_dong_tien_tien", 2024, "2025-01-10"),
                vec![yr(2024, "hoan_thanh", &[])],
            ),
            false,
            "nd-98-2023",
            Some(710_000),
        )
        .shows("Năm 2024 xếp loại Hoàn thành nhiệm vụ", Some(false)),
        // Contract: a year absent from the history is unknown, and unknown is never met.
        row(
            "year missing",
            hist(
                person("lao_dong_tien_tien", 2024, "2025-01-10"),
                vec![yr(2023, "hoan_thanh_xuat_sac", &[])],
            ),
            false,
            "nd-98-2023",
            Some(710_000),
        )
        .shows("Năm 2024 chưa có dữ liệu xếp loại", Some(false)),
        // Contract: a year present with an unknown rating is unknown too.
        row(
            "rating null",
            hist(
                person("lao_dong_tien_tien", 2024, "2025-01-10"),
                vec![json!({"year": 2024, "rating": null})],
            ),
            false,
            "nd-98-2023",
            Some(710_000),
        )
        .shows("chưa có dữ liệu xếp loại", Some(false)),
        // Nghị định 91/2017, Điều 10: newcomers of under 10 months are not considered.
        row(
            "9 months, old regime",
            hist(
                person("lao_dong_tien_tien", 2022, "2023-01-10"),
                vec![json!({"year": 2022, "rating": "hoan_thanh_tot", "months_worked": 9})],
            ),
            false,
            "nd-91-2017",
            Some(450_000),
        )
        .shows("làm việc 9 tháng", Some(false)),
        // Nghị định 91/2017, Điều 10: 10 months is enough (maternity leave counts as working time).
        row(
            "10 months, old regime",
            hist(
                person("lao_dong_tien_tien", 2022, "2023-01-10"),
                vec![json!({"year": 2022, "rating": "hoan_thanh_tot", "months_worked": 10})],
            ),
            true,
            "nd-91-2017",
            Some(450_000),
        )
        .shows("làm việc 10 tháng", Some(true)),
        // Luật 2022: the 10-month rule is configurable and off by default.
        row(
            "9 months, new regime",
            hist(
                person("lao_dong_tien_tien", 2024, "2025-01-10"),
                vec![json!({"year": 2024, "rating": "hoan_thanh_tot", "months_worked": 9})],
            ),
            true,
            "nd-98-2023",
            Some(710_000),
        ),
    ]);
}

#[test]
fn discipline() {
    let good = || {
        hist(
            person("lao_dong_tien_tien", 2024, "2025-01-10"),
            vec![yr(2024, "hoan_thanh_xuat_sac", &[])],
        )
    };
    check(vec![
        // Nghị định 98/2023, Điều 4: no award while discipline, inspection or a complaint is pending.
        row(
            "pending",
            with(good(), |c| c["discipline_pending"] = json!(true)),
            false,
            "nd-98-2023",
            Some(710_000),
        )
        .shows("Đang bị xem xét kỷ luật", Some(false)),
        // Nghị định 152/2025 keeps the principle.
        row(
            "pending after 2025-07-01",
            with(
                hist(
                    person("lao_dong_tien_tien", 2024, "2025-07-10"),
                    vec![yr(2024, "hoan_thanh_tot", &[])],
                ),
                |c| c["discipline_pending"] = json!(true),
            ),
            false,
            "nd-152-2025",
            Some(710_000),
        )
        .shows("Đang bị xem xét kỷ luật", Some(false)),
        // Luật 2003 (sửa đổi 2013), Điều 6 principles: the same under the old regime.
        row(
            "pending, old regime",
            with(
                ldtt_holder("chien_si_thi_dua_co_so", 2022, "2023-02-01"),
                |c| c["discipline_pending"] = json!(true),
            ),
            false,
            "nd-91-2017",
            Some(1_490_000),
        )
        .shows("Đang bị xem xét kỷ luật", Some(false)),
        // Nghị định 98/2023, Điều 4: a discipline received in the judged year bars the title.
        row(
            "reprimanded",
            with(good(), |c| c["disciplined"] = json!("khien_trach")),
            false,
            "nd-98-2023",
            Some(710_000),
        )
        .shows("Năm 2024 bị kỷ luật khiển trách", Some(false)),
    ]);
}

#[test]
fn chien_si_thi_dua_co_so() {
    let base = |year: Value| {
        hist(
            person("chien_si_thi_dua_co_so", 2024, "2025-01-15"),
            vec![year],
        )
    };
    check(vec![
        // Luật 2022, Điều 23: the Lao động tiên tiến standard met without holding the title counts; its
        // right-spirit criterion then goes to the council.
        row(
            "standard met without the title",
            base(with_initiatives(
                yr(2024, "hoan_thanh_tot", &[]),
                vec![initiative("co_so")],
            )),
            true,
            "nd-98-2023",
            Some(2_340_000),
        )
        .shows(
            "Đạt tiêu chuẩn Lao động tiên tiến năm 2024 (chưa có quyết định công nhận danh hiệu)",
            Some(true),
        )
        .shows(
            "tiêu chuẩn Lao động tiên tiến năm 2024, chưa có quyết định",
            None,
        )
        .shows(
            "sáng kiến “Số hóa hồ sơ một cửa” được công nhận phạm vi cơ sở",
            Some(true),
        ),
        // Luật 2022, Điều 23: without the title and below the standard, not eligible.
        row(
            "standard not met",
            base(with_initiatives(
                yr(2024, "hoan_thanh", &[]),
                vec![initiative("co_so")],
            )),
            false,
            "nd-98-2023",
            Some(2_340_000),
        )
        .shows(
            "Chưa đạt tiêu chuẩn Lao động tiên tiến năm 2024",
            Some(false),
        ),
        // Luật 2022, Điều 23: an initiative of a higher scope (tỉnh) meets the base requirement.
        row(
            "provincial initiative",
            base(with_initiatives(
                yr(2024, "hoan_thanh_tot", &["lao_dong_tien_tien"]),
                vec![initiative("tinh")],
            )),
            true,
            "nd-98-2023",
            Some(2_340_000),
        )
        .shows("phạm vi cấp tỉnh", Some(true)),
        // Luật 2022, Điều 23: an accepted science project of national scope meets it too.
        row(
            "national science project",
            base(with_science(
                yr(2024, "hoan_thanh_tot", &["lao_dong_tien_tien"]),
                vec![json!({"scope": "toan_quoc"})],
            )),
            true,
            "nd-98-2023",
            Some(2_340_000),
        )
        .shows(
            "đề tài khoa học được nghiệm thu, công nhận phạm vi toàn quốc",
            Some(true),
        ),
        // Luật 2022, Điều 23: "hoàn thành tốt" and no initiative or project: not eligible.
        row(
            "nothing beyond LĐTT",
            base(yr(2024, "hoan_thanh_tot", &["lao_dong_tien_tien"])),
            false,
            "nd-98-2023",
            Some(2_340_000),
        )
        .shows("không có sáng kiến", Some(false)),
        // Nghị định 91/2017, Điều 9 khoản 3: the 15% cap is a unit-wide quota, met: null, never decisive.
        row(
            "old regime cap",
            hist(
                person("chien_si_thi_dua_co_so", 2023, "2023-12-20"),
                vec![with_initiatives(
                    yr(2023, "hoan_thanh_tot", &["lao_dong_tien_tien"]),
                    vec![initiative("co_so")],
                )],
            ),
            true,
            "nd-91-2017",
            Some(1_800_000),
        )
        .shows("không quá 15%", None),
    ]);
}

#[test]
fn chien_si_thi_dua_cap_tinh() {
    let cs = |y: i32| {
        yr(
            y,
            "hoan_thanh_xuat_sac",
            &["lao_dong_tien_tien", "chien_si_thi_dua_co_so"],
        )
    };
    let case = |years: Vec<Value>| {
        hist(
            person("chien_si_thi_dua_cap_tinh", 2024, "2025-02-01"),
            years,
        )
    };
    check(vec![
        // Luật 2022, Điều 22 khoản 1: three consecutive years of CSTĐ cơ sở and a provincial initiative within them.
        row(
            "three years and a provincial initiative",
            case(vec![
                cs(2022),
                with_initiatives(cs(2023), vec![initiative("tinh")]),
                cs(2024),
            ]),
            true,
            "nd-98-2023",
            Some(7_020_000),
        )
        .shows(
            "Đạt danh hiệu Chiến sĩ thi đua cơ sở 3 năm liên tục 2022–2024",
            Some(true),
        )
        .shows("năm 2023 có sáng kiến", Some(true)),
        // Luật 2022, Điều 22 khoản 1: one of the three years missing is unknown, so not met.
        row(
            "middle year missing",
            case(vec![
                cs(2022),
                with_initiatives(cs(2024), vec![initiative("tinh")]),
            ]),
            false,
            "nd-98-2023",
            Some(7_020_000),
        )
        .shows("năm 2023 chưa có dữ liệu", Some(false)),
        // Luật 2022, Điều 22 khoản 1: a year without the title breaks the run.
        row(
            "middle year without the title",
            case(vec![
                cs(2022),
                yr(2023, "hoan_thanh_tot", &["lao_dong_tien_tien"]),
                with_initiatives(cs(2024), vec![initiative("tinh")]),
            ]),
            false,
            "nd-98-2023",
            Some(7_020_000),
        )
        .shows("năm 2023 không đạt", Some(false)),
        // Luật 2022, Điều 22 khoản 1: an initiative at city level does not reach the province.
        row(
            "city initiative only",
            case(vec![
                cs(2022),
                with_initiatives(cs(2023), vec![initiative("huyen")]),
                cs(2024),
            ]),
            false,
            "nd-98-2023",
            Some(7_020_000),
        )
        .shows(
            "sáng kiến chỉ đạt phạm vi cấp huyện (thành phố)",
            Some(false),
        ),
        // Luật 2022, Điều 22 khoản 1: a national initiative meets the provincial requirement.
        row(
            "national initiative",
            case(vec![
                with_initiatives(cs(2022), vec![initiative("toan_quoc")]),
                cs(2023),
                cs(2024),
            ]),
            true,
            "nd-98-2023",
            Some(7_020_000),
        )
        .shows("phạm vi toàn quốc", Some(true)),
        // Luật 2022, Điều 22 khoản 1: an initiative before the three years does not count.
        row(
            "initiative too early",
            case(vec![
                with_initiatives(yr(2021, "hoan_thanh_tot", &[]), vec![initiative("tinh")]),
                cs(2022),
                cs(2023),
                cs(2024),
            ]),
            false,
            "nd-98-2023",
            Some(7_020_000),
        ),
    ]);
}

#[test]
fn chien_si_thi_dua_toan_quoc() {
    let tinh = |y: i32| {
        yr(
            y,
            "hoan_thanh_xuat_sac",
            &["chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh"],
        )
    };
    let case = |years: Vec<Value>| {
        hist(
            person("chien_si_thi_dua_toan_quoc", 2024, "2025-03-01"),
            years,
        )
    };
    check(vec![
        // Luật 2022, Điều 21: two consecutive provincial titles (2021, 2024) and a national initiative.
        row(
            "two provincial titles and a national initiative",
            case(vec![
                tinh(2021),
                with_initiatives(
                    yr(2022, "hoan_thanh_xuat_sac", &[]),
                    vec![initiative("toan_quoc")],
                ),
                tinh(2024),
            ]),
            true,
            "nd-98-2023",
            Some(10_530_000),
        )
        .shows("2 lần liên tục (năm 2021 và năm 2024)", Some(true)),
        // Luật 2022, Điều 21: provincial titles three years apart are consecutive; four apart are not.
        row(
            "gap between provincial titles",
            case(vec![
                tinh(2020),
                with_initiatives(
                    yr(2022, "hoan_thanh_xuat_sac", &[]),
                    vec![initiative("toan_quoc")],
                ),
                tinh(2024),
            ]),
            false,
            "nd-98-2023",
            Some(10_530_000),
        )
        .shows("năm 2021 chưa có dữ liệu", Some(false)),
        // Luật 2022, Điều 21: a provincial initiative does not meet the national requirement.
        row(
            "provincial initiative only",
            case(vec![
                tinh(2021),
                with_initiatives(
                    yr(2022, "hoan_thanh_xuat_sac", &[]),
                    vec![initiative("tinh")],
                ),
                tinh(2024),
            ]),
            false,
            "nd-98-2023",
            Some(10_530_000),
        ),
    ]);
}

#[test]
fn tap_the_lao_dong_xuat_sac() {
    let case = |m: Value| {
        hist(
            collective("tap_the_lao_dong_xuat_sac", 2024, "2025-01-20", m),
            vec![yr(2024, "hoan_thanh_xuat_sac", &[])],
        )
    };
    check(vec![
        // Luật 2022, Điều 27 khoản 1 c: exactly 70% Lao động tiên tiến meets "at least 70%".
        row("exactly 70%", case(members(10, 10, 7, 1, 0)), true, "nd-98-2023", Some(3_510_000))
            .shows("7/10 cá nhân (70%) đạt danh hiệu Lao động tiên tiến", Some(true))
            .shows("Nội bộ đoàn kết", None),
        // Luật 2022, Điều 27 khoản 1 c: 70.0% of 1,000 members.
        row("700 of 1000", case(members(1000, 1000, 700, 3, 0)), true, "nd-98-2023", Some(3_510_000)),
        // Luật 2022, Điều 27 khoản 1 c: 69.9% does not.
        row("69.9%", case(members(1000, 1000, 699, 3, 0)), false, "nd-98-2023", Some(3_510_000))
            .shows("699/1000 cá nhân (69,9%)", Some(false)),
        // Luật 2022, Điều 27 khoản 1 c: 100% of members must complete their tasks.
        row("one member did not complete", case(members(20, 19, 18, 1, 0)), false, "nd-98-2023", Some(3_510_000))
            .shows("19/20 cá nhân (95%) hoàn thành nhiệm vụ", Some(false)),
        // Luật 2022, Điều 27 khoản 1 d: at least one Chiến sĩ thi đua cơ sở.
        row("no CSTĐ cơ sở", case(members(20, 20, 18, 0, 0)), false, "nd-98-2023", Some(3_510_000))
            .shows("0 cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở", Some(false)),
        // Luật 2003 (sửa đổi 2013), Điều 27 (and DOMAIN.md for Luật 2022): nobody disciplined at cảnh cáo or above.
        row("a member warned", case(members(20, 20, 18, 1, 1)), false, "nd-98-2023", Some(3_510_000))
            .shows("1 cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên", Some(false)),
        // Contract: an unknown count never meets.
        row("CSTĐ count unknown", case(json!({"total": 20, "completed": 20, "lao_dong_tien_tien": 18, "disciplined_canh_cao_or_above": 0})), false, "nd-98-2023", Some(3_510_000))
            .shows("chưa có số cá nhân đạt danh hiệu Chiến sĩ thi đua cơ sở", Some(false)),
        // Luật 2022, Điều 27 khoản 1 a: the collective itself must excel.
        row("collective rated good only", hist(collective("tap_the_lao_dong_xuat_sac", 2024, "2025-01-20", members(10, 10, 7, 1, 0)), vec![yr(2024, "hoan_thanh_tot", &[])]), false, "nd-98-2023", Some(3_510_000)),
    ]);
}

#[test]
fn tap_the_lao_dong_tien_tien() {
    let case = |m: Value| {
        hist(
            collective("tap_the_lao_dong_tien_tien", 2023, "2023-12-25", m),
            vec![yr(2023, "hoan_thanh_tot", &[])],
        )
    };
    check(vec![
        // Luật 2003 (sửa đổi 2013), Điều 28: more than 50% Lao động tiên tiến; exactly half is not enough.
        row(
            "half",
            case(members(20, 20, 10, 0, 0)),
            false,
            "nd-91-2017",
            Some(1_440_000),
        )
        .shows("10/20 cá nhân (50%)", Some(false)),
        // Luật 2003 (sửa đổi 2013), Điều 28: 11 of 20 is more than half; 0.8 × 1,800,000 = 1,440,000.
        row(
            "more than half",
            case(members(20, 20, 11, 0, 0)),
            true,
            "nd-91-2017",
            Some(1_440_000),
        ),
    ]);
}

#[test]
fn forms_of_commendation_money() {
    let gk = |subject: &str, decision: &str, issuer: Option<&str>| {
        let mut c = ldtt_holder("giay_khen", 2024, decision);
        c["subject"] = json!(subject);
        if subject == "collective" {
            c["members"] = members(10, 10, 6, 0, 0);
        }
        if let Some(i) = issuer {
            c["issuer"] = json!(i);
        }
        c
    };
    check(vec![
        // Nghị định 98/2023: Giấy khen of a commune chairman 0.15 × 1,800,000 = 270,000.
        row(
            "commune gk individual 2024-03",
            gk("individual", "2024-03-01", Some("chu_tich_xa")),
            true,
            "nd-98-2023",
            Some(270_000),
        ),
        // ... a collective gets twice the individual's rounded amount.
        row(
            "commune gk collective 2024-03",
            gk("collective", "2024-03-01", Some("chu_tich_xa")),
            true,
            "nd-98-2023",
            Some(540_000),
        ),
        // Nghị định 98/2023 with 2,340,000: 0.15 × 2,340,000 = 351,000 → 360,000; collective 720,000.
        row(
            "commune gk individual 2024-07",
            gk("individual", "2024-07-01", Some("chu_tich_xa")),
            true,
            "nd-98-2023",
            Some(360_000),
        ),
        row(
            "commune gk collective 2024-07",
            gk("collective", "2024-07-01", Some("chu_tich_xa")),
            true,
            "nd-98-2023",
            Some(720_000),
        ),
        // Other Giấy khen 0.3 × 2,340,000 = 702,000 → 710,000; collective 2 × 710,000 (not 2 × 702,000 rounded).
        row(
            "other gk individual",
            gk("individual", "2024-07-01", None),
            true,
            "nd-98-2023",
            Some(710_000),
        ),
        row(
            "other gk collective",
            gk("collective", "2024-07-01", Some("thu_truong")),
            true,
            "nd-98-2023",
            Some(1_420_000),
        ),
        // Nghị định 152/2025, Điều 54 khoản 1: Giấy khen 0.3 whoever signs.
        row(
            "commune gk after 2025-07-01",
            gk("individual", "2025-07-01", Some("chu_tich_xa")),
            true,
            "nd-152-2025",
            Some(710_000),
        ),
        // Nghị định 91/2017: Giấy khen 0.3 × 1,490,000 = 447,000 → 450,000.
        row(
            "gk old regime",
            ldtt_holder("giay_khen", 2022, "2023-06-30"),
            true,
            "nd-91-2017",
            Some(450_000),
        ),
        // Nghị định 91/2017: a collective's Giấy khen is twice the individual's (2 × 540,000).
        row(
            "gk old regime collective",
            with(ldtt_holder("giay_khen", 2022, "2023-07-01"), |c| {
                c["subject"] = json!("collective");
                c["members"] = members(5, 5, 3, 0, 0);
            }),
            true,
            "nd-91-2017",
            Some(1_080_000),
        ),
    ]);
}

#[test]
fn lao_dong_sang_tao() {
    let case = |level: Option<&str>, member: bool, benefit: i64| {
        let mut c = hist(
            person("lao_dong_sang_tao", 2024, "2025-04-28"),
            vec![with_initiatives(
                yr(2024, "hoan_thanh_tot", &[]),
                vec![json!({"scope": "co_so", "benefit_vnd": benefit, "name": "Máy cắt tự động"})],
            )],
        );
        c["union_member"] = json!(member);
        if let Some(l) = level {
            c["staff_level"] = json!(l);
        }
        c
    };
    check(vec![
        // Quyết định 1564/QĐ-TLĐ 2014: workers need a benefit of at least 80 million đ; no money is set.
        row(
            "worker at 80 million",
            case(Some("lao_dong"), true, 80_000_000),
            true,
            "nd-98-2023",
            None,
        )
        .shows("làm lợi 80.000.000 đ", Some(true)),
        row(
            "worker just below",
            case(Some("lao_dong"), true, 79_999_999),
            false,
            "nd-98-2023",
            None,
        ),
        // Quyết định 1564/QĐ-TLĐ 2014: university-level staff need 150 million đ.
        row(
            "graduate at 100 million",
            case(Some("dai_hoc"), true, 100_000_000),
            false,
            "nd-98-2023",
            None,
        )
        .shows("ít nhất 150.000.000 đ", Some(false)),
        // Quyết định 1564/QĐ-TLĐ 2014: managers need 200 million đ.
        row(
            "manager at 200 million",
            case(Some("quan_ly"), true, 200_000_000),
            true,
            "nd-98-2023",
            None,
        ),
        // Quyết định 1564/QĐ-TLĐ 2014: only union members.
        row(
            "not a union member",
            case(Some("lao_dong"), false, 90_000_000),
            false,
            "nd-98-2023",
            None,
        )
        .shows("Không phải đoàn viên công đoàn", Some(false)),
        // Unknown staff level: the threshold is unknown, so not met.
        row(
            "staff level unknown",
            case(None, true, 300_000_000),
            false,
            "nd-98-2023",
            None,
        )
        .shows("Chưa rõ đối tượng", Some(false)),
    ]);
}

#[test]
fn judgment_criteria_never_decide() {
    // Contract: eligible is true exactly when every true/false criterion is true; null ones wait.
    let v = check_json(&ldtt_holder("lao_dong_tien_tien", 2024, "2025-01-10").to_string())
        .expect("valid");
    assert!(v.eligible);
    assert!(v.judgment_pending);
    assert!(v.criteria.iter().any(|c| c.met.is_none()));
    let failing = check_json(
        &hist(
            person("lao_dong_tien_tien", 2024, "2025-01-10"),
            vec![yr(2024, "khong_hoan_thanh", &[])],
        )
        .to_string(),
    )
    .expect("valid");
    assert!(!failing.eligible);
    assert!(failing.judgment_pending);
}
