//! `/api/v1/messages`: published letters with their replies, progress by number
//! and code, and submitting a letter (same checks and limits as the portal form,
//! without the arithmetic question and without files).

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::form::{self, MessageForm};
use super::model;
use super::portal::{self, MessageProgress, ProgressQuery, check_ip, progress_of, public_actor};
use super::service;
use super::store;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ClientIp;

/// A published letter: masked texts only, the writer shown as 网友.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicMessage {
    pub id: i64,
    pub receipt_no: String,
    /// consult | complaint | suggestion | help
    pub kind: String,
    pub kind_label: String,
    pub unit: String,
    pub writer: String,
    pub subject: String,
    pub content: String,
    pub reply: String,
    pub submitted_on: chrono::NaiveDate,
    pub replied_on: Option<chrono::NaiveDate>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MessageList {
    pub total: i64,
    pub page: i64,
    pub items: Vec<PublicMessage>,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ApiListQuery {
    /// 类型代码
    pub kind: Option<String>,
    /// 答复单位编号
    pub unit: Option<String>,
    /// 答复年份
    pub year: Option<String>,
    /// 关键词
    pub q: Option<String>,
    pub page: Option<i64>,
    /// 每页条数（1–200）
    pub size: Option<i64>,
}

impl From<store::PublicRow> for PublicMessage {
    fn from(m: store::PublicRow) -> PublicMessage {
        PublicMessage {
            id: m.id,
            receipt_no: m.receipt_no,
            kind: m.kind.code().into(),
            kind_label: m.kind.label().into(),
            unit: m.unit_name,
            writer: model::PUBLIC_WRITER.into(),
            subject: m.masked_subject,
            content: m.masked_content,
            reply: m.masked_reply,
            submitted_on: m.submitted_on,
            replied_on: m.replied_on,
        }
    }
}

/// Published letters with their replies, newest reply first.
#[utoipa::path(get, path = "/api/v1/messages", tag = "interact", params(ApiListQuery),
    responses((status = 200, body = MessageList)))]
pub async fn list(
    State(state): State<AppState>,
    Query(q): Query<ApiListQuery>,
) -> Result<Json<MessageList>, AppError> {
    let lq = portal::ListQuery {
        kind: q.kind,
        unit: q.unit,
        year: q.year,
        q: q.q,
        page: q.page,
    };
    let page = Page::new(q.page, q.size);
    let (rows, total) = store::published(&state.db, &lq.filter(), page).await?;
    Ok(Json(MessageList {
        total,
        page: page.number,
        items: rows.into_iter().map(PublicMessage::from).collect(),
    }))
}

/// Progress of a letter by its number and query code (the writer's own view).
#[utoipa::path(get, path = "/api/v1/messages/{no}", tag = "interact",
    params(("no" = String, Path, description = "留言编号"), ProgressQuery),
    responses((status = 200, body = MessageProgress), (status = 400, body = crate::api::ErrorBody),
        (status = 429, body = crate::api::ErrorBody)))]
pub async fn progress(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(no): Path<String>,
    Query(q): Query<ProgressQuery>,
) -> Result<Json<MessageProgress>, AppError> {
    Ok(Json(
        progress_of(&state, &no, &q.code.unwrap_or_default(), &ip).await?,
    ))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SubmittedMessage {
    /// 留言编号
    pub receipt_no: String,
    /// 查询码
    pub query_code: String,
    /// 与24小时内同一电话的留言基本相同时，并入的原留言编号
    pub merged_into: Option<String>,
}

/// Submit a letter. Limited per address (`security.public_form_per_minute`) and per
/// phone (`interact.per_phone_per_day`); a near-identical letter from the same
/// phone within 24 hours is linked to the first (`merged_into`).
#[utoipa::path(post, path = "/api/v1/messages", tag = "interact", request_body = MessageForm,
    responses((status = 201, body = SubmittedMessage), (status = 400, body = crate::api::ErrorBody),
        (status = 422, body = crate::api::ErrorBody), (status = 429, body = crate::api::ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(f): Json<MessageForm>,
) -> Result<(StatusCode, Json<SubmittedMessage>), AppError> {
    check_ip(&state, &ip)?;
    let units: Vec<i64> = portal::receiving_units(&state)
        .await?
        .into_iter()
        .map(|u| u.0)
        .collect();
    let m = form::check(&f, &units).map_err(AppError::validation)?;
    let c = service::submit(&state, &m, &[], &public_actor(&ip, "接口")).await?;
    Ok((
        StatusCode::CREATED,
        Json(SubmittedMessage {
            receipt_no: c.receipt_no,
            query_code: c.query_code,
            merged_into: c.merged_into,
        }),
    ))
}
