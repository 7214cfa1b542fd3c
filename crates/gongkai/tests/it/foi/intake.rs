//! 依申请公开 intake (issue 13 §1, §2, §4 banner; issue 12 lower-case codes):
//! where applications land, the staff channel, forwarded applications, the 补正
//! clock and the missing-calendar banner. Both backends.

use chrono::{Datelike, NaiveDate};
use gongkai::auth::roles::Role;

use super::{api_token, between, valid_form};
use crate::both;
use crate::common::{Backend, PASSWORD, TestApp, spawn};

both!(
    every_accepted_application_reaches_someone_who_can_act,
    staff_may_not_register_an_online_or_unknown_channel,
    forwarded_applications_start_the_clock_on_the_confirmation_date,
    correction_notice_due_is_shown_and_listed_until_sent,
    missing_calendar_banner_from_1_november,
    progress_lookup_accepts_lower_case,
);

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// The bureau (root) routes to its 法制处; a district bureau handles its own; 办公室
/// is a department that accepts nothing. Returns (法制处, 办公室, district).
async fn organs(app: &TestApp) -> (i64, i64, i64) {
    let office = app.unit("法制处", Some(app.root_unit)).await;
    let general = app.unit("办公室", Some(app.root_unit)).await;
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::auth::store::set_foi_routing(&mut tx, app.root_unit, true, Some(office))
        .await
        .expect("route");
    gongkai::auth::store::set_foi_routing(&mut tx, district, true, Some(district))
        .await
        .expect("route");
    tx.commit().await.expect("commit");
    (office, general, district)
}

fn form_pairs<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A staff entry of a valid application to the bureau, arrived today, by `channel`.
async fn staff_entry(
    app: &TestApp,
    client: &reqwest::Client,
    csrf: &str,
    channel: &str,
) -> reqwest::Response {
    let mut form = valid_form(&app.root_unit.to_string());
    form.push(("channel", channel.into()));
    form.push(("arrived_on", gongkai::clock::today().to_string()));
    form.push(("csrf_token", csrf.into()));
    client
        .post(app.url("/admin/foi/new"))
        .form(&form_pairs(&form))
        .send()
        .await
        .expect("staff entry")
}

