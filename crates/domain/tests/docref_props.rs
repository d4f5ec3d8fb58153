//! Properties of numbers and symbols over generated cases:
//! - a reference built from valid parts prints as expected and reads back as itself, also when
//!   typed with the usual slips (prefix, case of the kind, Ð for Đ, dashes, spaces, NFD);
//! - a partial date reads back from its date line, its ISO form and dd/mm/yyyy;
//! - no string, however broken, makes either reader panic.

use proptest::prelude::*;
use thidua_domain::docref::{DocumentKind, DocumentReference, PartialDate, ReferenceStyle};
use unicode_normalization::UnicodeNormalization;

const STYLES: [ReferenceStyle; 3] = [
    ReferenceStyle::State,
    ReferenceStyle::Party,
    ReferenceStyle::Legal,
];

/// Upper case, D for Đ.
fn folded(s: &str) -> String {
    s.chars()
        .flat_map(char::to_uppercase)
        .map(|c| if c == 'Đ' { 'D' } else { c })
        .collect()
}

/// Whether a text in the first place of a symbol would be read as a kind (or refused as one
/// misspelt) in a style: the documented rule, restated here.
fn reads_as_kind(text: &str, styles: &[ReferenceStyle]) -> bool {
    let typed = folded(text);
    folded(text) == "CV"
        || DocumentKind::ALL.iter().any(|kind| {
            styles.iter().any(|&style| {
                kind.abbreviation_in(style).is_some_and(|a| {
                    folded(a) == typed
                        && (a.contains('Đ') || a.to_uppercase() == text.to_uppercase())
                })
            })
        })
}

fn abbreviation() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-ZĐ][A-Za-zĐđ0-9]{0,6}",
        1 => prop::sample::select(vec!["UBND", "NV", "LĐLĐ", "TTg", "BCĐ389", "QH15", "CP", "TU", "TLĐ", "VP"])
            .prop_map(str::to_owned),
    ]
}

fn number() -> impl Strategy<Value = Option<u32>> {
    prop_oneof![
        1 => Just(None),
        2 => (1u32..10).prop_map(Some),
        3 => (1u32..=u32::MAX).prop_map(Some),
    ]
}

#[derive(Debug, Clone)]
struct Parts {
    style: ReferenceStyle,
    kind: DocumentKind,
    number: Option<u32>,
    year: Option<i32>,
    issuers: Vec<String>,
    office: Option<String>,
}

impl Parts {
    /// The canonical print, spelt out independently of `Display`.
    fn expected(&self) -> String {
        let number = self.number.map(|n| format!("{n:02}")).unwrap_or_default();
        let issuers = self.issuers.join("-");
        let abbreviation = self.kind.abbreviation_in(self.style);
        match (self.style, abbreviation) {
            (ReferenceStyle::State, Some(a)) => format!("{number}/{a}-{issuers}"),
            (ReferenceStyle::State, None) => match &self.office {
                Some(o) => format!("{number}/{issuers}-{o}"),
                None => format!("{number}/{issuers}"),
            },
            (ReferenceStyle::Party, a) => format!("{number}-{}/{issuers}", a.unwrap_or("?")),
            (ReferenceStyle::Legal, Some(a)) => {
                format!("{number}/{}/{a}-{issuers}", self.year.unwrap_or(0))
            }
            (ReferenceStyle::Legal, None) => {
                format!("{number}/{}/{issuers}", self.year.unwrap_or(0))
            }
        }
    }
}

fn parts() -> impl Strategy<Value = Parts> {
    prop::sample::select(STYLES.to_vec())
        .prop_flat_map(|style| {
            let kinds: Vec<DocumentKind> = DocumentKind::ALL
                .iter()
                .copied()
                .filter(|k| k.fits(style))
                .collect();
            (Just(style), prop::sample::select(kinds))
        })
        .prop_flat_map(|(style, kind)| {
            let lone = kind.abbreviation_in(style).is_none();
            // A lone issuer (a dispatch's, a law's) must not be read as a kind.
            let shadowing: &'static [ReferenceStyle] = match style {
                ReferenceStyle::State => &[ReferenceStyle::State, ReferenceStyle::Legal],
                _ => &[ReferenceStyle::Legal],
            };
            let issuers = if lone {
                abbreviation()
                    .prop_filter("read as a kind", move |a| !reads_as_kind(a, shadowing))
                    .prop_map(|a| vec![a])
                    .boxed()
            } else {
                prop::collection::vec(abbreviation(), 1..=3).boxed()
            };
            let office = if style == ReferenceStyle::State && kind == DocumentKind::Dispatch {
                prop::option::of(
                    prop::collection::vec(abbreviation(), 1..=2).prop_map(|o| o.join("-")),
                )
                .boxed()
            } else {
                Just(None).boxed()
            };
            let year = if style == ReferenceStyle::Legal {
                (1000i32..=9999).prop_map(Some).boxed()
            } else {
                Just(None).boxed()
            };
            (Just(style), Just(kind), number(), year, issuers, office)
        })
        .prop_map(|(style, kind, number, year, issuers, office)| Parts {
            style,
            kind,
            number,
            year,
            issuers,
            office,
        })
}

