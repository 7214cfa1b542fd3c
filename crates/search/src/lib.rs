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

mod collect;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

pub use collect::{FACETS, PHRASE_CHECK_LIMIT};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query as TQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, TextAnalyzer};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};

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
}

/// The synonym and abbreviation dictionary: a query containing a key also searches
/// for its value.
pub fn default_synonyms() -> BTreeMap<String, String> {
    [
        ("违建", "违法建筑"),
        ("摆摊", "设摊"),
        ("小广告", "非法小广告"),
        ("城管", "城市管理"),
        ("乱搭建", "违法搭建"),
        ("渣土", "建筑垃圾"),
        ("违章建筑", "违法建筑"),
        ("晚上", "夜间"),
        ("太吵", "噪声"),
        ("吵闹", "噪声"),
        ("不服", "行政复议 行政诉讼"),
        ("乱贴", "张贴"),
        ("罚多少", "罚款"),
        ("门口", "门前"),
        ("撒漏", "遗撒"),
        ("占道经营", "设摊经营"),
        ("饭店", "餐饮"),
        ("餐馆", "餐饮"),
        ("路边", "道路"),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

/// Fold full-width ASCII to half-width, ideographic spaces to spaces, 繁体 to 简体
/// (the OpenCC-derived tables of fast2s: 佔道經營 → 占道经营, 行政復議 → 行政复议), and
/// ASCII letters to lower case.
pub fn normalize(s: &str) -> String {
    let half: String = s
        .chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c.to_ascii_lowercase(),
        })
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if half.is_ascii() {
        half
    } else {
        fast2s::convert(&half)
    }
}

#[derive(Clone, Copy)]
struct Fields {
    id: Field,
    kind: Field,
    title: Field,
    number: Field,
    /// The whole 文号 / 条号, untokenized, for exact lookups.
    number_raw: Field,
    body: Field,
    /// What is shown: the texts as given (the indexed ones are folded).
    title_shown: Field,
    number_shown: Field,
    body_shown: Field,
    url: Field,
    date: Field,
    lapsed: Field,
    topic: Field,
    issuer: Field,
    level: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("jieba")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let f = Fields {
        id: b.add_text_field("id", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        title: b.add_text_field("title", text.clone()),
        number: b.add_text_field("number", text.clone()),
        number_raw: b.add_text_field("number_raw", STRING),
        body: b.add_text_field("body", text),
        title_shown: b.add_text_field("title_shown", STORED),
        number_shown: b.add_text_field("number_shown", STORED),
        body_shown: b.add_text_field("body_shown", STORED),
        url: b.add_text_field("url", STORED),
        date: b.add_u64_field("date", INDEXED | STORED | FAST),
        lapsed: b.add_u64_field("lapsed", INDEXED | STORED | FAST),
        topic: b.add_text_field("topic", STRING | STORED | FAST),
        issuer: b.add_text_field("issuer", STRING | STORED | FAST),
        level: b.add_text_field("level", STRING | STORED | FAST),
    };
    (b.build(), f)
}

/// Words of government and city-management text that jieba's general dictionary
/// splits too finely; added so that they are found as words (and, in search mode,
/// still by their parts).
pub const DOMAIN_WORDS: &[&str] = &[
    "占道经营",
    "占道",
    "设摊",
    "设摊经营",
    "双随机",
    "一公开",
    "随机抽查",
    "非法小广告",
    "小广告",
    "违法建筑",
    "违法搭建",
    "违建",
    "城市管理",
    "城管",
    "综合执法",
    "执法证",
    "户外广告",
    "建筑垃圾",
    "渣土",
    "市容环境",
    "夜间施工",
    "施工噪声",
    "政府信息公开",
    "依申请公开",
    "主动公开",
    "行政处罚",
    "责令整改",
    "责令改正",
    "统一社会信用代码",
    "规范性文件",
    "政策解读",
    "信息公开",
    "年度报告",
    "沿街商户",
    "门前三包",
    "共享单车",
    "群租",
    "油烟",
    "噪声扰民",
    "行政复议",
    "行政诉讼",
    "陈述申辩",
    "没收违法所得",
    "政府信息",
    "限期改正",
    "限期拆除",
    "夜间施工",
    "垃圾分类",
    "占用道路",
];

fn jieba() -> &'static jieba_rs::Jieba {
    static J: std::sync::OnceLock<jieba_rs::Jieba> = std::sync::OnceLock::new();
    J.get_or_init(|| {
        let mut j = jieba_rs::Jieba::new();
        for w in DOMAIN_WORDS {
            j.add_word(w, Some(20_000), None);
        }
        j
    })
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(tantivy_jieba::JiebaTokenizer::with_jieba(jieba().clone()))
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .build()
}

/// The index and its writer.
pub struct SearchIndex {
    /// One analyzer for queries (building one clones the dictionary).
    query_analyzer: Mutex<TextAnalyzer>,
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    f: Fields,
    synonyms: Mutex<Synonyms>,
}

/// The synonym dictionary and the lexicon typos are corrected to (derived from it).
struct Synonyms {
    map: BTreeMap<String, String>,
    /// The domain words and the dictionary's words of three characters or more.
    lexicon: Vec<String>,
}

impl Synonyms {
    fn new(map: BTreeMap<String, String>) -> Synonyms {
        let mut lexicon: Vec<String> = DOMAIN_WORDS.iter().map(|w| w.to_string()).collect();
        for (k, v) in &map {
            lexicon.push(k.clone());
            lexicon.extend(v.split_whitespace().map(str::to_string));
        }
        lexicon.retain(|w| w.chars().count() >= 3);
        lexicon.sort();
        lexicon.dedup();
        Synonyms { map, lexicon }
    }
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
}

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
}

/// Changes whenever the analysis (segmentation, folding, schema) changes: an index
/// built by another version is rebuilt.
pub const INDEX_VERSION: u32 = 4;

/// The longest query the engine looks at (characters); the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;

impl SearchIndex {
    fn with(index: Index) -> Result<SearchIndex> {
        let (_, f) = schema();
        index.tokenizers().register("jieba", analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let writer = index.writer(20_000_000)?;
        Ok(SearchIndex {
            query_analyzer: Mutex::new(analyzer()),
            reader,
            writer: Mutex::new(writer),
            f,
            synonyms: Mutex::new(Synonyms::new(default_synonyms())),
        })
    }

    pub fn in_memory() -> Result<SearchIndex> {
        SearchIndex::with(Index::create_in_ram(schema().0))
    }

    /// Open the index in `dir`, creating it when absent.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir)
            .map_err(|e| tantivy::TantivyError::SystemError(e.to_string()))?;
        let mmap = tantivy::directory::MmapDirectory::open(dir)?;
        SearchIndex::with(Index::open_or_create(mmap, schema().0)?)
    }

