//! Deterministic sample data (dữ liệu mẫu): the units, recipient groups, 2025 merges and people of a
//! city modelled on Lào Cai (the city of the seed dispatch), of a province, or of a nation.
//!
//! Pure: no I/O. The same scale and seed give the same data, byte for byte, on every platform: all
//! randomness comes from [`ChaCha8Rng`] streams derived from the seed (one stream for the structure,
//! one per unit for its headcount, one per person), so people are generated lazily and cheaply, and
//! any one of them can be made without the others.

mod initiatives;
mod names;
mod roles;
mod units;

use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use roles::{Profile, Role};
use std::fmt;
use std::str::FromStr;
use thidua_domain::directory::{Gender, PersonCategory, Rating, StaffLevel, UnitKind};

pub use initiatives::{
    initiative_count, initiatives, initiatives_n, SampleAuthor, SampleInitiative,
};

/// How much sample data to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scale {
    /// The city of Lào Cai: about 60 units and 3,000 people, ratings of 2023–2025.
    #[default]
    City,
    /// The province of Lào Cai around the city: about 1,000 units and 100,000 people, 2021–2025.
    Province,
    /// Ten provinces: about 10,000 units and 1,000,000 people, 2021–2025.
    Nation,
}

impl Scale {
    pub const ALL: [Scale; 3] = [Scale::City, Scale::Province, Scale::Nation];

    /// "city", "province" or "nation".
    pub fn code(self) -> &'static str {
        match self {
            Scale::City => "city",
            Scale::Province => "province",
            Scale::Nation => "nation",
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A scale name that is none of "city", "province", "nation".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScale(pub String);

impl fmt::Display for UnknownScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "quy mô dữ liệu mẫu không hợp lệ: '{}' (chọn city, province hoặc nation)",
            self.0
        )
    }
}

impl std::error::Error for UnknownScale {}

impl FromStr for Scale {
    type Err = UnknownScale;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Scale::ALL
            .into_iter()
            .find(|scale| scale.code().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownScale(s.to_owned()))
    }
}

/// A recipient group (nhóm nơi nhận) of a directive's "Kính gửi".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleGroup {
    pub code: String,
    pub name: String,
}

/// A unit; its parent, when it has one, comes earlier in [`SamplePlan::units`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleUnit {
    /// ASCII letters, digits, '-' and '_', at most 40 characters, unique.
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_code: Option<String>,
    /// Codes of the recipient groups the unit belongs to.
    pub group_codes: Vec<String>,
}

/// A unit merged into another (sáp nhập). The people of `from_code` are listed under it; applying
/// the merge moves them, and its open work, to `into_code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleMerge {
    pub from_code: String,
    pub into_code: String,
    pub on: NaiveDate,
    pub note: String,
}

/// A person with their yearly ratings (xếp loại), oldest year first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamplePerson {
    pub full_name: String,
    pub gender: Gender,
    pub birth_date: NaiveDate,
    pub unit_code: String,
    pub position: String,
    pub category: PersonCategory,
    pub staff_level: StaffLevel,
    pub union_member: bool,
    pub ratings: Vec<(i32, Rating)>,
}

/// Everything of a sample but its people, which [`people`] makes one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamplePlan {
    pub scale: Scale,
    pub seed: u64,
    pub groups: Vec<SampleGroup>,
    /// Parents before children.
    pub units: Vec<SampleUnit>,
    pub merges: Vec<SampleMerge>,
    /// How many people [`people`] yields.
    pub people_count: usize,
    /// The years people are rated in, in order.
    pub rating_years: Vec<i32>,
}

// Streams of the seed's ChaCha8 generator (the structure uses stream 0).
const HEADCOUNT_STREAM: u64 = 1 << 62;
const PERSON_STREAM: u64 = 2 << 62;
/// People of a unit are numbered below this (a stream holds the unit index above it).
const PERSON_BITS: u32 = 24;

/// Plans the sample of `scale` and `seed`.
pub fn plan(scale: Scale, seed: u64) -> SamplePlan {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut b = units::Builder::default();
    for (code, name) in units::CITY_GROUPS {
        b.groups.push(SampleGroup {
            code: code.to_owned(),
            name: name.to_owned(),
        });
    }
    let rating_years = match scale {
        Scale::City => {
            units::city(&mut b, None);
            (2023..=2025).collect()
        }
        Scale::Province => {
            units::province(&mut b, &mut rng, &units::LAO_CAI);
            (2021..=2025).collect()
        }
        Scale::Nation => {
            units::province(&mut b, &mut rng, &units::LAO_CAI);
            for spec in units::OTHER_PROVINCES {
                units::province(&mut b, &mut rng, spec);
            }
            (2021..=2025).collect()
        }
    };
    let mut plan = SamplePlan {
        scale,
        seed,
        groups: b.groups,
        units: b.units,
        merges: b.merges,
        people_count: 0,
        rating_years,
    };
    plan.people_count = unit_headcounts(&plan).iter().sum();
    plan
}

/// How many people each unit of the plan has, in the order of [`SamplePlan::units`].
pub fn unit_headcounts(plan: &SamplePlan) -> Vec<usize> {
    let base = ChaCha8Rng::seed_from_u64(plan.seed);
    plan.units
        .iter()
        .enumerate()
        .map(|(i, u)| headcount(&base, i, u, roles::profile_of(u)))
        .collect()
}

fn headcount(base: &ChaCha8Rng, index: usize, unit: &SampleUnit, profile: &Profile) -> usize {
    let (lo, hi) = roles::size_of(unit, profile);
    if lo >= hi {
        return lo as usize;
    }
    let mut rng = base.clone();
    rng.set_stream(HEADCOUNT_STREAM | index as u64);
    rng.gen_range(lo..=hi) as usize
}

