//! `/api/v1/foi`: submit and follow an application (public), and the staff
//! operations (bearer token of a 依申请办理人).

use std::collections::BTreeMap;

use crate::web::PathId;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Serialize;

use super::case_service;
use super::input::{self, ApplicationForm};
use super::portal::{Progress, ProgressQuery, progress_of};
use super::report;
use super::service::{self, CaseDetail};
use super::store;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::auth::tokens::ApiUser;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ClientIp;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Submitted {
    /// 申请编号
    pub receipt_no: String,
    /// 查询码（凭编号和查询码查询进度）
    pub query_code: String,
    /// false：同一 Idempotency-Key 的申请此前已提交，未重复登记
    pub new: bool,
}

/// Submit an application online. Send an `Idempotency-Key` header so that a retried
/// request never creates a second case; the key is bound to the application's
/// content, and the same key with other content is refused (409).
#[utoipa::path(post, path = "/api/v1/foi/applications", tag = "foi", request_body = ApplicationForm,
    params(("Idempotency-Key" = Option<String>, Header, description = "重试时保持不变的唯一键")),
    responses((status = 201, body = Submitted), (status = 200, body = Submitted, description = "同一键、同一内容已提交过"),
        (status = 409, body = crate::api::ErrorBody, description = "同一键已用于内容不同的申请"),
        (status = 422, body = crate::api::ErrorBody), (status = 429, body = crate::api::ErrorBody)))]
pub async fn submit(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Json(f): Json<ApplicationForm>,
) -> Result<(StatusCode, Json<Submitted>), AppError> {
    crate::web::ratelimit::public_form(&state, "foi_apply", &ip)?;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty());
    if key.is_some_and(|k| k.len() > 100) {
        return Err(AppError::BadRequest(
            "Idempotency-Key 不能超过100个字符".into(),
        ));
    }
    let units: Vec<i64> = super::routing::accepting(&state)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let c = input::check(&f, &units, false, crate::clock::today()).map_err(AppError::validation)?;
    let actor = crate::audit::Actor {
        id: None,
        name: "申请人（API）".into(),
        ip: Some(ip),
    };
    let created = case_service::create(&state.db, &c, key, &actor).await?;
    let status = if created.new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(Submitted {
            receipt_no: created.receipt_no,
            query_code: created.query_code,
            new: created.new,
        }),
    ))
}

/// Progress of an application: status and dates only.
#[utoipa::path(get, path = "/api/v1/foi/applications/{no}", tag = "foi",
    params(("no" = String, Path, description = "申请编号"), ("code" = String, Query, description = "查询码")),
    responses((status = 200, body = Progress), (status = 400, body = crate::api::ErrorBody)))]
pub async fn progress(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Path(no): Path<String>,
    Query(q): Query<ProgressQuery>,
) -> Result<Json<Progress>, AppError> {
    let code = q.code.unwrap_or_default();
    Ok(Json(progress_of(&state, &no, &code, &ip).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CaseSummary {
    pub id: i64,
    pub receipt_no: String,
    pub status: String,
    pub received_on: Option<chrono::NaiveDate>,
    pub concluded_on: Option<chrono::NaiveDate>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CaseList {
    pub total: i64,
    pub page: i64,
    pub items: Vec<CaseSummary>,
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
pub struct CaseQuery {
    /// 状态代码，如 in_progress
    pub status: Option<String>,
    pub page: Option<i64>,
}

/// Cases of the token holder's units.
#[utoipa::path(get, path = "/api/v1/foi/cases", tag = "foi", params(CaseQuery), security(("bearer" = [])),
    responses((status = 200, body = CaseList), (status = 401, body = crate::api::ErrorBody), (status = 403, body = crate::api::ErrorBody)))]
pub async fn cases(
    State(state): State<AppState>,
    api: ApiUser,
    Query(q): Query<CaseQuery>,
) -> Result<Json<CaseList>, AppError> {
    api.require(Permission::HandleFoi)?;
    let scope = Scope::of(&state, &api.0, Permission::HandleFoi).await?;
    let page = Page::new(q.page, None);
    let status = q
        .status
        .filter(|s| super::clock::Status::parse(s).is_some());
    let (rows, total) = store::list(&state.db, scope.filter(), status.as_deref(), page).await?;
    Ok(Json(CaseList {
        total,
        page: page.number,
        items: rows
            .into_iter()
            .map(|c| CaseSummary {
                id: c.id,
                receipt_no: c.receipt_no,
                status: c.status,
                received_on: c.received_on,
                concluded_on: c.concluded_on,
            })
            .collect(),
    }))
}

/// One case with its clock, deadline arithmetic and event log.
#[utoipa::path(get, path = "/api/v1/foi/cases/{id}", tag = "foi", params(("id" = i64, Path, description = "案件编号")),
    security(("bearer" = [])),
    responses((status = 200, body = CaseDetail), (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody)))]
pub async fn case(
    State(state): State<AppState>,
    api: ApiUser,
    PathId(id): PathId,
) -> Result<Json<CaseDetail>, AppError> {
    api.require(Permission::HandleFoi)?;
    let c = service::case_for(&state, &api.0, id).await?;
    let l = service::load(&state, c).await?;
    Ok(Json(service::detail(&state, &l)))
}

/// Record an event: `{"kind": "receipt_confirmed", "on": "2026-03-02", …}` with the
/// same fields as the case page's forms. Refused (400) when the rules do not allow it.
#[utoipa::path(post, path = "/api/v1/foi/cases/{id}/events", tag = "foi", params(("id" = i64, Path, description = "案件编号")),
    request_body = BTreeMap<String, String>, security(("bearer" = [])),
    responses((status = 200, body = CaseDetail), (status = 400, body = crate::api::ErrorBody),
        (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody)))]
pub async fn add_event(
    State(state): State<AppState>,
    api: ApiUser,
    PathId(id): PathId,
    Json(body): Json<BTreeMap<String, serde_json::Value>>,
) -> Result<Json<CaseDetail>, AppError> {
    api.require(Permission::HandleFoi)?;
    let case = service::case_for(&state, &api.0, id).await?;
    let get = |k: &str| -> String {
        match body.get(k) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Bool(b)) => b.to_string(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let nth = store::nth_in_month(
        &state.db,
        &case,
        case.received_on.unwrap_or(crate::clock::today()),
    )
    .await?;
    let (on, ev) = service::parse_event(&get, nth)?;
    let cal = crate::workdays::calendar(&state);
    case_service::append(&state.db, &cal, &case, on, ev, &api.0.actor()).await?;
    let c = store::get(&state.db, id).await?;
    let l = service::load(&state, c).await?;
    Ok(Json(service::detail(&state, &l)))
}

/// Table 三 of the annual report for a year, with the invariant check.
#[utoipa::path(get, path = "/api/v1/foi/report/{year}", tag = "foi", params(("year" = i32, Path, description = "年度")),
    security(("bearer" = [])),
    responses((status = 200, description = "表三：new、carried_in、results、total、carried_out 各 7 列（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）")))]
pub async fn report(
    State(state): State<AppState>,
    api: ApiUser,
    Path(year): Path<i32>,
) -> Result<Json<report::TableThree>, AppError> {
    api.require(Permission::HandleFoi)?;
    let facts = store::report_facts(&state.db, year, None).await?;
    Ok(Json(report::table_three(year, &facts)))
}
