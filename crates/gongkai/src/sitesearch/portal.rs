//! The search page (one box on every portal page, tabs per type) and `/api/v1/search`.

use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::state::AppState;
use crate::web::{Layout, render};

pub const KINDS: [&str; 7] = ["文件", "解读", "法规", "处罚", "抽查", "留言", "访谈"];

#[derive(Deserialize, utoipa::IntoParams, Default, Clone)]
pub struct SearchQuery {
    /// 关键词；用英文或中文引号括起的词组须完全匹配
    #[serde(default)]
    pub q: String,
    /// 文件 | 解读 | 法规 | 处罚 | 抽查 | 留言 | 访谈
    pub kind: Option<String>,
    /// 年份（发布、公布或决定日期）
    pub year: Option<String>,
    /// 主题分类
    pub topic: Option<String>,
    /// 发文机构 / 执法机关
    pub issuer: Option<String>,
    /// 法规层级（法律、行政法规、地方性法规…）或违法类型
    pub level: Option<String>,
    /// 适用地区（全国、上海、山东…）
    pub region: Option<String>,
    /// law：同一法规的条款合并为一条结果（最相关的条款在前，其余计数列出）。
    /// 搜索页默认合并；none：不合并
    pub group: Option<String>,
    /// 1：不含已失效、已废止的文本
    pub current: Option<String>,
    /// date：按日期从新到旧
    pub sort: Option<String>,
    pub page: Option<i64>,
}

/// One search result.
#[derive(Serialize, utoipa::ToSchema, Clone)]
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
    /// 日期（YYYYMMDD，未知为 0）
    pub date: u64,
    /// 适用地区（法规；其他类型为空）
    pub region: String,
    /// 按法规合并时：同一法规其余相关条款的条数
    pub more: usize,
    /// 按法规合并时：同一法规其余相关条款（最多 5 条）
    pub related: Vec<RelatedHit>,
}

/// 同一法规的另一相关条款。
#[derive(Serialize, utoipa::ToSchema, Clone)]
pub struct RelatedHit {
    /// 条号
    pub number: String,
    pub url: String,
    /// 含 <b> 标记的摘要（已转义）
    pub snippet: String,
}

/// 各分面每个取值的命中数；每个分面按其余筛选条件计数。
#[derive(Serialize, utoipa::ToSchema, Default, Clone)]
pub struct SearchFacets {
    /// 类型
    pub kind: std::collections::BTreeMap<String, usize>,
    /// 年份
    pub year: std::collections::BTreeMap<String, usize>,
    /// 主题分类
    pub topic: std::collections::BTreeMap<String, usize>,
    /// 发文机构 / 执法机关
    pub issuer: std::collections::BTreeMap<String, usize>,
    /// 法规层级 / 违法类型
    pub level: std::collections::BTreeMap<String, usize>,
    /// 有效性：有效 / 失效
    pub validity: std::collections::BTreeMap<String, usize>,
    /// 适用地区
    pub region: std::collections::BTreeMap<String, usize>,
}

#[derive(Serialize, utoipa::ToSchema, Clone)]
pub struct SearchResults {
    pub total: usize,
    pub page: i64,
    pub hits: Vec<SearchHit>,
    /// 各分面的命中数
    pub facets: SearchFacets,
    /// 引号词组的候选过多时为 false，此时总数为下限
    pub exact: bool,
    /// 无结果时可尝试的关键词
    pub suggestions: Vec<String>,
    /// 按错别字纠正后检索的词（如“占到经营”按“占道经营”）
    pub corrected: Vec<String>,
    /// 按法规合并时的结果条数（法规数，分页按此计）；不合并时同 total
    pub groups: usize,
    /// 按原词命中太少，已放宽（去掉信息量最小的词，再任一词命中）；命中词多的仍在前
    pub relaxed: bool,
}

const PAGE_SIZE: usize = 10;

