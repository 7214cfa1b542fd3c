//! Queries for documents, interpretations, topics and 索引号 counters.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::model::{Column, DocState, Genre, IndexNo, InterpState, Validity};
use crate::clock::now;
use crate::db::{Arg, Db, Page, Tx, Where};
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
}

pub const DOC_COLS: &str = "id, title, issuer_unit_id, issuer_name, disclosure, disclosure_ground, index_no, doc_no, \
    written_on, published_on, genre, topic_id, column_kind, normative, provisional, effective_on, valid_until, \
    validity_reason, validity, validity_decision, replaced_by, needs_interpretation, body, state, review_note, \
    withdraw_reason, withdraw_public, author_id, reviewer_id, created_at, updated_at, published_at, publish_at, conversion_due";

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

/// Everything a document form sets (validated by `super::form`).
#[derive(Debug, Clone, Default)]
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
             validity_reason, validity, needs_interpretation, body, state, author_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $23) \
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

pub async fn update(tx: &mut Tx, id: i64, d: &DocInput) -> sqlx::Result<()> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE documents SET title = $1, issuer_unit_id = $2, issuer_name = $3, disclosure = $4, disclosure_ground = $5, \
             doc_no = $6, written_on = $7, published_on = $8, genre = $9, topic_id = $10, column_kind = $11, normative = $12, \
             provisional = $13, effective_on = $14, valid_until = $15, validity_reason = $16, \
             validity = CASE WHEN $12 THEN COALESCE(validity, 'valid') ELSE NULL END, needs_interpretation = $17, body = $18, \
             updated_at = $19 WHERE id = $20",
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
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<DocRow> {
    let sql = format!("SELECT {DOC_COLS} FROM documents WHERE id = $1");
    with_db!(db, |p| sqlx::query_as(&sql).bind(id).fetch_one(p).await)
}

pub async fn find_by_index_no(db: &Db, index_no: &str) -> sqlx::Result<Option<DocRow>> {
    let sql = format!("SELECT {DOC_COLS} FROM documents WHERE index_no = $1");
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(index_no)
        .fetch_optional(p)
        .await)
}

/// Move a document from one state to another; `false` when it was not in `from`.
pub async fn transition(
    tx: &mut Tx,
    id: i64,
    from: DocState,
    to: DocState,
    note: Option<&str>,
) -> sqlx::Result<bool> {
    let t = now();
    let n = with_tx!(tx, |c| {
        sqlx::query("UPDATE documents SET state = $1, review_note = $2, updated_at = $3 WHERE id = $4 AND state = $5")
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
            "UPDATE documents SET validity = $1, validity_decision = $2, replaced_by = $3, updated_at = $4 \
             WHERE id = $5 AND normative = TRUE",
        )
        .bind(v.code())
        .bind(decision)
        .bind(replaced_by)
        .bind(t)
        .bind(id)
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
    with_db!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)
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
    with_db!(db, |p| sqlx::query_as(&sql).bind(t).fetch_all(p).await)
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
    with_db!(db, |p| sqlx::query_as(&sql).bind(today).fetch_all(p).await)
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

// ---- lists ---------------------------------------------------------------------------

/// Filters of the public lists and the API.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct PublicFilter {
    /// 发布年份
    pub year: Option<i32>,
    /// 主题分类 id (includes its sub-topics)
    pub topic: Option<i64>,
    /// 体裁 code
    pub genre: Option<String>,
    /// 发文机构
    pub issuer: Option<String>,
    /// 有效性 code: valid, expired, repealed, amended
    pub validity: Option<String>,
    /// Column: general (default), guide, rules, annual_report
    pub column: Option<String>,
    pub page: Option<i64>,
}

/// The WHERE clause and its arguments for the public list. Only published,
/// proactively disclosed documents are ever public.
fn public_where(f: &PublicFilter, topic_ids: &[i64], today: NaiveDate) -> Where {
    let mut w = Where::new();
    w.raw("state = 'published'");
    w.raw("disclosure = 'proactive'");
    let column = f
        .column
        .as_deref()
        .and_then(Column::parse)
        .unwrap_or(Column::General);
    w.push("column_kind = ?", Arg::Text(column.code().into()));
    if let Some(y) = f.year
        && let (Some(a), Some(b)) = (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        )
    {
        w.push("published_on >= ?", Arg::Date(a));
        w.push("published_on <= ?", Arg::Date(b));
    }
    if f.topic.is_some() {
        w.raw(format!("topic_id IN ({})", id_list(topic_ids)));
    }
    if let Some(g) = f.genre.as_deref().and_then(Genre::parse) {
        w.push("genre = ?", Arg::Text(g.code().into()));
    }
    if let Some(i) = f.issuer.as_deref().filter(|s| !s.trim().is_empty()) {
        w.push("issuer_name = ?", Arg::Text(i.trim().into()));
    }
    match f.validity.as_deref().and_then(Validity::parse) {
        Some(Validity::Valid) => w.push("normative = TRUE AND validity = 'valid' AND valid_until >= ?", Arg::Date(today)),
        Some(Validity::Expired) => {
            w.push("normative = TRUE AND (validity = 'expired' OR (validity = 'valid' AND valid_until < ?))", Arg::Date(today))
        }
        Some(v) => w.push("normative = TRUE AND validity = ?", Arg::Text(v.code().into())),
        None => {}
    }
    w
}

