//! Latencies, the printed rows and the goals.

use super::*;

/// Latencies of one row, in microseconds, and the failed requests.
#[derive(Default, Clone)]
pub struct Histogram {
    pub(super) micros: Vec<u32>,
    pub errors: u64,
}

impl Histogram {
    pub fn record(&mut self, d: Duration) {
        self.micros
            .push(d.as_micros().min(u128::from(u32::MAX)) as u32);
    }

    pub fn merge(&mut self, other: Histogram) {
        self.micros.extend(other.micros);
        self.errors += other.errors;
    }

    /// Answered requests.
    pub fn count(&self) -> usize {
        self.micros.len()
    }

    /// The nearest-rank percentile (0 < p ≤ 1) in milliseconds; 0 when empty.
    pub fn percentile_ms(&mut self, p: f64) -> f64 {
        if self.micros.is_empty() {
            return 0.0;
        }
        self.micros.sort_unstable();
        let rank = (p * self.micros.len() as f64).ceil() as usize;
        let i = rank.clamp(1, self.micros.len()) - 1;
        f64::from(self.micros[i]) / 1000.0
    }
}

/// One measured row: a name, its latencies and how long it ran.
pub struct Row {
    pub name: String,
    pub hist: Histogram,
    pub elapsed: Duration,
}

impl Row {
    pub fn rate(&self) -> f64 {
        self.hist.count() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub(super) fn print(&mut self) {
        let rate = self.rate();
        println!(
            "{} {:>9} {:>10.0} {:>9.2} {:>9.2} {:>6}",
            pad(&self.name, NAME_WIDTH),
            self.hist.count(),
            rate,
            self.hist.percentile_ms(0.5),
            self.hist.percentile_ms(0.99),
            self.hist.errors
        );
    }
}

/// `s` padded with spaces to `width` terminal columns (CJK characters take two).
pub(super) fn pad(s: &str, width: usize) -> String {
    let w: usize = s.chars().map(|c| if c >= '\u{2E80}' { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

pub(super) fn header() {
    println!(
        "{} {:>9} {:>10} {:>9} {:>9} {:>6}",
        pad("页面", NAME_WIDTH),
        "请求数",
        "req/s",
        "p50 ms",
        "p99 ms",
        "错误"
    );
}

pub(super) const NAME_WIDTH: usize = 40;

/// The goals of issue 23, against the figures of one run: the document page ≥ 0.5 ×
/// nginx, list pages ≥ 0.3 × nginx, search p99 ≤ 50 ms (the 12-query cycle, which
/// the caches answer after its first round, and searches new to the run, which the
/// index answers), a document page at a random id p99 ≤ 5 ms for one visitor at a
/// time. A ratio is `None` when nginx was not measured, the p99 when no request of
/// that row succeeded or any failed. One line per goal.
pub fn goal_lines(
    document: Option<f64>,
    list: Option<f64>,
    (search_p99_ms, search_new_p99_ms): (f64, f64),
    document_alone_p99_ms: Option<f64>,
) -> Vec<String> {
    let met = |ok: bool| if ok { "达到" } else { "未达到" };
    let ratio = |name: &str, r: Option<f64>, goal: f64| match r {
        Some(r) => format!(
            "{name} ÷ nginx = {r:.2}（目标 ≥ {goal}：{}）",
            met(r >= goal)
        ),
        None => format!("{name} ÷ nginx：未测（未安装 nginx 或 --no-nginx）"),
    };
    vec![
        ratio("文件页", document, 0.5),
        ratio("列表页", list, 0.3),
        format!(
            "搜索 p99 = {search_p99_ms:.1} ms（目标 ≤ 50 ms：{}）",
            met(search_p99_ms <= 50.0)
        ),
        format!(
            "搜索（每次新词组，由索引作答）p99 = {search_new_p99_ms:.1} ms（目标 ≤ 50 ms：{}）",
            met(search_new_p99_ms <= 50.0)
        ),
        match document_alone_p99_ms {
            Some(p) => format!(
                "文件页（随机 id，单连接）p99 = {p:.1} ms（目标 ≤ 5 ms：{}）",
                met(p <= 5.0)
            ),
            None => "文件页（随机 id，单连接）p99：未测（没有成功的请求或有错误）".to_string(),
        },
    ]
}

/// The nginx configuration serving `www` on `port` of loopback, with everything it
/// writes under `prefix`; in the foreground (the child process is the master), no
/// access log, keep-alive connections never closed by count (as gongkai).
pub fn nginx_config(prefix: &Path, www: &Path, port: u16, as_root: bool) -> String {
    let p = prefix.display();
    let user = if as_root { "user root;\n" } else { "" };
    format!(
        "daemon off;\n{user}worker_processes auto;\npid {p}/nginx.pid;\nerror_log {p}/error.log warn;\n\
         events {{ worker_connections 4096; }}\n\
         http {{\n  access_log off;\n  keepalive_requests 100000000;\n  keepalive_timeout 75s;\n\
         \x20 client_body_temp_path {p}/body;\n  proxy_temp_path {p}/proxy;\n  fastcgi_temp_path {p}/fastcgi;\n\
         \x20 uwsgi_temp_path {p}/uwsgi;\n  scgi_temp_path {p}/scgi;\n\
         \x20 server {{\n    listen 127.0.0.1:{port};\n    root {www};\n\
         \x20   location / {{ default_type \"text/html; charset=utf-8\"; }}\n  }}\n}}\n",
        www = www.display()
    )
}
