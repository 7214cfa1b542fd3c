//! Search over everything public, fed from the database.
//!
//! Each node keeps its own index under `data_dir/search` (crates/search). It is built
//! from the database when empty, and kept in step by a per-node loop that reads the
//! document change feed (`document_changes`, the same cursor the city library pulls)
//! and the laws' import time every 30 seconds. Only public content is indexed:
//! published proactive documents, their published interpretations, and laws. Adding a
//! content type means one function returning `search::Doc`s from the database.

pub mod admin;
pub mod web;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, NaiveDate, Utc};

use crate::app::AppState;
use crate::db::Db;
use crate::with_db;

/// The index and how far it has followed the database.
pub struct SiteSearch {
    pub index: search::SearchIndex,
    cursor: AtomicI64,
    laws_at: Mutex<Option<DateTime<Utc>>>,
}

impl SiteSearch {
    /// Open the index; one that cannot be opened (e.g. built by an older version with
    /// another schema) is derived data: it is removed and rebuilt from the database.
    pub fn open(dir: &std::path::Path) -> anyhow::Result<SiteSearch> {
        let index = match search::SearchIndex::open_or_create(dir) {
            Ok(i) => i,
            Err(e) => {
                tracing::warn!(error = %e, dir = %dir.display(), "search index unusable; rebuilding it");
                std::fs::remove_dir_all(dir)?;
                search::SearchIndex::open_or_create(dir)?
            }
        };
        Ok(SiteSearch {
            index,
            cursor: AtomicI64::new(0),
            laws_at: Mutex::new(None),
        })
    }
}

fn date_key(d: Option<NaiveDate>) -> u64 {
    d.map(|d| d.format("%Y%m%d").to_string().parse().unwrap_or(0))
        .unwrap_or(0)
}

type DocTuple = (
    i64,
    String,
    Option<String>,
    String,
    Option<NaiveDate>,
    Option<String>,
    Option<NaiveDate>,
);

/// Public documents (all, or the given ids) as search documents, with their
/// published interpretations.
pub async fn documents(db: &Db, ids: Option<&[i64]>) -> sqlx::Result<Vec<search::Doc>> {
    let filter = ids
        .map(|i| format!(" AND id IN ({})", crate::db::id_list(i)))
        .unwrap_or_default();
    let sql = format!(
        "SELECT id, title, doc_no, body, published_on, validity, valid_until FROM documents
         WHERE state = 'published' AND disclosure = 'proactive'{filter}"
    );
    let rows: Vec<DocTuple> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let today = crate::clock::today();
    let mut out: Vec<search::Doc> = rows
        .iter()
        .map(
            |(id, title, doc_no, body, published, validity, until)| search::Doc {
                id: format!("doc:{id}"),
                kind: "文件".into(),
                title: title.clone(),
                number: doc_no.clone().unwrap_or_default(),
                body: body.clone(),
                url: format!("/xxgk/documents/{id}"),
                date: date_key(*published),
                lapsed: validity.as_deref() == Some("repealed") || until.is_some_and(|u| u < today),
            },
        )
        .collect();
    let doc_ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let isql = format!(
        "SELECT id, document_id, title, body FROM interpretations WHERE state = 'published' AND document_id IN ({})",
        crate::db::id_list(&doc_ids)
    );
    let interps: Vec<(i64, i64, String, String)> =
        with_db!(db, |p| { sqlx::query_as(&isql).fetch_all(p).await })?;
    for (iid, did, title, body) in interps {
        let parent = rows.iter().find(|r| r.0 == did);
        out.push(search::Doc {
            id: format!("interp:{did}"),
            kind: "解读".into(),
            title,
            number: String::new(),
            body,
            url: format!("/xxgk/interpretations/{iid}"),
            date: date_key(parent.and_then(|p| p.4)),
            lapsed: false,
        });
    }
    Ok(out)
}

type ArticleTuple = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    bool,
    Option<NaiveDate>,
);

/// Every law article as a search document (title 法规名, number 第X条).
pub async fn law_articles(db: &Db) -> sqlx::Result<Vec<search::Doc>> {
    let rows: Vec<ArticleTuple> = with_db!(db, |p| {
        sqlx::query_as(
            "SELECT a.law_id, a.ordinal, a.number, a.heading, a.text, l.title, l.expired, l.publish
             FROM law_articles a JOIN laws l ON l.id = a.law_id",
        )
        .fetch_all(p)
        .await
    })?;
    Ok(rows
        .into_iter()
        .map(
            |(law, ordinal, number, heading, text, title, expired, publish)| search::Doc {
                id: format!("law:{law}:{ordinal}"),
                kind: "法规".into(),
                title,
                number: if heading.is_empty() {
                    number
                } else {
                    format!("{number} {heading}")
                },
                body: text,
                url: format!("/laws/{law}#a{ordinal}"),
                date: date_key(publish),
                lapsed: expired,
            },
        )
        .collect())
}

