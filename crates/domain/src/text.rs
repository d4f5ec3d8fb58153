//! Vietnamese text: Unicode NFC, diacritic-insensitive folding for search, and Vietnamese collation.
//!
//! # Collation
//!
//! [`sort_key`] turns a text into bytes whose plain byte order (memcmp, as a database sorts a BLOB or
//! `bytea` column) is Vietnamese dictionary order. The text is read in NFD, so canonically
//! equivalent texts (NFC, NFD or a mix) get the same key. White space is trimmed and each run of it
//! counts as one space, as [`clean`] does. The key has four levels, each ended by a `0x00` byte
//! that sorts below every byte a level can hold, so a shorter level sorts before a longer one it
//! begins (and a level is only reached when all levels before it are equal):
//!
//! 1. **Letters** (primary), one weight per character, case-insensitive:
//!    space `0x01`, digits `0`–`9` `0x02`–`0x0B`, then the letters in the order of [`ALPHABET`]:
//!    a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z), `0x10`–`0x30`, the
//!    foreign letters f j w z in their Latin places. Every other character (punctuation, symbols,
//!    other scripts) sorts after the letters, by the code point of its lower case: `0xFF` and
//!    three bytes big-endian. So "An" < "An Bình" < "Anh", "9" < "a" and "z" < "-".
//! 2. **Tones** (secondary), per word (a run between spaces): the tone marks of the word in order,
//!    then `0x01` to end the word. A Vietnamese syllable has at most one tone, and as the tone
//!    belongs to the syllable its place does not count: "hòa" and "hoà" are equal at this level.
//!    Tones sort in the order of the common Vietnamese dictionaries (e.g. Hoàng Phê's *Từ điển
//!    tiếng Việt*): ngang (no mark: nothing before `0x01`) < huyền (à) `0x02` < hỏi (ả) `0x03`
//!    < ngã (ã) `0x04` < sắc (á) `0x05` < nặng (ạ) `0x06`. So "ma" < "mà" < "mả" < "mã" < "má" < "mạ",
//!    and, letters coming first, "mạ" < "mac". Other combining marks (a diaeresis, a circumflex on
//!    a letter that does not take one…) sort after the tones: `0x07` and the code point.
//! 3. **Case** (tertiary), one byte per character: lower case or uncased `0x01`, upper case `0x02`.
//!    So "an" < "An" < "AN" < "anh".
//! 4. **Identity**: the NFD text itself (UTF-8, with U+0000 and U+0001 escaped to `01 01` and
//!    `01 02` so that no `0x00` occurs), to break the last ties deterministically: keys are equal
//!    exactly when the NFD texts, white space collapsed, are equal.
//!
//! The Icelandic capital eth `Ð` (U+00D0), often typed by mistake for the capital `Đ` (U+0110),
//! counts as `Đ` at the first three levels and in [`fold`].

use std::cmp::Ordering;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::UnicodeNormalization;

/// Text in Unicode NFC, the form thidua stores and returns.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// NFC, trimmed, inner runs of white space collapsed to one space: the form of names and titles.
pub fn clean(s: &str) -> String {
    let t = s.trim();
    // Most texts are clean already (imports clean every cell): one pass that checks, one copy.
    let mut prev_space = false;
    let tidy = t.chars().all(|c| {
        let ok = if c.is_whitespace() {
            c == ' ' && !prev_space
        } else {
            true
        };
        prev_space = c.is_whitespace();
        ok
    });
    if tidy
        && unicode_normalization::is_nfc_quick(t.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        return t.to_owned();
    }
    let mut out = String::with_capacity(t.len());
    for word in nfc(t).split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// NFC and trimmed, for text of several paragraphs: each line's white space collapsed, line breaks kept
/// (as "\n"), at most one empty line between paragraphs, control characters dropped.
pub fn clean_multiline(s: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in nfc(s).lines() {
        let line: String = line
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .filter(|c| !c.is_control())
            .collect();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&line);
    }
    out
}

/// Lower case without diacritics ("Nguyễn Văn Đức" → "nguyen van duc"), for search.
///
/// Every combining mark (tones and the marks of ă â ê ô ơ ư) is removed, đ/Đ become d, the text is
/// lower-cased, trimmed, and each run of white space becomes one space. NFC and NFD input give the
/// same result. One pass, one allocation.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_ascii() {
            fold_push(&mut out, &mut space, c);
        } else {
            // A full canonical decomposition: the base character first, then its marks, which
            // `fold_push` drops. Only marks are ever reordered by NFD, so this equals folding NFD.
            decompose_canonical(c, |d| fold_push(&mut out, &mut space, d));
        }
    }
    out
}

/// Appends one character of a canonically decomposed text to a [`fold`] result.
#[inline]
fn fold_push(out: &mut String, space: &mut bool, c: char) {
    if c.is_whitespace() {
        // A space is written only before the next kept character, and never at the start.
        *space = !out.is_empty();
        return;
    }
    if !c.is_ascii() && is_combining_mark(c) {
        return;
    }
    if *space {
        out.push(' ');
        *space = false;
    }
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        _ if c.is_ascii() => out.push(c),
        'đ' | 'Đ' | 'Ð' => out.push('d'),
        _ => out.extend(c.to_lowercase().filter(|&l| !is_combining_mark(l))),
    }
}

