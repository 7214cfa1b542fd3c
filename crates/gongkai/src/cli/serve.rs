//! `gongkai serve` and `gongkai worker`: the long-running processes.

use std::path::PathBuf;
use std::process::ExitCode;

use super::open;
use crate::auth::store;
use crate::config::Settings;
use crate::db::Db;
use crate::state::AppState;

/// `gongkai serve`: migrate (SQLite) or check the schema, create the first
/// administrator on a fresh database, with `--demo` load the demo content, then serve.
pub(super) async fn serve(
    mut settings: Settings,
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
    println!(
        "gongkai 已启动：http://{}/ （后台 /admin，Ctrl-C 停止）",
        listener.local_addr()?
    );
    crate::app::serve(AppState::new(settings, db), listener).await?;
    Ok(ExitCode::SUCCESS)
}

/// `serve --demo`: the demo accounts, the demo documents from the shared folder (when
/// found) and, in the background, its laws.
async fn load_demo(db: &Db, settings: &Settings) -> anyhow::Result<()> {
    match crate::demo::seed(db).await? {
        Some(pw) => println!(
            "已载入演示数据。演示账号（密码均为 {pw}）：{}",
            crate::demo::USERNAMES.join("、")
        ),
        None => println!("演示账号此前已载入。"),
    }
    match settings.demo_data_dir() {
        Some(dir) => {
            let root = store::all_units(db)
                .await?
                .into_iter()
                .find(|u| u.parent_id.is_none())
                .map(|u| u.id);
            let summary = crate::docs::import::demo(db, &dir, root).await?;
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
        None => println!("未找到演示公文目录（../shared），跳过公文导入；可用 --demo-data 指定。"),
    }
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
