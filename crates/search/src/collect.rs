//! One pass over the matching documents: the page of best hits (current texts before
//! lapsed ones, then by score or date), the total, and every facet's counts.
//!
//! Facets are "multi-select": the counts of one facet are taken with every filter
//! applied except that facet's own, so the tabs and lists show what choosing another
//! value would give. A document that fails no filter is a hit and counts in every
//! facet; one that fails exactly one filter counts in that facet only.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::{Field, Value};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument};

/// The facets, in the order of [`FACETS`].
pub const FACETS: [&str; 7] = [
    "kind", "year", "topic", "issuer", "level", "validity", "region",
];
const YEAR: usize = 1;
const VALIDITY: usize = 5;
/// The string facets kept as fast fields (kind, topic, issuer, level, region).
const STR_FACETS: [usize; 5] = [0, 2, 3, 4, 6];
const STR_NAMES: [&str; 5] = ["kind", "topic", "issuer", "level", "region"];
/// The place of the region among the string facets.
const REGION: usize = 4;

/// How many documents a quoted phrase is checked against at most (reading stored
/// text); past this the counts are marked as not exact.
pub const PHRASE_CHECK_LIMIT: usize = 20_000;

#[derive(Clone)]
pub struct Facetted {
    pub want: usize,
    pub newest_first: bool,
    /// Required value per facet (validity: "有效" when lapsed texts are excluded).
    pub filters: [Option<String>; 7],
    pub phrases: Vec<String>,
    pub shown: [Field; 3],
    /// The regions ranked first (empty: all are).
    pub home: Vec<String>,
}

/// Sort key of a hit: current before lapsed, the home regions (and items of no
/// region) before other regions, hits of a stricter reading of the query before those
/// only a relaxed one finds, then score or date, then older doc first.
#[derive(Clone, Copy, PartialEq)]
pub struct Key {
    pub current: bool,
    pub home: bool,
    /// Higher: found by a stricter reading of the query (see `SearchIndex::search`).
    pub tier: u8,
    value: f64,
    pub addr: DocAddress,
    /// Carried along, not part of the order.
    pub score: f32,
}

impl Key {
    /// A new relevance score (rescoring a candidate).
    pub fn rescored(self, score: f32) -> Key {
        Key {
            value: f64::from(score),
            score,
            ..self
        }
    }
}

impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.current
            .cmp(&other.current)
            .then(self.home.cmp(&other.home))
            .then(self.tier.cmp(&other.tier))
            .then(self.value.total_cmp(&other.value))
            .then(other.addr.cmp(&self.addr))
    }
}

impl Fruit {
    /// Counts of a sample taken every `step`-th document, scaled to estimates.
    pub fn scaled(mut self, step: usize) -> Fruit {
        self.total *= step;
        for m in &mut self.facets {
            for n in m.values_mut() {
                *n *= step;
            }
        }
        self.exact = false;
        self
    }
}

#[derive(Default)]
pub struct Fruit {
    /// Best first, with the score.
    pub top: Vec<Key>,
    pub total: usize,
    pub facets: [BTreeMap<String, usize>; 7],
    pub exact: bool,
}

pub struct Seg {
    seg: SegmentOrdinal,
    want: usize,
    newest_first: bool,
    strs: [Option<StrColumn>; 5],
    /// The ordinal each string filter needs in this segment (`Some(None)`: a value this
    /// segment does not have, so nothing passes).
    str_filters: [Option<Option<u64>>; 5],
    /// The ordinals of the home regions in this segment (`None`: every item is home).
    home: Option<Vec<u64>>,
    year_filter: Option<u64>,
    exclude_lapsed: bool,
    date: Column<u64>,
    lapsed: Column<u64>,
    str_counts: [Vec<usize>; 5],
    years: BTreeMap<u64, usize>,
    validity: [usize; 2],
    total: usize,
    heap: BinaryHeap<Reverse<Key>>,
    phrases: Vec<String>,
    shown: [Field; 3],
    store: Option<StoreReader>,
    checked: usize,
    exact: bool,
}

impl Collector for Facetted {
    type Fruit = Fruit;
    type Child = Seg;

