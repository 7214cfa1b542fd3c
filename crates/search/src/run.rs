//! [`SearchIndex::search`]: the readings of a query from strict to relaxed, their
//! hits merged in tiers, grouping by law, and the hits as shown.
//!
//! A query is read strictly first (both of two words, most of more). When that finds
//! fewer than [`RELAX_BELOW`] hits (or groups, when grouping), the least informative
//! word (the one found in most items) is left out and the rest read again, down to the
//! most informative word alone; then any word. So a query is never narrower than its
//! most important word alone. Hits of a stricter reading rank before those only a
//! looser one finds (a coordination order, see `collect::Key`), after the order of
//! validity and region.

use std::collections::HashMap;

use tantivy::schema::{Field, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::analysis::normalize;
use crate::collect::{Fruit, Key};
use crate::plan::{Group, LARGE_RESULT, RELAX_BELOW, RESCORE_DEPTH};
use crate::{
    Facets, Hit, MAX_QUERY_CHARS, Query, RELATED_SHOWN, Related, Result, Results, SearchIndex,
    large, snippet,
};

/// When grouping, this many hits per wanted group are looked at (at most
/// [`GROUP_DEPTH`]): one law may match many articles.
const PER_GROUP: usize = 20;
const GROUP_DEPTH: usize = 2_000;

impl SearchIndex {
    /// One reading of the query: the best `depth` hits, the total and the facets.
    #[allow(clippy::too_many_arguments)] // the reading and the query's fixed parts
    fn pass(
        &self,
        searcher: &Searcher,
        groups: &[Group],
        exact: Option<&str>,
        relaxed: bool,
        phrases: &[String],
        q: &Query,
        depth: usize,
    ) -> Result<Option<Fruit>> {
        let Some(plan) = self.scoring(searcher, groups, exact, relaxed) else {
            return Ok(None);
        };
        let page = q.offset + q.limit.max(1);
        let q = Query {
            offset: 0,
            limit: depth,
            ..q.clone()
        };
        let large = if phrases.is_empty() && !q.newest_first && plan.bound > LARGE_RESULT {
            // A smaller pool of candidates will do when it fills the page with groups
            // ranked first and does not find "few" (`search`'s test for relaxing).
            let mut groupers = Groupers::default();
            let mut enough =
                |f: &Fruit| groupers.first(searcher, self.f.group_key, f) >= page.max(RELAX_BELOW);
            self.collect_large(searcher, &plan, &q, page, &mut enough)?
        } else {
            None
        };
        Ok(Some(match large {
            Some(f) => f,
            None if !plan.rescore.is_empty() && !q.newest_first => {
                let f = self.collect(searcher, plan.main.query(), phrases, &q, RESCORE_DEPTH)?;
                large::rescore(searcher, &plan.rescore, f, depth)?
            }
            None => self.collect(searcher, plan.main.query(), phrases, &q, 0)?,
        }))
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
        let want = q.offset + q.limit.max(1);
        // The same depth grouping or not: whether a reading finds few is judged on it.
        let depth = (want * PER_GROUP).clamp(want, GROUP_DEPTH.max(want));
        let mut groupers = Groupers::default();
        // Few: fewer distinct groups (laws; an item of no group counts alone) among the
        // best hits than RELAX_BELOW, grouping or not, so that both ways rank the same.
        // Only the hits that rank first count (current, of the home regions or of no
        // region): ten other cities' regulations with every word must not stop the
        // looser reading that finds the site's own regulation, which words it
        // differently.
        let few = |f: &Fruit, g: &mut Groupers| -> bool {
            g.first(&searcher, self.f.group_key, f) < RELAX_BELOW
        };
        // The readings, strictest first.
        let mut fruits: Vec<Fruit> = Vec::new();
        // The readings ask for the words themselves; the terms linked to them (see
        // `related`) join only when those still find few, so that they add hits and
        // never outrank what the words find.
        let unlinked: Vec<Group> = groups
            .iter()
            .cloned()
            .map(|mut g| {
                g.related.clear();
                g
            })
            .collect();
        let mut reading = unlinked;
        while let Some(f) = self.pass(
            &searcher,
            &reading,
            exact.as_deref(),
            false,
            &phrases,
            q,
            depth,
        )? {
            let enough = !few(&f, &mut groupers);
            fruits.push(f);
            if enough || reading.len() < 2 {
                break;
            }
            // Leave out the least informative word.
            if let Some(i) =
                (0..reading.len()).max_by_key(|i| self.group_df(&searcher, &reading[*i]))
            {
                reading.remove(i);
            }
        }
        if fruits.last().is_some_and(|f| few(f, &mut groupers))
            && groups.iter().any(|g| !g.related.is_empty())
            && let Some(f) = self.pass(
                &searcher,
                &groups,
                exact.as_deref(),
                false,
                &phrases,
                q,
                depth,
            )?
            // Only when the links found more: a reading that adds nothing is no relaxation.
            && fruits.last().is_none_or(|l| f.total > l.total)
        {
            fruits.push(f);
        }
        let relaxed_more = fruits.last().is_some_and(|f| few(f, &mut groupers)) && groups.len() > 1;
        if relaxed_more
            && let Some(f) = self.pass(
                &searcher,
                &groups,
                exact.as_deref(),
                true,
                &phrases,
                q,
                depth,
            )?
        {
            fruits.push(f);
        }
        let relaxed = fruits.len() > 1;
        let Some(widest) = fruits
            .iter()
            .map(|f| f.total)
            .enumerate()
            .max_by_key(|(_, t)| *t)
        else {
            return Ok(Results {
                exact: true,
                ..Default::default()
            });
        };
        let widest = widest.0;
        // Hits of stricter readings first: the tier is how many readings came after.
        let n = fruits.len();
        let mut keys: HashMap<DocAddress, Key> = HashMap::new();
        let mut found = Fruit {
            exact: fruits.iter().all(|f| f.exact),
            ..Default::default()
        };
        for (i, f) in fruits.into_iter().enumerate() {
            let tier = (n - 1 - i) as u8;
            for mut k in f.top {
                k.tier = tier;
                keys.entry(k.addr).or_insert(k);
            }
            if i == widest {
                found.total = f.total;
                found.facets = f.facets;
            }
        }
        let mut ordered: Vec<Key> = keys.into_values().collect();
        ordered.sort_by(|a, b| b.cmp(a));
        // One entry per group (or per hit): the best key, then the others.
        let pages: Vec<Vec<Key>> = if q.group {
            let mut at: HashMap<u64, usize> = HashMap::new();
            let mut out: Vec<Vec<Key>> = Vec::new();
            for k in ordered {
                let g = groupers.group(&searcher, self.f.group_key, k.addr);
                if g == 0 {
                    out.push(vec![k]);
                } else if let Some(i) = at.get(&g) {
                    out[*i].push(k);
                } else {
                    at.insert(g, out.len());
                    out.push(vec![k]);
                }
            }
            if !q.newest_first {
                rank_groups(&mut out);
            }
            out
        } else {
            ordered.into_iter().map(|k| vec![k]).collect()
        };
        let group_count = pages.len();
        let mut hits = Vec::new();
        for entry in pages.into_iter().skip(q.offset).take(q.limit.max(1)) {
            let mut entry = entry.into_iter();
            let Some(key) = entry.next() else { continue };
            let rest: Vec<Key> = entry.collect();
            let mut hit = self.hit(&searcher, key, &words, 120)?;
            hit.more = rest.len();
            for k in rest.iter().take(RELATED_SHOWN) {
                let h = self.hit(&searcher, *k, &words, 60)?;
                hit.related.push(Related {
                    id: h.id,
                    number: h.number,
                    url: h.url,
                    snippet: h.snippet,
                });
            }
            hits.push(hit);
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
        let [kind, year, topic, issuer, level, validity, region] = found.facets;
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
                region,
            },
            suggestions,
            corrected,
            groups: if q.group { group_count } else { found.total },
            relaxed,
        })
    }

    /// A hit as shown, with a snippet of about `chars` characters.
    fn hit(&self, searcher: &Searcher, key: Key, words: &[String], chars: usize) -> Result<Hit> {
        let d: TantivyDocument = searcher.doc(key.addr)?;
        let s = |f: Field| {
            d.get_first(f)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        Ok(Hit {
            id: s(self.f.id),
            kind: s(self.f.kind),
            title: s(self.f.title_shown),
            number: s(self.f.number_shown),
            url: s(self.f.url),
            snippet: snippet(&s(self.f.body_shown), words, chars),
            lapsed: !key.current,
            score: key.score,
            date: d
                .get_first(self.f.date)
                .and_then(|v| v.as_u64())
                .unwrap_or(0),
            topic: s(self.f.topic),
            issuer: s(self.f.issuer),
            level: s(self.f.level),
            region: s(self.f.region),
            group: s(self.f.group),
            related: Vec::new(),
            more: 0,
        })
    }
}

