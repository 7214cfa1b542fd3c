//! Bounces against a real SMTP server (aiosmtpd refusing some recipients): a 5xx at
//! RCPT TO is a bounce, a 4xx a retry; repeated bounces suspend the subscription;
//! staff record a bounce from the relay's report; the relay's callback API; 恢复.

use gongkai::push::store::{self as push_store, NewSubscriber};
use gongkai::with_db;

use super::smtp::SmtpServer;
use super::{SMALL_FOOD_PUDONG, tagged_policy};
use crate::both;
use crate::common::{Backend, TestApp, spawn_with};

both!(bounces_are_recorded_counted_and_suspend);

/// An active e-mail subscription (as if confirmed), a 浦东 small food producer.
async fn subscriber(app: &TestApp, n: u32, email: &str) -> i64 {
    let code =
        gongkai::ids::credit_code_with_check(&format!("91310115MA1K4C{n:03}")).expect("code");
    let s = NewSubscriber {
        credit_code: code,
        name: format!("上海{n}号食品有限公司"),
        email: email.into(),
        industries: "1431".into(),
        district: "310115".into(),
        scale: "small".into(),
        subject: "enterprise".into(),
        themes: String::new(),
    };
    let mut tx = app.db.begin().await.expect("tx");
    let id = push_store::insert_subscriber(&mut tx, &s, &format!("{:048}", n))
        .await
        .expect("insert");
    assert!(
        push_store::set_state(&mut tx, id, "pending", "active")
            .await
            .expect("state")
    );
    tx.commit().await.expect("commit");
    id
}

async fn message(app: &TestApp, doc: i64, sub: i64) -> (i64, String, Option<String>) {
    with_db!(&app.db, |p| sqlx::query_as(
        "SELECT id, state, last_error FROM push_messages WHERE document_id = $1 AND subscriber_id = $2"
    )
    .bind(doc)
    .bind(sub)
    .fetch_one(p)
    .await)
    .expect("message")
}

async fn sub_state(app: &TestApp, id: i64) -> (String, i64) {
    let s = push_store::subscriber(&app.db, id).await.expect("sub");
    (s.state, s.bounces)
}

