//! Attachments: one storage interface for every feature's files. Content-addressed: a file's bytes
//! are stored once under their SHA-256 (`ab/cd/abcdef…`), so the same scan attached twice costs
//! nothing and a stored file can be checked against its name. The bytes live in a folder beside the
//! database by default, or in S3-compatible object storage when configured, so that several server
//! processes on one PostgreSQL see the same files (both through the `object_store` crate). The rows
//! of `attachments` say what record a file belongs to; `export`/`import` carry the bytes too.

use crate::audit::{Actor, Change};
use crate::entity::attachments;
use crate::{Result, Store, StoreError};
use bytes::Bytes;
use chrono::Utc;
use object_store::path::Path as StorePath;
use object_store::{ObjectStore, PutPayload};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use sha2::{Digest, Sha256};
use std::sync::Arc;
use thidua_domain::attachment;

/// Where attachments' bytes are kept.
#[derive(Clone)]
pub struct FileStore {
    inner: Arc<dyn ObjectStore>,
    /// Where it is, for messages ("thư mục thidua-data/files", "s3://bucket").
    pub location: String,
    /// The largest file accepted.
    pub max_bytes: usize,
}

impl std::fmt::Debug for FileStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FileStore")
            .field("location", &self.location)
            .finish()
    }
}

fn io(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(format!("Lỗi kho tệp đính kèm: {e}"))
}

fn key(sha256: &str) -> StorePath {
    StorePath::from(format!("{}/{}/{sha256}", &sha256[..2], &sha256[2..4]))
}

impl FileStore {
    /// A folder on this machine (created when missing).
    pub fn folder(dir: &std::path::Path) -> Result<FileStore> {
        std::fs::create_dir_all(dir).map_err(|e| {
            StoreError::Other(format!(
                "Không tạo được thư mục tệp đính kèm {}: {e}",
                dir.display()
            ))
        })?;
        let fs = object_store::local::LocalFileSystem::new_with_prefix(dir).map_err(io)?;
        Ok(FileStore {
            inner: Arc::new(fs),
            location: dir.display().to_string(),
            max_bytes: attachment::DEFAULT_MAX_BYTES,
        })
    }

    /// S3-compatible object storage: `s3://bucket[/prefix]`, with the endpoint, region and keys from
    /// the usual `AWS_*` environment variables (`AWS_ENDPOINT` for MinIO and the like).
    pub fn s3(url: &str) -> Result<FileStore> {
        let s3 = object_store::aws::AmazonS3Builder::from_env()
            .with_url(url)
            .build()
            .map_err(|e| {
                StoreError::Other(format!("Cấu hình lưu trữ S3 không hợp lệ ({url}): {e}"))
            })?;
        Ok(FileStore {
            inner: Arc::new(s3),
            location: url.to_owned(),
            max_bytes: attachment::DEFAULT_MAX_BYTES,
        })
    }

    /// Kept in memory (tests).
    pub fn memory() -> FileStore {
        FileStore {
            inner: Arc::new(object_store::memory::InMemory::new()),
            location: "bộ nhớ".into(),
            max_bytes: attachment::DEFAULT_MAX_BYTES,
        }
    }

    /// From a setting: `s3://…` or a folder path.
    pub fn from_setting(setting: &str) -> Result<FileStore> {
        if setting.starts_with("s3://") {
            Self::s3(setting)
        } else {
            Self::folder(std::path::Path::new(setting))
        }
    }

    /// Stores bytes under their SHA-256 (once) and answers it.
    pub async fn put(&self, data: Bytes) -> Result<String> {
        let sha = hex::encode(Sha256::digest(&data));
        let path = key(&sha);
        if self.inner.head(&path).await.is_err() {
            self.inner
                .put(&path, PutPayload::from_bytes(data))
                .await
                .map_err(io)?;
        }
        Ok(sha)
    }

