//! Attachments: PDF, Word/Excel (including WPS formats) and images, checked by their
//! content rather than their name, stored once by SHA-256, downloaded with the
//! original Chinese file name.

use std::path::{Path, PathBuf};

use axum::extract::{Multipart, Path as UrlPath, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::model::{self, DocState};
use super::store;
use crate::auth::Staff;
use crate::auth::roles::Permission;
use crate::db::{Db, Tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::{with_db, with_tx};

/// What a file's bytes say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pdf,
    /// Office Open XML word processing (.docx)
    Docx,
    /// Office Open XML spreadsheet (.xlsx)
    Xlsx,
    /// OLE compound file: .doc, .xls, and WPS .wps / .et
    Ole,
    Png,
    Jpeg,
    Gif,
    /// MP4 / ISO base media video (for interpretations)
    Mp4,
    /// WebM video
    Webm,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Docx => "docx",
            Kind::Xlsx => "xlsx",
            Kind::Ole => "ole",
            Kind::Png => "png",
            Kind::Jpeg => "jpeg",
            Kind::Gif => "gif",
            Kind::Mp4 => "mp4",
            Kind::Webm => "webm",
        }
    }

    pub fn is_video(self) -> bool {
        matches!(self, Kind::Mp4 | Kind::Webm)
    }

    pub fn is_image(self) -> bool {
        matches!(self, Kind::Png | Kind::Jpeg | Kind::Gif)
    }

    pub fn mime(self) -> &'static str {
        match self {
            Kind::Pdf => "application/pdf",
            Kind::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Kind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Kind::Ole => "application/octet-stream",
            Kind::Png => "image/png",
            Kind::Jpeg => "image/jpeg",
            Kind::Gif => "image/gif",
            Kind::Mp4 => "video/mp4",
            Kind::Webm => "video/webm",
        }
    }

    /// The file-name endings that may carry this content.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Kind::Pdf => &["pdf"],
            Kind::Docx => &["docx", "wps"],
            Kind::Xlsx => &["xlsx", "et"],
            Kind::Ole => &["doc", "xls", "wps", "et", "ppt"],
            Kind::Png => &["png"],
            Kind::Jpeg => &["jpg", "jpeg"],
            Kind::Gif => &["gif"],
            Kind::Mp4 => &["mp4", "m4v"],
            Kind::Webm => &["webm"],
        }
    }
}

/// Recognise a file by its first bytes (and, for zip-based office files, the
/// names of the parts inside).
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Kind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some(Kind::Gif)
    } else if bytes.get(4..8) == Some(b"ftyp") {
        Some(Kind::Mp4)
    } else if bytes.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        Some(Kind::Webm)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Some(Kind::Ole)
    } else if bytes.starts_with(b"PK\x03\x04") {
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        if has(b"word/") {
            Some(Kind::Docx)
        } else if has(b"xl/") {
            Some(Kind::Xlsx)
        } else {
            None
        }
    } else {
        None
    }
}

/// Check an upload: allowed content, a matching name, within the size limit.
pub fn check(file_name: &str, bytes: &[u8], max: usize, purpose: Purpose) -> Result<Kind, String> {
    if bytes.is_empty() {
        return Err("文件为空".into());
    }
    if bytes.len() > max {
        return Err(format!("文件超过 {} MB 的大小限制", max / (1024 * 1024)));
    }
    let allowed = |k: &Kind| match purpose {
        Purpose::Document => !k.is_video(),
        Purpose::Interpretation => true,
        Purpose::Identity => matches!(k, Kind::Pdf | Kind::Png | Kind::Jpeg),
    };
    let kind = sniff(bytes).filter(allowed).ok_or(match purpose {
        Purpose::Document => "只能上传 PDF、Word、Excel、WPS 文档或 PNG、JPEG、GIF 图片（按文件内容判断）",
        Purpose::Interpretation => "只能上传 PDF、Word、Excel、WPS 文档，PNG、JPEG、GIF 图片或 MP4、WebM 视频（按文件内容判断）",
        Purpose::Identity => "只能上传 PDF 或 PNG、JPEG 图片（按文件内容判断）",
    })?;
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !kind.extensions().contains(&ext.as_str()) {
        return Err(format!("文件名后缀“.{ext}”与文件内容不符"));
    }
    Ok(kind)
}

/// The description of an interpretation's image or video (an image's `alt` text):
/// required for an image, at most 200 characters, and never just its file name
/// (a screen reader would read out "一图读懂.png"). A document's attachments take
/// none: their link names the file.
pub fn media_description(
    kind: Kind,
    purpose: Purpose,
    file_name: &str,
    text: &str,
) -> Result<String, String> {
    if purpose != Purpose::Interpretation {
        return Ok(String::new());
    }
    let text = text.trim();
    if text.is_empty() {
        return if kind.is_image() {
            Err("请填写图片说明：用一两句话说明图片表达的内容，供无法看到图片的读者使用".into())
        } else {
            Ok(String::new())
        };
    }
    if text.chars().count() > 200 {
        return Err("说明不能超过 200 字".into());
    }
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    if text == file_name || text == stem {
        return Err("说明不能只写文件名，请描述图片表达的内容".into());
    }
    Ok(text.to_string())
}

