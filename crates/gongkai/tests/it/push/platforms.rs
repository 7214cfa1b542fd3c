//! The webhook channel against a real HTTP receiver on loopback (a stand-in for
//! 随申办·企业云): platform registration, the subscribers import (.xlsx, all or
//! nothing), signed delivery, failure and retry with backoff, no double delivery,
//! the failed-deliveries list with 重新发送, and the .xlsx exports.

use std::sync::Arc;
use std::sync::atomic::{AtomicU16, Ordering};

use gongkai::auth::roles::Role;
use gongkai::push::store as push_store;
use gongkai::with_db;
use serde_json::Value;

use super::{SMALL_FOOD_PUDONG, tagged_policy};
use crate::both;
use crate::common::{Backend, TestApp, spawn, spawn_with};

both!(
    webhook_pushes_are_signed_retried_and_sent_once,
    subscribers_import_is_all_or_nothing
);

const SECRET: &str = "qyy-secret-0123456789";

/// One request the stand-in platform received: delivery id, whether the signature
/// verified with the platform's secret, the body, the status it answered.
#[derive(Debug, Clone)]
struct Got {
    delivery: String,
    signed: bool,
    body: Value,
    answered: u16,
}

type Log = Arc<std::sync::Mutex<Vec<Got>>>;

/// The receiver on a real socket; it answers with the status in `answer`.
async fn receiver() -> (String, Log, Arc<AtomicU16>) {
    let log: Log = Arc::default();
    let answer = Arc::new(AtomicU16::new(200));
    let (l, a) = (log.clone(), answer.clone());
    let app = axum::Router::new().route(
        "/push",
        axum::routing::post(
            move |headers: axum::http::HeaderMap, body: axum::body::Bytes| {
                let (l, a) = (l.clone(), a.clone());
                async move {
                    let h = |k: &str| {
                        headers
                            .get(k)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string()
                    };
                    let status = a.load(Ordering::SeqCst);
                    l.lock().expect("lock").push(Got {
                        delivery: h("x-delivery-id"),
                        signed: gongkai::webhook::verify(SECRET, &body, &h("x-gongkai-signature")),
                        body: serde_json::from_slice(&body).unwrap_or(Value::Null),
                        answered: status,
                    });
                    axum::http::StatusCode::from_u16(status).expect("status")
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    (format!("http://{addr}/push"), log, answer)
}

fn code(body: &str) -> String {
    gongkai::ids::credit_code_with_check(body).expect("code")
}

pub fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, v).expect("cell");
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

const HEAD: [&str; 7] = [
    "统一社会信用代码",
    "单位名称",
    "行业代码",
    "所在区",
    "企业规模",
    "主体类型",
    "关注主题",
];

fn table(rows: &[[&str; 7]]) -> Vec<u8> {
    let mut all = vec![HEAD.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    all.extend(
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect()),
    );
    xlsx(&all)
}

async fn import(app: &TestApp, platform: i64, bytes: Vec<u8>) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", app.csrf().await)
        .text("platform", platform.to_string())
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("qiye.xlsx"),
        );
    let r = app
        .client
        .post(app.url("/admin/push/import"))
        .multipart(form)
        .send()
        .await
        .expect("post");
    (r.status().as_u16(), r.text().await.expect("body"))
}

/// An administrator registers the platform; returns its id.
async fn register(app: &TestApp, url: &str) -> i64 {
    app.user("sysadmin", &[Role::Admin]).await;
    app.login_ok("sysadmin").await;
    let r = app
        .post(
            "/admin/push/platforms",
            &[("name", "随申办·企业云"), ("url", url), ("secret", "short")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422, "a short secret is refused");
    let html = r.text().await.expect("body");
    assert!(
        html.contains("签名密钥") && html.contains(url),
        "values kept"
    );
    let r = app
        .post(
            "/admin/push/platforms",
            &[("name", "随申办·企业云"), ("url", url), ("secret", SECRET)],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let id: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM push_platforms WHERE name = '随申办·企业云'"
    )
    .fetch_one(p)
    .await)
    .expect("platform");
    // The secret is never written to the audit log.
    let summaries: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT summary FROM audit_log WHERE action = 'push.platform'"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(summaries.len(), 1);
    assert!(!summaries[0].contains(SECRET));
    app.post("/admin/logout", &[]).await;
    id
}

async fn message_rows(app: &TestApp, doc: i64) -> Vec<(i64, String, i64, Option<String>)> {
    with_db!(&app.db, |p| sqlx::query_as(
        "SELECT id, state, attempts, last_error FROM push_messages WHERE document_id = $1 ORDER BY id"
    )
    .bind(doc)
    .fetch_all(p)
    .await)
    .expect("messages")
}

async fn make_due(app: &TestApp) {
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE push_messages SET next_at = $1 WHERE state = 'queued'"
    )
    .bind(gongkai::clock::now() - chrono::Duration::seconds(1))
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("due");
}

