//! Tamper evidence for the audit log (chuỗi băm của nhật ký kiểm toán).
//!
//! Every entry carries `hash = HMAC-SHA256(key, previous entry's hash ‖ the entry's own fields)`, so
//! that someone who can write to the database but cannot read the key (khóa kiểm toán) can neither edit
//! an entry, nor insert one, nor delete one in the middle without breaking the chain at that place. The
//! chain alone cannot show that its *last* entries were deleted: a keyed checkpoint (điểm kiểm tra: the
//! number of entries, the last entry's id and hash, signed with the key) is written outside the database
//! after every command that wrote entries and every minute while serving; `thidua audit verify` checks
//! the chain and then that the database still holds what the checkpoint vouches for.
//!
//! The key lives outside the database: in the environment (`THIDUA_AUDIT_KEY`, 64 hex digits) or in a
//! key file (`audit.key` beside an SQLite database, `thidua-data/audit.key` for PostgreSQL, or the file
//! `--audit-key` / `THIDUA_AUDIT_KEY_FILE` names), created with mode 0600 at the first start. The
//! checkpoint file sits beside the key file (`audit.checkpoint`).

use crate::entity::audit_log;
use crate::{Engine, Result, Store, StoreError};
use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use hmac::{Hmac, Mac};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

type HmacSha256 = Hmac<Sha256>;

/// The key file's name beside an SQLite database (and under `thidua-data/` for PostgreSQL).
pub const KEY_FILE_NAME: &str = "audit.key";
/// The folder of the key file for PostgreSQL (and SQLite in memory), under the working directory.
pub const DEFAULT_KEY_DIR: &str = "thidua-data";
/// The environment variable that may hold the key itself (64 hex digits).
pub const KEY_ENV: &str = "THIDUA_AUDIT_KEY";
/// The environment variable that may name the key file.
pub const KEY_FILE_ENV: &str = "THIDUA_AUDIT_KEY_FILE";

/// What the entries' and the checkpoints' MACs begin with, so that one can never pass for the other.
const ENTRY_TAG: &str = "thidua-audit-entry-v1";
const CHECKPOINT_TAG: &str = "thidua-audit-checkpoint-v1";

/// How many entries verification and sealing read at a time.
const PAGE: u64 = 2_000;

/// The secret that signs the audit chain: 32 random bytes, never stored in the database.
#[derive(Clone)]
pub struct AuditKey([u8; 32]);

impl fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuditKey(…)")
    }
}

impl AuditKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> AuditKey {
        use rand::RngCore;
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        AuditKey(bytes)
    }

    /// A key written as 64 hexadecimal digits (surrounding white space is ignored).
    pub fn from_hex(text: &str) -> Result<AuditKey> {
        let mut bytes = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut bytes).map_err(|_| {
            StoreError::Other(
                "Khóa kiểm toán phải gồm đúng 64 chữ số thập lục phân (32 byte)".into(),
            )
        })?;
        Ok(AuditKey(bytes))
    }

    /// The key as 64 hexadecimal digits (the key file's content and `THIDUA_AUDIT_KEY`'s form).
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Reads a key file.
    pub fn read_file(path: &Path) -> Result<AuditKey> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            StoreError::Other(format!(
                "Không đọc được tệp khóa kiểm toán {}: {e}",
                path.display()
            ))
        })?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if let Ok(meta) = std::fs::metadata(path) {
                if meta.permissions().mode() & 0o077 != 0 {
                    tracing::warn!(
                        file = %path.display(),
                        "audit key file is readable by other users; chmod 600 it"
                    );
                }
            }
        }
        Self::from_hex(&text).map_err(|e| StoreError::Other(format!("{e}: {}", path.display())))
    }

    /// Writes this key to a new file readable by its owner only (mode 0600), creating its folder.
    /// Never replaces an existing file: returns `false` when `path` already exists.
    pub fn write_new_file(&self, path: &Path) -> Result<bool> {
        let fail = |e: std::io::Error| {
            StoreError::Other(format!(
                "Không ghi được tệp khóa kiểm toán {}: {e}",
                path.display()
            ))
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        // Written in full under a temporary name, then linked to its name, which fails if another
        // process created the key first: nobody ever reads half a key.
        let tmp = temp_name(path);
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        let written = (|| {
            let mut f = opts.open(&tmp)?;
            writeln!(f, "{}", self.to_hex())?;
            f.sync_all()
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(fail(e));
        }
        let linked = std::fs::hard_link(&tmp, path);
        let _ = std::fs::remove_file(&tmp);
        match linked {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(fail(e)),
        }
    }

    /// Reads the key file, or creates it with a new random key when it is missing. Tells whether it
    /// was created.
    pub fn load_or_create(path: &Path) -> Result<(AuditKey, bool)> {
        if !path.exists() {
            let key = AuditKey::generate();
            if key.write_new_file(path)? {
                return Ok((key, true));
            }
        }
        Ok((Self::read_file(path)?, false))
    }

    fn mac(&self, message: &[u8]) -> HmacSha256 {
        let mut mac =
            <HmacSha256 as Mac>::new_from_slice(&self.0).expect("HMAC takes a key of any length");
        mac.update(message);
        mac
    }

    fn mac_hex(&self, message: &[u8]) -> String {
        hex::encode(self.mac(message).finalize().into_bytes())
    }
}

fn temp_name(path: &Path) -> PathBuf {
    use rand::Rng;
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(
        ".tmp-{}-{:08x}",
        std::process::id(),
        rand::thread_rng().gen::<u32>()
    ));
    path.with_file_name(name)
}

