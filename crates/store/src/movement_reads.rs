//! Reads the movement pages and API need beside `movements.rs` and `directives.rs`: single reports,
//! posts and inspections by id and whose record an attachment belongs to (so that who may see a file
//! follows its owner's rule), documents by id in bulk or by their printed reference, the directive a
//! document belongs to (a directive's document is issued with the directive, never on its own), the
//! number of people of registrations, the attachments of many records at once. Reads only: every
//! change still goes through the audited methods of those modules.

use crate::entity::{
    attachments, directives, documents, inspections, movement_phases, posts, registration_people,
    task_reports,
};
use crate::{Result, Store};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

impl Store {
    /// One unit's report on a task (the owner of the attachments of kind `report`).
    pub async fn task_report(&self, id: i64) -> Result<Option<task_reports::Model>> {
        Ok(task_reports::Entity::find_by_id(id).one(&self.db).await?)
    }

    /// One post or event of propaganda.
    pub async fn post(&self, id: i64) -> Result<Option<posts::Model>> {
        Ok(posts::Entity::find_by_id(id).one(&self.db).await?)
    }

    /// One inspection record.
    pub async fn inspection(&self, id: i64) -> Result<Option<inspections::Model>> {
        Ok(inspections::Entity::find_by_id(id).one(&self.db).await?)
    }

    /// Documents by id, for the lists that show their references.
    pub async fn documents_by_ids(&self, ids: &[i64]) -> Result<HashMap<i64, documents::Model>> {
        let mut out = HashMap::new();
        for chunk in ids.chunks(500) {
            for d in documents::Entity::find()
                .filter(documents::Column::Id.is_in(chunk.to_vec()))
                .all(&self.db)
                .await?
            {
                out.insert(d.id, d);
            }
        }
        Ok(out)
    }

    /// The directive whose outgoing document this is, if any.
    pub async fn directive_of_document(&self, document_id: i64) -> Result<Option<i64>> {
        Ok(directives::Entity::find()
            .select_only()
            .column(directives::Column::Id)
            .filter(directives::Column::DocumentId.eq(document_id))
            .into_tuple::<i64>()
            .one(&self.db)
            .await?)
    }

    /// How many people each registration names.
    pub async fn registration_people_counts(&self, ids: &[i64]) -> Result<HashMap<i64, u64>> {
        let mut out = HashMap::new();
        for chunk in ids.chunks(500) {
            let rows: Vec<i64> = registration_people::Entity::find()
                .select_only()
                .column(registration_people::Column::RegistrationId)
                .filter(registration_people::Column::RegistrationId.is_in(chunk.to_vec()))
                .into_tuple()
                .all(&self.db)
                .await?;
            for r in rows {
                *out.entry(r).or_default() += 1;
            }
        }
        Ok(out)
    }

    /// The yearly phases of many movements at once, by movement, oldest year first.
    pub async fn phases_of(
        &self,
        movement_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<movement_phases::Model>>> {
        let mut out: HashMap<i64, Vec<movement_phases::Model>> = HashMap::new();
        for chunk in movement_ids.chunks(500) {
            for p in movement_phases::Entity::find()
                .filter(movement_phases::Column::MovementId.is_in(chunk.to_vec()))
                .order_by_asc(movement_phases::Column::Year)
                .all(&self.db)
                .await?
            {
                out.entry(p.movement_id).or_default().push(p);
            }
        }
        Ok(out)
    }
}

/// The record an attachment belongs to, as the permission rules need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentOwner {
    /// A document of the register (its unit, if it has one; whether it is still a draft).
    Document { unit_id: Option<i64>, draft: bool },
    /// A unit's work: a report, a post or an inspection of that unit.
    UnitWork { unit_id: i64 },
    /// An initiative (its permission facts depend on the viewer: read them with
    /// `initiative_facts`).
    Initiative { id: i64 },
    /// A nomination (đề nghị khen thưởng) of its nominating unit.
    Nomination { unit_id: i64 },
    /// An award decision's signed scan.
    AwardDecision { id: i64 },
    /// A photo of an exemplary model (its unit; whether it is published).
    Model { unit_id: i64, published: bool },
}

