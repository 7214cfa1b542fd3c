//! Queries for staff accounts, their roles, organisation units and sessions.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

use crate::auth::roles::{Grant, Role, UnitKind, UnitNode};
use crate::clock::now;
use crate::db::{Db, Page, Tx};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub active: bool,
    pub must_change_password: bool,
    pub failed_logins: i64,
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

const USER_COLS: &str = "id, username, display_name, password_hash, active, must_change_password, \
                         failed_logins, locked_until, last_login_at, created_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UnitRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<i64>,
    pub code: Option<String>,
    pub sort_order: i64,
    pub active: bool,
    /// 受理依申请公开: an administrative organ that accepts information requests.
    pub accepts_foi: bool,
    /// The organ's designated FOI office (required when `accepts_foi`).
    pub foi_office_id: Option<i64>,
}

impl UnitRow {
    /// Whether the unit is an administrative organ (行政机关) acting in its own name:
    /// the root unit or a district bureau (区局). Departments and corps act in the name
    /// of the organ above them (documents they issue, letters they sign).
    pub fn is_organ(&self) -> bool {
        self.parent_id.is_none() || UnitKind::parse(&self.kind) == Some(UnitKind::District)
    }

    /// A unit for the tests of rules over the unit tree (active, no FOI office).
    #[cfg(test)]
    pub fn sample(id: i64, name: &str, kind: UnitKind, parent_id: Option<i64>) -> UnitRow {
        UnitRow {
            id,
            name: name.into(),
            kind: kind.code().into(),
            parent_id,
            code: None,
            sort_order: 0,
            active: true,
            accepts_foi: false,
            foi_office_id: None,
        }
    }

    pub fn kind_label(&self) -> &'static str {
        UnitKind::parse(&self.kind)
            .map(|k| k.label())
            .unwrap_or("其他")
    }
}

// ---- users -------------------------------------------------------------------------

pub async fn count_users(db: &Db) -> sqlx::Result<i64> {
    with_db!(db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(p)
        .await)
}

pub async fn find_by_username(db: &Db, username: &str) -> sqlx::Result<Option<UserRow>> {
    let sql = format!("SELECT {USER_COLS} FROM users WHERE username = $1");
    db.row_by(&sql, username).await
}

pub async fn get_user(db: &Db, id: i64) -> sqlx::Result<UserRow> {
    let sql = format!("SELECT {USER_COLS} FROM users WHERE id = $1");
    with_db!(db, |p| sqlx::query_as(&sql).bind(id).fetch_one(p).await)
}

pub async fn create_user(
    tx: &mut Tx,
    username: &str,
    display_name: &str,
    password_hash: &str,
    must_change_password: bool,
) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO users (username, display_name, password_hash, active, must_change_password, \
             failed_logins, created_at, updated_at) VALUES ($1, $2, $3, TRUE, $4, 0, $5, $5) RETURNING id",
        )
        .bind(username)
        .bind(display_name)
        .bind(password_hash)
        .bind(must_change_password)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

pub async fn update_user(
    tx: &mut Tx,
    id: i64,
    display_name: &str,
    active: bool,
) -> sqlx::Result<()> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE users SET display_name = $1, active = $2, updated_at = $3 WHERE id = $4",
        )
        .bind(display_name)
        .bind(active)
        .bind(t)
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn set_password(tx: &mut Tx, id: i64, hash: &str, must_change: bool) -> sqlx::Result<()> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE users SET password_hash = $1, must_change_password = $2, failed_logins = 0, \
             locked_until = NULL, updated_at = $3 WHERE id = $4",
        )
        .bind(hash)
        .bind(must_change)
        .bind(t)
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Count a failed login of an account (shown in the back office); returns the
/// failures in a row. The account is not locked for everyone: the growing delay is
/// per client address, in memory (`web::ratelimit`).
pub async fn record_failed_login(tx: &mut Tx, id: i64) -> sqlx::Result<i64> {
    with_tx!(tx, |c| {
        sqlx::query_scalar("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins")
            .bind(id)
            .fetch_one(&mut **c)
            .await
    })
}

pub async fn record_login(tx: &mut Tx, id: i64) -> sqlx::Result<()> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = $1 WHERE id = $2")
            .bind(t)
            .bind(id)
            .execute(&mut **c)
            .await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Users, optionally only those holding a role in one of `units`, newest first.