/// Order groups (laws) by their best hit's class (current, home region, reading) and
/// then by the scores of their best articles together: a law that answers the question
/// in several articles is more likely the one that governs it than a law with one
/// passing mention. The second and third best articles of the same reading add a half
/// and a quarter of their scores. The hits inside a group keep their order.
fn rank_groups(groups: &mut [Vec<Key>]) {
    let weights = [1.0f32, 0.5, 0.25];
    let agg = |g: &[Key]| -> f32 {
        let Some(best) = g.first() else { return 0.0 };
        g.iter()
            .filter(|k| k.tier == best.tier && k.current == best.current && k.home == best.home)
            .zip(weights)
            .map(|(k, w)| k.score * w)
            .sum()
    };
    groups.sort_by_cached_key(|g| {
        let best = g.first();
        (
            std::cmp::Reverse(best.map(|b| (b.current, b.home, b.tier))),
            std::cmp::Reverse(ordered_float(agg(g))),
        )
    });
}

/// An `f32` as a key that sorts like the number (scores are finite).
fn ordered_float(x: f32) -> i64 {
    let b = x.to_bits() as i32;
    i64::from(if b < 0 { !(b & i32::MAX) } else { b })
}

/// The group column of each segment, opened once per search.
#[derive(Default)]
struct Groupers(HashMap<u32, Option<tantivy::columnar::Column<u64>>>);

