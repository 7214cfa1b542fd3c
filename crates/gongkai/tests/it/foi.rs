//! 依申请公开 over HTTP, on both backends.

mod intake;

use gongkai::auth::roles::Role;
use gongkai::foi::clock::Event;
use gongkai::foi::input::NewCase;
use gongkai::foi::model::{ApplicantKind, Channel, DeliveryForm, DeliveryMethod, IdKind};

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};

fn new_case(app: &TestApp, on: &str, kind: ApplicantKind, id_number: &str) -> NewCase {
    NewCase {
        unit_id: app.root_unit,
        channel: Channel::InPerson,
        applicant_kind: kind,
        applicant_name: "李四".into(),
        id_kind: if kind.is_natural() {
            IdKind::IdCard
        } else {
            IdKind::CreditCode
        },
        id_number: id_number.into(),
        legal_rep: String::new(),
        contact_name: String::new(),
        phone: "13800000000".into(),
        email: String::new(),
        address: "上海市某区某路1号".into(),
        postcode: String::new(),
        info_title: String::new(),
        info_doc_no: String::new(),
        info_description: "2025年占道经营整治处罚决定".into(),
        purpose: String::new(),
        delivery_form: DeliveryForm::Paper,
        delivery_method: DeliveryMethod::Post,
        arrived_on: chrono::NaiveDate::parse_from_str(on, "%Y-%m-%d").expect("date"),
    }
}

/// A case handed in at the counter of the root unit on `on`.
pub async fn case(app: &TestApp, on: &str) -> i64 {
    let c = new_case(app, on, ApplicantKind::Natural, "11010519491231002X");
    gongkai::foi::case_service::create(&app.db, &c, None, &gongkai::audit::Actor::cli())
        .await
        .expect("case")
        .id
}

/// A PDF sent with the case, stored as the portal stores it.
pub async fn case_file(app: &TestApp, case_id: i64) -> i64 {
    let bytes = b"%PDF-1.4 identity card scan";
    let sha = gongkai::docs::attachments::write_blob(&app.state.settings.files_dir(), bytes)
        .await
        .expect("blob");
    let case = gongkai::foi::store::get(&app.db, case_id)
        .await
        .expect("case");
    gongkai::foi::case_service::add_file(
        &app.db,
        &case,
        "身份证.pdf",
        "application/pdf",
        bytes.len(),
        &sha,
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("file");
    gongkai::foi::store::files(&app.db, case_id)
        .await
        .expect("files")[0]
        .id
}

pub fn valid_form(unit: &str) -> Vec<(&'static str, String)> {
    vec![
        ("unit_id", unit.to_string()),
        ("applicant_kind", "natural".into()),
        ("applicant_name", "王小明".into()),
        ("id_kind", "id_card".into()),
        ("id_number", "11010519491231002X".into()),
        ("phone", "13912345678".into()),
        ("email", "wxm@example.cn".into()),
        ("info_description", "2025年本区渣土运输车辆备案名单".into()),
        ("delivery_form", "email".into()),
        ("delivery_method", "email".into()),
    ]
}

both!(
    portal_application_receipt_and_progress,
    staff_run_a_case_and_the_rules_refuse_what_the_law_does_not_allow,
    api_submit_follow_and_handle,
    table_three_for_a_generated_year,
    daily_job_raises_reminders_once_and_erases_personal_data_after_retention,
);

async fn daily_job_raises_reminders_once_and_erases_personal_data_after_retention(b: Backend) {
    let app = spawn(b).await;
    let overdue = case(&app, "2026-03-02").await;
    gongkai::foi::daily(&app.state).await.expect("daily");
    gongkai::foi::daily(&app.state).await.expect("daily again");
    let kinds: Vec<(i64, String)> = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT case_id, kind FROM foi_reminders"
    )
    .fetch_all(p)
    .await)
    .expect("reminders");
    assert_eq!(
        kinds,
        vec![(overdue, "overdue".to_string())],
        "one reminder, not two"
    );

    // An archived case concluded 11 years ago (retention 10 years by default).
    let old = case(&app, "2026-03-02").await;
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE foi_cases SET status = 'archived', concluded_on = $1 WHERE id = $2"
    )
    .bind(chrono::NaiveDate::from_ymd_opt(2015, 5, 1))
    .bind(old)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("age it");
    gongkai::foi::daily(&app.state).await.expect("daily");
    let erased = gongkai::foi::store::get(&app.db, old).await.expect("case");
    assert!(erased.anonymised);
    assert_eq!(erased.id_number, "");
    assert_eq!(erased.phone, "");
    assert!(erased.received_on.is_some(), "statistics kept");
    let kept = gongkai::foi::store::get(&app.db, overdue)
        .await
        .expect("case");
    assert_eq!(
        kept.id_number, "11010519491231002X",
        "open cases keep their data"
    );
}

