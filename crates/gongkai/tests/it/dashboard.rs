//! The back-office dashboard: each role's to-do counts, scoped to the user's units,
//! each linking to the list that shows them; the 提醒清单 counts on the calendar.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, TestApp, spawn};

both!(
    reviewer_and_publisher_see_their_documents_to_handle,
    enforcer_sees_cases_to_confirm_by_someone_else_and_plans_to_draw,
    foi_handler_sees_overdue_and_unassigned_cases,
    admin_sees_users_and_units_of_their_scope,
    reminders_count_working_days_on_the_holiday_calendar,
);

/// The count and link of a to-do on the dashboard, by its label.
fn todo(html: &str, label: &str) -> (i64, String) {
    let dd = html
        .split(&format!("<dt>{label}</dt><dd>"))
        .nth(1)
        .unwrap_or_else(|| panic!("no to-do {label} in {html}"));
    let href = dd
        .split("href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("link")
        .to_string();
    let n = dd
        .split('>')
        .nth(1)
        .and_then(|s| s.split('<').next())
        .and_then(|s| s.trim().parse().ok())
        .expect("count");
    (n, href)
}

async fn dashboard_of(app: &TestApp, user: &str) -> String {
    app.post("/admin/logout", &[]).await;
    app.login_ok(user).await;
    let (status, html) = app.get_text("/admin").await;
    assert_eq!(status, 200);
    assert!(!html.contains("尚未上线"), "no stale notice: {html}");
    html
}

async fn set_state(app: &TestApp, id: i64, state: DocState, note: Option<&str>) {
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET state = $1, review_note = $2 WHERE id = $3"
    )
    .bind(state.code())
    .bind(note)
    .bind(id)
    .execute(p)
    .await
    .map(|_| ()))
    .expect("state");
}

async fn reviewer_and_publisher_see_their_documents_to_handle(b: Backend) {
    let app = spawn(b).await;
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.user_in("rev_hp", &[Role::Reviewer], district).await;
    app.user("pub", &[Role::Publisher]).await;
    let in_review = crate::docs::draft(&app, "送审中的市局文件", false).await;
    let hp_review = crate::docs::draft(&app, "送审中的区局文件", false).await;
    let returned = crate::docs::draft(&app, "被退回的文件", false).await;
    crate::docs::draft(&app, "普通草稿", false).await;
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET issuer_unit_id = $1 WHERE id = $2"
    )
    .bind(district)
    .bind(hp_review)
    .execute(p)
    .await
    .map(|_| ()))
    .expect("district doc");
    set_state(&app, in_review, DocState::Review, None).await;
    set_state(&app, hp_review, DocState::Review, None).await;
    set_state(&app, returned, DocState::Draft, Some("请补充依据")).await;

    let html = dashboard_of(&app, "rev").await;
    assert_eq!(
        todo(&html, "待审核的文件"),
        (2, "/admin/docs?state=review".into())
    );
    assert!(
        !html.contains("<dt>草稿</dt>"),
        "a reviewer has no drafts to-do"
    );
    let html = dashboard_of(&app, "rev_hp").await;
    assert_eq!(todo(&html, "待审核的文件").0, 1, "only the district's");
    // The link shows what was counted.
    let (_, list) = app.get_text("/admin/docs?state=review").await;
    assert!(list.contains("送审中的区局文件") && !list.contains("送审中的市局文件"));

    let html = dashboard_of(&app, "pub").await;
    assert_eq!(todo(&html, "草稿"), (2, "/admin/docs?state=draft".into()));
    assert_eq!(todo(&html, "被退回待修改").0, 1);
    assert!(!html.contains("待审核的文件"));
}

