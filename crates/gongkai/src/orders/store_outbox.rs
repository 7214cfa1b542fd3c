//! SQL of 诉求工单's outbox (results pushed back to the source platform) and of the
//! daily job's reminders, each statement written once for both engines.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::model::{Deadline, EventKind, PushState, Source};
use super::store::{COLS, OrderRow};
use crate::clock::now;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

/// A result to send back to the platform an order came from.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PushBackRow {
    pub id: i64,
    pub order_id: i64,
    pub source: Source,
    pub source_no: String,
    pub event: EventKind,
    pub result: String,
    pub result_at: DateTime<Utc>,
    pub delivery_id: String,
    pub state: PushState,
    pub attempts: i64,
    pub next_at: DateTime<Utc>,
    pub last_error: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl PushBackRow {
    pub fn when(&self) -> String {
        crate::clock::fmt_local(&self.result_at)
    }
    pub fn sent(&self) -> String {
        crate::clock::fmt_local_opt(&self.sent_at)
    }
    pub fn next(&self) -> String {
        crate::clock::fmt_local(&self.next_at)
    }
}

const PB_COLS: &str = "id, order_id, source, source_no, event, result, result_at, delivery_id, state, attempts, next_at, last_error, sent_at, created_at";

/// Queue a result in the caller's transaction (the step that produced it).
pub async fn queue_push_back(
    tx: &mut Tx,
    o: &OrderRow,
    event: EventKind,
    result: &str,
    delivery_id: &str,
) -> sqlx::Result<i64> {
    let t = now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO order_pushbacks (order_id, source, source_no, event, result, result_at, delivery_id,
               state, attempts, next_at, last_error, created_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,'pending',0,$6,'',$6) RETURNING id",
        )
        .bind(o.id)
        .bind(o.source)
        .bind(&o.source_no)
        .bind(event)
        .bind(result)
        .bind(t)
        .bind(delivery_id)
        .fetch_one(&mut **c)
        .await
    })
}

/// The results of an order, oldest first (the order page).
pub async fn push_backs_of(db: &Db, order_id: i64) -> sqlx::Result<Vec<PushBackRow>> {
    let sql = format!("SELECT {PB_COLS} FROM order_pushbacks WHERE order_id = $1 ORDER BY id");
    db.rows_by(&sql, order_id).await
}

/// A result with the unit that handles its order (the day's results export).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResultRow {
    #[sqlx(flatten)]
    pub push: PushBackRow,
    pub unit_id: i64,
}

