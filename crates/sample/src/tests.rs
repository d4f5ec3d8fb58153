use super::*;
use chrono::Datelike;
use std::collections::{HashMap, HashSet};
use thidua_domain::text;

fn city() -> SamplePlan {
    plan(Scale::City, 2023)
}

fn unit<'a>(plan: &'a SamplePlan, code: &str) -> &'a SampleUnit {
    plan.units
        .iter()
        .find(|u| u.code == code)
        .unwrap_or_else(|| panic!("no unit {code}"))
}

/// Codes valid, unique; parents known and earlier; groups known; merges between known units.
fn check_structure(plan: &SamplePlan) {
    let mut seen = HashSet::new();
    let groups: HashSet<&str> = plan.groups.iter().map(|g| g.code.as_str()).collect();
    assert_eq!(groups.len(), plan.groups.len(), "group codes are unique");
    for u in &plan.units {
        assert!(
            !u.code.is_empty()
                && u.code.len() <= 40
                && u.code
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            "bad code {}",
            u.code
        );
        if let Some(p) = &u.parent_code {
            assert!(
                seen.contains(p.as_str()),
                "{} before its parent {p}",
                u.code
            );
        }
        for g in &u.group_codes {
            assert!(
                groups.contains(g.as_str()),
                "{} in unknown group {g}",
                u.code
            );
        }
        assert_eq!(u.name, text::clean(&u.name), "unit name in NFC, trimmed");
        assert!(seen.insert(u.code.as_str()), "duplicate code {}", u.code);
    }
    let mut merged = HashSet::new();
    for m in &plan.merges {
        assert!(seen.contains(m.from_code.as_str()), "{}", m.from_code);
        assert!(seen.contains(m.into_code.as_str()), "{}", m.into_code);
        assert_ne!(m.from_code, m.into_code);
        assert!(merged.insert(m.from_code.as_str()), "merged twice");
        assert_eq!(m.on, NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
        assert_eq!(m.note, text::nfc(&m.note));
        assert_eq!(unit(plan, &m.from_code).kind, UnitKind::WardCommune);
        assert_eq!(unit(plan, &m.into_code).kind, UnitKind::WardCommune);
    }
    for m in &plan.merges {
        assert!(
            !merged.contains(m.into_code.as_str()),
            "{} merges into a unit that disappears",
            m.from_code
        );
    }
}

#[test]
fn scale_parses() {
    assert_eq!("city".parse::<Scale>(), Ok(Scale::City));
    assert_eq!(" Province ".parse::<Scale>(), Ok(Scale::Province));
    assert_eq!("nation".parse::<Scale>(), Ok(Scale::Nation));
    assert!("town".parse::<Scale>().is_err());
    assert_eq!(Scale::default(), Scale::City);
    for s in Scale::ALL {
        assert_eq!(s.to_string().parse::<Scale>(), Ok(s));
    }
}

#[test]
fn same_seed_same_data_other_seed_other_people() {
    let a = plan(Scale::City, 42);
    let b = plan(Scale::City, 42);
    assert_eq!(a, b);
    let pa: Vec<SamplePerson> = people(&a).collect();
    let pb: Vec<SamplePerson> = people(&b).collect();
    assert_eq!(pa, pb);
    assert_eq!(format!("{pa:?}"), format!("{pb:?}"));

    let c = plan(Scale::City, 43);
    assert_eq!(
        a.units, c.units,
        "the city's units do not depend on the seed"
    );
    let pc: Vec<SamplePerson> = people(&c).collect();
    assert_ne!(pa, pc);
    let same = pa
        .iter()
        .zip(&pc)
        .filter(|(x, y)| x.full_name == y.full_name)
        .count();
    assert!(same < pa.len() / 10, "{same} names in common");

    let p1 = plan(Scale::Province, 1);
    let p2 = plan(Scale::Province, 2);
    assert_eq!(p1, plan(Scale::Province, 1));
    assert_ne!(
        p1.units, p2.units,
        "enterprises and merges depend on the seed"
    );
}

#[test]
fn city_has_the_units_of_the_seed() {
    let p = city();
    check_structure(&p);
    assert_eq!(p.scale, Scale::City);
    assert_eq!(p.rating_years, vec![2023, 2024, 2025]);

    let root = unit(&p, "UBND-TP");
    assert_eq!(root.name, "UBND thành phố Lào Cai");
    assert_eq!(root.kind, UnitKind::PeoplesCommittee);
    assert_eq!(root.parent_code, None);
    let pnv = unit(&p, "PNV");
    assert_eq!(pnv.name, "Phòng Nội vụ");
    assert_eq!(pnv.kind, UnitKind::SpecialisedOffice);
    assert_eq!(pnv.parent_code.as_deref(), Some("UBND-TP"));
    let ldld = unit(&p, "LDLD");
    assert_eq!(ldld.name, "Liên đoàn Lao động thành phố");
    assert_eq!(ldld.kind, UnitKind::TradeUnion);
    let tu = unit(&p, "TU");
    assert_eq!(tu.name, "Thành ủy Lào Cai");
    assert_eq!(tu.kind, UnitKind::PartyBoard);
    for name in [
        "Ban Tổ chức Thành ủy",
        "Ban Tuyên giáo Thành ủy",
        "Ban Dân vận Thành ủy",
        "Ủy ban Kiểm tra Thành ủy",
        "Văn phòng Thành ủy",
        "Ủy ban MTTQVN thành phố",
        "Đoàn TNCS Hồ Chí Minh thành phố",
        "Hội Liên hiệp Phụ nữ thành phố",
        "Hội Nông dân thành phố",
        "Hội Cựu chiến binh thành phố",
        "Phòng Tài chính - Kế hoạch",
        "Phòng Tư pháp",
        "Phòng Văn hóa và Thông tin",
        "Phòng Giáo dục và Đào tạo",
        "Phòng Y tế",
        "Phòng Tài nguyên và Môi trường",
        "Phòng Quản lý đô thị",
        "Phòng Kinh tế",
        "Phòng Lao động - Thương binh và Xã hội",
        "Văn phòng HĐND và UBND thành phố",
        "Thanh tra thành phố",
        "Trung tâm Văn hóa - Thể thao - Truyền thông",
        "Ban Quản lý dự án đầu tư xây dựng",
        "Trung tâm Phát triển quỹ đất",
        "Trường THCS Lê Quý Đôn",
        "Trường Tiểu học Kim Đồng",
        "Phường Cốc Lếu",
        "Xã Cam Đường",
    ] {
        assert!(p.units.iter().any(|u| u.name == name), "no {name}");
    }

    let wards: Vec<&SampleUnit> = p
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::WardCommune)
        .collect();
    assert!(wards.len() >= 17, "{} wards and communes", wards.len());
    for w in &wards {
        assert!(
            w.name.starts_with("Phường ") || w.name.starts_with("Xã "),
            "{}",
            w.name
        );
        assert_eq!(w.group_codes, vec!["xa-phuong".to_owned()]);
    }

    let groups: Vec<(&str, &str)> = p
        .groups
        .iter()
        .map(|g| (g.code.as_str(), g.name.as_str()))
        .collect();
    assert_eq!(
        groups,
        vec![
            ("ban-dang", "Các Ban đảng Thành uỷ"),
            ("mttq-doan-the", "Ủy ban MTTQVN và các đoàn thể thành phố"),
            (
                "phong-dvsn",
                "Các Phòng chuyên môn, Đơn vị sự nghiệp thành phố"
            ),
            ("xa-phuong", "UBND các xã, phường"),
        ]
    );
    for g in &p.groups {
        assert!(
            p.units.iter().any(|u| u.group_codes.contains(&g.code)),
            "nobody in {}",
            g.code
        );
    }
    for u in &p.units {
        let roots = ["UBND-TP", "TU"];
        assert!(
            roots.contains(&u.code.as_str()) || !u.group_codes.is_empty(),
            "{} in no group",
            u.code
        );
    }

    assert_eq!(p.merges.len(), 1);
    let m = &p.merges[0];
    assert_eq!(
        (m.from_code.as_str(), m.into_code.as_str()),
        ("P-DUYEN-HAI", "P-COC-LEU")
    );
    assert!(m.note.contains("Phường Duyên Hải") && m.note.contains("Phường Cốc Lếu"));
}

