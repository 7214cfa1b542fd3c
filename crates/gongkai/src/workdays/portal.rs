//! The public 答复期限计算器.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, render};

use super::api::{AddQuery, add, checked_add};

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
