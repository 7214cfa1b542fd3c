//! 在线访谈 over HTTP on both backends: an interview announced with a guest photo,
//! questions moderated before they show, the live page that refreshes itself, the
//! transcript, the finished record with its video link and answers; bad input
//! refused in Chinese with nothing saved; no asker's name or phone anywhere public.

use gongkai::auth::roles::Role;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, TestApp, spawn, spawn_with};
use crate::interact::{challenge, count};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";

type Who = (reqwest::Client, String);

async fn staff(app: &TestApp, name: &str) -> Who {
    app.user(name, &[Role::InteractHandler]).await;
    let (client, csrf, r) = app.client_login(name, crate::common::PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303, "login {name}");
    (client, csrf)
}

/// POST a staff form; (status, location, body).
async fn staff_post(
    app: &TestApp,
    who: &Who,
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
    let loc = crate::common::location(&r);
    (s, loc, r.text().await.unwrap_or_default())
}

/// POST a staff multipart form with an optional image.
async fn staff_upload(
    app: &TestApp,
    who: &Who,
    path: &str,
    fields: &[(&str, &str)],
    image: Option<(&str, &[u8])>,
) -> (u16, String) {
    let mut form = reqwest::multipart::Form::new().text("csrf_token", who.1.clone());
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    if let Some((name, bytes)) = image {
        let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string());
        form = form.part("image", part);
    }
    let r = who
        .0
        .post(app.url(path))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

