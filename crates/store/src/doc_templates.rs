//! The administrator's replacements of the shipped document templates (mẫu văn bản): a DOCX per
//! kind of document, kept as an attachment of the owner kind [`OWNER_KIND`] whose owner id is the
//! kind's number (the web names the kinds). So the bytes live in the content-addressed file store
//! and the archive carries them like every other attachment, with no table of their own. The newest
//! attachment of a kind is the one in force; reverting to the shipped default deletes the kind's
//! rows (the bytes stay in the file store, content-addressed). Every change is audited in its own
//! transaction. What a template must contain is checked by the caller (`office::docx::template`)
//! before it comes here.

use crate::audit::Change;
use crate::entity::attachments;
use crate::files::Upload;
use crate::{Actor, Result, Store};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The attachments' owner kind of templates. No page serves these files through `/tep/{id}`: their
/// owner is no record (`attachment_owner` knows none), so that answers 404.
pub const OWNER_KIND: &str = "document_template";

impl Store {
    /// The template in force for kind `kind` with its bytes, or `None` for the shipped default.
    pub async fn document_template(
        &self,
        kind: i64,
    ) -> Result<Option<(attachments::Model, bytes::Bytes)>> {
        let row = attachments::Entity::find()
            .filter(attachments::Column::OwnerKind.eq(OWNER_KIND))
            .filter(attachments::Column::OwnerId.eq(kind))
            .order_by_desc(attachments::Column::Id)
            .one(&self.db)
            .await?;
        match row {
            Some(r) => {
                let bytes = self.files().get(&r.sha256).await?;
                Ok(Some((r, bytes)))
            }
            None => Ok(None),
        }
    }

    /// Puts `upload` in force as the template of kind `kind` (checked by the caller).
    pub async fn set_document_template(
        &self,
        actor: &Actor,
        kind: i64,
        upload: Upload,
    ) -> Result<attachments::Model> {
        let mut rows = self
            .attach(actor, OWNER_KIND, kind, None, vec![upload])
            .await?;
        rows.pop()
            .ok_or_else(|| crate::StoreError::Other("Không lưu được mẫu văn bản".into()))
    }

    /// Goes back to the shipped default of kind `kind`: its uploaded templates are forgotten, one
    /// audit entry per row. Answers how many there were.
    pub async fn revert_document_template(&self, actor: &Actor, kind: i64) -> Result<usize> {
        let txn = self.write_txn().await?;
        let rows = attachments::Entity::find()
            .filter(attachments::Column::OwnerKind.eq(OWNER_KIND))
            .filter(attachments::Column::OwnerId.eq(kind))
            .all(&txn)
            .await?;
        for r in &rows {
            attachments::Entity::delete_by_id(r.id).exec(&txn).await?;
            self.record_audit(
                &txn,
                actor,
                Change {
                    action: "delete",
                    entity: "attachment",
                    entity_id: Some(r.id),
                    unit_id: None,
                    before: crate::audit::snapshot(r),
                    after: None,
                },
            )
            .await?;
        }
        txn.commit().await?;
        Ok(rows.len())
    }
}
