//! The checks of `gongkai bench crash`: every acknowledged receipt exactly once,
//! nothing half-written, the audit chain, the search index; and the same for a
//! backup taken under load and restored.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use super::crash::{Outcome, Place};
use crate::db::Db;
use crate::with_db;

/// What a receipt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    Foi,
    Message,
    Penalty,
    Document,
    Published,
}

impl What {
    fn label(self) -> &'static str {
        match self {
            What::Foi => "依申请公开申请",
            What::Message => "网民留言",
            What::Penalty => "处罚案件登记",
            What::Document => "公文草稿",
            What::Published => "公文发布",
        }
    }
}

/// One acknowledged submission: its receipt (申请编号, 留言编号, case or document
/// id) and the unique marker it was sent with.
#[derive(Debug, Clone)]
pub struct Receipt {
    pub what: What,
    pub key: String,
    pub marker: String,
}

/// Everything the writers saw.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    pub acked: Vec<Receipt>,
    pub unanswered: usize,
    pub refused: BTreeMap<u16, (usize, String)>,
}

impl Ledger {
    pub(super) fn record(&mut self, o: Outcome) {
        match o {
            Outcome::Acked(r) | Outcome::Partly(r) => self.acked.extend(r),
            Outcome::Unanswered => self.unanswered += 1,
            Outcome::Refused(status, body) => {
                let e = self.refused.entry(status).or_insert((0, body));
                e.0 += 1;
            }
        }
    }

    fn counts(receipts: &[Receipt]) -> BTreeMap<What, usize> {
        let mut m = BTreeMap::new();
        for r in receipts {
            *m.entry(r.what).or_insert(0) += 1;
        }
        m
    }

    pub(super) fn print_load(&self, took: Duration, restarts: &[Duration]) {
        let secs = took.as_secs_f64();
        println!("写入 {secs:.1} 秒：");
        for (w, n) in Self::counts(&self.acked) {
            println!("  已确认 {:<12} {n:>7}", w.label());
        }
        println!("  无应答（服务被杀时在途，可有可无）{:>7}", self.unanswered);
        for (status, (n, body)) in &self.refused {
            println!("  被拒绝 HTTP {status}：{n} 次（例：{body}）");
        }
        if !restarts.is_empty() {
            let max = restarts.iter().max().copied().unwrap_or_default();
            let mean = restarts.iter().sum::<Duration>() / restarts.len() as u32;
            println!(
                "  重启 {} 次：平均 {:.2} 秒，最长 {:.2} 秒",
                restarts.len(),
                mean.as_secs_f64(),
                max.as_secs_f64()
            );
        }
    }
}

/// The rows a receipt's marker finds (its key as text), in the database `db`.
async fn found(db: &Db, r: &Receipt) -> sqlx::Result<Vec<String>> {
    let sql = match r.what {
        What::Foi => "SELECT receipt_no FROM foi_cases WHERE info_description = $1",
        What::Message => "SELECT receipt_no FROM interact_messages WHERE subject = $1",
        What::Penalty => "SELECT CAST(id AS TEXT) FROM penalty_cases WHERE decision_no = $1",
        What::Document => "SELECT CAST(id AS TEXT) FROM documents WHERE title = $1",
        What::Published => {
            "SELECT CAST(id AS TEXT) FROM documents WHERE title = $1 AND state = 'published'"
        }
    };
    with_db!(db, |p| sqlx::query_scalar(sql)
        .bind(&r.marker)
        .fetch_all(p)
        .await)
}

/// Lost (not found) and duplicated or mismatched receipts, printed.
async fn receipts_ok(db: &Db, receipts: &[Receipt]) -> anyhow::Result<bool> {
    let (mut lost, mut dup) = (Vec::new(), Vec::new());
    for r in receipts {
        let rows = found(db, r).await?;
        match rows.as_slice() {
            [k] if *k == r.key => {}
            [] => lost.push(r),
            _ => dup.push((r, rows)),
        }
    }
    println!(
        "  已确认 {} 件：丢失 {}，重复或不符 {}",
        receipts.len(),
        lost.len(),
        dup.len()
    );
    for r in lost.iter().take(10) {
        println!("    丢失：{} {}（{}）", r.what.label(), r.key, r.marker);
    }
    for (r, rows) in dup.iter().take(10) {
        println!("    重复或不符：{} {} → {rows:?}", r.what.label(), r.key);
    }
    Ok(lost.is_empty() && dup.is_empty())
}