/// The folded words of a text, each once, for a search index.
pub fn search_tokens(s: &str) -> Vec<String> {
    let mut tokens: Vec<String> = fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    tokens.sort();
    tokens.dedup();
    tokens
}

/// The Vietnamese alphabet in dictionary order, with the foreign letters f, j, w and z in their
/// Latin places. The primary weight of a letter is `0x10` plus its index here.
pub const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// Ends a level of a key (and, in a person key, each name part within a level).
const END: u8 = 0x00;

// Primary weights.
const P_SPACE: u8 = 0x01;
const P_DIGIT: u8 = 0x02; // '0'; '9' is 0x0B
const P_LETTER: u8 = 0x10; // 'a'; 'z' is 0x30
const P_OTHER: u8 = 0xFF; // followed by three bytes of code point

// Secondary weights.
const S_WORD_END: u8 = 0x01; // also "ngang": a word without a tone mark
const S_HUYEN: u8 = 0x02;
const S_HOI: u8 = 0x03;
const S_NGA: u8 = 0x04;
const S_SAC: u8 = 0x05;
const S_NANG: u8 = 0x06;
const S_OTHER_MARK: u8 = 0x07; // followed by three bytes of code point

// Tertiary weights.
const T_LOWER: u8 = 0x01;
const T_UPPER: u8 = 0x02;

// The combining marks of Vietnamese.
const GRAVE: char = '\u{300}'; // huyền
const ACUTE: char = '\u{301}'; // sắc
const CIRCUMFLEX: char = '\u{302}'; // â ê ô
const TILDE: char = '\u{303}'; // ngã
const BREVE: char = '\u{306}'; // ă
const HOOK_ABOVE: char = '\u{309}'; // hỏi
const HORN: char = '\u{31B}'; // ơ ư
const DOT_BELOW: char = '\u{323}'; // nặng

const fn weight(letter: char) -> u8 {
    let mut i = 0;
    while i < ALPHABET.len() {
        if ALPHABET[i] == letter {
            return P_LETTER + i as u8;
        }
        i += 1;
    }
    panic!("not a letter of the alphabet")
}

const ASCII_WEIGHTS: [u8; 26] = {
    let mut table = [0; 26];
    let mut i = 0;
    while i < 26 {
        table[i] = weight((b'a' + i as u8) as char);
        i += 1;
    }
    table
};
const W_A: u8 = weight('a');
const W_A_BREVE: u8 = weight('ă');
const W_A_CIRCUMFLEX: u8 = weight('â');
const W_D_STROKE: u8 = weight('đ');
const W_E: u8 = weight('e');
const W_E_CIRCUMFLEX: u8 = weight('ê');
const W_O: u8 = weight('o');
const W_O_CIRCUMFLEX: u8 = weight('ô');
const W_O_HORN: u8 = weight('ơ');
const W_U: u8 = weight('u');
const W_U_HORN: u8 = weight('ư');

/// The letter a mark makes of a plain letter (a + breve → ă), if it is one of Vietnamese.
fn modified(letter: u8, mark: char) -> Option<u8> {
    match (letter, mark) {
        (W_A, BREVE) => Some(W_A_BREVE),
        (W_A, CIRCUMFLEX) => Some(W_A_CIRCUMFLEX),
        (W_E, CIRCUMFLEX) => Some(W_E_CIRCUMFLEX),
        (W_O, CIRCUMFLEX) => Some(W_O_CIRCUMFLEX),
        (W_O, HORN) => Some(W_O_HORN),
        (W_U, HORN) => Some(W_U_HORN),
        _ => None,
    }
}

fn tone(mark: char) -> Option<u8> {
    match mark {
        GRAVE => Some(S_HUYEN),
        HOOK_ABOVE => Some(S_HOI),
        TILDE => Some(S_NGA),
        ACUTE => Some(S_SAC),
        DOT_BELOW => Some(S_NANG),
        _ => None,
    }
}

fn push_code_point(out: &mut Vec<u8>, c: char) {
    out.extend_from_slice(&(c as u32).to_be_bytes()[1..]);
}

fn push_identical(out: &mut Vec<u8>, c: char) {
    match c {
        '\u{0}' => out.extend_from_slice(&[0x01, 0x01]),
        '\u{1}' => out.extend_from_slice(&[0x01, 0x02]),
        _ => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
    }
}

/// The four levels of the key of one text, each without its [`END`].
#[derive(Debug, Default)]
struct Levels {
    primary: Vec<u8>,
    secondary: Vec<u8>,
    tertiary: Vec<u8>,
    identical: Vec<u8>,
}

/// The character being read: a base character and the marks read so far.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Empty,
    /// White space; it becomes an [`Unit::Other`] if a mark follows.
    Space(char),
    Letter {
        weight: u8,
        upper: bool,
    },
    Digit(u8),
    /// Any other character, by its lower case.
    Other {
        lower: char,
        upper: bool,
    },
}

