//! The annual report's back-office pages in real Chromium: axe-core (WCAG 2.0/2.1 A
//! and AA) on the report of the bureau and of a 区局 (the organ select), the records
//! behind a figure, the preview and the training list and form, at 1366 px and
//! 390 px, with screenshots of the report page (target/screenshots/annual-*.png).
//! Rendering does not depend on the database engine: SQLite only.

use gongkai::auth::roles::Role;

use crate::axe::{axe_at, wait_loaded};
use crate::browser::{browser_available, fill_and_submit, shot, start_driver, wait_path};
use crate::common::{Backend, PASSWORD, spawn};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn annual_report_pages_pass_axe_at_desktop_and_phone_width() {
    if !browser_available() {
        return;
    }
    let app = spawn(Backend::Sqlite).await;
    let district = app.unit("测试区城管执法局", Some(app.root_unit)).await;
    app.user("axe_annual", &[Role::FoiHandler]).await;
    let (_driver, c) = start_driver().await;
    c.set_window_size(1366, 900).await.expect("resize");
    c.goto(&app.url("/admin/login")).await.expect("goto");
    fill_and_submit(&c, &[("#username", "axe_annual"), ("#password", PASSWORD)]).await;
    wait_path(&c, "/admin").await;
    let pages = [
        "/admin/annual?year=2025".to_string(),
        format!("/admin/annual?year=2025&organ={district}"),
        "/admin/annual/records?year=2025&table=two&line=penalties".into(),
        "/admin/annual/preview?year=2025".into(),
        "/admin/trainings".into(),
        "/admin/trainings/new".into(),
    ];
    let mut failures = Vec::new();
    for (w, h) in [(1366, 900), (390, 844)] {
        c.set_window_size(w, h).await.expect("resize");
        for path in &pages {
            failures.extend(axe_at(&c, &app, path, w).await);
        }
        c.goto(&app.url(&pages[1])).await.expect("goto");
        wait_loaded(&c).await;
        let src = c.source().await.expect("source");
        assert!(src.contains("测试区城管执法局2025年政府信息公开工作年度报告"));
        assert!(src.contains("id=\"organ\""), "the organ select");
        shot(&c, &format!("annual-district-{w}")).await;
    }
    assert!(failures.is_empty(), "axe:\n{}", failures.join("\n"));
}
