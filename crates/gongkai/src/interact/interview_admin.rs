//! Back office of 在线访谈: list and new interview, then on one page the guests
//! (with photos), start and finish, the transcript posted while live, the video
//! link, and the questions to approve, reject and answer.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::interview_model::{Move, QuestionStatus};
use super::interview_service;
use super::interview_store::{self as store, GuestRow, InterviewRow, PostRow, QuestionRow};
use super::service::Upload;
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, PageQuery, Pager, render};

#[derive(Template)]
#[template(path = "interact/templates/interview_admin_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<InterviewRow>,
    pager: Pager,
    units: Vec<(i64, String)>,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
}

form_page!(ListPage: v, err);

async fn list_page(
    state: &AppState,
    layout: Layout,
    scope: &Scope,
    page: Page,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
) -> Result<ListPage, AppError> {
    let (rows, total) = store::list(&state.db, scope.filter(), page).await?;
    Ok(ListPage {
        layout,
        rows,
        pager: Pager::checked(page, total, String::new())?,
        units: scope.active_unit_choices(),
        values,
        errors,
    })
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleInteraction).await?;
    let page = Page::new(q.page, None);
    let p = list_page(
        &state,
        layout,
        &scope,
        page,
        BTreeMap::new(),
        BTreeMap::new(),
    )
    .await?;
    render(&p)
}

pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleInteraction).await?;
    let ids: Vec<i64> = scope.active_unit_choices().iter().map(|u| u.0).collect();
    match interview_service::check_new(&fields, &ids) {
        Ok(n) => {
            let id = interview_service::create(&state, &n, user.id, &user.actor()).await?;
            Ok(Redirect::to(&format!("/admin/interviews/{id}?msg=created")).into_response())
        }
        Err(errors) => {
            let values: BTreeMap<String, String> = fields.0.into_iter().collect();
            let page = Page::new(None, None);
            let p = list_page(&state, layout, &scope, page, values, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&p)?).into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "interact/templates/interview_admin_show.html")]
struct ShowPage {
    layout: Layout,
    iv: InterviewRow,
    guests: Vec<GuestRow>,
    posts: Vec<PostRow>,
    questions: Vec<QuestionRow>,
    pending: usize,
    msg: String,
}

impl ShowPage {
    fn is(&self, s: &str) -> bool {
        self.iv.state.code() == s
    }
    fn pending(q: &QuestionRow) -> bool {
        q.status == QuestionStatus::Pending
    }
    fn approved(q: &QuestionRow) -> bool {
        q.status == QuestionStatus::Approved
    }
}

async fn in_scope(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    id: i64,
) -> Result<InterviewRow, AppError> {
    let scope = Scope::of(state, user, Permission::HandleInteraction).await?;
    store::get(&state.db, id)
        .await?
        .filter(|c| scope.contains(c.unit_id))
        .ok_or(AppError::NotFound)
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let iv = in_scope(&state, &user, id).await?;
    let questions = store::questions(&state.db, id, None).await?;
    render(&ShowPage {
        guests: store::guests(&state.db, id).await?,
        posts: store::posts(&state.db, id).await?,
        pending: questions
            .iter()
            .filter(|x| x.status == QuestionStatus::Pending)
            .count(),
        questions,
        msg: q.msg.unwrap_or_default(),
        layout,
        iv,
    })
}

/// Start (`move=start`) or finish (`move=finish`, optional `video_url`).
pub async fn step(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let iv = in_scope(&state, &user, id).await?;
    let (m, video) = match fields.get("move").as_str() {
        "start" => (Move::Start, None),
        "finish" => (Move::Finish, Some(fields.get("video_url"))),
        _ => return Err(AppError::BadRequest("未知的操作".into())),
    };
    interview_service::step(&state, &iv, m, video.as_deref(), &user.actor()).await?;
    let msg = match m {
        Move::Start => "started",
        Move::Finish => "finished",
    };
    Ok(Redirect::to(&format!("/admin/interviews/{id}?msg={msg}")).into_response())
}

