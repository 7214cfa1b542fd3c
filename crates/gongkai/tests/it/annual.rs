//! The annual report on both backends: fixtures inserted for 2025 (FOI cases,
//! 复议/诉讼 entered through the staff form, normative documents, a 规章, penalty
//! decisions); every row of tables 二, 三 and 四 equals the count made by hand;
//! drill-down lists the records; the report cannot go out with text left to fill
//! in, then becomes a 年报 document that is reviewed and published on the portal.

use gongkai::annual::report;
use gongkai::auth::roles::Role;
use gongkai::docs::model::DocState;
use gongkai::foi::model::{Ground, Row};
use gongkai::with_db;

use crate::both;
use crate::common::{Backend, TestApp, spawn};

both!(annual_report_counts_equal_hand_counts_and_publish);

/// A FOI case with its facts set as the table needs them.
async fn foi_case(
    app: &TestApp,
    kind: &str,
    received: &str,
    concluded: Option<&str>,
    outcome: Option<&str>,
) -> i64 {
    let id = crate::foi::case(app, received).await;
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE foi_cases SET applicant_kind = $1, received_on = $2, concluded_on = $3, outcome = $4, \
         status = CASE WHEN $3 IS NULL THEN status ELSE 'closed' END WHERE id = $5"
    )
    .bind(kind)
    .bind(d(received))
    .bind(concluded.map(d))
    .bind(outcome)
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("case facts");
    id
}

/// The organ of unit `id` as the report sees it.
pub async fn organ(app: &TestApp, id: i64) -> gongkai::annual::organ::Organ {
    let units = gongkai::auth::store::all_units(&app.db)
        .await
        .expect("units");
    gongkai::annual::organ::Organ::of(&units, id).expect("an organ")
}

