//! Queries for documents: rows, insert/update, state changes, change records,
//! scheduling, 转化公开 and validity. Interpretations, topics, lists, editions and
//! 索引号 counters live in the `store_*` files beside this one and are re-exported
//! here, so callers keep using `store::X`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::model::{Column, DocState, Genre, Validity};
use crate::clock::now;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct DocRow {
    pub id: i64,
    pub title: String,
    pub issuer_unit_id: Option<i64>,
    pub issuer_name: String,
    pub disclosure: String,
    pub disclosure_ground: Option<String>,
    pub index_no: String,
    pub doc_no: Option<String>,
    pub written_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    pub genre: Genre,
    pub topic_id: Option<i64>,
    pub column_kind: Column,
    pub normative: bool,
    pub provisional: bool,
    pub effective_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub validity_reason: Option<String>,
    pub validity: Option<String>,
    pub validity_decision: Option<String>,
    pub replaced_by: Option<i64>,
    pub needs_interpretation: bool,
    pub body: String,
    pub state: DocState,
    pub review_note: Option<String>,
    pub withdraw_reason: Option<String>,
    pub withdraw_public: bool,
    pub author_id: Option<i64>,
    pub reviewer_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    pub publish_at: Option<DateTime<Utc>>,
    pub conversion_due: Option<NaiveDate>,
    /// Who changed the fields or attachments last (the author on creation): counts
    /// as an author for the four-eyes rule.
    pub last_editor_id: Option<i64>,
}

pub const DOC_COLS: &str = "id, title, issuer_unit_id, issuer_name, disclosure, disclosure_ground, index_no, doc_no, \
    written_on, published_on, genre, topic_id, column_kind, normative, provisional, effective_on, valid_until, \
    validity_reason, validity, validity_decision, replaced_by, needs_interpretation, body, state, review_note, \
    withdraw_reason, withdraw_public, author_id, reviewer_id, created_at, updated_at, published_at, publish_at, conversion_due, last_editor_id";

/// Which documents are public, as a condition on the unqualified columns of
/// `documents`: published and proactively disclosed (the public lists, their
/// facets, site search). A superseded document stays readable at its address
/// (`portal::is_public`) but leaves the lists.
pub const PUBLIC: &str = "state = 'published' AND disclosure = 'proactive'";

/// Which interpretations are public, as a condition on the unqualified columns of
/// `interpretations`: published ones (an approved one waits to be published with its
/// document). Shown with their document only when that document is public.
pub const PUBLIC_INTERPRETATION: &str = "state = 'published'";

impl DocRow {
    pub fn state(&self) -> DocState {
        self.state
    }
    pub fn genre(&self) -> Genre {
        self.genre
    }
    pub fn column(&self) -> Column {
        self.column_kind
    }
    /// This document with the fields of `d` (a revision as it will be published).
    pub fn with_input(&self, d: &DocInput) -> DocRow {
        let mut r = self.clone();
        r.title = d.title.clone();
        r.issuer_unit_id = d.issuer_unit_id;
        r.issuer_name = d.issuer_name.clone();
        r.disclosure = d.disclosure.clone();
        r.disclosure_ground = d.disclosure_ground.clone();
        r.doc_no = d.doc_no.clone();
        r.written_on = d.written_on;
        r.published_on = d.published_on;
        r.genre = Genre::parse(&d.genre).unwrap_or(self.genre);
        r.topic_id = d.topic_id;
        r.column_kind = Column::parse(&d.column_kind).unwrap_or(self.column_kind);
        r.normative = d.normative;
        r.provisional = d.provisional;
        r.effective_on = d.effective_on;
        r.valid_until = d.valid_until;
        r.validity_reason = d.validity_reason.clone();
        r.needs_interpretation = d.needs_interpretation;
        r.body = d.body.clone();
        r
    }

    /// The validity today, for normative documents.
    pub fn validity_today(&self, today: NaiveDate) -> Option<Validity> {
        if !self.normative {
            return None;
        }
        super::model::validity_on(
            self.validity.as_deref().and_then(Validity::parse),
            self.valid_until,
            today,
        )
    }
}

/// Everything a document form sets (validated by `super::form`); stored as JSON
/// for a pending revision.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct DocInput {
    pub title: String,
    pub issuer_unit_id: Option<i64>,
    pub issuer_name: String,
    pub disclosure: String,
    pub disclosure_ground: Option<String>,
    pub doc_no: Option<String>,
    pub written_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    pub genre: String,
    pub topic_id: Option<i64>,
    pub column_kind: String,
    pub normative: bool,
    pub provisional: bool,
    pub effective_on: Option<NaiveDate>,
    pub valid_until: Option<NaiveDate>,
    pub validity_reason: Option<String>,
    pub needs_interpretation: bool,
    pub body: String,
}

