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
    // Published, but disclosed on request only or withheld: never in the public index.
    for (title, disclosure) in [
        ("占道经营依申请公开件", "on_request"),
        ("占道经营不予公开件", "withheld"),
    ] {
        let id = crate::docs::draft(&app, title, false).await;
        gongkai::with_db!(&app.db, |p| sqlx::query(
            "UPDATE documents SET state = 'published', disclosure = $1 WHERE id = $2"
        )
        .bind(disclosure)
        .bind(id)
        .execute(p)
        .await
        .map(|r| r.rows_affected()))
        .expect("not proactive");
    }
    // An interpretation not yet approved, of the published document.
    gongkai::with_db!(&app.db, |p| {
        sqlx::query(
        "INSERT INTO interpretations (document_id, title, form, body, state, created_at, updated_at)
         VALUES ($1, '占道经营解读草稿', 'text', '未审核的解读内容', 'draft', $2, $2)"
    )
    .bind(published)
    .bind(gongkai::clock::now())
    .execute(p)
    .await
    .map(|r| r.rows_affected())
    })
    .expect("draft interpretation");
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
    // A rebuild reads page by page (keyset on the row id): pages of one row here.
    use gongkai::sitesearch::{Rows, law_articles};
    let first = law_articles(&app.db, Rows::After(0, 1))
        .await
        .expect("page");
    assert_eq!(first.docs.len(), 1);
    let next = law_articles(&app.db, Rows::After(first.last.expect("last"), 1))
        .await
        .expect("page");
    assert!(
        next.docs.is_empty() && next.last.is_none(),
        "one article only"
    );

    let (status, html) = app
        .get_text("/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5")
        .await; // 占道经营
    assert_eq!(status, 200);
    assert!(html.contains("关于开展占道经营行为专项整治的通知"));
    assert!(!html.contains("草稿（不公开）"), "drafts are never indexed");
    assert!(
        !html.contains("解读草稿") && html.contains("解读（0）"),
        "interpretations not yet approved are never indexed"
    );
    assert!(
        !html.contains("依申请公开件") && !html.contains("不予公开件"),
        "only proactive disclosure is indexed"
    );
    assert!(
        html.contains("法规（1）") && html.contains("文件（1）"),
        "tabs with counts: {}",
        html.split("结果类型")
            .nth(1)
            .unwrap_or_default()
            .chars()
            .take(600)
            .collect::<String>()
    );
    let v = app
        .get_json("/api/v1/search?q=%E6%91%86%E6%91%8A&kind=%E6%B3%95%E8%A7%84")
        .await; // 摆摊, 法规
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
    let v = app
        .get_json("/api/v1/search?q=%22%22%22(((%20AND%20OR")
        .await;
    assert!(v["hits"].is_array());
    // 10 kB of text, control characters, SQL and an unknown type: results or an empty
    // page, and the log keeps at most 100 characters and no unknown type.
    let long = "占道经营%00%01'%3B%20DROP%20TABLE%20x%3B--".repeat(300);
    let r = app
        .get(&format!("/api/v1/search?q={long}&kind=13812345678"))
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let (status, _) = app.get_text(&format!("/search?q={long}&year=abc")).await;
    assert_eq!(status, 200);

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
    assert!(logged.iter().all(|(q, _)| q.chars().count() <= 100));
    let kinds: Vec<String> = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT kind FROM search_log"
    )
    .fetch_all(p)
    .await)
    .expect("kinds");
    assert!(
        kinds
            .iter()
            .all(|k| k.is_empty() || gongkai::sitesearch::portal::KINDS.contains(&k.as_str())),
        "{kinds:?}"
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
    let v = app.get_json("/api/v1/search?q=%E4%B9%B1%E6%91%86").await; // 乱摆
    assert_eq!(
        v["hits"][0]["kind"], "法规",
        "an administrator's synonym applies at once: {v}"
    );
    let v = app.get_json("/api/v1/search?q=%E6%91%86%E6%91%8A").await; // 摆摊
    // Switched off as a synonym: nothing, or only what the terms linked from the FAQ
    // bank add in a looser reading (`relaxed`), never a strict match.
    assert!(
        v["total"] == 0 || v["relaxed"] == true,
        "a built-in synonym left out is switched off: {v}"
    );

    // Withdrawal reaches the index through the change feed.
    let mut tx = app.db.begin().await.expect("tx");
    assert!(
        gongkai::docs::store::withdraw(&mut tx, published, "测试撤回", false)
            .await
            .expect("withdraw")
    );
    gongkai::docs::store::record_change(&mut tx, published, "withdrawn", gongkai::clock::now())
        .await
        .expect("change");
    tx.commit().await.expect("commit");
    gongkai::sitesearch::sync(&app.db, &s).await.expect("sync");
    let v = app
        .get_json("/api/v1/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5&kind=%E6%96%87%E4%BB%B6")
        .await;
    assert_eq!(v["total"], 0, "withdrawn documents leave the index: {v}");
}

