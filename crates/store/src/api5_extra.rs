//! Reads the JSON API of movements needs beside `movements.rs` and `directives.rs`: single reports,
//! posts and inspections by id (to decide who may see or attach to them), documents by id in bulk
//! (references of a list of directives), the directive a document belongs to (a directive's document
//! is issued with the directive, never on its own) and the number of people of registrations.
//! Only reads: every change still goes through the audited methods of those modules.

use crate::entity::{
    directives, documents, inspections, movement_phases, posts, registration_people, task_reports,
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
