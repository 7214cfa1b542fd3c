//! Back office of 网站巡检: the runs (history), one run's findings (new failures
//! first) and its .xlsx, starting a run, the column rules.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use super::model::{Source, Unit};
use super::service;
use super::store::{self, ColumnInput, ColumnRow, FindingRow, RunRow};
use crate::auth::Staff;
use crate::db::Page;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::form::Fields;
use crate::web::{Choice, Layout, PageQuery, Pager, choices_selected, render};

pub struct RunView {
    pub id: i64,
    pub trigger: &'static str,
    pub started: String,
    pub finished: String,
    pub pages: i64,
    pub links: i64,
    pub externals: i64,
    pub failures: i64,
    pub new_failures: i64,
    pub warnings: i64,
    pub note: String,
}

fn view(r: &RunRow) -> RunView {
    RunView {
        id: r.id,
        trigger: if r.trigger_kind == "manual" {
            "手动"
        } else {
            "每日"
        },
        started: crate::clock::fmt_local(&r.started_at),
        finished: r
            .finished_at
            .map(|t| crate::clock::fmt_local(&t))
            .unwrap_or_else(|| "排队或运行中".into()),
        pages: r.pages,
        links: r.links,
        externals: r.externals,
        failures: r.failures,
        new_failures: r.new_failures,
        warnings: r.warnings,
        note: r.note.clone(),
    }
}

#[derive(Template)]
#[template(path = "sitecheck/templates/runs.html")]
struct RunsPage {
    layout: Layout,
    runs: Vec<RunView>,
    pager: Pager,
    msg: String,
}

pub async fn runs(
    State(state): State<AppState>,
    layout: Layout,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let page = Page::new(q.page, None);
    let (rows, total) = store::runs(&state.db, page).await?;
    render(&RunsPage {
        layout,
        runs: rows.iter().map(view).collect(),
        pager: Pager::checked(page, total, String::new())?,
        msg: q.msg.unwrap_or_default(),
    })
}

pub async fn start(
    State(state): State<AppState>,
    Staff(user): Staff,
) -> Result<Response, AppError> {
    let id = service::queue_run(&state, &user.actor()).await?;
    Ok(Redirect::to(&format!("/admin/sitecheck?msg=已排队巡检第{id}次")).into_response())
}

pub struct FindingView {
    pub kind: &'static str,
    pub failure: bool,
    pub is_new: bool,
    pub url: String,
    pub page: String,
    pub detail: String,
}

fn finding_view(f: &FindingRow) -> FindingView {
    FindingView {
        kind: f.kind.label(),
        failure: f.kind.is_failure(),
        is_new: f.is_new && f.kind.is_failure(),
        url: f.url.clone(),
        page: f.page.clone(),
        detail: f.detail.clone(),
    }
}

#[derive(Template)]
#[template(path = "sitecheck/templates/run.html")]
struct RunPage {
    layout: Layout,
    run: RunView,
    findings: Vec<FindingView>,
    pager: Pager,
    /// Open 找错 reports per page, with this run's findings for the page.
    reports: Vec<service::ReportGroup>,
}

pub async fn run(
    State(state): State<AppState>,
    layout: Layout,
    Path(id): Path<i64>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    let r = store::run(&state.db, id).await.map_err(not_found)?;
    let page = Page::new(q.page, Some(50));
    let (rows, total) = store::findings(&state.db, id, page).await?;
    render(&RunPage {
        layout,
        run: view(&r),
        findings: rows.iter().map(finding_view).collect(),
        pager: Pager::checked(page, total, String::new())?,
        reports: service::open_reports(&state, id).await?,
    })
}

fn not_found(e: sqlx::Error) -> AppError {
    match e {
        sqlx::Error::RowNotFound => AppError::NotFound,
        e => AppError::Internal(e.into()),
    }
}

pub async fn export(
    State(state): State<AppState>,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    store::run(&state.db, id).await.map_err(not_found)?;
    let rows = store::all_findings(&state.db, id).await?;
    let x = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!(e));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let bold = Format::new().set_bold();
    for (i, h) in ["类型", "性质", "本次新发现", "地址", "所在页面", "说明"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, i as u16, *h, &bold)
            .map_err(x)?;
    }
    for (r, f) in rows.iter().enumerate() {
        let row = (r + 1) as u32;
        let v = finding_view(f);
        ws.write_string(row, 0, v.kind).map_err(x)?;
        ws.write_string(row, 1, if v.failure { "不合格项" } else { "提示" })
            .map_err(x)?;
        ws.write_string(row, 2, if v.is_new { "是" } else { "" })
            .map_err(x)?;
        ws.write_string(row, 3, &v.url).map_err(x)?;
        ws.write_string(row, 4, &v.page).map_err(x)?;
        ws.write_string(row, 5, &v.detail).map_err(x)?;
    }
    ws.set_column_width(3, 60).map_err(x)?;
    ws.set_column_width(4, 40).map_err(x)?;
    ws.set_column_width(5, 50).map_err(x)?;
    let bytes = wb.save_to_buffer().map_err(x)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"sitecheck-{id}.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

