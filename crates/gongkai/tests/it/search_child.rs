//! `serve` builds a large first search index in a child `gongkai reindex`, so the
//! build's memory leaves with the child (issue 23: RSS at a million documents).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The demo's first start with `storage.search_build_child_min_items = 1`: the index
/// is built by a child process, the server switches to it and search answers from
/// it; nothing falls back to a build in the server.
#[test]
fn a_large_first_build_runs_in_a_child_process() {
    let dir = tempfile::tempdir().expect("dir");
    let log_path = dir.path().join("serve.log");
    let log_file = std::fs::File::create(&log_path).expect("log file");
    let child = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .current_dir(dir.path())
        .env_remove("GONGKAI_CONFIG")
        .env("GONGKAI__STORAGE__DATA_DIR", dir.path().join("data"))
        .env("GONGKAI__STORAGE__SEARCH_BUILD_CHILD_MIN_ITEMS", "1")
        .env("GONGKAI__DEMO__FETCH_MODEL", "false")
        .env("GONGKAI__JOBS__RUN_IN_SERVER", "false")
        .env("RUST_LOG", "gongkai=info")
        .env("NO_COLOR", "1")
        .args(["serve", "--demo", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(log_file)
        .spawn()
        .expect("spawn");
    // Killed however the test ends.
    struct Server(std::process::Child);
    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut server = Server(child);
    let stdout = server.0.stdout.take().expect("stdout");
    let mut addr = String::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if let Some(rest) = line.split("http://").nth(1)
            && line.contains("已启动")
        {
            addr = rest.split('/').next().unwrap_or_default().to_string();
            break;
        }
    }
    // Wait for the switch (a bound for a hung build, not a speed assertion).
    let start = Instant::now();
    let log = loop {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        // The server's own line after the switch and the catch-up (`search.items=`),
        // not the child's "search index built by a child process" before them.
        if log.contains("search index built search.items=")
            || start.elapsed() > Duration::from_secs(600)
        {
            break log;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    gongkai::init_crypto();
    let rt = tokio::runtime::Runtime::new().expect("rt");
    let page = rt.block_on(async {
        reqwest::get(format!(
            "http://{addr}/search?q=%E5%B9%BF%E5%91%8A%E6%B3%95"
        ))
        .await
        .expect("search")
        .text()
        .await
        .expect("body")
    });
    drop(server);
    assert!(
        log.contains("search index built by a child process"),
        "the child built the index: {log}"
    );
    assert!(
        log.contains("search index switched to a new build"),
        "{log}"
    );
    assert!(!log.contains("改在本进程重建"), "no fallback: {log}");
    assert!(
        page.contains("中华人民共和国广告法"),
        "search answers from the child's build"
    );
    // The server's index folder holds the child's generation, named in CURRENT.
    let search = dir.path().join("data/search");
    let current = std::fs::read_to_string(search.join("CURRENT")).expect("CURRENT");
    assert!(
        search.join(current.trim()).join("cursor.json").is_file(),
        "the current generation is a finished build"
    );
}