pub(crate) async fn run(
    state: &AppState,
    q: &SearchQuery,
    group: bool,
) -> Result<SearchResults, AppError> {
    let Some(s) = crate::sitesearch::index(state) else {
        return Err(AppError::Conflict("搜索服务正在启动，请稍后再试".into()));
    };
    let asked = Asked::new(state, &s, q, group);
    let r = match asked.kept(state) {
        Some(r) => r,
        None => {
            // The engine works on a blocking thread (a search never holds up the
            // pages the runtime's workers serve meanwhile), one search per core at a
            // time, in the order they came: on two cores, 32 searches at once would
            // each take 16 times as long, and a long one longer still.
            let slots = state.part::<SearchSlots>();
            let _slot = slots.0.acquire().await.map_err(anyhow::Error::from)?;
            let (state, q) = (state.clone(), q.clone());
            tokio::task::spawn_blocking(move || asked.answer(&state, &q))
                .await
                .map_err(anyhow::Error::from)??
        }
    };
    if !q.q.trim().is_empty() && q.page.unwrap_or(1) <= 1 {
        super::admin::log_query(
            state,
            q.q.trim(),
            // Only a known type is logged, never what was typed in its place.
            q.kind
                .as_deref()
                .filter(|k| KINDS.contains(k))
                .unwrap_or(""),
            r.total,
        );
    }
    Ok(r)
}

/// The engine's query for the parameters of the page or the API on a site of
/// `site_region`, grouping by law when `group` (the page unless `group=none`; the API
/// with `group=law`). `gongkai bench search` asks through this too.
pub fn engine_query(q: &SearchQuery, site_region: &str, group: bool) -> search::Query {
    let page = q.page.unwrap_or(1).clamp(1, 100);
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| v.chars().take(100).collect::<String>())
    };
    search::Query {
        text: q.q.clone(),
        kind: q.kind.clone().filter(|k| KINDS.contains(&k.as_str())),
        year: given(&q.year).and_then(|y| y.parse().ok()),
        topic: given(&q.topic),
        issuer: given(&q.issuer),
        level: given(&q.level),
        region: given(&q.region),
        home: crate::laws::region::home(site_region, &q.q),
        group,
        exclude_lapsed: q.current.as_deref() == Some("1"),
        newest_first: q.sort.as_deref() == Some("date"),
        offset: (page as usize - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
    }
}

/// The engine's results as the API gives them.
pub fn results(r: search::Results, page: i64) -> SearchResults {
    SearchResults {
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
                date: h.date,
                region: h.region,
                more: h.more,
                related: h
                    .related
                    .into_iter()
                    .map(|a| RelatedHit {
                        number: a.number,
                        url: a.url,
                        snippet: a.snippet,
                    })
                    .collect(),
            })
            .collect(),
        facets: SearchFacets {
            kind: r.facets.kind,
            year: r.facets.year,
            topic: r.facets.topic,
            issuer: r.facets.issuer,
            level: r.facets.level,
            validity: r.facets.validity,
            region: r.facets.region,
        },
        exact: r.exact,
        suggestions: r.suggestions,
        corrected: r.corrected,
        groups: r.groups,
        relaxed: r.relaxed,
    }
}

/// A search as asked: the engine's query and the key of its answer in the
/// [`ResultCache`].
struct Asked {
    generation_of_index: std::sync::Arc<crate::sitesearch::Generation>,
    query: search::Query,
    key: String,
    generation: u64,
    keep: bool,
}

impl Asked {
    fn new(
        state: &AppState,
        s: &crate::sitesearch::SiteSearch,
        q: &SearchQuery,
        group: bool,
    ) -> Asked {
        let query = engine_query(q, &state.site.region, group);
        // The same question in the same state of the index has the same answer: the
        // results are kept while nothing changed (the page cache's generation, moved
        // by every write on this node and every sync that brought changes).
        // Off with the page cache (`cache.page_cache_bytes = 0`).
        let g = s.current();
        let key = {
            let cursor = g.cursor.lock().map(|c| c.clone()).unwrap_or_default();
            format!("{}|{cursor:?}|{query:?}", g.name)
        };
        Asked {
            generation_of_index: g,
            query,
            key,
            generation: crate::web::pagecache::pages(state).generation(),
            keep: state.settings.cache.page_cache_bytes > 0,
        }
    }

    /// The answer kept from an earlier search, if any.
    fn kept(&self, state: &AppState) -> Option<SearchResults> {
        if !self.keep {
            return None;
        }
        state.part::<ResultCache>().get(&self.key, self.generation)
    }

