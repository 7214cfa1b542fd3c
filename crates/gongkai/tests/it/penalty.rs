//! 执法公示 over HTTP on both backends: register → automatic masking → confirmation
//! by a second person → publication → withdrawal; restrictions; import; retention;
//! suspended numbers. Personal data never reaches a public page, the API or export.

use gongkai::auth::roles::Role;
use gongkai::penalty::model::{PenaltyKind, PenaltyKinds, ViolationType};
use gongkai::penalty::service;
use gongkai::penalty::store::{self, NewCase};

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};

/// A pending case of a natural person in the root unit.
pub async fn case(app: &TestApp, decision_no: &str) -> i64 {
    let c = NewCase {
        unit_id: app.root_unit,
        decision_no: decision_no.into(),
        natural: true,
        party_name: "张三".into(),
        credit_code: String::new(),
        legal_rep: String::new(),
        facts: "当事人张三于2026年3月2日在黄浦区南京东路占道经营，联系电话13812345678。".into(),
        basis: "《上海市市容环境卫生管理条例》第二十一条、第四十二条".into(),
        penalty_kind: PenaltyKinds::new([PenaltyKind::Fine]),
        penalty_content: "罚款人民币500元".into(),
        fine_cents: 50_000,
        decided_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date"),
        authority: "上海市黄浦区城市管理行政执法局".into(),
        violation_type: ViolationType::StreetVending,
        district: "黄浦区".into(),
        full_text: String::new(),
        restriction: None,
    };
    let mut tx = app.db.begin().await.expect("tx");
    let id = service::insert(&mut tx, &c, None, &gongkai::audit::Actor::cli())
        .await
        .expect("case");
    tx.commit().await.expect("commit");
    id
}

