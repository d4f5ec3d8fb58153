//! The yearly pre-check of everyone (issue 7, "Speed"; the page `/ra-soat`): every person's case
//! for every individual title of a year, built from rows read in a fixed number of queries
//! ([`Store::person_case_rows`]) and judged by the rules engine on every core
//! ([`Store::precheck_everyone`]). The cases are the ones [`Store::case_for_person`] builds for one
//! person (a test compares them); they are built from sorted rows with one cursor per table, a
//! range of people per thread, and judged as they are built, so that no case of 100,000 people is
//! kept longer than its judging.

use crate::entity::{
    award_decisions, decision_lines, imported_achievements, initiative_authors, initiatives,
    people, ratings, recognitions,
};
use crate::{Result, Store, StoreError};
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Alias, BinOper, CaseStatement, Expr, Func, Query, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{BTreeSet, HashMap, HashSet};
use thidua_domain::commendation::DecisionStatus;
use thidua_domain::rules::{
    self, Case, Category, Rating, Recognition, RuleTables, Scope, StaffLevel, Subject, SubjectKind,
    YearRecord,
};

/// One person as the pre-check needs them.
#[derive(Debug, Clone, Copy)]
struct PersonRow {
    id: i64,
    unit_id: i64,
    staff_level: Option<StaffLevel>,
    union_member: bool,
}

/// The rows every person's case is built from, read in a fixed number of queries (not one per
/// person): people, ratings up to the year, record lines of final decisions, imported history, and
/// recognised initiatives with their authors. See [`Store::person_case_rows`]. Every list is
/// sorted by person (then year), so that one pass with a cursor per list builds the cases.
#[derive(Debug, Default)]
pub struct PersonCaseRows {
    /// Sorted by id.
    people: Vec<PersonRow>,
    /// (person, year, rating; `None` for a code the rules engine does not know), sorted.
    ratings: Vec<(i64, i32, Option<Rating>)>,
    /// (person, year, award) of the record, sorted, once each (as `titles_by_year`).
    titles: Vec<(i64, i32, String)>,
    /// (author, year, scope) of recognised initiatives, sorted, once each (as
    /// `recognised_initiatives_of`).
    initiatives: Vec<(i64, i32, Scope)>,
    /// How many rows the queries answered.
    read: usize,
}

/// What the pre-check of everyone found for one title.
#[derive(Debug, Clone, Default)]
pub struct TitleTally {
    /// The catalogue's code.
    pub title: String,
    /// Its name.
    pub name: String,
    /// People judged.
    pub judged: usize,
    /// Those who meet every criterion that the data can decide, as (person, their unit), by person
    /// id (ascending).
    pub eligible: Vec<(i64, i64)>,
    /// Cases the engine could not judge (data it refuses); counted, not hidden.
    pub errors: usize,
}

/// The pre-check of everyone for every individual title of a year ([`Store::precheck_everyone`]).
#[derive(Debug, Clone)]
pub struct Precheck {
    pub year: i32,
    pub decision_date: NaiveDate,
    /// People judged.
    pub people: usize,
    /// Rows read from the database.
    pub rows: usize,
    pub titles: Vec<TitleTally>,
}

impl PersonCaseRows {
    /// How many records the cases are built from (people, ratings by year, record lines,
    /// recognised initiatives by author).
    pub fn len(&self) -> usize {
        self.read
    }

    /// Whether nothing was read.
    pub fn is_empty(&self) -> bool {
        self.read == 0
    }

    /// How many people the rows cover.
    pub fn people(&self) -> usize {
        self.people.len()
    }

    /// Every person's case for `award` in `year` by a decision on `decision_date`, by person id
    /// (ascending); the same case as [`Store::case_for_person`] builds for one person.
    pub fn cases(&self, award: &str, year: i32, decision_date: NaiveDate) -> Vec<(i64, Case)> {
        let mut cursor = Cursor::at(self, 0);
        self.people
            .iter()
            .map(|p| (p.id, cursor.case(p, award, year, decision_date)))
            .collect()
    }