    /// Ask the index, and keep the answer.
    fn answer(self, state: &AppState, q: &SearchQuery) -> Result<SearchResults, AppError> {
        let page = q.page.unwrap_or(1).clamp(1, 100);
        let r = self
            .generation_of_index
            .index
            .search(&self.query)
            .map_err(anyhow::Error::from)?;
        let r = results(r, page);
        if self.keep {
            state
                .part::<ResultCache>()
                .put(self.key, self.generation, r.clone());
        }
        Ok(r)
    }
}

/// One search at a time per core (see [`run`]); fair, so first come first served.
pub struct SearchSlots(tokio::sync::Semaphore);

impl Default for SearchSlots {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        SearchSlots(tokio::sync::Semaphore::new(cores))
    }
}

/// Results of recent searches on this node, for the generation they were found in.
#[derive(Default)]
pub struct ResultCache(std::sync::Mutex<std::collections::HashMap<String, (u64, SearchResults)>>);

/// Searches kept at most (a few tens of kB each: with the facet lists, up to ~8 MB
/// in all; 2 000 could hold 60 MB beside the page cache's budget).
const RESULTS_KEPT: usize = 256;

impl ResultCache {
    fn get(&self, key: &str, generation: u64) -> Option<SearchResults> {
        let m = self.0.lock().ok()?;
        m.get(key)
            .filter(|(g, _)| *g == generation)
            .map(|(_, r)| r.clone())
    }

    fn put(&self, key: String, generation: u64, r: SearchResults) {
        if let Ok(mut m) = self.0.lock() {
            if m.len() >= RESULTS_KEPT || m.values().next().is_some_and(|(g, _)| *g != generation) {
                m.clear();
            }
            m.insert(key, (generation, r));
        }
    }
}

/// Search everything public, with the portal's filters.
#[utoipa::path(get, path = "/api/v1/search", tag = "search", params(SearchQuery),
    responses((status = 200, body = SearchResults), (status = 409, body = crate::api::ErrorBody, description = "索引尚未就绪")))]
pub async fn api(
    State(state): State<AppState>,
    Query(q): Query<SearchQuery>,
) -> Result<Json<SearchResults>, AppError> {
    let group = q.group.as_deref() == Some("law");
    Ok(Json(run(&state, &q, group).await?))
}

