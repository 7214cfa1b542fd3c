//! Plain-language words linked to the legal terms that answer them, mined from
//! question–answer pairs (the FAQ bank: citizens' wording in the question, the law's
//! in the answer), not listed by hand.
//!
//! For each pair, the answer's most specific terms (term frequency × inverse document
//! frequency in this index) that the question does not use are linked to each content
//! word of the question. Over all pairs, a question word keeps its
//! [`PER_WORD`] best-supported terms; words used in many questions (怎么, 处罚 …) are
//! not linked at all. At query time a linked word's group also matches its terms, at
//! [`RELATED_WEIGHT`] (see `plan::Group::related`): 油烟 in a citizen's question also
//! finds the articles on 餐饮服务 and 大气污染 that answered such questions before.
//! The links join a query's looser readings only (see `run.rs`): they add hits where
//! the words alone find few and never outrank what the words find.

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::Term;

use crate::SearchIndex;
use crate::analysis::{STOP_WORDS, normalize};

/// The boost of a linked term, relative to the word itself (1.0).
pub const RELATED_WEIGHT: f32 = 0.4;
/// Terms taken from each answer.
const PER_ANSWER: usize = 4;
/// Terms kept per question word.
const PER_WORD: usize = 3;
/// A question word found in more than this share of the questions links nothing.
const GENERIC_SHARE: f64 = 0.08;

/// Question words and their linked terms with weights.
pub(crate) type Links = HashMap<String, Vec<(String, f32)>>;

fn content(w: &str) -> bool {
    w.chars().count() >= 2
        && !STOP_WORDS.contains(&w)
        && !w
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
        && w.chars().any(char::is_alphanumeric)
}

impl SearchIndex {
    /// Learn the links of question words from `(question, answer)` pairs (replacing
    /// earlier ones). Returns how many question words got links.
    pub fn learn_related(&self, pairs: &[(String, String)]) -> usize {
        let searcher = self.reader.searcher();
        let n = searcher.num_docs().max(1) as f64;
        let idf = |w: &str| -> f64 {
            let df = searcher
                .doc_freq(&Term::from_field_text(self.f.body, w))
                .unwrap_or(0) as f64;
            if df == 0.0 { 0.0 } else { (n / df).ln() }
        };
        let questions: Vec<HashSet<String>> = pairs
            .iter()
            .map(|(q, _)| {
                self.tokens(&normalize(q))
                    .into_iter()
                    .filter(|w| content(w))
                    .collect()
            })
            .collect();
        let mut in_questions: HashMap<&str, usize> = HashMap::new();
        for q in &questions {
            for w in q {
                *in_questions.entry(w).or_default() += 1;
            }
        }
        let generic = (pairs.len() as f64 * GENERIC_SHARE).max(3.0) as usize;
        let mut support: BTreeMap<String, HashMap<String, f64>> = BTreeMap::new();
        for ((_, answer), q) in pairs.iter().zip(&questions) {
            let mut tf: HashMap<String, usize> = HashMap::new();
            for w in self.tokens_all(&normalize(answer)) {
                if content(&w) && !q.iter().any(|x| x.contains(&w[..]) || w.contains(&x[..])) {
                    *tf.entry(w).or_default() += 1;
                }
            }
            let mut scored: Vec<(String, f64)> = tf
                .into_iter()
                .map(|(w, c)| {
                    let s = c as f64 * idf(&w);
                    (w, s)
                })
                .filter(|(_, s)| *s > 0.0)
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            scored.truncate(PER_ANSWER);
            for word in q {
                if in_questions.get(word.as_str()).copied().unwrap_or(0) > generic {
                    continue;
                }
                let e = support.entry(word.clone()).or_default();
                for (t, s) in &scored {
                    *e.entry(t.clone()).or_default() += s;
                }
            }
        }
        let links: Links = support
            .into_iter()
            .filter_map(|(word, terms)| {
                let mut terms: Vec<(String, f64)> = terms.into_iter().collect();
                terms.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                terms.truncate(PER_WORD);
                (!terms.is_empty()).then(|| {
                    (
                        word,
                        terms
                            .into_iter()
                            .map(|(t, _)| (t, RELATED_WEIGHT))
                            .collect(),
                    )
                })
            })
            .collect();
        let count = links.len();
        if let Ok(mut l) = self.related.lock() {
            *l = links;
        }
        count
    }

