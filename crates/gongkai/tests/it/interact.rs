//! 政民互动 over HTTP on both backends: 网民留言 from the form to the published
//! reply (two people, masking, deadlines, progress), every bad input with its
//! Chinese message and nothing lost, duplicates and limits; 意见征集 from the
//! draft to the published adoption report.

use gongkai::auth::roles::Role;
use gongkai::db::Db;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, TestApp, spawn, spawn_with};

/// The challenge token on a page and its answer (read from the database, as a
/// person would read the question).
pub async fn challenge(app: &TestApp, html: &str) -> (String, String) {
    let token = html
        .split("name=\"challenge\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("challenge on the page")
        .to_string();
    let answer: i64 = with_db!(&app.db, |p| {
        sqlx::query_scalar("SELECT answer FROM interact_challenges WHERE token = $1")
            .bind(&token)
            .fetch_one(p)
            .await
    })
    .expect("challenge stored");
    (token, answer.to_string())
}

pub async fn count(db: &Db, sql: &str) -> i64 {
    with_db!(db, |p| sqlx::query_scalar::<_, i64>(sql).fetch_one(p).await).expect("count")
}

const CONTENT: &str =
    "我是张伟，电话13912345678。小区门口夜间施工噪声扰民，已经持续两周，请尽快处理。";

/// Post the letter form (multipart) with `fields` over the defaults; the challenge
/// answered right unless `answer` is given.
pub async fn write(
    app: &TestApp,
    fields: &[(&str, &str)],
    files: Vec<(&str, Vec<u8>)>,
    answer: Option<&str>,
) -> reqwest::Response {
    let (_, html) = app.get_text("/interact/messages/new").await;
    let (token, right) = challenge(app, &html).await;
    let csrf = app.csrf().await;
    let unit = app.root_unit.to_string();
    let mut values: Vec<(String, String)> = [
        ("kind", "complaint"),
        ("unit_id", unit.as_str()),
        ("subject", "夜间施工噪声扰民"),
        ("content", CONTENT),
        ("name", "张伟"),
        ("phone", "139 1234 5678"),
        ("consent", "yes"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (k, v) in fields {
        values.retain(|(x, _)| x != k);
        values.push((k.to_string(), v.to_string()));
    }
    values.push(("challenge".into(), token));
    values.push(("answer".into(), answer.unwrap_or(&right).to_string()));
    values.push(("csrf_token".into(), csrf));
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in values {
        form = form.text(k, v);
    }
    for (name, bytes) in files {
        form = form.part(
            "files",
            reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
        );
    }
    app.client
        .post(app.url("/interact/messages/new"))
        .multipart(form)
        .send()
        .await
        .expect("POST letter")
}

fn between<'a>(html: &'a str, id: &str) -> &'a str {
    html.split(&format!("id=\"{id}\">"))
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap_or("")
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\0\0\0\0IEND\xaeB`\x82";

pub async fn staff(app: &TestApp, name: &str) -> (reqwest::Client, String) {
    app.user(name, &[Role::InteractHandler]).await;
    let (client, csrf, r) = app.client_login(name, crate::common::PASSWORD).await;
    assert_eq!(r.status().as_u16(), 303, "login {name}");
    (client, csrf)
}

pub async fn act(
    app: &TestApp,
    who: &(reqwest::Client, String),
    id: i64,
    action: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let mut body: Vec<(&str, &str)> = fields.to_vec();
    body.push(("csrf_token", who.1.as_str()));
    let r = who
        .0
        .post(app.url(&format!("/admin/interact/{id}/{action}")))
        .form(&body)
        .send()
        .await
        .expect("action");
    let s = r.status().as_u16();
    (s, r.text().await.unwrap_or_default())
}

async fn a_letter_is_answered_reviewed_and_published_masked(b: Backend) {
    let app = spawn(b).await;
    let r = write(&app, &[], vec![("现场.png", PNG.to_vec())], None).await;
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.expect("receipt");
    let no = between(&html, "receipt-no").to_string();
    let code = between(&html, "query-code").to_string();
    assert!(no.starts_with("LY"), "{html}");
    assert_eq!(code.len(), 8);
    let id: i64 = count(&app.db, "SELECT MAX(id) FROM interact_messages").await;
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_message_files").await,
        1
    );
    // Progress: by number and code; a wrong code says so in Chinese, with no hint.
    let (s, page) = app
        .get_text(&format!("/interact/messages/progress?no={no}&code={code}"))
        .await;
    assert_eq!(s, 200);
    assert!(
        page.contains("待签收") && page.contains("答复期限"),
        "{page}"
    );
    let (_, wrong) = app
        .get_text(&format!(
            "/interact/messages/progress?no={no}&code=WRONG234"
        ))
        .await;
    assert!(wrong.contains("留言编号或查询码不正确"));
    let api = app.get(&format!("/api/v1/messages/{no}?code=nope")).await;
    assert_eq!(api.status().as_u16(), 400);
    // Two handlers: one drafts, the other reviews.
    let a = staff(&app, "hudong1").await;
    let b2 = staff(&app, "hudong2").await;
    let (_, list) = {
        let r =
            a.0.get(app.url("/admin/interact"))
                .send()
                .await
                .expect("list");
        (r.status().as_u16(), r.text().await.unwrap_or_default())
    };
    assert!(list.contains(&no) && list.contains("签收"), "{list}");
    assert_eq!(act(&app, &a, id, "sign", &[]).await.0, 303);
    let (s, body) = act(&app, &a, id, "sign", &[]).await;
    assert_eq!(s, 409, "a double 签收 is refused");
    assert!(body.contains("状态已变化"), "{body}");
    let (s, body) = act(&app, &a, id, "draft", &[("reply", "")]).await;
    assert_eq!(s, 422);
    assert!(body.contains("请填写答复内容"), "{body}");
    let reply = "张伟您好：已责令施工单位停止夜间施工，联系电话13912345678的来电已回访。";
    assert_eq!(act(&app, &a, id, "draft", &[("reply", reply)]).await.0, 303);
    let (s, body) = act(
        &app,
        &a,
        id,
        "approve",
        &[
            ("masked_subject", "x"),
            ("masked_content", "x"),
            ("masked_reply", "x"),
        ],
    )
    .await;
    assert_eq!(s, 409, "the drafter cannot approve");
    assert!(body.contains("另一名工作人员审核"), "{body}");
    // The reviewer sees the side-by-side and approves the masked texts as proposed.
    let show =
        b2.0.get(app.url(&format!("/admin/interact/{id}")))
            .send()
            .await
            .expect("show")
            .text()
            .await
            .expect("body");
    assert!(
        show.contains("去标识化对照") && show.contains("<mark"),
        "{show}"
    );
    let field = |name: &str| -> String {
        let start = format!("name=\"{name}\"");
        let after = show.split(&start).nth(1).expect("field");
        let raw = if name == "masked_subject" {
            after
                .split("value=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
        } else {
            after
                .split('>')
                .nth(1)
                .and_then(|s| s.split("</textarea").next())
        };
        raw.unwrap_or("")
            .replace("&#x2a;", "*")
            .replace("&#42;", "*")
    };
    let (ms, mc, mr) = (
        field("masked_subject"),
        field("masked_content"),
        field("masked_reply"),
    );
    assert!(!mc.contains("张伟") && !mc.contains("13912345678"), "{mc}");
    let (s, _) = act(
        &app,
        &b2,
        id,
        "approve",
        &[
            ("masked_subject", &ms),
            ("masked_content", &mc),
            ("masked_reply", &mr),
        ],
    )
    .await;
    assert_eq!(s, 303);
    // Public: list, letter page and API show the masked texts, never name or phone.
    let (_, public) = app.get_text("/interact/messages").await;
    assert!(public.contains("夜间施工噪声扰民"), "{public}");
    let (s, letter) = app.get_text(&format!("/interact/messages/{id}")).await;
    assert_eq!(s, 200);
    assert!(letter.contains("网友") && letter.contains("答复内容"));
    let json = app.get_json("/api/v1/messages").await;
    assert_eq!(json["total"], 1);
    for text in [&public, &letter, &json.to_string()] {
        assert!(
            !text.contains("张伟") && !text.contains("13912345678"),
            "{text}"
        );
    }
    let p = app
        .get_json(&format!("/api/v1/messages/{no}?code={code}"))
        .await;
    assert_eq!(p["status"], "published");
    assert!(p["steps"].as_array().is_some_and(|s| s.len() == 4), "{p}");
    // Every staff change is audited.
    let audited = count(
        &app.db,
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'interact.%'",
    )
    .await;
    assert_eq!(audited, 4, "submit, sign, draft, publish");
    // The search filter finds it; a page past the last is 404.
    let (_, found) = app
        .get_text("/interact/messages?q=%E5%99%AA%E5%A3%B0")
        .await;
    assert!(found.contains(&format!("/interact/messages/{id}")));
    assert_eq!(
        app.get("/interact/messages?page=9").await.status().as_u16(),
        404
    );
    // The writer rates with the code: 不满意 reopens it once (off the portal), the
    // second reply is rated for good.
    let rate = |rating: &'static str| {
        let (no, code) = (no.clone(), code.clone());
        let app = &app;
        async move {
            app.post(
                "/interact/messages/rate",
                &[
                    ("no", &no),
                    ("code", &code),
                    ("rating", rating),
                    ("comment", ""),
                ],
            )
            .await
        }
    };
    let r = app
        .post(
            "/interact/messages/rate",
            &[("no", &no), ("code", "WRONG234"), ("rating", "satisfied")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 400, "wrong code");
    assert_eq!(rate("unsatisfied").await.status().as_u16(), 303);
    let p = app
        .get_json(&format!("/api/v1/messages/{no}?code={code}"))
        .await;
    assert_eq!(p["status"], "handling", "{p}");
    assert_eq!(
        app.get(&format!("/interact/messages/{id}"))
            .await
            .status()
            .as_u16(),
        404
    );
    let r = rate("satisfied").await;
    assert_eq!(r.status().as_u16(), 409, "nothing to rate while reopened");
    assert!(
        r.text()
            .await
            .unwrap_or_default()
            .contains("答复后才能评价")
    );
    assert_eq!(
        act(&app, &a, id, "draft", &[("reply", "再次答复：已复查。")])
            .await
            .0,
        303
    );
    let (s, _) = act(
        &app,
        &b2,
        id,
        "approve",
        &[
            ("masked_subject", &ms),
            ("masked_content", &mc),
            ("masked_reply", "再次答复：已复查。"),
        ],
    )
    .await;
    assert_eq!(s, 303);
    assert_eq!(
        rate("unsatisfied").await.status().as_u16(),
        303,
        "kept, not reopened twice"
    );
    let p = app
        .get_json(&format!("/api/v1/messages/{no}?code={code}"))
        .await;
    assert_eq!(p["status"], "published");
    assert_eq!(p["rating"], "不满意");
    let r = rate("satisfied").await;
    assert_eq!(r.status().as_u16(), 409);
    assert!(r.text().await.unwrap_or_default().contains("已评价过"));
}

async fn bad_letters_are_refused_in_chinese_and_nothing_is_lost(b: Backend) {
    let app = spawn(b).await;
    let long = "长".repeat(3001);
    let r = write(
        &app,
        &[("content", &long), ("subject", "保留的标题")],
        vec![],
        None,
    )
    .await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("留言内容不能超过3000字"), "oversize");
    assert!(html.contains("value=\"保留的标题\""), "input kept");
    let r = write(&app, &[], vec![], Some("99")).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("验证问题回答不正确"), "wrong answer");
    assert!(html.contains(CONTENT), "content kept");
    let r = write(
        &app,
        &[],
        vec![("照片.png", b"not an image".to_vec())],
        None,
    )
    .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("附件“照片.png”"));
    let r = write(&app, &[("phone", "abc"), ("kind", "")], vec![], None).await;
    let html = r.text().await.expect("body");
    assert!(html.contains("请选择留言类型") && html.contains("联系电话只能包含数字"));
    // Each question is used up by one submission, right or wrong.
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_challenges").await,
        4
    );
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_messages").await,
        0
    );
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_message_files").await,
        0
    );
    // The API answers bad input with field errors in Chinese.
    let r = app
        .client
        .post(app.url("/api/v1/messages"))
        .json(&serde_json::json!({"kind": "complaint", "subject": "", "content": "x"}))
        .send()
        .await
        .expect("api");
    assert_eq!(r.status().as_u16(), 422);
    let e: serde_json::Value = r.json().await.expect("json");
    assert_eq!(e["error"]["fields"]["subject"], "请填写标题");
}

fn api_letter(subject: &str, content: &str, phone: &str) -> serde_json::Value {
    serde_json::json!({
        "kind": "suggestion", "subject": subject, "content": content,
        "name": "李四", "phone": phone, "consent": "yes"
    })
}

async fn post_api(app: &TestApp, body: &serde_json::Value) -> (u16, serde_json::Value) {
    let r = app
        .client
        .post(app.url("/api/v1/messages"))
        .json(body)
        .send()
        .await
        .expect("api");
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or_default())
}

async fn duplicates_are_linked_and_each_phone_is_limited(b: Backend) {
    let app = spawn_with(b, |s| s.interact.per_phone_per_day = 3).await;
    let text = "建议在地铁站出口增设非机动车停放区，并安排人员引导停放。";
    let (s, first) = post_api(&app, &api_letter("增设停放区", text, "13800001111")).await;
    assert_eq!(s, 201, "{first}");
    let (s, again) = post_api(
        &app,
        &api_letter("增设停放区", &format!("{text}！"), "138-0000-1111"),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(again["merged_into"], first["receipt_no"], "{again}");
    let progress = app
        .get_json(&format!(
            "/api/v1/messages/{}?code={}",
            again["receipt_no"].as_str().unwrap_or(""),
            again["query_code"].as_str().unwrap_or("")
        ))
        .await;
    assert_eq!(progress["merged_into"], first["receipt_no"]);
    // Duplicates are not work: the back office lists one letter.
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM interact_messages WHERE status <> 'duplicate'"
        )
        .await,
        1
    );
    for (i, subject) in ["占道经营", "噪声"].iter().enumerate() {
        let (s, _) = post_api(
            &app,
            &api_letter(
                subject,
                &format!("第{i}件不同的留言，内容各不相同：{subject}问题。"),
                "13800001111",
            ),
        )
        .await;
        assert_eq!(s, 201);
    }
    let (s, e) = post_api(
        &app,
        &api_letter("第四件", "又一件完全不同的留言内容。", "13800001111"),
    )
    .await;
    assert_eq!(s, 400, "{e}");
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("24小时内最多提交3件")
    );
    let (s, _) = post_api(
        &app,
        &api_letter("别的电话", "另一个电话的留言内容。", "13800002222"),
    )
    .await;
    assert_eq!(s, 201, "another phone is not limited");
}

async fn each_address_is_limited(b: Backend) {
    let app = spawn_with(b, |s| s.security.public_form_per_minute = 2).await;
    for i in 0..2 {
        let (s, _) = post_api(
            &app,
            &api_letter(
                "标题",
                &format!("第{i}件留言的具体内容"),
                &format!("1380000{i:04}"),
            ),
        )
        .await;
        assert_eq!(s, 201);
    }
    let (s, e) = post_api(
        &app,
        &api_letter("标题", "第三件留言的具体内容", "13800009999"),
    )
    .await;
    assert_eq!(s, 429);
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("操作过于频繁")
    );
    let r = write(&app, &[], vec![], None).await;
    assert_eq!(r.status().as_u16(), 429, "the form shares the limit");
}

async fn not_accepted_and_transferred_letters(b: Backend) {
    let app = spawn(b).await;
    let (_, a) = post_api(
        &app,
        &api_letter(
            "转办事项",
            "黄浦区某路段占道经营问题请处理。",
            "13800003333",
        ),
    )
    .await;
    let (_, r) = post_api(
        &app,
        &api_letter("不予受理", "请求撤销法院判决，已在诉讼中。", "13800004444"),
    )
    .await;
    // With a second receiving organ, the unit must be chosen.
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    let (s, e) = post_api(
        &app,
        &api_letter("未选单位", "没有选择受理单位的留言。", "13800005555"),
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(e["error"]["fields"]["unit_id"], "请选择受理单位");
    let id_of = |v: &serde_json::Value| {
        v["receipt_no"].as_str().unwrap_or("")[6..]
            .parse::<i64>()
            .unwrap_or(0)
    };
    let h = staff(&app, "hudong").await;
    let (s, body) = act(
        &app,
        &h,
        id_of(&a),
        "transfer",
        &[("unit_id", &district.to_string()), ("note", "")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(body.contains("请填写转办说明"));
    let d = district.to_string();
    let (s, _) = act(
        &app,
        &h,
        id_of(&a),
        "transfer",
        &[("unit_id", &d), ("note", "请黄浦区局核查")],
    )
    .await;
    assert_eq!(s, 303);
    let (s, body) = act(
        &app,
        &h,
        id_of(&r),
        "reject",
        &[("reason", "not_remit"), ("note", "")],
    )
    .await;
    assert_eq!(s, 422);
    assert!(body.contains("有权处理的机关"));
    let (s, _) = act(
        &app,
        &h,
        id_of(&r),
        "reject",
        &[("reason", "in_proceedings"), ("note", "")],
    )
    .await;
    assert_eq!(s, 303);
    let p = app
        .get_json(&format!(
            "/api/v1/messages/{}?code={}",
            r["receipt_no"].as_str().unwrap_or(""),
            r["query_code"].as_str().unwrap_or("")
        ))
        .await;
    assert_eq!(p["status"], "rejected");
    assert!(p["reject_reason"].as_str().unwrap_or("").contains("诉讼"));
    // A handler of the district sees the transferred letter, not the other one.
    app.user_in("hp", &[Role::InteractHandler], district).await;
    let (c, hp_csrf, _) = app.client_login("hp", crate::common::PASSWORD).await;
    let list = c
        .get(app.url("/admin/interact"))
        .send()
        .await
        .expect("list")
        .text()
        .await
        .expect("body");
    assert!(
        list.contains("转办事项") && !list.contains(r["receipt_no"].as_str().unwrap_or("?")),
        "{list}"
    );
    // Extended once, with a reason; not twice. (The root handler's scope covers
    // the district.)
    let (s, _) = act(&app, &h, id_of(&a), "extend", &[("reason", "需现场核查")]).await;
    assert_eq!(s, 303);
    let (s, body) = act(&app, &h, id_of(&a), "extend", &[("reason", "再延")]).await;
    assert_eq!(s, 409);
    assert!(body.contains("只能延长一次"));
    // The district handler cannot act on the letter outside its scope.
    let hp = (c, hp_csrf);
    let (s, _) = act(&app, &hp, id_of(&r), "sign", &[]).await;
    assert_eq!(s, 404);
}

/// A letter with one file, for the route tests: (letter id, file id).
pub async fn letter_with_file(app: &TestApp) -> (i64, i64) {
    use gongkai::interact::form::NewMessage;
    use gongkai::interact::model::MessageKind;
    use gongkai::interact::service::{Upload, submit};
    let sha = gongkai::docs::attachments::write_blob(&app.state.settings.files_dir(), PNG)
        .await
        .expect("blob");
    let m = NewMessage {
        kind: MessageKind::Consult,
        unit_id: app.root_unit,
        subject: "路由测试留言".into(),
        content: "路由测试留言的内容。".into(),
        name: "测试".into(),
        phone: "13800000000".into(),
        email: String::new(),
        consent: true,
    };
    let file = Upload {
        name: "a.png".into(),
        mime: "image/png",
        size: PNG.len(),
        sha256: sha,
    };
    let c = submit(&app.state, &m, &[file], &gongkai::audit::Actor::system())
        .await
        .expect("letter");
    let f = count(&app.db, "SELECT MAX(id) FROM interact_message_files").await;
    (c.id, f)
}

/// A consultation with one comment, for the route tests: (consultation id, comment id).
pub async fn consultation_with_comment(app: &TestApp) -> (i64, i64) {
    use gongkai::interact::consult_model::ConsultKind;
    use gongkai::interact::consult_store::{NewComment, NewConsult, insert, insert_comment};
    let today = gongkai::clock::today();
    let mut tx = app.db.begin().await.expect("tx");
    let c = NewConsult {
        unit_id: app.root_unit,
        title: "路由测试征集".into(),
        kind: ConsultKind::Other,
        draft: "第一条　测试。".into(),
        explanation: String::new(),
        opens_on: today,
        closes_on: today,
        short_reason: String::new(),
        contact: "测试".into(),
    };
    let id = insert(&mut tx, &c, None).await.expect("consultation");
    let n = NewComment {
        article: Some(1),
        passage: String::new(),
        content: "意见".into(),
        masked_content: "意见".into(),
        name: String::new(),
        phone: "13800000000".into(),
    };
    let cid = insert_comment(&mut tx, id, &n).await.expect("comment");
    tx.commit().await.expect("commit");
    (id, cid)
}

both!(
    a_letter_is_answered_reviewed_and_published_masked,
    bad_letters_are_refused_in_chinese_and_nothing_is_lost,
    duplicates_are_linked_and_each_phone_is_limited,
    each_address_is_limited,
    not_accepted_and_transferred_letters,
);
