//! Administration commands: `check-config`, `user`, `audit verify`, `backup`, `restore`.

use std::path::Path;
use std::process::ExitCode;

use super::{UserCommand, connect, open};
use crate::audit::Actor;
use crate::auth::roles::{Grant, Role};
use crate::auth::{password, service, store};
use crate::config::Settings;
use crate::db::Db;

/// `gongkai check-config`: the configuration and the database connection.
pub(super) async fn check_config(settings: &Settings) -> anyhow::Result<ExitCode> {
    let db = match connect(settings).await {
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
    println!("提交持久性：{}", db.durability().await?);
    println!("数据目录：{}", settings.storage.data_dir.display());
    println!(
        "网站名称：{}　机构代码：{}",
        settings.site.name, settings.site.org_code
    );
    Ok(ExitCode::SUCCESS)
}

/// `gongkai user …`: staff accounts.
pub(super) async fn user_command(db: &Db, cmd: UserCommand) -> anyhow::Result<ExitCode> {
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
            let grants: Vec<Grant> = roles
                .iter()
                .map(|r| Grant {
                    unit_id: unit.id,
                    role: *r,
                })
                .collect();
            let after = serde_json::json!({"username": username, "display_name": name, "unit": unit.name,
                "roles": roles.iter().map(|r| r.label()).collect::<Vec<_>>()});
            let id =
                service::create_user(db, &actor, &username, &name, &hash, &grants, after).await?;
            println!("已创建用户 {username}（#{id}）。初始密码：{pw}　（首次登录后须修改）");
        }
        UserCommand::Passwd { username } => {
            let user = store::find_by_username(db, &username)
                .await?
                .ok_or_else(|| anyhow::anyhow!("找不到用户：{username}"))?;
            let pw = password::generate();
            let hash = password::hash(pw.clone()).await?;
            service::reset_password_cli(db, &actor, user.id, &hash).await?;
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
            let n = service::disable_cli(db, &actor, &user).await?;
            println!("已停用 {username}，结束会话 {n} 个。");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `gongkai audit verify`: check the hash chain; a broken chain is a failure.
pub(super) async fn audit_verify(db: &Db, anchors: Option<&str>) -> anyhow::Result<ExitCode> {
    let report = crate::audit::verify(db).await?;
    let anchored = match anchors {
        Some(from) => check_anchors(db, from).await?,
        None => true,
    };
    if report.ok() {
        println!("审计日志完整：共 {} 条，哈希链无断裂。", report.checked);
        Ok(if anchored {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        })
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

/// `audit verify --anchors`: the published anchors (a file, or fetched from a URL)
/// against the chain; prints what it found, false on any difference.
async fn check_anchors(db: &Db, from: &str) -> anyhow::Result<bool> {
    let text = if from.starts_with("http://") || from.starts_with("https://") {
        let r = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(30))
            .build()?
            .get(from)
            .send()
            .await
            .map_err(|e| anyhow::anyhow!("无法获取已发布的锚点 {from}：{e}"))?;
        anyhow::ensure!(
            r.status().is_success(),
            "无法获取已发布的锚点 {from}：HTTP {}",
            r.status()
        );
        r.text().await?
    } else {
        std::fs::read_to_string(from)
            .map_err(|e| anyhow::anyhow!("无法读取锚点文件 {from}：{e}"))?
    };
    let (problems, n) = crate::anchors::check(db, &text).await?;
    anyhow::ensure!(
        n > 0,
        "{from} 中没有找到锚点（应为 /audit/anchors.atom 或其副本）"
    );
    if problems.is_empty() {
        println!("与 {n} 个已发布的锚点一致。");
        return Ok(true);
    }
    println!(
        "与已发布的锚点不符（核对 {n} 个，{} 处问题）：",
        problems.len()
    );
    for p in &problems {
        println!("  - {p}");
    }
    Ok(false)
}

/// `gongkai backup DIR`.
pub(super) async fn backup(settings: &Settings, dir: &Path) -> anyhow::Result<ExitCode> {
    let db = match open(settings).await {
        Ok(db) => db,
        Err(code) => return Ok(code),
    };
    let m = crate::backup::backup(&db, settings, dir).await?;
    println!(
        "备份完成：{}（数据库 {}，附件 {} 个）",
        dir.display(),
        m.backend,
        m.files
    );
    Ok(ExitCode::SUCCESS)
}

/// `gongkai restore DIR [--force]`.
pub(super) async fn restore(
    settings: &Settings,
    dir: &Path,
    force: bool,
) -> anyhow::Result<ExitCode> {
    let m = crate::backup::restore(settings, dir, force).await?;
    println!(
        "恢复完成：来自 {}（{} 备份，附件 {} 个）",
        dir.display(),
        m.backend,
        m.files
    );
    Ok(ExitCode::SUCCESS)
}
