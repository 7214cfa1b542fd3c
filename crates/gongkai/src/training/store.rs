//! SQL of 培训记录, each statement written once for both engines.

use chrono::{DateTime, NaiveDate, Utc};

use super::model::TrainingInput;
use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TrainingRow {
    pub id: i64,
    pub held_on: NaiveDate,
    pub topic: String,
    pub audience: String,
    pub attendance: i64,
    pub organiser: String,
    pub note: String,
    /// The organ whose annual report counts the session (None: entered before
    /// sessions named it — the bureau's).
    pub unit_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLS: &str =
    "id, held_on, topic, audience, attendance, organiser, note, unit_id, created_at, updated_at";

/// The sessions held in `year` (all years when `None`), newest first.
pub async fn list(db: &Db, year: Option<i32>) -> sqlx::Result<Vec<TrainingRow>> {
    let (from, to) = match year.and_then(|y| {
        Some((
            NaiveDate::from_ymd_opt(y, 1, 1)?,
            NaiveDate::from_ymd_opt(y, 12, 31)?,
        ))
    }) {
        Some(r) => r,
        None => (
            NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default(),
        ),
    };
    let sql = format!(
        "SELECT {COLS} FROM trainings WHERE held_on >= $1 AND held_on <= $2 ORDER BY held_on DESC, id DESC LIMIT 5000"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(from)
        .bind(to)
        .fetch_all(p)
        .await)
}

/// The years that have sessions, newest first.
pub async fn years(db: &Db) -> sqlx::Result<Vec<i32>> {
    let days: Vec<NaiveDate> = with_db!(db, |p| sqlx::query_scalar(
        "SELECT held_on FROM trainings ORDER BY held_on DESC"
    )
    .fetch_all(p)
    .await)?;
    let mut out: Vec<i32> = days.iter().map(chrono::Datelike::year).collect();
    out.dedup();
    Ok(out)
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<TrainingRow>> {
    let sql = format!("SELECT {COLS} FROM trainings WHERE id = $1");
    db.row_by(&sql, id).await
}

pub async fn insert(tx: &mut Tx, t: &TrainingInput, by: Option<i64>) -> sqlx::Result<i64> {
    let at = crate::clock::now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO trainings (held_on, topic, audience, attendance, organiser, note, created_by, created_at, updated_at, unit_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id",
        )
        .bind(t.held_on)
        .bind(&t.topic)
        .bind(&t.audience)
        .bind(t.attendance)
        .bind(&t.organiser)
        .bind(&t.note)
        .bind(by)
        .bind(at)
        .bind(t.unit_id)
        .fetch_one(&mut **c)
        .await
    })
}

/// Change a session; false when there is none with that id.
pub async fn update(tx: &mut Tx, id: i64, t: &TrainingInput) -> sqlx::Result<bool> {
    let at = crate::clock::now();
    let n = with_tx!(tx, |c| {
        sqlx::query(
            "UPDATE trainings SET held_on = $1, topic = $2, audience = $3, attendance = $4, organiser = $5, \
             note = $6, updated_at = $7, unit_id = $8 WHERE id = $9",
        )
        .bind(t.held_on)
        .bind(&t.topic)
        .bind(&t.audience)
        .bind(t.attendance)
        .bind(&t.organiser)
        .bind(&t.note)
        .bind(at)
        .bind(t.unit_id)
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Remove a session, returning it; `None` when there was none.
pub async fn delete(tx: &mut Tx, id: i64) -> sqlx::Result<Option<TrainingRow>> {
    let sql = format!("SELECT {COLS} FROM trainings WHERE id = $1");
    let row: Option<TrainingRow> = with_tx!(tx, |c| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut **c)
        .await)?;
    if row.is_some() {
        with_tx!(tx, |c| sqlx::query("DELETE FROM trainings WHERE id = $1")
            .bind(id)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(row)
}
