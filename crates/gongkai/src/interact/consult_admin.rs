//! Back office of 意见征集: list, new consultation, the comments with their
//! adoption decisions, and publishing the 意见采纳情况.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::consult_model::{self, ConsultKind, Decision, Phase};
use super::consult_service;
use super::consult_store::{self as store, CommentRow, ConsultRow};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, PageQuery, Pager, render};

#[derive(Template)]
#[template(path = "interact/templates/consult_admin_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<(ConsultRow, &'static str)>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleInteraction).await?;
    let page = Page::new(q.page, None);
    let today = crate::clock::today();
    let (rows, total) = store::list(&state.db, scope.filter(), None, page).await?;
    render(&ListPage {
        layout,
        rows: rows
            .into_iter()
            .map(|c| {
                let p = Phase::of(c.opens_on, c.closes_on, today).label();
                (c, p)
            })
            .collect(),
        pager: Pager::checked(page, total, String::new())?,
    })
}

#[derive(Template)]
#[template(path = "interact/templates/consult_admin_new.html")]
struct NewPage {
    layout: Layout,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    kinds: &'static [ConsultKind],
    units: Vec<(i64, String)>,
}

form_page!(NewPage: v, err);

pub async fn new_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleInteraction).await?;
    render(&NewPage {
        layout,
        values: BTreeMap::new(),
        errors: BTreeMap::new(),
        kinds: ConsultKind::ALL,
        units: scope.active_unit_choices(),
    })
}

pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleInteraction).await?;
    let units = scope.active_unit_choices();
    let ids: Vec<i64> = units.iter().map(|u| u.0).collect();
    match consult_service::check_new(&state, &fields, &ids) {
        Ok(c) => {
            let id = consult_service::create(&state, &c, user.id, &user.actor()).await?;
            Ok(Redirect::to(&format!("/admin/consultations/{id}?msg=created")).into_response())
        }
        Err(errors) => {
            let values: BTreeMap<String, String> = fields.0.into_iter().collect();
            let page = NewPage {
                layout,
                values,
                errors,
                kinds: ConsultKind::ALL,
                units,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "interact/templates/consult_admin_show.html")]
struct ShowPage {
    layout: Layout,
    c: ConsultRow,
    phase: Phase,
    comments: Vec<(CommentRow, String)>,
    decisions: &'static [Decision],
    open: usize,
    msg: String,
}

impl ShowPage {
    /// Whether comment `x` carries the decision `code`.
    fn decided(&self, x: &CommentRow, code: &str) -> bool {
        x.decision.is_some_and(|d| d.code() == code)
    }
}

async fn in_scope(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    id: i64,
) -> Result<ConsultRow, AppError> {
    let scope = Scope::of(state, user, Permission::HandleInteraction).await?;
    store::get(&state.db, id)
        .await?
        .filter(|c| scope.contains(c.unit_id))
        .ok_or(AppError::NotFound)
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let c = in_scope(&state, &user, id).await?;
    let blocks = consult_model::blocks(&c.draft);
    let comments: Vec<(CommentRow, String)> = store::comments(&state.db, c.id)
        .await?
        .into_iter()
        .map(|x| {
            let label = x
                .article
                .and_then(|a| blocks.iter().find(|b| b.article.map(i64::from) == Some(a)))
                .map(|b| b.label.clone())
                .unwrap_or_else(|| "全文".into());
            (x, label)
        })
        .collect();
    render(&ShowPage {
        phase: Phase::of(c.opens_on, c.closes_on, crate::clock::today()),
        open: comments.iter().filter(|x| x.0.decision.is_none()).count(),
        comments,
        decisions: Decision::ALL,
        msg: q.msg.unwrap_or_default(),
        layout,
        c,
    })
}

pub async fn decide(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path((id, comment)): Path<(i64, i64)>,
    fields: Fields,
) -> Result<Response, AppError> {
    let c = in_scope(&state, &user, id).await?;
    let d = Decision::parse(fields.get("decision").trim())
        .ok_or_else(|| AppError::field("decision", "请选择采纳情况"))?;
    consult_service::decide(&state, &c, comment, d, &fields.get("reason"), &user.actor()).await?;
    Ok(Redirect::to(&format!(
        "/admin/consultations/{id}?msg=decided#c-{comment}"
    ))
    .into_response())
}

pub async fn feedback(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let c = in_scope(&state, &user, id).await?;
    let doc = match fields.get("document_id").trim() {
        "" => None,
        v => Some(
            v.parse::<i64>()
                .map_err(|_| AppError::field("document_id", "正式文件编号应为数字"))?,
        ),
    };
    if let Some(d) = doc
        && crate::docs::store::get(&state.db, d).await.is_err()
    {
        return Err(AppError::field("document_id", "公文库中没有这个编号的文件"));
    }
    consult_service::publish_feedback(&state, &c, &fields.get("feedback"), doc, &user.actor())
        .await?;
    Ok(Redirect::to(&format!("/admin/consultations/{id}?msg=published")).into_response())
}
