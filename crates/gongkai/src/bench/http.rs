//! `gongkai bench http`: the public pages over loopback HTTP, beside nginx.
//!
//! A data set of generated documents (100 000 by default, as `bench docs`; kept and
//! reused with `--keep DIR`) and, with `--laws DIR`, imported laws; the real server
//! (`serve`, this executable as a child process, so it shares no runtime with the
//! load driver) on a free loopback port; then, per page type, N keep-alive
//! connections driven for a fixed time: document pages (random ids, and one page),
//! list pages (random pages, and filtered by 体裁 and year), search (a cycle of
//! queries), law pages; then all of them mixed with a trickle of writes (依申请公开
//! applications and 网民留言 through the public API). When nginx is installed, the
//! bytes of one document page and of one list page, saved from gongkai, are served
//! by an nginx child process and driven the same way in the same run, for the
//! ratios against the goals. At the end: the server's resident memory, and the cold
//! start of a second server on the same data (index opened, not rebuilt).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;

use super::Rng;
use crate::db::Db;

/// Options of `gongkai bench http`.
pub struct HttpOptions {
    pub count: usize,
    /// Seconds of load per page type (and for the mixed phase).
    pub seconds: u64,
    /// Concurrent keep-alive connections.
    pub connections: usize,
    /// Keep the data set here and reuse it on the next run.
    pub keep: Option<PathBuf>,
    /// A laws folder (markdown) to import into the data set.
    pub laws: Option<PathBuf>,
    /// Writes per second during the mixed phase.
    pub writes_per_second: f64,
    /// Leave nginx out even when it is installed.
    pub no_nginx: bool,
}

/// The queries the search rows cycle through (so that no single query is measured
/// alone): common words, a typo, rarer phrases.
pub const QUERIES: [&str; 12] = [
    "占道经营",
    "行政处罚",
    "违法建筑",
    "城市管理",
    "信息公开",
    "罚款",
    "噪声",
    "户外广告",
    "生活垃圾",
    "执法公示",
    "占到经营",
    "随机抽查",
];

/// The page types of the benchmark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `/xxgk/documents/{id}`, a random id.
    Document,
    /// `/xxgk/proactive?page=N`, a random page.
    List,
    /// `/xxgk/proactive?genre=…&year=…`, random filters.
    ListFiltered,
    /// `/search?q=…`, the next query of the cycle.
    Search,
    /// `/laws/{id}`, a random law.
    Law,
}

impl Page {
    fn short(self) -> &'static str {
        match self {
            Page::Document => "文件页",
            Page::List => "列表",
            Page::ListFiltered => "筛选列表",
            Page::Search => "搜索",
            Page::Law => "法规页",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Page::Document => "文件页（随机 id）",
            Page::List => "列表页（随机页码）",
            Page::ListFiltered => "筛选列表（体裁+年份）",
            Page::Search => "搜索（12 词轮换）",
            Page::Law => "法规页（随机）",
        }
    }
}

/// What the workload draws from: the published documents, the laws, the list's
/// page count and the search queries.
pub struct Workload {
    pub doc_ids: Vec<i64>,
    pub law_ids: Vec<i64>,
    /// Pages of `/xxgk/proactive` (20 documents a page), at least 1.
    pub pages: usize,
    pub genres: Vec<&'static str>,
    pub years: (i32, i32),
}

impl Workload {
    /// The mix of the mixed phase, as (page type, weight): half document pages, a
    /// quarter lists, the rest search and laws (laws only when there are some).
    pub fn mix(&self) -> Vec<(Page, u32)> {
        let mut m = vec![
            (Page::Document, 50),
            (Page::List, 15),
            (Page::ListFiltered, 10),
            (Page::Search, 15),
        ];
        if !self.law_ids.is_empty() {
            m.push((Page::Law, 10));
        }
        m
    }

    /// The page types measured one by one (laws only when there are some).
    pub fn pages(&self) -> Vec<Page> {
        let mut p = vec![Page::Document, Page::List, Page::ListFiltered, Page::Search];
        if !self.law_ids.is_empty() {
            p.push(Page::Law);
        }
        p
    }

