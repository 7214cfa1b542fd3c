//! 在线访谈: input checks and transactions, each staff step with its audit entry
//! in the same transaction.

use std::collections::BTreeMap;

use super::InterviewAction;
use super::form::text;
use super::interview_model::{self as rules, InterviewState, Move, QuestionStatus};
use super::interview_store::{self as store, InterviewRow, NewInterview, NewQuestion, QuestionRow};
use super::service::Upload;
use crate::audit::{self, Actor};
use crate::db::Tx;
use crate::error::{AppError, changed};
use crate::state::AppState;
use crate::web::form::Fields;

/// Check the staff form of a new interview (unit in scope, title, time, summary).
pub fn check_new(f: &Fields, units: &[i64]) -> Result<NewInterview, BTreeMap<String, String>> {
    let mut e = BTreeMap::new();
    let unit_id = f
        .get("unit_id")
        .parse::<i64>()
        .ok()
        .filter(|u| units.contains(u));
    if unit_id.is_none() {
        e.insert("unit_id".into(), "请选择主办单位".into());
    }
    let title = text(&mut e, "title", &f.get("title"), "访谈标题", true, 100);
    let summary = text(
        &mut e,
        "summary",
        &f.get("summary"),
        "内容简介",
        false,
        3000,
    );
    let scheduled_at = crate::events::form::parse_local(&f.get("scheduled_at"));
    if scheduled_at.is_none() {
        e.insert(
            "scheduled_at".into(),
            "请填写访谈时间（如 2026-07-15 09:30）".into(),
        );
    }
    match (unit_id, scheduled_at) {
        (Some(unit_id), Some(scheduled_at)) if e.is_empty() => Ok(NewInterview {
            unit_id,
            title,
            summary,
            scheduled_at,
        }),
        _ => Err(e),
    }
}

/// The last step of every staff change: its audit entry on object `id`, whose kind
/// the action implies, then commit.
async fn commit(
    tx: Tx,
    actor: &Actor,
    action: InterviewAction,
    id: i64,
    detail: String,
) -> Result<(), AppError> {
    let kind = match action {
        InterviewAction::Guest => "interact_interview_guest",
        InterviewAction::Post => "interact_interview_post",
        InterviewAction::Question
        | InterviewAction::QuestionApprove
        | InterviewAction::QuestionReject
        | InterviewAction::QuestionAnswer
        | InterviewAction::Anonymise => "interact_interview_question",
        _ => "interact_interview",
    };
    audit::commit(tx, actor, action, kind, id, detail).await?;
    Ok(())
}

/// A step's guarded write changed nothing: someone else acted first.
fn stale(what: &str) -> AppError {
    AppError::Conflict(format!("{what}，请刷新页面"))
}

pub async fn create(
    state: &AppState,
    n: &NewInterview,
    user: i64,
    actor: &Actor,
) -> Result<i64, AppError> {
    let mut tx = state.db.begin().await?;
    let id = store::insert(&mut tx, n, Some(user)).await?;
    let when = crate::clock::fmt_local(&n.scheduled_at);
    let detail = format!("发布在线访谈预告“{}”（{when}）", n.title);
    commit(tx, actor, InterviewAction::Create, id, detail).await?;
    Ok(id)
}

async fn add_image(tx: &mut Tx, id: i64, u: Option<&Upload>) -> Result<Option<i64>, AppError> {
    Ok(match u {
        Some(u) => Some(store::insert_image(tx, id, &u.name, u.mime, u.size, &u.sha256).await?),
        None => None,
    })
}

/// Add a guest (name, 职务, an optional photo already checked and stored).
pub async fn add_guest(
    state: &AppState,
    iv: &InterviewRow,
    name: &str,
    job_title: &str,
    photo: Option<&Upload>,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = state.db.begin().await?;
    let photo_id = add_image(&mut tx, iv.id, photo).await?;
    let gid = store::insert_guest(&mut tx, iv.id, name, job_title, photo_id).await?;
    let detail = format!("在线访谈“{}”添加嘉宾{name}（{job_title}）", iv.title);
    commit(tx, actor, InterviewAction::Guest, gid, detail).await
}

/// Start or finish the interview; finishing may set the video link.
pub async fn step(
    state: &AppState,
    iv: &InterviewRow,
    m: Move,
    video_url: Option<&str>,
    actor: &Actor,
) -> Result<(), AppError> {
    let to = rules::next(iv.state, m).map_err(|e| AppError::Conflict(e.into()))?;
    let video = match video_url {
        Some(v) => Some(rules::video_url(v).map_err(|e| AppError::field("video_url", e))?),
        None => None,
    };
    let video = video.filter(|v| !v.is_empty());
    let mut tx = state.db.begin().await?;
    let rows = store::set_state(&mut tx, iv.id, iv.state, to, video.as_deref()).await?;
    changed(rows, stale("访谈状态已变化"))?;
    let (action, verb) = match m {
        Move::Start => (InterviewAction::Start, "开始"),
        Move::Finish => (InterviewAction::Finish, "结束"),
    };
    let detail = format!("{verb}在线访谈“{}”", iv.title);
    commit(tx, actor, action, iv.id, detail).await
}

/// Set (or clear) the video link of a finished interview.
pub async fn set_video(
    state: &AppState,
    iv: &InterviewRow,
    url: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    if iv.state != InterviewState::Finished {
        return Err(AppError::Conflict("访谈结束后才能设置视频链接".into()));
    }
    let url = rules::video_url(url).map_err(|e| AppError::field("video_url", e))?;
    let mut tx = state.db.begin().await?;
    store::set_video(&mut tx, iv.id, &url).await?;
    let detail = if url.is_empty() {
        format!("删除在线访谈“{}”的视频链接", iv.title)
    } else {
        format!("设置在线访谈“{}”的视频链接：{url}", iv.title)
    };
    commit(tx, actor, InterviewAction::Video, iv.id, detail).await
}

