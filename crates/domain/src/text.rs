//! Vietnamese text: Unicode NFC, diacritic-insensitive folding for search, and Vietnamese collation.

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

/// Text in Unicode NFC, the form thidua stores and returns.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// NFC, trimmed, inner runs of white space collapsed to one space: the form of names and titles.
pub fn clean(s: &str) -> String {
    nfc(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower case without diacritics ("Nguyễn Văn Đức" → "nguyen van duc"), for search.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if unicode_normalization::char::is_combining_mark(c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
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

/// A key whose byte order is Vietnamese dictionary order of `s`.
pub fn sort_key(s: &str) -> Vec<u8> {
    fold(s).into_bytes()
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
        [] | [""] => NameParts { family: String::new(), middle: String::new(), given: String::new() },
        [given] => NameParts { family: String::new(), middle: String::new(), given: (*given).to_owned() },
        [family, middle @ .., given] => NameParts {
            family: (*family).to_owned(),
            middle: middle.join(" "),
            given: (*given).to_owned(),
        },
    }
}

/// A key that sorts people the Vietnamese way: by given name, then middle names, then family name.
pub fn person_sort_key(full_name: &str) -> Vec<u8> {
    let parts = split_name(full_name);
    let mut key = sort_key(&parts.given);
    key.push(0);
    key.extend(sort_key(&parts.middle));
    key.push(0);
    key.extend(sort_key(&parts.family));
    key
}

/// Compares two texts in Vietnamese dictionary order.
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}
