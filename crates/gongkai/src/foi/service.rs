//! What the pages and the API share: access to a case, its clock, the event parser,
//! and the case view.

use chrono::NaiveDate;
use serde::Serialize;

use super::clock::{self, Clock, Dated, Event, Party};
use super::fee;
use super::model::{DeliveryForm, DeliveryMethod, Ground, IdKind, Outcome};
use super::store::{self, CaseRow, EventRow};
use crate::auth::CurrentUser;
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::error::AppError;
use crate::state::AppState;

/// Load a case the user may handle: 依申请办理人 whose units cover its FOI office
/// or its organ.
pub async fn case_for(state: &AppState, user: &CurrentUser, id: i64) -> Result<CaseRow, AppError> {
    case_with(state, user, id, Permission::HandleFoi).await
}

/// Load a case the user may see: handlers as in [`case_for`], and administrators
/// of its organ or office (read only).
pub async fn case_visible(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<CaseRow, AppError> {
    case_with(state, user, id, Permission::ViewFoi).await
}

async fn case_with(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    perm: Permission,
) -> Result<CaseRow, AppError> {
    let case = store::get(&state.db, id).await?;
    let scope = Scope::of(state, user, perm).await?;
    if !user.can(perm) || !super::routing::in_scope(&scope, case.unit_id, case.office_id) {
        return Err(AppError::Forbidden);
    }
    Ok(case)
}

/// The 依申请办理人 a case may be assigned to: those of its FOI office, then of its
/// organ, each once.
pub async fn handlers_of(state: &AppState, case: &CaseRow) -> Result<Vec<(i64, String)>, AppError> {
    let role = crate::auth::roles::Role::FoiHandler;
    let mut out = crate::auth::store::users_with_role_in(&state.db, case.office_id, role).await?;
    for h in crate::auth::store::users_with_role_in(&state.db, case.unit_id, role).await? {
        if !out.iter().any(|(i, _)| *i == h.0) {
            out.push(h);
        }
    }
    Ok(out)
}

pub struct Loaded {
    pub case: CaseRow,
    pub rows: Vec<EventRow>,
    pub log: Vec<Dated>,
    pub clock: Clock,
}

pub async fn load(state: &AppState, case: CaseRow) -> Result<Loaded, AppError> {
    let rows = store::events(&state.db, case.id).await?;
    let log = store::dated(&rows);
    let cal = crate::workdays::calendar(state);
    let clock = clock::replay(&cal, case.channel(), &log).map_err(|e| anyhow::anyhow!(e))?;
    Ok(Loaded {
        case,
        rows,
        log,
        clock,
    })
}

fn date(v: &str, label: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::field("on", &format!("请填写{label}（YYYY-MM-DD）")))
}

fn number(v: &str, field: &str, label: &str) -> Result<u32, AppError> {
    v.trim()
        .parse::<u32>()
        .map_err(|_| AppError::field(field, &format!("{label}应为整数")))
}

fn limited(v: String, field: &str, label: &str, max: usize) -> Result<String, AppError> {
    if v.chars().count() > max {
        return Err(AppError::field(field, &format!("{label}不能超过{max}字")));
    }
    Ok(v.trim().to_string())
}

/// Parse an event from form or JSON fields. The fee amount is computed here from the
/// method (never typed): `nth` is the applicant's count of applications this month.
pub fn parse_event(get: &dyn Fn(&str) -> String, nth: i64) -> Result<(NaiveDate, Event), AppError> {
    let on = date(&get("on"), "日期")?;
    let kind = get("kind");
    let ev = match kind.as_str() {
        "receipt_confirmed" => Event::ReceiptConfirmed,
        "correction_requested" => Event::CorrectionRequested {
            items: limited(get("items"), "items", "补正事项", 2000)?,
            period_days: number(&get("period_days"), "period_days", "补正期限")?,
        },
        "correction_received" => Event::CorrectionReceived,
        "given_up" => Event::GivenUp,
        "consultation_started" => Event::ConsultationStarted {
            party: if get("party") == "agency" {
                Party::Agency
            } else {
                Party::ThirdParty
            },
            name: limited(get("name"), "name", "征求意见对象", 100)?,
        },
        "consultation_answered" => Event::ConsultationAnswered {
            consultation: number(&get("consultation"), "consultation", "征求意见函")?,
            objects: matches!(get("objects").as_str(), "on" | "true" | "1"),
            opinion: limited(get("opinion"), "opinion", "意见", 1000)?,
        },
        "consultation_timed_out" => Event::ConsultationTimedOut {
            consultation: number(&get("consultation"), "consultation", "征求意见函")?,
        },
        "extension_approved" => Event::ExtensionApproved {
            approver: limited(get("approver"), "approver", "批准人", 50)?,
            days: number(&get("days"), "days", "延长天数")?,
            notified_on: date(&get("notified_on"), "告知申请人日期")?,
            reason: limited(get("reason"), "reason", "延期理由", 500)?,
        },
        "fee_notice_issued" => {
            let method = get("method");
            let (amount, detail) = match method.as_str() {
                "pages" => {
                    let pages = number(&get("pages"), "pages", "页数")?;
                    (fee::by_pages(pages), fee::explain_pages(pages))
                }
                "count" => {
                    let n = u32::try_from(nth).unwrap_or(0);
                    (fee::by_count(n), fee::explain_count(n))
                }
                _ => return Err(AppError::field("method", "请选择按件或按量计收")),
            };
            Event::FeeNoticeIssued {
                method,
                amount,
                detail,
            }
        }
        "fee_paid" => Event::FeePaid,
        "fee_expired" => Event::FeeExpired,
        "replied" => Event::Replied {
            outcome: get("outcome"),
            ground: Some(get("ground")).filter(|g| !g.is_empty()),
            note: limited(get("note"), "note", "说明", 2000)?,
        },
        "mailed" => Event::Mailed {
            tracking: limited(get("tracking"), "tracking", "邮件号", 40)?,
        },
        "delivered" => Event::Delivered,
        "closed" => Event::Closed,
        "archived" => Event::Archived,
        _ => return Err(AppError::field("kind", "未知的事件类型")),
    };
    Ok((on, ev))
}

