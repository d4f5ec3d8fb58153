//! Similar initiatives (sáng kiến tương tự) and full-text search over initiatives, in memory.
//!
//! One [`SimilarityIndex`] per server process, kept current from the database by applying changed
//! rows ([`SimilarityIndex::upsert`], [`SimilarityIndex::remove`]), the way `store::search` keeps the
//! people index. See `docs/similarity.md` for the reasons and the thresholds.
//!
//! # Text
//! A text is read as it is given (byte and char ranges in answers refer to the strings passed in).
//! Words are runs of letters and digits (with their combining marks; "1.500" and "2,5" are one word);
//! Vietnamese writes one syllable per word, so a word is a syllable. Each syllable is folded as
//! [`crate::text::fold`] does (lower case, no diacritics, đ → d), so "Số hóa" = "so hoa" = "SỐ HOÁ".
//! Sentence ends (`. ! ? ; : …`, line breaks) and the border between the title and a section split a
//! text into segments.
//!
//! # Similarity
//! A document is the set of its *shingles*: the folded 3-syllable sequences inside its segments
//! (a segment of two syllables gives one 2-syllable shingle). Each shingle weighs the square of its
//! inverse document frequency, `ln((N + 1) / (df + 0.5))²`, so that phrases every initiative uses
//! ("nâng cao hiệu quả công tác") count for almost nothing and a rare phrase counts much. The score
//! is the cosine of the two weighted sets: `Σ shared w² / √(Σ query w² · Σ candidate w²)`, in
//! 0..=1. The containment (how much of the query's plain-idf weight the candidate holds) finds the
//! initiative a text typed so far comes from.
//! Sets ignore order, so reordered paragraphs do not matter; a reworded word breaks only the three
//! shingles that hold it.
//!
//! Candidates come from an inverted index (shingle → documents), rarest shingles first; shingles
//! held by more than [`FREQUENT_SHINGLE`] of the documents are not walked (they weigh little), but
//! the final score of each of the best candidates is exact.
//!
//! # Search
//! Syllable terms (folded) with their counts in the title and the text, ranked by BM25 with the
//! title counting [`TITLE_BOOST`] times; every word of the query must occur; the last word is a
//! prefix while the user is still typing it. The best hits are then re-ranked for query words that
//! stand next to each other in the document and for tones that match the query's.

use crate::initiative::{Field, Status};
use crate::rules::Scope;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Bound;
use std::ops::Range;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A score at or above this: "likely similar", shown with a warning. Chosen on the generated
/// province sample (see `docs/similarity.md`): of initiatives on the same subject written from the
/// same phrase banks, 99% score below 0.44 against each other; re-worded copies score 0.6 to 1.
pub const LIKELY_SIMILAR: f32 = 0.45;

/// A score at or above this against an earlier year's initiative: a likely re-submission.
pub const RESUBMISSION: f32 = 0.55;

/// The same, when the candidate shares an author with the query.
pub const RESUBMISSION_SAME_AUTHOR: f32 = 0.45;

/// Matches scoring below this are not returned: at this level two texts share only stock phrases.
pub const REPORT_FLOOR: f32 = 0.10;

/// A containment at or above this: the text asked about (typed so far) is largely in the
/// candidate, whatever else the candidate says.
pub const CONTAINED: f32 = 0.6;

/// A query is only "contained" when what it shares with the candidate weighs at least this many
/// unique shingles: a few words, or stock phrases found everywhere, prove nothing.
pub const MIN_CONTAINED_RARE: f64 = 4.0;

/// Shingles held by more than this share of the documents are not walked to find candidates.
pub const FREQUENT_SHINGLE: f64 = 1.0 / 16.0;

/// How many times a title word counts against a text word in search.
pub const TITLE_BOOST: u32 = 3;

/// A passage shorter than this many syllables is not reported as overlapping.
pub const MIN_PASSAGE: usize = 4;

/// Syllables in a search snippet.
const SNIPPET_WORDS: usize = 28;
/// Hits re-ranked for adjacent words and tones.
const RERANK: usize = 100;
/// Candidates scored exactly per wanted match.
const CANDIDATES_PER_MATCH: usize = 8;
const MIN_CANDIDATES: usize = 64;
/// Words of a search query that are used.
const MAX_QUERY_WORDS: usize = 12;
/// BM25 parameters.
const K1: f32 = 1.2;
const B: f32 = 0.75;

// ---------------------------------------------------------------------------------------------
// Documents

/// What the index keeps of an initiative besides its text, for filters and flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocMeta {
    pub id: i64,
    /// The year it was submitted (năm nộp).
    pub year: i32,
    pub unit_id: i64,
    pub field: Field,
    /// The scope it was recognised at, if it was.
    pub scope: Option<Scope>,
    pub status: Status,
    /// Person ids of its authors who are in the directory.
    pub authors: Vec<i64>,
}

/// An initiative as the index reads it: its title and its sections (the situation before, the
/// solution, what is new, the benefit…), each a text of its own so that ranges point into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexDoc {
    pub meta: DocMeta,
    pub title: String,
    pub sections: Vec<String>,
}

/// Where a range lies: the title or one of the sections (by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Title,
    Section(usize),
}

/// A range of a title or section, in UTF-8 bytes and in chars (Unicode scalar values) of the
/// string as it was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Span {
    pub part: Part,
    pub bytes: Range<usize>,
    pub chars: Range<usize>,
}

/// A passage found in both texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overlap {
    /// In the text asked about.
    pub query: Span,
    /// In the candidate's text.
    pub candidate: Span,
    /// Its length in syllables.
    pub syllables: usize,
}

