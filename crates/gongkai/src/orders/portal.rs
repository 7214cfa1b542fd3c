//! The public side: 我为政府网站找错 on our own site (page URL, error type,
//! description, optional screenshot checked by content) and the progress page by
//! order number and query code (status, dates and the reply — never contact data).

use std::collections::BTreeMap;
use std::time::Duration;

use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::form;
use super::model::{ErrorType, Source};
use super::service::{self, NewFile};
use super::store;
use crate::audit::Actor;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Choice, ClientIp, Layout, choices, render};

/// Largest image accepted with a form: what the request size limit leaves.
pub fn max_image(state: &AppState) -> usize {
    state
        .settings
        .server
        .max_body_bytes
        .saturating_sub(64 * 1024)
}

#[derive(Template)]
#[template(path = "orders/templates/portal_form.html")]
struct FormPage {
    layout: Layout,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    types: Vec<Choice>,
}

form_page!(FormPage: v, err);

#[derive(Deserialize)]
pub struct FormQuery {
    /// The page the reader came from (the “找错” link on every page).
    pub url: Option<String>,
}

pub async fn form_page(layout: Layout, Query(q): Query<FormQuery>) -> Result<Response, AppError> {
    let mut values = BTreeMap::new();
    if let Some(u) = q.url.filter(|u| u.len() <= 500) {
        values.insert("page_url".to_string(), u);
    }
    render(&FormPage {
        layout,
        values,
        errors: BTreeMap::new(),
        types: choices(ErrorType::ALL, ErrorType::code, ErrorType::label),
    })
}

#[derive(Template)]
#[template(path = "orders/templates/portal_receipt.html")]
struct ReceiptPage {
    layout: Layout,
    no: String,
    code: String,
}

/// The public actor of a submission (no personal data in the audit log).
fn public_actor(ip: &str) -> Actor {
    Actor {
        id: None,
        name: "网民（本站找错）".into(),
        ip: Some(ip.to_string()),
    }
}

const FIELDS: &[&str] = &[
    "page_url",
    "error_type",
    "description",
    "contact_email",
    "contact_phone",
];

pub async fn submit(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    crate::web::ratelimit::public_form(&state, "orders_site_form", &ip)?;
    let mut values = BTreeMap::new();
    let mut shot = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
    {
        let Some(name) = field.name().map(str::to_string) else {
            continue;
        };
        if name == "screenshot" {
            let file_name = field.file_name().unwrap_or("截图").to_string();
            let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
            if !bytes.is_empty() {
                shot = Some((file_name, bytes));
            }
        } else if FIELDS.contains(&name.as_str()) {
            let v = field.text().await.map_err(|_| AppError::PayloadTooLarge)?;
            values.insert(name, v.trim().to_string());
        }
    }
    let get = |k: &str| match k {
        "service" => "website_error".to_string(),
        k => values.get(k).cloned().unwrap_or_default(),
    };
    let services = store::service_names(&state.db).await?;
    let checked = form::check(&get, Source::SiteForm, &services, crate::clock::today());
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    let file: Option<NewFile> = match shot {
        Some((n, b)) => match service::check_image(&n, b, max_image(&state), "screenshot") {
            Ok(f) => Some(f),
            Err(m) => {
                errors.insert("screenshot".into(), m);
                None
            }
        },
        None => None,
    };
    match checked {
        Ok(o) if errors.is_empty() => {
            let c = service::create(&state, &o, None, file, &public_actor(&ip)).await?;
            render(&ReceiptPage {
                layout,
                no: c.source_no,
                code: c.query_code,
            })
        }
        _ => {
            let page = FormPage {
                layout,
                values,
                errors,
                types: choices(ErrorType::ALL, ErrorType::code, ErrorType::label),
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Deserialize)]
pub struct ProgressQuery {
    pub no: Option<String>,
    pub code: Option<String>,
}

/// What the requester sees of an order.
pub struct Progress {
    pub no: String,
    pub status: &'static str,
    pub received_on: String,
    pub due: String,
    pub finished_on: String,
    pub result: String,
    pub reply: String,
    pub steps: Vec<(String, &'static str)>,
}

#[derive(Template)]
#[template(path = "orders/templates/portal_progress.html")]
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
    let no = crate::foi::portal::normalise_code(&q.no.unwrap_or_default());
    let mut page = ProgressPage {
        layout,
        no: no.clone(),
        error: String::new(),
        p: None,
    };
    if let (false, Some(code)) = (no.is_empty(), q.code) {
        if !state
            .limiter
            .check("orders_progress", &ip, 30, Duration::from_secs(60))
        {
            return Err(AppError::RateLimited);
        }
        let code = crate::foi::portal::normalise_code(&code);
        match store::by_no(&state.db, &no)
            .await?
            .filter(|o| crate::web::csrf::ct_eq(&o.query_code, &code))
        {
            None => page.error = "工单编号或查询码不正确".into(),
            Some(o) => {
                let steps = store::events(&state.db, o.id)
                    .await?
                    .into_iter()
                    .map(|e| (crate::clock::fmt_local(&e.at), e.kind.label()))
                    .collect();
                let finished = o.finished_on.is_some() || !o.reply.is_empty();
                page.p = Some(Progress {
                    no: o.source_no.clone(),
                    status: o.status.label(),
                    received_on: o.received_on.to_string(),
                    due: if o.status.is_running() {
                        o.finish_due.to_string()
                    } else {
                        String::new()
                    },
                    finished_on: o.finished_on.map(|d| d.to_string()).unwrap_or_default(),
                    result: if finished {
                        o.result.clone()
                    } else {
                        String::new()
                    },
                    reply: if finished {
                        o.reply.clone()
                    } else {
                        String::new()
                    },
                    steps,
                });
            }
        }
    }
    render(&page)
}
