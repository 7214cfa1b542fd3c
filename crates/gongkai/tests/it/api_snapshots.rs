//! Snapshots of the JSON the public API answers with, and of the OpenAPI document.
//!
//! Each test runs on both backends against one snapshot (`snapshots/it__api_snapshots__*.snap`):
//! the answers must not depend on the database. What varies from run to run — database
//! ids, timestamps, today's dates, generated numbers and codes, random draws — is
//! redacted. To accept a change on purpose: `INSTA_UPDATE=always cargo test -p gongkai
//! --test it api_snapshots`, then review the diff of the `.snap` files.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use insta::assert_json_snapshot;
use insta::internals::{Content, Redaction};

use crate::both;
use crate::common::{Backend, TestApp, location, spawn};

both!(
    site_and_units,
    documents,
    search,
    penalties,
    workdays,
    draws,
    foi_progress,
    errors,
    openapi,
);

/// GET a JSON body that must be a success.
async fn ok_json(app: &TestApp, path: &str) -> serde_json::Value {
    let r = app.get(path).await;
    assert_eq!(r.status().as_u16(), 200, "GET {path}");
    r.json().await.expect("JSON body")
}

/// GET a JSON body with the given error status.
async fn error_json(app: &TestApp, path: &str, status: u16) -> serde_json::Value {
    let r = app.get(path).await;
    assert_eq!(r.status().as_u16(), status, "GET {path}");
    r.json().await.expect("JSON body")
}

/// `/xxgk/documents/12` → `/xxgk/documents/[id]`: the number is the database's.
fn url_id() -> Redaction {
    insta::dynamic_redaction(|v, _| {
        let url = v.as_str().unwrap_or_default();
        match url.rsplit_once('/') {
            Some((head, id)) if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) => {
                format!("{head}/[id]")
            }
            _ => url.to_string(),
        }
    })
}

/// A value that varies from run to run, redacted unless it is null: whether it is
/// set does not vary.
fn unless_null(label: &'static str) -> Redaction {
    insta::dynamic_redaction(move |v, _| if v.is_nil() { v } else { Content::from(label) })
}

/// The three documents of the gov.cn fixture, published.
async fn import_documents(app: &TestApp) {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("docs.jsonl");
    std::fs::write(&file, crate::docs::fixture_jsonl()).expect("write");
    gongkai::docs::import::import_govcn(&app.db, &file)
        .await
        .expect("import");
}

async fn site_and_units(b: Backend) {
    let app = spawn(b).await;
    app.unit("徐汇区城管执法局", Some(app.root_unit)).await;
    assert_json_snapshot!("site", ok_json(&app, "/api/v1/site").await);
    assert_json_snapshot!("units", ok_json(&app, "/api/v1/units").await, {
        "[].id" => "[id]",
        "[].parent_id" => unless_null("[id]"),
    });
}

async fn documents(b: Backend) {
    let app = spawn(b).await;
    import_documents(&app).await;
    let list = ok_json(&app, "/api/v1/documents").await;
    assert_json_snapshot!("documents", list, {
        ".items[].id" => "[id]",
        ".items[].url" => url_id(),
    });
    let id = list["items"][0]["id"].as_i64().expect("id");
    assert_json_snapshot!("document", ok_json(&app, &format!("/api/v1/documents/{id}")).await, {
        ".id" => "[id]",
        ".url" => url_id(),
    });
    assert_json_snapshot!(
        "documents_filtered",
        ok_json(&app, "/api/v1/documents?genre=reply&page=1").await,
        {
            ".items[].id" => "[id]",
            ".items[].url" => url_id(),
        }
    );
    // Imported documents are not announced; one published through the workflow is.
    let reviewer = app.user("rev", &[Role::Reviewer]).await;
    let published = crate::docs::draft(&app, "关于开展占道经营行为专项整治的通知", false).await;
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::docs::store::transition(&mut tx, published, DocState::Draft, DocState::Review, None)
        .await
        .expect("submit");
    tx.commit().await.expect("commit");
    let doc = gongkai::docs::store::get(&app.db, published)
        .await
        .expect("doc");
    gongkai::docs::workflow::publish(&app.db, &doc, reviewer, &gongkai::audit::Actor::cli())
        .await
        .expect("publish");
    assert_json_snapshot!("document_changes", ok_json(&app, "/api/v1/documents/changes").await, {
        ".changes[].cursor" => "[cursor]",
        ".changes[].at" => "[timestamp]",
        ".changes[].document_id" => "[id]",
        ".changes[].document.id" => "[id]",
        ".changes[].document.url" => url_id(),
        ".changes[].document.published_on" => "[today]",
        ".next_cursor" => "[cursor]",
    });
}

