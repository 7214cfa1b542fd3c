//! Latency of one question, one thread:
//!
//! ```text
//! cargo run --release -p embed --example bench -- path/to/e5-small-q4.bin [ROUNDS]
//! ```
//!
//! Embeds the 200 Chinese questions of `bench_questions.txt` (the 150 questions of the
//! FAQ bank, 18 characters on average, and 50 long colloquial complaints, 54 on
//! average) with `embed_query`, one at a time, after one warm-up pass; prints the load
//! time, the resident memory and the p50 / p99 / max latency per question, as wall-clock
//! time and as time on a CPU (which leaves out waiting for a core on a busy machine).

use std::path::PathBuf;
use std::time::Instant;

const QUESTIONS: &str = include_str!("bench_questions.txt");

fn rss_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Time this thread has run on a CPU, in ns (`/proc/thread-self/schedstat`, first field):
/// on a busy machine it shows what the latency would be without waiting for a core.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

fn percentiles(v: &[f64]) -> (f64, f64, f64, f64) {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let pct = |p: f64| s[((s.len() as f64 * p).ceil() as usize).clamp(1, s.len()) - 1];
    (
        pct(0.5),
        pct(0.99),
        pct(1.0),
        v.iter().sum::<f64>() / v.len() as f64,
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: bench MODEL [ROUNDS]")?);
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(1);
    let t = Instant::now();
    let model = embed::Model::load(&path)?;
    let load = t.elapsed();
    let rss_loaded = rss_kib("VmRSS:");
    let peak_load = rss_kib("VmHWM:");

    let questions: Vec<&str> = QUESTIONS.lines().filter(|l| !l.is_empty()).collect();
    let tokens: Vec<usize> = questions
        .iter()
        .map(|q| model.token_ids(&format!("query: {q}")).len())
        .collect();
    for q in &questions {
        std::hint::black_box(model.embed_query(q));
    }
    let mut wall = Vec::with_capacity(questions.len() * rounds);
    let mut cpu = Vec::with_capacity(questions.len() * rounds);
    for _ in 0..rounds {
        for q in &questions {
            let (t, c) = (Instant::now(), cpu_ns());
            std::hint::black_box(model.embed_query(q));
            cpu.push((cpu_ns() - c) as f64 / 1e6);
            wall.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let mut tk = tokens.clone();
    tk.sort_unstable();
    println!("model        {}", path.display());
    println!("load         {:.0} ms", load.as_secs_f64() * 1000.0);
    println!(
        "RSS          {:.1} MiB after load (peak while loading {:.1} MiB), {:.1} MiB after the run",
        rss_loaded as f64 / 1024.0,
        peak_load as f64 / 1024.0,
        rss_kib("VmRSS:") as f64 / 1024.0
    );
    println!(
        "questions    {} × {rounds} round(s), tokens per question: median {}, max {}",
        questions.len(),
        tk[tk.len() / 2],
        tk[tk.len() - 1]
    );
    let (p50, p99, max, mean) = percentiles(&wall);
    println!(
        "latency      p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms, mean {mean:.1} ms (wall clock, one thread)"
    );
    let (p50, p99, max, mean) = percentiles(&cpu);
    println!(
        "on-CPU time  p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms, mean {mean:.1} ms (excludes waiting for a core)"
    );
    if rounds > 1 {
        let n = questions.len();
        let best: Vec<f64> = (0..n)
            .map(|i| {
                (0..rounds)
                    .map(|r| cpu[r * n + i])
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        let (p50, p99, max, mean) = percentiles(&best);
        println!(
            "best of {rounds}    p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms, mean {mean:.1} ms (on-CPU, fastest round of each question)"
        );
    }
    Ok(())
}
