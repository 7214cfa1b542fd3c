//! The years added in the back office (`workday_years`).

use crate::db::Tx;

/// Insert or replace one year's schedule text.
pub async fn put_year(tx: &mut Tx, year: i32, schedule: &str, by: &str) -> sqlx::Result<u64> {
    let now = crate::clock::now();
    crate::with_tx!(tx, |c| {
        sqlx::query(
            "INSERT INTO workday_years (year, schedule, updated_at, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (year) DO UPDATE SET schedule = excluded.schedule,
               updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(i64::from(year))
        .bind(schedule)
        .bind(now)
        .bind(by)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected())
    })
}
