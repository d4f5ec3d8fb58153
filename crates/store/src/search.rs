//! The people search index, in process: every folded word of every name with the people who bear it,
//! in Vietnamese name order, and the listed fields of each person. A search reads the database's
//! change sequence (one primary-key read) and, when another writer or another server process changed
//! something, first reads the people changed since (`people.change_seq`) and the units' names. So an
//! answer is always computed from the committed data; nothing is cached per request.

use crate::directory::{PeopleQuery, PeopleSort, PersonItem, UnitChoice, LISTED_COLUMNS};
use crate::entity::{people, units};
use crate::{Page, Result, Store};
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};
use thidua_domain::text;

/// Up to this many candidates, the other words of a query are checked on each candidate's name;
/// beyond, in their posting lists.
const CHECK_NAMES_BELOW: usize = 64;

/// How many changed people are read per statement when the index catches up.
const LOAD_SLICE: u64 = 5_000;

/// The index and the lock that lets one task at a time bring it up to date.
#[derive(Default)]
pub(crate) struct PeopleIndex {
    snapshot: RwLock<Arc<Snapshot>>,
    refresh: tokio::sync::Mutex<()>,
}

/// The index as of one change sequence.
struct Snapshot {
    seq: i64,
    /// People in name order (sort key, then id); a person's position here is their rank. Shared with
    /// the next snapshot when no person changed (a write elsewhere, a log-in).
    people: Arc<Vec<Entry>>,
    /// Folded word → ranks of the people whose name has it, ascending.
    words: Arc<BTreeMap<String, Vec<u32>>>,
    /// Units in name order: id, name, active.
    units: Vec<(i64, String, bool)>,
    unit_names: HashMap<i64, usize>,
    /// The people of each prefix asked so far (merged from the words it begins), built at its first
    /// search and kept as long as this snapshot.
    prefixes: Arc<RwLock<HashMap<String, Arc<Postings>>>>,
}

impl Default for Snapshot {
    fn default() -> Self {
        Snapshot {
            seq: -1,
            people: Default::default(),
            words: Default::default(),
            units: Vec::new(),
            unit_names: HashMap::new(),
            prefixes: Default::default(),
        }
    }
}

/// The ranks of the people a prefix matches: a list when they are few, a bitset (one bit per person)
/// when a list would be larger than it, so that testing one person is cheap either way and two large
/// sets are intersected a machine word at a time.
#[derive(Debug)]
enum Postings {
    List(Vec<u32>),
    Bits { bits: Vec<u64>, len: usize },
}