both!(penalty_cases_are_searchable_once_published_and_never_by_personal_data);

async fn penalty_cases_are_searchable_once_published_and_never_by_personal_data(b: Backend) {
    use gongkai::penalty::model::PenaltyState;
    use gongkai::penalty::service;
    use gongkai::penalty::store::{self, Change};
    let app = spawn(b).await;
    let s = gongkai::sitesearch::start(&app.state).expect("search");
    let id = crate::penalty::case(&app, "黄城管罚〔2026〕88号").await;
    let _unpublished = crate::penalty::case(&app, "黄城管罚〔2026〕89号").await;
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("build");
    let search = |q: &'static str| {
        let app = &app;
        async move {
            app.get_json(&format!(
                "/api/v1/search?q={}",
                gongkai::audit::admin::percent_encode(q)
            ))
            .await
        }
    };
    assert_eq!(
        search("黄城管罚〔2026〕88号").await["total"],
        0,
        "a case not yet published is not in the index"
    );
    crate::penalty::confirm_and_publish(&app, id).await;
    let actor = gongkai::audit::Actor::cli();
    let today = gongkai::clock::today();
    gongkai::sitesearch::sync(&app.db, &s).await.expect("sync");
    let v = search("黄城管罚〔2026〕88号").await;
    assert_eq!(v["hits"][0]["kind"], "处罚", "{v}");
    assert_eq!(v["hits"][0]["url"], format!("/enforcement/penalties/{id}"));
    assert_eq!(v["facets"]["kind"]["处罚"], 1);
    assert_eq!(v["facets"]["issuer"]["上海市黄浦区城市管理行政执法局"], 1);
    assert_eq!(
        v["facets"]["level"]
            .as_object()
            .map(|m| m.keys().cloned().collect::<Vec<_>>()),
        Some(vec![
            gongkai::penalty::model::ViolationType::StreetVending
                .label()
                .to_string()
        ]),
        "violation types by their names: {v}"
    );
    assert_eq!(v["total"], 1, "the unpublished case stays out: {v}");
    let v = search("占道经营").await;
    assert!(v["total"].as_u64().unwrap_or(0) >= 1, "{v}");
    for personal in ["张三", "13812345678"] {
        let v = search(personal).await;
        assert!(
            v["hits"]
                .as_array()
                .expect("hits")
                .iter()
                .all(|h| h["kind"] != "处罚"),
            "{personal} must not find the case: {v}"
        );
        assert!(!v.to_string().contains(personal) || personal == "张三");
    }
    let html = app
        .get_text("/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5&kind=%E5%A4%84%E7%BD%9A")
        .await
        .1; // 占道经营, 处罚
    assert!(
        html.contains("处罚（1）") && html.contains("执法机关"),
        "{html}"
    );
    assert!(!html.contains("13812345678") && !html.contains("张三于"));
    // Withdrawal takes it out at the next sync.
    let c = store::get(&app.db, id).await.expect("case");
    service::change(
        &app.db,
        &c,
        PenaltyState::Published,
        Change::Withdraw {
            on: today,
            kind: "revoked".into(),
            reason: "复议撤销".into(),
            event_on: today,
        },
        gongkai::penalty::PenaltyAction::Withdraw,
        "撤回".into(),
        &actor,
    )
    .await
    .expect("withdraw");
    gongkai::sitesearch::sync(&app.db, &s).await.expect("sync");
    assert_eq!(search("黄城管罚〔2026〕88号").await["total"], 0);
}

both!(a_rebuild_is_swapped_in_while_searches_go_on);

