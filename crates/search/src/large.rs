//! Large results: a reading that matches a large part of the index has its page from
//! block-max WAND over the flat union of its terms and its counts estimated from a
//! sample, both tested against the reading's tree (`tree.rs`); and the rescoring of
//! the best candidates with the query's common words.

use std::collections::BTreeMap;

use tantivy::collector::TopDocs;
use tantivy::query::{Query as TQuery, TermQuery};

use crate::plan::{LARGE_RESULT, Plan};
use crate::tree::{Node, Weighed};
use crate::{Query, Result, SearchIndex, collect};

/// Documents looked at for the estimate.
const SAMPLES: u64 = 8_192;

impl SearchIndex {
    /// A reading that may match a large part of the index (`Plan::bound`). An even
    /// sample of the documents, each tested against `main`, tells how many match;
    /// when that passes [`LARGE_RESULT`] (whatever the filters leave: the exact pass
    /// would visit every match), the total and the facet counts are the sample's, and
    /// the page comes from the best candidates of the flat union by block-max WAND
    /// (and the item whose 文号 is the query), each tested against `main` and scored
    /// by it and by the common words (see [`rescore`]), put through the filters and
    /// ordered current first (`Results::exact` false). `None` when the sample finds
    /// the reading small, or when too few candidates pass the test and the filters:
    /// the caller then runs the exact pass.
    pub(crate) fn collect_large(
        &self,
        searcher: &tantivy::Searcher,
        plan: &Plan,
        q: &Query,
        page: usize,
        enough: &mut dyn FnMut(&collect::Fruit) -> bool,
    ) -> Result<Option<collect::Fruit>> {
        let fac = self.facetted(q, &[]);
        let (mut estimate, matches) = sample(searcher, &plan.main, &fac)?;
        if matches <= LARGE_RESULT {
            return Ok(None);
        }
        let want = fac.want;
        let full = (want * 4 + 40).min(2000);
        // A small pool first: block-max WAND prunes far more for a short top-k. It is
        // kept when its page and the relaxation's test (`enough`) come out as they
        // would from the full pool; else the full pool.
        let small = (page * 4 + 40).min(full);
        let weighed = Weighed::new(&plan.main, searcher, true)?;
        for cand in [small, full] {
            let (ranked, from_flat) = self.candidates(searcher, plan, &weighed, &fac, cand)?;
            if cand < full {
                if !enough(&ranked) {
                    continue;
                }
            } else if ranked.top.len() < want && from_flat == cand {
                return Ok(None);
            }
            let mut ranked = ranked;
            ranked.top.truncate(want);
            estimate.total = estimate
                .total
                .max(ranked.top.len())
                .min(searcher.num_docs() as usize);
            estimate.top = ranked.top;
            estimate.exact = false;
            return Ok(Some(estimate));
        }
        Ok(None)
    }

    /// The best `cand` items of the flat union by block-max WAND (and the item whose
    /// 文号 is the query), each tested against the reading and scored by it, then
    /// rescored with the common words, best first; and how many the union gave.
    fn candidates(
        &self,
        searcher: &tantivy::Searcher,
        plan: &Plan,
        weighed: &Weighed<'_>,
        fac: &collect::Facetted,
        cand: usize,
    ) -> Result<(collect::Fruit, usize)> {
        use tantivy::collector::{Collector, SegmentCollector};
        let mut top = searcher.search(
            plan.flat.query().as_ref(),
            &TopDocs::with_limit(cand).order_by_score(),
        )?;
        let from_flat = top.len();
        if let Some(number) = &plan.number {
            top.extend(searcher.search(
                number.query().as_ref(),
                &TopDocs::with_limit(10).order_by_score(),
            )?);
        }
        let mut by_segment: BTreeMap<u32, Vec<tantivy::DocId>> = BTreeMap::new();
        for (_, addr) in &top {
            by_segment
                .entry(addr.segment_ord)
                .or_default()
                .push(addr.doc_id);
        }
        // Every candidate kept until the common words have scored it.
        let keep_all = collect::Facetted {
            want: top.len(),
            ..fac.clone()
        };
        let mut fruits = Vec::new();
        for (ord, mut docs) in by_segment {
            docs.sort_unstable();
            docs.dedup();
            let reader = searcher.segment_reader(ord);
            let mut seg = keep_all.for_segment(ord, reader)?;
            let mut probe = weighed.probe(reader)?;
            for doc in docs {
                if let Some(score) = probe.at(doc) {
                    seg.collect(doc, score);
                }
            }
            fruits.push(seg.harvest());
        }
        let mut ranked = keep_all.merge_fruits(fruits)?;
        if !plan.rescore.is_empty() {
            ranked = rescore(searcher, &plan.rescore, ranked, fac.want)?;
        }
        Ok((ranked, from_flat))
    }
}