/// Ask a question through the public form (the challenge answered right unless
/// `answer` is given).
async fn ask(
    app: &TestApp,
    id: i64,
    fields: &[(&str, &str)],
    answer: Option<&str>,
) -> (u16, String) {
    let (_, page) = app
        .get_text(&format!("/interact/interviews/{id}/questions"))
        .await;
    let (token, right) = if page.contains("name=\"challenge\"") {
        challenge(app, &page).await
    } else {
        (String::new(), String::new())
    };
    let mut body: Vec<(&str, &str)> =
        vec![("challenge", &token), ("answer", answer.unwrap_or(&right))];
    body.extend_from_slice(fields);
    let r = app
        .post(&format!("/interact/interviews/{id}/questions"), &body)
        .await;
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

async fn question_ids(app: &TestApp) -> Vec<i64> {
    with_db!(&app.db, |p| {
        sqlx::query_scalar("SELECT id FROM interact_interview_questions ORDER BY id")
            .fetch_all(p)
            .await
    })
    .expect("ids")
}

/// An upcoming interview with one pending question (for the route walk).
pub async fn fixture(app: &TestApp) -> (i64, i64) {
    use gongkai::interact::interview_store::{NewInterview, NewQuestion, insert, insert_question};
    let mut tx = app.db.begin().await.expect("tx");
    let n = NewInterview {
        unit_id: app.root_unit,
        title: "路由测试访谈".into(),
        summary: String::new(),
        scheduled_at: gongkai::clock::now() + chrono::TimeDelta::days(3),
    };
    let id = insert(&mut tx, &n, None).await.expect("interview");
    let q = NewQuestion {
        content: "提问".into(),
        masked_content: "提问".into(),
        name: String::new(),
        phone: String::new(),
    };
    let qid = insert_question(&mut tx, id, &q).await.expect("question");
    tx.commit().await.expect("commit");
    (id, qid)
}

const Q1: &str = "请问夜间施工噪声超标应该向哪个部门投诉？我的电话13811112222。";
const Q2: &str = "这是一条广告。";

async fn an_interview_takes_questions_goes_live_and_keeps_its_record(b: Backend) {
    let app = spawn(b).await;
    let who = staff(&app, "fangtan").await;
    let unit = app.root_unit.to_string();
    // Creating: the time is required; then the announcement.
    let mut form = vec![
        ("unit_id", unit.as_str()),
        ("title", "夜间施工噪声治理在线访谈"),
        ("summary", "介绍治理措施，回答网友提问。"),
    ];
    let (s, _, body) = staff_post(&app, &who, "/admin/interviews", &form).await;
    assert_eq!(s, 422);
    assert!(
        body.contains("请填写访谈时间") && body.contains("夜间施工噪声治理在线访谈"),
        "kept"
    );
    form.push(("scheduled_at", "2031-07-15T09:30"));
    let (s, loc, _) = staff_post(&app, &who, "/admin/interviews", &form).await;
    assert_eq!(s, 303);
    let id: i64 = loc
        .trim_start_matches("/admin/interviews/")
        .split('?')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("id");
    // A guest with a photo; a "photo" that is not an image is refused, nothing saved.
    let guests = format!("/admin/interviews/{id}/guests");
    let guest = [("name", "演示人员甲"), ("job_title", "市城管执法局副局长")];
    let (s, body) = staff_upload(&app, &who, &guests, &guest, Some(("a.pdf", b"%PDF-1.4 x"))).await;
    assert_eq!(s, 422, "{body}");
    assert!(body.contains("只能上传 PNG、JPEG 或 GIF 图片"), "{body}");
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_interview_guests").await,
        0
    );
    let (s, _) = staff_upload(&app, &who, &guests, &guest, Some(("photo.png", PNG))).await;
    assert_eq!(s, 303);
    // The announcement on the portal: no self-refresh before it starts.
    let (_, list) = app.get_text("/interact/interviews").await;
    assert!(list.contains("夜间施工噪声治理在线访谈") && list.contains("预告"));
    let page_url = format!("/interact/interviews/{id}");
    let (s, page) = app.get_text(&page_url).await;
    assert_eq!(s, 200);
    assert!(
        page.contains("演示人员甲") && page.contains("2031-07-15 09:30"),
        "{page}"
    );
    assert!(!page.contains("http-equiv=\"refresh\""));
    let photo = page
        .split("class=\"guest-photo\" src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("photo on the page")
        .to_string();
    let r = app.get(&photo).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "image/png");
    // Two questions; neither shows until approved.
    let (s, _) = ask(
        &app,
        id,
        &[
            ("content", Q1),
            ("name", "李四"),
            ("phone", "138 1111 2222"),
        ],
        None,
    )
    .await;
    assert_eq!(s, 303);
    let (s, _) = ask(&app, id, &[("content", Q2)], None).await;
    assert_eq!(s, 303);
    let (_, page) = app.get_text(&page_url).await;
    assert!(
        !page.contains("夜间施工噪声超标") && !page.contains("广告"),
        "unapproved hidden"
    );
    let json = app.get_json(&format!("/api/v1/interviews/{id}")).await;
    assert_eq!(json["questions"].as_array().map(Vec::len), Some(0));
    let qs = question_ids(&app).await;
    assert_eq!(qs.len(), 2);
    let q1 = format!("/admin/interviews/{id}/questions/{}", qs[0]);
    let q2 = format!("/admin/interviews/{id}/questions/{}", qs[1]);
    // Answering before approval is refused.
    let (s, _, body) =
        staff_post(&app, &who, &q1, &[("action", "answer"), ("answer", "答复")]).await;
    assert_eq!(s, 409);
    assert!(body.contains("请先审核通过"));
    assert_eq!(
        staff_post(&app, &who, &q1, &[("action", "approve")])
            .await
            .0,
        303
    );
    assert_eq!(
        staff_post(&app, &who, &q2, &[("action", "reject")]).await.0,
        303
    );
    let (_, page) = app.get_text(&page_url).await;
    assert!(
        page.contains("请问夜间施工噪声超标应该向哪个部门投诉"),
        "approved shown"
    );
    assert!(!page.contains("广告"), "rejected hidden");
    assert!(
        !page.contains("13811112222") && !page.contains("李四"),
        "no personal data"
    );
    // Posting before the start is refused; start: the page refreshes itself.
    let posts = format!("/admin/interviews/{id}/posts");
    let entry = [
        ("speaker", "演示人员甲"),
        ("content", "今年以来我们推行夜间施工一地一档。"),
    ];
    let (s, body) = staff_upload(&app, &who, &posts, &entry, None).await;
    assert_eq!(s, 409);
    assert!(body.contains("访谈开始后才能发布文字实录"));
    let state = format!("/admin/interviews/{id}/state");
    assert_eq!(
        staff_post(&app, &who, &state, &[("move", "start")]).await.0,
        303
    );
    let (s, _, body) = staff_post(&app, &who, &state, &[("move", "start")]).await;
    assert_eq!(s, 409, "started once");
    assert!(body.contains("访谈已在直播中"));
    let (_, page) = app.get_text(&page_url).await;
    assert!(
        page.contains("<meta http-equiv=\"refresh\" content=\"30\">") && page.contains("直播中")
    );
    let (_, still) = app.get_text(&format!("{page_url}?refresh=off")).await;
    assert!(!still.contains("http-equiv=\"refresh\"") && still.contains("恢复自动刷新"));
    // Transcript entries appear as they are posted, with an image.
    let (s, _) = staff_upload(&app, &who, &posts, &entry, Some(("scene.png", PNG))).await;
    assert_eq!(s, 303);
    let second = [("speaker", "主持人"), ("content", "下面回答网友提问。")];
    assert_eq!(staff_upload(&app, &who, &posts, &second, None).await.0, 303);
    let (_, page) = app.get_text(&page_url).await;
    assert!(
        page.contains("一地一档") && page.contains("下面回答网友提问") && page.contains("发言配图")
    );
    assert!(
        page.find("一地一档") < page.find("下面回答网友提问"),
        "in order"
    );
    let answer = "可以拨打12345市民服务热线反映，查实的依法处理。";
    assert_eq!(
        staff_post(&app, &who, &q1, &[("action", "answer"), ("answer", answer)])
            .await
            .0,
        303
    );
    // Finish: a bad video link is refused and the interview stays live.
    let (s, _, body) = staff_post(
        &app,
        &who,
        &state,
        &[("move", "finish"), ("video_url", "javascript:alert(1)")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(
        body.contains("视频链接须以 http:// 或 https:// 开头"),
        "{body}"
    );
    let (_, page) = app.get_text(&page_url).await;
    assert!(page.contains("直播中"));
    let video = "https://video.example.cn/v/night-noise";
    let (s, _, _) = staff_post(
        &app,
        &who,
        &state,
        &[("move", "finish"), ("video_url", video)],
    )
    .await;
    assert_eq!(s, 303);
    let (_, page) = app.get_text(&page_url).await;
    assert!(
        !page.contains("http-equiv=\"refresh\""),
        "no refresh once finished"
    );
    assert!(
        page.contains("访谈实录") && page.contains(video) && page.contains(answer),
        "{page}"
    );
    assert!(!page.contains("我要提问"));
    let (s, body) = staff_upload(&app, &who, &posts, &second, None).await;
    assert_eq!(s, 409);
    assert!(body.contains("访谈已结束"));
    let (s, _, body) = staff_post(
        &app,
        &who,
        &format!("/admin/interviews/{id}/video"),
        &[("video_url", "ftp://x.cn/v")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(body.contains("视频链接须以"));
    // The API: published content only, no phone or name of an asker.
    let json = app.get_json(&format!("/api/v1/interviews/{id}")).await;
    assert_eq!(json["state"], "finished");
    assert_eq!(json["video_url"], video);
    assert_eq!(json["guests"][0]["name"], "演示人员甲");
    assert!(
        json["guests"][0]["photo"]
            .as_str()
            .is_some_and(|p| p.contains("/images/"))
    );
    assert_eq!(json["transcript"].as_array().map(Vec::len), Some(2));
    assert_eq!(json["questions"].as_array().map(Vec::len), Some(1));
    assert_eq!(json["questions"][0]["answer"], answer);
    assert_eq!(json["questions"][0]["answered"], true);
    let text = json.to_string();
    assert!(
        !text.contains("13811112222") && !text.contains("李四") && !text.contains("phone"),
        "{text}"
    );
    let list = app.get_json("/api/v1/interviews").await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        list["items"][0]["guests"][0]["name"], "演示人员甲",
        "guests of the list's items, read for the whole page at once"
    );
    assert!(list["items"][0].get("transcript").is_none());
    assert_eq!(
        app.get("/api/v1/interviews/9999").await.status().as_u16(),
        404
    );
    // Every step audited: create, guest, 2 questions, approve, reject, start,
    // 2 posts, answer, finish.
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'interview.%'"
        )
        .await,
        11
    );
    let (_, landing) = app.get_text("/interact").await;
    assert!(landing.contains("/interact/interviews") && !landing.contains("不开展在线访谈"));
}

async fn bad_questions_are_refused_in_chinese_and_nothing_is_saved(b: Backend) {
    let app = spawn(b).await;
    let (id, _) = fixture(&app).await;
    let before = count(&app.db, "SELECT COUNT(*) FROM interact_interview_questions").await;
    let long = "问".repeat(501);
    let (s, body) = ask(&app, id, &[("content", &long)], None).await;
    assert_eq!(s, 422);
    assert!(body.contains("提问内容不能超过500字"), "{body}");
    assert!(body.contains(&long), "the text is kept");
    let (s, body) = ask(&app, id, &[("content", "  ")], None).await;
    assert_eq!(s, 422);
    assert!(body.contains("请填写提问内容"));
    let (s, body) = ask(
        &app,
        id,
        &[("content", "有效的提问"), ("phone", "call me")],
        None,
    )
    .await;
    assert_eq!(s, 422);
    assert!(body.contains("联系电话只能包含数字"));
    let (s, body) = ask(&app, id, &[("content", "有效的提问")], Some("999")).await;
    assert_eq!(s, 422);
    assert!(body.contains("验证问题回答不正确"));
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_interview_questions").await,
        before
    );
    // The same question twice is stored once.
    assert_eq!(
        ask(&app, id, &[("content", "有效的提问")], None).await.0,
        303
    );
    let (s, _) = ask(&app, id, &[("content", "有效的提问")], None).await;
    assert_eq!(s, 303);
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_interview_questions").await,
        before + 1
    );
    // A finished interview takes no questions.
    with_db!(&app.db, |p| {
        sqlx::query("UPDATE interact_interviews SET state = 'finished' WHERE id = $1")
            .bind(id)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
    })
    .expect("finish");
    let (_, form) = app
        .get_text(&format!("/interact/interviews/{id}/questions"))
        .await;
    assert!(form.contains("不再接收提问") && !form.contains("name=\"content\""));
    let r = app
        .post(
            &format!("/interact/interviews/{id}/questions"),
            &[("content", "迟到的提问")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(
        r.text()
            .await
            .unwrap_or_default()
            .contains("本期访谈已结束，不再接收提问")
    );
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_interview_questions").await,
        before + 1
    );
    assert_eq!(
        app.get("/interact/interviews/9999").await.status().as_u16(),
        404
    );
}