pub async fn list_public(
    db: &Db,
    f: &PublicFilter,
    topic_ids: &[i64],
    page: Page,
    today: NaiveDate,
) -> sqlx::Result<(Vec<DocRow>, i64)> {
    let w = public_where(f, topic_ids, today);
    crate::db::page_where(
        db,
        DOC_COLS,
        "documents",
        &w,
        "published_on DESC, id DESC",
        page,
    )
    .await
}

/// Facets cached in memory for a minute: reading them scans every public
/// document, too slow to do on each list request at 100k documents.
#[derive(Default)]
pub struct FacetCache(std::sync::Mutex<Option<(std::time::Instant, Facets)>>);

/// Years and issuers that have public documents.
pub type Facets = (Vec<i32>, Vec<String>);

impl FacetCache {
    pub async fn get(&self, db: &Db) -> sqlx::Result<Facets> {
        if let Ok(guard) = self.0.lock()
            && let Some((at, f)) = guard.as_ref()
            && at.elapsed() < std::time::Duration::from_secs(60)
        {
            return Ok(f.clone());
        }
        let f = public_facets(db).await?;
        if let Ok(mut guard) = self.0.lock() {
            *guard = Some((std::time::Instant::now(), f.clone()));
        }
        Ok(f)
    }
}

/// Facet values for the public list: years and issuers that have documents.
pub async fn public_facets(db: &Db) -> sqlx::Result<(Vec<i32>, Vec<String>)> {
    let dates: Vec<Option<NaiveDate>> = with_db!(db, |p| {
        sqlx::query_scalar(
            "SELECT DISTINCT published_on FROM documents WHERE state = 'published' AND disclosure = 'proactive' AND column_kind = 'general'",
        )
        .fetch_all(p)
        .await
    })?;
    let mut years: Vec<i32> = dates
        .into_iter()
        .flatten()
        .map(|d| chrono::Datelike::year(&d))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let issuers: Vec<String> = with_db!(db, |p| {
        sqlx::query_scalar(
            "SELECT DISTINCT issuer_name FROM documents WHERE state = 'published' AND disclosure = 'proactive' ORDER BY issuer_name",
        )
        .fetch_all(p)
        .await
    })?;
    Ok((years, issuers))
}

/// Back-office list: documents of the given units (None = all), by state.
pub async fn list_staff(
    db: &Db,
    units: Option<&[i64]>,
    state: Option<DocState>,
    page: Page,
) -> sqlx::Result<(Vec<DocRow>, i64)> {
    let mut conds: Vec<String> = Vec::new();
    if let Some(ids) = units {
        conds.push(format!("issuer_unit_id IN ({})", id_list(ids)));
    }
    if let Some(s) = state {
        conds.push(format!("state = '{}'", s.code()));
    }
    let clause = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    let sql = format!(
        "SELECT {DOC_COLS} FROM documents{clause} ORDER BY updated_at DESC, id DESC LIMIT $1 OFFSET $2"
    );
    let count_sql = format!("SELECT COUNT(*) FROM documents{clause}");
    with_db!(db, |p| {
        let rows = sqlx::query_as(&sql)
            .bind(page.size)
            .bind(page.offset())
            .fetch_all(p)
            .await?;
        let total: i64 = sqlx::query_scalar(&count_sql).fetch_one(p).await?;
        Ok((rows, total))
    })
}

/// Proactive documents not yet published (for the Art. 26 warning list).
pub async fn unpublished_proactive(db: &Db, units: Option<&[i64]>) -> sqlx::Result<Vec<DocRow>> {
    let unit_cond = units
        .map(|ids| format!(" AND issuer_unit_id IN ({})", id_list(ids)))
        .unwrap_or_default();
    let sql = format!(
        "SELECT {DOC_COLS} FROM documents WHERE disclosure = 'proactive' AND state IN ('draft', 'review') \
         AND written_on IS NOT NULL{unit_cond} ORDER BY written_on LIMIT 500"
    );
    with_db!(db, |p| sqlx::query_as(&sql).fetch_all(p).await)
}

