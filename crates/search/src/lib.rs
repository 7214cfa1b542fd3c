//! Chinese full-text search: tantivy with jieba segmentation (search mode, so 占道经营
//! is found inside 占道经营行为), full-width/half-width and common 繁体 → 简体 folding,
//! a synonym dictionary, BM25 with field boosts (标题 > 文号/条号 > 正文), exact quoted
//! phrases, a type filter with facet counts, current texts ranked above lapsed ones,
//! highlighted snippets, pagination, and suggestions when nothing matches.
//!
//! Queries are built as recommended in STACK.md §1: the query is run through the
//! field's analyzer and each token becomes a SHOULD `TermQuery` (tantivy's QueryParser
//! would turn multi-token words into phrase queries that miss sub-words).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query as TQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
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

/// One searchable item (a document, an interpretation, a law article …).
#[derive(Debug, Clone, PartialEq)]
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
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect()
}

/// Common traditional characters of government text and their simplified forms.
const TRAD: &str = "違违築筑廣广執执處处罰罚經经營营攤摊區区縣县條条規规關关於于與与業业門门檢检隨随機机雙双開开衛卫環环號号為为國国務务辦办會会員员動动車车無无證证書书點点請请應应當当時时間间問问題题報报訴诉監监線线產产發发財财費费貨货運运輸输聲声電电話话網网絡络數数據据術术權权稅税將将從从這这個个們们來来對对說说實实現现體体質质資资訊讯標标準准護护險险學学醫医藥药價价買买賣卖場场塊块壞坏傳传許许認认識识議议論论辭辞總总統统計计設设計计劃划擁拥擠挤戶户廳厅歷历園园圖图團团縣县鄉乡鎮镇樓楼層层齊齐級级";