pub async fn list_users(
    db: &Db,
    units: Option<&[i64]>,
    page: Page,
) -> sqlx::Result<(Vec<UserRow>, i64)> {
    let filter = match units {
        None => String::new(),
        Some([]) => " WHERE 1 = 0".to_string(),
        Some(ids) => format!(
            " WHERE id IN (SELECT user_id FROM user_roles WHERE unit_id IN ({}))",
            ids.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    };
    let sql = format!("SELECT {USER_COLS} FROM users{filter} ORDER BY id LIMIT $1 OFFSET $2");
    let count_sql = format!("SELECT COUNT(*) FROM users{filter}");
    with_db!(db, |p| {
        let rows = sqlx::query_as(&sql)
            .bind(page.size)
            .bind(page.offset())
            .fetch_all(p)
            .await?;
        let total: i64 = sqlx::query_scalar(&count_sql).fetch_one(p).await?;
        Ok((rows, total))
    })
}

// ---- roles -------------------------------------------------------------------------

fn to_grants(rows: Vec<(i64, String)>) -> Vec<Grant> {
    rows.into_iter()
        .filter_map(|(unit_id, role)| Role::parse(&role).map(|role| Grant { unit_id, role }))
        .collect()
}

pub async fn grants(db: &Db, user_id: i64) -> sqlx::Result<Vec<Grant>> {
    let rows: Vec<(i64, String)> = with_db!(db, |p| {
        sqlx::query_as(
            "SELECT unit_id, role FROM user_roles WHERE user_id = $1 ORDER BY unit_id, role",
        )
        .bind(user_id)
        .fetch_all(p)
        .await
    })?;
    Ok(to_grants(rows))
}

/// The root units (units without parent) in which the user holds a grant: the
/// grants that give city-wide permissions (`Permission::city_wide`).
pub async fn root_units_of(db: &Db, user_id: i64) -> sqlx::Result<Vec<i64>> {
    with_db!(db, |p| {
        sqlx::query_scalar(
            "SELECT DISTINCT r.unit_id FROM user_roles r JOIN units u ON u.id = r.unit_id
             WHERE r.user_id = $1 AND u.parent_id IS NULL ORDER BY r.unit_id",
        )
        .bind(user_id)
        .fetch_all(p)
        .await
    })
}

/// Users who hold at least one grant and all of whose grants are in `unit_ids`
/// (the users an administrator of those units answers for).
pub async fn users_only_in(db: &Db, unit_ids: &[i64]) -> sqlx::Result<Vec<i64>> {
    if unit_ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = unit_ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "SELECT DISTINCT user_id FROM user_roles WHERE user_id NOT IN
           (SELECT user_id FROM user_roles WHERE unit_id NOT IN ({list}))
         ORDER BY user_id"
    );
    with_db!(db, |p| sqlx::query_scalar(&sql).fetch_all(p).await)
}

/// Active users holding `role` in `unit_id`: (id, display name).
pub async fn users_with_role_in(
    db: &Db,
    unit_id: i64,
    role: Role,
) -> sqlx::Result<Vec<(i64, String)>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT u.id, u.display_name FROM users u JOIN user_roles r ON r.user_id = u.id
             WHERE r.unit_id = $1 AND r.role = $2 AND u.active ORDER BY u.display_name",
        )
        .bind(unit_id)
        .bind(role.code())
        .fetch_all(p)
        .await
    })
}

/// Grants of many users in one query (no N+1 in lists).
pub async fn grants_of(db: &Db, user_ids: &[i64]) -> sqlx::Result<HashMap<i64, Vec<Grant>>> {
    let mut out: HashMap<i64, Vec<Grant>> = HashMap::new();
    if user_ids.is_empty() {
        return Ok(out);
    }
    let sql = format!(
        "SELECT user_id, unit_id, role FROM user_roles WHERE user_id IN ({}) ORDER BY unit_id, role",
        user_ids
            .iter()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",")
    );
    let rows: Vec<(i64, i64, String)> = db.rows(&sql).await?;
    for (user_id, unit_id, role) in rows {
        if let Some(role) = Role::parse(&role) {
            out.entry(user_id)
                .or_default()
                .push(Grant { unit_id, role });
        }
    }
    Ok(out)
}

