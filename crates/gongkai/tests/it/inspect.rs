//! 双随机、一公开 end to end over HTTP on both backends: directories imported, item and
//! plan, commit (commitment public, seed secret), reveal, public verification,
//! results with statistics; impossible draws refused before anything is published.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};

pub async fn upload(
    app: &TestApp,
    path: &str,
    name: &str,
    csv: String,
    unit: Option<i64>,
) -> reqwest::Response {
    let csrf = app.csrf().await;
    let mut form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(csv.into_bytes()).file_name(name.to_string()),
    );
    if let Some(u) = unit {
        form = form.text("unit_id", u.to_string());
    }
    app.client
        .post(app.url(path))
        .header("x-csrf-token", csrf.as_str())
        .multipart(form)
        .send()
        .await
        .expect("upload")
}

pub fn entities_csv(n: usize) -> String {
    let mut s = String::from("名称,统一社会信用代码,类型,区,地址,风险等级,投诉次数,处罚次数\n");
    for i in 0..n {
        let code =
            gongkai::ids::credit_code_with_check(&format!("91310000{:09}", i)).expect("code");
        let district = ["黄浦区", "徐汇区"][i % 2];
        s.push_str(&format!(
            "演示商户{i},{code},餐饮,{district},某路{i}号,{},{},0\n",
            if i % 5 == 0 { "高" } else { "一般" },
            i % 7 / 6
        ));
    }
    s
}

pub fn inspectors_csv(n: usize) -> String {
    let mut s = String::from("姓名,执法证号,区,执法领域,利益冲突对象,在岗\n");
    for i in 0..n {
        let district = ["黄浦区", "徐汇区", "长宁区"][i % 3];
        s.push_str(&format!("检查员{i},3100{i:04},{district},市容,,是\n"));
    }
    s
}

both!(random_inspection_from_directories_to_verified_results);

