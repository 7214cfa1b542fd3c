//! Back-office pages of 依申请公开: table 三 of the annual report, as a page and as
//! .xlsx.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::report::{self, COLUMNS};
use super::store;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, render};

pub struct ReportLine {
    pub group: String,
    pub label: String,
    pub counts: [i64; 7],
    pub strong: bool,
}

#[derive(Template)]
#[template(path = "foi/templates/admin_report.html")]
struct ReportPage {
    layout: Layout,
    year: i32,
    columns: [&'static str; 7],
    lines: Vec<ReportLine>,
    violations: Vec<&'static str>,
    anomalies: Vec<report::Anomaly>,
}

#[derive(Deserialize)]
pub struct YearQuery {
    pub year: Option<i32>,
}

pub fn report_lines(t: &report::TableThree) -> Vec<ReportLine> {
    let mut lines = vec![
        ReportLine {
            group: "一、本年新收政府信息公开申请数量".into(),
            label: String::new(),
            counts: t.new,
            strong: true,
        },
        ReportLine {
            group: "二、上年结转政府信息公开申请数量".into(),
            label: String::new(),
            counts: t.carried_in,
            strong: true,
        },
    ];
    let mut last_group = "";
    for (r, c) in &t.results {
        let (n, g) = r.group();
        if n != last_group {
            let label = r.label();
            if label.is_empty() {
                lines.push(ReportLine {
                    group: format!("三、本年度办理结果 {n}{g}"),
                    label: String::new(),
                    counts: *c,
                    strong: false,
                });
                last_group = n;
                continue;
            }
            let mut sum = [0; 7];
            for (r2, c2) in &t.results {
                if r2.group().0 == n {
                    for i in 0..7 {
                        sum[i] += c2[i];
                    }
                }
            }
            lines.push(ReportLine {
                group: format!("三、本年度办理结果 {n}{g}"),
                label: "小计".into(),
                counts: sum,
                strong: false,
            });
            last_group = n;
        }
        if !r.label().is_empty() {
            lines.push(ReportLine {
                group: String::new(),
                label: r.label(),
                counts: *c,
                strong: false,
            });
        }
    }
    lines.push(ReportLine {
        group: "三、本年度办理结果 （七）总计".into(),
        label: String::new(),
        counts: t.total,
        strong: true,
    });
    lines.push(ReportLine {
        group: "四、结转下年度继续办理".into(),
        label: String::new(),
        counts: t.carried_out,
        strong: true,
    });
    lines
}

pub async fn report_page(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let year = q
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&crate::clock::today()));
    let facts = store::report_facts(&state.db, year, None).await?;
    let t = report::table_three(year, &facts);
    render(&ReportPage {
        layout,
        year,
        columns: COLUMNS,
        lines: report_lines(&t),
        violations: t.violations.iter().map(|i| COLUMNS[*i]).collect(),
        anomalies: t.anomalies,
    })
}

pub async fn report_xlsx(
    State(state): State<AppState>,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let year = q
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&crate::clock::today()));
    let t = report::table_three(year, &store::report_facts(&state.db, year, None).await?);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold();
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!(e));
    ws.write_string_with_format(
        0,
        0,
        format!("三、收到和处理政府信息公开申请情况（{year}年）"),
        &bold,
    )
    .map_err(x)?;
    ws.write_string(1, 0, "项目").map_err(x)?;
    ws.write_string(1, 1, "").map_err(x)?;
    for (i, c) in COLUMNS.iter().enumerate() {
        ws.write_string(1, (i + 2) as u16, *c).map_err(x)?;
    }
    for (r, line) in report_lines(&t).iter().enumerate() {
        let row = (r + 2) as u32;
        ws.write_string(row, 0, &line.group).map_err(x)?;
        ws.write_string(row, 1, &line.label).map_err(x)?;
        for (i, n) in line.counts.iter().enumerate() {
            ws.write_number(row, (i + 2) as u16, *n as f64).map_err(x)?;
        }
    }
    ws.set_column_width(0, 40).map_err(x)?;
    ws.set_column_width(1, 50).map_err(x)?;
    let bytes = wb.save_to_buffer().map_err(x)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"foi-table3-{year}.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
