//! SQL of 政策精准推送: tags, 免罚清单 items, subscribers, the outbox, themes and
//! measures. Each statement is written once for both engines.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::model::Applicability;
use crate::clock::now;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

pub const DOCUMENT: &str = "document";
pub const MEASURE: &str = "measure";

/// Whether a document has applicability tags and 免罚清单 items: two columns
/// (`has_tags`, `has_exemptions`) for a query over `documents`, so the document
/// page asks for them only when there are some.
pub const DOC_FLAGS_SQL: &str = "EXISTS (SELECT 1 FROM push_tags t WHERE t.object_type = 'document' \
    AND t.object_id = documents.id) AS has_tags, \
    EXISTS (SELECT 1 FROM push_exemptions e WHERE e.document_id = documents.id) AS has_exemptions";

/// The two flags of [`DOC_FLAGS_SQL`].
#[derive(Debug, Clone, Copy, Default, sqlx::FromRow)]
pub struct DocFlags {
    pub has_tags: bool,
    pub has_exemptions: bool,
}

impl DocFlags {
    /// Unknown: ask for both.
    pub const ASK: DocFlags = DocFlags {
        has_tags: true,
        has_exemptions: true,
    };
}

/// The tags of one object as an `Applicability`.
pub async fn tags_of(db: &Db, object_type: &str, id: i64) -> sqlx::Result<Applicability> {
    let rows: Vec<(String, String)> = with_db!(db, |p| {
        sqlx::query_as(
            "SELECT kind, code FROM push_tags WHERE object_type = $1 AND object_id = $2 ORDER BY kind, code",
        )
        .bind(object_type)
        .bind(id)
        .fetch_all(p)
        .await
    })?;
    Ok(Applicability::from_rows(
        rows.iter().map(|(k, c)| (k.as_str(), c.as_str())),
    ))
}

/// Every tagged object of a type with its tags.
pub async fn all_tagged(db: &Db, object_type: &str) -> sqlx::Result<Vec<(i64, Applicability)>> {
    let rows: Vec<(i64, String, String)> = with_db!(db, |p| {
        sqlx::query_as(
            "SELECT object_id, kind, code FROM push_tags WHERE object_type = $1 ORDER BY object_id",
        )
        .bind(object_type)
        .fetch_all(p)
        .await
    })?;
    let mut out: Vec<(i64, Vec<(String, String)>)> = Vec::new();
    for (id, k, c) in rows {
        match out.last_mut() {
            Some((last, v)) if *last == id => v.push((k, c)),
            _ => out.push((id, vec![(k, c)])),
        }
    }
    Ok(out
        .into_iter()
        .map(|(id, v)| {
            (
                id,
                Applicability::from_rows(v.iter().map(|(k, c)| (k.as_str(), c.as_str()))),
            )
        })
        .collect())
}

/// Replace the tags of an object.
pub async fn set_tags(
    tx: &mut Tx,
    object_type: &str,
    id: i64,
    a: &Applicability,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query("DELETE FROM push_tags WHERE object_type = $1 AND object_id = $2")
            .bind(object_type)
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    for (kind, code) in a.rows() {
        with_tx!(tx, |c| {
            sqlx::query(
                "INSERT INTO push_tags (object_type, object_id, kind, code) VALUES ($1, $2, $3, $4)",
            )
            .bind(object_type)
            .bind(id)
            .bind(kind)
            .bind(&code)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// One item of a 轻微违法行为免罚清单.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct Exemption {
    pub seq: i64,
    /// 违法行为
    pub violation: String,
    /// 免罚条件
    pub conditions: String,
    /// 法律依据
    pub legal_basis: String,
}

pub async fn exemptions_of(db: &Db, document_id: i64) -> sqlx::Result<Vec<Exemption>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT seq, violation, conditions, legal_basis FROM push_exemptions WHERE document_id = $1 ORDER BY seq",
        )
        .bind(document_id)
        .fetch_all(p)
        .await
    })
}