/// The checkpoint file that goes with a key file: `audit.key` → `audit.checkpoint`, any other name
/// gets `.checkpoint` appended.
pub fn checkpoint_file_for(key_file: &Path) -> PathBuf {
    if key_file.extension().is_some_and(|e| e == "key") {
        key_file.with_extension("checkpoint")
    } else {
        let mut name = key_file.file_name().unwrap_or_default().to_os_string();
        name.push(".checkpoint");
        key_file.with_file_name(name)
    }
}

/// The time as the chain hashes it. Entries are written with microseconds at most, which both engines
/// keep exactly.
fn canonical_time(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The keyed hash of an entry that follows the entry whose hash is `prev` (empty for the first).
/// The fields are encoded as one JSON array, which cannot be read two ways.
pub(crate) fn entry_hash(key: &AuditKey, prev: &str, e: &audit_log::Model) -> String {
    let message = serde_json::to_vec(&(
        ENTRY_TAG,
        prev,
        e.id,
        canonical_time(&e.at),
        &e.actor,
        &e.ip,
        &e.action,
        &e.entity,
        e.entity_id,
        e.unit_id,
        &e.before,
        &e.after,
    ))
    .expect("strings and numbers encode as JSON");
    key.mac_hex(&message)
}

/// The time an entry is stamped with: now, to the microsecond (what PostgreSQL keeps).
pub(crate) fn entry_time() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// The last entry's id and hash, as `conn` sees them.
pub(crate) async fn chain_tail<C: ConnectionTrait>(
    conn: &C,
) -> Result<Option<(i64, Option<String>)>> {
    Ok(audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Id)
        .column(audit_log::Column::Hash)
        .order_by_desc(audit_log::Column::Id)
        .into_tuple::<(i64, Option<String>)>()
        .one(conn)
        .await?)
}

/// Where a new entry goes: its id and the hash it chains to. Refuses to chain onto an unsealed entry.
pub(crate) async fn next_link<C: ConnectionTrait>(conn: &C) -> Result<(i64, String)> {
    match chain_tail(conn).await? {
        None => Ok((1, String::new())),
        Some((id, Some(hash))) => Ok((id + 1, hash)),
        Some((id, None)) => Err(StoreError::Other(format!(
            "Mục #{id} của nhật ký kiểm toán chưa được ký nên không ghi thêm được: chạy `thidua migrate` \
             (cơ sở dữ liệu vừa nâng cấp) hoặc `thidua audit verify` (nhật ký có thể đã bị sửa)"
        ))),
    }
}

/// A keyed checkpoint of the chain: how many entries there were, and the last one, signed with the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub count: u64,
    /// The last entry's id (0 when there was none).
    pub last_id: i64,
    /// The last entry's hash (empty when there was none).
    pub last_hash: String,
    pub at: DateTime<Utc>,
    pub mac: String,
}