/// People in deterministic order, unit by unit, generated lazily (the nation scale has ~1,000,000).
pub fn people(plan: &SamplePlan) -> impl Iterator<Item = SamplePerson> + '_ {
    People {
        plan,
        base: ChaCha8Rng::seed_from_u64(plan.seed),
        unit: 0,
        profile: &roles::GENERIC,
        size: 0,
        next: 0,
        remaining: plan.people_count,
        started: false,
    }
}

struct People<'a> {
    plan: &'a SamplePlan,
    base: ChaCha8Rng,
    /// The unit being filled, its profile and headcount, and the index of its next person.
    unit: usize,
    profile: &'static Profile,
    size: usize,
    next: usize,
    remaining: usize,
    started: bool,
}

impl Iterator for People<'_> {
    type Item = SamplePerson;

    fn next(&mut self) -> Option<SamplePerson> {
        while !self.started || self.next >= self.size {
            if self.started {
                self.unit += 1;
            }
            self.started = true;
            let unit = self.plan.units.get(self.unit)?;
            self.profile = roles::profile_of(unit);
            self.size = headcount(&self.base, self.unit, unit, self.profile);
            self.next = 0;
        }
        let unit = &self.plan.units[self.unit];
        let person = make_person(
            &self.base,
            self.unit,
            self.next,
            unit,
            self.profile,
            &self.plan.rating_years,
        );
        self.next += 1;
        self.remaining = self.remaining.saturating_sub(1);
        Some(person)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

/// Draws one of `list` by weight.
fn weighted<T: Copy>(rng: &mut ChaCha8Rng, list: &[(T, u32)]) -> Option<T> {
    let total: u32 = list.iter().map(|(_, w)| w).sum();
    if total == 0 {
        return None;
    }
    let mut x = rng.gen_range(0..total);
    for (item, w) in list {
        if x < *w {
            return Some(*item);
        }
        x -= w;
    }
    None
}

/// The generic post of a unit whose profile lists no staff posts.
const STAFF_FALLBACK: &[(Role, u32)] = &[(
    Role {
        title: "Chuyên viên",
        category: PersonCategory::CivilServant,
        level: StaffLevel::Graduate,
        age: roles::Age::Any,
        union: 95,
        female: None,
    },
    1,
)];

/// Yearly ratings per thousand, by how strong a person is: excellent, good, completed, not completed.
const RATINGS_STRONG: [u32; 4] = [650, 330, 20, 0];
const RATINGS_USUAL: [u32; 4] = [100, 800, 90, 10];
const RATINGS_WEAK: [u32; 4] = [0, 450, 450, 100];
const RATINGS: [Rating; 4] = [
    Rating::Excellent,
    Rating::Good,
    Rating::Completed,
    Rating::NotCompleted,
];

/// Women retire earlier: none born before this year is still at work in 2025.
const FEMALE_EARLIEST_BIRTH: i32 = 1969;

fn make_person(
    base: &ChaCha8Rng,
    unit_index: usize,
    index: usize,
    unit: &SampleUnit,
    profile: &Profile,
    years: &[i32],
) -> SamplePerson {
    let mut rng = base.clone();
    rng.set_stream(PERSON_STREAM | (unit_index as u64) << PERSON_BITS | index as u64);

    let leader = index < profile.leaders.len();
    let role = if leader {
        profile.leaders[index]
    } else {
        let staff = if profile.staff.is_empty() {
            STAFF_FALLBACK
        } else {
            profile.staff
        };
        weighted(&mut rng, staff).unwrap_or(STAFF_FALLBACK[0].0)
    };
    let female_pct = role.female.unwrap_or(if leader {
        profile.leader_female
    } else {
        profile.female
    });
    let gender = if rng.gen_range(0..100u32) < u32::from(female_pct) {
        Gender::Female
    } else {
        Gender::Male
    };
    let full_name = names::full_name(&mut rng, gender, profile.minority);

    let (mut first, last) = role.age.birth_years();
    if gender == Gender::Female {
        first = first.max(FEMALE_EARLIEST_BIRTH).min(last);
    }
    let year = rng.gen_range(first..=last);
    let birth_date = NaiveDate::from_yo_opt(year, rng.gen_range(1..=365))
        .expect("days 1 to 365 exist in every year");
    let union_member = rng.gen_range(0..100u32) < u32::from(role.union);

    // Some people are rated higher year after year, a few lower; leaders more often higher.
    let roll = rng.gen_range(0..100u32);
    let table = match roll {
        0..=4 => &RATINGS_WEAK,
        _ if roll >= if leader { 65 } else { 80 } => &RATINGS_STRONG,
        _ => &RATINGS_USUAL,
    };
    let weights: [(Rating, u32); 4] = [
        (RATINGS[0], table[0]),
        (RATINGS[1], table[1]),
        (RATINGS[2], table[2]),
        (RATINGS[3], table[3]),
    ];
    // Rated from the first full year at work, at 22 to 25 years of age.
    let last_year = years.last().copied().unwrap_or(year);
    let started = (year + 22 + rng.gen_range(0..=3)).min(last_year);
    let ratings = years
        .iter()
        .filter(|y| **y >= started)
        .map(|y| {
            let r = weighted(&mut rng, &weights).unwrap_or(Rating::Good);
            (*y, r)
        })
        .collect();

    SamplePerson {
        full_name,
        gender,
        birth_date,
        unit_code: unit.code.clone(),
        position: role.title.to_owned(),
        category: role.category,
        staff_level: role.level,
        union_member,
        ratings,
    }
}

#[cfg(test)]
mod tests;
