//! 诉求工单 and the platforms around it, on both backends: the 12345 platform's push
//! (`POST /api/v1/orders/12345`: its token's permission, Chinese errors, one order
//! per number however often it is pushed, audited), results sent back to a real
//! local receiver (failure, backoff, one delivery per result with its id and
//! signature, the state on the order page) and the daily job's reminders.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use gongkai::auth::roles::Role;
use gongkai::orders::model::{Source, Urgency};
use serde_json::{Value, json};

use crate::both;
use crate::common::{Backend, TestApp, spawn, spawn_with};
use crate::orders::count;

both!(
    city_platform_pushes_orders_idempotently,
    results_go_back_once_to_a_real_receiver,
    daily_job_records_reminders_once_and_the_list_shows_them,
);

async fn push(app: &TestApp, path: &str, token: Option<&str>, body: &str) -> (u16, Value) {
    let mut r = app
        .client
        .post(app.url(path))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(t) = token {
        r = r.bearer_auth(t);
    }
    let r = r.send().await.expect("post");
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn pushed(no: &str) -> Value {
    let today = gongkai::clock::today();
    json!({
        "order_no": no,
        "received_at": format!("{today}T09:15:00+08:00"),
        "category": "占道经营",
        "content": "福州路夜市摊贩占道经营，来电人王小明13912345678",
        "location": {"address": "福州路100号", "district": "黄浦区", "lat": 31.2345, "lon": 121.4789},
        "contact": {"name": "王小明", "phone": "13912345678"},
        "deadline": (today + chrono::Duration::days(20)).to_string(),
        "urgency": "一般"
    })
}

async fn city_platform_pushes_orders_idempotently(b: Backend) {
    let app = spawn(b).await;
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    app.user("city12345", &[Role::OrderPlatform]).await;
    app.user("hd", &[Role::InteractHandler]).await;
    let key = crate::foi::api_token(&app, "city12345").await;
    let staff = crate::foi::api_token(&app, "hd").await;
    let path = "/api/v1/orders/12345";
    let body = pushed("SH12345-20261201-0001").to_string();

    let (s, _) = push(&app, path, None, &body).await;
    assert_eq!(s, 401, "no token");
    let (s, v) = push(&app, path, Some(&staff), &body).await;
    assert_eq!(s, 403, "a valid token without the permission: {v}");
    let (s, _) = push(&app, "/api/v1/orders/weibo", Some(&key), &body).await;
    assert_eq!(s, 404, "unknown platform");
    let (s, v) = push(&app, path, Some(&key), "{not json").await;
    assert_eq!(s, 400);
    assert!(
        v["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("JSON"))
    );
    let bad = json!({"received_at": "昨天", "category": "乱停车", "deadline": "12月20日",
        "location": {"lat": 31.2}, "contact": {"phone": "abc"}});
    let (s, v) = push(&app, path, Some(&key), &bad.to_string()).await;
    assert_eq!(s, 422, "{v}");
    let f = &v["error"]["fields"];
    assert_eq!(f["order_no"], "请填写工单编号");
    assert_eq!(f["content"], "请填写诉求内容");
    assert_eq!(f["category"], "诉求类别“乱停车”不在服务目录中");
    assert!(
        f["received_at"]
            .as_str()
            .is_some_and(|m| m.contains("RFC 3339"))
    );
    assert_eq!(f["deadline"], "办结时限应写作 YYYY-MM-DD");
    assert_eq!(f["location.lat"], "经度和纬度应同时填写");
    assert_eq!(f["contact.phone"], "联系电话格式不正确");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM work_orders").await, 0);

    let (s, first) = push(&app, path, Some(&key), &body).await;
    assert_eq!(s, 201, "{first}");
    assert_eq!(first["new"], true);
    assert_eq!(first["order_no"], "SH12345-20261201-0001");
    assert_eq!(first["unit"], "黄浦区城管执法局", "routed by district");
    let deadline = pushed("x")["deadline"].as_str().expect("d").to_string();
    assert_eq!(
        first["finish_due"],
        deadline.as_str(),
        "the platform's deadline kept"
    );
    // The platform retries: the same order back, never a second one.
    for _ in 0..2 {
        let (s, again) = push(&app, path, Some(&key), &body).await;
        assert_eq!(s, 200);
        assert_eq!(again["new"], false);
        assert_eq!(again["id"], first["id"]);
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM work_orders").await, 1);
    let id = first["id"].as_i64().expect("id");
    let o = gongkai::orders::store::get(&app.db, id)
        .await
        .expect("get")
        .expect("order");
    assert_eq!(o.source, Source::Hotline);
    assert_eq!(o.unit_id, district);
    assert_eq!(o.contact_phone, "13912345678");
    assert!(
        !o.public_description.contains("13912345678"),
        "masked for the public"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'order.create' AND actor LIKE 'city12345%'"
        )
        .await,
        1,
        "audited once, under the platform's account"
    );
    // The national 找错 platform pushes to its own path; numbers are per platform.
    let mut zc = pushed("SH12345-20261201-0001");
    zc["category"] = json!("website_error");
    zc["page_url"] = json!("https://example.gov.cn/a");
    zc["error_type"] = json!("错别字");
    let (s, v) = push(&app, "/api/v1/orders/zhaocuo", Some(&key), &zc.to_string()).await;
    assert_eq!(s, 201, "{v}");
    assert_ne!(v["id"], first["id"]);
    // Documented.
    let doc = app.get_json("/api/v1/openapi.json").await;
    assert!(doc["paths"]["/api/v1/orders/{platform}"]["post"].is_object());
}

/// What the stand-in platform received: (delivery id, signature, body).
type Received = Arc<std::sync::Mutex<Vec<(String, String, Value)>>>;

/// A stand-in for the 12345 platform's result endpoint on a real socket; fails
/// with 503 on demand.
async fn receiver() -> (String, Received, Arc<AtomicBool>) {
    let got: Received = Arc::default();
    let fail = Arc::new(AtomicBool::new(false));
    let (g, f) = (got.clone(), fail.clone());
    let app = axum::Router::new().route(
        "/results",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let (g, f) = (g.clone(), f.clone());
                async move {
                    if f.load(Ordering::SeqCst) {
                        return axum::http::StatusCode::SERVICE_UNAVAILABLE;
                    }
                    let h = |k: &str| {
                        headers
                            .get(k)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string()
                    };
                    let sig = format!("{}|{}", h("x-gongkai-signature"), hex_sha(&body));
                    let v: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
                    g.lock().expect("lock").push((h("x-delivery-id"), sig, v));
                    axum::http::StatusCode::OK
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{addr}/results"), got, fail)
}

/// The body's signature as the sender should have made it.
fn hex_sha(body: &[u8]) -> String {
    gongkai::webhook::signature(KEY, body)
}

const KEY: &str = "push-back-key-0123456789";

async fn act(app: &TestApp, id: i64, fields: &[(&str, &str)]) {
    let r = app.post(&format!("/admin/orders/{id}/act"), fields).await;
    assert_eq!(r.status().as_u16(), 303, "{fields:?}");
}

async fn new_order(app: &TestApp, no: Option<&str>, source: Source, on: NaiveDate) -> i64 {
    let o = gongkai::orders::form::NewOrder {
        source,
        source_no: no.map(str::to_string),
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
        Some(app.root_unit),
        None,
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("order")
    .id
}

async fn push_row(app: &TestApp, order: i64) -> (String, i64, String, String) {
    gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT state, attempts, last_error, delivery_id FROM order_pushbacks WHERE order_id = $1"
    )
    .bind(order)
    .fetch_one(p)
    .await)
    .expect("row")
}

async fn results_go_back_once_to_a_real_receiver(b: Backend) {
    let (url, got, fail) = receiver().await;
    let app = spawn_with(b, |s| {
        s.orders.push_back_url = url.clone();
        s.orders.push_back_key = KEY.into();
    })
    .await;
    app.user("hd", &[Role::InteractHandler]).await;
    app.login_ok("hd").await;
    let today = gongkai::clock::today();
    let hotline = new_order(&app, Some("SH12345-RB-1"), Source::Hotline, today).await;
    let returned = new_order(&app, Some("SH12345-RB-2"), Source::Hotline, today).await;
    let phone = new_order(&app, None, Source::Phone, today).await;
    for id in [hotline, phone] {
        act(&app, id, &[("action", "accept")]).await;
        act(
            &app,
            id,
            &[
                ("action", "finish"),
                ("result", "已清理占道摊位"),
                ("reply", "您反映的问题已处理"),
            ],
        )
        .await;
    }
    act(
        &app,
        returned,
        &[("action", "return"), ("reason", "不属于本局职责")],
    )
    .await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM order_pushbacks").await,
        2,
        "a result for each 12345 order, none for a phone call"
    );

    // The platform is down: recorded, retried later with backoff.
    fail.store(true, Ordering::SeqCst);
    let now = gongkai::clock::now();
    let out = gongkai::orders::pushback::deliver_due(&app.state, now)
        .await
        .expect("deliver");
    assert_eq!(out, (0, 2));
    let (state, attempts, err, delivery) = push_row(&app, hotline).await;
    assert_eq!((state.as_str(), attempts), ("pending", 1));
    assert!(err.contains("503"), "{err}");
    assert_eq!(
        gongkai::orders::pushback::deliver_due(&app.state, now)
            .await
            .expect("deliver"),
        (0, 0),
        "not before its next time"
    );
    let (_, page) = app.get_text(&format!("/admin/orders/{hotline}")).await;
    assert!(page.contains("待推送") && page.contains("503") && page.contains(&delivery));

    // Back up: the minute job delivers each result once, with its id and signature.
    fail.store(false, Ordering::SeqCst);
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE order_pushbacks SET next_at = $1"
    )
    .bind(gongkai::clock::now())
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("due now");
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::jobs::enqueue(
        &mut tx,
        gongkai::jobs::Kind::OrdersPushBack,
        &json!({}),
        gongkai::clock::now(),
    )
    .await
    .expect("enqueue");
    tx.commit().await.expect("commit");
    assert!(gongkai::jobs::run_once(&app.state).await.expect("run"));
    {
        let got = got.lock().expect("lock");
        assert_eq!(got.len(), 2, "{got:?}");
        let (id, sig, v) = got
            .iter()
            .find(|(_, _, v)| v["order_no"] == "SH12345-RB-1")
            .expect("finished one");
        assert_eq!(id, &delivery, "X-Delivery-Id");
        assert_eq!(v["delivery_id"], delivery.as_str());
        let (sent, expected) = sig.split_once('|').expect("sig");
        assert_eq!(sent, expected, "HMAC over the body");
        assert_eq!(v["platform"], "12345");
        assert_eq!(v["event"], "finished");
        assert!(
            v["result"]
                .as_str()
                .is_some_and(|r| r.contains("已清理占道摊位") && r.contains("您反映的问题已处理"))
        );
        assert!(
            v["result_at"]
                .as_str()
                .is_some_and(|t| t.ends_with("+08:00"))
        );
        let (_, _, r) = got
            .iter()
            .find(|(_, _, v)| v["order_no"] == "SH12345-RB-2")
            .expect("returned one");
        assert_eq!(r["event"], "returned");
        assert!(
            r["result"]
                .as_str()
                .is_some_and(|t| t.contains("不属于本局职责"))
        );
    }
    let later = gongkai::clock::now() + chrono::Duration::days(1);
    assert_eq!(
        gongkai::orders::pushback::deliver_due(&app.state, later)
            .await
            .expect("deliver"),
        (0, 0),
        "each result delivered once"
    );
    assert_eq!(got.lock().expect("lock").len(), 2);
    let (state, attempts, _, _) = push_row(&app, hotline).await;
    assert_eq!((state.as_str(), attempts), ("sent", 2));
    let (_, page) = app.get_text(&format!("/admin/orders/{hotline}")).await;
    assert!(page.contains("已推送") && page.contains("送达"));

    // A receiver that never comes back: failed after the last attempt, shown so.
    fail.store(true, Ordering::SeqCst);
    act(
        &app,
        hotline,
        &[("action", "visit"), ("satisfaction", "unsatisfied")],
    )
    .await;
    act(
        &app,
        hotline,
        &[
            ("action", "finish"),
            ("result", "再次清理"),
            ("reply", "已再次处理"),
        ],
    )
    .await;
    let mut at = gongkai::clock::now();
    for _ in 0..gongkai::orders::model::PUSH_ATTEMPTS {
        at += chrono::Duration::hours(7);
        gongkai::orders::pushback::deliver_due(&app.state, at)
            .await
            .expect("deliver");
    }
    let failed = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM order_pushbacks WHERE order_id = {hotline} AND state = 'failed'"
        ),
    )
    .await;
    assert_eq!(failed, 1, "the second 办结 is a new result, failed at last");
    let (_, page) = app.get_text(&format!("/admin/orders/{hotline}")).await;
    assert!(page.contains("推送失败") && page.contains("重新推送"));
    // Staff send it again once the platform is back: same delivery id, audited.
    let pid = count(
        &app,
        &format!("SELECT MAX(id) FROM order_pushbacks WHERE order_id = {hotline}"),
    )
    .await
    .to_string();
    let sent = app
        .post(
            &format!("/admin/orders/{hotline}/repush"),
            &[("pushback_id", pid.as_str())],
        )
        .await;
    assert_eq!(sent.status().as_u16(), 303);
    let again = app
        .post(
            &format!("/admin/orders/{hotline}/repush"),
            &[("pushback_id", pid.as_str())],
        )
        .await;
    assert_eq!(again.status().as_u16(), 409, "only a failed result");
    fail.store(false, Ordering::SeqCst);
    assert_eq!(
        gongkai::orders::pushback::deliver_due(&app.state, gongkai::clock::now())
            .await
            .expect("deliver"),
        (1, 0)
    );
    assert_eq!(got.lock().expect("lock").len(), 3);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'order.repush'"
        )
        .await,
        1
    );
}