async fn a_rebuild_is_swapped_in_while_searches_go_on(b: Backend) {
    let app = spawn(b).await;
    let reviewer = app
        .user("rev", &[gongkai::auth::roles::Role::Reviewer])
        .await;
    let s = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("first build");
    let first = s.current().name.clone();
    let id = crate::docs::draft(&app, "关于规范户外广告设置的通知", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::docs::store::transition(
        &mut tx,
        id,
        gongkai::docs::model::DocState::Draft,
        gongkai::docs::model::DocState::Review,
        None,
    )
    .await
    .expect("submit");
    tx.commit().await.expect("commit");
    let doc = gongkai::docs::store::get(&app.db, id).await.expect("doc");
    gongkai::docs::workflow::publish(&app.db, &doc, reviewer, &gongkai::audit::Actor::cli())
        .await
        .expect("publish");
    // What `gongkai reindex` does while the server runs: a new generation beside the
    // current one (the server's writer keeps its lock on the old one).
    let root = app.state.settings.search_dir();
    let (name, n) = gongkai::sitesearch::build(&app.db, &root, &|_, _| {})
        .await
        .expect("build");
    assert!(n >= 1 && name != first);
    assert_eq!(
        s.current().name,
        first,
        "still answering from the old index"
    );
    gongkai::sitesearch::sync(&app.db, &s).await.expect("sync");
    assert_eq!(s.current().name, name, "switched at the next sync");
    assert!(!root.join(&first).exists(), "the old generation is removed");
    let v = app
        .get_json("/api/v1/search?q=%E6%88%B7%E5%A4%96%E5%B9%BF%E5%91%8A")
        .await; // 户外广告
    assert_eq!(v["hits"][0]["title"], "关于规范户外广告设置的通知", "{v}");
    // The administrators' button does the same in the background, audited.
    app.user("searchadmin", &[gongkai::auth::roles::Role::Admin])
        .await;
    app.login_ok("searchadmin").await;
    let (_, page) = app.get_text("/admin/search").await;
    assert!(
        page.contains("从数据库重建索引") && page.contains(&name),
        "{page}"
    );
    let r = app.post("/admin/search/rebuild", &[]).await;
    assert_eq!(r.status().as_u16(), 303);
    let mut switched = false;
    for _ in 0..100 {
        if s.current().name != name && !s.building() {
            switched = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(switched, "the rebuilt generation is switched in");
    let audited: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'search.rebuild'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(audited, 1);
}

both!(random_inspection_results_are_searchable);

async fn random_inspection_results_are_searchable(b: Backend) {
    let app = spawn(b).await;
    let s = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("build");
    let draw = crate::inspect::committed_draw(&app).await;
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "INSERT INTO inspect_entities (name, credit_code, entity_type, district, created_at)
         VALUES ('上海某某餐饮管理有限公司', '91310101MA1FPX1234', '企业', '黄浦区', $1)"
    )
    .bind(gongkai::clock::now())
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("entity");
    gongkai::inspect::service::save_result(
        &app.db,
        draw,
        "91310101MA1FPX1234",
        "rectify",
        chrono::NaiveDate::from_ymd_opt(2026, 4, 2).expect("date"),
        "门前堆放杂物",
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("result");
    gongkai::sitesearch::sync(&app.db, &s).await.expect("sync");
    let v = app
        .get_json("/api/v1/search?q=%E9%A4%90%E9%A5%AE%E7%AE%A1%E7%90%86") // 餐饮管理
        .await;
    assert_eq!(v["hits"][0]["kind"], "抽查", "{v}");
    assert_eq!(v["facets"]["level"]["发现问题已责令整改"], 1, "{v}");
    // A corrected result replaces the indexed one at the next sync.
    gongkai::inspect::service::save_result(
        &app.db,
        draw,
        "91310101MA1FPX1234",
        "ok",
        chrono::NaiveDate::from_ymd_opt(2026, 4, 2).expect("date"),
        "",
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("corrected");
    gongkai::sitesearch::sync(&app.db, &s).await.expect("sync");
    let v = app
        .get_json("/api/v1/search?q=%E9%A4%90%E9%A5%AE%E7%AE%A1%E7%90%86&kind=%E6%8A%BD%E6%9F%A5")
        .await;
    assert_eq!(v["total"], 1);
    assert_eq!(v["facets"]["level"]["未发现问题"], 1, "{v}");
}

/// Laws of several regions for the ranking tests: 上海市市容环境卫生管理条例 (上海),
/// 城市市容和环境卫生管理条例 (全国), and twelve other regions' 占道经营 rules whose
/// titles and articles repeat the word, so that they would fill the first page if the
/// site's region did not come first. Imported with an index CSV carrying the corpus'
/// category paths; the search index is built.
pub(crate) async fn region_laws(app: &crate::common::TestApp) {
    let root = tempfile::tempdir().expect("dir");
    let dir = root.path().join("laws");
    let mut csv = String::from("path,title,level,publish,valid_from,expired,category\n");
    let mut add = |path: &str, title: &str, level: &str, category: &str, body: &str| {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("dir");
        std::fs::write(&file, format!("# {title}\n\n<!-- INFO END -->\n\n{body}\n")).expect("law");
        csv.push_str(&format!(
            "{path},{title},{level},2020-01-01,2020-01-01,0,{category}\n"
        ));
    };
    add(
        "上海地方法规/地方性法规/上海/市容条例.md",
        "上海市市容环境卫生管理条例",
        "地方性法规",
        "上海地方法规/地方性法规/上海",
        "第二十五条 任何单位和个人不得占用道路、桥梁、人行天桥、地下通道及其他公共场所设摊经营、兜售物品。\n\n第四十九条 违反本条例规定，擅自设摊经营的，由城管执法部门责令改正，可以处罚款。\n\n第五十条 城管执法部门应当公布举报电话。",
    );
    add(
        "行政法规/城市市容条例.md",
        "城市市容和环境卫生管理条例",
        "行政法规",
        "行政法规",
        "第十四条 未经城市人民政府市容环境卫生行政主管部门批准，不得占用道路设摊经营。",
    );
    for (i, (province, city)) in [
        ("重庆", "重庆市"),
        ("山东", "潍坊市"),
        ("山东", "济南市"),
        ("山东", "聊城市"),
        ("河南", "焦作市"),
        ("河南", "郑州市"),
        ("浙江", "杭州市"),
        ("浙江", "宁波市"),
        ("广东", "广州市"),
        ("广东", "深圳市"),
        ("北京", "北京市"),
        ("河南", "洛阳市"),
    ]
    .into_iter()
    .enumerate()
    {
        add(
            &format!("{province}地方法规/地方性法规/{province}/占道{i}.md"),
            &format!("{city}占道经营管理办法"),
            "地方性法规",
            &format!("{province}地方法规/地方性法规/{province}"),
            "第一条 为规范占道经营行为，制定本办法。\n\n第二条 本办法所称占道经营，是指占用道路从事经营活动。\n\n第三条 擅自占道经营的，处罚款。",
        );
    }
    let index = root.path().join("laws-index.csv");
    std::fs::write(&index, csv).expect("csv");
    gongkai::laws::import_dir(&app.db, &dir, Some(&index), false)
        .await
        .expect("import");
    let s = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("reindex");
}

both!(the_sites_region_and_national_laws_come_first_with_a_region_facet);

async fn the_sites_region_and_national_laws_come_first_with_a_region_facet(b: Backend) {
    let app = spawn(b).await;
    region_laws(&app).await;
    // 占道经营, 法规
    let v = app
        .get_json("/api/v1/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5&kind=%E6%B3%95%E8%A7%84")
        .await;
    let hits = v["hits"].as_array().expect("hits");
    let regions: Vec<&str> = hits
        .iter()
        .map(|h| h["region"].as_str().expect("region"))
        .collect();
    let local = regions
        .iter()
        .take_while(|r| ["上海", "全国"].contains(r))
        .count();
    assert!(local >= 2, "上海 and 全国 first: {regions:?}");
    assert!(
        regions[local..]
            .iter()
            .all(|r| !["上海", "全国"].contains(r))
    );
    assert!(
        hits.iter()
            .any(|h| h["title"] == "上海市市容环境卫生管理条例"),
        "{hits:?}"
    );
    // Other regions are still found, and offered as a facet.
    // Counts are those of the widest reading: with only two first-ranked laws the query
    // is also read with its linked terms, which may add the laws' other articles.
    assert!(
        v["facets"]["region"]["上海"]
            .as_u64()
            .is_some_and(|n| (2..=3).contains(&n)),
        "{}",
        v["facets"]
    );
    assert!(
        v["facets"]["region"]["山东"]
            .as_u64()
            .is_some_and(|n| n >= 9),
        "{}",
        v["facets"]
    );
    // The facet filters: 适用地区 = 重庆 (%E9%87%8D%E5%BA%86).
    let v = app
        .get_json("/api/v1/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5&region=%E9%87%8D%E5%BA%86")
        .await;
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty() && hits.iter().all(|h| h["region"] == "重庆"));
    assert!(
        v["facets"]["region"]["上海"]
            .as_u64()
            .is_some_and(|n| n >= 2),
        "the other values stay offered"
    );
    // A query naming a region ranks that region's texts with the site's own:
    // 重庆占道经营
    let v = app
        .get_json("/api/v1/search?q=%E9%87%8D%E5%BA%86%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5&kind=%E6%B3%95%E8%A7%84")
        .await;
    assert_eq!(v["hits"][0]["title"], "重庆市占道经营管理办法");
    // The page shows the facet.
    let (status, html) = app
        .get_text("/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5")
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("适用地区") && html.contains("重庆（3）"),
        "{html}"
    );
}

both!(article_hits_are_grouped_by_law);

async fn article_hits_are_grouped_by_law(b: Backend) {
    let app = spawn(b).await;
    region_laws(&app).await;
    // Ungrouped, one law's articles take several places.
    let q = "/api/v1/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5&kind=%E6%B3%95%E8%A7%84";
    let v = app.get_json(q).await;
    let law = |h: &serde_json::Value| {
        h["url"]
            .as_str()
            .expect("url")
            .split('#')
            .next()
            .map(str::to_string)
    };
    let laws: Vec<Option<String>> = v["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(law)
        .collect();
    let distinct: std::collections::HashSet<&Option<String>> = laws.iter().collect();
    assert!(
        distinct.len() < laws.len(),
        "several articles of one law: {laws:?}"
    );
    // group=law: one hit per law, the others counted and listed.
    let v = app.get_json(&format!("{q}&group=law")).await;
    let hits = v["hits"].as_array().expect("hits");
    let laws: Vec<Option<String>> = hits.iter().map(law).collect();
    let distinct: std::collections::HashSet<&Option<String>> = laws.iter().collect();
    assert_eq!(distinct.len(), laws.len(), "{laws:?}");
    assert_eq!(hits.len(), 10);
    assert_eq!(v["groups"], 14);
    let other = hits
        .iter()
        .find(|h| h["title"] == "重庆市占道经营管理办法")
        .or_else(|| {
            hits.iter()
                .find(|h| h["region"] != "上海" && h["region"] != "全国")
        })
        .expect("another region's law");
    assert_eq!(other["more"], 2, "{other}");
    assert_eq!(other["related"].as_array().expect("related").len(), 2);
    // Page 2 holds the rest of the laws.
    let v = app.get_json(&format!("{q}&group=law&page=2")).await;
    assert_eq!(v["hits"].as_array().expect("hits").len(), 4);
    // The page groups by default and expands in place without script.
    let (_, html) = app
        .get_text("/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5")
        .await;
    assert!(
        html.contains("<details") && html.contains("本法规另有 2 条相关条款"),
        "{html}"
    );
}

both!(few_hits_are_relaxed_and_known_words_are_not_corrected);

async fn few_hits_are_relaxed_and_known_words_are_not_corrected(b: Backend) {
    let app = spawn(b).await;
    region_laws(&app).await;
    // 设摊经营 兜售: only 上海's article 25 has both; the query is relaxed (the rarer
    // word alone, then either), so the national regulation is found after it.
    let v = app
        .get_json("/api/v1/search?q=%E8%AE%BE%E6%91%8A%E7%BB%8F%E8%90%A5%20%E5%85%9C%E5%94%AE")
        .await;
    assert_eq!(v["relaxed"], true);
    assert_eq!(v["hits"][0]["title"], "上海市市容环境卫生管理条例");
    assert_eq!(v["hits"][0]["number"], "第二十五条");
    assert!(
        v["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .any(|h| h["title"] == "城市市容和环境卫生管理条例"),
        "{v}"
    );
    // 城管执法局电话: words that exist are never "corrected" (执法局 ≠ 执法证).
    let v = app
        .get_json(
            "/api/v1/search?q=%E5%9F%8E%E7%AE%A1%E6%89%A7%E6%B3%95%E5%B1%80%E7%94%B5%E8%AF%9D",
        )
        .await;
    assert_eq!(v["corrected"], serde_json::json!([]));
    assert!(v["total"].as_u64().expect("total") > 0);
    // A typo found nowhere is still corrected: 占到经营 → 占道经营.
    let v = app
        .get_json("/api/v1/search?q=%E5%8D%A0%E5%88%B0%E7%BB%8F%E8%90%A5")
        .await;
    assert_eq!(v["corrected"], serde_json::json!(["占道经营"]));
}
