//! 年度报告 per organ on both backends: the bureau and a 区局 each get their own
//! tables (penalties, FOI cases, training sessions of their own units only), their
//! own drafts and documents; a 区局's staff see only their 区局's report; a saved
//! 总体情况 whose figures went stale is flagged and refreshed on request.

use gongkai::annual::report;
use gongkai::auth::roles::Role;
use gongkai::with_db;

use crate::annual::organ;
use crate::both;
use crate::common::{Backend, TestApp, spawn};

both!(annual_reports_are_per_organ_and_figures_refresh);

async fn penalty_at(app: &TestApp, no: &str, unit: i64) {
    let id = crate::penalty::case(app, no).await;
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE penalty_cases SET decided_on = $1, unit_id = $2 WHERE id = $3"
    )
    .bind(chrono::NaiveDate::from_ymd_opt(2025, 4, 1).expect("date"))
    .bind(unit)
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("penalty");
}

async fn foi_case_at(app: &TestApp, unit: i64) {
    let id = crate::foi::case(app, "2025-03-01").await;
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE foi_cases SET unit_id = $1 WHERE id = $2"
    )
    .bind(unit)
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("case");
}

async fn penalties(app: &TestApp, unit: i64) -> (i64, i64) {
    let c = report::compute(&app.state, 2025, &organ(app, unit).await)
        .await
        .expect("compute");
    (c.two.penalties, c.three.new[6])
}