/// An initiative similar to the text asked about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub id: i64,
    /// Cosine similarity of the weighted shingle sets, 0..=1.
    pub score: f32,
    /// The share of the query's weight found in the candidate, 0..=1: high when a short text typed
    /// so far is all in the candidate.
    pub containment: f32,
    pub year: i32,
    pub unit_id: i64,
    /// The score reaches [`LIKELY_SIMILAR`].
    pub likely: bool,
    /// The containment reaches [`CONTAINED`] and what is shared is not a mere few words (see
    /// [`MIN_CONTAINED_RARE`]): the text typed so far is largely in the candidate.
    pub contained: bool,
    /// The candidate shares an author with the query.
    pub same_author: bool,
    /// A likely re-submission: an earlier year's initiative (or of unknown year in the query) with a
    /// score of at least [`RESUBMISSION`] ([`RESUBMISSION_SAME_AUTHOR`] with a shared author).
    pub resubmission: bool,
    /// Overlapping passages, in the order of the query's text.
    pub passages: Vec<Overlap>,
}

/// The text to compare with the index, and what is known of it.
#[derive(Debug, Clone, Default)]
pub struct Probe<'a> {
    pub title: &'a str,
    pub sections: Vec<&'a str>,
    /// The year it is submitted in; earlier years' initiatives may be flagged as re-submissions.
    pub year: Option<i32>,
    /// Its authors' person ids.
    pub authors: &'a [i64],
    /// An initiative not to compare with (itself, when it is already stored).
    pub exclude: Option<i64>,
}

/// A piece of a title or snippet; the web layer escapes `text` and marks it when `highlighted`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    pub highlighted: bool,
}

/// A search hit: its title and a snippet of its sections, with the query's words highlighted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub id: i64,
    pub score: f32,
    pub title: Vec<Segment>,
    /// The section the snippet is from, `None` when nothing matched outside the title.
    pub snippet_part: Option<usize>,
    pub snippet: Vec<Segment>,
}

/// Which page of hits to answer, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub page: u32,
    pub per_page: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest {
            page: 1,
            per_page: 20,
        }
    }
}

/// One page of hits and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchPage {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// The usual search filters; pass `|m| filter.matches(m)` (and whatever permissions need) to
/// [`SimilarityIndex::search`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub year: Option<i32>,
    /// Any of these units; `None`: all.
    pub unit_ids: Option<Vec<i64>>,
    pub field: Option<Field>,
    pub scope: Option<Scope>,
    pub status: Option<Status>,
}

impl Filter {
    pub fn matches(&self, m: &DocMeta) -> bool {
        self.year.is_none_or(|y| m.year == y)
            && self
                .unit_ids
                .as_ref()
                .is_none_or(|u| u.contains(&m.unit_id))
            && self.field.is_none_or(|f| m.field == f)
            && self.scope.is_none_or(|s| m.scope == Some(s))
            && self.status.is_none_or(|s| m.status == s)
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// A syllable of a text.
#[derive(Debug, Clone, Copy)]
struct Token {
    part: Part,
    bytes: (u32, u32),
    chars: (u32, u32),
    /// Its folded form in [`Tokens::folded`].
    folded: (u32, u32),
    /// A hash of the folded form.
    hash: u64,
    /// A segment begins here (a sentence end or another part came before).
    starts_segment: bool,
}

/// The syllables of a title and its sections, with their folded forms in one string.
#[derive(Debug, Default)]
struct Tokens {
    list: Vec<Token>,
    folded: String,
}

impl Tokens {
    fn of<'a>(title: &str, sections: impl IntoIterator<Item = &'a str>) -> Tokens {
        let mut t = Tokens::default();
        t.add(Part::Title, title);
        for (i, s) in sections.into_iter().enumerate() {
            t.add(Part::Section(i), s);
        }
        t
    }

    fn folded(&self, t: &Token) -> &str {
        &self.folded[t.folded.0 as usize..t.folded.1 as usize]
    }

    /// Appends the syllables of one part.
    fn add(&mut self, part: Part, s: &str) {
        let mut segment_break = true;
        // (byte, char, folded) where the current word began.
        let mut word: Option<(usize, usize, usize)> = None;
        let mut chars = s.char_indices().enumerate().peekable();
        let mut prev: Option<char> = None;
        while let Some((ci, (bi, c))) = chars.next() {
            let next = chars.peek().map(|(_, (_, n))| *n);
            let in_word = c.is_alphanumeric()
                || (word.is_some() && is_combining_mark(c))
                // A decimal or thousands separator inside a number: "2,5", "1.500.000".
                || (word.is_some()
                    && matches!(c, '.' | ',')
                    && prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|n| n.is_ascii_digit()));
            if in_word {
                if word.is_none() {
                    word = Some((bi, ci, self.folded.len()));
                }
                fold_char(c, &mut self.folded);
            } else {
                if let Some(w) = word.take() {
                    self.finish(part, w, (bi, ci), &mut segment_break);
                }
                if matches!(c, '.' | '!' | '?' | ';' | ':' | '…' | '\n' | '\r') {
                    segment_break = true;
                }
            }
            prev = Some(c);
        }
        if let Some(w) = word.take() {
            let n = s.chars().count();
            self.finish(part, w, (s.len(), n), &mut segment_break);
        }
    }

    fn finish(
        &mut self,
        part: Part,
        (b0, c0, f0): (usize, usize, usize),
        (b1, c1): (usize, usize),
        segment_break: &mut bool,
    ) {
        let f1 = self.folded.len();
        if f1 == f0 {
            // Only marks that folding removed: not a syllable.
            return;
        }
        let hash = hash_str(&self.folded[f0..f1]);
        self.list.push(Token {
            part,
            bytes: (b0 as u32, b1 as u32),
            chars: (c0 as u32, c1 as u32),
            folded: (f0 as u32, f1 as u32),
            hash,
            starts_segment: std::mem::take(segment_break),
        });
    }

