//! Queries for the public and back-office document lists and the public facets.

use chrono::NaiveDate;

use super::model::{Column, DocState, Genre, Validity};
use super::store::{DOC_COLS, DocRow, PUBLIC};
use crate::db::{Arg, Db, Page, Where, id_list};
use crate::with_db;

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
/// proactively disclosed documents are ever public ([`PUBLIC`]).
fn public_where(f: &PublicFilter, topic_ids: &[i64], today: NaiveDate) -> Where {
    let mut w = Where::new();
    w.raw(PUBLIC);
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

/// Totals of the public list per filter, for the state of the data they were
/// counted in (the page cache's generation): the exact `COUNT(*)` is the main cost
/// of a list page at 100k documents, and every page of a filter has the same one.
#[derive(Default)]
pub struct CountCache(std::sync::Mutex<std::collections::HashMap<String, (u64, i64)>>);

impl CountCache {
    fn get(&self, key: &str, generation: u64) -> Option<i64> {
        let m = self.0.lock().ok()?;
        m.get(key)
            .filter(|(g, _)| *g == generation)
            .map(|(_, n)| *n)
    }

    fn put(&self, key: String, generation: u64, total: i64) {
        if let Ok(mut m) = self.0.lock() {
            if m.len() >= 4096 || m.values().next().is_some_and(|(g, _)| *g != generation) {
                m.clear();
            }
            m.insert(key, (generation, total));
        }
    }
}

/// [`list_public`] with the total taken from `counts` when this filter was counted
/// in `generation` (and counted and kept otherwise).
pub async fn list_public_counted(
    db: &Db,
    f: &PublicFilter,
    topic_ids: &[i64],
    page: Page,
    today: NaiveDate,
    counts: &CountCache,
    generation: u64,
) -> sqlx::Result<(Vec<DocRow>, i64)> {
    let w = public_where(f, topic_ids, today);
    let key = format!(
        "{:?}|{:?}|{today}",
        PublicFilter {
            page: None,
            ..f.clone()
        },
        topic_ids
    );
    let known = counts.get(&key, generation);
    let (rows, total) = crate::db::page_where_known(
        db,
        DOC_COLS,
        "documents",
        &w,
        "published_on DESC, id DESC",
        page,
        known,
    )
    .await?;
    if known.is_none() {
        counts.put(key, generation, total);
    }
    Ok((rows, total))
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
    let sql = format!(
        "SELECT DISTINCT published_on FROM documents WHERE {PUBLIC} AND column_kind = 'general'"
    );
    let dates: Vec<Option<NaiveDate>> =
        with_db!(db, |p| { sqlx::query_scalar(&sql).fetch_all(p).await })?;
    let mut years: Vec<i32> = dates
        .into_iter()
        .flatten()
        .map(|d| chrono::Datelike::year(&d))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let sql =
        format!("SELECT DISTINCT issuer_name FROM documents WHERE {PUBLIC} ORDER BY issuer_name");
    let issuers: Vec<String> = with_db!(db, |p| { sqlx::query_scalar(&sql).fetch_all(p).await })?;
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
    db.rows(&sql).await
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
