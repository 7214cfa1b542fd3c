//! SQL of audit anchors.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::Anchor;
use crate::db::{Db, Page};
use crate::with_db;

const COLS: &str = "id, day, seq, hash, at";

/// Record the chain head as the anchor of `day`, once: a second call on the same
/// day keeps the first. Returns whether a row was written.
pub async fn record(db: &Db, day: NaiveDate, at: DateTime<Utc>) -> sqlx::Result<bool> {
    with_db!(db, |p| {
        sqlx::query(
            "INSERT INTO audit_anchors (day, seq, hash, at) \
             SELECT $1, seq, hash, $2 FROM audit_head WHERE id = 1 \
             ON CONFLICT (day) DO NOTHING",
        )
        .bind(day)
        .bind(at)
        .execute(p)
        .await
        .map(|r| r.rows_affected() == 1)
    })
}

/// Newest first, one page.
pub async fn list(db: &Db, page: Page) -> sqlx::Result<(Vec<Anchor>, i64)> {
    crate::db::page_where(
        db,
        COLS,
        "audit_anchors",
        &crate::db::Where::new(),
        "day DESC",
        page,
    )
    .await
}

/// Every anchor, newest first (the feed keeps them all).
pub async fn all(db: &Db) -> sqlx::Result<Vec<Anchor>> {
    let sql = format!("SELECT {COLS} FROM audit_anchors ORDER BY day DESC");
    db.rows(&sql).await
}

/// The hash the audit log holds now at `seq` (None: no such entry).
pub async fn hash_at(db: &Db, seq: i64) -> sqlx::Result<Option<String>> {
    with_db!(db, |p| sqlx::query_scalar(
        "SELECT hash FROM audit_log WHERE seq = $1"
    )
    .bind(seq)
    .fetch_optional(p)
    .await)
}
