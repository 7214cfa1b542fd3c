//! Content checks before publication (网站巡检's 文号, date, wording and personal
//! data checks on a draft): the editor and the reviewer see the warnings, a clean
//! draft shows none, and the warnings never block publication.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};

use super::doc_form;

both!(reviewer_sees_content_warnings, clean_draft_shows_none);

/// The warnings listed on a page: the `data-kind` of each `content-check` item.
fn kinds(html: &str) -> Vec<String> {
    html.split("class=\"content-check\" data-kind=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_string))
        .collect()
}

async fn create(app: &TestApp, title: &str, body: &str) -> i64 {
    let unit = app.root_unit.to_string();
    let mut form = doc_form(&unit, title);
    form.retain(|(k, _)| *k != "body");
    form.push(("body", body));
    let r = app.post("/admin/docs/new", &form).await;
    assert_eq!(r.status().as_u16(), 303, "created");
    location(&r)
        .trim_start_matches("/admin/docs/")
        .parse()
        .expect("id")
}

async fn reviewer_sees_content_warnings(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.login_ok("pub").await;
    let id = create(
        &app,
        "关于做好夏季市容工作的通知",
        "依据沪城管规(2024)3号文件，请各单位做好按排。\n联系人手机13812345678。",
    )
    .await;
    // The editor sees them on the form and on the draft.
    let (status, form) = app.get_text(&format!("/admin/docs/{id}/edit")).await;
    assert_eq!(status, 200);
    assert_eq!(kinds(&form), ["doc_number", "wording", "personal_data"]);
    let (_, draft) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert_eq!(kinds(&draft), ["doc_number", "wording", "personal_data"]);
    // An interpretation with a listed wrong wording is checked too.
    let r = app
        .post(
            &format!("/admin/docs/{id}/interpretation"),
            &[
                ("title", "《关于做好夏季市容工作的通知》政策解读"),
                ("form", "text"),
                ("body", "本通知对各项工作作出按排。"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        app.post(&format!("/admin/docs/{id}/submit"), &[])
            .await
            .status()
            .as_u16(),
        303,
        "warnings do not block submitting"
    );
    app.post("/admin/logout", &[]).await;

    app.login_ok("rev").await;
    let (status, html) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(
        kinds(&html),
        ["doc_number", "wording", "personal_data", "wording"],
        "three on the document, one on the interpretation"
    );
    assert!(html.contains("内容检查提示（3 项）"));
    assert!(html.contains("文号格式不规范") && html.contains("沪城管规〔2024〕3号"));
    assert!(html.contains("“按排”应为“安排”"));
    assert!(html.contains("138********"), "the warning masks the phone");
    assert!(html.contains("解读内容检查提示（1 项"));
    let warnings = html
        .split("id=\"h-checks\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("warnings section");
    assert!(!warnings.contains("13812345678"), "{warnings}");
    // Warnings, not blocks: the reviewer approves the interpretation and publishes.
    assert!(html.contains("审核通过并发布"));
    assert_eq!(
        app.post(&format!("/admin/docs/{id}/interpretation/approve"), &[])
            .await
            .status()
            .as_u16(),
        303
    );
    assert_eq!(
        app.post(&format!("/admin/docs/{id}/publish"), &[])
            .await
            .status()
            .as_u16(),
        303
    );
    let doc = gongkai::docs::store::get(&app.db, id).await.expect("doc");
    assert_eq!(doc.state(), gongkai::docs::model::DocState::Published);
    // Once published, the document page no longer lists pre-publication checks.
    let (_, after) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert!(kinds(&after).is_empty());
}

async fn clean_draft_shows_none(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    app.login_ok("pub").await;
    let id = create(
        &app,
        "关于做好夏季市容工作的通知",
        "依据沪城管规〔2024〕3号文件，请各单位做好安排。\n联系电话：021-12345678。",
    )
    .await;
    let (_, form) = app.get_text(&format!("/admin/docs/{id}/edit")).await;
    assert!(kinds(&form).is_empty(), "editor: none");
    app.post(&format!("/admin/docs/{id}/submit"), &[]).await;
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    let (status, html) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert_eq!(status, 200);
    assert!(kinds(&html).is_empty(), "reviewer: none");
    assert!(!html.contains("内容检查提示"));
    assert!(
        html.contains("id=\"checks-clean\""),
        "the check ran and found nothing"
    );
}