async fn daily_job_records_reminders_once_and_the_list_shows_them(b: Backend) {
    let app = spawn(b).await;
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).expect("date");
    // Monday 2 November: 签收 by 3 November, 办结 by 23 November (15 working days).
    let waiting = new_order(&app, Some("SH12345-RM-1"), Source::Hotline, d(11, 2)).await;
    let signed = new_order(&app, None, Source::Phone, d(11, 2)).await;
    app.user("hd", &[Role::InteractHandler]).await;
    app.login_ok("hd").await;
    act(&app, signed, &[("action", "accept")]).await;
    let done = new_order(&app, Some("SH12345-RM-3"), Source::Hotline, d(11, 2)).await;
    act(
        &app,
        done,
        &[("action", "return"), ("reason", "非本局职责")],
    )
    .await;

    // Friday 20 November: 签收 overdue, 办结 due on Monday.
    gongkai::orders::daily_on(&app.state, d(11, 20))
        .await
        .expect("daily");
    let n = |sql: &'static str| count(&app, sql);
    assert_eq!(n("SELECT COUNT(*) FROM order_reminders").await, 3);
    assert_eq!(
        n("SELECT COUNT(*) FROM order_reminders WHERE deadline = 'accept'").await,
        1,
        "no 签收 reminder once signed for"
    );
    // Again the same day and the next: nothing twice.
    gongkai::orders::daily_on(&app.state, d(11, 20))
        .await
        .expect("daily");
    gongkai::orders::daily_on(&app.state, d(11, 24))
        .await
        .expect("daily");
    assert_eq!(n("SELECT COUNT(*) FROM order_reminders").await, 3);
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM order_reminders WHERE order_id = {done}")
        )
        .await,
        0,
        "a returned order is off the clock"
    );
    let (_, html) = app.get_text("/admin/orders").await;
    assert!(html.contains("签收已逾期（2026-11-03）"), "{html}");
    assert!(html.contains("办结即将到期（2026-11-23）"));
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM order_reminders WHERE order_id = {waiting}")
        )
        .await,
        2,
        "签收 and 办结 of the order waiting to be signed for"
    );
    // The job is wired: it runs as the orders_daily kind.
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::jobs::enqueue(
        &mut tx,
        gongkai::jobs::Kind::OrdersDaily,
        &json!({}),
        gongkai::clock::now(),
    )
    .await
    .expect("enqueue");
    tx.commit().await.expect("commit");
    assert!(gongkai::jobs::run_once(&app.state).await.expect("run"));
    assert_eq!(
        n("SELECT COUNT(*) FROM jobs WHERE kind = 'orders_daily' AND state = 'done'").await,
        1
    );
    // Without orders.push_back_url a result is recorded only, and the page says so.
    let (_, page) = app.get_text(&format!("/admin/orders/{done}")).await;
    assert!(page.contains("未配置回传地址") && page.contains("待推送"));
    assert_eq!(
        gongkai::orders::pushback::deliver_due(&app.state, gongkai::clock::now())
            .await
            .expect("deliver"),
        (0, 0)
    );
}
