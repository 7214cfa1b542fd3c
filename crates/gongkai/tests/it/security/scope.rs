//! Security findings (issue 14): tests that fail before the fix.
//!
//! Unit scope of powers: city-wide permissions need a grant at the root unit; a
//! district administrator sees only its own part of the audit log; global letter
//! templates and other units' inspection plans and draws are out of a district
//! user's reach.

use gongkai::auth::roles::{Role, UnitKind};

use crate::both;
use crate::common::{Backend, TestApp, spawn};

both!(
    district_admin_has_no_city_wide_powers,
    district_foi_handler_cannot_edit_global_letter_templates,
    district_enforcer_cannot_act_on_another_units_draws,
);

/// 黄浦区城管执法局, a district unit under the root unit.
async fn huangpu(app: &TestApp) -> i64 {
    app.unit("黄浦区城管执法局", Some(app.root_unit)).await
}

/// GET as the user signed in on `client`: status and body.
async fn get(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.expect("get");
    (r.status().as_u16(), r.text().await.expect("body"))
}

async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    token: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> u16 {
    let mut body = fields.to_vec();
    body.push(("csrf_token", token));
    client
        .post(app.url(path))
        .form(&body)
        .send()
        .await
        .expect("post")
        .status()
        .as_u16()
}

fn xlsx_cells(bytes: &[u8]) -> Vec<String> {
    use calamine::Reader;
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let range = wb.worksheet_range("审计日志").expect("sheet");
    range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>())
        .collect()
}

// Finding 6: a district administrator held city-wide powers (the whole audit log,
// 主题分类, the working-day calendar, background jobs, site search).
async fn district_admin_has_no_city_wide_powers(b: Backend) {
    let app = spawn(b).await;
    let hp = huangpu(&app).await;
    app.user("city_admin", &[Role::Admin]).await;
    app.user_in("huangpu_admin", &[Role::Admin], hp).await;
    app.user_in("hp_staff", &[Role::Enforcer], hp).await;
    // Entries by a user of the root unit and by a user of 黄浦.
    app.login_ok("city_admin").await;
    let (_, _, r) = app.client_login("hp_staff", crate::common::PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303);

    let (hc, token, r) = app
        .client_login("huangpu_admin", crate::common::PASSWORD)
        .await;
    assert_eq!(r.status().as_u16(), 303);

    // The audit log: its own subtree only — no other unit's actors or addresses,
    // no entries without a user.
    let (status, html) = get(&app, &hc, "/admin/audit").await;
    assert_eq!(status, 200);
    assert!(html.contains("hp_staff"), "own unit's entries shown");
    assert!(!html.contains("city_admin"), "root unit's entries hidden");
    let (status, html) = get(&app, &hc, "/admin/audit?actor=city_admin").await;
    assert_eq!(status, 200);
    assert!(
        !html.contains("<td>city_admin</td>"),
        "not reachable by filter"
    );
    let (status, html) = get(&app, &hc, "/admin/audit/verify").await;
    assert_eq!(status, 200);
    assert!(html.contains("哈希链校验通过"), "{html}");
    assert!(!html.contains("city_admin"));
    let r = hc
        .get(app.url("/admin/audit/export.xlsx"))
        .send()
        .await
        .expect("export");
    assert_eq!(r.status().as_u16(), 200);
    let cells = xlsx_cells(&r.bytes().await.expect("bytes"));
    assert!(cells.iter().any(|c| c == "hp_staff"), "{cells:?}");
    assert!(!cells.iter().any(|c| c == "city_admin"), "{cells:?}");
    assert!(!cells.iter().any(|c| c == "系统"), "no system entries");

    // City-wide settings: refused, and the 主题分类 is not created.
    let status = post(
        &app,
        &hc,
        &token,
        "/admin/topics",
        &[("name", "黄浦自设主题")],
    )
    .await;
    assert_eq!(status, 403, "POST /admin/topics");
    let topics: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM topics WHERE name = '黄浦自设主题'"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(topics, 0);
    for path in [
        "/admin/topics",
        "/admin/workdays",
        "/admin/jobs",
        "/admin/search",
    ] {
        assert_eq!(get(&app, &hc, path).await.0, 403, "GET {path}");
    }
    // The navigation follows: no city-wide entries, the audit log stays.
    let (_, nav) = get(&app, &hc, "/admin").await;
    for href in [
        "/admin/topics",
        "/admin/workdays",
        "/admin/jobs",
        "/admin/search",
    ] {
        assert!(!nav.contains(&format!("href=\"{href}\"")), "nav {href}");
    }
    assert!(nav.contains("href=\"/admin/audit\""));

    // The administrator of the root unit keeps all of it.
    let (status, html) = app.get_text("/admin/audit").await;
    assert_eq!(status, 200);
    assert!(html.contains("city_admin") && html.contains("hp_staff"));
    for path in [
        "/admin/topics",
        "/admin/workdays",
        "/admin/jobs",
        "/admin/search",
    ] {
        assert_eq!(
            app.get(path).await.status().as_u16(),
            200,
            "root GET {path}"
        );
    }
}

