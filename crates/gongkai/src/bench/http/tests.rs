use super::*;

fn workload(laws: Vec<i64>) -> Workload {
    Workload {
        doc_ids: vec![3, 5, 8],
        law_ids: laws,
        pages: 2,
        genres: vec!["notice", "reply"],
        years: (2020, 2021),
    }
}

#[test]
fn paths_stay_within_the_data_set() {
    let w = workload(vec![42]);
    let mut rng = Rng(7);
    for n in 0..200 {
        let d = w.path(Page::Document, &mut rng, n);
        let id: i64 = d
            .trim_start_matches("/xxgk/documents/")
            .parse()
            .expect("id");
        assert!(w.doc_ids.contains(&id), "{d}");
        let l = w.path(Page::List, &mut rng, n);
        let page: usize = l
            .trim_start_matches("/xxgk/proactive?page=")
            .parse()
            .expect("page");
        assert!((1..=2).contains(&page), "{l}");
        let f = w.path(Page::ListFiltered, &mut rng, n);
        assert!(f.starts_with("/xxgk/proactive?genre="), "{f}");
        assert!(f.contains("year=2020") || f.contains("year=2021"), "{f}");
        assert!(f.ends_with("&page=1"), "three documents fill one page: {f}");
        assert_eq!(w.path(Page::Law, &mut rng, n), "/laws/42");
    }
}

#[test]
fn filtered_lists_page_up_to_three_when_the_filters_hold_that_many() {
    let mut w = workload(vec![]);
    w.doc_ids = (1..=100_000).collect();
    let mut rng = Rng(3);
    let pages: std::collections::BTreeSet<String> = (0..300)
        .map(|n| w.path(Page::ListFiltered, &mut rng, n))
        .filter_map(|p| p.rsplit_once("&page=").map(|(_, n)| n.to_string()))
        .collect();
    assert_eq!(pages.into_iter().collect::<Vec<_>>(), ["1", "2", "3"]);
}

#[test]
fn names_are_padded_by_display_width() {
    assert_eq!(pad("ab", 4), "ab  ");
    assert_eq!(pad("文件", 6), "文件  ");
    assert_eq!(pad("文件页（同一页）", 4), "文件页（同一页）");
}

#[test]
fn search_cycles_through_every_query() {
    let w = workload(vec![]);
    let mut rng = Rng(1);
    let seen: std::collections::BTreeSet<String> = (0..QUERIES.len())
        .map(|n| w.path(Page::Search, &mut rng, n))
        .collect();
    assert_eq!(seen.len(), QUERIES.len());
    assert_eq!(
        w.path(Page::Search, &mut rng, 0),
        w.path(Page::Search, &mut rng, QUERIES.len())
    );
    assert!(seen.contains("/search?q=%E7%BD%9A%E6%AC%BE"), "{seen:?}"); // 罚款
}

#[test]
fn new_searches_do_not_repeat_within_their_pairs() {
    let w = workload(vec![]);
    let mut rng = Rng(1);
    let pairs = QUERIES.len() * SECOND.len();
    let seen: std::collections::BTreeSet<String> = (0..pairs)
        .map(|n| w.path(Page::SearchNew, &mut rng, n))
        .collect();
    assert_eq!(seen.len(), pairs);
    // 罚款 通知: the query of the cycle, a space, the second word.
    assert!(
        seen.contains("/search?q=%E7%BD%9A%E6%AC%BE+%E9%80%9A%E7%9F%A5"),
        "{seen:?}"
    );
}

#[test]
fn the_mix_follows_its_weights_and_leaves_out_missing_laws() {
    assert!(!workload(vec![]).mix().iter().any(|(p, _)| *p == Page::Law));
    assert!(!workload(vec![]).pages().contains(&Page::Law));
    let w = workload(vec![1]);
    let mix = w.mix();
    assert_eq!(mix.iter().map(|(_, wt)| wt).sum::<u32>(), 100);
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let n = 20_000;
    let docs = (0..n)
        .filter(|_| pick(&mix, &mut rng) == Page::Document)
        .count();
    let laws = (0..n).filter(|_| pick(&mix, &mut rng) == Page::Law).count();
    assert!((9_000..11_000).contains(&docs), "{docs}");
    assert!((1_500..2_500).contains(&laws), "{laws}");
    assert_eq!(pick(&[(Page::Search, 1)], &mut rng), Page::Search);
}