async fn portal_application_receipt_and_progress(b: Backend) {
    let app = spawn(b).await;
    let unit = app.root_unit.to_string();
    // Bad identity number: refused in Chinese, nothing lost.
    let mut form = valid_form(&unit);
    form[4].1 = "110105194912310021".into();
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post("/ysqgk/apply", &fields).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("身份证号校验码不正确"));
    assert!(
        html.contains("2025年本区渣土运输车辆备案名单"),
        "description kept"
    );

    let mut form = valid_form(&unit);
    form.push(("idempotency_key", "key-abc-123".into()));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post("/ysqgk/apply", &fields).await;
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.expect("body");
    let no = between(&html, "<dd id=\"receipt-no\">", "<");
    let code = between(&html, "<dd id=\"query-code\">", "<");
    assert!(no.starts_with("YSQ"), "{no}");
    assert_eq!(code.len(), 8);
    // A double-click sends the same key: the same case, not a second one.
    let r = app.post("/ysqgk/apply", &fields).await;
    let again = r.text().await.expect("body");
    assert!(again.contains(&no));
    assert!(again.contains("没有重复登记"));
    let n: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM foi_cases"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 1);

    let (s, html) = app
        .get_text(&format!("/ysqgk/progress?no={no}&code={code}"))
        .await;
    assert_eq!(s, 200);
    assert!(html.contains("待确认收到"));
    assert!(
        !html.contains("王小明")
            && !html.contains("11010519491231002X")
            && !html.contains("13912345678"),
        "no personal data on the portal"
    );
    let (_, html) = app
        .get_text(&format!("/ysqgk/progress?no={no}&code=WRONG123"))
        .await;
    assert!(html.contains("申请编号或查询码不正确"));
    // Papers for an open application, with the number and code.
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let app = &app;
        let (no, code) = (no.clone(), code.clone());
        async move {
            let csrf = app.csrf().await;
            let form = reqwest::multipart::Form::new()
                .text("no", no)
                .text("code", code)
                .part(
                    "file",
                    reqwest::multipart::Part::bytes(bytes).file_name(name),
                );
            app.client
                .post(app.url("/ysqgk/attachments"))
                .header("x-csrf-token", csrf.as_str())
                .multipart(form)
                .send()
                .await
                .expect("upload")
        }
    };
    let r = upload("身份证.pdf", b"%PDF-1.4 scan".to_vec()).await;
    assert_eq!(r.status().as_u16(), 303);
    assert!(location(&r).contains("msg=uploaded"));
    let r = upload("run.exe", b"MZ\x90\x00".to_vec()).await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("只能上传 PDF 或 PNG、JPEG 图片")
    );
    let r = upload(
        "big.pdf",
        [b"%PDF-1.4".to_vec(), vec![b'x'; 11 * 1024 * 1024]].concat(),
    )
    .await;
    assert!(
        matches!(r.status().as_u16(), 413 | 422),
        "oversized: {}",
        r.status()
    );
    let (_, html) = app
        .get_text(&format!("/ysqgk/progress?no={no}&code={code}"))
        .await;
    assert!(html.contains("已上传材料 1 份"));

    // The audit entry of the submission names no person.
    let (summary,): (String,) = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT summary FROM audit_log WHERE action = 'foi.create'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert!(!summary.contains("王小明"));
}

