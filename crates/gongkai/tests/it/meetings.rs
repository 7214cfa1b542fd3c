//! 会议公开 over HTTP on both backends: a meeting with topics and seats per category,
//! applications with eligibility (an enterprise representative's 统一社会信用代码 is
//! checked), the stratified draw with a beacon (verified in Rust, on the verify page
//! and by the Python script), attendance, opinions with 采纳/部分采纳/未采纳 and
//! reasons, decisions, and the published adoption report (page and API) without
//! phones or unconsented names.

use chrono::Duration;
use gongkai::auth::roles::Role;
use gongkai::meetings::model::AppStatus;
use gongkai::meetings::store;

use crate::both;
use crate::common::{Backend, location, spawn_with};

both!(an_opened_meeting_from_applications_to_the_adoption_report);

fn local(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&gongkai::clock::beijing())
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

async fn an_opened_meeting_from_applications_to_the_adoption_report(b: Backend) {
    let app = spawn_with(b, |s| s.security.public_form_per_minute = 1000).await;
    app.user("mt", &[Role::InteractHandler]).await;
    app.login_ok("mt").await;
    let now = gongkai::clock::now();
    let r = app
        .post(
            "/admin/meetings",
            &[
                ("unit_id", &app.root_unit.to_string()),
                ("body", "director"),
                ("title", "局长办公会：占道经营疏导点设置导则"),
                ("held_at", &local(now + Duration::days(5))),
                ("place", "第一会议室"),
                (
                    "topics",
                    "疏导点设置导则 | /xxgk/documents/1\n夜间施工处置机制",
                ),
                ("apply_opens_at", &local(now - Duration::hours(1))),
                ("apply_closes_at", &local(now + Duration::days(2))),
                ("seats_public", "1"),
                ("seats_enterprise", "1"),
            ],
        )
        .await;
    assert_eq!(
        r.status().as_u16(),
        303,
        "{}",
        r.text().await.unwrap_or_default()
    );
    let id: i64 = location(&r)
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let r = app
        .post(
            &format!("/admin/meetings/{id}/publish"),
            &[("published", "1")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);

    let apply = |fields: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move {
            let r = app
                .post(&format!("/interact/meetings/{id}/apply"), &fields)
                .await;
            let status = r.status().as_u16();
            (status, r.text().await.expect("body"))
        }
    };
    let base = |cat: &'static str, name: &'static str, phone: &'static str| {
        vec![
            ("category", cat),
            ("name", name),
            ("phone", phone),
            ("reason", "关心疏导点选址"),
        ]
    };
    // Eligibility: an enterprise representative needs a valid 统一社会信用代码.
    let mut bad = base("enterprise", "孙经理", "13700000001");
    bad.extend([
        ("organisation", "某某餐饮公司"),
        ("credit_code", "91310000MA1FL8XQ38"),
    ]);
    let (status, html) = apply(bad).await;
    assert_eq!(status, 422);
    assert!(html.contains("校验码不正确"));
    let mut ok = base("enterprise", "孙经理", "13700000001");
    ok.extend([
        ("organisation", "某某餐饮公司"),
        ("credit_code", "91310000ma1fl8xq37"),
    ]);
    let (status, html) = apply(ok).await;
    assert_eq!(status, 200);
    assert!(html.contains("抽选编号"));
    let (status, _) = apply(base("media", "吴记者", "13700000009")).await;
    assert_eq!(status, 422, "no seats for media in this meeting");
    let mut consent = base("public", "刘先生", "13700000002");
    consent.push(("publish_name", "1"));
    assert_eq!(apply(consent).await.0, 200);
    assert_eq!(apply(base("public", "王阿姨", "13700000003")).await.0, 200);
    assert_eq!(apply(base("public", "赵女士", "13700000004")).await.0, 200);
    let (status, html) = apply(base("public", "赵女士", "13700000004")).await;
    assert_eq!(status, 422);
    assert!(html.contains("该电话号码已报名本次会议"));

    // Commit before the window closes, reveal after.
    let beacon = "中国福利彩票双色球 第2026140期开奖号码";
    let r = app
        .post(
            &format!("/admin/meetings/{id}/commit"),
            &[("beacon", beacon)],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            &format!("/admin/meetings/{id}/reveal"),
            &[("beacon_value", "1")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 409, "not before the deadline");
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE meetings SET apply_closes_at = $1 WHERE id = $2"
    )
    .bind(gongkai::clock::now() - Duration::minutes(1))
    .bind(id)
    .execute(p)
    .await
    .map(|_| ()))
    .expect("close");
    let r = app
        .post(
            &format!("/admin/meetings/{id}/reveal"),
            &[("beacon_value", "02 08 13 21 26 30 + 04")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let json = app
        .get(&format!("/interact/meetings/{id}/draw.json"))
        .await
        .text()
        .await
        .expect("json");
    let rec: draw::sortition::SortitionRecord = serde_json::from_str(&json).expect("record");
    assert_eq!(draw::sortition::verify(&rec), Ok(()));
    assert_eq!(
        rec.input.strata.len(),
        2,
        "one stratum per category with seats"
    );
    assert!(!json.contains("孙经理") && !json.contains("137000"));
    crate::events::python_verifies(&json, true);
    let r = app
        .post("/enforcement/random/verify", &[("record", &json)])
        .await;
    assert!(r.text().await.expect("body").contains("验证通过"));
    let apps = store::applications(&app.db, id).await.expect("apps");
    let selected: Vec<_> = apps
        .iter()
        .filter(|a| a.status == AppStatus::Selected)
        .collect();
    assert_eq!(selected.len(), 2, "one per category");
    assert!(
        selected.iter().any(|a| a.name == "孙经理"),
        "the only enterprise applicant"
    );

    // After the meeting: attendance, opinions with adoption, decisions.
    let ids: Vec<String> = selected.iter().map(|a| a.id.to_string()).collect();
    let mut fields: Vec<(&str, &str)> = ids.iter().map(|i| ("attended", i.as_str())).collect();
    fields.push(("x", ""));
    let r = app
        .post(&format!("/admin/meetings/{id}/attendance"), &fields)
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let topics = store::topics(&app.db, id).await.expect("topics");
    let t0 = topics[0].id.to_string();
    let enterprise = selected
        .iter()
        .find(|a| a.name == "孙经理")
        .expect("enterprise")
        .id
        .to_string();
    let opinion = |content: &'static str, adoption: &'static str, reason: &'static str| {
        let (app, t0, who) = (&app, t0.clone(), enterprise.clone());
        async move {
            app.post(
                &format!("/admin/meetings/{id}/opinions"),
                &[
                    ("topic_id", t0.as_str()),
                    ("application_id", who.as_str()),
                    ("content", content),
                    ("adoption", adoption),
                    ("reason", reason),
                ],
            )
            .await
            .status()
            .as_u16()
        }
    };
    assert_eq!(
        opinion("疏导点避开学校出入口", "adopted", "已写入导则第八条").await,
        303
    );
    assert_eq!(
        opinion("疏导点收取管理费", "rejected", "").await,
        422,
        "a reason is required"
    );
    assert_eq!(
        opinion("疏导点收取管理费", "rejected", "疏导点为公益性设施，不收费").await,
        303
    );
    assert_eq!(opinion("允许企业申请摊位", "pending", "").await, 303);
    let ops = store::opinions(&app.db, id).await.expect("opinions");
    let r = app
        .post(
            &format!("/admin/meetings/{id}/opinions/{}", ops[2].id),
            &[
                ("adoption", "partial"),
                ("reason", "可在夜间经济示范街区另行申请"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            &format!("/admin/meetings/{id}/topics/{t0}"),
            &[
                ("decision", "原则通过，按采纳的意见修改后印发"),
                ("decision_url", "/xxgk/documents/2"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);

    // The published adoption report.
    let (code, page) = app.get_text(&format!("/interact/meetings/{id}")).await;
    assert_eq!(code, 200);
    assert!(
        page.contains("采纳 1 条，部分采纳 1 条，未采纳 1 条"),
        "{page}"
    );
    assert!(page.contains("疏导点为公益性设施，不收费") && page.contains("原则通过"));
    assert!(
        page.contains("孙经理（小微企业/民营企业代表）")
            || page.contains("小微企业/民营企业代表（未公开姓名）")
    );
    for private in ["13700000001", "13700000003", "王阿姨", "赵女士"] {
        assert!(!page.contains(private), "{private} on the public page");
    }
    let api = app.get_json(&format!("/api/v1/meetings/{id}")).await;
    assert_eq!(api["adoption_counts"], serde_json::json!([1, 1, 1, 0]));
    assert_eq!(api["topics"][0]["opinions"][1]["adoption_label"], "未采纳");
    assert!(!api.to_string().contains("137000"));
    let list = app.get_json("/api/v1/meetings").await;
    assert_eq!(list[0]["id"], id);
    let (_, yearly) = app.get_text("/interact/meetings").await;
    assert!(yearly.contains("局长办公会：占道经营疏导点设置导则"));

    let actions: Vec<String> = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT DISTINCT action FROM audit_log WHERE action LIKE 'meeting.%' ORDER BY action"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(
        actions,
        [
            "meeting.adopt",
            "meeting.attendance",
            "meeting.commit",
            "meeting.create",
            "meeting.decide",
            "meeting.draw",
            "meeting.opinion",
            "meeting.publish"
        ]
    );
}

/// A published meeting of the root unit (for the route walk).
pub async fn fixture(app: &crate::common::TestApp) -> i64 {
    use gongkai::meetings::model::{Body, Category};
    let now = gongkai::clock::now();
    let m = store::NewMeeting {
        body: Body::Party,
        title: "路由测试会议".into(),
        held_at: now + Duration::days(3),
        place: String::new(),
        apply_opens_at: now - Duration::hours(1),
        apply_closes_at: now + Duration::days(1),
        unit_id: app.root_unit,
    };
    let actor = gongkai::audit::Actor::cli();
    let id = gongkai::meetings::service::create(
        &app.db,
        &m,
        &[("议题".into(), String::new())],
        &[(Category::Public, 2)],
        &actor,
    )
    .await
    .expect("meeting");
    gongkai::meetings::service::publish(&app.db, id, true, &actor)
        .await
        .expect("publish");
    id
}
