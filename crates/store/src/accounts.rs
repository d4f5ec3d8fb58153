//! Accounts, roles, server-side sessions, API tokens and the limits on guessing passwords.
//!
//! Passwords are kept as Argon2id hashes; session cookies and API tokens are random secrets of which
//! only the SHA-256 is stored, so a copy of the database lets nobody in. Failed log-ins are counted
//! per (name tried, address) and per address, in the database, so that several server processes share
//! the limits.

use crate::audit::{self, Actor, Change};
use crate::entity::{login_failures, people, sessions, units, user_roles, users};
use crate::{Page, Result, Store, StoreError};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, SaltString};
use argon2::{Argon2, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, OnceLock};
use thidua_domain::access::{password_problem, username_problem, Principal, Role};
use thidua_domain::validation::Invalid;

/// How long a page session lasts after logging in.
pub const WEB_SESSION_HOURS: i64 = 12;
/// How long an API token lasts unless its owner chooses otherwise.
pub const API_TOKEN_DAYS: i64 = 90;
/// The password of every demo account (`shared/contracts/demo.md`).
pub const DEMO_PASSWORD: &str = "thidua-demo";

/// The limits on guessing passwords.
#[derive(Debug, Clone)]
pub struct LoginLimits {
    /// Failures are counted over this window.
    pub window: Duration,
    /// Failures of one name from one address before that pair is blocked for the window.
    pub per_name_and_address: u64,
    /// Failures from one address (all names together) before the address is blocked: looser, so that a
    /// ward office behind one NAT address is not locked out by one person.
    pub per_address: u64,
    /// Failures of one name from one address before each further try is slowed down.
    pub slow_after: u64,
    /// The first delay; it doubles with each failure, up to `max_delay`.
    pub base_delay: std::time::Duration,
    pub max_delay: std::time::Duration,
}

impl Default for LoginLimits {
    fn default() -> Self {
        LoginLimits {
            window: Duration::minutes(15),
            per_name_and_address: 10,
            per_address: 100,
            slow_after: 3,
            base_delay: std::time::Duration::from_millis(250),
            max_delay: std::time::Duration::from_secs(4),
        }
    }
}

/// Why a log-in was refused. Both say nothing about whether the name exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginRefused {
    /// Wrong name or password (or a locked account).
    Invalid,
    /// Too many failures: try again after this many seconds.
    Throttled { retry_after_secs: u64 },
}

impl LoginRefused {
    pub fn message(&self) -> String {
        match self {
            LoginRefused::Invalid => "Tên đăng nhập hoặc mật khẩu không đúng".into(),
            LoginRefused::Throttled { retry_after_secs } => format!(
                "Đăng nhập sai quá nhiều lần; vui lòng thử lại sau {} phút",
                retry_after_secs.div_ceil(60).max(1)
            ),
        }
    }
}

/// An account with its roles and the names of its unit and person.
#[derive(Debug, Clone, Serialize)]
pub struct UserInfo {
    #[serde(flatten)]
    pub user: users::Model,
    pub roles: Vec<Role>,
    pub unit_name: Option<String>,
    pub person_name: Option<String>,
}

/// A new account.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub roles: Vec<Role>,
    pub unit_id: Option<i64>,
    pub person_id: Option<i64>,
}

/// A change of an account by an administrator.
#[derive(Debug, Clone, Default)]
pub struct UserChange {
    pub display_name: String,
    pub roles: Vec<Role>,
    pub unit_id: Option<i64>,
    pub person_id: Option<i64>,
    pub locked: bool,
    pub version: Option<i32>,
}

/// A session or token just made: the secret is shown once and never stored.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub session: sessions::Model,
    pub user: UserInfo,
}

/// A valid session or token with the account behind it, as the permission rules need it.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub session_id: i64,
    pub kind: String,
    pub csrf: String,
    pub expires_at: DateTime<Utc>,
    pub principal: Principal,
}

/// The SHA-256 of a secret, in hex: what the database keeps of a session or token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh random secret from the operating system: 32 bytes in hex, after a prefix that says what it
/// is (session cookies, API tokens, CSRF tokens).
pub fn secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}{}", hex::encode(bytes))
}

/// Hashes a password with Argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Other(format!("Không băm được mật khẩu: {e}")))
}