    /// Calls `f(shingle, first token, syllables)` for every shingle, in text order.
    fn shingles(&self, mut f: impl FnMut(u64, usize, usize)) {
        let l = &self.list;
        let mut start = 0;
        while start < l.len() {
            let mut end = start + 1;
            while end < l.len() && !l[end].starts_segment {
                end += 1;
            }
            match end - start {
                0 | 1 => {}
                2 => f(shingle2(l[start].hash, l[start + 1].hash), start, 2),
                _ => {
                    for i in start..end - 2 {
                        f(shingle3(l[i].hash, l[i + 1].hash, l[i + 2].hash), i, 3);
                    }
                }
            }
            start = end;
        }
    }

    /// The distinct shingles, ascending.
    fn shingle_set(&self) -> Vec<u64> {
        let mut v = Vec::with_capacity(self.list.len());
        self.shingles(|h, _, _| v.push(h));
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Each distinct folded syllable with its counts in the title and in the sections.
    fn term_counts(&self) -> BTreeMap<&str, (u16, u16)> {
        let mut counts: BTreeMap<&str, (u16, u16)> = BTreeMap::new();
        for t in &self.list {
            let c = counts.entry(self.folded(t)).or_default();
            match t.part {
                Part::Title => c.0 = c.0.saturating_add(1),
                Part::Section(_) => c.1 = c.1.saturating_add(1),
            }
        }
        counts
    }

    fn span(&self, first: usize, last: usize) -> Span {
        let (a, b) = (&self.list[first], &self.list[last]);
        Span {
            part: a.part,
            bytes: a.bytes.0 as usize..b.bytes.1 as usize,
            chars: a.chars.0 as usize..b.chars.1 as usize,
        }
    }
}

/// Appends the folded form of one character: as [`crate::text::fold`] folds it, without allocating.
fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        match d {
            'đ' | 'Đ' | 'Ð' => out.push('d'),
            _ if d.is_ascii() => out.push(d.to_ascii_lowercase()),
            _ => out.extend(d.to_lowercase().filter(|l| !is_combining_mark(*l))),
        }
    });
}

/// FNV-1a, then a final mix: stable across processes and platforms.
fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

fn shingle2(a: u64, b: u64) -> u64 {
    mix(a.rotate_left(17) ^ b ^ 0x2)
}

fn shingle3(a: u64, b: u64, c: u64) -> u64 {
    mix(a.rotate_left(34) ^ b.rotate_left(17) ^ c ^ 0x3)
}

/// Shingles are hashes already: the map uses them as they are.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type ShingleMap = HashMap<u64, Vec<u32>, BuildHasherDefault<KeyHasher>>;

// ---------------------------------------------------------------------------------------------
// The index

/// One document's postings in a term's list.
#[derive(Debug, Clone, Copy)]
struct Posting {
    slot: u32,
    title_tf: u16,
    text_tf: u16,
}

#[derive(Debug)]
struct Stored {
    meta: DocMeta,
    title: Box<str>,
    sections: Box<[Box<str>]>,
    /// Distinct shingles.
    shingles: u32,
    /// Length for BM25: text syllables plus [`TITLE_BOOST`] times title syllables.
    len: u32,
}

impl Stored {
    fn tokens(&self) -> Tokens {
        Tokens::of(&self.title, self.sections.iter().map(|s| &**s))
    }

    fn part(&self, part: Part) -> &str {
        match part {
            Part::Title => &self.title,
            Part::Section(i) => self.sections.get(i).map_or("", |s| s),
        }
    }
}

/// The initiatives' similarity and search index (chỉ mục sáng kiến); see the module documentation.
///
/// Queries take `&self`; changes take `&mut self`, so a process keeps it in a `RwLock` (or swaps
/// snapshots). Upserting or removing one initiative costs about a millisecond on 50,000.
#[derive(Debug, Default)]
pub struct SimilarityIndex {
    docs: Vec<Option<Stored>>,
    free: Vec<u32>,
    slots: HashMap<i64, u32>,
    /// Shingle → slots holding it, ascending.
    shingles: ShingleMap,
    /// Folded syllable → term number.
    terms: BTreeMap<Box<str>, u32>,
    /// Term number → postings, ascending by slot.
    postings: Vec<Vec<Posting>>,
    /// Sum of the BM25 lengths of the documents.
    total_len: u64,
}

fn insert_sorted<T>(v: &mut Vec<T>, item: T, key: impl Fn(&T) -> u32) {
    let k = key(&item);
    match v.last() {
        None => v.push(item),
        Some(l) if key(l) < k => v.push(item),
        _ => match v.binary_search_by_key(&k, key) {
            Ok(i) => v[i] = item,
            Err(i) => v.insert(i, item),
        },
    }
}

fn remove_sorted<T>(v: &mut Vec<T>, k: u32, key: impl Fn(&T) -> u32) {
    if let Ok(i) = v.binary_search_by_key(&k, key) {
        v.remove(i);
    }
}

/// Inverse document frequency of a shingle.
fn idf(df: usize, n: usize) -> f64 {
    raw_idf(df, n).powf(IDF_POWER)
}

/// `ln((N + 1) / (df + 0.5))`: at most `ln(2N + 2)`, for a shingle no other document holds.
fn raw_idf(df: usize, n: usize) -> f64 {
    ((n as f64 + 1.0) / (df as f64 + 0.5)).ln()
}

/// Shingle weights are the inverse document frequency to this power: above 1, the rare phrases
/// that two texts share count for much more than the common ones.
const IDF_POWER: f64 = 2.0;

