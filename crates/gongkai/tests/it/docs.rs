//! 公文库: workflow, 三同步, what is public, validity, 索引号, filters, API, import.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store::{self, DocInput};
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, PASSWORD, TestApp, location, spawn};

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

fn doc_form<'a>(unit: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
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

both!(
    attachments_checked_by_content,
    excel_export_and_topic_tree,
    push_to_the_city_library,
    catalogue_import,
    api_writes_with_tokens,
    staff_list_export,
    interpretation_media,
    rich_text_bodies,
    superseded_by_a_new_version,
    scheduled_publication,
    conversion_review,
    revisions_keep_editions_and_feed_the_library,
    atom_and_sitemap
);

both!(
    draft_review_publish_withdraw,
    interpretation_goes_out_with_its_policy,
    bad_input_keeps_values_and_saves_nothing,
    only_public_documents_are_public,
    validity_lifecycle,
    index_numbers_are_sequential,
    portal_filters_and_api,
    demo_import_is_idempotent
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

async fn interpretation_goes_out_with_its_policy(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "关于加强占道经营管理的通知", true).await;
    app.login_ok("pub").await;
    app.post(&format!("/admin/docs/{id}/submit"), &[]).await;
    app.post("/admin/logout", &[]).await;

    app.login_ok("rev").await;
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(
        r.status().as_u16(),
        409,
        "blocked without an interpretation"
    );
    assert!(r.text().await.expect("body").contains("需要政策解读"));
    app.post("/admin/logout", &[]).await;

    app.login_ok("pub").await;
    let r = app
        .post(
            &format!("/admin/docs/{id}/interpretation"),
            &[
                ("title", "一图读懂占道经营管理"),
                ("form", "graphic"),
                ("body", "解读正文。"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    // The author of the interpretation cannot approve it (and has no review role anyway).
    assert_eq!(
        app.post(&format!("/admin/docs/{id}/interpretation/approve"), &[])
            .await
            .status()
            .as_u16(),
        403
    );
    app.post("/admin/logout", &[]).await;

    app.login_ok("rev").await;
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(
        r.status().as_u16(),
        409,
        "a draft interpretation still blocks"
    );
    assert_eq!(
        app.post(&format!("/admin/docs/{id}/interpretation/approve"), &[])
            .await
            .status()
            .as_u16(),
        303
    );
    assert_eq!(
        app.post(&format!("/admin/docs/{id}/publish"), &[])
            .await
            .status()
            .as_u16(),
        303
    );

    let doc = store::get(&app.db, id).await.expect("doc");
    let interp = store::interpretation_of(&app.db, id)
        .await
        .expect("q")
        .expect("interp");
    assert_eq!(interp.state.code(), "published");
    assert_eq!(
        doc.published_at, interp.published_at,
        "published at the same instant"
    );
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        page.contains(&format!("/xxgk/interpretations/{}", interp.id)),
        "policy links to its interpretation"
    );
    let (status, ipage) = app
        .get_text(&format!("/xxgk/interpretations/{}", interp.id))
        .await;
    assert_eq!(status, 200);
    assert!(
        ipage.contains(&format!("/xxgk/documents/{id}")) && ipage.contains("图解"),
        "interpretation links back"
    );
    let api: serde_json::Value = app
        .get(&format!("/api/v1/documents/{id}"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        api["interpretation_url"],
        format!("/xxgk/interpretations/{}", interp.id)
    );

    // Withdrawing the policy withdraws its interpretation.
    app.post(
        &format!("/admin/docs/{id}/withdraw"),
        &[("reason", "内部调整")],
    )
    .await;
    let interp = store::interpretation_of(&app.db, id)
        .await
        .expect("q")
        .expect("interp");
    assert_eq!(interp.state.code(), "withdrawn");
    assert_eq!(
        app.get_text(&format!("/xxgk/interpretations/{}", interp.id))
            .await
            .0,
        404
    );
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{id}")).await.0,
        404,
        "internal reason: the page is gone"
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

async fn validity_lifecycle(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let unit = app.root_unit.to_string();
    app.login_ok("pub").await;
    // A 试行 measure effective 2023-01-01: lapses after 2024-12-31 by default.
    let mut f = doc_form(&unit, "某某管理办法（试行）");
    f.extend([
        ("normative", "on"),
        ("provisional", "on"),
        ("effective_on", "2023-01-01"),
    ]);
    f.retain(|(k, v)| !(*k == "written_on" && *v == "2026-03-02"));
    f.push(("written_on", "2022-12-01"));
    let r = app.post("/admin/docs/new", &f).await;
    assert_eq!(r.status().as_u16(), 303);
    let old: i64 = location(&r)
        .trim_start_matches("/admin/docs/")
        .parse()
        .expect("id");
    assert_eq!(
        store::get(&app.db, old).await.expect("doc").valid_until,
        chrono::NaiveDate::from_ymd_opt(2024, 12, 31)
    );
    let mut f2 = doc_form(&unit, "某某管理办法");
    f2.extend([("normative", "on"), ("effective_on", "2026-04-01")]);
    let r = app.post("/admin/docs/new", &f2).await;
    let new: i64 = location(&r)
        .trim_start_matches("/admin/docs/")
        .parse()
        .expect("id");
    for id in [old, new] {
        app.post(&format!("/admin/docs/{id}/submit"), &[]).await;
    }
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    for id in [old, new] {
        assert_eq!(
            app.post(&format!("/admin/docs/{id}/publish"), &[])
                .await
                .status()
                .as_u16(),
            303
        );
    }
    // Shown as 失效 today even before the daily job runs.
    let (_, page) = app.get_text(&format!("/xxgk/documents/{old}")).await;
    assert!(
        page.contains("有效性：<strong>失效</strong>"),
        "validity banner"
    );
    let (_, expired) = app.get_text("/xxgk/proactive?validity=expired").await;
    assert!(
        expired.contains(&format!("/xxgk/documents/{old}\""))
            && !expired.contains(&format!("/xxgk/documents/{new}\""))
    );
    let (_, valid) = app.get_text("/xxgk/proactive?validity=valid").await;
    assert!(
        valid.contains(&format!("/xxgk/documents/{new}\""))
            && !valid.contains(&format!("/xxgk/documents/{old}\""))
    );
    // The daily job records it.
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::jobs::enqueue(
        &mut tx,
        gongkai::jobs::VALIDITY_EXPIRE,
        &serde_json::json!({}),
        gongkai::clock::now(),
    )
    .await
    .expect("enqueue");
    tx.commit().await.expect("commit");
    assert!(gongkai::jobs::run_once(&app.state).await.expect("run"));
    assert_eq!(
        store::get(&app.db, old)
            .await
            .expect("doc")
            .validity
            .as_deref(),
        Some("expired")
    );
    // 已修改: linked to its replacement by 索引号.
    let new_index = store::get(&app.db, new).await.expect("doc").index_no;
    let r = app
        .post(
            &format!("/admin/docs/{old}/validity"),
            &[("validity", "amended"), ("replaced_by", &new_index)],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, page) = app.get_text(&format!("/xxgk/documents/{old}")).await;
    assert!(
        page.contains("已修改") && page.contains(&format!("/xxgk/documents/{new}")),
        "links to the new version"
    );
    // 废止 needs the deciding document.
    let r = app
        .post(
            &format!("/admin/docs/{new}/validity"),
            &[("validity", "repealed")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let r = app
        .post(
            &format!("/admin/docs/{new}/validity"),
            &[
                ("validity", "repealed"),
                ("decision", "沪城管执〔2026〕30号决定废止"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, repealed) = app.get_text("/xxgk/proactive?validity=repealed").await;
    assert!(repealed.contains(&format!("/xxgk/documents/{new}\"")));
    // The warnings page lists nothing expiring (both are no longer valid) but loads.
    assert_eq!(app.get("/admin/docs/warnings").await.status().as_u16(), 200);
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

async fn portal_filters_and_api(b: Backend) {
    let app = spawn(b).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("docs.jsonl");
    std::fs::write(&file, fixture_jsonl()).expect("write");
    gongkai::docs::import::import_govcn(&app.db, &file)
        .await
        .expect("import");
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

fn fixture_jsonl() -> String {
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
    let _ = PASSWORD;
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

async fn conversion_review(b: Backend) {
    let app = spawn(b).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let a = draft(&app, "依申请公开的会议纪要", false).await;
    let c = draft(&app, "不予公开的请示", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    for id in [a, c] {
        store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
            .await
            .expect("t");
        store::publish(
            &mut tx,
            id,
            rev,
            gongkai::clock::now(),
            chrono::NaiveDate::from_ymd_opt(2025, 1, 6).expect("d"),
        )
        .await
        .expect("p");
    }
    tx.commit().await.expect("commit");
    with_db!(&app.db, |p| sqlx::query("UPDATE documents SET disclosure = 'on_request', disclosure_ground = 'process_info' WHERE id IN ($1, $2)")
        .bind(a)
        .bind(c)
        .execute(p)
        .await
        .map(|_| ()))
    .expect("update");
    app.login_ok("rev").await;
    let (_, html) = app.get_text("/admin/docs/conversion").await;
    assert!(html.contains("依申请公开的会议纪要") && html.contains("不予公开的请示"));
    // Keeping needs a reason and a later review date.
    let r = app
        .post(
            &format!("/admin/docs/{c}/conversion"),
            &[
                ("decision", "keep"),
                ("reason", ""),
                ("next_review", "2030-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let r = app
        .post(
            &format!("/admin/docs/{c}/conversion"),
            &[
                ("decision", "keep"),
                ("reason", "仍属过程性信息"),
                ("next_review", "2001-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let r = app
        .post(
            &format!("/admin/docs/{c}/conversion"),
            &[
                ("decision", "keep"),
                ("reason", "仍属过程性信息"),
                ("next_review", "2099-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            &format!("/admin/docs/{a}/conversion"),
            &[("decision", "convert"), ("reason", "已无不公开的理由")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.get_text("/admin/docs/conversion").await;
    assert!(
        !html.contains("依申请公开的会议纪要") && !html.contains("不予公开的请示"),
        "both reviewed, not due"
    );
    assert!(
        html.contains("<strong id=\"converted-this-year\">1</strong>"),
        "counted for the annual report"
    );
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{a}")).await.0,
        200,
        "converted: public"
    );
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{c}")).await.0,
        404,
        "kept: not public"
    );
    let year = chrono::Datelike::year(&gongkai::clock::today());
    assert_eq!(
        store::conversions_in_year(&app.db, year)
            .await
            .expect("count"),
        1
    );
    // The change feed tells the library about the conversion.
    let v: serde_json::Value = app
        .get("/api/v1/documents/changes")
        .await
        .json()
        .await
        .expect("json");
    let changes = v["changes"].as_array().expect("changes");
    assert!(
        changes
            .iter()
            .any(|c| c["document_id"] == a && c["change"] == "published")
    );
    assert!(
        !changes
            .iter()
            .any(|c| c["document_id"] == serde_json::json!(c.clone())),
        "kept document never appears"
    );
}

async fn revisions_keep_editions_and_feed_the_library(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "可修订的通知", false).await;
    submit_as_pub(&app, id).await;
    app.login_ok("rev").await;
    app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    app.post("/admin/logout", &[]).await;

    app.login_ok("pub").await;
    let (status, html) = app.get_text(&format!("/admin/docs/{id}/edit")).await;
    assert_eq!(status, 200);
    assert!(html.contains("修订说明"));
    let unit = app.root_unit.to_string();
    let mut f = vec![
        ("title", "可修订的通知（修订）"),
        ("issuer_unit_id", unit.as_str()),
        ("disclosure", "proactive"),
        ("written_on", "2026-03-02"),
        ("genre", "notice"),
        ("body", "修订后的正文。"),
    ];
    let r = app.post(&format!("/admin/docs/{id}/edit"), &f).await;
    assert_eq!(r.status().as_u16(), 422, "a change note is required");
    assert!(r.text().await.expect("body").contains("须填写修订说明"));
    f.push(("change_note", "更正第二段表述"));
    let r = app.post(&format!("/admin/docs/{id}/edit"), &f).await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        !page.contains("修订后的正文"),
        "the revision waits for a reviewer"
    );
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    let r = app
        .post(&format!("/admin/docs/{id}/revision/approve"), &[])
        .await;
    assert_eq!(
        r.status().as_u16(),
        303,
        "the reviewer approves the revision"
    );
    app.post("/admin/logout", &[]).await;
    app.login_ok("pub").await;
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        page.contains("修订后的正文"),
        "the public sees the approved revision"
    );
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
        vec![
            (1, "首次发布".to_string()),
            (2, "更正第二段表述".to_string())
        ]
    );
    let (_, admin_page) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert!(
        admin_page.contains("第 2 版") && admin_page.contains("更正第二段表述"),
        "edition history shown"
    );
    // Only an administrator may change the 索引号.
    assert_eq!(
        app.post(
            &format!("/admin/docs/{id}/index-no"),
            &[("index_no", "MB2F300040/2026-00099")]
        )
        .await
        .status()
        .as_u16(),
        403
    );
    app.post("/admin/logout", &[]).await;
    app.user("root", &[Role::Admin]).await;
    app.login_ok("root").await;
    let other = draft(&app, "另一件", false).await;
    let taken = store::get(&app.db, other).await.expect("doc").index_no;
    assert_eq!(
        app.post(
            &format!("/admin/docs/{id}/index-no"),
            &[("index_no", "MB2F300040/2026-99")]
        )
        .await
        .status()
        .as_u16(),
        422
    );
    assert_eq!(
        app.post(
            &format!("/admin/docs/{id}/index-no"),
            &[("index_no", taken.as_str())]
        )
        .await
        .status()
        .as_u16(),
        422
    );
    assert_eq!(
        app.post(
            &format!("/admin/docs/{id}/index-no"),
            &[("index_no", "MB2F300040/2026-00099")]
        )
        .await
        .status()
        .as_u16(),
        303
    );
    assert_eq!(
        store::get(&app.db, id).await.expect("doc").index_no,
        "MB2F300040/2026-00099"
    );
    app.post("/admin/logout", &[]).await;
    app.login_ok("pub").await;

    // The pull feed: published, then updated; the cursor resumes.
    let v: serde_json::Value = app
        .get("/api/v1/documents/changes?since=0")
        .await
        .json()
        .await
        .expect("json");
    let kinds: Vec<&str> = v["changes"]
        .as_array()
        .expect("a")
        .iter()
        .filter_map(|c| c["change"].as_str())
        .collect();
    assert_eq!(
        kinds,
        vec!["published", "updated", "updated"],
        "publication, revision, new 索引号"
    );
    assert_eq!(v["changes"][1]["document"]["title"], "可修订的通知（修订）");
    let cursor = v["next_cursor"].as_i64().expect("cursor");
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    app.post(
        &format!("/admin/docs/{id}/withdraw"),
        &[("reason", "停止执行")],
    )
    .await;
    let v: serde_json::Value = app
        .get(&format!("/api/v1/documents/changes?since={cursor}"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(v["changes"].as_array().map(|a| a.len()), Some(1));
    assert_eq!(v["changes"][0]["change"], "withdrawn");
    assert!(
        v["changes"][0]["document"].is_null(),
        "no longer public: no content"
    );
    assert_eq!(v["changes"][0]["index_no"], "MB2F300040/2026-00099");
    let v: serde_json::Value = app
        .get(&format!("/api/v1/documents/changes?since={}", cursor + 1))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        v["next_cursor"].as_i64(),
        Some(cursor + 1),
        "nothing new keeps the cursor"
    );
}

async fn atom_and_sitemap(b: Backend) {
    let app = spawn(b).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("docs.jsonl");
    std::fs::write(&file, fixture_jsonl()).expect("write");
    gongkai::docs::import::import_govcn(&app.db, &file)
        .await
        .expect("import");
    let r = app.get("/xxgk/feed.atom").await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("application/atom+xml")
    );
    let xml = r.text().await.expect("body");
    assert!(
        xml.starts_with("<?xml") && xml.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">")
    );
    assert_eq!(xml.matches("<entry>").count(), 3);
    assert!(xml.contains("关于同意某市城市总体规划的批复"));
    let topics = store::topics(&app.db).await.expect("topics");
    let t = topics.iter().find(|t| t.name == "综合政务").expect("topic");
    let xml = app
        .get_text(&format!("/xxgk/feed.atom?topic={}", t.id))
        .await
        .1;
    assert_eq!(xml.matches("<entry>").count(), 1, "per topic");
    let (status, sitemap) = app.get_text("/sitemap.xml").await;
    assert_eq!(status, 200);
    assert_eq!(sitemap.matches("/xxgk/documents/").count(), 3);
    assert!(sitemap.contains("<loc>http://127.0.0.1:8080/xxgk/proactive</loc>"));
}

async fn attachments_checked_by_content(b: Backend) {
    let app = crate::common::spawn_with(b, |s| s.docs.max_attachment_bytes = 64 * 1024).await;
    app.user("pub", &[Role::Publisher]).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "带附件的通知", false).await;
    app.login_ok("pub").await;
    let token = app.csrf().await;
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
        let form = reqwest::multipart::Form::new().part("file", part);
        app.client
            .post(app.url(&format!("/admin/docs/{id}/attachments?csrf_token={token}")))
            .multipart(form)
            .send()
    };
    let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF".to_vec();
    let r = upload("关于印发《工作要点》的通知.pdf", pdf.clone())
        .await
        .expect("upload");
    assert_eq!(r.status().as_u16(), 303);
    // Refused: content that is not an allowed kind, a name that disagrees, too large.
    let r = upload("恶意.pdf", b"MZ\x90\x00 not a pdf".to_vec())
        .await
        .expect("upload");
    assert_eq!(r.status().as_u16(), 422);
    let r = upload("表格.xlsx", pdf.clone()).await.expect("upload");
    assert_eq!(r.status().as_u16(), 422);
    let mut big = b"%PDF-1.4".to_vec();
    big.resize(200 * 1024, b'0');
    let r = upload("大文件.pdf", big).await.expect("upload");
    assert_eq!(r.status().as_u16(), 413);
    let n: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM attachments"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 1, "only the valid file was kept");
    let aid: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM attachments"
    )
    .fetch_one(p)
    .await)
    .expect("id");
    let (_, html) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert!(html.contains("关于印发《工作要点》的通知.pdf"));
    // Not public until the document is.
    assert_eq!(
        app.get(&format!("/xxgk/attachments/{aid}"))
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        app.get(&format!("/admin/attachments/{aid}"))
            .await
            .status()
            .as_u16(),
        200,
        "staff can read it"
    );
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
    let r = app.get(&format!("/xxgk/attachments/{aid}")).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let cd = r.headers()["content-disposition"]
        .to_str()
        .expect("cd")
        .to_string();
    assert!(
        cd.starts_with("attachment;") && cd.contains("filename*=UTF-8''%E5%85%B3%E4%BA%8E"),
        "{cd}"
    );
    assert_eq!(
        r.bytes().await.expect("bytes").to_vec(),
        pdf,
        "the same bytes back"
    );
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        page.contains(&format!("/xxgk/attachments/{aid}")),
        "listed on the public page"
    );
    // A published document's attachments stay.
    assert_eq!(
        app.post(&format!("/admin/attachments/{aid}/delete"), &[])
            .await
            .status()
            .as_u16(),
        409
    );
}

async fn excel_export_and_topic_tree(b: Backend) {
    let app = spawn(b).await;
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("docs.jsonl");
    std::fs::write(&file, fixture_jsonl()).expect("write");
    gongkai::docs::import::import_govcn(&app.db, &file)
        .await
        .expect("import");
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

/// What the stand-in library received: (signature header, body) per request.
type Received = std::sync::Arc<std::sync::Mutex<Vec<(String, Vec<u8>)>>>;

/// A stand-in for the city-wide library: records what it receives; fails on demand.
async fn library() -> (
    String,
    Received,
    std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let got: Received = Arc::default();
    let fail = Arc::new(AtomicBool::new(false));
    let (g, f) = (got.clone(), fail.clone());
    let app = axum::Router::new().route(
        "/push",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let (g, f) = (g.clone(), f.clone());
                async move {
                    if f.load(Ordering::SeqCst) {
                        return axum::http::StatusCode::SERVICE_UNAVAILABLE;
                    }
                    let sig = headers
                        .get("x-gongkai-signature")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_string();
                    g.lock().expect("lock").push((sig, body.to_vec()));
                    axum::http::StatusCode::OK
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{addr}/push"), got, fail)
}

async fn push_to_the_city_library(b: Backend) {
    use std::sync::atomic::Ordering;
    let (endpoint, got, fail) = library().await;
    const KEY: &str = "test-hmac-key-0123456789";
    let app = crate::common::spawn_with(b, |s| {
        s.push.endpoint = endpoint.clone();
        s.push.hmac_key = KEY.into();
    })
    .await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let a = draft(&app, "推送测试一", false).await;
    let c = draft(&app, "推送测试二", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    for id in [a, c] {
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
    }
    tx.commit().await.expect("commit");

    // The library is down: the job fails and will be retried; nothing is lost.
    fail.store(true, Ordering::SeqCst);
    let mut tx = app.db.begin().await.expect("tx");
    let job = gongkai::jobs::enqueue(
        &mut tx,
        gongkai::jobs::PUSH_CHANGES,
        &serde_json::json!({}),
        gongkai::clock::now(),
    )
    .await
    .expect("enqueue");
    tx.commit().await.expect("commit");
    assert!(gongkai::jobs::run_once(&app.state).await.expect("run"));
    let (state, err): (String, Option<String>) = with_db!(&app.db, |p| sqlx::query_as(
        "SELECT state, last_error FROM jobs WHERE id = $1"
    )
    .bind(job)
    .fetch_one(p)
    .await)
    .expect("job");
    assert_eq!(state, "queued", "retried later");
    assert!(err.unwrap_or_default().contains("503"));
    assert!(got.lock().expect("lock").is_empty());

    // It comes back: one signed batch with both publications, in order.
    fail.store(false, Ordering::SeqCst);
    assert_eq!(gongkai::docs::push::run(&app.state).await.expect("push"), 2);
    {
        let batches = got.lock().expect("lock");
        assert_eq!(batches.len(), 1);
        let (sig, body) = &batches[0];
        assert_eq!(
            sig,
            &gongkai::docs::push::signature(KEY, body),
            "HMAC over the body"
        );
        let v: serde_json::Value = serde_json::from_slice(body).expect("json");
        assert_eq!(v["source"], "MB2F300040");
        let titles: Vec<&str> = v["changes"]
            .as_array()
            .expect("a")
            .iter()
            .filter_map(|c| c["document"]["title"].as_str())
            .collect();
        assert_eq!(titles, vec!["推送测试一", "推送测试二"]);
    }
    assert_eq!(
        gongkai::docs::push::run(&app.state).await.expect("push"),
        0,
        "nothing new, nothing sent"
    );
    let mut tx = app.db.begin().await.expect("tx");
    store::withdraw(&mut tx, a, "撤回", true)
        .await
        .expect("withdraw");
    tx.commit().await.expect("commit");
    assert_eq!(gongkai::docs::push::run(&app.state).await.expect("push"), 1);
    let batches = got.lock().expect("lock");
    let v: serde_json::Value = serde_json::from_slice(&batches[1].1).expect("json");
    assert_eq!(v["changes"][0]["change"], "withdrawn");
}

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
            .post(app.url(&format!("/admin/docs/import?csrf_token={token}")))
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

async fn api_writes_with_tokens(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.login_ok("root").await;
    let app = &app;
    let issue = |user: &'static str| async move {
        let r = app
            .post(
                "/admin/tokens",
                &[("name", "公文库同步"), ("username", user)],
            )
            .await;
        assert_eq!(r.status().as_u16(), 200);
        let html = r.text().await.expect("body");
        html.split("id=\"new-token\">")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .expect("token shown once")
            .to_string()
    };
    let pub_token = issue("pub").await;
    let rev_token = issue("rev").await;
    let r = app
        .post("/admin/tokens", &[("name", "x"), ("username", "nobody")])
        .await;
    assert_eq!(r.status().as_u16(), 422);

    let api = reqwest::Client::new();
    let url = app.url("/api/v1/documents");
    let body = serde_json::json!({"title": "经接口起草的通知", "issuer_unit_id": app.root_unit, "disclosure": "proactive",
        "doc_no": "沪城管执[2026]21号", "written_on": "2026-03-02", "genre": "notice", "body": "正文。"});
    let r = api.post(&url).json(&body).send().await.expect("post");
    assert_eq!(r.status().as_u16(), 401, "no token");
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["error"]["code"], "unauthorized");
    let r = api
        .post(&url)
        .bearer_auth("gk_wrong")
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 401);

    let mut bad = body.clone();
    bad["doc_no"] = "21号".into();
    bad["written_on"] = "昨天".into();
    let r = api
        .post(&url)
        .bearer_auth(&pub_token)
        .json(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 422);
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["error"]["code"], "validation");
    assert!(
        v["error"]["fields"]["doc_no"].is_string()
            && v["error"]["fields"]["written_on"].is_string(),
        "{v}"
    );

    let r = api
        .post(&url)
        .bearer_auth(&pub_token)
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 201);
    let v: serde_json::Value = r.json().await.expect("json");
    let id = v["id"].as_i64().expect("id");
    assert_eq!(v["state"], "draft");
    assert_eq!(v["index_no"], "MB2F300040/2026-00001");
    let r = api
        .post(app.url(&format!("/api/v1/documents/{id}/submit")))
        .bearer_auth(&pub_token)
        .send()
        .await
        .expect("submit");
    assert_eq!(r.status().as_u16(), 200);
    let r = api
        .post(app.url(&format!("/api/v1/documents/{id}/publish")))
        .bearer_auth(&pub_token)
        .send()
        .await
        .expect("publish");
    assert_eq!(
        r.status().as_u16(),
        403,
        "a publisher's token cannot publish"
    );
    let r = api
        .post(app.url(&format!("/api/v1/documents/{id}/publish")))
        .bearer_auth(&rev_token)
        .send()
        .await
        .expect("publish");
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        r.json::<serde_json::Value>().await.expect("json")["state"],
        "published"
    );
    let v: serde_json::Value = api
        .get(app.url(&format!("/api/v1/documents/{id}")))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(v["doc_no"], "沪城管执〔2026〕21号");
    let actors: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT actor FROM audit_log WHERE object_type = 'document' ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(actors, vec!["pub（API）", "pub（API）", "rev（API）"]);

    // Revoked: refused.
    let token_id: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT MIN(id) FROM api_tokens"
    )
    .fetch_one(p)
    .await)
    .expect("id");
    assert_eq!(
        app.post(&format!("/admin/tokens/{token_id}/revoke"), &[])
            .await
            .status()
            .as_u16(),
        303
    );
    let r = api
        .post(&url)
        .bearer_auth(&pub_token)
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 401);
    let doc: serde_json::Value = app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
    assert!(doc["paths"]["/api/v1/documents"]["post"].is_object());
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

async fn interpretation_media(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "带图解的通知", true).await;
    app.login_ok("pub").await;
    app.post(
        &format!("/admin/docs/{id}/interpretation"),
        &[("title", "图解"), ("form", "graphic"), ("body", "说明。")],
    )
    .await;
    let token = app.csrf().await;
    let upload = |name: &'static str, bytes: Vec<u8>, path: String| {
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name),
        );
        app.client
            .post(app.url(&format!("{path}?csrf_token={token}")))
            .multipart(form)
            .send()
    };
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    let mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42".to_vec();
    let ipath = format!("/admin/docs/{id}/interpretation/attachments");
    assert_eq!(
        upload("一图读懂.png", png, ipath.clone())
            .await
            .expect("up")
            .status()
            .as_u16(),
        303
    );
    assert_eq!(
        upload("解读视频.mp4", mp4.clone(), ipath)
            .await
            .expect("up")
            .status()
            .as_u16(),
        303
    );
    // A video is not a document attachment.
    let r = upload("视频.mp4", mp4, format!("/admin/docs/{id}/attachments"))
        .await
        .expect("up");
    assert_eq!(r.status().as_u16(), 422);
    let (_, form) = app
        .get_text(&format!("/admin/docs/{id}/interpretation"))
        .await;
    assert!(form.contains("一图读懂.png") && form.contains("解读视频.mp4"));
    let ids: Vec<i64> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM attachments WHERE purpose = 'interpretation' ORDER BY id"
    )
    .fetch_all(p)
    .await)
    .expect("ids");
    assert_eq!(ids.len(), 2);
    // Publish both (interpretation approved by the reviewer).
    let iid = store::interpretation_of(&app.db, id)
        .await
        .expect("q")
        .expect("interp")
        .id;
    let mut tx = app.db.begin().await.expect("tx");
    store::approve_interpretation(&mut tx, iid, rev)
        .await
        .expect("approve");
    store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
        .await
        .expect("t");
    tx.commit().await.expect("commit");
    assert_eq!(
        app.get(&format!("/xxgk/attachments/{}", ids[0]))
            .await
            .status()
            .as_u16(),
        404,
        "not before publication"
    );
    let doc = store::get(&app.db, id).await.expect("doc");
    gongkai::docs::workflow::publish(&app.db, &doc, rev, &gongkai::audit::Actor::system())
        .await
        .expect("publish");
    let (_, page) = app.get_text(&format!("/xxgk/interpretations/{iid}")).await;
    assert!(
        page.contains(&format!(
            "<img src=\"/xxgk/attachments/{}\" alt=\"一图读懂.png\">",
            ids[0]
        )),
        "{page}"
    );
    assert!(page.contains(&format!(
        "<video controls preload=\"metadata\" src=\"/xxgk/attachments/{}\">",
        ids[1]
    )));
    let r = app.get(&format!("/xxgk/attachments/{}", ids[1])).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "video/mp4");
    let (_, doc_page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        !doc_page.contains("一图读懂.png"),
        "interpretation media stay on the interpretation page"
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

async fn superseded_by_a_new_version(b: Backend) {
    let app = spawn(b).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let old = draft(&app, "旧版通知", false).await;
    let new = draft(&app, "新版通知", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    for id in [old, new] {
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
    }
    tx.commit().await.expect("commit");
    app.login_ok("rev").await;
    let r = app
        .post(
            &format!("/admin/docs/{old}/supersede"),
            &[("replacement", "MB2F300040/2001-00001")],
        )
        .await;
    assert_eq!(
        r.status().as_u16(),
        422,
        "the replacement must exist and be published"
    );
    let new_index = store::get(&app.db, new).await.expect("doc").index_no;
    let r = app
        .post(
            &format!("/admin/docs/{old}/supersede"),
            &[("replacement", new_index.as_str())],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        store::get(&app.db, old).await.expect("doc").state(),
        DocState::Superseded
    );
    let (_, list) = app.get_text("/xxgk/proactive").await;
    assert!(
        !list.contains(&format!("/xxgk/documents/{old}\""))
            && list.contains(&format!("/xxgk/documents/{new}\"")),
        "lists show the new version"
    );
    let (status, page) = app.get_text(&format!("/xxgk/documents/{old}")).await;
    assert_eq!(status, 200, "the old address still works");
    assert!(
        page.contains("本文件已被新版本替代")
            && page.contains(&format!("href=\"/xxgk/documents/{new}\""))
    );
    let v: serde_json::Value = app
        .get("/api/v1/documents/changes")
        .await
        .json()
        .await
        .expect("json");
    assert!(
        v["changes"]
            .as_array()
            .expect("a")
            .iter()
            .any(|c| c["change"] == "superseded" && c["document_id"] == old)
    );
}