impl Postings {
    fn new(ranks: Vec<u32>, people: usize) -> Postings {
        if ranks.len() * 32 <= people {
            return Postings::List(ranks);
        }
        let mut bits = vec![0u64; people.div_ceil(64)];
        for r in &ranks {
            bits[*r as usize / 64] |= 1 << (r % 64);
        }
        Postings::Bits {
            bits,
            len: ranks.len(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Postings::List(l) => l.len(),
            Postings::Bits { len, .. } => *len,
        }
    }

    fn contains(&self, rank: u32) -> bool {
        match self {
            Postings::List(l) => l.binary_search(&rank).is_ok(),
            Postings::Bits { bits, .. } => bits
                .get(rank as usize / 64)
                .is_some_and(|w| w & (1 << (rank % 64)) != 0),
        }
    }

    fn ranks(&self) -> Vec<u32> {
        match self {
            Postings::List(l) => l.clone(),
            Postings::Bits { bits, len } => ranks_of_bits(bits, *len),
        }
    }
}

/// Units in name order (id, name, active), and each unit's position in it.
type UnitOrder = (Vec<(i64, String, bool)>, HashMap<i64, usize>);

/// Units in name order, and each unit's position in it.
fn unit_order(mut units: Vec<(i64, String, bool, Vec<u8>)>) -> UnitOrder {
    units.sort_by(|a, b| a.3.cmp(&b.3).then(a.0.cmp(&b.0)));
    let units: Vec<(i64, String, bool)> = units
        .into_iter()
        .map(|(id, name, active, _)| (id, name, active))
        .collect();
    let unit_names = units.iter().enumerate().map(|(i, u)| (u.0, i)).collect();
    (units, unit_names)
}

/// The set bits of a bitset, ascending.
fn ranks_of_bits(bits: &[u64], capacity: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(capacity);
    for (i, w) in bits.iter().enumerate() {
        let mut w = *w;
        while w != 0 {
            out.push(i as u32 * 64 + w.trailing_zeros());
            w &= w - 1;
        }
    }
    out
}

/// A person's row as the database gives it.
#[derive(FromQueryResult)]
struct Indexed {
    id: i64,
    full_name: String,
    gender: Option<String>,
    birth_date: Option<NaiveDate>,
    unit_id: i64,
    position: String,
    category: String,
    staff_level: String,
    union_member: bool,
    version: i32,
    sort_key: Vec<u8>,
}

/// A person as the index keeps them: the repeated texts (positions, codes) shared, not copied.
#[derive(Clone)]
struct Entry {
    id: i64,
    full_name: Box<str>,
    /// The name folded (lower case, no diacritics), its words separated by single spaces.
    folded: Box<str>,
    gender: Option<Arc<str>>,
    birth_date: Option<NaiveDate>,
    unit_id: i64,
    position: Arc<str>,
    category: Arc<str>,
    staff_level: Arc<str>,
    union_member: bool,
    version: i32,
    sort_key: Box<[u8]>,
}

/// Shares equal strings.
#[derive(Default)]
struct Interner(HashMap<String, Arc<str>>);

impl Interner {
    fn get(&mut self, s: String) -> Arc<str> {
        if let Some(a) = self.0.get(&s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s.as_str());
        self.0.insert(s, a.clone());
        a
    }
}

impl Entry {
    fn from_row(p: Indexed, strings: &mut Interner) -> Entry {
        Entry {
            id: p.id,
            folded: text::search_tokens(&p.full_name).join(" ").into_boxed_str(),
            full_name: p.full_name.into_boxed_str(),
            gender: p.gender.map(|g| strings.get(g)),
            birth_date: p.birth_date,
            unit_id: p.unit_id,
            position: strings.get(p.position),
            category: strings.get(p.category),
            staff_level: strings.get(p.staff_level),
            union_member: p.union_member,
            version: p.version,
            sort_key: p.sort_key.into_boxed_slice(),
        }
    }
}

impl Snapshot {
    /// Builds the next snapshot: the previous one's people with `changed` people replacing theirs.
    fn next(
        &self,
        seq: i64,
        changed: Vec<Entry>,
        units: Vec<(i64, String, bool, Vec<u8>)>,
    ) -> Snapshot {
        let mut by_id: HashMap<i64, Entry> =
            HashMap::with_capacity(self.people.len() + changed.len());
        for p in self.people.iter() {
            by_id.insert(p.id, p.clone());
        }
        for p in changed {
            by_id.insert(p.id, p);
        }
        let mut people: Vec<Entry> = by_id.into_values().collect();
        people.sort_unstable_by(|a, b| a.sort_key.cmp(&b.sort_key).then(a.id.cmp(&b.id)));
        let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (rank, p) in people.iter().enumerate() {
            for w in p.folded.split(' ').filter(|w| !w.is_empty()) {
                words.entry(w.to_owned()).or_default().push(rank as u32);
            }
        }
        let (units, unit_names) = unit_order(units);
        Snapshot {
            seq,
            people: Arc::new(people),
            words: Arc::new(words),
            units,
            unit_names,
            prefixes: Default::default(),
        }
    }

    /// The next snapshot when no person changed: the same people, words and prefixes, the units read
    /// again (a rename or a merge changes their names and states, not the people's postings).
    fn same_people(&self, seq: i64, units: Vec<(i64, String, bool, Vec<u8>)>) -> Snapshot {
        let (units, unit_names) = unit_order(units);
        Snapshot {
            seq,
            people: self.people.clone(),
            words: self.words.clone(),
            units,
            unit_names,
            prefixes: self.prefixes.clone(),
        }
    }

