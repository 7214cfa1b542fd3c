//! The query plan: the query as groups of terms (one per word, with its parts,
//! synonyms and corrections), and the scoring query built from them, common words
//! set apart in a large index.

use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Term};

use crate::SearchIndex;
use crate::analysis::{STOP_WORDS, correct, normalize, word_bounds};
use crate::tree::Node;

/// One word of a query and the terms that stand for it, with their weights.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    pub(crate) terms: Vec<(String, f32)>,
    /// Synonyms of several words that must occur together.
    pub(crate) together: Vec<Vec<String>>,
    /// Terms linked to the word from question–answer pairs (see `related`): further
    /// alternatives, weighted lower than the word.
    pub(crate) related: Vec<(String, f32)>,
}

impl Group {
    pub(crate) fn all_terms(self) -> impl Iterator<Item = String> {
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

/// The page and the counts of a query, as planned by `scoring`.
pub(crate) struct Plan {
    pub(crate) main: Node,
    /// Every term `main` scores and the query's common words left to `rescore`, each
    /// once with its highest weight, as one flat union: block-max WAND takes its best
    /// items without visiting every match (see `collect_large`).
    pub(crate) flat: Node,
    /// The whole query as a 文号 or 条号 (see `main`), searched beside `flat`.
    pub(crate) number: Option<Node>,
    /// How many items `main`'s terms are found in, added up (at most the index's
    /// size): past [`LARGE_RESULT`], `main` may match a large part of the index and
    /// the sample decides.
    pub(crate) bound: u64,
    /// The query's common words `main` leaves out and the common terms linked to its
    /// words, as (term query, boost): added to the score of the best
    /// [`RESCORE_DEPTH`] candidates of `main`.
    pub(crate) rescore: Vec<(TermQuery, f32)>,
}

/// A reading of the query that finds fewer hits (or groups, when grouping) than this
/// is relaxed: the least informative word left out, then any word (see
/// `SearchIndex::search`).
pub const RELAX_BELOW: usize = 10;

/// The boost of the whole query found as an item's 文号 or 条号.
const EXACT_BOOST: f32 = 20.0;

/// How many candidates are scored again with the common words.
pub const RESCORE_DEPTH: usize = 500;

/// Past this many matches (estimated on a sample), counts are estimated from the
/// sample and the page comes from block-max WAND (see `collect_large`).
pub const LARGE_RESULT: u64 = 50_000;

/// An index smaller than this searches every word as given (see `scoring`).
const COMMON_MIN_DOCS: u64 = 10_000;
/// A word found in more than this share of the items is "common".
const COMMON_SHARE: f64 = 0.05;

impl SearchIndex {
    /// The query as groups of terms, one group per word of the query: the word itself,
    /// the parts search-mode segmentation adds (weighted [`PART_WEIGHT`], so 广告 in
    /// 小广告 counts less than 小广告), and its synonyms. Function words of questions
    /// (的, 吗, 怎么 …) are left out unless nothing else is left. A word one character
    /// away from a word of the domain lexicon (占到经营 → 占道经营) is searched as that
    /// word, keeping what was typed as a part. Returns the groups and the corrections.
    pub(crate) fn groups(&self, loose: &str) -> (Vec<Group>, Vec<String>) {
        let lexicon = self
            .synonyms
            .lock()
            .map(|s| s.lexicon.clone())
            .unwrap_or_default();
        let (_, proposed) = correct(loose, &lexicon, &word_bounds(loose));
        // A word is corrected only when what was typed finds nothing (it is neither a
        // word of the dictionary nor a term of the index) and the correction finds
        // something: 执法局 of 城管执法局电话 is a known word, never taken for 执法证.
        let searcher = self.reader.searcher();
        let df = |w: &str| -> u64 {
            [self.f.title, self.f.body]
                .into_iter()
                .map(|f| searcher.doc_freq(&Term::from_field_text(f, w)).unwrap_or(0))
                .max()
                .unwrap_or(0)
        };
        let corrections: Vec<(String, String)> = proposed
            .into_iter()
            .filter(|(word, typed)| {
                !crate::analysis::jieba().has_word(typed) && df(typed) == 0 && df(word) > 0
            })
            .collect();
        let mut fixed = loose.to_string();
        for (word, typed) in &corrections {
            fixed = fixed.replacen(typed.as_str(), word, 1);
        }
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
                ..Default::default()
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
                            ..Default::default()
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
        if let Ok(links) = self.related.lock() {
            for g in &mut groups {
                if let Some(terms) = links.get(g.main()) {
                    g.related = terms
                        .iter()
                        .filter(|(t, _)| !g.terms.iter().any(|(w, _)| w == t))
                        .cloned()
                        .collect();
                }
            }
        }
        (groups, corrections.into_iter().map(|(w, _)| w).collect())
    }

    /// How many items a group's words are found in (title, number or body; the
    /// larger the less informative).
    pub(crate) fn group_df(&self, searcher: &Searcher, g: &Group) -> u64 {
        g.terms
            .iter()
            .filter(|(_, w)| *w >= 1.0)
            .map(|(t, _)| {
                [self.f.title, self.f.number, self.f.body]
                    .into_iter()
                    .map(|f| searcher.doc_freq(&Term::from_field_text(f, t)).unwrap_or(0))
                    .max()
                    .unwrap_or(0)
            })
            .sum()
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
    fn term_nodes(&self, w: &str, weight: f32) -> Vec<Node> {
        self.weighted_fields()
            .into_iter()
            .map(|(field, boost)| {
                Node::Term(
                    Term::from_field_text(field, w),
                    IndexRecordOption::WithFreqs,
                    boost * weight,
                )
            })
            .collect()
    }

    /// One group: the word or one of its synonyms, or else all of its parts (so 随机抽查
    /// is found in 双随机一公开抽查, but 违法 alone does not match 违法建筑).
    /// Parts that are common words (违法, 建筑) are left to the word itself: their
    /// conjunction would be costly and match too much. The terms linked to the word
    /// (see `related`) are further alternatives, the common ones left out: they would
    /// make nearly every item a hit of the word.
    fn group_node(&self, g: &Group, common: &dyn Fn(&str) -> bool) -> Node {
        let mut any: Vec<Node> = Vec::new();
        let mut parts: Vec<Node> = Vec::new();
        let common_parts = g.terms.iter().any(|(w, weight)| *weight < 1.0 && common(w));
        for (w, weight) in &g.terms {
            if *weight >= 1.0 {
                any.extend(self.term_nodes(w, *weight));
            } else if !common_parts {
                parts.push(Node::AtLeast(0, self.term_nodes(w, *weight)));
            }
        }
        if !parts.is_empty() {
            any.push(Node::All(parts));
        }
        for (w, weight) in g.related.iter().filter(|(t, _)| !common(t)) {
            any.extend(self.term_nodes(w, *weight));
        }
        for words in &g.together {
            any.push(Node::All(
                words
                    .iter()
                    .map(|w| Node::AtLeast(0, self.term_nodes(w, 1.0)))
                    .collect(),
            ));
        }
        Node::AtLeast(0, any)
    }

    /// The scoring part of a query: the groups SHOULD match (BM25, boosted per field):
    /// both of two, three fifths (at least two) of three or more, any one when `relaxed`.
    ///
    /// In a large index, a group whose words are all found in more than
    /// [`COMMON_SHARE`] of the items (经营, 管理 …) only adds to the score of items that
    /// match the rarer groups, instead of matching a large part of the index by itself
    /// (the "common terms" technique); a query of common words only is searched as is.
    pub(crate) fn scoring(
        &self,
        searcher: &Searcher,
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
        let any_of = |gs: &[&Group]| -> Node {
            Node::AtLeast(
                at_least(gs.len()),
                gs.iter().map(|g| self.group_node(g, &common)).collect(),
            )
        };
        // Rare and common words: the rare ones decide the matches and a first order;
        // the best candidates are then scored with the common ones too (scoring the
        // common words on every match would walk their long posting lists). So are
        // the common terms linked to the words asked for: as alternatives they would
        // make nearly every item a hit.
        let (asked, left): (&[&Group], &[&Group]) = if rare.is_empty() {
            (&frequent, &[])
        } else {
            (&rare, &frequent)
        };
        let per_field = |(t, w): &(String, f32)| -> Vec<(TermQuery, f32)> {
            self.weighted_fields()
                .into_iter()
                .map(|(f, boost)| {
                    (
                        TermQuery::new(Term::from_field_text(f, t), IndexRecordOption::WithFreqs),
                        boost * w,
                    )
                })
                .collect()
        };
        let left_words: Vec<(TermQuery, f32)> = left
            .iter()
            .flat_map(|g| g.terms.iter().filter(|(_, w)| *w >= 1.0))
            .flat_map(per_field)
            .collect();
        let common_links: Vec<(TermQuery, f32)> = asked
            .iter()
            .flat_map(|g| g.related.iter().filter(|(t, _)| common(t)))
            .flat_map(per_field)
            .collect();
        let main = any_of(asked);
        // A whole 文号 or 条号 typed as the query finds that document first.
        let number = exact.map(|e| {
            (
                Term::from_field_text(self.f.number_raw, e),
                IndexRecordOption::Basic,
                EXACT_BOOST,
            )
        });
        let main = match &number {
            Some((t, opt, boost)) => {
                Node::AtLeast(0, vec![main, Node::Term(t.clone(), *opt, *boost)])
            }
            None => main,
        };
        // Every term of the words scored once, with its highest boost: the reading's
        // and the query's common words (not the common links: weighted low, they would
        // only blunt block-max WAND; not the whole 文号 either, read without
        // frequencies: where it occurs, tantivy would walk the union instead).
        let mut terms: Vec<(&Term, f32)> = Vec::new();
        let leaves = main.leaves();
        let words = left_words.iter().map(|(q, boost)| (q.term(), *boost));
        let scored = leaves
            .iter()
            .filter(|(_, opt, _)| *opt == IndexRecordOption::WithFreqs)
            .map(|(t, _, boost)| (*t, *boost));
        for (t, boost) in scored.chain(words) {
            match terms.iter_mut().find(|(x, _)| *x == t) {
                Some(e) => e.1 = e.1.max(boost),
                None => terms.push((t, boost)),
            }
        }
        // Turned into queries only when the reading proves large (`collect_large`).
        let flat = Node::AtLeast(
            0,
            terms
                .into_iter()
                .map(|(t, boost)| Node::Term(t.clone(), IndexRecordOption::WithFreqs, boost))
                .collect(),
        );
        let number = number.map(|(t, opt, boost)| Node::Term(t, opt, boost));
        let bound = leaves
            .iter()
            .map(|(t, _, _)| searcher.doc_freq(t).unwrap_or(0))
            .sum::<u64>()
            .min(n);
        Some(Plan {
            main,
            flat,
            number,
            bound,
            rescore: left_words.into_iter().chain(common_links).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{ids, index, q};
    use crate::*;

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
        // Two words: both must match first; with so few hits, the most informative
        // word alone (当事人 is in fewer items than …) is searched too, after them.
        let r = i.search(&q("当事人陈述申辩")).expect("s");
        assert_eq!(ids(&r)[0], "two");
        assert!(r.relaxed);
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
}
