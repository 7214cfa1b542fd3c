//! `gongkai bench crash`: no acknowledged submission is lost when the server is
//! killed (SIGKILL) under write load.
//!
//! The real binary (`serve`, this executable) runs on a fresh data directory or a
//! fresh PostgreSQL database; four writers submit 依申请公开 applications, 网民留言,
//! penalty registrations (staff API token) and documents (created, submitted and
//! published through the API) and record every receipt they get; the server is
//! killed at random moments and restarted. At the end `crash_check` looks for every
//! acknowledged receipt (exactly once), half-written records, the audit chain and
//! the search index. With `--backup`, `gongkai backup` runs in the middle of the
//! load and the backup is restored into a fresh place and checked the same way.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;

use super::Rng;
use super::crash_check::{self, Ledger, Receipt, What};
use crate::db::{Backend, Db};

/// Options of `gongkai bench crash`.
pub struct CrashOptions {
    pub backend: Backend,
    pub kills: usize,
    pub seconds: u64,
    /// The PostgreSQL server (any database on it); a fresh database is made there.
    pub postgres_url: Option<String>,
    /// Also back up in the middle of the load and restore at the end.
    pub backup: bool,
}

/// Where one instance keeps its data: a data directory and a database URL.
#[derive(Clone)]
pub(super) struct Place {
    pub data_dir: PathBuf,
    pub url: String,
    /// (admin URL, database name) of a PostgreSQL database to drop at the end.
    pub pg: Option<(String, String)>,
}

impl Place {
    async fn new(dir: &Path, name: &str, opts: &CrashOptions) -> anyhow::Result<Place> {
        let data_dir = dir.join(name);
        std::fs::create_dir_all(&data_dir)?;
        match opts.backend {
            Backend::Sqlite => Ok(Place {
                url: format!("sqlite:{}", data_dir.join("gongkai.db").display()),
                data_dir,
                pg: None,
            }),
            Backend::Postgres => {
                let admin = opts.postgres_url.clone().context(
                    "PostgreSQL 需要 --postgres-url（或环境变量 GONGKAI_TEST_POSTGRES）",
                )?;
                let db_name = format!(
                    "gongkai_crash_{}_{}_{name}",
                    std::process::id(),
                    chrono::Utc::now().timestamp()
                );
                pg_admin(&admin, &format!("CREATE DATABASE {db_name}")).await?;
                Ok(Place {
                    url: replace_db(&admin, &db_name),
                    data_dir,
                    pg: Some((admin, db_name)),
                })
            }
        }
    }

    /// This executable with the environment of this place (no configuration file).
    pub fn command(&self, dir: &Path) -> anyhow::Result<tokio::process::Command> {
        let mut c = tokio::process::Command::new(std::env::current_exe()?);
        c.env("GONGKAI_CONFIG", dir.join("none.toml"))
            .env("GONGKAI__STORAGE__DATA_DIR", &self.data_dir)
            .env("GONGKAI__DATABASE__URL", &self.url)
            .env("GONGKAI__SECURITY__PUBLIC_FORM_PER_MINUTE", "1000000")
            .env("GONGKAI__INTERACT__PER_PHONE_PER_DAY", "1000000")
            .env("RUST_LOG", "warn")
            .kill_on_drop(true);
        Ok(c)
    }

    async fn drop_database(&self) {
        if let Some((admin, name)) = &self.pg
            && let Err(e) = pg_admin(
                admin,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            )
            .await
        {
            eprintln!("（未能删除数据库 {name}：{e:#}）");
        }
    }
}

async fn pg_admin(admin: &str, sql: &str) -> anyhow::Result<()> {
    use sqlx::Connection;
    let mut c = sqlx::PgConnection::connect(admin)
        .await
        .with_context(|| format!("无法连接 PostgreSQL {}", crate::db::url_for_log(admin)))?;
    sqlx::query(sql).execute(&mut c).await?;
    Ok(())
}

/// Replace the database name in a PostgreSQL URL.
fn replace_db(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map(|i| i + 3).unwrap_or(0);
    let host = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{host}/{name}?{q}"),
        None => format!("{host}/{name}"),
    }
}

/// The API tokens and the unit the writers use.
#[derive(Clone)]
struct Access {
    staff_token: String,
    reviewer_token: String,
    unit: i64,
}

