//! SQL of 网民留言, each statement written once for both engines.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{MessageKind, MessageStatus};
use crate::db::{Arg, Db, Page, Tx, Where, page_where};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub id: i64,
    pub receipt_no: String,
    pub query_code: String,
    pub kind: MessageKind,
    pub subject: String,
    pub content: String,
    pub writer_name: String,
    pub phone: String,
    pub email: String,
    pub consent: bool,
    pub unit_id: i64,
    pub status: MessageStatus,
    pub duplicate_of: Option<i64>,
    pub submitted_on: NaiveDate,
    pub sign_due: Option<NaiveDate>,
    pub reply_due: Option<NaiveDate>,
    pub signed_on: Option<NaiveDate>,
    pub extended: bool,
    pub extension_reason: String,
    pub reply: String,
    pub drafted_by: Option<i64>,
    pub reviewed_by: Option<i64>,
    pub replied_on: Option<NaiveDate>,
    pub reject_reason: String,
    pub withhold_reason: String,
    pub masked_subject: String,
    pub masked_content: String,
    pub masked_reply: String,
    pub published_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub rating: Option<super::model::Rating>,
    pub rating_comment: String,
    pub reopened: bool,
}

pub const COLS: &str = "id, receipt_no, query_code, kind, subject, content, writer_name, phone, email, consent,
  unit_id, status, duplicate_of, submitted_on, sign_due, reply_due, signed_on, extended, extension_reason, reply,
  drafted_by, reviewed_by, replied_on, reject_reason, withhold_reason, masked_subject, masked_content,
  masked_reply, published_on, created_at, rating, rating_comment, reopened";

/// What the portal may read of a published letter: masked texts only.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PublicRow {
    pub id: i64,
    pub receipt_no: String,
    pub kind: MessageKind,
    pub unit_id: i64,
    pub unit_name: String,
    pub masked_subject: String,
    pub masked_content: String,
    pub masked_reply: String,
    pub submitted_on: NaiveDate,
    pub replied_on: Option<NaiveDate>,
}

/// Which letters are public (the portal's list and page, site search): published
/// ones, read through [`PUBLIC_COLS`] only (`m` is `interact_messages`, `u` its unit).
pub const PUBLIC: &str = "m.status = 'published'";

pub const PUBLIC_COLS: &str =
    "m.id, m.receipt_no, m.kind, m.unit_id, u.name AS unit_name, m.masked_subject,
  m.masked_content, m.masked_reply, m.submitted_on, m.replied_on";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StepRow {
    pub on_date: NaiveDate,
    pub action: super::model::Step,
    pub note: String,
    pub actor: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub sha256: String,
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<MessageRow>> {
    let sql = format!("SELECT {COLS} FROM interact_messages WHERE id = $1");
    db.row_by(&sql, id).await
}

pub async fn by_receipt(db: &Db, no: &str) -> sqlx::Result<Option<MessageRow>> {
    let sql = format!("SELECT {COLS} FROM interact_messages WHERE receipt_no = $1");
    db.row_by(&sql, no).await
}

/// Every open letter (the daily job's reminders).
pub async fn open_letters(db: &Db) -> sqlx::Result<Vec<MessageRow>> {
    let sql = format!(
        "SELECT {COLS} FROM interact_messages WHERE status IN ('submitted','handling','review') ORDER BY id"
    );
    db.rows(&sql).await
}

/// Record a reminder for the handlers of `unit_id` once per letter, deadline and
/// due date (as `foi::store::raise_reminder`); 1 when it is new.
pub async fn raise_reminder(
    db: &Db,
    m: &MessageRow,
    deadline: &str,
    kind: &str,
    due_on: NaiveDate,
) -> sqlx::Result<u64> {
    with_db!(db, |p| {
        sqlx::query(
            "INSERT INTO interact_reminders (message_id, unit_id, deadline, kind, due_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (message_id, deadline, due_on) DO NOTHING",
        )
        .bind(m.id)
        .bind(m.unit_id)
        .bind(deadline)
        .bind(kind)
        .bind(due_on)
        .bind(crate::clock::now())
        .execute(p)
        .await
        .map(|r| r.rows_affected())
    })
}

/// A reminder still open: its letter is open and the deadline it was raised for is
/// still the letter's current one (签收 while not signed, the reply deadline while
/// not answered; an extension or a reopening brings a new deadline and a new
/// reminder).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReminderRow {
    pub message_id: i64,
    pub receipt_no: String,
    pub subject: String,
    pub unit_id: i64,
    /// `sign` | `reply`
    pub deadline: String,
    pub due_on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

const REMINDER_COLS: &str =
    "r.message_id, m.receipt_no, m.subject, m.unit_id, r.deadline, r.due_on, r.created_at";

