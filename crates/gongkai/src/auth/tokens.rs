//! API tokens for other systems: `Authorization: Bearer <token>` acts as the staff
//! account the token was issued for, with its roles; every change is audited under
//! that account. Administrators issue (shown once) and revoke tokens.

use std::sync::Arc;

use askama::Template;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};

use super::roles::Permission;
use super::{CurrentUser, Staff, store};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};
use crate::{audit, with_db, with_tx};

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
        let hash = store::token_hash(token);
        let row: Option<(i64, String, String)> = with_db!(&state.db, |p| {
            sqlx::query_as(
                "SELECT u.id, u.username, u.display_name FROM api_tokens t JOIN users u ON u.id = t.user_id \
                 WHERE t.token_hash = $1 AND t.revoked = FALSE AND u.active = TRUE",
            )
            .bind(&hash)
            .fetch_optional(p)
            .await
        })?;
        let (id, username, display_name) = row.ok_or(AppError::Unauthorized)?;
        with_db!(&state.db, |p| sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2"
        )
        .bind(crate::clock::now())
        .bind(&hash)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))?;
        let grants = store::grants(&state.db, id).await?;
        let root_units = store::root_units_of(&state.db, id).await?;
        let ip = crate::web::client_ip(state, parts);
        Ok(ApiUser(Arc::new(CurrentUser {
            id,
            username: format!("{username}（API）"),
            display_name,
            must_change_password: false,
            grants,
            root_units,
            session_hash: String::new(),
            ip,
        })))
    }
}

#[derive(Debug, sqlx::FromRow)]
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub username: String,
    pub created_at: DateTime<Utc>,
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

#[derive(Template)]
#[template(path = "auth/templates/tokens.html")]
struct TokensPage {
    layout: Layout,
    tokens: Vec<TokenRow>,
    new_token: String,
    error: String,
}

async fn page(
    state: &AppState,
    layout: Layout,
    new_token: String,
    error: String,
) -> Result<Response, AppError> {
    let tokens: Vec<TokenRow> = with_db!(&state.db, |p| {
        sqlx::query_as(
            "SELECT t.id, t.name, u.username, t.created_at, t.last_used_at, t.revoked FROM api_tokens t \
             JOIN users u ON u.id = t.user_id ORDER BY t.id DESC LIMIT 200",
        )
        .fetch_all(p)
        .await
    })?;
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

pub async fn list(State(state): State<AppState>, layout: Layout) -> Result<Response, AppError> {
    page(&state, layout, String::new(), String::new()).await
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
            String::new(),
            format!("找不到启用的用户“{username}”"),
        )
        .await;
    };
    let scope = crate::auth::scope::Scope::of(&state, &admin, Permission::ManageUsers).await?;
    if !scope.covers(&store::grants(&state.db, user.id).await?) {
        return Err(AppError::Forbidden);
    }
    use rand::Rng;
    let raw: [u8; 32] = rand::rng().random();
    let token = format!("gk_{}", hex::encode(raw));
    let mut tx = state.db.begin().await?;
    let id: i64 = with_tx!(&mut tx, |c| {
        sqlx::query_scalar("INSERT INTO api_tokens (name, token_hash, user_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(&name)
            .bind(store::token_hash(&token))
            .bind(user.id)
            .bind(admin.id)
            .bind(crate::clock::now())
            .fetch_one(&mut **c)
            .await
    })?;
    audit::append(
        &mut tx,
        &admin.actor(),
        "token.create",
        "api_token",
        Some(id.to_string()),
        format!("为 {} 签发 API 令牌“{name}”", user.username),
    )
    .await?;
    tx.commit().await?;
    page(&state, layout, token, String::new()).await
}

pub async fn revoke(
    State(state): State<AppState>,
    Staff(admin): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let mut tx = state.db.begin().await?;
    let n = with_tx!(&mut tx, |c| sqlx::query(
        "UPDATE api_tokens SET revoked = TRUE WHERE id = $1 AND revoked = FALSE"
    )
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    audit::append(
        &mut tx,
        &admin.actor(),
        "token.revoke",
        "api_token",
        Some(id.to_string()),
        "吊销 API 令牌".into(),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}
