//! Attachments: checked by content, public only with their document.

use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::docs::store;
use gongkai::with_db;

use crate::both;
use crate::common::Backend;

use super::draft;

both!(attachments_checked_by_content,);

async fn attachments_checked_by_content(b: Backend) {
    let app = crate::common::spawn_with(b, |s| s.docs.max_attachment_bytes = 64 * 1024).await;
    app.user("pub", &[Role::Publisher]).await;
    let rev = app.user("rev", &[Role::Reviewer]).await;
    let id = draft(&app, "带附件的通知", false).await;
    app.login_ok("pub").await;
    let token = app.csrf().await;
    let upload = |name: &'static str, bytes: Vec<u8>| {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
        let form = reqwest::multipart::Form::new().part("file", part);
        app.client
            .post(app.url(&format!("/admin/docs/{id}/attachments")))
            .header("x-csrf-token", token.as_str())
            .multipart(form)
            .send()
    };
    let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF".to_vec();
    let r = upload("关于印发《工作要点》的通知.pdf", pdf.clone())
        .await
        .expect("upload");
    assert_eq!(r.status().as_u16(), 303);
    // Refused: content that is not an allowed kind, a name that disagrees, too large.
    let r = upload("恶意.pdf", b"MZ\x90\x00 not a pdf".to_vec())
        .await
        .expect("upload");
    assert_eq!(r.status().as_u16(), 422);
    let r = upload("表格.xlsx", pdf.clone()).await.expect("upload");
    assert_eq!(r.status().as_u16(), 422);
    let mut big = b"%PDF-1.4".to_vec();
    big.resize(200 * 1024, b'0');
    let r = upload("大文件.pdf", big).await.expect("upload");
    assert_eq!(r.status().as_u16(), 413);
    let n: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT COUNT(*) FROM attachments"
    )
    .fetch_one(p)
    .await)
    .expect("count");
    assert_eq!(n, 1, "only the valid file was kept");
    let aid: i64 = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT id FROM attachments"
    )
    .fetch_one(p)
    .await)
    .expect("id");
    let (_, html) = app.get_text(&format!("/admin/docs/{id}")).await;
    assert!(html.contains("关于印发《工作要点》的通知.pdf"));
    // Not public until the document is.
    assert_eq!(
        app.get(&format!("/xxgk/attachments/{aid}"))
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        app.get(&format!("/admin/attachments/{aid}"))
            .await
            .status()
            .as_u16(),
        200,
        "staff can read it"
    );
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
    let r = app.get(&format!("/xxgk/attachments/{aid}")).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    let cd = r.headers()["content-disposition"]
        .to_str()
        .expect("cd")
        .to_string();
    assert!(
        cd.starts_with("attachment;") && cd.contains("filename*=UTF-8''%E5%85%B3%E4%BA%8E"),
        "{cd}"
    );
    assert_eq!(
        r.bytes().await.expect("bytes").to_vec(),
        pdf,
        "the same bytes back"
    );
    let (_, page) = app.get_text(&format!("/xxgk/documents/{id}")).await;
    assert!(
        page.contains(&format!("/xxgk/attachments/{aid}")),
        "listed on the public page"
    );
    // A published document's attachments stay.
    assert_eq!(
        app.post(&format!("/admin/attachments/{aid}/delete"), &[])
            .await
            .status()
            .as_u16(),
        409
    );
}
