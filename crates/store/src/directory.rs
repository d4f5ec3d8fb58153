//! The directory: units as a tree that changes over time, recipient groups, people and their search.

use crate::audit::{snapshot, Actor, Change};
use crate::entity::{
    people, person_moves, ratings, recipient_group_units, recipient_groups, unit_events,
    unit_names, units,
};
use crate::{Page, Result, Store, StoreError};
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use thidua_domain::directory::{PersonCategory, UnitEventKind, ValidPerson, ValidUnit};
use thidua_domain::text;
use thidua_domain::validation::Invalid;

/// A person as lists show them: with the name of their unit.
#[derive(Debug, Clone, Serialize, PartialEq, FromQueryResult)]
pub struct PersonItem {
    pub id: i64,
    pub full_name: String,
    pub gender: Option<String>,
    pub birth_date: Option<NaiveDate>,
    pub unit_id: i64,
    pub unit_name: String,
    pub position: String,
    pub category: String,
    pub staff_level: String,
    pub union_member: bool,
    pub version: i32,
}

/// A unit in a picker.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnitChoice {
    pub id: i64,
    pub name: String,
}

/// How a people list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PeopleSort {
    /// Vietnamese order: given name, middle names, family name.
    #[default]
    Name,
    NameDesc,
    BirthDate,
    Newest,
}

impl PeopleSort {
    pub fn from_code(code: &str) -> Option<PeopleSort> {
        match code {
            "name" | "" => Some(PeopleSort::Name),
            "-name" => Some(PeopleSort::NameDesc),
            "birth_date" => Some(PeopleSort::BirthDate),
            "newest" => Some(PeopleSort::Newest),
            _ => None,
        }
    }
}

/// Filters of the people list.
#[derive(Debug, Clone, Default)]
pub struct PeopleQuery {
    pub q: Option<String>,
    pub unit_id: Option<i64>,
    pub category: Option<PersonCategory>,
    /// Only people of these units (the viewer's scope); `None` for everyone.
    pub within: Option<std::sync::Arc<std::collections::BTreeSet<i64>>>,
    pub sort: PeopleSort,
    pub page: u64,
    pub per_page: u64,
}

/// Filters of the unit list.
#[derive(Debug, Clone, Default)]
pub struct UnitQuery {
    pub q: Option<String>,
    pub kind: Option<String>,
    pub include_dissolved: bool,
    /// Only these units (the viewer's scope); `None` for all.
    pub within: Option<std::sync::Arc<std::collections::BTreeSet<i64>>>,
    pub page: u64,
    pub per_page: u64,
}

/// Everything a unit's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct UnitDetail {
    pub unit: units::Model,
    pub parent: Option<units::Model>,
    pub children: Vec<units::Model>,
    pub successor: Option<units::Model>,
    pub predecessors: Vec<units::Model>,
    pub names: Vec<unit_names::Model>,
    pub events: Vec<UnitEventItem>,
    pub groups: Vec<recipient_groups::Model>,
    pub people_count: u64,
}

/// An event with the names of the units it involves.
#[derive(Debug, Clone, Serialize)]
pub struct UnitEventItem {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub occurred_on: NaiveDate,
    pub unit_id: i64,
    pub unit_name: String,
    pub other_unit_id: Option<i64>,
    pub other_unit_name: Option<String>,
    pub note: String,
}