/// One line of the event log as shown to staff.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EventView {
    pub seq: i64,
    pub kind: String,
    pub label: String,
    pub on: NaiveDate,
    pub detail: String,
    pub actor: String,
}

pub fn event_detail(e: &Event) -> String {
    match e {
        Event::CorrectionRequested { items, period_days } => {
            format!("补正事项：{items}；期限{period_days}个工作日")
        }
        Event::ConsultationStarted { party, name } => format!("{}：{name}", party.label()),
        Event::ConsultationAnswered {
            consultation,
            objects,
            opinion,
        } => format!(
            "第{consultation}号事件的征求意见函；{}{}",
            if *objects {
                "不同意公开"
            } else {
                "未提出异议"
            },
            if opinion.is_empty() {
                String::new()
            } else {
                format!("：{opinion}")
            }
        ),
        Event::ConsultationTimedOut { consultation } => {
            format!("第{consultation}号事件的征求意见函期满未答复")
        }
        Event::ExtensionApproved {
            approver,
            days,
            notified_on,
            reason,
        } => {
            format!(
                "{approver}批准延长{days}个工作日，{notified_on}告知申请人{}",
                if reason.is_empty() {
                    String::new()
                } else {
                    format!("；理由：{reason}")
                }
            )
        }
        Event::FeeNoticeIssued { amount, detail, .. } => format!("{amount}元（{detail}）"),
        Event::Replied {
            outcome,
            ground,
            note,
        } => {
            let o = Outcome::parse(outcome).map(|o| o.label()).unwrap_or("");
            let g = ground
                .as_deref()
                .and_then(Ground::parse)
                .map(|g| format!("；理由：{}", g.label()))
                .unwrap_or_default();
            format!(
                "{o}{g}{}",
                if note.is_empty() {
                    String::new()
                } else {
                    format!("；{note}")
                }
            )
        }
        Event::Mailed { tracking } => format!("邮件号 {tracking}"),
        _ => String::new(),
    }
}

pub fn event_views(rows: &[EventRow]) -> Vec<EventView> {
    rows.iter()
        .filter_map(|r| {
            let d = r.dated()?;
            Some(EventView {
                seq: r.seq,
                kind: r.kind.clone(),
                label: d.event.label().to_string(),
                on: r.occurred_on,
                detail: event_detail(&d.event),
                actor: r.actor.clone(),
            })
        })
        .collect()
}

/// The deadline line: date, arithmetic, days left; or why there is none.
#[derive(Serialize, utoipa::ToSchema, Clone)]
pub struct DeadlineView {
    pub date: Option<NaiveDate>,
    pub explanation: String,
    pub provisional: bool,
    /// 剩余工作日（负数为已逾期）
    pub days_left: Option<i64>,
    pub late: bool,
}