impl Checkpoint {
    fn message(count: u64, last_id: i64, last_hash: &str, at: &DateTime<Utc>) -> Vec<u8> {
        serde_json::to_vec(&(
            CHECKPOINT_TAG,
            count,
            last_id,
            last_hash,
            canonical_time(at),
        ))
        .expect("strings and numbers encode as JSON")
    }

    /// A checkpoint signed with `key`.
    pub fn new(key: &AuditKey, count: u64, last_id: i64, last_hash: String) -> Checkpoint {
        let at = entry_time();
        let mac = key.mac_hex(&Self::message(count, last_id, &last_hash, &at));
        Checkpoint {
            count,
            last_id,
            last_hash,
            at,
            mac,
        }
    }

    /// True when the checkpoint was signed with `key` and not changed since.
    pub fn is_authentic(&self, key: &AuditKey) -> bool {
        let Ok(mac) = hex::decode(&self.mac) else {
            return false;
        };
        key.mac(&Self::message(
            self.count,
            self.last_id,
            &self.last_hash,
            &self.at,
        ))
        .verify_slice(&mac)
        .is_ok()
    }

    /// Reads a checkpoint file; `None` when there is none.
    pub fn read(path: &Path) -> Result<Option<Checkpoint>> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(StoreError::Other(format!(
                    "Không đọc được tệp điểm kiểm tra {}: {e}",
                    path.display()
                )))
            }
        };
        serde_json::from_str(&text).map(Some).map_err(|e| {
            StoreError::Other(format!("Tệp điểm kiểm tra {} bị hỏng: {e}", path.display()))
        })
    }

    /// Writes the checkpoint to `path` atomically (a temporary file renamed over it).
    pub fn write(&self, path: &Path) -> Result<()> {
        let fail = |e: std::io::Error| {
            StoreError::Other(format!(
                "Không ghi được tệp điểm kiểm tra {}: {e}",
                path.display()
            ))
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let tmp = temp_name(path);
        let written = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            serde_json::to_writer_pretty(&mut f, self)?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            std::fs::rename(&tmp, path)
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(fail(e));
        }
        Ok(())
    }
}

/// An entry named in a report: enough for an administrator to find it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryRef {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
}

impl From<&audit_log::Model> for EntryRef {
    fn from(e: &audit_log::Model) -> Self {
        EntryRef {
            id: e.id,
            at: e.at,
            actor: e.actor.clone(),
            action: e.action.clone(),
            entity: e.entity.clone(),
            entity_id: e.entity_id,
        }
    }
}

impl fmt::Display for EntryRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "mục #{} (lúc {}, {}, {} {}",
            self.id,
            show_time(&self.at),
            self.actor,
            self.action,
            self.entity
        )?;
        if let Some(id) = self.entity_id {
            write!(f, " #{id}")?;
        }
        f.write_str(")")
    }
}

/// A time as people read it: dd/mm/yyyy hh:mm:ss in the machine's time zone.
pub fn show_time(at: &DateTime<Utc>) -> String {
    thidua_domain::format::datetime_vn(*at)
}

/// What verification found wrong first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum AuditProblem {
    /// The entry's hash does not follow from its fields and the entry before it: the entry was edited
    /// or inserted, or the entry before it deleted. `missing` is a gap of ids just before it.
    BrokenEntry {
        entry: EntryRef,
        unsealed: bool,
        missing: Option<(i64, i64)>,
    },
    /// The checkpoint file was not signed with this key, or was changed.
    ForgedCheckpoint,
    /// The checkpoint's last entry is gone: the last entries were deleted.
    EntriesDeleted {
        checkpoint: Checkpoint,
        last_remaining: Option<i64>,
    },
    /// The checkpoint's last entry is there with another hash.
    CheckpointEntryChanged { entry: EntryRef },
    /// Up to the checkpoint's last entry, the database holds another number of entries.
    CountDiffers {
        last_id: i64,
        expected: u64,
        found: u64,
    },
    /// The log has entries but no checkpoint vouches for them.
    NoCheckpoint { entries: u64 },
}

