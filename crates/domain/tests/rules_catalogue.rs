//! The rule tables, the catalogue, a movement's guidance, and the documentation generated from them.

use serde_json::json;
use thidua_domain::rules::{
    catalogue, catalogue_markdown, check_json_with, judge_with_guidance, quota_limit, Case,
    CriterionSource, Guidance, GuidanceCriterion, GuidanceKind, Percent, Rating, RuleTables, Scope,
};

#[test]
fn the_built_in_tables_read_check_and_round_trip() {
    let t = RuleTables::builtin();
    assert!(t.version >= 1);
    let again = RuleTables::from_json(&t.to_json_pretty()).expect("written tables read back");
    assert_eq!(&again, t);
    let codes: Vec<&str> = t.regimes.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["nd-91-2017", "nd-98-2023", "nd-152-2025"]);
}

#[test]
fn the_catalogue_has_the_contract_codes_with_criteria_and_citations_in_every_regime() {
    let t = RuleTables::builtin();
    let entries = catalogue(t);
    let codes: Vec<&str> = entries.iter().map(|e| e.code.as_str()).collect();
    for code in [
        "lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
        "chien_si_thi_dua_cap_tinh",
        "chien_si_thi_dua_toan_quoc",
        "tap_the_lao_dong_tien_tien",
        "tap_the_lao_dong_xuat_sac",
        "giay_khen",
        "bang_khen_tinh",
        "bang_khen_thu_tuong",
        "lao_dong_sang_tao",
    ] {
        assert!(codes.contains(&code), "{code}");
    }
    for e in &entries {
        assert_eq!(e.regimes.len(), 3, "{}", e.code);
        for r in &e.regimes {
            assert!(!r.criteria.is_empty(), "{} {}", e.code, r.regime);
            for c in &r.criteria {
                assert!(
                    c.citation.contains("Điều") || c.citation.starts_with("Quyết định"),
                    "{} {}: {}",
                    e.code,
                    r.regime,
                    c.citation
                );
                assert!(!c.text.is_empty());
            }
        }
    }
    // The 15% cap is the old regime's only (Nghị định 91/2017, Điều 9 khoản 3), off under Luật 2022.
    let cstd = entries
        .iter()
        .find(|e| e.code == "chien_si_thi_dua_co_so")
        .expect("cstd");
    let caps: Vec<bool> = cstd
        .regimes
        .iter()
        .map(|r| r.criteria.iter().any(|c| c.text.contains("15%")))
        .collect();
    assert_eq!(caps, [true, false, false]);
}

#[test]
fn regimes_are_chosen_by_decision_date() {
    let t = RuleTables::builtin();
    let on = |d: &str| {
        let date = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
        thidua_domain::rules::regimes::regime_code_on(t, date).map(str::to_owned)
    };
    assert_eq!(on("2010-05-01").as_deref(), Some("nd-91-2017"));
    assert_eq!(on("2023-12-31").as_deref(), Some("nd-91-2017"));
    assert_eq!(on("2024-01-01").as_deref(), Some("nd-98-2023"));
    assert_eq!(on("2025-06-30").as_deref(), Some("nd-98-2023"));
    assert_eq!(on("2025-07-01").as_deref(), Some("nd-152-2025"));
}

#[test]
fn bad_tables_are_refused_with_the_path() {
    let t = RuleTables::builtin();
    let mut v: serde_json::Value = serde_json::from_str(&t.to_json_pretty()).expect("json");
    v["base_salaries"][1]["from"] = json!("2010-01-01");
    let e = RuleTables::from_json(&v.to_string()).expect_err("unsorted salaries");
    assert_eq!(e.path, "base_salaries");

    let mut v: serde_json::Value = serde_json::from_str(&t.to_json_pretty()).expect("json");
    v["regimes"][1]["rules"]["lao_dong_tien_tien"]["criteria"][0]["at_leest"] = json!("hoan_thanh");
    assert!(
        RuleTables::from_json(&v.to_string()).is_err(),
        "a misspelt field is refused"
    );

    let mut v: serde_json::Value = serde_json::from_str(&t.to_json_pretty()).expect("json");
    v["regimes"][0]["rules"]["chien_si_thi_dua_co_so"]["criteria"][0]["title"] =
        json!("lao_dong_gioi");
    let e = RuleTables::from_json(&v.to_string()).expect_err("unknown title in a rule");
    assert!(e.path.ends_with("criteria[0].title"), "{}", e.path);

    let mut v: serde_json::Value = serde_json::from_str(&t.to_json_pretty()).expect("json");
    v["regimes"][2]["from"] = json!("2023-01-01");
    let e = RuleTables::from_json(&v.to_string()).expect_err("regimes out of order");
    assert_eq!(e.path, "regimes[2].from");
}

