//! Queries for 索引号 counters, the edition history of published documents and
//! their pending (not yet approved) revisions.

use chrono::{DateTime, Utc};

use super::model::IndexNo;
use super::store::DocRow;
use crate::clock::now;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

/// Take the next 索引号 for an organisation and year.
pub async fn next_index_no(tx: &mut Tx, org_code: &str, year: i32) -> sqlx::Result<IndexNo> {
    let seq: i64 = with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO index_counters (org_code, year, last) VALUES ($1, $2, 1) \
             ON CONFLICT (org_code, year) DO UPDATE SET last = index_counters.last + 1 RETURNING last",
        )
        .bind(org_code)
        .bind(i64::from(year))
        .fetch_one(&mut **c)
        .await
    })?;
    Ok(IndexNo::new(
        org_code,
        year,
        u32::try_from(seq).unwrap_or(u32::MAX),
    ))
}

/// Record that an imported 索引号 is taken, so generated ones come after it.
pub async fn note_index_no(tx: &mut Tx, i: &IndexNo) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO index_counters (org_code, year, last) VALUES ($1, $2, $3) \
             ON CONFLICT (org_code, year) DO UPDATE SET last = \
             CASE WHEN excluded.last > index_counters.last THEN excluded.last ELSE index_counters.last END",
        )
        .bind(&i.org_code)
        .bind(i64::from(i.year))
        .bind(i64::from(i.seq))
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn add_edition(
    tx: &mut Tx,
    doc: &DocRow,
    note: &str,
    minor: bool,
    author_id: Option<i64>,
) -> sqlx::Result<i64> {
    let next: i64 = with_tx!(tx, |c| {
        sqlx::query_scalar(
            "SELECT COALESCE(MAX(edition), 0) + 1 FROM document_editions WHERE document_id = $1",
        )
        .bind(doc.id)
        .fetch_one(&mut **c)
        .await
    })?;
    let snapshot = serde_json::to_string(doc).unwrap_or_default();
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO document_editions (document_id, edition, change_note, minor, snapshot, author_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(doc.id)
        .bind(next)
        .bind(note)
        .bind(minor)
        .bind(&snapshot)
        .bind(author_id)
        .bind(t)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(next)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Edition {
    pub edition: i64,
    pub change_note: String,
    pub minor: bool,
    pub created_at: DateTime<Utc>,
}

impl Edition {
    pub fn when(&self) -> String {
        crate::clock::fmt_local(&self.created_at)
    }
}

pub async fn editions(db: &Db, document_id: i64) -> sqlx::Result<Vec<Edition>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT edition, change_note, minor, created_at FROM document_editions WHERE document_id = $1 ORDER BY edition")
            .bind(document_id)
            .fetch_all(p)
            .await
    })
}

/// Change a 索引号 (administrators only; the caller checks that it is free).
pub async fn set_index_no(tx: &mut Tx, id: i64, index_no: &IndexNo) -> sqlx::Result<()> {
    note_index_no(tx, index_no).await?;
    with_tx!(tx, |c| {
        sqlx::query("UPDATE documents SET index_no = $1, updated_at = $2 WHERE id = $3")
            .bind(index_no.to_string())
            .bind(now())
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// A pending revision of a published document: the new fields as JSON, waiting for
/// a reviewer. The published row is untouched until the revision is approved.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Revision {
    pub id: i64,
    pub document_id: i64,
    pub input: String,
    pub change_note: String,
    pub minor: bool,
    pub editor_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl Revision {
    /// The revised fields (`None` when the stored JSON cannot be read).
    pub fn input(&self) -> Option<super::store::DocInput> {
        serde_json::from_str(&self.input).ok()
    }
}

pub async fn pending_revision(db: &Db, document_id: i64) -> sqlx::Result<Option<Revision>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, document_id, input, change_note, minor, editor_id, created_at \
             FROM document_revisions WHERE document_id = $1",
        )
        .bind(document_id)
        .fetch_optional(p)
        .await
    })
}

/// Store the pending revision of a document, replacing an earlier one (which gets
/// a new id, so an approval of the earlier one no longer matches).
pub async fn save_revision(
    tx: &mut Tx,
    document_id: i64,
    input: &super::store::DocInput,
    note: &str,
    minor: bool,
    editor_id: i64,
) -> sqlx::Result<i64> {
    let json = serde_json::to_string(input).unwrap_or_default();
    with_tx!(tx, |c| {
        sqlx::query("DELETE FROM document_revisions WHERE document_id = $1")
            .bind(document_id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO document_revisions (document_id, input, change_note, minor, editor_id, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(document_id)
        .bind(&json)
        .bind(note)
        .bind(minor)
        .bind(editor_id)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

/// Remove a pending revision by id; `false` when it is no longer the pending one.
pub async fn delete_revision(tx: &mut Tx, id: i64) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |c| {
        sqlx::query("DELETE FROM document_revisions WHERE id = $1")
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// When each revised document's latest revision was published (editions after the
/// first), for the `updated` dates of the Atom feed and the sitemap.
pub async fn last_revisions(
    db: &Db,
) -> sqlx::Result<std::collections::HashMap<i64, DateTime<Utc>>> {
    let rows: Vec<(i64, DateTime<Utc>)> = with_db!(db, |p| {
        sqlx::query_as(
            "SELECT document_id, MAX(created_at) FROM document_editions WHERE edition > 1 GROUP BY document_id",
        )
        .fetch_all(p)
        .await
    })?;
    Ok(rows.into_iter().collect())
}
