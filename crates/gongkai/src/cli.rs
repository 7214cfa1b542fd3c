//! The `gongkai` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::audit::Actor;
use crate::auth::roles::{Grant, Role};
use crate::auth::{password, store};
use crate::config::Settings;
use crate::db::{Backend, Db};
use crate::state::AppState;

#[derive(Parser)]
#[command(name = "gongkai", version, about = "gongkai 政务公开平台")]
pub struct Cli {
    /// Configuration file (optional; GONGKAI__SECTION__KEY variables override it).
    #[arg(
        long,
        global = true,
        env = "GONGKAI_CONFIG",
        default_value = "gongkai.toml"
    )]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the web server (and the job runner).
    Serve {
        /// Fill a fresh data directory with demo content.
        #[arg(long)]
        demo: bool,
        /// Listen address, overriding server.bind.
        #[arg(long)]
        bind: Option<String>,
        /// The shared folder with seed/ and data/ for --demo (default ../shared).
        #[arg(long)]
        demo_data: Option<PathBuf>,
    },
    /// Run background jobs only (for larger deployments).
    Worker,
    /// Apply database migrations.
    Migrate,
    /// Manage staff accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// The audit log.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Copy the database and attachment files into a directory (online, consistent).
    Backup { dir: PathBuf },
    /// Restore a backup made by `gongkai backup`.
    Restore {
        dir: PathBuf,
        /// Replace an existing, non-empty database.
        #[arg(long)]
        force: bool,
    },
    /// Check the configuration and the database connection, then exit.
    CheckConfig,
    /// Benchmarks on generated data.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// The working-day calendar (法定节假日与调休安排).
    #[command(subcommand)]
    Workdays(WorkdaysCommand),
    /// Rebuild this node's search index from the database.
    Reindex,
    /// 法规库: import a folder of laws in markdown.
    #[command(subcommand)]
    Laws(LawsCommand),
    /// 双随机 draws with commit–reveal: commit, reveal, verify.
    #[command(subcommand)]
    Draw(DrawCommand),
    /// Mask personal information in text read from standard input (去标识化).
    Redact {
        /// Print the masked text and the list of maskings as JSON.
        #[arg(long)]
        json: bool,
        /// A party's name (natural person) to mask wherever it appears; repeatable.
        #[arg(long = "party")]
        parties: Vec<String>,
        /// An enforcement officer's name that must stay; repeatable.
        #[arg(long = "officer")]
        officers: Vec<String>,
    },
}

