//! Sample initiatives (sáng kiến mẫu): a few hundred for the city, 50,000 for the province and the
//! nation, across the sample's units and the years 2019–2025, in Vietnamese assembled from phrase
//! banks, with authors from the sample's people, benefits in đồng, statuses and scopes, and a few
//! deliberate near-duplicates: an initiative re-worded and submitted again by another unit, or by its
//! own authors in a later year, some typed without diacritics.
//!
//! Deterministic like the rest of the sample: initiative `i` comes from its own [`ChaCha8Rng`]
//! stream, so any one can be made without the others (a near-duplicate remakes its original).

use crate::{unit_headcounts, SamplePlan, Scale};
use chrono::NaiveDate;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use thidua_domain::directory::{Gender, UnitKind};
use thidua_domain::initiative::{Field, Scope, Share, Status};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// An author of a sample initiative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleAuthor {
    /// The author's place in [`crate::people`] (0-based), or `None` for someone outside the sample.
    pub person: Option<usize>,
    /// Only for an author outside the sample.
    pub name: Option<String>,
    pub share: Share,
}

/// A sample initiative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleInitiative {
    /// Its place in the list (0-based); ids may be `number + 1`.
    pub number: usize,
    pub unit_code: String,
    pub year: i32,
    pub submitted_on: NaiveDate,
    pub field: Field,
    pub title: String,
    /// The situation before (thực trạng trước khi áp dụng).
    pub before: String,
    /// The solution (nội dung giải pháp).
    pub solution: String,
    /// What is new (tính mới).
    pub novelty: String,
    /// The benefit, in words (hiệu quả, lợi ích).
    pub benefit: String,
    /// Applied (or trialled) at the unit since.
    pub applied_since: NaiveDate,
    /// Money saved or earned per year, in đồng; 0 when the benefit is not money.
    pub benefit_vnd: i64,
    pub authors: Vec<SampleAuthor>,
    pub status: Status,
    /// The scope it was recognised at, when it was.
    pub scope: Option<Scope>,
    /// A deliberate near-duplicate of this earlier initiative (by `number`).
    pub copy_of: Option<usize>,
}

impl SampleInitiative {
    /// The four sections, in the order the forms show them.
    pub fn sections(&self) -> [&str; 4] {
        [&self.before, &self.solution, &self.novelty, &self.benefit]
    }
}

/// How many initiatives the sample of a scale has.
pub fn initiative_count(scale: Scale) -> usize {
    match scale {
        Scale::City => 400,
        Scale::Province | Scale::Nation => 50_000,
    }
}

/// The sample initiatives of a plan, [`initiative_count`] of them.
pub fn initiatives(plan: &SamplePlan) -> Vec<SampleInitiative> {
    initiatives_n(plan, initiative_count(plan.scale))
}

/// `count` sample initiatives of a plan; the first `n` are the same whatever the count.
pub fn initiatives_n(plan: &SamplePlan, count: usize) -> Vec<SampleInitiative> {
    let g = Generator::new(plan);
    (0..count).map(|i| g.make(i)).collect()
}

/// Initiatives use streams above the people's.
const INITIATIVE_STREAM: u64 = 3 << 62;
/// Every this many initiatives, one is a near-duplicate of an earlier one: in turn a re-submission
/// by its own authors, a re-worded copy by another unit, and the same typed without diacritics.
const COPY_EVERY: usize = 60;
const FIRST_YEAR: i32 = 2019;
const LAST_YEAR: i32 = 2025;

struct Generator<'a> {
    plan: &'a SamplePlan,
    base: ChaCha8Rng,
    /// People before each unit, and in all.
    starts: Vec<usize>,
    people: usize,
    topics: Vec<Topic>,
}

/// A subject of initiatives with its phrase banks. A phrase may hold `{slot}`s (see [`Slots`])
/// and `[a|b|c]` alternatives, one of which is chosen each time.
struct Topic {
    field: Field,
    titles: Vec<&'static str>,
    before: Vec<&'static str>,
    solution: Vec<&'static str>,
    novelty: Vec<&'static str>,
    benefit: Vec<&'static str>,
}

/// The values of an initiative's slots.
struct Slots {
    unit: String,
    /// 2–9, 10–60, 1–5, 1 to a − 1, 50–900, 10–60 (percent), b + 10 to 98 (percent).
    a: u32,
    b: u32,
    c: u32,
    d: u32,
    n: u32,
    p: u32,
    q: u32,
    year: i32,
    money: String,
    /// Two people's names and another unit of the sample, for the details.
    name: String,
    name2: String,
    other: String,
    day: u32,
}

impl<'a> Generator<'a> {
    fn new(plan: &'a SamplePlan) -> Self {
        let counts = unit_headcounts(plan);
        let mut starts = Vec::with_capacity(counts.len());
        let mut total = 0;
        for c in &counts {
            starts.push(total);
            total += c;
        }
        Generator {
            plan,
            base: ChaCha8Rng::seed_from_u64(plan.seed),
            starts,
            people: total,
            topics: topics(),
        }
    }

    fn rng(&self, i: usize) -> ChaCha8Rng {
        let mut rng = self.base.clone();
        rng.set_stream(INITIATIVE_STREAM | i as u64);
        rng
    }

    /// The unit of a person, by their place in the people.
    fn unit_of(&self, person: usize) -> usize {
        self.starts
            .partition_point(|s| *s <= person)
            .saturating_sub(1)
    }

    fn make(&self, i: usize) -> SampleInitiative {
        let mut rng = self.rng(i);
        if i % COPY_EVERY == COPY_EVERY - 1 {
            let original = rng.gen_range(0..i);
            return self.copy(i, original, (i / COPY_EVERY) % 3, &mut rng);
        }
        self.fresh(i, &mut rng)
    }

    fn fresh(&self, i: usize, rng: &mut ChaCha8Rng) -> SampleInitiative {
        let first = if self.people == 0 {
            None
        } else {
            Some(rng.gen_range(0..self.people))
        };
        let unit_index = first.map_or(0, |p| self.unit_of(p));
        let unit = &self.plan.units[unit_index];
        let field = field_of(rng, &unit.name, unit.kind);
        let candidates: Vec<&Topic> = self.topics.iter().filter(|t| t.field == field).collect();
        let topic = *candidates
            .choose(rng)
            .unwrap_or(&&self.topics[i % self.topics.len()]);
        let year = rng.gen_range(FIRST_YEAR..=LAST_YEAR);
        let benefit_vnd = benefit(rng, field);
        let (a, b) = (rng.gen_range(2..=9), rng.gen_range(10..=60));
        let slots = Slots {
            unit: place(&unit.name, unit.kind),
            a,
            b,
            d: rng.gen_range(1..a),
            q: rng.gen_range(b + 10..=98),
            c: rng.gen_range(1..=5),
            n: rng.gen_range(50..=900),
            p: rng.gen_range(10..=60),
            year,
            money: money_words(benefit_vnd),
            name: {
                let g = gender(rng);
                crate::names::full_name(rng, g, 0)
            },
            name2: {
                let g = gender(rng);
                crate::names::full_name(rng, g, 0)
            },
            other: {
                let u = &self.plan.units[rng.gen_range(0..self.plan.units.len())];
                place(&u.name, u.kind)
            },
            day: rng.gen_range(1..=28),
        };
        let title_template = pick(rng, &topic.titles);
        let title = format!("{} tại {}", fill(rng, title_template, &slots), slots.unit);
        let mut before = paragraph(rng, &topic.before, BEFORE, 2, &slots);
        let mut solution = paragraph(rng, &topic.solution, SOLUTION, 3, &slots);
        let novelty = paragraph(rng, &topic.novelty, NOVELTY, 1, &slots);
        let mut benefit_text = paragraph(rng, &topic.benefit, BENEFIT, 1, &slots);
        if benefit_vnd > 0 {
            benefit_text.push(' ');
            let template = pick(rng, MONEY);
            benefit_text.push_str(&fill(rng, template, &slots));
        }
        // Details of this initiative alone (who, where, when), in two of its sections.
        let mut details: Vec<usize> = (0..DETAILS.len()).collect();
        details.shuffle(rng);
        for d in details.into_iter().take(2) {
            let sentence = fill(rng, DETAILS[d], &slots);
            let section = match rng.gen_range(0..3) {
                0 => &mut before,
                1 => &mut solution,
                _ => &mut benefit_text,
            };
            section.push(' ');
            section.push_str(&sentence);
        }
        let (status, scope) = status_of(rng, year);
        let submitted_on = day_in(rng, year, 1, 11);
        let applied_since = day_in(rng, year - 1, 1, 12).min(submitted_on);
        let authors = self.authors(rng, first, unit_index);
        SampleInitiative {
            number: i,
            unit_code: unit.code.clone(),
            year,
            submitted_on,
            field,
            title,
            before,
            solution,
            novelty,
            benefit: benefit_text,
            applied_since,
            benefit_vnd,
            authors,
            status,
            scope,
            copy_of: None,
        }
    }

