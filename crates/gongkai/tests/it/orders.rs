//! 诉求工单 over HTTP on both backends: registration and every workflow step to
//! closure (audited, with bad input refused in Chinese and nothing lost), the
//! working-day deadlines across a holiday, the 找错 form on our own site, the
//! 12345 .xlsx import, the Open311 GeoReport v2 API (fields checked against the
//! standard's lists, contact data never returned) and the public statistics.

use gongkai::auth::roles::Role;
use gongkai::orders::form::NewOrder;
use gongkai::orders::model::{Source, Urgency};

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};

both!(
    order_workflow_to_closure_audited,
    deadlines_cross_a_holiday_and_overdue_orders_show,
    site_form_report_answered_and_seen_with_the_query_code,
    hotline_import_all_or_nothing,
    statistics_page_and_export,
);

fn order(no: Option<&str>, source: Source, received_on: chrono::NaiveDate) -> NewOrder {
    NewOrder {
        source,
        source_no: no.map(str::to_string),
        service_code: "street_vending".into(),
        description: "南京东路夜市有摊贩占道经营，联系人王小明13912345678".into(),
        address: "南京东路100号".into(),
        district: String::new(),
        lat: Some(31.2357),
        lon: Some(121.4801),
        contact_name: "王小明".into(),
        contact_phone: "13912345678".into(),
        contact_email: "wxm@example.com".into(),
        urgency: Urgency::Normal,
        page_url: String::new(),
        error_type: None,
        received_on,
        due: None,
    }
}