    /// The people a prefix matches, built at the first search for it.
    fn postings(&self, prefix: &str) -> Arc<Postings> {
        if let Some(p) = self
            .prefixes
            .read()
            .ok()
            .and_then(|m| m.get(prefix).cloned())
        {
            return p;
        }
        let p = Arc::new(Postings::new(
            self.ranks_of_prefix(prefix),
            self.people.len(),
        ));
        if let Ok(mut m) = self.prefixes.write() {
            m.insert(prefix.to_owned(), p.clone());
        }
        p
    }

    /// The posting lists of the words that begin with `prefix`.
    fn lists_of_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a [u32]> + 'a {
        self.words
            .range(prefix.to_owned()..)
            .take_while(move |(w, _)| w.starts_with(prefix))
            .map(|(_, ranks)| ranks.as_slice())
    }

    /// Ranks of the people whose name has a word beginning with `prefix`, ascending.
    fn ranks_of_prefix(&self, prefix: &str) -> Vec<u32> {
        let lists: Vec<&[u32]> = self.lists_of_prefix(prefix).collect();
        match lists.as_slice() {
            [] => Vec::new(),
            [one] => one.to_vec(),
            few if few.len() <= 4 => few
                .iter()
                .skip(1)
                .fold(few[0].to_vec(), |acc, l| union(&acc, l)),
            many => {
                let mut out: Vec<u32> = many.concat();
                out.sort_unstable();
                out.dedup();
                out
            }
        }
    }

    /// Ranks of the people whose name has, for every word of `words`, a word beginning with it. The
    /// word with the fewest people drives; the others are checked on each candidate's folded name when
    /// the candidates are very few, in their postings otherwise; when even the fewest are many, the
    /// bitsets are intersected a machine word at a time.
    fn matching(&self, words: &[String], check_names_below: usize) -> Option<Vec<u32>> {
        let words: Vec<&str> = words.iter().take(6).map(String::as_str).collect();
        let lists: Vec<Arc<Postings>> = words.iter().map(|w| self.postings(w)).collect();
        let (driver_at, driver) = lists.iter().enumerate().min_by_key(|(_, p)| p.len())?;
        let others: Vec<&Postings> = lists
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != driver_at)
            .map(|(_, p)| p.as_ref())
            .collect();
        if others.is_empty() {
            return Some(driver.ranks());
        }
        if driver.len() <= check_names_below {
            let other_words: Vec<&str> = words
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != driver_at)
                .map(|(_, w)| *w)
                .collect();
            return Some(
                driver
                    .ranks()
                    .into_iter()
                    .filter(|r| {
                        let folded = &self.people[*r as usize].folded;
                        other_words
                            .iter()
                            .all(|w| folded.split(' ').any(|x| x.starts_with(w)))
                    })
                    .collect(),
            );
        }
        if let Postings::Bits { bits, .. } = driver.as_ref() {
            let all_bits: Option<Vec<&[u64]>> = others
                .iter()
                .map(|o| match o {
                    Postings::Bits { bits, .. } => Some(bits.as_slice()),
                    Postings::List(_) => None,
                })
                .collect();
            if let Some(all_bits) = all_bits {
                let and: Vec<u64> = bits
                    .iter()
                    .enumerate()
                    .map(|(i, w)| all_bits.iter().fold(*w, |acc, b| acc & b[i]))
                    .collect();
                return Some(ranks_of_bits(&and, driver.len()));
            }
        }
        Some(
            driver
                .ranks()
                .into_iter()
                .filter(|r| others.iter().all(|o| o.contains(*r)))
                .collect(),
        )
    }

    /// The page `q` asks for, or with `all` every match (for an export) in the same order.
    fn search(&self, q: &PeopleQuery, all: bool) -> Page<PersonItem> {
        let words = q.q.as_deref().map(text::search_tokens).unwrap_or_default();
        let ranks = self.matching(&words, CHECK_NAMES_BELOW);
        let keep = |p: &Entry| {
            q.unit_id.is_none_or(|u| p.unit_id == u)
                && q.within.as_ref().is_none_or(|w| w.contains(&p.unit_id))
                && q.category.is_none_or(|c| &*p.category == c.code())
        };
        let filtered = q.unit_id.is_some() || q.within.is_some() || q.category.is_some();
        let mut hits: Vec<u32> = match ranks {
            Some(r) if !filtered => r,
            Some(r) => r
                .into_iter()
                .filter(|r| keep(&self.people[*r as usize]))
                .collect(),
            None => (0..self.people.len() as u32)
                .filter(|r| !filtered || keep(&self.people[*r as usize]))
                .collect(),
        };
        match q.sort {
            PeopleSort::Name => {}
            PeopleSort::NameDesc => hits.reverse(),
            PeopleSort::BirthDate => {
                hits.sort_by_key(|r| {
                    let p = &self.people[*r as usize];
                    // Unknown dates last, as the database sorts NULLs on neither engine alike.
                    (p.birth_date.is_none(), p.birth_date, p.id)
                })
            }
            PeopleSort::Newest => {
                hits.sort_by_key(|r| std::cmp::Reverse(self.people[*r as usize].id))
            }
        }
        let (start, per_page) = if all {
            (0, usize::MAX)
        } else {
            let per_page = q.per_page.clamp(1, 500) as usize;
            let start = (q.page.saturating_sub(1) as usize).saturating_mul(per_page);
            (start, per_page)
        };
        let items = hits
            .iter()
            .skip(start)
            .take(per_page)
            .map(|r| {
                let p = &self.people[*r as usize];
                PersonItem {
                    id: p.id,
                    full_name: p.full_name.to_string(),
                    gender: p.gender.as_deref().map(str::to_owned),
                    birth_date: p.birth_date,
                    unit_id: p.unit_id,
                    unit_name: self
                        .unit_names
                        .get(&p.unit_id)
                        .map(|i| self.units[*i].1.clone())
                        .unwrap_or_default(),
                    position: p.position.to_string(),
                    category: p.category.to_string(),
                    staff_level: p.staff_level.to_string(),
                    union_member: p.union_member,
                    version: p.version,
                }
            })
            .collect();
        Page {
            items,
            total: hits.len() as u64,
        }
    }
}

