//! LAC's dictionary segmentation (`segment.py`, `fast_cut`): every dictionary word
//! starting at each character is an edge; the route with the best sum of
//! `ln(length) − ln(total count)` wins (ties: the longer first word); single ASCII
//! letters and digits in a row are joined into one word.

use std::collections::HashMap;

use crate::Error;

pub(crate) struct Segmenter {
    /// Every word (its length in characters) and every proper prefix of one (0).
    tree: HashMap<String, usize>,
    log_total: f64,
}

impl Segmenter {
    /// From `small_seg.dic`: lines `word count`.
    pub(crate) fn new(dic: &str) -> Result<Segmenter, Error> {
        let mut tree: HashMap<String, usize> = HashMap::new();
        let mut total: u64 = 0;
        for line in dic.lines() {
            let line = line.trim();
            let Some((word, count)) = line.split_once(' ') else {
                return Err(Error::Format(format!("small_seg.dic: bad line {line:?}")));
            };
            let count: u64 = count
                .parse()
                .map_err(|_| Error::Format(format!("small_seg.dic: bad count in {line:?}")))?;
            total += count;
            let n = word.chars().count();
            tree.insert(word.to_string(), n);
            for (k, (b, _)) in word.char_indices().enumerate() {
                if k > 0 {
                    tree.entry(word[..b].to_string()).or_insert(0);
                }
            }
        }
        if total == 0 {
            return Err(Error::Format("small_seg.dic is empty".into()));
        }
        Ok(Segmenter {
            tree,
            log_total: (total as f64).ln(),
        })
    }

    /// The words of `text` as character ranges.
    pub(crate) fn cut(&self, text: &[char]) -> Vec<(usize, usize)> {
        let n = text.len();
        // dag[h]: the last characters of the words starting at h (h itself always).
        let mut dag: Vec<Vec<usize>> = (0..n).map(|h| vec![h]).collect();
        let mut buf = String::new();
        for (h, ends) in dag.iter_mut().enumerate() {
            buf.clear();
            let mut e = h + 1;
            buf.push(text[h]);
            while e <= n {
                match self.tree.get(&buf) {
                    Some(&len) => {
                        if len > 0 {
                            ends.push(e - 1);
                        }
                    }
                    None => break,
                }
                e += 1;
                if e <= n {
                    buf.push(text[e - 1]);
                }
            }
        }
        let mut route: Vec<(f64, usize)> = vec![(0.0, 0); n + 1];
        for idx in (0..n).rev() {
            let mut best: Option<(f64, usize)> = None;
            for &x in &dag[idx] {
                let word: String = text[idx..=x].iter().collect();
                let len = self
                    .tree
                    .get(&word)
                    .copied()
                    .filter(|&l| l > 0)
                    .unwrap_or(1);
                let score = ((len as f64).ln() - self.log_total) + route[x + 1].0;
                // Python's max over (score, x) tuples: the higher score, then the higher x.
                if best.is_none_or(|(bs, bx)| score > bs || (score == bs && x > bx)) {
                    best = Some((score, x));
                }
            }
            route[idx] = best.unwrap_or((0.0, idx));
        }
        let mut out = Vec::new();
        let mut run: Option<usize> = None;
        let mut i = 0;
        while i < n {
            let e = route[i].1 + 1;
            if e - i == 1 && text[i].is_ascii_alphanumeric() {
                run.get_or_insert(i);
            } else {
                if let Some(s) = run.take() {
                    out.push((s, i));
                }
                out.push((i, e));
            }
            i = e;
        }
        if let Some(s) = run {
            out.push((s, n));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(s: &Segmenter, t: &str) -> Vec<String> {
        let cs: Vec<char> = t.chars().collect();
        s.cut(&cs)
            .into_iter()
            .map(|(a, b)| cs[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn fewest_dictionary_words_and_ascii_runs() {
        let s =
            Segmenter::new("百度 10\n高科技 5\n科技 7\n科技公司 3\n公司 9\n家 4\n").expect("dic");
        assert_eq!(
            cut(&s, "百度是家高科技公司"),
            ["百度", "是", "家", "高科技", "公司"]
        );
        assert_eq!(cut(&s, "ab12科技x"), ["ab12", "科技", "x"]);
        assert!(cut(&s, "").is_empty());
    }

    #[test]
    fn a_bad_line_is_an_error() {
        assert!(Segmenter::new("百度\n").is_err());
        assert!(Segmenter::new("").is_err());
    }
}