    pub fn set_synonyms(&self, map: BTreeMap<String, String>) {
        let new = Synonyms::new(map);
        if let Ok(mut s) = self.synonyms.lock() {
            *s = new;
        }
    }

    /// Add or replace documents (by id). Call [`commit`](Self::commit) to make them visible.
    pub fn upsert(&self, docs: impl IntoIterator<Item = Doc>) -> Result<()> {
        let w = self.writer()?;
        for d in docs {
            w.delete_term(Term::from_field_text(self.f.id, &d.id));
            w.add_document(self.to_doc(d))?;
        }
        Ok(())
    }

    /// Remove documents whose id starts with `prefix` followed by nothing else — or
    /// exactly `id`.
    pub fn delete(&self, id: &str) -> Result<()> {
        let w = self.writer()?;
        w.delete_term(Term::from_field_text(self.f.id, id));
        Ok(())
    }

    /// Replace the whole content in one commit, holding the writer throughout, so that
    /// concurrent rebuilds serialise and searches see either the old or the new index;
    /// then merge the segments into one.
    pub fn replace_all(&self, docs: impl IntoIterator<Item = Doc>) -> Result<()> {
        let mut w = self.writer()?;
        w.delete_all_documents()?;
        for d in docs {
            w.add_document(self.to_doc(d))?;
        }
        self.commit_merged(&mut w)?;
        drop(w);
        self.reader.reload()?;
        Ok(())
    }

    /// Add documents to an index being filled (no replacing by id); call
    /// [`finish`](Self::finish) at the end.
    pub fn add(&self, docs: impl IntoIterator<Item = Doc>) -> Result<()> {
        let w = self.writer()?;
        for d in docs {
            w.add_document(self.to_doc(d))?;
        }
        Ok(())
    }

    /// Commit what was added, merged into one segment, and make it visible.
    pub fn finish(&self) -> Result<()> {
        let mut w = self.writer()?;
        self.commit_merged(&mut w)?;
        drop(w);
        self.reader.reload()?;
        Ok(())
    }

