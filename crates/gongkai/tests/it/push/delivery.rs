//! The outbox against a real SMTP server: subscribe → confirm → publish → the
//! message arrives → its link opens the personal page → one-click unsubscribe;
//! a worker killed mid-batch; connection failures and retries.

use gongkai::push::store as push_store;
use gongkai::with_db;

use super::smtp::SmtpServer;
use super::{SMALL_FOOD_PUDONG, tagged_policy};
use crate::both;
use crate::common::{Backend, TestApp, spawn_with};

both!(
    subscribe_confirm_deliver_open_unsubscribe,
    worker_killed_mid_batch_loses_nothing,
    connection_failures_are_retried_then_failed
);

async fn with_smtp(b: Backend, port: u16) -> TestApp {
    spawn_with(b, move |s| {
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
        s.mail.per_minute = 1000;
        s.server.public_url = "https://gk.example.cn".into();
    })
    .await
}

fn token_after<'a>(text: &'a str, marker: &str) -> &'a str {
    let i = text.find(marker).expect(marker) + marker.len();
    &text[i..i + 48]
}

pub fn credit_code() -> String {
    gongkai::ids::credit_code_with_check("91310115MA1K4CH3X").expect("code")
}

async fn state_of(app: &TestApp, id: i64) -> String {
    push_store::subscriber(&app.db, id)
        .await
        .expect("sub")
        .state
}