pub async fn set_exemptions(
    tx: &mut Tx,
    document_id: i64,
    items: &[Exemption],
) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query("DELETE FROM push_exemptions WHERE document_id = $1")
            .bind(document_id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    for e in items {
        with_tx!(tx, |c| {
            sqlx::query(
                "INSERT INTO push_exemptions (document_id, seq, violation, conditions, legal_basis) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(document_id)
            .bind(e.seq)
            .bind(&e.violation)
            .bind(&e.conditions)
            .bind(&e.legal_basis)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Subscriber {
    pub id: i64,
    pub credit_code: String,
    pub name: String,
    pub email: String,
    pub industries: String,
    pub district: String,
    pub scale: String,
    pub subject: String,
    pub themes: String,
    pub state: String,
    pub token: String,
    pub created_at: DateTime<Utc>,
    pub confirmed_at: Option<DateTime<Utc>>,
    /// email, or webhook (through `platform_id`).
    pub channel: String,
    pub platform_id: Option<i64>,
    /// Bounces since the last delivered mail.
    pub bounces: i64,
}

pub(crate) const SUB_COLS: &str = "id, credit_code, name, email, industries, district, scale, subject, themes, state, token, created_at, confirmed_at, channel, platform_id, bounces";

/// What a subscription form sets.
#[derive(Debug, Clone)]
pub struct NewSubscriber {
    pub credit_code: String,
    pub name: String,
    pub email: String,
    pub industries: String,
    pub district: String,
    pub scale: String,
    pub subject: String,
    pub themes: String,
}

pub async fn insert_subscriber(tx: &mut Tx, s: &NewSubscriber, token: &str) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO push_subscribers (credit_code, name, email, industries, district, scale, subject, themes, state, token, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10, $10) RETURNING id",
        )
        .bind(&s.credit_code)
        .bind(&s.name)
        .bind(&s.email)
        .bind(&s.industries)
        .bind(&s.district)
        .bind(&s.scale)
        .bind(&s.subject)
        .bind(&s.themes)
        .bind(token)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

pub async fn update_subscriber(tx: &mut Tx, id: i64, s: &NewSubscriber) -> sqlx::Result<u64> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE push_subscribers SET name = $1, industries = $2, district = $3, scale = $4, subject = $5, themes = $6, updated_at = $7 WHERE id = $8 AND state <> 'cancelled'",
        )
        .bind(&s.name)
        .bind(&s.industries)
        .bind(&s.district)
        .bind(&s.scale)
        .bind(&s.subject)
        .bind(&s.themes)
        .bind(now())
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })
}

pub async fn subscriber_by_token(db: &Db, token: &str) -> sqlx::Result<Option<Subscriber>> {
    let sql = format!("SELECT {SUB_COLS} FROM push_subscribers WHERE token = $1");
    db.row_by(&sql, token).await
}

pub async fn subscriber(db: &Db, id: i64) -> sqlx::Result<Subscriber> {
    let sql = format!("SELECT {SUB_COLS} FROM push_subscribers WHERE id = $1");
    with_db!(db, |p| sqlx::query_as(&sql).bind(id).fetch_one(p).await)
}

/// Move a subscription from `from` to `to` (confirm, cancel); false when it was not in `from`.
pub async fn set_state(tx: &mut Tx, id: i64, from: &str, to: &str) -> sqlx::Result<bool> {
    let t = now();
    let col = if to == "active" {
        "confirmed_at"
    } else {
        "cancelled_at"
    };
    let sql = format!(
        "UPDATE push_subscribers SET state = $1, {col} = $2, updated_at = $2 WHERE id = $3 AND state = $4"
    );
    with_tx!(tx, |c| {
        sqlx::query(&sql)
            .bind(to)
            .bind(t)
            .bind(id)
            .bind(from)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected() == 1)
    })
}

/// The matcher's view of every active subscription.
pub async fn active_subscribers(db: &Db) -> sqlx::Result<Vec<Subscriber>> {
    let sql = format!("SELECT {SUB_COLS} FROM push_subscribers WHERE state = 'active' ORDER BY id");
    db.rows(&sql).await
}

pub async fn count_subscribers(db: &Db) -> sqlx::Result<Vec<(String, i64)>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT state, COUNT(*) FROM push_subscribers GROUP BY state ORDER BY state")
            .fetch_all(p)
            .await
    })
}

/// A message to queue.
pub struct NewMessage<'a> {
    pub dedupe_key: String,
    pub kind: &'a str,
    pub subscriber_id: i64,
    pub document_id: Option<i64>,
    pub channel: &'a str,
    pub why: String,
    pub open_token: String,
}

