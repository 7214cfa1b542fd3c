//! The home page, main navigation, 网站地图, robots.txt, favicon, 政策解读 list,
//! breadcrumbs, and what a citizen meets at odd addresses (bad ids, pages past
//! the end), the draw algorithm page and the 依申请公开 buttons.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store;

use crate::both;
use crate::common::{Backend, TestApp, spawn};

both!(
    home_lists_the_latest_and_links_every_column,
    site_map_robots_and_favicon,
    interpretations_list_pages,
    breadcrumbs_follow_the_navigation,
    bad_ids_and_pages_past_the_end_are_404,
    draw_algorithm_is_a_portal_page,
    foi_buttons_are_primary
);

/// A published document with a published interpretation; returns both ids.
pub async fn published_with_interpretation(app: &TestApp, title: &str) -> (i64, i64) {
    let publisher = format!("pub{}", title.chars().count());
    let reviewer = format!("rev{}", title.chars().count());
    app.user(&publisher, &[Role::Publisher]).await;
    let rev = app.user(&reviewer, &[Role::Reviewer]).await;
    let id = crate::docs::draft(app, title, true).await;
    app.login_ok(&publisher).await;
    let r = app
        .post(
            &format!("/admin/docs/{id}/interpretation"),
            &[
                ("title", &format!("一图读懂《{title}》")),
                ("form", "text"),
                ("body", "一、起草背景。\n二、主要内容。"),
            ],
        )
        .await;
    assert!(r.status().is_redirection(), "interpretation saved");
    app.post("/admin/logout", &[]).await;
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
        .expect("review");
    tx.commit().await.expect("commit");
    let doc = store::get(&app.db, id).await.expect("doc");
    gongkai::docs::workflow::publish(&app.db, &doc, rev, &gongkai::audit::Actor::system())
        .await
        .expect("publish");
    (id, iid)
}

/// The hrefs of the main navigation, in order.
fn nav_links(html: &str) -> Vec<String> {
    let nav = html
        .split("<nav class=\"main-nav\"")
        .nth(1)
        .and_then(|s| s.split("</nav>").next())
        .unwrap_or("");
    nav.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

async fn home_lists_the_latest_and_links_every_column(b: Backend) {
    let app = spawn(b).await;
    let (doc, interp) = published_with_interpretation(&app, "关于加强占道经营治理的通知").await;
    let (status, home) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(
        home.contains(&format!("href=\"/xxgk/documents/{doc}\""))
            && home.contains("关于加强占道经营治理的通知"),
        "latest documents"
    );
    assert!(
        home.contains(&format!("href=\"/xxgk/interpretations/{interp}\""))
            && home.contains("一图读懂《关于加强占道经营治理的通知》"),
        "latest interpretations"
    );
    for href in [
        "/laws",
        "/xxgk/interpretations",
        "/enforcement",
        "/ysqgk",
        "/interact",
        "/sitemap",
        "/xxgk/proactive",
    ] {
        assert!(
            home.contains(&format!("href=\"{href}\"")),
            "home links {href}"
        );
    }
    assert!(
        home.contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"上海市城市管理行政执法局 最新公开文件\" href=\"/xxgk/feed.atom\">"
        ),
        "Atom feed advertised"
    );
    assert!(home.contains("rel=\"icon\""), "favicon linked");
    assert!(home.contains("role=\"search\""), "search box");
    assert!(
        home.contains("主办单位：上海市城市管理行政执法局") && home.contains("网站标识码"),
        "site identity in the footer"
    );
    assert_eq!(
        nav_links(&home),
        [
            "/",
            "/xxgk",
            "/xxgk/interpretations",
            "/laws",
            "/ysqgk",
            "/enforcement",
            "/interact"
        ],
        "main navigation, 法规库 included"
    );
    // Every navigation entry answers, and no working module says it is unfinished.
    for href in nav_links(&home) {
        let (status, html) = app.get_text(&href).await;
        assert_eq!(status, 200, "{href}");
        assert!(
            !html.contains("建设中") && !html.contains("尚未上线"),
            "{href} says it is unfinished"
        );
        assert!(
            html.contains(&format!("href=\"{href}\" aria-current=\"page\"")),
            "{href} marks itself in the navigation"
        );
    }
}

