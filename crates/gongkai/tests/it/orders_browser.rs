//! 诉求工单 in a real browser: a 找错 report on our own site → 转办 to a district
//! → 签收 → 答复 → the reporter reads the answer with the query code.

use fantoccini::Locator;
use gongkai::auth::roles::Role;

use crate::both;
use crate::browser::{
    browser_available, fill_and_submit, js, page_text, shot, start_driver, submit_form, wait_path,
};
use crate::common::{Backend, PASSWORD, spawn};

both!(site_error_report_transferred_answered_and_read);

async fn site_error_report_transferred_answered_and_read(b: Backend) {
    if !browser_available() {
        return;
    }
    let app = spawn(b).await;
    let tag = b.name();
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    app.user("hd", &[Role::InteractHandler]).await;
    let (_driver, c) = start_driver().await;

    c.goto(&app.url("/zhaocuo?url=https://example.gov.cn/xxgk/1"))
        .await
        .expect("goto");
    js(
        &c,
        "document.querySelector('input[name=error_type][value=typo]').click();",
    )
    .await;
    fill_and_submit(&c, &[("#description", "第二段“城管”误写为“城关”")]).await;
    wait_path(&c, "/zhaocuo").await;
    shot(&c, &format!("orders-receipt-{tag}")).await;
    let read = |id: &'static str| {
        let c = c.clone();
        async move {
            js(
                &c,
                &format!("return document.getElementById('{id}').innerText;"),
            )
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
        }
    };
    let no = read("order-no").await;
    let code = read("query-code").await;
    assert!(no.starts_with("WZ") && code.len() == 8, "{no} {code}");

    c.goto(&app.url("/admin/login")).await.expect("goto");
    fill_and_submit(&c, &[("#username", "hd"), ("#password", PASSWORD)]).await;
    wait_path(&c, "/admin").await;
    c.goto(&app.url("/admin/orders")).await.expect("goto");
    c.find(Locator::LinkText(&no))
        .await
        .expect("listed")
        .click()
        .await
        .expect("open");
    assert!(page_text(&c).await.contains("待签收"));
    js(
        &c,
        &format!("document.getElementById('unit_id').value = '{district}';"),
    )
    .await;
    submit_form(&c, "#form-transfer", &[]).await;
    let t = page_text(&c).await;
    assert!(t.contains("转办至黄浦区城管执法局"), "{t}");
    submit_form(&c, "#form-accept", &[]).await;
    submit_form(
        &c,
        "#form-finish",
        &[
            ("result", "已更正页面错别字"),
            ("reply", "您指出的错别字已更正，感谢支持。"),
        ],
    )
    .await;
    let t = page_text(&c).await;
    assert!(t.contains("已办结待回访"), "{t}");
    shot(&c, &format!("orders-admin-{tag}")).await;

    c.goto(&app.url(&format!("/zhaocuo/progress?no={no}&code={code}")))
        .await
        .expect("goto");
    let t = page_text(&c).await;
    assert!(
        t.contains("您指出的错别字已更正，感谢支持。") && t.contains("转办"),
        "{t}"
    );
    shot(&c, &format!("orders-progress-{tag}")).await;
    c.close().await.expect("close");
}