/// Whose attachment: the document's, or its interpretation's (图解, 视频 …).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Document,
    Interpretation,
    /// Identity documents and other papers sent with an information request.
    Identity,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Document => "document",
            Purpose::Interpretation => "interpretation",
            Purpose::Identity => "identity",
        }
    }
}

/// A safe display name: no path, no control characters, at most 120 characters.
pub fn clean_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "附件".into()
    } else {
        cleaned
    }
}

fn blob_path(files: &Path, sha: &str) -> PathBuf {
    files.join(&sha[..2]).join(sha)
}

/// Delete a stored file (once no row refers to it; the caller checks). A file
/// already gone is fine; other failures are logged, never fatal.
pub async fn remove_blob(files: &Path, sha: &str) {
    if sha.len() < 3 || !sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        tracing::warn!(file.sha256 = sha, "not a stored file name, not deleted");
        return;
    }
    match tokio::fs::remove_file(blob_path(files, sha)).await {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => tracing::error!(file.sha256 = sha, error = %e, "stored file not deleted"),
    }
}

/// Store bytes once under their SHA-256 (written to a temporary name, then renamed);
/// returns the hash.
pub async fn write_blob(files: &Path, bytes: &[u8]) -> anyhow::Result<String> {
    let sha = hex::encode(Sha256::digest(bytes));
    let path = blob_path(files, &sha);
    if !path.exists() {
        let parent = path.parent().ok_or_else(|| anyhow::anyhow!("bad path"))?;
        tokio::fs::create_dir_all(parent).await?;
        let tmp = path.with_extension("part");
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, &path).await?;
    }
    Ok(sha)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Attachment {
    pub id: i64,
    pub document_id: i64,
    pub file_name: String,
    pub kind: String,
    pub mime: String,
    pub size: i64,
    pub sha256: String,
    pub created_at: DateTime<Utc>,
    pub purpose: String,
    /// An interpretation image's alt text (empty for documents' files).
    pub description: String,
}

impl Attachment {
    pub fn is_image(&self) -> bool {
        self.mime.starts_with("image/")
    }

    pub fn is_video(&self) -> bool {
        self.mime.starts_with("video/")
    }

    pub fn size_label(&self) -> String {
        if self.size >= 1024 * 1024 {
            format!("{:.1} MB", self.size as f64 / 1048576.0)
        } else {
            format!("{} KB", (self.size + 1023) / 1024)
        }
    }
}

const COLS: &str =
    "id, document_id, file_name, kind, mime, size, sha256, created_at, purpose, description";

pub async fn of_document(db: &Db, document_id: i64) -> sqlx::Result<Vec<Attachment>> {
    of(db, document_id, Purpose::Document).await
}

/// The attachments of a document, or of its interpretation.
pub async fn of(db: &Db, document_id: i64, purpose: Purpose) -> sqlx::Result<Vec<Attachment>> {
    let sql = format!(
        "SELECT {COLS} FROM attachments WHERE document_id = $1 AND purpose = $2 ORDER BY id"
    );
    with_db!(db, |p| sqlx::query_as(&sql)
        .bind(document_id)
        .bind(purpose.code())
        .fetch_all(p)
        .await)
}

async fn get(db: &Db, id: i64) -> sqlx::Result<Attachment> {
    let sql = format!("SELECT {COLS} FROM attachments WHERE id = $1");
    with_db!(db, |p| sqlx::query_as(&sql).bind(id).fetch_one(p).await)
}

/// A file as stored: its clean name, kind, size and hash.
pub struct Stored<'a> {
    pub name: &'a str,
    pub kind: Kind,
    pub size: usize,
    pub sha: &'a str,
    pub description: &'a str,
}

pub(super) async fn delete(tx: &mut Tx, id: i64) -> sqlx::Result<u64> {
    with_tx!(tx, |c| sqlx::query("DELETE FROM attachments WHERE id = $1")
        .bind(id)
        .execute(&mut **c)
        .await
        .map(|r| r.rows_affected()))
}

