//! 执法公示: 行政处罚案件公开 (register or import, automatic de-identification
//! confirmed by a second person, publication within 7 working days, withdrawal with
//! the reason shown, retention expiry) and 暂停通讯工具号码.

pub mod admin;
pub mod demo;
pub mod input;
pub mod model;
pub mod portal;
pub mod store;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/enforcement/penalties", get(portal::list))
        .route("/enforcement/penalties.xlsx", get(portal::export))
        .route("/enforcement/penalties/{id}", get(portal::case))
        .route("/enforcement/suspended-numbers", get(portal::numbers))
        .route(
            "/api/v1/penalties",
            get(portal::api_list).post(portal::api_create),
        )
        .route("/api/v1/penalties/{id}", get(portal::api_case))
}

/// Daily: take cases past their public period off the portal.
pub async fn daily(state: &AppState) -> anyhow::Result<()> {
    let n = store::expire(&state.db, crate::clock::today()).await?;
    tracing::info!(
        penalty.expired = n,
        "penalty cases past retention taken off the portal"
    );
    Ok(())
}
