//! Imports: the demo data and the Excel catalogue.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, PASSWORD, spawn};

use super::fixture_jsonl;

both!(demo_import_is_idempotent, catalogue_import,);

/// An Excel workbook of `rows`, one sheet.
fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write(r as u32, c as u16, *v).expect("write");
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

async fn demo_import_is_idempotent(b: Backend) {
    let app = spawn(b).await;
    let dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(dir.path().join("seed")).expect("dir");
    std::fs::create_dir_all(dir.path().join("data")).expect("dir");
    std::fs::write(
        dir.path().join("seed/2023-work-points.txt"),
        "标题 | 关于印发《2023年上海市城市管理行政 执法局政务公开工作要点》的通知 | ||\n\
         发文机构 | 上海市城市管理行政执法局 | 公开类型 | 主动公开 |\n\
         索引号 | MB2F300040/2023-00054 | 印发日期 | 2023-07-05 |\n\
         文号 | 沪城管执〔2023〕47号 | 体裁 | 通知 |\n\
         关于印发《2023年上海市城市管理行政执法局政务公开工作要点》的通知\n正文。\n2023年4月10日\n",
    )
    .expect("seed");
    std::fs::write(
        dir.path().join("data/govcn_policy_docs.jsonl"),
        fixture_jsonl(),
    )
    .expect("jsonl");
    let s = gongkai::docs::import::demo(&app.db, dir.path(), Some(app.root_unit))
        .await
        .expect("import");
    assert!(s.contains("种子文件 1 件") && s.contains("3 件"), "{s}");
    let again = gongkai::docs::import::demo(&app.db, dir.path(), Some(app.root_unit))
        .await
        .expect("import");
    assert!(again.contains("0 件"), "{again}");
    let n: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM documents"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 4);
    let seed = store::find_by_index_no(&app.db, "MB2F300040/2023-00054")
        .await
        .expect("q")
        .expect("seed");
    let (_, html) = app.get_text(&format!("/xxgk/documents/{}", seed.id)).await;
    // The header table exactly as in the seed.
    for row in [
        "<th scope=\"row\">标题</th><td colspan=\"3\">关于印发《2023年上海市城市管理行政 执法局政务公开工作要点》的通知</td>",
        "<th scope=\"row\">发文机构</th><td>上海市城市管理行政执法局</td><th scope=\"row\">公开类型</th><td>主动公开</td>",
        "<th scope=\"row\">索引号</th><td>MB2F300040/2023-00054</td><th scope=\"row\">印发日期</th><td>2023-07-05</td>",
        "<th scope=\"row\">文号</th><td>沪城管执〔2023〕47号</td><th scope=\"row\">体裁</th><td>通知</td>",
    ] {
        assert!(html.contains(row), "missing {row}");
    }
    assert_eq!(
        seed.written_on,
        chrono::NaiveDate::from_ymd_opt(2023, 4, 10)
    );
    // New documents of 2023 continue after the imported number.
    let mut tx = app.db.begin().await.expect("tx");
    let next = store::next_index_no(&mut tx, "MB2F300040", 2023)
        .await
        .expect("next");
    tx.commit().await.expect("commit");
    assert_eq!(next.to_string(), "MB2F300040/2023-00055");
}

async fn catalogue_import(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.login_ok("pub").await;
    let token = app.csrf().await;
    let r = app.get("/admin/docs/import/template.xlsx").await;
    assert_eq!(r.status().as_u16(), 200);
    let template = r.bytes().await.expect("bytes").to_vec();
    let send = |bytes: Vec<u8>, valid_only: bool| {
        let mut form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("目录.xlsx"),
        );
        if valid_only {
            form = form.text("valid_only", "on");
        }
        app.client
            .post(app.url("/admin/docs/import"))
            .header("x-csrf-token", token.as_str())
            .multipart(form)
            .send()
    };
    let h = gongkai::docs::catalogue::HEADERS;
    let good: &[&str] = &[
        "历史文件甲",
        "沪城管执〔2019〕3号",
        "上海市城市管理行政执法局",
        "2019-03-01",
        "2019-03-05",
        "通知",
        "综合政务",
        "主动公开",
        "",
        "MB2F300040/2019-00012",
        "正文甲",
    ];
    let bad: &[&str] = &[
        "",
        "错误文号",
        "某处",
        "不是日期",
        "",
        "通知书",
        "",
        "",
        "",
        "",
        "",
    ];
    let unassessed: &[&str] = &[
        "历史文件乙",
        "",
        "上海市城市管理行政执法局",
        "2018-06-01",
        "",
        "其他",
        "",
        "",
        "",
        "",
        "",
    ];
    let with_errors = xlsx(&[&h, good, bad, unassessed]);
    let count = || async {
        with_db!(&app.db, |p| sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM documents"
        )
        .fetch_one(p)
        .await)
        .expect("count")
    };

    let r = send(with_errors.clone(), false).await.expect("upload");
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("本次未导入任何内容") && html.contains("<td>3</td>"),
        "report names row 3"
    );
    assert_eq!(count().await, 0, "nothing imported from a file with errors");

    let r = send(with_errors, true).await.expect("upload");
    let html = r.text().await.expect("body");
    assert!(
        html.contains("<strong id=\"imported\">2</strong>"),
        "valid rows imported on request"
    );
    assert_eq!(count().await, 2);
    let a = store::find_by_index_no(&app.db, "MB2F300040/2019-00012")
        .await
        .expect("q")
        .expect("imported with its 索引号");
    // Imported rows are sent for review like any document; a reviewer publishes them.
    assert_eq!(a.state(), DocState::Review);
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{}", a.id)).await.0,
        404,
        "not public before review"
    );
    let (reviewer, rev_token, r) = app.client_login("rev", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303);
    let ids: Vec<i64> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM documents ORDER BY id"
    )
    .fetch_all(p)
    .await)
    .expect("ids");
    for id in ids {
        let r = reviewer
            .post(app.url(&format!("/admin/docs/{id}/publish")))
            .form(&[("csrf_token", rev_token.as_str())])
            .send()
            .await
            .expect("publish");
        assert_eq!(r.status().as_u16(), 303, "the reviewer publishes {id}");
    }
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{}", a.id)).await.0,
        200,
        "proactive: public"
    );
    // The unassessed one waits in the 转化公开 queue and is not public.
    let queue = store::conversion_queue(&app.db, gongkai::clock::today(), None)
        .await
        .expect("queue");
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].title, "历史文件乙");
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{}", queue[0].id))
            .await
            .0,
        404
    );

    // The same 索引号 again is a row error; the template itself imports cleanly.
    let r = send(xlsx(&[&h, good]), false).await.expect("upload");
    assert!(r.text().await.expect("body").contains("已存在"));
    let r = send(template, false).await.expect("upload");
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(count().await, 3);
    let r = send(b"PK\x03\x04 not really".to_vec(), false)
        .await
        .expect("upload");
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("不是有效的 Excel"));
}