struct Collator {
    levels: Levels,
    unit: Unit,
    /// A word has begun and its tones are not yet ended by [`S_WORD_END`].
    word_open: bool,
    /// White space was read after a word: a space is due before the next character.
    space_due: bool,
}

impl Collator {
    fn new(len: usize) -> Self {
        Collator {
            levels: Levels {
                primary: Vec::with_capacity(len + 4),
                secondary: Vec::with_capacity(8),
                tertiary: Vec::with_capacity(len + 4),
                identical: Vec::with_capacity(len + 8),
            },
            unit: Unit::Empty,
            word_open: false,
            space_due: false,
        }
    }

    /// Reads the next character of an NFD text.
    fn push(&mut self, c: char) {
        if is_combining_mark(c) {
            self.mark(c);
        } else {
            self.flush();
            if c.is_whitespace() {
                self.unit = Unit::Space(c);
            } else {
                self.begin(c);
            }
        }
    }

    /// Starts a character that is not a space.
    fn begin(&mut self, base: char) {
        if self.space_due {
            self.space_due = false;
            self.levels.primary.push(P_SPACE);
            self.levels.tertiary.push(T_LOWER);
            self.levels.identical.push(b' ');
        }
        self.word_open = true;
        push_identical(&mut self.levels.identical, base);
        self.unit = match base {
            'a'..='z' => Unit::Letter {
                weight: ASCII_WEIGHTS[base as usize - 'a' as usize],
                upper: false,
            },
            'A'..='Z' => Unit::Letter {
                weight: ASCII_WEIGHTS[base as usize - 'A' as usize],
                upper: true,
            },
            'đ' => Unit::Letter {
                weight: W_D_STROKE,
                upper: false,
            },
            'Đ' | 'Ð' => Unit::Letter {
                weight: W_D_STROKE,
                upper: true,
            },
            '0'..='9' => Unit::Digit(P_DIGIT + (base as u8 - b'0')),
            _ => {
                let mut lower = base.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) => Unit::Other {
                        lower: l,
                        upper: l != base,
                    },
                    _ => Unit::Other {
                        lower: base,
                        upper: false,
                    },
                }
            }
        };
    }

    fn mark(&mut self, mark: char) {
        match self.unit {
            // A mark at the very start stands for itself.
            Unit::Empty => {
                self.begin(mark);
                return;
            }
            // White space carrying a mark is a character of its own, not a word break.
            Unit::Space(space) => self.begin(space),
            _ => {}
        }
        push_identical(&mut self.levels.identical, mark);
        if let Unit::Letter { weight, .. } = &mut self.unit {
            if let Some(letter) = modified(*weight, mark) {
                *weight = letter;
                return;
            }
        }
        match tone(mark) {
            Some(tone) => self.levels.secondary.push(tone),
            None => {
                self.levels.secondary.push(S_OTHER_MARK);
                push_code_point(&mut self.levels.secondary, mark);
            }
        }
    }

    /// Writes the weights of the character read, now that all its marks are known.
    fn flush(&mut self) {
        let (primary, tertiary) = (&mut self.levels.primary, &mut self.levels.tertiary);
        let case = |upper| if upper { T_UPPER } else { T_LOWER };
        match std::mem::replace(&mut self.unit, Unit::Empty) {
            Unit::Empty => {}
            Unit::Space(_) => {
                if self.word_open {
                    self.word_open = false;
                    self.space_due = true;
                    self.levels.secondary.push(S_WORD_END);
                }
            }
            Unit::Letter { weight, upper } => {
                primary.push(weight);
                tertiary.push(case(upper));
            }
            Unit::Digit(weight) => {
                primary.push(weight);
                tertiary.push(T_LOWER);
            }
            Unit::Other { lower, upper } => {
                primary.push(P_OTHER);
                push_code_point(primary, lower);
                tertiary.push(case(upper));
            }
        }
    }

    fn finish(mut self) -> Levels {
        self.flush();
        if self.word_open {
            self.levels.secondary.push(S_WORD_END);
        }
        self.levels
    }
}

impl Levels {
    fn of(s: &str) -> Levels {
        let mut collator = Collator::new(s.len());
        for c in s.nfd() {
            collator.push(c);
        }
        collator.finish()
    }

    fn len(&self) -> usize {
        self.primary.len() + self.secondary.len() + self.tertiary.len() + self.identical.len()
    }
}

/// A key of several texts (the parts of a name) compared level by level: the first levels of all
/// parts, then the second levels of all parts, and so on. Each level of each part is ended by
/// [`END`], which sorts below every weight, so a part that begins another sorts first whatever
/// follows it.
fn key_of(parts: &[&Levels]) -> Vec<u8> {
    let len = parts.iter().map(|p| p.len()).sum::<usize>() + 4 * parts.len();
    let mut key = Vec::with_capacity(len);
    let levels: [fn(&Levels) -> &[u8]; 4] = [
        |l| &l.primary,
        |l| &l.secondary,
        |l| &l.tertiary,
        |l| &l.identical,
    ];
    for level in levels {
        for part in parts {
            key.extend_from_slice(level(part));
            key.push(END);
        }
    }
    key
}

