//! Fresh databases for tests: a temporary SQLite file, or, when `THIDUA_TEST_DATABASE_URL` names a
//! PostgreSQL server, a fresh schema that is dropped afterwards. Each has its own random audit key,
//! written to `audit.key` in the test's temporary folder (beside the SQLite file, where the `thidua`
//! binary finds it by itself; a child process on PostgreSQL is given `--audit-key`), and its
//! checkpoint file `audit.checkpoint` beside it.

use crate::audit_chain::{checkpoint_file_for, AuditKey, KEY_FILE_NAME};
use crate::Store;
use rand::Rng;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A migrated store that lives as long as this value.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    dir: tempfile::TempDir,
    schema: Option<String>,
    audit_key: Arc<AuditKey>,
}

impl TestDb {
    /// A fresh, migrated, empty database on the engine the environment names.
    pub async fn new() -> TestDb {
        let db = Self::unmigrated().await;
        db.store.migrate().await.expect("migrations apply");
        db
    }

    /// A fresh database without any migration applied.
    pub async fn unmigrated() -> TestDb {
        let dir = tempfile::tempdir().expect("temporary folder");
        let audit_key = Arc::new(AuditKey::generate());
        assert!(audit_key
            .write_new_file(&dir.path().join(KEY_FILE_NAME))
            .expect("key file written"));
        let mut db = Self::unmigrated_in(dir, audit_key).await;
        db.store = db.with_audit(db.store.clone());
        db
    }

    async fn unmigrated_in(dir: tempfile::TempDir, audit_key: Arc<AuditKey>) -> TestDb {
        match std::env::var("THIDUA_TEST_DATABASE_URL")
            .ok()
            .filter(|u| u.starts_with("postgres"))
        {
            Some(base) => {
                let schema = format!(
                    "t_{}_{:08x}",
                    std::process::id(),
                    rand::thread_rng().gen::<u32>()
                );
                let admin = Store::open(&base).await.expect("PostgreSQL answers");
                sea_orm::ConnectionTrait::execute_unprepared(
                    admin.connection(),
                    &format!("CREATE SCHEMA {schema}"),
                )
                .await
                .expect("schema created");
                admin.close().await.ok();
                let store = Store::open_with_schema(&base, Some(&schema))
                    .await
                    .expect("PostgreSQL answers");
                TestDb {
                    store,
                    url: base,
                    dir,
                    schema: Some(schema),
                    audit_key,
                }
            }
            None => {
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                let store = Store::open(&url).await.expect("SQLite opens");
                TestDb {
                    store,
                    url,
                    dir,
                    schema: None,
                    audit_key,
                }
            }
        }
    }

    /// `store` with this database's audit key and checkpoint file.
    fn with_audit(&self, mut store: Store) -> Store {
        store.set_audit_key(self.audit_key.clone());
        store.set_audit_checkpoint_file(self.audit_checkpoint_file());
        store
    }

    /// A second handle on the same database (another "server process"), with the same audit key.
    pub async fn reopen(&self) -> Store {
        let store = Store::open_with_schema(&self.url, self.schema.as_deref())
            .await
            .expect("reopens");
        self.with_audit(store)
    }

    /// The key that signs this database's audit log.
    pub fn audit_key(&self) -> Arc<AuditKey> {
        self.audit_key.clone()
    }

    /// The key file (`--audit-key` of a child process).
    pub fn audit_key_file(&self) -> PathBuf {
        self.dir.path().join(KEY_FILE_NAME)
    }

    /// The checkpoint file beside the key file.
    pub fn audit_checkpoint_file(&self) -> PathBuf {
        checkpoint_file_for(&self.audit_key_file())
    }

    /// The test's temporary folder (holds the SQLite file, the key and the checkpoint).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The URL and schema, for a child process (`thidua --database`); PostgreSQL schemas go in the
    /// `options` parameter of the URL.
    pub fn url_for_process(&self) -> String {
        match &self.schema {
            Some(s) => {
                let sep = if self.url.contains('?') { '&' } else { '?' };
                format!("{}{}options=-c%20search_path%3D{}", self.url, sep, s)
            }
            None => self.url.clone(),
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(schema) = self.schema.take() {
            let url = self.url.clone();
            // Dropping runs inside an async test; use a thread with its own runtime.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                if let Ok(rt) = rt {
                    rt.block_on(async {
                        if let Ok(admin) = Store::open(&url).await {
                            // The test's own connections may still hold locks (a transaction that an
                            // error dropped is rolled back only when its runtime runs again, and this
                            // drop blocks that runtime): end them first; they carry the schema's name.
                            let _ = sea_orm::ConnectionTrait::execute_unprepared(
                                admin.connection(),
                                &format!(
                                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{schema}'"
                                ),
                            )
                            .await;
                            let _ = sea_orm::ConnectionTrait::execute_unprepared(
                                admin.connection(),
                                &format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
                            )
                            .await;
                            let _ = admin.close().await;
                        }
                    });
                }
            })
            .join();
        }
    }
}
