//! 政务新媒体 on both backends: the 便民服务 and 法规云搜索 phone pages (small, no
//! script, the deadline calculator on the working-day calendar, the law search
//! with and without the search index) and the Atom / JSON feed of new documents
//! and interpretations (well-formed XML, newest first, nothing personal).

use crate::both;
use crate::common::{Backend, TestApp, spawn};

both!(
    feeds_newest_first_valid_and_impersonal,
    phone_pages_small_and_working
);

/// Every (title, published, category) of an Atom document, in order; panics on
/// XML that is not well-formed.
fn atom_entries(xml: &str) -> Vec<(String, String, String)> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(xml);
    r.config_mut().check_end_names = true;
    let mut out = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut cur = (String::new(), String::new(), String::new());
    loop {
        let ev = r.read_event().expect("well-formed XML");
        match ev.clone() {
            Event::Start(e) => {
                let name = e.name().0.to_string();
                if name == "entry" {
                    cur = Default::default();
                }
                path.push(name);
            }
            Event::Empty(e)
                if e.name().0 == "category" && path.last().map(String::as_str) == Some("entry") =>
            {
                for a in e.attributes() {
                    let a = a.expect("attribute");
                    if a.key.0 == "term" {
                        cur.2 = a.value.to_string();
                    }
                }
            }
            Event::Text(_) | Event::GeneralRef(_) => {
                let text = match &ev {
                    Event::Text(t) => t.clone().into_inner().to_string(),
                    Event::GeneralRef(r) => {
                        let name = r.clone().into_inner().to_string();
                        quick_xml::escape::unescape(&format!("&{name};"))
                            .expect("known entity")
                            .to_string()
                    }
                    _ => String::new(),
                };
                let in_entry = path.len() >= 2 && path[path.len() - 2] == "entry";
                match path.last().map(String::as_str) {
                    Some("title") if in_entry => cur.0.push_str(&text),
                    Some("published") if in_entry => cur.1.push_str(&text),
                    _ => {}
                }
            }
            Event::End(e) => {
                if e.name().0 == "entry" {
                    out.push(cur.clone());
                }
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(path.is_empty(), "every element closed");
    out
}

fn ts(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(s).unwrap_or_else(|_| panic!("RFC 3339: {s}"))
}

async fn publish_later(app: &TestApp, body: &str) -> i64 {
    // A second later than what was published before: the order is by time.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    crate::sitecheck::publish(app, body).await
}

async fn feeds_newest_first_valid_and_impersonal(b: Backend) {
    let app = spawn(b).await;
    let (doc, interp) =
        crate::portal_home::published_with_interpretation(&app, "关于规范户外广告设置的通知 <&>")
            .await;
    let later = publish_later(
        &app,
        "联系人张三，手机13812345678，身份证号310101199001011234。",
    )
    .await;
    let hidden = crate::docs::draft(&app, "尚未发布的草稿", false).await;

    let r = app.get("/m/feed.atom").await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(
        r.headers()[reqwest::header::CONTENT_TYPE]
            .to_str()
            .expect("type")
            .starts_with("application/atom+xml")
    );
    let xml = r.text().await.expect("body");
    let entries = atom_entries(&xml);
    assert_eq!(
        entries.len(),
        3,
        "two documents and an interpretation: {xml}"
    );
    for w in entries.windows(2) {
        assert!(ts(&w[0].1) >= ts(&w[1].1), "newest first: {entries:?}");
    }
    assert_eq!(
        entries[0].0, "关于网站巡检测试的通知",
        "the later document first"
    );
    assert!(
        entries
            .iter()
            .any(|e| e.0 == "关于规范户外广告设置的通知 <&>" && e.2 == "文件")
    );
    assert!(
        entries
            .iter()
            .any(|e| e.0 == "一图读懂《关于规范户外广告设置的通知 <&>》" && e.2 == "政策解读")
    );
    assert!(xml.contains(&format!("/xxgk/documents/{later}\"")));
    assert!(xml.contains(&format!("/xxgk/documents/{doc}\"")));
    assert!(xml.contains(&format!("/xxgk/interpretations/{interp}\"")));
    assert!(
        !xml.contains(&format!("/xxgk/documents/{hidden}\"")),
        "drafts stay out"
    );
    for personal in ["13812345678", "310101199001011234", "张三"] {
        assert!(!xml.contains(personal), "no personal data in the feed");
    }

    let r = app.get("/m/feed.json").await;
    assert_eq!(r.status().as_u16(), 200);
    let text = r.text().await.expect("body");
    for personal in ["13812345678", "310101199001011234", "张三"] {
        assert!(
            !text.contains(personal),
            "no personal data in the JSON feed"
        );
    }
    let j: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(j["version"], "https://jsonfeed.org/version/1.1");
    let items = j["items"].as_array().expect("items");
    assert_eq!(items.len(), 3);
    let dates: Vec<_> = items
        .iter()
        .map(|i| ts(i["date_published"].as_str().expect("date")))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    assert_eq!(items[0]["title"], "关于网站巡检测试的通知");
    assert!(items.iter().any(|i| {
        i["tags"][0] == "政策解读"
            && i["url"]
                .as_str()
                .is_some_and(|u| u.ends_with(&format!("/xxgk/interpretations/{interp}")))
    }));
}

async fn phone_pages_small_and_working(b: Backend) {
    let app = spawn(b).await;
    let (status, html) = app.get_text("/m/bianmin").await;
    assert_eq!(status, 200);
    let css_href = html
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("style sheet");
    let css = app.get(css_href).await.bytes().await.expect("css");
    assert!(
        html.len() + css.len() <= 100 * 1024,
        "便民服务 with its style sheet: {} bytes",
        html.len() + css.len()
    );
    assert!(!html.contains("<script"), "no script");
    for link in [
        "href=\"/qa\"",
        "href=\"/m/fagui\"",
        "href=\"/ysqgk\"",
        "action=\"/search\"",
    ] {
        assert!(html.contains(link), "{link}");
    }
    assert!(html.contains(&app.state.site.contact));

    // The calculator agrees with the working-day calendar's API.
    let (status, html) = app.get_text("/m/bianmin?from=2026-09-30&days=20").await;
    assert_eq!(status, 200);
    let (_, api) = app
        .get_text("/api/v1/workdays/add?from=2026-09-30&days=20")
        .await;
    let api: serde_json::Value = serde_json::from_str(&api).expect("json");
    let due = chrono::NaiveDate::parse_from_str(api["date"].as_str().expect("date"), "%Y-%m-%d")
        .expect("date");
    assert!(
        html.contains(&format!("{}（", due.format("%Y年%-m月%-d日"))),
        "{due}: {html}"
    );
    assert!(
        due > chrono::NaiveDate::from_ymd_opt(2026, 10, 28).expect("d"),
        "the National Day week is skipped"
    );
    let (status, html) = app.get_text("/m/bianmin?from=2026-09-30&days=0").await;
    assert_eq!(status, 200);
    assert!(html.contains("工作日数应为 1 至 400 的整数"));

    // 法规云搜索: titles from the database before the index is ready, then articles.
    let root = tempfile::tempdir().expect("dir");
    let dir = root.path().join("laws");
    std::fs::create_dir_all(dir.join("地方性法规")).expect("dir");
    std::fs::write(
        dir.join("地方性法规/市容条例.md"),
        "# 上海市市容环境卫生管理条例\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n第一条 为了加强本市市容环境卫生管理，制定本条例。\n\n## 第二章 市容管理\n\n第二十一条 任何单位和个人不得擅自占用道路设摊经营。\n",
    )
    .expect("law");
    gongkai::laws::import_dir(&app.db, &dir, None, false)
        .await
        .expect("laws");
    let (status, html) = app.get_text("/m/fagui").await;
    assert_eq!(status, 200);
    assert!(!html.contains("<script"));
    assert!(html.len() + css.len() <= 100 * 1024);
    if gongkai::sitesearch::index(&app.state).is_none() {
        let (_, html) = app.get_text("/m/fagui?q=市容").await;
        assert!(html.contains("上海市市容环境卫生管理条例"), "{html}");
        assert!(html.contains("找到 1 部法规"));
    }
    let s = gongkai::sitesearch::start(&app.state).expect("search");
    gongkai::sitesearch::reindex(&app.db, &s)
        .await
        .expect("reindex");
    let (status, html) = app.get_text("/m/fagui?q=擅自占用道路").await;
    assert_eq!(status, 200);
    assert!(html.contains("上海市市容环境卫生管理条例"), "{html}");
    assert!(html.contains("href=\"/laws/"), "a big link to the article");
    assert!(html.contains("<b>"), "the words found are marked");
    let (_, html) = app.get_text("/m/fagui?q=没有这样的法规名称").await;
    assert!(html.contains("没有找到相关法规"));
}
