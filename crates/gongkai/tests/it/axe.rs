//! Accessibility in real Chromium: axe-core (WCAG 2.0/2.1 A and AA rules) on every
//! public page at 1366 px and 390 px, no sideways scrolling on a phone, and a walk
//! from the home page through every main navigation entry to 网站地图.
//!
//! axe-core is vendored in tests/fixtures/axe.min.js (version and checksum in
//! tests/fixtures/SOURCE.md), injected through the WebDriver session: no network.
//! Rendering does not depend on the database engine, so these run on SQLite only.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};

use crate::browser::{browser_available, fill_and_submit, js, shot, start_driver, wait_path};
use crate::common::{Backend, TestApp, spawn};

const AXE_JS: &str = include_str!("../fixtures/axe.min.js");
/// sha256 of tests/fixtures/axe.min.js (axe-core 4.14.1 from npm).
const AXE_SHA256: &str = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c";
const WIDTHS: [(u32, u32); 2] = [(1366, 900), (390, 844)];

#[test]
fn vendored_axe_matches_its_source_note() {
    use sha2::Digest;
    assert_eq!(
        hex::encode(sha2::Sha256::digest(AXE_JS.as_bytes())),
        AXE_SHA256,
        "tests/fixtures/axe.min.js differs from the version in SOURCE.md"
    );
    assert!(AXE_JS.starts_with("/*! axe v4.14.1"));
}

/// Run axe on the current page; returns a readable list of violations.
pub async fn axe_violations(c: &Client) -> Vec<String> {
    c.execute(AXE_JS, vec![]).await.expect("inject axe-core");
    let out = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {
               runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
               resultTypes: ['violations']
             }).then(r => done(r.violations.map(v =>
               v.id + ' (' + v.impact + '): ' + v.help + '\\n' +
               v.nodes.slice(0, 5).map(n => '    ' + n.target.join(' ') + ' — ' +
                 (n.failureSummary || '').replace(/\\n/g, ' ') + '\\n    ' + n.html.slice(0, 200)).join('\\n')
             ))).catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe.run");
    out.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_else(|| vec![format!("unexpected axe answer: {out}")])
}

/// Open `path` and run axe on it: the violations as one failure line, if any.
pub async fn axe_at(c: &Client, app: &TestApp, path: &str, width: u32) -> Option<String> {
    c.goto(&app.url(path)).await.expect("goto");
    wait_loaded(c).await;
    let v = axe_violations(c).await;
    (!v.is_empty()).then(|| format!("{width} px {path}:\n  {}", v.join("\n  ")))
}