impl SimilarityIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds an index of `docs` (a later document with the same id replaces an earlier one).
    pub fn build(docs: impl IntoIterator<Item = IndexDoc>) -> Self {
        let mut index = Self::new();
        for d in docs {
            index.upsert(d);
        }
        index
    }

    /// How many initiatives it holds.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn contains(&self, id: i64) -> bool {
        self.slots.contains_key(&id)
    }

    /// The metadata kept of an initiative.
    pub fn meta(&self, id: i64) -> Option<&DocMeta> {
        let slot = *self.slots.get(&id)?;
        self.stored(slot).map(|s| &s.meta)
    }

    /// The title of an initiative as indexed.
    pub fn title(&self, id: i64) -> Option<&str> {
        let slot = *self.slots.get(&id)?;
        self.stored(slot).map(|s| &*s.title)
    }

    /// A title or section of an initiative as indexed (what [`Span`]s of its matches point into).
    pub fn part(&self, id: i64, part: Part) -> Option<&str> {
        let slot = *self.slots.get(&id)?;
        self.stored(slot).map(|s| s.part(part))
    }

    fn stored(&self, slot: u32) -> Option<&Stored> {
        self.docs.get(slot as usize).and_then(Option::as_ref)
    }

    /// Adds an initiative or replaces the one with its id.
    pub fn upsert(&mut self, doc: IndexDoc) {
        let tokens = Tokens::of(&doc.title, doc.sections.iter().map(String::as_str));
        let shingles = tokens.shingle_set();
        // The version it replaces keeps its slot; only what changed touches the postings (most
        // of an edited initiative is as it was).
        let existing = self.slots.get(&doc.meta.id).copied();
        let (slot, old_shingles, old_terms) = match existing
            .and_then(|slot| Some((slot, self.docs.get_mut(slot as usize)?.take()?)))
        {
            Some((slot, old)) => {
                let old_tokens = old.tokens();
                let old_terms: Vec<String> = old_tokens
                    .term_counts()
                    .into_keys()
                    .map(str::to_owned)
                    .collect();
                self.total_len -= u64::from(old.len);
                (slot, old_tokens.shingle_set(), old_terms)
            }
            None => {
                let slot = match self.free.pop() {
                    Some(s) => s,
                    None => {
                        self.docs.push(None);
                        (self.docs.len() - 1) as u32
                    }
                };
                (slot, Vec::new(), Vec::new())
            }
        };
        for h in &old_shingles {
            if shingles.binary_search(h).is_err() {
                self.unpost_shingle(*h, slot);
            }
        }
        for h in &shingles {
            if old_shingles.binary_search(h).is_err() {
                insert_sorted(self.shingles.entry(*h).or_default(), slot, |s| *s);
            }
        }
        let counts = tokens.term_counts();
        for term in &old_terms {
            if !counts.contains_key(term.as_str()) {
                if let Some(t) = self.terms.get(term.as_str()) {
                    remove_sorted(&mut self.postings[*t as usize], slot, |p| p.slot);
                }
            }
        }
        let mut len = 0u32;
        for (term, (title_tf, text_tf)) in counts {
            len = len.saturating_add(u32::from(text_tf) + TITLE_BOOST * u32::from(title_tf));
            let t = match self.terms.get(term) {
                Some(t) => *t,
                None => {
                    let t = self.postings.len() as u32;
                    self.terms.insert(term.into(), t);
                    self.postings.push(Vec::new());
                    t
                }
            };
            let p = Posting {
                slot,
                title_tf,
                text_tf,
            };
            insert_sorted(&mut self.postings[t as usize], p, |p| p.slot);
        }
        self.total_len += u64::from(len);
        self.slots.insert(doc.meta.id, slot);
        self.docs[slot as usize] = Some(Stored {
            meta: doc.meta,
            title: doc.title.into_boxed_str(),
            sections: doc
                .sections
                .into_iter()
                .map(String::into_boxed_str)
                .collect(),
            shingles: shingles.len() as u32,
            len,
        });
    }

    /// Removes an initiative; `false` when it was not there.
    pub fn remove(&mut self, id: i64) -> bool {
        let Some(slot) = self.slots.remove(&id) else {
            return false;
        };
        let Some(stored) = self.docs.get_mut(slot as usize).and_then(Option::take) else {
            return false;
        };
        let tokens = stored.tokens();
        for h in tokens.shingle_set() {
            self.unpost_shingle(h, slot);
        }
        for term in tokens.term_counts().keys() {
            if let Some(t) = self.terms.get(*term) {
                remove_sorted(&mut self.postings[*t as usize], slot, |p| p.slot);
            }
        }
        self.total_len -= u64::from(stored.len);
        self.free.push(slot);
        true
    }

    fn unpost_shingle(&mut self, h: u64, slot: u32) {
        if let Some(list) = self.shingles.get_mut(&h) {
            remove_sorted(list, slot, |s| *s);
            if list.is_empty() {
                self.shingles.remove(&h);
            }
        }
    }

    fn df(&self, shingle: u64) -> usize {
        self.shingles.get(&shingle).map_or(0, Vec::len)
    }

    // -----------------------------------------------------------------------------------------
    // Similarity

    /// The `k` initiatives most similar to a title and a text, most similar first.
    pub fn query(&self, title: &str, text: &str, k: usize) -> Vec<Match> {
        let probe = Probe {
            title,
            sections: vec![text],
            ..Probe::default()
        };
        self.query_with(&probe, k, |_| true)
    }

    /// The `k` initiatives most similar to an initiative already in the index (for the council's
    /// view), itself excluded, with its year and authors for the re-submission flag.
    pub fn similar_to(&self, id: i64, k: usize, keep: impl Fn(&DocMeta) -> bool) -> Vec<Match> {
        let Some(s) = self.slots.get(&id).and_then(|slot| self.stored(*slot)) else {
            return Vec::new();
        };
        let probe = Probe {
            title: &s.title,
            sections: s.sections.iter().map(|s| &**s).collect(),
            year: Some(s.meta.year),
            authors: &s.meta.authors,
            exclude: Some(id),
        };
        self.query_with(&probe, k, keep)
    }

    /// The `k` initiatives most similar to `probe` among those `keep` accepts, most similar first
    /// (ties by id), each scoring at least [`REPORT_FLOOR`] or [`CONTAINED`]. The order is by
    /// score, or by containment where that is higher and reaches [`CONTAINED`].
    pub fn query_with(
        &self,
        probe: &Probe,
        k: usize,
        keep: impl Fn(&DocMeta) -> bool,
    ) -> Vec<Match> {
        if k == 0 || self.is_empty() {
            return Vec::new();
        }
        let q_tokens = Tokens::of(probe.title, probe.sections.iter().copied());
        let q_set = q_tokens.shingle_set();
        if q_set.is_empty() {
            return Vec::new();
        }
        let n = self.len();
        let dfs: Vec<usize> = q_set.iter().map(|h| self.df(*h)).collect();
        let weights: Vec<f64> = dfs.iter().map(|df| idf(*df, n)).collect();
        let q_norm2: f64 = weights.iter().map(|w| w * w).sum();
        // Containment weighs shingles by their plain inverse document frequency: it says how much
        // of the text is there, not how telling it is.
        let raw: Vec<f64> = dfs.iter().map(|df| raw_idf(*df, n)).collect();
        let q_sum: f64 = raw.iter().sum();
        let unique = raw_idf(0, n);

        // Candidates: the dot product over the rarer shingles, rarest first.
        let frequent = ((n as f64 * FREQUENT_SHINGLE) as usize).max(1000);
        let mut order: Vec<usize> = (0..q_set.len())
            .filter(|i| dfs[*i] > 0 && dfs[*i] <= frequent)
            .collect();
        order.sort_by_key(|i| (dfs[*i], q_set[*i]));
        let mut acc = vec![0f64; self.docs.len()];
        let mut touched: Vec<u32> = Vec::new();
        for i in order {
            let w2 = weights[i] * weights[i];
            if let Some(list) = self.shingles.get(&q_set[i]) {
                for slot in list {
                    let a = &mut acc[*slot as usize];
                    if *a == 0.0 {
                        touched.push(*slot);
                    }
                    *a += w2;
                }
            }
        }
        // (approximate cosine, dot product, id, slot)
        let mut candidates: Vec<(f64, f64, i64, u32)> = touched
            .into_iter()
            .filter_map(|slot| {
                let s = self.stored(slot)?;
                if Some(s.meta.id) == probe.exclude || !keep(&s.meta) {
                    return None;
                }
                let dot = acc[slot as usize];
                let approx = dot / f64::from(s.shingles.max(1)).sqrt();
                Some((approx, dot, s.meta.id, slot))
            })
            .collect();
        let m = k.saturating_mul(CANDIDATES_PER_MATCH).max(MIN_CANDIDATES);
        if candidates.len() > m {
            // The best by approximate cosine, and the best by shared weight alone: the long
            // initiatives that hold all of a short text typed so far.
            let mut by_dot = candidates.clone();
            let half = m / 2;
            by_dot.select_nth_unstable_by(half - 1, |a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
            by_dot.truncate(half);
            candidates
                .select_nth_unstable_by(m - 1, |a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
            candidates.truncate(m);
            candidates.extend(by_dot);
            candidates.sort_unstable_by_key(|c| c.3);
            candidates.dedup_by_key(|c| c.3);
        }

        // Exact scores of the candidates.
        let mut scored: Vec<(f32, f32, bool, u32, Tokens)> = candidates
            .into_iter()
            .filter_map(|(_, _, _, slot)| {
                let s = self.stored(slot)?;
                let tokens = s.tokens();
                let set = tokens.shingle_set();
                let (mut dot, mut shared, mut norm2) = (0f64, 0f64, 0f64);
                let mut qi = 0;
                for h in &set {
                    let w = idf(self.df(*h), n);
                    norm2 += w * w;
                    while qi < q_set.len() && q_set[qi] < *h {
                        qi += 1;
                    }
                    if qi < q_set.len() && q_set[qi] == *h {
                        dot += weights[qi] * weights[qi];
                        shared += raw[qi];
                    }
                }
                if norm2 == 0.0 {
                    return None;
                }
                let score = (dot / (q_norm2 * norm2).sqrt()).clamp(0.0, 1.0) as f32;
                let containment = (shared / q_sum).clamp(0.0, 1.0) as f32;
                let contained = containment >= CONTAINED && shared >= MIN_CONTAINED_RARE * unique;
                (score >= REPORT_FLOOR || contained).then_some((
                    score,
                    containment,
                    contained,
                    slot,
                    tokens,
                ))
            })
            .collect();
        // Ranked by the cosine, or by the containment when the query is contained.
        let rank = |(score, containment, contained, ..): &(f32, f32, bool, u32, Tokens)| {
            if *contained {
                score.max(*containment)
            } else {
                *score
            }
        };
        scored.sort_by(|a, b| {
            rank(b).total_cmp(&rank(a)).then_with(|| {
                let id = |slot| self.stored(slot).map_or(0, |s| s.meta.id);
                id(a.3).cmp(&id(b.3))
            })
        });
        scored.truncate(k);
        scored
            .into_iter()
            .filter_map(|(score, containment, contained, slot, tokens)| {
                let s = self.stored(slot)?;
                let same_author = s.meta.authors.iter().any(|a| probe.authors.contains(a));
                let earlier = probe.year.is_none_or(|y| s.meta.year < y);
                let threshold = if same_author {
                    RESUBMISSION_SAME_AUTHOR
                } else {
                    RESUBMISSION
                };
                Some(Match {
                    id: s.meta.id,
                    score,
                    containment,
                    year: s.meta.year,
                    unit_id: s.meta.unit_id,
                    likely: score >= LIKELY_SIMILAR,
                    contained,
                    same_author,
                    resubmission: earlier && score >= threshold,
                    passages: overlaps(&q_tokens, &tokens),
                })
            })
            .collect()
    }

    // -----------------------------------------------------------------------------------------
    // Search

    /// Full-text search, diacritics ignored, over the titles and sections of the initiatives that
    /// `keep` accepts: one page of hits, best first, and how many there are. An empty query lists
    /// them all, newest year first.
    pub fn search(
        &self,
        query: &str,
        keep: impl Fn(&DocMeta) -> bool,
        page: PageRequest,
    ) -> SearchPage {
        let q = SearchQuery::parse(query);
        let per_page = page.per_page.clamp(1, 500) as usize;
        let start = (page.page.max(1) as usize - 1).saturating_mul(per_page);
        if q.words.is_empty() {
            let mut all: Vec<&Stored> = self
                .docs
                .iter()
                .flatten()
                .filter(|s| keep(&s.meta))
                .collect();
            all.sort_by(|a, b| {
                b.meta
                    .year
                    .cmp(&a.meta.year)
                    .then(b.meta.id.cmp(&a.meta.id))
            });
            let hits = all
                .iter()
                .skip(start)
                .take(per_page)
                .map(|s| self.hit(s, 0.0, &q))
                .collect();
            return SearchPage {
                hits,
                total: all.len(),
            };
        }
        let ranked = self.ranked(&q, &keep, start.saturating_add(per_page));
        let total = ranked.len();
        let hits = ranked
            .iter()
            .skip(start)
            .take(per_page)
            .filter_map(|(score, slot)| Some(self.hit(self.stored(*slot)?, *score, &q)))
            .collect();
        SearchPage { hits, total }
    }

    /// The matching slots with their scores, best first.
    fn ranked(
        &self,
        q: &SearchQuery,
        keep: &impl Fn(&DocMeta) -> bool,
        shown: usize,
    ) -> Vec<(f32, u32)> {
        let n = self.len();
        let avg_len = (self.total_len as f32 / n.max(1) as f32).max(1.0);
        let groups: Vec<Vec<u32>> = q
            .words
            .iter()
            .map(|(w, prefix)| {
                if *prefix {
                    self.terms
                        .range::<str, _>((Bound::Included(w.as_str()), Bound::Unbounded))
                        .take_while(|(t, _)| t.starts_with(w.as_str()))
                        .map(|(_, t)| *t)
                        .filter(|t| !self.postings[*t as usize].is_empty())
                        .collect()
                } else {
                    self.terms.get(w.as_str()).copied().into_iter().collect()
                }
            })
            .collect();
        if groups.iter().any(Vec::is_empty) {
            return Vec::new();
        }
        let mut score = vec![0f32; self.docs.len()];
        let mut matched = vec![0u8; self.docs.len()];
        let mut best = Vec::new();
        for (g, terms) in groups.iter().enumerate() {
            let g = g as u8;
            if terms.len() == 1 {
                let list = &self.postings[terms[0] as usize];
                let idf = bm25_idf(list.len(), n);
                for p in list {
                    let i = p.slot as usize;
                    if matched[i] == g {
                        score[i] += idf * self.tf_part(p, avg_len);
                        matched[i] = g + 1;
                    }
                }
            } else {
                // A prefix: a document counts once, by its best word.
                best.clear();
                best.resize(self.docs.len(), 0f32);
                for t in terms {
                    let list = &self.postings[*t as usize];
                    let idf = bm25_idf(list.len(), n);
                    for p in list {
                        let i = p.slot as usize;
                        if matched[i] == g {
                            best[i] = best[i].max(idf * self.tf_part(p, avg_len));
                        }
                    }
                }
                for (i, b) in best.iter().enumerate() {
                    if *b > 0.0 {
                        score[i] += b;
                        matched[i] = g + 1;
                    }
                }
            }
        }
        let all = groups.len() as u8;
        let mut ranked: Vec<(f32, u32, i64)> = matched
            .iter()
            .enumerate()
            .filter(|(_, m)| **m == all)
            .filter_map(|(i, _)| {
                let s = self.stored(i as u32)?;
                keep(&s.meta).then_some((score[i], i as u32, s.meta.id))
            })
            .collect();
        let order =
            |a: &(f32, u32, i64), b: &(f32, u32, i64)| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2));
        // Only the hits up to the page asked for (and those re-ranked) need to be in order.
        let ordered = shown.max(RERANK).min(ranked.len());
        if ordered > 0 && ordered < ranked.len() {
            ranked.select_nth_unstable_by(ordered - 1, order);
        }
        ranked[..ordered].sort_by(order);
        // Re-rank the best for words next to each other and for tones, when either can apply.
        // A bonus only raises a score, so the re-ranked stay above the rest.
        if q.words.len() >= 2 || q.toned.iter().any(Option::is_some) {
            let top = ordered.min(RERANK);
            for r in &mut ranked[..top] {
                if let Some(s) = self.stored(r.1) {
                    r.0 *= 1.0 + q.bonus(&s.tokens(), |part| s.part(part));
                }
            }
            ranked[..top].sort_by(order);
        }
        ranked.into_iter().map(|(s, slot, _)| (s, slot)).collect()
    }

    fn tf_part(&self, p: &Posting, avg_len: f32) -> f32 {
        let tf = f32::from(p.text_tf) + TITLE_BOOST as f32 * f32::from(p.title_tf);
        let len = self.stored(p.slot).map_or(avg_len, |s| s.len as f32);
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len))
    }

    fn hit(&self, s: &Stored, score: f32, q: &SearchQuery) -> Hit {
        let tokens = s.tokens();
        let marks: Vec<Option<usize>> = tokens
            .list
            .iter()
            .map(|t| q.word_of(tokens.folded(t)))
            .collect();
        let title_range: Vec<usize> = (0..tokens.list.len())
            .filter(|i| tokens.list[*i].part == Part::Title)
            .collect();
        let title = segments(&s.title, &tokens, &title_range, &marks, (0, s.title.len()));
        // The window of sections' syllables with the most distinct query words, then most matches.
        let mut best: Option<((usize, usize), usize, usize)> = None;
        let text: Vec<usize> = (0..tokens.list.len())
            .filter(|i| tokens.list[*i].part != Part::Title)
            .collect();
        for w in 0..text.len() {
            if marks[text[w]].is_none() {
                continue;
            }
            // Windows start a few words before a match, within its part.
            let part = tokens.list[text[w]].part;
            let mut a = w.saturating_sub(3);
            while tokens.list[text[a]].part != part {
                a += 1;
            }
            let mut b = a;
            while b < text.len() && b - a < SNIPPET_WORDS && tokens.list[text[b]].part == part {
                b += 1;
            }
            let mut distinct = 0u64;
            let mut count = 0;
            for i in &text[a..b] {
                if let Some(wi) = marks[*i] {
                    distinct |= 1 << wi.min(63);
                    count += 1;
                }
            }
            let d = distinct.count_ones() as usize;
            if best.is_none_or(|(_, bd, bc)| (d, count) > (bd, bc)) {
                best = Some(((a, b), d, count));
            }
        }
        let (range, part) = match best {
            Some(((a, b), _, _)) => (text[a..b].to_vec(), Some(tokens.list[text[a]].part)),
            None => {
                // Nothing outside the title: the beginning of the first section.
                let part = text.first().map(|i| tokens.list[*i].part);
                let r: Vec<usize> = text
                    .iter()
                    .copied()
                    .take_while(|i| Some(tokens.list[*i].part) == part)
                    .take(SNIPPET_WORDS)
                    .collect();
                (r, part)
            }
        };
        let (snippet, snippet_part) = match part {
            Some(p @ Part::Section(i)) => {
                let body = s.part(p);
                let first = range
                    .first()
                    .map_or(0, |t| tokens.list[*t].bytes.0 as usize);
                let last = range.last().map_or(0, |t| tokens.list[*t].bytes.1 as usize);
                let mut seg = Vec::new();
                let at_start = range
                    .first()
                    .is_none_or(|t| *t == 0 || tokens.list[*t - 1].part != p);
                let at_end = range
                    .last()
                    .is_none_or(|t| *t + 1 >= tokens.list.len() || tokens.list[*t + 1].part != p);
                if !at_start {
                    seg.push(Segment {
                        text: "…".into(),
                        highlighted: false,
                    });
                }
                let bounds = (
                    if at_start { 0 } else { first },
                    if at_end { body.len() } else { last },
                );
                push_all(&mut seg, segments(body, &tokens, &range, &marks, bounds));
                if !at_end {
                    push_all(
                        &mut seg,
                        vec![Segment {
                            text: "…".into(),
                            highlighted: false,
                        }],
                    );
                }
                (seg, Some(i))
            }
            _ => (Vec::new(), None),
        };
        Hit {
            id: s.meta.id,
            score,
            title,
            snippet_part,
            snippet,
        }
    }
}

