//! Security findings (issue 14): tests that fail before the fix.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, TestApp, location, spawn, spawn_with};

both!(
    search_go_redirects_only_to_public_site_paths,
    withdrawn_penalty_case_shows_only_number_and_notice,
    idempotency_key_is_bound_to_the_payload,
    security_and_cache_headers,
    retention_erases_files_free_text_and_event_data,
);

// Finding 4: open redirect through /search/go.
async fn search_go_redirects_only_to_public_site_paths(b: Backend) {
    let app = spawn(b).await;
    for to in [
        "/%09/evil.example",
        "/%0D/evil.example",
        "/%5C/evil.example",
        "/%5Cevil.example",
        "//evil.example",
        "https://evil.example",
        "/admin/users",
        "/xxgk/documents/1/../../admin",
        "/xxgk/documents/1%09",
    ] {
        let r = app.get(&format!("/search/go?q=x&to={to}")).await;
        assert_eq!(
            r.status().as_u16(),
            404,
            "{to} must not redirect (Location: {:?})",
            location(&r)
        );
    }
    for to in [
        "/xxgk/documents/12",
        "/xxgk/interpretations/3",
        "/laws/4%23a17",
        "/enforcement/penalties/5",
        "/enforcement/random/results",
    ] {
        let r = app.get(&format!("/search/go?q=x&to={to}")).await;
        assert!(r.status().is_redirection(), "{to}: {}", r.status());
        assert!(location(&r).starts_with('/'), "{}", location(&r));
    }
}

async fn published_then_withdrawn_penalty(app: &TestApp) -> i64 {
    use gongkai::penalty::model::PenaltyState;
    use gongkai::penalty::service;
    use gongkai::penalty::store::{self, Change};
    let id = crate::penalty::case(app, "黄城管罚〔2026〕99号").await;
    let actor = gongkai::audit::Actor::cli();
    crate::penalty::confirm_and_publish(app, id).await;
    let today = gongkai::clock::today();
    let c = store::get(&app.db, id).await.expect("case");
    service::change(
        &app.db,
        &c,
        PenaltyState::Published,
        Change::Withdraw {
            on: today,
            kind: "revoked".into(),
            reason: "复议决定撤销".into(),
            event_on: today,
        },
        gongkai::penalty::PenaltyAction::Withdraw,
        "撤回".into(),
        &actor,
    )
    .await
    .expect("withdraw");
    id
}

// Finding 5: a withdrawn case keeps only its number and the notice, everywhere.
async fn withdrawn_penalty_case_shows_only_number_and_notice(b: Backend) {
    let app = spawn(b).await;
    let id = published_then_withdrawn_penalty(&app).await;
    let c = gongkai::penalty::store::get(&app.db, id)
        .await
        .expect("case");
    let r = app.get(&format!("/api/v1/penalties/{id}")).await;
    assert_eq!(r.status().as_u16(), 200);
    let v: serde_json::Value = r.json().await.expect("json");
    let keys: Vec<&str> = v
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["decision_no", "id", "withdrawn"], "{v}");
    assert_eq!(v["decision_no"], "黄城管罚〔2026〕99号");
    assert!(
        v["withdrawn"]
            .as_str()
            .is_some_and(|w| w.contains("撤回") && w.contains("复议决定撤销")),
        "{v}"
    );
    let body = v.to_string();
    for secret in [&c.masked_party, &c.masked_facts, &c.basis, &c.authority] {
        assert!(!body.contains(secret.as_str()), "{secret} in {body}");
    }
    // The page, the list, the export and the search index show nothing more.
    let (s, html) = app.get_text(&format!("/enforcement/penalties/{id}")).await;
    assert_eq!(s, 200);
    assert!(html.contains("黄城管罚〔2026〕99号") && html.contains("复议决定撤销"));
    assert!(!html.contains(&c.masked_facts) && !html.contains(&c.authority));
    let list = app.get_json("/api/v1/penalties").await;
    assert_eq!(list["total"], 0, "{list}");
}

fn foi_body(unit: i64, name: &str, id_number: &str, what: &str) -> serde_json::Value {
    serde_json::json!({
        "unit_id": unit.to_string(),
        "applicant_kind": "natural",
        "applicant_name": name,
        "id_kind": "id_card",
        "id_number": id_number,
        "phone": "13912345678",
        "email": "wxm@example.cn",
        "info_description": what,
        "delivery_form": "email",
        "delivery_method": "email"
    })
}