pub async fn wait_loaded(c: &Client) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while js(c, "return document.readyState;").await != "complete" {
        assert!(Instant::now() < deadline, "page did not load");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The first `/prefix/N` link on a page (ids the test did not create itself).
async fn first_id(app: &TestApp, page: &str, prefix: &str) -> i64 {
    let (_, html) = app.get_text(page).await;
    html.split(&format!("href=\"{prefix}"))
        .skip(1)
        .find_map(|s| {
            s.split('"')
                .next()
                .and_then(|n| n.split('#').next())
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or_else(|| panic!("{page} links no {prefix}N"))
}

/// A portal with something on every page: the demo content, a document with its
/// interpretation, two laws, a search index.
async fn portal_with_content() -> (TestApp, Vec<String>) {
    let app = spawn(Backend::Sqlite).await;
    gongkai::demo::seed(&app.db).await.expect("demo");
    let (doc, interp) =
        crate::portal_home::published_with_interpretation(&app, "关于加强占道经营治理的通知").await;
    let root = tempfile::tempdir().expect("dir");
    let dir = root.path().join("laws");
    std::fs::create_dir_all(dir.join("地方性法规")).expect("dir");
    std::fs::write(
        dir.join("地方性法规/市容条例.md"),
        "# 上海市市容环境卫生管理条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了加强本市市容环境卫生管理，制定本条例。\n\n## 第二章 市容管理\n\n第二十一条 任何单位和个人不得擅自占用道路设摊经营。\n",
    )
    .expect("law");
    gongkai::laws::import_dir(&app.db, &dir, None, false)
        .await
        .expect("laws");
    gongkai::anchors::store::record(&app.db, gongkai::clock::today(), gongkai::clock::now())
        .await
        .expect("anchor");
    let s = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("reindex");
    let law = first_id(&app, "/laws", "/laws/").await;
    let case = first_id(&app, "/enforcement/penalties", "/enforcement/penalties/").await;
    let draw = first_id(&app, "/enforcement/random", "/enforcement/random/draws/").await;
    // 政策精准推送: a demo subscriber's personal page and the demo 免罚清单.
    let token: String = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT token FROM push_subscribers ORDER BY id LIMIT 1"
    )
    .fetch_one(p)
    .await)
    .expect("subscriber");
    let exempt: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT document_id FROM push_exemptions LIMIT 1"
    )
    .fetch_one(p)
    .await)
    .expect("免罚清单");
    let letter = first_id(&app, "/interact/messages", "/interact/messages/").await;
    let (_, consultations) = app.get_text("/interact/consultations").await;
    let consultation_ids: Vec<String> = consultations
        .split("href=\"/interact/consultations/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|s| format!("/interact/consultations/{s}"))
        .collect();
    assert_eq!(
        consultation_ids.len(),
        2,
        "demo: an open and a closed consultation"
    );
    let pages = vec![
        "/".to_string(),
        "/xxgk".into(),
        "/xxgk/guide".into(),
        "/xxgk/rules".into(),
        "/xxgk/proactive".into(),
        "/xxgk/annual-reports".into(),
        format!("/xxgk/documents/{doc}"),
        format!("/xxgk/documents/{doc}/print"),
        "/xxgk/interpretations".into(),
        format!("/xxgk/interpretations/{interp}"),
        "/laws".into(),
        format!("/laws/{law}"),
        "/search?q=占道经营".into(),
        "/search?q=占道经营&kind=留言".into(),
        "/search?q=夜间施工噪声&kind=访谈".into(),
        "/qa".into(),
        "/qa?q=在路边摆地摊犯法吗".into(),
        "/qa?q=护照过期了去哪里续签".into(),
        "/enforcement".into(),
        "/enforcement/penalties".into(),
        format!("/enforcement/penalties/{case}"),
        "/enforcement/suspended-numbers".into(),
        "/enforcement/random".into(),
        format!("/enforcement/random/draws/{draw}"),
        "/enforcement/random/results".into(),
        "/enforcement/random/verify".into(),
        "/enforcement/random/algorithm".into(),
        "/ysqgk".into(),
        "/ysqgk/apply".into(),
        "/ysqgk/progress".into(),
        "/zhaocuo".into(),
        "/zhaocuo/progress".into(),
        "/gongdan/stats".into(),
        "/ysqgk/deadline".into(),
        // 政务新媒体: the phone pages a 公众号 menu links to.
        "/m/bianmin".into(),
        "/m/bianmin?from=2026-09-30&days=20".into(),
        "/m/bianmin?from=2026-09-30&days=0".into(),
        "/m/fagui".into(),
        "/m/fagui?q=擅自占用道路".into(),
        "/m/fagui?q=没有这样的法规名称".into(),
        "/interact".into(),
        "/interact/messages".into(),
        "/interact/messages/new".into(),
        "/interact/messages/stats".into(),
        "/interact/messages/progress?no=LYDEMO0001&code=DEMO0001".into(),
        format!("/interact/messages/{letter}"),
        "/interact/consultations".into(),
        consultation_ids[0].clone(),
        consultation_ids[1].clone(),
        "/sitemap".into(),
        "/push/check".into(),
        "/push/check?division=14&industry=1431&district=310115&scale=micro".into(),
        "/push/check?division=14".into(),
        "/push/subscribe".into(),
        format!("/push/me?t={token}"),
        format!("/xxgk/documents/{exempt}"),
        "/themes".into(),
        "/themes/food-production".into(),
        "/themes/food-production?division=14&district=310104&scale=large".into(),
        "/audit/anchors".into(),
        "/no-such-page".into(),
    ];
    let mut pages = pages;
    // 公众开放日 and 会议公开 (demo: the 7·15 open day, an opened 局长办公会).
    let event = first_id(&app, "/interact/events", "/interact/events/").await;
    let meeting = first_id(&app, "/interact/meetings", "/interact/meetings/").await;
    let waiting: String = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT code FROM event_registrations WHERE status = 'waitlisted' ORDER BY id LIMIT 1"
    )
    .fetch_one(p)
    .await)
    .expect("a waitlisted demo registration");
    pages.extend([
        "/interact/events".to_string(),
        format!("/interact/events/{event}"),
        format!("/interact/events/{event}/report"),
        format!("/interact/events/registration?code={waiting}"),
        "/interact/meetings".into(),
        format!("/interact/meetings/{meeting}"),
    ]);
    // 在线访谈 (demo: a finished one with its record, an upcoming one).
    let (_, interviews) = app.get_text("/interact/interviews").await;
    let interview_ids: Vec<String> = interviews
        .split("href=\"/interact/interviews/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|s| format!("/interact/interviews/{s}"))
        .collect();
    assert_eq!(
        interview_ids.len(),
        2,
        "demo: a past and an upcoming interview"
    );
    pages.push("/interact/interviews".into());
    for i in &interview_ids {
        pages.push(i.clone());
        pages.push(format!("{i}/questions"));
    }
    (app, pages)
}