impl fmt::Display for AuditProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuditProblem::BrokenEntry {
                entry,
                unsealed: true,
                ..
            } => write!(
                f,
                "{entry} không có mã băm: mục này đã bị chèn vào hoặc bị xóa mã băm"
            ),
            AuditProblem::BrokenEntry { entry, missing, .. } => {
                write!(
                    f,
                    "{entry} không khớp chuỗi băm: mục này đã bị sửa hoặc bị chèn vào, hoặc mục ngay trước nó đã bị xóa"
                )?;
                match missing {
                    Some((a, b)) if a == b => write!(f, " (không còn mục #{a})"),
                    Some((a, b)) => write!(f, " (không còn các mục #{a} đến #{b})"),
                    None => Ok(()),
                }
            }
            AuditProblem::ForgedCheckpoint => f.write_str(
                "tệp điểm kiểm tra không đúng chữ ký: nó đã bị sửa hoặc được ký bằng khóa khác",
            ),
            AuditProblem::EntriesDeleted {
                checkpoint,
                last_remaining,
            } => {
                let first = last_remaining.map_or(1, |id| id + 1);
                write!(
                    f,
                    "các mục cuối đã bị xóa: điểm kiểm tra lúc {} ghi {} mục đến mục #{}, nay ",
                    show_time(&checkpoint.at),
                    checkpoint.count,
                    checkpoint.last_id,
                )?;
                if first >= checkpoint.last_id {
                    write!(f, "không còn mục #{}", checkpoint.last_id)
                } else {
                    write!(f, "không còn các mục #{first} đến #{}", checkpoint.last_id)
                }
            }
            AuditProblem::CheckpointEntryChanged { entry } => write!(
                f,
                "{entry} khác với điểm kiểm tra: mục này đã bị thay thế"
            ),
            AuditProblem::CountDiffers {
                last_id,
                expected,
                found,
            } => write!(
                f,
                "đến mục #{last_id} có {found} mục, điểm kiểm tra ghi {expected}: có mục đã bị xóa hoặc chèn vào"
            ),
            AuditProblem::NoCheckpoint { entries } => write!(
                f,
                "không có điểm kiểm tra cho {entries} mục: không xác nhận được rằng các mục cuối chưa bị xóa"
            ),
        }
    }
}

/// The result of [`Store::audit_verify`].
#[derive(Debug, Clone, Serialize)]
pub struct AuditVerification {
    /// Entries in the log.
    pub entries: u64,
    /// Entries whose hash does not follow (the first one is named in `problem`).
    pub broken: u64,
    /// The checkpoint checked against, if any.
    pub checkpoint: Option<Checkpoint>,
    /// Entries after the checkpoint: their chain is checked, but their deletion would not show.
    pub uncovered: u64,
    /// What is wrong first; `None` when the log is intact.
    pub problem: Option<AuditProblem>,
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        self.problem.is_none()
    }
}

/// What [`Store::write_audit_checkpoint`] did.
#[derive(Debug, Clone)]
pub enum CheckpointOutcome {
    /// A new checkpoint was written.
    Written(Checkpoint),
    /// The file already vouches for as much (or more; another process was quicker): left as it was.
    Unchanged,
    /// The existing checkpoint no longer holds for the database: it is kept, as the evidence, and no
    /// new one is written over it.
    Refused(AuditProblem),
}

/// Where the key comes from, for [`Store::load_audit_key`].
#[derive(Debug, Clone, Default)]
pub struct AuditKeyOptions {
    /// The key file; `None` for the default place ([`Store::default_audit_key_file`]).
    pub key_file: Option<PathBuf>,
    /// The key itself as 64 hex digits (`THIDUA_AUDIT_KEY`); the key file is then not read.
    pub key_hex: Option<String>,
    /// Create the key file when it is missing (and the log was never sealed with another key).
    pub create: bool,
}

/// Where [`Store::load_audit_key`] found the key.
#[derive(Debug, Clone)]
pub struct AuditKeyInfo {
    pub key_file: PathBuf,
    pub checkpoint_file: PathBuf,
    pub from_env: bool,
    pub created: bool,
}

