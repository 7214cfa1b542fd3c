//! Public pages of 公众开放日: the list, an event with its sessions and the
//! registration form, the confirmation (code and check-in QR code), the progress page
//! by code (status, promotion from the waitlist, cancellation), the draw record and
//! the report after the event. Counts only: no name or phone is ever shown.

use std::collections::BTreeMap;
use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::model::{self, RegStatus};
use super::store::{self, EventRow};
use super::view::{self, SessionView};
use super::{form, qr, service};
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{ClientIp, Layout, PageQuery, Pager, PathId, refused, render};

/// The per-address limit of the registration and cancellation forms.
pub fn check_ip(state: &AppState, ip: &str) -> Result<(), AppError> {
    crate::web::ratelimit::public_form(state, "events_register", ip)
}

#[derive(Template)]
#[template(path = "events/templates/list.html")]
struct ListPage {
    layout: Layout,
    events: Vec<(EventRow, String, bool)>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = Page::new(q.page, None);
    let (rows, total) = store::events_page(&state.db, None, true, page).await?;
    let events = rows
        .into_iter()
        .map(|e| {
            let when = crate::clock::fmt_local(&e.closes_at);
            let open = view::is_open(&e);
            (e, when, open)
        })
        .collect();
    render(&ListPage {
        layout,
        events,
        pager: Pager::checked(page, total, String::new())?,
    })
}

#[derive(Template)]
#[template(path = "events/templates/event.html")]
struct EventPage {
    layout: Layout,
    e: EventRow,
    sessions: Vec<SessionView>,
    open: bool,
    window: String,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    message: String,
}

form_page!(EventPage: v, err);

impl EventPage {
    fn programme(&self) -> Vec<&str> {
        self.e
            .programme
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    }
    fn sizes(&self) -> Vec<i64> {
        (1..=self.e.max_group).collect()
    }
}

async fn event_page(
    state: &AppState,
    layout: Layout,
    e: EventRow,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    message: String,
) -> Result<EventPage, AppError> {
    Ok(EventPage {
        layout,
        sessions: view::sessions(&state.db, e.id).await?,
        open: view::is_open(&e),
        window: format!(
            "{} 至 {}",
            crate::clock::fmt_local(&e.opens_at),
            crate::clock::fmt_local(&e.closes_at)
        ),
        e,
        values,
        errors,
        message,
    })
}

pub async fn show(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let e = view::published(&state.db, id).await?;
    render(
        &event_page(
            &state,
            layout,
            e,
            BTreeMap::new(),
            BTreeMap::new(),
            String::new(),
        )
        .await?,
    )
}

#[derive(Template)]
#[template(path = "events/templates/receipt.html")]
struct ReceiptPage {
    layout: Layout,
    title: String,
    code: String,
    status: RegStatus,
    qr: String,
}

const FIELDS: [&str; 5] = ["session_id", "name", "phone", "group_size", "id_type"];

pub async fn register(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    fields: Fields,
) -> Result<Response, AppError> {
    check_ip(&state, &ip)?;
    let e = view::published(&state.db, id).await?;
    let values = fields.values(&FIELDS, 100);
    let g = |k: &str| values.get(k).cloned().unwrap_or_default();
    let result = match form::registration(
        &g("session_id"),
        &g("name"),
        &g("phone"),
        &g("group_size"),
        &g("id_type"),
    ) {
        Ok(r) => service::register(&state.db, &e, &r).await,
        Err(err) => Err(err),
    };
    match result {
        Ok((code, status)) => render(&ReceiptPage {
            layout,
            title: e.title,
            qr: qr_for(&code, status),
            code,
            status,
        }),
        Err(err) => {
            refused(err, |errors, msg| {
                event_page(&state, layout, e, values, errors, msg)
            })
            .await
        }
    }
}

/// The QR code only for a held seat (what the staff scan at the door).
fn qr_for(code: &str, status: RegStatus) -> String {
    if status == RegStatus::Confirmed {
        qr::svg(code, 200).unwrap_or_default()
    } else {
        String::new()
    }
}

