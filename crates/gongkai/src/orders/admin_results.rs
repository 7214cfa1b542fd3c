//! The day's results as .xlsx for a source platform (12345, the national 找错
//! platform) that takes them by upload rather than by the push API: every 办结 and
//! 退回 recorded that day (Beijing time) in the outbox, of the orders in the user's
//! unit scope. A read: not audited, as the other exports.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;

use super::model::EventKind;
use super::store_outbox::{self, ResultRow};
use crate::auth::Staff;
use crate::auth::scope::Scope;
use crate::error::AppError;
use crate::state::AppState;

#[derive(Deserialize)]
pub struct ResultsQuery {
    pub date: Option<String>,
    pub source: Option<String>,
}

const HEAD: [&str; 6] = [
    "平台工单号",
    "办理结果（办结/退回）",
    "答复内容",
    "办结时间（北京时间）",
    "承办单位",
    "推送状态",
];

/// `GET /admin/orders/results.xlsx?date=YYYY-MM-DD&source=12345|zhaocuo` (no date:
/// today; no source: 12345).
pub async fn results_xlsx(
    State(state): State<AppState>,
    Staff(user): Staff,
    Query(q): Query<ResultsQuery>,
) -> Result<Response, AppError> {
    let date_text = q.date.as_deref().unwrap_or("").trim();
    let day = if date_text.is_empty() {
        crate::clock::today()
    } else {
        NaiveDate::parse_from_str(date_text, "%Y-%m-%d").map_err(|_| {
            AppError::BadRequest("日期格式不正确，应写作 YYYY-MM-DD（如 2026-12-01）".into())
        })?
    };
    let platform = q.source.as_deref().unwrap_or("12345").trim();
    let source = super::api::source_of(platform)
        .ok_or_else(|| AppError::BadRequest("来源平台应为 12345 或 zhaocuo".into()))?;
    let from = day
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(crate::clock::beijing()).single())
        .ok_or_else(|| AppError::BadRequest("日期超出范围".into()))?
        .to_utc();
    let scope = super::admin::scope(&state, &user).await?;
    let rows = store_outbox::results_between(
        &state.db,
        source,
        from,
        from + Duration::days(1),
        scope.filter(),
    )
    .await?;
    let bytes = workbook(&rows, &scope)?;
    let name = format!("gongdan-results-{platform}-{day}.xlsx");
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

fn workbook(rows: &[ResultRow], scope: &Scope) -> Result<Vec<u8>, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!(e));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("办理结果").map_err(x)?;
    let bold = Format::new().set_bold();
    for (c, h) in HEAD.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(x)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = (i + 1) as u32;
        let p = &r.push;
        let outcome = match p.event {
            EventKind::Returned => "退回",
            _ => "办结",
        };
        for (c, v) in [
            p.source_no.clone(),
            outcome.to_string(),
            p.result.clone(),
            p.when(),
            scope.unit_name(r.unit_id),
            p.state.label().to_string(),
        ]
        .iter()
        .enumerate()
        {
            ws.write_string(row, c as u16, v).map_err(x)?;
        }
    }
    for (c, w) in [(0, 24), (1, 12), (2, 50), (3, 18), (4, 24), (5, 10)] {
        ws.set_column_width(c, w).map_err(x)?;
    }
    wb.save_to_buffer().map_err(x)
}