    /// The path of one request of a page type; `n` counts the requests of the
    /// caller (the search cycle follows it).
    pub fn path(&self, page: Page, rng: &mut Rng, n: usize) -> String {
        match page {
            Page::Document => format!(
                "/xxgk/documents/{}",
                self.doc_ids[rng.below(self.doc_ids.len())]
            ),
            // Readers page through the first pages far more than the last: the first
            // 500 pages, as `bench docs`.
            Page::List => format!(
                "/xxgk/proactive?page={}",
                1 + rng.below(self.pages.min(500))
            ),
            Page::ListFiltered => {
                let genre = self.genres[rng.below(self.genres.len())];
                let span = (self.years.1 - self.years.0 + 1).max(1) as usize;
                let year = self.years.0 + rng.below(span) as i32;
                // Pages 1–3, as far as a filter of this size has them (a page past
                // the last answers 404).
                let per_filter = self.doc_ids.len() / (self.genres.len().max(1) * span * 20);
                let page = 1 + rng.below(per_filter.clamp(1, 3));
                format!("/xxgk/proactive?genre={genre}&year={year}&page={page}")
            }
            Page::Search => format!("/search?q={}", urlencoding(QUERIES[n % QUERIES.len()])),
            Page::Law => format!("/laws/{}", self.law_ids[rng.below(self.law_ids.len())]),
        }
    }
}

