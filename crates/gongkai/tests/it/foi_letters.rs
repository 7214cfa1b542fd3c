//! Letters of 依申请公开 fit to send: signed and numbered by the organ (per-organ
//! settings, a sequence per organ and year), the applicant addressed by kind, the
//! decision in prose, the remedy naming the 复议机关; each letter type rendered to
//! PNG. Both backends.

use chrono::{Datelike, NaiveDate};
use gongkai::audit::Actor;
use gongkai::auth::roles::Role;
use gongkai::foi::clock::{Event, Party};
use gongkai::foi::input::NewCase;
use gongkai::foi::model::{ApplicantKind, Channel, DeliveryForm, DeliveryMethod, IdKind};

use crate::both;
use crate::common::{Backend, TestApp, spawn};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

async fn case(app: &TestApp, unit: i64, kind: ApplicantKind, name: &str) -> i64 {
    let natural = kind.is_natural();
    let c = NewCase {
        unit_id: unit,
        channel: Channel::InPerson,
        applicant_kind: kind,
        applicant_name: name.into(),
        id_kind: if natural {
            IdKind::IdCard
        } else {
            IdKind::CreditCode
        },
        id_number: if natural {
            "11010519491231002X".into()
        } else {
            "91310000MA1FL0000X".into()
        },
        legal_rep: String::new(),
        contact_name: String::new(),
        phone: "13800000000".into(),
        email: String::new(),
        address: "上海市某区某路1号".into(),
        postcode: String::new(),
        info_title: String::new(),
        info_doc_no: String::new(),
        info_description: "2025年占道经营查处数量统计。".into(),
        purpose: String::new(),
        delivery_form: DeliveryForm::Paper,
        delivery_method: DeliveryMethod::Post,
        arrived_on: d("2026-03-02"),
    };
    gongkai::foi::case_service::create(&app.db, &c, None, &Actor::cli())
        .await
        .expect("case")
        .id
}

async fn event(app: &TestApp, id: i64, on: &str, e: Event) {
    let cal = gongkai::workdays::calendar(&app.state);
    let case = gongkai::foi::store::get(&app.db, id).await.expect("case");
    gongkai::foi::case_service::append(&app.db, &cal, &case, d(on), e, &Actor::cli())
        .await
        .expect("event");
}

fn replied(outcome: &str, ground: Option<&str>, note: &str) -> Event {
    Event::Replied {
        outcome: outcome.into(),
        ground: ground.map(str::to_string),
        note: note.into(),
    }
}

async fn docx_text(app: &TestApp, path: &str) -> String {
    let r = app.get(path).await;
    assert_eq!(r.status().as_u16(), 200, "{path}");
    let bytes = r.bytes().await.expect("bytes");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("zip");
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").expect("part"), &mut doc)
        .expect("read");
    doc
}

async fn settings(app: &TestApp, unit: i64, signer: &str, review: &str, pattern: &str) -> u16 {
    app.post(
        &format!("/admin/foi/letter-settings/{unit}"),
        &[
            ("signer", signer),
            ("review_organ", review),
            ("number_pattern", pattern),
        ],
    )
    .await
    .status()
    .as_u16()
}

both!(
    letters_are_signed_and_numbered_by_the_organ,
    each_letter_type_renders_to_png_with_an_embedded_font,
);

/// The bureau's letter settings as the demo has them; the status of the POST.
async fn bureau_settings(app: &TestApp) -> u16 {
    settings(
        app,
        app.root_unit,
        "上海市城市管理行政执法局",
        "上海市人民政府",
        "沪城管执依复〔{year}〕{n}号",
    )
    .await
}

