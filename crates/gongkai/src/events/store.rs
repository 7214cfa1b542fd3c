//! SQL of 公众开放日, each statement written once for both engines. A session's row is
//! the lock of its seats: every change of `seats_taken` starts with an UPDATE of that
//! row, so on PostgreSQL concurrent registrations and cancellations of one session
//! queue behind each other (and on SQLite the first statement is a write, so the
//! transaction holds the single writer lock from its start).

use chrono::{DateTime, Utc};

use super::model::{Audience, RegStatus, Selection};
use crate::db::{Db, Page, Tx, Where, page_where};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub programme: String,
    pub accessibility: String,
    pub audience: Audience,
    pub max_group: i64,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub published: bool,
    pub report: String,
    pub unit_id: i64,
    pub created_at: DateTime<Utc>,
}

const EVENT_COLS: &str =
    "id, title, description, programme, accessibility, audience, max_group, opens_at,
  closes_at, published, report, unit_id, created_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub id: i64,
    pub event_id: i64,
    pub place: String,
    pub starts_at: DateTime<Utc>,
    pub capacity: i64,
    pub seats_taken: i64,
    pub selection: Selection,
    pub draw_beacon: Option<String>,
    pub draw_commitment: Option<String>,
    pub draw_secret: Option<String>,
    pub draw_committed_at: Option<DateTime<Utc>>,
    pub draw_record: Option<String>,
    pub drawn_at: Option<DateTime<Utc>>,
}

const SESSION_COLS: &str =
    "id, event_id, place, starts_at, capacity, seats_taken, selection, draw_beacon,
  draw_commitment, draw_secret, draw_committed_at, draw_record, drawn_at";

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegRow {
    pub id: i64,
    pub session_id: i64,
    pub code: String,
    pub name: String,
    pub phone: String,
    pub group_size: i64,
    pub id_type: String,
    pub status: RegStatus,
    pub queue_pos: i64,
    pub promoted_at: Option<DateTime<Utc>>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

const REG_COLS: &str = "id, session_id, code, name, phone, group_size, id_type, status, queue_pos,
  promoted_at, checked_in_at, cancelled_at, created_at";

pub struct NewEvent {
    pub title: String,
    pub description: String,
    pub programme: String,
    pub accessibility: String,
    pub audience: Audience,
    pub max_group: i64,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub unit_id: i64,
}

pub async fn events(db: &Db, published_only: bool) -> sqlx::Result<Vec<EventRow>> {
    let filter = if published_only {
        "WHERE published = TRUE"
    } else {
        ""
    };
    let sql = format!("SELECT {EVENT_COLS} FROM events {filter} ORDER BY opens_at DESC, id DESC");
    db.rows(&sql).await
}

/// A page of events, newest first: of the units given (None: all), published only
/// or all.
pub async fn events_page(
    db: &Db,
    units: Option<&[i64]>,
    published_only: bool,
    page: Page,
) -> sqlx::Result<(Vec<EventRow>, i64)> {
    let mut w = Where::new();
    w.in_units("unit_id", units);
    if published_only {
        w.raw("published = TRUE".to_string());
    }
    page_where(db, EVENT_COLS, "events", &w, "opens_at DESC, id DESC", page).await
}

pub async fn event(db: &Db, id: i64) -> sqlx::Result<Option<EventRow>> {
    let sql = format!("SELECT {EVENT_COLS} FROM events WHERE id = $1");
    db.row_by(&sql, id).await
}

pub async fn sessions(db: &Db, event_id: i64) -> sqlx::Result<Vec<SessionRow>> {
    Ok(crate::db::rows_for(
        sessions_of(db, &[event_id]).await?,
        event_id,
    ))
}

/// The sessions of several events (a list), grouped by event, one query.
pub async fn sessions_of(
    db: &Db,
    ids: &[i64],
) -> sqlx::Result<std::collections::HashMap<i64, Vec<SessionRow>>> {
    let sql = format!(
        "SELECT {SESSION_COLS} FROM event_sessions WHERE event_id IN ({}) ORDER BY starts_at, id",
        crate::db::id_list(ids)
    );
    Ok(crate::db::grouped(
        db.rows_once(&sql).await?,
        |s: &SessionRow| s.event_id,
    ))
}

pub async fn session(db: &Db, id: i64) -> sqlx::Result<Option<SessionRow>> {
    let sql = format!("SELECT {SESSION_COLS} FROM event_sessions WHERE id = $1");
    db.row_by(&sql, id).await
}

pub async fn insert_event(tx: &mut Tx, e: &NewEvent) -> sqlx::Result<i64> {
    with_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO events (title, description, programme, accessibility, audience, max_group, opens_at,
           closes_at, published, unit_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, FALSE, $9, $10) RETURNING id"
    )
    .bind(&e.title)
    .bind(&e.description)
    .bind(&e.programme)
    .bind(&e.accessibility)
    .bind(e.audience)
    .bind(e.max_group)
    .bind(e.opens_at)
    .bind(e.closes_at)
    .bind(e.unit_id)
    .bind(crate::clock::now())
    .fetch_one(&mut **c)
    .await
    })
}