    /// Judges every person for each of `titles` in `year` (a decision on `decision_date`), the
    /// people split in `threads` ranges judged at once. Each case is built once and judged for
    /// every title.
    pub fn judge_all(
        &self,
        titles: &[(String, String)],
        year: i32,
        decision_date: NaiveDate,
        tables: &RuleTables,
        threads: usize,
    ) -> Vec<TitleTally> {
        let Some((first, _)) = titles.first() else {
            return Vec::new();
        };
        let per = self.people.len().div_ceil(threads.max(1)).max(1);
        let parts: Vec<Vec<TitleTally>> = std::thread::scope(|s| {
            let workers: Vec<_> = (0..self.people.len())
                .step_by(per)
                .map(|from| {
                    s.spawn(move || {
                        let to = (from + per).min(self.people.len());
                        let mut cursor = Cursor::at(self, from);
                        let mut tally = vec![TitleTally::default(); titles.len()];
                        for p in &self.people[from..to] {
                            let mut case = cursor.case(p, first, year, decision_date);
                            for ((title, _), t) in titles.iter().zip(tally.iter_mut()) {
                                case.title.clone_from(title);
                                t.judged += 1;
                                match rules::judge(&case, tables) {
                                    Ok(v) if v.eligible => t.eligible.push((p.id, p.unit_id)),
                                    Ok(_) => {}
                                    Err(_) => t.errors += 1,
                                }
                            }
                        }
                        tally
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("a pre-check thread does not panic"))
                .collect()
        });
        let mut out: Vec<TitleTally> = titles
            .iter()
            .map(|(code, name)| TitleTally {
                title: code.clone(),
                name: name.clone(),
                ..TitleTally::default()
            })
            .collect();
        // The parts come in the order of their ranges, so the ids stay ascending.
        for part in parts {
            for (t, p) in out.iter_mut().zip(part) {
                t.judged += p.judged;
                t.errors += p.errors;
                t.eligible.extend(p.eligible);
            }
        }
        out
    }

    /// Keeps only the people of these units (and their rows).
    fn only_units(&mut self, units: &HashSet<i64>) {
        self.people.retain(|p| units.contains(&p.unit_id));
        let kept: HashSet<i64> = self.people.iter().map(|p| p.id).collect();
        self.ratings.retain(|r| kept.contains(&r.0));
        self.titles.retain(|r| kept.contains(&r.0));
        self.initiatives.retain(|r| kept.contains(&r.0));
    }
}

/// Where one walk through the sorted rows stands: the next rating, title and initiative row.
struct Cursor<'a> {
    rows: &'a PersonCaseRows,
    rating: usize,
    title: usize,
    initiative: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the rows of the person at `people[from]`.
    fn at(rows: &'a PersonCaseRows, from: usize) -> Cursor<'a> {
        let Some(first) = rows.people.get(from).map(|p| p.id) else {
            return Cursor {
                rows,
                rating: rows.ratings.len(),
                title: rows.titles.len(),
                initiative: rows.initiatives.len(),
            };
        };
        Cursor {
            rows,
            rating: rows.ratings.partition_point(|r| r.0 < first),
            title: rows.titles.partition_point(|r| r.0 < first),
            initiative: rows.initiatives.partition_point(|r| r.0 < first),
        }
    }

    /// The case of `p` (the next person in id order) for `award`.
    fn case(&mut self, p: &PersonRow, award: &str, year: i32, decision_date: NaiveDate) -> Case {
        Case {
            subject: Subject::Individual,
            title: award.to_owned(),
            year,
            decision_date,
            received_on: None,
            history: self.history(p.id, decision_date.year()),
            discipline_pending: false,
            disciplined: None,
            members: None,
            staff_level: p.staff_level,
            union_member: Some(p.union_member),
            issuer: None,
        }
    }

    /// The years of `person` up to `last`, ascending; the rows of people before them (without a
    /// person row) are passed over.
    fn history(&mut self, person: i64, last: i32) -> Vec<YearRecord> {
        let rows = self.rows;
        let mut years: Vec<YearRecord> = Vec::new();
        fn year_of(years: &mut Vec<YearRecord>, y: i32) -> &mut YearRecord {
            let at = years.partition_point(|r| r.year < y);
            if years.get(at).is_none_or(|r| r.year != y) {
                years.insert(at, YearRecord::empty(y));
            }
            &mut years[at]
        }
        while let Some(&(p, y, r)) = rows.ratings.get(self.rating) {
            if p > person {
                break;
            }
            if p == person && y <= last {
                year_of(&mut years, y).rating = r;
            }
            self.rating += 1;
        }
        while let Some((p, y, a)) = rows.titles.get(self.title) {
            if *p > person {
                break;
            }
            if *p == person && *y <= last {
                year_of(&mut years, *y).titles.push(a.clone());
            }
            self.title += 1;
        }
        while let Some(&(p, y, scope)) = rows.initiatives.get(self.initiative) {
            if p > person {
                break;
            }
            if p == person && y <= last {
                year_of(&mut years, y).initiatives.push(Recognition {
                    scope,
                    benefit_vnd: None,
                    name: None,
                });
            }
            self.initiative += 1;
        }
        years
    }
}

/// The catalogue's individual titles (not the forms, not the union's awards): (code, name).
pub fn individual_titles(tables: &RuleTables) -> Vec<(String, String)> {
    tables
        .catalogue
        .iter()
        .filter(|c| c.category == Category::Title && c.subject == SubjectKind::Individual)
        .map(|c| (c.code.clone(), c.name.clone()))
        .collect()
}

/// Years of ratings packed in one integer by [`Store::person_case_rows`]: a person's ratings of
/// `RATING_SPAN` consecutive years (those with the same `year / RATING_SPAN`) summed in SQL as
/// `code << (RATING_BITS * (year % RATING_SPAN))`, one row per person and span instead of one per
/// year. 20 years of 3 bits: at most 60 bits, a positive BIGINT on both engines.
const RATING_SPAN: i32 = 20;
const RATING_BITS: i32 = 3;
/// The packed code of a rating the rules engine does not know (the year is kept, its rating not).
const RATING_UNKNOWN: i64 = 7;

/// `CASE rating WHEN 'hoan_thanh_xuat_sac' THEN 1 … ELSE 7 END`: the rating as a small number (its
/// place in `Rating::ALL`, from 1), so that no text is read.
fn rating_code_expr() -> SimpleExpr {
    let mut case = CaseStatement::new();
    for (i, r) in Rating::ALL.iter().enumerate() {
        case = case.case(
            Expr::col((ratings::Entity, ratings::Column::Rating)).eq(r.code()),
            i as i64 + 1,
        );
    }
    case.finally(RATING_UNKNOWN).into()
}

fn task_failed(e: tokio::task::JoinError) -> StoreError {
    StoreError::Other(format!("Đọc dữ liệu bị gián đoạn: {e}"))
}

/// Unpacks one row of the packed ratings (see [`RATING_SPAN`]) into (person, year, rating).
fn unpack_ratings(person: i64, span: i32, packed: i64, out: &mut Vec<(i64, i32, Option<Rating>)>) {
    for k in 0..RATING_SPAN {
        let code = (packed >> (RATING_BITS * k)) & ((1 << RATING_BITS) - 1);
        if code != 0 {
            let rating = usize::try_from(code - 1)
                .ok()
                .and_then(|i| Rating::ALL.get(i))
                .copied();
            out.push((person, span * RATING_SPAN + k, rating));
        }
    }
}

impl Store {
    /// Pre-checks every person (or every person of `units`) for every individual title of `year`,
    /// as a decision on `decision_date` would judge them: their records read at once
    /// ([`Store::person_case_rows`]), each case built once and judged for every title on every core.
    pub async fn precheck_everyone(
        &self,
        year: i32,
        decision_date: NaiveDate,
        units: Option<&HashSet<i64>>,
    ) -> Result<Precheck> {
        let tables = self.rule_tables().await?;
        let titles = individual_titles(&tables);
        let mut rows = self.person_case_rows(decision_date).await?;
        if let Some(units) = units {
            rows.only_units(units);
        }
        let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::task::spawn_blocking(move || Precheck {
            year,
            decision_date,
            people: rows.people(),
            rows: rows.len(),
            titles: rows.judge_all(&titles, year, decision_date, &tables, threads),
        })
        .await
        .map_err(task_failed)
    }

    /// The rows of every person's case up to the year of `decision_date` (see [`PersonCaseRows`]):
    /// a fixed number of queries whatever the number of people, run at once on several
    /// connections. Only numbers are read for the big table: the ratings come packed (see
    /// [`RATING_SPAN`]), one row per person instead of one per year and no text, since decoding
    /// rows is what reading 450,000 ratings costs.
    pub async fn person_case_rows(&self, decision_date: NaiveDate) -> Result<PersonCaseRows> {
        let last = decision_date.year();
        let db = &self.db;
        let own = self.db.clone();
        let people = async move {
            people::Entity::find()
                .select_only()
                .columns([
                    people::Column::Id,
                    people::Column::UnitId,
                    people::Column::StaffLevel,
                    people::Column::UnionMember,
                ])
                .into_tuple::<(i64, i64, String, bool)>()
                .all(&own)
                .await
        };
        let own = self.db.clone();
        let ratings = async move {
            let db = &own;
            let year = || Expr::col((ratings::Entity, ratings::Column::Year));
            let span = year().div(RATING_SPAN);
            let shifted = Expr::expr(rating_code_expr())
                .cast_as(Alias::new("BIGINT"))
                .binary(
                    BinOper::LShift,
                    Expr::val(RATING_BITS).mul(year().modulo(RATING_SPAN)),
                );
            // Grouped by the output column's name: PostgreSQL does not see two `year / $n` with
            // their own parameters as the same expression.
            let q = Query::select()
                .column((ratings::Entity, ratings::Column::PersonId))
                .expr_as(
                    Expr::expr(span).cast_as(Alias::new("BIGINT")),
                    Alias::new("span"),
                )
                .expr(Expr::expr(Func::sum(shifted)).cast_as(Alias::new("BIGINT")))
                .from(ratings::Entity)
                .and_where(year().lte(last))
                .add_group_by([
                    Expr::col((ratings::Entity, ratings::Column::PersonId)).into(),
                    Expr::col(Alias::new("span")).into(),
                ])
                .to_owned();
            let rows = db.query_all(db.get_database_backend().build(&q)).await?;
            let mut out = Vec::with_capacity(rows.len() * 5);
            for r in rows {
                let person: i64 = r.try_get_by_index(0)?;
                let span: i64 = r.try_get_by_index(1)?;
                let packed: i64 = r.try_get_by_index(2)?;
                unpack_ratings(person, span as i32, packed, &mut out);
            }
            Ok::<_, sea_orm::DbErr>(out)
        };
        let finals = async {
            award_decisions::Entity::find()
                .select_only()
                .column(award_decisions::Column::Id)
                .filter(award_decisions::Column::Status.eq(DecisionStatus::Final.code()))
                .into_tuple::<i64>()
                .all(db)
                .await
        };
        let lines = async {
            decision_lines::Entity::find()
                .select_only()
                .columns([
                    decision_lines::Column::DecisionId,
                    decision_lines::Column::PersonId,
                    decision_lines::Column::Year,
                    decision_lines::Column::Award,
                ])
                .filter(decision_lines::Column::PersonId.is_not_null())
                .into_tuple::<(i64, Option<i64>, i32, String)>()
                .all(db)
                .await
        };
        let imported = async {
            imported_achievements::Entity::find()
                .select_only()
                .columns([
                    imported_achievements::Column::PersonId,
                    imported_achievements::Column::Year,
                    imported_achievements::Column::Award,
                ])
                .filter(imported_achievements::Column::PersonId.is_not_null())
                .into_tuple::<(Option<i64>, i32, String)>()
                .all(db)
                .await
        };
        let live = async {
            initiatives::Entity::find()
                .select_only()
                .column(initiatives::Column::Id)
                .filter(initiatives::Column::Deleted.eq(false))
                .into_tuple::<i64>()
                .all(db)
                .await
        };
        let recognitions = async {
            recognitions::Entity::find()
                .select_only()
                .columns([
                    recognitions::Column::InitiativeId,
                    recognitions::Column::Year,
                    recognitions::Column::Scope,
                ])
                .filter(recognitions::Column::Recognised.eq(true))
                .into_tuple::<(i64, i32, String)>()
                .all(db)
                .await
        };
        let authors = async {
            initiative_authors::Entity::find()
                .select_only()
                .columns([
                    initiative_authors::Column::PersonId,
                    initiative_authors::Column::InitiativeId,
                ])
                .filter(initiative_authors::Column::PersonId.is_not_null())
                .into_tuple::<(Option<i64>, i64)>()
                .all(db)
                .await
        };
        // The two big reads run on their own tasks (and connections): SQLite decodes rows on the
        // connection's thread, so they read on both cores.
        let people = tokio::spawn(people);
        let ratings = tokio::spawn(ratings);
        let (finals, lines, imported, live, recognitions, authors) =
            tokio::try_join!(finals, lines, imported, live, recognitions, authors)?;
        let finals: BTreeSet<i64> = finals.into_iter().collect();
        let mut titles: Vec<(i64, i32, String)> = lines
            .into_iter()
            .filter(|(d, ..)| finals.contains(d))
            .filter_map(|(_, p, y, a)| Some((p?, y, a)))
            .collect();
        titles.extend(
            imported
                .into_iter()
                .filter_map(|(p, y, a)| Some((p?, y, a))),
        );
        titles.sort_unstable();
        titles.dedup();
        // Recognised initiatives of live (not deleted) initiatives, as (author, year, scope).
        let live: HashSet<i64> = live.into_iter().collect();
        let mut by_initiative: HashMap<i64, Vec<(i32, Scope)>> = HashMap::new();
        for (i, y, s) in recognitions {
            if let (true, Some(s)) = (live.contains(&i), Scope::from_code(&s)) {
                by_initiative.entry(i).or_default().push((y, s));
            }
        }
        let mut initiatives: Vec<(i64, i32, Scope)> = authors
            .into_iter()
            .filter_map(|(p, i)| Some((p?, by_initiative.get(&i)?)))
            .flat_map(|(p, v)| v.iter().map(move |&(y, s)| (p, y, s)))
            .collect();
        initiatives.sort_unstable();
        initiatives.dedup();
        let mut people: Vec<PersonRow> = people
            .await
            .map_err(task_failed)??
            .into_iter()
            .map(|(id, unit_id, staff_level, union_member)| PersonRow {
                id,
                unit_id,
                staff_level: crate::commendation::staff_level_of(&staff_level),
                union_member,
            })
            .collect();
        // Both come in id order from SQLite's tables; sorting sorted data is one pass.
        people.sort_unstable_by_key(|p| p.id);
        let mut ratings = ratings.await.map_err(task_failed)??;
        ratings.sort_unstable_by_key(|r| (r.0, r.1));
        let read = people.len() + ratings.len() + titles.len() + initiatives.len();
        Ok(PersonCaseRows {
            people,
            ratings,
            titles,
            initiatives,
            read,
        })
    }
}