/// Queue a message unless one with the same key exists; true when queued now.
pub async fn queue(tx: &mut Tx, m: &NewMessage<'_>) -> sqlx::Result<bool> {
    with_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO push_messages (dedupe_key, kind, subscriber_id, document_id, channel, why, state, open_token, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $8) ON CONFLICT (dedupe_key) DO NOTHING",
        )
        .bind(&m.dedupe_key)
        .bind(m.kind)
        .bind(m.subscriber_id)
        .bind(m.document_id)
        .bind(m.channel)
        .bind(&m.why)
        .bind(&m.open_token)
        .bind(now())
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected() == 1)
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Message {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub subscriber_id: i64,
    pub document_id: Option<i64>,
    pub why: String,
    pub state: String,
    pub open_token: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
    pub opened_at: Option<DateTime<Utc>>,
    pub bounced_at: Option<DateTime<Utc>>,
}

impl Message {
    /// The id a receiver sees on every attempt: the mail's Message-ID local part and
    /// a platform's `X-Delivery-Id`.
    pub fn delivery_id(&self) -> String {
        format!("push-{}-{}", self.id, &self.open_token[..8])
    }

    pub fn state_label(&self) -> &'static str {
        match self.state.as_str() {
            "queued" => "待发送",
            "sending" => "发送中",
            "sent" => "已发送",
            "bounced" => "退信",
            _ => "发送失败",
        }
    }

    pub fn created(&self) -> String {
        crate::clock::fmt_local(&self.created_at)
    }
}

pub(crate) const MSG_COLS: &str = "id, kind, channel, subscriber_id, document_id, why, state, open_token, attempts, last_error, created_at, sent_at, opened_at, bounced_at";

/// Claim one due message of one of `channels`: queued and due (`next_at`, set by
/// the backoff after a failed attempt), or `sending` for longer than `stale` (its
/// worker died between claiming and recording the outcome). The claim is a guarded
/// update, so two workers never both take a message.
pub async fn claim(
    db: &Db,
    stale: DateTime<Utc>,
    at: DateTime<Utc>,
    channels: &[&'static str],
) -> sqlx::Result<Option<Message>> {
    let list = channels
        .iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(", ");
    if list.is_empty() {
        return Ok(None);
    }
    let sql = format!(
        "SELECT {MSG_COLS} FROM push_messages WHERE ((state = 'queued' AND (next_at IS NULL OR next_at <= $2)) \
         OR (state = 'sending' AND claimed_at < $1)) AND channel IN ({list}) ORDER BY id LIMIT 1"
    );
    let Some(m): Option<Message> = with_db!(db, |p| {
        sqlx::query_as(&sql)
            .bind(stale)
            .bind(at)
            .fetch_optional(p)
            .await
    })?
    else {
        return Ok(None);
    };
    let taken = with_db!(db, |p| {
        sqlx::query(
            "UPDATE push_messages SET state = 'sending', claimed_at = $1, attempts = attempts + 1 \
             WHERE id = $2 AND attempts = $3 AND state IN ('queued', 'sending')",
        )
        .bind(now())
        .bind(m.id)
        .bind(m.attempts)
        .execute(p)
        .await
        .map(|r| r.rows_affected() == 1)
    })?;
    Ok(taken.then_some(Message {
        attempts: m.attempts + 1,
        state: "sending".into(),
        ..m
    }))
}

/// Record the outcome of a delivery attempt: sent, back to queued until `next_at`
/// (retry), failed or bounced.
pub async fn finish(
    db: &Db,
    id: i64,
    state: &str,
    error: Option<&str>,
    next_at: Option<DateTime<Utc>>,
) -> sqlx::Result<()> {
    let t = now();
    let sent = (state == "sent").then_some(t);
    let bounced = (state == "bounced").then_some(t);
    with_db!(db, |p| {
        sqlx::query(
            "UPDATE push_messages SET state = $1, last_error = $2, sent_at = COALESCE($3, sent_at), \
             bounced_at = COALESCE($4, bounced_at), next_at = $5 WHERE id = $6 AND state = 'sending'",
        )
        .bind(state)
        .bind(error)
        .bind(sent)
        .bind(bounced)
        .bind(next_at)
        .bind(id)
        .execute(p)
        .await
        .map(|_| ())
    })
}

/// The first opening of a message's tracked link; returns its document.
pub async fn opened(db: &Db, token: &str) -> sqlx::Result<Option<(i64, Option<i64>)>> {
    let row: Option<(i64, Option<i64>)> = with_db!(db, |p| {
        sqlx::query_as("SELECT subscriber_id, document_id FROM push_messages WHERE open_token = $1")
            .bind(token)
            .fetch_optional(p)
            .await
    })?;
    if row.is_some() {
        with_db!(db, |p| {
            sqlx::query("UPDATE push_messages SET opened_at = $1 WHERE open_token = $2 AND opened_at IS NULL")
                .bind(now())
                .bind(token)
                .execute(p)
                .await
                .map(|r| r.rows_affected())
        })?;
    }
    Ok(row)
}

pub async fn messages_of_subscriber(db: &Db, subscriber_id: i64) -> sqlx::Result<Vec<Message>> {
    let sql = format!(
        "SELECT {MSG_COLS} FROM push_messages WHERE subscriber_id = $1 ORDER BY id DESC LIMIT 200"
    );
    db.rows_by(&sql, subscriber_id).await
}

/// Per policy: matched (queued at all), sent (delivered), failed, bounced, opened.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
pub struct PolicyStats {
    pub document_id: i64,
    pub matched: i64,
    pub sent: i64,
    pub failed: i64,
    /// 退信：收件服务器永久拒收
    pub bounced: i64,
    pub opened: i64,
}

pub async fn policy_stats(db: &Db, document_id: Option<i64>) -> sqlx::Result<Vec<PolicyStats>> {
    let filter = if document_id.is_some() {
        "AND document_id = $1"
    } else {
        "AND $1 IS NULL"
    };
    let sql = format!(
        "SELECT document_id, COUNT(*) AS matched, \
         SUM(CASE WHEN state = 'sent' THEN 1 ELSE 0 END) AS sent, \
         SUM(CASE WHEN state = 'failed' THEN 1 ELSE 0 END) AS failed, \
         SUM(CASE WHEN state = 'bounced' THEN 1 ELSE 0 END) AS bounced, \
         SUM(CASE WHEN opened_at IS NOT NULL THEN 1 ELSE 0 END) AS opened \
         FROM push_messages WHERE kind = 'policy' {filter} GROUP BY document_id ORDER BY document_id DESC LIMIT 500"
    );
    db.rows_by(&sql, document_id).await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Theme {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub intro: String,
    pub published: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Measure {
    pub id: i64,
    pub theme_id: i64,
    pub seq: i64,
    pub title: String,
    pub gives: String,
    pub conditions: String,
    pub how_to_apply: String,
    pub contact: String,
    pub basis_document_id: Option<i64>,
    pub basis_article: String,
    pub valid_until: Option<NaiveDate>,
}

pub async fn themes(db: &Db, only_published: bool) -> sqlx::Result<Vec<Theme>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, slug, title, intro, published FROM push_themes WHERE published OR NOT $1 ORDER BY id",
        )
        .bind(only_published)
        .fetch_all(p)
        .await
    })
}

