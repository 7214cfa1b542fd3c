//! Several 处罚种类 per decision (警告 and 罚款, 罚款 and 没收…): the form, the
//! checks, and what the portal, the API and the export show.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, location, spawn};

both!(several_kinds_from_form_to_portal_api_and_export);

async fn several_kinds_from_form_to_portal_api_and_export(b: Backend) {
    let app = spawn(b).await;
    app.user("enf_a", &[Role::Enforcer]).await;
    app.login_ok("enf_a").await;
    let (_, page) = app.get_text("/admin/penalties/new").await;
    assert!(
        page.contains("<legend>处罚种类（必填，可多选")
            && page.contains("type=\"checkbox\" name=\"penalty_kind\" value=\"warning\""),
        "checkboxes, one per kind"
    );
    let unit = app.root_unit.to_string();
    let base: Vec<(&str, String)> = crate::penalty::form("沪徐城管罚〔2026〕21号")
        .into_iter()
        .filter(|(k, _)| *k != "penalty_kind" && *k != "fine")
        .chain([("unit_id", unit)])
        .collect();
    let app = &app;
    let base = &base;
    let post = |kinds: &[&'static str], fine: &'static str| {
        let mut f: Vec<(&str, &str)> = base.iter().map(|(k, v)| (*k, v.as_str())).collect();
        f.extend(kinds.iter().map(|k| ("penalty_kind", *k)));
        f.push(("fine", fine));
        async move { app.post("/admin/penalties/new", &f).await }
    };
    // 罚款 needs an amount; an amount needs 罚款; at least one kind.
    for (kinds, fine, why) in [
        (
            &["warning", "fine"][..],
            "",
            "处罚种类含罚款的，请填写罚款金额",
        ),
        (&["warning"][..], "2000", "请在处罚种类中选择“罚款”"),
        (&[][..], "", "请至少选择一种处罚种类"),
        (
            &["suspension", "revocation"][..],
            "",
            "暂扣许可证件与吊销许可证件不能同时适用",
        ),
    ] {
        let r = post(kinds, fine).await;
        assert_eq!(r.status().as_u16(), 422, "{kinds:?}");
        let html = r.text().await.expect("body");
        assert!(html.contains(why), "{why}: {html}");
        // The kinds checked stay checked.
        for k in kinds {
            assert!(html.contains(&format!("value=\"{k}\" checked")), "{k} kept");
        }
    }
    let r = post(&["fine", "warning"], "2000").await;
    assert_eq!(r.status().as_u16(), 303);
    let path = location(&r);
    let id: i64 = path
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let (_, show) = app.get_text(&path).await;
    assert!(show.contains("警告；罚款："), "{show}");
    crate::penalty::confirm_and_publish(app, id).await;
    let (_, public) = app.get_text(&format!("/enforcement/penalties/{id}")).await;
    assert!(public.contains("<dd>警告；罚款</dd>"), "{public}");
    let json = app.get_json(&format!("/api/v1/penalties/{id}")).await;
    assert_eq!(json["penalty_kinds"], serde_json::json!(["警告", "罚款"]));
    assert_eq!(json["penalty_kind"], "警告；罚款");
    let bytes = app
        .get("/enforcement/penalties.xlsx")
        .await
        .bytes()
        .await
        .expect("xlsx");
    let rows = gongkai::table::read_xlsx(&bytes).expect("rows");
    let col = rows[0]
        .iter()
        .position(|h| h == "处罚种类")
        .expect("column");
    assert_eq!(rows[1][col], "警告；罚款");
}