pub async fn set_published(tx: &mut Tx, id: i64, published: bool) -> sqlx::Result<u64> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE events SET published = $1 WHERE id = $2"
    )
    .bind(published)
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))
}

pub async fn set_report(tx: &mut Tx, id: i64, report: &str) -> sqlx::Result<u64> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE events SET report = $1 WHERE id = $2"
    )
    .bind(report)
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))
}

pub async fn insert_session(
    tx: &mut Tx,
    event_id: i64,
    place: &str,
    starts_at: DateTime<Utc>,
    capacity: i64,
) -> sqlx::Result<i64> {
    with_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO event_sessions (event_id, place, starts_at, capacity) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(event_id)
    .bind(place)
    .bind(starts_at)
    .bind(capacity)
    .fetch_one(&mut **c)
    .await
    })
}

/// Lock a session's row for the rest of the transaction (a write that changes
/// nothing) and read it.
pub async fn lock_session(tx: &mut Tx, id: i64) -> sqlx::Result<Option<SessionRow>> {
    let sql = format!(
        "UPDATE event_sessions SET seats_taken = seats_taken WHERE id = $1 RETURNING {SESSION_COLS}"
    );
    with_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut **c)
        .await)
}

pub async fn add_seats(tx: &mut Tx, id: i64, delta: i64) -> sqlx::Result<()> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE event_sessions SET seats_taken = seats_taken + $1 WHERE id = $2"
    )
    .bind(delta)
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|_| ()))
}

/// A live (not cancelled) registration with this phone in this session.
pub async fn live_by_phone(tx: &mut Tx, session_id: i64, phone: &str) -> sqlx::Result<bool> {
    let n: i64 = with_tx!(tx, |c| {
        sqlx::query_scalar(
        "SELECT COUNT(*) FROM event_registrations WHERE session_id = $1 AND phone = $2 AND status <> 'cancelled'"
    )
    .bind(session_id)
    .bind(phone)
    .fetch_one(&mut **c)
    .await
    })?;
    Ok(n > 0)
}

pub struct NewReg<'a> {
    pub session_id: i64,
    pub code: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub group_size: i64,
    pub id_type: &'a str,
    pub status: RegStatus,
}

pub async fn insert_reg(tx: &mut Tx, r: &NewReg<'_>) -> sqlx::Result<i64> {
    with_tx!(tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO event_registrations (session_id, code, name, phone, group_size, id_type, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"
    )
    .bind(r.session_id)
    .bind(r.code)
    .bind(r.name)
    .bind(r.phone)
    .bind(r.group_size)
    .bind(r.id_type)
    .bind(r.status)
    .bind(crate::clock::now())
    .fetch_one(&mut **c)
    .await
    })
}

pub async fn reg_by_code(db: &Db, code: &str) -> sqlx::Result<Option<RegRow>> {
    let sql = format!("SELECT {REG_COLS} FROM event_registrations WHERE code = $1");
    db.row_by(&sql, code).await
}

/// Cancel a live registration by its code; returns it with the status it had (None:
/// no such live registration). The first UPDATE locks the row and keeps the status
/// for RETURNING; a concurrent cancellation of the same code then finds none.
pub async fn cancel(tx: &mut Tx, code: &str) -> sqlx::Result<Option<RegRow>> {
    let sql = format!(
        "UPDATE event_registrations SET cancelled_at = $1
         WHERE code = $2 AND status <> 'cancelled' AND cancelled_at IS NULL AND checked_in_at IS NULL
         RETURNING {REG_COLS}"
    );
    let Some(r): Option<RegRow> = with_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(crate::clock::now())
        .bind(code)
        .fetch_optional(&mut **c)
        .await)?
    else {
        return Ok(None);
    };
    with_tx!(tx, |c| sqlx::query(
        "UPDATE event_registrations SET status = 'cancelled' WHERE id = $1"
    )
    .bind(r.id)
    .execute(&mut **c)
    .await
    .map(|_| ()))?;
    Ok(Some(r))
}

/// The waitlist of a session in queue order: (id, group size).
pub async fn waitlist(tx: &mut Tx, session_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    with_tx!(tx, |c| {
        sqlx::query_as(
        "SELECT id, group_size FROM event_registrations WHERE session_id = $1 AND status = 'waitlisted'
         ORDER BY queue_pos, id"
    )
    .bind(session_id)
    .fetch_all(&mut **c)
    .await
    })
}

/// Give a waitlisted registration its seat; false when it is no longer waitlisted.
pub async fn promote(tx: &mut Tx, id: i64) -> sqlx::Result<bool> {
    with_tx!(tx, |c| {
        sqlx::query(
        "UPDATE event_registrations SET status = 'confirmed', promoted_at = $1 WHERE id = $2 AND status = 'waitlisted'"
    )
    .bind(crate::clock::now())
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected() == 1)
    })
}

