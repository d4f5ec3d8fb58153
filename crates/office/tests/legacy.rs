//! Legacy encodings: every letter and tone both ways, known words, round trips through encoders
//! written here independently of the module's tables, and no misfire on Unicode or English text.

use proptest::prelude::*;
use thidua_office::legacy::{detect, evidence, to_unicode, Legacy};
use unicode_normalization::UnicodeNormalization;

/// Tones in the order of the rows below: none, huyền, hỏi, ngã, sắc, nặng.
const TONES: [&str; 6] = ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"];

/// The toneless vowels of Vietnamese, with their modifiers.
const VOWELS: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// The 67 lower-case letters that are not ASCII: 66 toned or modified vowels and đ.
fn lower_letters() -> Vec<char> {
    let mut out = vec!['đ'];
    for v in VOWELS {
        for tone in TONES {
            let s: String = format!("{v}{tone}").nfc().collect();
            let mut chars = s.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                panic!("{v}{tone} has no precomposed letter");
            };
            if !c.is_ascii() {
                out.push(c);
            }
        }
    }
    out
}

fn all_letters() -> Vec<char> {
    let lower = lower_letters();
    let upper: Vec<char> = lower.iter().flat_map(|c| c.to_uppercase()).collect();
    lower.into_iter().chain(upper).collect()
}

/// TCVN3 rows as the VN3 code chart lists them: each toneless vowel, then its five tones
/// (huyền, hỏi, ngã, sắc, nặng), as the Windows-1252 characters of the bytes.
const TCVN3_ROWS: [(char, &str); 12] = [
    ('a', "aµ¶·¸¹"),
    ('ă', "¨»¼½¾Æ"),
    ('â', "©ÇÈÉÊË"),
    ('e', "eÌÎÏÐÑ"),
    ('ê', "ªÒÓÔÕÖ"),
    ('i', "i×ØÜÝÞ"),
    ('o', "oßáâãä"),
    ('ô', "«åæçèé"),
    ('ơ', "¬êëìíî"),
    ('u', "uïñòóô"),
    ('ư', "\u{AD}õö÷øù"),
    ('y', "yúûüýþ"),
];
const TCVN3_CAPITALS: [(char, char); 8] = [
    ('Ă', '¡'),
    ('Â', '¢'),
    ('Ê', '£'),
    ('Ô', '¤'),
    ('Ơ', '¥'),
    ('Ư', '¦'),
    ('Đ', '§'),
    ('đ', '®'),
];

/// Splits an NFC letter into its toneless vowel (lower case), its tone index and its case.
fn split(c: char) -> Option<(char, usize, bool)> {
    let upper = c.is_uppercase();
    let lower: String = c.to_lowercase().collect();
    let nfd: String = lower.nfd().collect();
    let tone = TONES[1..]
        .iter()
        .position(|t| nfd.contains(t))
        .map_or(0, |i| i + 1);
    let base: String = nfd
        .chars()
        .filter(|m| !TONES[1..].contains(&m.to_string().as_str()))
        .collect::<String>()
        .nfc()
        .collect();
    let base = base.chars().next()?;
    VOWELS.contains(&base).then_some((base, tone, upper))
}