impl Groupers {
    /// The group key of a hit (0: no group).
    fn group(&mut self, searcher: &Searcher, field: Field, addr: DocAddress) -> u64 {
        let col = self.0.entry(addr.segment_ord).or_insert_with(|| {
            let name = searcher.schema().get_field_name(field).to_string();
            searcher
                .segment_reader(addr.segment_ord)
                .fast_fields()
                .u64(&name)
                .ok()
        });
        col.as_ref().and_then(|c| c.first(addr.doc_id)).unwrap_or(0)
    }

    /// How many groups the hits that rank first (current, of the home regions or of
    /// no region) fall in.
    fn first(&mut self, searcher: &Searcher, field: Field, f: &Fruit) -> usize {
        let first: Vec<Key> = f
            .top
            .iter()
            .filter(|k| k.current && k.home)
            .copied()
            .collect();
        self.distinct(searcher, field, &first)
    }

    /// How many groups the keys fall in (an item of no group is its own).
    fn distinct(&mut self, searcher: &Searcher, field: Field, keys: &[Key]) -> usize {
        let mut seen = std::collections::HashSet::new();
        let mut alone = 0;
        for k in keys {
            match self.group(searcher, field, k.addr) {
                0 => alone += 1,
                g => {
                    seen.insert(g);
                }
            }
        }
        seen.len() + alone
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{ids, q};
    use crate::*;

    fn law(id: &str, law: &str, title: &str, region: &str, body: &str) -> Doc {
        Doc {
            id: id.into(),
            kind: "法规".into(),
            title: title.into(),
            number: format!("第{id}条"),
            body: body.into(),
            url: format!("/laws/{law}#a{id}"),
            region: region.into(),
            group: format!("law:{law}"),
            ..Default::default()
        }
    }

    fn laws() -> SearchIndex {
        let i = SearchIndex::in_memory().expect("index");
        let mut docs = vec![
            law(
                "c1",
                "cq",
                "重庆市市容环境卫生管理条例",
                "重庆",
                "禁止占道经营。占道经营的，处以罚款。",
            ),
            law(
                "s1",
                "sh",
                "上海市市容环境卫生管理条例",
                "上海",
                "不得占用道路设摊经营，不得占道经营。",
            ),
            law(
                "n1",
                "gj",
                "城市市容和环境卫生管理条例",
                "全国",
                "占道经营应当经批准。",
            ),
        ];
        // One law matching with many articles.
        for k in 0..8 {
            docs.push(law(
                &format!("w{k}"),
                "wf",
                "潍坊市占道经营管理办法",
                "山东",
                "占道经营的，责令改正。",
            ));
        }
        i.upsert(docs).expect("add");
        i.commit().expect("commit");
        i
    }

    #[test]
    fn home_region_and_national_first_others_after_and_a_region_facet() {
        let i = laws();
        let mut query = q("占道经营");
        query.limit = 20;
        let r = i.search(&query).expect("s");
        // Without home regions, the law repeating the word most comes first.
        assert_eq!(r.hits[0].region, "山东");
        query.home = vec!["上海".into(), "全国".into()];
        let r = i.search(&query).expect("s");
        let regions: Vec<&str> = r.hits.iter().map(|h| h.region.as_str()).collect();
        let first_other = regions
            .iter()
            .position(|g| !["上海", "全国"].contains(g))
            .expect("others still found");
        assert_eq!(first_other, 2, "{regions:?}");
        assert!(regions.contains(&"重庆"));
        assert_eq!(r.facets.region.get("山东"), Some(&8));
        assert_eq!(r.facets.region.get("上海"), Some(&1));
        // The filter keeps one region and its facet still offers the others.
        query.region = Some("重庆".into());
        let r = i.search(&query).expect("s");
        assert_eq!(ids(&r), vec!["c1"]);
        assert_eq!(r.facets.region.get("上海"), Some(&1));
    }

    #[test]
    fn grouping_shows_each_law_once_with_its_other_articles() {
        let i = laws();
        let mut query = q("占道经营");
        query.limit = 3;
        let r = i.search(&query).expect("s");
        assert!(ids(&r).iter().filter(|h| h.starts_with('w')).count() >= 3);
        query.group = true;
        let r = i.search(&query).expect("s");
        let groups: Vec<&str> = r.hits.iter().map(|h| h.group.as_str()).collect();
        assert_eq!(groups.len(), 3);
        assert_eq!(
            groups
                .iter()
                .collect::<std::collections::HashSet<_>>()
                .len(),
            3,
            "{groups:?}"
        );
        let wf = r
            .hits
            .iter()
            .find(|h| h.group == "law:wf")
            .expect("weifang");
        assert_eq!(wf.more, 7);
        assert_eq!(wf.related.len(), RELATED_SHOWN);
        assert!(wf.related.iter().all(|a| a.url.starts_with("/laws/wf#a")));
        assert_eq!(r.groups, 4);
        // The next page of groups holds the fourth law.
        query.offset = 3;
        let r = i.search(&query).expect("s");
        assert_eq!(r.hits.len(), 1);
        assert!(!groups.contains(&r.hits[0].group.as_str()));
    }

    #[test]
    fn few_hits_relax_to_the_most_informative_word_then_any() {
        let i = SearchIndex::in_memory().expect("index");
        let mut docs = vec![Doc {
            id: "pw".into(),
            kind: "法规".into(),
            title: "排污许可管理条例".into(),
            body: "政府信息公开 申请 期限".into(),
            ..Default::default()
        }];
        for k in 0..5 {
            docs.push(Doc {
                id: format!("xx{k}"),
                kind: "法规".into(),
                title: "政府信息公开条例".into(),
                body: "行政机关应当答复。".into(),
                ..Default::default()
            });
        }
        for k in 0..30 {
            docs.push(Doc {
                id: format!("q{k}"),
                kind: "法规".into(),
                title: "其他规定".into(),
                body: "在规定期限内办理。".into(),
                ..Default::default()
            });
        }
        i.upsert(docs).expect("add");
        i.commit().expect("commit");
        let r = i.search(&q("政府信息公开 期限")).expect("s");
        let found = ids(&r);
        // The strict reading first, then the rarer word alone before the common one.
        assert_eq!(found[0], "pw");
        assert!(r.relaxed);
        assert!(found[1..6].iter().all(|h| h.starts_with("xx")), "{found:?}");
        assert!(found[6..].iter().all(|h| h.starts_with('q')), "{found:?}");
        // Never narrower than the most informative word alone.
        let alone = i.search(&q("政府信息公开")).expect("s");
        assert!(r.total >= alone.total);
        // A reading that finds enough is not relaxed.
        let r = i.search(&q("期限")).expect("s");
        assert!(!r.relaxed);
    }

    #[test]
    fn known_words_are_never_corrected() {
        let i = SearchIndex::in_memory().expect("index");
        i.upsert([
            Doc {
                id: "a".into(),
                kind: "文件".into(),
                title: "执法证管理办法".into(),
                body: "执法人员应当出示执法证。".into(),
                ..Default::default()
            },
            Doc {
                id: "b".into(),
                kind: "文件".into(),
                title: "城管执法局联系方式".into(),
                body: "城市管理行政执法局办公电话。".into(),
                ..Default::default()
            },
        ])
        .expect("add");
        i.commit().expect("commit");
        let r = i.search(&q("城管执法局电话")).expect("s");
        assert!(r.corrected.is_empty(), "{:?}", r.corrected);
        assert_eq!(ids(&r)[0], "b");
        // A stretch that is no word and found nowhere is corrected when the word is found.
        let r = i.search(&q("执法正")).expect("s");
        assert_eq!(r.corrected, vec!["执法证".to_string()]);
        assert_eq!(ids(&r)[0], "a");
        i.set_synonyms(default_synonyms());
        let r = i.search(&q("占到经营")).expect("s");
        assert!(
            r.corrected.is_empty(),
            "占道经营 is found nowhere: no correction"
        );
    }
}
