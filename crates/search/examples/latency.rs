//! Time queries against an index folder, grouped by law as the search page asks:
//! `cargo run --release -p search --example latency -- DIR ROUNDS 查询…`
//! Prints p50/p99 and each query's slowest time. For profiling the engine alone.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: latency DIR ROUNDS QUERY…")?;
    let rounds: usize = args.next().ok_or("ROUNDS")?.parse()?;
    let queries: Vec<String> = args.collect();
    let index = search::SearchIndex::open_or_create(std::path::Path::new(&dir))?;
    let mut all = Vec::new();
    for q in &queries {
        let mut worst = std::time::Duration::ZERO;
        for _ in 0..rounds {
            let t = std::time::Instant::now();
            let r = index.search(&search::Query {
                text: q.clone(),
                home: vec!["上海".into()],
                group: std::env::var("GROUP").map_or(true, |v| v != "0"),
                limit: 10,
                ..Default::default()
            })?;
            let e = t.elapsed();
            std::hint::black_box(r);
            worst = worst.max(e);
            all.push(e);
        }
        println!("{q}: {worst:?}");
    }
    all.sort();
    let at = |p: f64| all[((all.len() as f64 - 1.0) * p).round() as usize];
    println!("p50 {:?} p99 {:?}", at(0.5), at(0.99));
    Ok(())
}