async fn every_accepted_application_reaches_someone_who_can_act(b: Backend) {
    let app = spawn(b).await;
    let (office, general, district) = organs(&app).await;
    app.user_in("fzc_foi", &[Role::FoiHandler], office).await;
    app.user_in("hp_foi", &[Role::FoiHandler], district).await;
    app.user("boss", &[Role::Admin]).await;
    app.user_in("hp_admin", &[Role::Admin], district).await;
    app.user("gateway", &[Role::FoiForwarder]).await;

    // The public form offers the organs, not their departments.
    let (_, html) = app.get_text("/ysqgk/apply").await;
    let options = between(&html, "<select id=\"unit_id\"", "</select>");
    assert!(options.contains("上海市城市管理行政执法局"), "{options}");
    assert!(options.contains("黄浦区城管执法局"));
    assert!(
        !options.contains("法制处") && !options.contains("办公室"),
        "{options}"
    );
    // A department cannot be chosen, on any path.
    for unit in [office, general] {
        let form = valid_form(&unit.to_string());
        let r = app.post("/ysqgk/apply", &form_pairs(&form)).await;
        assert_eq!(r.status().as_u16(), 422);
        assert!(
            r.text()
                .await
                .expect("body")
                .contains("所选机构不受理依申请公开申请")
        );
    }
    // An accepting organ without an office is refused by the database.
    let mut tx = app.db.begin().await.expect("tx");
    assert!(
        gongkai::auth::store::set_foi_routing(&mut tx, general, true, None)
            .await
            .is_err(),
        "accepts_foi without an office"
    );
    drop(tx);

    // 1. the portal, to the bureau.
    let form = valid_form(&app.root_unit.to_string());
    let r = app.post("/ysqgk/apply", &form_pairs(&form)).await;
    assert_eq!(r.status().as_u16(), 200);
    // 2. the public API, to the district bureau.
    let mut body = serde_json::json!({});
    for (k, v) in valid_form(&district.to_string()) {
        body[k] = v.into();
    }
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/foi/applications"))
        .json(&body)
        .send()
        .await
        .expect("api");
    assert_eq!(r.status().as_u16(), 201);
    // 3. staff entry by the 法制处 handler (a letter to the bureau).
    let (fzc, csrf, _) = app.client_login("fzc_foi", PASSWORD).await;
    let r = staff_entry(&app, &fzc, &csrf, "registered_post").await;
    assert_eq!(
        r.status().as_u16(),
        303,
        "{}",
        r.text().await.unwrap_or_default()
    );
    // 4. a forwarding platform, to the district bureau.
    let token = api_token(&app, "gateway").await;
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/foi/forwarded"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "platform": "一网通办", "platform_ref": "YWTB-1",
            "submitted_at": format!("{}T09:00:00+08:00", gongkai::clock::today()),
            "application": body,
        }))
        .send()
        .await
        .expect("forward");
    assert_eq!(r.status().as_u16(), 201);

    let cases: Vec<(i64, i64, i64, String)> = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT id, unit_id, office_id, receipt_no FROM foi_cases ORDER BY id"
    )
    .fetch_all(p)
    .await)
    .expect("cases");
    assert_eq!(cases.len(), 4, "every path created its case");
    let expected = [office, district, office, district];
    let (hp, _, _) = app.client_login("hp_foi", PASSWORD).await;
    let handlers = [("fzc_foi", &fzc), ("hp_foi", &hp)];
    for ((id, unit, routed, no), want) in cases.iter().zip(expected) {
        assert_eq!(*routed, want, "{no} (organ {unit}) routed to its office");
        // Someone who can act sees it in their list and on a page with the event forms.
        let mut actors = Vec::new();
        for (name, c) in handlers {
            let r = c
                .get(app.url(&format!("/admin/foi/{id}")))
                .send()
                .await
                .expect("get");
            if r.status().as_u16() == 200 && r.text().await.expect("body").contains("id=\"act-h\"")
            {
                let list = c.get(app.url("/admin/foi")).send().await.expect("list");
                assert!(
                    list.text().await.expect("body").contains(no.as_str()),
                    "{name} lists {no}"
                );
                actors.push(name);
            }
        }
        assert_eq!(
            actors.len(),
            1,
            "{no}: acted on by exactly its office: {actors:?}"
        );
    }
    // The organ's administrator sees (read only) what the organ received.
    let (boss, _, _) = app.client_login("boss", PASSWORD).await;
    let (hp_admin, _, _) = app.client_login("hp_admin", PASSWORD).await;
    for ((id, unit, _, no), _) in cases.iter().zip(expected) {
        let r = boss
            .get(app.url(&format!("/admin/foi/{id}")))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status().as_u16(), 200, "the bureau's admin sees {no}");
        let html = r.text().await.expect("body");
        assert!(html.contains("您可以查看本申请") && !html.contains("id=\"act-h\""));
        let r = hp_admin
            .get(app.url(&format!("/admin/foi/{id}")))
            .send()
            .await
            .expect("get");
        assert_eq!(
            r.status().as_u16(),
            if *unit == district { 200 } else { 403 },
            "{no}"
        );
        let r = boss
            .post(app.url(&format!("/admin/foi/{id}/events")))
            .form(&[("kind", "receipt_confirmed"), ("on", "2026-03-02")])
            .send()
            .await
            .expect("post");
        assert_eq!(r.status().as_u16(), 403, "an administrator does not act");
    }
    let list = boss.get(app.url("/admin/foi")).send().await.expect("list");
    let html = list.text().await.expect("body");
    assert!(
        cases.iter().all(|c| html.contains(c.3.as_str())),
        "the bureau's admin lists all"
    );

    // The units page configures it: accepting needs an office.
    let (admin, csrf, _) = app.client_login("boss", PASSWORD).await;
    let edit = |accepts: bool, office: &str| {
        let mut f = vec![
            ("name", "办公室".to_string()),
            ("kind", "city_dept".into()),
            ("parent_id", app.root_unit.to_string()),
            ("sort_order", "0".into()),
            ("active", "on".into()),
            ("foi_office_id", office.to_string()),
            ("csrf_token", csrf.clone()),
        ];
        if accepts {
            f.push(("accepts_foi", "on".into()));
        }
        admin
            .post(app.url(&format!("/admin/units/{general}")))
            .form(&f)
            .send()
    };
    let r = edit(true, "").await.expect("post");
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("须指定办理机构"));
    let r = edit(true, &district.to_string()).await.expect("post");
    assert_eq!(r.status().as_u16(), 422, "an office outside the organ");
    let r = edit(true, "self").await.expect("post");
    assert_eq!(r.status().as_u16(), 303);
    let u = gongkai::auth::store::get_unit(&app.db, general)
        .await
        .expect("unit");
    assert!(u.accepts_foi && u.foi_office_id == Some(general));
    let (_, html) = app.get_text("/ysqgk/apply").await;
    assert!(between(&html, "<select id=\"unit_id\"", "</select>").contains("办公室"));
}

