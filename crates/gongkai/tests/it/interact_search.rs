//! 政民互动 in site search and the back office's reminders, on both backends: a
//! published letter is found under the 留言 tab by a word of its reply and links to
//! its public page, its contact data and the unmasked name never are, withdrawing
//! it from publication takes it out of the index; a finished interview is found
//! under 访谈 without the askers' names, a live one is not; the daily job's
//! reminders show on the dashboard and the letters list of the right user only.

use gongkai::auth::roles::Role;
use gongkai::interact::interview_model::{InterviewState, QuestionStatus};
use gongkai::interact::interview_store as iv;
use gongkai::sitesearch::Rows;

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};
use crate::interact::{act, count, staff, write};

const REPLY: &str =
    "张伟您好：已要求施工单位加装隔音屏障，夜间停止作业。联系电话13912345678的来电已回访。";

/// The search API's hits for `q` under `kind`, as JSON text, and their number.
async fn search(app: &TestApp, q: &str, kind: &str) -> (i64, String) {
    let v = app
        .get_json(&format!(
            "/api/v1/search?q={}&kind={}",
            urlencoding(q),
            urlencoding(kind)
        ))
        .await;
    (v["total"].as_i64().unwrap_or(-1), v["hits"].to_string())
}

fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A letter written, signed, answered with `REPLY` and approved for publication by
/// a second handler with the masked texts as proposed; its id.
async fn published_letter(app: &TestApp) -> i64 {
    let r = write(
        app,
        &[("email", "zhangwei.noise@example.com")],
        vec![],
        None,
    )
    .await;
    assert_eq!(r.status().as_u16(), 200);
    let id = count(&app.db, "SELECT MAX(id) FROM interact_messages").await;
    let a = staff(app, "sou1").await;
    let b = staff(app, "sou2").await;
    assert_eq!(act(app, &a, id, "sign", &[]).await.0, 303);
    assert_eq!(act(app, &a, id, "draft", &[("reply", REPLY)]).await.0, 303);
    let m = gongkai::interact::store::get(&app.db, id)
        .await
        .expect("get")
        .expect("letter");
    let (s, body) = act(
        app,
        &b,
        id,
        "approve",
        &[
            ("masked_subject", &m.masked_subject),
            ("masked_content", &m.masked_content),
            ("masked_reply", &m.masked_reply),
        ],
    )
    .await;
    assert_eq!(s, 303, "{body}");
    id
}

both!(
    a_published_letter_is_searchable_until_withdrawn,
    a_finished_interview_is_searchable,
    reminders_show_for_the_units_handlers_only,
);

async fn a_published_letter_is_searchable_until_withdrawn(b: Backend) {
    let app = spawn(b).await;
    let idx = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &idx)
        .await
        .expect("reindex");
    let id = published_letter(&app).await;
    // The index follows publication (the letters' `updated_at` feed).
    gongkai::sitesearch::sync(&app.db, &idx)
        .await
        .expect("sync");
    let (n, hits) = search(&app, "隔音屏障", "留言").await;
    assert_eq!(n, 1, "{hits}");
    assert!(hits.contains(&format!("/interact/messages/{id}")), "{hits}");
    let (_, page) = app.get_text("/search?q=隔音屏障").await;
    assert!(
        page.contains("留言（1）") && page.contains("访谈（0）"),
        "{page}"
    );
    let (_, tab) = app
        .get_text(&format!("/search?q=隔音屏障&kind={}", urlencoding("留言")))
        .await;
    let link = format!("to=/interact/messages/{id}\"");
    assert!(
        tab.contains(&link) && tab.contains("夜间施工噪声扰民"),
        "{tab}"
    );
    let r = app
        .get(&format!("/search/go?q=x&to=%2Finteract%2Fmessages%2F{id}"))
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(location(&r), format!("/interact/messages/{id}"));
    let (status, public) = app.get_text(&format!("/interact/messages/{id}")).await;
    assert_eq!(status, 200);
    assert!(public.contains("隔音屏障"));
    // Contact data and the unmasked name are not in the index at all.
    let docs = gongkai::sitesearch::letters(&app.db, Rows::All)
        .await
        .expect("docs")
        .docs;
    assert_eq!(docs.len(), 1);
    let text = format!("{:?}", docs[0]);
    for secret in ["张伟", "13912345678", "zhangwei", "example.com"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    for q in ["zhangwei.noise@example.com", "13912345678", "张伟"] {
        let (_, hits) = search(&app, q, "留言").await;
        assert!(
            !hits.contains("张伟") && !hits.contains("13912345678") && !hits.contains("zhangwei"),
            "{q}: {hits}"
        );
    }
    let (n, _) = search(&app, "zhangwei", "留言").await;
    assert_eq!(n, 0, "the e-mail address is never indexed");
    // Reopened (the writer is not satisfied): out of the index until answered again.
    let m = gongkai::interact::store::get(&app.db, id)
        .await
        .expect("get")
        .expect("letter");
    let reopened = gongkai::interact::service::rate(
        &app.state,
        &m,
        gongkai::interact::model::Rating::Unsatisfied,
        "噪声仍然存在",
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("rate");
    assert!(reopened);
    gongkai::sitesearch::sync(&app.db, &idx)
        .await
        .expect("sync");
    assert_eq!(search(&app, "隔音屏障", "留言").await.0, 0, "reopened");
    let (client, csrf, _) = app.client_login("sou1", crate::common::PASSWORD).await;
    let second = "张伟您好：复查发现噪声仍超标，已责令施工单位更换低噪声设备。";
    let drafted = act(&app, &(client, csrf), id, "draft", &[("reply", second)]).await;
    assert_eq!(drafted.0, 303, "{}", drafted.1);
    let m = gongkai::interact::store::get(&app.db, id)
        .await
        .expect("get")
        .expect("letter");
    let (client, csrf, _) = app.client_login("sou2", crate::common::PASSWORD).await;
    let (s, body) = act(
        &app,
        &(client, csrf),
        id,
        "approve",
        &[
            ("masked_subject", &m.masked_subject),
            ("masked_content", &m.masked_content),
            ("masked_reply", &m.masked_reply),
        ],
    )
    .await;
    assert_eq!(s, 303, "{body}");
    gongkai::sitesearch::sync(&app.db, &idx)
        .await
        .expect("sync");
    assert_eq!(
        search(&app, "低噪声设备", "留言").await.0,
        1,
        "published again"
    );
    // Withdrawn from publication: off the portal and out of the index.
    let who = staff(&app, "sou3").await;
    let (s, body) = act(&app, &who, id, "unpublish", &[("reason", "")]).await;
    assert_eq!(s, 422, "a reason is required");
    assert!(body.contains("请填写撤回公开的理由"), "{body}");
    let (s, _) = act(&app, &who, id, "unpublish", &[("reason", "涉及第三方隐私")]).await;
    assert_eq!(s, 303);
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'interact.unpublished'"
        )
        .await,
        1
    );
    gongkai::sitesearch::sync(&app.db, &idx)
        .await
        .expect("sync");
    let (n, hits) = search(&app, "低噪声设备", "留言").await;
    assert_eq!(n, 0, "{hits}");
    assert_eq!(
        app.get(&format!("/interact/messages/{id}"))
            .await
            .status()
            .as_u16(),
        404
    );
    // A rebuild agrees.
    gongkai::sitesearch::reindex(&app.db, &idx)
        .await
        .expect("reindex");
    assert_eq!(search(&app, "低噪声设备", "留言").await.0, 0);
}

