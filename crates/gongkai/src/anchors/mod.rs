//! Audit anchors (审计日志锚点): once a day the head of the audit hash chain (its
//! sequence number and hash) is recorded and published on the portal
//! (`/audit/anchors`, and the Atom feed `/audit/anchors.atom`, every anchor kept
//! forever). Anyone who keeps a copy can later detect a rewrite of the chain that
//! `audit verify` alone cannot see (all hashes recomputed, head included):
//! `gongkai audit verify --anchors URL-or-file` compares the chain with the copy.

pub mod model;
pub mod portal;
pub mod store;

use axum::routing::get;

use crate::db::Db;
use crate::state::AppState;
use crate::web::routes::Routes;

/// The public list and the feed.
pub fn routes() -> Routes {
    Routes::new()
        .public("/audit/anchors", get(portal::list))
        .public("/audit/anchors.atom", get(portal::atom))
}

/// The daily job: today's anchor (idempotent).
pub async fn daily(state: &AppState) -> anyhow::Result<()> {
    if store::record(&state.db, crate::clock::today(), crate::clock::now()).await? {
        tracing::info!("audit anchor recorded");
    }
    Ok(())
}

/// Compare the chain with the anchors found in `published` (a copy of the feed):
/// the problems found, and how many anchors were compared.
pub async fn check(db: &Db, published: &str) -> sqlx::Result<(Vec<String>, usize)> {
    let anchors = model::parse(published);
    let mut problems = Vec::new();
    for a in &anchors {
        let now = if a.seq == 0 {
            None
        } else {
            store::hash_at(db, a.seq).await?
        };
        if let Some(p) = model::compare(a, now.as_deref()) {
            problems.push(p);
        }
    }
    Ok((problems, anchors.len()))
}