/// The elements of two ascending lists, ascending, each once.
fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(a.len() + b.len()));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

impl Store {
    /// The search index as of the database's latest committed change.
    async fn people_index(&self) -> Result<Arc<Snapshot>> {
        let seq = self.change_seq(&self.db).await?;
        let current = self
            .index
            .snapshot
            .read()
            .map(|s| s.clone())
            .unwrap_or_default();
        if current.seq == seq {
            return Ok(current);
        }
        let _one_at_a_time = self.index.refresh.lock().await;
        let current = self
            .index
            .snapshot
            .read()
            .map(|s| s.clone())
            .unwrap_or_default();
        if current.seq >= seq {
            return Ok(current);
        }
        // Read the sequence before the rows: a change committed meanwhile is read again next time.
        let seq = self.change_seq(&self.db).await?;
        // Read in slices by id, so that a first build of a large directory does not hold every row
        // of the result at once.
        let mut changed = Vec::new();
        let mut strings = Interner::default();
        let mut after_id = 0i64;
        loop {
            let rows = people::Entity::find()
                .select_only()
                .columns(LISTED_COLUMNS)
                .column(people::Column::SortKey)
                .filter(people::Column::ChangeSeq.gt(current.seq))
                .filter(people::Column::Id.gt(after_id))
                .order_by_asc(people::Column::Id)
                .limit(LOAD_SLICE)
                .into_model::<Indexed>()
                .all(&self.db)
                .await?;
            let n = rows.len() as u64;
            after_id = rows.last().map_or(after_id, |r| r.id);
            changed.extend(rows.into_iter().map(|r| Entry::from_row(r, &mut strings)));
            if n < LOAD_SLICE {
                break;
            }
        }
        let units = units::Entity::find()
            .select_only()
            .columns([
                units::Column::Id,
                units::Column::Name,
                units::Column::Active,
                units::Column::SortKey,
            ])
            .into_tuple::<(i64, String, bool, Vec<u8>)>()
            .all(&self.db)
            .await?;
        let next = Arc::new(if changed.is_empty() && current.seq >= 0 {
            current.same_people(seq, units)
        } else {
            current.next(seq, changed, units)
        });
        if let Ok(mut slot) = self.index.snapshot.write() {
            *slot = next.clone();
        }
        Ok(next)
    }

