//! The demo from the repository alone (issue 12): the demo data folder, the law
//! import's levels and duplicates, the dates machines read, the demo people, and
//! what `serve` does with its address and its log.

use std::io::{BufRead, Read};
use std::process::{Command, Stdio};

use gongkai::auth::roles::Role;
use gongkai::laws::normalise::LEVELS;

use crate::both;
use crate::common::{Backend, spawn};

/// `serve --demo` without `../shared` or `--demo-data`: everything comes from the
/// repository's `crates/gongkai/demo-data`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_from_the_repository_alone() {
    assert!(
        gongkai::config::Settings::default()
            .demo_data_dir()
            .is_none(),
        "no folder outside the repository by default"
    );
    let dir = gongkai::demo::builtin_dir();
    assert!(
        dir.join("SOURCE.md").is_file(),
        "SOURCE note beside the data"
    );
    let app = spawn(Backend::Sqlite).await;
    gongkai::demo::seed(&app.db).await.expect("accounts");
    let loaded = gongkai::demo::load_content(&app.db, &dir, false)
        .await
        .expect("demo content");
    assert!(
        loaded.documents.contains("国务院政策文件 60 件"),
        "{}",
        loaded.documents
    );
    let laws = loaded.laws.expect("laws imported");
    assert!(laws.added >= 1200, "{laws:?}");
    assert!(
        laws.merged
            .iter()
            .any(|(d, k)| d.contains("广告法") && k.contains("广告法")),
        "the two 广告法 merged: {:?}",
        laws.merged
    );

    let (_, docs): (i64, i64) = gongkai::with_db!(&app.db, |p| {
        sqlx::query_as("SELECT 0, COUNT(*) FROM documents WHERE state = 'published'")
            .fetch_one(p)
            .await
    })
    .expect("count");
    assert!(docs >= 61, "{docs} documents");
    let levels = gongkai::laws::store::levels(&app.db).await.expect("levels");
    for (level, _) in &levels {
        assert!(LEVELS.contains(&level.as_str()), "level {level}");
    }
    let ads: i64 = gongkai::with_db!(&app.db, |p| {
        sqlx::query_scalar("SELECT COUNT(*) FROM laws WHERE title = '中华人民共和国广告法'")
            .fetch_one(p)
            .await
    })
    .expect("count");
    assert_eq!(ads, 1, "one 广告法");

    let s = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("reindex");
    // 占道经营
    let v = app
        .get_json("/api/v1/search?q=%E5%8D%A0%E9%81%93%E7%BB%8F%E8%90%A5")
        .await;
    let titles: Vec<&str> = v["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["title"].as_str())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("上海市市容环境卫生管理条例")),
        "{titles:?}"
    );
    let (status, home) = app.get_text("/laws").await;
    assert_eq!(status, 200);
    assert!(home.contains("上海市市容环境卫生管理条例") || home.contains("法规"));
}

const AD_LAW: &str = "# 中华人民共和国广告法\n\n1994年10月27日 通过\n\n<!-- INFO END -->\n\n第一条 为了规范广告活动，制定本法。\n";
const AD_LAW_OLD: &str =
    "# 中华人民共和国广告法\n\n1994年10月27日 通过\n\n<!-- INFO END -->\n\n第一条 旧文本。\n";
const CODE_PART: &str = "# 中华人民共和国民法典\n\n<!-- INFO END -->\n\n第一条 民法典条文。\n";
const CASE: &str = "# 某某诉某公司合同纠纷案\n\n<!-- INFO END -->\n\n第一条 案例。\n";

both!(law_levels_are_normalised_and_duplicates_merged);