async fn webhook_pushes_are_signed_retried_and_sent_once(b: Backend) {
    let (url, log, answer) = receiver().await;
    // No SMTP server: mail waits, webhooks go.
    let app = spawn_with(b, |s| {
        s.server.public_url = "https://gk.example.cn".into();
    })
    .await;
    let platform = register(&app, &url).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.login_ok("pub").await;
    let (a, b2, c) = (
        code("91310115MA1K4CH3X"),
        code("91310115MA1K4CH4X"),
        code("91310104MA1K4CH5X"),
    );
    let (status, html) = import(
        &app,
        platform,
        table(&[
            [
                &a,
                "上海甲食品有限公司",
                "1431",
                "浦东新区",
                "微型",
                "",
                "食品生产",
            ],
            [
                &b2,
                "上海乙食品有限公司",
                "14",
                "310115",
                "小型",
                "企业",
                "",
            ],
            [&c, "上海丙食品有限公司", "1431", "徐汇区", "小型", "", ""],
        ]),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("新增 3 家"), "{html}");
    app.post("/admin/logout", &[]).await;

    // Published: the two in 浦东 match; the platform is down (500) at first.
    answer.store(500, Ordering::SeqCst);
    let doc = tagged_policy(&app, "浦东小微食品企业扶持措施", SMALL_FOOD_PUDONG).await;
    gongkai::push::job(&app.state).await.expect("job");
    let rows = message_rows(&app, doc).await;
    assert_eq!(rows.len(), 2, "the 徐汇 enterprise is not matched");
    for (_, state, attempts, err) in &rows {
        assert_eq!((state.as_str(), *attempts), ("queued", 1));
        assert!(err.as_deref().unwrap_or("").contains("500"), "{err:?}");
    }
    let first: Vec<Got> = log.lock().expect("lock").clone();
    assert_eq!(first.len(), 2);
    // Not retried before the backoff has passed.
    gongkai::push::job(&app.state).await.expect("job");
    assert_eq!(log.lock().expect("lock").len(), 2);

    // Back up: each message arrives once, signed, with the same delivery id.
    answer.store(200, Ordering::SeqCst);
    make_due(&app).await;
    gongkai::push::job(&app.state).await.expect("job");
    let got: Vec<Got> = log.lock().expect("lock").clone();
    assert_eq!(got.len(), 4);
    let ok: Vec<&Got> = got.iter().filter(|g| g.answered == 200).collect();
    assert_eq!(ok.len(), 2);
    for g in &ok {
        assert!(g.signed, "HMAC-SHA256 with the platform's secret");
        assert!(
            first.iter().any(|f| f.delivery == g.delivery),
            "the retry carries the first attempt's delivery id"
        );
        assert_eq!(g.body["delivery_id"], Value::String(g.delivery.clone()));
        assert_eq!(g.body["policy"]["title"], "浦东小微食品企业扶持措施");
        assert_eq!(
            g.body["policy"]["url"],
            format!("https://gk.example.cn/xxgk/documents/{doc}")
        );
        assert!(
            g.body["policy"]["open_url"]
                .as_str()
                .is_some_and(|u| u.starts_with("https://gk.example.cn/push/o/"))
        );
        let why = g.body["why"].to_string();
        assert!(why.contains("区：浦东新区"), "{why}");
    }
    let codes: Vec<&str> = ok
        .iter()
        .filter_map(|g| g.body["enterprise"]["credit_code"].as_str())
        .collect();
    assert!(codes.contains(&a.as_str()) && codes.contains(&b2.as_str()));
    // A signature over another body, or with another key, does not verify.
    assert!(!gongkai::webhook::verify(
        SECRET,
        b"{}",
        &gongkai::webhook::signature("other-key-0123456789", b"{}")
    ));

    // Nothing is sent twice.
    make_due(&app).await;
    gongkai::push::job(&app.state).await.expect("job");
    assert_eq!(log.lock().expect("lock").len(), 4);
    let stats = push_store::policy_stats(&app.db, Some(doc))
        .await
        .expect("stats");
    assert_eq!(
        (stats[0].matched, stats[0].sent, stats[0].failed),
        (2, 2, 0)
    );

    // A refusal (410) fails at once; listed, then sent again from the back office.
    answer.store(410, Ordering::SeqCst);
    let doc2 = tagged_policy(&app, "浦东小微食品企业第二批措施", SMALL_FOOD_PUDONG).await;
    gongkai::push::job(&app.state).await.expect("job");
    let rows = message_rows(&app, doc2).await;
    assert!(rows.iter().all(|r| r.1 == "failed" && r.2 == 1), "{rows:?}");
    app.login_ok("pub").await;
    let (status, html) = app.get_text("/admin/push/failed").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("410") && html.contains("上海甲食品有限公司") && html.contains("重新发送")
    );
    answer.store(200, Ordering::SeqCst);
    let r = app
        .post(&format!("/admin/push/messages/{}/retry", rows[0].0), &[])
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(&format!("/admin/push/messages/{}/retry", rows[0].0), &[])
        .await;
    assert_eq!(r.status().as_u16(), 409, "only a failed message");
    gongkai::push::job(&app.state).await.expect("job");
    let rows = message_rows(&app, doc2).await;
    assert_eq!(rows[0].1, "sent");
    assert_eq!(
        rows[1].1, "failed",
        "the other one waits for its own 重新发送"
    );
    let retried: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'push.retry'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(retried, 1);

    // A platform switched off gets nothing more.
    app.post("/admin/logout", &[]).await;
    app.login_ok("sysadmin").await;
    let r = app
        .post(
            &format!("/admin/push/platforms/{platform}"),
            &[("name", "随申办·企业云"), ("url", &url)],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303, "secret kept, switched off");
    app.post("/admin/logout", &[]).await;
    let before = log.lock().expect("lock").len();
    let doc3 = tagged_policy(&app, "浦东小微食品企业第三批措施", SMALL_FOOD_PUDONG).await;
    gongkai::push::job(&app.state).await.expect("job");
    assert_eq!(log.lock().expect("lock").len(), before);
    let rows = message_rows(&app, doc3).await;
    assert!(
        rows.iter()
            .all(|r| r.1 == "failed" && r.3.as_deref() == Some("推送平台已停用"))
    );

    // The figures per policy as .xlsx.
    app.login_ok("pub").await;
    let r = app.get("/admin/push/figures.xlsx").await;
    assert_eq!(r.status().as_u16(), 200);
    let cells = gongkai::table::read_xlsx(&r.bytes().await.expect("bytes")).expect("xlsx");
    assert_eq!(
        cells[0][..7],
        [
            "文件编号",
            "政策",
            "匹配企业",
            "已送达",
            "发送失败",
            "退信",
            "已打开"
        ]
    );
    let row = cells
        .iter()
        .find(|r| r[1] == "浦东小微食品企业扶持措施")
        .expect("row");
    assert_eq!(row[2..7], ["2", "2", "0", "0", "0"]);
}

