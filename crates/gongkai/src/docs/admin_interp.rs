//! Back-office 政策解读 of a document: the form, saving it, and the reviewer's
//! approval (it is then published together with the document).

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::admin::load;
use super::form::Errors;
use super::model::{DocState, InterpForm};
use super::store;
use super::views;
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::Choice;
use crate::web::form::Fields;
use crate::web::{Layout, render};

#[derive(Template)]
#[template(path = "docs/templates/admin_interp.html")]
struct InterpPage {
    layout: Layout,
    media: Vec<super::attachments::Attachment>,
    doc_id: i64,
    doc_title: String,
    title: String,
    body: String,
    forms: Vec<Choice>,
    errors: Errors,
    /// Content checks of the text shown (warnings, not blocks).
    checks: Vec<super::checks::CheckView>,
}

fn interp_checks(state: &AppState, title: &str, body: &str) -> Vec<super::checks::CheckView> {
    if body.is_empty() {
        return Vec::new();
    }
    super::checks::run(
        state,
        &super::checks::Text {
            title,
            body,
            ..Default::default()
        },
    )
}

form_page!(InterpPage: err);

pub async fn interp_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::PublishContent).await?;
    let existing = store::interpretation_of(&state.db, id).await?;
    let (title, body, form) = match &existing {
        Some(i) => (i.title.clone(), i.body.clone(), i.form.clone()),
        None => (
            format!("《{}》政策解读", doc.title),
            String::new(),
            InterpForm::Text.code().to_string(),
        ),
    };
    render(&InterpPage {
        checks: interp_checks(&state, &title, &body),
        layout,
        media: super::attachments::of(&state.db, id, super::attachments::Purpose::Interpretation)
            .await?,
        doc_id: id,
        doc_title: doc.title,
        title,
        body,
        forms: views::form_opts(&form),
        errors: Errors::new(),
    })
}

pub async fn interp_save(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::PublishContent).await?;
    if !matches!(doc.state(), DocState::Draft | DocState::Review) {
        return Err(AppError::Conflict(
            "文件已发布或撤回，解读不能再修改".into(),
        ));
    }
    let mut errors = Errors::new();
    let title = fields.get("title");
    if title.is_empty() || title.chars().count() > 200 {
        errors.insert("title".into(), "请填写解读标题（不超过 200 字）".into());
    }
    let form = InterpForm::parse(&fields.get("form"));
    if form.is_none() {
        errors.insert("form".into(), "请选择解读形式".into());
    }
    let body = fields.get("body");
    if body.is_empty() {
        errors.insert("body".into(), "请填写解读内容".into());
    }
    let (Some(form), true) = (form, errors.is_empty()) else {
        let page = InterpPage {
            checks: interp_checks(&state, &title, &body),
            layout,
            media: super::attachments::of(
                &state.db,
                id,
                super::attachments::Purpose::Interpretation,
            )
            .await?,
            doc_id: id,
            doc_title: doc.title,
            title,
            body,
            forms: views::form_opts(&fields.get("form")),
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };
    super::workflow::save_interpretation(&state.db, &doc, &title, form, &body, &user).await?;
    Ok(Redirect::to(&format!("/admin/docs/{id}")).into_response())
}

pub async fn interp_approve(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ReviewContent).await?;
    let interp = store::interpretation_of(&state.db, id)
        .await?
        .ok_or_else(|| AppError::Conflict("该文件还没有解读材料".into()))?;
    if interp.author_id == Some(user.id) {
        return Err(AppError::Conflict(
            "解读材料须由起草人以外的审核人审定".into(),
        ));
    }
    if !super::workflow::approve_interpretation(&state.db, &doc, &interp, &user).await? {
        return Err(AppError::Conflict("只有草稿状态的解读可以审定".into()));
    }
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg=approved")).into_response())
}
