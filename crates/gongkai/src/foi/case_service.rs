//! The changes to a case, each in one transaction with its audit entry (the SQL is
//! in `store.rs`, `store_files.rs` and `store_retention.rs`): creating a case (from
//! the portal, the back office, the API or another platform), appending an event
//! after replaying the log with it through `clock::check`, assigning a handler,
//! receiving a file, and erasure after the retention period.

use chrono::NaiveDate;
use rand::Rng;

use super::FoiAction;
use super::clock::{self, Clock, Dated, Event};
use super::input::NewCase;
use super::model::Channel;
use super::store::{self, CaseInsert, CaseRow, Created, Forwarded};
use super::store_retention;
use crate::audit::{self, Actor};
use crate::db::Db;
use crate::error::AppError;

/// An unambiguous query code (no 0/O, 1/I/L).
fn query_code() -> String {
    const A: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| A[rng.random_range(0..A.len())] as char)
        .collect()
}

/// The FOI office an application to `organ` is routed to: the organ must accept
/// applications and be active, and its office must be active.
pub async fn route(db: &Db, organ: i64) -> Result<i64, AppError> {
    store::office_for(db, organ).await?.ok_or_else(|| {
        AppError::field(
            "unit_id",
            "所选机关不受理依申请公开申请或尚未指定办理机构，请选择受理机关",
        )
    })
}

/// Insert a case with its first event (网上提交 or 登记收件), idempotently by key:
/// the key is bound to the hash of the payload ([`NewCase::payload_hash`]); the same
/// key with the same payload returns the earlier case, with another payload (or on a
/// case stored before hashes were kept) a conflict that reveals nothing of it.
/// The case is routed to its organ's FOI office ([`route`]) or refused.
pub async fn create(
    db: &Db,
    c: &NewCase,
    idempotency_key: Option<&str>,
    actor: &Actor,
) -> Result<Created, AppError> {
    create_with(db, c, None, idempotency_key, actor).await
}

/// [`create`] for a forwarded application: the original submission time is kept,
/// and a confirmation date, when given, is recorded as 确认收到 on that day so that
/// the reply period runs from it (Art. 31).
pub async fn create_forwarded(
    db: &Db,
    c: &NewCase,
    fwd: &Forwarded,
    idempotency_key: Option<&str>,
    actor: &Actor,
) -> Result<Created, AppError> {
    create_with(db, c, Some(fwd), idempotency_key, actor).await
}