/// An order of the root unit with a screenshot: (order id, file id), for the
/// route walk.
pub async fn fixture(app: &TestApp) -> (i64, i64) {
    let mut o = order(Some("ROUTE-1"), Source::Hotline, gongkai::clock::today());
    o.service_code = "website_error".into();
    let shot =
        gongkai::orders::service::check_image("shot.png", png().into(), 1 << 20, "screenshot")
            .expect("image");
    let c = gongkai::orders::service::create(
        &app.state,
        &o,
        Some(app.root_unit),
        Some(shot),
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("order");
    let f = count(
        app,
        &format!(
            "SELECT MAX(id) FROM work_order_files WHERE order_id = {}",
            c.id
        ),
    )
    .await;
    (c.id, f)
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    gongkai::with_db!(&app.db, |p| sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(p)
        .await)
    .expect("count")
}

async fn act(app: &TestApp, id: i64, fields: &[(&str, &str)]) -> reqwest::Response {
    app.post(&format!("/admin/orders/{id}/act"), fields).await
}

async fn status(app: &TestApp, id: i64) -> String {
    gongkai::orders::store::get(&app.db, id)
        .await
        .expect("get")
        .expect("order")
        .status
        .code()
        .to_string()
}

async fn order_workflow_to_closure_audited(b: Backend) {
    let app = spawn(b).await;
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    app.user("hd", &[Role::InteractHandler]).await;
    app.login_ok("hd").await;
    let (s, html) = app.get_text("/admin/orders/new").await;
    assert_eq!(s, 200);
    assert!(html.contains("诉求类别") && html.contains("联系电话（不公开）"));
    let root = app.root_unit.to_string();
    let form = |no: &'static str| {
        vec![
            ("source", "hotline"),
            ("source_no", no),
            ("service", "street_vending"),
            ("description", "福州路夜间占道经营"),
            ("district", "黄浦区"),
            ("contact_phone", "13800001111"),
            ("urgency", "normal"),
        ]
    };
    let mut f = form("SH2026-0001");
    f.push(("unit_id", &root));
    let r = app.post("/admin/orders/new", &f).await;
    assert_eq!(r.status().as_u16(), 303, "registered");
    let id: i64 = location(&r)
        .rsplit('/')
        .next()
        .expect("id")
        .parse()
        .expect("id");
    // The same 12345 number again: refused, the existing order named, input kept.
    let r = app.post("/admin/orders/new", &f).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains(&format!("已登记：工单 #{id}")),
        "names the existing order"
    );
    assert!(html.contains("福州路夜间占道经营"), "input kept");
    // Missing number for a 12345 order, bad phone: every problem in Chinese.
    let mut bad = form("");
    bad[5] = ("contact_phone", "电话");
    bad.push(("unit_id", &root));
    let r = app.post("/admin/orders/new", &bad).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("请填写工单编号") && html.contains("联系电话格式不正确"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM work_orders").await, 1);

    // Finish before signing for it: refused with the reason, nothing changed.
    let r = act(
        &app,
        id,
        &[("action", "finish"), ("result", "x"), ("reply", "y")],
    )
    .await;
    assert_eq!(r.status().as_u16(), 409);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("工单待签收，不能办结答复")
    );
    assert_eq!(
        act(&app, id, &[("action", "accept")])
            .await
            .status()
            .as_u16(),
        303
    );
    assert_eq!(status(&app, id).await, "accepted");
    // 转办 to the district: waits to be signed for there.
    let d = district.to_string();
    let r = act(&app, id, &[("action", "transfer"), ("unit_id", &d)]).await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(status(&app, id).await, "received");
    assert_eq!(
        act(&app, id, &[("action", "accept")])
            .await
            .status()
            .as_u16(),
        303
    );
    let r = act(&app, id, &[("action", "note"), ("note", "已派队员核查")]).await;
    assert_eq!(r.status().as_u16(), 303);
    // 办结 without a reply: refused, the order still being handled.
    let r = act(&app, id, &[("action", "finish"), ("result", "已整改")]).await;
    assert_eq!(r.status().as_u16(), 422);
    assert_eq!(status(&app, id).await, "accepted");
    let done = [
        ("action", "finish"),
        ("result", "已责令整改"),
        ("reply", "已处理，感谢监督"),
    ];
    assert_eq!(act(&app, id, &done).await.status().as_u16(), 303);
    // 回访 不满意 reopens once; the second 不满意 closes.
    let unhappy = [("action", "visit"), ("satisfaction", "unsatisfied")];
    assert_eq!(act(&app, id, &unhappy).await.status().as_u16(), 303);
    assert_eq!(status(&app, id).await, "accepted");
    let o = gongkai::orders::store::get(&app.db, id)
        .await
        .expect("get")
        .expect("order");
    assert!(o.reopened && o.finished_on.is_none());
    assert_eq!(act(&app, id, &done).await.status().as_u16(), 303);
    assert_eq!(act(&app, id, &unhappy).await.status().as_u16(), 303);
    assert_eq!(status(&app, id).await, "closed");
    let r = act(&app, id, &[("action", "accept")]).await;
    assert_eq!(r.status().as_u16(), 409);
    // Every step audited; the history lists them.
    let audited = count(
        &app,
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'order.%'",
    )
    .await;
    assert_eq!(
        audited, 9,
        "create, accept, transfer, accept, note, finish, visit, finish, visit; none for refusals"
    );
    let (_, page) = app.get_text(&format!("/admin/orders/{id}")).await;
    for step in [
        "受理登记",
        "签收",
        "转办",
        "办理记录",
        "办结答复",
        "回访",
        "不满意重办",
        "关闭",
        "黄浦区城管执法局",
    ] {
        assert!(page.contains(step), "history shows {step}");
    }
    // A user of another unit cannot see it.
    let other = app.unit("徐汇区城管执法局", Some(app.root_unit)).await;
    app.user_in("xh", &[Role::InteractHandler], other).await;
    let (c, _, _) = app.client_login("xh", crate::common::PASSWORD).await;
    let r = c
        .get(app.url(&format!("/admin/orders/{id}")))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status().as_u16(), 403);
}

