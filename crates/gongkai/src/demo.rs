//! Demo content for `serve --demo`: an organisation tree, the accounts each workflow
//! needs (two reviewers, two enforcement officers), each capability's demo cases, and
//! the documents and laws of the repository's `demo-data/` folder (`load_content`).

use std::path::{Path, PathBuf};

use crate::audit::{self, Actor};
use crate::auth::roles::{Grant, Role, UnitKind};
use crate::auth::{password, store};
use crate::db::Db;
use crate::with_db;

audit_actions!(
    /// What 演示数据 writes to the audit log.
    DemoAction {
        Seed = ("demo.seed", "载入演示数据"),
    }
);

/// The shared password of the demo accounts (demo data only; each must change it).
pub const DEMO_PASSWORD: &str = "Demo-2026-gongkai";

pub const USERNAMES: [&str; 8] = [
    "publisher",
    "reviewer",
    "reviewer2",
    "foi",
    "enforcer",
    "enforcer2",
    "interact",
    "huangpu_admin",
];

const UNITS: &[(&str, UnitKind, &str)] = &[
    ("办公室", UnitKind::CityDept, "BGS"),
    ("法制处", UnitKind::CityDept, "FZC"),
    ("执法协调处", UnitKind::CityDept, "XTC"),
    ("执法总队", UnitKind::Corps, "ZD"),
    ("黄浦区城管执法局", UnitKind::District, "HP"),
    ("徐汇区城管执法局", UnitKind::District, "XH"),
    ("浦东新区城管执法局", UnitKind::District, "PD"),
];

const USERS: &[(&str, &str, &str, Role)] = &[
    ("publisher", "王发布", "办公室", Role::Publisher),
    ("reviewer", "李审核", "办公室", Role::Reviewer),
    // Every two-person step has its second person: a reviewer other than the one
    // who edited a revision, an officer other than the one who registered a case.
    ("reviewer2", "吴复核", "办公室", Role::Reviewer),
    ("foi", "张依申", "法制处", Role::FoiHandler),
    ("enforcer", "陈执法", "执法总队", Role::Enforcer),
    ("enforcer2", "周执法", "执法总队", Role::Enforcer),
    (
        "interact",
        "刘互动",
        "上海市城市管理行政执法局",
        Role::InteractHandler,
    ),
    // A letter's reply is approved by a handler other than its drafter.
    (
        "interact2",
        "孙互动",
        "上海市城市管理行政执法局",
        Role::InteractHandler,
    ),
    ("huangpu_admin", "赵管理", "黄浦区城管执法局", Role::Admin),
];

