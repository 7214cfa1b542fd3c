//! Back-office pages of 依申请公开: reply letters (.docx/.pdf of a case), the letter
//! templates they are made from, and each organ's signature, 复议机关 and number
//! pattern (`letter_settings`).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use super::admin::Msg;
use super::letter_settings::{self, LetterSettings};
use super::letters::LetterKind;
use super::{letter_doc, letter_service, service, store};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::{Scope, tree_order};
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
    let p = letter_doc::prepare(&state, &l, kind, &user.actor()).await?;
    let doc = super::letters::letter(&p.title, Some(&p.number), &p.body);
    let (bytes, mime) = match ext {
        "pdf" => {
            let fonts = letter_doc::fonts(&state).await;
            (
                officedoc::pdf(&doc, fonts.as_ref()).map_err(anyhow::Error::from)?,
                "application/pdf",
            )
        }
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
                    crate::audit::admin::percent_encode(&name)
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
    letter_service::save_template(&state.db, kind.code(), &title, &body, &user.actor()).await?;
    Ok(Redirect::to("/admin/foi/templates?msg=saved").into_response())
}

pub struct OrganView {
    pub unit_id: i64,
    pub unit_name: String,
    pub signer: String,
    pub review_organ: String,
    pub number_pattern: String,
    pub configured: bool,
}

#[derive(Template)]
#[template(path = "foi/templates/admin_letter_settings.html")]
struct SettingsPage {
    layout: Layout,
    organs: Vec<OrganView>,
    msg: String,
}

/// The organs an administrator may set: those in their scope.
pub async fn settings_page(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(m): Query<Msg>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUnits).await?;
    let stored = letter_settings::all(&state.db).await?;
    let organs = tree_order(&scope.units)
        .into_iter()
        .filter(|(u, _)| {
            scope.contains(u.id) && u.active && (u.is_organ() || stored.contains_key(&u.id))
        })
        .map(|(u, _)| match stored.get(&u.id) {
            Some(s) => OrganView {
                unit_id: u.id,
                unit_name: u.name.clone(),
                signer: s.signer.clone(),
                review_organ: s.review_organ.clone(),
                number_pattern: s.number_pattern.clone(),
                configured: true,
            },
            None => OrganView {
                unit_id: u.id,
                unit_name: u.name.clone(),
                signer: u.name.clone(),
                review_organ: String::new(),
                number_pattern: String::new(),
                configured: false,
            },
        })
        .collect();
    render(&SettingsPage {
        layout,
        organs,
        msg: m.msg.unwrap_or_default(),
    })
}

pub async fn save_settings(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(unit): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ManageUnits).await?;
    if !scope.contains(unit) {
        return Err(AppError::Forbidden);
    }
    let signer = fields.get("signer").trim().to_string();
    let review_organ = fields.get("review_organ").trim().to_string();
    let number_pattern = fields.get("number_pattern").trim().to_string();
    if signer.is_empty() || signer.chars().count() > 40 {
        return Err(AppError::field("signer", "署名机关应为 1–40 字"));
    }
    if review_organ.is_empty() || review_organ.chars().count() > 40 {
        return Err(AppError::field("review_organ", "行政复议机关应为 1–40 字"));
    }
    letter_settings::check_pattern(&number_pattern)
        .map_err(|e| AppError::field("number_pattern", e))?;
    let s = LetterSettings {
        unit_id: unit,
        signer,
        review_organ,
        number_pattern,
    };
    letter_service::save_settings(&state.db, &s, &user.actor()).await?;
    Ok(Redirect::to("/admin/foi/letter-settings?msg=saved").into_response())
}
