//! `/api/v1/events`: published events with their sessions (counts only) and public
//! registration (same checks and limits as the page).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};

use super::store::{self, EventRow};
use super::view::{self, SessionView};
use super::{form, portal, service};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{ClientIp, PathId};

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiEvent {
    pub id: i64,
    pub title: String,
    pub description: String,
    /// 活动环节, one per item
    pub programme: Vec<String>,
    pub accessibility: String,
    /// anyone | groups | invited
    pub audience: String,
    pub max_group: i64,
    pub opens_at: chrono::DateTime<chrono::Utc>,
    pub closes_at: chrono::DateTime<chrono::Utc>,
    pub open: bool,
    pub report: String,
    pub sessions: Vec<SessionView>,
}

fn api_event(e: EventRow, sessions: Vec<SessionView>) -> ApiEvent {
    ApiEvent {
        sessions,
        open: view::is_open(&e),
        id: e.id,
        programme: e
            .programme
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        title: e.title,
        description: e.description,
        accessibility: e.accessibility,
        audience: e.audience.code().into(),
        max_group: e.max_group,
        opens_at: e.opens_at,
        closes_at: e.closes_at,
        report: e.report,
    }
}

/// Published events, newest first, with their sessions.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    responses((status = 200, body = Vec<ApiEvent>)))]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<ApiEvent>>, AppError> {
    let events = store::events(&state.db, true).await?;
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let mut sessions = view::sessions_of(&state.db, &ids).await?;
    Ok(Json(
        events
            .into_iter()
            .map(|e| {
                let s = sessions.remove(&e.id).unwrap_or_default();
                api_event(e, s)
            })
            .collect(),
    ))
}

/// One published event with its sessions and draws.
#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events",
    params(("id" = i64, Path, description = "活动编号")),
    responses((status = 200, body = ApiEvent), (status = 404, body = crate::api::ErrorBody)))]
pub async fn one(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<ApiEvent>, AppError> {
    let e = view::published(&state.db, id).await?;
    let sessions = view::sessions(&state.db, e.id).await?;
    Ok(Json(api_event(e, sessions)))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RegistrationForm {
    pub session_id: i64,
    /// 姓名（不公开）
    pub name: String,
    /// 手机号码（不公开）
    pub phone: String,
    pub group_size: i64,
    /// 居民身份证 | 护照 | 港澳台居民居住证 | 其他 | ""
    #[serde(default)]
    pub id_type: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Registered {
    /// 确认码：查询、取消、签到
    pub code: String,
    /// applied | confirmed | waitlisted
    pub status: String,
    pub status_label: String,
}

/// Register for a session. Limited per address (`security.public_form_per_minute`);
/// one live registration per phone per session.
#[utoipa::path(post, path = "/api/v1/events/{id}/registrations", tag = "events",
    params(("id" = i64, Path, description = "活动编号")), request_body = RegistrationForm,
    responses((status = 201, body = Registered), (status = 404, body = crate::api::ErrorBody),
        (status = 409, body = crate::api::ErrorBody), (status = 422, body = crate::api::ErrorBody),
        (status = 429, body = crate::api::ErrorBody)))]
pub async fn register(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    Json(f): Json<RegistrationForm>,
) -> Result<(StatusCode, Json<Registered>), AppError> {
    portal::check_ip(&state, &ip)?;
    let e = view::published(&state.db, id).await?;
    let r = form::registration(
        &f.session_id.to_string(),
        &f.name,
        &f.phone,
        &f.group_size.to_string(),
        &f.id_type,
    )?;
    let (code, status) = service::register(&state.db, &e, &r).await?;
    Ok((
        StatusCode::CREATED,
        Json(Registered {
            code,
            status: status.code().into(),
            status_label: status.label().into(),
        }),
    ))
}