pub async fn set_grants(tx: &mut Tx, user_id: i64, grants: &[Grant]) -> sqlx::Result<()> {
    with_tx!(tx, |c| sqlx::query(
        "DELETE FROM user_roles WHERE user_id = $1"
    )
    .bind(user_id)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))?;
    for g in grants {
        with_tx!(tx, |c| {
            sqlx::query("INSERT INTO user_roles (user_id, unit_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                .bind(user_id)
                .bind(g.unit_id)
                .bind(g.role.code())
                .execute(&mut **c)
                .await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

// ---- units -------------------------------------------------------------------------

const UNIT_COLS: &str =
    "id, name, kind, parent_id, code, sort_order, active, accepts_foi, foi_office_id";

pub async fn all_units(db: &Db) -> sqlx::Result<Vec<UnitRow>> {
    let sql = format!("SELECT {UNIT_COLS} FROM units ORDER BY sort_order, id");
    db.rows(&sql).await
}

pub async fn get_unit(db: &Db, id: i64) -> sqlx::Result<UnitRow> {
    let sql = format!("SELECT {UNIT_COLS} FROM units WHERE id = $1");
    with_db!(db, |p| sqlx::query_as(&sql).bind(id).fetch_one(p).await)
}

pub fn unit_nodes(units: &[UnitRow]) -> Vec<UnitNode> {
    units
        .iter()
        .map(|u| UnitNode {
            id: u.id,
            parent_id: u.parent_id,
        })
        .collect()
}

pub struct UnitInput<'a> {
    pub name: &'a str,
    pub kind: UnitKind,
    pub parent_id: Option<i64>,
    pub code: Option<&'a str>,
    pub sort_order: i64,
    pub active: bool,
}

pub async fn create_unit(tx: &mut Tx, u: &UnitInput<'_>) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO units (name, kind, parent_id, code, sort_order, active, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(u.name)
        .bind(u.kind.code())
        .bind(u.parent_id)
        .bind(u.code)
        .bind(u.sort_order)
        .bind(u.active)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

pub async fn update_unit(tx: &mut Tx, id: i64, u: &UnitInput<'_>) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE units SET name = $1, kind = $2, parent_id = $3, code = $4, sort_order = $5, active = $6 WHERE id = $7",
        )
        .bind(u.name)
        .bind(u.kind.code())
        .bind(u.parent_id)
        .bind(u.code)
        .bind(u.sort_order)
        .bind(u.active)
        .bind(id)
        .execute(&mut **c)
        .await.map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// Set whether a unit accepts 依申请公开 applications and its FOI office (the
/// database refuses `accepts` without an office).
pub async fn set_foi_routing(
    tx: &mut Tx,
    id: i64,
    accepts: bool,
    office: Option<i64>,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query("UPDATE units SET accepts_foi = $1, foi_office_id = $2 WHERE id = $3")
            .bind(accepts)
            .bind(office)
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}

// ---- sessions ----------------------------------------------------------------------

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Create a session and return the raw token for the cookie (only its hash is stored).
pub async fn create_session(
    tx: &mut Tx,
    user_id: i64,
    ttl: Duration,
    ip: &str,
    user_agent: &str,
) -> sqlx::Result<String> {
    use rand::Rng;
    let raw: [u8; 32] = rand::rng().random();
    let token = hex::encode(raw);
    let t = now();
    let ua: String = user_agent.chars().take(200).collect();
    with_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent) \
             VALUES ($1, $2, $3, $4, $3, $5, $6)",
        )
        .bind(token_hash(&token))
        .bind(user_id)
        .bind(t)
        .bind(t + ttl)
        .bind(ip)
        .bind(&ua)
        .execute(&mut **c)
        .await.map(|r| r.rows_affected())
    })?;
    Ok(token)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionUser {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub must_change_password: bool,
    pub last_seen_at: DateTime<Utc>,
}

/// The active user of a live session, if any: not idle past its expiry and not
/// older than `max_age` since sign-in, however active.
pub async fn session_user(
    db: &Db,
    hash: &str,
    max_age: Duration,
) -> sqlx::Result<Option<SessionUser>> {
    let t = now();
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT u.id AS user_id, u.username, u.display_name, u.must_change_password, s.last_seen_at \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.created_at > $3 AND u.active = TRUE",
        )
        .bind(hash)
        .bind(t)
        .bind(t - max_age)
        .fetch_optional(p)
        .await
    })
}

/// Slide the expiry of a session forward.
pub async fn touch_session(db: &Db, hash: &str, ttl: Duration) -> sqlx::Result<()> {
    let t = now();
    with_db!(db, |p| {
        sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3")
            .bind(t)
            .bind(t + ttl)
            .bind(hash)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn delete_session(db: &Db, hash: &str) -> sqlx::Result<()> {
    with_db!(db, |p| sqlx::query(
        "DELETE FROM sessions WHERE token_hash = $1"
    )
    .bind(hash)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// End every session of a user except `keep` (after a password change or reset).
pub async fn delete_sessions_of(
    tx: &mut Tx,
    user_id: i64,
    keep: Option<&str>,
) -> sqlx::Result<u64> {
    let r = with_tx!(tx, |c| {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
            .bind(user_id)
            .bind(keep.unwrap_or(""))
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(r)
}

pub async fn delete_expired_sessions(db: &Db) -> sqlx::Result<u64> {
    with_db!(db, |p| {
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now())
            .execute(p)
            .await
            .map(|r| r.rows_affected())
    })
}
