//! 公文库: workflow, 三同步, what is public, validity, 索引号, filters, API, import.
//!
//! The helpers here are shared by the modules below and by other test modules
//! (`crate::docs::draft`, `crate::docs::attachment`).

mod api;
mod attachments;
mod content_checks;
mod feeds;
mod import;
mod interpretations;
mod issuer;
mod portal;
mod validity;
mod workflow;

use gongkai::docs::model::DocState;
use gongkai::docs::store::{self, DocInput};
use gongkai::with_db;

use crate::common::TestApp;

/// A draft document in the root unit, created directly in the database.
pub async fn draft(app: &TestApp, title: &str, needs_interpretation: bool) -> i64 {
    let input = DocInput {
        title: title.into(),
        issuer_unit_id: Some(app.root_unit),
        issuer_name: "上海市城市管理行政执法局".into(),
        disclosure: "proactive".into(),
        doc_no: Some("沪城管执〔2026〕1号".into()),
        written_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2),
        genre: "notice".into(),
        column_kind: "general".into(),
        needs_interpretation,
        body: "第一段。\n第二段。".into(),
        ..Default::default()
    };
    let mut tx = app.db.begin().await.expect("tx");
    let idx = store::next_index_no(&mut tx, "MB2F300040", 2026)
        .await
        .expect("index");
    let id = store::create(&mut tx, &input, &idx.to_string(), None, DocState::Draft)
        .await
        .expect("create");
    tx.commit().await.expect("commit");
    id
}

/// An attachment of `doc_id` written straight to the database and the file store.
pub async fn attachment(app: &TestApp, doc_id: i64) -> i64 {
    use sha2::Digest;
    let bytes = b"%PDF-1.4 route test";
    let sha = hex::encode(sha2::Sha256::digest(bytes));
    let dir = app.state.settings.files_dir().join(&sha[..2]);
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join(&sha), bytes).expect("file");
    with_db!(&app.db, |p| sqlx::query_scalar(
        "INSERT INTO attachments (document_id, file_name, kind, mime, size, sha256, created_at) VALUES ($1, '测试.pdf', 'pdf', 'application/pdf', $2, $3, $4) RETURNING id"
    )
    .bind(doc_id)
    .bind(bytes.len() as i64)
    .bind(&sha)
    .bind(gongkai::clock::now())
    .fetch_one(p)
    .await)
    .expect("attachment")
}

/// The new-document form of the back office, filled in for `unit`.
pub fn doc_form<'a>(unit: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("issuer_unit_id", unit),
        ("disclosure", "proactive"),
        ("doc_no", "沪城管执[2026]12号"),
        ("written_on", "2026-03-02"),
        ("genre", "measures"),
        ("column_kind", "general"),
        (
            "body",
            "第一条　为了规范管理，制定本办法。\n第二条　本办法自发布之日起施行。",
        ),
    ]
}

/// Three documents in the format of the gov.cn dump.
/// The fixture's documents imported through `import_govcn`, as the 公文库 import does.
pub async fn import_fixture(app: &TestApp) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("docs.jsonl");
    std::fs::write(&file, fixture_jsonl()).expect("write");
    gongkai::docs::import::import_govcn(&app.db, &file)
        .await
        .expect("import");
}

pub fn fixture_jsonl() -> String {
    let rows = [
        (
            "关于同意某市城市总体规划的批复",
            "000014349/2018-00001",
            "国务院",
            "国函〔2018〕159号",
            "城乡建设、环境保护\\城市规划",
            "2018-12-20",
            "2018-12-28",
        ),
        (
            "关于加强城市管理工作的通知",
            "000014349/2019-00002",
            "国务院办公厅",
            "国办发〔2019〕2号",
            "城乡建设、环境保护\\城市管理",
            "2019-01-10",
            "2019-01-15",
        ),
        (
            "关于某项工作的意见",
            "000014349/2019-00003",
            "国务院办公厅",
            "国办发〔2019〕3号",
            "综合政务\\其他",
            "2019-01-12",
            "2019-01-20",
        ),
    ];
    rows.iter()
        .map(|(title, idx, body, no, topic, w, p)| {
            serde_json::json!({"id": 1, "url": "", "title": title, "index_number": idx, "issuing_body": body, "doc_number": no,
                "topic_category": topic, "written_date": w, "publish_date": p, "text": format!("{title}\n正文。"), "source": "test"})
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Submit a draft made by `draft()` as the publisher `pub`, then sign out.
async fn submit_as_pub(app: &TestApp, id: i64) {
    app.login_ok("pub").await;
    assert_eq!(
        app.post(&format!("/admin/docs/{id}/submit"), &[])
            .await
            .status()
            .as_u16(),
        303
    );
    app.post("/admin/logout", &[]).await;
}
