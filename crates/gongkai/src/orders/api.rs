//! `POST /api/v1/orders/{platform}`: a work order pushed by the 12345 city platform
//! (`12345`) or the national 我为政府网站找错 platform (`zhaocuo`). The caller is an API
//! token of an account with the 工单接入平台 role (`SubmitOrders`); any other valid
//! token gets 403. A repeated push of a number returns the order made the first
//! time (200), never a second one. The order's creation is audited under the
//! token's account.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;

use super::form::{self, PushedOrder};
use super::model::Source;
use super::{service, store};
use crate::auth::roles::Permission;
use crate::auth::tokens::ApiUser;
use crate::error::AppError;
use crate::state::AppState;

/// The platform name in the path (and in results sent back) of a source.
pub fn platform_of(source: Source) -> &'static str {
    match source {
        Source::SiteError => "zhaocuo",
        _ => "12345",
    }
}

/// The source of a platform name in a path or query (12345, zhaocuo).
pub fn source_of(platform: &str) -> Option<Source> {
    match platform {
        "12345" => Some(Source::Hotline),
        "zhaocuo" => Some(Source::SiteError),
        _ => None,
    }
}

/// The order as registered here.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ReceivedOrder {
    /// 本站工单 id
    pub id: i64,
    /// 平台工单编号
    pub order_no: String,
    /// 本次推送是否新登记（false：该编号已登记过，返回已有工单）
    pub new: bool,
    /// 状态代码（received、accepted、returned、finished、closed）
    pub status: String,
    pub status_label: String,
    /// 承办单位
    pub unit: String,
    /// 签收期限（YYYY-MM-DD）
    pub accept_due: String,
    /// 办结期限（YYYY-MM-DD）
    pub finish_due: String,
}

/// Receive a pushed work order (idempotent on the platform's number).
#[utoipa::path(post, path = "/api/v1/orders/{platform}", tag = "orders", operation_id = "orders_push",
    request_body = PushedOrder,
    params(("platform" = String, Path, description = "来源平台：12345（市民服务热线平台）或 zhaocuo（国家“我为政府网站找错”平台）")),
    security(("bearer" = [])),
    responses((status = 201, body = ReceivedOrder, description = "已登记"),
        (status = 200, body = ReceivedOrder, description = "该编号已登记过，返回已有工单"),
        (status = 400, body = crate::api::ErrorBody, description = "请求体不是有效的 JSON"),
        (status = 401, body = crate::api::ErrorBody, description = "缺少或无效的令牌"),
        (status = 403, body = crate::api::ErrorBody, description = "令牌账号不是工单接入平台"),
        (status = 404, body = crate::api::ErrorBody, description = "未知的来源平台"),
        (status = 422, body = crate::api::ErrorBody, description = "内容有误（逐项说明）")))]
pub async fn push(
    State(state): State<AppState>,
    api: ApiUser,
    Path(platform): Path<String>,
    body: Bytes,
) -> Result<(StatusCode, Json<ReceivedOrder>), AppError> {
    api.require(Permission::SubmitOrders)?;
    let source = source_of(&platform).ok_or(AppError::NotFound)?;
    let pushed: PushedOrder = serde_json::from_slice(&body).map_err(|e| {
        AppError::BadRequest(format!(
            "请求体应为 JSON 对象，字段类型须与接口说明一致（{e}）"
        ))
    })?;
    let services = store::service_names(&state.db).await?;
    let o = form::check_pushed(&pushed, source, &services, crate::clock::today())
        .map_err(AppError::validation)?;
    let (row, new) = service::receive(&state, &o, &api.0.actor()).await?;
    let unit = crate::auth::store::all_units(&state.db)
        .await?
        .into_iter()
        .find(|u| u.id == row.unit_id)
        .map(|u| u.name)
        .unwrap_or_default();
    Ok((
        if new {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Json(ReceivedOrder {
            id: row.id,
            order_no: row.source_no,
            new,
            status: row.status.code().into(),
            status_label: row.status.label().into(),
            unit,
            accept_due: row.accept_due.to_string(),
            finish_due: row.finish_due.to_string(),
        }),
    ))
}
