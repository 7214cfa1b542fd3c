//! Security findings (issue 14): tests that fail before the fix.
//! 公文库: nothing reaches the portal without a reviewer other than whoever wrote
//! or last changed it.

use gongkai::auth::roles::{Grant, Role};
use gongkai::docs::model::DocState;
use gongkai::docs::store::{self, DocInput};
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};
use crate::docs::draft;

both!(
    catalogue_import_goes_through_review,
    revision_of_published_document_needs_review,
    no_attachment_changes_after_approval,
    last_editor_may_not_publish,
    write_actions_use_the_route_permission_scope
);

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

async fn import(app: &TestApp, bytes: Vec<u8>, valid_only: bool) -> (u16, String) {
    let token = app.csrf().await;
    let mut form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name("目录.xlsx"),
    );
    if valid_only {
        form = form.text("valid_only", "on");
    }
    let r = app
        .client
        .post(app.url("/admin/docs/import"))
        .header("x-csrf-token", token.as_str())
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let status = r.status().as_u16();
    (status, r.text().await.expect("body"))
}

async fn doc_count(app: &TestApp) -> i64 {
    with_db!(&app.db, |p| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM documents"
    )
    .fetch_one(p)
    .await)
    .expect("count")
}

/// Finding 1: an imported catalogue row was live at once and nobody could withdraw it.
async fn catalogue_import_goes_through_review(b: Backend) {
    let app = spawn(b).await;
    let publisher = app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.login_ok("pub").await;
    let h = gongkai::docs::catalogue::HEADERS;
    let outside: &[&str] = &[
        "关于某某事项的通知",
        "沪府〔2026〕9号",
        "上海市人民政府",
        "2026-03-02",
        "2026-03-03",
        "通知",
        "",
        "主动公开",
        "",
        "",
        "详见 https://evil.example.com/",
    ];
    let ours: &[&str] = &[
        "关于本局某事项的通知",
        "沪城管执〔2026〕9号",
        "上海市城市管理行政执法局",
        "2026-03-02",
        "2026-03-03",
        "通知",
        "",
        "主动公开",
        "",
        "",
        "正文，详见 https://evil.example.com/",
    ];
    // An issuer outside the importer's units is a row error: nothing is imported.
    let (status, html) = import(&app, xlsx(&[&h, outside]), false).await;
    assert_eq!(doc_count(&app).await, 0, "nothing imported: {html}");
    assert_eq!(status, 422);
    assert!(
        html.contains("上海市人民政府"),
        "the row error names the issuer"
    );
    // A row of one of the importer's units is imported for review, not published.
    let (status, html) = import(&app, xlsx(&[&h, outside, ours]), true).await;
    assert_eq!(status, 422, "{html}");
    assert_eq!(doc_count(&app).await, 1);
    let id: i64 = with_db!(&app.db, |p| sqlx::query_scalar("SELECT id FROM documents")
        .fetch_one(p)
        .await)
    .expect("id");
    let doc = store::get(&app.db, id).await.expect("doc");
    assert_eq!(
        doc.state(),
        DocState::Review,
        "imported rows are sent for review"
    );
    assert_eq!(doc.author_id, Some(publisher), "the importer is the author");
    assert_eq!(doc.issuer_unit_id, Some(app.root_unit));
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{id}")).await.0,
        404,
        "not public before review"
    );
    // The importer may not publish it; a reviewer of the unit publishes and withdraws it.
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(app.get_text(&format!("/xxgk/documents/{id}")).await.0, 200);
    let r = app
        .post(
            &format!("/admin/docs/{id}/withdraw"),
            &[("reason", "错误导入")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303, "the reviewer can withdraw it");
    assert_eq!(
        store::get(&app.db, id).await.expect("doc").state(),
        DocState::Withdrawn
    );
}

async fn publish_as(app: &TestApp, who: &str, id: i64) {
    app.login_ok(who).await;
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(r.status().as_u16(), 303, "published by {who}");
    app.post("/admin/logout", &[]).await;
}

async fn submit_as(app: &TestApp, who: &str, id: i64) {
    app.login_ok(who).await;
    let r = app.post(&format!("/admin/docs/{id}/submit"), &[]).await;
    assert_eq!(r.status().as_u16(), 303, "submitted by {who}");
    app.post("/admin/logout", &[]).await;
}

fn edit_form<'a>(unit: &'a str, body: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", "可修订的通知"),
        ("issuer_unit_id", unit),
        ("disclosure", "proactive"),
        ("doc_no", "沪城管执〔2026〕1号"),
        ("written_on", "2026-03-02"),
        ("genre", "notice"),
        ("column_kind", "general"),
        ("body", body),
    ]
}

