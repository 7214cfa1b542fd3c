//! Pages and API of the working-day calendar.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::auth::Staff;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Layout, render};

// ------------------------------------------------------------------ API

/// One date of the calendar.
#[derive(Serialize, utoipa::ToSchema)]
pub struct WorkdayDate {
    pub date: NaiveDate,
    pub is_workday: bool,
    /// 节日名，仅放假日和调休上班日有
    pub holiday: Option<String>,
    /// 工作日 / 周末 / 春节放假 / 春节调休上班
    pub label: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct WorkdayYear {
    pub year: i32,
    pub workdays: usize,
    pub dates: Vec<WorkdayDate>,
}

fn date_view(d: &workday::Day<'_>) -> WorkdayDate {
    WorkdayDate {
        date: d.date,
        is_workday: d.is_workday(),
        holiday: d.holiday.map(str::to_string),
        label: d.label(),
    }
}

/// Every date of a year: whether it is a working day, and the holiday if any.
#[utoipa::path(get, path = "/api/v1/workdays/{year}", tag = "workdays",
    params(("year" = i32, Path, description = "年份，如 2026")),
    responses((status = 200, body = WorkdayYear), (status = 409, body = crate::api::ErrorBody, description = "该年节假日安排尚未录入")))]
pub async fn api_year(
    State(state): State<AppState>,
    Path(year): Path<String>,
) -> Result<Json<WorkdayYear>, AppError> {
    let year: i32 = year
        .parse()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .ok_or_else(|| AppError::field("year", "年份应为四位数字，如 2026"))?;
    let cal = crate::workdays::calendar(&state);
    let days = cal.year_days(year)?;
    Ok(Json(WorkdayYear {
        year,
        workdays: days.iter().filter(|d| d.is_workday()).count(),
        dates: days.iter().map(date_view).collect(),
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct AddQuery {
    /// 起算日 YYYY-MM-DD（当日不计入）
    pub from: Option<String>,
    /// 工作日数（0–400）
    pub days: Option<String>,
}

/// The result of adding working days, with every skipped date.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AddResult {
    pub from: NaiveDate,
    pub days: u32,
    /// 第 N 个工作日
    pub date: NaiveDate,
    pub skipped: Vec<SkippedDate>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SkippedDate {
    pub date: NaiveDate,
    pub reason: String,
}

fn checked_add(q: &AddQuery) -> Result<(NaiveDate, u32), AppError> {
    let mut fields = std::collections::BTreeMap::new();
    let from = q.from.as_deref().unwrap_or("").trim();
    let from = NaiveDate::parse_from_str(from, "%Y-%m-%d").ok();
    if from.is_none() {
        fields.insert("from".into(), "请填写起算日，格式 YYYY-MM-DD".into());
    }
    let days = q
        .days
        .as_deref()
        .unwrap_or("")
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| *d <= 400);
    if days.is_none() {
        fields.insert("days".into(), "工作日数应为 0–400 的整数".into());
    }
    match (from, days) {
        (Some(f), Some(d)) => Ok((f, d)),
        _ => Err(AppError::validation(fields)),
    }
}

fn add(state: &AppState, from: NaiveDate, days: u32) -> Result<AddResult, AppError> {
    let c = crate::workdays::calendar(state).add_workdays_excluding(from, days, |_| None)?;
    Ok(AddResult {
        from,
        days,
        date: c.date,
        skipped: c
            .skipped
            .into_iter()
            .map(|s| SkippedDate {
                date: s.date,
                reason: s.reason,
            })
            .collect(),
    })
}

/// The date N working days after a date (the date itself not counted), as the
/// 《政府信息公开条例》 counts its periods.
#[utoipa::path(get, path = "/api/v1/workdays/add", tag = "workdays", params(AddQuery),
    responses((status = 200, body = AddResult), (status = 422, body = crate::api::ErrorBody),
        (status = 409, body = crate::api::ErrorBody, description = "涉及的年份尚无节假日安排")))]
pub async fn api_add(
    State(state): State<AppState>,
    Query(q): Query<AddQuery>,
) -> Result<Json<AddResult>, AppError> {
    let (from, days) = checked_add(&q)?;
    Ok(Json(add(&state, from, days)?))
}

// ------------------------------------------------------------------ portal

pub struct SkippedView {
    pub date: String,
    pub weekday: &'static str,
    pub reason: String,
}

#[derive(Template)]
#[template(path = "workdays/templates/calculator.html")]
struct CalculatorPage {
    layout: Layout,
    from: String,
    days: String,
    error: Option<String>,
    result: Option<(String, &'static str)>,
    skipped: Vec<SkippedView>,
    years: String,
}

/// 答复期限计算器: anyone computes a deadline and sees which days were skipped.
pub async fn calculator(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<AddQuery>,
) -> Result<Response, AppError> {
    let cal = crate::workdays::calendar(&state);
    let years = match (cal.years().next(), cal.years().last()) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        _ => "（无）".into(),
    };
    let mut page = CalculatorPage {
        layout,
        from: q.from.clone().unwrap_or_default(),
        days: q.days.clone().unwrap_or_else(|| "20".into()),
        error: None,
        result: None,
        skipped: Vec::new(),
        years,
    };
    if q.from.is_some() {
        match checked_add(&q).and_then(|(f, d)| add(&state, f, d)) {
            Ok(r) => {
                page.result = Some((r.date.to_string(), workday::weekday_cn(r.date)));
                page.skipped = r
                    .skipped
                    .into_iter()
                    .map(|s| SkippedView {
                        date: s.date.to_string(),
                        weekday: workday::weekday_cn(s.date),
                        reason: s.reason,
                    })
                    .collect();
            }
            Err(AppError::Validation { fields, .. }) => {
                page.error = Some(fields.into_values().collect::<Vec<_>>().join("；"));
            }
            Err(e) => page.error = Some(e.to_string()),
        }
    }
    render(&page)
}

// ------------------------------------------------------------------ back office

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
    match super::save(&state.db, &text, &user.actor()).await {
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
