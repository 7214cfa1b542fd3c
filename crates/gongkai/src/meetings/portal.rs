//! Public pages of 会议公开: the yearly list, a meeting (topics, seats, the draw,
//! attendance, opinions with their adoption, decisions), the application form and
//! the draw record.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::Datelike;
use serde::Deserialize;

use super::form;
use super::model::{self, Category};
use super::service;
use super::store::{self, MeetingRow};
use super::view::{self, MeetingView};
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{ClientIp, Layout, PathId, refused, render};

#[derive(Deserialize)]
pub struct YearQuery {
    pub year: Option<i32>,
}

#[derive(Template)]
#[template(path = "meetings/templates/list.html")]
struct ListPage {
    layout: Layout,
    year: i32,
    years: Vec<i32>,
    meetings: Vec<(MeetingRow, String)>,
}

fn year_of(m: &MeetingRow) -> i32 {
    m.held_at.with_timezone(&crate::clock::beijing()).year()
}

/// The opened meetings of a year (default: the latest year with one).
pub async fn list(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let all = store::meetings(&state.db, true).await?;
    let mut years: Vec<i32> = all.iter().map(year_of).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let year = q
        .year
        .or_else(|| years.first().copied())
        .unwrap_or_else(|| crate::clock::today().year());
    let meetings = all
        .into_iter()
        .filter(|m| year_of(m) == year)
        .map(|m| {
            let when = crate::clock::fmt_local(&m.held_at);
            (m, when)
        })
        .collect();
    render(&ListPage {
        layout,
        year,
        years,
        meetings,
    })
}

#[derive(Template)]
#[template(path = "meetings/templates/show.html")]
struct ShowPage {
    layout: Layout,
    m: MeetingView,
    categories: Vec<(&'static str, &'static str)>,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    message: String,
}

form_page!(ShowPage: v, err);

async fn show_page(
    state: &AppState,
    layout: Layout,
    m: &MeetingRow,
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    message: String,
) -> Result<ShowPage, AppError> {
    let m = view::view(&state.db, m).await?;
    let categories = m
        .seats
        .iter()
        .filter(|s| s.seats > 0)
        .filter_map(|s| Category::parse(&s.category))
        .map(|c| (c.code(), c.label()))
        .collect();
    Ok(ShowPage {
        layout,
        m,
        categories,
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
    let m = view::published(&state.db, id).await?;
    render(
        &show_page(
            &state,
            layout,
            &m,
            BTreeMap::new(),
            BTreeMap::new(),
            String::new(),
        )
        .await?,
    )
}

const FIELDS: [&str; 7] = [
    "category",
    "name",
    "phone",
    "organisation",
    "credit_code",
    "reason",
    "publish_name",
];

pub fn check_ip(state: &AppState, ip: &str) -> Result<(), AppError> {
    crate::web::ratelimit::public_form(state, "meetings_apply", ip)
}

#[derive(Template)]
#[template(path = "meetings/templates/applied.html")]
struct AppliedPage {
    layout: Layout,
    id: i64,
    title: String,
    number: String,
}

pub async fn apply(
    State(state): State<AppState>,
    layout: Layout,
    ClientIp(ip): ClientIp,
    PathId(id): PathId,
    fields: Fields,
) -> Result<Response, AppError> {
    check_ip(&state, &ip)?;
    let m = view::published(&state.db, id).await?;
    let values = fields.values(&FIELDS, 600);
    let get = |k: &str| values.get(k).cloned().unwrap_or_default();
    let result = match form::application(&get) {
        Ok(a) => service::apply(&state.db, &m, &a).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(app_id) => render(&AppliedPage {
            layout,
            id: m.id,
            title: m.title,
            number: model::draw_id(app_id),
        }),
        Err(e) => {
            refused(e, |errors, msg| {
                show_page(&state, layout, &m, values, errors, msg)
            })
            .await
        }
    }
}

/// The draw record (JSON): before the draw only the beacon and the commitment.
pub async fn draw_json(
    State(state): State<AppState>,
    PathId(id): PathId,
) -> Result<Response, AppError> {
    let m = view::published(&state.db, id).await?;
    crate::draws::record_response(
        m.draw_record.as_deref(),
        m.draw_commitment.as_deref(),
        m.draw_beacon.as_deref(),
    )
}