#[test]
fn every_unit_has_a_profile_of_its_own() {
    for scale in Scale::ALL {
        let p = plan(scale, 5);
        for u in &p.units {
            let profile = roles::profile_of(u);
            assert_ne!(profile.name, "generic", "{} has no profile", u.name);
        }
    }
    for profile in roles::ALL {
        assert!(profile.size.0 <= profile.size.1, "{}", profile.name);
        assert!(profile.size_province.0 <= profile.size_province.1);
        assert!(
            !profile.staff.is_empty() || profile.size.1 as usize <= profile.leaders.len(),
            "{} needs staff posts",
            profile.name
        );
    }
}

#[test]
fn city_people_are_plausible() {
    for seed in [0, 1, 2023, u64::MAX] {
        let p = plan(Scale::City, seed);
        assert!(
            (2_700..=3_300).contains(&p.people_count),
            "seed {seed}: {} people",
            p.people_count
        );
        assert_eq!(people(&p).count(), p.people_count);
        assert_eq!(
            people(&p).size_hint(),
            (p.people_count, Some(p.people_count))
        );
    }

    let p = city();
    let all: Vec<SamplePerson> = people(&p).collect();
    let codes: HashSet<&str> = p.units.iter().map(|u| u.code.as_str()).collect();
    let per_unit = all.iter().fold(HashMap::new(), |mut m, x| {
        *m.entry(x.unit_code.as_str()).or_insert(0usize) += 1;
        m
    });
    assert_eq!(unit_headcounts(&p).iter().sum::<usize>(), all.len());
    for u in &p.units {
        let n = per_unit.get(u.code.as_str()).copied().unwrap_or(0);
        let (lo, hi) = match u.kind {
            UnitKind::WardCommune => (60, 150),
            UnitKind::SpecialisedOffice => (8, 40),
            UnitKind::PublicServiceUnit if u.name.starts_with("Trường") => (25, 80),
            _ => (3, 40),
        };
        assert!((lo..=hi).contains(&n), "{}: {n} people", u.name);
    }

    let first = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    let mut diacritics = 0;
    let mut nguyen = 0;
    let mut ratings = HashMap::new();
    let mut rated = 0;
    for x in &all {
        assert!(codes.contains(x.unit_code.as_str()), "{}", x.unit_code);
        assert_eq!(
            x.full_name,
            text::nfc(&x.full_name),
            "{} in NFC",
            x.full_name
        );
        assert_eq!(x.full_name, text::clean(&x.full_name));
        assert!(x.full_name.split(' ').count() >= 3, "{}", x.full_name);
        assert!(!x.full_name.chars().any(|c| c.is_ascii_digit()));
        if !x.full_name.is_ascii() {
            diacritics += 1;
        }
        if x.full_name.starts_with("Nguyễn ") {
            nguyen += 1;
        }
        assert!(!x.position.is_empty());
        for day in [first, last] {
            let age = day.years_since(x.birth_date).unwrap();
            assert!((22..=60).contains(&age), "{} is {age}", x.full_name);
        }
        let years: Vec<i32> = x.ratings.iter().map(|(y, _)| *y).collect();
        assert!(years.windows(2).all(|w| w[0] < w[1]));
        assert!(years.iter().all(|y| p.rating_years.contains(y)));
        assert!(!years.is_empty() && years.contains(&2025));
        assert!(x.birth_date.year() + 22 <= years[0] || years == [2025]);
        for (_, r) in &x.ratings {
            *ratings.entry(*r).or_insert(0usize) += 1;
            rated += 1;
        }
    }
    let n = all.len() as f64;
    assert!(
        f64::from(diacritics) / n > 0.9,
        "{diacritics} names with diacritics"
    );
    let share = f64::from(nguyen) / n;
    assert!((0.30..0.45).contains(&share), "Nguyễn {share}");
    let share = |r: Rating| ratings.get(&r).copied().unwrap_or(0) as f64 / rated as f64;
    assert!(
        (0.15..0.28).contains(&share(Rating::Excellent)),
        "{}",
        share(Rating::Excellent)
    );
    assert!(share(Rating::Good) > 0.55);
    assert!((0.03..0.15).contains(&share(Rating::Completed)));
    assert!((0.001..0.03).contains(&share(Rating::NotCompleted)));

    // Leaders first in their unit: the city's chairman, a ward's Party secretary.
    let chairman = all.iter().find(|x| x.unit_code == "UBND-TP").unwrap();
    assert_eq!(chairman.position, "Chủ tịch UBND");
    assert_eq!(chairman.staff_level, StaffLevel::Manager);
    assert_eq!(chairman.category, PersonCategory::Official);
    let secretary = all.iter().find(|x| x.unit_code == "P-KIM-TAN").unwrap();
    assert_eq!(secretary.position, "Bí thư Đảng ủy");
    let head = all.iter().find(|x| x.unit_code == "PNV").unwrap();
    assert_eq!(head.position, "Trưởng phòng");

    // Categories follow the kind of unit.
    let ward: Vec<&SamplePerson> = all.iter().filter(|x| x.unit_code == "P-KIM-TAN").collect();
    assert!(ward.iter().any(|x| x.category == PersonCategory::Official));
    assert!(ward
        .iter()
        .any(|x| x.category == PersonCategory::CivilServant));
    assert!(ward
        .iter()
        .any(|x| x.position == "Công chức Văn phòng - Thống kê"));
    let school: Vec<&SamplePerson> = all
        .iter()
        .filter(|x| x.unit_code == "THCS-LE-QUY-DON")
        .collect();
    let teachers = school
        .iter()
        .filter(|x| x.category == PersonCategory::PublicEmployee)
        .count();
    assert!(teachers * 10 >= school.len() * 8);
    assert!(school.iter().any(|x| x.position == "Giáo viên"));
    let managers = all
        .iter()
        .filter(|x| x.staff_level == StaffLevel::Manager)
        .count();
    assert!(managers * 100 < all.len() * 15, "{managers} managers");
    let women = all.iter().filter(|x| x.gender == Gender::Female).count();
    assert!((0.4..0.65).contains(&(women as f64 / n)), "{women} women");
    let members = all.iter().filter(|x| x.union_member).count();
    assert!((0.6..0.95).contains(&(members as f64 / n)));
}

