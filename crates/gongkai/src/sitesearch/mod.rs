//! Search over everything public, fed from the database.
//!
//! Each node keeps its own index under `storage.search_dir` (default
//! `data_dir/search`), kept in step by a per-node loop every 30 seconds that reads the
//! document change feed (`document_changes`, written in the same transaction as
//! publication and withdrawal; the same cursor the city library pulls), the penalty
//! cases' `updated_at` (set by the same statement that publishes, withdraws or expires
//! a case; likewise random-inspection results, letters and interviews) and the laws'
//! import time. Only public content is indexed: published proactive documents, their
//! published interpretations, laws, published penalty cases (masked columns only),
//! published random-inspection results, published letters (masked columns only) and
//! finished interviews (no asker's name) — each by its capability's rule of what is
//! public (`docs::store::PUBLIC` and `PUBLIC_INTERPRETATION`, `penalty::store::PUBLIC`,
//! `inspect::store::PUBLIC`, `interact::store::PUBLIC`). Adding a content type means one function returning
//! `search::Doc`s from the database, a `Source` of the rebuild and a feed in `sync`.
//!
//! The index lives in a generation directory named in the file `CURRENT`. A rebuild
//! (`gongkai reindex`, the administrators' button, or a first start) writes a new
//! generation while searches keep answering from the current one, records how far
//! into the change feeds it read (`cursor.json`) and then replaces `CURRENT`; every
//! node process watching that directory switches to it at its next sync and removes
//! the old generation.
//!
//! Modules (what callers use is re-exported here):
//! - `generations`: the generations on disk, `CURRENT` and `cursor.json`, the
//!   switch to a new build and the removal of old ones; [`SiteSearch`], [`build`],
//!   [`reindex`].
//! - `sources`: one function per content type returning `search::Doc`s
//!   ([`documents`], [`law_articles`], [`penalty_cases`], [`inspection_results`]) and
//!   the keyset paging ([`Rows`]) a rebuild reads them with; `sources_interact`:
//!   [`letters`] and [`interviews`].
//! - `sync`: the follow loop: the document change feed, the `updated_at` feeds, the
//!   laws' import time ([`sync`]).
//! - `web`, `admin`: the search page and API, the administrators' page.

pub mod admin;
mod generations;
pub mod portal;
pub mod service;
mod sources;
mod sources_interact;
mod sync;

use std::sync::Arc;

pub use generations::{ChildBuild, Cursor, Generation, SiteSearch, build, build_if_new, reindex};
pub use sources::{
    Batch, LawMeta, Rows, documents, inspection_results, law_articles, law_doc, penalty_cases,
};
pub use sources_interact::{interviews, letters};
pub use sync::sync;

use crate::state::AppState;

audit_actions!(
    /// What 站内搜索 writes to the audit log.
    SearchAction {
        Rebuild = ("search.rebuild", "重建索引"),
        Synonyms = ("search.synonyms", "修改同义词"),
    }
);

/// Where this node keeps its index once `start` has opened it.
#[derive(Default)]
pub struct IndexSlot(std::sync::OnceLock<Arc<SiteSearch>>);

impl IndexSlot {
    fn set(&self, s: Arc<SiteSearch>) {
        let _ = self.0.set(s);
    }
}

/// This node's search index, once opened (`start`).
pub fn index(state: &AppState) -> Option<Arc<SiteSearch>> {
    state.part::<IndexSlot>().0.get().cloned()
}

/// Open this node's index, build it if empty and follow the database. Searches
/// answer "not available" until this has run.
/// The FAQ bank shipped with gongkai (`demo-data/data/faq.jsonl`) as (question,
/// answer): the engine links the words of citizens' questions to the legal terms of
/// the answers (`search::SearchIndex::learn_related`), instead of a hand-made list.
pub fn faq_pairs() -> Vec<(String, String)> {
    #[derive(serde::Deserialize)]
    struct Faq {
        question: String,
        answer: String,
    }
    include_str!("../../demo-data/data/faq.jsonl")
        .lines()
        .filter_map(|l| serde_json::from_str::<Faq>(l).ok())
        .map(|f| (f.question, f.answer))
        .collect()
}

/// Where `serve` put its [`ChildBuild`] (unset: builds run in this process).
#[derive(Default)]
struct ChildSlot(std::sync::OnceLock<ChildBuild>);

/// `serve`: large first builds of this node's index run in a child `exe --config
/// config reindex` (`storage.search_build_child_min_items`). Call before [`start`].
pub fn child_builds(state: &AppState, exe: std::path::PathBuf, config: std::path::PathBuf) {
    let _ = state.part::<ChildSlot>().0.set(ChildBuild {
        exe,
        config,
        database_url: state.settings.database_url(),
        min_items: state.settings.storage.search_build_child_min_items,
    });
}

pub fn start(state: &AppState) -> anyhow::Result<Arc<SiteSearch>> {
    let s = Arc::new(SiteSearch::open(&state.settings.search_dir())?);
    state.part::<IndexSlot>().set(s.clone());
    spawn(state.clone(), s.clone());
    Ok(s)
}

fn spawn(state: AppState, search: Arc<SiteSearch>) {
    let log_state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
        loop {
            tick.tick().await;
            admin::flush_log(&log_state).await;
        }
    });
    tokio::spawn(async move {
        if let Ok(map) = admin::effective_synonyms(&state.db).await {
            search.current().index.set_synonyms(map);
        }
        let child = state.part::<ChildSlot>().0.get().cloned();
        match build_if_new(&state.db, &search, child.as_ref()).await {
            Ok(Some(n)) => {
                tracing::info!(search.items = n, "search index built");
                // Pages rendered while the index was still being built (法规云搜索's
                // fallback to law titles) are kept no longer.
                crate::web::pagecache::invalidate(&state);
            }
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "search index build failed"),
        }
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(30));
        loop {
            tick.tick().await;
            if let Err(e) = follow(&state, &search).await {
                tracing::warn!(error = %e, "search sync failed");
            }
            // Synonyms edited on another node.
            if let Ok(map) = admin::effective_synonyms(&state.db).await {
                search.current().index.set_synonyms(map);
            }
        }
    });
}

/// One step of the follow loop: apply what changed since the last sync and, when
/// anything did (on this node or another), drop this node's rendered pages
/// (`web::pagecache`): the page cache follows the same feeds as the index.
pub async fn follow(state: &AppState, search: &SiteSearch) -> anyhow::Result<usize> {
    let mark = |s: &SiteSearch| {
        let g = s.current();
        let c = g.cursor.lock().map(|c| c.clone()).unwrap_or_default();
        (g.name.clone(), c)
    };
    let before = mark(search);
    let n = sync(&state.db, search).await?;
    if n > 0 || mark(search) != before {
        crate::web::pagecache::invalidate(state);
    }
    Ok(n)
}

/// The search page, the search API, and the search administration.
pub fn routes() -> crate::web::routes::Routes {
    use crate::auth::roles::Permission;
    use axum::routing::{get, post};
    crate::web::routes::Routes::new()
        .public("/search", get(portal::page))
        .public("/search/go", get(portal::go))
        .public("/api/v1/search", get(portal::api))
        .staff(
            "/admin/search",
            Permission::ManageSearch,
            Some(get(crate::sitesearch::admin::page)),
            Some(post(crate::sitesearch::admin::save)),
        )
        .staff(
            "/admin/search/rebuild",
            Permission::ManageSearch,
            None,
            Some(post(crate::sitesearch::admin::rebuild)),
        )
        .nav(83, "/admin/search", "站内搜索", Permission::ManageSearch)
}
