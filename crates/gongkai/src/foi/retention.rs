//! Erasure after the retention period (条例 and the archives rules keep a case for
//! `foi.retention_years` after it concluded): the personal data of a case goes, the
//! statistics stay. Run by the daily job ([`super::daily`]).

use crate::foi::FoiAction;
use chrono::NaiveDate;

use super::clock::Event;
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::error::AppError;
use crate::{with_db, with_tx};

/// Erase the personal data of cases archived before `before` (retention), keeping
/// the statistics columns. Returns how many were anonymised. See [`erase_case`].
pub async fn anonymise_archived_before(
    db: &Db,
    files_dir: &std::path::Path,
    before: NaiveDate,
) -> Result<u64, AppError> {
    let ids: Vec<i64> = with_db!(db, |p| {
        sqlx::query_scalar(
            "SELECT id FROM foi_cases
             WHERE status = 'archived' AND anonymised = FALSE AND concluded_on < $1 ORDER BY id",
        )
        .bind(before)
        .fetch_all(p)
        .await
    })?;
    let mut n = 0;
    for id in ids {
        erase_case(db, files_dir, id, &Actor::system()).await?;
        n += 1;
    }
    Ok(n)
}

/// What stands in for erased text.
const ERASED: &str = "（已按保存期限删除）";

/// Erase one case's personal data, in one transaction with its audit entry: the
/// applicant's name, identity number and contacts, the description and purpose of
/// the request, the free text inside its events (names, opinions, reasons, notes,
/// tracking numbers — [`Event::scrubbed`]; kinds, dates and the outcome stay for the
/// clock and table 三), and the files sent with it (identity scans). After the
/// commit, each stored file no other row refers to is deleted from disk.
pub async fn erase_case(
    db: &Db,
    files_dir: &std::path::Path,
    id: i64,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let receipt_no: Option<String> = with_tx!(&mut tx, |x| {
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
    })?;
    let Some(receipt_no) = receipt_no else {
        // Already erased (or gone): nothing to do.
        return Ok(());
    };
    let events: Vec<(i64, String, String)> = with_tx!(&mut tx, |x| {
        sqlx::query_as("SELECT id, kind, data FROM foi_events WHERE case_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&mut **x)
            .await
    })?;
    for (event_id, kind, data) in events {
        let scrubbed = match serde_json::from_str::<Event>(&data) {
            Ok(e) => serde_json::to_string(&e.scrubbed())
                .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?,
            // Unreadable data cannot be scrubbed field by field: keep only the kind.
            Err(_) => serde_json::json!({ "kind": kind }).to_string(),
        };
        if scrubbed != data {
            with_tx!(&mut tx, |x| {
                sqlx::query("UPDATE foi_events SET data = $1 WHERE id = $2")
                    .bind(&scrubbed)
                    .bind(event_id)
                    .execute(&mut **x)
                    .await
                    .map(|r| r.rows_affected())
            })?;
        }
    }
    let shas: Vec<String> = with_tx!(&mut tx, |x| {
        sqlx::query_scalar("DELETE FROM foi_files WHERE case_id = $1 RETURNING sha256")
            .bind(id)
            .fetch_all(&mut **x)
            .await
    })?;
    audit::append(
        &mut tx,
        actor,
        FoiAction::Erase,
        "foi_case",
        Some(id.to_string()),
        format!(
            "{receipt_no}：超过保存期限，删除申请人个人信息、申请内容、办理记录中的文字及申请材料 {} 件",
            shas.len()
        ),
    )
    .await?;
    tx.commit().await?;
    let mut shas = shas;
    shas.sort_unstable();
    shas.dedup();
    for sha in shas {
        let users: i64 = with_db!(db, |p| {
            sqlx::query_scalar(
                "SELECT (SELECT COUNT(*) FROM foi_files WHERE sha256 = $1)
                      + (SELECT COUNT(*) FROM attachments WHERE sha256 = $1)",
            )
            .bind(&sha)
            .fetch_one(p)
            .await
        })?;
        if users == 0 {
            crate::docs::attachments::remove_blob(files_dir, &sha).await;
        }
    }
    Ok(())
}
