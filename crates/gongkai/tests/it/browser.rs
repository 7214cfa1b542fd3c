//! Browser tests in real headless Chromium through chromedriver: log in, change the
//! forced password, keyboard skip link, 长者模式, phone layout; screenshots go to
//! target/screenshots. Skipped with a printed reason when Chromium is absent,
//! required when CI is set.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, PASSWORD, spawn};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

pub fn browser_available() -> bool {
    let ok = std::path::Path::new(CHROMEDRIVER).exists() && std::path::Path::new(CHROMIUM).exists();
    if !ok {
        if std::env::var("CI").is_ok() {
            panic!(
                "CI is set but {CHROMIUM} / {CHROMEDRIVER} are missing: browser tests are required in CI"
            );
        }
        eprintln!(
            "SKIP: browser test skipped because {CHROMIUM} or {CHROMEDRIVER} is not installed (apt-get install chromium chromium-driver fonts-noto-cjk)"
        );
    }
    ok
}

pub struct Driver {
    child: Child,
    url: String,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The browser is chromedriver's child: a test that ends without closing its
        // session (a failed assertion) would leave it running after chromedriver is
        // killed. Its profile folder is this driver's own, so it names the processes.
        let _ = Command::new("pkill")
            .arg("-f")
            // (without the leading dashes, which pkill would read as its own option)
            .arg(format!("user-data-dir={}", self._profile.path().display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub async fn start_driver() -> (Driver, Client) {
    gongkai::init_crypto();
    // Port 0: chromedriver binds a free port itself and prints it, so no other
    // process can take the port between our choosing it and chromedriver binding it.
    let mut child = Command::new(CHROMEDRIVER)
        .arg("--port=0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let out = child.stdout.take().expect("chromedriver stdout");
    let read = tokio::task::spawn_blocking(move || {
        // "ChromeDriver was started successfully on port 33871."
        let mut lines = BufReader::new(out).lines();
        let port = lines.by_ref().map_while(Result::ok).find_map(|l| {
            l.split_once("successfully on port ")
                .and_then(|(_, p)| p.trim_end_matches('.').trim().parse::<u16>().ok())
        });
        // Keep reading (and dropping) what it prints after, so it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        port
    });
    let port = tokio::time::timeout(Duration::from_secs(30), read)
        .await
        .expect("chromedriver printed no port in 30 s")
        .expect("read chromedriver")
        .expect("chromedriver did not start");
    let url = format!("http://127.0.0.1:{port}");
    let profile = tempfile::tempdir().expect("profile dir");
    let driver = Driver {
        child,
        url: url.clone(),
        _profile: profile,
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if reqwest::get(format!("{url}/status")).await.is_ok() {
            break;
        }
        assert!(Instant::now() < deadline, "chromedriver did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--lang=zh-CN", "--window-size=1280,900",
                     format!("--user-data-dir={}", driver._profile.path().display())]
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("webdriver session");
    (driver, client)
}

fn shot_path(name: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir.join(format!("{name}.png"))
}

pub async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    assert!(
        png.len() > 1000 && png.starts_with(b"\x89PNG"),
        "a real PNG"
    );
    std::fs::write(shot_path(name), png).expect("write screenshot");
}

pub async fn wait_path(c: &Client, path: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = c.current_url().await.expect("url");
        if url.path() == path {
            return;
        }
        assert!(Instant::now() < deadline, "expected {path}, at {url}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn js(c: &Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.expect("script")
}

/// Type into each field (by CSS selector) and click the main form's submit button.
pub async fn fill_and_submit(c: &Client, fields: &[(&str, &str)]) {
    for (selector, text) in fields {
        c.find(Locator::Css(selector))
            .await
            .expect("field")
            .send_keys(text)
            .await
            .expect("type");
    }
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
}

both!(login_password_elder_and_layout);

async fn login_password_elder_and_layout(b: Backend) {
    if !browser_available() {
        return;
    }
    let app = spawn(b).await;
    let tag = b.name();
    let id = app.user("browser", &[Role::Admin]).await;
    let mut tx = app.db.begin().await.expect("tx");
    let hash = gongkai::auth::password::hash(PASSWORD.into())
        .await
        .expect("hash");
    gongkai::auth::store::set_password(&mut tx, id, &hash, true)
        .await
        .expect("force change");
    tx.commit().await.expect("commit");

    let (_driver, c) = start_driver().await;

    // Log in; the first stop is the forced password change.
    c.goto(&app.url("/admin/login")).await.expect("goto");
    shot(&c, &format!("{tag}-login")).await;
    fill_and_submit(&c, &[("#username", "browser"), ("#password", PASSWORD)]).await;
    wait_path(&c, "/admin/password").await;
    let src = c.source().await.expect("source");
    assert!(src.contains("请先设置新密码"), "forced change notice");

    // A mismatch first: the error is shown next to the field.
    fill_and_submit(
        &c,
        &[
            ("#current", PASSWORD),
            ("#new_password", "Browser-Pass-2026"),
            ("#confirm", "Browser-Pass-2027"),
        ],
    )
    .await;
    c.wait()
        .for_element(Locator::Css("#confirm-err"))
        .await
        .expect("field error shown");
    shot(&c, &format!("{tag}-password-error")).await;
    fill_and_submit(
        &c,
        &[
            ("#current", PASSWORD),
            ("#new_password", "Browser-Pass-2026"),
            ("#confirm", "Browser-Pass-2026"),
        ],
    )
    .await;
    c.wait()
        .for_element(Locator::Css(".alert.success"))
        .await
        .expect("success");
    assert!(c.source().await.expect("src").contains("密码已修改"));
    c.goto(&app.url("/admin")).await.expect("goto");
    wait_path(&c, "/admin").await;
    assert!(c.source().await.expect("src").contains("工作台"));
    shot(&c, &format!("{tag}-dashboard")).await;
    c.goto(&app.url("/admin/users")).await.expect("goto");
    shot(&c, &format!("{tag}-users")).await;

    // Keyboard: the first Tab reaches the skip link, and it is visible when focused.
    c.goto(&app.url("/")).await.expect("goto");
    c.find(Locator::Css("body"))
        .await
        .expect("body")
        .send_keys("\u{e004}")
        .await
        .expect("tab");
    let focused = c
        .active_element()
        .await
        .expect("active")
        .text()
        .await
        .expect("text");
    assert_eq!(focused, "跳到主要内容");
    let top = js(
        &c,
        "return document.activeElement.getBoundingClientRect().top;",
    )
    .await;
    assert!(
        top.as_f64().unwrap_or(-100.0) >= 0.0,
        "skip link visible on focus"
    );
    shot(&c, &format!("{tag}-portal-focus")).await;

    // 长者模式: the toggle works without JavaScript and persists.
    c.find(Locator::Css("header form[action='/prefs/elder'] button"))
        .await
        .expect("toggle")
        .click()
        .await
        .expect("click");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let cls = js(&c, "return document.documentElement.className;").await;
        if cls == "elder" {
            break;
        }
        assert!(Instant::now() < deadline, "elder class not set: {cls}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let size = js(
        &c,
        "return parseFloat(getComputedStyle(document.documentElement).fontSize);",
    )
    .await;
    assert!(size.as_f64().unwrap_or(0.0) >= 20.0, "large text: {size}");
    shot(&c, &format!("{tag}-portal-elder")).await;
    c.goto(&app.url("/xxgk")).await.expect("goto");
    assert_eq!(
        js(&c, "return document.documentElement.className;").await,
        "elder",
        "persists"
    );

    // Phone width: no horizontal scrolling.
    c.set_window_size(390, 844).await.expect("resize");
    c.goto(&app.url("/xxgk/guide")).await.expect("goto");
    let fits = js(
        &c,
        "return document.documentElement.scrollWidth <= window.innerWidth + 1;",
    )
    .await;
    assert_eq!(fits, serde_json::Value::Bool(true), "fits a phone screen");
    shot(&c, &format!("{tag}-portal-phone")).await;
    c.set_window_size(1280, 900).await.expect("resize");
    c.goto(&app.url("/missing-page")).await.expect("goto");
    assert!(c.source().await.expect("src").contains("页面不存在"));
    shot(&c, &format!("{tag}-404")).await;
    c.close().await.expect("close");
}

both!(policy_with_interpretation_published_together);

/// A publisher drafts a policy and its interpretation; a reviewer approves the
/// interpretation and publishes both; the public finds them on the portal.
async fn policy_with_interpretation_published_together(b: Backend) {
    if !browser_available() {
        return;
    }
    let app = spawn(b).await;
    let tag = b.name();
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let (_driver, c) = start_driver().await;

    // Publisher: draft the policy.
    c.goto(&app.url("/admin/login")).await.expect("goto");
    fill_and_submit(&c, &[("#username", "pub"), ("#password", PASSWORD)]).await;
    wait_path(&c, "/admin").await;
    c.goto(&app.url("/admin/docs/new")).await.expect("goto");
    c.find(Locator::Css("#title"))
        .await
        .expect("title")
        .send_keys("关于规范占道经营管理的通知")
        .await
        .expect("type");
    c.find(Locator::Css("#doc_no"))
        .await
        .expect("doc_no")
        .send_keys("沪城管执〔2026〕8号")
        .await
        .expect("type");
    js(
        &c,
        "document.getElementById('written_on').value = '2026-03-02';",
    )
    .await;
    c.find(Locator::Css("input[name=needs_interpretation]"))
        .await
        .expect("checkbox")
        .click()
        .await
        .expect("click");
    c.find(Locator::Css("#body"))
        .await
        .expect("body")
        .send_keys("一、各区局要加强占道经营管理。\n二、本通知自发布之日起施行。")
        .await
        .expect("type");
    shot(&c, &format!("{tag}-doc-form")).await;
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .expect("save")
        .click()
        .await
        .expect("click");
    c.wait()
        .for_element(Locator::Css("#doc-state"))
        .await
        .expect("document page");
    let url = c.current_url().await.expect("url");
    let doc_path = url.path().to_string();
    assert!(
        c.source()
            .await
            .expect("src")
            .contains("沪城管执〔2026〕8号")
    );

    // The interpretation.
    c.goto(&app.url(&format!("{doc_path}/interpretation")))
        .await
        .expect("goto");
    c.find(Locator::Css("#body"))
        .await
        .expect("body")
        .send_keys("一图读懂：占道经营管理的新要求。")
        .await
        .expect("type");
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .expect("save")
        .click()
        .await
        .expect("click");
    c.wait()
        .for_element(Locator::Css("#interp-state"))
        .await
        .expect("back on the document");
    c.find(Locator::Css("form[action$='/submit'] button"))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
    c.wait()
        .for_element(Locator::Css(".alert.success"))
        .await
        .expect("submitted");
    assert_eq!(
        c.find(Locator::Css("#doc-state"))
            .await
            .expect("state")
            .text()
            .await
            .expect("text"),
        "送审"
    );
    c.find(Locator::Css("header form[action='/admin/logout'] button"))
        .await
        .expect("logout")
        .click()
        .await
        .expect("click");
    wait_path(&c, "/admin/login").await;

    // Reviewer: approve the interpretation, then publish both.
    fill_and_submit(&c, &[("#username", "rev"), ("#password", PASSWORD)]).await;
    wait_path(&c, "/admin").await;
    c.goto(&app.url(&doc_path)).await.expect("goto");
    assert!(
        c.source().await.expect("src").contains("暂不能发布"),
        "blocked until the interpretation is approved"
    );
    c.find(Locator::Css(
        "form[action$='/interpretation/approve'] button",
    ))
    .await
    .expect("approve")
    .click()
    .await
    .expect("click");
    c.wait()
        .for_element(Locator::Css(".alert.success"))
        .await
        .expect("approved");
    shot(&c, &format!("{tag}-doc-review")).await;
    c.find(Locator::Css("form[action$='/publish'] button"))
        .await
        .expect("publish")
        .click()
        .await
        .expect("click");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        // The page is reloading after the click: the element may be gone for a moment.
        let state = match c.find(Locator::Css("#doc-state")).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if state == "已发布" {
            break;
        }
        assert!(Instant::now() < deadline, "not published: {state}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        c.find(Locator::Css("#interp-state"))
            .await
            .expect("interp")
            .text()
            .await
            .expect("text"),
        "已发布"
    );

    // The public: the list, the document with its header table, the interpretation.
    c.goto(&app.url("/xxgk/proactive")).await.expect("goto");
    c.find(Locator::LinkText("关于规范占道经营管理的通知"))
        .await
        .expect("listed")
        .click()
        .await
        .expect("click");
    c.wait()
        .for_element(Locator::Css("table.doc-meta"))
        .await
        .expect("document page");
    let src = c.source().await.expect("src");
    assert!(src.contains("沪城管执〔2026〕8号") && src.contains("MB2F300040/2026-00001"));
    shot(&c, &format!("{tag}-doc-public")).await;
    c.find(Locator::LinkText("阅读本文件的政策解读"))
        .await
        .expect("interp link")
        .click()
        .await
        .expect("click");
    c.wait()
        .for_element(Locator::Css("article.document"))
        .await
        .expect("interpretation page");
    assert!(c.source().await.expect("src").contains("一图读懂"));
    c.close().await.expect("close");
}

both!(foi_case_end_to_end);

/// Fill the fields of one form (by CSS selector) and press its submit button.
pub async fn submit_form(c: &Client, form: &str, fields: &[(&str, &str)]) {
    for (name, text) in fields {
        c.find(Locator::Css(&format!("{form} [name={name}]")))
            .await
            .expect("field")
            .send_keys(text)
            .await
            .expect("type");
    }
    js(c, "window.__before_submit = true;").await;
    c.find(Locator::Css(&format!("{form} button[type=submit]")))
        .await
        .expect("submit")
        .click()
        .await
        .expect("click");
    // Wait for the next page to load (the marker is gone with the old document).
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let v = js(
            c,
            "return window.__before_submit === undefined && document.readyState === 'complete';",
        )
        .await;
        if v == serde_json::Value::Bool(true) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{form} submitted but no new page"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub async fn page_text(c: &Client) -> String {
    js(c, "return document.querySelector('main').innerText;")
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// 依申请公开 in the browser: submit on the portal → confirm receipt → 补正 →
/// consultation → extension → reply letter → mailed → closed, then follow it on
/// the portal.
async fn foi_case_end_to_end(b: Backend) {
    if !browser_available() {
        return;
    }
    let app = spawn(b).await;
    let tag = b.name();
    app.user("ysq", &[Role::FoiHandler]).await;
    let (_driver, c) = start_driver().await;

    c.goto(&app.url("/ysqgk/apply")).await.expect("goto");
    js(
        &c,
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
        &c,
        &[
            ("#applicant_name", "陈某某"),
            ("#id_number", "11010519491231002X"),
            ("#phone", "13700001111"),
            ("#address", "上海市浦东新区某路88号"),
            ("#info_description", "2025年本区占道经营整治的处罚决定书"),
        ],
    )
    .await;
    wait_path(&c, "/ysqgk/apply").await;
    shot(&c, &format!("foi-receipt-{tag}")).await;
    let no = js(
        &c,
        "return document.getElementById('receipt-no').innerText;",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string();
    let code = js(
        &c,
        "return document.getElementById('query-code').innerText;",
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string();
    assert!(no.starts_with("YSQ"), "receipt number shown: {no}");

    c.goto(&app.url("/admin/login")).await.expect("goto");
    fill_and_submit(&c, &[("#username", "ysq"), ("#password", PASSWORD)]).await;
    wait_path(&c, "/admin").await;
    c.goto(&app.url("/admin/foi")).await.expect("goto");
    c.find(Locator::LinkText(&no))
        .await
        .expect("case listed")
        .click()
        .await
        .expect("open");
    let case_path = c.current_url().await.expect("url").path().to_string();
    assert!(page_text(&c).await.contains("尚未确认收到申请"));

    submit_form(&c, "#form-receipt_confirmed", &[]).await;
    let t = page_text(&c).await;
    assert!(t.contains("起20个工作日；截止"), "{t}");
    submit_form(
        &c,
        "#form-correction_requested",
        &[("items", "请写明处罚决定书的作出时间范围")],
    )
    .await;
    assert!(page_text(&c).await.contains("等待申请人补正"));
    submit_form(&c, "#form-correction_received", &[]).await;
    assert!(page_text(&c).await.contains("补正后重新起算"));
    submit_form(
        &c,
        "#form-consultation_started",
        &[("name", "某某餐饮有限公司")],
    )
    .await;
    assert!(page_text(&c).await.contains("征求意见中"));
    submit_form(
        &c,
        "form[id^=form-consultation_answered]",
        &[("opinion", "同意公开")],
    )
    .await;
    submit_form(
        &c,
        "#form-extension_approved",
        &[("approver", "办公室主任王某"), ("reason", "需要调取档案")],
    )
    .await;
    let t = page_text(&c).await;
    assert!(
        t.contains("征求第三方（某某餐饮有限公司）意见暂停")
            && t.contains("经办公室主任王某批准延期20个工作日"),
        "{t}"
    );
    shot(&c, &format!("foi-case-{tag}")).await;
    js(&c, "document.getElementById('outcome').value = 'provided';").await;
    submit_form(&c, "#form-replied", &[("note", "详见附件")]).await;
    assert!(page_text(&c).await.contains("已答复"));
    // The reply letter downloads as Word.
    let status = js(
        &c,
        "var x = new XMLHttpRequest(); x.open('GET', document.getElementById('letter-reply-docx').href, false); x.send(); return x.status;",
    )
    .await;
    assert_eq!(status, 200);
    submit_form(&c, "#form-mailed", &[("tracking", "EA123456789CN")]).await;
    submit_form(&c, "#form-closed", &[]).await;
    wait_path(&c, &case_path).await;
    let t = page_text(&c).await;
    assert!(t.contains("已办结") && t.contains("EA123456789CN"), "{t}");

    c.goto(&app.url(&format!("/ysqgk/progress?no={no}&code={code}")))
        .await
        .expect("goto");
    let t = page_text(&c).await;
    assert!(t.contains("已办结") && t.contains("作出答复"), "{t}");
    assert!(!t.contains("陈某某"), "no personal data on the portal");
    shot(&c, &format!("foi-progress-{tag}")).await;
    c.close().await.expect("close");
}

both!(penalty_masking_confirmed_and_published);

/// 执法公示 in the browser: a registered case's automatic masking is checked side by
/// side by a second person, a leftover phone number is refused, then published.
async fn penalty_masking_confirmed_and_published(b: Backend) {
    if !browser_available() {
        return;
    }
    let app = spawn(b).await;
    let tag = b.name();
    let id = crate::penalty::case(&app, "沪黄城管罚〔2026〕88号").await;
    app.user("checker", &[Role::Enforcer]).await;
    let (_driver, c) = start_driver().await;
    c.goto(&app.url("/admin/login")).await.expect("goto");
    fill_and_submit(&c, &[("#username", "checker"), ("#password", PASSWORD)]).await;
    wait_path(&c, "/admin").await;
    c.goto(&app.url(&format!("/admin/penalties/{id}")))
        .await
        .expect("goto");
    let t = page_text(&c).await;
    assert!(
        t.contains("张某某") && t.contains("138********") && t.contains("自动去标识化处理 2 处"),
        "{t}"
    );
    shot(&c, &format!("penalty-compare-{tag}")).await;
    // Typing a phone number back in is refused.
    submit_form(
        &c,
        "#form-confirm",
        &[("masked_facts", "，联系13900001111")],
    )
    .await;
    let t = page_text(&c).await;
    assert!(t.contains("仍含个人信息"), "{t}");
    c.goto(&app.url(&format!("/admin/penalties/{id}")))
        .await
        .expect("goto");
    submit_form(&c, "#form-confirm", &[]).await;
    assert!(page_text(&c).await.contains("已确认去标识化文本"));
    submit_form(&c, "#form-publish", &[]).await;
    assert!(page_text(&c).await.contains("已公开"));
    c.goto(&app.url("/enforcement/penalties"))
        .await
        .expect("goto");
    c.find(Locator::LinkText("沪黄城管罚〔2026〕88号"))
        .await
        .expect("listed")
        .click()
        .await
        .expect("open");
    let t = page_text(&c).await;
    assert!(
        t.contains("张某某") && !t.contains("张三") && !t.contains("13812345678"),
        "{t}"
    );
    shot(&c, &format!("penalty-public-{tag}")).await;
    c.close().await.expect("close");
}

both!(search_from_the_header_with_facets);

/// The search box in the header of a portal page → results with tabs and facets →
/// a facet narrows the list → a result opens the law at its article.
async fn search_from_the_header_with_facets(b: Backend) {
    if !browser_available() {
        return;
    }
    let app = spawn(b).await;
    let tag = b.name();
    let root = tempfile::tempdir().expect("dir");
    let dir = root.path().join("laws");
    for (level, file, text) in [
        (
            "地方性法规",
            "市容条例.md",
            "# 上海市市容环境卫生管理条例\n\n<!-- INFO END -->\n\n## 第二章 市容管理\n\n第二十一条 任何单位和个人不得擅自占用道路设摊经营。\n",
        ),
        (
            "行政法规",
            "城市市容条例.md",
            "# 城市市容和环境卫生管理条例\n\n<!-- INFO END -->\n\n第十四条 未经批准，不得占用道路设摊经营。\n",
        ),
    ] {
        std::fs::create_dir_all(dir.join(level)).expect("dir");
        std::fs::write(dir.join(level).join(file), text).expect("law");
    }
    let csv = root.path().join("laws-index.csv");
    std::fs::write(
        &csv,
        "path,title,level,publish,valid_from,expired\n地方性法规/市容条例.md,上海市市容环境卫生管理条例,地方性法规,2022-01-01,2022-03-01,false\n行政法规/城市市容条例.md,城市市容和环境卫生管理条例,行政法规,2017-03-01,2017-03-01,false\n",
    )
    .expect("csv");
    gongkai::laws::import_dir(&app.db, &dir, Some(&csv), false)
        .await
        .expect("import");
    let s = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("reindex");

    let (_driver, c) = start_driver().await;
    c.goto(&app.url("/")).await.expect("goto");
    c.find(Locator::Css("#site-q"))
        .await
        .expect("header box")
        .send_keys("摆摊")
        .await
        .expect("type");
    c.find(Locator::Css("header form[role=search] button"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    wait_path(&c, "/search").await;
    let src = c.source().await.expect("source");
    assert!(src.contains("法规（2）"), "摆摊 finds both 设摊 articles");
    assert!(
        src.contains("地方性法规（1）") && src.contains("行政法规（1）"),
        "level facet"
    );
    shot(&c, &format!("{tag}-search")).await;
    c.find(Locator::LinkText("行政法规（1）"))
        .await
        .expect("facet link")
        .click()
        .await
        .expect("click facet");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let src = c.source().await.expect("source");
        if src.contains("共 1 条结果") {
            assert!(src.contains("城市市容和环境卫生管理条例"));
            assert!(
                src.contains("不限（当前：行政法规）"),
                "the chosen value can be cleared"
            );
            break;
        }
        assert!(Instant::now() < deadline, "the facet narrows the list");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    c.find(Locator::Css("ol.search-results h2 a"))
        .await
        .expect("result")
        .click()
        .await
        .expect("open");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let url = c.current_url().await.expect("url");
        if url.path().starts_with("/laws/") {
            assert_eq!(url.fragment(), Some("a1"), "the article's anchor");
            break;
        }
        assert!(Instant::now() < deadline, "opens the law: {url}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    c.close().await.expect("close");
}

both!(search_for_zhandao_shows_the_shanghai_regulation_first_page);

/// 占道经营 typed in the header box: twelve other regions' rules repeat the word in
/// their titles, yet 上海市市容环境卫生管理条例 is on the first page (the site's region
/// first), each law once, its other articles expanding in place.
async fn search_for_zhandao_shows_the_shanghai_regulation_first_page(b: Backend) {
    if !browser_available() {
        return;
    }
    let app = spawn(b).await;
    crate::search::region_laws(&app).await;
    let (_driver, c) = start_driver().await;
    c.goto(&app.url("/")).await.expect("goto");
    c.find(Locator::Css("#site-q"))
        .await
        .expect("header box")
        .send_keys("占道经营")
        .await
        .expect("type");
    c.find(Locator::Css("header form[role=search] button"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    wait_path(&c, "/search").await;
    let first_page: Vec<String> = {
        let mut out = Vec::new();
        for e in c
            .find_all(Locator::Css("ol.search-results > li h2 a"))
            .await
            .expect("results")
        {
            out.push(e.text().await.expect("text"));
        }
        out
    };
    assert!(
        first_page.iter().any(|t| t == "上海市市容环境卫生管理条例"),
        "{first_page:?}"
    );
    let distinct: std::collections::HashSet<&String> = first_page.iter().collect();
    assert_eq!(distinct.len(), first_page.len(), "one entry per law");
    // The other articles of a law open in place (no script needed: <details>).
    let summary = c
        .find(Locator::Css("details.related summary"))
        .await
        .expect("summary");
    summary.click().await.expect("open");
    let open = js(&c, "return document.querySelector('details.related').open").await;
    assert_eq!(open, serde_json::json!(true));
    shot(&c, &format!("{}-search-region", b.name())).await;
    c.close().await.expect("close");
}
