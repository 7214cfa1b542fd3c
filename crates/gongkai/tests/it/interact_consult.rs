//! 意见征集 over HTTP on both backends: a draft published by staff (period rules),
//! comments on an article with a quoted passage, bad and late comments refused in
//! Chinese, adoption decisions and the published 意见采纳情况.

use gongkai::auth::roles::Role;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, TestApp, spawn};
use crate::interact::{challenge, count};

const DRAFT: &str = "关于规范户外招牌设施的规定（征求意见稿）\n第一章　总则\n第一条　为了规范户外招牌设施，制定本规定。\n第二条　本规定适用于本市。\n第三条　设置户外招牌应当牢固安全。\n设置人应当定期检查。\n第四条　本规定自发布之日起施行。";

async fn staff_post(
    app: &TestApp,
    who: &(reqwest::Client, String),
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String, String) {
    let mut body: Vec<(&str, &str)> = fields.to_vec();
    body.push(("csrf_token", who.1.as_str()));
    let r = who
        .0
        .post(app.url(path))
        .form(&body)
        .send()
        .await
        .expect("post");
    let s = r.status().as_u16();
    let loc = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (s, loc, r.text().await.unwrap_or_default())
}

async fn comment(app: &TestApp, id: i64, fields: &[(&str, &str)]) -> (u16, String) {
    let (_, page) = app.get_text(&format!("/interact/consultations/{id}")).await;
    let (token, answer) = challenge(app, &page).await;
    let mut body: Vec<(&str, &str)> = vec![("challenge", &token), ("answer", &answer)];
    body.extend_from_slice(fields);
    let r = app
        .post(&format!("/interact/consultations/{id}/comments"), &body)
        .await;
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

async fn a_consultation_collects_comments_per_article_and_publishes_adoption(b: Backend) {
    let app = spawn(b).await;
    app.user("zhengji", &[Role::InteractHandler]).await;
    let (client, csrf, _) = app.client_login("zhengji", crate::common::PASSWORD).await;
    let who = (client, csrf);
    let today = gongkai::clock::today();
    let unit = app.root_unit.to_string();
    let opens = today.to_string();
    let short = (today + chrono::TimeDelta::days(2)).to_string();
    let long = (today + chrono::TimeDelta::days(40)).to_string();
    let mut form = vec![
        ("unit_id", unit.as_str()),
        ("title", "关于规范户外招牌设施的规定（征求意见稿）"),
        ("kind", "major_decision"),
        ("draft", DRAFT),
        ("opens_on", opens.as_str()),
        ("closes_on", short.as_str()),
        ("contact", "法制处 021-00000000"),
    ];
    let (s, _, body) = staff_post(&app, &who, "/admin/consultations/new", &form).await;
    assert_eq!(s, 422, "30 days for a 重大行政决策");
    assert!(body.contains("征集期限应至少至"), "{body}");
    form.retain(|(k, _)| *k != "draft");
    form.push(("draft", "没有条文的文本"));
    form.retain(|(k, _)| *k != "closes_on");
    form.push(("closes_on", long.as_str()));
    let (s, _, body) = staff_post(&app, &who, "/admin/consultations/new", &form).await;
    assert_eq!(s, 422);
    assert!(body.contains("没有找到“第X条”"));
    form.retain(|(k, _)| *k != "draft");
    form.push(("draft", DRAFT));
    let (s, loc, _) = staff_post(&app, &who, "/admin/consultations/new", &form).await;
    assert_eq!(s, 303);
    let id: i64 = loc
        .trim_start_matches("/admin/consultations/")
        .split('?')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("id");
    // The portal shows the draft article by article, with a link per article.
    let (s, page) = app.get_text(&format!("/interact/consultations/{id}")).await;
    assert_eq!(s, 200);
    assert!(
        page.contains("id=\"art-3\"") && page.contains("对第三条提意见"),
        "{page}"
    );
    // A comment on article 3 quoting a passage of it; name left out.
    let (s, _) = comment(
        &app,
        id,
        &[
            ("article", "3"),
            ("passage", "应当牢固安全"),
            (
                "content",
                "建议明确检查周期，例如每年至少一次。我的电话13700001234。",
            ),
            ("phone", "13700001234"),
        ],
    )
    .await;
    assert_eq!(s, 303);
    // Bad comments: a passage from another article, no phone, no content.
    let (s, body) = comment(
        &app,
        id,
        &[
            ("article", "3"),
            ("passage", "制定本规定"),
            ("content", "意见"),
            ("phone", ""),
        ],
    )
    .await;
    assert_eq!(s, 422);
    assert!(body.contains("引用的原文须是所选条文中的一段文字") && body.contains("请填写联系电话"));
    let (s, body) = comment(
        &app,
        id,
        &[
            ("article", "9"),
            ("content", "意见"),
            ("phone", "13700001234"),
        ],
    )
    .await;
    assert_eq!(s, 422);
    assert!(body.contains("所选条文不存在"));
    // The same comment twice is stored once.
    let again = [
        ("article", "3"),
        ("passage", ""),
        (
            "content",
            "建议明确检查周期，例如每年至少一次。我的电话13700001234。",
        ),
        ("phone", "13700001234"),
    ];
    let (s, _) = comment(&app, id, &again).await;
    assert_eq!(s, 303);
    let (s, _) = comment(
        &app,
        id,
        &[
            ("article", ""),
            ("content", "赞成全文。"),
            ("phone", "13700005678"),
            ("name", "王五"),
        ],
    )
    .await;
    assert_eq!(s, 303);
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_comments").await,
        2
    );
    // Deciding before the close is refused.
    let cids: Vec<i64> = with_db!(&app.db, |p| {
        sqlx::query_scalar("SELECT id FROM interact_comments ORDER BY id")
            .fetch_all(p)
            .await
    })
    .expect("ids");
    let path = format!("/admin/consultations/{id}/comments/{}", cids[0]);
    let (s, _, body) = staff_post(
        &app,
        &who,
        &path,
        &[("decision", "adopted"), ("reason", "")],
    )
    .await;
    assert_eq!(s, 409);
    assert!(body.contains("征集截止后才能处理意见"));
    // Close it (yesterday): comments are refused, decisions allowed.
    let y = today - chrono::TimeDelta::days(1);
    let o = today - chrono::TimeDelta::days(45);
    with_db!(&app.db, |p| {
        sqlx::query("UPDATE interact_consultations SET opens_on = $1, closes_on = $2 WHERE id = $3")
            .bind(o)
            .bind(y)
            .bind(id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
    })
    .expect("close");
    let r = app
        .post(
            &format!("/interact/consultations/{id}/comments"),
            &[("content", "迟到的意见"), ("phone", "13700009999")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.unwrap_or_default().contains("已于"));
    let (s, _, body) = staff_post(
        &app,
        &who,
        &format!("/admin/consultations/{id}/feedback"),
        &[("feedback", "说明")],
    )
    .await;
    assert_eq!(s, 409, "all comments decided first");
    assert!(body.contains("还有2条意见未标明采纳情况"));
    let (s, _, body) = staff_post(
        &app,
        &who,
        &path,
        &[("decision", "not_adopted"), ("reason", "")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(body.contains("请填写理由"));
    let (s, _, _) = staff_post(
        &app,
        &who,
        &path,
        &[("decision", "partly"), ("reason", "检查周期另行规定")],
    )
    .await;
    assert_eq!(s, 303);
    let path2 = format!("/admin/consultations/{id}/comments/{}", cids[1]);
    let (s, _, _) = staff_post(
        &app,
        &who,
        &path2,
        &[("decision", "adopted"), ("reason", "")],
    )
    .await;
    assert_eq!(s, 303);
    let (s, _, _) = staff_post(
        &app,
        &who,
        &format!("/admin/consultations/{id}/feedback"),
        &[("feedback", "共收到意见2条，部分采纳1条，采纳1条。")],
    )
    .await;
    assert_eq!(s, 303);
    let (_, page) = app.get_text(&format!("/interact/consultations/{id}")).await;
    assert!(
        page.contains("意见采纳情况")
            && page.contains("部分采纳 1 条")
            && page.contains("检查周期另行规定"),
        "{page}"
    );
    assert!(
        !page.contains("13700001234") && !page.contains("王五"),
        "no personal data"
    );
    let json = app.get_json(&format!("/api/v1/consultations/{id}")).await;
    assert_eq!(json["feedback"]["partly"], 1);
    assert!(json["articles"].as_array().is_some_and(|a| a.len() >= 4));
    assert!(!json.to_string().contains("13700001234"));
    let list = app.get_json("/api/v1/consultations").await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        list["items"][0]["comments"], 2,
        "comment counts of the list's items, read for the whole page at once"
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'consult.%'"
        )
        .await,
        6,
        "create, 2 comments, 2 decisions, feedback"
    );
    // A consultation not yet open is not on the portal.
    assert_eq!(
        app.get("/interact/consultations/999")
            .await
            .status()
            .as_u16(),
        404
    );
}

both!(a_consultation_collects_comments_per_article_and_publishes_adoption);
