//! Changes to accounts, sessions and units: each in one transaction with its
//! audit entry. The handlers (`auth::web`, `admin::users`, `admin::units`) check
//! the form and call these; `auth::store` holds the SQL.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::roles::Grant;
use super::store::{self, UnitInput};
use crate::audit::{self, Actor, KernelAction, change_summary};
use crate::db::{Db, Tx};

/// A failed password for an active account: count it, and when this failure
/// starts the delays, say so in the audit log (`locked` is the entry's text).
pub async fn login_failed(
    db: &Db,
    actor: &Actor,
    user_id: i64,
    locked: Option<String>,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::record_failed_login(&mut tx, user_id).await?;
    if let Some(summary) = locked {
        audit::append(
            &mut tx,
            actor,
            KernelAction::LoginLocked,
            "user",
            Some(user_id.to_string()),
            summary,
        )
        .await?;
    }
    tx.commit().await
}

/// A successful login: the new session's token.
pub async fn login(
    db: &Db,
    actor: &Actor,
    user_id: i64,
    ttl: chrono::Duration,
    ip: &str,
    user_agent: &str,
) -> sqlx::Result<String> {
    let mut tx = db.begin().await?;
    store::record_login(&mut tx, user_id).await?;
    let token = store::create_session(&mut tx, user_id, ttl, ip, user_agent).await?;
    let summary = "登录成功".to_string();
    audit::commit(tx, actor, KernelAction::Login, "user", user_id, summary).await?;
    Ok(token)
}

/// Signing out: the session ends, the audit log says so.
pub async fn logout(db: &Db, actor: &Actor, user_id: i64, session_hash: &str) -> sqlx::Result<()> {
    store::delete_session(db, session_hash).await?;
    audit::append_now(
        db,
        actor,
        KernelAction::Logout,
        "user",
        Some(user_id.to_string()),
        "退出登录".into(),
    )
    .await?;
    Ok(())
}

/// A user changes their own password: other sessions end, API tokens are revoked.
pub async fn change_own_password(
    db: &Db,
    actor: &Actor,
    user_id: i64,
    hash: &str,
    keep_session: &str,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::set_password(&mut tx, user_id, hash, false).await?;
    let ended = store::delete_sessions_of(&mut tx, user_id, Some(keep_session)).await?;
    let revoked = revoke_tokens_of(&mut tx, actor, user_id, "本人修改密码").await?;
    let summary = format!("本人修改密码，结束其他会话 {ended} 个，吊销 API 令牌 {revoked} 个");
    audit::commit(
        tx,
        actor,
        KernelAction::PasswordChange,
        "user",
        user_id,
        summary,
    )
    .await?;
    Ok(())
}

/// A new account with its grants. A duplicate username is the store's unique
/// violation (`db::is_unique_violation`); nothing is written then.
pub async fn create_user(
    db: &Db,
    actor: &Actor,
    username: &str,
    display_name: &str,
    hash: &str,
    grants: &[Grant],
    after: Value,
) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let id = store::create_user(&mut tx, username, display_name, hash, true).await?;
    store::set_grants(&mut tx, id, grants).await?;
    let summary = change_summary(None, Some(after));
    audit::commit(tx, actor, KernelAction::UserCreate, "user", id, summary).await?;
    Ok(id)
}

/// What an account looks like before and after an edit (for the audit entry).
pub struct UserChange {
    pub was_active: bool,
    pub before: Value,
    pub after: Value,
}

/// Edit an account's name, state and grants; disabling it ends its sessions and
/// revokes its API tokens.
pub async fn update_user(
    db: &Db,
    actor: &Actor,
    id: i64,
    display_name: &str,
    active: bool,
    grants: &[Grant],
    change: UserChange,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::update_user(&mut tx, id, display_name, active).await?;
    store::set_grants(&mut tx, id, grants).await?;
    if !active {
        store::delete_sessions_of(&mut tx, id, None).await?;
        revoke_tokens_of(&mut tx, actor, id, "停用账号").await?;
    }
    let action = if change.was_active && !active {
        KernelAction::UserDisable
    } else {
        KernelAction::UserUpdate
    };
    let summary = change_summary(Some(change.before), Some(change.after));
    audit::commit(tx, actor, action, "user", id, summary).await?;
    Ok(())
}

/// An administrator sets a one-time password: sessions end, tokens are revoked.
pub async fn reset_password(db: &Db, actor: &Actor, id: i64, hash: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::set_password(&mut tx, id, hash, true).await?;
    let ended = store::delete_sessions_of(&mut tx, id, None).await?;
    let revoked = revoke_tokens_of(&mut tx, actor, id, "管理员重置密码").await?;
    let summary = format!(
        "管理员重置密码（下次登录须修改），结束会话 {ended} 个，吊销 API 令牌 {revoked} 个；登录失败计数已清零"
    );
    audit::commit(tx, actor, KernelAction::PasswordReset, "user", id, summary).await?;
    Ok(())
}