async fn letters_are_signed_and_numbered_by_the_organ(b: Backend) {
    let app = spawn(b).await;
    let district = app
        .unit("某区城市管理行政执法局", Some(app.root_unit))
        .await;
    // The district bureau accepts applications and handles them itself.
    let mut tx = app.db.begin().await.expect("tx");
    gongkai::auth::store::set_foi_routing(&mut tx, district, true, Some(district))
        .await
        .expect("route");
    tx.commit().await.expect("commit");
    app.user("boss", &[Role::Admin]).await;
    app.user("handler", &[Role::FoiHandler]).await;
    app.user_in("district_admin", &[Role::Admin], district)
        .await;
    let year = gongkai::clock::today().year();

    // A case before the organ is set up: the letter says so, visibly.
    let early = case(&app, app.root_unit, ApplicantKind::Natural, "张三").await;
    event(&app, early, "2026-03-20", replied("not_held", None, "")).await;
    app.login_ok("handler").await;
    let doc = docx_text(&app, &format!("/admin/foi/{early}/letters/reply.docx")).await;
    assert!(
        doc.contains("文号格式未设置") && doc.contains("复议机关未设置"),
        "{doc}"
    );
    // Only an administrator sets the organ's letters, within their units.
    assert_eq!(bureau_settings(&app).await, 403);
    app.login_ok("district_admin").await;
    assert_eq!(
        settings(
            &app,
            app.root_unit,
            "上海市城市管理行政执法局",
            "上海市人民政府",
            "{n}"
        )
        .await,
        403
    );
    assert_eq!(
        settings(
            &app,
            district,
            "某区城市管理行政执法局",
            "某区人民政府",
            "沪某城管依复〔{year}〕{n}号"
        )
        .await,
        303
    );
    app.login_ok("boss").await;
    let (s, html) = app.get_text("/admin/foi/letter-settings").await;
    assert_eq!(s, 200);
    assert!(
        html.contains("某区人民政府") && html.contains("尚未设置"),
        "{html}"
    );
    let r = app
        .post(
            &format!("/admin/foi/letter-settings/{}", app.root_unit),
            &[
                ("signer", "上海市城市管理行政执法局"),
                ("review_organ", "上海市人民政府"),
                ("number_pattern", "沪城管执依复〔{year}〕号"),
            ],
        )
        .await;
    assert_eq!(r.status().as_u16(), 422);
    assert!(r.text().await.expect("body").contains("须含序号 {n}"));
    assert_eq!(bureau_settings(&app).await, 303);
    let (n,): (i64,) = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'foi.letter_settings'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(n, 2);

    // A natural person: 您; the decision in prose with the article and the ground;
    // the remedy to the organ's 复议机关; signed by the organ; numbered 1.
    let a = case(&app, app.root_unit, ApplicantKind::Natural, "李四").await;
    event(
        &app,
        a,
        "2026-03-20",
        replied("partial", Some("process"), "见附件。"),
    )
    .await;
    let b2 = case(
        &app,
        app.root_unit,
        ApplicantKind::Commercial,
        "某某餐饮有限公司",
    )
    .await;
    event(
        &app,
        b2,
        "2026-03-20",
        replied("withheld", Some("third_party"), ""),
    )
    .await;
    let draft = case(&app, app.root_unit, ApplicantKind::Natural, "王五").await;
    app.login_ok("handler").await;
    let doc = docx_text(&app, &format!("/admin/foi/{a}/letters/reply.docx")).await;
    let first = format!("沪城管执依复〔{year}〕1号");
    assert!(doc.contains(&first), "{doc}");
    assert!(
        doc.contains("收到您提出的") && !doc.contains("您（单位）"),
        "{doc}"
    );
    assert!(
        doc.contains("第三十七条") && doc.contains("过程性信息") && doc.contains("第十六条第二款")
    );
    assert!(
        !doc.contains("部分公开（区分处理，第三十七条）"),
        "never the dropdown label"
    );
    assert!(!doc.contains("。。"), "{doc}");
    assert!(doc.contains("六十日内向上海市人民政府申请行政复议") && doc.contains("第四十六条"));
    assert!(doc.contains(">上海市城市管理行政执法局<") && !doc.contains("法制处"));
    assert!(doc.contains(r#"<w:sz w:val="32"/>"#) && doc.contains(r#"<w:sz w:val="44"/>"#));
    // The same letter again keeps its number; the next letter gets the next one.
    let again = docx_text(&app, &format!("/admin/foi/{a}/letters/reply.docx")).await;
    assert!(again.contains(&first));
    let doc = docx_text(&app, &format!("/admin/foi/{b2}/letters/reply.docx")).await;
    assert!(doc.contains(&format!("沪城管执依复〔{year}〕2号")), "{doc}");
    assert!(
        doc.contains("收到贵单位提出的") && doc.contains("商业秘密、个人隐私"),
        "{doc}"
    );
    // A letter whose step is not recorded yet is a draft and takes no number.
    let doc = docx_text(&app, &format!("/admin/foi/{draft}/letters/reply.docx")).await;
    assert!(doc.contains("草稿，未编号"));
    event(&app, draft, "2026-03-20", replied("provided", None, "")).await;
    let doc = docx_text(&app, &format!("/admin/foi/{draft}/letters/reply.docx")).await;
    assert!(doc.contains(&format!("沪城管执依复〔{year}〕3号")), "{doc}");

    // Another organ has its own sequence and signs its own letters.
    app.user_in("district_handler", &[Role::FoiHandler], district)
        .await;
    let c = case(&app, district, ApplicantKind::Natural, "赵六").await;
    event(&app, c, "2026-03-20", replied("not_held", None, "")).await;
    app.login_ok("district_handler").await;
    let doc = docx_text(&app, &format!("/admin/foi/{c}/letters/reply.docx")).await;
    assert!(doc.contains(&format!("沪某城管依复〔{year}〕1号")), "{doc}");
    assert!(doc.contains(">某区城市管理行政执法局<") && doc.contains("向某区人民政府申请行政复议"));

    let rows: Vec<(String,)> = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT number FROM foi_letters ORDER BY id"
    )
    .fetch_all(p)
    .await)
    .expect("letters");
    assert_eq!(rows.len(), 4, "{rows:?}");
    let (n,): (i64,) = gongkai::with_db!(&app.db, |p| sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'foi.letter_number'"
    )
    .fetch_one(p)
    .await)
    .expect("audit");
    assert_eq!(n, 4);
}

