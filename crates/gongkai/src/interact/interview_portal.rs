//! Public pages and JSON of 在线访谈: the list, an interview (guests, the transcript
//! while live with a self-refresh that needs no script, the record and video link
//! afterwards, approved questions with their answers), the question form (same
//! limiter and challenge as 网民留言) and the images. Askers' names and phones are
//! never shown; questions appear only once approved, by their masked text.

use std::collections::BTreeMap;

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};

use super::interview_model::{self as rules, InterviewState, QuestionStatus};
use super::interview_service;
use super::interview_store::{self as store, GuestRow, InterviewRow, PostRow, QuestionRow};
use super::portal::{check_challenge, check_ip, new_challenge, public_actor};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{ClientIp, Layout, PageQuery, Pager, PathId, render};

#[derive(Template)]
#[template(path = "interact/templates/interview_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<InterviewRow>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = Page::new(q.page, None);
    let (rows, total) = store::list(&state.db, None, page).await?;
    render(&ListPage {
        layout,
        rows,
        pager: Pager::checked(page, total, String::new())?,
    })
}

/// What the public sees of an interview: guests, transcript, approved questions.
pub struct Published {
    pub iv: InterviewRow,
    pub guests: Vec<GuestRow>,
    pub posts: Vec<PostRow>,
    pub questions: Vec<QuestionRow>,
}

async fn published(state: &AppState, id: i64) -> Result<Published, AppError> {
    let iv = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let questions = store::questions(&state.db, id, Some(QuestionStatus::Approved))
        .await?
        .into_iter()
        .filter(|q| rules::shown(q.status))
        .collect();
    Ok(Published {
        guests: store::guests(&state.db, id).await?,
        posts: store::posts(&state.db, id).await?,
        questions,
        iv,
    })
}

#[derive(Template)]
#[template(path = "interact/templates/interview_show.html")]
struct ShowPage {
    layout: Layout,
    p: Published,
    refresh: Option<u32>,
    open: bool,
}

#[derive(Deserialize)]
pub struct ShowQuery {
    /// `off`: no self-refresh (for readers who need the page to stay still).
    pub refresh: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let p = published(&state, id).await?;
    let off = q.refresh.as_deref() == Some("off");
    render(&ShowPage {
        refresh: rules::refresh(p.iv.state, off),
        open: rules::takes_questions(p.iv.state),
        layout,
        p,
    })
}

#[derive(Template)]
#[template(path = "interact/templates/interview_ask.html")]
struct AskPage {
    layout: Layout,
    iv: InterviewRow,
    open: bool,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    question: String,
    token: String,
    msg: String,
    max: usize,
}

form_page!(AskPage: v, err);

#[derive(Deserialize)]
pub struct AskQuery {
    pub msg: Option<String>,
}

async fn ask_page(
    state: &AppState,
    layout: Layout,
    iv: InterviewRow,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    msg: String,
) -> Result<AskPage, AppError> {
    let open = rules::takes_questions(iv.state);
    let (question, token) = if open {
        new_challenge(state).await?
    } else {
        Default::default()
    };
    Ok(AskPage {
        layout,
        iv,
        open,
        values,
        errors,
        question,
        token,
        msg,
        max: rules::MAX_QUESTION,
    })
}

pub async fn ask_form(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
    Query(q): Query<AskQuery>,
) -> Result<Response, AppError> {
    let iv = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let msg = q.msg.unwrap_or_default();
    render(&ask_page(&state, layout, iv, BTreeMap::new(), BTreeMap::new(), msg).await?)
}