pub fn deadline_view(state: &AppState, c: &Clock) -> DeadlineView {
    let cal = crate::workdays::calendar(state);
    let today = crate::clock::today();
    match c.deadline(&cal) {
        Some(Ok(d)) => DeadlineView {
            date: Some(d.date),
            explanation: d.explanation,
            provisional: d.provisional,
            days_left: if c.status.clock_running() {
                c.days_left(&cal, today)
            } else {
                None
            },
            late: c.late(&cal, today),
        },
        Some(Err(e)) => DeadlineView {
            date: None,
            explanation: match (&e, c.start) {
                (workday::Error::NoData { year }, Some(start)) => {
                    let end = NaiveDate::from_ymd_opt(year - 1, 12, 31).unwrap_or(start);
                    match c.counted_through(&cal, end) {
                        Ok(n) if end > start => format!(
                            "{e}。自{start}起至{end}已计{n}个工作日，尚余{}个工作日待{year}年日历录入后计算",
                            c.period().saturating_sub(n)
                        ),
                        _ => e.to_string(),
                    }
                }
                _ => e.to_string(),
            },
            provisional: false,
            days_left: None,
            late: false,
        },
        None => DeadlineView {
            date: None,
            explanation: match c.status {
                clock::Status::AwaitingConfirmation => {
                    "尚未确认收到申请，答复期限自双方确认之日起算".into()
                }
                clock::Status::AwaitingCorrection => format!(
                    "等待申请人补正（补正期限至{}），答复期限自收到补正后的申请之日起重新计算",
                    c.correction_due.map(|d| d.to_string()).unwrap_or_default()
                ),
                _ => String::new(),
            },
            provisional: false,
            days_left: None,
            late: false,
        },
    }
}

/// The applicant's data and request, as staff of the handling unit see them.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CaseDetail {
    pub id: i64,
    pub receipt_no: String,
    pub unit_id: i64,
    pub handler_id: Option<i64>,
    pub channel: String,
    pub status: String,
    pub status_label: String,
    pub applicant_kind: String,
    pub applicant_name: String,
    pub id_kind: String,
    pub id_number: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub info_title: String,
    pub info_doc_no: String,
    pub info_description: String,
    pub delivery_form: String,
    pub delivery_method: String,
    pub received_on: Option<NaiveDate>,
    pub concluded_on: Option<NaiveDate>,
    pub outcome: Option<String>,
    pub deadline: DeadlineView,
    pub warnings: Vec<String>,
    pub events: Vec<EventView>,
}

pub fn detail(state: &AppState, l: &Loaded) -> CaseDetail {
    let c = &l.case;
    CaseDetail {
        id: c.id,
        receipt_no: c.receipt_no.clone(),
        unit_id: c.unit_id,
        handler_id: c.handler_id,
        channel: c.channel.code().into(),
        status: l.clock.status.code().into(),
        status_label: l.clock.status.label().into(),
        applicant_kind: c.applicant_kind.code().into(),
        applicant_name: c.applicant_name.clone(),
        id_kind: c.id_kind.clone(),
        id_number: c.id_number.clone(),
        phone: c.phone.clone(),
        email: c.email.clone(),
        address: c.address.clone(),
        info_title: c.info_title.clone(),
        info_doc_no: c.info_doc_no.clone(),
        info_description: c.info_description.clone(),
        delivery_form: c.delivery_form.clone(),
        delivery_method: c.delivery_method.clone(),
        received_on: l.clock.received_on,
        concluded_on: l.clock.concluded_on,
        outcome: c.outcome.clone(),
        deadline: deadline_view(state, &l.clock),
        warnings: l.clock.warnings.clone(),
        events: event_views(&l.rows),
    }
}

/// Labels for the stored codes.
pub fn labels(c: &CaseRow) -> (String, String, String, String) {
    (
        c.applicant_kind.label().into(),
        IdKind::parse(&c.id_kind)
            .map(|k| k.label())
            .unwrap_or("")
            .into(),
        DeliveryForm::parse(&c.delivery_form)
            .map(|k| k.label())
            .unwrap_or("")
            .into(),
        DeliveryMethod::parse(&c.delivery_method)
            .map(|k| k.label())
            .unwrap_or("")
            .into(),
    )
}

/// The request in one phrase: 名称、文号 and description.
pub fn request_text(c: &CaseRow) -> String {
    let mut parts = Vec::new();
    if !c.info_title.is_empty() {
        parts.push(format!("“{}”", c.info_title));
    }
    if !c.info_doc_no.is_empty() {
        parts.push(format!("（{}）", c.info_doc_no));
    }
    parts.push(c.info_description.clone());
    parts.join("")
}

pub fn cn_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// Earlier cases of the same applicant whose request looks the same (Art. 36(6)).
pub async fn repeats(
    state: &AppState,
    case: &CaseRow,
) -> Result<Vec<(String, i64, f64)>, AppError> {
    if case.id_number.is_empty() {
        return Ok(Vec::new());
    }
    let earlier = store::same_applicant(&state.db, case).await?;
    let mine = request_text(case);
    Ok(earlier
        .into_iter()
        .filter(|e| e.outcome.is_some())
        .map(|e| {
            let s = super::input::similarity(&mine, &request_text(&e));
            (e.receipt_no, e.id, s)
        })
        .filter(|(_, _, s)| *s >= 0.6)
        .collect())
}