    /// A near-duplicate of `original`, submitted again one to three years later, re-worded a
    /// little, the solution's sentences in another order: `kind` 0, by its own authors; 1, by
    /// another unit; 2, by another unit and typed without diacritics.
    fn copy(
        &self,
        i: usize,
        original: usize,
        kind: usize,
        rng: &mut ChaCha8Rng,
    ) -> SampleInitiative {
        let mut o = self.make(original);
        let mut original = original;
        // A copy of a copy is a copy of the first.
        if let Some(root) = o.copy_of {
            original = root;
            o = self.make(root);
        }
        let own = kind == 0;
        let mut c = o.clone();
        c.number = i;
        c.copy_of = Some(original);
        c.year = (o.year + rng.gen_range(1..=3)).min(LAST_YEAR);
        c.submitted_on = day_in(rng, c.year, 1, 11);
        c.applied_since = day_in(rng, c.year - 1, 1, 12).min(c.submitted_on);
        let (status, scope) = status_of(rng, c.year);
        c.status = status;
        c.scope = scope;
        if !own && self.people > 0 {
            let first = rng.gen_range(0..self.people);
            let unit_index = self.unit_of(first);
            let unit = &self.plan.units[unit_index];
            let old = self
                .plan
                .units
                .iter()
                .find(|u| u.code == o.unit_code)
                .map(|u| place(&u.name, u.kind));
            let new = place(&unit.name, unit.kind);
            if let Some(old) = old {
                for t in [&mut c.title, &mut c.before, &mut c.solution, &mut c.novelty] {
                    *t = t.replace(&old, &new);
                }
            }
            c.unit_code = unit.code.clone();
            c.authors = self.authors(rng, Some(first), unit_index);
        }
        for t in [
            &mut c.title,
            &mut c.before,
            &mut c.solution,
            &mut c.novelty,
            &mut c.benefit,
        ] {
            *t = reword(rng, t);
        }
        let mut sentences: Vec<&str> = c.solution.split_inclusive(". ").collect();
        if sentences.len() > 1 {
            sentences.rotate_left(1);
        }
        c.solution = sentences
            .iter()
            .map(|s| s.trim())
            .collect::<Vec<_>>()
            .join(" ");
        if kind == 2 {
            for t in [
                &mut c.title,
                &mut c.before,
                &mut c.solution,
                &mut c.novelty,
                &mut c.benefit,
            ] {
                *t = strip_diacritics(t);
            }
        }
        c
    }

    /// One to four authors from the unit (the first given), sometimes one from outside; shares in
    /// whole percent adding up to 100, the first author's the largest.
    fn authors(
        &self,
        rng: &mut ChaCha8Rng,
        first: Option<usize>,
        unit: usize,
    ) -> Vec<SampleAuthor> {
        let n = *[1, 1, 2, 2, 2, 3, 3, 4].choose(rng).unwrap_or(&1);
        let mut people: Vec<Option<usize>> = first.into_iter().map(Some).collect();
        let start = self.starts.get(unit).copied().unwrap_or(0);
        let end = self.starts.get(unit + 1).copied().unwrap_or(self.people);
        for _ in 1..n {
            if rng.gen_range(0..12) == 0 {
                people.push(None);
            } else if end > start {
                let p = rng.gen_range(start..end);
                if !people.contains(&Some(p)) {
                    people.push(Some(p));
                }
            }
        }
        if people.is_empty() {
            people.push(None);
        }
        // Shares: the first author 40–100%, the rest split in multiples of 5%.
        let k = people.len() as u32;
        let mut shares = vec![0u32; people.len()];
        if k == 1 {
            shares[0] = 100;
        } else {
            let rest_min = 10 * (k - 1);
            let first_share = 5 * rng.gen_range(8..=(100 - rest_min) / 5).max(8);
            let first_share = first_share.min(100 - rest_min);
            shares[0] = first_share;
            let mut left = 100 - first_share;
            for (j, s) in shares.iter_mut().enumerate().skip(1) {
                let others = k - 1 - j as u32;
                *s = if others == 0 {
                    left
                } else {
                    let most = (left - 10 * others) / 5;
                    5 * rng.gen_range(2..=most.max(2))
                };
                left -= *s;
            }
        }
        people
            .into_iter()
            .zip(shares)
            .map(|(person, share)| SampleAuthor {
                person,
                name: person.is_none().then(|| {
                    let g = gender(rng);
                    crate::names::full_name(rng, g, 0)
                }),
                share: Share::percent(share),
            })
            .collect()
    }
}

fn gender(rng: &mut ChaCha8Rng) -> Gender {
    if rng.gen_bool(0.5) {
        Gender::Female
    } else {
        Gender::Male
    }
}

fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or("")
}

fn day_in(rng: &mut ChaCha8Rng, year: i32, from_month: u32, to_month: u32) -> NaiveDate {
    let month = rng.gen_range(from_month..=to_month);
    let day = rng.gen_range(1..=28);
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// "UBND phường Cốc Lếu" for a ward or commune, the unit's name otherwise.
fn place(name: &str, kind: UnitKind) -> String {
    if kind == UnitKind::WardCommune {
        let mut chars = name.chars();
        match chars.next() {
            Some(c) => format!("UBND {}{}", c.to_lowercase(), chars.as_str()),
            None => String::new(),
        }
    } else {
        name.to_owned()
    }
}

fn field_of(rng: &mut ChaCha8Rng, name: &str, kind: UnitKind) -> Field {
    let has = |w: &str| name.contains(w);
    let pick = |rng: &mut ChaCha8Rng, list: &[(Field, u32)]| {
        let total: u32 = list.iter().map(|(_, w)| w).sum();
        let mut x = rng.gen_range(0..total);
        for (f, w) in list {
            if x < *w {
                return *f;
            }
            x -= w;
        }
        list[0].0
    };
    if has("Công ty") {
        return pick(
            rng,
            &[
                (Field::Engineering, 50),
                (Field::Other, 30),
                (Field::Finance, 20),
            ],
        );
    }
    if has("Trường") || has("Giáo dục") {
        Field::Education
    } else if has("Bệnh viện") || has("Y tế") || has("bệnh tật") {
        Field::Health
    } else if has("Tài chính") || has("Kho bạc") || has("Thuế") {
        Field::Finance
    } else if has("Tài nguyên") || has("Môi trường") || has("quỹ đất") {
        Field::Environment
    } else if has("Nông nghiệp") || has("Nông dân") || has("Kinh tế") {
        Field::Agriculture
    } else if has("Văn hóa") || has("Phụ nữ") || has("Đoàn") || has("Lao động") {
        Field::Culture
    } else if has("Xây dựng") || has("đô thị") || has("Giao thông") || has("Công Thương")
    {
        Field::Engineering
    } else if has("Thông tin") || has("Khoa học") {
        Field::DigitalTransformation
    } else if kind == UnitKind::WardCommune {
        pick(
            rng,
            &[
                (Field::Administration, 40),
                (Field::Agriculture, 15),
                (Field::Culture, 15),
                (Field::Security, 15),
                (Field::Environment, 10),
                (Field::DigitalTransformation, 5),
            ],
        )
    } else {
        pick(
            rng,
            &[
                (Field::Administration, 50),
                (Field::DigitalTransformation, 30),
                (Field::Finance, 10),
                (Field::Other, 10),
            ],
        )
    }
}

/// Money saved or earned per year: none a quarter of the time, up to 400 million đồng.
fn benefit(rng: &mut ChaCha8Rng, field: Field) -> i64 {
    if rng.gen_range(0..4) == 0 {
        return 0;
    }
    let big = matches!(
        field,
        Field::Engineering | Field::Agriculture | Field::Health
    );
    let millions_x10: i64 = match rng.gen_range(0..10) + u32::from(big) * 2 {
        0..=4 => rng.gen_range(50..500),
        5..=7 => rng.gen_range(500..1_500),
        _ => rng.gen_range(1_500..4_000),
    };
    millions_x10 * 100_000
}

/// "125,5 triệu đồng", "1,25 tỷ đồng".
fn money_words(vnd: i64) -> String {
    if vnd >= 1_000_000_000 {
        let x = vnd / 10_000_000;
        format!("{},{:02} tỷ đồng", x / 100, x % 100)
    } else {
        let x = vnd / 100_000;
        if x % 10 == 0 {
            format!("{} triệu đồng", x / 10)
        } else {
            format!("{},{} triệu đồng", x / 10, x % 10)
        }
    }
}

fn status_of(rng: &mut ChaCha8Rng, year: i32) -> (Status, Option<Scope>) {
    let roll = rng.gen_range(0..100);
    let status = if year >= LAST_YEAR {
        match roll {
            0..=14 => Status::Draft,
            15..=44 => Status::Submitted,
            45..=69 => Status::UnderReview,
            70..=89 => Status::Recognised,
            90..=95 => Status::NotRecognised,
            _ => Status::Withdrawn,
        }
    } else {
        match roll {
            0..=69 => Status::Recognised,
            70..=91 => Status::NotRecognised,
            _ => Status::Withdrawn,
        }
    };
    let scope = (status == Status::Recognised).then(|| match rng.gen_range(0..100) {
        0..=69 => Scope::CoSo,
        70..=89 => Scope::Huyen,
        90..=98 => Scope::Tinh,
        _ => Scope::ToanQuoc,
    });
    (status, scope)
}

/// `topic_count` sentences of the topic (fewer if it has fewer) and one of the generic ones, in
/// the topic's order.
fn paragraph(
    rng: &mut ChaCha8Rng,
    topic: &[&str],
    generic: &[&str],
    topic_count: usize,
    slots: &Slots,
) -> String {
    let mut chosen: Vec<usize> = (0..topic.len()).collect();
    chosen.shuffle(rng);
    chosen.truncate(topic_count.min(topic.len()));
    chosen.sort_unstable();
    let mut out: Vec<String> = chosen.iter().map(|i| fill(rng, topic[*i], slots)).collect();
    let template = pick(rng, generic);
    let g = fill(rng, template, slots);
    if rng.gen_bool(0.5) {
        out.insert(0, g);
    } else {
        out.push(g);
    }
    out.join(" ")
}

/// Fills `{slot}`s and chooses among `[a|b]` alternatives.
fn fill(rng: &mut ChaCha8Rng, template: &str, s: &Slots) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(at) = rest.find(['{', '[']) {
        paraphrase(rng, &rest[..at], &mut out);
        let open = rest.as_bytes()[at];
        let close = if open == b'{' { '}' } else { ']' };
        let Some(len) = rest[at..].find(close) else {
            out.push_str(&rest[at..]);
            return out;
        };
        let inner = &rest[at + 1..at + len];
        if open == b'[' {
            let options: Vec<&str> = inner.split('|').collect();
            let option = pick(rng, &options);
            out.push_str(&fill(rng, option, s));
        } else {
            match inner {
                "dv" => out.push_str(&s.unit),
                "a" => out.push_str(&s.a.to_string()),
                "b" => out.push_str(&s.b.to_string()),
                "c" => out.push_str(&s.c.to_string()),
                "d" => out.push_str(&s.d.to_string()),
                "q" => out.push_str(&s.q.to_string()),
                "n" => out.push_str(&s.n.to_string()),
                "p" => out.push_str(&s.p.to_string()),
                "y" => out.push_str(&s.year.to_string()),
                "y0" => out.push_str(&(s.year - 4).to_string()),
                "y1" => out.push_str(&(s.year - 1).to_string()),
                "money" => out.push_str(&s.money),
                "name" => out.push_str(&s.name),
                "name2" => out.push_str(&s.name2),
                "other" => out.push_str(&s.other),
                "day" => out.push_str(&s.day.to_string()),
                other => out.push_str(other),
            }
        }
        rest = &rest[at + len + 1..];
    }
    paraphrase(rng, rest, &mut out);
    out
}

