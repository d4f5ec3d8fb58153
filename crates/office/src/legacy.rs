//! Vietnamese text typed in the legacy 8-bit encodings TCVN3 (ABC, fonts `.VnTime`, `.VnArial`…) and
//! VNI (VNI-Windows, fonts `VNI-Times`…), converted to Unicode NFC.
//!
//! Before Unicode, offices typed Vietnamese with a font whose glyphs were drawn over the bytes of the
//! Windows-1252 code page. When such a file is opened today (an old `.xls` saved again as `.xlsx`, a
//! Word file pasted into Excel), the bytes come back as the Windows-1252 characters they were stored
//! as: "Hµ Néi" (TCVN3) or "Haø Noäi" (VNI) for "Hà Nội". This module recognises such text
//! ([`detect`]) and gives the Unicode text back ([`to_unicode`]).
//!
//! # The tables
//!
//! Both tables are the published character tables of the encodings, as the Vietnamese converters
//! (Unikey, VietKey) implement them:
//!
//! - **TCVN3** is the "VN3" subset of TCVN 5712:1993. One byte per letter: the bytes 0xA1–0xFE hold
//!   the lower-case letters with their tones and the upper-case letters Ă Â Ê Ô Ơ Ư Đ without tone.
//!   Upper-case letters with a tone do not exist in VN3: the ABC fonts come in pairs, and a title was
//!   typed with the same lower-case bytes in the capitals font (`.VnTimeH`). Such text reads back in
//!   lower case here, as nothing in the text says which font drew it.
//! - **VNI** writes a letter as its plain ASCII base followed by one mark byte (a tone, a modifier, or
//!   a modifier and a tone at once): "a" + "ù" is á, "a" + "á" is ấ, "a" + "é" is ắ. Ơ, Ư, Đ, the
//!   toned i and ỵ are single bytes. Every letter exists in both cases.
//!
//! # Detection is conservative
//!
//! Unicode Vietnamese and English must never be "converted". [`detect`] therefore looks word by word:
//! a word is evidence for an encoding only when it is **not** a Vietnamese syllable as it stands but
//! **is** one once converted ("Vaên" → "Văn", "Hµ" → "Hà"); a word that is a Vietnamese syllable as it
//! stands but not once converted, or any character that Windows-1252 cannot hold (ạ, ư, đ … are
//! there in almost every line of Unicode Vietnamese), is evidence against. The syllable check knows
//! the onsets, the vowel groups and the final consonants of Vietnamese.

use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// A legacy Vietnamese encoding (bảng mã cũ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Legacy {
    /// TCVN3 (ABC), fonts `.VnTime`, `.VnArial`.
    Tcvn3,
    /// VNI-Windows, fonts `VNI-Times`, `VNI-Helve`.
    Vni,
}

impl Legacy {
    pub const ALL: [Legacy; 2] = [Legacy::Tcvn3, Legacy::Vni];

    /// The name users know the encoding by.
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC, phông .VnTime)",
            Legacy::Vni => "VNI (phông VNI-Times)",
        }
    }
}

