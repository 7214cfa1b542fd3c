//! The outbox worker: claims one message at a time (a guarded update, so two
//! workers never take the same one), sends it and records the outcome. A worker
//! killed between claiming and recording leaves the message `sending`; after
//! `service::stale_after` it is claimed again and sent with the same Message-ID, so
//! nothing is lost and a receiver drops the repeat. Temporary failures go back to
//! the queue after a backoff (`crate::webhook::delay`, up to `MAX_ATTEMPTS`),
//! permanent ones are `failed` with the answer; a mail whose recipient the server
//! refuses for good (5xx to RCPT TO) is `bounced` and counts against the subscriber
//! (`service::bounce`). Webhook messages go to the subscriber's platform
//! (`platform`), each channel with its own per-run limit.

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
    let message_id = format!("{}@{}", m.delivery_id(), host_of(state));
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

/// Webhook messages sent per run at most.
pub const WEBHOOK_PER_RUN: usize = 600;

/// Deliver the outbox until it is empty or each channel's per-run limit is
/// reached; returns how many were delivered. Mail off (no `mail.smtp_host`): mail waits; webhooks still go.
pub async fn run(state: &AppState) -> anyhow::Result<usize> {
    let mail_limit = if state.settings.mail.smtp_host.is_empty() {
        0
    } else {
        state.settings.mail.per_minute as usize
    };
    let client = crate::webhook::client()?;
    let (mut mails, mut hooks, mut delivered) = (0usize, 0usize, 0usize);
    loop {
        let mut channels = Vec::new();
        if mails < mail_limit {
            channels.push("email");
        }
        if hooks < WEBHOOK_PER_RUN {
            channels.push("webhook");
        }
        let t = crate::clock::now();
        let stale = t - super::service::stale_after();
        let Some(m) = store::claim(&state.db, stale, t, &channels).await? else {
            break;
        };
        delivered += usize::from(deliver_one(state, &client, &m).await?);
        if m.channel == "webhook" {
            hooks += 1;
        } else {
            mails += 1;
        }
    }
    Ok(delivered)
}

/// The outcome of an attempt that did not succeed.
struct Miss {
    permanent: bool,
    bounce: bool,
    message: String,
}

/// Send one claimed message; true when sent.
pub async fn deliver_one(
    state: &AppState,
    client: &reqwest::Client,
    m: &Message,
) -> anyhow::Result<bool> {
    let s = store::subscriber(&state.db, m.subscriber_id).await?;
    // A cancelled or suspended subscription gets nothing more (a confirmation only
    // while pending).
    if !super::platform::wanted(m, &s) {
        store::finish(
            &state.db,
            m.id,
            "failed",
            Some("订阅已取消或状态已变，未发送"),
            None,
        )
        .await?;
        return Ok(false);
    }
    let outcome = if m.channel == "webhook" {
        super::platform::send(state, client, m, &s)
            .await
            .map_err(|e| Miss {
                permanent: e.permanent(),
                bounce: false,
                message: e.message,
            })
    } else {
        let mail = compose(state, m).await?;
        mail::send(&state.settings.mail, &state.site.name, &mail)
            .await
            .map_err(|e| Miss {
                permanent: e.permanent,
                bounce: e.bounce,
                message: e.message,
            })
    };
    match outcome {
        Ok(()) => {
            store::finish(&state.db, m.id, "sent", None, None).await?;
            super::store_platforms::clear_bounces(&state.db, s.id).await?;
            Ok(true)
        }
        Err(e) if e.bounce => {
            tracing::warn!(message = m.id, error = %e.message, "push mail bounced");
            store::finish(&state.db, m.id, "failed", Some(&e.message), None).await?;
            super::service::bounce(&state.db, &crate::audit::Actor::system(), m.id, &e.message)
                .await?;
            Ok(false)
        }
        Err(e) => {
            let retry = !e.permanent && m.attempts < MAX_ATTEMPTS;
            let (next, at) = if retry {
                (
                    "queued",
                    Some(crate::clock::now() + crate::webhook::delay(m.attempts - 1)),
                )
            } else {
                ("failed", None)
            };
            tracing::warn!(message = m.id, channel = %m.channel, error = %e.message, "push message not delivered");
            store::finish(&state.db, m.id, next, Some(&e.message), at).await?;
            Ok(false)
        }
    }
}