async fn random_inspection_from_directories_to_verified_results(b: Backend) {
    let app = spawn(b).await;
    app.user("insp", &[Role::Enforcer]).await;
    app.login_ok("insp").await;
    // A bad row: nothing imported, the row named.
    let mut bad = entities_csv(3);
    bad.push_str("坏数据,91310000000000000X,餐饮,黄浦区,,特高,x,0\n");
    let r = upload(&app, "/admin/inspect/entities/import", "e.csv", bad, None).await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("第 5 行") && html.contains("风险等级“特高”"),
        "{html}"
    );
    let r = upload(
        &app,
        "/admin/inspect/entities/import",
        "e.csv",
        entities_csv(40),
        None,
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = upload(
        &app,
        "/admin/inspect/inspectors/import",
        "i.csv",
        inspectors_csv(2),
        Some(app.root_unit),
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            "/admin/inspect/items",
            &[
                ("name", "占道经营检查"),
                ("basis", "《上海市市容环境卫生管理条例》"),
                ("subject_type", "餐饮"),
                ("method", "现场检查"),
                ("frequency", "每年一次"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            "/admin/inspect/plans",
            &[
                ("year", "2026"),
                ("item_id", "1"),
                ("ratio_permille", "100"),
                ("high_risk_factor", "2"),
                ("per_entity", "2"),
                ("exclude_own", "on"),
                ("strata", "district"),
                ("required_strata", "黄浦区,徐汇区"),
                ("schedule", "第四季度"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    // Two inspectors, own district excluded: too few for 黄浦区 entities — refused, nothing published.
    let r = app.post("/admin/inspect/plans/1/commit", BEACON).await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("可派的执法人员只有 1 名")
    );
    let draws: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM inspect_draws"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(draws, 0);

    let r = upload(
        &app,
        "/admin/inspect/inspectors/import",
        "i.csv",
        inspectors_csv(9),
        Some(app.root_unit),
    )
    .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app.post("/admin/inspect/plans/1/commit", BEACON).await;
    assert_eq!(r.status().as_u16(), 303);
    let draw_path = location(&r);
    let id: i64 = draw_path
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    // Before the draw: the commitment is public, the seed is not.
    let (seed, commitment): (String, String) = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT seed, commitment FROM inspect_draws WHERE id = $1"
    )
    .bind(id)
    .fetch_one(p)
    .await)
    .expect("draw");
    let (_, public) = app
        .get_text(&format!("/enforcement/random/draws/{id}"))
        .await;
    assert!(public.contains(&commitment) && !public.contains(&seed));
    let early = app
        .get(&format!("/enforcement/random/draws/{id}/record.json"))
        .await
        .text()
        .await
        .expect("json");
    assert!(early.contains(&commitment) && !early.contains(&seed));

    let r = app
        .post(&format!("/admin/inspect/draws/{id}/reveal"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 422, "the beacon's value is required");
    let r = app
        .post(&format!("/admin/inspect/draws/{id}/reveal"), BEACON_VALUE)
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(&format!("/admin/inspect/draws/{id}/reveal"), BEACON_VALUE)
        .await;
    assert_eq!(r.status().as_u16(), 409, "a drawn record never changes");
    let record = app
        .get(&format!("/enforcement/random/draws/{id}/record.json"))
        .await
        .text()
        .await
        .expect("json");
    let rec: draw::Record = serde_json::from_str(&record).expect("record");
    let api: draw::Record = app
        .get(&format!("/api/v1/draws/{id}"))
        .await
        .json()
        .await
        .expect("api");
    assert_eq!(api, rec);
    assert_eq!(draw::verify(&rec), Ok(()));
    assert_eq!(rec.seed, seed);
    // The beacon named at commitment is in the hashed input; its value, entered at the
    // draw, is recorded and mixed into the seed (the stored secret alone does not give it).
    assert_eq!(rec.input.params.beacon.as_deref(), Some(BEACON[0].1));
    assert_eq!(rec.beacon_value.as_deref(), Some(BEACON_VALUE[0].1));
    let secret = draw::parse_seed(&seed).expect("seed");
    assert_ne!(
        draw::run(&rec.input, &secret).ok(),
        Some(rec.result.clone())
    );
    let (_, page) = app
        .get_text(&format!("/enforcement/random/draws/{id}"))
        .await;
    assert!(page.contains(BEACON[0].1) && page.contains(BEACON_VALUE[0].1));
    // 20 entities per district, 10 %, high-risk (every 5th, plus complaint records) doubled.
    assert!(rec.result.len() >= 4, "{:?}", rec.result);
    for a in &rec.result {
        assert_eq!(a.inspectors.len(), 2);
    }

    // Anyone verifies on the portal.
    let (c, csrf, _) = {
        let (client, _jar) = app.other_client();
        let page = client
            .get(app.url("/enforcement/random/verify"))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body");
        let csrf = page
            .split("name=\"csrf_token\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("csrf")
            .to_string();
        (client, csrf, ())
    };
    let verdict = c
        .post(app.url("/enforcement/random/verify"))
        .form(&[("record", record.as_str()), ("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("post")
        .text()
        .await
        .expect("body");
    assert!(verdict.contains("验证通过"), "{verdict}");
    let mut tampered = rec.clone();
    tampered.result.swap(0, 1);
    let tampered = serde_json::to_string(&tampered).expect("json");
    let verdict = c
        .post(app.url("/enforcement/random/verify"))
        .form(&[("record", tampered.as_str()), ("csrf_token", csrf.as_str())])
        .send()
        .await
        .expect("post")
        .text()
        .await
        .expect("body");
    assert!(
        verdict.contains("验证失败") && verdict.contains("不一致"),
        "{verdict}"
    );

    // Results, published with the statistics.
    let first = rec.result[0].entity.clone();
    let r = app
        .post(
            &format!("/admin/inspect/draws/{id}/results"),
            &[
                ("credit_code", first.as_str()),
                ("outcome", "rectify"),
                ("inspected_on", "2026-11-20"),
                ("note", "门前堆物，已责令整改"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            &format!("/admin/inspect/draws/{id}/results"),
            &[
                ("credit_code", "913100000000000999"),
                ("outcome", "ok"),
                ("inspected_on", "2026-11-20"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422, "only drawn entities");
    let (_, results) = app.get_text("/enforcement/random/results").await;
    assert!(
        results.contains(&first)
            && results.contains("发现问题已责令整改")
            && results.contains("门前堆物")
    );
    let (_, portal) = app.get_text("/enforcement/random").await;
    assert!(portal.contains("检查员3（执法证号 31000003）") && portal.contains("占道经营检查"));
    let audited: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE 'inspect.%'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(
        audited, 8,
        "entities, inspectors ×2, item, plan, commit, draw, result"
    );
}

/// A committed draw (for the route walk).
pub async fn committed_draw(app: &TestApp) -> i64 {
    let actor = gongkai::audit::Actor::cli();
    let item = gongkai::inspect::store::ItemRow {
        id: 0,
        name: "路由测试事项".into(),
        basis: "依据".into(),
        subject_type: "全部".into(),
        method: "现场检查".into(),
        frequency: "每年一次".into(),
    };
    let item_id = gongkai::inspect::service::add_item(&app.db, &item, &actor)
        .await
        .expect("item");
    let plan = gongkai::inspect::store::PlanRow {
        id: 0,
        unit_id: Some(app.root_unit),
        year: 2026,
        item_id,
        ratio_permille: 100,
        high_risk_factor: 1,
        per_entity: 2,
        exclude_own: false,
        strata: "district".into(),
        required_strata: String::new(),
        schedule: String::new(),
    };
    let plan_id = gongkai::inspect::service::add_plan(&app.db, &plan, &actor)
        .await
        .expect("plan");
    let input = draw::Input {
        params: draw::Params {
            beacon: None,
            task: "t".into(),
            ratio_permille: 100,
            high_risk_factor: 1,
            per_entity: 2,
            exclude_own_district: false,
            required_strata: vec![],
        },
        entities: vec![draw::Entity {
            id: "a".into(),
            stratum: "s".into(),
            district: "d".into(),
            high_risk: false,
        }],
        inspectors: vec![],
        previous: Default::default(),
    };
    gongkai::inspect::service::commit_draw(&app.db, plan_id, &input, &[7u8; 32], &actor)
        .await
        .expect("draw")
}

const BEACON: &[(&str, &str)] = &[("beacon", "中国福利彩票双色球 第2027015期开奖号码")];
const BEACON_VALUE: &[(&str, &str)] = &[("beacon_value", "03 09 14 22 27 31 + 05")];