    /// The terms linked to `word` (empty when none).
    pub fn related_terms(&self, word: &str) -> Vec<String> {
        self.related
            .lock()
            .ok()
            .and_then(|l| {
                l.get(word)
                    .map(|v| v.iter().map(|(t, _)| t.clone()).collect())
            })
            .unwrap_or_default()
    }

    /// Every token of `text` with repetitions (term frequency counts them).
    fn tokens_all(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let Ok(mut a) = self.query_analyzer.lock() else {
            return out;
        };
        let mut stream = a.token_stream(text);
        while let Some(t) = stream.next() {
            let s = t.text.trim();
            if !s.is_empty() {
                out.push(s.to_string());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{ids, q};
    use crate::*;

    fn doc(id: &str, title: &str, body: &str) -> Doc {
        Doc {
            id: id.into(),
            kind: "法规".into(),
            title: title.into(),
            body: body.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_question_word_finds_the_terms_its_answers_use() {
        let i = SearchIndex::in_memory().expect("index");
        let mut docs = vec![
            doc(
                "1",
                "大气污染防治条例",
                "餐饮服务业经营者应当安装油烟净化设施。",
            ),
            doc("2", "市容环境卫生管理条例", "不得占用道路设摊经营。"),
        ];
        for k in 0..30 {
            docs.push(doc(
                &format!("f{k}"),
                "其他规定",
                &format!("第{k}条 其他事项的规定。"),
            ));
        }
        i.replace_all(docs).expect("index");
        assert!(
            !ids(&i.search(&q("熏人")).expect("s")).contains(&"1".to_string()),
            "nothing links 熏人 yet"
        );
        let learned = i.learn_related(&[(
            "楼下饭馆熏人谁管".to_string(),
            "餐饮服务业经营者应当安装油烟净化设施，由生态环境部门处理。".to_string(),
        )]);
        assert!(learned >= 1);
        let linked = i.related_terms("熏人");
        assert!(
            linked.iter().any(|t| t == "油烟" || t == "净化"),
            "{linked:?}"
        );
        assert!(ids(&i.search(&q("熏人")).expect("s")).contains(&"1".to_string()));
        // A link adds matches; it never outranks the word itself.
        let r = i.search(&q("设摊")).expect("s");
        assert_eq!(ids(&r).first().map(String::as_str), Some("2"));
    }

    /// In a large index a linked term found in most items (经营) does not make every
    /// one of them a hit of the word: it only adds to the score of the items the word
    /// and its other links find.
    #[test]
    fn a_common_linked_term_scores_and_does_not_match() {
        let i = SearchIndex::in_memory().expect("index");
        let docs = (0..20_000).map(|k| {
            let mut body = format!("第{k}条 其他事项。");
            if k % 4000 == 0 {
                body.push_str("油烟");
            }
            if k % 250 < 2 {
                body.push_str("餐饮");
            }
            // Every item as long as the others: 经营 or a word of no link.
            body.push_str(if k % 5 != 0 { "经营" } else { "办理" });
            doc(&k.to_string(), "规定", &body)
        });
        i.replace_all(docs).expect("index");
        *i.related.lock().expect("links") = [(
            "油烟".to_string(),
            vec![
                ("经营".to_string(), super::RELATED_WEIGHT),
                ("餐饮".to_string(), super::RELATED_WEIGHT),
            ],
        )]
        .into();
        let mut query = q("油烟");
        query.limit = 20;
        let r = i.search(&query).expect("s");
        assert_eq!(r.total, 160, "油烟 or 餐饮, not every item with 经营");
        let found: Vec<usize> = ids(&r).iter().filter_map(|h| h.parse().ok()).collect();
        // The word itself first, then the linked 餐饮 items with 经营 before those without.
        assert!(found[..5].iter().all(|k| k % 4000 == 0), "{found:?}");
        assert!(found[5..].iter().all(|k| k % 250 == 1), "{found:?}");
    }
}
