//! Review reports (sơ kết, tổng kết): the one source of every figure that dashboards, report pages,
//! the API, DOCX and XLSX show. Each figure is an SQL aggregate grouped by unit (GROUP BY through
//! sea-query, written once for both engines); groups and the city are sums of their units, done in
//! `domain::report::Figures::add`, so that a total always equals the sum of its parts. What each
//! figure counts: `docs/reports.md`.

use crate::entity::{
    award_decisions, decision_lines, directive_tasks, directive_units, directives,
    imported_achievements, initiatives, people, posts, recognitions, registrations, replications,
    task_reports, units,
};
use crate::{Result, Store};
use chrono::NaiveDate;
use sea_orm::sea_query::{
    Alias, Expr, ExprTrait, Func, IntoColumnRef, JoinType, Query, SelectStatement, SimpleExpr,
};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use thidua_domain::movement::DirectiveStatus;
use thidua_domain::report::{Figures, Period, Report, Row, Subject};

/// What a report is asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportScope {
    /// Every unit.
    City,
    /// A recipient group and its units.
    Group(i64),
    /// A unit and the units under it.
    Unit(i64),
}

fn big(e: SimpleExpr) -> SimpleExpr {
    // SUM of an integer is NUMERIC on PostgreSQL: read every aggregate as a 64-bit integer.
    Func::cast_as(e, Alias::new("BIGINT")).into()
}

fn count() -> SimpleExpr {
    big(Func::count(Expr::cust("*")).into())
}

fn sum(e: impl Into<SimpleExpr>) -> SimpleExpr {
    big(Func::coalesce([Func::sum(e.into()).into(), Expr::val(0i64).into()]).into())
}

fn sum_if(cond: SimpleExpr) -> SimpleExpr {
    sum(Expr::case(cond, Expr::val(1i64)).finally(Expr::val(0i64)))
}

fn col<T: IntoColumnRef>(c: T) -> Expr {
    Expr::col(c)
}

/// The statements of one period's figures, by unit. Public so that tests and the benchmark can see
/// what runs; [`Store::unit_figures`] runs them.
pub struct FigureQueries {
    pub registrations: SelectStatement,
    pub tasks: SelectStatement,
    pub posts: SelectStatement,
    pub initiatives: SelectStatement,
    pub recognitions: SelectStatement,
    pub replications: SelectStatement,
    pub decided: SelectStatement,
    pub imported: SelectStatement,
}