async fn subscribers_import_is_all_or_nothing(b: Backend) {
    let app = spawn(b).await;
    let platform = register(&app, "https://qyy.example.gov.cn/push").await;
    app.user("pub", &[Role::Publisher]).await;
    app.login_ok("pub").await;
    let (a, b2) = (code("91310115MA1K4CH3X"), code("91310115MA1K4CH4X"));
    let bad_code = format!("{}{}", &a[..17], if a.ends_with('0') { '1' } else { '0' });
    // Row-level errors: nothing imported, every bad row listed.
    let (status, html) = import(
        &app,
        platform,
        table(&[
            [&a, "上海甲食品有限公司", "1431", "浦东新区", "微型", "", ""],
            [
                &bad_code,
                "上海乙食品有限公司",
                "9999",
                "火星区",
                "巨型",
                "",
                "养生",
            ],
            [
                &a,
                "上海甲食品有限公司（重复）",
                "1431",
                "浦东新区",
                "微型",
                "",
                "",
            ],
        ]),
    )
    .await;
    assert_eq!(status, 422);
    for part in [
        "第 3 行",
        "统一社会信用代码",
        "9999",
        "火星区",
        "巨型",
        "养生",
        "第 4 行",
        "在表中重复",
    ] {
        assert!(html.contains(part), "{part}: {html}");
    }
    let n = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            with_db!(&db, |p| sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM push_subscribers"
            )
            .fetch_one(p)
            .await)
            .expect("count")
        }
    };
    assert_eq!(n(&app).await, 0, "all or nothing");
    // A missing column, and no platform.
    let (status, html) = import(&app, platform, xlsx(&[vec!["单位名称".into()]])).await;
    assert_eq!(status, 422);
    assert!(html.contains("缺少必需的列“统一社会信用代码”"));
    let (status, html) = import(&app, 0, table(&[])).await;
    assert_eq!(status, 422);
    assert!(html.contains("请选择推送平台"));
    // Good rows: active at once, no e-mail, reached through the platform.
    let (status, html) = import(
        &app,
        platform,
        table(&[
            [
                &a,
                "上海甲食品有限公司",
                "1431",
                "浦东新区",
                "微型",
                "",
                "食品生产、轻微免罚",
            ],
            [
                &b2,
                "上海乙餐饮有限公司",
                "6210",
                "310101",
                "small",
                "individual",
                "",
            ],
        ]),
    )
    .await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("新增 2 家，更新 0 家"));
    // Importing again updates instead of adding.
    let (status, html) = import(
        &app,
        platform,
        table(&[[
            &a,
            "上海甲食品股份有限公司",
            "1431",
            "浦东新区",
            "小型",
            "",
            "",
        ]]),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("新增 0 家，更新 1 家"));
    assert_eq!(n(&app).await, 2);
    let rows: Vec<(String, String, String, String, Option<i64>, String)> = with_db!(&app.db, |p| {
        sqlx::query_as(
        "SELECT name, email, state, channel, platform_id, scale FROM push_subscribers ORDER BY id"
    )
    .fetch_all(p)
    .await
    })
    .expect("rows");
    assert_eq!(
        rows[0],
        (
            "上海甲食品股份有限公司".to_string(),
            String::new(),
            "active".to_string(),
            "webhook".to_string(),
            Some(platform),
            "small".to_string()
        )
    );
    let imports: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'push.import'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(imports, 2, "one entry per import that took effect");

    // The back office lists them; the export has every one.
    let (status, html) = app.get_text("/admin/push/subscribers?q=乙餐饮").await;
    assert_eq!(status, 200);
    assert!(html.contains("上海乙餐饮有限公司") && html.contains("随申办·企业云"));
    assert!(!html.contains("上海甲食品股份有限公司"));
    let r = app.get("/admin/push/subscribers.xlsx").await;
    assert_eq!(r.status().as_u16(), 200);
    let cells = gongkai::table::read_xlsx(&r.bytes().await.expect("bytes")).expect("xlsx");
    assert_eq!(cells.len(), 3);
    assert_eq!(cells[0][0], "统一社会信用代码");
    assert!(cells.iter().any(|r| r[0] == b2
        && r[2] == "随申办·企业云"
        && r[5] == "黄浦区"
        && r[7] == "个体工商户"));
    // Staff without the publishing permission may not import.
    app.post("/admin/logout", &[]).await;
    app.login_ok("sysadmin").await;
    let (status, _) = app.get_text("/admin/push/import").await;
    assert_eq!(status, 403);
}
