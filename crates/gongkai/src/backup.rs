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
    create_private_dir(dir).with_context(|| format!("无法创建备份目录 {}", dir.display()))?;
    let database_file = match db {
        Db::Sqlite(pool) => {
            let target = dir.join(SQLITE_FILE);
            let target_str = target.to_str().context("备份路径含有无法处理的字符")?;
            sqlx::query(&format!("VACUUM INTO '{}'", target_str.replace('\'', "''")))
                .execute(pool)
                .await
                .map(|r| r.rows_affected())
                .context("SQLite 快照失败")?;
            make_private(&target)?;
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
            make_private(&out)?;
            PG_FILE
        }
    };
    let files = copy_tree(&settings.files_dir(), &dir.join("files"), true)?;
    let m = Manifest {
        format: 1,
        created_at: chrono::Utc::now().to_rfc3339(),
        backend: db.backend().name().into(),
        database_file: database_file.into(),
        files,
        version: env!("CARGO_PKG_VERSION").into(),
    };
    let manifest = dir.join("manifest.json");
    std::fs::write(&manifest, serde_json::to_vec_pretty(&m)?)?;
    make_private(&manifest)?;
    Ok(m)
}

pub async fn restore(settings: &Settings, dir: &Path, force: bool) -> anyhow::Result<Manifest> {
    let manifest = dir.join("manifest.json");
    if manifest.exists() {
        regular_file(&manifest)?;
    }
    let m: Manifest = serde_json::from_slice(&std::fs::read(&manifest).with_context(|| {
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
    let source = database_file(dir, &m.database_file, backend)?;
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
    copy_tree(&dir.join("files"), &files_dir, false)?;
    Ok(m)
}

/// The database file a manifest names: a plain file name (no directory part, no
/// `..`, not absolute), the one this backend writes, a regular file inside `dir`,
/// not a symlink.
fn database_file(dir: &Path, name: &str, backend: Backend) -> anyhow::Result<PathBuf> {
    let expected = match backend {
        Backend::Sqlite => SQLITE_FILE,
        Backend::Postgres => PG_FILE,
    };
    if !plain_file_name(name) || name != expected {
        bail!("manifest.json 中的 database_file “{name}” 无效：应为备份目录中的文件 {expected}");
    }
    let path = dir.join(name);
    regular_file(&path)?;
    Ok(path)
}

/// A single path component that names a file: not empty, not `.`/`..`, no
/// separators, no NUL.
fn plain_file_name(name: &str) -> bool {
    let mut parts = Path::new(name).components();
    matches!(
        (parts.next(), parts.next()),
        (Some(std::path::Component::Normal(n)), None) if n == std::ffi::OsStr::new(name)
    ) && !name.contains(['/', '\\', '\0'])
}

/// Refuse anything but a regular file (a symlink is refused, wherever it points).
fn regular_file(path: &Path) -> anyhow::Result<()> {
    let meta = std::fs::symlink_metadata(path)
        .with_context(|| format!("备份中缺少 {}", path.display()))?;
    if meta.file_type().is_symlink() {
        bail!("备份中的 {} 是符号链接，拒绝恢复", path.display());
    }
    if !meta.is_file() {
        bail!("备份中的 {} 不是普通文件", path.display());
    }
    Ok(())
}

/// Create a directory (and its parents) readable by the owner only (0700 on Unix).
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Make a file readable by the owner only (0600 on Unix).
fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
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
/// Symlinks are refused (never followed), as is anything but files and directories;
/// the source is checked whole before anything is copied. `private`: directories
/// 0700 and files 0600 (backups).
fn copy_tree(from: &Path, to: &Path, private: bool) -> anyhow::Result<u64> {
    match std::fs::symlink_metadata(from) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e.into()),
        Ok(m) if m.file_type().is_symlink() => {
            bail!("{} 是符号链接，拒绝复制", from.display())
        }
        Ok(_) => {}
    }
    check_tree(from)?;
    copy_checked(from, to, private)
}

/// Every entry under `dir` is a plain directory or a regular file.
fn check_tree(dir: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let t = entry.file_type()?;
        if t.is_symlink() {
            bail!("{} 是符号链接，拒绝复制", entry.path().display());
        } else if t.is_dir() {
            check_tree(&entry.path())?;
        } else if !t.is_file() {
            bail!("{} 不是普通文件，拒绝复制", entry.path().display());
        }
    }
    Ok(())
}

fn copy_checked(from: &Path, to: &Path, private: bool) -> anyhow::Result<u64> {
    if private {
        create_private_dir(to)?;
    } else {
        std::fs::create_dir_all(to)?;
    }
    let mut n = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        let t = entry.file_type()?;
        if t.is_symlink() {
            bail!("{} 是符号链接，拒绝复制", entry.path().display());
        } else if t.is_dir() {
            n += copy_checked(&entry.path(), &target, private)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
            if private {
                make_private(&target)?;
            }
            n += 1;
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_file_names() {
        assert!(plain_file_name("gongkai.db"));
        for bad in [
            "",
            ".",
            "..",
            "../gongkai.db",
            "/tmp/gongkai.db",
            "files/x",
            "a\\b",
            "a\0",
        ] {
            assert!(!plain_file_name(bad), "{bad:?}");
        }
        let dir = tempfile::tempdir().expect("dir");
        std::fs::write(dir.path().join(SQLITE_FILE), b"x").expect("write");
        assert!(database_file(dir.path(), SQLITE_FILE, Backend::Sqlite).is_ok());
        assert!(database_file(dir.path(), "../gongkai.db", Backend::Sqlite).is_err());
        assert!(database_file(dir.path(), PG_FILE, Backend::Sqlite).is_err());
    }
}