impl FigureQueries {
    /// The statements for `period`, task cells judged on `today`.
    pub fn new(period: &Period, today: NaiveDate) -> FigureQueries {
        let (from, to) = (period.from, period.to);
        let registrations = Query::select()
            .column(registrations::Column::UnitId)
            .expr(count())
            .from(registrations::Entity)
            .and_where(
                col(registrations::Column::Year).between(period.first_year, period.last_year),
            )
            .group_by_col(registrations::Column::UnitId)
            .to_owned();

        // Unit × task cells of issued directives due in the period, judged as
        // `movement::CellState::of` judges them (a deadline is always set here): sent by the
        // deadline = reported; sent after = reported late; not sent and past = late; else pending.
        let due = (directive_tasks::Entity, directive_tasks::Column::DueOn);
        let sent = (task_reports::Entity, task_reports::Column::SubmittedOn);
        let tasks = Query::select()
            .column((directive_units::Entity, directive_units::Column::UnitId))
            .expr(sum_if(col(sent).is_not_null().and(col(sent).lte(col(due)))))
            .expr(sum_if(col(sent).is_not_null().and(col(sent).gt(col(due)))))
            .expr(sum_if(col(sent).is_null().and(col(due).lt(today))))
            .expr(sum_if(col(sent).is_null().and(col(due).gte(today))))
            .from(directive_units::Entity)
            .join(
                JoinType::InnerJoin,
                directives::Entity,
                col((directives::Entity, directives::Column::Id)).equals((
                    directive_units::Entity,
                    directive_units::Column::DirectiveId,
                )),
            )
            .join(
                JoinType::InnerJoin,
                directive_tasks::Entity,
                col((
                    directive_tasks::Entity,
                    directive_tasks::Column::DirectiveId,
                ))
                .equals((
                    directive_units::Entity,
                    directive_units::Column::DirectiveId,
                )),
            )
            .join(
                JoinType::LeftJoin,
                task_reports::Entity,
                col((task_reports::Entity, task_reports::Column::TaskId))
                    .equals((directive_tasks::Entity, directive_tasks::Column::Id))
                    .and(
                        col((task_reports::Entity, task_reports::Column::UnitId))
                            .equals((directive_units::Entity, directive_units::Column::UnitId)),
                    ),
            )
            .and_where(
                col((directives::Entity, directives::Column::Status))
                    .eq(DirectiveStatus::Issued.code()),
            )
            .and_where(col(due).between(from, to))
            .group_by_col((directive_units::Entity, directive_units::Column::UnitId))
            .to_owned();

        let posts = Query::select()
            .column(posts::Column::UnitId)
            .column(posts::Column::Kind)
            .expr(count())
            .expr(sum(col(posts::Column::Participants)))
            .from(posts::Entity)
            .and_where(col(posts::Column::OccurredOn).between(from, to))
            .group_by_col(posts::Column::UnitId)
            .group_by_col(posts::Column::Kind)
            .to_owned();

        let initiatives = Query::select()
            .column(initiatives::Column::UnitId)
            .column(initiatives::Column::Kind)
            .column(initiatives::Column::Status)
            .expr(count())
            .from(initiatives::Entity)
            // The year first: it is in an index (unit, year), so the wide rows of other years are
            // never read.
            .and_where(col(initiatives::Column::Year).between(period.first_year, period.last_year))
            .and_where(col(initiatives::Column::Deleted).eq(false))
            .and_where(col(initiatives::Column::SubmittedOn).between(from, to))
            .group_by_col(initiatives::Column::UnitId)
            .group_by_col(initiatives::Column::Kind)
            .group_by_col(initiatives::Column::Status)
            .to_owned();

        let recognitions = Query::select()
            .column((initiatives::Entity, initiatives::Column::UnitId))
            .column((recognitions::Entity, recognitions::Column::Scope))
            .expr(count())
            .from(recognitions::Entity)
            .join(
                JoinType::InnerJoin,
                initiatives::Entity,
                col((initiatives::Entity, initiatives::Column::Id))
                    .equals((recognitions::Entity, recognitions::Column::InitiativeId)),
            )
            .and_where(col((recognitions::Entity, recognitions::Column::Recognised)).eq(true))
            .and_where(col((initiatives::Entity, initiatives::Column::Deleted)).eq(false))
            .and_where(
                col((recognitions::Entity, recognitions::Column::DecidedOn)).between(from, to),
            )
            .group_by_col((initiatives::Entity, initiatives::Column::UnitId))
            .group_by_col((recognitions::Entity, recognitions::Column::Scope))
            .to_owned();

        let replications = Query::select()
            .column(replications::Column::UnitId)
            .expr(count())
            .from(replications::Entity)
            .and_where(col(replications::Column::AdoptedOn).between(from, to))
            .group_by_col(replications::Column::UnitId)
            .to_owned();

        // Lines of final decisions signed in the period, at the unit the line names.
        let decided = Query::select()
            .column((decision_lines::Entity, decision_lines::Column::UnitId))
            .column((decision_lines::Entity, decision_lines::Column::Award))
            .expr(count())
            .expr(sum(col((
                decision_lines::Entity,
                decision_lines::Column::AmountVnd,
            ))))
            .from(decision_lines::Entity)
            .join(
                JoinType::InnerJoin,
                award_decisions::Entity,
                col((award_decisions::Entity, award_decisions::Column::Id))
                    .equals((decision_lines::Entity, decision_lines::Column::DecisionId)),
            )
            .and_where(
                col((award_decisions::Entity, award_decisions::Column::Status))
                    .eq(thidua_domain::commendation::DecisionStatus::Final.code()),
            )
            .and_where(
                col((award_decisions::Entity, award_decisions::Column::SignedOn)).between(from, to),
            )
            .and_where(col((decision_lines::Entity, decision_lines::Column::UnitId)).is_not_null())
            .group_by_col((decision_lines::Entity, decision_lines::Column::UnitId))
            .group_by_col((decision_lines::Entity, decision_lines::Column::Award))
            .to_owned();

        // Imported history decided in the period, at its unit or its person's unit.
        let unit_of: SimpleExpr = Func::coalesce([
            col((
                imported_achievements::Entity,
                imported_achievements::Column::UnitId,
            ))
            .into(),
            col((people::Entity, people::Column::UnitId)).into(),
        ])
        .into();
        let imported = Query::select()
            .expr(unit_of.clone())
            .column((
                imported_achievements::Entity,
                imported_achievements::Column::Award,
            ))
            .expr(count())
            .expr(sum(col((
                imported_achievements::Entity,
                imported_achievements::Column::AmountVnd,
            ))))
            .from(imported_achievements::Entity)
            .join(
                JoinType::LeftJoin,
                people::Entity,
                col((people::Entity, people::Column::Id)).equals((
                    imported_achievements::Entity,
                    imported_achievements::Column::PersonId,
                )),
            )
            .and_where(
                col((
                    imported_achievements::Entity,
                    imported_achievements::Column::DecidedOn,
                ))
                .between(from, to),
            )
            .and_where(unit_of.clone().is_not_null())
            .add_group_by([
                unit_of,
                col((
                    imported_achievements::Entity,
                    imported_achievements::Column::Award,
                ))
                .into(),
            ])
            .to_owned();

        FigureQueries {
            registrations,
            tasks,
            posts,
            initiatives,
            recognitions,
            replications,
            decided,
            imported,
        }
    }
}