/// The ways people mistype a reference that the reader forgives.
fn slipped(text: &str, which: u8) -> String {
    let mut s = text.to_owned();
    if which & 1 != 0 {
        s = format!("Số:  {s} ");
    }
    if which & 2 != 0 {
        s = s.replace('Đ', "Ð");
    }
    if which & 4 != 0 {
        s = s.replace('-', "–");
    }
    if which & 8 != 0 {
        s = s.replace('/', " / ");
    }
    if which & 16 != 0 {
        s = s.nfd().collect();
    }
    s
}

fn date() -> impl Strategy<Value = PartialDate> {
    (
        1000i32..=9999,
        prop::option::of(1u32..=12),
        prop::option::of(1u32..=31),
    )
        .prop_map(|(year, month, day)| {
            let day = month.and(day);
            PartialDate::new(year, month, day)
                .or_else(|_| PartialDate::new(year, month, day.map(|d| d.min(28))))
                .expect("day 28 exists in every month")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn valid_parts_print_as_expected_and_read_back(p in parts()) {
        let built = DocumentReference::new(p.style, p.kind, p.number, p.year, p.issuers.clone(), p.office.clone());
        let r = match built {
            Ok(r) => r,
            Err(e) => return Err(TestCaseError::fail(format!("{p:?}: {e}"))),
        };
        let expected = p.expected();
        prop_assert_eq!(r.to_string(), expected.clone());
        prop_assert_eq!(DocumentReference::parse(&expected), Ok(r.clone()));
        prop_assert_eq!(DocumentReference::parse(&r.number_line()), Ok(r.clone()));
        prop_assert_eq!((r.style(), r.kind(), r.number(), r.year()), (p.style, p.kind, p.number, p.year));
        prop_assert_eq!(r.issuers(), p.issuers.as_slice());
        prop_assert_eq!(r.drafting_office(), p.office.as_deref());
        prop_assert_eq!(r.is_draft(), p.number.is_none());
        let json = serde_json::to_string(&r).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(serde_json::from_str::<DocumentReference>(&json).ok(), Some(r.clone()));
    }

    #[test]
    fn slips_are_forgiven(p in parts(), which in 0u8..32) {
        let r = DocumentReference::new(p.style, p.kind, p.number, p.year, p.issuers.clone(), p.office.clone());
        prop_assert!(r.is_ok(), "{:?}", r);
        let text = slipped(&p.expected(), which);
        prop_assert_eq!(DocumentReference::parse(&text), r, "{:?}", text);
    }

    #[test]
    fn drafts_and_issued_numbers_agree(p in parts(), n in 1u32..=u32::MAX) {
        let r = DocumentReference::new(p.style, p.kind, p.number, p.year, p.issuers, p.office)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let n = std::num::NonZeroU32::new(n).ok_or_else(|| TestCaseError::fail("zero"))?;
        let issued = r.draft().issued(n);
        prop_assert_eq!(issued.number(), Some(n.get()));
        prop_assert_eq!(issued.draft(), r.draft());
        prop_assert_eq!(DocumentReference::parse(&issued.to_string()), Ok(issued.clone()));
        prop_assert!(r.draft().to_string().starts_with(['/', '-']));
        prop_assert_eq!(r.register_key(2023).is_some(), p.style == ReferenceStyle::State);
    }

    #[test]
    fn dates_read_back_in_every_form(d in date()) {
        prop_assert_eq!(PartialDate::parse(&d.to_string()), Ok(d));
        prop_assert_eq!(PartialDate::parse(&d.iso()), Ok(d));
        let slashed = match (d.day(), d.month()) {
            (Some(day), Some(month)) => format!("{day}/{month}/{}", d.year()),
            (None, Some(month)) => format!("{month}/{}", d.year()),
            _ => d.year().to_string(),
        };
        prop_assert_eq!(PartialDate::parse(&slashed), Ok(d));
        let line = thidua_domain::docref::date_line("Lào Cai", &d);
        prop_assert_eq!(PartialDate::parse(&line), Ok(d));
        prop_assert_eq!(d.to_date().is_some(), d.is_complete());
        let json = serde_json::to_string(&d).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(serde_json::from_str::<PartialDate>(&json).ok(), Some(d));
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        check_any(&s)?;
    }

    #[test]
    fn near_misses_never_panic(s in "(Số:? ?)?[0-9]{0,4}[-/–]?[0-9]{0,4}[/-]?[A-Za-zĐÐđð0-9/ \u{301}\u{2013}-]{0,16}") {
        check_any(&s)?;
    }
}

/// Whatever comes in: an answer, never a panic; what is read prints and reads back the same; a
/// refusal has a message.
fn check_any(s: &str) -> Result<(), TestCaseError> {
    match DocumentReference::parse(s) {
        Ok(r) => prop_assert_eq!(DocumentReference::parse(&r.to_string()), Ok(r)),
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    match PartialDate::parse(s) {
        Ok(d) => prop_assert_eq!(PartialDate::parse(&d.to_string()), Ok(d)),
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}
