//! 我为政府网站找错 reports linked to the crawler's findings, on both backends: the
//! order's back-office page shows what the last run found on the reported page,
//! and a run's report lists the open 找错 orders per page with its findings there.

use gongkai::auth::roles::Role;
use gongkai::orders::form::NewOrder;
use gongkai::orders::model::{ErrorType, Source, Urgency};
use gongkai::sitecheck::crawl::Site;
use gongkai::sitecheck::service;

use crate::both;
use crate::common::{Backend, TestApp, spawn};

both!(site_error_reports_show_the_crawler_findings);

async fn report(app: &TestApp, source: Source, no: Option<&str>, page_url: &str) -> (i64, String) {
    let o = NewOrder {
        source,
        source_no: no.map(str::to_string),
        service_code: "website_error".into(),
        description: "页面上的链接打不开".into(),
        address: String::new(),
        district: String::new(),
        lat: None,
        lon: None,
        contact_name: "网民".into(),
        contact_phone: String::new(),
        contact_email: String::new(),
        urgency: Urgency::Normal,
        page_url: page_url.into(),
        error_type: Some(ErrorType::BrokenLink),
        received_on: gongkai::clock::today(),
        due: None,
    };
    let c = gongkai::orders::service::create(
        &app.state,
        &o,
        Some(app.root_unit),
        None,
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("order");
    (c.id, c.source_no)
}

/// The table row of the run page's 找错 table that shows `key`.
fn row<'a>(html: &'a str, key: &str) -> &'a str {
    let table = html
        .split("id=\"site-reports\"")
        .nth(1)
        .and_then(|s| s.split("</table>").next())
        .expect("reports table");
    table
        .split("<tr>")
        .find(|r| r.contains(&format!(">{key}<")))
        .unwrap_or_else(|| panic!("no row for {key}: {table}"))
}

async fn site_error_reports_show_the_crawler_findings(b: Backend) {
    let app = spawn(b).await;
    let doc =
        crate::sitecheck::publish(&app, "请见[不存在的页面](/xxgk/no-such-page)和[首页](/)。")
            .await;
    let base = app
        .state
        .settings
        .server
        .public_url
        .trim_end_matches('/')
        .to_string();
    let page = format!("/xxgk/documents/{doc}");
    let (broken, broken_no) = report(
        &app,
        Source::SiteError,
        Some("ZC-TEST-1"),
        &format!("{base}{page}#正文"),
    )
    .await;
    let (clean, clean_no) = report(&app, Source::SiteForm, None, &format!("{base}/sitemap/")).await;
    app.user("sr_admin", &[Role::Admin, Role::InteractHandler])
        .await;
    app.user("sr_handler", &[Role::InteractHandler]).await;

    // Before any run the order page says so.
    app.login_ok("sr_admin").await;
    let (status, html) = app.get_text(&format!("/admin/orders/{broken}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("网站巡检尚未完成过任何一次检查"));

    let site = Site::InProcess(gongkai::app::router(app.state.clone()));
    let run = service::run_check(&app.state, site, "manual")
        .await
        .expect("run");

    // The order about the document's page: the broken link found on it.
    let (_, html) = app.get_text(&format!("/admin/orders/{broken}")).await;
    let section = html
        .split("id=\"h-sitecheck\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("section");
    assert!(
        section.contains(&format!("<code>{page}</code>")),
        "{section}"
    );
    assert!(section.contains("站内链接错误") && section.contains("/xxgk/no-such-page"));
    assert!(section.contains(&format!("href=\"/admin/sitecheck/runs/{run}\"")));
    assert!(
        section.matches("class=\"site-finding\"").count() >= 1,
        "{section}"
    );
    // The order about a page without findings.
    let (_, html) = app.get_text(&format!("/admin/orders/{clean}")).await;
    assert!(html.contains("<code>/sitemap</code>：未发现问题"), "{html}");

    // The run's report: open 找错 orders per page, with its findings there.
    let (status, html) = app.get_text(&format!("/admin/sitecheck/runs/{run}")).await;
    assert_eq!(status, 200);
    let r = row(&html, &page);
    assert!(r.contains(&broken_no) && !r.contains("未发现问题"), "{r}");
    let r = row(&html, "/sitemap");
    assert!(r.contains(&clean_no) && r.contains("未发现问题"), "{r}");

    // A finished order leaves the list.
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE work_orders SET status = 'closed' WHERE id = $1"
    )
    .bind(clean)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("close");
    let (_, html) = app.get_text(&format!("/admin/sitecheck/runs/{run}")).await;
    assert!(!html.contains(&clean_no));
    app.post("/admin/logout", &[]).await;

    // A handler without 网站巡检 sees the findings but no link to the run.
    app.login_ok("sr_handler").await;
    let (status, html) = app.get_text(&format!("/admin/orders/{broken}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("/xxgk/no-such-page"));
    assert!(!html.contains("/admin/sitecheck/runs/"));
}
