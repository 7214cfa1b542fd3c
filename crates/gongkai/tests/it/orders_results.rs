//! The day's results of 12345 / national 找错 orders as .xlsx for platforms without
//! an API (`/admin/orders/results.xlsx`), on both backends: only that day's and
//! that platform's, only the user's units, a bad date refused in Chinese.

use chrono::{Duration, NaiveDate};
use gongkai::auth::roles::Role;
use gongkai::orders::model::{Source, Urgency};

use crate::both;
use crate::common::{Backend, PASSWORD, TestApp, spawn};

both!(day_results_export_per_platform_and_unit);

async fn new_order(app: &TestApp, no: &str, source: Source, unit: i64, on: NaiveDate) -> i64 {
    let o = gongkai::orders::form::NewOrder {
        source,
        source_no: Some(no.to_string()),
        service_code: "street_vending".into(),
        description: "南京东路夜市占道经营".into(),
        address: "南京东路100号".into(),
        district: String::new(),
        lat: None,
        lon: None,
        contact_name: String::new(),
        contact_phone: String::new(),
        contact_email: String::new(),
        urgency: Urgency::Normal,
        page_url: String::new(),
        error_type: None,
        received_on: on,
        due: None,
    };
    gongkai::orders::service::create(
        &app.state,
        &o,
        Some(unit),
        None,
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("order")
    .id
}

async fn act(app: &TestApp, id: i64, fields: &[(&str, &str)]) {
    let r = app.post(&format!("/admin/orders/{id}/act"), fields).await;
    assert_eq!(r.status().as_u16(), 303, "{fields:?}");
}

async fn finish(app: &TestApp, id: i64, result: &str) {
    act(app, id, &[("action", "accept")]).await;
    act(
        app,
        id,
        &[
            ("action", "finish"),
            ("result", result),
            ("reply", "您反映的问题已处理"),
        ],
    )
    .await;
}

/// The first sheet of the export as strings.
async fn sheet(client: &reqwest::Client, app: &TestApp, query: &str) -> Vec<Vec<String>> {
    let r = client
        .get(app.url(&format!("/admin/orders/results.xlsx?{query}")))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status().as_u16(), 200, "{query}");
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(ct.contains("spreadsheetml"), "{ct}");
    let bytes = r.bytes().await.expect("bytes");
    gongkai::table::read_xlsx(&bytes).expect("xlsx")
}

async fn day_results_export_per_platform_and_unit(b: Backend) {
    let app = spawn(b).await;
    let east = app.unit("东区城管执法局", Some(app.root_unit)).await;
    let west = app.unit("西区城管执法局", Some(app.root_unit)).await;
    app.user("hd", &[Role::InteractHandler]).await;
    app.user_in("east", &[Role::InteractHandler], east).await;
    app.user_in("west", &[Role::InteractHandler], west).await;
    app.login_ok("hd").await;
    let today = gongkai::clock::today();
    let a = new_order(&app, "SH12345-D-1", Source::Hotline, east, today).await;
    let b2 = new_order(&app, "SH12345-D-2", Source::Hotline, east, today).await;
    let other_day = new_order(&app, "SH12345-D-3", Source::Hotline, east, today).await;
    let west_one = new_order(&app, "SH12345-D-4", Source::Hotline, west, today).await;
    let zhaocuo = new_order(&app, "ZC-D-5", Source::SiteError, east, today).await;
    finish(&app, a, "已清理占道摊位").await;
    act(
        &app,
        b2,
        &[("action", "return"), ("reason", "不属于本局职责")],
    )
    .await;
    finish(&app, other_day, "前日已处理").await;
    finish(&app, west_one, "西区已处理").await;
    finish(&app, zhaocuo, "错别字已更正").await;
    // One result recorded two days ago.
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE order_pushbacks SET result_at = $1 WHERE order_id = $2"
    )
    .bind(gongkai::clock::now() - Duration::days(2))
    .bind(other_day)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("move");

    // The orders page offers the download as a plain form.
    let (_, page) = app.get_text("/admin/orders").await;
    assert!(page.contains("action=\"/admin/orders/results.xlsx\""));
    assert!(page.contains(&format!("value=\"{today}\"")));

    // A user of the east unit: exactly its two 12345 results of the day.
    let (east_client, _, r) = app.client_login("east", PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303);
    let rows = sheet(&east_client, &app, &format!("date={today}&source=12345")).await;
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(
        rows[0],
        [
            "平台工单号",
            "办理结果（办结/退回）",
            "答复内容",
            "办结时间（北京时间）",
            "承办单位",
            "推送状态"
        ]
    );
    let mut nos: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    nos.sort();
    assert_eq!(nos, ["SH12345-D-1", "SH12345-D-2"]);
    let done = rows.iter().find(|r| r[0] == "SH12345-D-1").expect("a");
    assert_eq!(done[1], "办结");
    assert!(done[2].contains("已清理占道摊位"), "{done:?}");
    assert!(done[3].starts_with(&today.to_string()), "{done:?}");
    assert_eq!(done[4], "东区城管执法局");
    assert_eq!(done[5], "待推送");
    let back = rows.iter().find(|r| r[0] == "SH12345-D-2").expect("b");
    assert_eq!(back[1], "退回");
    assert!(back[2].contains("不属于本局职责"));
    // The other day's result is on its own day.
    let before = today - Duration::days(2);
    let rows = sheet(&east_client, &app, &format!("date={before}&source=12345")).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "SH12345-D-3");
    // The national 找错 platform's results apart.
    let rows = sheet(&east_client, &app, &format!("date={today}&source=zhaocuo")).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "ZC-D-5");

    // A user of the west unit sees only theirs.
    let (west_client, _, _) = app.client_login("west", PASSWORD).await;
    let rows = sheet(&west_client, &app, &format!("date={today}&source=12345")).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[1][0], "SH12345-D-4");
    assert_eq!(rows[1][4], "西区城管执法局");
    // The root unit's handler sees all three of the day.
    let rows = sheet(&app.client, &app, &format!("date={today}&source=12345")).await;
    assert_eq!(rows.len(), 4, "{rows:?}");

    // Bad input: 400 with a Chinese message.
    for q in [
        "date=2026-13-40",
        "date=昨天",
        &format!("date={today}&source=weibo"),
    ] {
        let (s, body) = app
            .get_text(&format!("/admin/orders/results.xlsx?{q}"))
            .await;
        assert_eq!(s, 400, "{q}");
        assert!(
            body.contains("日期格式不正确") || body.contains("来源平台"),
            "{body}"
        );
    }
}