/// The counts of a reading estimated from about [`SAMPLES`] documents spread evenly
/// over the index, each tested against it (the page left empty), and how many items
/// match it before the filters (estimated too).
fn sample(
    searcher: &tantivy::Searcher,
    main: &Node,
    fac: &collect::Facetted,
) -> Result<(collect::Fruit, u64)> {
    use tantivy::collector::{Collector, SegmentCollector};
    let max_docs: u64 = searcher
        .segment_readers()
        .iter()
        .map(|r| u64::from(r.max_doc()))
        .sum();
    let step = (max_docs / SAMPLES).max(1) as u32;
    let weighed = Weighed::new(main, searcher, false)?;
    let mut fruits = Vec::new();
    let mut matches = 0u64;
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let mut seg = fac.for_segment(ord as u32, reader)?;
        let mut probe = weighed.probe(reader)?;
        let alive = reader.alive_bitset();
        // One document at a pseudo-random place in each stretch of `step` (a fixed
        // stride could fall in step with a pattern of the data).
        let mut m = 0u32;
        while let Some(t) = m
            .checked_mul(step)
            .map(|base| base + jitter(ord as u64, m) % step)
            .filter(|t| *t < reader.max_doc())
        {
            if alive.is_none_or(|a| a.is_alive(t)) && probe.at(t).is_some() {
                matches += u64::from(step);
                seg.collect(t, 0.0);
            }
            m += 1;
        }
        fruits.push(seg.harvest().scaled(step as usize));
    }
    let mut estimate = fac.merge_fruits(fruits)?;
    estimate.top.clear();
    Ok((estimate, matches))
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
pub(crate) fn rescore(
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

#[cfg(test)]
mod tests {
    use crate::testing::{ids, q};
    use crate::*;

    const LARGE: usize = 60_000;

    /// 60 000 items (more than [`LARGE_RESULT`]): 经营 in all, 占道 in every 50th.
    fn large_index() -> &'static SearchIndex {
        static I: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
        I.get_or_init(|| {
            let i = SearchIndex::in_memory().expect("index");
            let docs = (0..LARGE).map(|k| Doc {
                id: k.to_string(),
                kind: if k % 2 == 0 { "文件" } else { "解读" }.into(),
                // One item with 经营 and nothing else, many times over.
                title: if k == 777 {
                    "经营".into()
                } else {
                    format!("通知{k}")
                },
                // The same words in every 文号, in this order in one only.
                number: if k == 4321 {
                    "经营规范秩序".into()
                } else {
                    "经营秩序规范".into()
                },
                body: if k == 777 {
                    "经营经营经营".into()
                } else if k % 1000 == 0 {
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
        // Both words of two must match: the item that is all 经营 ranks first for
        // 经营 alone, and the flat union would rank it first for 经营 通知 too, but
        // it has no 通知 (every other title has).
        assert_eq!(ids(&i.search(&q("经营")).expect("s"))[0], "777");
        let r = i.search(&q("经营 通知")).expect("s");
        assert!(!r.exact);
        assert_eq!(r.hits.len(), 10);
        assert!(!ids(&r).contains(&"777".to_string()), "{:?}", ids(&r));
        // With a filter the page still holds only matching items.
        let mut only = q("经营");
        only.kind = Some("解读".into());
        let r = i.search(&only).expect("s");
        assert!(r.hits.iter().all(|h| h.kind == "解读") && r.hits.len() == 10);
    }

    /// The page from the small pool of candidates is the full pool's, when the small
    /// one is taken (its items ranked first fill the page).
    #[test]
    fn the_small_pool_gives_the_full_pools_page() {
        let i = large_index();
        let searcher = i.reader.searcher();
        for text in ["经营", "经营 通知", "规范 经营", "经营规范秩序"] {
            let (groups, _) = i.groups(text);
            let plan = i
                .scoring(&searcher, &groups, Some(text), false)
                .expect("plan");
            let query = Query {
                limit: 200,
                ..q(text)
            };
            let page = |small: bool| {
                let f = i
                    .collect_large(&searcher, &plan, &query, 10, &mut |_| small)
                    .expect("search")
                    .expect("large");
                f.top.iter().take(10).map(|k| k.addr).collect::<Vec<_>>()
            };
            let small = page(true);
            assert_eq!(small.len(), 10, "{text}");
            assert_eq!(small, page(false), "{text}");
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
}
