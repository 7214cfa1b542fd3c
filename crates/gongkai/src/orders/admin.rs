//! Back office of 诉求工单: the list (overdue, due soon, returned), registration
//! of phone calls and forwarded orders, the order page with every workflow step,
//! files.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::form;
use super::model::{self, Action, Satisfaction, Source, Status, Timing};
use super::service;
use super::store::{self, EventRow, FileRow, Filter, OrderRow};
use super::store_outbox::{self, PushBackRow};
use crate::auth::roles::Permission;
use crate::auth::scope::Scope;
use crate::auth::{CurrentUser, Staff};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Choice, Layout, Pager, choices, render};

/// The units whose orders the user handles.
pub async fn scope(state: &AppState, user: &CurrentUser) -> Result<Scope, AppError> {
    Scope::of(state, user, Permission::HandleInteraction).await
}

/// An order the user may act on (404 for an unknown id, 403 outside the scope).
pub async fn order_for(state: &AppState, scope: &Scope, id: i64) -> Result<OrderRow, AppError> {
    let o = store::get(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !scope.contains(o.unit_id) {
        return Err(AppError::Forbidden);
    }
    Ok(o)
}

/// The timing of a running order ("" once it left the clock).
pub fn timing(state: &AppState, o: &OrderRow) -> Option<Timing> {
    let due = model::current_due(o.status, o.accept_due, o.finish_due)?;
    model::timing(
        &crate::workdays::calendar(state),
        due,
        crate::clock::today(),
    )
    .ok()
}

pub struct ListRow {
    pub id: i64,
    pub source_no: String,
    pub source: &'static str,
    pub service: String,
    pub status: &'static str,
    pub unit: String,
    pub received_on: String,
    pub timing: String,
    pub overdue: bool,
    /// The reminders the daily job recorded ("签收已逾期（2026-12-01）").
    pub reminders: Vec<String>,
}

#[derive(Template)]
#[template(path = "orders/templates/admin_list.html")]
struct ListPage {
    layout: Layout,
    rows: Vec<ListRow>,
    pager: Pager,
    view: String,
    status: Vec<Choice>,
    sources: Vec<Choice>,
    /// The default date of the day's results download.
    today: String,
}

#[derive(Deserialize)]
pub struct ListQuery {
    pub page: Option<i64>,
    pub view: Option<String>,
    pub status: Option<String>,
    pub source: Option<String>,
}

/// Service names by code.
pub async fn service_names(state: &AppState) -> Result<BTreeMap<String, String>, AppError> {
    Ok(store::services(&state.db, false)
        .await?
        .into_iter()
        .map(|s| (s.code, s.name))
        .collect())
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user).await?;
    let page = Page::new(q.page, None);
    let today = crate::clock::today();
    let cal = crate::workdays::calendar(&state);
    let view = q
        .view
        .filter(|v| matches!(v.as_str(), "overdue" | "due_soon" | "returned"))
        .unwrap_or_default();
    let status = q.status.as_deref().and_then(Status::parse);
    let source = q.source.as_deref().and_then(Source::parse);
    let f = Filter {
        units: scope.filter().map(<[i64]>::to_vec),
        status,
        source,
        view: Some(view.clone()).filter(|v| !v.is_empty()),
        today: Some(today),
        soon_until: cal.add_workdays(today, model::DUE_SOON_DAYS).ok(),
        ..Default::default()
    };
    let (orders, total) = store::list(&state.db, &f, page).await?;
    let names = service_names(&state).await?;
    let ids: Vec<i64> = orders.iter().map(|o| o.id).collect();
    let mut reminders = store_outbox::reminders_of(&state.db, &ids).await?;
    let rows = orders
        .iter()
        .map(|o| {
            let t = timing(&state, o);
            let reminders = reminders
                .remove(&o.id)
                .unwrap_or_default()
                .into_iter()
                .map(|(d, k, due)| model::reminder_label(&d, k == "overdue", due))
                .collect();
            ListRow {
                id: o.id,
                source_no: o.source_no.clone(),
                source: o.source.label(),
                service: names.get(&o.service_code).cloned().unwrap_or_default(),
                status: o.status.label(),
                unit: scope.unit_name(o.unit_id),
                received_on: o.received_on.to_string(),
                timing: t.map(Timing::label).unwrap_or_default(),
                overdue: t.is_some_and(Timing::overdue),
                reminders,
            }
        })
        .collect();
    let mut base = String::new();
    if !view.is_empty() {
        base.push_str(&format!("view={view}&"));
    }
    if let Some(s) = status {
        base.push_str(&format!("status={}&", s.code()));
    }
    if let Some(s) = source {
        base.push_str(&format!("source={}&", s.code()));
    }
    render(&ListPage {
        layout,
        rows,
        pager: Pager::checked(page, total, base)?,
        view,
        status: crate::web::choices_selected(
            Status::ALL,
            Status::code,
            Status::label,
            status.map(Status::code).unwrap_or(""),
        ),
        sources: crate::web::choices_selected(
            Source::ALL,
            Source::code,
            Source::label,
            source.map(Source::code).unwrap_or(""),
        ),
        today: today.to_string(),
    })
}