/// TCVN3 byte → Unicode letter. Bytes are given as the Windows-1252 (here: Latin-1) characters that
/// show when the text is read as Unicode. Source: TCVN 5712:1993, table VN3.
#[rustfmt::skip]
const TCVN3: &[(char, char)] = &[
    // Upper-case letters without tone.
    ('\u{A1}', 'Ă'), ('\u{A2}', 'Â'), ('\u{A3}', 'Ê'), ('\u{A4}', 'Ô'),
    ('\u{A5}', 'Ơ'), ('\u{A6}', 'Ư'), ('\u{A7}', 'Đ'),
    // Lower-case letters without tone (0xAD, ư, is the soft hyphen in Windows-1252).
    ('\u{A8}', 'ă'), ('\u{A9}', 'â'), ('\u{AA}', 'ê'), ('\u{AB}', 'ô'),
    ('\u{AC}', 'ơ'), ('\u{AD}', 'ư'), ('\u{AE}', 'đ'),
    // a: huyền, hỏi, ngã, sắc, nặng.
    ('\u{B5}', 'à'), ('\u{B6}', 'ả'), ('\u{B7}', 'ã'), ('\u{B8}', 'á'), ('\u{B9}', 'ạ'),
    // ă
    ('\u{BB}', 'ằ'), ('\u{BC}', 'ẳ'), ('\u{BD}', 'ẵ'), ('\u{BE}', 'ắ'), ('\u{C6}', 'ặ'),
    // â
    ('\u{C7}', 'ầ'), ('\u{C8}', 'ẩ'), ('\u{C9}', 'ẫ'), ('\u{CA}', 'ấ'), ('\u{CB}', 'ậ'),
    // e
    ('\u{CC}', 'è'), ('\u{CE}', 'ẻ'), ('\u{CF}', 'ẽ'), ('\u{D0}', 'é'), ('\u{D1}', 'ẹ'),
    // ê
    ('\u{D2}', 'ề'), ('\u{D3}', 'ể'), ('\u{D4}', 'ễ'), ('\u{D5}', 'ế'), ('\u{D6}', 'ệ'),
    // i
    ('\u{D7}', 'ì'), ('\u{D8}', 'ỉ'), ('\u{DC}', 'ĩ'), ('\u{DD}', 'í'), ('\u{DE}', 'ị'),
    // o
    ('\u{DF}', 'ò'), ('\u{E1}', 'ỏ'), ('\u{E2}', 'õ'), ('\u{E3}', 'ó'), ('\u{E4}', 'ọ'),
    // ô
    ('\u{E5}', 'ồ'), ('\u{E6}', 'ổ'), ('\u{E7}', 'ỗ'), ('\u{E8}', 'ố'), ('\u{E9}', 'ộ'),
    // ơ
    ('\u{EA}', 'ờ'), ('\u{EB}', 'ở'), ('\u{EC}', 'ỡ'), ('\u{ED}', 'ớ'), ('\u{EE}', 'ợ'),
    // u
    ('\u{EF}', 'ù'), ('\u{F1}', 'ủ'), ('\u{F2}', 'ũ'), ('\u{F3}', 'ú'), ('\u{F4}', 'ụ'),
    // ư
    ('\u{F5}', 'ừ'), ('\u{F6}', 'ử'), ('\u{F7}', 'ữ'), ('\u{F8}', 'ứ'), ('\u{F9}', 'ự'),
    // y
    ('\u{FA}', 'ỳ'), ('\u{FB}', 'ỷ'), ('\u{FC}', 'ỹ'), ('\u{FD}', 'ý'), ('\u{FE}', 'ỵ'),
];

// The combining marks of Vietnamese.
const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const HORN: char = '\u{31B}';
const DOT: char = '\u{323}';

/// What a VNI mark byte adds to the letter before it: the letters (lower case) it may follow and
/// the combining marks it stands for.
#[derive(Debug, Clone, Copy)]
struct VniMark {
    after: &'static str,
    marks: &'static [char],
}

const TONED: &str = "aeiouyơư";
const CIRC: &str = "aeo";

/// VNI mark bytes: lower case, upper case (either may follow a base of either case), the letters
/// it may follow, its marks. Source: the VNI-Windows character table of VNI Software, as the
/// Vietnamese converters (Unikey, VietKey) implement it.
#[rustfmt::skip]
const VNI_MARKS: &[(char, char, &str, &[char])] = &[
    // Tones alone.
    ('ù', 'Ù', TONED, &[ACUTE]),
    ('ø', 'Ø', TONED, &[GRAVE]),
    ('û', 'Û', TONED, &[HOOK]),
    ('õ', 'Õ', TONED, &[TILDE]),
    ('ï', 'Ï', TONED, &[DOT]),
    // Circumflex (â ê ô), alone and with each tone.
    ('â', 'Â', CIRC, &[CIRCUMFLEX]),
    ('á', 'Á', CIRC, &[CIRCUMFLEX, ACUTE]),
    ('à', 'À', CIRC, &[CIRCUMFLEX, GRAVE]),
    ('å', 'Å', CIRC, &[CIRCUMFLEX, HOOK]),
    ('ã', 'Ã', CIRC, &[CIRCUMFLEX, TILDE]),
    ('ä', 'Ä', CIRC, &[CIRCUMFLEX, DOT]),
    // Breve (ă), alone and with each tone.
    ('ê', 'Ê', "a", &[BREVE]),
    ('é', 'É', "a", &[BREVE, ACUTE]),
    ('è', 'È', "a", &[BREVE, GRAVE]),
    ('ú', 'Ú', "a", &[BREVE, HOOK]),
    ('ü', 'Ü', "a", &[BREVE, TILDE]),
    ('ë', 'Ë', "a", &[BREVE, DOT]),
];