/// Where the PNGs go: `GONGKAI_LETTER_PNG_DIR`, else a temporary folder.
fn png_dir(b: Backend) -> std::path::PathBuf {
    let dir = std::env::var("GONGKAI_LETTER_PNG_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| std::env::temp_dir().join(format!("gongkai-letters-{b:?}")));
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

fn tool(name: &str) -> bool {
    std::process::Command::new(name).arg("-v").output().is_ok()
}

async fn each_letter_type_renders_to_png_with_an_embedded_font(b: Backend) {
    let app = spawn(b).await;
    app.user("boss", &[Role::Admin]).await;
    app.user("handler", &[Role::FoiHandler]).await;
    app.login_ok("boss").await;
    assert_eq!(bureau_settings(&app).await, 303);
    // One case through correction, consultation, extension, fee and reply.
    let id = case(&app, app.root_unit, ApplicantKind::Natural, "李四").await;
    let steps = [
        (
            "2026-03-03",
            Event::CorrectionRequested {
                items: "请写明所需信息的文件名称或者文号、形成时间。".into(),
                period_days: 15,
            },
        ),
        ("2026-03-05", Event::CorrectionReceived),
        (
            "2026-03-06",
            Event::ConsultationStarted {
                party: Party::ThirdParty,
                name: "某某餐饮有限公司".into(),
            },
        ),
        (
            "2026-03-10",
            Event::ConsultationAnswered {
                consultation: 4,
                objects: false,
                opinion: "同意".into(),
            },
        ),
        (
            "2026-03-20",
            Event::ExtensionApproved {
                approver: "办公室主任王某".into(),
                days: 20,
                notified_on: d("2026-03-20"),
                reason: "需要调取档案".into(),
            },
        ),
        (
            "2026-03-23",
            Event::FeeNoticeIssued {
                method: "pages".into(),
                amount: 100,
                detail: "按量收费：31页至60页".into(),
            },
        ),
        ("2026-03-25", Event::FeePaid),
        ("2026-04-10", replied("partial", Some("third_party"), "")),
    ];
    for (on, e) in steps {
        event(&app, id, on, e).await;
    }
    app.login_ok("handler").await;
    let dir = png_dir(b);
    let poppler = tool("pdftoppm");
    if std::env::var("CI").is_ok() {
        assert!(poppler, "CI installs poppler-utils");
    }
    for kind in gongkai::foi::letters::LetterKind::ALL {
        let r = app
            .get(&format!("/admin/foi/{id}/letters/{}.pdf", kind.code()))
            .await;
        assert_eq!(r.status().as_u16(), 200);
        let pdf = r.bytes().await.expect("pdf");
        let path = dir.join(format!("{}.pdf", kind.code()));
        std::fs::write(&path, &pdf).expect("write");
        let docx = app
            .get(&format!("/admin/foi/{id}/letters/{}.docx", kind.code()))
            .await
            .bytes()
            .await
            .expect("docx");
        std::fs::write(dir.join(format!("{}.docx", kind.code())), &docx).expect("write");
        if !poppler {
            eprintln!("pdftoppm missing: {} not rendered", kind.code());
            continue;
        }
        // The font is embedded as a subset (fonts-noto-cjk is installed with poppler).
        let fonts = std::process::Command::new("pdffonts")
            .arg(&path)
            .output()
            .expect("pdffonts");
        let listing = String::from_utf8_lossy(&fonts.stdout).to_string();
        let font_line = listing
            .lines()
            .find(|l| l.contains("NotoSerifCJK"))
            .unwrap_or_else(|| panic!("{}: {listing}", kind.code()));
        let cols: Vec<&str> = font_line.split_whitespace().collect();
        assert!(
            cols.windows(2).any(|w| w == ["yes", "yes"]),
            "embedded and subset: {font_line}"
        );
        let out = std::process::Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-singlefile"])
            .arg(&path)
            .arg(dir.join(kind.code()))
            .output()
            .expect("pdftoppm");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let png = std::fs::read(dir.join(format!("{}.png", kind.code()))).expect("png");
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 5_000,
            "{}",
            kind.code()
        );
        // The text is there to copy: poppler reads it back.
        let text = std::process::Command::new("pdftotext")
            .args(["-layout"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext");
        let text = String::from_utf8_lossy(&text.stdout).replace(' ', "");
        assert!(
            text.contains("上海市城市管理行政执法局"),
            "{}: {text}",
            kind.code()
        );
    }
}
