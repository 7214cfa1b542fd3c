//! Back-office review of documents: submit, return, publish (now or at a set
//! time), withdraw, validity, 已被新版本替代, 索引号 changes, the 转化公开 queue
//! and the warning lists. Each step's transaction and audit entry is in
//! `workflow.rs`.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Months;

use super::admin::load;
use super::model::{self, Disclosure, DocState, Validity};
use super::store;
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

pub async fn submit(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::PublishContent).await?;
    let applied = super::workflow::submit(&state.db, &doc, &user).await?;
    stepped(applied, id, "submitted", "只有草稿可以送审")
}

pub async fn return_to_author(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ReviewContent).await?;
    let note = return_note(&fields)?;
    let applied = super::workflow::return_to_author(&state.db, &doc, &note, &user).await?;
    stepped(applied, id, "returned", "只有送审中的文件可以退回")
}

/// Publish now, or — with `publish_at` (Beijing time, in the future) — approve
/// publication at that time.
pub async fn publish(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ReviewContent).await?;
    let when = fields.get("publish_at");
    if !when.is_empty() {
        let at = chrono::NaiveDateTime::parse_from_str(&when, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|t| t.and_local_timezone(crate::clock::beijing()).single())
            .map(|t| t.with_timezone(&chrono::Utc))
            .ok_or_else(|| {
                AppError::field("publish_at", "定时发布时间格式应为 2026-03-02T09:00")
            })?;
        if at <= crate::clock::now() {
            return Err(AppError::field("publish_at", "定时发布时间应晚于现在"));
        }
        super::workflow::schedule(&state.db, &doc, at, &user).await?;
        return Ok(back(id, "scheduled"));
    }
    super::workflow::publish(&state.db, &doc, user.id, &user.actor()).await?;
    Ok(back(id, "published"))
}

/// Approve the pending revision of a published document (the one shown, by its
/// id in the form): it replaces the published text as a new edition.
pub async fn approve_revision(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ReviewContent).await?;
    let revision = fields.get("revision").parse::<i64>().ok();
    super::revision_service::approve_revision(&state.db, &doc, revision, &user).await?;
    Ok(back(id, "revision_approved"))
}

/// Return (discard) the pending revision with a note; the published text stays.
pub async fn return_revision(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ReviewContent).await?;
    let note = return_note(&fields)?;
    let revision = fields.get("revision").parse::<i64>().ok();
    super::revision_service::return_revision(&state.db, &doc, revision, &note, &user).await?;
    Ok(back(id, "revision_returned"))
}

pub async fn withdraw(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ReviewContent).await?;
    let reason = fields.get("reason");
    if reason.is_empty() || reason.chars().count() > 500 {
        return Err(AppError::field("reason", "请填写撤回理由（不超过 500 字）"));
    }
    let public = fields.checked("public");
    let applied = super::workflow::withdraw(&state.db, &doc, &reason, public, &user).await?;
    stepped(applied, id, "withdrawn", "只有已发布的文件可以撤回")
}

pub async fn set_validity(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ReviewContent).await?;
    if !doc.normative {
        return Err(AppError::Conflict("只有行政规范性文件有有效性".into()));
    }
    let v = Validity::parse(&fields.get("validity"));
    let decision = fields.get("decision");
    let (v, replaced_by) = match v {
        Some(Validity::Repealed) if !decision.is_empty() => (Validity::Repealed, None),
        Some(Validity::Repealed) => {
            return Err(AppError::field("decision", "废止须填写作出废止决定的文件"));
        }
        Some(Validity::Amended) => {
            let idx = fields.get("replaced_by");
            let newer = published_other(&state, &idx, id).await?;
            match newer {
                Some(n) => (Validity::Amended, Some(n.id)),
                None => {
                    return Err(AppError::field(
                        "replaced_by",
                        "请填写已发布的修改后文件的索引号",
                    ));
                }
            }
        }
        _ => return Err(AppError::field("validity", "请选择废止或已修改")),
    };
    super::workflow::set_validity(&state.db, &doc, v, &decision, replaced_by, &user).await?;
    Ok(back(id, "validity"))
}

/// The published document with 索引号 `index_no`, when it is another than `id` (what
/// replaces or amends document `id`).
async fn published_other(
    state: &AppState,
    index_no: &str,
    id: i64,
) -> Result<Option<store::DocRow>, AppError> {
    Ok(store::find_by_index_no(&state.db, index_no)
        .await?
        .filter(|d| d.state() == DocState::Published && d.id != id))
}

/// Mark a published document 已被新版本替代 by another published document (by 索引号).
/// A normative document is also marked 已修改.
pub async fn supersede(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ReviewContent).await?;
    let newer = published_other(&state, &fields.get("replacement"), id)
        .await?
        .ok_or_else(|| AppError::field("replacement", "请填写已发布的新版本文件的索引号"))?;
    let applied = super::workflow::supersede(&state.db, &doc, &newer, &user).await?;
    stepped(
        applied,
        id,
        "superseded",
        "只有已发布的文件可以标注为已被新版本替代",
    )
}

/// Change a document's 索引号 (系统管理员 only; audited, and announced to the
/// city library when the document is public).
pub async fn change_index_no(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ManageUsers).await?;
    let new = model::IndexNo::parse(&fields.get("index_no"))
        .map_err(|m| AppError::field("index_no", m))?;
    if store::find_by_index_no(&state.db, &new.to_string())
        .await?
        .is_some_and(|d| d.id != id)
    {
        return Err(AppError::field("index_no", "该索引号已被其他文件使用"));
    }
    super::workflow::change_index_no(&state.db, &doc, &new, &user).await?;
    Ok(back(id, "index"))
}