fn bm25_idf(df: usize, n: usize) -> f32 {
    (1.0 + (n as f32 - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
}

/// Appends segments, joining neighbours of the same kind.
fn push_all(out: &mut Vec<Segment>, more: Vec<Segment>) {
    for s in more {
        if s.text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(l) if l.highlighted == s.highlighted => l.text.push_str(&s.text),
            _ => out.push(s),
        }
    }
}

/// The text of `s` between `bounds` (bytes) as segments, the syllables of `range` that match a
/// query word highlighted.
fn segments(
    s: &str,
    tokens: &Tokens,
    range: &[usize],
    marks: &[Option<usize>],
    bounds: (usize, usize),
) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = bounds.0;
    let piece = |a: usize, b: usize| s.get(a..b).unwrap_or("").to_owned();
    for i in range {
        let t = &tokens.list[*i];
        if marks[*i].is_none() {
            continue;
        }
        let (a, b) = (t.bytes.0 as usize, t.bytes.1 as usize);
        if a < at || b > bounds.1 {
            continue;
        }
        push_all(
            &mut out,
            vec![
                Segment {
                    text: piece(at, a),
                    highlighted: false,
                },
                Segment {
                    text: piece(a, b),
                    highlighted: true,
                },
            ],
        );
        at = b;
    }
    push_all(
        &mut out,
        vec![Segment {
            text: piece(at, bounds.1),
            highlighted: false,
        }],
    );
    out
}

