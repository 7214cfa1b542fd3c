//! The audit log: every change by staff, append-only and hash-chained.
//!
//! Each entry stores the hash of the previous one and its own hash over its
//! fields; `audit_head` holds the newest seq and hash and is updated in the same
//! transaction, so `verify` finds altered, inserted and deleted rows (including the
//! newest). The database also refuses UPDATE and DELETE on `audit_log`.

pub mod admin;

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::clock::now;
use crate::db::{Arg, Db, Page, Tx, Where};
use crate::{with_db, with_tx};

/// What an audit entry says was done. Each capability names its actions in one enum
/// made with `audit_actions!` (a `code_enum!` whose codes go into the log), so an
/// action is never a free string; the kernel's own are [`KernelAction`]. The code is
/// stored in the entry and hashed into the chain; the label is what people read.
pub trait Action {
    fn code(&self) -> Cow<'static, str>;
    fn label(&self) -> Cow<'static, str>;
}

audit_actions!(
    /// What the kernel itself audits: sign-in, users, units, API tokens, jobs, set-up.
    KernelAction {
        Login = ("login", "登录"),
        Logout = ("logout", "退出"),
        LoginLocked = ("login_locked", "账号锁定"),
        UserCreate = ("user.create", "新建用户"),
        UserUpdate = ("user.update", "修改用户"),
        UserDisable = ("user.disable", "停用用户"),
        PasswordReset = ("user.password_reset", "重置密码"),
        PasswordChange = ("user.password_change", "修改密码"),
        UnitCreate = ("unit.create", "新建机构"),
        UnitUpdate = ("unit.update", "修改机构"),
        TokenCreate = ("token.create", "创建 API 令牌"),
        TokenRevoke = ("token.revoke", "吊销 API 令牌"),
        TokenRevokeAll = ("token.revoke_all", "吊销全部 API 令牌"),
        JobRetry = ("job.retry", "重试任务"),
        Bootstrap = ("system.bootstrap", "初始化"),
    }
);

/// The labels of every action code, filled at start-up by the wiring (`app.rs`)
/// from each capability's enum: the log stores codes, people read labels.
#[derive(Default)]
pub struct Labels(std::sync::RwLock<std::collections::HashMap<String, String>>);

impl Labels {
    /// Learn the labels of `actions` (code, label).
    pub fn register(&self, actions: impl IntoIterator<Item = (String, String)>) {
        let mut map = match self.0.write() {
            Ok(m) => m,
            Err(p) => p.into_inner(),
        };
        map.extend(actions);
    }

    /// The label of `code`; the code itself when no capability named it.
    pub fn label(&self, code: &str) -> String {
        let map = match self.0.read() {
            Ok(m) => m,
            Err(p) => p.into_inner(),
        };
        map.get(code).cloned().unwrap_or_else(|| code.to_string())
    }
}

/// This node's action labels, with the kernel's own registered.
pub fn labels(state: &crate::state::AppState) -> std::sync::Arc<Labels> {
    let l = state.part::<Labels>();
    l.register(
        KernelAction::ALL
            .iter()
            .map(|a| (a.code().to_string(), a.label().to_string())),
    );
    l
}

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who made a change and from where.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: Option<i64>,
    pub name: String,
    pub ip: Option<String>,
}

impl Actor {
    /// A change made from the command line on the server.
    pub fn cli() -> Actor {
        let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
        Actor {
            id: None,
            name: format!("命令行:{user}"),
            ip: None,
        }
    }