async fn bounces_are_recorded_counted_and_suspend(b: Backend) {
    let Some(smtp) = SmtpServer::start_rejecting() else {
        return;
    };
    let port = smtp.port;
    let app = spawn_with(b, move |s| {
        s.mail.smtp_host = "127.0.0.1".into();
        s.mail.smtp_port = port;
        s.mail.per_minute = 1000;
    })
    .await;
    let ok = subscriber(&app, 1, "ok@food.example.cn").await;
    let gone = subscriber(&app, 2, "gone@food.example.cn").await;
    let busy = subscriber(&app, 3, "busy@food.example.cn").await;

    // 5xx to RCPT TO: bounced with the server's answer; 4xx: tried again later.
    let doc = tagged_policy(&app, "浦东小微食品企业扶持措施", SMALL_FOOD_PUDONG).await;
    gongkai::push::job(&app.state).await.expect("job");
    assert_eq!(message(&app, doc, ok).await.1, "sent");
    let (_, state, err) = message(&app, doc, gone).await;
    assert_eq!(state, "bounced");
    assert!(err.unwrap_or_default().contains("550 5.1.1"));
    let (_, state, err) = message(&app, doc, busy).await;
    assert_eq!(state, "queued");
    assert!(err.unwrap_or_default().contains("451"));
    assert_eq!(sub_state(&app, gone).await, ("active".into(), 1));
    let stats = push_store::policy_stats(&app.db, Some(doc))
        .await
        .expect("stats");
    assert_eq!(
        (
            stats[0].matched,
            stats[0].sent,
            stats[0].bounced,
            stats[0].failed
        ),
        (3, 1, 1, 0)
    );
    assert_eq!(smtp.messages().len(), 1);

    // Three bounces in a row suspend the subscription; it is matched no more.
    for title in ["第二批措施", "第三批措施"] {
        tagged_policy(&app, title, SMALL_FOOD_PUDONG).await;
        gongkai::push::job(&app.state).await.expect("job");
    }
    assert_eq!(sub_state(&app, gone).await, ("suspended".into(), 3));
    assert_eq!(sub_state(&app, ok).await, ("active".into(), 0));
    let suspended: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT summary FROM audit_log WHERE action = 'push.suspend'"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(suspended.len(), 1);
    assert!(!suspended[0].contains("gone@"), "no address in the audit");
    let doc4 = tagged_policy(&app, "第四批措施", SMALL_FOOD_PUDONG).await;
    gongkai::push::job(&app.state).await.expect("job");
    let n: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM push_messages WHERE document_id = $1 AND subscriber_id = $2"
    )
    .bind(doc4)
    .bind(gone)
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 0);

    // A staff member records a bounce the relay reported later for a sent mail.
    app.login_ok("pub").await;
    let (sent_id, _, _) = message(&app, doc, ok).await;
    let (status, html) = app.get_text(&format!("/admin/push/subscribers/{ok}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("记录退信") && html.contains("浦东小微食品企业扶持措施"));
    let r = app
        .post(
            &format!("/admin/push/messages/{sent_id}/bounce"),
            &[
                ("reason", "550 mailbox full for 30 days"),
                ("back", &format!("/admin/push/subscribers/{ok}")),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        crate::common::location(&r),
        format!("/admin/push/subscribers/{ok}?msg=bounced")
    );
    let r = app
        .post(
            &format!("/admin/push/messages/{sent_id}/bounce"),
            &[("reason", "again")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 409, "a bounce counts once");
    let stats = push_store::policy_stats(&app.db, Some(doc))
        .await
        .expect("stats");
    assert_eq!((stats[0].sent, stats[0].bounced), (0, 2));
    let (_, html) = app.get_text("/admin/push").await;
    assert!(html.contains("退信"));

    // The relay's callback: a temporary status is ignored, a permanent one recorded.
    let token = crate::foi::api_token(&app, "pub").await;
    let got = smtp.messages();
    let mid = got
        .iter()
        .filter(|m| m.header("To").as_deref() == Some("<ok@food.example.cn>"))
        .filter_map(|m| m.header("Message-ID"))
        .nth(1)
        .expect("second mail to ok@");
    let call = |status: &'static str, mid: String| {
        let (c, url, token) = (
            reqwest::Client::new(),
            app.url("/api/v1/push/bounces"),
            token.clone(),
        );
        async move {
            let r = c
                .post(url)
                .bearer_auth(token)
                .json(&serde_json::json!({"message_id": mid, "status": status, "diagnostic": "smtp; 550 5.1.1 user unknown"}))
                .send()
                .await
                .expect("post");
            let s = r.status().as_u16();
            (s, r.json::<serde_json::Value>().await.unwrap_or_default())
        }
    };
    let (s, v) = call("4.2.2", mid.clone()).await;
    assert_eq!((s, v["result"].as_str()), (200, Some("ignored")));
    let (s, v) = call("5.1.1", mid.clone()).await;
    assert_eq!((s, v["result"].as_str()), (200, Some("bounced")));
    let (s, _) = call("5.1.1", "<push-999999-deadbeef@x.cn>".into()).await;
    assert_eq!(s, 404);
    let (s, _) = call("5.1.1", "<someone-else@x.cn>".into()).await;
    assert_eq!(s, 422);
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/push/bounces"))
        .json(&serde_json::json!({"message_id": mid, "status": "5.1.1"}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 401, "the relay needs a token");
    assert_eq!(sub_state(&app, ok).await, ("active".into(), 2));

    // 恢复 a suspended subscription; 重新发送 a bounced message.
    let r = app
        .post(&format!("/admin/push/subscribers/{gone}/resume"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(sub_state(&app, gone).await, ("active".into(), 0));
    let r = app
        .post(&format!("/admin/push/subscribers/{gone}/resume"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 409);
    let (bounced_id, _, _) = message(&app, doc, gone).await;
    let (_, html) = app.get_text("/admin/push/failed").await;
    assert!(html.contains("退信") && html.contains("550 5.1.1"));
    let r = app
        .post(&format!("/admin/push/messages/{bounced_id}/retry"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(message(&app, doc, gone).await.1, "queued");
}