async fn enforcer_sees_cases_to_confirm_by_someone_else_and_plans_to_draw(b: Backend) {
    let app = spawn(b).await;
    let a = app.user("enf_a", &[Role::Enforcer]).await;
    app.user("enf_b", &[Role::Enforcer]).await;
    let mine = crate::penalty::case(&app, "沪城管罚〔2026〕1号").await;
    crate::penalty::case(&app, "沪城管罚〔2026〕2号").await;
    let published = crate::penalty::case(&app, "沪城管罚〔2026〕3号").await;
    crate::penalty::confirm_and_publish(&app, published).await;
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE penalty_cases SET created_by = $1 WHERE id = $2"
    )
    .bind(a)
    .bind(mine)
    .execute(p)
    .await
    .map(|_| ()))
    .expect("author");
    crate::inspect::committed_draw(&app).await;

    let html = dashboard_of(&app, "enf_a").await;
    assert_eq!(
        todo(&html, "待我确认去标识化的处罚案件"),
        (1, "/admin/penalties?state=pending".into()),
        "not the case enf_a registered"
    );
    assert_eq!(todo(&html, "已确认待公开的处罚案件").0, 0);
    assert_eq!(
        todo(&html, "已承诺待揭示的抽取"),
        (1, "/admin/inspect".into())
    );
    assert_eq!(todo(&html, "尚未抽取的抽查计划").0, 0);
    let html = dashboard_of(&app, "enf_b").await;
    assert_eq!(todo(&html, "待我确认去标识化的处罚案件").0, 2);
    // The filtered list shows the pending cases only.
    let (_, list) = app.get_text("/admin/penalties?state=pending").await;
    assert!(list.contains("沪城管罚〔2026〕1号") && !list.contains("沪城管罚〔2026〕3号"));
}

async fn foi_handler_sees_overdue_and_unassigned_cases(b: Backend) {
    let app = spawn(b).await;
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    app.user("foi", &[Role::FoiHandler]).await;
    app.user_in("foi_hp", &[Role::FoiHandler], district).await;
    // Received in January: long past its 20 working days; received today: not due.
    crate::foi::case(&app, "2026-01-05").await;
    crate::foi::case(&app, &gongkai::clock::today().to_string()).await;
    let html = dashboard_of(&app, "foi").await;
    assert_eq!(todo(&html, "已逾期"), (1, "/admin/foi#overdue-h".into()));
    assert_eq!(todo(&html, "5个工作日内到期").0, 0);
    assert_eq!(todo(&html, "待分配办理人").0, 2);
    let (_, list) = app.get_text("/admin/foi").await;
    assert!(list.contains("id=\"overdue-h\">已逾期（1）"), "{list}");
    let html = dashboard_of(&app, "foi_hp").await;
    assert_eq!(
        todo(&html, "已逾期").0,
        0,
        "the root's cases are out of scope"
    );
    assert_eq!(todo(&html, "待分配办理人").0, 0);
}

async fn admin_sees_users_and_units_of_their_scope(b: Backend) {
    let app = spawn(b).await;
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    app.unit("徐汇区城管执法局", Some(app.root_unit)).await;
    app.user("admin", &[Role::Admin]).await;
    app.user_in("hp_admin", &[Role::Admin], district).await;
    app.user_in("hp_pub", &[Role::Publisher, Role::Reviewer], district)
        .await;
    app.user("pub", &[Role::Publisher]).await;
    let html = dashboard_of(&app, "admin").await;
    assert_eq!(todo(&html, "用户"), (4, "/admin/users".into()));
    assert_eq!(todo(&html, "机构"), (3, "/admin/units".into()));
    let html = dashboard_of(&app, "hp_admin").await;
    assert_eq!(todo(&html, "用户").0, 2, "hp_admin and hp_pub");
    assert_eq!(todo(&html, "机构").0, 1);
}

async fn reminders_count_working_days_on_the_holiday_calendar(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    let id = crate::docs::draft(&app, "劳动节前成文的通知", false).await;
    // Written Monday 2023-04-10: with the 劳动节 break and the worked weekend days
    // the 20th working day is 2023-05-09 (Monday to Friday alone would give 05-08).
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET written_on = $1 WHERE id = $2"
    )
    .bind(chrono::NaiveDate::from_ymd_opt(2023, 4, 10).expect("date"))
    .bind(id)
    .execute(p)
    .await
    .map(|_| ()))
    .expect("written");
    app.login_ok("pub").await;
    let (_, html) = app.get_text("/admin/docs/warnings").await;
    assert!(html.contains("<td>2023-05-09</td>"), "{html}");
    assert!(!html.contains("暂按周一至周五"), "stale text gone");
    assert!(html.contains("法定节假日不计，调休上班日计入"), "{html}");
}