/// Fold full-width ASCII to half-width, ideographic spaces to spaces, common 繁体 to
/// 简体, and ASCII letters to lower case.
pub fn normalize(s: &str) -> String {
    let trad: Vec<char> = TRAD.chars().collect();
    s.chars()
        .map(|c| {
            let c = match c as u32 {
                0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                0x3000 => ' ',
                _ => c,
            };
            match trad.chunks(2).find(|p| p[0] == c) {
                Some(p) => p[1],
                None => c.to_ascii_lowercase(),
            }
        })
        .collect()
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
        kind: b.add_text_field("kind", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        number: b.add_text_field("number", text.clone()),
        number_raw: b.add_text_field("number_raw", STRING),
        body: b.add_text_field("body", text),
        title_shown: b.add_text_field("title_shown", STORED),
        number_shown: b.add_text_field("number_shown", STORED),
        body_shown: b.add_text_field("body_shown", STORED),
        url: b.add_text_field("url", STORED),
        date: b.add_u64_field(
            "date",
            tantivy::schema::INDEXED | STORED | tantivy::schema::FAST,
        ),
        lapsed: b.add_u64_field("lapsed", tantivy::schema::INDEXED | STORED),
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
    synonyms: Mutex<BTreeMap<String, String>>,
}

/// What to search for.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub text: String,
    pub kind: Option<String>,
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
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    pub total: usize,
    pub hits: Vec<Hit>,
    /// Hits per kind for the same query (tabs).
    pub facets: BTreeMap<String, usize>,
    /// When nothing matched: words of the query that do match something.
    pub suggestions: Vec<String>,
}

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
            synonyms: Mutex::new(default_synonyms()),
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
        if let Ok(mut s) = self.synonyms.lock() {
            *s = map;
        }
    }

    /// Add or replace documents (by id). Call [`commit`](Self::commit) to make them visible.
    pub fn upsert(&self, docs: impl IntoIterator<Item = Doc>) -> Result<()> {
        let w = self
            .writer
            .lock()
            .map_err(|_| tantivy::TantivyError::SystemError("writer lock".into()))?;
        for d in docs {
            w.delete_term(Term::from_field_text(self.f.id, &d.id));
            w.add_document(self.to_doc(d))?;
        }
        Ok(())
    }

    /// Remove documents whose id starts with `prefix` followed by nothing else — or
    /// exactly `id`.
    pub fn delete(&self, id: &str) -> Result<()> {
        let w = self
            .writer
            .lock()
            .map_err(|_| tantivy::TantivyError::SystemError("writer lock".into()))?;
        w.delete_term(Term::from_field_text(self.f.id, id));
        Ok(())
    }

    /// Replace the whole content in one commit, holding the writer throughout, so that
    /// concurrent rebuilds serialise and searches see either the old or the new index.
    pub fn replace_all(&self, docs: impl IntoIterator<Item = Doc>) -> Result<()> {
        let mut w = self
            .writer
            .lock()
            .map_err(|_| tantivy::TantivyError::SystemError("writer lock".into()))?;
        w.delete_all_documents()?;
        for d in docs {
            w.add_document(self.to_doc(d))?;
        }
        w.commit()?;
        drop(w);
        self.reader.reload()?;
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
        )
    }

    pub fn clear(&self) -> Result<()> {
        let w = self
            .writer
            .lock()
            .map_err(|_| tantivy::TantivyError::SystemError("writer lock".into()))?;
        w.delete_all_documents()?;
        Ok(())
    }

    pub fn commit(&self) -> Result<()> {
        let mut w = self
            .writer
            .lock()
            .map_err(|_| tantivy::TantivyError::SystemError("writer lock".into()))?;
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

    /// The scoring part of a query: each token SHOULD match, title ×3, number ×2, body ×1.
    fn scoring(&self, words: &[String]) -> Option<Box<dyn TQuery>> {
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        for w in words {
            for (field, boost) in [
                (self.f.title, 3.0),
                (self.f.number, 2.0),
                (self.f.body, 1.0),
            ] {
                let q = TermQuery::new(
                    Term::from_field_text(field, w),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), boost))));
            }
        }
        (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn TQuery>)
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
        let mut words = self.tokens(&loose);
        if let Ok(syn) = self.synonyms.lock() {
            for (k, v) in syn.iter() {
                if loose.contains(k.as_str()) {
                    for t in self.tokens(v) {
                        if !words.contains(&t) {
                            words.push(t);
                        }
                    }
                }
            }
        }
        let Some(mut scoring) = self.scoring(&words) else {
            return Ok(Results::default());
        };
        // A whole 文号 or 条号 typed as the query finds that document first.
        let compact: String = loose.chars().filter(|c| !c.is_whitespace()).collect();
        if !compact.is_empty() && compact.chars().count() <= 40 {
            let exact = TermQuery::new(
                Term::from_field_text(self.f.number_raw, &compact),
                IndexRecordOption::Basic,
            );
            scoring = Box::new(BooleanQuery::new(vec![
                (Occur::Should, scoring),
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(exact), 20.0)),
                ),
            ]));
        }
        let searcher = self.reader.searcher();
        let mut base: Vec<(Occur, Box<dyn TQuery>)> = vec![(Occur::Must, scoring)];
        // Every word of a phrase must occur (the exact sequence is checked on the hits).
        for p in &phrases {
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
                base.push((Occur::Must, Box::new(BooleanQuery::new(per_field))));
            }
        }
        let with_kind = |kind: Option<&str>, lapsed: Option<bool>| -> BooleanQuery {
            let mut c: Vec<(Occur, Box<dyn TQuery>)> =
                base.iter().map(|(o, q)| (*o, q.box_clone())).collect();
            if let Some(k) = kind {
                c.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.f.kind, k),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
            if let Some(l) = lapsed {
                c.push((
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_u64(self.f.lapsed, u64::from(l)),
                        IndexRecordOption::Basic,
                    )),
                ));
            }
            BooleanQuery::new(c)
        };
        let matches_phrases = |d: &TantivyDocument| -> bool {
            phrases.is_empty() || {
                let all: String = [self.f.title_shown, self.f.number_shown, self.f.body_shown]
                    .into_iter()
                    .filter_map(|f| d.get_first(f).and_then(|v| v.as_str()).map(normalize))
                    .collect::<Vec<_>>()
                    .join("\n");
                phrases.iter().all(|p| all.contains(p.as_str()))
            }
        };
        // Candidates: current first, then lapsed (unless excluded); enough for the page.
        let want = q.offset + q.limit.max(1);
        let cap = (want * 4).clamp(100, 2000);
        let mut ordered: Vec<(f32, tantivy::DocAddress)> = Vec::new();
        let mut passes = vec![false];
        if !q.exclude_lapsed {
            passes.push(true);
        }
        for lapsed in passes {
            let query = with_kind(q.kind.as_deref(), Some(lapsed));
            let mut found: Vec<(f32, tantivy::DocAddress)> = if q.newest_first {
                searcher
                    .search(
                        &query,
                        &TopDocs::with_limit(cap)
                            .order_by_fast_field::<u64>("date", tantivy::Order::Desc),
                    )?
                    .into_iter()
                    .map(|(_, a)| (0.0, a))
                    .collect()
            } else {
                searcher.search(&query, &TopDocs::with_limit(cap).order_by_score())?
            };
            if !phrases.is_empty() {
                found.retain(|(_, a)| {
                    searcher
                        .doc::<TantivyDocument>(*a)
                        .map(|d| matches_phrases(&d))
                        .unwrap_or(false)
                });
            }
            ordered.extend(found);
        }
        let mut facets = BTreeMap::new();
        for kind in self.kinds(&searcher)? {
            let n = searcher.search(
                &with_kind(
                    Some(&kind),
                    if q.exclude_lapsed { Some(false) } else { None },
                ),
                &Count,
            )?;
            if n > 0 {
                facets.insert(kind, n);
            }
        }
        let total = if phrases.is_empty() {
            let n = searcher.search(
                &with_kind(
                    q.kind.as_deref(),
                    if q.exclude_lapsed { Some(false) } else { None },
                ),
                &Count,
            )?;
            n.max(ordered.len())
        } else {
            ordered.len()
        };
        let mut hits = Vec::new();
        for (score, addr) in ordered.into_iter().skip(q.offset).take(q.limit.max(1)) {
            let d: TantivyDocument = searcher.doc(addr)?;
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
                lapsed: d.get_first(self.f.lapsed).and_then(|v| v.as_u64()) == Some(1),
                score,
            });
        }
        let suggestions = if hits.is_empty() && !words.is_empty() {
            words
                .iter()
                .filter(|w| w.chars().count() >= 2)
                .filter(|w| {
                    self.scoring(&[(*w).clone()])
                        .and_then(|sq| searcher.search(&sq, &Count).ok())
                        .unwrap_or(0)
                        > 0
                })
                .take(5)
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        Ok(Results {
            total,
            hits,
            facets,
            suggestions,
        })
    }

    fn kinds(&self, searcher: &tantivy::Searcher) -> Result<Vec<String>> {
        let mut out = std::collections::BTreeSet::new();
        for seg in searcher.segment_readers() {
            let inv = seg.inverted_index(self.f.kind)?;
            let mut terms = inv.terms().stream()?;
            while let Some((k, _)) = terms.next() {
                out.insert(String::from_utf8_lossy(k).to_string());
            }
        }
        Ok(out.into_iter().collect())
    }
}

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
        assert_eq!(r.facets.get("法规"), Some(&2));
        assert_eq!(r.facets.get("文件"), Some(&1));
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