async fn law_levels_are_normalised_and_duplicates_merged(b: Backend) {
    let app = spawn(b).await;
    let root = tempfile::tempdir().expect("dir");
    let dir = root.path().join("laws");
    for d in ["经济法", "行政法", "民法典", "案例/民法典"] {
        std::fs::create_dir_all(dir.join(d)).expect("dir");
    }
    // First the copy without metadata only: an older import would have kept it.
    std::fs::write(dir.join("经济法/广告法(2021-04-29).md"), AD_LAW).expect("write");
    let first = gongkai::laws::import_dir(&app.db, &dir, None, false)
        .await
        .expect("import");
    assert_eq!(first.added, 1);
    std::fs::write(dir.join("行政法/广告法(2021-04-29).md"), AD_LAW).expect("write");
    std::fs::write(dir.join("行政法/广告法(2015-04-24).md"), AD_LAW_OLD).expect("write");
    std::fs::write(dir.join("民法典/总则.md"), CODE_PART).expect("write");
    std::fs::write(dir.join("民法典/物权编.md"), CODE_PART).expect("write");
    std::fs::write(dir.join("案例/民法典/某案.md"), CASE).expect("write");
    std::fs::write(
        root.path().join("laws-index.csv"),
        "path,title,level,publish,valid_from,expired\n\
         行政法/广告法(2021-04-29).md,中华人民共和国广告法,法律,2021-04-29,2021-04-29,0\n\
         行政法/广告法(2015-04-24).md,中华人民共和国广告法,法律,2015-04-24,2015-09-01,0\n\
         案例/民法典/某案.md,某某诉某公司合同纠纷案,案例,,,0\n",
    )
    .expect("index");
    let s = gongkai::laws::import_dir(&app.db, &dir, None, false)
        .await
        .expect("import");
    assert_eq!(
        s.merged,
        vec![(
            "经济法/广告法(2021-04-29).md".to_string(),
            "行政法/广告法(2021-04-29).md".to_string()
        )],
        "the copy without dates is merged into the dated one"
    );
    assert_eq!(s.superseded, 1, "the 2015 text is an older version");
    assert!(s.line().contains("合并重复 1 件"), "{}", s.line());
    let rows: Vec<(String, String, bool)> = gongkai::with_db!(&app.db, |p| {
        sqlx::query_as("SELECT path, level, expired FROM laws ORDER BY path")
            .fetch_all(p)
            .await
    })
    .expect("laws");
    let got: Vec<(&str, &str, bool)> = rows
        .iter()
        .map(|(p, l, e)| (p.as_str(), l.as_str(), *e))
        .collect();
    assert_eq!(
        got,
        vec![
            ("案例/民法典/某案.md", "其他", false),
            ("民法典/总则.md", "法律", false),
            ("民法典/物权编.md", "法律", false),
            ("行政法/广告法(2015-04-24).md", "法律", true),
            ("行政法/广告法(2021-04-29).md", "法律", false),
        ],
        "levels normalised, the duplicate removed, the old version lapsed"
    );
    let orphans: i64 = gongkai::with_db!(&app.db, |p| {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM law_articles WHERE law_id NOT IN (SELECT id FROM laws)",
        )
        .fetch_one(p)
        .await
    })
    .expect("count");
    assert_eq!(orphans, 0);
    let (_, html) = app.get_text("/laws?validity=all").await;
    assert!(
        !html.contains("经济法") && !html.contains("案例</"),
        "no category as a level"
    );
}

both!(feed_and_sitemap_use_the_documents_own_dates);

async fn feed_and_sitemap_use_the_documents_own_dates(b: Backend) {
    let app = spawn(b).await;
    let seed = gongkai::demo::builtin_dir().join("seed/2023-work-points.txt");
    assert!(
        gongkai::docs::import::import_seed(&app.db, &seed, None)
            .await
            .expect("seed")
    );
    let (_, xml) = app.get_text("/xxgk/feed.atom").await;
    assert!(
        xml.contains("<published>2023-07-05T00:00:00+08:00</published>")
            && xml.contains("<updated>2023-07-05T00:00:00+08:00</updated>"),
        "the 发布日期, not the import moment: {xml}"
    );
    let (_, sitemap) = app.get_text("/sitemap.xml").await;
    assert!(
        sitemap.contains("<lastmod>2023-07-05</lastmod>"),
        "{sitemap}"
    );

    // An approved revision (edition 2) moves `updated`, not `published`.
    let id: i64 = gongkai::with_db!(&app.db, |p| {
        sqlx::query_scalar("SELECT id FROM documents")
            .fetch_one(p)
            .await
    })
    .expect("id");
    let revised = chrono::DateTime::parse_from_rfc3339("2024-03-01T10:00:00+08:00")
        .expect("date")
        .with_timezone(&chrono::Utc);
    gongkai::with_db!(&app.db, |p| {
        sqlx::query(
            "INSERT INTO document_editions (document_id, edition, change_note, minor, snapshot, author_id, created_at) \
             VALUES ($1, 2, '修订', FALSE, '{}', NULL, $2)",
        )
        .bind(id)
        .bind(revised)
        .execute(p)
        .await
        .map(|r| r.rows_affected())
    })
    .expect("edition");
    let (_, xml) = app.get_text("/xxgk/feed.atom").await;
    assert!(
        xml.contains("<published>2023-07-05T00:00:00+08:00</published>")
            && xml.contains("<updated>2024-03-01T10:00:00+08:00</updated>"),
        "{xml}"
    );
    let (_, sitemap) = app.get_text("/sitemap.xml").await;
    assert!(
        sitemap.contains("<lastmod>2024-03-01</lastmod>"),
        "{sitemap}"
    );
}