async fn search(b: Backend) {
    let app = spawn(b).await;
    import_documents(&app).await;
    let s = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("index");
    // 城市 (city): in two of the three titles.
    assert_json_snapshot!("search", ok_json(&app, "/api/v1/search?q=%E5%9F%8E%E5%B8%82").await, {
        ".hits[].url" => url_id(),
    });
}

async fn penalties(b: Backend) {
    let app = spawn(b).await;
    let id = crate::penalty::case(&app, "黄城管罚〔2026〕88号").await;
    crate::penalty::confirm_and_publish(&app, id).await;
    assert_json_snapshot!("penalties", ok_json(&app, "/api/v1/penalties").await, {
        ".items[].id" => "[id]",
        ".items[].published_on" => "[today]",
    });
    assert_json_snapshot!("penalty", ok_json(&app, &format!("/api/v1/penalties/{id}")).await, {
        ".id" => "[id]",
        ".published_on" => "[today]",
    });
}

async fn workdays(b: Backend) {
    let app = spawn(b).await;
    assert_json_snapshot!(
        "workdays_2026",
        ok_json(&app, "/api/v1/workdays/2026").await
    );
    assert_json_snapshot!(
        "workdays_add",
        ok_json(&app, "/api/v1/workdays/add?from=2026-09-28&days=5").await
    );
}

async fn draws(b: Backend) {
    let app = spawn(b).await;
    app.user("insp", &[Role::Enforcer]).await;
    app.login_ok("insp").await;
    for (path, csv, unit) in [
        (
            "/admin/inspect/entities/import",
            crate::inspect::entities_csv(10),
            None,
        ),
        (
            "/admin/inspect/inspectors/import",
            crate::inspect::inspectors_csv(9),
            Some(app.root_unit),
        ),
    ] {
        let r = crate::inspect::upload(&app, path, "x.csv", csv, unit).await;
        assert_eq!(r.status().as_u16(), 303, "{path}");
    }
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
                ("ratio_permille", "300"),
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
    let r = app
        .post(
            "/admin/inspect/plans/1/commit",
            &[("beacon", "中国福利彩票双色球 第2027015期开奖号码")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    let id: i64 = location(&r)
        .rsplit('/')
        .next()
        .and_then(|s| s.parse().ok())
        .expect("id");
    let r = app
        .post(
            &format!("/admin/inspect/draws/{id}/reveal"),
            &[("beacon_value", "03 09 14 22 27 31 + 05")],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    // The seed is random: what it decides (who is drawn, who inspects) is redacted;
    // how many per stratum is not.
    assert_json_snapshot!("draw", ok_json(&app, &format!("/api/v1/draws/{id}")).await, {
        ".commitment" => "[commitment]",
        ".seed" => "[seed]",
        ".result[].entity" => "[entity]",
        ".result[].inspectors[]" => "[inspector]",
        ".result_hash" => "[hash]",
    });
}

async fn foi_progress(b: Backend) {
    let app = spawn(b).await;
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
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/foi/applications"))
        .json(&body)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 201);
    let submitted: serde_json::Value = r.json().await.expect("json");
    let no = submitted["receipt_no"].as_str().expect("no");
    let code = submitted["query_code"].as_str().expect("code");
    assert_json_snapshot!("foi_progress", ok_json(&app, &format!("/api/v1/foi/applications/{no}?code={code}")).await, {
        ".receipt_no" => "[receipt no]",
        ".submitted_on" => "[today]",
        ".received_on" => unless_null("[date]"),
        ".deadline" => unless_null("[date]"),
        ".deadline_explanation" => "[explanation]",
        ".steps[].on" => "[today]",
    });
}

async fn errors(b: Backend) {
    let app = spawn(b).await;
    assert_json_snapshot!(
        "error_not_found",
        error_json(&app, "/api/v1/documents/999999", 404).await
    );
    assert_json_snapshot!(
        "error_conflict",
        error_json(&app, "/api/v1/workdays/2099", 409).await
    );
    assert_json_snapshot!(
        "error_unauthorized",
        error_json(&app, "/api/v1/foi/cases", 401).await
    );
}

async fn openapi(b: Backend) {
    let app = spawn(b).await;
    assert_json_snapshot!("openapi", ok_json(&app, "/api/v1/openapi.json").await);
}
