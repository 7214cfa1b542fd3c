//! Administering the calendar: the years added in the back office.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

pub struct YearRow {
    pub year: i32,
    pub workdays: usize,
    pub holidays: String,
    pub source: String,
}

#[derive(Template)]
#[template(path = "workdays/templates/admin.html")]
struct AdminPage {
    layout: Layout,
    rows: Vec<YearRow>,
    text: String,
    errors: Vec<String>,
    saved: String,
}

async fn admin_page(
    state: &AppState,
    layout: Layout,
    text: String,
    errors: Vec<String>,
    saved: String,
) -> Result<Response, AppError> {
    let stored = super::stored_years(&state.db).await?;
    let cal = crate::workdays::calendar(state);
    let mut years: Vec<i32> = cal.years().collect();
    years.reverse();
    let mut rows: Vec<YearRow> = years
        .into_iter()
        .map(|y| {
            let s = cal.schedule(y);
            let source = match stored.iter().find(|s| s.year == i64::from(y)) {
                Some(st) => format!(
                    "管理员录入（{}，{}）",
                    st.updated_by.clone().unwrap_or_default(),
                    crate::clock::fmt_local(&st.updated_at)
                ),
                None => "内置（国务院办公厅通知）".into(),
            };
            YearRow {
                year: y,
                workdays: cal
                    .year_days(y)
                    .map(|d| d.iter().filter(|d| d.is_workday()).count())
                    .unwrap_or(0),
                holidays: s
                    .map(|s| {
                        s.holidays
                            .iter()
                            .map(|h| h.name.as_str())
                            .collect::<Vec<_>>()
                            .join("、")
                    })
                    .unwrap_or_default(),
                source,
            }
        })
        .collect();
    rows.truncate(40);
    render(&AdminPage {
        layout,
        rows,
        text,
        errors,
        saved,
    })
}

#[derive(Deserialize)]
pub struct SavedMsg {
    pub saved: Option<String>,
}

pub async fn admin_list(
    State(state): State<AppState>,
    layout: Layout,
    Query(m): Query<SavedMsg>,
) -> Result<Response, AppError> {
    let next = crate::workdays::calendar(&state)
        .years()
        .last()
        .map(|y| y + 1)
        .unwrap_or(2027);
    let template =
        format!("year {next}\n# 国务院办公厅关于{next}年部分节假日安排的通知\n元旦 rest 01-01\n");
    admin_page(
        &state,
        layout,
        template,
        Vec::new(),
        m.saved.unwrap_or_default(),
    )
    .await
}

/// Add or replace years from the text box or an uploaded text file.
pub async fn admin_save(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    f: Fields,
) -> Result<Response, AppError> {
    let text = f.get("schedule");
    if text.len() > 64 * 1024 {
        return Err(AppError::field("schedule", "内容过长（上限 64 KB）"));
    }
    match super::service::save(&state.db, &text, &user.actor()).await {
        Ok(years) => {
            super::reload(&state).await?;
            let list = years
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(",");
            Ok(Redirect::to(&format!("/admin/workdays?saved={list}")).into_response())
        }
        Err(errors) => admin_page(&state, layout, text, errors, String::new())
            .await
            .map(|r| (axum::http::StatusCode::UNPROCESSABLE_ENTITY, r).into_response()),
    }
}

#[derive(Template)]
#[template(path = "workdays/templates/admin_year.html")]
struct YearPage {
    layout: Layout,
    year: i32,
    text: String,
    months: Vec<(u32, Vec<DayCell>)>,
}

pub struct DayCell {
    pub day: String,
    pub label: String,
    pub workday: bool,
    pub special: bool,
}

pub async fn admin_year(
    State(state): State<AppState>,
    layout: Layout,
    Path(year): Path<i32>,
) -> Result<Response, AppError> {
    use chrono::Datelike;
    let cal = crate::workdays::calendar(&state);
    let days = cal.year_days(year).map_err(|_| AppError::NotFound)?;
    let mut months: Vec<(u32, Vec<DayCell>)> = Vec::new();
    for d in &days {
        let m = d.date.month();
        if months.last().map(|x| x.0) != Some(m) {
            months.push((m, Vec::new()));
        }
        if let Some(last) = months.last_mut() {
            last.1.push(DayCell {
                day: format!("{}日 {}", d.date.day(), workday::weekday_cn(d.date)),
                label: d.label(),
                workday: d.is_workday(),
                special: d.holiday.is_some(),
            });
        }
    }
    let text = cal.schedule(year).map(|s| s.to_text()).unwrap_or_default();
    render(&YearPage {
        layout,
        year,
        text,
        months,
    })
}