#[derive(Deserialize)]
pub struct CodeQuery {
    pub code: Option<String>,
    pub msg: Option<String>,
}

#[derive(Template)]
#[template(path = "events/templates/progress.html")]
struct ProgressPage {
    layout: Layout,
    code: String,
    error: String,
    notice: String,
    found: Option<Found>,
}

struct Found {
    title: String,
    event_id: i64,
    place: String,
    starts_at: String,
    group_size: i64,
    status: RegStatus,
    promoted_at: String,
    checked_in_at: String,
    queue: Option<usize>,
    qr: String,
    cancellable: bool,
}

/// The registrant's own view by confirmation code.
pub async fn progress(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    Query(q): Query<CodeQuery>,
) -> Result<Response, AppError> {
    let code = model::normalise_code(&q.code.unwrap_or_default());
    let mut page = ProgressPage {
        layout,
        code: code.clone(),
        error: String::new(),
        notice: match q.msg.as_deref() {
            Some("cancelled") => "已取消报名。".into(),
            _ => String::new(),
        },
        found: None,
    };
    if !code.is_empty() {
        if !state
            .limiter
            .check("events_progress", &ip, 30, Duration::from_secs(60))
        {
            return Err(AppError::RateLimited);
        }
        match store::reg_by_code(&state.db, &code).await? {
            None => page.error = "没有这个确认码，请核对".into(),
            Some(r) => {
                let s = store::session(&state.db, r.session_id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let e = store::event(&state.db, s.event_id)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let queue = if r.status == RegStatus::Waitlisted {
                    store::queue(&state.db, s.id)
                        .await?
                        .iter()
                        .position(|(id, _)| *id == r.id)
                        .map(|p| p + 1)
                } else {
                    None
                };
                page.found = Some(Found {
                    title: e.title,
                    event_id: e.id,
                    place: s.place,
                    starts_at: crate::clock::fmt_local(&s.starts_at),
                    group_size: r.group_size,
                    status: r.status,
                    promoted_at: crate::clock::fmt_local_opt(&r.promoted_at),
                    checked_in_at: crate::clock::fmt_local_opt(&r.checked_in_at),
                    queue,
                    qr: if r.checked_in_at.is_none() {
                        qr_for(&r.code, r.status)
                    } else {
                        String::new()
                    },
                    cancellable: r.status != RegStatus::Cancelled && r.checked_in_at.is_none(),
                });
            }
        }
    }
    render(&page)
}

/// Cancel by code (a freed seat goes to the next on the waitlist at once).
pub async fn cancel(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    fields: Fields,
) -> Result<Response, AppError> {
    check_ip(&state, &ip)?;
    let code = model::normalise_code(&fields.get("code"));
    service::cancel(&state.db, &code).await?;
    Ok(Redirect::to(&format!(
        "/interact/events/registration?code={code}&msg=cancelled"
    ))
    .into_response())
}

/// A session's draw record (JSON): before the draw only the beacon and the commitment.
pub async fn draw_json(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let s = store::session(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    view::published(&state.db, s.event_id).await?;
    crate::draws::record_response(
        s.draw_record.as_deref(),
        s.draw_commitment.as_deref(),
        s.draw_beacon.as_deref(),
    )
}

#[derive(Template)]
#[template(path = "events/templates/report.html")]
struct ReportPage {
    layout: Layout,
    e: EventRow,
    sessions: Vec<SessionView>,
    total_confirmed: i64,
    total_arrived: i64,
}

/// After the event: attendance per session and the report text.
pub async fn report(
    State(state): State<AppState>,
    layout: Layout,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let e = view::published(&state.db, id).await?;
    let sessions = view::sessions(&state.db, id).await?;
    render(&ReportPage {
        layout,
        total_confirmed: sessions.iter().map(|s| s.confirmed).sum(),
        total_arrived: sessions.iter().map(|s| s.arrived).sum(),
        e,
        sessions,
    })
}