    /// Searches people: every word of `q` must begin a word of the name, ignoring case and diacritics;
    /// filters by unit and category; sorted the Vietnamese way unless asked otherwise.
    pub async fn people_search(&self, q: &PeopleQuery) -> Result<Page<PersonItem>> {
        Ok(self.people_index().await?.search(q, false))
    }

    /// Every person [`Store::people_search`] finds for `q`, in its order, whatever page `q` names:
    /// the rows of the people list's Excel export.
    pub async fn people_search_all(&self, q: &PeopleQuery) -> Result<Vec<PersonItem>> {
        Ok(self.people_index().await?.search(q, true).items)
    }

    /// Builds the search index now rather than at the first search.
    pub async fn warm_search_index(&self) -> Result<()> {
        self.people_index().await.map(|_| ())
    }

    /// Units for a picker: id and name in Vietnamese order, active ones, and `include` whatever its state
    /// (a filter already set on a closed unit stays selectable).
    /// Units for a picker as [`Store::unit_choices`], only those in `within` (when given), and only
    /// when there are at most `max` of them; beyond, `None` (the page offers the unit tree instead)
    /// and no list is built.
    pub async fn unit_choices_up_to(
        &self,
        include: Option<i64>,
        within: Option<&std::collections::BTreeSet<i64>>,
        max: usize,
    ) -> Result<Option<Vec<UnitChoice>>> {
        let index = self.people_index().await?;
        let wanted = |(id, _, active): &&(i64, String, bool)| {
            (*active || Some(*id) == include) && within.is_none_or(|w| w.contains(id))
        };
        if index.units.iter().filter(wanted).count() > max {
            return Ok(None);
        }
        Ok(Some(
            index
                .units
                .iter()
                .filter(wanted)
                .map(|(id, name, _)| UnitChoice {
                    id: *id,
                    name: name.clone(),
                })
                .collect(),
        ))
    }

