//! 智能小城: the Q&A assistant. Citizens ask in their own words; it answers from the
//! FAQ bank (staff edit it in the back office, every change a version and an audit
//! entry) with the answer's sources, related questions and 有用 / 没用 feedback, or
//! declines and offers the site's search results and a 网民留言 instead of guessing.
//!
//! - `model`: entries, sources, the bank that ships with the product, editor formats (pure).
//! - `engine`: character 1–2-gram BM25, the optional semantic channel ([`Embedder`]),
//!   fusion and declining (pure).
//! - `store`: SQL; `service`: answering, the first import, audited changes.
//! - `portal` (the assistant's page, feedback), `api` (`/api/v1/qa`), `admin`
//!   (entries, versions, the unanswered and 没用 questions).
//!
//! Each node holds the indexed bank in memory ([`Assistant`]) and rebuilds it when
//! the bank's stamp (entries and the sum of their versions) or the site's synonyms
//! change, so an edit on any node shows on every node at its next question.

pub mod admin;
pub mod api;
pub mod engine;
pub mod form;
pub mod model;
pub mod portal;
pub mod semantic;
pub mod service;
pub mod store;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};

use axum::routing::{get, post};

pub use engine::Embedder;
use engine::{Index, Params, VectorCache};

use crate::auth::roles::Permission;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::routes::Routes;

audit_actions!(
    /// What 智能小城 writes to the audit log.
    QaAction {
        Seed = ("qa.seed", "导入问答库"),
        Create = ("qa.create", "新建问答"),
        Update = ("qa.update", "修改问答"),
        Paraphrase = ("qa.paraphrase", "增加相似问法"),
        Dismiss = ("qa.dismiss", "标记问题已处理"),
    }
);

type Stamp = (i64, i64, BTreeMap<String, String>);

/// This node's assistant: the indexed bank, and the sentence-embedding model when
/// one is installed (without it the assistant is lexical-only).
#[derive(Default)]
pub struct Assistant {
    current: tokio::sync::Mutex<Option<(Stamp, Arc<Index>)>>,
    embedder: OnceLock<Arc<dyn Embedder>>,
    vectors: Mutex<VectorCache>,
}

/// Install the semantic channel on this node (once); the next question rebuilds the
/// index with sentence vectors and the API reports `mode: hybrid`.
pub fn set_embedder(state: &AppState, e: Arc<dyn Embedder>) {
    let a = state.part::<Assistant>();
    if a.embedder.set(e).is_ok()
        && let Ok(mut c) = a.current.try_lock()
    {
        *c = None;
    }
}

/// Whether this node answers with the semantic channel.
pub fn hybrid(state: &AppState) -> bool {
    state.part::<Assistant>().embedder.get().is_some()
}

/// The indexed bank, rebuilt when it changed; the bundled bank is imported into an
/// empty table first.
pub async fn index(state: &AppState) -> Result<Arc<Index>, AppError> {
    let a = state.part::<Assistant>();
    let mut stamp = store::stamp(&state.db).await?;
    if stamp.0 == 0 {
        service::seed(&state.db).await?;
        stamp = store::stamp(&state.db).await?;
    }
    let synonyms = crate::sitesearch::admin::effective_synonyms(&state.db).await?;
    let stamp: Stamp = (stamp.0, stamp.1, synonyms);
    let mut current = a.current.lock().await;
    if let Some((s, idx)) = current.as_ref()
        && *s == stamp
    {
        return Ok(idx.clone());
    }
    let entries: Vec<model::Entry> = store::active_entries(&state.db)
        .await?
        .iter()
        .map(store::EntryRow::to_entry)
        .collect();
    let syn: Vec<(String, String)> = stamp.2.clone().into_iter().collect();
    let embedder = a.embedder.get().cloned();
    if let Some(e) = &embedder {
        // New or edited texts get their vector now, stored for every node and restart.
        semantic::ensure_vectors(&state.db, &entries, e, &a.vectors).await?;
    }
    let state2 = state.clone();
    let idx = tokio::task::spawn_blocking(move || {
        let a = state2.part::<Assistant>();
        match embedder {
            Some(e) => {
                let mut cache = a.vectors.lock().unwrap_or_else(|p| p.into_inner());
                Index::build(entries, &syn, Some((e, &mut cache)), Params::default())
            }
            None => Index::build(entries, &syn, None, Params::default()),
        }
    })
    .await
    .map_err(|e| anyhow::anyhow!("问答索引构建失败：{e}"))?;
    let idx = Arc::new(idx);
    *current = Some((stamp, idx.clone()));
    Ok(idx)
}

/// 智能小城: the assistant's page, feedback, the API and the back office.
pub fn routes() -> Routes {
    Routes::new()
        .public("/qa", get(portal::page))
        .public("/qa/feedback", post(portal::feedback))
        .public("/api/v1/qa", get(api::api))
        .staff(
            "/admin/qa",
            Permission::HandleInteraction,
            Some(get(admin::list)),
            None,
        )
        .staff(
            "/admin/qa/new",
            Permission::HandleInteraction,
            Some(get(admin::new_form)),
            Some(post(admin::create)),
        )
        .staff(
            "/admin/qa/{id}",
            Permission::HandleInteraction,
            Some(get(admin::edit_form)),
            Some(post(admin::save)),
        )
        .staff(
            "/admin/qa/questions",
            Permission::HandleInteraction,
            Some(get(admin::questions)),
            None,
        )
        .staff(
            "/admin/qa/questions/{id}/paraphrase",
            Permission::HandleInteraction,
            None,
            Some(post(admin::to_paraphrase)),
        )
        .staff(
            "/admin/qa/questions/{id}/dismiss",
            Permission::HandleInteraction,
            None,
            Some(post(admin::dismiss)),
        )
        .nav(
            62,
            "/admin/qa",
            "智能小城问答库",
            Permission::HandleInteraction,
        )
}
