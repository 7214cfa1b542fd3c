//! The working-day calendar: the API, the deadline calculator, the administrators'
//! page for a year's schedule, and reloading the calendar from the database.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, spawn};

both!(
    workday_api_and_calculator,
    administrators_add_a_year_and_bad_schedules_are_refused,
);

async fn workday_api_and_calculator(b: Backend) {
    let app = spawn(b).await;
    let r = app.get("/api/v1/workdays/2026").await;
    assert_eq!(r.status().as_u16(), 200);
    let v: serde_json::Value = r.json().await.expect("json");
    let dates = v["dates"].as_array().expect("dates");
    assert_eq!(dates.len(), 365);
    let oct10 = dates
        .iter()
        .find(|d| d["date"] == "2026-10-10")
        .expect("day");
    assert_eq!(oct10["is_workday"], true);
    assert_eq!(oct10["holiday"], "国庆节");
    let feb16 = dates
        .iter()
        .find(|d| d["date"] == "2026-02-16")
        .expect("day");
    assert_eq!(feb16["is_workday"], false);
    // 248 working days in 2026: 261 weekdays − 19 rest weekdays (元旦 2, 春节 6, 清明 1,
    // 劳动节 3, 端午 1, 中秋 1, 国庆 5) + 6 make-up days.
    assert_eq!(v["workdays"], 248);

    let r = app.get("/api/v1/workdays/add?from=2026-02-13&days=2").await;
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["date"], "2026-02-24");
    assert_eq!(v["skipped"].as_array().expect("skipped").len(), 9);

    let r = app.get("/api/v1/workdays/2099").await;
    assert_eq!(r.status().as_u16(), 409);
    let v: serde_json::Value = r.json().await.expect("json");
    assert!(
        v["error"]["message"]
            .as_str()
            .expect("msg")
            .contains("2099年的节假日安排尚未录入")
    );
    let r = app.get("/api/v1/workdays/add?from=2026-13-01&days=x").await;
    assert_eq!(r.status().as_u16(), 422);

    let (s, html) = app.get_text("/ysqgk/deadline?from=2026-09-28&days=5").await;
    assert_eq!(s, 200);
    // 09-29, 09-30 (2), 10-01..07 rest, 10-08 (3), 09 (4), 10 Saturday worked (5).
    assert!(html.contains("2026-10-10（星期六）"), "{html}");
    assert!(html.contains("国庆节放假"));
    let (_, html) = app
        .get_text("/ysqgk/deadline?from=2099-06-01&days=20")
        .await;
    assert!(html.contains("2099年的节假日安排尚未录入"));
}

async fn administrators_add_a_year_and_bad_schedules_are_refused(b: Backend) {
    let app = spawn(b).await;
    app.user("cal_admin", &[Role::Admin]).await;
    app.login_ok("cal_admin").await;
    // 2098-02-04 is a Wednesday.
    let bad = "year 2098\n春节 rest 02-02..02-08 work 02-04\n";
    let r = app.post("/admin/workdays", &[("schedule", bad)]).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("调休上班日必须是星期六或星期日"), "{html}");
    assert!(html.contains("02-04"), "the text typed is kept");

    let good = "year 2098\n元旦 rest 01-01..01-03\n春节 rest 02-02..02-08 work 02-01\n";
    let r = app.post("/admin/workdays", &[("schedule", good)]).await;
    assert_eq!(r.status().as_u16(), 303);
    // Wednesday 2098-01-01: Thursday and Friday rest, so the next working day is Monday 01-06.
    let r = app.get("/api/v1/workdays/add?from=2098-01-01&days=1").await;
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["date"], "2098-01-06", "01-01..01-03 rest");
    let r = app.get("/api/v1/workdays/2098").await;
    let v: serde_json::Value = r.json().await.expect("json");
    let feb1 = v["dates"]
        .as_array()
        .expect("dates")
        .iter()
        .find(|d| d["date"] == "2098-02-01")
        .cloned()
        .expect("day");
    assert_eq!(feb1["is_workday"], true, "Saturday worked");
    let (_, html) = app.get_text("/admin/audit").await;
    assert!(html.contains("录入2098年节假日安排"));
    // The stored year survives a reload from the database (another node, a restart).
    gongkai::workdays::reload(&app.state).await.expect("reload");
    assert!(gongkai::workdays::calendar(&app.state).has_year(2098));
}