#[derive(Subcommand)]
pub enum LawsCommand {
    /// Import (or update) every law in DIR; idempotent and resumable.
    Import {
        dir: PathBuf,
        /// The index CSV with level, dates and validity (default: DIR/../laws-index.csv).
        #[arg(long)]
        index: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum DrawCommand {
    /// Before the draw: freeze the input lists and commit to a new secret seed.
    /// Prints the input hash and the commitment to publish; writes the seed to SEED_OUT.
    Commit {
        input: PathBuf,
        #[arg(long)]
        seed_out: PathBuf,
    },
    /// After publishing the commitment: run the draw with the seed and write the
    /// public record (input, hashes, commitment, revealed seed, result).
    Reveal {
        input: PathBuf,
        #[arg(long)]
        seed: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Check a published record from public data only.
    Verify { record: PathBuf },
}

#[derive(Subcommand)]
pub enum WorkdaysCommand {
    /// Add or replace years from a schedule file (the format of the back-office page).
    Import { file: PathBuf },
    /// Print a year's schedule and its working-day count.
    Show { year: i32 },
    /// The date N working days after a date (the date itself not counted).
    Add { from: String, days: u32 },
}

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Document-page and list-page latency with many documents in a fresh database.
    Docs {
        /// How many documents to generate.
        #[arg(long, default_value_t = 100_000)]
        count: usize,
        /// Requests per kind of page.
        #[arg(long, default_value_t = 500)]
        requests: usize,
        /// An empty PostgreSQL database to use instead of a temporary SQLite file.
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Search: index build rate, query latency and memory against SQLite FTS5 (trigram).
    Search {
        /// The laws folder (markdown).
        #[arg(long, default_value = "../shared/data/laws")]
        laws: PathBuf,
        /// Documents to generate from the law texts.
        #[arg(long, default_value_t = 100_000)]
        count: usize,
        /// Rounds of the judged queries.
        #[arg(long, default_value_t = 5)]
        requests: usize,
        /// Keep the built indexes in this folder and reuse them on the next run.
        #[arg(long)]
        keep: Option<PathBuf>,
    },
    /// 依申请公开: deadline dashboard, table 三 and case-page latency with many cases.
    Foi {
        /// How many applications to generate.
        #[arg(long, default_value_t = 5_000)]
        count: usize,
        /// Case pages to time (the dashboard and table 三 are timed up to 50 times).
        #[arg(long, default_value_t = 300)]
        requests: usize,
        /// An empty PostgreSQL database to use instead of a temporary SQLite file.
        #[arg(long)]
        database_url: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create a user; prints a one-time password.
    Add {
        username: String,
        /// 姓名
        #[arg(long)]
        name: String,
        /// Unit id or exact name.
        #[arg(long)]
        unit: String,
        /// Role codes: admin, publisher, reviewer, foi_handler, enforcer, interact_handler.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// Reset a user's password; prints a one-time password.
    Passwd { username: String },
    /// List users.
    List,
    /// Disable a user and end their sessions.
    Disable { username: String },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain; exits non-zero if it is broken.
    Verify,
}

/// Exit codes: 0 ok, 1 failure, 2 configuration, 3 database unreachable.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    crate::init_crypto();
    let settings = match Settings::load(Some(&cli.config)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("错误：无法启动运行时：{e}");
            return ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli.command, settings)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("gongkai=info,tower_http=warn,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

async fn connect(settings: &Settings) -> Result<Db, ExitCode> {
    match Db::connect(&settings.database_url(), settings.database.max_connections).await {
        Ok(db) => Ok(db),
        Err(e) => {
            eprintln!("错误：{e:#}");
            Err(ExitCode::from(3))
        }
    }
}

/// Connect and make sure the schema is current: SQLite migrates itself, PostgreSQL
/// must have been migrated with `gongkai migrate`.
async fn open(settings: &Settings) -> Result<Db, ExitCode> {
    let db = connect(settings).await?;
    let result = match db.backend() {
        Backend::Sqlite => db.migrate().await,
        Backend::Postgres => match db.pending_migrations().await {
            Ok(0) => Ok(()),
            Ok(n) => Err(anyhow::anyhow!(
                "PostgreSQL 数据库有 {n} 个迁移尚未执行，请先运行 gongkai migrate"
            )),
            Err(e) => Err(e),
        },
    };
    match result {
        Ok(()) => Ok(db),
        Err(e) => {
            eprintln!("错误：{e:#}");
            Err(ExitCode::FAILURE)
        }
    }
}

async fn run(command: Command, mut settings: Settings) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve {
            demo,
            bind,
            demo_data,
        } => {
            if let Some(b) = bind {
                settings.server.bind = b;
                settings.validate()?;
            }
            if let Some(d) = demo_data {
                settings.demo.data_dir = d;
            }
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            if let Some((user, pw)) = crate::app::bootstrap(&db, &settings.site).await? {
                println!("已创建首个系统管理员。用户名：{user}　初始密码：{pw}");
                println!("（密码只显示这一次；首次登录后须修改。）");
            }
            if demo {
                match crate::demo::seed(&db).await? {
                    Some(pw) => println!(
                        "已载入演示数据。演示账号（密码均为 {pw}）：{}",
                        crate::demo::USERNAMES.join("、")
                    ),
                    None => println!("演示账号此前已载入。"),
                }
                match settings.demo_data_dir() {
                    Some(dir) => {
                        let root = store::all_units(&db)
                            .await?
                            .into_iter()
                            .find(|u| u.parent_id.is_none())
                            .map(|u| u.id);
                        let summary = crate::docs::import::demo(&db, &dir, root).await?;
                        println!("演示公文：{summary}（来自 {}）", dir.display());
                        let laws = dir.join("data/laws");
                        if laws.is_dir() {
                            // The 3.5k laws import in the background; pages fill as it goes
                            // and a restart resumes where it stopped.
                            println!("正在后台导入法规库（{}）…", laws.display());
                            let db = db.clone();
                            tokio::spawn(async move {
                                match crate::laws::import_dir(&db, &laws, None, false).await {
                                    Ok(s) => tracing::info!(
                                        laws.added = s.added,
                                        laws.updated = s.updated,
                                        laws.articles = s.articles,
                                        "demo laws imported"
                                    ),
                                    Err(e) => tracing::warn!(error = %e, "demo laws import failed"),
                                }
                            });
                        }
                    }
                    None => println!(
                        "未找到演示公文目录（../shared），跳过公文导入；可用 --demo-data 指定。"
                    ),
                }
            }
            let listener = match tokio::net::TcpListener::bind(&settings.server.bind).await {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("错误：无法监听 {}：{e}", settings.server.bind);
                    return Ok(ExitCode::FAILURE);
                }
            };
            println!(
                "gongkai 已启动：http://{}/ （后台 /admin，Ctrl-C 停止）",
                listener.local_addr()?
            );
            crate::app::serve(AppState::new(settings, db), listener).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Worker => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            let state = AppState::new(settings, db);
            crate::workdays::reload(&state).await?;
            let (tx, rx) = tokio::sync::watch::channel(false);
            let worker = tokio::spawn(crate::jobs::run_worker(state, rx));
            let _ = tokio::signal::ctrl_c().await;
            let _ = tx.send(true);
            let _ = worker.await;
            Ok(ExitCode::SUCCESS)
        }
        Command::Migrate => {
            let db = match connect(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            db.migrate().await?;
            println!("数据库迁移完成（{}）。", db.backend().name());
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Docs {
            count,
            requests,
            database_url,
        }) => {
            crate::bench::docs(crate::bench::Options {
                count,
                requests,
                database_url,
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Search {
            laws,
            count,
            requests,
            keep,
        }) => {
            crate::bench::search(&laws, count, requests, keep.as_deref()).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Foi {
            count,
            requests,
            database_url,
        }) => {
            crate::bench::foi(crate::bench::Options {
                count,
                requests,
                database_url,
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::CheckConfig => {
            let db = match connect(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            let pending = db.pending_migrations().await?;
            println!("配置有效。");
            println!(
                "数据库：{}（{}），待执行迁移 {pending} 个",
                crate::db::url_for_log(&settings.database_url()),
                db.backend().name()
            );
            println!("数据目录：{}", settings.storage.data_dir.display());
            println!(
                "网站名称：{}　机构代码：{}",
                settings.site.name, settings.site.org_code
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::User(cmd) => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            user_command(&db, cmd).await
        }
        Command::Audit(AuditCommand::Verify) => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            let report = crate::audit::verify(&db).await?;
            if report.ok() {
                println!("审计日志完整：共 {} 条，哈希链无断裂。", report.checked);
                Ok(ExitCode::SUCCESS)
            } else {
                println!(
                    "审计日志被篡改：检查 {} 条，发现 {} 处问题：",
                    report.checked,
                    report.problems.len()
                );
                for p in &report.problems {
                    println!("  - {p}");
                }
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Draw(cmd) => draw_command(cmd),
        Command::Reindex => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            let dir = settings.search_dir();
            let t = std::time::Instant::now();
            eprintln!("正在从数据库重建搜索索引（运行中的服务照常用旧索引回答）…");
            let (name, n) =
                crate::sitesearch::build(&db, &dir, &|done, total| progress(done, total)).await?;
            println!(
                "搜索索引已重建：{n} 项，用时 {:.1} 秒（{}）。运行中的服务在 30 秒内切换到新索引。",
                t.elapsed().as_secs_f64(),
                dir.join(name).display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Laws(LawsCommand::Import { dir, index }) => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            if !dir.is_dir() {
                eprintln!("错误：{} 不是目录", dir.display());
                return Ok(ExitCode::FAILURE);
            }
            let summary = crate::laws::import_dir(&db, &dir, index.as_deref(), true).await?;
            println!(
                "法规导入完成：新增 {}，更新 {}，未变 {}，非法规文件 {}；条文 {} 条。",
                summary.added,
                summary.updated,
                summary.unchanged,
                summary.not_laws,
                summary.articles
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Redact {
            json,
            parties,
            officers,
        } => {
            let mut text = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
                eprintln!("错误：无法读取标准输入（须为 UTF-8 文本）：{e}");
                return Ok(ExitCode::FAILURE);
            }
            let r = redact::redact(&text, &redact::Options { parties, officers });
            if json {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else {
                print!("{}", r.text);
                eprintln!("共 {} 处去标识化处理。", r.maskings.len());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Workdays(cmd) => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            workdays(&db, cmd).await
        }
        Command::Backup { dir } => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            let m = crate::backup::backup(&db, &settings, &dir).await?;
            println!(
                "备份完成：{}（数据库 {}，附件 {} 个）",
                dir.display(),
                m.backend,
                m.files
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { dir, force } => {
            let m = crate::backup::restore(&settings, &dir, force).await?;
            println!(
                "恢复完成：来自 {}（{} 备份，附件 {} 个）",
                dir.display(),
                m.backend,
                m.files
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn user_command(db: &Db, cmd: UserCommand) -> anyhow::Result<ExitCode> {
    let actor = Actor::cli();
    match cmd {
        UserCommand::Add {
            username,
            name,
            unit,
            roles,
        } => {
            let units = store::all_units(db).await?;
            let unit = units
                .iter()
                .find(|u| u.id.to_string() == unit || u.name == unit)
                .ok_or_else(|| anyhow::anyhow!("找不到机构：{unit}"))?;
            let roles: Vec<Role> = roles
                .iter()
                .map(|r| Role::parse(r).ok_or_else(|| anyhow::anyhow!("未知角色：{r}")))
                .collect::<anyhow::Result<_>>()?;
            if store::find_by_username(db, &username).await?.is_some() {
                anyhow::bail!("用户名已存在：{username}");
            }
            let pw = password::generate();
            let hash = password::hash(pw.clone()).await?;
            let mut tx = db.begin().await?;
            let id = store::create_user(&mut tx, &username, &name, &hash, true).await?;
            let grants: Vec<Grant> = roles
                .iter()
                .map(|r| Grant {
                    unit_id: unit.id,
                    role: *r,
                })
                .collect();
            store::set_grants(&mut tx, id, &grants).await?;
            let after = serde_json::json!({"username": username, "display_name": name, "unit": unit.name,
                "roles": roles.iter().map(|r| r.label()).collect::<Vec<_>>()});
            crate::audit::append(
                &mut tx,
                &actor,
                "user.create",
                "user",
                Some(id.to_string()),
                crate::audit::change_summary(None, Some(after)),
            )
            .await?;
            tx.commit().await?;
            println!("已创建用户 {username}（#{id}）。初始密码：{pw}　（首次登录后须修改）");
        }
        UserCommand::Passwd { username } => {
            let user = store::find_by_username(db, &username)
                .await?
                .ok_or_else(|| anyhow::anyhow!("找不到用户：{username}"))?;
            let pw = password::generate();
            let hash = password::hash(pw.clone()).await?;
            let mut tx = db.begin().await?;
            store::set_password(&mut tx, user.id, &hash, true).await?;
            store::delete_sessions_of(&mut tx, user.id, None).await?;
            crate::audit::append(
                &mut tx,
                &actor,
                "user.password_reset",
                "user",
                Some(user.id.to_string()),
                "命令行重置密码（下次登录须修改）".into(),
            )
            .await?;
            tx.commit().await?;
            println!("已重置 {username} 的密码。新密码：{pw}　（登录后须修改）");
        }
        UserCommand::List => {
            let (rows, total) = store::list_users(
                db,
                None,
                crate::db::Page {
                    number: 1,
                    size: 10_000,
                },
            )
            .await?;
            let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
            let grants = store::grants_of(db, &ids).await?;
            let units = store::all_units(db).await?;
            println!("共 {total} 个用户");
            for r in rows {
                let roles = grants
                    .get(&r.id)
                    .map(|gs| {
                        gs.iter()
                            .map(|g| {
                                let unit = units
                                    .iter()
                                    .find(|u| u.id == g.unit_id)
                                    .map(|u| u.name.as_str())
                                    .unwrap_or("?");
                                format!("{unit}·{}", g.role.label())
                            })
                            .collect::<Vec<_>>()
                            .join("，")
                    })
                    .unwrap_or_default();
                println!(
                    "{:>4}  {:<16} {:<10} {}  {}",
                    r.id,
                    r.username,
                    r.display_name,
                    if r.active { "启用" } else { "停用" },
                    roles
                );
            }
        }
        UserCommand::Disable { username } => {
            let user = store::find_by_username(db, &username)
                .await?
                .ok_or_else(|| anyhow::anyhow!("找不到用户：{username}"))?;
            let mut tx = db.begin().await?;
            store::update_user(&mut tx, user.id, &user.display_name, false).await?;
            let n = store::delete_sessions_of(&mut tx, user.id, None).await?;
            crate::audit::append(
                &mut tx,
                &actor,
                "user.disable",
                "user",
                Some(user.id.to_string()),
                crate::audit::change_summary(
                    Some(serde_json::json!({"active": user.active})),
                    Some(serde_json::json!({"active": false})),
                ),
            )
            .await?;
            tx.commit().await?;
            println!("已停用 {username}，结束会话 {n} 个。");
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn workdays(db: &crate::db::Db, cmd: WorkdaysCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        WorkdaysCommand::Import { file } => {
            let text = match std::fs::read_to_string(&file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("错误：无法读取 {}：{e}", file.display());
                    return Ok(ExitCode::FAILURE);
                }
            };
            match crate::workdays::save(db, &text, &crate::audit::Actor::cli()).await {
                Ok(years) => {
                    let list: Vec<String> = years.iter().map(i32::to_string).collect();
                    println!(
                        "已录入 {} 年的节假日安排（运行中的服务在 5 分钟内生效）。",
                        list.join("、")
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(errors) => {
                    eprintln!("未录入，请修改：");
                    for e in errors {
                        eprintln!("  - {e}");
                    }
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        WorkdaysCommand::Show { year } => {
            let cal = crate::workdays::load(db).await?;
            match (cal.schedule(year), cal.year_days(year)) {
                (Some(s), Ok(days)) => {
                    print!("{}", s.to_text());
                    println!(
                        "# {}年共 {} 个工作日",
                        year,
                        days.iter().filter(|d| d.is_workday()).count()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                _ => {
                    eprintln!("{}", workday::Error::NoData { year });
                    Ok(ExitCode::FAILURE)
                }
            }
        }
        WorkdaysCommand::Add { from, days } => {
            let Ok(from) = chrono::NaiveDate::parse_from_str(&from, "%Y-%m-%d") else {
                eprintln!("错误：起算日格式应为 YYYY-MM-DD");
                return Ok(ExitCode::FAILURE);
            };
            let cal = crate::workdays::load(db).await?;
            match cal.add_workdays_excluding(from, days, |_| None) {
                Ok(c) => {
                    println!("{}（{}）", c.date, workday::weekday_cn(c.date));
                    for s in c.skipped {
                        println!("  不计入 {} {}", s.date, s.reason);
                    }
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("{e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}

fn read_json<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    what: &str,
) -> Result<T, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("无法读取{what} {}：{e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{what} {} 格式不正确：{e}", path.display()))
}

fn draw_command(cmd: DrawCommand) -> anyhow::Result<ExitCode> {
    let fail = |m: String| {
        eprintln!("错误：{m}");
        Ok(ExitCode::FAILURE)
    };
    match cmd {
        DrawCommand::Commit { input, seed_out } => {
            let input: draw::Input = match read_json(&input, "抽取名单") {
                Ok(i) => i,
                Err(m) => return fail(m),
            };
            let mut seed = [0u8; 32];
            rand::Rng::fill(&mut rand::rng(), &mut seed);
            if seed_out.exists() {
                return fail(format!("{} 已存在，不覆盖已有的种子", seed_out.display()));
            }
            std::fs::write(&seed_out, hex::encode(seed))?;
            println!("input_hash: {}", input.hash_hex());
            println!("commitment: {}", draw::commitment(&seed));
            eprintln!(
                "请先公布以上两个值；种子已写入 {}，抽取前务必保密。",
                seed_out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        DrawCommand::Reveal { input, seed, out } => {
            let input: draw::Input = match read_json(&input, "抽取名单") {
                Ok(i) => i,
                Err(m) => return fail(m),
            };
            let seed = match std::fs::read_to_string(&seed).map(|s| draw::parse_seed(&s)) {
                Ok(Ok(s)) => s,
                Ok(Err(e)) => return fail(e.to_string()),
                Err(e) => return fail(format!("无法读取种子文件：{e}")),
            };
            match draw::record(input, &seed) {
                Ok(rec) => {
                    std::fs::write(&out, serde_json::to_string_pretty(&rec)?)?;
                    println!(
                        "抽取完成：{} 个检查对象，结果哈希 {}",
                        rec.result.len(),
                        rec.result_hash
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => fail(e.to_string()),
            }
        }
        DrawCommand::Verify { record } => {
            let rec: draw::Record = match read_json(&record, "抽取记录") {
                Ok(r) => r,
                Err(m) => return fail(m),
            };
            match draw::verify(&rec) {
                Ok(()) => {
                    println!(
                        "验证通过：种子与承诺值相符，名单与哈希相符，重新抽取结果与公布结果一致（{} 个检查对象）。",
                        rec.result.len()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    println!("验证失败：{e}");
                    Ok(ExitCode::FAILURE)
                }
            }
        }
    }
}

/// A progress bar on standard error: `[#####-----] done/total`.
pub fn progress(done: usize, total: usize) {
    let width = 30;
    let filled = (done * width / total.max(1)).min(width);
    eprint!(
        "\r[{}{}] {done}/{total}",
        "#".repeat(filled),
        "-".repeat(width - filled)
    );
    if done >= total {
        eprintln!();
    }
}