async fn deadlines_cross_a_holiday_and_overdue_orders_show(b: Backend) {
    let app = spawn(b).await;
    let cal = gongkai::workdays::calendar(&app.state);
    let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).expect("date");
    let actor = gongkai::audit::Actor::cli();
    let c = gongkai::orders::service::create(
        &app.state,
        &order(Some("H-0930"), Source::Hotline, d(9, 30)),
        None,
        None,
        &actor,
    )
    .await
    .expect("created");
    let o = gongkai::orders::store::get(&app.db, c.id)
        .await
        .expect("get")
        .expect("order");
    // 国庆: the day after 30 September that counts is after the holiday week.
    assert!(o.accept_due > d(10, 7), "签收 due {}", o.accept_due);
    assert_eq!(
        o.finish_due,
        cal.add_workdays(d(9, 30), 15).expect("calendar")
    );
    assert!(o.finish_due > d(10, 21));
    // A 找错 report: 答复 within 3 working days.
    let mut z = order(None, Source::SiteForm, d(9, 25));
    z.service_code = "website_error".into();
    z.page_url = "https://example.gov.cn/a".into();
    let c2 = gongkai::orders::service::create(&app.state, &z, None, None, &actor)
        .await
        .expect("created");
    let o2 = gongkai::orders::store::get(&app.db, c2.id)
        .await
        .expect("get")
        .expect("order");
    assert_eq!(
        cal.workdays_between(d(9, 25), o2.finish_due)
            .expect("count"),
        3
    );
    assert!(
        o2.source_no.starts_with("WZ2026"),
        "our number {}",
        o2.source_no
    );
    // Both are long overdue (still waiting to be signed for): listed and counted.
    app.user("hd", &[Role::InteractHandler]).await;
    app.login_ok("hd").await;
    let (_, html) = app.get_text("/admin/orders?view=overdue").await;
    assert!(
        html.contains("H-0930") && html.contains("已逾期"),
        "overdue list"
    );
    let (_, html) = app.get_text("/admin/orders?view=due_soon").await;
    assert!(!html.contains("H-0930"));
    let (_, dash) = app.get_text("/admin").await;
    assert!(
        dash.contains("已逾期的工单"),
        "dashboard shows overdue orders"
    );
    let (_, all) = app.get_text("/admin/orders").await;
    assert!(all.contains("共 2 条"));
}

fn png() -> Vec<u8> {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    v.extend_from_slice(&[0u8; 64]);
    v
}

async fn site_form_report_answered_and_seen_with_the_query_code(b: Backend) {
    let app = spawn(b).await;
    let (s, html) = app.get_text("/zhaocuo?url=https://example.gov.cn/x").await;
    assert_eq!(s, 200);
    assert!(html.contains("https://example.gov.cn/x") && html.contains("错别字"));
    let token = app.csrf().await;
    let post = |shot: Vec<u8>, desc: &'static str, url: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("csrf_token", token.clone())
            .text("page_url", url)
            .text("error_type", "typo")
            .text("description", desc)
            .text("contact_phone", "13700002222")
            .part(
                "screenshot",
                reqwest::multipart::Part::bytes(shot).file_name("shot.png"),
            );
        app.client.post(app.url("/zhaocuo")).multipart(form).send()
    };
    // A "screenshot" that is not an image, a bad address: refused, input kept, nothing saved.
    let r = post(b"not an image".to_vec(), "“城管”写成“城关”", "ftp://x")
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("只能上传 PNG、JPEG 或 GIF 图片")
            && html.contains("网址应以 http:// 或 https:// 开头")
    );
    assert!(html.contains("“城管”写成“城关”"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM work_orders").await, 0);
    // Without the CSRF token: refused.
    let r = app
        .client
        .post(app.url("/zhaocuo"))
        .multipart(reqwest::multipart::Form::new().text("description", "x"))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    let r = post(png(), "“城管”写成“城关”", "https://example.gov.cn/x")
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.expect("body");
    let no = crate::foi::between(&html, "id=\"order-no\">", "<");
    let code = crate::foi::between(&html, "id=\"query-code\">", "<");
    assert!(no.starts_with("WZ") && code.len() == 8, "{no} {code}");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM work_order_files WHERE kind = 'screenshot'"
        )
        .await,
        1
    );
    // Staff: 签收, 办结 with the reply.
    let id = count(&app, "SELECT MAX(id) FROM work_orders").await;
    app.user("hd", &[Role::InteractHandler]).await;
    app.login_ok("hd").await;
    let (_, page) = app.get_text(&format!("/admin/orders/{id}")).await;
    assert!(page.contains("页面截图") && page.contains("13700002222"));
    act(&app, id, &[("action", "accept")]).await;
    act(
        &app,
        id,
        &[
            ("action", "finish"),
            ("result", "已更正错别字"),
            ("reply", "已更正，谢谢您"),
        ],
    )
    .await;
    // The reporter sees the reply with the code; a wrong code shows nothing.
    let (_, p) = app
        .get_text(&format!("/zhaocuo/progress?no={no}&code={code}"))
        .await;
    assert!(p.contains("已更正，谢谢您") && p.contains("已办结待回访"));
    assert!(
        !p.contains("13700002222"),
        "no contact data on the public page"
    );
    let (_, p) = app
        .get_text(&format!("/zhaocuo/progress?no={no}&code=AAAAAAAA"))
        .await;
    assert!(p.contains("工单编号或查询码不正确") && !p.contains("已更正，谢谢您"));
}

