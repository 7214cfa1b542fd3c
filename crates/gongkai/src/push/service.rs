//! Transactions of 政策精准推送: tag edits (audited), subscriptions, the matcher
//! that queues messages and the worker that delivers them.

use chrono::{Duration, NaiveDate};

use super::PushAction;
use super::model::{self, Applicability, District, Profile, Scale, Subject, Theme, Why};
use super::store::{self, DOCUMENT, Exemption, NewMessage, NewSubscriber, Subscriber};
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::docs::model::{DocState, Validity};
use crate::docs::store::DocRow;
use crate::error::AppError;
use crate::state::AppState;

/// A document is a policy in force when it is public, published (not superseded)
/// and, if normative, valid today.
pub fn in_force(d: &DocRow, today: NaiveDate) -> bool {
    crate::docs::portal::is_public(d)
        && d.state() == DocState::Published
        && matches!(d.validity_today(today), None | Some(Validity::Valid))
}

/// Tags and 免罚清单 items are edited while the document is a draft: the reviewer
/// approves them with the document (a published document changes only through a
/// new draft or revision).
pub fn editable(d: &DocRow) -> bool {
    d.state() == DocState::Draft
}

pub async fn set_document_tags(
    db: &Db,
    actor: &Actor,
    d: &DocRow,
    a: &Applicability,
    items: &[Exemption],
) -> Result<(), AppError> {
    if !editable(d) {
        return Err(AppError::Conflict(
            "只有草稿可以修改适用对象标签和免罚清单".into(),
        ));
    }
    let before = store::tags_of(db, DOCUMENT, d.id).await?;
    let mut tx = db.begin().await?;
    store::set_tags(&mut tx, DOCUMENT, d.id, a).await?;
    store::set_exemptions(&mut tx, d.id, items).await?;
    let fmt = |a: &Applicability| {
        a.rows()
            .iter()
            .map(|(k, c)| format!("{}:{c}", k.code()))
            .collect::<Vec<_>>()
    };
    audit::append(
        &mut tx,
        actor,
        PushAction::Tags,
        "document",
        Some(d.id.to_string()),
        audit::change_summary(
            Some(serde_json::json!(fmt(&before))),
            Some(serde_json::json!({"tags": fmt(a), "exemptions": items.len()})),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The profile a subscription states (unknown codes: `None`, never a default).
pub fn profile_of(s: &Subscriber) -> Option<Profile> {
    Some(Profile {
        industries: model::split_codes(&s.industries)
            .into_iter()
            .map(str::to_string)
            .collect(),
        district: District::parse(&s.district)?,
        scale: Scale::parse(&s.scale)?,
        subject: Subject::parse(&s.subject)?,
        themes: model::split_codes(&s.themes)
            .into_iter()
            .filter_map(Theme::parse)
            .collect(),
    })
}

pub(crate) fn random_token() -> String {
    let bytes: [u8; 24] = rand::random();
    hex::encode(bytes)
}

fn public_actor(ip: &str) -> Actor {
    Actor {
        id: None,
        name: "企业（网上订阅）".into(),
        ip: Some(ip.to_string()),
    }
}

/// A new subscription, pending until the link in the confirmation mail is opened;
/// the confirmation is queued in the same transaction. No personal data in the audit.
pub async fn subscribe(db: &Db, s: &NewSubscriber, ip: &str) -> Result<i64, AppError> {
    let token = random_token();
    let mut tx = db.begin().await?;
    let id = store::insert_subscriber(&mut tx, s, &token).await?;
    store::queue(
        &mut tx,
        &NewMessage {
            dedupe_key: format!("confirm:{id}"),
            kind: "confirm",
            subscriber_id: id,
            document_id: None,
            channel: "email",
            why: String::new(),
            open_token: random_token(),
        },
    )
    .await?;
    audit::append(
        &mut tx,
        &public_actor(ip),
        PushAction::Subscribe,
        "push_subscriber",
        Some(id.to_string()),
        format!("企业订阅 #{id}（待确认）"),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Confirm (`pending → active`) or cancel (`* → cancelled`) by the subscriber's link.
pub async fn change_state(db: &Db, s: &Subscriber, to: &str, ip: &str) -> Result<bool, AppError> {
    let mut tx = db.begin().await?;
    let changed = store::set_state(&mut tx, s.id, &s.state, to).await?;
    if changed {
        audit::append(
            &mut tx,
            &public_actor(ip),
            if to == "active" {
                PushAction::Confirm
            } else {
                PushAction::Unsubscribe
            },
            "push_subscriber",
            Some(s.id.to_string()),
            format!("企业订阅 #{}：{} → {to}", s.id, s.state),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(changed)
}

pub async fn update(db: &Db, s: &Subscriber, n: &NewSubscriber, ip: &str) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    store::update_subscriber(&mut tx, s.id, n).await?;
    audit::append(
        &mut tx,
        &public_actor(ip),
        PushAction::Update,
        "push_subscriber",
        Some(s.id.to_string()),
        format!("企业订阅 #{} 修改了订阅条件", s.id),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Who a policy reaches among the given subscriptions, with why (pure but for the
/// inputs: the benchmark and the job share it).
pub fn recipients<'a>(
    a: &Applicability,
    in_force: bool,
    subs: &'a [Subscriber],
) -> Vec<(&'a Subscriber, Why)> {
    if !in_force || !a.is_targeted() {
        return Vec::new();
    }
    subs.iter()
        .filter_map(|s| {
            let p = profile_of(s)?;
            model::matches(a, true, &p).map(|w| (s, w))
        })
        .collect()
}

/// The channel a subscriber is reached by.
pub fn channel_of(s: &Subscriber) -> &'static str {
    if s.channel == "webhook" {
        "webhook"
    } else {
        "email"
    }
}

/// Match one document against every active subscription and queue one message per
/// recipient (idempotent: a second run queues nothing new). Returns how many were queued.
pub async fn match_document(db: &Db, document_id: i64) -> anyhow::Result<usize> {
    let d = crate::docs::store::get(db, document_id).await?;
    let a = store::tags_of(db, DOCUMENT, document_id).await?;
    let force = in_force(&d, crate::clock::today());
    if !force || !a.is_targeted() {
        return Ok(0);
    }
    let subs = store::active_subscribers(db).await?;
    let hits = recipients(&a, force, &subs);
    let mut queued = 0;
    for chunk in hits.chunks(500) {
        let mut tx = db.begin().await?;
        for (s, why) in chunk {
            let fresh = store::queue(
                &mut tx,
                &NewMessage {
                    dedupe_key: format!("policy:{document_id}:{}:{}", s.id, channel_of(s)),
                    kind: "policy",
                    subscriber_id: s.id,
                    document_id: Some(document_id),
                    channel: channel_of(s),
                    why: why.join("；"),
                    open_token: random_token(),
                },
            )
            .await?;
            queued += usize::from(fresh);
        }
        tx.commit().await?;
    }
    Ok(queued)
}

const CURSOR_KEY: &str = "policy_push_cursor";

/// Every minute: documents published or changed since the cursor are matched; then
/// the outbox is delivered. The cursor only saves work — queueing is idempotent.
pub async fn run(state: &AppState) -> anyhow::Result<()> {
    let db = &state.db;
    loop {
        let since: i64 = crate::with_db!(db, |p| {
            sqlx::query_scalar::<_, String>("SELECT value FROM meta WHERE key = $1")
                .bind(CURSOR_KEY)
                .fetch_optional(p)
                .await
        })?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
        let rows = crate::docs::store::changes_since(db, since, 100).await?;
        let Some(last) = rows.last().map(|r| r.seq) else {
            break;
        };
        for r in &rows {
            if r.change == "published" || r.change == "updated" {
                match_document(db, r.document_id).await?;
            }
        }
        crate::with_db!(db, |p| {
            sqlx::query("INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                .bind(CURSOR_KEY)
                .bind(last.to_string())
                .execute(p)
                .await
                .map(|r| r.rows_affected())
        })?;
    }
    super::deliver::run(state).await?;
    Ok(())
}

/// Messages stuck in `sending` this long are taken to belong to a dead worker.
pub fn stale_after() -> Duration {
    Duration::minutes(10)
}

/// A message whose attempt failed for a temporary reason waits this long.
pub fn retry_after() -> Duration {
    Duration::minutes(1)
}

/// Bounces in a row after which a subscription is suspended.
pub const BOUNCE_LIMIT: i64 = 3;

/// A message refused for good by the recipient's mail server (the SMTP answer at
/// sending, a staff member reading the relay's report, or the relay's callback):
/// marked bounced, counted against the subscriber, who is suspended at
/// [`BOUNCE_LIMIT`]. False when the message was neither sent nor failed (a bounce
/// counts once).
pub async fn bounce(
    db: &Db,
    actor: &Actor,
    message_id: i64,
    reason: &str,
) -> Result<bool, AppError> {
    let m = super::store_platforms::message(db, message_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let reason: String = reason.trim().chars().take(500).collect();
    let reason = if reason.is_empty() {
        "退信".to_string()
    } else {
        reason
    };
    let mut tx = db.begin().await?;
    if !super::store_platforms::mark_bounced(&mut tx, m.id, &reason).await? {
        return Ok(false);
    }
    audit::append(
        &mut tx,
        actor,
        PushAction::Bounce,
        "push_message",
        Some(m.id.to_string()),
        format!("推送消息 #{} 退信：{reason}", m.id),
    )
    .await?;
    if super::store_platforms::count_bounce(&mut tx, m.subscriber_id, BOUNCE_LIMIT).await? {
        audit::append(
            &mut tx,
            actor,
            PushAction::Suspend,
            "push_subscriber",
            Some(m.subscriber_id.to_string()),
            format!(
                "企业订阅 #{} 连续 {BOUNCE_LIMIT} 次退信，暂停推送",
                m.subscriber_id
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Send a failed or bounced message again (staff, from the failed-deliveries list).
pub async fn retry(db: &Db, actor: &Actor, message_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if !super::store_platforms::requeue(&mut tx, message_id).await? {
        return Err(AppError::Conflict(
            "只有发送失败或退信的消息可以重新发送".into(),
        ));
    }
    audit::append(
        &mut tx,
        actor,
        PushAction::Retry,
        "push_message",
        Some(message_id.to_string()),
        format!("推送消息 #{message_id} 重新发送"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A suspended subscription active again (staff, after the address was fixed).
pub async fn resume(db: &Db, actor: &Actor, subscriber_id: i64) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    if !super::store_platforms::resume(&mut tx, subscriber_id).await? {
        return Err(AppError::Conflict("只有暂停的订阅可以恢复".into()));
    }
    audit::append(
        &mut tx,
        actor,
        PushAction::Resume,
        "push_subscriber",
        Some(subscriber_id.to_string()),
        format!("企业订阅 #{subscriber_id} 恢复推送"),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