/// One facet of the results page: its values as links that set or clear it.
struct FacetGroup {
    label: &'static str,
    selected: String,
    /// (value, count, link)
    values: Vec<(String, usize, String)>,
    clear: String,
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
    /// (label, count, link, selected)
    tabs: Vec<(&'static str, usize, String, bool)>,
    all: (usize, String),
    groups: Vec<FacetGroup>,
    /// Hidden fields keeping the facet filters when the form is sent again.
    hidden: Vec<(&'static str, String)>,
    prev: String,
    next: String,
    current_count: usize,
}

/// The page's parameters, to build links that change one of them.
struct Params(Vec<(&'static str, String)>);

impl Params {
    fn link(&self, key: &str, value: &str) -> String {
        let mut out = String::from("/search?");
        let mut first = true;
        let mut push = |k: &str, v: &str| {
            if !v.is_empty() {
                if !first {
                    out.push('&');
                }
                first = false;
                out.push_str(k);
                out.push('=');
                out.push_str(&crate::audit::admin::percent_encode(v));
            }
        };
        for (k, v) in &self.0 {
            if *k != key && *k != "page" {
                push(k, v);
            }
        }
        push(key, value);
        out
    }
}

pub async fn page(
    State(state): State<AppState>,
    mut layout: Layout,
    Query(q): Query<SearchQuery>,
) -> Result<Response, AppError> {
    let text: String = q.q.trim().chars().take(100).collect();
    layout.query = text.clone();
    let kind = q
        .kind
        .clone()
        .filter(|k| KINDS.contains(&k.as_str()))
        .unwrap_or_default();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default().trim().to_string();
    let params = Params(vec![
        ("q", text.clone()),
        ("kind", kind.clone()),
        ("year", opt(&q.year)),
        ("topic", opt(&q.topic)),
        ("issuer", opt(&q.issuer)),
        ("level", opt(&q.level)),
        ("region", opt(&q.region)),
        (
            "group",
            if q.group.as_deref() == Some("none") {
                "none"
            } else {
                ""
            }
            .into(),
        ),
        (
            "current",
            if q.current.as_deref() == Some("1") {
                "1"
            } else {
                ""
            }
            .into(),
        ),
        (
            "sort",
            if q.sort.as_deref() == Some("date") {
                "date"
            } else {
                ""
            }
            .into(),
        ),
    ]);
    let mut page = SearchPage {
        layout,
        q: text.clone(),
        kind: kind.clone(),
        current: q.current.as_deref() == Some("1"),
        by_date: q.sort.as_deref() == Some("date"),
        results: None,
        error: String::new(),
        tabs: Vec::new(),
        all: (0, params.link("kind", "")),
        groups: Vec::new(),
        hidden: params
            .0
            .iter()
            .filter(|(k, v)| {
                [
                    "kind", "year", "topic", "issuer", "level", "region", "group",
                ]
                .contains(k)
                    && !v.is_empty()
            })
            .map(|(k, v)| (*k, v.clone()))
            .collect(),
        prev: String::new(),
        next: String::new(),
        current_count: 0,
    };
    if !text.is_empty() {
        let group = q.group.as_deref() != Some("none");
        match run(&state, &q, group).await {
            Ok(r) => {
                page.tabs = KINDS
                    .iter()
                    .map(|k| {
                        (
                            *k,
                            r.facets.kind.get(*k).copied().unwrap_or(0),
                            params.link("kind", k),
                            kind == *k,
                        )
                    })
                    .collect();
                page.all.0 = r.facets.kind.values().sum();
                page.current_count = r.facets.validity.get("有效").copied().unwrap_or(0);
                let (issuer_label, level_label) = match kind.as_str() {
                    "处罚" => ("执法机关", "违法类型"),
                    "法规" => ("发文机构", "法规层级"),
                    "抽查" => ("区", "检查结果"),
                    "留言" => ("答复单位", "留言类型"),
                    "访谈" => ("主办单位", "类别"),
                    _ => ("发文机构 / 执法机关", "类别"),
                };
                for (key, label, counts, newest_first) in [
                    ("year", "年份", &r.facets.year, true),
                    ("topic", "主题分类", &r.facets.topic, false),
                    ("issuer", issuer_label, &r.facets.issuer, false),
                    ("level", level_label, &r.facets.level, false),
                    ("region", "适用地区", &r.facets.region, false),
                ] {
                    let selected = params
                        .0
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default();
                    let mut values: Vec<(String, usize)> =
                        counts.iter().map(|(v, n)| (v.clone(), *n)).collect();
                    if newest_first {
                        values.reverse();
                    } else {
                        values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    }
                    values.truncate(12);
                    if values.is_empty() && selected.is_empty() {
                        continue;
                    }
                    page.groups.push(FacetGroup {
                        label,
                        values: values
                            .into_iter()
                            .map(|(v, n)| {
                                let link = params.link(key, &v);
                                (v, n, link)
                            })
                            .collect(),
                        selected,
                        clear: params.link(key, ""),
                    });
                }
                let this = r.page;
                if this > 1 {
                    page.prev = format!("{}&page={}", params.link("page", ""), this - 1);
                }
                if (this as usize) * PAGE_SIZE < r.groups && this < 100 {
                    page.next = format!("{}&page={}", params.link("page", ""), this + 1);
                }
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

/// A result link: records the click-through, then goes to the address of a search
/// hit (a public page of an indexed kind); anything else is 404.
pub async fn go(State(state): State<AppState>, Query(g): Query<Go>) -> Result<Response, AppError> {
    let to = g.to.unwrap_or_default();
    // Only a plain site path (no control characters, no `//host`) of a kind the index
    // holds: the addresses `sources` gives its hits, nothing else on the site.
    let Some(path) = crate::web::safe_return_path(&to).filter(|p| super::sources::is_hit_url(p))
    else {
        return Err(AppError::NotFound);
    };
    if let Some(q) = g.q.as_deref().filter(|q| !q.trim().is_empty()) {
        super::admin::flush_log(&state).await;
        super::admin::log_click(&state.db, q.trim(), path).await;
    }
    Ok(axum::response::Redirect::to(path).into_response())
}
