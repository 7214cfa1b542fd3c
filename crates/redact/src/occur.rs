//! Every place many words stand in a text, found in one pass (Aho–Corasick) instead of
//! one pass a word: a long text with thousands of names costs its length, not its
//! length times the number of names.

use aho_corasick::{AhoCorasick, MatchKind};

/// The places of each of `keys` in `text`, grouped by key in the order of `keys`, each
/// key's places ascending and not overlapping one another, as `str::match_indices`
/// gives them. Empty keys stand nowhere.
pub(crate) fn occurrences<K: AsRef<str>>(text: &str, keys: &[K]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); keys.len()];
    let live: Vec<usize> = (0..keys.len())
        .filter(|&k| !keys[k].as_ref().is_empty())
        .collect();
    if live.is_empty() || text.is_empty() {
        return out;
    }
    let patterns: Vec<&str> = live.iter().map(|&k| keys[k].as_ref()).collect();
    let Some(ac) = automaton(&patterns) else {
        // Too many or too long keys for the automaton: one pass a key.
        for &k in &live {
            out[k] = text
                .match_indices(keys[k].as_ref())
                .map(|(i, _)| i)
                .collect();
        }
        return out;
    };
    for m in ac.find_overlapping_iter(text) {
        let k = live[m.pattern().as_usize()];
        // A key's own places do not overlap (in 区和区和区和 the key 区和区和 stands once).
        let free = out[k]
            .last()
            .is_none_or(|&last| last + keys[k].as_ref().len() <= m.start());
        if free {
            out[k].push(m.start());
        }
    }
    out
}

/// One automaton over `patterns` (none empty) that reports overlapping matches, if the
/// patterns are not too many or too long for one.
fn automaton(patterns: &[&str]) -> Option<AhoCorasick> {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .ok()
}

/// Every place (start, end) where one of `keys` stands in `text`, overlaps and all.
pub(crate) fn spans<K: AsRef<str>>(text: &str, keys: &[K]) -> Vec<(usize, usize)> {
    let patterns: Vec<&str> = keys
        .iter()
        .map(AsRef::as_ref)
        .filter(|k| !k.is_empty())
        .collect();
    if patterns.is_empty() {
        return Vec::new();
    }
    match automaton(&patterns) {
        Some(ac) => ac
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect(),
        None => patterns
            .iter()
            .flat_map(|k| {
                (0..text.len())
                    .filter(move |&i| text.is_char_boundary(i) && text[i..].starts_with(k))
                    .map(move |i| (i, i + k.len()))
            })
            .collect(),
    }
}

/// Spans, to ask quickly whether one of them holds a place: sorted by start, with the
/// farthest end reached so far.
pub(crate) struct Reach {
    starts: Vec<usize>,
    reach: Vec<usize>,
}

impl Reach {
    pub(crate) fn new(mut spans: Vec<(usize, usize)>) -> Self {
        spans.sort_unstable();
        let mut far = 0;
        let reach = spans
            .iter()
            .map(|&(_, e)| {
                far = far.max(e);
                far
            })
            .collect();
        Self {
            starts: spans.iter().map(|&(s, _)| s).collect(),
            reach,
        }
    }

    /// Whether a span that starts at or before `s` (strictly before, when `strict`)
    /// ends at or after `e`.
    pub(crate) fn holds(&self, s: usize, e: usize, strict: bool) -> bool {
        let k = self
            .starts
            .partition_point(|&x| if strict { x < s } else { x <= s });
        k > 0 && self.reach[k - 1] >= e
    }
}

/// Every byte offset of `text` where one of `keys` starts (overlaps and all).
pub(crate) fn starts<K: AsRef<str>>(text: &str, keys: &[K]) -> std::collections::HashSet<usize> {
    spans(text, keys).into_iter().map(|(s, _)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slow(text: &str, keys: &[&str]) -> Vec<Vec<usize>> {
        keys.iter()
            .map(|k| {
                if k.is_empty() {
                    Vec::new()
                } else {
                    text.match_indices(k).map(|(i, _)| i).collect()
                }
            })
            .collect()
    }

    #[test]
    fn same_places_as_one_pass_a_key() {
        let cases: &[(&str, &[&str])] = &[
            ("王小明和王小明的弟弟王小", &["王小明", "王小", "小明", ""]),
            ("区和区和区和", &["区和区和", "区和", "和区"]),
            ("1201室1201室", &["1201室", "201", "1"]),
            ("", &["a"]),
            ("aaaa", &["aa", "a"]),
        ];
        for (text, keys) in cases {
            assert_eq!(occurrences(text, keys), slow(text, keys), "{text} {keys:?}");
        }
    }

    #[test]
    fn starts_of_any_key() {
        let got = starts("区和区和区和", &["区和区和", ""]);
        let mut got: Vec<usize> = got.into_iter().collect();
        got.sort_unstable();
        assert_eq!(got, vec![0, 6]);
    }

    #[test]
    fn reach_of_spans() {
        let r = Reach::new(vec![(10, 20), (0, 5), (12, 30)]);
        assert!(r.holds(12, 30, false) && !r.holds(12, 30, true));
        assert!(r.holds(15, 20, true) && r.holds(3, 5, false));
        assert!(!r.holds(6, 8, false) && !r.holds(0, 5, true));
    }

    proptest::proptest! {
        #[test]
        fn same_places_for_any_text(text in "[王小明区和12室a]{0,40}", keys in proptest::collection::vec("[王小明区和12室a]{0,4}", 0..6)) {
            let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(occurrences(&text, &keys), slow(&text, &keys));
        }
    }
}
