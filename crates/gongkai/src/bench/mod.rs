//! `gongkai bench docs|foi|search|writes|crash|http|…`: benchmarks on generated data. Each command lives
//! in its own file; the helpers they share (options, percentiles, the deterministic
//! random numbers, report lines, peak memory) are here.

use std::time::Duration;

mod crash;
mod crash_check;
mod docs;
pub mod eval;
mod foi;
mod http;
mod judgments;
pub mod push;
pub mod qa;
mod search;
mod writes;

pub use crash::{CrashOptions, crash};
pub use docs::docs;
pub use foi::foi;
pub use http::{HttpOptions, http};
pub use judgments::{Judged, search_queries};
pub use push::push;
pub use qa::qa;
pub use search::{SearchFiles, ndcg_recall_at_10, search};
pub use writes::writes;

/// Options of `bench docs` and `bench foi`.
pub struct Options {
    pub count: usize,
    pub requests: usize,
    pub database_url: Option<String>,
}

/// The samples of one timed operation, reported as percentiles in milliseconds.
struct Stats {
    name: &'static str,
    samples: Vec<Duration>,
}

impl Stats {
    fn pct(&self, p: f64) -> f64 {
        let mut v = self.samples.clone();
        v.sort_unstable();
        let i = ((v.len() as f64 - 1.0) * p).round() as usize;
        v.get(i).map(|d| d.as_secs_f64() * 1000.0).unwrap_or(0.0)
    }
}

/// Deterministic pseudo-random numbers (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PHRASES: [&str; 8] = [
    "为进一步规范城市管理执法行为，加强占道经营、违法建筑和非法小广告的治理，",
    "各区城管执法局要按照“双随机、一公开”的要求，合理确定随机抽查的比例和频次，",
    "依法及时公开行政处罚案件信息，接受社会监督，保障人民群众的知情权、参与权和监督权。",
    "本办法所称行政规范性文件，是指除规章以外，由行政机关依照法定权限和程序制定并公开发布的文件。",
    "对市民群众反映强烈的夜排档、工地噪声扰民、垃圾清理等问题，要快速响应、有效解决。",
    "政策解读材料应当与政策文件同步起草、同步审签、同步发布。",
    "本通知自印发之日起施行，有效期五年。",
    "各单位要高度重视，加强组织领导，明确责任分工，确保各项工作落到实处。",
];

/// A fresh folder for the benchmark's files under the system's temporary folder.
fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "gongkai-bench-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp()
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// What `bench docs` and `bench foi` start from: a fresh data folder, and the database
/// of `--database-url` (SQLite in the folder by default), migrated and refused unless
/// `table` is empty (`rows` names what it holds, in the message).
async fn empty_database(
    opts: &Options,
    table: &str,
    rows: &str,
) -> anyhow::Result<(std::path::PathBuf, crate::config::Settings, crate::db::Db)> {
    let dir = tempfile_dir()?;
    let mut settings = crate::config::Settings::default();
    settings.storage.data_dir = dir.clone();
    settings.jobs.run_in_server = false;
    if let Some(u) = &opts.database_url {
        settings.database.url = u.clone();
    }
    let db = crate::db::Db::connect(&settings.database_url(), 8).await?;
    db.migrate().await?;
    let sql = format!("SELECT COUNT(*) FROM {table}");
    let existing: i64 = crate::with_db!(&db, |p| sqlx::query_scalar(&sql).fetch_one(p).await)?;
    anyhow::ensure!(
        existing == 0,
        "基准测试需要一个空数据库（当前已有 {existing} 件{rows}）"
    );
    Ok((dir, settings, db))
}

/// Query times of one engine in `bench search`, round 0 being the untimed warm-up.
#[derive(Default)]
struct Timings {
    samples: Vec<Duration>,
    slowest: (Duration, &'static str),
}

impl Timings {
    fn record(&mut self, round: usize, took: Duration, query: &'static str) {
        if round > 0 {
            self.samples.push(took);
            if took > self.slowest.0 {
                self.slowest = (took, query);
            }
        }
    }

    /// One line: build time and rate ("沿用" when the index was reused), p50/p99, peak
    /// memory; then the slowest query.
    fn report(self, name: &str, build: Option<f64>, n: usize) {
        let (b, rate) = match build {
            Some(b) => (format!("{b:.1}"), format!("{:.0}", n as f64 / b)),
            None => ("沿用".to_string(), "-".to_string()),
        };
        let s = Stats {
            name: "",
            samples: self.samples,
        };
        println!(
            "{:<26} {:>10} {:>10} {:>9.2} {:>9.2} {:>10.0}",
            name,
            b,
            rate,
            s.pct(0.5),
            s.pct(0.99),
            vm_hwm_mb()
        );
        println!(
            "{:<26} 最慢：{}（{:.2} ms）",
            "",
            self.slowest.1,
            self.slowest.0.as_secs_f64() * 1000.0
        );
    }
}

/// Peak resident memory of this process so far (VmHWM), in MB; 0 where unknown.
fn vm_hwm_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(0.0)
}
