//! API tokens for other systems: `Authorization: Bearer <token>` acts as the staff
//! account the token was issued for, with its roles; every change is audited under
//! that account. Administrators issue (shown once) and revoke tokens, each for the
//! users in their own scope. A token expires `security.api_token_days` after issue,
//! and all of a user's tokens are revoked when the password is reset or changed or
//! the account is disabled.

use std::sync::Arc;

use askama::Template;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};

use super::roles::Permission;
use super::scope::Scope;
use super::{CurrentUser, Staff, store, store_tokens};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

/// The user behind a bearer token on an API request.
pub struct ApiUser(pub Arc<CurrentUser>);

impl ApiUser {
    pub fn require(&self, perm: Permission) -> Result<(), AppError> {
        if self.0.can(perm) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or(AppError::Unauthorized)?;
        let ip = crate::web::client_ip(state, parts);
        Ok(ApiUser(user_for_token(state, token, ip).await?))
    }
}

/// The account behind an API token (live, not expired, account active), acting
/// from `ip`: the bearer extractor and APIs that take the token elsewhere (the
/// Open311 `api_key`) share it.
pub async fn user_for_token(
    state: &AppState,
    token: &str,
    ip: String,
) -> Result<Arc<CurrentUser>, AppError> {
    let hash = store::token_hash(token);
    let row = store_tokens::user_of(&state.db, &hash).await?;
    let (id, username, display_name, created_at, expires_at) = row.ok_or(AppError::Unauthorized)?;
    let days = state.settings.security.api_token_days;
    if expiry(created_at, expires_at, days) <= crate::clock::now() {
        return Err(AppError::Unauthorized);
    }
    store_tokens::touch(&state.db, &hash).await?;
    let grants = store::grants(&state.db, id).await?;
    let root_units = store::root_units_of(&state.db, id).await?;
    Ok(Arc::new(CurrentUser {
        id,
        username: format!("{username}（API）"),
        display_name,
        must_change_password: false,
        grants,
        root_units,
        session_hash: String::new(),
        ip,
    }))
}

/// When a token stops working: its own expiry, or for a token issued before
/// tokens had one, `days` after issue.
pub fn expiry(
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    days: u32,
) -> DateTime<Utc> {
    expires_at.unwrap_or(created_at + Duration::days(i64::from(days)))
}

#[derive(Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub user_id: i64,
    pub username: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked: bool,
}

impl TokenRow {
    pub fn created(&self) -> String {
        crate::clock::fmt_local(&self.created_at)
    }
    pub fn last_used(&self) -> String {
        crate::clock::fmt_local_opt(&self.last_used_at)
    }
}

/// A token as listed: its row, when it expires and whether it has.
pub struct TokenView {
    pub row: TokenRow,
    pub expires: String,
    pub expired: bool,
}

#[derive(Template)]
#[template(path = "auth/templates/tokens.html")]
struct TokensPage {
    layout: Layout,
    tokens: Vec<TokenView>,
    new_token: String,
    error: String,
}

/// The tokens of users within `scope` (a token is in scope when its owner is:
/// all the owner's grants are in the administrator's units), newest first.
async fn tokens_in_scope(state: &AppState, scope: &Scope) -> Result<Vec<TokenView>, AppError> {
    let cols = "t.id, t.name, t.user_id, u.username, t.created_at, t.expires_at, t.last_used_at, t.revoked";
    let rows: Vec<TokenRow> = match scope.filter() {
        None => {
            let sql = format!(
                "SELECT {cols} FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id DESC LIMIT 200"
            );
            state.db.rows(&sql).await?
        }
        Some([]) => Vec::new(),
        Some(ids) => {
            // Narrow in SQL to owners with a grant in scope, then check all grants.
            let list = ids
                .iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",");
            let sql = format!(
                "SELECT {cols} FROM api_tokens t JOIN users u ON u.id = t.user_id \
                 WHERE t.user_id IN (SELECT user_id FROM user_roles WHERE unit_id IN ({list})) \
                 ORDER BY t.id DESC LIMIT 500"
            );
            state.db.rows(&sql).await?
        }
    };
    let mut owners: Vec<i64> = rows.iter().map(|r| r.user_id).collect();
    owners.sort_unstable();
    owners.dedup();
    let grants = store::grants_of(&state.db, &owners).await?;
    let days = state.settings.security.api_token_days;
    let now = crate::clock::now();
    Ok(rows
        .into_iter()
        .filter(|r| scope.covers(grants.get(&r.user_id).map_or(&[][..], Vec::as_slice)))
        .take(200)
        .map(|row| {
            let until = expiry(row.created_at, row.expires_at, days);
            TokenView {
                expires: crate::clock::fmt_local(&until),
                expired: until <= now,
                row,
            }
        })
        .collect())
}

async fn page(
    state: &AppState,
    layout: Layout,
    admin: &CurrentUser,
    new_token: String,
    error: String,
) -> Result<Response, AppError> {
    let scope = Scope::of(state, admin, Permission::ManageUsers).await?;
    let tokens = tokens_in_scope(state, &scope).await?;
    let status = if error.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        render(&TokensPage {
            layout,
            tokens,
            new_token,
            error,
        })?,
    )
        .into_response())
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(admin): Staff,
) -> Result<Response, AppError> {
    page(&state, layout, &admin, String::new(), String::new()).await
}

/// Issue a token for a user (by username); the token is shown once.
pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(admin): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let name = fields.get("name");
    let username = fields.get("username");
    if name.is_empty() || name.chars().count() > 60 {
        return page(
            &state,
            layout,
            &admin,
            String::new(),
            "请填写令牌用途（不超过 60 字），如“全市公文库同步”".into(),
        )
        .await;
    }
    let Some(user) = store::find_by_username(&state.db, &username)
        .await?
        .filter(|u| u.active)
    else {
        return page(
            &state,
            layout,
            &admin,
            String::new(),
            format!("找不到启用的用户“{username}”"),
        )
        .await;
    };
    let scope = Scope::of(&state, &admin, Permission::ManageUsers).await?;
    if !scope.covers(&store::grants(&state.db, user.id).await?) {
        return Err(AppError::Forbidden);
    }
    use rand::Rng;
    let raw: [u8; 32] = rand::rng().random();
    let token = format!("gk_{}", hex::encode(raw));
    let now = crate::clock::now();
    let days = state.settings.security.api_token_days;
    let expires = now + Duration::days(i64::from(days));
    super::service::create_token(
        &state.db,
        &admin,
        &name,
        &store::token_hash(&token),
        (user.id, &user.username),
        now,
        expires,
    )
    .await?;
    page(&state, layout, &admin, token, String::new()).await
}

pub async fn revoke(
    State(state): State<AppState>,
    Staff(admin): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    // Only a token whose owner is in the administrator's scope; another unit's
    // token is answered as if it did not exist.
    let owner = store_tokens::owner(&state.db, id).await?;
    let owner = owner.ok_or(AppError::NotFound)?;
    let scope = Scope::of(&state, &admin, Permission::ManageUsers).await?;
    if !scope.covers(&store::grants(&state.db, owner).await?) {
        return Err(AppError::NotFound);
    }
    if !super::service::revoke_token(&state.db, &admin.actor(), id).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/admin/tokens").into_response())
}
