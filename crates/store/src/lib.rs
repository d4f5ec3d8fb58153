//! Persistence of thidua behind one API. The engine (SQLite or PostgreSQL) is chosen at run time from
//! the database URL; every query and every migration is written once, with SeaORM and sea-query.

pub mod accounts;
pub mod archive;
pub mod audit;
pub mod audit_chain;
pub mod ballots;
mod bulk;
pub mod commendation;
pub mod directives;
pub mod directory;
pub mod doc_templates;
pub mod entity;
pub mod files;
pub mod imports;
mod initiative_index;
pub mod initiatives;
mod migration;
pub mod models;
pub mod movement_reads;
pub mod movements;
pub mod nomination_import;
pub mod precheck;
pub mod reports;
pub mod rules;
pub mod sample;
pub mod sample_commendation;
pub mod sample_initiatives;
pub mod sample_models;
pub mod sample_movements;
mod search;
pub mod settings;
pub mod testing;

use sea_orm::sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sea_orm::sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait, QuerySelect,
    SqlErr, SqlxPostgresConnector, SqlxSqliteConnector, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;
use thidua_domain::validation::Invalid;

pub use audit::Actor;
pub use audit_chain::{AuditKey, AuditProblem, AuditVerification, Checkpoint, CheckpointOutcome};
pub use migration::Migrator;

/// The default database: an SQLite file in `thidua-data/` under the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://thidua-data/thidua.db";