async fn normative(app: &TestApp, title: &str, doc_no: &str, normative: bool, sql: &str) -> i64 {
    let id = crate::docs::draft(app, title, false).await;
    with_db!(&app.db, |p| sqlx::query(&format!(
        "UPDATE documents SET state = 'published', normative = $1, doc_no = $2 {sql} WHERE id = $3"
    ))
    .bind(normative)
    .bind(doc_no)
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("doc facts");
    id
}

async fn penalty(app: &TestApp, no: &str, on: &str, cents: i64) {
    let id = crate::penalty::case(app, no).await;
    with_db!(&app.db, |p| sqlx::query(
        "UPDATE penalty_cases SET decided_on = $1, fine_cents = $2 WHERE id = $3"
    )
    .bind(chrono::NaiveDate::parse_from_str(on, "%Y-%m-%d").expect("date"))
    .bind(cents)
    .bind(id)
    .execute(p)
    .await
    .map(|r| r.rows_affected()))
    .expect("penalty");
}

async fn proceeding(app: &TestApp, case: i64, kind: &str, filed: &str, outcome: &str, done: &str) {
    let r = app
        .post(
            &format!("/admin/foi/{case}/proceedings/new"),
            &[
                ("kind", kind),
                ("filed_on", filed),
                ("outcome", outcome),
                ("concluded_on", done),
                ("note", ""),
            ],
        )
        .await;
    assert!(r.status().is_redirection(), "{kind} {}", r.status());
}

async fn annual_report_counts_equal_hand_counts_and_publish(b: Backend) {
    let app = spawn(b).await;
    app.user("ar_office", &[Role::FoiHandler, Role::Publisher])
        .await;
    let reviewer = app.user("ar_reviewer", &[Role::Reviewer]).await;

    // Table 三 fixtures (see the hand counts below).
    let c1 = foi_case(
        &app,
        "natural",
        "2024-12-20",
        Some("2025-01-10"),
        Some("provided"),
    )
    .await;
    let c2 = foi_case(
        &app,
        "natural",
        "2025-03-02",
        Some("2025-03-20"),
        Some("withheld:third_party"),
    )
    .await;
    let c3 = foi_case(&app, "commercial", "2025-12-25", None, None).await;
    let c4 = foi_case(
        &app,
        "legal_service",
        "2025-05-01",
        Some("2025-05-20"),
        Some("given_up"),
    )
    .await;
    let c5 = foi_case(
        &app,
        "research",
        "2025-06-01",
        Some("2025-06-15"),
        Some("not_held"),
    )
    .await;
    let c6 = foi_case(
        &app,
        "natural",
        "2025-07-01",
        Some("2025-07-10"),
        Some("partial"),
    )
    .await;
    let _ = (c1, c3, c4);

    // Table 四 through the staff form.
    app.login_ok("ar_office").await;
    proceeding(&app, c2, "review", "2025-04-10", "upheld", "2025-06-01").await;
    proceeding(&app, c2, "suit_after_review", "2025-06-20", "pending", "").await;
    proceeding(&app, c6, "review", "2025-08-01", "corrected", "2025-09-01").await;
    proceeding(&app, c5, "suit_direct", "2025-12-01", "pending", "").await;
    // A result entered without its date is refused.
    let r = app
        .post(
            &format!("/admin/foi/{c5}/proceedings/new"),
            &[
                ("kind", "review"),
                ("filed_on", "2025-12-02"),
                ("outcome", "upheld"),
                ("concluded_on", ""),
            ],
        )
        .await;
    let text = r.text().await.expect("text");
    assert!(text.contains("请填写审结日期"));
    // The direct suit is decided in January 2026: still 尚未审结 in 2025.
    let rows = gongkai::annual::store::proceedings_of(&app.db, c5)
        .await
        .expect("q");
    let r = app
        .post(
            &format!("/admin/foi/{c5}/proceedings/{}", rows[0].id),
            &[
                ("id", &rows[0].id.to_string()),
                ("outcome", "other"),
                ("concluded_on", "2026-01-15"),
            ],
        )
        .await;
    assert!(r.status().is_redirection());

    // Table 二 fixtures.
    let a = normative(
        &app,
        "甲规范性文件",
        "沪城管规〔2025〕1号",
        true,
        ", written_on = '2025-03-01'",
    )
    .await;
    let bdoc = normative(
        &app,
        "乙规范性文件",
        "沪城管规〔2023〕2号",
        true,
        ", written_on = '2023-05-01', validity = 'repealed', validity_changed_on = '2025-06-01'",
    )
    .await;
    let cdoc = normative(
        &app,
        "丙规范性文件",
        "沪城管规〔2021〕3号",
        true,
        ", written_on = '2021-01-01', valid_until = '2025-04-30'",
    )
    .await;
    let rule = normative(
        &app,
        "丁规章",
        "上海市人民政府令第12号",
        false,
        ", written_on = '2025-02-01'",
    )
    .await;
    normative(
        &app,
        "一般通知",
        "沪城管执〔2025〕9号",
        false,
        ", written_on = '2025-02-01'",
    )
    .await;
    let _ = (bdoc, cdoc);
    penalty(&app, "沪城管罚〔2025〕1号", "2025-03-02", 50_000).await;
    penalty(&app, "沪城管罚〔2025〕2号", "2025-11-30", 120_000).await;
    penalty(&app, "沪城管罚〔2026〕1号", "2026-01-05", 99_999).await;

    let c = report::compute(&app.state, 2025, &organ(&app, app.root_unit).await)
        .await
        .expect("compute");
    // 表二, by hand: 甲 issued and in force; 乙 repealed 2025-06-01; 丙 lapsed
    // 2025-05-01; before the year 乙 and 丙 were in force.
    assert_eq!(
        (
            c.two.normative.issued,
            c.two.normative.repealed,
            c.two.normative.in_force
        ),
        (1, 1, 1)
    );
    assert_eq!(c.two.normative.in_force_before, 2);
    assert_eq!(
        (
            c.two.rules.issued,
            c.two.rules.repealed,
            c.two.rules.in_force
        ),
        (1, 0, 1)
    );
    assert_eq!(c.two.penalties, 2);
    assert_eq!(c.two.fines_cents, 170_000);
    assert!(c.two.violations.is_empty() && c.two.anomalies.is_empty());
    // 表三, by hand, columns 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计.
    let t = &c.three;
    assert_eq!(t.new, [2, 1, 1, 0, 1, 0, 5]);
    assert_eq!(t.carried_in, [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(t.total, [3, 0, 1, 0, 1, 0, 5]);
    assert_eq!(t.carried_out, [0, 1, 0, 0, 0, 0, 1]);
    let row = |r: Row| {
        t.results
            .iter()
            .find(|(x, _)| *x == r)
            .map(|(_, c)| *c)
            .expect("row")
    };
    assert_eq!(row(Row::Disclosed), [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(row(Row::Partial), [1, 0, 0, 0, 0, 0, 1]);
    assert_eq!(
        row(Row::Withheld(Ground::ThirdParty)),
        [1, 0, 0, 0, 0, 0, 1]
    );
    assert_eq!(row(Row::NotHeld), [0, 0, 1, 0, 0, 0, 1]);
    assert_eq!(row(Row::GivenUp), [0, 0, 0, 0, 1, 0, 1]);
    let other_rows: i64 = t
        .results
        .iter()
        .filter(|(r, _)| {
            !matches!(
                r,
                Row::Disclosed
                    | Row::Partial
                    | Row::Withheld(Ground::ThirdParty)
                    | Row::NotHeld
                    | Row::GivenUp
            )
        })
        .map(|(_, c)| c[6])
        .sum();
    assert_eq!(other_rows, 0);
    assert!(t.violations.is_empty());
    // 表四, by hand.
    assert_eq!(c.four.cells[0], [1, 1, 0, 0, 2]);
    assert_eq!(c.four.cells[1], [0, 0, 0, 1, 1]);
    assert_eq!(c.four.cells[2], [0, 0, 0, 1, 1]);
    assert!(c.four.anomalies.is_empty() && c.four.violations.is_empty());

    // The page shows the tables; every figure drills down to its records.
    let (status, page) = app.get_text("/admin/annual?year=2025").await;
    assert_eq!(status, 200);
    assert!(page.contains("四、政府信息公开行政复议、行政诉讼情况"));
    let (_, recs) = app
        .get_text("/admin/annual/records?year=2025&table=three&line=new&col=6")
        .await;
    assert!(recs.contains("计入的记录（5）"), "{recs}");
    let (_, recs) = app
        .get_text("/admin/annual/records?year=2025&table=two&line=normative&col=in_force")
        .await;
    assert!(recs.contains(&format!("/admin/docs/{a}")) && recs.contains("计入的记录（1）"));
    let (_, recs) = app
        .get_text("/admin/annual/records?year=2025&table=two&line=rules&col=issued")
        .await;
    assert!(recs.contains(&format!("/admin/docs/{rule}")));
    let (_, recs) = app
        .get_text("/admin/annual/records?year=2025&table=four&line=0&col=1")
        .await;
    assert!(recs.contains(&format!("/admin/foi/{c6}")) && recs.contains("计入的记录（1）"));
    let (_, recs) = app
        .get_text("/admin/annual/records?year=2025&table=two&line=penalties")
        .await;
    assert!(recs.contains("计入的记录（2）"));

    // Not with text left to fill in; then a 年报 document, reviewed and published.
    let draft = report::default_draft(&c);
    let r = app
        .post(
            "/admin/annual/draft",
            &[
                ("year", "2025"),
                ("overview", &draft.overview),
                ("problems", &draft.problems),
                ("other_matters", &draft.other_matters),
                ("licences", "3"),
                ("coercions", "0"),
                ("fees_yuan", "0"),
                ("action", "document"),
            ],
        )
        .await;
    let text = r.text().await.expect("text");
    assert!(text.contains("还有【请填写】的内容"), "blocked");
    let r = app
        .post(
            "/admin/annual/draft",
            &[
                ("year", "2025"),
                ("overview", "2025年，本局认真贯彻落实条例。"),
                ("problems", "一是解读形式单一；二是办理时限管理需加强。"),
                ("other_matters", "本年度未收取信息处理费。"),
                ("licences", "3"),
                ("coercions", "0"),
                ("fees_yuan", "0"),
                ("action", "document"),
            ],
        )
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let d = gongkai::annual::store::draft(&app.db, 2025, app.root_unit)
        .await
        .expect("q")
        .expect("draft");
    let doc_id = d.document_id.expect("document written");
    let doc = gongkai::docs::store::get(&app.db, doc_id)
        .await
        .expect("doc");
    assert_eq!(doc.column_kind.code(), "annual_report");
    assert_eq!(doc.state(), DocState::Draft);
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::docs::store::transition(&mut tx, doc_id, DocState::Draft, DocState::Review, None)
        .await
        .expect("review");
    tx.commit().await.expect("commit");
    let doc = gongkai::docs::store::get(&app.db, doc_id)
        .await
        .expect("doc");
    gongkai::docs::workflow::publish(&app.db, &doc, reviewer, &gongkai::audit::Actor::system())
        .await
        .expect("publish");
    // DOCX and PDF, the PDF rendered to PNG (GONGKAI_ANNUAL_PNG_DIR keeps them).
    let dir = std::env::var("GONGKAI_ANNUAL_PNG_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join(format!("gongkai-annual-{b:?}")));
    std::fs::create_dir_all(&dir).expect("dir");
    let docx = app
        .get("/admin/annual/report.docx?year=2025")
        .await
        .bytes()
        .await
        .expect("docx");
    assert!(docx.starts_with(b"PK"), "docx is a zip");
    std::fs::write(dir.join("annual-2025.docx"), &docx).expect("write");
    let pdf = app
        .get("/admin/annual/report.pdf?year=2025")
        .await
        .bytes()
        .await
        .expect("pdf");
    assert!(pdf.starts_with(b"%PDF"));
    let path = dir.join("annual-2025.pdf");
    std::fs::write(&path, &pdf).expect("write");
    if std::process::Command::new("pdftoppm")
        .arg("-v")
        .output()
        .is_ok()
    {
        let out = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "60"])
            .arg(&path)
            .arg(dir.join("annual-2025"))
            .output()
            .expect("pdftoppm");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::process::Command::new("pdftotext")
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout).replace([' ', '\n'], "");
        for want in [
            "2025年政府信息公开工作年度报告",
            // 表四's one row of figures: 复议 1 1 0 0 2, 直接起诉 0 0 0 1 1, 复议后起诉 0 0 0 1 1.
            "110020001100011",
            "未经复议直接起诉",
            "一是解读形式单一",
        ] {
            assert!(text.contains(want), "pdf has {want}: {text}");
        }
    } else if std::env::var("CI").is_ok() {
        panic!("CI installs poppler-utils");
    }

    let (_, list) = app.get_text("/xxgk/annual-reports").await;
    assert!(
        list.contains("2025年政府信息公开工作年度报告"),
        "listed under 政府信息公开年报"
    );
    let (status, public) = app.get_text(&format!("/xxgk/documents/{doc_id}")).await;
    assert_eq!(status, 200);
    for want in [
        "本年新收",
        "结果维持",
        "行政规范性文件",
        "<table",
        "一是解读形式单一",
    ] {
        assert!(public.contains(want), "public report has {want}");
    }
    assert!(
        !public.contains("李四"),
        "no applicant names on the public report"
    );
    let actions: Vec<String> = with_db!(&app.db, |p| sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'annual.%' OR action LIKE 'foi.proceeding_%' ORDER BY seq"
    )
    .fetch_all(p)
    .await)
    .expect("audit");
    assert_eq!(
        actions
            .iter()
            .filter(|a| *a == "foi.proceeding_add")
            .count(),
        4
    );
    assert!(actions.contains(&"foi.proceeding_outcome".to_string()));
    assert!(actions.contains(&"annual.document".to_string()));
}
