//! 公文库: documents and their publishing workflow, 政策解读 published with their
//! policy (三同步), validity of normative documents, the 政府信息公开 column.

pub mod admin;
pub mod api;
pub mod attachments;
pub mod catalogue;
pub mod feeds;
pub mod form;
pub mod import;
pub mod model;
pub mod portal;
pub mod push;
pub mod richtext;
pub mod store;
pub mod topics;
pub mod views;
pub mod workflow;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

/// Public routes of this capability.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/xxgk/proactive", get(portal::proactive))
        .route("/xxgk/annual-reports", get(portal::annual_reports))
        .route("/xxgk/guide", get(guide))
        .route("/xxgk/rules", get(rules))
        .route("/xxgk/documents/{id}", get(portal::document))
        .route("/xxgk/documents/{id}/print", get(portal::document_print))
        .route("/xxgk/interpretations/{id}", get(portal::interpretation))
        .route("/xxgk/attachments/{id}", get(attachments::download))
        .route("/xxgk/feed.atom", get(feeds::atom))
        .route("/xxgk/proactive.xlsx", get(feeds::list_xlsx))
        .route("/sitemap.xml", get(feeds::sitemap))
        .route("/api/v1/documents/changes", get(feeds::changes))
        .route("/api/v1/documents", get(api::list).post(api::create))
        .route("/api/v1/documents/{id}", get(api::get).put(api::update))
        .route(
            "/api/v1/documents/{id}/submit",
            axum::routing::post(api::submit),
        )
        .route(
            "/api/v1/documents/{id}/publish",
            axum::routing::post(api::publish),
        )
}

async fn guide(
    axum::extract::State(state): axum::extract::State<AppState>,
    layout: crate::web::Layout,
) -> Result<axum::response::Response, crate::error::AppError> {
    portal::column_page(&state, layout, "guide", model::Column::Guide).await
}

async fn rules(
    axum::extract::State(state): axum::extract::State<AppState>,
    layout: crate::web::Layout,
) -> Result<axum::response::Response, crate::error::AppError> {
    portal::column_page(&state, layout, "rules", model::Column::Rules).await
}