pub async fn set_status(
    tx: &mut Tx,
    id: i64,
    status: RegStatus,
    queue_pos: i64,
) -> sqlx::Result<()> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE event_registrations SET status = $1, queue_pos = $2 WHERE id = $3"
    )
    .bind(status)
    .bind(queue_pos)
    .bind(id)
    .execute(&mut **c)
    .await
    .map(|_| ()))
}

/// Turn every live registration of a session into an application for the draw.
pub async fn all_to_applied(tx: &mut Tx, session_id: i64) -> sqlx::Result<()> {
    with_tx!(tx, |c| {
        sqlx::query(
        "UPDATE event_registrations SET status = 'applied' WHERE session_id = $1 AND status <> 'cancelled'"
    )
    .bind(session_id)
    .execute(&mut **c)
    .await
    .map(|_| ())
    })?;
    with_tx!(tx, |c| sqlx::query(
        "UPDATE event_sessions SET seats_taken = 0, selection = 'draw' WHERE id = $1"
    )
    .bind(session_id)
    .execute(&mut **c)
    .await
    .map(|_| ()))
}

pub async fn regs_in(tx: &mut Tx, session_id: i64) -> sqlx::Result<Vec<RegRow>> {
    let sql =
        format!("SELECT {REG_COLS} FROM event_registrations WHERE session_id = $1 ORDER BY id");
    with_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(session_id)
        .fetch_all(&mut **c)
        .await)
}

pub async fn regs(db: &Db, session_id: i64) -> sqlx::Result<Vec<RegRow>> {
    let sql = format!(
        "SELECT {REG_COLS} FROM event_registrations WHERE session_id = $1 ORDER BY status, queue_pos, id"
    );
    db.rows_by(&sql, session_id).await
}

/// The registrations of every session of an event, by session (one query).
pub async fn regs_of_event(
    db: &Db,
    event_id: i64,
) -> sqlx::Result<std::collections::HashMap<i64, Vec<RegRow>>> {
    let sql = format!(
        "SELECT {REG_COLS} FROM event_registrations WHERE session_id IN \
         (SELECT id FROM event_sessions WHERE event_id = $1) ORDER BY status, queue_pos, id"
    );
    Ok(crate::db::grouped(
        db.rows_by(&sql, event_id).await?,
        |r: &RegRow| r.session_id,
    ))
}

pub async fn commit_draw(
    tx: &mut Tx,
    session_id: i64,
    beacon: &str,
    commitment: &str,
    secret: &str,
) -> sqlx::Result<u64> {
    crate::draws::store_commitment(tx, "event_sessions", session_id, beacon, commitment, secret)
        .await
}

pub async fn save_draw(tx: &mut Tx, session_id: i64, record: &str) -> sqlx::Result<u64> {
    crate::draws::store_record(tx, "event_sessions", session_id, record).await
}

/// Mark arrival once; false when the code is unknown, not confirmed or already in.
pub async fn check_in(tx: &mut Tx, code: &str) -> sqlx::Result<u64> {
    with_tx!(tx, |c| sqlx::query(
        "UPDATE event_registrations SET checked_in_at = $1
         WHERE code = $2 AND status = 'confirmed' AND checked_in_at IS NULL"
    )
    .bind(crate::clock::now())
    .bind(code)
    .execute(&mut **c)
    .await
    .map(|r| r.rows_affected()))
}

/// Per session and status: registrations, people, people checked in.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CountRow {
    pub session_id: i64,
    pub status: RegStatus,
    pub regs: i64,
    pub people: i64,
    pub arrived: i64,
}

/// The counts of every session of the events given.
pub async fn counts_of(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<CountRow>> {
    let sql = format!(
        "SELECT r.session_id, r.status, COUNT(*) AS regs, CAST(SUM(r.group_size) AS BIGINT) AS people,
           CAST(SUM(CASE WHEN r.checked_in_at IS NULL THEN 0 ELSE r.group_size END) AS BIGINT) AS arrived
         FROM event_registrations r JOIN event_sessions s ON s.id = r.session_id
         WHERE s.event_id IN ({}) GROUP BY r.session_id, r.status",
        crate::db::id_list(ids)
    );
    db.rows_once(&sql).await
}

/// The waitlist of a session in queue order, outside a transaction (the progress page).
pub async fn queue(db: &Db, session_id: i64) -> sqlx::Result<Vec<(i64, i64)>> {
    with_db!(db, |p| {
        sqlx::query_as(
        "SELECT id, group_size FROM event_registrations WHERE session_id = $1 AND status = 'waitlisted'
         ORDER BY queue_pos, id"
    )
    .bind(session_id)
    .fetch_all(p)
    .await
    })
}
