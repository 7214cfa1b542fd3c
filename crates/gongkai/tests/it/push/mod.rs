//! 政策精准推送 and 集成式发布: tags approved with the document, 免罚清单, matching
//! over generated enterprises, the outbox delivered to a real SMTP server
//! (aiosmtpd), worker death mid-batch, failure and retry, unsubscribe, 政策自查,
//! theme pages.

mod bounces;
mod browser;
pub mod delivery;
mod platforms;
pub mod smtp;
mod themes_admin;

use gongkai::auth::roles::Role;
use gongkai::docs::store;
use gongkai::push::store as push_store;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, TestApp, spawn};

/// A published, tagged policy: drafted, tagged by a publisher (`tags` as form
/// fields), submitted, published by a reviewer — the path a real one takes.
pub async fn tagged_policy(app: &TestApp, title: &str, tags: &[(&str, &str)]) -> i64 {
    let id = crate::docs::draft(app, title, false).await;
    if gongkai::auth::store::find_by_username(&app.db, "pub")
        .await
        .expect("user")
        .is_none()
    {
        app.user("pub", &[Role::Publisher]).await;
        app.user("rev", &[Role::Reviewer]).await;
    }
    app.login_ok("pub").await;
    let r = app
        .post(&format!("/admin/push/documents/{id}/tags"), tags)
        .await;
    assert_eq!(r.status().as_u16(), 303, "tags saved");
    let r = app.post(&format!("/admin/docs/{id}/submit"), &[]).await;
    assert_eq!(r.status().as_u16(), 303, "submitted");
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(r.status().as_u16(), 303, "published");
    app.post("/admin/logout", &[]).await;
    id
}

/// Ids for the back-office routes: (subscriber, platform, theme, measure, a measure
/// to delete, message).
pub async fn fixture(app: &TestApp) -> (i64, i64, i64, i64, i64, i64) {
    use gongkai::push::store_platforms;
    let s = push_store::NewSubscriber {
        credit_code: gongkai::ids::credit_code_with_check("91310115MA1K4CR0X").expect("code"),
        name: "路由测试企业".into(),
        email: String::new(),
        industries: "1431".into(),
        district: "310115".into(),
        scale: "small".into(),
        subject: "enterprise".into(),
        themes: String::new(),
    };
    let mut tx = app.db.begin().await.expect("tx");
    let platform = store_platforms::insert_platform(
        &mut tx,
        "路由测试平台",
        "https://p.example.cn/push",
        "0123456789abcdef",
    )
    .await
    .expect("platform");
    let sub = store_platforms::insert_platform_subscriber(&mut tx, &s, platform, &"7".repeat(48))
        .await
        .expect("subscriber");
    push_store::queue(
        &mut tx,
        &push_store::NewMessage {
            dedupe_key: "routes:1".into(),
            kind: "confirm",
            subscriber_id: sub,
            document_id: None,
            channel: "webhook",
            why: String::new(),
            open_token: "8".repeat(48),
        },
    )
    .await
    .expect("message");
    let theme = push_store::insert_theme(&mut tx, "routes", "路由测试主题", "")
        .await
        .expect("theme");
    let mut measures = Vec::new();
    for title in ["路由测试措施", "待删除的措施"] {
        let m = push_store::Measure {
            id: 0,
            theme_id: theme,
            seq: 1,
            title: title.into(),
            gives: "补贴".into(),
            conditions: String::new(),
            how_to_apply: String::new(),
            contact: String::new(),
            basis_document_id: None,
            basis_article: String::new(),
            valid_until: None,
        };
        measures.push(
            push_store::insert_measure(&mut tx, &m)
                .await
                .expect("measure"),
        );
    }
    tx.commit().await.expect("commit");
    let message: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM push_messages WHERE dedupe_key = 'routes:1'"
    )
    .fetch_one(p)
    .await)
    .expect("message id");
    (sub, platform, theme, measures[0], measures[1], message)
}