/// Published normative documents valid until a day in [today, until].
pub async fn expiring(db: &Db, today: NaiveDate, until: NaiveDate) -> sqlx::Result<Vec<DocRow>> {
    let sql = format!(
        "SELECT {DOC_COLS} FROM documents WHERE normative = TRUE AND validity = 'valid' AND state = 'published' \
         AND valid_until >= $1 AND valid_until <= $2 ORDER BY valid_until LIMIT 500"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(today)
        .bind(until)
        .fetch_all(p)
        .await)
}

// ---- interpretations -----------------------------------------------------------------

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
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(document_id)
        .fetch_optional(p)
        .await)
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

// ---- topics --------------------------------------------------------------------------

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Topic {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
}

pub async fn topics(db: &Db) -> sqlx::Result<Vec<Topic>> {
    with_db!(db, |p| sqlx::query_as(
        "SELECT id, parent_id, name FROM topics ORDER BY sort_order, id"
    )
    .fetch_all(p)
    .await)
}

/// Find or create a topic by its path (`市场监管、安全生产监管\工商`).
pub async fn topic_by_path(tx: &mut Tx, path: &str) -> sqlx::Result<Option<i64>> {
    let mut parent: Option<i64> = None;
    for (i, name) in path
        .split(['\\', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .enumerate()
    {
        let existing: Option<i64> = with_tx!(tx, |c| {
            sqlx::query_scalar(
                "SELECT id FROM topics WHERE name = $1 AND COALESCE(parent_id, 0) = $2",
            )
            .bind(name)
            .bind(parent.unwrap_or(0))
            .fetch_optional(&mut **c)
            .await
        })?;
        let id = match existing {
            Some(id) => id,
            None => with_tx!(tx, |c| {
                sqlx::query_scalar("INSERT INTO topics (parent_id, name, sort_order) VALUES ($1, $2, $3) RETURNING id")
                    .bind(parent)
                    .bind(name)
                    .bind(i as i64 * 1000)
                    .fetch_one(&mut **c)
                    .await
            })?,
        };
        parent = Some(id);
    }
    Ok(parent)
}

/// A topic and every topic below it.
pub fn topic_subtree(all: &[Topic], root: i64) -> Vec<i64> {
    let mut out = vec![root];
    let mut i = 0;
    while i < out.len() {
        let cur = out[i];
        out.extend(
            all.iter()
                .filter(|t| t.parent_id == Some(cur))
                .map(|t| t.id),
        );
        i += 1;
        if out.len() > all.len() + 1 {
            break;
        }
    }
    out
}

/// `上级\下级` for display.
pub fn topic_path(all: &[Topic], id: Option<i64>) -> String {
    let mut parts = Vec::new();
    let mut cur = id;
    let mut guard = 0;
    while let Some(i) = cur {
        let Some(t) = all.iter().find(|t| t.id == i) else {
            break;
        };
        parts.push(t.name.clone());
        cur = t.parent_id;
        guard += 1;
        if guard > 10 {
            break;
        }
    }
    parts.reverse();
    parts.join(" › ")
}

/// The national 主题分类 of the gov.cn policy library (top level).
pub const NATIONAL_TOPICS: [&str; 22] = [
    "国务院组织机构",
    "综合政务",
    "国民经济管理、国有资产监管",
    "财政、金融、审计",
    "国土资源、能源",
    "农业、林业、水利",
    "工业、交通",
    "商贸、海关、旅游",
    "市场监管、安全生产监管",
    "城乡建设、环境保护",
    "科技、教育",
    "文化、广电、新闻出版",
    "卫生、体育",
    "人口与计划生育、妇女儿童工作",
    "劳动、人事、监察",
    "公安、安全、司法",
    "民政、扶贫、救灾",
    "民族、宗教",
    "对外事务",
    "港澳台侨工作",
    "国防",
    "其他",
];

pub async fn seed_topics(db: &Db) -> sqlx::Result<()> {
    let n: i64 = with_db!(db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM topics")
        .fetch_one(p)
        .await)?;
    if n > 0 {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for (i, name) in NATIONAL_TOPICS.iter().enumerate() {
        with_tx!(&mut tx, |c| {
            sqlx::query("INSERT INTO topics (parent_id, name, sort_order) VALUES (NULL, $1, $2)")
                .bind(*name)
                .bind(i as i64)
                .execute(&mut **c)
                .await
                .map(|r| r.rows_affected())
        })?;
    }
    tx.commit().await
}