both!(demo_has_two_people_for_each_two_person_step);

async fn demo_has_two_people_for_each_two_person_step(b: Backend) {
    let app = spawn(b).await;
    gongkai::demo::seed(&app.db).await.expect("demo");
    for (role, names) in [
        (Role::Enforcer, ["enforcer", "enforcer2"]),
        (Role::Reviewer, ["reviewer", "reviewer2"]),
    ] {
        let mut units = Vec::new();
        for n in names {
            assert!(
                gongkai::demo::USERNAMES.contains(&n),
                "{n} printed with the accounts"
            );
            let u = gongkai::auth::store::find_by_username(&app.db, n)
                .await
                .expect("user")
                .unwrap_or_else(|| panic!("{n} missing"));
            let grants = gongkai::auth::store::grants(&app.db, u.id)
                .await
                .expect("grants");
            let g = grants
                .iter()
                .find(|g| g.role == role)
                .unwrap_or_else(|| panic!("{n} lacks {role:?}"));
            units.push(g.unit_id);
        }
        assert_eq!(
            units[0], units[1],
            "both in the same unit, so each can confirm the other's work"
        );
    }
}

/// `serve --bind 127.0.0.1:0` with its output redirected: links use the address
/// actually served, and the log has no colour codes.
#[test]
fn serve_links_follow_bind_and_the_log_is_plain() {
    let dir = tempfile::tempdir().expect("dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .current_dir(dir.path())
        .env_remove("GONGKAI_CONFIG")
        .env_remove("NO_COLOR")
        .env("GONGKAI__STORAGE__DATA_DIR", dir.path().join("data"))
        .env("RUST_LOG", "gongkai=info")
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut addr = String::new();
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if let Some(rest) = line.split("http://").nth(1)
            && line.contains("已启动")
        {
            addr = rest.split('/').next().unwrap_or_default().to_string();
            break;
        }
    }
    assert!(
        addr.starts_with("127.0.0.1:") && !addr.ends_with(":0"),
        "{addr}"
    );
    let rt = tokio::runtime::Runtime::new().expect("rt");
    let (sitemap, feed) = rt.block_on(async {
        let get = |p: &str| reqwest::get(format!("http://{addr}{p}"));
        let s = get("/sitemap.xml")
            .await
            .expect("sitemap")
            .text()
            .await
            .expect("body");
        let f = get("/xxgk/feed.atom")
            .await
            .expect("feed")
            .text()
            .await
            .expect("body");
        (s, f)
    });
    let _ = child.kill();
    let mut log = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut log)
        .expect("log");
    let _ = child.wait();
    assert!(
        sitemap.contains(&format!("<loc>http://{addr}/xxgk</loc>")),
        "{sitemap}"
    );
    assert!(
        feed.contains(&format!("http://{addr}/xxgk/feed.atom")),
        "{feed}"
    );
    assert!(!sitemap.contains("127.0.0.1:8080"));
    assert!(!log.is_empty(), "the server logged something");
    assert!(
        !log.contains('\u{1b}'),
        "no ANSI codes in a redirected log: {log:?}"
    );
}