#[derive(Template)]
#[template(path = "orders/templates/admin_new.html")]
struct NewPage {
    layout: Layout,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    sources: Vec<Choice>,
    services: Vec<(String, String)>,
    urgencies: Vec<Choice>,
    units: Vec<(i64, String)>,
}

form_page!(NewPage: v, err);

async fn new_page(
    state: &AppState,
    layout: Layout,
    user: &CurrentUser,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
) -> Result<NewPage, AppError> {
    let scope = scope(state, user).await?;
    Ok(NewPage {
        layout,
        values,
        errors,
        sources: Source::STAFF
            .iter()
            .map(|s| Choice::new(s.code(), s.label(), false))
            .collect(),
        services: store::service_names(&state.db).await?,
        urgencies: choices(
            model::Urgency::ALL,
            model::Urgency::code,
            model::Urgency::label,
        ),
        units: scope.unit_choices(),
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    render(&new_page(&state, layout, &user, BTreeMap::new(), BTreeMap::new()).await?)
}

const STAFF_FIELDS: &[&str] = &[
    "source",
    "source_no",
    "service",
    "description",
    "address",
    "district",
    "lon",
    "lat",
    "contact_name",
    "contact_phone",
    "contact_email",
    "urgency",
    "received_on",
    "page_url",
    "error_type",
    "unit_id",
];

/// Register an order: a phone call, or one forwarded by 12345 or the national
/// 找错 platform without an API.
pub async fn create(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user).await?;
    let values: BTreeMap<String, String> = STAFF_FIELDS
        .iter()
        .map(|k| (k.to_string(), fields.get(k)))
        .collect();
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let source = Source::parse(&get("source")).filter(|s| Source::STAFF.contains(s));
    let unit = get("unit_id")
        .parse::<i64>()
        .ok()
        .filter(|u| scope.contains(*u));
    let services = store::service_names(&state.db).await?;
    let checked = form::check(
        &get,
        source.unwrap_or(Source::Phone),
        &services,
        crate::clock::today(),
    );
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    if source.is_none() {
        errors.insert("source".into(), "请选择来源".into());
    }
    if unit.is_none() {
        errors.insert("unit_id".into(), "请选择承办单位".into());
    }
    if let (true, Ok(o)) = (errors.is_empty(), &checked) {
        match service::create(&state, o, unit, None, &user.actor()).await {
            Ok(c) => return Ok(Redirect::to(&format!("/admin/orders/{}", c.id)).into_response()),
            Err(AppError::Conflict(m)) => {
                errors.insert("source_no".into(), m);
            }
            Err(e) => return Err(e),
        }
    }
    let page = new_page(&state, layout, &user, values, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

#[derive(Template)]
#[template(path = "orders/templates/admin_show.html")]
struct ShowPage {
    layout: Layout,
    o: OrderRow,
    service: String,
    unit: String,
    timing: String,
    overdue: bool,
    events: Vec<(EventRow, String)>,
    files: Vec<FileRow>,
    push_backs: Vec<PushBackRow>,
    push_back_on: bool,
    units: Vec<(i64, String)>,
    satisfactions: Vec<Choice>,
    can: Vec<&'static str>,
    /// 找错: what the last 网站巡检 run found on the reported page.
    site_check: Option<SiteCheck>,
}

/// The crawler's latest findings for a 找错 report's page.
pub struct SiteCheck {
    pub run_id: i64,
    pub finished: String,
    pub key: String,
    /// May open the run's report (网站巡检 is for administrators).
    pub can_open_run: bool,
    /// (kind, failure, address, page, detail)
    pub rows: Vec<(&'static str, bool, String, String, String)>,
}

impl ShowPage {
    fn can(&self, a: &str) -> bool {
        self.can.contains(&a)
    }
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user).await?;
    let o = order_for(&state, &scope, id).await?;
    let t = timing(&state, &o);
    let all = crate::auth::store::all_units(&state.db).await?;
    let unit_name = |id: Option<i64>| {
        all.iter()
            .find(|u| Some(u.id) == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let events = store::events(&state.db, id)
        .await?
        .into_iter()
        .map(|e| {
            let n = unit_name(e.unit_id);
            (e, n)
        })
        .collect();
    let probe = [
        ("accept", Action::Accept),
        ("transfer", Action::Transfer { to: 0 }),
        (
            "return",
            Action::Return {
                reason: String::new(),
            },
        ),
        (
            "note",
            Action::Note {
                note: String::new(),
            },
        ),
        (
            "finish",
            Action::Finish {
                result: String::new(),
                reply: String::new(),
            },
        ),
        (
            "visit",
            Action::Visit {
                satisfaction: Satisfaction::Satisfied,
            },
        ),
    ];
    let can = probe
        .iter()
        .filter(|(_, a)| model::step(o.status, o.reopened, a).is_ok())
        .map(|(n, _)| *n)
        .collect();
    let site_check = if o.page_url.is_empty() {
        None
    } else {
        crate::sitecheck::service::latest_for_url(&state, &o.page_url)
            .await?
            .map(|f| SiteCheck {
                run_id: f.run_id,
                finished: f.finished,
                key: f.key,
                can_open_run: user.can(crate::auth::roles::Permission::ManageJobs),
                rows: f
                    .rows
                    .iter()
                    .map(|r| {
                        (
                            r.kind.label(),
                            r.kind.is_failure(),
                            r.url.clone(),
                            r.page.clone(),
                            r.detail.clone(),
                        )
                    })
                    .collect(),
            })
    };
    render(&ShowPage {
        site_check,
        service: service_names(&state)
            .await?
            .get(&o.service_code)
            .cloned()
            .unwrap_or_default(),
        unit: unit_name(Some(o.unit_id)),
        timing: t.map(Timing::label).unwrap_or_default(),
        overdue: t.is_some_and(Timing::overdue),
        events,
        files: store::files(&state.db, id).await?,
        push_backs: store_outbox::push_backs_of(&state.db, id).await?,
        push_back_on: !state.settings.orders.push_back_url.is_empty(),
        units: all
            .iter()
            .filter(|u| u.active && u.id != o.unit_id)
            .map(|u| (u.id, u.name.clone()))
            .collect(),
        satisfactions: choices(Satisfaction::ALL, Satisfaction::code, Satisfaction::label),
        can,
        layout,
        o,
    })
}

/// One workflow step (`action` = accept, transfer, return, note, finish, visit).
pub async fn act(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user).await?;
    let o = order_for(&state, &scope, id).await?;
    let action = match fields.get("action").as_str() {
        "accept" => Action::Accept,
        "transfer" => {
            let to = fields
                .get("unit_id")
                .parse::<i64>()
                .ok()
                .ok_or_else(|| AppError::field("unit_id", "请选择转办单位"))?;
            let units = crate::auth::store::all_units(&state.db).await?;
            if !units.iter().any(|u| u.id == to && u.active) {
                return Err(AppError::field("unit_id", "请选择转办单位"));
            }
            Action::Transfer { to }
        }
        "return" => Action::Return {
            reason: fields.required("reason", "退回理由", 500)?,
        },
        "note" => Action::Note {
            note: fields.required("note", "办理情况", 2000)?,
        },
        "finish" => Action::Finish {
            result: fields.required("result", "办理结果", 2000)?,
            reply: fields.required("reply", "答复内容", 2000)?,
        },
        "visit" => Action::Visit {
            satisfaction: Satisfaction::parse(&fields.get("satisfaction"))
                .ok_or_else(|| AppError::field("satisfaction", "请选择回访结果"))?,
        },
        _ => return Err(AppError::BadRequest("未知的操作".into())),
    };
    service::act(&state, &o, action, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/orders/{id}")).into_response())
}

/// Send a failed result back to the source platform again (`pushback_id`).
pub async fn repush(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    fields: Fields,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user).await?;
    let o = order_for(&state, &scope, id).await?;
    let pid = fields
        .get("pushback_id")
        .parse::<i64>()
        .map_err(|_| AppError::BadRequest("缺少回传记录编号".into()))?;
    service::retry_push_back(&state, &o, pid, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/orders/{id}")).into_response())
}

/// An on-site photo for an order being handled (multipart `file`).
pub async fn photo(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path(id): Path<i64>,
    mut form: Multipart,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user).await?;
    let o = order_for(&state, &scope, id).await?;
    let mut file = None;
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
    {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("现场照片").to_string();
            let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
            file = Some((name, bytes));
        }
    }
    let (name, bytes) = file
        .filter(|(_, b)| !b.is_empty())
        .ok_or_else(|| AppError::field("file", "请选择照片"))?;
    let f = service::check_image(&name, bytes, super::portal::max_image(&state), "photo")
        .map_err(|m| AppError::field("file", &m))?;
    service::add_photo(&state, &o, f, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/orders/{id}")).into_response())
}

pub async fn file(
    State(state): State<AppState>,
    Staff(user): Staff,
    Path((id, file_id)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let scope = scope(&state, &user).await?;
    let o = order_for(&state, &scope, id).await?;
    let f = store::files(&state.db, o.id)
        .await?
        .into_iter()
        .find(|f| f.id == file_id)
        .ok_or(AppError::NotFound)?;
    crate::docs::attachments::send_blob(
        &state,
        &f.sha256,
        &f.file_name,
        &f.mime,
        crate::docs::attachments::Caching::NoStore,
    )
    .await
}
