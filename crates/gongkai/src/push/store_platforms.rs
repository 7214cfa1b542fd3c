//! SQL of the platforms that take policy pushes, the subscribers reached through
//! them (imported), the back office's lists (subscribers, failed deliveries) and
//! bounces. Each statement is written once for both engines.

use chrono::{DateTime, Utc};

use super::store::{MSG_COLS, Message, NewSubscriber, SUB_COLS, Subscriber};
use crate::clock::now;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

/// A platform (一网通办 enterprise page, 随申办·企业云) that takes signed JSON pushes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Platform {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub secret: String,
    pub active: bool,
}

const PLATFORM_COLS: &str = "id, name, url, secret, active";

pub async fn platforms(db: &Db) -> sqlx::Result<Vec<Platform>> {
    let sql = format!("SELECT {PLATFORM_COLS} FROM push_platforms ORDER BY id");
    db.rows(&sql).await
}

pub async fn platform(db: &Db, id: i64) -> sqlx::Result<Option<Platform>> {
    let sql = format!("SELECT {PLATFORM_COLS} FROM push_platforms WHERE id = $1");
    db.row_by(&sql, id).await
}

pub async fn insert_platform(
    tx: &mut Tx,
    name: &str,
    url: &str,
    secret: &str,
) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO push_platforms (name, url, secret, active, created_at, updated_at) \
             VALUES ($1, $2, $3, TRUE, $4, $4) RETURNING id",
        )
        .bind(name)
        .bind(url)
        .bind(secret)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

pub async fn update_platform(tx: &mut Tx, p: &Platform) -> sqlx::Result<u64> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE push_platforms SET name = $1, url = $2, secret = $3, active = $4, updated_at = $5 WHERE id = $6",
        )
        .bind(&p.name)
        .bind(&p.url)
        .bind(&p.secret)
        .bind(p.active)
        .bind(now())
        .bind(p.id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })
}

/// The subscription of `credit_code` through a platform, if any (not cancelled).
pub async fn platform_subscriber(
    db: &Db,
    platform_id: i64,
    credit_code: &str,
) -> sqlx::Result<Option<Subscriber>> {
    let sql = format!(
        "SELECT {SUB_COLS} FROM push_subscribers WHERE platform_id = $1 AND credit_code = $2 \
         AND state <> 'cancelled' ORDER BY id LIMIT 1"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(platform_id)
        .bind(credit_code)
        .fetch_optional(p)
        .await)
}

/// A subscriber reached through a platform: active at once (the platform holds the
/// enterprise's account; there is no mailbox to confirm).
pub async fn insert_platform_subscriber(
    tx: &mut Tx,
    s: &NewSubscriber,
    platform_id: i64,
    token: &str,
) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO push_subscribers (credit_code, name, email, industries, district, scale, subject, themes, \
             state, token, created_at, confirmed_at, updated_at, channel, platform_id) \
             VALUES ($1, $2, '', $3, $4, $5, $6, $7, 'active', $8, $9, $9, $9, 'webhook', $10) RETURNING id",
        )
        .bind(&s.credit_code)
        .bind(&s.name)
        .bind(&s.industries)
        .bind(&s.district)
        .bind(&s.scale)
        .bind(&s.subject)
        .bind(&s.themes)
        .bind(token)
        .bind(t)
        .bind(platform_id)
        .fetch_one(&mut **c)
        .await
    })
}

/// Subscribers for the back office: those whose code or name contains `q` (all
/// when empty), newest first, at most `limit`.
pub async fn search_subscribers(db: &Db, q: &str, limit: i64) -> sqlx::Result<Vec<Subscriber>> {
    let sql = format!(
        "SELECT {SUB_COLS} FROM push_subscribers WHERE ($1 = '' OR credit_code LIKE $2 OR name LIKE $2) \
         ORDER BY id DESC LIMIT $3"
    );
    let like = format!("%{}%", q.replace(['%', '_'], ""));
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(q)
        .bind(&like)
        .bind(limit)
        .fetch_all(p)
        .await)
}

/// Messages that did not arrive (failed or bounced), newest first.
pub async fn undelivered(db: &Db, limit: i64) -> sqlx::Result<Vec<Message>> {
    let sql = format!(
        "SELECT {MSG_COLS} FROM push_messages WHERE state IN ('failed', 'bounced') ORDER BY id DESC LIMIT $1"
    );
    db.rows_by(&sql, limit).await
}

pub async fn message(db: &Db, id: i64) -> sqlx::Result<Option<Message>> {
    let sql = format!("SELECT {MSG_COLS} FROM push_messages WHERE id = $1");
    db.row_by(&sql, id).await
}

/// A failed or bounced message back to the queue, due now, its attempts counted
/// afresh; false when it was in neither state.
pub async fn requeue(tx: &mut Tx, id: i64) -> sqlx::Result<bool> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE push_messages SET state = 'queued', attempts = 0, next_at = NULL, claimed_at = NULL \
             WHERE id = $1 AND state IN ('failed', 'bounced')",
        )
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected() == 1)
    })
}

/// A sent (or failed) message marked bounced, with the reason; false when it was
/// not sent or failed (a bounce is counted once).
pub async fn mark_bounced(tx: &mut Tx, id: i64, reason: &str) -> sqlx::Result<bool> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE push_messages SET state = 'bounced', bounced_at = $1, last_error = $2 \
             WHERE id = $3 AND state IN ('sent', 'failed')",
        )
        .bind(now())
        .bind(reason)
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected() == 1)
    })
}

/// Count a bounce against a subscriber; with `limit` reached an active subscription
/// is suspended. Returns whether it was suspended now.
pub async fn count_bounce(tx: &mut Tx, subscriber_id: i64, limit: i64) -> sqlx::Result<bool> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE push_subscribers SET bounces = bounces + 1, updated_at = $1 WHERE id = $2",
        )
        .bind(t)
        .bind(subscriber_id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE push_subscribers SET state = 'suspended', updated_at = $1 \
             WHERE id = $2 AND state = 'active' AND bounces >= $3",
        )
        .bind(t)
        .bind(subscriber_id)
        .bind(limit)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected() == 1)
    })
}

/// A delivered mail clears the bounce count.
pub async fn clear_bounces(db: &Db, subscriber_id: i64) -> sqlx::Result<()> {
    with_db!(db, |p| {
        sqlx::query("UPDATE push_subscribers SET bounces = 0 WHERE id = $1 AND bounces > 0")
            .bind(subscriber_id)
            .execute(p)
            .await
            .map(|_| ())
    })
}

/// A suspended subscription active again, its bounce count cleared.
pub async fn resume(tx: &mut Tx, subscriber_id: i64) -> sqlx::Result<bool> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE push_subscribers SET state = 'active', bounces = 0, updated_at = $1 WHERE id = $2 AND state = 'suspended'",
        )
        .bind(now())
        .bind(subscriber_id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected() == 1)
    })
}

/// Every subscriber, oldest first (the .xlsx export).
pub async fn all_subscribers(db: &Db) -> sqlx::Result<Vec<Subscriber>> {
    let sql = format!("SELECT {SUB_COLS} FROM push_subscribers ORDER BY id");
    db.rows(&sql).await
}

/// When a message was sent, for display.
pub fn when(t: &Option<DateTime<Utc>>) -> String {
    crate::clock::fmt_local_opt(t)
}
