use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

#[test]
fn two_weeks_rule_on_the_calendar() {
    let r = Rule {
        n: 2,
        unit: Unit::Week,
    };
    let last = d("2026-06-01");
    assert_eq!(r.fresh_until(last), d("2026-06-15"));
    assert!(matches!(
        freshness(r, Some(last), d("2026-06-15")),
        Freshness::Fresh { .. }
    ));
    assert_eq!(
        freshness(r, Some(last), d("2026-06-16")),
        Freshness::Stale {
            since: d("2026-06-16")
        }
    );
    // Across the year's end.
    assert_eq!(r.fresh_until(d("2026-12-25")), d("2027-01-08"));
}

#[test]
fn six_months_rule_clamps_to_the_end_of_the_month() {
    let r = Rule {
        n: 6,
        unit: Unit::Month,
    };
    assert_eq!(r.fresh_until(d("2025-08-31")), d("2026-02-28"));
    assert_eq!(r.fresh_until(d("2023-08-31")), d("2024-02-29"));
    assert_eq!(r.fresh_until(d("2026-01-15")), d("2026-07-15"));
    assert!(matches!(
        freshness(r, Some(d("2025-08-31")), d("2026-03-01")),
        Freshness::Stale { .. }
    ));
}

#[test]
fn one_year_rule_and_leap_day() {
    let r = Rule {
        n: 1,
        unit: Unit::Year,
    };
    assert_eq!(r.fresh_until(d("2024-02-29")), d("2025-02-28"));
    assert_eq!(
        freshness(r, Some(d("2024-02-29")), d("2025-03-01")),
        Freshness::Stale {
            since: d("2025-03-01")
        }
    );
}

#[test]
fn an_empty_column_is_a_failure_of_its_own() {
    let r = Rule {
        n: 1,
        unit: Unit::Day,
    };
    assert_eq!(freshness(r, None, d("2026-01-01")), Freshness::Empty);
    assert!(FindingKind::EmptyColumn.is_failure());
    assert!(FindingKind::StaleColumn.is_failure());
    assert!(!FindingKind::MissingAlt.is_failure());
}

#[test]
fn page_facts_read_links_images_title_and_resources() {
    let html = r#"<!doctype html><html><head><title> 首页 </title>
<link rel="stylesheet" href="http://cdn.example.com/a.css"><link rel="canonical" href="http://x">
<!-- <a href="/commented"> --></head><body>
<a href="/xxgk?page=2&amp;year=2026">next</a><a class=x href='https://gov.cn/'>gov</a>
<img src="/a.png" alt=""><img src="/b.png"><img alt="图" src="http://img.example.com/c.png">
<script src="/static/app.js"></script><a name="top">anchor</a></body></html>"#;
    let f = page_facts(html);
    assert_eq!(f.title.as_deref(), Some("首页"));
    assert_eq!(f.links, vec!["/xxgk?page=2&year=2026", "https://gov.cn/"]);
    assert_eq!(f.images_without_alt, vec!["/b.png"]);
    let mixed: Vec<_> = f.resources.iter().filter(|r| is_mixed(r)).collect();
    assert_eq!(
        mixed,
        vec![
            "http://cdn.example.com/a.css",
            "http://img.example.com/c.png"
        ]
    );
    assert_eq!(page_facts("<html><title></title></html>").title, None);
    assert_eq!(page_facts("<p>no head</p>").title, None);
}

#[test]
fn links_are_classified_relative_to_the_page() {
    let own = vec!["https://www.example.gov.cn".to_string()];
    let c = |h: &str| classify(h, "/xxgk/documents/5?x=1", &own);
    assert_eq!(c("/a#b"), Target::Internal("/a".into()));
    assert_eq!(c("print"), Target::Internal("/xxgk/documents/print".into()));
    assert_eq!(
        c("?page=2"),
        Target::Internal("/xxgk/documents/5?page=2".into())
    );
    assert_eq!(
        c("https://www.example.gov.cn/xxgk"),
        Target::Internal("/xxgk".into())
    );
    assert_eq!(
        c("https://www.example.gov.cn.evil.com/"),
        Target::External("https://www.example.gov.cn.evil.com/".into())
    );
    assert_eq!(
        c("http://www.gov.cn/"),
        Target::External("http://www.gov.cn/".into())
    );
    assert_eq!(c("#top"), Target::Skip);
    assert_eq!(c("mailto:a@b.cn"), Target::Skip);
    assert_eq!(c("tel:12345"), Target::Skip);
}

#[test]
fn attribute_values_are_decoded_as_templates_escape_them() {
    assert_eq!(decode_entities("?a=1&#38;b=2&amp;c=&#x26;"), "?a=1&b=2&c=&");
    assert_eq!(
        decode_entities("&#60;x&#62; &quot;q&quot; & alone &zz;"),
        "<x> \"q\" & alone &zz;"
    );
    let f = page_facts(r#"<a href="/xxgk/proactive.xlsx?year=&#38;topic=">x</a>"#);
    assert_eq!(f.links, vec!["/xxgk/proactive.xlsx?year=&topic="]);
}

#[test]
fn sitemap_locations() {
    let xml = "<urlset><url><loc>https://x.cn/</loc></url><url><loc> https://x.cn/a?b=1&amp;c=2 </loc></url></urlset>";
    assert_eq!(
        sitemap_locs(xml),
        vec!["https://x.cn/", "https://x.cn/a?b=1&c=2"]
    );
}

#[test]
fn url_keys_join_reports_and_findings() {
    let own = vec!["https://cgzf.sh.gov.cn".to_string()];
    assert_eq!(
        url_key("https://cgzf.sh.gov.cn/xxgk/documents/5#top", &own),
        "/xxgk/documents/5"
    );
    assert_eq!(url_key("HTTPS://CGZF.sh.gov.cn/xxgk/", &own), "/xxgk");
    assert_eq!(url_key("https://cgzf.sh.gov.cn", &own), "/");
    assert_eq!(url_key("https://cgzf.sh.gov.cn/?a=1", &own), "/?a=1");
    assert_eq!(url_key("/laws?q=市容", &own), "/laws?q=市容");
    assert_eq!(
        url_key(" https://www.gov.cn/zhengce/ ", &own),
        "https://www.gov.cn/zhengce/",
        "another site's address is kept whole"
    );
    assert_eq!(
        url_key("https://cgzf.sh.gov.cn.evil.example/xxgk", &own),
        "https://cgzf.sh.gov.cn.evil.example/xxgk"
    );
    assert_eq!(
        url_key("http://127.0.0.1:8080/a", &["http://127.0.0.1:8080".into()]),
        "/a"
    );
}
