//! The outbox worker: claims one message at a time (a guarded update, so two
//! workers never take the same one), sends it and records the outcome. A worker
//! killed between claiming and recording leaves the message `sending`; after
//! `service::stale_after` it is claimed again and sent with the same Message-ID, so
//! nothing is lost and a receiver drops the repeat. Temporary failures go back to
//! the queue (up to `MAX_ATTEMPTS`), permanent ones (5xx) are `failed` with the answer.

use super::mail::{self, Mail};
use super::store::{self, Message};
use crate::state::AppState;

pub const MAX_ATTEMPTS: i64 = 5;

fn base(state: &AppState) -> String {
    state
        .settings
        .server
        .public_url
        .trim_end_matches('/')
        .to_string()
}

fn host_of(state: &AppState) -> String {
    state
        .settings
        .mail
        .from
        .rsplit('@')
        .next()
        .unwrap_or("localhost")
        .to_string()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The mail of one message.
pub async fn compose(state: &AppState, m: &Message) -> anyhow::Result<Mail> {
    let s = store::subscriber(&state.db, m.subscriber_id).await?;
    let base = base(state);
    let site = &state.site.name;
    let me = format!("{base}/push/me?t={}", s.token);
    let unsubscribe = format!("{base}/api/v1/push/unsubscribe?t={}", s.token);
    let message_id = format!("push-{}-{}@{}", m.id, &m.open_token[..8], host_of(state));
    if m.kind == "confirm" {
        let link = format!("{base}/push/confirm?t={}", s.token);
        return Ok(Mail {
            to: s.email,
            subject: format!("请确认订阅{site}政策推送"),
            text: format!(
                "{name}：\r\n\r\n您（或他人以您的邮箱）在{site}网站订阅了政策精准推送。请打开以下链接确认订阅：\r\n{link}\r\n\r\n如非本人操作，请忽略本邮件，不会再收到推送。\r\n",
                name = s.name
            ),
            html: format!(
                "<p>{name}：</p><p>您（或他人以您的邮箱）在{site}网站订阅了政策精准推送。请打开以下链接确认订阅：</p><p><a href=\"{link}\">确认订阅</a></p><p>如非本人操作，请忽略本邮件，不会再收到推送。</p>",
                name = escape(&s.name),
                link = escape(&link)
            ),
            message_id,
            unsubscribe: None,
        });
    }
    let doc_id = m.document_id.unwrap_or_default();
    let d = crate::docs::store::get(&state.db, doc_id).await?;
    let open = format!("{base}/push/o/{}", m.open_token);
    let summary: String = d.body.chars().take(120).collect();
    Ok(Mail {
        to: s.email,
        subject: format!("适用于贵单位的政策：{}", d.title),
        text: format!(
            "{name}：\r\n\r\n{site}发布的以下政策适用于贵单位：\r\n\r\n{title}\r\n{summary}……\r\n\r\n为什么推送给您：{why}\r\n\r\n查看：{open}\r\n\r\n管理或退订：{me}\r\n",
            name = s.name,
            title = d.title,
            why = m.why
        ),
        html: format!(
            "<p>{name}：</p><p>{site}发布的以下政策适用于贵单位：</p><h1 style=\"font-size:18px\">{title}</h1><p>{summary}……</p><p>为什么推送给您：{why}</p><p><a href=\"{open}\">查看政策及适用说明</a></p><p><a href=\"{me}\">管理订阅或退订</a></p>",
            name = escape(&s.name),
            title = escape(&d.title),
            summary = escape(&summary),
            why = escape(&m.why),
            open = escape(&open),
            me = escape(&me)
        ),
        message_id,
        unsubscribe: Some(unsubscribe),
    })
}

/// Deliver the outbox until it is empty or the per-minute limit is reached. Mail
/// off (no `mail.smtp_host`): messages wait.
pub async fn run(state: &AppState) -> anyhow::Result<usize> {
    let settings = state.settings.mail.clone();
    if settings.smtp_host.is_empty() {
        return Ok(0);
    }
    let mut sent = 0usize;
    while sent < settings.per_minute as usize {
        let t = crate::clock::now();
        let stale = t - super::service::stale_after();
        let Some(m) = store::claim(&state.db, stale, t - super::service::retry_after()).await?
        else {
            break;
        };
        sent += usize::from(deliver_one(state, &m).await?);
    }
    Ok(sent)
}

/// Send one claimed message; true when sent.
pub async fn deliver_one(state: &AppState, m: &Message) -> anyhow::Result<bool> {
    let s = store::subscriber(&state.db, m.subscriber_id).await?;
    // A cancelled subscription gets nothing more (a confirmation only while pending).
    let wanted = match m.kind.as_str() {
        "confirm" => s.state == "pending",
        _ => s.state == "active",
    };
    if !wanted {
        store::finish(
            &state.db,
            m.id,
            "failed",
            Some("订阅已取消或状态已变，未发送"),
        )
        .await?;
        return Ok(false);
    }
    let mail = compose(state, m).await?;
    match mail::send(&state.settings.mail, &state.site.name, &mail).await {
        Ok(()) => {
            store::finish(&state.db, m.id, "sent", None).await?;
            Ok(true)
        }
        Err(e) => {
            let next = if e.permanent || m.attempts >= MAX_ATTEMPTS {
                "failed"
            } else {
                "queued"
            };
            tracing::warn!(message = m.id, error = %e.message, "push mail not delivered");
            store::finish(&state.db, m.id, next, Some(&e.message)).await?;
            Ok(false)
        }
    }
}