async fn subscribe_confirm_deliver_open_unsubscribe(b: Backend) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = with_smtp(b, smtp.port).await;
    let code = credit_code();
    let bad = format!(
        "{}{}",
        &code[..17],
        if code.ends_with('0') { '1' } else { '0' }
    );
    let mut form = vec![
        ("credit_code", bad.as_str()),
        ("name", "上海某某食品有限公司"),
        ("email", "boss@food.example.cn"),
        ("division", "14"),
        ("industry", "1431"),
        ("district", "310115"),
        ("scale", "micro"),
        ("consent", "on"),
    ];
    // A wrong check character is refused.
    let r = app.post("/push/subscribe", &form).await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("统一社会信用代码"));
    form[0].1 = code.as_str();
    let r = app.post("/push/subscribe", &form).await;
    assert_eq!(r.status().as_u16(), 200);
    let sub_id: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM push_subscribers WHERE credit_code = $1"
    )
    .bind(&code)
    .fetch_one(p)
    .await)
    .expect("subscriber");
    assert_eq!(state_of(&app, sub_id).await, "pending");

    // The confirmation mail reaches the SMTP server.
    gongkai::push::job(&app.state).await.expect("job");
    let got = smtp.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].header("To").as_deref(),
        Some("<boss@food.example.cn>")
    );
    assert!(
        got[0]
            .text
            .contains("https://gk.example.cn/push/confirm?t="),
        "{}",
        got[0].text
    );
    let token = token_after(&got[0].text, "/push/confirm?t=").to_string();
    // A policy published before confirming is not sent to a pending subscription.
    let (status, html) = app.get_text(&format!("/push/confirm?t={token}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("确认订阅"));
    let r = app.post("/push/confirm", &[("t", &token)]).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(state_of(&app, sub_id).await, "active");

    // Publication → matched → delivered with the headers and the reasons.
    let doc = tagged_policy(&app, "浦东小微食品企业扶持措施", SMALL_FOOD_PUDONG).await;
    gongkai::push::job(&app.state).await.expect("job");
    let got = smtp.messages();
    assert_eq!(got.len(), 2, "confirmation + policy");
    let m = &got[1];
    assert_eq!(
        m.header("List-Unsubscribe"),
        Some(format!(
            "<https://gk.example.cn/api/v1/push/unsubscribe?t={token}>"
        ))
    );
    assert_eq!(
        m.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    assert!(
        m.header("Message-ID")
            .is_some_and(|id| id.ends_with("@example.gov.cn>"))
    );
    assert!(
        m.header("Subject")
            .is_some_and(|s| s.starts_with("=?UTF-8?B?"))
    );
    assert!(m.text.contains("浦东小微食品企业扶持措施"), "{}", m.text);
    assert!(m.text.contains("为什么推送给您：行业：14 食品制造业（含贵单位的 1431 米、面制品制造）；区：浦东新区；规模：微型"));
    assert!(m.html.contains("查看政策及适用说明"));
    let open = token_after(&m.text, "/push/o/").to_string();

    // The tracked link records the opening and shows the personal page at the policy.
    let r = app.get(&format!("/push/o/{open}")).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        crate::common::location(&r),
        format!("/push/me?t={token}#doc-{doc}")
    );
    let (status, html) = app.get_text(&format!("/push/me?t={token}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("浦东小微食品企业扶持措施") && html.contains("为什么适用"));
    assert!(html.contains("<td>已发送</td>"), "{html}");
    let stats = push_store::policy_stats(&app.db, Some(doc))
        .await
        .expect("stats");
    assert_eq!(
        (stats[0].matched, stats[0].sent, stats[0].opened),
        (1, 1, 1)
    );

    // Running again sends nothing twice.
    gongkai::push::job(&app.state).await.expect("job");
    assert_eq!(smtp.messages().len(), 2);

    // RFC 8058 one-click unsubscribe (no CSRF token, as a mail client posts it).
    let r = reqwest::Client::new()
        .post(app.url(&format!("/api/v1/push/unsubscribe?t={token}")))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(state_of(&app, sub_id).await, "cancelled");
    tagged_policy(&app, "浦东小微食品企业第二批措施", SMALL_FOOD_PUDONG).await;
    gongkai::push::job(&app.state).await.expect("job");
    assert_eq!(smtp.messages().len(), 2, "nothing after unsubscribing");
    // Unknown tokens find nothing.
    let (status, _) = app
        .get_text(&format!("/push/me?t={}", "0".repeat(48)))
        .await;
    assert_eq!(status, 404);
    // The audit log has the subscription's steps, without the e-mail address.
    let summaries: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT summary FROM audit_log WHERE object_type = 'push_subscriber' ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(summaries.len(), 3, "{summaries:?}");
    assert!(
        summaries
            .iter()
            .all(|s| !s.contains("boss@") && !s.contains("某某食品"))
    );
}

async fn counts(app: &TestApp) -> (i64, i64, i64) {
    let rows: Vec<(String, i64)> = with_db!(&app.db, |p| sqlx::query_as(
        "SELECT state, COUNT(*) FROM push_messages WHERE kind = 'policy' GROUP BY state"
    )
    .fetch_all(p)
    .await)
    .expect("counts");
    let get = |k: &str| rows.iter().find(|r| r.0 == k).map(|r| r.1).unwrap_or(0);
    (get("queued"), get("sending"), get("sent"))
}

/// The worker is aborted while it delivers 150 messages; a second run after the
/// stale time delivers the rest. Every message arrives; a message cut off between
/// the server's 250 and our record may arrive twice, with the same Message-ID.
async fn worker_killed_mid_batch_loses_nothing(b: Backend) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let app = with_smtp(b, smtp.port).await;
    gongkai::push::demo::generate_enterprises(&app.db, 150, 11)
        .await
        .expect("enterprises");
    let doc = tagged_policy(&app, "全体企业适用的营商环境措施", &[("theme", "business")]).await;
    assert_eq!(
        gongkai::push::service::match_document(&app.db, doc)
            .await
            .expect("match"),
        150
    );
    let state = app.state.clone();
    let worker = tokio::spawn(async move { gongkai::push::deliver::run(&state).await });
    for _ in 0..1500 {
        if smtp.messages().len() >= 40 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    worker.abort();
    let _ = worker.await;
    let (queued, sending, sent) = counts(&app).await;
    assert_eq!(queued + sending + sent, 150, "nothing lost");
    // The server may hold the 40th message while our record of it is still
    // `sending` (cut off between the server's 250 and the UPDATE).
    assert!(
        sent + sending >= 40 && queued > 0,
        "killed mid-batch: {queued} {sending} {sent}"
    );
    assert!(sending <= 1);
    // The next run takes the queued ones now, and the cut-off one once it is stale.
    gongkai::push::deliver::run(&app.state).await.expect("run");
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE push_messages SET claimed_at = $1 WHERE state = 'sending'"
    )
    .bind(gongkai::clock::now() - chrono::Duration::minutes(11))
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("age");
    gongkai::push::deliver::run(&app.state).await.expect("run");
    assert_eq!(counts(&app).await, (0, 0, 150));
    let got = smtp.messages();
    let mut ids: Vec<String> = got.iter().filter_map(|m| m.header("Message-ID")).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 150, "every message arrived");
    assert!(
        got.len() <= 151,
        "at most the cut-off one twice: {}",
        got.len()
    );
}

async fn connection_failures_are_retried_then_failed(b: Backend) {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("port");
    let app = with_smtp(b, port).await;
    gongkai::push::demo::generate_enterprises(&app.db, 1, 5)
        .await
        .expect("one");
    let doc = tagged_policy(&app, "营商环境措施", &[("theme", "business")]).await;
    gongkai::push::job(&app.state).await.expect("job");
    let row = || async {
        with_db!(&app.db, |p| sqlx::query_as::<
            _,
            (String, i64, Option<String>),
        >(
            "SELECT state, attempts, last_error FROM push_messages WHERE document_id = $1"
        )
        .bind(doc)
        .fetch_one(p)
        .await)
        .expect("message")
    };
    let (state, attempts, err) = row().await;
    assert_eq!((state.as_str(), attempts), ("queued", 1));
    assert!(err.unwrap_or_default().contains("无法连接 SMTP 服务器"));
    // Not retried before its backoff.
    gongkai::push::deliver::run(&app.state).await.expect("run");
    assert_eq!(row().await.1, 1);
    for n in 2..=5 {
        // The backoff (1, 2, 4 … minutes) has passed.
        with_db!(&app.db, |p| sqlx::query(
            "UPDATE push_messages SET next_at = $1"
        )
        .bind(gongkai::clock::now() - chrono::Duration::seconds(1))
        .execute(p)
        .await
        .map(|r| r.rows_affected()))
        .expect("age");
        gongkai::push::deliver::run(&app.state).await.expect("run");
        assert_eq!(row().await.1, n);
    }
    assert_eq!(row().await.0, "failed", "given up after 5 attempts");
    let stats = push_store::policy_stats(&app.db, Some(doc))
        .await
        .expect("stats");
    assert_eq!((stats[0].sent, stats[0].failed), (0, 1));
}
