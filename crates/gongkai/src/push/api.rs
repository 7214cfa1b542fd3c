//! JSON API of 政策精准推送: subscribe (a platform registering an enterprise's
//! wish, double opt-in by mail as on the page) and the delivery figures per policy.
//! The matches (政策自查) are `check::api_matches`; one-click unsubscribe is
//! `portal::one_click`. The mail relay reports bounces to `bounce`.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::store::{self, PolicyStats};
use crate::auth::roles::Permission;
use crate::auth::tokens::ApiUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ClientIp;
use crate::web::form::Fields;

/// A subscription: the same fields as the page's form.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct SubscriptionRequest {
    /// 统一社会信用代码（18 位，校验码须正确）
    pub credit_code: String,
    /// 单位名称
    pub name: String,
    /// 接收推送的电子邮箱（将收到确认邮件）
    pub email: String,
    /// 行业大类代码（GB/T 4754-2017）
    pub division: String,
    /// 更细的行业代码（可选）
    #[serde(default)]
    pub industry: String,
    /// 区划代码，如 310115
    pub district: String,
    /// large | medium | small | micro
    pub scale: String,
    /// enterprise（默认）| individual | cooperative | social_org
    #[serde(default)]
    pub subject: String,
    /// 关注的主题代码
    #[serde(default)]
    pub themes: Vec<String>,
    /// 已告知并同意个人信息处理说明
    pub consent: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Subscribed {
    pub id: i64,
    /// pending：待邮件确认
    pub state: String,
}

/// Register a subscription; it takes effect when the link in the confirmation mail is opened.
#[utoipa::path(post, path = "/api/v1/push/subscriptions", tag = "政策精准推送",
    request_body = SubscriptionRequest,
    responses((status = 202, body = Subscribed), (status = 422, body = crate::api::ErrorBody),
        (status = 429, body = crate::api::ErrorBody)))]
pub async fn subscribe(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(r): Json<SubscriptionRequest>,
) -> Result<(StatusCode, Json<Subscribed>), AppError> {
    if !state.limiter.check(
        "push_subscribe",
        &ip,
        state.settings.security.public_form_per_minute,
        std::time::Duration::from_secs(60),
    ) {
        return Err(AppError::RateLimited);
    }
    let mut v: Vec<(String, String)> = vec![
        ("credit_code".into(), r.credit_code),
        ("name".into(), r.name),
        ("email".into(), r.email),
        ("division".into(), r.division),
        ("industry".into(), r.industry),
        ("district".into(), r.district),
        ("scale".into(), r.scale),
        ("subject".into(), r.subject),
    ];
    if r.consent {
        v.push(("consent".into(), "on".into()));
    }
    v.extend(r.themes.into_iter().map(|t| ("theme".to_string(), t)));
    let n = super::form::subscription(&Fields(v), true).map_err(AppError::validation)?;
    let id = super::service::subscribe(&state.db, &n, &ip).await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(Subscribed {
            id,
            state: "pending".into(),
        }),
    ))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct StatsQuery {
    /// 只看这一文件
    pub document_id: Option<i64>,
}

/// Per policy: how many enterprises matched, were sent the message, failed, opened it
/// (token of a 公文库 user; no enterprise is named).
#[utoipa::path(get, path = "/api/v1/push/stats", tag = "政策精准推送",
    params(StatsQuery), security(("bearer" = [])),
    responses((status = 200, body = Vec<PolicyStats>), (status = 401, body = crate::api::ErrorBody),
        (status = 403, body = crate::api::ErrorBody)))]
pub async fn stats(
    State(state): State<AppState>,
    user: ApiUser,
    Query(q): Query<StatsQuery>,
) -> Result<Json<Vec<PolicyStats>>, AppError> {
    user.require(Permission::Content)?;
    Ok(Json(store::policy_stats(&state.db, q.document_id).await?))
}

/// A bounce the mail relay received for one of our messages (its DSN parsed by the
/// relay): the Message-ID we sent, the status and the diagnostic.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct BounceReport {
    /// 退信所指的 Message-ID，如 `<push-12-1a2b3c4d@example.gov.cn>`
    pub message_id: String,
    /// DSN 状态码，如 5.1.1；4.x.x 为暂时性失败，不记为退信
    pub status: String,
    /// 诊断信息（可选）
    #[serde(default)]
    pub diagnostic: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BounceResult {
    /// bounced：已记录；ignored：暂时性失败或已记录过
    pub result: String,
}

/// Record a bounce reported by the mail relay (token of a 公文库 user): a permanent
/// status (5.x.x) marks the message bounced and counts against the subscriber, who is
/// suspended after repeated bounces; a temporary one (4.x.x) is ignored.
#[utoipa::path(post, path = "/api/v1/push/bounces", tag = "政策精准推送",
    request_body = BounceReport, security(("bearer" = [])),
    responses((status = 200, body = BounceResult), (status = 401, body = crate::api::ErrorBody),
        (status = 403, body = crate::api::ErrorBody), (status = 404, body = crate::api::ErrorBody),
        (status = 422, body = crate::api::ErrorBody)))]
pub async fn bounce(
    State(state): State<AppState>,
    user: ApiUser,
    Json(r): Json<BounceReport>,
) -> Result<Json<BounceResult>, AppError> {
    user.require(Permission::Content)?;
    let id = super::model::message_of(&r.message_id).ok_or_else(|| {
        AppError::validation(
            [(
                "message_id".to_string(),
                "不是本站推送消息的 Message-ID".to_string(),
            )]
            .into(),
        )
    })?;
    let permanent = match r.status.trim().chars().next() {
        Some('5') => true,
        Some('4') => false,
        _ => {
            return Err(AppError::validation(
                [(
                    "status".to_string(),
                    "状态码应为 4.x.x 或 5.x.x".to_string(),
                )]
                .into(),
            ));
        }
    };
    let m = super::store_platforms::message(&state.db, id.0)
        .await?
        .filter(|m| m.open_token.starts_with(&id.1))
        .ok_or(AppError::NotFound)?;
    let bounced = permanent
        && super::service::bounce(
            &state.db,
            &user.0.actor(),
            m.id,
            &format!("{} {}", r.status.trim(), r.diagnostic.trim()),
        )
        .await?;
    Ok(Json(BounceResult {
        result: if bounced { "bounced" } else { "ignored" }.into(),
    }))
}
