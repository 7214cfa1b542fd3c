//! Validity of published documents: 有效性, 转化公开 review, replacement by a new version.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, location, spawn};

use super::{doc_form, draft};

both!(
    validity_lifecycle,
    conversion_review,
    superseded_by_a_new_version,
);

async fn validity_lifecycle(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let unit = app.root_unit.to_string();
    app.login_ok("pub").await;
    // A 试行 measure effective 2023-01-01: lapses after 2024-12-31 by default.
    let mut f = doc_form(&unit, "某某管理办法（试行）");
    f.extend([
        ("normative", "on"),
        ("provisional", "on"),
        ("effective_on", "2023-01-01"),
    ]);
    f.retain(|(k, v)| !(*k == "written_on" && *v == "2026-03-02"));
    f.push(("written_on", "2022-12-01"));
    let r = app.post("/admin/docs/new", &f).await;
    assert_eq!(r.status().as_u16(), 303);
    let old: i64 = location(&r)
        .trim_start_matches("/admin/docs/")
        .parse()
        .expect("id");
    assert_eq!(
        store::get(&app.db, old).await.expect("doc").valid_until,
        chrono::NaiveDate::from_ymd_opt(2024, 12, 31)
    );
    let mut f2 = doc_form(&unit, "某某管理办法");
    f2.extend([("normative", "on"), ("effective_on", "2026-04-01")]);
    let r = app.post("/admin/docs/new", &f2).await;
    let new: i64 = location(&r)
        .trim_start_matches("/admin/docs/")
        .parse()
        .expect("id");
    for id in [old, new] {
        app.post(&format!("/admin/docs/{id}/submit"), &[]).await;
    }
    app.post("/admin/logout", &[]).await;
    app.login_ok("rev").await;
    for id in [old, new] {
        assert_eq!(
            app.post(&format!("/admin/docs/{id}/publish"), &[])
                .await
                .status()
                .as_u16(),
            303
        );
    }
    // Shown as 失效 today even before the daily job runs.
    let (_, page) = app.get_text(&format!("/xxgk/documents/{old}")).await;
    assert!(
        page.contains("有效性：<strong>失效</strong>"),
        "validity banner"
    );
    let (_, expired) = app.get_text("/xxgk/proactive?validity=expired").await;
    assert!(
        expired.contains(&format!("/xxgk/documents/{old}\""))
            && !expired.contains(&format!("/xxgk/documents/{new}\""))
    );
    let (_, valid) = app.get_text("/xxgk/proactive?validity=valid").await;
    assert!(
        valid.contains(&format!("/xxgk/documents/{new}\""))
            && !valid.contains(&format!("/xxgk/documents/{old}\""))
    );
    // The daily job records it.
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::jobs::enqueue(
        &mut tx,
        gongkai::jobs::VALIDITY_EXPIRE,
        &serde_json::json!({}),
        gongkai::clock::now(),
    )
    .await
    .expect("enqueue");
    tx.commit().await.expect("commit");
    assert!(gongkai::jobs::run_once(&app.state).await.expect("run"));
    assert_eq!(
        store::get(&app.db, old)
            .await
            .expect("doc")
            .validity
            .as_deref(),
        Some("expired")
    );
    // 已修改: linked to its replacement by 索引号.
    let new_index = store::get(&app.db, new).await.expect("doc").index_no;
    let r = app
        .post(
            &format!("/admin/docs/{old}/validity"),
            &[("validity", "amended"), ("replaced_by", &new_index)],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, page) = app.get_text(&format!("/xxgk/documents/{old}")).await;
    assert!(
        page.contains("已修改") && page.contains(&format!("/xxgk/documents/{new}")),
        "links to the new version"
    );
    // 废止 needs the deciding document.
    let r = app
        .post(
            &format!("/admin/docs/{new}/validity"),
            &[("validity", "repealed")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let r = app
        .post(
            &format!("/admin/docs/{new}/validity"),
            &[
                ("validity", "repealed"),
                ("decision", "沪城管执〔2026〕30号决定废止"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, repealed) = app.get_text("/xxgk/proactive?validity=repealed").await;
    assert!(repealed.contains(&format!("/xxgk/documents/{new}\"")));
    // The warnings page lists nothing expiring (both are no longer valid) but loads.
    assert_eq!(app.get("/admin/docs/warnings").await.status().as_u16(), 200);
}

async fn conversion_review(b: Backend) {
    let app = spawn(b).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let a = draft(&app, "依申请公开的会议纪要", false).await;
    let c = draft(&app, "不予公开的请示", false).await;
    // On request from the start, so their publication is never announced: only a
    // conversion puts a document in the change feed.
    with_db!(&app.db, |p| sqlx::query("UPDATE documents SET disclosure = 'on_request', disclosure_ground = 'process_info' WHERE id IN ($1, $2)")
        .bind(a)
        .bind(c)
        .execute(p)
        .await
        .map(|_| ()))
    .expect("update");
    let mut tx = app.db.begin().await.expect("tx");
    for id in [a, c] {
        store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
            .await
            .expect("t");
        store::publish(
            &mut tx,
            id,
            rev,
            gongkai::clock::now(),
            chrono::NaiveDate::from_ymd_opt(2025, 1, 6).expect("d"),
        )
        .await
        .expect("p");
    }
    tx.commit().await.expect("commit");
    app.login_ok("rev").await;
    let (_, html) = app.get_text("/admin/docs/conversion").await;
    assert!(html.contains("依申请公开的会议纪要") && html.contains("不予公开的请示"));
    // Keeping needs a reason and a later review date.
    let r = app
        .post(
            &format!("/admin/docs/{c}/conversion"),
            &[
                ("decision", "keep"),
                ("reason", ""),
                ("next_review", "2030-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let r = app
        .post(
            &format!("/admin/docs/{c}/conversion"),
            &[
                ("decision", "keep"),
                ("reason", "仍属过程性信息"),
                ("next_review", "2001-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    let r = app
        .post(
            &format!("/admin/docs/{c}/conversion"),
            &[
                ("decision", "keep"),
                ("reason", "仍属过程性信息"),
                ("next_review", "2099-01-01"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let r = app
        .post(
            &format!("/admin/docs/{a}/conversion"),
            &[("decision", "convert"), ("reason", "已无不公开的理由")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let (_, html) = app.get_text("/admin/docs/conversion").await;
    assert!(
        !html.contains("依申请公开的会议纪要") && !html.contains("不予公开的请示"),
        "both reviewed, not due"
    );
    assert!(
        html.contains("<strong id=\"converted-this-year\">1</strong>"),
        "counted for the annual report"
    );
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{a}")).await.0,
        200,
        "converted: public"
    );
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{c}")).await.0,
        404,
        "kept: not public"
    );
    let year = chrono::Datelike::year(&gongkai::clock::today());
    assert_eq!(
        store::conversions_in_year(&app.db, year)
            .await
            .expect("count"),
        1
    );
    // The change feed tells the library about the conversion.
    let v: serde_json::Value = app
        .get("/api/v1/documents/changes")
        .await
        .json()
        .await
        .expect("json");
    let changes = v["changes"].as_array().expect("changes");
    assert!(
        changes
            .iter()
            .any(|c| c["document_id"] == a && c["change"] == "published")
    );
    assert!(
        !changes.iter().any(|change| change["document_id"] == c),
        "kept document never appears"
    );
}

async fn superseded_by_a_new_version(b: Backend) {
    let app = spawn(b).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let old = draft(&app, "旧版通知", false).await;
    let new = draft(&app, "新版通知", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    for id in [old, new] {
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
    }
    tx.commit().await.expect("commit");
    app.login_ok("rev").await;
    let r = app
        .post(
            &format!("/admin/docs/{old}/supersede"),
            &[("replacement", "MB2F300040/2001-00001")],
        )
        .await;
    assert_eq!(
        r.status().as_u16(),
        422,
        "the replacement must exist and be published"
    );
    let new_index = store::get(&app.db, new).await.expect("doc").index_no;
    let r = app
        .post(
            &format!("/admin/docs/{old}/supersede"),
            &[("replacement", new_index.as_str())],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(
        store::get(&app.db, old).await.expect("doc").state(),
        DocState::Superseded
    );
    let (_, list) = app.get_text("/xxgk/proactive").await;
    assert!(
        !list.contains(&format!("/xxgk/documents/{old}\""))
            && list.contains(&format!("/xxgk/documents/{new}\"")),
        "lists show the new version"
    );
    let (status, page) = app.get_text(&format!("/xxgk/documents/{old}")).await;
    assert_eq!(status, 200, "the old address still works");
    assert!(
        page.contains("本文件已被新版本替代")
            && page.contains(&format!("href=\"/xxgk/documents/{new}\""))
    );
    let v: serde_json::Value = app
        .get("/api/v1/documents/changes")
        .await
        .json()
        .await
        .expect("json");
    assert!(
        v["changes"]
            .as_array()
            .expect("a")
            .iter()
            .any(|c| c["change"] == "superseded" && c["document_id"] == old)
    );
}