async fn annual_reports_are_per_organ_and_figures_refresh(b: Backend) {
    let app = spawn(b).await;
    let root = app.root_unit;
    let district = app.unit("测试区城管执法局", Some(root)).await;
    app.user("ao_city", &[Role::FoiHandler]).await;
    app.user_in("ao_district", &[Role::FoiHandler], district)
        .await;
    penalty_at(&app, "市局罚〔2025〕1号", root).await;
    penalty_at(&app, "区局罚〔2025〕1号", district).await;
    penalty_at(&app, "区局罚〔2025〕2号", district).await;
    foi_case_at(&app, district).await;
    assert_eq!(penalties(&app, root).await, (1, 0), "the bureau's own");
    assert_eq!(penalties(&app, district).await, (2, 1), "the 区局's own");

    // The bureau's staff choose between the two reports.
    app.login_ok("ao_city").await;
    let (status, page) = app.get_text("/admin/annual?year=2025").await;
    assert_eq!(status, 200);
    assert!(page.contains("作出行政处罚决定1件"), "bureau figures");
    assert!(
        page.contains(&format!("<option value=\"{district}\"")),
        "organ select"
    );
    let (status, page) = app
        .get_text(&format!("/admin/annual?year=2025&organ={district}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("测试区城管执法局2025年政府信息公开工作年度报告"));
    assert!(page.contains("作出行政处罚决定2件") && page.contains("新收政府信息公开申请1件"));
    let (_, recs) = app
        .get_text(&format!(
            "/admin/annual/records?year=2025&organ={district}&table=two&line=penalties"
        ))
        .await;
    assert!(recs.contains("计入的记录（2）") && recs.contains("区局罚〔2025〕2号"));
    assert!(
        !recs.contains("市局罚"),
        "no bureau records in the 区局's drill-down"
    );

    // The 区局's draft is its own.
    let c = report::compute(&app.state, 2025, &organ(&app, district).await)
        .await
        .expect("compute");
    let first = report::default_draft(&c);
    let keep = "本局另开展了执法公示专项检查。";
    let overview = format!("{}\n{keep}", report::figures_sentence(&c));
    let district_s = district.to_string();
    let fields = |action: &'static str, overview: String| {
        vec![
            ("year", "2025".to_string()),
            ("organ", district_s.clone()),
            ("overview", overview),
            ("problems", first.problems.clone()),
            ("other_matters", first.other_matters.clone()),
            ("licences", "0".into()),
            ("coercions", "0".into()),
            ("fees_yuan", "0".into()),
            ("action", action.into()),
        ]
    };
    let post = |v: Vec<(&'static str, String)>| {
        let app = &app;
        async move {
            let v: Vec<(&str, &str)> = v.iter().map(|(k, x)| (*k, x.as_str())).collect();
            app.post("/admin/annual/draft", &v).await
        }
    };
    let r = post(fields("save", overview.clone())).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    assert!(
        gongkai::annual::store::draft(&app.db, 2025, root)
            .await
            .expect("q")
            .is_none(),
        "the bureau has no draft"
    );
    let saved = gongkai::annual::store::draft(&app.db, 2025, district)
        .await
        .expect("q")
        .expect("district draft");
    assert!(saved.overview.contains("作出行政处罚决定2件"));
    let (_, page) = app
        .get_text(&format!("/admin/annual?year=2025&organ={district}"))
        .await;
    assert!(!page.contains("id=\"figures-stale\""), "figures current");

    // A decision recorded after the draft: flagged, then refreshed on request.
    penalty_at(&app, "区局罚〔2025〕3号", district).await;
    let (_, page) = app
        .get_text(&format!("/admin/annual?year=2025&organ={district}"))
        .await;
    assert!(
        page.contains("id=\"figures-stale\""),
        "stale figures flagged"
    );
    let r = post(fields("refresh", saved.overview.clone())).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let saved = gongkai::annual::store::draft(&app.db, 2025, district)
        .await
        .expect("q")
        .expect("district draft");
    assert!(
        saved.overview.contains("作出行政处罚决定3件"),
        "{}",
        saved.overview
    );
    assert!(saved.overview.ends_with(keep), "the staff's text kept");
    let (_, page) = app
        .get_text(&format!("/admin/annual?year=2025&organ={district}"))
        .await;
    assert!(!page.contains("id=\"figures-stale\""));

    // The 区局's staff: their report by default, never the bureau's.
    app.login_ok("ao_district").await;
    let (status, page) = app.get_text("/admin/annual?year=2025").await;
    assert_eq!(status, 200);
    assert!(page.contains("测试区城管执法局2025年"));
    for path in [
        format!("/admin/annual?year=2025&organ={root}"),
        format!("/admin/annual/records?year=2025&organ={root}&table=two&line=penalties"),
        format!("/admin/annual/report.pdf?year=2025&organ={root}"),
        format!("/admin/annual/preview?year=2025&organ={root}"),
    ] {
        assert_eq!(app.get(&path).await.status(), 404, "{path}");
    }
    let r = app
        .post(
            "/admin/annual/draft",
            &[
                ("year", "2025"),
                ("organ", &root.to_string()),
                ("overview", "x"),
            ],
        )
        .await;
    assert_eq!(r.status(), 404, "no draft for another organ");

    // Training sessions count in their organ's report; another organ is refused.
    let session = |unit: String| {
        vec![
            ("held_on", "2025-05-06".to_string()),
            ("topic", "区局信息公开培训".into()),
            ("audience", "区局各中队".into()),
            ("attendance", "18".into()),
            ("organiser", "区局办公室".into()),
            ("unit_id", unit),
        ]
    };
    let v = session(root.to_string());
    let v: Vec<(&str, &str)> = v.iter().map(|(k, x)| (*k, x.as_str())).collect();
    let r = app.post("/admin/trainings/new", &v).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.expect("text").contains("请选择所属机关"));
    let v = session(String::new());
    let v: Vec<(&str, &str)> = v.iter().map(|(k, x)| (*k, x.as_str())).collect();
    let r = app.post("/admin/trainings/new", &v).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let count = |unit: i64| {
        let app = &app;
        async move {
            report::compute(&app.state, 2025, &organ(app, unit).await)
                .await
                .expect("compute")
                .training
                .sessions
        }
    };
    assert_eq!(count(district).await, 1);
    assert_eq!(count(root).await, 0);
}