#[test]
fn percentiles_are_nearest_rank() {
    let mut h = Histogram::default();
    assert_eq!(h.percentile_ms(0.99), 0.0);
    for us in (1..=100).rev() {
        h.record(Duration::from_micros(us * 1000));
    }
    assert_eq!(h.percentile_ms(0.5), 50.0);
    assert_eq!(h.percentile_ms(0.99), 99.0);
    assert_eq!(h.percentile_ms(1.0), 100.0);
    let mut other = Histogram {
        errors: 2,
        ..Default::default()
    };
    other.record(Duration::from_secs(1));
    h.merge(other);
    assert_eq!(h.count(), 101);
    assert_eq!(h.errors, 2);
    assert_eq!(h.percentile_ms(1.0), 1000.0);
    let row = Row {
        name: String::new(),
        hist: h,
        elapsed: Duration::from_millis(500),
    };
    assert_eq!(row.rate(), 202.0);
}

#[test]
fn goals_are_judged_against_the_issue() {
    let l = goal_lines(Some(0.62), Some(0.25), (51.0, 12.0), Some(4.9));
    assert_eq!(l[0], "文件页 ÷ nginx = 0.62（目标 ≥ 0.5：达到）");
    assert_eq!(l[1], "列表页 ÷ nginx = 0.25（目标 ≥ 0.3：未达到）");
    assert_eq!(l[2], "搜索 p99 = 51.0 ms（目标 ≤ 50 ms：未达到）");
    assert_eq!(
        l[3],
        "搜索（每次新词组，由索引作答）p99 = 12.0 ms（目标 ≤ 50 ms：达到）"
    );
    assert_eq!(
        l[4],
        "文件页（随机 id，单连接）p99 = 4.9 ms（目标 ≤ 5 ms：达到）"
    );
    let l = goal_lines(None, Some(0.3), (50.0, 50.1), Some(5.1));
    assert!(l[3].contains("未达到"), "{}", l[3]);
    assert!(l[4].contains("未达到"), "{}", l[4]);
    let none = goal_lines(None, None, (50.0, 0.0), None);
    assert!(none[4].contains("未测"), "{}", none[4]);
    assert!(l[0].contains("未测"), "{}", l[0]);
    assert!(
        l[1].ends_with("达到）") && !l[1].contains("未达到"),
        "{}",
        l[1]
    );
    assert!(!l[2].contains("未达到"), "{}", l[2]);
}

#[test]
fn nginx_config_serves_the_folder_on_loopback_in_the_foreground() {
    let c = nginx_config(Path::new("/tmp/p"), Path::new("/tmp/p/www"), 18081, false);
    assert!(c.starts_with("daemon off;\n"), "{c}");
    assert!(c.contains("listen 127.0.0.1:18081;"), "{c}");
    assert!(c.contains("root /tmp/p/www;"), "{c}");
    assert!(c.contains("pid /tmp/p/nginx.pid;"), "{c}");
    assert!(c.contains("access_log off;"), "{c}");
    assert!(c.contains("client_body_temp_path /tmp/p/body;"), "{c}");
    assert!(!c.contains("user "), "{c}");
    assert_eq!(c.matches('{').count(), c.matches('}').count(), "{c}");
    assert!(nginx_config(Path::new("/p"), Path::new("/w"), 1, true).contains("user root;"));
}

#[test]
fn memory_splits_mapped_files_by_what_they_are() {
    let status = "Name:\tgongkai\nVmHWM:\t  204800 kB\nVmRSS:\t  153600 kB\nRssAnon:\t   51200 kB\nRssFile:\t  102400 kB\n";
    let smaps = "\
5575b0000000-5575b2000000 r-xp 00000000 fd:01 123 /usr/bin/gongkai
Size:              32768 kB
Rss:               30720 kB
7f0000000000-7f0001000000 r--s 00000000 fd:01 456 /data/search/g17/abc.store
Size:              16384 kB
Rss:               10240 kB
Pss:               10240 kB
7f0001000000-7f0002000000 r--s 00000000 fd:01 457 /data/search/g17/abc.idx
Rss:                5120 kB
7f0002000000-7f0002100000 rw-p 00000000 00:00 0
Rss:                1024 kB
7f0003000000-7f0003100000 r-xp 00000000 fd:01 789 /usr/lib/x86_64-linux-gnu/libc.so.6
Rss:                2048 kB
";
    let m = Memory::of(status, smaps, "/usr/bin/gongkai");
    assert_eq!(m.rss, 150.0);
    assert_eq!(m.hwm, 200.0);
    assert_eq!(m.anon, 50.0);
    assert_eq!(m.file, 100.0);
    assert_eq!(m.index, 15.0, "the index's two files");
    assert_eq!(m.exe, 30.0, "the executable, not libc");
    // Unreadable files (the process gone) give zeros, not a failure.
    assert_eq!(Memory::of("", "", ""), Memory::default());
}
