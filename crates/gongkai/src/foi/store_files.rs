//! Files sent with an application (identity documents and other papers).

use chrono::{DateTime, Utc};

use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::{with_db, with_tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FileRow {
    pub id: i64,
    pub case_id: i64,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
}

pub async fn files(db: &Db, case_id: i64) -> sqlx::Result<Vec<FileRow>> {
    with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, case_id, file_name, mime, size, sha256, created_at FROM foi_files WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(p)
        .await
    })
}

pub async fn file(db: &Db, id: i64) -> Result<FileRow, AppError> {
    let row: Option<FileRow> = with_db!(db, |p| {
        sqlx::query_as(
            "SELECT id, case_id, file_name, mime, size, sha256, created_at FROM foi_files WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(p)
        .await
    })?;
    row.ok_or(AppError::NotFound)
}

pub async fn insert_file(
    tx: &mut Tx,
    case_id: i64,
    name: &str,
    mime: &str,
    size: usize,
    sha: &str,
) -> sqlx::Result<()> {
    with_tx!(tx, |x| {
        sqlx::query(
            "INSERT INTO foi_files (case_id, file_name, mime, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(case_id)
        .bind(name)
        .bind(mime)
        .bind(size as i64)
        .bind(sha)
        .bind(crate::clock::now())
        .execute(&mut **x)
        .await
        .map(|_| ())
    })
}
