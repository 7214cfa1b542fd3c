//! Public pages and JSON of 意见征集: the list, a draft article by article with the
//! comment form (on the whole or on one article, with a quoted passage), and after
//! closing the published 意见采纳情况. Commenters' names and phones never shown.

use std::collections::BTreeMap;

use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::consult_model::{self, Block, Decision, Phase};
use super::consult_service;
use super::consult_store::{self as store, CommentRow, ConsultRow};
use super::portal::{check_challenge, check_ip, new_challenge, public_actor};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{ClientIp, Layout, PageQuery, Pager, PathId, render};

pub struct ListItem {
    pub c: ConsultRow,
    pub phase: &'static str,
}

#[derive(Template)]
#[template(path = "interact/templates/consult_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<ListItem>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = Page::new(q.page, None);
    let today = crate::clock::today();
    let (rows, total) = store::list(&state.db, None, Some(today), page).await?;
    render(&ListPage {
        layout,
        rows: rows
            .into_iter()
            .map(|c| ListItem {
                phase: Phase::of(c.opens_on, c.closes_on, today).label(),
                c,
            })
            .collect(),
        pager: Pager::checked(page, total, String::new())?,
    })
}

/// The published feedback: counts, and the comments grouped by article with their
/// decision and reason (masked texts).
pub struct Feedback {
    pub adopted: usize,
    pub partly: usize,
    pub not_adopted: usize,
    pub groups: Vec<(String, Vec<CommentRow>)>,
}

fn feedback(blocks: &[Block], comments: Vec<CommentRow>) -> Feedback {
    let ds: Vec<Option<Decision>> = comments.iter().map(|c| c.decision).collect();
    let (adopted, partly, not_adopted, _) = consult_model::tally(&ds);
    let mut groups: Vec<(String, Vec<CommentRow>)> = Vec::new();
    for c in comments {
        let label = match c.article {
            None => "对全文的意见".to_string(),
            Some(a) => blocks
                .iter()
                .find(|b| b.article.map(i64::from) == Some(a))
                .map(|b| format!("对{}的意见", b.label))
                .unwrap_or_else(|| format!("对第{a}条的意见")),
        };
        match groups.iter_mut().find(|(l, _)| *l == label) {
            Some((_, v)) => v.push(c),
            None => groups.push((label, vec![c])),
        }
    }
    Feedback {
        adopted,
        partly,
        not_adopted,
        groups,
    }
}

#[derive(Template)]
#[template(path = "interact/templates/consult_show.html")]
struct ShowPage {
    layout: Layout,
    c: ConsultRow,
    phase: Phase,
    blocks: Vec<Block>,
    count: usize,
    feedback: Option<Feedback>,
    article: String,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    question: String,
    token: String,
    msg: String,
}

form_page!(ShowPage: v, err);

#[derive(Deserialize)]
pub struct ShowQuery {
    pub article: Option<String>,
    pub msg: Option<String>,
}

async fn published(state: &AppState, id: i64) -> Result<ConsultRow, AppError> {
    store::get(&state.db, id)
        .await?
        .filter(|c| c.opens_on <= crate::clock::today())
        .ok_or(AppError::NotFound)
}

async fn show_page(
    state: &AppState,
    layout: Layout,
    c: ConsultRow,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    msg: String,
) -> Result<ShowPage, AppError> {
    let phase = Phase::of(c.opens_on, c.closes_on, crate::clock::today());
    let blocks = consult_model::blocks(&c.draft);
    let comments = store::comments(&state.db, c.id).await?;
    let count = comments.len();
    let feedback = c.feedback_on.map(|_| feedback(&blocks, comments));
    let (question, token) = if phase == Phase::Open {
        new_challenge(state).await?
    } else {
        Default::default()
    };
    Ok(ShowPage {
        layout,
        article: values.get("article").cloned().unwrap_or_default(),
        c,
        phase,
        blocks,
        count,
        feedback,
        values,
        errors,
        question,
        token,
        msg,
    })
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let c = published(&state, id).await?;
    let mut values = BTreeMap::new();
    values.insert("article".to_string(), q.article.unwrap_or_default());
    let msg = q.msg.unwrap_or_default();
    render(&show_page(&state, layout, c, values, BTreeMap::new(), msg).await?)
}

