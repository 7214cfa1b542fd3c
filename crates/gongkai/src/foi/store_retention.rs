//! The SQL of erasure after the retention period (条例 and the archives rules keep a
//! case for `foi.retention_years` after it concluded): the personal data of a case
//! goes, the statistics stay. The erasure itself, with its audit entry, is
//! `case_service::erase_case`, run by the daily job ([`super::daily`]).

use chrono::NaiveDate;

use crate::db::{Db, Tx};
use crate::{with_db, with_tx};

/// What stands in for erased text.
pub const ERASED: &str = "（已按保存期限删除）";

/// Cases archived before `before` whose personal data is still there.
pub async fn archived_before(db: &Db, before: NaiveDate) -> sqlx::Result<Vec<i64>> {
    with_db!(db, |p| {
        sqlx::query_scalar(
            "SELECT id FROM foi_cases
             WHERE status = 'archived' AND anonymised = FALSE AND concluded_on < $1 ORDER BY id",
        )
        .bind(before)
        .fetch_all(p)
        .await
    })
}

/// Erase the applicant's name, identity number and contacts, the description and
/// purpose of a case not yet erased, keeping the statistics columns; its receipt
/// number, or None when it was erased already (or is gone).
pub async fn erase_applicant(tx: &mut Tx, id: i64) -> sqlx::Result<Option<String>> {
    with_tx!(tx, |x| {
        sqlx::query_scalar(
            "UPDATE foi_cases SET applicant_name = $1, id_number = '', legal_rep = '',
               contact_name = '', phone = '', email = '', address = '', postcode = '',
               info_description = $1, purpose = '', anonymised = TRUE, updated_at = $2
             WHERE id = $3 AND anonymised = FALSE RETURNING receipt_no",
        )
        .bind(ERASED)
        .bind(crate::clock::now())
        .bind(id)
        .fetch_optional(&mut **x)
        .await
    })
}

/// The events of a case: (id, kind, data).
pub async fn event_data(tx: &mut Tx, case_id: i64) -> sqlx::Result<Vec<(i64, String, String)>> {
    with_tx!(tx, |x| {
        sqlx::query_as("SELECT id, kind, data FROM foi_events WHERE case_id = $1 ORDER BY seq")
            .bind(case_id)
            .fetch_all(&mut **x)
            .await
    })
}

pub async fn set_event_data(tx: &mut Tx, event_id: i64, data: &str) -> sqlx::Result<()> {
    with_tx!(tx, |x| {
        sqlx::query("UPDATE foi_events SET data = $1 WHERE id = $2")
            .bind(data)
            .bind(event_id)
            .execute(&mut **x)
            .await
            .map(|_| ())
    })
}

/// Delete the files sent with a case; the SHA-256 of each.
pub async fn delete_files(tx: &mut Tx, case_id: i64) -> sqlx::Result<Vec<String>> {
    with_tx!(tx, |x| {
        sqlx::query_scalar("DELETE FROM foi_files WHERE case_id = $1 RETURNING sha256")
            .bind(case_id)
            .fetch_all(&mut **x)
            .await
    })
}

/// How many rows (FOI files and document attachments) still refer to a stored blob.
pub async fn blob_users(db: &Db, sha: &str) -> sqlx::Result<i64> {
    with_db!(db, |p| {
        sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM foi_files WHERE sha256 = $1)
                  + (SELECT COUNT(*) FROM attachments WHERE sha256 = $1)",
        )
        .bind(sha)
        .fetch_one(p)
        .await
    })
}
