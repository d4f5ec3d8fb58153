//! Exemplary models (điển hình tiên tiến, nhân tố mới) and the public honour board (Bảng vàng).
//!
//! A profile of a collective (a unit) or a person: title, story, year, kind, photos (attachments of
//! owner kind [`PHOTO_KIND`], pictures only), linked achievements (lines of final award decisions)
//! and recognised initiatives, and the units that learned from it (`model_replications`). A profile
//! is a draft until the city's office publishes it; publishing and unpublishing are audited.
//!
//! The public board shows only what was published by an explicit act: published profiles, final
//! decisions with a row in `decision_publications`, recognised initiatives with a row in
//! `initiative_publications`; never a line of a returned or rejected nomination, nor anything of a
//! closed unit. It is answered from a snapshot kept in this process and rebuilt when the change
//! sequence moved (one primary-key read per request), like the people search
//! (`search.rs`), so several processes stay correct and board pages cost little more than a read by
//! primary key.

use crate::audit::{Actor, Change};
use crate::entity::{
    attachments, award_decisions, decision_lines, decision_publications, exemplary_models,
    initiative_authors, initiative_publications, initiatives, model_achievements,
    model_initiatives, model_replications, nominations, people, units,
};
use crate::files::Upload;
use crate::{Result, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};
use thidua_domain::commendation::{DecisionStatus, NominationStatus};
use thidua_domain::exemplary::{
    self as dom, ModelKind, ModelReplicationInput, ModelStatus, ModelSubject, ValidModel,
};
use thidua_domain::initiative::{Scope, Status};
use thidua_domain::text;
use thidua_domain::validation::Invalid;

/// The owner kind of a profile's photos in `attachments`.
pub const PHOTO_KIND: &str = "model";

fn not_found() -> StoreError {
    StoreError::NotFound("điển hình")
}

fn conflict(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Conflict {
        field: Some(field.to_owned()),
        message: message.into(),
    }
}

/// A profile in a list.
#[derive(Debug, Clone, Serialize)]
pub struct ModelRow {
    pub id: i64,
    pub kind: String,
    pub kind_label: &'static str,
    pub subject: String,
    pub subject_label: &'static str,
    pub unit_id: i64,
    pub unit_name: String,
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub title: String,
    pub year: i32,
    pub status: String,
    pub status_label: &'static str,
    pub published_at: Option<DateTime<Utc>>,
    pub replications: usize,
}

/// A recognised initiative linked to a profile.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedInitiative {
    pub id: i64,
    pub title: String,
    pub year: i32,
    pub scope: Option<String>,
    pub scope_label: Option<&'static str>,
}

/// An achievement linked to a profile: a line of a final decision.
#[derive(Debug, Clone, Serialize)]
pub struct LinkedAchievement {
    pub line_id: i64,
    pub decision_id: i64,
    pub name: String,
    pub award: String,
    pub award_name: String,
    pub year: i32,
    pub reference: Option<String>,
}

/// A unit that learned from a profile.
#[derive(Debug, Clone, Serialize)]
pub struct ReplicationView {
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub learned_on: NaiveDate,
    pub applied: String,
    pub created_by: String,
}

/// A profile with everything linked to it.
#[derive(Debug, Clone, Serialize)]
pub struct ModelDetail {
    #[serde(flatten)]
    pub row: ModelRow,
    pub story: String,
    pub version: i32,
    pub photos: Vec<attachments::Model>,
    pub initiatives: Vec<LinkedInitiative>,
    pub achievements: Vec<LinkedAchievement>,
    pub replications: Vec<ReplicationView>,
}

/// The filters of the profile list.
#[derive(Debug, Clone, Default)]
pub struct ModelQuery {
    /// Words of the title, the person's or the unit's name (diacritics ignored).
    pub q: Option<String>,
    pub year: Option<i32>,
    pub kind: Option<ModelKind>,
    pub unit_id: Option<i64>,
    pub published_only: bool,
}

impl Store {
    async fn unit_row<C: ConnectionTrait>(&self, c: &C, id: i64) -> Result<Option<units::Model>> {
        Ok(units::Entity::find_by_id(id).one(c).await?)
    }

    /// Checks what a profile names against the database; answers the profile's unit.
    async fn check_model_links<C: ConnectionTrait>(&self, c: &C, m: &ValidModel) -> Result<i64> {
        let mut e = Invalid::new();
        let mut unit_id = m.unit_id;
        if let Some(pid) = m.person_id {
            match people::Entity::find_by_id(pid).one(c).await? {
                None => e.add("person_id", "Người này không có trong danh sách"),
                Some(p) => unit_id = Some(p.unit_id),
            }
        }
        match unit_id {
            Some(u) => match self.unit_row(c, u).await? {
                None => e.add("unit_id", "Đơn vị không tồn tại"),
                Some(u) if !u.active => e.add("unit_id", format!("{} không còn hoạt động", u.name)),
                Some(_) => {}
            },
            None => e.add("unit_id", "Chưa chọn đơn vị"),
        }
        if !m.initiative_ids.is_empty() {
            let found = initiatives::Entity::find()
                .filter(initiatives::Column::Id.is_in(m.initiative_ids.clone()))
                .all(c)
                .await?;
            let ok = found.len() == m.initiative_ids.len()
                && found
                    .iter()
                    .all(|i| !i.deleted && i.status == Status::Recognised.code());
            if !ok {
                e.add("initiative_ids", "Chỉ gắn được sáng kiến đã được công nhận");
            }
        }
        if !m.decision_line_ids.is_empty() {
            let lines = decision_lines::Entity::find()
                .filter(decision_lines::Column::Id.is_in(m.decision_line_ids.clone()))
                .all(c)
                .await?;
            let decisions: BTreeSet<i64> = lines.iter().map(|l| l.decision_id).collect();
            let finals = award_decisions::Entity::find()
                .filter(award_decisions::Column::Id.is_in(decisions))
                .filter(award_decisions::Column::Status.eq(DecisionStatus::Final.code()))
                .all(c)
                .await?;
            let ok = lines.len() == m.decision_line_ids.len()
                && lines.iter().all(|l| {
                    finals.iter().any(|d| d.id == l.decision_id)
                        && (m.person_id.is_none() || l.person_id == m.person_id)
                });
            if !ok {
                e.add(
                    "decision_line_ids",
                    "Chỉ gắn được thành tích trong quyết định đã ban hành, của chính đối tượng này",
                );
            }
        }
        if !e.is_empty() {
            return Err(e.into());
        }
        Ok(unit_id.unwrap_or_default())
    }

