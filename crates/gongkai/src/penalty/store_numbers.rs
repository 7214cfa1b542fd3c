//! Storage of 暂停通讯工具号码 (suspended numbers), SQL only; the audited changes are
//! in `service.rs`.

use chrono::NaiveDate;

use crate::db::{Db, Page, Tx};
use crate::error::AppError;
use crate::{with_db, with_tx};

pub async fn number_unit(db: &Db, id: i64) -> Result<i64, AppError> {
    let u: Option<i64> = with_db!(db, |p| {
        sqlx::query_scalar("SELECT unit_id FROM suspended_numbers WHERE id = $1")
            .bind(id)
            .fetch_optional(p)
            .await
    })?;
    u.ok_or(AppError::NotFound)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NumberRow {
    pub id: i64,
    pub unit_id: i64,
    pub number: String,
    pub masked: String,
    pub suspended_on: NaiveDate,
    pub reason: String,
    pub status: String,
    pub lifted_on: Option<NaiveDate>,
    pub lift_reason: Option<String>,
}

pub async fn numbers(db: &Db, page: Page) -> sqlx::Result<(Vec<NumberRow>, i64)> {
    let sql = format!(
        "SELECT id, unit_id, number, masked, suspended_on, reason, status, lifted_on, lift_reason FROM suspended_numbers
         ORDER BY suspended_on DESC, id DESC LIMIT {} OFFSET {}",
        page.size,
        page.offset()
    );
    let rows: Vec<NumberRow> = with_db!(db, |p| { sqlx::query_as(&sql).fetch_all(p).await })?;
    let total: i64 = with_db!(db, |p| {
        sqlx::query_scalar("SELECT COUNT(*) FROM suspended_numbers")
            .fetch_one(p)
            .await
    })?;
    Ok((rows, total))
}

pub async fn add_number(
    tx: &mut Tx,
    unit_id: i64,
    number: &str,
    masked: &str,
    on: NaiveDate,
    reason: &str,
) -> sqlx::Result<i64> {
    let now = crate::clock::now();
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "INSERT INTO suspended_numbers (unit_id, number, masked, suspended_on, reason, status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, 'suspended', $6, $6) RETURNING id",
        )
        .bind(unit_id)
        .bind(number)
        .bind(masked)
        .bind(on)
        .bind(reason)
        .bind(now)
        .fetch_one(&mut **x)
        .await
    })
}

/// Lift a suspended number on `on` (not before it was suspended); false when it is
/// not suspended or `on` is too early.
pub async fn lift_number(tx: &mut Tx, id: i64, on: NaiveDate, reason: &str) -> sqlx::Result<bool> {
    let n = with_tx!(tx, |x| {
        sqlx::query(
            "UPDATE suspended_numbers SET status = 'lifted', lifted_on = $1, lift_reason = $2, updated_at = $3
             WHERE id = $4 AND status = 'suspended' AND suspended_on <= $1",
        )
        .bind(on)
        .bind(reason)
        .bind(crate::clock::now())
        .bind(id)
        .execute(&mut **x)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n > 0)
}
