//! The `gongkai` command line.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::db::{Backend, Db};

mod admin;
mod content;
mod draw;
mod qa;
mod redact_model;
mod serve;
mod workdays;

pub use content::FOR_SERVER_VAR as REINDEX_FOR_SERVER_VAR;

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
        /// A folder with seed/ and data/ for --demo (default: the repository's demo-data).
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
    /// 政府信息公开工作年度报告: compute an organ's report and write it to .pdf or .docx.
    Annual {
        /// The year (default: last year).
        #[arg(long)]
        year: Option<i32>,
        /// The organ's unit id (default: the bureau, the first root unit).
        #[arg(long)]
        organ: Option<i64>,
        /// The file to write; .pdf or .docx.
        #[arg(long)]
        out: PathBuf,
    },
    /// 法规库: import a folder of laws in markdown.
    #[command(subcommand)]
    Laws(LawsCommand),
    /// 双随机 draws with commit–reveal: commit, reveal, verify.
    #[command(subcommand)]
    Draw(DrawCommand),
    /// 智能小城: the assistant's sentence-embedding model.
    #[command(subcommand)]
    Qa(qa::QaCommand),
    /// 去标识化's names model (LAC 2.1.2): install it, SHA-256 checked.
    #[command(subcommand)]
    RedactModel(redact_model::RedactModelCommand),
    /// Mask personal information in text read from standard input (去标识化); with the
    /// names model installed (`gongkai redact-model fetch`), names no rule marks too.
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
        /// Refuse input longer than this many characters (the masker reads the whole text at once: about
        /// 20 s per million characters in a release build).
        #[arg(long = "max-chars", default_value_t = content::REDACT_MAX_CHARS)]
        max_chars: usize,
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
        /// The public beacon whose value does not exist yet (e.g. “中国福利彩票双色球
        /// 第2027015期开奖号码”); written into the input file, so its hash names it.
        #[arg(long)]
        beacon: Option<String>,
    },
    /// After publishing the commitment: run the draw with the seed and write the
    /// public record (input, hashes, commitment, revealed seed, result).
    Reveal {
        input: PathBuf,
        #[arg(long)]
        seed: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// The beacon's value, when the input names a beacon.
        #[arg(long)]
        beacon_value: Option<String>,
    },
    /// Check a published record (双随机 or sortition) from public data only.
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
    /// The public pages over loopback HTTP under concurrent load (the real server as a
    /// child process), beside nginx serving the same bytes when it is installed.
    Http {
        /// How many documents to generate.
        #[arg(long, default_value_t = 100_000)]
        count: usize,
        /// Seconds of load per page type.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Concurrent keep-alive connections.
        #[arg(long, default_value_t = 32)]
        connections: usize,
        /// Keep the data set in this folder and reuse it on the next run.
        #[arg(long)]
        keep: Option<PathBuf>,
        /// A laws folder (markdown) to import into the data set.
        #[arg(long)]
        laws: Option<PathBuf>,
        /// Writes (applications, messages) per second during the mixed phase.
        #[arg(long, default_value_t = 4.0)]
        writes: f64,
        /// Leave nginx out even when it is installed.
        #[arg(long)]
        no_nginx: bool,
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
        /// The folder of the blind law-level evaluation (dev.tsv, test.tsv); default
        /// crates/gongkai/bench/search-eval of this source tree.
        #[arg(long)]
        eval: Option<PathBuf>,
        /// Which half of it to measure: dev (tuning) or test (the held-out report).
        #[arg(long, default_value = "dev")]
        split: String,
        /// Extra synonyms (`词=扩展为` per line, as on the back-office search page)
        /// laid over the built-in list, to try a list before saving it.
        #[arg(long)]
        synonyms: Option<PathBuf>,
    },
    /// 智能小城: top-1, top-3, declines and latency on a held-out question set, with
    /// the jieba + BM25 baseline beside it.
    Qa {
        /// The folder of the evaluation set (questions.jsonl); default
        /// crates/gongkai/bench/qa-eval of this source tree.
        #[arg(long)]
        eval: Option<PathBuf>,
        /// Which half: dev (tuning) or test (the held-out report).
        #[arg(long, default_value = "dev")]
        split: String,
        /// Also print the figures over a grid of parameters (dev only).
        #[arg(long)]
        grid: bool,
        /// The model file (e5-small-q4.bin): measure the hybrid assistant.
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// 政策精准推送: one policy matched against many generated subscriptions.
    Push {
        /// How many subscriptions to generate.
        #[arg(long, default_value_t = 100_000)]
        count: usize,
        /// How many times to match them.
        #[arg(long, default_value_t = 20)]
        rounds: usize,
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
    /// SQLite commit rate of 依申请公开 submissions with synchronous = normal and full.
    Writes {
        /// Submissions per measurement.
        #[arg(long, default_value_t = 2_000)]
        count: usize,
    },
    /// kill -9 under write load: the real server killed and restarted; every
    /// acknowledged receipt must survive, exactly once. Exits 1 on any loss.
    Crash {
        /// sqlite or postgres.
        #[arg(long, default_value = "sqlite")]
        backend: String,
        /// How many times the server is killed.
        #[arg(long, default_value_t = 20)]
        kills: usize,
        /// About how long the load runs, in seconds.
        #[arg(long, default_value_t = 120)]
        seconds: u64,
        /// The PostgreSQL server (a fresh database is made on it).
        #[arg(long, env = "GONGKAI_TEST_POSTGRES")]
        postgres_url: Option<String>,
        /// Also run `gongkai backup` in the middle of the load, restore it at the end
        /// into a fresh place and check it.
        #[arg(long)]
        backup: bool,
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
    Verify {
        /// Also compare the chain with published anchors: a saved copy of
        /// /audit/anchors.atom, or its URL (http:// or https://).
        #[arg(long)]
        anchors: Option<String>,
    },
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
    if matches!(cli.command, Command::Serve { .. }) {
        serve::limit_malloc_arenas(&settings);
        search::map_whole_index(settings.cache.index_mapped);
    }
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
    match rt.block_on(run(cli.command, settings, cli.config)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误：{e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Colour codes in the log only on a terminal, and not when `NO_COLOR` is set: a log
/// redirected to a file (`serve > serve.log 2>&1`) stays plain text.
fn colour(terminal: bool, no_color: Option<std::ffi::OsString>) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty())
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("gongkai=info,tower_http=warn,sqlx=warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colour(
            std::io::IsTerminal::is_terminal(&std::io::stderr()),
            std::env::var_os("NO_COLOR"),
        ))
        .with_writer(std::io::stderr)
        .try_init();
}

async fn connect(settings: &Settings) -> Result<Db, ExitCode> {
    match Db::connect_settings(settings).await {
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

async fn run(command: Command, settings: Settings, config: PathBuf) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve {
            demo,
            bind,
            demo_data,
        } => serve::serve(settings, config, demo, bind, demo_data).await,
        Command::Worker => serve::worker(settings).await,
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
        Command::Bench(BenchCommand::Http {
            count,
            seconds,
            connections,
            keep,
            laws,
            writes,
            no_nginx,
        }) => {
            crate::bench::http(crate::bench::HttpOptions {
                count,
                seconds,
                connections,
                keep,
                laws,
                writes_per_second: writes,
                no_nginx,
            })
            .await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Search {
            laws,
            count,
            requests,
            keep,
            eval,
            split,
            synonyms,
        }) => {
            anyhow::ensure!(
                matches!(split.as_str(), "dev" | "test"),
                "--split 应为 dev 或 test"
            );
            let eval = eval.unwrap_or_else(crate::bench::eval::default_dir);
            let mut map = search::default_synonyms();
            if let Some(path) = synonyms {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| anyhow::anyhow!("读取 {}：{e}", path.display()))?;
                map.extend(search::parse_synonyms(&text).map_err(anyhow::Error::msg)?);
                map.retain(|_, v| !v.is_empty());
            }
            let files = crate::bench::SearchFiles {
                laws: &laws,
                keep: keep.as_deref(),
                eval: &eval,
            };
            crate::bench::search(files, count, requests, &split, map).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Qa {
            eval,
            split,
            grid,
            model,
        }) => {
            anyhow::ensure!(
                matches!(split.as_str(), "dev" | "test"),
                "--split 应为 dev 或 test"
            );
            let eval = eval.unwrap_or_else(|| {
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/qa-eval")
            });
            crate::bench::qa(&eval, &split, grid, model.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Push { count, rounds }) => {
            crate::bench::push(count, rounds);
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
        Command::Qa(cmd) => qa::qa_command(&settings, cmd),
        Command::Bench(BenchCommand::Writes { count }) => {
            crate::bench::writes(count).await?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench(BenchCommand::Crash {
            backend,
            kills,
            seconds,
            postgres_url,
            backup,
        }) => {
            let backend = match backend.as_str() {
                "sqlite" => Backend::Sqlite,
                "postgres" => Backend::Postgres,
                _ => anyhow::bail!("--backend 应为 sqlite 或 postgres"),
            };
            crate::bench::crash(crate::bench::CrashOptions {
                backend,
                kills,
                seconds,
                postgres_url,
                backup,
            })
            .await
        }
        Command::CheckConfig => admin::check_config(&settings).await,
        Command::User(cmd) => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            admin::user_command(&db, cmd).await
        }
        Command::Audit(AuditCommand::Verify { anchors }) => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            admin::audit_verify(&db, anchors.as_deref()).await
        }
        Command::Draw(cmd) => draw::draw_command(cmd),
        Command::Annual { year, organ, out } => content::annual(settings, year, organ, &out).await,
        Command::Reindex => content::reindex(&settings).await,
        Command::Laws(LawsCommand::Import { dir, index }) => {
            content::laws_import(&settings, &dir, index.as_deref()).await
        }
        Command::Redact {
            json,
            parties,
            officers,
            max_chars,
        } => content::redact(&settings, json, parties, officers, max_chars),
        Command::RedactModel(cmd) => redact_model::redact_model_command(&settings, cmd),
        Command::Workdays(cmd) => {
            let db = match open(&settings).await {
                Ok(db) => db,
                Err(code) => return Ok(code),
            };
            workdays::workdays(&db, cmd).await
        }
        Command::Backup { dir } => admin::backup(&settings, &dir).await,
        Command::Restore { dir, force } => admin::restore(&settings, &dir, force).await,
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

#[cfg(test)]
mod tests {
    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(super::colour(true, None));
        assert!(!super::colour(false, None));
        assert!(!super::colour(true, Some("1".into())));
        assert!(super::colour(true, Some("".into())));
    }
}