impl Store {
    /// Sets the key that signs audit entries. Without a key, every change that writes an audit entry
    /// fails.
    pub fn set_audit_key(&mut self, key: Arc<AuditKey>) {
        self.audit_key = Some(key);
    }

    /// Sets the file that checkpoints are written to ([`Store::write_audit_checkpoint`]).
    pub fn set_audit_checkpoint_file(&mut self, path: PathBuf) {
        self.audit_checkpoint = Some(Arc::from(path));
    }

    /// The audit key, or a clear error when none was set.
    pub fn audit_key(&self) -> Result<Arc<AuditKey>> {
        self.audit_key.clone().ok_or_else(|| {
            StoreError::Other(
                "Chưa có khóa kiểm toán nên không ghi được nhật ký kiểm toán (xem THIDUA_AUDIT_KEY, THIDUA_AUDIT_KEY_FILE)"
                    .into(),
            )
        })
    }

    /// The checkpoint file, if one was set.
    pub fn audit_checkpoint_file(&self) -> Option<&Path> {
        self.audit_checkpoint.as_deref()
    }

    /// Where the key file is unless told otherwise: beside an SQLite database file, and
    /// `thidua-data/audit.key` under the working directory for PostgreSQL (and SQLite in memory).
    pub fn default_audit_key_file(&self) -> PathBuf {
        match (self.engine, self.sqlite_path()) {
            (Engine::Sqlite, Some(db)) if db.as_os_str() != ":memory:" => db
                .parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .join(KEY_FILE_NAME),
            _ => Path::new(DEFAULT_KEY_DIR).join(KEY_FILE_NAME),
        }
    }

    /// Finds the audit key (the environment's, or the key file's, created if allowed) and sets it and
    /// the checkpoint file beside the key file. A missing key file is not created when the log already
    /// holds signed entries: they were signed with a key that is elsewhere, and a new one would only
    /// make them all look forged.
    pub async fn load_audit_key(&mut self, opts: AuditKeyOptions) -> Result<AuditKeyInfo> {
        let key_file = opts
            .key_file
            .unwrap_or_else(|| self.default_audit_key_file());
        let checkpoint_file = checkpoint_file_for(&key_file);
        let mut created = false;
        let from_env = opts.key_hex.is_some();
        let key = match &opts.key_hex {
            Some(hex) => AuditKey::from_hex(hex)
                .map_err(|e| StoreError::Other(format!("{e} ({KEY_ENV})")))?,
            None if key_file.exists() => AuditKey::read_file(&key_file)?,
            None if !opts.create => {
                return Err(StoreError::Other(format!(
                    "Không tìm thấy khóa kiểm toán {} (chỉ ra tệp khóa bằng --audit-key hoặc {KEY_FILE_ENV}, hoặc đặt {KEY_ENV})",
                    key_file.display()
                )))
            }
            None => {
                if self.audit_is_sealed().await? {
                    return Err(StoreError::Other(format!(
                        "Không tìm thấy khóa kiểm toán {}, trong khi nhật ký kiểm toán đã được ký bằng một khóa: chỉ ra tệp khóa đó bằng --audit-key hoặc {KEY_FILE_ENV} (hoặc đặt {KEY_ENV}); không tạo khóa mới",
                        key_file.display()
                    )));
                }
                let (key, new) = AuditKey::load_or_create(&key_file)?;
                created = new;
                key
            }
        };
        self.set_audit_key(Arc::new(key));
        self.set_audit_checkpoint_file(checkpoint_file.clone());
        Ok(AuditKeyInfo {
            key_file,
            checkpoint_file,
            from_env,
            created,
        })
    }

    /// True when at least one audit entry carries a hash.
    pub async fn audit_is_sealed(&self) -> Result<bool> {
        Ok(audit_log::Entity::find()
            .filter(audit_log::Column::Hash.is_not_null())
            .count(&self.db)
            .await?
            > 0)
    }

