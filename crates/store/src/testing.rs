//! Fresh databases for tests: a temporary SQLite file, or, when `THIDUA_TEST_DATABASE_URL` names a
//! PostgreSQL server, a fresh schema that is dropped afterwards.

use crate::Store;
use rand::Rng;

/// A migrated store that lives as long as this value.
pub struct TestDb {
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    schema: Option<String>,
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
                    _dir: None,
                    schema: Some(schema),
                }
            }
            None => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                let store = Store::open(&url).await.expect("SQLite opens");
                TestDb {
                    store,
                    url,
                    _dir: Some(dir),
                    schema: None,
                }
            }
        }
    }

    /// A second handle on the same database (another "server process").
    pub async fn reopen(&self) -> Store {
        Store::open_with_schema(&self.url, self.schema.as_deref())
            .await
            .expect("reopens")
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