async fn site_map_robots_and_favicon(b: Backend) {
    let app = spawn(b).await;
    let (status, map) = app.get_text("/sitemap").await;
    assert_eq!(status, 200);
    assert!(map.contains("<h1>网站地图</h1>"));
    let mut n = 0;
    for g in gongkai::portal::home::SITE_MAP {
        assert!(map.contains(&format!("href=\"{}\"", g.href)), "{}", g.title);
        for (href, label) in g.links {
            assert!(map.contains(&format!("<a href=\"{href}\">{label}</a>")));
            let status = app.get(href).await.status().as_u16();
            assert_eq!(status, 200, "网站地图 links {href}, which answers {status}");
            n += 1;
        }
    }
    assert!(n >= 15, "the map lists the portal's pages ({n})");
    assert!(
        app.get_text("/").await.1.contains("href=\"/sitemap\""),
        "footer links the map"
    );

    let r = app.get("/robots.txt").await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/plain")
    );
    let robots = r.text().await.expect("body");
    let base = app.state.settings.server.public_url.trim_end_matches('/');
    assert!(
        robots.contains(&format!("Sitemap: {base}/sitemap.xml")),
        "{robots}"
    );
    assert!(robots.contains("Disallow: /admin"));
    let r = app.get("/favicon.ico").await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "image/svg+xml");
    assert!(r.text().await.expect("svg").starts_with("<svg"));
}

async fn interpretations_list_pages(b: Backend) {
    let app = spawn(b).await;
    let (status, empty) = app.get_text("/xxgk/interpretations").await;
    assert_eq!(status, 200, "the list exists before anything is published");
    assert!(empty.contains("暂无已发布的政策解读"));
    let (doc, interp) = published_with_interpretation(&app, "关于规范户外广告设置的通知").await;
    // A draft interpretation of an unpublished document stays out.
    crate::docs::draft(&app, "未发布的通知", true).await;
    let (_, html) = app.get_text("/xxgk/interpretations").await;
    assert!(html.contains(&format!("href=\"/xxgk/interpretations/{interp}\"")));
    assert!(
        html.contains(&format!("href=\"/xxgk/documents/{doc}\"")),
        "names the document it explains"
    );
    assert!(!html.contains("未发布的通知"));
    assert!(html.contains("共 1 条"));
    assert_eq!(app.get("/xxgk/interpretations?page=1").await.status(), 200);
    assert_eq!(app.get("/xxgk/interpretations?page=2").await.status(), 404);
    let (_, page) = app
        .get_text(&format!("/xxgk/interpretations/{interp}"))
        .await;
    assert!(
        page.contains("<a href=\"/xxgk/interpretations\">政策解读</a>"),
        "the interpretation's breadcrumb leads to the list"
    );
}

/// The breadcrumb's first step after 首页 is the navigation entry marked current.
fn breadcrumb_steps(html: &str) -> Vec<String> {
    let crumb = html
        .split("<nav class=\"breadcrumb\"")
        .nth(1)
        .and_then(|s| s.split("</nav>").next())
        .unwrap_or("");
    crumb
        .split('›')
        .map(|s| {
            let mut out = String::new();
            let mut tag = false;
            for c in s.chars() {
                match c {
                    '<' => tag = true,
                    '>' => tag = false,
                    c if !tag => out.push(c),
                    _ => {}
                }
            }
            out.trim()
                .trim_start_matches("aria-label=\"当前位置\"")
                .trim()
                .to_string()
        })
        .collect()
}

