//! Back office of 智能小城: the FAQ entries (edit, versions), the questions it could
//! not answer or that were marked 没用, each turned into a 相似问法 or a new entry in
//! one click.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form::EntryForm;
use super::model::sources_text;
use super::service;
use super::store::{self, EntryRow, QuestionRow, VersionRow};
use crate::auth::Staff;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, Pager, PathId, render};

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    page: Option<i64>,
    #[serde(default)]
    done: String,
}

#[derive(Template)]
#[template(path = "qa/templates/admin_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<EntryRow>,
    pager: Pager,
    q: String,
    hybrid: bool,
    /// (asked, declined, 有用, 没用) in the last 30 days
    stats: (i64, i64, i64, i64),
    open: i64,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(lq): Query<ListQuery>,
) -> Result<Response, AppError> {
    // The first visit imports the bank that ships with the product.
    super::index(&state).await?;
    let q: String = lq.q.trim().chars().take(50).collect();
    let page = Page::new(lq.page, None);
    let (rows, total) = store::list(&state.db, &q, page).await?;
    let base = if q.is_empty() {
        String::new()
    } else {
        format!("q={}&", crate::audit::admin::percent_encode(&q))
    };
    let (_, open) = store::open_questions(&state.db, Page::new(Some(1), Some(1))).await?;
    render(&ListPage {
        layout,
        rows,
        pager: Pager::checked(page, total, base)?,
        q,
        hybrid: super::hybrid(&state),
        stats: store::question_stats(&state.db).await?,
        open,
    })
}

#[derive(Template)]
#[template(path = "qa/templates/admin_edit.html")]
struct EditPage {
    layout: Layout,
    /// None: a new entry.
    row: Option<EntryRow>,
    form: EntryForm,
    errors: BTreeMap<String, String>,
    versions: Vec<VersionRow>,
    saved: bool,
    /// The question a new entry is made from.
    from: Option<i64>,
}

impl EditPage {
    fn err(&self, name: &str) -> String {
        self.errors.get(name).cloned().unwrap_or_default()
    }
}

#[derive(Deserialize, Default)]
pub struct NewQuery {
    from: Option<i64>,
    #[serde(default)]
    saved: String,
}

pub async fn new_form(
    State(state): State<AppState>,
    layout: Layout,
    Query(nq): Query<NewQuery>,
) -> Result<Response, AppError> {
    let mut form = EntryForm {
        active: true,
        ..Default::default()
    };
    if let Some(id) = nq.from {
        let q = store::question(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        form.question = q.question;
    }
    render(&EditPage {
        layout,
        row: None,
        form,
        errors: BTreeMap::new(),
        versions: Vec::new(),
        saved: false,
        from: nq.from,
    })
}

pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let form = EntryForm::from_fields(&fields);
    let from = fields.get("from").parse().ok();
    match form.parse() {
        Ok(e) => {
            let id = service::create(&state.db, &user.actor(), e, from).await?;
            Ok(Redirect::to(&format!("/admin/qa/{id}?saved=1")).into_response())
        }
        Err(errors) => render(&EditPage {
            layout,
            row: None,
            form,
            errors,
            versions: Vec::new(),
            saved: false,
            from,
        }),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
    Query(nq): Query<NewQuery>,
) -> Result<Response, AppError> {
    let row = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let form = EntryForm {
        category: row.category.clone(),
        question: row.question.clone(),
        answer: row.answer.clone(),
        sources: sources_text(&row.sources()),
        paraphrases: row.paraphrase_list().join("\n"),
        active: row.active,
        version: row.version,
    };
    render(&EditPage {
        layout,
        versions: store::versions(&state.db, id).await?,
        row: Some(row),
        form,
        errors: BTreeMap::new(),
        saved: nq.saved == "1",
        from: None,
    })
}

pub async fn save(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    PathId(id): PathId,
    fields: Fields,
) -> Result<Response, AppError> {
    let row = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let form = EntryForm::from_fields(&fields);
    match form.parse() {
        Ok(mut e) => {
            e.faq_id = row.faq_id.clone();
            service::update(&state.db, &user.actor(), id, form.version, &e, form.active).await?;
            Ok(Redirect::to(&format!("/admin/qa/{id}?saved=1")).into_response())
        }
        Err(errors) => render(&EditPage {
            layout,
            versions: store::versions(&state.db, id).await?,
            row: Some(row),
            form,
            errors,
            saved: false,
            from: None,
        }),
    }
}

#[derive(Template)]
#[template(path = "qa/templates/admin_questions.html")]
struct QuestionsPage {
    layout: Layout,
    rows: Vec<QuestionRow>,
    pager: Pager,
    /// (faq id, question) of the active entries, for the entry field's list.
    entries: Vec<(String, String)>,
    done: String,
}

pub async fn questions(
    State(state): State<AppState>,
    layout: Layout,
    Query(lq): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = Page::new(lq.page, None);
    let (rows, total) = store::open_questions(&state.db, page).await?;
    let entries = store::active_entries(&state.db)
        .await?
        .into_iter()
        .map(|e| (e.faq_id, e.question))
        .collect();
    render(&QuestionsPage {
        layout,
        rows,
        pager: Pager::checked(page, total, String::new())?,
        entries,
        done: lq.done.chars().take(20).collect(),
    })
}

/// One click: the question becomes a 相似问法 of the entry named in `faq_id`.
pub async fn to_paraphrase(
    State(state): State<AppState>,
    Staff(user): Staff,
    PathId(id): PathId,
    fields: Fields,
) -> Result<Response, AppError> {
    let faq_id = fields.get("faq_id");
    let entry = store::by_faq_id(&state.db, &faq_id)
        .await?
        .ok_or_else(|| AppError::BadRequest(format!("没有编号为“{faq_id}”的问答")))?;
    let done = service::add_paraphrase(&state.db, &user.actor(), id, entry.id).await?;
    Ok(Redirect::to(&format!("/admin/qa/questions?done={done}")).into_response())
}

pub async fn dismiss(
    State(state): State<AppState>,
    Staff(user): Staff,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    service::dismiss(&state.db, &user.actor(), id).await?;
    Ok(Redirect::to("/admin/qa/questions").into_response())
}
