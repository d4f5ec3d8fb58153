//! Amounts in words (số tiền bằng chữ) and in figures with dot separators, as award decisions print
//! them under their lists: "Tổng cộng: 5.400.000" and "Bằng chữ: Năm triệu bốn trăm nghìn đồng".
//!
//! The reading follows the usual rules of Vietnamese finance offices: "mười" for ten, "mươi" for the
//! other tens, "mốt" for a final one after twenty, "tư" for a final four after twenty, "lăm" for a final
//! five after ten, "linh" for a zero ten, "không trăm" inside a number, and "nghìn", "triệu", "tỷ" as
//! the steps (a thousand billion is "nghìn tỷ").

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

const BILLION: u64 = 1_000_000_000;

/// A whole number read in Vietnamese words, in lower case: `1_005_000` → "một triệu không trăm linh năm nghìn".
pub fn number_in_words(n: i64) -> String {
    let mut words = Vec::new();
    if n < 0 {
        words.push("âm");
    }
    let magnitude = n.unsigned_abs();
    if magnitude == 0 {
        words.push("không");
    } else {
        read(magnitude, true, &mut words);
    }
    words.join(" ")
}

/// An amount of đồng in words as a decision writes it after "Bằng chữ:": `5_000_000` → "Năm triệu đồng".
pub fn amount_in_words(dong: i64) -> String {
    let words = number_in_words(dong);
    let mut chars = words.chars();
    let mut out = String::with_capacity(words.len() + 8);
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
    out.push_str(" đồng");
    out
}

/// A whole number in figures with "." between thousands, as lists print money: `5400000` → "5.400.000".
pub fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Reads `n` (> 0). `leading` is false when digits stand before it, so that its first group reads
/// its hundreds in full ("không trăm linh năm").
fn read(n: u64, leading: bool, words: &mut Vec<&'static str>) {
    if n >= BILLION {
        read(n / BILLION, leading, words);
        words.push("tỷ");
        let rest = n % BILLION;
        if rest > 0 {
            read(rest, false, words);
        }
        return;
    }
    // Below a billion: groups of three digits for triệu, nghìn and the units.
    let groups = [
        (n / 1_000_000, Some("triệu")),
        (n / 1_000 % 1_000, Some("nghìn")),
        (n % 1_000, None),
    ];
    let mut started = !leading;
    for (group, step) in groups {
        if group == 0 {
            continue;
        }
        read_group(group as usize, started, words);
        if let Some(step) = step {
            words.push(step);
        }
        started = true;
    }
}

/// Reads one group of three digits (1..=999). `full` asks for the hundreds even when they are zero.
fn read_group(group: usize, full: bool, words: &mut Vec<&'static str>) {
    let (hundreds, tens, units) = (group / 100, group / 10 % 10, group % 10);
    if hundreds > 0 || full {
        words.push(DIGITS[hundreds]);
        words.push("trăm");
    }
    let said_hundreds = hundreds > 0 || full;
    match tens {
        0 => {
            if units > 0 && said_hundreds {
                words.push("linh");
            }
            if units > 0 {
                words.push(DIGITS[units]);
            }
        }
        1 => {
            words.push("mười");
            match units {
                0 => {}
                5 => words.push("lăm"),
                u => words.push(DIGITS[u]),
            }
        }
        t => {
            words.push(DIGITS[t]);
            words.push("mươi");
            match units {
                0 => {}
                1 => words.push("mốt"),
                4 => words.push("tư"),
                5 => words.push("lăm"),
                u => words.push(DIGITS[u]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers_follow_the_spoken_rules() {
        let cases = [
            (0, "không"),
            (1, "một"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (99, "chín mươi chín"),
            (100, "một trăm"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (114, "một trăm mười bốn"),
            (215, "hai trăm mười lăm"),
            (999, "chín trăm chín mươi chín"),
        ];
        for (n, words) in cases {
            assert_eq!(number_in_words(n), words, "{n}");
        }
    }

    #[test]
    fn large_numbers_use_nghin_trieu_ty() {
        let cases = [
            (1_000, "một nghìn"),
            (1_005, "một nghìn không trăm linh năm"),
            (1_050, "một nghìn không trăm năm mươi"),
            (15_000, "mười lăm nghìn"),
            (270_000, "hai trăm bảy mươi nghìn"),
            (540_000, "năm trăm bốn mươi nghìn"),
            (1_000_000, "một triệu"),
            (1_005_000, "một triệu không trăm linh năm nghìn"),
            (1_000_500, "một triệu năm trăm"),
            (1_800_000, "một triệu tám trăm nghìn"),
            (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
            (5_000_000, "năm triệu"),
            (21_500_000, "hai mươi mốt triệu năm trăm nghìn"),
            (1_000_000_000, "một tỷ"),
            (1_000_000_005, "một tỷ không trăm linh năm"),
            (2_500_000_000_000, "hai nghìn năm trăm tỷ"),
            (-1_000, "âm một nghìn"),
        ];
        for (n, words) in cases {
            assert_eq!(number_in_words(n), words, "{n}");
        }
        // The extremes of i64 are read without overflow.
        assert!(number_in_words(i64::MIN).starts_with("âm chín tỷ hai trăm hai mươi ba triệu"));
        assert!(number_in_words(i64::MAX).ends_with("tám trăm linh bảy"));
    }

    #[test]
    fn amounts_are_capitalised_and_in_dong() {
        assert_eq!(amount_in_words(5_000_000), "Năm triệu đồng");
        assert_eq!(amount_in_words(0), "Không đồng");
        assert_eq!(amount_in_words(5_400_000), "Năm triệu bốn trăm nghìn đồng");
    }

    #[test]
    fn figures_have_dot_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1.000");
        assert_eq!(thousands(5_400_000), "5.400.000");
        assert_eq!(thousands(-1_234_567), "-1.234.567");
    }
}