pub struct ColumnView {
    pub row: ColumnRow,
    pub last: String,
    pub state: String,
    pub failing: bool,
    pub units: Vec<Choice>,
    pub sources: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "sitecheck/templates/columns.html")]
struct ColumnsPage {
    layout: Layout,
    columns: Vec<ColumnView>,
    units: Vec<Choice>,
    sources: Vec<Choice>,
    error: String,
}

async fn columns_page(
    state: &AppState,
    layout: Layout,
    error: String,
) -> Result<Response, AppError> {
    let today = crate::clock::today();
    let mut columns = Vec::new();
    for c in store::columns(&state.db).await? {
        let last = store::last_update(&state.db, &c).await?;
        let (st, failing) = match super::model::freshness(c.rule(), last, today) {
            super::model::Freshness::Fresh { until } => (format!("正常（{until}前需更新）"), false),
            super::model::Freshness::Stale { since } => {
                (format!("未按期更新（自{since}起）"), true)
            }
            super::model::Freshness::Empty => ("栏目为空".to_string(), true),
        };
        columns.push(ColumnView {
            last: last.map(|d| d.to_string()).unwrap_or_else(|| "无".into()),
            state: if c.active { st } else { "不检查".into() },
            failing: failing && c.active,
            units: choices_selected(Unit::ALL, Unit::code, Unit::label, c.every_unit.code()),
            sources: choices_selected(Source::ALL, Source::code, Source::label, c.source.code()),
            row: c,
        });
    }
    render(&ColumnsPage {
        layout,
        columns,
        units: choices_selected(Unit::ALL, Unit::code, Unit::label, "month"),
        sources: choices_selected(Source::ALL, Source::code, Source::label, "doc_topic"),
        error,
    })
}

pub async fn columns(State(state): State<AppState>, layout: Layout) -> Result<Response, AppError> {
    columns_page(&state, layout, String::new()).await
}

fn column_input(f: &Fields) -> Result<ColumnInput, String> {
    let name = f.get("name");
    let path = f.get("path");
    if name.is_empty() || name.chars().count() > 60 {
        return Err("请填写栏目名称（60字以内）".into());
    }
    if !path.starts_with('/') || path.len() > 300 {
        return Err("栏目地址应为以 / 开头的站内地址".into());
    }
    let every_n: i64 = f
        .get("every_n")
        .parse()
        .ok()
        .filter(|n| (1..=1000).contains(n))
        .ok_or("更新周期应为 1 至 1000 的整数")?;
    let every_unit = Unit::parse(&f.get("every_unit")).ok_or("请选择周期单位")?;
    let source = Source::parse(&f.get("source")).ok_or("请选择内容来源")?;
    let source_ref = f.get("source_ref");
    if source == Source::DocTopic && source_ref.parse::<i64>().is_err() {
        return Err("来源为主题分类时，请填写主题分类编号".into());
    }
    Ok(ColumnInput {
        name,
        path,
        source,
        source_ref,
        every_n,
        every_unit,
        active: f.checked("active"),
    })
}

pub async fn add_column(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    f: Fields,
) -> Result<Response, AppError> {
    match column_input(&f) {
        Ok(c) => {
            service::save_column(&state.db, None, &c, &user.actor()).await?;
            Ok(Redirect::to("/admin/sitecheck/columns").into_response())
        }
        Err(e) => columns_page(&state, layout, e).await,
    }
}

pub async fn save_column(
    State(state): State<AppState>,
    layout: Layout,
    Staff(user): Staff,
    Path(id): Path<i64>,
    f: Fields,
) -> Result<Response, AppError> {
    match column_input(&f) {
        Ok(c) => {
            service::save_column(&state.db, Some(id), &c, &user.actor())
                .await
                .map_err(|e| AppError::Conflict(e.to_string()))?;
            Ok(Redirect::to("/admin/sitecheck/columns").into_response())
        }
        Err(e) => columns_page(&state, layout, e).await,
    }
}

/// For the dashboard: the last run's failures, when there are any.
pub async fn failing_summary(state: &AppState) -> sqlx::Result<Option<(i64, i64, i64)>> {
    Ok(store::last_finished(&state.db)
        .await?
        .filter(|r| r.failures > 0)
        .map(|r| (r.id, r.failures, r.new_failures)))
}

/// The last finished run's content warnings (run, all, unmasked personal data),
/// when there are any.
pub async fn content_summary(state: &AppState) -> sqlx::Result<Option<(i64, i64, i64)>> {
    let Some(r) = store::last_finished(&state.db).await? else {
        return Ok(None);
    };
    let (all, personal) = store::content_counts(&state.db, r.id).await?;
    Ok((all > 0).then_some((r.id, all, personal)))
}