async fn staff_run_a_case_and_the_rules_refuse_what_the_law_does_not_allow(b: Backend) {
    let app = spawn(b).await;
    let district = app.unit("某区城管执法局", Some(app.root_unit)).await;
    app.user("handler", &[Role::FoiHandler]).await;
    app.user_in("other_handler", &[Role::FoiHandler], district)
        .await;
    app.user("boss", &[Role::Admin]).await;
    let id = case(&app, "2026-03-02").await;

    // The FOI roles of the handling unit and the organ's administrators (read
    // only) see the applicant; a handler of another unit does not.
    for (who, status) in [("other_handler", 403), ("boss", 200)] {
        let (c, _, _) = app.client_login(who, crate::common::PASSWORD).await;
        let r = c
            .get(app.url(&format!("/admin/foi/{id}")))
            .send()
            .await
            .expect("get");
        assert_eq!(r.status().as_u16(), status, "{who}");
    }
    app.login_ok("handler").await;
    let (s, html) = app.get_text(&format!("/admin/foi/{id}")).await;
    assert_eq!(s, 200);
    assert!(html.contains("11010519491231002X"));
    assert!(
        html.contains("自2026-03-02起20个工作日；截止2026-03-30"),
        "the arithmetic is shown"
    );

    let ev = |fields: Vec<(&'static str, &'static str)>| fields;
    let post = |fields: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move { app.post(&format!("/admin/foi/{id}/events"), &fields).await }
    };
    // Out of order and future dates are refused with the reason.
    let r = post(ev(vec![
        ("kind", "replied"),
        ("on", "2026-03-01"),
        ("outcome", "provided"),
    ]))
    .await;
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.text().await.expect("body").contains("时间顺序"));
    let r = post(ev(vec![
        ("kind", "mailed"),
        ("on", "2026-03-03"),
        ("tracking", "EA1"),
    ]))
    .await;
    assert!(r.text().await.expect("body").contains("不能登记寄出"));

    let r = post(ev(vec![
        ("kind", "consultation_started"),
        ("on", "2026-03-10"),
        ("party", "third_party"),
        ("name", "某某餐饮有限公司"),
    ]))
    .await;
    assert_eq!(
        r.status().as_u16(),
        303,
        "{}",
        r.text().await.unwrap_or_default()
    );
    let r = post(ev(vec![
        ("kind", "consultation_answered"),
        ("on", "2026-03-18"),
        ("consultation", "2"),
        ("opinion", "同意"),
    ]))
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = post(ev(vec![
        ("kind", "extension_approved"),
        ("on", "2026-04-01"),
        ("approver", "办公室主任王某"),
        ("days", "20"),
        ("notified_on", "2026-04-02"),
        ("reason", "需要调取档案"),
    ]))
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = post(ev(vec![
        ("kind", "extension_approved"),
        ("on", "2026-04-03"),
        ("approver", "王某"),
        ("days", "5"),
        ("notified_on", "2026-04-03"),
    ]))
    .await;
    assert!(r.text().await.expect("body").contains("只能延长一次"));
    let (_, html) = app.get_text(&format!("/admin/foi/{id}")).await;
    assert!(html.contains("征求第三方（某某餐饮有限公司）意见暂停7个工作日（2026-03-10至2026-03-18）；经办公室主任王某批准延期20个工作日；截止2026-05-11"), "{html}");

    // Letters as Word and PDF with the case details.
    let r = app
        .get(&format!("/admin/foi/{id}/letters/extension.docx"))
        .await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .expect("ct")
            .contains("wordprocessingml")
    );
    let bytes = r.bytes().await.expect("bytes");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("zip");
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").expect("part"), &mut doc)
        .expect("read");
    assert!(
        doc.contains("李四") && doc.contains("需要调取档案") && doc.contains("2026年5月11日"),
        "{doc}"
    );
    let r = app
        .get(&format!("/admin/foi/{id}/letters/extension.pdf"))
        .await;
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let pdf = r.bytes().await.expect("pdf");
    assert!(pdf.starts_with(b"%PDF-1.7"));

    let r = post(ev(vec![
        ("kind", "replied"),
        ("on", "2026-04-20"),
        ("outcome", "withheld"),
    ]))
    .await;
    assert!(r.text().await.expect("body").contains("须选择法定理由"));
    let r = post(ev(vec![
        ("kind", "replied"),
        ("on", "2026-04-20"),
        ("outcome", "partial"),
        ("ground", "third_party"),
        ("note", "涉及个人隐私部分不予公开"),
    ]))
    .await;
    assert_eq!(r.status().as_u16(), 303);
    for fields in [
        vec![
            ("kind", "mailed"),
            ("on", "2026-04-21"),
            ("tracking", "EA123456789CN"),
        ],
        vec![("kind", "delivered"), ("on", "2026-04-23")],
        vec![("kind", "closed"), ("on", "2026-04-24")],
    ] {
        let r = post(fields).await;
        assert_eq!(r.status().as_u16(), 303);
    }
    let r = post(ev(vec![
        ("kind", "replied"),
        ("on", "2026-04-25"),
        ("outcome", "provided"),
    ]))
    .await;
    assert!(r.text().await.expect("body").contains("只读"));
    let audited: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE object_type = 'foi_case' AND action = 'foi.extension_approved'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(audited, 1, "every event is audited");

    // Registering a letter application through the form.
    let mut form = valid_form(&app.root_unit.to_string());
    form.push(("channel", "ordinary_letter".into()));
    form.push(("arrived_on", "2099-01-01".into()));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post("/admin/foi/new", &fields).await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("收件日期不能晚于今天")
    );
    let mut form = valid_form(&app.root_unit.to_string());
    form.push(("channel", "ordinary_letter".into()));
    form.push(("arrived_on", "2026-03-02".into()));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post("/admin/foi/new", &fields).await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.get_text(&location(&r)).await;
    assert!(html.contains("待确认收到") && html.contains("以本机关与申请人确认之日为收到申请之日"));
    let (_, list) = app.get_text("/admin/foi").await;
    assert!(list.contains("待确认收到（1）"));
}

