//! User and unit management, with unit scoping.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, location, spawn};

both!(
    create_user_validates_and_shows_password_once,
    edit_roles_and_disable,
    scoped_admin_sees_only_their_units,
    units_tree_and_validation,
    cannot_lock_yourself_out,
    user_list_is_paginated,
    back_office_pages_past_the_end_are_404
);

async fn back_office_pages_past_the_end_are_404(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    app.login_ok("root").await;
    for list in ["/admin/users", "/admin/audit", "/admin/jobs", "/admin/docs"] {
        assert_eq!(app.get(list).await.status().as_u16(), 200, "{list}");
        let past = format!("{list}?page=99");
        assert_eq!(app.get(&past).await.status().as_u16(), 404, "{past}");
    }
}

async fn create_user_validates_and_shows_password_once(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    app.login_ok("root").await;
    let (status, html) = app.get_text("/admin/users/new").await;
    assert_eq!(status, 200);
    assert!(html.contains("<label for=\"display_name\">姓名</label>"));
    let unit = app.root_unit.to_string();
    // Bad input keeps what was typed and names each problem.
    let r = app
        .post(
            "/admin/users/new",
            &[
                ("username", "a b"),
                ("display_name", "王五"),
                ("unit_id", &unit),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("用户名应为") && html.contains("请至少选择一个角色"));
    assert!(
        html.contains("value=\"王五\"") && html.contains("value=\"a b\""),
        "typed values kept"
    );
    assert_eq!(
        gongkai::auth::store::count_users(&app.db)
            .await
            .expect("count"),
        1,
        "nothing written"
    );

    let r = app
        .post(
            "/admin/users/new",
            &[
                ("username", "wangwu"),
                ("display_name", "王五"),
                ("unit_id", &unit),
                ("roles", "publisher"),
                ("roles", "reviewer"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.expect("body");
    let pw = html
        .split("id=\"one-time-password\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("password")
        .to_string();
    assert!(gongkai::auth::password::check_policy(&pw, "wangwu").is_ok());
    let grants = gongkai::auth::store::grants(&app.db, 2)
        .await
        .expect("grants");
    assert_eq!(grants.len(), 2, "two roles in one unit");
    // Duplicate username.
    let r = app
        .post(
            "/admin/users/new",
            &[
                ("username", "wangwu"),
                ("display_name", "王五"),
                ("unit_id", &unit),
                ("roles", "publisher"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("该用户名已被使用"));
    // The new user logs in with the one-time password and must change it.
    let (_, _, r) = app.client_login("wangwu", &pw).await;
    assert_eq!(location(&r), "/admin/password");
    let audit: Vec<String> = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT summary FROM audit_log WHERE action = 'user.create'"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(audit.len(), 1);
    assert!(
        audit[0].contains("wangwu") && audit[0].contains("信息发布员"),
        "{}",
        audit[0]
    );
    assert!(!audit[0].contains(&pw), "the password is never logged");
}

async fn edit_roles_and_disable(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    let target = app.user("zhao", &[Role::Publisher]).await;
    let unit = app.root_unit.to_string();
    // zhao is signed in elsewhere.
    let (zc, _, _) = app.client_login("zhao", crate::common::PASSWORD).await;
    assert_eq!(
        zc.get(app.url("/admin"))
            .send()
            .await
            .expect("get")
            .status()
            .as_u16(),
        200
    );

    app.login_ok("root").await;
    let path = format!("/admin/users/{target}");
    let r = app
        .post(
            &path,
            &[
                ("display_name", "赵六"),
                ("unit_id", &unit),
                ("roles", "reviewer"),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.get_text(&format!("{path}?saved=1")).await;
    assert!(html.contains("已保存") && html.contains("value=\"赵六\""));
    let g = gongkai::auth::store::grants(&app.db, target)
        .await
        .expect("grants");
    assert_eq!(
        g.iter().map(|g| g.role).collect::<Vec<_>>(),
        vec![Role::Reviewer]
    );
    // Disable: their session ends.
    let r = app
        .post(
            &path,
            &[
                ("display_name", "赵六"),
                ("unit_id", &unit),
                ("roles", "reviewer"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        zc.get(app.url("/admin"))
            .send()
            .await
            .expect("get")
            .status()
            .as_u16(),
        303
    );
    let summary: String = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT summary FROM audit_log WHERE action = 'user.disable'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert!(
        summary.contains("\"before\"") && summary.contains("\"after\""),
        "{summary}"
    );
    assert_eq!(app.get("/admin/users/99999").await.status().as_u16(), 404);
}

async fn scoped_admin_sees_only_their_units(b: Backend) {
    let app = spawn(b).await;
    let huangpu = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    let xuhui = app.unit("徐汇区城管执法局", Some(app.root_unit)).await;
    app.user_in("hp_admin", &[Role::Admin], huangpu).await;
    let hp_staff = app.user_in("hp_staff", &[Role::Enforcer], huangpu).await;
    let xh_staff = app.user_in("xh_staff", &[Role::Enforcer], xuhui).await;
    app.login_ok("hp_admin").await;
    let (_, html) = app.get_text("/admin/users").await;
    assert!(
        html.contains("hp_staff") && !html.contains("xh_staff"),
        "list is scoped"
    );
    assert_eq!(
        app.get(&format!("/admin/users/{hp_staff}"))
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        app.get(&format!("/admin/users/{xh_staff}"))
            .await
            .status()
            .as_u16(),
        403
    );
    let r = app
        .post(&format!("/admin/users/{xh_staff}/reset-password"), &[])
        .await;
    assert_eq!(r.status().as_u16(), 403);
    // May not create users in another unit.
    let r = app
        .post(
            "/admin/users/new",
            &[
                ("username", "sneaky"),
                ("display_name", "x"),
                ("unit_id", &xuhui.to_string()),
                ("roles", "admin"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    // Units outside scope are not editable.
    assert_eq!(
        app.get(&format!("/admin/units/{xuhui}"))
            .await
            .status()
            .as_u16(),
        403
    );
    assert_eq!(
        app.get(&format!("/admin/units/{huangpu}"))
            .await
            .status()
            .as_u16(),
        200
    );
}

async fn units_tree_and_validation(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    app.login_ok("root").await;
    let root = app.root_unit.to_string();
    let r = app
        .post(
            "/admin/units/new",
            &[
                ("name", "法制处"),
                ("kind", "city_dept"),
                ("parent_id", &root),
                ("sort_order", "10"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let id: i64 = location(&r)
        .trim_start_matches("/admin/units/")
        .split('?')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let r = app
        .post(
            "/admin/units/new",
            &[
                ("name", "一队"),
                ("kind", "corps"),
                ("parent_id", &id.to_string()),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let child: i64 = location(&r)
        .trim_start_matches("/admin/units/")
        .split('?')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    // Duplicate name, bad sort order, missing kind.
    let r = app
        .post(
            "/admin/units/new",
            &[
                ("name", "法制处"),
                ("kind", "city_dept"),
                ("parent_id", &root),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("已有同名机构"));
    let r = app
        .post(
            "/admin/units/new",
            &[("name", "新处"), ("kind", ""), ("sort_order", "abc")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(
        html.contains("请选择机构类型")
            && html.contains("排序号应为整数")
            && html.contains("value=\"新处\"")
    );
    // A unit cannot move below its own child.
    let r = app
        .post(
            &format!("/admin/units/{id}"),
            &[
                ("name", "法制处"),
                ("kind", "city_dept"),
                ("parent_id", &child.to_string()),
                ("active", "on"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("不能是本机构或其下级")
    );
    let (_, html) = app.get_text("/admin/units").await;
    let a = html.find("法制处").expect("parent listed");
    let c = html.find("一队").expect("child listed");
    assert!(a < c, "tree order");
    assert!(html.contains("class=\"depth-2\""));
}

async fn cannot_lock_yourself_out(b: Backend) {
    let app = spawn(b).await;
    let me = app.user("root", &[Role::Admin]).await;
    app.login_ok("root").await;
    let unit = app.root_unit.to_string();
    let r = app
        .post(
            &format!("/admin/users/{me}"),
            &[
                ("display_name", "root"),
                ("unit_id", &unit),
                ("roles", "publisher"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.expect("body");
    assert!(html.contains("不能停用自己的账号") && html.contains("不能移除自己的系统管理员角色"));
}

async fn user_list_is_paginated(b: Backend) {
    let app = spawn(b).await;
    app.user("root", &[Role::Admin]).await;
    let hash = gongkai::auth::password::hash("x-Long-password-1".into())
        .await
        .expect("hash");
    let mut tx = app.db.begin().await.expect("tx");
    for i in 0..45 {
        let id = gongkai::auth::store::create_user(
            &mut tx,
            &format!("bulk{i:02}"),
            "批量",
            &hash,
            false,
        )
        .await
        .expect("user");
        gongkai::auth::store::set_grants(
            &mut tx,
            id,
            &[gongkai::auth::roles::Grant {
                unit_id: app.root_unit,
                role: Role::Publisher,
            }],
        )
        .await
        .expect("grant");
    }
    tx.commit().await.expect("commit");
    app.login_ok("root").await;
    let (_, p1) = app.get_text("/admin/users").await;
    assert!(
        p1.contains("第 1 / 3 页，共 46 条") && p1.contains("rel=\"next\""),
        "pager"
    );
    let (_, p3) = app.get_text("/admin/users?page=3").await;
    assert!(p3.contains("bulk44") && !p3.contains("bulk00"));
}