#[test]
fn an_administrator_copy_can_change_a_threshold_and_add_a_base_salary() {
    // The data, not the code, holds the 70%: a copy with 80% judges 75% as not enough, and a new base
    // salary changes the money from its date.
    let t = RuleTables::builtin();
    let mut v: serde_json::Value = serde_json::from_str(&t.to_json_pretty()).expect("json");
    for c in v["regimes"][1]["rules"]["tap_the_lao_dong_xuat_sac"]["criteria"]
        .as_array_mut()
        .expect("criteria")
    {
        if c["of"] == json!("lao_dong_tien_tien") {
            c["percent"] = json!(80);
        }
    }
    v["base_salaries"]
        .as_array_mut()
        .expect("list")
        .push(json!({"from": "2025-01-01", "amount_vnd": 3000000, "source": "thử nghiệm"}));
    v["version"] = json!(2);
    let copy = RuleTables::from_json(&v.to_string()).expect("valid copy");
    let case = json!({
        "subject": "collective", "title": "tap_the_lao_dong_xuat_sac", "year": 2024, "decision_date": "2025-01-20",
        "history": [{"year": 2024, "rating": "hoan_thanh_xuat_sac"}], "discipline_pending": false, "disciplined": null,
        "members": {"total": 20, "completed": 20, "lao_dong_tien_tien": 15, "chien_si_thi_dua_co_so": 1,
                    "disciplined_canh_cao_or_above": 0}
    })
    .to_string();
    let builtin = check_json_with(&case, t, &[]).expect("valid");
    let changed = check_json_with(&case, &copy, &[]).expect("valid");
    assert!(builtin.eligible);
    assert!(!changed.eligible);
    assert_eq!(changed.tables_version, 2);
    assert_eq!(builtin.award_vnd, Some(3_510_000));
    assert_eq!(changed.award_vnd, Some(4_500_000));
}

fn guidance_941() -> Guidance {
    serde_json::from_value(json!({
        "document": "941/UBND-NV",
        "name": "Hướng dẫn xét khen thưởng phong trào thi đua “Lao động giỏi, Lao động sáng tạo” giai đoạn 2021–2025",
        "criteria": [
            {"title": "lao_dong_tien_tien", "kind": "min_rating", "rating": "hoan_thanh_tot", "years": 2,
             "text": "Hai năm liền hoàn thành tốt nhiệm vụ", "citation": "Công văn 941/UBND-NV, mục 2"},
            {"title": "lao_dong_tien_tien", "kind": "requires_initiative", "scope": "co_so",
             "text": "Có ý tưởng, sáng kiến được công nhận trong năm", "citation": "Công văn 941/UBND-NV, mục 2"},
            {"title": "lao_dong_tien_tien", "kind": "judgment",
             "text": "Tích cực tham gia phong trào “Lao động giỏi, Lao động sáng tạo”", "citation": "Công văn 941/UBND-NV, mục 3"},
            {"title": "giay_khen", "kind": "judgment", "text": "Không áp dụng cho Lao động tiên tiến", "citation": "Công văn 941/UBND-NV"}
        ],
        "quotas": [{"unit_code": "UBND-PHUONG-1", "title": "giay_khen", "max_count": 5, "citation": "Công văn 941/UBND-NV, mục 4"}]
    }))
    .expect("guidance reads")
}

