//! Query log and synonyms in the back office, to tune search.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Duration;

use crate::auth::Staff;
use crate::db::Db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};
use crate::with_db;
use crate::with_tx;

/// Queries searched on this node and not yet written to the log: a search answers
/// without writing to the database; [`flush_log`] writes them in one transaction
/// (every 2 seconds, when 256 are waiting, and before the log is read or a click
/// is recorded). Holds at most 10 000 (more are not logged).
#[derive(Default)]
pub struct PendingLog(
    std::sync::Mutex<Vec<PendingQuery>>,
    /// One flush at a time: a flush returns only after the rows taken before it are
    /// written (a click recorded after it finds its query).
    tokio::sync::Mutex<()>,
);

/// A query waiting for the log: as typed, its type, results, when.
type PendingQuery = (String, String, usize, chrono::DateTime<chrono::Utc>);

const PENDING_MAX: usize = 10_000;
const FLUSH_AT: usize = 256;

/// Log a query (de-identified when written: a phone number or ID typed into the
/// box never reaches the log). Search must not fail for it.
pub fn log_query(state: &AppState, q: &str, kind: &str, results: usize) {
    let pending = state.part::<PendingLog>();
    let n = match pending.0.lock() {
        Ok(mut v) if v.len() < PENDING_MAX => {
            v.push((
                q.chars().take(200).collect(),
                kind.to_string(),
                results,
                crate::clock::now(),
            ));
            v.len()
        }
        _ => return,
    };
    if n == FLUSH_AT {
        let state = state.clone();
        tokio::spawn(async move { flush_log(&state).await });
    }
}

/// Write the waiting queries to `search_log`, de-identified, in one transaction.
pub async fn flush_log(state: &AppState) {
    let pending = state.part::<PendingLog>();
    let _one = pending.1.lock().await;
    let rows = match pending.0.lock() {
        Ok(mut v) => std::mem::take(&mut *v),
        Err(_) => return,
    };
    if rows.is_empty() {
        return;
    }
    let write = async {
        let mut tx = state.db.begin().await?;
        for (q, kind, results, at) in &rows {
            let masked = redact::redact(q, &crate::names_model::options()).text;
            // No control characters (PostgreSQL text cannot hold NUL, and one bad row
            // would lose the batch).
            let masked: String = masked
                .chars()
                .filter(|c| !c.is_control())
                .take(100)
                .collect();
            with_tx!(&mut tx, |x| {
                sqlx::query(
                    "INSERT INTO search_log (query, kind, results, at) VALUES ($1, $2, $3, $4)",
                )
                .bind(&masked)
                .bind(kind)
                .bind(*results as i64)
                .bind(*at)
                .execute(&mut **x)
                .await
                .map(|r| r.rows_affected())
            })?;
        }
        tx.commit().await
    };
    let r: sqlx::Result<()> = write.await;
    if let Err(e) = r {
        tracing::warn!(error = %e, "search log write failed");
    }
}

/// Record a click-through on a result (the most recent logged row of that query).
pub async fn log_click(db: &Db, q: &str, url: &str) {
    let masked = redact::redact(q, &crate::names_model::options()).text;
    let r: sqlx::Result<u64> = with_db!(db, |p| {
        sqlx::query(
            "UPDATE search_log SET clicked = $1 WHERE id = (SELECT MAX(id) FROM search_log WHERE query = $2)",
        )
        .bind(url)
        .bind(&masked)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
    });
    if let Err(e) = r {
        tracing::warn!(error = %e, "search click log failed");
    }
}

pub async fn synonyms(db: &Db) -> sqlx::Result<BTreeMap<String, String>> {
    let rows: Vec<(String, String)> = with_db!(db, |p| {
        sqlx::query_as("SELECT term, expands_to FROM search_synonyms ORDER BY term")
            .fetch_all(p)
            .await
    })?;
    Ok(rows.into_iter().collect())
}

/// The dictionary in use: the built-in entries overlaid by the administrators'.
pub async fn effective_synonyms(db: &Db) -> sqlx::Result<BTreeMap<String, String>> {
    let mut map = search::default_synonyms();
    map.extend(synonyms(db).await?);
    map.retain(|_, v| !v.is_empty());
    Ok(map)
}

type Stat = (String, i64, i64);

#[derive(Template)]
#[template(path = "sitesearch/templates/admin.html")]
struct AdminPage {
    layout: Layout,
    top: Vec<Stat>,
    zero: Vec<Stat>,
    text: String,
    saved: bool,
    /// Items in this node's index, its generation, and whether a rebuild runs.
    items: u64,
    generation: String,
    building: bool,
    rebuild_started: bool,
}

async fn stats(db: &Db, zero: bool) -> sqlx::Result<Vec<Stat>> {
    let since = crate::clock::now() - Duration::days(30);
    let sql = format!(
        "SELECT query, COUNT(*), COUNT(clicked) FROM search_log WHERE at >= $1{} GROUP BY query ORDER BY COUNT(*) DESC, query LIMIT 30",
        if zero { " AND results = 0" } else { "" }
    );
    with_db!(db, |p| {
        sqlx::query_as(&sql).bind(since).fetch_all(p).await
    })
}

pub async fn page(
    State(state): State<AppState>,
    layout: Layout,
    q: axum::extract::Query<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    flush_log(&state).await;
    let map = effective_synonyms(&state.db).await?;
    let (items, generation, building) = match crate::sitesearch::index(&state) {
        Some(s) => {
            let g = s.current();
            (g.index.len(), g.name.clone(), s.building())
        }
        None => (0, String::new(), false),
    };
    render(&AdminPage {
        items,
        generation,
        building,
        rebuild_started: q.contains_key("rebuilding"),
        layout,
        top: stats(&state.db, false).await?,
        zero: stats(&state.db, true).await?,
        text: map.iter().map(|(k, v)| format!("{k}={v}\n")).collect(),
        saved: q.contains_key("saved"),
    })
}

/// Save the dictionary (`词=扩展为` per line; an empty right side removes a built-in one).
pub async fn save(
    State(state): State<AppState>,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let text = fields.get("synonyms");
    let mut map = search::parse_synonyms(&text).map_err(|e| AppError::field("synonyms", &e))?;
    // Built-in entries left out of the text are switched off (stored with an empty expansion).
    for k in search::default_synonyms().keys() {
        map.entry(k.clone()).or_default();
    }
    super::service::save_synonyms(&state.db, &user.actor(), &map).await?;
    if let Some(s) = crate::sitesearch::index(&state) {
        s.current()
            .index
            .set_synonyms(effective_synonyms(&state.db).await?);
    }
    Ok(Redirect::to("/admin/search?saved=1").into_response())
}

/// Rebuild this node's index from the database in the background; searches go on
/// from the current index until the new one is switched in.
pub async fn rebuild(
    State(state): State<AppState>,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let Some(s) = crate::sitesearch::index(&state) else {
        return Err(AppError::Conflict("搜索服务正在启动，请稍后再试".into()));
    };
    if s.building() {
        return Err(AppError::Conflict("索引正在重建，请稍后再试".into()));
    }
    super::service::rebuild_requested(&state.db, &user.actor()).await?;
    let db = state.db.clone();
    tokio::spawn(async move {
        match super::reindex(&db, &s).await {
            Ok(n) => tracing::info!(search.items = n, "search index rebuilt"),
            Err(e) => tracing::warn!(error = %e, "search index rebuild failed"),
        }
    });
    Ok(Redirect::to("/admin/search?rebuilding=1").into_response())
}
