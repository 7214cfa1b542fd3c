//! The SQL of API tokens (`api_tokens`); the rules and handlers are in
//! `auth::tokens`, the audited changes in `auth::service`.

use chrono::{DateTime, Utc};

use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

/// A live token's account: (id, username, display name, token issued, token expiry).
pub type TokenUser = (i64, String, String, DateTime<Utc>, Option<DateTime<Utc>>);

/// The active account behind the unrevoked token with this hash.
pub async fn user_of(db: &Db, hash: &str) -> sqlx::Result<Option<TokenUser>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT u.id, u.username, u.display_name, t.created_at, t.expires_at \
                 FROM api_tokens t JOIN users u ON u.id = t.user_id \
                 WHERE t.token_hash = $1 AND t.revoked = FALSE AND u.active = TRUE",
        )
        .bind(hash)
        .fetch_optional(p)
        .await
    })
}

/// Note that the token with this hash was used now.
pub async fn touch(db: &Db, hash: &str) -> sqlx::Result<()> {
    with_db!(db, |p| sqlx::query(
        "UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2"
    )
    .bind(crate::clock::now())
    .bind(hash)
    .execute(p)
    .await
    .map(|_| ()))
}

/// Revoke every live token of a user; returns how many.
pub async fn revoke_all_of(tx: &mut Tx, user_id: i64) -> sqlx::Result<u64> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE api_tokens SET revoked = TRUE WHERE user_id = $1 AND revoked = FALSE"
    )
    .bind(user_id)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))
}

/// Revoke one token; false when it was revoked already (or does not exist).
pub async fn revoke(tx: &mut Tx, id: i64) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |c| sqlx::query(
        "UPDATE api_tokens SET revoked = TRUE WHERE id = $1 AND revoked = FALSE"
    )
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(n > 0)
}

/// A new token (by its hash) for `user_id`, issued by `created_by`.
pub async fn insert(
    tx: &mut Tx,
    name: &str,
    hash: &str,
    user_id: i64,
    created_by: i64,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> sqlx::Result<i64> {
    with_tx!(tx, |c| {
        sqlx::query_scalar("INSERT INTO api_tokens (name, token_hash, user_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(name)
            .bind(hash)
            .bind(user_id)
            .bind(created_by)
            .bind(now)
            .bind(expires)
            .fetch_one(&mut **c)
            .await
    })
}

/// The account a token was issued for.
pub async fn owner(db: &Db, id: i64) -> sqlx::Result<Option<i64>> {
    with_db!(db, |p| sqlx::query_scalar(
        "SELECT user_id FROM api_tokens WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(p)
    .await)
}
