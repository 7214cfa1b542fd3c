//! Run queries against an index folder and print the hits:
//! `cargo run --release -p search --example query -- DIR 查询…`
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: query DIR QUERY…")?;
    let index = search::SearchIndex::open_or_create(std::path::Path::new(&dir))?;
    for q in args {
        let t = std::time::Instant::now();
        let r = index.search(&search::Query {
            text: q.clone(),
            limit: 10,
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
