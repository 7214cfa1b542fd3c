//! A reading of a query as a tree of weighted terms, built once by the plan and used
//! two ways: as tantivy's query (to collect every match), and evaluated on chosen
//! items from each term's own postings (the sample of a large result and its
//! candidates, see `large`). Seeking tantivy's union to a far item refills a window
//! of 4 096 items from every posting list, so a few thousand seeks read the whole
//! index; a term's postings skip by blocks.

use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, Occur, Query as TQuery, Scorer, TermQuery, Weight,
};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term};

use crate::Result;

#[derive(Clone, Debug)]
pub(crate) enum Node {
    /// A term of one field, with its boost.
    Term(Term, IndexRecordOption, f32),
    /// At least this many of the children (at least one when 0); their scores added.
    AtLeast(usize, Vec<Node>),
    /// Every child; their scores added.
    All(Vec<Node>),
}

impl Node {
    /// The same query for tantivy (same structure, so the same matches and scores;
    /// the plan never builds an empty conjunction).
    pub(crate) fn query(&self) -> Box<dyn TQuery> {
        match self {
            Node::Term(t, opt, boost) => Box::new(BoostQuery::new(
                Box::new(TermQuery::new(t.clone(), *opt)),
                *boost,
            )),
            Node::AtLeast(k, children) => {
                let clauses: Vec<(Occur, Box<dyn TQuery>)> = children
                    .iter()
                    .map(|c| (Occur::Should, c.query()))
                    .collect();
                if *k > 1 {
                    Box::new(BooleanQuery::with_minimum_required_clauses(clauses, *k))
                } else {
                    Box::new(BooleanQuery::new(clauses))
                }
            }
            Node::All(children) => {
                // tantivy's empty conjunction matches nothing; `eval`'s would match all.
                debug_assert!(!children.is_empty(), "an empty conjunction");
                Box::new(BooleanQuery::new(
                    children.iter().map(|c| (Occur::Must, c.query())).collect(),
                ))
            }
        }
    }

    /// The terms, in the order [`Node::eval`] reads them.
    pub(crate) fn leaves(&self) -> Vec<(&Term, IndexRecordOption, f32)> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves<'a>(&'a self, out: &mut Vec<(&'a Term, IndexRecordOption, f32)>) {
        match self {
            Node::Term(t, opt, boost) => out.push((t, *opt, *boost)),
            Node::AtLeast(_, c) | Node::All(c) => c.iter().for_each(|n| n.collect_leaves(out)),
        }
    }

    /// Whether an item matches, and its score, from each leaf's score at the item
    /// (`None`: the term is not in it), leaves in the order of [`Node::leaves`].
    pub(crate) fn eval(&self, leaves: &[Option<Score>]) -> Option<Score> {
        self.eval_at(leaves, &mut 0)
    }

    fn eval_at(&self, leaves: &[Option<Score>], at: &mut usize) -> Option<Score> {
        match self {
            Node::Term(..) => {
                let s = leaves.get(*at).copied().flatten();
                *at += 1;
                s
            }
            Node::AtLeast(k, children) => {
                let (mut n, mut sum) = (0, 0.0);
                for c in children {
                    if let Some(s) = c.eval_at(leaves, at) {
                        n += 1;
                        sum += s;
                    }
                }
                (n >= (*k).max(1)).then_some(sum)
            }
            Node::All(children) => {
                let mut all = true;
                let mut sum = 0.0;
                for c in children {
                    match c.eval_at(leaves, at) {
                        Some(s) => sum += s,
                        None => all = false,
                    }
                }
                all.then_some(sum)
            }
        }
    }
}

/// A tree's terms weighed once for a search (each weight looks up its term's
/// statistics in every segment), ready to probe one segment after another.
pub(crate) struct Weighed<'a> {
    node: &'a Node,
    weights: Vec<(Box<dyn Weight>, f32)>,
}