const OPEN_REMINDERS: &str = "interact_reminders r JOIN interact_messages m ON m.id = r.message_id";

fn open_reminder_filter(units: Option<&[i64]>) -> Where {
    let mut w = Where::new();
    w.raw(
        "((r.deadline = 'sign' AND m.status = 'submitted' AND m.sign_due = r.due_on)
          OR (r.deadline = 'reply' AND m.status IN ('submitted','handling','review') AND m.reply_due = r.due_on))",
    );
    // The letter's current unit: a transferred letter's reminders go with it.
    w.in_units("m.unit_id", units);
    w
}

/// Open reminders of letters of `units` (None: all), earliest deadline first.
pub async fn open_reminders(
    db: &Db,
    units: Option<&[i64]>,
    page: Page,
) -> sqlx::Result<(Vec<ReminderRow>, i64)> {
    page_where(
        db,
        REMINDER_COLS,
        OPEN_REMINDERS,
        &open_reminder_filter(units),
        "r.due_on, r.message_id, r.deadline",
        page,
    )
    .await
}

/// Open reminders of the letters `ids` (the markers of the back-office list).
pub async fn open_reminders_of(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<ReminderRow>> {
    let w = open_reminder_filter(None);
    let sql = format!(
        "SELECT {REMINDER_COLS} FROM {OPEN_REMINDERS}{} AND r.message_id IN ({}) ORDER BY r.due_on",
        w.clause(),
        crate::db::id_list(ids)
    );
    db.rows(&sql).await
}

/// Letters from `phone` since `since`, newest first (rate limit, duplicates).
pub async fn recent_from(
    db: &Db,
    phone: &str,
    since: DateTime<Utc>,
) -> sqlx::Result<Vec<MessageRow>> {
    let sql = format!(
        "SELECT {COLS} FROM interact_messages WHERE phone = $1 AND created_at >= $2 ORDER BY id DESC"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(phone)
        .bind(since)
        .fetch_all(p)
        .await)
}

/// The back-office list: letters of `units` (None: all), optionally in one status,
/// duplicates left out; oldest deadline first.
pub async fn list(
    db: &Db,
    units: Option<&[i64]>,
    status: Option<MessageStatus>,
    open_only: bool,
    page: Page,
) -> sqlx::Result<(Vec<MessageRow>, i64)> {
    let mut w = Where::new();
    w.raw("status <> 'duplicate'");
    w.in_units("unit_id", units);
    if let Some(s) = status {
        w.push("status = ?", Arg::Text(s.code().into()));
    }
    if open_only {
        w.raw("status IN ('submitted', 'handling', 'review')");
    }
    page_where(
        db,
        COLS,
        "interact_messages",
        &w,
        "CASE WHEN status IN ('submitted','handling','review') THEN 0 ELSE 1 END, reply_due, id DESC",
        page,
    )
    .await
}

/// Filters of the public list.
#[derive(Debug, Clone, Default)]
pub struct PublicFilter {
    pub kind: Option<MessageKind>,
    pub unit_id: Option<i64>,
    pub year: Option<i32>,
    pub q: String,
}

pub async fn published(
    db: &Db,
    f: &PublicFilter,
    page: Page,
) -> sqlx::Result<(Vec<PublicRow>, i64)> {
    let mut w = Where::new();
    w.raw(PUBLIC);
    if let Some(k) = f.kind {
        w.push("m.kind = ?", Arg::Text(k.code().into()));
    }
    if let Some(u) = f.unit_id {
        w.push("m.unit_id = ?", Arg::Int(u));
    }
    if let Some(y) = f.year
        && let (Some(a), Some(b)) = (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        )
    {
        w.push("m.replied_on >= ?", Arg::Date(a));
        w.push("m.replied_on <= ?", Arg::Date(b));
    }
    if !f.q.is_empty() {
        let like = format!("%{}%", f.q.replace(['%', '_'], ""));
        w.push(
            "(m.masked_subject LIKE ? OR m.masked_content LIKE ? OR m.masked_reply LIKE ?)",
            Arg::Text(like),
        );
    }
    page_where(
        db,
        PUBLIC_COLS,
        "interact_messages m JOIN units u ON u.id = m.unit_id",
        &w,
        "m.replied_on DESC, m.id DESC",
        page,
    )
    .await
}

pub async fn published_one(db: &Db, id: i64) -> sqlx::Result<Option<PublicRow>> {
    let sql = format!(
        "SELECT {PUBLIC_COLS} FROM interact_messages m JOIN units u ON u.id = m.unit_id
         WHERE m.id = $1 AND {PUBLIC}"
    );
    db.row_by(&sql, id).await
}

pub async fn steps(db: &Db, id: i64) -> sqlx::Result<Vec<StepRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT on_date, action, note, actor FROM interact_message_steps WHERE message_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(p)
        .await
    })
}

