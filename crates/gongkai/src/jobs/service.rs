//! Staff actions on the job queue, each in one transaction with its audit entry.

use crate::audit::{self, Actor, KernelAction};
use crate::db::Db;

/// Queue a failed job again. False (and nothing written) when the job does not
/// exist or has not failed.
pub async fn retry(db: &Db, actor: &Actor, id: i64) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    if !super::retry(&mut tx, id).await? {
        return Ok(false);
    }
    audit::append(
        &mut tx,
        actor,
        KernelAction::JobRetry,
        "job",
        Some(id.to_string()),
        "重新排队失败任务".into(),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
