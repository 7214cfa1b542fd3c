//! Run queries against an index folder and print the hits:
//! `cargo run --release -p search --example query -- DIR 查询…`
//! With `LAW=1` in the environment, as the law search asks: kind 法规, grouped by law,
//! 全国 and 上海 ranked first.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: query DIR QUERY…")?;
    let law = std::env::var("LAW").is_ok_and(|v| v == "1");
    let index = search::SearchIndex::open_or_create(std::path::Path::new(&dir))?;
    for q in args {
        let t = std::time::Instant::now();
        let r = index.search(&search::Query {
            text: q.clone(),
            limit: 10,
            kind: law.then(|| "法规".to_string()),
            group: law,
            home: if law {
                vec!["全国".into(), "上海".into()]
            } else {
                Vec::new()
            },
            ..Default::default()
        })?;
        println!(
            "== {q}: {} hits in {:?}, words {:?}",
            r.total,
            t.elapsed(),
            index.words(&q)
        );
        for h in r.hits {
            println!(
                "  {:.2} {} {} | {}",
                h.score,
                h.title,
                h.number,
                h.snippet.chars().take(80).collect::<String>()
            );
        }
    }
    Ok(())
}