/// A key whose byte order (memcmp) is Vietnamese dictionary order of `s`; see the module
/// documentation for its format. Canonically equivalent texts have the same key.
pub fn sort_key(s: &str) -> Vec<u8> {
    key_of(&[&Levels::of(s)])
}

/// The parts of a Vietnamese full name: family name first, given name last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameParts {
    pub family: String,
    pub middle: String,
    pub given: String,
}

/// Splits "Nguyễn Thị Minh Khai" into family "Nguyễn", middle "Thị Minh", given "Khai".
pub fn split_name(full_name: &str) -> NameParts {
    let cleaned = clean(full_name);
    let words: Vec<&str> = cleaned.split(' ').collect();
    match words.as_slice() {
        [] | [""] => NameParts {
            family: String::new(),
            middle: String::new(),
            given: String::new(),
        },
        [given] => NameParts {
            family: String::new(),
            middle: String::new(),
            given: (*given).to_owned(),
        },
        [family, middle @ .., given] => NameParts {
            family: (*family).to_owned(),
            middle: middle.join(" "),
            given: (*given).to_owned(),
        },
    }
}

/// A key that sorts people the Vietnamese way: by given name, then middle names, then family name.
///
/// Like [`sort_key`], level by level, but each level holds the given name, the middle names and the
/// family name in that order, each ended by `0x00`. So the letters of the three parts decide first
/// (given name, then middle, then family): "Nguyễn Văn An" < "Lê Thị Bình", "Lê Thị An" <
/// "Trần Văn An", and "X X An" < "A A Anh" because the `0x00` after "An" sorts below "h". Only when
/// the letters of all three parts are equal do the tones decide, then case: "Lê Văn Ánh" sorts
/// before "Nguyễn Văn Anh" (family letters first), as in a dictionary, where "ánh" is not apart
/// from "anh". It is memcmp-comparable, and equal for canonically equivalent names.
pub fn person_sort_key(full_name: &str) -> Vec<u8> {
    let parts = split_name(full_name);
    key_of(&[
        &Levels::of(&parts.given),
        &Levels::of(&parts.middle),
        &Levels::of(&parts.family),
    ])
}

