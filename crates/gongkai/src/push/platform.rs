//! The webhook channel: a message for an enterprise reached through a platform
//! (一网通办 enterprise page, 随申办·企业云) is POSTed to the platform's URL as JSON,
//! signed with the platform's own secret, with the message's delivery id — the
//! sending, signature and backoff are `crate::webhook`'s, shared with the document
//! push and the 12345 result push-back.

use serde::Serialize;

use super::store::{Message, Subscriber};
use super::store_platforms::{self, Platform};
use crate::state::AppState;
use crate::webhook::Failure;

/// What a platform receives (JSON). The body is the same on every attempt.
#[derive(Debug, Serialize)]
pub struct Payload {
    pub delivery_id: String,
    /// policy
    pub kind: String,
    /// Sender: the organisation code used in 索引号.
    pub sender: String,
    pub enterprise: Enterprise,
    pub policy: Policy,
    /// Why it applies: the tags that met, one line each.
    pub why: Vec<String>,
    /// When it was queued (RFC 3339, Beijing time).
    pub queued_at: String,
}

#[derive(Debug, Serialize)]
pub struct Enterprise {
    /// 统一社会信用代码
    pub credit_code: String,
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct Policy {
    pub document_id: i64,
    pub title: String,
    pub summary: String,
    /// The policy's public page.
    pub url: String,
    /// The tracked link (records the opening, shows the enterprise's matches).
    pub open_url: String,
}

pub async fn payload(state: &AppState, m: &Message, s: &Subscriber) -> anyhow::Result<Payload> {
    let base = state
        .settings
        .server
        .public_url
        .trim_end_matches('/')
        .to_string();
    let doc_id = m.document_id.unwrap_or_default();
    let d = crate::docs::store::get(&state.db, doc_id).await?;
    Ok(Payload {
        delivery_id: m.delivery_id(),
        kind: m.kind.clone(),
        sender: state.site.org_code.clone(),
        enterprise: Enterprise {
            credit_code: s.credit_code.clone(),
            name: s.name.clone(),
        },
        policy: Policy {
            document_id: doc_id,
            summary: d.body.chars().take(120).collect(),
            title: d.title,
            url: format!("{base}/xxgk/documents/{doc_id}"),
            open_url: format!("{base}/push/o/{}", m.open_token),
        },
        why: m
            .why
            .split('；')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect(),
        queued_at: m
            .created_at
            .with_timezone(&crate::clock::beijing())
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
    })
}

/// Send one claimed webhook message to its subscriber's platform.
pub async fn send(
    state: &AppState,
    client: &reqwest::Client,
    m: &Message,
    s: &Subscriber,
) -> Result<(), Failure> {
    let gone = |message: &str| Failure {
        status: Some(410),
        message: message.into(),
    };
    let p: Platform = match s.platform_id {
        Some(id) => store_platforms::platform(&state.db, id)
            .await
            .map_err(|e| Failure {
                status: None,
                message: e.to_string(),
            })?
            .ok_or_else(|| gone("推送平台不存在"))?,
        None => return Err(gone("订阅未指定推送平台")),
    };
    if !p.active {
        return Err(gone("推送平台已停用"));
    }
    let body = payload(state, m, s)
        .await
        .and_then(|p| Ok(serde_json::to_vec(&p)?))
        .map_err(|e| Failure {
            status: None,
            message: format!("无法生成推送内容：{e}"),
        })?;
    crate::webhook::post(client, &p.url, &p.secret, Some(&m.delivery_id()), body).await
}

/// Whether a message's subscriber is still one to send to.
pub fn wanted(m: &Message, s: &Subscriber) -> bool {
    match m.kind.as_str() {
        "confirm" => s.state == "pending",
        _ => s.state == "active",
    }
}