async fn max_change(db: &Db) -> sqlx::Result<i64> {
    with_db!(db, |p| {
        sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(seq) FROM document_changes")
            .fetch_one(p)
            .await
    })
    .map(|v| v.unwrap_or(0))
}

async fn laws_imported_at(db: &Db) -> sqlx::Result<Option<DateTime<Utc>>> {
    with_db!(db, |p| {
        sqlx::query_scalar("SELECT MAX(imported_at) FROM laws")
            .fetch_one(p)
            .await
    })
}

/// Rebuild the whole index from the database (searches keep answering from the
/// committed state until the new one is committed). Returns how many items.
pub async fn reindex(db: &Db, s: &SiteSearch) -> anyhow::Result<usize> {
    let cursor = max_change(db).await?;
    let laws_at = laws_imported_at(db).await?;
    let mut all = documents(db, None).await?;
    all.extend(law_articles(db).await?);
    let n = all.len();
    s.index.replace_all(all)?;
    s.cursor.store(cursor, Ordering::SeqCst);
    if let Ok(mut l) = s.laws_at.lock() {
        *l = laws_at;
    }
    Ok(n)
}

/// Apply what changed since the last sync: documents from the change feed, laws when
/// an import ran. Returns how many items were updated.
pub async fn sync(db: &Db, s: &SiteSearch) -> anyhow::Result<usize> {
    let mut n = 0;
    let since = s.cursor.load(Ordering::SeqCst);
    let changes = crate::docs::store::changes_since(db, since, 1000).await?;
    if let Some(last) = changes.last().map(|c| c.seq) {
        let mut ids: Vec<i64> = changes.iter().map(|c| c.document_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let public = documents(db, Some(&ids)).await?;
        for id in &ids {
            s.index.delete(&format!("doc:{id}"))?;
            s.index.delete(&format!("interp:{id}"))?;
        }
        n += public.len();
        s.index.upsert(public)?;
        s.cursor.store(last, Ordering::SeqCst);
    }
    let laws_at = laws_imported_at(db).await?;
    let known = s.laws_at.lock().map(|l| *l).unwrap_or(None);
    if laws_at.is_some() && laws_at != known {
        let laws = law_articles(db).await?;
        n += laws.len();
        s.index.upsert(laws)?;
        if let Ok(mut l) = s.laws_at.lock() {
            *l = laws_at;
        }
    }
    if n > 0 || !changes.is_empty() {
        s.index.commit()?;
    }
    Ok(n)
}

/// Open this node's index under `data_dir/search`, build it if empty and follow the
/// database. Searches answer "not available" until this has run.
pub fn start(state: &AppState) -> anyhow::Result<Arc<SiteSearch>> {
    let s = Arc::new(SiteSearch::open(
        &state.settings.storage.data_dir.join("search"),
    )?);
    let _ = state.search.set(s.clone());
    spawn(state.clone(), s.clone());
    Ok(s)
}

fn spawn(state: AppState, search: Arc<SiteSearch>) {
    tokio::spawn(async move {
        if let Ok(map) = admin::effective_synonyms(&state.db).await {
            search.index.set_synonyms(map);
        }
        if search.index.is_empty() {
            match reindex(&state.db, &search).await {
                Ok(n) => tracing::info!(search.items = n, "search index built"),
                Err(e) => tracing::warn!(error = %e, "search index build failed"),
            }
        } else {
            // An existing index: catch up by replaying the last 1000 changes; laws are
            // re-indexed only when an import runs after this start.
            if let Ok(c) = max_change(&state.db).await {
                search.cursor.store((c - 1000).max(0), Ordering::SeqCst);
            }
            if let (Ok(at), Ok(mut l)) = (laws_imported_at(&state.db).await, search.laws_at.lock())
            {
                *l = at;
            }
        }
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
        loop {
            tick.tick().await;
            if let Err(e) = sync(&state.db, &search).await {
                tracing::warn!(error = %e, "search sync failed");
            }
            // Synonyms edited on another node.
            if let Ok(map) = admin::effective_synonyms(&state.db).await {
                search.index.set_synonyms(map);
            }
        }
    });
}
