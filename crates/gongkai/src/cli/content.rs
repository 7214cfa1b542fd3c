//! Commands over the published content: rebuild the search index, import laws,
//! mask a text, write an organ's annual report.

use std::path::Path;
use std::process::ExitCode;

use super::{open, progress};
use crate::config::Settings;

pub async fn annual(
    settings: Settings,
    year: Option<i32>,
    organ: Option<i64>,
    out: &Path,
) -> anyhow::Result<ExitCode> {
    let db = match open(&settings).await {
        Ok(db) => db,
        Err(code) => return Ok(code),
    };
    let state = crate::state::AppState::new(settings, db);
    crate::annual::cli::export(&state, year, organ, out).await
}

/// Set by `serve` on its child `reindex` (`sitesearch::ChildBuild`): the child stops
/// when the server that waits for it is gone (killed, say), rather than finish a
/// build nobody adopts beside the next server's own.
pub const FOR_SERVER_VAR: &str = "GONGKAI_REINDEX_FOR_SERVER";

/// Exit as soon as this process is no longer the child of the server it was started
/// for (it is handed to another parent when the server dies).
fn exit_with_the_server() {
    #[cfg(unix)]
    if std::env::var_os(FOR_SERVER_VAR).is_some() {
        let parent = std::os::unix::process::parent_id();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(std::time::Duration::from_millis(500));
                if std::os::unix::process::parent_id() != parent {
                    eprintln!("启动本次重建的服务已退出，重建中止");
                    std::process::exit(1);
                }
            }
        });
    }
}

pub async fn reindex(settings: &Settings) -> anyhow::Result<ExitCode> {
    exit_with_the_server();
    let db = match open(settings).await {
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

pub async fn laws_import(
    settings: &Settings,
    dir: &Path,
    index: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let db = match open(settings).await {
        Ok(db) => db,
        Err(code) => return Ok(code),
    };
    if !dir.is_dir() {
        eprintln!("错误：{} 不是目录", dir.display());
        return Ok(ExitCode::FAILURE);
    }
    let summary = crate::laws::import_dir(&db, dir, index, true).await?;
    println!("法规导入完成：{}。", summary.line());
    for (dropped, kept) in &summary.merged {
        println!("  重复合并：{dropped} → {kept}");
    }
    Ok(ExitCode::SUCCESS)
}

pub fn redact(json: bool, parties: Vec<String>, officers: Vec<String>) -> anyhow::Result<ExitCode> {
    let mut text = String::new();
    if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut text) {
        eprintln!("错误：无法读取标准输入（须为 UTF-8 文本）：{e}");
        return Ok(ExitCode::FAILURE);
    }
    let opts = redact::Options {
        parties,
        officers,
        extra: Vec::new(),
    };
    let r = redact::redact(&text, &opts);
    if json {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        print!("{}", r.text);
        eprintln!("共 {} 处去标识化处理。", r.maskings.len());
    }
    Ok(ExitCode::SUCCESS)
}