    fn writer(&self) -> Result<std::sync::MutexGuard<'_, IndexWriter>> {
        Ok(self
            .writer
            .lock()
            .map_err(|_| tantivy::TantivyError::SystemError("writer lock".into()))?)
    }

    /// Commit, then merge all segments into one: a bulk load leaves many, and one
    /// answers faster (each segment costs its own term lookups and scorers per query).
    /// A merge the merge policy has already started on some of them is left to finish.
    fn commit_merged(&self, w: &mut IndexWriter) -> Result<()> {
        w.commit()?;
        let ids = self.reader.searcher().index().searchable_segment_ids()?;
        if ids.len() > 1 {
            let _ = w.merge(&ids).wait();
            let _ = w.garbage_collect_files().wait();
        }
        Ok(())
    }

    fn to_doc(&self, d: Doc) -> TantivyDocument {
        doc!(
            self.f.id => d.id,
            self.f.kind => d.kind,
            self.f.title => normalize(&d.title),
            self.f.number => normalize(&d.number),
            self.f.number_raw => normalize(&d.number).replace(' ', ""),
            self.f.body => normalize(&d.body),
            self.f.title_shown => d.title,
            self.f.number_shown => d.number,
            self.f.body_shown => d.body,
            self.f.url => d.url,
            self.f.date => d.date,
            self.f.lapsed => u64::from(d.lapsed),
            self.f.topic => d.topic,
            self.f.issuer => d.issuer,
            self.f.level => d.level,
        )
    }

    pub fn clear(&self) -> Result<()> {
        let w = self.writer()?;
        w.delete_all_documents()?;
        Ok(())
    }

    pub fn commit(&self) -> Result<()> {
        let mut w = self.writer()?;
        w.commit()?;
        drop(w);
        self.reader.reload()?;
        Ok(())
    }

    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn tokens(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let Ok(mut a) = self.query_analyzer.lock() else {
            return out;
        };
        let mut stream = a.token_stream(text);
        while let Some(t) = stream.next() {
            let s = t.text.trim().to_string();
            if !s.is_empty() && s.chars().any(char::is_alphanumeric) && !out.contains(&s) {
                out.push(s);
            }
        }
        out
    }

    /// The query as groups of terms, one group per word of the query: the word itself,
    /// the parts search-mode segmentation adds (weighted [`PART_WEIGHT`], so 广告 in
    /// 小广告 counts less than 小广告), and its synonyms. Function words of questions
    /// (的, 吗, 怎么 …) are left out unless nothing else is left. A word one character
    /// away from a word of the domain lexicon (占到经营 → 占道经营) is searched as that
    /// word, keeping what was typed as a part. Returns the groups and the corrections.
    fn groups(&self, loose: &str) -> (Vec<Group>, Vec<String>) {
        let lexicon = self
            .synonyms
            .lock()
            .map(|s| s.lexicon.clone())
            .unwrap_or_default();
        let (fixed, corrections) = correct(loose, &lexicon, &word_bounds(loose));
        let tokens = self.tokens(&fixed);
        let top: Vec<&String> = tokens
            .iter()
            .filter(|t| !tokens.iter().any(|o| o != *t && o.contains(&t[..])))
            .collect();
        let content: Vec<&String> = top
            .iter()
            .filter(|t| !STOP_WORDS.contains(&String::as_str(t)))
            .copied()
            .collect();
        let mains = if content.is_empty() { top } else { content };
        // Single characters (乱, 罚, 钱) stand for a word only when nothing longer does.
        let longer: Vec<&String> = mains
            .iter()
            .filter(|t| t.chars().count() > 1 || t.is_ascii())
            .copied()
            .collect();
        let mains = if longer.is_empty() { mains } else { longer };
        let mut groups: Vec<Group> = mains
            .iter()
            .map(|w| Group {
                terms: vec![((*w).clone(), 1.0)],
                together: Vec::new(),
            })
            .collect();
        for t in &tokens {
            if let Some(g) = groups
                .iter_mut()
                .find(|g| g.main() != t && g.main().contains(&t[..]))
            {
                g.add(t, PART_WEIGHT);
            }
        }
        for (word, typed) in &corrections {
            if let Some(g) = groups.iter_mut().find(|g| g.main() == word) {
                for t in self.tokens(typed) {
                    g.add(&t, PART_WEIGHT);
                }
            }
        }
        if let Ok(syn) = self.synonyms.lock() {
            for (k, v) in syn.map.iter() {
                if !fixed.contains(&k[..]) {
                    continue;
                }
                let (words, together) = self.whole_words(v);
                if words.is_empty() && together.is_empty() {
                    continue;
                }
                // The group of a longer word holding the key (小广告 in 乱贴小广告) takes
                // the synonyms; the words the key spans (乱, 摆 of 乱摆) become one group.
                let at = match groups
                    .iter()
                    .position(|g| !g.main().is_empty() && g.main().contains(&k[..]))
                {
                    Some(i) => i,
                    None => {
                        groups.retain(|g| g.main().is_empty() || !k.contains(g.main()));
                        let (mut key_whole, key_together) = self.whole_words(k);
                        groups.push(Group {
                            terms: key_whole.drain(..).map(|w| (w, 1.0)).collect(),
                            together: key_together,
                        });
                        groups.len() - 1
                    }
                };
                for w in &words {
                    groups[at].add(w, 1.0);
                }
                groups[at].together.extend(together);
            }
        }
        (groups, corrections.into_iter().map(|(w, _)| w).collect())
    }

    /// The words a query is searched by (after folding, function words left out,
    /// synonyms and corrections added).
    pub fn words(&self, text: &str) -> Vec<String> {
        self.groups(&normalize(text))
            .0
            .into_iter()
            .flat_map(Group::all_terms)
            .collect()
    }

    /// The words of a synonym's expansion: each whitespace-separated word as one term
    /// when the analyzer keeps it whole (so 非法小广告 does not add 非法), else as its
    /// parts that must all occur (占用道路 → 占用 and 道路).
    fn whole_words(&self, text: &str) -> (Vec<String>, Vec<Vec<String>>) {
        let (mut whole, mut together) = (Vec::new(), Vec::new());
        for w in text.split_whitespace() {
            let parts = self.tokens(w);
            if parts.iter().any(|p| p == w) {
                whole.push(w.to_string());
            } else if !parts.is_empty() {
                // Search mode may add overlapping pieces; the longest cover the word.
                let cover: Vec<String> = parts
                    .iter()
                    .filter(|p| !parts.iter().any(|o| o != *p && o.contains(&p[..])))
                    .cloned()
                    .collect();
                together.push(cover);
            }
        }
        (whole, together)
    }

    /// The searched fields and their boosts: title ×3, number ×2, body ×1.
    fn weighted_fields(&self) -> [(Field, f32); 3] {
        [
            (self.f.title, 3.0),
            (self.f.number, 2.0),
            (self.f.body, 1.0),
        ]
    }

    /// One term in the title (×3), number (×2) or body (×1), weighted.
    fn term_clauses(&self, w: &str, weight: f32) -> Vec<(Occur, Box<dyn TQuery>)> {
        self.weighted_fields()
            .into_iter()
            .map(|(field, boost)| {
                let q = TermQuery::new(
                    Term::from_field_text(field, w),
                    IndexRecordOption::WithFreqs,
                );
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), boost * weight)) as Box<dyn TQuery>,
                )
            })
            .collect()
    }

    /// One group: the word or one of its synonyms, or else all of its parts (so 随机抽查
    /// is found in 双随机一公开抽查, but 违法 alone does not match 违法建筑).
    /// Parts that are common words (违法, 建筑) are left to the word itself: their
    /// conjunction would be costly and match too much.
    fn group_query(&self, g: &Group, common: &dyn Fn(&str) -> bool) -> Box<dyn TQuery> {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        let mut parts: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        let common_parts = g.terms.iter().any(|(w, weight)| *weight < 1.0 && common(w));
        for (w, weight) in &g.terms {
            if *weight >= 1.0 {
                clauses.extend(self.term_clauses(w, *weight));
            } else if !common_parts {
                parts.push((
                    Occur::Must,
                    Box::new(BooleanQuery::new(self.term_clauses(w, *weight))),
                ));
            }
        }
        if !parts.is_empty() {
            clauses.push((Occur::Should, Box::new(BooleanQuery::new(parts))));
        }
        for words in &g.together {
            let all: Vec<(Occur, Box<dyn TQuery>)> = words
                .iter()
                .map(|w| {
                    (
                        Occur::Must,
                        Box::new(BooleanQuery::new(self.term_clauses(w, 1.0))) as Box<dyn TQuery>,
                    )
                })
                .collect();
            clauses.push((Occur::Should, Box::new(BooleanQuery::new(all))));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// The scoring part of a query: the groups SHOULD match (BM25, boosted per field):
    /// both of two, three fifths (at least two) of three or more, any one when `relaxed`.
    ///
    /// In a large index, a group whose words are all found in more than
    /// [`COMMON_SHARE`] of the items (经营, 管理 …) only adds to the score of items that
    /// match the rarer groups, instead of matching a large part of the index by itself
    /// (the "common terms" technique); a query of common words only is searched as is.
    fn scoring(
        &self,
        searcher: &tantivy::Searcher,
        groups: &[Group],
        exact: Option<&str>,
        relaxed: bool,
    ) -> Option<Plan> {
        if groups.is_empty() {
            return None;
        }
        let n = searcher.num_docs();
        // Looked up once per word: the groups, the estimate and the parts all ask.
        let seen = std::cell::RefCell::new(std::collections::HashMap::<String, u64>::new());
        let df = |w: &str| -> u64 {
            if let Some(n) = seen.borrow().get(w) {
                return *n;
            }
            let n = [self.f.title, self.f.number, self.f.body]
                .into_iter()
                .map(|f| searcher.doc_freq(&Term::from_field_text(f, w)).unwrap_or(0))
                .max()
                .unwrap_or(0);
            seen.borrow_mut().insert(w.to_string(), n);
            n
        };
        let common =
            |w: &str| -> bool { n >= COMMON_MIN_DOCS && df(w) as f64 > n as f64 * COMMON_SHARE };
        // A group is common when its words together are found in more than the share.
        let (frequent, rare): (Vec<&Group>, Vec<&Group>) = groups.iter().partition(|g| {
            let together: u64 = g
                .terms
                .iter()
                .filter(|(_, w)| *w >= 1.0)
                .map(|(t, _)| df(t))
                .sum();
            n >= COMMON_MIN_DOCS && together.min(n) as f64 > n as f64 * COMMON_SHARE
        });
        let at_least = |k: usize| {
            if relaxed {
                1
            } else if k <= 2 {
                k
            } else {
                (k * 3).div_ceil(5).max(2)
            }
        };
        let any_of = |gs: &[&Group]| -> Box<dyn TQuery> {
            let clauses: Vec<(Occur, Box<dyn TQuery>)> = gs
                .iter()
                .map(|g| (Occur::Should, self.group_query(g, &common)))
                .collect();
            Box::new(BooleanQuery::with_minimum_required_clauses(
                clauses,
                at_least(gs.len()),
            ))
        };
        // Rare and common words: the rare ones decide the matches and a first order;
        // the best candidates are then scored with the common ones too (scoring the
        // common words on every match would walk their long posting lists).
        let (main, rescore) = if rare.is_empty() {
            (any_of(&frequent), Vec::new())
        } else {
            let extra: Vec<(TermQuery, f32)> = frequent
                .iter()
                .flat_map(|g| g.terms.iter().filter(|(_, w)| *w >= 1.0))
                .flat_map(|(t, w)| {
                    self.weighted_fields().into_iter().map(move |(f, boost)| {
                        (
                            TermQuery::new(
                                Term::from_field_text(f, t),
                                IndexRecordOption::WithFreqs,
                            ),
                            boost * w,
                        )
                    })
                })
                .collect();
            (any_of(&rare), extra)
        };
        // A query of common words only, matching a large part of the index: the page
        // can come from a flat union of the words (block-max WAND skips most of it).
        let mains: Vec<(&String, f32)> = groups
            .iter()
            .flat_map(|g| {
                g.terms
                    .iter()
                    .filter(|(_, w)| *w >= 1.0)
                    .map(|(t, w)| (t, *w))
            })
            .collect();
        let estimate: u64 = mains.iter().map(|(t, _)| df(t)).sum::<u64>().min(n);
        // A whole 文号 or 条号 typed as the query finds that document first.
        let exact_clause = || -> Option<(Occur, Box<dyn TQuery>)> {
            exact.map(|e| {
                let q = TermQuery::new(
                    Term::from_field_text(self.f.number_raw, e),
                    IndexRecordOption::Basic,
                );
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(q), 20.0)) as Box<dyn TQuery>,
                )
            })
        };
        let flat = (rare.is_empty() && estimate > LARGE_RESULT).then(|| {
            let clauses: Vec<(Occur, Box<dyn TQuery>)> = mains
                .iter()
                .flat_map(|(t, w)| self.term_clauses(t, *w))
                .chain(exact_clause())
                .collect();
            Box::new(BooleanQuery::new(clauses)) as Box<dyn TQuery>
        });
        let with_exact = |query: Box<dyn TQuery>| -> Box<dyn TQuery> {
            match exact_clause() {
                Some(clause) => Box::new(BooleanQuery::new(vec![(Occur::Should, query), clause])),
                None => query,
            }
        };
        Some(Plan {
            main: with_exact(main),
            flat,
            rescore,
        })
    }

    fn facetted(&self, q: &Query, phrases: &[String]) -> collect::Facetted {
        collect::Facetted {
            want: q.offset + q.limit.max(1),
            newest_first: q.newest_first,
            filters: [
                q.kind.clone(),
                q.year.map(|y| y.to_string()),
                q.topic.clone(),
                q.issuer.clone(),
                q.level.clone(),
                q.exclude_lapsed.then(|| "有效".to_string()),
            ],
            phrases: phrases.to_vec(),
            shown: [self.f.title_shown, self.f.number_shown, self.f.body_shown],
        }
    }

    /// A query matching a large part of the index: the best candidates of the flat
    /// union by block-max WAND, put through the filters and ordered current first;
    /// the total and facet counts estimated from an even sample of the documents
    /// (`Results::exact` false). `None` when the filters leave too few candidates
    /// (the caller then runs the exact pass).
    fn collect_large(
        &self,
        searcher: &tantivy::Searcher,
        main: &dyn TQuery,
        flat: &dyn TQuery,
        q: &Query,
    ) -> Result<Option<collect::Fruit>> {
        use tantivy::collector::{Collector, SegmentCollector};
        use tantivy::{DocSet, TERMINATED};
        let fac = self.facetted(q, &[]);
        let want = fac.want;
        let cand = (want * 4 + 40).min(2000);
        let top = searcher.search(flat, &TopDocs::with_limit(cand).order_by_score())?;
        let mut segs: BTreeMap<u32, collect::Seg> = BTreeMap::new();
        for (score, addr) in &top {
            let seg = match segs.entry(addr.segment_ord) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => e.insert(
                    fac.for_segment(addr.segment_ord, searcher.segment_reader(addr.segment_ord))?,
                ),
            };
            seg.collect(addr.doc_id, *score);
        }
        let ranked = fac.merge_fruits(segs.into_values().map(|s| s.harvest()).collect())?;
        if ranked.top.len() < want && top.len() == cand {
            return Ok(None);
        }
        // The estimate: every step-th document of each segment, through the real query.
        let weight = main.weight(tantivy::query::EnableScoring::disabled_from_searcher(
            searcher,
        ))?;
        let max_docs: u64 = searcher
            .segment_readers()
            .iter()
            .map(|r| u64::from(r.max_doc()))
            .sum();
        let step = (max_docs / SAMPLES).max(1) as u32;
        let mut fruits = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let mut seg = fac.for_segment(ord as u32, reader)?;
            let mut scorer = weight.scorer(reader, 1.0)?;
            let alive = reader.alive_bitset();
            // One document at a pseudo-random place in each stretch of `step` (a fixed
            // stride could fall in step with a pattern of the data).
            let mut m = 0u32;
            while let Some(t) = m
                .checked_mul(step)
                .map(|base| base + jitter(ord as u64, m) % step)
                .filter(|t| *t < reader.max_doc())
            {
                if scorer.doc() < t {
                    scorer.seek(t);
                }
                let d = scorer.doc();
                if d == TERMINATED {
                    break;
                }
                if d == t && alive.is_none_or(|a| a.is_alive(t)) {
                    seg.collect(t, 0.0);
                }
                // Skip the stretches with no match.
                m = if d > t { (d / step).max(m + 1) } else { m + 1 };
            }
            fruits.push(seg.harvest().scaled(step as usize));
        }
        let mut estimate = fac.merge_fruits(fruits)?;
        estimate.total = estimate
            .total
            .max(ranked.top.len())
            .min(searcher.num_docs() as usize);
        estimate.top = ranked.top;
        estimate.exact = false;
        Ok(Some(estimate))
    }

    /// Run one query: the page of hits, the total and the facets in one pass.
    fn collect(
        &self,
        searcher: &tantivy::Searcher,
        scoring: Box<dyn TQuery>,
        phrases: &[String],
        q: &Query,
        depth: usize,
    ) -> Result<collect::Fruit> {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = vec![(Occur::Must, scoring)];
        // Every word of a phrase must occur (the exact sequence is checked on the hits).
        for p in phrases {
            for t in self.tokens(p) {
                let per_field: Vec<(Occur, Box<dyn TQuery>)> =
                    [self.f.title, self.f.number, self.f.body]
                        .into_iter()
                        .map(|f| {
                            (
                                Occur::Should,
                                Box::new(TermQuery::new(
                                    Term::from_field_text(f, &t),
                                    IndexRecordOption::Basic,
                                )) as Box<dyn TQuery>,
                            )
                        })
                        .collect();
                clauses.push((Occur::Must, Box::new(BooleanQuery::new(per_field))));
            }
        }
        let query = BooleanQuery::new(clauses);
        let mut fac = self.facetted(q, phrases);
        fac.want = fac.want.max(depth);
        Ok(searcher.search(&query, &fac)?)
    }

    /// Search. Never fails on odd input: any string gives results or an empty page.
    pub fn search(&self, q: &Query) -> Result<Results> {
        let raw: String = q
            .text
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_QUERY_CHARS)
            .collect();
        let text = normalize(&raw);
        // Quoted phrases must appear exactly; the rest is scored by words.
        let mut phrases = Vec::new();
        let mut loose = String::new();
        for (i, part) in text.split(['"', '“', '”']).enumerate() {
            if i % 2 == 1 && !part.trim().is_empty() {
                phrases.push(part.trim().to_string());
            }
            loose.push_str(part);
            loose.push(' ');
        }
        let (groups, corrected) = self.groups(&loose);
        let words: Vec<String> = groups.iter().cloned().flat_map(Group::all_terms).collect();
        let searcher = self.reader.searcher();
        let compact: String = loose.chars().filter(|c| !c.is_whitespace()).collect();
        let exact = (!compact.is_empty() && compact.chars().count() <= 40).then_some(compact);
        let mut found = None;
        // Most of the words first; any of them when that finds nothing.
        for relaxed in [false, true] {
            if relaxed && groups.len() < 2 {
                break;
            }
            let Some(plan) = self.scoring(&searcher, &groups, exact.as_deref(), relaxed) else {
                return Ok(Results {
                    exact: true,
                    ..Default::default()
                });
            };
            let large = match &plan.flat {
                Some(flat) if phrases.is_empty() && !q.newest_first => {
                    self.collect_large(&searcher, &plan.main, flat.as_ref(), q)?
                }
                _ => None,
            };
            let f = match large {
                Some(f) => f,
                None if !plan.rescore.is_empty() && !q.newest_first => {
                    let want = q.offset + q.limit.max(1);
                    let f = self.collect(&searcher, plan.main, &phrases, q, RESCORE_DEPTH)?;
                    rescore(&searcher, &plan.rescore, f, want)?
                }
                None => self.collect(&searcher, plan.main, &phrases, q, 0)?,
            };
            let done = f.total > 0;
            found = Some(f);
            if done {
                break;
            }
        }
        let Some(found) = found else {
            return Ok(Results {
                exact: true,
                ..Default::default()
            });
        };
        let mut hits = Vec::new();
        for key in found.top.into_iter().skip(q.offset).take(q.limit.max(1)) {
            let d: TantivyDocument = searcher.doc(key.addr)?;
            let s = |f: Field| {
                d.get_first(f)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let snippet = snippet(&s(self.f.body_shown), &words, 120);
            hits.push(Hit {
                id: s(self.f.id),
                kind: s(self.f.kind),
                title: s(self.f.title_shown),
                number: s(self.f.number_shown),
                url: s(self.f.url),
                snippet,
                lapsed: !key.current,
                score: key.score,
                date: d
                    .get_first(self.f.date)
                    .and_then(|v| v.as_u64())
                    .unwrap_or(0),
                topic: s(self.f.topic),
                issuer: s(self.f.issuer),
                level: s(self.f.level),
            });
        }
        let suggestions = if hits.is_empty() {
            words
                .iter()
                .filter(|w| w.chars().count() >= 2)
                .filter(|w| {
                    [self.f.title, self.f.body]
                        .into_iter()
                        .any(|f| searcher.doc_freq(&Term::from_field_text(f, w)).unwrap_or(0) > 0)
                })
                .take(5)
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let [kind, year, topic, issuer, level, validity] = found.facets;
        Ok(Results {
            total: found.total,
            exact: found.exact,
            hits,
            facets: Facets {
                kind,
                year,
                topic,
                issuer,
                level,
                validity,
            },
            suggestions,
            corrected,
        })
    }
}

