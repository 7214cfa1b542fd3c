//! `gongkai bench http` on a tiny data set: the structure and the data of what it
//! prints (every page type answered without errors, the writes acknowledged, the
//! memory and the cold start on the kept data), never its speed.

use std::process::Command;

fn bench(keep: &std::path::Path, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .env_remove("GONGKAI_CONFIG")
        .env("RUST_LOG", "error")
        .args(["bench", "http", "--count", "200", "--seconds", "1"])
        .args(["--connections", "4", "--writes", "8", "--keep"])
        .arg(keep)
        .args(extra)
        .output()
        .expect("run gongkai bench http");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The row starting with `name`: (requests, errors).
fn row(out: &str, name: &str) -> (u64, u64) {
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with(name))
        .unwrap_or_else(|| panic!("no row {name}:\n{out}"));
    let cols: Vec<&str> = line.split_whitespace().collect();
    let n = cols.len();
    assert!(n >= 6, "{line}");
    for c in &cols[n - 4..n - 1] {
        assert!(c.parse::<f64>().is_ok(), "{line}");
    }
    (
        cols[n - 5].parse().expect("requests"),
        cols[n - 1].parse().expect("errors"),
    )
}

#[test]
fn bench_http_measures_every_page_type_and_reuses_its_data_set() {
    let dir = tempfile::tempdir().expect("dir");
    let keep = dir.path().join("set");
    let out = bench(&keep, &[]);
    assert!(out.contains("数据集：生成 200 件文件"), "{out}");
    assert!(
        out.contains("gongkai bench http — 200 件已发布文件"),
        "{out}"
    );
    assert!(out.contains("（本次新建索引）"), "{out}");
    for name in [
        "文件页（随机 id）",
        "列表页（随机页码）",
        "筛选列表（体裁+年份）",
        "搜索（12 词轮换）",
        "搜索（每次新词组）",
        "文件页（同一页）",
        "列表页（第 1 页）",
        "混合·文件页（随机 id）",
        "混合·搜索（12 词轮换）",
        "混合·合计",
        "混合·写入",
    ] {
        let (requests, errors) = row(&out, name);
        assert!(requests > 0, "{name}: no request answered\n{out}");
        assert_eq!(errors, 0, "{name}: failed requests\n{out}");
    }
    assert!(!out.contains("法规页"), "no laws were imported:\n{out}");
    let nginx = out.lines().any(|l| l.starts_with("nginx 同一文件页字节"));
    if nginx {
        assert_eq!(row(&out, "nginx 同一文件页字节").1, 0, "{out}");
        assert!(out.contains("文件页 ÷ nginx = "), "{out}");
        assert!(out.contains("列表页 ÷ nginx = "), "{out}");
    } else {
        assert!(out.contains("文件页 ÷ nginx：未测"), "{out}");
    }
    assert!(out.contains("搜索 p99 = "), "{out}");
    assert!(
        out.contains("搜索（每次新词组，由索引作答）p99 = "),
        "{out}"
    );
    assert!(out.contains("服务内存：VmRSS "), "{out}");
    assert!(out.contains("索引直接打开，未重建"), "{out}");
    assert!(keep.join("bench-http.txt").is_file());

    // The kept data set is reused: nothing generated, the index not rebuilt.
    let again = bench(&keep, &["--no-nginx"]);
    assert!(again.contains("数据集：沿用"), "{again}");
    assert!(!again.contains("数据集：生成"), "{again}");
    assert!(again.contains("（索引沿用）"), "{again}");
    assert!(again.contains("文件页 ÷ nginx：未测"), "{again}");
    assert_eq!(row(&again, "文件页（随机 id）").1, 0, "{again}");
}