    pub fn system() -> Actor {
        Actor {
            id: None,
            name: "系统".into(),
            ip: None,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Entry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor: String,
    pub ip: Option<String>,
    pub action: String,
    pub object_type: String,
    pub object_id: Option<String>,
    pub summary: String,
    pub prev_hash: String,
    pub hash: String,
}

const COLS: &str =
    "seq, at, actor_id, actor, ip, action, object_type, object_id, summary, prev_hash, hash";

pub fn format_at(at: &DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// The hash of an entry over all its fields but its own hash.
pub fn entry_hash(e: &Entry) -> String {
    let canonical = serde_json::json!([
        e.seq,
        format_at(&e.at),
        e.actor_id,
        e.actor,
        e.ip,
        e.action,
        e.object_type,
        e.object_id,
        e.summary,
        e.prev_hash,
    ]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// A before/after summary as compact JSON.
pub fn change_summary(
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> String {
    let mut m = serde_json::Map::new();
    if let Some(b) = before {
        m.insert("before".into(), b);
    }
    if let Some(a) = after {
        m.insert("after".into(), a);
    }
    serde_json::Value::Object(m).to_string()
}

/// Append an entry inside the caller's transaction: it commits or rolls back with
/// the change it records.
pub async fn append(
    tx: &mut Tx,
    actor: &Actor,
    action: impl Action,
    object_type: &str,
    object_id: Option<String>,
    summary: String,
) -> sqlx::Result<i64> {
    // Taking the head row first serialises appenders (row lock on PostgreSQL,
    // the write lock on SQLite).
    let (seq, prev_hash): (i64, String) = with_tx!(tx, |c| {
        sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut **c)
            .await
    })?;
    let mut e = Entry {
        seq,
        at: now(),
        actor_id: actor.id,
        actor: actor.name.clone(),
        ip: actor.ip.clone(),
        action: action.code().into_owned(),
        object_type: object_type.to_string(),
        object_id,
        summary,
        prev_hash,
        hash: String::new(),
    };
    e.hash = entry_hash(&e);
    let sql = format!(
        "INSERT INTO audit_log ({COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    );
    with_tx!(tx, |c| {
        sqlx::query(&sql)
            .bind(e.seq)
            .bind(e.at)
            .bind(e.actor_id)
            .bind(&e.actor)
            .bind(&e.ip)
            .bind(&e.action)
            .bind(&e.object_type)
            .bind(&e.object_id)
            .bind(&e.summary)
            .bind(&e.prev_hash)
            .bind(&e.hash)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    with_tx!(tx, |c| {
        sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
            .bind(&e.hash)
            .execute(&mut **c)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(seq)
}

/// The last step of an audited transaction: append the entry of the change made in
/// `tx` to object `object_id` (of `object_type`), then commit the two together.
pub async fn commit(
    mut tx: Tx,
    actor: &Actor,
    action: impl Action,
    object_type: &str,
    object_id: impl std::fmt::Display,
    summary: String,
) -> sqlx::Result<i64> {
    let id = Some(object_id.to_string());
    let seq = append(&mut tx, actor, action, object_type, id, summary).await?;
    tx.commit().await?;
    Ok(seq)
}

/// Append in a transaction of its own (for events that change nothing else).
pub async fn append_now(
    db: &Db,
    actor: &Actor,
    action: impl Action,
    object_type: &str,
    object_id: Option<String>,
    summary: String,
) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let seq = append(&mut tx, actor, action, object_type, object_id, summary).await?;
    tx.commit().await?;
    Ok(seq)
}

/// What `verify` found.
#[derive(Debug, Default, Serialize)]
pub struct VerifyReport {
    pub checked: u64,
    pub problems: Vec<String>,
}

impl VerifyReport {
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Walk the whole chain in order and report every break.
pub async fn verify(db: &Db) -> sqlx::Result<VerifyReport> {
    verify_for(db, None).await
}

/// Walk the whole chain (a chain can only be checked whole) and report the breaks
/// at entries by `actors` (None: every entry, and the chain head). Breaks
/// elsewhere are only counted, without their entries.
pub async fn verify_for(db: &Db, actors: Option<&[i64]>) -> sqlx::Result<VerifyReport> {
    let mut report = VerifyReport::default();
    let mut hidden = 0usize;
    let visible = |e: &Entry| match actors {
        None => true,
        Some(ids) => e.actor_id.is_some_and(|a| ids.contains(&a)),
    };
    let mut expected_seq = 1i64;
    let mut prev_hash = GENESIS.to_string();
    let mut after = 0i64;
    let sql = format!("SELECT {COLS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000");
    loop {
        let batch: Vec<Entry> = db.rows_by(&sql, after).await?;
        if batch.is_empty() {
            break;
        }
        for e in &batch {
            let mut problems = Vec::new();
            if e.seq != expected_seq {
                if e.seq > expected_seq {
                    problems.push(format!("第 {expected_seq}–{} 条缺失（被删除）", e.seq - 1));
                } else {
                    problems.push(format!("第 {} 条序号重复或乱序（被插入）", e.seq));
                }
            }
            if e.prev_hash != prev_hash {
                problems.push(format!(
                    "第 {} 条的前一条哈希不符（前一条被改动、删除，或本条被插入）",
                    e.seq
                ));
            }
            if entry_hash(e) != e.hash {
                problems.push(format!("第 {} 条内容被改动（哈希不符）", e.seq));
            }
            if visible(e) {
                report.checked += 1;
                report.problems.append(&mut problems);
            } else {
                hidden += problems.len();
            }
            prev_hash = e.hash.clone();
            expected_seq = e.seq + 1;
            after = e.seq;
        }
    }
    if actors.is_some() {
        if hidden > 0 {
            report.problems.push(format!(
                "本单位范围以外的条目有 {hidden} 处问题，请联系市局系统管理员"
            ));
        }
        return Ok(report);
    }
    let head: (i64, String) = with_db!(db, |p| sqlx::query_as(
        "SELECT seq, hash FROM audit_head WHERE id = 1"
    )
    .fetch_one(p)
    .await)?;
    if head.0 != expected_seq - 1 {
        if head.0 > expected_seq - 1 {
            report.problems.push(format!(
                "最新的第 {}–{} 条缺失（被删除）",
                expected_seq, head.0
            ));
        } else {
            report.problems.push(format!(
                "链头记录为第 {} 条，但日志有 {} 条（链头被改动）",
                head.0,
                expected_seq - 1
            ));
        }
    } else if head.1 != prev_hash {
        report
            .problems
            .push("链头哈希与最后一条不符（最后一条被改动或替换）".to_string());
    }
    Ok(report)
}

/// Filters for browsing and export.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct Filter {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub object_type: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    pub page: Option<i64>,
    /// Only entries by these users (None: all entries). Set from the viewer's
    /// scope, never from the query string.
    #[serde(skip)]
    pub only_actors: Option<Vec<i64>>,
}

impl Filter {
    fn conditions(&self) -> Where {
        let mut w = only_actors(self.only_actors.as_deref());
        if !self.actor.trim().is_empty() {
            w.push(
                "actor LIKE ?",
                Arg::Text(format!("%{}%", self.actor.trim())),
            );
        }
        if !self.action.trim().is_empty() {
            w.push("action = ?", Arg::Text(self.action.trim().to_string()));
        }
        if !self.object_type.trim().is_empty() {
            w.push(
                "object_type = ?",
                Arg::Text(self.object_type.trim().to_string()),
            );
        }
        // Dates are compared as timestamps (typed on PostgreSQL).
        if let Ok(d) = chrono::NaiveDate::parse_from_str(self.from.trim(), "%Y-%m-%d") {
            w.push(
                "at >= ?",
                Arg::Time(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()),
            );
        }
        if let Ok(d) = chrono::NaiveDate::parse_from_str(self.to.trim(), "%Y-%m-%d")
            && let Some(next) = d.succ_opt()
        {
            w.push(
                "at < ?",
                Arg::Time(next.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()),
            );
        }
        w
    }
}

/// The condition for entries by `actors` (ids are integers: written inline).
fn only_actors(actors: Option<&[i64]>) -> Where {
    let mut w = Where::new();
    match actors {
        None => {}
        Some([]) => w.raw("1 = 0"),
        Some(ids) => w.raw(format!(
            "actor_id IN ({})",
            ids.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        )),
    }
    w
}

/// Newest first, filtered and paginated.
pub async fn list(db: &Db, f: &Filter, page: Page) -> sqlx::Result<(Vec<Entry>, i64)> {
    crate::db::page_where(db, COLS, "audit_log", &f.conditions(), "seq DESC", page).await
}

/// The distinct actions and object types of the entries by `actors` (None: all),
/// for the filter form.
pub async fn distinct_values(
    db: &Db,
    actors: Option<&[i64]>,
) -> sqlx::Result<(Vec<String>, Vec<String>)> {
    let clause = only_actors(actors).clause();
    let actions_sql = format!("SELECT DISTINCT action FROM audit_log{clause} ORDER BY action");
    let types_sql =
        format!("SELECT DISTINCT object_type FROM audit_log{clause} ORDER BY object_type");
    with_db!(db, |p| {
        let actions: Vec<String> = sqlx::query_scalar(&actions_sql).fetch_all(p).await?;
        let types: Vec<String> = sqlx::query_scalar(&types_sql).fetch_all(p).await?;
        Ok((actions, types))
    })
}

/// Write entries to an .xlsx workbook.
pub fn to_xlsx(entries: &[Entry]) -> anyhow::Result<Vec<u8>> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("审计日志")?;
    let bold = Format::new().set_bold();
    let headers = [
        "序号",
        "时间(UTC)",
        "操作人",
        "操作人ID",
        "来源地址",
        "操作",
        "对象类型",
        "对象ID",
        "摘要",
        "前一条哈希",
        "哈希",
    ];
    for (i, h) in headers.iter().enumerate() {
        ws.write_with_format(0, i as u16, *h, &bold)?;
    }
    for (r, e) in entries.iter().enumerate() {
        let row = (r + 1) as u32;
        ws.write(row, 0, e.seq as f64)?;
        ws.write(row, 1, format_at(&e.at))?;
        ws.write(row, 2, &e.actor)?;
        ws.write(
            row,
            3,
            e.actor_id.map(|i| i.to_string()).unwrap_or_default(),
        )?;
        ws.write(row, 4, e.ip.clone().unwrap_or_default())?;
        ws.write(row, 5, &e.action)?;
        ws.write(row, 6, &e.object_type)?;
        ws.write(row, 7, e.object_id.clone().unwrap_or_default())?;
        ws.write(row, 8, &e.summary)?;
        ws.write(row, 9, &e.prev_hash)?;
        ws.write(row, 10, &e.hash)?;
    }
    ws.set_column_width(1, 28)?;
    ws.set_column_width(8, 60)?;
    Ok(wb.save_to_buffer()?)
}

/// Browsing, verifying and exporting the audit log.
pub fn routes() -> crate::web::routes::Routes {
    use crate::auth::roles::Permission;
    use axum::routing::get;
    crate::web::routes::Routes::new()
        .staff(
            "/admin/audit",
            Permission::ViewAudit,
            Some(get(crate::audit::admin::list)),
            None,
        )
        .staff(
            "/admin/audit/verify",
            Permission::ViewAudit,
            Some(get(crate::audit::admin::verify)),
            None,
        )
        .staff(
            "/admin/audit/export.xlsx",
            Permission::ViewAudit,
            Some(get(crate::audit::admin::export)),
            None,
        )
        .nav(86, "/admin/audit", "审计日志", Permission::ViewAudit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_covers_every_field() {
        let e = Entry {
            seq: 1,
            at: now(),
            actor_id: Some(1),
            actor: "admin".into(),
            ip: Some("127.0.0.1".into()),
            action: "user.create".into(),
            object_type: "user".into(),
            object_id: Some("2".into()),
            summary: "{}".into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        };
        let h = entry_hash(&e);
        let mut changed = e.clone();
        changed.summary = "{\"x\":1}".into();
        assert_ne!(h, entry_hash(&changed));
        let mut changed = e.clone();
        changed.ip = None;
        assert_ne!(h, entry_hash(&changed));
        let mut changed = e.clone();
        changed.at += chrono::Duration::microseconds(1);
        assert_ne!(h, entry_hash(&changed));
        assert_eq!(h, entry_hash(&e));
    }
}