/// Everything a person's page shows.
#[derive(Debug, Clone, Serialize)]
pub struct PersonDetail {
    pub person: PersonItem,
    pub moves: Vec<MoveItem>,
    pub ratings: Vec<RatingItem>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MoveItem {
    pub unit_id: i64,
    pub unit_name: String,
    pub from_date: Option<NaiveDate>,
    pub to_date: Option<NaiveDate>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RatingItem {
    pub year: i32,
    pub rating: String,
    pub unit_id: i64,
    /// The unit's name in that year, which may differ from today's.
    pub unit_name: String,
}

/// A recipient group with its units.
#[derive(Debug, Clone, Serialize)]
pub struct GroupItem {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub unit_ids: Vec<i64>,
}

/// The columns of a person that lists show (with the unit's name, they make a [`PersonItem`]).
pub(crate) const LISTED_COLUMNS: [people::Column; 10] = [
    people::Column::Id,
    people::Column::FullName,
    people::Column::Gender,
    people::Column::BirthDate,
    people::Column::UnitId,
    people::Column::Position,
    people::Column::Category,
    people::Column::StaffLevel,
    people::Column::UnionMember,
    people::Column::Version,
];

/// People with their unit's name, in one statement: only the columns lists show.
fn person_items() -> sea_orm::Select<people::Entity> {
    let to_unit: sea_orm::RelationDef = people::Entity::belongs_to(units::Entity)
        .from(people::Column::UnitId)
        .to(units::Column::Id)
        .into();
    people::Entity::find()
        .select_only()
        .columns(LISTED_COLUMNS)
        .column_as(units::Column::Name, "unit_name")
        .join(JoinType::InnerJoin, to_unit)
}

impl Store {
    // ---------------------------------------------------------------- units

    /// Every unit, in Vietnamese order of name; the unit tree is built from this.
    pub async fn units_all(&self) -> Result<Vec<units::Model>> {
        Ok(units::Entity::find()
            .order_by_asc(units::Column::SortKey)
            .all(&self.db)
            .await?)
    }

    /// A searchable, paged list of units.
    pub async fn units_list(&self, q: &UnitQuery) -> Result<Page<units::Model>> {
        let mut sel = units::Entity::find();
        if let Some(query) = q.q.as_deref().map(text::fold).filter(|s| !s.is_empty()) {
            sel = sel.filter(
                units::Column::SearchKey
                    .contains(&query)
                    .or(units::Column::Code.contains(query.to_uppercase())),
            );
        }
        if let Some(within) = &q.within {
            sel = sel.filter(units::Column::Id.is_in(within.iter().copied()));
        }
        if let Some(kind) = &q.kind {
            sel = sel.filter(units::Column::Kind.eq(kind.clone()));
        }
        if !q.include_dissolved {
            sel = sel.filter(units::Column::Active.eq(true));
        }
        let total = sel.clone().count(&self.db).await?;
        let items = sel
            .order_by_asc(units::Column::SortKey)
            .order_by_asc(units::Column::Id)
            .paginate(&self.db, q.per_page.clamp(1, 500))
            .fetch_page(q.page.saturating_sub(1))
            .await?;
        Ok(Page { items, total })
    }

    pub async fn unit(&self, id: i64) -> Result<Option<units::Model>> {
        Ok(units::Entity::find_by_id(id).one(&self.db).await?)
    }

    pub async fn unit_by_code(&self, code: &str) -> Result<Option<units::Model>> {
        Ok(units::Entity::find()
            .filter(units::Column::Code.eq(code))
            .one(&self.db)
            .await?)
    }

    /// The unit, its place in the tree and its history.
    pub async fn unit_detail(&self, id: i64) -> Result<Option<UnitDetail>> {
        let Some(unit) = self.unit(id).await? else {
            return Ok(None);
        };
        let parent = match unit.parent_id {
            Some(p) => self.unit(p).await?,
            None => None,
        };
        let successor = match unit.successor_id {
            Some(s) => self.unit(s).await?,
            None => None,
        };
        let children = units::Entity::find()
            .filter(units::Column::ParentId.eq(id))
            .order_by_asc(units::Column::SortKey)
            .all(&self.db)
            .await?;
        let predecessors = units::Entity::find()
            .filter(units::Column::SuccessorId.eq(id))
            .order_by_asc(units::Column::SortKey)
            .all(&self.db)
            .await?;
        let names = unit_names::Entity::find()
            .filter(unit_names::Column::UnitId.eq(id))
            .order_by_asc(unit_names::Column::Id)
            .all(&self.db)
            .await?;
        let raw_events = unit_events::Entity::find()
            .filter(
                unit_events::Column::UnitId
                    .eq(id)
                    .or(unit_events::Column::OtherUnitId.eq(id)),
            )
            .order_by_asc(unit_events::Column::OccurredOn)
            .order_by_asc(unit_events::Column::Id)
            .all(&self.db)
            .await?;
        let events = self.describe_events(raw_events).await?;
        let group_ids: Vec<i64> = recipient_group_units::Entity::find()
            .filter(recipient_group_units::Column::UnitId.eq(id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|g| g.group_id)
            .collect();
        let groups = recipient_groups::Entity::find()
            .filter(recipient_groups::Column::Id.is_in(group_ids))
            .order_by_asc(recipient_groups::Column::Id)
            .all(&self.db)
            .await?;
        let people_count = people::Entity::find()
            .filter(people::Column::UnitId.eq(id))
            .count(&self.db)
            .await?;
        Ok(Some(UnitDetail {
            unit,
            parent,
            children,
            successor,
            predecessors,
            names,
            events,
            groups,
            people_count,
        }))
    }

    async fn describe_events(&self, events: Vec<unit_events::Model>) -> Result<Vec<UnitEventItem>> {
        // The unit under its name of the day before the event; the other unit under its name that day.
        let mut wanted = Vec::with_capacity(events.len() * 2);
        for e in &events {
            wanted.push((e.unit_id, e.occurred_on.pred_opt().unwrap_or(e.occurred_on)));
            wanted.push((e.other_unit_id.unwrap_or(e.unit_id), e.occurred_on));
        }
        let mut names = self.names_on(&wanted).await?.into_iter();
        let mut out = Vec::with_capacity(events.len());
        for e in events {
            let unit_name = names.next().unwrap_or_default();
            let other_name = names.next().unwrap_or_default();
            let kind_label = UnitEventKind::from_code(&e.kind)
                .map(|k| k.label().to_owned())
                .unwrap_or(e.kind.clone());
            out.push(UnitEventItem {
                id: e.id,
                kind: e.kind,
                kind_label,
                occurred_on: e.occurred_on,
                unit_id: e.unit_id,
                unit_name,
                other_unit_name: e.other_unit_id.map(|_| other_name),
                other_unit_id: e.other_unit_id,
                note: e.note,
            });
        }
        Ok(out)
    }

    /// The name a unit bore on a date (its current name when no record covers the date).
    pub async fn unit_name_on(&self, unit_id: i64, on: NaiveDate) -> Result<String> {
        Ok(self
            .names_on(&[(unit_id, on)])
            .await?
            .pop()
            .unwrap_or_default())
    }

    /// The names units bore on dates, one per `(unit_id, date)` asked, read in two queries.
    pub async fn names_on(&self, wanted: &[(i64, NaiveDate)]) -> Result<Vec<String>> {
        let mut ids: Vec<i64> = wanted.iter().map(|(id, _)| *id).collect();
        ids.sort_unstable();
        ids.dedup();
        let history = unit_names::Entity::find()
            .filter(unit_names::Column::UnitId.is_in(ids.clone()))
            .all(&self.db)
            .await?;
        let current: HashMap<i64, String> = units::Entity::find()
            .select_only()
            .column(units::Column::Id)
            .column(units::Column::Name)
            .filter(units::Column::Id.is_in(ids))
            .into_tuple::<(i64, String)>()
            .all(&self.db)
            .await?
            .into_iter()
            .collect();
        Ok(wanted
            .iter()
            .map(|(id, on)| {
                history
                    .iter()
                    .find(|n| {
                        n.unit_id == *id
                            && n.valid_from.is_none_or(|f| f <= *on)
                            && n.valid_to.is_none_or(|t| *on <= t)
                    })
                    .map(|n| n.name.clone())
                    .or_else(|| current.get(id).cloned())
                    .unwrap_or_default()
            })
            .collect())
    }

    async fn check_parent<C: ConnectionTrait>(
        &self,
        conn: &C,
        id: Option<i64>,
        parent_id: Option<i64>,
    ) -> Result<()> {
        let mut cursor = parent_id;
        let mut steps = 0;
        while let Some(p) = cursor {
            if Some(p) == id {
                return Err(Invalid::field(
                    "parent_id",
                    "Đơn vị cấp trên không được là chính nó hoặc đơn vị cấp dưới của nó",
                )
                .into());
            }
            let Some(parent) = units::Entity::find_by_id(p).one(conn).await? else {
                return Err(Invalid::field("parent_id", "Đơn vị cấp trên không tồn tại").into());
            };
            if steps == 0 && !parent.active {
                return Err(Invalid::field(
                    "parent_id",
                    "Đơn vị cấp trên đã giải thể hoặc sáp nhập",
                )
                .into());
            }
            cursor = parent.parent_id;
            steps += 1;
            if steps > 100 {
                break;
            }
        }
        Ok(())
    }

    /// Creates a unit.
    pub async fn create_unit(&self, actor: &Actor, input: ValidUnit) -> Result<units::Model> {
        let txn = self.write_txn().await?;
        if units::Entity::find()
            .filter(units::Column::Code.eq(input.code.clone()))
            .one(&txn)
            .await?
            .is_some()
        {
            return Err(StoreError::Conflict {
                field: Some("code".into()),
                message: format!("Mã đơn vị '{}' đã được dùng", input.code),
            });
        }
        self.check_parent(&txn, None, input.parent_id).await?;
        let now = Utc::now();
        let unit = units::ActiveModel {
            code: Set(input.code),
            search_key: Set(text::fold(&input.name)),
            sort_key: Set(text::sort_key(&input.name)),
            name: Set(input.name.clone()),
            kind: Set(input.kind.code().to_owned()),
            parent_id: Set(input.parent_id),
            active: Set(true),
            dissolved_on: Set(None),
            successor_id: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        unit_names::ActiveModel {
            unit_id: Set(unit.id),
            name: Set(input.name),
            valid_from: Set(None),
            valid_to: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("unit", unit.id, Some(unit.id), &unit),
        )
        .await?;
        txn.commit().await?;
        Ok(unit)
    }

    /// Changes a unit's code, kind and parent; a new name is recorded as a rename from `today`.
    /// `expected_version` guards against overwriting someone else's edit.
    pub async fn update_unit(
        &self,
        actor: &Actor,
        id: i64,
        input: ValidUnit,
        expected_version: Option<i32>,
        today: NaiveDate,
    ) -> Result<units::Model> {
        let txn = self.write_txn().await?;
        let before = units::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("đơn vị"))?;
        if let Some(v) = expected_version {
            if v != before.version {
                return Err(stale_edit());
            }
        }
        if input.code != before.code
            && units::Entity::find()
                .filter(units::Column::Code.eq(input.code.clone()))
                .one(&txn)
                .await?
                .is_some()
        {
            return Err(StoreError::Conflict {
                field: Some("code".into()),
                message: format!("Mã đơn vị '{}' đã được dùng", input.code),
            });
        }
        self.check_parent(&txn, Some(id), input.parent_id).await?;
        if input.name != before.name {
            rename_in(&txn, id, &before.name, &input.name, today).await?;
        }
        let mut am: units::ActiveModel = before.clone().into();
        am.code = Set(input.code);
        am.search_key = Set(text::fold(&input.name));
        am.sort_key = Set(text::sort_key(&input.name));
        am.name = Set(input.name);
        am.kind = Set(input.kind.code().to_owned());
        am.parent_id = Set(input.parent_id);
        am.version = Set(before.version + 1);
        am.updated_at = Set(Utc::now());
        let after = am.update(&txn).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("unit", id, Some(id), &before, &after),
        )
        .await?;
        txn.commit().await?;
        Ok(after)
    }

    /// Merges unit `from` into `into` on a date (the 2025 reform's kind of event): `from` is closed, its
    /// people, sub-units and group memberships pass to `into`, and its history keeps its old name.
    pub async fn merge_unit(
        &self,
        actor: &Actor,
        from: i64,
        into: i64,
        on: NaiveDate,
        note: &str,
    ) -> Result<()> {
        if from == into {
            return Err(
                Invalid::field("into_id", "Không thể sáp nhập một đơn vị vào chính nó").into(),
            );
        }
        let txn = self.write_txn().await?;
        let source = units::Entity::find_by_id(from)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("đơn vị bị sáp nhập"))?;
        let target = units::Entity::find_by_id(into)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("đơn vị tiếp nhận"))?;
        if !source.active {
            return Err(Invalid::field(
                "from_id",
                format!("{} đã giải thể hoặc sáp nhập trước đó", source.name),
            )
            .into());
        }
        if !target.active {
            return Err(
                Invalid::field("into_id", format!("{} không còn hoạt động", target.name)).into(),
            );
        }
        let last_day = on.pred_opt().unwrap_or(on);
        // The name record of the closed unit ends the day before.
        unit_names::Entity::update_many()
            .col_expr(unit_names::Column::ValidTo, Expr::value(last_day))
            .filter(unit_names::Column::UnitId.eq(from))
            .filter(unit_names::Column::ValidTo.is_null())
            .exec(&txn)
            .await?;
        // People pass to the successor, with their history of moves.
        let moved: Vec<i64> = people::Entity::find()
            .select_only()
            .column(people::Column::Id)
            .filter(people::Column::UnitId.eq(from))
            .into_tuple()
            .all(&txn)
            .await?;
        person_moves::Entity::update_many()
            .col_expr(person_moves::Column::ToDate, Expr::value(last_day))
            .filter(person_moves::Column::UnitId.eq(from))
            .filter(person_moves::Column::ToDate.is_null())
            .exec(&txn)
            .await?;
        let reason = format!("Sáp nhập {} vào {}", source.name, target.name);
        for chunk in moved.chunks(500) {
            let rows = chunk.iter().map(|pid| person_moves::ActiveModel {
                person_id: Set(*pid),
                unit_id: Set(into),
                from_date: Set(Some(on)),
                to_date: Set(None),
                reason: Set(reason.clone()),
                ..Default::default()
            });
            person_moves::Entity::insert_many(rows)
                .exec_without_returning(&txn)
                .await?;
        }
        people::Entity::update_many()
            .col_expr(people::Column::UnitId, Expr::value(into))
            .col_expr(
                people::Column::ChangeSeq,
                Expr::value(self.change_seq(&txn).await?),
            )
            .col_expr(
                people::Column::Version,
                Expr::col(people::Column::Version).add(1),
            )
            .filter(people::Column::UnitId.eq(from))
            .exec(&txn)
            .await?;
        units::Entity::update_many()
            .col_expr(units::Column::ParentId, Expr::value(into))
            .filter(units::Column::ParentId.eq(from))
            .exec(&txn)
            .await?;
        // The accounts of the old unit now work for the successor.
        crate::entity::users::Entity::update_many()
            .col_expr(crate::entity::users::Column::UnitId, Expr::value(into))
            .filter(crate::entity::users::Column::UnitId.eq(from))
            .exec(&txn)
            .await?;
        // Group memberships the successor does not already have pass to it.
        let source_groups = recipient_group_units::Entity::find()
            .filter(recipient_group_units::Column::UnitId.eq(from))
            .all(&txn)
            .await?;
        for g in source_groups {
            let exists = recipient_group_units::Entity::find_by_id((g.group_id, into))
                .one(&txn)
                .await?
                .is_some();
            if !exists {
                recipient_group_units::ActiveModel {
                    group_id: Set(g.group_id),
                    unit_id: Set(into),
                }
                .insert(&txn)
                .await?;
            }
        }
        recipient_group_units::Entity::delete_many()
            .filter(recipient_group_units::Column::UnitId.eq(from))
            .exec(&txn)
            .await?;
        let mut am: units::ActiveModel = source.clone().into();
        am.active = Set(false);
        am.dissolved_on = Set(Some(on));
        am.successor_id = Set(Some(into));
        am.version = Set(source.version + 1);
        am.updated_at = Set(Utc::now());
        let after = am.update(&txn).await?;
        unit_events::ActiveModel {
            unit_id: Set(from),
            kind: Set(UnitEventKind::MergedInto.code().into()),
            occurred_on: Set(on),
            other_unit_id: Set(Some(into)),
            note: Set(text::clean(note)),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "merge",
                entity: "unit",
                entity_id: Some(from),
                unit_id: Some(into),
                before: snapshot(&source),
                after: snapshot(&serde_json::json!({"unit": after, "into_id": into, "on": on, "people_moved": moved.len()})),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Recipient groups with their units.
    pub async fn groups(&self) -> Result<Vec<GroupItem>> {
        let groups = recipient_groups::Entity::find()
            .order_by_asc(recipient_groups::Column::Id)
            .all(&self.db)
            .await?;
        let members = recipient_group_units::Entity::find().all(&self.db).await?;
        let mut by_group: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for m in members {
            by_group.entry(m.group_id).or_default().push(m.unit_id);
        }
        Ok(groups
            .into_iter()
            .map(|g| GroupItem {
                unit_ids: by_group.remove(&g.id).unwrap_or_default(),
                id: g.id,
                code: g.code,
                name: g.name,
            })
            .collect())
    }

    // ---------------------------------------------------------------- people

    pub async fn person(&self, id: i64) -> Result<Option<PersonItem>> {
        Ok(person_items()
            .filter(people::Column::Id.eq(id))
            .into_model::<PersonItem>()
            .one(&self.db)
            .await?)
    }

    /// The people of `ids` that exist, by id, read 500 at a time: what a printed list needs of each
    /// (gender, position) beside the names it already holds.
    pub async fn people_by_ids(&self, ids: &[i64]) -> Result<HashMap<i64, people::Model>> {
        let mut out = HashMap::with_capacity(ids.len());
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for chunk in ids.chunks(500) {
            for p in people::Entity::find()
                .filter(people::Column::Id.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?
            {
                out.insert(p.id, p);
            }
        }
        Ok(out)
    }

    /// The person with their moves between units and their yearly ratings, each under the unit's name
    /// of the time.
    pub async fn person_detail(&self, id: i64) -> Result<Option<PersonDetail>> {
        let Some(person) = self.person(id).await? else {
            return Ok(None);
        };
        let moves = person_moves::Entity::find()
            .filter(person_moves::Column::PersonId.eq(id))
            .order_by_asc(person_moves::Column::FromDate)
            .order_by_asc(person_moves::Column::Id)
            .all(&self.db)
            .await?;
        let rows = ratings::Entity::find()
            .filter(ratings::Column::PersonId.eq(id))
            .order_by_desc(ratings::Column::Year)
            .all(&self.db)
            .await?;
        // Every unit under its name of the time: the end of a move, the middle of a rated year.
        let today = Utc::now().date_naive();
        let wanted: Vec<(i64, NaiveDate)> = moves
            .iter()
            .map(|m| (m.unit_id, m.to_date.or(m.from_date).unwrap_or(today)))
            .chain(rows.iter().map(|r| {
                (
                    r.unit_id,
                    NaiveDate::from_ymd_opt(r.year, 6, 30).unwrap_or(today),
                )
            }))
            .collect();
        let mut names = self.names_on(&wanted).await?.into_iter();
        let move_items = moves
            .into_iter()
            .map(|m| MoveItem {
                unit_name: names.next().unwrap_or_default(),
                unit_id: m.unit_id,
                from_date: m.from_date,
                to_date: m.to_date,
                reason: m.reason,
            })
            .collect();
        let rating_items = rows
            .into_iter()
            .map(|r| RatingItem {
                unit_name: names.next().unwrap_or_default(),
                year: r.year,
                rating: r.rating,
                unit_id: r.unit_id,
            })
            .collect();
        Ok(Some(PersonDetail {
            person,
            moves: move_items,
            ratings: rating_items,
        }))
    }

    async fn check_unit_active<C: ConnectionTrait>(
        &self,
        conn: &C,
        unit_id: i64,
    ) -> Result<units::Model> {
        let unit = units::Entity::find_by_id(unit_id)
            .one(conn)
            .await?
            .ok_or_else(|| Invalid::field("unit_id", "Đơn vị không tồn tại"))?;
        if !unit.active {
            return Err(
                Invalid::field("unit_id", format!("{} không còn hoạt động", unit.name)).into(),
            );
        }
        Ok(unit)
    }

    /// Adds a person to a unit.
    pub async fn create_person(
        &self,
        actor: &Actor,
        input: ValidPerson,
        today: NaiveDate,
    ) -> Result<PersonItem> {
        let txn = self.write_txn().await?;
        self.check_unit_active(&txn, input.unit_id).await?;
        let now = Utc::now();
        let seq = self.change_seq(&txn).await?;
        let person = people::ActiveModel {
            search_key: Set(text::fold(&input.full_name)),
            sort_key: Set(text::person_sort_key(&input.full_name)),
            full_name: Set(input.full_name.clone()),
            gender: Set(input.gender.map(|g| g.code().to_owned())),
            birth_date: Set(input.birth_date),
            unit_id: Set(input.unit_id),
            position: Set(input.position),
            category: Set(input.category.code().to_owned()),
            staff_level: Set(input.staff_level.code().to_owned()),
            union_member: Set(input.union_member),
            version: Set(1),
            change_seq: Set(seq),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        person_moves::ActiveModel {
            person_id: Set(person.id),
            unit_id: Set(input.unit_id),
            from_date: Set(Some(today)),
            to_date: Set(None),
            reason: Set("Tiếp nhận".into()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("person", person.id, Some(person.unit_id), &person),
        )
        .await?;
        txn.commit().await?;
        self.person(person.id)
            .await?
            .ok_or(StoreError::NotFound("người"))
    }

    /// Changes a person. A stale `expected_version` is refused, so that no edit is lost silently; a new
    /// unit is recorded as a move from `today`.
    pub async fn update_person(
        &self,
        actor: &Actor,
        id: i64,
        input: ValidPerson,
        expected_version: Option<i32>,
        today: NaiveDate,
    ) -> Result<PersonItem> {
        let txn = self.write_txn().await?;
        let before = people::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("người"))?;
        if let Some(v) = expected_version {
            if v != before.version {
                return Err(stale_edit());
            }
        }
        if input.unit_id != before.unit_id {
            let unit = self.check_unit_active(&txn, input.unit_id).await?;
            person_moves::Entity::update_many()
                .col_expr(
                    person_moves::Column::ToDate,
                    Expr::value(today.pred_opt().unwrap_or(today)),
                )
                .filter(person_moves::Column::PersonId.eq(id))
                .filter(person_moves::Column::ToDate.is_null())
                .exec(&txn)
                .await?;
            person_moves::ActiveModel {
                person_id: Set(id),
                unit_id: Set(unit.id),
                from_date: Set(Some(today)),
                to_date: Set(None),
                reason: Set("Điều động".into()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let res = people::Entity::update_many()
            .col_expr(
                people::Column::FullName,
                Expr::value(input.full_name.clone()),
            )
            .col_expr(
                people::Column::SearchKey,
                Expr::value(text::fold(&input.full_name)),
            )
            .col_expr(
                people::Column::SortKey,
                Expr::value(text::person_sort_key(&input.full_name)),
            )
            .col_expr(
                people::Column::Gender,
                Expr::value(input.gender.map(|g| g.code().to_owned())),
            )
            .col_expr(people::Column::BirthDate, Expr::value(input.birth_date))
            .col_expr(people::Column::UnitId, Expr::value(input.unit_id))
            .col_expr(
                people::Column::Position,
                Expr::value(input.position.clone()),
            )
            .col_expr(people::Column::Category, Expr::value(input.category.code()))
            .col_expr(
                people::Column::StaffLevel,
                Expr::value(input.staff_level.code()),
            )
            .col_expr(people::Column::UnionMember, Expr::value(input.union_member))
            .col_expr(people::Column::Version, Expr::value(before.version + 1))
            .col_expr(
                people::Column::ChangeSeq,
                Expr::value(self.change_seq(&txn).await?),
            )
            .col_expr(people::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(people::Column::Id.eq(id))
            .filter(people::Column::Version.eq(before.version))
            .exec(&txn)
            .await?;
        if res.rows_affected != 1 {
            return Err(stale_edit());
        }
        let after = people::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("người"))?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("person", id, Some(after.unit_id), &before, &after),
        )
        .await?;
        txn.commit().await?;
        self.person(id).await?.ok_or(StoreError::NotFound("người"))
    }
}

fn stale_edit() -> StoreError {
    StoreError::Conflict {
        field: Some("version".into()),
        message: "Bản ghi đã được người khác sửa sau khi bạn mở nó; hãy tải lại để xem thay đổi rồi sửa lại".into(),
    }
}

async fn rename_in<C: ConnectionTrait>(
    conn: &C,
    unit_id: i64,
    old: &str,
    new: &str,
    on: NaiveDate,
) -> Result<()> {
    unit_names::Entity::update_many()
        .col_expr(
            unit_names::Column::ValidTo,
            Expr::value(on.pred_opt().unwrap_or(on)),
        )
        .filter(unit_names::Column::UnitId.eq(unit_id))
        .filter(unit_names::Column::ValidTo.is_null())
        .exec(conn)
        .await?;
    unit_names::ActiveModel {
        unit_id: Set(unit_id),
        name: Set(new.to_owned()),
        valid_from: Set(Some(on)),
        valid_to: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    unit_events::ActiveModel {
        unit_id: Set(unit_id),
        kind: Set(UnitEventKind::Renamed.code().into()),
        occurred_on: Set(on),
        other_unit_id: Set(None),
        note: Set(format!("Đổi tên từ “{old}” thành “{new}”")),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}