pub use super::store_editions::{
    Edition, Revision, add_edition, delete_revision, editions, last_revisions, next_index_no,
    note_index_no, pending_revision, save_revision, set_index_no,
};
pub use super::store_interp::{
    InterpRow, PublicInterpItem, approve_interpretation, get_interpretation, interpretation_of,
    list_public_interpretations, reopen_interpretation, save_interpretation,
};
pub use super::store_lists::{
    CountCache, FacetCache, Facets, PublicFilter, expiring, list_public, list_public_counted,
    list_staff, public_facets, unpublished_proactive,
};
pub use super::store_topics::{
    NATIONAL_TOPICS, Topic, create_topic, rename_topic, seed_topics, topic_by_path, topic_path,
    topic_subtree, topics,
};

pub async fn create(
    tx: &mut Tx,
    d: &DocInput,
    index_no: &str,
    author_id: Option<i64>,
    state: DocState,
) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO documents (title, issuer_unit_id, issuer_name, disclosure, disclosure_ground, index_no, doc_no, \
             written_on, published_on, genre, topic_id, column_kind, normative, provisional, effective_on, valid_until, \
             validity_reason, validity, needs_interpretation, body, state, author_id, last_editor_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22, $23, $23) \
             RETURNING id",
        )
        .bind(&d.title)
        .bind(d.issuer_unit_id)
        .bind(&d.issuer_name)
        .bind(&d.disclosure)
        .bind(&d.disclosure_ground)
        .bind(index_no)
        .bind(&d.doc_no)
        .bind(d.written_on)
        .bind(d.published_on)
        .bind(&d.genre)
        .bind(d.topic_id)
        .bind(&d.column_kind)
        .bind(d.normative)
        .bind(d.provisional)
        .bind(d.effective_on)
        .bind(d.valid_until)
        .bind(&d.validity_reason)
        .bind(d.normative.then_some("valid"))
        .bind(d.needs_interpretation)
        .bind(&d.body)
        .bind(state.code())
        .bind(author_id)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

/// Write a document's fields as changed by `editor` (its new last editor); `false`
/// when it was no longer in `expected` (a draft, or published for an approved
/// revision).
pub async fn update(
    tx: &mut Tx,
    id: i64,
    d: &DocInput,
    editor: Option<i64>,
    expected: DocState,
) -> sqlx::Result<bool> {
    let t = now();
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE documents SET title = $1, issuer_unit_id = $2, issuer_name = $3, disclosure = $4, disclosure_ground = $5, \
             doc_no = $6, written_on = $7, published_on = $8, genre = $9, topic_id = $10, column_kind = $11, normative = $12, \
             provisional = $13, effective_on = $14, valid_until = $15, validity_reason = $16, \
             validity = CASE WHEN $12 THEN COALESCE(validity, 'valid') ELSE NULL END, needs_interpretation = $17, body = $18, \
             updated_at = $19, last_editor_id = $21 WHERE id = $20 AND state = $22",
        )
        .bind(&d.title)
        .bind(d.issuer_unit_id)
        .bind(&d.issuer_name)
        .bind(&d.disclosure)
        .bind(&d.disclosure_ground)
        .bind(&d.doc_no)
        .bind(d.written_on)
        .bind(d.published_on)
        .bind(&d.genre)
        .bind(d.topic_id)
        .bind(&d.column_kind)
        .bind(d.normative)
        .bind(d.provisional)
        .bind(d.effective_on)
        .bind(d.valid_until)
        .bind(&d.validity_reason)
        .bind(d.needs_interpretation)
        .bind(&d.body)
        .bind(t)
        .bind(id)
        .bind(editor)
        .bind(expected.code())
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Mark `editor` as the last to change a draft (its attachments); `false` when it
/// is no longer a draft. Run in the transaction that makes the change.
pub async fn touch_draft(tx: &mut Tx, id: i64, editor: i64) -> sqlx::Result<bool> {
    let t = now();
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE documents SET last_editor_id = $1, updated_at = $2 WHERE id = $3 AND state = 'draft'",
        )
        .bind(editor)
        .bind(t)
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<DocRow> {
    let sql = format!("SELECT {DOC_COLS} FROM documents WHERE id = $1");
    with_db!(db, |p| sqlx::query_as(&sql).bind(id).fetch_one(p).await)
}

