//! Every back-office route, visited as every role and signed out, gets the
//! outcome its permission says.

use gongkai::auth::roles::Role;

use crate::both;
use crate::common::{Backend, location, spawn};

both!(every_route_every_role);

async fn every_route_every_role(b: Backend) {
    let app = spawn(b).await;
    let routes = gongkai::app::routes();
    let specs = routes.specs().to_vec();
    assert!(specs.len() >= 15, "route table is complete");
    let mut users = Vec::new();
    for role in Role::ALL {
        let name = format!("u_{}", role.code());
        let id = app.user(&name, &[role]).await;
        users.push((role, name, id));
    }
    // A user nobody signs in as: the admin's pass resets their password.
    let sample_user = app.user("target", &[Role::Publisher]).await;
    // A draft document of the root unit for the /admin/docs/{id} routes.
    let doc_id = crate::docs::draft(&app, "路由测试文件", false).await;
    let attachment_id = crate::docs::attachment(&app, doc_id).await;
    // The publisher's pass deletes this one.
    let doomed_attachment = crate::docs::attachment(&app, doc_id).await;
    let case_id = crate::foi::case(&app, "2026-03-02").await;
    let file_id = crate::foi::case_file(&app, case_id).await;
    let penalty_id = crate::penalty::case(&app, "沪城管罚〔2026〕路由1号").await;
    let number_id = crate::penalty::number(&app).await;
    let draw_id = crate::inspect::committed_draw(&app).await;
    let (letter_id, letter_file) = crate::interact::letter_with_file(&app).await;
    let (consult_id, comment_id) = crate::interact::consultation_with_comment(&app).await;
    let (order_id, order_file) = crate::orders::fixture(&app).await;
    let event_id = crate::events::fixture(&app).await;
    let meeting_id = crate::meetings::fixture(&app).await;
    let (interview_id, question_id) = crate::interact_interview::fixture(&app).await;
    let (push_sub, push_platform, push_theme, push_measure, push_doomed, push_message) =
        crate::push::fixture(&app).await;
    // A finished site-check run for /admin/sitecheck/runs/{id}.
    let run_id: i64 = gongkai::with_db!(&app.db, |p| sqlx::query_scalar(
        "INSERT INTO sitecheck_runs (trigger_kind, started_at, finished_at) VALUES ('manual', $1, $1) RETURNING id"
    )
    .bind(gongkai::clock::now())
    .fetch_one(p)
    .await)
    .expect("run");
    // 培训记录: one to open and edit, one the first allowed role deletes.
    let training_id = crate::training::fixture(&app).await;
    let doomed_training = crate::training::fixture(&app).await;
    let concrete = |path: &str| -> String {
        if path == "/admin/annual/records" {
            // Reached from a figure of the report (without one it redirects there).
            "/admin/annual/records?table=three&line=received".to_string()
        } else if path == "/admin/trainings/{id}/delete" {
            path.replace("{id}", &doomed_training.to_string())
        } else if path.starts_with("/admin/trainings/") {
            path.replace("{id}", &training_id.to_string())
        } else if path.starts_with("/admin/sitecheck/runs/") {
            path.replace("{id}", &run_id.to_string())
        } else if path.starts_with("/admin/meetings/") {
            path.replace("{id}", &meeting_id.to_string())
                .replace("{opinion}", "1")
                .replace("{topic}", "1")
        } else if path.starts_with("/admin/events/") {
            path.replace("{id}", &event_id.to_string())
        } else if path.starts_with("/admin/orders/") {
            path.replace("{id}", &order_id.to_string())
                .replace("{file_id}", &order_file.to_string())
        } else if path.starts_with("/admin/inspect/") {
            path.replace("{id}", &draw_id.to_string())
        } else if path.starts_with("/admin/penalties/") {
            path.replace("{id}", &penalty_id.to_string())
        } else if path.starts_with("/admin/numbers/") {
            path.replace("{id}", &number_id.to_string())
        } else if path.starts_with("/admin/foi/") {
            path.replace("{id}", &case_id.to_string())
                .replace("{kind}", "reply")
                .replace("{file}", "reply.pdf")
                .replace("{file_id}", &file_id.to_string())
        } else if path.starts_with("/admin/interact/") {
            path.replace("{id}", &letter_id.to_string())
                .replace("{file_id}", &letter_file.to_string())
                .replace("{action}", "sign")
        } else if path.starts_with("/admin/interviews/") {
            path.replace("{id}", &interview_id.to_string())
                .replace("{q}", &question_id.to_string())
        } else if path.starts_with("/admin/consultations/") {
            path.replace("{id}", &consult_id.to_string())
                .replace("{comment}", &comment_id.to_string())
        } else if path.starts_with("/admin/workdays/") {
            path.replace("{year}", "2026")
        } else if path == "/admin/attachments/{id}/delete" {
            path.replace("{id}", &doomed_attachment.to_string())
        } else if path.starts_with("/admin/attachments/{id}") {
            path.replace("{id}", &attachment_id.to_string())
        } else if path.starts_with("/admin/push/subscribers/{id}") {
            path.replace("{id}", &push_sub.to_string())
        } else if path.starts_with("/admin/push/platforms/{id}") {
            path.replace("{id}", &push_platform.to_string())
        } else if path.starts_with("/admin/push/themes/{id}") {
            path.replace("{id}", &push_theme.to_string())
        } else if path == "/admin/push/measures/{id}/delete" {
            path.replace("{id}", &push_doomed.to_string())
        } else if path.starts_with("/admin/push/measures/{id}") {
            path.replace("{id}", &push_measure.to_string())
        } else if path.starts_with("/admin/push/messages/{id}") {
            path.replace("{id}", &push_message.to_string())
        } else if path.starts_with("/admin/docs/{id}")
            || path.starts_with("/admin/push/documents/{id}")
        {
            path.replace("{id}", &doc_id.to_string())
        } else if path.starts_with("/admin/units/{id}") {
            path.replace("{id}", &app.root_unit.to_string())
        } else {
            path.replace("{id}", &sample_user.to_string())
        }
    };

    // Signed out: every route sends to the login page.
    for spec in &specs {
        let path = concrete(spec.path);
        let r = match spec.method {
            "GET" => app.get(&path).await,
            _ => app.post(&path, &[]).await,
        };
        assert_eq!(
            r.status().as_u16(),
            303,
            "{} {path} signed out",
            spec.method
        );
        assert!(
            location(&r).starts_with("/admin/login"),
            "{} {path}",
            spec.method
        );
    }

    for (role, name, _) in &users {
        let (client, token, r) = app.client_login(name, crate::common::PASSWORD).await;
        let status = r.status().as_u16();
        assert_eq!(
            status,
            303,
            "{name} logs in: {}",
            r.text().await.unwrap_or_default()
        );
        for spec in &specs {
            let path = concrete(spec.path);
            let allowed = role.permissions().contains(&spec.permission);
            let r = match spec.method {
                "GET" => client.get(app.url(&path)).send().await.expect("get"),
                _ => client
                    .post(app.url(&path))
                    .form(&[("csrf_token", token.as_str())])
                    .send()
                    .await
                    .expect("post"),
            };
            let status = r.status().as_u16();
            if allowed {
                assert_ne!(status, 403, "{role:?} may {} {path}", spec.method);
                let to = location(&r);
                assert!(
                    !to.starts_with("/admin/login"),
                    "{role:?} {} {path}: not sent to login",
                    spec.method
                );
                if spec.method == "GET" {
                    assert_eq!(status, 200, "{role:?} GET {path}");
                }
            } else {
                assert_eq!(status, 403, "{role:?} may not {} {path}", spec.method);
            }
        }
        // The navigation shows only what the role may open.
        let html = client
            .get(app.url("/admin"))
            .send()
            .await
            .expect("get")
            .text()
            .await
            .expect("body");
        assert_eq!(
            html.contains("href=\"/admin/users\""),
            *role == Role::Admin,
            "{role:?} nav"
        );
    }
}