async fn rows(db: &DatabaseConnection, q: &SelectStatement) -> Result<Vec<sea_orm::QueryResult>> {
    let stmt = db.get_database_backend().build(q);
    Ok(db.query_all(stmt).await?)
}

fn n(v: i64) -> u64 {
    v.max(0) as u64
}

/// Runs the statements of one period and gathers their rows into figures by unit.
async fn figures_by_unit(
    db: &DatabaseConnection,
    q: &FigureQueries,
) -> Result<BTreeMap<i64, Figures>> {
    let (reg, tasks, posts_rows, ini, rec, rep, dec, imp) = tokio::try_join!(
        rows(db, &q.registrations),
        rows(db, &q.tasks),
        rows(db, &q.posts),
        rows(db, &q.initiatives),
        rows(db, &q.recognitions),
        rows(db, &q.replications),
        rows(db, &q.decided),
        rows(db, &q.imported),
    )?;
    let mut out: BTreeMap<i64, Figures> = BTreeMap::new();
    for r in reg {
        let (u, c): (i64, i64) = r.try_get_many_by_index()?;
        out.entry(u).or_default().registrations += n(c);
    }
    for r in tasks {
        let (u, on_time, late, missed, pending): (i64, i64, i64, i64, i64) =
            r.try_get_many_by_index()?;
        let f = out.entry(u).or_default();
        f.tasks_on_time += n(on_time);
        f.tasks_late += n(late);
        f.tasks_not_reported += n(missed);
        f.tasks_pending += n(pending);
    }
    for r in posts_rows {
        let (u, kind, c, reached): (i64, String, i64, i64) = r.try_get_many_by_index()?;
        let f = out.entry(u).or_default();
        if kind == thidua_domain::movement::PostKind::Event.code() {
            f.events += n(c);
        } else {
            f.posts += n(c);
        }
        f.people_reached += n(reached);
    }
    for r in ini {
        let (u, kind, status, c): (i64, String, String, i64) = r.try_get_many_by_index()?;
        let f = out.entry(u).or_default();
        if kind == thidua_domain::initiative::Kind::Idea.code() {
            f.ideas += n(c);
        } else {
            f.initiatives += n(c);
        }
        *f.initiatives_by_status.entry(status).or_default() += n(c);
    }
    for r in rec {
        let (u, scope, c): (i64, String, i64) = r.try_get_many_by_index()?;
        *out.entry(u)
            .or_default()
            .recognitions_by_scope
            .entry(scope)
            .or_default() += n(c);
    }
    for r in rep {
        let (u, c): (i64, i64) = r.try_get_many_by_index()?;
        out.entry(u).or_default().replications += n(c);
    }
    for r in dec.into_iter().chain(imp) {
        let (u, award, c, money): (i64, String, i64, i64) = r.try_get_many_by_index()?;
        let f = out.entry(u).or_default();
        *f.awards.entry(award).or_default() += n(c);
        f.award_money_vnd += money;
    }
    Ok(out)
}

/// The figures of every unit with any, for a period and the period before.
#[derive(Debug, Clone, Default)]
pub struct UnitFigures {
    pub current: BTreeMap<i64, Figures>,
    pub previous: BTreeMap<i64, Figures>,
}

impl Store {
    /// The figures of `period` by unit (only units with something recorded), task cells judged on
    /// `today`.
    pub async fn unit_figures(
        &self,
        period: &Period,
        today: NaiveDate,
    ) -> Result<BTreeMap<i64, Figures>> {
        figures_by_unit(&self.db, &FigureQueries::new(period, today)).await
    }

    /// The review report of `period` for `scope`, with the period before, task cells judged on
    /// `today`. `NotFound` when the group or unit does not exist.
    pub async fn report(
        &self,
        period: &Period,
        scope: ReportScope,
        today: NaiveDate,
    ) -> Result<Report> {
        let before = period.before();
        let (current, previous, all_units, groups) = tokio::try_join!(
            self.unit_figures(period, today),
            self.unit_figures(&before, today),
            self.units_all(),
            self.groups(),
        )?;
        let figures = UnitFigures { current, previous };
        assemble(period, scope, today, &figures, &all_units, &groups)
    }
}