pub struct ConversionRow {
    pub id: i64,
    pub title: String,
    pub index_no: String,
    pub disclosure: &'static str,
    pub ground: &'static str,
    pub due: String,
}

#[derive(Template)]
#[template(path = "docs/templates/admin_conversion.html")]
struct ConversionPage {
    layout: Layout,
    rows: Vec<ConversionRow>,
    next_default: String,
    this_year: i32,
    converted_this_year: i64,
    converted_last_year: i64,
}

/// The 转化公开 review queue.
pub async fn conversion_queue(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::ReviewContent).await?;
    let units = scope.filter();
    let t = crate::clock::today();
    let rows = store::conversion_queue(&state.db, t, units)
        .await?
        .iter()
        .map(|d| ConversionRow {
            id: d.id,
            title: d.title.clone(),
            index_no: d.index_no.clone(),
            disclosure: Disclosure::parse(&d.disclosure)
                .map(|x| x.label())
                .unwrap_or("未认定"),
            ground: d
                .disclosure_ground
                .as_deref()
                .and_then(model::Ground::parse)
                .map(|g| g.label())
                .unwrap_or(""),
            due: d
                .conversion_due
                .map(|x| x.to_string())
                .unwrap_or_else(|| "未审查".into()),
        })
        .collect();
    let year = chrono::Datelike::year(&t);
    let next = t + chrono::Duration::days(i64::from(state.settings.docs.conversion_interval_days));
    render(&ConversionPage {
        layout,
        rows,
        next_default: next.to_string(),
        this_year: year,
        converted_this_year: store::conversions_in_year(&state.db, year).await?,
        converted_last_year: store::conversions_in_year(&state.db, year - 1).await?,
    })
}

/// Record a 转化公开 decision for one document.
pub async fn conversion_decide(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (doc, _) = load(&state, &user, id, Permission::ReviewContent).await?;
    if doc.state() != DocState::Published || doc.disclosure == Disclosure::Proactive.code() {
        return Err(AppError::Conflict("该文件不在转化公开审查范围内".into()));
    }
    let convert = match fields.get("decision").as_str() {
        "convert" => true,
        "keep" => false,
        _ => return Err(AppError::field("decision", "请选择审查结论")),
    };
    let reason = fields.get("reason");
    let next_review =
        chrono::NaiveDate::parse_from_str(&fields.get("next_review"), "%Y-%m-%d").ok();
    let t = crate::clock::today();
    if !convert {
        if reason.is_empty() {
            return Err(AppError::field("reason", "维持不公开须说明理由"));
        }
        if next_review.is_none_or(|d| d <= t) {
            return Err(AppError::field(
                "next_review",
                "请填写今天以后的下次审查日期",
            ));
        }
    }
    super::workflow::decide_conversion(&state.db, &doc, convert, &reason, next_review, &user, t)
        .await?;
    let msg = if convert { "converted" } else { "kept" };
    Ok(Redirect::to(&format!("/admin/docs/{id}?msg={msg}")).into_response())
}

pub struct LateRow {
    pub id: i64,
    pub title: String,
    pub written_on: String,
    pub deadline: String,
    pub overdue: bool,
}

pub struct ExpiringRow {
    pub id: i64,
    pub title: String,
    pub valid_until: String,
}

#[derive(Template)]
#[template(path = "docs/templates/admin_warnings.html")]
struct WarningsPage {
    layout: Layout,
    late: Vec<LateRow>,
    expiring: Vec<ExpiringRow>,
}

pub async fn warnings(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::Content).await?;
    let units = scope.filter();
    let t = crate::clock::today();
    let cal = crate::workdays::calendar(&state);
    let late = store::unpublished_proactive(&state.db, units)
        .await?
        .into_iter()
        .filter(|d| d.disclosure == Disclosure::Proactive.code())
        .filter_map(|d| {
            let w = d.written_on?;
            match model::publication_deadline(&cal, w) {
                // Overdue, or due within the next 5 days.
                Ok(deadline) => (deadline <= t + chrono::Duration::days(5)).then(|| LateRow {
                    id: d.id,
                    title: d.title,
                    written_on: w.to_string(),
                    deadline: deadline.to_string(),
                    overdue: deadline < t,
                }),
                Err(e) => Some(LateRow {
                    id: d.id,
                    title: d.title,
                    written_on: w.to_string(),
                    deadline: e.to_string(),
                    overdue: false,
                }),
            }
        })
        .collect();
    let until = t.checked_add_months(Months::new(6)).unwrap_or(t);
    let expiring = store::expiring(&state.db, t, until)
        .await?
        .into_iter()
        .filter(|d| d.issuer_unit_id.is_none_or(|u| scope.contains(u)))
        .map(|d| ExpiringRow {
            id: d.id,
            title: d.title,
            valid_until: d.valid_until.map(|v| v.to_string()).unwrap_or_default(),
        })
        .collect();
    render(&WarningsPage {
        layout,
        late,
        expiring,
    })
}

/// Back to the document's page with a message code.
/// After a workflow step: back to the document with message `msg`, or `refused`
/// (409) when the step did not apply (the document was not in the state it needs).
fn stepped(applied: bool, id: i64, msg: &str, refused: &str) -> Result<Response, AppError> {
    if !applied {
        return Err(AppError::Conflict(refused.into()));
    }
    Ok(back(id, msg))
}

fn back(id: i64, msg: &str) -> Response {
    Redirect::to(&format!("/admin/docs/{id}?msg={msg}")).into_response()
}

/// The note a return needs (to the author, or of a revision).
fn return_note(fields: &Fields) -> Result<String, AppError> {
    let note = fields.get("note");
    if note.is_empty() {
        return Err(AppError::field("note", "请填写退回意见"));
    }
    Ok(note)
}
