//! Back-office pages of 公众开放日: events of the user's units, a new event with its
//! sessions, the registrations (names and phones, for staff only), publishing, the
//! draw of an oversubscribed session (commit before the deadline, reveal after),
//! the report, and check-in by code.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::model::{self, Audience};
use super::store::{self, EventRow, RegRow};
use super::view::{self, SessionView};
use super::{form, service};
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::auth::{CurrentUser, Staff};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, PageQuery, Pager, render};

async fn scope(state: &AppState, user: &CurrentUser) -> Result<Scope, AppError> {
    Scope::of(state, user, Permission::HandleInteraction).await
}

/// An event the user may act on (404 unknown, 403 outside the scope).
async fn event_for(state: &AppState, user: &CurrentUser, id: i64) -> Result<EventRow, AppError> {
    let e = store::event(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !scope(state, user).await?.contains(e.unit_id) {
        return Err(AppError::Forbidden);
    }
    Ok(e)
}

#[derive(Template)]
#[template(path = "events/templates/admin_list.html")]
struct ListPage {
    layout: Layout,
    events: Vec<EventRow>,
    pager: Pager,
    units: Vec<(i64, String)>,
    audiences: &'static [Audience],
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user).await?;
    let page = Page::new(q.page, None);
    let (events, total) = store::events_page(&state.db, scope.filter(), false, page).await?;
    render(&ListPage {
        layout,
        events,
        pager: Pager::checked(page, total, String::new())?,
        units: scope.unit_choices(),
        audiences: Audience::ALL,
    })
}

pub async fn create(
    State(state): State<AppState>,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let unit = scope(&state, &user).await?.chosen_unit(
        &fields,
        "请选择主办单位",
        "只能为本单位及下级单位创建活动",
    )?;
    let (e, sessions) = form::event(&fields, unit)?;
    let id = service::create(&state.db, &e, &sessions, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/events/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "events/templates/admin_show.html")]
struct ShowPage {
    layout: Layout,
    e: EventRow,
    sessions: Vec<SessionView>,
    regs: Vec<(i64, Vec<RegRow>)>,
    closed: bool,
}

impl ShowPage {
    fn regs_of(&self, session: &i64) -> &[RegRow] {
        self.regs
            .iter()
            .find(|(s, _)| s == session)
            .map(|(_, r)| r.as_slice())
            .unwrap_or(&[])
    }
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let e = event_for(&state, &user, id).await?;
    let sessions = view::sessions(&state.db, id).await?;
    let mut by_session = store::regs_of_event(&state.db, id).await?;
    let regs = sessions
        .iter()
        .map(|s| (s.id, by_session.remove(&s.id).unwrap_or_default()))
        .collect();
    render(&ShowPage {
        layout,
        closed: crate::clock::now() >= e.closes_at,
        e,
        sessions,
        regs,
    })
}

pub async fn publish(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    event_for(&state, &user, id).await?;
    service::publish(&state.db, id, fields.get("published") == "1", &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/events/{id}")).into_response())
}

pub async fn report(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    event_for(&state, &user, id).await?;
    let text = fields.get("report");
    if text.chars().count() > 8000 {
        return Err(AppError::field("report", "活动报告不能超过8000字"));
    }
    service::save_report(&state.db, id, &text, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/events/{id}")).into_response())
}

/// A session and its event, checked against the user's scope.
async fn session_for(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<(EventRow, store::SessionRow), AppError> {
    let s = store::session(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((event_for(state, user, s.event_id).await?, s))
}

pub async fn commit(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (e, s) = session_for(&state, &user, id).await?;
    let beacon = crate::draws::beacon_source(&fields)?;
    service::commit_draw(&state.db, &e, &s, &beacon, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/events/{}", e.id)).into_response())
}

pub async fn reveal(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (e, s) = session_for(&state, &user, id).await?;
    let value = crate::draws::beacon_value(&fields, true)?.unwrap_or_default();
    service::reveal_draw(&state.db, &e, &s, &value, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/events/{}", e.id)).into_response())
}

#[derive(Template)]
#[template(path = "events/templates/admin_checkin.html")]
struct CheckinPage {
    layout: Layout,
    code: String,
    ok: String,
    error: String,
}

#[derive(Deserialize)]
pub struct CheckinQuery {
    pub code: Option<String>,
}

/// The door page on a phone: type (or scan into) the code.
pub async fn checkin_form(
    layout: Layout,
    _staff: Staff,
    Query(q): Query<CheckinQuery>,
) -> Result<Response, AppError> {
    render(&CheckinPage {
        layout,
        code: model::normalise_code(&q.code.unwrap_or_default()),
        ok: String::new(),
        error: String::new(),
    })
}

pub async fn checkin(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let code = model::normalise_code(&fields.get("code"));
    let mut page = CheckinPage {
        layout,
        code: String::new(),
        ok: String::new(),
        error: String::new(),
    };
    let in_scope = match store::reg_by_code(&state.db, &code).await? {
        Some(r) => match store::session(&state.db, r.session_id).await? {
            Some(s) => event_for(&state, &user, s.event_id).await.is_ok(),
            None => false,
        },
        None => true, // the service says “没有这个确认码”
    };
    if !in_scope {
        return Err(AppError::Forbidden);
    }
    match service::check_in(&state.db, &code, &user.actor()).await {
        Ok(r) => page.ok = format!("签到成功：{code}，{} 人（{}）", r.group_size, r.name),
        Err(AppError::Validation { fields, .. }) => {
            page.code = code;
            page.error = fields.into_values().collect::<Vec<_>>().join("；");
            return Ok(
                (axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response(),
            );
        }
        Err(e) => return Err(e),
    }
    render(&page)
}