pub const SMALL_FOOD_PUDONG: &[(&str, &str)] = &[
    ("industries", "14"),
    ("district", "310115"),
    ("scale", "small"),
    ("scale", "micro"),
    ("theme", "food_production"),
];

both!(
    tags_are_approved_with_the_document,
    generated_enterprises_match_exactly,
    self_check_and_theme_pages
);

async fn tags_are_approved_with_the_document(b: Backend) {
    let app = spawn(b).await;
    let mut fields = SMALL_FOOD_PUDONG.to_vec();
    fields.push((
        "exemptions",
        "擅自设置户外招牌 | 首次违法且及时改正 | 《行政处罚法》第三十三条\n门前堆物 | 当场改正 | 《行政处罚法》第三十三条",
    ));
    let id = tagged_policy(&app, "小微食品生产企业扶持措施", &fields).await;
    // Saved as the publisher wrote them, with an audit entry.
    let a = push_store::tags_of(&app.db, push_store::DOCUMENT, id)
        .await
        .expect("tags");
    assert_eq!(a.industries.iter().collect::<Vec<_>>(), vec!["14"]);
    assert_eq!(a.scales.len(), 2);
    let audits: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'push.tags' AND object_id = $1"
    )
    .bind(id.to_string())
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(audits, 1);
    // The public page shows the tags and the list.
    let (status, html) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("适用对象") && html.contains("14 食品制造业"),
        "{html}"
    );
    assert!(html.contains("浦东新区") && html.contains("小型、微型"));
    assert!(html.contains("轻微违法行为免罚清单") && html.contains("擅自设置户外招牌"));
    // Published: the tags are locked (they change with a new draft only).
    app.login_ok("pub").await;
    let r = app
        .post(
            &format!("/admin/push/documents/{id}/tags"),
            &[("industries", "13")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 409);
    // A bad code is refused with a field error, nothing saved.
    let draft = crate::docs::draft(&app, "另一文件", false).await;
    let r = app
        .post(
            &format!("/admin/push/documents/{draft}/tags"),
            &[("industries", "14 ZZ9"), ("district", "310115")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("ZZ9 不在 GB/T 4754-2017 中")
    );
    let none = push_store::tags_of(&app.db, push_store::DOCUMENT, draft)
        .await
        .expect("tags");
    assert!(!none.is_targeted());
    // Another unit's publisher cannot tag this unit's draft.
    let other = app.unit("其他区局", None).await;
    app.post("/admin/logout", &[]).await;
    app.user_in("outsider", &[Role::Publisher], other).await;
    app.login_ok("outsider").await;
    let r = app
        .post(
            &format!("/admin/push/documents/{draft}/tags"),
            &[("industries", "14")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 403);
}

/// A policy for 小微 food manufacturers in 浦东 reaches exactly the matching
/// enterprises among 10 000 generated ones, checked by an independent rule on the
/// stored rows; matching twice queues nothing new.
async fn generated_enterprises_match_exactly(b: Backend) {
    let app = spawn(b).await;
    gongkai::push::demo::generate_enterprises(&app.db, 10_000, 7)
        .await
        .expect("enterprises");
    let id = tagged_policy(&app, "浦东小微食品企业措施", SMALL_FOOD_PUDONG).await;
    let queued = gongkai::push::service::match_document(&app.db, id)
        .await
        .expect("match");
    let rows: Vec<(i64, String, String, String)> = with_db!(&app.db, |p| sqlx::query_as(
        "SELECT id, industries, district, scale FROM push_subscribers WHERE state = 'active'"
    )
    .fetch_all(p)
    .await)
    .expect("subs");
    assert_eq!(rows.len(), 10_000);
    // Independent rule: a 4-digit class of 大类 14 is "14xx".
    let mut expected: Vec<i64> = rows
        .iter()
        .filter(|(_, ind, d, s)| {
            ind.len() == 4
                && ind.starts_with("14")
                && d == "310115"
                && (s == "small" || s == "micro")
        })
        .map(|r| r.0)
        .collect();
    expected.sort_unstable();
    assert!(
        expected.len() > 5,
        "the generated set has matches: {}",
        expected.len()
    );
    let mut got: Vec<i64> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT subscriber_id FROM push_messages WHERE document_id = $1 AND kind = 'policy' ORDER BY subscriber_id"
    )
    .bind(id)
    .fetch_all(p)
    .await)
    .expect("messages");
    got.sort_unstable();
    assert_eq!(got, expected);
    assert_eq!(queued, expected.len());
    // Again (and through the periodic job): nothing new.
    assert_eq!(
        gongkai::push::service::match_document(&app.db, id)
            .await
            .expect("again"),
        0
    );
    gongkai::push::job(&app.state).await.expect("job");
    let total: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM push_messages WHERE document_id = $1"
    )
    .bind(id)
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(total as usize, expected.len());
    // A lapsed policy is never pushed: withdraw → matching queues nothing.
    let lapsed = tagged_policy(&app, "已撤回的措施", SMALL_FOOD_PUDONG).await;
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET normative = TRUE, valid_until = '2020-01-01' WHERE id = $1"
    )
    .bind(lapsed)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("lapse");
    assert_eq!(
        gongkai::push::service::match_document(&app.db, lapsed)
            .await
            .expect("lapsed"),
        0
    );
    let d = store::get(&app.db, lapsed).await.expect("doc");
    assert!(!gongkai::push::service::in_force(
        &d,
        gongkai::clock::today()
    ));
}

