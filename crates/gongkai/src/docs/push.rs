//! Push to the city-wide document library (全市主动公开公文库).
//!
//! The change records (`document_changes`) are sent in order, in batches, as JSON
//! to `push.endpoint`, signed with HMAC-SHA256 over the body
//! (`X-Gongkai-Signature: sha256=<hex>`, `crate::webhook`, shared with the other pushes). A cursor in `meta` remembers what was
//! delivered, so nothing is lost or reordered: a failed delivery is retried with
//! backoff by the job runner, shows in the back office's failed-jobs list after its
//! last attempt (the dead-letter list) and can be sent again from there. The same
//! records can be pulled with `GET /api/v1/documents/changes?since=`.

use serde::Serialize;

use super::store;
use crate::state::AppState;
use crate::{with_db, with_tx};

const CURSOR_KEY: &str = "push_cursor";
const BATCH: i64 = 100;

#[derive(Serialize)]
struct Batch<'a> {
    /// Sender: the organisation code used in 索引号.
    source: &'a str,
    changes: Vec<super::feeds::Change>,
}

async fn cursor(state: &AppState) -> sqlx::Result<i64> {
    let v: Option<String> = with_db!(&state.db, |p| {
        sqlx::query_scalar("SELECT value FROM meta WHERE key = $1")
            .bind(CURSOR_KEY)
            .fetch_optional(p)
            .await
    })?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(0))
}

async fn set_cursor(state: &AppState, to: i64) -> sqlx::Result<()> {
    let mut tx = state.db.begin().await?;
    with_tx!(&mut tx, |c| {
        sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(CURSOR_KEY)
            .bind(to.to_string())
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    tx.commit().await
}

/// Deliver every change after the cursor; returns how many were delivered.
pub async fn run(state: &AppState) -> anyhow::Result<usize> {
    let endpoint = state.settings.push.endpoint.trim();
    if endpoint.is_empty() {
        return Ok(0);
    }
    let client = crate::webhook::client()?;
    let mut sent = 0;
    loop {
        let since = cursor(state).await?;
        let rows = store::changes_since(&state.db, since, BATCH).await?;
        let Some(last) = rows.last().map(|r| r.seq) else {
            break;
        };
        let changes = super::feeds::change_list(&state.db, &rows).await?;
        let body = serde_json::to_vec(&Batch {
            source: &state.site.org_code,
            changes,
        })?;
        crate::webhook::post(&client, endpoint, &state.settings.push.hmac_key, None, body)
            .await
            .map_err(|e| anyhow::anyhow!("推送到公文库失败：{e}"))?;
        set_cursor(state, last).await?;
        sent += rows.len();
    }
    Ok(sent)
}