async fn create_with(
    db: &Db,
    c: &NewCase,
    fwd: Option<&Forwarded>,
    idempotency_key: Option<&str>,
    actor: &Actor,
) -> Result<Created, AppError> {
    let hash = match fwd {
        None => c.payload_hash(),
        Some(f) => {
            use sha2::{Digest, Sha256};
            let extra = format!(
                "{}|{}|{}|{}|{}",
                c.payload_hash(),
                f.platform,
                f.reference,
                f.submitted_at.timestamp_micros(),
                f.confirmed_on.map(|d| d.to_string()).unwrap_or_default()
            );
            hex::encode(Sha256::digest(extra.as_bytes()))
        }
    };
    if let Some(k) = idempotency_key
        && let Some(found) = by_idempotency_key(db, k, &hash).await?
    {
        return Ok(found);
    }
    let now = crate::clock::now();
    let code = query_code();
    let placeholder = format!("pending-{}", query_code());
    let office = route(db, c.unit_id).await?;
    let first = if c.channel == Channel::Online {
        Event::Submitted
    } else {
        Event::Arrived
    };
    let mut log = vec![Dated {
        seq: 1,
        on: c.arrived_on,
        event: first.clone(),
    }];
    if let Some(on) = fwd.and_then(|f| f.confirmed_on) {
        log.push(Dated {
            seq: 2,
            on,
            event: Event::ReceiptConfirmed,
        });
    }
    let cal = workday::Calendar::default();
    let mut clock_after = Clock::new(c.channel);
    for d in &log {
        clock::apply(&cal, &mut clock_after, d).map_err(AppError::BadRequest)?;
    }
    let mut tx = db.begin().await?;
    let row = CaseInsert {
        placeholder: &placeholder,
        query_code: &code,
        idempotency_key,
        idempotency_hash: idempotency_key.map(|_| hash.as_str()),
        status: clock_after.status.code(),
        received_on: clock_after.received_on,
        office_id: office,
        forwarded: fwd,
        now,
    };
    let id = match store::insert_case(&mut tx, c, &row).await {
        Ok(id) => id,
        Err(e) if crate::db::is_unique_violation(&e) => {
            drop(tx);
            // A concurrent submission with the same key won the race.
            if let Some(k) = idempotency_key
                && let Some(found) = by_idempotency_key(db, k, &hash).await?
            {
                return Ok(found);
            }
            return Err(e.into());
        }
        Err(e) => return Err(e.into()),
    };
    let year = chrono::Datelike::year(&c.arrived_on);
    let receipt_no = format!("YSQ{year}{id:06}");
    store::set_receipt_no(&mut tx, id, &receipt_no).await?;
    for d in &log {
        store::insert_event(&mut tx, id, d.seq, d.on, &d.event, actor).await?;
    }
    let via = fwd
        .map(|f| format!("，由{}转来（{}）", f.platform, f.reference))
        .unwrap_or_default();
    audit::append(
        &mut tx,
        actor,
        FoiAction::Create,
        "foi_case",
        Some(id.to_string()),
        format!(
            "{}：{}（{}{via}）",
            first.label(),
            receipt_no,
            c.channel.label()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Created {
        id,
        receipt_no,
        query_code: code,
        new: true,
    })
}

/// The case an earlier submission with `key` created, if its payload hash is `hash`;
/// a conflict (without anything of that case) if the key came with another payload.
async fn by_idempotency_key(db: &Db, key: &str, hash: &str) -> Result<Option<Created>, AppError> {
    match store::by_idempotency_key(db, key).await? {
        None => Ok(None),
        Some((id, receipt_no, query_code, Some(stored))) if stored == hash => Ok(Some(Created {
            id,
            receipt_no,
            query_code,
            new: false,
        })),
        Some(_) => Err(AppError::Conflict(
            "该 Idempotency-Key（防重复提交键）已用于另一份内容不同的申请，未予登记；如需提交新的申请，请重新打开申请页面或使用新的键".into(),
        )),
    }
}

/// Append an event after checking it against the log; returns the new clock.
pub async fn append(
    db: &Db,
    cal: &workday::Calendar,
    case: &CaseRow,
    on: NaiveDate,
    event: Event,
    actor: &Actor,
) -> Result<Clock, AppError> {
    let rows = store::events(db, case.id).await?;
    let log = store::dated(&rows);
    let before = clock::replay(cal, case.channel(), &log).map_err(AppError::Conflict)?;
    if before.status.read_only() && !matches!(event, Event::Archived) {
        return Err(AppError::Conflict("本申请已办结，案卷只读".into()));
    }
    let seq = log.last().map(|d| d.seq).unwrap_or(0) + 1;
    let dated_event = Dated {
        seq,
        on,
        event: event.clone(),
    };
    let after = clock::check(cal, &before, &dated_event, crate::clock::today())
        .map_err(AppError::BadRequest)?;
    let mut tx = db.begin().await?;
    if let Err(e) = store::insert_event(&mut tx, case.id, seq, on, &event, actor).await {
        if crate::db::is_unique_violation(&e) {
            return Err(AppError::Conflict(
                "案卷刚被他人更新，请刷新页面后重试".into(),
            ));
        }
        return Err(e.into());
    }
    store::set_status(&mut tx, case.id, &after).await?;
    audit::append(
        &mut tx,
        actor,
        FoiAction::from(&event),
        "foi_case",
        Some(case.id.to_string()),
        format!("{}：{}（{}）", case.receipt_no, event.label(), on),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Assign the case to a handler, audited.
pub async fn assign(
    db: &Db,
    case: &CaseRow,
    handler: i64,
    name: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    store::set_handler(&mut tx, case.id, handler).await?;
    audit::append(
        &mut tx,
        actor,
        FoiAction::Assign,
        "foi_case",
        Some(case.id.to_string()),
        format!("{} 分配给 {name}", case.receipt_no),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Record a file sent with an application (stored by its SHA-256), audited.
pub async fn add_file(
    db: &Db,
    case: &CaseRow,
    name: &str,
    mime: &str,
    size: usize,
    sha: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    store::insert_file(&mut tx, case.id, name, mime, size, sha).await?;
    audit::append(
        &mut tx,
        actor,
        FoiAction::File,
        "foi_case",
        Some(case.id.to_string()),
        format!(
            "{}：收到申请材料（{size} 字节，SHA-256 {sha}）",
            case.receipt_no
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Erase the personal data of cases archived before `before` (retention), keeping
/// the statistics columns. Returns how many were anonymised. See [`erase_case`].
pub async fn anonymise_archived_before(
    db: &Db,
    files_dir: &std::path::Path,
    before: NaiveDate,
) -> Result<u64, AppError> {
    let ids = store_retention::archived_before(db, before).await?;
    let mut n = 0;
    for id in ids {
        erase_case(db, files_dir, id, &Actor::system()).await?;
        n += 1;
    }
    Ok(n)
}

/// Erase one case's personal data, in one transaction with its audit entry: the
/// applicant's name, identity number and contacts, the description and purpose of
/// the request, the free text inside its events (names, opinions, reasons, notes,
/// tracking numbers — [`Event::scrubbed`]; kinds, dates and the outcome stay for the
/// clock and table 三), and the files sent with it (identity scans). After the
/// commit, each stored file no other row refers to is deleted from disk.
pub async fn erase_case(
    db: &Db,
    files_dir: &std::path::Path,
    id: i64,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let Some(receipt_no) = store_retention::erase_applicant(&mut tx, id).await? else {
        // Already erased (or gone): nothing to do.
        return Ok(());
    };
    for (event_id, kind, data) in store_retention::event_data(&mut tx, id).await? {
        let scrubbed = match serde_json::from_str::<Event>(&data) {
            Ok(e) => serde_json::to_string(&e.scrubbed())
                .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?,
            // Unreadable data cannot be scrubbed field by field: keep only the kind.
            Err(_) => serde_json::json!({ "kind": kind }).to_string(),
        };
        if scrubbed != data {
            store_retention::set_event_data(&mut tx, event_id, &scrubbed).await?;
        }
    }
    let shas = store_retention::delete_files(&mut tx, id).await?;
    audit::append(
        &mut tx,
        actor,
        FoiAction::Erase,
        "foi_case",
        Some(id.to_string()),
        format!(
            "{receipt_no}：超过保存期限，删除申请人个人信息、申请内容、办理记录中的文字及申请材料 {} 件",
            shas.len()
        ),
    )
    .await?;
    tx.commit().await?;
    let mut shas = shas;
    shas.sort_unstable();
    shas.dedup();
    for sha in shas {
        if store_retention::blob_users(db, &sha).await? == 0 {
            crate::docs::attachments::remove_blob(files_dir, &sha).await;
        }
    }
    Ok(())
}
