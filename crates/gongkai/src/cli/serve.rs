//! `gongkai serve` and `gongkai worker`: the long-running processes.

use std::path::PathBuf;
use std::process::ExitCode;

use super::open;
use crate::config::Settings;
use crate::db::Db;
use crate::state::AppState;

/// `gongkai serve`: migrate (SQLite) or check the schema, create the first
/// administrator on a fresh database, with `--demo` load the demo content, then serve.
pub(super) async fn serve(
    mut settings: Settings,
    config: PathBuf,
    demo: bool,
    bind: Option<String>,
    demo_data: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
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
    // The names model (when installed) is in use before anything is masked.
    match crate::names_model::load_if_installed(&settings) {
        Ok(true) => println!("人名模型已加载：{}", settings.names_model_path().display()),
        Ok(false) => {}
        Err(e) => eprintln!("警告：{e:#}；去标识化仅按规则进行。"),
    }
    if demo {
        load_demo(&db, &settings).await?;
    }
    let listener = match tokio::net::TcpListener::bind(&settings.server.bind).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("错误：无法监听 {}：{e}", settings.server.bind);
            return Ok(ExitCode::FAILURE);
        }
    };
    let addr = listener.local_addr()?;
    settings.follow_bind(Some(addr));
    println!(
        "gongkai 已启动：http://{addr}/ （后台 /admin，Ctrl-C 停止；站点地址 {}）",
        settings.server.public_url
    );
    let state = AppState::new(settings, db);
    // A large first index build runs in a child `gongkai reindex` (its memory leaves
    // with it); the child reads the same configuration file.
    if let Ok(exe) = std::env::current_exe() {
        crate::sitesearch::child_builds(&state, exe, config);
    }
    // 智能小城's semantic channel: loaded in the background (with --demo, installed
    // first when missing); until then, or without a model file, answers are lexical.
    let fetch = demo && state.settings.demo.fetch_model;
    tokio::spawn(crate::qa::semantic::start(state.clone(), fetch));
    crate::app::serve(state, listener).await?;
    Ok(ExitCode::SUCCESS)
}

/// `serve --demo`: the demo accounts and cases, then the documents and laws of the
/// repository's demo data (or `--demo-data DIR`), imported before the server starts
/// so that the first page served already has them (the search index builds at start).
async fn load_demo(db: &Db, settings: &Settings) -> anyhow::Result<()> {
    match crate::demo::seed(db).await? {
        Some(pw) => println!(
            "已载入演示账号（密码均为 {pw}，首次登录须修改）：{}",
            crate::demo::USERNAMES.join("、")
        ),
        None => println!("演示账号此前已载入：{}", crate::demo::USERNAMES.join("、")),
    }
    let dir = settings
        .demo_data_dir()
        .unwrap_or_else(crate::demo::builtin_dir);
    let started = std::time::Instant::now();
    println!("正在导入演示公文和法规库（{}）…", dir.display());
    let show = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let loaded = match crate::demo::load_content(db, &dir, show).await {
        Ok(l) => l,
        Err(e) => {
            println!("{e:#}；演示公文和法规库未导入。");
            return Ok(());
        }
    };
    println!("演示公文：{}", loaded.documents);
    match &loaded.laws {
        Some(s) => {
            println!("法规库：{}", s.line());
            for (dropped, kept) in s.merged.iter().take(5) {
                println!("  重复合并：{dropped} → {kept}");
            }
            if s.merged.len() > 5 {
                println!(
                    "  ……（共 {} 件，见审计日志与 gongkai laws import 的输出）",
                    s.merged.len()
                );
            }
        }
        None => println!("法规库：{} 中没有法规文件，未导入。", dir.display()),
    }
    println!(
        "演示数据就绪，用时 {:.1} 秒（搜索索引在启动后建立）。",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `gongkai worker`: background jobs only, until Ctrl-C.
pub(super) async fn worker(settings: Settings) -> anyhow::Result<ExitCode> {
    let db = match open(&settings).await {
        Ok(db) => db,
        Err(code) => return Ok(code),
    };
    let state = AppState::new(settings, db);
    crate::app::install_jobs(&state);
    crate::workdays::reload(&state).await?;
    let (tx, rx) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(crate::jobs::run_worker(state, rx));
    let _ = tokio::signal::ctrl_c().await;
    let _ = tx.send(true);
    let _ = worker.await;
    Ok(ExitCode::SUCCESS)
}

/// The environment variable glibc reads once, when the process starts.
const ARENA_VAR: &str = "MALLOC_ARENA_MAX";

/// Whether `serve` should start again with `MALLOC_ARENA_MAX=max`: asked for, on
/// glibc, and not already set (by the environment, or by the first start).
fn wants_fewer_arenas(max: u32, set: Option<&std::ffi::OsStr>) -> bool {
    max > 0 && set.is_none() && cfg!(all(target_os = "linux", target_env = "gnu"))
}

/// `serve` with `server.malloc_arena_max`: replace this process by the same command
/// with `MALLOC_ARENA_MAX` set (the code has no `unsafe` for `mallopt`; glibc reads
/// the variable at start). Same process id, so a service manager sees no change.
/// Returns only when it does not apply or the start fails (then the server goes on
/// with glibc's default, said in the log).
pub(super) fn limit_malloc_arenas(settings: &Settings) {
    let max = settings.server.malloc_arena_max;
    if !wants_fewer_arenas(max, std::env::var_os(ARENA_VAR).as_deref()) {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let Ok(exe) = std::env::current_exe() else {
            return;
        };
        let err = std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env(ARENA_VAR, max.to_string())
            .exec();
        tracing::warn!("未能以 {ARENA_VAR}={max} 重新启动（{err}），按 glibc 默认继续");
    }
}

#[cfg(test)]
mod arena_tests {
    use super::wants_fewer_arenas;

    #[test]
    fn arenas_are_limited_once_and_never_against_the_environment() {
        let glibc = cfg!(all(target_os = "linux", target_env = "gnu"));
        assert_eq!(wants_fewer_arenas(2, None), glibc);
        assert!(!wants_fewer_arenas(0, None), "0 leaves glibc's default");
        // Set by the environment, or by the first start: no second start.
        assert!(!wants_fewer_arenas(2, Some("2".as_ref())));
        assert!(!wants_fewer_arenas(2, Some("8".as_ref())));
    }
}
