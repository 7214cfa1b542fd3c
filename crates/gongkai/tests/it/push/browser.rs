//! 政策精准推送 in a real browser against a real SMTP server: an enterprise subscribes
//! on the public form → the confirmation mail arrives and its link is confirmed in the
//! browser → a matching policy is published → the policy mail arrives → its tracked
//! link opens the personal page at that policy, with why it applies.

use fantoccini::Locator;

use super::smtp::SmtpServer;
use super::{SMALL_FOOD_PUDONG, tagged_policy};
use crate::both;
use crate::browser::{
    browser_available, js, page_text, shot, start_driver, submit_form, wait_path,
};
use crate::common::{Backend, spawn_with};

both!(subscribe_confirm_receive_and_open_in_a_browser);

/// The link in a mail that starts with `marker`, moved onto the test server.
fn link(text: &str, marker: &str, public: &str, base: &str) -> String {
    let i = text.find(marker).expect(marker);
    let end = text[i..]
        .find(|c: char| c.is_whitespace() || c == '>' || c == '"')
        .map_or(text.len(), |e| i + e);
    let start = text[..i].rfind(public).expect("public url");
    format!("{base}{}", &text[start + public.len()..end])
}

async fn subscribe_confirm_receive_and_open_in_a_browser(b: Backend) {
    if !browser_available() {
        return;
    }
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let port = smtp.port;
    let public = "https://gk.example.cn";
    let app = spawn_with(b, move |s| {
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
        s.mail.per_minute = 1000;
        s.server.public_url = public.into();
    })
    .await;
    let tag = b.name();
    let base = app.url("");
    let base = base.trim_end_matches('/');
    let code = super::delivery::credit_code();
    let (_driver, c) = start_driver().await;

    // The public form, typed and chosen as a person would.
    c.goto(&app.url("/push/subscribe")).await.expect("goto");
    js(
        &c,
        "document.getElementById('division').value = '14';\
         document.getElementById('district').value = '310115';\
         document.getElementById('scale').value = 'micro';\
         document.querySelector('input[name=consent]').click();",
    )
    .await;
    submit_form(
        &c,
        "main form",
        &[
            ("credit_code", &code),
            ("name", "上海某某食品有限公司"),
            ("email", "boss@food.example.cn"),
            ("industry", "1431"),
        ],
    )
    .await;
    let t = page_text(&c).await;
    assert!(
        t.contains("确认") && !t.contains("统一社会信用代码有误"),
        "{t}"
    );
    shot(&c, &format!("push-subscribed-{tag}")).await;

    // The confirmation mail reaches the SMTP server; its link is confirmed in the browser.
    gongkai::push::job(&app.state).await.expect("job");
    let got = smtp.messages();
    assert_eq!(got.len(), 1, "one confirmation");
    c.goto(&link(&got[0].text, "/push/confirm?t=", public, base))
        .await
        .expect("goto confirm");
    assert!(page_text(&c).await.contains("确认订阅"));
    submit_form(&c, "main form", &[]).await;
    let t = page_text(&c).await;
    assert!(t.contains("已确认") || t.contains("订阅已生效"), "{t}");

    // A policy for 小微 food producers in 浦东 is published and sent.
    let doc = tagged_policy(&app, "浦东小微食品企业扶持措施", SMALL_FOOD_PUDONG).await;
    gongkai::push::job(&app.state).await.expect("job");
    let got = smtp.messages();
    assert_eq!(got.len(), 2, "confirmation + policy");
    assert!(got[1].text.contains("浦东小微食品企业扶持措施"));

    // The tracked link opens the personal page at the policy, with why it applies.
    c.goto(&link(&got[1].text, "/push/o/", public, base))
        .await
        .expect("goto tracked");
    wait_path(&c, "/push/me").await;
    let url = c.current_url().await.expect("url");
    assert_eq!(url.fragment(), Some(format!("doc-{doc}").as_str()), "{url}");
    c.find(Locator::Id(&format!("doc-{doc}")))
        .await
        .expect("the policy on the personal page");
    let t = page_text(&c).await;
    assert!(
        t.contains("浦东小微食品企业扶持措施") && t.contains("为什么适用"),
        "{t}"
    );
    shot(&c, &format!("push-personal-page-{tag}")).await;
}
