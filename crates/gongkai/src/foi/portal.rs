//! The public side: the application form, the receipt, and progress by receipt
//! number and query code (status and dates only — never personal data).

use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::admin::{FormChoices, TextField, form_choices, form_from, text_fields};
use super::input::{self, ApplicationForm};
use super::service;
use super::store;
use crate::app::AppState;
use crate::audit::Actor;
use crate::error::AppError;
use crate::web::form::Fields;
use crate::web::{ClientIp, Layout, render};

#[derive(Template)]
#[template(path = "foi/templates/portal_index.html")]
struct IndexPage {
    layout: Layout,
}

pub async fn index(layout: Layout) -> Result<Response, AppError> {
    render(&IndexPage { layout })
}

#[derive(Template)]
#[template(path = "foi/templates/portal_apply.html")]
struct ApplyPage {
    layout: Layout,
    c: FormChoices,
    f: ApplicationForm,
    errors: std::collections::BTreeMap<String, String>,
    people: Vec<TextField>,
    contacts: Vec<TextField>,
    key: String,
}

impl ApplyPage {
    fn err(&self, name: &str) -> &str {
        self.errors.get(name).map(String::as_str).unwrap_or("")
    }
}

pub async fn apply_form(
    State(state): State<AppState>,
    layout: Layout,
) -> Result<Response, AppError> {
    let f = ApplicationForm::default();
    let (people, contacts) = text_fields(&f, &Default::default());
    render(&ApplyPage {
        layout,
        c: form_choices(&state).await?,
        f,
        errors: Default::default(),
        people,
        contacts,
        key: crate::web::csrf::new_token(),
    })
}

#[derive(Template)]
#[template(path = "foi/templates/portal_receipt.html")]
struct ReceiptPage {
    layout: Layout,
    receipt_no: String,
    query_code: String,
    again: bool,
}

/// The public actor of a submission (no personal data in the audit log).
fn public_actor(ip: &str) -> Actor {
    Actor {
        id: None,
        name: "申请人（网上）".into(),
        ip: Some(ip.to_string()),
    }
}

pub async fn apply(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    fields: Fields,
) -> Result<Response, AppError> {
    let limit = state.settings.security.public_form_per_minute;
    if !state
        .limiter
        .check("foi_apply", &ip, limit, Duration::from_secs(60))
    {
        return Err(AppError::RateLimited);
    }
    let f = form_from(&fields);
    let units: Vec<i64> = crate::auth::store::all_units(&state.db)
        .await?
        .into_iter()
        .filter(|u| u.active)
        .map(|u| u.id)
        .collect();
    let key = fields.get("idempotency_key");
    match input::check(&f, &units, false, crate::clock::today()) {
        Ok(c) => {
            let key = Some(key).filter(|k| !k.is_empty() && k.len() <= 100);
            let created = store::create(&state.db, &c, key.as_deref(), &public_actor(&ip)).await?;
            render(&ReceiptPage {
                layout,
                receipt_no: created.receipt_no,
                query_code: created.query_code,
                again: !created.new,
            })
        }
        Err(errors) => {
            let (people, contacts) = text_fields(&f, &errors);
            let page = ApplyPage {
                layout,
                c: form_choices(&state).await?,
                f,
                errors,
                people,
                contacts,
                key,
            };
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ProgressQuery {
    /// 申请编号
    pub no: Option<String>,
    /// 查询码
    pub code: Option<String>,
}

/// What the public sees of a case.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub receipt_no: String,
    pub status: String,
    pub status_label: String,
    pub submitted_on: Option<chrono::NaiveDate>,
    pub received_on: Option<chrono::NaiveDate>,
    pub deadline: Option<chrono::NaiveDate>,
    /// 期限计算过程
    pub deadline_explanation: String,
    pub replied_on: Option<chrono::NaiveDate>,
    /// 办理节点（日期与名称）
    pub steps: Vec<ProgressStep>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ProgressStep {
    pub on: chrono::NaiveDate,
    pub label: String,
}

/// Look a case up by number and code; both must match (no hint which one is wrong).
pub async fn progress_of(
    state: &AppState,
    no: &str,
    code: &str,
    ip: &str,
) -> Result<Progress, AppError> {
    if !state
        .limiter
        .check("foi_progress", ip, 30, Duration::from_secs(60))
    {
        return Err(AppError::RateLimited);
    }
    let case = store::by_receipt(&state.db, no.trim()).await?;
    let case = case
        .filter(|c| crate::web::csrf::ct_eq(&c.query_code, &code.trim().to_uppercase()))
        .ok_or_else(|| AppError::BadRequest("申请编号或查询码不正确".into()))?;
    let l = service::load(state, case).await?;
    let dl = service::deadline_view(state, &l.clock);
    Ok(Progress {
        receipt_no: l.case.receipt_no.clone(),
        status: l.clock.status.code().into(),
        status_label: l.clock.status.label().into(),
        submitted_on: l.clock.arrived_on,
        received_on: l.clock.received_on,
        deadline: dl.date.filter(|_| l.clock.status.is_open()),
        deadline_explanation: if l.clock.status.is_open() {
            dl.explanation
        } else {
            String::new()
        },
        replied_on: l.clock.replied_on,
        steps: l
            .log
            .iter()
            .map(|d| ProgressStep {
                on: d.on,
                label: d.event.label().into(),
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "foi/templates/portal_progress.html")]
struct ProgressPage {
    layout: Layout,
    no: String,
    error: String,
    p: Option<Progress>,
}

pub async fn progress(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    Query(q): Query<ProgressQuery>,
) -> Result<Response, AppError> {
    let no = q.no.clone().unwrap_or_default();
    let mut page = ProgressPage {
        layout,
        no: no.clone(),
        error: String::new(),
        p: None,
    };
    if let (false, Some(code)) = (no.is_empty(), q.code.as_deref()) {
        match progress_of(&state, &no, code, &ip).await {
            Ok(p) => page.p = Some(p),
            Err(AppError::BadRequest(m)) => page.error = m,
            Err(e) => return Err(e),
        }
    }
    render(&page)
}