/// A deterministic pseudo-random number for sample `m` of segment `seg` (splitmix64).
fn jitter(seg: u64, m: u32) -> u32 {
    let mut z = (seg << 32 | u64::from(m)).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as u32
}

/// Add the common words' scores to the candidates and keep the best `want`. Each term
/// is scored on its own (a skip to each candidate in its posting list); a union of
/// the common words would decode their long lists around every candidate.
fn rescore(
    searcher: &tantivy::Searcher,
    extra: &[(TermQuery, f32)],
    mut f: collect::Fruit,
    want: usize,
) -> Result<collect::Fruit> {
    use tantivy::DocSet;
    let scoring = tantivy::query::EnableScoring::enabled_from_searcher(searcher);
    let weights = extra
        .iter()
        .map(|(q, boost)| Ok((q.weight(scoring)?, *boost)))
        .collect::<Result<Vec<_>>>()?;
    let mut by_segment: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, k) in f.top.iter().enumerate() {
        by_segment.entry(k.addr.segment_ord).or_default().push(i);
    }
    for (seg, mut idx) in by_segment {
        idx.sort_by_key(|i| f.top[*i].addr.doc_id);
        let reader = searcher.segment_reader(seg);
        let mut add = vec![0f32; idx.len()];
        for (w, boost) in &weights {
            let mut scorer = w.scorer(reader, *boost)?;
            for (j, i) in idx.iter().enumerate() {
                let doc = f.top[*i].addr.doc_id;
                if scorer.doc() < doc {
                    scorer.seek(doc);
                }
                if scorer.doc() == doc {
                    add[j] += scorer.score();
                }
            }
        }
        for (j, i) in idx.into_iter().enumerate() {
            let k = f.top[i];
            f.top[i] = k.rescored(k.score + add[j]);
        }
    }
    f.top.sort_by(|a, b| b.cmp(a));
    f.top.truncate(want);
    Ok(f)
}

