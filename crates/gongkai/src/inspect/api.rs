//! JSON of 双随机、一公开: a draw's record (the download on the portal and the API).

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::store;
use crate::error::AppError;
use crate::state::AppState;

/// The public record of a drawn draw; before the draw, only the input and the
/// commitment (never the seed).
pub async fn record_json(
    State(state): State<AppState>,
    crate::web::PathId(id): crate::web::PathId,
) -> Result<Response, AppError> {
    let d = store::draw(&state.db, id).await?;
    let body = match d.record_json {
        Some(r) => r,
        None => serde_json::json!({
            "version": draw::VERSION,
            "input": serde_json::from_str::<serde_json::Value>(&d.input_json).unwrap_or_default(),
            "input_hash": d.input_hash,
            "commitment": d.commitment,
        })
        .to_string(),
    };
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"draw-{id}.json\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// A draw's public record (after the draw), or its frozen input and commitment
/// (before): everything needed to verify it, never the seed before the draw.
#[utoipa::path(get, path = "/api/v1/draws/{id}", tag = "inspections", params(("id" = i64, Path, description = "抽取编号")),
    responses((status = 200, description = "抽取记录：version、input、input_hash、commitment，抽取后另有 seed、result、result_hash"),
        (status = 404, body = crate::api::ErrorBody)))]
pub async fn api_draw(
    state: State<AppState>,
    id: crate::web::PathId,
) -> Result<Response, AppError> {
    record_json(state, id).await
}
