//! The blind law-level evaluation of `gongkai bench search`: queries judged by reading
//! the laws (graded 0–3 per law title, unlisted = 0), split into a development half and
//! a test half before any result was seen (`bench/search-eval/SOURCE.md`). A ranking is
//! the distinct laws (by title) in order of first appearance, as the search page and
//! `/api/v1/search?kind=法规&group=law` give them; measured by nDCG@10 (gain 2^g − 1)
//! and recall@10 (relevant = grade ≥ 1, over min(relevant, 10)).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::Context;

/// One judged query: `id<TAB>style<TAB>query<TAB>title=grade|title=grade…`.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub id: String,
    pub style: String,
    pub query: String,
    pub grades: HashMap<String, u8>,
}

/// The folder of the evaluation files in this source tree.
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/search-eval")
}

/// Parse a split file. `#` lines, blank lines and a header line starting with `id\t`
/// are skipped; a line that does not fit is an error naming it.
pub fn parse(text: &str) -> anyhow::Result<Vec<Graded>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let [id, style, query, rest @ ..] = &cells[..] else {
            anyhow::bail!("第 {} 行：应为 id<TAB>style<TAB>query<TAB>判定", n + 1);
        };
        let mut grades = HashMap::new();
        for item in rest.iter().flat_map(|c| c.split('|')) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let (title, grade) = item
                .rsplit_once('=')
                .with_context(|| format!("第 {} 行：判定“{item}”应为 标题=等级", n + 1))?;
            let grade: u8 = grade
                .trim()
                .parse()
                .ok()
                .filter(|g| *g <= 3)
                .with_context(|| format!("第 {} 行：等级应为 0–3（{item}）", n + 1))?;
            grades.insert(title.trim().to_string(), grade);
        }
        out.push(Graded {
            id: id.trim().to_string(),
            style: style.trim().to_string(),
            query: query.trim().to_string(),
            grades,
        });
    }
    anyhow::ensure!(!out.is_empty(), "没有判定查询");
    Ok(out)
}

/// Read `DIR/{split}.tsv`.
pub fn load(dir: &Path, split: &str) -> anyhow::Result<Vec<Graded>> {
    let path = dir.join(format!("{split}.tsv"));
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("读取 {}", path.display()))?;
    parse(&text).with_context(|| path.display().to_string())
}

/// nDCG@10 with graded gains 2^g − 1 and recall@10 of a ranking of law titles.
pub fn ndcg_recall(ranked: &[String], grades: &HashMap<String, u8>) -> (f64, f64) {
    let gain = |g: u8| f64::from((1u32 << g) - 1);
    let discount = |i: usize| 1.0 / ((i + 2) as f64).log2();
    let top = &ranked[..ranked.len().min(10)];
    let dcg: f64 = top
        .iter()
        .enumerate()
        .map(|(i, t)| gain(grades.get(t).copied().unwrap_or(0)) * discount(i))
        .sum();
    let mut ideal: Vec<u8> = grades.values().copied().filter(|g| *g > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(i, g)| gain(*g) * discount(i))
        .sum();
    if idcg == 0.0 {
        return (0.0, 0.0);
    }
    let found = top
        .iter()
        .filter(|t| grades.get(*t).is_some_and(|g| *g > 0))
        .count();
    (dcg / idcg, found as f64 / ideal.len().min(10) as f64)
}

/// The distinct titles of a ranking, in order of first appearance, at most ten.
pub fn distinct_titles(titles: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in titles {
        if !out.contains(&t) {
            out.push(t);
            if out.len() == 10 {
                break;
            }
        }
    }
    out
}

/// Print the mean nDCG@10 and recall@10 per style and overall, per engine.
pub fn report(queries: &[Graded], rankings: &[(&str, Vec<Vec<String>>)]) {
    let mut styles: Vec<&str> = Vec::new();
    for q in queries {
        if !styles.contains(&q.style.as_str()) {
            styles.push(&q.style);
        }
    }
    styles.push("全部");
    print!("{:<10} {:>5}", "类型", "查询");
    for (engine, _) in rankings {
        print!(
            " {:>22} {:>18}",
            format!("{engine} nDCG@10"),
            format!("{engine} R@10")
        );
    }
    println!();
    for style in styles {
        let members: Vec<usize> = (0..queries.len())
            .filter(|i| style == "全部" || queries[*i].style == style)
            .collect();
        print!("{:<10} {:>5}", style, members.len());
        for (_, ranked) in rankings {
            let (mut n, mut r) = (0.0, 0.0);
            for i in &members {
                let (a, b) = ndcg_recall(&ranked[*i], &queries[*i].grades);
                n += a;
                r += b;
            }
            let k = members.len().max(1) as f64;
            print!(" {:>22.3} {:>18.3}", n / k, r / k);
        }
        println!();
    }
}

/// Print each query's nDCG@10 per engine (development split only: the test split's
/// queries are reported as figures, not looked at one by one).
pub fn per_query(queries: &[Graded], rankings: &[(&str, Vec<Vec<String>>)]) {
    for (i, q) in queries.iter().enumerate() {
        print!("{:<5} {:<30}", q.id, q.query);
        for (engine, ranked) in rankings {
            print!("  {engine} {:.2}", ndcg_recall(&ranked[i], &q.grades).0);
        }
        println!();
        // The first engine's top five, with their grades (dev only: for tuning).
        if let Some((_, ranked)) = rankings.first() {
            for t in ranked[i].iter().take(5) {
                println!("        {} {t}", q.grades.get(t).copied().unwrap_or(0));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_scores_graded_law_rankings() {
        let q = parse(
            "id\tstyle\tquery\tjudged\n# note\nK1\t关键词\t占道经营\t甲条例=3|乙办法=1|丙=0\n",
        )
        .expect("parses");
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].grades.get("甲条例"), Some(&3));
        let s = |v: &[&str]| v.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        assert_eq!(
            ndcg_recall(&s(&["甲条例", "乙办法"]), &q[0].grades),
            (1.0, 1.0)
        );
        assert_eq!(ndcg_recall(&s(&["丙", "丁"]), &q[0].grades), (0.0, 0.0));
        let (n, r) = ndcg_recall(&s(&["乙办法", "甲条例"]), &q[0].grades);
        assert!(n < 1.0 && n > 0.5, "{n}");
        assert_eq!(r, 1.0);
        assert!(parse("K1\t关键词\t占道经营\t甲=4\n").is_err());
        assert!(parse("K1\t关键词\n").is_err());
        assert_eq!(
            distinct_titles(s(&["a", "a", "b", "a", "c"])),
            s(&["a", "b", "c"])
        );
    }
}
