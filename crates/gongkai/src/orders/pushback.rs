//! Results back to the platform an order came from (12345, the national 我为政府网站找错
//! platform): each 办结 or 退回 of such an order queues one row in `order_pushbacks`
//! (in the step's own transaction); the minute job POSTs each due row as JSON to
//! `orders.push_back_url` with `X-Delivery-Id` (the same id on every attempt, so
//! the receiver drops repeats) and, with `orders.push_back_key`, an HMAC-SHA256
//! signature `X-Gongkai-Signature: sha256=<hex>` over the body (as the document
//! push; the sending is `crate::webhook`'s). A failure is retried after 1, 2, 4 … minutes; after
//! [`model::PUSH_ATTEMPTS`] attempts the row is `failed`. The order page shows
//! every row's state. Without a URL the rows are only recorded.

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use super::model::{self, PushState};
use super::store_outbox::{self, PushBackRow};
use crate::state::AppState;

/// A row left `sending` this long is taken to have died with its worker.
const STALE_MINUTES: i64 = 15;

/// What the receiver gets (JSON).
#[derive(Debug, Serialize)]
pub struct Payload<'a> {
    pub delivery_id: &'a str,
    /// 12345 or zhaocuo.
    pub platform: &'static str,
    /// The order's number on that platform.
    pub order_no: &'a str,
    /// finished (办结) or returned (退回).
    pub event: &'static str,
    pub event_label: &'static str,
    pub result: &'a str,
    /// RFC 3339, Beijing time.
    pub result_at: String,
    /// Sender: the organisation code.
    pub sender: &'a str,
}

pub fn payload<'a>(r: &'a PushBackRow, sender: &'a str) -> Payload<'a> {
    Payload {
        delivery_id: &r.delivery_id,
        platform: super::api::platform_of(r.source),
        order_no: &r.source_no,
        event: r.event.code(),
        event_label: r.event.label(),
        result: &r.result,
        result_at: r
            .result_at
            .with_timezone(&crate::clock::beijing())
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        sender,
    }
}

/// Deliver every result due at `at`; (sent, not sent). Nothing without a URL.
pub async fn deliver_due(state: &AppState, at: DateTime<Utc>) -> anyhow::Result<(usize, usize)> {
    let url = state.settings.orders.push_back_url.trim();
    if url.is_empty() {
        return Ok((0, 0));
    }
    let client = crate::webhook::client()?;
    let (mut sent, mut missed) = (0, 0);
    let stale = crate::clock::now() - Duration::minutes(STALE_MINUTES);
    // Each row is tried once per call: a failed one waits for its next time.
    let mut seen = Vec::new();
    while let Some(r) = store_outbox::claim_push_back(&state.db, at, stale, &seen).await? {
        seen.push(r.id);
        match send(state, &client, url, &r).await {
            Ok(()) => {
                store_outbox::finish_push_back(&state.db, r.id, PushState::Sent, r.next_at, "")
                    .await?;
                sent += 1;
            }
            Err(e) => {
                let (st, next) = if r.attempts >= model::PUSH_ATTEMPTS {
                    (PushState::Failed, r.next_at)
                } else {
                    (
                        PushState::Pending,
                        crate::clock::now() + crate::webhook::delay(r.attempts - 1),
                    )
                };
                tracing::warn!(order = r.order_id, attempt = r.attempts, error = %e, "工单结果回传失败");
                store_outbox::finish_push_back(&state.db, r.id, st, next, &e).await?;
                missed += 1;
            }
        }
    }
    Ok((sent, missed))
}

async fn send(
    state: &AppState,
    client: &reqwest::Client,
    url: &str,
    r: &PushBackRow,
) -> Result<(), String> {
    let body = serde_json::to_vec(&payload(r, &state.site.org_code)).map_err(|e| e.to_string())?;
    crate::webhook::post(
        client,
        url,
        &state.settings.orders.push_back_key,
        Some(&r.delivery_id),
        body,
    )
    .await
    .map_err(|e| e.message)
}

/// The minute job.
pub async fn job(state: &AppState) -> anyhow::Result<()> {
    let (sent, missed) = deliver_due(state, crate::clock::now()).await?;
    if sent + missed > 0 {
        tracing::info!(
            orders.pushed = sent,
            orders.push_failed = missed,
            "工单结果回传"
        );
    }
    Ok(())
}