/// The results of `source`'s orders recorded in `[from, to)`, of orders of these
/// units (None: all), oldest first.
pub async fn results_between(
    db: &Db,
    source: Source,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    units: Option<&[i64]>,
) -> sqlx::Result<Vec<ResultRow>> {
    let cols = PB_COLS
        .split(", ")
        .map(|c| format!("p.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let unit_filter = units
        .map(|u| format!(" AND o.unit_id IN ({})", crate::db::id_list(u)))
        .unwrap_or_default();
    let sql = format!(
        "SELECT {cols}, o.unit_id FROM order_pushbacks p JOIN work_orders o ON o.id = p.order_id \
         WHERE p.source = $1 AND p.result_at >= $2 AND p.result_at < $3{unit_filter} \
         ORDER BY p.result_at, p.id"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(source)
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await)
}

/// Claim the next result due at `at` (pending and due, or left `sending` by a
/// worker that died before `stale`; none of `exclude`) by a guarded update; it is sent with the same
/// delivery id whoever sends it.
pub async fn claim_push_back(
    db: &Db,
    at: DateTime<Utc>,
    stale: DateTime<Utc>,
    exclude: &[i64],
) -> sqlx::Result<Option<PushBackRow>> {
    let sql = format!(
        "SELECT {PB_COLS} FROM order_pushbacks WHERE ((state = 'pending' AND next_at <= $1) \
         OR (state = 'sending' AND locked_at < $2)) AND id NOT IN ({}) ORDER BY next_at, id LIMIT 1",
        crate::db::id_list(exclude)
    );
    let Some(r): Option<PushBackRow> = with_db!(db, |p| sqlx::query_as(&sql)
        .bind(at)
        .bind(stale)
        .fetch_optional(p)
        .await)?
    else {
        return Ok(None);
    };
    let taken = with_db!(db, |p| {
        sqlx::query(
            "UPDATE order_pushbacks SET state = 'sending', locked_at = $1, attempts = attempts + 1 \
             WHERE id = $2 AND attempts = $3 AND state IN ('pending', 'sending')",
        )
        .bind(now())
        .bind(r.id)
        .bind(r.attempts)
        .execute(p)
        .await
        .map(|x| x.rows_affected() == 1)
    })?;
    Ok(taken.then_some(PushBackRow {
        attempts: r.attempts + 1,
        state: PushState::Sending,
        ..r
    }))
}

/// Record the outcome of an attempt: sent, pending again at `next_at`, or failed.
pub async fn finish_push_back(
    db: &Db,
    id: i64,
    state: PushState,
    next_at: DateTime<Utc>,
    error: &str,
) -> sqlx::Result<()> {
    let t = now();
    let sent = (state == PushState::Sent).then_some(t);
    let error: String = error.chars().take(500).collect();
    with_db!(db, |p| {
        sqlx::query(
            "UPDATE order_pushbacks SET state = $1, next_at = $2, last_error = $3, sent_at = $4, locked_at = NULL \
             WHERE id = $5 AND state = 'sending'",
        )
        .bind(state)
        .bind(next_at)
        .bind(&error)
        .bind(sent)
        .bind(id)
        .execute(p)
        .await
        .map(|_| ())
    })
}

/// Put a failed result of `order_id` back in the queue, due now, its attempts
/// counted afresh (same delivery id); false when it is not failed.
pub async fn requeue_failed(tx: &mut Tx, id: i64, order_id: i64) -> sqlx::Result<bool> {
    with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE order_pushbacks SET state = 'pending', attempts = 0, next_at = $1, last_error = '' \
             WHERE id = $2 AND order_id = $3 AND state = 'failed'",
        )
        .bind(now())
        .bind(id)
        .bind(order_id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected() == 1)
    })
}

/// Every order on the clock (the daily job's reminders).
pub async fn running(db: &Db) -> sqlx::Result<Vec<OrderRow>> {
    let sql = format!(
        "SELECT {COLS} FROM work_orders WHERE status IN ('received', 'accepted') ORDER BY id"
    );
    db.rows(&sql).await
}

/// Record a reminder for the unit's handlers once per order, deadline and due
/// date; 1 when it is new.
pub async fn raise_reminder(
    db: &Db,
    o: &OrderRow,
    deadline: Deadline,
    overdue: bool,
    due_on: NaiveDate,
) -> sqlx::Result<u64> {
    with_db!(db, |p| {
        sqlx::query(
            "INSERT INTO order_reminders (order_id, unit_id, deadline, kind, due_on, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (order_id, deadline, due_on) DO NOTHING",
        )
        .bind(o.id)
        .bind(o.unit_id)
        .bind(deadline)
        .bind(if overdue { "overdue" } else { "due_soon" })
        .bind(due_on)
        .bind(now())
        .execute(p)
        .await
        .map(|r| r.rows_affected())
    })
}

/// A recorded reminder: (deadline code, kind, due date).
pub type Reminder = (String, String, NaiveDate);

/// The reminders of these orders, oldest first, by order.
pub async fn reminders_of(db: &Db, ids: &[i64]) -> sqlx::Result<BTreeMap<i64, Vec<Reminder>>> {
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let sql = format!(
        "SELECT order_id, deadline, kind, due_on FROM order_reminders WHERE order_id IN ({}) ORDER BY id",
        crate::db::id_list(ids)
    );
    let rows: Vec<(i64, String, String, NaiveDate)> = db.rows(&sql).await?;
    let mut out: BTreeMap<i64, Vec<Reminder>> = BTreeMap::new();
    for (id, d, k, due) in rows {
        out.entry(id).or_default().push((d, k, due));
    }
    Ok(out)
}
