//! Revisions of published documents: proposed by a publisher, kept beside the
//! published edition, and published only when a reviewer approves them. Each step
//! is one transaction with its audit entry (the SQL is in `store_editions.rs`).

use crate::docs::DocAction;
use serde_json::json;

use super::model::{self, DocState};
use super::store::{self, DocInput, DocRow};
use super::workflow::PublishError;
use crate::audit::{self, change_summary};
use crate::auth::CurrentUser;
use crate::db::Db;

/// Store a revision of a published document for review (replacing an earlier
/// pending one); the portal keeps showing the published edition.
pub(super) async fn propose_revision(
    db: &Db,
    doc: &DocRow,
    input: &DocInput,
    note: &str,
    minor: bool,
    user: &CurrentUser,
) -> Result<(), PublishError> {
    if doc.state() != DocState::Published {
        return Err(PublishError::Blocked("只有已发布的文件可以修订"));
    }
    let note = if note.is_empty() {
        "细微修改"
    } else {
        note
    };
    let mut tx = db.begin().await?;
    store::save_revision(&mut tx, doc.id, input, note, minor, user.id).await?;
    let before = json!({"title": doc.title, "doc_no": doc.doc_no, "valid_until": doc.valid_until});
    let after =
        json!({"title": input.title, "doc_no": input.doc_no, "valid_until": input.valid_until});
    audit::append(
        &mut tx,
        &user.actor(),
        DocAction::RevisionSubmit,
        "document",
        Some(doc.id.to_string()),
        format!(
            "修订送审：{note}；{}",
            change_summary(Some(before), Some(after))
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A reviewer approves the pending revision `revision_id` (the one they saw, when
/// given): it becomes the published text, a new edition and a change record.
/// Not by the document's author nor by the reviser (`model::revision_blocker`).
pub async fn approve_revision(
    db: &Db,
    doc: &DocRow,
    revision_id: Option<i64>,
    reviewer: &CurrentUser,
) -> Result<i64, PublishError> {
    let rev = store::pending_revision(db, doc.id)
        .await?
        .ok_or(PublishError::Blocked("该文件没有待审核的修订"))?;
    if revision_id.is_some_and(|r| r != rev.id) {
        return Err(PublishError::Changed);
    }
    if let Some(why) =
        model::revision_blocker(doc.state(), doc.author_id, rev.editor_id, reviewer.id)
    {
        return Err(PublishError::Blocked(why));
    }
    let input = rev
        .input()
        .ok_or(PublishError::Blocked("修订内容无法读取，请退回后重新修订"))?;
    let mut tx = db.begin().await?;
    if !store::delete_revision(&mut tx, rev.id).await?
        || !store::update(&mut tx, doc.id, &input, rev.editor_id, DocState::Published).await?
    {
        return Err(PublishError::Changed);
    }
    let revised = doc.with_input(&input);
    let edition = store::add_edition(
        &mut tx,
        &revised,
        &rev.change_note,
        rev.minor,
        rev.editor_id,
    )
    .await?;
    store::record_change(&mut tx, doc.id, "updated", crate::clock::now()).await?;
    let before = json!({"title": doc.title, "doc_no": doc.doc_no, "valid_until": doc.valid_until});
    let after =
        json!({"title": input.title, "doc_no": input.doc_no, "valid_until": input.valid_until});
    audit::append(
        &mut tx,
        &reviewer.actor(),
        DocAction::Revise,
        "document",
        Some(doc.id.to_string()),
        format!(
            "审核通过修订，发布第 {edition} 版：{}；{}",
            rev.change_note,
            change_summary(Some(before), Some(after))
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(edition)
}

/// A reviewer returns (discards) the pending revision with a note; the published
/// edition stays.
pub async fn return_revision(
    db: &Db,
    doc: &DocRow,
    revision_id: Option<i64>,
    note: &str,
    reviewer: &CurrentUser,
) -> Result<(), PublishError> {
    let rev = store::pending_revision(db, doc.id)
        .await?
        .ok_or(PublishError::Blocked("该文件没有待审核的修订"))?;
    if revision_id.is_some_and(|r| r != rev.id) {
        return Err(PublishError::Changed);
    }
    let mut tx = db.begin().await?;
    if !store::delete_revision(&mut tx, rev.id).await? {
        return Err(PublishError::Changed);
    }
    audit::append(
        &mut tx,
        &reviewer.actor(),
        DocAction::RevisionReturn,
        "document",
        Some(doc.id.to_string()),
        format!("退回《{}》的修订（{}）：{note}", doc.title, rev.change_note),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
