//! The public 公文库 pages: filters, rich text bodies, Excel exports, the topic tree.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, spawn};

use super::{draft, import_fixture};

both!(
    portal_filters_and_api,
    rich_text_bodies,
    excel_export_and_topic_tree,
    staff_list_export,
    fast_page_read_matches_the_pool,
);

async fn portal_filters_and_api(b: Backend) {
    let app = spawn(b).await;
    import_fixture(&app).await;
    let (_, all) = app.get_text("/xxgk/proactive").await;
    assert!(all.contains("共 3 条"));
    let (_, y) = app.get_text("/xxgk/proactive?year=2018").await;
    assert!(y.contains("共 1 条") && y.contains("关于同意某市城市总体规划的批复"));
    let (_, g) = app.get_text("/xxgk/proactive?genre=notice").await;
    assert!(g.contains("共 1 条"));
    let topics = store::topics(&app.db).await.expect("topics");
    let top = topics
        .iter()
        .find(|t| t.name == "城乡建设、环境保护" && t.parent_id.is_none())
        .expect("topic");
    let (_, t) = app
        .get_text(&format!("/xxgk/proactive?topic={}", top.id))
        .await;
    assert!(t.contains("共 2 条"), "a top topic includes its sub-topics");
    let (_, i) = app.get_text("/xxgk/proactive?issuer=国务院办公厅").await;
    assert!(i.contains("共 2 条"));
    let v: serde_json::Value = app
        .get("/api/v1/documents?genre=reply")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(v["total"], 1);
    assert_eq!(v["items"][0]["doc_no"], "国函〔2018〕159号");
    assert_eq!(v["items"][0]["topic"], "城乡建设、环境保护 › 城市规划");
    let v: serde_json::Value = app
        .get("/api/v1/documents?page=2")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(v["items"].as_array().map(|a| a.len()), Some(0));
    let doc: serde_json::Value = app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    assert!(
        doc["paths"]["/api/v1/documents"].is_object()
            && doc["paths"]["/api/v1/documents/{id}"].is_object()
    );
    let (status, _) = app.get_text("/xxgk/proactive?year=abc").await;
    assert_eq!(
        status, 400,
        "a malformed filter is a clear error, not a crash"
    );
}

async fn rich_text_bodies(b: Backend) {
    let app = spawn(b).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "富文本的通知", false).await;
    with_db!(&app.db, |p| sqlx::query("UPDATE documents SET body = $1 WHERE id = $2")
        .bind("## 一、总体要求\n**加粗**的要求。\n| 项目 | 数量 |\n| --- | --- |\n| 罚款 | 3 |\n<script>alert(1)</script>")
        .bind(id)
        .execute(p)
        .await
        .map(|_| ()))
    .expect("body");
    let mut tx = app.db.begin().await.expect("tx");
    store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
        .await
        .expect("t");
    store::publish(
        &mut tx,
        id,
        rev,
        gongkai::clock::now(),
        gongkai::clock::today(),
    )
    .await
    .expect("p");
    tx.commit().await.expect("commit");
    let (_, html) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        html.contains("<h2>一、总体要求</h2>")
            && html.contains("<strong>加粗</strong>")
            && html.contains("<td>罚款</td>"),
        "{html}"
    );
    assert!(!html.contains("<script>alert"), "typed HTML stays text");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

async fn excel_export_and_topic_tree(b: Backend) {
    let app = spawn(b).await;
    import_fixture(&app).await;
    let r = app
        .get("/xxgk/proactive.xlsx?issuer=%E5%9B%BD%E5%8A%A1%E9%99%A2%E5%8A%9E%E5%85%AC%E5%8E%85")
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let bytes = r.bytes().await.expect("bytes");
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let range = wb.worksheet_range("文件目录").expect("sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows[0][0], "标题");
    assert_eq!(rows.len(), 3, "header + the two documents of the filter");
    assert!(rows.iter().skip(1).all(|r| r[3] == "国务院办公厅"));

    // Topics: an administrator adds and renames; duplicates are refused.
    app.user("root", &[Role::Admin]).await;
    app.login_ok("root").await;
    let topics = store::topics(&app.db).await.expect("topics");
    let parent = topics
        .iter()
        .find(|t| t.name == "城乡建设、环境保护" && t.parent_id.is_none())
        .expect("topic")
        .id
        .to_string();
    let r = app
        .post(
            "/admin/topics",
            &[("parent_id", parent.as_str()), ("name", "市容环境")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            "/admin/topics",
            &[("parent_id", parent.as_str()), ("name", "市容环境")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("已有同名分类"));
    let id = store::topics(&app.db)
        .await
        .expect("topics")
        .into_iter()
        .find(|t| t.name == "市容环境")
        .expect("new")
        .id;
    assert_eq!(
        app.post(&format!("/admin/topics/{id}"), &[("name", "市容环境卫生")])
            .await
            .status()
            .as_u16(),
        303
    );
    let (_, html) = app.get_text("/admin/topics").await;
    assert!(html.contains("市容环境卫生"));
    let n: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'topic'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(n, 2);
}

async fn staff_list_export(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    draft(&app, "草稿一", false).await;
    draft(&app, "草稿二", false).await;
    app.login_ok("pub").await;
    let r = app.get("/admin/docs/export.xlsx?state=draft").await;
    assert_eq!(r.status().as_u16(), 200);
    let bytes = r.bytes().await.expect("bytes");
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let range = wb.worksheet_range("文件目录").expect("sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().skip(1).all(|r| r[8] == "草稿"));
}

/// The document page's read on the calling thread (SQLite, `db::fast`) gives what
/// the pool's read gives, column for column, nulls and set values alike; PostgreSQL
/// has no such path.
async fn fast_page_read_matches_the_pool(b: Backend) {
    let app = spawn(b).await;
    import_fixture(&app).await;
    let ids: Vec<i64> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM documents ORDER BY id"
    )
    .fetch_all(p)
    .await)
    .expect("ids");
    assert!(ids.len() >= 3);
    // One document with every optional column set (the import leaves some empty).
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET valid_until = $1, publish_at = $2, replaced_by = $3, \
         validity = 'amended', validity_reason = '修改', review_note = '意见', withdraw_public = TRUE \
         WHERE id = $4"
    )
    .bind(chrono::NaiveDate::from_ymd_opt(2030, 6, 30))
    .bind(chrono::Utc::now())
    .bind(ids[1])
    .bind(ids[0])
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("update");
    use gongkai::docs::store_page::{page_row, page_row_fast};
    for id in ids {
        let pooled = format!("{:?}", page_row(&app.db, id).await.expect("pool read"));
        match (b, page_row_fast(&app.state, id)) {
            (Backend::Sqlite, Some(fast)) => {
                assert_eq!(
                    format!("{:?}", fast.expect("fast read")),
                    pooled,
                    "document {id}"
                );
            }
            (Backend::Postgres, None) => {}
            (_, other) => panic!("unexpected fast path on {b:?}: {}", other.is_some()),
        }
    }
    if b == Backend::Sqlite {
        assert!(matches!(
            page_row_fast(&app.state, 9_999_999),
            Some(Err(rusqlite::Error::QueryReturnedNoRows))
        ));
    }
}
