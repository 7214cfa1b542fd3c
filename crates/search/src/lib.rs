//! Chinese full-text search: tantivy with jieba segmentation (search mode, so 占道经营
//! is found inside 占道经营行为), full-width/half-width and common 繁体 → 简体 folding,
//! a synonym dictionary, BM25 with field boosts (标题 > 文号/条号 > 正文), exact quoted
//! phrases, a type filter with facet counts, current texts ranked above lapsed ones,
//! highlighted snippets, pagination, and suggestions when nothing matches.
//!
//! Queries are not built with tantivy's `QueryParser`: it turns any word the tokenizer
//! splits into several tokens into a `PhraseQuery`, with no option to turn that off, so
//! 随机抽查 would miss "双随机一公开抽查…" and 执法人员 would miss "执法检查人员". Instead
//! the query is run through the field's analyzer and each token becomes a SHOULD
//! `TermQuery`, ranked by BM25 (docs/ARCHITECTURE.md, "Search: the decision").
//!
//! Modules (everything callers use is re-exported here):
//! - `analysis`: folding ([`normalize`]), jieba with the [`DOMAIN_WORDS`], the
//!   analyzer, the synonym dictionary and the typo lexicon derived from it,
//!   [`STOP_WORDS`], typo correction ([`correct`], [`word_bounds`]).
//! - `index`: the schema and [`SearchIndex`]: opening, adding, replacing, committing,
//!   and [`SearchIndex::search`] (the exact pass, hits, suggestions).
//! - `plan`: the query plan: one group of terms per word of the query (parts,
//!   synonyms, corrections), common and rare words, the scoring query.
//! - `tree`: a reading as a tree of weighted terms: tantivy's query, and the same
//!   tree tested on chosen items from each term's postings.
//! - `large`: large results: the page by block-max WAND with counts estimated from a
//!   sample, both tested against the reading's tree, and rescoring the best
//!   candidates with the common words.
//! - `run`: [`SearchIndex::search`]: strict to relaxed readings merged in tiers,
//!   grouping by law, the hits.
//! - `collect`: the collector: page, total and multi-select facet counts in one pass.
//! - `snippet`: the highlighted HTML [`snippet`].

mod analysis;
pub mod baseline;
mod collect;
mod folder;
mod index;
mod large;
mod plan;
mod related;
mod run;
mod snippet;
#[cfg(test)]
mod testing;
mod tree;

use std::collections::BTreeMap;

pub use analysis::{
    DOMAIN_WORDS, STOP_WORDS, correct, default_synonyms, normalize, parse_synonyms, word_bounds,
};
pub use collect::{FACETS, PHRASE_CHECK_LIMIT};
pub use folder::map_whole_index;
pub use index::SearchIndex;
pub use plan::{LARGE_RESULT, PART_WEIGHT, RELAX_BELOW, RESCORE_DEPTH};
pub use snippet::snippet;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("search index: {0}")]
    Open(#[from] tantivy::directory::error::OpenDirectoryError),
    #[error("search index: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Another writer (another process) holds the index: not a reason to rebuild it.
    pub fn is_locked(&self) -> bool {
        matches!(self, Error::Tantivy(tantivy::TantivyError::LockFailure(..)))
    }
}

/// One searchable item (a document, an interpretation, a law article …).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    /// Unique across kinds, e.g. `doc:12`, `law:3:45`.
    pub id: String,
    /// 文件 | 解读 | 法规 …
    pub kind: String,
    pub title: String,
    /// 文号 or 第X条.
    pub number: String,
    pub body: String,
    pub url: String,
    /// Sort key for "newest first" (e.g. 20260302).
    pub date: u64,
    /// 失效 / 已废止 texts rank after current ones.
    pub lapsed: bool,
    /// Facet values; empty when the item has none. 主题分类:
    pub topic: String,
    /// 发文机构 / 执法机关:
    pub issuer: String,
    /// 法规层级 (法律, 行政法规 …) or another kind-specific class (违法类型):
    pub level: String,
    /// 适用地区 (全国, 上海, 山东 …); empty: not tied to a region (ranked as local).
    pub region: String,
    /// Items of one group (the articles of one law: `law:3`) are shown together when
    /// a query asks for grouping; empty: the item is its own group.
    pub group: String,
}

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    pub kind: Option<String>,
    /// Filters on the facets (exact values as listed in [`Facets`]).
    pub year: Option<u32>,
    pub topic: Option<String>,
    pub issuer: Option<String>,
    pub level: Option<String>,
    /// Filter on 适用地区 (exact value as listed in [`Facets::region`]).
    pub region: Option<String>,
    /// The regions ranked first (the site's own and 全国); items of any other region
    /// come after them, still found. Empty: no region ranks before another.
    pub home: Vec<String>,
    /// One hit per group (the best article of each law), with the others of the group
    /// counted and listed in [`Hit::related`]; `offset` and `limit` count groups.
    pub group: bool,
    /// Leave out lapsed texts altogether.
    pub exclude_lapsed: bool,
    pub newest_first: bool,
    pub offset: usize,
    pub limit: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub number: String,
    pub url: String,
    /// HTML with `<b>` around matches; the text is escaped.
    pub snippet: String,
    pub lapsed: bool,
    pub score: f32,
    pub date: u64,
    pub topic: String,
    pub issuer: String,
    pub level: String,
    pub region: String,
    pub group: String,
    /// When grouping: the other matching items of the group, best first (at most
    /// [`RELATED_SHOWN`]) …
    pub related: Vec<Related>,
    /// … and how many there are in all (at least `related.len()`).
    pub more: usize,
}

/// Another matching item of a hit's group (another article of the same law).
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub id: String,
    pub number: String,
    pub url: String,
    pub snippet: String,
}

/// How many other items of a group a grouped hit lists.
pub const RELATED_SHOWN: usize = 5;

/// Counts per value of each facet, each taken with all other filters applied (so a
/// tab or list shows what choosing that value would give).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Facets {
    /// 类型 (tabs): 文件, 解读, 法规 …
    pub kind: BTreeMap<String, usize>,
    pub year: BTreeMap<String, usize>,
    /// 主题分类
    pub topic: BTreeMap<String, usize>,
    /// 发文机构
    pub issuer: BTreeMap<String, usize>,
    /// 法规层级 / 违法类型
    pub level: BTreeMap<String, usize>,
    /// 有效性: 有效 / 失效
    pub validity: BTreeMap<String, usize>,
    /// 适用地区
    pub region: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pub total: usize,
    /// False when the total and counts are estimates: a query of common words that
    /// matches more than [`LARGE_RESULT`] items (counted on an even sample), or a quoted
    /// phrase with more candidates than were checked ([`PHRASE_CHECK_LIMIT`]).
    pub exact: bool,
    pub hits: Vec<Hit>,
    pub facets: Facets,
    /// When nothing matched: words of the query that do match something.
    pub suggestions: Vec<String>,
    /// Words searched in place of a typo (占到经营 → 占道经营).
    pub corrected: Vec<String>,
    /// When grouping: how many groups the hits fall in (at least; exact when
    /// `exact`), for paging by group.
    pub groups: usize,
    /// True when the query as typed found few hits and was relaxed (a word left out,
    /// then any word): the hits matching more of it still come first.
    pub relaxed: bool,
}

/// Changes whenever the analysis (segmentation, folding, schema) changes: an index
/// built by another version is rebuilt.
pub const INDEX_VERSION: u32 = 6;

/// The longest query the engine looks at (characters); the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;