/// VNI letters written as one byte (lower, upper, letter in lower case). Ơ and Ư may still take a
/// tone byte after them.
const VNI_SINGLE: [(char, char, char); 9] = [
    ('ô', 'Ô', 'ơ'),
    ('ö', 'Ö', 'ư'),
    ('ñ', 'Ñ', 'đ'),
    ('ì', 'Ì', 'ì'),
    ('í', 'Í', 'í'),
    ('æ', 'Æ', 'ỉ'),
    ('ó', 'Ó', 'ĩ'),
    ('ò', 'Ò', 'ị'),
    ('î', 'Î', 'ỵ'),
];

fn tcvn3_table() -> &'static HashMap<char, char> {
    static TABLE: OnceLock<HashMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| TCVN3.iter().copied().collect())
}

/// Converts text in a legacy encoding (read as Windows-1252 characters) to Unicode NFC. Characters
/// that are not part of the encoding pass unchanged.
pub fn to_unicode(text: &str, encoding: Legacy) -> String {
    match encoding {
        Legacy::Tcvn3 => {
            let table = tcvn3_table();
            let out: String = text.chars().map(|c| *table.get(&c).unwrap_or(&c)).collect();
            out.nfc().collect()
        }
        Legacy::Vni => vni_to_unicode(text),
    }
}

fn vni_to_unicode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // The lower-case letter just written, if a VNI mark may still follow it.
    let mut last: Option<char> = None;
    for c in text.chars() {
        if let Some(base) = last {
            if let Some(mark) = vni_mark(c) {
                if mark.after.contains(base) {
                    out.extend(mark.marks.iter());
                    // A letter takes one mark byte; ơ and ư take theirs after their own byte.
                    last = None;
                    continue;
                }
            }
        }
        if let Some(&(lower, upper, letter)) =
            VNI_SINGLE.iter().find(|(l, u, _)| *l == c || *u == c)
        {
            let is_upper = c == upper && c != lower;
            if is_upper {
                out.extend(letter.to_uppercase());
            } else {
                out.push(letter);
            }
            last = matches!(letter, 'ơ' | 'ư').then_some(letter);
            continue;
        }
        out.push(c);
        let lower = c.to_ascii_lowercase();
        last = "aeiouy"
            .contains(lower)
            .then_some(lower)
            .filter(|_| c.is_ascii());
    }
    out.nfc().collect()
}

fn vni_mark(c: char) -> Option<VniMark> {
    VNI_MARKS
        .iter()
        .find(|(l, u, _, _)| *l == c || *u == c)
        .map(|&(_, _, after, marks)| VniMark { after, marks })
}

/// The characters Windows-1252 gives to the bytes 0x80–0x9F. Legacy text read as Windows-1252 holds
/// only ASCII, these, and U+00A0–U+00FF.
const CP1252_HIGH: &str = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ";

fn in_cp1252(c: char) -> bool {
    (c as u32) < 0x80 || ('\u{A0}'..='\u{FF}').contains(&c) || CP1252_HIGH.contains(c)
}

/// How a text reads in one encoding, word by word (see the module documentation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Words that only make sense once converted.
    pub for_legacy: usize,
    /// Words that make sense both ways.
    pub either: usize,
    /// Words that only make sense as they are (or hold characters no legacy text can hold).
    pub against: usize,
    /// Of the words in [`Evidence::for_legacy`], those holding a symbol where a letter belongs
    /// ("Th¾ng"): no language writes words so, while a foreign word may now and then read as a
    /// Vietnamese syllable once converted ("São" in TCVN3 is "Sóo").
    pub marked: usize,
}

impl Evidence {
    /// The text is in the encoding: two words only make sense converted (or one that holds a
    /// symbol), and at most one word in ten says otherwise (a mixed column keeps its few Unicode
    /// cells; see [`Evidence::allows`]).
    pub fn decides(&self) -> bool {
        (self.for_legacy >= 2 || self.marked >= 1) && self.against * 10 <= self.for_legacy
    }

    /// A text known (from its column) to be in the encoding may be converted: nothing in it says
    /// otherwise and something changes.
    pub fn allows(&self) -> bool {
        self.against == 0 && self.for_legacy + self.either >= 1
    }
}

