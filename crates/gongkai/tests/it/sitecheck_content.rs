//! 网站巡检 content checks on both backends: a published document carries a wrong
//! 文号, an impossible date, a listed 错别字 and an unmasked mobile phone next to
//! correct ones; the crawl finds exactly those four on the document's page, keeps
//! the phone masked in what it stores and shows, and the dashboard warns.

use std::collections::BTreeSet;

use gongkai::auth::roles::Role;
use gongkai::sitecheck::crawl::Site;
use gongkai::sitecheck::{service, store};

use crate::both;
use crate::common::{Backend, spawn};

both!(content_checks_find_exactly_the_planted_mistakes);

async fn content_checks_find_exactly_the_planted_mistakes(b: Backend) {
    let app = spawn(b).await;
    let body = "依据沪城管规[2024]3号文件，定于2024年2月30日召开会议，请各单位做好按排。\n\n\
                联系人手机13812345678。\n\n\
                本通知依据沪城管规〔2024〕5号制定，自2024年3月1日起施行，生活必需品供应不受影响。";
    let doc = crate::sitecheck::publish(&app, body).await;
    let site = Site::InProcess(gongkai::app::router(app.state.clone()));
    let run = service::run_check(&app.state, site, "manual")
        .await
        .expect("run");
    let all = store::all_findings(&app.db, run).await.expect("findings");
    let content: Vec<_> = all.iter().filter(|f| f.kind.is_content()).collect();
    let page = format!("/xxgk/documents/{doc}");
    let got: BTreeSet<(&str, String)> = content
        .iter()
        .map(|f| (f.kind.code(), f.url.clone()))
        .collect();
    let want: BTreeSet<(&str, String)> = ["doc_number", "bad_date", "wording", "personal_data"]
        .into_iter()
        .map(|k| (k, page.clone()))
        .collect();
    assert_eq!(got, want, "{content:#?}");
    assert_eq!(
        content.len(),
        4,
        "exactly the planted mistakes: {content:#?}"
    );
    let detail = |code: &str| {
        content
            .iter()
            .find(|f| f.kind.code() == code)
            .map(|f| f.detail.clone())
            .unwrap_or_default()
    };
    assert!(detail("doc_number").contains("沪城管规〔2024〕3号"));
    assert!(detail("bad_date").contains("2024年2月30日"));
    assert!(detail("wording").contains("“按排”应为“安排”"));
    assert!(detail("personal_data").contains("138********"));
    for f in &all {
        assert!(!f.detail.contains("13812345678"), "{f:?}");
    }
    assert!(
        content.iter().all(|f| !f.kind.is_failure()),
        "warnings only"
    );

    // Shown with the other findings, exported, warned on the dashboard.
    app.user("scc_admin", &[Role::Admin]).await;
    app.login_ok("scc_admin").await;
    let (status, html) = app.get_text(&format!("/admin/sitecheck/runs/{run}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("个人信息未遮蔽") && html.contains("文号格式不规范"));
    assert!(!html.contains("13812345678"));
    let (_, dash) = app.get_text("/admin").await;
    assert!(
        dash.contains("网站巡检内容检查发现 4 项提示") && dash.contains("个人信息未遮蔽 1 项"),
        "dashboard warning"
    );
}
