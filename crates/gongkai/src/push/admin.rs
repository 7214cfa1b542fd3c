//! Back office: a document's applicability tags and 免罚清单 items (edited with
//! the draft, approved with it), and the delivery figures per policy.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form::{self, Errors};
use super::model::{Applicability, District, Scale, Subject, Theme};
use super::service;
use super::store::{self, DOCUMENT, PolicyStats};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Choice, Layout, render};

#[derive(Template)]
#[template(path = "push/templates/admin_tags.html")]
struct TagsPage {
    layout: Layout,
    doc_id: i64,
    doc_title: String,
    editable: bool,
    industries: String,
    districts: Vec<Choice>,
    scales: Vec<Choice>,
    subjects: Vec<Choice>,
    themes: Vec<Choice>,
    exemptions: String,
    errors: Errors,
    message: &'static str,
}

form_page!(TagsPage: err);

pub(super) fn checks<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
    on: &std::collections::BTreeSet<&'static str>,
) -> Vec<Choice> {
    all.iter()
        .map(|&x| Choice::new(code(x), label(x), on.contains(code(x))))
        .collect()
}

fn page(
    layout: Layout,
    d: &crate::docs::store::DocRow,
    a: &Applicability,
    exemptions: String,
    errors: Errors,
    message: &'static str,
) -> TagsPage {
    TagsPage {
        layout,
        doc_id: d.id,
        doc_title: d.title.clone(),
        editable: service::editable(d),
        industries: a.industries.iter().cloned().collect::<Vec<_>>().join(" "),
        districts: checks(District::ALL, District::code, District::label, &a.districts),
        scales: checks(Scale::ALL, Scale::code, Scale::label, &a.scales),
        subjects: checks(Subject::ALL, Subject::code, Subject::label, &a.subjects),
        themes: checks(Theme::ALL, Theme::code, Theme::label, &a.themes),
        exemptions,
        errors,
        message,
    }
}

#[derive(Deserialize)]
pub struct MsgQuery {
    msg: Option<String>,
}

pub async fn tags_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    Query(q): Query<MsgQuery>,
) -> Result<Response, AppError> {
    let (d, _) = crate::docs::admin::load(&state, &user, id, Permission::PublishContent).await?;
    let a = store::tags_of(&state.db, DOCUMENT, id).await?;
    let items = store::exemptions_of(&state.db, id).await?;
    let message = if q.msg.as_deref() == Some("saved") {
        "已保存。标签和免罚清单随文件送审，审核通过后与文件一同发布。"
    } else {
        ""
    };
    render(&page(
        layout,
        &d,
        &a,
        form::exemptions_text(&items),
        Errors::new(),
        message,
    ))
}

pub async fn tags_save(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    let (d, _) = crate::docs::admin::load(&state, &user, id, Permission::PublishContent).await?;
    match form::tags(&f) {
        Ok((a, items)) => {
            service::set_document_tags(&state.db, &user.actor(), &d, &a, &items).await?;
            Ok(Redirect::to(&format!("/admin/push/documents/{id}/tags?msg=saved")).into_response())
        }
        Err(errors) => {
            let rows: Vec<(&str, String)> = ["district", "scale", "subject", "theme"]
                .iter()
                .flat_map(|k| f.all(k).into_iter().map(move |v| (*k, v)))
                .collect();
            let a = Applicability::from_rows(rows.iter().map(|(k, v)| (*k, v.as_str())));
            let mut p = page(layout, &d, &a, f.get("exemptions"), errors, "");
            p.industries = f.get("industries");
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&p)?).into_response())
        }
    }
}

pub struct StatRow {
    pub s: PolicyStats,
    pub title: String,
}

#[derive(Template)]
#[template(path = "push/templates/admin_overview.html")]
struct OverviewPage {
    layout: Layout,
    subscribers: Vec<(String, i64)>,
    rows: Vec<StatRow>,
    mail_on: bool,
}

/// The figures per policy with the policies' titles.
pub async fn stat_rows(state: &AppState) -> Result<Vec<StatRow>, AppError> {
    let stats = store::policy_stats(&state.db, None).await?;
    let ids: Vec<i64> = stats.iter().map(|s| s.document_id).collect();
    let docs = crate::docs::store::get_many(&state.db, &ids).await?;
    Ok(stats
        .into_iter()
        .map(|s| StatRow {
            title: docs
                .iter()
                .find(|d| d.id == s.document_id)
                .map(|d| d.title.clone())
                .unwrap_or_default(),
            s,
        })
        .collect())
}

/// Per policy: matched, sent, failed, bounced, opened; subscriptions by state. The
/// figures name no enterprise.
pub async fn overview(State(state): State<AppState>, layout: Layout) -> Result<Response, AppError> {
    let rows = stat_rows(&state).await?;
    let subscribers = store::count_subscribers(&state.db)
        .await?
        .into_iter()
        .map(|(k, n)| (super::admin_delivery::state_label(&k).to_string(), n))
        .collect();
    render(&OverviewPage {
        layout,
        subscribers,
        rows,
        mail_on: !state.settings.mail.smtp_host.is_empty(),
    })
}
