//! 培训记录 over HTTP on both backends: record, change and delete sessions (each
//! audited, bad input re-shown with the values kept), the .xlsx export, and the
//! annual report drafted from the year's sessions, with a warning for a year
//! without any.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};

both!(training_records_feed_the_annual_report);

/// A session of this year written straight to the database (for the route walk).
pub async fn fixture(app: &TestApp) -> i64 {
    let t = gongkai::training::model::TrainingInput {
        held_on: gongkai::clock::today(),
        topic: "路由测试培训".into(),
        audience: "联络员".into(),
        attendance: 3,
        organiser: "办公室".into(),
        note: String::new(),
        unit_id: None,
    };
    let mut tx = app.db.begin().await.expect("tx");
    let id = gongkai::training::store::insert(&mut tx, &t, None)
        .await
        .expect("insert");
    tx.commit().await.expect("commit");
    id
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    gongkai::with_db!(&app.db, |p| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_log WHERE action = $1"
    )
    .bind(action)
    .fetch_one(p)
    .await)
    .expect("count")
}

async fn training_records_feed_the_annual_report(b: Backend) {
    let app = spawn(b).await;
    app.user("tr_foi", &[Role::FoiHandler]).await;
    app.login_ok("tr_foi").await;
    let year = 2025;

    // A year without sessions: the list and the annual report warn.
    let (status, html) = app.get_text(&format!("/admin/trainings?year={year}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"training-warning\""));
    let (status, html) = app.get_text(&format!("/admin/annual?year={year}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"training-warning\"") && html.contains("每年应至少组织一次培训"));
    assert!(html.contains("2025年未组织政府信息公开工作培训。"));

    // Bad input: refused in Chinese, values kept, nothing saved.
    let r = app
        .post(
            "/admin/trainings/new",
            &[
                ("held_on", "2025-13-01"),
                ("topic", "条例解读"),
                ("audience", "联络员"),
                ("attendance", "很多"),
                ("organiser", "办公室"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("请填写培训日期") && html.contains("参训人数应为"));
    assert!(html.contains("value=\"条例解读\""));
    assert_eq!(audit_count(&app, "training.create").await, 0);

    // Two sessions recorded, one changed.
    let mut ids = Vec::new();
    for (day, topic, n) in [
        ("2025-03-02", "新修订条例解读", "35"),
        ("2025-09-10", "依申请公开办理实务", "20"),
    ] {
        let r = app
            .post(
                "/admin/trainings/new",
                &[
                    ("held_on", day),
                    ("topic", topic),
                    ("audience", "各处室信息公开联络员"),
                    ("attendance", n),
                    ("organiser", "办公室"),
                ],
            )
            .await;
        assert_eq!(r.status().as_u16(), 303);
        assert_eq!(location(&r), "/admin/trainings?year=2025&msg=created");
        let id: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
            "SELECT MAX(id) FROM trainings"
        )
        .fetch_one(p)
        .await)
        .expect("id");
        ids.push(id);
    }
    let (status, form) = app.get_text(&format!("/admin/trainings/{}", ids[1])).await;
    assert_eq!(status, 200);
    assert!(form.contains("value=\"依申请公开办理实务\""));
    let r = app
        .post(
            &format!("/admin/trainings/{}", ids[1]),
            &[
                ("held_on", "2025-09-10"),
                ("topic", "依申请公开办理实务"),
                ("audience", "各处室信息公开联络员"),
                ("attendance", "25"),
                ("organiser", "办公室"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.get_text(&format!("/admin/trainings?year={year}")).await;
    assert!(!html.contains("id=\"training-warning\""));
    assert!(html.contains("共培训 2 次，参训 60 人次"), "{html}");
    assert_eq!(html.matches("class=\"training\"").count(), 2);

    // The annual report: drafted from the sessions, no warning, drill-down.
    let (_, html) = app.get_text(&format!("/admin/annual?year={year}")).await;
    assert!(!html.contains("id=\"training-warning\""));
    assert!(
        html.contains(
            "2025年组织政府信息公开工作培训2次，参训60人次，主题包括“新修订条例解读”、“依申请公开办理实务”。"
        ),
        "the draft carries the figures"
    );
    let (status, rec) = app
        .get_text(&format!(
            "/admin/annual/records?year={year}&table=training&line=all"
        ))
        .await;
    assert_eq!(status, 200);
    for id in &ids {
        assert!(rec.contains(&format!("/admin/trainings/{id}")));
    }

    // .xlsx
    let r = app
        .get(&format!("/admin/trainings/export.xlsx?year={year}"))
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let bytes = r.bytes().await.expect("bytes");
    assert!(bytes.starts_with(b"PK"), "an .xlsx (zip) file");

    // Delete one; audited like the others.
    let r = app
        .post(&format!("/admin/trainings/{}/delete", ids[0]), &[])
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.get_text(&format!("/admin/trainings?year={year}")).await;
    assert!(html.contains("共培训 1 次，参训 25 人次"));
    assert_eq!(audit_count(&app, "training.create").await, 2);
    assert_eq!(audit_count(&app, "training.update").await, 1);
    assert_eq!(audit_count(&app, "training.delete").await, 1);
    app.post("/admin/logout", &[]).await;

    // Readers of the report without the FOI handler's permission may not record.
    app.user("tr_pub", &[Role::Publisher]).await;
    app.login_ok("tr_pub").await;
    assert_eq!(app.get("/admin/trainings/new").await.status().as_u16(), 403);
}