// Finding 8a: a 黄浦 FOI handler edited the reply letter template every unit uses.
async fn district_foi_handler_cannot_edit_global_letter_templates(b: Backend) {
    let app = spawn(b).await;
    let hp = huangpu(&app).await;
    app.user_in("hp_foi", &[Role::FoiHandler], hp).await;
    app.user("city_foi", &[Role::FoiHandler]).await;
    let (hc, token, _) = app.client_login("hp_foi", crate::common::PASSWORD).await;
    let fields = [("title", "黄浦改过的答复书"), ("body", "黄浦的正文")];
    let status = post(&app, &hc, &token, "/admin/foi/templates/reply", &fields).await;
    assert_eq!(
        status, 403,
        "district handler may not change the global template"
    );
    assert_eq!(get(&app, &hc, "/admin/foi/templates").await.0, 403);
    let (_, list) = get(&app, &hc, "/admin/foi").await;
    assert!(!list.contains("href=\"/admin/foi/templates\""), "no link");
    let stored: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM foi_letter_templates"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(stored, 0, "template unchanged");

    // A handler of the root unit may.
    app.login_ok("city_foi").await;
    let r = app
        .post(
            "/admin/foi/templates/reply",
            &[("title", "答复书"), ("body", "正文")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
}

// Finding 8b: a 黄浦 enforcer recorded a result on 执法总队's draw and committed a
// new draw of its plan.
async fn district_enforcer_cannot_act_on_another_units_draws(b: Backend) {
    let app = spawn(b).await;
    let hp = huangpu(&app).await;
    let corps = {
        let mut tx = app.db.begin().await.expect("tx");
        let id = gongkai::auth::store::create_unit(
            &mut tx,
            &gongkai::auth::store::UnitInput {
                name: "执法总队",
                kind: UnitKind::Corps,
                parent_id: Some(app.root_unit),
                code: None,
                sort_order: 1,
                active: true,
            },
        )
        .await
        .expect("unit");
        tx.commit().await.expect("commit");
        id
    };
    app.user_in("corps_enf", &[Role::Enforcer], corps).await;
    app.user_in("hp_enf", &[Role::Enforcer], hp).await;

    // 执法总队 sets up a plan, draws once and commits a second draw.
    app.login_ok("corps_enf").await;
    let upload = crate::inspect::upload;
    let r = upload(
        &app,
        "/admin/inspect/entities/import",
        "e.csv",
        crate::inspect::entities_csv(40),
        None,
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = upload(
        &app,
        "/admin/inspect/inspectors/import",
        "i.csv",
        crate::inspect::inspectors_csv(6),
        Some(corps),
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            "/admin/inspect/items",
            &[
                ("name", "占道经营检查"),
                ("basis", "《上海市市容环境卫生管理条例》"),
                ("subject_type", "餐饮"),
                ("method", "现场检查"),
                ("frequency", "每年一次"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let corps_s = corps.to_string();
    let r = app
        .post(
            "/admin/inspect/plans",
            &[
                ("unit_id", corps_s.as_str()),
                ("year", "2026"),
                ("item_id", "1"),
                ("ratio_permille", "100"),
                ("high_risk_factor", "2"),
                ("per_entity", "2"),
                ("strata", "district"),
                ("schedule", "第四季度"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        app.post(
            "/admin/inspect/plans/1/commit",
            &[("beacon", "中国福利彩票双色球 第2027015期开奖号码")]
        )
        .await
        .status()
        .as_u16(),
        303
    );
    assert_eq!(
        app.post(
            "/admin/inspect/draws/1/reveal",
            &[("beacon_value", "03 09 14 22 27 31 + 05")]
        )
        .await
        .status()
        .as_u16(),
        303
    );
    assert_eq!(
        app.post(
            "/admin/inspect/plans/1/commit",
            &[("beacon", "中国福利彩票双色球 第2027015期开奖号码")]
        )
        .await
        .status()
        .as_u16(),
        303
    );
    let record: String = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT record_json FROM inspect_draws WHERE id = 1"
    )
    .fetch_one(p)
    .await)
    .expect("record");
    let rec: draw::Record = serde_json::from_str(&record).expect("record json");
    let drawn = rec.result[0].entity.clone();

    // 黄浦 may neither see nor touch any of it.
    let (hc, token, _) = app.client_login("hp_enf", crate::common::PASSWORD).await;
    let status = post(
        &app,
        &hc,
        &token,
        "/admin/inspect/draws/1/results",
        &[
            ("credit_code", drawn.as_str()),
            ("outcome", "ok"),
            ("inspected_on", "2026-01-05"),
            ("note", "黄浦登记"),
        ],
    )
    .await;
    assert_eq!(status, 403, "result on another unit's draw");
    let status = post(&app, &hc, &token, "/admin/inspect/plans/1/commit", &[]).await;
    assert_eq!(status, 403, "commit of another unit's plan");
    let status = post(&app, &hc, &token, "/admin/inspect/draws/2/reveal", &[]).await;
    assert_eq!(status, 403, "reveal of another unit's draw");
    assert_eq!(get(&app, &hc, "/admin/inspect/draws/1").await.0, 403);
    let (status, page) = get(&app, &hc, "/admin/inspect").await;
    assert_eq!(status, 200);
    assert!(
        !page.contains("/admin/inspect/draws/1\"") && !page.contains("/admin/inspect/plans/1/"),
        "another unit's plans and draws are not listed"
    );
    let hp_s = hp.to_string();
    let status = post(
        &app,
        &hc,
        &token,
        "/admin/inspect/plans",
        &[
            ("unit_id", corps_s.as_str()),
            ("year", "2026"),
            ("item_id", "1"),
            ("ratio_permille", "100"),
            ("high_risk_factor", "2"),
            ("per_entity", "2"),
            ("strata", "district"),
        ],
    )
    .await;
    assert_eq!(status, 422, "a plan for another unit");
    let (results, draws, plans): (i64, i64, i64) = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM inspect_results), (SELECT COUNT(*) FROM inspect_draws),
                (SELECT COUNT(*) FROM inspect_plans)"
    )
    .fetch_one(p)
    .await)
    .expect("counts");
    assert_eq!((results, draws, plans), (0, 2, 1), "nothing changed");
    let state: String = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT state FROM inspect_draws WHERE id = 2"
    )
    .fetch_one(p)
    .await)
    .expect("state");
    assert_eq!(state, "committed");

    // Its own plan is its own.
    let status = post(
        &app,
        &hc,
        &token,
        "/admin/inspect/plans",
        &[
            ("unit_id", hp_s.as_str()),
            ("year", "2026"),
            ("item_id", "1"),
            ("ratio_permille", "100"),
            ("high_risk_factor", "2"),
            ("per_entity", "2"),
            ("strata", "district"),
        ],
    )
    .await;
    assert_eq!(status, 303, "a plan for its own unit");

    // 执法总队 records its result.
    let r = app
        .post(
            "/admin/inspect/draws/1/results",
            &[
                ("credit_code", drawn.as_str()),
                ("outcome", "ok"),
                ("inspected_on", "2026-01-05"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
}
