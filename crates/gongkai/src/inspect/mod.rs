//! 双随机、一公开: 检查对象名录库 and 执法检查人员名录库 (imported), the 随机抽查事项清单,
//! annual plans, draws with commit–reveal (crates/draw), and results.

pub mod demo;
pub mod store;
pub mod web;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/enforcement/random", get(web::portal))
        .route("/enforcement/random/draws/{id}", get(web::portal_draw))
        .route(
            "/enforcement/random/draws/{id}/record.json",
            get(web::record_json),
        )
        .route(
            "/enforcement/random/verify",
            get(web::verify_form).post(web::verify),
        )
        .route("/enforcement/random/results", get(web::results))
        .route("/api/v1/draws/{id}", get(web::api_draw))
}