/// Submit a question (form fields; no files), pending moderation.
pub async fn ask(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    crate::web::form::Fields(pairs): crate::web::form::Fields,
) -> Result<Response, AppError> {
    check_ip(&state, &ip)?;
    let iv = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let values: BTreeMap<String, String> = pairs.into_iter().collect();
    let checked = interview_service::check_question(&iv, &values);
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    if rules::takes_questions(iv.state) {
        check_challenge(&state, &values, &mut errors).await?;
    }
    match checked {
        Ok(n) if errors.is_empty() => {
            let actor = public_actor(&ip, "网站");
            let new = interview_service::ask(&state, &iv, &n, &actor).await?;
            let msg = if new { "asked" } else { "again" };
            Ok(
                Redirect::to(&format!("/interact/interviews/{id}/questions?msg={msg}"))
                    .into_response(),
            )
        }
        _ => {
            let page = ask_page(&state, layout, iv, values, errors, String::new()).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

/// A guest photo or a transcript image of an interview.
pub async fn image(
    State(state): State<AppState>,
    Path((id, image)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let f = store::image(&state.db, id, image)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::docs::attachments::send_blob(
        &state,
        &f.sha256,
        &f.file_name,
        &f.mime,
        crate::docs::attachments::Caching::Public,
    )
    .await
}

/// An interview in the API: published content only.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiInterview {
    pub id: i64,
    pub title: String,
    pub summary: String,
    /// 访谈时间（UTC）
    pub scheduled_at: chrono::DateTime<chrono::Utc>,
    /// upcoming | live | finished
    pub state: String,
    /// 预告 | 直播中 | 已结束
    pub state_label: String,
    /// 视频链接（结束后，可为空）
    pub video_url: String,
    pub guests: Vec<ApiGuest>,
    /// 文字实录（详情）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcript: Option<Vec<ApiPost>>,
    /// 审核通过的网友提问及答复（详情）
    #[serde(skip_serializing_if = "Option::is_none")]
    pub questions: Option<Vec<ApiQuestion>>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiGuest {
    pub name: String,
    /// 职务
    pub title: String,
    /// 照片地址（可为空）
    pub photo: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiPost {
    pub speaker: String,
    pub text: String,
    pub image: Option<String>,
    pub posted_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ApiQuestion {
    /// 提问内容（已去除个人信息）
    pub question: String,
    /// 答复（未答复为空）
    pub answer: String,
    pub answered: bool,
}

fn image_url(id: i64, image: Option<i64>) -> Option<String> {
    image.map(|i| format!("/interact/interviews/{id}/images/{i}"))
}

fn api_item(p: Published, detail: bool) -> ApiInterview {
    let id = p.iv.id;
    ApiInterview {
        id,
        summary: p.iv.summary,
        scheduled_at: p.iv.scheduled_at,
        state: p.iv.state.code().into(),
        state_label: p.iv.state.label().into(),
        video_url: p.iv.video_url,
        guests: p
            .guests
            .into_iter()
            .map(|g| ApiGuest {
                name: g.name,
                title: g.job_title,
                photo: image_url(id, g.photo_id),
            })
            .collect(),
        transcript: detail.then(|| {
            p.posts
                .into_iter()
                .map(|x| ApiPost {
                    speaker: x.speaker,
                    text: x.content,
                    image: image_url(id, x.image_id),
                    posted_at: x.posted_at,
                })
                .collect()
        }),
        questions: detail.then(|| {
            p.questions
                .into_iter()
                .map(|q| ApiQuestion {
                    question: q.masked_content,
                    answered: q.answered_at.is_some(),
                    answer: q.answer,
                })
                .collect()
        }),
        title: p.iv.title,
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InterviewList {
    pub total: i64,
    pub page: i64,
    pub items: Vec<ApiInterview>,
}

/// Interviews, latest first (guests, no transcript).
#[utoipa::path(get, path = "/api/v1/interviews", tag = "interact",
    params(("page" = Option<i64>, Query, description = "页码")),
    responses((status = 200, body = InterviewList)))]
pub async fn api_list(
    State(state): State<AppState>,
    Query(q): Query<PageQuery>,
) -> Result<Json<InterviewList>, AppError> {
    let page = Page::new(q.page, None);
    let (rows, total) = store::list(&state.db, None, page).await?;
    let ids: Vec<i64> = rows.iter().map(|iv| iv.id).collect();
    let mut guests_by = store::guests_of(&state.db, &ids).await?;
    let mut items = Vec::new();
    for iv in rows {
        let guests = guests_by.remove(&iv.id).unwrap_or_default();
        let p = Published {
            iv,
            guests,
            posts: Vec::new(),
            questions: Vec::new(),
        };
        items.push(api_item(p, false));
    }
    Ok(Json(InterviewList {
        total,
        page: page.number,
        items,
    }))
}

/// One interview: guests, the transcript, approved questions with their answers
/// and the video link. No asker's name or phone.
#[utoipa::path(get, path = "/api/v1/interviews/{id}", tag = "interact",
    params(("id" = i64, Path, description = "访谈编号")),
    responses((status = 200, body = ApiInterview), (status = 404, body = crate::api::ErrorBody)))]
pub async fn api_one(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Json<ApiInterview>, AppError> {
    Ok(Json(api_item(published(&state, id).await?, true)))
}

impl ShowPage {
    fn live(&self) -> bool {
        self.p.iv.state == InterviewState::Live
    }
    fn finished(&self) -> bool {
        self.p.iv.state == InterviewState::Finished
    }
}
