//! The processes of a run: the load driver, the server, nginx, the data set and the
//! trickle of writes.

use super::*;

/// What a load connection asks next: (row index, path), from its random numbers and
/// its request counter.
pub(super) type Next = Arc<dyn Fn(&mut Rng, usize) -> (usize, String) + Send + Sync>;

/// Drive `connections` keep-alive connections for `dur`, each request's path and
/// row drawn by `next` (row index, path); one histogram per row.
pub(super) async fn drive(
    base: &str,
    connections: usize,
    dur: Duration,
    rows: usize,
    next: Next,
) -> anyhow::Result<(Vec<Histogram>, Duration)> {
    // Each row draws its own numbers: with the same seeds a later row would ask for
    // the pages an earlier one had asked for, and find them kept.
    static ROWS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let salt = ROWS
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        .wrapping_mul(0xD1B5_4A32_D192_ED03);
    let started = Instant::now();
    let deadline = started + dur;
    let mut tasks = Vec::new();
    for c in 0..connections {
        let base = base.to_string();
        let next = next.clone();
        let client = client(1)?;
        tasks.push(tokio::spawn(async move {
            let mut hists = vec![Histogram::default(); rows];
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((c as u64 + 1) * 0x2545_F491) ^ salt);
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
pub(super) fn client(idle: usize) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .pool_max_idle_per_host(idle)
        .http1_only()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// The data set: documents (and laws) in a SQLite database under `dir/data`.
pub(super) struct DataSet {
    pub(super) data_dir: PathBuf,
    pub(super) url: String,
    pub(super) workload: Workload,
    pub(super) unit: i64,
}

pub(super) const MARKER: &str = "bench-http.txt";

pub(super) async fn prepare(opts: &HttpOptions, dir: &Path) -> anyhow::Result<DataSet> {
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
        crate::bench::docs::generate(&db, opts.count).await?;
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
                crate::bench::vm_hwm_mb()
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
pub(super) struct Server {
    pub(super) child: tokio::process::Child,
    pub(super) pid: u32,
    pub(super) log: PathBuf,
}

impl Server {
    /// Spawn and wait for `/readyz`; the time from spawn to the first ready answer.
    pub(super) async fn start(
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

    /// The server's memory now (see [`Memory`]), in MB.
    pub(super) fn memory(&self) -> Memory {
        let read = |f: &str| std::fs::read_to_string(format!("/proc/{}/{f}", self.pid));
        let exe = std::fs::read_link(format!("/proc/{}/exe", self.pid)).unwrap_or_default();
        Memory::of(
            &read("status").unwrap_or_default(),
            &read("smaps").unwrap_or_default(),
            &exe.to_string_lossy(),
        )
    }

    /// Ctrl-C (SIGINT, the server's graceful stop), then SIGKILL after 15 s.
    pub(super) async fn stop(mut self) -> anyhow::Result<()> {
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

    pub(super) fn log_has(&self, what: &str) -> bool {
        std::fs::read_to_string(&self.log).is_ok_and(|t| t.contains(what))
    }
}

/// A process's memory in MB: VmRSS and its peak VmHWM, RssAnon, and RssFile split by
/// what is mapped: the search index's files (a path with `/search/` in it), the
/// executable itself (its code and embedded data; shared, clean pages), the rest.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(super) struct Memory {
    pub rss: f64,
    pub hwm: f64,
    pub anon: f64,
    pub file: f64,
    pub index: f64,
    pub exe: f64,
}

impl Memory {
    /// From the texts of `/proc/PID/status` and `/proc/PID/smaps` and the path of the
    /// executable.
    pub(super) fn of(status: &str, smaps: &str, exe: &str) -> Memory {
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
                .map_or(0.0, |kb| kb / 1024.0)
        };
        let (mut index, mut in_exe) = (0.0, 0.0);
        let mut path = "";
        for line in smaps.lines() {
            let mut words = line.split_whitespace();
            let first = words.next().unwrap_or("");
            if first.contains('-') && first.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
                // A mapping's header: range perms offset dev inode [path].
                path = words.nth(4).unwrap_or("");
            } else if first == "Rss:" {
                let mb = words
                    .next()
                    .and_then(|v| v.parse::<f64>().ok())
                    .unwrap_or(0.0)
                    / 1024.0;
                if path.contains("/search/") {
                    index += mb;
                } else if !exe.is_empty() && path == exe {
                    in_exe += mb;
                }
            }
        }
        Memory {
            rss: field("VmRSS:"),
            hwm: field("VmHWM:"),
            anon: field("RssAnon:"),
            file: field("RssFile:"),
            index,
            exe: in_exe,
        }
    }
}

/// Wait until the search index answers (a query over the generated words finds
/// something): the build at first start must not share the cores with the load.
pub(super) async fn wait_for_index(base: &str, server: &mut Server) -> anyhow::Result<Duration> {
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

pub(super) fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// nginx on the PATH (or in /usr/sbin, where Debian puts it).
pub(super) fn find_nginx() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/local/sbin")])
        .map(|d| d.join("nginx"))
        .find(|p| p.is_file())
}

pub(super) fn running_as_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(2))
            == Some("0")
    })
}

/// nginx serving the saved pages.
pub(super) struct Nginx {
    pub(super) bin: PathBuf,
    pub(super) prefix: PathBuf,
    pub(super) child: tokio::process::Child,
}

impl Nginx {
    pub(super) async fn start(bin: PathBuf, prefix: PathBuf, port: u16) -> anyhow::Result<Nginx> {
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

    pub(super) async fn stop(mut self) {
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
pub(super) async fn trickle(
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