impl<'a> Weighed<'a> {
    /// `scoring`: whether scores are wanted (else the postings are read without
    /// frequencies and the scores mean nothing).
    pub(crate) fn new(node: &'a Node, searcher: &Searcher, scoring: bool) -> Result<Weighed<'a>> {
        let enable = if scoring {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        let weights = node
            .leaves()
            .into_iter()
            .map(|(t, opt, boost)| Ok((TermQuery::new(t.clone(), opt).weight(enable)?, boost)))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Weighed { node, weights })
    }

    /// The terms' postings in one segment.
    pub(crate) fn probe(&self, reader: &SegmentReader) -> Result<Probe<'a>> {
        let scorers = self
            .weights
            .iter()
            .map(|(w, boost)| w.scorer(reader, *boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let scores = vec![None; scorers.len()];
        Ok(Probe {
            node: self.node,
            scorers,
            scores,
        })
    }
}

/// A tree's terms in one segment, each with its own postings, visited at increasing
/// items.
pub(crate) struct Probe<'a> {
    node: &'a Node,
    scorers: Vec<Box<dyn Scorer>>,
    scores: Vec<Option<Score>>,
}

impl Probe<'_> {
    /// Whether item `doc` matches and its score. Items must be asked in increasing order.
    pub(crate) fn at(&mut self, doc: DocId) -> Option<Score> {
        for (s, out) in self.scorers.iter_mut().zip(&mut self.scores) {
            if s.doc() < doc {
                s.seek(doc);
            }
            *out = (s.doc() == doc).then(|| s.score());
        }
        self.node.eval(&self.scores)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Doc, SearchIndex};

    /// The probe finds exactly tantivy's matches, with tantivy's scores, in every
    /// segment; a term read without frequencies (the 文号 clause) and a minimum equal
    /// to the number of children included.
    #[test]
    fn the_probe_agrees_with_tantivy() {
        let i = SearchIndex::in_memory().expect("index");
        let words = ["占道", "经营", "噪声", "渣土", "广告"];
        let doc = |k: usize| Doc {
            id: k.to_string(),
            kind: "文件".into(),
            title: words[k % 5].to_string(),
            number: format!("沪城管〔2024〕{}号", k % 7),
            body: format!("{} {} {}", words[k % 3], words[k % 4], words[(k / 7) % 5]),
            ..Default::default()
        };
        // Two commits: two segments.
        i.upsert((0..150).map(doc)).expect("add");
        i.commit().expect("commit");
        i.upsert((150..300).map(doc)).expect("add");
        i.commit().expect("commit");
        let searcher = i.reader.searcher();
        assert!(searcher.segment_readers().len() >= 2);
        let term = |f, w: &str| Term::from_field_text(f, w);
        let leaf = |f, w: &str, b| Node::Term(term(f, w), IndexRecordOption::WithFreqs, b);
        let (t, b) = (i.f.title, i.f.body);
        let number = Node::Term(
            term(i.f.number_raw, "沪城管〔2024〕3号"),
            IndexRecordOption::Basic,
            20.0,
        );
        let trees = [
            Node::AtLeast(
                2,
                vec![
                    Node::AtLeast(0, vec![leaf(t, "占道", 3.0), leaf(b, "占道", 1.0)]),
                    Node::AtLeast(0, vec![leaf(t, "噪声", 3.0), leaf(b, "噪声", 1.0)]),
                    Node::All(vec![leaf(b, "渣土", 0.3), leaf(b, "广告", 0.3)]),
                ],
            ),
            Node::AtLeast(
                1,
                vec![
                    Node::All(vec![leaf(b, "经营", 1.0), leaf(t, "广告", 2.0)]),
                    leaf(b, "噪声", 0.4),
                ],
            ),
            Node::AtLeast(2, vec![leaf(b, "经营", 1.0), leaf(b, "噪声", 1.0)]),
            Node::AtLeast(0, vec![leaf(t, "渣土", 3.0), number]),
        ];
        for tree in &trees {
            let top = searcher
                .search(
                    tree.query().as_ref(),
                    &tantivy::collector::TopDocs::with_limit(1000).order_by_score(),
                )
                .expect("search");
            assert!(!top.is_empty());
            let weighed = Weighed::new(tree, &searcher, true).expect("weights");
            let mut found = Vec::new();
            for (ord, reader) in searcher.segment_readers().iter().enumerate() {
                let mut probe = weighed.probe(reader).expect("probe");
                for doc in 0..reader.max_doc() {
                    if let Some(s) = probe.at(doc) {
                        found.push((ord as u32, doc, s));
                    }
                }
            }
            assert_eq!(found.len(), top.len(), "{tree:?}");
            for (score, addr) in &top {
                let (_, _, s) = found
                    .iter()
                    .find(|(o, d, _)| *o == addr.segment_ord && *d == addr.doc_id)
                    .expect("same matches");
                assert!((s - score).abs() < 1e-4, "{s} {score}");
            }
        }
    }
}