/// Half-written: each query counts records that a committed submission never
/// leaves (a change without its audit entry or events, an audit entry without its
/// change, a placeholder receipt number, one marker stored twice).
const HALF_WRITTEN: [(&str, &str); 9] = [
    (
        "申请编号未生成的申请",
        "SELECT COUNT(*) FROM foi_cases WHERE receipt_no NOT LIKE 'YSQ%'",
    ),
    (
        "没有办理记录的申请",
        "SELECT COUNT(*) FROM foi_cases c WHERE NOT EXISTS (SELECT 1 FROM foi_events e WHERE e.case_id = c.id)",
    ),
    (
        "没有审计记录的申请",
        "SELECT COUNT(*) FROM foi_cases c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_type = 'foi_case' AND a.object_id = CAST(c.id AS TEXT))",
    ),
    (
        "没有审计记录的留言",
        "SELECT COUNT(*) FROM interact_messages c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_type = 'interact_message' AND a.object_id = CAST(c.id AS TEXT))",
    ),
    (
        "没有审计记录的处罚案件",
        "SELECT COUNT(*) FROM penalty_cases c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_type = 'penalty_case' AND a.object_id = CAST(c.id AS TEXT))",
    ),
    (
        "没有审计记录的公文",
        "SELECT COUNT(*) FROM documents c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.object_type = 'document' AND a.object_id = CAST(c.id AS TEXT))",
    ),
    (
        "重复保存的申请",
        "SELECT COUNT(*) FROM (SELECT info_description FROM foi_cases GROUP BY info_description HAVING COUNT(*) > 1) d",
    ),
    (
        "重复保存的留言",
        "SELECT COUNT(*) FROM (SELECT subject FROM interact_messages GROUP BY subject HAVING COUNT(*) > 1) d",
    ),
    (
        "重复保存的公文",
        "SELECT COUNT(*) FROM (SELECT title FROM documents GROUP BY title HAVING COUNT(*) > 1) d",
    ),
];

async fn nothing_half_written(db: &Db) -> anyhow::Result<bool> {
    let mut ok = true;
    for (label, sql) in HALF_WRITTEN {
        let n: i64 = with_db!(db, |p| sqlx::query_scalar(sql).fetch_one(p).await)?;
        if n > 0 {
            println!("    写了一半：{label} {n} 件");
            ok = false;
        }
    }
    let orphans = orphan_entries(db).await?;
    if orphans > 0 {
        println!("    写了一半：记录了却不存在的申请、留言、案件或公文 {orphans} 件");
        ok = false;
    }
    println!("  写了一半的记录：{}", if ok { "无" } else { "有（见上）" });
    Ok(ok)
}

/// Audit entries of a submission whose record does not exist. Compared in memory:
/// in SQL the text `object_id` against integer ids would scan for every entry.
async fn orphan_entries(db: &Db) -> anyhow::Result<usize> {
    let mut n = 0;
    for (object_type, table) in [
        ("foi_case", "foi_cases"),
        ("interact_message", "interact_messages"),
        ("penalty_case", "penalty_cases"),
        ("document", "documents"),
    ] {
        let sql = format!("SELECT id FROM {table}");
        let ids: Vec<i64> = with_db!(db, |p| sqlx::query_scalar(&sql).fetch_all(p).await)?;
        let ids: std::collections::HashSet<String> =
            ids.into_iter().map(|i| i.to_string()).collect();
        let objects: Vec<Option<String>> = with_db!(db, |p| sqlx::query_scalar(
            "SELECT object_id FROM audit_log WHERE object_type = $1"
        )
        .bind(object_type)
        .fetch_all(p)
        .await)?;
        n += objects
            .iter()
            .filter(|o| !o.as_ref().is_some_and(|o| ids.contains(o)))
            .count();
    }
    Ok(n)
}