/// Draw a page type from a weighted mix.
pub fn pick(mix: &[(Page, u32)], rng: &mut Rng) -> Page {
    let total: u32 = mix.iter().map(|(_, w)| *w).sum();
    let mut r = rng.below(total.max(1) as usize) as u32;
    for (p, w) in mix {
        if r < *w {
            return *p;
        }
        r -= w;
    }
    mix.first().map(|(p, _)| *p).unwrap_or(Page::Document)
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// Latencies of one row, in microseconds, and the failed requests.
#[derive(Default, Clone)]
pub struct Histogram {
    micros: Vec<u32>,
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

    fn print(&mut self) {
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
fn pad(s: &str, width: usize) -> String {
    let w: usize = s.chars().map(|c| if c >= '\u{2E80}' { 2 } else { 1 }).sum();
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn header() {
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

const NAME_WIDTH: usize = 40;

/// The goals of issue 23, against the figures of one run: the document page ≥ 0.5 ×
/// nginx, list pages ≥ 0.3 × nginx, search p99 ≤ 50 ms. A ratio is `None` when nginx
/// was not measured. One line per goal.
pub fn goal_lines(document: Option<f64>, list: Option<f64>, search_p99_ms: f64) -> Vec<String> {
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

/// What a load connection asks next: (row index, path), from its random numbers and
/// its request counter.
type Next = Arc<dyn Fn(&mut Rng, usize) -> (usize, String) + Send + Sync>;

/// Drive `connections` keep-alive connections for `dur`, each request's path and
/// row drawn by `next` (row index, path); one histogram per row.
async fn drive(
    base: &str,
    connections: usize,
    dur: Duration,
    rows: usize,
    next: Next,
) -> anyhow::Result<(Vec<Histogram>, Duration)> {
    let started = Instant::now();
    let deadline = started + dur;
    let mut tasks = Vec::new();
    for c in 0..connections {
        let base = base.to_string();
        let next = next.clone();
        let client = client(1)?;
        tasks.push(tokio::spawn(async move {
            let mut hists = vec![Histogram::default(); rows];
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((c as u64 + 1) * 0x2545_F491));
            let mut n = c;
            while Instant::now() < deadline {
                let (row, path) = next(&mut rng, n);
                n += connections;
                let t = Instant::now();
                let ok = match client.get(format!("{base}{path}")).send().await {
                    Ok(r) => {
                        let status = r.status();
                        r.bytes().await.is_ok() && status.is_success()
                    }
                    Err(_) => false,
                };
                if ok {
                    hists[row].record(t.elapsed());
                } else {
                    hists[row].errors += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                }
            }
            hists
        }));
    }
    let mut all = vec![Histogram::default(); rows];
    for t in tasks {
        for (a, h) in all.iter_mut().zip(t.await?) {
            a.merge(h);
        }
    }
    Ok((all, started.elapsed()))
}

/// An HTTP/1.1 client keeping up to `idle` connections (one per load connection);
/// no compression asked, as a plain `wrk` run.
fn client(idle: usize) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .pool_max_idle_per_host(idle)
        .http1_only()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// The data set: documents (and laws) in a SQLite database under `dir/data`.
struct DataSet {
    data_dir: PathBuf,
    url: String,
    workload: Workload,
    unit: i64,
}

const MARKER: &str = "bench-http.txt";

async fn prepare(opts: &HttpOptions, dir: &Path) -> anyhow::Result<DataSet> {
    let data_dir = dir.join("data");
    std::fs::create_dir_all(&data_dir)?;
    let url = format!("sqlite:{}", data_dir.join("gongkai.db").display());
    let marker = dir.join(MARKER);
    let kept = std::fs::read_to_string(&marker)
        .ok()
        .and_then(|t| t.trim().strip_prefix("count=")?.parse::<usize>().ok());
    if let Some(n) = kept {
        anyhow::ensure!(
            n == opts.count,
            "{} 中的数据集有 {n} 件文件，与 --count {} 不符（换一个目录或删去它）",
            dir.display(),
            opts.count
        );
    }
    let db = Db::connect(&url, 8).await?;
    db.migrate().await?;
    crate::app::bootstrap(&db, &crate::config::Settings::default().site).await?;
    if kept.is_none() {
        let existing: i64 = crate::with_db!(&db, |p| sqlx::query_scalar(
            "SELECT COUNT(*) FROM documents"
        )
        .fetch_one(p)
        .await)?;
        anyhow::ensure!(
            existing == 0,
            "{} 里已有 {existing} 件文件但不是本基准生成的数据集",
            data_dir.display()
        );
        eprintln!("生成 {} 件文件…", opts.count);
        let t = Instant::now();
        super::docs::generate(&db, opts.count).await?;
        println!(
            "数据集：生成 {} 件文件，用时 {:.1} 秒",
            opts.count,
            t.elapsed().as_secs_f64()
        );
    } else {
        println!("数据集：沿用 {}（{} 件文件）", dir.display(), opts.count);
    }
    if let Some(laws) = &opts.laws {
        let have: i64 = crate::with_db!(&db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM laws")
            .fetch_one(p)
            .await)?;
        if have == 0 {
            anyhow::ensure!(laws.is_dir(), "{} 不是目录", laws.display());
            let t = Instant::now();
            let s = crate::laws::import_dir(&db, laws, None, false).await?;
            println!(
                "法规导入：{}，用时 {:.1} 秒，本进程峰值内存 {:.0} MB",
                s.line(),
                t.elapsed().as_secs_f64(),
                super::vm_hwm_mb()
            );
        }
    }
    if kept.is_none() {
        crate::with_db!(&db, |p| sqlx::query("ANALYZE")
            .execute(p)
            .await
            .map(|r| r.rows_affected()))?;
        std::fs::write(&marker, format!("count={}\n", opts.count))?;
    }
    let doc_ids: Vec<i64> = crate::with_db!(&db, |p| {
        sqlx::query_scalar(
        "SELECT id FROM documents WHERE state = 'published' AND disclosure = 'proactive' ORDER BY id"
    )
    .fetch_all(p)
    .await
    })?;
    anyhow::ensure!(!doc_ids.is_empty(), "数据集里没有已发布的文件");
    let law_ids: Vec<i64> = crate::with_db!(&db, |p| sqlx::query_scalar(
        "SELECT id FROM laws ORDER BY id"
    )
    .fetch_all(p)
    .await)?;
    let unit = crate::auth::store::all_units(&db)
        .await?
        .iter()
        .find(|u| u.parent_id.is_none())
        .map(|u| u.id)
        .context("没有根机构")?;
    db.close().await;
    let pages = doc_ids.len().div_ceil(20).max(1);
    Ok(DataSet {
        data_dir,
        url,
        workload: Workload {
            doc_ids,
            law_ids,
            pages,
            genres: crate::docs::model::Genre::ALL
                .iter()
                .map(|g| g.code())
                .collect(),
            years: (2005, 2025),
        },
        unit,
    })
}

/// The server: this executable's `serve` on the data set.
struct Server {
    child: tokio::process::Child,
    pid: u32,
    log: PathBuf,
}

impl Server {
    /// Spawn and wait for `/readyz`; the time from spawn to the first ready answer.
    async fn start(
        set: &DataSet,
        dir: &Path,
        port: u16,
        log: PathBuf,
    ) -> anyhow::Result<(Server, Duration)> {
        let out = std::fs::File::create(&log)?;
        let t = Instant::now();
        let child = tokio::process::Command::new(std::env::current_exe()?)
            .arg("serve")
            .arg("--bind")
            .arg(format!("127.0.0.1:{port}"))
            .env("GONGKAI_CONFIG", dir.join("none.toml"))
            .env("GONGKAI__STORAGE__DATA_DIR", &set.data_dir)
            .env("GONGKAI__DATABASE__URL", &set.url)
            .env("GONGKAI__JOBS__RUN_IN_SERVER", "false")
            .env("GONGKAI__SECURITY__PUBLIC_FORM_PER_MINUTE", "1000000")
            .env("GONGKAI__INTERACT__PER_PHONE_PER_DAY", "1000000")
            .env("RUST_LOG", "gongkai=info,tower_http=warn,sqlx=warn")
            .env("NO_COLOR", "1")
            .stdout(out.try_clone()?)
            .stderr(out)
            .kill_on_drop(true)
            .spawn()
            .context("无法启动服务进程")?;
        let pid = child.id().context("服务进程没有进程号")?;
        let mut server = Server { child, pid, log };
        let c = client(1)?;
        let url = format!("http://127.0.0.1:{port}/readyz");
        while t.elapsed() < Duration::from_secs(600) {
            if let Ok(r) = c.get(&url).send().await
                && r.status().is_success()
            {
                return Ok((server, t.elapsed()));
            }
            if let Some(status) = server.child.try_wait()? {
                anyhow::bail!("服务进程退出（{status}），见 {}", server.log.display());
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        anyhow::bail!("服务 600 秒内未就绪，见 {}", server.log.display())
    }

    /// Resident memory now and at its peak (VmRSS, VmHWM), in MB.
    fn memory_mb(&self) -> (f64, f64) {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid)).unwrap_or_default();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
                .map(|kb| kb / 1024.0)
                .unwrap_or(0.0)
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// Ctrl-C (SIGINT, the server's graceful stop), then SIGKILL after 15 s.
    async fn stop(mut self) -> anyhow::Result<()> {
        let _ = tokio::process::Command::new("kill")
            .arg("-INT")
            .arg(self.pid.to_string())
            .status()
            .await;
        if tokio::time::timeout(Duration::from_secs(15), self.child.wait())
            .await
            .is_err()
        {
            self.child.start_kill()?;
            self.child.wait().await?;
        }
        Ok(())
    }

    fn log_has(&self, what: &str) -> bool {
        std::fs::read_to_string(&self.log).is_ok_and(|t| t.contains(what))
    }
}

/// Wait until the search index answers (a query over the generated words finds
/// something): the build at first start must not share the cores with the load.
async fn wait_for_index(base: &str, server: &mut Server) -> anyhow::Result<Duration> {
    let t = Instant::now();
    let c = client(1)?;
    let url = format!("{base}/api/v1/search?q={}", urlencoding("通知"));
    while t.elapsed() < Duration::from_secs(7200) {
        if let Ok(r) = c.get(&url).send().await
            && r.status().is_success()
            && let Ok(v) = r.json::<serde_json::Value>().await
            && v["total"].as_u64().unwrap_or(0) > 0
        {
            return Ok(t.elapsed());
        }
        if let Some(status) = server.child.try_wait()? {
            anyhow::bail!("服务进程退出（{status}），见 {}", server.log.display());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    anyhow::bail!("搜索索引 2 小时内未建成")
}

fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// nginx on the PATH (or in /usr/sbin, where Debian puts it).
fn find_nginx() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/local/sbin")])
        .map(|d| d.join("nginx"))
        .find(|p| p.is_file())
}

fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(2))
            == Some("0")
    })
}

/// nginx serving the saved pages.
struct Nginx {
    bin: PathBuf,
    prefix: PathBuf,
    child: tokio::process::Child,
}

impl Nginx {
    async fn start(bin: PathBuf, prefix: PathBuf, port: u16) -> anyhow::Result<Nginx> {
        let www = prefix.join("www");
        let conf = prefix.join("nginx.conf");
        std::fs::write(&conf, nginx_config(&prefix, &www, port, running_as_root()))?;
        let child = tokio::process::Command::new(&bin)
            .arg("-p")
            .arg(&prefix)
            .arg("-c")
            .arg(&conf)
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(prefix.join("stderr.log"))?)
            .kill_on_drop(true)
            .spawn()
            .context("无法启动 nginx")?;
        let mut n = Nginx { bin, prefix, child };
        let c = client(1)?;
        let url = format!("http://127.0.0.1:{port}/document.html");
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(10) {
            if let Ok(r) = c.get(&url).send().await
                && r.status().is_success()
            {
                return Ok(n);
            }
            if let Some(status) = n.child.try_wait()? {
                let err = std::fs::read_to_string(n.prefix.join("stderr.log")).unwrap_or_default();
                anyhow::bail!("nginx 退出（{status}）：{}", err.trim());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        n.stop().await;
        anyhow::bail!("nginx 10 秒内未就绪")
    }

    async fn stop(mut self) {
        let _ = tokio::process::Command::new(&self.bin)
            .arg("-p")
            .arg(&self.prefix)
            .arg("-c")
            .arg(self.prefix.join("nginx.conf"))
            .arg("-s")
            .arg("stop")
            .stderr(std::process::Stdio::null())
            .status()
            .await;
        if tokio::time::timeout(Duration::from_secs(10), self.child.wait())
            .await
            .is_err()
        {
            let _ = self.child.start_kill();
        }
    }
}

/// The write trickle: 依申请公开 applications and 网民留言 in turn through the public
/// API, `per_second` a second, until `stop`. Latencies of the acknowledged ones.
async fn trickle(
    base: String,
    unit: i64,
    per_second: f64,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<Histogram> {
    let c = client(1)?;
    let mut hist = Histogram::default();
    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / per_second.max(0.01)));
    let mut i = 0u64;
    while !stop.load(Ordering::SeqCst) {
        tick.tick().await;
        i += 1;
        let (path, body) = if i % 2 == 1 {
            (
                "/api/v1/foi/applications",
                serde_json::json!({
                    "unit_id": unit.to_string(), "applicant_kind": "commercial",
                    "applicant_name": "某某科技有限公司", "id_kind": "credit_code",
                    "id_number": "91350100M000100Y43", "legal_rep": "赵某", "phone": "021-5555 6666",
                    "info_description": format!("请公开本局2025年度占道经营执法统计（压力测试{i}）"),
                    "delivery_form": "paper", "delivery_method": "in_person"
                }),
            )
        } else {
            (
                "/api/v1/messages",
                serde_json::json!({
                    "kind": "suggestion", "subject": format!("压力测试留言{i}"),
                    "content": "建议在地铁站出口增设非机动车停放区，并安排人员引导停放。",
                    "name": "李四", "phone": format!("139{:08}", i % 100_000_000), "consent": "yes"
                }),
            )
        };
        let t = Instant::now();
        match c.post(format!("{base}{path}")).json(&body).send().await {
            Ok(r) if r.status().is_success() => {
                let _ = r.bytes().await;
                hist.record(t.elapsed());
            }
            Ok(r) => {
                if hist.errors == 0 {
                    let status = r.status();
                    let text = r.text().await.unwrap_or_default();
                    eprintln!(
                        "写入被拒：{path} → {status} {}",
                        text.chars().take(200).collect::<String>()
                    );
                }
                hist.errors += 1;
            }
            Err(_) => hist.errors += 1,
        }
    }
    Ok(hist)
}

/// `gongkai bench http`.
pub async fn http(opts: HttpOptions) -> anyhow::Result<()> {
    anyhow::ensure!(opts.count > 0, "--count 至少为 1");
    anyhow::ensure!(opts.connections > 0, "--connections 至少为 1");
    let dir = match &opts.keep {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            d.clone()
        }
        None => super::tempfile_dir()?,
    };
    let run_dir = super::tempfile_dir()?;
    let result = run(&opts, &dir, &run_dir).await;
    if opts.keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    match &result {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&run_dir);
        }
        Err(_) => eprintln!("（服务日志保留在 {}）", run_dir.display()),
    }
    result
}