    fn for_segment(&self, seg: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Seg> {
        let ff = reader.fast_fields();
        let mut strs: [Option<StrColumn>; 5] = [None, None, None, None, None];
        let mut str_filters: [Option<Option<u64>>; 5] = [None; 5];
        let mut str_counts: [Vec<usize>; 5] = Default::default();
        for (i, name) in STR_NAMES.iter().enumerate() {
            let col = ff.str(name)?;
            if let Some(want) = &self.filters[STR_FACETS[i]] {
                str_filters[i] = Some(match &col {
                    Some(c) => c.dictionary().term_ord(want)?,
                    None => None,
                });
            }
            str_counts[i] = vec![0; col.as_ref().map(|c| c.num_terms()).unwrap_or(0)];
            strs[i] = col;
        }
        let home = if self.home.is_empty() {
            None
        } else {
            let mut ords = Vec::new();
            if let Some(c) = &strs[REGION] {
                // Items of no region are home too.
                for h in self.home.iter().map(String::as_str).chain([""]) {
                    if let Some(o) = c.dictionary().term_ord(h)? {
                        ords.push(o);
                    }
                }
            }
            Some(ords)
        };
        Ok(Seg {
            seg,
            home,
            want: self.want,
            newest_first: self.newest_first,
            strs,
            str_filters,
            year_filter: self.filters[YEAR].as_deref().and_then(|y| y.parse().ok()),
            exclude_lapsed: self.filters[VALIDITY].is_some(),
            date: ff.u64("date")?,
            lapsed: ff.u64("lapsed")?,
            str_counts,
            years: BTreeMap::new(),
            validity: [0, 0],
            total: 0,
            heap: BinaryHeap::new(),
            phrases: self.phrases.clone(),
            shown: self.shown,
            store: if self.phrases.is_empty() {
                None
            } else {
                Some(reader.get_store_reader(8)?)
            },
            checked: 0,
            exact: true,
        })
    }

    fn requires_scoring(&self) -> bool {
        !self.newest_first
    }

    fn merge_fruits(&self, fruits: Vec<Fruit>) -> tantivy::Result<Fruit> {
        let mut out = Fruit {
            exact: true,
            ..Default::default()
        };
        let mut keyed: Vec<Key> = Vec::new();
        for f in fruits {
            out.total += f.total;
            out.exact &= f.exact;
            for (i, m) in f.facets.into_iter().enumerate() {
                for (k, n) in m {
                    *out.facets[i].entry(k).or_default() += n;
                }
            }
            keyed.extend(f.top);
        }
        keyed.sort_by(|a, b| b.cmp(a));
        keyed.truncate(self.want);
        out.top = keyed;
        Ok(out)
    }
}

impl Seg {
    fn str_ord(&self, i: usize, doc: DocId) -> Option<u64> {
        self.strs[i].as_ref().and_then(|c| c.ords().first(doc))
    }

    fn phrases_match(&mut self, doc: DocId) -> bool {
        let Some(store) = &self.store else {
            return true;
        };
        if self.checked >= PHRASE_CHECK_LIMIT {
            self.exact = false;
            return false;
        }
        self.checked += 1;
        let Ok(d) = store.get::<TantivyDocument>(doc) else {
            return false;
        };
        let all: String = self
            .shown
            .iter()
            .filter_map(|f| {
                d.get_first(*f)
                    .and_then(|v| v.as_str())
                    .map(crate::normalize)
            })
            .collect::<Vec<_>>()
            .join("\n");
        self.phrases.iter().all(|p| all.contains(p.as_str()))
    }
}

impl SegmentCollector for Seg {
    type Fruit = Fruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let mut ords = [None; 5];
        let mut fails = 0usize;
        let mut failed = usize::MAX;
        for i in 0..5 {
            ords[i] = self.str_ord(i, doc);
            if let Some(want) = self.str_filters[i]
                && (want.is_none() || ords[i] != want)
            {
                fails += 1;
                failed = STR_FACETS[i];
            }
        }
        let date = self.date.first(doc).unwrap_or(0);
        let year = date / 10_000;
        if let Some(y) = self.year_filter
            && y != year
        {
            fails += 1;
            failed = YEAR;
        }
        let lapsed = self.lapsed.first(doc).unwrap_or(0) == 1;
        if self.exclude_lapsed && lapsed {
            fails += 1;
            failed = VALIDITY;
        }
        if fails > 1 || !self.phrases_match(doc) {
            return;
        }
        let counts = |facet: usize| fails == 0 || failed == facet;
        for i in 0..5 {
            if counts(STR_FACETS[i])
                && let Some(o) = ords[i]
                && let Some(n) = self.str_counts[i].get_mut(o as usize)
            {
                *n += 1;
            }
        }
        if counts(YEAR) && year > 0 {
            *self.years.entry(year).or_default() += 1;
        }
        if counts(VALIDITY) {
            self.validity[usize::from(lapsed)] += 1;
        }
        if fails > 0 {
            return;
        }
        self.total += 1;
        let value = if self.newest_first {
            date as f64
        } else {
            f64::from(score)
        };
        let home = match (&self.home, ords[REGION]) {
            (Some(home), Some(o)) => home.contains(&o),
            _ => true,
        };
        let key = Key {
            current: !lapsed,
            home,
            tier: 0,
            value,
            addr: DocAddress::new(self.seg, doc),
            score,
        };
        if self.heap.len() < self.want {
            self.heap.push(Reverse(key));
        } else if let Some(Reverse(worst)) = self.heap.peek()
            && key > *worst
        {
            self.heap.pop();
            self.heap.push(Reverse(key));
        }
    }

    fn harvest(self) -> Fruit {
        let mut facets: [BTreeMap<String, usize>; 7] = Default::default();
        for (i, counts) in self.str_counts.iter().enumerate() {
            let Some(col) = &self.strs[i] else { continue };
            for (ord, n) in counts.iter().enumerate() {
                let mut s = String::new();
                if *n > 0 && col.ord_to_str(ord as u64, &mut s).unwrap_or(false) && !s.is_empty() {
                    facets[STR_FACETS[i]].insert(s, *n);
                }
            }
        }
        for (y, n) in self.years {
            facets[YEAR].insert(y.to_string(), n);
        }
        for (i, label) in ["有效", "失效"].into_iter().enumerate() {
            if self.validity[i] > 0 {
                facets[VALIDITY].insert(label.to_string(), self.validity[i]);
            }
        }
        let mut top: Vec<Key> = self.heap.into_iter().map(|Reverse(k)| k).collect();
        top.sort_by(|a, b| b.cmp(a));
        Fruit {
            top,
            total: self.total,
            facets,
            exact: self.exact,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{ids, q};
    use crate::*;

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
}