pub async fn theme_by_slug(db: &Db, slug: &str) -> sqlx::Result<Option<Theme>> {
    with_db!(db, |p| {
        sqlx::query_as("SELECT id, slug, title, intro, published FROM push_themes WHERE slug = $1")
            .bind(slug)
            .fetch_optional(p)
            .await
    })
}

pub async fn measures_of(db: &Db, theme_id: i64) -> sqlx::Result<Vec<Measure>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, theme_id, seq, title, gives, conditions, how_to_apply, contact, basis_document_id, basis_article, valid_until \
             FROM push_measures WHERE theme_id = $1 ORDER BY seq, id",
        )
        .bind(theme_id)
        .fetch_all(p)
        .await
    })
}

pub async fn insert_theme(tx: &mut Tx, slug: &str, title: &str, intro: &str) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO push_themes (slug, title, intro, published, created_at, updated_at) VALUES ($1, $2, $3, FALSE, $4, $4) RETURNING id",
        )
        .bind(slug)
        .bind(title)
        .bind(intro)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}

pub async fn set_theme_published(tx: &mut Tx, id: i64, published: bool) -> sqlx::Result<u64> {
    with_tx!(tx, |c| {
        sqlx::query("UPDATE push_themes SET published = $1, updated_at = $2 WHERE id = $3")
            .bind(published)
            .bind(now())
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })
}

pub async fn insert_measure(tx: &mut Tx, m: &Measure) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO push_measures (theme_id, seq, title, gives, conditions, how_to_apply, contact, basis_document_id, basis_article, valid_until, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING id",
        )
        .bind(m.theme_id)
        .bind(m.seq)
        .bind(&m.title)
        .bind(&m.gives)
        .bind(&m.conditions)
        .bind(&m.how_to_apply)
        .bind(&m.contact)
        .bind(m.basis_document_id)
        .bind(&m.basis_article)
        .bind(m.valid_until)
        .bind(t)
        .fetch_one(&mut **c)
        .await
    })
}