/// One word of a query and the terms that stand for it, with their weights.
#[derive(Debug, Clone, Default)]
struct Group {
    terms: Vec<(String, f32)>,
    /// Synonyms of several words that must occur together.
    together: Vec<Vec<String>>,
}

impl Group {
    fn all_terms(self) -> impl Iterator<Item = String> {
        self.terms
            .into_iter()
            .map(|(t, _)| t)
            .chain(self.together.into_iter().flatten())
    }

    fn main(&self) -> &str {
        self.terms.first().map(|t| t.0.as_str()).unwrap_or_default()
    }

    fn add(&mut self, term: &str, weight: f32) {
        match self.terms.iter_mut().find(|t| t.0 == term) {
            Some(t) => t.1 = t.1.max(weight),
            None => self.terms.push((term.to_string(), weight)),
        }
    }
}

/// The weight of the parts search-mode segmentation adds to a word.
pub const PART_WEIGHT: f32 = 0.3;

/// The character offsets where jieba's segmentation (default mode) puts word
/// boundaries, both ends included.
pub fn word_bounds(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut at = 0;
    for w in jieba().cut(text, false) {
        at += w.word.chars().count();
        out.push(at);
    }
    out
}

/// Replace each stretch of the text that differs from a lexicon word (three characters
/// or more) in exactly one character by that word, when the text does not contain the
/// word already and the stretch starts and ends on word boundaries (`bounds`, so the
/// 执法人 of 执法人员 is not taken for 执法证). Returns the corrected text and (word,
/// what was typed) per correction.
pub fn correct(
    text: &str,
    lexicon: &[String],
    bounds: &[usize],
) -> (String, Vec<(String, String)>) {
    let mut chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for w in lexicon {
        let wc: Vec<char> = w.chars().collect();
        if wc.len() > chars.len() || text.contains(&w[..]) {
            continue;
        }
        let found = (0..=chars.len() - wc.len()).find(|&i| {
            let window = &chars[i..i + wc.len()];
            window.iter().zip(&wc).filter(|(a, b)| a != b).count() == 1
                && window.iter().all(|c| c.is_alphanumeric())
                && window[0] == wc[0]
                && bounds.contains(&i)
                && bounds.contains(&(i + wc.len()))
        });
        if let Some(i) = found {
            let typed: String = chars[i..i + wc.len()].iter().collect();
            chars.splice(i..i + wc.len(), wc.iter().copied());
            out.push((w.clone(), typed));
        }
    }
    (chars.into_iter().collect(), out)
}