pub async fn find_by_index_no(db: &Db, index_no: &str) -> sqlx::Result<Option<DocRow>> {
    let sql = format!("SELECT {DOC_COLS} FROM documents WHERE index_no = $1");
    db.row_by(&sql, index_no).await
}

/// Move a document between draft and review; `false` when it was not in `from`.
/// Any approval for a set time is cancelled: a returned document is approved
/// afresh after its next submission.
pub async fn transition(
    tx: &mut Tx,
    id: i64,
    from: DocState,
    to: DocState,
    note: Option<&str>,
) -> sqlx::Result<bool> {
    let t = now();
    let n = with_tx!(tx, |c| {
        sqlx::query("UPDATE documents SET state = $1, review_note = $2, updated_at = $3, publish_at = NULL WHERE id = $4 AND state = $5")
            .bind(to.code())
            .bind(note)
            .bind(t)
            .bind(id)
            .bind(from.code())
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Publish: the document (and its approved interpretation, in the same
/// transaction and at the same instant).
pub async fn publish(
    tx: &mut Tx,
    id: i64,
    reviewer_id: i64,
    at: DateTime<Utc>,
    today: NaiveDate,
) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE documents SET state = 'published', reviewer_id = $1, published_at = $2, \
             published_on = COALESCE(published_on, $3), review_note = NULL, updated_at = $2 WHERE id = $4 AND state = 'review'",
        )
        .bind(reviewer_id)
        .bind(at)
        .bind(today)
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    if n != 1 {
        return Ok(false);
    }
    record_change(tx, id, "published", at).await?;
    with_tx!(tx, |c| {
        sqlx::query("UPDATE interpretations SET state = 'published', published_at = $1, updated_at = $1 WHERE document_id = $2 AND state = 'approved'")
            .bind(at)
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(true)
}

pub async fn withdraw(tx: &mut Tx, id: i64, reason: &str, public: bool) -> sqlx::Result<bool> {
    let t = now();
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE documents SET state = 'withdrawn', withdraw_reason = $1, withdraw_public = $2, updated_at = $3 \
             WHERE id = $4 AND state = 'published'",
        )
        .bind(reason)
        .bind(public)
        .bind(t)
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    if n == 1 {
        record_change(tx, id, "withdrawn", t).await?;
        with_tx!(tx, |c| {
            sqlx::query("UPDATE interpretations SET state = 'withdrawn', updated_at = $1 WHERE document_id = $2")
                .bind(t)
                .bind(id)
                .execute(&mut **c)
                .await
                .map(|r| r.rows_affected())
        })?;
    }
    Ok(n == 1)
}

/// Record 废止 (with the deciding document) or 已修改 (with the replacing one).
pub async fn set_validity(
    tx: &mut Tx,
    id: i64,
    v: Validity,
    decision: &str,
    replaced_by: Option<i64>,
) -> sqlx::Result<bool> {
    let t = now();
    record_change(tx, id, "updated", t).await?;
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE documents SET validity = $1, validity_decision = $2, replaced_by = $3, updated_at = $4, \
             validity_changed_on = $6 WHERE id = $5 AND normative = TRUE",
        )
        .bind(v.code())
        .bind(decision)
        .bind(replaced_by)
        .bind(t)
        .bind(id)
        .bind(crate::clock::today())
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// 已被新版本替代: the document leaves the lists (the new version takes its place)
/// but keeps its public address, which points to the replacement.
pub async fn supersede(tx: &mut Tx, id: i64, replacement: i64) -> sqlx::Result<bool> {
    let t = now();
    let n = with_tx!(tx, |c| {
        sqlx::query("UPDATE documents SET state = 'superseded', replaced_by = $1, updated_at = $2 WHERE id = $3 AND state = 'published'")
            .bind(replacement)
            .bind(t)
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    if n == 1 {
        record_change(tx, id, "superseded", t).await?;
    }
    Ok(n == 1)
}

/// Append a change record for the city-wide library (proactive documents only).
pub async fn record_change(
    tx: &mut Tx,
    id: i64,
    change: &str,
    at: DateTime<Utc>,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO document_changes (document_id, change, at)              SELECT id, $2, $3 FROM documents WHERE id = $1 AND disclosure = 'proactive'",
        )
        .bind(id)
        .bind(change)
        .bind(at)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChangeRow {
    pub seq: i64,
    pub document_id: i64,
    pub change: String,
    pub at: DateTime<Utc>,
}

pub use crate::db::id_list;

/// Change records after the cursor `since`, oldest first.
pub async fn changes_since(db: &Db, since: i64, limit: i64) -> sqlx::Result<Vec<ChangeRow>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT seq, document_id, change, at FROM document_changes WHERE seq > $1 ORDER BY seq LIMIT $2")
            .bind(since)
            .bind(limit)
            .fetch_all(p)
            .await
    })
}

/// Several documents by id in one query.
pub async fn get_many(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<DocRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {DOC_COLS} FROM documents WHERE id IN ({})",
        id_list(ids)
    );
    db.rows(&sql).await
}

/// A reviewer approves publication at a set time.
pub async fn schedule(
    tx: &mut Tx,
    id: i64,
    reviewer_id: i64,
    at: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |c| {
        sqlx::query("UPDATE documents SET publish_at = $1, reviewer_id = $2, updated_at = $3 WHERE id = $4 AND state = 'review'")
            .bind(at)
            .bind(reviewer_id)
            .bind(now())
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Documents approved for publication at a time that has come.
pub async fn due_scheduled(db: &Db, t: DateTime<Utc>) -> sqlx::Result<Vec<DocRow>> {
    let sql = format!(
        "SELECT {DOC_COLS} FROM documents WHERE state = 'review' AND publish_at IS NOT NULL AND publish_at <= $1          AND reviewer_id IS NOT NULL ORDER BY publish_at LIMIT 100"
    );
    db.rows_by(&sql, t).await
}

/// 转化公开: published documents not proactively disclosed (or never assessed)
/// whose review is due.
pub async fn conversion_queue(
    db: &Db,
    today: NaiveDate,
    units: Option<&[i64]>,
) -> sqlx::Result<Vec<DocRow>> {
    let unit_cond = units
        .map(|ids| format!(" AND issuer_unit_id IN ({})", id_list(ids)))
        .unwrap_or_default();
    let sql = format!(
        "SELECT {DOC_COLS} FROM documents WHERE state = 'published' AND disclosure <> 'proactive'          AND (conversion_due IS NULL OR conversion_due <= $1){unit_cond} ORDER BY written_on, id LIMIT 500"
    );
    db.rows_by(&sql, today).await
}

/// Record a 转化公开 decision: convert (the document becomes public) or keep with
/// a reason until the next review.
pub async fn decide_conversion(
    tx: &mut Tx,
    doc: &DocRow,
    convert: bool,
    reason: &str,
    next_review: Option<NaiveDate>,
    reviewer_id: i64,
    today: NaiveDate,
) -> sqlx::Result<()> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO conversion_reviews (document_id, decision, reason, next_review, reviewer_id, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(doc.id)
        .bind(if convert { "convert" } else { "keep" })
        .bind(reason)
        .bind(next_review)
        .bind(reviewer_id)
        .bind(t)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    if convert {
        with_tx!(tx, |c| {
            sqlx::query(
                "UPDATE documents SET disclosure = 'proactive', disclosure_ground = NULL, conversion_due = NULL,                  published_on = COALESCE(published_on, $1), updated_at = $2 WHERE id = $3",
            )
            .bind(today)
            .bind(t)
            .bind(doc.id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
        })?;
        record_change(tx, doc.id, "published", t).await?;
    } else {
        with_tx!(tx, |c| {
            sqlx::query("UPDATE documents SET conversion_due = $1, updated_at = $2 WHERE id = $3")
                .bind(next_review)
                .bind(t)
                .bind(doc.id)
                .execute(&mut **c)
                .await
                .map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// Documents converted to proactive disclosure in a year (for the annual report).
pub async fn conversions_in_year(db: &Db, year: i32) -> sqlx::Result<i64> {
    let (Some(a), Some(b)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year + 1, 1, 1),
    ) else {
        return Ok(0);
    };
    let start = a.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - chrono::Duration::hours(8);
    let end = b.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - chrono::Duration::hours(8);
    with_db!(db, |p| {
        sqlx::query_scalar("SELECT COUNT(*) FROM conversion_reviews WHERE decision = 'convert' AND at >= $1 AND at < $2")
            .bind(start)
            .bind(end)
            .fetch_one(p)
            .await
    })
}

/// The daily job: normative documents past 有效期至 become 失效.
pub async fn expire_lapsed(db: &Db, today: NaiveDate) -> sqlx::Result<u64> {
    with_db!(db, |p| {
        sqlx::query("UPDATE documents SET validity = 'expired' WHERE normative = TRUE AND validity = 'valid' AND valid_until < $1")
            .bind(today)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
    })
}
