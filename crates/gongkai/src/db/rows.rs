//! The one shape of the plain reads every capability makes — all rows of a query,
//! the row or rows of one key — written once for both engines, so a store says
//! `db.row_by(&sql, id)` instead of matching on the pool.

use super::Db;

/// A row both engines can read into.
pub trait Row:
    for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
    + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
    + Send
    + Unpin
{
}

impl<T> Row for T where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin
{
}

/// A parameter both engines can bind (an id, a code, a date).
pub trait Key<'q>:
    'q
    + Send
    + sqlx::Encode<'q, sqlx::Sqlite>
    + sqlx::Type<sqlx::Sqlite>
    + sqlx::Encode<'q, sqlx::Postgres>
    + sqlx::Type<sqlx::Postgres>
{
}

impl<'q, K> Key<'q> for K where
    K: 'q
        + Send
        + sqlx::Encode<'q, sqlx::Sqlite>
        + sqlx::Type<sqlx::Sqlite>
        + sqlx::Encode<'q, sqlx::Postgres>
        + sqlx::Type<sqlx::Postgres>
{
}

impl Db {
    /// Every row of `sql` (a query without parameters).
    pub async fn rows<T: Row>(&self, sql: &str) -> sqlx::Result<Vec<T>> {
        crate::with_db!(self, |p| sqlx::query_as::<_, T>(sql).fetch_all(p).await)
    }

    /// The rows of a statement made for one call (`… IN (3,17,42)` with the ids written
    /// in): not kept among the connection's prepared statements, which it would only
    /// push out.
    pub async fn rows_once<T: Row>(&self, sql: &str) -> sqlx::Result<Vec<T>> {
        crate::with_db!(self, |p| sqlx::query_as::<_, T>(sql)
            .persistent(false)
            .fetch_all(p)
            .await)
    }

    /// The row `sql` finds for one key (`… WHERE id = $1`), if any.
    pub async fn row_by<'q, T: Row>(
        &self,
        sql: &'q str,
        key: impl Key<'q>,
    ) -> sqlx::Result<Option<T>> {
        crate::with_db!(self, |p| sqlx::query_as::<_, T>(sql)
            .bind(key)
            .fetch_optional(p)
            .await)
    }

    /// Every row `sql` finds for one key (`… WHERE event_id = $1 ORDER BY …`).
    pub async fn rows_by<'q, T: Row>(
        &self,
        sql: &'q str,
        key: impl Key<'q>,
    ) -> sqlx::Result<Vec<T>> {
        crate::with_db!(self, |p| sqlx::query_as::<_, T>(sql)
            .bind(key)
            .fetch_all(p)
            .await)
    }
}

/// Rows grouped by a key they carry (a list page's comments by consultation):
/// what a query over `… IN (ids)` gives back, ready for each item.
pub fn grouped<T>(rows: Vec<T>, key: impl Fn(&T) -> i64) -> std::collections::HashMap<i64, Vec<T>> {
    let mut by = std::collections::HashMap::new();
    for r in rows {
        by.entry(key(&r)).or_insert_with(Vec::new).push(r);
    }
    by
}

/// One key's rows out of [`grouped`] rows (none: empty) — the one-item form of a
/// list's batched query.
pub fn rows_for<T>(mut by: std::collections::HashMap<i64, Vec<T>>, key: i64) -> Vec<T> {
    by.remove(&key).unwrap_or_default()
}