/// Migrate, create the first administrator, a staff account (执法人员 + 信息发布员)
/// and a reviewer (审核人) with an API token each.
async fn prepare(place: &Place) -> anyhow::Result<Access> {
    use crate::auth::roles::{Grant, Role};
    let db = Db::connect(&place.url, 2).await?;
    db.migrate().await?;
    crate::app::bootstrap(&db, &crate::config::Settings::default().site).await?;
    let units = crate::auth::store::all_units(&db).await?;
    let unit = units
        .iter()
        .find(|u| u.parent_id.is_none())
        .map(|u| u.id)
        .context("没有根机构")?;
    let mut tokens = Vec::new();
    for (name, roles) in [
        ("crash_staff", vec![Role::Enforcer, Role::Publisher]),
        ("crash_reviewer", vec![Role::Reviewer]),
    ] {
        let hash = crate::auth::password::hash(crate::auth::password::generate()).await?;
        let grants: Vec<Grant> = roles
            .iter()
            .map(|r| Grant {
                unit_id: unit,
                role: *r,
            })
            .collect();
        let id = crate::auth::service::create_user(
            &db,
            &crate::audit::Actor::cli(),
            name,
            name,
            &hash,
            &grants,
            serde_json::json!({ "username": name }),
        )
        .await?;
        let raw: [u8; 32] = rand::random();
        let token = format!("gk_{}", hex::encode(raw));
        let now = crate::clock::now();
        crate::with_db!(&db, |p| {
            sqlx::query(
            "INSERT INTO api_tokens (name, token_hash, user_id, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $3, $4, $5)"
        )
        .bind("压力测试")
        .bind(crate::auth::store::token_hash(&token))
        .bind(id)
        .bind(now)
        .bind(now + chrono::Duration::days(1))
        .execute(p)
        .await
        .map(|_| ())
        })?;
        tokens.push(token);
    }
    db.close().await;
    Ok(Access {
        reviewer_token: tokens.pop().unwrap_or_default(),
        staff_token: tokens.pop().unwrap_or_default(),
        unit,
    })
}

/// The server process of a place, listening on a fixed port.
struct Server {
    child: Option<tokio::process::Child>,
    port: u16,
    log: PathBuf,
}

