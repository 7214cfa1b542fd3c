//! 政策解读: an interpretation goes out with its policy, with its images and videos.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store;
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, spawn};

use super::draft;

both!(
    interpretation_goes_out_with_its_policy,
    interpretation_media,
);

async fn interpretation_goes_out_with_its_policy(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "关于加强占道经营管理的通知", true).await;
    app.login_ok("pub").await;
    app.post(&format!("/admin/docs/{id}/submit"), &[]).await;
    app.post("/admin/logout", &[]).await;

    app.login_ok("rev").await;
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(
        r.status().as_u16(),
        409,
        "blocked without an interpretation"
    );
    assert!(r.text().await.expect("body").contains("需要政策解读"));
    app.post("/admin/logout", &[]).await;

    app.login_ok("pub").await;
    let r = app
        .post(
            &format!("/admin/docs/{id}/interpretation"),
            &[
                ("title", "一图读懂占道经营管理"),
                ("form", "graphic"),
                ("body", "解读正文。"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 303);
    // The author of the interpretation cannot approve it (and has no review role anyway).
    assert_eq!(
        app.post(&format!("/admin/docs/{id}/interpretation/approve"), &[])
            .await
            .status()
            .as_u16(),
        403
    );
    app.post("/admin/logout", &[]).await;

    app.login_ok("rev").await;
    let r = app.post(&format!("/admin/docs/{id}/publish"), &[]).await;
    assert_eq!(
        r.status().as_u16(),
        409,
        "a draft interpretation still blocks"
    );
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

    let doc = store::get(&app.db, id).await.expect("doc");
    let interp = store::interpretation_of(&app.db, id)
        .await
        .expect("q")
        .expect("interp");
    assert_eq!(interp.state.code(), "published");
    assert_eq!(
        doc.published_at, interp.published_at,
        "published at the same instant"
    );
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        page.contains(&format!("/xxgk/interpretations/{}", interp.id)),
        "policy links to its interpretation"
    );
    let (status, ipage) = app
        .get_text(&format!("/xxgk/interpretations/{}", interp.id))
        .await;
    assert_eq!(status, 200);
    assert!(
        ipage.contains(&format!("/xxgk/documents/{id}")) && ipage.contains("图解"),
        "interpretation links back"
    );
    let api: serde_json::Value = app
        .get(&format!("/api/v1/documents/{id}"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        api["interpretation_url"],
        format!("/xxgk/interpretations/{}", interp.id)
    );

    // Withdrawing the policy withdraws its interpretation.
    app.post(
        &format!("/admin/docs/{id}/withdraw"),
        &[("reason", "内部调整")],
    )
    .await;
    let interp = store::interpretation_of(&app.db, id)
        .await
        .expect("q")
        .expect("interp");
    assert_eq!(interp.state.code(), "withdrawn");
    assert_eq!(
        app.get_text(&format!("/xxgk/interpretations/{}", interp.id))
            .await
            .0,
        404
    );
    assert_eq!(
        app.get_text(&format!("/xxgk/documents/{id}")).await.0,
        404,
        "internal reason: the page is gone"
    );
}

async fn interpretation_media(b: Backend) {
    let app = spawn(b).await;
    app.user("pub", &[Role::Publisher]).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "带图解的通知", true).await;
    app.login_ok("pub").await;
    app.post(
        &format!("/admin/docs/{id}/interpretation"),
        &[("title", "图解"), ("form", "graphic"), ("body", "说明。")],
    )
    .await;
    let token = app.csrf().await;
    let described = |name: &'static str, bytes: Vec<u8>, path: String, text: &'static str| {
        let form = reqwest::multipart::Form::new()
            .text("description", text)
            .part(
                "file",
                reqwest::multipart::Part::bytes(bytes).file_name(name),
            );
        app.client
            .post(app.url(&path))
            .header("x-csrf-token", token.as_str())
            .multipart(form)
            .send()
    };
    let upload = |name: &'static str, bytes: Vec<u8>, path: String| {
        let form = reqwest::multipart::Form::new().part(
            "file",
            reqwest::multipart::Part::bytes(bytes).file_name(name),
        );
        app.client
            .post(app.url(&path))
            .header("x-csrf-token", token.as_str())
            .multipart(form)
            .send()
    };
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    let mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00isommp42".to_vec();
    let ipath = format!("/admin/docs/{id}/interpretation/attachments");
    // An image needs a description (its alt text), and not its file name.
    for (text, why) in [("", "请填写图片说明"), ("一图读懂.png", "不能只写文件名")]
    {
        let r = described("一图读懂.png", png.clone(), ipath.clone(), text)
            .await
            .expect("up");
        assert_eq!(r.status().as_u16(), 422, "{text:?}");
        assert!(r.text().await.expect("body").contains(why));
    }
    assert_eq!(
        described(
            "一图读懂.png",
            png,
            ipath.clone(),
            "执法流程：立案、调查、决定三步"
        )
        .await
        .expect("up")
        .status()
        .as_u16(),
        303
    );
    assert_eq!(
        upload("解读视频.mp4", mp4.clone(), ipath)
            .await
            .expect("up")
            .status()
            .as_u16(),
        303
    );
    // A video is not a document attachment.
    let r = upload("视频.mp4", mp4, format!("/admin/docs/{id}/attachments"))
        .await
        .expect("up");
    assert_eq!(r.status().as_u16(), 422);
    let (_, form) = app
        .get_text(&format!("/admin/docs/{id}/interpretation"))
        .await;
    assert!(form.contains("一图读懂.png") && form.contains("解读视频.mp4"));
    assert!(
        form.contains("执法流程：立案、调查、决定三步"),
        "the description listed"
    );
    let ids: Vec<i64> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM attachments WHERE purpose = 'interpretation' ORDER BY id"
    )
    .fetch_all(p)
    .await)
    .expect("ids");
    assert_eq!(ids.len(), 2);
    // Publish both (interpretation approved by the reviewer).
    let iid = store::interpretation_of(&app.db, id)
        .await
        .expect("q")
        .expect("interp")
        .id;
    let mut tx = app.db.begin().await.expect("tx");
    store::approve_interpretation(&mut tx, iid, rev)
        .await
        .expect("approve");
    store::transition(&mut tx, id, DocState::Draft, DocState::Review, None)
        .await
        .expect("t");
    tx.commit().await.expect("commit");
    assert_eq!(
        app.get(&format!("/xxgk/attachments/{}", ids[0]))
            .await
            .status()
            .as_u16(),
        404,
        "not before publication"
    );
    let doc = store::get(&app.db, id).await.expect("doc");
    gongkai::docs::workflow::publish(&app.db, &doc, rev, &gongkai::audit::Actor::system())
        .await
        .expect("publish");
    let (_, page) = app.get_text(&format!("/xxgk/interpretations/{iid}")).await;
    assert!(
        page.contains(&format!(
            "<img src=\"/xxgk/attachments/{}\" alt=\"执法流程：立案、调查、决定三步\">",
            ids[0]
        )),
        "{page}"
    );
    assert!(
        !page.contains("alt=\"一图读懂.png\""),
        "never the file name"
    );
    assert!(page.contains(&format!(
        "<video controls preload=\"metadata\" src=\"/xxgk/attachments/{}\">",
        ids[1]
    )));
    let r = app.get(&format!("/xxgk/attachments/{}", ids[1])).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "video/mp4");
    let (_, doc_page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        !doc_page.contains("一图读懂.png"),
        "interpretation media stay on the interpretation page"
    );
}
