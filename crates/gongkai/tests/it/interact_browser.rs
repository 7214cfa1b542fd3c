//! 网民留言 in real Chromium: a citizen writes a letter (answering the question,
//! no script needed), one handler 签收 and drafts the reply, a second approves it,
//! and the citizen follows it with the code, rates the reply and reads it on the
//! portal — masked. A citizen comments on article 3 of an open draft.

use std::time::{Duration, Instant};

use fantoccini::{Client, Locator};
use gongkai::auth::roles::Role;

use crate::browser::{browser_available, fill_and_submit, js, page_text, shot, start_driver};
use crate::common::{Backend, PASSWORD, TestApp, spawn};
use crate::interact::{challenge, count};

async fn text_of(c: &Client, id: &str) -> String {
    js(
        c,
        &format!("return document.getElementById('{id}').innerText;"),
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_string()
}

async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
}

async fn wait_text(c: &Client, needle: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while !page_text(c).await.contains(needle) {
        assert!(Instant::now() < deadline, "page never showed {needle}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn login(c: &Client, app: &TestApp, user: &str) {
    c.delete_all_cookies().await.expect("log out");
    c.goto(&app.url("/admin/login")).await.expect("goto");
    fill_and_submit(c, &[("#username", user), ("#password", PASSWORD)]).await;
    crate::browser::wait_path(c, "/admin").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_letter_is_answered_and_published_in_the_browser() {
    if !browser_available() {
        return;
    }
    let app = spawn(Backend::Sqlite).await;
    app.user("hudong1", &[Role::InteractHandler]).await;
    app.user("hudong2", &[Role::InteractHandler]).await;
    let (_driver, c) = start_driver().await;
    c.set_window_size(1366, 900).await.expect("resize");
    c.goto(&app.url("/interact")).await.expect("goto");
    click(&c, "main a[href='/interact/messages/new']").await;
    crate::browser::wait_path(&c, "/interact/messages/new").await;
    let html = c.source().await.expect("source");
    let (_, answer) = challenge(&app, &html).await;
    js(&c, "document.getElementById('kind').value = 'complaint';").await;
    shot(&c, "interact-write-1366").await;
    fill_and_submit(
        &c,
        &[
            ("#subject", "南京东路夜间占道经营"),
            (
                "#content",
                "我是王小明，手机13612345678。南京东路每晚有流动摊贩占道经营，请处理。",
            ),
            ("#name", "王小明"),
            ("#phone", "13612345678"),
            ("#answer", &answer),
        ],
    )
    .await;
    c.wait()
        .for_element(Locator::Css("#receipt-no"))
        .await
        .expect("receipt");
    let no = text_of(&c, "receipt-no").await;
    let code = text_of(&c, "query-code").await;
    shot(&c, "interact-receipt-1366").await;
    let id = count(&app.db, "SELECT MAX(id) FROM interact_messages").await;
    // Handler 1: 签收, then the reply.
    login(&c, &app, "hudong1").await;
    c.goto(&app.url("/admin/interact")).await.expect("goto");
    wait_text(&c, &no).await;
    c.goto(&app.url(&format!("/admin/interact/{id}")))
        .await
        .expect("goto");
    click(&c, "#form-sign button").await;
    wait_text(&c, "操作已完成").await;
    c.find(Locator::Css("#reply"))
        .await
        .expect("reply")
        .send_keys("王小明您好：已安排夜间巡查，劝离摊贩5户。")
        .await
        .expect("type");
    click(&c, "#form-draft button").await;
    wait_text(&c, "答复须由拟写人以外").await;
    // Handler 2: the side-by-side, then approval.
    login(&c, &app, "hudong2").await;
    c.goto(&app.url(&format!("/admin/interact/{id}")))
        .await
        .expect("goto");
    wait_text(&c, "去标识化对照").await;
    shot(&c, "interact-review-1366").await;
    click(&c, "#form-approve button").await;
    wait_text(&c, "已答复并公开").await;
    // The citizen: progress with the code, then the public page.
    c.delete_all_cookies().await.expect("log out");
    c.goto(&app.url(&format!("/interact/messages/progress?no={no}&code={code}")))
        .await
        .expect("goto");
    wait_text(&c, "已答复并公开").await;
    // The citizen rates the reply with the code (the form is on the progress page).
    click(&c, "#form-rate input[value='fair']").await;
    c.find(Locator::Css("#comment"))
        .await
        .expect("comment")
        .send_keys("处理及时，希望持续巡查。")
        .await
        .expect("type");
    click(&c, "#form-rate button").await;
    wait_text(&c, "感谢您的评价").await;
    let rated = count(
        &app.db,
        &format!("SELECT COUNT(*) FROM interact_messages WHERE id = {id} AND rating = 'fair'"),
    )
    .await;
    assert_eq!(rated, 1, "the rating is stored");
    c.goto(&app.url(&format!("/interact/messages/{id}")))
        .await
        .expect("goto");
    let public = page_text(&c).await;
    assert!(public.contains("已安排夜间巡查"), "{public}");
    assert!(
        !public.contains("王小明") && !public.contains("13612345678"),
        "{public}"
    );
    for w in [1366, 390] {
        c.set_window_size(w, 900).await.expect("resize");
        shot(&c, &format!("interact-letter-{w}")).await;
    }
    c.close().await.expect("close");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_comments_on_article_3_of_an_open_draft_in_the_browser() {
    if !browser_available() {
        return;
    }
    let app = spawn(Backend::Sqlite).await;
    app.user("zhengji", &[Role::InteractHandler]).await;
    let (client, csrf, _) = app.client_login("zhengji", PASSWORD).await;
    let today = gongkai::clock::today();
    let unit = app.root_unit.to_string();
    let opens = today.to_string();
    let closes = (today + chrono::TimeDelta::days(40)).to_string();
    let draft = "关于规范户外招牌设施的规定（征求意见稿）\n第一条　为了规范户外招牌设施，制定本规定。\n第二条　本规定适用于本市。\n第三条　设置户外招牌应当牢固安全。\n第四条　本规定自发布之日起施行。";
    let r = client
        .post(app.url("/admin/consultations/new"))
        .form(&[
            ("unit_id", unit.as_str()),
            ("title", "关于规范户外招牌设施的规定（征求意见稿）"),
            ("kind", "major_decision"),
            ("draft", draft),
            ("opens_on", opens.as_str()),
            ("closes_on", closes.as_str()),
            ("contact", "法制处 021-00000000"),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 303, "draft published");
    let id = count(&app.db, "SELECT MAX(id) FROM interact_consultations").await;
    let (_driver, c) = start_driver().await;
    c.set_window_size(1366, 900).await.expect("resize");
    c.goto(&app.url(&format!("/interact/consultations/{id}")))
        .await
        .expect("goto");
    // The link under article 3 preselects it in the form.
    click(&c, "#art-3 a").await;
    wait_text(&c, "提出意见").await;
    let chosen = js(&c, "return document.getElementById('article').value;").await;
    assert_eq!(chosen.as_str(), Some("3"), "article 3 preselected");
    let html = c.source().await.expect("source");
    let (_, answer) = challenge(&app, &html).await;
    fill_and_submit(
        &c,
        &[
            ("#passage", "应当牢固安全"),
            ("#content", "建议明确检查周期，例如每年至少检查一次。"),
            ("#phone", "13700001234"),
            ("#answer", &answer),
        ],
    )
    .await;
    wait_text(&c, "意见已提交").await;
    shot(&c, "consult-commented-1366").await;
    let stored = count(
        &app.db,
        &format!(
            "SELECT COUNT(*) FROM interact_comments WHERE consultation_id = {id} AND article = 3 AND passage = '应当牢固安全'"
        ),
    )
    .await;
    assert_eq!(
        stored, 1,
        "one comment on article 3 with the quoted passage"
    );
    c.close().await.expect("close");
}
