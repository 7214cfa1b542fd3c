//! 发文机构 is the issuing organ (the bureau or a 区局), chosen from the units the
//! publisher may publish for; the editor's table hint renders as a table.

use gongkai::auth::roles::{Role, UnitKind};
use gongkai::auth::store as auth_store;
use gongkai::docs::model::DocState;
use gongkai::docs::store;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};

both!(
    publisher_of_a_department_issues_in_the_bureaus_name,
    old_department_issuers_take_their_organs_name,
    the_table_the_hint_shows_renders_as_a_table,
);

async fn department(app: &TestApp, name: &str, parent: i64) -> i64 {
    let mut tx = app.db.begin().await.expect("tx");
    let id = auth_store::create_unit(
        &mut tx,
        &auth_store::UnitInput {
            name,
            kind: UnitKind::CityDept,
            parent_id: Some(parent),
            code: None,
            sort_order: 0,
            active: true,
        },
    )
    .await
    .expect("unit");
    tx.commit().await.expect("commit");
    id
}

async fn publish(app: &TestApp, id: i64, rev: i64) {
    let mut tx = app.db.begin().await.expect("tx");
    store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
        .await
        .expect("t");
    store::publish(
        &mut tx,
        id,
        rev,
        gongkai::clock::now(),
        gongkai::clock::today(),
    )
    .await
    .expect("p");
    tx.commit().await.expect("commit");
}

fn options(html: &str) -> Vec<String> {
    let select = html
        .split("<select id=\"issuer_unit_id\"")
        .nth(1)
        .and_then(|s| s.split("</select>").next())
        .expect("issuer select");
    select
        .split("<option")
        .skip(1)
        .filter_map(|o| o.split('>').nth(1))
        .map(|l| l.trim_end_matches("</option").to_string())
        .collect()
}

async fn publisher_of_a_department_issues_in_the_bureaus_name(b: Backend) {
    let app = spawn(b).await;
    let office = department(&app, "办公室", app.root_unit).await;
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    app.user_in("pub", &[Role::Publisher], office).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    app.login_ok("pub").await;
    let (_, form) = app.get_text("/admin/docs/new").await;
    // The organ, not the department; the district bureau is outside the scope.
    assert_eq!(
        options(&form),
        ["上海市城市管理行政执法局", "外单位（在下方填写名称）"],
        "{form}"
    );
    let root = app.root_unit.to_string();
    let mut fields = crate::docs::doc_form(&root, "关于开展市容整治的通知");
    let r = app.post("/admin/docs/new", &fields).await;
    assert_eq!(r.status().as_u16(), 303);
    let id: i64 = location(&r)
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let doc = store::get(&app.db, id).await.expect("doc");
    assert_eq!(doc.issuer_name, "上海市城市管理行政执法局");
    assert_eq!(
        doc.issuer_unit_id,
        Some(office),
        "owned by the publisher's unit, so they still see and edit it"
    );
    assert_eq!(
        app.get(&format!("/admin/docs/{id}"))
            .await
            .status()
            .as_u16(),
        200
    );
    let (_, edit) = app.get_text(&format!("/admin/docs/{id}/edit")).await;
    assert!(
        edit.contains(&format!(
            "<option value=\"{root}\" selected>上海市城市管理行政执法局"
        )),
        "the organ shown as chosen when editing"
    );
    // A district bureau outside the scope is refused.
    let other = district.to_string();
    fields[1] = ("issuer_unit_id", other.as_str());
    let r = app.post("/admin/docs/new", &fields).await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(
        r.text()
            .await
            .expect("body")
            .contains("所选发文机构不在您的权限范围内")
    );
    // The portal and the export show the organ.
    publish(&app, id, rev).await;
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        page.contains("<th scope=\"row\">发文机构</th><td>上海市城市管理行政执法局</td>"),
        "{page}"
    );
    let bytes = app
        .get("/xxgk/proactive.xlsx")
        .await
        .bytes()
        .await
        .expect("xlsx");
    let rows = gongkai::table::read_xlsx(&bytes).expect("rows");
    let col = rows[0]
        .iter()
        .position(|h| h == "发文机构")
        .expect("issuer column");
    let row = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "关于开展市容整治的通知"))
        .expect("row");
    assert_eq!(row[col], "上海市城市管理行政执法局");
    assert!(
        !rows
            .iter()
            .any(|r| r.get(col).is_some_and(|c| c == "办公室"))
    );
}

async fn old_department_issuers_take_their_organs_name(b: Backend) {
    let app = spawn(b).await;
    let office = department(&app, "办公室", app.root_unit).await;
    let district = app.unit("黄浦区城管执法局", Some(app.root_unit)).await;
    let district_office = department(&app, "黄浦区局综合科", district).await;
    let a = crate::docs::draft(&app, "办公室名义的旧文件", false).await;
    let c = crate::docs::draft(&app, "区局科室名义的旧文件", false).await;
    let outside = crate::docs::draft(&app, "外单位文件", false).await;
    for (id, unit, name) in [
        (a, Some(office), "办公室"),
        (c, Some(district_office), "黄浦区局综合科"),
        (outside, None, "上海市人民政府"),
    ] {
        with_db!(&app.db, |p| sqlx::query(
            "UPDATE documents SET issuer_unit_id = $1, issuer_name = $2 WHERE id = $3"
        )
        .bind(unit)
        .bind(name)
        .bind(id)
        .execute(p)
        .await
        .map(|_| ()))
        .expect("old issuer");
    }
    // The data step of migration 0024, as shipped, run over the old rows.
    let file = include_str!("../../../migrations/sqlite/0024_issuer_organ_media_alt.sql");
    let step = file.split("-- The description").next().expect("data step");
    assert_eq!(
        step,
        include_str!("../../../migrations/postgres/0024_issuer_organ_media_alt.sql")
            .split("-- The description")
            .next()
            .expect("pg step"),
        "the same step on both backends"
    );
    with_db!(&app.db, |p| sqlx::query(step).execute(p).await.map(|_| ())).expect("step");
    let db = &app.db;
    let name = |id| async move { store::get(db, id).await.expect("doc").issuer_name };
    assert_eq!(name(a).await, "上海市城市管理行政执法局");
    assert_eq!(name(c).await, "黄浦区城管执法局");
    assert_eq!(
        name(outside).await,
        "上海市人民政府",
        "outside bodies untouched"
    );
    let unit = store::get(&app.db, a).await.expect("doc").issuer_unit_id;
    assert_eq!(unit, Some(office), "the owning unit is unchanged");
}

async fn the_table_the_hint_shows_renders_as_a_table(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    app.login_ok("pub").await;
    let (_, form) = app.get_text("/admin/docs/new").await;
    let hint = form
        .split("id=\"body-hint\">")
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .expect("hint");
    assert!(
        hint.contains("| 甲 | 乙 |") && hint.contains("第一行为表头"),
        "{hint}"
    );
    // Exactly what the hint shows, no `| --- |` line.
    let id = crate::docs::draft(&app, "带表格的通知", false).await;
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE documents SET body = $1 WHERE id = $2"
    )
    .bind("处罚情况如下：\n| 甲 | 乙 |\n| 警告 | 3 |\n以上。")
    .bind(id)
    .execute(p)
    .await
    .map(|_| ()))
    .expect("body");
    publish(&app, id, rev).await;
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        page.contains("<th>甲</th>") && page.contains("<td>警告</td>"),
        "{page}"
    );
    assert!(!page.contains("| 甲 |"), "no literal pipes");
}
