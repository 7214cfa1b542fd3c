//! `GET /api/v1/qa?q=`: the assistant as JSON.

use std::time::Duration;

use axum::Json;
use axum::extract::{Query, State};
use serde::Deserialize;

use super::service::{self, Answered};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ClientIp;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct QaQuery {
    /// 问题（最多 300 字，超出部分忽略）
    #[serde(default)]
    pub q: String,
}

/// Ask 智能小城: the best answers from the FAQ bank with their sources, or a decline
/// with site-search suggestions. The question is logged de-identified.
#[utoipa::path(get, path = "/api/v1/qa", tag = "qa", params(QaQuery),
    responses((status = 200, body = Answered), (status = 400, body = crate::api::ErrorBody, description = "缺少问题"),
        (status = 429, body = crate::api::ErrorBody, description = "请求过于频繁")))]
pub async fn api(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Query(q): Query<QaQuery>,
) -> Result<Json<Answered>, AppError> {
    if q.q.trim().is_empty() {
        return Err(AppError::BadRequest("请提供问题（参数 q）".into()));
    }
    let limit = state
        .settings
        .security
        .public_form_per_minute
        .saturating_mul(30);
    if !state
        .limiter
        .check("qa_api", &ip, limit, Duration::from_secs(60))
    {
        return Err(AppError::RateLimited);
    }
    Ok(Json(service::ask(&state, &q.q, true).await?))
}
