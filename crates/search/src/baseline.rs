//! A plain jieba + BM25 index, the baseline `gongkai bench search` measures the engine
//! against: one text field (title, number and body), the same jieba segmentation in
//! search mode, every token of the query a SHOULD term, ranked by BM25 alone — no
//! field boosts, synonyms, function words, relaxation, regions or validity order.

use tantivy::query::{BooleanQuery, Occur, Query as TQuery, TermQuery};
use tantivy::schema::{
    IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::{Index, IndexReader, TantivyDocument, Term, doc};

use crate::analysis::{analyzer, normalize};
use crate::{Doc, Result};

pub struct Baseline {
    reader: IndexReader,
    id: tantivy::schema::Field,
    text: tantivy::schema::Field,
}

impl Baseline {
    /// Build the baseline over `docs` in memory.
    pub fn build(docs: impl IntoIterator<Item = Doc>) -> Result<Baseline> {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let text = b.add_text_field(
            "text",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("jieba")
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        );
        let index = Index::create_in_ram(b.build());
        index.tokenizers().register("jieba", analyzer());
        let mut w = index.writer(50_000_000)?;
        for d in docs {
            w.add_document(doc!(
                id => d.id,
                text => normalize(&format!("{}\n{}\n{}", d.title, d.number, d.body)),
            ))?;
        }
        w.commit()?;
        let reader = index.reader()?;
        Ok(Baseline { reader, id, text })
    }

    /// The ids of the best `limit` items for `query`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<String>> {
        let mut a = analyzer();
        let folded = normalize(query);
        let mut stream = a.token_stream(&folded);
        let mut clauses: Vec<(Occur, Box<dyn TQuery>)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some(t) = stream.next() {
            let s = t.text.trim().to_string();
            if s.chars().any(char::is_alphanumeric) && seen.insert(s.clone()) {
                clauses.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.text, &s),
                        IndexRecordOption::WithFreqs,
                    )),
                ));
            }
        }
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &tantivy::collector::TopDocs::with_limit(limit.max(1)).order_by_score(),
        )?;
        let mut out = Vec::new();
        for (_, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            if let Some(v) = d.get_first(self.id).and_then(|v| v.as_str()) {
                out.push(v.to_string());
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_by_bm25_over_any_word() {
        let mk = |id: &str, title: &str, body: &str| Doc {
            id: id.into(),
            title: title.into(),
            body: body.into(),
            ..Default::default()
        };
        let b = Baseline::build([
            mk("a", "市容条例", "占道经营的，处罚款。"),
            mk("b", "其他", "罚款"),
            mk("c", "无关", "绿化"),
        ])
        .expect("build");
        let r = b.search("占道经营 罚款", 10).expect("search");
        assert_eq!(r[0], "a");
        assert!(r.contains(&"b".to_string()));
        assert!(!r.contains(&"c".to_string()));
        assert!(b.search("，。", 10).expect("search").is_empty());
    }
}