/// What can go wrong in the store, in terms the web layer turns into answers.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Không tìm thấy {0}")]
    NotFound(&'static str),
    #[error("{message}")]
    Conflict {
        field: Option<String>,
        message: String,
    },
    #[error(transparent)]
    Invalid(#[from] Invalid),
    #[error("Lỗi cơ sở dữ liệu: {0}")]
    Db(DbErr),
    #[error("{0}")]
    Other(String),
}

impl From<DbErr> for StoreError {
    fn from(e: DbErr) -> Self {
        match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(detail)) => StoreError::Conflict {
                field: None,
                message: format!("Dữ liệu bị trùng với một bản ghi đã có ({detail})"),
            },
            Some(SqlErr::ForeignKeyConstraintViolation(_)) => StoreError::Conflict {
                field: None,
                message: "Bản ghi đang được tham chiếu hoặc tham chiếu tới bản ghi không tồn tại"
                    .into(),
            },
            _ => StoreError::Db(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The database engine behind a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A page of a list and the total number of matching items.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// The handle on the database: cheap to clone, shared by every request.
#[derive(Clone)]
pub struct Store {
    db: DatabaseConnection,
    index: std::sync::Arc<search::PeopleIndex>,
    engine: Engine,
    sqlite_path: Option<PathBuf>,
    login_limits: std::sync::Arc<accounts::LoginLimits>,
    /// The rule tables last read, with their version (0: the built-in ones).
    rules_cache: rules::RulesCache,
    /// Signs audit entries; lives outside the database (`audit_chain`).
    audit_key: Option<std::sync::Arc<AuditKey>>,
    /// Where checkpoints of the audit chain go.
    audit_checkpoint: Option<std::sync::Arc<std::path::Path>>,
    /// Where attachments' bytes live (`files`).
    files: std::sync::Arc<files::FileStore>,
    /// The initiatives' similarity and search index of this process (`initiative_index`).
    initiative_index: std::sync::Arc<initiative_index::InitiativeIndex>,
    /// The public board's snapshot of this process (`models`).
    board: std::sync::Arc<models::BoardCache>,
}

impl Store {
    /// Opens the database at `url` (`sqlite://PATH` or `postgres://…`), creating an SQLite file and its
    /// folder when missing. Does not migrate.
    pub async fn open(url: &str) -> Result<Store> {
        Self::open_with_schema(url, None).await
    }

    /// As [`Store::open`]; on PostgreSQL, works inside `schema` (used by tests for isolation).
    pub async fn open_with_schema(url: &str, schema: Option<&str>) -> Result<Store> {
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let path_part = rest.trim_start_matches("//");
            let path_only = path_part.split('?').next().unwrap_or_default();
            if path_only.is_empty() {
                return Err(StoreError::Other(
                    "Địa chỉ SQLite thiếu đường dẫn tệp".into(),
                ));
            }
            let path = PathBuf::from(path_only);
            if path_only != ":memory:" {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|e| {
                        StoreError::Other(format!(
                            "Không tạo được thư mục dữ liệu {}: {e}",
                            dir.display()
                        ))
                    })?;
                }
            }
            let opts = SqliteConnectOptions::from_str(&format!("sqlite://{path_part}"))
                .map_err(|e| StoreError::Other(format!("Địa chỉ SQLite không hợp lệ: {e}")))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("cache_size", "-4000");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .min_connections(1)
                .connect_with(opts)
                .await
                .map_err(|e| {
                    StoreError::Other(format!(
                        "Không mở được cơ sở dữ liệu SQLite {path_only}: {e}"
                    ))
                })?;
            let files = if path_only == ":memory:" {
                files::FileStore::memory()
            } else {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "thidua".into());
                files::FileStore::folder(&path.with_file_name(format!("{stem}-files")))?
            };
            Ok(Store {
                files: std::sync::Arc::new(files),
                index: Default::default(),
                initiative_index: Default::default(),
                board: Default::default(),
                db: SqlxSqliteConnector::from_sqlx_sqlite_pool(pool),
                engine: Engine::Sqlite,
                sqlite_path: Some(path),
                login_limits: Default::default(),
                rules_cache: Default::default(),
                audit_key: None,
                audit_checkpoint: None,
            })
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let mut opts = PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::Other(format!("Địa chỉ PostgreSQL không hợp lệ: {e}")))?;
            if let Some(schema) = schema {
                opts = opts
                    .options([("search_path", schema)])
                    .application_name(schema);
            }
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(opts)
                .await
                .map_err(|e| StoreError::Other(format!("Không kết nối được PostgreSQL: {e}")))?;
            Ok(Store {
                // The server sets a folder or S3 from its configuration (several processes share it).
                files: std::sync::Arc::new(files::FileStore::memory()),
                index: Default::default(),
                initiative_index: Default::default(),
                board: Default::default(),
                db: SqlxPostgresConnector::from_sqlx_postgres_pool(pool),
                engine: Engine::Postgres,
                sqlite_path: None,
                login_limits: Default::default(),
                rules_cache: Default::default(),
                audit_key: None,
                audit_checkpoint: None,
            })
        } else {
            Err(StoreError::Other(format!(
                "Địa chỉ cơ sở dữ liệu không được hỗ trợ: '{url}' (dùng sqlite://ĐƯỜNG_DẪN hoặc postgres://…)"
            )))
        }
    }

    /// Applies every pending migration.
    pub async fn migrate(&self) -> Result<()> {
        Migrator::up(&self.db, None).await?;
        Ok(())
    }

    /// Applies the first `n` migrations only (for upgrade tests).
    pub async fn migrate_first(&self, n: u32) -> Result<()> {
        Migrator::up(&self.db, Some(n)).await?;
        Ok(())
    }

    /// Opens and migrates.
    pub async fn connect(url: &str) -> Result<Store> {
        let store = Self::open(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Begins a transaction that writes. It takes the write lock at once (on SQLite, so that two writers
    /// wait for each other instead of failing when a reading transaction tries to become a writer) and
    /// advances the change sequence (`change_seq`), which [`Store::change_seq`] reads back.
    pub async fn write_txn(&self) -> Result<DatabaseTransaction> {
        let txn = self.db.begin().await?;
        // Taking the row lock also advances the change sequence that search indexes follow; writers
        // queue on this row, so sequences commit in order.
        txn.execute_unprepared("UPDATE write_lock SET seq = seq + 1 WHERE id = 1")
            .await?;
        Ok(txn)
    }

    /// The current change sequence, as seen by `conn` (inside a write transaction: that transaction's).
    pub async fn change_seq<C: ConnectionTrait>(&self, conn: &C) -> Result<i64> {
        let backend = conn.get_database_backend();
        let row = conn
            .query_one(sea_orm::Statement::from_string(
                backend,
                "SELECT seq FROM write_lock WHERE id = 1",
            ))
            .await?;
        Ok(match row {
            Some(r) => r.try_get::<i64>("", "seq")?,
            None => 0,
        })
    }

    /// True when the database holds no unit, no person and no account: sample data and imports go only there.
    pub async fn is_empty(&self) -> Result<bool> {
        use sea_orm::{EntityTrait, PaginatorTrait};
        Ok(entity::units::Entity::find().count(&self.db).await? == 0
            && entity::people::Entity::find().count(&self.db).await? == 0
            && entity::users::Entity::find().count(&self.db).await? == 0)
    }

    /// A consistent copy of an SQLite database while it is in use (`VACUUM INTO`).
    pub async fn backup_to(&self, target: &std::path::Path) -> Result<()> {
        match self.engine {
            Engine::Sqlite => {
                if target.exists() {
                    return Err(StoreError::Other(format!("Tệp {} đã tồn tại; chọn tên khác", target.display())));
                }
                let t = target.to_string_lossy().replace('\'', "''");
                self.db.execute_unprepared(&format!("VACUUM INTO '{t}'")).await?;
                // The attachments' bytes go beside the copy, where opening it looks for them
                // (`<name>-files`), so that the backup is whole on its own.
                let stem = target
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "thidua".into());
                let copy = files::FileStore::folder(&target.with_file_name(format!("{stem}-files")))?;
                let hashes: Vec<String> = entity::attachments::Entity::find()
                    .select_only()
                    .column(entity::attachments::Column::Sha256)
                    .distinct()
                    .into_tuple()
                    .all(&self.db)
                    .await?;
                for h in hashes {
                    copy.put(self.files.get(&h).await?).await?;
                }
                Ok(())
            }
            Engine::Postgres => Err(StoreError::Other(
                "Với PostgreSQL, hãy sao lưu bằng pg_dump (ví dụ: pg_dump -Fc -f thidua.dump TÊN_CSDL)".into(),
            )),
        }
    }

    /// The SQLite file, if this store is on SQLite.
    pub fn sqlite_path(&self) -> Option<&std::path::Path> {
        self.sqlite_path.as_deref()
    }

    /// Closes the pool.
    pub async fn close(self) -> Result<()> {
        self.db.close().await?;
        Ok(())
    }
}