/// `gongkai audit verify` on a place (the real command).
async fn audit_verify(place: &Place, dir: &Path) -> anyhow::Result<bool> {
    let out = place
        .command(dir)?
        .arg("audit")
        .arg("verify")
        .output()
        .await?;
    let said = String::from_utf8_lossy(&out.stdout);
    let first = said.lines().next().unwrap_or_default();
    println!(
        "  gongkai audit verify：{}（{first}）",
        if out.status.success() {
            "通过"
        } else {
            "失败"
        }
    );
    if !out.status.success() {
        print!("{said}{}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(out.status.success())
}

/// The last published documents are found by the site search of the restarted
/// server within 90 seconds (the index follows the database every 30 seconds).
async fn search_catches_up(base: &str, receipts: &[Receipt]) -> anyhow::Result<bool> {
    let published: Vec<&Receipt> = receipts
        .iter()
        .filter(|r| r.what == What::Published)
        .collect();
    let Some(last) = published.last() else {
        println!("  搜索索引：没有发布成功的公文，无法检查");
        return Ok(false);
    };
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()?;
    let t = Instant::now();
    let mut pending: Vec<&&Receipt> = published.iter().rev().take(3).collect();
    while t.elapsed() < Duration::from_secs(90) {
        let mut still = Vec::new();
        for r in pending {
            let url = reqwest::Url::parse_with_params(
                &format!("{base}/api/v1/search"),
                &[("q", format!("\"{}\"", r.marker))],
            )?;
            let v: serde_json::Value = client.get(url).send().await?.json().await?;
            let hit = v["hits"].as_array().is_some_and(|hits| {
                hits.iter()
                    .any(|h| h["title"].as_str() == Some(r.marker.as_str()))
            });
            if !hit {
                still.push(r);
            }
        }
        pending = still;
        if pending.is_empty() {
            println!(
                "  搜索索引：最后发布的公文（{}）{:.1} 秒内可搜到",
                last.marker,
                t.elapsed().as_secs_f64()
            );
            return Ok(true);
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    println!("  搜索索引：90 秒后仍搜不到 {}", pending.len());
    Ok(false)
}

/// The live database after the last restart.
pub(super) async fn check_live(
    place: &Place,
    dir: &Path,
    base: &str,
    ledger: &Ledger,
) -> anyhow::Result<bool> {
    println!("检查（最后一次重启后的服务与数据库）：");
    let db = Db::connect(&place.url, 2).await?;
    let mut ok = receipts_ok(&db, &ledger.acked).await?;
    ok &= nothing_half_written(&db).await?;
    db.close().await;
    ok &= audit_verify(place, dir).await?;
    ok &= search_catches_up(base, &ledger.acked).await?;
    let counts = Ledger::counts(&ledger.acked);
    for w in [What::Foi, What::Message, What::Penalty, What::Published] {
        if counts.get(&w).copied().unwrap_or(0) == 0 {
            println!("  没有一件{}得到确认：负载没有覆盖它", w.label());
            ok = false;
        }
    }
    Ok(ok)
}

/// `gongkai restore` of the backup into a fresh place: every receipt acknowledged
/// before the backup started is there once, nothing half-written, the chain verifies.
pub(super) async fn check_restore(
    restored: &Place,
    dir: &Path,
    backup: &Path,
    before: &[Receipt],
) -> anyhow::Result<bool> {
    println!("检查（备份恢复到新的数据目录/数据库）：");
    let out = restored
        .command(dir)?
        .arg("restore")
        .arg(backup)
        .output()
        .await?;
    if !out.status.success() {
        println!(
            "  gongkai restore 失败：{}",
            String::from_utf8_lossy(&out.stderr)
        );
        return Ok(false);
    }
    let db = Db::connect(&restored.url, 2).await?;
    let mut ok = receipts_ok(&db, before).await?;
    ok &= nothing_half_written(&db).await?;
    db.close().await;
    ok &= audit_verify(restored, dir).await?;
    Ok(ok)
}