async fn a_finished_interview_is_searchable(b: Backend) {
    let app = spawn(b).await;
    let idx = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &idx)
        .await
        .expect("reindex");
    let mut ids = Vec::new();
    for title in ["垃圾分类新规在线访谈", "垃圾分类直播访谈"] {
        let mut tx = app.db.begin().await.expect("tx");
        let n = iv::NewInterview {
            unit_id: app.root_unit,
            title: title.into(),
            summary: "解读生活垃圾管理条例".into(),
            scheduled_at: gongkai::clock::now(),
        };
        let id = iv::insert(&mut tx, &n, None).await.expect("interview");
        iv::set_state(
            &mut tx,
            id,
            InterviewState::Upcoming,
            InterviewState::Live,
            None,
        )
        .await
        .expect("live");
        iv::insert_post(
            &mut tx,
            id,
            "主持人",
            "欢迎收看，今天请来了湿垃圾处置的负责人。",
            None,
            gongkai::clock::now(),
        )
        .await
        .expect("post");
        let asked = |content: &str, masked: &str| iv::NewQuestion {
            content: content.into(),
            masked_content: masked.into(),
            name: "李秀英".into(),
            phone: "13877776666".into(),
        };
        let q1 = iv::insert_question(
            &mut tx,
            id,
            &asked("我是李秀英，投放点几点开放？", "我是李**，投放点几点开放？"),
        )
        .await
        .expect("q1");
        let q2 = iv::insert_question(&mut tx, id, &asked("广告：代办执照", "广告：代办执照"))
            .await
            .expect("q2");
        iv::set_question_status(
            &mut tx,
            q1,
            QuestionStatus::Pending,
            QuestionStatus::Approved,
        )
        .await
        .expect("approve");
        iv::set_question_status(
            &mut tx,
            q2,
            QuestionStatus::Pending,
            QuestionStatus::Rejected,
        )
        .await
        .expect("reject");
        iv::answer(&mut tx, q1, "定时定点投放点每天早晚各开放两小时。")
            .await
            .expect("answer");
        tx.commit().await.expect("commit");
        ids.push(id);
    }
    // The first one finishes; the second is still live.
    let mut tx = app.db.begin().await.expect("tx");
    iv::set_state(
        &mut tx,
        ids[0],
        InterviewState::Live,
        InterviewState::Finished,
        None,
    )
    .await
    .expect("finish");
    tx.commit().await.expect("commit");
    gongkai::sitesearch::sync(&app.db, &idx)
        .await
        .expect("sync");
    let (n, hits) = search(&app, "湿垃圾", "访谈").await;
    assert_eq!(n, 1, "only the finished interview: {hits}");
    assert!(
        hits.contains(&format!("/interact/interviews/{}", ids[0])),
        "{hits}"
    );
    assert_eq!(search(&app, "早晚各开放", "访谈").await.0, 1, "answers");
    assert_eq!(
        search(&app, "代办执照", "访谈").await.0,
        0,
        "rejected questions"
    );
    let docs = gongkai::sitesearch::interviews(&app.db, Rows::All)
        .await
        .expect("docs")
        .docs;
    assert_eq!(docs.len(), 1);
    let text = format!("{:?}", docs[0]);
    for secret in ["李秀英", "13877776666", "代办执照"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let (_, page) = app
        .get_text(&format!("/search?q=湿垃圾&kind={}", urlencoding("访谈")))
        .await;
    assert!(
        page.contains(&format!("to=/interact/interviews/{}\"", ids[0]))
            && page.contains("访谈（1）"),
        "{page}"
    );
    let r = app
        .get(&format!(
            "/search/go?q=x&to=%2Finteract%2Finterviews%2F{}",
            ids[0]
        ))
        .await;
    assert_eq!(location(&r), format!("/interact/interviews/{}", ids[0]));
    // An answer given after the end reaches the index (the questions feed).
    let mut tx = app.db.begin().await.expect("tx");
    let late = iv::insert_question(
        &mut tx,
        ids[0],
        &iv::NewQuestion {
            content: "大件垃圾怎么预约？".into(),
            masked_content: "大件垃圾怎么预约？".into(),
            name: String::new(),
            phone: String::new(),
        },
    )
    .await
    .expect("late");
    iv::set_question_status(
        &mut tx,
        late,
        QuestionStatus::Pending,
        QuestionStatus::Approved,
    )
    .await
    .expect("approve");
    iv::answer(&mut tx, late, "大件垃圾可拨打居委会电话预约上门清运。")
        .await
        .expect("answer");
    tx.commit().await.expect("commit");
    gongkai::sitesearch::sync(&app.db, &idx)
        .await
        .expect("sync");
    assert_eq!(search(&app, "上门清运", "访谈").await.0, 1);
}

