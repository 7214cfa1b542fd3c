//! Back-office pages of 会议公开: meetings of the user's units, a new meeting (topics,
//! seats per category), the applications (names and phones for staff only), the draw
//! (commit before the window closes, reveal after), attendance, opinions with their
//! adoption, and the decision per topic.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};

use super::model::{Adoption, AppStatus, Body, Category};
use super::store::{self, ApplicationRow, MeetingRow, NewOpinion, OpinionRow, TopicRow};
use super::view::{self, MeetingView};
use super::{form, service};
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::auth::{CurrentUser, Staff};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, PageQuery, Pager, render};

async fn meeting_for(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<MeetingRow, AppError> {
    let m = store::meeting(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !Scope::of(state, user, Permission::HandleInteraction)
        .await?
        .contains(m.unit_id)
    {
        return Err(AppError::Forbidden);
    }
    Ok(m)
}

#[derive(Template)]
#[template(path = "meetings/templates/admin_list.html")]
struct ListPage {
    layout: Layout,
    meetings: Vec<MeetingRow>,
    pager: Pager,
    units: Vec<(i64, String)>,
    bodies: &'static [Body],
    categories: &'static [Category],
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleInteraction).await?;
    let page = Page::new(q.page, None);
    let (meetings, total) = store::meetings_page(&state.db, scope.filter(), page).await?;
    render(&ListPage {
        layout,
        meetings,
        pager: Pager::checked(page, total, String::new())?,
        units: scope.unit_choices(),
        bodies: Body::ALL,
        categories: Category::ALL,
    })
}

pub async fn create(
    State(state): State<AppState>,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let unit = Scope::of(&state, &user, Permission::HandleInteraction)
        .await?
        .chosen_unit(&fields, "请选择单位", "只能为本单位及下级单位创建")?;
    let (m, topics, seats) = form::meeting(&fields, unit)?;
    let id = service::create(&state.db, &m, &topics, &seats, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/meetings/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "meetings/templates/admin_show.html")]
struct ShowPage {
    layout: Layout,
    m: MeetingRow,
    v: MeetingView,
    apps: Vec<ApplicationRow>,
    topics: Vec<TopicRow>,
    opinions: Vec<OpinionRow>,
    adoptions: &'static [Adoption],
    closed: bool,
}

impl ShowPage {
    fn selected(&self) -> Vec<&ApplicationRow> {
        self.apps
            .iter()
            .filter(|a| a.status == AppStatus::Selected)
            .collect()
    }
    fn topic_title(&self, id: &i64) -> &str {
        self.topics
            .iter()
            .find(|t| t.id == *id)
            .map_or("", |t| t.title.as_str())
    }
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let m = meeting_for(&state, &user, id).await?;
    render(&ShowPage {
        layout,
        v: view::view(&state.db, &m).await?,
        apps: store::applications(&state.db, id).await?,
        topics: store::topics(&state.db, id).await?,
        opinions: store::opinions(&state.db, id).await?,
        adoptions: Adoption::ALL,
        closed: crate::clock::now() >= m.apply_closes_at,
        m,
    })
}

fn back(id: i64) -> Response {
    Redirect::to(&format!("/admin/meetings/{id}")).into_response()
}

pub async fn publish(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    meeting_for(&state, &user, id).await?;
    service::publish(&state.db, id, fields.get("published") == "1", &user.actor()).await?;
    Ok(back(id))
}

pub async fn commit(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let m = meeting_for(&state, &user, id).await?;
    let beacon = crate::draws::beacon_source(&fields)?;
    service::commit_draw(&state.db, &m, &beacon, &user.actor()).await?;
    Ok(back(id))
}

pub async fn reveal(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let m = meeting_for(&state, &user, id).await?;
    let value = crate::draws::beacon_value(&fields, true)?.unwrap_or_default();
    service::reveal_draw(&state.db, &m, &value, &user.actor()).await?;
    Ok(back(id))
}

pub async fn attendance(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    meeting_for(&state, &user, id).await?;
    let attended: Vec<i64> = fields
        .all("attended")
        .iter()
        .filter_map(|s| s.parse().ok())
        .collect();
    let apps = store::applications(&state.db, id).await?;
    service::attendance(&state.db, id, &attended, &apps, &user.actor()).await?;
    Ok(back(id))
}

fn adoption(f: &Fields) -> Result<(Adoption, String), AppError> {
    let a = Adoption::parse(&f.get("adoption"))
        .ok_or_else(|| AppError::field("adoption", "请选择处理结果"))?;
    let reason = f.get("reason");
    if reason.chars().count() > 1000 {
        return Err(AppError::field("reason", "理由不能超过1000字"));
    }
    if matches!(a, Adoption::Partial | Adoption::Rejected) && reason.is_empty() {
        return Err(AppError::field("reason", "部分采纳或未采纳须说明理由"));
    }
    Ok((a, reason))
}

pub async fn add_opinion(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    meeting_for(&state, &user, id).await?;
    let topic: i64 = fields.get("topic_id").parse().unwrap_or(0);
    if !store::topics(&state.db, id)
        .await?
        .iter()
        .any(|t| t.id == topic)
    {
        return Err(AppError::field("topic_id", "请选择议题"));
    }
    let application_id = fields.get("application_id").parse::<i64>().ok();
    if let Some(a) = application_id {
        let apps = store::applications(&state.db, id).await?;
        if !apps
            .iter()
            .any(|x| x.id == a && x.status == AppStatus::Selected)
        {
            return Err(AppError::field("application_id", "请选择列席人员"));
        }
    }
    let content = fields.required("content", "意见内容", 2000)?;
    let (adoption, reason) = adoption(&fields)?;
    let o = NewOpinion {
        meeting_id: id,
        topic_id: topic,
        application_id,
        content: &content,
        adoption,
        reason: &reason,
    };
    service::add_opinion(&state.db, &o, &user.actor()).await?;
    Ok(back(id))
}

pub async fn adopt(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path((id, opinion)): Path<(i64, i64)>,
    fields: Fields,
) -> Result<Response, AppError> {
    meeting_for(&state, &user, id).await?;
    let (a, reason) = adoption(&fields)?;
    service::adopt(&state.db, id, opinion, a, &reason, &user.actor()).await?;
    Ok(back(id))
}

pub async fn decide(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path((id, topic)): Path<(i64, i64)>,
    fields: Fields,
) -> Result<Response, AppError> {
    meeting_for(&state, &user, id).await?;
    let decision = fields.required("decision", "决定", 2000)?;
    let url: String = fields.get("decision_url").chars().take(500).collect();
    service::decide(&state.db, id, topic, &decision, &url, &user.actor()).await?;
    Ok(back(id))
}