pub async fn video(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let iv = in_scope(&state, &user, id).await?;
    interview_service::set_video(&state, &iv, &fields.get("video_url"), &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/interviews/{id}?msg=video")).into_response())
}

/// Read a multipart form of text fields and at most one image (field `image`),
/// checked by its content; the image is written to the blob store only when the
/// caller has checked the rest (see [`store_image`]).
async fn read_form(
    mut mp: Multipart,
) -> Result<(BTreeMap<String, String>, Option<(String, bytes::Bytes)>), AppError> {
    let mut fields = BTreeMap::new();
    let mut file = None;
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
    {
        let name = field.name().unwrap_or("").to_string();
        if name == "image" {
            let file_name = crate::docs::attachments::clean_name(field.file_name().unwrap_or(""));
            let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
            if !bytes.is_empty() {
                file = Some((file_name, bytes));
            }
        } else if fields.len() < 20 {
            let v = field.text().await.map_err(|_| AppError::PayloadTooLarge)?;
            fields.insert(name, v);
        }
    }
    Ok((fields, file))
}

/// Check an uploaded image (PNG, JPEG or GIF by content) and store it.
async fn store_image(
    state: &AppState,
    file: Option<(String, bytes::Bytes)>,
) -> Result<Option<Upload>, AppError> {
    use crate::docs::attachments::{Purpose, check, write_blob};
    let Some((name, bytes)) = file else {
        return Ok(None);
    };
    let max = state.settings.server.max_body_bytes;
    let kind = check(&name, &bytes, max, Purpose::Document)
        .map_err(|m| AppError::field("image", &format!("图片“{name}”：{m}")))?;
    if !kind.is_image() {
        return Err(AppError::field(
            "image",
            &format!("图片“{name}”：只能上传 PNG、JPEG 或 GIF 图片（按文件内容判断）"),
        ));
    }
    let sha = write_blob(&state.settings.files_dir(), &bytes).await?;
    Ok(Some(Upload {
        name,
        mime: kind.mime(),
        size: bytes.len(),
        sha256: sha,
    }))
}

pub async fn guest(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    mp: Multipart,
) -> Result<Response, AppError> {
    let iv = in_scope(&state, &user, id).await?;
    let (f, file) = read_form(mp).await?;
    let mut e = BTreeMap::new();
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let name = super::form::text(&mut e, "name", &get("name"), "嘉宾姓名", true, 30);
    let job = super::form::text(&mut e, "job_title", &get("job_title"), "职务", true, 100);
    if !e.is_empty() {
        return Err(AppError::validation(e));
    }
    let photo = store_image(&state, file).await?;
    interview_service::add_guest(&state, &iv, &name, &job, photo.as_ref(), &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/interviews/{id}?msg=guest")).into_response())
}

pub async fn post(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    mp: Multipart,
) -> Result<Response, AppError> {
    let iv = in_scope(&state, &user, id).await?;
    let (f, file) = read_form(mp).await?;
    super::interview_model::takes_posts(iv.state).map_err(|m| AppError::Conflict(m.into()))?;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let image = store_image(&state, file).await?;
    let (speaker, content) = (get("speaker"), get("content"));
    interview_service::post(
        &state,
        &iv,
        &speaker,
        &content,
        image.as_ref(),
        &user.actor(),
    )
    .await?;
    Ok(Redirect::to(&format!("/admin/interviews/{id}?msg=posted#transcript")).into_response())
}

/// `action=approve|reject|answer` on question `q` (`answer`: the answer text).
pub async fn question(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path((id, qid)): Path<(i64, i64)>,
    fields: Fields,
) -> Result<Response, AppError> {
    let iv = in_scope(&state, &user, id).await?;
    let q = store::question(&state.db, id, qid)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = user.actor();
    match fields.get("action").as_str() {
        "approve" => {
            interview_service::moderate(&state, &iv, &q, QuestionStatus::Approved, &actor).await?
        }
        "reject" => {
            interview_service::moderate(&state, &iv, &q, QuestionStatus::Rejected, &actor).await?
        }
        "answer" => {
            interview_service::answer(&state, &iv, &q, &fields.get("answer"), &actor).await?
        }
        _ => return Err(AppError::BadRequest("未知的操作".into())),
    }
    Ok(Redirect::to(&format!("/admin/interviews/{id}?msg=question#q-{qid}")).into_response())
}