/// Whether a unit answers FOI requests, and which office handles them
/// (`None` = the unit itself).
pub struct FoiRouting {
    pub accepts_foi: bool,
    pub office: Option<Option<i64>>,
}

/// Create (`unit_id` None) or update a unit with its FOI routing. `before` is the
/// unit as it was (None when created), `after` as submitted. A duplicate name is
/// the store's unique violation; nothing is written then.
pub async fn save_unit(
    db: &Db,
    actor: &Actor,
    unit_id: Option<i64>,
    input: &UnitInput<'_>,
    foi: FoiRouting,
    before: Option<Value>,
    after: Value,
) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let id = match unit_id {
        None => store::create_unit(&mut tx, input).await?,
        Some(id) => {
            store::update_unit(&mut tx, id, input).await?;
            id
        }
    };
    let office = foi.office.map(|o| o.unwrap_or(id));
    store::set_foi_routing(&mut tx, id, foi.accepts_foi, office).await?;
    let action = match unit_id {
        None => KernelAction::UnitCreate,
        Some(_) => KernelAction::UnitUpdate,
    };
    let summary = change_summary(before, Some(after));
    audit::commit(tx, actor, action, "unit", id, summary).await?;
    Ok(id)
}

/// `gongkai user passwd`: a one-time password set on the server.
pub async fn reset_password_cli(db: &Db, actor: &Actor, id: i64, hash: &str) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::set_password(&mut tx, id, hash, true).await?;
    store::delete_sessions_of(&mut tx, id, None).await?;
    revoke_tokens_of(&mut tx, actor, id, "命令行重置密码").await?;
    let summary = "命令行重置密码（下次登录须修改）".to_string();
    audit::commit(tx, actor, KernelAction::PasswordReset, "user", id, summary).await?;
    Ok(())
}

/// `gongkai user disable`: the account stops, its sessions end (their number is
/// returned) and its tokens are revoked.
pub async fn disable_cli(db: &Db, actor: &Actor, user: &store::UserRow) -> sqlx::Result<u64> {
    let mut tx = db.begin().await?;
    store::update_user(&mut tx, user.id, &user.display_name, false).await?;
    let n = store::delete_sessions_of(&mut tx, user.id, None).await?;
    revoke_tokens_of(&mut tx, actor, user.id, "命令行停用账号").await?;
    let summary = change_summary(
        Some(serde_json::json!({"active": user.active})),
        Some(serde_json::json!({"active": false})),
    );
    audit::commit(
        tx,
        actor,
        KernelAction::UserDisable,
        "user",
        user.id,
        summary,
    )
    .await?;
    Ok(n)
}

/// Revoke every live token of a user, in the caller's transaction, with an audit
/// entry when there were any; returns how many.
pub async fn revoke_tokens_of(
    tx: &mut Tx,
    actor: &Actor,
    user_id: i64,
    reason: &str,
) -> sqlx::Result<u64> {
    let n = super::store_tokens::revoke_all_of(tx, user_id).await?;
    if n > 0 {
        audit::append(
            tx,
            actor,
            KernelAction::TokenRevokeAll,
            "user",
            Some(user_id.to_string()),
            format!("{reason}，吊销该用户的 API 令牌 {n} 个"),
        )
        .await?;
    }
    Ok(n)
}

/// Issue an API token (stored by its hash) for `user` (id, username) by `admin`,
/// audited.
pub async fn create_token(
    db: &Db,
    admin: &super::CurrentUser,
    name: &str,
    hash: &str,
    user: (i64, &str),
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let id =
        super::store_tokens::insert(&mut tx, name, hash, user.0, admin.id, now, expires).await?;
    let summary = format!(
        "为 {} 签发 API 令牌“{name}”，有效期至 {}",
        user.1,
        crate::clock::fmt_local(&expires)
    );
    audit::commit(
        tx,
        &admin.actor(),
        KernelAction::TokenCreate,
        "api_token",
        id,
        summary,
    )
    .await?;
    Ok(id)
}

/// Revoke one API token, audited; false when it was not live.
pub async fn revoke_token(db: &Db, actor: &Actor, id: i64) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    if !super::store_tokens::revoke(&mut tx, id).await? {
        return Ok(false);
    }
    let summary = "吊销 API 令牌".to_string();
    audit::commit(
        tx,
        actor,
        KernelAction::TokenRevoke,
        "api_token",
        id,
        summary,
    )
    .await?;
    Ok(true)
}