impl Store {
    /// The owner of an attachment of `owner_kind` ("document", "report", "post", "inspection",
    /// "initiative", "nomination", "award_decision") and
    /// `owner_id`; `None` when there is no such record (or the kind is unknown).
    pub async fn attachment_owner(
        &self,
        owner_kind: &str,
        owner_id: i64,
    ) -> Result<Option<AttachmentOwner>> {
        Ok(match owner_kind {
            "document" => documents::Entity::find_by_id(owner_id)
                .one(&self.db)
                .await?
                .map(|d| AttachmentOwner::Document {
                    unit_id: d.unit_id,
                    draft: d.status == "draft",
                }),
            "report" => task_reports::Entity::find_by_id(owner_id)
                .one(&self.db)
                .await?
                .map(|r| AttachmentOwner::UnitWork { unit_id: r.unit_id }),
            "post" => posts::Entity::find_by_id(owner_id)
                .one(&self.db)
                .await?
                .map(|p| AttachmentOwner::UnitWork { unit_id: p.unit_id }),
            "inspection" => inspections::Entity::find_by_id(owner_id)
                .one(&self.db)
                .await?
                .map(|i| AttachmentOwner::UnitWork { unit_id: i.unit_id }),
            crate::initiatives::ATTACHMENT_KIND => {
                crate::entity::initiatives::Entity::find_by_id(owner_id)
                    .one(&self.db)
                    .await?
                    .map(|i| AttachmentOwner::Initiative { id: i.id })
            }
            crate::commendation::NOMINATION_FILES => {
                crate::entity::nominations::Entity::find_by_id(owner_id)
                    .one(&self.db)
                    .await?
                    .map(|n| AttachmentOwner::Nomination { unit_id: n.unit_id })
            }
            crate::commendation::DECISION_FILES => {
                crate::entity::award_decisions::Entity::find_by_id(owner_id)
                    .one(&self.db)
                    .await?
                    .map(|d| AttachmentOwner::AwardDecision { id: d.id })
            }
            crate::models::PHOTO_KIND => {
                crate::entity::exemplary_models::Entity::find_by_id(owner_id)
                    .one(&self.db)
                    .await?
                    .map(|m| AttachmentOwner::Model {
                        unit_id: m.unit_id,
                        published: m.status == "published",
                    })
            }
            _ => None,
        })
    }

    /// The attachments of many records of one kind, by record (oldest first within each).
    pub async fn attachments_of(
        &self,
        owner_kind: &str,
        owner_ids: &[i64],
    ) -> Result<HashMap<i64, Vec<attachments::Model>>> {
        let mut out: HashMap<i64, Vec<attachments::Model>> = HashMap::new();
        for chunk in owner_ids.chunks(500) {
            for a in attachments::Entity::find()
                .filter(attachments::Column::OwnerKind.eq(owner_kind))
                .filter(attachments::Column::OwnerId.is_in(chunk.to_vec()))
                .order_by_asc(attachments::Column::Id)
                .all(&self.db)
                .await?
            {
                out.entry(a.owner_id).or_default().push(a);
            }
        }
        Ok(out)
    }

    /// The documents whose printed reference is exactly one of `references` (canonical form, as
    /// `DocumentReference` writes it), by reference; the newest when a reference recurs across years.
    pub async fn documents_by_reference(
        &self,
        references: &[String],
    ) -> Result<HashMap<String, documents::Model>> {
        let mut out = HashMap::new();
        if references.is_empty() {
            return Ok(out);
        }
        for d in documents::Entity::find()
            .filter(documents::Column::Reference.is_in(references.to_vec()))
            .order_by_asc(documents::Column::IssuedOn)
            .order_by_asc(documents::Column::Id)
            .all(&self.db)
            .await?
        {
            if let Some(r) = d.reference.clone() {
                out.insert(r, d);
            }
        }
        Ok(out)
    }
}

impl Store {
    /// A directive with its document, without its recipients (the matrix page reads those itself).
    pub async fn directive_head(
        &self,
        id: i64,
    ) -> Result<Option<(crate::entity::directives::Model, Option<documents::Model>)>> {
        let Some(d) = crate::entity::directives::Entity::find_by_id(id)
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let doc = match d.document_id {
            Some(x) => documents::Entity::find_by_id(x).one(&self.db).await?,
            None => None,
        };
        Ok(Some((d, doc)))
    }

    /// The recipient groups as (id, name), without their members.
    pub async fn group_names(&self) -> Result<Vec<(i64, String)>> {
        Ok(crate::entity::recipient_groups::Entity::find()
            .order_by_asc(crate::entity::recipient_groups::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|g| (g.id, g.name))
            .collect())
    }
}