/// True when `password` matches `hash`. An empty or broken hash (an account imported without secrets)
/// matches nothing.
fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to check against when the name does not exist, so that the answer takes as long.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password(&secret("decoy-")).unwrap_or_default())
}

fn normalise_username(name: &str) -> String {
    name.trim().to_lowercase().chars().take(100).collect()
}

fn invalid(field: &str, message: &str) -> StoreError {
    let mut e = Invalid::new();
    e.add(field, message);
    StoreError::Invalid(e)
}

fn check_roles(roles: &[Role], unit_id: Option<i64>, person_id: Option<i64>) -> Result<()> {
    if roles.is_empty() {
        return Err(invalid("roles", "Tài khoản phải có ít nhất một vai trò"));
    }
    if roles.contains(&Role::UnitOfficer) && unit_id.is_none() {
        return Err(invalid(
            "unit_id",
            "Cán bộ thi đua của đơn vị phải gắn với một đơn vị",
        ));
    }
    if roles.contains(&Role::Worker) && person_id.is_none() {
        return Err(invalid(
            "person_id",
            "Tài khoản người lao động phải gắn với hồ sơ của chính người đó",
        ));
    }
    Ok(())
}

impl Store {
    /// Changes the limits on guessing passwords (tests make the delays short).
    pub fn set_login_limits(&mut self, limits: LoginLimits) {
        self.login_limits = Arc::new(limits);
    }

    /// How many accounts exist (`serve` says how to make the first one when there are none).
    pub async fn users_count(&self) -> Result<u64> {
        Ok(users::Entity::find().count(&self.db).await?)
    }

    /// Creates an account.
    pub async fn create_user(&self, actor: &Actor, new: NewUser) -> Result<UserInfo> {
        let username = new.username.trim().to_owned();
        let mut e = Invalid::new();
        if let Some(p) = username_problem(&username) {
            e.add("username", p);
        }
        if let Some(p) = password_problem(&new.password, &username) {
            e.add("password", p);
        }
        let display_name = thidua_domain::text::clean(&new.display_name);
        if display_name.is_empty() {
            e.add("display_name", "Chưa nhập họ tên hiển thị");
        }
        e.or_ok(())?;
        check_roles(&new.roles, new.unit_id, new.person_id)?;
        let hash = hash_password(&new.password)?;
        let txn = self.write_txn().await?;
        if users::Entity::find()
            .filter(users::Column::Username.eq(&username))
            .one(&txn)
            .await?
            .is_some()
        {
            return Err(StoreError::Conflict {
                field: Some("username".into()),
                message: format!("Tên đăng nhập '{username}' đã có"),
            });
        }
        self.check_links(&txn, new.unit_id, new.person_id).await?;
        let now = Utc::now();
        let user = users::ActiveModel {
            username: Set(username),
            display_name: Set(display_name),
            password_hash: Set(hash),
            unit_id: Set(new.unit_id),
            person_id: Set(new.person_id),
            locked: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        set_roles(&txn, user.id, &new.roles).await?;
        let info = UserInfo {
            user,
            roles: sorted(new.roles),
            unit_name: None,
            person_name: None,
        };
        self.record_audit(
            &txn,
            actor,
            Change::created("user", info.user.id, info.user.unit_id, &info),
        )
        .await?;
        txn.commit().await?;
        self.user_info(info.user.id)
            .await?
            .ok_or(StoreError::NotFound("tài khoản"))
    }

    async fn check_links<C: ConnectionTrait>(
        &self,
        conn: &C,
        unit_id: Option<i64>,
        person_id: Option<i64>,
    ) -> Result<()> {
        if let Some(u) = unit_id {
            if units::Entity::find_by_id(u).one(conn).await?.is_none() {
                return Err(invalid("unit_id", "Đơn vị không tồn tại"));
            }
        }
        if let Some(p) = person_id {
            if people::Entity::find_by_id(p).one(conn).await?.is_none() {
                return Err(invalid("person_id", "Hồ sơ người không tồn tại"));
            }
        }
        Ok(())
    }

    /// One account with its roles.
    pub async fn user_info(&self, id: i64) -> Result<Option<UserInfo>> {
        let Some(user) = users::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(None);
        };
        Ok(self.with_details(vec![user]).await?.pop())
    }