/// A search query: folded words, the last a prefix unless followed by a space.
#[derive(Debug)]
struct SearchQuery {
    /// (folded word, is a prefix).
    words: Vec<(String, bool)>,
    /// Lower-cased NFC forms of the words as typed, when they carry a diacritic.
    toned: Vec<Option<String>>,
}

impl SearchQuery {
    fn parse(query: &str) -> SearchQuery {
        let tokens = Tokens::of("", [query]);
        let typing = query
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || is_combining_mark(c));
        let mut words: Vec<(String, bool)> = Vec::new();
        let mut toned = Vec::new();
        let count = tokens.list.len();
        for (i, t) in tokens.list.iter().enumerate() {
            let folded = tokens.folded(t).to_owned();
            let prefix = typing && i + 1 == count;
            if words.iter().any(|(w, p)| *w == folded && *p == prefix) {
                continue;
            }
            let raw = &query[t.bytes.0 as usize..t.bytes.1 as usize];
            let lower = crate::text::nfc(&raw.to_lowercase());
            toned.push((lower != folded).then_some(lower));
            words.push((folded, prefix));
        }
        words.truncate(MAX_QUERY_WORDS);
        toned.truncate(MAX_QUERY_WORDS);
        SearchQuery { words, toned }
    }

    /// The query word a folded syllable matches.
    fn word_of(&self, folded: &str) -> Option<usize> {
        self.words.iter().position(|(w, prefix)| {
            if *prefix {
                folded.starts_with(w.as_str())
            } else {
                folded == w
            }
        })
    }

    /// A bonus in 0..=0.75: half for the share of neighbouring query words that stand next to each
    /// other in the document, a quarter for the share of toned query words found with their tone.
    fn bonus<'a>(&self, tokens: &Tokens, part_text: impl Fn(Part) -> &'a str) -> f32 {
        let mut bonus = 0.0;
        if self.words.len() >= 2 {
            let pairs = self.words.len() - 1;
            let mut found = vec![false; pairs];
            let mut prev: Option<(usize, Part)> = None;
            for t in &tokens.list {
                let w = self.word_of(tokens.folded(t));
                if let (Some((pw, pp)), Some(w)) = (prev, w) {
                    if pp == t.part && w == pw + 1 {
                        found[pw] = true;
                    }
                }
                prev = w.map(|w| (w, t.part));
            }
            bonus += 0.5 * found.iter().filter(|f| **f).count() as f32 / pairs as f32;
        }
        let toned: Vec<(usize, &String)> = self
            .toned
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.as_ref().map(|t| (i, t)))
            .collect();
        if !toned.is_empty() {
            let mut found = vec![false; self.words.len()];
            for t in &tokens.list {
                let Some(w) = self.word_of(tokens.folded(t)) else {
                    continue;
                };
                if let Some(Some(want)) = self.toned.get(w) {
                    let raw = part_text(t.part)
                        .get(t.bytes.0 as usize..t.bytes.1 as usize)
                        .unwrap_or("");
                    let (raw, prefix) = (raw.to_lowercase(), self.words[w].1);
                    if (prefix && raw.starts_with(want.as_str())) || raw == *want {
                        found[w] = true;
                    }
                }
            }
            let n = toned.iter().filter(|(i, _)| found[*i]).count();
            bonus += 0.25 * n as f32 / toned.len() as f32;
        }
        bonus
    }
}