// Finding 9: an idempotency key replays only the same payload.
async fn idempotency_key_is_bound_to_the_payload(b: Backend) {
    let app = spawn(b).await;
    let c = reqwest::Client::new();
    let send = |body: serde_json::Value| {
        c.post(app.url("/api/v1/foi/applications"))
            .header("Idempotency-Key", "order-1001")
            .json(&body)
            .send()
    };
    let first_body = foi_body(
        app.root_unit,
        "王小明",
        "11010519491231002X",
        "渣土车辆备案名单",
    );
    let r = send(first_body.clone()).await.expect("post");
    assert_eq!(r.status().as_u16(), 201);
    let first: serde_json::Value = r.json().await.expect("json");
    let code = first["query_code"].as_str().expect("code").to_string();

    // Someone else, same key, other data: refused, and no receipt or query code.
    let r = send(foi_body(
        app.root_unit,
        "李四",
        "11010519491231002X",
        "另一个申请",
    ))
    .await
    .expect("post");
    assert_eq!(r.status().as_u16(), 409);
    let text = r.text().await.expect("body");
    assert!(!text.contains(&code), "{text}");
    assert!(
        !text.contains(first["receipt_no"].as_str().expect("no")),
        "{text}"
    );
    assert!(text.contains("Idempotency-Key"), "{text}");

    // A genuine retry of the same payload still replays.
    let r = send(first_body).await.expect("retry");
    assert_eq!(r.status().as_u16(), 200);
    let again: serde_json::Value = r.json().await.expect("json");
    assert_eq!(again["receipt_no"], first["receipt_no"]);

    // The portal form's random key follows the same rule.
    let unit = app.root_unit.to_string();
    let form = |name: &'static str, what: &'static str| {
        vec![
            ("unit_id", unit.clone()),
            ("applicant_kind", "natural".to_string()),
            ("applicant_name", name.to_string()),
            ("id_kind", "id_card".to_string()),
            ("id_number", "11010519491231002X".to_string()),
            ("phone", "13912345678".to_string()),
            ("info_description", what.to_string()),
            ("email", "wxm@example.cn".to_string()),
            ("delivery_form", "email".to_string()),
            ("delivery_method", "email".to_string()),
            ("idempotency_key", "form-key-1".to_string()),
        ]
    };
    let a = form("王小明", "第一份申请");
    let fields: Vec<(&str, &str)> = a.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post("/ysqgk/apply", &fields).await;
    assert_eq!(r.status().as_u16(), 200);
    let html = r.text().await.expect("body");
    let portal_code = html
        .split("<dd id=\"query-code\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("query code")
        .to_string();
    let other = form("赵六", "第二份申请");
    let fields: Vec<(&str, &str)> = other.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let r = app.post("/ysqgk/apply", &fields).await;
    assert_eq!(r.status().as_u16(), 409);
    let html = r.text().await.expect("body");
    assert!(!html.contains(&portal_code), "query code leaked");
}

// Finding 13: HSTS on https sites, no-store on back-office pages and staff downloads.
async fn security_and_cache_headers(b: Backend) {
    let app = spawn_with(b, |s| {
        s.server.public_url = "https://gongkai.example.cn".into();
    })
    .await;
    let r = app.get("/").await;
    assert_eq!(
        r.headers()
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok()),
        Some("max-age=31536000")
    );
    let plain = spawn(b).await;
    let r = plain.get("/").await;
    assert!(r.headers().get("strict-transport-security").is_none());
    let r = plain.get("/admin/login").await;
    assert_eq!(
        r.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );

    plain.user("handler", &[Role::FoiHandler]).await;
    plain.login_ok("handler").await;
    let case = crate::foi::case(&plain, "2026-03-02").await;
    let file = crate::foi::case_file(&plain, case).await;
    for path in [
        format!("/admin/foi/{case}"),
        format!("/admin/foi/{case}/files/{file}"),
    ] {
        let r = plain.get(&path).await;
        assert_eq!(r.status().as_u16(), 200, "{path}");
        assert_eq!(
            r.headers()
                .get("cache-control")
                .and_then(|v| v.to_str().ok()),
            Some("no-store"),
            "{path}"
        );
    }
}

