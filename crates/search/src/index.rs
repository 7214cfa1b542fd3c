//! The index: its schema, [`SearchIndex`] (open, add, replace, commit) and
//! [`SearchIndex::search`], which runs the plan of `plan` through `collect` (or the
//! paths of `large`) and makes the hits.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use tantivy::query::{BooleanQuery, Occur, Query as TQuery, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term, doc};

use crate::analysis::{Synonyms, analyzer, default_synonyms, normalize};
use crate::{Doc, Query, Result, collect};

#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub(crate) id: Field,
    pub(crate) kind: Field,
    pub(crate) title: Field,
    pub(crate) number: Field,
    /// The whole 文号 / 条号, untokenized, for exact lookups.
    pub(crate) number_raw: Field,
    pub(crate) body: Field,
    /// What is shown: the texts as given (the indexed ones are folded).
    pub(crate) title_shown: Field,
    pub(crate) number_shown: Field,
    pub(crate) body_shown: Field,
    pub(crate) url: Field,
    pub(crate) date: Field,
    pub(crate) lapsed: Field,
    pub(crate) topic: Field,
    pub(crate) issuer: Field,
    pub(crate) level: Field,
    pub(crate) region: Field,
    pub(crate) group: Field,
    /// [`group_key`] of `group`: grouping compares these numbers (a fast field read)
    /// instead of decoding the group's text from the dictionary for every hit.
    pub(crate) group_key: Field,
}

/// A stable 64-bit key of a group name (FNV-1a); 0 for no group.
pub(crate) fn group_key(group: &str) -> u64 {
    if group.is_empty() {
        return 0;
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in group.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h.max(1)
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
        region: b.add_text_field("region", STRING | STORED | FAST),
        group: b.add_text_field("group", STRING | STORED | FAST),
        group_key: b.add_u64_field("group_key", FAST),
    };
    (b.build(), f)
}

/// The index and its writer.
pub struct SearchIndex {
    /// One analyzer for queries (building one clones the dictionary).
    pub(crate) query_analyzer: Mutex<TextAnalyzer>,
    pub(crate) reader: IndexReader,
    pub(crate) writer: Mutex<IndexWriter>,
    pub(crate) f: Fields,
    pub(crate) synonyms: Mutex<Synonyms>,
    /// Question words linked to legal terms (`learn_related`).
    pub(crate) related: Mutex<crate::related::Links>,
}

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
            related: Mutex::new(Default::default()),
        })
    }

    pub fn in_memory() -> Result<SearchIndex> {
        SearchIndex::with(Index::create_in_ram(schema().0))
    }

    /// Open the index in `dir`, creating it when absent.
    pub fn open_or_create(dir: &Path) -> Result<SearchIndex> {
        std::fs::create_dir_all(dir)
            .map_err(|e| tantivy::TantivyError::SystemError(e.to_string()))?;
        // Postings, positions and stored text are read, the rest mapped
        // (`folder.rs`: what varied searches touch stays out of the resident set).
        let folder = crate::folder::IndexFolder::open(dir)?;
        SearchIndex::with(Index::open_or_create(folder, schema().0)?)
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
            self.f.region => d.region,
            self.f.group_key => group_key(&d.group),
            self.f.group => d.group,
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

    pub(crate) fn tokens(&self, text: &str) -> Vec<String> {
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

    pub(crate) fn facetted(&self, q: &Query, phrases: &[String]) -> collect::Facetted {
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
                q.region.clone(),
            ],
            phrases: phrases.to_vec(),
            shown: [self.f.title_shown, self.f.number_shown, self.f.body_shown],
            home: q.home.clone(),
        }
    }

    /// Run one query: the page of hits, the total and the facets in one pass.
    pub(crate) fn collect(
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
}

#[cfg(test)]
mod tests {
    use crate::testing::{ids, index, q};
    use crate::*;

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