async fn reminders_show_for_the_units_handlers_only(b: Backend) {
    let app = spawn(b).await;
    let east = app.unit("东区分局", Some(app.root_unit)).await;
    let west = app.unit("西区分局", Some(app.root_unit)).await;
    let (e, w) = (east.to_string(), west.to_string());
    for (unit, subject, phone) in [
        (e.as_str(), "东区工地夜间施工", "13900001111"),
        (w.as_str(), "西区菜场占道经营", "13900002222"),
    ] {
        let content = format!("{subject}，已经持续一周，请尽快处理。");
        let r = write(
            &app,
            &[
                ("unit_id", unit),
                ("subject", subject),
                ("content", &content),
                ("phone", phone),
            ],
            vec![],
            None,
        )
        .await;
        assert_eq!(r.status().as_u16(), 200);
    }
    // Both letters must be signed within 1 working day: the daily job reminds.
    gongkai::interact::daily(&app.state).await.expect("daily");
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM interact_reminders").await,
        2
    );
    app.user_in("dongqu", &[Role::InteractHandler], east).await;
    app.user_in("xiqu", &[Role::InteractHandler], west).await;
    app.user_in("bianji", &[Role::Publisher], east).await;
    let page = |name: &'static str, path: &'static str| {
        let app = &app;
        async move {
            let (client, _, r) = app.client_login(name, crate::common::PASSWORD).await;
            assert_eq!(r.status().as_u16(), 303, "login {name}");
            let r = client.get(app.url(path)).send().await.expect("get");
            assert_eq!(r.status().as_u16(), 200, "{path}");
            r.text().await.expect("body")
        }
    };
    let east_dash = page("dongqu", "/admin").await;
    assert!(
        east_dash.contains("网民留言期限提醒")
            && east_dash.contains("东区工地夜间施工")
            && east_dash.contains("（北京时间）前签收")
            && !east_dash.contains("西区菜场占道经营"),
        "{east_dash}"
    );
    let west_list = page("xiqu", "/admin/interact").await;
    assert!(
        west_list.contains("西区菜场占道经营")
            && west_list.contains("即将到期：应于")
            && !west_list.contains("东区工地夜间施工"),
        "{west_list}"
    );
    let other = page("bianji", "/admin").await;
    assert!(
        !other.contains("网民留言期限提醒") && !other.contains("东区工地夜间施工"),
        "{other}"
    );
    // Signed: the 签收 reminder is no longer open.
    let letter = count(
        &app.db,
        "SELECT id FROM interact_messages WHERE subject = '东区工地夜间施工'",
    )
    .await;
    let (client, csrf, _) = app.client_login("dongqu", crate::common::PASSWORD).await;
    let r = client
        .post(app.url(&format!("/admin/interact/{letter}/sign")))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("sign");
    assert_eq!(r.status().as_u16(), 303);
    let east_dash = page("dongqu", "/admin").await;
    assert!(!east_dash.contains("东区工地夜间施工"), "{east_dash}");
}