// Finding 14: retention erasure removes files, free text and event details.
async fn retention_erases_files_free_text_and_event_data(b: Backend) {
    use gongkai::foi::clock::{Event, Party};
    let app = spawn(b).await;
    let old = crate::foi::case(&app, "2026-03-02").await;
    let file = crate::foi::case_file(&app, old).await;
    let f = gongkai::foi::store::file(&app.db, file)
        .await
        .expect("file");
    let blob = app
        .state
        .settings
        .files_dir()
        .join(&f.sha256[..2])
        .join(&f.sha256);
    assert!(blob.exists());
    let case = gongkai::foi::store::get(&app.db, old).await.expect("case");
    let cal = gongkai::workdays::calendar(&app.state);
    gongkai::foi::case_service::append(
        &app.db,
        &cal,
        &case,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 3).expect("date"),
        Event::ConsultationStarted {
            party: Party::ThirdParty,
            name: "王五 13900001111".into(),
        },
        &gongkai::audit::Actor::cli(),
    )
    .await
    .expect("event");
    // A second case keeps the same stored file (same bytes): the blob must stay.
    let keep = crate::foi::case(&app, "2026-03-02").await;
    crate::foi::case_file(&app, keep).await;
    let keep_blob_used = blob.clone();

    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE foi_cases SET status = 'archived', concluded_on = $1 WHERE id = $2"
    )
    .bind(chrono::NaiveDate::from_ymd_opt(2015, 5, 1))
    .bind(old)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("age it");
    gongkai::foi::daily(&app.state).await.expect("daily");

    let erased = gongkai::foi::store::get(&app.db, old).await.expect("case");
    assert!(erased.anonymised);
    assert!(
        !erased.info_description.contains("占道经营"),
        "{}",
        erased.info_description
    );
    assert!(
        gongkai::foi::store::files(&app.db, old)
            .await
            .expect("files")
            .is_empty()
    );
    assert!(
        keep_blob_used.exists(),
        "a blob still used by another case stays"
    );
    let events = gongkai::foi::store::events(&app.db, old)
        .await
        .expect("events");
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["arrived", "consultation_started"]);
    for e in &events {
        assert!(
            !e.data.contains("王五") && !e.data.contains("13900001111"),
            "{}",
            e.data
        );
        assert!(e.dated().is_some(), "event data still readable: {}", e.data);
    }
    let n: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'foi.erase' AND object_id = $1"
    )
    .bind(old.to_string())
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(n, 1);

    // Once the other case is erased too, nothing references the blob: it is deleted.
    gongkai::with_db!(&app.db, |p| sqlx::query(
        "UPDATE foi_cases SET status = 'archived', concluded_on = $1 WHERE id = $2"
    )
    .bind(chrono::NaiveDate::from_ymd_opt(2015, 5, 1))
    .bind(keep)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("age it");
    gongkai::foi::daily(&app.state).await.expect("daily");
    assert!(!blob.exists(), "the identity scan is deleted from disk");
}

// Finding 17: restore accepts only a plain file name in the backup folder; backups are private.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_paths_outside_the_backup_and_symlinks() {
    use std::os::unix::fs::PermissionsExt;
    let app = spawn(Backend::Sqlite).await;
    let settings = app.state.settings.clone();
    std::fs::create_dir_all(settings.files_dir().join("ab")).expect("files dir");
    std::fs::write(settings.files_dir().join("ab/blob"), b"%PDF-1.4").expect("file");
    let out = tempfile::tempdir().expect("dir");
    let target = out.path().join("backup");
    gongkai::backup::backup(&app.db, &settings, &target)
        .await
        .expect("backup");

    // A database file elsewhere, named by a relative or absolute path.
    let elsewhere = out.path().join("other.db");
    std::fs::copy(target.join("gongkai.db"), &elsewhere).expect("copy");
    let manifest_path = target.join("manifest.json");
    let original = std::fs::read_to_string(&manifest_path).expect("manifest");
    let fresh = crate::common::TestDb::new(Backend::Sqlite);
    let s2 = crate::common::settings_for(&fresh);
    for bad in [
        "../other.db".to_string(),
        elsewhere.display().to_string(),
        "files/ab/blob".to_string(),
        String::new(),
    ] {
        let mut m: serde_json::Value = serde_json::from_str(&original).expect("json");
        m["database_file"] = bad.clone().into();
        std::fs::write(&manifest_path, m.to_string()).expect("write");
        let e = gongkai::backup::restore(&s2, &target, false).await;
        assert!(e.is_err(), "restore from {bad:?} must be refused");
    }
    std::fs::write(&manifest_path, &original).expect("write");

    // The database file as a symlink.
    std::fs::rename(target.join("gongkai.db"), out.path().join("real.db")).expect("move");
    std::os::unix::fs::symlink(out.path().join("real.db"), target.join("gongkai.db"))
        .expect("symlink");
    let e = gongkai::backup::restore(&s2, &target, false).await;
    assert!(e.is_err(), "a symlinked database file must be refused");
    std::fs::remove_file(target.join("gongkai.db")).expect("rm");
    std::fs::rename(out.path().join("real.db"), target.join("gongkai.db")).expect("move");

    // A symlink among the files.
    std::fs::write(out.path().join("secret.txt"), b"secret").expect("secret");
    std::os::unix::fs::symlink(out.path().join("secret.txt"), target.join("files/ab/link"))
        .expect("symlink");
    let e = gongkai::backup::restore(&s2, &target, false).await;
    assert!(e.is_err(), "a symlink among the files must be refused");
    assert!(!s2.files_dir().join("ab/link").exists());
    std::fs::remove_file(target.join("files/ab/link")).expect("rm");

    // Backups are readable by their owner only.
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&target), 0o700);
    assert_eq!(mode(&target.join("files")), 0o700);
    assert_eq!(mode(&target.join("files/ab")), 0o700);
    assert_eq!(mode(&target.join("manifest.json")), 0o600);
    assert_eq!(mode(&target.join("gongkai.db")), 0o600);
    assert_eq!(mode(&target.join("files/ab/blob")), 0o600);
}
