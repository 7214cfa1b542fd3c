//! `POST /api/v1/foi/forwarded`: applications forwarded by another platform
//! (一网通办, 12345 …). They reach the organ later than they were made, so the
//! platform sends the original submission time and, when the organ and the
//! applicant have confirmed the application there, the confirmation date: under
//! Art. 31 an online application is received on the day both sides confirm, and the
//! reply period (Art. 33) runs from that day — not from the day it was forwarded.
//! Without a confirmation date the case waits for 确认收到 like any online one.
//!
//! The caller is an API token of an account with the 申请转递平台 role. Retries are
//! safe: the `Idempotency-Key` header (or, without one, the platform and its number)
//! returns the case created the first time; the same key with other content is 409.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Deserialize;

use super::api::Submitted;
use super::case_service;
use super::input::{self, ApplicationForm};
use super::model::Channel;
use super::store::Forwarded;
use crate::auth::roles::Permission;
use crate::auth::tokens::ApiUser;
use crate::error::AppError;
use crate::state::AppState;

/// A forwarded application: the application's fields, and where and when it was made.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct ForwardedApplication {
    /// 转来的平台名称，如“一网通办”“12345”
    pub platform: String,
    /// 该平台上的申请编号
    pub platform_ref: String,
    /// 申请人在该平台提交的时间（RFC 3339，带时区，如 2026-03-02T09:15:00+08:00）
    pub submitted_at: String,
    /// 本机关与申请人双方确认之日（YYYY-MM-DD，条例第三十一条：即收到申请之日）；未确认的不填
    #[serde(default)]
    pub confirmed_on: Option<String>,
    /// 申请内容（与网上申请相同的字段；channel、arrived_on 不用）
    pub application: ApplicationForm,
}

/// The checked origin of a forwarded application, or field errors.
pub fn check_origin(
    f: &ForwardedApplication,
    today: NaiveDate,
) -> Result<(Forwarded, NaiveDate), AppError> {
    let mut e = std::collections::BTreeMap::new();
    let platform = f.platform.trim().to_string();
    if platform.is_empty() || platform.chars().count() > 30 {
        e.insert(
            "platform".into(),
            "请填写转来的平台名称（不超过30字）".into(),
        );
    }
    let reference = f.platform_ref.trim().to_string();
    if reference.is_empty() || reference.chars().count() > 60 {
        e.insert(
            "platform_ref".into(),
            "请填写该平台上的申请编号（不超过60字）".into(),
        );
    }
    let submitted = DateTime::<FixedOffset>::parse_from_rfc3339(f.submitted_at.trim()).ok();
    let submitted_on = submitted.map(|t| t.with_timezone(&crate::clock::beijing()).date_naive());
    match submitted_on {
        None => {
            e.insert(
                "submitted_at".into(),
                "请填写申请人提交的时间（RFC 3339，带时区，如 2026-03-02T09:15:00+08:00）".into(),
            );
        }
        Some(d) if d > today => {
            e.insert("submitted_at".into(), "提交时间不能晚于今天".into());
        }
        _ => {}
    }
    let confirmed_on = match f.confirmed_on.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) if d > today => {
                e.insert("confirmed_on".into(), "确认日期不能晚于今天".into());
                None
            }
            Ok(d) if submitted_on.is_some_and(|s| d < s) => {
                e.insert(
                    "confirmed_on".into(),
                    "确认日期不能早于申请人提交之日".into(),
                );
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                e.insert("confirmed_on".into(), "确认日期格式应为 YYYY-MM-DD".into());
                None
            }
        },
    };
    match (submitted, submitted_on) {
        (Some(t), Some(on)) if e.is_empty() => Ok((
            Forwarded {
                platform,
                reference,
                submitted_at: t.to_utc(),
                confirmed_on,
            },
            on,
        )),
        _ => Err(AppError::validation(e)),
    }
}

/// Record an application forwarded by another platform. The clock starts on the
/// confirmation date when one is given (Art. 31), else the case awaits 确认收到.
#[utoipa::path(post, path = "/api/v1/foi/forwarded", tag = "foi", operation_id = "foi_forwarded_submit", request_body = ForwardedApplication,
    params(("Idempotency-Key" = Option<String>, Header, description = "重试时保持不变的唯一键；不填时以平台名称和平台编号为键")),
    security(("bearer" = [])),
    responses((status = 201, body = Submitted, description = "已登记"),
        (status = 200, body = Submitted, description = "同一键、同一内容已登记过"),
        (status = 401, body = crate::api::ErrorBody, description = "缺少或无效的令牌"),
        (status = 403, body = crate::api::ErrorBody, description = "令牌账号不是申请转递平台"),
        (status = 409, body = crate::api::ErrorBody, description = "同一键已用于内容不同的申请"),
        (status = 422, body = crate::api::ErrorBody, description = "内容有误（含不受理的机关）")))]
pub async fn submit(
    State(state): State<AppState>,
    api: ApiUser,
    headers: HeaderMap,
    Json(f): Json<ForwardedApplication>,
) -> Result<(StatusCode, Json<Submitted>), AppError> {
    api.require(Permission::ForwardFoi)?;
    let today = crate::clock::today();
    let (fwd, submitted_on) = check_origin(&f, today)?;
    let units: Vec<i64> = super::routing::accepting(&state)
        .await?
        .into_iter()
        .map(|o| o.id)
        .collect();
    let mut c = input::check(&f.application, &units, false, today).map_err(AppError::validation)?;
    c.channel = Channel::Online;
    c.arrived_on = submitted_on;
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| format!("forwarded:{}:{}", fwd.platform, fwd.reference));
    if key.chars().count() > 100 {
        return Err(AppError::BadRequest(
            "Idempotency-Key 不能超过100个字符".into(),
        ));
    }
    let created =
        case_service::create_forwarded(&state.db, &c, &fwd, Some(&key), &api.0.actor()).await?;
    Ok((
        if created.new {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Json(Submitted {
            receipt_no: created.receipt_no,
            query_code: created.query_code,
            new: created.new,
        }),
    ))
}