/// Builds the report from the units' figures: rows per unit of the subject, per group, and the total
/// as their sum. Pure apart from naming; public for the benchmark.
pub fn assemble(
    period: &Period,
    scope: ReportScope,
    today: NaiveDate,
    figures: &UnitFigures,
    all_units: &[units::Model],
    groups: &[crate::directory::GroupItem],
) -> Result<Report> {
    let by_id: HashMap<i64, &units::Model> = all_units.iter().map(|u| (u.id, u)).collect();
    // Each unit's group: its own, or its nearest ancestor's (the first group listed when several).
    let mut group_of_member: HashMap<i64, i64> = HashMap::new();
    for g in groups {
        for u in &g.unit_ids {
            group_of_member.entry(*u).or_insert(g.id);
        }
    }
    let group_of = |mut id: i64| -> Option<i64> {
        for _ in 0..64 {
            if let Some(g) = group_of_member.get(&id) {
                return Some(*g);
            }
            id = by_id.get(&id)?.parent_id?;
        }
        None
    };
    let under = |id: i64, top: i64| -> bool {
        let mut cur = Some(id);
        for _ in 0..64 {
            match cur {
                Some(c) if c == top => return true,
                Some(c) => cur = by_id.get(&c).and_then(|u| u.parent_id),
                None => return false,
            }
        }
        false
    };
    let subject = match scope {
        ReportScope::City => Subject::City,
        ReportScope::Group(id) => {
            let g = groups
                .iter()
                .find(|g| g.id == id)
                .ok_or(crate::StoreError::NotFound("nhóm đơn vị"))?;
            Subject::Group {
                id,
                name: g.name.clone(),
            }
        }
        ReportScope::Unit(id) => {
            let u = by_id
                .get(&id)
                .ok_or(crate::StoreError::NotFound("đơn vị"))?;
            Subject::Unit {
                id,
                name: u.name.clone(),
            }
        }
    };
    let in_subject = |id: i64| -> bool {
        match scope {
            ReportScope::City => true,
            ReportScope::Group(g) => group_of(id) == Some(g),
            ReportScope::Unit(top) => under(id, top),
        }
    };
    let ids: BTreeSet<i64> = figures
        .current
        .keys()
        .chain(figures.previous.keys())
        .copied()
        .filter(|id| in_subject(*id))
        .collect();
    let empty = Figures::default();
    let mut unit_rows: Vec<(Vec<u8>, Row)> = ids
        .iter()
        .map(|id| {
            let u = by_id.get(id);
            (
                u.map(|u| u.sort_key.clone()).unwrap_or_default(),
                Row {
                    id: Some(*id),
                    name: u
                        .map(|u| u.name.clone())
                        .unwrap_or_else(|| format!("Đơn vị #{id}")),
                    current: figures.current.get(id).unwrap_or(&empty).clone(),
                    previous: figures.previous.get(id).unwrap_or(&empty).clone(),
                },
            )
        })
        .collect();
    unit_rows.sort_by(|a, b| a.0.cmp(&b.0));
    let unit_rows: Vec<Row> = unit_rows.into_iter().map(|(_, r)| r).collect();
    let sum_rows = |id: Option<i64>, name: String, rows: &[&Row]| Row {
        id,
        name,
        current: Figures::sum(rows.iter().map(|r| &r.current)),
        previous: Figures::sum(rows.iter().map(|r| &r.previous)),
    };
    let mut group_rows = Vec::new();
    if !matches!(scope, ReportScope::Unit(_)) {
        for g in groups {
            if matches!(scope, ReportScope::Group(x) if x != g.id) {
                continue;
            }
            let members: Vec<&Row> = unit_rows
                .iter()
                .filter(|r| r.id.and_then(group_of) == Some(g.id))
                .collect();
            group_rows.push(sum_rows(Some(g.id), g.name.clone(), &members));
        }
        let others: Vec<&Row> = unit_rows
            .iter()
            .filter(|r| r.id.and_then(group_of).is_none())
            .collect();
        if !others.is_empty() {
            group_rows.push(sum_rows(None, "Đơn vị khác".into(), &others));
        }
    }
    let all: Vec<&Row> = unit_rows.iter().collect();
    let total = sum_rows(None, subject.name(), &all);
    Ok(Report {
        period: period.clone(),
        previous_period: period.before(),
        subject,
        as_of: today,
        total,
        groups: group_rows,
        units: unit_rows,
    })
}

impl Store {
    /// The subject's totals for each of `periods` (the line chart of a report): the same figures and
    /// the same sums as [`Store::report`].
    pub async fn report_trend(
        &self,
        periods: &[Period],
        scope: ReportScope,
        today: NaiveDate,
    ) -> Result<Vec<(Period, Figures)>> {
        let (all_units, groups) = tokio::try_join!(self.units_all(), self.groups())?;
        let mut out = Vec::with_capacity(periods.len());
        for p in periods {
            let figures = UnitFigures {
                current: self.unit_figures(p, today).await?,
                previous: BTreeMap::new(),
            };
            let r = assemble(p, scope, today, &figures, &all_units, &groups)?;
            out.push((p.clone(), r.total.current));
        }
        Ok(out)
    }
}