pub(super) async fn insert(
    tx: &mut Tx,
    document_id: i64,
    purpose: Purpose,
    f: &Stored<'_>,
    by: i64,
) -> sqlx::Result<i64> {
    let t = crate::clock::now();
    with_tx!(tx, |c| {
        sqlx::query_scalar(
            "INSERT INTO attachments (document_id, file_name, kind, mime, size, sha256, uploaded_by, created_at, purpose, description) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(document_id)
        .bind(f.name)
        .bind(f.kind.code())
        .bind(f.kind.mime())
        .bind(f.size as i64)
        .bind(f.sha)
        .bind(by)
        .bind(t)
        .bind(purpose.code())
        .bind(f.description)
        .fetch_one(&mut **c)
        .await
    })
}

/// Upload one file to a draft (an interpretation's media: also while in review).
pub async fn upload(
    state: State<AppState>,
    staff: Staff,
    id: UrlPath<i64>,
    form: Multipart,
) -> Result<Response, AppError> {
    upload_for(state, staff, id, form, Purpose::Document).await
}

/// Upload an image or video of the document's interpretation.
pub async fn upload_interp(
    state: State<AppState>,
    staff: Staff,
    id: UrlPath<i64>,
    form: Multipart,
) -> Result<Response, AppError> {
    upload_for(state, staff, id, form, Purpose::Interpretation).await
}

async fn upload_for(
    State(state): State<AppState>,
    Staff(user): Staff,
    UrlPath(id): UrlPath<i64>,
    mut form: Multipart,
    purpose: Purpose,
) -> Result<Response, AppError> {
    let (doc, _) = super::admin::load(&state, &user, id, Permission::PublishContent).await?;
    // Checked again in the transaction that stores the file.
    let early = match purpose {
        Purpose::Interpretation => (!matches!(doc.state(), DocState::Draft | DocState::Review))
            .then_some("文件已发布或撤回，解读材料不能再修改"),
        Purpose::Document | Purpose::Identity => model::content_change_blocker(doc.state()),
    };
    if let Some(why) = early {
        return Err(AppError::Conflict(why.into()));
    }
    let max = state.settings.docs.max_attachment_bytes;
    let mut saved = None;
    // The description (an image's alt text) may come before or after the files.
    let mut description = String::new();
    let mut files = Vec::new();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|_| AppError::PayloadTooLarge)?
    {
        match field.name() {
            Some("file") => {
                let name = clean_name(field.file_name().unwrap_or("附件"));
                let bytes = field.bytes().await.map_err(|_| AppError::PayloadTooLarge)?;
                files.push((name, bytes));
            }
            Some("description") => {
                description = field.text().await.map_err(|_| AppError::PayloadTooLarge)?;
            }
            _ => {}
        }
    }
    for (name, bytes) in files {
        let kind = check(&name, &bytes, max, purpose).map_err(|m| AppError::field("file", &m))?;
        let description = media_description(kind, purpose, &name, &description)
            .map_err(|m| AppError::field("description", &m))?;
        let sha = write_blob(&state.settings.files_dir(), &bytes).await?;
        let stored = Stored {
            name: &name,
            kind,
            size: bytes.len(),
            sha: &sha,
            description: &description,
        };
        let aid = super::service::attach(&state.db, &doc, purpose, &user, &stored).await?;
        saved = Some(aid);
    }
    saved.ok_or_else(|| AppError::field("file", "请选择要上传的文件"))?;
    let back = match purpose {
        Purpose::Document => format!("/admin/docs/{id}?msg=attached"),
        Purpose::Interpretation | Purpose::Identity => {
            format!("/admin/docs/{id}/interpretation")
        }
    };
    Ok(Redirect::to(&back).into_response())
}

pub async fn remove(
    State(state): State<AppState>,
    Staff(user): Staff,
    UrlPath(aid): UrlPath<i64>,
) -> Result<Response, AppError> {
    let a = get(&state.db, aid).await?;
    let (doc, _) =
        super::admin::load(&state, &user, a.document_id, Permission::PublishContent).await?;
    let purpose = if a.purpose == Purpose::Interpretation.code() {
        Purpose::Interpretation
    } else {
        Purpose::Document
    };
    super::service::detach(&state.db, &doc, purpose, &user, &a).await?;
    Ok(Redirect::to(&format!("/admin/docs/{}", doc.id)).into_response())
}

/// How a download may be cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caching {
    /// An attachment of a public document: the browser may keep it a few minutes.
    Public,
    /// Staff downloads (drafts, FOI files with personal data): never stored.
    NoStore,
}

impl Caching {
    fn header(self) -> &'static str {
        match self {
            Caching::Public => "private, max-age=300",
            Caching::NoStore => "no-store",
        }
    }
}

async fn send(state: &AppState, a: &Attachment, caching: Caching) -> Result<Response, AppError> {
    send_blob(state, &a.sha256, &a.file_name, &a.mime, caching).await
}

