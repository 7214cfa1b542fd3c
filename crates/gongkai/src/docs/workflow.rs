//! Publishing, shared by the reviewer's button and the scheduled-publishing job.

use super::model::{self, InterpState};
use super::store::{self, DocRow};
use crate::audit::{self, Actor};
use crate::db::Db;

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
        "doc.publish",
        "document",
        Some(doc.id.to_string()),
        format!("发布《{}》（{}）", doc.title, doc.index_no),
    )
    .await?;
    if let Some(i) = interp.filter(|i| i.state() == InterpState::Approved) {
        audit::append(
            &mut tx,
            actor,
            "interp.publish",
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
    author: &crate::auth::CurrentUser,
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
        super::model::DocState::Draft,
    )
    .await?;
    let summary = audit::change_summary(
        None,
        Some(
            serde_json::json!({"title": input.title, "index_no": index_no.to_string(), "doc_no": input.doc_no, "via": how}),
        ),
    );
    audit::append(
        &mut tx,
        &author.actor(),
        "doc.create",
        "document",
        Some(id.to_string()),
        summary,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Send a draft for review; `false` when it was not a draft.
pub async fn submit(
    db: &Db,
    doc: &DocRow,
    author: &crate::auth::CurrentUser,
) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    if !store::transition(
        &mut tx,
        doc.id,
        super::model::DocState::Draft,
        super::model::DocState::Review,
        None,
    )
    .await?
    {
        return Ok(false);
    }
    audit::append(
        &mut tx,
        &author.actor(),
        "doc.submit",
        "document",
        Some(doc.id.to_string()),
        format!("送审《{}》", doc.title),
    )
    .await?;
    tx.commit().await?;
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

impl From<PublishError> for crate::error::AppError {
    fn from(e: PublishError) -> Self {
        use PublishError::*;
        match e {
            Db(e) => e.into(),
            other => crate::error::AppError::Conflict(other.to_string()),
        }
    }
}
