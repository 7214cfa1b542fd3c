//! Public pages of 网民留言: the list of published letters with their replies, a
//! letter, the writing form (arithmetic question, attachments), the receipt and
//! progress by receipt number and query code. Only masked columns are shown.

use std::collections::BTreeMap;
use std::time::Duration;

use askama::Template;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::form::{self, MessageForm};
use super::model::{self, MessageKind, MessageStatus};
use super::service::{self, Upload};
use super::store::{self, PublicFilter, PublicRow};
use crate::audit::Actor;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{ClientIp, Layout, Pager, render};

/// Most files one letter may carry.
pub const MAX_FILES: usize = 3;

/// Units that receive letters: active administrative organs (the bureau and the
/// district bureaus), in tree order.
pub async fn receiving_units(state: &AppState) -> Result<Vec<(i64, String)>, AppError> {
    let units = crate::auth::store::all_units(&state.db).await?;
    Ok(crate::auth::scope::tree_order(&units)
        .into_iter()
        .filter(|(u, _)| u.active && u.is_organ())
        .map(|(u, _)| (u.id, u.name.clone()))
        .collect())
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    pub kind: Option<String>,
    pub unit: Option<String>,
    pub year: Option<String>,
    pub q: Option<String>,
    pub page: Option<i64>,
}

impl ListQuery {
    pub fn filter(&self) -> PublicFilter {
        let s = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_string();
        PublicFilter {
            kind: MessageKind::parse(&s(&self.kind)),
            unit_id: s(&self.unit).parse().ok(),
            year: s(&self.year)
                .parse()
                .ok()
                .filter(|y| (2000..=2200).contains(y)),
            q: s(&self.q).chars().take(50).collect(),
        }
    }

    fn query_string(&self) -> String {
        let f = self.filter();
        let mut out = String::new();
        if let Some(k) = f.kind {
            out.push_str(&format!("kind={}&", k.code()));
        }
        if let Some(u) = f.unit_id {
            out.push_str(&format!("unit={u}&"));
        }
        if let Some(y) = f.year {
            out.push_str(&format!("year={y}&"));
        }
        if !f.q.is_empty() {
            out.push_str(&format!("q={}&", crate::audit::admin::percent_encode(&f.q)));
        }
        out
    }
}

#[derive(Template)]
#[template(path = "interact/templates/portal_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<PublicRow>,
    pager: Pager,
    kinds: &'static [MessageKind],
    units: Vec<crate::web::Choice>,
    f: PublicFilter,
    year: String,
}

impl ListPage {
    fn kind_selected(&self, code: &str) -> bool {
        self.f.kind.is_some_and(|k| k.code() == code)
    }
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let page = Page::new(q.page, None);
    let f = q.filter();
    let (rows, total) = store::published(&state.db, &f, page).await?;
    render(&ListPage {
        layout,
        rows,
        pager: Pager::checked(page, total, q.query_string())?,
        kinds: MessageKind::ALL,
        units: receiving_units(&state)
            .await?
            .into_iter()
            .map(|(id, name)| crate::web::Choice::new(id, name, f.unit_id == Some(id)))
            .collect(),
        year: f.year.map(|y| y.to_string()).unwrap_or_default(),
        f,
    })
}

#[derive(Template)]
#[template(path = "interact/templates/portal_letter.html")]
struct LetterPage {
    layout: Layout,
    m: PublicRow,
    writer: &'static str,
}

