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

/// `gongkai redact` refuses input longer than this many characters unless `--max-chars` says otherwise.
pub const REDACT_MAX_CHARS: usize = 5_000_000;

/// Above this many characters the CLI says on standard error that it is working and, at the end, how long it took.
const REDACT_NOTE_CHARS: usize = 200_000;

/// Characters masked per second in a release build, rounded down (the `--grow` figures of the eval example).
const REDACT_CHARS_PER_SEC: usize = 50_000;

pub fn redact(
    settings: &Settings,
    json: bool,
    parties: Vec<String>,
    officers: Vec<String>,
    max_chars: usize,
) -> anyhow::Result<ExitCode> {
    if let Err(e) = crate::names_model::load_if_installed(settings) {
        eprintln!(
            "错误：{e:#}。请重新运行 gongkai redact-model fetch，或删除该文件后仅按规则去标识化。"
        );
        return Ok(ExitCode::FAILURE);
    }
    let text = match read_bounded(std::io::stdin().lock(), max_chars) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("{message}");
            return Ok(ExitCode::FAILURE);
        }
    };
    let chars = text.chars().count();
    let started = std::time::Instant::now();
    if chars > REDACT_NOTE_CHARS {
        eprintln!(
            "正在去标识化 {chars} 字，约需 {} 秒……",
            chars.div_ceil(REDACT_CHARS_PER_SEC)
        );
    }
    let opts = redact::Options {
        parties,
        officers,
        extra: Vec::new(),
        tagger: crate::names_model::tagger(),
    };
    let r = redact::redact(&text, &opts);
    if json {
        println!("{}", serde_json::to_string_pretty(&r)?);
    } else {
        print!("{}", r.text);
        eprintln!(
            "共 {} 处去标识化处理（{}）。",
            r.maskings.len(),
            if crate::names_model::loaded() {
                "规则 + 人名模型"
            } else {
                "仅规则；gongkai redact-model fetch 安装人名模型"
            }
        );
    }
    if chars > REDACT_NOTE_CHARS {
        eprintln!("用时 {:.1} 秒。", started.elapsed().as_secs_f64());
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads UTF-8 text of at most `max_chars` characters, never holding more than four bytes a character in memory.
fn read_bounded(input: impl std::io::Read, max_chars: usize) -> Result<String, String> {
    use std::io::Read;
    let limit = max_chars.saturating_mul(4);
    let mut bytes = Vec::new();
    input
        .take(limit.saturating_add(1) as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("错误：无法读取标准输入：{e}"))?;
    let too_long = || {
        format!(
            "错误：输入超过 {max_chars} 字的上限，未作处理。请分段处理，或用 --max-chars 放宽上限（约每百万字需 20 秒）。"
        )
    };
    if bytes.len() > limit {
        return Err(too_long());
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| format!("错误：无法读取标准输入（须为 UTF-8 文本）：{e}"))?;
    if text.chars().count() > max_chars {
        return Err(too_long());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::read_bounded;

    #[test]
    fn input_is_read_up_to_the_limit_in_characters() {
        assert_eq!(
            read_bounded("城管执法".as_bytes(), 4).as_deref(),
            Ok("城管执法")
        );
        let err = read_bounded("城管执法局".as_bytes(), 4).expect_err("five characters");
        assert!(err.contains("超过 4 字"), "{err}");
        let err =
            read_bounded("a".repeat(17).as_bytes(), 4).expect_err("over four bytes a character");
        assert!(err.contains("超过 4 字"), "{err}");
        let err = read_bounded(&[0xe5, 0x9f][..], 4).expect_err("not UTF-8");
        assert!(err.contains("UTF-8"), "{err}");
        assert_eq!(read_bounded(&b""[..], 0).as_deref(), Ok(""));
    }
}
