//! The back-office list of background jobs, with retry for failed ones.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::Staff;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, Pager, render};

pub struct JobView {
    pub id: i64,
    pub kind: String,
    pub attempts: String,
    pub run_at: String,
    pub finished_at: String,
    pub last_error: String,
    pub failed: bool,
}

pub struct Tab {
    pub state: &'static str,
    pub label: &'static str,
    pub count: i64,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "jobs/templates/list.html")]
struct JobsPage {
    layout: Layout,
    tabs: Vec<Tab>,
    jobs: Vec<JobView>,
    pager: Pager,
}

#[derive(Deserialize)]
pub struct JobsQuery {
    state: Option<String>,
    page: Option<i64>,
}

const STATES: [(&str, &str); 4] = [
    ("failed", "失败"),
    ("queued", "排队中"),
    ("running", "运行中"),
    ("done", "已完成"),
];

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<JobsQuery>,
) -> Result<Response, AppError> {
    let current = q
        .state
        .as_deref()
        .and_then(|s| STATES.iter().find(|(c, _)| *c == s))
        .map(|(c, _)| *c)
        .unwrap_or("failed");
    let counts = super::counts(&state.db).await?;
    let tabs = STATES
        .iter()
        .map(|(s, label)| Tab {
            state: s,
            label,
            count: counts
                .iter()
                .find(|(c, _)| c == s)
                .map(|(_, n)| *n)
                .unwrap_or(0),
            current: *s == current,
        })
        .collect();
    let page = Page::new(q.page, None);
    let (rows, total) = super::list(&state.db, current, page).await?;
    let jobs = rows
        .into_iter()
        .map(|j| JobView {
            id: j.id,
            failed: j.state == "failed",
            attempts: format!("{}/{}", j.attempts, j.max_attempts),
            run_at: crate::clock::fmt_local(&j.run_at),
            finished_at: crate::clock::fmt_local_opt(&j.finished_at),
            last_error: j.last_error.unwrap_or_default(),
            kind: j.kind,
        })
        .collect();
    render(&JobsPage {
        layout,
        tabs,
        jobs,
        pager: Pager::checked(page, total, format!("state={current}&"))?,
    })
}

pub async fn retry(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if !super::service::retry(&state.db, &user.actor(), id).await? {
        return Err(AppError::Conflict("该任务不存在或不是失败状态".into()));
    }
    Ok(Redirect::to("/admin/jobs?state=queued").into_response())
}
