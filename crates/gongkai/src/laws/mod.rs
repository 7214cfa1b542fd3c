//! 法规库: laws imported from a folder of markdown (`gongkai laws import DIR`), each
//! with a chapter outline and an anchor per article. Article-level full-text search
//! arrives with the search engine (issue 4); the list filters by level, validity and title.

pub mod import;
pub mod normalise;
pub mod parse;
pub mod portal;
pub mod region;
pub mod store;

use axum::routing::get;

use crate::web::routes::Routes;

audit_actions!(
    /// What 法规库 writes to the audit log.
    LawsAction {
        Import = ("laws.import", "导入法规"),
    }
);

/// 法规库: the public list and law pages.
pub fn routes() -> Routes {
    Routes::new()
        .public("/laws", get(portal::list))
        .public("/laws/{id}", get(portal::law))
}

/// Import a laws folder with its index CSV (given, or `DIR/../laws-index.csv`),
/// printing progress to standard error when `show` is set; audited as a CLI action.
pub async fn import_dir(
    db: &crate::db::Db,
    dir: &std::path::Path,
    index: Option<&std::path::Path>,
    show: bool,
) -> anyhow::Result<import::Summary> {
    let index_path = index
        .map(std::path::Path::to_path_buf)
        .or_else(|| dir.parent().map(|p| p.join("laws-index.csv")));
    let meta = index_path
        .filter(|p| p.is_file())
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(|t| store::read_index(&t))
        .unwrap_or_default();
    let candidates = import::candidates(import::folder(dir, &meta))?;
    let plan = normalise::plan(&candidates);
    let summary = import::import(
        db,
        import::folder(dir, &meta),
        &plan,
        candidates.len(),
        &progress(show),
    )
    .await?;
    audit(db, &summary).await?;
    Ok(summary)
}

/// Import the demo bundle (`laws.jsonl.zst`, see `demo-data/SOURCE.md`), streamed.
pub async fn import_bundle(
    db: &crate::db::Db,
    file: &std::path::Path,
    show: bool,
) -> anyhow::Result<import::Summary> {
    let candidates = import::candidates(import::bundle(file)?)?;
    let plan = normalise::plan(&candidates);
    let summary = import::import(
        db,
        import::bundle(file)?,
        &plan,
        candidates.len(),
        &progress(show),
    )
    .await?;
    audit(db, &summary).await?;
    Ok(summary)
}

fn progress(show: bool) -> impl Fn(usize, usize) + Sync {
    move |done: usize, total: usize| {
        if show && (done.is_multiple_of(50) || done == total) {
            crate::cli::progress(done, total);
        }
    }
}

async fn audit(db: &crate::db::Db, s: &import::Summary) -> anyhow::Result<()> {
    crate::audit::append_now(
        db,
        &crate::audit::Actor::cli(),
        LawsAction::Import,
        "laws",
        None,
        format!("导入法规库：{}", s.line()),
    )
    .await?;
    Ok(())
}
