//! What must hold for any input to the readers of document numbers and dates
//! (`thidua_domain::docref`). Shared by the libFuzzer target (`fuzz_targets/docref.rs`, nightly)
//! and the stable test `tests/docref_fuzz.rs`; a violation panics, which both report.
//!
//! - Reading never panics, whatever the bytes.
//! - A reference that is read prints in a form that reads back as itself, as does its number
//!   line ("Số: …"); its parts rebuild it through `DocumentReference::new`; giving it a number
//!   and taking it away again agree; the print has no white space.
//! - Canonically equivalent inputs (NFC, NFD) are read alike.
//! - A refusal has a message, in NFC.
//! - The same for partial dates: the date line and the ISO form read back as the date.

use std::num::NonZeroU32;

use thidua_domain::docref::{date_line, DocumentReference, PartialDate, ReferenceStyle};
use thidua_domain::text::nfc;
use unicode_normalization::UnicodeNormalization;

/// Checks the invariant on raw bytes, as the fuzzer gives them (invalid UTF-8 replaced).
pub fn check_bytes(data: &[u8]) {
    check(&String::from_utf8_lossy(data));
}

/// Checks the invariant on one input; panics with the input on a violation.
pub fn check(input: &str) {
    check_reference(input);
    check_date(input);
}

/// Whether the input is read as a reference, for tests that want to know both sides were reached.
#[allow(dead_code)] // used by the stable test, not by the fuzz target
pub fn reads_as_reference(input: &str) -> bool {
    DocumentReference::parse(input).is_ok()
}

fn check_reference(input: &str) {
    let read = DocumentReference::parse(input);
    let decomposed: String = input.nfd().collect();
    assert_eq!(
        DocumentReference::parse(&decomposed),
        read,
        "NFC and NFD of {input:?} are read differently"
    );
    let r = match read {
        Ok(r) => r,
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty(), "empty message for {input:?}");
            assert_eq!(nfc(&message), message, "message for {input:?} is not NFC");
            return;
        }
    };
    let printed = r.to_string();
    assert_eq!(
        DocumentReference::parse(&printed).as_ref(),
        Ok(&r),
        "{input:?} prints as {printed:?}, which reads differently"
    );
    assert!(
        !printed.chars().any(char::is_whitespace),
        "{input:?} prints with white space: {printed:?}"
    );
    let line = r.number_line();
    assert_eq!(
        DocumentReference::parse(&line).as_ref(),
        Ok(&r),
        "the number line {line:?} of {input:?} reads differently"
    );
    let rebuilt = DocumentReference::new(
        r.style(),
        r.kind(),
        r.number(),
        r.year(),
        r.issuers().to_vec(),
        r.drafting_office().map(str::to_owned),
    );
    assert_eq!(
        rebuilt.as_ref(),
        Ok(&r),
        "the parts of {input:?} do not rebuild it"
    );
    assert!(r.kind().fits(r.style()), "{input:?}: {r:?}");
    assert_eq!(
        r.year().is_some(),
        r.style() == ReferenceStyle::Legal,
        "{input:?}: {r:?}"
    );
    assert!(!r.issuers().is_empty(), "{input:?} has no issuer");
    assert_eq!(
        r.register_key(2023).is_some(),
        r.style() == ReferenceStyle::State
    );
    for n in [NonZeroU32::MIN, NonZeroU32::MAX] {
        let issued = r.issued(n);
        assert_eq!(issued.number(), Some(n.get()));
        assert_eq!(issued.draft(), r.draft(), "{input:?}");
        assert_eq!(
            DocumentReference::parse(&issued.to_string()).as_ref(),
            Ok(&issued),
            "{input:?} issued as {n}"
        );
    }
}

fn check_date(input: &str) {
    let d = match PartialDate::parse(input) {
        Ok(d) => d,
        Err(e) => {
            let message = e.to_string();
            assert!(!message.is_empty(), "empty message for {input:?}");
            assert_eq!(nfc(&message), message, "message for {input:?} is not NFC");
            return;
        }
    };
    assert_eq!(
        PartialDate::parse(&d.to_string()),
        Ok(d),
        "date line of {input:?}"
    );
    assert_eq!(PartialDate::parse(&d.iso()), Ok(d), "ISO form of {input:?}");
    assert_eq!(
        PartialDate::parse(&date_line("Lào Cai", &d)),
        Ok(d),
        "place and date line of {input:?}"
    );
    assert_eq!(d.to_date().is_some(), d.is_complete(), "{input:?}");
}
