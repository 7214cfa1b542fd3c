//! The one read of a public document page: the document and what else its page
//! shows, as flags, so the page asks only for the lists it has.

use super::model::{Column, DocState, Genre};
use super::store::{DOC_COLS, DocRow};
use crate::db::Db;
use crate::db::fast::Cols;
use crate::state::AppState;
use crate::with_db;

/// A document page's one read: the document, the id of its published
/// interpretation, and whether it has attachments, tags or 免罚清单 items — so the
/// page asks only for the lists it has (most documents have none).
#[derive(Debug, sqlx::FromRow)]
pub struct PageRow {
    #[sqlx(flatten)]
    pub doc: DocRow,
    pub interp_id: Option<i64>,
    pub has_attachments: bool,
    #[sqlx(flatten)]
    pub push: crate::push::store::DocFlags,
}

static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    format!(
        "SELECT {DOC_COLS}, \
         (SELECT i.id FROM interpretations i WHERE i.document_id = documents.id AND i.state = '{}') AS interp_id, \
         EXISTS (SELECT 1 FROM attachments a WHERE a.document_id = documents.id AND a.purpose = '{}') AS has_attachments, \
         {} FROM documents WHERE id = $1",
        super::model::InterpState::Published.code(),
        super::attachments::Purpose::Document.code(),
        crate::push::store::DOC_FLAGS_SQL,
    )
});

/// The page's read through the pool.
pub async fn page_row(db: &Db, id: i64) -> sqlx::Result<PageRow> {
    with_db!(db, |p| sqlx::query_as(&SQL).bind(id).fetch_one(p).await)
}

/// The page's read on SQLite through [`crate::db::fast`] (on the calling thread, no
/// hand-off to a connection thread), through the pool otherwise or when that path
/// fails for any reason but a missing row.
pub async fn page_row_for(state: &AppState, id: i64) -> sqlx::Result<PageRow> {
    match page_row_fast(state, id) {
        Some(Ok(row)) => return Ok(row),
        Some(Err(rusqlite::Error::QueryReturnedNoRows)) => return Err(sqlx::Error::RowNotFound),
        Some(Err(e)) => tracing::warn!(error = %e, "文件页快速读取失败，改经连接池读取"),
        None => {}
    }
    page_row(&state.db, id).await
}

/// The page's read through [`crate::db::fast`]; `None` where that path does not
/// exist (PostgreSQL, an in-memory database).
pub fn page_row_fast(state: &AppState, id: i64) -> Option<rusqlite::Result<PageRow>> {
    let fast = state.part::<crate::db::fast::FastReads>();
    let readers = fast.get(|| state.settings.database_url())?;
    Some(readers.read(|c| c.prepare_cached(&SQL)?.query_row([id], from_sqlite)))
}

/// [`PageRow`] from a row of [`SQL`] read by rusqlite: the same columns by name as
/// sqlx's `FromRow`, read by position in the order of the SELECT, each column's name
/// checked (a test compares the two reads on the demo's documents).
fn from_sqlite(r: &rusqlite::Row<'_>) -> rusqlite::Result<PageRow> {
    // By position, in the order of the SELECT (the names are checked on the way).
    let mut c = Cols::default();
    Ok(PageRow {
        doc: DocRow {
            id: c.get(r, "id")?,
            title: c.get(r, "title")?,
            issuer_unit_id: c.get(r, "issuer_unit_id")?,
            issuer_name: c.get(r, "issuer_name")?,
            disclosure: c.get(r, "disclosure")?,
            disclosure_ground: c.get(r, "disclosure_ground")?,
            index_no: c.get(r, "index_no")?,
            doc_no: c.get(r, "doc_no")?,
            written_on: c.date_opt(r, "written_on")?,
            published_on: c.date_opt(r, "published_on")?,
            genre: c.code(r, "genre", Genre::parse)?,
            topic_id: c.get(r, "topic_id")?,
            column_kind: c.code(r, "column_kind", Column::parse)?,
            normative: c.get(r, "normative")?,
            provisional: c.get(r, "provisional")?,
            effective_on: c.date_opt(r, "effective_on")?,
            valid_until: c.date_opt(r, "valid_until")?,
            validity_reason: c.get(r, "validity_reason")?,
            validity: c.get(r, "validity")?,
            validity_decision: c.get(r, "validity_decision")?,
            replaced_by: c.get(r, "replaced_by")?,
            needs_interpretation: c.get(r, "needs_interpretation")?,
            body: c.get(r, "body")?,
            state: c.code(r, "state", DocState::parse)?,
            review_note: c.get(r, "review_note")?,
            withdraw_reason: c.get(r, "withdraw_reason")?,
            withdraw_public: c.get(r, "withdraw_public")?,
            author_id: c.get(r, "author_id")?,
            reviewer_id: c.get(r, "reviewer_id")?,
            created_at: c.time(r, "created_at")?,
            updated_at: c.time(r, "updated_at")?,
            published_at: c.time_opt(r, "published_at")?,
            publish_at: c.time_opt(r, "publish_at")?,
            conversion_due: c.date_opt(r, "conversion_due")?,
            last_editor_id: c.get(r, "last_editor_id")?,
        },
        interp_id: c.get(r, "interp_id")?,
        has_attachments: c.get(r, "has_attachments")?,
        push: crate::push::store::DocFlags {
            has_tags: c.get(r, "has_tags")?,
            has_exemptions: c.get(r, "has_exemptions")?,
        },
    })
}