    /// Signs the entries written before the chain existed (after the upgrade that added it), in id
    /// order, and tells how many. Only a log that was never signed is sealed: once any entry carries a
    /// hash, or a checkpoint vouches for entries, an entry without a hash is evidence of tampering, and
    /// sealing it would erase that evidence, so it is refused.
    pub async fn audit_seal(&self) -> Result<u64> {
        let key = self.audit_key()?;
        // Most starts find nothing to seal: answer that without taking the write lock.
        if audit_log::Entity::find()
            .filter(audit_log::Column::Hash.is_null())
            .count(&self.db)
            .await?
            == 0
        {
            return Ok(0);
        }
        let txn = self.write_txn().await?;
        let unsealed = audit_log::Entity::find()
            .filter(audit_log::Column::Hash.is_null())
            .order_by_asc(audit_log::Column::Id)
            .one(&txn)
            .await?;
        let Some(first) = unsealed else {
            return Ok(0);
        };
        let refuse = |why: &str| {
            StoreError::Other(format!(
                "{} chưa được ký nhưng {why}: có thể nhật ký đã bị sửa; không ký lại (chạy `thidua audit verify`)",
                EntryRef::from(&first)
            ))
        };
        if audit_log::Entity::find()
            .filter(audit_log::Column::Hash.is_not_null())
            .count(&txn)
            .await?
            > 0
        {
            return Err(refuse("các mục khác đã được ký"));
        }
        if let Some(path) = self.audit_checkpoint_file() {
            if Checkpoint::read(path)?.is_some_and(|c| c.count > 0) {
                return Err(refuse("đã có điểm kiểm tra"));
            }
        }
        let mut prev = String::new();
        let mut after = i64::MIN;
        let mut sealed = 0;
        loop {
            let page = audit_log::Entity::find()
                .filter(audit_log::Column::Id.gt(after))
                .order_by_asc(audit_log::Column::Id)
                .limit(PAGE)
                .all(&txn)
                .await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for e in &page {
                let hash = entry_hash(&key, &prev, e);
                audit_log::Entity::update_many()
                    .col_expr(
                        audit_log::Column::Hash,
                        sea_orm::sea_query::Expr::value(hash.clone()),
                    )
                    .filter(audit_log::Column::Id.eq(e.id))
                    .exec(&txn)
                    .await?;
                prev = hash;
                sealed += 1;
            }
        }
        txn.commit().await?;
        tracing::info!(entries = sealed, "audit log sealed");
        Ok(sealed)
    }

    /// A checkpoint of the chain as it is now, signed with the store's key.
    pub async fn audit_checkpoint(&self) -> Result<Checkpoint> {
        let key = self.audit_key()?;
        // One statement, so that the count and the last entry are of the same moment.
        let backend = self.db.get_database_backend();
        let row = self
            .db
            .query_one(Statement::from_string(
                backend,
                "SELECT id, hash, (SELECT COUNT(*) FROM audit_log) AS n FROM audit_log ORDER BY id DESC LIMIT 1",
            ))
            .await?;
        let Some(row) = row else {
            return Ok(Checkpoint::new(&key, 0, 0, String::new()));
        };
        let id: i64 = row.try_get("", "id")?;
        let hash: Option<String> = row.try_get("", "hash")?;
        let n: i64 = row.try_get("", "n")?;
        let hash = hash.ok_or_else(|| {
            StoreError::Other(format!(
                "Mục #{id} của nhật ký kiểm toán chưa được ký: không lập được điểm kiểm tra"
            ))
        })?;
        Ok(Checkpoint::new(&key, n as u64, id, hash))
    }

    /// Writes a checkpoint to the store's checkpoint file, unless the file already vouches for as much.
    /// It never goes backwards, and never replaces a checkpoint that the database no longer satisfies
    /// (last entries deleted, say): that file is the evidence.
    pub async fn write_audit_checkpoint(&self) -> Result<CheckpointOutcome> {
        let key = self.audit_key()?;
        let path = self.audit_checkpoint_file().ok_or_else(|| {
            StoreError::Other("Chưa đặt tệp điểm kiểm tra của nhật ký kiểm toán".into())
        })?;
        let existing = match Checkpoint::read(path) {
            Ok(c) => c,
            Err(_) => return Ok(CheckpointOutcome::Refused(AuditProblem::ForgedCheckpoint)),
        };
        if let Some(old) = &existing {
            if let Some(problem) = self.checkpoint_problem(&key, old).await? {
                return Ok(CheckpointOutcome::Refused(problem));
            }
        }
        let new = self.audit_checkpoint().await?;
        let unchanged = match &existing {
            Some(old) => new.count <= old.count,
            None => new.count == 0,
        };
        if unchanged {
            return Ok(CheckpointOutcome::Unchanged);
        }
        new.write(path)?;
        Ok(CheckpointOutcome::Written(new))
    }

