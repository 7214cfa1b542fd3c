//! Back office of 网民留言 for 互动办理人: the list (overdue and due-soon first),
//! a letter with its actions (签收, 转办, 延期, 答复, 审核 with the de-identification
//! side by side, 不予受理), and its files.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::model::{self, MessageStatus, RejectReason, Urgency};
use super::service::{self, Action};
use super::store::{self, FileRow, MessageRow, StepRow};
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::db::Page;
use crate::error::AppError;
use crate::penalty::model::Segment;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, Pager, render};

pub struct ListRow {
    pub id: i64,
    pub receipt_no: String,
    pub subject: String,
    pub kind: &'static str,
    pub unit: String,
    pub submitted_on: String,
    pub status: &'static str,
    pub due: String,
    pub urgent: bool,
    /// The open reminders of the daily job for this letter (`reminders::ReminderView::marker`).
    pub reminders: Vec<String>,
}

#[derive(Template)]
#[template(path = "interact/templates/admin_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<ListRow>,
    pager: Pager,
    statuses: &'static [MessageStatus],
    status: String,
    open: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    pub page: Option<i64>,
    pub status: Option<String>,
    /// "1": open letters only (the dashboard's link).
    pub open: Option<String>,
}

/// The deadline of an open letter as the list shows it, and whether it is urgent.
fn due_text(state: &AppState, m: &MessageRow) -> (String, bool) {
    if !m.status.is_open() {
        return (String::new(), false);
    }
    let (due, what) = match (m.status, m.sign_due, m.reply_due) {
        (MessageStatus::Submitted, Some(d), _) => (d, "签收"),
        (_, _, Some(d)) => (d, "答复"),
        _ => return ("期限待定（日历缺少年份）".into(), false),
    };
    let cal = crate::workdays::calendar(state);
    match model::urgency(&cal, crate::clock::today(), due, 2) {
        Urgency::Overdue => (format!("已超期：应于{due}前{what}"), true),
        Urgency::DueSoon => (format!("即将到期：{due}前{what}"), true),
        Urgency::OnTime => (format!("{due}前{what}"), false),
    }
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let scope = Scope::of(&state, &user, Permission::HandleInteraction).await?;
    let page = Page::new(q.page, None);
    let status = q.status.as_deref().and_then(MessageStatus::parse);
    let open = q.open.as_deref() == Some("1");
    let (msgs, total) = store::list(&state.db, scope.filter(), status, open, page).await?;
    let ids: Vec<i64> = msgs.iter().map(|m| m.id).collect();
    let today = crate::clock::today();
    let mut reminded: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for r in store::open_reminders_of(&state.db, &ids).await? {
        let marker = super::reminders::ReminderView::of(&r, today).marker();
        reminded.entry(r.message_id).or_default().push(marker);
    }
    let rows = msgs
        .iter()
        .map(|m| {
            let (due, urgent) = due_text(&state, m);
            ListRow {
                id: m.id,
                receipt_no: m.receipt_no.clone(),
                subject: m.subject.clone(),
                kind: m.kind.label(),
                unit: scope.unit_name(m.unit_id),
                submitted_on: m.submitted_on.to_string(),
                status: m.status.label(),
                due,
                urgent,
                reminders: reminded.remove(&m.id).unwrap_or_default(),
            }
        })
        .collect();
    let mut base = String::new();
    if let Some(s) = status {
        base.push_str(&format!("status={}&", s.code()));
    }
    if open {
        base.push_str("open=1&");
    }
    render(&ListPage {
        layout,
        rows,
        pager: Pager::checked(page, total, base)?,
        statuses: MessageStatus::ALL,
        status: status.map(|s| s.code().to_string()).unwrap_or_default(),
        open,
    })
}

