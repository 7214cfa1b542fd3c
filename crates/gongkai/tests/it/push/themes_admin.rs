//! The theme editor (集成式发布): a publisher creates a theme, adds, edits and
//! removes measures with every field, each step audited; the public page follows.

use gongkai::auth::roles::Role;
use gongkai::with_db;

use super::tagged_policy;
use crate::both;
use crate::common::{Backend, location, spawn};

both!(themes_and_measures_are_edited_in_the_back_office);

async fn themes_and_measures_are_edited_in_the_back_office(b: Backend) {
    let app = spawn(b).await;
    let basis = tagged_policy(
        &app,
        "关于食品生产许可告知承诺的规定",
        &[("theme", "food_production")],
    )
    .await;
    app.user("editor", &[Role::Publisher]).await;
    app.login_ok("editor").await;

    // A bad slug is refused with the typed values kept.
    let r = app
        .post(
            "/admin/push/themes",
            &[
                ("title", "食品生产单位营商政策措施集成"),
                ("slug", "Food Pro"),
                ("intro", "集中发布"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("网址名为小写英文字母") && html.contains("食品生产单位营商政策措施集成"));
    let r = app
        .post(
            "/admin/push/themes",
            &[
                ("title", "食品生产单位营商政策措施集成"),
                ("slug", "food-2027"),
                ("intro", "集中发布"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let theme_url = location(&r).replace("?msg=saved", "");
    let theme: i64 = theme_url
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    // Not public yet.
    let (status, _) = app.get_text("/themes/food-2027").await;
    assert_eq!(status, 404);
    // The same slug twice is refused.
    let r = app
        .post(
            "/admin/push/themes",
            &[("title", "另一个"), ("slug", "food-2027")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);

    // A measure with every field; a basis that does not exist is refused.
    let mut fields = vec![
        ("title", "食品生产许可告知承诺制"),
        ("gives", "符合条件的当场发放食品生产许可证"),
        ("conditions", "申请人书面承诺符合许可条件"),
        ("how_to_apply", "一网通办在线申请；材料：承诺书；1个工作日"),
        ("contact", "12345"),
        ("basis_document_id", "999999"),
        ("basis_article", "第十条"),
        ("valid_until", "2099-12-31"),
        ("seq", "1"),
        ("industries", "14"),
        ("district", "310115"),
        ("scale", "small"),
        ("scale", "micro"),
        ("theme", "food_production"),
    ];
    let r = app
        .post(&format!("/admin/push/themes/{theme}/measures"), &fields)
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("依据文件 #999999 不存在") && html.contains("一网通办在线申请"));
    let basis_s = basis.to_string();
    fields[5].1 = &basis_s;
    let r = app
        .post(&format!("/admin/push/themes/{theme}/measures"), &fields)
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let measure: i64 = location(&r)
        .trim_end_matches("?msg=saved")
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("measure id");
    let (status, html) = app
        .get_text(&format!("/admin/push/measures/{measure}"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("2099-12-31") && html.contains("value=\"310115\" checked"));

    // Published: the page shows it, and the profile filter applies its tags.
    let r = app
        .post(
            &format!("/admin/push/themes/{theme}"),
            &[
                ("title", "食品生产单位营商政策措施集成"),
                ("slug", "food-2027"),
                ("intro", "集中发布"),
                ("published", "on"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (status, html) = app.get_text("/themes/food-2027").await;
    assert_eq!(status, 200);
    assert!(html.contains("食品生产许可告知承诺制") && html.contains("第十条"));
    let (_, html) = app
        .get_text("/themes/food-2027?division=14&district=310104&scale=small")
        .await;
    assert!(!html.contains("食品生产许可告知承诺制"), "徐汇 is not 浦东");

    // Edit: the new title shows; a bad date is refused with the values kept.
    fields[0].1 = "食品生产许可告知承诺制（2027版）";
    let r = app
        .post(&format!("/admin/push/measures/{measure}"), &fields)
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let mut bad = fields.clone();
    bad[7].1 = "2099/12/31";
    let r = app
        .post(&format!("/admin/push/measures/{measure}"), &bad)
        .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("（2027版）"));
    let (_, html) = app
        .get_text("/themes/food-2027?division=14&district=310115&scale=micro")
        .await;
    assert!(html.contains("食品生产许可告知承诺制（2027版）"));

    // Remove.
    let r = app
        .post(&format!("/admin/push/measures/{measure}/delete"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.get_text("/themes/food-2027").await;
    assert!(!html.contains("告知承诺制"));
    let tags: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM push_tags WHERE object_type = 'measure' AND object_id = $1"
    )
    .bind(measure)
    .fetch_one(p)
    .await)
    .expect("tags");
    assert_eq!(tags, 0, "its tags go with it");
    let audit: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'push.%' AND action <> 'push.tags' ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(
        audit,
        [
            "push.theme",
            "push.measure",
            "push.theme",
            "push.measure",
            "push.measure_delete"
        ]
    );
    // Reviewers (no publishing permission) cannot edit themes.
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    let (status, _) = app.get_text("/admin/push/themes").await;
    assert_eq!(status, 403);
}