/// Send a stored file as a download named `file_name`.
pub async fn send_blob(
    state: &AppState,
    sha: &str,
    file_name: &str,
    mime: &str,
    caching: Caching,
) -> Result<Response, AppError> {
    let bytes = tokio::fs::read(blob_path(&state.settings.files_dir(), sha))
        .await
        .map_err(|e| {
            tracing::error!(file.sha256 = sha, error = %e, "stored file missing");
            AppError::NotFound
        })?;
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let disposition = format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{}",
        crate::audit::admin::percent_encode(file_name)
    );
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, caching.header().to_string()),
        ],
        bytes,
    )
        .into_response())
}

/// Public download: only attachments of public documents.
pub async fn download(
    State(state): State<AppState>,
    crate::web::PathId(aid): crate::web::PathId,
) -> Result<Response, AppError> {
    let a = get(&state.db, aid).await?;
    let doc = store::get(&state.db, a.document_id).await?;
    if !super::portal::is_public(&doc) {
        return Err(AppError::NotFound);
    }
    if a.purpose == Purpose::Interpretation.code() {
        let published = store::interpretation_of(&state.db, doc.id)
            .await?
            .is_some_and(|i| i.state() == super::model::InterpState::Published);
        if !published {
            return Err(AppError::NotFound);
        }
    }
    send(&state, &a, Caching::Public).await
}

/// Staff download of any attachment of a document in their scope.
pub async fn staff_download(
    State(state): State<AppState>,
    Staff(user): Staff,
    UrlPath(aid): UrlPath<i64>,
) -> Result<Response, AppError> {
    let a = get(&state.db, aid).await?;
    let doc = store::get(&state.db, a.document_id).await?;
    let scope =
        crate::auth::scope::Scope::of(&state, &user, crate::auth::roles::Permission::Content)
            .await?;
    if !scope.covers_unit(doc.issuer_unit_id) {
        return Err(AppError::Forbidden);
    }
    send(&state, &a, Caching::NoStore).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_content_not_names() {
        assert_eq!(sniff(b"%PDF-1.7 ..."), Some(Kind::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some(Kind::Png));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(Kind::Jpeg));
        assert_eq!(
            sniff(b"PK\x03\x04....[Content_Types].xml....word/document.xml"),
            Some(Kind::Docx)
        );
        assert_eq!(sniff(b"PK\x03\x04....xl/workbook.xml"), Some(Kind::Xlsx));
        assert_eq!(sniff(b"PK\x03\x04....evil.exe"), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(sniff(b"<html><script>"), None);
        let max = 1024;
        assert!(check("通知.pdf", b"%PDF-1.4", max, Purpose::Document).is_ok());
        assert!(check("通知.PDF", b"%PDF-1.4", max, Purpose::Document).is_ok());
        assert!(
            check("通知.docx", b"%PDF-1.4", max, Purpose::Document).is_err(),
            "name and content disagree"
        );
        assert!(
            check(
                "脚本.pdf",
                b"<script>alert(1)</script>",
                max,
                Purpose::Document
            )
            .is_err()
        );
        assert!(check("大.pdf", &[b'%'; 2048], max, Purpose::Document).is_err());
        assert!(check("空.pdf", b"", max, Purpose::Document).is_err());
        let mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00";
        assert_eq!(sniff(mp4), Some(Kind::Mp4));
        assert!(
            check("解读.mp4", mp4, max, Purpose::Document).is_err(),
            "no video on documents"
        );
        assert!(
            check("解读.mp4", mp4, max, Purpose::Interpretation).is_ok(),
            "video on interpretations"
        );
        assert!(
            check(
                "表格.et",
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
                max,
                Purpose::Document
            )
            .is_ok(),
            "WPS spreadsheet"
        );
    }

    #[test]
    fn interpretation_images_need_a_description() {
        let i = Purpose::Interpretation;
        assert!(media_description(Kind::Png, i, "一图读懂.png", "  ").is_err());
        assert!(media_description(Kind::Png, i, "一图读懂.png", "一图读懂.png").is_err());
        assert!(media_description(Kind::Png, i, "一图读懂.png", "一图读懂").is_err());
        assert!(media_description(Kind::Jpeg, i, "a.jpg", &"长".repeat(201)).is_err());
        assert_eq!(
            media_description(
                Kind::Png,
                i,
                "一图读懂.png",
                " 办理流程：申请、受理、答复三步 "
            ),
            Ok("办理流程：申请、受理、答复三步".to_string())
        );
        // A video may go without; a document's file takes none.
        assert_eq!(
            media_description(Kind::Mp4, i, "v.mp4", ""),
            Ok(String::new())
        );
        assert_eq!(
            media_description(Kind::Png, Purpose::Document, "图.png", "说明"),
            Ok(String::new())
        );
    }

    #[test]
    fn names_are_cleaned() {
        assert_eq!(
            clean_name("C:\\Users\\x\\关于印发《要点》的通知.pdf"),
            "关于印发《要点》的通知.pdf"
        );
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("a\"<b>\n.pdf"), "ab.pdf");
        assert_eq!(clean_name(""), "附件");
    }
}