async fn questions_share_the_address_limit(b: Backend) {
    let app = spawn_with(b, |s| s.security.public_form_per_minute = 2).await;
    let (id, _) = fixture(&app).await;
    assert_eq!(
        ask(&app, id, &[("content", "第一个提问")], None).await.0,
        303
    );
    assert_eq!(
        ask(&app, id, &[("content", "第二个提问")], None).await.0,
        303
    );
    assert_eq!(
        ask(&app, id, &[("content", "第三个提问")], None).await.0,
        429
    );
}

async fn askers_data_is_erased_after_the_retention_period(b: Backend) {
    let app = spawn(b).await;
    let (id, _) = fixture(&app).await;
    let (recent, _) = fixture(&app).await;
    assert_eq!(
        ask(
            &app,
            id,
            &[
                ("content", "老访谈的提问"),
                ("name", "王五"),
                ("phone", "13700001111")
            ],
            None
        )
        .await
        .0,
        303
    );
    assert_eq!(
        ask(
            &app,
            recent,
            &[
                ("content", "新访谈的提问"),
                ("name", "赵六"),
                ("phone", "13700002222")
            ],
            None
        )
        .await
        .0,
        303
    );
    let long_ago = gongkai::clock::now() - chrono::TimeDelta::days(4 * 366);
    let yesterday = gongkai::clock::now() - chrono::TimeDelta::days(1);
    for (iv, at) in [(id, long_ago), (recent, yesterday)] {
        with_db!(&app.db, |p| {
            sqlx::query(
                "UPDATE interact_interviews SET state = 'finished', finished_at = $1 WHERE id = $2",
            )
            .bind(at)
            .bind(iv)
            .execute(p)
            .await
            .map(|r| r.rows_affected())
        })
        .expect("finish");
    }
    gongkai::interact::daily(&app.state).await.expect("daily");
    let kept = "SELECT COUNT(*) FROM interact_interview_questions WHERE phone <> '' OR name <> ''";
    assert_eq!(
        count(&app.db, kept).await,
        1,
        "only the recent asker's data is kept"
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM interact_interview_questions WHERE phone = '13700002222'"
        )
        .await,
        1
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'interview.anonymise'"
        )
        .await,
        1
    );
}

both!(
    askers_data_is_erased_after_the_retention_period,
    an_interview_takes_questions_goes_live_and_keeps_its_record,
    bad_questions_are_refused_in_chinese_and_nothing_is_saved,
    questions_share_the_address_limit,
);
