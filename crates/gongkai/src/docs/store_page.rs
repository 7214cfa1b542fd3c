//! The one read of a public document page: the document and what else its page
//! shows, as flags, so the page asks only for the lists it has.

use super::store::{DOC_COLS, DocRow};
use crate::db::Db;
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

pub async fn page_row(db: &Db, id: i64) -> sqlx::Result<PageRow> {
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
    with_db!(db, |p| sqlx::query_as(&SQL).bind(id).fetch_one(p).await)
}