/// The passages of at least [`MIN_PASSAGE`] syllables that both texts hold, in the query's order:
/// greedy longest runs of equal folded syllables, seeded by shared shingles.
fn overlaps(q: &Tokens, c: &Tokens) -> Vec<Overlap> {
    let mut starts: HashMap<u64, Vec<usize>, BuildHasherDefault<KeyHasher>> = HashMap::default();
    let triple = |t: &Tokens, i: usize| {
        let l = &t.list;
        (i + 2 < l.len() && l[i].part == l[i + 2].part)
            .then(|| shingle3(l[i].hash, l[i + 1].hash, l[i + 2].hash))
    };
    for j in 0..c.list.len() {
        if let Some(h) = triple(c, j) {
            let v = starts.entry(h).or_default();
            // A phrase repeated many times in the candidate: a few starts are enough.
            if v.len() < 16 {
                v.push(j);
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < q.list.len() {
        let Some(js) = triple(q, i).and_then(|h| starts.get(&h)) else {
            i += 1;
            continue;
        };
        let (qp, mut best) = (q.list[i].part, (0, 0));
        for j in js {
            let cp = c.list[*j].part;
            let mut l = 0;
            while i + l < q.list.len()
                && j + l < c.list.len()
                && q.list[i + l].part == qp
                && c.list[j + l].part == cp
                && q.list[i + l].hash == c.list[j + l].hash
            {
                l += 1;
            }
            if l > best.0 {
                best = (l, *j);
            }
        }
        let (l, j) = best;
        if l >= MIN_PASSAGE {
            out.push(Overlap {
                query: q.span(i, i + l - 1),
                candidate: c.span(j, j + l - 1),
                syllables: l,
            });
            i += l;
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    fn folded_words(s: &str) -> Vec<String> {
        let t = Tokens::of(s, []);
        t.list.iter().map(|x| t.folded(x).to_owned()).collect()
    }

    #[test]
    fn syllables_are_folded_like_text_fold() {
        let s = "Giải pháp SỐ HÓA hồ sơ — một cửa, Đồng Đăng; ÐỨC 1.500.000 đồng (2,5%)";
        assert_eq!(
            folded_words(s),
            [
                "giai",
                "phap",
                "so",
                "hoa",
                "ho",
                "so",
                "mot",
                "cua",
                "dong",
                "dang",
                "duc",
                "1.500.000",
                "dong",
                "2,5"
            ]
        );
        for w in s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            let f = folded_words(w);
            assert_eq!(f.join(" "), text::fold(w), "{w}");
        }
        // Decomposed input folds the same and its ranges still point into it.
        let nfd: String = unicode_normalization::UnicodeNormalization::nfd("Hoà Đức").collect();
        let t = Tokens::of(&nfd, []);
        assert_eq!(folded_words(&nfd), ["hoa", "duc"]);
        let first = &t.list[0];
        assert_eq!(
            &nfd[first.bytes.0 as usize..first.bytes.1 as usize],
            "Hoa\u{300}"
        );
    }

    #[test]
    fn ranges_are_bytes_and_chars_of_the_given_text() {
        let s = "Ứng dụng mã QR";
        let t = Tokens::of("", [s]);
        let qr = &t.list[3];
        assert_eq!(&s[qr.bytes.0 as usize..qr.bytes.1 as usize], "QR");
        assert_eq!(
            s.chars()
                .skip(qr.chars.0 as usize)
                .take((qr.chars.1 - qr.chars.0) as usize)
                .collect::<String>(),
            "QR"
        );
        assert_eq!(t.list[0].part, Part::Section(0));
    }

    #[test]
    fn shingles_stay_inside_sentences() {
        let t = Tokens::of("", ["một hai ba. bốn năm"]);
        let mut seen = Vec::new();
        t.shingles(|_, start, len| seen.push((start, len)));
        assert_eq!(seen, [(0, 3), (3, 2)]);
    }

    #[test]
    fn search_query_marks_the_last_word_as_a_prefix_while_typing() {
        let q = SearchQuery::parse("Số hóa hồ s");
        assert_eq!(
            q.words,
            [
                ("so".to_owned(), false),
                ("hoa".to_owned(), false),
                ("ho".to_owned(), false),
                ("s".to_owned(), true)
            ]
        );
        assert_eq!(q.toned[0].as_deref(), Some("số"));
        let q = SearchQuery::parse("so hoa ");
        assert!(q.words.iter().all(|(_, p)| !p));
        assert!(q.toned.iter().all(Option::is_none));
    }
}