pub async fn files(db: &Db, id: i64) -> sqlx::Result<Vec<FileRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, name, mime, size, sha256 FROM interact_message_files WHERE message_id = $1 ORDER BY id",
        )
        .bind(id)
        .fetch_all(p)
        .await
    })
}

/// Record a step of a letter inside the caller's transaction.
pub async fn add_step(
    tx: &mut Tx,
    id: i64,
    on: NaiveDate,
    step: super::model::Step,
    note: &str,
    actor: &str,
) -> sqlx::Result<()> {
    let now = crate::clock::now();
    with_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO interact_message_steps (message_id, on_date, action, note, actor, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(on)
        .bind(step.code())
        .bind(note)
        .bind(actor)
        .bind(now)
        .execute(&mut **c)
        .await
        .map(|_| ())
    })
}

/// One-statement update of a letter's columns inside a transaction: `set` is a
/// fixed SQL fragment with `$2…` placeholders bound from `args`; `$1` is the id.
/// Returns the rows changed (0: the letter was not in `from` status any more).
pub async fn update(
    tx: &mut Tx,
    id: i64,
    from: &[super::model::MessageStatus],
    set: &str,
    args: Vec<Arg>,
) -> sqlx::Result<u64> {
    let states = from
        .iter()
        .map(|s| format!("'{}'", s.code()))
        .collect::<Vec<_>>()
        .join(",");
    let sql = format!(
        "UPDATE interact_messages SET {set}, updated_at = ${} WHERE id = $1 AND status IN ({states})",
        args.len() + 2
    );
    let now = crate::clock::now();
    with_tx!(tx, |c| {
        let mut q = sqlx::query(&sql).bind(id);
        for a in &args {
            q = match a {
                Arg::Text(s) => q.bind(s.clone()),
                Arg::Int(i) => q.bind(*i),
                Arg::Date(d) => q.bind(*d),
                Arg::Time(t) => q.bind(*t),
            };
        }
        q.bind(now)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })
}

/// Store a new challenge and forget expired ones.
pub async fn add_challenge(
    db: &Db,
    token: &str,
    answer: i64,
    expires: DateTime<Utc>,
) -> sqlx::Result<()> {
    let now = crate::clock::now();
    with_db!(db, |p| {
        sqlx::query("DELETE FROM interact_challenges WHERE expires_at < $1")
            .bind(now)
            .execute(p)
            .await?;
        sqlx::query(
            "INSERT INTO interact_challenges (token, answer, expires_at) VALUES ($1, $2, $3)",
        )
        .bind(token)
        .bind(answer)
        .bind(expires)
        .execute(p)
        .await
        .map(|_| ())
    })
}

/// Take a challenge (one use): its answer if it exists and has not expired.
pub async fn take_challenge(db: &Db, token: &str) -> sqlx::Result<Option<i64>> {
    let now = crate::clock::now();
    with_db!(db, |p| {
        sqlx::query_scalar(
            "DELETE FROM interact_challenges WHERE token = $1 AND expires_at >= $2 RETURNING answer",
        )
        .bind(token)
        .bind(now)
        .fetch_optional(p)
        .await
    })
}

/// Counts for the public statistics: letters received and closed in a period.
pub async fn counts_between(db: &Db, from: NaiveDate, to: NaiveDate) -> sqlx::Result<(i64, i64)> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT COUNT(*),
               COALESCE(SUM(CASE WHEN status IN ('published','answered','rejected') THEN 1 ELSE 0 END), 0)
             FROM interact_messages WHERE status <> 'duplicate' AND submitted_on >= $1 AND submitted_on <= $2",
        )
        .bind(from)
        .bind(to)
        .fetch_one(p)
        .await
    })
}

/// One letter as the statistics see it: no text, no personal data.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StatsRow {
    pub unit_id: i64,
    pub kind: MessageKind,
    pub status: MessageStatus,
    pub submitted_on: NaiveDate,
    pub replied_on: Option<NaiveDate>,
    pub reply_due: Option<NaiveDate>,
    pub rating: Option<super::model::Rating>,
}

/// Letters received from `from` to `to` (inclusive) of `units` (None: all),
/// duplicates left out (they are counted in their original).
pub async fn stats_rows(
    db: &Db,
    from: NaiveDate,
    to: NaiveDate,
    units: Option<&[i64]>,
) -> sqlx::Result<Vec<StatsRow>> {
    let unit_filter = units
        .map(|u| format!(" AND unit_id IN ({})", crate::db::id_list(u)))
        .unwrap_or_default();
    let sql = format!(
        "SELECT unit_id, kind, status, submitted_on, replied_on, reply_due, rating FROM interact_messages
         WHERE status <> 'duplicate' AND submitted_on >= $1 AND submitted_on <= $2{unit_filter}
         ORDER BY submitted_on, id"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await)
}
