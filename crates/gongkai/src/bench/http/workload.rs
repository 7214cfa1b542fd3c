//! The pages a run asks for and how often.

use super::*;

/// The queries the search rows cycle through (so that no single query is measured
/// alone): common words, a typo, rarer phrases.
pub const QUERIES: [&str; 12] = [
    "占道经营",
    "行政处罚",
    "违法建筑",
    "城市管理",
    "信息公开",
    "罚款",
    "噪声",
    "户外广告",
    "生活垃圾",
    "执法公示",
    "占到经营",
    "随机抽查",
];

/// Second words for searches nobody has made before in a run: each request of the
/// `SearchNew` row pairs a query of [`QUERIES`] with one of these, so no cache (the
/// page cache, the result cache) has its answer (720 pairs; a 5-second row at 1M
/// documents asks a few hundred).
pub const SECOND: [&str; 60] = [
    "通知", "决定", "规定", "办法", "意见", "公告", "处罚", "整治", "管理", "检查", "街道", "市容",
    "环境", "卫生", "执法", "许可", "建筑", "道路", "停车", "广告", "垃圾", "噪声", "扬尘", "绿化",
    "占道", "摊贩", "餐饮", "油烟", "渣土", "施工", "违法", "拆除", "公示", "抽查", "信用", "投诉",
    "举报", "答复", "年度", "报告", "工作", "要点", "计划", "方案", "标准", "规范", "细则", "实施",
    "暂行", "修订", "废止", "解读", "政策", "服务", "便民", "社区", "物业", "燃气", "供水", "排水",
];

/// The page types of the benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `/xxgk/documents/{id}`, a random id.
    Document,
    /// `/xxgk/proactive?page=N`, a random page.
    List,
    /// `/xxgk/proactive?genre=…&year=…`, random filters.
    ListFiltered,
    /// `/search?q=…`, the next query of the cycle.
    Search,
    /// `/search?q=… …`, a query of the cycle with a second word: a search not made
    /// before in the run, answered by the index, not by a cache.
    SearchNew,
    /// `/laws/{id}`, a random law.
    Law,
}

impl Page {
    pub(super) fn short(self) -> &'static str {
        match self {
            Page::Document => "文件页",
            Page::List => "列表",
            Page::ListFiltered => "筛选列表",
            Page::Search => "搜索",
            Page::SearchNew => "新搜索",
            Page::Law => "法规页",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Page::Document => "文件页（随机 id）",
            Page::List => "列表页（随机页码）",
            Page::ListFiltered => "筛选列表（体裁+年份）",
            Page::Search => "搜索（12 词轮换）",
            Page::SearchNew => "搜索（每次新词组）",
            Page::Law => "法规页（随机）",
        }
    }
}

/// What the workload draws from: the published documents, the laws, the list's
/// page count and the search queries.
pub struct Workload {
    pub doc_ids: Vec<i64>,
    pub law_ids: Vec<i64>,
    /// Pages of `/xxgk/proactive` (20 documents a page), at least 1.
    pub pages: usize,
    pub genres: Vec<&'static str>,
    pub years: (i32, i32),
}

impl Workload {
    /// The mix of the mixed phase, as (page type, weight): half document pages, a
    /// quarter lists, the rest search and laws (laws only when there are some).
    pub fn mix(&self) -> Vec<(Page, u32)> {
        let mut m = vec![
            (Page::Document, 50),
            (Page::List, 15),
            (Page::ListFiltered, 10),
            (Page::Search, 15),
        ];
        if !self.law_ids.is_empty() {
            m.push((Page::Law, 10));
        }
        m
    }

    /// The page types measured one by one (laws only when there are some).
    pub fn pages(&self) -> Vec<Page> {
        let mut p = vec![
            Page::Document,
            Page::List,
            Page::ListFiltered,
            Page::Search,
            Page::SearchNew,
        ];
        if !self.law_ids.is_empty() {
            p.push(Page::Law);
        }
        p
    }

    /// The path of one request of a page type; `n` counts the requests of the
    /// caller (the search cycle follows it).
    pub fn path(&self, page: Page, rng: &mut Rng, n: usize) -> String {
        match page {
            Page::Document => format!(
                "/xxgk/documents/{}",
                self.doc_ids[rng.below(self.doc_ids.len())]
            ),
            // Readers page through the first pages far more than the last: the first
            // 500 pages, as `bench docs`.
            Page::List => format!(
                "/xxgk/proactive?page={}",
                1 + rng.below(self.pages.min(500))
            ),
            Page::ListFiltered => {
                let genre = self.genres[rng.below(self.genres.len())];
                let span = (self.years.1 - self.years.0 + 1).max(1) as usize;
                let year = self.years.0 + rng.below(span) as i32;
                // Pages 1–3, as far as a filter of this size has them (a page past
                // the last answers 404).
                let per_filter = self.doc_ids.len() / (self.genres.len().max(1) * span * 20);
                let page = 1 + rng.below(per_filter.clamp(1, 3));
                format!("/xxgk/proactive?genre={genre}&year={year}&page={page}")
            }
            Page::Search => format!("/search?q={}", urlencoding(QUERIES[n % QUERIES.len()])),
            Page::SearchNew => format!(
                "/search?q={}",
                urlencoding(&format!(
                    "{} {}",
                    QUERIES[n % QUERIES.len()],
                    SECOND[(n / QUERIES.len()) % SECOND.len()]
                ))
            ),
            Page::Law => format!("/laws/{}", self.law_ids[rng.below(self.law_ids.len())]),
        }
    }
}

/// Draw a page type from a weighted mix.
pub fn pick(mix: &[(Page, u32)], rng: &mut Rng) -> Page {
    let total: u32 = mix.iter().map(|(_, w)| *w).sum();
    let mut r = rng.below(total.max(1) as usize) as u32;
    for (p, w) in mix {
        if r < *w {
            return *p;
        }
        r -= w;
    }
    mix.first().map(|(p, _)| *p).unwrap_or(Page::Document)
}

pub(super) fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e.trim_start_matches('=').to_string())
        .unwrap_or_default()
}