pub async fn number(app: &TestApp) -> i64 {
    service::add_number(
        &app.db,
        app.root_unit,
        "13912345678",
        chrono::NaiveDate::from_ymd_opt(2026, 5, 6).expect("date"),
        "张贴非法小广告",
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("number")
}

pub fn form(decision_no: &str) -> Vec<(&'static str, String)> {
    vec![
        ("decision_no", decision_no.into()),
        ("party_kind", "natural".into()),
        ("party_name", "李四".into()),
        ("violation_type", "construction_waste".into()),
        ("facts", "当事人李四（身份证号31011519900704123X）驾驶沪A12345号货车运输建筑垃圾沿途撒落，住址：上海市徐汇区漕溪路100弄5号。".into()),
        ("basis", "《上海市建筑垃圾处理管理规定》第二十条".into()),
        ("penalty_kind", "fine".into()),
        ("penalty_content", "罚款人民币2000元".into()),
        ("fine", "2000".into()),
        ("decided_on", "2026-03-02".into()),
        ("authority", "上海市徐汇区城市管理行政执法局".into()),
        ("district", "徐汇区".into()),
    ]
}

both!(
    demo_cases_publish_no_birth_date_or_home_address,
    reviewer_sees_each_masking_and_adds_a_missed_one,
    penalty_api_registers_a_masked_pending_case,
    penalty_case_from_registration_to_withdrawal,
    restricted_cases_are_never_published_and_imports_report_every_row,
    retention_expiry_and_suspended_numbers,
);

async fn penalty_case_from_registration_to_withdrawal(b: Backend) {
    let app = spawn(b).await;
    app.user("enf_a", &[Role::Enforcer]).await;
    app.user("enf_b", &[Role::Enforcer]).await;
    app.login_ok("enf_a").await;
    let unit = app.root_unit.to_string();
    let mut f = form("沪徐城管罚〔2026〕12号");
    f.push(("unit_id", unit.clone()));
    let mut bad = f.clone();
    bad[8].1 = "-5".into();
    let fields: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post("/admin/penalties/new", &fields).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("罚款金额应为不小于 0 的数字") && html.contains("漕溪路100弄5号"),
        "error shown, input kept"
    );
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post("/admin/penalties/new", &fields).await;
    assert_eq!(r.status().as_u16(), 303);
    let path = location(&r);
    let id: i64 = path
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let (_, html) = app.get_text(&path).await;
    assert!(
        html.contains("李某某")
            && html.contains("310115************")
            && html.contains("沪A*****")
            && html.contains("漕溪路<mark title=\"住址\">***")
    );
    assert!(html.contains("自动去标识化处理 4 处"), "{html}");
    // The registrar cannot confirm their own masking.
    let r = app
        .post(
            &format!("/admin/penalties/{id}/confirm"),
            &[("masked_party", "李某某"), ("masked_facts", "x")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 409);
    // Nothing unconfirmed is published.
    let r = app
        .post(&format!("/admin/penalties/{id}/publish"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 409);

    let (cb, token, _) = app.client_login("enf_b", crate::common::PASSWORD).await;
    let post_b = |path: String, fields: Vec<(&'static str, String)>| {
        let cb = cb.clone();
        let token = token.clone();
        let url = app.url(&path);
        async move {
            let mut body = fields;
            body.push(("csrf_token", token));
            cb.post(url).form(&body).send().await.expect("post")
        }
    };
    let r = post_b(
        format!("/admin/penalties/{id}/confirm"),
        vec![
            ("masked_party", "李某某".into()),
            (
                "masked_facts",
                "当事人李某某，电话13912345678，运输建筑垃圾沿途撒落。".into(),
            ),
            ("masked_text", String::new()),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("仍含个人信息：电话号码")
    );
    let r = post_b(
        format!("/admin/penalties/{id}/confirm"),
        vec![
            ("masked_party", "李某某".into()),
            (
                "masked_facts",
                "当事人李某某驾驶沪A*****号货车运输建筑垃圾沿途撒落。".into(),
            ),
            ("masked_text", String::new()),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = post_b(format!("/admin/penalties/{id}/publish"), vec![]).await;
    assert_eq!(r.status().as_u16(), 303);

    // Public: list, page, API and export show the masked case only.
    let (s, list) = app
        .get_text("/enforcement/penalties?year=2026&violation=construction_waste")
        .await;
    assert_eq!(s, 200);
    assert!(list.contains("沪徐城管罚〔2026〕12号") && list.contains("李某某"));
    let (_, page) = app.get_text(&format!("/enforcement/penalties/{id}")).await;
    let v: serde_json::Value = app
        .get(&format!("/api/v1/penalties/{id}"))
        .await
        .json()
        .await
        .expect("json");
    let export = app
        .get("/enforcement/penalties.xlsx")
        .await
        .bytes()
        .await
        .expect("xlsx");
    let sheet = gongkai::table::read_xlsx(&export)
        .expect("read")
        .concat()
        .join("|");
    for public in [&list, &page, &v.to_string(), &sheet] {
        for secret in ["李四", "31011519900704123X", "沪A12345", "漕溪路100弄"] {
            assert!(!public.contains(secret), "{secret} leaked");
        }
    }
    assert!(sheet.contains("李某某"));
    let (_, other) = app
        .get_text("/enforcement/penalties?violation=street_vending")
        .await;
    assert!(!other.contains("沪徐城管罚〔2026〕12号"), "filters apply");

    // Withdrawal: the reason shows where the case was; the list drops it.
    let r = post_b(
        format!("/admin/penalties/{id}/withdraw"),
        vec![
            ("kind", "reconsideration".into()),
            ("event_on", "2026-04-01".into()),
            ("reason", "经行政复议，原处罚决定被撤销".into()),
        ],
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let (s, page) = app.get_text(&format!("/enforcement/penalties/{id}")).await;
    assert_eq!(s, 200);
    assert!(
        page.contains("已于")
            && page.contains("行政复议决定")
            && page.contains("经行政复议，原处罚决定被撤销")
    );
    let (_, list) = app.get_text("/enforcement/penalties").await;
    assert!(!list.contains("沪徐城管罚〔2026〕12号"));
    // Withdrawn long after the 3-working-day window: the back office says so.
    let (_, admin) = app.get_text(&format!("/admin/penalties/{id}")).await;
    assert!(admin.contains("撤回晚于期限2026-04-07"), "{admin}");
    let audited: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'penalty_case'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(audited, 4, "create, confirm, publish, withdraw");
}

async fn restricted_cases_are_never_published_and_imports_report_every_row(b: Backend) {
    let app = spawn(b).await;
    app.user("enf_a", &[Role::Enforcer]).await;
    app.user("enf_b", &[Role::Enforcer]).await;
    app.login_ok("enf_a").await;
    let unit = app.root_unit.to_string();
    let mut f = form("沪徐城管罚〔2026〕13号");
    f.push(("unit_id", unit.clone()));
    f.push(("restriction", "minor".into()));
    let fields: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post("/admin/penalties/new", &fields).await;
    let id: i64 = location(&r)
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let (cb, token, _) = app.client_login("enf_b", crate::common::PASSWORD).await;
    let r = cb
        .post(app.url(&format!("/admin/penalties/{id}/confirm")))
        .form(&[
            ("masked_party", "李某某"),
            ("masked_facts", "当事人李某某运输建筑垃圾沿途撒落。"),
            ("masked_text", ""),
            ("csrf_token", token.as_str()),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 303);
    let r = cb
        .post(app.url(&format!("/admin/penalties/{id}/publish")))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 409);
    assert!(r.text().await.expect("body").contains("涉及未成年人"));
    assert_eq!(
        app.get(&format!("/enforcement/penalties/{id}"))
            .await
            .status()
            .as_u16(),
        404
    );

    // CSV import: one bad row → nothing imported, each problem by row.
    let header = "决定书文号,当事人类型,当事人,统一社会信用代码,违法类型,主要违法事实,处罚依据,处罚种类,处罚内容,罚款金额（元）,作出决定日期,执法机关,区";
    let good = "沪城管罚〔2026〕101号,法人或其他组织,上海某某餐饮有限公司,91310101MA1FP8XK3W,占道经营,\"在门前占道经营，法定代表人王五\",条例第二十一条,罚款,罚款1000元,1000,2026-03-05,黄浦区城管执法局,黄浦区";
    let bad1 = "沪城管罚〔2026〕102号,法人或其他组织,上海某某公司,91310101MA1FP8XK3X,占道经营,事实,依据,罚款,罚款,500,2026-03-05,某局,黄浦区";
    let bad2 =
        "沪城管罚〔2026〕103号,自然人,赵六,,乱扔垃圾,事实,依据,警告,警告,,2099-01-01,某局,黄浦区";
    let upload = |csv: String| {
        let app = &app;
        async move {
            let csrf = app.csrf().await;
            let form = reqwest::multipart::Form::new()
                .text("unit_id", app.root_unit.to_string())
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("cases.csv"),
                );
            app.client
                .post(app.url("/admin/penalties/import"))
                .header("x-csrf-token", csrf.as_str())
                .multipart(form)
                .send()
                .await
                .expect("upload")
        }
    };
    let r = upload(format!("{header}\n{good}\n{bad1}\n{bad2}\n")).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("第 3 行") && html.contains("统一社会信用代码校验码不正确"),
        "{html}"
    );
    assert!(
        html.contains("第 4 行")
            && html.contains("请选择违法类型")
            && html.contains("作出决定日期不能晚于今天")
    );
    let n: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM penalty_cases"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 1, "only the case registered above");
    let r = upload(format!("\u{feff}{header}\r\n{good}\r\n")).await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.text().await.expect("body").contains("已导入 1 件"));
    let (masked_facts,): (String,) = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT masked_facts FROM penalty_cases WHERE decision_no = '沪城管罚〔2026〕101号'"
    )
    .fetch_one(p)
    .await)
    .expect("row");
    assert_eq!(masked_facts, "在门前占道经营，法定代表人王某某");
    let r = upload(format!("{header}\n{good}\n")).await;
    assert!(
        r.text().await.expect("body").contains("已登记"),
        "a re-import is refused row by row"
    );
}

async fn retention_expiry_and_suspended_numbers(b: Backend) {
    let app = spawn(b).await;
    let id = case(&app, "沪黄城管罚〔2026〕7号").await;
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE penalty_cases SET state = 'published', published_on = $1, retention_until = $2, masked_facts = 'x' WHERE id = $3"
    )
    .bind(chrono::NaiveDate::from_ymd_opt(2026, 3, 3))
    .bind(chrono::NaiveDate::from_ymd_opt(2026, 6, 3))
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("publish");
    assert_eq!(
        app.get(&format!("/enforcement/penalties/{id}"))
            .await
            .status()
            .as_u16(),
        200
    );
    gongkai::penalty::daily(&app.state).await.expect("daily");
    assert_eq!(
        app.get(&format!("/enforcement/penalties/{id}"))
            .await
            .status()
            .as_u16(),
        404,
        "off the portal after its period"
    );
    let c = store::get(&app.db, id)
        .await
        .expect("kept in the back office");
    assert_eq!(c.state.code(), "expired");

    app.user("enf", &[Role::Enforcer]).await;
    app.login_ok("enf").await;
    let r = app
        .post(
            "/admin/numbers",
            &[
                ("unit_id", &app.root_unit.to_string()),
                ("number", "13812345678"),
                ("on", "2026-05-06"),
                ("reason", "张贴非法小广告"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            "/admin/numbers",
            &[
                ("unit_id", &app.root_unit.to_string()),
                ("number", "123"),
                ("on", "2026-05-06"),
                ("reason", "x"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let (_, html) = app.get_text("/enforcement/suspended-numbers").await;
    assert!(html.contains("138****5678") && !html.contains("13812345678"));
    let nid: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM suspended_numbers"
    )
    .fetch_one(p)
    .await)
    .expect("id");
    let r = app
        .post(
            &format!("/admin/numbers/{nid}/lift"),
            &[("on", "2026-05-01"), ("reason", "当事人已整改")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 409, "lifted before it was suspended");
    let r = app
        .post(
            &format!("/admin/numbers/{nid}/lift"),
            &[("on", "2026-06-01"), ("reason", "当事人已整改")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.get_text("/enforcement/suspended-numbers").await;
    assert!(html.contains("已于2026-06-01恢复（当事人已整改）"));
}

async fn penalty_api_registers_a_masked_pending_case(b: Backend) {
    let app = spawn(b).await;
    app.user("api_enf", &[Role::Enforcer]).await;
    let token = crate::foi::api_token(&app, "api_enf").await;
    let mut body: serde_json::Map<String, serde_json::Value> = form("沪城管罚〔2026〕API1号")
        .into_iter()
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
        .collect();
    body.insert(
        "unit_id".into(),
        serde_json::Value::String(app.root_unit.to_string()),
    );
    let c = reqwest::Client::new();
    let r = c
        .post(app.url("/api/v1/penalties"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 201);
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["state"], "pending");
    assert_eq!(v["masked_party"], "李某某");
    assert_eq!(v["maskings"], 4);
    let r = c
        .post(app.url("/api/v1/penalties"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 422, "the same 决定书文号 twice");
    let r = c
        .post(app.url("/api/v1/penalties"))
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 401);
    // Pending cases are not public.
    let v: serde_json::Value = c
        .get(app.url("/api/v1/penalties"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(v["total"], 0);
}

/// Confirm the masking of a registered case and publish it for 90 days.
pub async fn confirm_and_publish(app: &crate::common::TestApp, id: i64) {
    use gongkai::penalty::model::PenaltyState;
    use gongkai::penalty::service;
    use gongkai::penalty::store::{self, Change};
    let actor = gongkai::audit::Actor::cli();
    let c = store::get(&app.db, id).await.expect("case");
    service::change(
        &app.db,
        &c,
        PenaltyState::Pending,
        Change::Confirm {
            party: c.masked_party.clone(),
            facts: c.masked_facts.clone(),
            text: c.masked_text.clone(),
            by: None,
        },
        gongkai::penalty::PenaltyAction::Confirm,
        "确认".into(),
        &actor,
    )
    .await
    .expect("confirm");
    let c = store::get(&app.db, id).await.expect("case");
    let today = gongkai::clock::today();
    service::change(
        &app.db,
        &c,
        PenaltyState::Confirmed,
        Change::Publish {
            on: today,
            until: today + chrono::Duration::days(90),
        },
        gongkai::penalty::PenaltyAction::Publish,
        "公开".into(),
        &actor,
    )
    .await
    .expect("publish");
}

/// The demo cases (penalty/demo.rs) carry a birth date, a home address, a half-masked
/// identity number and a neighbour's name in their source text: the public pages and
/// the API show none of it.
async fn demo_cases_publish_no_birth_date_or_home_address(b: Backend) {
    let app = spawn(b).await;
    gongkai::penalty::demo::seed(&app.db, app.root_unit, Default::default())
        .await
        .expect("demo");
    let leaks = [
        "1985年3月12日",
        "19850312",
        "518弄",
        "12号302室",
        "13800001111",
        "演示人员甲",
        "钱多多",
    ];
    let list = app.get_json("/api/v1/penalties").await;
    let items = list["items"].as_array().cloned().unwrap_or_default();
    assert_eq!(items.len(), 3, "{list}");
    let mut pages = vec![
        app.get_text("/enforcement/penalties").await.1,
        list.to_string(),
    ];
    for it in &items {
        let id = it["id"].as_i64().expect("id");
        pages.push(
            app.get_json(&format!("/api/v1/penalties/{id}"))
                .await
                .to_string(),
        );
        let (status, html) = app.get_text(&format!("/enforcement/penalties/{id}")).await;
        assert_eq!(status, 200);
        pages.push(html);
    }
    for page in &pages {
        for leak in leaks {
            assert!(!page.contains(leak), "“{leak}” published: {page}");
        }
    }
    // The natural person's case is there, masked: road kept, birth date and number gone.
    let all = pages.join("\n");
    assert!(all.contains("福州路***"), "{all}");
    assert!(all.contains("****年**月**日"), "{all}");
    assert!(all.contains("310101************"), "{all}");
    assert!(all.contains("王建国"), "the officer stays: {all}");
}

/// The comparison page marks every masking in both columns with its kind; what the
/// reviewer adds by hand is masked everywhere, remembered for the case and audited
/// (without the personal text), and never reaches the public page.
async fn reviewer_sees_each_masking_and_adds_a_missed_one(b: Backend) {
    let app = spawn(b).await;
    app.user("rev", &[Role::Enforcer]).await;
    app.login_ok("rev").await;
    let id = case(&app, "黄城管罚〔2026〕77号").await;
    let (_, html) = app.get_text(&format!("/admin/penalties/{id}")).await;
    assert!(html.contains("<mark title=\"自然人姓名\">张三"), "{html}");
    assert!(html.contains("<mark title=\"自然人姓名\">张某某"), "{html}");
    assert!(
        html.contains("<mark title=\"电话号码\">138********"),
        "{html}"
    );
    assert!(html.contains("补充遮蔽的文字"));
    // A text the automatic masking misses (a nickname, a stall number).
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE penalty_cases SET facts = facts || '摊位由大刀哥看管，雨棚编号A-17。' WHERE id = $1"
    )
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("facts");
    let path = format!("/admin/penalties/{id}/mask");
    let r = app.post(&path, &[("extra", "原文里没有")]).await;
    assert_eq!(r.status().as_u16(), 422);
    let r = app.post(&path, &[("extra", "大刀哥")]).await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app.post(&path, &[("extra", "A-17")]).await;
    assert_eq!(r.status().as_u16(), 303);
    let c = store::get(&app.db, id).await.expect("case");
    assert!(
        !c.masked_facts.contains("大刀哥") && !c.masked_facts.contains("A-17"),
        "{}",
        c.masked_facts
    );
    // A byname with no surname keeps none of its letters (大刀哥 → 某某).
    assert!(
        c.masked_facts.contains("摊位由某某看管") && c.masked_facts.contains("编号***"),
        "{}",
        c.masked_facts
    );
    assert!(!c.masked_facts.contains("13812345678") && c.masked_facts.contains("张某某"));
    let summaries: Vec<String> = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT summary FROM audit_log WHERE action = 'penalty.mask_add'"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(summaries.len(), 2, "{summaries:?}");
    assert!(
        summaries
            .iter()
            .all(|s| !s.contains("大刀哥") && s.contains("77号"))
    );
    let (_, html) = app
        .get_text(&format!("/admin/penalties/{id}?msg=masked"))
        .await;
    assert!(html.contains("本案人工补充 2 项"), "{html}");
    confirm_and_publish(&app, id).await;
    let r = app.post(&path, &[("extra", "张三")]).await;
    assert_eq!(r.status().as_u16(), 409, "only a case under review");
    let (_, public) = app.get_text(&format!("/enforcement/penalties/{id}")).await;
    assert!(
        !public.contains("大刀哥") && public.contains("摊位由某某看管"),
        "{public}"
    );
}