/// Post a transcript entry while live: speaker, text, an optional image.
pub async fn post(
    state: &AppState,
    iv: &InterviewRow,
    speaker: &str,
    content: &str,
    image: Option<&Upload>,
    actor: &Actor,
) -> Result<i64, AppError> {
    rules::takes_posts(iv.state).map_err(|e| AppError::Conflict(e.into()))?;
    let mut e = BTreeMap::new();
    let speaker = text(&mut e, "speaker", speaker, "发言人", true, 60);
    let content = text(
        &mut e,
        "content",
        content,
        "发言内容",
        true,
        rules::MAX_POST,
    );
    if !e.is_empty() {
        return Err(AppError::validation(e));
    }
    let mut tx = state.db.begin().await?;
    let image_id = add_image(&mut tx, iv.id, image).await?;
    let now = crate::clock::now();
    let pid = store::insert_post(&mut tx, iv.id, &speaker, &content, image_id, now).await?;
    let detail = format!("在线访谈“{}”发布文字实录（{speaker}）", iv.title);
    commit(tx, actor, InterviewAction::Post, pid, detail).await?;
    Ok(pid)
}

/// Check a citizen's question: the interview still takes questions; content
/// required and at most [`rules::MAX_QUESTION`] characters; name and phone
/// optional (phone digits checked when given). Nothing here is ever shown
/// except the masked content once approved.
pub fn check_question(
    iv: &InterviewRow,
    f: &BTreeMap<String, String>,
) -> Result<NewQuestion, BTreeMap<String, String>> {
    let mut e = BTreeMap::new();
    if let Some(m) = rules::question_refusal(iv.state) {
        e.insert("content".into(), m.into());
        return Err(e);
    }
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let content = text(
        &mut e,
        "content",
        &get("content"),
        "提问内容",
        true,
        rules::MAX_QUESTION,
    );
    let name = text(&mut e, "name", &get("name"), "姓名", false, 30);
    let raw_phone = get("phone");
    let phone = if raw_phone.trim().is_empty() {
        String::new()
    } else {
        match super::form::phone(&raw_phone) {
            Ok(p) => p,
            Err(m) => {
                e.insert("phone".into(), m.into());
                String::new()
            }
        }
    };
    if !e.is_empty() {
        return Err(e);
    }
    let masked_content = super::model::masked(&content, &name).text;
    Ok(NewQuestion {
        content,
        masked_content,
        name,
        phone,
    })
}

/// Store a question (pending moderation). The same text again for the same
/// interview is not stored twice; returns whether it was new.
pub async fn ask(
    state: &AppState,
    iv: &InterviewRow,
    q: &NewQuestion,
    actor: &Actor,
) -> Result<bool, AppError> {
    if store::question_asked(&state.db, iv.id, &q.content).await? {
        return Ok(false);
    }
    let mut tx = state.db.begin().await?;
    let qid = store::insert_question(&mut tx, iv.id, q).await?;
    let detail = format!("在线访谈“{}”收到网友提问", iv.title);
    commit(tx, actor, InterviewAction::Question, qid, detail).await?;
    Ok(true)
}

/// Approve or reject a question.
pub async fn moderate(
    state: &AppState,
    iv: &InterviewRow,
    q: &QuestionRow,
    to: QuestionStatus,
    actor: &Actor,
) -> Result<(), AppError> {
    rules::moderate(q.status, to, q.answered_at.is_some())
        .map_err(|e| AppError::Conflict(e.into()))?;
    let mut tx = state.db.begin().await?;
    let rows = store::set_question_status(&mut tx, q.id, q.status, to).await?;
    changed(rows, stale("该提问已被处理"))?;
    let action = match to {
        QuestionStatus::Approved => InterviewAction::QuestionApprove,
        _ => InterviewAction::QuestionReject,
    };
    let detail = format!("在线访谈“{}”的提问{}：{}", iv.title, q.id, to.label());
    commit(tx, actor, action, q.id, detail).await
}

/// Mark an approved question answered with the answer text.
pub async fn answer(
    state: &AppState,
    iv: &InterviewRow,
    q: &QuestionRow,
    answer: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    rules::answerable(q.status).map_err(|e| AppError::Conflict(e.into()))?;
    let mut e = BTreeMap::new();
    let answer = text(
        &mut e,
        "answer",
        answer,
        "答复内容",
        true,
        rules::MAX_ANSWER,
    );
    if !e.is_empty() {
        return Err(AppError::validation(e));
    }
    let mut tx = state.db.begin().await?;
    changed(
        store::answer(&mut tx, q.id, &answer).await?,
        stale("该提问已被处理"),
    )?;
    let detail = format!("在线访谈“{}”答复提问{}", iv.title, q.id);
    commit(tx, actor, InterviewAction::QuestionAnswer, q.id, detail).await
}

/// The daily job's share: erase askers' names and phones of interviews finished
/// before `before` (the retention period of 网民留言 applies). Returns the count.
pub async fn anonymise_finished_before(
    state: &AppState,
    before: chrono::DateTime<chrono::Utc>,
) -> Result<u64, AppError> {
    let mut tx = state.db.begin().await?;
    let n = store::anonymise_finished_before(&mut tx, before).await?;
    if n > 0 {
        let actor = Actor::system();
        let detail = format!("删除{n}条访谈提问的提问人个人信息（保存期满）");
        audit::append(
            &mut tx,
            &actor,
            InterviewAction::Anonymise,
            "interact_interview_question",
            None,
            detail,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n)
}
