//! The 公文库's background jobs (registered by `app::install_jobs`).

use crate::state::AppState;

/// Every minute: publish documents approved for a time that has come.
pub async fn scheduled_publish(state: &AppState) -> anyhow::Result<()> {
    let n = super::workflow::publish_due(&state.db).await?;
    if n > 0 {
        tracing::info!(documents.published = n, "scheduled documents published");
    }
    Ok(())
}

/// Every minute (when `push.endpoint` is set): deliver change records to the
/// city-wide document library.
pub async fn push_changes(state: &AppState) -> anyhow::Result<()> {
    let n = super::push::run(state).await?;
    if n > 0 {
        tracing::info!(
            changes.pushed = n,
            "change records pushed to the city library"
        );
    }
    Ok(())
}

/// Daily: normative documents past 有效期至 become 失效.
pub async fn validity_expire(state: &AppState) -> anyhow::Result<()> {
    let n = super::store::expire_lapsed(&state.db, crate::clock::today()).await?;
    tracing::info!(documents.expired = n, "normative documents lapsed");
    Ok(())
}