/// Compares two texts in Vietnamese dictionary order: the order of their [`sort_key`]s.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    /// Asserts that the texts are in strictly increasing order by `compare` and `sort_key`.
    fn assert_increasing(texts: &[&str]) {
        for pair in texts.windows(2) {
            assert_eq!(
                compare(pair[0], pair[1]),
                Ordering::Less,
                "{:?} < {:?}",
                pair[0],
                pair[1]
            );
            assert!(
                sort_key(pair[0]) < sort_key(pair[1]),
                "{:?} < {:?}",
                pair[0],
                pair[1]
            );
        }
    }

    fn assert_people_increasing(names: &[&str]) {
        for pair in names.windows(2) {
            assert!(
                person_sort_key(pair[0]) < person_sort_key(pair[1]),
                "{:?} < {:?}",
                pair[0],
                pair[1]
            );
        }
    }

    /// The 12 vowels, each with the 6 tones, in NFC: a, à, ả, ã, á, ạ, ă, ằ, …
    fn toned_vowels() -> Vec<String> {
        let tones = ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"];
        let mut all = Vec::new();
        for vowel in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for tone in tones {
                all.push(nfc(&format!("{}{tone}", nfd(vowel))));
            }
        }
        all
    }

    // fold

    #[test]
    fn fold_finds_names_typed_without_diacritics() {
        assert_eq!(fold("Nguyễn Văn Đức"), "nguyen van duc");
        assert_eq!(fold(&nfd("Nguyễn Văn Đức")), "nguyen van duc");
        assert_eq!(fold("nguyen van duc"), fold("Nguyễn Văn Đức"));
        assert!(fold("Ông Nguyễn Văn Đức, Trưởng phòng").contains(&fold("nguyen van duc")));
        assert_eq!(fold("  NGUYỄN \t VĂN\n\u{a0}ĐỨC  "), "nguyen van duc");
    }

    #[test]
    fn fold_removes_every_mark_and_lowercases() {
        assert_eq!(fold("ăâêôơư ĂÂÊÔƠƯ đĐ"), "aaeoou aaeoou dd");
        assert_eq!(
            fold("Trường Thị Hương Giang Phạm Lưỡng Quyền Ðoàn"),
            "truong thi huong giang pham luong quyen doan"
        );
        for vowel in toned_vowels() {
            let folded = fold(&vowel);
            assert_eq!(folded.len(), 1, "{vowel}");
            assert_eq!(folded, fold(&vowel.to_uppercase()), "{vowel}");
            assert_eq!(folded, fold(&nfd(&vowel)), "{vowel}");
        }
        assert_eq!(fold("Ærø Σίσυφος İstanbul"), "ærø σισυφος istanbul");
    }

    #[test]
    fn fold_collapses_white_space() {
        assert_eq!(fold(""), "");
        assert_eq!(fold(" \t\n "), "");
        assert_eq!(fold(" a  b\t\tc "), "a b c");
        assert_eq!(fold("\u{301} a \u{301} b"), "a b");
    }

    #[test]
    fn fold_is_the_same_for_nfc_nfd_and_mixed_input() {
        let nfc_text = "Lê Thị Hồng Nhung, Đặng Quốc Việt, Nguyễn Thị Ánh Tuyết";
        let nfd_text = nfd(nfc_text);
        assert_ne!(nfc_text, nfd_text);
        let mixed = format!(
            "Lê Thị Hồng Nhung, {}",
            nfd("Đặng Quốc Việt, Nguyễn Thị Ánh Tuyết")
        );
        assert_eq!(fold(nfc_text), fold(&nfd_text));
        assert_eq!(fold(nfc_text), fold(&mixed));
    }

    #[test]
    fn search_tokens_are_folded_words_once() {
        assert_eq!(
            search_tokens("Nguyễn Văn Đức, nguyễn văn ĐỨC (Đội 2)"),
            ["2", "doi", "duc", "nguyen", "van"]
        );
    }

    // sort_key: equivalence

    #[test]
    fn sort_key_is_the_same_for_nfc_nfd_and_mixed_input() {
        for text in [
            "Nguyễn Văn Đức",
            "Đặng Quốc Việt",
            "Trương Thị Ngọc Ánh",
            "ỰỬỮỨỪự",
            "Ấp Bắc",
        ] {
            assert_eq!(sort_key(text), sort_key(&nfd(text)), "{text}");
            assert_eq!(person_sort_key(text), person_sort_key(&nfd(text)), "{text}");
        }
        for vowel in toned_vowels() {
            assert_eq!(sort_key(&vowel), sort_key(&nfd(&vowel)), "{vowel}");
        }
        // ế written as e + circumflex + acute, as ê + acute, and precomposed.
        assert_eq!(sort_key("Việt"), sort_key("Vi\u{ea}\u{323}t"));
        assert_eq!(sort_key("Việt"), sort_key("Vie\u{323}\u{302}t"));
        assert_eq!(sort_key("Ế"), sort_key("\u{ca}\u{301}"));
    }

    #[test]
    fn sort_key_trims_and_collapses_white_space() {
        assert_eq!(sort_key("  An \t  Bình "), sort_key("An Bình"));
        assert_eq!(sort_key(" \u{a0}"), sort_key(""));
    }

    // sort_key: primary level

    #[test]
    fn letters_follow_the_vietnamese_alphabet() {
        let letters: Vec<String> = ALPHABET.iter().map(char::to_string).collect();
        let letters: Vec<&str> = letters.iter().map(String::as_str).collect();
        assert_increasing(&letters);
        let upper: Vec<String> = ALPHABET
            .iter()
            .map(|c| c.to_uppercase().collect())
            .collect();
        let upper: Vec<&str> = upper.iter().map(String::as_str).collect();
        assert_increasing(&upper);
        assert_increasing(&["a", "ă", "â", "b"]);
        assert_increasing(&["d", "đ", "e", "ê", "g"]);
        assert_increasing(&["o", "ô", "ơ", "p"]);
        assert_increasing(&["u", "ư", "v"]);
        assert_increasing(&["e", "f", "g"]);
        assert_increasing(&["i", "j", "k"]);
        assert_increasing(&["v", "w", "x", "y", "z"]);
    }

    #[test]
    fn vowel_letters_are_letters_not_tones() {
        // ă, â … are letters: they decide before any tone and before following letters.
        assert_increasing(&["an", "ạz", "ăa", "ắn", "âa", "ba"]);
        assert_increasing(&["Ung", "Uy", "Ưa", "Ứng", "Ửu", "Va"]);
        assert_increasing(&[
            "Duy", "Dư", "Dương", "Đào", "Đặng", "Đinh", "Đoàn", "Đỗ", "Đức", "Em",
        ]);
        assert_eq!(compare("Đào", "Dương"), Ordering::Greater);
    }

    #[test]
    fn a_space_sorts_before_any_letter() {
        assert_increasing(&["", "An", "An Bình", "An Khang", "Anh", "Ánh", "Anh Thư"]);
        assert_increasing(&["Nguyễn Văn", "Nguyễn Văn A", "Nguyễn Vănh"]);
        assert_increasing(&["a 1", "a1", "aa"]);
    }

    #[test]
    fn digits_sort_before_letters_and_others_after() {
        assert_increasing(&["0", "1", "9", "a", "đ", "z", "-", "中"]);
        assert_increasing(&["Đội 1", "Đội 2", "Đội A", "Đội Ă"]);
        assert_increasing(&["az", "a-", "a."]);
        assert_increasing(&["a", "a-b"]);
        assert_increasing(&["Z", "Ω", "中文"]);
        assert_eq!(sort_key("Đội 1").cmp(&sort_key("Đội 10")), Ordering::Less);
    }

    #[test]
    fn case_is_ignored_at_the_first_level() {
        assert_eq!(
            Levels::of("NGUYỄN VĂN ĐỨC").primary,
            Levels::of("nguyễn văn đức").primary
        );
        assert_eq!(Levels::of("ΣΊΣΥΦΟΣ").primary, Levels::of("σίσυφοσ").primary);
        // Case decides only after letters and tones, lower case first.
        assert_increasing(&["an", "aN", "An", "AN", "àn", "Àn", "anh", "ANH"]);
        assert_increasing(&["đào", "Đào", "ĐÀO", "đạo"]);
        assert_eq!(Levels::of("Ðoàn").primary, Levels::of("Đoàn").primary);
    }

    // sort_key: tones

    #[test]
    fn tones_follow_the_dictionary_order() {
        assert_increasing(&["ma", "mà", "mả", "mã", "má", "mạ"]);
        for vowels in toned_vowels().chunks(6) {
            let vowels: Vec<&str> = vowels.iter().map(String::as_str).collect();
            assert_increasing(&vowels);
        }
        assert_increasing(&[
            "a", "à", "ả", "ã", "á", "ạ", "ă", "ằ", "ẳ", "ẵ", "ắ", "ặ", "â", "ầ", "ẩ", "ẫ", "ấ",
            "ậ", "b",
        ]);
    }

    #[test]
    fn letters_dominate_tones() {
        assert_increasing(&["mạ", "mac", "mác", "mạc", "mach", "mai", "mãi", "man"]);
        assert_increasing(&["Hạ Long", "Hà Nội", "Hà Tĩnh", "Hải Phòng"]);
        assert_increasing(&["má", "mà a"]);
        // Over the whole text: the first word's tone comes after the second word's letters.
        assert_increasing(&["mà b", "má b", "ma c"]);
        // Word by word at the tone level: the first word's tone decides first.
        assert_increasing(&["ma má", "mà ma", "má ma"]);
    }

    #[test]
    fn a_tone_belongs_to_its_syllable_wherever_it_is_written() {
        // "Hòa" (new style) and "Hoà" (old style) are the same word: equal letters and tones.
        let (new, old) = (Levels::of("Hòa"), Levels::of("Hoà"));
        assert_eq!(new.primary, old.primary);
        assert_eq!(new.secondary, old.secondary);
        assert_eq!(new.tertiary, old.tertiary);
        assert_ne!(
            sort_key("Hòa"),
            sort_key("Hoà"),
            "the identity level still tells them apart"
        );
        for neighbour in ["Hoa", "Hỏa", "Hoả", "Hoàn", "Hòn"] {
            assert_eq!(
                compare("Hòa", neighbour),
                compare("Hoà", neighbour),
                "{neighbour}"
            );
        }
        assert_increasing(&["Hoa", "Hòa", "Hỏa", "Hóa", "Hoan"]);
    }

    #[test]
    fn foreign_marks_sort_after_tones() {
        assert_increasing(&["u", "ú", "ü", "v"]);
        assert_increasing(&["ĉ", "d"]);
        assert_eq!(Levels::of("ü").primary, Levels::of("u").primary);
        assert_eq!(Levels::of("ĉ").primary, Levels::of("c").primary);
        // A modifier that does not make a Vietnamese letter is a foreign mark: ĕ is e, not ê.
        assert_eq!(Levels::of("ĕ").primary, Levels::of("e").primary);
        assert_increasing(&["e", "ĕ", "ê"]);
    }

    #[test]
    fn strange_input_gives_a_deterministic_key_without_panicking() {
        let strange = [
            "",
            "\u{0}",
            "\u{1}",
            "\u{0}\u{1}\u{0}",
            "\u{301}",
            "\u{301}\u{323}a",
            " \u{301}",
            "a \u{301} b",
            "a\u{301}\u{301}\u{302}\u{31B}",
            "\u{10FFFF}",
            "😀 👨‍👩‍👧",
            "한국어",
            "ﬁ",
            "ǅ",
            "\u{130}",
            "\u{feff}\u{200b}",
        ];
        for text in strange {
            assert_eq!(sort_key(text), sort_key(text));
            assert_eq!(sort_key(text), sort_key(&nfc(text)), "{text:?}");
            assert_eq!(sort_key(text), sort_key(&nfd(text)), "{text:?}");
            let _ = person_sort_key(text);
            let _ = fold(text);
        }
        assert_increasing(&[
            "",
            "\u{0}",
            "\u{0}\u{0}",
            "\u{0}\u{1}",
            "\u{1}",
            "\u{1}\u{0}",
        ]);
        for pair in strange.windows(2) {
            let order = compare(pair[0], pair[1]);
            assert_eq!(order, compare(pair[1], pair[0]).reverse());
            assert_eq!(order == Ordering::Equal, nfd(pair[0]) == nfd(pair[1]));
        }
    }

    #[test]
    fn key_format_is_as_documented() {
        assert_eq!(sort_key(""), [END; 4]);
        let mut expected = vec![
            weight('a'),
            P_SPACE,
            P_DIGIT + 1,
            P_OTHER,
            0x00,
            0x00,
            b'-',
            END,
        ];
        expected.extend([S_HUYEN, S_WORD_END, S_WORD_END, END]);
        expected.extend([T_UPPER, T_LOWER, T_LOWER, T_LOWER, END]);
        expected.extend(nfd("À 1-").as_bytes());
        expected.push(END);
        assert_eq!(sort_key("À 1-"), expected);
        assert_eq!(weight('z'), 0x30);
        assert_eq!(Levels::of("ặ").secondary, [S_NANG, S_WORD_END]);
        assert_eq!(
            Levels::of("ü").secondary,
            [S_OTHER_MARK, 0x00, 0x03, 0x08, S_WORD_END]
        );
    }

    // person_sort_key

    #[test]
    fn people_sort_by_given_name_first() {
        assert_people_increasing(&["Nguyễn Văn An", "Lê Thị Bình"]);
        assert_people_increasing(&[
            "Trần An",
            "Nguyễn Văn An",
            "Phạm Anh",
            "Đỗ Thị Bình",
            "Lê Thị Bình",
            "Vũ Cường",
        ]);
        // The given name ends before a longer one whatever follows it.
        assert_people_increasing(&["Zơ Xuyến An", "A A Anh"]);
        assert_people_increasing(&["An", "Nguyễn An", "Anh"]);
    }

    #[test]
    fn people_with_the_same_given_name_sort_by_middle_then_family_name() {
        assert_people_increasing(&["Trần Thị An", "Lê Văn An"]);
        assert_people_increasing(&["Lê Văn An", "Nguyễn Văn An", "Trần Văn An"]);
        assert_people_increasing(&[
            "Lê Thị Hoa",
            "Nguyễn Thị Hoa",
            "Ánh Thị Minh Hoa",
            "Lê Thị Minh Hoa",
        ]);
        assert_people_increasing(&["Đặng Hoa", "Đặng Thị Hoa"]);
        assert_people_increasing(&["Dương Văn Hùng", "Đào Văn Hùng"]);
    }

    #[test]
    fn people_tones_and_case_decide_after_all_letters() {
        assert_people_increasing(&["Lê Văn Ánh", "Nguyễn Văn Anh"]);
        assert_people_increasing(&["Lê Văn Anh", "Lê Văn Ánh", "Lê Văn Ạnh"]);
        assert_people_increasing(&["Le Văn Anh", "Lê Văn Anh"]);
        assert_people_increasing(&["lê văn anh", "Lê Văn Anh", "LÊ VĂN ANH"]);
        assert_eq!(
            person_sort_key("  Lê   Văn  Anh "),
            person_sort_key("Lê Văn Anh")
        );
    }

    #[test]
    fn split_name_keeps_its_meaning() {
        let parts = split_name(" Nguyễn  Thị Minh   Khai ");
        assert_eq!(
            (
                parts.family.as_str(),
                parts.middle.as_str(),
                parts.given.as_str()
            ),
            ("Nguyễn", "Thị Minh", "Khai")
        );
        let parts = split_name("Khai");
        assert_eq!(
            (
                parts.family.as_str(),
                parts.middle.as_str(),
                parts.given.as_str()
            ),
            ("", "", "Khai")
        );
        let parts = split_name("  ");
        assert_eq!(
            (
                parts.family.as_str(),
                parts.middle.as_str(),
                parts.given.as_str()
            ),
            ("", "", "")
        );
    }

    // Properties

    /// Vietnamese letters precomposed and decomposed, both cases, and loose marks.
    fn vietnamese_char() -> impl Strategy<Value = char> {
        prop_oneof![
            4 => prop::sample::select(
                "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệfghiìỉĩíịjklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvwxyỳỷỹýỵz\
                 AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬĐÊỀỂỄẾỆÔỒỔỖỐỘƠỜỞỠỚỢƯỪỬỮỨỰÝỲZ"
                    .chars()
                    .collect::<Vec<_>>()
            ),
            2 => prop::sample::select(vec![
                '\u{300}', '\u{301}', '\u{302}', '\u{303}', '\u{306}', '\u{308}', '\u{309}', '\u{31B}', '\u{323}',
            ]),
            1 => Just(' '),
        ]
    }

    /// Characters that exercise the collation: Vietnamese ones, white space, digits, punctuation,
    /// control characters, and anything else.
    fn text_char() -> impl Strategy<Value = char> {
        prop_oneof![
            6 => vietnamese_char(),
            2 => prop::sample::select(vec![' ', '\t', '\u{a0}', '0', '1', '9', '-', '.', '\'', '\u{0}', '\u{1}', 'Ð', 'ð']),
            1 => any::<char>(),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(text_char(), 0..12).prop_map(|chars| chars.into_iter().collect())
    }

    /// A lower-case word of plain letters of the alphabet (no tones).
    fn plain_word() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(ALPHABET.to_vec()), 1..6)
            .prop_map(|c| c.into_iter().collect())
    }

    const TONES: [&str; 6] = ["", "\u{300}", "\u{309}", "\u{303}", "\u{301}", "\u{323}"];

    /// A word with a tone mark (or none) after any of its letters, capitalised or not, in NFC.
    fn toned_word() -> impl Strategy<Value = String> {
        (
            plain_word(),
            any::<usize>(),
            prop::sample::select(TONES.to_vec()),
            any::<bool>(),
        )
            .prop_map(|(word, at, tone, upper)| add_tone(&word, at, tone, upper))
    }

    fn add_tone(word: &str, at: usize, tone: &str, upper: bool) -> String {
        let at = at % word.chars().count();
        let mut out = String::new();
        for (i, c) in word.chars().enumerate() {
            if upper && i == 0 {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            if i == at {
                out.push_str(tone);
            }
        }
        nfc(&out)
    }

    proptest! {
        #[test]
        fn clean_is_nfc_with_white_space_collapsed(a in text(), pad in "[ \t\n\u{a0}]{0,3}") {
            let s = format!("{pad}{a}{pad} {pad}{}", nfd(&a));
            let expected = nfc(&s).split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(clean(&s), expected.clone());
            prop_assert_eq!(clean(&expected), expected);
        }

        #[test]
        fn compare_agrees_with_sort_key_and_is_antisymmetric(a in text(), b in text()) {
            let order = compare(&a, &b);
            prop_assert_eq!(order, sort_key(&a).cmp(&sort_key(&b)));
            prop_assert_eq!(order, compare(&b, &a).reverse());
            prop_assert_eq!(compare(&a, &a), Ordering::Equal);
            if nfd(&a) == nfd(&b) {
                prop_assert_eq!(order, Ordering::Equal);
            }
            if order == Ordering::Equal {
                // Equal keys: the same text but for white space.
                prop_assert!(nfd(&a).split_whitespace().eq(nfd(&b).split_whitespace()));
            }
        }

        #[test]
        fn canonically_equivalent_texts_have_the_same_keys(s in text()) {
            let key = sort_key(&s);
            prop_assert_eq!(&key, &sort_key(&nfc(&s)));
            prop_assert_eq!(&key, &sort_key(&nfd(&s)));
            prop_assert_eq!(person_sort_key(&nfc(&s)), person_sort_key(&nfd(&s)));
            prop_assert_eq!(fold(&nfc(&s)), fold(&nfd(&s)));
        }

        #[test]
        fn fold_gives_lower_case_without_marks(s in text()) {
            let folded = fold(&s);
            prop_assert_eq!(&fold(&folded), &folded);
            prop_assert!(!folded.chars().any(is_combining_mark));
            prop_assert!(!folded.chars().any(|c| c.is_whitespace() && c != ' '));
            prop_assert!(!folded.contains("  ") && !folded.starts_with(' ') && !folded.ends_with(' '));
        }

        #[test]
        fn vietnamese_folds_to_ascii_whatever_the_case(s in prop::collection::vec(vietnamese_char(), 0..12)) {
            let s: String = s.into_iter().collect();
            let folded = fold(&s);
            prop_assert!(folded.chars().all(|c| c.is_ascii_lowercase() || c == ' '));
            prop_assert_eq!(&fold(&s.to_uppercase()), &folded);
            prop_assert_eq!(&fold(&s.to_lowercase()), &folded);
        }

        #[test]
        fn case_does_not_change_the_letters(s in prop::collection::vec(vietnamese_char(), 0..12)) {
            let s: String = s.into_iter().collect();
            let (upper, lower) = (Levels::of(&s.to_uppercase()), Levels::of(&s.to_lowercase()));
            prop_assert_eq!(&upper.primary, &Levels::of(&s).primary);
            prop_assert_eq!(&upper.primary, &lower.primary);
            prop_assert_eq!(&upper.secondary, &lower.secondary);
            prop_assert_eq!(compare(&s.to_lowercase(), &s.to_uppercase()), if s.chars().any(char::is_alphabetic) { Ordering::Less } else { Ordering::Equal });
        }

        #[test]
        fn letters_dominate_tones_and_case(a in plain_word(), b in plain_word(), ta in toned_word(), tb in toned_word()) {
            prop_assume!(a != b);
            // Compare "a x" with "b y", for toned, capitalised x and y and then toned a and b.
            let plain = compare(&a, &b);
            prop_assert_eq!(compare(&format!("{a} {ta}"), &format!("{b} {tb}")), plain);
            let toned_a = add_tone(&a, 1, "\u{323}", true);
            let toned_b = add_tone(&b, 0, "\u{300}", false);
            prop_assert_eq!(compare(&toned_a, &toned_b), plain);
        }

        #[test]
        fn the_given_name_decides_first(
            g1 in plain_word(), g2 in plain_word(),
            m1 in prop::collection::vec(toned_word(), 0..3), m2 in prop::collection::vec(toned_word(), 0..3),
            f1 in toned_word(), f2 in toned_word(),
        ) {
            prop_assume!(g1 != g2);
            let name = |f: &str, m: &[String], g: &str| [vec![f.to_owned()], m.to_vec(), vec![g.to_owned()]].concat().join(" ");
            let (p1, p2) = (name(&f1, &m1, &g1), name(&f2, &m2, &g2));
            prop_assert_eq!(person_sort_key(&p1).cmp(&person_sort_key(&p2)), compare(&g1, &g2));
        }
    }
}

#[cfg(test)]
mod multiline_tests {
    #[test]
    fn paragraphs_survive_cleaning() {
        let s = "  Dòng   một \r\n\r\n\r\n  dòng\thai\u{7}\nba ";
        assert_eq!(super::clean_multiline(s), "Dòng một\n\ndòng hai\nba");
    }
}