async fn breadcrumbs_follow_the_navigation(b: Backend) {
    let app = spawn(b).await;
    let (doc, interp) = published_with_interpretation(&app, "关于加强夜间施工管理的通知").await;
    let law_dir = tempfile::tempdir().expect("dir");
    std::fs::create_dir_all(law_dir.path().join("地方性法规")).expect("dir");
    std::fs::write(
        law_dir.path().join("地方性法规/市容条例.md"),
        "# 上海市市容环境卫生管理条例\n\n<!-- INFO END -->\n\n第一条 为了加强市容管理，制定本条例。\n",
    )
    .expect("law");
    gongkai::laws::import_dir(&app.db, law_dir.path(), None, false)
        .await
        .expect("import");
    let law: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar("SELECT id FROM laws")
        .fetch_one(p)
        .await)
    .expect("law id");
    let labels: std::collections::BTreeMap<&str, &str> =
        gongkai::web::PORTAL_NAV.iter().copied().collect();
    for path in [
        "/xxgk/proactive".to_string(),
        format!("/xxgk/documents/{doc}"),
        "/xxgk/interpretations".into(),
        format!("/xxgk/interpretations/{interp}"),
        "/laws".into(),
        format!("/laws/{law}"),
        "/ysqgk/apply".into(),
        "/enforcement/penalties".into(),
        "/enforcement/random".into(),
        "/interact".into(),
    ] {
        let (status, html) = app.get_text(&path).await;
        assert_eq!(status, 200, "{path}");
        let steps = breadcrumb_steps(&html);
        let current = gongkai::web::current_nav(&path).expect("in the navigation");
        assert_eq!(steps.first().map(String::as_str), Some("首页"), "{path}");
        assert_eq!(
            steps.get(1).map(String::as_str),
            labels.get(current).copied(),
            "{path}: breadcrumb {steps:?} agrees with the navigation"
        );
    }
}

async fn bad_ids_and_pages_past_the_end_are_404(b: Backend) {
    let app = spawn(b).await;
    for path in [
        "/xxgk/documents/abc",
        "/xxgk/documents/abc/print",
        "/xxgk/documents/99999",
        "/xxgk/interpretations/abc",
        "/xxgk/attachments/abc",
        "/laws/abc",
        "/laws/1.5",
        "/enforcement/penalties/abc",
        "/enforcement/random/draws/abc",
        "/enforcement/random/draws/abc/record.json",
        "/api/v1/penalties/abc",
        "/api/v1/draws/abc",
        "/api/v1/documents/abc",
        "/api/v1/documents/99999",
    ] {
        let (status, body) = app.get_text(path).await;
        assert_eq!(status, 404, "{path}");
        if !path.starts_with("/api/") {
            assert!(body.contains("页面不存在"), "{path}");
            assert!(!body.contains("格式有误"), "{path}");
        }
    }
    for path in [
        "/xxgk/proactive?page=99",
        "/xxgk/annual-reports?page=2",
        "/xxgk/interpretations?page=3",
        "/laws?page=99",
        "/enforcement/penalties?page=99",
        "/enforcement/suspended-numbers?page=5",
    ] {
        let (status, body) = app.get_text(path).await;
        assert_eq!(status, 404, "{path}: past the last page");
        assert!(!body.contains("第 99 /"), "{path}");
    }
    // The first page of an empty list is still a page.
    for path in [
        "/xxgk/proactive?page=1",
        "/laws?page=1",
        "/enforcement/penalties",
    ] {
        assert_eq!(app.get(path).await.status(), 200, "{path}");
    }
}

async fn draw_algorithm_is_a_portal_page(b: Backend) {
    let app = spawn(b).await;
    let (status, verify) = app.get_text("/enforcement/random/verify").await;
    assert_eq!(status, 200);
    assert!(!verify.contains("docs/DRAW.md"), "no repository path");
    assert!(verify.contains("href=\"/enforcement/random/algorithm\""));
    let (status, page) = app.get_text("/enforcement/random/algorithm").await;
    assert_eq!(status, 200);
    for t in ["承诺", "Fisher–Yates", "拒绝采样", "verify_draw.py"] {
        assert!(page.contains(t), "the algorithm page explains {t}");
    }
    let r = app.get("/enforcement/random/verify_draw.py").await;
    assert_eq!(r.status(), 200);
    let script = r.text().await.expect("script");
    assert!(script.starts_with("#!/usr/bin/env python3") && script.contains("def canonical"));
}

async fn foi_buttons_are_primary(b: Backend) {
    let app = spawn(b).await;
    let (_, apply) = app.get_text("/ysqgk/apply").await;
    assert!(apply.contains("<button type=\"submit\" class=\"primary\">提交申请</button>"));
    let (_, progress) = app.get_text("/ysqgk/progress").await;
    assert!(progress.contains("<button type=\"submit\" class=\"primary\">查询</button>"));
}
