//! `gongkai bench writes`: the commit rate of 依申请公开 submissions on SQLite with
//! `synchronous = FULL` and `NORMAL` — what durability against a power loss costs.

use std::time::Instant;

use super::{PHRASES, tempfile_dir};
use crate::db::{Db, SqliteSync};

/// Submit `count` applications through the public intake path (case, events,
/// audit entry in one transaction) with 1 and with 4 concurrent writers, once per
/// setting, each on a fresh SQLite file; print submissions per second.
pub async fn writes(count: usize) -> anyhow::Result<()> {
    let dir = tempfile_dir()?;
    println!("SQLite 写入速率（依申请公开提交：案件、事件、审计记录同一事务），每项 {count} 件");
    println!(
        "{:<14} {:>8} {:>10} {:>12} {:>12}",
        "synchronous", "并发", "件数", "用时(秒)", "件/秒"
    );
    for sync in [SqliteSync::Normal, SqliteSync::Full] {
        for writers in [1usize, 4] {
            let file = dir.join(format!("w-{}-{writers}.db", sync.name()));
            let url = format!("sqlite:{}", file.display());
            let db = Db::connect_with(&url, 8, sync).await?;
            db.migrate().await?;
            let unit = setup_unit(&db).await?;
            let per = count / writers;
            let t = Instant::now();
            let mut tasks = Vec::new();
            for w in 0..writers {
                let db = db.clone();
                tasks.push(tokio::spawn(async move {
                    for i in 0..per {
                        submit(&db, unit, w * per + i).await?;
                    }
                    anyhow::Ok(())
                }));
            }
            for t in tasks {
                t.await??;
            }
            let secs = t.elapsed().as_secs_f64();
            let n = per * writers;
            println!(
                "{:<14} {:>8} {:>10} {:>12.2} {:>12.0}",
                sync.name(),
                writers,
                n,
                secs,
                n as f64 / secs
            );
            db.close().await;
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    Ok(())
}

/// The one receiving unit of the benchmarks' applications (routed to itself).
pub(super) async fn setup_unit(db: &Db) -> anyhow::Result<i64> {
    let mut tx = db.begin().await?;
    let unit = crate::auth::store::create_unit(
        &mut tx,
        &crate::auth::store::UnitInput {
            name: "基准测试机关",
            kind: crate::auth::roles::UnitKind::Other,
            parent_id: None,
            code: None,
            sort_order: 0,
            active: true,
        },
    )
    .await?;
    crate::auth::store::set_foi_routing(&mut tx, unit, true, Some(unit)).await?;
    tx.commit().await?;
    Ok(unit)
}

async fn submit(db: &Db, unit: i64, i: usize) -> anyhow::Result<()> {
    use crate::foi::model::{ApplicantKind, Channel, DeliveryForm, DeliveryMethod, IdKind};
    let c = crate::foi::input::NewCase {
        unit_id: unit,
        channel: Channel::Online,
        applicant_kind: ApplicantKind::Natural,
        applicant_name: format!("申请人{i}"),
        id_kind: IdKind::IdCard,
        id_number: crate::ids::id_card_with_check(&format!("310101198001{:05}", i % 100_000))
            .unwrap_or_default(),
        legal_rep: String::new(),
        contact_name: String::new(),
        phone: "021-00000000".into(),
        email: String::new(),
        address: "上海市".into(),
        postcode: String::new(),
        info_title: String::new(),
        info_doc_no: String::new(),
        info_description: PHRASES[i % PHRASES.len()].into(),
        purpose: String::new(),
        delivery_form: DeliveryForm::Paper,
        delivery_method: DeliveryMethod::Post,
        arrived_on: crate::clock::today(),
    };
    let actor = crate::audit::Actor::system();
    crate::foi::case_service::create(db, &c, None, &actor)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}