async fn staff_may_not_register_an_online_or_unknown_channel(b: Backend) {
    let app = spawn(b).await;
    app.user("handler", &[Role::FoiHandler]).await;
    let (c, csrf, _) = app.client_login("handler", PASSWORD).await;
    for (channel, message) in [
        ("online", "网上申请由申请人在门户网站或通过接口提交"),
        ("carrier_pigeon", "申请渠道无效"),
        ("", "请选择申请渠道"),
    ] {
        let r = staff_entry(&app, &c, &csrf, channel).await;
        assert_eq!(r.status().as_u16(), 422, "{channel}");
        assert!(r.text().await.expect("body").contains(message), "{channel}");
    }
    let n: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM foi_cases"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 0, "nothing stored as in_person");
}

async fn forwarded_applications_start_the_clock_on_the_confirmation_date(b: Backend) {
    let app = spawn(b).await;
    app.user("gateway", &[Role::FoiForwarder]).await;
    app.user("handler", &[Role::FoiHandler]).await;
    let gateway = api_token(&app, "gateway").await;
    let handler = api_token(&app, "handler").await;
    let mut application = serde_json::json!({});
    for (k, v) in valid_form(&app.root_unit.to_string()) {
        application[k] = v.into();
    }
    let body = serde_json::json!({
        "platform": "一网通办", "platform_ref": "YWTB-2026-0001",
        "submitted_at": "2026-03-01T22:30:00+08:00", "confirmed_on": "2026-03-04",
        "application": application,
    });
    let c = reqwest::Client::new();
    let send = |token: Option<&str>, body: &serde_json::Value| {
        let mut r = c.post(app.url("/api/v1/foi/forwarded")).json(body);
        if let Some(t) = token {
            r = r.bearer_auth(t);
        }
        r.send()
    };
    assert_eq!(
        send(None, &body).await.expect("post").status().as_u16(),
        401
    );
    assert_eq!(
        send(Some(&handler), &body)
            .await
            .expect("post")
            .status()
            .as_u16(),
        403
    );
    let r = send(Some(&gateway), &body).await.expect("post");
    assert_eq!(r.status().as_u16(), 201);
    let first: serde_json::Value = r.json().await.expect("json");
    // A retry (no key: the platform's number is the key) gets the same case.
    let r = send(Some(&gateway), &body).await.expect("retry");
    assert_eq!(r.status().as_u16(), 200);
    let again: serde_json::Value = r.json().await.expect("json");
    assert_eq!(first["receipt_no"], again["receipt_no"]);
    assert_eq!(again["new"], false);
    let mut other = body.clone();
    other["confirmed_on"] = "2026-03-05".into();
    assert_eq!(
        send(Some(&gateway), &other)
            .await
            .expect("post")
            .status()
            .as_u16(),
        409
    );

    let no = first["receipt_no"].as_str().expect("no");
    let case = gongkai::foi::store::by_receipt(&app.db, no)
        .await
        .expect("db")
        .expect("case");
    assert_eq!(case.channel.code(), "online");
    assert_eq!(case.forwarded_by.as_deref(), Some("一网通办"));
    assert_eq!(
        case.submitted_at.map(|t| t.to_rfc3339()),
        Some("2026-03-01T14:30:00+00:00".to_string()),
        "the original submission time"
    );
    assert_eq!(
        case.received_on,
        Some(d("2026-03-04")),
        "Art. 31: the confirmation day"
    );
    let detail = c
        .get(app.url(&format!("/api/v1/foi/cases/{}", case.id)))
        .bearer_auth(&handler)
        .send()
        .await
        .expect("case")
        .json::<serde_json::Value>()
        .await
        .expect("json");
    let cal = gongkai::workdays::calendar(&app.state);
    let due = cal.add_workdays(d("2026-03-04"), 20).expect("deadline");
    assert_eq!(detail["deadline"]["date"], due.to_string());
    let events: Vec<(String, String)> = detail["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap_or("").into(),
                e["on"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    assert_eq!(
        events,
        vec![
            ("submitted".into(), "2026-03-01".into()),
            ("receipt_confirmed".into(), "2026-03-04".into())
        ]
    );

    // Without a confirmation date the case waits for 确认收到, like any online one.
    let mut unconfirmed = body.clone();
    unconfirmed["platform_ref"] = "YWTB-2026-0002".into();
    unconfirmed["confirmed_on"] = serde_json::Value::Null;
    let r = send(Some(&gateway), &unconfirmed).await.expect("post");
    let v: serde_json::Value = r.json().await.expect("json");
    let case = gongkai::foi::store::by_receipt(&app.db, v["receipt_no"].as_str().expect("no"))
        .await
        .expect("db")
        .expect("case");
    assert_eq!(
        (case.status.as_str(), case.received_on),
        ("awaiting_confirmation", None)
    );

    // Dates the law cannot use are refused, in Chinese.
    for (field, value, message) in [
        (
            "confirmed_on",
            "2026-02-28",
            "确认日期不能早于申请人提交之日",
        ),
        ("submitted_at", "2026-03-01", "RFC 3339"),
        ("confirmed_on", "2999-01-01", "确认日期不能晚于今天"),
    ] {
        let mut bad = body.clone();
        bad["platform_ref"] = "YWTB-bad".into();
        bad[field] = value.into();
        let r = send(Some(&gateway), &bad).await.expect("post");
        assert_eq!(r.status().as_u16(), 422, "{field}={value}");
        let v: serde_json::Value = r.json().await.expect("json");
        assert!(
            v["error"]["fields"][field]
                .as_str()
                .unwrap_or("")
                .contains(message),
            "{v}"
        );
    }
    // The OpenAPI document describes it.
    let doc = app.get_json("/api/v1/openapi.json").await;
    assert!(doc["paths"]["/api/v1/foi/forwarded"]["post"].is_object());
}

/// The working day `n` working days before `day` (n = 0: `day`).
fn back(cal: &workday::Calendar, day: NaiveDate, n: u32) -> NaiveDate {
    let mut x = day;
    let mut left = n;
    while left > 0 {
        x = x.pred_opt().expect("date");
        if cal.is_workday(x).expect("calendar") {
            left -= 1;
        }
    }
    x
}

async fn correction_notice_due_is_shown_and_listed_until_sent(b: Backend) {
    let app = spawn(b).await;
    app.user("handler", &[Role::FoiHandler]).await;
    let cal = gongkai::workdays::calendar(&app.state);
    let today = gongkai::clock::today();
    // Received 6 working days before the next working day: one day of the window left.
    let next = if cal.is_workday(today).expect("cal") {
        today
    } else {
        cal.add_workdays(today, 1).expect("cal")
    };
    let soon_day = back(&cal, next, 6);
    let soon = super::case(&app, &soon_day.to_string()).await;
    let fresh = super::case(&app, &today.to_string()).await;
    let soon_due = cal.add_workdays(soon_day, 7).expect("due");
    let fresh_due = cal.add_workdays(today, 7).expect("due");
    assert!(cal.workdays_between(today, soon_due).expect("cal") <= 2);

    let (c, csrf, _) = app.client_login("handler", PASSWORD).await;
    let page = |id: i64| {
        let c = c.clone();
        let url = app.url(&format!("/admin/foi/{id}"));
        async move {
            c.get(url)
                .send()
                .await
                .expect("get")
                .text()
                .await
                .expect("body")
        }
    };
    assert!(
        page(fresh)
            .await
            .contains(&format!("补正通知须于 {fresh_due} 前发出"))
    );
    assert!(
        page(soon)
            .await
            .contains(&format!("补正通知须于 {soon_due} 前发出"))
    );
    // Listed on the dashboard and by the list filter: the closing one only.
    let dash = c
        .get(app.url("/admin"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    let (soon_no, fresh_no) = (receipt(&app, soon).await, receipt(&app, fresh).await);
    let section = between(&dash, "id=\"h-foi-correction\"", "</section>");
    assert!(
        section.contains(&soon_no) && !section.contains(&fresh_no),
        "{section}"
    );
    let list = c
        .get(app.url("/admin/foi?due=correction"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    let table = between(&list, "id=\"all-h\"", "</table>");
    assert!(
        table.contains(&soon_no) && !table.contains(&fresh_no),
        "{table}"
    );
    // Sending the notice ends it.
    let r = c
        .post(app.url(&format!("/admin/foi/{soon}/events")))
        .form(&[
            ("kind", "correction_requested"),
            ("on", today.to_string().as_str()),
            ("items", "请写明具体路段"),
            ("period_days", "10"),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 303);
    assert!(!page(soon).await.contains("补正通知须于"));
    let dash = c
        .get(app.url("/admin"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(!between(&dash, "id=\"h-foi-correction\"", "</section>").contains(&soon_no));
}

async fn receipt(app: &TestApp, id: i64) -> String {
    gongkai::foi::store::get(&app.db, id)
        .await
        .expect("case")
        .receipt_no
}

async fn drop_year(app: &TestApp, y: i32) {
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "DELETE FROM workday_years WHERE year = $1"
    )
    .bind(i64::from(y))
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("delete");
    gongkai::workdays::reload(&app.state).await.expect("reload");
}

async fn banner(
    app: &TestApp,
    u: &gongkai::auth::CurrentUser,
    day: &str,
) -> Option<gongkai::foi::dashboard::CalendarBanner> {
    gongkai::foi::dashboard::for_user(&app.state, u, d(day))
        .await
        .expect("dashboard")
        .banner
}

async fn alerts(app: &TestApp) -> Vec<(NaiveDate, i64, i64)> {
    gongkai::with_db!(&app.db, |p| sqlx::query_as::<_, (NaiveDate, i64, i64)>(
        "SELECT day, year, open_cases FROM foi_calendar_alerts ORDER BY day"
    )
    .fetch_all(p)
    .await)
    .expect("alerts")
}

async fn missing_calendar_banner_from_1_november(b: Backend) {
    let app = spawn(b).await;
    let admin = app.user("boss", &[Role::Admin]).await;
    let handler = app.user("handler", &[Role::FoiHandler]).await;
    let user = |id: i64, role: Role| gongkai::auth::CurrentUser {
        id,
        username: "u".into(),
        display_name: "u".into(),
        must_change_password: false,
        grants: vec![gongkai::auth::roles::Grant {
            unit_id: app.root_unit,
            role,
        }],
        root_units: vec![app.root_unit],
        session_hash: String::new(),
        ip: "127.0.0.1".into(),
    };
    let (boss, foi) = (user(admin, Role::Admin), user(handler, Role::FoiHandler));
    // 2027 not entered; one open case whose deadline runs into 2027, one that does not.
    drop_year(&app, 2027).await;
    super::case(&app, "2026-12-20").await;
    super::case(&app, "2026-03-02").await;
    let on = d;
    assert_eq!(
        banner(&app, &boss, "2026-10-31").await,
        None,
        "not before 1 November"
    );
    let b = banner(&app, &boss, "2026-11-01").await.expect("banner");
    assert_eq!((b.year, b.open_cases), (2027, 1));
    assert_eq!(
        banner(&app, &foi, "2026-11-01").await,
        None,
        "administrators only"
    );

    // The daily job records it once a day.
    gongkai::foi::daily_on(&app.state, on("2026-10-31"))
        .await
        .expect("daily");
    assert!(alerts(&app).await.is_empty());
    gongkai::foi::daily_on(&app.state, on("2026-11-02"))
        .await
        .expect("daily");
    gongkai::foi::daily_on(&app.state, on("2026-11-02"))
        .await
        .expect("daily again");
    gongkai::foi::daily_on(&app.state, on("2026-11-03"))
        .await
        .expect("next day");
    assert_eq!(
        alerts(&app).await,
        vec![(on("2026-11-02"), 2027, 1), (on("2026-11-03"), 2027, 1)]
    );

    // Entering 2027 ends it.
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "INSERT INTO workday_years (year, schedule, updated_at, updated_by) VALUES (2027, $1, $2, '测试')"
    )
    .bind("year 2027\n元旦 rest 01-01\n")
    .bind(gongkai::clock::now())
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("2027");
    gongkai::workdays::reload(&app.state).await.expect("reload");
    assert_eq!(banner(&app, &boss, "2026-11-01").await, None);

    // Over HTTP, on the real date: the banner shows exactly when the rule says.
    let today = gongkai::clock::today();
    drop_year(&app, today.year() + 1).await;
    let (c, _, _) = app.client_login("boss", PASSWORD).await;
    let html = c
        .get(app.url("/admin"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert_eq!(
        html.contains("id=\"foi-calendar-banner\""),
        today.month() >= 11,
        "{today}"
    );
}

async fn progress_lookup_accepts_lower_case(b: Backend) {
    let app = spawn(b).await;
    let form = valid_form(&app.root_unit.to_string());
    let html = app
        .post("/ysqgk/apply", &form_pairs(&form))
        .await
        .text()
        .await
        .expect("body");
    let no = between(&html, "<dd id=\"receipt-no\">", "<");
    let code = between(&html, "<dd id=\"query-code\">", "<");
    assert!(code.chars().any(|c| c.is_ascii_alphabetic()) || code.len() == 8);
    let (s, html) = app
        .get_text(&format!(
            "/ysqgk/progress?no={}&code={}",
            no.to_lowercase(),
            code.to_lowercase()
        ))
        .await;
    assert_eq!(s, 200);
    assert!(html.contains("待确认收到"), "lower-case code accepted");
    assert!(!html.contains("申请编号或查询码不正确"));
    let v = app
        .get_json(&format!(
            "/api/v1/foi/applications/{}?code={}",
            no.to_lowercase(),
            code.to_lowercase()
        ))
        .await;
    assert_eq!(v["receipt_no"], no.as_str());
    let (_, html) = app
        .get_text(&format!("/ysqgk/progress?no={no}&code=zzzzzzzz"))
        .await;
    assert!(html.contains("申请编号或查询码不正确"));
}