/// Weighs a text's words for one encoding.
pub fn evidence(text: &str, encoding: Legacy) -> Evidence {
    let mut e = Evidence::default();
    for word in words(text) {
        e.add(word_evidence(word, encoding));
    }
    e
}

/// The words of a text, as [`evidence`] weighs them.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit())
        .filter(|w| !w.is_ascii())
}

impl Evidence {
    fn add(&mut self, other: Evidence) {
        self.for_legacy += other.for_legacy;
        self.either += other.either;
        self.against += other.against;
        self.marked += other.marked;
    }
}

/// How one word (not all ASCII) reads in one encoding.
fn word_evidence(word: &str, encoding: Legacy) -> Evidence {
    let mut e = Evidence::default();
    if !word.chars().all(in_cp1252) {
        e.against = 1;
        return e;
    }
    let converted = to_unicode(word, encoding);
    if converted == word {
        // The same either way ("chính" in VNI): no evidence, and nothing to convert.
        return e;
    }
    match (is_vietnamese_word(&converted), is_vietnamese_word(word)) {
        (true, false) => {
            e.for_legacy = 1;
            e.marked = usize::from(is_marked(word, encoding));
        }
        (true, true) => e.either = 1,
        (false, true) => e.against = 1,
        (false, false) => {}
    }
    e
}

/// The legacy encoding of a column of cells, if its cells taken together clearly are in one:
/// at least two cells read only converted (or one with a trait of the encoding, see
/// [`Evidence::marked`]), and at least twice as many such cells as cells that read only as they
/// are. A column may so hold a few cells retyped in Unicode; convert each cell only when its own
/// evidence [allows](Evidence::allows) it.
pub fn detect_column<'a>(cells: impl IntoIterator<Item = &'a str>) -> Option<Legacy> {
    let cells: Vec<&str> = cells.into_iter().collect();
    let mut best: Option<(Legacy, usize)> = None;
    let mut tie = false;
    for encoding in Legacy::ALL {
        // A column repeats its words (family names, units, positions): each is weighed once.
        let mut known: HashMap<&str, Evidence> = HashMap::new();
        let (mut for_cells, mut marked, mut against_cells) = (0usize, 0usize, 0usize);
        for (i, text) in cells.iter().enumerate() {
            // Cells read only as they are already outnumber what the rest could outweigh (a column
            // of Unicode Vietnamese): this encoding cannot win.
            if for_cells + (cells.len() - i) < 2 * against_cells {
                break;
            }
            let mut e = Evidence::default();
            for word in words(text) {
                e.add(
                    *known
                        .entry(word)
                        .or_insert_with(|| word_evidence(word, encoding)),
                );
            }
            if e.for_legacy >= 1 && e.against == 0 {
                for_cells += 1;
                marked += usize::from(e.marked >= 1);
            } else if e.against >= 1 && e.for_legacy == 0 {
                against_cells += 1;
            }
        }
        if (for_cells >= 2 || marked >= 1) && for_cells >= 2 * against_cells {
            match best {
                Some((_, n)) if n == for_cells => tie = true,
                Some((_, n)) if n > for_cells => {}
                _ => {
                    best = Some((encoding, for_cells));
                    tie = false;
                }
            }
        }
    }
    best.filter(|_| !tie).map(|(e, _)| e)
}

/// Whether a word shows a trait of the encoding that no language's words have: in TCVN3 a symbol
/// among letters ("Th¾ng"); in VNI a vowel followed by one of the mark bytes that, after a vowel, no
/// other language writes ("Loø", "Ñaûng"). The marks that French or Spanish may put there (ù, ï, ú…)
/// do not count.
fn is_marked(word: &str, encoding: Legacy) -> bool {
    match encoding {
        // µ and ª count as letters in Unicode, but no language spells a word with them.
        Legacy::Tcvn3 => word
            .chars()
            .any(|c| !c.is_ascii() && (!c.is_alphabetic() || "µª".contains(c))),
        Legacy::Vni => {
            let chars: Vec<char> = word.chars().collect();
            chars.windows(2).any(|pair| {
                let base = pair[0].to_ascii_lowercase();
                "øûåäëüØÛÅÄËÜ".contains(pair[1])
                    && pair[0].is_ascii()
                    && vni_mark(pair[1]).is_some_and(|m| m.after.contains(base))
            })
        }
    }
}