async fn api_submit_follow_and_handle(b: Backend) {
    let app = spawn(b).await;
    let c = reqwest::Client::new();
    let body = serde_json::json!({
        "unit_id": app.root_unit.to_string(),
        "applicant_kind": "commercial",
        "applicant_name": "某某科技有限公司",
        "id_kind": "credit_code",
        "id_number": "91350100M000100Y43",
        "legal_rep": "赵某",
        "phone": "021-5555 6666",
        "info_description": "本公司2025年被处罚的执法案卷目录",
        "delivery_form": "paper",
        "delivery_method": "in_person"
    });
    let send = || {
        c.post(app.url("/api/v1/foi/applications"))
            .header("Idempotency-Key", "retry-1")
            .json(&body)
            .send()
    };
    let r = send().await.expect("post");
    assert_eq!(r.status().as_u16(), 201);
    let first: serde_json::Value = r.json().await.expect("json");
    let r = send().await.expect("retry");
    assert_eq!(r.status().as_u16(), 200);
    let second: serde_json::Value = r.json().await.expect("json");
    assert_eq!(first["receipt_no"], second["receipt_no"]);

    let mut bad = body.clone();
    bad["id_number"] = "91350100M000100Y44".into();
    let r = c
        .post(app.url("/api/v1/foi/applications"))
        .json(&bad)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 422);
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(
        v["error"]["fields"]["id_number"],
        "统一社会信用代码校验码不正确，请核对"
    );

    let no = first["receipt_no"].as_str().expect("no");
    let code = first["query_code"].as_str().expect("code");
    let v: serde_json::Value = c
        .get(app.url(&format!("/api/v1/foi/applications/{no}?code={code}")))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(v["status"], "awaiting_confirmation");
    assert!(!v.to_string().contains("某某科技"), "no personal data");

    // Staff operations with a bearer token of a 依申请办理人.
    app.user("api_handler", &[Role::FoiHandler]).await;
    let token = api_token(&app, "api_handler").await;
    let id: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM foi_cases WHERE receipt_no = $1"
    )
    .bind(no)
    .fetch_one(p)
    .await)
    .expect("id");
    let today = gongkai::clock::today().to_string();
    let r = c
        .post(app.url(&format!("/api/v1/foi/cases/{id}/events")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"kind": "receipt_confirmed", "on": today}))
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 200);
    let v: serde_json::Value = r.json().await.expect("json");
    assert_eq!(v["status"], "in_progress");
    assert!(
        v["deadline"]["explanation"]
            .as_str()
            .expect("expl")
            .starts_with(&format!("自{today}起20个工作日"))
    );
    let r = c
        .post(app.url(&format!("/api/v1/foi/cases/{id}/events")))
        .bearer_auth(&token)
        .json(&serde_json::json!({"kind": "receipt_confirmed", "on": today}))
        .send()
        .await
        .expect("post");
    assert_eq!(
        r.status().as_u16(),
        400,
        "a second confirmation is out of order"
    );
    // The rest of the case through the API, all on today's date.
    let steps = [
        serde_json::json!({"kind": "correction_requested", "on": today, "items": "请写明案卷年份", "period_days": 10}),
        serde_json::json!({"kind": "correction_received", "on": today}),
        serde_json::json!({"kind": "consultation_started", "on": today, "party": "agency", "name": "市市场监管局"}),
        serde_json::json!({"kind": "consultation_answered", "on": today, "consultation": 5, "objects": false}),
        serde_json::json!({"kind": "extension_approved", "on": today, "approver": "王某", "days": 10, "notified_on": today}),
        serde_json::json!({"kind": "fee_notice_issued", "on": today, "method": "pages", "pages": 150}),
        serde_json::json!({"kind": "fee_paid", "on": today}),
        serde_json::json!({"kind": "replied", "on": today, "outcome": "withheld", "ground": "enforcement_file"}),
        serde_json::json!({"kind": "mailed", "on": today, "tracking": "EA000000001CN"}),
        serde_json::json!({"kind": "delivered", "on": today}),
        serde_json::json!({"kind": "closed", "on": today}),
    ];
    let mut last = serde_json::Value::Null;
    for step in steps {
        let r = c
            .post(app.url(&format!("/api/v1/foi/cases/{id}/events")))
            .bearer_auth(&token)
            .json(&step)
            .send()
            .await
            .expect("post");
        let status = r.status().as_u16();
        last = r.json().await.expect("json");
        assert_eq!(status, 200, "{step}: {last}");
    }
    assert_eq!(last["status"], "closed");
    assert_eq!(last["outcome"], "withheld:enforcement_file");
    let events = last["events"].as_array().expect("events");
    assert_eq!(events.len(), 13);
    let fee = events
        .iter()
        .find(|e| e["kind"] == "fee_notice_issued")
        .expect("fee");
    assert!(
        fee["detail"]
            .as_str()
            .expect("detail")
            .starts_with("1700元"),
        "fee computed by the server: {fee}"
    );
    let r = c
        .get(app.url("/api/v1/foi/cases"))
        .send()
        .await
        .expect("get");
    assert_eq!(r.status().as_u16(), 401);
    let v: serde_json::Value = c
        .get(app.url("/api/v1/foi/cases"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(v["total"], 1);
    let spec: serde_json::Value = c
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    for p in [
        "/api/v1/foi/applications",
        "/api/v1/foi/cases/{id}/events",
        "/api/v1/workdays/{year}",
        "/api/v1/workdays/add",
        "/api/v1/foi/report/{year}",
    ] {
        assert!(spec["paths"][p].is_object(), "{p} documented");
    }
}

/// A seeded generator, so that a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

async fn table_three_for_a_generated_year(b: Backend) {
    use gongkai::foi::model::{Outcome, Row};
    let app = spawn(b).await;
    let cal = gongkai::workdays::calendar(&app.state);
    let actor = gongkai::audit::Actor::cli();
    let mut rng = Lcg(20260301);
    let year = 2025;
    // Expected counts, computed from what is generated: (column, line) → n.
    let mut expect: std::collections::HashMap<(usize, String), i64> = Default::default();
    let outcomes: Vec<Outcome> = Outcome::replies().collect();
    let kinds = ApplicantKind::ALL;
    for i in 0..300u64 {
        let k = kinds[rng.next(6) as usize];
        let col = gongkai::foi::report::column(k);
        // Received between 2024-11-01 and 2025-12-31.
        let start = chrono::NaiveDate::from_ymd_opt(2024, 11, 1).expect("date")
            + chrono::Duration::days(rng.next(426) as i64);
        let id_number = if k.is_natural() {
            gongkai::ids::id_card_with_check(&format!("310101199001{:05}", i % 100_000))
                .expect("id")
        } else {
            gongkai::ids::credit_code_with_check(&format!("91310000{:09}", i)).expect("code")
        };
        let mut nc = new_case(&app, &start.to_string(), k, &id_number);
        nc.info_description = format!("第{i}号申请的信息");
        let created = gongkai::foi::case_service::create(&app.db, &nc, None, &actor)
            .await
            .expect("case");
        let row = gongkai::foi::store::get(&app.db, created.id)
            .await
            .expect("row");
        let received_in_year = start.format("%Y").to_string() == "2025";
        if received_in_year {
            *expect.entry((col, "new".into())).or_default() += 1;
        }
        // Reply after 1–30 days, or leave open (1 in 6).
        if rng.next(6) == 0 {
            if start.format("%Y").to_string() == "2024" {
                *expect.entry((col, "in".into())).or_default() += 1;
            }
            *expect.entry((col, "out".into())).or_default() += 1;
            continue;
        }
        let reply_on = cal
            .add_workdays(start, 1 + rng.next(20) as u32)
            .expect("date");
        let outcome = outcomes[rng.next(outcomes.len() as u64) as usize];
        let ground = if outcome.needs_ground() {
            Some(gongkai::foi::model::Ground::ALL[rng.next(8) as usize])
        } else {
            None
        };
        let today = gongkai::clock::today();
        let reply_on = reply_on.min(today);
        gongkai::foi::case_service::append(
            &app.db,
            &cal,
            &row,
            reply_on,
            Event::Replied {
                outcome: outcome.code().into(),
                ground: ground.map(|g| g.code().into()),
                note: String::new(),
            },
            &actor,
        )
        .await
        .expect("reply");
        let open_at_start =
            start.format("%Y").to_string() == "2024" && reply_on.format("%Y").to_string() == "2025";
        if open_at_start {
            *expect.entry((col, "in".into())).or_default() += 1;
        }
        if received_in_year && reply_on.format("%Y").to_string() == "2026" {
            *expect.entry((col, "out".into())).or_default() += 1;
        }
        if reply_on.format("%Y").to_string() == "2025" {
            let r: Row = outcome.row(ground);
            *expect.entry((col, format!("{r:?}"))).or_default() += 1;
            *expect.entry((col, "total".into())).or_default() += 1;
        }
    }
    app.user("reporter", &[Role::FoiHandler]).await;
    let token = api_token(&app, "reporter").await;
    let v: serde_json::Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/foi/report/{year}")))
        .bearer_auth(&token)
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(
        v["violations"].as_array().expect("v").len(),
        0,
        "invariant holds: {v}"
    );
    let get = |col: usize, key: &str| *expect.get(&(col, key.to_string())).unwrap_or(&0);
    for col in 0..6 {
        assert_eq!(v["new"][col], get(col, "new"), "new col {col}");
        assert_eq!(v["carried_in"][col], get(col, "in"), "carried in col {col}");
        assert_eq!(v["total"][col], get(col, "total"), "total col {col}");
        assert_eq!(
            v["carried_out"][col],
            get(col, "out"),
            "carried out col {col}"
        );
    }
    let rows = Row::all();
    for (i, line) in v["results"].as_array().expect("results").iter().enumerate() {
        let row = rows[i];
        for col in 0..6 {
            assert_eq!(
                line[1][col],
                get(col, &format!("{row:?}")),
                "{row:?} col {col}"
            );
        }
    }
    let total_new: i64 = (0..6).map(|c| get(c, "new")).sum();
    assert!(
        total_new > 200,
        "a realistic year: {total_new} new applications"
    );
    // The page and the .xlsx export show the same table.
    app.login_ok("reporter").await;
    let (s, html) = app
        .get_text(&format!("/admin/foi/report?year={year}"))
        .await;
    assert_eq!(s, 200);
    assert!(html.contains("校验通过"));
    let r = app
        .get(&format!("/admin/foi/report.xlsx?year={year}"))
        .await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.bytes().await.expect("xlsx").starts_with(b"PK"));
}

pub fn between(s: &str, start: &str, end: &str) -> String {
    let i = s.find(start).map(|i| i + start.len()).unwrap_or(0);
    let rest = &s[i..];
    rest[..rest.find(end).unwrap_or(rest.len())].to_string()
}

/// An API token for `username`, issued by an administrator in the back office.
pub async fn api_token(app: &TestApp, username: &str) -> String {
    if gongkai::auth::store::find_by_username(&app.db, "tok_admin")
        .await
        .expect("user")
        .is_none()
    {
        app.user("tok_admin", &[Role::Admin]).await;
    }
    let (c, csrf, _) = app.client_login("tok_admin", crate::common::PASSWORD).await;
    let r = c
        .post(app.url("/admin/tokens"))
        .form(&[
            ("name", "依申请接口"),
            ("username", username),
            ("csrf_token", csrf.as_str()),
        ])
        .send()
        .await
        .expect("post");
    let html = r.text().await.expect("body");
    between(&html, "id=\"new-token\">", "<")
}