/// Finding 2: a publisher's "minor" edit of a published document went live unreviewed.
async fn revision_of_published_document_needs_review(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.user("both", &[Role::Publisher, Role::Reviewer]).await;
    let unit = app.root_unit.to_string();
    let id = draft(&app, "可修订的通知", false).await;
    submit_as(&app, "pub", id).await;
    publish_as(&app, "rev", id).await;

    app.login_ok("pub").await;
    let mut f = edit_form(&unit, "未经审核的正文。");
    f.push(("minor", "on"));
    let r = app.post(&format!("/admin/docs/{id}/edit"), &f).await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        !page.contains("未经审核的正文") && page.contains("第一段"),
        "the published edition stays until the revision is approved"
    );
    let api = app.get_json(&format!("/api/v1/documents/{id}")).await;
    assert!(api["body"].as_str().is_some_and(|b| b.contains("第一段")));
    assert_eq!(
        store::get(&app.db, id).await.expect("doc").state(),
        DocState::Published
    );
    app.post("/admin/logout", &[]).await;

    // Whoever wrote the revision may not approve it, even holding both roles.
    app.login_ok("both").await;
    let mut f = edit_form(&unit, "审核后的正文。");
    f.push(("change_note", "更正表述"));
    let r = app.post(&format!("/admin/docs/{id}/edit"), &f).await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(&format!("/admin/docs/{id}/revision/approve"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 409, "not by the reviser");
    app.post("/admin/logout", &[]).await;
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(!page.contains("审核后的正文"));

    // Another reviewer approves: a new edition goes live.
    app.login_ok("rev").await;
    let (_, admin) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert!(
        admin.contains("审核后的正文"),
        "the reviewer sees the revision"
    );
    let r = app
        .post(&format!("/admin/docs/{id}/revision/approve"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(page.contains("审核后的正文"), "approved revision published");
    let editions: Vec<(i64, String)> = with_db!(&app.db, |p| {
        sqlx::query_as(
        "SELECT edition, change_note FROM document_editions WHERE document_id = $1 ORDER BY edition"
    )
    .bind(id)
    .fetch_all(p)
    .await
    })
    .expect("editions");
    assert_eq!(
        editions,
        vec![(1, "首次发布".to_string()), (2, "更正表述".to_string())]
    );
    let changes: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT change FROM document_changes WHERE document_id = $1 ORDER BY seq"
    )
    .bind(id)
    .fetch_all(p)
    .await)
    .expect("changes");
    assert_eq!(changes, vec!["published", "updated"]);
}

/// Finding 3: a PDF added to an approved (scheduled) document would go out unreviewed.
async fn no_attachment_changes_after_approval(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "定时发布的通知", false).await;
    let existing = crate::docs::attachment(&app, id).await;
    submit_as(&app, "pub", id).await;
    app.login_ok("rev").await;
    let later = (chrono::Utc::now().with_timezone(&gongkai::clock::beijing())
        + chrono::Duration::hours(2))
    .format("%Y-%m-%dT%H:%M")
    .to_string();
    let r = app
        .post(
            &format!("/admin/docs/{id}/publish"),
            &[("publish_at", &later)],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303, "scheduled");
    app.post("/admin/logout", &[]).await;

    app.login_ok("pub").await;
    let token = app.csrf().await;
    let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF".to_vec();
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(pdf).file_name("补充.pdf"),
    );
    let r = app
        .client
        .post(app.url(&format!("/admin/docs/{id}/attachments")))
        .header("x-csrf-token", token.as_str())
        .multipart(form)
        .send()
        .await
        .expect("upload");
    assert_eq!(r.status().as_u16(), 409, "no new attachment after approval");
    let r = app
        .post(&format!("/admin/attachments/{existing}/delete"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 409, "nor a removed one");
    let n: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM attachments WHERE document_id = $1"
    )
    .bind(id)
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 1, "the attachments the reviewer approved");
    app.post("/admin/logout", &[]).await;

    // Returned to change it: the approval is gone and a new submission needs a new one.
    app.login_ok("rev").await;
    let r = app
        .post(
            &format!("/admin/docs/{id}/return"),
            &[("note", "请补充附件")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    app.post("/admin/logout", &[]).await;
    let doc = store::get(&app.db, id).await.expect("doc");
    assert_eq!(doc.state(), DocState::Draft);
    assert!(doc.publish_at.is_none(), "the approval is cancelled");
    submit_as(&app, "pub", id).await;
    assert!(
        store::get(&app.db, id)
            .await
            .expect("doc")
            .publish_at
            .is_none(),
        "submitted again without an approval"
    );
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET publish_at = $1 WHERE id = $2 AND publish_at IS NOT NULL"
    )
    .bind(gongkai::clock::now() - chrono::Duration::minutes(1))
    .bind(id)
    .execute(p)
    .await
    .map(|_| ()))
    .expect("time passes");
    gongkai::docs::workflow::publish_due(&app.db)
        .await
        .expect("job");
    assert_eq!(
        store::get(&app.db, id).await.expect("doc").state(),
        DocState::Review,
        "not published on the old approval"
    );
}

