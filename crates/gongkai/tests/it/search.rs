//! Search over everything public, on both backends: documents, interpretations and
//! law articles; nothing that is not public; the index follows publication and
//! withdrawal through the change feed.

use gongkai::audit::Actor;

use crate::both;
use crate::common::{Backend, location, spawn};

both!(search_finds_public_content_only_and_follows_changes);

async fn search_finds_public_content_only_and_follows_changes(b: Backend) {
    let app = spawn(b).await;
    let reviewer = app
        .user("rev", &[gongkai::auth::roles::Role::Reviewer])
        .await;
    let published = crate::docs::draft(&app, "关于开展占道经营行为专项整治的通知", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::docs::store::transition(
        &mut tx,
        published,
        gongkai::docs::model::DocState::Draft,
        gongkai::docs::model::DocState::Review,
        None,
    )
    .await
    .expect("submit");
    tx.commit().await.expect("commit");
    let doc = gongkai::docs::store::get(&app.db, published)
        .await
        .expect("doc");
    gongkai::docs::workflow::publish(&app.db, &doc, reviewer, &Actor::cli())
        .await
        .expect("publish");
    let _draft = crate::docs::draft(&app, "占道经营草稿（不公开）", false).await;
    // A law with an article about 设摊.
    let root = tempfile::tempdir().expect("dir");
    let dir = root.path().join("laws");
    std::fs::create_dir_all(dir.join("地方性法规")).expect("dir");
    std::fs::write(
        dir.join("地方性法规/市容条例.md"),
        "# 上海市市容环境卫生管理条例\n\n<!-- INFO END -->\n\n## 第二章 市容管理\n\n第二十一条 任何单位和个人不得擅自占用道路设摊经营、兜售物品。\n",
    )
    .expect("law");
    gongkai::laws::import_dir(&app.db, &dir, None, false)
        .await
        .expect("import");

    let s = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("reindex");

    let (status, html) = app
        .get_text("/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5")
        .await; // 占道经营
    assert_eq!(status, 200);
    assert!(html.contains("关于开展占道经营行为专项整治的通知"));
    assert!(!html.contains("草稿（不公开）"), "drafts are never indexed");
    assert!(
        html.contains("法规（1）") && html.contains("文件（1）"),
        "tabs with counts"
    );
    let v: serde_json::Value = app
        .get("/api/v1/search?q=%E6%91%86%E6%91%8A&kind=%E6%B3%95%E8%A7%84")
        .await
        .json()
        .await
        .expect("json"); // 摆摊, 法规
    assert_eq!(
        v["hits"][0]["kind"], "法规",
        "摆摊 finds 设摊 through the synonym list"
    );
    assert!(
        v["hits"][0]["url"].as_str().expect("url").ends_with("#a1"),
        "links to the article's anchor"
    );
    assert!(
        v["hits"][0]["snippet"]
            .as_str()
            .expect("snippet")
            .contains("<b>")
    );
    let v: serde_json::Value = app
        .get("/api/v1/search?q=%22%22%22(((%20AND%20OR")
        .await
        .json()
        .await
        .expect("odd input");
    assert!(v["hits"].is_array());

    // The query log (de-identified), click-through and the synonym dictionary.
    let _ = app
        .get("/api/v1/search?q=%E5%8D%A0%E9%81%93%20138%2012345678")
        .await; // 占道 13812345678
    let _ = app
        .get("/api/v1/search?q=%E6%97%A0%E6%AD%A4%E5%86%85%E5%AE%B9xyz")
        .await; // 无此内容xyz
    let r = app
        .get("/search/go?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5&to=%2Flaws%2F1%23a1")
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(location(&r), "/laws/1#a1");
    assert_eq!(
        app.get("/search/go?q=x&to=https%3A%2F%2Fevil.example")
            .await
            .status()
            .as_u16(),
        404
    );
    let logged: Vec<(String, Option<String>)> = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT query, clicked FROM search_log ORDER BY id"
    )
    .fetch_all(p)
    .await)
    .expect("log");
    assert!(
        logged.iter().all(|(q, _)| !q.contains("12345678")),
        "no phone numbers in the log: {logged:?}"
    );
    assert!(
        logged
            .iter()
            .any(|(q, c)| q == "占道经营" && c.as_deref() == Some("/laws/1#a1"))
    );
    app.user("searchadmin", &[gongkai::auth::roles::Role::Admin])
        .await;
    app.login_ok("searchadmin").await;
    let (_, admin) = app.get_text("/admin/search").await;
    assert!(admin.contains("无此内容xyz") && admin.contains("违建=违法建筑"));
    let r = app
        .post("/admin/search", &[("synonyms", "违建=违法建筑\n乱摆=设摊")])
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let v: serde_json::Value = app
        .get("/api/v1/search?q=%E4%B9%B1%E6%91%86")
        .await
        .json()
        .await
        .expect("json"); // 乱摆
    assert_eq!(
        v["hits"][0]["kind"], "法规",
        "an administrator's synonym applies at once: {v}"
    );
    let v: serde_json::Value = app
        .get("/api/v1/search?q=%E6%91%86%E6%91%8A")
        .await
        .json()
        .await
        .expect("json"); // 摆摊
    assert_eq!(
        v["total"], 0,
        "a built-in synonym left out is switched off: {v}"
    );

    // Withdrawal reaches the index through the change feed.
    let mut tx = app.db.begin().await.expect("tx");
    assert!(
        gongkai::docs::store::withdraw(&mut tx, published, "测试撤回", false)
            .await
            .expect("withdraw")
    );
    gongkai::docs::store::record_change(
        &mut tx,
        published,
        "withdrawn",
        gongkai::auth::store::now(),
    )
    .await
    .expect("change");
    tx.commit().await.expect("commit");
    gongkai::sitesearch::sync(&app.db, &s).await.expect("sync");
    let v: serde_json::Value = app
        .get("/api/v1/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5&kind=%E6%96%87%E4%BB%B6")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(v["total"], 0, "withdrawn documents leave the index: {v}");
}
