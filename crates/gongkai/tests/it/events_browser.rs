//! 公众开放日 in a real browser: two people register for a one-seat session (a seat,
//! then the waitlist), the first cancels with the code, and the second sees the
//! promotion on the progress page.

use fantoccini::Locator;

use crate::both;
use crate::browser::{
    browser_available, js, page_text, shot, start_driver, submit_form, wait_path,
};
use crate::common::{Backend, spawn};

both!(register_cancel_and_the_waitlisted_person_is_promoted);

async fn register_cancel_and_the_waitlisted_person_is_promoted(b: Backend) {
    if !browser_available() {
        return;
    }
    let app = spawn(b).await;
    let tag = b.name();
    let (event, _) = crate::events::event(&app, &[1]).await;
    let (_driver, c) = start_driver().await;
    let register = |name: &'static str, phone: &'static str| {
        let c = c.clone();
        let url = app.url(&format!("/interact/events/{event}"));
        async move {
            c.goto(&url).await.expect("goto");
            submit_form(&c, "#register-form", &[("name", name), ("phone", phone)]).await;
            let code = js(&c, "return document.getElementById('reg-code').innerText;")
                .await
                .as_str()
                .unwrap_or_default()
                .to_string();
            let status = js(
                &c,
                "return document.getElementById('reg-status').innerText;",
            )
            .await
            .as_str()
            .unwrap_or_default()
            .to_string();
            (code, status)
        }
    };
    let (first, status) = register("王晓明", "13900000001").await;
    assert_eq!(status, "报名成功");
    assert!(
        c.find(Locator::Css("figure.qr svg")).await.is_ok(),
        "the check-in QR code"
    );
    shot(&c, &format!("events-receipt-{tag}")).await;
    let (second, status) = register("李静", "13900000002").await;
    assert_eq!(status, "候补");
    assert_eq!(second.len(), 10);

    c.goto(&app.url(&format!("/interact/events/registration?code={second}")))
        .await
        .expect("goto");
    assert!(page_text(&c).await.contains("候补第 1 位"));
    // The first person cancels with the code.
    c.goto(&app.url(&format!("/interact/events/registration?code={first}")))
        .await
        .expect("goto");
    submit_form(&c, "#cancel-form", &[]).await;
    wait_path(&c, "/interact/events/registration").await;
    let t = page_text(&c).await;
    assert!(t.contains("已取消报名") && t.contains("已取消"), "{t}");
    // The second sees the promotion and the QR code.
    c.goto(&app.url(&format!("/interact/events/registration?code={second}")))
        .await
        .expect("goto");
    let t = page_text(&c).await;
    assert!(
        t.contains("报名成功") && t.contains("由候补转为正式报名"),
        "{t}"
    );
    assert!(c.find(Locator::Css("figure.qr svg")).await.is_ok());
    shot(&c, &format!("events-promoted-{tag}")).await;
    // The event page: the seat is taken again, no names.
    c.goto(&app.url(&format!("/interact/events/{event}")))
        .await
        .expect("goto");
    let t = page_text(&c).await;
    assert!(!t.contains("李静") && !t.contains("王晓明"));
    c.close().await.expect("close");
}