    /// Creates a profile, a draft, with its links; audited.
    pub async fn create_model(&self, actor: &Actor, m: ValidModel) -> Result<ModelDetail> {
        let txn = self.write_txn().await?;
        let unit_id = self.check_model_links(&txn, &m).await?;
        let now = Utc::now();
        let row = exemplary_models::ActiveModel {
            kind: Set(m.kind.code().into()),
            subject: Set(m.subject.code().into()),
            unit_id: Set(unit_id),
            person_id: Set(m.person_id),
            title: Set(m.title.clone()),
            story: Set(m.story.clone()),
            year: Set(m.year),
            status: Set(ModelStatus::Draft.code().into()),
            created_at: Set(now),
            created_by: Set(actor.name.clone()),
            updated_at: Set(now),
            published_at: Set(None),
            published_by: Set(None),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.write_model_links(&txn, row.id, &m).await?;
        self.record_audit(
            &txn,
            actor,
            Change::created(
                "exemplary_model",
                row.id,
                Some(unit_id),
                &serde_json::json!({
                    "model": row, "initiative_ids": m.initiative_ids,
                    "decision_line_ids": m.decision_line_ids,
                }),
            ),
        )
        .await?;
        txn.commit().await?;
        self.model(row.id).await?.ok_or_else(not_found)
    }

    async fn write_model_links<C: ConnectionTrait>(
        &self,
        c: &C,
        id: i64,
        m: &ValidModel,
    ) -> Result<()> {
        model_initiatives::Entity::delete_many()
            .filter(model_initiatives::Column::ModelId.eq(id))
            .exec(c)
            .await?;
        model_achievements::Entity::delete_many()
            .filter(model_achievements::Column::ModelId.eq(id))
            .exec(c)
            .await?;
        for i in &m.initiative_ids {
            model_initiatives::ActiveModel {
                model_id: Set(id),
                initiative_id: Set(*i),
                ..Default::default()
            }
            .insert(c)
            .await?;
        }
        for l in &m.decision_line_ids {
            model_achievements::ActiveModel {
                model_id: Set(id),
                decision_line_id: Set(*l),
                ..Default::default()
            }
            .insert(c)
            .await?;
        }
        Ok(())
    }

    /// Changes a profile (any state; a published one stays published); refused with 409 when
    /// `version` is not the current one. Audited.
    pub async fn update_model(
        &self,
        actor: &Actor,
        id: i64,
        version: i32,
        m: ValidModel,
    ) -> Result<ModelDetail> {
        let txn = self.write_txn().await?;
        let before = exemplary_models::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(not_found)?;
        if before.version != version {
            return Err(conflict(
                "version",
                "Điển hình đã được người khác sửa; hãy tải lại trang",
            ));
        }
        let unit_id = self.check_model_links(&txn, &m).await?;
        let mut am = before.clone().into_active_model();
        am.kind = Set(m.kind.code().into());
        am.subject = Set(m.subject.code().into());
        am.unit_id = Set(unit_id);
        am.person_id = Set(m.person_id);
        am.title = Set(m.title.clone());
        am.story = Set(m.story.clone());
        am.year = Set(m.year);
        am.updated_at = Set(Utc::now());
        am.version = Set(before.version + 1);
        let after = am.update(&txn).await?;
        self.write_model_links(&txn, id, &m).await?;
        self.record_audit(
            &txn,
            actor,
            Change::updated("exemplary_model", id, Some(unit_id), &before, &after),
        )
        .await?;
        txn.commit().await?;
        self.model(id).await?.ok_or_else(not_found)
    }

    /// Publishes (`true`) or takes back (`false`) a profile; audited. Publishing what is published
    /// (or the reverse) changes nothing and writes nothing.
    pub async fn set_model_published(
        &self,
        actor: &Actor,
        id: i64,
        publish: bool,
    ) -> Result<ModelDetail> {
        let txn = self.write_txn().await?;
        let before = exemplary_models::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(not_found)?;
        let to = if publish {
            ModelStatus::Published
        } else {
            ModelStatus::Draft
        };
        if before.status != to.code() {
            if publish && before.story.trim().is_empty() {
                return Err(
                    Invalid::field("story", "Chưa có câu chuyện điển hình để công bố").into(),
                );
            }
            let mut am = before.clone().into_active_model();
            am.status = Set(to.code().into());
            am.published_at = Set(publish.then(Utc::now));
            am.published_by = Set(publish.then(|| actor.name.clone()));
            am.version = Set(before.version + 1);
            let after = am.update(&txn).await?;
            self.record_audit(
                &txn,
                actor,
                Change {
                    action: if publish { "publish" } else { "unpublish" },
                    ..Change::updated("exemplary_model", id, Some(before.unit_id), &before, &after)
                },
            )
            .await?;
        }
        txn.commit().await?;
        self.model(id).await?.ok_or_else(not_found)
    }

    /// Adds photos to a profile: pictures only (JPG, PNG), all or none; audited.
    pub async fn add_model_photos(
        &self,
        actor: &Actor,
        id: i64,
        uploads: Vec<Upload>,
    ) -> Result<Vec<attachments::Model>> {
        let m = exemplary_models::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or_else(not_found)?;
        for u in &uploads {
            let (kind, name) =
                thidua_domain::attachment::check(&u.file_name, &u.bytes, self.files().max_bytes)?;
            if let Some(p) = dom::photo_problem(kind, &name) {
                return Err(Invalid::field("file", p).into());
            }
        }
        if uploads.is_empty() {
            return Err(Invalid::field("file", "Chưa chọn ảnh").into());
        }
        self.attach(actor, PHOTO_KIND, id, Some(m.unit_id), uploads)
            .await
    }

    /// The profile `id` (draft or published), with its links.
    pub async fn model(&self, id: i64) -> Result<Option<ModelDetail>> {
        let Some(m) = exemplary_models::Entity::find_by_id(id)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let mut rows = self.model_rows(vec![m.clone()]).await?;
        let Some(row) = rows.pop() else {
            return Ok(None);
        };
        let photos = self.attachments(PHOTO_KIND, id).await?;
        let ini_ids: Vec<i64> = model_initiatives::Entity::find()
            .filter(model_initiatives::Column::ModelId.eq(id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|x| x.initiative_id)
            .collect();
        let initiatives = initiatives::Entity::find()
            .filter(initiatives::Column::Id.is_in(ini_ids))
            .order_by_asc(initiatives::Column::Year)
            .order_by_asc(initiatives::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|i| {
                let scope = i.scope.as_deref().and_then(Scope::from_code);
                LinkedInitiative {
                    id: i.id,
                    title: i.title,
                    year: i.year,
                    scope: i.scope.clone(),
                    scope_label: scope.map(|s| s.label()),
                }
            })
            .collect();
        let line_ids: Vec<i64> = model_achievements::Entity::find()
            .filter(model_achievements::Column::ModelId.eq(id))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|x| x.decision_line_id)
            .collect();
        let lines = decision_lines::Entity::find()
            .filter(decision_lines::Column::Id.is_in(line_ids))
            .order_by_asc(decision_lines::Column::Year)
            .order_by_asc(decision_lines::Column::Id)
            .all(&self.db)
            .await?;
        let refs: HashMap<i64, Option<String>> = award_decisions::Entity::find()
            .filter(
                award_decisions::Column::Id
                    .is_in(lines.iter().map(|l| l.decision_id).collect::<Vec<_>>()),
            )
            .all(&self.db)
            .await?
            .into_iter()
            .map(|d| (d.id, d.reference))
            .collect();
        let tables = self.rule_tables().await?;
        let achievements = lines
            .into_iter()
            .map(|l| LinkedAchievement {
                line_id: l.id,
                decision_id: l.decision_id,
                name: l.name,
                award_name: award_name(&tables, &l.award),
                award: l.award,
                year: l.year,
                reference: refs.get(&l.decision_id).cloned().flatten(),
            })
            .collect();
        let reps = model_replications::Entity::find()
            .filter(model_replications::Column::ModelId.eq(id))
            .order_by_asc(model_replications::Column::LearnedOn)
            .order_by_asc(model_replications::Column::Id)
            .all(&self.db)
            .await?;
        let names = crate::movements::unit_names(
            &self.db,
            &reps.iter().map(|r| r.unit_id).collect::<Vec<_>>(),
        )
        .await?;
        let replications = reps
            .into_iter()
            .map(|r| ReplicationView {
                id: r.id,
                unit_id: r.unit_id,
                unit_name: names
                    .get(&r.unit_id)
                    .map(|n| n.0.clone())
                    .unwrap_or_default(),
                learned_on: r.learned_on,
                applied: r.applied,
                created_by: r.created_by,
            })
            .collect();
        Ok(Some(ModelDetail {
            row,
            story: m.story,
            version: m.version,
            photos,
            initiatives,
            achievements,
            replications,
        }))
    }

    async fn model_rows(&self, models: Vec<exemplary_models::Model>) -> Result<Vec<ModelRow>> {
        let unit_ids: Vec<i64> = models.iter().map(|m| m.unit_id).collect();
        let names = crate::movements::unit_names(&self.db, &unit_ids).await?;
        let person_ids: Vec<i64> = models.iter().filter_map(|m| m.person_id).collect();
        let mut persons: HashMap<i64, String> = HashMap::new();
        for chunk in person_ids.chunks(500) {
            for p in people::Entity::find()
                .filter(people::Column::Id.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?
            {
                persons.insert(p.id, p.full_name);
            }
        }
        let mut counts: HashMap<i64, usize> = HashMap::new();
        let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
        for chunk in ids.chunks(500) {
            for r in model_replications::Entity::find()
                .filter(model_replications::Column::ModelId.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?
            {
                *counts.entry(r.model_id).or_default() += 1;
            }
        }
        Ok(models
            .into_iter()
            .map(|m| {
                let kind = ModelKind::from_code(&m.kind).unwrap_or(ModelKind::Advanced);
                let subject =
                    ModelSubject::from_code(&m.subject).unwrap_or(ModelSubject::Collective);
                let status = ModelStatus::from_code(&m.status).unwrap_or(ModelStatus::Draft);
                ModelRow {
                    id: m.id,
                    kind_label: kind.label(),
                    kind: m.kind,
                    subject_label: subject.label(),
                    subject: m.subject,
                    unit_id: m.unit_id,
                    unit_name: names
                        .get(&m.unit_id)
                        .map(|n| n.0.clone())
                        .unwrap_or_default(),
                    person_id: m.person_id,
                    person_name: m.person_id.and_then(|p| persons.get(&p).cloned()),
                    title: m.title,
                    year: m.year,
                    status_label: status.label(),
                    status: m.status,
                    published_at: m.published_at,
                    replications: counts.get(&m.id).copied().unwrap_or(0),
                }
            })
            .collect())
    }

    /// Profiles matching `q`, among those `keep` accepts (the viewer's: every published one, and
    /// drafts of their units), newest year first, then by title.
    pub async fn models(
        &self,
        q: &ModelQuery,
        keep: impl Fn(&ModelRow) -> bool,
    ) -> Result<Vec<ModelRow>> {
        let mut sel = exemplary_models::Entity::find();
        if let Some(y) = q.year {
            sel = sel.filter(exemplary_models::Column::Year.eq(y));
        }
        if let Some(k) = q.kind {
            sel = sel.filter(exemplary_models::Column::Kind.eq(k.code()));
        }
        if let Some(u) = q.unit_id {
            sel = sel.filter(exemplary_models::Column::UnitId.eq(u));
        }
        if q.published_only {
            sel = sel.filter(exemplary_models::Column::Status.eq(ModelStatus::Published.code()));
        }
        let rows = self
            .model_rows(
                sel.order_by_desc(exemplary_models::Column::Year)
                    .order_by_asc(exemplary_models::Column::Id)
                    .all(&self.db)
                    .await?,
            )
            .await?;
        let words = q.q.as_deref().map(dom::board_words).unwrap_or_default();
        let mut out: Vec<ModelRow> = rows
            .into_iter()
            .filter(|r| {
                words.is_empty()
                    || dom::board_matches(
                        &words,
                        &dom::board_words(&format!(
                            "{} {} {}",
                            r.title,
                            r.person_name.as_deref().unwrap_or(""),
                            r.unit_name
                        )),
                    )
            })
            .filter(|r| keep(r))
            .collect();
        out.sort_by(|a, b| b.year.cmp(&a.year).then(text::compare(&a.title, &b.title)));
        Ok(out)
    }

    /// Records that a unit learned from a published profile; audited. The same unit, profile and
    /// day twice is a conflict.
    pub async fn record_model_replication(
        &self,
        actor: &Actor,
        id: i64,
        r: ModelReplicationInput,
        today: NaiveDate,
    ) -> Result<ReplicationView> {
        let txn = self.write_txn().await?;
        let m = exemplary_models::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or_else(not_found)?;
        let mut e = match r.validate(today, m.year) {
            Ok(_) => Invalid::new(),
            Err(e) => e,
        };
        if m.status != ModelStatus::Published.code() {
            e.add(
                "model_id",
                "Điển hình chưa được công bố nên chưa ghi nhận học tập được",
            );
        }
        let unit = self.unit_row(&txn, r.unit_id).await?;
        match &unit {
            None => e.add("unit_id", "Đơn vị không tồn tại"),
            Some(u) if !u.active => e.add("unit_id", format!("{} không còn hoạt động", u.name)),
            Some(_) => {}
        }
        if !e.is_empty() {
            return Err(e.into());
        }
        let applied = r.validate(today, m.year)?;
        let exists = model_replications::Entity::find()
            .filter(model_replications::Column::ModelId.eq(id))
            .filter(model_replications::Column::UnitId.eq(r.unit_id))
            .filter(model_replications::Column::LearnedOn.eq(r.learned_on))
            .one(&txn)
            .await?
            .is_some();
        if exists {
            return Err(conflict(
                "learned_on",
                "Đơn vị đã ghi nhận học tập điển hình này vào ngày này rồi",
            ));
        }
        let row = model_replications::ActiveModel {
            model_id: Set(id),
            unit_id: Set(r.unit_id),
            learned_on: Set(r.learned_on),
            applied: Set(applied),
            created_at: Set(Utc::now()),
            created_by: Set(actor.name.clone()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change::created("model_replication", row.id, Some(r.unit_id), &row),
        )
        .await?;
        txn.commit().await?;
        Ok(ReplicationView {
            id: row.id,
            unit_id: row.unit_id,
            unit_name: unit.map(|u| u.name).unwrap_or_default(),
            learned_on: row.learned_on,
            applied: row.applied,
            created_by: row.created_by,
        })
    }

    // ----- publishing on the board ------------------------------------------------------------

    /// Publishes (`true`) or takes back (`false`) an award decision on the public board; only a
    /// final decision is published. Audited; a repeat changes nothing.
    pub async fn set_decision_published(
        &self,
        actor: &Actor,
        decision_id: i64,
        publish: bool,
    ) -> Result<()> {
        let txn = self.write_txn().await?;
        let d = award_decisions::Entity::find_by_id(decision_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("quyết định"))?;
        let status = DecisionStatus::from_code(&d.status).unwrap_or(DecisionStatus::Draft);
        let current = decision_publications::Entity::find()
            .filter(decision_publications::Column::DecisionId.eq(decision_id))
            .one(&txn)
            .await?;
        match (publish, current) {
            (true, None) => {
                if let Some(p) = dom::decision_publish_problem(status) {
                    return Err(Invalid::field("status", p).into());
                }
                let row = decision_publications::ActiveModel {
                    decision_id: Set(decision_id),
                    published_at: Set(Utc::now()),
                    published_by: Set(actor.name.clone()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                self.record_audit(
                    &txn,
                    actor,
                    Change {
                        action: "publish",
                        ..Change::created("award_decision", decision_id, None, &row)
                    },
                )
                .await?;
            }
            (false, Some(row)) => {
                decision_publications::Entity::delete_by_id(row.id)
                    .exec(&txn)
                    .await?;
                self.record_audit(
                    &txn,
                    actor,
                    Change {
                        action: "unpublish",
                        entity: "award_decision",
                        entity_id: Some(decision_id),
                        unit_id: None,
                        before: crate::audit::snapshot(&row),
                        after: None,
                    },
                )
                .await?;
            }
            _ => {}
        }
        txn.commit().await?;
        Ok(())
    }

    /// When the decision was published on the board, if it is.
    pub async fn decision_publication(
        &self,
        decision_id: i64,
    ) -> Result<Option<decision_publications::Model>> {
        Ok(decision_publications::Entity::find()
            .filter(decision_publications::Column::DecisionId.eq(decision_id))
            .one(&self.db)
            .await?)
    }

    /// Publishes (`true`) or takes back (`false`) a recognised initiative on the public board.
    /// Audited; a repeat changes nothing.
    pub async fn set_initiative_published(
        &self,
        actor: &Actor,
        initiative_id: i64,
        publish: bool,
    ) -> Result<()> {
        let txn = self.write_txn().await?;
        let i = initiatives::Entity::find_by_id(initiative_id)
            .one(&txn)
            .await?
            .filter(|i| !i.deleted)
            .ok_or(StoreError::NotFound("sáng kiến"))?;
        let current = initiative_publications::Entity::find()
            .filter(initiative_publications::Column::InitiativeId.eq(initiative_id))
            .one(&txn)
            .await?;
        match (publish, current) {
            (true, None) => {
                if i.status != Status::Recognised.code() {
                    return Err(Invalid::field(
                        "status",
                        "Chỉ công bố được sáng kiến đã được công nhận",
                    )
                    .into());
                }
                let row = initiative_publications::ActiveModel {
                    initiative_id: Set(initiative_id),
                    published_at: Set(Utc::now()),
                    published_by: Set(actor.name.clone()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                self.record_audit(
                    &txn,
                    actor,
                    Change {
                        action: "publish",
                        ..Change::created("initiative", initiative_id, Some(i.unit_id), &row)
                    },
                )
                .await?;
            }
            (false, Some(row)) => {
                initiative_publications::Entity::delete_by_id(row.id)
                    .exec(&txn)
                    .await?;
                self.record_audit(
                    &txn,
                    actor,
                    Change {
                        action: "unpublish",
                        entity: "initiative",
                        entity_id: Some(initiative_id),
                        unit_id: Some(i.unit_id),
                        before: crate::audit::snapshot(&row),
                        after: None,
                    },
                )
                .await?;
            }
            _ => {}
        }
        txn.commit().await?;
        Ok(())
    }

    /// When the initiative was published on the board, if it is.
    pub async fn initiative_publication(
        &self,
        initiative_id: i64,
    ) -> Result<Option<initiative_publications::Model>> {
        Ok(initiative_publications::Entity::find()
            .filter(initiative_publications::Column::InitiativeId.eq(initiative_id))
            .one(&self.db)
            .await?)
    }

    /// Publishes every recognised initiative of `years` at once (the sample's bulk publishing);
    /// one audit entry. Answers how many were published.
    pub async fn publish_recognised_initiatives(
        &self,
        actor: &Actor,
        years: &[i32],
    ) -> Result<u64> {
        let txn = self.write_txn().await?;
        let already: BTreeSet<i64> = initiative_publications::Entity::find()
            .all(&txn)
            .await?
            .into_iter()
            .map(|p| p.initiative_id)
            .collect();
        let ids: Vec<i64> = initiatives::Entity::find()
            .filter(initiatives::Column::Status.eq(Status::Recognised.code()))
            .filter(initiatives::Column::Deleted.eq(false))
            .filter(initiatives::Column::Year.is_in(years.to_vec()))
            .order_by_asc(initiatives::Column::Id)
            .all(&txn)
            .await?
            .into_iter()
            .map(|i| i.id)
            .filter(|i| !already.contains(i))
            .collect();
        let now = Utc::now();
        for chunk in ids.chunks(500) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|i| initiative_publications::ActiveModel {
                    initiative_id: Set(*i),
                    published_at: Set(now),
                    published_by: Set(actor.name.clone()),
                    ..Default::default()
                })
                .collect();
            if !rows.is_empty() {
                initiative_publications::Entity::insert_many(rows)
                    .exec_without_returning(&txn)
                    .await?;
            }
        }
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "publish",
                entity: "initiative",
                entity_id: None,
                unit_id: None,
                before: None,
                after: crate::audit::snapshot(&serde_json::json!({ "initiative_ids": ids })),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(ids.len() as u64)
    }

    // ----- the public board ----------------------------------------------------------------------

    /// The public board as of now: the snapshot of this process, rebuilt first when anything was
    /// written since it was built.
    pub async fn board(&self) -> Result<Arc<Board>> {
        let seq = self.change_seq(&self.db).await?;
        if let Some(b) = self.board.current(seq) {
            return Ok(b);
        }
        let built = Arc::new(self.build_board(seq).await?);
        self.board.keep(built.clone());
        Ok(built)
    }

    async fn build_board(&self, seq: i64) -> Result<Board> {
        let closed: BTreeSet<i64> = units::Entity::find()
            .filter(units::Column::Active.eq(false))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|u| u.id)
            .collect();
        let tables = self.rule_tables().await?;
        // Decisions: final and published.
        let pubs = decision_publications::Entity::find().all(&self.db).await?;
        let decisions: Vec<award_decisions::Model> = award_decisions::Entity::find()
            .filter(
                award_decisions::Column::Id
                    .is_in(pubs.iter().map(|p| p.decision_id).collect::<Vec<_>>()),
            )
            .filter(award_decisions::Column::Status.eq(DecisionStatus::Final.code()))
            .order_by_desc(award_decisions::Column::SignedOn)
            .order_by_desc(award_decisions::Column::Id)
            .all(&self.db)
            .await?;
        let mut board = Board {
            seq,
            ..Default::default()
        };
        for d in &decisions {
            let lines = decision_lines::Entity::find()
                .filter(decision_lines::Column::DecisionId.eq(d.id))
                .order_by_asc(decision_lines::Column::Position)
                .all(&self.db)
                .await?;
            let noms: HashMap<i64, String> = nominations::Entity::find()
                .filter(
                    nominations::Column::Id
                        .is_in(lines.iter().map(|l| l.nomination_id).collect::<Vec<_>>()),
                )
                .all(&self.db)
                .await?
                .into_iter()
                .map(|n| (n.id, n.status))
                .collect();
            let mut shown = Vec::new();
            for l in lines {
                let refused = noms.get(&l.nomination_id).is_none_or(|s| {
                    matches!(
                        NominationStatus::from_code(s),
                        Some(NominationStatus::Returned | NominationStatus::Rejected) | None
                    )
                });
                if refused || l.unit_id.is_some_and(|u| closed.contains(&u)) {
                    continue;
                }
                let award_name = award_name(&tables, &l.award);
                let words = dom::board_words(&format!(
                    "{} {} {} {}",
                    l.name, l.unit_name, award_name, l.year
                ));
                shown.push(board.awards.len());
                board.awards.push(BoardAward {
                    decision_id: d.id,
                    name: l.name,
                    unit_name: l.unit_name,
                    award_name,
                    year: l.year,
                    collective: l.subject != "individual",
                    words,
                });
            }
            board.decisions.push(BoardDecision {
                id: d.id,
                reference: d.reference.clone(),
                summary: d.summary.clone(),
                issuer: d.issuer.clone(),
                signed_on: d.signed_on,
                lines: shown,
            });
        }
        // Exemplary models: published, of open units.
        let models: Vec<exemplary_models::Model> = exemplary_models::Entity::find()
            .filter(exemplary_models::Column::Status.eq(ModelStatus::Published.code()))
            .all(&self.db)
            .await?
            .into_iter()
            .filter(|m| !closed.contains(&m.unit_id))
            .collect();
        let stories: HashMap<i64, String> =
            models.iter().map(|m| (m.id, m.story.clone())).collect();
        let photo_rows = attachments::Entity::find()
            .filter(attachments::Column::OwnerKind.eq(PHOTO_KIND))
            .filter(
                attachments::Column::OwnerId.is_in(models.iter().map(|m| m.id).collect::<Vec<_>>()),
            )
            .order_by_asc(attachments::Column::Id)
            .all(&self.db)
            .await?;
        for r in self.model_rows(models).await? {
            let story = stories.get(&r.id).cloned().unwrap_or_default();
            let name = r.person_name.clone().unwrap_or_else(|| r.unit_name.clone());
            let words = dom::board_words(&format!(
                "{} {} {} {} {}",
                r.title, name, r.unit_name, r.kind_label, r.year
            ));
            board.models.push(BoardModel {
                id: r.id,
                kind: r.kind,
                kind_label: r.kind_label,
                subject_label: r.subject_label,
                title: r.title,
                name,
                unit_name: r.unit_name,
                year: r.year,
                excerpt: excerpt(&story, 240),
                story,
                photos: photo_rows
                    .iter()
                    .filter(|p| p.owner_id == r.id)
                    .map(|p| p.id)
                    .collect(),
                words,
            });
        }
        board
            .models
            .sort_by(|a, b| b.year.cmp(&a.year).then(text::compare(&a.title, &b.title)));
        // Initiatives: recognised and published, of open units.
        let ipubs: Vec<i64> = initiative_publications::Entity::find()
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| p.initiative_id)
            .collect();
        let mut inis = Vec::new();
        for chunk in ipubs.chunks(500) {
            inis.extend(
                initiatives::Entity::find()
                    .filter(initiatives::Column::Id.is_in(chunk.to_vec()))
                    .filter(initiatives::Column::Status.eq(Status::Recognised.code()))
                    .filter(initiatives::Column::Deleted.eq(false))
                    .all(&self.db)
                    .await?
                    .into_iter()
                    .filter(|i| !closed.contains(&i.unit_id)),
            );
        }
        let ids: Vec<i64> = inis.iter().map(|i| i.id).collect();
        let mut authors: HashMap<i64, Vec<AuthorRef>> = HashMap::new();
        for chunk in ids.chunks(500) {
            for a in initiative_authors::Entity::find()
                .filter(initiative_authors::Column::InitiativeId.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?
            {
                authors
                    .entry(a.initiative_id)
                    .or_default()
                    .push((a.position, a.person_id, a.name));
            }
        }
        let person_ids: Vec<i64> = authors
            .values()
            .flatten()
            .filter_map(|a| a.1)
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut person_names: HashMap<i64, String> = HashMap::new();
        for chunk in person_ids.chunks(500) {
            for p in people::Entity::find()
                .filter(people::Column::Id.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?
            {
                person_names.insert(p.id, p.full_name);
            }
        }
        let unit_names = crate::movements::unit_names(
            &self.db,
            &inis.iter().map(|i| i.unit_id).collect::<Vec<_>>(),
        )
        .await?;
        for i in inis {
            let mut list = authors.remove(&i.id).unwrap_or_default();
            list.sort_by_key(|a| a.0);
            let names: Vec<String> = list
                .into_iter()
                .filter_map(|(_, pid, name)| {
                    pid.and_then(|p| person_names.get(&p).cloned()).or(name)
                })
                .collect();
            let unit_name = unit_names
                .get(&i.unit_id)
                .map(|n| n.0.clone())
                .unwrap_or_default();
            let scope_label = i
                .scope
                .as_deref()
                .and_then(Scope::from_code)
                .map(|s| s.label());
            let words = dom::board_words(&format!(
                "{} {} {} {}",
                i.title,
                names.join(" "),
                unit_name,
                i.year
            ));
            board.initiatives.push(BoardInitiative {
                id: i.id,
                title: i.title,
                authors: names,
                unit_name,
                year: i.year,
                scope_label,
                words,
            });
        }
        board
            .initiatives
            .sort_by(|a, b| b.year.cmp(&a.year).then(a.id.cmp(&b.id)));
        board.award_words = WordIndex::of(board.awards.iter().map(|a| &a.words));
        board.model_words = WordIndex::of(board.models.iter().map(|m| &m.words));
        board.initiative_words = WordIndex::of(board.initiatives.iter().map(|i| &i.words));
        Ok(board)
    }
}

/// An author of an initiative: position, person (if in the directory), name typed (otherwise).
type AuthorRef = (i32, Option<i64>, Option<String>);

fn award_name(tables: &thidua_domain::rules::RuleTables, code: &str) -> String {
    tables
        .item(code)
        .map(|i| i.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

/// The first `n` characters of a story, cut at a word.
fn excerpt(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_owned();
    }
    let cut: String = s.chars().take(n).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a).unwrap_or(&cut);
    format!("{cut}…")
}

/// One award line on the board: name, unit, title or form, year. Nothing else of the person.
#[derive(Debug, Clone, Serialize)]
pub struct BoardAward {
    pub decision_id: i64,
    pub name: String,
    pub unit_name: String,
    pub award_name: String,
    pub year: i32,
    pub collective: bool,
    #[serde(skip)]
    pub words: Vec<String>,
}

/// A published decision: its number, summary, issuer and date, and its lines shown (indexes into
/// [`Board::awards`]).
#[derive(Debug, Clone, Serialize)]
pub struct BoardDecision {
    pub id: i64,
    pub reference: Option<String>,
    pub summary: String,
    pub issuer: String,
    pub signed_on: Option<NaiveDate>,
    #[serde(skip)]
    pub lines: Vec<usize>,
}

/// A published profile.
#[derive(Debug, Clone, Serialize)]
pub struct BoardModel {
    pub id: i64,
    pub kind: String,
    pub kind_label: &'static str,
    pub subject_label: &'static str,
    pub title: String,
    /// The person's name, or the collective's.
    pub name: String,
    pub unit_name: String,
    pub year: i32,
    pub excerpt: String,
    pub story: String,
    /// Attachment ids of its photos.
    pub photos: Vec<i64>,
    #[serde(skip)]
    pub words: Vec<String>,
}

/// A recognised, published initiative: title, authors' names, unit, year.
#[derive(Debug, Clone, Serialize)]
pub struct BoardInitiative {
    pub id: i64,
    pub title: String,
    pub authors: Vec<String>,
    pub unit_name: String,
    pub year: i32,
    pub scope_label: Option<&'static str>,
    #[serde(skip)]
    pub words: Vec<String>,
}

/// Everything the public board may show, as of change sequence `seq`.
#[derive(Debug, Clone, Default)]
pub struct Board {
    pub seq: i64,
    pub awards: Vec<BoardAward>,
    pub decisions: Vec<BoardDecision>,
    pub models: Vec<BoardModel>,
    pub initiatives: Vec<BoardInitiative>,
    award_words: WordIndex,
    model_words: WordIndex,
    initiative_words: WordIndex,
}

/// The folded words of one section of the board with the entries (positions in the section, in
/// its order) that hold them, so that a search looks up each word's prefix range instead of
/// reading every entry's words.
#[derive(Debug, Clone, Default)]
struct WordIndex {
    len: usize,
    words: BTreeMap<String, Vec<u32>>,
}

impl WordIndex {
    fn of<'a>(entries: impl Iterator<Item = &'a Vec<String>>) -> Self {
        let mut index = WordIndex::default();
        for (i, words) in entries.enumerate() {
            for w in words {
                let at = index.words.entry(w.clone()).or_default();
                if at.last() != Some(&(i as u32)) {
                    at.push(i as u32);
                }
            }
            index.len = i + 1;
        }
        index
    }

    /// The positions of the entries in which every word of `query` begins a word (the rule of
    /// `board_matches`), ascending.
    fn matching(&self, query: &[String]) -> Vec<usize> {
        let blocks = self.len.div_ceil(64);
        let mut all: Option<Vec<u64>> = None;
        for q in query {
            let mut bits = vec![0u64; blocks];
            for (_, at) in self
                .words
                .range::<str, _>((
                    std::ops::Bound::Included(q.as_str()),
                    std::ops::Bound::Unbounded,
                ))
                .take_while(|(w, _)| w.starts_with(q.as_str()))
            {
                for &i in at {
                    bits[i as usize / 64] |= 1 << (i % 64);
                }
            }
            all = Some(match all {
                None => bits,
                Some(mut acc) => {
                    acc.iter_mut().zip(&bits).for_each(|(a, b)| *a &= b);
                    acc
                }
            });
        }
        let Some(bits) = all else {
            return (0..self.len).collect();
        };
        let mut out = Vec::new();
        for (block, mut b) in bits.into_iter().enumerate() {
            while b != 0 {
                out.push(block * 64 + b.trailing_zeros() as usize);
                b &= b - 1;
            }
        }
        out
    }
}

/// The entries of `all` whose positions `index` finds for `q`.
fn searched<'a, T>(all: &'a [T], index: &WordIndex, q: &str) -> impl Iterator<Item = &'a T> {
    index
        .matching(&dom::board_words(q))
        .into_iter()
        .filter_map(move |i| all.get(i))
}

/// A page of one section of the board.
#[derive(Debug, Clone, Serialize)]
pub struct BoardPage<T> {
    pub items: Vec<T>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

fn paged<'a, T: Clone + 'a>(
    all: impl Iterator<Item = &'a T>,
    page: usize,
    per_page: usize,
) -> BoardPage<T> {
    let mut total = 0;
    let mut items = Vec::new();
    let from = page.saturating_sub(1) * per_page;
    for x in all {
        if total >= from && items.len() < per_page {
            items.push(x.clone());
        }
        total += 1;
    }
    BoardPage {
        items,
        total,
        page: page.max(1),
        pages: total.div_ceil(per_page).max(1),
    }
}

impl Board {
    /// Award lines matching `q` (diacritics ignored), newest decision first.
    pub fn awards(&self, q: &str, page: usize, per_page: usize) -> BoardPage<BoardAward> {
        paged(searched(&self.awards, &self.award_words, q), page, per_page)
    }

    /// Profiles matching `q`.
    pub fn models(&self, q: &str, page: usize, per_page: usize) -> BoardPage<BoardModel> {
        paged(searched(&self.models, &self.model_words, q), page, per_page)
    }

    /// Initiatives matching `q`.
    pub fn initiatives(&self, q: &str, page: usize, per_page: usize) -> BoardPage<BoardInitiative> {
        paged(
            searched(&self.initiatives, &self.initiative_words, q),
            page,
            per_page,
        )
    }

    /// A published decision with its lines shown.
    pub fn decision(&self, id: i64) -> Option<(&BoardDecision, Vec<&BoardAward>)> {
        let d = self.decisions.iter().find(|d| d.id == id)?;
        Some((
            d,
            d.lines.iter().filter_map(|i| self.awards.get(*i)).collect(),
        ))
    }

    pub fn model(&self, id: i64) -> Option<&BoardModel> {
        self.models.iter().find(|m| m.id == id)
    }

    pub fn initiative(&self, id: i64) -> Option<&BoardInitiative> {
        self.initiatives.iter().find(|i| i.id == id)
    }

    /// True when the attachment `id` is a photo of a published profile.
    pub fn photo_public(&self, id: i64) -> bool {
        self.models.iter().any(|m| m.photos.contains(&id))
    }
}

/// The snapshot of the board this process last built.
#[derive(Default)]
pub(crate) struct BoardCache {
    current: Mutex<Option<Arc<Board>>>,
}

impl BoardCache {
    fn current(&self, seq: i64) -> Option<Arc<Board>> {
        let g = self.current.lock().unwrap_or_else(|e| e.into_inner());
        g.as_ref().filter(|b| b.seq == seq).cloned()
    }

    fn keep(&self, b: Arc<Board>) {
        let mut g = self.current.lock().unwrap_or_else(|e| e.into_inner());
        if g.as_ref().is_none_or(|x| x.seq <= b.seq) {
            *g = Some(b);
        }
    }
}

#[cfg(test)]
mod word_index_tests {
    use super::*;

    /// The index finds exactly the entries `board_matches` keeps, in their order.
    #[test]
    fn the_index_finds_what_every_entrys_words_match() {
        let texts = [
            "Số hoá hồ sơ một cửa",
            "Sổ tay hoà giải",
            "Lao động tiên tiến 2024",
            "Chiến sĩ thi đua cơ sở 2024",
            "Quản lý số liệu",
            "",
        ];
        let entries: Vec<Vec<String>> = (0..200)
            .map(|i| dom::board_words(&format!("{} {}", texts[i % texts.len()], i)))
            .collect();
        let index = WordIndex::of(entries.iter());
        for q in [
            "so hoa",
            "so",
            "hoa giai",
            "2024",
            "chien si 2",
            "quan ly so",
            "x",
            "",
            "1",
            "19",
        ] {
            let words = dom::board_words(q);
            let want: Vec<usize> = (0..entries.len())
                .filter(|&i| dom::board_matches(&words, &entries[i]))
                .collect();
            assert_eq!(index.matching(&words), want, "query {q:?}");
        }
    }
}
