//! Back-office pages of 依申请公开: reply letters (.docx/.pdf of a case) and the letter
//! templates they are made from.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use super::admin::Msg;
use super::letters::LetterKind;
use super::{service, store};
use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

/// A letter as .docx or .pdf: `/admin/foi/{id}/letters/{kind}.{docx|pdf}`.
pub async fn letter(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path((id, file)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let (kind, ext) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let kind = LetterKind::parse(kind).ok_or(AppError::NotFound)?;
    let case = service::case_for(&state, &user, id).await?;
    let l = service::load(&state, case).await?;
    let (title, body) = service::letter_text(&state, &l, kind).await?;
    let doc = super::letters::letter(&title, &body);
    let (bytes, mime) = match ext {
        "pdf" => (officedoc::pdf(&doc), "application/pdf"),
        "docx" => (
            officedoc::docx(&doc).map_err(anyhow::Error::from)?,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        _ => return Err(AppError::NotFound),
    };
    let name = format!("{}-{}.{ext}", l.case.receipt_no, kind.label());
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}.{ext}\"; filename*=UTF-8''{}",
                    l.case.receipt_no,
                    crate::audit::web::percent_encode(&name)
                ),
            ),
        ],
        bytes,
    )
        .into_response())
}

pub struct TemplateView {
    pub code: &'static str,
    pub label: &'static str,
    pub title: String,
    pub body: String,
}

#[derive(Template)]
#[template(path = "foi/templates/admin_templates.html")]
struct TemplatesPage {
    layout: Layout,
    items: Vec<TemplateView>,
    placeholders: String,
    msg: String,
}

pub async fn templates(
    State(state): State<AppState>,
    layout: Layout,
    Query(m): Query<Msg>,
) -> Result<Response, AppError> {
    let stored = store::templates(&state.db).await?;
    let items = LetterKind::ALL
        .iter()
        .map(|k| {
            let (title, body) = stored
                .get(k.code())
                .cloned()
                .unwrap_or_else(|| (k.label().to_string(), k.default_body().to_string()));
            TemplateView {
                code: k.code(),
                label: k.label(),
                title,
                body,
            }
        })
        .collect();
    render(&TemplatesPage {
        layout,
        items,
        placeholders: super::letters::PLACEHOLDERS
            .iter()
            .map(|p| format!("{{{p}}}"))
            .collect::<Vec<_>>()
            .join(" "),
        msg: m.msg.unwrap_or_default(),
    })
}

pub async fn save_template(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(kind): Path<String>,
    fields: Fields,
) -> Result<Response, AppError> {
    let kind = LetterKind::parse(&kind).ok_or(AppError::NotFound)?;
    let title = fields.get("title").trim().to_string();
    let body = fields.get("body");
    if title.is_empty() || title.chars().count() > 50 {
        return Err(AppError::field("title", "标题应为 1–50 字"));
    }
    if body.trim().is_empty() || body.chars().count() > 10_000 {
        return Err(AppError::field("body", "正文应为 1–10000 字"));
    }
    store::save_template(&state.db, kind.code(), &title, &body, &user.actor()).await?;
    Ok(Redirect::to("/admin/foi/templates?msg=saved").into_response())
}
