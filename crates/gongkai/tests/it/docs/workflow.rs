//! Drafting, review and publication: the workflow, bad input, what is public, 索引号, scheduled publication.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store::{self, DocInput};
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, location, spawn};

use super::{doc_form, draft, submit_as_pub};

both!(
    draft_review_publish_withdraw,
    bad_input_keeps_values_and_saves_nothing,
    only_public_documents_are_public,
    index_numbers_are_sequential,
    scheduled_publication,
);

async fn draft_review_publish_withdraw(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.user("both", &[Role::Publisher, Role::Reviewer]).await;
    let unit = app.root_unit.to_string();

    app.login_ok("both").await;
    let r = app
        .post("/admin/docs/new", &doc_form(&unit, "某某管理办法"))
        .await;
    assert_eq!(r.status().as_u16(), 303, "created");
    let id: i64 = location(&r)
        .trim_start_matches("/admin/docs/")
        .parse()
        .expect("id");
    let doc = store::get(&app.db, id).await.expect("doc");
    assert_eq!(
        doc.doc_no.as_deref(),
        Some("沪城管执〔2026〕12号"),
        "文号 normalised"
    );
    assert_eq!(doc.index_no, "MB2F300040/2026-00001");
    assert_eq!(
        app.post(&format!("/admin/docs/{id}/submit"), &[])
            .await
            .status()
            .as_u16(),
        303
    );
    // The author may not publish their own document.
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(r.status().as_u16(), 409);
    assert!(r.text().await.expect("body").contains("起草人以外的审核人"));
    app.post("/admin/logout", &[]).await;

    // The reviewer returns it once, then publishes.
    app.login_ok("rev").await;
    let r = app
        .post(
            &format!("/admin/docs/{id}/return"),
            &[("note", "请补充施行日期")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        store::get(&app.db, id).await.expect("doc").state(),
        DocState::Draft
    );
    app.post("/admin/logout", &[]).await;
    app.login_ok("both").await;
    let (_, html) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert!(html.contains("请补充施行日期"), "the author sees the note");
    app.post(&format!("/admin/docs/{id}/submit"), &[]).await;
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    let (status, _) = app.get_text("/xxgk/documents/1").await;
    assert_eq!(status, 404, "not public before publishing");
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(r.status().as_u16(), 303);
    let doc = store::get(&app.db, id).await.expect("doc");
    assert_eq!(doc.state(), DocState::Published);
    assert!(doc.published_on.is_some() && doc.published_at.is_some());

    let (status, html) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("<th scope=\"row\">索引号</th><td>MB2F300040/2026-00001</td>"),
        "header table"
    );
    assert!(html.contains("某某管理办法") && html.contains("第一条"));
    let (_, list) = app.get_text("/xxgk/proactive").await;
    assert!(list.contains(&format!("/xxgk/documents/{id}")));
    let (status, print) = app.get_text(&format!("/xxgk/documents/{id}/print")).await;
    assert_eq!(status, 200);
    assert!(print.contains("print-view"));

    // Withdraw with a public reason: the address stays and says why.
    let r = app
        .post(
            &format!("/admin/docs/{id}/withdraw"),
            &[
                ("reason", "依据上级文件调整，本文件停止执行"),
                ("public", "on"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (status, html) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("本文件已撤回") && html.contains("依据上级文件调整"));
    let (_, list) = app.get_text("/xxgk/proactive").await;
    assert!(
        !list.contains(&format!("/xxgk/documents/{id}\"")),
        "not listed any more"
    );
    let actions: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE object_type = 'document' ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(
        actions,
        vec![
            "doc.create",
            "doc.submit",
            "doc.return",
            "doc.submit",
            "doc.publish",
            "doc.withdraw"
        ]
    );
}

async fn bad_input_keeps_values_and_saves_nothing(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.login_ok("pub").await;
    let unit = app.root_unit.to_string();
    let mut form = doc_form(&unit, "错误的文件");
    form.retain(|(k, _)| *k != "doc_no" && *k != "written_on");
    form.extend([
        ("doc_no", "沪城管执2026第"),
        ("written_on", "2026-03-02"),
        ("published_on", "2026-03-01"),
        ("normative", "on"),
        ("effective_on", "2026-04-01"),
        ("valid_until", "2035-01-01"),
    ]);
    let r = app.post("/admin/docs/new", &form).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("发布日期不能早于成文日期"), "dates");
    assert!(html.contains("文号"), "doc number error");
    assert!(html.contains("有效期超过规定上限"), "validity");
    assert!(
        html.contains("value=\"错误的文件\"") && html.contains("value=\"沪城管执2026第\""),
        "typed values kept"
    );
    let n: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM documents"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 0, "nothing saved");
    let c: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM index_counters"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(c, 0, "no 索引号 used up");
    // A unit outside the user's scope.
    let other = app.unit("徐汇区城管执法局", None).await.to_string();
    let r = app.post("/admin/docs/new", &doc_form(&other, "越权")).await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("不在您的权限范围内"));
}

