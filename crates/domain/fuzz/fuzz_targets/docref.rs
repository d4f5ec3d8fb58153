//! libFuzzer target for the reader of document numbers and dates (`thidua_domain::docref`).
//! The invariant lives in `../invariant.rs`, which the stable test `tests/docref_fuzz.rs` also
//! runs, so both check the same thing.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../invariant.rs"]
mod invariant;

fuzz_target!(|data: &[u8]| invariant::check_bytes(data));
