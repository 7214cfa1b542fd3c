//! The public side: the application form, the receipt, and progress by receipt
//! number and query code (status and dates only — never personal data).

use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::admin::{FormChoices, TextField, form_choices, form_from, text_fields};
use super::case_service;
use super::input::{self, ApplicationForm};
use super::service;
use super::store;
use crate::audit::Actor;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{ClientIp, Layout, render};

#[derive(Template)]
#[template(path = "foi/templates/portal_index.html")]
struct IndexPage {
    layout: Layout,
}

pub async fn index(layout: Layout) -> Result<Response, AppError> {
    render(&IndexPage { layout })
}

#[derive(Template)]
#[template(path = "foi/templates/portal_apply.html")]
struct ApplyPage {
    layout: Layout,
    c: FormChoices,
    f: ApplicationForm,
    errors: std::collections::BTreeMap<String, String>,
    people: Vec<TextField>,
    contacts: Vec<TextField>,
    key: String,
}

form_page!(ApplyPage: err);

pub async fn apply_form(
    State(state): State<AppState>,
    layout: Layout,
) -> Result<Response, AppError> {
    let f = ApplicationForm::default();
    let (people, contacts) = text_fields(&f, &Default::default());
    render(&ApplyPage {
        layout,
        c: form_choices(super::routing::accepting(&state).await?),
        f,
        errors: Default::default(),
        people,
        contacts,
        key: crate::web::csrf::new_token(),
    })
}

#[derive(Template)]
#[template(path = "foi/templates/portal_receipt.html")]
struct ReceiptPage {
    layout: Layout,
    receipt_no: String,
    query_code: String,
    again: bool,
}

/// The public actor of a submission (no personal data in the audit log).
fn public_actor(ip: &str) -> Actor {
    Actor {
        id: None,
        name: "申请人（网上）".into(),
        ip: Some(ip.to_string()),
    }
}

pub async fn apply(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    fields: Fields,
) -> Result<Response, AppError> {
    crate::web::ratelimit::public_form(&state, "foi_apply", &ip)?;
    let f = form_from(&fields);
    let organs = super::routing::accepting(&state).await?;
    let units: Vec<i64> = organs.iter().map(|o| o.id).collect();
    let key = fields.get("idempotency_key");
    match input::check(&f, &units, false, crate::clock::today()) {
        Ok(c) => {
            let key = Some(key).filter(|k| !k.is_empty() && k.len() <= 100);
            let created =
                case_service::create(&state.db, &c, key.as_deref(), &public_actor(&ip)).await?;
            render(&ReceiptPage {
                layout,
                receipt_no: created.receipt_no,
                query_code: created.query_code,
                again: !created.new,
            })
        }
        Err(errors) => {
            let (people, contacts) = text_fields(&f, &errors);
            let page = ApplyPage {
                layout,
                c: form_choices(organs),
                f,
                errors,
                people,
                contacts,
                key,
            };
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ProgressQuery {
    /// 申请编号
    pub no: Option<String>,
    /// 查询码
    pub code: Option<String>,
    #[serde(default)]
    #[param(ignore)]
    pub msg: Option<String>,
}

/// What the public sees of a case.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub receipt_no: String,
    pub status: String,
    pub status_label: String,
    pub submitted_on: Option<chrono::NaiveDate>,
    pub received_on: Option<chrono::NaiveDate>,
    pub deadline: Option<chrono::NaiveDate>,
    /// 期限计算过程
    pub deadline_explanation: String,
    pub replied_on: Option<chrono::NaiveDate>,
    /// 办理节点（日期与名称）
    pub steps: Vec<ProgressStep>,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct ProgressStep {
    pub on: chrono::NaiveDate,
    pub label: String,
}

/// A receipt number or query code as typed: letters in either case, spaces and
/// hyphens ignored, full-width letters and digits folded (what phones and IMEs send).
pub fn normalise_code(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace() && c != '-').then(|| c.to_ascii_uppercase())
        })
        .collect()
}

/// The case with this receipt number and query code, compared after
/// [`normalise_code`]; both must match (no hint which one is wrong).
async fn by_number_and_code(
    state: &AppState,
    no: &str,
    code: &str,
) -> Result<store::CaseRow, AppError> {
    store::by_receipt(&state.db, &normalise_code(no))
        .await?
        .filter(|c| crate::web::csrf::ct_eq(&c.query_code, &normalise_code(code)))
        .ok_or_else(|| AppError::BadRequest("申请编号或查询码不正确".into()))
}