    /// The bytes stored under `sha256`, checked against it.
    pub async fn get(&self, sha256: &str) -> Result<Bytes> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::NotFound("tệp"));
        }
        let got = self
            .inner
            .get(&key(sha256))
            .await
            .map_err(|e| match e {
                object_store::Error::NotFound { .. } => StoreError::NotFound("tệp"),
                e => io(e),
            })?
            .bytes()
            .await
            .map_err(io)?;
        if hex::encode(Sha256::digest(&got)) != sha256 {
            return Err(StoreError::Other(format!(
                "Tệp {sha256} trong kho đã bị thay đổi (không khớp mã băm)"
            )));
        }
        Ok(got)
    }
}

/// An upload whose bytes are stored, waiting for its row.
#[derive(Debug, Clone)]
pub(crate) struct StoredUpload {
    content_type: String,
    name: String,
    size: i64,
    sha: String,
}

/// A file to attach, as it arrived.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Bytes,
}

impl Store {
    /// The store of attachments' bytes.
    pub fn files(&self) -> &FileStore {
        &self.files
    }

    /// Uses another store for attachments' bytes (a folder or S3, from the configuration).
    pub fn set_file_store(&mut self, files: FileStore) {
        self.files = Arc::new(files);
    }

    /// Attaches files to a record (`owner_kind`, `owner_id`), all or none: each is checked (size,
    /// allowed kind, content agreeing with the name) before anything is stored.
    pub async fn attach(
        &self,
        actor: &Actor,
        owner_kind: &str,
        owner_id: i64,
        unit_id: Option<i64>,
        uploads: Vec<Upload>,
    ) -> Result<Vec<attachments::Model>> {
        let stored = self.store_uploads(uploads).await?;
        let txn = self.write_txn().await?;
        let out = self
            .attach_in(&txn, actor, owner_kind, owner_id, unit_id, stored)
            .await?;
        txn.commit().await?;
        Ok(out)
    }

    /// Checks every upload, then stores the bytes (content-addressed, so an upload whose record is
    /// later refused costs only its bytes, never a row).
    pub(crate) async fn store_uploads(&self, uploads: Vec<Upload>) -> Result<Vec<StoredUpload>> {
        let mut checked = Vec::new();
        for u in uploads {
            let (kind, name) = attachment::check(&u.file_name, &u.bytes, self.files.max_bytes)?;
            checked.push((kind.content_type(&name), name, u.bytes));
        }
        let mut stored = Vec::new();
        for (content_type, name, bytes) in checked {
            let size = bytes.len() as i64;
            let sha = self.files.put(bytes).await?;
            stored.push(StoredUpload {
                content_type: content_type.into(),
                name,
                size,
                sha,
            });
        }
        Ok(stored)
    }

    /// Writes the rows of stored uploads in the caller's write transaction, with their audit entries.
    pub(crate) async fn attach_in<C: sea_orm::ConnectionTrait>(
        &self,
        txn: &C,
        actor: &Actor,
        owner_kind: &str,
        owner_id: i64,
        unit_id: Option<i64>,
        stored: Vec<StoredUpload>,
    ) -> Result<Vec<attachments::Model>> {
        let mut out = Vec::new();
        for s in stored {
            let model = attachments::ActiveModel {
                owner_kind: Set(owner_kind.into()),
                owner_id: Set(owner_id),
                file_name: Set(s.name),
                content_type: Set(s.content_type),
                size: Set(s.size),
                sha256: Set(s.sha),
                created_at: Set(Utc::now()),
                created_by: Set(actor.name.clone()),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            self.record_audit(
                txn,
                actor,
                Change::created("attachment", model.id, unit_id, &model),
            )
            .await?;
            out.push(model);
        }
        Ok(out)
    }

    /// The files attached to a record, oldest first.
    pub async fn attachments(
        &self,
        owner_kind: &str,
        owner_id: i64,
    ) -> Result<Vec<attachments::Model>> {
        Ok(attachments::Entity::find()
            .filter(attachments::Column::OwnerKind.eq(owner_kind))
            .filter(attachments::Column::OwnerId.eq(owner_id))
            .order_by_asc(attachments::Column::Id)
            .all(&self.db)
            .await?)
    }

    /// One attachment's row.
    pub async fn attachment(&self, id: i64) -> Result<Option<attachments::Model>> {
        Ok(attachments::Entity::find_by_id(id).one(&self.db).await?)
    }
}