/// Load the demo content once; returns the demo password when it loaded now.
pub async fn seed(db: &Db) -> anyhow::Result<Option<&'static str>> {
    let seeded: Option<String> = with_db!(db, |p| {
        sqlx::query_scalar("SELECT value FROM meta WHERE key = 'demo_seeded'")
            .fetch_optional(p)
            .await
    })?;
    if seeded.is_some() {
        return Ok(None);
    }
    let hash = password::hash(DEMO_PASSWORD.to_string()).await?;
    let existing = store::all_units(db).await?;
    let actor = Actor::system();
    let mut tx = db.begin().await?;
    let root = match existing.iter().find(|u| u.parent_id.is_none()) {
        Some(u) => u.id,
        None => {
            let input = store::UnitInput {
                name: "上海市城市管理行政执法局",
                kind: UnitKind::Other,
                parent_id: None,
                code: Some("MB2F300040"),
                sort_order: 0,
                active: true,
            };
            store::create_unit(&mut tx, &input).await?
        }
    };
    let mut ids = Vec::new();
    for (i, (name, kind, code)) in UNITS.iter().enumerate() {
        let id = match existing.iter().find(|u| u.name == *name) {
            Some(u) => u.id,
            None => {
                let input = store::UnitInput {
                    name,
                    kind: *kind,
                    parent_id: Some(root),
                    code: Some(code),
                    sort_order: (i as i64 + 1) * 10,
                    active: true,
                };
                store::create_unit(&mut tx, &input).await?
            }
        };
        ids.push((*name, id));
    }
    for (username, display, unit, role) in USERS {
        if store::find_by_username(db, username).await?.is_some() {
            continue;
        }
        let unit_id = ids
            .iter()
            .find(|(n, _)| n == unit)
            .map(|(_, id)| *id)
            .unwrap_or(root);
        // The demo password is published in the README: each account must change it
        // at its first sign-in.
        let id = store::create_user(&mut tx, username, display, &hash, true).await?;
        store::set_grants(
            &mut tx,
            id,
            &[Grant {
                unit_id,
                role: *role,
            }],
        )
        .await?;
    }
    crate::with_tx!(&mut tx, |c| {
        sqlx::query("INSERT INTO meta (key, value) VALUES ('demo_seeded', $1)")
            .bind(crate::clock::now().to_rfc3339())
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    audit::append(
        &mut tx,
        &actor,
        DemoAction::Seed,
        "system",
        None,
        format!(
            "载入演示机构 {} 个、演示账号 {} 个",
            UNITS.len(),
            USERS.len()
        ),
    )
    .await?;
    tx.commit().await?;
    let foi_unit = ids
        .iter()
        .find(|(n, _)| *n == "法制处")
        .map(|(_, id)| *id)
        .unwrap_or(root);
    if let Err(e) = crate::foi::demo::seed(db, foi_unit).await {
        tracing::warn!(error = %e, "依申请公开 demo cases not loaded");
    }
    if let Err(e) = crate::foi::letter_service::seed_demo(db).await {
        tracing::warn!(error = %e, "依申请公开 demo letter settings not loaded");
    }
    let corps = ids
        .iter()
        .find(|(n, _)| *n == "执法总队")
        .map(|(_, id)| *id)
        .unwrap_or(root);
    if let Err(e) = crate::penalty::demo::seed(db, corps, Default::default()).await {
        tracing::warn!(error = %e, "penalty demo cases not loaded");
    }
    let office = ids
        .iter()
        .find(|(n, _)| *n == "办公室")
        .map(|(_, id)| *id)
        .unwrap_or(root);
    if let Err(e) = crate::orders::demo::seed(db, office, 200).await {
        tracing::warn!(error = %e, "诉求工单 demo orders not loaded");
    }
    if let Err(e) = crate::inspect::demo::seed(db, corps).await {
        tracing::warn!(error = %e, "双随机 demo data not loaded");
    }
    if let Err(e) = crate::push::demo::seed(db, root, 300).await {
        tracing::warn!(error = %e, "政策精准推送 demo data not loaded");
    }
    if let Err(e) = crate::interact::demo::seed(db, root).await {
        tracing::warn!(error = %e, "政民互动 demo content not loaded");
    }
    if let Err(e) = crate::events::demo::seed(db, root).await {
        tracing::warn!(error = %e, "公众开放日 demo event not loaded");
    }
    if let Err(e) = crate::meetings::demo::seed(db, root).await {
        tracing::warn!(error = %e, "会议公开 demo meeting not loaded");
    }
    if let Err(e) = crate::training::seed_demo(db).await {
        tracing::warn!(error = %e, "培训记录 demo sessions not loaded");
    }
    Ok(Some(DEMO_PASSWORD))
}

/// The demo data kept in the repository (`crates/gongkai/demo-data`, see its SOURCE.md).
pub fn builtin_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/demo-data"))
}

/// What `load_content` imported.
#[derive(Debug)]
pub struct Loaded {
    /// 种子文件 1 件，国务院政策文件 60 件
    pub documents: String,
    pub laws: Option<crate::laws::import::Summary>,
}

/// Import the demo documents and laws from `dir` (`builtin_dir()` or a shared folder
/// with `seed/` and `data/`): the seed document and the gov.cn documents, then the
/// laws from `data/laws.jsonl.zst` or else `data/laws/` with `data/laws-index.csv`,
/// streamed. Re-running imports only what is new.
pub async fn load_content(db: &Db, dir: &Path, show: bool) -> anyhow::Result<Loaded> {
    if !dir.is_dir() {
        anyhow::bail!(
            "未找到演示数据目录 {}（源码仓库的 crates/gongkai/demo-data 随仓库提供；也可用 --demo-data 指定含 seed/ 与 data/ 的目录）",
            dir.display()
        );
    }
    let root = store::all_units(db)
        .await?
        .into_iter()
        .find(|u| u.parent_id.is_none())
        .map(|u| u.id);
    let documents = crate::docs::import::demo(db, dir, root).await?;
    let bundle = dir.join("data/laws.jsonl.zst");
    let folder = dir.join("data/laws");
    let laws = if bundle.is_file() {
        Some(crate::laws::import_bundle(db, &bundle, show).await?)
    } else if folder.is_dir() {
        Some(crate::laws::import_dir(db, &folder, None, show).await?)
    } else {
        None
    };
    Ok(Loaded { documents, laws })
}