async fn run(opts: &HttpOptions, dir: &Path, run_dir: &Path) -> anyhow::Result<()> {
    let set = Arc::new(prepare(opts, dir).await?);
    let w = &set.workload;
    let nginx_bin = if opts.no_nginx { None } else { find_nginx() };
    println!(
        "gongkai bench http — {} 件已发布文件，{} 部法规，SQLite；{} 个长连接，每类 {} 秒；回环地址，服务为独立子进程；nginx：{}",
        w.doc_ids.len(),
        w.law_ids.len(),
        opts.connections,
        opts.seconds,
        nginx_bin
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "未用".into())
    );
    let port = free_port()?;
    let base = format!("http://127.0.0.1:{port}");
    let (mut server, ready) = Server::start(&set, dir, port, run_dir.join("serve-1.log")).await?;
    let index = wait_for_index(&base, &mut server).await?;
    println!(
        "服务启动：{:.2} 秒到 /readyz；搜索索引可答再用 {:.1} 秒{}",
        ready.as_secs_f64(),
        index.as_secs_f64(),
        if server.log_has("search index built") {
            "（本次新建索引）"
        } else {
            "（索引沿用）"
        }
    );
    let dur = Duration::from_secs(opts.seconds.max(1));
    let conns = opts.connections;
    header();
    let mut rows: Vec<Row> = Vec::new();
    let mut search_p99 = 0.0;
    let mut doc_rate = 0.0;
    let mut list_rate = 0.0;
    for page in w.pages() {
        let s = set.clone();
        let (mut h, elapsed) = drive(
            &base,
            conns,
            dur,
            1,
            Arc::new(move |rng, n| (0, s.workload.path(page, rng, n))),
        )
        .await?;
        let mut row = Row {
            name: page.label().to_string(),
            hist: h.remove(0),
            elapsed,
        };
        row.print();
        match page {
            Page::Search => search_p99 = row.hist.percentile_ms(0.99),
            Page::Document => doc_rate = row.rate(),
            Page::List => list_rate = row.rate(),
            _ => {}
        }
        rows.push(row);
    }
    // One document page and the first list page: what nginx serves beside them.
    let one_doc = format!("/xxgk/documents/{}", w.doc_ids[0]);
    let c = client(1)?;
    let doc_bytes = c
        .get(format!("{base}{one_doc}"))
        .send()
        .await?
        .bytes()
        .await?;
    let list_bytes = c
        .get(format!("{base}/xxgk/proactive"))
        .send()
        .await?
        .bytes()
        .await?;
    let mut one = Vec::new();
    for (name, path) in [
        ("文件页（同一页）", one_doc.clone()),
        ("列表页（第 1 页）", "/xxgk/proactive".to_string()),
    ] {
        let p = path.clone();
        let (mut h, elapsed) =
            drive(&base, conns, dur, 1, Arc::new(move |_, _| (0, p.clone()))).await?;
        let mut row = Row {
            name: name.to_string(),
            hist: h.remove(0),
            elapsed,
        };
        row.print();
        one.push(row.rate());
        rows.push(row);
    }
    // nginx on the same bytes.
    let mut ratios: Option<(f64, f64, f64, f64)> = None;
    if let Some(bin) = nginx_bin {
        let prefix = run_dir.join("nginx");
        std::fs::create_dir_all(prefix.join("www"))?;
        std::fs::write(prefix.join("www/document.html"), &doc_bytes)?;
        std::fs::write(prefix.join("www/list.html"), &list_bytes)?;
        let nport = free_port()?;
        match Nginx::start(bin, prefix, nport).await {
            Ok(ng) => {
                let nbase = format!("http://127.0.0.1:{nport}");
                let mut rates = Vec::new();
                for (name, file, len) in [
                    ("nginx 同一文件页字节", "/document.html", doc_bytes.len()),
                    ("nginx 同一列表页字节", "/list.html", list_bytes.len()),
                ] {
                    let (mut h, elapsed) = drive(
                        &nbase,
                        conns,
                        dur,
                        1,
                        Arc::new(move |_, _| (0, file.to_string())),
                    )
                    .await?;
                    let mut row = Row {
                        name: format!("{name}（{:.1} kB）", len as f64 / 1024.0),
                        hist: h.remove(0),
                        elapsed,
                    };
                    row.print();
                    rates.push(row.rate());
                    rows.push(row);
                }
                ng.stop().await;
                let (nd, nl) = (rates[0].max(1e-9), rates[1].max(1e-9));
                ratios = Some((doc_rate / nd, one[0] / nd, list_rate / nl, one[1] / nl));
            }
            Err(e) => println!("nginx 未能启动，不比较：{e:#}"),
        }
    }
    // Everything mixed, with the write trickle.
    let mix = w.mix();
    println!(
        "混合读（{}）＋ 写入 {} 件/秒（依申请公开申请、网民留言交替，经公开 API）：",
        mix.iter()
            .map(|(p, wt)| format!("{} {wt}%", p.short()))
            .collect::<Vec<_>>()
            .join("、"),
        opts.writes_per_second
    );
    let stop = Arc::new(AtomicBool::new(false));
    let writer = (opts.writes_per_second > 0.0).then(|| {
        tokio::spawn(trickle(
            base.clone(),
            set.unit,
            opts.writes_per_second,
            stop.clone(),
        ))
    });
    let s = set.clone();
    let kinds = mix.iter().map(|(p, _)| *p).collect::<Vec<_>>();
    let mix2 = mix.clone();
    let kinds2 = kinds.clone();
    let (hists, elapsed) = drive(
        &base,
        conns,
        dur,
        kinds.len(),
        Arc::new(move |rng, n| {
            let p = pick(&mix2, rng);
            let row = kinds2.iter().position(|k| *k == p).unwrap_or(0);
            (row, s.workload.path(p, rng, n))
        }),
    )
    .await?;
    stop.store(true, Ordering::SeqCst);
    let mut total = Histogram::default();
    for (p, h) in kinds.iter().zip(hists) {
        let mut row = Row {
            name: format!("  混合·{}", p.label()),
            hist: h,
            elapsed,
        };
        row.print();
        total.merge(row.hist.clone());
    }
    Row {
        name: "  混合·合计".into(),
        hist: total,
        elapsed,
    }
    .print();
    if let Some(wr) = writer {
        let mut row = Row {
            name: "  混合·写入".into(),
            hist: wr.await??,
            elapsed,
        };
        row.print();
    }
    println!("对照目标：");
    for l in goal_lines(ratios.map(|r| r.0), ratios.map(|r| r.2), search_p99) {
        println!("  {l}");
    }
    if let Some((_, doc_one, _, list_one)) = ratios {
        println!(
            "  （同一页反复请求：文件页 ÷ nginx = {doc_one:.2}，列表第 1 页 ÷ nginx = {list_one:.2}）"
        );
    }
    let (rss, hwm) = server.memory_mb();
    println!("服务内存：VmRSS {rss:.0} MB（运行后），峰值 VmHWM {hwm:.0} MB");
    server.stop().await?;
    // A second start on the same data: the index is opened, not rebuilt.
    let (mut second, cold) = Server::start(&set, dir, port, run_dir.join("serve-2.log")).await?;
    let answer = wait_for_index(&base, &mut second).await?;
    println!(
        "冷启动：{:.3} 秒到 /readyz（已有数据目录），再 {:.3} 秒搜索可答；索引{}",
        cold.as_secs_f64(),
        answer.as_secs_f64(),
        if second.log_has("search index built") {
            "被重建"
        } else {
            "直接打开，未重建"
        }
    );
    let (rss2, _) = second.memory_mb();
    println!("冷启动后内存：VmRSS {rss2:.0} MB");
    second.stop().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workload(laws: Vec<i64>) -> Workload {
        Workload {
            doc_ids: vec![3, 5, 8],
            law_ids: laws,
            pages: 2,
            genres: vec!["notice", "reply"],
            years: (2020, 2021),
        }
    }

    #[test]
    fn paths_stay_within_the_data_set() {
        let w = workload(vec![42]);
        let mut rng = Rng(7);
        for n in 0..200 {
            let d = w.path(Page::Document, &mut rng, n);
            let id: i64 = d
                .trim_start_matches("/xxgk/documents/")
                .parse()
                .expect("id");
            assert!(w.doc_ids.contains(&id), "{d}");
            let l = w.path(Page::List, &mut rng, n);
            let page: usize = l
                .trim_start_matches("/xxgk/proactive?page=")
                .parse()
                .expect("page");
            assert!((1..=2).contains(&page), "{l}");
            let f = w.path(Page::ListFiltered, &mut rng, n);
            assert!(f.starts_with("/xxgk/proactive?genre="), "{f}");
            assert!(f.contains("year=2020") || f.contains("year=2021"), "{f}");
            assert!(f.ends_with("&page=1"), "three documents fill one page: {f}");
            assert_eq!(w.path(Page::Law, &mut rng, n), "/laws/42");
        }
    }

    #[test]
    fn filtered_lists_page_up_to_three_when_the_filters_hold_that_many() {
        let mut w = workload(vec![]);
        w.doc_ids = (1..=100_000).collect();
        let mut rng = Rng(3);
        let pages: std::collections::BTreeSet<String> = (0..300)
            .map(|n| w.path(Page::ListFiltered, &mut rng, n))
            .filter_map(|p| p.rsplit_once("&page=").map(|(_, n)| n.to_string()))
            .collect();
        assert_eq!(pages.into_iter().collect::<Vec<_>>(), ["1", "2", "3"]);
    }

    #[test]
    fn names_are_padded_by_display_width() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("文件", 6), "文件  ");
        assert_eq!(pad("文件页（同一页）", 4), "文件页（同一页）");
    }

    #[test]
    fn search_cycles_through_every_query() {
        let w = workload(vec![]);
        let mut rng = Rng(1);
        let seen: std::collections::BTreeSet<String> = (0..QUERIES.len())
            .map(|n| w.path(Page::Search, &mut rng, n))
            .collect();
        assert_eq!(seen.len(), QUERIES.len());
        assert_eq!(
            w.path(Page::Search, &mut rng, 0),
            w.path(Page::Search, &mut rng, QUERIES.len())
        );
        assert!(seen.contains("/search?q=%E7%BD%9A%E6%AC%BE"), "{seen:?}"); // 罚款
    }

    #[test]
    fn the_mix_follows_its_weights_and_leaves_out_missing_laws() {
        assert!(!workload(vec![]).mix().iter().any(|(p, _)| *p == Page::Law));
        assert!(!workload(vec![]).pages().contains(&Page::Law));
        let w = workload(vec![1]);
        let mix = w.mix();
        assert_eq!(mix.iter().map(|(_, wt)| wt).sum::<u32>(), 100);
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        let n = 20_000;
        let docs = (0..n)
            .filter(|_| pick(&mix, &mut rng) == Page::Document)
            .count();
        let laws = (0..n).filter(|_| pick(&mix, &mut rng) == Page::Law).count();
        assert!((9_000..11_000).contains(&docs), "{docs}");
        assert!((1_500..2_500).contains(&laws), "{laws}");
        assert_eq!(pick(&[(Page::Search, 1)], &mut rng), Page::Search);
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let mut h = Histogram::default();
        assert_eq!(h.percentile_ms(0.99), 0.0);
        for us in (1..=100).rev() {
            h.record(Duration::from_micros(us * 1000));
        }
        assert_eq!(h.percentile_ms(0.5), 50.0);
        assert_eq!(h.percentile_ms(0.99), 99.0);
        assert_eq!(h.percentile_ms(1.0), 100.0);
        let mut other = Histogram {
            errors: 2,
            ..Default::default()
        };
        other.record(Duration::from_secs(1));
        h.merge(other);
        assert_eq!(h.count(), 101);
        assert_eq!(h.errors, 2);
        assert_eq!(h.percentile_ms(1.0), 1000.0);
        let row = Row {
            name: String::new(),
            hist: h,
            elapsed: Duration::from_millis(500),
        };
        assert_eq!(row.rate(), 202.0);
    }

    #[test]
    fn goals_are_judged_against_the_issue() {
        let l = goal_lines(Some(0.62), Some(0.25), 51.0);
        assert_eq!(l[0], "文件页 ÷ nginx = 0.62（目标 ≥ 0.5：达到）");
        assert_eq!(l[1], "列表页 ÷ nginx = 0.25（目标 ≥ 0.3：未达到）");
        assert_eq!(l[2], "搜索 p99 = 51.0 ms（目标 ≤ 50 ms：未达到）");
        let l = goal_lines(None, Some(0.3), 50.0);
        assert!(l[0].contains("未测"), "{}", l[0]);
        assert!(
            l[1].ends_with("达到）") && !l[1].contains("未达到"),
            "{}",
            l[1]
        );
        assert!(!l[2].contains("未达到"), "{}", l[2]);
    }

    #[test]
    fn nginx_config_serves_the_folder_on_loopback_in_the_foreground() {
        let c = nginx_config(Path::new("/tmp/p"), Path::new("/tmp/p/www"), 18081, false);
        assert!(c.starts_with("daemon off;\n"), "{c}");
        assert!(c.contains("listen 127.0.0.1:18081;"), "{c}");
        assert!(c.contains("root /tmp/p/www;"), "{c}");
        assert!(c.contains("pid /tmp/p/nginx.pid;"), "{c}");
        assert!(c.contains("access_log off;"), "{c}");
        assert!(c.contains("client_body_temp_path /tmp/p/body;"), "{c}");
        assert!(!c.contains("user "), "{c}");
        assert_eq!(c.matches('{').count(), c.matches('}').count(), "{c}");
        assert!(nginx_config(Path::new("/p"), Path::new("/w"), 1, true).contains("user root;"));
    }
}