impl Server {
    async fn start(&mut self, place: &Place, dir: &Path) -> anyhow::Result<Duration> {
        let t = Instant::now();
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)?;
        let child = place
            .command(dir)?
            .arg("serve")
            .arg("--bind")
            .arg(format!("127.0.0.1:{}", self.port))
            .stdout(log.try_clone()?)
            .stderr(log)
            .spawn()
            .context("无法启动服务进程")?;
        self.child = Some(child);
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()?;
        let url = format!("http://127.0.0.1:{}/readyz", self.port);
        while t.elapsed() < Duration::from_secs(120) {
            if let Ok(r) = client.get(&url).send().await
                && r.status().is_success()
            {
                return Ok(t.elapsed());
            }
            if let Some(c) = self.child.as_mut()
                && let Some(status) = c.try_wait()?
            {
                anyhow::bail!("服务进程退出（{status}），见 {}", self.log.display());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        anyhow::bail!("服务 120 秒内未就绪，见 {}", self.log.display())
    }

    /// SIGKILL: no shutdown, no flush, whatever the server was doing.
    async fn kill(&mut self) -> anyhow::Result<()> {
        if let Some(mut c) = self.child.take() {
            c.start_kill()?;
            c.wait().await?;
        }
        Ok(())
    }
}

/// `gongkai bench crash`. Exit code 1 when anything acknowledged was lost.
pub async fn crash(opts: CrashOptions) -> anyhow::Result<ExitCode> {
    let dir = super::tempfile_dir()?;
    let place = Place::new(&dir, "live", &opts).await?;
    let result = run(&opts, &dir, &place).await;
    place.drop_database().await;
    match result {
        Ok(true) => {
            std::fs::remove_dir_all(&dir).ok();
            Ok(ExitCode::SUCCESS)
        }
        Ok(false) => {
            println!("结果：失败（数据目录与服务日志保留在 {}）", dir.display());
            Ok(ExitCode::FAILURE)
        }
        Err(e) => {
            println!("错误：{e:#}（数据目录与服务日志保留在 {}）", dir.display());
            Ok(ExitCode::FAILURE)
        }
    }
}

async fn run(opts: &CrashOptions, dir: &Path, place: &Place) -> anyhow::Result<bool> {
    let access = prepare(place).await?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let mut server = Server {
        child: None,
        port,
        log: dir.join("server.log"),
    };
    println!(
        "kill -9 测试：{}，{} 次 SIGKILL，约 {} 秒，4 个并发写入者{}",
        opts.backend.name(),
        opts.kills,
        opts.seconds,
        if opts.backup {
            "，中途在线备份"
        } else {
            ""
        }
    );
    let first = server.start(place, dir).await?;
    println!("服务就绪（{:.1} 秒），开始写入", first.as_secs_f64());
    let ledger = Arc::new(Mutex::new(Ledger::default()));
    let stop = Arc::new(AtomicBool::new(false));
    let base = format!("http://127.0.0.1:{port}");
    let mut writers = Vec::new();
    for w in 0..4 {
        writers.push(tokio::spawn(writer(
            w,
            base.clone(),
            access.clone(),
            ledger.clone(),
            stop.clone(),
        )));
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ chrono::Utc::now().timestamp_micros() as u64);
    let interval = (opts.seconds as f64 * 1000.0 / (opts.kills.max(1) as f64 + 1.0)) as u64;
    let mut restarts = Vec::new();
    let mut backup: Option<(PathBuf, Vec<Receipt>)> = None;
    let started = Instant::now();
    for k in 0..opts.kills {
        let wait = interval / 2 + rng.below(interval.max(1) as usize) as u64;
        tokio::time::sleep(Duration::from_millis(wait)).await;
        if opts.backup && backup.is_none() && k == opts.kills / 2 {
            backup = Some(take_backup(place, dir, &ledger).await?);
        }
        server.kill().await?;
        restarts.push(server.start(place, dir).await?);
        let acked = ledger.lock().map(|l| l.acked.len()).unwrap_or(0);
        println!(
            "第 {:>2} 次 kill -9（{:>5.1} 秒）：已确认 {acked} 件，重启用时 {:.2} 秒",
            k + 1,
            started.elapsed().as_secs_f64(),
            restarts.last().map(|d| d.as_secs_f64()).unwrap_or(0.0)
        );
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    stop.store(true, Ordering::SeqCst);
    for w in writers {
        w.await??;
    }
    let ledger = match Arc::try_unwrap(ledger) {
        Ok(m) => m.into_inner().unwrap_or_else(|p| p.into_inner()),
        Err(a) => a.lock().map(|l| l.clone()).unwrap_or_default(),
    };
    ledger.print_load(started.elapsed(), &restarts);
    let mut ok = crash_check::check_live(place, dir, &base, &ledger).await?;
    server.kill().await?;
    if let Some((bdir, before)) = backup {
        let restored = Place::new(dir, "restored", opts).await?;
        let r = crash_check::check_restore(&restored, dir, &bdir, &before).await;
        restored.drop_database().await;
        ok &= r?;
    }
    println!("结果：{}", if ok { "通过" } else { "失败" });
    Ok(ok)
}

/// `gongkai backup` while the writers go on; the receipts acknowledged before it
/// started are what the backup must hold.
async fn take_backup(
    place: &Place,
    dir: &Path,
    ledger: &Mutex<Ledger>,
) -> anyhow::Result<(PathBuf, Vec<Receipt>)> {
    let before = ledger.lock().map(|l| l.acked.clone()).unwrap_or_default();
    let bdir = dir.join("backup");
    let t = Instant::now();
    let out = place
        .command(dir)?
        .arg("backup")
        .arg(&bdir)
        .output()
        .await?;
    anyhow::ensure!(
        out.status.success(),
        "gongkai backup 失败：{}",
        String::from_utf8_lossy(&out.stderr)
    );
    println!(
        "在线备份完成（写入未停，{:.1} 秒）：开始前已确认 {} 件",
        t.elapsed().as_secs_f64(),
        before.len()
    );
    Ok((bdir, before))
}

/// One writer: applications, messages, penalty registrations and documents in
/// turn, each with a unique marker, until `stop`.
async fn writer(
    w: usize,
    base: String,
    access: Access,
    ledger: Arc<Mutex<Ledger>>,
    stop: Arc<AtomicBool>,
) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .pool_max_idle_per_host(0)
        .build()?;
    let mut i = 0usize;
    while !stop.load(Ordering::SeqCst) {
        i += 1;
        let tag = format!("W{w}N{i:06}");
        let outcome = match i % 4 {
            0 => foi(&client, &base, &access, &tag).await,
            1 => message(&client, &base, &tag, w, i).await,
            2 => penalty(&client, &base, &access, &tag).await,
            _ if i % 8 == 3 => document(&client, &base, &access, &tag, i * 4 + w + 1).await,
            _ => foi(&client, &base, &access, &tag).await,
        };
        let down = matches!(outcome, Outcome::Unanswered);
        if let Ok(mut l) = ledger.lock() {
            l.record(outcome);
        }
        if down {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    Ok(())
}

/// What became of one submission.
pub(super) enum Outcome {
    Acked(Vec<Receipt>),
    /// Acknowledged, and then a later step (document publication) went unanswered.
    Partly(Vec<Receipt>),
    /// No answer (the server was down or died): it may or may not exist.
    Unanswered,
    /// An answer other than success: (status, first words of the body).
    Refused(u16, String),
}

async fn post(
    client: &reqwest::Client,
    url: String,
    token: Option<&str>,
    body: Option<serde_json::Value>,
) -> Result<serde_json::Value, Outcome> {
    let mut r = client.post(url);
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    if let Some(b) = body {
        r = r.json(&b);
    }
    let resp = r.send().await.map_err(|_| Outcome::Unanswered)?;
    let status = resp.status().as_u16();
    let text = resp.text().await.map_err(|_| Outcome::Unanswered)?;
    if !(200..300).contains(&status) {
        return Err(Outcome::Refused(status, text.chars().take(120).collect()));
    }
    serde_json::from_str(&text).map_err(|_| Outcome::Refused(status, "应答不是 JSON".into()))
}

fn text(v: &serde_json::Value, key: &str) -> String {
    match &v[key] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn foi(client: &reqwest::Client, base: &str, a: &Access, tag: &str) -> Outcome {
    let marker = format!("压力测试申请{tag}：请公开本局2025年度占道经营执法统计");
    let body = serde_json::json!({
        "unit_id": a.unit.to_string(), "applicant_kind": "commercial",
        "applicant_name": "某某科技有限公司", "id_kind": "credit_code",
        "id_number": "91350100M000100Y43", "legal_rep": "赵某", "phone": "021-5555 6666",
        "info_description": marker, "delivery_form": "paper", "delivery_method": "in_person"
    });
    match post(
        client,
        format!("{base}/api/v1/foi/applications"),
        None,
        Some(body),
    )
    .await
    {
        Ok(v) => Outcome::Acked(vec![Receipt {
            what: What::Foi,
            key: text(&v, "receipt_no"),
            marker,
        }]),
        Err(o) => o,
    }
}

async fn message(client: &reqwest::Client, base: &str, tag: &str, w: usize, i: usize) -> Outcome {
    let marker = format!("压力测试留言{tag}");
    let body = serde_json::json!({
        "kind": "suggestion", "subject": marker,
        "content": format!("建议在地铁站出口增设非机动车停放区（{tag}），并安排人员引导停放。"),
        "name": "李四", "phone": format!("139{w}{:07}", i % 10_000_000), "consent": "yes"
    });
    match post(client, format!("{base}/api/v1/messages"), None, Some(body)).await {
        Ok(v) => Outcome::Acked(vec![Receipt {
            what: What::Message,
            key: text(&v, "receipt_no"),
            marker,
        }]),
        Err(o) => o,
    }
}

async fn penalty(client: &reqwest::Client, base: &str, a: &Access, tag: &str) -> Outcome {
    let marker = format!("沪城管罚〔2026〕{tag}号");
    let body = serde_json::json!({
        "unit_id": a.unit.to_string(), "decision_no": marker, "party_kind": "natural",
        "party_name": "王五", "violation_type": "construction_waste",
        "facts": "当事人王五运输建筑垃圾沿途撒落。", "basis": "《上海市建筑垃圾处理管理规定》第二十条",
        "penalty_kind": "fine", "penalty_content": "罚款人民币2000元", "fine": "2000",
        "decided_on": "2026-03-02", "authority": "上海市徐汇区城市管理行政执法局", "district": "徐汇区"
    });
    match post(
        client,
        format!("{base}/api/v1/penalties"),
        Some(&a.staff_token),
        Some(body),
    )
    .await
    {
        Ok(v) => Outcome::Acked(vec![Receipt {
            what: What::Penalty,
            key: text(&v, "id"),
            marker,
        }]),
        Err(o) => o,
    }
}

/// A document drafted, submitted and published through the API: the draft is
/// acknowledged by its id, the publication by the published state.
async fn document(
    client: &reqwest::Client,
    base: &str,
    a: &Access,
    tag: &str,
    n: usize,
) -> Outcome {
    let title = format!("关于压力测试{tag}号事项的通知");
    let body = serde_json::json!({"title": title, "issuer_unit_id": a.unit, "disclosure": "proactive",
        "doc_no": format!("沪城管执〔2026〕{n}号"), "written_on": "2026-03-02", "genre": "notice",
        "body": format!("压力测试正文{tag}。")});
    let v = match post(
        client,
        format!("{base}/api/v1/documents"),
        Some(&a.staff_token),
        Some(body),
    )
    .await
    {
        Ok(v) => v,
        Err(o) => return o,
    };
    let id = text(&v, "id");
    let draft = Receipt {
        what: What::Document,
        key: id.clone(),
        marker: title.clone(),
    };
    let steps = [("submit", &a.staff_token), ("publish", &a.reviewer_token)];
    for (step, token) in steps {
        let url = format!("{base}/api/v1/documents/{id}/{step}");
        if post(client, url, Some(token), None).await.is_err() {
            return Outcome::Partly(vec![draft]);
        }
    }
    Outcome::Acked(vec![
        draft,
        Receipt {
            what: What::Published,
            key: id,
            marker: title,
        },
    ])
}