    pub async fn unit_choices(&self, include: Option<i64>) -> Result<Vec<UnitChoice>> {
        let index = self.people_index().await?;
        Ok(index
            .units
            .iter()
            .filter(|(id, _, active)| *active || Some(*id) == include)
            .map(|(id, name, _)| UnitChoice {
                id: *id,
                name: name.clone(),
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(names: &[&str]) -> Snapshot {
        let mut strings = Interner::default();
        let people = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let row = Indexed {
                    id: i as i64 + 1,
                    full_name: (*n).to_owned(),
                    gender: None,
                    birth_date: None,
                    unit_id: 1,
                    position: String::new(),
                    category: "cong_chuc".into(),
                    staff_level: "worker".into(),
                    union_member: false,
                    version: 1,
                    sort_key: text::person_sort_key(n),
                };
                Entry::from_row(row, &mut strings)
            })
            .collect();
        Snapshot::default().next(
            1,
            people,
            vec![(
                1,
                "Phường Kim Tân".into(),
                true,
                text::sort_key("Phường Kim Tân"),
            )],
        )
    }

    fn names(snap: &Snapshot, q: &str) -> Vec<String> {
        let query = PeopleQuery {
            q: Some(q.into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        };
        snap.search(&query, false)
            .items
            .into_iter()
            .map(|p| p.full_name)
            .collect()
    }

    #[test]
    fn every_word_must_begin_a_word_of_the_name_whatever_the_lists() {
        let snap = snapshot(&[
            "Trần Thị Lan",
            "Trần Thiện Lâm",
            "Nguyễn Thìn",
            "Lê Thịnh",
            "Phạm Thiêm Lan",
            "Trần Văn Thiết",
            "Thiều Thị Lành",
        ]);
        // "thi" begins six different words: the lists are merged, not just concatenated.
        assert_eq!(names(&snap, "thi").len(), 7);
        assert_eq!(names(&snap, "tran thi lan"), ["Trần Thị Lan"]);
        assert_eq!(
            names(&snap, "tran thi la"),
            ["Trần Thị Lan", "Trần Thiện Lâm"]
        );
        assert_eq!(names(&snap, "LAN thieu"), ["Thiều Thị Lành"]);
        assert!(names(&snap, "tran xyz").is_empty());
        // Checking names and intersecting lists find the same people.
        for q in [
            "thi",
            "tran thi la",
            "lan thieu",
            "t t",
            "nguyen thin",
            "tran xyz",
        ] {
            let words = text::search_tokens(q);
            assert_eq!(
                snap.matching(&words, 0),
                snap.matching(&words, usize::MAX),
                "{q}"
            );
        }
        // People come in Vietnamese order of given name.
        assert_eq!(
            names(&snap, "tran"),
            ["Trần Thị Lan", "Trần Thiện Lâm", "Trần Văn Thiết"]
        );
    }
    #[test]
    fn lists_bitsets_and_names_agree_with_reading_every_name() {
        // 3,000 names: common words (bitsets), rare ones (lists) and prefixes of both.
        let family = [
            "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Giàng", "Thào", "Lò",
        ];
        let middle = ["Văn", "Thị", "Đức", "Minh", "Quốc", "A", "Thu"];
        let given = [
            "An", "Anh", "Bình", "Chi", "Cường", "Dũng", "Hà", "Hải", "Hoa", "Hòa", "Hương", "Lan",
            "Lâm", "Mai", "Nam", "Nga", "Phúc", "Quân", "Sơn", "Thảo", "Thiết", "Trang", "Tùng",
            "Xuân", "Yến", "Ánh", "Khiêm", "Lực", "Nhẫn", "Ưng",
        ];
        let mut x: u64 = 7;
        let mut next = |n: usize| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) as usize % n
        };
        let names: Vec<String> = (0..3000)
            .map(|i| {
                // Rare given names only now and then, so that some words have short lists.
                let g = if i % 97 == 0 {
                    next(given.len())
                } else {
                    next(20)
                };
                format!(
                    "{} {} {}",
                    family[next(family.len())],
                    middle[next(middle.len())],
                    given[g]
                )
            })
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let snap = snapshot(&refs);
        let brute = |q: &str| -> Vec<u32> {
            let words = text::search_tokens(q);
            (0..snap.people.len() as u32)
                .filter(|r| {
                    let folded = &snap.people[*r as usize].folded;
                    words
                        .iter()
                        .all(|w| folded.split(' ').any(|x| x.starts_with(w.as_str())))
                })
                .collect()
        };
        let mut kinds = std::collections::BTreeSet::new();
        for q in [
            "nguyen",
            "nguyen van",
            "nguyen van an",
            "ng",
            "t t",
            "th",
            "thi lan",
            "a",
            "van a",
            "khiem",
            "luc",
            "nhan",
            "ung",
            "anh",
            "le thi",
            "giang a",
            "thao thu",
            "hoa",
            "xyz",
            "nguyen xyz",
            "tran thi khiem",
            "h h h",
        ] {
            let words = text::search_tokens(q);
            for p in words.iter().map(|w| snap.postings(w)) {
                kinds.insert(matches!(*p, Postings::Bits { .. }));
            }
            let want = brute(q);
            for check in [0, CHECK_NAMES_BELOW, usize::MAX] {
                assert_eq!(snap.matching(&words, check).unwrap(), want, "{q} ({check})");
            }
        }
        assert_eq!(kinds.len(), 2, "both lists and bitsets were used");
    }

    #[test]
    fn union_of_ascending_lists() {
        assert_eq!(super::union(&[1, 3, 5], &[2, 3, 9]), vec![1, 2, 3, 5, 9]);
        assert_eq!(super::union(&[], &[4]), vec![4]);
    }
}