fn xlsx(rows: &[[&str; 6]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let head = [
        "工单编号",
        "诉求类别",
        "诉求内容",
        "所属区",
        "联系电话",
        "受理日期",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("cell");
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *v).expect("cell");
        }
    }
    wb.save_to_buffer().expect("xlsx")
}

async fn import(app: &TestApp, bytes: Vec<u8>) -> (u16, String) {
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", app.csrf().await)
        .part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name("12345.xlsx"),
        );
    let r = app
        .client
        .post(app.url("/admin/orders/import"))
        .multipart(form)
        .send()
        .await
        .expect("post");
    (r.status().as_u16(), r.text().await.expect("body"))
}

async fn hotline_import_all_or_nothing(b: Backend) {
    let app = spawn(b).await;
    let hp = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    app.user("hd", &[Role::InteractHandler]).await;
    app.login_ok("hd").await;
    let bad = xlsx(&[
        [
            "A-1",
            "占道经营",
            "夜市占道",
            "黄浦区",
            "13800001111",
            "2026-11-02",
        ],
        ["A-2", "乱停车", "", "徐汇区", "", "2026-13-01"],
        ["A-1", "油烟扰民", "油烟", "", "", ""],
    ]);
    let (s, html) = import(&app, bad).await;
    assert_eq!(s, 422);
    assert!(
        html.contains("第 3 行")
            && html.contains("诉求类别“乱停车”不在服务目录中")
            && html.contains("请填写诉求内容")
    );
    assert!(html.contains("第 4 行：工单编号 A-1 在表中重复"));
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM work_orders").await,
        0,
        "nothing imported"
    );
    let good = xlsx(&[
        [
            "A-1",
            "占道经营",
            "夜市占道",
            "黄浦区",
            "13800001111",
            "2026-11-02",
        ],
        ["A-2", "油烟扰民", "油烟直排", "", "", ""],
    ]);
    let (s, html) = import(&app, good.clone()).await;
    assert_eq!(s, 200, "{html}");
    assert!(html.contains("已导入 2 件工单"));
    // Routed by district: 黄浦区 → the district unit; no district → the bureau.
    let routed = count(
        &app,
        &format!("SELECT COUNT(*) FROM work_orders WHERE source_no = 'A-1' AND unit_id = {hp}"),
    )
    .await;
    assert_eq!(routed, 1);
    let (s, html) = import(&app, good).await;
    assert_eq!(s, 422);
    assert!(html.contains("12345热线工单编号 A-1 已登记：工单 #"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM work_orders").await, 2);
    let (s, html) = import(&app, b"not a workbook".to_vec()).await;
    assert_eq!(s, 422);
    assert!(html.contains("文件不是有效的 Excel（.xlsx）文件"));
}

async fn statistics_page_and_export(b: Backend) {
    let app = spawn(b).await;
    let n = gongkai::orders::demo::seed(&app.db, app.root_unit, 200)
        .await
        .expect("demo");
    assert_eq!(n, 200);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM work_orders").await, 200);
    let month = (gongkai::clock::today() - chrono::Duration::days(40))
        .format("%Y-%m")
        .to_string();
    let (s, html) = app.get_text(&format!("/gongdan/stats?month={month}")).await;
    assert_eq!(s, 200);
    assert!(html.contains("按期办结率") && html.contains("占道经营") && html.contains("<svg"));
    assert!(html.contains("fill-opacity"), "the heat map has cells");
    assert!(!html.contains("13800000000") && !html.contains("演示市民"));
    let (s, _) = app.get_text("/gongdan/stats?month=2026-99").await;
    assert_eq!(s, 400);
    let r = app.get(&format!("/gongdan/stats.xlsx?month={month}")).await;
    assert_eq!(r.status().as_u16(), 200);
    let bytes = r.bytes().await.expect("bytes");
    assert!(bytes.starts_with(b"PK"));
}