/// Submit a comment (form fields; no files).
pub async fn comment(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    crate::web::form::Fields(pairs): crate::web::form::Fields,
) -> Result<Response, AppError> {
    check_ip(&state, &ip)?;
    let c = published(&state, id).await?;
    let values: BTreeMap<String, String> = pairs.into_iter().collect();
    let checked = consult_service::check_comment(&c, &values, crate::clock::today());
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    check_challenge(&state, &values, &mut errors).await?;
    match checked {
        Ok(n) if errors.is_empty() => {
            let new = consult_service::comment(&state, &c, &n, &public_actor(&ip, "网站")).await?;
            let msg = if new { "commented" } else { "again" };
            Ok(axum::response::Redirect::to(&format!(
                "/interact/consultations/{id}?msg={msg}#comment"
            ))
            .into_response())
        }
        _ => {
            let page = show_page(&state, layout, c, values, errors, String::new()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

/// A consultation in the API.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiConsultation {
    pub id: i64,
    pub title: String,
    /// major_decision | normative | other
    pub kind: String,
    pub opens_on: chrono::NaiveDate,
    pub closes_on: chrono::NaiveDate,
    /// 尚未开始 | 征集中 | 已结束
    pub phase: String,
    /// 缩短征集期限的理由
    pub short_reason: String,
    pub contact: String,
    pub comments: usize,
    /// 起草说明（详情）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// 条文（详情）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub articles: Option<Vec<ApiArticle>>,
    /// 意见采纳情况（公布后）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feedback: Option<ApiFeedback>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiArticle {
    pub no: Option<u32>,
    pub label: String,
    pub text: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiFeedback {
    pub published_on: Option<chrono::NaiveDate>,
    pub summary: String,
    pub adopted: usize,
    pub partly: usize,
    pub not_adopted: usize,
    pub opinions: Vec<ApiOpinion>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiOpinion {
    pub article: Option<i64>,
    pub content: String,
    pub decision: String,
    pub reason: String,
}

fn api_item(c: ConsultRow, comments: Vec<store::CommentRow>, detail: bool) -> ApiConsultation {
    let phase = Phase::of(c.opens_on, c.closes_on, crate::clock::today());
    let feedback = match (detail, c.feedback_on) {
        (true, Some(on)) => {
            let ds: Vec<Option<Decision>> = comments.iter().map(|x| x.decision).collect();
            let (adopted, partly, not_adopted, _) = consult_model::tally(&ds);
            Some(ApiFeedback {
                published_on: Some(on),
                summary: c.feedback.clone(),
                adopted,
                partly,
                not_adopted,
                opinions: comments
                    .iter()
                    .map(|x| ApiOpinion {
                        article: x.article,
                        content: x.masked_content.clone(),
                        decision: x
                            .decision
                            .map(|d| d.label().to_string())
                            .unwrap_or_default(),
                        reason: x.reason.clone(),
                    })
                    .collect(),
            })
        }
        _ => None,
    };
    ApiConsultation {
        id: c.id,
        kind: c.kind.code().into(),
        opens_on: c.opens_on,
        closes_on: c.closes_on,
        phase: phase.label().into(),
        short_reason: c.short_reason.clone(),
        contact: c.contact.clone(),
        comments: comments.len(),
        explanation: detail.then(|| c.explanation.clone()),
        articles: detail.then(|| {
            consult_model::blocks(&c.draft)
                .into_iter()
                .map(|b| ApiArticle {
                    no: b.article,
                    label: b.label,
                    text: b.text,
                })
                .collect()
        }),
        feedback,
        title: c.title,
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ConsultationList {
    pub total: i64,
    pub page: i64,
    pub items: Vec<ApiConsultation>,
}

/// Consultations that have opened, newest first.
#[utoipa::path(get, path = "/api/v1/consultations", tag = "interact",
    params(("page" = Option<i64>, Query, description = "页码")),
    responses((status = 200, body = ConsultationList)))]
pub async fn api_list(
    State(state): State<AppState>,
    Query(q): Query<PageQuery>,
) -> Result<Json<ConsultationList>, AppError> {
    let page = Page::new(q.page, None);
    let (rows, total) = store::list(&state.db, None, Some(crate::clock::today()), page).await?;
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let mut comments = store::comments_of(&state.db, &ids).await?;
    let items = rows
        .into_iter()
        .map(|c| {
            let mine = comments.remove(&c.id).unwrap_or_default();
            api_item(c, mine, false)
        })
        .collect();
    Ok(Json(ConsultationList {
        total,
        page: page.number,
        items,
    }))
}

/// One consultation: the draft by article and, once published, the adoption feedback.
#[utoipa::path(get, path = "/api/v1/consultations/{id}", tag = "interact",
    params(("id" = i64, Path, description = "征集编号")),
    responses((status = 200, body = ApiConsultation), (status = 404, body = crate::api::ErrorBody)))]
pub async fn api_one(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<ApiConsultation>, AppError> {
    let c = published(&state, id).await?;
    let comments = store::comments(&state.db, c.id).await?;
    Ok(Json(api_item(c, comments, true)))
}