#[derive(Template)]
#[template(path = "interact/templates/admin_show.html")]
struct ShowPage {
    layout: Layout,
    m: MessageRow,
    unit: String,
    due: String,
    urgent: bool,
    steps: Vec<StepRow>,
    files: Vec<FileRow>,
    units: Vec<(i64, String)>,
    reasons: &'static [RejectReason],
    /// The comparison of the original and the public texts (under review).
    cmp: Vec<(&'static str, Vec<Segment>, Vec<Segment>)>,
    masked_count: usize,
    can_review: bool,
    msg: String,
    original: Option<String>,
}

#[derive(Deserialize)]
pub struct ShowQuery {
    pub msg: Option<String>,
}

/// The letter `id` if it is in the user's scope.
async fn in_scope(
    state: &AppState,
    user: &crate::auth::CurrentUser,
    id: i64,
) -> Result<(MessageRow, Scope), AppError> {
    let scope = Scope::of(state, user, Permission::HandleInteraction).await?;
    let m = store::get(&state.db, id)
        .await?
        .filter(|m| scope.contains(m.unit_id))
        .ok_or(AppError::NotFound)?;
    Ok((m, scope))
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let (m, scope) = in_scope(&state, &user, id).await?;
    let (due, urgent) = due_text(&state, &m);
    let mut cmp = Vec::new();
    let mut masked_count = 0;
    if m.status == MessageStatus::Review {
        for (label, text) in [
            ("标题", &m.subject),
            ("留言内容", &m.content),
            ("答复内容", &m.reply),
        ] {
            let r = model::masked(text, &m.writer_name);
            masked_count += r.maskings.len();
            let (a, b) = crate::penalty::model::segments(&r, text);
            cmp.push((label, a, b));
        }
    }
    let original = match m.duplicate_of {
        Some(o) => store::get(&state.db, o).await?.map(|o| o.receipt_no),
        None => None,
    };
    render(&ShowPage {
        unit: scope.unit_name(m.unit_id),
        units: scope
            .units
            .iter()
            .filter(|u| u.active && u.id != m.unit_id)
            .map(|u| (u.id, u.name.clone()))
            .collect(),
        steps: store::steps(&state.db, m.id).await?,
        files: store::files(&state.db, m.id).await?,
        reasons: RejectReason::ALL,
        can_review: m.drafted_by != Some(user.id),
        msg: q.msg.unwrap_or_default(),
        layout,
        due,
        urgent,
        cmp,
        masked_count,
        original,
        m,
    })
}

/// One handler for every action: `/admin/interact/{id}/{action}`.
pub async fn act(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path((id, action)): Path<(i64, String)>,
    fields: Fields,
) -> Result<Response, AppError> {
    let (m, scope) = in_scope(&state, &user, id).await?;
    let a = match action.as_str() {
        "sign" => Action::Sign,
        "transfer" => {
            let unit_id: i64 = fields
                .get("unit_id")
                .parse()
                .ok()
                .filter(|u| scope.units.iter().any(|x| x.id == *u && x.active))
                .ok_or_else(|| AppError::field("unit_id", "请选择转办单位"))?;
            Action::Transfer {
                unit_id,
                unit_name: scope.unit_name(unit_id),
                note: fields.required("note", "转办说明", 500)?,
            }
        }
        "extend" => Action::Extend {
            reason: fields.required("reason", "延期理由", 500)?,
        },
        "draft" => {
            let withhold = fields.get("withhold").trim().to_string();
            if withhold.chars().count() > 200 {
                return Err(AppError::field("withhold", "不公开理由不能超过200字"));
            }
            Action::Draft {
                reply: fields.required("reply", "答复内容", 5000)?,
                withhold,
            }
        }
        "approve" => Action::Approve {
            subject: fields.required("masked_subject", "公开标题", 100)?,
            content: fields.required("masked_content", "公开留言内容", 4000)?,
            reply: fields.required("masked_reply", "公开答复内容", 6000)?,
        },
        "return" => Action::Return {
            note: fields.required("note", "退回理由", 500)?,
        },
        "reject" => {
            let reason = RejectReason::parse(fields.get("reason").trim())
                .ok_or_else(|| AppError::field("reason", "请选择不予受理的理由"))?;
            let note = fields.get("note").trim().to_string();
            if reason == RejectReason::NotRemit && note.is_empty() {
                return Err(AppError::field(
                    "note",
                    "不属于本机关职责的，请写明有权处理的机关",
                ));
            }
            if note.chars().count() > 500 {
                return Err(AppError::field("note", "说明不能超过500字"));
            }
            Action::Reject { reason, note }
        }
        "unpublish" => Action::Unpublish {
            reason: fields.required("reason", "撤回公开的理由", 200)?,
        },
        _ => return Err(AppError::NotFound),
    };
    service::act(&state, &m, &a, user.id, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/interact/{id}?msg={action}")).into_response())
}

/// A file sent with a letter, for staff in scope.
pub async fn file(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (m, _) = in_scope(&state, &user, id).await?;
    let f = store::files(&state.db, m.id)
        .await?
        .into_iter()
        .find(|f| f.id == file_id)
        .ok_or(AppError::NotFound)?;
    crate::docs::attachments::send_blob(
        &state,
        &f.sha256,
        &f.name,
        &f.mime,
        crate::docs::attachments::Caching::NoStore,
    )
    .await
}
