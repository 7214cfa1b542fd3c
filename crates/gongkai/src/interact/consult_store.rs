//! SQL of 意见征集, each statement written once for both engines.

use chrono::{DateTime, NaiveDate, Utc};

use super::consult_model::{ConsultKind, Decision};
use crate::db::{Db, Page, Tx, Where, page_where};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ConsultRow {
    pub id: i64,
    pub unit_id: i64,
    pub title: String,
    pub kind: ConsultKind,
    pub draft: String,
    pub explanation: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub short_reason: String,
    pub contact: String,
    pub document_id: Option<i64>,
    pub feedback: String,
    pub feedback_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

const COLS: &str =
    "id, unit_id, title, kind, draft, explanation, opens_on, closes_on, short_reason, contact,
  document_id, feedback, feedback_on, created_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub consultation_id: i64,
    pub article: Option<i64>,
    pub passage: String,
    pub content: String,
    pub masked_content: String,
    pub name: String,
    pub phone: String,
    pub decision: Option<Decision>,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

const COMMENT_COLS: &str =
    "id, consultation_id, article, passage, content, masked_content, name, phone,
  decision, reason, created_at";

/// What a new consultation holds.
#[derive(Debug, Clone)]
pub struct NewConsult {
    pub unit_id: i64,
    pub title: String,
    pub kind: ConsultKind,
    pub draft: String,
    pub explanation: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub short_reason: String,
    pub contact: String,
}

pub async fn insert(tx: &mut Tx, c: &NewConsult, user: Option<i64>) -> sqlx::Result<i64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO interact_consultations (unit_id, title, kind, draft, explanation, opens_on, closes_on,
               short_reason, contact, created_by, created_at, updated_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$11) RETURNING id",
        )
        .bind(c.unit_id)
        .bind(&c.title)
        .bind(c.kind.code())
        .bind(&c.draft)
        .bind(&c.explanation)
        .bind(c.opens_on)
        .bind(c.closes_on)
        .bind(&c.short_reason)
        .bind(&c.contact)
        .bind(user)
        .bind(now)
        .fetch_one(&mut **x)
        .await
    })
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<ConsultRow>> {
    let sql = format!("SELECT {COLS} FROM interact_consultations WHERE id = $1");
    db.row_by(&sql, id).await
}

/// Consultations, newest first; `public`: only those already open or closed.
pub async fn list(
    db: &Db,
    units: Option<&[i64]>,
    public_on: Option<NaiveDate>,
    page: Page,
) -> sqlx::Result<(Vec<ConsultRow>, i64)> {
    let mut w = Where::new();
    w.in_units("unit_id", units);
    if let Some(d) = public_on {
        w.push("opens_on <= ?", crate::db::Arg::Date(d));
    }
    page_where(
        db,
        COLS,
        "interact_consultations",
        &w,
        "opens_on DESC, id DESC",
        page,
    )
    .await
}

pub async fn comments(db: &Db, id: i64) -> sqlx::Result<Vec<CommentRow>> {
    let sql = format!(
        "SELECT {COMMENT_COLS} FROM interact_comments WHERE consultation_id = $1 ORDER BY article, id"
    );
    db.rows_by(&sql, id).await
}

/// The comments of several consultations by consultation: one query for a list
/// (no query per item).
pub async fn comments_of(
    db: &Db,
    ids: &[i64],
) -> sqlx::Result<std::collections::HashMap<i64, Vec<CommentRow>>> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let sql = format!(
        "SELECT {COMMENT_COLS} FROM interact_comments WHERE consultation_id IN ({}) ORDER BY article, id",
        crate::db::id_list(ids)
    );
    Ok(crate::db::grouped(
        db.rows_once(&sql).await?,
        |c: &CommentRow| c.consultation_id,
    ))
}

/// Comments from `phone` on consultation `id` (a double submit).
pub async fn comments_from(db: &Db, id: i64, phone: &str) -> sqlx::Result<Vec<CommentRow>> {
    let sql = format!(
        "SELECT {COMMENT_COLS} FROM interact_comments WHERE consultation_id = $1 AND phone = $2 ORDER BY id"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(id)
        .bind(phone)
        .fetch_all(p)
        .await)
}

/// A comment as submitted.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub article: Option<i64>,
    pub passage: String,
    pub content: String,
    pub masked_content: String,
    pub name: String,
    pub phone: String,
}

pub async fn insert_comment(tx: &mut Tx, id: i64, c: &NewComment) -> sqlx::Result<i64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO interact_comments (consultation_id, article, passage, content, masked_content, name,
               phone, created_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
        )
        .bind(id)
        .bind(c.article)
        .bind(&c.passage)
        .bind(&c.content)
        .bind(&c.masked_content)
        .bind(&c.name)
        .bind(&c.phone)
        .bind(now)
        .fetch_one(&mut **x)
        .await
    })
}

pub async fn decide(
    tx: &mut Tx,
    consult: i64,
    comment: i64,
    d: Decision,
    reason: &str,
) -> sqlx::Result<u64> {
    with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE interact_comments SET decision = $1, reason = $2 WHERE id = $3 AND consultation_id = $4",
        )
        .bind(d.code())
        .bind(reason)
        .bind(comment)
        .bind(consult)
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })
}

/// Publish the adoption feedback (once).
pub async fn publish_feedback(
    tx: &mut Tx,
    id: i64,
    feedback: &str,
    on: NaiveDate,
    document_id: Option<i64>,
) -> sqlx::Result<u64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE interact_consultations SET feedback = $1, feedback_on = $2, document_id = $3, updated_at = $4
             WHERE id = $5 AND feedback_on IS NULL",
        )
        .bind(feedback)
        .bind(on)
        .bind(document_id)
        .bind(now)
        .bind(id)
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })
}