    /// What is wrong between a checkpoint and the database, if anything.
    async fn checkpoint_problem(
        &self,
        key: &AuditKey,
        cp: &Checkpoint,
    ) -> Result<Option<AuditProblem>> {
        if !cp.is_authentic(key) {
            return Ok(Some(AuditProblem::ForgedCheckpoint));
        }
        if cp.count == 0 {
            return Ok(None);
        }
        let Some(entry) = audit_log::Entity::find_by_id(cp.last_id)
            .one(&self.db)
            .await?
        else {
            let last_remaining = audit_log::Entity::find()
                .select_only()
                .column(audit_log::Column::Id)
                .filter(audit_log::Column::Id.lt(cp.last_id))
                .order_by_desc(audit_log::Column::Id)
                .into_tuple::<i64>()
                .one(&self.db)
                .await?;
            return Ok(Some(AuditProblem::EntriesDeleted {
                checkpoint: cp.clone(),
                last_remaining,
            }));
        };
        if entry.hash.as_deref() != Some(cp.last_hash.as_str()) {
            return Ok(Some(AuditProblem::CheckpointEntryChanged {
                entry: EntryRef::from(&entry),
            }));
        }
        let found = audit_log::Entity::find()
            .filter(audit_log::Column::Id.lte(cp.last_id))
            .count(&self.db)
            .await?;
        if found != cp.count {
            return Ok(Some(AuditProblem::CountDiffers {
                last_id: cp.last_id,
                expected: cp.count,
                found,
            }));
        }
        Ok(None)
    }

    /// Walks the whole log in id order, recomputing each entry's hash with `key`, then checks the
    /// checkpoint (if given) against the database. The first entry that does not follow is named; the
    /// walk goes on from its stored hash, so that one edited entry does not make every later one look
    /// broken.
    pub async fn audit_verify(
        &self,
        key: &AuditKey,
        checkpoint: Option<&Checkpoint>,
    ) -> Result<AuditVerification> {
        let mut report = AuditVerification {
            entries: 0,
            broken: 0,
            checkpoint: checkpoint.cloned(),
            uncovered: 0,
            problem: None,
        };
        let mut prev = String::new();
        let mut prev_id: Option<i64> = None;
        let mut after = i64::MIN;
        loop {
            let page = audit_log::Entity::find()
                .filter(audit_log::Column::Id.gt(after))
                .order_by_asc(audit_log::Column::Id)
                .limit(PAGE)
                .all(&self.db)
                .await?;
            let Some(last) = page.last() else { break };
            after = last.id;
            for e in &page {
                report.entries += 1;
                if checkpoint.is_some_and(|c| e.id > c.last_id) {
                    report.uncovered += 1;
                }
                let expected = entry_hash(key, &prev, e);
                if e.hash.as_deref() != Some(expected.as_str()) {
                    report.broken += 1;
                    if report.problem.is_none() {
                        let missing = prev_id
                            .filter(|p| e.id > p + 1)
                            .map(|p| (p + 1, e.id - 1))
                            .or_else(|| (prev_id.is_none() && e.id > 1).then(|| (1, e.id - 1)));
                        report.problem = Some(AuditProblem::BrokenEntry {
                            entry: EntryRef::from(e),
                            unsealed: e.hash.is_none(),
                            missing,
                        });
                    }
                }
                prev = e.hash.clone().unwrap_or_default();
                prev_id = Some(e.id);
            }
        }
        if report.problem.is_none() {
            report.problem = match checkpoint {
                Some(cp) => self.checkpoint_problem(key, cp).await?,
                None if report.entries > 0 => Some(AuditProblem::NoCheckpoint {
                    entries: report.entries,
                }),
                None => None,
            };
        }
        Ok(report)
    }
}