#[test]
fn guidance_criteria_are_judged_with_the_law_and_cited_to_the_guidance() {
    let g = guidance_941();
    let case = Case::from_json(
        &json!({
            "subject": "individual", "title": "lao_dong_tien_tien", "year": 2024, "decision_date": "2025-01-10",
            "history": [
                {"year": 2024, "rating": "hoan_thanh_tot", "initiatives": [{"scope": "huyen"}]},
                {"year": 2023, "rating": "hoan_thanh"}
            ],
            "discipline_pending": false, "disciplined": null
        })
        .to_string(),
    )
    .expect("valid");
    let law_only = thidua_domain::rules::judge(&case, RuleTables::builtin()).expect("judged");
    let with = judge_with_guidance(&case, RuleTables::builtin(), &g.criteria).expect("judged");
    assert!(law_only.eligible);
    assert!(
        !with.eligible,
        "the guidance asks two good years; 2023 was only 'hoàn thành'"
    );
    let from_guidance: Vec<_> = with
        .criteria
        .iter()
        .filter(|c| c.source == CriterionSource::Guidance)
        .collect();
    assert_eq!(from_guidance.len(), 3, "only the criteria for this title");
    assert!(from_guidance
        .iter()
        .all(|c| c.citation.starts_with("Công văn 941/UBND-NV")));
    assert_eq!(from_guidance[0].met, Some(false));
    assert!(
        from_guidance[0]
            .text
            .contains("năm 2023 xếp loại Hoàn thành nhiệm vụ"),
        "{}",
        from_guidance[0].text
    );
    assert_eq!(
        from_guidance[1].met,
        Some(true),
        "a city-level initiative meets a base requirement"
    );
    assert_eq!(from_guidance[2].met, None);
    assert!(
        from_guidance[0]
            .text
            .starts_with("Hai năm liền hoàn thành tốt nhiệm vụ: các năm 2023–2024"),
        "{}",
        from_guidance[0].text
    );
    assert!(g.quotas[0].allows(5) && !g.quotas[0].allows(6));
}

#[test]
fn guidance_criteria_are_plain_data() {
    let c = GuidanceCriterion {
        title: "chien_si_thi_dua_co_so".into(),
        text: "Có sáng kiến cấp thành phố".into(),
        citation: "Công văn 941/UBND-NV, mục 2".into(),
        kind: GuidanceKind::RequiresInitiative {
            scope: Scope::Huyen,
            years: 1,
        },
    };
    let json = serde_json::to_value(&c).expect("serialisable");
    assert_eq!(json["kind"], "requires_initiative");
    assert_eq!(json["scope"], "huyen");
    let back: GuidanceCriterion = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, c);
    let m = GuidanceKind::MinRating {
        rating: Rating::HoanThanhXuatSac,
        years: 1,
    };
    assert_eq!(
        serde_json::to_value(m).expect("ok")["rating"],
        "hoan_thanh_xuat_sac"
    );
}

#[test]
fn quota_limits_round_down() {
    // Nghị định 91/2017, Điều 9 khoản 3: at most 15% of the unit's Lao động tiên tiến.
    assert_eq!(quota_limit(Percent(1500), 40), 6);
    assert_eq!(quota_limit(Percent(1500), 39), 5);
    assert_eq!(quota_limit(Percent(1500), 6), 0);
}

const START: &str = "<!-- catalogue:start (generated from crates/domain/src/rules/tables.json; THIDUA_UPDATE_DOCS=1 cargo test -p thidua-domain --test rules_catalogue rewrites it) -->\n";
const END: &str = "<!-- catalogue:end -->";

#[test]
fn the_documented_catalogue_matches_the_tables() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/eligibility.md");
    let doc = std::fs::read_to_string(&path).expect("docs/eligibility.md exists");
    let fresh = catalogue_markdown(&catalogue(RuleTables::builtin()));
    let (Some(start), Some(end)) = (doc.find(START), doc.find(END)) else {
        panic!("docs/eligibility.md lacks the catalogue markers");
    };
    let current = &doc[start + START.len()..end];
    if current != fresh {
        if std::env::var_os("THIDUA_UPDATE_DOCS").is_some() {
            let updated = format!("{}{START}{fresh}{}", &doc[..start], &doc[end..]);
            std::fs::write(&path, updated).expect("docs written");
        } else {
            panic!("docs/eligibility.md is out of date with the rule tables; rerun with THIDUA_UPDATE_DOCS=1");
        }
    }
}
