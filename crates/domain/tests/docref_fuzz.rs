//! The fuzz target's invariant (`fuzz/invariant.rs`) on stable Rust: over the seed corpus
//! (`fuzz/corpus/docref/`), over inputs mutated from it deterministically (the same inputs on every
//! run, so a failure can be repeated), and over proptest's arbitrary bytes. libFuzzer explores
//! further on nightly; see `docs/document-numbers.md`.
//!
//! `DOCREF_FUZZ_ITERATIONS` (default 20000) and `DOCREF_FUZZ_SEED` (default 1) change the
//! mutation run; a failure prints the input and its iteration.

#[path = "../fuzz/invariant.rs"]
mod invariant;

use proptest::prelude::*;
use std::path::PathBuf;

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/docref");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut seeds: Vec<(String, Vec<u8>)> = entries
        .map(|entry| {
            let path = entry.expect("a corpus entry").path();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.display().to_string(), bytes)
        })
        .collect();
    seeds.sort();
    seeds
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// SplitMix64: a small deterministic generator, enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Pieces the reader treats specially, spliced in by the mutations.
const TOKENS: &[&str] = &[
    "/",
    "-",
    "–",
    "—",
    "−",
    "／",
    " ",
    "\u{a0}",
    "\t",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
    "Số:",
    "Số",
    "SỐ",
    "So",
    ":",
    "0",
    "00",
    "9",
    "10",
    "4294967295",
    "4294967296",
    "2023",
    "0999",
    "Đ",
    "Ð",
    "đ",
    "ð",
    "\u{301}",
    "\u{302}",
    "\u{323}",
    "QĐ",
    "QD",
    "qđ",
    "QĐi",
    "QyĐ",
    "CV",
    "NĐ",
    "ND",
    "TT",
    "TTLT",
    "TTr",
    "CTr",
    "KL",
    "UBND",
    "TTg",
    "BCĐ389",
    "QH15",
    "ngày",
    "tháng",
    "năm",
    ".",
    ",",
    "\u{0}",
    "😀",
    "\u{10ffff}",
];

fn mutate(rng: &mut Rng, seed: &[u8], corpus: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(data.len() + 1);
        match rng.below(7) {
            0 | 1 => {
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                data.splice(at..at, token.iter().copied());
            }
            2 => {
                let end = (at + 1 + rng.below(4)).min(data.len());
                data.drain(at.min(end)..end);
            }
            3 => {
                let end = (at + 1 + rng.below(6)).min(data.len());
                let copy = data[at.min(end)..end].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, copy);
            }
            4 => {
                if let Some(byte) = data.get_mut(at) {
                    *byte = rng.next() as u8;
                }
            }
            5 => {
                let other = &corpus[rng.below(corpus.len())].1;
                let from = rng.below(other.len() + 1);
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
            _ => data.truncate(at),
        }
    }
    data
}

#[test]
fn the_seed_corpus_holds_the_invariant() {
    let corpus = corpus();
    assert!(corpus.len() >= 30, "the seed corpus is missing entries");
    let mut read = 0;
    for (name, bytes) in &corpus {
        invariant::check_bytes(bytes);
        let text = String::from_utf8_lossy(bytes);
        let is_reference = invariant::reads_as_reference(&text);
        let kind = name.rsplit('/').next().unwrap_or_default();
        if kind.starts_with("state-")
            || kind.starts_with("party-")
            || kind.starts_with("legal-")
            || kind.starts_with("slip-")
        {
            assert!(is_reference, "{name}: {text:?} is not read");
            read += 1;
        }
        if kind.starts_with("bad-") {
            assert!(!is_reference, "{name}: {text:?} is read");
        }
    }
    assert!(read >= 20);
}

#[test]
fn mutated_inputs_hold_the_invariant() {
    let corpus = corpus();
    let iterations = env_number("DOCREF_FUZZ_ITERATIONS", 20_000);
    let mut rng = Rng(env_number("DOCREF_FUZZ_SEED", 1));
    let (mut read, mut refused) = (0u64, 0u64);
    for i in 0..iterations {
        let seed = &corpus[rng.below(corpus.len())].1;
        let data = mutate(&mut rng, seed, &corpus);
        let text = String::from_utf8_lossy(&data);
        let outcome = std::panic::catch_unwind(|| invariant::check(&text));
        if let Err(panic) = outcome {
            eprintln!("iteration {i}: input {text:?}");
            std::panic::resume_unwind(panic);
        }
        if invariant::reads_as_reference(&text) {
            read += 1;
        } else {
            refused += 1;
        }
    }
    // The mutations should reach both sides of the reader, or they test little.
    if iterations >= 1000 {
        assert!(
            read * 20 > iterations,
            "only {read} of {iterations} were read"
        );
        assert!(
            refused * 20 > iterations,
            "only {refused} of {iterations} were refused"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn arbitrary_bytes_hold_the_invariant(data in prop::collection::vec(any::<u8>(), 0..48)) {
        invariant::check_bytes(&data);
    }

    #[test]
    fn arbitrary_text_holds_the_invariant(s in "\\PC{0,32}") {
        invariant::check(&s);
    }
}