/// The legacy encoding a text is typed in, if the text clearly is; `None` for Unicode text, for
/// English, and whenever in doubt.
pub fn detect(text: &str) -> Option<Legacy> {
    let tcvn3 = evidence(text, Legacy::Tcvn3);
    let vni = evidence(text, Legacy::Vni);
    match (tcvn3.decides(), vni.decides()) {
        (true, false) => Some(Legacy::Tcvn3),
        (false, true) => Some(Legacy::Vni),
        (true, true) if tcvn3.for_legacy > vni.for_legacy => Some(Legacy::Tcvn3),
        (true, true) if vni.for_legacy > tcvn3.for_legacy => Some(Legacy::Vni),
        _ => None,
    }
}

/// Whether a word (letters only) is one Vietnamese syllable: an onset, a group of vowels with at
/// most one tone, and a final consonant, each one Vietnamese has.
pub(crate) fn is_vietnamese_word(word: &str) -> bool {
    // Letters without tone (ă â ê ô ơ ư đ kept), in lower case.
    let mut letters = String::with_capacity(word.len());
    let mut tones = 0;
    for c in word.nfd().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | 'đ' => letters.push(c),
            CIRCUMFLEX | BREVE | HORN => {
                let Some(base) = letters.pop() else {
                    return false;
                };
                let letter = match (base, c) {
                    ('a', CIRCUMFLEX) => 'â',
                    ('e', CIRCUMFLEX) => 'ê',
                    ('o', CIRCUMFLEX) => 'ô',
                    ('a', BREVE) => 'ă',
                    ('o', HORN) => 'ơ',
                    ('u', HORN) => 'ư',
                    _ => return false,
                };
                letters.push(letter);
            }
            GRAVE | ACUTE | TILDE | HOOK | DOT => {
                // A tone sits on a vowel ("ñ" is n with a tilde, not a toned letter).
                if !letters
                    .chars()
                    .last()
                    .is_some_and(|l| "aăâeêioôơuưy".contains(l))
                {
                    return false;
                }
                tones += 1;
            }
            _ => return false,
        }
    }
    if tones > 1 || letters.is_empty() {
        return false;
    }
    let is_vowel = |c: char| "aăâeêioôơuưy".contains(c);
    let onset = ONSETS
        .iter()
        .find(|o| {
            letters.starts_with(*o)
                // "gi" and "qu" are onsets only before a vowel ("gìn" is g + ìn).
                && (!matches!(**o, "gi" | "qu")
                    || letters[o.len()..].chars().next().is_some_and(is_vowel))
        })
        .map_or(0, |o| o.len());
    let rest = &letters[onset..];
    let nucleus_len: usize = rest
        .chars()
        .take_while(|&c| is_vowel(c))
        .map(char::len_utf8)
        .sum();
    let (nucleus, coda) = rest.split_at(nucleus_len);
    // "gi" alone before a consonant-free end ("gì") has its i as the vowel.
    let nucleus_ok = VOWEL_GROUPS.contains(&nucleus)
        || (nucleus.is_empty() && onset == 2 && letters.starts_with("gi"));
    nucleus_ok && CODAS.contains(&coda)
}

/// Onsets, longest first so that "ngh" wins over "ng" and "n".
const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// The vowel groups of Vietnamese syllables (glides included), without tone.
const VOWEL_GROUPS: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây",
    "eo", "êu", "ia", "iê", "iu", "oa", "oă", "oe", "oi", "oo", "ôi", "ơi", "ua", "uâ", "uê", "ui",
    "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê", "iêu", "oai", "oay", "oao", "oeo", "uây",
    "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu",
];

/// Final consonants ("" for an open syllable).
const CODAS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_recognised() {
        for w in [
            "Nguyễn",
            "Văn",
            "Đức",
            "Hà",
            "Nội",
            "Thị",
            "người",
            "khuya",
            "giường",
            "gì",
            "quốc",
            "quyết",
            "khuỷu",
            "ngoằn",
            "xoong",
            "Trường",
            "HOÀ",
            "hoà",
            "yêu",
            "uống",
        ] {
            assert!(is_vietnamese_word(w), "{w}");
        }
        for w in [
            "Nguyeãn", "Vaên", "Hµ", "Müller", "ea", "", "ab", "Excel", "hòaa", "ắá",
        ] {
            assert!(!is_vietnamese_word(w), "{w}");
        }
    }
}