/// Words that stand for each other in these texts: each occurrence of the first of a group becomes
/// one of the group at random, so that two initiatives on one subject are not worded alike.
const SYNONYMS: &[&[&str]] = &[
    &["người dân", "nhân dân", "bà con", "công dân"],
    &["thực hiện", "triển khai", "tiến hành"],
    &["áp dụng", "ứng dụng", "vận dụng"],
    &["các", "những"],
    &["tại", "ở"],
    &["hằng ngày", "mỗi ngày", "hàng ngày"],
    &["hằng tuần", "mỗi tuần", "hàng tuần"],
    &["hằng tháng", "mỗi tháng", "hàng tháng"],
    &["mỗi năm", "hằng năm", "một năm"],
    &["rõ rệt", "đáng kể"],
    &["sau đó", "tiếp đó", "sau đấy"],
    &["xây dựng", "thiết lập", "lập"],
    &["hướng dẫn", "chỉ dẫn"],
    &["kịp thời", "nhanh chóng"],
    &["khoảng", "chừng", "ước"],
    &["mất", "tốn"],
    &["cán bộ", "công chức"],
];

/// Appends `text`, each first word of a group of [`SYNONYMS`] replaced by one of the group.
fn paraphrase(rng: &mut ChaCha8Rng, text: &str, out: &mut String) {
    let mut rest = text;
    'outer: while !rest.is_empty() {
        let at_word = out.is_empty() || out.ends_with(' ');
        if at_word {
            for group in SYNONYMS {
                let w = group[0];
                let ends = rest.strip_prefix(w).is_some_and(|after| {
                    after.is_empty() || after.starts_with([' ', ',', '.', ';'])
                });
                // "mất vệ sinh" is not "tốn vệ sinh": only "mất" before time or money.
                let money_or_time = |after: &str| {
                    after
                        .trim_start()
                        .starts_with(|c: char| c.is_ascii_digit() || "nhkmt".contains(c))
                };
                if ends && (w != "mất" || money_or_time(&rest[w.len()..])) {
                    out.push_str(group.choose(rng).copied().unwrap_or(w));
                    rest = &rest[w.len()..];
                    continue 'outer;
                }
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
}

/// Word swaps a re-submission makes ("trước đây" → "trước kia").
const SWAPS: &[(&str, &str)] = &[
    ("Trước đây", "Trước kia"),
    ("hằng tuần", "mỗi tuần"),
    ("người dân", "nhân dân"),
    ("thủ công", "bằng tay"),
    ("khoảng", "chừng"),
    ("áp dụng", "triển khai"),
    ("nhanh", "nhanh chóng"),
    ("cán bộ", "công chức"),
    ("Giải pháp", "Sáng kiến"),
    ("nâng cao", "tăng cường"),
];

/// Swaps a few words: each pair that occurs, half of the time, at its first occurrence.
fn reword(rng: &mut ChaCha8Rng, text: &str) -> String {
    let mut t = text.to_owned();
    for (from, to) in SWAPS {
        if t.contains(from) && rng.gen_bool(0.5) {
            t = t.replacen(from, to, 1);
        }
    }
    t
}

/// The text without diacritics, case kept ("Đồng Tuyển" → "Dong Tuyen").
fn strip_diacritics(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

// -----------------------------------------------------------------------------------------------
// Phrase banks

const BEFORE: &[&str] = &[
    "Trước khi [áp dụng giải pháp|có sáng kiến này], công việc tại {dv} chủ yếu [làm thủ công|dựa vào sổ sách giấy], [mất nhiều thời gian|dễ sai sót].",
    "Năm {y1}, {dv} [ghi nhận|nhận được] {b} [ý kiến phản ánh|lượt phản ánh] liên quan đến [vấn đề này|nội dung này].",
    "Cán bộ phụ trách thường phải làm thêm giờ vào cuối [tháng|quý] để hoàn thành [báo cáo|số liệu tổng hợp].",
    "Qua khảo sát {n} [trường hợp|lượt], nhóm tác giả thấy [có tới|khoảng] {p}% chưa đạt yêu cầu.",
];

const SOLUTION: &[&str] = &[
    "Nhóm tác giả [khảo sát thực trạng|tìm hiểu nguyên nhân] trong {c} tháng, sau đó xây dựng quy trình gồm {a} bước [rõ ràng|cụ thể].",
    "Giải pháp được [áp dụng thử|thí điểm] tại {dv} từ tháng {c} năm {y1}, sau đó [điều chỉnh|hoàn thiện] theo góp ý của [cán bộ trực tiếp thực hiện|người sử dụng].",
    "Mỗi [bước|khâu] đều có [biểu mẫu|hướng dẫn] và người chịu trách nhiệm [cụ thể|rõ ràng].",
    "Kết quả thực hiện được [tổng hợp|báo cáo] hằng tháng để lãnh đạo [theo dõi|chỉ đạo] kịp thời.",
];

const NOVELTY: &[&str] = &[
    "Giải pháp chưa từng được áp dụng tại {dv} [trước đây|trước thời điểm nộp đơn].",
    "Cách làm đơn giản, chi phí thấp, có thể [nhân rộng|áp dụng] cho các đơn vị [khác|cùng cấp].",
    "Tận dụng [thiết bị|phần mềm] sẵn có, không [phải mua sắm thêm|phát sinh chi phí lớn].",
];

const BENEFIT: &[&str] = &[
    "Cán bộ, [công chức|viên chức] [đồng tình|hưởng ứng], [người dân|người sử dụng] [hài lòng|đánh giá cao].",
    "Giải pháp đã được {a} đơn vị khác [đến học tập|áp dụng theo].",
    "Tỷ lệ [hài lòng|đánh giá tốt] tăng từ {b}% lên [trên|gần] {q}%.",
];

/// Details of one initiative: who had the idea, who helped, where it was shown.
const DETAILS: &[&str] = &[
    "Ý tưởng [do|được] đồng chí {name} [đề xuất|nêu ra] tại [cuộc họp giao ban|hội nghị cán bộ] tháng {c} năm {y1}.",
    "[Trong quá trình|Khi] thực hiện, nhóm [nhận được|có] sự [hỗ trợ|giúp đỡ] của {other} và đồng chí {name2}.",
    "Giải pháp đã được [giới thiệu|trình bày] tại [hội nghị|buổi sinh hoạt chuyên đề] của {other} ngày {day}/{c}/{y}.",
    "Riêng [quý|tháng] {c} năm {y}, [đơn vị|nhóm] [xử lý|hoàn thành] {n} [việc|hồ sơ|lượt] theo cách làm mới, [nhiều hơn|vượt] {p}% so với cùng kỳ.",
    "Đồng chí {name2} [phụ trách|theo dõi] việc [tổng hợp|cập nhật] số liệu và [báo cáo|gửi] lãnh đạo {dv} vào ngày {day} hằng tháng.",
];

const MONEY: &[&str] = &[
    "Giải pháp làm lợi [khoảng|ước tính] {money} mỗi năm.",
    "[Tính ra|Ước tính] mỗi năm [tiết kiệm|làm lợi] được {money}.",
    "Giá trị làm lợi [trong năm đầu áp dụng|hằng năm] [đạt|khoảng] {money}.",
];

macro_rules! topic {
    ($field:expr, titles: [$($t:literal),+ $(,)?], before: [$($b:literal),+ $(,)?], solution: [$($s:literal),+ $(,)?], novelty: [$($n:literal),+ $(,)?], benefit: [$($e:literal),+ $(,)?] $(,)?) => {
        Topic {
            field: $field,
            titles: vec![$($t),+],
            before: vec![$($b),+],
            solution: vec![$($s),+],
            novelty: vec![$($n),+],
            benefit: vec![$($e),+],
        }
    };
}

fn topics() -> Vec<Topic> {
    use Field::*;
    vec![
        topic!(Administration,
            titles: ["Giải pháp số hóa hồ sơ thủ tục hành chính [tại bộ phận một cửa|của bộ phận tiếp nhận và trả kết quả]", "[Số hóa|Điện tử hóa] và lưu trữ hồ sơ một cửa"],
            before: ["Hồ sơ thủ tục hành chính [tại|ở] bộ phận một cửa [được lưu bằng giấy|vẫn lưu trên giấy], xếp theo năm trong [tủ sắt|kho lưu trữ], khi cần tra cứu phải [tìm thủ công|lục tìm từng tập].",
                "Mỗi lần tra cứu một hồ sơ cũ mất từ {a} đến {b} phút, [nhiều|không ít] hồ sơ bị [ẩm mốc, rách nát|mối mọt, mờ chữ].",
                "Kho lưu trữ [đã quá tải|không còn chỗ], hồ sơ mới phải [xếp tạm|để tạm] ở hành lang."],
            solution: ["Nhóm tác giả [quét|scan] toàn bộ hồ sơ giai đoạn {y0}–{y1}, đặt tên tệp theo mã hồ sơ và số định danh [cá nhân|công dân] của người nộp.",
                "Các tệp được lưu trên máy chủ của đơn vị, [sao lưu|dự phòng] hằng tuần ra ổ cứng [ngoài|di động].",
                "Cán bộ một cửa tra cứu bằng phần mềm theo [họ tên|tên người nộp], số giấy tờ hoặc ngày tiếp nhận.",
                "Bìa mỗi hồ sơ giấy được dán mã QR để [đối chiếu|tra] nhanh với bản điện tử."],
            novelty: ["Lần đầu tiên [đơn vị|{dv}] có kho hồ sơ điện tử đầy đủ, tra cứu được ngay tại quầy.",
                "Kết hợp mã QR trên hồ sơ giấy với bản điện tử [mà không cần mua phần mềm mới|bằng công cụ miễn phí]."],
            benefit: ["Thời gian tra cứu một hồ sơ giảm từ {b} phút xuống [dưới|còn] {c} phút.",
                "Giảm [đáng kể|rõ rệt] chi phí giấy, mực in và [sao chụp|photo] hồ sơ."],
        ),
        topic!(Administration,
            titles: ["Ứng dụng Zalo [thông báo|báo] kết quả giải quyết thủ tục hành chính", "Giải pháp hẹn trả kết quả thủ tục hành chính qua tin nhắn"],
            before: ["Người dân [thường|hay] phải đến [nhiều lần|hai, ba lần] để hỏi hồ sơ đã có kết quả hay chưa.",
                "Điện thoại của bộ phận một cửa [liên tục bận|quá tải] vào giờ cao điểm, [nhiều cuộc gọi|nhiều người] không được trả lời."],
            solution: ["Đơn vị lập tài khoản Zalo chính thức, [hướng dẫn|đề nghị] người nộp hồ sơ [quan tâm|kết nối] ngay khi tiếp nhận.",
                "Khi hồ sơ có kết quả, cán bộ gửi tin nhắn [kèm mã hồ sơ|có mã hồ sơ] và [giờ hẹn trả|thời gian đến nhận].",
                "Các câu hỏi thường gặp được soạn sẵn thành tin nhắn trả lời [tự động|nhanh]."],
            novelty: ["Sử dụng [mạng xã hội|ứng dụng nhắn tin] phổ biến mà người dân đã quen dùng, không phải cài thêm phần mềm."],
            benefit: ["Số lượt người dân phải đến hỏi [kết quả|hồ sơ] giảm khoảng {p}%.",
                "[Trung bình|Mỗi tháng] có {n} tin nhắn thông báo được gửi [đúng hẹn|kịp thời]."],
        ),
        topic!(Administration,
            titles: ["Rút ngắn thời gian giải quyết thủ tục [đăng ký hộ tịch|chứng thực]", "Cải tiến quy trình [chứng thực bản sao|đăng ký khai sinh] liên thông"],
            before: ["Thời gian giải quyết [thủ tục đăng ký khai sinh|thủ tục chứng thực] trung bình là {a} ngày làm việc, người dân phải đi lại nhiều lần.",
                "[Sổ hộ tịch|Sổ chứng thực] ghi chép bằng tay, dễ [nhầm lẫn|sai sót] khi [trích lục|tra cứu]."],
            solution: ["Cán bộ tư pháp [lập|xây dựng] danh mục giấy tờ cần nộp và [niêm yết|dán] tại quầy, [kèm|có] mẫu đơn điền sẵn.",
                "Hồ sơ [liên thông|khai sinh, thường trú và bảo hiểm y tế] được tiếp nhận [một lần|cùng lúc] và chuyển [điện tử|trực tuyến] giữa các cơ quan.",
                "Sổ hộ tịch cũ được nhập [vào phần mềm|vào cơ sở dữ liệu] để [tra cứu|trích lục] nhanh."],
            novelty: ["[Lần đầu|Đầu tiên] {dv} giải quyết [thủ tục liên thông|hồ sơ hộ tịch] trong ngày."],
            benefit: ["Thời gian giải quyết giảm từ {a} ngày xuống còn {d} ngày; [có ngày|nhiều hồ sơ] trả kết quả ngay trong buổi."],
        ),
        topic!(Education,
            titles: ["[Sáng kiến|Biện pháp] ứng dụng bảng tương tác trong dạy học môn Tiếng Anh lớp {c}", "Tổ chức trò chơi [học tập|ngôn ngữ] giúp học sinh lớp {c} học tốt Tiếng Anh"],
            before: ["Học sinh [còn rụt rè|ngại nói] khi giao tiếp bằng tiếng Anh, giờ học chủ yếu là giáo viên [đọc|giảng] và học sinh chép bài.",
                "Thiết bị dạy học [chỉ có|chủ yếu là] đài [cát-sét|đĩa] và tranh ảnh in sẵn."],
            solution: ["Giáo viên thiết kế trò chơi ô chữ, ghép tranh và [hát theo lời|đóng vai] trên bảng tương tác, chia lớp thành các đội thi đua [giành điểm|tích điểm].",
                "Mỗi bài học có một hoạt động khởi động {a} phút và một phiếu tự đánh giá [cuối giờ|cuối buổi].",
                "Học sinh [khá|giỏi] được phân công [kèm|giúp đỡ] bạn [chậm hơn|còn yếu] trong nhóm."],
            novelty: ["Kết hợp trò chơi trên bảng tương tác với phiếu tự đánh giá giúp học sinh [tự theo dõi tiến bộ|tự biết mình tiến bộ] sau từng chủ đề."],
            benefit: ["Tỷ lệ học sinh đạt mức tốt môn Tiếng Anh tăng từ {b}% lên {q}% sau một năm học.",
                "Học sinh mạnh dạn [phát biểu|giao tiếp], phụ huynh [phản hồi tích cực|đồng tình ủng hộ]."],
        ),
        topic!(Education,
            titles: ["Nâng cao kỹ năng đọc hiểu cho học sinh lớp {c} [qua|bằng] góc thư viện lớp học", "Xây dựng [góc đọc|tủ sách] thân thiện trong lớp học"],
            before: ["[Nhiều|Không ít] học sinh đọc chậm, [chưa hiểu|khó nắm] ý chính của đoạn văn, [ít|hiếm khi] đọc sách ngoài giờ.",
                "Thư viện trường [xa|cách xa] các phòng học, học sinh [ít có dịp|không có thời gian] mượn sách."],
            solution: ["Mỗi lớp [xây dựng|bố trí] một góc thư viện với {b} đầu sách do phụ huynh và học sinh [quyên góp|đóng góp].",
                "Giáo viên dành {a} phút đầu giờ mỗi ngày cho hoạt động đọc [cá nhân|theo cặp], sau đó [kể lại|chia sẻ] nội dung.",
                "Học sinh ghi [nhật ký đọc|sổ tay đọc sách] và được khen thưởng theo [số trang|số cuốn] đã đọc."],
            novelty: ["Đưa sách [đến gần|về tận] lớp học, gắn hoạt động đọc với [nhật ký đọc|sổ tay] của từng học sinh."],
            benefit: ["Tỷ lệ học sinh đọc [đúng tốc độ|lưu loát] tăng từ {b}% lên {q}%.",
                "Bình quân mỗi học sinh đọc {a} cuốn sách mỗi [học kỳ|năm học]."],
        ),
        topic!(Education,
            titles: ["Ứng dụng phần mềm GeoGebra trong dạy học hình học lớp {a}", "[Sử dụng|Ứng dụng] phần mềm [mô phỏng|vẽ hình động] nâng cao chất lượng dạy học môn Toán"],
            before: ["Học sinh khó hình dung [hình không gian|các hình vẽ], nhiều em [sợ|ngại] học hình học.",
                "Giáo viên vẽ hình trên bảng mất nhiều thời gian, [hình vẽ|hình] thiếu chính xác."],
            solution: ["Giáo viên dựng [sẵn|trước] các hình động bằng GeoGebra, cho học sinh [kéo thả|thay đổi] điểm để [quan sát|phát hiện] tính chất.",
                "Học sinh làm việc nhóm trên máy tính bảng, [tự dựng hình|tự vẽ hình] và [trình bày|báo cáo] kết quả.",
                "Bộ {n} hình mẫu được chia sẻ cho [tổ chuyên môn|các giáo viên trong tổ]."],
            novelty: ["Học sinh [tự khám phá|tự phát hiện] tính chất hình học thay vì ghi nhớ [máy móc|một chiều]."],
            benefit: ["Điểm trung bình [bài kiểm tra|môn] hình học tăng {c} điểm; tỷ lệ học sinh yếu giảm từ {b}% xuống {a}%."],
        ),
        topic!(Education,
            titles: ["Biện pháp giáo dục kỹ năng tự phục vụ cho trẻ mẫu giáo {c} tuổi", "Rèn [thói quen|kỹ năng] tự lập cho trẻ mầm non qua hoạt động hằng ngày"],
            before: ["[Nhiều|Phần lớn] trẻ [còn|vẫn] phụ thuộc vào người lớn khi ăn, mặc và vệ sinh cá nhân.",
                "Phụ huynh [thường|hay] làm thay trẻ vì sợ [mất thời gian|trẻ làm bẩn]."],
            solution: ["Giáo viên [xây dựng|lập] bảng [hình ảnh|tranh] các bước rửa tay, [cất dọn đồ chơi|gấp quần áo] đặt tại các góc lớp.",
                "Mỗi tuần có một [chủ đề|kỹ năng] tự phục vụ, trẻ thực hành qua trò chơi và bài hát.",
                "Nhà trường [phối hợp|trao đổi] với phụ huynh qua nhóm Zalo để trẻ [luyện tập|thực hành] cả ở nhà."],
            novelty: ["Gắn [kỹ năng tự phục vụ|rèn kỹ năng] với trò chơi và bài hát quen thuộc của trẻ."],
            benefit: ["{p}% trẻ tự [xúc cơm|ăn], tự đi vệ sinh và [cất dọn|sắp xếp] đồ dùng đúng chỗ."],
        ),
        topic!(Health,
            titles: ["Giải pháp giảm thời gian chờ khám bệnh bằng đặt lịch hẹn qua điện thoại", "[Triển khai|Ứng dụng] đặt lịch khám [trực tuyến|qua tổng đài] cho người bệnh"],
            before: ["Mỗi buổi sáng khoa khám bệnh tiếp nhận khoảng {n} lượt [bệnh nhân|người bệnh], người bệnh phải đến từ {c} giờ sáng để lấy số thứ tự.",
                "Hành lang [thường xuyên|luôn] quá tải, dễ lây nhiễm chéo."],
            solution: ["[Đơn vị|Bệnh viện] triển khai tổng đài đặt lịch hẹn và tin nhắn nhắc lịch, chia khung giờ khám {b} phút.",
                "Người bệnh đặt lịch được ưu tiên vào quầy riêng; nhân viên điều phối [sắp xếp lại|bố trí] bàn khám theo số lượng đặt trước.",
                "Người bệnh mạn tính [tái khám|khám lại] định kỳ được [nhắn tin nhắc|gọi điện nhắc] lịch trước {a} ngày."],
            novelty: ["Lần đầu áp dụng khung giờ khám kết hợp nhắn tin nhắc lịch [tự động|định kỳ] cho người bệnh."],
            benefit: ["Thời gian chờ trung bình giảm từ {a} giờ xuống [dưới|còn] {b} phút.",
                "Số người bệnh phải đến trước {c} giờ sáng giảm [hơn một nửa|rõ rệt]."],
        ),
        topic!(Health,
            titles: ["Quản lý hồ sơ sức khỏe điện tử cho người cao tuổi [tại trạm y tế|trên địa bàn]", "Ứng dụng hồ sơ sức khỏe điện tử trong [chăm sóc|theo dõi] người bệnh tăng huyết áp"],
            before: ["Sổ theo dõi người bệnh tăng huyết áp, đái tháo đường [ghi tay|bằng giấy], [thất lạc|sai lệch] khi người bệnh chuyển nơi ở.",
                "Cán bộ y tế [không nắm được|khó theo dõi] người bệnh nào [bỏ tái khám|không uống thuốc đều]."],
            solution: ["Trạm y tế nhập hồ sơ {n} người cao tuổi vào phần mềm, [ghi|cập nhật] chỉ số huyết áp, đường huyết sau mỗi lần khám.",
                "Phần mềm [lọc|đánh dấu] người bệnh quá hạn tái khám để [cộng tác viên|y tế thôn] đến tận nhà nhắc nhở.",
                "Người bệnh được [cấp|phát] sổ có mã QR để [xem|tra cứu] lịch sử khám [trên điện thoại|ngay tại nhà]."],
            novelty: ["Kết nối [y tế thôn bản|cộng tác viên dân số] với hồ sơ điện tử để theo dõi người bệnh [tại nhà|tận hộ gia đình]."],
            benefit: ["Tỷ lệ người bệnh tái khám đúng hẹn tăng từ {b}% lên {q}%.", "{p}% người bệnh [kiểm soát|giữ] được huyết áp ổn định."],
        ),
        topic!(Health,
            titles: ["Cải tiến quy trình cấp phát thuốc ngoại trú bảo hiểm y tế", "[Rút ngắn|Giảm] thời gian [nhận thuốc|lĩnh thuốc] của người bệnh ngoại trú"],
            before: ["Người bệnh phải xếp hàng [hai lần|nhiều lần] để thanh toán và nhận thuốc, [có khi|nhiều khi] chờ hơn {a}0 phút.",
                "Thuốc được [soạn|chuẩn bị] sau khi người bệnh đến quầy nên [ùn tắc|dồn ứ] vào giờ cao điểm."],
            solution: ["Khoa dược [soạn sẵn|chuẩn bị trước] thuốc theo đơn điện tử ngay khi bác sĩ kê đơn.",
                "Quầy [thanh toán|thu ngân] và quầy phát thuốc được [bố trí liền kề|đặt cạnh nhau], gọi số trên [màn hình|bảng điện tử].",
                "Dược sĩ [hướng dẫn|dặn dò] cách dùng thuốc bằng phiếu in sẵn [chữ to|dễ đọc]."],
            novelty: ["[Soạn thuốc|Chuẩn bị thuốc] theo đơn điện tử trước khi người bệnh đến quầy."],
            benefit: ["Thời gian nhận thuốc giảm từ {b} phút xuống {a} phút.", "Sai sót [cấp phát|phát thuốc] [giảm gần như bằng không|không còn xảy ra]."],
        ),
        topic!(Engineering,
            titles: ["Cải tiến bộ hẹn giờ tiết kiệm điện cho hệ thống chiếu sáng công cộng", "[Lắp đặt|Ứng dụng] đồng hồ thiên văn điều khiển đèn chiếu sáng"],
            before: ["Hệ thống đèn chiếu sáng các tuyến đường bật tắt bằng công tắc cơ, công nhân phải đi đóng cắt từng tủ điện.",
                "Vào mùa hè đèn [thường|hay] sáng cả khi trời đã [sáng rõ|sáng], lãng phí điện năng."],
            solution: ["Tổ kỹ thuật lắp bộ hẹn giờ thiên văn cho {b} tủ điện, tự tính giờ mặt trời mọc và lặn [theo vĩ độ của địa phương|theo từng mùa].",
                "Sau [22|23] giờ, bộ điều khiển tắt xen kẽ một nửa số bóng trên các tuyến [ít người qua lại|vắng].",
                "Các tủ điện được [đánh số|gắn mã] và [ghi nhật ký|theo dõi] vận hành trên bảng tính."],
            novelty: ["Sử dụng đồng hồ thiên văn kết hợp chế độ giảm công suất nửa đêm, không cần thay bóng đèn hiện có."],
            benefit: ["Điện năng tiêu thụ giảm {p}%.", "Công nhân không phải đi đóng cắt [thủ công|bằng tay] mỗi ngày."],
        ),
        topic!(Engineering,
            titles: ["Cải tiến hệ thống bơm cấp nước sạch bằng biến tần", "[Lắp|Ứng dụng] biến tần cho trạm bơm [nước sạch|cấp nước]"],
            before: ["Máy bơm chạy hết công suất cả ngày, áp lực nước [lúc cao lúc thấp|không ổn định], đường ống [hay bị vỡ|thường xuyên rò rỉ].",
                "Tiền điện của trạm bơm chiếm [phần lớn|tới {p}%] chi phí vận hành."],
            solution: ["Lắp biến tần điều chỉnh tốc độ máy bơm theo áp lực [đường ống|mạng lưới], cảm biến đặt tại {a} điểm [cuối nguồn|xa nhất].",
                "Vào ban đêm, máy bơm tự [giảm tốc độ|chạy chậm] khi nhu cầu dùng nước thấp.",
                "Công nhân [theo dõi|giám sát] áp lực và lưu lượng [qua điện thoại|trên màn hình] tại phòng điều hành."],
            novelty: ["Điều khiển máy bơm theo áp lực thực tế [cuối mạng lưới|tại điểm dùng nước] thay vì chạy cố định."],
            benefit: ["Điện năng tiêu thụ giảm {p}%, số sự cố vỡ ống giảm từ {b} xuống {a} vụ mỗi năm."],
        ),
        topic!(Engineering,
            titles: ["Chế tạo thiết bị nạo vét rãnh thoát nước [đô thị|trên các tuyến phố]", "Cải tiến [dụng cụ|xe] nạo vét bùn [cống rãnh|rãnh thoát nước]"],
            before: ["Công nhân nạo vét rãnh thoát nước bằng [xẻng, xô|dụng cụ thô sơ], [vất vả|nặng nhọc] và mất vệ sinh.",
                "Mùa mưa [nhiều tuyến phố|một số tuyến phố] bị ngập do rãnh [tắc|đầy bùn]."],
            solution: ["Tổ cơ khí [chế tạo|cải tạo] máy hút bùn [gắn trên xe ba gác|đặt trên xe đẩy] từ máy bơm và ống [cũ|sẵn có].",
                "Bùn được hút vào thùng kín, [chở|vận chuyển] thẳng đến bãi [tập kết|xử lý].",
                "Mỗi tổ {a} người [vận hành|sử dụng] thiết bị theo lịch [định kỳ|hằng tháng]."],
            novelty: ["Thiết bị [tự chế tạo|tự làm] từ vật tư sẵn có, giá thành thấp, dễ sửa chữa."],
            benefit: ["Năng suất nạo vét tăng gấp {a} lần, [không còn|giảm hẳn] điểm ngập [úng|cục bộ] do tắc rãnh."],
        ),
        topic!(DigitalTransformation,
            titles: ["Ứng dụng chữ ký số và văn bản điện tử trong [điều hành|chỉ đạo, điều hành]", "Giải pháp [gửi nhận|xử lý] văn bản điện tử [liên thông|không giấy tờ]"],
            before: ["Văn bản [đi, đến|hành chính] vẫn in giấy, [ký tay|trình ký] và chuyển [bằng đường bưu điện|qua văn thư].",
                "Mỗi năm đơn vị [in|sử dụng] khoảng {n}0 trang giấy cho văn bản hành chính."],
            solution: ["Toàn bộ lãnh đạo và chuyên viên được cấp chữ ký số [cá nhân|trên điện thoại], văn thư được cấp chữ ký số của cơ quan.",
                "Văn bản được [ký số|phát hành] và gửi qua [hệ thống quản lý văn bản|phần mềm điều hành], không in bản giấy.",
                "Đơn vị ban hành quy chế [gửi nhận|xử lý] văn bản điện tử và [tập huấn|hướng dẫn] cho {b} [cán bộ|người]."],
            novelty: ["[Điều hành|Xử lý công việc] hoàn toàn trên môi trường mạng, [ký số|phê duyệt] cả trên điện thoại."],
            benefit: ["Thời gian [luân chuyển|xử lý] văn bản giảm từ {a} ngày xuống [trong ngày|{c} giờ]."],
        ),
        topic!(DigitalTransformation,
            titles: ["Thu phí, lệ phí [không dùng tiền mặt|bằng mã QR]", "[Triển khai|Ứng dụng] thanh toán không dùng tiền mặt [tại bộ phận một cửa|trong thu phí, lệ phí]"],
            before: ["Phí, lệ phí thu bằng tiền mặt, cán bộ [phải kiểm đếm|kiểm đếm] và nộp [kho bạc|ngân hàng] hằng ngày.",
                "[Thường xuyên|Hay] xảy ra [thiếu tiền lẻ|nhầm lẫn] khi thu tiền."],
            solution: ["Đơn vị [phối hợp|làm việc] với ngân hàng [in|đặt] mã QR tại quầy, người nộp [quét mã|chuyển khoản] bằng điện thoại.",
                "[Biên lai|Hóa đơn] điện tử được gửi ngay qua tin nhắn.",
                "Cuối ngày phần mềm tự [đối chiếu|so khớp] số tiền đã thu với [sổ|danh sách] hồ sơ."],
            novelty: ["Người dân nộp phí bằng mã QR và nhận biên lai điện tử [ngay tại quầy|tức thì]."],
            benefit: ["{p}% khoản phí, lệ phí được thu [không dùng tiền mặt|qua mã QR]; không còn [sai lệch|nhầm lẫn] tiền."],
        ),
        topic!(Agriculture,
            titles: ["Mô hình ủ phân hữu cơ từ phụ phẩm nông nghiệp bằng chế phẩm vi sinh", "[Hướng dẫn|Vận động] nông dân ủ phân hữu cơ từ rơm rạ"],
            before: ["Rơm rạ sau thu hoạch thường bị đốt ngoài đồng gây khói bụi.", "Nông dân phải mua phân bón hóa học với giá ngày càng cao, đất [bạc màu|chai cứng]."],
            solution: ["Các hộ thu gom rơm rạ, thân ngô, trộn với chế phẩm vi sinh và phân chuồng, ủ trong hố có mái che từ {b} đến {n} ngày.",
                "Mỗi thôn chọn {a} hộ làm điểm để các hộ khác đến học cách làm.",
                "Cán bộ khuyến nông [hướng dẫn|tập huấn] kỹ thuật ủ [tại ruộng|ngay tại nhà dân]."],
            novelty: ["Tận dụng phụ phẩm sẵn có tại địa phương, quy trình ủ đơn giản, phù hợp với đồng bào dân tộc thiểu số."],
            benefit: ["Lượng phân hóa học giảm {p}%.", "Tình trạng đốt rơm rạ [gần như chấm dứt|giảm hẳn]."],
        ),
        topic!(Agriculture,
            titles: ["Mô hình trồng rau an toàn trong nhà lưới", "[Xây dựng|Nhân rộng] mô hình rau an toàn [theo chuỗi|liên kết tiêu thụ]"],
            before: ["Rau [trồng ngoài trời|trồng lộ thiên] [hay|thường] bị sâu bệnh, người dân phun thuốc [nhiều lần|quá liều].",
                "Rau [bán|tiêu thụ] ở chợ [giá thấp|bấp bênh] vì không có [nguồn gốc rõ ràng|chứng nhận]."],
            solution: ["[Hợp tác xã|Tổ hợp tác] dựng {b} nhà lưới, tưới nhỏ giọt và ghi nhật ký sản xuất [cho từng luống|theo từng vụ].",
                "Rau được [dán tem truy xuất|gắn mã QR] nguồn gốc và [bán|cung cấp] cho [bếp ăn trường học|siêu thị] theo hợp đồng.",
                "Cán bộ nông nghiệp [kiểm tra|lấy mẫu] dư lượng thuốc [định kỳ|mỗi tháng]."],
            novelty: ["Gắn sản xuất trong nhà lưới với [truy xuất nguồn gốc|hợp đồng tiêu thụ] ngay từ đầu vụ."],
            benefit: ["Thu nhập [mỗi sào|trên một đơn vị diện tích] tăng {p}%, [không có|không phát hiện] mẫu rau vượt dư lượng thuốc."],
        ),
        topic!(Agriculture,
            titles: ["Phòng bệnh cho đàn lợn bằng đệm lót sinh học", "[Ứng dụng|Nhân rộng] chăn nuôi lợn trên đệm lót sinh học"],
            before: ["Chuồng lợn [xây gần nhà|sát nhà ở], nước thải chảy ra [mương|rãnh] gây ô nhiễm.", "Dịch bệnh trên đàn lợn [thường xuyên|hay] xảy ra, [nhiều hộ|người chăn nuôi] thua lỗ."],
            solution: ["[Hướng dẫn|Giúp] {b} hộ làm đệm lót từ mùn cưa, trấu và men vi sinh dày [khoảng|từ] {c}0 cm.",
                "Đệm lót được [đảo|xới] định kỳ, [bổ sung men|rắc thêm men] sau mỗi lứa nuôi.",
                "Hộ chăn nuôi được [tiêm phòng|hỗ trợ vắc xin] đủ các loại bệnh [chính|thường gặp]."],
            novelty: ["Không phải [rửa chuồng|dùng nước tắm cho lợn], [không phát sinh|giảm hẳn] nước thải."],
            benefit: ["Tỷ lệ lợn [mắc bệnh|chết] giảm {p}%, [mùi hôi|ô nhiễm] giảm rõ rệt."],
        ),
        topic!(Finance,
            titles: ["Giải pháp tự động đối chiếu chứng từ kế toán bằng bảng tính", "[Ứng dụng|Xây dựng] bảng tính đối chiếu số liệu với Kho bạc Nhà nước"],
            before: ["Việc đối chiếu số liệu giữa sổ kế toán và Kho bạc Nhà nước [được làm thủ công|làm bằng tay] hằng tháng, mỗi lần mất {a} ngày công.", "[Sai sót|Chênh lệch] thường chỉ được phát hiện [khi quyết toán|cuối năm]."],
            solution: ["Tác giả xây dựng bảng tính có công thức tự động so khớp theo số chứng từ, ngày và số tiền.",
                "Các dòng lệch được tô màu để kế toán viên kiểm tra lại.",
                "Bảng tính [có|kèm] hướng dẫn sử dụng và [được chia sẻ|chia sẻ] cho các đơn vị dự toán [cấp xã|trực thuộc]."],
            novelty: ["Dùng công cụ sẵn có, không phải mua phần mềm, có thể áp dụng cho các đơn vị dự toán cấp xã."],
            benefit: ["Thời gian đối chiếu giảm từ {a} ngày xuống [nửa ngày|{c} giờ] mỗi tháng."],
        ),
        topic!(Finance,
            titles: ["Quản lý tài sản công bằng mã vạch", "[Ứng dụng|Sử dụng] mã QR trong kiểm kê tài sản [công|của đơn vị]"],
            before: ["Kiểm kê tài sản cuối năm [kéo dài|mất] {a} ngày, [đối chiếu|ghi chép] bằng sổ.", "Nhiều tài sản [không rõ|thất lạc] nơi sử dụng, [khó|không thể] xác định người quản lý."],
            solution: ["Mỗi tài sản được dán nhãn mã vạch [ghi|chứa] mã tài sản, năm đưa vào sử dụng và [phòng|bộ phận] quản lý.",
                "Khi kiểm kê, cán bộ quét mã bằng điện thoại, [phần mềm|bảng tính] tự [cập nhật|đánh dấu] tình trạng.",
                "Tài sản hỏng, [chờ thanh lý|không dùng] được [lọc|liệt kê] tự động để [đề xuất xử lý|trình lãnh đạo]."],
            novelty: ["[Kiểm kê|Theo dõi] tài sản bằng điện thoại, không cần [thiết bị chuyên dụng|máy quét riêng]."],
            benefit: ["Thời gian kiểm kê giảm từ {a} ngày xuống {d} ngày; [xác định được|rà soát được] {n} tài sản [lâu nay|trước đây] không rõ nơi sử dụng."],
        ),
        topic!(Environment,
            titles: ["Phân loại rác thải sinh hoạt tại nguồn [ở khu dân cư|tại các tổ dân phố]", "Mô hình [thu gom|phân loại] rác thải [hữu cơ|sinh hoạt] tại hộ gia đình"],
            before: ["Rác thải sinh hoạt [không được phân loại|để lẫn], [bãi chôn lấp|điểm tập kết] quá tải.", "[Nhiều|Một số] hộ [đổ rác|vứt rác] ra bờ suối, ven đường."],
            solution: ["Mỗi hộ được phát {c} thùng [phân loại|khác màu] cho rác hữu cơ, rác tái chế và rác còn lại.",
                "Rác hữu cơ được ủ làm phân [tại vườn|tại nhà]; rác tái chế được [bán|gom] để lập quỹ [của tổ|tổ dân phố].",
                "Tổ dân phố [lập|thành lập] nhóm tuyên truyền [đến từng hộ|tận nhà] và [chấm điểm|khen thưởng] hộ làm tốt."],
            novelty: ["Dùng tiền bán rác tái chế [lập quỹ|làm quỹ] cho hoạt động của [tổ dân phố|khu dân cư]."],
            benefit: ["Lượng rác phải chôn lấp giảm {p}%; [không còn|hết] điểm đổ rác [tự phát|trái phép]."],
        ),
        topic!(Environment,
            titles: ["[Ứng dụng|Sử dụng] thiết bị bay không người lái giám sát [lấn chiếm|sử dụng] đất đai", "Giám sát [biến động|vi phạm] đất đai bằng ảnh chụp từ trên cao"],
            before: ["Việc kiểm tra [lấn chiếm|xây dựng trái phép] trên đất [công|nông nghiệp] dựa vào [đi thực địa|kiểm tra trực tiếp], [khó|không] phát hiện sớm.", "Địa bàn rộng, [đồi núi|địa hình phức tạp], cán bộ [địa chính|chuyên môn] ít."],
            solution: ["Đơn vị [bay chụp|chụp ảnh] {a} lần mỗi năm, [chồng ảnh|so sánh ảnh] với bản đồ địa chính để [khoanh vùng|phát hiện] biến động.",
                "Các điểm nghi vi phạm được [chuyển|giao] cho [cán bộ địa chính|tổ công tác] kiểm tra trong {c} ngày.",
                "Ảnh và kết quả xử lý được lưu [theo từng thửa đất|trên bản đồ số]."],
            novelty: ["[Phát hiện|Nhận biết] biến động đất đai từ ảnh chụp [định kỳ|từ trên cao] thay vì chỉ dựa vào [tin báo|kiểm tra trực tiếp]."],
            benefit: ["[Phát hiện|Xử lý] {b} trường hợp vi phạm ngay từ đầu; thời gian kiểm tra [giảm|rút ngắn] {p}%."],
        ),
        topic!(Culture,
            titles: ["Câu lạc bộ đọc sách cho thanh thiếu niên", "[Xây dựng|Duy trì] tủ sách cộng đồng [ở|tại] nhà văn hóa"],
            before: ["Thư viện [có|có hơn] {n} đầu sách nhưng ít người đến đọc.", "Thanh thiếu niên [dành nhiều thời gian|mải mê] cho điện thoại, [ít|hiếm khi] đọc sách."],
            solution: ["Câu lạc bộ đọc sách họp vào chiều thứ Bảy hằng tuần, mỗi buổi một bạn giới thiệu [cuốn sách|quyển sách] mình yêu thích.",
                "Câu lạc bộ quyên góp sách cũ, lập tủ sách lưu động đặt tại các [tổ dân phố|thôn].",
                "[Thành viên|Hội viên] [viết|đăng] cảm nhận về sách trên trang [mạng xã hội|Facebook] của [đoàn thể|câu lạc bộ]."],
            novelty: ["[Đưa sách|Mang sách] đến tận [khu dân cư|thôn, tổ] bằng tủ sách lưu động."],
            benefit: ["Sau một năm có {b} thành viên thường xuyên, lượt mượn sách tăng gấp {a} lần."],
        ),
        topic!(Culture,
            titles: ["Bảo tồn dân ca, dân vũ [của đồng bào dân tộc thiểu số|dân tộc Dao, Mông]", "[Truyền dạy|Khôi phục] làn điệu dân ca [trong trường học|tại các thôn]"],
            before: ["[Nhiều|Một số] làn điệu dân ca [có nguy cơ mai một|ít người còn nhớ], [người biết hát|nghệ nhân] đều đã cao tuổi.", "Thanh niên [ít quan tâm|không mặn mà] với [văn hóa truyền thống|dân ca]."],
            solution: ["[Đơn vị|Trung tâm] [ghi âm|sưu tầm] {b} làn điệu từ các nghệ nhân và [in|biên soạn] thành tập [bài hát|tài liệu].",
                "Nghệ nhân [truyền dạy|dạy hát] cho [học sinh|thanh niên] vào [cuối tuần|dịp hè] tại nhà văn hóa.",
                "Các đội văn nghệ [biểu diễn|tham gia] [trong các ngày hội|phục vụ khách du lịch]."],
            novelty: ["Kết hợp [truyền dạy|dạy hát] với [biểu diễn|phục vụ] du lịch cộng đồng."],
            benefit: ["{a} đội văn nghệ [duy trì|hoạt động] thường xuyên; [thu nhập|nguồn thu] từ biểu diễn [đủ trang trải|hỗ trợ] hoạt động."],
        ),
        topic!(Security,
            titles: ["Mô hình camera [giám sát|an ninh] kết nối cộng đồng", "[Lắp đặt|Ứng dụng] camera giám sát [giữ gìn|bảo đảm] an ninh trật tự [khu dân cư|trên địa bàn]"],
            before: ["[Trộm cắp|Trộm cắp tài sản] [xảy ra|diễn ra] [nhiều|thường xuyên] vào ban đêm, khó [xác minh|truy tìm] đối tượng.", "Lực lượng [công an|bảo vệ] [mỏng|ít], địa bàn rộng."],
            solution: ["[Người dân|Các hộ] [đóng góp|góp tiền] lắp {b} camera tại [các ngã ba, ngã tư|đường vào thôn], hình ảnh [chia sẻ|kết nối] về [công an xã|trụ sở công an].",
                "Tổ an ninh [xem lại|trích xuất] hình ảnh khi có [vụ việc|tin báo] và [phối hợp|báo cho] công an xử lý.",
                "[Quy chế|Quy định] sử dụng camera được [thống nhất|thông qua] tại [hội nghị|cuộc họp] thôn."],
            novelty: ["Huy động người dân [cùng lắp đặt|cùng đóng góp] và [cùng giám sát|cùng quản lý] camera."],
            benefit: ["Số vụ trộm cắp giảm {p}%; [hỗ trợ|giúp] [làm rõ|điều tra] {a} vụ việc."],
        ),
        topic!(Security,
            titles: ["Tổ liên gia an toàn phòng cháy, chữa cháy [tại khu dân cư|ở tổ dân phố]", "[Xây dựng|Nhân rộng] mô hình điểm chữa cháy công cộng"],
            before: ["[Nhiều|Phần lớn] nhà [ở liền kề|trong ngõ hẹp], xe chữa cháy [khó tiếp cận|không vào được].", "Người dân [chưa biết|lúng túng khi] sử dụng bình chữa cháy."],
            solution: ["Mỗi tổ liên gia gồm {a} đến {b} hộ, [đặt|bố trí] bình chữa cháy [dùng chung|tại điểm chung] và [lập|treo] sơ đồ thoát nạn.",
                "Công an [tập huấn|hướng dẫn] cách dùng bình chữa cháy và [thoát nạn|sơ cứu] [hằng năm|định kỳ].",
                "Nhóm Zalo của tổ liên gia [báo|thông báo] ngay khi có [sự cố|cháy]."],
            novelty: ["[Các hộ|Người dân] [tự quản|cùng quản lý] phương tiện chữa cháy ngay tại [ngõ|khu dân cư]."],
            benefit: ["{n} hộ tham gia; [các vụ cháy nhỏ|sự cố cháy] được [dập tắt|xử lý] kịp thời trước khi lực lượng chữa cháy đến."],
        ),
        topic!(Other,
            titles: ["[Ứng dụng|Sử dụng] phần mềm quản lý lịch công tác [của cơ quan|và phòng họp]", "Giải pháp [đặt|đăng ký] phòng họp và xe công [trực tuyến|qua phần mềm]"],
            before: ["Lịch công tác [ghi trên bảng|in giấy] [hằng tuần|mỗi tuần], [thay đổi|điều chỉnh] không kịp thông báo.", "[Trùng|Chồng chéo] lịch phòng họp, xe công [xảy ra thường xuyên|hay xảy ra]."],
            solution: ["Đơn vị dùng [lịch chia sẻ|lịch điện tử] miễn phí, mỗi phòng [cập nhật|đăng ký] lịch và [đặt|giữ] phòng họp, xe [trực tuyến|trên điện thoại].",
                "Lịch được [hiển thị|chiếu] trên màn hình ở sảnh và [gửi nhắc|nhắc] qua [thư điện tử|tin nhắn].",
                "Văn phòng [duyệt|xác nhận] yêu cầu trong ngày và [thống kê|báo cáo] tình hình sử dụng hằng tháng."],
            novelty: ["[Dùng|Tận dụng] [công cụ miễn phí|lịch điện tử miễn phí] thay cho [bảng ghi tay|sổ đăng ký]."],
            benefit: ["Không còn [trùng lịch|chồng chéo lịch]; [tiết kiệm|giảm] {p}% chi phí [nhiên liệu|xăng xe] nhờ [ghép chuyến|bố trí xe hợp lý]."],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{people, plan};
    use thidua_domain::initiative::{validate_authors, AuthorInput};
    use thidua_domain::similar::{DocMeta, IndexDoc, Probe, SimilarityIndex, LIKELY_SIMILAR};
    use thidua_domain::text;

    fn city() -> (SamplePlan, Vec<SampleInitiative>) {
        let p = plan(Scale::City, 2023);
        let list = initiatives(&p);
        (p, list)
    }

    fn doc(i: &SampleInitiative) -> IndexDoc {
        IndexDoc {
            meta: DocMeta {
                id: i.number as i64 + 1,
                year: i.year,
                unit_id: 0,
                field: i.field,
                scope: i.scope,
                status: i.status,
                authors: i
                    .authors
                    .iter()
                    .filter_map(|a| a.person.map(|p| p as i64))
                    .collect(),
            },
            title: i.title.clone(),
            sections: i.sections().iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn initiatives_are_deterministic_and_well_formed() {
        let (p, list) = city();
        assert_eq!(list.len(), 400);
        assert_eq!(list, initiatives(&p));
        assert_eq!(initiatives_n(&p, 50)[..], list[..50]);
        let people_count = p.people_count;
        let units: std::collections::HashSet<&str> =
            p.units.iter().map(|u| u.code.as_str()).collect();
        for i in &list {
            assert!(units.contains(i.unit_code.as_str()), "{}", i.unit_code);
            assert!((2019..=2025).contains(&i.year));
            assert!(i.applied_since <= i.submitted_on);
            for t in [&i.title, &i.before, &i.solution, &i.novelty, &i.benefit] {
                assert!(!t.contains(['{', '}', '[', ']', '|']), "{t}");
                assert_eq!(*t, text::nfc(t));
                assert!(t.split_whitespace().count() >= 4, "{t}");
            }
            let input: Vec<AuthorInput> = i
                .authors
                .iter()
                .map(|a| AuthorInput {
                    person_id: a.person.map(|p| p as i64),
                    name: a.name.clone(),
                    share: Some(a.share),
                })
                .collect();
            validate_authors(&input).unwrap_or_else(|e| panic!("{}: {e}", i.number));
            assert!(i
                .authors
                .iter()
                .all(|a| a.person.is_none_or(|p| p < people_count)));
            assert_eq!(i.scope.is_some(), i.status == Status::Recognised);
            assert!(i.benefit_vnd >= 0);
        }
        // The first author works in the initiative's unit.
        let all: Vec<_> = people(&p).collect();
        for i in list.iter().filter(|i| i.copy_of.is_none()).take(50) {
            if let Some(first) = i.authors[0].person {
                assert_eq!(all[first].unit_code, i.unit_code);
            }
        }
        let fields: std::collections::HashSet<Field> = list.iter().map(|i| i.field).collect();
        assert!(fields.len() >= 8, "{fields:?}");
        assert!(list.iter().any(|i| i.title.contains("UBND phường")));
    }

    #[test]
    fn near_duplicates_are_found_by_the_similarity_index() {
        let (_, list) = city();
        let copies: Vec<&SampleInitiative> = list.iter().filter(|i| i.copy_of.is_some()).collect();
        assert!(copies.len() >= 3, "{}", copies.len());
        assert!(
            copies.iter().any(|c| c.title.is_ascii()),
            "one typed without diacritics"
        );
        let index = SimilarityIndex::build(list.iter().map(doc));
        for c in &copies {
            let original = c.copy_of.unwrap_or_default();
            let sections = c.sections();
            let authors: Vec<i64> = c
                .authors
                .iter()
                .filter_map(|a| a.person.map(|p| p as i64))
                .collect();
            let probe = Probe {
                title: &c.title,
                sections: sections.to_vec(),
                year: Some(c.year),
                authors: &authors,
                exclude: Some(c.number as i64 + 1),
            };
            let m = index.query_with(&probe, 3, |_| true);
            assert!(!m.is_empty(), "copy {} finds nothing", c.number);
            // The original, or another copy of the same original.
            let top = (m[0].id - 1) as usize;
            let same_family = top == original || list[top].copy_of == Some(original);
            assert!(
                same_family,
                "copy {} of {original}: top {top} ({})",
                c.number, m[0].score
            );
            assert!(
                m[0].likely && m[0].score >= LIKELY_SIMILAR,
                "{}",
                m[0].score
            );
            if list[top].year < c.year {
                assert!(m[0].resubmission, "copy {} score {}", c.number, m[0].score);
            }
        }
    }

    fn rss_mb() -> f64 {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmRSS:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            })
            .map_or(0.0, |kb| kb / 1024.0)
    }

    fn percentiles(mut v: Vec<f64>) -> String {
        v.sort_by(f64::total_cmp);
        let at = |q: f64| v[((v.len() - 1) as f64 * q) as usize];
        format!(
            "p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            at(0.5),
            at(0.9),
            at(0.99),
            at(1.0)
        )
    }

    /// Not a test: the figures for docs/similarity.md. Run with
    /// `cargo test --release -p thidua-sample --lib measure_similarity -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn measure_similarity() {
        use std::time::Instant;
        use thidua_domain::similar::{Filter, PageRequest};
        let p = plan(Scale::Province, 2023);
        let t = Instant::now();
        let list = initiatives(&p);
        println!("generated {} initiatives in {:?}", list.len(), t.elapsed());
        let words: usize = list
            .iter()
            .map(|i| {
                i.sections()
                    .iter()
                    .map(|s| s.split_whitespace().count())
                    .sum::<usize>()
            })
            .sum();
        println!("syllables per initiative: {}", words / list.len());
        let before = rss_mb();
        let t = Instant::now();
        let mut index = SimilarityIndex::build(list.iter().map(doc));
        println!(
            "index built in {:?}, RSS +{:.0} MB",
            t.elapsed(),
            rss_mb() - before
        );

        let family = |i: usize| list[i].copy_of.unwrap_or(i);
        let mut full = Vec::new();
        let mut typing = Vec::new();
        let mut unrelated_top = Vec::new();
        let mut copy_scores = Vec::new();
        let mut missed = 0;
        for i in (0..list.len()).step_by(97) {
            let c = &list[i];
            let sections = c.sections();
            let probe = Probe {
                title: &c.title,
                sections: sections.to_vec(),
                year: Some(c.year),
                authors: &[],
                exclude: Some(i as i64 + 1),
            };
            let t = Instant::now();
            let m = index.query_with(&probe, 10, |_| true);
            full.push(t.elapsed().as_secs_f64() * 1000.0);
            let first_sentence = c.solution.split(". ").next().unwrap_or("");
            let t = Instant::now();
            let _ = index.query(&c.title, first_sentence, 10);
            typing.push(t.elapsed().as_secs_f64() * 1000.0);
            if c.copy_of.is_some() {
                match m.first() {
                    Some(top) if family(top.id as usize - 1) == family(i) => {
                        copy_scores.push(top.score)
                    }
                    _ => missed += 1,
                }
            } else {
                let best = m
                    .iter()
                    .find(|x| family(x.id as usize - 1) != family(i))
                    .map_or(0.0, |x| x.score);
                unrelated_top.push(best);
            }
        }
        println!("similar, full text, k=10: {}", percentiles(full));
        println!("similar, title + one sentence: {}", percentiles(typing));
        unrelated_top.sort_by(f32::total_cmp);
        let q = |v: &[f32], x: f64| v[((v.len() - 1) as f64 * x) as usize];
        println!(
            "best score against other topics' or the same topic's unrelated initiatives ({}): p50 {:.3} p90 {:.3} p99 {:.3} max {:.3}; likely-similar {}",
            unrelated_top.len(), q(&unrelated_top, 0.5), q(&unrelated_top, 0.9), q(&unrelated_top, 0.99), q(&unrelated_top, 1.0),
            unrelated_top.iter().filter(|s| **s >= LIKELY_SIMILAR).count()
        );
        copy_scores.sort_by(f32::total_cmp);
        if !copy_scores.is_empty() {
            println!(
                "near-duplicates found: {} (missed {missed}), scores min {:.3} p50 {:.3}",
                copy_scores.len(),
                copy_scores[0],
                q(&copy_scores, 0.5)
            );
        }
        let all_copies: Vec<f32> = list
            .iter()
            .filter(|c| c.copy_of.is_some())
            .take(300)
            .filter_map(|c| {
                let sections = c.sections();
                let probe = Probe {
                    title: &c.title,
                    sections: sections.to_vec(),
                    year: Some(c.year),
                    authors: &[],
                    exclude: Some(c.number as i64 + 1),
                };
                index
                    .query_with(&probe, 1, |_| true)
                    .first()
                    .map(|m| m.score)
            })
            .collect();
        let mut sorted = all_copies.clone();
        sorted.sort_by(f32::total_cmp);
        println!(
            "300 copies, top score: min {:.3} p10 {:.3} p50 {:.3}",
            sorted[0],
            q(&sorted, 0.1),
            q(&sorted, 0.5)
        );

        let queries = [
            "số hóa hồ sơ",
            "tiet kiem dien",
            "giáo viên",
            "ph",
            "hồ sơ một c",
            "camera giám sát an ninh",
            "phân loại rác tại nguồn",
            "bảng tương tác tiếng anh lớp 4",
            "x",
        ];
        let mut times = Vec::new();
        for _ in 0..5 {
            for q in queries {
                let t = Instant::now();
                let r = index.search(q, |_| true, PageRequest::default());
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                std::hint::black_box(r);
            }
        }
        println!("search, no filter: {}", percentiles(times));
        let f = Filter {
            year: Some(2024),
            ..Default::default()
        };
        let mut times = Vec::new();
        for _ in 0..5 {
            for q in queries {
                let t = Instant::now();
                let r = index.search(q, |m| f.matches(m), PageRequest::default());
                times.push(t.elapsed().as_secs_f64() * 1000.0);
                std::hint::black_box(r);
            }
        }
        println!("search, year filter: {}", percentiles(times));
        for q in queries {
            let t = Instant::now();
            let r = index.search(q, |_| true, PageRequest::default());
            println!(
                "  {q:?}: {} hits in {:.2} ms",
                r.total,
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
        let t = Instant::now();
        for i in 0..200 {
            let d = doc(&list[i * 101]);
            index.upsert(d);
        }
        println!(
            "upsert (replace) x200: {:.2} ms each",
            t.elapsed().as_secs_f64() * 1000.0 / 200.0
        );
        let t = Instant::now();
        for i in 0..200 {
            index.remove((i * 101) as i64 + 1);
        }
        println!(
            "remove x200: {:.2} ms each",
            t.elapsed().as_secs_f64() * 1000.0 / 200.0
        );
    }
}