/// Writes Unicode text in TCVN3. Capitals with a tone have no byte of their own; they are written
/// as the lower-case letter, as users of the ABC fonts did (with the capitals font).
fn encode_tcvn3(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfc() {
        if let Some(&(_, b)) = TCVN3_CAPITALS.iter().find(|(u, _)| *u == c) {
            out.push(b);
        } else if let Some((base, tone, upper)) = split(c) {
            let (_, row) = TCVN3_ROWS.iter().find(|(v, _)| *v == base).unwrap();
            let b = row.chars().nth(tone).unwrap();
            if upper && tone == 0 && b.is_ascii() {
                out.push(b.to_ascii_uppercase());
            } else {
                out.push(b);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Writes Unicode text in VNI from the rules of the encoding: base letter, then one mark byte.
fn encode_vni(text: &str) -> String {
    let mut out = String::new();
    let case = |lower: char, upper: bool| {
        if upper {
            lower.to_uppercase().next().unwrap()
        } else {
            lower
        }
    };
    for c in text.nfc() {
        if c == 'đ' || c == 'Đ' {
            out.push(case('ñ', c == 'Đ'));
            continue;
        }
        let Some((base, tone, upper)) = split(c) else {
            out.push(c);
            continue;
        };
        match base {
            'i' => {
                let single = ['i', 'ì', 'æ', 'ó', 'í', 'ò'][tone];
                out.push(case(single, upper));
            }
            'y' if tone == 5 => out.push(case('î', upper)),
            'â' | 'ê' | 'ô' => {
                out.push(case(
                    match base {
                        'â' => 'a',
                        'ê' => 'e',
                        _ => 'o',
                    },
                    upper,
                ));
                out.push(case(['â', 'à', 'å', 'ã', 'á', 'ä'][tone], upper));
            }
            'ă' => {
                out.push(case('a', upper));
                out.push(case(['ê', 'è', 'ú', 'ü', 'é', 'ë'][tone], upper));
            }
            _ => {
                let b = match base {
                    'ơ' => 'ô',
                    'ư' => 'ö',
                    other => other,
                };
                out.push(case(b, upper));
                if tone > 0 {
                    out.push(case(['ø', 'û', 'õ', 'ù', 'ï'][tone - 1], upper));
                }
            }
        }
    }
    out
}

#[test]
fn there_are_134_letters() {
    let letters = all_letters();
    assert_eq!(letters.len(), 134);
    let mut unique = letters.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 134);
}

#[test]
fn every_letter_and_tone_reads_back_from_vni() {
    for c in all_letters() {
        let vni = encode_vni(&c.to_string());
        assert!(
            vni.chars().all(|b| (b as u32) < 0x100),
            "{c}: {vni:?} is not 8-bit"
        );
        assert_eq!(
            to_unicode(&vni, Legacy::Vni),
            c.to_string(),
            "{c} as {vni:?}"
        );
        // Inside a word, too.
        let word = format!("x{vni}n");
        assert_eq!(to_unicode(&word, Legacy::Vni), format!("x{c}n"), "{word:?}");
    }
}

#[test]
fn every_lower_case_letter_and_tone_reads_back_from_tcvn3() {
    for c in lower_letters() {
        let tcvn3 = encode_tcvn3(&c.to_string());
        let mut bytes = tcvn3.chars();
        let b = bytes.next().unwrap();
        assert!(
            bytes.next().is_none() && ('\u{A1}'..='\u{FE}').contains(&b),
            "{c}: {tcvn3:?}"
        );
        assert_eq!(
            to_unicode(&tcvn3, Legacy::Tcvn3),
            c.to_string(),
            "{c} as {tcvn3:?}"
        );
    }
}

#[test]
fn tcvn3_capitals_exist_without_tone_and_fall_to_lower_case_with_one() {
    for c in ['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'] {
        let tcvn3 = encode_tcvn3(&c.to_string());
        assert_eq!(to_unicode(&tcvn3, Legacy::Tcvn3), c.to_string());
    }
    let capitals: Vec<char> = all_letters()
        .into_iter()
        .filter(|c| c.is_uppercase())
        .collect();
    assert_eq!(capitals.len(), 67);
    for c in capitals {
        let back = to_unicode(&encode_tcvn3(&c.to_string()), Legacy::Tcvn3);
        let expected = if "ĂÂÊÔƠƯĐ".contains(c) {
            c.to_string()
        } else {
            c.to_lowercase().collect()
        };
        assert_eq!(back, expected, "{c}");
    }
}

#[test]
fn known_words_convert() {
    for (vni, unicode) in [
        ("Nguyeãn Vaên Ñöùc", "Nguyễn Văn Đức"),
        ("Haø Noäi", "Hà Nội"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("ngöôøi", "người"),
        ("Vieät Nam", "Việt Nam"),
        ("Nguyeãn Thò Ngoïc Bích", "Nguyễn Thị Ngọc Bích"),
        ("UÛY BAN NHAÂN DAÂN", "ỦY BAN NHÂN DÂN"),
        (
            "Hoaøn thaønh xuaát saéc nhieäm vuï",
            "Hoàn thành xuất sắc nhiệm vụ",
        ),
        ("khuyûu tay, muoán", "khuỷu tay, muốn"),
    ] {
        assert_eq!(to_unicode(vni, Legacy::Vni), unicode);
        assert_eq!(encode_vni(unicode), vni);
    }
    for (tcvn3, unicode) in [
        ("B¶o Th¾ng", "Bảo Thắng"),
        ("M\u{AD}êng Kh\u{AD}\u{AC}ng", "Mường Khương"),
        ("Hµ Néi", "Hà Nội"),
        ("NguyÔn V¨n §øc", "Nguyễn Văn Đức"),
        ("ViÖt Nam", "Việt Nam"),
        (
            "Hoµn thµnh xuÊt s¾c nhiÖm vô",
            "Hoàn thành xuất sắc nhiệm vụ",
        ),
    ] {
        assert_eq!(to_unicode(tcvn3, Legacy::Tcvn3), unicode);
        assert_eq!(encode_tcvn3(unicode), tcvn3);
    }
}

/// Unicode Vietnamese as offices write it: names, units, titles.
const SAMPLES: [&str; 14] = [
    "Nguyễn Văn Đức",
    "Lò Thị Mai",
    "Hoàn thành xuất sắc nhiệm vụ",
    "Phòng Nội vụ thành phố Lào Cai",
    "Ủy ban nhân dân phường Cốc Lếu",
    "Chiến sĩ thi đua cơ sở",
    "Giấy khen của Chủ tịch Ủy ban nhân dân thành phố",
    "Trưởng phòng Tài chính – Kế hoạch",
    "Tập thể lao động xuất sắc năm 2024",
    "Phó Chủ tịch Hội đồng Thi đua – Khen thưởng",
    "Đảng ủy khối các cơ quan",
    "Bà Hoàng Thị Thúy Hằng, sinh ngày 12/03/1985",
    "Trường Trung học phổ thông số 1 Bảo Thắng",
    "Dự án cải cách hành chính và chuyển đổi số",
];

#[test]
fn encoded_samples_are_detected_and_read_back() {
    for s in SAMPLES {
        let vni = encode_vni(s);
        assert_eq!(detect(&vni), Some(Legacy::Vni), "{vni}");
        assert_eq!(to_unicode(&vni, Legacy::Vni), s);
        let tcvn3 = encode_tcvn3(s);
        assert_eq!(detect(&tcvn3), Some(Legacy::Tcvn3), "{tcvn3}");
        // Capitals with a tone come back in lower case (Ủy → ủy).
        assert_eq!(
            to_unicode(&tcvn3, Legacy::Tcvn3).to_lowercase(),
            s.to_lowercase()
        );
    }
}

#[test]
fn unicode_and_english_text_is_left_alone() {
    let plain = [
        "",
        "Nam",
        "Hòa Bình",
        "Thái Nguyên",
        "Hoà",
        "cà phê",
        "Hồ Chí Minh",
        "Giám đốc",
        "The quick brown fox jumps over the lazy dog.",
        "Microsoft Excel 2016 (64-bit)",
        "Müller, José García, Zürich, naïve, café, São Paulo",
        "Björk Guðmundsdóttir",
        "Œuvre — “quoted” … €100",
        "5.000.000 đ",
        "12/03/1985",
        "=HYPERLINK(\"http://example.com\")",
        "ò ó ô õ à á â ã",
        "Trần Thị Hòa Ánh",
        "Lê Văn Tám; Đào Duy Từ",
    ];
    for s in SAMPLES.iter().chain(plain.iter()) {
        assert_eq!(detect(s), None, "{s}");
        assert_eq!(detect(&s.to_uppercase()), None, "{s}");
    }
}

#[test]
fn evidence_counts_words() {
    let e = evidence("Nguyeãn Vaên An", Legacy::Vni);
    assert_eq!((e.for_legacy, e.against), (2, 0));
    assert!(e.decides());
    let e = evidence("Nguyễn Văn An", Legacy::Vni);
    assert_eq!(e.for_legacy, 0);
    assert!(e.against >= 2);
    assert!(!e.decides());
    // A word that reads well both ways: not enough to decide, but allowed within a VNI column.
    let e = evidence("Thò", Legacy::Vni);
    assert_eq!((e.for_legacy, e.either, e.against), (0, 1, 0));
    assert!(!e.decides() && e.allows());
    // One word that only reads converted, without a trait of VNI: not enough alone.
    let e = evidence("Ngoïc", Legacy::Vni);
    assert_eq!((e.for_legacy, e.marked), (1, 0));
    assert!(!e.decides() && e.allows());
    // A vowel followed by ø is VNI's huyền and nothing else's.
    assert!(evidence("Haø", Legacy::Vni).decides());
    let e = evidence("Hµ", Legacy::Tcvn3);
    assert!(e.decides());
}

fn syllable() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Văn",
        "Thị",
        "Hữu",
        "Đức",
        "Minh",
        "Thúy",
        "Hằng",
        "Quốc",
        "Tuấn",
        "Khuê",
        "Ngọc",
        "Giang",
        "Yến",
        "Xuân",
        "Thu",
        "An",
        "Bình",
        "Cường",
        "Dũng",
        "Hòa",
        "Hoà",
        "Khánh",
        "Phương",
        "Trường",
        "người",
        "khuya",
        "ưởng",
        "nghiêng",
        "ấy",
    ])
    .prop_map(str::to_owned)
}

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(syllable(), 1..8).prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn vni_round_trips(s in sentence()) {
        prop_assert_eq!(to_unicode(&encode_vni(&s), Legacy::Vni), s.clone());
        prop_assert_eq!(to_unicode(&encode_vni(&s.to_uppercase()), Legacy::Vni), s.to_uppercase());
    }

    #[test]
    fn tcvn3_round_trips_in_lower_case(s in sentence()) {
        let lower = s.to_lowercase();
        prop_assert_eq!(to_unicode(&encode_tcvn3(&lower), Legacy::Tcvn3), lower);
    }

    #[test]
    fn unicode_names_are_never_detected(s in sentence()) {
        prop_assert_eq!(detect(&s), None);
        prop_assert_eq!(detect(&s.to_uppercase()), None);
    }

    #[test]
    fn converting_ascii_changes_nothing(s in "[ -~]{0,40}") {
        prop_assert_eq!(&to_unicode(&s, Legacy::Vni), &s);
        prop_assert_eq!(&to_unicode(&s, Legacy::Tcvn3), &s);
        prop_assert_eq!(detect(&s), None);
    }
}

#[test]
fn columns_are_judged_cell_by_cell() {
    use thidua_office::legacy::detect_column;
    let vni = [
        "Nguyeãn Vaên Ñöùc",
        "Thò Hoa",
        "Loø Thò Mai",
        "Phạm Thị Hằng",
    ];
    assert_eq!(detect_column(vni), Some(Legacy::Vni));
    let unicode = ["Nguyễn Văn Đức", "São Paulo", "Hòa", "Lò Thị Mai", "Müller"];
    assert_eq!(detect_column(unicode), None);
    // One Unicode cell per legacy cell is too many to decide.
    assert_eq!(detect_column(["Nöõ", "Nữ", "Nöõ", "Nữ"]), None);
    assert_eq!(detect_column(["Nöõ", "Nữ", "Nöõ"]), Some(Legacy::Vni));
    assert_eq!(detect_column(["Nam", "Nam"]), None);
    assert_eq!(detect_column(["Hµ Néi"]), Some(Legacy::Tcvn3));
}