/// The page and the counts of a query, as planned by `scoring`.
struct Plan {
    main: Box<dyn TQuery>,
    /// Set when only common words matched a large part of the index.
    flat: Option<Box<dyn TQuery>>,
    /// The common words `main` leaves out, as (term query, boost): added to the score
    /// of the best [`RESCORE_DEPTH`] candidates of `main`.
    rescore: Vec<(TermQuery, f32)>,
}

/// How many candidates are scored again with the common words.
pub const RESCORE_DEPTH: usize = 500;

/// Past this many estimated matches (of common words only), counts are estimated from
/// a sample and the page comes from block-max WAND (see `collect_large`).
pub const LARGE_RESULT: u64 = 50_000;
/// Documents looked at for the estimate.
const SAMPLES: u64 = 8_192;

/// An index smaller than this searches every word as given (see `scoring`).
const COMMON_MIN_DOCS: u64 = 10_000;
/// A word found in more than this share of the items is "common".
const COMMON_SHARE: f64 = 0.05;

/// Function words of citizen questions ("在路边摆摊会被罚款吗"), left out of queries.
pub const STOP_WORDS: &[&str] = &[
    "的",
    "了",
    "和",
    "与",
    "及",
    "或",
    "是",
    "在",
    "我",
    "你",
    "他",
    "她",
    "它",
    "我们",
    "你们",
    "他们",
    "吗",
    "呢",
    "吧",
    "啊",
    "呀",
    "么",
    "嘛",
    "怎么",
    "怎么办",
    "怎样",
    "如何",
    "什么",
    "哪些",
    "哪里",
    "哪个",
    "为什么",
    "为何",
    "可以",
    "能",
    "能否",
    "能不能",
    "会",
    "会不会",
    "被",
    "把",
    "对",
    "向",
    "从",
    "有",
    "没有",
    "要",
    "需要",
    "应该",
    "是否",
    "一个",
    "这",
    "那",
    "这个",
    "那个",
    "这样",
    "请问",
    "如果",
    "就",
    "都",
    "也",
    "还",
    "又",
    "等",
    "之",
    "其",
    "该",
    "地",
    "得",
    "着",
    "过",
    "给",
    "让",
    "去",
    "到",
    "里",
    "上",
    "下",
    "多少",
    "几",
    "谁",
    "找",
    "想",
    "问",
    "一下",
    "自己",
    "家",
    "人",
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// An HTML snippet of about `width` characters around the first match, with every
/// occurrence of the query words in `<b>` (longest words first, no overlaps), the
/// text escaped. (tantivy's snippet generator panics on the overlapping tokens of
/// search-mode segmentation, and building it clones the dictionary per query.)
pub fn snippet(body: &str, words: &[String], width: usize) -> String {
    let chars: Vec<char> = body.chars().collect();
    let mut ws: Vec<Vec<char>> = words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().collect())
        .collect();
    ws.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let starts_at = |i: usize| ws.iter().find(|w| chars[i..].starts_with(w)).map(Vec::len);
    let first = (0..chars.len())
        .find(|i| starts_at(*i).is_some())
        .unwrap_or(0);
    let from = first.saturating_sub(width / 4);
    let to = (from + width).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let mut i = from;
    while i < to {
        match starts_at(i) {
            Some(n) => {
                let end = (i + n).min(chars.len());
                out.push_str("<b>");
                out.push_str(&escape(&chars[i..end].iter().collect::<String>()));
                out.push_str("</b>");
                i = end;
            }
            None => {
                out.push_str(&escape(&chars[i].to_string()));
                i += 1;
            }
        }
    }
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(id: &str, kind: &str, title: &str, number: &str, body: &str, lapsed: bool) -> Doc {
        Doc {
            id: id.into(),
            kind: kind.into(),
            title: title.into(),
            number: number.into(),
            body: body.into(),
            url: format!("/x/{id}"),
            date: 20260101,
            lapsed,
            ..Default::default()
        }
    }

    fn index() -> SearchIndex {
        let i = SearchIndex::in_memory().expect("index");
        i.upsert([
            d(
                "1",
                "文件",
                "关于开展占道经营行为专项整治的通知",
                "沪城管执〔2023〕47号",
                "各区城管执法局要依法查处占道经营行为。",
                false,
            ),
            d(
                "2",
                "文件",
                "2023年双随机一公开抽查计划",
                "沪城管执〔2023〕12号",
                "随机抽取检查对象，随机选派执法检查人员。",
                false,
            ),
            d(
                "3",
                "法规",
                "上海市市容环境卫生管理条例",
                "第二十一条",
                "任何单位和个人不得擅自占用道路设摊经营。",
                false,
            ),
            d(
                "4",
                "法规",
                "城市市容和环境卫生管理条例（旧）",
                "第十四条",
                "不得擅自占用道路设摊经营。",
                true,
            ),
            d(
                "5",
                "文件",
                "关于清理非法小广告的通知",
                "",
                "清理乱张贴的非法小广告。",
                false,
            ),
        ])
        .expect("add");
        i.commit().expect("commit");
        i
    }

    fn q(text: &str) -> Query {
        Query {
            text: text.into(),
            limit: 10,
            ..Default::default()
        }
    }

    fn ids(r: &Results) -> Vec<String> {
        r.hits.iter().map(|h| h.id.clone()).collect()
    }

    #[test]
    fn words_inside_longer_words_and_mixed_numbers() {
        let i = index();
        assert_eq!(ids(&i.search(&q("占道经营")).expect("s"))[0], "1");
        assert!(ids(&i.search(&q("随机抽查")).expect("s")).contains(&"2".to_string()));
        assert_eq!(
            ids(&i.search(&q("沪城管执〔2023〕47号")).expect("s"))[0],
            "1"
        );
        // Full-width digits and traditional characters fold.
        assert_eq!(ids(&i.search(&q("占道經營")).expect("s"))[0], "1");
    }

    #[test]
    fn synonyms_phrases_lapsed_and_facets() {
        let i = index();
        assert!(
            ids(&i.search(&q("摆摊")).expect("s")).contains(&"3".to_string()),
            "摆摊 → 设摊"
        );
        assert!(ids(&i.search(&q("小广告")).expect("s")).contains(&"5".to_string()));
        let r = i.search(&q("\"占用道路设摊\"")).expect("s");
        assert_eq!(
            ids(&r),
            vec!["3", "4"],
            "exact phrase, current before lapsed"
        );
        assert!(r.hits[1].lapsed);
        let mut only_current = q("\"占用道路设摊\"");
        only_current.exclude_lapsed = true;
        assert_eq!(ids(&i.search(&only_current).expect("s")), vec!["3"]);
        let r = i.search(&q("经营")).expect("s");
        assert_eq!(r.facets.kind.get("法规"), Some(&2));
        assert_eq!(r.facets.kind.get("文件"), Some(&1));
        let mut laws = q("经营");
        laws.kind = Some("法规".into());
        assert!(
            i.search(&laws)
                .expect("s")
                .hits
                .iter()
                .all(|h| h.kind == "法规")
        );
        assert!(r.hits[0].snippet.contains("<b>"));
    }

    #[test]
    fn facets_are_counted_with_the_other_filters_and_filter() {
        let i = SearchIndex::in_memory().expect("index");
        let mk =
            |id: &str, kind: &str, date: u64, topic: &str, issuer: &str, level: &str, lapsed| Doc {
                id: id.into(),
                kind: kind.into(),
                title: format!("市容管理规定{id}"),
                body: "市容环境卫生".into(),
                date,
                lapsed,
                topic: topic.into(),
                issuer: issuer.into(),
                level: level.into(),
                ..Default::default()
            };
        i.upsert([
            mk("a", "文件", 20230105, "城乡建设", "市城管执法局", "", false),
            mk("b", "文件", 20240105, "城乡建设", "区城管执法局", "", false),
            mk("c", "文件", 20240606, "市容环卫", "市城管执法局", "", true),
            mk("d", "法规", 20100101, "", "", "地方性法规", false),
            mk("e", "法规", 19990101, "", "", "法律", true),
        ])
        .expect("add");
        i.commit().expect("commit");
        let r = i.search(&q("市容")).expect("s");
        assert_eq!(r.total, 5);
        assert_eq!(r.facets.kind.get("文件"), Some(&3));
        assert_eq!(r.facets.year.get("2024"), Some(&2));
        assert_eq!(r.facets.topic.get("城乡建设"), Some(&2));
        assert_eq!(r.facets.issuer.get("市城管执法局"), Some(&2));
        assert_eq!(r.facets.level.get("法律"), Some(&1));
        assert_eq!(r.facets.validity.get("失效"), Some(&2));
        // Current before lapsed.
        assert!(!r.hits[..3].iter().any(|h| h.lapsed));
        // A filter narrows the hits and the other facets, not its own facet.
        let mut f = q("市容");
        f.year = Some(2024);
        let r = i.search(&f).expect("s");
        assert_eq!(ids(&r).len(), 2);
        assert_eq!(r.facets.year.len(), 4, "all years still offered");
        assert_eq!(r.facets.kind.get("法规"), None);
        assert_eq!(r.facets.issuer.get("区城管执法局"), Some(&1));
        let mut f = q("市容");
        f.kind = Some("文件".into());
        f.exclude_lapsed = true;
        f.issuer = Some("市城管执法局".into());
        let r = i.search(&f).expect("s");
        assert_eq!(ids(&r), vec!["a"]);
        assert_eq!(r.facets.validity.get("失效"), Some(&1), "c would come back");
        assert_eq!(r.facets.kind.get("文件"), Some(&1));
        let mut f = q("市容");
        f.level = Some("法律".into());
        assert_eq!(ids(&i.search(&f).expect("s")), vec!["e"]);
        f.level = Some("不存在".into());
        assert_eq!(i.search(&f).expect("s").total, 0);
        // Newest first (current first still), and pages.
        let mut f = q("市容");
        f.newest_first = true;
        assert_eq!(
            ids(&i.search(&f).expect("s")),
            vec!["b", "a", "d", "c", "e"]
        );
        f.offset = 2;
        f.limit = 2;
        let r = i.search(&f).expect("s");
        assert_eq!(
            (ids(&r), r.total),
            (vec!["d".to_string(), "c".to_string()], 5)
        );
    }

    #[test]
    fn question_words_are_left_out() {
        let i = index();
        let r = i.search(&q("在路边摆摊会被罚款吗？")).expect("s");
        assert!(ids(&r).contains(&"3".to_string()), "{:?}", ids(&r));
        assert!(
            !ids(&r).contains(&"2".to_string()),
            "no hit on 会/被/吗 alone"
        );
        // A query of function words only is still searched.
        assert!(i.search(&q("什么")).is_ok());
    }

    #[test]
    fn typos_traditional_characters_and_corrections() {
        let fix = |t: &str, w: &str| correct(t, &[w.to_string()], &word_bounds(t));
        let (fixed, c) = fix("占到经营", "占道经营");
        assert_eq!(fixed, "占道经营");
        assert_eq!(c, vec![("占道经营".to_string(), "占到经营".to_string())]);
        // Nothing to correct when the word is there, two characters differ, or the
        // stretch is part of another word (执法人 in 执法人员).
        assert!(fix("占道经营行为", "占道经营").1.is_empty());
        assert!(fix("占到经管", "占道经营").1.is_empty());
        assert!(fix("执法人员检查", "执法证").1.is_empty());
        assert_eq!(
            normalize("佔道經營　違章建築ＡＢ１"),
            "占道经营 违章建筑ab1"
        );
        let i = index();
        let r = i.search(&q("占到经营")).expect("s");
        assert_eq!(ids(&r)[0], "1");
        assert_eq!(r.corrected, vec!["占道经营".to_string()]);
        assert_eq!(ids(&i.search(&q("佔道經營")).expect("s"))[0], "1");
    }

    #[test]
    fn most_words_must_match_and_sub_words_weigh_less() {
        let i = SearchIndex::in_memory().expect("index");
        let mk = |id: &str, title: &str, body: &str| Doc {
            id: id.into(),
            kind: "法规".into(),
            title: title.into(),
            body: body.into(),
            ..Default::default()
        };
        i.upsert([
            mk("title-only", "广告管理条例", "广告经营者应当遵守本条例。"),
            mk("both", "市容条例", "禁止张贴非法小广告。"),
            mk("one", "其他规定", "当事人有权申请听证。"),
            mk("two", "处罚程序", "作出行政处罚前，当事人有权陈述申辩。"),
        ])
        .expect("add");
        i.commit().expect("commit");
        // 小广告 outranks 广告 repeated in a title: the part weighs less than the word.
        assert_eq!(ids(&i.search(&q("小广告")).expect("s"))[0], "both");
        // Two words: both must match …
        assert_eq!(
            ids(&i.search(&q("当事人陈述申辩")).expect("s")),
            vec!["two"]
        );
        // … unless that finds nothing, then either does.
        let r = i.search(&q("听证 噪声")).expect("s");
        assert_eq!(ids(&r), vec!["one"]);
    }

    #[test]
    fn a_synonym_of_several_words_needs_them_all() {
        let i = index();
        let mut syn = default_synonyms();
        syn.insert("乱摆".into(), "擅自占用 设摊经营".into());
        i.set_synonyms(syn);
        // 擅自占用 is not one word: 擅自 and 占用 must both occur (documents 3, 4).
        let r = i.search(&q("乱摆")).expect("s");
        assert_eq!(ids(&r), vec!["3", "4"], "{:?}", i.words("乱摆"));
    }

    const LARGE: usize = 60_000;

    /// 60 000 items (more than [`LARGE_RESULT`]): 经营 in all, 占道 in every 50th.
    fn large_index() -> &'static SearchIndex {
        static I: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
        I.get_or_init(|| {
            let i = SearchIndex::in_memory().expect("index");
            let docs = (0..LARGE).map(|k| Doc {
                id: k.to_string(),
                kind: if k % 2 == 0 { "文件" } else { "解读" }.into(),
                title: format!("通知{k}"),
                // The same words in every 文号, in this order in one only.
                number: if k == 4321 {
                    "经营规范秩序".into()
                } else {
                    "经营秩序规范".into()
                },
                body: if k % 1000 == 0 {
                    "依法查处占道经营行为".into()
                } else if k % 50 == 0 {
                    "规范经营秩序，查处占道".into()
                } else {
                    "规范经营秩序".into()
                },
                ..Default::default()
            });
            i.upsert(docs).expect("add");
            i.commit().expect("commit");
            i
        })
    }

    #[test]
    fn large_indexes_skip_common_words_and_estimate_large_counts() {
        let i = large_index();
        let n = LARGE;
        // 经营 is in every item: it does not make every item a hit of 占道经营.
        let r = i.search(&q("占道经营")).expect("s");
        assert!(r.exact);
        assert!(
            r.hits
                .iter()
                .take(10)
                .all(|h| h.id.parse::<usize>().unwrap_or(1) % 1000 == 0),
            "the items with the word itself first: {:?}",
            ids(&r)
        );
        // 占道 is rare, 经营 common: matches come from 占道 (every 50th item), the best
        // are scored with 经营 too.
        let r = i.search(&q("占道 经营")).expect("s");
        assert!(r.exact);
        assert_eq!(r.total, n / 50);
        // A common word alone matches nearly everything: the page comes from block-max
        // WAND, the total and facets are estimated from a sample.
        let r = i.search(&q("经营")).expect("s");
        assert!(!r.exact);
        assert_eq!(r.hits.len(), 10);
        assert!(
            (r.total as f64 - n as f64).abs() < n as f64 * 0.05,
            "{}",
            r.total
        );
        let files = r.facets.kind.get("文件").copied().unwrap_or(0) as f64;
        assert!((files - n as f64 / 2.0).abs() < n as f64 * 0.05, "{files}");
        // A whole 文号 made of common words still finds its item first (on the path
        // for queries of common words only).
        let r = i.search(&q("经营规范秩序")).expect("s");
        assert!(!r.exact);
        assert_eq!(r.hits[0].id, "4321", "{:?}", ids(&r));
        // With a filter the page still holds only matching items.
        let mut only = q("经营");
        only.kind = Some("解读".into());
        let r = i.search(&only).expect("s");
        assert!(r.hits.iter().all(|h| h.kind == "解读") && r.hits.len() == 10);
    }

    #[test]
    fn snippets_escape_and_highlight_without_overlap() {
        let w = vec![
            "违法建筑".to_string(),
            "违法".to_string(),
            "建筑".to_string(),
        ];
        assert_eq!(
            snippet("拆除<违法建筑>", &w, 50),
            "拆除&lt;<b>违法建筑</b>&gt;"
        );
        let long = format!("{}违法建筑{}", "甲".repeat(100), "乙".repeat(100));
        let s = snippet(&long, &w, 40);
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("<b>违法建筑</b>"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        #[test]
        fn any_query_string_gives_results_or_an_empty_page(s in "\\PC{0,300}") {
            static SHARED: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
            let i = SHARED.get_or_init(index);
            let r = i.search(&q(&s));
            proptest::prop_assert!(r.is_ok());
            proptest::prop_assert!(r.map(|r| r.hits.len() <= 10).unwrap_or(false));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(60))]
        /// The same on a large index, where common words, rescoring, block-max WAND
        /// and sampled counts come into play, with words of the index mixed in.
        #[test]
        fn any_query_on_a_large_index_gives_results_or_an_empty_page(
            words in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("经营".to_string()),
                    proptest::strategy::Just("占道".to_string()),
                    proptest::strategy::Just("规范秩序".to_string()),
                    proptest::strategy::Just("\"".to_string()),
                    proptest::strategy::Just("吗".to_string()),
                    "\\PC{0,8}",
                ],
                0..6,
            ),
            kind in proptest::option::of(proptest::prop_oneof![
                proptest::strategy::Just("文件".to_string()),
                proptest::strategy::Just("无此类".to_string()),
            ]),
            newest_first: bool,
            offset in 0usize..30,
        ) {
            let i = large_index();
            let r = i.search(&Query {
                text: words.join(" "),
                kind,
                newest_first,
                offset,
                limit: 10,
                ..Default::default()
            });
            proptest::prop_assert!(r.is_ok());
            let r = r.expect("checked");
            proptest::prop_assert!(r.hits.len() <= 10);
            proptest::prop_assert!(r.total <= LARGE);
        }
    }

    #[test]
    fn odd_input_never_fails() {
        let i = index();
        for s in [
            "",
            "\"",
            "\"\"\"",
            "AND OR NOT (",
            "'; DROP TABLE x; --",
            "😀😀",
            "，。！",
            "\u{0}\u{1}",
            &"占".repeat(10_000),
        ] {
            let r = i.search(&q(s)).expect("no error");
            assert!(r.hits.len() <= 10);
        }
        let r = i.search(&q("不存在的词汇组合违建")).expect("s");
        assert!(r.hits.is_empty() || r.total > 0);
    }
}