async fn only_public_documents_are_public(b: Backend) {
    let app = spawn(b).await;
    let reviewer = app.user("rev", &[Role::Reviewer]).await;
    let draft_id = draft(&app, "草稿文件", false).await;
    let review_id = draft(&app, "送审文件", false).await;
    let on_request = draft(&app, "依申请公开文件", false).await;
    let published = draft(&app, "公开文件", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    store::transition(&mut tx, review_id, DocState::Draft, DocState::Review, None)
        .await
        .expect("t");
    for id in [on_request, published] {
        store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
            .await
            .expect("t");
        store::publish(
            &mut tx,
            id,
            reviewer,
            gongkai::clock::now(),
            chrono::NaiveDate::from_ymd_opt(2026, 3, 5).expect("d"),
        )
        .await
        .expect("p");
    }
    tx.commit().await.expect("commit");
    with_db!(&app.db, |p| sqlx::query("UPDATE documents SET disclosure = 'on_request', disclosure_ground = 'process_info' WHERE id = $1")
        .bind(on_request)
        .execute(p)
        .await
        .map(|_| ()))
    .expect("update");
    let (_, list) = app.get_text("/xxgk/proactive").await;
    let api: serde_json::Value = app
        .get("/api/v1/documents")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(api["total"], 1);
    for (id, public) in [
        (draft_id, false),
        (review_id, false),
        (on_request, false),
        (published, true),
    ] {
        let link = format!("/xxgk/documents/{id}\"");
        assert_eq!(list.contains(&link), public, "list, doc {id}");
        assert_eq!(
            app.get(&format!("/xxgk/documents/{id}"))
                .await
                .status()
                .as_u16()
                == 200,
            public,
            "page, doc {id}"
        );
        assert_eq!(
            app.get(&format!("/api/v1/documents/{id}"))
                .await
                .status()
                .as_u16()
                == 200,
            public,
            "api, doc {id}"
        );
    }
}

async fn index_numbers_are_sequential(b: Backend) {
    let app = spawn(b).await;
    let mut tx = app.db.begin().await.expect("tx");
    let a = store::next_index_no(&mut tx, "MB2F300040", 2026)
        .await
        .expect("a");
    let b2 = store::next_index_no(&mut tx, "MB2F300040", 2026)
        .await
        .expect("b");
    let other_year = store::next_index_no(&mut tx, "MB2F300040", 2025)
        .await
        .expect("c");
    store::note_index_no(
        &mut tx,
        &gongkai::docs::model::IndexNo::new("MB2F300040", 2026, 54),
    )
    .await
    .expect("note");
    let after = store::next_index_no(&mut tx, "MB2F300040", 2026)
        .await
        .expect("d");
    store::note_index_no(
        &mut tx,
        &gongkai::docs::model::IndexNo::new("MB2F300040", 2026, 3),
    )
    .await
    .expect("lower");
    let after2 = store::next_index_no(&mut tx, "MB2F300040", 2026)
        .await
        .expect("e");
    tx.commit().await.expect("commit");
    assert_eq!(a.to_string(), "MB2F300040/2026-00001");
    assert_eq!(b2.to_string(), "MB2F300040/2026-00002");
    assert_eq!(other_year.to_string(), "MB2F300040/2025-00001");
    assert_eq!(
        after.to_string(),
        "MB2F300040/2026-00055",
        "after an imported number"
    );
    assert_eq!(
        after2.to_string(),
        "MB2F300040/2026-00056",
        "a lower import does not go back"
    );
    // The database refuses a duplicate.
    let id = draft(&app, "一", false).await;
    let dup = store::get(&app.db, id).await.expect("doc").index_no;
    let mut tx = app.db.begin().await.expect("tx");
    let e = store::create(
        &mut tx,
        &DocInput {
            title: "二".into(),
            issuer_name: "x".into(),
            disclosure: "proactive".into(),
            genre: "notice".into(),
            column_kind: "general".into(),
            body: "b".into(),
            ..Default::default()
        },
        &dup,
        None,
        DocState::Draft,
    )
    .await;
    assert!(
        e.as_ref().is_err_and(gongkai::db::is_unique_violation),
        "duplicate 索引号 refused"
    );
}

async fn scheduled_publication(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "定时发布的通知", false).await;
    submit_as_pub(&app, id).await;
    app.login_ok("rev").await;
    let r = app
        .post(
            &format!("/admin/docs/{id}/publish"),
            &[("publish_at", "2001-01-01T09:00")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422, "a time in the past is refused");
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
    assert_eq!(r.status().as_u16(), 303);
    let doc = store::get(&app.db, id).await.expect("doc");
    assert_eq!(doc.state(), DocState::Review, "not yet");
    assert!(doc.publish_at.is_some());
    assert_eq!(
        gongkai::docs::workflow::publish_due(&app.db)
            .await
            .expect("job"),
        0,
        "not due"
    );
    assert_eq!(app.get_text(&format!("/xxgk/documents/{id}")).await.0, 404);
    // Time passes.
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET publish_at = $1 WHERE id = $2"
    )
    .bind(gongkai::clock::now() - chrono::Duration::minutes(1))
    .bind(id)
    .execute(p)
    .await
    .map(|_| ()))
    .expect("update");
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::jobs::enqueue(
        &mut tx,
        gongkai::jobs::SCHEDULED_PUBLISH,
        &serde_json::json!({}),
        gongkai::clock::now(),
    )
    .await
    .expect("enqueue");
    tx.commit().await.expect("commit");
    assert!(gongkai::jobs::run_once(&app.state).await.expect("run"));
    assert_eq!(
        store::get(&app.db, id).await.expect("doc").state(),
        DocState::Published
    );
    assert_eq!(app.get_text(&format!("/xxgk/documents/{id}")).await.0, 200);
    let actions: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE object_type = 'document' ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(actions, vec!["doc.submit", "doc.schedule", "doc.publish"]);
}
