//! The document workflow: each step in one transaction with its audit entry.
//! Publishing is shared by the reviewer's button and the scheduled-publishing job;
//! the back-office handlers in `admin*.rs` validate the form and call the rest.

use crate::docs::DocAction;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

use super::attachments::Purpose;
use super::model::{self, DocState, IndexNo, InterpForm, InterpState, Validity};
use super::store::{self, DocInput, DocRow, InterpRow};
use crate::audit::{self, Actor, change_summary};
use crate::auth::CurrentUser;
use crate::db::{Db, Tx};

/// The last step of a staff change: its audit entry on the document (or, for an
/// interpretation's actions, the interpretation) `id`, then commit.
async fn commit(
    tx: Tx,
    actor: &Actor,
    action: DocAction,
    id: i64,
    summary: String,
) -> sqlx::Result<()> {
    let kind = match action {
        DocAction::InterpSave | DocAction::InterpApprove | DocAction::InterpPublish => {
            "interpretation"
        }
        _ => "document",
    };
    audit::commit(tx, actor, action, kind, id, summary).await?;
    Ok(())
}

/// Why a publication did not happen.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{0}")]
    Blocked(&'static str),
    #[error("文件状态已变化，请刷新后重试")]
    Changed,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Publish `doc` (and its approved interpretation) now, in one transaction:
/// state, edition 1, change record, audit entries.
pub async fn publish(
    db: &Db,
    doc: &DocRow,
    reviewer_id: i64,
    actor: &Actor,
) -> Result<(), PublishError> {
    let interp = store::interpretation_of(db, doc.id).await?;
    if let Some(why) = model::publish_blocker(
        doc.state(),
        doc.author_id,
        doc.last_editor_id,
        reviewer_id,
        doc.needs_interpretation,
        interp.as_ref().map(|i| i.state()),
    ) {
        return Err(PublishError::Blocked(why));
    }
    let at = crate::clock::now();
    let mut tx = db.begin().await?;
    if !store::publish(&mut tx, doc.id, reviewer_id, at, crate::clock::today()).await? {
        return Err(PublishError::Changed);
    }
    store::add_edition(&mut tx, doc, "首次发布", false, Some(reviewer_id)).await?;
    audit::append(
        &mut tx,
        actor,
        DocAction::Publish,
        "document",
        Some(doc.id.to_string()),
        format!("发布《{}》（{}）", doc.title, doc.index_no),
    )
    .await?;
    if let Some(i) = interp.filter(|i| i.state() == InterpState::Approved) {
        audit::append(
            &mut tx,
            actor,
            DocAction::InterpPublish,
            "interpretation",
            Some(i.id.to_string()),
            format!("与文件同步发布解读《{}》", i.title),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Create a draft with the next 索引号 of its 成文 year, audited as `how` (page or API).
pub async fn create_draft(
    db: &Db,
    org_code: &str,
    input: &store::DocInput,
    author: &CurrentUser,
    how: &str,
) -> sqlx::Result<i64> {
    let year = input
        .written_on
        .map(|d| chrono::Datelike::year(&d))
        .unwrap_or_else(|| chrono::Datelike::year(&crate::clock::today()));
    let mut tx = db.begin().await?;
    let index_no = store::next_index_no(&mut tx, org_code, year).await?;
    let id = store::create(
        &mut tx,
        input,
        &index_no.to_string(),
        Some(author.id),
        DocState::Draft,
    )
    .await?;
    let summary = audit::change_summary(
        None,
        Some(
            serde_json::json!({"title": input.title, "index_no": index_no.to_string(), "doc_no": input.doc_no, "via": how}),
        ),
    );
    commit(tx, &author.actor(), DocAction::Create, id, summary).await?;
    Ok(id)
}

/// Send a draft for review; `false` when it was not a draft.
pub async fn submit(db: &Db, doc: &DocRow, author: &CurrentUser) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    if !store::transition(&mut tx, doc.id, DocState::Draft, DocState::Review, None).await? {
        return Ok(false);
    }
    let summary = format!("送审《{}》", doc.title);
    commit(tx, &author.actor(), DocAction::Submit, doc.id, summary).await?;
    Ok(true)
}

/// The scheduled-publishing job: publish every approved document whose time has
/// come. One that is blocked (its interpretation was edited since) stays in review.
pub async fn publish_due(db: &Db) -> anyhow::Result<usize> {
    let mut n = 0;
    for doc in store::due_scheduled(db, crate::clock::now()).await? {
        let Some(reviewer) = doc.reviewer_id else {
            continue;
        };
        match publish(db, &doc, reviewer, &Actor::system()).await {
            Ok(()) => n += 1,
            Err(PublishError::Blocked(why)) => {
                tracing::warn!(document.id = doc.id, why, "scheduled publication blocked")
            }
            Err(PublishError::Changed) => {}
            Err(PublishError::Db(e)) => return Err(e.into()),
        }
    }
    Ok(n)
}

/// Approve publication at a future time `at` (the reviewer's 定时发布). Blocked
/// like publishing now, or when the document is no longer in review.
pub async fn schedule(
    db: &Db,
    doc: &DocRow,
    at: DateTime<Utc>,
    reviewer: &CurrentUser,
) -> Result<(), PublishError> {
    let interp = store::interpretation_of(db, doc.id).await?;
    if let Some(why) = model::publish_blocker(
        doc.state(),
        doc.author_id,
        doc.last_editor_id,
        reviewer.id,
        doc.needs_interpretation,
        interp.as_ref().map(|i| i.state()),
    ) {
        return Err(PublishError::Blocked(why));
    }
    let mut tx = db.begin().await?;
    if !store::schedule(&mut tx, doc.id, reviewer.id, at).await? {
        return Err(PublishError::Blocked("只有送审中的文件可以定时发布"));
    }
    let summary = format!(
        "审核通过《{}》，定时于 {} 发布",
        doc.title,
        crate::clock::fmt_local(&at)
    );
    commit(tx, &reviewer.actor(), DocAction::Schedule, doc.id, summary).await?;
    Ok(())
}

/// Save a draft, or propose a revision of a published document. Only drafts are
/// written directly (`model::content_change_blocker`), and the editor becomes the
/// draft's last editor, who may not publish it. A published document keeps its
/// published edition on the portal: the revision is stored apart
/// (`document_revisions`) until a reviewer approves it (`approve_revision`).
pub async fn update(
    db: &Db,
    doc: &DocRow,
    input: &DocInput,
    note: &str,
    minor: bool,
    user: &CurrentUser,
) -> Result<(), PublishError> {
    if doc.state() == DocState::Published {
        return super::revision_service::propose_revision(db, doc, input, note, minor, user).await;
    }
    update_draft(db, doc, input, user, "page").await
}

/// Write a draft's fields (from the form or the API, `how`), audited.
pub async fn update_draft(
    db: &Db,
    doc: &DocRow,
    input: &DocInput,
    user: &CurrentUser,
    how: &str,
) -> Result<(), PublishError> {
    if let Some(why) = model::content_change_blocker(doc.state()) {
        return Err(PublishError::Blocked(why));
    }
    let mut tx = db.begin().await?;
    if !store::update(&mut tx, doc.id, input, Some(user.id), DocState::Draft).await? {
        return Err(PublishError::Changed);
    }
    let before = json!({"title": doc.title, "doc_no": doc.doc_no, "valid_until": doc.valid_until});
    let after = json!({"title": input.title, "doc_no": input.doc_no, "valid_until": input.valid_until, "via": how});
    let summary = change_summary(Some(before), Some(after));
    commit(tx, &user.actor(), DocAction::Update, doc.id, summary).await?;
    Ok(())
}

/// In the transaction that adds or removes an attachment: check that the document
/// may change now and record who changed it. A document's own attachments change
/// only while it is a draft (`model::content_change_blocker`: after submission,
/// and so after approval, the reviewer must return it first); the uploader becomes
/// its last editor. Media of the interpretation change while the document is a
/// draft or in review, and send an approved interpretation back to draft (to be
/// approved again, by someone other than the uploader).
pub async fn attachments_changing(
    tx: &mut crate::db::Tx,
    doc: &DocRow,
    purpose: Purpose,
    user: &CurrentUser,
) -> Result<(), PublishError> {
    match purpose {
        Purpose::Interpretation => {
            if !matches!(doc.state(), DocState::Draft | DocState::Review) {
                return Err(PublishError::Blocked(
                    "文件已发布或撤回，解读材料不能再修改",
                ));
            }
            store::reopen_interpretation(tx, doc.id, user.id).await?;
            Ok(())
        }
        Purpose::Document | Purpose::Identity => {
            if let Some(why) = model::content_change_blocker(doc.state()) {
                return Err(PublishError::Blocked(why));
            }
            if !store::touch_draft(tx, doc.id, user.id).await? {
                return Err(PublishError::Changed);
            }
            Ok(())
        }
    }
}

/// Import checked catalogue rows as documents sent for review, with the importer
/// as their author (and last editor, so they cannot publish them): nothing goes
/// public before a reviewer publishes it. Rows carry their 索引号, or get the next
/// one of their 成文 year.
pub async fn import_catalogue(
    db: &Db,
    org_code: &str,
    rows: &[(DocInput, Option<IndexNo>)],
    skipped: usize,
    user: &CurrentUser,
) -> sqlx::Result<usize> {
    let mut tx = db.begin().await?;
    let today = crate::clock::today();
    for (input, index_no) in rows {
        let index = match index_no {
            Some(i) => {
                store::note_index_no(&mut tx, i).await?;
                i.to_string()
            }
            None => {
                let year = input
                    .written_on
                    .map(|d| chrono::Datelike::year(&d))
                    .unwrap_or(chrono::Datelike::year(&today));
                store::next_index_no(&mut tx, org_code, year)
                    .await?
                    .to_string()
            }
        };
        let id = store::create(&mut tx, input, &index, Some(user.id), DocState::Review).await?;
        audit::append(
            &mut tx,
            &user.actor(),
            DocAction::Create,
            "document",
            Some(id.to_string()),
            change_summary(
                None,
                Some(json!({"title": input.title, "index_no": index, "doc_no": input.doc_no, "via": "catalogue", "state": "review"})),
            ),
        )
        .await?;
    }
    audit::append(
        &mut tx,
        &user.actor(),
        DocAction::Import,
        "document",
        None,
        format!(
            "从 Excel 导入公文目录 {} 件，均已送审（跳过有错误的 {skipped} 行）",
            rows.len()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(rows.len())
}

/// Return a document in review to its author with a note; `false` when it was
/// not in review.
pub async fn return_to_author(
    db: &Db,
    doc: &DocRow,
    note: &str,
    reviewer: &CurrentUser,
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    if !store::transition(
        &mut tx,
        doc.id,
        DocState::Review,
        DocState::Draft,
        Some(note),
    )
    .await?
    {
        return Ok(false);
    }
    let summary = format!("退回《{}》：{note}", doc.title);
    commit(tx, &reviewer.actor(), DocAction::Return, doc.id, summary).await?;
    Ok(true)
}

/// Withdraw a published document, with a public or internal reason; `false` when
/// it was not published.
pub async fn withdraw(
    db: &Db,
    doc: &DocRow,
    reason: &str,
    public: bool,
    user: &CurrentUser,
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    if !store::withdraw(&mut tx, doc.id, reason, public).await? {
        return Ok(false);
    }
    let summary = format!(
        "撤回《{}》（{}理由）：{reason}",
        doc.title,
        if public { "公开" } else { "内部" }
    );
    commit(tx, &user.actor(), DocAction::Withdraw, doc.id, summary).await?;
    Ok(true)
}

/// Record 废止 (with the deciding document) or 已修改 (with the replacing one).
pub async fn set_validity(
    db: &Db,
    doc: &DocRow,
    v: Validity,
    decision: &str,
    replaced_by: Option<i64>,
    user: &CurrentUser,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::set_validity(&mut tx, doc.id, v, decision, replaced_by).await?;
    let summary = change_summary(
        Some(json!({"validity": doc.validity})),
        Some(json!({"validity": v.code(), "decision": decision, "replaced_by": replaced_by})),
    );
    commit(tx, &user.actor(), DocAction::Validity, doc.id, summary).await
}

/// Mark `doc` 已被新版本替代 by `newer` (and 已修改 when normative); `false` when
/// `doc` was not published.
pub async fn supersede(
    db: &Db,
    doc: &DocRow,
    newer: &DocRow,
    user: &CurrentUser,
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    if !store::supersede(&mut tx, doc.id, newer.id).await? {
        return Ok(false);
    }
    if doc.normative {
        store::set_validity(&mut tx, doc.id, Validity::Amended, "", Some(newer.id)).await?;
    }
    let summary = format!(
        "《{}》已被新版本《{}》（{}）替代",
        doc.title, newer.title, newer.index_no
    );
    commit(tx, &user.actor(), DocAction::Supersede, doc.id, summary).await?;
    Ok(true)
}

/// Change a document's 索引号 (the caller checks that it is free), with a change
/// record for the city library.
pub async fn change_index_no(
    db: &Db,
    doc: &DocRow,
    new: &IndexNo,
    user: &CurrentUser,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::set_index_no(&mut tx, doc.id, new).await?;
    store::record_change(&mut tx, doc.id, "updated", crate::clock::now()).await?;
    let summary = change_summary(
        Some(json!({"index_no": doc.index_no})),
        Some(json!({"index_no": new.to_string()})),
    );
    commit(tx, &user.actor(), DocAction::IndexNo, doc.id, summary).await
}

/// Record a 转化公开 decision: convert to proactive disclosure, or keep with a
/// reason until `next_review`.
pub async fn decide_conversion(
    db: &Db,
    doc: &DocRow,
    convert: bool,
    reason: &str,
    next_review: Option<NaiveDate>,
    user: &CurrentUser,
    today: NaiveDate,
) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    store::decide_conversion(&mut tx, doc, convert, reason, next_review, user.id, today).await?;
    let summary = if convert {
        format!("转化公开：《{}》转为主动公开。{reason}", doc.title)
    } else {
        format!(
            "转化公开：《{}》维持{}，理由：{reason}；下次审查 {}",
            doc.title,
            model::Disclosure::parse(&doc.disclosure)
                .map(|d| d.label())
                .unwrap_or("未认定"),
            next_review.map(|d| d.to_string()).unwrap_or_default()
        )
    };
    commit(tx, &user.actor(), DocAction::Conversion, doc.id, summary).await
}

/// Create or replace the interpretation of `doc` (it needs approval again).
pub async fn save_interpretation(
    db: &Db,
    doc: &DocRow,
    title: &str,
    form: InterpForm,
    body: &str,
    user: &CurrentUser,
) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let iid = store::save_interpretation(&mut tx, doc.id, title, form.code(), body, Some(user.id))
        .await?;
    let summary = format!("保存《{}》的解读《{title}》", doc.title);
    commit(tx, &user.actor(), DocAction::InterpSave, iid, summary).await?;
    Ok(iid)
}

/// A reviewer approves the interpretation of `doc`; `false` when it was not a draft.
pub async fn approve_interpretation(
    db: &Db,
    doc: &DocRow,
    interp: &InterpRow,
    reviewer: &CurrentUser,
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    if !store::approve_interpretation(&mut tx, interp.id, reviewer.id).await? {
        return Ok(false);
    }
    let summary = format!("审定《{}》的解读", doc.title);
    commit(
        tx,
        &reviewer.actor(),
        DocAction::InterpApprove,
        interp.id,
        summary,
    )
    .await?;
    Ok(true)
}

impl From<PublishError> for crate::error::AppError {
    fn from(e: PublishError) -> Self {
        use PublishError::*;
        match e {
            Db(e) => e.into(),
            other => crate::error::AppError::Conflict(other.to_string()),
        }
    }
}
