//! Push to the city-wide document library (全市主动公开公文库).
//!
//! The change records (`document_changes`) are sent in order, in batches, as JSON
//! to `push.endpoint`, signed with HMAC-SHA256 over the body
//! (`X-Gongkai-Signature: sha256=<hex>`). A cursor in `meta` remembers what was
//! delivered, so nothing is lost or reordered: a failed delivery is retried with
//! backoff by the job runner, shows in the back office's failed-jobs list after its
//! last attempt (the dead-letter list) and can be sent again from there. The same
//! records can be pulled with `GET /api/v1/documents/changes?since=`.

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::store;
use crate::state::AppState;
use crate::{with_db, with_tx};

const CURSOR_KEY: &str = "push_cursor";
const BATCH: i64 = 100;

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

pub fn signature(key: &str, body: &[u8]) -> String {
    format!("sha256={}", hex::encode(hmac_sha256(key.as_bytes(), body)))
}

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
    crate::init_crypto();
    let client = reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .user_agent(concat!("gongkai/", env!("CARGO_PKG_VERSION")))
        .build()?;
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
        let res = client
            .post(endpoint)
            .header("content-type", "application/json")
            .header(
                "x-gongkai-signature",
                signature(&state.settings.push.hmac_key, &body),
            )
            .body(body)
            .send()
            .await
            .map_err(|e| anyhow::anyhow!("推送失败：{e}"))?;
        anyhow::ensure!(
            res.status().is_success(),
            "公文库接收端返回 {}",
            res.status()
        );
        set_cursor(state, last).await?;
        sent += rows.len();
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc4231() {
        // RFC 4231 test case 2.
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex::encode(mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block size.
        let key = [0xaa_u8; 131];
        let mac = hmac_sha256(
            &key,
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            hex::encode(mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }
}