pub async fn letter(
    State(state): State<AppState>,
    layout: Layout,
    crate::web::PathId(id): crate::web::PathId,
) -> Result<Response, AppError> {
    let m = store::published_one(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(&LetterPage {
        layout,
        m,
        writer: model::PUBLIC_WRITER,
    })
}

#[derive(Template)]
#[template(path = "interact/templates/portal_write.html")]
struct WritePage {
    layout: Layout,
    f: MessageForm,
    errors: BTreeMap<String, String>,
    kinds: &'static [MessageKind],
    units: Vec<(i64, String)>,
    question: String,
    token: String,
    max_files: usize,
    max_mb: usize,
}

form_page!(WritePage: err);

/// A new arithmetic question, stored for one use within 30 minutes.
pub async fn new_challenge(state: &AppState) -> Result<(String, String), AppError> {
    let (a, b): (u8, u8) = {
        use rand::Rng as _;
        let mut rng = rand::rng();
        (rng.random_range(2..=9), rng.random_range(2..=9))
    };
    let token = crate::web::csrf::new_token();
    let expires = crate::clock::now() + chrono::TimeDelta::minutes(30);
    store::add_challenge(&state.db, &token, i64::from(a + b), expires).await?;
    Ok((model::question(a, b), token))
}

/// Check the answer to the question a public form carried (fields `challenge` and
/// `answer`; the question is used up either way): a wrong or expired answer is an
/// error under `answer`.
pub async fn check_challenge(
    state: &AppState,
    values: &BTreeMap<String, String>,
    errors: &mut BTreeMap<String, String>,
) -> Result<(), AppError> {
    let token = values.get("challenge").map_or("", |t| t.trim());
    let expected = store::take_challenge(&state.db, token).await?;
    let answer = model::read_answer(values.get("answer").map_or("", String::as_str));
    if expected.is_none() || answer != expected {
        errors.insert(
            "answer".into(),
            "验证问题回答不正确或已过期，请回答新的问题".into(),
        );
    }
    Ok(())
}

async fn write_page(
    state: &AppState,
    layout: Layout,
    f: MessageForm,
    errors: BTreeMap<String, String>,
) -> Result<WritePage, AppError> {
    let (question, token) = new_challenge(state).await?;
    Ok(WritePage {
        layout,
        f,
        errors,
        kinds: MessageKind::ALL,
        units: receiving_units(state).await?,
        question,
        token,
        max_files: MAX_FILES,
        max_mb: state.settings.server.max_body_bytes / (1024 * 1024),
    })
}

pub async fn write_form(
    State(state): State<AppState>,
    layout: Layout,
) -> Result<Response, AppError> {
    let f = MessageForm {
        consent: "yes".into(),
        ..Default::default()
    };
    render(&write_page(&state, layout, f, BTreeMap::new()).await?)
}

#[derive(Template)]
#[template(path = "interact/templates/portal_receipt.html")]
struct ReceiptPage {
    layout: Layout,
    receipt_no: String,
    query_code: String,
    merged_into: String,
}

/// The public actor of a submission (no personal data in the audit log).
pub fn public_actor(ip: &str, via: &str) -> Actor {
    Actor {
        id: None,
        name: format!("网友（{via}）"),
        ip: Some(ip.to_string()),
    }
}

/// The per-address limit of the portal form and the API (one bucket for both).
pub fn check_ip(state: &AppState, ip: &str) -> Result<(), AppError> {
    crate::web::ratelimit::public_form(state, "interact_message", ip)
}

/// Read the multipart form: text fields and content-checked files (written to the
/// blob store only once everything else is valid).
async fn read_form(
    mut mp: Multipart,
) -> Result<(BTreeMap<String, String>, Vec<(String, bytes::Bytes)>), AppError> {
    let mut fields = BTreeMap::new();
    let mut files = Vec::new();
    while let Some(field) = mp
        .next_field()
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
    {
        let name = field.name().unwrap_or("").to_string();
        if name == "files" {
            let file_name = crate::docs::attachments::clean_name(field.file_name().unwrap_or(""));
            let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
            if !bytes.is_empty() {
                files.push((file_name, bytes));
            }
        } else if fields.len() < 30 {
            let v = field.text().await.map_err(|_| AppError::PayloadTooLarge)?;
            fields.insert(name, v);
        }
    }
    Ok((fields, files))
}

fn check_files(
    state: &AppState,
    files: &[(String, bytes::Bytes)],
    errors: &mut BTreeMap<String, String>,
) -> Vec<crate::docs::attachments::Kind> {
    use crate::docs::attachments::{Purpose, check};
    let max = state.settings.server.max_body_bytes;
    if files.len() > MAX_FILES {
        errors.insert("files".into(), format!("附件最多{MAX_FILES}个"));
        return Vec::new();
    }
    let mut kinds = Vec::new();
    for (name, bytes) in files {
        match check(name, bytes, max, Purpose::Identity) {
            Ok(k) => kinds.push(k),
            Err(m) => {
                errors.insert("files".into(), format!("附件“{name}”：{m}"));
            }
        }
    }
    kinds
}

pub async fn write(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    mp: Multipart,
) -> Result<Response, AppError> {
    check_ip(&state, &ip)?;
    let (fields, files) = read_form(mp).await?;
    let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let f = MessageForm {
        kind: get("kind"),
        unit_id: get("unit_id"),
        subject: get("subject"),
        content: get("content"),
        name: get("name"),
        phone: get("phone"),
        email: get("email"),
        consent: get("consent"),
    };
    let units: Vec<i64> = receiving_units(&state)
        .await?
        .into_iter()
        .map(|u| u.0)
        .collect();
    let checked = form::check(&f, &units);
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    let kinds = check_files(&state, &files, &mut errors);
    let answer = model::read_answer(&get("answer"));
    let expected = store::take_challenge(&state.db, get("challenge").trim()).await?;
    match (answer, expected) {
        (Some(a), Some(e)) if a == e => {}
        (_, None) => {
            errors.insert("answer".into(), "验证问题已过期，请回答下面的新问题".into());
        }
        _ => {
            errors.insert(
                "answer".into(),
                "验证问题回答不正确，请回答下面的新问题".into(),
            );
        }
    }
    let m = match checked {
        Ok(m) if errors.is_empty() => m,
        _ => {
            let page = write_page(&state, layout, f, errors).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
        }
    };
    let mut uploads = Vec::new();
    for ((name, bytes), kind) in files.iter().zip(kinds) {
        let sha = crate::docs::attachments::write_blob(&state.settings.files_dir(), bytes).await?;
        uploads.push(Upload {
            name: name.clone(),
            mime: kind.mime(),
            size: bytes.len(),
            sha256: sha,
        });
    }
    let created = service::submit(&state, &m, &uploads, &public_actor(&ip, "网站")).await?;
    render(&ReceiptPage {
        layout,
        receipt_no: created.receipt_no,
        query_code: created.query_code,
        merged_into: created.merged_into.unwrap_or_default(),
    })
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ProgressQuery {
    /// 留言编号
    #[param(ignore)]
    pub no: Option<String>,
    /// 查询码
    pub code: Option<String>,
    #[serde(default)]
    #[param(ignore)]
    pub msg: Option<String>,
}

/// What the writer sees of a letter: status, dates, steps, and the reply once given.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct MessageProgress {
    pub receipt_no: String,
    pub status: String,
    pub status_label: String,
    pub submitted_on: chrono::NaiveDate,
    /// 答复期限（办理中）
    pub reply_due: Option<chrono::NaiveDate>,
    pub replied_on: Option<chrono::NaiveDate>,
    /// 答复内容（已答复）
    pub reply: String,
    /// 不予受理的理由
    pub reject_reason: String,
    /// 重复留言并入的原留言编号
    pub merged_into: String,
    /// 办理节点
    pub steps: Vec<MessageStep>,
    /// 可以评价本次答复（凭查询码）
    pub can_rate: bool,
    /// 留言人的评价
    pub rating: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct MessageStep {
    pub on: chrono::NaiveDate,
    pub label: String,
}

/// Look a letter up by number and code; both must match (no hint which is wrong).
/// A duplicate shows the letter it was merged into.
pub async fn progress_of(
    state: &AppState,
    no: &str,
    code: &str,
    ip: &str,
) -> Result<MessageProgress, AppError> {
    if !state
        .limiter
        .check("interact_progress", ip, 30, Duration::from_secs(60))
    {
        return Err(AppError::RateLimited);
    }
    let norm = crate::foi::portal::normalise_code;
    let wrong = || AppError::BadRequest("留言编号或查询码不正确".into());
    let own = store::by_receipt(&state.db, &norm(no))
        .await?
        .filter(|m| crate::web::csrf::ct_eq(&m.query_code, &norm(code)))
        .ok_or_else(wrong)?;
    let (m, merged_into) = match own.duplicate_of {
        Some(o) => {
            let orig = store::get(&state.db, o).await?.ok_or_else(wrong)?;
            let no = orig.receipt_no.clone();
            (orig, no)
        }
        None => (own.clone(), String::new()),
    };
    let answered = matches!(m.status, MessageStatus::Published | MessageStatus::Answered);
    let can_rate = answered && m.rating.is_none() && own.duplicate_of.is_none();
    let rating = m.rating.map(|r| r.label().to_string()).unwrap_or_default();
    let steps = store::steps(&state.db, m.id).await?;
    Ok(MessageProgress {
        receipt_no: own.receipt_no,
        status: m.status.code().into(),
        status_label: m.status.label().into(),
        submitted_on: m.submitted_on,
        reply_due: m.reply_due.filter(|_| m.status.is_open()),
        replied_on: m.replied_on,
        reply: if answered { m.reply } else { String::new() },
        reject_reason: m.reject_reason,
        merged_into,
        steps: steps
            .into_iter()
            .map(|s| MessageStep {
                on: s.on_date,
                label: s.action.label().into(),
            })
            .collect(),
        can_rate,
        rating,
    })
}

/// The writer rates the reply (form: `no`, `code`, `rating`, `comment`).
pub async fn rate(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    crate::web::form::Fields(pairs): crate::web::form::Fields,
) -> Result<Response, AppError> {
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let (no, code) = (get("no"), get("code"));
    let p = progress_of(&state, &no, &code, &ip).await?;
    let rating = super::model::Rating::parse(&get("rating"))
        .ok_or_else(|| AppError::field("rating", "请选择满意、基本满意或不满意"))?;
    let comment = get("comment");
    if comment.chars().count() > 500 {
        return Err(AppError::field("comment", "评价意见不能超过500字"));
    }
    if !p.merged_into.is_empty() {
        return Err(AppError::Conflict("请用原留言的编号和查询码评价".into()));
    }
    let m = store::by_receipt(&state.db, &p.receipt_no)
        .await?
        .ok_or(AppError::NotFound)?;
    service::rate(&state, &m, rating, &comment, &public_actor(&ip, "网站")).await?;
    let q = serde_urlencoded::to_string([
        ("no", no.as_str()),
        ("code", code.as_str()),
        ("msg", "rated"),
    ])
    .unwrap_or_default();
    Ok(axum::response::Redirect::to(&format!("/interact/messages/progress?{q}")).into_response())
}

#[derive(Template)]
#[template(path = "interact/templates/portal_progress.html")]
struct ProgressPage {
    layout: Layout,
    no: String,
    code: String,
    error: String,
    msg: String,
    p: Option<MessageProgress>,
}

pub async fn progress(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    Query(q): Query<ProgressQuery>,
) -> Result<Response, AppError> {
    let no = q.no.clone().unwrap_or_default();
    let mut page = ProgressPage {
        layout,
        no: no.clone(),
        code: q.code.clone().unwrap_or_default(),
        error: String::new(),
        msg: q.msg.clone().unwrap_or_default(),
        p: None,
    };
    if let (false, Some(code)) = (no.is_empty(), q.code.as_deref()) {
        match progress_of(&state, &no, code, &ip).await {
            Ok(p) => page.p = Some(p),
            Err(AppError::BadRequest(m)) => page.error = m,
            Err(e) => return Err(e),
        }
    }
    render(&page)
}