/// Finding 16: a publisher-and-reviewer edited someone else's draft and published it.
async fn last_editor_may_not_publish(b: Backend) {
    let app = spawn(b).await;
    let writer = app.user("pub", &[Role::Publisher]).await;
    app.user("both", &[Role::Publisher, Role::Reviewer]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let unit = app.root_unit.to_string();
    app.login_ok("pub").await;
    let r = app
        .post("/admin/docs/new", &edit_form(&unit, "起草人的正文。"))
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let id: i64 = location(&r)
        .trim_start_matches("/admin/docs/")
        .parse()
        .expect("id");
    app.post("/admin/logout", &[]).await;

    app.login_ok("both").await;
    let r = app
        .post(
            &format!("/admin/docs/{id}/edit"),
            &edit_form(&unit, "改写后的正文。"),
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app.post(&format!("/admin/docs/{id}/submit"), &[]).await;
    assert_eq!(r.status().as_u16(), 303);
    let doc = store::get(&app.db, id).await.expect("doc");
    assert_eq!(doc.author_id, Some(writer), "the author stays the writer");
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(r.status().as_u16(), 409, "the last editor may not publish");
    let later = (chrono::Utc::now().with_timezone(&gongkai::clock::beijing())
        + chrono::Duration::hours(2))
    .format("%Y-%m-%dT%H:%M")
    .to_string();
    let r = app
        .post(
            &format!("/admin/docs/{id}/publish"),
            &[("publish_at", &later)],
        )
        .await;
    assert_eq!(r.status().as_u16(), 409, "nor approve it for later");
    app.post("/admin/logout", &[]).await;
    assert_eq!(app.get_text(&format!("/xxgk/documents/{id}")).await.0, 404);
    publish_as(&app, "rev", id).await;
    assert_eq!(app.get_text(&format!("/xxgk/documents/{id}")).await.0, 200);
}

/// A draft issued by `unit`, written straight to the database.
async fn unit_draft(app: &TestApp, unit: i64, title: &str) -> i64 {
    let input = DocInput {
        title: title.into(),
        issuer_unit_id: Some(unit),
        issuer_name: "某区城管执法局".into(),
        disclosure: "proactive".into(),
        written_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2),
        genre: "notice".into(),
        column_kind: "general".into(),
        body: "正文。".into(),
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

/// Finding 16: write actions loaded the document with the 公文库 (view) scope, so a
/// publisher of one unit who reviews another could edit and publish in either.
async fn write_actions_use_the_route_permission_scope(b: Backend) {
    let app = spawn(b).await;
    let a = app.unit("甲区城管执法局", Some(app.root_unit)).await;
    let bu = app.unit("乙区城管执法局", Some(app.root_unit)).await;
    // Publisher in 甲, reviewer in 乙.
    let mixed = app.user_in("mixed", &[Role::Publisher], a).await;
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::auth::store::set_grants(
        &mut tx,
        mixed,
        &[
            Grant {
                unit_id: a,
                role: Role::Publisher,
            },
            Grant {
                unit_id: bu,
                role: Role::Reviewer,
            },
        ],
    )
    .await
    .expect("grants");
    tx.commit().await.expect("commit");
    app.user_in("pub_a", &[Role::Publisher], a).await;
    let in_a = unit_draft(&app, a, "甲区的通知").await;
    let in_b = unit_draft(&app, bu, "乙区的通知").await;
    submit_as(&app, "pub_a", in_a).await;

    app.login_ok("mixed").await;
    // 乙: may review, may not write.
    let r = app.post(&format!("/admin/docs/{in_b}/submit"), &[]).await;
    assert_eq!(r.status().as_u16(), 403, "no publishing rights in 乙");
    let b_unit = bu.to_string();
    let r = app
        .post(
            &format!("/admin/docs/{in_b}/edit"),
            &edit_form(&b_unit, "越权修改。"),
        )
        .await;
    assert_eq!(r.status().as_u16(), 403, "no editing in 乙");
    // 甲: may write, may not review.
    let r = app.post(&format!("/admin/docs/{in_a}/publish"), &[]).await;
    assert_eq!(r.status().as_u16(), 403, "no reviewing rights in 甲");
    let r = app
        .post(&format!("/admin/docs/{in_a}/return"), &[("note", "退回")])
        .await;
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(
        store::get(&app.db, in_a).await.expect("doc").state(),
        DocState::Review
    );
    assert_eq!(
        store::get(&app.db, in_b).await.expect("doc").state(),
        DocState::Draft
    );
}
