//! The calendar's JSON API.

use axum::Json;
use axum::extract::{Path, Query, State};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::state::AppState;

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

pub(super) fn checked_add(q: &AddQuery) -> Result<(NaiveDate, u32), AppError> {
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

pub(super) fn add(state: &AppState, from: NaiveDate, days: u32) -> Result<AddResult, AppError> {
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
