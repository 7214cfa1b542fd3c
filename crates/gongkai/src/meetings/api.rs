//! `/api/v1/meetings`: opened meetings with seats, the draw, attendance, opinions with
//! their adoption, and decisions (what the public page shows).

use axum::Json;
use axum::extract::State;

use super::store;
use super::view::{self, MeetingView};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::PathId;

/// Published opened meetings, newest first.
#[utoipa::path(get, path = "/api/v1/meetings", tag = "meetings",
    responses((status = 200, body = Vec<MeetingView>)))]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<MeetingView>>, AppError> {
    let ms = store::meetings(&state.db, true).await?;
    Ok(Json(view::views(&state.db, &ms).await?))
}

/// One published opened meeting.
#[utoipa::path(get, path = "/api/v1/meetings/{id}", tag = "meetings",
    params(("id" = i64, Path, description = "会议编号")),
    responses((status = 200, body = MeetingView), (status = 404, body = crate::api::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<MeetingView>, AppError> {
    let m = view::published(&state.db, id).await?;
    Ok(Json(view::view(&state.db, &m).await?))
}
