//! `gongkai backup` / `gongkai restore`: a consistent online copy of the database
//! plus the attachment files.
//!
//! SQLite: `VACUUM INTO` writes a consistent snapshot while the server runs.
//! PostgreSQL: `pg_dump` (custom format) takes a snapshot in one transaction;
//! restore uses `pg_restore`. Attachment files are written once and never changed
//! in place, so copying them after the database snapshot yields every file the
//! snapshot refers to.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::config::Settings;
use crate::db::{Backend, Db};

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub created_at: String,
    pub backend: String,
    pub database_file: String,
    pub files: u64,
    pub version: String,
}

const SQLITE_FILE: &str = "gongkai.db";
const PG_FILE: &str = "gongkai.pgdump";

pub async fn backup(db: &Db, settings: &Settings, dir: &Path) -> anyhow::Result<Manifest> {
    if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
        bail!("备份目录 {} 已存在且不为空", dir.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建备份目录 {}", dir.display()))?;
    let database_file = match db {
        Db::Sqlite(pool) => {
            let target = dir.join(SQLITE_FILE);
            let target_str = target.to_str().context("备份路径含有无法处理的字符")?;
            sqlx::query(&format!("VACUUM INTO '{}'", target_str.replace('\'', "''")))
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
                .context("SQLite 快照失败")?;
            SQLITE_FILE
        }
        Db::Postgres(_) => {
            let out = dir.join(PG_FILE);
            let status = tokio::process::Command::new("pg_dump")
                .arg("--format=custom")
                .arg("--no-owner")
                .arg("--file")
                .arg(&out)
                .arg(settings.database_url())
                .status()
                .await
                .context("无法运行 pg_dump（请安装 PostgreSQL 客户端工具）")?;
            if !status.success() {
                bail!("pg_dump 失败（退出码 {status}）");
            }
            PG_FILE
        }
    };
    let files = copy_tree(&settings.files_dir(), &dir.join("files"))?;
    let m = Manifest {
        format: 1,
        created_at: chrono::Utc::now().to_rfc3339(),
        backend: db.backend().name().into(),
        database_file: database_file.into(),
        files,
        version: env!("CARGO_PKG_VERSION").into(),
    };
    std::fs::write(dir.join("manifest.json"), serde_json::to_vec_pretty(&m)?)?;
    Ok(m)
}

pub async fn restore(settings: &Settings, dir: &Path, force: bool) -> anyhow::Result<Manifest> {
    let m: Manifest =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).with_context(|| {
            format!(
                "{} 不是 gongkai 备份目录（缺少 manifest.json）",
                dir.display()
            )
        })?)
        .context("manifest.json 无法解析")?;
    let url = settings.database_url();
    let backend = Backend::from_url(&url)?;
    if backend.name() != m.backend {
        bail!(
            "备份来自 {}，当前配置的数据库是 {}，不能直接恢复",
            m.backend,
            backend.name()
        );
    }
    let source = dir.join(&m.database_file);
    match backend {
        Backend::Sqlite => {
            let opts = sqlx::sqlite::SqliteConnectOptions::from_str(&url)?;
            let target: PathBuf = opts.get_filename().to_path_buf();
            if target.exists() && !force && has_users(&url).await? {
                bail!(
                    "目标数据库 {} 已有数据；确认覆盖请加 --force（请先停止服务）",
                    target.display()
                );
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            for suffix in ["-wal", "-shm"] {
                let p = PathBuf::from(format!("{}{suffix}", target.display()));
                if p.exists() {
                    std::fs::remove_file(&p)?;
                }
            }
            std::fs::copy(&source, &target)
                .with_context(|| format!("无法写入 {}", target.display()))?;
        }
        Backend::Postgres => {
            if !force && has_users(&url).await? {
                bail!("目标 PostgreSQL 数据库已有数据；确认覆盖请加 --force（请先停止服务）");
            }
            let status = tokio::process::Command::new("pg_restore")
                .arg("--clean")
                .arg("--if-exists")
                .arg("--no-owner")
                .arg("--single-transaction")
                .arg("--dbname")
                .arg(&url)
                .arg(&source)
                .status()
                .await
                .context("无法运行 pg_restore（请安装 PostgreSQL 客户端工具）")?;
            if !status.success() {
                bail!("pg_restore 失败（退出码 {status}）");
            }
        }
    }
    let files_dir = settings.files_dir();
    if files_dir.exists() {
        std::fs::remove_dir_all(&files_dir)?;
    }
    copy_tree(&dir.join("files"), &files_dir)?;
    Ok(m)
}

async fn has_users(url: &str) -> anyhow::Result<bool> {
    let db = Db::connect(url, 1).await?;
    let n: Result<i64, sqlx::Error> =
        crate::with_db!(&db, |p| sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(p)
            .await);
    db.close().await;
    Ok(matches!(n, Ok(n) if n > 0))
}

/// Copy a directory tree; a missing source copies nothing. Returns the file count.
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<u64> {
    if !from.exists() {
        return Ok(0);
    }
    std::fs::create_dir_all(to)?;
    let mut n = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            n += copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
            n += 1;
        }
    }
    Ok(n)
}