/// Look a case up by number and code; both must match (no hint which one is wrong).
pub async fn progress_of(
    state: &AppState,
    no: &str,
    code: &str,
    ip: &str,
) -> Result<Progress, AppError> {
    if !state
        .limiter
        .check("foi_progress", ip, 30, Duration::from_secs(60))
    {
        return Err(AppError::RateLimited);
    }
    let case = by_number_and_code(state, no, code).await?;
    let l = service::load(state, case).await?;
    let dl = service::deadline_view(state, &l.clock);
    Ok(Progress {
        receipt_no: l.case.receipt_no.clone(),
        status: l.clock.status.code().into(),
        status_label: l.clock.status.label().into(),
        submitted_on: l.clock.arrived_on,
        received_on: l.clock.received_on,
        deadline: dl.date.filter(|_| l.clock.status.is_open()),
        deadline_explanation: if l.clock.status.is_open() {
            dl.explanation
        } else {
            String::new()
        },
        replied_on: l.clock.replied_on,
        steps: l
            .log
            .iter()
            .map(|d| ProgressStep {
                on: d.on,
                label: d.event.label().into(),
            })
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "foi/templates/portal_progress.html")]
struct ProgressPage {
    layout: Layout,
    no: String,
    code: String,
    error: String,
    msg: String,
    p: Option<Progress>,
    files: usize,
    open: bool,
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
        files: 0,
        open: false,
    };
    if let (false, Some(code)) = (no.is_empty(), q.code.as_deref()) {
        match progress_of(&state, &no, code, &ip).await {
            Ok(p) => {
                if let Some(c) = store::by_receipt(&state.db, &p.receipt_no).await? {
                    page.files = store::files(&state.db, c.id).await?.len();
                }
                page.open = super::clock::Status::parse(&p.status)
                    .is_some_and(super::clock::Status::is_open);
                page.p = Some(p);
            }
            Err(AppError::BadRequest(m)) => page.error = m,
            Err(e) => return Err(e),
        }
    }
    render(&page)
}

/// Most files an applicant may send with one application.
pub const MAX_FILES: usize = 5;

/// Upload an identity document or other papers for an open application, with the
/// receipt number and query code (multipart: `no`, `code`, `file`).
pub async fn upload(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    mut form: axum::extract::Multipart,
) -> Result<Response, AppError> {
    use crate::docs::attachments::{Purpose, check, clean_name, write_blob};
    if !state
        .limiter
        .check("foi_upload", &ip, 10, Duration::from_secs(60))
    {
        return Err(AppError::RateLimited);
    }
    let max = state
        .settings
        .docs
        .max_attachment_bytes
        .min(10 * 1024 * 1024);
    let (mut no, mut code, mut file) = (String::new(), String::new(), None);
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
    {
        match field.name() {
            Some("no") => no = field.text().await.map_err(|_| AppError::PayloadTooLarge)?,
            Some("code") => code = field.text().await.map_err(|_| AppError::PayloadTooLarge)?,
            Some("file") => {
                let name = clean_name(field.file_name().unwrap_or("材料"));
                let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
                file = Some((name, bytes));
            }
            _ => {}
        }
    }
    let case = by_number_and_code(&state, &no, &code).await?;
    let status = super::clock::Status::parse(&case.status);
    if !status.is_some_and(super::clock::Status::is_open) {
        return Err(AppError::Conflict("申请已办结，不能再上传材料".into()));
    }
    let (name, bytes) = file
        .filter(|(_, b)| !b.is_empty())
        .ok_or_else(|| AppError::field("file", "请选择要上传的文件"))?;
    if store::files(&state.db, case.id).await?.len() >= MAX_FILES {
        return Err(AppError::field(
            "file",
            &format!("每件申请最多上传{MAX_FILES}个文件"),
        ));
    }
    let kind =
        check(&name, &bytes, max, Purpose::Identity).map_err(|m| AppError::field("file", &m))?;
    let sha = write_blob(&state.settings.files_dir(), &bytes).await?;
    case_service::add_file(
        &state.db,
        &case,
        &name,
        kind.mime(),
        bytes.len(),
        &sha,
        &public_actor(&ip),
    )
    .await?;
    Ok(axum::response::Redirect::to(&format!(
        "/ysqgk/progress?no={}&code={}&msg=uploaded",
        case.receipt_no, case.query_code
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_compared_in_upper_case_without_spaces() {
        assert_eq!(super::normalise_code(" ysq2026000007 "), "YSQ2026000007");
        assert_eq!(super::normalise_code("ab3d-ef 7h"), "AB3DEF7H");
        assert_eq!(super::normalise_code("ａｂ３ｄ"), "AB3D");
    }
}