#[test]
fn name_literals_are_nfc() {
    for s in names::all_literals() {
        assert_eq!(s, text::nfc(s));
        assert_eq!(s, s.trim());
    }
    for profile in roles::ALL {
        for role in profile
            .leaders
            .iter()
            .chain(profile.staff.iter().map(|(r, _)| r))
        {
            assert_eq!(role.title, text::nfc(role.title));
        }
    }
}

#[test]
fn province_has_about_a_thousand_units_and_a_hundred_thousand_people() {
    let p = plan(Scale::Province, 7);
    check_structure(&p);
    assert_eq!(p.rating_years, vec![2021, 2022, 2023, 2024, 2025]);
    assert!(
        (900..=1_150).contains(&p.units.len()),
        "{} units",
        p.units.len()
    );
    assert!(
        (90_000..=110_000).contains(&p.people_count),
        "{} people",
        p.people_count
    );
    // The city is inside, with the codes the demo accounts use.
    for code in ["UBND-TP", "PNV", "LDLD", "P-COC-LEU", "P-DUYEN-HAI"] {
        unit(&p, code);
    }
    assert_eq!(unit(&p, "UBND-TP").parent_code.as_deref(), Some("LCI-UBND"));
    assert_eq!(unit(&p, "PNV").name, "Phòng Nội vụ thành phố Lào Cai");
    assert!(p.merges.iter().any(|m| m.from_code == "P-DUYEN-HAI"));
    assert!(p.merges.len() > 5);
    let wards = p
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::WardCommune)
        .count();
    assert!(wards > 120, "{wards} communes");

    let mut count = 0;
    let codes: HashSet<&str> = p.units.iter().map(|u| u.code.as_str()).collect();
    for x in people(&p) {
        assert!(codes.contains(x.unit_code.as_str()));
        count += 1;
    }
    assert_eq!(count, p.people_count);
}

#[test]
fn nation_is_planned_without_making_its_people() {
    let p = plan(Scale::Nation, 7);
    check_structure(&p);
    assert!(
        (5_000..=10_000).contains(&p.units.len()),
        "{} units",
        p.units.len()
    );
    assert!(
        (900_000..=1_100_000).contains(&p.people_count),
        "{} people",
        p.people_count
    );
    let some: Vec<SamplePerson> = people(&p).take(2_000).collect();
    assert_eq!(some.len(), 2_000);
    assert_eq!(some[0].unit_code, p.units[0].code);
    // The people of the last unit can be made without walking the whole iterator's output twice.
    assert_eq!(people(&p).size_hint().0, p.people_count);
}

/// Walks all of the nation's people; slow in debug builds. Run with
/// `cargo test --release -p thidua-sample -- --ignored`.
#[test]
#[ignore]
fn nation_people_are_fast_enough() {
    let p = plan(Scale::Nation, 7);
    let start = std::time::Instant::now();
    let n = people(&p).count();
    let elapsed = start.elapsed();
    assert_eq!(n, p.people_count);
    eprintln!("{n} people in {elapsed:?}");
}
