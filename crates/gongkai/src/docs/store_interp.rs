//! Queries for 政策解读 (one interpretation per document).

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::model::InterpState;
use crate::clock::now;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct InterpRow {
    pub id: i64,
    pub document_id: i64,
    pub title: String,
    pub form: String,
    pub body: String,
    pub state: InterpState,
    pub author_id: Option<i64>,
    pub approved_by: Option<i64>,
    pub published_at: Option<DateTime<Utc>>,
}

impl InterpRow {
    pub fn state(&self) -> InterpState {
        self.state
    }
}

const INTERP_COLS: &str =
    "id, document_id, title, form, body, state, author_id, approved_by, published_at";

pub async fn interpretation_of(db: &Db, document_id: i64) -> sqlx::Result<Option<InterpRow>> {
    let sql = format!("SELECT {INTERP_COLS} FROM interpretations WHERE document_id = $1");
    db.row_by(&sql, document_id).await
}

pub async fn get_interpretation(db: &Db, id: i64) -> sqlx::Result<InterpRow> {
    let sql = format!("SELECT {INTERP_COLS} FROM interpretations WHERE id = $1");
    with_db!(db, |p| sqlx::query_as(&sql).bind(id).fetch_one(p).await)
}

/// Create or replace the interpretation of a document; any edit needs approval again.
pub async fn save_interpretation(
    tx: &mut Tx,
    document_id: i64,
    title: &str,
    form: &str,
    body: &str,
    author_id: Option<i64>,
) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO interpretations (document_id, title, form, body, state, author_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'draft', $5, $6, $6) \
             ON CONFLICT (document_id) DO UPDATE SET title = excluded.title, form = excluded.form, body = excluded.body, \
             state = 'draft', approved_by = NULL, author_id = excluded.author_id, updated_at = excluded.updated_at RETURNING id",
        )
        .bind(document_id)
        .bind(title)
        .bind(form)
        .bind(body)
        .bind(author_id)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

pub async fn approve_interpretation(tx: &mut Tx, id: i64, reviewer: i64) -> sqlx::Result<bool> {
    let t = now();
    let n = with_tx!(tx, |c| {
        sqlx::query("UPDATE interpretations SET state = 'approved', approved_by = $1, updated_at = $2 WHERE id = $3 AND state = 'draft'")
            .bind(reviewer)
            .bind(t)
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// The media of an interpretation changed: an approved one goes back to draft, with
/// `editor` as its author (who may not approve it). Run in the changing transaction.
pub async fn reopen_interpretation(tx: &mut Tx, document_id: i64, editor: i64) -> sqlx::Result<()> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE interpretations SET state = 'draft', approved_by = NULL, author_id = $1, updated_at = $2 \
             WHERE document_id = $3 AND state IN ('draft', 'approved')",
        )
        .bind(editor)
        .bind(t)
        .bind(document_id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// One line of the public 政策解读 list: the interpretation and its document.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicInterpItem {
    pub id: i64,
    pub title: String,
    pub document_id: i64,
    pub doc_title: String,
    pub published_on: Option<chrono::NaiveDate>,
}

/// Published interpretations of public documents, newest document first, one page
/// of them and the total (the 政策解读 list and the home page).
pub async fn list_public_interpretations(
    db: &Db,
    page: crate::db::Page,
) -> sqlx::Result<(Vec<PublicInterpItem>, i64)> {
    let mut w = crate::db::Where::new();
    w.raw("i.state = 'published' AND d.state = 'published' AND d.disclosure = 'proactive'");
    crate::db::page_where(
        db,
        "i.id AS id, i.title AS title, d.id AS document_id, d.title AS doc_title, d.published_on AS published_on",
        "interpretations i JOIN documents d ON d.id = i.document_id",
        &w,
        "d.published_on DESC, i.id DESC",
        page,
    )
    .await
}