    /// One account by its name.
    pub async fn user_by_name(&self, username: &str) -> Result<Option<UserInfo>> {
        let Some(user) = users::Entity::find()
            .filter(users::Column::Username.eq(normalise_username(username)))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        Ok(self.with_details(vec![user]).await?.pop())
    }

    async fn with_details(&self, list: Vec<users::Model>) -> Result<Vec<UserInfo>> {
        let ids: Vec<i64> = list.iter().map(|u| u.id).collect();
        let mut roles: HashMap<i64, Vec<Role>> = HashMap::new();
        for r in user_roles::Entity::find()
            .filter(user_roles::Column::UserId.is_in(ids))
            .all(&self.db)
            .await?
        {
            if let Some(role) = Role::from_code(&r.role) {
                roles.entry(r.user_id).or_default().push(role);
            }
        }
        let unit_ids: Vec<i64> = list.iter().filter_map(|u| u.unit_id).collect();
        let unit_names: HashMap<i64, String> = units::Entity::find()
            .filter(units::Column::Id.is_in(unit_ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        let person_ids: Vec<i64> = list.iter().filter_map(|u| u.person_id).collect();
        let person_names: HashMap<i64, String> = people::Entity::find()
            .filter(people::Column::Id.is_in(person_ids))
            .all(&self.db)
            .await?
            .into_iter()
            .map(|p| (p.id, p.full_name))
            .collect();
        Ok(list
            .into_iter()
            .map(|user| UserInfo {
                roles: sorted(roles.remove(&user.id).unwrap_or_default()),
                unit_name: user.unit_id.and_then(|u| unit_names.get(&u).cloned()),
                person_name: user.person_id.and_then(|p| person_names.get(&p).cloned()),
                user,
            })
            .collect())
    }

    /// Accounts, by name; `q` matches the username or the display name ignoring diacritics.
    pub async fn users_list(
        &self,
        q: Option<&str>,
        page: u64,
        per_page: u64,
    ) -> Result<Page<UserInfo>> {
        let all = users::Entity::find()
            .order_by_asc(users::Column::Username)
            .all(&self.db)
            .await?;
        let folded = q.map(thidua_domain::text::fold).unwrap_or_default();
        let matching: Vec<users::Model> = all
            .into_iter()
            .filter(|u| {
                folded.is_empty()
                    || u.username.contains(&folded)
                    || thidua_domain::text::fold(&u.display_name).contains(&folded)
            })
            .collect();
        let total = matching.len() as u64;
        let per_page = per_page.clamp(1, 500);
        let slice: Vec<users::Model> = matching
            .into_iter()
            .skip((page.saturating_sub(1) * per_page) as usize)
            .take(per_page as usize)
            .collect();
        Ok(Page {
            items: self.with_details(slice).await?,
            total,
        })
    }

    /// Changes an account's name, roles, unit, person and lock. Locking ends its sessions and tokens.
    pub async fn update_user(
        &self,
        actor: &Actor,
        id: i64,
        change: UserChange,
    ) -> Result<UserInfo> {
        check_roles(&change.roles, change.unit_id, change.person_id)?;
        let display_name = thidua_domain::text::clean(&change.display_name);
        if display_name.is_empty() {
            return Err(invalid("display_name", "Chưa nhập họ tên hiển thị"));
        }
        let before = self
            .user_info(id)
            .await?
            .ok_or(StoreError::NotFound("tài khoản"))?;
        if change.version.is_some_and(|v| v != before.user.version) {
            return Err(StoreError::Conflict {
                field: Some("version".into()),
                message: "Tài khoản vừa được người khác sửa; hãy tải lại trang để xem bản mới rồi sửa lại".into(),
            });
        }
        let txn = self.write_txn().await?;
        self.check_links(&txn, change.unit_id, change.person_id)
            .await?;
        let res = users::Entity::update_many()
            .col_expr(users::Column::DisplayName, Expr::value(display_name))
            .col_expr(users::Column::UnitId, Expr::value(change.unit_id))
            .col_expr(users::Column::PersonId, Expr::value(change.person_id))
            .col_expr(users::Column::Locked, Expr::value(change.locked))
            .col_expr(users::Column::UpdatedAt, Expr::value(Utc::now()))
            .col_expr(
                users::Column::Version,
                Expr::col(users::Column::Version).add(1),
            )
            .filter(users::Column::Id.eq(id))
            .filter(users::Column::Version.eq(before.user.version))
            .exec(&txn)
            .await?;
        if res.rows_affected == 0 {
            return Err(StoreError::Conflict {
                field: Some("version".into()),
                message: "Tài khoản vừa được người khác sửa; hãy tải lại trang".into(),
            });
        }
        user_roles::Entity::delete_many()
            .filter(user_roles::Column::UserId.eq(id))
            .exec(&txn)
            .await?;
        set_roles(&txn, id, &change.roles).await?;
        if change.locked {
            revoke_all(&txn, id, None).await?;
        }
        let user = users::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("tài khoản"))?;
        let after = UserInfo {
            user,
            roles: sorted(change.roles),
            unit_name: None,
            person_name: None,
        };
        self.record_audit(
            &txn,
            actor,
            Change::updated("user", id, after.user.unit_id, &before, &after),
        )
        .await?;
        txn.commit().await?;
        let after = self
            .user_info(id)
            .await?
            .ok_or(StoreError::NotFound("tài khoản"))?;
        Ok(after)
    }

    /// Sets (or clears, with an empty text) the e-mail address reminders go to.
    pub async fn set_user_email(&self, actor: &Actor, id: i64, email: &str) -> Result<()> {
        let email = email.trim();
        let ok = email.is_empty()
            || (email.len() <= 200
                && email.split_once('@').is_some_and(|(a, b)| {
                    !a.is_empty() && b.contains('.') && !b.starts_with('.') && !b.ends_with('.')
                })
                && !email.chars().any(|c| c.is_whitespace() || c.is_control()));
        if !ok {
            return Err(invalid(
                "email",
                "Địa chỉ thư điện tử không hợp lệ (ví dụ canbo@laocai.gov.vn)",
            ));
        }
        let txn = self.write_txn().await?;
        let before = users::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("tài khoản"))?;
        users::Entity::update_many()
            .col_expr(
                users::Column::Email,
                Expr::value((!email.is_empty()).then(|| email.to_owned())),
            )
            .col_expr(users::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(users::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "update",
                entity: "user",
                entity_id: Some(id),
                unit_id: before.unit_id,
                before: crate::audit::snapshot(&serde_json::json!({"email": before.email})),
                after: crate::audit::snapshot(&serde_json::json!({"email": email})),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sets a new password: by its owner (who gives the current one; their other sessions end) or by an
    /// administrator resetting it (`current` is `None`; every session of the account ends).
    pub async fn set_password(
        &self,
        actor: &Actor,
        id: i64,
        current: Option<&str>,
        new_password: &str,
        keep_session: Option<i64>,
    ) -> Result<()> {
        let user = users::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("tài khoản"))?;
        if let Some(current) = current {
            if !password_matches(current, &user.password_hash) {
                return Err(invalid("current_password", "Mật khẩu hiện tại không đúng"));
            }
        }
        if let Some(p) = password_problem(new_password, &user.username) {
            return Err(invalid("new_password", p));
        }
        let hash = hash_password(new_password)?;
        let txn = self.write_txn().await?;
        users::Entity::update_many()
            .col_expr(users::Column::PasswordHash, Expr::value(hash))
            .col_expr(users::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(users::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        revoke_all(&txn, id, keep_session).await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: if current.is_some() {
                    "change_password"
                } else {
                    "reset_password"
                },
                entity: "user",
                entity_id: Some(id),
                unit_id: user.unit_id,
                before: None,
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Checks a name and password against the limits, and on success opens a session (`kind` "web")
    /// or issues a token (`kind` "api"). The outer error is the database's; the inner one the refusal.
    pub async fn login(
        &self,
        username: &str,
        password: &str,
        ip: &str,
        kind: &str,
        user_agent: Option<&str>,
    ) -> Result<std::result::Result<NewSession, LoginRefused>> {
        let name = normalise_username(username);
        let limits = self.login_limits.clone();
        let since = Utc::now() - limits.window;
        let pair = login_failures::Entity::find()
            .filter(login_failures::Column::Username.eq(&name))
            .filter(login_failures::Column::Ip.eq(ip))
            .filter(login_failures::Column::At.gt(since))
            .count(&self.db)
            .await?;
        let from_address = login_failures::Entity::find()
            .filter(login_failures::Column::Ip.eq(ip))
            .filter(login_failures::Column::At.gt(since))
            .count(&self.db)
            .await?;
        if pair >= limits.per_name_and_address || from_address >= limits.per_address {
            tracing::warn!(username = %name, ip, "log-in blocked after repeated failures");
            return Ok(Err(LoginRefused::Throttled {
                retry_after_secs: limits.window.num_seconds().max(1) as u64,
            }));
        }
        if pair >= limits.slow_after {
            let steps = (pair - limits.slow_after).min(16) as u32;
            let delay = limits
                .base_delay
                .saturating_mul(2u32.saturating_pow(steps))
                .min(limits.max_delay);
            tokio::time::sleep(delay).await;
        }
        let user = users::Entity::find()
            .filter(users::Column::Username.eq(&name))
            .one(&self.db)
            .await?;
        let hash = user
            .as_ref()
            .map(|u| u.password_hash.clone())
            .unwrap_or_else(|| decoy_hash().to_owned());
        let pw = password.to_owned();
        let matches = tokio::task::spawn_blocking(move || password_matches(&pw, &hash))
            .await
            .unwrap_or(false);
        let user = match user {
            Some(u) if matches && !u.locked => u,
            _ => {
                login_failures::ActiveModel {
                    username: Set(name.clone()),
                    ip: Set(ip.to_owned()),
                    at: Set(Utc::now()),
                    ..Default::default()
                }
                .insert(&self.db)
                .await?;
                tracing::warn!(username = %name, ip, "failed log-in");
                return Ok(Err(LoginRefused::Invalid));
            }
        };
        login_failures::Entity::delete_many()
            .filter(login_failures::Column::Username.eq(&name))
            .filter(login_failures::Column::Ip.eq(ip))
            .exec(&self.db)
            .await?;
        let actor = Actor::web(&user.username, Some(ip.to_owned()));
        let label = if kind == "api" {
            "Đăng nhập qua API".to_owned()
        } else {
            user_agent
                .map(|a| a.chars().take(100).collect())
                .unwrap_or_else(|| "Trình duyệt".into())
        };
        let hours = if kind == "api" {
            API_TOKEN_DAYS * 24
        } else {
            WEB_SESSION_HOURS
        };
        self.open_session(&actor, user.id, kind, &label, hours, Some(ip), user_agent)
            .await
            .map(Ok)
    }

    /// Issues an API token for `user_id` (listed on the account page, revocable).
    pub async fn create_token(
        &self,
        actor: &Actor,
        user_id: i64,
        label: &str,
        days: i64,
    ) -> Result<NewSession> {
        let label = thidua_domain::text::clean(label);
        if label.is_empty() {
            return Err(invalid(
                "label",
                "Hãy đặt tên cho khoá API (ví dụ: phần mềm báo cáo)",
            ));
        }
        if !(1..=366).contains(&days) {
            return Err(invalid("days", "Thời hạn khoá API từ 1 đến 366 ngày"));
        }
        self.open_session(
            actor,
            user_id,
            "api",
            &label,
            days * 24,
            actor.ip.as_deref(),
            None,
        )
        .await
    }

    #[allow(clippy::too_many_arguments)]
    async fn open_session(
        &self,
        actor: &Actor,
        user_id: i64,
        kind: &str,
        label: &str,
        hours: i64,
        ip: Option<&str>,
        user_agent: Option<&str>,
    ) -> Result<NewSession> {
        let token = secret(if kind == "api" { "thd_" } else { "" });
        let now = Utc::now();
        let txn = self.write_txn().await?;
        let session = sessions::ActiveModel {
            token_hash: Set(token_hash(&token)),
            user_id: Set(user_id),
            kind: Set(kind.to_owned()),
            label: Set(label.chars().take(100).collect()),
            csrf: Set(secret("")),
            created_at: Set(now),
            expires_at: Set(now + Duration::hours(hours)),
            ip: Set(ip.map(str::to_owned)),
            user_agent: Set(user_agent.map(|a| a.chars().take(200).collect())),
            revoked_at: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        self.record_audit(
            &txn,
            actor,
            Change {
                action: if kind == "api" {
                    "create_token"
                } else {
                    "login"
                },
                entity: "session",
                entity_id: Some(session.id),
                unit_id: None,
                before: None,
                after: audit::snapshot(&session),
            },
        )
        .await?;
        txn.commit().await?;
        let user = self
            .user_info(user_id)
            .await?
            .ok_or(StoreError::NotFound("tài khoản"))?;
        Ok(NewSession {
            token,
            session,
            user,
        })
    }

    /// The session or token behind a secret, if it is valid: not revoked, not expired, its account not
    /// locked.
    pub async fn authenticate(&self, token: &str) -> Result<Option<Authenticated>> {
        let Some(session) = sessions::Entity::find()
            .filter(sessions::Column::TokenHash.eq(token_hash(token)))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        if session.revoked_at.is_some() || session.expires_at <= Utc::now() {
            return Ok(None);
        }
        let Some(info) = self.user_info(session.user_id).await? else {
            return Ok(None);
        };
        if info.user.locked {
            return Ok(None);
        }
        let scope = match info.user.unit_id {
            Some(u) => self.unit_and_below(u).await?,
            None => BTreeSet::new(),
        };
        Ok(Some(Authenticated {
            session_id: session.id,
            kind: session.kind,
            csrf: session.csrf,
            expires_at: session.expires_at,
            principal: Principal {
                user_id: info.user.id,
                username: info.user.username,
                display_name: info.user.display_name,
                roles: info.roles,
                unit_id: info.user.unit_id,
                scope: Arc::new(scope),
                person_id: info.user.person_id,
            },
        }))
    }

    /// A unit and every unit under it.
    pub async fn unit_and_below(&self, unit_id: i64) -> Result<BTreeSet<i64>> {
        let links: Vec<(i64, Option<i64>)> = units::Entity::find()
            .select_only()
            .column(units::Column::Id)
            .column(units::Column::ParentId)
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
        for (id, parent) in links {
            if let Some(p) = parent {
                children.entry(p).or_default().push(id);
            }
        }
        let mut out = BTreeSet::new();
        let mut stack = vec![unit_id];
        while let Some(u) = stack.pop() {
            if out.insert(u) {
                stack.extend(children.get(&u).into_iter().flatten().copied());
            }
        }
        Ok(out)
    }

    /// The open sessions and tokens of an account, newest first.
    pub async fn sessions_of(&self, user_id: i64) -> Result<Vec<sessions::Model>> {
        Ok(sessions::Entity::find()
            .filter(sessions::Column::UserId.eq(user_id))
            .filter(sessions::Column::RevokedAt.is_null())
            .filter(sessions::Column::ExpiresAt.gt(Utc::now()))
            .order_by_desc(sessions::Column::Id)
            .all(&self.db)
            .await?)
    }

    /// Ends one session or token of `user_id`. Not found (404) when it is not theirs.
    pub async fn revoke_session(&self, actor: &Actor, user_id: i64, session_id: i64) -> Result<()> {
        let txn = self.write_txn().await?;
        let res = sessions::Entity::update_many()
            .col_expr(sessions::Column::RevokedAt, Expr::value(Some(Utc::now())))
            .filter(sessions::Column::Id.eq(session_id))
            .filter(sessions::Column::UserId.eq(user_id))
            .filter(sessions::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        if res.rows_affected == 0 {
            return Err(StoreError::NotFound("phiên đăng nhập"));
        }
        self.record_audit(
            &txn,
            actor,
            Change {
                action: "revoke",
                entity: "session",
                entity_id: Some(session_id),
                unit_id: None,
                before: None,
                after: None,
            },
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Creates the demo accounts of `shared/contracts/demo.md` over the sample city: an
    /// administrator, the city's TĐKT office, the officers of the first two wards, three council
    /// members, the Labour Federation, a worker of the first ward and the leader who signs.
    pub async fn create_demo_accounts(&self) -> Result<()> {
        let all = units::Entity::find()
            .filter(units::Column::Active.eq(true))
            .order_by_asc(units::Column::SortKey)
            .all(&self.db)
            .await?;
        let by_code = |code: &str| all.iter().find(|u| u.code == code).map(|u| u.id);
        let by_kind = |kind: &str| all.iter().find(|u| u.kind == kind).map(|u| u.id);
        let wards: Vec<&units::Model> = all.iter().filter(|u| u.kind == "ward_commune").collect();
        if wards.len() < 2 {
            return Err(StoreError::Other(
                "Tài khoản mẫu cần ít nhất hai xã, phường trong danh bạ".into(),
            ));
        }
        let worker = people::Entity::find()
            .filter(people::Column::UnitId.eq(wards[0].id))
            .order_by_asc(people::Column::SortKey)
            .one(&self.db)
            .await?
            .ok_or_else(|| StoreError::Other("Phường của donvi1 chưa có người nào".into()))?;
        let office = by_code("PNV").or_else(|| by_kind("specialised_office"));
        let committee = by_code("UBND-TP").or_else(|| by_kind("peoples_committee"));
        let federation = by_code("LDLD").or_else(|| by_kind("trade_union"));
        // The leader who signs decisions is the city's chairman, a person of the People's
        // Committee, so that a decision approved by lanhdao carries the chairman's name and title.
        let chairman = match committee {
            Some(c) => Self::chairman_of(&self.db, c).await?,
            None => None,
        };
        let account = |username: &str, name: &str, role: Role, unit_id: Option<i64>| NewUser {
            username: username.into(),
            display_name: name.into(),
            password: DEMO_PASSWORD.into(),
            roles: vec![role],
            unit_id,
            person_id: None,
        };
        let accounts = vec![
            account("admin", "Quản trị hệ thống", Role::Admin, None),
            account("noivu", "Phòng Nội vụ", Role::TdktOffice, office),
            account(
                "donvi1",
                &format!("Cán bộ thi đua {}", wards[0].name),
                Role::UnitOfficer,
                Some(wards[0].id),
            ),
            account(
                "donvi2",
                &format!("Cán bộ thi đua {}", wards[1].name),
                Role::UnitOfficer,
                Some(wards[1].id),
            ),
            account(
                "hoidong1",
                "Thành viên Hội đồng 1",
                Role::CouncilMember,
                None,
            ),
            account(
                "hoidong2",
                "Thành viên Hội đồng 2",
                Role::CouncilMember,
                None,
            ),
            account(
                "hoidong3",
                "Thành viên Hội đồng 3",
                Role::CouncilMember,
                None,
            ),
            account(
                "ldld",
                "Liên đoàn Lao động thành phố",
                Role::LabourFederation,
                federation,
            ),
            NewUser {
                person_id: Some(worker.id),
                ..account("nld1", &worker.full_name, Role::Worker, Some(wards[0].id))
            },
            NewUser {
                person_id: chairman.as_ref().map(|p| p.id),
                ..account(
                    "lanhdao",
                    "Lãnh đạo UBND thành phố",
                    Role::Leader,
                    committee,
                )
            },
        ];
        let actor = Actor::system("demo");
        for new in accounts {
            if self.user_by_name(&new.username).await?.is_some() {
                continue;
            }
            self.create_user(&actor, new).await?;
        }
        Ok(())
    }
}

fn sorted(mut roles: Vec<Role>) -> Vec<Role> {
    roles.sort();
    roles.dedup();
    roles
}

async fn set_roles<C: ConnectionTrait>(conn: &C, user_id: i64, roles: &[Role]) -> Result<()> {
    let rows: Vec<user_roles::ActiveModel> = sorted(roles.to_vec())
        .into_iter()
        .map(|r| user_roles::ActiveModel {
            user_id: Set(user_id),
            role: Set(r.code().to_owned()),
        })
        .collect();
    if !rows.is_empty() {
        user_roles::Entity::insert_many(rows)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Ends every session and token of an account except `keep`.
async fn revoke_all<C: ConnectionTrait>(conn: &C, user_id: i64, keep: Option<i64>) -> Result<()> {
    let mut q = sessions::Entity::update_many()
        .col_expr(sessions::Column::RevokedAt, Expr::value(Some(Utc::now())))
        .filter(sessions::Column::UserId.eq(user_id))
        .filter(sessions::Column::RevokedAt.is_null());
    if let Some(k) = keep {
        q = q.filter(sessions::Column::Id.ne(k));
    }
    q.exec(conn).await?;
    Ok(())
}
