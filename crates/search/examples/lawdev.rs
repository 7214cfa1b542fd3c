//! Law-level nDCG@10 of a judged split against an index folder that `gongkai bench
//! search --keep DIR` left, asking as the law search does (kind 法规, grouped by law,
//! 全国 and 上海 first, two pages of ten): a quick loop for tuning the engine on a
//! development half without rebuilding the application. The figures to report come
//! from `gongkai bench search`, which asks through the API.
//! `cargo run --release -p search --example lawdev -- INDEX_DIR SPLIT.tsv [-v]`
use std::collections::HashMap;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, file, rest @ ..] = &args[..] else {
        return Err("usage: lawdev INDEX_DIR SPLIT.tsv [-v]".into());
    };
    let verbose = rest.iter().any(|a| a == "-v");
    let index = search::SearchIndex::open_or_create(std::path::Path::new(dir))?;
    // The FAQ bank's links, as the application learns them at start.
    let faq = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../gongkai/demo-data/data/faq.jsonl"
    );
    let pairs: Vec<(String, String)> = std::fs::read_to_string(faq)?
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            Some((
                v["question"].as_str()?.to_string(),
                v["answer"].as_str()?.to_string(),
            ))
        })
        .collect();
    index.learn_related(&pairs);
    let text = std::fs::read_to_string(file)?;
    let mut by_style: HashMap<String, Vec<f64>> = HashMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.starts_with("id\t") || line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let [id, style, query, judged @ ..] = &cells[..] else {
            continue;
        };
        let grades: HashMap<&str, u8> = judged
            .iter()
            .flat_map(|c| c.split('|'))
            .filter_map(|i| i.rsplit_once('='))
            .filter_map(|(t, g)| Some((t.trim(), g.trim().parse().ok()?)))
            .collect();
        let mut titles: Vec<String> = Vec::new();
        for page in 0..2 {
            let r = index.search(&search::Query {
                text: query.to_string(),
                kind: Some("法规".into()),
                group: true,
                home: vec!["全国".into(), "上海".into()],
                offset: page * 10,
                limit: 10,
                ..Default::default()
            })?;
            for h in r.hits {
                if !titles.contains(&h.title) && titles.len() < 10 {
                    titles.push(h.title);
                }
            }
        }
        let gain = |g: u8| f64::from((1u32 << g) - 1);
        let disc = |i: usize| 1.0 / ((i + 2) as f64).log2();
        let dcg: f64 = titles
            .iter()
            .enumerate()
            .map(|(i, t)| gain(grades.get(t.as_str()).copied().unwrap_or(0)) * disc(i))
            .sum();
        let mut ideal: Vec<u8> = grades.values().copied().filter(|g| *g > 0).collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let idcg: f64 = ideal
            .iter()
            .take(10)
            .enumerate()
            .map(|(i, g)| gain(*g) * disc(i))
            .sum();
        let ndcg = if idcg > 0.0 { dcg / idcg } else { 0.0 };
        by_style.entry(style.to_string()).or_default().push(ndcg);
        by_style.entry("全部".into()).or_default().push(ndcg);
        if verbose {
            println!("{id} {ndcg:.2} {query}");
            for t in titles.iter().take(5) {
                println!("    {} {t}", grades.get(t.as_str()).copied().unwrap_or(0));
            }
        }
    }
    let mut styles: Vec<_> = by_style.into_iter().collect();
    styles.sort_by(|a, b| a.0.cmp(&b.0));
    for (s, v) in styles {
        println!(
            "{s:<8} {:>3} {:.3}",
            v.len(),
            v.iter().sum::<f64>() / v.len() as f64
        );
    }
    Ok(())
}
