//! The search page (one box on every portal page, tabs per type) and `/api/v1/search`.

use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::error::AppError;
use crate::web::{Layout, render};

pub const KINDS: [&str; 3] = ["文件", "解读", "法规"];

#[derive(Deserialize, utoipa::IntoParams, Default)]
pub struct SearchQuery {
    /// 关键词；用英文或中文引号括起的词组须完全匹配
    #[serde(default)]
    pub q: String,
    /// 文件 | 解读 | 法规
    pub kind: Option<String>,
    /// 1：不含已失效、已废止的文本
    pub current: Option<String>,
    /// date：按日期从新到旧
    pub sort: Option<String>,
    pub page: Option<i64>,
}

/// One search result.
#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchHit {
    pub kind: String,
    pub title: String,
    /// 文号，或法规的条号与章节
    pub number: String,
    pub url: String,
    /// 含 <b> 标记的摘要（已转义）
    pub snippet: String,
    /// 已失效或已废止
    pub lapsed: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    pub total: usize,
    pub page: i64,
    pub hits: Vec<SearchHit>,
    /// 各类型的命中数
    pub facets: std::collections::BTreeMap<String, usize>,
    /// 无结果时可尝试的关键词
    pub suggestions: Vec<String>,
}

const PAGE_SIZE: usize = 10;

async fn run(state: &AppState, q: &SearchQuery) -> Result<SearchResults, AppError> {
    let r = run_query(state, q)?;
    if !q.q.trim().is_empty() && q.page.unwrap_or(1) <= 1 {
        super::admin::log_query(
            &state.db,
            q.q.trim(),
            q.kind.as_deref().unwrap_or(""),
            r.total,
        )
        .await;
    }
    Ok(r)
}

fn run_query(state: &AppState, q: &SearchQuery) -> Result<SearchResults, AppError> {
    let page = q.page.unwrap_or(1).clamp(1, 100);
    let Some(s) = state.search.get() else {
        return Err(AppError::Conflict("搜索服务正在启动，请稍后再试".into()));
    };
    let query = search::Query {
        text: q.q.clone(),
        kind: q.kind.clone().filter(|k| KINDS.contains(&k.as_str())),
        exclude_lapsed: q.current.as_deref() == Some("1"),
        newest_first: q.sort.as_deref() == Some("date"),
        offset: (page as usize - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    };
    let r = s.index.search(&query).map_err(anyhow::Error::from)?;
    Ok(SearchResults {
        total: r.total,
        page,
        hits: r
            .hits
            .into_iter()
            .map(|h| SearchHit {
                kind: h.kind,
                title: h.title,
                number: h.number,
                url: h.url,
                snippet: h.snippet,
                lapsed: h.lapsed,
            })
            .collect(),
        facets: r.facets,
        suggestions: r.suggestions,
    })
}

/// Search everything public, with the portal's filters.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 409, body = crate::api::ErrorBody, description = "索引尚未就绪")))]
pub async fn api(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> Result<Json<SearchResults>, AppError> {
    Ok(Json(run(&state, &q).await?))
}

#[derive(Template)]
#[template(path = "sitesearch/templates/search.html")]
struct SearchPage {
    layout: Layout,
    q: String,
    kind: String,
    current: bool,
    by_date: bool,
    results: Option<SearchResults>,
    error: String,
    tabs: Vec<(&'static str, usize)>,
    all: usize,
    base: String,
}

pub async fn page(
    State(state): State<AppState>,
    mut layout: Layout,
    Query(q): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let text: String = q.q.trim().chars().take(100).collect();
    layout.query = text.clone();
    let mut page = SearchPage {
        layout,
        q: text.clone(),
        kind: q
            .kind
            .clone()
            .filter(|k| KINDS.contains(&k.as_str()))
            .unwrap_or_default(),
        current: q.current.as_deref() == Some("1"),
        by_date: q.sort.as_deref() == Some("date"),
        results: None,
        error: String::new(),
        tabs: Vec::new(),
        all: 0,
        base: String::new(),
    };
    page.base = format!(
        "q={}{}{}",
        crate::audit::web::percent_encode(&text),
        if page.current { "&current=1" } else { "" },
        if page.by_date { "&sort=date" } else { "" }
    );
    if !text.is_empty() {
        match run(&state, &q).await {
            Ok(r) => {
                page.tabs = KINDS
                    .iter()
                    .map(|k| (*k, r.facets.get(*k).copied().unwrap_or(0)))
                    .collect();
                page.all = r.facets.values().sum();
                page.results = Some(r);
            }
            Err(AppError::Conflict(m)) => page.error = m,
            Err(e) => return Err(e),
        }
    }
    render(&page)
}

#[derive(Deserialize)]
pub struct Go {
    pub q: Option<String>,
    pub to: Option<String>,
}

/// A result link: records the click-through, then goes to the (site-local) address.
pub async fn go(State(state): State<AppState>, Query(g): Query<Go>) -> Result<Response, AppError> {
    let to = g.to.unwrap_or_default();
    let Some(path) = crate::web::safe_return_path(&to) else {
        return Err(AppError::NotFound);
    };
    if let Some(q) = g.q.as_deref().filter(|q| !q.trim().is_empty()) {
        super::admin::log_click(&state.db, q.trim(), path).await;
    }
    Ok(axum::response::Redirect::to(path).into_response())
}