async fn self_check_and_theme_pages(b: Backend) {
    let app = spawn(b).await;
    gongkai::push::demo::seed(&app.db, app.root_unit, 20)
        .await
        .expect("demo");
    // A micro food manufacturer in 浦东: all three demo policies apply.
    let q = "division=14&industry=1431&district=310115&scale=micro";
    let (status, html) = app.get_text(&format!("/push/check?{q}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("关于支持小微食品生产企业发展的若干措施"),
        "{html}"
    );
    assert!(html.contains("浦东新区食品生产单位门前责任区管理便利措施"));
    assert!(html.contains("为什么适用：行业：14 食品制造业（含贵单位的 1431 米、面制品制造）"));
    // A large one in 徐汇: not the 小微 nor the 浦东 measures.
    let json = app
        .get_json("/api/v1/push/matches?division=14&district=310104&scale=large")
        .await;
    let titles: Vec<&str> = json["policies"]
        .as_array()
        .expect("policies")
        .iter()
        .filter_map(|p| p["title"].as_str())
        .collect();
    assert_eq!(titles, vec!["城市管理领域轻微违法行为免罚清单（演示）"]);
    let measures = json["measures"].as_array().expect("measures");
    assert!(
        measures
            .iter()
            .all(|m| !m["title"].as_str().unwrap_or("").contains("门前责任书"))
    );
    assert!(!measures.is_empty());
    // Missing answers: field errors, no results.
    let r = app.get("/api/v1/push/matches?division=14").await;
    assert_eq!(r.status().as_u16(), 422);
    let (status, html) = app.get_text("/push/check?division=14").await;
    assert_eq!(status, 200);
    assert!(html.contains("请选择所在区"));
    // The theme page: 12 measures; filtered for a large 徐汇 enterprise fewer.
    let (status, html) = app.get_text("/themes/food-production").await;
    assert_eq!(status, 200);
    assert!(html.contains("共 12 项现行措施"), "{html}");
    let (_, html) = app
        .get_text("/themes/food-production?division=14&district=310104&scale=large")
        .await;
    assert!(html.contains("适用于贵单位的措施 7 项"), "{html}");
    // A measure lapses with its basis: withdraw the 浦东 document.
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET state = 'withdrawn' WHERE title LIKE '浦东新区%'"
    )
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("withdraw");
    let (_, html) = app.get_text("/themes/food-production").await;
    assert!(html.contains("共 10 项现行措施"));
    let (status, _) = app.get_text("/themes/no-such-theme").await;
    assert_eq!(status, 404);
}