/// Submit a 依申请公开 application in the browser; returns the progress address.
async fn apply(c: &Client, app: &TestApp) -> String {
    c.goto(&app.url("/ysqgk/apply")).await.expect("goto");
    js(
        c,
        &format!(
            "document.getElementById('applicant_kind').value = 'natural';
             document.getElementById('id_kind').value = 'id_card';
             document.getElementById('unit_id').value = '{}';
             document.getElementById('delivery_form').value = 'paper';
             document.getElementById('delivery_method').value = 'post';",
            app.root_unit
        ),
    )
    .await;
    fill_and_submit(
        c,
        &[
            ("#applicant_name", "陈某某"),
            ("#id_number", "11010519491231002X"),
            ("#phone", "13700001111"),
            ("#address", "上海市浦东新区某路88号"),
            ("#info_description", "2025年本区占道经营整治的处罚决定书"),
        ],
    )
    .await;
    c.wait()
        .for_element(Locator::Css("#receipt-no"))
        .await
        .expect("receipt");
    let text = |id: &'static str| async move {
        js(
            c,
            &format!("return document.getElementById('{id}').innerText;"),
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
    };
    let no = text("receipt-no").await;
    let code = text("query-code").await;
    format!("/ysqgk/progress?no={no}&code={code}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_public_page_passes_axe_at_desktop_and_phone_width() {
    if !browser_available() {
        return;
    }
    let (app, mut pages) = portal_with_content().await;
    let (_driver, c) = start_driver().await;
    let mut failures = Vec::new();
    // The receipt after submitting, and the progress of that application.
    c.set_window_size(1366, 900).await.expect("resize");
    let progress = apply(&c, &app).await;
    let receipt = axe_violations(&c).await;
    if !receipt.is_empty() {
        failures.push(format!(
            "1366 px /ysqgk/apply (receipt):\n  {}",
            receipt.join("\n  ")
        ));
    }
    pages.push(progress);
    // The harness finds a violation when there is one: an image without a text
    // alternative, added to a page that passes.
    c.goto(&app.url("/")).await.expect("goto");
    js(
        &c,
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/logo.svg\">');",
    )
    .await;
    let planted = axe_violations(&c).await;
    assert!(
        planted.iter().any(|v| v.starts_with("image-alt")),
        "axe reports a planted violation: {planted:?}"
    );
    for (w, h) in WIDTHS {
        c.set_window_size(w, h).await.expect("resize");
        for path in &pages {
            failures.extend(axe_at(&c, &app, path, w).await);
            if w < 500 {
                let inner = js(&c, "return window.innerWidth;").await;
                assert!(
                    inner.as_f64().unwrap_or(0.0) <= f64::from(w),
                    "the phone viewport is {inner} px wide"
                );
                let over = js(
                    &c,
                    "return document.documentElement.scrollWidth - window.innerWidth;",
                )
                .await;
                if over.as_f64().unwrap_or(0.0) > 1.0 {
                    failures.push(format!("{w} px {path}: scrolls sideways by {over} px"));
                }
            }
        }
    }
    for (path, name) in [("/", "home"), (pages[6].as_str(), "document")] {
        for (w, h) in WIDTHS {
            c.set_window_size(w, h).await.expect("resize");
            c.goto(&app.url(path)).await.expect("goto");
            shot(&c, &format!("axe-{name}-{w}")).await;
        }
    }
    c.close().await.expect("close");
    assert!(
        failures.is_empty(),
        "axe-core (WCAG 2.1 A/AA) on {} pages × {} widths:\n{}",
        pages.len(),
        WIDTHS.len(),
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_to_every_navigation_entry_and_the_site_map() {
    if !browser_available() {
        return;
    }
    let app = spawn(Backend::Sqlite).await;
    gongkai::demo::seed(&app.db).await.expect("demo");
    let (_driver, c) = start_driver().await;
    c.goto(&app.url("/")).await.expect("goto");
    let hrefs = js(
        &c,
        "return Array.from(document.querySelectorAll('nav.main-nav a')).map(a => a.getAttribute('href'));",
    )
    .await;
    let hrefs: Vec<String> = hrefs
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    assert!(
        hrefs.len() >= 7 && hrefs.contains(&"/laws".to_string()),
        "{hrefs:?}"
    );
    let check = |c: Client, what: String| async move {
        let title = c.title().await.expect("title");
        let text = js(&c, "return document.body.innerText;").await;
        let text = text.as_str().unwrap_or_default();
        assert!(!title.contains("页面不存在"), "{what}: 404");
        for stale in ["建设中", "尚未上线"] {
            assert!(!text.contains(stale), "{what} says {stale}");
        }
    };
    for href in &hrefs {
        c.goto(&app.url("/")).await.expect("home");
        c.find(Locator::Css(&format!("nav.main-nav a[href='{href}']")))
            .await
            .expect("nav link")
            .click()
            .await
            .expect("click");
        wait_path(&c, href).await;
        check(c.clone(), format!("navigation entry {href}")).await;
        let current = js(
            &c,
            "var a = document.querySelector('nav.main-nav a[aria-current=page]'); return a && a.getAttribute('href');",
        )
        .await;
        assert_eq!(
            current.as_str(),
            Some(href.as_str()),
            "{href} marked current"
        );
    }
    // Home → 网站地图 (footer) → every link on it.
    c.goto(&app.url("/")).await.expect("home");
    c.find(Locator::Css("footer a[href='/sitemap']"))
        .await
        .expect("footer link")
        .click()
        .await
        .expect("click");
    wait_path(&c, "/sitemap").await;
    check(c.clone(), "网站地图".into()).await;
    let links = js(
        &c,
        "return Array.from(document.querySelectorAll('main a')).map(a => a.getAttribute('href')).filter(h => !h.endsWith('.xml') && !h.endsWith('.atom'));",
    )
    .await;
    let links: Vec<String> = links
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    assert!(links.len() >= 15, "{links:?}");
    for href in links {
        c.goto(&app.url(&href)).await.expect("goto");
        check(c.clone(), format!("网站地图 link {href}")).await;
    }
    c.close().await.expect("close");
}
